use mercociudades_domain::FieldError;
use sea_orm::{DbErr, SqlErr};

/// The record that holds a unique value already: its id and its name, as people know it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Existing {
    pub id: String,
    pub name: String,
}

/// Why a storage operation did not happen.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("not found")]
    NotFound,
    /// The record changed since the version the caller had; `current` is its version when known
    /// (not when another write changed it between the check and the write).
    #[error("version mismatch: the record is at version {current:?}")]
    VersionMismatch { current: Option<i32> },
    /// The record is referenced elsewhere and cannot be removed; `reason` names by what.
    #[error("in use: {reason}")]
    InUse { reason: &'static str },
    /// A unique value is taken already (`field` names which), by the `existing` record when it
    /// is known.
    #[error(
        "duplicate {field}{}",
        existing.as_ref().map(|e| format!(": {} has it ({})", e.name, e.id)).unwrap_or_default()
    )]
    Duplicate {
        field: &'static str,
        existing: Option<Existing>,
    },
    /// The input breaks a rule that needs the stored data to check.
    #[error("invalid: {0}")]
    Invalid(FieldError),
    /// The plan's structure is frozen: it is approved, in execution or closed.
    #[error("plan frozen ({status})")]
    Frozen { status: &'static str },
    /// The plan is a draft: nothing is reported on it until it is approved.
    #[error("plan not approved")]
    NotApproved,
    /// The lifecycle does not allow the change of status.
    #[error("{0}")]
    Transition(#[from] mercociudades_domain::event::IllegalTransition),
    /// The delegation's lifecycle does not allow the change.
    #[error("{0}")]
    DelegationTransition(#[from] mercociudades_domain::delegation::IllegalTransition),
    /// The event is cancelled: nothing more is recorded for it.
    #[error("event cancelled")]
    EventCancelled,
    #[error("database: {0}")]
    Database(#[from] DbErr),
}

impl StoreError {
    /// Maps a unique-key violation to [`StoreError::Duplicate`] naming `field`.
    pub(crate) fn unique(err: DbErr, field: &'static str) -> Self {
        match err.sql_err() {
            Some(SqlErr::UniqueConstraintViolation(_)) => StoreError::Duplicate {
                field,
                existing: None,
            },
            _ => StoreError::Database(err),
        }
    }

    /// `field` is taken already, by `existing`.
    pub(crate) fn taken(field: &'static str, existing: Existing) -> Self {
        StoreError::Duplicate {
            field,
            existing: Some(existing),
        }
    }

    /// Whether this is a duplicate of `field` whose holder is not known yet (the database
    /// refused it), so that the caller looks the holder up.
    pub(crate) fn is_unnamed_duplicate(&self, of: &str) -> bool {
        matches!(self, StoreError::Duplicate { field, existing: None } if *field == of)
    }

    /// This error, with a unique-key violation of the database named as a duplicate `field`.
    pub(crate) fn duplicate_of(self, field: &'static str) -> Self {
        match self {
            StoreError::Database(err) => StoreError::unique(err, field),
            other => other,
        }
    }
}
