use sea_orm::entity::prelude::*;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "city_membership_events")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub city_id: Uuid,
    pub status: String,
    pub since: Date,
    pub recorded_at: DateTimeUtc,
}

no_relations!();
