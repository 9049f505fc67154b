use sea_orm::entity::prelude::*;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "plan_revisions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub plan_id: Uuid,
    pub revision: i32,
    pub approved_by_meeting: Option<String>,
    pub approved_on: Option<Date>,
    pub document: String,
    pub created_at: DateTimeUtc,
}

no_relations!();
