//! What every operation of the document says alike, added once over the whole document rather
//! than on each handler: the answers any request may get (429 past a rate limit, 500), the
//! headers every answer carries (`RateLimit`, `RateLimit-Policy`, and the CORS origin for the
//! SPA's browsers), a description on every answer, and bounds on every string, integer and
//! array that has none of its own: the bound the server enforces for its kind of value.

use crate::extract::PARAMETER_MAX;
use crate::problem::ProblemCode;
use mercociudades_domain::plan::{MAX_NODES, TEXT_MAX};
use mercociudades_domain::text::{refused_in_name, refused_in_text};
use serde_json::{Map, Value, json};
use std::fmt::Write;
use std::sync::LazyLock;

/// The longest value of a string with a format, by format.
fn format_bound(format: &str) -> Option<u64> {
    Some(match format {
        "uuid" => 36,
        "date" => 10,
        "date-time" => 64,
        "email" => 254,
        "uri" => 2048,
        _ => return None,
    })
}

/// The kinds of text the schemas name by a format of their own, written out as the pattern
/// the server's rules amount to: `name` (one line, no invisible characters), `text` (line
/// breaks and tabs allowed) and `country-code` (two letters, as the server reads them). A name
/// or a text holds a character that is not white space, and none that the server refuses.
fn text_kind(format: &str) -> Option<(&'static str, u64)> {
    Some(match format {
        "name" => (NAME_PATTERN.as_str(), 1),
        "text" => (TEXT_PATTERN.as_str(), 1),
        "country-code" => (COUNTRY_CODE_PATTERN.as_str(), 2),
        _ => return None,
    })
}

static NAME_PATTERN: LazyLock<String> = LazyLock::new(|| non_blank_pattern(refused_in_name));
static TEXT_PATTERN: LazyLock<String> = LazyLock::new(|| non_blank_pattern(refused_in_text));
static COUNTRY_CODE_PATTERN: LazyLock<String> = LazyLock::new(|| {
    let space = SPACE.as_str();
    format!("^[{space}]*[A-Za-z]{{2}}[{space}]*$")
});
/// White space as the server trims it.
static SPACE: LazyLock<String> = LazyLock::new(|| class(char::is_whitespace));

/// White space around at least one character that is neither white space nor refused, and no
/// refused character anywhere.
fn non_blank_pattern(refused: fn(char) -> bool) -> String {
    let space = SPACE.as_str();
    let neither = class(|c| c.is_whitespace() || refused(c));
    let refused = class(refused);
    format!("^[{space}]*[^{neither}][^{refused}]*$")
}

/// The inside of a regular expression's character class holding the characters `member` takes:
/// ranges of code points, those of the Basic Multilingual Plane escaped as `\uXXXX` (which
/// ECMA-262, Python and Rust expressions all read) and the others written as themselves.
fn class(member: impl Fn(char) -> bool) -> String {
    let mut ranges: Vec<(char, char)> = Vec::new();
    for c in (0..=0x10FFFF_u32)
        .filter_map(char::from_u32)
        .filter(|&c| member(c))
    {
        match ranges.last_mut() {
            Some((_, end)) if u32::from(*end) + 1 == u32::from(c) => *end = c,
            _ => ranges.push((c, c)),
        }
    }
    let one = |c: char| match u32::from(c) {
        n if n <= 0xFFFF => format!("\\u{n:04X}"),
        _ => c.to_string(),
    };
    let mut out = String::new();
    for (start, end) in ranges {
        if u32::from(start) > 0xFFFF && start != end {
            // Outside the BMP each character stands alone: a range of them would read as a
            // range of UTF-16 halves where expressions are not Unicode-aware.
            for c in (u32::from(start)..=u32::from(end)).filter_map(char::from_u32) {
                out.push(c);
            }
        } else if start == end {
            out.push_str(&one(start));
        } else {
            let _ = write!(out, "{}-{}", one(start), one(end));
        }
    }
    out
}

/// The JSON-safe integer range (±2^53−1): the server refuses integers outside it.
const INTEGER_BOUND: i64 = 9_007_199_254_740_991;

/// The answers' header schemas.
fn header(description: &str, schema: Value) -> Value {
    json!({"description": description, "schema": schema})
}

fn rate_limit_headers() -> [(&'static str, Value); 2] {
    [
        (
            "RateLimit-Policy",
            header(
                "The caller's rate-limit policy (IETF draft-ietf-httpapi-ratelimit-headers): \
                 `\"caller\"` or `\"address\"`, `q` requests per window of `w` seconds.",
                json!({"type": "string", "maxLength": 200}),
            ),
        ),
        (
            "RateLimit",
            header(
                "What is left of the caller's allowance: `r` requests, `t` seconds until the \
                 window ends.",
                json!({"type": "string", "maxLength": 200}),
            ),
        ),
    ]
}

fn cors_header() -> Value {
    header(
        "Sent to browsers calling from an allowed origin (`cors_origins`).",
        json!({"type": "string", "maxLength": 2048}),
    )
}

fn problem_answer(status: u16) -> Value {
    json!({
        "description": ProblemCode::describe_status(status),
        "content": {"application/problem+json": {
            "schema": {"$ref": "#/components/schemas/ProblemDocument"}
        }}
    })
}

fn retry_after() -> Value {
    header(
        "Seconds to wait before the next request.",
        json!({"type": "integer", "format": "int64", "minimum": 1, "maximum": 31_536_000}),
    )
}

fn reason(status: &str) -> &'static str {
    match status {
        "200" => "OK",
        "201" => "Created",
        "202" => "Accepted",
        "204" => "Done; no content",
        "304" => "Not modified",
        _ => "Answer",
    }
}

/// Completes the document as described in the module's header.
pub fn complete(doc: &mut Value) {
    doc["servers"] = json!([{
        "url": "/",
        "description": "The server that serves this document, in production as in a staging or local setup; operations start at /api/v1 and /health.",
        "x-internal": false
    }]);
    if let Some(paths) = doc.get_mut("paths").and_then(Value::as_object_mut) {
        for item in paths.values_mut() {
            let Some(item) = item.as_object_mut() else {
                continue;
            };
            for (method, operation) in item.iter_mut() {
                if !matches!(method.as_str(), "get" | "post" | "put" | "delete" | "patch") {
                    continue;
                }
                let has_path_parameters = complete_parameters(operation);
                if let Some(responses) = operation
                    .get_mut("responses")
                    .and_then(Value::as_object_mut)
                {
                    if has_path_parameters {
                        responses
                            .entry("404")
                            .or_insert_with(|| problem_answer(404));
                    }
                    complete_responses(responses);
                }
            }
        }
    }
    link_created_records(doc);
    bound_schemas(doc);
}

/// Where a record created by a `POST` is read, when not at the `POST`'s path plus its id.
const CREATED_ELSEWHERE: &[(&str, &str)] = &[
    ("/api/v1/plans/import", "/api/v1/plans/{id}"),
    (
        "/api/v1/plans/{id}/nodes/{node_id}/children",
        "/api/v1/plans/{id}/nodes/{node_id}",
    ),
    (
        "/api/v1/plans/{id}/nodes/{node_id}/reports",
        "/api/v1/reports/{id}",
    ),
    (
        "/api/v1/plans/{id}/nodes/{node_id}/indicators",
        "/api/v1/indicators/{id}",
    ),
];

/// Links each operation that creates a record (201) to the operations on that record, with the
/// id taken from the answer, so that clients (and generated tests) can follow them.
fn link_created_records(doc: &mut Value) {
    let Some(paths) = doc.get("paths").and_then(Value::as_object) else {
        return;
    };
    let mut links: Vec<(String, Map<String, Value>)> = Vec::new();
    for (path, item) in paths {
        if item["post"]["responses"].get("201").is_none() {
            continue;
        }
        let targets: Vec<(&String, &Value)> = paths
            .iter()
            .filter(|(candidate, _)| {
                CREATED_ELSEWHERE.contains(&(path.as_str(), candidate.as_str()))
                    || candidate
                        .strip_prefix(path.as_str())
                        .and_then(|rest| rest.strip_prefix("/{"))
                        .is_some_and(|rest| rest.ends_with('}') && !rest.contains('/'))
            })
            .collect();
        let mut found = Map::new();
        for (target, target_item) in targets {
            let Some(record) = target
                .rsplit_once("/{")
                .map(|(_, p)| p.trim_end_matches('}'))
            else {
                continue;
            };
            let field = match record {
                "id" | "node_id" => "id",
                "city_id" => "city/id",
                other => other,
            };
            let mut parameters = Map::new();
            for segment in target.split('/') {
                let Some(name) = segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) else {
                    continue;
                };
                let source = if name == record {
                    format!("$response.body#/{field}")
                } else {
                    format!("$request.path.{name}")
                };
                parameters.insert(name.to_owned(), Value::from(source));
            }
            for method in ["get", "put", "delete"] {
                if let Some(id) = target_item[method]["operationId"].as_str() {
                    found.insert(
                        id.to_owned(),
                        json!({"operationId": id, "parameters": parameters}),
                    );
                }
            }
        }
        if !found.is_empty() {
            links.push((path.clone(), found));
        }
    }
    for (path, found) in links {
        if let Some(answer) =
            doc["paths"][path.as_str()]["post"]["responses"]["201"].as_object_mut()
        {
            answer.insert("links".into(), Value::Object(found));
        }
    }
}

/// Bounds each parameter as the server does and describes `If-Match`; says whether the
/// operation has path parameters (a record that may not exist: 404).
fn complete_parameters(operation: &mut Value) -> bool {
    let mut in_path = false;
    let Some(parameters) = operation
        .get_mut("parameters")
        .and_then(Value::as_array_mut)
    else {
        return false;
    };
    for parameter in parameters {
        in_path |= parameter["in"] == "path";
        if parameter["name"]
            .as_str()
            .is_some_and(|n| n.eq_ignore_ascii_case("if-match"))
        {
            parameter["required"] = Value::Bool(true);
            parameter["description"] = Value::from(
                "The ETag of the version being changed (`\"3\"`), or `*` for whichever version \
                 is current (RFC 9110).",
            );
            parameter["schema"] = json!({"type": "string", "maxLength": 64});
            continue;
        }
        let schema = &mut parameter["schema"];
        let is_string = schema.as_object().is_some_and(|s| has_type(s, "string"));
        let format = schema.get("format").and_then(Value::as_str);
        if is_string
            && schema.get("maxLength").is_none()
            && format.is_none_or(|f| text_kind(f).is_some())
        {
            schema["maxLength"] = Value::from(PARAMETER_MAX as u64);
        }
    }
    in_path
}

/// Downloads for spreadsheets and calendars: bytes (and CSV or iCalendar text) of any length,
/// described by their media type alone.
const DOWNLOADS: &[&str] = &["text/csv", crate::formats::XLSX, "text/calendar"];

fn complete_responses(responses: &mut Map<String, Value>) {
    responses
        .entry("429")
        .or_insert_with(|| problem_answer(429));
    responses
        .entry("500")
        .or_insert_with(|| problem_answer(500));
    for (status, answer) in responses.iter_mut() {
        let Some(answer) = answer.as_object_mut() else {
            continue;
        };
        if answer
            .get("description")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .is_empty()
        {
            answer.insert("description".into(), Value::from(reason(status)));
        }
        if let Some(content) = answer.get_mut("content").and_then(Value::as_object_mut) {
            for media in DOWNLOADS {
                if let Some(download) = content.get_mut(*media) {
                    *download = json!({});
                }
            }
        }
        let headers = answer
            .entry("headers")
            .or_insert_with(|| Value::Object(Map::new()));
        let Some(headers) = headers.as_object_mut() else {
            continue;
        };
        if status == "429" {
            headers.entry("Retry-After").or_insert_with(retry_after);
        }
        if status.starts_with('2') || status.starts_with('4') {
            for (name, value) in rate_limit_headers() {
                headers.entry(name).or_insert(value);
            }
        }
        headers
            .entry("Access-Control-Allow-Origin")
            .or_insert_with(cors_header);
    }
}

/// Whether a schema's `type` is or includes `name`.
fn has_type(schema: &Map<String, Value>, name: &str) -> bool {
    match schema.get("type") {
        Some(Value::String(t)) => t == name,
        Some(Value::Array(types)) => types.iter().any(|t| t.as_str() == Some(name)),
        _ => false,
    }
}

/// Gives every schema in the document the bounds of its kind where it has none.
fn bound_schemas(value: &mut Value) {
    match value {
        Value::Object(object) => {
            if let Some((pattern, min)) = object
                .get("format")
                .and_then(Value::as_str)
                .and_then(text_kind)
            {
                object.remove("format");
                object.insert("pattern".into(), Value::from(pattern));
                object
                    .entry("minLength")
                    .or_insert_with(|| Value::from(min));
            }
            if has_type(object, "string")
                && !["maxLength", "enum", "const"]
                    .iter()
                    .any(|k| object.contains_key(*k))
            {
                let bound = object
                    .get("format")
                    .and_then(Value::as_str)
                    .and_then(format_bound)
                    .unwrap_or(TEXT_MAX as u64);
                object.insert("maxLength".into(), Value::from(bound));
            }
            if has_type(object, "integer") {
                let bound = match object.get("format").and_then(Value::as_str) {
                    Some("int32") => i64::from(i32::MAX),
                    Some("uint32") => i64::from(u32::MAX),
                    _ => INTEGER_BOUND,
                };
                object
                    .entry("format")
                    .or_insert_with(|| Value::from("int64"));
                if !object.contains_key("exclusiveMinimum") {
                    object
                        .entry("minimum")
                        .or_insert_with(|| Value::from(-bound));
                }
                if !object.contains_key("exclusiveMaximum") {
                    object
                        .entry("maximum")
                        .or_insert_with(|| Value::from(bound));
                }
            }
            if has_type(object, "array") {
                object
                    .entry("maxItems")
                    .or_insert_with(|| Value::from(MAX_NODES as u64));
            }
            for child in object.values_mut() {
                bound_schemas(child);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(bound_schemas),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use serde_json::Value;

    #[test]
    fn every_operation_documents_rate_limits_and_every_value_is_bounded() {
        let doc = serde_json::to_value(super::super::document()).unwrap_or_default();
        assert_eq!(doc["servers"][0]["url"], "/");
        let mut operations = 0;
        for item in doc["paths"]
            .as_object()
            .into_iter()
            .flat_map(|p| p.values())
        {
            for operation in item.as_object().into_iter().flat_map(|o| o.values()) {
                let responses = &operation["responses"];
                let Some(responses) = responses.as_object() else {
                    continue;
                };
                operations += 1;
                assert!(responses["429"]["headers"]["Retry-After"].is_object());
                assert!(responses["500"].is_object());
                for (status, answer) in responses {
                    assert!(
                        answer["description"]
                            .as_str()
                            .is_some_and(|d| !d.is_empty())
                    );
                    if status.starts_with('2') {
                        assert!(answer["headers"]["RateLimit"].is_object(), "{status}");
                    }
                }
            }
        }
        assert!(operations > 80, "{operations}");
        fn unbounded(value: &Value) -> usize {
            match value {
                Value::Object(o) => {
                    let string = o.get("type").is_some_and(|t| {
                        t == "string" || t.as_array().is_some_and(|a| a.contains(&"string".into()))
                    });
                    let bounded = ["maxLength", "enum", "const"]
                        .iter()
                        .any(|k| o.contains_key(*k));
                    usize::from(string && !bounded) + o.values().map(unbounded).sum::<usize>()
                }
                Value::Array(a) => a.iter().map(unbounded).sum(),
                _ => 0,
            }
        }
        assert_eq!(unbounded(&doc), 0);
    }
}
