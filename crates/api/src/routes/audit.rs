//! The audit log: every change, by whom, when, before and after.

use super::bodies::uuid_field;
use super::{GetErrors, ListErrors, Page, check, optional};
use crate::error::ApiResult;
use crate::extract::{Ids, QueryParams};
use crate::guard::{Guard, perm};
use crate::state::AppState;
use actix_web::{HttpResponse, get, web};
use chrono::{DateTime, Utc};
use mercociudades_domain::ids::{BodyId, CityId, TermId};
use mercociudades_domain::listing::parse_instant;
use mercociudades_domain::registry::CountryCode;
use mercociudades_domain::validation::{FieldError, codes};
use mercociudades_macros::guarded;
use mercociudades_persistence::audit::RecordType;
use mercociudades_persistence::repositories::{AuditEntry, AuditFilter, DELETABLE, Deletion};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

/// A `record_type` outside `allowed`.
fn unknown_record_type(allowed: &[RecordType]) -> FieldError {
    let names: Vec<&str> = allowed.iter().map(|t| t.as_str()).collect();
    FieldError::new("record_type", codes::UNKNOWN_VALUE).with("allowed", names.join(", "))
}

/// One recorded change.
#[derive(Debug, Serialize, ToSchema)]
pub struct AuditEntryOut {
    pub id: Uuid,
    pub occurred_at: DateTime<Utc>,
    #[schema(value_type = super::closed::ActorKind)]
    pub actor_kind: String,
    pub actor_id: Option<Uuid>,
    #[schema(value_type = super::closed::ChangeKind)]
    pub action: String,
    #[schema(value_type = super::closed::RecordType)]
    pub record_type: String,
    pub record_id: String,
    /// The record before the change (absent on create).
    #[schema(value_type = Option<Object>)]
    pub before: Option<serde_json::Value>,
    /// The record after the change (absent on delete).
    #[schema(value_type = Option<Object>)]
    pub after: Option<serde_json::Value>,
    pub request_id: Option<String>,
}

super::list_query!(
    /// Filters of the audit log.
    AuditQuery {
        #[param(value_type = Option<super::closed::RecordType>)]
        record_type,
        record_id,
        #[param(value_type = Option<Uuid>)]
        actor_id,
        /// From this instant (RFC 3339).
        #[param(value_type = Option<String>, format = DateTime)]
        from,
        /// Before this instant (RFC 3339).
        #[param(value_type = Option<String>, format = DateTime)]
        until,
    }
);

super::list_query!(
    /// Filters of the deletions: `updated_since` gives those at or after an instant, and
    /// `sort` is `deleted_at` (the default, oldest first) or `-deleted_at`.
    DeletionQuery sorted by "^(-?deleted_at)?$" {
        #[param(value_type = Option<super::closed::DeletableRecord>)]
        record_type,
    }
);

/// A deleted record.
#[derive(Debug, Serialize, ToSchema)]
pub struct DeletionOut {
    #[schema(value_type = super::closed::DeletableRecord)]
    pub record_type: String,
    /// The id the record had (for a body member, `body_id/city_id`; for a country, its code).
    pub record_id: String,
    pub deleted_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Copy)]
enum DeletionSort {
    DeletedAt,
}

/// The records deleted from the registry and the plans, for systems that keep a copy: with
/// the lists' `updated_since`, an incremental sync learns what changed and what went away.
#[guarded]
#[utoipa::path(
    tag = "audit",
    params(DeletionQuery),
    responses((status = 200, body = Page<DeletionOut>), ListErrors),
    security(("bearer" = [])),
)]
#[get("/deletions")]
pub async fn deletions(
    state: web::Data<AppState>,
    _auth: Guard<perm::RegistryRead>,
    query: QueryParams<DeletionQuery>,
) -> ApiResult<HttpResponse> {
    let q = query.0;
    let mut errors = Vec::new();
    let listing = q.listing().parse(
        &mut errors,
        &[("deleted_at", DeletionSort::DeletedAt)],
        mercociudades_domain::listing::Sort::ascending(DeletionSort::DeletedAt),
    );
    let record_type = optional(&mut errors, q.record_type.as_deref(), |t| {
        RecordType::parse(t)
            .filter(|t| DELETABLE.contains(t))
            .ok_or_else(|| unknown_record_type(&DELETABLE))
    });
    check(errors)?;
    let DeletionSort::DeletedAt = listing.sort.field;
    let found = state
        .store
        .list_deletions(
            record_type,
            listing.updated_since,
            listing.sort.descending,
            listing.page,
        )
        .await?;
    Ok(
        HttpResponse::Ok().json(Page::from(found, |d: Deletion| DeletionOut {
            record_type: d.record_type,
            record_id: d.record_id,
            deleted_at: d.deleted_at,
        })),
    )
}

super::list_query!(
    /// Paging of a record's history.
    HistoryQuery {}
);

fn out(e: AuditEntry) -> AuditEntryOut {
    AuditEntryOut {
        id: e.id,
        occurred_at: e.occurred_at,
        actor_kind: e.actor_kind,
        actor_id: e.actor_id,
        action: e.action,
        record_type: e.record_type,
        record_id: e.record_id,
        before: e.before,
        after: e.after,
        request_id: e.request_id,
    }
}

/// The audit log, newest first.
#[guarded]
#[utoipa::path(
    tag = "audit",
    params(AuditQuery),
    responses((status = 200, body = Page<AuditEntryOut>), ListErrors),
    security(("bearer" = [])),
)]
#[get("/audit")]
pub async fn list(
    state: web::Data<AppState>,
    _auth: Guard<perm::AuditRead>,
    query: QueryParams<AuditQuery>,
) -> ApiResult<HttpResponse> {
    let q = query.0;
    let mut errors = Vec::new();
    let page = q.listing().page_only(&mut errors);
    let filter = AuditFilter {
        record_type: optional(&mut errors, q.record_type.as_deref(), |t| {
            RecordType::parse(t).ok_or_else(|| unknown_record_type(&RecordType::ALL))
        }),
        record_id: q.record_id.clone().filter(|s| !s.is_empty()),
        with_parts: None,
        actor_id: optional(&mut errors, q.actor_id.as_deref(), |a| {
            uuid_field("actor_id", a)
        }),
        from: parse_instant("from", q.from.as_deref()).unwrap_or_else(|e| {
            errors.push(e);
            None
        }),
        until: parse_instant("until", q.until.as_deref()).unwrap_or_else(|e| {
            errors.push(e);
            None
        }),
    };
    check(errors)?;
    let entries = state.store.list_audit(&filter, page).await?;
    Ok(HttpResponse::Ok().json(Page::from(entries, out)))
}

async fn history(
    state: &AppState,
    record_type: RecordType,
    record_id: String,
    q: &HistoryQuery,
) -> ApiResult<HttpResponse> {
    let mut errors = Vec::new();
    let page = q.listing().page_only(&mut errors);
    check(errors)?;
    let filter = AuditFilter::history_of(record_type, record_id);
    let entries = state.store.list_audit(&filter, page).await?;
    Ok(HttpResponse::Ok().json(Page::from(entries, out)))
}

macro_rules! history_route {
    ($fn:ident, $path:literal, $record:literal, $type:expr, $param:literal, $id:ty) => {
        #[doc = concat!("The recorded changes of one ", $record, ", newest first. The history of a city or a body also holds the changes to its memberships (`body_member` entries).")]
        #[guarded]
        #[utoipa::path(
                            tag = "audit",
                            params(($param = String, Path), HistoryQuery),
                            responses((status = 200, body = Page<AuditEntryOut>), GetErrors),
                            security(("bearer" = [])),
                        )]
        #[get($path)]
        pub async fn $fn(
            state: web::Data<AppState>,
            _auth: Guard<perm::RegistryRead>,
            Ids(id): Ids<$id>,
            query: QueryParams<HistoryQuery>,
        ) -> ApiResult<HttpResponse> {
            history(&state, $type, id.to_string(), &query.0).await
        }
    };
}

history_route!(
    city_history,
    "/cities/{id}/history",
    "city",
    RecordType::City,
    "id",
    CityId
);
history_route!(
    body_history,
    "/bodies/{id}/history",
    "body",
    RecordType::Body,
    "id",
    BodyId
);
history_route!(
    term_history,
    "/terms/{id}/history",
    "term",
    RecordType::Term,
    "id",
    TermId
);
history_route!(
    country_history,
    "/countries/{id}/history",
    "country",
    RecordType::Country,
    "id",
    CountryCode
);
