use sea_orm::entity::prelude::*;
use serde::Serialize;

/// A participant of an event other than the cities' delegations, counted by kind.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "event_participants")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub event_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub ordinal: i32,
    pub kind: String,
    pub name: String,
    pub people: Option<i32>,
}

no_relations!();
