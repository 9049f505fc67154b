//! The methods each path of the API answers, read from the OpenAPI document, so that a request
//! with another method on a known path is answered 405 with `Allow` (RFC 9110), and only a
//! path that exists nowhere is answered 404.

use crate::error::ApiError;
use crate::problem::ProblemCode;
use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::Method;
use actix_web::http::header;
use actix_web::middleware::Next;
use actix_web::{HttpRequest, HttpResponse, ResponseError, web};
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
        let fitting: Vec<(usize, &Vec<&'static str>)> = self
            .0
            .iter()
            .filter(|(template, _)| {
                template.len() == segments.len()
                    && template.iter().zip(&segments).all(|(t, s)| match t {
                        Some(literal) => literal == s,
                        None => !s.is_empty(),
                    })
            })
            .map(|(template, methods)| (template.iter().flatten().count(), methods))
            .collect();
        // `/plans/import` is its own path, not `/plans/{id}` with the id `import`.
        let most_literal = fitting.iter().map(|(literals, _)| *literals).max()?;
        let mut found: Vec<&'static str> = Vec::new();
        for (_, methods) in fitting.iter().filter(|(l, _)| *l == most_literal) {
            for method in methods.iter() {
                if !found.contains(method) {
                    found.push(method);
                }
            }
        }
        Some(found)
    }
}

/// Answers 405 before routing when the path is one the document lists and the method is not
/// one of its methods: `PUT /api/v1/plans/import` would otherwise reach `PUT /plans/{id}`.
pub async fn middleware(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, actix_web::Error> {
    if let Some(methods) = req.app_data::<web::Data<Methods>>()
        && !matches!(req.method(), &Method::OPTIONS | &Method::HEAD)
        && let Some(allowed) = methods.allowed(req.path())
        && !allowed.contains(&req.method().as_str())
    {
        let response = not_allowed(&allowed);
        return Ok(req.into_response(response).map_into_right_body());
    }
    Ok(next.call(req).await?.map_into_left_body())
}

fn not_allowed(allowed: &[&str]) -> HttpResponse {
    let mut response =
        ApiError::new(ProblemCode::MethodNotAllowed, "method_not_allowed").error_response();
    if let Ok(value) = header::HeaderValue::from_str(&allowed.join(", ")) {
        response.headers_mut().insert(header::ALLOW, value);
    }
    response
}

pub async fn unrouted(req: HttpRequest, methods: Arc<Methods>) -> HttpResponse {
    match methods.allowed(req.path()) {
        Some(allowed) if !allowed.contains(&req.method().as_str()) => not_allowed(&allowed),
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
        assert_eq!(methods.allowed("/api/v1/plans/import"), Some(vec!["POST"]));
    }
}
