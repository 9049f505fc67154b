use sea_orm::entity::prelude::*;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "events")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub kind: String,
    pub status: String,
    pub title_es: Option<String>,
    pub title_pt: Option<String>,
    pub title_en: Option<String>,
    pub description_es: Option<String>,
    pub description_pt: Option<String>,
    pub description_en: Option<String>,
    pub time_zone: String,
    pub starts_at: DateTimeUtc,
    pub ends_at: DateTimeUtc,
    pub host_city_id: Option<Uuid>,
    /// The sessions, as JSON: `[{"title": {"es": ..}, "starts_at": .., "ends_at": ..}]`.
    pub sessions: String,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

no_relations!();
