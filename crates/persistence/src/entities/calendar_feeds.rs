use sea_orm::entity::prelude::*;
use serde::Serialize;

/// A user's calendar feed: the hash of the secret in its address.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "calendar_feeds")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: Uuid,
    #[serde(skip)]
    pub secret_hash: String,
    pub created_at: DateTimeUtc,
}

no_relations!();
