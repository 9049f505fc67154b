use sea_orm::entity::prelude::*;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "activity_reports")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub plan_id: Uuid,
    pub node_id: Uuid,
    pub reported_on: Date,
    pub execution: String,
    pub narrative_es: Option<String>,
    pub narrative_pt: Option<String>,
    pub narrative_en: Option<String>,
    pub participants: String,
    pub results: String,
    pub evidence: String,
    pub status: String,
    pub return_reason: Option<String>,
    pub author_kind: String,
    pub author_id: Option<Uuid>,
    pub idempotency_key: Option<String>,
    /// What the request first sent with the key was: its method, path and body, hashed.
    #[serde(skip)]
    pub idempotency_fingerprint: Option<String>,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

no_relations!();
