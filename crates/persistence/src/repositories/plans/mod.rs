//! Work plans and their trees, stored node by node and read back whole in a bounded number of
//! queries.

use super::versioned::{self, Versioned, VersionedWrite};
use super::{Store, now, paged};
use crate::StoreError;
use crate::audit::{self, Change, RecordType, Who};
use crate::entities::{bodies, plan_nodes, strategic_plans, work_plans};
use chrono::{DateTime, NaiveDate, Utc};
use mercociudades_domain::ids::{BodyId, NodeId, PlanId};
use mercociudades_domain::listing::{PageRequest, Paged};
use mercociudades_domain::plan::{
    NodeDetails, NodeDoc, NodeKind, OutlineNode, PlanDocument, PlanNode, PlanOutline, PlanRecord,
    PlanRevision, PlanStatus, PlanTree, StrategicPlanDoc, Text, tree_order,
};
use mercociudades_domain::registry::BodyKind;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    QueryFilter, QueryOrder,
};
use serde::Serialize;
use uuid::Uuid;

/// Rows inserted per statement: well under the parameter limits of SQLite and PostgreSQL.
const INSERT_CHUNK: usize = 500;

/// The columns of a node that its outline reads.
#[derive(Debug, sea_orm::FromQueryResult)]
struct OutlineRow {
    id: Uuid,
    parent_id: Option<Uuid>,
    position: i32,
    kind: String,
    code: String,
    title_es: Option<String>,
    title_pt: Option<String>,
    title_en: Option<String>,
    details: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct PlanFilter {
    pub owner: Option<BodyId>,
    pub status: Option<PlanStatus>,
}

fn corrupt(what: &str) -> StoreError {
    StoreError::Database(DbErr::Custom(format!("stored plan: {what}")))
}

fn text(es: Option<String>, pt: Option<String>, en: Option<String>) -> Text {
    Text { es, pt, en }
}

fn optional_text(es: Option<String>, pt: Option<String>, en: Option<String>) -> Option<Text> {
    let t = text(es, pt, en);
    (!t.is_empty()).then_some(t)
}

fn to_record(m: work_plans::Model, owner: &bodies::Model) -> Result<PlanRecord, StoreError> {
    Ok(PlanRecord {
        id: PlanId(m.id),
        owner: BodyId(m.owner_body_id),
        owner_kind: BodyKind::parse("kind", &owner.kind).map_err(|_| corrupt("owner kind"))?,
        owner_acronym: owner.acronym.clone(),
        owner_name: text(
            owner.name_es.clone(),
            owner.name_pt.clone(),
            owner.name_en.clone(),
        ),
        title: text(m.title_es, m.title_pt, m.title_en),
        presentation: optional_text(m.presentation_es, m.presentation_pt, m.presentation_en),
        starts_on: m.starts_on,
        ends_on: m.ends_on,
        status: PlanStatus::parse("status", &m.status).map_err(|_| corrupt("status"))?,
        revision: m.revision,
        approved_by_meeting: m.approved_by_meeting,
        approved_on: m.approved_on,
        version: m.version,
        created_at: m.created_at,
        updated_at: m.updated_at,
    })
}

fn stored_details(json: Option<&str>) -> Result<NodeDetails, StoreError> {
    match json {
        Some(json) => serde_json::from_str(json).map_err(|_| corrupt("node details")),
        None => Ok(NodeDetails::default()),
    }
}

fn to_node(m: plan_nodes::Model) -> Result<PlanNode, StoreError> {
    Ok(PlanNode {
        id: NodeId(m.id),
        parent: m.parent_id.map(NodeId),
        position: m.position,
        kind: NodeKind::parse("kind", &m.kind).map_err(|_| corrupt("node kind"))?,
        details: stored_details(m.details.as_deref())?,
        code: m.code,
        title: text(m.title_es, m.title_pt, m.title_en),
        text: optional_text(m.text_es, m.text_pt, m.text_en),
        version: m.version,
    })
}

fn to_outline_node(m: OutlineRow) -> Result<OutlineNode, StoreError> {
    Ok(OutlineNode {
        id: NodeId(m.id),
        parent: m.parent_id.map(NodeId),
        position: m.position,
        kind: NodeKind::parse("kind", &m.kind).map_err(|_| corrupt("node kind"))?,
        details: stored_details(m.details.as_deref())?,
        code: m.code,
        title: text(m.title_es, m.title_pt, m.title_en),
    })
}

/// Flattens document nodes into rows, parents before children.
fn node_rows(
    plan: Uuid,
    nodes: &[NodeDoc],
    parent: Option<Uuid>,
    at: DateTime<Utc>,
    rows: &mut Vec<plan_nodes::ActiveModel>,
) -> Result<(), StoreError> {
    for (position, node) in nodes.iter().enumerate() {
        let id = Uuid::now_v7();
        rows.push(plan_nodes::ActiveModel {
            id: Set(id),
            plan_id: Set(plan),
            parent_id: Set(parent),
            position: Set(i32::try_from(position).unwrap_or(i32::MAX)),
            version: Set(1),
            created_at: Set(at),
            updated_at: Set(at),
            ..node_columns(node, &details_of(node)?)?
        });
        node_rows(plan, &node.children, Some(id), at, rows)?;
    }
    Ok(())
}

async fn strategic_plan<C: ConnectionTrait>(
    conn: &C,
    id: Option<Uuid>,
) -> Result<Option<StrategicPlanDoc>, StoreError> {
    let Some(id) = id else {
        return Ok(None);
    };
    let row = strategic_plans::Entity::find_by_id(id)
        .one(conn)
        .await?
        .ok_or_else(|| corrupt("strategic plan"))?;
    Ok(Some(
        serde_json::from_str(&row.content).map_err(|_| corrupt("strategic plan content"))?,
    ))
}

/// A plan's row and its owner's.
async fn plan_and_owner<C: ConnectionTrait>(
    conn: &C,
    id: Uuid,
) -> Result<(work_plans::Model, bodies::Model), StoreError> {
    let plan = work_plans::Entity::find_by_id(id)
        .one(conn)
        .await?
        .ok_or(StoreError::NotFound)?;
    let owner = owner_of(conn, plan.owner_body_id).await?;
    Ok((plan, owner))
}

/// A plan with its whole tree, read on `conn` (in a transaction, as it is there).
async fn tree_in<C: ConnectionTrait>(conn: &C, id: Uuid) -> Result<PlanTree, StoreError> {
    let (plan, owner) = plan_and_owner(conn, id).await?;
    let strategic_plan = strategic_plan(conn, plan.strategic_plan_id).await?;
    let nodes = plan_nodes::Entity::find()
        .filter(plan_nodes::Column::PlanId.eq(id))
        .all(conn)
        .await?
        .into_iter()
        .map(to_node)
        .collect::<Result<Vec<_>, _>>()?;
    Ok(PlanTree {
        plan: to_record(plan, &owner)?,
        strategic_plan,
        nodes: tree_order(nodes, |n| (n.id, n.parent, n.position)),
    })
}

async fn owner_of<C: ConnectionTrait>(conn: &C, id: Uuid) -> Result<bodies::Model, StoreError> {
    bodies::Entity::find_by_id(id)
        .one(conn)
        .await?
        .ok_or_else(|| corrupt("owner"))
}

impl Store {
    /// Stores a validated plan document as a new draft plan of `owner`, in one transaction.
    pub async fn import_plan(
        &self,
        who: &Who,
        document: &PlanDocument,
        owner: BodyId,
    ) -> Result<PlanRecord, StoreError> {
        let txn = self.write().await?;
        let owner_row = bodies::Entity::find_by_id(owner.0)
            .one(&txn)
            .await?
            .ok_or_else(|| {
                StoreError::Invalid(mercociudades_domain::FieldError::new(
                    "work_plan.owner",
                    mercociudades_domain::validation::codes::NOT_FOUND,
                ))
            })?;
        let strategic_plan_id = match &document.strategic_plan {
            Some(sp) => {
                let content = serde_json::to_string(sp)
                    .map_err(|e| StoreError::Database(DbErr::Custom(e.to_string())))?;
                let existing = strategic_plans::Entity::find()
                    .filter(strategic_plans::Column::Content.eq(content.as_str()))
                    .one(&txn)
                    .await?;
                match existing {
                    Some(found) => Some(found.id),
                    None => {
                        let columns = strategic_plans::ActiveModel {
                            content: Set(content),
                            ..Default::default()
                        };
                        let id = Uuid::now_v7();
                        versioned::insert::<strategic_plans::Entity>(&txn, who, id, columns)
                            .await?;
                        Some(id)
                    }
                }
            }
            None => None,
        };
        let wp = &document.work_plan;
        let presentation = wp.presentation.clone().unwrap_or_default();
        let columns = work_plans::ActiveModel {
            owner_body_id: Set(owner.0),
            strategic_plan_id: Set(strategic_plan_id),
            title_es: Set(wp.title.es.clone()),
            title_pt: Set(wp.title.pt.clone()),
            title_en: Set(wp.title.en.clone()),
            presentation_es: Set(presentation.es),
            presentation_pt: Set(presentation.pt),
            presentation_en: Set(presentation.en),
            starts_on: Set(wp.starts_on),
            ends_on: Set(wp.ends_on),
            status: Set(PlanStatus::Draft.as_str().to_owned()),
            revision: Set(1),
            approved_by_meeting: Set(None),
            approved_on: Set(None),
            ..Default::default()
        };
        let id = Uuid::now_v7();
        let at = now();
        let mut rows = Vec::new();
        node_rows(id, &wp.nodes, None, at, &mut rows)?;
        let count = rows.len();
        #[derive(Serialize)]
        struct Imported {
            plan: work_plans::Model,
            nodes: usize,
        }
        let plan =
            versioned::insert_audited::<work_plans::Entity, _>(&txn, who, id, columns, |plan| {
                Imported {
                    plan: plan.clone(),
                    nodes: count,
                }
            })
            .await?;
        let mut rows = rows.into_iter().peekable();
        while rows.peek().is_some() {
            let chunk: Vec<_> = rows.by_ref().take(INSERT_CHUNK).collect();
            plan_nodes::Entity::insert_many(chunk)
                .exec_without_returning(&txn)
                .await?;
        }
        txn.commit().await?;
        to_record(plan, &owner_row)
    }

    pub async fn get_plan(&self, PlanId(id): PlanId) -> Result<PlanRecord, StoreError> {
        let (plan, owner) = plan_and_owner(&self.db, id).await?;
        to_record(plan, &owner)
    }

    /// A plan with its whole tree: four queries whatever the size of the tree.
    pub async fn plan_tree(&self, PlanId(id): PlanId) -> Result<PlanTree, StoreError> {
        tree_in(&self.db, id).await
    }

    /// A plan and the outline of its tree, in two queries: what the reports need.
    pub async fn plan_outline(&self, PlanId(id): PlanId) -> Result<PlanOutline, StoreError> {
        use sea_orm::QuerySelect;
        // The plan with its owner, and the nodes, read side by side.
        let plan_and_owner = async {
            let plan = work_plans::Entity::find_by_id(id)
                .one(&self.db)
                .await?
                .ok_or(StoreError::NotFound)?;
            let owner = owner_of(&self.db, plan.owner_body_id).await?;
            Ok::<_, StoreError>((plan, owner))
        };
        let nodes = plan_nodes::Entity::find()
            .select_only()
            .columns([
                plan_nodes::Column::Id,
                plan_nodes::Column::ParentId,
                plan_nodes::Column::Position,
                plan_nodes::Column::Kind,
                plan_nodes::Column::Code,
                plan_nodes::Column::TitleEs,
                plan_nodes::Column::TitlePt,
                plan_nodes::Column::TitleEn,
                plan_nodes::Column::Details,
            ])
            .filter(plan_nodes::Column::PlanId.eq(id))
            .into_model::<OutlineRow>()
            .all(&self.db);
        let ((plan, owner), nodes) = tokio::try_join!(plan_and_owner, async { Ok(nodes.await?) })?;
        let nodes = nodes
            .into_iter()
            .map(to_outline_node)
            .collect::<Result<Vec<_>, _>>()?;
        Ok(PlanOutline {
            plan: to_record(plan, &owner)?,
            nodes: tree_order(nodes, |n| (n.id, n.parent, n.position)),
        })
    }

    /// The strategic plan a plan serves, if any.
    pub async fn strategic_plan_of(
        &self,
        PlanId(plan): PlanId,
    ) -> Result<Option<StrategicPlanDoc>, StoreError> {
        let plan = work_plans::Entity::find_by_id(plan)
            .one(&self.db)
            .await?
            .ok_or(StoreError::NotFound)?;
        strategic_plan(&self.db, plan.strategic_plan_id).await
    }

    pub async fn list_plans(
        &self,
        filter: &PlanFilter,
        page: PageRequest,
    ) -> Result<Paged<PlanRecord>, StoreError> {
        let mut select = work_plans::Entity::find();
        if let Some(owner) = filter.owner {
            select = select.filter(work_plans::Column::OwnerBodyId.eq(owner.0));
        }
        if let Some(status) = filter.status {
            select = select.filter(work_plans::Column::Status.eq(status.as_str()));
        }
        let select = select
            .order_by_desc(work_plans::Column::StartsOn)
            .order_by_asc(work_plans::Column::Id);
        let rows = paged(&self.db, select, page).await?;
        let owner_ids: Vec<Uuid> = rows.items.iter().map(|p| p.owner_body_id).collect();
        let owners = bodies::Entity::find()
            .filter(bodies::Column::Id.is_in(owner_ids))
            .all(&self.db)
            .await?;
        let items = rows
            .items
            .into_iter()
            .map(|p| {
                let owner = owners
                    .iter()
                    .find(|b| b.id == p.owner_body_id)
                    .ok_or_else(|| corrupt("owner"))?;
                to_record(p, owner)
            })
            .collect::<Result<_, _>>()?;
        Ok(Paged {
            items,
            page: rows.page,
            per_page: rows.per_page,
            total: rows.total,
        })
    }

    /// Finds a plan of `owner` with exactly this title and period, to make imports idempotent:
    /// the first one made, when the same document was imported again since.
    pub async fn find_plan(
        &self,
        owner: BodyId,
        title: &Text,
        starts_on: NaiveDate,
    ) -> Result<Option<Uuid>, StoreError> {
        let found = work_plans::Entity::find()
            .filter(work_plans::Column::OwnerBodyId.eq(owner.0))
            .filter(work_plans::Column::StartsOn.eq(starts_on))
            .order_by_asc(work_plans::Column::CreatedAt)
            .order_by_asc(work_plans::Column::Id)
            .all(&self.db)
            .await?;
        Ok(found
            .into_iter()
            .find(|p| p.title_es == title.es && p.title_pt == title.pt && p.title_en == title.en)
            .map(|p| p.id))
    }
}

/// How a plan moves on.
#[derive(Debug, Clone)]
pub enum PlanMove {
    /// Approved at a meeting of the Summit or the Board, on a day.
    Approve {
        meeting: String,
        on: NaiveDate,
    },
    Start,
    Close,
    /// Opens a new revision: the plan becomes a draft again, its approved revisions kept.
    Revise,
}

fn invalid(field: &str, code: &'static str) -> StoreError {
    StoreError::Invalid(mercociudades_domain::FieldError::new(field, code))
}

fn details_json(details: &NodeDetails) -> Result<Option<String>, StoreError> {
    if details.is_empty() {
        Ok(None)
    } else {
        serde_json::to_string(details)
            .map(Some)
            .map_err(|e| StoreError::Database(DbErr::Custom(e.to_string())))
    }
}

/// The activity fields of a validated document node.
fn details_of(node: &NodeDoc) -> Result<NodeDetails, StoreError> {
    NodeDetails::of(node).map_err(StoreError::Invalid)
}

mod activities;
mod edits;

pub use activities::{ActivityImport, ActivityRow};
pub use edits::PlanMeta;
use edits::node_columns;
pub(crate) use edits::{move_activity, open_plan};
