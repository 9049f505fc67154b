//! Events: workshops, seminars, meetings, Summits, congresses and courses, with their
//! sessions; their lifecycle; and each one as an iCalendar file.

use super::bodies::uuid_field;
use super::{
    CreateErrors, DeleteErrors, GetErrors, ListErrors, Localized, Page, UpdateErrors, check,
    created, optional, required, with_etag,
};
use crate::error::ApiResult;
use crate::extract::{Ids, IfMatch, JsonBody, QueryParams};
use crate::guard::{Cx, Guard, OnEvent, Resolved, Target, perm};
use crate::ics::{self, Calendar};
use crate::state::AppState;
use actix_web::http::header;
use actix_web::{HttpResponse, delete, get, post, put, web};
use chrono::Datelike;
use chrono::{DateTime, NaiveDateTime, Utc};
use mercociudades_domain::access::Resource;
use mercociudades_domain::event::{
    Event, EventKind, EventStatus, OtherParticipant, Session, Zone, parse_local,
};
use mercociudades_domain::ids::{BodyId, CityId, EventId, NodeId, SessionId};
use mercociudades_domain::listing::{Sort, parse_date};
use mercociudades_domain::monitoring::ParticipantKind;
use mercociudades_domain::plan::TEXT_MAX;
use mercociudades_domain::registry::NAME_MAX;
use mercociudades_domain::text::Lang;
use mercociudades_domain::validation::{FieldError, ValidationErrors, codes};
use mercociudades_macros::guarded;
use mercociudades_persistence::repositories::{EventFilter, EventSort, EventView};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

/// The most sessions an event holds.
const MAX_SESSIONS: usize = 200;
/// The most organising bodies or linked activities an event names.
const MAX_LINKS: usize = 200;

/// An event.
#[derive(Debug, Serialize, ToSchema)]
pub struct EventOut {
    pub id: Uuid,
    #[schema(value_type = super::closed::EventKind)]
    pub kind: EventKind,
    #[schema(value_type = super::closed::EventStatus)]
    pub status: EventStatus,
    pub title: Localized,
    pub description: Option<Localized>,
    /// The IANA time zone the event's times are given in.
    pub time_zone: String,
    /// The start, in UTC.
    pub starts_at: DateTime<Utc>,
    /// The end, in UTC.
    pub ends_at: DateTime<Utc>,
    /// The start as the clocks of `time_zone` showed it.
    #[schema(value_type = String, example = "2011-11-30T09:00:00")]
    pub local_starts_at: NaiveDateTime,
    /// The end as the clocks of `time_zone` showed it.
    #[schema(value_type = String, example = "2011-12-02T18:00:00")]
    pub local_ends_at: NaiveDateTime,
    /// The host city; absent when the event is held online.
    pub host_city: Option<EventHostOut>,
    /// Held online (no host city).
    pub online: bool,
    /// The bodies that organise it.
    pub organizers: Vec<EventOrganizerOut>,
    /// The plan activities and sub-activities it carries out.
    pub activities: Vec<EventActivityOut>,
    pub sessions: Vec<EventSessionOut>,
    /// Who else took part, counted by kind.
    pub participants: Vec<EventParticipantOut>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// The city that hosts an event.
#[derive(Debug, Serialize, ToSchema)]
pub struct EventHostOut {
    pub id: Uuid,
    pub name: String,
    pub country_code: String,
    pub country_name: Localized,
}

/// A body that organises an event.
#[derive(Debug, Serialize, ToSchema)]
pub struct EventOrganizerOut {
    pub id: Uuid,
    pub name: Localized,
    pub acronym: Option<String>,
}

/// A plan activity an event carries out.
#[derive(Debug, Serialize, ToSchema)]
pub struct EventActivityOut {
    /// The plan node.
    pub id: Uuid,
    pub plan_id: Uuid,
    pub code: String,
}

/// A participant of an event other than the member cities' delegations.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EventParticipantOut {
    #[schema(value_type = super::closed::ParticipantKind)]
    pub kind: String,
    pub name: String,
    /// How many people came, when known.
    pub people: Option<u32>,
}

/// A participant of an event other than the member cities' delegations, to record.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EventParticipantIn {
    /// `organizations` (social organisations, partners), `mercosur_institutions` or
    /// `specific_groups` (the Productive Integration Group).
    #[schema(value_type = super::closed::ParticipantKind, required = true)]
    pub kind: Option<String>,
    /// The organisation, institution or group, as it is called.
    #[schema(value_type = String, required = true, min_length = 1, max_length = 200, format = "name")]
    pub name: Option<String>,
    /// How many people came, when known.
    #[schema(minimum = 1, maximum = 100000)]
    pub people: Option<i64>,
}

/// A session of an event.
#[derive(Debug, Serialize, ToSchema)]
pub struct EventSessionOut {
    /// Attendance is recorded per session; send it back to keep the session.
    pub id: Uuid,
    pub title: Localized,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    #[schema(value_type = String, example = "2011-11-30T10:00:00")]
    pub local_starts_at: NaiveDateTime,
    #[schema(value_type = String, example = "2011-11-30T12:00:00")]
    pub local_ends_at: NaiveDateTime,
}

/// An event to create or replace. Times are wall-clock times in `time_zone`
/// (`2011-11-30T09:00`); a time the clocks skip or repeat there is refused.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EventIn {
    #[schema(value_type = super::closed::EventKind, required = true)]
    pub kind: Option<String>,
    /// One line in each language given.
    #[schema(value_type = Localized, required = true)]
    pub title: Option<Localized>,
    pub description: Option<Localized>,
    /// An IANA time zone (`America/Montevideo`).
    #[schema(value_type = String, required = true, max_length = 64)]
    pub time_zone: Option<String>,
    /// Start (YYYY-MM-DDTHH:MM, seconds optional, from 1900 to 2999), in `time_zone`.
    #[schema(value_type = String, required = true, max_length = 19, pattern = r"^(19|2\d)\d{2}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$")]
    pub starts_at: Option<String>,
    /// End, in `time_zone`; not before the start, and at most 400 days after it.
    #[schema(value_type = String, required = true, max_length = 19, pattern = r"^(19|2\d)\d{2}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$")]
    pub ends_at: Option<String>,
    /// The host city; omit or send null for an event held online.
    #[schema(value_type = Option<String>, format = Uuid)]
    pub host_city_id: Option<String>,
    /// The bodies that organise it: at least one, each once.
    #[schema(value_type = Vec<Uuid>, required = true, min_items = 1, max_items = 200)]
    pub body_ids: Option<Vec<String>>,
    /// Plan nodes of kind `activity` or `sub_activity` the event carries out, each once.
    #[schema(value_type = Option<Vec<Uuid>>, max_items = 200)]
    pub activity_ids: Option<Vec<String>>,
    /// Sessions, each within the event's days.
    #[schema(max_items = 200)]
    pub sessions: Option<Vec<EventSessionIn>>,
    /// Who else took part, counted by kind.
    #[schema(max_items = 200)]
    pub participants: Option<Vec<EventParticipantIn>>,
}

/// A session of an event to create or replace, in the event's `time_zone`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EventSessionIn {
    /// The id of one of the event's sessions, to keep it (and its attendance); omit it for
    /// a new session.
    #[schema(value_type = Option<Uuid>)]
    pub id: Option<String>,
    #[schema(value_type = Localized, required = true)]
    pub title: Option<Localized>,
    #[schema(value_type = String, required = true, max_length = 19, pattern = r"^(19|2\d)\d{2}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$")]
    pub starts_at: Option<String>,
    #[schema(value_type = String, required = true, max_length = 19, pattern = r"^(19|2\d)\d{2}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$")]
    pub ends_at: Option<String>,
}

/// A change of an event's status.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EventStatusIn {
    /// `held` or `cancelled`; only a planned event changes.
    #[schema(value_type = super::closed::EventStatus, required = true)]
    pub status: Option<String>,
}

super::list_query!(
    /// Filters of the event list.
    EventQuery sorted by "^(-?(starts_at|updated_at))?$" {
        /// Only events this body organises.
        #[param(value_type = Option<Uuid>)]
        body_id,
        #[param(value_type = Option<super::closed::EventKind>)]
        kind,
        #[param(value_type = Option<super::closed::EventStatus>)]
        status,
        /// Only events that end on or after this day (YYYY-MM-DD, UTC).
        #[param(value_type = Option<chrono::NaiveDate>)]
        from,
        /// Only events that start on or before this day (YYYY-MM-DD, UTC).
        #[param(value_type = Option<chrono::NaiveDate>)]
        until,
    }
);

/// The language of a calendar file.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct CalendarQuery {
    /// The language of the summary, description and location; default `es`.
    #[param(value_type = Option<super::closed::Language>)]
    pub lang: Option<String>,
}

fn session_out(zone: Zone, s: &Session) -> EventSessionOut {
    EventSessionOut {
        id: s.id.0,
        title: (&s.title).into(),
        starts_at: s.starts_at,
        ends_at: s.ends_at,
        local_starts_at: zone.local(s.starts_at),
        local_ends_at: zone.local(s.ends_at),
    }
}

fn out(v: EventView) -> EventOut {
    let e = v.event;
    let zone = e.value.zone;
    EventOut {
        id: e.id.0,
        kind: e.value.kind,
        status: e.value.status,
        title: (&e.value.title).into(),
        description: e.value.description.as_ref().map(Into::into),
        time_zone: zone.name().to_owned(),
        starts_at: e.value.starts_at,
        ends_at: e.value.ends_at,
        local_starts_at: zone.local(e.value.starts_at),
        local_ends_at: zone.local(e.value.ends_at),
        online: v.host.is_none(),
        host_city: v.host.map(|h| EventHostOut {
            id: h.city.0,
            name: h.city_name,
            country_code: h.country_code,
            country_name: (&h.country_name).into(),
        }),
        organizers: v
            .organizers
            .into_iter()
            .map(|b| EventOrganizerOut {
                id: b.id.0,
                name: (&b.name).into(),
                acronym: b.acronym,
            })
            .collect(),
        activities: v
            .activities
            .into_iter()
            .map(|a| EventActivityOut {
                id: a.id.0,
                plan_id: a.plan_id.0,
                code: a.code,
            })
            .collect(),
        sessions: e
            .value
            .sessions
            .iter()
            .map(|s| session_out(zone, s))
            .collect(),
        participants: e
            .value
            .participants
            .iter()
            .map(|p| EventParticipantOut {
                kind: p.kind.as_str().to_owned(),
                name: p.name.clone(),
                people: p.people,
            })
            .collect(),
        version: e.version,
        created_at: e.created_at,
        updated_at: e.updated_at,
    }
}

/// A list of ids, each a UUID and each once, at most `MAX_LINKS`.
fn id_list(field: &str, raw: &[String]) -> Result<Vec<Uuid>, FieldError> {
    if raw.len() > MAX_LINKS {
        return Err(FieldError::new(field, codes::OUT_OF_RANGE)
            .with("min", 0)
            .with("max", MAX_LINKS));
    }
    let mut ids: Vec<Uuid> = Vec::with_capacity(raw.len());
    for (i, r) in raw.iter().enumerate() {
        let id = uuid_field(&format!("{field}[{i}]"), r)?;
        if ids.contains(&id) {
            return Err(FieldError::new(format!("{field}[{i}]"), codes::DUPLICATE));
        }
        ids.push(id);
    }
    Ok(ids)
}

/// A wall-clock time of `field` in `zone`, as an instant.
fn instant(
    errors: &mut ValidationErrors,
    zone: Option<Zone>,
    field: &str,
    raw: &Option<String>,
) -> Option<DateTime<Utc>> {
    let local = errors.take(required(field, raw).and_then(|t| parse_local(field, t)))?;
    errors.take(zone?.instant(field, local))
}

fn parse_session(
    errors: &mut ValidationErrors,
    zone: Option<Zone>,
    i: usize,
    input: &EventSessionIn,
) -> Option<Session> {
    let field = |name: &str| format!("sessions[{i}].{name}");
    let title = errors.take(
        required(&field("title"), &input.title)
            .and_then(|t| t.parse_name(&field("title"), NAME_MAX)),
    );
    let id = match input.id.as_deref() {
        Some(raw) => errors.take(uuid_field(&field("id"), raw).map(SessionId)),
        None => Some(SessionId::new()),
    };
    let starts_at = instant(errors, zone, &field("starts_at"), &input.starts_at);
    let ends_at = instant(errors, zone, &field("ends_at"), &input.ends_at);
    Some(Session {
        id: id?,
        title: title?,
        starts_at: starts_at?,
        ends_at: ends_at?,
    })
}

/// The most people a participant brings.
const MAX_PEOPLE: i64 = 100_000;

fn parse_participant(
    errors: &mut ValidationErrors,
    i: usize,
    input: &EventParticipantIn,
) -> Option<OtherParticipant> {
    let field = |name: &str| format!("participants[{i}].{name}");
    let kind = errors.take(
        required(&field("kind"), &input.kind)
            .and_then(|k| ParticipantKind::parse(&field("kind"), k)),
    );
    let name = errors
        .take(required(&field("name"), &input.name).and_then(|n| {
            mercociudades_domain::validation::name_text(&field("name"), n, NAME_MAX)
        }));
    let people = match input.people {
        None => Some(None),
        Some(n) if (1..=MAX_PEOPLE).contains(&n) => Some(Some(n as u32)),
        Some(_) => {
            errors.push(
                FieldError::new(field("people"), codes::OUT_OF_RANGE)
                    .with("min", 1)
                    .with("max", MAX_PEOPLE),
            );
            None
        }
    };
    Some(OtherParticipant {
        kind: kind?,
        name: name?,
        people: people?,
    })
}

fn parse(input: &EventIn) -> Result<Event, ValidationErrors> {
    let mut errors = ValidationErrors::new();
    let kind = errors.take(required("kind", &input.kind).and_then(|k| EventKind::parse("kind", k)));
    let title =
        errors.take(required("title", &input.title).and_then(|t| t.parse_name("title", NAME_MAX)));
    let description = errors.take(
        input
            .description
            .as_ref()
            .map(|d| d.parse("description", TEXT_MAX))
            .transpose(),
    );
    let zone = errors
        .take(required("time_zone", &input.time_zone).and_then(|z| Zone::parse("time_zone", z)));
    let starts_at = instant(&mut errors, zone, "starts_at", &input.starts_at);
    let ends_at = instant(&mut errors, zone, "ends_at", &input.ends_at);
    let host_city = errors.take(
        input
            .host_city_id
            .as_deref()
            .map(|c| uuid_field("host_city_id", c).map(CityId))
            .transpose(),
    );
    let organizers =
        errors.take(required("body_ids", &input.body_ids).and_then(|ids| id_list("body_ids", ids)));
    let activities = errors.take(id_list(
        "activity_ids",
        input.activity_ids.as_deref().unwrap_or_default(),
    ));
    let sessions_in = input.sessions.as_deref().unwrap_or_default();
    if sessions_in.len() > MAX_SESSIONS {
        errors.push(
            FieldError::new("sessions", codes::OUT_OF_RANGE)
                .with("min", 0)
                .with("max", MAX_SESSIONS),
        );
    }
    let sessions: Vec<Option<Session>> = sessions_in
        .iter()
        .take(MAX_SESSIONS)
        .enumerate()
        .map(|(i, s)| parse_session(&mut errors, zone, i, s))
        .collect();
    let participants_in = input.participants.as_deref().unwrap_or_default();
    if participants_in.len() > MAX_LINKS {
        errors.push(
            FieldError::new("participants", codes::OUT_OF_RANGE)
                .with("min", 0)
                .with("max", MAX_LINKS),
        );
    }
    let participants: Vec<Option<OtherParticipant>> = participants_in
        .iter()
        .take(MAX_LINKS)
        .enumerate()
        .map(|(i, p)| parse_participant(&mut errors, i, p))
        .collect();
    let event = errors.finish(|| {
        Some(Event {
            kind: kind?,
            title: title?,
            description: description?,
            zone: zone?,
            starts_at: starts_at?,
            ends_at: ends_at?,
            host_city: host_city?,
            organizers: organizers?.into_iter().map(BodyId).collect(),
            activities: activities?.into_iter().map(NodeId).collect(),
            sessions: sessions.into_iter().collect::<Option<_>>()?,
            participants: participants.into_iter().collect::<Option<_>>()?,
            status: EventStatus::Planned,
        })
    })?;
    event.check()?;
    Ok(event)
}

/// Checks that every session sent with an id is one of `current`, and each only once.
fn sessions_of(
    event: &Event,
    current: &[Session],
    input: &EventIn,
) -> Result<(), ValidationErrors> {
    let mut errors = ValidationErrors::new();
    let sent = input.sessions.as_deref().unwrap_or_default();
    for (i, (session, raw)) in event.sessions.iter().zip(sent).enumerate() {
        if raw.id.is_none() {
            continue;
        }
        if !current.iter().any(|c| c.id == session.id) {
            errors.push(
                FieldError::new(format!("sessions[{i}].id"), codes::NOT_FOUND)
                    .with("value", session.id),
            );
        } else if event.sessions[..i].iter().any(|s| s.id == session.id) {
            errors.push(FieldError::new(
                format!("sessions[{i}].id"),
                codes::DUPLICATE,
            ));
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

fn resource(event: &Event) -> Resource {
    Resource::Event {
        organizers: event.organizers.clone(),
    }
}

/// A new event, read from the request's body: it may be recorded by whoever may write the
/// events of one of the bodies it names as organisers.
pub struct NewEvent(pub Event);

impl Target for NewEvent {
    const READS_BODY: bool = true;

    fn resolve(mut cx: Cx) -> Resolved<Self> {
        Box::pin(async move {
            let input: EventIn = cx.json().await?;
            let event = parse(&input)?;
            sessions_of(&event, &[], &input)?;
            let checks = cx.on(resource(&event));
            Ok((NewEvent(event), checks))
        })
    }
}

/// A change to the event of the path's `{id}`, read from the request's body: checked on the
/// event as it is, then on the event as it would be, so that an organiser neither edits
/// another body's event nor hands its own to bodies it does not coordinate alone.
pub struct EventChange {
    pub id: EventId,
    pub event: Event,
}

impl Target for EventChange {
    const READS_BODY: bool = true;

    fn resolve(mut cx: Cx) -> Resolved<Self> {
        Box::pin(async move {
            let id = EventId(cx.id("id")?);
            let current = cx.state.store.get_event(id).await?;
            cx.ensure(cx.action, &resource(&current.event.value))?;
            let input: EventIn = cx.json().await?;
            let event = parse(&input)?;
            sessions_of(&event, &current.event.value.sessions, &input)?;
            let checks = cx.on(resource(&event));
            Ok((EventChange { id, event }, checks))
        })
    }
}

/// Lists events, by start (default) or `updated_at`.
#[guarded]
#[utoipa::path(
    tag = "events",
    params(EventQuery),
    responses((status = 200, body = Page<EventOut>), ListErrors),
    security(("bearer" = [])),
)]
#[get("/events")]
pub async fn list(
    state: web::Data<AppState>,
    _auth: Guard<perm::EventRead>,
    query: QueryParams<EventQuery>,
) -> ApiResult<HttpResponse> {
    let q = query.0;
    let mut errors = Vec::new();
    let sorts = [
        ("starts_at", EventSort::StartsAt),
        ("updated_at", EventSort::UpdatedAt),
    ];
    let listing = q
        .listing()
        .parse(&mut errors, &sorts, Sort::ascending(EventSort::StartsAt));
    let filter = EventFilter {
        body: optional(&mut errors, q.body_id.as_deref(), |b| {
            uuid_field("body_id", b).map(BodyId)
        }),
        kind: optional(&mut errors, q.kind.as_deref(), |k| {
            EventKind::parse("kind", k)
        }),
        status: optional(&mut errors, q.status.as_deref(), |s| {
            EventStatus::parse("status", s)
        }),
        from: optional(&mut errors, q.from.as_deref(), |d| parse_date("from", d)),
        until: optional(&mut errors, q.until.as_deref(), |d| parse_date("until", d)),
        updated_since: listing.updated_since,
    };
    check(errors)?;
    let page = state
        .store
        .list_events(&filter, listing.sort, listing.page)
        .await?;
    Ok(HttpResponse::Ok().json(Page::from(page, out)))
}

/// One event.
#[guarded]
#[utoipa::path(
    tag = "events",
    params(("id" = Uuid, Path)),
    responses((status = 200, body = EventOut, headers(("ETag" = String))), GetErrors),
    security(("bearer" = [])),
)]
#[get("/events/{id}")]
pub async fn get(
    state: web::Data<AppState>,
    _auth: Guard<perm::EventRead>,
    Ids(id): Ids<EventId>,
) -> ApiResult<HttpResponse> {
    let view = state.store.get_event(id).await?;
    Ok(with_etag(view.event.version, &out(view)))
}

/// Records a planned event. The secretariat records any; a Thematic Unit's coordinator,
/// those one of their bodies organises.
#[guarded]
#[utoipa::path(
    tag = "events",
    request_body = EventIn,
    responses((status = 201, body = EventOut, headers(("ETag" = String), ("Location" = String))), CreateErrors),
    security(("bearer" = [])),
)]
#[post("/events")]
pub async fn create(
    state: web::Data<AppState>,
    auth: Guard<perm::EventWrite, NewEvent>,
) -> ApiResult<HttpResponse> {
    let view = state.store.create_event(&auth.who, &auth.target.0).await?;
    let (id, version) = (view.event.id, view.event.version);
    Ok(created(format!("/api/v1/events/{id}"), version, &out(view)))
}

/// Replaces an event's data; its status changes only through `POST /events/{id}/status`.
#[guarded]
#[utoipa::path(
    tag = "events",
    params(("id" = Uuid, Path), ("If-Match" = String, Header, description = "ETag of the version being changed")),
    request_body = EventIn,
    responses((status = 200, body = EventOut, headers(("ETag" = String))), UpdateErrors),
    security(("bearer" = [])),
)]
#[put("/events/{id}")]
pub async fn update(
    state: web::Data<AppState>,
    auth: Guard<perm::EventWrite, EventChange>,
    if_match: IfMatch,
) -> ApiResult<HttpResponse> {
    let EventChange { id, ref event } = auth.target;
    let view = state
        .store
        .update_event(&auth.who, id, if_match.0, event)
        .await?;
    Ok(with_etag(view.event.version, &out(view)))
}

/// Records that a planned event was held, or that it was cancelled; either is final
/// (`illegal_transition` otherwise).
#[guarded]
#[utoipa::path(
    tag = "events",
    params(("id" = Uuid, Path), ("If-Match" = String, Header, description = "ETag of the version being changed")),
    request_body = EventStatusIn,
    responses((status = 200, body = EventOut, headers(("ETag" = String))), UpdateErrors),
    security(("bearer" = [])),
)]
#[post("/events/{id}/status")]
pub async fn set_status(
    state: web::Data<AppState>,
    auth: Guard<perm::EventWrite, OnEvent>,
    if_match: IfMatch,
    body: JsonBody<EventStatusIn>,
) -> ApiResult<HttpResponse> {
    let to = required("status", &body.0.status).and_then(|s| EventStatus::parse("status", s))?;
    let view = state
        .store
        .set_event_status(&auth.who, auth.target.0, if_match.0, to)
        .await?;
    Ok(with_etag(view.event.version, &out(view)))
}

/// Deletes an event.
#[guarded]
#[utoipa::path(
    tag = "events",
    params(("id" = Uuid, Path), ("If-Match" = String, Header)),
    responses((status = 204), DeleteErrors),
    security(("bearer" = [])),
)]
#[delete("/events/{id}")]
pub async fn remove(
    state: web::Data<AppState>,
    auth: Guard<perm::EventWrite, OnEvent>,
    if_match: IfMatch,
) -> ApiResult<HttpResponse> {
    state
        .store
        .delete_event(&auth.who, auth.target.0, if_match.0)
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Where an event is held, in `lang`: its host city and country, or online.
fn location(view: &EventView, lang: Lang) -> String {
    match &view.host {
        Some(h) => format!("{}, {}", h.city_name, h.country_name.best(lang)),
        None => crate::i18n::online(lang).to_owned(),
    }
}

/// The start of a calendar.
fn calendar_head(cal: &mut Calendar, name: Option<&str>) {
    cal.line("BEGIN", "VCALENDAR")
        .line("PRODID", "-//Mercociudades//Network platform//ES")
        .line("VERSION", "2.0")
        .line("CALSCALE", "GREGORIAN");
    if let Some(name) = name {
        cal.text("X-WR-CALNAME", name);
    }
}

/// The event as a VEVENT in `lang`, its times in its zone (whose VTIMEZONE the calendar
/// holds).
fn vevent(cal: &mut Calendar, view: &EventView, lang: Lang) {
    let e = &view.event;
    let zone = e.value.zone;
    let tzid = format!("TZID={}", zone.name());
    cal.line("BEGIN", "VEVENT")
        .line("UID", &format!("{}@mercociudades", e.id))
        .line("DTSTAMP", &ics::utc(e.updated_at))
        .line("CREATED", &ics::utc(e.created_at))
        .line("LAST-MODIFIED", &ics::utc(e.updated_at))
        .line("SEQUENCE", &(e.version - 1).to_string())
        .line(
            &format!("DTSTART;{tzid}"),
            &ics::local(zone.local(e.value.starts_at)),
        )
        .line(
            &format!("DTEND;{tzid}"),
            &ics::local(zone.local(e.value.ends_at)),
        )
        .text("SUMMARY", e.value.title.best(lang));
    if let Some(description) = &e.value.description {
        cal.text("DESCRIPTION", description.best(lang));
    }
    let status = match e.value.status {
        EventStatus::Cancelled => "CANCELLED",
        EventStatus::Planned | EventStatus::Held => "CONFIRMED",
    };
    cal.text("LOCATION", &location(view, lang))
        .line("STATUS", status)
        .line("END", "VEVENT");
}

/// The event as an iCalendar file.
fn calendar_of(view: &EventView, lang: Lang) -> String {
    let e = &view.event;
    let mut cal = Calendar::new();
    calendar_head(&mut cal, None);
    ics::vtimezone(
        &mut cal,
        e.value.zone.tz(),
        e.value.starts_at,
        e.value.ends_at,
    );
    vevent(&mut cal, view, lang);
    cal.line("END", "VCALENDAR");
    cal.finish()
}

/// Events as one calendar: a VTIMEZONE for each zone, over the years its events fall in.
fn calendar_of_all(views: &[EventView], lang: Lang) -> String {
    let mut cal = Calendar::new();
    calendar_head(&mut cal, Some("Mercociudades"));
    let mut zones: std::collections::BTreeMap<&str, (Zone, i32, i32)> = Default::default();
    for v in views {
        let e = &v.event.value;
        let tz = e.zone.tz();
        let (first, last) = (
            e.starts_at.with_timezone(&tz).year(),
            e.ends_at.with_timezone(&tz).year(),
        );
        let entry = zones.entry(e.zone.name()).or_insert((e.zone, first, last));
        entry.1 = entry.1.min(first);
        entry.2 = entry.2.max(last);
    }
    for (zone, first, last) in zones.values() {
        ics::vtimezone_years(&mut cal, zone.tz(), *first, *last);
    }
    for v in views {
        vevent(&mut cal, v, lang);
    }
    cal.line("END", "VCALENDAR");
    cal.finish()
}

fn ics_response(body: String, file: &str) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/calendar; charset=utf-8")
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{file}\""),
        ))
        .body(body)
}

/// Filters of a calendar feed.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct FeedQuery {
    /// Only events this body organises.
    #[param(value_type = Option<Uuid>)]
    pub body_id: Option<String>,
    #[param(value_type = Option<super::closed::EventKind>)]
    pub kind: Option<String>,
    /// The language of the summaries, descriptions and locations; default `es`.
    #[param(value_type = Option<super::closed::Language>)]
    pub lang: Option<String>,
}

/// The network's events as one calendar, filtered as asked.
async fn feed(state: &AppState, q: &FeedQuery) -> ApiResult<HttpResponse> {
    let mut errors = Vec::new();
    let filter = EventFilter {
        body: optional(&mut errors, q.body_id.as_deref(), |b| {
            uuid_field("body_id", b).map(BodyId)
        }),
        kind: optional(&mut errors, q.kind.as_deref(), |k| {
            EventKind::parse("kind", k)
        }),
        ..Default::default()
    };
    let lang = optional(&mut errors, q.lang.as_deref(), |l| {
        super::document_lang(Some(l))
    });
    check(errors)?;
    let views = state.store.all_events(&filter).await?;
    Ok(ics_response(
        calendar_of_all(&views, lang.unwrap_or(Lang::Es)),
        "mercociudades-events.ics",
    ))
}

/// The network's events as one iCalendar file (RFC 5545): each event with its stable UID, in
/// its own time zone, filtered by organising body and kind, its texts in `lang`.
#[guarded]
#[utoipa::path(
    tag = "events",
    params(FeedQuery),
    responses((status = 200, description = "The events as iCalendar", content_type = "text/calendar", body = String), super::ListErrors),
    security(("bearer" = [])),
)]
#[get("/events.ics")]
pub async fn calendar_feed(
    state: web::Data<AppState>,
    _auth: Guard<perm::EventRead>,
    query: QueryParams<FeedQuery>,
) -> ApiResult<HttpResponse> {
    feed(&state, &query.0).await
}

/// The secret length of a feed's address, in random bytes.
const FEED_SECRET_BYTES: usize = 32;

/// A calendar feed of one's own.
#[derive(Debug, Serialize, ToSchema)]
pub struct CalendarFeedOut {
    /// The address calendar applications subscribe to, without a token; shown only when it
    /// is made. Whoever has it reads the network's events: revoke it if it leaks.
    pub url: Option<String>,
    pub created_at: DateTime<Utc>,
}

fn own(auth: &crate::guard::Authenticated) -> ApiResult<mercociudades_domain::ids::UserId> {
    auth.user().ok_or_else(crate::error::ApiError::forbidden)
}

/// Makes the signed-in user a secret calendar feed address (`/api/v1/calendar-feeds/{secret}/events.ics`,
/// taking the filters of `GET /events.ics`), replacing the one they had. The address is shown
/// only in this answer.
#[guarded]
#[utoipa::path(
    tag = "events",
    responses((status = 201, body = CalendarFeedOut), super::CreateErrors),
    security(("bearer" = [])),
)]
#[post("/auth/me/calendar-feed")]
pub async fn create_feed(
    state: web::Data<AppState>,
    auth: crate::guard::Authenticated,
) -> ApiResult<HttpResponse> {
    let user = own(&auth)?;
    let secret = crate::auth::random_secret(FEED_SECRET_BYTES);
    let created_at = state
        .store
        .create_calendar_feed(&auth.who, user, &crate::auth::token_hash(&secret))
        .await?;
    Ok(HttpResponse::Created().json(CalendarFeedOut {
        url: Some(format!("/api/v1/calendar-feeds/{secret}/events.ics")),
        created_at,
    }))
}

/// Whether the signed-in user has a calendar feed, and since when (its address is not shown
/// again).
#[guarded]
#[utoipa::path(
    tag = "events",
    responses((status = 200, body = CalendarFeedOut), GetErrors),
    security(("bearer" = [])),
)]
#[get("/auth/me/calendar-feed")]
pub async fn get_feed(
    state: web::Data<AppState>,
    auth: crate::guard::Authenticated,
) -> ApiResult<HttpResponse> {
    let user = own(&auth)?;
    let created_at = state
        .store
        .calendar_feed(user)
        .await?
        .ok_or_else(crate::error::ApiError::not_found)?;
    Ok(HttpResponse::Ok().json(CalendarFeedOut {
        url: None,
        created_at,
    }))
}

/// Revokes the signed-in user's calendar feed: its address reads nothing any more.
#[guarded]
#[utoipa::path(
    tag = "events",
    responses((status = 204), GetErrors),
    security(("bearer" = [])),
)]
#[delete("/auth/me/calendar-feed")]
pub async fn revoke_feed(
    state: web::Data<AppState>,
    auth: crate::guard::Authenticated,
) -> ApiResult<HttpResponse> {
    let user = own(&auth)?;
    state.store.revoke_calendar_feed(&auth.who, user).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// The network's events as one iCalendar file, at a user's secret address: for calendar
/// applications, which send no token. The filters are those of `GET /events.ics`. A revoked
/// address, or one of a deactivated user, is not found.
#[guarded]
#[utoipa::path(
    tag = "events",
    params(("secret" = String, Path, description = "The secret of the feed's address"), FeedQuery),
    responses((status = 200, description = "The events as iCalendar", content_type = "text/calendar", body = String), GetErrors),
)]
#[get("/calendar-feeds/{secret}/events.ics")]
pub async fn secret_feed(
    _public: crate::guard::Public,
    state: web::Data<AppState>,
    path: web::Path<String>,
    query: QueryParams<FeedQuery>,
) -> ApiResult<HttpResponse> {
    let secret = path.into_inner();
    if secret.len() > 100 {
        return Err(crate::error::ApiError::not_found());
    }
    state
        .store
        .calendar_feed_user(&crate::auth::token_hash(&secret))
        .await?;
    feed(&state, &query.0).await
}

/// The event as an iCalendar file (RFC 5545), in the event's time zone, its texts in `lang`.
#[guarded]
#[utoipa::path(
    tag = "events",
    params(("id" = Uuid, Path), CalendarQuery),
    responses((status = 200, description = "The event as iCalendar", content_type = "text/calendar", body = String), GetErrors),
    security(("bearer" = [])),
)]
#[get("/events/{id}/event.ics")]
pub async fn calendar_file(
    state: web::Data<AppState>,
    _auth: Guard<perm::EventRead>,
    Ids(id): Ids<EventId>,
    query: QueryParams<CalendarQuery>,
) -> ApiResult<HttpResponse> {
    let lang = super::document_lang(query.0.lang.as_deref())?;
    let view = state.store.get_event(id).await?;
    Ok(ics_response(
        calendar_of(&view, lang),
        &format!("event-{id}.ics"),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> EventIn {
        EventIn {
            kind: Some("summit".into()),
            title: Some(Localized {
                es: Some("XVI Cumbre".into()),
                ..Default::default()
            }),
            description: None,
            time_zone: Some("America/Montevideo".into()),
            starts_at: Some("2011-11-30T09:00".into()),
            ends_at: Some("2011-12-02T18:00".into()),
            host_city_id: None,
            body_ids: Some(vec![Uuid::nil().to_string()]),
            activity_ids: None,
            sessions: None,
            participants: None,
        }
    }

    fn fields(input: &EventIn) -> Vec<String> {
        parse(input)
            .err()
            .map(|e| e.0.into_iter().map(|f| f.field).collect())
            .unwrap_or_default()
    }

    #[test]
    fn every_broken_rule_names_its_field() {
        assert!(parse(&input()).is_ok());
        let mut i = input();
        i.time_zone = Some("Mars/Olympus".into());
        assert_eq!(fields(&i), vec!["time_zone"]);
        let mut i = input();
        i.body_ids = Some(vec![Uuid::nil().to_string(), Uuid::nil().to_string()]);
        assert_eq!(fields(&i), vec!["body_ids[1]"]);
        let mut i = input();
        i.starts_at = Some("30/11/2011".into());
        i.kind = Some("party".into());
        assert_eq!(fields(&i), vec!["kind", "starts_at"]);
    }
}
