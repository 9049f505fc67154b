//! A city's name folded for search and sorting (lowercase, without accents), so that both
//! databases find "Córdoba" when asked for "cordoba" and sort "Águas" among the a's. The
//! platform fills it on every write and for existing rows when it starts.

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
                    .table("cities")
                    .add_column(text_null("name_key"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_cities_name_key")
                    .table("cities")
                    .col("name_key")
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("idx_cities_name_key")
                    .table("cities")
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table("cities")
                    .drop_column("name_key")
                    .to_owned(),
            )
            .await
    }
}
