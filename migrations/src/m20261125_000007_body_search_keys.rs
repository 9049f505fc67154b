//! A body's names folded for search and sorting (lowercase, without accents), so that both
//! databases find "Unidad Temática" when asked for "tematica". `name_key` sorts (the first name
//! of es, pt, en); `search_text` holds every name and the acronym. The platform fills both on
//! every write and for existing rows when it starts.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in ["name_key", "search_text"] {
            manager
                .alter_table(
                    Table::alter()
                        .table("bodies")
                        .add_column(text_null(column))
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_index(
                Index::create()
                    .name("idx_bodies_name_key")
                    .table("bodies")
                    .col("name_key")
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("idx_bodies_name_key")
                    .table("bodies")
                    .to_owned(),
            )
            .await?;
        for column in ["search_text", "name_key"] {
            manager
                .alter_table(
                    Table::alter()
                        .table("bodies")
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
