//! Extractors that turn every malformed input into a problem naming what was wrong.

use crate::error::{ApiError, ApiResult};
use crate::formats::{MAX_DEPTH, nesting_depth};
use crate::problem::ProblemCode;
use crate::state::AppState;
use actix_web::dev::Payload;
use actix_web::error::PayloadError;
use actix_web::http::header;
use actix_web::{FromRequest, HttpMessage, HttpRequest, web};
use futures_util::future::LocalBoxFuture;
use futures_util::{FutureExt, StreamExt};
use mercociudades_domain::FieldError;
use mercociudades_domain::validation::codes;
use mercociudades_persistence::repositories::Expected;
use serde::de::DeserializeOwned;
use std::future::{Ready, ready};

/// The configured body limit, in bytes.
fn body_limit(req: &HttpRequest) -> usize {
    req.app_data::<web::Data<AppState>>()
        .map(|s| s.settings.body_limit)
        .unwrap_or(2 * 1024 * 1024)
}

/// The length a request declares, if any.
pub fn declared_length(req: &HttpRequest) -> Option<usize> {
    req.headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok())
}

/// Reads a request body whole, at most `limit` bytes: a body declared or sent larger is
/// refused with 413 naming the limit. Every body of the API is read by this function.
pub async fn read_body(
    mut payload: impl futures_util::Stream<Item = Result<web::Bytes, PayloadError>> + Unpin,
    declared: Option<usize>,
    limit: usize,
) -> ApiResult<web::Bytes> {
    let too_large =
        || ApiError::new(ProblemCode::PayloadTooLarge, "payload_too_large").with("limit", limit);
    if declared.is_some_and(|n| n > limit) {
        return Err(too_large());
    }
    let mut body = web::BytesMut::new();
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(ApiError::malformed_body)?;
        if body.len() + chunk.len() > limit {
            return Err(too_large());
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body.freeze())
}

/// A request body of any type, read whole within the configured body limit.
pub struct Body(pub web::Bytes);

impl FromRequest for Body {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let (limit, declared) = (body_limit(req), declared_length(req));
        let payload = payload.take();
        Box::pin(async move { read_body(payload, declared, limit).await.map(Body) })
    }
}

/// A JSON body, read within the body limit and parsed so that a failure names its field.
pub struct JsonBody<T>(pub T);

impl<T: DeserializeOwned + 'static> FromRequest for JsonBody<T> {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        Box::pin(read_json(req.clone(), payload.take()).map(|r| r.map(JsonBody)))
    }
}

/// Reads a request's JSON body: sent as JSON, within the body limit, parsed so that a failure
/// names its field.
pub async fn read_json<T: DeserializeOwned>(req: HttpRequest, payload: Payload) -> ApiResult<T> {
    let is_json = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| {
            let essence = ct
                .split(';')
                .next()
                .unwrap_or_default()
                .trim()
                .to_ascii_lowercase();
            essence == "application/json" || essence.ends_with("+json")
        });
    if !is_json {
        return Err(ApiError::new(
            ProblemCode::UnsupportedMediaType,
            "unsupported_media_type",
        ));
    }
    let body = read_body(payload, declared_length(&req), body_limit(&req)).await?;
    parse_json(&body)
}

/// Parses JSON; a type error, an unknown field or a missing one is answered as a validation
/// problem on that field, a syntax error as a malformed body.
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    // Every body of this API is a JSON object; say so rather than name a field of an array.
    match bytes.iter().find(|b| !b.is_ascii_whitespace()) {
        None => return Err(ApiError::malformed_body("empty body")),
        Some(b'{') => {}
        Some(b'[' | b'"' | b't' | b'f' | b'n' | b'-' | b'0'..=b'9') => {
            return Err(ApiError::field(
                FieldError::new("", codes::INVALID_TYPE).with("expected", "a JSON object"),
            ));
        }
        Some(_) => {}
    }
    if let Ok(text) = std::str::from_utf8(bytes)
        && nesting_depth(text, MAX_DEPTH, false) > MAX_DEPTH
    {
        return Err(ApiError::malformed_body(format!(
            "nested more than {MAX_DEPTH} levels deep"
        )));
    }
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let value = serde_path_to_error::deserialize(&mut de);
    match value {
        Ok(v) => match de.end() {
            Ok(()) => Ok(v),
            Err(e) => Err(ApiError::malformed_body(e)),
        },
        Err(err) => {
            let path = err.path().to_string();
            let inner = err.into_inner();
            use serde_json::error::Category;
            match inner.classify() {
                Category::Data => Err(ApiError::field(data_error(&path, &inner.to_string()))),
                Category::Syntax | Category::Eof | Category::Io => {
                    Err(ApiError::malformed_body(inner))
                }
            }
        }
    }
}

/// Turns a serde data error message into a field error.
pub fn data_error(path: &str, message: &str) -> FieldError {
    // serde_json appends " at line L column C"
    let message = message.split(" at line ").next().unwrap_or(message);
    let field = if path == "." {
        String::new()
    } else {
        path.to_owned()
    };
    let between_ticks = |m: &str| m.split('`').nth(1).map(str::to_owned);
    if let Some(rest) = message.strip_prefix("unknown field") {
        // The path of an unknown field already ends with its name.
        let full = if field.is_empty() {
            between_ticks(rest).unwrap_or_default()
        } else {
            field
        };
        return FieldError::new(full, codes::UNKNOWN_FIELD);
    }
    if let Some(rest) = message.strip_prefix("missing field") {
        let name = between_ticks(rest).unwrap_or_default();
        let full = if field.is_empty() {
            name
        } else {
            format!("{field}.{name}")
        };
        return FieldError::new(full, codes::REQUIRED);
    }
    if message.starts_with("invalid type") || message.starts_with("invalid length") {
        let expected = message
            .split(", expected ")
            .nth(1)
            .unwrap_or("another type")
            .to_owned();
        return FieldError::new(field, codes::INVALID_TYPE).with("expected", expected);
    }
    if message.starts_with("unknown variant") {
        let allowed = message
            .split("expected one of ")
            .nth(1)
            .or_else(|| message.split("expected ").nth(1))
            .unwrap_or_default()
            .replace('`', "");
        return FieldError::new(field, codes::UNKNOWN_VALUE).with("allowed", allowed);
    }
    if message.starts_with("invalid value") {
        let expected = message
            .split(", expected ")
            .nth(1)
            .unwrap_or("another value")
            .to_owned();
        return FieldError::new(field, codes::INVALID_TYPE).with("expected", expected);
    }
    FieldError::new(field, codes::MALFORMED).with("reason", message)
}

/// The longest value of a query parameter, in characters.
pub const PARAMETER_MAX: usize = 200;

/// Query parameters into a struct of optional strings; an unknown parameter is refused, so
/// that a typo is not silently ignored, and so is a value over [`PARAMETER_MAX`] characters.
pub struct QueryParams<T>(pub T);

impl<T: DeserializeOwned> FromRequest for QueryParams<T> {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let pairs: Vec<(String, String)> =
            serde_urlencoded::from_str(req.query_string()).unwrap_or_default();
        let too_long: Vec<FieldError> = pairs
            .iter()
            .filter(|(_, value)| value.chars().count() > PARAMETER_MAX)
            .map(|(name, _)| FieldError::new(name, codes::TOO_LONG).with("max", PARAMETER_MAX))
            .collect();
        if !too_long.is_empty() {
            return ready(Err(ApiError::validation(too_long)));
        }
        let parsed = serde_urlencoded::from_str::<T>(req.query_string()).map_err(|e| {
            let message = e.to_string();
            if message.starts_with("unknown field") || message.starts_with("missing field") {
                ApiError::field(data_error("", &message))
            } else {
                ApiError::new(ProblemCode::MalformedQuery, "malformed_query")
                    .with("reason", message)
            }
        });
        ready(parsed.map(QueryParams))
    }
}

/// The version a write is based on, from `If-Match` (428 when missing): an ETag the client
/// read, or `*`, which RFC 9110 makes true of any current version of an existing record.
pub struct IfMatch(pub Expected);

impl FromRequest for IfMatch {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let Some(value) = req.headers().get(header::IF_MATCH) else {
            return ready(Err(ApiError::new(
                ProblemCode::PreconditionRequired,
                "precondition_required",
            )));
        };
        let parsed = value.to_str().ok().map(str::trim).and_then(|v| {
            if v == "*" {
                return Some(Expected::Any);
            }
            v.trim_start_matches("W/")
                .trim_matches('"')
                .parse::<i32>()
                .ok()
                .map(Expected::Version)
        });
        ready(
            parsed.map(IfMatch).ok_or_else(|| {
                ApiError::new(ProblemCode::PreconditionFailed, "if_match_malformed")
            }),
        )
    }
}

/// The ETag of a version.
pub fn etag(version: i32) -> header::EntityTag {
    header::EntityTag::new_strong(version.to_string())
}

/// The id of the current request.
#[derive(Debug, Clone)]
pub struct RequestId(pub String);

impl FromRequest for RequestId {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let id = req
            .extensions()
            .get::<RequestId>()
            .cloned()
            .unwrap_or_else(|| RequestId(String::new()));
        ready(Ok(id))
    }
}

/// The ids of a request's path, typed: `Ids<CityId>`, `Ids<(PlanId, NodeId)>`. A segment that
/// is not a UUID answers 404, as an unknown record would.
pub struct Ids<T>(pub T);

impl<T: DeserializeOwned> FromRequest for Ids<T> {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(
            req.match_info()
                .load::<T>()
                .map(Ids)
                .map_err(|_| ApiError::not_found()),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Input {
        name: String,
        population: Option<i64>,
    }

    fn field_of(body: &str) -> (String, String) {
        match parse_json::<Input>(body.as_bytes()) {
            Ok(_) => ("".into(), "ok".into()),
            Err(e) => (
                e.problem
                    .errors
                    .first()
                    .map(|f| f.field.clone())
                    .unwrap_or_default(),
                e.problem
                    .errors
                    .first()
                    .map(|f| f.code.to_owned())
                    .unwrap_or(e.problem.code.as_str().to_owned()),
            ),
        }
    }

    #[test]
    fn names_the_field() {
        assert_eq!(
            field_of(r#"{"name":"x","population":"many"}"#),
            ("population".into(), "invalid_type".into())
        );
        assert_eq!(
            field_of(r#"{"name":"x","mayor":"y"}"#),
            ("mayor".into(), "unknown_field".into())
        );
        assert_eq!(
            field_of(r#"{"population":1}"#),
            ("name".into(), "required".into())
        );
        assert_eq!(
            field_of(r#"{"name":"x""#),
            ("".into(), "malformed_body".into())
        );
        assert_eq!(
            field_of(r#"{"name":"x"} trailing"#),
            ("".into(), "malformed_body".into())
        );
        assert_eq!(field_of(r#"{"name":"x"}"#), ("".into(), "ok".into()));
        let deep = format!(
            r#"{{"name":"x","population":{}1{}}}"#,
            "[".repeat(65),
            "]".repeat(65)
        );
        assert_eq!(field_of(&deep), ("".into(), "malformed_body".into()));
    }
}
