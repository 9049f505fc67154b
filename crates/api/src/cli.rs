//! The command line: `serve` (the default), `migrate`, `openapi`, `demo`, `user create`.

use crate::configuration::Settings;
use crate::startup::{Application, open_store};
use anyhow::{Context, anyhow};
use clap::{Args, Parser, Subcommand};
use mercociudades_domain::access::{Grant, Role, Scope};
use mercociudades_domain::ids::{BodyId, CityId};
use mercociudades_domain::registry::{Email, NAME_MAX};
use mercociudades_domain::text::Lang;
use mercociudades_persistence::audit::Who;
use mercociudades_persistence::repositories::UserAccount;
use std::io::Read;
use std::path::PathBuf;

#[derive(Parser)]
#[command(
    name = "mercociudades",
    version,
    about = "The Mercociudades network platform"
)]
pub struct Cli {
    /// Settings file (TOML); default `mercociudades.toml` when present.
    #[arg(long, global = true, env = "MC_CONFIG")]
    pub config: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand)]
pub enum Command {
    /// Serve the API (and the staff SPA when built). The default.
    Serve {
        /// Load the demo data first.
        #[arg(long)]
        demo: bool,
    },
    /// Bring the database schema up to date, then exit.
    Migrate,
    /// Print the OpenAPI document.
    Openapi,
    /// Load the demo data (the network in 2011–2012 and one user per role). Running it twice
    /// changes nothing.
    Demo {
        /// Also generate a large network for benchmarks: 300·N cities, 20·N Thematic Units,
        /// 10·N plans of 200 activities, 10 approved progress reports per activity.
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=100))]
        scale: Option<u16>,
    },
    /// Manage users.
    #[command(subcommand)]
    User(UserCommand),
    /// Work with plans.
    #[command(subcommand)]
    Plan(PlanCommand),
}

#[derive(Subcommand)]
pub enum PlanCommand {
    /// Import a plan document (JSON, or YAML when the file ends in .yaml or .yml) as a new
    /// draft plan of the body it names.
    Import {
        /// The plan document.
        file: PathBuf,
    },
}

#[derive(Subcommand)]
pub enum UserCommand {
    /// Create a user; the password is read from standard input.
    Create(CreateUser),
}

#[derive(Args)]
pub struct CreateUser {
    #[arg(long)]
    pub email: String,
    /// Display name (default: the email).
    #[arg(long)]
    pub name: Option<String>,
    /// secretariat_admin, secretariat_staff, finance, coordinator, focal_point or observer.
    #[arg(long)]
    pub role: String,
    /// The city of a focal point.
    #[arg(long)]
    pub city: Option<uuid::Uuid>,
    /// The body of a coordinator.
    #[arg(long)]
    pub body: Option<uuid::Uuid>,
    /// es, pt or en.
    #[arg(long, default_value = "es")]
    pub language: String,
}

pub async fn run(cli: Cli) -> anyhow::Result<()> {
    let settings = Settings::load(cli.config.as_deref()).context("reading the settings")?;
    crate::telemetry::init(settings.log_json);
    match cli.command.unwrap_or(Command::Serve { demo: false }) {
        Command::Serve { demo } => {
            let store = open_store(&settings).await?;
            if demo {
                print_demo(&store).await?;
            }
            let app = Application::build(settings.clone(), store).await?;
            let host = settings
                .listen
                .rsplit_once(':')
                .map_or("127.0.0.1", |(h, _)| h);
            tracing::info!(
                port = app.port(),
                "listening; API docs at http://{host}:{}/api/docs/",
                app.port()
            );
            app.run_until_stopped().await?;
        }
        Command::Migrate => {
            open_store(&settings).await?;
            println!("The database schema is up to date.");
        }
        Command::Openapi => print!("{}", crate::openapi::document_json()),
        Command::Demo { scale } => {
            let store = open_store(&settings).await?;
            print_demo(&store).await?;
            if let Some(n) = scale {
                let made = crate::demo::load_scale(&store, usize::from(n)).await?;
                println!(
                    "Scale {n}: {}, {}, {}, {} and {} added.",
                    counted(made.cities, "city", "cities"),
                    counted(made.bodies, "body", "bodies"),
                    counted(made.plans, "plan", "plans"),
                    counted(made.activities, "activity", "activities"),
                    counted(made.reports, "progress report", "progress reports"),
                );
            }
        }
        Command::User(UserCommand::Create(args)) => create_user(&settings, args).await?,
        Command::Plan(PlanCommand::Import { file }) => import_plan(&settings, &file).await?,
    }
    Ok(())
}

/// `n` and the noun in its English number: `1 plan`, `0 plans`, `2 plans`.
fn counted(n: impl TryInto<u64>, one: &str, other: &str) -> String {
    let n: u64 = n.try_into().unwrap_or(u64::MAX);
    format!("{n} {}", if n == 1 { one } else { other })
}

async fn print_demo(store: &mercociudades_persistence::Store) -> anyhow::Result<()> {
    let loaded = crate::demo::load(store).await?;
    println!(
        "Demo data: {}, {}, {}, {}, {} and {} added; {} to the 2011–2012 plan, {} and {}; {} of 2011–2012.",
        counted(loaded.cities, "city", "cities"),
        counted(loaded.bodies, "body", "bodies"),
        counted(loaded.members, "membership", "memberships"),
        counted(loaded.terms, "term", "terms"),
        counted(loaded.users, "user", "users"),
        counted(loaded.plans, "plan", "plans"),
        counted(loaded.plan_changes, "change", "changes"),
        counted(loaded.reports, "progress report", "progress reports"),
        counted(loaded.indicators, "indicator", "indicators"),
        counted(loaded.events, "event", "events"),
    );
    println!("Demo users (email / password / role):");
    for u in crate::demo::USERS {
        println!("  {:<38} {:<26} {}", u.email, u.password, u.role);
    }
    Ok(())
}

async fn create_user(settings: &Settings, args: CreateUser) -> anyhow::Result<()> {
    let role =
        Role::parse("role", &args.role).map_err(|_| anyhow!("unknown role {}", args.role))?;
    let scope = match (args.city, args.body) {
        (Some(city), None) => Scope::City(CityId(city)),
        (None, Some(body)) => Scope::Body(BodyId(body)),
        (None, None) => Scope::Network,
        (Some(_), Some(_)) => return Err(anyhow!("give --city or --body, not both")),
    };
    let grant = Grant::new(role, scope).map_err(|_| {
        anyhow!(
            "a {role} needs {}",
            match role {
                Role::Coordinator => "--body",
                Role::FocalPoint => "--city",
                _ => "neither --city nor --body",
            }
        )
    })?;
    let email = Email::parse("email", &args.email)
        .map_err(|_| anyhow!("{} is not an email address", args.email.escape_debug()))?;
    let display_name = match &args.name {
        Some(name) => mercociudades_domain::validation::name_text("name", name, NAME_MAX)
            .map_err(|e| anyhow!("--name refused: {}", e.code))?,
        None => email.as_str().to_owned(),
    };
    let language: Lang = args
        .language
        .parse()
        .map_err(|()| anyhow!("language must be es, pt or en"))?;
    let mut password = String::new();
    std::io::stdin()
        .read_to_string(&mut password)
        .context("reading the password from standard input")?;
    let password = password.trim_end_matches(['\n', '\r']).to_owned();
    crate::auth::check_password("password", &password)
        .map_err(|e| anyhow!("password refused: {}", e.code))?;
    let store = open_store(settings).await?;
    let account = UserAccount {
        display_name,
        email,
        language,
        active: true,
        grants: vec![grant],
    };
    let hash = crate::auth::hash_password_blocking(&password)?;
    let user = store.create_user(&Who::system(), &account, &hash).await?;
    println!("Created user {} ({}).", user.value.email.as_str(), user.id);
    Ok(())
}

async fn import_plan(settings: &Settings, file: &std::path::Path) -> anyhow::Result<()> {
    let bytes = std::fs::read(file).with_context(|| format!("reading {}", file.display()))?;
    let yaml = file.extension().is_some_and(|e| e == "yaml" || e == "yml");
    let document = crate::routes::plans::parse_document(&bytes, yaml)
        .map_err(|e| anyhow!("{}", describe(&e)))?;
    let store = open_store(settings).await?;
    let owner = crate::routes::plans::resolve(&store, &document)
        .await
        .map_err(|e| anyhow!("{}", describe(&e)))?;
    let plan = store.import_plan(&Who::system(), &document, owner).await?;
    println!(
        "Imported plan {} as a draft of {}.",
        plan.id,
        plan.owner_acronym
            .as_deref()
            .unwrap_or(plan.owner_kind.as_str())
    );
    Ok(())
}

/// A problem, as a person reads it on the command line.
fn describe(error: &crate::error::ApiError) -> String {
    let document = error.problem.render(Lang::En, "-");
    let mut out = format!("{}: {}", document.title, document.detail);
    for e in document.errors {
        out.push_str(&format!("\n  {}: {}", e.field, e.message));
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn counts_read_in_their_number() {
        assert_eq!(super::counted(0_usize, "plan", "plans"), "0 plans");
        assert_eq!(super::counted(1_usize, "plan", "plans"), "1 plan");
        assert_eq!(super::counted(2_u64, "city", "cities"), "2 cities");
    }
}
