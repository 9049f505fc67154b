//! E-mail: the notifications people chose to get by mail, sent through the configured SMTP
//! server by a job that runs in every instance. The e-mails wait in the database's outbox; each
//! instance claims the due ones for a minute, so that none is sent twice, and a failed send is
//! tried again later (after 1, 2, 4, … seconds, up to `smtp.max_retry_seconds`), also after a
//! restart. Without `smtp.host` no mail is sent and the outbox keeps what waits.

use crate::configuration::{SmtpSettings, SmtpTls};
use crate::state::AppState;
use chrono::Utc;
use lettre::message::{Mailbox, header::ContentType};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use mercociudades_domain::text::Lang;
use mercociudades_persistence::repositories::{DueEmail, Notification};
use std::time::Duration;

/// How long a claimed e-mail is kept from other senders.
const LEASE_SECONDS: i64 = 60;
/// E-mails claimed at a time.
const BATCH: u64 = 20;

/// Starts the sending job when SMTP is configured.
pub fn start(state: AppState) -> anyhow::Result<()> {
    let settings = state.settings.smtp.clone();
    if settings.host.is_empty() {
        return Ok(());
    }
    let transport = transport(&settings)?;
    let from: Mailbox = settings
        .from
        .parse()
        .map_err(|e| anyhow::anyhow!("smtp.from is not an address: {e}"))?;
    tokio::spawn(async move {
        let pause = Duration::from_millis(settings.poll_milliseconds.max(10));
        loop {
            if let Err(e) = send_due(&state, &transport, &from, &settings).await {
                tracing::warn!(error = %e, "the e-mail outbox could not be read");
            }
            tokio::time::sleep(pause).await;
        }
    });
    Ok(())
}

fn transport(settings: &SmtpSettings) -> anyhow::Result<AsyncSmtpTransport<Tokio1Executor>> {
    let builder = match settings.tls {
        SmtpTls::None => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&settings.host),
        SmtpTls::Starttls => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&settings.host)?,
        SmtpTls::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(&settings.host)?,
    };
    let mut builder = builder
        .port(settings.port)
        .timeout(Some(Duration::from_secs(20)));
    if !settings.username.is_empty() {
        builder = builder.credentials(Credentials::new(
            settings.username.clone(),
            settings.password.clone(),
        ));
    }
    Ok(builder.build())
}

/// Sends the e-mails due now; each is marked sent, or failed with its next attempt.
async fn send_due(
    state: &AppState,
    transport: &AsyncSmtpTransport<Tokio1Executor>,
    from: &Mailbox,
    settings: &SmtpSettings,
) -> anyhow::Result<()> {
    let due = state
        .store
        .claim_due_emails(Utc::now(), chrono::Duration::seconds(LEASE_SECONDS), BATCH)
        .await?;
    for email in due {
        match send(transport, from, &email).await {
            Ok(()) => state.store.email_sent(email.id, Utc::now()).await?,
            Err(e) => {
                let wait = retry_delay(email.attempts, settings.max_retry_seconds);
                tracing::warn!(email = %email.id, attempts = email.attempts + 1, error = %e, "an e-mail could not be sent");
                let retry_at = Utc::now() + chrono::Duration::seconds(wait);
                state
                    .store
                    .email_failed(email.id, retry_at, &e.to_string())
                    .await?;
            }
        }
    }
    Ok(())
}

/// Seconds before the next attempt after `attempts` failed ones: 1, 2, 4, … up to `max`.
pub fn retry_delay(attempts: i32, max: u64) -> i64 {
    let doubled = 1_u64 << attempts.clamp(0, 30);
    i64::try_from(doubled.min(max.max(1))).unwrap_or(i64::MAX)
}

async fn send(
    transport: &AsyncSmtpTransport<Tokio1Executor>,
    from: &Mailbox,
    email: &DueEmail,
) -> anyhow::Result<()> {
    let to = Mailbox::new(Some(email.display_name.clone()), email.to.parse()?);
    let (subject, body) = render(&email.notification, email.language);
    let message = Message::builder()
        .from(from.clone())
        .to(to)
        .subject(subject)
        .header(ContentType::TEXT_PLAIN)
        .body(body)?;
    transport.send(message).await?;
    Ok(())
}

/// The subject and text of a notification's e-mail, in `lang`.
pub fn render(notification: &Notification, lang: Lang) -> (String, String) {
    let params = &notification.params;
    let text = |key: &str| params[key].as_str().unwrap_or_default().to_owned();
    let title = params["activity_title"][lang.as_str()]
        .as_str()
        .or_else(|| {
            Lang::ALL
                .iter()
                .find_map(|l| params["activity_title"][l.as_str()].as_str())
        })
        .unwrap_or_default()
        .to_owned();
    let values = [
        ("code", text("activity_code")),
        ("title", title),
        ("reason", text("reason")),
        ("report", notification.record_id.clone()),
    ];
    let (subject, body) = crate::i18n::notification(notification.kind, lang);
    (
        crate::i18n::fill(subject, &values),
        crate::i18n::fill(body, &values),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use mercociudades_domain::notification::NotificationKind;

    #[test]
    fn retries_double_up_to_the_longest_wait() {
        let delays: Vec<i64> = (0..6).map(|a| retry_delay(a, 10)).collect();
        assert_eq!(delays, [1, 2, 4, 8, 10, 10]);
        assert_eq!(retry_delay(100, 3600), 3600);
    }

    #[test]
    fn a_returned_report_is_told_in_the_readers_language_with_its_reason() {
        let notification = Notification {
            id: uuid::Uuid::nil(),
            user: mercociudades_domain::ids::UserId(uuid::Uuid::nil()),
            kind: NotificationKind::ReportReturned,
            record_type: "report".into(),
            record_id: "r-1".into(),
            params: serde_json::json!({
                "activity_code": "1.1.a",
                "activity_title": {"es": "Seminario de cultura", "en": "Culture seminar"},
                "reason": "Faltan las ciudades participantes",
            }),
            created_at: Utc::now(),
            read_at: None,
        };
        let (subject, body) = render(&notification, Lang::Es);
        assert!(subject.contains("1.1.a"), "{subject}");
        assert!(body.contains("Seminario de cultura"), "{body}");
        assert!(body.contains("Faltan las ciudades participantes"), "{body}");
        let (en_subject, en_body) = render(&notification, Lang::En);
        assert_ne!(subject, en_subject);
        assert!(en_body.contains("Culture seminar"), "{en_body}");
        // Portuguese falls back to a title in another language.
        let (_, pt_body) = render(&notification, Lang::Pt);
        assert!(pt_body.contains("Seminario de cultura"), "{pt_body}");
        for lang in Lang::ALL {
            let (s, b) = render(&notification, lang);
            assert!(!s.contains('{') && !b.contains('{'), "{lang}: {s} {b}");
        }
    }
}
