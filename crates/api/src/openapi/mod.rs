//! The OpenAPI document: the routes mounted through utoipa-actix-web, plus what every
//! operation shares (security scheme, problem schemas, tags).

mod complete;

use crate::error::{ExistingRecord, FieldProblem, ProblemDocument};
use crate::routes::closed;
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
    components(schemas(ProblemDocument, FieldProblem, ExistingRecord)),
    modifiers(&SharedComponents),
    tags(
        (name = "health", description = "Liveness and readiness"),
        (name = "auth", description = "Sessions and the signed-in user"),
        (name = "inbox", description = "What waits for the signed-in person, their notifications, and the ones they get by e-mail"),
        (name = "registry", description = "Countries, member cities, bodies and terms"),
        (name = "plans", description = "Strategic and work plans, and plan documents"),
        (name = "monitoring", description = "Progress reports on activities, and the reports drawn from them"),
        (name = "public", description = "The transparency view: approved plans and their execution, without login"),
        (name = "users", description = "Users and their roles"),
        (name = "api-tokens", description = "Tokens for machine clients"),
        (name = "events", description = "Events of the network: workshops, seminars, meetings, Summits, congresses and courses, with their sessions, and each as an iCalendar file"),
        (name = "audit", description = "The record of every change"),
    )
)]
pub struct ApiDoc;

/// What every operation shares: the closed sets of values and the bearer security scheme.
struct SharedComponents;

impl Modify for SharedComponents {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.schemas.extend(closed::schemas());
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
    finish(crate::startup::documented_app().1)
}

/// The document of the mounted routes, finished: every operation named, and what every
/// operation says alike added (see [`complete`]).
pub fn finish(mut doc: utoipa::openapi::OpenApi) -> utoipa::openapi::OpenApi {
    name_operations(&mut doc);
    let Ok(mut value) = serde_json::to_value(&doc) else {
        return doc;
    };
    complete::complete(&mut value);
    serde_json::from_value(value).unwrap_or(doc)
}

/// Gives every operation a unique id from its method and path (`GET /api/v1/cities/{id}` →
/// `get_cities_by_id`), so that generated clients have one name per operation.
pub fn name_operations(doc: &mut utoipa::openapi::OpenApi) {
    for (path, item) in doc.paths.paths.iter_mut() {
        let words: Vec<String> = path
            .trim_start_matches("/api/v1")
            .split('/')
            .filter(|s| !s.is_empty())
            .map(
                |s| match s.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
                    Some(param) => format!("by_{param}"),
                    None => s.replace('-', "_"),
                },
            )
            .collect();
        let stem = words.join("_");
        for (method, operation) in [
            ("get", item.get.as_mut()),
            ("post", item.post.as_mut()),
            ("put", item.put.as_mut()),
            ("delete", item.delete.as_mut()),
            ("patch", item.patch.as_mut()),
        ] {
            if let Some(operation) = operation {
                operation.operation_id = Some(format!("{method}_{stem}"));
            }
        }
    }
}

/// The document as committed in `openapi/openapi.json`: pretty JSON with a final newline.
pub fn document_json() -> String {
    let mut json = document().to_pretty_json().unwrap_or_default();
    json.push('\n');
    json
}
