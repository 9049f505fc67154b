use sea_orm::entity::prelude::*;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "audit_log")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub occurred_at: DateTimeUtc,
    pub actor_kind: String,
    pub actor_id: Option<Uuid>,
    pub action: String,
    pub record_type: String,
    pub record_id: String,
    pub before: Option<String>,
    pub after: Option<String>,
    pub request_id: Option<String>,
}

no_relations!();
