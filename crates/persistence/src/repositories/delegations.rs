//! The delegations of member cities to events: the invitation with its quota, the delegates
//! the city registers and confirms, and the attendance the organisers record per session.

use super::Store;
use super::versioned::{self, Expected, Versioned, VersionedWrite};
use crate::StoreError;
use crate::audit::{self, Change, RecordType, Who};
use crate::entities::{
    cities, event_activities, event_attendance, event_delegates, event_delegations, events,
};
use chrono::{DateTime, NaiveDate, Utc};
use mercociudades_domain::delegation::{Attendee, Delegate, DelegationStatus, Gender, Presence};
use mercociudades_domain::event::EventStatus;
use mercociudades_domain::ids::{CityId, DelegateId, DelegationId, EventId, NodeId, SessionId};
use mercociudades_domain::record::Record;
use mercociudades_domain::validation::{FieldError, codes};
use sea_orm::ActiveValue::Set;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use uuid::Uuid;

/// A city's delegation to an event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delegation {
    pub event: EventId,
    pub city: CityId,
    pub quota: u32,
    pub status: DelegationStatus,
    pub confirmed_at: Option<DateTime<Utc>>,
    pub delegates: Vec<Delegate>,
}

pub type DelegationRecord = Record<DelegationId, Delegation>;

/// A delegation with the name and country of its city.
#[derive(Debug, Clone)]
pub struct DelegationView {
    pub delegation: DelegationRecord,
    pub city_name: String,
    pub country_code: String,
}

/// A delegate present, with the city they came for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AttendanceRow {
    pub session: Option<SessionId>,
    pub delegate: DelegateId,
    pub city: CityId,
}

/// The period and place of the attendance counted in a participation report.
#[derive(Debug, Clone, Default)]
pub struct AttendanceScope {
    /// Only events that end on or after this day (UTC).
    pub from: Option<NaiveDate>,
    /// Only events that start on or before this day (UTC).
    pub until: Option<NaiveDate>,
    /// Only the cities of this country.
    pub country: Option<String>,
    /// Only events linked to these plan nodes.
    pub activities: Option<Vec<NodeId>>,
    /// Only this city.
    pub city: Option<CityId>,
    /// Only events linked to activities of this plan.
    pub plan: Option<mercociudades_domain::ids::PlanId>,
}

/// A city present at an event linked to an activity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActivityAttendee {
    pub activity: NodeId,
    pub event: EventId,
    pub starts_at: DateTime<Utc>,
    pub city: CityId,
    pub city_name: String,
    pub country: String,
}

impl Versioned for event_delegations::Entity {
    const RECORD: RecordType = RecordType::EventDelegation;
    const VERSION: event_delegations::Column = event_delegations::Column::Version;
    const CREATED_AT: event_delegations::Column = event_delegations::Column::CreatedAt;
    const UPDATED_AT: Option<event_delegations::Column> =
        Some(event_delegations::Column::UpdatedAt);
}

fn corrupt(what: &str) -> StoreError {
    StoreError::Database(DbErr::Custom(format!("stored delegation: {what}")))
}

fn delegate_of(m: &event_delegates::Model) -> Result<Delegate, StoreError> {
    Ok(Delegate {
        id: DelegateId(m.id),
        name: m.name.clone(),
        position: m.position.clone(),
        gender: m
            .gender
            .as_deref()
            .map(|g| Gender::parse("gender", g).map_err(|_| corrupt("gender")))
            .transpose()?,
    })
}

fn to_domain(
    m: &event_delegations::Model,
    delegates: &[event_delegates::Model],
) -> Result<DelegationRecord, StoreError> {
    Ok(Record {
        id: DelegationId(m.id),
        value: Delegation {
            event: EventId(m.event_id),
            city: CityId(m.city_id),
            quota: u32::try_from(m.quota).map_err(|_| corrupt("quota"))?,
            status: DelegationStatus::parse("status", &m.status).map_err(|_| corrupt("status"))?,
            confirmed_at: m.confirmed_at,
            delegates: delegates
                .iter()
                .filter(|d| d.delegation_id == m.id)
                .map(delegate_of)
                .collect::<Result<_, _>>()?,
        },
        version: m.version,
        created_at: m.created_at,
        updated_at: m.updated_at,
    })
}

/// How the audit log keeps a delegation: its row, its delegates and who was present where.
#[derive(Debug, Serialize)]
struct Audited<'a> {
    #[serde(flatten)]
    row: &'a event_delegations::Model,
    delegates: &'a [event_delegates::Model],
    attendance: &'a [event_attendance::Model],
}

async fn audited<C: ConnectionTrait>(
    conn: &C,
    row: &event_delegations::Model,
) -> Result<serde_json::Value, StoreError> {
    let delegates = delegates_of(conn, &[row.id]).await?;
    let attendance = event_attendance::Entity::find()
        .filter(event_attendance::Column::DelegateId.is_in(delegates.iter().map(|d| d.id)))
        .order_by_asc(event_attendance::Column::DelegateId)
        .order_by_asc(event_attendance::Column::SessionId)
        .all(conn)
        .await?;
    Ok(serde_json::to_value(Audited {
        row,
        delegates: &delegates,
        attendance: &attendance,
    })
    .unwrap_or_default())
}

async fn delegates_of<C: ConnectionTrait>(
    conn: &C,
    delegations: &[Uuid],
) -> Result<Vec<event_delegates::Model>, StoreError> {
    Ok(event_delegates::Entity::find()
        .filter(event_delegates::Column::DelegationId.is_in(delegations.iter().copied()))
        .order_by_asc(event_delegates::Column::DelegationId)
        .order_by_asc(event_delegates::Column::Ordinal)
        .all(conn)
        .await?)
}

/// The delegations `rows` with their delegates and the names of their cities, in three
/// statements whatever their number.
async fn views<C: ConnectionTrait>(
    conn: &C,
    rows: Vec<event_delegations::Model>,
) -> Result<Vec<DelegationView>, StoreError> {
    let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
    let delegates = delegates_of(conn, &ids).await?;
    let found = cities::Entity::find()
        .filter(cities::Column::Id.is_in(rows.iter().map(|r| r.city_id)))
        .all(conn)
        .await?;
    let mut views = rows
        .iter()
        .map(|row| {
            let city = found
                .iter()
                .find(|c| c.id == row.city_id)
                .ok_or_else(|| corrupt("city"))?;
            Ok(DelegationView {
                delegation: to_domain(row, &delegates)?,
                city_name: city.name.clone(),
                country_code: city.country_code.clone(),
            })
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
    views.sort_by(|a, b| (&a.country_code, &a.city_name).cmp(&(&b.country_code, &b.city_name)));
    Ok(views)
}

async fn one_view<C: ConnectionTrait>(
    conn: &C,
    row: event_delegations::Model,
) -> Result<DelegationView, StoreError> {
    views(conn, vec![row])
        .await?
        .pop()
        .ok_or(StoreError::NotFound)
}

/// The delegation of `city` to `event`, if the city is invited.
async fn row_of<C: ConnectionTrait>(
    conn: &C,
    event: EventId,
    city: CityId,
) -> Result<event_delegations::Model, StoreError> {
    event_delegations::Entity::find()
        .filter(event_delegations::Column::EventId.eq(event.0))
        .filter(event_delegations::Column::CityId.eq(city.0))
        .one(conn)
        .await?
        .ok_or(StoreError::NotFound)
}

/// The event `id`, refused when it is cancelled: nothing is recorded for it any more.
async fn open_event<C: ConnectionTrait>(
    conn: &C,
    id: EventId,
) -> Result<events::Model, StoreError> {
    let event = events::Entity::find_by_id(id.0)
        .one(conn)
        .await?
        .ok_or(StoreError::NotFound)?;
    if event.status == EventStatus::Cancelled.as_str() {
        return Err(StoreError::EventCancelled);
    }
    Ok(event)
}

fn status_of(row: &event_delegations::Model) -> Result<DelegationStatus, StoreError> {
    DelegationStatus::parse("status", &row.status).map_err(|_| corrupt("status"))
}

impl Store {
    /// The delegations invited to `event`, by country and city.
    pub async fn list_delegations(
        &self,
        event: EventId,
    ) -> Result<Vec<DelegationView>, StoreError> {
        events::Entity::find_by_id(event.0)
            .one(&self.db)
            .await?
            .ok_or(StoreError::NotFound)?;
        let rows = event_delegations::Entity::find()
            .filter(event_delegations::Column::EventId.eq(event.0))
            .all(&self.db)
            .await?;
        views(&self.db, rows).await
    }

    pub async fn get_delegation(
        &self,
        event: EventId,
        city: CityId,
    ) -> Result<DelegationView, StoreError> {
        let row = row_of(&self.db, event, city).await?;
        one_view(&self.db, row).await
    }

    /// Invites `city` to `event` with `quota` delegates.
    pub async fn invite(
        &self,
        who: &Who,
        event: EventId,
        city: CityId,
        quota: u32,
    ) -> Result<DelegationView, StoreError> {
        let txn = self.write().await?;
        open_event(&txn, event).await?;
        if cities::Entity::find_by_id(city.0)
            .one(&txn)
            .await?
            .is_none()
        {
            return Err(StoreError::Invalid(
                FieldError::new("city_id", codes::NOT_FOUND).with("value", city),
            ));
        }
        if row_of(&txn, event, city).await.is_ok() {
            return Err(StoreError::Duplicate {
                field: "city_id",
                existing: None,
            });
        }
        let id = Uuid::now_v7();
        let row = versioned::insert_audited::<event_delegations::Entity, _>(
            &txn,
            who,
            id,
            event_delegations::ActiveModel {
                event_id: Set(event.0),
                city_id: Set(city.0),
                quota: Set(quota as i32),
                status: Set(DelegationStatus::Invited.as_str().to_owned()),
                confirmed_at: Set(None),
                ..Default::default()
            },
            |row| {
                Audited {
                    row,
                    delegates: &[],
                    attendance: &[],
                }
                .to_value()
            },
        )
        .await
        .map_err(|e| e.duplicate_of("city_id"))?;
        let view = one_view(&txn, row).await?;
        txn.commit().await?;
        Ok(view)
    }

    /// Opens the delegation of `city` to `event` for a change at `expected` version.
    async fn delegation_write(
        &self,
        event: EventId,
        city: CityId,
        expected: impl Into<Expected>,
    ) -> Result<VersionedWrite<event_delegations::Entity>, StoreError> {
        let txn = self.write().await?;
        let row = row_of(&txn, event, city).await?;
        open_event(&txn, event).await?;
        VersionedWrite::open(txn, row.id, expected).await
    }

    /// Changes the quota of a delegation; never below the delegates it has.
    pub async fn set_quota(
        &self,
        who: &Who,
        event: EventId,
        city: CityId,
        expected: impl Into<Expected>,
        quota: u32,
    ) -> Result<DelegationView, StoreError> {
        let write = self.delegation_write(event, city, expected).await?;
        let registered = delegates_of(write.txn(), &[write.before().id]).await?.len();
        if (quota as usize) < registered {
            return Err(StoreError::Invalid(
                FieldError::new("quota", codes::OUT_OF_RANGE)
                    .with("min", registered)
                    .with("max", mercociudades_domain::delegation::MAX_QUOTA),
            ));
        }
        let before = audited(write.txn(), write.before()).await?;
        let updated = write
            .set(event_delegations::ActiveModel {
                quota: Set(quota as i32),
                ..Default::default()
            })
            .await?;
        let after = audited(updated.txn(), updated.after()).await?;
        let view = one_view(updated.txn(), updated.after().clone()).await?;
        updated.commit_audited(who, |_, _| (before, after)).await?;
        Ok(view)
    }

    /// Replaces a delegation's delegates: at most its quota, a delegate sent with an id being
    /// one of its own kept under that id. A confirmed delegation is registered again.
    pub async fn register_delegates(
        &self,
        who: &Who,
        event: EventId,
        city: CityId,
        expected: impl Into<Expected>,
        delegates: &[Delegate],
    ) -> Result<DelegationView, StoreError> {
        let write = self.delegation_write(event, city, expected).await?;
        let row = write.before().clone();
        if delegates.len() > row.quota as usize {
            return Err(StoreError::Invalid(
                FieldError::new("delegates", codes::OUT_OF_RANGE)
                    .with("min", 0)
                    .with("max", row.quota),
            ));
        }
        let status = status_of(&row)?.register(delegates.len())?;
        // A delegate's id is its own: one of another delegation is not found here.
        let elsewhere = event_delegates::Entity::find()
            .filter(event_delegates::Column::Id.is_in(delegates.iter().map(|d| d.id.0)))
            .filter(event_delegates::Column::DelegationId.ne(row.id))
            .all(write.txn())
            .await?;
        if let Some((i, d)) = delegates
            .iter()
            .enumerate()
            .find(|(_, d)| elsewhere.iter().any(|e| e.id == d.id.0))
        {
            return Err(StoreError::Invalid(
                FieldError::new(format!("delegates[{i}].id"), codes::NOT_FOUND).with("value", d.id),
            ));
        }
        let before = audited(write.txn(), &row).await?;
        let updated = write
            .set(event_delegations::ActiveModel {
                status: Set(status.as_str().to_owned()),
                confirmed_at: Set(None),
                ..Default::default()
            })
            .await?;
        event_delegates::Entity::delete_many()
            .filter(event_delegates::Column::DelegationId.eq(row.id))
            .exec(updated.txn())
            .await?;
        if !delegates.is_empty() {
            event_delegates::Entity::insert_many(delegates.iter().enumerate().map(|(i, d)| {
                event_delegates::ActiveModel {
                    id: Set(d.id.0),
                    delegation_id: Set(row.id),
                    ordinal: Set(i as i32),
                    name: Set(d.name.clone()),
                    position: Set(d.position.clone()),
                    gender: Set(d.gender.map(|g| g.as_str().to_owned())),
                }
            }))
            .exec_without_returning(updated.txn())
            .await
            .map_err(|e| StoreError::unique(e, "delegates"))?;
        }
        let after = audited(updated.txn(), updated.after()).await?;
        let view = one_view(updated.txn(), updated.after().clone()).await?;
        updated.commit_audited(who, |_, _| (before, after)).await?;
        Ok(view)
    }

    /// The city's confirmation of its registered delegation.
    pub async fn confirm_delegation(
        &self,
        who: &Who,
        event: EventId,
        city: CityId,
        expected: impl Into<Expected>,
    ) -> Result<DelegationView, StoreError> {
        let write = self.delegation_write(event, city, expected).await?;
        let status = status_of(write.before())?.confirm()?;
        let updated = write
            .set(event_delegations::ActiveModel {
                status: Set(status.as_str().to_owned()),
                confirmed_at: Set(Some(Utc::now())),
                ..Default::default()
            })
            .await?;
        let view = one_view(updated.txn(), updated.after().clone()).await?;
        updated.commit(who).await?;
        Ok(view)
    }

    /// Withdraws an invitation; a delegation whose attendance is recorded stays.
    pub async fn withdraw_delegation(
        &self,
        who: &Who,
        event: EventId,
        city: CityId,
        expected: impl Into<Expected>,
    ) -> Result<(), StoreError> {
        let txn = self.write().await?;
        let row = row_of(&txn, event, city).await?;
        let write =
            VersionedWrite::<event_delegations::Entity>::open(txn, row.id, expected).await?;
        if matches!(
            status_of(write.before())?,
            DelegationStatus::Attended | DelegationStatus::NoShow
        ) {
            return Err(StoreError::InUse {
                reason: "delegation_attended",
            });
        }
        let before = audited(write.txn(), write.before()).await?;
        write.delete_audited(who, |_| before).await
    }

    /// Who was present at `event`: each delegate at each session, with their city.
    pub async fn attendance(&self, event: EventId) -> Result<Vec<AttendanceRow>, StoreError> {
        events::Entity::find_by_id(event.0)
            .one(&self.db)
            .await?
            .ok_or(StoreError::NotFound)?;
        attendance_of(&self.db, event).await
    }

    /// Replaces the attendance of `event` (at `expected` version), checked against its
    /// sessions and delegations; every delegation whose attendance or status changes is
    /// audited with it, and the event moves to its next version.
    pub async fn record_attendance(
        &self,
        who: &Who,
        event: EventId,
        expected: impl Into<Expected>,
        presences: &[Presence],
    ) -> Result<Vec<AttendanceRow>, StoreError> {
        let write = self.versioned::<events::Entity>(event.0, expected).await?;
        if write.before().status == EventStatus::Cancelled.as_str() {
            return Err(StoreError::EventCancelled);
        }
        let txn = write.txn();
        let delegations = event_delegations::Entity::find()
            .filter(event_delegations::Column::EventId.eq(event.0))
            .all(txn)
            .await?;
        let delegates =
            delegates_of(txn, &delegations.iter().map(|d| d.id).collect::<Vec<_>>()).await?;
        let city_of: BTreeMap<Uuid, Uuid> = delegates
            .iter()
            .filter_map(|d| {
                delegations
                    .iter()
                    .find(|g| g.id == d.delegation_id)
                    .map(|g| (d.id, g.id))
            })
            .collect();
        if let Some((i, p)) = presences
            .iter()
            .enumerate()
            .find(|(_, p)| !city_of.contains_key(&p.delegate.0))
        {
            return Err(StoreError::Invalid(
                FieldError::new(format!("records[{i}].delegate_id"), codes::NOT_FOUND)
                    .with("value", p.delegate),
            ));
        }
        let mut before: BTreeMap<Uuid, serde_json::Value> = BTreeMap::new();
        for d in &delegations {
            before.insert(d.id, audited(txn, d).await?);
        }
        event_attendance::Entity::delete_many()
            .filter(event_attendance::Column::EventId.eq(event.0))
            .exec(txn)
            .await?;
        let unique: BTreeSet<Presence> = presences.iter().copied().collect();
        if !unique.is_empty() {
            event_attendance::Entity::insert_many(unique.iter().map(|p| {
                event_attendance::ActiveModel {
                    id: Set(Uuid::now_v7()),
                    event_id: Set(event.0),
                    delegate_id: Set(p.delegate.0),
                    session_id: Set(p.session.map(|s| s.0)),
                }
            }))
            .exec_without_returning(txn)
            .await?;
        }
        let present: BTreeSet<Uuid> = unique
            .iter()
            .filter_map(|p| city_of.get(&p.delegate.0).copied())
            .collect();
        let now = Utc::now();
        for d in &delegations {
            let status = status_of(d)?.after_attendance(present.contains(&d.id));
            let after_row = event_delegations::Model {
                status: status.as_str().to_owned(),
                ..d.clone()
            };
            let after = audited(txn, &after_row).await?;
            let Some(before) = before.remove(&d.id) else {
                continue;
            };
            if before == after {
                continue;
            }
            event_delegations::Entity::update_many()
                .set(event_delegations::ActiveModel {
                    status: Set(status.as_str().to_owned()),
                    version: Set(d.version + 1),
                    updated_at: Set(now),
                    ..Default::default()
                })
                .filter(event_delegations::Column::Id.eq(d.id))
                .exec(txn)
                .await?;
            let changed = event_delegations::Entity::find_by_id(d.id)
                .one(txn)
                .await?
                .ok_or(StoreError::NotFound)?;
            let after = audited(txn, &changed).await?;
            audit::record(
                txn,
                who,
                Change::Update,
                RecordType::EventDelegation,
                &d.id.to_string(),
                Some(&before),
                Some(&after),
            )
            .await?;
        }
        let updated = write.set(events::ActiveModel::default()).await?;
        let rows = attendance_of(updated.txn(), event).await?;
        updated.commit(who).await?;
        Ok(rows)
    }

    /// The version of the event `id`, for the ETag of its attendance.
    pub async fn event_version(&self, id: EventId) -> Result<i32, StoreError> {
        events::Entity::find_by_id(id.0)
            .one(&self.db)
            .await?
            .map(|e| e.version)
            .ok_or(StoreError::NotFound)
    }

    /// Every delegate present at an event in scope, with their city, its name and its
    /// country: one statement whatever the number of events.
    pub async fn attendees(
        &self,
        scope: &AttendanceScope,
    ) -> Result<Vec<(Attendee, String)>, StoreError> {
        let mut values: Vec<sea_orm::Value> = Vec::new();
        let mut sql = String::from(
            "SELECT DISTINCT a.event_id, g.city_id, c.name, c.country_code, a.delegate_id \
             FROM event_attendance a \
             JOIN event_delegates d ON d.id = a.delegate_id \
             JOIN event_delegations g ON g.id = d.delegation_id \
             JOIN cities c ON c.id = g.city_id \
             JOIN events e ON e.id = a.event_id \
             WHERE g.status = 'attended'",
        );
        attendance_scope_sql(scope, &mut sql, &mut values);
        let rows = self.db.query_all_raw(self.statement(sql, values)).await?;
        rows.iter()
            .map(|row| {
                let attendee = Attendee {
                    event: EventId(row.try_get("", "event_id")?),
                    city: CityId(row.try_get("", "city_id")?),
                    country: row.try_get("", "country_code")?,
                    delegate: DelegateId(row.try_get("", "delegate_id")?),
                };
                Ok((attendee, row.try_get("", "name")?))
            })
            .collect()
    }

    /// The cities present at the events linked to plan activities in scope: one row per
    /// activity, event and city, in one statement.
    pub async fn activity_attendees(
        &self,
        scope: &AttendanceScope,
    ) -> Result<Vec<ActivityAttendee>, StoreError> {
        let mut values: Vec<sea_orm::Value> = Vec::new();
        let mut sql = String::from(
            "SELECT DISTINCT ea.node_id, ea.event_id, e.starts_at, g.city_id, c.name, c.country_code \
             FROM event_activities ea \
             JOIN events e ON e.id = ea.event_id \
             JOIN event_delegations g ON g.event_id = ea.event_id AND g.status = 'attended' \
             JOIN cities c ON c.id = g.city_id \
             WHERE EXISTS (SELECT 1 FROM event_attendance a JOIN event_delegates d ON d.id = a.delegate_id \
             WHERE d.delegation_id = g.id)",
        );
        attendance_scope_sql(scope, &mut sql, &mut values);
        if let Some(plan) = scope.plan {
            values.push(plan.0.into());
            sql.push_str(&format!(
                " AND ea.node_id IN (SELECT id FROM plan_nodes WHERE plan_id = ${})",
                values.len()
            ));
        }
        if let Some(nodes) = &scope.activities {
            let mut list = Vec::with_capacity(nodes.len());
            for n in nodes {
                values.push(n.0.into());
                list.push(format!("${}", values.len()));
            }
            if list.is_empty() {
                sql.push_str(" AND 1 = 0");
            } else {
                sql.push_str(&format!(" AND ea.node_id IN ({})", list.join(", ")));
            }
        }
        let rows = self.db.query_all_raw(self.statement(sql, values)).await?;
        rows.iter()
            .map(|row| {
                Ok(ActivityAttendee {
                    activity: NodeId(row.try_get("", "node_id")?),
                    event: EventId(row.try_get("", "event_id")?),
                    starts_at: row.try_get("", "starts_at")?,
                    city: CityId(row.try_get("", "city_id")?),
                    city_name: row.try_get("", "name")?,
                    country: row.try_get("", "country_code")?,
                })
            })
            .collect()
    }

    /// The delegations of `cities` waiting for their city: invited or registered, not yet
    /// confirmed, to events still planned; oldest first.
    pub async fn open_invitations(
        &self,
        cities: &[CityId],
    ) -> Result<Vec<DelegationView>, StoreError> {
        if cities.is_empty() {
            return Ok(Vec::new());
        }
        let planned = events::Entity::find()
            .filter(events::Column::Status.eq(EventStatus::Planned.as_str()))
            .filter(
                events::Column::Id.in_subquery(
                    sea_orm::sea_query::Query::select()
                        .column(event_delegations::Column::EventId)
                        .from(event_delegations::Entity)
                        .and_where(
                            event_delegations::Column::CityId.is_in(cities.iter().map(|c| c.0)),
                        )
                        .to_owned(),
                ),
            )
            .all(&self.db)
            .await?;
        let rows = event_delegations::Entity::find()
            .filter(event_delegations::Column::CityId.is_in(cities.iter().map(|c| c.0)))
            .filter(event_delegations::Column::EventId.is_in(planned.iter().map(|e| e.id)))
            .filter(event_delegations::Column::Status.is_in([
                DelegationStatus::Invited.as_str(),
                DelegationStatus::Registered.as_str(),
            ]))
            .order_by_asc(event_delegations::Column::CreatedAt)
            .all(&self.db)
            .await?;
        let mut views = views(&self.db, rows).await?;
        views.sort_by_key(|v| v.delegation.created_at);
        Ok(views)
    }

    /// The events linked to each of `activities`.
    pub async fn events_of_activities(
        &self,
        activities: &[NodeId],
    ) -> Result<Vec<(NodeId, EventId)>, StoreError> {
        Ok(event_activities::Entity::find()
            .filter(event_activities::Column::NodeId.is_in(activities.iter().map(|a| a.0)))
            .all(&self.db)
            .await?
            .into_iter()
            .map(|l| (NodeId(l.node_id), EventId(l.event_id)))
            .collect())
    }
}

/// The conditions of `scope` on events `e`, cities `c` and links `ea`, added to `sql`.
fn attendance_scope_sql(
    scope: &AttendanceScope,
    sql: &mut String,
    values: &mut Vec<sea_orm::Value>,
) {
    let midnight = |d: NaiveDate| d.and_time(chrono::NaiveTime::MIN).and_utc();
    if let Some(from) = scope.from {
        values.push(midnight(from).into());
        sql.push_str(&format!(" AND e.ends_at >= ${}", values.len()));
    }
    if let Some(until) = scope.until.and_then(|d| d.succ_opt()) {
        values.push(midnight(until).into());
        sql.push_str(&format!(" AND e.starts_at < ${}", values.len()));
    }
    if let Some(country) = &scope.country {
        values.push(country.clone().into());
        sql.push_str(&format!(" AND c.country_code = ${}", values.len()));
    }
    if let Some(city) = scope.city {
        values.push(city.0.into());
        sql.push_str(&format!(" AND c.id = ${}", values.len()));
    }
    if let Some(plan) = scope.plan {
        values.push(plan.0.into());
        sql.push_str(&format!(
            " AND EXISTS (SELECT 1 FROM event_activities pa JOIN plan_nodes n ON n.id = pa.node_id \
             WHERE pa.event_id = e.id AND n.plan_id = ${})",
            values.len()
        ));
    }
    sql.push_str(" AND e.status <> 'cancelled'");
}

async fn attendance_of<C: ConnectionTrait>(
    conn: &C,
    event: EventId,
) -> Result<Vec<AttendanceRow>, StoreError> {
    let rows = event_attendance::Entity::find()
        .filter(event_attendance::Column::EventId.eq(event.0))
        .all(conn)
        .await?;
    let delegates = event_delegates::Entity::find()
        .filter(event_delegates::Column::Id.is_in(rows.iter().map(|r| r.delegate_id)))
        .all(conn)
        .await?;
    let delegations = event_delegations::Entity::find()
        .filter(event_delegations::Column::EventId.eq(event.0))
        .all(conn)
        .await?;
    let mut out = rows
        .iter()
        .map(|r| {
            let delegation = delegates
                .iter()
                .find(|d| d.id == r.delegate_id)
                .and_then(|d| delegations.iter().find(|g| g.id == d.delegation_id))
                .ok_or_else(|| corrupt("attendance"))?;
            Ok(AttendanceRow {
                session: r.session_id.map(SessionId),
                delegate: DelegateId(r.delegate_id),
                city: CityId(delegation.city_id),
            })
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
    out.sort_by_key(|r| (r.city, r.delegate, r.session));
    Ok(out)
}

impl Audited<'_> {
    fn to_value(&self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or_default()
    }
}
