//! Events of the network: their organising bodies and the plan activities they carry out.

use crate::m20261124_000001_registry::index;
use crate::{fk, versioned};
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(versioned(
                Table::create()
                    .table("events")
                    .col(pk_uuid("id"))
                    .col(string_len("kind", 16))
                    .col(string_len("status", 16))
                    .col(text_null("title_es"))
                    .col(text_null("title_pt"))
                    .col(text_null("title_en"))
                    .col(text_null("description_es"))
                    .col(text_null("description_pt"))
                    .col(text_null("description_en"))
                    .col(string_len("time_zone", 64))
                    .col(timestamp_with_time_zone("starts_at"))
                    .col(timestamp_with_time_zone("ends_at"))
                    .col(uuid_null("host_city_id"))
                    .col(text("sessions"))
                    .foreign_key(&mut fk(
                        "events",
                        "host_city_id",
                        "cities",
                        ForeignKeyAction::Restrict,
                    ))
                    .to_owned(),
            ))
            .await?;
        index(manager, "events", "starts_at").await?;
        index(manager, "events", "host_city_id").await?;
        for (table, column, to, on_delete) in [
            (
                "event_bodies",
                "body_id",
                "bodies",
                ForeignKeyAction::Restrict,
            ),
            (
                "event_activities",
                "node_id",
                "plan_nodes",
                ForeignKeyAction::Cascade,
            ),
        ] {
            manager
                .create_table(
                    Table::create()
                        .table(table)
                        .col(uuid("event_id"))
                        .col(uuid(column))
                        .primary_key(Index::create().col("event_id").col(column))
                        .foreign_key(&mut fk(
                            table,
                            "event_id",
                            "events",
                            ForeignKeyAction::Cascade,
                        ))
                        .foreign_key(&mut fk(table, column, to, on_delete))
                        .to_owned(),
                )
                .await?;
            index(manager, table, column).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["event_activities", "event_bodies", "events"] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
