//! The OpenAPI document: the routes mounted through utoipa-actix-web, plus what every
//! operation shares (security scheme, problem schemas, tags).

use crate::error::{FieldProblem, ProblemDocument};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Mercociudades network platform",
        description = "The API of the Mercociudades network of South American cities: the member registry, \
plans, monitoring and reports. Errors are RFC 9457 problem documents (`application/problem+json`) with a \
`code` from one table and, on validation failures, `errors` naming each field. Writes take `If-Match` with the \
record's ETag. Every operation's `x-permission` names the permission it needs (`public`: none; \
`authenticated`: any signed-in user).",
        license(name = "AGPL-3.0-only")
    ),
    components(schemas(ProblemDocument, FieldProblem)),
    modifiers(&BearerAuth),
    tags(
        (name = "health", description = "Liveness and readiness"),
        (name = "auth", description = "Sessions and the signed-in user"),
        (name = "registry", description = "Countries, member cities, bodies and terms"),
        (name = "plans", description = "Strategic and work plans, and plan documents"),
        (name = "users", description = "Users and their roles"),
        (name = "api-tokens", description = "Tokens for machine clients"),
        (name = "audit", description = "The record of every change"),
    )
)]
pub struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT access token, or an API token (mct_…)")
                    .build(),
            ),
        );
    }
}

/// The document as served and committed.
pub fn document() -> utoipa::openapi::OpenApi {
    crate::startup::documented_app().1
}

/// The document as committed in `openapi/openapi.json`: pretty JSON with a final newline.
pub fn document_json() -> String {
    let mut json = document().to_pretty_json().unwrap_or_default();
    json.push('\n');
    json
}
