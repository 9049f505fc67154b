//! Bodies of the network (Summit, Board, secretariats, Thematic Units, commissions, working
//! groups), their member cities and their current coordinators.

use super::cities::{AsOfQuery, CityOut};
use super::{
    CreateErrors, DeleteErrors, GetErrors, ListErrors, Localized, Page, UpdateErrors, check,
    created, optional, required, with_etag,
};
use crate::error::ApiResult;
use crate::extract::{Ids, IfMatch, JsonBody, QueryParams};
use crate::guard::{Cx, Guard, OnBody, Resolved, Target, perm};
use crate::state::AppState;
use actix_web::{HttpResponse, delete, get, post, put, web};
use chrono::{DateTime, NaiveDate, Utc};
use mercociudades_domain::access::{Action, Resource};
use mercociudades_domain::ids::{BodyId, CityId};
use mercociudades_domain::listing::{Sort, parse_date};
use mercociudades_domain::record::Record;
use mercociudades_domain::registry::{Body, BodyKind, NAME_MAX, TermRole};
use mercociudades_domain::validation::{FieldError, ValidationErrors, codes, name_text};
use mercociudades_macros::guarded;
use mercociudades_persistence::repositories::{BodyFilter, BodySort};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

/// Longest description of a body.
const DESCRIPTION_MAX: usize = 5000;

/// Longest acronym of a body.
const ACRONYM_MAX: usize = 32;

/// A body as named on another record.
#[derive(Debug, Serialize, ToSchema)]
pub struct BodyRefOut {
    pub id: Uuid,
    #[schema(value_type = super::closed::BodyKind)]
    pub kind: String,
    pub name: Localized,
    pub acronym: Option<String>,
}

impl From<mercociudades_persistence::repositories::BodyRef> for BodyRefOut {
    fn from(b: mercociudades_persistence::repositories::BodyRef) -> Self {
        Self {
            id: b.id.0,
            kind: b.kind.as_str().to_owned(),
            name: (&b.name).into(),
            acronym: b.acronym,
        }
    }
}

/// A body.
#[derive(Debug, Serialize, ToSchema)]
pub struct BodyOut {
    pub id: Uuid,
    #[schema(value_type = super::closed::BodyKind)]
    pub kind: BodyKind,
    pub name: Localized,
    pub acronym: Option<String>,
    pub description: Option<Localized>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A city holding a post in a body.
#[derive(Debug, Serialize, ToSchema)]
pub struct PostHolderOut {
    pub term_id: Uuid,
    pub city_id: Uuid,
    pub city_name: String,
    #[schema(value_type = super::closed::TermRole)]
    pub role: TermRole,
    pub starts_on: NaiveDate,
    pub ends_on: Option<NaiveDate>,
}

/// A body with its posts on `as_of` and how many member cities it has.
#[derive(Debug, Serialize, ToSchema)]
pub struct BodyDetailOut {
    #[serde(flatten)]
    pub body: BodyOut,
    pub as_of: NaiveDate,
    pub member_count: u64,
    /// Who holds, coordinates or sub-coordinates the body on `as_of`, coordinators first.
    pub posts: Vec<PostHolderOut>,
}

/// A body to create or replace.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BodyIn {
    #[schema(value_type = super::closed::BodyKind, required = true)]
    pub kind: Option<String>,
    #[schema(value_type = Localized, required = true)]
    pub name: Option<Localized>,
    pub acronym: Option<String>,
    pub description: Option<Localized>,
}

/// A member city of a body.
#[derive(Debug, Serialize, ToSchema)]
pub struct MemberOut {
    pub city: CityOut,
    pub since: Option<NaiveDate>,
    /// The link's version: send it back as `If-Match` to change or remove the membership.
    pub version: i32,
}

/// The day a member city joined a body, to correct it.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MemberUpdateIn {
    /// Member since (YYYY-MM-DD); omit or send null when unknown.
    #[schema(value_type = Option<String>, format = Date)]
    pub since: Option<String>,
}

fn member_out(m: mercociudades_persistence::repositories::BodyMember) -> MemberOut {
    MemberOut {
        city: super::cities::out(m.city),
        since: m.since,
        version: m.version,
    }
}

fn since(raw: Option<&str>) -> Result<Option<NaiveDate>, FieldError> {
    raw.map(|d| parse_date("since", d)).transpose()
}

/// A city to add to a body.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MemberIn {
    #[schema(value_type = String, format = Uuid, required = true)]
    pub city_id: Option<String>,
    /// Member since (YYYY-MM-DD).
    #[schema(value_type = Option<String>, format = Date)]
    pub since: Option<String>,
}

super::list_query!(
    /// Filters of the body list.
    BodyQuery sorted by "^(-?(name|kind|updated_at))?$" {
        #[param(value_type = Option<super::closed::BodyKind>)]
        kind,
        /// Only bodies this city belongs to.
        #[param(value_type = Option<Uuid>)]
        city_id,
        /// Text in any of the names or the acronym, regardless of accents and case.
        q,
    }
);

super::list_query!(
    /// Paging of a member list.
    MemberQuery {}
);

fn out(r: Record<BodyId, Body>) -> BodyOut {
    BodyOut {
        id: r.id.0,
        kind: r.value.kind,
        name: (&r.value.name).into(),
        acronym: r.value.acronym,
        description: r.value.description.as_ref().map(Localized::from),
        version: r.version,
        created_at: r.created_at,
        updated_at: r.updated_at,
    }
}

fn parse(input: &BodyIn) -> Result<Body, ValidationErrors> {
    let mut errors = ValidationErrors::new();
    let kind = errors.take(required("kind", &input.kind).and_then(|k| BodyKind::parse("kind", k)));
    let name =
        errors.take(required("name", &input.name).and_then(|n| n.parse_name("name", NAME_MAX)));
    let acronym = errors.take(match input.acronym.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(a) => name_text("acronym", a, ACRONYM_MAX).map(Some),
    });
    let description = errors.take(match &input.description {
        None => Ok(None),
        Some(d) if d.es.is_none() && d.pt.is_none() && d.en.is_none() => Ok(None),
        Some(d) => d.parse("description", DESCRIPTION_MAX).map(Some),
    });
    errors.finish(|| {
        Some(Body {
            kind: kind?,
            name: name?,
            acronym: acronym?,
            description: description?,
        })
    })
}

pub(super) fn uuid_field(field: &str, raw: &str) -> Result<Uuid, FieldError> {
    Uuid::parse_str(raw.trim())
        .map_err(|_| FieldError::new(field, codes::INVALID_FORMAT).with("format", "UUID"))
}

/// Lists bodies. Sort by `name` (default: the first of the es, pt and en names, regardless of
/// accents and case), `kind` or `updated_at`.
#[guarded]
#[utoipa::path(
    tag = "registry",
    params(BodyQuery),
    responses((status = 200, body = Page<BodyOut>), ListErrors),
    security(("bearer" = [])),
)]
#[get("/bodies")]
pub async fn list(
    state: web::Data<AppState>,
    _auth: Guard<perm::RegistryRead>,
    query: QueryParams<BodyQuery>,
) -> ApiResult<HttpResponse> {
    let q = query.0;
    let mut errors = Vec::new();
    let sorts = [
        ("name", BodySort::Name),
        ("kind", BodySort::Kind),
        ("updated_at", BodySort::UpdatedAt),
    ];
    let listing = q
        .listing()
        .parse(&mut errors, &sorts, Sort::ascending(BodySort::Name));
    let filter = BodyFilter {
        kind: optional(&mut errors, q.kind.as_deref(), |k| {
            BodyKind::parse("kind", k)
        }),
        city: optional(&mut errors, q.city_id.as_deref(), |c| {
            uuid_field("city_id", c).map(CityId)
        }),
        q: q.q.clone().filter(|s| !s.trim().is_empty()),
        updated_since: listing.updated_since,
    };
    check(errors)?;
    let page = state
        .store
        .list_bodies(&filter, listing.sort, listing.page)
        .await?;
    Ok(HttpResponse::Ok().json(Page::from(page, out)))
}

/// One body, with who holds its posts on `as_of` and its number of member cities.
#[guarded]
#[utoipa::path(
    tag = "registry",
    params(("id" = Uuid, Path), AsOfQuery),
    responses((status = 200, body = BodyDetailOut, headers(("ETag" = String))), GetErrors),
    security(("bearer" = [])),
)]
#[get("/bodies/{id}")]
pub async fn get(
    state: web::Data<AppState>,
    _auth: Guard<perm::RegistryRead>,
    Ids(id): Ids<BodyId>,
    query: QueryParams<AsOfQuery>,
) -> ApiResult<HttpResponse> {
    let as_of = query.0.day()?;
    let record = state.store.get_body(id).await?;
    let member_count = state.store.count_members(id).await?;
    let posts = state
        .store
        .body_posts(id, as_of)
        .await?
        .into_iter()
        .map(|v| PostHolderOut {
            term_id: v.term.id.0,
            city_id: v.term.value.city.0,
            city_name: v.city_name,
            role: v.term.value.role,
            starts_on: v.term.value.period.starts_on(),
            ends_on: v.term.value.period.ends_on(),
        })
        .collect();
    let version = record.version;
    Ok(with_etag(
        version,
        &BodyDetailOut {
            body: out(record),
            as_of,
            member_count,
            posts,
        },
    ))
}

/// Adds a body.
#[guarded]
#[utoipa::path(
    tag = "registry",
    request_body = BodyIn,
    responses((status = 201, body = BodyOut, headers(("ETag" = String), ("Location" = String))), CreateErrors),
    security(("bearer" = [])),
)]
#[post("/bodies")]
pub async fn create(
    state: web::Data<AppState>,
    auth: Guard<perm::BodyCreate>,
    body: JsonBody<BodyIn>,
) -> ApiResult<HttpResponse> {
    let parsed = parse(&body.0)?;
    let record = state.store.create_body(&auth.who, &parsed).await?;
    Ok(created(
        format!("/api/v1/bodies/{}", record.id),
        record.version,
        &out(record),
    ))
}

/// A change to the body of the path's `{id}`, read from the request's body: updating the body
/// is checked first; changing its kind also needs `body:reclassify`, since the kind decides how
/// the policy sees the body's plans.
pub struct BodyChange {
    pub id: BodyId,
    pub body: Body,
}

impl Target for BodyChange {
    const READS_BODY: bool = true;

    fn resolve(mut cx: Cx) -> Resolved<Self> {
        Box::pin(async move {
            let id = BodyId(cx.id("id")?);
            cx.ensure(cx.action, &Resource::Body(id))?;
            let input: BodyIn = cx.json().await?;
            let body = parse(&input)?;
            let current = cx.state.store.get_body(id).await?;
            let checks = if current.value.kind == body.kind {
                Vec::new()
            } else {
                vec![(Action::BodyReclassify, Resource::Body(id))]
            };
            Ok((BodyChange { id, body }, checks))
        })
    }
}

/// Replaces a body's data. Changing its kind also needs `body:reclassify` (admins only), since
/// the kind decides how the policy sees the body's plans.
#[guarded]
#[utoipa::path(
    tag = "registry",
    params(("id" = Uuid, Path), ("If-Match" = String, Header, description = "ETag of the version being changed")),
    request_body = BodyIn,
    responses((status = 200, body = BodyOut, headers(("ETag" = String))), UpdateErrors),
    security(("bearer" = [])),
)]
#[put("/bodies/{id}")]
pub async fn update(
    state: web::Data<AppState>,
    auth: Guard<perm::BodyUpdate, BodyChange>,
    if_match: IfMatch,
) -> ApiResult<HttpResponse> {
    let BodyChange { id, ref body } = auth.target;
    let record = state
        .store
        .update_body(&auth.who, id, if_match.0, body)
        .await?;
    Ok(with_etag(record.version, &out(record)))
}

/// Deletes a body that has no members, terms or accounts.
#[guarded]
#[utoipa::path(
    tag = "registry",
    params(("id" = Uuid, Path), ("If-Match" = String, Header)),
    responses((status = 204), DeleteErrors),
    security(("bearer" = [])),
)]
#[delete("/bodies/{id}")]
pub async fn remove(
    state: web::Data<AppState>,
    auth: Guard<perm::BodyDelete, OnBody>,
    if_match: IfMatch,
) -> ApiResult<HttpResponse> {
    let id = auth.target.0;
    state.store.delete_body(&auth.who, id, if_match.0).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// The member cities of a body, in name order.
#[guarded]
#[utoipa::path(
    tag = "registry",
    params(("id" = Uuid, Path), MemberQuery),
    responses((status = 200, body = Page<MemberOut>), GetErrors),
    security(("bearer" = [])),
)]
#[get("/bodies/{id}/members")]
pub async fn members(
    state: web::Data<AppState>,
    _auth: Guard<perm::RegistryRead>,
    Ids(id): Ids<BodyId>,
    query: QueryParams<MemberQuery>,
) -> ApiResult<HttpResponse> {
    let mut errors = Vec::new();
    let page = query.0.listing().page_only(&mut errors);
    check(errors)?;
    let members = state.store.list_members(id, page).await?;
    Ok(HttpResponse::Ok().json(Page::from(members, member_out)))
}

/// One member city of a body.
#[guarded]
#[utoipa::path(
    tag = "registry",
    params(("id" = Uuid, Path), ("city_id" = Uuid, Path)),
    responses((status = 200, body = MemberOut, headers(("ETag" = String))), GetErrors),
    security(("bearer" = [])),
)]
#[get("/bodies/{id}/members/{city_id}")]
pub async fn member(
    state: web::Data<AppState>,
    _auth: Guard<perm::RegistryRead>,
    Ids((id, city)): Ids<(BodyId, CityId)>,
) -> ApiResult<HttpResponse> {
    let m = state.store.get_member(id, city).await?;
    Ok(with_etag(m.version, &member_out(m)))
}

/// Adds a member city to a body.
#[guarded]
#[utoipa::path(
    tag = "registry",
    params(("id" = Uuid, Path)),
    request_body = MemberIn,
    responses((status = 201, body = MemberOut, headers(("ETag" = String), ("Location" = String))), CreateErrors, (status = 404, description = "No such body")),
    security(("bearer" = [])),
)]
#[post("/bodies/{id}/members")]
pub async fn add_member(
    state: web::Data<AppState>,
    auth: Guard<perm::BodyMembersWrite, OnBody>,
    body: JsonBody<MemberIn>,
) -> ApiResult<HttpResponse> {
    let id = auth.target.0;
    let mut errors = ValidationErrors::new();
    let city =
        errors.take(required("city_id", &body.0.city_id).and_then(|c| uuid_field("city_id", c)));
    let since = errors.take(since(body.0.since.as_deref()));
    let (city, since) = errors.finish(|| Some((city?, since?)))?;
    let m = state
        .store
        .add_member(&auth.who, id, CityId(city), since)
        .await?;
    Ok(created(
        format!("/api/v1/bodies/{id}/members/{city}"),
        m.version,
        &member_out(m),
    ))
}

/// Corrects the day a city became a member of a body.
#[guarded]
#[utoipa::path(
    tag = "registry",
    params(("id" = Uuid, Path), ("city_id" = Uuid, Path), ("If-Match" = String, Header, description = "ETag of the version being changed")),
    request_body = MemberUpdateIn,
    responses((status = 200, body = MemberOut, headers(("ETag" = String))), UpdateErrors),
    security(("bearer" = [])),
)]
#[put("/bodies/{id}/members/{city_id}")]
pub async fn update_member(
    state: web::Data<AppState>,
    auth: Guard<perm::BodyMembersWrite, OnBody>,
    Ids((id, city)): Ids<(BodyId, CityId)>,
    if_match: IfMatch,
    body: JsonBody<MemberUpdateIn>,
) -> ApiResult<HttpResponse> {
    let since = since(body.0.since.as_deref())?;
    let m = state
        .store
        .update_member(&auth.who, id, city, if_match.0, since)
        .await?;
    Ok(with_etag(m.version, &member_out(m)))
}

/// Removes a member city from a body.
#[guarded]
#[utoipa::path(
    tag = "registry",
    params(("id" = Uuid, Path), ("city_id" = Uuid, Path), ("If-Match" = String, Header, description = "ETag of the membership being removed")),
    responses((status = 204, description = "Removed"), DeleteErrors),
    security(("bearer" = [])),
)]
#[delete("/bodies/{id}/members/{city_id}")]
pub async fn remove_member(
    state: web::Data<AppState>,
    auth: Guard<perm::BodyMembersWrite, OnBody>,
    Ids((id, city)): Ids<(BodyId, CityId)>,
    if_match: IfMatch,
) -> ApiResult<HttpResponse> {
    state
        .store
        .remove_member(&auth.who, id, city, if_match.0)
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
