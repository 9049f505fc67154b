//! Authentication: passwords, access tokens (JWT), refresh and API tokens, sign-in
//! throttling, and the extractor that turns a request's credentials into an actor.

use crate::error::ApiError;
use crate::extract::RequestId;
use crate::state::AppState;
use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpMessage, HttpRequest, web};
use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use futures_util::future::LocalBoxFuture;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use mercociudades_domain::FieldError;
use mercociudades_domain::access::{Actor, Grant, Principal, Role, Scope};
use mercociudades_domain::ids::{ApiTokenId, BodyId, CityId, UserId};
use mercociudades_domain::validation::codes;
use mercociudades_persistence::audit::{ActorKind, Who};
use rand::RngCore;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};
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

/// Failed sign-ins per account and per client address, with growing delays.
pub struct Throttle {
    entries: Mutex<HashMap<String, (u32, Instant)>>,
    free_failures: u32,
    max_lockout: Duration,
}

impl Throttle {
    pub fn new(free_failures: u32, max_lockout_seconds: u64) -> Self {
        Self {
            entries: Mutex::new(HashMap::new()),
            free_failures,
            max_lockout: Duration::from_secs(max_lockout_seconds),
        }
    }

    /// Seconds to wait before another attempt for any of `keys`, if any.
    pub fn wait(&self, keys: &[String]) -> Option<u64> {
        let entries = self.entries.lock().ok()?;
        let now = Instant::now();
        keys.iter()
            .filter_map(|k| entries.get(k))
            .filter(|(_, until)| *until > now)
            .map(|(_, until)| (*until - now).as_secs().max(1))
            .max()
    }

    pub fn failed(&self, keys: &[String]) {
        let Ok(mut entries) = self.entries.lock() else {
            return;
        };
        let now = Instant::now();
        if entries.len() > 100_000 {
            entries.retain(|_, (_, until)| *until + Duration::from_secs(3600) > now);
        }
        for key in keys {
            let entry = entries.entry(key.clone()).or_insert((0, now));
            entry.0 += 1;
            if entry.0 > self.free_failures {
                let exponent = (entry.0 - self.free_failures - 1).min(20);
                let delay = Duration::from_secs(1u64 << exponent).min(self.max_lockout);
                entry.1 = now + delay;
            }
        }
    }

    pub fn succeeded(&self, key: &str) {
        if let Ok(mut entries) = self.entries.lock() {
            entries.remove(key);
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

impl FromRequest for Auth {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let state = req.app_data::<web::Data<AppState>>().cloned();
        let token = bearer(req);
        let request_id = req.extensions().get::<RequestId>().map(|r| r.0.clone());
        Box::pin(async move {
            let state = state
                .ok_or_else(|| ApiError::internal(anyhow::anyhow!("application state missing")))?;
            let token = token.ok_or_else(|| ApiError::unauthenticated("missing_token"))?;
            let invalid = || ApiError::unauthenticated("invalid_token");
            if token.starts_with(API_TOKEN_PREFIX) {
                let record = state
                    .store
                    .api_token_for_use(&token_hash(&token))
                    .await?
                    .ok_or_else(invalid)?;
                return Ok(Auth {
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
                });
            }
            let claims = state.keys.verify_access(&token).ok_or_else(invalid)?;
            let user = UserId(claims.sub);
            if state
                .sessions_ended_at(user)
                .is_some_and(|ended| issued_ms(&claims) <= ended)
            {
                return Err(invalid());
            }
            let grants = claims
                .roles
                .iter()
                .filter_map(|c| parse_grant_claim(c))
                .collect();
            Ok(Auth {
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
            })
        })
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

    #[test]
    fn throttle_grows_delays() {
        let throttle = Throttle::new(2, 60);
        let keys = vec!["a".to_owned()];
        throttle.failed(&keys);
        throttle.failed(&keys);
        assert_eq!(throttle.wait(&keys), None);
        throttle.failed(&keys);
        assert!(throttle.wait(&keys).is_some());
        throttle.succeeded("a");
        assert_eq!(throttle.wait(&keys), None);
    }
}
