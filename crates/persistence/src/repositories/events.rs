use super::bodies::to_ref;
use super::versioned::{self, Expected, Versioned};
use super::{Store, order_of, paged};
use crate::StoreError;
use crate::audit::{RecordType, Who};
use crate::entities::{
    bodies, cities, countries, event_activities, event_attendance, event_bodies,
    event_participants, events, plan_nodes,
};
use chrono::{DateTime, NaiveDate, Utc};
use mercociudades_domain::event::{Event, EventKind, EventStatus, OtherParticipant, Session, Zone};
use mercociudades_domain::ids::{BodyId, CityId, EventId, NodeId, PlanId, SessionId};
use mercociudades_domain::listing::{PageRequest, Paged, Sort};
use mercociudades_domain::monitoring::ParticipantKind;
use mercociudades_domain::plan::NodeKind;
use mercociudades_domain::record::Record;
use mercociudades_domain::text::LocalizedText;
use mercociudades_domain::validation::{FieldError, codes};
use sea_orm::sea_query::Query;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

pub use super::bodies::BodyRef;

pub type EventRecord = Record<EventId, Event>;

/// Where an event is held: its host city and that city's country.
#[derive(Debug, Clone)]
pub struct Host {
    pub city: CityId,
    pub city_name: String,
    pub country_code: String,
    pub country_name: LocalizedText,
}

/// A plan activity an event carries out, as people know it: its plan and code.
#[derive(Debug, Clone)]
pub struct ActivityRef {
    pub id: NodeId,
    pub plan_id: PlanId,
    pub code: String,
}

/// An event with the names of its host city, organising bodies and activities.
#[derive(Debug, Clone)]
pub struct EventView {
    pub event: EventRecord,
    pub host: Option<Host>,
    pub organizers: Vec<BodyRef>,
    pub activities: Vec<ActivityRef>,
}

#[derive(Debug, Clone, Default)]
pub struct EventFilter {
    pub body: Option<BodyId>,
    pub kind: Option<EventKind>,
    pub status: Option<EventStatus>,
    /// Only events that end on or after this day (UTC).
    pub from: Option<NaiveDate>,
    /// Only events that start on or before this day (UTC).
    pub until: Option<NaiveDate>,
    pub updated_since: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventSort {
    StartsAt,
    UpdatedAt,
}

/// A session as stored in the event's `sessions` column.
#[derive(Debug, Serialize, Deserialize)]
struct SessionRow {
    /// Absent from the sessions stored before they had ids: see [`session_id`].
    #[serde(default)]
    id: Option<Uuid>,
    title_es: Option<String>,
    title_pt: Option<String>,
    title_en: Option<String>,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
}

/// The id of the session at `position` of the event `event`: its own, or for a session
/// stored before sessions had ids, one made from the event's id and the position, the same
/// at every read until the event is next written with the ids it was read with.
fn session_id(event: Uuid, position: usize, stored: Option<Uuid>) -> SessionId {
    SessionId(stored.unwrap_or_else(|| {
        let mut bytes = *event.as_bytes();
        let position = (position as u16).to_be_bytes();
        bytes[14] ^= position[0];
        bytes[15] ^= position[1] ^ 0x5a;
        Uuid::new_v8(bytes)
    }))
}

/// What an event links to besides its row: organising bodies, activities, other participants.
#[derive(Debug, Default, Serialize)]
struct Links {
    body_ids: Vec<Uuid>,
    activity_ids: Vec<Uuid>,
    participants: Vec<event_participants::Model>,
}

/// How the audit log keeps an event: its row with its links.
#[derive(Debug, Serialize)]
struct Audited<'a> {
    #[serde(flatten)]
    row: &'a events::Model,
    #[serde(flatten)]
    links: &'a Links,
}

fn audited(row: &events::Model, links: &Links) -> serde_json::Value {
    serde_json::to_value(Audited { row, links }).unwrap_or_default()
}

fn corrupt(what: &str) -> StoreError {
    StoreError::Database(DbErr::Custom(format!("stored event: {what}")))
}

fn text(
    es: &Option<String>,
    pt: &Option<String>,
    en: &Option<String>,
) -> Result<LocalizedText, FieldError> {
    LocalizedText::parse(es.as_deref(), pt.as_deref(), en.as_deref(), usize::MAX)
}

fn participant_of(p: &event_participants::Model) -> Result<OtherParticipant, StoreError> {
    Ok(OtherParticipant {
        kind: ParticipantKind::parse("kind", &p.kind).map_err(|_| corrupt("participant"))?,
        name: p.name.clone(),
        people: p.people.map(|n| n.max(0) as u32),
    })
}

fn to_domain(
    m: events::Model,
    organizers: Vec<BodyId>,
    activities: Vec<NodeId>,
    participants: Vec<OtherParticipant>,
) -> Result<EventRecord, StoreError> {
    let sessions: Vec<SessionRow> =
        serde_json::from_str(&m.sessions).map_err(|_| corrupt("sessions"))?;
    let sessions = sessions
        .into_iter()
        .enumerate()
        .map(|(i, s)| {
            Ok(Session {
                id: session_id(m.id, i, s.id),
                title: text(&s.title_es, &s.title_pt, &s.title_en)
                    .map_err(|_| corrupt("session title"))?,
                starts_at: s.starts_at,
                ends_at: s.ends_at,
            })
        })
        .collect::<Result<_, StoreError>>()?;
    let description =
        if m.description_es.is_some() || m.description_pt.is_some() || m.description_en.is_some() {
            Some(
                text(&m.description_es, &m.description_pt, &m.description_en)
                    .map_err(|_| corrupt("description"))?,
            )
        } else {
            None
        };
    Ok(Record {
        id: EventId(m.id),
        value: Event {
            kind: EventKind::parse("kind", &m.kind).map_err(|_| corrupt("kind"))?,
            title: text(&m.title_es, &m.title_pt, &m.title_en).map_err(|_| corrupt("title"))?,
            description,
            zone: Zone::parse("time_zone", &m.time_zone).map_err(|_| corrupt("time zone"))?,
            starts_at: m.starts_at,
            ends_at: m.ends_at,
            host_city: m.host_city_id.map(CityId),
            organizers,
            activities,
            sessions,
            participants,
            status: EventStatus::parse("status", &m.status).map_err(|_| corrupt("status"))?,
        },
        version: m.version,
        created_at: m.created_at,
        updated_at: m.updated_at,
    })
}

impl Versioned for events::Entity {
    const RECORD: RecordType = RecordType::Event;
    const VERSION: events::Column = events::Column::Version;
    const CREATED_AT: events::Column = events::Column::CreatedAt;
    const UPDATED_AT: Option<events::Column> = Some(events::Column::UpdatedAt);
}

/// The columns an edit of the event writes; its status changes only through its lifecycle.
fn columns(event: &Event) -> Result<events::ActiveModel, StoreError> {
    let sessions: Vec<SessionRow> = event
        .sessions
        .iter()
        .map(|s| SessionRow {
            id: Some(s.id.0),
            title_es: s.title.es().map(str::to_owned),
            title_pt: s.title.pt().map(str::to_owned),
            title_en: s.title.en().map(str::to_owned),
            starts_at: s.starts_at,
            ends_at: s.ends_at,
        })
        .collect();
    let sessions = serde_json::to_string(&sessions).map_err(|_| corrupt("sessions"))?;
    let description = event.description.as_ref();
    let part = |f: fn(&LocalizedText) -> Option<&str>| description.and_then(f).map(str::to_owned);
    Ok(events::ActiveModel {
        kind: Set(event.kind.as_str().to_owned()),
        title_es: Set(event.title.es().map(str::to_owned)),
        title_pt: Set(event.title.pt().map(str::to_owned)),
        title_en: Set(event.title.en().map(str::to_owned)),
        description_es: Set(part(LocalizedText::es)),
        description_pt: Set(part(LocalizedText::pt)),
        description_en: Set(part(LocalizedText::en)),
        time_zone: Set(event.zone.name().to_owned()),
        starts_at: Set(event.starts_at),
        ends_at: Set(event.ends_at),
        host_city_id: Set(event.host_city.map(|c| c.0)),
        sessions: Set(sessions),
        ..Default::default()
    })
}

fn ids<T>(items: &[T], id: impl Fn(&T) -> Uuid) -> Vec<Uuid> {
    items.iter().map(id).collect()
}

/// Checks that the host city, the organising bodies and the activities exist, the activities
/// being activities or sub-activities of a plan.
async fn check<C: ConnectionTrait>(conn: &C, event: &Event) -> Result<(), StoreError> {
    if let Some(city) = event.host_city
        && cities::Entity::find_by_id(city.0)
            .one(conn)
            .await?
            .is_none()
    {
        return Err(StoreError::Invalid(
            FieldError::new("host_city_id", codes::NOT_FOUND).with("value", city),
        ));
    }
    let found = bodies::Entity::find()
        .filter(bodies::Column::Id.is_in(ids(&event.organizers, |b| b.0)))
        .all(conn)
        .await?;
    if let Some((i, body)) = event
        .organizers
        .iter()
        .enumerate()
        .find(|(_, b)| !found.iter().any(|f| f.id == b.0))
    {
        return Err(StoreError::Invalid(
            FieldError::new(format!("body_ids[{i}]"), codes::NOT_FOUND).with("value", body),
        ));
    }
    let nodes = plan_nodes::Entity::find()
        .filter(plan_nodes::Column::Id.is_in(ids(&event.activities, |n| n.0)))
        .all(conn)
        .await?;
    let is_activity = |n: &plan_nodes::Model| {
        matches!(
            NodeKind::parse("kind", &n.kind),
            Ok(NodeKind::Activity | NodeKind::SubActivity)
        )
    };
    if let Some((i, node)) = event
        .activities
        .iter()
        .enumerate()
        .find(|(_, a)| !nodes.iter().any(|n| n.id == a.0 && is_activity(n)))
    {
        return Err(StoreError::Invalid(
            FieldError::new(format!("activity_ids[{i}]"), codes::NOT_FOUND).with("value", node),
        ));
    }
    Ok(())
}

/// The other participants of `event`, as the rows of the event `id`.
fn participant_rows(id: Uuid, event: &Event) -> Vec<event_participants::Model> {
    event
        .participants
        .iter()
        .enumerate()
        .map(|(i, p)| event_participants::Model {
            event_id: id,
            ordinal: i as i32,
            kind: p.kind.as_str().to_owned(),
            name: p.name.clone(),
            people: p.people.map(|n| n.min(i32::MAX as u32) as i32),
        })
        .collect()
}

/// Replaces the organising bodies, activities and other participants of the event `id`.
async fn write_links<C: ConnectionTrait>(
    conn: &C,
    id: Uuid,
    event: &Event,
) -> Result<(), StoreError> {
    event_bodies::Entity::delete_many()
        .filter(event_bodies::Column::EventId.eq(id))
        .exec(conn)
        .await?;
    event_activities::Entity::delete_many()
        .filter(event_activities::Column::EventId.eq(id))
        .exec(conn)
        .await?;
    event_participants::Entity::delete_many()
        .filter(event_participants::Column::EventId.eq(id))
        .exec(conn)
        .await?;
    if !event.participants.is_empty() {
        event_participants::Entity::insert_many(
            participant_rows(id, event)
                .into_iter()
                .map(sea_orm::IntoActiveModel::into_active_model),
        )
        .exec_without_returning(conn)
        .await?;
    }
    if !event.organizers.is_empty() {
        event_bodies::Entity::insert_many(event.organizers.iter().map(|b| {
            event_bodies::ActiveModel {
                event_id: Set(id),
                body_id: Set(b.0),
            }
        }))
        .exec_without_returning(conn)
        .await?;
    }
    if !event.activities.is_empty() {
        event_activities::Entity::insert_many(event.activities.iter().map(|n| {
            event_activities::ActiveModel {
                event_id: Set(id),
                node_id: Set(n.0),
            }
        }))
        .exec_without_returning(conn)
        .await?;
    }
    Ok(())
}

/// The organising bodies and activities of `rows`, with the names of everything they name,
/// in a bounded number of queries whatever the number of rows.
async fn with_names<C: ConnectionTrait>(
    conn: &C,
    rows: Vec<events::Model>,
) -> Result<Vec<EventView>, StoreError> {
    let event_ids = ids(&rows, |e| e.id);
    let links = event_bodies::Entity::find()
        .filter(event_bodies::Column::EventId.is_in(event_ids.clone()))
        .all(conn)
        .await?;
    let activity_links = event_activities::Entity::find()
        .filter(event_activities::Column::EventId.is_in(event_ids.clone()))
        .all(conn)
        .await?;
    let participants = event_participants::Entity::find()
        .filter(event_participants::Column::EventId.is_in(event_ids))
        .order_by_asc(event_participants::Column::Ordinal)
        .all(conn)
        .await?;
    let found_bodies = bodies::Entity::find()
        .filter(bodies::Column::Id.is_in(ids(&links, |l| l.body_id)))
        .all(conn)
        .await?;
    let nodes = plan_nodes::Entity::find()
        .filter(plan_nodes::Column::Id.is_in(ids(&activity_links, |l| l.node_id)))
        .all(conn)
        .await?;
    let found_cities = cities::Entity::find()
        .filter(cities::Column::Id.is_in(rows.iter().filter_map(|e| e.host_city_id)))
        .all(conn)
        .await?;
    let found_countries = countries::Entity::find()
        .filter(countries::Column::Code.is_in(found_cities.iter().map(|c| c.country_code.clone())))
        .all(conn)
        .await?;
    rows.into_iter()
        .map(|row| {
            let mut organizers = found_bodies
                .iter()
                .filter(|b| {
                    links
                        .iter()
                        .any(|l| l.event_id == row.id && l.body_id == b.id)
                })
                .map(to_ref)
                .collect::<Result<Vec<_>, _>>()?;
            organizers.sort_by_key(|b| b.id);
            let mut activities: Vec<ActivityRef> = nodes
                .iter()
                .filter(|n| {
                    activity_links
                        .iter()
                        .any(|l| l.event_id == row.id && l.node_id == n.id)
                })
                .map(|n| ActivityRef {
                    id: NodeId(n.id),
                    plan_id: PlanId(n.plan_id),
                    code: n.code.clone(),
                })
                .collect();
            activities.sort_by(|a, b| (a.plan_id, &a.code).cmp(&(b.plan_id, &b.code)));
            let host = row
                .host_city_id
                .map(|id| {
                    let city = found_cities
                        .iter()
                        .find(|c| c.id == id)
                        .ok_or_else(|| corrupt("host city"))?;
                    let country = found_countries
                        .iter()
                        .find(|c| c.code == city.country_code)
                        .ok_or_else(|| corrupt("country"))?;
                    let country_name = LocalizedText::parse_complete(
                        &country.name_es,
                        &country.name_pt,
                        &country.name_en,
                        usize::MAX,
                    )
                    .map_err(|_| corrupt("country name"))?;
                    Ok::<_, StoreError>(Host {
                        city: CityId(id),
                        city_name: city.name.clone(),
                        country_code: city.country_code.clone(),
                        country_name,
                    })
                })
                .transpose()?;
            let others = participants
                .iter()
                .filter(|p| p.event_id == row.id)
                .map(participant_of)
                .collect::<Result<Vec<_>, _>>()?;
            let event = to_domain(
                row,
                organizers.iter().map(|b| b.id).collect(),
                activities.iter().map(|a| a.id).collect(),
                others,
            )?;
            Ok(EventView {
                event,
                host,
                organizers,
                activities,
            })
        })
        .collect()
}

async fn view<C: ConnectionTrait>(conn: &C, row: events::Model) -> Result<EventView, StoreError> {
    with_names(conn, vec![row])
        .await?
        .pop()
        .ok_or(StoreError::NotFound)
}

/// The links of the event `id`, for its audit entry.
async fn links_of<C: ConnectionTrait>(conn: &C, id: Uuid) -> Result<Links, StoreError> {
    let mut bodies: Vec<Uuid> = event_bodies::Entity::find()
        .filter(event_bodies::Column::EventId.eq(id))
        .all(conn)
        .await?
        .into_iter()
        .map(|l| l.body_id)
        .collect();
    let mut activities: Vec<Uuid> = event_activities::Entity::find()
        .filter(event_activities::Column::EventId.eq(id))
        .all(conn)
        .await?
        .into_iter()
        .map(|l| l.node_id)
        .collect();
    bodies.sort();
    activities.sort();
    let participants = event_participants::Entity::find()
        .filter(event_participants::Column::EventId.eq(id))
        .order_by_asc(event_participants::Column::Ordinal)
        .all(conn)
        .await?;
    Ok(Links {
        body_ids: bodies,
        activity_ids: activities,
        participants,
    })
}

impl Store {
    pub async fn list_events(
        &self,
        filter: &EventFilter,
        sort: Sort<EventSort>,
        page: PageRequest,
    ) -> Result<Paged<EventView>, StoreError> {
        let mut select = events::Entity::find();
        if let Some(body) = filter.body {
            select = select.filter(
                events::Column::Id.in_subquery(
                    Query::select()
                        .column(event_bodies::Column::EventId)
                        .from(event_bodies::Entity)
                        .and_where(event_bodies::Column::BodyId.eq(body.0))
                        .to_owned(),
                ),
            );
        }
        if let Some(kind) = filter.kind {
            select = select.filter(events::Column::Kind.eq(kind.as_str()));
        }
        if let Some(status) = filter.status {
            select = select.filter(events::Column::Status.eq(status.as_str()));
        }
        if let Some(day) = filter.from {
            select = select
                .filter(events::Column::EndsAt.gte(day.and_time(chrono::NaiveTime::MIN).and_utc()));
        }
        if let Some(day) = filter.until.and_then(|d| d.succ_opt()) {
            select = select.filter(
                events::Column::StartsAt.lt(day.and_time(chrono::NaiveTime::MIN).and_utc()),
            );
        }
        if let Some(since) = filter.updated_since {
            select = select.filter(events::Column::UpdatedAt.gte(since));
        }
        let order = order_of(&sort);
        select = match sort.field {
            EventSort::StartsAt => select.order_by(events::Column::StartsAt, order),
            EventSort::UpdatedAt => select.order_by(events::Column::UpdatedAt, order),
        }
        .order_by_asc(events::Column::Id);
        let rows = paged(&self.db, select, page).await?;
        let items = with_names(&self.db, rows.items).await?;
        Ok(Paged {
            items,
            page: rows.page,
            per_page: rows.per_page,
            total: rows.total,
        })
    }

    /// Every event `filter` takes in, by start, for a calendar.
    pub async fn all_events(&self, filter: &EventFilter) -> Result<Vec<EventView>, StoreError> {
        let mut select = events::Entity::find();
        if let Some(body) = filter.body {
            select = select.filter(
                events::Column::Id.in_subquery(
                    Query::select()
                        .column(event_bodies::Column::EventId)
                        .from(event_bodies::Entity)
                        .and_where(event_bodies::Column::BodyId.eq(body.0))
                        .to_owned(),
                ),
            );
        }
        if let Some(kind) = filter.kind {
            select = select.filter(events::Column::Kind.eq(kind.as_str()));
        }
        let rows = select
            .order_by_asc(events::Column::StartsAt)
            .order_by_asc(events::Column::Id)
            .all(&self.db)
            .await?;
        with_names(&self.db, rows).await
    }

    /// The events of `ids` that exist, by start.
    pub async fn events_by_ids(&self, ids: &[EventId]) -> Result<Vec<EventView>, StoreError> {
        let rows = events::Entity::find()
            .filter(events::Column::Id.is_in(ids.iter().map(|e| e.0)))
            .order_by_asc(events::Column::StartsAt)
            .order_by_asc(events::Column::Id)
            .all(&self.db)
            .await?;
        with_names(&self.db, rows).await
    }

    pub async fn get_event(&self, id: EventId) -> Result<EventView, StoreError> {
        let row = events::Entity::find_by_id(id.0)
            .one(&self.db)
            .await?
            .ok_or(StoreError::NotFound)?;
        view(&self.db, row).await
    }

    /// Records a planned event.
    pub async fn create_event(&self, who: &Who, event: &Event) -> Result<EventView, StoreError> {
        let txn = self.write().await?;
        check(&txn, event).await?;
        let id = Uuid::now_v7();
        let mut columns = columns(event)?;
        columns.status = Set(EventStatus::Planned.as_str().to_owned());
        let links = Links {
            body_ids: ids(&event.organizers, |b| b.0),
            activity_ids: ids(&event.activities, |a| a.0),
            participants: participant_rows(id, event),
        };
        // The links point at the row: it is written first, its audit entry names them.
        let row = versioned::insert_audited::<events::Entity, _>(&txn, who, id, columns, |row| {
            audited(row, &links)
        })
        .await?;
        write_links(&txn, id, event).await?;
        let view = view(&txn, row).await?;
        txn.commit().await?;
        Ok(view)
    }

    /// Replaces an event's data; its status stays as it is.
    pub async fn update_event(
        &self,
        who: &Who,
        id: EventId,
        expected_version: impl Into<Expected>,
        event: &Event,
    ) -> Result<EventView, StoreError> {
        let write = self
            .versioned::<events::Entity>(id.0, expected_version)
            .await?;
        check(write.txn(), event).await?;
        let kept: Vec<Uuid> = event.sessions.iter().map(|s| s.id.0).collect();
        let attended_elsewhere = event_attendance::Entity::find()
            .filter(event_attendance::Column::EventId.eq(id.0))
            .filter(event_attendance::Column::SessionId.is_not_null())
            .filter(event_attendance::Column::SessionId.is_not_in(kept))
            .one(write.txn())
            .await?;
        if attended_elsewhere.is_some() {
            return Err(StoreError::InUse {
                reason: "session_attended",
            });
        }
        let before_links = links_of(write.txn(), id.0).await?;
        let updated = write.set(columns(event)?).await?;
        write_links(updated.txn(), id.0, event).await?;
        let after_links = links_of(updated.txn(), id.0).await?;
        let view = view(updated.txn(), updated.after().clone()).await?;
        updated
            .commit_audited(who, |before, after| {
                (audited(before, &before_links), audited(after, &after_links))
            })
            .await?;
        Ok(view)
    }

    /// Moves an event along its lifecycle: a planned event is held or cancelled.
    pub async fn set_event_status(
        &self,
        who: &Who,
        id: EventId,
        expected_version: impl Into<Expected>,
        to: EventStatus,
    ) -> Result<EventView, StoreError> {
        let write = self
            .versioned::<events::Entity>(id.0, expected_version)
            .await?;
        let from =
            EventStatus::parse("status", &write.before().status).map_err(|_| corrupt("status"))?;
        let status = from.move_to(to).map_err(StoreError::Transition)?;
        let updated = write
            .set(events::ActiveModel {
                status: Set(status.as_str().to_owned()),
                ..Default::default()
            })
            .await?;
        let view = view(updated.txn(), updated.after().clone()).await?;
        updated.commit(who).await?;
        Ok(view)
    }

    pub async fn delete_event(
        &self,
        who: &Who,
        id: EventId,
        expected_version: impl Into<Expected>,
    ) -> Result<(), StoreError> {
        let write = self
            .versioned::<events::Entity>(id.0, expected_version)
            .await?;
        let links = links_of(write.txn(), id.0).await?;
        write.delete_audited(who, |row| audited(row, &links)).await
    }
}
