//! Progress reports on activities, and their review.

use super::versioned::{self, Updated, Versioned};
use super::{Store, now, paged};
use crate::StoreError;
use crate::audit::{self, Change, RecordType, Who};
use crate::entities::{activity_reports, cities, plan_nodes, report_cities};
use crate::repositories::versioned::Expected;
use mercociudades_domain::ids::{CityId, NodeId, PlanId, ReportId};
use mercociudades_domain::listing::{PageRequest, Paged};
use mercociudades_domain::monitoring::execution::ReportedExecution;
use mercociudades_domain::monitoring::participation::{
    CityTookPart, OtherTookPart, ParticipationFacts,
};
use mercociudades_domain::monitoring::{
    AuthorKind, Execution, ParticipantKind, ReportCity, ReportInput, ReportRecord, ReportScope,
    ReportStatus,
};
use mercociudades_domain::notification::NotificationKind;
use mercociudades_domain::plan::{ActivityStatus, NodeDetails, NodeKind, PlanStatus, Text};
use mercociudades_domain::validation::{FieldError, codes};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
};
use serde::Serialize;
use uuid::Uuid;

#[derive(Debug, Clone, Default)]
pub struct ReportFilter {
    pub plan: Option<PlanId>,
    pub node: Option<NodeId>,
    pub status: Option<ReportStatus>,
}

fn corrupt(what: &str) -> StoreError {
    StoreError::Database(DbErr::Custom(format!("stored report: {what}")))
}

fn json<T: Serialize>(value: &T) -> Result<String, StoreError> {
    serde_json::to_string(value).map_err(|e| StoreError::Database(DbErr::Custom(e.to_string())))
}

/// Loads the cities of `reports` and builds the records: three queries whatever their number.
async fn records<C: ConnectionTrait>(
    conn: &C,
    rows: Vec<activity_reports::Model>,
) -> Result<Vec<ReportRecord>, StoreError> {
    let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
    let node_ids: Vec<Uuid> = rows.iter().map(|r| r.node_id).collect();
    let mut links = Vec::new();
    for chunk in ids.chunks(500) {
        links.extend(
            report_cities::Entity::find()
                .filter(report_cities::Column::ReportId.is_in(chunk.to_vec()))
                .all(conn)
                .await?,
        );
    }
    let city_ids: std::collections::BTreeSet<Uuid> = links.iter().map(|l| l.city_id).collect();
    let mut found = Vec::new();
    let city_ids: Vec<Uuid> = city_ids.into_iter().collect();
    for chunk in city_ids.chunks(500) {
        found.extend(
            cities::Entity::find()
                .filter(cities::Column::Id.is_in(chunk.to_vec()))
                .all(conn)
                .await?,
        );
    }
    let mut nodes = Vec::new();
    let node_ids: Vec<Uuid> = node_ids
        .into_iter()
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    for chunk in node_ids.chunks(500) {
        nodes.extend(
            plan_nodes::Entity::find()
                .filter(plan_nodes::Column::Id.is_in(chunk.to_vec()))
                .all(conn)
                .await?,
        );
    }
    let cities_by_id: std::collections::HashMap<Uuid, &cities::Model> =
        found.iter().map(|c| (c.id, c)).collect();
    let mut per_report: std::collections::HashMap<Uuid, Vec<ReportCity>> =
        std::collections::HashMap::new();
    for link in &links {
        let city = cities_by_id
            .get(&link.city_id)
            .ok_or_else(|| corrupt("city"))?;
        per_report
            .entry(link.report_id)
            .or_default()
            .push(ReportCity {
                id: CityId(city.id),
                name: city.name.clone(),
                country: city.country_code.clone(),
            });
    }
    rows.into_iter()
        .map(|r| {
            let mut cities = per_report.remove(&r.id).unwrap_or_default();
            cities.sort_by(|a, b| a.name.cmp(&b.name));
            let narrative = Text {
                es: r.narrative_es,
                pt: r.narrative_pt,
                en: r.narrative_en,
            };
            let node = nodes
                .iter()
                .find(|n| n.id == r.node_id)
                .ok_or_else(|| corrupt("node"))?;
            let details: NodeDetails = match &node.details {
                Some(json) => serde_json::from_str(json).map_err(|_| corrupt("node details"))?,
                None => NodeDetails::default(),
            };
            Ok(ReportRecord {
                id: ReportId(r.id),
                plan_id: PlanId(r.plan_id),
                node_id: NodeId(r.node_id),
                node_code: node.code.clone(),
                activity_status: details.status_or_planned(),
                reported_on: r.reported_on,
                execution: Execution::parse("execution", &r.execution)
                    .map_err(|_| corrupt("execution"))?,
                narrative: (!narrative.is_empty()).then_some(narrative),
                cities,
                others: serde_json::from_str(&r.participants)
                    .map_err(|_| corrupt("participants"))?,
                results: serde_json::from_str(&r.results).map_err(|_| corrupt("results"))?,
                evidence: serde_json::from_str(&r.evidence).map_err(|_| corrupt("evidence"))?,
                status: ReportStatus::parse("status", &r.status).map_err(|_| corrupt("status"))?,
                return_reason: r.return_reason,
                author_kind: AuthorKind::parse("author_kind", &r.author_kind)
                    .map_err(|_| corrupt("author kind"))?,
                author_id: r.author_id,
                version: r.version,
                created_at: r.created_at,
                updated_at: r.updated_at,
            })
        })
        .collect()
}

async fn write_cities<C: ConnectionTrait>(
    conn: &C,
    report: Uuid,
    cities: &[CityId],
) -> Result<(), StoreError> {
    report_cities::Entity::delete_many()
        .filter(report_cities::Column::ReportId.eq(report))
        .exec(conn)
        .await?;
    let mut unique: Vec<Uuid> = cities.iter().map(|c| c.0).collect();
    unique.sort_unstable();
    unique.dedup();
    if unique.is_empty() {
        return Ok(());
    }
    let known = cities::Entity::find()
        .filter(cities::Column::Id.is_in(unique.clone()))
        .all(conn)
        .await?;
    if let Some((i, missing)) = cities
        .iter()
        .enumerate()
        .find(|(_, c)| !known.iter().any(|k| k.id == c.0))
    {
        return Err(StoreError::Invalid(
            FieldError::new(format!("participants.cities[{i}]"), codes::NOT_FOUND)
                .with("value", missing),
        ));
    }
    let rows = unique.into_iter().map(|city| report_cities::ActiveModel {
        report_id: Set(report),
        city_id: Set(city),
    });
    report_cities::Entity::insert_many(rows)
        .exec_without_returning(conn)
        .await?;
    Ok(())
}

impl Versioned for activity_reports::Entity {
    const RECORD: RecordType = RecordType::ActivityReport;
    const VERSION: activity_reports::Column = activity_reports::Column::Version;
    const CREATED_AT: activity_reports::Column = activity_reports::Column::CreatedAt;
    const UPDATED_AT: Option<activity_reports::Column> = Some(activity_reports::Column::UpdatedAt);
}

/// The record of an updated report, read in its transaction, and the update committed.
async fn commit_report(
    who: &Who,
    updated: Updated<activity_reports::Entity>,
) -> Result<ReportRecord, StoreError> {
    let record = records(updated.txn(), vec![updated.after().clone()])
        .await?
        .pop()
        .ok_or_else(|| corrupt("updated"))?;
    notify_author(updated.txn(), updated.before(), updated.after()).await?;
    updated.commit(who).await?;
    Ok(record)
}

/// Tells a report's author, in the transaction of the change, that the secretariat returned
/// or approved it.
async fn notify_author(
    txn: &sea_orm::DatabaseTransaction,
    before: &activity_reports::Model,
    after: &activity_reports::Model,
) -> Result<(), StoreError> {
    let kind = match after.status.as_str() {
        s if s == before.status => return Ok(()),
        "returned" => NotificationKind::ReportReturned,
        "approved" => NotificationKind::ReportApproved,
        _ => return Ok(()),
    };
    let Some(author) = after.author_id.filter(|_| after.author_kind == "user") else {
        return Ok(());
    };
    let activity = plan_nodes::Entity::find_by_id(after.node_id)
        .one(txn)
        .await?;
    let params = serde_json::json!({
        "activity_code": activity.as_ref().map(|a| a.code.clone()),
        "activity_title": {
            "es": activity.as_ref().and_then(|a| a.title_es.clone()),
            "pt": activity.as_ref().and_then(|a| a.title_pt.clone()),
            "en": activity.as_ref().and_then(|a| a.title_en.clone()),
        },
        "plan_id": after.plan_id,
        "reason": after.return_reason,
    });
    super::notifications::notify(txn, author, kind, ("report", &after.id.to_string()), params).await
}

fn columns(input: &ReportInput) -> Result<activity_reports::ActiveModel, StoreError> {
    let narrative = input.narrative.clone().unwrap_or_default();
    Ok(activity_reports::ActiveModel {
        reported_on: Set(input.reported_on),
        execution: Set(input.execution.as_str().to_owned()),
        narrative_es: Set(narrative.es),
        narrative_pt: Set(narrative.pt),
        narrative_en: Set(narrative.en),
        participants: Set(json(&input.others)?),
        results: Set(json(&input.results)?),
        evidence: Set(json(&input.evidence)?),
        ..Default::default()
    })
}

/// The header that names a request to be written once.
pub const IDEMPOTENCY_KEY: &str = "Idempotency-Key";

/// An idempotency key and the fingerprint of the request it came with.
#[derive(Debug, Clone)]
pub struct Idempotency {
    pub key: String,
    /// A hash of the request's method, path and body.
    pub fingerprint: String,
}

impl Store {
    /// Writes a draft report on an activity of an approved plan or a plan in execution: a
    /// draft plan is refused ([`StoreError::NotApproved`]), and so is a closed one
    /// ([`StoreError::Frozen`]). With an idempotency key, a second call with the same key by
    /// the same author and the same request (its fingerprint) returns the first report (`true`
    /// when it is a replay); the same key with another request is refused, and so is a key
    /// whose first request is still being written.
    pub async fn create_report(
        &self,
        who: &Who,
        plan: Uuid,
        node: Uuid,
        input: &ReportInput,
        idempotency: Option<&Idempotency>,
    ) -> Result<(ReportRecord, bool), StoreError> {
        let txn = self.write().await?;
        if let (Some(idempotency), Some(author)) = (idempotency, who.id)
            && let Some(existing) = activity_reports::Entity::find()
                .filter(activity_reports::Column::AuthorId.eq(author))
                .filter(activity_reports::Column::IdempotencyKey.eq(idempotency.key.as_str()))
                .one(&txn)
                .await?
        {
            // A report kept before keys were bound to their request is taken as the same one.
            if existing
                .idempotency_fingerprint
                .as_ref()
                .is_some_and(|first| *first != idempotency.fingerprint)
            {
                return Err(StoreError::Invalid(FieldError::new(
                    IDEMPOTENCY_KEY,
                    codes::KEY_REUSED,
                )));
            }
            let record = records(&txn, vec![existing])
                .await?
                .pop()
                .ok_or_else(|| corrupt("replay"))?;
            return Ok((record, true));
        }
        let target = plan_nodes::Entity::find_by_id(node)
            .one(&txn)
            .await?
            .filter(|n| n.plan_id == plan)
            .ok_or(StoreError::NotFound)?;
        let kind = NodeKind::parse("kind", &target.kind).map_err(|_| corrupt("node kind"))?;
        if !kind.is_activity() {
            return Err(StoreError::Invalid(
                FieldError::new("node_id", codes::NOT_ALLOWED).with("kind", kind),
            ));
        }
        let status = super::plans::open_plan(&txn, plan).await?.status;
        if !PlanStatus::parse("status", &status)
            .map_err(|_| corrupt("plan status"))?
            .takes_reports()
        {
            return Err(StoreError::NotApproved);
        }
        let id = Uuid::now_v7();
        let mut row = columns(input)?;
        row.plan_id = Set(plan);
        row.node_id = Set(node);
        row.status = Set(ReportStatus::Draft.as_str().to_owned());
        row.return_reason = Set(None);
        row.author_kind = Set(who.kind.as_str().to_owned());
        row.author_id = Set(who.id);
        row.idempotency_key = Set(idempotency.map(|i| i.key.clone()));
        row.idempotency_fingerprint = Set(idempotency.map(|i| i.fingerprint.clone()));
        // The same key written at the same time by another request: its first request is
        // still running.
        let after = versioned::insert::<activity_reports::Entity>(&txn, who, id, row)
            .await
            .map_err(|e| e.duplicate_of(IDEMPOTENCY_KEY))?;
        write_cities(&txn, id, &input.cities).await?;
        let record = records(&txn, vec![after])
            .await?
            .pop()
            .ok_or_else(|| corrupt("created"))?;
        txn.commit().await?;
        Ok((record, false))
    }

    pub async fn get_report(&self, ReportId(id): ReportId) -> Result<ReportRecord, StoreError> {
        let row = activity_reports::Entity::find_by_id(id)
            .one(&self.db)
            .await?
            .ok_or(StoreError::NotFound)?;
        records(&self.db, vec![row])
            .await?
            .pop()
            .ok_or(StoreError::NotFound)
    }

    pub async fn list_reports(
        &self,
        filter: &ReportFilter,
        page: PageRequest,
    ) -> Result<Paged<ReportRecord>, StoreError> {
        let mut select = activity_reports::Entity::find();
        if let Some(PlanId(plan)) = filter.plan {
            select = select.filter(activity_reports::Column::PlanId.eq(plan));
        }
        if let Some(NodeId(node)) = filter.node {
            select = select.filter(activity_reports::Column::NodeId.eq(node));
        }
        if let Some(status) = filter.status {
            select = select.filter(activity_reports::Column::Status.eq(status.as_str()));
        }
        let select = select
            .order_by_desc(activity_reports::Column::ReportedOn)
            .order_by_asc(activity_reports::Column::Id);
        let rows = paged(&self.db, select, page).await?;
        let items = records(&self.db, rows.items).await?;
        Ok(Paged {
            items,
            page: rows.page,
            per_page: rows.per_page,
            total: rows.total,
        })
    }

    /// Every approved report of a plan: the data of the plan's reports.
    pub async fn approved_reports(
        &self,
        PlanId(plan): PlanId,
    ) -> Result<Vec<ReportRecord>, StoreError> {
        let rows = activity_reports::Entity::find()
            .filter(activity_reports::Column::PlanId.eq(plan))
            .filter(activity_reports::Column::Status.eq(ReportStatus::Approved.as_str()))
            .order_by_asc(activity_reports::Column::ReportedOn)
            .order_by_asc(activity_reports::Column::Id)
            .all(&self.db)
            .await?;
        records(&self.db, rows).await
    }

    /// Replaces what a draft or returned report says.
    pub async fn update_report(
        &self,
        who: &Who,
        id: Uuid,
        expected_version: impl Into<Expected>,
        input: &ReportInput,
    ) -> Result<ReportRecord, StoreError> {
        let write = self
            .versioned::<activity_reports::Entity>(id, expected_version)
            .await?;
        let status =
            ReportStatus::parse("status", &write.before().status).map_err(|_| corrupt("status"))?;
        if !status.editable() {
            return Err(StoreError::Invalid(
                FieldError::new("status", codes::NOT_ALLOWED).with("from", status),
            ));
        }
        let updated = write.set(columns(input)?).await?;
        write_cities(updated.txn(), id, &input.cities).await?;
        commit_report(who, updated).await
    }

    /// Approves a submitted report. With `activity_status`, the reviewer moves the report's
    /// activity to that status too, in the same transaction: through the activity's legal
    /// transitions only (a refusal names `activity_status`), audited as a change of the
    /// activity; its status already, the activity is left as it is. Without it, the activity's
    /// status does not change.
    pub async fn approve_report(
        &self,
        who: &Who,
        id: Uuid,
        expected_version: impl Into<Expected>,
        activity_status: Option<ActivityStatus>,
    ) -> Result<ReportRecord, StoreError> {
        use sea_orm::TransactionTrait;
        let write = self
            .versioned::<activity_reports::Entity>(id, expected_version)
            .await?;
        let status =
            ReportStatus::parse("status", &write.before().status).map_err(|_| corrupt("status"))?;
        status
            .transition(ReportStatus::Approved)
            .map_err(StoreError::Invalid)?;
        let (plan, node) = (write.before().plan_id, write.before().node_id);
        let columns = activity_reports::ActiveModel {
            status: Set(ReportStatus::Approved.as_str().to_owned()),
            ..Default::default()
        };
        let updated = write.set(columns).await?;
        if let Some(to) = activity_status {
            let current = plan_nodes::Entity::find_by_id(node)
                .one(updated.txn())
                .await?
                .ok_or_else(|| corrupt("node"))?;
            let current: NodeDetails = match &current.details {
                Some(json) => serde_json::from_str(json).map_err(|_| corrupt("node details"))?,
                None => NodeDetails::default(),
            };
            if current.status_or_planned() != to {
                // A step nested in the approval: it commits with the approval, or not at all.
                let step = updated.txn().begin().await?;
                super::plans::move_activity(
                    step,
                    who,
                    plan,
                    node,
                    Expected::Any,
                    to,
                    "activity_status",
                )
                .await?;
            }
        }
        commit_report(who, updated).await
    }

    /// Moves a report through its review; a return carries the reason the author reads.
    pub async fn move_report(
        &self,
        who: &Who,
        id: Uuid,
        expected_version: impl Into<Expected>,
        to: ReportStatus,
        reason: Option<&str>,
    ) -> Result<ReportRecord, StoreError> {
        let write = self
            .versioned::<activity_reports::Entity>(id, expected_version)
            .await?;
        let status =
            ReportStatus::parse("status", &write.before().status).map_err(|_| corrupt("status"))?;
        status.transition(to).map_err(StoreError::Invalid)?;
        let mut columns = activity_reports::ActiveModel {
            status: Set(to.as_str().to_owned()),
            ..Default::default()
        };
        if to == ReportStatus::Returned {
            columns.return_reason = Set(reason.map(str::to_owned));
        }
        commit_report(who, write.set(columns).await?).await
    }
}

/// A report to load in bulk: already approved, with its participating cities.
#[derive(Debug, Clone)]
pub struct BulkReport {
    pub plan: Uuid,
    pub node: Uuid,
    pub input: ReportInput,
}

impl Store {
    /// Loads many approved reports at once (generated data for benchmarks), in one
    /// transaction with one audit entry for the whole load.
    pub async fn bulk_reports(
        &self,
        who: &Who,
        reports: &[BulkReport],
    ) -> Result<usize, StoreError> {
        let txn = self.write().await?;
        let at = now();
        let mut rows = Vec::with_capacity(reports.len());
        let mut links = Vec::new();
        for r in reports {
            let id = Uuid::now_v7();
            let mut row = columns(&r.input)?;
            row.id = Set(id);
            row.plan_id = Set(r.plan);
            row.node_id = Set(r.node);
            row.status = Set(ReportStatus::Approved.as_str().to_owned());
            row.return_reason = Set(None);
            row.author_kind = Set(who.kind.as_str().to_owned());
            row.author_id = Set(who.id);
            row.idempotency_key = Set(None);
            row.version = Set(1);
            row.created_at = Set(at);
            row.updated_at = Set(at);
            rows.push(row);
            let mut cities: Vec<Uuid> = r.input.cities.iter().map(|c| c.0).collect();
            cities.sort_unstable();
            cities.dedup();
            links.extend(cities.into_iter().map(|city| report_cities::ActiveModel {
                report_id: Set(id),
                city_id: Set(city),
            }));
        }
        let mut rows = rows.into_iter().peekable();
        while rows.peek().is_some() {
            let chunk: Vec<_> = rows.by_ref().take(1000).collect();
            activity_reports::Entity::insert_many(chunk)
                .exec_without_returning(&txn)
                .await?;
        }
        let mut links = links.into_iter().peekable();
        while links.peek().is_some() {
            let chunk: Vec<_> = links.by_ref().take(5000).collect();
            report_cities::Entity::insert_many(chunk)
                .exec_without_returning(&txn)
                .await?;
        }
        #[derive(Serialize)]
        struct Loaded {
            approved_reports: usize,
        }
        audit::record(
            &txn,
            who,
            Change::Create,
            RecordType::ActivityReport,
            "bulk",
            None::<&()>,
            Some(&Loaded {
                approved_reports: reports.len(),
            }),
        )
        .await?;
        txn.commit().await?;
        Ok(reports.len())
    }
}

impl Store {
    /// Adds the scope's conditions to a statement over `activity_reports r`.
    fn scope_sql(scope: &ReportScope, sql: &mut String, values: &mut Vec<sea_orm::Value>) {
        if let Some(from) = scope.from {
            values.push(from.into());
            sql.push_str(&format!(" AND r.reported_on >= ${}", values.len()));
        }
        if let Some(until) = scope.until {
            values.push(until.into());
            sql.push_str(&format!(" AND r.reported_on <= ${}", values.len()));
        }
        if let Some(country) = &scope.country {
            values.push(country.clone().into());
            sql.push_str(&format!(
                " AND EXISTS (SELECT 1 FROM report_cities rc JOIN cities c ON c.id = rc.city_id WHERE rc.report_id = r.id AND c.country_code = ${})",
                values.len()
            ));
        }
    }

    pub(crate) fn statement(&self, sql: String, values: Vec<sea_orm::Value>) -> sea_orm::Statement {
        let sql = if self.backend() == sea_orm::DatabaseBackend::Sqlite {
            sql.replace('$', "?")
        } else {
            sql
        };
        sea_orm::Statement::from_sql_and_values(self.backend(), sql, values)
    }

    /// The executions that count for a plan's activities in scope: for each activity, its
    /// latest approved report (only approved reports count, so the others are not read). One
    /// statement, whatever the number of reports.
    pub async fn latest_executions(
        &self,
        PlanId(plan): PlanId,
        scope: &ReportScope,
    ) -> Result<Vec<ReportedExecution>, StoreError> {
        let mut values: Vec<sea_orm::Value> = vec![plan.into()];
        let mut inner = String::from(
            "SELECT r.id, r.node_id, r.status, r.execution, r.reported_on, r.created_at, ROW_NUMBER() OVER (PARTITION BY r.node_id ORDER BY r.reported_on DESC, r.created_at DESC, r.id DESC) AS rn FROM activity_reports r WHERE r.plan_id = $1 AND r.status = 'approved'",
        );
        Self::scope_sql(scope, &mut inner, &mut values);
        let sql = format!(
            "SELECT t.id, t.node_id, t.status, t.execution, t.reported_on, t.created_at FROM ({inner}) t WHERE t.rn = 1"
        );
        let rows = self.db.query_all_raw(self.statement(sql, values)).await?;
        rows.iter()
            .map(|row| {
                let status: String = row.try_get("", "status")?;
                let execution: String = row.try_get("", "execution")?;
                Ok(ReportedExecution {
                    node: NodeId(row.try_get("", "node_id")?),
                    report: ReportId(row.try_get("", "id")?),
                    status: ReportStatus::parse("status", &status)
                        .map_err(|_| corrupt("status"))?,
                    execution: Execution::parse("execution", &execution)
                        .map_err(|_| corrupt("execution"))?,
                    reported_on: row.try_get("", "reported_on")?,
                    created_at: row.try_get("", "created_at")?,
                })
            })
            .collect()
    }

    /// Who took part in a plan's approved reports in scope, in two statements run side by
    /// side whatever the number of reports: the distinct cities named on each activity, and the
    /// other participants unfolded from their lists. `activities`, when given, narrows the
    /// cities to those activities.
    pub async fn participation_facts(
        &self,
        PlanId(plan): PlanId,
        scope: &ReportScope,
        activities: Option<&[NodeId]>,
    ) -> Result<ParticipationFacts, StoreError> {
        let mut values: Vec<sea_orm::Value> = vec![plan.into()];
        let mut counted = String::from("WHERE r.plan_id = $1 AND r.status = 'approved'");
        Self::scope_sql(scope, &mut counted, &mut values);
        if let Some(ids) = activities {
            let mut list = Vec::with_capacity(ids.len());
            for id in ids {
                values.push(id.0.into());
                list.push(format!("${}", values.len()));
            }
            if list.is_empty() {
                counted.push_str(" AND 1 = 0");
            } else {
                counted.push_str(&format!(" AND r.node_id IN ({})", list.join(", ")));
            }
        }
        // A report that names no city still shows its activity was reported on.
        let cities = format!(
            "SELECT DISTINCT r.node_id, rc.city_id, c.country_code \
             FROM activity_reports r LEFT JOIN report_cities rc ON rc.report_id = r.id \
             LEFT JOIN cities c ON c.id = rc.city_id {counted}"
        );
        let mut other_values: Vec<sea_orm::Value> = vec![plan.into()];
        let mut others = String::from(match self.backend() {
            sea_orm::DatabaseBackend::Postgres => {
                "SELECT DISTINCT r.node_id, j.key AS kind, v.value AS name FROM activity_reports r \
                 CROSS JOIN LATERAL jsonb_each(r.participants::jsonb) j \
                 CROSS JOIN LATERAL jsonb_array_elements_text(CASE WHEN jsonb_typeof(j.value) = 'array' \
                 THEN j.value ELSE '[]'::jsonb END) v(value) \
                 WHERE r.plan_id = $1 AND r.status = 'approved'"
            }
            _ => {
                "SELECT DISTINCT r.node_id, j.key AS kind, v.value AS name FROM activity_reports r, \
                 json_each(r.participants) j, json_each(j.value) v \
                 WHERE r.plan_id = $1 AND r.status = 'approved' AND j.type = 'array'"
            }
        });
        Self::scope_sql(scope, &mut others, &mut other_values);
        let (city_rows, other_rows) = tokio::try_join!(
            self.db.query_all_raw(self.statement(cities, values)),
            self.db.query_all_raw(self.statement(others, other_values)),
        )?;
        let cities = city_rows
            .iter()
            .map(|row| {
                let city: Option<Uuid> = row.try_get("", "city_id")?;
                let country: Option<String> = row.try_get("", "country_code")?;
                Ok(CityTookPart {
                    activity: NodeId(row.try_get("", "node_id")?),
                    city: city.map(CityId).zip(country),
                    event: None,
                })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        let others = other_rows
            .iter()
            .map(|row| {
                let kind: String = row.try_get("", "kind")?;
                Ok(OtherTookPart {
                    activity: NodeId(row.try_get("", "node_id")?),
                    kind: ParticipantKind::parse("kind", &kind)
                        .map_err(|_| corrupt("participants"))?,
                    name: row.try_get("", "name")?,
                })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        Ok(ParticipationFacts { cities, others })
    }
}
