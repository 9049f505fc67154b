//! What every API instance must see alike, kept in the database so that it holds across
//! restarts and across instances: when a user's sessions were last ended (access tokens issued
//! before are refused), and the sign-in attempts counted per key (an account at an address, an
//! address) with the lock they earned.

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
                    .table("session_cutoffs")
                    .col(uuid("user_id").primary_key())
                    .col(big_integer("ended_at_ms"))
                    .foreign_key(&mut crate::fk(
                        "session_cutoffs",
                        "user_id",
                        "users",
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("sign_in_attempts")
                    .col(string_len("attempt_key", 400).primary_key())
                    .col(integer("attempts"))
                    .col(big_integer_null("locked_until_ms"))
                    .col(big_integer("updated_at_ms"))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["sign_in_attempts", "session_cutoffs"] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
