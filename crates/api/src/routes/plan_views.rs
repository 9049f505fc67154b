//! A plan's response shapes (the plan, its tree and nodes, its revisions and their diff, its
//! coverage) and their conversion from the domain's records.

use chrono::{DateTime, NaiveDate, Utc};
use mercociudades_domain::ids::NodeId;
use mercociudades_domain::plan::PlanStatus;
use mercociudades_domain::plan::coverage as served;
use mercociudades_domain::plan::{NodeDetails, PlanNode, PlanRecord, PlanTree, Text};
use serde::Serialize;
use std::collections::HashMap;
use utoipa::ToSchema;
use uuid::Uuid;

/// The body that owns a plan.
#[derive(Debug, Serialize, ToSchema)]
pub struct PlanOwnerOut {
    pub id: Uuid,
    #[schema(value_type = super::closed::BodyKind)]
    pub kind: String,
    pub acronym: Option<String>,
    #[schema(value_type = super::Localized)]
    pub name: Text,
}

/// A work plan, without its tree.
#[derive(Debug, Serialize, ToSchema)]
pub struct PlanOut {
    pub id: Uuid,
    pub owner: PlanOwnerOut,
    /// Localized title (`es`, `pt`, `en`).
    #[schema(value_type = super::Localized)]
    pub title: Text,
    #[schema(value_type = Option<super::Localized>)]
    pub presentation: Option<Text>,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    /// `draft`, `approved`, `in_execution` or `closed`.
    #[schema(value_type = super::closed::PlanStatus)]
    pub status: PlanStatus,
    pub revision: i32,
    pub approved_by_meeting: Option<String>,
    pub approved_on: Option<NaiveDate>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A node of a plan's tree, with its children.
#[derive(Debug, Serialize, ToSchema)]
pub struct PlanNodeOut {
    pub id: Uuid,
    #[schema(value_type = super::closed::NodeKind)]
    pub kind: String,
    /// The code the plan gives the node (`1.2.a.1`), unique within the plan.
    pub code: String,
    #[schema(value_type = super::Localized)]
    pub title: Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<super::Localized>)]
    pub text: Option<Text>,
    /// What an activity carries: status, dates, responsible bodies and cities, partners,
    /// perspectives served, expected results, budget, funding source.
    #[serde(flatten)]
    #[schema(value_type = super::schemas::ActivityFields)]
    pub details: NodeDetails,
    pub version: i32,
    #[schema(no_recursion)]
    pub children: Vec<PlanNodeOut>,
}

/// A plan with its strategic plan and its whole tree.
#[derive(Debug, Serialize, ToSchema)]
pub struct PlanTreeOut {
    #[serde(flatten)]
    pub plan: PlanOut,
    /// Mission, vision, perspectives, goals and strategic policies the plan serves.
    #[schema(value_type = Option<super::schemas::StrategicPlan>)]
    pub strategic_plan: Option<mercociudades_domain::plan::StrategicPlanDoc>,
    pub nodes: Vec<PlanNodeOut>,
}

pub fn plan_out(p: PlanRecord) -> PlanOut {
    PlanOut {
        id: p.id.0,
        owner: PlanOwnerOut {
            id: p.owner.0,
            kind: p.owner_kind.as_str().to_owned(),
            acronym: p.owner_acronym,
            name: p.owner_name,
        },
        title: p.title,
        presentation: p.presentation,
        starts_on: p.starts_on,
        ends_on: p.ends_on,
        status: p.status,
        revision: p.revision,
        approved_by_meeting: p.approved_by_meeting,
        approved_on: p.approved_on,
        version: p.version,
        created_at: p.created_at,
        updated_at: p.updated_at,
    }
}

pub fn tree_out(tree: PlanTree) -> PlanTreeOut {
    // Nodes come in tree order: build children lists bottom-up.
    let mut children: HashMap<Option<NodeId>, Vec<PlanNodeOut>> = HashMap::new();
    for node in tree.nodes.into_iter().rev() {
        let kids = children.remove(&Some(node.id)).unwrap_or_default();
        let parent = node.parent;
        let out = PlanNodeOut {
            children: kids,
            ..node_out(node)
        };
        children.entry(parent).or_default().insert(0, out);
    }
    PlanTreeOut {
        plan: plan_out(tree.plan),
        strategic_plan: tree.strategic_plan,
        nodes: children.remove(&None).unwrap_or_default(),
    }
}

pub fn node_out(node: PlanNode) -> PlanNodeOut {
    PlanNodeOut {
        id: node.id.0,
        kind: node.kind.as_str().to_owned(),
        code: node.code,
        title: node.title,
        text: node.text,
        details: node.details,
        version: node.version,
        children: Vec::new(),
    }
}

/// An approved revision, without its document.
#[derive(Debug, Serialize, ToSchema)]
pub struct RevisionOut {
    pub revision: i32,
    pub approved_by_meeting: Option<String>,
    pub approved_on: Option<NaiveDate>,
    pub created_at: DateTime<Utc>,
}

/// What changed between two revisions, node by node (matched by code).
#[derive(Debug, Serialize, ToSchema)]
pub struct DiffOut {
    pub from: String,
    pub to: String,
    #[schema(value_type = super::schemas::PlanDiff)]
    pub diff: mercociudades_domain::plan::PlanDiff,
}

/// An activity that serves a goal or contributes to an axis.
#[derive(Debug, Serialize, ToSchema)]
pub struct ServingActivity {
    pub plan_id: Uuid,
    pub code: String,
    #[schema(value_type = super::Localized)]
    pub title: Text,
}

/// A perspective or goal of the strategic plan, or an axis of the plan, with what serves it.
#[derive(Debug, Serialize, ToSchema)]
pub struct CoverageItem {
    pub code: String,
    #[schema(value_type = super::Localized)]
    pub title: Text,
    pub activities: Vec<ServingActivity>,
}

/// Which perspectives, goals and axes the plan's activities (and other plans' activities
/// that contribute to it) serve, and which goals nothing serves.
#[derive(Debug, Serialize, ToSchema)]
pub struct CoverageOut {
    pub perspectives: Vec<CoverageItem>,
    pub goals: Vec<CoverageItem>,
    /// Codes of the goals that no activity serves.
    pub uncovered_goals: Vec<String>,
    /// The plan's axes with the activities of other plans that contribute to them.
    pub axes: Vec<CoverageItem>,
}

impl From<served::Coverage> for CoverageOut {
    fn from(c: served::Coverage) -> Self {
        let items = |found: Vec<served::CoverageItem>| -> Vec<CoverageItem> {
            found
                .into_iter()
                .map(|item| CoverageItem {
                    code: item.code,
                    title: item.title,
                    activities: item
                        .activities
                        .into_iter()
                        .map(|a| ServingActivity {
                            plan_id: a.plan_id.0,
                            code: a.code,
                            title: a.title,
                        })
                        .collect(),
                })
                .collect()
        };
        CoverageOut {
            perspectives: items(c.perspectives),
            goals: items(c.goals),
            uncovered_goals: c.uncovered_goals,
            axes: items(c.axes),
        }
    }
}
