//! Plans built by hand for the engines' tests.

use crate::ids::{BodyId, NodeId, PlanId, ReportId};
use crate::monitoring::{AuthorKind, Execution, OtherParticipants, ReportRecord, ReportStatus};
pub use crate::plan::fixtures::text;
use crate::plan::{
    ActivityStatus, NodeDetails, NodeKind, OutlineNode, PlanOutline, PlanRecord, PlanStatus,
};
use crate::registry::BodyKind;
use chrono::{DateTime, NaiveDate, Utc};

/// A day of January 2012.
pub fn day(n: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2012, 1, n).unwrap_or_default()
}

/// A plan's outline, built node by node in tree order.
pub struct Outline {
    pub outline: PlanOutline,
}

impl Outline {
    pub fn empty() -> Self {
        let at = DateTime::<Utc>::default();
        Outline {
            outline: PlanOutline {
                plan: PlanRecord {
                    id: PlanId::new(),
                    owner: BodyId::new(),
                    owner_kind: BodyKind::ExecutiveSecretariat,
                    owner_acronym: Some("SE".to_owned()),
                    owner_name: text("Secretaría Ejecutiva"),
                    title: text("Plan 2011-2012"),
                    presentation: None,
                    starts_on: day(1),
                    ends_on: day(31),
                    status: PlanStatus::InExecution,
                    revision: 1,
                    approved_by_meeting: None,
                    approved_on: None,
                    version: 1,
                    created_at: at,
                    updated_at: at,
                },
                nodes: Vec::new(),
            },
        }
    }

    /// Adds a node last under `parent`.
    pub fn add(&mut self, parent: Option<NodeId>, kind: NodeKind, code: &str) -> NodeId {
        self.node(parent, kind, code, NodeDetails::default())
    }

    /// Adds an activity with its responsible bodies and status.
    pub fn activity(
        &mut self,
        parent: NodeId,
        code: &str,
        bodies: &[&str],
        status: Option<ActivityStatus>,
    ) -> NodeId {
        let details = NodeDetails {
            status,
            responsible_bodies: bodies.iter().map(|b| (*b).to_owned()).collect(),
            ..NodeDetails::default()
        };
        self.node(Some(parent), NodeKind::Activity, code, details)
    }

    pub fn node(
        &mut self,
        parent: Option<NodeId>,
        kind: NodeKind,
        code: &str,
        details: NodeDetails,
    ) -> NodeId {
        let id = NodeId::new();
        let position = self
            .outline
            .nodes
            .iter()
            .filter(|n| n.parent == parent)
            .count();
        self.outline.nodes.push(OutlineNode {
            id,
            parent,
            position: i32::try_from(position).unwrap_or_default(),
            kind,
            code: code.to_owned(),
            title: text(code),
            details,
        });
        id
    }

    /// An approved report on the node with this code, dated the first day, saying it was
    /// carried out, naming nobody and no result.
    pub fn report(&self, code: &str) -> ReportRecord {
        ReportRecord {
            id: ReportId::new(),
            plan_id: self.outline.plan.id,
            node_id: self.id(code),
            node_code: code.to_owned(),
            activity_status: crate::plan::ActivityStatus::Planned,
            reported_on: day(1),
            execution: Execution::Yes,
            narrative: None,
            cities: vec![],
            others: OtherParticipants::default(),
            results: vec![],
            evidence: vec![],
            status: ReportStatus::Approved,
            return_reason: None,
            author_kind: AuthorKind::User,
            author_id: None,
            version: 1,
            created_at: DateTime::<Utc>::default(),
            updated_at: DateTime::<Utc>::default(),
        }
    }

    /// The id of the node with this code.
    pub fn id(&self, code: &str) -> NodeId {
        self.outline
            .nodes
            .iter()
            .find(|n| n.code == code)
            .map(|n| n.id)
            .unwrap_or_default()
    }
}
