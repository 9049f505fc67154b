use sea_orm::entity::prelude::*;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "users")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub email: String,
    pub display_name: String,
    pub language: String,
    pub active: bool,
    #[serde(skip)]
    pub password_hash: String,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// The address's confusable skeleton (see `registry::Email::key`), unique; not part of the
    /// record.
    #[serde(skip)]
    pub email_key: Option<String>,
}

no_relations!();
