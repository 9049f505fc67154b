//! Building the application: state, routes, middleware, and the HTTP server.

use crate::auth::Keys;
use crate::configuration::Settings;
use crate::openapi::ApiDoc;
use crate::routes;
use crate::state::AppState;
use actix_cors::Cors;
use actix_web::dev::Server;
use actix_web::middleware::from_fn;
use actix_web::{App, HttpServer, web};
use anyhow::Context;
use mercociudades_persistence::Store;
use std::net::TcpListener;
use std::path::Path;
use utoipa::OpenApi;
use utoipa_actix_web::AppExt;
use utoipa_actix_web::scope;
use utoipa_actix_web::service_config::ServiceConfig;
use utoipa_swagger_ui::SwaggerUi;

/// Mounts every route. Only routes mounted here, through utoipa-actix-web, exist; so nothing
/// escapes the OpenAPI document.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(routes::health::live)
        .service(routes::health::ready)
        .service(
            scope::scope("/api/v1")
                .service(routes::auth::login)
                .service(routes::auth::refresh)
                .service(routes::auth::logout)
                .service(routes::auth::me)
                .service(routes::auth::update_me)
                .service(routes::auth::change_password)
                .service(routes::inbox::inbox)
                .service(routes::inbox::notifications)
                .service(routes::inbox::read_all)
                .service(routes::inbox::read_one)
                .service(routes::inbox::email_preferences)
                .service(routes::inbox::set_email_preferences)
                .service(routes::countries::list)
                .service(routes::countries::get)
                .service(routes::countries::create)
                .service(routes::countries::update)
                .service(routes::countries::remove)
                .service(routes::audit::country_history)
                .service(routes::cities::list)
                .service(routes::cities::get)
                .service(routes::cities::create)
                .service(routes::cities::update)
                .service(routes::cities::remove)
                .service(routes::audit::city_history)
                .service(routes::bodies::list)
                .service(routes::bodies::get)
                .service(routes::bodies::create)
                .service(routes::bodies::update)
                .service(routes::bodies::remove)
                .service(routes::bodies::members)
                .service(routes::bodies::member)
                .service(routes::bodies::add_member)
                .service(routes::bodies::update_member)
                .service(routes::bodies::remove_member)
                .service(routes::audit::body_history)
                .service(routes::terms::list)
                .service(routes::terms::get)
                .service(routes::terms::create)
                .service(routes::terms::update)
                .service(routes::terms::remove)
                .service(routes::audit::term_history)
                .service(routes::users::list)
                .service(routes::users::get)
                .service(routes::users::create)
                .service(routes::users::update)
                .service(routes::users::reset_password)
                .service(routes::tokens::create)
                .service(routes::tokens::list)
                .service(routes::tokens::get)
                .service(routes::tokens::revoke)
                .service(routes::plans::list)
                .service(routes::plans::import)
                .service(routes::plans::get)
                .service(routes::plans::export)
                .service(routes::plans::update)
                .service(routes::plans::remove)
                .service(routes::plans::approve)
                .service(routes::plans::start)
                .service(routes::plans::close)
                .service(routes::plans::revise)
                .service(routes::plans::revisions)
                .service(routes::plans::diff)
                .service(routes::plans::add_root)
                .service(routes::plans::add_child)
                .service(routes::plans::update_node)
                .service(routes::plans::delete_node)
                .service(routes::plans::set_status)
                .service(routes::plans::coverage)
                .service(routes::activities::list)
                .service(routes::activities::import)
                .service(routes::activities::get_node)
                .service(routes::reports::create_report)
                .service(routes::reports::list_reports)
                .service(routes::reports::get_report)
                .service(routes::reports::update_report)
                .service(routes::reports::submit)
                .service(routes::reports::approve)
                .service(routes::reports::send_back)
                .service(routes::reports::plan_execution)
                .service(routes::reports::plan_participation)
                .service(routes::reports::plan_results)
                .service(routes::annual::annual_report)
                .service(routes::indicators::create_indicator)
                .service(routes::indicators::update_indicator)
                .service(routes::indicators::get_indicator)
                .service(routes::indicators::delete_indicator)
                .service(routes::indicators::plan_indicators)
                .service(routes::public::plans)
                .service(routes::public::plan)
                .service(routes::public::execution)
                .service(routes::events::list)
                .service(routes::events::calendar_feed)
                .service(routes::events::create_feed)
                .service(routes::events::get_feed)
                .service(routes::events::revoke_feed)
                .service(routes::events::secret_feed)
                .service(routes::delegations::participation_report)
                .service(routes::events::get)
                .service(routes::events::create)
                .service(routes::events::update)
                .service(routes::events::set_status)
                .service(routes::events::remove)
                .service(routes::events::calendar_file)
                .service(routes::delegations::list_delegations)
                .service(routes::delegations::get_delegation)
                .service(routes::delegations::invite)
                .service(routes::delegations::set_quota)
                .service(routes::delegations::register)
                .service(routes::delegations::confirm)
                .service(routes::delegations::withdraw)
                .service(routes::delegations::attendance)
                .service(routes::delegations::record_attendance)
                .service(routes::delegations::of_city)
                .service(routes::audit::list)
                .service(routes::audit::deletions),
        );
}

/// The routes with their OpenAPI document, before any state is attached.
pub fn documented_app() -> (
    App<
        impl actix_web::dev::ServiceFactory<
            actix_web::dev::ServiceRequest,
            Config = (),
            Response = actix_web::dev::ServiceResponse,
            Error = actix_web::Error,
            InitError = (),
        >,
    >,
    utoipa::openapi::OpenApi,
) {
    App::new()
        .into_utoipa_app()
        .openapi(ApiDoc::openapi())
        .configure(configure)
        .split_for_parts()
}

/// Connects to the database and brings its schema up to date.
pub async fn open_store(settings: &Settings) -> anyhow::Result<Store> {
    if settings.database_url.is_empty() {
        std::fs::create_dir_all(&settings.data_dir)
            .with_context(|| format!("creating the data folder {}", settings.data_dir.display()))?;
    }
    let store = Store::connect(&settings.database_url(), settings.max_connections)
        .await
        .context("connecting to the database")?;
    store.migrate().await.context("migrating the database")?;
    Ok(store)
}

/// The JWT secret: the configured one, else the one kept in the data folder, made on first
/// start (256 random bits).
pub fn jwt_secret(settings: &Settings) -> anyhow::Result<Vec<u8>> {
    if !settings.jwt.secret.is_empty() {
        anyhow::ensure!(
            settings.jwt.secret.len() >= 32,
            "MC_JWT__SECRET must be at least 32 bytes long"
        );
        return Ok(settings.jwt.secret.as_bytes().to_vec());
    }
    let path = settings.data_dir.join("jwt-secret");
    if let Ok(existing) = std::fs::read_to_string(&path)
        && existing.trim().len() >= 32
    {
        return Ok(existing.trim().as_bytes().to_vec());
    }
    std::fs::create_dir_all(&settings.data_dir)?;
    let secret = crate::auth::random_secret(32);
    write_private(&path, &secret).with_context(|| format!("writing {}", path.display()))?;
    Ok(secret.into_bytes())
}

fn write_private(path: &Path, contents: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)?.write_all(contents.as_bytes())
}

/// A running server.
pub struct Application {
    port: u16,
    server: Server,
}

impl Application {
    /// Binds the configured address (port 0 picks a free one) and builds the server.
    pub async fn build(settings: Settings, store: Store) -> anyhow::Result<Self> {
        let listener = TcpListener::bind(&settings.listen)
            .with_context(|| format!("binding {}", settings.listen))?;
        let port = listener.local_addr()?.port();
        let keys = Keys::new(&jwt_secret(&settings)?, &settings.jwt);
        let state = AppState::new(settings, store, keys);
        crate::mail::start(state.clone())?;
        let server = run(listener, state)?;
        Ok(Self { port, server })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.server.await
    }
}

fn cors(settings: &Settings) -> Cors {
    let mut cors = Cors::default()
        .allowed_methods(["GET", "POST", "PUT", "DELETE"])
        .allowed_headers([
            "authorization",
            "content-type",
            "if-match",
            "accept-language",
            "idempotency-key",
            "x-request-id",
        ])
        .expose_headers([
            "etag",
            "location",
            "x-request-id",
            "retry-after",
            "ratelimit",
            "ratelimit-policy",
        ])
        .max_age(3600);
    for origin in &settings.cors_origins {
        cors = cors.allowed_origin(origin);
    }
    cors
}

fn run(listener: TcpListener, state: AppState) -> anyhow::Result<Server> {
    let state = web::Data::new(state);
    let server = HttpServer::new(move || {
        let (app, openapi) = App::new()
            .into_utoipa_app()
            .openapi(ApiDoc::openapi())
            .app_data(state.clone())
            .app_data(web::PayloadConfig::new(state.settings.body_limit))
            .configure(configure)
            .split_for_parts();
        let openapi = crate::openapi::finish(openapi);
        let methods = web::Data::new(crate::methods::Methods::of(&openapi));
        let static_dir = state.settings.static_dir.clone();
        let app = app
            .service(SwaggerUi::new("/api/docs/{_:.*}").url("/api/openapi.json", openapi))
            .service(web::redirect("/api/docs", "/api/docs/"));
        app.configure(crate::spa::configure(static_dir))
            .app_data(methods.clone())
            .default_service(web::to(move |req: actix_web::HttpRequest| {
                crate::methods::unrouted(req, methods.clone().into_inner())
            }))
            .wrap(from_fn(crate::methods::middleware))
            .wrap(from_fn(crate::rate_limit::middleware))
            .wrap(from_fn(crate::auth::authenticate))
            .wrap(cors(&state.settings))
            .wrap(from_fn(crate::telemetry::middleware))
    })
    .listen(listener)?
    .run();
    Ok(server)
}
