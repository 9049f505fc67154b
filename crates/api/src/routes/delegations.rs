//! The delegations of member cities to events: the organiser invites a city with a quota, the
//! city's focal point registers and confirms its delegates, and the organiser records who was
//! present at each session (as JSON, or from a CSV sheet answered row by row). Participation
//! by event, country and city is drawn from that attendance.

use super::bodies::uuid_field;
use super::{
    CreateErrors, DeleteErrors, GetErrors, Localized, UpdateErrors, check, created, optional,
    required, with_etag,
};
use crate::error::{ApiError, ApiResult};
use crate::extract::{Ids, IfMatch, JsonBody, QueryParams, declared_length, read_body};
use crate::formats::{self, Cell, Format, Table, Tabular};
use crate::guard::{Cx, Guard, OnEvent, Resolved, Target, perm};
use crate::state::AppState;
use actix_web::{HttpRequest, HttpResponse, delete, get, post, put, web};
use chrono::{DateTime, NaiveDate, Utc};
use mercociudades_domain::access::Resource;
use mercociudades_domain::delegation::{Delegate, Gender, Presence, figures, parse_quota};
use mercociudades_domain::event::{EventKind, EventStatus};
use mercociudades_domain::ids::{CityId, DelegateId, EventId, SessionId};
use mercociudades_domain::listing::parse_date;
use mercociudades_domain::registry::NAME_MAX;
use mercociudades_domain::validation::{FieldError, ValidationErrors, codes, name_text};
use mercociudades_macros::guarded;
use mercociudades_persistence::repositories::{
    AttendanceRow, AttendanceScope, DelegationView, EventView,
};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use utoipa::ToSchema;
use uuid::Uuid;

/// The largest attendance sheet read.
const CSV_LIMIT: usize = 10 * 1024 * 1024;
/// The most attendance records one request sends.
const MAX_RECORDS: usize = 50_000;

/// The city of a delegation.
#[derive(Debug, Serialize, ToSchema)]
pub struct DelegationCityOut {
    pub id: Uuid,
    pub name: String,
    pub country_code: String,
}

/// A member of a delegation.
#[derive(Debug, Serialize, ToSchema)]
pub struct DelegateOut {
    pub id: Uuid,
    pub name: String,
    /// The office they hold.
    pub position: Option<String>,
    #[schema(value_type = Option<super::closed::Gender>)]
    pub gender: Option<Gender>,
}

/// A member city's delegation to an event.
#[derive(Debug, Serialize, ToSchema)]
pub struct DelegationOut {
    pub id: Uuid,
    pub event_id: Uuid,
    pub city: DelegationCityOut,
    /// How many delegates the city may register.
    pub quota: u32,
    #[schema(value_type = super::closed::DelegationStatus)]
    pub status: mercociudades_domain::delegation::DelegationStatus,
    pub delegates: Vec<DelegateOut>,
    /// When the city confirmed the delegation, while it stands confirmed.
    pub confirmed_at: Option<DateTime<Utc>>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// The delegations invited to an event, by country and city.
#[derive(Debug, Serialize, ToSchema)]
pub struct DelegationList {
    pub items: Vec<DelegationOut>,
}

/// An invitation of a member city to an event.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct InvitationIn {
    #[schema(value_type = Uuid, required = true)]
    pub city_id: Option<String>,
    /// How many delegates the city may register, 1 to 500.
    #[schema(value_type = i64, required = true, minimum = 1, maximum = 500)]
    pub quota: Option<i64>,
}

/// A delegation's new quota.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct QuotaIn {
    /// 1 to 500, and not below the delegates registered.
    #[schema(value_type = i64, required = true, minimum = 1, maximum = 500)]
    pub quota: Option<i64>,
}

/// A delegate to register.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DelegateIn {
    /// The id of one of the delegation's delegates, to keep them (and their attendance);
    /// omit it for a new delegate.
    #[schema(value_type = Option<Uuid>)]
    pub id: Option<String>,
    #[schema(value_type = String, required = true, min_length = 1, max_length = 200, format = "name")]
    pub name: Option<String>,
    /// The office they hold (`Intendente`, `Directora de Cultura`).
    #[schema(value_type = Option<String>, min_length = 1, max_length = 200, format = "name")]
    pub position: Option<String>,
    #[schema(value_type = Option<super::closed::Gender>)]
    pub gender: Option<String>,
}

/// The delegates of a delegation, replacing those it has; at most its quota.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DelegatesIn {
    #[schema(value_type = Vec<DelegateIn>, required = true, max_items = 500)]
    pub delegates: Option<Vec<DelegateIn>>,
}

/// A delegate present at a session.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PresenceIn {
    /// One of the event's sessions; leave it out when the event has none.
    #[schema(value_type = Option<Uuid>)]
    pub session_id: Option<String>,
    #[schema(value_type = Uuid, required = true)]
    pub delegate_id: Option<String>,
}

/// The attendance of an event, replacing what was recorded.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AttendanceIn {
    /// Who was present where; a delegate absent from every session is not listed.
    #[schema(value_type = Vec<PresenceIn>, required = true, max_items = 50000)]
    pub records: Option<Vec<PresenceIn>>,
}

/// A delegate present at a session, with the city they came for.
#[derive(Debug, Serialize, ToSchema)]
pub struct PresenceOut {
    /// Absent when the event has no sessions.
    pub session_id: Option<Uuid>,
    pub delegate_id: Uuid,
    pub city_id: Uuid,
}

/// The attendance of an event; its ETag is the event's.
#[derive(Debug, Serialize, ToSchema)]
pub struct AttendanceOut {
    pub event_id: Uuid,
    /// The event's version, to send back in `If-Match` with a change.
    pub version: i32,
    pub records: Vec<PresenceOut>,
}

fn delegation_out(v: DelegationView) -> DelegationOut {
    let d = v.delegation;
    DelegationOut {
        id: d.id.0,
        event_id: d.value.event.0,
        city: DelegationCityOut {
            id: d.value.city.0,
            name: v.city_name,
            country_code: v.country_code,
        },
        quota: d.value.quota,
        status: d.value.status,
        delegates: d
            .value
            .delegates
            .into_iter()
            .map(|x| DelegateOut {
                id: x.id.0,
                name: x.name,
                position: x.position,
                gender: x.gender,
            })
            .collect(),
        confirmed_at: d.value.confirmed_at,
        version: d.version,
        created_at: d.created_at,
        updated_at: d.updated_at,
    }
}

fn attendance_out(event: EventId, version: i32, rows: Vec<AttendanceRow>) -> AttendanceOut {
    AttendanceOut {
        event_id: event.0,
        version,
        records: rows
            .into_iter()
            .map(|r| PresenceOut {
                session_id: r.session.map(|s| s.0),
                delegate_id: r.delegate.0,
                city_id: r.city.0,
            })
            .collect(),
    }
}

/// The delegation of the path's `{city_id}` to the event of its `{id}`: checked on the city
/// and on the bodies that organise the event.
pub struct OnDelegation {
    pub event: EventId,
    pub city: CityId,
}

impl Target for OnDelegation {
    fn resolve(cx: Cx) -> Resolved<Self> {
        Box::pin(async move {
            let event = EventId(cx.id("id")?);
            let city = CityId(cx.id("city_id")?);
            let view = cx.state.store.get_event(event).await?;
            let resource = Resource::Delegation {
                city,
                organizers: view.event.value.organizers,
            };
            Ok((OnDelegation { event, city }, cx.on(resource)))
        })
    }
}

/// The delegations invited to an event.
#[guarded]
#[utoipa::path(
    tag = "events",
    params(("id" = Uuid, Path)),
    responses((status = 200, body = DelegationList), GetErrors),
    security(("bearer" = [])),
)]
#[get("/events/{id}/delegations")]
pub async fn list_delegations(
    state: web::Data<AppState>,
    _auth: Guard<perm::EventRead>,
    Ids(id): Ids<EventId>,
) -> ApiResult<HttpResponse> {
    let items = state.store.list_delegations(id).await?;
    Ok(HttpResponse::Ok().json(DelegationList {
        items: items.into_iter().map(delegation_out).collect(),
    }))
}

/// One city's delegation to an event.
#[guarded]
#[utoipa::path(
    tag = "events",
    params(("id" = Uuid, Path), ("city_id" = Uuid, Path)),
    responses((status = 200, body = DelegationOut, headers(("ETag" = String))), GetErrors),
    security(("bearer" = [])),
)]
#[get("/events/{id}/delegations/{city_id}")]
pub async fn get_delegation(
    state: web::Data<AppState>,
    _auth: Guard<perm::EventRead>,
    path: web::Path<(Uuid, Uuid)>,
) -> ApiResult<HttpResponse> {
    let (event, city) = path.into_inner();
    let view = state
        .store
        .get_delegation(EventId(event), CityId(city))
        .await?;
    Ok(with_etag(view.delegation.version, &delegation_out(view)))
}

/// Invites a member city to the event with a quota of delegates. The event's organisers do
/// (the secretariat, or a coordinator of an organising body); the city's focal point then
/// registers and confirms the delegates.
#[guarded]
#[utoipa::path(
    tag = "events",
    params(("id" = Uuid, Path)),
    request_body = InvitationIn,
    responses((status = 201, body = DelegationOut, headers(("ETag" = String), ("Location" = String))), CreateErrors, (status = 404, description = "No such event")),
    security(("bearer" = [])),
)]
#[post("/events/{id}/delegations")]
pub async fn invite(
    state: web::Data<AppState>,
    auth: Guard<perm::EventWrite, OnEvent>,
    body: JsonBody<InvitationIn>,
) -> ApiResult<HttpResponse> {
    let mut errors = ValidationErrors::new();
    let city =
        errors.take(required("city_id", &body.0.city_id).and_then(|c| uuid_field("city_id", c)));
    let quota =
        errors.take(required("quota", &body.0.quota).and_then(|q| parse_quota("quota", *q)));
    let (city, quota) = errors.finish(|| Some((city?, quota?)))?;
    let event = auth.target.0;
    let view = state
        .store
        .invite(&auth.who, event, CityId(city), quota)
        .await?;
    let version = view.delegation.version;
    Ok(created(
        format!("/api/v1/events/{event}/delegations/{city}"),
        version,
        &delegation_out(view),
    ))
}

/// Changes a delegation's quota; never below the delegates it has registered.
#[guarded]
#[utoipa::path(
    tag = "events",
    params(("id" = Uuid, Path), ("city_id" = Uuid, Path), ("If-Match" = String, Header, description = "ETag of the version being changed")),
    request_body = QuotaIn,
    responses((status = 200, body = DelegationOut, headers(("ETag" = String))), UpdateErrors),
    security(("bearer" = [])),
)]
#[put("/events/{id}/delegations/{city_id}")]
pub async fn set_quota(
    state: web::Data<AppState>,
    auth: Guard<perm::EventWrite, OnDelegationOfEvent>,
    if_match: IfMatch,
    body: JsonBody<QuotaIn>,
) -> ApiResult<HttpResponse> {
    let quota = required("quota", &body.0.quota).and_then(|q| parse_quota("quota", *q))?;
    let OnDelegationOfEvent { event, city } = auth.target;
    let view = state
        .store
        .set_quota(&auth.who, event, city, if_match.0, quota)
        .await?;
    Ok(with_etag(view.delegation.version, &delegation_out(view)))
}

/// The delegation of the path's `{city_id}` to the event of its `{id}`, checked as the event:
/// for what only the organisers do (the quota, withdrawing the invitation).
pub struct OnDelegationOfEvent {
    pub event: EventId,
    pub city: CityId,
}

impl Target for OnDelegationOfEvent {
    fn resolve(cx: Cx) -> Resolved<Self> {
        Box::pin(async move {
            let event = EventId(cx.id("id")?);
            let city = CityId(cx.id("city_id")?);
            let view = cx.state.store.get_event(event).await?;
            let resource = Resource::Event {
                organizers: view.event.value.organizers,
            };
            Ok((OnDelegationOfEvent { event, city }, cx.on(resource)))
        })
    }
}

fn parse_delegates(input: &DelegatesIn) -> Result<Vec<Delegate>, ValidationErrors> {
    let mut errors = ValidationErrors::new();
    let Some(list) = errors.take(required("delegates", &input.delegates)) else {
        return Err(errors);
    };
    if list.len() > mercociudades_domain::delegation::MAX_QUOTA as usize {
        errors.push(
            FieldError::new("delegates", codes::OUT_OF_RANGE)
                .with("min", 0)
                .with("max", mercociudades_domain::delegation::MAX_QUOTA),
        );
        return Err(errors);
    }
    let mut out = Vec::with_capacity(list.len());
    for (i, d) in list.iter().enumerate() {
        let field = |name: &str| format!("delegates[{i}].{name}");
        let id = match d.id.as_deref() {
            Some(raw) => errors.take(uuid_field(&field("id"), raw).map(DelegateId)),
            None => Some(DelegateId::new()),
        };
        if let Some(id) = id
            && d.id.is_some()
            && out.iter().any(|o: &Delegate| o.id == id)
        {
            errors.push(FieldError::new(field("id"), codes::DUPLICATE));
        }
        let name = errors.take(
            required(&field("name"), &d.name).and_then(|n| name_text(&field("name"), n, NAME_MAX)),
        );
        let position = errors.take(
            d.position
                .as_deref()
                .map(|p| name_text(&field("position"), p, NAME_MAX))
                .transpose(),
        );
        let gender = errors.take(
            d.gender
                .as_deref()
                .map(|g| Gender::parse(&field("gender"), g))
                .transpose(),
        );
        if let (Some(id), Some(name), Some(position), Some(gender)) = (id, name, position, gender) {
            out.push(Delegate {
                id,
                name,
                position,
                gender,
            });
        }
    }
    errors.finish(|| Some(out))
}

/// Registers a delegation's delegates, replacing those it had (at most its quota; a delegate
/// sent with their id is kept). The event's organisers do, and the city's focal point for
/// their own city only. A confirmed delegation is `registered` again until the city confirms
/// the change.
#[guarded]
#[utoipa::path(
    tag = "events",
    params(("id" = Uuid, Path), ("city_id" = Uuid, Path), ("If-Match" = String, Header, description = "ETag of the delegation's version being changed")),
    request_body = DelegatesIn,
    responses((status = 200, body = DelegationOut, headers(("ETag" = String))), UpdateErrors),
    security(("bearer" = [])),
)]
#[put("/events/{id}/delegations/{city_id}/delegates")]
pub async fn register(
    state: web::Data<AppState>,
    auth: Guard<perm::DelegationWrite, OnDelegation>,
    if_match: IfMatch,
    body: JsonBody<DelegatesIn>,
) -> ApiResult<HttpResponse> {
    let delegates = parse_delegates(&body.0)?;
    let OnDelegation { event, city } = auth.target;
    let view = state
        .store
        .register_delegates(&auth.who, event, city, if_match.0, &delegates)
        .await?;
    Ok(with_etag(view.delegation.version, &delegation_out(view)))
}

/// The city confirms its registered delegation: its focal point does (or a secretariat
/// admin).
#[guarded]
#[utoipa::path(
    tag = "events",
    params(("id" = Uuid, Path), ("city_id" = Uuid, Path), ("If-Match" = String, Header, description = "ETag of the delegation's version being confirmed")),
    responses((status = 200, body = DelegationOut, headers(("ETag" = String))), UpdateErrors),
    security(("bearer" = [])),
)]
#[post("/events/{id}/delegations/{city_id}/confirm")]
pub async fn confirm(
    state: web::Data<AppState>,
    auth: Guard<perm::DelegationConfirm, OnDelegation>,
    if_match: IfMatch,
) -> ApiResult<HttpResponse> {
    let OnDelegation { event, city } = auth.target;
    let view = state
        .store
        .confirm_delegation(&auth.who, event, city, if_match.0)
        .await?;
    Ok(with_etag(view.delegation.version, &delegation_out(view)))
}

/// Withdraws a city's invitation, with its delegates; not once its attendance is recorded.
#[guarded]
#[utoipa::path(
    tag = "events",
    params(("id" = Uuid, Path), ("city_id" = Uuid, Path), ("If-Match" = String, Header)),
    responses((status = 204), DeleteErrors),
    security(("bearer" = [])),
)]
#[delete("/events/{id}/delegations/{city_id}")]
pub async fn withdraw(
    state: web::Data<AppState>,
    auth: Guard<perm::EventWrite, OnDelegationOfEvent>,
    if_match: IfMatch,
) -> ApiResult<HttpResponse> {
    let OnDelegationOfEvent { event, city } = auth.target;
    state
        .store
        .withdraw_delegation(&auth.who, event, city, if_match.0)
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Who was present at each session of the event: JSON; or, with `Accept: text/csv`, the
/// attendance sheet: one row per delegate and session (per delegate when the event has no
/// sessions) with `attended` `yes` or `no`, which, filled in, is sent back to
/// `PUT /events/{id}/attendance`. The ETag is the event's.
#[guarded]
#[utoipa::path(
    tag = "events",
    params(("id" = Uuid, Path)),
    responses((status = 200, description = "The attendance, as JSON or as the CSV sheet", content((AttendanceOut = "application/json"), (String = "text/csv")), headers(("ETag" = String))), GetErrors),
    security(("bearer" = [])),
)]
#[get("/events/{id}/attendance")]
pub async fn attendance(
    state: web::Data<AppState>,
    _auth: Guard<perm::EventRead>,
    req: HttpRequest,
    Ids(id): Ids<EventId>,
) -> ApiResult<HttpResponse> {
    if formats::accepts(&req, Format::Csv) {
        return sheet(&state, id).await;
    }
    let (rows, version) =
        tokio::try_join!(state.store.attendance(id), state.store.event_version(id))?;
    Ok(with_etag(version, &attendance_out(id, version, rows)))
}

/// The event's sessions and delegates, to check the attendance sent against.
struct Roll {
    sessions: Vec<SessionId>,
    /// Each delegate's city.
    delegates: BTreeMap<Uuid, CityId>,
    invited: BTreeSet<Uuid>,
}

impl Roll {
    async fn of(
        state: &AppState,
        event: EventId,
    ) -> ApiResult<(EventView, Vec<DelegationView>, Roll)> {
        let (view, delegations) = tokio::try_join!(
            state.store.get_event(event),
            state.store.list_delegations(event)
        )?;
        let roll = Roll {
            sessions: view.event.value.sessions.iter().map(|s| s.id).collect(),
            delegates: delegations
                .iter()
                .flat_map(|d| {
                    d.delegation
                        .value
                        .delegates
                        .iter()
                        .map(|x| (x.id.0, d.delegation.value.city))
                })
                .collect(),
            invited: delegations
                .iter()
                .map(|d| d.delegation.value.city.0)
                .collect(),
        };
        Ok((view, delegations, roll))
    }

    /// One presence as sent; `at` names its fields (`records[3]`, `rows[4]`).
    fn presence(
        &self,
        errors: &mut ValidationErrors,
        at: &str,
        session: Option<&str>,
        delegate: Option<&str>,
        city: Option<&str>,
    ) -> Option<Presence> {
        let field = |name: &str| format!("{at}.{name}");
        let session = match (
            session.map(str::trim).filter(|s| !s.is_empty()),
            self.sessions.is_empty(),
        ) {
            (None, true) => Some(None),
            (None, false) => {
                errors.push(FieldError::new(field("session_id"), codes::REQUIRED));
                None
            }
            (Some(_), true) => {
                errors.push(FieldError::new(field("session_id"), codes::NOT_ALLOWED));
                None
            }
            (Some(raw), false) => match uuid_field(&field("session_id"), raw) {
                Ok(id) if self.sessions.contains(&SessionId(id)) => Some(Some(SessionId(id))),
                Ok(id) => {
                    errors.push(
                        FieldError::new(field("session_id"), codes::NOT_FOUND).with("value", id),
                    );
                    None
                }
                Err(e) => {
                    errors.push(e);
                    None
                }
            },
        };
        if let Some(raw) = city.map(str::trim).filter(|c| !c.is_empty()) {
            match uuid_field(&field("city_id"), raw) {
                Ok(id) if !self.invited.contains(&id) => {
                    errors.push(
                        FieldError::new(field("city_id"), codes::NOT_INVITED).with("value", id),
                    );
                    return None;
                }
                Ok(_) => {}
                Err(e) => {
                    errors.push(e);
                    return None;
                }
            }
        }
        let delegate = match required(&field("delegate_id"), &delegate.map(str::to_owned))
            .and_then(|d| uuid_field(&field("delegate_id"), d))
        {
            Ok(id) => match self.delegates.get(&id) {
                Some(of) => {
                    if let Some(raw) = city
                        && uuid_field("city_id", raw.trim()).is_ok_and(|c| c != of.0)
                    {
                        errors.push(
                            FieldError::new(field("delegate_id"), codes::NOT_ALLOWED)
                                .with("value", id),
                        );
                        return None;
                    }
                    Some(DelegateId(id))
                }
                None => {
                    errors.push(
                        FieldError::new(field("delegate_id"), codes::NOT_FOUND).with("value", id),
                    );
                    None
                }
            },
            Err(e) => {
                errors.push(e);
                None
            }
        };
        Some(Presence {
            session: session?,
            delegate: delegate?,
        })
    }
}

/// Replaces the attendance of the event: who was present at each session. Only the event's
/// organisers record it, as JSON, or as the CSV sheet of `GET /events/{id}/attendance`
/// (`Content-Type: text/csv`; header first; `session_id`, `delegate_id` and `attended` are
/// read, `city_id` checked when given, the names ignored). Each delegation with someone
/// present becomes `attended`; a registered or confirmed one with nobody, `no_show`. Every
/// record is checked (the session is one of the event's, the delegate one of an invited
/// city's) and nothing is written unless all are right: the answer names every wrong one as
/// `records[<i>].<field>`, or for the sheet `rows[<line>].<column>`.
#[guarded]
#[utoipa::path(
    tag = "events",
    params(("id" = Uuid, Path), ("If-Match" = String, Header, description = "ETag of the event's version (from GET /events/{id} or its attendance)")),
    request_body(content((AttendanceIn = "application/json"), (String = "text/csv"))),
    responses((status = 200, body = AttendanceOut, headers(("ETag" = String))), UpdateErrors),
    security(("bearer" = [])),
)]
#[put("/events/{id}/attendance")]
pub async fn record_attendance(
    state: web::Data<AppState>,
    auth: Guard<perm::EventWrite, OnEvent>,
    if_match: IfMatch,
    req: HttpRequest,
    payload: web::Payload,
) -> ApiResult<HttpResponse> {
    let event = auth.target.0;
    let presences = if formats::sent(&req) == Some(Format::Csv) {
        from_sheet(&state, event, &req, payload).await?
    } else {
        let input: AttendanceIn = crate::extract::read_json(req, payload.into_inner()).await?;
        from_records(&state, event, &input).await?
    };
    save(&state, &auth.who, event, if_match.0, &presences).await
}

async fn from_records(
    state: &AppState,
    event: EventId,
    input: &AttendanceIn,
) -> ApiResult<Vec<Presence>> {
    let records = required("records", &input.records)?;
    if records.len() > MAX_RECORDS {
        return Err(FieldError::new("records", codes::OUT_OF_RANGE)
            .with("min", 0)
            .with("max", MAX_RECORDS)
            .into());
    }
    let (_, _, roll) = Roll::of(state, event).await?;
    let mut errors = ValidationErrors::new();
    let mut presences = Vec::with_capacity(records.len());
    let mut seen = BTreeSet::new();
    for (i, r) in records.iter().enumerate() {
        let at = format!("records[{i}]");
        if let Some(p) = roll.presence(
            &mut errors,
            &at,
            r.session_id.as_deref(),
            r.delegate_id.as_deref(),
            None,
        ) {
            if !seen.insert(p) {
                errors.push(FieldError::new(at, codes::DUPLICATE));
            }
            presences.push(p);
        }
    }
    errors.finish(|| Some(()))?;
    Ok(presences)
}

async fn save(
    state: &AppState,
    who: &mercociudades_persistence::audit::Who,
    event: EventId,
    expected: mercociudades_persistence::repositories::Expected,
    presences: &[Presence],
) -> ApiResult<HttpResponse> {
    let rows = state
        .store
        .record_attendance(who, event, expected, presences)
        .await?;
    let version = state.store.event_version(event).await?;
    Ok(with_etag(version, &attendance_out(event, version, rows)))
}

/// The columns of the attendance sheet.
const SHEET: [&str; 7] = [
    "session_id",
    "session",
    "city_id",
    "city",
    "delegate_id",
    "delegate",
    "attended",
];

/// The attendance sheet of the event `id`, with the event's ETag.
async fn sheet(state: &AppState, id: EventId) -> ApiResult<HttpResponse> {
    let ((view, delegations, _), rows) = tokio::try_join!(Roll::of(state, id), async {
        Ok(state.store.attendance(id).await?)
    })?;
    let present: BTreeSet<(Option<SessionId>, DelegateId)> =
        rows.iter().map(|r| (r.session, r.delegate)).collect();
    let sessions: Vec<(Option<SessionId>, String)> = if view.event.value.sessions.is_empty() {
        vec![(None, String::new())]
    } else {
        view.event
            .value
            .sessions
            .iter()
            .map(|s| {
                (
                    Some(s.id),
                    s.title
                        .best(mercociudades_domain::text::Lang::Es)
                        .to_owned(),
                )
            })
            .collect()
    };
    let mut table = Table::new(SHEET);
    for (session, title) in &sessions {
        for d in &delegations {
            for x in &d.delegation.value.delegates {
                let attended = present.contains(&(*session, x.id));
                table.rows.push(vec![
                    session.map(|s| s.to_string()).unwrap_or_default().into(),
                    title.clone().into(),
                    d.delegation.value.city.to_string().into(),
                    d.city_name.clone().into(),
                    x.id.to_string().into(),
                    x.name.clone().into(),
                    if attended { "yes" } else { "no" }.into(),
                ]);
            }
        }
    }
    let mut res = formats::csv(&table, &format!("attendance-{id}"))?;
    res.headers_mut().insert(
        actix_web::http::header::ETAG,
        actix_web::http::header::HeaderValue::from_str(
            &crate::extract::etag(view.event.version).to_string(),
        )
        .map_err(ApiError::internal)?,
    );
    Ok(res)
}

/// Whether a sheet's `attended` cell says the delegate was there.
fn attended(field: &str, raw: &str) -> Result<bool, FieldError> {
    match raw.trim().to_lowercase().as_str() {
        "yes" | "y" | "true" | "1" | "x" | "sí" | "si" | "sim" => Ok(true),
        "no" | "n" | "false" | "0" | "" | "não" | "nao" => Ok(false),
        _ => Err(FieldError::new(field, codes::UNKNOWN_VALUE).with("allowed", "yes, no")),
    }
}

/// The presences the sheet sent says `attended`, each row checked.
async fn from_sheet(
    state: &AppState,
    event: EventId,
    req: &HttpRequest,
    payload: web::Payload,
) -> ApiResult<Vec<Presence>> {
    let bytes = read_body(payload, declared_length(req), CSV_LIMIT).await?;
    let bytes = bytes.strip_prefix(formats::BOM).unwrap_or(&bytes);
    let text = std::str::from_utf8(bytes)
        .map_err(|e| ApiError::unreadable("CSV", format!("invalid UTF-8: {e}")))?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| ApiError::unreadable("CSV", e))?
        .clone();
    let column = |name: &str| headers.iter().position(|h| h.trim() == name);
    let (Some(session_col), Some(delegate_col), Some(attended_col)) = (
        column("session_id"),
        column("delegate_id"),
        column("attended"),
    ) else {
        return Err(FieldError::new("columns", codes::REQUIRED)
            .with("allowed", SHEET.join(","))
            .into());
    };
    let city_col = column("city_id");
    let (_, _, roll) = Roll::of(state, event).await?;
    let mut errors = ValidationErrors::new();
    let mut presences = Vec::new();
    let mut seen = BTreeSet::new();
    // A row is named by its line in the file, the header being line 1; no cell of the sheet
    // spans lines (names are single lines), and counting rows holds for CRLF files too.
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| ApiError::unreadable("CSV", e))?;
        let line = i + 2;
        let at = format!("rows[{line}]");
        let present = match attended(
            &format!("{at}.attended"),
            record.get(attended_col).unwrap_or(""),
        ) {
            Ok(p) => p,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        let presence = roll.presence(
            &mut errors,
            &at,
            record.get(session_col),
            record.get(delegate_col),
            city_col.and_then(|c| record.get(c)),
        );
        if let Some(p) = presence {
            if !seen.insert(p) {
                errors.push(FieldError::new(at, codes::DUPLICATE));
                continue;
            }
            if present {
                presences.push(p);
            }
        }
        if presences.len() > MAX_RECORDS {
            return Err(FieldError::new("rows", codes::OUT_OF_RANGE)
                .with("min", 0)
                .with("max", MAX_RECORDS)
                .into());
        }
    }
    errors.finish(|| Some(()))?;
    Ok(presences)
}

// ---------------------------------------------------------------------------------------------
// Participation drawn from attendance

/// The period and place of a participation report.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ParticipationQuery {
    /// Only events that end on or after this day (YYYY-MM-DD, UTC).
    #[param(value_type = Option<chrono::NaiveDate>)]
    pub from: Option<String>,
    /// Only events that start on or before this day (YYYY-MM-DD, UTC).
    #[param(value_type = Option<chrono::NaiveDate>)]
    pub until: Option<String>,
    /// Only the cities of this country (ISO 3166-1 alpha-2).
    pub country: Option<String>,
}

/// Participation in one event.
#[derive(Debug, Serialize, ToSchema)]
pub struct EventParticipation {
    pub event_id: Uuid,
    pub title: Localized,
    #[schema(value_type = super::closed::EventKind)]
    pub kind: EventKind,
    pub starts_at: DateTime<Utc>,
    /// Distinct countries of the cities that attended.
    pub countries: Vec<String>,
    pub cities: u64,
    /// Delegates present at one session or more.
    pub delegates: u64,
    /// People of the other participants, where counted.
    pub other_people: u64,
    /// Other participants named.
    pub other_participants: u64,
}

/// Participation of one country.
#[derive(Debug, Serialize, ToSchema)]
pub struct CountryAttendance {
    pub country: String,
    pub events: u64,
    pub cities: u64,
    pub delegates: u64,
}

/// Participation of one city.
#[derive(Debug, Serialize, ToSchema)]
pub struct CityAttendance {
    pub city_id: Uuid,
    pub name: String,
    pub country: String,
    pub events: u64,
    pub delegates: u64,
}

/// Participation in the network's events over a period, drawn from the attendance recorded:
/// only delegations that `attended` count, a city once per event however many sessions it
/// attended, a delegate once however many sessions.
#[derive(Debug, Serialize, ToSchema)]
pub struct EventParticipationReport {
    #[schema(value_type = Option<String>, format = Date)]
    pub from: Option<NaiveDate>,
    #[schema(value_type = Option<String>, format = Date)]
    pub until: Option<NaiveDate>,
    /// Events with attendance recorded.
    pub events: u64,
    pub countries: Vec<String>,
    pub cities: u64,
    pub delegates: u64,
    pub by_event: Vec<EventParticipation>,
    pub by_country: Vec<CountryAttendance>,
    pub by_city: Vec<CityAttendance>,
}

impl Tabular for EventParticipationReport {
    /// One row per event, then per country, then per city; `group` says which.
    fn table(&self) -> Table {
        let mut table = Table::new([
            "group",
            "id",
            "name",
            "country",
            "starts_on",
            "events",
            "countries",
            "cities",
            "delegates",
        ]);
        for e in &self.by_event {
            table.rows.push(vec![
                "event".into(),
                e.event_id.to_string().into(),
                e.title
                    .es
                    .clone()
                    .or(e.title.pt.clone())
                    .or(e.title.en.clone())
                    .unwrap_or_default()
                    .into(),
                Cell::Empty,
                Cell::Date(e.starts_at.date_naive()),
                Cell::Integer(1),
                Cell::Text(e.countries.join(", ")),
                Cell::Integer(e.cities as i64),
                Cell::Integer(e.delegates as i64),
            ]);
        }
        for c in &self.by_country {
            table.rows.push(vec![
                "country".into(),
                c.country.clone().into(),
                c.country.clone().into(),
                c.country.clone().into(),
                Cell::Empty,
                Cell::Integer(c.events as i64),
                Cell::Integer(1),
                Cell::Integer(c.cities as i64),
                Cell::Integer(c.delegates as i64),
            ]);
        }
        for c in &self.by_city {
            table.rows.push(vec![
                "city".into(),
                c.city_id.to_string().into(),
                c.name.clone().into(),
                c.country.clone().into(),
                Cell::Empty,
                Cell::Integer(c.events as i64),
                Cell::Integer(1),
                Cell::Integer(1),
                Cell::Integer(c.delegates as i64),
            ]);
        }
        table
    }
}

fn scope_of(q: &ParticipationQuery) -> ApiResult<AttendanceScope> {
    let mut errors = Vec::new();
    let from = optional(&mut errors, q.from.as_deref(), |d| parse_date("from", d));
    let until = optional(&mut errors, q.until.as_deref(), |d| parse_date("until", d));
    let country = optional(&mut errors, q.country.as_deref(), |c| {
        mercociudades_domain::registry::CountryCode::parse("country", c)
            .map(|c| c.as_str().to_owned())
    });
    if let (Some(f), Some(u)) = (from, until)
        && u < f
    {
        errors.push(FieldError::new("until", codes::DATE_ORDER).with("starts_on", f));
    }
    check(errors)?;
    Ok(AttendanceScope {
        from,
        until,
        country,
        ..Default::default()
    })
}

/// Participation in the network's events over a period: by event, by country and by city,
/// from the attendance recorded. JSON; or its rows as CSV (`Accept: text/csv`) or an XLSX
/// workbook (`Accept: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet`),
/// holding the same figures.
#[guarded]
#[utoipa::path(
    tag = "events",
    params(ParticipationQuery),
    responses((status = 200, description = "The report: JSON, or as CSV or XLSX (see the description)", content((EventParticipationReport = "application/json"), (String = "text/csv"), (String = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))), super::ListErrors),
    security(("bearer" = [])),
)]
#[get("/events/participation-report")]
pub async fn participation_report(
    state: web::Data<AppState>,
    _auth: Guard<perm::EventRead>,
    req: HttpRequest,
    query: QueryParams<ParticipationQuery>,
) -> ApiResult<HttpResponse> {
    let scope = scope_of(&query.0)?;
    let attendees = state.store.attendees(&scope).await?;
    let names: BTreeMap<CityId, String> =
        attendees.iter().map(|(a, n)| (a.city, n.clone())).collect();
    let plain: Vec<_> = attendees.into_iter().map(|(a, _)| a).collect();
    let f = figures(&plain);
    let ids: Vec<EventId> = f.by_event.keys().copied().collect();
    let events = state.store.events_by_ids(&ids).await?;
    let all = figures(
        &plain
            .iter()
            .map(|a| mercociudades_domain::delegation::Attendee {
                event: EventId(Uuid::nil()),
                ..a.clone()
            })
            .collect::<Vec<_>>(),
    );
    let total = all.by_event.values().next().cloned().unwrap_or_default();
    let report = EventParticipationReport {
        from: scope.from,
        until: scope.until,
        events: ids.len() as u64,
        countries: total.countries,
        cities: total.cities,
        delegates: total.delegates,
        by_event: events
            .iter()
            .filter_map(|v| {
                let e = &v.event;
                let figures = f.by_event.get(&e.id)?;
                Some(EventParticipation {
                    event_id: e.id.0,
                    title: (&e.value.title).into(),
                    kind: e.value.kind,
                    starts_at: e.value.starts_at,
                    countries: figures.countries.clone(),
                    cities: figures.cities,
                    delegates: figures.delegates,
                    other_people: e
                        .value
                        .participants
                        .iter()
                        .filter_map(|p| p.people)
                        .map(u64::from)
                        .sum(),
                    other_participants: e.value.participants.len() as u64,
                })
            })
            .collect(),
        by_country: f
            .by_country
            .iter()
            .map(|(c, x)| CountryAttendance {
                country: c.clone(),
                events: x.events,
                cities: x.cities,
                delegates: x.delegates,
            })
            .collect(),
        by_city: f
            .by_city
            .iter()
            .map(|(c, x)| CityAttendance {
                city_id: c.0,
                name: names.get(c).cloned().unwrap_or_default(),
                country: plain
                    .iter()
                    .find(|a| a.city == *c)
                    .map(|a| a.country.clone())
                    .unwrap_or_default(),
                events: x.events,
                delegates: x.delegates,
            })
            .collect(),
    };
    formats::tabular(&req, &report, "event-participation")
}

/// An event a city's delegates attended.
#[derive(Debug, Serialize, ToSchema)]
pub struct CityEventOut {
    pub event_id: Uuid,
    pub title: Localized,
    #[schema(value_type = super::closed::EventKind)]
    pub kind: EventKind,
    #[schema(value_type = super::closed::EventStatus)]
    pub status: EventStatus,
    pub time_zone: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    /// The city's delegates present at one session or more.
    pub delegates: u64,
}

/// The events a city attended.
#[derive(Debug, Serialize, ToSchema)]
pub struct CityEventList {
    pub items: Vec<CityEventOut>,
}

/// The events the city's delegates attended, by start.
#[guarded]
#[utoipa::path(
    tag = "events",
    params(("id" = Uuid, Path)),
    responses((status = 200, body = CityEventList), GetErrors),
    security(("bearer" = [])),
)]
#[get("/cities/{id}/events")]
pub async fn of_city(
    state: web::Data<AppState>,
    _auth: Guard<perm::EventRead>,
    Ids(city): Ids<CityId>,
) -> ApiResult<HttpResponse> {
    state.store.get_city(city).await?;
    let scope = AttendanceScope {
        city: Some(city),
        ..Default::default()
    };
    let attendees = state.store.attendees(&scope).await?;
    let plain: Vec<_> = attendees.into_iter().map(|(a, _)| a).collect();
    let f = figures(&plain);
    let ids: Vec<EventId> = f.by_event.keys().copied().collect();
    let events = state.store.events_by_ids(&ids).await?;
    let items = events
        .iter()
        .map(|v| {
            let e = &v.event;
            CityEventOut {
                event_id: e.id.0,
                title: (&e.value.title).into(),
                kind: e.value.kind,
                status: e.value.status,
                time_zone: e.value.zone.name().to_owned(),
                starts_at: e.value.starts_at,
                ends_at: e.value.ends_at,
                delegates: f
                    .by_event
                    .get(&e.id)
                    .map(|x| x.delegates)
                    .unwrap_or_default(),
            }
        })
        .collect();
    Ok(HttpResponse::Ok().json(CityEventList { items }))
}
