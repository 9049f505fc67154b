//! The server's own log, read as an operator reads it: no password, token or hash in it.

use reqwest::StatusCode;
use serde_json::{Value, json};
use std::io::Read;
use std::process::{Command, Stdio};
use std::time::Duration;

#[tokio::test]
async fn the_log_never_holds_a_password_a_token_or_a_hash() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap_or_else(|e| panic!("{e}"));
    let mut server = Command::new(env!("CARGO_BIN_EXE_mercociudades"))
        .args(["serve", "--demo"])
        .env("MC_LISTEN", format!("127.0.0.1:{port}"))
        .env("MC_DATA_DIR", dir.path())
        .env("MC_STATIC_DIR", dir.path().join("no-spa"))
        .env_remove("DATABASE_URL")
        .env_remove("RUST_LOG")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    let base = format!("http://127.0.0.1:{port}/api/v1");
    let client = reqwest::Client::builder()
        .no_proxy()
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    let mut ready = false;
    for _ in 0..200 {
        if client
            .get(format!("http://127.0.0.1:{port}/health/ready"))
            .send()
            .await
            .is_ok_and(|r| r.status().is_success())
        {
            ready = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(ready, "the server did not start");

    let admin_password = "demo-admin-montevideo";
    let login = |email: &'static str, password: &'static str| {
        client
            .post(format!("{base}/auth/login"))
            .json(&json!({"email": email, "password": password}))
            .send()
    };
    let session: Value = login("admin@demo.mercociudades.org", admin_password)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .json()
        .await
        .unwrap_or_default();
    let access = session["access_token"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let refresh = session["refresh_token"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert!(!access.is_empty());
    let wrong = login(
        "admin@demo.mercociudades.org",
        "a wrong password typed by hand",
    )
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
    let new_password = "the new user's secret passphrase";
    let created = client
        .post(format!("{base}/users"))
        .bearer_auth(&access)
        .json(&json!({"email": "new@stpm.example", "display_name": "New", "roles": [{"role": "observer"}], "password": new_password}))
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(created.status(), StatusCode::CREATED);
    let token: Value = client
        .post(format!("{base}/api-tokens"))
        .bearer_auth(&access)
        .json(&json!({"name": "puller", "scope": {"role": "observer"}, "permissions": ["registry:read"]}))
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .json()
        .await
        .unwrap_or_default();
    let secret = token["secret"].as_str().unwrap_or_default().to_owned();
    let used = client
        .get(format!("{base}/cities"))
        .bearer_auth(&secret)
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(used.status(), StatusCode::OK);
    let refreshed = client
        .post(format!("{base}/auth/refresh"))
        .json(&json!({"refresh_token": refresh}))
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(refreshed.status(), StatusCode::OK);

    let _ = server.kill();
    let _ = server.wait();
    let mut log = String::new();
    if let Some(mut stderr) = server.stderr.take() {
        let _ = stderr.read_to_string(&mut log);
    }
    assert!(
        log.contains("signed in") && log.contains("failed sign-in"),
        "the log records sign-ins: {log}"
    );
    for (what, needle) in [
        ("the admin's password", admin_password),
        ("a mistyped password", "a wrong password typed by hand"),
        ("a new user's password", new_password),
        ("the access token", access.as_str()),
        ("the refresh token", refresh.as_str()),
        ("the API token", secret.as_str()),
        ("a password hash", "$argon2"),
    ] {
        assert!(!log.contains(needle), "the log holds {what}");
    }
}
