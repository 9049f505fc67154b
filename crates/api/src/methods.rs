//! The methods each path of the API answers, read from the OpenAPI document, so that a request
//! with another method on a known path is answered 405 with `Allow` (RFC 9110), and only a
//! path that exists nowhere is answered 404.

use crate::error::ApiError;
use crate::problem::ProblemCode;
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, ResponseError};
use std::sync::Arc;

/// The documented paths, as segments (`None` for a `{parameter}`), with their methods.
#[derive(Debug, Default)]
pub struct Methods(Vec<(Vec<Option<String>>, Vec<&'static str>)>);

impl Methods {
    pub fn of(doc: &utoipa::openapi::OpenApi) -> Self {
        let mut paths = Vec::new();
        for (path, item) in &doc.paths.paths {
            let segments = path
                .split('/')
                .map(|s| (!(s.starts_with('{') && s.ends_with('}'))).then(|| s.to_owned()))
                .collect();
            let methods: Vec<&'static str> = [
                ("GET", item.get.is_some()),
                ("POST", item.post.is_some()),
                ("PUT", item.put.is_some()),
                ("DELETE", item.delete.is_some()),
                ("PATCH", item.patch.is_some()),
            ]
            .into_iter()
            .filter_map(|(method, present)| present.then_some(method))
            .collect();
            paths.push((segments, methods));
        }
        Self(paths)
    }

    /// The methods of the documented path `path` matches, if it matches one.
    pub fn allowed(&self, path: &str) -> Option<Vec<&'static str>> {
        let segments: Vec<&str> = path.split('/').collect();
        let mut found: Vec<&'static str> = Vec::new();
        let mut matched = false;
        for (template, methods) in &self.0 {
            let fits = template.len() == segments.len()
                && template.iter().zip(&segments).all(|(t, s)| match t {
                    Some(literal) => literal == s,
                    None => !s.is_empty(),
                });
            if fits {
                matched = true;
                for method in methods {
                    if !found.contains(method) {
                        found.push(method);
                    }
                }
            }
        }
        matched.then_some(found)
    }
}

/// The answer to a request no operation took: 405 with `Allow` on a known path, else 404.
pub async fn unrouted(req: HttpRequest, methods: Arc<Methods>) -> HttpResponse {
    match methods.allowed(req.path()) {
        Some(allowed) if !allowed.contains(&req.method().as_str()) => {
            let mut response =
                ApiError::new(ProblemCode::MethodNotAllowed, "method_not_allowed").error_response();
            if let Ok(value) = header::HeaderValue::from_str(&allowed.join(", ")) {
                response.headers_mut().insert(header::ALLOW, value);
            }
            response
        }
        _ => ApiError::new(ProblemCode::NotFound, "route_not_found").error_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_known_path_lists_its_methods_and_an_unknown_one_none() {
        let methods = Methods::of(&crate::openapi::document());
        assert_eq!(
            methods.allowed("/api/v1/cities/0193a7d2-0000-7000-8000-000000000000"),
            Some(vec!["GET", "PUT", "DELETE"])
        );
        assert_eq!(methods.allowed("/api/v1/cities"), Some(vec!["GET", "POST"]));
        assert_eq!(methods.allowed("/api/v1/cities/"), None);
        assert_eq!(methods.allowed("/api/v1/nowhere"), None);
        assert_eq!(methods.allowed("/health/live"), Some(vec!["GET"]));
    }
}
