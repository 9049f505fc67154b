//! Notifications: a report returned by the secretariat reaches its author's inbox and, with
//! SMTP configured, the mailbox of a real SMTP server (aiosmtpd), in the author's language;
//! with the server stopped, the mail waits in the outbox and goes out once it is back.

use crate::helpers::{Options, TestApp, body, spawn_app, spawn_app_with, string_of};
use mercociudades_api::configuration::{SmtpSettings, SmtpTls};
use reqwest::StatusCode;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The aiosmtpd program: `AIOSMTPD`, else the one scripts/test installs, else on the PATH.
fn aiosmtpd() -> PathBuf {
    if let Some(path) = std::env::var_os("AIOSMTPD") {
        return PathBuf::from(path);
    }
    let installed =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scripts/contract/.venv/bin/aiosmtpd");
    if installed.exists() {
        return installed;
    }
    PathBuf::from("aiosmtpd")
}

/// A real SMTP server keeping what it receives in a Maildir.
struct MailServer {
    port: u16,
    maildir: tempfile::TempDir,
    process: Option<Child>,
}

impl MailServer {
    fn start() -> Self {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .unwrap_or_else(|e| panic!("{e}"));
        let maildir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let mut server = Self {
            port,
            maildir,
            process: None,
        };
        server.resume();
        server
    }

    /// Starts (again) on the same port and Maildir.
    fn resume(&mut self) {
        let program = aiosmtpd();
        let child = Command::new(&program)
            .args(["-n", "-l", &format!("127.0.0.1:{}", self.port)])
            .args(["-c", "aiosmtpd.handlers.Mailbox"])
            .arg(self.maildir.path().join("mail"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| {
                panic!(
                    "cannot start {} (pip install aiosmtpd, or run scripts/test): {e}",
                    program.display()
                )
            });
        self.process = Some(child);
        let started = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", self.port)).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "aiosmtpd did not start"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn stop(&mut self) {
        if let Some(mut child) = self.process.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// The messages received so far, as text.
    fn messages(&self) -> Vec<String> {
        let dir = self.maildir.path().join("mail/new");
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
            .unwrap_or_default();
        files.sort();
        files
            .iter()
            .filter_map(|f| std::fs::read_to_string(f).ok())
            .collect()
    }

    /// The messages received so far for `address`.
    fn to(&self, address: &str) -> Vec<String> {
        let header = format!("<{address}>");
        self.messages()
            .into_iter()
            .filter(|m| {
                m.lines()
                    .any(|l| l.starts_with("To:") && l.contains(&header))
            })
            .collect()
    }

    /// Waits until `count` messages have arrived for `address`, and returns them.
    async fn wait_for(&self, address: &str, count: usize) -> Vec<String> {
        let started = Instant::now();
        loop {
            let messages = self.to(address);
            if messages.len() >= count {
                return messages;
            }
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "{} of {count} messages arrived",
                messages.len()
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    fn settings(&self) -> SmtpSettings {
        SmtpSettings {
            host: "127.0.0.1".into(),
            port: self.port,
            tls: SmtpTls::None,
            poll_milliseconds: 100,
            max_retry_seconds: 1,
            ..SmtpSettings::default()
        }
    }
}

impl Drop for MailServer {
    fn drop(&mut self) {
        self.stop();
    }
}

/// The demo plan's activity `code`, written up by staff and submitted; returns the report's id.
async fn submitted_report(app: &TestApp, plan: &str, code: &str) -> String {
    let tree = app
        .get_json(&format!("/plans/{plan}"), Some(&app.admin.token))
        .await;
    fn find(nodes: &Value, code: &str) -> Option<String> {
        nodes.as_array()?.iter().find_map(|n| {
            (n["code"] == code)
                .then(|| string_of(&n["id"]))
                .or_else(|| find(&n["children"], code))
        })
    }
    let node = find(&tree["nodes"], code).unwrap_or_else(|| panic!("no {code}"));
    let res = app
        .post_if_match(
            &format!("/plans/{plan}/nodes/{node}/reports"),
            &app.staff.token,
            None,
            &json!({"reported_on": "2012-06-01", "execution": "partially"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED, "{}", body(res).await);
    let id = string_of(&body(res).await["id"]);
    let submitted = app
        .post_if_match(
            &format!("/reports/{id}/submit"),
            &app.staff.token,
            Some("\"1\""),
            &json!({}),
        )
        .await;
    assert_eq!(submitted.status(), StatusCode::OK);
    id
}

async fn send_back(app: &TestApp, id: &str, reason: &str) {
    let res = app
        .post_if_match(
            &format!("/reports/{id}/return"),
            &app.admin.token,
            Some("\"2\""),
            &json!({"reason": reason}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK, "{}", body(res).await);
}

#[tokio::test]
async fn a_returned_report_reaches_its_author_by_inbox_and_by_mail_even_after_an_outage() {
    let mut mail = MailServer::start();
    let app = spawn_app_with(Options {
        smtp: mail.settings(),
        ..Options::default()
    })
    .await;
    // A plan of their own in execution; the demo's people get their own mail first.
    let plan = app.draft_plan().await;
    app.start_plan(&plan).await;
    let staff = Some(app.staff.token.as_str());
    let started = Instant::now();
    while app.store.unsent_emails().await.unwrap_or_default() > 0 {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "the demo's mail is not sent"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    const STAFF: &str = "staff@test.example.org";

    // Staff (who reads in Spanish) wrote the report; the secretariat returns it.
    let first = submitted_report(&app, &plan, "1.1.a").await;
    send_back(&app, &first, "Faltan las ciudades participantes").await;

    let inbox = app.get_json("/inbox", staff).await;
    let returned: Vec<&Value> = inbox["items"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|i| i["kind"] == "report_returned")
        .collect();
    assert_eq!(returned.len(), 1, "{inbox}");
    assert_eq!(returned[0]["report_id"], first.as_str());
    assert_eq!(returned[0]["reason"], "Faltan las ciudades participantes");
    assert_eq!(returned[0]["activity_code"], "1.1.a");
    assert_eq!(inbox["unread_notifications"], 1);
    let notifications = app.get_json("/notifications?unread=true", staff).await;
    assert_eq!(notifications["items"][0]["kind"], "report_returned");
    assert_eq!(notifications["items"][0]["record_id"], first.as_str());

    let messages = mail.wait_for(STAFF, 1).await;
    let message = &messages[0];
    assert!(message.contains("devuelto"), "in Spanish: {message}");
    assert!(message.contains("1.1.a"), "{message}");

    // The mail server goes away; staff now reads in English. The next return waits in the
    // outbox, is tried again, and goes out once the server is back.
    mail.stop();
    let me = app.get("/auth/me", staff).await;
    let tag = crate::helpers::etag(&me);
    let profile = body(me).await;
    let res = app
        .put(
            "/auth/me",
            staff,
            Some(&tag),
            &json!({"display_name": profile["user"]["display_name"], "language": "en"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK, "{}", body(res).await);
    let second = submitted_report(&app, &plan, "1.1.b").await;
    send_back(&app, &second, "Missing evidence").await;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(app.store.unsent_emails().await.unwrap_or_default(), 1);
    assert_eq!(mail.to(STAFF).len(), 1);
    mail.resume();
    let messages = mail.wait_for(STAFF, 2).await;
    let message = messages
        .iter()
        .find(|m| !m.contains("devuelto"))
        .unwrap_or_else(|| panic!("no second message: {messages:?}"));
    assert!(message.contains("was returned"), "in English: {message}");
    assert!(message.contains("Missing evidence"), "{message}");
    assert_eq!(app.store.unsent_emails().await.unwrap_or_default(), 0);

    // Reading marks them read.
    let read = app
        .post_if_match("/notifications/read", &app.staff.token, None, &json!({}))
        .await;
    assert_eq!(body(read).await["marked"], 2);
    assert_eq!(
        app.get_json("/inbox", staff).await["unread_notifications"],
        0
    );
}

#[tokio::test]
async fn email_preferences_choose_what_is_mailed_and_a_notification_is_only_its_owners() {
    let app = spawn_app().await;
    let staff = Some(app.staff.token.as_str());
    let prefs = app.get_json("/auth/me/email-preferences", staff).await;
    assert_eq!(
        prefs,
        json!({"preferences": [{"kind": "report_returned", "email": true}, {"kind": "report_approved", "email": true}]})
    );
    let res = app
        .post(
            "/auth/me/email-preferences",
            staff,
            &json!({"preferences": [{"kind": "report_approved", "email": false}]}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(
        body(res).await["preferences"][1],
        json!({"kind": "report_approved", "email": false})
    );
    crate::helpers::assert_invalid(
        app.post(
            "/auth/me/email-preferences",
            staff,
            &json!({"preferences": [{"kind": "gossip", "email": true}]}),
        )
        .await,
        &["preferences[0].kind"],
    )
    .await;
    let many: Vec<Value> = (0..21)
        .map(|_| json!({"kind": "report_returned", "email": true}))
        .collect();
    crate::helpers::assert_invalid(
        app.post(
            "/auth/me/email-preferences",
            staff,
            &json!({"preferences": many}),
        )
        .await,
        &["preferences"],
    )
    .await;
    // With approvals not wanted by mail, an approval is in the inbox and not in the outbox.
    let plan = app.draft_plan().await;
    app.start_plan(&plan).await;
    let outbox = app.store.unsent_emails().await.unwrap_or_default();
    let id = submitted_report(&app, &plan, "1.1.a").await;
    let approved = app
        .post_if_match(
            &format!("/reports/{id}/approve"),
            &app.admin.token,
            Some("\"2\""),
            &json!({}),
        )
        .await;
    assert_eq!(approved.status(), StatusCode::OK);
    let list = app.get_json("/notifications", staff).await;
    assert_eq!(list["items"][0]["kind"], "report_approved");
    assert_eq!(app.store.unsent_emails().await.unwrap_or_default(), outbox);
    // Another person cannot mark it read, nor see it.
    let notification = string_of(&list["items"][0]["id"]);
    let res = app
        .post_if_match(
            &format!("/notifications/{notification}/read"),
            &app.admin.token,
            None,
            &json!({}),
        )
        .await;
    crate::helpers::assert_not_found(res).await;
    assert_eq!(
        app.get_json("/notifications", Some(&app.admin.token)).await["total"],
        0
    );
    crate::helpers::assert_unauthenticated(app.get("/inbox", None).await).await;
    let res = app
        .post_if_match(
            &format!("/notifications/{notification}/read"),
            &app.staff.token,
            None,
            &json!({}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
}
