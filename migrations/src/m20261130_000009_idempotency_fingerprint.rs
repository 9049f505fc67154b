//! An idempotency key is bound to the request it was first sent with: the fingerprint of its
//! method, path and body is kept beside the key, so that the same key with another request is
//! refused instead of being answered as a replay of the first.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("activity_reports")
                    .add_column(string_len_null("idempotency_fingerprint", 64))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("activity_reports")
                    .drop_column("idempotency_fingerprint")
                    .to_owned(),
            )
            .await
    }
}
