use crate::helpers::{
    assert_forbidden, assert_invalid, assert_not_found, assert_unauthenticated, body, spawn_app,
    string_of,
};
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn a_city_system_works_with_its_token() {
    let app = spawn_app().await;
    let focal = Some(app.focal.token.as_str());
    let input = json!({
        "name": "Rosario participation sync",
        "scope": {"role": "focal_point", "city_id": app.city_a.to_string()},
        "permissions": ["registry:read", "city:update"],
        "expires_in_days": 30
    });
    let created = app.create_api_token(&app.focal.token, &input).await;
    let secret = string_of(&created["secret"]);
    assert!(secret.starts_with("mct_") && secret.len() > 40);
    assert!(secret.starts_with(created["prefix"].as_str().unwrap_or("-")));
    let id = string_of(&created["id"]);

    // The system reads and updates its own city, and nothing else.
    let token = Some(secret.as_str());
    assert_eq!(app.get("/cities", token).await.status(), StatusCode::OK);
    let change = json!({"name": "Rosario", "country": "AR", "population": 948312});
    assert_eq!(
        app.put(
            &format!("/cities/{}", app.city_a),
            token,
            Some("\"1\""),
            &change
        )
        .await
        .status(),
        StatusCode::OK
    );
    assert_forbidden(
        app.put(
            &format!("/cities/{}", app.city_b),
            token,
            Some("\"1\""),
            &json!({"name": "Montevideo", "country": "UY"}),
        )
        .await,
    )
    .await;
    assert_forbidden(app.get("/users", token).await).await;
    assert_forbidden(app.post("/api-tokens", token, &input).await).await;

    // The change is audited as the token's.
    let history = app
        .get_json(
            &format!("/cities/{}/history", app.city_a),
            Some(&app.admin.token),
        )
        .await;
    assert_eq!(history["items"][0]["actor_kind"], "token");
    assert_eq!(history["items"][0]["actor_id"], id.as_str());

    // Lists never show the secret; last use is recorded.
    let list = app
        .get(&format!("/api-tokens?city_id={}", app.city_a), focal)
        .await
        .text()
        .await
        .unwrap_or_default();
    assert!(
        !list.contains(&secret) && !list.contains("token_hash"),
        "{list}"
    );
    let list: serde_json::Value = serde_json::from_str(&list).unwrap_or_default();
    assert_eq!(list["total"], 1);
    assert!(list["items"][0]["last_used_at"].is_string());

    // Revoked, it stops working at once.
    let res = app.delete(&format!("/api-tokens/{id}"), focal, None).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(body(res).await["revoked_at"].is_string());
    assert_unauthenticated(app.get("/cities", token).await).await;
}

#[tokio::test]
async fn a_focal_point_cannot_make_tokens_for_another_city() {
    let app = spawn_app().await;
    let focal = Some(app.focal.token.as_str());
    let other = json!({"name": "x", "scope": {"role": "focal_point", "city_id": app.city_b.to_string()}, "permissions": ["registry:read"]});
    assert_forbidden(app.post("/api-tokens", focal, &other).await).await;
    let network =
        json!({"name": "x", "scope": {"role": "observer"}, "permissions": ["registry:read"]});
    assert_forbidden(app.post("/api-tokens", focal, &network).await).await;
    assert_forbidden(
        app.get(&format!("/api-tokens?city_id={}", app.city_b), focal)
            .await,
    )
    .await;
    assert_forbidden(app.get("/api-tokens", focal).await).await;
    for actor in [&app.staff, &app.observer, &app.coordinator, &app.finance] {
        assert_forbidden(app.post("/api-tokens", Some(&actor.token), &network).await).await;
    }
    assert_unauthenticated(app.post("/api-tokens", None, &network).await).await;

    // An admin's token for city B cannot be read or revoked by A's focal point.
    let id = string_of(&app.create_api_token(&app.admin.token, &other).await["id"]);
    assert_forbidden(app.get(&format!("/api-tokens/{id}"), focal).await).await;
    assert_forbidden(app.delete(&format!("/api-tokens/{id}"), focal, None).await).await;
    let no_such_token = "/api-tokens/00000000-0000-0000-0000-000000000000";
    assert_forbidden(app.get(no_such_token, focal).await).await;
    assert_not_found(app.get(no_such_token, Some(&app.admin.token)).await).await;
}

#[tokio::test]
async fn bad_token_requests_are_refused() {
    let app = spawn_app().await;
    let admin = Some(app.admin.token.as_str());
    let before = app.audit_count().await;
    let base = json!({"name": "Report puller", "scope": {"role": "observer"}, "permissions": ["registry:read"]});
    let with = |key: &str, value: serde_json::Value| {
        let mut v = base.clone();
        v[key] = value;
        v
    };
    for (input, field) in [
        (with("name", json!("")), "name"),
        (with("permissions", json!([])), "permissions"),
        (with("permissions", json!(["everything"])), "permissions[0]"),
        (
            with("permissions", json!(["user:manage"])),
            "permissions[0]",
        ),
        (
            with("permissions", json!(["city:update"])),
            "permissions[0]",
        ),
        (
            with("permissions", json!(["registry:read", "registry:read"])),
            "permissions[1]",
        ),
        (with("expires_in_days", json!(0)), "expires_in_days"),
        (with("expires_in_days", json!(10000)), "expires_in_days"),
        (with("scope", json!({"role": "focal_point"})), "scope"),
    ] {
        assert_invalid(app.post("/api-tokens", admin, &input).await, &[field]).await;
    }
    assert_eq!(app.audit_count().await, before);
    let secret = string_of(&app.create_api_token(&app.admin.token, &base).await["secret"]);
    assert_eq!(
        app.get("/countries", Some(&secret)).await.status(),
        StatusCode::OK
    );
    assert_forbidden(
        app.post(
            "/cities",
            Some(&secret),
            &json!({"name": "X", "country": "AR"}),
        )
        .await,
    )
    .await;
}

/// A token acts only while the user who made it is active and may still make it; the list
/// says why a token does not act.
#[tokio::test]
async fn a_token_stops_when_its_creator_is_deactivated_or_loses_the_role() {
    let app = spawn_app().await;
    let make = |name: &str| {
        json!({
            "name": name,
            "scope": {"role": "focal_point", "city_id": app.city_a.to_string()},
            "permissions": ["registry:read", "city:update"],
        })
    };
    let first = app.create_api_token(&app.focal.token, &make("first")).await;
    let secret = string_of(&first["secret"]);
    assert_eq!(
        app.get("/cities", Some(&secret)).await.status(),
        StatusCode::OK
    );
    // The focal point becomes an observer: the token no longer acts.
    let path = format!("/users/{}", app.focal.id);
    let observer = json!({"email": "focal@test.example.org", "display_name": "focal", "roles": [{"role": "observer"}]});
    assert_eq!(
        app.put(&path, Some(&app.admin.token), Some("\"1\""), &observer)
            .await
            .status(),
        StatusCode::OK
    );
    assert_unauthenticated(app.get("/cities", Some(&secret)).await).await;
    let listed = app
        .get_json(
            &format!("/api-tokens?city_id={}", app.city_a),
            Some(&app.admin.token),
        )
        .await;
    assert_eq!(
        listed["items"][0]["inactive"], "creator_lost_role",
        "{listed}"
    );
    // Focal point again, and the token acts again; deactivated, and it stops.
    let focal = json!({"email": "focal@test.example.org", "display_name": "focal", "roles": [{"role": "focal_point", "city_id": app.city_a.to_string()}]});
    assert_eq!(
        app.put(&path, Some(&app.admin.token), Some("\"2\""), &focal)
            .await
            .status(),
        StatusCode::OK
    );
    assert_eq!(
        app.get("/cities", Some(&secret)).await.status(),
        StatusCode::OK
    );
    let deactivated = json!({"email": "focal@test.example.org", "display_name": "focal", "active": false, "roles": [{"role": "focal_point", "city_id": app.city_a.to_string()}]});
    assert_eq!(
        app.put(&path, Some(&app.admin.token), Some("\"3\""), &deactivated)
            .await
            .status(),
        StatusCode::OK
    );
    assert_unauthenticated(app.get("/cities", Some(&secret)).await).await;
    let id = string_of(&first["id"]);
    let shown = app
        .get_json(&format!("/api-tokens/{id}"), Some(&app.admin.token))
        .await;
    assert_eq!(shown["inactive"], "creator_deactivated", "{shown}");
    // A token that acts says nothing of it.
    let admin_made = app
        .create_api_token(&app.admin.token, &make("by the secretariat"))
        .await;
    let admin_secret = string_of(&admin_made["secret"]);
    assert_eq!(
        app.get("/cities", Some(&admin_secret)).await.status(),
        StatusCode::OK
    );
    let shown = app
        .get_json(
            &format!("/api-tokens/{}", string_of(&admin_made["id"])),
            Some(&app.admin.token),
        )
        .await;
    assert!(shown.get("inactive").is_none(), "{shown}");
}
