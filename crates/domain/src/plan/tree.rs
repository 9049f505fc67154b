//! A plan as kept: the plan, its nodes in tree order, its outline (what the reports aggregate
//! over) and its approved revisions.

use super::{
    ActivityStatus, FORMAT, FORMAT_VERSION, Money, NodeDoc, NodeKind, OwnerRef, PlanDocument,
    PlanStatus, StrategicPlanDoc, Text, WorkPlanDoc,
};
use crate::ids::{BodyId, NodeId, PlanId};
use crate::registry::BodyKind;
use crate::validation::FieldError;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// A work plan without its tree.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanRecord {
    pub id: PlanId,
    pub owner: BodyId,
    pub owner_kind: BodyKind,
    pub owner_acronym: Option<String>,
    pub owner_name: Text,
    pub title: Text,
    pub presentation: Option<Text>,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub status: PlanStatus,
    pub revision: i32,
    pub approved_by_meeting: Option<String>,
    pub approved_on: Option<NaiveDate>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl PlanRecord {
    /// Whether the plan was never approved: a first draft, which only its editors see.
    pub fn never_approved(&self) -> bool {
        self.status == PlanStatus::Draft && self.revision == 1
    }
}

/// A node of a plan's tree, with what only activities carry in `details`.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanNode {
    pub id: NodeId,
    pub parent: Option<NodeId>,
    pub position: i32,
    pub kind: NodeKind,
    pub code: String,
    pub title: Text,
    pub text: Option<Text>,
    pub details: NodeDetails,
    pub version: i32,
}

/// The fields of an activity.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NodeDetails {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<ActivityStatus>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub starts_on: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ends_on: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub responsible_bodies: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub responsible_cities: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub partners: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub serves: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contributes_to: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected_results: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget: Option<Money>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub funding_source: Option<String>,
}

impl NodeDetails {
    pub fn is_empty(&self) -> bool {
        *self == NodeDetails::default()
    }

    /// The activity fields of a document node; its status must be one of [`ActivityStatus`].
    pub fn of(node: &NodeDoc) -> Result<NodeDetails, FieldError> {
        Ok(NodeDetails {
            status: node
                .status
                .as_deref()
                .map(|s| ActivityStatus::parse("status", s))
                .transpose()?,
            starts_on: node.starts_on,
            ends_on: node.ends_on,
            responsible_bodies: node.responsible_bodies.clone(),
            responsible_cities: node.responsible_cities.clone(),
            partners: node.partners.clone(),
            serves: node.serves.clone(),
            contributes_to: node.contributes_to.clone(),
            expected_results: node.expected_results.clone(),
            budget: node.budget.clone(),
            funding_source: node.funding_source.clone(),
        })
    }

    /// Where the activity stands: `planned` until a status is recorded.
    pub fn status_or_planned(&self) -> ActivityStatus {
        self.status.unwrap_or(ActivityStatus::Planned)
    }

    /// Whether the activity serves the perspective or goal `code`, or a goal under it
    /// (`T1.2` serves `T1`).
    pub fn serves_under(&self, code: &str) -> bool {
        self.serves
            .iter()
            .any(|s| s == code || s.strip_prefix(code).is_some_and(|r| r.starts_with('.')))
    }
}

/// A plan with its strategic plan and its whole tree, nodes in tree order.
#[derive(Debug, Clone)]
pub struct PlanTree {
    pub plan: PlanRecord,
    pub strategic_plan: Option<StrategicPlanDoc>,
    pub nodes: Vec<PlanNode>,
}

/// A node of a plan's outline: what reports need, without the node's long text.
#[derive(Debug, Clone, PartialEq)]
pub struct OutlineNode {
    pub id: NodeId,
    pub parent: Option<NodeId>,
    pub position: i32,
    pub kind: NodeKind,
    pub code: String,
    pub title: Text,
    pub details: NodeDetails,
}

/// A plan and the outline of its tree, nodes in tree order: what the reports aggregate over.
#[derive(Debug, Clone)]
pub struct PlanOutline {
    pub plan: PlanRecord,
    pub nodes: Vec<OutlineNode>,
}

impl From<PlanTree> for PlanOutline {
    fn from(tree: PlanTree) -> Self {
        PlanOutline {
            plan: tree.plan,
            nodes: tree
                .nodes
                .into_iter()
                .map(|n| OutlineNode {
                    id: n.id,
                    parent: n.parent,
                    position: n.position,
                    kind: n.kind,
                    code: n.code,
                    title: n.title,
                    details: n.details,
                })
                .collect(),
        }
    }
}

impl PlanOutline {
    /// Every node's parent, to walk up the tree.
    pub fn parents(&self) -> HashMap<NodeId, Option<NodeId>> {
        self.nodes.iter().map(|n| (n.id, n.parent)).collect()
    }

    /// The activities and sub-activities.
    pub fn activities(&self) -> impl Iterator<Item = &OutlineNode> {
        self.nodes.iter().filter(|n| n.kind.is_activity())
    }
}

/// A kept revision of a plan.
#[derive(Debug, Clone)]
pub struct PlanRevision {
    pub revision: i32,
    pub approved_by_meeting: Option<String>,
    pub approved_on: Option<NaiveDate>,
    pub created_at: DateTime<Utc>,
    pub document: PlanDocument,
}

/// Puts nodes in tree order: each node followed by its children, by position. `place` says
/// where a node sits: its id, its parent and its position among its siblings.
pub fn tree_order<N, Id>(nodes: Vec<N>, place: impl Fn(&N) -> (Id, Option<Id>, i32)) -> Vec<N>
where
    Id: Copy + Eq + std::hash::Hash,
{
    let mut children: HashMap<Option<Id>, Vec<N>> = HashMap::new();
    for node in nodes {
        children.entry(place(&node).1).or_default().push(node);
    }
    for list in children.values_mut() {
        list.sort_by_key(|n| place(n).2);
    }
    let mut ordered = Vec::new();
    let mut stack: Vec<N> = children
        .remove(&None)
        .unwrap_or_default()
        .into_iter()
        .rev()
        .collect();
    while let Some(node) = stack.pop() {
        if let Some(kids) = children.remove(&Some(place(&node).0)) {
            stack.extend(kids.into_iter().rev());
        }
        ordered.push(node);
    }
    ordered
}

fn to_doc(node: &PlanNode, children: Vec<NodeDoc>) -> NodeDoc {
    let d = node.details.clone();
    NodeDoc {
        kind: node.kind.as_str().to_owned(),
        code: node.code.clone(),
        title: node.title.clone(),
        text: node.text.clone(),
        status: d.status.map(|s| s.as_str().to_owned()),
        starts_on: d.starts_on,
        ends_on: d.ends_on,
        responsible_bodies: d.responsible_bodies,
        responsible_cities: d.responsible_cities,
        partners: d.partners,
        serves: d.serves,
        contributes_to: d.contributes_to,
        expected_results: d.expected_results,
        budget: d.budget,
        funding_source: d.funding_source,
        children,
    }
}

impl PlanTree {
    /// The plan as a plan document.
    pub fn document(&self) -> PlanDocument {
        let mut children: HashMap<Option<NodeId>, Vec<&PlanNode>> = HashMap::new();
        for node in &self.nodes {
            children.entry(node.parent).or_default().push(node);
        }
        fn build(
            parent: Option<NodeId>,
            children: &HashMap<Option<NodeId>, Vec<&PlanNode>>,
        ) -> Vec<NodeDoc> {
            let mut list = children.get(&parent).cloned().unwrap_or_default();
            list.sort_by_key(|n| n.position);
            list.into_iter()
                .map(|n| to_doc(n, build(Some(n.id), children)))
                .collect()
        }
        let p = &self.plan;
        PlanDocument {
            format: FORMAT.to_owned(),
            format_version: FORMAT_VERSION,
            strategic_plan: self.strategic_plan.clone(),
            work_plan: WorkPlanDoc {
                title: p.title.clone(),
                owner: OwnerRef {
                    kind: p.owner_kind.as_str().to_owned(),
                    acronym: p.owner_acronym.clone(),
                },
                starts_on: p.starts_on,
                ends_on: p.ends_on,
                presentation: p.presentation.clone(),
                nodes: build(None, &children),
            },
        }
    }

    /// The node with this id.
    pub fn node(&self, id: NodeId) -> Option<&PlanNode> {
        self.nodes.iter().find(|n| n.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nodes_come_in_tree_order_whatever_order_they_are_read_in() {
        // (id, parent, position): 1 has children 3 (second) and 2 (first); 4 is a second root.
        let nodes = vec![(3, Some(1), 1), (4, None, 1), (2, Some(1), 0), (1, None, 0)];
        let ordered: Vec<i32> = tree_order(nodes, |n| *n).into_iter().map(|n| n.0).collect();
        assert_eq!(ordered, [1, 2, 3, 4]);
    }

    #[test]
    fn serving_a_perspective_takes_in_its_goals_only() {
        let details = NodeDetails {
            serves: vec!["T1.2".to_owned()],
            ..NodeDetails::default()
        };
        assert!(details.serves_under("T1") && details.serves_under("T1.2"));
        assert!(!details.serves_under("T1.1") && !details.serves_under("T"));
        assert_eq!(details.status_or_planned(), ActivityStatus::Planned);
    }

    #[test]
    fn details_take_the_status_of_a_document_node_parsed() {
        let mut node = crate::plan::fixtures::node("activity", "1.a", vec![]);
        node.status = Some("in_progress".to_owned());
        assert_eq!(
            NodeDetails::of(&node).map(|d| d.status),
            Ok(Some(ActivityStatus::InProgress))
        );
        node.status = Some("finished".to_owned());
        assert!(NodeDetails::of(&node).is_err());
    }
}
