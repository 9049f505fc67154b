//! A city's membership (its status and the day it takes effect, its country, the day it joined)
//! is the secretariat's to change: a focal point edits their city's profile only.

use crate::helpers::{TestApp, assert_problem_for, body, etag, spawn_app};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

/// Rosario as stored, with `changes` over it: the whole body of a PUT, as the SPA sends it.
fn rosario(changes: Value) -> Value {
    let mut city = json!({
        "name": "Rosario",
        "country": "AR",
        "population": 1_000_000,
        "membership_status": "active",
        "joined_on": null,
        "contact": {"address": null, "phone": null, "email": null, "website": null},
    });
    for (field, value) in changes.as_object().into_iter().flatten() {
        city[field] = value.clone();
    }
    city
}

/// PUTs `change` on the focal point's city as `token`, at version `version`, asking for `lang`.
async fn put_city(
    app: &TestApp,
    token: &str,
    version: u32,
    lang: &str,
    change: &Value,
) -> reqwest::Response {
    app.request(Method::PUT, &format!("/cities/{}", app.city_a), Some(token))
        .header("if-match", format!("\"{version}\""))
        .header("accept-language", lang)
        .json(change)
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"))
}

/// The city as read, as the focal point.
async fn read(app: &TestApp) -> Value {
    app.get_json(&format!("/cities/{}", app.city_a), Some(&app.focal.token))
        .await
}

#[tokio::test]
async fn a_focal_point_may_not_change_their_citys_membership_and_nothing_is_written() {
    let app = spawn_app().await;
    let before = read(&app).await;
    let audit = app.audit_count().await;
    let cases: [(&str, Value, &[&str]); 5] = [
        (
            "withdrawn",
            json!({"membership_status": "withdrawn"}),
            &["membership_status"],
        ),
        (
            "suspended as of a day",
            json!({"membership_status": "suspended", "status_since": "2012-06-01"}),
            &["membership_status", "status_since"],
        ),
        ("another country", json!({"country": "UY"}), &["country"]),
        (
            "another joining day",
            json!({"joined_on": "1995-11-07"}),
            &["joined_on"],
        ),
        (
            "everything at once",
            json!({"membership_status": "withdrawn", "country": "uy", "joined_on": "2001-01-01"}),
            &["membership_status", "country", "joined_on"],
        ),
    ];
    for (case, changes, fields) in cases {
        let mut details = Vec::new();
        for lang in ["es", "en"] {
            let res = put_city(&app, &app.focal.token, 1, lang, &rosario(changes.clone())).await;
            let problem =
                assert_problem_for(case, res, StatusCode::FORBIDDEN, "forbidden", fields).await;
            assert_eq!(
                problem["permission"], "city:membership",
                "{case}: {problem}"
            );
            let named = problem["errors"].as_array().map_or(0, Vec::len);
            assert_eq!(named, fields.len(), "{case}: {problem}");
            for error in problem["errors"].as_array().into_iter().flatten() {
                assert_eq!(error["code"], "reserved", "{case}: {problem}");
                let message = error["message"].as_str().unwrap_or_default();
                assert!(
                    !message.is_empty() && !message.contains('{'),
                    "{case}: {message}"
                );
            }
            let detail = problem["detail"].as_str().unwrap_or_default().to_owned();
            assert!(!detail.contains('{'), "{case}: {detail}");
            details.push(detail);
        }
        assert_ne!(details[0], details[1], "{case}: es and en say the same");
    }
    let after = read(&app).await;
    assert_eq!(after, before, "the city is as it was");
    assert_eq!(after["membership_status"], "active");
    assert_eq!(
        after["membership_history"].as_array().map(Vec::len),
        Some(1)
    );
    assert_eq!(app.audit_count().await, audit, "nothing was written");
}

#[tokio::test]
async fn a_focal_point_changes_their_citys_profile_sending_its_membership_as_it_is() {
    let app = spawn_app().await;
    let change = rosario(json!({
        "population": 1_276_000,
        "contact": {"phone": "+54 341 480 2000", "email": "Relaciones@Rosario.gob.ar"},
        // The day the status would take effect changes nothing while the status stays.
        "status_since": "2012-06-01",
    }));
    let res = put_city(&app, &app.focal.token, 1, "es", &change).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(etag(&res), "\"2\"");
    let saved = body(res).await;
    assert_eq!(saved["population"], 1_276_000);
    assert_eq!(saved["contact"]["email"], "relaciones@rosario.gob.ar");
    let city = read(&app).await;
    assert_eq!(city["membership_status"], "active");
    assert_eq!(city["country"], "AR");
    assert_eq!(city["membership_history"].as_array().map(Vec::len), Some(1));

    // A stale version is refused as for anyone, before the membership is looked at.
    let res = put_city(&app, &app.focal.token, 1, "es", &change).await;
    assert_eq!(res.status(), StatusCode::PRECONDITION_FAILED);
}

#[tokio::test]
async fn the_secretariat_changes_a_citys_membership() {
    let app = spawn_app().await;
    let change = rosario(json!({
        "membership_status": "suspended",
        "status_since": "2012-06-01",
        "joined_on": "1995-11-07",
    }));
    let res = put_city(&app, &app.staff.token, 1, "es", &change).await;
    assert_eq!(res.status(), StatusCode::OK);
    let city = read(&app).await;
    assert_eq!(city["membership_status"], "suspended");
    assert_eq!(city["joined_on"], "1995-11-07");
    let history = city["membership_history"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(history.len(), 2);
    assert_eq!(history[1]["status"], "suspended");
    assert_eq!(history[1]["since"], "2012-06-01");

    let res = put_city(
        &app,
        &app.admin.token,
        2,
        "en",
        &rosario(json!({"membership_status": "active", "country": "UY", "name": "Rosario"})),
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(body(res).await["country"], "UY");

    // Once the secretariat has changed it, the focal point sends the new values back.
    let res = put_city(
        &app,
        &app.focal.token,
        3,
        "es",
        &rosario(json!({"country": "UY", "population": 5})),
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK);
}
