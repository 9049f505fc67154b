//! Notifications: what a change means for a person (their report returned or approved), kept
//! for their inbox; the e-mails they bring, kept in an outbox that a job sends and retries until
//! the mail server takes them; and each person's choice of the e-mails they get.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("notifications")
                    .col(uuid("id").primary_key())
                    .col(uuid("user_id"))
                    .col(string_len("kind", 40))
                    .col(string_len("record_type", 40))
                    .col(string_len("record_id", 64))
                    .col(text("params"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone_null("read_at"))
                    .foreign_key(&mut crate::fk(
                        "notifications",
                        "user_id",
                        "users",
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("notifications_user_created")
                    .table("notifications")
                    .col("user_id")
                    .col("created_at")
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("email_outbox")
                    .col(uuid("id").primary_key())
                    .col(uuid("notification_id"))
                    .col(integer("attempts").default(0))
                    .col(timestamp_with_time_zone("next_attempt_at"))
                    .col(timestamp_with_time_zone_null("claimed_until"))
                    .col(timestamp_with_time_zone_null("sent_at"))
                    .col(string_len_null("last_error", 500))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut crate::fk(
                        "email_outbox",
                        "notification_id",
                        "notifications",
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("email_outbox_due")
                    .table("email_outbox")
                    .col("sent_at")
                    .col("next_attempt_at")
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("email_preferences")
                    .col(uuid("user_id"))
                    .col(string_len("kind", 40))
                    .col(boolean("enabled"))
                    .primary_key(Index::create().col("user_id").col("kind"))
                    .foreign_key(&mut crate::fk(
                        "email_preferences",
                        "user_id",
                        "users",
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["email_preferences", "email_outbox", "notifications"] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
