//! A stored value with its identity, version and timestamps.

use chrono::{DateTime, Utc};

/// A record as kept: the value, its id, the version that `If-Match` is checked against, and
/// when it was made and last changed (UTC).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record<Id, T> {
    pub id: Id,
    pub value: T,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}
