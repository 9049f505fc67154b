use sea_orm::entity::prelude::*;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "plan_nodes")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub plan_id: Uuid,
    pub parent_id: Option<Uuid>,
    pub position: i32,
    pub kind: String,
    pub code: String,
    pub title_es: Option<String>,
    pub title_pt: Option<String>,
    pub title_en: Option<String>,
    pub text_es: Option<String>,
    pub text_pt: Option<String>,
    pub text_en: Option<String>,
    pub details: Option<String>,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

no_relations!();
