//! What the OpenAPI document promises of every operation, held over HTTP: `If-Match: *`,
//! 405 with `Allow` on a known path, query values parsed even when empty, and bounded.

use crate::helpers::{assert_invalid, assert_not_found, assert_problem, body, header, spawn_app};
use reqwest::{Method, StatusCode};
use serde_json::json;

#[tokio::test]
async fn if_match_star_stands_for_whichever_version_is_current() {
    let app = spawn_app().await;
    let admin = Some(app.admin.token.as_str());
    let city = app.create_city("Salto", "UY").await;
    let path = format!("/cities/{}", city["id"].as_str().unwrap_or_default());
    let input = json!({"name": "Salto", "country": "UY", "population": 104_028});
    let res = app.put(&path, admin, Some("*"), &input).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(header(&res, "etag"), "\"2\"");
    assert_eq!(body(res).await["population"], 104_028);
    // A stale version is still refused, and `*` on a record that does not exist finds nothing.
    let stale = app.put(&path, admin, Some("\"1\""), &input).await;
    assert_eq!(stale.status(), StatusCode::PRECONDITION_FAILED);
    assert_eq!(
        app.delete(&path, admin, Some("*")).await.status(),
        StatusCode::NO_CONTENT
    );
    assert_not_found(app.delete(&path, admin, Some("*")).await).await;
}

#[tokio::test]
async fn a_method_a_known_path_does_not_take_is_answered_405_with_allow() {
    let app = spawn_app().await;
    let admin = Some(app.admin.token.as_str());
    for (method, path, allow) in [
        (Method::TRACE, "/cities", "GET, POST"),
        (
            Method::PATCH,
            "/cities/0193a7d2-0000-7000-8000-000000000000",
            "GET, PUT, DELETE",
        ),
        (Method::POST, "/health/live", "GET"),
        // A path of its own, not `/plans/{id}` with the id `import`.
        (Method::PUT, "/plans/import", "POST"),
    ] {
        let res = app.request(method.clone(), path, admin).send().await;
        let res = res.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(header(&res, "allow"), allow, "{method} {path}");
        assert_problem(
            res,
            StatusCode::METHOD_NOT_ALLOWED,
            "method_not_allowed",
            &[],
        )
        .await;
    }
    let unknown = app.request(Method::TRACE, "/nowhere", admin).send().await;
    assert_not_found(unknown.unwrap_or_else(|e| panic!("{e}"))).await;
}

#[tokio::test]
async fn query_values_are_parsed_even_empty_and_bounded_in_length() {
    let app = spawn_app().await;
    let admin = Some(app.admin.token.as_str());
    assert_invalid(app.get("/bodies?city_id=", admin).await, &["city_id"]).await;
    assert_invalid(app.get("/cities?body_id=", admin).await, &["body_id"]).await;
    assert_invalid(app.get("/terms?on=", admin).await, &["on"]).await;
    let long = "a".repeat(201);
    assert_invalid(app.get(&format!("/users?q={long}"), admin).await, &["q"]).await;
    let res = app
        .get(&format!("/users?q={}", "a".repeat(200)), admin)
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    // An empty sort is the default order; a list in one order only refuses any.
    assert_eq!(
        app.get("/cities?sort=", admin).await.status(),
        StatusCode::OK
    );
    assert_invalid(app.get("/users?sort=email", admin).await, &["sort"]).await;
}

#[tokio::test]
async fn a_refresh_token_longer_than_any_issued_is_refused_and_a_long_value_is_cut_when_quoted() {
    let app = spawn_app().await;
    let long = "x".repeat(257);
    for path in ["/auth/logout", "/auth/refresh"] {
        let res = app.post(path, None, &json!({"refresh_token": long})).await;
        assert_invalid(res, &["refresh_token"]).await;
    }
    // A value the answer repeats (an acronym that names no body) is cut, not echoed whole.
    let plan = app.draft_plan().await;
    let acronym = "UT".repeat(2_000);
    let path = format!("/plans/{plan}/execution-report?body={}", &acronym[..150]);
    let problem = assert_invalid(app.get(&path, Some(&app.admin.token)).await, &["body"]).await;
    let message = problem["errors"][0]["message"].as_str().unwrap_or_default();
    assert!(
        message.contains('…') && message.chars().count() < 150,
        "{message}"
    );
}
