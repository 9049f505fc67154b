//! The append-only record of every change: who, when, what, before and after.

use crate::entities::audit_log;
use chrono::Utc;
use sea_orm::{ActiveValue::Set, ConnectionTrait, DbErr, EntityTrait};
use serde::Serialize;
use uuid::Uuid;

/// Who makes a change, and in which request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Who {
    pub kind: ActorKind,
    pub id: Option<Uuid>,
    pub request_id: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActorKind {
    User,
    Token,
    /// The platform itself: migrations, the demo loader, the command line.
    System,
}

impl ActorKind {
    pub const ALL: [ActorKind; 3] = [ActorKind::User, ActorKind::Token, ActorKind::System];

    pub fn as_str(self) -> &'static str {
        match self {
            ActorKind::User => "user",
            ActorKind::Token => "token",
            ActorKind::System => "system",
        }
    }
}

impl Who {
    pub fn system() -> Self {
        Self {
            kind: ActorKind::System,
            id: None,
            request_id: None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Create,
    Update,
    Delete,
}

impl Change {
    pub const ALL: [Change; 3] = [Change::Create, Change::Update, Change::Delete];

    pub fn as_str(self) -> &'static str {
        match self {
            Change::Create => "create",
            Change::Update => "update",
            Change::Delete => "delete",
        }
    }
}

/// The kinds of record the audit log holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordType {
    Country,
    City,
    Body,
    /// A city's membership of a body; its id is `{body}/{city}`.
    BodyMember,
    Term,
    User,
    ApiToken,
    StrategicPlan,
    WorkPlan,
    PlanNode,
    Indicator,
    ActivityReport,
    Event,
    /// A city's delegation to an event, with its delegates and their attendance.
    EventDelegation,
    /// A user's secret calendar feed; its id is the user's.
    CalendarFeed,
}

impl RecordType {
    pub const ALL: [RecordType; 15] = [
        RecordType::Country,
        RecordType::City,
        RecordType::Body,
        RecordType::BodyMember,
        RecordType::Term,
        RecordType::User,
        RecordType::ApiToken,
        RecordType::StrategicPlan,
        RecordType::WorkPlan,
        RecordType::PlanNode,
        RecordType::Indicator,
        RecordType::ActivityReport,
        RecordType::Event,
        RecordType::EventDelegation,
        RecordType::CalendarFeed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RecordType::Country => "country",
            RecordType::City => "city",
            RecordType::Body => "body",
            RecordType::BodyMember => "body_member",
            RecordType::Term => "term",
            RecordType::User => "user",
            RecordType::ApiToken => "api_token",
            RecordType::StrategicPlan => "strategic_plan",
            RecordType::WorkPlan => "work_plan",
            RecordType::PlanNode => "plan_node",
            RecordType::Indicator => "indicator",
            RecordType::ActivityReport => "activity_report",
            RecordType::Event => "event",
            RecordType::EventDelegation => "event_delegation",
            RecordType::CalendarFeed => "calendar_feed",
        }
    }

    /// The record type named `value`, if any.
    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == value)
    }
}

/// Writes one audit entry; call it inside the transaction of the change.
pub async fn record<C: ConnectionTrait, B: Serialize, A: Serialize>(
    conn: &C,
    who: &Who,
    change: Change,
    record_type: RecordType,
    record_id: &str,
    before: Option<&B>,
    after: Option<&A>,
) -> Result<(), DbErr> {
    fn json<T: Serialize>(value: &T) -> Result<String, DbErr> {
        serde_json::to_string(value).map_err(|e| DbErr::Custom(format!("audit serialization: {e}")))
    }
    let entry = audit_log::ActiveModel {
        id: Set(Uuid::now_v7()),
        occurred_at: Set(Utc::now()),
        actor_kind: Set(who.kind.as_str().to_owned()),
        actor_id: Set(who.id),
        action: Set(change.as_str().to_owned()),
        record_type: Set(record_type.as_str().to_owned()),
        record_id: Set(record_id.to_owned()),
        before: Set(before.map(json).transpose()?),
        after: Set(after.map(json).transpose()?),
        request_id: Set(who.request_id.clone()),
    };
    audit_log::Entity::insert(entry)
        .exec_without_returning(conn)
        .await?;
    Ok(())
}
