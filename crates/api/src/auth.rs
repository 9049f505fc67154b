//! Authentication: passwords, access tokens (JWT), refresh and API tokens, sign-in
//! throttling, and the extractor that turns a request's credentials into an actor.

use crate::error::ApiError;
use crate::extract::RequestId;
use crate::state::AppState;
use actix_web::body::MessageBody;
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::http::header;
use actix_web::middleware::Next;
use actix_web::{FromRequest, HttpMessage, HttpRequest, web};
use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use mercociudades_domain::FieldError;
use mercociudades_domain::access::{self, Actor, Grant, Principal, Role, Scope};
use mercociudades_domain::ids::{ApiTokenId, BodyId, CityId, UserId};
use mercociudades_domain::validation::codes;
use mercociudades_persistence::audit::{ActorKind, Who};
use mercociudades_persistence::repositories::{AttemptRules, Reservation};
use rand::RngCore;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::future::{Ready, ready};
use uuid::Uuid;

/// Prefix of API tokens, so that a leaked one is recognisable.
pub const API_TOKEN_PREFIX: &str = "mct_";
/// Prefix of refresh tokens.
pub const REFRESH_TOKEN_PREFIX: &str = "mcr_";

/// Random bytes as URL-safe text.
pub fn random_secret(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    rand::rng().fill_bytes(&mut buf);
    URL_SAFE_NO_PAD.encode(buf)
}

/// SHA-256 of a token, as stored. Tokens are random and long, so a fast hash is enough.
pub fn token_hash(token: &str) -> String {
    let digest = Sha256::digest(token.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

// ---------------------------------------------------------------------------------------------
// Passwords

pub const PASSWORD_MIN: usize = 12;
pub const PASSWORD_MAX: usize = 256;
const COMMON_PASSWORDS: &str = include_str!("common-passwords.txt");

/// Checks a new password: 12 to 256 characters, not one of the most common ones.
pub fn check_password(field: &str, password: &str) -> Result<(), FieldError> {
    let length = password.chars().count();
    if length < PASSWORD_MIN {
        return Err(FieldError::new(field, codes::TOO_SHORT).with("min", PASSWORD_MIN));
    }
    if length > PASSWORD_MAX {
        return Err(FieldError::new(field, codes::TOO_LONG).with("max", PASSWORD_MAX));
    }
    let lowered = password.to_lowercase();
    let one_char_repeated = lowered.chars().all(|c| lowered.starts_with(c));
    if one_char_repeated
        || COMMON_PASSWORDS
            .lines()
            .any(|common| common.trim() == lowered)
    {
        return Err(FieldError::new(field, "common_password"));
    }
    Ok(())
}

/// Hashes a password with argon2id (m=19456 KiB, t=2, p=1) off the async workers, with a cap
/// on concurrent hashes.
pub async fn hash_password(state: &AppState, password: String) -> Result<String, ApiError> {
    let _permit = state.hashing.acquire().await.map_err(ApiError::internal)?;
    web::block(move || {
        Argon2::default()
            .hash_password(password.as_bytes())
            .map(|h| h.to_string())
            .map_err(|e| anyhow::anyhow!("{e}"))
    })
    .await
    .map_err(ApiError::internal)?
    .map_err(ApiError::internal)
}

/// Verifies a password against a stored hash, off the async workers.
pub async fn verify_password(
    state: &AppState,
    password: String,
    hash: String,
) -> Result<bool, ApiError> {
    let _permit = state.hashing.acquire().await.map_err(ApiError::internal)?;
    web::block(move || match PasswordHash::new(&hash) {
        Ok(parsed) => Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok(),
        Err(_) => false,
    })
    .await
    .map_err(ApiError::internal)
}

/// Hashes a password where no runtime is at hand (the command line).
pub fn hash_password_blocking(password: &str) -> anyhow::Result<String> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| anyhow::anyhow!("{e}"))
}

// ---------------------------------------------------------------------------------------------
// Access tokens

/// Claims of an access token.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Claims {
    pub sub: Uuid,
    pub typ: String,
    pub iss: String,
    pub aud: String,
    pub iat: i64,
    pub nbf: i64,
    pub exp: i64,
    pub jti: String,
    /// The grants of the user, as `role`, `role:body:<id>` or `role:city:<id>`.
    pub roles: Vec<String>,
}

const ACCESS: &str = "access";

pub struct Keys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
    issuer: String,
    audience: String,
    access_ttl: i64,
}

impl Keys {
    pub fn new(secret: &[u8], jwt: &crate::configuration::JwtSettings) -> Self {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_issuer(&[&jwt.issuer]);
        validation.set_audience(&[&jwt.audience]);
        validation.set_required_spec_claims(&["exp", "nbf", "iss", "aud", "sub"]);
        validation.validate_nbf = true;
        validation.leeway = 5;
        Self {
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
            validation,
            issuer: jwt.issuer.clone(),
            audience: jwt.audience.clone(),
            access_ttl: jwt.access_ttl_seconds,
        }
    }

    pub fn access_ttl(&self) -> i64 {
        self.access_ttl
    }

    pub fn issue_access(&self, user: UserId, grants: &[Grant]) -> Result<String, ApiError> {
        let now = chrono::Utc::now().timestamp();
        let claims = Claims {
            sub: user.0,
            typ: ACCESS.to_owned(),
            iss: self.issuer.clone(),
            aud: self.audience.clone(),
            iat: now,
            nbf: now,
            exp: now + self.access_ttl,
            jti: Uuid::now_v7().to_string(),
            roles: grants.iter().map(grant_claim).collect(),
        };
        jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
            .map_err(ApiError::internal)
    }

    /// The claims of a valid access token; `None` for anything else.
    pub fn verify_access(&self, token: &str) -> Option<Claims> {
        let data = jsonwebtoken::decode::<Claims>(token, &self.decoding, &self.validation).ok()?;
        (data.claims.typ == ACCESS).then_some(data.claims)
    }
}

/// When a token was issued, in UNIX milliseconds, from its time-ordered `jti`.
fn issued_ms(claims: &Claims) -> i64 {
    Uuid::parse_str(&claims.jti)
        .ok()
        .and_then(|id| id.get_timestamp())
        .map(|ts| {
            let (secs, nanos) = ts.to_unix();
            i64::try_from(secs).unwrap_or(i64::MAX).saturating_mul(1000)
                + i64::from(nanos / 1_000_000)
        })
        .unwrap_or(claims.iat.saturating_mul(1000))
}

fn grant_claim(grant: &Grant) -> String {
    match grant.scope() {
        Scope::Network => grant.role().as_str().to_owned(),
        Scope::Body(b) => format!("{}:body:{b}", grant.role()),
        Scope::City(c) => format!("{}:city:{c}", grant.role()),
    }
}

fn parse_grant_claim(claim: &str) -> Option<Grant> {
    let mut parts = claim.splitn(3, ':');
    let role = Role::parse("role", parts.next()?).ok()?;
    let scope = match (parts.next(), parts.next()) {
        (None, None) => Scope::Network,
        (Some("body"), Some(id)) => Scope::Body(BodyId(Uuid::parse_str(id).ok()?)),
        (Some("city"), Some(id)) => Scope::City(CityId(Uuid::parse_str(id).ok()?)),
        _ => return None,
    };
    Grant::new(role, scope).ok()
}

// ---------------------------------------------------------------------------------------------
// Sign-in throttling

/// Counts an attempt on `keys` before it is made (so that attempts made at the same time all
/// count), in the database that every instance shares; 429 with `Retry-After` when one of them
/// is locked.
pub async fn reserve_attempt(state: &AppState, keys: &[String]) -> Result<(), ApiError> {
    let rules = AttemptRules {
        free: state.settings.auth.free_failures,
        max_lock_ms: i64::try_from(state.settings.auth.max_lockout_seconds)
            .unwrap_or(i64::MAX / 1000)
            .saturating_mul(1000),
        forget_after_ms: 24 * 3600 * 1000,
    };
    let now = chrono::Utc::now().timestamp_millis();
    match state.store.reserve_attempt(keys, now, rules).await? {
        Reservation::Granted => Ok(()),
        Reservation::Locked { wait_ms } => {
            let seconds = u64::try_from((wait_ms + 999) / 1000).unwrap_or(1).max(1);
            Err(ApiError::too_many(seconds))
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The authenticated actor

/// The caller, authenticated by an access token or an API token.
#[derive(Debug, Clone)]
pub struct Auth {
    pub actor: Actor,
    pub who: Who,
}

impl Auth {
    pub fn user(&self) -> Option<UserId> {
        match self.actor.principal {
            Principal::User(id) => Some(id),
            Principal::Token(_) => None,
        }
    }
}

fn bearer(req: &HttpRequest) -> Option<String> {
    let value = req.headers().get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim().to_owned())
}

/// What the request's credentials turned out to be, found once by [`authenticate`].
#[derive(Clone)]
pub struct Credentials(pub Option<Auth>);

/// Authenticates the request's bearer token, if it sends one, before any extractor runs: a
/// handler's guard then decides at once, before the request's other parts are read.
pub async fn authenticate(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    if let Some(token) = bearer(req.request()) {
        let state = req.app_data::<web::Data<AppState>>().cloned();
        let request_id = req.extensions().get::<RequestId>().map(|r| r.0.clone());
        let state = state
            .ok_or_else(|| ApiError::internal(anyhow::anyhow!("application state missing")))?;
        let found = resolve_token(&state, &token, request_id).await?;
        req.extensions_mut().insert(Credentials(found));
    }
    next.call(req).await
}

/// The caller a token stands for, if it stands for one now.
async fn resolve_token(
    state: &AppState,
    token: &str,
    request_id: Option<String>,
) -> Result<Option<Auth>, ApiError> {
    if token.starts_with(API_TOKEN_PREFIX) {
        let Some(record) = state.store.api_token_for_use(&token_hash(token)).await? else {
            return Ok(None);
        };
        // A token acts only while its creator is active and may still make it.
        let creator = match state.store.get_user(record.created_by).await {
            Ok(creator) => creator,
            Err(mercociudades_persistence::StoreError::NotFound) => return Ok(None),
            Err(e) => return Err(e.into()),
        };
        if access::token_lapse(
            creator.id,
            creator.value.active,
            &creator.value.grants,
            &record.grant,
        )
        .is_some()
        {
            return Ok(None);
        }
        return Ok(Some(Auth {
            who: Who {
                kind: ActorKind::Token,
                id: Some(record.id.0),
                request_id,
            },
            actor: Actor {
                principal: Principal::Token(ApiTokenId(record.id.0)),
                grants: vec![record.grant],
                permissions: Some(record.permissions),
            },
        }));
    }
    let Some(claims) = state.keys.verify_access(token) else {
        return Ok(None);
    };
    let user = UserId(claims.sub);
    if state
        .store
        .sessions_ended_at(user)
        .await?
        .is_some_and(|ended| issued_ms(&claims) <= ended)
    {
        return Ok(None);
    }
    let grants = claims
        .roles
        .iter()
        .filter_map(|c| parse_grant_claim(c))
        .collect();
    Ok(Some(Auth {
        who: Who {
            kind: ActorKind::User,
            id: Some(user.0),
            request_id,
        },
        actor: Actor {
            principal: Principal::User(user),
            grants,
            permissions: None,
        },
    }))
}

impl FromRequest for Auth {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let found = match req.extensions().get::<Credentials>() {
            None => Err(ApiError::unauthenticated("missing_token")),
            Some(Credentials(None)) => Err(ApiError::unauthenticated("invalid_token")),
            Some(Credentials(Some(auth))) => Ok(auth.clone()),
        };
        ready(found)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn password_rules() {
        assert!(check_password("p", "short").is_err());
        assert!(check_password("p", &"x".repeat(257)).is_err());
        assert!(check_password("p", "aaaaaaaaaaaaaaaa").is_err());
        assert_eq!(
            check_password("p", "Password1234").map_err(|e| e.code),
            Err("common_password")
        );
        assert!(check_password("p", "río de la plata al atardecer").is_ok());
    }

    #[test]
    fn grant_claims_round_trip() {
        let city = CityId::new();
        let grant =
            Grant::new(Role::FocalPoint, Scope::City(city)).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(parse_grant_claim(&grant_claim(&grant)), Some(grant));
        assert_eq!(
            parse_grant_claim("secretariat_admin"),
            Grant::new(Role::SecretariatAdmin, Scope::Network).ok()
        );
        assert_eq!(parse_grant_claim("focal_point"), None);
        assert_eq!(parse_grant_claim("king"), None);
    }
}
