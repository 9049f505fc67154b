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
        let plan = work_plans::Entity::find_by_id(id)
            .one(&self.db)
            .await?
            .ok_or(StoreError::NotFound)?;
        let owner = owner_of(&self.db, plan.owner_body_id).await?;
        to_record(plan, &owner)
    }

    /// A plan with its whole tree: four queries whatever the size of the tree.
    pub async fn plan_tree(&self, PlanId(id): PlanId) -> Result<PlanTree, StoreError> {
        let plan = work_plans::Entity::find_by_id(id)
            .one(&self.db)
            .await?
            .ok_or(StoreError::NotFound)?;
        let owner = owner_of(&self.db, plan.owner_body_id).await?;
        let strategic_plan = strategic_plan(&self.db, plan.strategic_plan_id).await?;
        let nodes = plan_nodes::Entity::find()
            .filter(plan_nodes::Column::PlanId.eq(id))
            .all(&self.db)
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

    /// Finds a plan of `owner` with exactly this title and period, to make imports idempotent.
    pub async fn find_plan(
        &self,
        owner: BodyId,
        title: &Text,
        starts_on: NaiveDate,
    ) -> Result<Option<Uuid>, StoreError> {
        let found = work_plans::Entity::find()
            .filter(work_plans::Column::OwnerBodyId.eq(owner.0))
            .filter(work_plans::Column::StartsOn.eq(starts_on))
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

impl Store {
    async fn tree_in<C: ConnectionTrait>(
        &self,
        conn: &C,
        id: Uuid,
    ) -> Result<PlanTree, StoreError> {
        let plan = work_plans::Entity::find_by_id(id)
            .one(conn)
            .await?
            .ok_or(StoreError::NotFound)?;
        let owner = owner_of(conn, plan.owner_body_id).await?;
        let strategic_plan = match plan.strategic_plan_id {
            Some(sp) => {
                let row = strategic_plans::Entity::find_by_id(sp)
                    .one(conn)
                    .await?
                    .ok_or_else(|| corrupt("strategic plan"))?;
                Some(
                    serde_json::from_str(&row.content)
                        .map_err(|_| corrupt("strategic plan content"))?,
                )
            }
            None => None,
        };
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

    /// Moves a plan through its life; approving keeps the approved document as a revision.
    pub async fn move_plan(
        &self,
        who: &Who,
        id: Uuid,
        expected_version: i32,
        step: PlanMove,
    ) -> Result<PlanRecord, StoreError> {
        let write = self
            .versioned::<work_plans::Entity>(id, expected_version)
            .await?;
        let before = write.before();
        let status = PlanStatus::parse("status", &before.status).map_err(|_| corrupt("status"))?;
        let to = match &step {
            PlanMove::Approve { .. } => PlanStatus::Approved,
            PlanMove::Start => PlanStatus::InExecution,
            PlanMove::Close => PlanStatus::Closed,
            PlanMove::Revise => PlanStatus::Draft,
        };
        let mut columns = work_plans::ActiveModel {
            status: Set(to.as_str().to_owned()),
            ..Default::default()
        };
        match &step {
            PlanMove::Approve { meeting, on } => {
                status.transition(to).map_err(StoreError::Invalid)?;
                columns.approved_by_meeting = Set(Some(meeting.clone()));
                columns.approved_on = Set(Some(*on));
            }
            PlanMove::Start | PlanMove::Close => {
                status.transition(to).map_err(StoreError::Invalid)?;
            }
            PlanMove::Revise => {
                if !matches!(status, PlanStatus::Approved | PlanStatus::InExecution) {
                    return Err(StoreError::Invalid(
                        mercociudades_domain::FieldError::new(
                            "status",
                            mercociudades_domain::validation::codes::NOT_ALLOWED,
                        )
                        .with("from", status)
                        .with("to", "draft"),
                    ));
                }
                columns.revision = Set(before.revision + 1);
                columns.approved_by_meeting = Set(None);
                columns.approved_on = Set(None);
            }
        }
        let updated = write.set(columns).await?;
        if let PlanMove::Approve { meeting, on } = &step {
            let document = self.tree_in(updated.txn(), id).await?.document();
            let document = serde_json::to_string(&document)
                .map_err(|e| StoreError::Database(DbErr::Custom(e.to_string())))?;
            crate::entities::plan_revisions::Entity::insert(
                crate::entities::plan_revisions::ActiveModel {
                    id: Set(Uuid::now_v7()),
                    plan_id: Set(id),
                    revision: Set(updated.after().revision),
                    approved_by_meeting: Set(Some(meeting.clone())),
                    approved_on: Set(Some(*on)),
                    document: Set(document),
                    created_at: Set(now()),
                },
            )
            .exec_without_returning(updated.txn())
            .await?;
        }
        let owner = owner_of(updated.txn(), updated.after().owner_body_id).await?;
        to_record(updated.commit(who).await?, &owner)
    }

    /// The approved revisions of a plan, oldest first.
    pub async fn plan_revisions(
        &self,
        PlanId(id): PlanId,
    ) -> Result<Vec<PlanRevision>, StoreError> {
        work_plans::Entity::find_by_id(id)
            .one(&self.db)
            .await?
            .ok_or(StoreError::NotFound)?;
        crate::entities::plan_revisions::Entity::find()
            .filter(crate::entities::plan_revisions::Column::PlanId.eq(id))
            .order_by_asc(crate::entities::plan_revisions::Column::Revision)
            .all(&self.db)
            .await?
            .into_iter()
            .map(|r| {
                Ok(PlanRevision {
                    revision: r.revision,
                    approved_by_meeting: r.approved_by_meeting,
                    approved_on: r.approved_on,
                    created_at: r.created_at,
                    document: serde_json::from_str(&r.document)
                        .map_err(|_| corrupt("revision document"))?,
                })
            })
            .collect()
    }

    /// Checks, inside a write, that a plan exists at a draft status; returns it.
    async fn draft_plan<C: ConnectionTrait>(
        &self,
        conn: &C,
        id: Uuid,
    ) -> Result<work_plans::Model, StoreError> {
        let plan = work_plans::Entity::find_by_id(id)
            .one(conn)
            .await?
            .ok_or(StoreError::NotFound)?;
        structure_editable(&plan)?;
        Ok(plan)
    }

    async fn touch_plan<C: ConnectionTrait>(&self, conn: &C, id: Uuid) -> Result<(), DbErr> {
        work_plans::Entity::update_many()
            .col_expr(
                work_plans::Column::UpdatedAt,
                sea_orm::sea_query::Expr::value(now()),
            )
            .filter(work_plans::Column::Id.eq(id))
            .exec(conn)
            .await
            .map(|_| ())
    }

    /// Adds a node (without children) under `parent`, last among its siblings. The node has
    /// been validated against the parent's kind.
    pub async fn create_node(
        &self,
        who: &Who,
        plan: Uuid,
        parent: Option<Uuid>,
        node: &NodeDoc,
    ) -> Result<PlanNode, StoreError> {
        let txn = self.write().await?;
        self.draft_plan(&txn, plan).await?;
        let siblings = plan_nodes::Entity::find()
            .filter(plan_nodes::Column::PlanId.eq(plan))
            .filter(match parent {
                Some(p) => plan_nodes::Column::ParentId.eq(p),
                None => plan_nodes::Column::ParentId.is_null(),
            })
            .all(&txn)
            .await?;
        let columns = plan_nodes::ActiveModel {
            plan_id: Set(plan),
            parent_id: Set(parent),
            position: Set(siblings.iter().map(|s| s.position + 1).max().unwrap_or(0)),
            ..node_columns(node, &details_of(node)?)?
        };
        let row = versioned::insert::<plan_nodes::Entity>(&txn, who, Uuid::now_v7(), columns)
            .await
            .map_err(|e| e.duplicate_of("code"))?;
        self.touch_plan(&txn, plan).await?;
        txn.commit().await?;
        to_node(row)
    }

    /// A node of a plan and the kind of its parent.
    pub async fn plan_node(
        &self,
        PlanId(plan): PlanId,
        NodeId(id): NodeId,
    ) -> Result<(PlanNode, Option<NodeKind>), StoreError> {
        let row = plan_nodes::Entity::find_by_id(id)
            .one(&self.db)
            .await?
            .filter(|n| n.plan_id == plan)
            .ok_or(StoreError::NotFound)?;
        let parent_kind = match row.parent_id {
            Some(p) => {
                let parent = plan_nodes::Entity::find_by_id(p)
                    .one(&self.db)
                    .await?
                    .ok_or_else(|| corrupt("parent"))?;
                Some(NodeKind::parse("kind", &parent.kind).map_err(|_| corrupt("parent kind"))?)
            }
            None => None,
        };
        Ok((to_node(row)?, parent_kind))
    }

    /// Replaces a node's content (its place in the tree stays).
    pub async fn update_node(
        &self,
        who: &Who,
        plan: Uuid,
        id: Uuid,
        expected_version: i32,
        node: &NodeDoc,
    ) -> Result<PlanNode, StoreError> {
        let write = self.draft_node_at(plan, id, expected_version).await?;
        let before = write.before();
        if before.kind != node.kind {
            let has_children = plan_nodes::Entity::find()
                .filter(plan_nodes::Column::ParentId.eq(id))
                .one(write.txn())
                .await?
                .is_some();
            if has_children {
                return Err(invalid(
                    "kind",
                    mercociudades_domain::validation::codes::NOT_ALLOWED,
                ));
            }
        }
        // The status records execution and moves through its own transitions only.
        let mut details = details_of(node)?;
        let current_status = to_node(before.clone())?.details.status;
        if details.status.is_some() && details.status != current_status {
            return Err(invalid(
                "status",
                mercociudades_domain::validation::codes::NOT_ALLOWED,
            ));
        }
        details.status = current_status;
        let updated = write
            .set(node_columns(node, &details)?)
            .await
            .map_err(|e| e.duplicate_of("code"))?;
        self.touch_plan(updated.txn(), plan).await?;
        to_node(updated.commit(who).await?)
    }

    /// Deletes a node with everything under it.
    pub async fn delete_node(
        &self,
        who: &Who,
        plan: Uuid,
        id: Uuid,
        expected_version: i32,
    ) -> Result<(), StoreError> {
        let write = self.draft_node_at(plan, id, expected_version).await?;
        let txn = write.txn();
        // Children first: the subtree, deepest last, removed from the leaves up.
        let all = plan_nodes::Entity::find()
            .filter(plan_nodes::Column::PlanId.eq(plan))
            .all(txn)
            .await?;
        let mut subtree = vec![id];
        let mut i = 0;
        while i < subtree.len() {
            let current = subtree[i];
            subtree.extend(
                all.iter()
                    .filter(|n| n.parent_id == Some(current))
                    .map(|n| n.id),
            );
            i += 1;
        }
        let reported = crate::entities::activity_reports::Entity::find()
            .filter(crate::entities::activity_reports::Column::NodeId.is_in(subtree.clone()))
            .one(txn)
            .await?
            .is_some()
            || crate::entities::indicators::Entity::find()
                .filter(crate::entities::indicators::Column::NodeId.is_in(subtree.clone()))
                .one(txn)
                .await?
                .is_some();
        if reported {
            return Err(StoreError::InUse {
                reason: "node_has_reports",
            });
        }
        // The node itself last, and only at the version the caller read.
        for node in subtree.iter().rev().filter(|n| **n != id) {
            plan_nodes::Entity::delete_by_id(*node).exec(txn).await?;
        }
        self.touch_plan(txn, plan).await?;
        #[derive(Serialize)]
        struct Removed {
            node: plan_nodes::Model,
            removed_nodes: usize,
        }
        write
            .delete_audited(who, |node| Removed {
                node: node.clone(),
                removed_nodes: subtree.len(),
            })
            .await
    }

    /// Sets an activity's status, through legal transitions only; allowed in every status of
    /// the plan but `closed`, since it records execution, not structure.
    pub async fn set_activity_status(
        &self,
        who: &Who,
        plan: Uuid,
        id: Uuid,
        expected_version: i32,
        to: mercociudades_domain::plan::ActivityStatus,
    ) -> Result<PlanNode, StoreError> {
        let txn = self.write().await?;
        open_plan(&txn, plan).await?;
        let write = VersionedWrite::<plan_nodes::Entity>::open_checked(
            txn,
            id,
            expected_version,
            of_plan(plan),
        )
        .await?;
        let node = to_node(write.before().clone())?;
        if !node.kind.is_activity() {
            return Err(invalid(
                "status",
                mercociudades_domain::validation::codes::NOT_ALLOWED,
            ));
        }
        let current = node.details.status_or_planned();
        current.transition(to).map_err(StoreError::Invalid)?;
        let mut details = node.details.clone();
        details.status = Some(to);
        let columns = plan_nodes::ActiveModel {
            details: Set(details_json(&details)?),
            ..Default::default()
        };
        to_node(write.update(who, columns).await?)
    }

    /// The activities of every plan that name a code they contribute to, with their plan.
    pub async fn contributions(&self) -> Result<Vec<(PlanRecord, PlanNode)>, StoreError> {
        let rows = plan_nodes::Entity::find()
            .filter(plan_nodes::Column::Details.contains("contributes_to"))
            .all(&self.db)
            .await?;
        let plan_ids: Vec<Uuid> = rows.iter().map(|n| n.plan_id).collect();
        let plans = work_plans::Entity::find()
            .filter(work_plans::Column::Id.is_in(plan_ids))
            .all(&self.db)
            .await?;
        let owner_ids: Vec<Uuid> = plans.iter().map(|p| p.owner_body_id).collect();
        let owners = bodies::Entity::find()
            .filter(bodies::Column::Id.is_in(owner_ids))
            .all(&self.db)
            .await?;
        let mut out = Vec::new();
        for row in rows {
            let plan = plans
                .iter()
                .find(|p| p.id == row.plan_id)
                .ok_or_else(|| corrupt("plan"))?;
            let owner = owners
                .iter()
                .find(|b| b.id == plan.owner_body_id)
                .ok_or_else(|| corrupt("owner"))?;
            out.push((to_record(plan.clone(), owner)?, to_node(row)?));
        }
        Ok(out)
    }
}

/// One row of an activity import: the node, and the code of its parent for a new one.
#[derive(Debug, Clone)]
pub struct ActivityRow {
    pub parent_code: Option<String>,
    pub node: NodeDoc,
    /// The version of the activity the row was written from, when known: the row is refused
    /// if the activity changed since.
    pub version: Option<i32>,
}

/// What an activity import did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ActivityImport {
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
}

impl Store {
    /// Creates or updates activities by code, all in one transaction: rows whose code exists
    /// update that node (its status stays), the others are added under their parent. Every
    /// row has been checked; a row that still fails here fails the whole import.
    ///
    /// Not a versioned write per row: the import reads the plan's nodes once, in the one write
    /// transaction that holds them until it commits, and a row's version is compared with
    /// them to answer as a field of that row (`changed_since`), not as a 412 for the whole
    /// request.
    pub async fn import_activities(
        &self,
        who: &Who,
        plan: Uuid,
        rows: &[ActivityRow],
    ) -> Result<ActivityImport, (usize, StoreError)> {
        let fail = |i: usize| move |e: StoreError| (i, e);
        let txn = self.write().await.map_err(|e| (0, e.into()))?;
        self.draft_plan(&txn, plan).await.map_err(fail(0))?;
        let mut nodes = plan_nodes::Entity::find()
            .filter(plan_nodes::Column::PlanId.eq(plan))
            .all(&txn)
            .await
            .map_err(|e| (0, e.into()))?;
        let mut report = ActivityImport::default();
        let at = now();
        for (i, row) in rows.iter().enumerate() {
            let mut details = details_of(&row.node).map_err(fail(i))?;
            let text = row.node.text.clone().unwrap_or_default();
            if let Some(existing) = nodes.iter_mut().find(|n| n.code == row.node.code) {
                if let Some(expected) = row.version
                    && expected != existing.version
                {
                    return Err((
                        i,
                        StoreError::Invalid(
                            mercociudades_domain::FieldError::new(
                                "version",
                                mercociudades_domain::validation::codes::CHANGED_SINCE,
                            )
                            .with("current", existing.version),
                        ),
                    ));
                }
                let current = to_node(existing.clone()).map_err(fail(i))?;
                details.status = current.details.status;
                let after = plan_nodes::Model {
                    kind: row.node.kind.clone(),
                    title_es: row.node.title.es.clone(),
                    title_pt: row.node.title.pt.clone(),
                    title_en: row.node.title.en.clone(),
                    text_es: text.es,
                    text_pt: text.pt,
                    text_en: text.en,
                    details: details_json(&details).map_err(fail(i))?,
                    ..existing.clone()
                };
                if after == *existing {
                    report.unchanged += 1;
                    continue;
                }
                let after = plan_nodes::Model {
                    version: existing.version + 1,
                    updated_at: at,
                    ..after
                };
                plan_nodes::Entity::update(
                    plan_nodes::ActiveModel::from(after.clone()).reset_all(),
                )
                .exec(&txn)
                .await
                .map_err(|e| (i, e.into()))?;
                audit::record(
                    &txn,
                    who,
                    Change::Update,
                    RecordType::PlanNode,
                    &after.id.to_string(),
                    Some(&*existing),
                    Some(&after),
                )
                .await
                .map_err(|e| (i, e.into()))?;
                *existing = after;
                report.updated += 1;
            } else {
                let parent_code = row.parent_code.as_deref().unwrap_or_default();
                let parent = nodes.iter().find(|n| n.code == parent_code).ok_or((
                    i,
                    invalid(
                        "parent_code",
                        mercociudades_domain::validation::codes::NOT_FOUND,
                    ),
                ))?;
                let parent_kind = NodeKind::parse("kind", &parent.kind)
                    .map_err(|_| (i, corrupt("parent kind")))?;
                let kind = NodeKind::parse("kind", &row.node.kind)
                    .map_err(|e| (i, StoreError::Invalid(e)))?;
                if !kind.may_stand_under(Some(parent_kind)) {
                    return Err((
                        i,
                        invalid(
                            "parent_code",
                            mercociudades_domain::validation::codes::NOT_ALLOWED,
                        ),
                    ));
                }
                let parent_id = parent.id;
                let position = nodes
                    .iter()
                    .filter(|n| n.parent_id == Some(parent_id))
                    .map(|n| n.position + 1)
                    .max()
                    .unwrap_or(0);
                let created = plan_nodes::Model {
                    id: Uuid::now_v7(),
                    plan_id: plan,
                    parent_id: Some(parent_id),
                    position,
                    kind: row.node.kind.clone(),
                    code: row.node.code.clone(),
                    title_es: row.node.title.es.clone(),
                    title_pt: row.node.title.pt.clone(),
                    title_en: row.node.title.en.clone(),
                    text_es: text.es,
                    text_pt: text.pt,
                    text_en: text.en,
                    details: details_json(&details).map_err(fail(i))?,
                    version: 1,
                    created_at: at,
                    updated_at: at,
                };
                plan_nodes::Entity::insert(plan_nodes::ActiveModel::from(created.clone()))
                    .exec_without_returning(&txn)
                    .await
                    .map_err(|e| (i, StoreError::unique(e, "code")))?;
                audit::record(
                    &txn,
                    who,
                    Change::Create,
                    RecordType::PlanNode,
                    &created.id.to_string(),
                    None::<&()>,
                    Some(&created),
                )
                .await
                .map_err(|e| (i, e.into()))?;
                nodes.push(created);
                report.created += 1;
            }
        }
        if report.created + report.updated > 0 {
            self.touch_plan(&txn, plan)
                .await
                .map_err(|e| (0, e.into()))?;
        }
        txn.commit().await.map_err(|e| (0, e.into()))?;
        Ok(report)
    }
}

/// What a plan says of itself: title, presentation, period.
#[derive(Debug, Clone)]
pub struct PlanMeta {
    pub title: Text,
    pub presentation: Option<Text>,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
}

impl Store {
    /// Replaces a draft plan's title, presentation and period.
    pub async fn update_plan(
        &self,
        who: &Who,
        id: Uuid,
        expected_version: i32,
        meta: &PlanMeta,
    ) -> Result<PlanRecord, StoreError> {
        let write = self.draft_plan_at(id, expected_version).await?;
        let presentation = meta.presentation.clone().unwrap_or_default();
        let columns = work_plans::ActiveModel {
            title_es: Set(meta.title.es.clone()),
            title_pt: Set(meta.title.pt.clone()),
            title_en: Set(meta.title.en.clone()),
            presentation_es: Set(presentation.es),
            presentation_pt: Set(presentation.pt),
            presentation_en: Set(presentation.en),
            starts_on: Set(meta.starts_on),
            ends_on: Set(meta.ends_on),
            ..Default::default()
        };
        let updated = write.set(columns).await?;
        let owner = owner_of(updated.txn(), updated.after().owner_body_id).await?;
        to_record(updated.commit(who).await?, &owner)
    }

    /// Deletes a draft plan that was never approved, with its tree.
    pub async fn delete_plan(
        &self,
        who: &Who,
        id: Uuid,
        expected_version: i32,
    ) -> Result<(), StoreError> {
        let write = self.draft_plan_at(id, expected_version).await?;
        let txn = write.txn();
        let approved_before = crate::entities::plan_revisions::Entity::find()
            .filter(crate::entities::plan_revisions::Column::PlanId.eq(id))
            .one(txn)
            .await?
            .is_some();
        let reported = crate::entities::activity_reports::Entity::find()
            .filter(crate::entities::activity_reports::Column::PlanId.eq(id))
            .one(txn)
            .await?
            .is_some()
            || crate::entities::indicators::Entity::find()
                .filter(crate::entities::indicators::Column::PlanId.eq(id))
                .one(txn)
                .await?
                .is_some();
        if approved_before || reported {
            return Err(StoreError::InUse {
                reason: "plan_has_revisions",
            });
        }
        // Leaves first, so that no node is left without its parent at any point.
        let nodes = plan_nodes::Entity::find()
            .filter(plan_nodes::Column::PlanId.eq(id))
            .all(txn)
            .await?;
        let count = nodes.len();
        let mut order: Vec<(usize, Uuid)> =
            nodes.iter().map(|n| (depth(&nodes, n), n.id)).collect();
        order.sort_by_key(|(d, _)| std::cmp::Reverse(*d));
        let order: Vec<Uuid> = order.into_iter().map(|(_, id)| id).collect();
        for chunk in order.chunks(INSERT_CHUNK) {
            plan_nodes::Entity::delete_many()
                .filter(plan_nodes::Column::Id.is_in(chunk.to_vec()))
                .exec(txn)
                .await?;
        }
        #[derive(Serialize)]
        struct Deleted {
            plan: work_plans::Model,
            nodes: usize,
        }
        write
            .delete_audited(who, |plan| Deleted {
                plan: plan.clone(),
                nodes: count,
            })
            .await
    }

    /// Opens a versioned write of a plan whose structure may still change: a frozen plan is
    /// refused at any version.
    async fn draft_plan_at(
        &self,
        id: Uuid,
        expected_version: i32,
    ) -> Result<VersionedWrite<work_plans::Entity>, StoreError> {
        let txn = self.write().await?;
        VersionedWrite::open_checked(txn, id, expected_version, structure_editable).await
    }

    /// Opens a versioned write of a node of a plan whose structure may still change; a node
    /// of another plan is not found.
    async fn draft_node_at(
        &self,
        plan: Uuid,
        id: Uuid,
        expected_version: i32,
    ) -> Result<VersionedWrite<plan_nodes::Entity>, StoreError> {
        let txn = self.write().await?;
        self.draft_plan(&txn, plan).await?;
        VersionedWrite::open_checked(txn, id, expected_version, of_plan(plan)).await
    }
}

fn depth(all: &[plan_nodes::Model], node: &plan_nodes::Model) -> usize {
    let mut depth = 0;
    let mut current = node.parent_id;
    while let Some(parent) = current {
        depth += 1;
        current = all
            .iter()
            .find(|n| n.id == parent)
            .and_then(|n| n.parent_id);
        if depth > 64 {
            break;
        }
    }
    depth
}

impl Versioned for strategic_plans::Entity {
    const RECORD: RecordType = RecordType::StrategicPlan;
    const VERSION: strategic_plans::Column = strategic_plans::Column::Version;
    const CREATED_AT: strategic_plans::Column = strategic_plans::Column::CreatedAt;
    const UPDATED_AT: Option<strategic_plans::Column> = Some(strategic_plans::Column::UpdatedAt);
}

impl Versioned for work_plans::Entity {
    const RECORD: RecordType = RecordType::WorkPlan;
    const VERSION: work_plans::Column = work_plans::Column::Version;
    const CREATED_AT: work_plans::Column = work_plans::Column::CreatedAt;
    const UPDATED_AT: Option<work_plans::Column> = Some(work_plans::Column::UpdatedAt);
}

impl Versioned for plan_nodes::Entity {
    const RECORD: RecordType = RecordType::PlanNode;
    const VERSION: plan_nodes::Column = plan_nodes::Column::Version;
    const CREATED_AT: plan_nodes::Column = plan_nodes::Column::CreatedAt;
    const UPDATED_AT: Option<plan_nodes::Column> = Some(plan_nodes::Column::UpdatedAt);
}

/// Refuses a change to a plan's structure once it is approved, in execution or closed.
fn structure_editable(plan: &work_plans::Model) -> Result<(), StoreError> {
    let status = PlanStatus::parse("status", &plan.status).map_err(|_| corrupt("status"))?;
    if status.structure_editable() {
        Ok(())
    } else {
        Err(StoreError::Frozen {
            status: status.as_str(),
        })
    }
}

/// A node of another plan is not found in this one.
fn of_plan(plan: Uuid) -> impl FnOnce(&plan_nodes::Model) -> Result<(), StoreError> {
    move |node| {
        if node.plan_id == plan {
            Ok(())
        } else {
            Err(StoreError::NotFound)
        }
    }
}

/// A plan that still records execution: found, and not closed.
pub(super) async fn open_plan<C: ConnectionTrait>(
    conn: &C,
    id: Uuid,
) -> Result<work_plans::Model, StoreError> {
    let plan = work_plans::Entity::find_by_id(id)
        .one(conn)
        .await?
        .ok_or(StoreError::NotFound)?;
    if plan.status == PlanStatus::Closed.as_str() {
        return Err(StoreError::Frozen { status: "closed" });
    }
    Ok(plan)
}

/// The columns of a node's content: kind, code, title, text and details.
fn node_columns(
    node: &NodeDoc,
    details: &NodeDetails,
) -> Result<plan_nodes::ActiveModel, StoreError> {
    let text = node.text.clone().unwrap_or_default();
    Ok(plan_nodes::ActiveModel {
        kind: Set(node.kind.clone()),
        code: Set(node.code.clone()),
        title_es: Set(node.title.es.clone()),
        title_pt: Set(node.title.pt.clone()),
        title_en: Set(node.title.en.clone()),
        text_es: Set(text.es),
        text_pt: Set(text.pt),
        text_en: Set(text.en),
        details: Set(details_json(details)?),
        ..Default::default()
    })
}
