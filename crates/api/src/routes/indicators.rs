//! Measurable indicators on objectives and activities (as in the IATI results standard), and
//! their roll-up to objective, policy and plan.

use super::{GetErrors, with_etag};
use crate::error::ApiResult;
use crate::extract::{Body, Ids, IfMatch};
use crate::guard::{Guard, OnIndicator, OnPlan, perm};
use crate::state::AppState;
use actix_web::{HttpResponse, delete, get, post, put, web};
use chrono::{DateTime, Utc};
use mercociudades_domain::ids::{IndicatorId, NodeId, PlanId};
use mercociudades_domain::monitoring::{
    IndicatorDoc, IndicatorRecord, Measure, RollUp, plan_roll_ups,
};
use mercociudades_domain::plan::{PlanTree, Text};
use mercociudades_macros::guarded;
use serde::Serialize;
use std::collections::HashMap;
use utoipa::ToSchema;
use uuid::Uuid;

/// An indicator.
#[derive(Debug, Serialize, ToSchema)]
pub struct IndicatorOut {
    pub id: Uuid,
    pub plan_id: Uuid,
    pub node_id: Uuid,
    pub node_code: String,
    /// Title, measure (`unit`, `percentage`, `yes_no`, `qualitative`), ascending, baseline
    /// and periods with target, actual, evidence and disaggregations.
    #[serde(flatten)]
    #[schema(value_type = super::schemas::IndicatorData)]
    pub indicator: IndicatorDoc,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// The indicators of one part of the plan, added up by measure.
#[derive(Debug, Serialize, ToSchema)]
pub struct RollUpOut {
    /// `objective`, `policy` or `plan`.
    pub level: String,
    pub code: String,
    #[schema(value_type = super::Localized)]
    pub title: Text,
    /// One roll-up per measure, each with its formula and weights.
    #[schema(value_type = Vec<super::schemas::RollUp>)]
    pub measures: Vec<RollUp>,
}

/// A plan's indicators and their roll-ups (each indicator counts with its latest period).
#[derive(Debug, Serialize, ToSchema)]
pub struct IndicatorsOut {
    pub indicators: Vec<IndicatorOut>,
    pub roll_ups: Vec<RollUpOut>,
}

fn out(r: IndicatorRecord, codes: &HashMap<NodeId, String>) -> IndicatorOut {
    IndicatorOut {
        id: r.id.0,
        plan_id: r.plan_id.0,
        node_id: r.node_id.0,
        node_code: codes.get(&r.node_id).cloned().unwrap_or_default(),
        indicator: r.indicator,
        version: r.version,
        created_at: r.created_at,
        updated_at: r.updated_at,
    }
}

fn parse(body: &[u8]) -> ApiResult<(IndicatorDoc, Measure)> {
    let indicator: IndicatorDoc = crate::extract::parse_json(body)?;
    let measure = indicator.validate()?;
    Ok((indicator, measure))
}

fn codes(tree: &PlanTree) -> HashMap<NodeId, String> {
    tree.nodes.iter().map(|n| (n.id, n.code.clone())).collect()
}

/// Adds a measurable indicator to an objective or activity.
#[guarded]
#[utoipa::path(
    tag = "monitoring",
    params(("id" = Uuid, Path), ("node_id" = Uuid, Path)),
    request_body(content = super::schemas::IndicatorData, description = "The indicator: its title, measure, whether more is better, baseline and periods"),
    responses((status = 201, body = IndicatorOut, headers(("ETag" = String), ("Location" = String))), super::CreateErrors),
    security(("bearer" = [])),
)]
#[post("/plans/{id}/nodes/{node_id}/indicators")]
pub async fn create_indicator(
    state: web::Data<AppState>,
    auth: Guard<perm::PlanEdit, OnPlan>,
    Ids((plan, node)): Ids<(Uuid, Uuid)>,
    Body(body): Body,
) -> ApiResult<HttpResponse> {
    let tree = state.store.plan_tree(PlanId(plan)).await?;
    let (indicator, measure) = parse(&body)?;
    let record = state
        .store
        .create_indicator(&auth.who, plan, node, measure, &indicator)
        .await?;
    let (id, version) = (record.id, record.version);
    Ok(super::created(
        format!("/api/v1/indicators/{id}"),
        version,
        &out(record, &codes(&tree)),
    ))
}

/// Replaces an indicator (targets while planning, actuals while executing).
#[guarded]
#[utoipa::path(
    tag = "monitoring",
    params(("id" = Uuid, Path), ("If-Match" = String, Header)),
    request_body(content = super::schemas::IndicatorData, description = "The indicator, as when it was added"),
    responses((status = 200, body = IndicatorOut, headers(("ETag" = String))), super::UpdateErrors),
    security(("bearer" = [])),
)]
#[put("/indicators/{id}")]
pub async fn update_indicator(
    state: web::Data<AppState>,
    auth: Guard<perm::PlanEdit, OnIndicator>,
    if_match: IfMatch,
    Body(body): Body,
) -> ApiResult<HttpResponse> {
    let id = auth.target.indicator.id;
    let tree = state.store.plan_tree(auth.target.plan.id).await?;
    let (indicator, measure) = parse(&body)?;
    let record = state
        .store
        .update_indicator(&auth.who, id.0, if_match.0, measure, &indicator)
        .await?;
    let version = record.version;
    Ok(with_etag(version, &out(record, &codes(&tree))))
}

/// Deletes an indicator.
#[guarded]
#[utoipa::path(
    tag = "monitoring",
    params(("id" = Uuid, Path), ("If-Match" = String, Header)),
    responses((status = 204), super::DeleteErrors),
    security(("bearer" = [])),
)]
#[delete("/indicators/{id}")]
pub async fn delete_indicator(
    state: web::Data<AppState>,
    auth: Guard<perm::PlanEdit, OnIndicator>,
    if_match: IfMatch,
) -> ApiResult<HttpResponse> {
    let id = auth.target.indicator.id;
    state
        .store
        .delete_indicator(&auth.who, id.0, if_match.0)
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// A plan's indicators, rolled up to each objective, each policy and the plan, with the
/// formula and weights of every roll-up.
#[guarded]
#[utoipa::path(
    tag = "monitoring",
    params(("id" = Uuid, Path)),
    responses((status = 200, body = IndicatorsOut), GetErrors),
    security(("bearer" = [])),
)]
#[get("/plans/{id}/indicators")]
pub async fn plan_indicators(
    state: web::Data<AppState>,
    _auth: Guard<perm::RegistryRead>,
    Ids(id): Ids<Uuid>,
) -> ApiResult<HttpResponse> {
    let plan = PlanId(id);
    let outline = state.store.plan_outline(plan).await?;
    let all = state.store.plan_indicators(plan).await?;
    let roll_ups = plan_roll_ups(&outline, &all)
        .into_iter()
        .map(|r| RollUpOut {
            level: r.level.as_str().to_owned(),
            code: r.code,
            title: r.title,
            measures: r.measures,
        })
        .collect();
    let codes = outline
        .nodes
        .iter()
        .map(|n| (n.id, n.code.clone()))
        .collect();
    let indicators = all.into_iter().map(|i| out(i, &codes)).collect();
    Ok(HttpResponse::Ok().json(IndicatorsOut {
        indicators,
        roll_ups,
    }))
}

/// One indicator.
#[guarded]
#[utoipa::path(
    tag = "monitoring",
    params(("id" = Uuid, Path)),
    responses((status = 200, body = IndicatorOut, headers(("ETag" = String))), GetErrors),
    security(("bearer" = [])),
)]
#[get("/indicators/{id}")]
pub async fn get_indicator(
    state: web::Data<AppState>,
    _auth: Guard<perm::RegistryRead>,
    Ids(id): Ids<Uuid>,
) -> ApiResult<HttpResponse> {
    let record = state.store.get_indicator(IndicatorId(id)).await?;
    let tree = state.store.plan_tree(record.plan_id).await?;
    let version = record.version;
    Ok(with_etag(version, &out(record, &codes(&tree))))
}
