//! Progress reports on activities with the indicators of the plan, their review, and the
//! reports drawn from the approved ones: plan execution and participation (JSON or CSV).

use super::closed::{ExecutionTotal, has_execution_row};
use super::{GetErrors, ListErrors, Localized, Page, check, optional, required, with_etag};
use crate::error::{ApiError, ApiResult};
use crate::extract::{Ids, IfMatch, JsonBody, QueryParams};
use crate::guard::{Guard, OnActivity, OnReport, perm};
use crate::state::AppState;
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, post, put, web};
use chrono::{DateTime, NaiveDate, Utc};
use mercociudades_domain::FieldError;
use mercociudades_domain::ids::CityId;
use mercociudades_domain::listing::parse_date;
use mercociudades_domain::monitoring::{
    BANDS, Execution, ReportStatus, ResultKind, ResultStage, country_band, share,
};
use mercociudades_domain::plan::{ActivityStatus, NodeKind, Text};
use mercociudades_domain::validation::{ValidationErrors, bounded_text, codes};
use mercociudades_macros::guarded;
use mercociudades_persistence::Store;
use mercociudades_persistence::repositories::{
    BodyRef, OTHER_KINDS, OtherParticipants, OutlineNode, ParticipationFacts, PlanOutline,
    ReportFilter, ReportInput, ReportRecord, ReportResult, ReportScope,
};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
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
    pub achieved_on: Option<String>,
    pub description: Option<Localized>,
    #[serde(default)]
    pub evidence: Vec<String>,
}

/// A progress report to write or replace.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReportIn {
    /// YYYY-MM-DD
    pub reported_on: Option<String>,
    /// Was the activity carried out.
    #[schema(value_type = Option<super::closed::Execution>)]
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

/// A participating city with its country.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReportCityOut {
    pub id: Uuid,
    pub name: String,
    pub country: String,
}

/// A progress report.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReportOut {
    pub id: Uuid,
    pub plan_id: Uuid,
    pub node_id: Uuid,
    /// The activity's code.
    pub activity_code: String,
    pub reported_on: NaiveDate,
    #[schema(value_type = super::closed::Execution)]
    pub execution: Execution,
    #[schema(value_type = Option<super::Localized>)]
    pub narrative: Option<Text>,
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

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReturnIn {
    /// What the author must change.
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

fn countries_of(cities: &[mercociudades_persistence::repositories::ReportCity]) -> Vec<String> {
    cities
        .iter()
        .map(|c| c.country.clone())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect()
}

fn out(r: ReportRecord) -> ReportOut {
    let countries = countries_of(&r.cities);
    ReportOut {
        id: r.id,
        plan_id: r.plan_id,
        node_id: r.node_id,
        activity_code: r.node_code,
        reported_on: r.reported_on,
        execution: r.execution,
        narrative: r.narrative,
        country_band: country_band(countries.len()),
        countries,
        cities: r
            .cities
            .into_iter()
            .map(|c| ReportCityOut {
                id: c.id.0,
                name: c.name,
                country: c.country,
            })
            .collect(),
        organizations: r.others.organizations,
        mercosur_institutions: r.others.mercosur_institutions,
        specific_groups: r.others.specific_groups,
        results: r.results,
        evidence: r.evidence,
        status: r.status,
        return_reason: r.return_reason,
        author_kind: r.author_kind,
        author_id: r.author_id,
        version: r.version,
        created_at: r.created_at,
        updated_at: r.updated_at,
    }
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

fn parse(input: &ReportIn) -> Result<ReportInput, ValidationErrors> {
    let mut errors = ValidationErrors::new();
    let reported_on = errors.take(
        required("reported_on", &input.reported_on).and_then(|d| parse_date("reported_on", d)),
    );
    let execution = errors.take(
        required("execution", &input.execution).and_then(|e| Execution::parse("execution", e)),
    );
    let narrative = errors.take(match &input.narrative {
        Some(n) if n.es.is_some() || n.pt.is_some() || n.en.is_some() => {
            n.parse("narrative", 20_000).map(|t| {
                Some(Text {
                    es: t.es().map(str::to_owned),
                    pt: t.pt().map(str::to_owned),
                    en: t.en().map(str::to_owned),
                })
            })
        }
        _ => Ok(None),
    });
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
        let description = errors.take(match &r.description {
            Some(d) if d.es.is_some() || d.pt.is_some() || d.en.is_some() => {
                d.parse(&format!("{field}.description"), 5_000).map(|t| {
                    Some(Text {
                        es: t.es().map(str::to_owned),
                        pt: t.pt().map(str::to_owned),
                        en: t.en().map(str::to_owned),
                    })
                })
            }
            _ => Ok(None),
        });
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

/// Writes a draft progress report on an activity. With `Idempotency-Key`, repeating the
/// request returns the first report (200) instead of writing a second one.
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
    let key = match req.headers().get("idempotency-key") {
        None => None,
        Some(v) => Some(
            v.to_str()
                .ok()
                .map(str::trim)
                .filter(|k| !k.is_empty() && k.len() <= 200)
                .ok_or_else(|| {
                    ApiError::field(
                        FieldError::new("Idempotency-Key", codes::INVALID_FORMAT)
                            .with("format", "key"),
                    )
                })?
                .to_owned(),
        ),
    };
    let input = parse(&body.0)?;
    let (report, replayed) = state
        .store
        .create_report(&auth.who, plan, node, &input, key.as_deref())
        .await?;
    let (id, version) = (report.id, report.version);
    if replayed {
        return Ok(with_etag(version, &out(report)));
    }
    Ok(super::created(
        format!("/api/v1/reports/{id}"),
        version,
        &out(report),
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
            super::bodies::uuid_field("plan_id", v)
        }),
        node: optional(&mut errors, q.node_id.as_deref(), |v| {
            super::bodies::uuid_field("node_id", v)
        }),
        status: optional(&mut errors, q.status.as_deref(), |s| {
            ReportStatus::parse("status", s)
        }),
    };
    check(errors)?;
    let reports = state.store.list_reports(&filter, page).await?;
    Ok(HttpResponse::Ok().json(Page::from(reports, out)))
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
    Ids(id): Ids<Uuid>,
) -> ApiResult<HttpResponse> {
    let report = state.store.get_report(id).await?;
    let version = report.version;
    Ok(with_etag(version, &out(report)))
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
        .update_report(&auth.who, id, if_match.0, &input)
        .await?;
    let version = report.version;
    Ok(with_etag(version, &out(report)))
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
        .move_report(&auth.who, id, if_match.0, ReportStatus::Submitted, None)
        .await?;
    let version = report.version;
    Ok(with_etag(version, &out(report)))
}

/// Approves a submitted report: from now on it counts in the reports.
#[guarded]
#[utoipa::path(
    tag = "monitoring",
    params(("id" = Uuid, Path), ("If-Match" = String, Header)),
    responses((status = 200, body = ReportOut, headers(("ETag" = String))), super::UpdateErrors),
    security(("bearer" = [])),
)]
#[post("/reports/{id}/approve")]
pub async fn approve(
    state: web::Data<AppState>,
    auth: Guard<perm::ReportReview>,
    Ids(id): Ids<Uuid>,
    if_match: IfMatch,
) -> ApiResult<HttpResponse> {
    let report = state
        .store
        .move_report(&auth.who, id, if_match.0, ReportStatus::Approved, None)
        .await?;
    let version = report.version;
    Ok(with_etag(version, &out(report)))
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
    Ids(id): Ids<Uuid>,
    if_match: IfMatch,
    body: JsonBody<ReturnIn>,
) -> ApiResult<HttpResponse> {
    let reason =
        required("reason", &body.0.reason).and_then(|r| bounded_text("reason", r, 5_000))?;
    let report = state
        .store
        .move_report(
            &auth.who,
            id,
            if_match.0,
            ReportStatus::Returned,
            Some(&reason),
        )
        .await?;
    let version = report.version;
    Ok(with_etag(version, &out(report)))
}

// ---------------------------------------------------------------------------------------------
// Reports drawn from approved progress reports

/// Activities of one part of the plan, by status and by execution.
#[derive(Debug, Serialize, ToSchema)]
pub struct ExecutionRow {
    pub code: String,
    #[schema(value_type = super::closed::ExecutionRowKind)]
    pub kind: String,
    #[schema(value_type = super::Localized)]
    pub title: Text,
    /// Activities under this node (sub-activities are not counted apart).
    pub activities: u64,
    /// Activities by status (`planned`, `in_progress`, …).
    pub by_status: BTreeMap<String, u64>,
    /// Activities by the execution of their latest approved report (`yes`, `partially`, `no`),
    /// and `not_reported`.
    pub by_execution: BTreeMap<String, u64>,
    /// `yes` / activities, in per cent.
    pub executed_share: f64,
    /// (`yes` + `partially`) / activities, in per cent.
    pub executed_or_partial_share: f64,
    /// On a `body` row: the body, when the acronym names one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body_id: Option<Uuid>,
}

/// The plan's execution, for every dimension, policy and axis, and in total.
#[derive(Debug, Serialize, ToSchema)]
pub struct ExecutionReport {
    pub plan_id: Uuid,
    /// How the shares are computed.
    pub formula: &'static str,
    pub total: ExecutionRow,
    pub rows: Vec<ExecutionRow>,
    /// Per responsible body (a Thematic Unit, the secretariat, …), by acronym: the activities
    /// that name it among their responsible bodies. An activity naming several bodies counts
    /// under each; kind `body`, code the acronym.
    pub by_body: Vec<ExecutionRow>,
}

const EXECUTION_FORMULA: &str = "executed_share = activities whose latest approved report says yes / activities; \
executed_or_partial_share = (yes + partially) / activities; an activity without an approved report counts as not_reported";

fn execution_row(
    node_code: &str,
    kind: &str,
    title: &Text,
    activities: &[&OutlineNode],
    executed: &HashMap<Uuid, Execution>,
) -> ExecutionRow {
    let mut by_status: BTreeMap<String, u64> = ActivityStatus::ALL
        .iter()
        .map(|s| (s.as_str().to_owned(), 0))
        .collect();
    let mut by_execution: BTreeMap<String, u64> = ["yes", "partially", "no", "not_reported"]
        .iter()
        .map(|s| ((*s).to_owned(), 0))
        .collect();
    for a in activities {
        let status = a
            .details
            .status
            .clone()
            .unwrap_or_else(|| "planned".to_owned());
        *by_status.entry(status).or_default() += 1;
        let execution = executed.get(&a.id).map_or("not_reported", |e| e.as_str());
        *by_execution.entry(execution.to_owned()).or_default() += 1;
    }
    let total = activities.len() as u64;
    let yes = by_execution.get("yes").copied().unwrap_or_default();
    let partially = by_execution.get("partially").copied().unwrap_or_default();
    ExecutionRow {
        code: node_code.to_owned(),
        kind: kind.to_owned(),
        title: title.clone(),
        activities: total,
        by_status,
        by_execution,
        executed_share: share(yes, total),
        executed_or_partial_share: share(yes + partially, total),
        body_id: None,
    }
}

/// The activities (not sub-activities) under every node, in one pass over the tree.
fn activities_under(tree: &PlanOutline) -> HashMap<Uuid, Vec<&OutlineNode>> {
    let parent_of: HashMap<Uuid, Option<Uuid>> =
        tree.nodes.iter().map(|n| (n.id, n.parent)).collect();
    let mut under: HashMap<Uuid, Vec<&OutlineNode>> = HashMap::new();
    for node in tree.nodes.iter().filter(|n| n.kind == NodeKind::Activity) {
        let mut current = node.parent;
        while let Some(p) = current {
            under.entry(p).or_default().push(node);
            current = parent_of.get(&p).copied().flatten();
        }
    }
    under
}

/// The acronyms of the bodies responsible for the plan's activities.
pub fn responsible_bodies(tree: &PlanOutline) -> Vec<String> {
    let acronyms: BTreeSet<&String> = tree
        .nodes
        .iter()
        .filter(|n| n.kind == NodeKind::Activity)
        .flat_map(|n| &n.details.responsible_bodies)
        .collect();
    acronyms.into_iter().cloned().collect()
}

/// The execution report of a plan's outline; `bodies` names the responsible bodies.
pub fn execution_report(
    tree: &PlanOutline,
    executions: &[(Uuid, Execution)],
    bodies: &HashMap<String, BodyRef>,
) -> ExecutionReport {
    let executed: HashMap<Uuid, Execution> = executions.iter().copied().collect();
    let under = activities_under(tree);
    let all: Vec<_> = tree
        .nodes
        .iter()
        .filter(|n| n.kind == NodeKind::Activity)
        .collect();
    let rows = tree
        .nodes
        .iter()
        .filter(|n| has_execution_row(n.kind))
        .map(|n| {
            execution_row(
                &n.code,
                n.kind.as_str(),
                &n.title,
                under.get(&n.id).map_or(&[][..], Vec::as_slice),
                &executed,
            )
        })
        .collect();
    let mut of_body: BTreeMap<&str, Vec<&OutlineNode>> = BTreeMap::new();
    for activity in &all {
        for acronym in &activity.details.responsible_bodies {
            of_body.entry(acronym).or_default().push(activity);
        }
    }
    let by_body = of_body
        .into_iter()
        .map(|(acronym, activities)| {
            let name = bodies.get(acronym).map(|b| Text {
                es: b.name.es().map(str::to_owned),
                pt: b.name.pt().map(str::to_owned),
                en: b.name.en().map(str::to_owned),
            });
            ExecutionRow {
                body_id: bodies.get(acronym).map(|b| b.id.0),
                ..execution_row(
                    acronym,
                    ExecutionTotal::BODY,
                    &name.unwrap_or_default(),
                    &activities,
                    &executed,
                )
            }
        })
        .collect();
    ExecutionReport {
        plan_id: tree.plan.id,
        formula: EXECUTION_FORMULA,
        total: execution_row("", ExecutionTotal::PLAN, &tree.plan.title, &all, &executed),
        rows,
        by_body,
    }
}

/// What part of a plan a report covers.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ScopeQuery {
    /// Only progress reports dated on or after this day (YYYY-MM-DD).
    #[param(value_type = Option<NaiveDate>)]
    pub from: Option<String>,
    /// Only progress reports dated on or before this day (YYYY-MM-DD).
    #[param(value_type = Option<NaiveDate>)]
    pub until: Option<String>,
    /// Only activities this body (by acronym) is responsible for; all of them for the plan's owner.
    pub body: Option<String>,
    /// Only progress reports in which a city of this country (ISO 3166-1 alpha-2) took part.
    pub country: Option<String>,
    /// Only activities serving this thematic perspective or goal (`T1`, `T1.2`).
    pub serves: Option<String>,
}

/// A report's scope as asked for: which approved reports count, which activities it covers,
/// and the problems of the filters, reported once the plan is known to exist.
pub struct Scoped {
    pub scope: ReportScope,
    body: Option<String>,
    serves: Option<String>,
    errors: Vec<FieldError>,
}

fn filled(value: Option<&str>) -> Option<String> {
    value
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_owned)
}

impl Scoped {
    pub fn parse(query: &ScopeQuery) -> Self {
        let mut errors = Vec::new();
        let from = optional(&mut errors, query.from.as_deref(), |d| {
            parse_date("from", d)
        });
        let until = optional(&mut errors, query.until.as_deref(), |d| {
            parse_date("until", d)
        });
        if let (Some(f), Some(u)) = (from, until)
            && u < f
        {
            errors.push(FieldError::new("until", codes::DATE_ORDER).with("starts_on", f));
        }
        let country = optional(&mut errors, query.country.as_deref(), |c| {
            mercociudades_domain::registry::CountryCode::parse("country", c)
        });
        Scoped {
            scope: ReportScope {
                from,
                until,
                country: country.map(|c| c.as_str().to_owned()),
            },
            body: filled(query.body.as_deref()),
            serves: filled(query.serves.as_deref()),
            errors,
        }
    }

    /// Whether the report covers only some of the plan's activities.
    pub fn narrows(&self) -> bool {
        self.body.is_some() || self.serves.is_some()
    }

    /// The plan's outline narrowed to the activities asked for; 404 for an unknown plan, then
    /// the problem naming every bad filter.
    pub async fn outline(&self, store: &Store, plan: Uuid) -> ApiResult<PlanOutline> {
        let mut tree = store.plan_outline(plan).await?;
        let mut errors = self.errors.clone();
        if let Some(acronym) = &self.body
            && !store
                .bodies_by_acronym(std::slice::from_ref(acronym))
                .await?
                .contains_key(acronym)
        {
            errors.push(FieldError::new("body", codes::NOT_FOUND).with("value", acronym));
        }
        if let Some(code) = &self.serves {
            let known = store
                .strategic_plan_of(plan)
                .await?
                .map(|s| s.codes())
                .unwrap_or_default();
            if !known.contains(code) {
                errors.push(FieldError::new("serves", codes::NOT_FOUND).with("value", code));
            }
        }
        check(errors)?;
        let (body, serves) = (&self.body, &self.serves);
        let owner_matches = body.is_some() && *body == tree.plan.owner_acronym;
        tree.nodes.retain(|n| {
            if !n.kind.is_activity() {
                return true;
            }
            let body_ok = owner_matches
                || body
                    .as_ref()
                    .is_none_or(|b| n.details.responsible_bodies.contains(b));
            let serves_ok = serves.as_ref().is_none_or(|c| {
                n.details
                    .serves
                    .iter()
                    .any(|s| s == c || s.starts_with(&format!("{c}.")))
            });
            body_ok && serves_ok
        });
        Ok(tree)
    }
}

/// A plan's execution report in scope. The outline and the figures are read side by side.
pub async fn execution(store: &Store, plan: Uuid, scoped: &Scoped) -> ApiResult<ExecutionReport> {
    execution_if(store, plan, scoped, |_| true).await
}

/// [`execution`] of a plan that `shown` admits; any other is not found.
pub async fn execution_if(
    store: &Store,
    plan: Uuid,
    scoped: &Scoped,
    shown: impl Fn(&mercociudades_persistence::repositories::PlanRecord) -> bool,
) -> ApiResult<ExecutionReport> {
    let outline_and_bodies = async {
        let tree = scoped.outline(store, plan).await?;
        if !shown(&tree.plan) {
            return Err(ApiError::not_found());
        }
        let bodies = store.bodies_by_acronym(&responsible_bodies(&tree)).await?;
        Ok::<_, ApiError>((tree, bodies))
    };
    let ((tree, bodies), executions) = tokio::try_join!(outline_and_bodies, async {
        Ok::<_, ApiError>(store.latest_executions(plan, &scoped.scope).await?)
    })?;
    Ok(execution_report(&tree, &executions, &bodies))
}

/// A plan's participation report in scope. The outline and the figures are read side by side.
pub async fn participation(
    store: &Store,
    plan: Uuid,
    scoped: &Scoped,
) -> ApiResult<ParticipationReport> {
    if scoped.narrows() {
        // Cities are counted across the activities asked for, so those are known first.
        let tree = scoped.outline(store, plan).await?;
        let kept: Vec<Uuid> = tree
            .nodes
            .iter()
            .filter(|n| n.kind.is_activity())
            .map(|n| n.id)
            .collect();
        let facts = store
            .participation_facts(plan, &scoped.scope, Some(&kept))
            .await?;
        return Ok(participation_report(&tree, &facts));
    }
    let (tree, facts) = tokio::try_join!(scoped.outline(store, plan), async {
        Ok(store.participation_facts(plan, &scoped.scope, None).await?)
    })?;
    Ok(participation_report(&tree, &facts))
}

/// The approved reports of a plan's activities in scope (for the results report).
pub(super) fn reports_in(
    tree: &PlanOutline,
    scope: &ReportScope,
    mut reports: Vec<ReportRecord>,
) -> Vec<ReportRecord> {
    let kept: HashSet<Uuid> = tree.nodes.iter().map(|n| n.id).collect();
    reports.retain(|r| {
        kept.contains(&r.node_id)
            && scope.from.is_none_or(|f| r.reported_on >= f)
            && scope.until.is_none_or(|u| r.reported_on <= u)
            && scope
                .country
                .as_ref()
                .is_none_or(|c| r.cities.iter().any(|city| &city.country == c))
    });
    reports
}

fn wants_csv(req: &HttpRequest) -> bool {
    req.headers()
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|a| a.contains("text/csv"))
}

fn csv_response(header_row: Vec<String>, rows: Vec<Vec<String>>) -> ApiResult<HttpResponse> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer
        .write_record(&header_row)
        .map_err(ApiError::internal)?;
    for row in rows {
        writer.write_record(&row).map_err(ApiError::internal)?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| ApiError::internal(anyhow::anyhow!("{e}")))?;
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .body(bytes))
}

/// The plan's execution: for every dimension, policy and axis, its activities by status and
/// by execution, and the share executed. Only approved reports count. JSON, or CSV with
/// `Accept: text/csv`.
#[guarded]
#[utoipa::path(
    tag = "monitoring",
    params(("id" = Uuid, Path), ScopeQuery),
    responses((status = 200, description = "The report: JSON, or its rows as CSV with `Accept: text/csv`", content((ExecutionReport = "application/json"), (String = "text/csv"))), GetErrors),
    security(("bearer" = [])),
)]
#[get("/plans/{id}/execution-report")]
pub async fn plan_execution(
    state: web::Data<AppState>,
    _auth: Guard<perm::RegistryRead>,
    req: HttpRequest,
    Ids(id): Ids<Uuid>,
    query: QueryParams<ScopeQuery>,
) -> ApiResult<HttpResponse> {
    let report = execution(&state.store, id, &Scoped::parse(&query.0)).await?;
    if !wants_csv(&req) {
        return Ok(HttpResponse::Ok().json(report));
    }
    let statuses: Vec<String> = report.total.by_status.keys().cloned().collect();
    let executions: Vec<String> = report.total.by_execution.keys().cloned().collect();
    let mut header_row = vec![
        "code".to_owned(),
        "kind".to_owned(),
        "title_es".to_owned(),
        "activities".to_owned(),
    ];
    header_row.extend(statuses.iter().map(|s| format!("status_{s}")));
    header_row.extend(executions.iter().map(|e| format!("execution_{e}")));
    header_row.extend([
        "executed_share".to_owned(),
        "executed_or_partial_share".to_owned(),
    ]);
    let rows = report
        .rows
        .iter()
        .chain(&report.by_body)
        .chain(std::iter::once(&report.total))
        .map(|r| {
            let mut row = vec![
                r.code.clone(),
                r.kind.clone(),
                r.title.es.clone().unwrap_or_default(),
                r.activities.to_string(),
            ];
            row.extend(
                statuses
                    .iter()
                    .map(|s| r.by_status.get(s).copied().unwrap_or_default().to_string()),
            );
            row.extend(executions.iter().map(|e| {
                r.by_execution
                    .get(e)
                    .copied()
                    .unwrap_or_default()
                    .to_string()
            }));
            row.extend([
                format!("{:.1}", r.executed_share),
                format!("{:.1}", r.executed_or_partial_share),
            ]);
            row
        })
        .collect();
    csv_response(header_row, rows)
}

/// Who took part in one activity, across its approved reports.
#[derive(Debug, Serialize, ToSchema)]
pub struct ParticipationRow {
    pub code: String,
    #[schema(value_type = super::Localized)]
    pub title: Text,
    /// Distinct countries of the participating cities.
    pub countries: Vec<String>,
    /// Absent when no local government took part.
    #[schema(value_type = Option<super::closed::CountryBand>)]
    pub country_band: Option<&'static str>,
    pub cities: u64,
    pub organizations: Vec<String>,
    pub mercosur_institutions: Vec<String>,
    pub specific_groups: Vec<String>,
}

/// Participation in the plan's activities, per activity and in total.
#[derive(Debug, Serialize, ToSchema)]
pub struct ParticipationReport {
    pub plan_id: Uuid,
    pub rows: Vec<ParticipationRow>,
    /// Distinct countries and cities across the plan.
    pub countries: Vec<String>,
    pub cities: u64,
    /// Activities by the band of their number of countries (`1` … `5+`).
    pub activities_by_band: BTreeMap<&'static str, u64>,
    /// Activities by kind of participant.
    pub activities_with: BTreeMap<&'static str, u64>,
    /// For each country: the activities its cities took part in, and how many of its cities.
    pub by_country: Vec<CountryParticipation>,
}

/// The participation of one country.
#[derive(Debug, Serialize, ToSchema)]
pub struct CountryParticipation {
    pub country: String,
    pub activities: u64,
    pub cities: u64,
}

pub fn participation_report(tree: &PlanOutline, facts: &ParticipationFacts) -> ParticipationReport {
    // Each activity's countries and distinct cities; an activity whose reports name no city
    // has none, but was reported on.
    let named: HashMap<Uuid, (&[String], u64)> = facts
        .by_activity
        .iter()
        .map(|(node, countries, cities)| (*node, (countries.as_slice(), *cities)))
        .collect();
    let mut others_of: HashMap<Uuid, [BTreeSet<&str>; 3]> = HashMap::new();
    for (node, kind, name) in &facts.others {
        if let Some(i) = OTHER_KINDS.iter().position(|k| k == kind) {
            others_of.entry(*node).or_default()[i].insert(name.as_str());
        }
    }
    let none = [BTreeSet::new(), BTreeSet::new(), BTreeSet::new()];
    let mut by_band: BTreeMap<&'static str, u64> = BANDS.iter().map(|b| (*b, 0)).collect();
    let mut with: BTreeMap<&'static str, u64> = std::iter::once("local_governments")
        .chain(OTHER_KINDS)
        .map(|k| (k, 0))
        .collect();
    let mut activities_of: BTreeMap<&str, u64> = BTreeMap::new();
    let mut rows = Vec::new();
    for node in tree.nodes.iter().filter(|n| n.kind.is_activity()) {
        let reported = named.get(&node.id);
        let others = others_of.get(&node.id);
        if reported.is_none() && others.is_none() {
            continue;
        }
        let (countries, cities) = reported.copied().unwrap_or((&[], 0));
        for country in countries {
            *activities_of.entry(country.as_str()).or_default() += 1;
        }
        let [organizations, institutions, groups] = others.unwrap_or(&none);
        let band = country_band(countries.len());
        if let Some(b) = band {
            *by_band.entry(b).or_default() += 1;
        }
        for (key, present) in [
            ("local_governments", cities > 0),
            (OTHER_KINDS[0], !organizations.is_empty()),
            (OTHER_KINDS[1], !institutions.is_empty()),
            (OTHER_KINDS[2], !groups.is_empty()),
        ] {
            if present {
                *with.entry(key).or_default() += 1;
            }
        }
        let owned = |set: &BTreeSet<&str>| set.iter().map(|s| (*s).to_owned()).collect();
        rows.push(ParticipationRow {
            code: node.code.clone(),
            title: node.title.clone(),
            countries: countries.to_vec(),
            country_band: band,
            cities,
            organizations: owned(organizations),
            mercosur_institutions: owned(institutions),
            specific_groups: owned(groups),
        });
    }
    let mut by_country: Vec<CountryParticipation> = facts
        .by_country
        .iter()
        .map(|(country, cities)| CountryParticipation {
            country: country.clone(),
            activities: activities_of.get(country.as_str()).copied().unwrap_or(0),
            cities: *cities,
        })
        .collect();
    by_country.sort_by(|a, b| a.country.cmp(&b.country));
    ParticipationReport {
        plan_id: tree.plan.id,
        rows,
        countries: by_country.iter().map(|c| c.country.clone()).collect(),
        cities: by_country.iter().map(|c| c.cities).sum(),
        activities_by_band: by_band,
        activities_with: with,
        by_country,
    }
}

/// Who took part in the plan's activities: countries, cities, organisations and kinds of
/// participant, per activity and in total, with the bands of 1, 2, 3, 4, 5 or more
/// countries. Only approved reports count; a city named twice counts once. JSON, or CSV with
/// `Accept: text/csv`.
#[guarded]
#[utoipa::path(
    tag = "monitoring",
    params(("id" = Uuid, Path), ScopeQuery),
    responses((status = 200, description = "The report: JSON, or its rows as CSV with `Accept: text/csv`", content((ParticipationReport = "application/json"), (String = "text/csv"))), GetErrors),
    security(("bearer" = [])),
)]
#[get("/plans/{id}/participation-report")]
pub async fn plan_participation(
    state: web::Data<AppState>,
    _auth: Guard<perm::RegistryRead>,
    req: HttpRequest,
    Ids(id): Ids<Uuid>,
    query: QueryParams<ScopeQuery>,
) -> ApiResult<HttpResponse> {
    let report = participation(&state.store, id, &Scoped::parse(&query.0)).await?;
    if !wants_csv(&req) {
        return Ok(HttpResponse::Ok().json(report));
    }
    let header_row = [
        "code",
        "title_es",
        "countries",
        "country_band",
        "cities",
        "organizations",
        "mercosur_institutions",
        "specific_groups",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    let rows = report
        .rows
        .iter()
        .map(|r| {
            vec![
                r.code.clone(),
                r.title.es.clone().unwrap_or_default(),
                r.countries.join("; "),
                r.country_band.unwrap_or_default().to_owned(),
                r.cities.to_string(),
                r.organizations.join("; "),
                r.mercosur_institutions.join("; "),
                r.specific_groups.join("; "),
            ]
        })
        .collect();
    csv_response(header_row, rows)
}

/// An activity behind a result.
#[derive(Debug, Serialize, ToSchema)]
pub struct ResultActivity {
    pub code: String,
    #[schema(value_type = super::Localized)]
    pub title: Text,
    #[schema(value_type = Option<super::closed::ResultStage>)]
    pub stage: Option<String>,
    pub achieved_on: Option<NaiveDate>,
    pub report_id: Uuid,
}

/// The results of one kind.
#[derive(Debug, Serialize, ToSchema)]
pub struct ResultKindRow {
    #[schema(value_type = super::closed::ResultKind)]
    pub kind: String,
    pub total: u64,
    /// Results by the stage reached (for work plans and projects).
    pub by_stage: BTreeMap<String, u64>,
    pub activities: Vec<ResultActivity>,
}

/// What came of the plan's activities: results by kind and stage, with the activities behind
/// them. Only approved reports count.
#[derive(Debug, Serialize, ToSchema)]
pub struct ResultsReport {
    pub plan_id: Uuid,
    pub kinds: Vec<ResultKindRow>,
}

pub fn results_report(tree: &PlanOutline, reports: &[ReportRecord]) -> ResultsReport {
    let titles: HashMap<Uuid, (&str, &Text)> = tree
        .nodes
        .iter()
        .map(|n| (n.id, (n.code.as_str(), &n.title)))
        .collect();
    let kinds = ResultKind::ALL
        .iter()
        .map(|kind| {
            let mut by_stage: BTreeMap<String, u64> = kind
                .ladder()
                .iter()
                .map(|s| (s.as_str().to_owned(), 0))
                .collect();
            let mut activities = Vec::new();
            for r in reports {
                for result in r.results.iter().filter(|x| x.kind == *kind) {
                    if let Some(stage) = result.stage {
                        *by_stage.entry(stage.as_str().to_owned()).or_default() += 1;
                    }
                    let (code, title) = titles.get(&r.node_id).copied().unwrap_or(("", &EMPTY));
                    activities.push(ResultActivity {
                        code: code.to_owned(),
                        title: title.clone(),
                        stage: result.stage.map(|s| s.as_str().to_owned()),
                        achieved_on: result.achieved_on,
                        report_id: r.id,
                    });
                }
            }
            ResultKindRow {
                kind: kind.as_str().to_owned(),
                total: activities.len() as u64,
                by_stage,
                activities,
            }
        })
        .collect();
    ResultsReport {
        plan_id: tree.plan.id,
        kinds,
    }
}

static EMPTY: Text = Text {
    es: None,
    pt: None,
    en: None,
};

/// Results by kind and stage, with the activities behind them. JSON, or CSV with
/// `Accept: text/csv` (one row per result).
#[guarded]
#[utoipa::path(
    tag = "monitoring",
    params(("id" = Uuid, Path), ScopeQuery),
    responses((status = 200, description = "The report: JSON, or one row per result as CSV with `Accept: text/csv`", content((ResultsReport = "application/json"), (String = "text/csv"))), GetErrors),
    security(("bearer" = [])),
)]
#[get("/plans/{id}/results-report")]
pub async fn plan_results(
    state: web::Data<AppState>,
    _auth: Guard<perm::RegistryRead>,
    req: HttpRequest,
    Ids(id): Ids<Uuid>,
    query: QueryParams<ScopeQuery>,
) -> ApiResult<HttpResponse> {
    let plan = id;
    let scoped = Scoped::parse(&query.0);
    let (tree, reports) = tokio::try_join!(scoped.outline(&state.store, plan), async {
        Ok(state.store.approved_reports(plan).await?)
    })?;
    let report = results_report(&tree, &reports_in(&tree, &scoped.scope, reports));
    if !wants_csv(&req) {
        return Ok(HttpResponse::Ok().json(report));
    }
    let header_row = [
        "kind",
        "stage",
        "activity_code",
        "title_es",
        "achieved_on",
        "report_id",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    let rows = report
        .kinds
        .iter()
        .flat_map(|k| {
            k.activities.iter().map(|a| {
                vec![
                    k.kind.clone(),
                    a.stage.clone().unwrap_or_default(),
                    a.code.clone(),
                    a.title.es.clone().unwrap_or_default(),
                    a.achieved_on.map(|d| d.to_string()).unwrap_or_default(),
                    a.report_id.to_string(),
                ]
            })
        })
        .collect();
    csv_response(header_row, rows)
}
