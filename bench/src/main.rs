//! Benchmarks, each reported as a ratio of two measurements taken in the same run, on the
//! same machine, against the same database.
//!
//! `cargo run --release -p mercociudades-bench [-- --requests N]` prints a Markdown table;
//! `bench/run` writes it to `bench/RESULTS.md`.

use actix_web::middleware::from_fn;
use actix_web::{App, HttpServer, web};
use anyhow::Context;
use mercociudades_api::auth::Keys;
use mercociudades_api::configuration::Settings;
use mercociudades_api::state::AppState;
use mercociudades_domain::ids::CityId;
use mercociudades_domain::listing::{PageRequest, Sort};
use mercociudades_persistence::repositories::{CityFilter, CitySort};
use std::net::TcpListener;
use std::time::{Duration, Instant};
use utoipa_actix_web::AppExt;

const CONCURRENCY: usize = 8;
const ROUNDS: usize = 3;

struct Measure {
    name: &'static str,
    requests_per_second: f64,
}

/// Sends `total` GETs to `url` from `CONCURRENCY` tasks; requests per second.
async fn hammer(
    client: &reqwest::Client,
    url: &str,
    token: Option<&str>,
    total: usize,
) -> anyhow::Result<f64> {
    let started = Instant::now();
    let per_task = total / CONCURRENCY;
    let mut tasks = Vec::new();
    for _ in 0..CONCURRENCY {
        let client = client.clone();
        let url = url.to_owned();
        let token = token.map(str::to_owned);
        tasks.push(tokio::spawn(async move {
            for _ in 0..per_task {
                let mut request = client.get(&url);
                if let Some(token) = &token {
                    request = request.bearer_auth(token);
                }
                let response = request.send().await?;
                anyhow::ensure!(
                    response.status().is_success(),
                    "{url}: {}",
                    response.status()
                );
                response.bytes().await?;
            }
            Ok::<(), anyhow::Error>(())
        }));
    }
    for task in tasks {
        task.await??;
    }
    Ok((per_task * CONCURRENCY) as f64 / started.elapsed().as_secs_f64())
}

/// The best of `ROUNDS` alternating runs of each measure, so that both see the same machine.
async fn compare(
    client: &reqwest::Client,
    a: (&'static str, &str, Option<&str>),
    b: (&'static str, &str, Option<&str>),
    total: usize,
) -> anyhow::Result<(Measure, Measure)> {
    hammer(client, a.1, a.2, total / 10).await?;
    hammer(client, b.1, b.2, total / 10).await?;
    let (mut best_a, mut best_b) = (0f64, 0f64);
    for _ in 0..ROUNDS {
        best_a = best_a.max(hammer(client, a.1, a.2, total).await?);
        best_b = best_b.max(hammer(client, b.1, b.2, total).await?);
    }
    Ok((
        Measure {
            name: a.0,
            requests_per_second: best_a,
        },
        Measure {
            name: b.0,
            requests_per_second: best_b,
        },
    ))
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let total: usize = std::env::args()
        .skip_while(|a| a != "--requests")
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(4000);
    let dir = std::env::temp_dir().join(format!(
        "mercociudades-bench-{}",
        uuid::Uuid::new_v4().simple()
    ));
    let settings = Settings {
        listen: "127.0.0.1:0".to_owned(),
        data_dir: dir.clone(),
        static_dir: dir.join("no-spa"),
        ..Settings::default()
    };
    let store = mercociudades_api::startup::open_store(&settings).await?;
    mercociudades_api::demo::load(&store).await?;
    let city = store
        .list_cities(
            &CityFilter {
                q: Some("Montevideo".into()),
                ..Default::default()
            },
            Sort {
                field: CitySort::Name,
                descending: false,
            },
            PageRequest::first(1),
        )
        .await?
        .items
        .into_iter()
        .next()
        .context("Montevideo is in the demo data")?
        .id;
    let keys = Keys::new(
        &mercociudades_api::startup::jwt_secret(&settings)?,
        &settings.jwt,
    );
    let state = web::Data::new(AppState::new(settings, store, keys));
    let listener = TcpListener::bind("127.0.0.1:0")?;
    let port = listener.local_addr()?.port();
    let server_state = state.clone();
    let server = HttpServer::new(move || {
        let (app, _) = App::new()
            .into_utoipa_app()
            .app_data(server_state.clone())
            .configure(mercociudades_api::startup::configure)
            .split_for_parts();
        app.route(
            "/bench/cities/{id}",
            web::get().to(
                |state: web::Data<AppState>, id: web::Path<uuid::Uuid>| async move {
                    mercociudades_api::routes::cities::city_page(
                        &state,
                        CityId(*id),
                        chrono::Utc::now().date_naive(),
                    )
                    .await
                },
            ),
        )
        .wrap(from_fn(mercociudades_api::auth::authenticate))
        .wrap(from_fn(mercociudades_api::telemetry::middleware))
    })
    .workers(2)
    .listen(listener)?
    .run();
    let handle = server.handle();
    tokio::spawn(server);
    tokio::time::sleep(Duration::from_millis(200)).await;

    let client = reqwest::Client::builder()
        .no_proxy()
        .pool_max_idle_per_host(CONCURRENCY)
        .build()?;
    let base = format!("http://127.0.0.1:{port}");
    // Signed in as the demo observer, as any client is.
    let observer = mercociudades_api::demo::USERS
        .iter()
        .find(|u| u.email == "observer@demo.mercociudades.org")
        .context("the demo observer")?;
    let session: serde_json::Value = client
        .post(format!("{base}/api/v1/auth/login"))
        .json(&serde_json::json!({"email": observer.email, "password": observer.password}))
        .send()
        .await?
        .error_for_status()?
        .json()
        .await?;
    let token = session["access_token"]
        .as_str()
        .context("an access token")?
        .to_owned();
    let authed = format!("{base}/api/v1/cities/{city}");
    let open = format!("{base}/bench/cities/{city}");
    let (with_auth, without_auth) = compare(
        &client,
        (
            "GET /api/v1/cities/{id} with a bearer token",
            &authed,
            Some(&token),
        ),
        ("the same GET without authentication", &open, None),
        total,
    )
    .await?;

    // A plan of 2,000 activities: its whole tree against one of its activities.
    let document = mercociudades_api::demo::synthetic_plan(
        mercociudades_domain::registry::BodyKind::ThematicUnit,
        "UTC",
        2000,
    );
    let owner = mercociudades_api::routes::plans::resolve(&state.store, &document)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let plan = state
        .store
        .import_plan(
            &mercociudades_persistence::audit::Who::system(),
            &document,
            owner,
        )
        .await?;
    let tree = state.store.plan_tree(plan.id).await?;
    let activity = tree
        .nodes
        .iter()
        .find(|n| n.code == "1.10.a50")
        .context("an activity of the large plan")?
        .id;
    let whole = format!("{base}/api/v1/plans/{}", plan.id);
    let one = format!("{base}/api/v1/plans/{}/nodes/{activity}", plan.id);
    let (tree_read, one_read) = compare(
        &client,
        (
            "GET /api/v1/plans/{id}: the whole tree of 2,000 activities",
            &whole,
            Some(&token),
        ),
        (
            "GET /api/v1/plans/{id}/nodes/{node}: one activity",
            &one,
            Some(&token),
        ),
        total / 20,
    )
    .await?;

    println!("| measure | requests/s |");
    println!("| --- | ---: |");
    for m in [&with_auth, &without_auth, &tree_read, &one_read] {
        println!("| {} | {:.0} |", m.name, m.requests_per_second);
    }
    println!();
    println!(
        "Authenticated GET by id: {:.1}% of the same GET without authentication (target: 80% or more).",
        100.0 * with_auth.requests_per_second / without_auth.requests_per_second
    );
    println!(
        "Reading the whole tree of a 2,000-activity plan takes {:.1} times as long as reading one activity ({:.1} ms against {:.2} ms per request, {} concurrent clients).",
        one_read.requests_per_second / tree_read.requests_per_second,
        1000.0 * CONCURRENCY as f64 / tree_read.requests_per_second,
        1000.0 * CONCURRENCY as f64 / one_read.requests_per_second,
        CONCURRENCY
    );
    handle.stop(true).await;
    let _ = std::fs::remove_dir_all(dir);

    reports_against_sql(scale_arg()).await
}

fn scale_arg() -> usize {
    std::env::args()
        .skip_while(|a| a != "--scale")
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(10)
}

/// Rounds of the reports against their SQL statements.
const REPORT_ROUNDS: usize = 20;

/// Runs `f` once; how long it took, in milliseconds, and what it gave.
async fn timed<F, Fut, T>(f: F) -> anyhow::Result<(f64, T)>
where
    F: FnOnce() -> Fut,
    Fut: std::future::Future<Output = anyhow::Result<T>>,
{
    let started = Instant::now();
    let value = f().await?;
    Ok((started.elapsed().as_secs_f64() * 1000.0, value))
}

/// What the execution report aggregates, in one statement: the activities by status and by
/// the execution of their latest approved report, under every dimension, policy and axis, per
/// responsible body, and in total.
const EXECUTION_SQL: &str = concat!(
    "WITH RECURSIVE latest AS (SELECT r.node_id, r.execution, ",
    "ROW_NUMBER() OVER (PARTITION BY r.node_id ORDER BY r.reported_on DESC, r.created_at DESC, r.id DESC) AS rn ",
    "FROM activity_reports r WHERE r.plan_id = $1 AND r.status = 'approved'), ",
    "acts AS (SELECT n.id, n.parent_id, n.details, COALESCE(json_extract(n.details, '$.status'), 'planned') AS status, ",
    "COALESCE(l.execution, 'not_reported') AS execution FROM plan_nodes n ",
    "LEFT JOIN latest l ON l.node_id = n.id AND l.rn = 1 WHERE n.plan_id = $1 AND n.kind = 'activity'), ",
    "up(activity, ancestor) AS (SELECT a.id, a.parent_id FROM acts a WHERE a.parent_id IS NOT NULL ",
    "UNION ALL SELECT up.activity, n.parent_id FROM up JOIN plan_nodes n ON n.id = up.ancestor WHERE n.parent_id IS NOT NULL) ",
    "SELECT 'node' AS part, p.code AS code, a.status, a.execution, COUNT(*) AS activities FROM up ",
    "JOIN acts a ON a.id = up.activity JOIN plan_nodes p ON p.id = up.ancestor ",
    "WHERE p.kind IN ('dimension', 'policy', 'axis') GROUP BY p.code, a.status, a.execution ",
    "UNION ALL SELECT 'body', b.value, a.status, a.execution, COUNT(*) FROM acts a, ",
    "json_each(a.details, '$.responsible_bodies') b GROUP BY b.value, a.status, a.execution ",
    "UNION ALL SELECT 'plan', NULL, a.status, a.execution, COUNT(*) FROM acts a GROUP BY a.status, a.execution"
);

/// What the participation report aggregates, in one statement: per activity its countries
/// and cities (named by its approved reports, or present at the events linked to it) and
/// those present at its events, per country its cities, and the other participants of each
/// activity.
const PARTICIPATION_SQL: &str = concat!(
    "WITH attended AS (SELECT DISTINCT ea.node_id, g.city_id FROM event_activities ea ",
    "JOIN plan_nodes n ON n.id = ea.node_id AND n.plan_id = $1 ",
    "JOIN events e ON e.id = ea.event_id AND e.status <> 'cancelled' ",
    "JOIN event_delegations g ON g.event_id = ea.event_id AND g.status = 'attended' ",
    "WHERE EXISTS (SELECT 1 FROM event_attendance a JOIN event_delegates d ON d.id = a.delegate_id ",
    "WHERE d.delegation_id = g.id)), ",
    "took_part AS (SELECT r.node_id, rc.city_id FROM activity_reports r ",
    "JOIN report_cities rc ON rc.report_id = r.id WHERE r.plan_id = $1 AND r.status = 'approved' ",
    "UNION SELECT node_id, city_id FROM attended) ",
    "SELECT 'activity' AS part, t.node_id AS node_id, NULL AS country, ",
    "COUNT(DISTINCT c.country_code) AS countries, COUNT(DISTINCT c.id) AS cities, NULL AS name ",
    "FROM took_part t JOIN cities c ON c.id = t.city_id GROUP BY t.node_id ",
    "UNION ALL SELECT 'attended', a.node_id, NULL, NULL, COUNT(*), NULL FROM attended a GROUP BY a.node_id ",
    "UNION ALL SELECT 'country', NULL, c.country_code, NULL, COUNT(DISTINCT c.id), NULL ",
    "FROM took_part t JOIN cities c ON c.id = t.city_id GROUP BY c.country_code ",
    "UNION ALL SELECT DISTINCT 'other', r.node_id, j.key, NULL, NULL, v.value ",
    "FROM activity_reports r, json_each(r.participants) j, json_each(j.value) v ",
    "WHERE r.plan_id = $1 AND r.status = 'approved' AND j.type = 'array'"
);

/// The execution and participation reports of one plan of the scaled network, against the
/// same aggregation written as one SQL statement run through sqlx.
async fn reports_against_sql(scale: usize) -> anyhow::Result<()> {
    use mercociudades_persistence::sea_orm::sqlx;
    use sqlx::Row;
    let dir = std::env::temp_dir().join(format!(
        "mercociudades-bench-scale-{}",
        uuid::Uuid::new_v4().simple()
    ));
    let settings = Settings {
        data_dir: dir.clone(),
        ..Settings::default()
    };
    let store = mercociudades_api::startup::open_store(&settings).await?;
    let loading = Instant::now();
    mercociudades_api::demo::load(&store).await?;
    let made = mercociudades_api::demo::load_scale(&store, scale).await?;
    let load_seconds = loading.elapsed().as_secs_f64();
    let plans = store
        .list_plans(&Default::default(), PageRequest::first(5))
        .await?;
    let plan = plans
        .items
        .iter()
        .find(|p| {
            p.owner_acronym
                .as_deref()
                .is_some_and(|a| a.starts_with("SCALE-"))
        })
        .context("a scaled plan")?
        .id;

    // The platform's side is what the report endpoints run, without the HTTP around it.
    use mercociudades_api::routes::reports::{ScopeQuery, Scoped, execution, participation};
    let scoped = Scoped::parse(&ScopeQuery::default());
    let pool = sqlx::SqlitePool::connect(&settings.database_url()).await?;
    // The four measurements alternate round after round, so that both sides meet the same
    // moments of the machine; each keeps its best round.
    let (mut ours_execution, mut sql_execution) = (f64::MAX, f64::MAX);
    let (mut ours_participation, mut sql_participation) = (f64::MAX, f64::MAX);
    let (mut report, mut participation_report, mut rows, mut prows) = (None, None, None, None);
    for _ in 0..REPORT_ROUNDS {
        let (ms, value) = timed(|| async {
            execution(&store, plan, &scoped)
                .await
                .map_err(|e| anyhow::anyhow!("{e:?}"))
        })
        .await?;
        ours_execution = ours_execution.min(ms);
        report = Some(value);
        let (ms, value) = timed(|| async {
            Ok(sqlx::query(EXECUTION_SQL)
                .bind(plan.0)
                .fetch_all(&pool)
                .await?)
        })
        .await?;
        sql_execution = sql_execution.min(ms);
        rows = Some(value);
        let (ms, value) = timed(|| async {
            participation(&store, plan, &scoped)
                .await
                .map_err(|e| anyhow::anyhow!("{e:?}"))
        })
        .await?;
        ours_participation = ours_participation.min(ms);
        participation_report = Some(value);
        let (ms, value) = timed(|| async {
            Ok(sqlx::query(PARTICIPATION_SQL)
                .bind(plan.0)
                .fetch_all(&pool)
                .await?)
        })
        .await?;
        sql_participation = sql_participation.min(ms);
        prows = Some(value);
    }
    let report = report.context("a round")?;
    let participation = participation_report.context("a round")?;
    let rows = rows.context("a round")?;
    let prows = prows.context("a round")?;
    // Both sides must agree before their times mean anything.
    // Activities by execution in total, and the activities of every row and of every body.
    let mut theirs: std::collections::BTreeMap<(String, String), u64> = Default::default();
    for row in &rows {
        let part: String = row.try_get("part")?;
        let code: Option<String> = row.try_get("code")?;
        let execution: String = row.try_get("execution")?;
        let count = u64::try_from(row.try_get::<i64, _>("activities")?)?;
        let key = match part.as_str() {
            "plan" => ("plan".to_owned(), execution),
            _ => (part, code.unwrap_or_default()),
        };
        *theirs.entry(key).or_default() += count;
    }
    let mut ours: std::collections::BTreeMap<(String, String), u64> = Default::default();
    for (execution, count) in &report.total.by_execution {
        if *count > 0 {
            ours.insert(("plan".to_owned(), execution.clone()), *count);
        }
    }
    for row in &report.rows {
        if row.activities > 0 {
            ours.insert(("node".to_owned(), row.code.clone()), row.activities);
        }
    }
    for row in &report.by_body {
        ours.insert(("body".to_owned(), row.code.clone()), row.activities);
    }
    anyhow::ensure!(ours == theirs, "execution: {ours:?} against {theirs:?}");
    let part = |name: &str| {
        prows
            .iter()
            .filter(|r| r.try_get::<String, _>("part").is_ok_and(|p| p == name))
            .collect::<Vec<_>>()
    };
    let sum = |rows: &[&sqlx::sqlite::SqliteRow], column: &str| -> anyhow::Result<u64> {
        rows.iter().try_fold(0, |total, r| {
            Ok(total + u64::try_from(r.try_get::<i64, _>(column)?)?)
        })
    };
    let with_cities: Vec<_> = participation.rows.iter().filter(|r| r.cities > 0).collect();
    let others: usize = participation
        .rows
        .iter()
        .map(|r| r.organizations.len() + r.mercosur_institutions.len() + r.specific_groups.len())
        .sum();
    let ours = (
        with_cities.len(),
        with_cities.iter().map(|r| r.cities).sum::<u64>(),
        participation
            .rows
            .iter()
            .map(|r| r.cities_attended)
            .sum::<u64>(),
        participation.by_country.len(),
        participation.cities,
        others,
    );
    let theirs = (
        part("activity").len(),
        sum(&part("activity"), "cities")?,
        sum(&part("attended"), "cities")?,
        part("country").len(),
        sum(&part("country"), "cities")?,
        part("other").len(),
    );
    anyhow::ensure!(
        ours.2 > 0,
        "the plan's activities have no events with attendance"
    );
    anyhow::ensure!(ours == theirs, "participation: {ours:?} against {theirs:?}");

    println!();
    println!(
        "Scale {scale} network: {} cities, {} plans, {} activities, {} approved progress reports, {} events with {} delegations and their attendance (loaded in {load_seconds:.0} s). One plan of {} activities, {} reports and {} events:",
        made.cities + 50,
        made.plans + 1,
        made.activities,
        made.reports,
        made.events,
        made.delegations,
        report.total.activities,
        made.reports / made.plans.max(1),
        made.events / made.plans.max(1)
    );
    println!();
    println!("| report | platform (ms) | one SQL statement through sqlx (ms) | ratio |");
    println!("| --- | ---: | ---: | ---: |");
    println!(
        "| plan execution | {ours_execution:.1} | {sql_execution:.1} | {:.1}x |",
        ours_execution / sql_execution
    );
    println!(
        "| participation | {ours_participation:.1} | {sql_participation:.1} | {:.1}x |",
        ours_participation / sql_participation
    );
    println!();
    println!("Target: 2x the SQL statement or better, and under one second.");
    println!();
    println!(
        "The platform's side is what the report endpoints run, without HTTP: the plan's outline and the figures, \
then the report built from them. The SQL side is one statement doing the same aggregation: for execution, the \
activities by status and by the execution of their latest approved report under every dimension, policy and \
axis, per responsible body and in total; for participation, per activity its countries and cities (named by its \
reports or present at its linked events) and those present at its events, per country its cities, and each \
activity's other participants (the figures of both sides are checked equal before timing counts)."
    );
    pool.close().await;
    store.close().await?;
    let _ = std::fs::remove_dir_all(dir);
    Ok(())
}
