//! Progress reports on activities with the indicators of the plan, their review, and the
//! reports drawn from the approved ones: plan execution and participation (JSON or CSV).

pub use super::plan_reports::{
    ExecutionReport, ParticipationReport, ResultsReport, ScopeQuery, Scoped, execution,
    execution_if, participation,
};
use super::{GetErrors, ListErrors, Localized, Page, check, optional, required, with_etag};
use crate::error::{ApiError, ApiResult};
use crate::extract::{Ids, IfMatch, JsonBody, QueryParams};
use crate::formats;
use crate::guard::{Guard, OnActivity, OnReport, perm};
use crate::state::AppState;
use actix_web::{HttpRequest, HttpResponse, get, post, put, web};
use chrono::{DateTime, NaiveDate, Utc};
use mercociudades_domain::FieldError;
use mercociudades_domain::ids::{CityId, NodeId, PlanId, ReportId};
use mercociudades_domain::listing::parse_date;
use mercociudades_domain::monitoring::results;
use mercociudades_domain::monitoring::{
    Execution, OtherParticipants, ReportInput, ReportRecord, ReportResult, ReportStatus,
    ResultKind, ResultStage, country_band,
};
use mercociudades_domain::plan::{ActivityStatus, Text};
use mercociudades_domain::validation::{ValidationErrors, bounded_text, codes};
use mercociudades_macros::guarded;
use mercociudades_persistence::repositories::{ActivityAttendee, AttendanceScope};
use mercociudades_persistence::repositories::{IDEMPOTENCY_KEY, Idempotency, ReportFilter};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

/// Who took part.
#[derive(Debug, Default, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ParticipantsData {
    /// Ids of the member cities whose local governments took part; their countries are counted.
    #[serde(default)]
    pub cities: Vec<String>,
    #[serde(default)]
    pub organizations: Vec<String>,
    #[serde(default)]
    pub mercosur_institutions: Vec<String>,
    /// A specific group, e.g. the Productive Integration Group.
    #[serde(default)]
    pub specific_groups: Vec<String>,
}

/// A result of the activity.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResultData {
    #[schema(value_type = Option<super::closed::ResultKind>)]
    pub kind: Option<String>,
    /// The rung reached: for a work plan `agreed`, `signed`, `with_activities`,
    /// `with_funding`; for a project `agreed`, `formulated`, `funded`,
    /// `with_responsibilities`; absent for the other kinds.
    #[schema(value_type = Option<super::closed::ResultStage>)]
    pub stage: Option<String>,
    #[schema(value_type = Option<String>, format = Date)]
    pub achieved_on: Option<String>,
    pub description: Option<Localized>,
    #[serde(default)]
    pub evidence: Vec<String>,
}

/// A progress report to write or replace.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReportIn {
    /// YYYY-MM-DD
    #[schema(value_type = String, format = Date, required = true)]
    pub reported_on: Option<String>,
    /// Was the activity carried out.
    #[schema(value_type = super::closed::Execution, required = true)]
    pub execution: Option<String>,
    pub narrative: Option<Localized>,
    #[serde(default)]
    pub participants: ParticipantsData,
    #[serde(default)]
    pub results: Vec<ResultData>,
    /// Links to evidence (http or https).
    #[serde(default)]
    pub evidence: Vec<String>,
}

/// A participating city with its country, and where its participation comes from.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReportCityOut {
    pub id: Uuid,
    pub name: String,
    pub country: String,
    /// Whether the report names the city.
    pub named_by_report: bool,
    /// The events linked to the activity, up to the report's day, where the city's
    /// attendance was recorded.
    pub attended_events: Vec<Uuid>,
}

/// A progress report.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReportOut {
    pub id: Uuid,
    pub plan_id: Uuid,
    pub node_id: Uuid,
    /// The activity's code.
    pub activity_code: String,
    /// Where the report's activity stands now.
    #[schema(value_type = super::closed::ActivityStatus)]
    pub activity_status: ActivityStatus,
    pub reported_on: NaiveDate,
    #[schema(value_type = super::closed::Execution)]
    pub execution: Execution,
    #[schema(value_type = Option<super::Localized>)]
    pub narrative: Option<Text>,
    /// The cities the report names and those whose attendance was recorded at the events
    /// linked to the activity, each saying which.
    pub cities: Vec<ReportCityOut>,
    /// The distinct countries of the participating cities.
    pub countries: Vec<String>,
    /// Absent when no local government took part.
    #[schema(value_type = Option<super::closed::CountryBand>)]
    pub country_band: Option<&'static str>,
    pub organizations: Vec<String>,
    pub mercosur_institutions: Vec<String>,
    pub specific_groups: Vec<String>,
    #[schema(value_type = Vec<super::schemas::ReportResultData>)]
    pub results: Vec<ReportResult>,
    pub evidence: Vec<String>,
    /// `draft`, `submitted`, `approved` or `returned`.
    #[schema(value_type = super::closed::ReportStatus)]
    pub status: ReportStatus,
    /// Why the report was returned, for its author.
    pub return_reason: Option<String>,
    /// Whether a user or an API token wrote the report.
    #[schema(value_type = super::closed::ActorKind)]
    pub author_kind: String,
    pub author_id: Option<Uuid>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// What the reviewer decides with an approval.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReportApprovalIn {
    /// The status the report's activity moves to with the approval, through its legal
    /// transitions; left out, the activity's status does not change.
    #[schema(value_type = Option<super::closed::ActivityStatus>)]
    pub activity_status: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReturnIn {
    /// What the author must change.
    #[schema(value_type = String, format = "text", max_length = 5000, required = true)]
    pub reason: Option<String>,
}

super::list_query!(
    /// Filters of the report list.
    ReportQuery {
        #[param(value_type = Option<Uuid>)]
        plan_id,
        #[param(value_type = Option<Uuid>)]
        node_id,
        #[param(value_type = Option<super::closed::ReportStatus>)]
        status,
    }
);

/// The report with the cities present at the events linked to its activity up to its day,
/// from `attended` (the attendance of those events).
fn out(r: ReportRecord, attended: &[ActivityAttendee]) -> ReportOut {
    let mut cities: Vec<ReportCityOut> = r
        .cities
        .iter()
        .map(|c| ReportCityOut {
            id: c.id.0,
            name: c.name.clone(),
            country: c.country.clone(),
            named_by_report: true,
            attended_events: Vec::new(),
        })
        .collect();
    let day_after = r.reported_on.succ_opt().unwrap_or(r.reported_on);
    for a in attended
        .iter()
        .filter(|a| a.activity == r.node_id && a.starts_at.date_naive() < day_after)
    {
        match cities.iter_mut().find(|c| c.id == a.city.0) {
            Some(c) if !c.attended_events.contains(&a.event.0) => c.attended_events.push(a.event.0),
            Some(_) => {}
            None => cities.push(ReportCityOut {
                id: a.city.0,
                name: a.city_name.clone(),
                country: a.country.clone(),
                named_by_report: false,
                attended_events: vec![a.event.0],
            }),
        }
    }
    let countries: Vec<String> = cities
        .iter()
        .map(|c| c.country.clone())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    ReportOut {
        id: r.id.0,
        plan_id: r.plan_id.0,
        node_id: r.node_id.0,
        activity_code: r.node_code,
        activity_status: r.activity_status,
        reported_on: r.reported_on,
        execution: r.execution,
        narrative: r.narrative,
        country_band: country_band(countries.len()),
        countries,
        cities,
        organizations: r.others.organizations,
        mercosur_institutions: r.others.mercosur_institutions,
        specific_groups: r.others.specific_groups,
        results: r.results,
        evidence: r.evidence,
        status: r.status,
        return_reason: r.return_reason,
        author_kind: r.author_kind.as_str().to_owned(),
        author_id: r.author_id,
        version: r.version,
        created_at: r.created_at,
        updated_at: r.updated_at,
    }
}

/// The cities present at the events linked to `activities`: one statement.
async fn attended(state: &AppState, activities: Vec<NodeId>) -> ApiResult<Vec<ActivityAttendee>> {
    Ok(state
        .store
        .activity_attendees(&AttendanceScope {
            activities: Some(activities),
            ..Default::default()
        })
        .await?)
}

/// The report as answered, with the attendance of its activity's events.
async fn one(state: &AppState, r: ReportRecord) -> ApiResult<ReportOut> {
    let attendees = attended(state, vec![r.node_id]).await?;
    Ok(out(r, &attendees))
}

fn link(field: &str, value: &str) -> Result<String, FieldError> {
    mercociudades_domain::registry::WebAddress::parse(field, value).map(|w| w.as_str().to_owned())
}

fn names(field: &str, list: &[String], errors: &mut ValidationErrors) -> Vec<String> {
    list.iter()
        .enumerate()
        .filter_map(|(i, n)| errors.take(bounded_text(&format!("{field}[{i}]"), n, 200)))
        .collect()
}

/// A text in es/pt/en that may be left out: absent when no language is given.
fn optional_text(
    field: &str,
    value: &Option<Localized>,
    max: usize,
) -> Result<Option<Text>, FieldError> {
    match value {
        Some(t) if t.es.is_some() || t.pt.is_some() || t.en.is_some() => {
            t.parse(field, max).map(|t| Some(Text::from(&t)))
        }
        _ => Ok(None),
    }
}

fn parse(input: &ReportIn) -> Result<ReportInput, ValidationErrors> {
    let mut errors = ValidationErrors::new();
    let reported_on = errors.take(
        required("reported_on", &input.reported_on).and_then(|d| parse_date("reported_on", d)),
    );
    let execution = errors.take(
        required("execution", &input.execution).and_then(|e| Execution::parse("execution", e)),
    );
    let narrative = errors.take(optional_text("narrative", &input.narrative, 20_000));
    let p = &input.participants;
    let cities: Vec<CityId> = p
        .cities
        .iter()
        .enumerate()
        .filter_map(|(i, c)| {
            errors
                .take(super::bodies::uuid_field(
                    &format!("participants.cities[{i}]"),
                    c,
                ))
                .map(CityId)
        })
        .collect();
    let others = OtherParticipants {
        organizations: names("participants.organizations", &p.organizations, &mut errors),
        mercosur_institutions: names(
            "participants.mercosur_institutions",
            &p.mercosur_institutions,
            &mut errors,
        ),
        specific_groups: names(
            "participants.specific_groups",
            &p.specific_groups,
            &mut errors,
        ),
    };
    let mut results = Vec::new();
    for (i, r) in input.results.iter().enumerate() {
        let field = format!("results[{i}]");
        let kind = errors.take(
            required(&format!("{field}.kind"), &r.kind)
                .and_then(|k| ResultKind::parse(&format!("{field}.kind"), k)),
        );
        let stage = errors.take(
            r.stage
                .as_deref()
                .map(|s| ResultStage::parse(&format!("{field}.stage"), s))
                .transpose(),
        );
        if let (Some(kind), Some(stage)) = (kind, stage.as_ref()) {
            errors.take(kind.check_stage(&format!("{field}.stage"), *stage));
        }
        let achieved_on = errors.take(
            r.achieved_on
                .as_deref()
                .map(|d| parse_date(&format!("{field}.achieved_on"), d))
                .transpose(),
        );
        let description = errors.take(optional_text(
            &format!("{field}.description"),
            &r.description,
            5_000,
        ));
        let evidence: Vec<String> = r
            .evidence
            .iter()
            .enumerate()
            .filter_map(|(j, e)| errors.take(link(&format!("{field}.evidence[{j}]"), e)))
            .collect();
        if let (Some(kind), Some(stage), Some(achieved_on), Some(description)) =
            (kind, stage, achieved_on, description)
        {
            results.push(ReportResult {
                kind,
                stage,
                achieved_on,
                description,
                evidence,
            });
        }
    }
    let evidence: Vec<String> = input
        .evidence
        .iter()
        .enumerate()
        .filter_map(|(i, e)| errors.take(link(&format!("evidence[{i}]"), e)))
        .collect();
    errors.finish(|| {
        Some(ReportInput {
            reported_on: reported_on?,
            execution: execution?,
            narrative: narrative?,
            cities,
            others,
            results,
            evidence,
        })
    })
}

/// The request's `Idempotency-Key`, bound to the request it came with: its method, its path
/// (the activity) and its body, as parsed (so that spacing and the order of fields do not
/// matter).
fn idempotency(req: &HttpRequest, input: &ReportIn) -> ApiResult<Option<Idempotency>> {
    let Some(value) = req.headers().get(IDEMPOTENCY_KEY) else {
        return Ok(None);
    };
    let key = value
        .to_str()
        .ok()
        .map(str::trim)
        .filter(|k| !k.is_empty() && k.len() <= 200)
        .ok_or_else(|| {
            ApiError::field(
                FieldError::new(IDEMPOTENCY_KEY, codes::INVALID_FORMAT).with("format", "key"),
            )
        })?;
    let body = serde_json::to_string(input).map_err(ApiError::internal)?;
    let request = format!("{} {}\n{body}", req.method(), req.path());
    Ok(Some(Idempotency {
        key: key.to_owned(),
        fingerprint: crate::auth::token_hash(&request),
    }))
}

/// Writes a draft progress report on an activity of an approved plan or a plan in execution:
/// on a draft plan it is refused with 409 `plan_not_approved`, on a closed one with 409
/// `plan_frozen`, and nothing is written. With `Idempotency-Key`, repeating the request returns
/// the first report (200) instead of writing a second one.
#[guarded]
#[utoipa::path(
    tag = "monitoring",
    params(("id" = Uuid, Path), ("node_id" = Uuid, Path, description = "The activity"), ("Idempotency-Key" = Option<String>, Header)),
    request_body = ReportIn,
    responses((status = 201, body = ReportOut, headers(("ETag" = String), ("Location" = String))), (status = 200, description = "A repeated request: the first report", body = ReportOut), super::CreateErrors),
    security(("bearer" = [])),
)]
#[post("/plans/{id}/nodes/{node_id}/reports")]
pub async fn create_report(
    state: web::Data<AppState>,
    auth: Guard<perm::ReportWrite, OnActivity>,
    req: HttpRequest,
    body: JsonBody<ReportIn>,
) -> ApiResult<HttpResponse> {
    let OnActivity { plan, node } = auth.target;
    let idempotency = idempotency(&req, &body.0)?;
    let input = parse(&body.0)?;
    let (report, replayed) = state
        .store
        .create_report(&auth.who, plan, node, &input, idempotency.as_ref())
        .await?;
    let (id, version) = (report.id, report.version);
    let body = one(&state, report).await?;
    if replayed {
        return Ok(with_etag(version, &body));
    }
    Ok(super::created(
        format!("/api/v1/reports/{id}"),
        version,
        &body,
    ))
}

/// Lists progress reports, newest first.
#[guarded]
#[utoipa::path(
    tag = "monitoring",
    params(ReportQuery),
    responses((status = 200, body = Page<ReportOut>), ListErrors),
    security(("bearer" = [])),
)]
#[get("/reports")]
pub async fn list_reports(
    state: web::Data<AppState>,
    _auth: Guard<perm::RegistryRead>,
    query: QueryParams<ReportQuery>,
) -> ApiResult<HttpResponse> {
    let q = query.0;
    let mut errors = Vec::new();
    let page = q.listing().page_only(&mut errors);
    let filter = ReportFilter {
        plan: optional(&mut errors, q.plan_id.as_deref(), |v| {
            super::bodies::uuid_field("plan_id", v).map(PlanId)
        }),
        node: optional(&mut errors, q.node_id.as_deref(), |v| {
            super::bodies::uuid_field("node_id", v).map(NodeId)
        }),
        status: optional(&mut errors, q.status.as_deref(), |s| {
            ReportStatus::parse("status", s)
        }),
    };
    check(errors)?;
    let reports = state.store.list_reports(&filter, page).await?;
    let attendees = attended(&state, reports.items.iter().map(|r| r.node_id).collect()).await?;
    Ok(HttpResponse::Ok().json(Page::from(reports, |r| out(r, &attendees))))
}

/// One progress report.
#[guarded]
#[utoipa::path(
    tag = "monitoring",
    params(("id" = Uuid, Path)),
    responses((status = 200, body = ReportOut, headers(("ETag" = String))), GetErrors),
    security(("bearer" = [])),
)]
#[get("/reports/{id}")]
pub async fn get_report(
    state: web::Data<AppState>,
    _auth: Guard<perm::RegistryRead>,
    Ids(id): Ids<ReportId>,
) -> ApiResult<HttpResponse> {
    let report = state.store.get_report(id).await?;
    let version = report.version;
    Ok(with_etag(version, &one(&state, report).await?))
}

/// Replaces a draft or returned report.
#[guarded]
#[utoipa::path(
    tag = "monitoring",
    params(("id" = Uuid, Path), ("If-Match" = String, Header)),
    request_body = ReportIn,
    responses((status = 200, body = ReportOut, headers(("ETag" = String))), super::UpdateErrors),
    security(("bearer" = [])),
)]
#[put("/reports/{id}")]
pub async fn update_report(
    state: web::Data<AppState>,
    auth: Guard<perm::ReportWrite, OnReport>,
    if_match: IfMatch,
    body: JsonBody<ReportIn>,
) -> ApiResult<HttpResponse> {
    let id = auth.target.0.id;
    let input = parse(&body.0)?;
    let report = state
        .store
        .update_report(&auth.who, id.0, if_match.0, &input)
        .await?;
    let version = report.version;
    Ok(with_etag(version, &one(&state, report).await?))
}

/// Submits a draft or returned report for review (its author, or the secretariat).
#[guarded]
#[utoipa::path(
    tag = "monitoring",
    params(("id" = Uuid, Path), ("If-Match" = String, Header)),
    responses((status = 200, body = ReportOut, headers(("ETag" = String))), super::UpdateErrors),
    security(("bearer" = [])),
)]
#[post("/reports/{id}/submit")]
pub async fn submit(
    state: web::Data<AppState>,
    auth: Guard<perm::ReportWrite, OnReport>,
    if_match: IfMatch,
) -> ApiResult<HttpResponse> {
    let id = auth.target.0.id;
    let report = state
        .store
        .move_report(&auth.who, id.0, if_match.0, ReportStatus::Submitted, None)
        .await?;
    let version = report.version;
    Ok(with_etag(version, &one(&state, report).await?))
}

/// Approves a submitted report: from now on it counts in the reports.
///
/// The body is optional. The reviewer who agrees that the activity moved on may say so with
/// `activity_status` (one of the activity statuses: `in_progress`, `done`, `partially_done`,
/// `not_done`, `cancelled`, `planned`): the report's activity then takes that status in the same
/// transaction as the approval, through the activity's legal transitions only (`planned` →
/// `in_progress` → `done`, …; a status it cannot reach is refused with 422 naming
/// `activity_status`, and nothing is approved), and the change is audited as a change of the
/// activity. Without `activity_status` (or without a body) the activity's status does not
/// change. The answer's `activity_status` says where the activity stands now.
#[guarded]
#[utoipa::path(
    tag = "monitoring",
    params(("id" = Uuid, Path), ("If-Match" = String, Header)),
    request_body(content = Option<ReportApprovalIn>, description = "Optional: the status the report's activity moves to with the approval"),
    responses((status = 200, body = ReportOut, headers(("ETag" = String))), super::UpdateErrors),
    security(("bearer" = [])),
)]
#[post("/reports/{id}/approve")]
pub async fn approve(
    state: web::Data<AppState>,
    auth: Guard<perm::ReportReview>,
    req: HttpRequest,
    Ids(id): Ids<ReportId>,
    if_match: IfMatch,
    crate::extract::Body(body): crate::extract::Body,
) -> ApiResult<HttpResponse> {
    // No body, or JSON's null, decides nothing but the approval.
    let sent = body.trim_ascii();
    let input = if sent.is_empty() {
        ReportApprovalIn::default()
    } else if formats::sent(&req) != Some(formats::Format::Json) {
        return Err(ApiError::new(
            crate::problem::ProblemCode::UnsupportedMediaType,
            "unsupported_media_type",
        ));
    } else if sent == b"null" {
        ReportApprovalIn::default()
    } else {
        crate::extract::parse_json::<ReportApprovalIn>(sent)?
    };
    let activity_status = input
        .activity_status
        .as_deref()
        .map(|s| ActivityStatus::parse("activity_status", s))
        .transpose()?;
    let report = state
        .store
        .approve_report(&auth.who, id.0, if_match.0, activity_status)
        .await?;
    let version = report.version;
    Ok(with_etag(version, &one(&state, report).await?))
}

/// Returns a submitted report to its author with the reason.
#[guarded]
#[utoipa::path(
    tag = "monitoring",
    params(("id" = Uuid, Path), ("If-Match" = String, Header)),
    request_body = ReturnIn,
    responses((status = 200, body = ReportOut, headers(("ETag" = String))), super::UpdateErrors),
    security(("bearer" = [])),
)]
#[post("/reports/{id}/return")]
pub async fn send_back(
    state: web::Data<AppState>,
    auth: Guard<perm::ReportReview>,
    Ids(id): Ids<ReportId>,
    if_match: IfMatch,
    body: JsonBody<ReturnIn>,
) -> ApiResult<HttpResponse> {
    let reason =
        required("reason", &body.0.reason).and_then(|r| bounded_text("reason", r, 5_000))?;
    let report = state
        .store
        .move_report(
            &auth.who,
            id.0,
            if_match.0,
            ReportStatus::Returned,
            Some(&reason),
        )
        .await?;
    let version = report.version;
    Ok(with_etag(version, &one(&state, report).await?))
}

// ---------------------------------------------------------------------------------------------
// Reports drawn from approved progress reports (their shapes and inputs: `plan_reports`)

/// A report drawn from a plan's approved progress reports, answered as JSON, or as CSV or an
/// XLSX workbook when `Accept` asks for one: `$make` builds it from the store, the plan and
/// the scope asked for.
macro_rules! plan_report {
    (
        $(#[$doc:meta])*
        $name:ident, $path:literal, $report:ty, $file:literal,
        |$state:ident, $plan:ident, $scoped:ident| $make:expr
    ) => {
        $(#[$doc])*
        #[guarded]
        #[utoipa::path(
            tag = "monitoring",
            params(("id" = Uuid, Path), ScopeQuery),
            responses((status = 200, description = "The report: JSON, or as CSV or XLSX (see the description)", content(($report = "application/json"), (String = "text/csv"), (String = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))), GetErrors),
            security(("bearer" = [])),
        )]
        #[get($path)]
        pub async fn $name(
            state: web::Data<AppState>,
            _auth: Guard<perm::RegistryRead>,
            req: HttpRequest,
            Ids($plan): Ids<PlanId>,
            query: QueryParams<ScopeQuery>,
        ) -> ApiResult<HttpResponse> {
            let $state = &state;
            let $scoped = Scoped::parse(&query.0);
            let report: $report = $make;
            formats::tabular(&req, &report, $file)
        }
    };
}

plan_report!(
    /// The plan's execution: for every dimension, policy and axis, its activities by status
    /// and by execution, and the share executed. Only approved reports count. JSON; or its
    /// rows as CSV (`Accept: text/csv`) or an XLSX workbook (`Accept:
    /// application/vnd.openxmlformats-officedocument.spreadsheetml.sheet`).
    plan_execution, "/plans/{id}/execution-report", ExecutionReport, "execution-report",
    |state, plan, scoped| execution(&state.store, plan, &scoped).await?
);

plan_report!(
    /// Who took part in the plan's activities: countries, cities, organisations and kinds of
    /// participant, per activity and in total, with the bands of 1, 2, 3, 4, 5 or more
    /// countries. Only approved reports count; a city named twice counts once. JSON; or its
    /// rows as CSV (`Accept: text/csv`) or an XLSX workbook (`Accept:
    /// application/vnd.openxmlformats-officedocument.spreadsheetml.sheet`).
    plan_participation, "/plans/{id}/participation-report", ParticipationReport, "participation-report",
    |state, plan, scoped| participation(&state.store, plan, &scoped).await?
);

plan_report!(
    /// Results by kind and stage, with the activities behind them. JSON; or one row per
    /// result as CSV (`Accept: text/csv`) or an XLSX workbook (`Accept:
    /// application/vnd.openxmlformats-officedocument.spreadsheetml.sheet`).
    plan_results, "/plans/{id}/results-report", ResultsReport, "results-report",
    |state, plan, scoped| {
        let (tree, reports) = tokio::try_join!(scoped.outline(&state.store, plan), async {
            Ok(state.store.approved_reports(plan).await?)
        })?;
        results::results_report(&tree, &scoped.scope.reports_in(&tree, reports)).into()
    }
);
