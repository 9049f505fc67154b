//! Who takes part in events: the delegations of member cities with their delegates, the
//! attendance of each delegate at each session, and the other participants counted by kind;
//! and each user's secret calendar feed.

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
                    .table("event_delegations")
                    .col(pk_uuid("id"))
                    .col(uuid("event_id"))
                    .col(uuid("city_id"))
                    .col(integer("quota"))
                    .col(string_len("status", 16))
                    .col(timestamp_with_time_zone_null("confirmed_at"))
                    .foreign_key(&mut fk(
                        "event_delegations",
                        "event_id",
                        "events",
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "event_delegations",
                        "city_id",
                        "cities",
                        ForeignKeyAction::Restrict,
                    ))
                    .to_owned(),
            ))
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("event_delegations_event_city")
                    .table("event_delegations")
                    .col("event_id")
                    .col("city_id")
                    .unique()
                    .to_owned(),
            )
            .await?;
        index(manager, "event_delegations", "city_id").await?;
        manager
            .create_table(
                Table::create()
                    .table("event_delegates")
                    .col(pk_uuid("id"))
                    .col(uuid("delegation_id"))
                    .col(integer("ordinal"))
                    .col(text("name"))
                    .col(text_null("position"))
                    .col(string_len_null("gender", 16))
                    .foreign_key(&mut fk(
                        "event_delegates",
                        "delegation_id",
                        "event_delegations",
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        index(manager, "event_delegates", "delegation_id").await?;
        manager
            .create_table(
                Table::create()
                    .table("event_attendance")
                    .col(pk_uuid("id"))
                    .col(uuid("event_id"))
                    .col(uuid("delegate_id"))
                    .col(uuid_null("session_id"))
                    .foreign_key(&mut fk(
                        "event_attendance",
                        "event_id",
                        "events",
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "event_attendance",
                        "delegate_id",
                        "event_delegates",
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        index(manager, "event_attendance", "event_id").await?;
        index(manager, "event_attendance", "delegate_id").await?;
        manager
            .create_table(
                Table::create()
                    .table("event_participants")
                    .col(uuid("event_id"))
                    .col(integer("ordinal"))
                    .col(string_len("kind", 32))
                    .col(text("name"))
                    .col(integer_null("people"))
                    .primary_key(Index::create().col("event_id").col("ordinal"))
                    .foreign_key(&mut fk(
                        "event_participants",
                        "event_id",
                        "events",
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("calendar_feeds")
                    .col(pk_uuid("user_id"))
                    .col(string_len_uniq("secret_hash", 64))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut fk(
                        "calendar_feeds",
                        "user_id",
                        "users",
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            "calendar_feeds",
            "event_participants",
            "event_attendance",
            "event_delegates",
            "event_delegations",
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
