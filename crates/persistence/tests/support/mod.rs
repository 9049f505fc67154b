//! What the tests of this crate share: a fresh, migrated store on SQLite, or on PostgreSQL
//! when `TEST_DATABASE_URL` is set.

use mercociudades_persistence::Store;
use sea_orm::ConnectionTrait;

/// A new database, migrated, with the folder its SQLite file lives in (kept while the test
/// holds it).
pub async fn fresh() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let store = store(dir.path()).await;
    (dir, store)
}

/// A new database, migrated: a SQLite file in `dir`, or a new PostgreSQL database.
async fn store(dir: &std::path::Path) -> Store {
    let url = match std::env::var("TEST_DATABASE_URL") {
        Ok(url) if !url.is_empty() => {
            let name = format!("t_{}", uuid::Uuid::new_v4().simple());
            let admin = Store::connect(&url, 1)
                .await
                .unwrap_or_else(|e| panic!("{e}"));
            admin
                .connection()
                .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
                .await
                .unwrap_or_else(|e| panic!("{e}"));
            let (base, _) = url.rsplit_once('/').unwrap_or((url.as_str(), ""));
            format!("{base}/{name}")
        }
        _ => format!("sqlite://{}?mode=rwc", dir.join("schema.db").display()),
    };
    let store = Store::connect(&url, 2)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    store.migrate().await.unwrap_or_else(|e| panic!("{e}"));
    store
}
