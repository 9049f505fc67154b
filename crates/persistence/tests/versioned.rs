//! The versioned write, on a country the migrations ship (Uruguay, at version 1): what it
//! refuses, what it writes, and that a refused change leaves no trace. Runs on SQLite, or on
//! PostgreSQL when `TEST_DATABASE_URL` is set.

use mercociudades_domain::listing::PageRequest;
use mercociudades_persistence::audit::{RecordType, Who};
use mercociudades_persistence::entities::countries;
use mercociudades_persistence::repositories::AuditFilter;
use mercociudades_persistence::repositories::versioned::{self, VersionedWrite};
use mercociudades_persistence::{Store, StoreError};
use sea_orm::{
    ActiveValue::Set, ConnectionTrait, DatabaseTransaction, EntityTrait, TransactionTrait,
};
use support::fresh;

mod support;

const CODE: &str = "UY";

/// The audit entries of the country: (action, version before, version after).
async fn history(store: &Store) -> Vec<(String, Option<i64>, Option<i64>)> {
    history_of(store, CODE).await
}

async fn history_of(store: &Store, code: &str) -> Vec<(String, Option<i64>, Option<i64>)> {
    let filter = AuditFilter {
        record_type: Some(RecordType::Country),
        record_id: Some(code.to_owned()),
        ..Default::default()
    };
    let page = store
        .list_audit(&filter, PageRequest::first(100))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let version =
        |side: &Option<serde_json::Value>| side.as_ref().and_then(|v| v["version"].as_i64());
    page.items
        .iter()
        .map(|e| (e.action.clone(), version(&e.before), version(&e.after)))
        .collect()
}

async fn stored(store: &Store) -> Option<countries::Model> {
    countries::Entity::find_by_id(CODE.to_owned())
        .one(store.connection())
        .await
        .unwrap_or_else(|e| panic!("{e}"))
}

/// The country is as it was, and its history says nothing of a change.
async fn untouched(store: &Store, before: Option<countries::Model>) {
    assert_eq!(stored(store).await, before);
    assert_eq!(history(store).await, []);
}

async fn begin(store: &Store) -> DatabaseTransaction {
    store
        .connection()
        .begin()
        .await
        .unwrap_or_else(|e| panic!("{e}"))
}

/// Opens a versioned write of the country, read at `expected`.
async fn open(
    store: &Store,
    expected: i32,
) -> Result<VersionedWrite<countries::Entity>, StoreError> {
    store
        .versioned::<countries::Entity>(CODE.to_owned(), expected)
        .await
}

fn renamed() -> countries::ActiveModel {
    countries::ActiveModel {
        name_en: Set("Oriental Republic of Uruguay".to_owned()),
        ..Default::default()
    }
}

#[tokio::test]
async fn an_update_writes_the_row_at_the_next_version_and_one_audit_entry() {
    let (_dir, store) = fresh().await;
    let before = stored(&store).await.unwrap_or_else(|| panic!("no {CODE}"));
    assert_eq!(before.version, 1);
    let after = open(&store, 1)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .update(&Who::system(), renamed())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(after.name_en, "Oriental Republic of Uruguay");
    assert_eq!(
        after.name_es, before.name_es,
        "what the change did not set stays"
    );
    assert_eq!(after.version, 2);
    assert!(after.updated_at >= before.updated_at);
    assert_eq!(stored(&store).await, Some(after));
    assert_eq!(
        history(&store).await,
        [("update".to_owned(), Some(1), Some(2))]
    );
}

#[tokio::test]
async fn a_missing_row_is_not_found() {
    let (_dir, store) = fresh().await;
    let opened = store
        .versioned::<countries::Entity>("ZZ".to_owned(), 1)
        .await;
    assert!(matches!(opened, Err(StoreError::NotFound)), "{opened:?}");
}

#[tokio::test]
async fn a_stale_version_is_refused_with_the_current_one_and_nothing_is_written() {
    let (_dir, store) = fresh().await;
    let before = stored(&store).await;
    for opened in [open(&store, 2).await, open(&store, 0).await] {
        assert!(
            matches!(
                opened,
                Err(StoreError::VersionMismatch { current: Some(1) })
            ),
            "{opened:?}"
        );
    }
    untouched(&store, before).await;
}

#[tokio::test]
async fn a_check_refuses_the_row_before_its_version_is_compared() {
    let (_dir, store) = fresh().await;
    let txn = begin(&store).await;
    let opened = VersionedWrite::<countries::Entity>::open_checked(txn, CODE.to_owned(), 2, |_| {
        Err(StoreError::Frozen { status: "closed" })
    })
    .await;
    assert!(
        matches!(opened, Err(StoreError::Frozen { status: "closed" })),
        "{opened:?}"
    );
}

#[tokio::test]
async fn a_write_that_another_got_to_first_is_refused_and_rolled_back() {
    let (_dir, store) = fresh().await;
    let before = stored(&store).await;
    let write = open(&store, 1).await.unwrap_or_else(|e| panic!("{e}"));
    // Another change moves the row on after its version was checked.
    write
        .txn()
        .execute_unprepared("UPDATE countries SET version = version + 1 WHERE code = 'UY'")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let updated = write.set(renamed()).await;
    assert!(
        matches!(updated, Err(StoreError::VersionMismatch { current: None })),
        "{updated:?}"
    );
    untouched(&store, before).await;
}

#[tokio::test]
async fn a_change_dropped_before_its_commit_leaves_no_trace() {
    let (_dir, store) = fresh().await;
    let before = stored(&store).await;
    let updated = open(&store, 1)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .set(renamed())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(updated.after().version, 2);
    drop(updated);
    untouched(&store, before).await;
}

#[tokio::test]
async fn a_delete_at_the_version_read_removes_the_row_and_audits_it_as_it_was() {
    let (_dir, store) = fresh().await;
    let stale = open(&store, 3).await;
    assert!(
        matches!(stale, Err(StoreError::VersionMismatch { current: Some(1) })),
        "{stale:?}"
    );
    open(&store, 1)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .delete(&Who::system())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(stored(&store).await, None);
    assert_eq!(
        history(&store).await,
        [("delete".to_owned(), Some(1), None)]
    );
}

#[tokio::test]
async fn an_insert_makes_the_row_at_version_1_and_audits_its_creation() {
    let (_dir, store) = fresh().await;
    let txn = begin(&store).await;
    let columns = countries::ActiveModel {
        name_es: Set("Atlántida".to_owned()),
        name_pt: Set("Atlântida".to_owned()),
        name_en: Set("Atlantis".to_owned()),
        mercosur_status: Set("other".to_owned()),
        ..Default::default()
    };
    let made =
        versioned::insert::<countries::Entity>(&txn, &Who::system(), "ZZ".to_owned(), columns)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
    txn.commit().await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((made.code.as_str(), made.version), ("ZZ", 1));
    assert_eq!(made.created_at, made.updated_at);
    assert_eq!(
        history_of(&store, "ZZ").await,
        [("create".to_owned(), None, Some(1))]
    );
}
