//! Logs, and the middleware every request passes through: request id, span, problem
//! rendering in the caller's language, security headers, and one log line per request.

use crate::error::{ApiError, Problem};
use crate::extract::RequestId;
use crate::problem::ProblemCode;
use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{Error, HttpMessage, HttpResponse};
use std::time::Instant;
use tracing::Instrument;
use tracing_subscriber::EnvFilter;

/// Starts logging to standard error; `RUST_LOG` overrides the default filter.
pub fn init(json: bool) {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,sea_orm=warn,sea_orm_migration=warn"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    // A second initialisation (tests) keeps the first subscriber.
    let _ = if json {
        builder.json().try_init()
    } else {
        builder.try_init()
    };
}

fn valid_request_id(value: &HeaderValue) -> Option<String> {
    let s = value.to_str().ok()?;
    let ok = !s.is_empty()
        && s.len() <= 64
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    ok.then(|| s.to_owned())
}

/// Where the secret address of a calendar feed begins: the rest of its path is a credential.
const SECRET_PATHS: &str = "/api/v1/calendar-feeds/";

/// The path as the log keeps it: a calendar feed's secret is never written there.
fn loggable(path: &str) -> String {
    match path.strip_prefix(SECRET_PATHS) {
        Some(rest) => {
            let tail = rest.split_once('/').map(|(_, t)| t).unwrap_or_default();
            format!("{SECRET_PATHS}…/{tail}")
        }
        None => path.to_owned(),
    }
}

pub async fn middleware(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    let started = Instant::now();
    let request_id = req
        .headers()
        .get("x-request-id")
        .and_then(valid_request_id)
        .unwrap_or_else(|| uuid::Uuid::now_v7().simple().to_string());
    req.extensions_mut().insert(RequestId(request_id.clone()));
    let lang = crate::i18n::negotiate(
        req.headers()
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok()),
    );
    let method = req.method().to_string();
    let path = loggable(req.path());
    let is_api = path.starts_with("/api/v1") || path.starts_with("/health");
    let span =
        tracing::info_span!("request", request_id = %request_id, method = %method, path = %path);

    let response = match next.call(req).instrument(span.clone()).await {
        Ok(res) => res.map_into_boxed_body(),
        Err(err) => return Err(err),
    };
    let (request, mut response) = response.into_parts();

    let problem = response.extensions().get::<Problem>().cloned().or_else(|| {
        let status = response.status();
        let is_problem = response
            .headers()
            .get(header::CONTENT_TYPE)
            .is_some_and(|ct| ct.as_bytes().starts_with(b"application/problem+json"));
        (status.is_client_error() || status.is_server_error())
            .then_some(())
            .filter(|_| !is_problem)
            .map(|_| fallback_problem(status))
    });
    if let Some(problem) = problem {
        let document = problem.render(lang, &request_id);
        let retry_after = response.headers().get(header::RETRY_AFTER).cloned();
        let mut rebuilt = HttpResponse::build(problem.status);
        rebuilt.content_type("application/problem+json");
        if let Some(value) = retry_after {
            rebuilt.insert_header((header::RETRY_AFTER, value));
        }
        for (name, value) in response.headers() {
            if name == header::ALLOW
                || name == header::WWW_AUTHENTICATE
                || name.as_str().starts_with("access-control-")
                || name.as_str().starts_with("ratelimit")
            {
                rebuilt.insert_header((name.clone(), value.clone()));
            }
        }
        if problem.status == StatusCode::UNAUTHORIZED {
            rebuilt.insert_header((header::WWW_AUTHENTICATE, "Bearer"));
        }
        response = rebuilt.json(document);
    }

    let headers = response.headers_mut();
    let set = |headers: &mut header::HeaderMap, name: &'static str, value: &'static str| {
        headers.insert(
            HeaderName::from_static(name),
            HeaderValue::from_static(value),
        );
    };
    if let Ok(value) = HeaderValue::from_str(&request_id) {
        headers.insert(HeaderName::from_static("x-request-id"), value);
    }
    set(headers, "x-content-type-options", "nosniff");
    set(headers, "referrer-policy", "no-referrer");
    set(headers, "x-frame-options", "DENY");
    set(headers, "cross-origin-opener-policy", "same-origin");
    if headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        // The handler chose its own policy (a printable document with its own styles).
    } else if is_api {
        set(
            headers,
            "content-security-policy",
            "default-src 'none'; frame-ancestors 'none'",
        );
        set(headers, "cache-control", "no-store");
    } else {
        set(
            headers,
            "content-security-policy",
            "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self' 'unsafe-inline'; frame-ancestors 'none'",
        );
    }

    let status = response.status().as_u16();
    let elapsed_ms = started.elapsed().as_secs_f64() * 1000.0;
    span.in_scope(|| {
        if status >= 500 {
            tracing::error!(status, elapsed_ms, "request");
        } else {
            tracing::info!(status, elapsed_ms, "request");
        }
    });
    Ok(ServiceResponse::new(request, response))
}

/// A problem for an error answered by the framework itself.
fn fallback_problem(status: StatusCode) -> Problem {
    let error = match status.as_u16() {
        404 => ApiError::new(ProblemCode::NotFound, "route_not_found"),
        405 => ApiError::new(ProblemCode::MethodNotAllowed, "method_not_allowed"),
        413 => ApiError::new(ProblemCode::PayloadTooLarge, "payload_too_large").with("limit", "-"),
        415 => ApiError::new(ProblemCode::UnsupportedMediaType, "unsupported_media_type"),
        400..=499 => ApiError::malformed_body("-"),
        503 => ApiError::new(ProblemCode::Unavailable, "unavailable"),
        _ => ApiError::new(ProblemCode::Internal, "internal"),
    };
    let mut problem = error.problem;
    problem.status = status;
    problem
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_calendar_feeds_secret_stays_out_of_the_log() {
        assert_eq!(
            loggable("/api/v1/calendar-feeds/s3cr3t/events.ics"),
            "/api/v1/calendar-feeds/…/events.ics"
        );
        assert_eq!(loggable("/api/v1/events.ics"), "/api/v1/events.ics");
    }
}
