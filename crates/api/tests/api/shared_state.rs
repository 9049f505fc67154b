//! What must hold across restarts and across instances lives in the database: a second
//! instance on the same database, started after a change made through the first, knows nothing
//! of the first one's memory, as the same server after a restart would not.

use crate::helpers::{Options, PASSWORD, TestApp, spawn_app, spawn_app_with};
use futures_util::future::join_all;
use mercociudades_persistence::repositories::{AttemptRules, Reservation};
use reqwest::StatusCode;
use serde_json::{Value, json};

/// `GET /cities` on the instance at `address`, with `token`.
async fn read_cities(app: &TestApp, address: &str, token: &str) -> StatusCode {
    app.client
        .get(format!("{address}/api/v1/cities"))
        .bearer_auth(token)
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .status()
}

async fn refresh_on(app: &TestApp, address: &str, refresh: &str) -> StatusCode {
    app.client
        .post(format!("{address}/api/v1/auth/refresh"))
        .json(&json!({"refresh_token": refresh}))
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .status()
}

async fn replace_user(app: &TestApp, id: impl std::fmt::Display, change: &Value) {
    assert_eq!(
        app.put(
            &format!("/users/{id}"),
            Some(&app.admin.token),
            Some("\"1\""),
            change
        )
        .await
        .status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn an_ended_session_stays_ended_on_every_instance_and_after_a_restart() {
    let app = spawn_app().await;
    let observer = app.sign_in("observer@test.example.org", PASSWORD).await;
    let focal = app.sign_in("focal@test.example.org", PASSWORD).await;
    let staff = app.sign_in("staff@test.example.org", PASSWORD).await;
    let coordinator = app.sign_in("coordinator@test.example.org", PASSWORD).await;
    let other = app.another_instance().await;
    for session in [&observer, &focal, &staff, &coordinator] {
        assert_eq!(
            read_cities(&app, &other, &session.access).await,
            StatusCode::OK
        );
    }
    // Through the first instance: the observer is deactivated, the focal point becomes an
    // observer, the staff member's password is reset, the coordinator signs out.
    replace_user(
        &app,
        app.observer.id,
        &json!({"email": "observer@test.example.org", "display_name": "observer", "active": false, "roles": [{"role": "observer"}]}),
    )
    .await;
    replace_user(
        &app,
        app.focal.id,
        &json!({"email": "focal@test.example.org", "display_name": "focal", "roles": [{"role": "observer"}]}),
    )
    .await;
    assert_eq!(
        app.post(
            &format!("/users/{}/password", app.staff.id),
            Some(&app.admin.token),
            &json!({"new_password": "another long password for the staff"}),
        )
        .await
        .status(),
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        app.post(
            "/auth/logout",
            Some(&coordinator.access),
            &json!({"refresh_token": coordinator.refresh}),
        )
        .await
        .status(),
        StatusCode::NO_CONTENT
    );
    // A new instance, as after a restart, and the one already running: both refuse at once.
    let restarted = app.another_instance().await;
    for address in [&other, &restarted] {
        for session in [&observer, &focal, &staff] {
            assert_eq!(
                read_cities(&app, address, &session.access).await,
                StatusCode::UNAUTHORIZED
            );
        }
        for session in [&observer, &focal, &staff, &coordinator] {
            assert_eq!(
                refresh_on(&app, address, &session.refresh).await,
                StatusCode::UNAUTHORIZED
            );
        }
    }
    // A new session of a user still active works on every instance.
    let again = app.sign_in("focal@test.example.org", PASSWORD).await;
    assert_eq!(
        read_cities(&app, &restarted, &again.access).await,
        StatusCode::OK
    );
}

#[tokio::test]
async fn sign_in_failures_add_up_across_instances() {
    let app = spawn_app_with(Options {
        free_failures: 2,
        ..Options::default()
    })
    .await;
    let other = app.another_instance().await;
    let attempt = |address: String| {
        let client = app.client.clone();
        async move {
            client
                .post(format!("{address}/api/v1/auth/login"))
                .json(&json!({"email": "staff@test.example.org", "password": "not the password"}))
                .send()
                .await
                .unwrap_or_else(|e| panic!("{e}"))
                .status()
        }
    };
    assert_eq!(attempt(app.address.clone()).await, StatusCode::UNAUTHORIZED);
    assert_eq!(attempt(other.clone()).await, StatusCode::UNAUTHORIZED);
    assert_eq!(attempt(app.address.clone()).await, StatusCode::UNAUTHORIZED);
    assert_eq!(attempt(other.clone()).await, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(
        app.login("staff@test.example.org", PASSWORD).await.status(),
        StatusCode::TOO_MANY_REQUESTS
    );
}

#[tokio::test]
async fn concurrent_guesses_are_all_counted_before_any_is_checked() {
    let app = spawn_app().await;
    let guesses = (0..30).map(|_| app.login("staff@test.example.org", "a guess that is wrong"));
    let statuses: Vec<StatusCode> = join_all(guesses)
        .await
        .into_iter()
        .map(|r| r.status())
        .collect();
    let checked = statuses
        .iter()
        .filter(|s| **s == StatusCode::UNAUTHORIZED)
        .count();
    let refused = statuses
        .iter()
        .filter(|s| **s == StatusCode::TOO_MANY_REQUESTS)
        .count();
    // Five free failures, and the sixth attempt, are checked; every other one is refused.
    assert_eq!((checked, refused), (6, 24), "{statuses:?}");
}

#[tokio::test]
async fn a_flood_from_one_address_does_not_lock_the_owner_out_from_another() {
    let app = spawn_app().await;
    let rules = AttemptRules {
        free: 5,
        max_lock_ms: 900_000,
        forget_after_ms: 86_400_000,
    };
    let now = chrono::Utc::now().timestamp_millis();
    let from = |address: &str| {
        vec![
            format!("account:admin@test.example.org@{address}"),
            format!("address:{address}"),
        ]
    };
    let flood = from("203.0.113.7");
    let mut outcomes = Vec::new();
    for _ in 0..20 {
        outcomes.push(
            app.store
                .reserve_attempt(&flood, now, rules)
                .await
                .unwrap_or_else(|e| panic!("{e}")),
        );
    }
    assert!(outcomes[..6].iter().all(|o| *o == Reservation::Granted));
    assert!(
        outcomes[6..]
            .iter()
            .all(|o| matches!(o, Reservation::Locked { wait_ms } if *wait_ms >= 1000))
    );
    // The owner, from another address, is let through.
    assert_eq!(
        app.store
            .reserve_attempt(&from("198.51.100.20"), now, rules)
            .await
            .unwrap_or_else(|e| panic!("{e}")),
        Reservation::Granted
    );
    // A day without attempts, and the flooded address starts over.
    assert_eq!(
        app.store
            .reserve_attempt(&flood, now + 86_400_001 + 900_000, rules)
            .await
            .unwrap_or_else(|e| panic!("{e}")),
        Reservation::Granted
    );
}
