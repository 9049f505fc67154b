//! Terms: which city holds, coordinates or sub-coordinates a body, in which period.

use super::bodies::uuid_field;
use super::{
    CreateErrors, DeleteErrors, GetErrors, ListErrors, Localized, Page, UpdateErrors, check,
    created, optional, required, with_etag,
};
use crate::error::ApiResult;
use crate::extract::{Ids, IfMatch, JsonBody, QueryParams};
use crate::guard::{Guard, perm};
use crate::state::AppState;
use actix_web::{HttpResponse, delete, get, post, put, web};
use chrono::{DateTime, NaiveDate, Utc};
use mercociudades_domain::ids::{BodyId, CityId, TermId};
use mercociudades_domain::listing::{Sort, parse_date};
use mercociudades_domain::registry::{BodyKind, Period, Term, TermRole};
use mercociudades_domain::validation::{ValidationErrors, bounded_text};
use mercociudades_macros::guarded;
use mercociudades_persistence::repositories::TermView;
use mercociudades_persistence::repositories::{TermFilter, TermSort};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

/// A term.
#[derive(Debug, Serialize, ToSchema)]
pub struct TermOut {
    pub id: Uuid,
    pub body_id: Uuid,
    pub body_name: Localized,
    #[schema(value_type = super::closed::BodyKind)]
    pub body_kind: BodyKind,
    pub city_id: Uuid,
    pub city_name: String,
    /// `holder` for secretariats and the Summit's host.
    #[schema(value_type = super::closed::TermRole)]
    pub role: TermRole,
    pub starts_on: NaiveDate,
    /// Last day of the term; absent while open-ended.
    pub ends_on: Option<NaiveDate>,
    pub note: Option<String>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A term to create or replace.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TermIn {
    #[schema(value_type = String, format = Uuid, required = true)]
    pub body_id: Option<String>,
    #[schema(value_type = String, format = Uuid, required = true)]
    pub city_id: Option<String>,
    #[schema(value_type = super::closed::TermRole, required = true)]
    pub role: Option<String>,
    /// First day (YYYY-MM-DD).
    #[schema(value_type = String, format = Date, required = true)]
    pub starts_on: Option<String>,
    /// Last day (YYYY-MM-DD), not before `starts_on`; omit while open-ended.
    #[schema(value_type = Option<String>, format = Date)]
    pub ends_on: Option<String>,
    pub note: Option<String>,
}

super::list_query!(
    /// Filters of the term list.
    TermQuery sorted by "^(-?(starts_on|updated_at))?$" {
        #[param(value_type = Option<Uuid>)]
        body_id,
        #[param(value_type = Option<Uuid>)]
        city_id,
        #[param(value_type = Option<super::closed::TermRole>)]
        role,
        /// Only terms in force on this day (YYYY-MM-DD).
        #[param(value_type = Option<NaiveDate>)]
        on,
    }
);

fn out(v: TermView) -> TermOut {
    let t = v.term;
    TermOut {
        id: t.id.0,
        body_id: t.value.body.0,
        body_name: (&v.body_name).into(),
        body_kind: v.body_kind,
        city_id: t.value.city.0,
        city_name: v.city_name,
        role: t.value.role,
        starts_on: t.value.period.starts_on(),
        ends_on: t.value.period.ends_on(),
        note: t.value.note,
        version: t.version,
        created_at: t.created_at,
        updated_at: t.updated_at,
    }
}

fn parse(input: &TermIn) -> Result<Term, ValidationErrors> {
    let mut errors = ValidationErrors::new();
    let body =
        errors.take(required("body_id", &input.body_id).and_then(|b| uuid_field("body_id", b)));
    let city =
        errors.take(required("city_id", &input.city_id).and_then(|c| uuid_field("city_id", c)));
    let role = errors.take(required("role", &input.role).and_then(|r| TermRole::parse("role", r)));
    let starts_on = errors
        .take(required("starts_on", &input.starts_on).and_then(|d| parse_date("starts_on", d)));
    let ends_on = errors.take(
        input
            .ends_on
            .as_deref()
            .map(|d| parse_date("ends_on", d))
            .transpose(),
    );
    let note = errors.take(match input.note.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(n) => bounded_text("note", n, 1000).map(Some),
    });
    let period = match (starts_on, ends_on) {
        (Some(s), Some(e)) => errors.take(Period::new(s, e)),
        _ => None,
    };
    errors.finish(|| {
        Some(Term {
            body: BodyId(body?),
            city: CityId(city?),
            role: role?,
            period: period?,
            note: note?,
        })
    })
}

/// Lists terms. Sort by `starts_on` (default) or `updated_at`.
#[guarded]
#[utoipa::path(
    tag = "registry",
    params(TermQuery),
    responses((status = 200, body = Page<TermOut>), ListErrors),
    security(("bearer" = [])),
)]
#[get("/terms")]
pub async fn list(
    state: web::Data<AppState>,
    _auth: Guard<perm::RegistryRead>,
    query: QueryParams<TermQuery>,
) -> ApiResult<HttpResponse> {
    let q = query.0;
    let mut errors = Vec::new();
    let sorts = [
        ("starts_on", TermSort::StartsOn),
        ("updated_at", TermSort::UpdatedAt),
    ];
    let listing = q
        .listing()
        .parse(&mut errors, &sorts, Sort::ascending(TermSort::StartsOn));
    let filter = TermFilter {
        body: optional(&mut errors, q.body_id.as_deref(), |b| {
            uuid_field("body_id", b).map(BodyId)
        }),
        city: optional(&mut errors, q.city_id.as_deref(), |c| {
            uuid_field("city_id", c).map(CityId)
        }),
        role: optional(&mut errors, q.role.as_deref(), |r| {
            TermRole::parse("role", r)
        }),
        on: optional(&mut errors, q.on.as_deref(), |d| parse_date("on", d)),
        updated_since: listing.updated_since,
    };
    check(errors)?;
    let page = state
        .store
        .list_terms(&filter, listing.sort, listing.page)
        .await?;
    Ok(HttpResponse::Ok().json(Page::from(page, out)))
}

/// One term.
#[guarded]
#[utoipa::path(
    tag = "registry",
    params(("id" = Uuid, Path)),
    responses((status = 200, body = TermOut, headers(("ETag" = String))), GetErrors),
    security(("bearer" = [])),
)]
#[get("/terms/{id}")]
pub async fn get(
    state: web::Data<AppState>,
    _auth: Guard<perm::RegistryRead>,
    Ids(id): Ids<TermId>,
) -> ApiResult<HttpResponse> {
    let view = state.store.get_term(id).await?;
    let version = view.term.version;
    Ok(with_etag(version, &out(view)))
}

/// Records a term. A body has one holder or coordinator at a time.
#[guarded]
#[utoipa::path(
    tag = "registry",
    request_body = TermIn,
    responses((status = 201, body = TermOut, headers(("ETag" = String), ("Location" = String))), CreateErrors),
    security(("bearer" = [])),
)]
#[post("/terms")]
pub async fn create(
    state: web::Data<AppState>,
    auth: Guard<perm::TermWrite>,
    body: JsonBody<TermIn>,
) -> ApiResult<HttpResponse> {
    let term = parse(&body.0)?;
    let view = state.store.create_term(&auth.who, &term).await?;
    let (id, version) = (view.term.id, view.term.version);
    Ok(created(format!("/api/v1/terms/{id}"), version, &out(view)))
}

/// Replaces a term.
#[guarded]
#[utoipa::path(
    tag = "registry",
    params(("id" = Uuid, Path), ("If-Match" = String, Header, description = "ETag of the version being changed")),
    request_body = TermIn,
    responses((status = 200, body = TermOut, headers(("ETag" = String))), UpdateErrors),
    security(("bearer" = [])),
)]
#[put("/terms/{id}")]
pub async fn update(
    state: web::Data<AppState>,
    auth: Guard<perm::TermWrite>,
    Ids(id): Ids<TermId>,
    if_match: IfMatch,
    body: JsonBody<TermIn>,
) -> ApiResult<HttpResponse> {
    let term = parse(&body.0)?;
    let view = state
        .store
        .update_term(&auth.who, id, if_match.0, &term)
        .await?;
    let version = view.term.version;
    Ok(with_etag(version, &out(view)))
}

/// Deletes a term.
#[guarded]
#[utoipa::path(
    tag = "registry",
    params(("id" = Uuid, Path), ("If-Match" = String, Header)),
    responses((status = 204), DeleteErrors),
    security(("bearer" = [])),
)]
#[delete("/terms/{id}")]
pub async fn remove(
    state: web::Data<AppState>,
    auth: Guard<perm::TermWrite>,
    Ids(id): Ids<TermId>,
    if_match: IfMatch,
) -> ApiResult<HttpResponse> {
    state.store.delete_term(&auth.who, id, if_match.0).await?;
    Ok(HttpResponse::NoContent().finish())
}
