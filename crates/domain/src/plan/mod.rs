//! Plans: the strategic plan of the network and the work plans of its bodies, held as a tree
//! with the codes the source gives each node, and the plan document that carries them in and
//! out of the platform (JSON and YAML): the closed sets and state machines here, the document
//! in `document`, the tree as stored in `tree`, revisions compared in `diff`, and what the
//! plan's activities serve in `coverage`.

use crate::registry::closed_set;
use crate::validation::{FieldError, codes};
use serde::{Deserialize, Serialize};

pub mod coverage;
mod diff;
mod document;
#[cfg(test)]
pub(crate) mod fixtures;
mod tree;

pub use diff::{NodeChange, NodeSummary, PlanDiff, diff};
pub use document::{
    CodedText, Money, NodeDoc, OwnerRef, PlanDocument, StrategicPlanDoc, Text,
    ThematicPerspectiveDoc, WorkPlanDoc, check_code, check_currency, validate_node,
};
pub use tree::{
    NodeDetails, OutlineNode, PlanNode, PlanOutline, PlanRecord, PlanRevision, PlanTree, tree_order,
};

/// Name of the plan document format.
pub const FORMAT: &str = "mercociudades-plan";
/// Version of the plan document format.
pub const FORMAT_VERSION: u32 = 1;
/// Longest title of a node.
pub const TITLE_MAX: usize = 2_000;
/// Longest text of a node.
pub const TEXT_MAX: usize = 20_000;
/// Most nodes a plan may hold.
pub const MAX_NODES: usize = 50_000;

/// A move a state machine refuses: the status `from`, and where it was asked to go.
pub(crate) fn refused(from: impl ToString, to: impl ToString) -> FieldError {
    FieldError::new("status", codes::NOT_ALLOWED)
        .with("from", from)
        .with("to", to)
}

closed_set!(
    /// The kinds of node in a plan's tree, from the root down.
    NodeKind {
        Dimension => "dimension",
        Policy => "policy",
        Axis => "axis",
        Objective => "objective",
        Activity => "activity",
        SubActivity => "sub_activity",
    }
);

impl NodeKind {
    /// Whether a node of this kind may stand under `parent` (`None`: at the root).
    pub fn may_stand_under(self, parent: Option<NodeKind>) -> bool {
        use NodeKind::*;
        match self {
            Dimension => parent.is_none(),
            Policy => parent == Some(Dimension),
            Axis => parent == Some(Policy),
            Objective => matches!(parent, Some(Policy | Axis)),
            Activity => parent == Some(Objective),
            SubActivity => parent == Some(Activity),
        }
    }

    pub fn is_activity(self) -> bool {
        matches!(self, NodeKind::Activity | NodeKind::SubActivity)
    }
}

closed_set!(
    /// Where a work plan is in its life.
    PlanStatus {
        Draft => "draft",
        Approved => "approved",
        InExecution => "in_execution",
        Closed => "closed",
    }
);

impl PlanStatus {
    /// The statuses a plan may move to from this one.
    pub fn next(self) -> &'static [PlanStatus] {
        match self {
            PlanStatus::Draft => &[PlanStatus::Approved],
            PlanStatus::Approved => &[PlanStatus::InExecution, PlanStatus::Closed],
            PlanStatus::InExecution => &[PlanStatus::Closed],
            PlanStatus::Closed => &[],
        }
    }

    /// Whether the structure of the tree may change: only while a draft.
    pub fn structure_editable(self) -> bool {
        self == PlanStatus::Draft
    }

    /// Whether progress reports are written on its activities: once approved, until closed.
    pub fn takes_reports(self) -> bool {
        matches!(self, PlanStatus::Approved | PlanStatus::InExecution)
    }

    pub fn transition(self, to: PlanStatus) -> Result<PlanStatus, FieldError> {
        if self.next().contains(&to) {
            Ok(to)
        } else {
            Err(refused(self, to))
        }
    }
}

closed_set!(
    /// Where an activity stands.
    ActivityStatus {
        Planned => "planned",
        InProgress => "in_progress",
        Done => "done",
        PartiallyDone => "partially_done",
        NotDone => "not_done",
        Cancelled => "cancelled",
    }
);

impl ActivityStatus {
    pub fn next(self) -> &'static [ActivityStatus] {
        use ActivityStatus::*;
        match self {
            Planned => &[InProgress, NotDone, Cancelled],
            InProgress => &[Done, PartiallyDone, NotDone, Cancelled],
            PartiallyDone => &[InProgress, Done],
            NotDone => &[Planned],
            Done | Cancelled => &[],
        }
    }

    pub fn transition(self, to: ActivityStatus) -> Result<ActivityStatus, FieldError> {
        if self == to || self.next().contains(&to) {
            Ok(to)
        } else {
            Err(refused(self, to))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transitions() {
        assert!(PlanStatus::Draft.transition(PlanStatus::Approved).is_ok());
        assert!(PlanStatus::Draft.transition(PlanStatus::Closed).is_err());
        assert!(PlanStatus::Closed.transition(PlanStatus::Draft).is_err());
        assert!(
            ActivityStatus::Planned
                .transition(ActivityStatus::Done)
                .is_err()
        );
        assert!(
            ActivityStatus::InProgress
                .transition(ActivityStatus::Done)
                .is_ok()
        );
        assert!(
            ActivityStatus::Done
                .transition(ActivityStatus::InProgress)
                .is_err()
        );
        assert!(
            PlanStatus::Draft.structure_editable() && !PlanStatus::Approved.structure_editable()
        );
        let reported: Vec<PlanStatus> = PlanStatus::ALL
            .iter()
            .copied()
            .filter(|s| s.takes_reports())
            .collect();
        assert_eq!(reported, [PlanStatus::Approved, PlanStatus::InExecution]);
    }
}
