//! Request rate limits: every call to the API counts against its caller, a signed-in user or
//! an API token, or, for anonymous calls, the client's address. Each caller may make a
//! configured number of requests per window; past it the API answers 429 with `Retry-After`.
//! Every answer carries the `RateLimit-Policy` and `RateLimit` headers of the IETF draft
//! (draft-ietf-httpapi-ratelimit-headers), so that clients can pace themselves.
//!
//! The counts live in this process: a second instance counts apart (the limits are per
//! instance). Nothing here weakens a revocation; a rate limit only refuses.

use crate::auth::Credentials;
use crate::configuration::RateLimitSettings;
use crate::error::ApiError;
use crate::problem::ProblemCode;
use crate::state::AppState;
use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{HttpMessage, ResponseError, web};
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{SystemTime, UNIX_EPOCH};

pub const POLICY_HEADER: &str = "ratelimit-policy";
pub const STATE_HEADER: &str = "ratelimit";

/// Who a request counts against.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Caller {
    User(uuid::Uuid),
    Token(uuid::Uuid),
    Address(String),
}

impl Caller {
    /// The policy's name in the headers: `caller` for users and tokens, `address` otherwise.
    fn policy(&self) -> &'static str {
        match self {
            Caller::User(_) | Caller::Token(_) => "caller",
            Caller::Address(_) => "address",
        }
    }
}

/// What one request left of its caller's allowance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quota {
    /// Requests allowed per window.
    pub limit: u32,
    /// Requests left in this window after this one.
    pub remaining: u32,
    /// Seconds until the window ends.
    pub reset: u64,
    /// Whether this request is within the allowance.
    pub allowed: bool,
}

/// The counts of the current windows, per caller.
pub struct RateLimiter {
    settings: RateLimitSettings,
    windows: Mutex<HashMap<Caller, (u64, u32)>>,
}

/// Windows kept before old ones are swept away.
const SWEEP_AT: usize = 10_000;

impl RateLimiter {
    pub fn new(settings: RateLimitSettings) -> Self {
        Self {
            settings,
            windows: Mutex::new(HashMap::new()),
        }
    }

    fn limit_for(&self, caller: &Caller) -> u32 {
        match caller {
            Caller::User(_) | Caller::Token(_) => self.settings.per_caller,
            Caller::Address(_) => self.settings.per_address,
        }
    }

    /// Counts one request of `caller` at `now` (seconds since the epoch); `None` when the
    /// caller's kind has no limit.
    pub fn count(&self, caller: &Caller, now: u64) -> Option<Quota> {
        let limit = self.limit_for(caller);
        if limit == 0 {
            return None;
        }
        let window = self.settings.window_seconds.max(1);
        let index = now / window;
        let reset = window - now % window;
        let mut windows = self.windows.lock().unwrap_or_else(|e| e.into_inner());
        if windows.len() >= SWEEP_AT {
            windows.retain(|_, (i, _)| *i == index);
        }
        let entry = windows.entry(caller.clone()).or_insert((index, 0));
        if entry.0 != index {
            *entry = (index, 0);
        }
        let allowed = entry.1 < limit;
        if allowed {
            entry.1 += 1;
        }
        Some(Quota {
            limit,
            remaining: limit - entry.1,
            reset,
            allowed,
        })
    }

    /// The `RateLimit-Policy` and `RateLimit` header values for a quota.
    fn headers(&self, caller: &Caller, quota: Quota) -> [(HeaderName, String); 2] {
        let name = caller.policy();
        [
            (
                HeaderName::from_static(POLICY_HEADER),
                format!(
                    "\"{name}\";q={};w={}",
                    quota.limit,
                    self.settings.window_seconds.max(1)
                ),
            ),
            (
                HeaderName::from_static(STATE_HEADER),
                format!("\"{name}\";r={};t={}", quota.remaining, quota.reset),
            ),
        ]
    }
}

/// Whether a path is the API's (documented operations), not the SPA's files.
fn limited(path: &str) -> bool {
    path.starts_with("/api/v1") || path.starts_with("/health")
}

fn caller_of(req: &ServiceRequest) -> Caller {
    if let Some(Credentials(Some(auth))) = req.extensions().get::<Credentials>()
        && let Some(id) = auth.who.id
    {
        return match auth.who.kind {
            mercociudades_persistence::audit::ActorKind::Token => Caller::Token(id),
            _ => Caller::User(id),
        };
    }
    Caller::Address(
        req.peer_addr()
            .map(|a| a.ip().to_string())
            .unwrap_or_default(),
    )
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or_default()
}

/// The middleware: counts the request, refuses it past the limit, and adds the headers.
pub async fn middleware(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, actix_web::Error> {
    if !limited(req.path()) {
        return Ok(next.call(req).await?.map_into_left_body());
    }
    let Some(state) = req.app_data::<web::Data<AppState>>().cloned() else {
        return Ok(next.call(req).await?.map_into_left_body());
    };
    let caller = caller_of(&req);
    let Some(quota) = state.rate_limits.count(&caller, now()) else {
        return Ok(next.call(req).await?.map_into_left_body());
    };
    let headers = state.rate_limits.headers(&caller, quota);
    let mut res = if quota.allowed {
        next.call(req).await?.map_into_left_body()
    } else {
        let error = ApiError::new(ProblemCode::TooManyRequests, "rate_limited")
            .with("retry_after", quota.reset)
            .retry_after(quota.reset);
        let response = error.error_response();
        req.into_response(response).map_into_right_body()
    };
    for (name, value) in headers {
        if let Ok(value) = HeaderValue::from_str(&value) {
            res.headers_mut().insert(name, value);
        }
    }
    Ok(res)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limiter(per_caller: u32, per_address: u32) -> RateLimiter {
        RateLimiter::new(RateLimitSettings {
            window_seconds: 60,
            per_caller,
            per_address,
        })
    }

    #[test]
    fn a_caller_is_refused_past_the_limit_until_the_window_ends() {
        let limits = limiter(3, 1);
        let me = Caller::User(uuid::Uuid::nil());
        let t = 6_000; // the start of a window
        let quotas: Vec<Quota> = (0..4)
            .map(|i| {
                limits
                    .count(&me, t + i)
                    .unwrap_or_else(|| panic!("limited"))
            })
            .collect();
        assert_eq!(
            quotas.iter().map(|q| q.allowed).collect::<Vec<_>>(),
            [true, true, true, false]
        );
        assert_eq!(
            quotas.iter().map(|q| q.remaining).collect::<Vec<_>>(),
            [2, 1, 0, 0]
        );
        assert_eq!(quotas[3].reset, 57);
        assert_eq!(quotas[0].limit, 3);
        // The next window starts afresh.
        assert!(limits.count(&me, t + 60).is_some_and(|q| q.allowed));
    }

    #[test]
    fn callers_count_apart_and_anonymous_calls_count_per_address() {
        let limits = limiter(2, 1);
        let a = Caller::Address("192.0.2.1".into());
        let b = Caller::Address("192.0.2.2".into());
        let user = Caller::User(uuid::Uuid::nil());
        let token = Caller::Token(uuid::Uuid::nil());
        assert!(limits.count(&a, 0).is_some_and(|q| q.allowed));
        assert!(limits.count(&a, 1).is_some_and(|q| !q.allowed));
        assert!(limits.count(&b, 1).is_some_and(|q| q.allowed));
        assert!(limits.count(&user, 1).is_some_and(|q| q.allowed));
        assert!(limits.count(&token, 1).is_some_and(|q| q.allowed));
        assert!(limits.count(&user, 2).is_some_and(|q| q.allowed));
        assert!(limits.count(&user, 3).is_some_and(|q| !q.allowed));
    }

    #[test]
    fn a_limit_of_zero_is_no_limit() {
        let limits = limiter(0, 5);
        assert_eq!(limits.count(&Caller::User(uuid::Uuid::nil()), 0), None);
    }

    #[test]
    fn headers_follow_the_draft() {
        let limits = limiter(100, 10);
        let caller = Caller::Address("192.0.2.1".into());
        let quota = limits
            .count(&caller, 30)
            .unwrap_or_else(|| panic!("limited"));
        let [policy, state] = limits.headers(&caller, quota);
        assert_eq!(policy.1, "\"address\";q=10;w=60");
        assert_eq!(state.1, "\"address\";r=9;t=30");
    }
}
