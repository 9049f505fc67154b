//! What holds for every route: it is documented, declares its permission, refuses callers
//! without a token unless public; and the committed OpenAPI document matches the code.

use crate::helpers::{
    PASSWORD, assert_forbidden, assert_invalid, assert_not_found, body, header, spawn_app,
    string_of,
};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

#[tokio::test]
async fn every_route_declares_its_permission_and_is_guarded() {
    let app = spawn_app().await;
    let doc = app.get_json("/api/openapi.json", None).await;
    let paths = doc["paths"].as_object().cloned().unwrap_or_default();
    assert!(paths.len() > 20, "{} paths", paths.len());
    let mut checked = 0;
    for (path, operations) in paths {
        for (method, operation) in operations.as_object().cloned().unwrap_or_default() {
            let Ok(method) = Method::from_bytes(method.to_uppercase().as_bytes()) else {
                continue;
            };
            let permission = operation["x-permission"]
                .as_str()
                .unwrap_or_else(|| panic!("{method} {path} declares no x-permission"));
            let concrete = path
                .replace("{id}", "00000000-0000-0000-0000-000000000000")
                .replace("{city_id}", "00000000-0000-0000-0000-000000000000")
                .replace("{code}", "UY");
            let res = app
                .request(method.clone(), &concrete, None)
                .json(&json!({}))
                .send()
                .await
                .unwrap_or_else(|e| panic!("{e}"));
            if permission == "public" {
                assert_ne!(
                    res.status(),
                    StatusCode::UNAUTHORIZED,
                    "{method} {path} is public"
                );
                assert!(
                    operation.get("security").is_none(),
                    "{method} {path} is public but documents security"
                );
            } else {
                assert_eq!(
                    res.status(),
                    StatusCode::UNAUTHORIZED,
                    "{method} {path} answered without a token"
                );
                assert!(
                    operation["security"].is_array(),
                    "{method} {path} documents no security"
                );
                let responses = operation["responses"]
                    .as_object()
                    .cloned()
                    .unwrap_or_default();
                assert!(
                    responses.contains_key("401"),
                    "{method} {path} documents no 401"
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 35, "{checked} operations");
}

/// Each operation's `x-permission` is the permission its guard checks: a signed-in caller who
/// holds no permission is refused with 403 naming it, before any record is looked up or any
/// input read; an operation open to any signed-in caller lets them through.
#[tokio::test]
async fn every_operation_checks_the_permission_it_documents() {
    let app = spawn_app().await;
    let doc = app.get_json("/api/openapi.json", None).await;
    // A signed-in user who holds no role at all.
    let input = json!({
        "email": "nobody@roles.example",
        "display_name": "Nobody",
        "roles": [],
        "password": PASSWORD
    });
    let res = app.post("/users", Some(&app.admin.token), &input).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let res = app
        .post(
            "/auth/login",
            None,
            &json!({"email": "nobody@roles.example", "password": PASSWORD}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let nobody = string_of(&body(res).await["access_token"]);
    let mut checked = 0;
    for (path, operations) in doc["paths"].as_object().cloned().unwrap_or_default() {
        for (method, operation) in operations.as_object().cloned().unwrap_or_default() {
            let Ok(method) = Method::from_bytes(method.to_uppercase().as_bytes()) else {
                continue;
            };
            let permission = operation["x-permission"].as_str().unwrap_or_default();
            let concrete = path
                .replace("{id}", "00000000-0000-0000-0000-000000000000")
                .replace("{node_id}", "00000000-0000-0000-0000-000000000000")
                .replace("{city_id}", "00000000-0000-0000-0000-000000000000")
                .replace("{a}", "1")
                .replace("{b}", "current");
            if permission == "public" {
                continue;
            }
            let res = app
                .request(method.clone(), &concrete, Some(&nobody))
                .json(&json!({}))
                .send()
                .await
                .unwrap_or_else(|e| panic!("{e}"));
            let status = res.status();
            let problem: Value = res.json().await.unwrap_or_default();
            if permission == "authenticated" {
                assert!(
                    status != StatusCode::UNAUTHORIZED && status != StatusCode::FORBIDDEN,
                    "{method} {path} refused a signed-in caller: {status} {problem}"
                );
            } else {
                assert_eq!(
                    (status, problem["permission"].as_str()),
                    (StatusCode::FORBIDDEN, Some(permission)),
                    "{method} {path}: {problem}"
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 70, "{checked} operations");
}

#[tokio::test]
async fn the_committed_openapi_document_matches_the_code() {
    let committed = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../openapi/openapi.json"
    ))
    .unwrap_or_default();
    let generated = mercociudades_api::openapi::document_json();
    assert!(
        committed == generated,
        "openapi/openapi.json differs from the code; rewrite it with: cargo run -p mercociudades-api -- openapi > openapi/openapi.json"
    );
}

/// The OpenAPI document the code generates.
fn openapi_document() -> Value {
    serde_json::from_str(&mercociudades_api::openapi::document_json()).unwrap_or_default()
}

/// What `find` finds in the schemas of the document's components.
fn in_every_schema(doc: &Value, find: fn(&str, &Value, &mut Vec<String>)) -> Vec<String> {
    let mut found = Vec::new();
    for (name, schema) in doc["components"]["schemas"]
        .as_object()
        .into_iter()
        .flatten()
    {
        find(name, schema, &mut found);
    }
    found
}

/// Every free-form object of the document, as `schema.property` paths.
fn free_objects(name: &str, schema: &Value, out: &mut Vec<String>) {
    let Some(map) = schema.as_object() else {
        return;
    };
    let is_object = schema["type"] == "object"
        || schema["type"]
            .as_array()
            .is_some_and(|t| t.contains(&json!("object")));
    let described = [
        "properties",
        "additionalProperties",
        "allOf",
        "oneOf",
        "$ref",
    ]
    .iter()
    .any(|k| map.contains_key(*k));
    if is_object && !described {
        out.push(name.to_owned());
    }
    for (key, value) in map {
        let inner = if key == "properties" {
            value
                .as_object()
                .into_iter()
                .flatten()
                .for_each(|(p, v)| free_objects(&format!("{name}.{p}"), v, out));
            continue;
        } else {
            format!("{name}/{key}")
        };
        match value {
            Value::Array(items) => items.iter().for_each(|v| free_objects(&inner, v, out)),
            v => free_objects(&inner, v, out),
        }
    }
}

#[tokio::test]
async fn the_document_describes_every_shape_and_every_representation() {
    let doc = openapi_document();
    let mut free = in_every_schema(&doc, free_objects);
    // Only the audit log keeps records of any type, as they were.
    free.retain(|f| {
        !(f.contains("AuditEntryOut") && (f.ends_with(".before") || f.ends_with(".after")))
    });
    assert_eq!(free, Vec::<String>::new(), "objects without a shape");
    // What answers CSV also documents its JSON.
    let mut csv = 0;
    for (path, item) in doc["paths"].as_object().into_iter().flatten() {
        let content = &item["get"]["responses"]["200"]["content"];
        if content.get("text/csv").is_some() {
            csv += 1;
            assert!(
                content["application/json"]["schema"].is_object(),
                "{path} documents its CSV but not its JSON"
            );
        }
    }
    assert!(csv >= 4, "{csv} operations answer CSV");
}

#[tokio::test]
async fn docs_health_and_unknown_routes() {
    let app = spawn_app().await;
    assert_eq!(
        app.get_json("/health/live", None).await,
        json!({"status": "ok"})
    );
    assert_eq!(
        app.get_json("/health/ready", None).await,
        json!({"status": "ok"})
    );
    let res = app.get("/api/docs/", None).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(
        res.text().await.unwrap_or_default().contains("swagger"),
        "the docs page is served"
    );
    let doc = app.get_json("/api/openapi.json", None).await;
    assert_eq!(doc["openapi"], "3.1.0");
    let res = app
        .get("/api/v1/nothing-here", Some(&app.admin.token))
        .await;
    assert_not_found(res).await;
    let res = app
        .request(Method::PATCH, "/cities", Some(&app.admin.token))
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(res.status().is_client_error());
    let res = app.get("/health/live", None).await;
    assert!(res.headers().contains_key("x-request-id"));
    assert_eq!(res.headers()["x-content-type-options"], "nosniff");
    let res = app
        .request(Method::GET, "/health/live", None)
        .header("x-request-id", "trace-me-123")
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(res.headers()["x-request-id"], "trace-me-123");
}

#[tokio::test]
async fn cors_allows_only_the_configured_origin() {
    let app = spawn_app().await;
    let preflight = |origin: &str| {
        app.request(Method::OPTIONS, "/cities", None)
            .header("origin", origin)
            .header("access-control-request-method", "PUT")
            .header(
                "access-control-request-headers",
                "authorization, if-match, content-type",
            )
    };
    let allowed = preflight("http://localhost:5173")
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        allowed
            .headers()
            .get("access-control-allow-origin")
            .and_then(|v| v.to_str().ok()),
        Some("http://localhost:5173")
    );
    let refused = preflight("https://evil.example")
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        refused
            .headers()
            .get("access-control-allow-origin")
            .is_none()
    );
}

/// Every write makes exactly one audit entry, with `before` and `after` as the change needs.
#[tokio::test]
async fn every_change_is_audited_once() {
    let app = spawn_app().await;
    let admin = Some(app.admin.token.as_str());
    let start = app.audit_count().await;
    let city = app.create_city("Santa Fe", "AR").await;
    let city_path = format!("/cities/{}", city["id"].as_str().unwrap_or_default());
    let writes: Vec<(Method, String, Option<&str>, Value, &str)> = vec![
        (
            Method::PUT,
            city_path.clone(),
            Some("\"1\""),
            json!({"name": "Santa Fe", "country": "AR", "population": 391231}),
            "update",
        ),
        (
            Method::POST,
            format!("/bodies/{}/members", app.body_x),
            None,
            json!({"city_id": city["id"]}),
            "create",
        ),
        (
            Method::PUT,
            format!(
                "/bodies/{}/members/{}",
                app.body_x,
                city["id"].as_str().unwrap_or_default()
            ),
            Some("\"1\""),
            json!({"since": "2011-12-02"}),
            "update",
        ),
        (
            Method::DELETE,
            format!(
                "/bodies/{}/members/{}",
                app.body_x,
                city["id"].as_str().unwrap_or_default()
            ),
            Some("\"2\""),
            json!(null),
            "delete",
        ),
        (
            Method::POST,
            "/terms".to_owned(),
            None,
            json!({"body_id": app.body_x.to_string(), "city_id": city["id"], "role": "coordinator", "starts_on": "2011-12-02"}),
            "create",
        ),
        (
            Method::POST,
            "/bodies".to_owned(),
            None,
            json!({"kind": "commission", "name": {"es": "Comisión de Comunicación"}}),
            "create",
        ),
        (
            Method::PUT,
            "/countries/UY".to_owned(),
            Some("\"1\""),
            json!({"name": {"es": "Uruguay", "pt": "Uruguai", "en": "Uruguay"}, "mercosur_status": "state_party"}),
            "update",
        ),
        (
            Method::POST,
            "/users".to_owned(),
            None,
            json!({"email": "new@test.example.org", "display_name": "New", "roles": [], "password": "a perfectly fine passphrase"}),
            "create",
        ),
        (
            Method::POST,
            "/api-tokens".to_owned(),
            None,
            json!({"name": "puller", "scope": {"role": "observer"}, "permissions": ["registry:read"]}),
            "create",
        ),
    ];
    let mut expected = start + 1;
    assert_eq!(app.audit_count().await, expected);
    for (method, path, if_match, input, action) in writes {
        let mut req = app.request(method.clone(), &path, admin);
        if !input.is_null() {
            req = req.json(&input);
        }
        if let Some(tag) = if_match {
            req = req.header("if-match", tag);
        }
        let res = req.send().await.unwrap_or_else(|e| panic!("{e}"));
        assert!(
            res.status().is_success(),
            "{method} {path}: {}",
            res.status()
        );
        let request_id = header(&res, "x-request-id");
        expected += 1;
        assert_eq!(app.audit_count().await, expected, "{method} {path}");
        let log = app.get_json("/audit?per_page=1", admin).await;
        let entry = &log["items"][0];
        assert_eq!(entry["action"], action, "{method} {path}");
        assert_eq!(entry["request_id"], request_id.as_str());
        assert_eq!(entry["actor_id"], app.admin.id.to_string());
        assert_eq!(
            entry["before"].is_null(),
            action == "create",
            "{method} {path}: {entry}"
        );
        assert_eq!(
            entry["after"].is_null(),
            action == "delete",
            "{method} {path}: {entry}"
        );
        let text = entry.to_string();
        assert!(
            !text.contains("argon2")
                && !text.contains("token_hash")
                && !text.contains("passphrase"),
            "{text}"
        );
    }
    // Failed writes leave no trace.
    assert_eq!(
        app.put(
            &city_path,
            admin,
            Some("\"1\""),
            &json!({"name": "Santa Fe", "country": "AR"})
        )
        .await
        .status(),
        StatusCode::PRECONDITION_FAILED
    );
    assert_eq!(app.audit_count().await, expected);

    // Filters, and who may read the log.
    let mine = app
        .get_json(
            &format!("/audit?actor_id={}&record_type=city", app.admin.id),
            Some(&app.staff.token),
        )
        .await;
    assert_eq!(mine["total"], 2);
    let after = app
        .get_json("/audit?from=2100-01-01T00:00:00Z", admin)
        .await;
    assert_eq!(after["total"], 0);
    assert_invalid(app.get("/audit?from=soon", admin).await, &["from"]).await;
    // A record type the log never holds is named, with the ones it does.
    let problem = assert_invalid(
        app.get("/audit?record_type=cities", admin).await,
        &["record_type"],
    )
    .await;
    assert!(
        problem["errors"][0]["message"]
            .as_str()
            .is_some_and(|a| a.contains("body_member") && a.contains("activity_report")),
        "{problem}"
    );
    for actor in [&app.observer, &app.focal, &app.coordinator, &app.finance] {
        assert_forbidden(app.get("/audit", Some(&actor.token)).await).await;
    }
    // The API has no way to change the log.
    for method in [Method::PUT, Method::DELETE, Method::POST] {
        let res = app
            .request(method, "/audit", admin)
            .json(&json!({}))
            .send()
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(res.status().is_client_error());
    }
}

#[tokio::test]
async fn every_change_to_a_versioned_record_names_if_match() {
    let doc = openapi_document();
    let mut missing = Vec::new();
    let mut checked = 0;
    for (path, item) in doc["paths"].as_object().into_iter().flatten() {
        for (method, op) in item.as_object().into_iter().flatten() {
            if !["put", "patch", "delete"].contains(&method.as_str()) {
                continue;
            }
            checked += 1;
            // An API token never changes: it is revoked, once. Nor does a calendar feed's
            // address: it is replaced by a new one, or revoked.
            if path == "/api/v1/api-tokens/{id}" || path == "/api/v1/auth/me/calendar-feed" {
                continue;
            }
            let named = op["parameters"]
                .as_array()
                .into_iter()
                .flatten()
                .any(|p| p["name"] == "If-Match" && p["in"] == "header");
            let answers = ["412", "428"]
                .iter()
                .all(|s| op["responses"].get(*s).is_some());
            if !named || !answers {
                missing.push(format!("{method} {path}"));
            }
        }
    }
    assert_eq!(
        missing,
        Vec::<String>::new(),
        "without If-Match, 412 or 428"
    );
    assert!(checked >= 15, "{checked} changes checked");
}

/// Properties and parameters whose names say they hold a closed set of values, as
/// `schema.property` paths, when the document gives them as a free string.
fn free_closed_sets(name: &str, schema: &Value, out: &mut Vec<String>) {
    const CLOSED: [&str; 13] = [
        "action",
        "country_band",
        "kind",
        "status",
        "role",
        "execution",
        "stage",
        "measure",
        "language",
        "lang",
        "mercosur_status",
        "membership_status",
        "permissions",
    ];
    let named = name
        .rsplit(['.', '/'])
        .next()
        .is_some_and(|last| CLOSED.contains(&last) || last.ends_with("_kind"));
    let text = schema.to_string();
    if named && text.contains("string") && !text.contains("$ref") {
        out.push(name.to_owned());
    }
    if let Some(props) = schema["properties"].as_object() {
        for (p, v) in props {
            free_closed_sets(&format!("{name}.{p}"), v, out);
        }
    }
}

#[tokio::test]
async fn closed_sets_are_named_enums_with_the_values_the_server_takes() {
    let doc = openapi_document();
    let mut free = in_every_schema(&doc, free_closed_sets);
    for (path, item) in doc["paths"].as_object().into_iter().flatten() {
        for (method, op) in item.as_object().into_iter().flatten() {
            for param in op["parameters"].as_array().into_iter().flatten() {
                let name = format!(
                    "{method} {path}/{}",
                    param["name"].as_str().unwrap_or_default()
                );
                free_closed_sets(&name, &param["schema"], &mut free);
            }
        }
    }
    // Health answers a fixed word.
    free.retain(|f| !f.starts_with("Health"));
    assert_eq!(
        free,
        Vec::<String>::new(),
        "closed sets given as free strings"
    );
    let schemas = &doc["components"]["schemas"];
    assert_eq!(
        schemas["Execution"]["enum"],
        json!(["yes", "no", "partially"])
    );
    assert_eq!(
        schemas["ActivityStatus"]["enum"],
        json!([
            "planned",
            "in_progress",
            "done",
            "partially_done",
            "not_done",
            "cancelled"
        ])
    );
    assert_eq!(
        schemas["ResultKind"]["enum"],
        json!([
            "work_plan",
            "project",
            "new_instrument",
            "new_institutionality",
            "other"
        ])
    );
}

/// Every `$ref` of a JSON value, with where it stands.
fn refs<'a>(at: String, value: &'a Value, out: &mut Vec<(String, &'a str)>) {
    match value {
        Value::Object(map) => {
            for (key, inner) in map {
                match (key.as_str(), inner.as_str()) {
                    ("$ref", Some(target)) => out.push((at.clone(), target)),
                    _ => refs(format!("{at}/{key}"), inner, out),
                }
            }
        }
        Value::Array(items) => {
            for (i, inner) in items.iter().enumerate() {
                refs(format!("{at}/{i}"), inner, out);
            }
        }
        _ => {}
    }
}

#[tokio::test]
async fn every_reference_of_the_document_resolves() {
    let doc = openapi_document();
    let mut all = Vec::new();
    refs(String::new(), &doc, &mut all);
    assert!(all.len() > 100, "{} references", all.len());
    let dangling: Vec<String> = all
        .into_iter()
        .filter(|(_, target)| {
            target
                .strip_prefix('#')
                .is_none_or(|pointer| doc.pointer(pointer).is_none())
        })
        .map(|(at, target)| format!("{at} -> {target}"))
        .collect();
    assert_eq!(dangling, Vec::<String>::new(), "references to nothing");
}
