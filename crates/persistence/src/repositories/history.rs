//! Reading the audit log.

use super::{Store, paged};
use crate::StoreError;
use crate::audit::RecordType;
use crate::entities::audit_log;
use chrono::{DateTime, Utc};
use mercociudades_domain::listing::{PageRequest, Paged};
use sea_orm::{ColumnTrait, Condition, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    pub record_type: Option<RecordType>,
    pub record_id: Option<String>,
    /// Also the records of another type whose id matches a `LIKE` pattern: a body's history
    /// takes in its memberships (`body_member`, `{body}/%`).
    pub with_parts: Option<(RecordType, String)>,
    pub actor_id: Option<Uuid>,
    pub from: Option<DateTime<Utc>>,
    pub until: Option<DateTime<Utc>>,
}

impl AuditFilter {
    /// The history of one record; a city's and a body's take in their memberships, whose id is
    /// [`membership_id`].
    pub fn history_of(record_type: RecordType, record_id: String) -> Self {
        let with_parts = match record_type {
            RecordType::Body => Some((RecordType::BodyMember, membership_id(&record_id, "%"))),
            RecordType::City => Some((RecordType::BodyMember, membership_id("%", &record_id))),
            _ => None,
        };
        Self {
            record_type: Some(record_type),
            record_id: Some(record_id),
            with_parts,
            ..Default::default()
        }
    }
}

/// The id the audit log gives a city's membership of a body.
pub(crate) fn membership_id(body: &str, city: &str) -> String {
    format!("{body}/{city}")
}

/// One change, as recorded.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditEntry {
    pub id: Uuid,
    pub occurred_at: DateTime<Utc>,
    pub actor_kind: String,
    pub actor_id: Option<Uuid>,
    pub action: String,
    pub record_type: String,
    pub record_id: String,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
    pub request_id: Option<String>,
}

impl Store {
    /// Audit entries, newest first.
    pub async fn list_audit(
        &self,
        filter: &AuditFilter,
        page: PageRequest,
    ) -> Result<Paged<AuditEntry>, StoreError> {
        let mut select = audit_log::Entity::find();
        let mut record = Condition::all();
        if let Some(t) = filter.record_type {
            record = record.add(audit_log::Column::RecordType.eq(t.as_str()));
        }
        if let Some(id) = &filter.record_id {
            record = record.add(audit_log::Column::RecordId.eq(id.as_str()));
        }
        select = match &filter.with_parts {
            Some((part_type, pattern)) => select.filter(
                Condition::any().add(record).add(
                    Condition::all()
                        .add(audit_log::Column::RecordType.eq(part_type.as_str()))
                        .add(audit_log::Column::RecordId.like(pattern.as_str())),
                ),
            ),
            None => select.filter(record),
        };
        if let Some(actor) = filter.actor_id {
            select = select.filter(audit_log::Column::ActorId.eq(actor));
        }
        if let Some(from) = filter.from {
            select = select.filter(audit_log::Column::OccurredAt.gte(from));
        }
        if let Some(until) = filter.until {
            select = select.filter(audit_log::Column::OccurredAt.lt(until));
        }
        let select = select
            .order_by_desc(audit_log::Column::OccurredAt)
            .order_by_desc(audit_log::Column::Id);
        let rows = paged(&self.db, select, page).await?;
        let parse = |s: Option<String>| s.and_then(|s| serde_json::from_str(&s).ok());
        Ok(rows.map(|m| AuditEntry {
            id: m.id,
            occurred_at: m.occurred_at,
            actor_kind: m.actor_kind,
            actor_id: m.actor_id,
            action: m.action,
            record_type: m.record_type,
            record_id: m.record_id,
            before: parse(m.before),
            after: parse(m.after),
            request_id: m.request_id,
        }))
    }
}

/// The kinds of record whose deletions are published to everyone who reads the registry and
/// the plans, so that systems that copy them can let go of what no longer exists.
pub const DELETABLE: [RecordType; 10] = [
    RecordType::Country,
    RecordType::City,
    RecordType::Body,
    RecordType::BodyMember,
    RecordType::Term,
    RecordType::WorkPlan,
    RecordType::PlanNode,
    RecordType::Indicator,
    RecordType::Event,
    RecordType::EventDelegation,
];

/// A record that was deleted, as the audit log keeps it.
#[derive(Debug, Clone, PartialEq)]
pub struct Deletion {
    pub record_type: String,
    pub record_id: String,
    pub deleted_at: DateTime<Utc>,
}

impl Store {
    /// Deletions of the records in [`DELETABLE`] (or of one of those kinds), at or after
    /// `since`, oldest first unless `newest_first`.
    pub async fn list_deletions(
        &self,
        record_type: Option<RecordType>,
        since: Option<DateTime<Utc>>,
        newest_first: bool,
        page: PageRequest,
    ) -> Result<Paged<Deletion>, StoreError> {
        let mut select = audit_log::Entity::find()
            .filter(audit_log::Column::Action.eq("delete"))
            .filter(audit_log::Column::RecordType.is_in(DELETABLE.map(RecordType::as_str)));
        if let Some(t) = record_type {
            select = select.filter(audit_log::Column::RecordType.eq(t.as_str()));
        }
        if let Some(since) = since {
            select = select.filter(audit_log::Column::OccurredAt.gte(since));
        }
        let select = if newest_first {
            select
                .order_by_desc(audit_log::Column::OccurredAt)
                .order_by_desc(audit_log::Column::Id)
        } else {
            select
                .order_by_asc(audit_log::Column::OccurredAt)
                .order_by_asc(audit_log::Column::Id)
        };
        let rows = paged(&self.db, select, page).await?;
        Ok(rows.map(|m| Deletion {
            record_type: m.record_type,
            record_id: m.record_id,
            deleted_at: m.occurred_at,
        }))
    }
}
