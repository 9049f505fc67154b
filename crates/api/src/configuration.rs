//! Settings: defaults that need no configuration at all, then an optional TOML file, then
//! `MC_`-prefixed environment variables (`MC_LISTEN`, `MC_JWT__ISSUER`, …), then `DATABASE_URL`.

use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// Address and port to listen on.
    pub listen: String,
    /// Where the platform keeps its files: the SQLite database and the generated JWT secret.
    pub data_dir: PathBuf,
    /// `sqlite://…` or `postgres://…`; empty means SQLite in `data_dir`.
    pub database_url: String,
    /// Largest connection pool to the database.
    pub max_connections: u32,
    /// Largest request body accepted, in bytes.
    pub body_limit: usize,
    /// Browser origins allowed to call the API (the staff SPA's).
    pub cors_origins: Vec<String>,
    /// Folder of the built staff SPA, served at `/` when present.
    pub static_dir: PathBuf,
    pub jwt: JwtSettings,
    pub auth: AuthSettings,
    pub rate_limit: RateLimitSettings,
    pub smtp: SmtpSettings,
    /// Log lines as JSON (for log collectors) instead of text.
    pub log_json: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JwtSettings {
    /// HS256 secret, at least 32 bytes; empty means one generated and kept in `data_dir`.
    pub secret: String,
    pub issuer: String,
    pub audience: String,
    /// Lifetime of an access token, in seconds.
    pub access_ttl_seconds: i64,
    /// Lifetime of a refresh token, in seconds.
    pub refresh_ttl_seconds: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuthSettings {
    /// Password hashes computed at the same time, at most.
    pub max_concurrent_hashes: usize,
    /// Failed sign-ins allowed before delays start.
    pub free_failures: u32,
    /// Longest delay imposed after failed sign-ins, in seconds.
    pub max_lockout_seconds: u64,
}

/// Requests each caller may make to the API per window, counted by each instance apart.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RateLimitSettings {
    /// Length of a window, in seconds.
    pub window_seconds: u64,
    /// Requests per window of one signed-in user or one API token; 0: no limit.
    pub per_caller: u32,
    /// Requests per window of anonymous calls from one client address; 0: no limit.
    pub per_address: u32,
}

impl Default for RateLimitSettings {
    fn default() -> Self {
        Self {
            window_seconds: 60,
            per_caller: 600,
            per_address: 120,
        }
    }
}

/// The mail server notifications go out through; no `host`: no e-mail is sent.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SmtpSettings {
    pub host: String,
    pub port: u16,
    /// `starttls` (upgrade a plain connection), `tls` (TLS from the start) or `none`.
    pub tls: SmtpTls,
    /// Empty: no authentication.
    pub username: String,
    pub password: String,
    /// The sender, e.g. `Mercociudades <notificaciones@example.org>`.
    pub from: String,
    /// How often the outbox is read, in milliseconds.
    pub poll_milliseconds: u64,
    /// The longest wait before a failed e-mail is tried again, in seconds.
    pub max_retry_seconds: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SmtpTls {
    Starttls,
    Tls,
    None,
}

impl Default for SmtpSettings {
    fn default() -> Self {
        Self {
            host: String::new(),
            port: 587,
            tls: SmtpTls::Starttls,
            username: String::new(),
            password: String::new(),
            from: "Mercociudades <notificaciones@mercociudades.org>".to_owned(),
            poll_milliseconds: 2000,
            max_retry_seconds: 3600,
        }
    }
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            listen: "127.0.0.1:8080".to_owned(),
            data_dir: PathBuf::from("data"),
            database_url: String::new(),
            max_connections: 10,
            body_limit: 2 * 1024 * 1024,
            cors_origins: vec![
                "http://localhost:5173".to_owned(),
                "http://127.0.0.1:5173".to_owned(),
            ],
            static_dir: PathBuf::from("frontend/dist"),
            jwt: JwtSettings {
                secret: String::new(),
                issuer: "mercociudades".to_owned(),
                audience: "mercociudades-api".to_owned(),
                access_ttl_seconds: 15 * 60,
                refresh_ttl_seconds: 14 * 24 * 3600,
            },
            auth: AuthSettings {
                max_concurrent_hashes: 4,
                free_failures: 5,
                max_lockout_seconds: 15 * 60,
            },
            rate_limit: RateLimitSettings::default(),
            smtp: SmtpSettings::default(),
            log_json: false,
        }
    }
}

/// The names of the settings, as `MC_` variables carry them.
const SETTINGS: &[&str] = &[
    "listen",
    "data_dir",
    "database_url",
    "max_connections",
    "body_limit",
    "cors_origins",
    "static_dir",
    "jwt",
    "auth",
    "rate_limit",
    "smtp",
    "log_json",
];

impl Settings {
    /// Reads the settings: defaults, then `file` (or `mercociudades.toml` when present), then
    /// the environment.
    pub fn load(file: Option<&Path>) -> Result<Self, Box<figment::Error>> {
        let mut figment = Figment::from(Serialized::defaults(Settings::default()));
        match file {
            Some(path) => figment = figment.merge(Toml::file_exact(path)),
            None => figment = figment.merge(Toml::file("mercociudades.toml")),
        }
        // Only the settings' own names: another program's `MC_…` variable is none of ours.
        figment = figment.merge(
            Env::prefixed("MC_")
                .filter(|key| {
                    let top = key
                        .as_str()
                        .split("__")
                        .next()
                        .unwrap_or_default()
                        .to_ascii_lowercase();
                    SETTINGS.contains(&top.as_str())
                })
                .split("__"),
        );
        if let Ok(url) = std::env::var("DATABASE_URL")
            && !url.is_empty()
        {
            figment = figment.merge(Serialized::default("database_url", url));
        }
        figment.extract().map_err(Box::new)
    }

    /// The database to use: the configured URL, or the SQLite file in the data folder.
    pub fn database_url(&self) -> String {
        if self.database_url.is_empty() {
            format!(
                "sqlite://{}?mode=rwc",
                self.data_dir.join("mercociudades.db").display()
            )
        } else {
            self.database_url.clone()
        }
    }
}

#[cfg(test)]
// figment's `Jail` takes closures that return its own, large, error type.
#[allow(clippy::result_large_err)]
mod tests {
    use super::*;

    #[test]
    fn environment_overrides_and_foreign_variables_are_ignored() {
        figment::Jail::expect_with(|jail| {
            jail.set_env("MC_LISTEN", "0.0.0.0:9000");
            jail.set_env("MC_JWT__ISSUER", "stpm");
            jail.set_env("MC_API_BIN", "/usr/local/bin/something-else");
            jail.set_env("MC_CONFIG", "ignored.toml");
            let settings = Settings::load(None).map_err(|e| e.to_string())?;
            assert_eq!(settings.listen, "0.0.0.0:9000");
            assert_eq!(settings.jwt.issuer, "stpm");
            Ok(())
        });
    }

    #[test]
    fn a_typo_in_the_file_is_an_error() {
        figment::Jail::expect_with(|jail| {
            jail.create_file(
                "mercociudades.toml",
                "listen = \"127.0.0.1:1\"\nlisen = \"x\"\n",
            )?;
            assert!(Settings::load(None).is_err());
            Ok(())
        });
    }
}
