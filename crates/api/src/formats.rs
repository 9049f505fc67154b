//! The representations the API speaks besides JSON: CSV for spreadsheets and YAML for plan
//! documents. What a request sends (`Content-Type`) and asks for (`Accept`) is read here, and
//! CSV and YAML answers are written here.

use crate::error::{ApiError, ApiResult};
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse};
use serde::Serialize;

/// The formats a body may come in or an answer go out in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Csv,
    Yaml,
}

impl Format {
    /// The format a media type names (parameters and case aside), if it is one of ours.
    pub fn of_media_type(value: &str) -> Option<Format> {
        let essence = value
            .split(';')
            .next()
            .unwrap_or_default()
            .trim()
            .to_ascii_lowercase();
        match essence.as_str() {
            "application/json" => Some(Format::Json),
            "text/csv" => Some(Format::Csv),
            "application/yaml" | "application/x-yaml" | "text/yaml" => Some(Format::Yaml),
            _ => None,
        }
    }
}

/// The format of the request's body, from its `Content-Type`.
pub fn sent(req: &HttpRequest) -> Option<Format> {
    req.headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(Format::of_media_type)
}

/// Whether the request's `Accept` names `format` among the media types it takes.
pub fn accepts(req: &HttpRequest, format: Format) -> bool {
    req.headers()
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|accept| {
            accept
                .split(',')
                .any(|media| Format::of_media_type(media) == Some(format))
        })
}

/// A CSV answer: a header row, then the rows.
pub fn csv<H, R, C>(header_row: H, rows: impl IntoIterator<Item = R>) -> ApiResult<HttpResponse>
where
    H: IntoIterator<Item = C>,
    R: IntoIterator<Item = C>,
    C: AsRef<[u8]>,
{
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer
        .write_record(header_row)
        .map_err(ApiError::internal)?;
    for row in rows {
        writer.write_record(row).map_err(ApiError::internal)?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| ApiError::internal(anyhow::anyhow!("{e}")))?;
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .body(bytes))
}

/// The deepest nesting a document may have: far more than any plan needs (a plan is six levels
/// deep), and little enough that a refused document costs next to nothing to read.
pub const MAX_DEPTH: usize = 64;

/// How deeply a YAML or JSON text nests, read in one pass without parsing it: flow levels by
/// brackets and braces (quoted text and comments aside), plus, in YAML (`blocks`), block levels
/// by indentation. Stops counting past `limit`.
pub fn nesting_depth(text: &str, limit: usize, blocks: bool) -> usize {
    let mut deepest = 0;
    let mut flow = 0usize;
    let mut indents: Vec<usize> = Vec::new();
    for line in text.lines() {
        let content = line.trim_start_matches([' ', '-']);
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        if blocks && flow == 0 {
            let indent = line.len() - content.len();
            while indents.last().is_some_and(|top| *top > indent) {
                indents.pop();
            }
            if indents.last().is_none_or(|top| *top < indent) {
                indents.push(indent);
            }
        }
        let mut quote: Option<char> = None;
        for c in content.chars() {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'') => quote = Some(c),
                (None, '#') => break,
                (None, '[' | '{') => {
                    flow += 1;
                    deepest = deepest.max(indents.len() + flow);
                }
                (None, ']' | '}') => flow = flow.saturating_sub(1),
                _ => {}
            }
            if deepest > limit {
                return deepest;
            }
        }
        deepest = deepest.max(indents.len() + flow);
        if deepest > limit {
            return deepest;
        }
    }
    deepest
}

/// What is answered as JSON, or as CSV rows to whoever asks for `text/csv`.
pub trait Tabular: Serialize {
    /// The header row, and the rows.
    fn table(&self) -> (Vec<String>, Vec<Vec<String>>);
}

/// `value` as JSON, or as CSV when the request asks for it.
pub fn json_or_csv<T: Tabular>(req: &HttpRequest, value: &T) -> ApiResult<HttpResponse> {
    if accepts(req, Format::Csv) {
        let (header_row, rows) = value.table();
        csv(header_row, rows)
    } else {
        Ok(HttpResponse::Ok().json(value))
    }
}

/// A YAML answer.
pub fn yaml<T: Serialize>(value: &T) -> ApiResult<HttpResponse> {
    let body = serde_norway::to_string(value).map_err(ApiError::internal)?;
    Ok(HttpResponse::Ok()
        .content_type("application/yaml; charset=utf-8")
        .body(body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn media_types_name_their_format() {
        assert_eq!(
            Format::of_media_type("text/csv; charset=utf-8"),
            Some(Format::Csv)
        );
        assert_eq!(
            Format::of_media_type(" Application/X-YAML"),
            Some(Format::Yaml)
        );
        assert_eq!(
            Format::of_media_type("application/json"),
            Some(Format::Json)
        );
        assert_eq!(Format::of_media_type("text/plain"), None);
    }

    #[test]
    fn nesting_is_counted_without_parsing() {
        assert_eq!(nesting_depth("a: 1\nb:\n  c: 2\n", 64, true), 2);
        assert_eq!(nesting_depth("a: [1, [2, {b: 3}]]\n", 64, true), 4);
        assert_eq!(nesting_depth("a: \"[[[[\"  # [[[\n", 64, true), 1);
        assert_eq!(
            nesting_depth("{\n  \"a\": {\n    \"b\": [1]\n  }\n}\n", 64, false),
            3
        );
        let deep = format!("format: {}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert!(nesting_depth(&deep, MAX_DEPTH, true) > MAX_DEPTH);
        let indented: String = (0..200)
            .map(|i| format!("{}k{i}:\n", " ".repeat(i)))
            .collect();
        assert!(nesting_depth(&indented, MAX_DEPTH, true) > MAX_DEPTH);
    }

    #[test]
    fn accept_lists_are_read_whole() {
        let req = actix_web::test::TestRequest::default()
            .insert_header((header::ACCEPT, "application/json, text/yaml;q=0.5"))
            .to_http_request();
        assert!(accepts(&req, Format::Yaml));
        assert!(!accepts(&req, Format::Csv));
    }

    #[test]
    fn csv_writes_the_header_then_the_rows() {
        let res = csv(["a", "b"], [["1", "x,y"]]).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            res.headers()
                .get(header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok()),
            Some("text/csv; charset=utf-8")
        );
    }
}
