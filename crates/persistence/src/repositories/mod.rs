//! Repositories: the operations of each aggregate, on domain types.

mod bodies;
mod calendar_feeds;
mod cities;
mod countries;
mod delegations;
mod events;
mod history;
mod identity;
mod indicators;
mod notifications;
mod plans;
mod reports;
mod sessions;
mod terms;
pub mod versioned;

pub use bodies::{BodyFilter, BodyMember, BodyRecord, BodyRef, BodySort};
pub use cities::{CityDetail, CityFilter, CityRecord, CitySort, MembershipEvent, Post};
pub use countries::{CountryFilter, CountryRecord, CountrySort};
pub use delegations::{
    ActivityAttendee, AttendanceRow, AttendanceScope, Delegation, DelegationRecord, DelegationView,
};
pub use events::{ActivityRef, EventFilter, EventRecord, EventSort, EventView, Host};
pub use history::{AuditEntry, AuditFilter, DELETABLE, Deletion};
pub use identity::{
    ApiTokenRecord, NewApiToken, RefreshOutcome, RefreshSession, UserAccount, UserFilter,
    UserRecord,
};
pub use notifications::{DueEmail, Notification};
pub use plans::{ActivityImport, ActivityRow, PlanFilter, PlanMeta, PlanMove};
pub use reports::{BulkReport, ReportFilter};
pub use reports::{IDEMPOTENCY_KEY, Idempotency};
pub use sessions::{AttemptRules, Reservation};
pub use terms::{TermFilter, TermRecord, TermSort, TermView};
pub use versioned::Expected;

use crate::StoreError;
use mercociudades_domain::listing::{PageRequest, Paged, Sort};
use mercociudades_migration::{Migrator, MigratorTrait};
use sea_orm::sea_query::ExprTrait;
use sea_orm::sea_query::{Expr, Func, SimpleExpr};
use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseBackend, DatabaseConnection, DbErr,
    EntityTrait, Order, PaginatorTrait, QuerySelect, Select, Statement,
};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// The platform's database.
#[derive(Clone, Debug)]
pub struct Store {
    db: DatabaseConnection,
    queries: Arc<AtomicU64>,
}

impl Store {
    /// Connects to `url` (`sqlite://…` or `postgres://…`). SQLite connections run with WAL,
    /// foreign keys on and a busy timeout.
    pub async fn connect(url: &str, max_connections: u32) -> Result<Self, DbErr> {
        let mut options = ConnectOptions::new(url.to_owned());
        options
            .max_connections(max_connections)
            .min_connections(1)
            .connect_timeout(Duration::from_secs(10))
            .acquire_timeout(Duration::from_secs(10))
            .sqlx_logging(false)
            .map_sqlx_sqlite_opts(|opts| {
                opts.journal_mode(SqliteJournalMode::Wal)
                    .synchronous(SqliteSynchronous::Normal)
                    .foreign_keys(true)
                    .busy_timeout(Duration::from_secs(10))
            });
        let mut db = Database::connect(options).await?;
        let queries = Arc::new(AtomicU64::new(0));
        let counter = queries.clone();
        db.set_metric_callback(move |_| {
            counter.fetch_add(1, Ordering::Relaxed);
        });
        Ok(Self { db, queries })
    }

    /// Brings the schema up to date.
    pub async fn migrate(&self) -> Result<(), DbErr> {
        Migrator::up(&self.db, None).await?;
        self.fill_city_name_keys().await?;
        self.fill_body_search_keys().await?;
        self.fill_city_identity_keys().await?;
        self.fill_body_acronym_keys().await?;
        self.fill_user_email_keys().await
    }

    /// Fills the search key of the cities stored before it existed; derived data, so neither
    /// the version nor `updated_at` changes.
    async fn fill_city_name_keys(&self) -> Result<(), DbErr> {
        use crate::entities::cities;
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, sea_query::Expr};
        let missing = cities::Entity::find()
            .filter(cities::Column::NameKey.is_null())
            .all(&self.db)
            .await?;
        for city in missing {
            cities::Entity::update_many()
                .col_expr(
                    cities::Column::NameKey,
                    Expr::value(mercociudades_domain::text::search_key(&city.name)),
                )
                .filter(cities::Column::Id.eq(city.id))
                .exec(&self.db)
                .await?;
        }
        Ok(())
    }

    /// Whether the database answers.
    pub async fn ping(&self) -> Result<(), DbErr> {
        self.db
            .execute_raw(Statement::from_string(self.backend(), "SELECT 1"))
            .await
            .map(|_| ())
    }

    /// Starts a write transaction. On SQLite it takes the write lock at once (`BEGIN
    /// IMMEDIATE`), so that concurrent writers wait their turn instead of failing.
    pub(crate) async fn write(&self) -> Result<sea_orm::DatabaseTransaction, DbErr> {
        use sea_orm::{SqliteTransactionMode, TransactionOptions, TransactionTrait};
        self.db
            .begin_with_options(TransactionOptions {
                sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
                ..Default::default()
            })
            .await
    }

    /// How many statements this store has sent to the database since it connected.
    pub fn query_count(&self) -> u64 {
        self.queries.load(Ordering::Relaxed)
    }

    /// The raw connection, for maintenance and for tests of what the schema itself enforces.
    pub fn connection(&self) -> &DatabaseConnection {
        &self.db
    }

    pub fn backend(&self) -> DatabaseBackend {
        self.db.get_database_backend()
    }

    pub async fn close(self) -> Result<(), DbErr> {
        self.db.close().await
    }
}

/// Runs a counted, paged select.
async fn paged<E, M, C>(
    conn: &C,
    select: Select<E>,
    page: PageRequest,
) -> Result<Paged<M>, StoreError>
where
    C: ConnectionTrait,
    E: EntityTrait<Model = M>,
    M: sea_orm::FromQueryResult + Sized + Send + Sync,
{
    let total = select.clone().count(conn).await?;
    let items = select
        .offset(page.offset())
        .limit(page.per_page())
        .all(conn)
        .await?;
    Ok(Paged {
        items,
        page: page.page(),
        per_page: page.per_page(),
        total,
    })
}

/// Runs a counted, paged select and turns its rows into records.
async fn paged_records<E, R>(
    conn: &impl ConnectionTrait,
    select: Select<E>,
    page: PageRequest,
    record: impl FnMut(E::Model) -> Result<R, StoreError>,
) -> Result<Paged<R>, StoreError>
where
    E: EntityTrait<Model: Sync>,
{
    let rows = paged(conn, select, page).await?;
    Ok(Paged {
        items: rows
            .items
            .into_iter()
            .map(record)
            .collect::<Result<_, _>>()?,
        page: rows.page,
        per_page: rows.per_page,
        total: rows.total,
    })
}

/// The order a listing asked for.
fn order_of<F>(sort: &Sort<F>) -> Order {
    if sort.descending {
        Order::Desc
    } else {
        Order::Asc
    }
}

/// `lower(column) LIKE %needle%`, the needle's wildcards escaped.
fn contains_ci(column: impl Into<SimpleExpr>, needle: &str) -> SimpleExpr {
    let escaped = needle
        .to_lowercase()
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    Expr::expr(Func::lower(column.into()))
        .like(sea_orm::sea_query::LikeExpr::new(format!("%{escaped}%")).escape('\\'))
}

fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::Utc::now()
}
