//! Rate limits: per signed-in user or API token, per address for anonymous calls, answered
//! 429 with `Retry-After` and the `RateLimit` headers.

use crate::helpers::{Options, assert_problem, header, spawn_app_with, string_of};
use mercociudades_api::configuration::RateLimitSettings;
use reqwest::StatusCode;
use serde_json::json;

/// A window long enough that no test run crosses into the next one.
const WINDOW: u64 = 1_000_000;

fn limits(per_caller: u32, per_address: u32) -> Options {
    Options {
        rate_limit: RateLimitSettings {
            window_seconds: WINDOW,
            per_caller,
            per_address,
        },
        ..Options::default()
    }
}

#[tokio::test]
async fn anonymous_calls_are_limited_per_address_with_the_draft_headers() {
    let app = spawn_app_with(limits(100, 3)).await;
    for left in [2, 1, 0] {
        let res = app.get("/public/plans", None).await;
        assert_eq!(res.status(), StatusCode::OK);
        assert_eq!(
            header(&res, "ratelimit-policy"),
            format!("\"address\";q=3;w={WINDOW}")
        );
        let state = header(&res, "ratelimit");
        assert!(
            state.starts_with(&format!("\"address\";r={left};t=")),
            "{state}"
        );
    }
    let refused = app.get("/public/plans", None).await;
    let retry_after: u64 = header(&refused, "retry-after").parse().unwrap_or(0);
    assert!((1..=WINDOW).contains(&retry_after), "{retry_after}");
    assert!(header(&refused, "ratelimit").starts_with("\"address\";r=0;t="));
    let problem = assert_problem(
        refused,
        StatusCode::TOO_MANY_REQUESTS,
        "too_many_requests",
        &[],
    )
    .await;
    let detail = string_of(&problem["detail"]);
    assert!(detail.contains(&retry_after.to_string()), "{detail}");
    // Another route from the same address is refused too; a signed-in caller is not.
    let health = app.get("/health/live", None).await;
    assert_eq!(health.status(), StatusCode::TOO_MANY_REQUESTS);
    let res = app.get("/auth/me", Some(&app.admin.token)).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(header(&res, "ratelimit-policy").starts_with("\"caller\";q=100;"));
}

#[tokio::test]
async fn each_user_and_each_token_has_its_own_allowance() {
    let app = spawn_app_with(limits(3, 1000)).await;
    let token = app
        .create_api_token(
            &app.admin.token,
            &json!({
                "name": "nightly export",
                "scope": {"role": "observer"},
                "permissions": ["registry:read"],
                "expires_in_days": 30
            }),
        )
        .await;
    let secret = string_of(&token["secret"]);
    // The token's creation was the admin's first request.
    for _ in 0..2 {
        assert_eq!(
            app.get("/cities", Some(&app.admin.token)).await.status(),
            StatusCode::OK
        );
    }
    let refused = app.get("/cities", Some(&app.admin.token)).await;
    assert_problem(
        refused,
        StatusCode::TOO_MANY_REQUESTS,
        "too_many_requests",
        &[],
    )
    .await;
    // Writes are refused as well, and nothing is written.
    let audit_before = app.audit_count().await;
    let write = app
        .post(
            "/cities",
            Some(&app.admin.token),
            &json!({"name": "Salto", "country": "UY"}),
        )
        .await;
    assert_eq!(write.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(app.audit_count().await, audit_before);
    // The staff user and the admin's token count apart.
    assert_eq!(
        app.get("/cities", Some(&app.staff.token)).await.status(),
        StatusCode::OK
    );
    let res = app.get("/cities", Some(&secret)).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(header(&res, "ratelimit").starts_with("\"caller\";r=2;"));
}

#[tokio::test]
async fn a_limit_of_zero_turns_limits_off() {
    let app = spawn_app_with(limits(0, 0)).await;
    for _ in 0..5 {
        let res = app.get("/public/plans", None).await;
        assert_eq!(res.status(), StatusCode::OK);
        assert!(res.headers().get("ratelimit").is_none());
    }
}
