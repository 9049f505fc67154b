//! What waits for the signed-in person: reports to review, their returned reports with the
//! reason, the activities they are responsible for with no report yet; and their
//! notifications, and which of them reach them by e-mail.

use super::{Page, check};
use crate::error::{ApiError, ApiResult};
use crate::extract::{Ids, JsonBody, QueryParams};
use crate::guard::Authenticated;
use crate::state::AppState;
use actix_web::{HttpResponse, get, post, web};
use chrono::{DateTime, Utc};
use mercociudades_domain::access::{self, Action, Reach, Resource};
use mercociudades_domain::ids::{CityId, EventId, NodeId, PlanId, UserId};
use mercociudades_domain::listing::PageRequest;
use mercociudades_domain::monitoring::{AuthorKind, ReportStatus};
use mercociudades_domain::notification::NotificationKind;
use mercociudades_domain::plan::{NodeKind, PlanOutline, PlanStatus, Text};
use mercociudades_macros::guarded;
use mercociudades_persistence::repositories::{Notification, PlanFilter, ReportFilter};
use serde::{Deserialize, Serialize};
use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};
use utoipa::ToSchema;
use uuid::Uuid;

/// Why an item waits for the person.
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum InboxKind {
    /// A submitted report the person may approve or return.
    ReportToReview,
    /// The person's report, returned with a reason: to correct and submit again.
    ReportReturned,
    /// An activity in execution the person's body is responsible for, with no report yet (one
    /// with a returned report is listed as that report).
    ActivityUnreported,
}

/// One thing waiting for the person, with what opens the screen where it is done.
#[derive(Debug, Serialize, ToSchema)]
pub struct InboxItem {
    pub kind: InboxKind,
    pub plan_id: Uuid,
    pub activity_id: Uuid,
    pub activity_code: String,
    #[schema(value_type = super::Localized)]
    pub activity_title: Text,
    /// The report, for the kinds about one.
    pub report_id: Option<Uuid>,
    /// Why the report was returned.
    pub reason: Option<String>,
    /// Since when it waits.
    pub since: DateTime<Utc>,
}

/// An invitation of the person's city to an event, waiting for the city to register its
/// delegates or confirm them.
#[derive(Debug, Serialize, ToSchema)]
pub struct InvitationItem {
    pub event_id: Uuid,
    pub event_title: super::Localized,
    pub starts_at: DateTime<Utc>,
    pub time_zone: String,
    pub city_id: Uuid,
    pub city_name: String,
    /// `invited` (no delegates yet) or `registered` (to confirm).
    #[schema(value_type = super::closed::DelegationStatus)]
    pub status: mercociudades_domain::delegation::DelegationStatus,
    pub quota: u32,
    pub delegates: u64,
    /// Since when it waits.
    pub since: DateTime<Utc>,
}

/// What waits for the signed-in person, oldest first, and their unread notifications.
#[derive(Debug, Serialize, ToSchema)]
pub struct InboxOut {
    #[schema(max_items = 1000)]
    pub items: Vec<InboxItem>,
    /// For a city's focal point: their city's invitations to planned events still to answer.
    #[schema(max_items = 1000)]
    pub invitations: Vec<InvitationItem>,
    pub unread_notifications: u64,
}

/// The most reports an inbox looks through for each kind.
const LOOKED_AT: u64 = 200;

/// What waits for the signed-in person: for the secretariat, the submitted reports to review;
/// for the author of a returned report, the report and its reason; for a Thematic Unit's
/// coordinator, the activities in execution their unit is responsible for with no report.
#[guarded]
#[utoipa::path(
    tag = "inbox",
    responses((status = 200, body = InboxOut), super::GetErrors),
    security(("bearer" = [])),
)]
#[get("/inbox")]
pub async fn inbox(state: web::Data<AppState>, auth: Authenticated) -> ApiResult<HttpResponse> {
    let store = &state.store;
    let mut items = Vec::new();
    let first = PageRequest::first(LOOKED_AT);
    // Each plan's outline is read once, however many items it holds.
    let mut outlines: HashMap<PlanId, PlanOutline> = HashMap::new();
    if access::holds(&auth.actor, Action::ReportReview) {
        let filter = ReportFilter {
            status: Some(ReportStatus::Submitted),
            ..Default::default()
        };
        for report in store.list_reports(&filter, first).await?.items {
            items.push((
                report.plan_id,
                report.node_id,
                InboxKind::ReportToReview,
                Some(report.id.0),
                None,
                report.updated_at,
            ));
        }
    }
    let me = auth.user();
    if let Some(me) = me {
        let filter = ReportFilter {
            status: Some(ReportStatus::Returned),
            ..Default::default()
        };
        for report in store.list_reports(&filter, first).await?.items {
            if report.author_kind == AuthorKind::User && report.author_id == Some(me.0) {
                items.push((
                    report.plan_id,
                    report.node_id,
                    InboxKind::ReportReturned,
                    Some(report.id.0),
                    report.return_reason.clone(),
                    report.updated_at,
                ));
            }
        }
    }
    // Activities of the bodies the person coordinates (not the network's: the secretariat
    // sees those in the plan's reports).
    let bodies: HashSet<_> = access::permissions(&auth.actor)
        .into_iter()
        .filter(|p| p.action == Action::ReportWrite)
        .filter_map(|p| match p.reach {
            Reach::Body(body) => Some(body),
            _ => None,
        })
        .collect();
    if !bodies.is_empty() {
        let filter = PlanFilter {
            status: Some(PlanStatus::InExecution),
            ..Default::default()
        };
        for plan in store.list_plans(&filter, first).await?.items {
            let outline = store.plan_outline(plan.id).await?;
            let reported: HashSet<NodeId> = store
                .list_reports(
                    &ReportFilter {
                        plan: Some(plan.id),
                        ..Default::default()
                    },
                    PageRequest::first(10_000),
                )
                .await?
                .items
                .into_iter()
                .map(|r| r.node_id)
                .collect();
            // The bodies the plan's activities name, found in one query.
            let named: Vec<String> = outline
                .nodes
                .iter()
                .flat_map(|n| n.details.responsible_bodies.iter().cloned())
                .collect::<HashSet<_>>()
                .into_iter()
                .collect();
            let found = store.bodies_by_acronym(&named).await?;
            for node in &outline.nodes {
                if !matches!(node.kind, NodeKind::Activity | NodeKind::SubActivity)
                    || reported.contains(&node.id)
                {
                    continue;
                }
                let responsible = node
                    .details
                    .responsible_bodies
                    .iter()
                    .filter_map(|acronym| found.get(acronym).map(|b| b.id))
                    .collect::<Vec<_>>();
                let resource = Resource::Activity {
                    plan_owner: plan.owner,
                    responsible,
                };
                let mine = bodies
                    .iter()
                    .any(|b| Reach::Body(*b).covers(&resource, auth.actor.principal));
                if mine {
                    items.push((
                        plan.id,
                        node.id,
                        InboxKind::ActivityUnreported,
                        None,
                        None,
                        plan.updated_at,
                    ));
                }
            }
            outlines.insert(plan.id, outline);
        }
    }
    let mut out = Vec::with_capacity(items.len());
    for (plan, node, kind, report_id, reason, since) in items {
        let outline = match outlines.entry(plan) {
            Entry::Occupied(known) => known.into_mut(),
            Entry::Vacant(slot) => slot.insert(store.plan_outline(plan).await?),
        };
        let Some(activity) = outline.nodes.iter().find(|n| n.id == node) else {
            continue;
        };
        out.push(InboxItem {
            kind,
            plan_id: plan.0,
            activity_id: node.0,
            activity_code: activity.code.clone(),
            activity_title: activity.title.clone(),
            report_id,
            reason,
            since,
        });
    }
    out.sort_by_key(|i| i.since);
    let invitations = invitations(&state, &auth).await?;
    let unread = match me {
        Some(me) => {
            store
                .notifications(me, true, PageRequest::first(1))
                .await?
                .total
        }
        None => 0,
    };
    Ok(HttpResponse::Ok().json(InboxOut {
        items: out,
        invitations,
        unread_notifications: unread,
    }))
}

/// The invitations waiting for the cities whose delegations the person confirms.
async fn invitations(state: &AppState, auth: &Authenticated) -> ApiResult<Vec<InvitationItem>> {
    let cities: Vec<CityId> = access::permissions(&auth.actor)
        .into_iter()
        .filter(|p| p.action == Action::DelegationConfirm)
        .filter_map(|p| match p.reach {
            Reach::City(city) => Some(city),
            _ => None,
        })
        .collect();
    let waiting = state.store.open_invitations(&cities).await?;
    let ids: Vec<EventId> = waiting.iter().map(|d| d.delegation.value.event).collect();
    let events = state.store.events_by_ids(&ids).await?;
    Ok(waiting
        .into_iter()
        .filter_map(|d| {
            let event = events
                .iter()
                .find(|e| e.event.id == d.delegation.value.event)?;
            Some(InvitationItem {
                event_id: event.event.id.0,
                event_title: (&event.event.value.title).into(),
                starts_at: event.event.value.starts_at,
                time_zone: event.event.value.zone.name().to_owned(),
                city_id: d.delegation.value.city.0,
                city_name: d.city_name,
                status: d.delegation.value.status,
                quota: d.delegation.value.quota,
                delegates: d.delegation.value.delegates.len() as u64,
                since: d.delegation.updated_at,
            })
        })
        .collect())
}

/// A notification.
#[derive(Debug, Serialize, ToSchema)]
pub struct NotificationOut {
    pub id: Uuid,
    #[schema(value_type = super::closed::NotificationKind)]
    pub kind: &'static str,
    /// The record it is about: `report`.
    pub record_type: String,
    pub record_id: String,
    /// What it names.
    pub params: NotificationParams,
    pub created_at: DateTime<Utc>,
    pub read_at: Option<DateTime<Utc>>,
}

/// What a notification names: the report's activity and plan, and why it was returned.
#[derive(Debug, Default, Serialize, Deserialize, ToSchema)]
pub struct NotificationParams {
    pub activity_code: Option<String>,
    #[schema(value_type = super::Localized)]
    pub activity_title: Text,
    pub plan_id: Option<Uuid>,
    pub reason: Option<String>,
}

fn notification_out(n: Notification) -> NotificationOut {
    NotificationOut {
        id: n.id,
        kind: n.kind.as_str(),
        record_type: n.record_type,
        record_id: n.record_id,
        params: serde_json::from_value(n.params).unwrap_or_default(),
        created_at: n.created_at,
        read_at: n.read_at,
    }
}

super::list_query!(
    /// Filters of the notification list.
    NotificationQuery {
        /// `true`: only the unread ones.
        #[param(value_type = Option<bool>)]
        unread,
    }
);

fn own(auth: &Authenticated) -> ApiResult<UserId> {
    auth.user().ok_or_else(ApiError::forbidden)
}

/// The signed-in person's notifications, newest first.
#[guarded]
#[utoipa::path(
    tag = "inbox",
    params(NotificationQuery),
    responses((status = 200, body = Page<NotificationOut>), super::ListErrors),
    security(("bearer" = [])),
)]
#[get("/notifications")]
pub async fn notifications(
    state: web::Data<AppState>,
    auth: Authenticated,
    query: QueryParams<NotificationQuery>,
) -> ApiResult<HttpResponse> {
    let me = own(&auth)?;
    let q = query.0;
    let mut errors = Vec::new();
    let page = q.listing().page_only(&mut errors);
    let unread = super::optional(&mut errors, q.unread.as_deref(), |v| match v {
        "true" => Ok(true),
        "false" => Ok(false),
        _ => Err(mercociudades_domain::FieldError::new(
            "unread",
            mercociudades_domain::validation::codes::UNKNOWN_VALUE,
        )
        .with("allowed", "true, false")),
    });
    check(errors)?;
    let found = state
        .store
        .notifications(me, unread.unwrap_or(false), page)
        .await?;
    Ok(HttpResponse::Ok().json(Page::from(found, notification_out)))
}

/// Marks one of the signed-in person's notifications read.
#[guarded]
#[utoipa::path(
    tag = "inbox",
    params(("id" = Uuid, Path)),
    responses((status = 204, description = "Read"), super::GetErrors),
    security(("bearer" = [])),
)]
#[post("/notifications/{id}/read")]
pub async fn read_one(
    state: web::Data<AppState>,
    auth: Authenticated,
    Ids(id): Ids<Uuid>,
) -> ApiResult<HttpResponse> {
    state.store.mark_notification_read(own(&auth)?, id).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// How many notifications were marked read.
#[derive(Debug, Serialize, ToSchema)]
pub struct MarkedOut {
    pub marked: u64,
}

/// Marks every notification of the signed-in person read.
#[guarded]
#[utoipa::path(
    tag = "inbox",
    responses((status = 200, body = MarkedOut), super::GetErrors),
    security(("bearer" = [])),
)]
#[post("/notifications/read")]
pub async fn read_all(state: web::Data<AppState>, auth: Authenticated) -> ApiResult<HttpResponse> {
    let marked = state.store.mark_all_notifications_read(own(&auth)?).await?;
    Ok(HttpResponse::Ok().json(MarkedOut { marked }))
}

/// Whether one kind of notification reaches the person by e-mail.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EmailPreference {
    #[schema(value_type = super::closed::NotificationKind)]
    pub kind: String,
    pub email: bool,
}

/// The notifications that reach a person by e-mail, one entry per kind.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EmailPreferences {
    #[schema(max_items = 20)]
    pub preferences: Vec<EmailPreference>,
}

/// The most choices one change of e-mail preferences sends.
const MAX_PREFERENCES: usize = 20;

/// Which notifications reach the signed-in person by e-mail (every kind, unless they said no).
#[guarded]
#[utoipa::path(
    tag = "inbox",
    responses((status = 200, body = EmailPreferences), super::GetErrors),
    security(("bearer" = [])),
)]
#[get("/auth/me/email-preferences")]
pub async fn email_preferences(
    state: web::Data<AppState>,
    auth: Authenticated,
) -> ApiResult<HttpResponse> {
    preferences_of(&state, own(&auth)?).await
}

async fn preferences_of(state: &AppState, me: UserId) -> ApiResult<HttpResponse> {
    let found = state.store.email_preferences(me).await?;
    let preferences = found
        .into_iter()
        .map(|(kind, email)| EmailPreference {
            kind: kind.as_str().to_owned(),
            email,
        })
        .collect();
    Ok(HttpResponse::Ok().json(EmailPreferences { preferences }))
}

/// Chooses which notifications reach the signed-in person by e-mail; the kinds not named keep
/// their choice. A personal preference, changed by the person alone: not versioned, and not
/// recorded in the audit log.
#[guarded]
#[utoipa::path(
    tag = "inbox",
    request_body = EmailPreferences,
    responses((status = 200, body = EmailPreferences), super::UpdateErrors),
    security(("bearer" = [])),
)]
#[post("/auth/me/email-preferences")]
pub async fn set_email_preferences(
    state: web::Data<AppState>,
    auth: Authenticated,
    body: JsonBody<EmailPreferences>,
) -> ApiResult<HttpResponse> {
    let me = own(&auth)?;
    if body.0.preferences.len() > MAX_PREFERENCES {
        return Err(mercociudades_domain::validation::FieldError::new(
            "preferences",
            mercociudades_domain::validation::codes::OUT_OF_RANGE,
        )
        .with("min", 0)
        .with("max", MAX_PREFERENCES)
        .into());
    }
    let mut errors = Vec::new();
    let mut choices = Vec::new();
    for (i, choice) in body.0.preferences.iter().enumerate() {
        match NotificationKind::parse(&format!("preferences[{i}].kind"), &choice.kind) {
            Ok(kind) => choices.push((kind, choice.email)),
            Err(e) => errors.push(e),
        }
    }
    check(errors)?;
    state.store.set_email_preferences(me, &choices).await?;
    preferences_of(&state, me).await
}
