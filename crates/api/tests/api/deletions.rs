//! The deletions feed: what an incremental sync needs to let go of deleted records.

use crate::helpers::{assert_invalid, assert_unauthenticated, spawn_app, string_of};
use reqwest::StatusCode;
use serde_json::Value;

fn ids(page: &Value) -> Vec<(String, String)> {
    page["items"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|d| (string_of(&d["record_type"]), string_of(&d["record_id"])))
        .collect()
}

#[tokio::test]
async fn deleted_records_are_listed_for_systems_that_keep_a_copy() {
    let app = spawn_app().await;
    let admin = Some(app.admin.token.as_str());
    let focal = Some(app.focal.token.as_str());
    let first = string_of(&app.create_city("Tandil", "AR").await["id"]);
    let second = string_of(&app.create_city("Olavarría", "AR").await["id"]);
    let kept = string_of(&app.create_city("Azul", "AR").await["id"]);
    assert!(
        app.get_json("/deletions", focal).await["items"]
            .as_array()
            .is_some_and(Vec::is_empty)
    );

    for id in [&first, &second] {
        let res = app
            .delete(&format!("/cities/{id}"), admin, Some("\"1\""))
            .await;
        assert_eq!(res.status(), StatusCode::NO_CONTENT);
    }
    // Any signed-in reader of the registry (a city's system too) sees them, oldest first.
    let city = |id: &str| ("city".to_owned(), id.to_owned());
    let page = app.get_json("/deletions", focal).await;
    assert_eq!(ids(&page), vec![city(&first), city(&second)]);
    assert!(!page.to_string().contains(&kept));
    let newest_first = app.get_json("/deletions?sort=-deleted_at", focal).await;
    assert_eq!(ids(&newest_first), vec![city(&second), city(&first)]);

    // From an instant on: a sync that saw the first deletion asks from there.
    let first_at = page["items"][0]["deleted_at"].as_str().unwrap_or_default();
    let second_at = page["items"][1]["deleted_at"].as_str().unwrap_or_default();
    let since = |at: &str| {
        format!(
            "/deletions?record_type=city&updated_since={}",
            at.replace('+', "%2B")
        )
    };
    assert_eq!(
        ids(&app.get_json(&since(second_at), focal).await),
        vec![city(&second)]
    );
    assert_eq!(app.get_json(&since(first_at), focal).await["total"], 2);
    assert_eq!(
        app.get_json("/deletions?record_type=body", focal).await["total"],
        0
    );

    // Bad input names the field; no token is 401.
    for (query, field) in [
        ("record_type=user", "record_type"),
        ("updated_since=yesterday", "updated_since"),
        ("sort=name", "sort"),
        ("per_page=100000", "per_page"),
        ("colour=red", "colour"),
    ] {
        assert_invalid(
            app.get(&format!("/deletions?{query}"), focal).await,
            &[field],
        )
        .await;
    }
    assert_unauthenticated(app.get("/deletions", None).await).await;
}
