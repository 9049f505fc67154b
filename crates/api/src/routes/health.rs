//! Liveness and readiness.

use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use actix_web::{HttpResponse, get, web};
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Serialize, ToSchema)]
pub struct Health {
    /// `ok`
    pub status: &'static str,
}

/// The process is up.
#[utoipa::path(
    tag = "health",
    responses((status = 200, body = Health)),
    extensions(("x-permission" = json!("public")))
)]
#[get("/health/live")]
pub async fn live() -> HttpResponse {
    HttpResponse::Ok().json(Health { status: "ok" })
}

/// The process is up and its database answers.
#[utoipa::path(
    tag = "health",
    responses((status = 200, body = Health), (status = 503, description = "The database is not answering")),
    extensions(("x-permission" = json!("public")))
)]
#[get("/health/ready")]
pub async fn ready(state: web::Data<AppState>) -> ApiResult<HttpResponse> {
    state.store.ping().await.map_err(|e| {
        let mut err = ApiError::new("unavailable", "unavailable");
        err.source = Some(e.into());
        err
    })?;
    Ok(HttpResponse::Ok().json(Health { status: "ok" }))
}
