use crate::helpers::{
    assert_forbidden, assert_in_use, assert_invalid, assert_not_found, assert_precondition_failed,
    assert_precondition_required, assert_unauthenticated, body, etag, pairs, spawn_app,
};
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn terms_follow_the_rules_of_their_body() {
    let app = spawn_app().await;
    let admin = Some(app.admin.token.as_str());
    let coordination = json!({"body_id": app.body_x.to_string(), "city_id": app.city_a.to_string(), "role": "coordinator", "starts_on": "2011-12-02", "ends_on": "2012-12-06"});
    let res = app.post("/terms", admin, &coordination).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let term = body(res).await;
    assert_eq!(term["city_name"], "Rosario");
    assert_eq!(term["body_kind"], "thematic_unit");

    let overlapping = json!({"body_id": app.body_x.to_string(), "city_id": app.city_b.to_string(), "role": "coordinator", "starts_on": "2012-06-01"});
    assert_invalid(
        app.post("/terms", admin, &overlapping).await,
        &["starts_on"],
    )
    .await;
    let sub = json!({"body_id": app.body_x.to_string(), "city_id": app.city_b.to_string(), "role": "sub_coordinator", "starts_on": "2012-06-01"});
    assert_eq!(
        app.post("/terms", admin, &sub).await.status(),
        StatusCode::CREATED
    );
    let next = json!({"body_id": app.body_x.to_string(), "city_id": app.city_b.to_string(), "role": "coordinator", "starts_on": "2012-12-07"});
    assert_eq!(
        app.post("/terms", admin, &next).await.status(),
        StatusCode::CREATED
    );

    let before = app.audit_count().await;
    for (input, field) in [
        (
            json!({"body_id": app.body_x.to_string(), "city_id": app.city_a.to_string(), "role": "holder", "starts_on": "2015-01-01"}),
            "role",
        ),
        (
            json!({"body_id": app.body_x.to_string(), "city_id": app.city_a.to_string(), "role": "mayor", "starts_on": "2015-01-01"}),
            "role",
        ),
        (
            json!({"body_id": app.body_x.to_string(), "city_id": app.city_a.to_string(), "role": "sub_coordinator", "starts_on": "2015-01-01", "ends_on": "2014-01-01"}),
            "ends_on",
        ),
        (
            json!({"body_id": app.body_x.to_string(), "city_id": app.city_a.to_string(), "role": "sub_coordinator"}),
            "starts_on",
        ),
        (
            json!({"body_id": "00000000-0000-0000-0000-000000000000", "city_id": app.city_a.to_string(), "role": "coordinator", "starts_on": "2015-01-01"}),
            "body_id",
        ),
        (
            json!({"body_id": app.body_x.to_string(), "city_id": "00000000-0000-0000-0000-000000000000", "role": "sub_coordinator", "starts_on": "2015-01-01"}),
            "city_id",
        ),
        (
            json!({"body_id": "x", "city_id": app.city_a.to_string(), "role": "sub_coordinator", "starts_on": "2015-01-01"}),
            "body_id",
        ),
        (
            json!({"body_id": app.body_x.to_string(), "city_id": app.city_a.to_string(), "role": "sub_coordinator", "starts_on": "2015-02-30"}),
            "starts_on",
        ),
    ] {
        assert_invalid(app.post("/terms", admin, &input).await, &[field]).await;
    }
    assert_eq!(app.audit_count().await, before);

    // The body page shows who holds its posts on a day, coordinators first.
    let detail = app
        .get_json(&format!("/bodies/{}?as_of=2012-07-01", app.body_x), admin)
        .await;
    let posts = pairs(&detail["posts"], "city_name", "role");
    assert_eq!(
        posts,
        [
            ("Rosario", "coordinator"),
            ("Montevideo", "sub_coordinator")
        ]
    );
    let detail = app
        .get_json(&format!("/bodies/{}?as_of=2013-01-01", app.body_x), admin)
        .await;
    assert_eq!(detail["posts"][0]["city_name"], "Montevideo");
}

#[tokio::test]
async fn list_get_update_delete() {
    let app = spawn_app().await;
    let admin = Some(app.admin.token.as_str());
    let input = json!({"body_id": app.body_y.to_string(), "city_id": app.city_b.to_string(), "role": "coordinator", "starts_on": "2011-12-02", "ends_on": "2012-12-06", "note": "Elected at the XVI Summit"});
    let created = body(app.post("/terms", admin, &input).await).await;
    let path = format!("/terms/{}", created["id"].as_str().unwrap_or_default());
    let res = app.get(&path, Some(&app.observer.token)).await;
    assert_eq!(etag(&res), "\"1\"");
    assert_eq!(body(res).await["note"], "Elected at the XVI Summit");

    let token = Some(app.observer.token.as_str());
    assert_eq!(
        app.get_json(&format!("/terms?body_id={}", app.body_y), token)
            .await["total"],
        1
    );
    assert_eq!(
        app.get_json(&format!("/terms?body_id={}", app.body_x), token)
            .await["total"],
        0
    );
    assert_eq!(
        app.get_json("/terms?on=2012-01-01&role=coordinator", token)
            .await["total"],
        1
    );
    assert_eq!(
        app.get_json("/terms?on=2013-01-01", token).await["total"],
        0
    );
    assert_invalid(app.get("/terms?on=tomorrow", token).await, &["on"]).await;
    assert_invalid(app.get("/terms?role=king", token).await, &["role"]).await;

    let change = json!({"body_id": app.body_y.to_string(), "city_id": app.city_b.to_string(), "role": "coordinator", "starts_on": "2011-12-02", "ends_on": "2012-12-07"});
    assert_precondition_required(app.put(&path, admin, None, &change).await).await;
    assert_eq!(
        app.put(&path, admin, Some("\"1\""), &change).await.status(),
        StatusCode::OK
    );
    assert_precondition_failed(app.put(&path, admin, Some("\"1\""), &change).await).await;
    // Only the secretariat records terms.
    for actor in [&app.coordinator, &app.focal, &app.observer, &app.finance] {
        assert_forbidden(
            app.put(&path, Some(&actor.token), Some("\"2\""), &change)
                .await,
        )
        .await;
        assert_forbidden(app.post("/terms", Some(&actor.token), &input).await).await;
        assert_forbidden(app.delete(&path, Some(&actor.token), Some("\"2\"")).await).await;
    }
    assert_unauthenticated(app.delete(&path, None, Some("\"2\"")).await).await;
    // A body with terms is not deleted.
    assert_in_use(
        app.delete(&format!("/bodies/{}", app.body_y), admin, Some("\"1\""))
            .await,
    )
    .await;
    assert_precondition_failed(app.delete(&path, admin, Some("\"1\"")).await).await;
    assert_eq!(
        app.delete(&path, Some(&app.staff.token), Some("\"2\""))
            .await
            .status(),
        StatusCode::NO_CONTENT
    );
    assert_not_found(app.get(&path, admin).await).await;
}
