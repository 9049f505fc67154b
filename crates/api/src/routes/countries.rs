//! Countries: ISO 3166-1 alpha-2 code, names in es/pt/en, Mercosur status.

use super::{
    CreateErrors, DeleteErrors, GetErrors, ListErrors, Localized, Page, UpdateErrors, check,
    created, optional, required, with_etag,
};
use crate::error::ApiResult;
use crate::extract::Ids;
use crate::extract::{IfMatch, JsonBody, QueryParams};
use crate::guard::{Guard, perm};
use crate::state::AppState;
use actix_web::{HttpResponse, delete, get, post, put, web};
use chrono::{DateTime, Utc};
use mercociudades_domain::listing::Sort;
use mercociudades_domain::registry::{Country, CountryCode, MercosurStatus, NAME_MAX};
use mercociudades_domain::validation::ValidationErrors;
use mercociudades_macros::guarded;
use mercociudades_persistence::repositories::{CountryFilter, CountrySort};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A country.
#[derive(Debug, Serialize, ToSchema)]
pub struct CountryOut {
    /// ISO 3166-1 alpha-2.
    #[schema(example = "UY")]
    pub code: String,
    pub name: Localized,
    #[schema(value_type = super::closed::MercosurStatus)]
    pub mercosur_status: MercosurStatus,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A country to create (with `code`) or replace (without).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CountryIn {
    /// ISO 3166-1 alpha-2; only when creating.
    #[schema(value_type = String, format = "country-code", required = true)]
    pub code: Option<String>,
    /// Names in es, pt and en, all three required.
    #[schema(value_type = Localized, required = true)]
    pub name: Option<Localized>,
    #[schema(value_type = super::closed::MercosurStatus, required = true)]
    pub mercosur_status: Option<String>,
}

super::list_query!(
    /// Filters of the country list.
    CountryQuery sorted by "^(-?(code|name|updated_at))?$" {
        #[param(value_type = Option<super::closed::MercosurStatus>)]
        mercosur_status,
        /// Text in the code or any of the names.
        q,
    }
);

type CountryRecord = mercociudades_domain::record::Record<CountryCode, Country>;

fn out(r: CountryRecord) -> CountryOut {
    CountryOut {
        code: r.value.code.as_str().to_owned(),
        name: Localized::from(&r.value.name),
        mercosur_status: r.value.mercosur_status,
        version: r.version,
        created_at: r.created_at,
        updated_at: r.updated_at,
    }
}

fn parse(input: &CountryIn, code: Option<&CountryCode>) -> Result<Country, ValidationErrors> {
    let mut errors = ValidationErrors::new();
    let code = match code {
        Some(code) => {
            if input
                .code
                .as_deref()
                .is_some_and(|c| !c.eq_ignore_ascii_case(code.as_str()))
            {
                errors.push(mercociudades_domain::FieldError::new(
                    "code",
                    mercociudades_domain::validation::codes::NOT_ALLOWED,
                ));
            }
            Some(code.clone())
        }
        None => {
            errors.take(required("code", &input.code).and_then(|c| CountryCode::parse("code", c)))
        }
    };
    let name = errors.take(required("name", &input.name).and_then(|n| {
        mercociudades_domain::text::LocalizedText::parse_complete_name(
            n.es.as_deref().unwrap_or_default(),
            n.pt.as_deref().unwrap_or_default(),
            n.en.as_deref().unwrap_or_default(),
            NAME_MAX,
        )
        .map_err(|e| e.under("name"))
    }));
    let status = errors.take(
        required("mercosur_status", &input.mercosur_status)
            .and_then(|s| MercosurStatus::parse("mercosur_status", s)),
    );
    errors.finish(|| {
        Some(Country {
            code: code?,
            name: name?,
            mercosur_status: status?,
        })
    })
}

/// Lists countries. Sort by `code` (default), `name` or `updated_at`.
#[guarded]
#[utoipa::path(
    tag = "registry",
    params(CountryQuery),
    responses((status = 200, body = Page<CountryOut>), ListErrors),
    security(("bearer" = [])),
)]
#[get("/countries")]
pub async fn list(
    state: web::Data<AppState>,
    _auth: Guard<perm::RegistryRead>,
    query: QueryParams<CountryQuery>,
) -> ApiResult<HttpResponse> {
    let q = query.0;
    let mut errors = Vec::new();
    let sorts = [
        ("code", CountrySort::Code),
        ("name", CountrySort::NameEs),
        ("updated_at", CountrySort::UpdatedAt),
    ];
    let listing = q
        .listing()
        .parse(&mut errors, &sorts, Sort::ascending(CountrySort::Code));
    let status = optional(&mut errors, q.mercosur_status.as_deref(), |s| {
        MercosurStatus::parse("mercosur_status", s)
    });
    check(errors)?;
    let filter = CountryFilter {
        mercosur_status: status,
        q: q.q.filter(|s| !s.trim().is_empty()),
        updated_since: listing.updated_since,
    };
    let page = state
        .store
        .list_countries(&filter, listing.sort, listing.page)
        .await?;
    Ok(HttpResponse::Ok().json(Page::from(page, out)))
}

/// One country.
#[guarded]
#[utoipa::path(
    tag = "registry",
    params(("code" = String, Path, description = "ISO 3166-1 alpha-2")),
    responses((status = 200, body = CountryOut, headers(("ETag" = String))), GetErrors),
    security(("bearer" = [])),
)]
#[get("/countries/{code}")]
pub async fn get(
    state: web::Data<AppState>,
    _auth: Guard<perm::RegistryRead>,
    Ids(code): Ids<CountryCode>,
) -> ApiResult<HttpResponse> {
    let record = state.store.get_country(&code).await?;
    Ok(with_etag(record.version, &out(record)))
}

/// Adds a country.
#[guarded]
#[utoipa::path(
    tag = "registry",
    request_body = CountryIn,
    responses((status = 201, body = CountryOut, headers(("ETag" = String), ("Location" = String))), CreateErrors),
    security(("bearer" = [])),
)]
#[post("/countries")]
pub async fn create(
    state: web::Data<AppState>,
    auth: Guard<perm::CountryWrite>,
    body: JsonBody<CountryIn>,
) -> ApiResult<HttpResponse> {
    let country = parse(&body.0, None)?;
    let record = state.store.create_country(&auth.who, &country).await?;
    Ok(created(
        format!("/api/v1/countries/{}", record.id.as_str()),
        record.version,
        &out(record),
    ))
}

/// Replaces a country's names and Mercosur status.
#[guarded]
#[utoipa::path(
    tag = "registry",
    params(("code" = String, Path), ("If-Match" = String, Header, description = "ETag of the version being changed")),
    request_body = CountryIn,
    responses((status = 200, body = CountryOut, headers(("ETag" = String))), UpdateErrors),
    security(("bearer" = [])),
)]
#[put("/countries/{code}")]
pub async fn update(
    state: web::Data<AppState>,
    auth: Guard<perm::CountryWrite>,
    Ids(code): Ids<CountryCode>,
    if_match: IfMatch,
    body: JsonBody<CountryIn>,
) -> ApiResult<HttpResponse> {
    let country = parse(&body.0, Some(&code))?;
    let record = state
        .store
        .update_country(&auth.who, &code, if_match.0, &country)
        .await?;
    Ok(with_etag(record.version, &out(record)))
}

/// Deletes a country that has no member cities.
#[guarded]
#[utoipa::path(
    tag = "registry",
    params(("code" = String, Path), ("If-Match" = String, Header)),
    responses((status = 204), DeleteErrors),
    security(("bearer" = [])),
)]
#[delete("/countries/{code}")]
pub async fn remove(
    state: web::Data<AppState>,
    auth: Guard<perm::CountryWrite>,
    Ids(code): Ids<CountryCode>,
    if_match: IfMatch,
) -> ApiResult<HttpResponse> {
    state
        .store
        .delete_country(&auth.who, &code, if_match.0)
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
