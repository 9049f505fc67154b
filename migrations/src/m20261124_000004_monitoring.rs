//! Monitoring: progress reports on activities, the cities that took part in each, and
//! measurable indicators on objectives and activities.

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
                    .table("activity_reports")
                    .col(pk_uuid("id"))
                    .col(uuid("plan_id"))
                    .col(uuid("node_id"))
                    .col(date("reported_on"))
                    .col(string_len("execution", 16))
                    .col(text_null("narrative_es"))
                    .col(text_null("narrative_pt"))
                    .col(text_null("narrative_en"))
                    .col(text("participants"))
                    .col(text("results"))
                    .col(text("evidence"))
                    .col(string_len("status", 16))
                    .col(text_null("return_reason"))
                    .col(string_len("author_kind", 16))
                    .col(uuid_null("author_id"))
                    .col(string_len_null("idempotency_key", 200))
                    .foreign_key(&mut fk(
                        "activity_reports",
                        "plan_id",
                        "work_plans",
                        ForeignKeyAction::Restrict,
                    ))
                    .foreign_key(&mut fk(
                        "activity_reports",
                        "node_id",
                        "plan_nodes",
                        ForeignKeyAction::Restrict,
                    ))
                    .to_owned(),
            ))
            .await?;
        index(manager, "activity_reports", "plan_id").await?;
        index(manager, "activity_reports", "node_id").await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_activity_reports_idempotency")
                    .table("activity_reports")
                    .col("author_id")
                    .col("idempotency_key")
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("report_cities")
                    .col(uuid("report_id"))
                    .col(uuid("city_id"))
                    .primary_key(Index::create().col("report_id").col("city_id"))
                    .foreign_key(&mut fk(
                        "report_cities",
                        "report_id",
                        "activity_reports",
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "report_cities",
                        "city_id",
                        "cities",
                        ForeignKeyAction::Restrict,
                    ))
                    .to_owned(),
            )
            .await?;
        index(manager, "report_cities", "city_id").await?;

        manager
            .create_table(versioned(
                Table::create()
                    .table("indicators")
                    .col(pk_uuid("id"))
                    .col(uuid("plan_id"))
                    .col(uuid("node_id"))
                    .col(string_len("measure", 16))
                    .col(text("content"))
                    .foreign_key(&mut fk(
                        "indicators",
                        "plan_id",
                        "work_plans",
                        ForeignKeyAction::Restrict,
                    ))
                    .foreign_key(&mut fk(
                        "indicators",
                        "node_id",
                        "plan_nodes",
                        ForeignKeyAction::Restrict,
                    ))
                    .to_owned(),
            ))
            .await?;
        index(manager, "indicators", "plan_id").await?;
        index(manager, "indicators", "node_id").await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["indicators", "report_cities", "activity_reports"] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
