//! Spawning the real server on a fresh database, with a user per role.

use mercociudades_api::auth::Keys;

use mercociudades_api::configuration::{RateLimitSettings, Settings, SmtpSettings};
use mercociudades_api::startup::{Application, open_store};
use mercociudades_domain::access::{Grant, Role, Scope};
use mercociudades_domain::ids::{BodyId, CityId, UserId};
use mercociudades_domain::registry::{
    Body, BodyKind, City, Contact, CountryCode, Email, MembershipStatus, Population,
};
use mercociudades_domain::text::{Lang, LocalizedText};
use mercociudades_persistence::Store;
use mercociudades_persistence::audit::Who;
use mercociudades_persistence::repositories::UserAccount;
use reqwest::{Method, RequestBuilder, Response, StatusCode};
use serde_json::{Value, json};
use std::sync::OnceLock;

pub const JWT_SECRET: &str = "test-secret-that-is-long-enough-0123456789";
pub const PASSWORD: &str = "a long test password for everyone";

/// A server on a port of its own, on a database of its own.
pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    pub store: Store,
    /// The settings the server runs with, for another instance on the same database.
    pub settings: Settings,
    _dir: tempfile::TempDir,
    pub admin: Actor,
    pub staff: Actor,
    pub finance: Actor,
    pub observer: Actor,
    /// Coordinator of `body_x`.
    pub coordinator: Actor,
    /// Focal point of `city_a`.
    pub focal: Actor,
    pub city_a: CityId,
    pub city_b: CityId,
    pub body_x: BodyId,
    pub body_y: BodyId,
}

/// A user of the test app with a valid access token.
pub struct Actor {
    pub id: UserId,
    pub token: String,
}

fn password_hash() -> &'static str {
    static HASH: OnceLock<String> = OnceLock::new();
    HASH.get_or_init(|| {
        mercociudades_api::auth::hash_password_blocking(PASSWORD).unwrap_or_default()
    })
}

/// The database for one test: a new SQLite file, or a new PostgreSQL database when
/// `TEST_DATABASE_URL` is set.
async fn database_url(dir: &std::path::Path) -> String {
    match std::env::var("TEST_DATABASE_URL") {
        Ok(url) if !url.is_empty() => {
            use sea_orm::{ConnectionTrait, Database};
            let name = format!("t_{}", uuid::Uuid::new_v4().simple());
            let admin = Database::connect(url.as_str())
                .await
                .unwrap_or_else(|e| panic!("connecting to {url}: {e}"));
            admin
                .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
                .await
                .unwrap_or_else(|e| panic!("creating database {name}: {e}"));
            let _ = admin.close().await;
            let (base, _) = url.rsplit_once('/').unwrap_or((url.as_str(), ""));
            format!("{base}/{name}")
        }
        _ => format!("sqlite://{}?mode=rwc", dir.join("test.db").display()),
    }
}

pub struct Options {
    pub free_failures: u32,
    pub body_limit: usize,
    /// Generous by default, so that only the tests of rate limits meet them.
    pub rate_limit: RateLimitSettings,
    /// The mail server notifications go out through; none by default.
    pub smtp: SmtpSettings,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            free_failures: 5,
            body_limit: 2 * 1024 * 1024,
            rate_limit: RateLimitSettings {
                window_seconds: 60,
                per_caller: 100_000,
                per_address: 100_000,
            },
            smtp: SmtpSettings::default(),
        }
    }
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(Options::default()).await
}

pub async fn spawn_app_with(options: Options) -> TestApp {
    if std::env::var_os("TEST_LOG").is_some() {
        mercociudades_api::telemetry::init(false);
    }
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut settings = Settings {
        listen: "127.0.0.1:0".to_owned(),
        data_dir: dir.path().join("data"),
        database_url: database_url(dir.path()).await,
        static_dir: dir.path().join("no-spa"),
        max_connections: 5,
        body_limit: options.body_limit,
        ..Settings::default()
    };
    settings.jwt.secret = JWT_SECRET.to_owned();
    settings.auth.free_failures = options.free_failures;
    settings.rate_limit = options.rate_limit;
    settings.smtp = options.smtp;
    let store = open_store(&settings)
        .await
        .unwrap_or_else(|e| panic!("{e:#}"));
    let app = Application::build(settings.clone(), store.clone())
        .await
        .unwrap_or_else(|e| panic!("{e:#}"));
    let address = format!("http://127.0.0.1:{}", app.port());
    tokio::spawn(app.run_until_stopped());
    let keys = Keys::new(JWT_SECRET.as_bytes(), &settings.jwt);

    let system = Who::system();
    let city = |name: &str, country: &str| City {
        name: name.to_owned(),
        country: CountryCode::parse("country", country).unwrap_or_else(|e| panic!("{e}")),
        population: Population::parse("population", 1_000_000).ok(),
        membership_status: MembershipStatus::Active,
        joined_on: None,
        contact: Contact::default(),
        location: None,
    };
    let day = chrono::NaiveDate::from_ymd_opt(2011, 12, 2).unwrap_or_default();
    let city_a = store
        .create_city(&system, &city("Rosario", "AR"), day)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .id;
    let city_b = store
        .create_city(&system, &city("Montevideo", "UY"), day)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .id;
    let body = |es: &str| Body {
        kind: BodyKind::ThematicUnit,
        name: LocalizedText::parse(Some(es), None, None, 200).unwrap_or_else(|e| panic!("{e}")),
        acronym: None,
        description: None,
    };
    let body_x = store
        .create_body(&system, &body("Unidad Temática de Cultura"))
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .id;
    let body_y = store
        .create_body(&system, &body("Unidad Temática de Turismo"))
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .id;

    let mut actors = Vec::new();
    for (name, role, scope) in [
        ("admin", Role::SecretariatAdmin, Scope::Network),
        ("staff", Role::SecretariatStaff, Scope::Network),
        ("finance", Role::Finance, Scope::Network),
        ("observer", Role::Observer, Scope::Network),
        ("coordinator", Role::Coordinator, Scope::Body(body_x)),
        ("focal", Role::FocalPoint, Scope::City(city_a)),
    ] {
        let grant = Grant::new(role, scope).unwrap_or_else(|e| panic!("{e}"));
        let email = format!("{name}@test.example.org");
        let account = UserAccount {
            email: Email::parse("email", &email).unwrap_or_else(|e| panic!("{e}")),
            display_name: name.to_owned(),
            language: Lang::Es,
            active: true,
            grants: vec![grant],
        };
        let user = store
            .create_user(&system, &account, password_hash())
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let token = keys
            .issue_access(user.id, &[grant])
            .unwrap_or_else(|e| panic!("{e}"));
        actors.push(Actor { id: user.id, token });
    }
    let mut actors = actors.into_iter();
    let mut next = || actors.next().unwrap_or_else(|| unreachable!());
    TestApp {
        address,
        client: reqwest::Client::builder()
            .no_proxy()
            .build()
            .unwrap_or_else(|e| panic!("{e}")),
        store,
        settings,
        _dir: dir,
        admin: next(),
        staff: next(),
        finance: next(),
        observer: next(),
        coordinator: next(),
        focal: next(),
        city_a,
        city_b,
        body_x,
        body_y,
    }
}

impl TestApp {
    /// Starts another instance of the server on the same database, as a second replica or
    /// as the same server after a restart would be: nothing it knows comes from the first one's
    /// memory. Returns its address.
    pub async fn another_instance(&self) -> String {
        let store = open_store(&self.settings)
            .await
            .unwrap_or_else(|e| panic!("{e:#}"));
        let app = Application::build(self.settings.clone(), store)
            .await
            .unwrap_or_else(|e| panic!("{e:#}"));
        let address = format!("http://127.0.0.1:{}", app.port());
        tokio::spawn(app.run_until_stopped());
        address
    }

    pub fn url(&self, path: &str) -> String {
        if path.starts_with("/api/") || path.starts_with("/health/") {
            format!("{}{path}", self.address)
        } else {
            format!("{}/api/v1{path}", self.address)
        }
    }

    pub fn request(&self, method: Method, path: &str, token: Option<&str>) -> RequestBuilder {
        let mut builder = self.client.request(method, self.url(path));
        if let Some(token) = token {
            builder = builder.bearer_auth(token);
        }
        builder
    }

    pub async fn get(&self, path: &str, token: Option<&str>) -> Response {
        self.request(Method::GET, path, token)
            .send()
            .await
            .unwrap_or_else(|e| panic!("{e}"))
    }

    pub async fn post(&self, path: &str, token: Option<&str>, body: &Value) -> Response {
        self.request(Method::POST, path, token)
            .json(body)
            .send()
            .await
            .unwrap_or_else(|e| panic!("{e}"))
    }

    pub async fn put(
        &self,
        path: &str,
        token: Option<&str>,
        if_match: Option<&str>,
        body: &Value,
    ) -> Response {
        let mut req = self.request(Method::PUT, path, token).json(body);
        if let Some(tag) = if_match {
            req = req.header("If-Match", tag);
        }
        req.send().await.unwrap_or_else(|e| panic!("{e}"))
    }

    pub async fn delete(
        &self,
        path: &str,
        token: Option<&str>,
        if_match: Option<&str>,
    ) -> Response {
        let mut req = self.request(Method::DELETE, path, token);
        if let Some(tag) = if_match {
            req = req.header("If-Match", tag);
        }
        req.send().await.unwrap_or_else(|e| panic!("{e}"))
    }

    /// GETs `path` and returns its JSON body, whatever the status.
    pub async fn get_json(&self, path: &str, token: Option<&str>) -> Value {
        body(self.get(path, token).await).await
    }

    /// GETs `path` and returns its text, whatever the status.
    pub async fn get_text(&self, path: &str, token: Option<&str>) -> String {
        let res = self.get(path, token).await;
        res.text().await.unwrap_or_default()
    }

    /// POSTs `body` to `path`, with `If-Match` when a version is given.
    pub async fn post_if_match(
        &self,
        path: &str,
        token: &str,
        if_match: Option<&str>,
        body: &Value,
    ) -> Response {
        let mut req = self.request(Method::POST, path, Some(token)).json(body);
        if let Some(tag) = if_match {
            req = req.header("if-match", tag);
        }
        req.send().await.unwrap_or_else(|e| panic!("{e}"))
    }

    /// GETs `path` asking for `accept` (CSV, YAML, ...).
    pub async fn get_as(&self, path: &str, token: &str, accept: &str) -> Response {
        self.request(Method::GET, path, Some(token))
            .header("accept", accept)
            .send()
            .await
            .unwrap_or_else(|e| panic!("{e}"))
    }

    /// POSTs a raw `document` of type `content_type` to `path`.
    pub async fn post_raw(
        &self,
        path: &str,
        token: Option<&str>,
        content_type: &str,
        document: impl Into<reqwest::Body>,
    ) -> Response {
        self.request(Method::POST, path, token)
            .header("content-type", content_type)
            .body(document)
            .send()
            .await
            .unwrap_or_else(|e| panic!("{e}"))
    }

    /// Creates a plan from a `document` of type `content_type` (JSON or YAML).
    pub async fn import_plan(
        &self,
        token: &str,
        content_type: &str,
        document: impl Into<reqwest::Body>,
    ) -> Response {
        self.post_raw("/plans/import", Some(token), content_type, document)
            .await
    }

    /// Signs in with an email and a password.
    pub async fn login(&self, email: &str, password: &str) -> Response {
        self.post(
            "/auth/login",
            None,
            &json!({"email": email, "password": password}),
        )
        .await
    }

    /// Signs in and returns the session's access and refresh tokens, with the whole answer.
    pub async fn sign_in(&self, email: &str, password: &str) -> Session {
        let answer = body(self.login(email, password).await).await;
        Session {
            access: string_of(&answer["access_token"]),
            refresh: string_of(&answer["refresh_token"]),
            answer,
        }
    }

    /// Creates an API token as `token`'s holder and returns the answer, secret included.
    pub async fn create_api_token(&self, token: &str, input: &Value) -> Value {
        let res = self.post("/api-tokens", Some(token), input).await;
        assert_eq!(res.status(), StatusCode::CREATED, "creating an API token");
        body(res).await
    }

    /// Gives a body an acronym (plans name their owner and responsible bodies by it), as
    /// admin, at its first version.
    pub async fn give_acronym(&self, body: BodyId, name: &Value, acronym: &str) {
        let change = json!({"kind": "thematic_unit", "name": name, "acronym": acronym});
        let res = self
            .put(
                &format!("/bodies/{body}"),
                Some(&self.admin.token),
                Some("\"1\""),
                &change,
            )
            .await;
        assert_eq!(
            res.status(),
            StatusCode::OK,
            "giving {body} the acronym {acronym}"
        );
    }

    /// Loads the demo data and returns the id of its one plan, as listed to `reader`.
    pub async fn load_demo_plan(&self, reader: &Actor) -> String {
        mercociudades_api::demo::load(&self.store)
            .await
            .unwrap_or_else(|e| panic!("{e:#}"));
        let plans = self.get_json("/plans", Some(&reader.token)).await;
        assert_eq!(plans["total"], 1, "the demo holds one plan");
        string_of(&plans["items"][0]["id"])
    }

    /// Loads the demo data (its registry, bodies and users) and imports the shipped 2011–2012
    /// plan once more, as staff: a new draft of the Executive Secretariat's, to edit, approve
    /// and report on without meeting the demo's own plan. Returns its id.
    pub async fn draft_plan(&self) -> String {
        self.load_demo_plan(&self.admin).await;
        let document = mercociudades_api::demo::SE_PLAN_2011_2012
            .as_bytes()
            .to_vec();
        let res = self
            .import_plan(&self.staff.token, "application/json", document)
            .await;
        assert_eq!(res.status(), StatusCode::CREATED, "importing a draft");
        string_of(&body(res).await["id"])
    }

    /// Approves the draft plan `id` at the XVI Summit and puts it in execution, as admin.
    pub async fn start_plan(&self, id: &str) {
        let path = format!("/plans/{id}");
        let tag = etag(&self.get(&path, Some(&self.admin.token)).await);
        let approval = json!({"meeting": "XVI Cumbre de Mercociudades, Montevideo", "approved_on": "2011-12-02"});
        let res = self
            .post_if_match(
                &format!("{path}/approve"),
                &self.admin.token,
                Some(&tag),
                &approval,
            )
            .await;
        assert_eq!(res.status(), StatusCode::OK, "approving {id}");
        let res = self
            .post_if_match(
                &format!("{path}/start"),
                &self.admin.token,
                Some(&etag(&res)),
                &json!({}),
            )
            .await;
        assert_eq!(res.status(), StatusCode::OK, "starting {id}");
    }

    /// Opens a new revision of the plan `id`, as admin: it becomes a draft again.
    pub async fn revise_plan(&self, id: &str) {
        let path = format!("/plans/{id}");
        let tag = etag(&self.get(&path, Some(&self.admin.token)).await);
        let res = self
            .post_if_match(
                &format!("{path}/revisions"),
                &self.admin.token,
                Some(&tag),
                &json!({}),
            )
            .await;
        assert_eq!(res.status(), StatusCode::OK, "revising {id}");
    }

    /// Number of audit entries, read straight from the store.
    pub async fn audit_count(&self) -> u64 {
        use mercociudades_domain::listing::PageRequest;
        self.store
            .list_audit(&Default::default(), PageRequest::first(1))
            .await
            .unwrap_or_else(|e| panic!("{e}"))
            .total
    }

    /// Creates a city through the API as admin and returns its JSON.
    pub async fn create_city(&self, name: &str, country: &str) -> Value {
        let res = self
            .post(
                "/cities",
                Some(&self.admin.token),
                &json!({"name": name, "country": country}),
            )
            .await;
        assert_eq!(res.status(), StatusCode::CREATED, "creating {name}");
        body(res).await
    }
}

/// A signed-in session.
pub struct Session {
    pub access: String,
    pub refresh: String,
    /// The whole answer to the sign-in.
    pub answer: Value,
}

/// The text of a JSON string, or "" for anything else.
pub fn string_of(value: &Value) -> String {
    value.as_str().unwrap_or_default().to_owned()
}

/// The `field` of every item of a page or list, as text.
pub fn column(list: &Value, field: &str) -> Vec<String> {
    let items = list.get("items").unwrap_or(list);
    items
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|item| item[field].as_str().map(str::to_owned))
        .collect()
}

/// Two fields of every item of a page or list, as text ("" where one is missing).
pub fn pairs<'a>(list: &'a Value, first: &str, second: &str) -> Vec<(&'a str, &'a str)> {
    let items = list.get("items").unwrap_or(list);
    items
        .as_array()
        .into_iter()
        .flatten()
        .map(|item| {
            (
                item[first].as_str().unwrap_or_default(),
                item[second].as_str().unwrap_or_default(),
            )
        })
        .collect()
}

/// The first item of a page or list whose `field` is `value`, or `null`.
pub fn item_with(list: &Value, field: &str, value: &str) -> Value {
    let items = list.get("items").unwrap_or(list);
    items
        .as_array()
        .into_iter()
        .flatten()
        .find(|item| item[field] == value)
        .cloned()
        .unwrap_or_default()
}

pub async fn body(res: Response) -> Value {
    let text = res.text().await.unwrap_or_else(|e| panic!("{e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
}

/// Asserts a problem response: status, content type, code, and the fields named in `errors`.
pub async fn assert_problem(
    res: Response,
    status: StatusCode,
    code: &str,
    fields: &[&str],
) -> Value {
    assert_problem_for("", res, status, code, fields).await
}

/// [`assert_problem`] for one case of a table, named in every failure.
pub async fn assert_problem_for(
    case: &str,
    res: Response,
    status: StatusCode,
    code: &str,
    fields: &[&str],
) -> Value {
    assert_eq!(res.status(), status, "{case} status");
    let content_type = res
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    assert!(
        content_type.starts_with("application/problem+json"),
        "{case} content type {content_type}"
    );
    let request_id = res
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let problem = body(res).await;
    assert_eq!(problem["code"], code, "{case} {problem}");
    assert_eq!(problem["status"], status.as_u16(), "{case} {problem}");
    assert_eq!(
        problem["request_id"],
        request_id.as_str(),
        "{case} {problem}"
    );
    assert!(
        problem["title"].as_str().is_some_and(|t| !t.is_empty()),
        "{case} {problem}"
    );
    assert!(
        problem["detail"].as_str().is_some_and(|t| !t.is_empty()),
        "{case} {problem}"
    );
    let named: Vec<&str> = problem["errors"]
        .as_array()
        .map(|a| a.iter().filter_map(|e| e["field"].as_str()).collect())
        .unwrap_or_default();
    for field in fields {
        assert!(
            named.contains(field),
            "{case} {field} not named in {problem}"
        );
    }
    problem
}

pub fn etag(res: &Response) -> String {
    header(res, "etag")
}

/// The text of a response header, or "" when it is missing.
pub fn header(res: &Response, name: &str) -> String {
    res.headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

/// Asserts a 401 `unauthenticated` problem.
pub async fn assert_unauthenticated(res: Response) -> Value {
    assert_problem(res, StatusCode::UNAUTHORIZED, "unauthenticated", &[]).await
}

/// Asserts a 403 `forbidden` problem.
pub async fn assert_forbidden(res: Response) -> Value {
    assert_problem(res, StatusCode::FORBIDDEN, "forbidden", &[]).await
}

/// Asserts a 404 `not_found` problem.
pub async fn assert_not_found(res: Response) -> Value {
    assert_problem(res, StatusCode::NOT_FOUND, "not_found", &[]).await
}

/// Asserts a 412 `precondition_failed` problem: the `If-Match` is not the current version.
pub async fn assert_precondition_failed(res: Response) -> Value {
    assert_problem(
        res,
        StatusCode::PRECONDITION_FAILED,
        "precondition_failed",
        &[],
    )
    .await
}

/// Asserts a 428 `precondition_required` problem: the change came without `If-Match`.
pub async fn assert_precondition_required(res: Response) -> Value {
    assert_problem(
        res,
        StatusCode::PRECONDITION_REQUIRED,
        "precondition_required",
        &[],
    )
    .await
}

/// Asserts that a change sent by `send` with the `If-Match` it is given is refused without
/// one (428) and with the `stale` version (412).
pub async fn assert_needs_current_version(
    send: impl AsyncFn(Option<&str>) -> Response,
    stale: &str,
) {
    assert_precondition_required(send(None).await).await;
    assert_precondition_failed(send(Some(stale)).await).await;
}

/// Asserts a 422 `validation_failed` problem naming every one of `fields`.
pub async fn assert_invalid(res: Response, fields: &[&str]) -> Value {
    assert_invalid_for("", res, fields).await
}

/// [`assert_invalid`] for one case of a table, named in every failure.
pub async fn assert_invalid_for(case: &str, res: Response, fields: &[&str]) -> Value {
    assert_problem_for(
        case,
        res,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
        fields,
    )
    .await
}

/// Asserts a 409 `in_use` problem: the record is still referenced.
pub async fn assert_in_use(res: Response) -> Value {
    assert_problem(res, StatusCode::CONFLICT, "in_use", &[]).await
}

/// Asserts a 409 `in_use` problem whose detail names what keeps the record.
pub async fn assert_in_use_by(res: Response, keeper: &str) -> Value {
    let problem = assert_in_use(res).await;
    assert!(
        problem["detail"]
            .as_str()
            .is_some_and(|d| d.contains(keeper)),
        "{keeper} not named in {problem}"
    );
    problem
}

/// Asserts a 409 `plan_frozen` problem: the plan's structure no longer changes.
pub async fn assert_plan_frozen(res: Response) -> Value {
    assert_problem(res, StatusCode::CONFLICT, "plan_frozen", &[]).await
}

/// Asserts a 400 `malformed_body` problem.
pub async fn assert_malformed(res: Response) -> Value {
    assert_problem(res, StatusCode::BAD_REQUEST, "malformed_body", &[]).await
}
