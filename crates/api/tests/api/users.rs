use crate::helpers::{
    assert_forbidden, assert_invalid, assert_precondition_failed, assert_precondition_required,
    assert_problem, assert_problem_for, assert_unauthenticated, etag, spawn_app,
};
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn admins_manage_users_and_roles() {
    let app = spawn_app().await;
    let admin = Some(app.admin.token.as_str());
    let input = json!({
        "email": "Coordinacion@Canelones.example",
        "display_name": "Coordinación UT Ambiente",
        "language": "es",
        "roles": [{"role": "coordinator", "body_id": app.body_y.to_string()}, {"role": "observer"}],
        "password": "un largo camino hacia el sur"
    });
    let res = app.post("/users", admin, &input).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let text = res.text().await.unwrap_or_default();
    assert!(
        !text.contains("argon2") && !text.contains("password"),
        "{text}"
    );
    let user: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
    assert_eq!(user["email"], "coordinacion@canelones.example");
    assert_eq!(user["roles"].as_array().map(Vec::len), Some(2));
    let path = format!("/users/{}", user["id"].as_str().unwrap_or_default());

    assert_problem(
        app.post("/users", admin, &input).await,
        StatusCode::CONFLICT,
        "duplicate",
        &["email"],
    )
    .await;
    let res = app.get(&path, Some(&app.staff.token)).await;
    assert_eq!(etag(&res), "\"1\"");
    let list = app
        .get("/users?role=coordinator", admin)
        .await
        .text()
        .await
        .unwrap_or_default();
    assert!(!list.contains("argon2"), "{list}");
    let list: serde_json::Value = serde_json::from_str(&list).unwrap_or_default();
    assert_eq!(list["total"], 2);
    assert_eq!(app.get_json("/users?q=canelones", admin).await["total"], 1);
    assert_eq!(app.get_json("/users?active=false", admin).await["total"], 0);

    let change = json!({"email": "coordinacion@canelones.example", "display_name": "UT Ambiente", "roles": [{"role": "observer"}]});
    assert_precondition_required(app.put(&path, admin, None, &change).await).await;
    assert_eq!(
        app.put(&path, admin, Some("\"1\""), &change).await.status(),
        StatusCode::OK
    );
    assert_precondition_failed(app.put(&path, admin, Some("\"1\""), &change).await).await;
    assert_eq!(
        app.post(
            &format!("{path}/password"),
            admin,
            &json!({"new_password": "otra contraseña bastante larga"})
        )
        .await
        .status(),
        StatusCode::NO_CONTENT
    );

    for actor in [
        &app.staff,
        &app.coordinator,
        &app.focal,
        &app.observer,
        &app.finance,
    ] {
        assert_forbidden(app.post("/users", Some(&actor.token), &input).await).await;
        assert_forbidden(
            app.put(&path, Some(&actor.token), Some("\"3\""), &change)
                .await,
        )
        .await;
    }
    for actor in [&app.coordinator, &app.focal, &app.observer, &app.finance] {
        assert_forbidden(app.get("/users", Some(&actor.token)).await).await;
    }
    assert_unauthenticated(app.get("/users", None).await).await;
}

#[tokio::test]
async fn bad_users_are_refused() {
    let app = spawn_app().await;
    let admin = Some(app.admin.token.as_str());
    let before = app.audit_count().await;
    let base = json!({"email": "new@test.example.org", "display_name": "New", "roles": [{"role": "observer"}], "password": "a perfectly fine passphrase"});
    let with = |key: &str, value: serde_json::Value| {
        let mut v = base.clone();
        v[key] = value;
        v
    };
    for (input, field) in [
        (with("email", json!("not-an-email")), "email"),
        (with("display_name", json!("")), "display_name"),
        (with("password", json!("short")), "password"),
        (with("password", json!("x".repeat(257))), "password"),
        (with("password", json!("qwerty123456")), "password"),
        (with("language", json!("de")), "language"),
        (with("roles", json!([{"role": "king"}])), "roles[0].role"),
        (with("roles", json!([{"role": "focal_point"}])), "roles[0]"),
        (
            with("roles", json!([{"role": "coordinator", "body_id": "nope"}])),
            "roles[0].body_id",
        ),
        (
            with("roles", json!([{"role": "observer"}, {"role": "observer"}])),
            "roles[1]",
        ),
        (
            with(
                "roles",
                json!([{"role": "focal_point", "city_id": "00000000-0000-0000-0000-000000000000"}]),
            ),
            "roles",
        ),
        (with("admin", json!(true)), "admin"),
    ] {
        assert_invalid(app.post("/users", admin, &input).await, &[field]).await;
    }
    let mut no_password = base.clone();
    no_password.as_object_mut().map(|o| o.remove("password"));
    assert_invalid(app.post("/users", admin, &no_password).await, &["password"]).await;
    assert_invalid(
        app.put(
            &format!("/users/{}", app.observer.id),
            admin,
            Some("\"1\""),
            &base,
        )
        .await,
        &["password"],
    )
    .await;
    assert_eq!(app.audit_count().await, before);
}

#[tokio::test]
async fn an_admin_may_not_lock_themselves_out_nor_reset_their_own_password() {
    let app = spawn_app().await;
    let admin = Some(app.admin.token.as_str());
    let own = format!("/users/{}", app.admin.id);
    let me = app.get_json(&own, admin).await;
    let version = me["version"].as_i64().map(|v| format!("\"{v}\""));
    let profile = |active: bool, roles: serde_json::Value| json!({"email": me["email"], "display_name": me["display_name"], "active": active, "roles": roles});
    for (case, input) in [
        ("deactivating", profile(false, me["roles"].clone())),
        (
            "dropping the admin role",
            profile(true, json!([{"role": "observer"}])),
        ),
    ] {
        let res = app.put(&own, admin, version.as_deref(), &input).await;
        assert_problem_for(case, res, StatusCode::CONFLICT, "own_account", &[]).await;
    }
    let reset = json!({"new_password": "a brand new password of mine"});
    let res = app.post(&format!("{own}/password"), admin, &reset).await;
    assert_problem(res, StatusCode::CONFLICT, "own_account", &[]).await;
    // Nothing changed, and the session goes on: the admin still reads their account.
    let after = app.get_json(&own, admin).await;
    assert_eq!(after["version"], me["version"]);
    assert_eq!(after["active"], true);
    // Renaming oneself is fine, and another administrator may still do the rest.
    let mut renamed = profile(true, me["roles"].clone());
    renamed["display_name"] = json!("Ana (STPM)");
    let res = app.put(&own, admin, version.as_deref(), &renamed).await;
    assert_eq!(res.status(), StatusCode::OK);
}
