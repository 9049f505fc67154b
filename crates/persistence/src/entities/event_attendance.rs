use sea_orm::entity::prelude::*;
use serde::Serialize;

/// A delegate present at a session of an event (`session_id` absent: at the event, which has
/// no sessions).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "event_attendance")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub event_id: Uuid,
    pub delegate_id: Uuid,
    pub session_id: Option<Uuid>,
}

no_relations!();
