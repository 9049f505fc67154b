//! Plans: strategic plans, work plans owned by a body, their trees of coded nodes, and the
//! approved revisions kept for comparison.

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
                    .table("strategic_plans")
                    .col(pk_uuid("id"))
                    .col(text("content"))
                    .to_owned(),
            ))
            .await?;

        manager
            .create_table(versioned(
                Table::create()
                    .table("work_plans")
                    .col(pk_uuid("id"))
                    .col(uuid("owner_body_id"))
                    .col(uuid_null("strategic_plan_id"))
                    .col(text_null("title_es"))
                    .col(text_null("title_pt"))
                    .col(text_null("title_en"))
                    .col(text_null("presentation_es"))
                    .col(text_null("presentation_pt"))
                    .col(text_null("presentation_en"))
                    .col(date("starts_on"))
                    .col(date("ends_on"))
                    .col(string_len("status", 32))
                    .col(integer("revision"))
                    .col(string_len_null("approved_by_meeting", 500))
                    .col(date_null("approved_on"))
                    .foreign_key(&mut fk(
                        "work_plans",
                        "owner_body_id",
                        "bodies",
                        ForeignKeyAction::Restrict,
                    ))
                    .foreign_key(&mut fk(
                        "work_plans",
                        "strategic_plan_id",
                        "strategic_plans",
                        ForeignKeyAction::Restrict,
                    ))
                    .to_owned(),
            ))
            .await?;
        index(manager, "work_plans", "owner_body_id").await?;

        manager
            .create_table(versioned(
                Table::create()
                    .table("plan_nodes")
                    .col(pk_uuid("id"))
                    .col(uuid("plan_id"))
                    .col(uuid_null("parent_id"))
                    .col(integer("position"))
                    .col(string_len("kind", 32))
                    .col(string_len("code", 64))
                    .col(text_null("title_es"))
                    .col(text_null("title_pt"))
                    .col(text_null("title_en"))
                    .col(text_null("text_es"))
                    .col(text_null("text_pt"))
                    .col(text_null("text_en"))
                    .col(text_null("details"))
                    .foreign_key(&mut fk(
                        "plan_nodes",
                        "plan_id",
                        "work_plans",
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "plan_nodes",
                        "parent_id",
                        "plan_nodes",
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            ))
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_plan_nodes_plan_code")
                    .table("plan_nodes")
                    .col("plan_id")
                    .col("code")
                    .unique()
                    .to_owned(),
            )
            .await?;
        index(manager, "plan_nodes", "parent_id").await?;

        manager
            .create_table(
                Table::create()
                    .table("plan_revisions")
                    .col(pk_uuid("id"))
                    .col(uuid("plan_id"))
                    .col(integer("revision"))
                    .col(string_len_null("approved_by_meeting", 500))
                    .col(date_null("approved_on"))
                    .col(text("document"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut fk(
                        "plan_revisions",
                        "plan_id",
                        "work_plans",
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_plan_revisions_plan_revision")
                    .table("plan_revisions")
                    .col("plan_id")
                    .col("revision")
                    .unique()
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            "plan_revisions",
            "plan_nodes",
            "work_plans",
            "strategic_plans",
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
