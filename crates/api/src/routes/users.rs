//! Users and their roles, managed by secretariat admins.

use super::bodies::uuid_field;
use super::{
    CreateErrors, GetErrors, ListErrors, Page, UpdateErrors, check, created, optional, required,
    with_etag,
};
use crate::auth::{check_password, hash_password};
use crate::error::{ApiError, ApiResult};
use crate::extract::{Ids, IfMatch, JsonBody, QueryParams};
use crate::guard::{Guard, perm};
use crate::problem::ProblemCode;
use crate::state::AppState;
use actix_web::{HttpResponse, get, post, put, web};
use chrono::{DateTime, Utc};
use mercociudades_domain::FieldError;
use mercociudades_domain::access::{Grant, Role, Scope};
use mercociudades_domain::ids::{BodyId, CityId, UserId};
use mercociudades_domain::registry::{Email, NAME_MAX};
use mercociudades_domain::text::Lang;
use mercociudades_domain::validation::{ValidationErrors, codes, name_text};
use mercociudades_macros::guarded;
use mercociudades_persistence::repositories::{UserAccount, UserFilter, UserRecord};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

/// A role held in a scope: `coordinator` needs `body_id`, `focal_point` needs `city_id`, the
/// others are network-wide.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RoleGrantData {
    #[schema(value_type = super::closed::Role)]
    pub role: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub city_id: Option<String>,
}

/// A user. Never carries a password or its hash.
#[derive(Debug, Serialize, ToSchema)]
pub struct UserOut {
    pub id: Uuid,
    pub email: String,
    pub display_name: String,
    #[schema(value_type = super::closed::Language)]
    pub language: String,
    pub active: bool,
    pub roles: Vec<RoleGrantData>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A user to create (with `password`) or replace (without).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UserIn {
    #[schema(value_type = String, format = Email, required = true)]
    pub email: Option<String>,
    #[schema(value_type = String, format = "name", max_length = 200, required = true)]
    pub display_name: Option<String>,
    /// Default `es`.
    #[schema(value_type = Option<super::closed::Language>)]
    pub language: Option<String>,
    /// Default true.
    pub active: Option<bool>,
    pub roles: Option<Vec<RoleGrantData>>,
    /// Only when creating: 12 to 256 characters, not a common password.
    #[schema(min_length = 12, max_length = 256)]
    pub password: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PasswordResetIn {
    /// 12 to 256 characters, not a common password.
    #[schema(min_length = 12, max_length = 256)]
    pub new_password: String,
}

super::list_query!(
    /// Filters of the user list.
    UserQuery {
        /// Text in the email or name.
        q,
        /// Users holding this role.
        #[param(value_type = Option<super::closed::Role>)]
        role,
        /// `true` or `false`.
        #[param(value_type = Option<bool>)]
        active,
    }
);

pub fn grant_data(grant: &Grant) -> RoleGrantData {
    let (body_id, city_id) = match grant.scope() {
        Scope::Network => (None, None),
        Scope::Body(b) => (Some(b.to_string()), None),
        Scope::City(c) => (None, Some(c.to_string())),
    };
    RoleGrantData {
        role: grant.role().as_str().to_owned(),
        body_id,
        city_id,
    }
}

pub fn user_out(u: UserRecord) -> UserOut {
    UserOut {
        id: u.id.0,
        email: u.value.email.as_str().to_owned(),
        display_name: u.value.display_name,
        language: u.value.language.as_str().to_owned(),
        active: u.value.active,
        roles: u.value.grants.iter().map(grant_data).collect(),
        version: u.version,
        created_at: u.created_at,
        updated_at: u.updated_at,
    }
}

pub fn parse_lang(raw: &str) -> Result<Lang, FieldError> {
    raw.parse().map_err(|()| {
        FieldError::new("language", codes::UNKNOWN_VALUE).with("allowed", "es, pt, en")
    })
}

/// Parses a role in its scope; `field` is where it sits in the input (`roles[0]`).
pub fn parse_grant(field: &str, data: &RoleGrantData) -> Result<Grant, FieldError> {
    let role = Role::parse("role", &data.role).map_err(|e| e.under(field))?;
    let scope = match (&data.body_id, &data.city_id) {
        (None, None) => Scope::Network,
        (Some(b), None) => Scope::Body(BodyId(
            uuid_field("body_id", b).map_err(|e| e.under(field))?,
        )),
        (None, Some(c)) => Scope::City(CityId(
            uuid_field("city_id", c).map_err(|e| e.under(field))?,
        )),
        (Some(_), Some(_)) => {
            return Err(FieldError::new("city_id", codes::NOT_ALLOWED).under(field));
        }
    };
    Grant::new(role, scope).map_err(|e| FieldError {
        field: field.to_owned(),
        ..e
    })
}

fn parse(input: &UserIn) -> Result<UserAccount, ValidationErrors> {
    let mut errors = ValidationErrors::new();
    let email = errors.take(required("email", &input.email).and_then(|e| Email::parse("email", e)));
    let display_name = errors.take(
        required("display_name", &input.display_name)
            .and_then(|n| name_text("display_name", n, NAME_MAX)),
    );
    let language = errors.take(input.language.as_deref().map_or(Ok(Lang::Es), parse_lang));
    let mut grants = Vec::new();
    for (i, data) in input.roles.iter().flatten().enumerate() {
        if let Some(grant) = errors.take(parse_grant(&format!("roles[{i}]"), data)) {
            if grants.contains(&grant) {
                errors.push(FieldError::new(format!("roles[{i}]"), codes::DUPLICATE));
            }
            grants.push(grant);
        }
    }
    errors.finish(|| {
        Some(UserAccount {
            email: email?,
            display_name: display_name?,
            language: language?,
            active: input.active.unwrap_or(true),
            grants,
        })
    })
}

/// Lists users.
#[guarded]
#[utoipa::path(
    tag = "users",
    params(UserQuery),
    responses((status = 200, body = Page<UserOut>), ListErrors),
    security(("bearer" = [])),
)]
#[get("/users")]
pub async fn list(
    state: web::Data<AppState>,
    _auth: Guard<perm::UserRead>,
    query: QueryParams<UserQuery>,
) -> ApiResult<HttpResponse> {
    let q = query.0;
    let mut errors = Vec::new();
    let page = q.listing().page_only(&mut errors);
    let filter =
        UserFilter {
            q: q.q.clone().filter(|s| !s.trim().is_empty()),
            role: optional(&mut errors, q.role.as_deref(), |r| Role::parse("role", r)),
            active: optional(&mut errors, q.active.as_deref(), |a| match a {
                "true" => Ok(true),
                "false" => Ok(false),
                _ => Err(FieldError::new("active", codes::INVALID_TYPE)
                    .with("expected", "true or false")),
            }),
        };
    check(errors)?;
    let users = state.store.list_users(&filter, page).await?;
    Ok(HttpResponse::Ok().json(Page::from(users, user_out)))
}

/// One user.
#[guarded]
#[utoipa::path(
    tag = "users",
    params(("id" = Uuid, Path)),
    responses((status = 200, body = UserOut, headers(("ETag" = String))), GetErrors),
    security(("bearer" = [])),
)]
#[get("/users/{id}")]
pub async fn get(
    state: web::Data<AppState>,
    _auth: Guard<perm::UserRead>,
    Ids(id): Ids<UserId>,
) -> ApiResult<HttpResponse> {
    let user = state.store.get_user(id).await?;
    Ok(with_etag(user.version, &user_out(user)))
}

/// Creates a user with their roles and first password.
#[guarded]
#[utoipa::path(
    tag = "users",
    request_body = UserIn,
    responses((status = 201, body = UserOut, headers(("ETag" = String), ("Location" = String))), CreateErrors),
    security(("bearer" = [])),
)]
#[post("/users")]
pub async fn create(
    state: web::Data<AppState>,
    auth: Guard<perm::UserManage>,
    body: JsonBody<UserIn>,
) -> ApiResult<HttpResponse> {
    let parsed = parse(&body.0);
    let password = required("password", &body.0.password)
        .and_then(|p| check_password("password", p).map(|()| p.clone()));
    let (account, password) = match (parsed, password) {
        (Ok(account), Ok(password)) => (account, password),
        (parsed, password) => {
            let mut errors = parsed.err().map(|e| e.0).unwrap_or_default();
            errors.extend(password.err());
            return Err(crate::error::ApiError::validation(errors));
        }
    };
    let hash = hash_password(&state, password).await?;
    let user = state.store.create_user(&auth.who, &account, &hash).await?;
    Ok(created(
        format!("/api/v1/users/{}", user.id),
        user.version,
        &user_out(user),
    ))
}

/// Replaces a user's profile and roles. Deactivating a user or changing their roles ends
/// their sessions at once. Nobody deactivates themselves or changes their own roles (409
/// `own_account`): another administrator does.
#[guarded]
#[utoipa::path(
    tag = "users",
    params(("id" = Uuid, Path), ("If-Match" = String, Header)),
    request_body = UserIn,
    responses((status = 200, body = UserOut, headers(("ETag" = String))), UpdateErrors),
    security(("bearer" = [])),
)]
#[put("/users/{id}")]
pub async fn update(
    state: web::Data<AppState>,
    auth: Guard<perm::UserManage>,
    Ids(id): Ids<UserId>,
    if_match: IfMatch,
    body: JsonBody<UserIn>,
) -> ApiResult<HttpResponse> {
    if body.0.password.is_some() {
        return Err(FieldError::new("password", codes::NOT_ALLOWED).into());
    }
    let account = parse(&body.0)?;
    let before = state.store.get_user(id).await?;
    if auth.user() == Some(id)
        && (!account.active || !same_grants(&account.grants, &before.value.grants))
    {
        return Err(ApiError::new(ProblemCode::OwnAccount, "own_access"));
    }
    let user = state
        .store
        .update_user(&auth.who, id, if_match.0, &account)
        .await?;
    if !same_grants(&before.value.grants, &user.value.grants)
        || (before.value.active && !user.value.active)
    {
        state.end_sessions(id).await?;
    }
    Ok(with_etag(user.version, &user_out(user)))
}

/// Whether two lists of roles hold the same roles, in any order.
fn same_grants(a: &[Grant], b: &[Grant]) -> bool {
    let key = |grants: &[Grant]| {
        let mut keys: Vec<String> = grants.iter().map(|g| format!("{g:?}")).collect();
        keys.sort();
        keys
    };
    key(a) == key(b)
}

/// Sets a new password for a user (for one who forgot theirs); their sessions end. One's own
/// password is changed from one's profile, with the current one (409 `own_account`).
#[guarded]
#[utoipa::path(
    tag = "users",
    params(("id" = Uuid, Path)),
    request_body = PasswordResetIn,
    responses((status = 204, description = "Changed"), CreateErrors),
    security(("bearer" = [])),
)]
#[post("/users/{id}/password")]
pub async fn reset_password(
    state: web::Data<AppState>,
    auth: Guard<perm::UserManage>,
    Ids(id): Ids<UserId>,
    body: JsonBody<PasswordResetIn>,
) -> ApiResult<HttpResponse> {
    check_password("new_password", &body.0.new_password)?;
    state.store.get_user(id).await?;
    if auth.user() == Some(id) {
        return Err(ApiError::new(ProblemCode::OwnAccount, "own_password"));
    }
    let hash = hash_password(&state, body.0.new_password).await?;
    state.store.set_password(&auth.who, id, &hash).await?;
    state.end_sessions(id).await?;
    Ok(HttpResponse::NoContent().finish())
}
