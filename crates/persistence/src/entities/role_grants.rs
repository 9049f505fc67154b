use sea_orm::entity::prelude::*;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "role_grants")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub user_id: Uuid,
    pub role: String,
    pub body_id: Option<Uuid>,
    pub city_id: Option<Uuid>,
    pub created_at: DateTimeUtc,
}

no_relations!();
