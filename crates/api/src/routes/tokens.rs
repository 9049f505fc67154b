//! API tokens for machine clients: a member city's own systems, report pullers.

use super::bodies::uuid_field;
use super::users::{RoleGrantData, grant_data, parse_grant};
use super::{CreateErrors, GetErrors, ListErrors, Page, RevokeErrors, check, required};
use crate::auth::{API_TOKEN_PREFIX, random_secret, token_hash};
use crate::error::{ApiError, ApiResult};
use crate::extract::QueryParams;
use crate::guard::{Cx, Guard, OnQueryCity, OnToken, Resolved, Target, perm};
use crate::state::AppState;
use actix_web::{HttpResponse, delete, get, post, web};
use chrono::{DateTime, Utc};
use mercociudades_domain::FieldError;
use mercociudades_domain::access::{self, Action, Resource};
use mercociudades_domain::ids::CityId;
use mercociudades_domain::validation::{ValidationErrors, codes, name_text};
use mercociudades_macros::guarded;
use mercociudades_persistence::repositories::{ApiTokenRecord, NewApiToken};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

/// Longest life of a token, in days.
const MAX_DAYS: i64 = 730;

/// An API token, without its secret.
#[derive(Debug, Serialize, ToSchema)]
pub struct ApiTokenOut {
    pub id: Uuid,
    pub name: String,
    /// First characters of the token, to recognise it.
    pub prefix: String,
    /// The scope the token acts in.
    pub scope: RoleGrantData,
    /// What the token may do.
    #[schema(value_type = Vec<super::closed::TokenPermission>)]
    pub permissions: Vec<String>,
    pub created_by: Uuid,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
    /// Why the token does not act, when it does not; absent while it acts.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<super::closed::TokenInactive>)]
    pub inactive: Option<&'static str>,
}

/// A new token: the only time its secret is shown.
#[derive(Debug, Serialize, ToSchema)]
pub struct NewApiTokenOut {
    #[serde(flatten)]
    pub token: ApiTokenOut,
    /// The secret, to send as `Authorization: Bearer <token>`. It is not stored and cannot be
    /// shown again.
    pub secret: String,
}

/// A token to create.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ApiTokenIn {
    /// What the token is for (`Montevideo participation sync`).
    #[schema(value_type = String, format = "name", max_length = 200, required = true)]
    pub name: Option<String>,
    /// The scope: `{"role": "focal_point", "city_id": …}` for a city's systems,
    /// `{"role": "observer"}` for a report puller.
    #[schema(value_type = RoleGrantData, required = true)]
    pub scope: Option<RoleGrantData>,
    /// What the token may do.
    #[schema(value_type = Option<Vec<super::closed::TokenPermission>>, min_items = 1)]
    pub permissions: Option<Vec<String>>,
    /// Days until it expires, 1 to 730 (default 365).
    #[schema(minimum = 1, maximum = 730)]
    pub expires_in_days: Option<i64>,
}

super::list_query!(
    /// Filters of the token list.
    TokenQuery {
        /// Tokens of this city.
        #[param(value_type = Option<Uuid>)]
        city_id,
    }
);

/// The tokens as answered, each saying why it does not act when it does not.
async fn described(state: &AppState, tokens: Vec<ApiTokenRecord>) -> ApiResult<Vec<ApiTokenOut>> {
    let mut creators = std::collections::HashMap::new();
    for token in &tokens {
        if let std::collections::hash_map::Entry::Vacant(entry) = creators.entry(token.created_by) {
            let creator = state.store.get_user(token.created_by).await.ok();
            entry.insert(creator.map(|c| (c.value.active, c.value.grants)));
        }
    }
    let now = Utc::now();
    Ok(tokens
        .into_iter()
        .map(|t| {
            let inactive = if t.revoked_at.is_some() {
                Some(super::closed::TOKEN_REVOKED)
            } else if t.expires_at <= now {
                Some(super::closed::TOKEN_EXPIRED)
            } else {
                let (active, grants) = creators
                    .get(&t.created_by)
                    .cloned()
                    .flatten()
                    .unwrap_or((false, Vec::new()));
                access::token_lapse(t.created_by, active, &grants, &t.grant).map(|l| l.as_str())
            };
            ApiTokenOut { inactive, ..out(t) }
        })
        .collect())
}

/// One token as answered.
async fn described_one(state: &AppState, token: ApiTokenRecord) -> ApiResult<ApiTokenOut> {
    let mut all = described(state, vec![token]).await?;
    all.pop()
        .ok_or_else(|| ApiError::internal(anyhow::anyhow!("a token went missing")))
}

fn out(t: ApiTokenRecord) -> ApiTokenOut {
    ApiTokenOut {
        inactive: None,
        id: t.id.0,
        name: t.name,
        prefix: t.prefix,
        scope: grant_data(&t.grant),
        permissions: t
            .permissions
            .iter()
            .map(|p| p.as_str().to_owned())
            .collect(),
        created_by: t.created_by.0,
        created_at: t.created_at,
        expires_at: t.expires_at,
        last_used_at: t.last_used_at,
        revoked_at: t.revoked_at,
    }
}

/// A token to create, read from the body, checked on its scope: the caller must be allowed
/// to manage tokens of the scope before anything else is said; without a scope, holding the
/// permission anywhere (the guard's first check) is enough to hear what is wrong with the input.
pub struct TokenRequest(ApiTokenIn);

impl Target for TokenRequest {
    const READS_BODY: bool = true;

    fn resolve(mut cx: Cx) -> Resolved<Self> {
        Box::pin(async move {
            let input: ApiTokenIn = cx.json().await?;
            let scope = input
                .scope
                .as_ref()
                .and_then(|s| parse_grant("scope", s).ok());
            let checks = match scope {
                Some(grant) => cx.on(Resource::of_scope(grant.scope())),
                None => Vec::new(),
            };
            Ok((TokenRequest(input), checks))
        })
    }
}

/// Creates an API token. Secretariat admins create tokens of any scope; a focal point creates
/// tokens for their own city.
#[guarded]
#[utoipa::path(
    tag = "api-tokens",
    request_body = ApiTokenIn,
    responses((status = 201, body = NewApiTokenOut), CreateErrors),
    security(("bearer" = [])),
)]
#[post("/api-tokens")]
pub async fn create(
    state: web::Data<AppState>,
    auth: Guard<perm::TokenManage, TokenRequest>,
) -> ApiResult<HttpResponse> {
    let creator = auth.user().ok_or_else(ApiError::forbidden)?;
    let input = auth.target.0.clone();
    let mut errors = ValidationErrors::new();
    let name = errors.take(required("name", &input.name).and_then(|n| name_text("name", n, 200)));
    let grant = errors.take(required("scope", &input.scope).and_then(|s| parse_grant("scope", s)));
    let days = input.expires_in_days.unwrap_or(365);
    if !(1..=MAX_DAYS).contains(&days) {
        errors.push(
            FieldError::new("expires_in_days", codes::OUT_OF_RANGE)
                .with("min", 1)
                .with("max", MAX_DAYS),
        );
    }
    let mut permissions = Vec::new();
    let requested = input.permissions.unwrap_or_default();
    if requested.is_empty() {
        errors.push(FieldError::new("permissions", codes::EMPTY));
    }
    for (i, p) in requested.iter().enumerate() {
        let field = format!("permissions[{i}]");
        match Action::parse(&field, p) {
            Ok(action) if !action.grantable_to_token() => {
                errors.push(FieldError::new(field, codes::NOT_ALLOWED))
            }
            Ok(action) if !permissions.contains(&action) => permissions.push(action),
            Ok(_) => errors.push(FieldError::new(field, codes::DUPLICATE)),
            Err(e) => errors.push(e),
        }
    }
    if let Some(grant) = &grant {
        for (i, action) in permissions.iter().enumerate() {
            if !access::token_may_carry(creator, grant, *action) {
                errors.push(
                    FieldError::new(format!("permissions[{i}]"), codes::NOT_ALLOWED)
                        .with("scope", grant.role()),
                );
            }
        }
    }
    let (name, grant) = errors.finish(|| Some((name?, grant?)))?;
    let secret = format!("{API_TOKEN_PREFIX}{}", random_secret(32));
    let token = NewApiToken {
        name,
        prefix: secret.chars().take(12).collect(),
        token_hash: token_hash(&secret),
        grant,
        permissions,
        created_by: creator,
        expires_at: Utc::now() + chrono::Duration::days(days),
    };
    let record = state.store.create_api_token(&auth.who, &token).await?;
    let location = format!("/api/v1/api-tokens/{}", record.id);
    Ok(HttpResponse::Created()
        .insert_header((actix_web::http::header::LOCATION, location))
        .json(NewApiTokenOut {
            token: out(record),
            secret,
        }))
}

/// Lists API tokens: all of them for secretariat admins, a city's for its focal point
/// (`city_id` required).
#[guarded]
#[utoipa::path(
    tag = "api-tokens",
    params(TokenQuery),
    responses((status = 200, body = Page<ApiTokenOut>), ListErrors),
    security(("bearer" = [])),
)]
#[get("/api-tokens")]
pub async fn list(
    state: web::Data<AppState>,
    _auth: Guard<perm::TokenManage, OnQueryCity>,
    query: QueryParams<TokenQuery>,
) -> ApiResult<HttpResponse> {
    let q = query.0;
    let mut errors = Vec::new();
    let page = q.listing().page_only(&mut errors);
    let city = super::optional(&mut errors, q.city_id.as_deref(), |c| {
        uuid_field("city_id", c).map(CityId)
    });
    check(errors)?;
    let tokens = state.store.list_api_tokens(city, page).await?;
    Ok(HttpResponse::Ok().json(Page {
        items: described(&state, tokens.items).await?,
        page: tokens.page,
        per_page: tokens.per_page,
        total: tokens.total,
    }))
}

/// One API token, without its secret.
#[guarded]
#[utoipa::path(
    tag = "api-tokens",
    params(("id" = Uuid, Path)),
    responses((status = 200, body = ApiTokenOut), GetErrors),
    security(("bearer" = [])),
)]
#[get("/api-tokens/{id}")]
pub async fn get(
    state: web::Data<AppState>,
    auth: Guard<perm::TokenManage, OnToken>,
) -> ApiResult<HttpResponse> {
    let OnToken(token) = auth.target;
    Ok(HttpResponse::Ok().json(described_one(&state, token).await?))
}

/// Revokes an API token at once.
#[guarded]
#[utoipa::path(
    tag = "api-tokens",
    params(("id" = Uuid, Path)),
    responses((status = 200, body = ApiTokenOut), RevokeErrors),
    security(("bearer" = [])),
)]
#[delete("/api-tokens/{id}")]
pub async fn revoke(
    state: web::Data<AppState>,
    auth: Guard<perm::TokenManage, OnToken>,
) -> ApiResult<HttpResponse> {
    let id = auth.target.0.id;
    let token = state.store.revoke_api_token(&auth.who, id).await?;
    Ok(HttpResponse::Ok().json(described_one(&state, token).await?))
}
