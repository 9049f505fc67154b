//! The versioned write: every change of a record that carries a version (its creation, its
//! updates, its deletion) runs through it, so the steps below exist once.
//!
//! 1. [`Store::versioned`] (or [`VersionedWrite::open`] inside a transaction the caller began)
//!    opens a write transaction, reads the row (absent: [`StoreError::NotFound`]) and compares
//!    its version with the one the caller read (another: [`StoreError::VersionMismatch`] with
//!    the current version).
//! 2. The repository checks and writes what its change needs on [`VersionedWrite::txn`],
//!    reading the row as it was in [`VersionedWrite::before`].
//! 3. [`VersionedWrite::update`] sets the changed columns, the next version and the time of
//!    the change, only while the row is still at the version read (another write got there
//!    first: [`StoreError::VersionMismatch`] without a version), reads the row after, writes
//!    the audit entry with the row before and after, commits and returns the row after.
//!    [`VersionedWrite::set`] stops before the audit entry, for a change that writes more
//!    after the row; [`Updated::commit`] finishes it. [`VersionedWrite::delete`] deletes at
//!    the version read and audits the row as it was.
//!
//! Any error before the commit drops the transaction, and with it every write of the change.
//! The `_audited` forms write the audit entry in a shape of the caller's (a user with its
//! roles, a membership with the names of its body and city).
//!
//! A new row is made by [`insert`] in the transaction of its checks: at version 1, stamped
//! with the time, read back and audited.
//!
//! ```text
//! let city = self.versioned::<cities::Entity>(id.0, expected_version).await?;
//! if city.before().country_code != new.country.as_str() {
//!     check_country(city.txn(), &new.country).await?;
//! }
//! to_domain(city.update(who, columns(new)).await?)
//! ```
//!
//! A table joins by implementing [`Versioned`] in its repository.

use super::Store;
use crate::StoreError;
use crate::audit::{self, Change, RecordType, Who};
use chrono::Utc;
use sea_orm::sea_query::{IntoValueTuple, ValueTuple, ValueType};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseTransaction, EntityTrait,
    Iterable, ModelTrait, PrimaryKeyToColumn, PrimaryKeyTrait, QueryFilter, Value,
};
use serde::Serialize;
use uuid::Uuid;

/// A table whose rows carry a version, changed through [`VersionedWrite`].
pub trait Versioned: EntityTrait<Model: Serialize> {
    /// How the audit log names its records.
    const RECORD: RecordType;
    /// The column holding the version: 1 when the row is made, one more at every change.
    const VERSION: Self::Column;
    /// The column stamped with the time the row was made.
    const CREATED_AT: Self::Column;
    /// The column stamped with the time of every change, if the table keeps one.
    const UPDATED_AT: Option<Self::Column>;
}

/// The primary key of `E`: one value, or a tuple for a composite key.
pub type Key<E> = <<E as EntityTrait>::PrimaryKey as PrimaryKeyTrait>::ValueType;

/// How the audit log names a record by its primary key.
pub trait AuditId {
    fn audit_id(&self) -> String;
}

impl AuditId for Uuid {
    fn audit_id(&self) -> String {
        self.to_string()
    }
}

impl AuditId for String {
    fn audit_id(&self) -> String {
        self.clone()
    }
}

/// The one composite key among the versioned tables: a city's membership of a body.
impl AuditId for (Uuid, Uuid) {
    fn audit_id(&self) -> String {
        super::history::membership_id(&self.0.to_string(), &self.1.to_string())
    }
}

/// The version a write expects to find: the one the client read (`If-Match: "3"`), or any
/// current version (`If-Match: *`, which RFC 9110 makes true of every existing record).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expected {
    Any,
    Version(i32),
}

impl From<i32> for Expected {
    fn from(version: i32) -> Self {
        Expected::Version(version)
    }
}

impl Expected {
    /// Whether a row at `version` is the one expected.
    pub fn matches(self, version: i32) -> bool {
        match self {
            Expected::Any => true,
            Expected::Version(expected) => expected == version,
        }
    }
}

/// A change of one versioned row, between the check of its version and the commit.
#[derive(Debug)]
pub struct VersionedWrite<E: Versioned> {
    txn: DatabaseTransaction,
    key: Condition,
    record_id: String,
    before: E::Model,
    version: i32,
}

/// A versioned row updated, its transaction still open for what the change writes next.
#[derive(Debug)]
pub struct Updated<E: Versioned> {
    txn: DatabaseTransaction,
    record_id: String,
    before: E::Model,
    after: E::Model,
}

impl Store {
    /// Opens a write transaction on the row `key` of `E`, read at `expected` version.
    pub async fn versioned<E: Versioned>(
        &self,
        key: impl Into<Key<E>> + AuditId,
        expected: impl Into<Expected>,
    ) -> Result<VersionedWrite<E>, StoreError> {
        VersionedWrite::open(self.write().await?, key, expected).await
    }
}

impl<E: Versioned> VersionedWrite<E> {
    /// Reads the row `key` in `txn` and checks that it is at `expected` version.
    pub async fn open(
        txn: DatabaseTransaction,
        key: impl Into<Key<E>> + AuditId,
        expected: impl Into<Expected>,
    ) -> Result<Self, StoreError> {
        Self::open_checked(txn, key, expected, |_| Ok(())).await
    }

    /// As [`open`](Self::open), with `check` refusing the row before its version is compared
    /// (a row of another parent is not found; a frozen one cannot change at any version).
    pub async fn open_checked(
        txn: DatabaseTransaction,
        key: impl Into<Key<E>> + AuditId,
        expected: impl Into<Expected>,
        check: impl FnOnce(&E::Model) -> Result<(), StoreError>,
    ) -> Result<Self, StoreError> {
        let record_id = key.audit_id();
        let key = key_condition::<E>(key.into().into_value_tuple());
        let before = E::find()
            .filter(key.clone())
            .one(&txn)
            .await?
            .ok_or(StoreError::NotFound)?;
        check(&before)?;
        let version = version_of::<E>(&before)?;
        if !expected.into().matches(version) {
            return Err(StoreError::VersionMismatch {
                current: Some(version),
            });
        }
        Ok(Self {
            txn,
            key,
            record_id,
            before,
            version,
        })
    }

    /// The transaction of the change, for what it reads and writes besides the row.
    pub fn txn(&self) -> &DatabaseTransaction {
        &self.txn
    }

    /// The row as the change found it.
    pub fn before(&self) -> &E::Model {
        &self.before
    }

    /// Sets `columns`, the next version and the time of the change, audits the row before and
    /// after, commits, and returns the row after.
    pub async fn update(self, who: &Who, columns: E::ActiveModel) -> Result<E::Model, StoreError> {
        self.set(columns).await?.commit(who).await
    }

    /// Sets `columns`, the next version and the time of the change, and reads the row after;
    /// the transaction stays open for what the change writes next.
    pub async fn set(self, mut columns: E::ActiveModel) -> Result<Updated<E>, StoreError> {
        columns.try_set(E::VERSION, Value::from(self.version + 1))?;
        if let Some(column) = E::UPDATED_AT {
            columns.try_set(column, Value::from(Utc::now()))?;
        }
        let result = E::update_many()
            .set(columns)
            .filter(self.key.clone())
            .filter(E::VERSION.eq(self.version))
            .exec(&self.txn)
            .await?;
        one_row_changed(result.rows_affected)?;
        let after = E::find()
            .filter(self.key)
            .one(&self.txn)
            .await?
            .ok_or(StoreError::NotFound)?;
        Ok(Updated {
            txn: self.txn,
            record_id: self.record_id,
            before: self.before,
            after,
        })
    }

    /// Deletes the row, audits it as it was, and commits.
    pub async fn delete(self, who: &Who) -> Result<(), StoreError> {
        self.delete_audited(who, <E::Model as Clone>::clone).await
    }

    /// As [`delete`](Self::delete), with the audit entry in the shape `audit` gives the row.
    pub async fn delete_audited<P: Serialize>(
        self,
        who: &Who,
        audit: impl FnOnce(&E::Model) -> P,
    ) -> Result<(), StoreError> {
        let result = E::delete_many()
            .filter(self.key)
            .filter(E::VERSION.eq(self.version))
            .exec(&self.txn)
            .await?;
        one_row_changed(result.rows_affected)?;
        let before = audit(&self.before);
        finish::<E, P, ()>(
            self.txn,
            who,
            Change::Delete,
            &self.record_id,
            Some(&before),
            None,
        )
        .await
    }
}

impl<E: Versioned> Updated<E> {
    /// The transaction of the change, for what it reads and writes after the row.
    pub fn txn(&self) -> &DatabaseTransaction {
        &self.txn
    }

    /// The row as the change found it.
    pub fn before(&self) -> &E::Model {
        &self.before
    }

    /// The row as the change left it.
    pub fn after(&self) -> &E::Model {
        &self.after
    }

    /// Audits the row before and after, commits, and returns the row after.
    pub async fn commit(self, who: &Who) -> Result<E::Model, StoreError> {
        let Self {
            txn,
            record_id,
            before,
            after,
        } = self;
        finish::<E, _, _>(
            txn,
            who,
            Change::Update,
            &record_id,
            Some(&before),
            Some(&after),
        )
        .await?;
        Ok(after)
    }

    /// As [`commit`](Self::commit), with the audit entry in the shapes `audit` gives the row
    /// before and after.
    pub async fn commit_audited<B: Serialize, A: Serialize>(
        self,
        who: &Who,
        audit: impl FnOnce(&E::Model, &E::Model) -> (B, A),
    ) -> Result<E::Model, StoreError> {
        let (before, after) = audit(&self.before, &self.after);
        finish::<E, _, _>(
            self.txn,
            who,
            Change::Update,
            &self.record_id,
            Some(&before),
            Some(&after),
        )
        .await?;
        Ok(self.after)
    }
}

/// Writes the audit entry of the change and commits it.
async fn finish<E: Versioned, B: Serialize, A: Serialize>(
    txn: DatabaseTransaction,
    who: &Who,
    change: Change,
    record_id: &str,
    before: Option<&B>,
    after: Option<&A>,
) -> Result<(), StoreError> {
    audit::record(&txn, who, change, E::RECORD, record_id, before, after).await?;
    txn.commit().await?;
    Ok(())
}

/// Inserts `columns` as the row `key` of `E` at version 1, made and updated now; reads it
/// back and audits its creation in `txn`.
pub async fn insert<E: Versioned>(
    txn: &DatabaseTransaction,
    who: &Who,
    key: impl Into<Key<E>> + AuditId,
    columns: E::ActiveModel,
) -> Result<E::Model, StoreError> {
    insert_audited::<E, E::Model>(txn, who, key, columns, <E::Model as Clone>::clone).await
}

/// As [`insert`], with the audit entry in the shape `audit` gives the row.
pub async fn insert_audited<E: Versioned, P: Serialize>(
    txn: &DatabaseTransaction,
    who: &Who,
    key: impl Into<Key<E>> + AuditId,
    mut columns: E::ActiveModel,
    audit: impl FnOnce(&E::Model) -> P,
) -> Result<E::Model, StoreError> {
    let record_id = key.audit_id();
    let key = key.into().into_value_tuple();
    for (column, value) in E::PrimaryKey::iter().zip(key.clone()) {
        columns.try_set(column.into_column(), value)?;
    }
    let at = Utc::now();
    columns.try_set(E::VERSION, Value::from(1))?;
    columns.try_set(E::CREATED_AT, Value::from(at))?;
    if let Some(column) = E::UPDATED_AT {
        columns.try_set(column, Value::from(at))?;
    }
    E::insert(columns).exec_without_returning(txn).await?;
    let after = E::find()
        .filter(key_condition::<E>(key))
        .one(txn)
        .await?
        .ok_or(StoreError::NotFound)?;
    let created = audit(&after);
    audit::record(
        txn,
        who,
        Change::Create,
        E::RECORD,
        &record_id,
        None::<&()>,
        Some(&created),
    )
    .await?;
    Ok(after)
}

/// The condition that narrows `E` to the row `key`.
fn key_condition<E: EntityTrait>(key: ValueTuple) -> Condition {
    E::PrimaryKey::iter()
        .zip(key)
        .fold(Condition::all(), |all, (column, value)| {
            all.add(column.into_column().eq(value))
        })
}

fn version_of<E: Versioned>(row: &E::Model) -> Result<i32, StoreError> {
    <i32 as ValueType>::try_from(row.get(E::VERSION))
        .map_err(|e| StoreError::Database(sea_orm::DbErr::Type(e.to_string())))
}

/// An UPDATE or DELETE at a version changes one row, or none when another write moved the
/// row on between the check and the write.
fn one_row_changed(rows: u64) -> Result<(), StoreError> {
    if rows == 1 {
        Ok(())
    } else {
        Err(StoreError::VersionMismatch { current: None })
    }
}

/// Refuses a change while `select` finds any row: the record is in use, for `reason`.
pub(crate) async fn refuse_if_any<S: EntityTrait<Model: Sync>>(
    conn: &impl ConnectionTrait,
    select: sea_orm::Select<S>,
    reason: &'static str,
) -> Result<(), StoreError> {
    use sea_orm::PaginatorTrait;
    if select.count(conn).await? > 0 {
        Err(StoreError::InUse { reason })
    } else {
        Ok(())
    }
}
