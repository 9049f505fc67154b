//! The member registry: countries (with the South American countries shipped), member cities
//! and their membership history, bodies, their member cities, and terms.

use crate::versioned;
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The countries of South America, with their relation to Mercosur in 2011–2012.
const COUNTRIES: &[(&str, &str, &str, &str, &str)] = &[
    ("AR", "Argentina", "Argentina", "Argentina", "state_party"),
    ("BO", "Bolivia", "Bolívia", "Bolivia", "associate_state"),
    ("BR", "Brasil", "Brasil", "Brazil", "state_party"),
    ("CL", "Chile", "Chile", "Chile", "associate_state"),
    ("CO", "Colombia", "Colômbia", "Colombia", "associate_state"),
    ("EC", "Ecuador", "Equador", "Ecuador", "associate_state"),
    ("GY", "Guyana", "Guiana", "Guyana", "other"),
    ("PY", "Paraguay", "Paraguai", "Paraguay", "state_party"),
    ("PE", "Perú", "Peru", "Peru", "associate_state"),
    ("SR", "Surinam", "Suriname", "Suriname", "other"),
    ("UY", "Uruguay", "Uruguai", "Uruguay", "state_party"),
    (
        "VE",
        "Venezuela",
        "Venezuela",
        "Venezuela",
        "associate_state",
    ),
];

/// When the reference data was shipped, as a literal both engines read as a UTC instant.
const SHIPPED_AT: &str = "'2026-11-24T00:00:00+00:00'";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(versioned(
                Table::create()
                    .table("countries")
                    .col(char_len("code", 2).primary_key())
                    .col(string_len("name_es", 200))
                    .col(string_len("name_pt", 200))
                    .col(string_len("name_en", 200))
                    .col(string_len("mercosur_status", 32))
                    .to_owned(),
            ))
            .await?;

        manager
            .create_table(versioned(
                Table::create()
                    .table("cities")
                    .col(pk_uuid("id"))
                    .col(string_len("name", 200))
                    .col(char_len("country_code", 2))
                    .col(big_integer_null("population"))
                    .col(string_len("membership_status", 32))
                    .col(date_null("joined_on"))
                    .col(string_len_null("contact_address", 500))
                    .col(string_len_null("contact_phone", 100))
                    .col(string_len_null("contact_email", 254))
                    .col(string_len_null("website", 500))
                    .foreign_key(
                        ForeignKey::create()
                            .from("cities", "country_code")
                            .to("countries", "code")
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            ))
            .await?;
        index(manager, "cities", "country_code").await?;
        index(manager, "cities", "name").await?;
        index(manager, "cities", "updated_at").await?;

        manager
            .create_table(
                Table::create()
                    .table("city_membership_events")
                    .col(pk_uuid("id"))
                    .col(uuid("city_id"))
                    .col(string_len("status", 32))
                    .col(date("since"))
                    .col(timestamp_with_time_zone("recorded_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .from("city_membership_events", "city_id")
                            .to("cities", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        index(manager, "city_membership_events", "city_id").await?;

        manager
            .create_table(versioned(
                Table::create()
                    .table("bodies")
                    .col(pk_uuid("id"))
                    .col(string_len("kind", 32))
                    .col(string_len_null("name_es", 200))
                    .col(string_len_null("name_pt", 200))
                    .col(string_len_null("name_en", 200))
                    .col(string_len_null("acronym", 32))
                    .col(text_null("description_es"))
                    .col(text_null("description_pt"))
                    .col(text_null("description_en"))
                    .to_owned(),
            ))
            .await?;
        index(manager, "bodies", "kind").await?;
        index(manager, "bodies", "updated_at").await?;

        manager
            .create_table(
                Table::create()
                    .table("body_members")
                    .col(uuid("body_id"))
                    .col(uuid("city_id"))
                    .col(date_null("since"))
                    .col(timestamp_with_time_zone("created_at"))
                    .primary_key(Index::create().col("body_id").col("city_id"))
                    .foreign_key(
                        ForeignKey::create()
                            .from("body_members", "body_id")
                            .to("bodies", "id")
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from("body_members", "city_id")
                            .to("cities", "id")
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        index(manager, "body_members", "city_id").await?;

        manager
            .create_table(versioned(
                Table::create()
                    .table("terms")
                    .col(pk_uuid("id"))
                    .col(uuid("body_id"))
                    .col(uuid("city_id"))
                    .col(string_len("role", 32))
                    .col(date("starts_on"))
                    .col(date_null("ends_on"))
                    .col(string_len_null("note", 1000))
                    .foreign_key(
                        ForeignKey::create()
                            .from("terms", "body_id")
                            .to("bodies", "id")
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from("terms", "city_id")
                            .to("cities", "id")
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            ))
            .await?;
        index(manager, "terms", "body_id").await?;
        index(manager, "terms", "city_id").await?;

        let mut insert = Query::insert();
        insert.into_table("countries").columns([
            "code",
            "name_es",
            "name_pt",
            "name_en",
            "mercosur_status",
            "version",
            "created_at",
            "updated_at",
        ]);
        for (code, es, pt, en, status) in COUNTRIES {
            insert.values_panic([
                (*code).into(),
                (*es).into(),
                (*pt).into(),
                (*en).into(),
                (*status).into(),
                1.into(),
                Expr::cust(SHIPPED_AT),
                Expr::cust(SHIPPED_AT),
            ]);
        }
        manager.exec_stmt(insert).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            "terms",
            "body_members",
            "bodies",
            "city_membership_events",
            "cities",
            "countries",
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

pub(crate) async fn index(
    manager: &SchemaManager<'_>,
    table: &'static str,
    column: &'static str,
) -> Result<(), DbErr> {
    manager
        .create_index(
            Index::create()
                .name(format!("idx_{table}_{column}"))
                .table(table)
                .col(column)
                .to_owned(),
        )
        .await
}
