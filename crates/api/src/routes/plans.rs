//! Work plans: the tree of a plan, and the plan document that carries a plan in and out (JSON
//! or YAML).

use super::{GetErrors, ListErrors, Page, check, optional};
use crate::error::{ApiError, ApiResult};
use crate::extract::{Body, Ids, QueryParams, declared_length, read_body};
use crate::formats::{self, Format};
use crate::guard::{Cx, Guard, OnPlan, Resolved, Target, perm};
use crate::problem::ProblemCode;
use crate::state::AppState;
use actix_web::{HttpRequest, HttpResponse, delete, get, post, put, web};
use mercociudades_domain::FieldError;
use mercociudades_domain::access::{Action, Resource};
use mercociudades_domain::ids::{BodyId, NodeId, PlanId};
use mercociudades_domain::plan::coverage as served;
use mercociudades_domain::plan::{PlanDocument, PlanStatus, PlanTree, Text};
use mercociudades_domain::validation::codes;
use mercociudades_macros::guarded;
use mercociudades_persistence::repositories::PlanFilter;
use utoipa::ToSchema;
use uuid::Uuid;

pub(super) use super::plan_documents::{check_references, reference_errors};
pub use super::plan_documents::{parse_document, resolve};
pub(super) use super::plan_views::node_out;
pub use super::plan_views::{
    CoverageItem, CoverageOut, DiffOut, PlanNodeOut, PlanOut, PlanOwnerOut, PlanTreeOut,
    RevisionOut, ServingActivity, plan_out, tree_out,
};

/// Largest plan document accepted, in bytes.
pub const DOCUMENT_LIMIT: usize = 10 * 1024 * 1024;

super::list_query!(
    /// Filters of the plan list.
    PlanQuery {
        /// Plans of this body.
        #[param(value_type = Option<Uuid>)]
        owner_body_id,
        #[param(value_type = Option<super::closed::PlanStatus>)]
        status,
    }
);

/// Lists work plans, newest period first.
#[guarded]
#[utoipa::path(
    tag = "plans",
    params(PlanQuery),
    responses((status = 200, body = Page<PlanOut>), ListErrors),
    security(("bearer" = [])),
)]
#[get("/plans")]
pub async fn list(
    state: web::Data<AppState>,
    _auth: Guard<perm::RegistryRead>,
    query: QueryParams<PlanQuery>,
) -> ApiResult<HttpResponse> {
    let q = query.0;
    let mut errors = Vec::new();
    let page = q.listing().page_only(&mut errors);
    let filter = PlanFilter {
        owner: optional(&mut errors, q.owner_body_id.as_deref(), |b| {
            super::bodies::uuid_field("owner_body_id", b).map(BodyId)
        }),
        status: optional(&mut errors, q.status.as_deref(), |s| {
            PlanStatus::parse("status", s)
        }),
    };
    check(errors)?;
    let plans = state.store.list_plans(&filter, page).await?;
    Ok(HttpResponse::Ok().json(Page::from(plans, plan_out)))
}

/// A plan with its whole tree, in one request.
#[guarded]
#[utoipa::path(
    tag = "plans",
    params(("id" = Uuid, Path)),
    responses((status = 200, body = PlanTreeOut, headers(("ETag" = String))), GetErrors),
    security(("bearer" = [])),
)]
#[get("/plans/{id}")]
pub async fn get(
    state: web::Data<AppState>,
    _auth: Guard<perm::RegistryRead>,
    Ids(id): Ids<PlanId>,
) -> ApiResult<HttpResponse> {
    let tree = state.store.plan_tree(id).await?;
    let version = tree.plan.version;
    Ok(super::with_etag(version, &tree_out(tree)))
}

/// The plan as a plan document: JSON, or YAML with `Accept: application/yaml`. Importing it
/// gives back the same document.
#[guarded]
#[utoipa::path(
    tag = "plans",
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, description = "The plan document", content(
            (super::schemas::PlanDocument = "application/json"),
            (String = "application/yaml")
        )),
        GetErrors
    ),
    security(("bearer" = [])),
)]
#[get("/plans/{id}/document")]
pub async fn export(
    state: web::Data<AppState>,
    _auth: Guard<perm::RegistryRead>,
    req: HttpRequest,
    Ids(id): Ids<PlanId>,
) -> ApiResult<HttpResponse> {
    let tree = state.store.plan_tree(id).await?;
    let document = tree.document();
    if formats::accepts(&req, Format::Yaml) {
        formats::yaml(&document)
    } else {
        Ok(HttpResponse::Ok()
            .content_type("application/json")
            .body(document.to_json()))
    }
}

/// A plan document read from the request's body (JSON or YAML), with the body it names as
/// owner: only someone who may import plans learns what is wrong with a document (the guard's
/// first check), and then `plan:edit` on that body's plans decides.
pub struct ImportedPlan {
    pub document: PlanDocument,
    pub owner: BodyId,
}

impl Target for ImportedPlan {
    const READS_BODY: bool = true;

    fn resolve(mut cx: Cx) -> Resolved<Self> {
        Box::pin(async move {
            let yaml = match formats::sent(&cx.req) {
                Some(Format::Yaml) => true,
                Some(Format::Json) => false,
                _ => {
                    return Err(ApiError::new(
                        ProblemCode::UnsupportedMediaType,
                        "unsupported_media_type_document",
                    ));
                }
            };
            let declared = declared_length(&cx.req);
            let bytes = read_body(cx.payload.take(), declared, DOCUMENT_LIMIT).await?;
            // A large document is parsed off the async workers, which keep answering.
            let document = web::block(move || parse_document(&bytes, yaml))
                .await
                .map_err(ApiError::internal)??;
            let owner = resolve(&cx.state.store, &document).await?;
            let body = cx.state.store.get_body(owner).await?;
            let checks = vec![(Action::PlanEdit, Resource::plan(owner, body.value.kind))];
            Ok((ImportedPlan { document, owner }, checks))
        })
    }
}

/// Imports a plan document (JSON, or YAML with `Content-Type: application/yaml`) as a new
/// draft plan of the body it names: `plan:import` lets the caller send it, then `plan:edit` on
/// that body's plans decides. Nothing is written when anything in it is wrong; every error
/// names its place in the document.
#[guarded]
#[utoipa::path(
    tag = "plans",
    request_body(content(
        (super::schemas::PlanDocument = "application/json"),
        (String = "application/yaml")
    ), description = "A plan document (see the README)"),
    responses((status = 201, body = PlanOut, headers(("ETag" = String), ("Location" = String))), super::CreateErrors),
    security(("bearer" = [])),
)]
#[post("/plans/import")]
pub async fn import(
    state: web::Data<AppState>,
    auth: Guard<perm::PlanImport, ImportedPlan>,
) -> ApiResult<HttpResponse> {
    let ImportedPlan {
        ref document,
        owner,
    } = auth.target;
    let plan = state.store.import_plan(&auth.who, document, owner).await?;
    let location = format!("/api/v1/plans/{}", plan.id);
    let version = plan.version;
    Ok(super::created(location, version, &plan_out(plan)))
}

// ---------------------------------------------------------------------------------------------
// The plan's life, its revisions, and edits to its tree

/// The Summit or Board meeting that approves a plan, and its date.
#[derive(Debug, serde::Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ApprovalIn {
    /// `XVI Cumbre de Mercociudades, Montevideo`
    #[schema(value_type = String, format = "text", max_length = 500, required = true)]
    pub meeting: Option<String>,
    /// YYYY-MM-DD
    #[schema(value_type = String, format = Date, required = true)]
    pub approved_on: Option<String>,
}

#[derive(Debug, serde::Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StatusIn {
    #[schema(value_type = super::closed::ActivityStatus, required = true)]
    pub status: Option<String>,
}

async fn move_plan(
    state: &AppState,
    auth: &Guard<perm::PlanApprove, OnPlan>,
    if_match: crate::extract::IfMatch,
    step: mercociudades_persistence::repositories::PlanMove,
) -> ApiResult<HttpResponse> {
    let id = auth.target.0.id;
    let plan = state
        .store
        .move_plan(&auth.who, id.0, if_match.0, step)
        .await?;
    let version = plan.version;
    Ok(super::with_etag(version, &plan_out(plan)))
}

/// Approves a draft plan, recording the Summit or Board meeting and its date. The approved
/// document is kept as a revision.
#[guarded]
#[utoipa::path(
    tag = "plans",
    params(("id" = Uuid, Path), ("If-Match" = String, Header)),
    request_body = ApprovalIn,
    responses((status = 200, body = PlanOut, headers(("ETag" = String))), super::UpdateErrors),
    security(("bearer" = [])),
)]
#[post("/plans/{id}/approve")]
pub async fn approve(
    state: web::Data<AppState>,
    auth: Guard<perm::PlanApprove, OnPlan>,
    if_match: crate::extract::IfMatch,
    body: crate::extract::JsonBody<ApprovalIn>,
) -> ApiResult<HttpResponse> {
    let mut errors = mercociudades_domain::ValidationErrors::new();
    let meeting = errors.take(
        super::required("meeting", &body.0.meeting)
            .and_then(|m| mercociudades_domain::validation::bounded_text("meeting", m, 500)),
    );
    let on = errors.take(
        super::required("approved_on", &body.0.approved_on)
            .and_then(|d| mercociudades_domain::listing::parse_date("approved_on", d)),
    );
    let (meeting, on) = errors.finish(|| Some((meeting?, on?)))?;
    move_plan(
        &state,
        &auth,
        if_match,
        mercociudades_persistence::repositories::PlanMove::Approve { meeting, on },
    )
    .await
}

/// A step of a plan's life that takes nothing but the plan's version.
macro_rules! plan_step {
    ($(#[doc = $doc:literal])* $fn:ident, $path:literal, $step:ident) => {
        $(#[doc = $doc])*
        #[guarded]
        #[utoipa::path(
            tag = "plans",
            params(("id" = Uuid, Path), ("If-Match" = String, Header)),
            responses((status = 200, body = PlanOut, headers(("ETag" = String))), super::UpdateErrors),
            security(("bearer" = [])),
        )]
        #[post($path)]
        pub async fn $fn(
            state: web::Data<AppState>,
            auth: Guard<perm::PlanApprove, OnPlan>,
            if_match: crate::extract::IfMatch,
        ) -> ApiResult<HttpResponse> {
            use mercociudades_persistence::repositories::PlanMove;
            move_plan(&state, &auth, if_match, PlanMove::$step).await
        }
    };
}

plan_step!(
    /// Puts an approved plan in execution.
    start,
    "/plans/{id}/start",
    Start
);
plan_step!(
    /// Closes a plan.
    close,
    "/plans/{id}/close",
    Close
);
plan_step!(
    /// Opens a new revision of an approved plan: it becomes a draft again, to be edited and
    /// approved anew. The approved revisions are kept.
    revise,
    "/plans/{id}/revisions",
    Revise
);

/// The approved revisions of a plan.
#[guarded]
#[utoipa::path(
    tag = "plans",
    params(("id" = Uuid, Path)),
    responses((status = 200, body = Vec<RevisionOut>), GetErrors),
    security(("bearer" = [])),
)]
#[get("/plans/{id}/revisions")]
pub async fn revisions(
    state: web::Data<AppState>,
    _auth: Guard<perm::RegistryRead>,
    Ids(id): Ids<PlanId>,
) -> ApiResult<HttpResponse> {
    let kept = state.store.plan_revisions(id).await?;
    let out: Vec<RevisionOut> = kept
        .into_iter()
        .map(|r| RevisionOut {
            revision: r.revision,
            approved_by_meeting: r.approved_by_meeting,
            approved_on: r.approved_on,
            created_at: r.created_at,
        })
        .collect();
    Ok(HttpResponse::Ok().json(out))
}

/// What changed from revision `a` to revision `b`; `current` names the plan as it is now.
#[guarded]
#[utoipa::path(
    tag = "plans",
    params(("id" = Uuid, Path), ("a" = String, Path, description = "A revision number or `current`"), ("b" = String, Path, description = "A revision number or `current`")),
    responses((status = 200, body = DiffOut), GetErrors),
    security(("bearer" = [])),
)]
#[get("/plans/{id}/revisions/{a}/diff/{b}")]
pub async fn diff(
    state: web::Data<AppState>,
    _auth: Guard<perm::RegistryRead>,
    Ids((id, a, b)): Ids<(PlanId, String, String)>,
) -> ApiResult<HttpResponse> {
    let kept = state.store.plan_revisions(id).await?;
    let mut current = None;
    let mut pick = async |name: &str| -> ApiResult<PlanDocument> {
        if name == "current" {
            if current.is_none() {
                current = Some(state.store.plan_tree(id).await?.document());
            }
            return current.clone().ok_or_else(ApiError::not_found);
        }
        let n: i32 = name.parse().map_err(|_| ApiError::not_found())?;
        kept.iter()
            .find(|r| r.revision == n)
            .map(|r| r.document.clone())
            .ok_or_else(ApiError::not_found)
    };
    let before = pick(&a).await?;
    let after = pick(&b).await?;
    Ok(HttpResponse::Ok().json(DiffOut {
        from: a,
        to: b,
        diff: mercociudades_domain::plan::diff(&before, &after),
    }))
}

fn check_node_input(
    tree: &PlanTree,
    node: mercociudades_domain::plan::NodeDoc,
    parent: Option<mercociudades_domain::plan::NodeKind>,
) -> ApiResult<mercociudades_domain::plan::NodeDoc> {
    if !node.children.is_empty() {
        return Err(FieldError::new("children", codes::NOT_ALLOWED).into());
    }
    let strategic = tree
        .strategic_plan
        .as_ref()
        .map(|s| s.codes())
        .unwrap_or_default();
    mercociudades_domain::plan::validate_node(node, parent, &strategic).map_err(ApiError::from)
}

async fn add_node(
    state: &AppState,
    auth: &Guard<perm::PlanEdit, OnPlan>,
    parent: Option<Uuid>,
    body: &[u8],
) -> ApiResult<HttpResponse> {
    let plan = auth.target.0.id;
    let tree = state.store.plan_tree(plan).await?;
    let parent_kind = match parent {
        Some(p) => Some(
            tree.nodes
                .iter()
                .find(|n| n.id == NodeId(p))
                .ok_or_else(ApiError::not_found)?
                .kind,
        ),
        None => None,
    };
    let node = check_node_input(&tree, crate::extract::parse_json(body)?, parent_kind)?;
    check_references(state, &node).await?;
    let created = state
        .store
        .create_node(&auth.who, plan.0, parent, &node)
        .await?;
    let location = format!("/api/v1/plans/{plan}/nodes/{}", created.id);
    let version = created.version;
    Ok(super::created(location, version, &node_out(created)))
}

/// Adds a top-level node (a dimension) to a draft plan.
#[guarded]
#[utoipa::path(
    tag = "plans",
    params(("id" = Uuid, Path)),
    request_body(content = super::schemas::NodeData, description = "A node as in the plan document, without children"),
    responses((status = 201, body = PlanNodeOut, headers(("ETag" = String), ("Location" = String))), super::CreateErrors),
    security(("bearer" = [])),
)]
#[post("/plans/{id}/nodes")]
pub async fn add_root(
    state: web::Data<AppState>,
    auth: Guard<perm::PlanEdit, OnPlan>,
    Body(body): Body,
) -> ApiResult<HttpResponse> {
    add_node(&state, &auth, None, &body).await
}

/// Adds a node under another node of a draft plan, last among its siblings.
#[guarded]
#[utoipa::path(
    tag = "plans",
    params(("id" = Uuid, Path), ("node_id" = Uuid, Path, description = "The parent node")),
    request_body(content = super::schemas::NodeData, description = "A node as in the plan document, without children"),
    responses((status = 201, body = PlanNodeOut, headers(("ETag" = String), ("Location" = String))), super::CreateErrors),
    security(("bearer" = [])),
)]
#[post("/plans/{id}/nodes/{node_id}/children")]
pub async fn add_child(
    state: web::Data<AppState>,
    auth: Guard<perm::PlanEdit, OnPlan>,
    Ids((_plan, parent)): Ids<(Uuid, Uuid)>,
    Body(body): Body,
) -> ApiResult<HttpResponse> {
    add_node(&state, &auth, Some(parent), &body).await
}

/// Replaces a node's content in a draft plan.
#[guarded]
#[utoipa::path(
    tag = "plans",
    params(("id" = Uuid, Path), ("node_id" = Uuid, Path), ("If-Match" = String, Header)),
    request_body(content = super::schemas::NodeData, description = "A node as in the plan document, without children"),
    responses((status = 200, body = PlanNodeOut, headers(("ETag" = String))), super::UpdateErrors),
    security(("bearer" = [])),
)]
#[put("/plans/{id}/nodes/{node_id}")]
pub async fn update_node(
    state: web::Data<AppState>,
    auth: Guard<perm::PlanEdit, OnPlan>,
    Ids((plan, node_id)): Ids<(Uuid, Uuid)>,
    if_match: crate::extract::IfMatch,
    Body(body): Body,
) -> ApiResult<HttpResponse> {
    let tree = state.store.plan_tree(PlanId(plan)).await?;
    let current = tree
        .nodes
        .iter()
        .find(|n| n.id == NodeId(node_id))
        .ok_or_else(ApiError::not_found)?;
    let parent_kind = current
        .parent
        .and_then(|p| tree.nodes.iter().find(|n| n.id == p))
        .map(|n| n.kind);
    let node = check_node_input(&tree, crate::extract::parse_json(&body)?, parent_kind)?;
    check_references(&state, &node).await?;
    let updated = state
        .store
        .update_node(&auth.who, plan, node_id, if_match.0, &node)
        .await?;
    let version = updated.version;
    Ok(super::with_etag(version, &node_out(updated)))
}

/// Deletes a node, with everything under it, from a draft plan.
#[guarded]
#[utoipa::path(
    tag = "plans",
    params(("id" = Uuid, Path), ("node_id" = Uuid, Path), ("If-Match" = String, Header)),
    responses((status = 204), super::DeleteErrors),
    security(("bearer" = [])),
)]
#[delete("/plans/{id}/nodes/{node_id}")]
pub async fn delete_node(
    state: web::Data<AppState>,
    auth: Guard<perm::PlanEdit, OnPlan>,
    Ids((plan, node)): Ids<(Uuid, Uuid)>,
    if_match: crate::extract::IfMatch,
) -> ApiResult<HttpResponse> {
    state
        .store
        .delete_node(&auth.who, plan, node, if_match.0)
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Records where an activity stands (`planned` → `in_progress` → `done`, …); legal
/// transitions only. Allowed while the plan is executed.
#[guarded]
#[utoipa::path(
    tag = "plans",
    params(("id" = Uuid, Path), ("node_id" = Uuid, Path), ("If-Match" = String, Header)),
    request_body = StatusIn,
    responses((status = 200, body = PlanNodeOut, headers(("ETag" = String))), super::UpdateErrors),
    security(("bearer" = [])),
)]
#[put("/plans/{id}/nodes/{node_id}/status")]
pub async fn set_status(
    state: web::Data<AppState>,
    auth: Guard<perm::PlanEdit, OnPlan>,
    Ids((plan, node)): Ids<(Uuid, Uuid)>,
    if_match: crate::extract::IfMatch,
    body: crate::extract::JsonBody<StatusIn>,
) -> ApiResult<HttpResponse> {
    let status = super::required("status", &body.0.status)
        .and_then(|s| mercociudades_domain::plan::ActivityStatus::parse("status", s))?;
    let node = state
        .store
        .set_activity_status(&auth.who, plan, node, if_match.0, status)
        .await?;
    let version = node.version;
    Ok(super::with_etag(version, &node_out(node)))
}

/// Coverage of the strategic plan and of the plan's axes.
#[guarded]
#[utoipa::path(
    tag = "plans",
    params(("id" = Uuid, Path)),
    responses((status = 200, body = CoverageOut), GetErrors),
    security(("bearer" = [])),
)]
#[get("/plans/{id}/coverage")]
pub async fn coverage(
    state: web::Data<AppState>,
    _auth: Guard<perm::RegistryRead>,
    Ids(id): Ids<PlanId>,
) -> ApiResult<HttpResponse> {
    let tree = state.store.plan_tree(id).await?;
    let contributions = state.store.contributions().await?;
    let covered = served::coverage(&tree, &contributions);
    Ok(HttpResponse::Ok().json(CoverageOut::from(covered)))
}

/// A plan's title, presentation and period.
#[derive(Debug, serde::Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanMetaIn {
    #[schema(value_type = super::Localized, required = true)]
    pub title: Option<super::Localized>,
    pub presentation: Option<super::Localized>,
    /// YYYY-MM-DD
    #[schema(value_type = String, format = Date, required = true)]
    pub starts_on: Option<String>,
    /// YYYY-MM-DD, not before `starts_on`.
    #[schema(value_type = String, format = Date, required = true)]
    pub ends_on: Option<String>,
}

/// Replaces a draft plan's title, presentation and period.
#[guarded]
#[utoipa::path(
    tag = "plans",
    params(("id" = Uuid, Path), ("If-Match" = String, Header)),
    request_body = PlanMetaIn,
    responses((status = 200, body = PlanOut, headers(("ETag" = String))), super::UpdateErrors),
    security(("bearer" = [])),
)]
#[put("/plans/{id}")]
pub async fn update(
    state: web::Data<AppState>,
    auth: Guard<perm::PlanEdit, OnPlan>,
    if_match: crate::extract::IfMatch,
    body: crate::extract::JsonBody<PlanMetaIn>,
) -> ApiResult<HttpResponse> {
    let id = auth.target.0.id;
    let input = body.0;
    let mut errors = mercociudades_domain::ValidationErrors::new();
    let title = errors.take(
        super::required("title", &input.title)
            .and_then(|t| t.parse("title", mercociudades_domain::plan::TITLE_MAX)),
    );
    let presentation = errors.take(match &input.presentation {
        Some(p) if p.es.is_some() || p.pt.is_some() || p.en.is_some() => p
            .parse("presentation", mercociudades_domain::plan::TEXT_MAX)
            .map(Some),
        _ => Ok(None),
    });
    let starts_on = errors.take(
        super::required("starts_on", &input.starts_on)
            .and_then(|d| mercociudades_domain::listing::parse_date("starts_on", d)),
    );
    let ends_on = errors.take(
        super::required("ends_on", &input.ends_on)
            .and_then(|d| mercociudades_domain::listing::parse_date("ends_on", d)),
    );
    if let (Some(s), Some(e)) = (starts_on, ends_on)
        && e < s
    {
        errors.push(FieldError::new("ends_on", codes::DATE_ORDER).with("starts_on", s));
    }
    let (title, presentation, starts_on, ends_on) =
        errors.finish(|| Some((title?, presentation?, starts_on?, ends_on?)))?;
    let meta = mercociudades_persistence::repositories::PlanMeta {
        title: Text::from(&title),
        presentation: presentation.as_ref().map(Text::from),
        starts_on,
        ends_on,
    };
    let plan = state
        .store
        .update_plan(&auth.who, id.0, if_match.0, &meta)
        .await?;
    let version = plan.version;
    Ok(super::with_etag(version, &plan_out(plan)))
}

/// Deletes a draft plan that was never approved.
#[guarded]
#[utoipa::path(
    tag = "plans",
    params(("id" = Uuid, Path), ("If-Match" = String, Header)),
    responses((status = 204), super::DeleteErrors),
    security(("bearer" = [])),
)]
#[delete("/plans/{id}")]
pub async fn remove(
    state: web::Data<AppState>,
    auth: Guard<perm::PlanEdit, OnPlan>,
    if_match: crate::extract::IfMatch,
) -> ApiResult<HttpResponse> {
    let id = auth.target.0.id;
    state.store.delete_plan(&auth.who, id.0, if_match.0).await?;
    Ok(HttpResponse::NoContent().finish())
}
