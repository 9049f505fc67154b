use sea_orm::entity::prelude::*;
use serde::Serialize;

/// A member of a city's delegation, in the order the delegation lists them.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "event_delegates")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub delegation_id: Uuid,
    pub ordinal: i32,
    pub name: String,
    pub position: Option<String>,
    pub gender: Option<String>,
}

no_relations!();
