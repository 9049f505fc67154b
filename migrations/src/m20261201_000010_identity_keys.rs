//! The keys under which two records are the same one, each unique, so that the database refuses
//! a duplicate even when two are written at once: a city's name in its country, a body's
//! acronym, a user's e-mail address. A key folds what people do not tell apart (case, accents,
//! spacing, characters that look alike: a Cyrillic "о" is an "o"); names and acronyms have two,
//! one folded in lower case and one in capitals, since some letters look alike in one case
//! only. The platform fills the keys on every write and, for the rows stored before, when it
//! starts; a row whose key another row holds already is left without one and named in the log,
//! for the secretariat to resolve.
//!
//! The search keys of cities and bodies now fold accents typed decomposed too: they are emptied
//! here, and the platform folds them again when it starts.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// (table, key column, the columns of its unique index).
const KEYS: [(&str, &str, &[&str]); 5] = [
    ("cities", "identity_key", &["country_code", "identity_key"]),
    (
        "cities",
        "identity_key_caps",
        &["country_code", "identity_key_caps"],
    ),
    ("bodies", "acronym_key", &["acronym_key"]),
    ("bodies", "acronym_key_caps", &["acronym_key_caps"]),
    ("users", "email_key", &["email_key"]),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (table, column, columns) in KEYS {
            manager
                .alter_table(
                    Table::alter()
                        .table(table)
                        .add_column(text_null(column))
                        .to_owned(),
                )
                .await?;
            let mut index = Index::create();
            index
                .name(format!("uq_{table}_{column}"))
                .table(table)
                .unique();
            for c in columns {
                index.col(*c);
            }
            manager.create_index(index.to_owned()).await?;
        }
        manager
            .exec_stmt(
                Query::update()
                    .table("cities")
                    .value("name_key", Option::<String>::None)
                    .to_owned(),
            )
            .await?;
        manager
            .exec_stmt(
                Query::update()
                    .table("bodies")
                    .value("name_key", Option::<String>::None)
                    .value("search_text", Option::<String>::None)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (table, column, _) in KEYS {
            manager
                .drop_index(
                    Index::drop()
                        .name(format!("uq_{table}_{column}"))
                        .table(table)
                        .to_owned(),
                )
                .await?;
            manager
                .alter_table(Table::alter().table(table).drop_column(column).to_owned())
                .await?;
        }
        Ok(())
    }
}
