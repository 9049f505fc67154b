//! The public, read-only transparency view: approved plans and their execution, without
//! login. Drafts and everything else stay behind authentication.

use super::PublicErrors;
use crate::error::{ApiError, ApiResult};
use crate::extract::Ids;
use crate::guard::Public;
use crate::state::AppState;
use actix_web::{HttpResponse, get, web};
use mercociudades_domain::ids::PlanId;
use mercociudades_domain::listing::PageRequest;
use mercociudades_domain::plan::{PlanStatus, PlanTree};
use mercociudades_macros::guarded;
use mercociudades_persistence::repositories::PlanFilter;
use uuid::Uuid;

async fn published(state: &AppState, id: Uuid) -> ApiResult<PlanTree> {
    let tree = state.store.plan_tree(PlanId(id)).await?;
    // A plan never approved does not exist for the public.
    if tree.plan.never_approved() {
        return Err(ApiError::not_found());
    }
    Ok(tree)
}

/// The approved plans of the network (approved, in execution or closed), newest first.
#[guarded]
#[utoipa::path(
    tag = "public",
    responses((status = 200, body = Vec<super::plans::PlanOut>), PublicErrors),
)]
#[get("/public/plans")]
pub async fn plans(_public: Public, state: web::Data<AppState>) -> ApiResult<HttpResponse> {
    let mut out = Vec::new();
    for status in [
        PlanStatus::InExecution,
        PlanStatus::Approved,
        PlanStatus::Closed,
    ] {
        let filter = PlanFilter {
            status: Some(status),
            ..Default::default()
        };
        let page = state
            .store
            .list_plans(&filter, PageRequest::first(PageRequest::MAX_PER_PAGE))
            .await?;
        out.extend(page.items.into_iter().map(super::plans::plan_out));
    }
    out.sort_by_key(|p| std::cmp::Reverse(p.starts_on));
    Ok(HttpResponse::Ok().json(out))
}

/// An approved plan with its tree. A plan under revision shows its approved document.
#[guarded]
#[utoipa::path(
    tag = "public",
    params(("id" = Uuid, Path)),
    responses((status = 200, description = "The approved plan document", body = super::schemas::PlanDocument), (status = 404, description = "No approved plan with this id"), PublicErrors),
)]
#[get("/public/plans/{id}")]
pub async fn plan(
    _public: Public,
    state: web::Data<AppState>,
    Ids(id): Ids<Uuid>,
) -> ApiResult<HttpResponse> {
    let tree = published(&state, id).await?;
    let document = if tree.plan.status == PlanStatus::Draft {
        // Under revision: the last approved revision is what was approved.
        let kept = state.store.plan_revisions(tree.plan.id).await?;
        kept.into_iter()
            .last()
            .map(|r| r.document)
            .ok_or_else(ApiError::not_found)?
    } else {
        tree.document()
    };
    Ok(HttpResponse::Ok()
        .content_type("application/json")
        .body(document.to_json()))
}

/// The execution report of an approved plan.
#[guarded]
#[utoipa::path(
    tag = "public",
    params(("id" = Uuid, Path)),
    responses((status = 200, body = super::reports::ExecutionReport), (status = 404, description = "No approved plan with this id"), PublicErrors),
)]
#[get("/public/plans/{id}/execution-report")]
pub async fn execution(
    _public: Public,
    state: web::Data<AppState>,
    Ids(id): Ids<Uuid>,
) -> ApiResult<HttpResponse> {
    let report = super::reports::execution_if(
        &state.store,
        PlanId(id),
        &super::reports::Scoped::parse(&Default::default()),
        |record| !record.never_approved(),
    )
    .await?;
    Ok(HttpResponse::Ok().json(report))
}
