use sea_orm::entity::prelude::*;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "body_members")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub body_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub city_id: Uuid,
    pub since: Option<Date>,
    pub version: i32,
    pub created_at: DateTimeUtc,
}

no_relations!();
