//! Changes to a plan: its life, its tree while a draft, its title and period, its deletion.

use super::*;
use crate::repositories::versioned::Expected;

impl Store {
    /// Moves a plan through its life; approving keeps the approved document as a revision.
    pub async fn move_plan(
        &self,
        who: &Who,
        id: Uuid,
        expected_version: impl Into<Expected>,
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
            let document = tree_in(updated.txn(), id).await?.document();
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
    pub(super) async fn draft_plan<C: ConnectionTrait>(
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

    pub(super) async fn touch_plan<C: ConnectionTrait>(
        &self,
        conn: &C,
        id: Uuid,
    ) -> Result<(), DbErr> {
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
        expected_version: impl Into<Expected>,
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
        expected_version: impl Into<Expected>,
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
        // An event's link to an activity is never dropped unseen.
        if crate::entities::event_activities::Entity::find()
            .filter(crate::entities::event_activities::Column::NodeId.is_in(subtree.clone()))
            .one(txn)
            .await?
            .is_some()
        {
            return Err(StoreError::InUse {
                reason: "node_has_events",
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
        expected_version: impl Into<Expected>,
        to: mercociudades_domain::plan::ActivityStatus,
    ) -> Result<PlanNode, StoreError> {
        let txn = self.write().await?;
        move_activity(txn, who, plan, id, expected_version, to, "status").await
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
        expected_version: impl Into<Expected>,
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
        expected_version: impl Into<Expected>,
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
        let carried_out = crate::entities::event_activities::Entity::find()
            .filter(
                crate::entities::event_activities::Column::NodeId.in_subquery(
                    sea_orm::sea_query::Query::select()
                        .column(plan_nodes::Column::Id)
                        .from(plan_nodes::Entity)
                        .and_where(plan_nodes::Column::PlanId.eq(id))
                        .to_owned(),
                ),
            )
            .one(txn)
            .await?
            .is_some();
        if carried_out {
            return Err(StoreError::InUse {
                reason: "plan_has_events",
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
        expected_version: impl Into<Expected>,
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
        expected_version: impl Into<Expected>,
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

/// Moves an activity's status in `txn` (a change of its own, or a step nested in a larger one,
/// which then commits with it), through legal transitions only, while the plan is not closed;
/// audited as a change of the activity. A refusal names `field`.
pub(crate) async fn move_activity(
    txn: sea_orm::DatabaseTransaction,
    who: &Who,
    plan: Uuid,
    id: Uuid,
    expected_version: impl Into<Expected>,
    to: mercociudades_domain::plan::ActivityStatus,
    field: &str,
) -> Result<PlanNode, StoreError> {
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
            field,
            mercociudades_domain::validation::codes::NOT_ALLOWED,
        ));
    }
    let current = node.details.status_or_planned();
    current.transition(to).map_err(|mut refused| {
        refused.field = field.to_owned();
        StoreError::Invalid(refused)
    })?;
    let mut details = node.details.clone();
    details.status = Some(to);
    let columns = plan_nodes::ActiveModel {
        details: Set(details_json(&details)?),
        ..Default::default()
    };
    to_node(write.update(who, columns).await?)
}

/// A plan that still records execution: found, and not closed.
pub(crate) async fn open_plan<C: ConnectionTrait>(
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
pub(super) fn node_columns(
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
