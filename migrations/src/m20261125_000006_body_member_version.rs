//! A body's membership link becomes a versioned record: its date can be corrected, and changing
//! or removing it takes `If-Match` like every other record.

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
                    .table("body_members")
                    .add_column(integer("version").default(1))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("body_members")
                    .drop_column("version")
                    .to_owned(),
            )
            .await
    }
}
