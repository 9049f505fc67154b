use crate::helpers::{
    JWT_SECRET, Options, PASSWORD, TestApp, assert_forbidden, assert_invalid, assert_invalid_for,
    assert_precondition_failed, assert_precondition_required, assert_problem,
    assert_unauthenticated, body, header, spawn_app, spawn_app_with, string_of,
};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use mercociudades_api::auth::Claims;
use reqwest::{Response, StatusCode};
use serde_json::{Value, json};

/// Asks for a new session with a refresh token.
async fn use_refresh_token(app: &TestApp, token: &str) -> Response {
    app.post("/auth/refresh", None, &json!({"refresh_token": token}))
        .await
}

#[tokio::test]
async fn login_refresh_logout() {
    let app = spawn_app().await;
    let res = app.login("Focal@Test.Example.org ", PASSWORD).await;
    assert_eq!(res.status(), StatusCode::OK);
    let session = body(res).await;
    assert_eq!(session["token_type"], "Bearer");
    assert_eq!(session["expires_in"], 900);
    assert_eq!(session["user"]["email"], "focal@test.example.org");
    assert_eq!(
        session["user"]["roles"][0],
        json!({"role": "focal_point", "city_id": app.city_a.to_string()})
    );
    let access = string_of(&session["access_token"]);
    let me = app.get_json("/auth/me", Some(&access)).await;
    assert_eq!(me["id"], app.focal.id.to_string());

    // Refresh rotates: the new token works once, the old one never again, and its reuse ends
    // the whole family.
    let first = string_of(&session["refresh_token"]);
    let res = use_refresh_token(&app, &first).await;
    assert_eq!(res.status(), StatusCode::OK);
    let second = string_of(&body(res).await["refresh_token"]);
    assert_ne!(first, second);
    assert_unauthenticated(use_refresh_token(&app, &first).await).await;
    assert_unauthenticated(use_refresh_token(&app, &second).await).await;

    // Logout ends the session.
    let refresh = app
        .sign_in("focal@test.example.org", PASSWORD)
        .await
        .refresh;
    assert_eq!(
        app.post("/auth/logout", None, &json!({"refresh_token": refresh}))
            .await
            .status(),
        StatusCode::NO_CONTENT
    );
    assert_unauthenticated(use_refresh_token(&app, &refresh).await).await;
    assert_unauthenticated(
        app.post(
            "/auth/refresh",
            None,
            &json!({"refresh_token": "mcr_made_up"}),
        )
        .await,
    )
    .await;
    assert_invalid(
        app.post("/auth/refresh", None, &json!({})).await,
        &["refresh_token"],
    )
    .await;
}

#[tokio::test]
async fn unknown_email_and_wrong_password_get_the_same_answer() {
    let app = spawn_app().await;
    let strip = |mut v: Value| {
        v.as_object_mut().map(|o| o.remove("request_id"));
        v
    };
    let wrong = strip(
        assert_unauthenticated(
            app.login("admin@test.example.org", "not the password at all")
                .await,
        )
        .await,
    );
    let unknown = strip(
        assert_unauthenticated(
            app.login("nobody@test.example.org", "not the password at all")
                .await,
        )
        .await,
    );
    assert_eq!(wrong, unknown);
    assert_invalid(
        app.post(
            "/auth/login",
            None,
            &json!({"email": "admin@test.example.org"}),
        )
        .await,
        &["password"],
    )
    .await;
}

#[tokio::test]
async fn repeated_failures_are_slowed_down() {
    let app = spawn_app_with(Options {
        free_failures: 2,
        ..Options::default()
    })
    .await;
    for _ in 0..3 {
        assert_eq!(
            app.login("staff@test.example.org", "wrong password, surely")
                .await
                .status(),
            StatusCode::UNAUTHORIZED
        );
    }
    let res = app.login("staff@test.example.org", PASSWORD).await;
    let retry_after: u64 = res
        .headers()
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    assert!(retry_after >= 1, "Retry-After {retry_after}");
    assert_problem(res, StatusCode::TOO_MANY_REQUESTS, "too_many_requests", &[]).await;
    // The client address is throttled too, whatever the account.
    assert_eq!(
        app.login("observer@test.example.org", PASSWORD)
            .await
            .status(),
        StatusCode::TOO_MANY_REQUESTS
    );
}

fn forge(claims: &Value, secret: &[u8]) -> String {
    jsonwebtoken::encode(
        &Header::new(Algorithm::HS256),
        claims,
        &EncodingKey::from_secret(secret),
    )
    .unwrap_or_else(|e| panic!("{e}"))
}

#[tokio::test]
async fn forged_tokens_are_refused() {
    let app = spawn_app().await;
    let now = chrono::Utc::now().timestamp();
    let valid = json!({
        "sub": app.observer.id.to_string(), "typ": "access", "iss": "mercociudades", "aud": "mercociudades-api",
        "iat": now, "nbf": now, "exp": now + 600, "jti": uuid::Uuid::now_v7().to_string(), "roles": ["secretariat_admin"]
    });
    // The test's own signer works, so the failures below are about what was changed.
    assert_eq!(
        app.get("/cities", Some(&forge(&valid, JWT_SECRET.as_bytes())))
            .await
            .status(),
        StatusCode::OK
    );

    let with = |key: &str, value: Value| {
        let mut claims = valid.clone();
        claims[key] = value;
        forge(&claims, JWT_SECRET.as_bytes())
    };
    let header = URL_SAFE_NO_PAD.encode(br#"{"alg":"none","typ":"JWT"}"#);
    let payload = URL_SAFE_NO_PAD.encode(serde_json::to_vec(&valid).unwrap_or_default());
    let observer = app.observer.token.clone();
    let tampered = {
        let parts: Vec<&str> = observer.split('.').collect();
        let mut claims: Claims =
            serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[1]).unwrap_or_default())
                .unwrap_or_else(|e| panic!("{e}"));
        claims.roles = vec!["secretariat_admin".to_owned()];
        format!(
            "{}.{}.{}",
            parts[0],
            URL_SAFE_NO_PAD.encode(serde_json::to_vec(&claims).unwrap_or_default()),
            parts[2]
        )
    };
    let refresh = app
        .sign_in("observer@test.example.org", PASSWORD)
        .await
        .refresh;
    let cases = [
        ("alg none", format!("{header}.{payload}.")),
        (
            "wrong key",
            forge(&valid, b"another-secret-that-is-long-enough-0123456789"),
        ),
        ("expired", with("exp", json!(now - 3600))),
        ("not yet valid", with("nbf", json!(now + 3600))),
        ("wrong issuer", with("iss", json!("someone-else"))),
        ("wrong audience", with("aud", json!("another-api"))),
        ("refresh type", with("typ", json!("refresh"))),
        ("refresh token as access", refresh),
        ("tampered payload", tampered),
        ("garbage", "not.a.token".to_owned()),
        ("made-up API token", "mct_not_a_real_token".to_owned()),
    ];
    for (name, token) in cases {
        let res = app.get("/cities", Some(&token)).await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "{name}");
        assert_unauthenticated(res).await;
    }
    let res = app
        .request(reqwest::Method::GET, "/cities", None)
        .header("authorization", "Basic YTpi")
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_unauthenticated(res).await;
}

#[tokio::test]
async fn deactivating_a_user_ends_their_sessions() {
    let app = spawn_app().await;
    let session = app.sign_in("observer@test.example.org", PASSWORD).await;
    let (access, refresh) = (session.access, session.refresh);
    assert_eq!(
        app.get("/cities", Some(&access)).await.status(),
        StatusCode::OK
    );
    let path = format!("/users/{}", app.observer.id);
    let change = json!({"email": "observer@test.example.org", "display_name": "observer", "active": false, "roles": [{"role": "observer"}]});
    assert_eq!(
        app.put(&path, Some(&app.admin.token), Some("\"1\""), &change)
            .await
            .status(),
        StatusCode::OK
    );
    assert_eq!(
        app.get("/cities", Some(&access)).await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        use_refresh_token(&app, &refresh).await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.login("observer@test.example.org", PASSWORD)
            .await
            .status(),
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn changing_roles_ends_sessions() {
    let app = spawn_app().await;
    let refresh = app
        .sign_in("staff@test.example.org", PASSWORD)
        .await
        .refresh;
    let change = json!({"email": "staff@test.example.org", "display_name": "staff", "roles": [{"role": "observer"}]});
    assert_eq!(
        app.put(
            &format!("/users/{}", app.staff.id),
            Some(&app.admin.token),
            Some("\"1\""),
            &change
        )
        .await
        .status(),
        StatusCode::OK
    );
    assert_eq!(
        use_refresh_token(&app, &refresh).await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.get("/cities", Some(&app.staff.token)).await.status(),
        StatusCode::UNAUTHORIZED
    );
    let session = app.sign_in("staff@test.example.org", PASSWORD).await;
    assert_eq!(
        session.answer["user"]["roles"],
        json!([{"role": "observer"}])
    );
    let access = session.access;
    assert_forbidden(
        app.post(
            "/cities",
            Some(&access),
            &json!({"name": "X", "country": "AR"}),
        )
        .await,
    )
    .await;
}

#[tokio::test]
async fn a_user_changes_their_own_password_and_profile() {
    let app = spawn_app().await;
    let token = Some(app.finance.token.as_str());
    let new = "otoño en montevideo junto al río";
    let change_password = async |current: &str, new: &str| {
        let change = json!({"current_password": current, "new_password": new});
        app.post("/auth/me/password", token, &change).await
    };
    for (current, new, field) in [
        ("wrong one, for sure", new, "current_password"),
        (PASSWORD, "short", "new_password"),
        (PASSWORD, "password1234", "new_password"),
    ] {
        let res = change_password(current, new).await;
        assert_invalid_for(&format!("{current} to {new}"), res, &[field]).await;
    }
    assert_eq!(
        change_password(PASSWORD, new).await.status(),
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        app.login("finance@test.example.org", PASSWORD)
            .await
            .status(),
        StatusCode::UNAUTHORIZED
    );
    let access = app.sign_in("finance@test.example.org", new).await.access;

    let edit_profile = async |tag: Option<&str>, change: Value| {
        app.put("/auth/me", Some(&access), tag, &change).await
    };
    let res = edit_profile(
        Some("\"2\""),
        json!({"language": "pt", "display_name": "Fernanda"}),
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK);
    let me = body(res).await;
    assert_eq!(
        (me["language"].as_str(), me["display_name"].as_str()),
        (Some("pt"), Some("Fernanda"))
    );
    let stale = edit_profile(Some("\"2\""), json!({"language": "pt"})).await;
    assert_precondition_failed(stale).await;
    let unknown = edit_profile(Some("\"3\""), json!({"language": "fr"})).await;
    assert_invalid(unknown, &["language"]).await;
    let untagged = edit_profile(None, json!({"language": "es"})).await;
    assert_precondition_required(untagged).await;
    // The language alone is a preference: versioned, and not in the audit log.
    let audited = app.audit_count().await;
    let res = edit_profile(Some("\"3\""), json!({"language": "en"})).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(header(&res, "etag"), "\"4\"");
    assert_eq!(body(res).await["language"], "en");
    assert_eq!(app.audit_count().await, audited);
    let stale = edit_profile(Some("\"3\""), json!({"language": "es"})).await;
    assert_precondition_failed(stale).await;
    let renamed = edit_profile(Some("\"4\""), json!({"display_name": "Fernanda Paz"})).await;
    assert_eq!(renamed.status(), StatusCode::OK);
    assert_eq!(app.audit_count().await, audited + 1);
    assert_unauthenticated(app.get("/auth/me", None).await).await;
}
