use sea_orm::entity::prelude::*;
use serde::Serialize;

/// A body that organises an event.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "event_bodies")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub event_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub body_id: Uuid,
}

no_relations!();
