//! Signing in and out, session refresh, and the signed-in user's own profile and password.

use super::users::{UserOut, user_out};
use super::{LoginErrors, UpdateErrors, with_etag};
use crate::auth::{
    Auth, REFRESH_TOKEN_PREFIX, check_password, hash_password, random_secret, reserve_attempt,
    token_hash, verify_password,
};
use crate::error::{ApiError, ApiResult};
use crate::extract::{IfMatch, JsonBody};
use crate::guard::{Authenticated, Public};
use crate::state::AppState;
use actix_web::{HttpRequest, HttpResponse, get, post, put, web};
use mercociudades_domain::access;
use mercociudades_domain::ids::UserId;
use mercociudades_domain::registry::NAME_MAX;
use mercociudades_domain::validation::{ValidationErrors, name_text};
use mercociudades_macros::guarded;
use mercociudades_persistence::repositories::{RefreshOutcome, RefreshSession, UserRecord};
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;
use utoipa::ToSchema;
use uuid::Uuid;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginIn {
    pub email: String,
    pub password: String,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RefreshIn {
    #[schema(max_length = 256)]
    pub refresh_token: String,
}

/// The longest refresh token the server reads; its own are far shorter.
const REFRESH_TOKEN_MAX: usize = 256;

impl RefreshIn {
    /// The token as sent, without surrounding white space; one longer than any the server
    /// issues is refused (422) rather than looked up.
    fn token(&self) -> ApiResult<&str> {
        if self.refresh_token.chars().count() > REFRESH_TOKEN_MAX {
            return Err(ApiError::field(
                mercociudades_domain::FieldError::new(
                    "refresh_token",
                    mercociudades_domain::validation::codes::TOO_LONG,
                )
                .with("max", REFRESH_TOKEN_MAX),
            ));
        }
        Ok(self.refresh_token.trim())
    }
}

/// A new session: a short-lived access token and a refresh token that is spent on use.
#[derive(Debug, Serialize, ToSchema)]
pub struct SessionOut {
    pub access_token: String,
    /// Always `Bearer`.
    pub token_type: &'static str,
    /// Seconds until the access token expires.
    pub expires_in: i64,
    pub refresh_token: String,
    pub user: UserOut,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProfileIn {
    #[schema(format = "name", max_length = 200)]
    pub display_name: Option<String>,
    #[schema(value_type = Option<super::closed::Language>)]
    pub language: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PasswordChangeIn {
    pub current_password: String,
    /// 12 to 256 characters, not a common password.
    #[schema(min_length = 12, max_length = 256)]
    pub new_password: String,
}

/// A hash to verify against when the account does not exist, so that an unknown email and a
/// wrong password take the same time.
fn dummy_hash() -> &'static str {
    static HASH: OnceLock<String> = OnceLock::new();
    HASH.get_or_init(|| crate::auth::hash_password_blocking(&random_secret(24)).unwrap_or_default())
}

async fn new_session(state: &AppState, user: &UserRecord) -> ApiResult<SessionOut> {
    let refresh_token = format!("{REFRESH_TOKEN_PREFIX}{}", random_secret(32));
    let session = RefreshSession {
        token_hash: token_hash(&refresh_token),
        expires_at: chrono::Utc::now()
            + chrono::Duration::seconds(state.settings.jwt.refresh_ttl_seconds),
    };
    state.store.start_session(user.id, &session).await?;
    Ok(SessionOut {
        access_token: state.keys.issue_access(user.id, &user.value.grants)?,
        token_type: "Bearer",
        expires_in: state.keys.access_ttl(),
        refresh_token,
        user: user_out(user.clone()),
    })
}

/// Signs in with email and password. Failed attempts are slowed down per account and per
/// client address (429 with `Retry-After`).
#[guarded]
#[utoipa::path(
    tag = "auth",
    request_body = LoginIn,
    responses((status = 200, body = SessionOut), LoginErrors),
)]
#[post("/auth/login")]
pub async fn login(
    _public: Public,
    state: web::Data<AppState>,
    req: HttpRequest,
    body: JsonBody<LoginIn>,
) -> ApiResult<HttpResponse> {
    let LoginIn { email, password } = body.0;
    let email = email.trim().to_lowercase();
    let address = req
        .peer_addr()
        .map(|a| a.ip().to_string())
        .unwrap_or_default();
    // An account is counted at each address apart, so that a flood from one address never
    // locks its owner out from another; an address is counted over every account.
    let keys = [
        format!("account:{email}@{address}"),
        format!("address:{address}"),
    ];
    reserve_attempt(&state, &keys).await?;
    let found = if email.len() <= 254 && password.len() <= 1024 {
        state.store.user_for_login(&email).await?
    } else {
        None
    };
    let (hash, user) = match found {
        Some((user, hash)) if user.value.active => (hash, Some(user)),
        _ => (dummy_hash().to_owned(), None),
    };
    let verified = verify_password(&state, password, hash).await?;
    match user {
        Some(user) if verified => {
            state.store.clear_attempts(&keys[0]).await?;
            state.store.take_back_attempt(&keys[1]).await?;
            tracing::info!(user = %user.id, "signed in");
            Ok(HttpResponse::Ok().json(new_session(&state, &user).await?))
        }
        _ => {
            tracing::info!("failed sign-in");
            Err(ApiError::unauthenticated("invalid_credentials"))
        }
    }
}

/// Exchanges a refresh token for a new session. A refresh token works once: using it again
/// ends its whole session family.
#[guarded]
#[utoipa::path(
    tag = "auth",
    request_body = RefreshIn,
    responses((status = 200, body = SessionOut), LoginErrors),
)]
#[post("/auth/refresh")]
pub async fn refresh(
    _public: Public,
    state: web::Data<AppState>,
    body: JsonBody<RefreshIn>,
) -> ApiResult<HttpResponse> {
    let next_token = format!("{REFRESH_TOKEN_PREFIX}{}", random_secret(32));
    let next = RefreshSession {
        token_hash: token_hash(&next_token),
        expires_at: chrono::Utc::now()
            + chrono::Duration::seconds(state.settings.jwt.refresh_ttl_seconds),
    };
    match state
        .store
        .rotate_session(&token_hash(body.0.token()?), &next)
        .await?
    {
        RefreshOutcome::Rotated { user } => {
            let user = state.store.get_user(user).await?;
            Ok(HttpResponse::Ok().json(SessionOut {
                access_token: state.keys.issue_access(user.id, &user.value.grants)?,
                token_type: "Bearer",
                expires_in: state.keys.access_ttl(),
                refresh_token: next_token,
                user: user_out(user),
            }))
        }
        RefreshOutcome::Reused => {
            tracing::warn!("refresh token reused; its session family was ended");
            Err(ApiError::unauthenticated("invalid_refresh"))
        }
        RefreshOutcome::Invalid => Err(ApiError::unauthenticated("invalid_refresh")),
    }
}

/// Ends the session of a refresh token.
#[guarded]
#[utoipa::path(
    tag = "auth",
    request_body = RefreshIn,
    responses((status = 204, description = "Signed out"), LoginErrors),
)]
#[post("/auth/logout")]
pub async fn logout(
    _public: Public,
    state: web::Data<AppState>,
    body: JsonBody<RefreshIn>,
) -> ApiResult<HttpResponse> {
    state
        .store
        .end_session(&token_hash(body.0.token()?))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

fn own_user(auth: &Auth) -> ApiResult<UserId> {
    auth.user().ok_or_else(ApiError::forbidden)
}

/// One permission the signed-in user holds, and where it applies.
#[derive(Debug, Serialize, ToSchema)]
pub struct PermissionOut {
    #[schema(value_type = super::closed::Permission)]
    pub action: &'static str,
    #[schema(value_type = super::closed::Reach)]
    pub reach: &'static str,
    /// The body or city of a `body` or `city` reach.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<Uuid>,
}

/// The signed-in user, with their roles and what they may do where: the policy the server
/// applies, for clients to offer only what will be allowed.
#[derive(Debug, Serialize, ToSchema)]
pub struct MeOut {
    #[serde(flatten)]
    pub user: UserOut,
    pub permissions: Vec<PermissionOut>,
}

/// The signed-in user, with their roles and permissions.
#[guarded]
#[utoipa::path(
    tag = "auth",
    responses((status = 200, body = MeOut, headers(("ETag" = String))), super::GetErrors),
    security(("bearer" = [])),
)]
#[get("/auth/me")]
pub async fn me(state: web::Data<AppState>, auth: Authenticated) -> ApiResult<HttpResponse> {
    let user = state.store.get_user(own_user(&auth)?).await?;
    let permissions = access::permissions(&auth.actor)
        .into_iter()
        .map(|p| PermissionOut {
            action: p.action.as_str(),
            reach: p.reach.kind(),
            id: p.reach.record(),
        })
        .collect();
    Ok(with_etag(
        user.version,
        &MeOut {
            user: user_out(user),
            permissions,
        },
    ))
}

/// Changes the signed-in user's display name and language.
#[guarded]
#[utoipa::path(
    tag = "auth",
    params(("If-Match" = String, Header)),
    request_body = ProfileIn,
    responses((status = 200, body = UserOut, headers(("ETag" = String))), UpdateErrors),
    security(("bearer" = [])),
)]
#[put("/auth/me")]
pub async fn update_me(
    state: web::Data<AppState>,
    auth: Authenticated,
    if_match: IfMatch,
    body: JsonBody<ProfileIn>,
) -> ApiResult<HttpResponse> {
    let id = own_user(&auth)?;
    let stored = state.store.get_user(id).await?.value;
    let mut account = stored.clone();
    let mut errors = ValidationErrors::new();
    if let Some(name) = &body.0.display_name
        && let Some(name) = errors.take(name_text("display_name", name, NAME_MAX))
    {
        account.display_name = name;
    }
    if let Some(lang) = &body.0.language
        && let Some(lang) = errors.take(super::users::parse_lang(lang))
    {
        account.language = lang;
    }
    errors.finish(|| Some(()))?;
    // The language alone is a preference of the person's own, not a change to record.
    let user = if account.display_name == stored.display_name {
        state
            .store
            .set_user_language(id, if_match.0, account.language)
            .await?
    } else {
        state
            .store
            .update_user(&auth.who, id, if_match.0, &account)
            .await?
    };
    Ok(with_etag(user.version, &user_out(user)))
}

/// Changes the signed-in user's password; every session of the user ends.
#[guarded]
#[utoipa::path(
    tag = "auth",
    request_body = PasswordChangeIn,
    responses((status = 204, description = "Changed"), LoginErrors),
    security(("bearer" = [])),
)]
#[post("/auth/me/password")]
pub async fn change_password(
    state: web::Data<AppState>,
    auth: Authenticated,
    body: JsonBody<PasswordChangeIn>,
) -> ApiResult<HttpResponse> {
    let id = own_user(&auth)?;
    let PasswordChangeIn {
        current_password,
        new_password,
    } = body.0;
    let keys = [format!("password:{id}")];
    reserve_attempt(&state, &keys).await?;
    let hash = state.store.password_hash(id).await?;
    if !verify_password(&state, current_password, hash).await? {
        let mut err = ApiError::validation(vec![mercociudades_domain::FieldError::new(
            "current_password",
            "not_allowed",
        )]);
        err.problem.detail = "wrong_password";
        return Err(err);
    }
    check_password("new_password", &new_password)?;
    let hash = hash_password(&state, new_password).await?;
    state.store.set_password(&auth.who, id, &hash).await?;
    state.store.clear_attempts(&keys[0]).await?;
    state.end_sessions(id).await?;
    Ok(HttpResponse::NoContent().finish())
}
