//! The built staff SPA, served at `/` when its folder is present, with `index.html` for every
//! path the SPA's router owns.

use crate::error::ApiError;
use crate::problem::ProblemCode;
use actix_files::{Files, NamedFile};
use actix_web::dev::{ServiceRequest, ServiceResponse, fn_service};
use actix_web::web;
use std::path::PathBuf;

pub fn configure(dir: PathBuf) -> impl FnOnce(&mut web::ServiceConfig) {
    move |cfg| {
        let index = dir.join("index.html");
        if !index.is_file() {
            return;
        }
        cfg.service(
            Files::new("/", &dir)
                .index_file("index.html")
                .default_handler(fn_service(move |req: ServiceRequest| {
                    let index = index.clone();
                    async move {
                        let (req, _) = req.into_parts();
                        let path = req.path();
                        if path.starts_with("/api/") || path.starts_with("/health/") {
                            let response = actix_web::ResponseError::error_response(
                                &ApiError::new(ProblemCode::NotFound, "route_not_found"),
                            );
                            return Ok(ServiceResponse::new(req, response));
                        }
                        let file = NamedFile::open_async(index).await?;
                        let response = file.into_response(&req);
                        Ok(ServiceResponse::new(req, response))
                    }
                })),
        );
    }
}
