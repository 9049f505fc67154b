use sea_orm::entity::prelude::*;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "work_plans")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub owner_body_id: Uuid,
    pub strategic_plan_id: Option<Uuid>,
    pub title_es: Option<String>,
    pub title_pt: Option<String>,
    pub title_en: Option<String>,
    pub presentation_es: Option<String>,
    pub presentation_pt: Option<String>,
    pub presentation_en: Option<String>,
    pub starts_on: Date,
    pub ends_on: Date,
    pub status: String,
    pub revision: i32,
    pub approved_by_meeting: Option<String>,
    pub approved_on: Option<Date>,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

no_relations!();
