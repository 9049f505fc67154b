//! Liveness and readiness.

use crate::error::{ApiError, ApiResult};
use crate::guard::Public;
use crate::problem::ProblemCode;
use crate::state::AppState;
use actix_web::{HttpResponse, get, web};
use mercociudades_macros::guarded;
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Serialize, ToSchema)]
pub struct Health {
    /// `ok`
    pub status: &'static str,
}

/// The process is up.
#[guarded]
#[utoipa::path(
    tag = "health",
    responses((status = 200, body = Health)),
)]
#[get("/health/live")]
pub async fn live(_public: Public) -> HttpResponse {
    HttpResponse::Ok().json(Health { status: "ok" })
}

/// The process is up and its database answers.
#[guarded]
#[utoipa::path(
    tag = "health",
    responses((status = 200, body = Health), (status = 503, description = "The database is not answering")),
)]
#[get("/health/ready")]
pub async fn ready(_public: Public, state: web::Data<AppState>) -> ApiResult<HttpResponse> {
    state.store.ping().await.map_err(|e| {
        let mut err = ApiError::new(ProblemCode::Unavailable, "unavailable");
        err.source = Some(e.into());
        err
    })?;
    Ok(HttpResponse::Ok().json(Health { status: "ok" }))
}
