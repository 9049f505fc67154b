//! A plan's activities as rows: the CSV import, all or nothing.

use super::*;

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
