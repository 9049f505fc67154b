//! The plan's execution: for every dimension, policy and axis, for every responsible body and
//! for the whole plan, its activities by status and by the execution of their latest approved
//! report, and the share executed (indicator 1).

use super::{Execution, ReportStatus, share};
use crate::ids::{BodyId, NodeId, PlanId, ReportId};
use crate::plan::{ActivityStatus, NodeKind, OutlineNode, PlanOutline, Text};
use chrono::{DateTime, NaiveDate, Utc};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// How the shares are computed.
pub const FORMULA: &str = "executed_share = activities whose latest approved report says yes / activities; \
executed_or_partial_share = (yes + partially) / activities; an activity without an approved report counts as not_reported";

/// What a row of the execution report sums up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    /// A dimension, policy or axis of the plan.
    Node(NodeKind),
    /// The whole plan.
    Plan,
    /// The activities of one responsible body.
    Body,
}

impl RowKind {
    /// The kinds of node that have a row.
    pub const NODE_KINDS: [NodeKind; 3] = [NodeKind::Dimension, NodeKind::Policy, NodeKind::Axis];

    /// Every kind of row, in order: the node kinds, the plan, a body.
    pub fn all() -> Vec<RowKind> {
        Self::NODE_KINDS
            .iter()
            .map(|k| RowKind::Node(*k))
            .chain([RowKind::Plan, RowKind::Body])
            .collect()
    }

    /// The row of a node of this kind, if it has one.
    pub fn of(kind: NodeKind) -> Option<RowKind> {
        Self::NODE_KINDS
            .contains(&kind)
            .then_some(RowKind::Node(kind))
    }

    pub fn as_str(self) -> &'static str {
        match self {
            RowKind::Node(kind) => kind.as_str(),
            RowKind::Plan => "plan",
            RowKind::Body => "body",
        }
    }
}

/// A report's execution, with what orders it among the reports on the same activity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportedExecution {
    pub node: NodeId,
    pub report: ReportId,
    pub status: ReportStatus,
    pub execution: Execution,
    pub reported_on: NaiveDate,
    pub created_at: DateTime<Utc>,
}

/// Activities by the execution of their latest approved report.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ExecutionCounts {
    pub yes: u64,
    pub partially: u64,
    pub no: u64,
    /// Activities without an approved report.
    pub not_reported: u64,
}

impl ExecutionCounts {
    /// The counts by name: `yes`, `partially`, `no`, `not_reported`.
    pub fn named(&self) -> [(&'static str, u64); 4] {
        [
            (Execution::Yes.as_str(), self.yes),
            (Execution::Partially.as_str(), self.partially),
            (Execution::No.as_str(), self.no),
            ("not_reported", self.not_reported),
        ]
    }

    fn add(&mut self, execution: Option<Execution>) {
        match execution {
            Some(Execution::Yes) => self.yes += 1,
            Some(Execution::Partially) => self.partially += 1,
            Some(Execution::No) => self.no += 1,
            None => self.not_reported += 1,
        }
    }
}

/// The activities of one part of the plan, by status and by execution.
#[derive(Debug, Clone, PartialEq)]
pub struct ExecutionRow {
    pub code: String,
    pub kind: RowKind,
    pub title: Text,
    /// Activities under this part (sub-activities are not counted apart).
    pub activities: u64,
    /// Activities by status, every status listed.
    pub by_status: Vec<(ActivityStatus, u64)>,
    pub by_execution: ExecutionCounts,
    /// `yes` / activities, in per cent.
    pub executed_share: f64,
    /// (`yes` + `partially`) / activities, in per cent.
    pub executed_or_partial_share: f64,
    /// On a body's row: the body, when the acronym names one.
    pub body_id: Option<BodyId>,
}

/// The plan's execution, for every dimension, policy and axis, every responsible body, and in
/// total.
#[derive(Debug, Clone, PartialEq)]
pub struct ExecutionReport {
    pub plan_id: PlanId,
    pub formula: &'static str,
    pub total: ExecutionRow,
    pub rows: Vec<ExecutionRow>,
    /// By the acronym of a responsible body: an activity naming several counts under each.
    pub by_body: Vec<ExecutionRow>,
}

/// A body responsible for activities, as the report names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResponsibleBody {
    pub id: BodyId,
    pub name: Text,
}

/// The acronyms of the bodies responsible for the plan's activities, in order.
pub fn responsible_bodies(outline: &PlanOutline) -> Vec<String> {
    let acronyms: BTreeSet<&String> = outline
        .nodes
        .iter()
        .filter(|n| n.kind == NodeKind::Activity)
        .flat_map(|n| &n.details.responsible_bodies)
        .collect();
    acronyms.into_iter().cloned().collect()
}

/// The execution of each activity: that of its latest approved report (by the day reported,
/// then by when it was written); reports in any other status do not count.
pub fn latest_approved(reports: &[ReportedExecution]) -> HashMap<NodeId, Execution> {
    let mut latest: HashMap<NodeId, &ReportedExecution> = HashMap::new();
    for r in reports
        .iter()
        .filter(|r| r.status == ReportStatus::Approved)
    {
        let key = |r: &ReportedExecution| (r.reported_on, r.created_at, r.report);
        match latest.get(&r.node) {
            Some(known) if key(known) >= key(r) => {}
            _ => {
                latest.insert(r.node, r);
            }
        }
    }
    latest
        .into_iter()
        .map(|(node, r)| (node, r.execution))
        .collect()
}

fn row(
    code: &str,
    kind: RowKind,
    title: &Text,
    activities: &[&OutlineNode],
    executed: &HashMap<NodeId, Execution>,
) -> ExecutionRow {
    let mut by_status: Vec<(ActivityStatus, u64)> =
        ActivityStatus::ALL.iter().map(|s| (*s, 0)).collect();
    let mut by_execution = ExecutionCounts::default();
    for a in activities {
        let status = a.details.status_or_planned();
        if let Some(entry) = by_status.iter_mut().find(|(s, _)| *s == status) {
            entry.1 += 1;
        }
        by_execution.add(executed.get(&a.id).copied());
    }
    let total = activities.len() as u64;
    ExecutionRow {
        code: code.to_owned(),
        kind,
        title: title.clone(),
        activities: total,
        by_status,
        by_execution,
        executed_share: share(by_execution.yes, total),
        executed_or_partial_share: share(by_execution.yes + by_execution.partially, total),
        body_id: None,
    }
}

/// The activities (not sub-activities) under every node, in one pass over the tree.
fn activities_under(outline: &PlanOutline) -> HashMap<NodeId, Vec<&OutlineNode>> {
    let parent_of = outline.parents();
    let mut under: HashMap<NodeId, Vec<&OutlineNode>> = HashMap::new();
    for node in outline
        .nodes
        .iter()
        .filter(|n| n.kind == NodeKind::Activity)
    {
        let mut current = node.parent;
        while let Some(p) = current {
            under.entry(p).or_default().push(node);
            current = parent_of.get(&p).copied().flatten();
        }
    }
    under
}

/// The execution report of a plan's outline from its reports' executions; `bodies` names the
/// responsible bodies by acronym.
pub fn execution_report(
    outline: &PlanOutline,
    reports: &[ReportedExecution],
    bodies: &HashMap<String, ResponsibleBody>,
) -> ExecutionReport {
    let executed = latest_approved(reports);
    let under = activities_under(outline);
    let all: Vec<&OutlineNode> = outline
        .nodes
        .iter()
        .filter(|n| n.kind == NodeKind::Activity)
        .collect();
    let rows = outline
        .nodes
        .iter()
        .filter_map(|n| {
            let kind = RowKind::of(n.kind)?;
            let activities = under.get(&n.id).map_or(&[][..], Vec::as_slice);
            Some(row(&n.code, kind, &n.title, activities, &executed))
        })
        .collect();
    let mut of_body: BTreeMap<&str, Vec<&OutlineNode>> = BTreeMap::new();
    for activity in &all {
        for acronym in &activity.details.responsible_bodies {
            of_body.entry(acronym).or_default().push(activity);
        }
    }
    let by_body = of_body
        .into_iter()
        .map(|(acronym, activities)| {
            let body = bodies.get(acronym);
            let name = body.map(|b| b.name.clone()).unwrap_or_default();
            ExecutionRow {
                body_id: body.map(|b| b.id),
                ..row(acronym, RowKind::Body, &name, &activities, &executed)
            }
        })
        .collect();
    ExecutionReport {
        plan_id: outline.plan.id,
        formula: FORMULA,
        total: row("", RowKind::Plan, &outline.plan.title, &all, &executed),
        rows,
        by_body,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::monitoring::fixtures::{Outline, day};

    fn reported(
        node: NodeId,
        status: ReportStatus,
        execution: Execution,
        on: u32,
    ) -> ReportedExecution {
        ReportedExecution {
            node,
            report: ReportId::new(),
            status,
            execution,
            reported_on: day(on),
            created_at: DateTime::<Utc>::default(),
        }
    }

    /// Dimension 1 with policy 1.1 (objective 1.1.O: activities 1.1.a by UT-A, with a
    /// sub-activity, and 1.1.b by UT-A and SE) and policy 1.2 with axis 1.2.1 (objective
    /// 1.2.1.O: activities 1.2.a by SE, in progress, and 1.2.b by nobody, done).
    fn plan() -> Outline {
        let mut o = Outline::empty();
        let d = o.add(None, NodeKind::Dimension, "1");
        let p1 = o.add(Some(d), NodeKind::Policy, "1.1");
        let o1 = o.add(Some(p1), NodeKind::Objective, "1.1.O");
        let a = o.activity(o1, "1.1.a", &["UT-A"], None);
        o.add(Some(a), NodeKind::SubActivity, "1.1.a.1");
        o.activity(o1, "1.1.b", &["UT-A", "SE"], None);
        let p2 = o.add(Some(d), NodeKind::Policy, "1.2");
        let axis = o.add(Some(p2), NodeKind::Axis, "1.2.1");
        let o2 = o.add(Some(axis), NodeKind::Objective, "1.2.1.O");
        o.activity(o2, "1.2.a", &["SE"], Some(ActivityStatus::InProgress));
        o.activity(o2, "1.2.b", &[], Some(ActivityStatus::Done));
        o
    }

    /// Activities; yes, partially, no, not reported; the two shares.
    type Figures = (u64, [u64; 4], f64, f64);

    fn figures(r: &ExecutionRow) -> Figures {
        let c = r.by_execution;
        (
            r.activities,
            [c.yes, c.partially, c.no, c.not_reported],
            r.executed_share,
            r.executed_or_partial_share,
        )
    }

    #[test]
    fn shares_by_node_and_by_body_count_the_latest_approved_report_only() {
        let o = plan();
        let id = |code| o.id(code);
        let reports = [
            // 1.1.a: approved no, then a later approved yes: yes.
            reported(id("1.1.a"), ReportStatus::Approved, Execution::No, 1),
            reported(id("1.1.a"), ReportStatus::Approved, Execution::Yes, 5),
            // 1.1.b: approved partially; a later returned yes does not count.
            reported(id("1.1.b"), ReportStatus::Approved, Execution::Partially, 2),
            reported(id("1.1.b"), ReportStatus::Returned, Execution::Yes, 9),
            // 1.2.a: only submitted: not reported.
            reported(id("1.2.a"), ReportStatus::Submitted, Execution::Yes, 3),
            // The sub-activity's report is not counted apart.
            reported(id("1.1.a.1"), ReportStatus::Approved, Execution::No, 4),
            // 1.2.b has no report at all: not reported.
        ];
        let bodies = HashMap::from([(
            "SE".to_owned(),
            ResponsibleBody {
                id: BodyId::new(),
                name: Text::default(),
            },
        )]);
        let report = execution_report(&o.outline, &reports, &bodies);
        // 4 activities: yes 1, partially 1, not reported 2; 1/4 = 25 %, 2/4 = 50 %.
        assert_eq!(figures(&report.total), (4, [1, 1, 0, 2], 25.0, 50.0));
        let rows: Vec<(&str, &str)> = report
            .rows
            .iter()
            .map(|r| (r.code.as_str(), r.kind.as_str()))
            .collect();
        assert_eq!(
            rows,
            [
                ("1", "dimension"),
                ("1.1", "policy"),
                ("1.2", "policy"),
                ("1.2.1", "axis")
            ]
        );
        assert_eq!(figures(&report.rows[0]), (4, [1, 1, 0, 2], 25.0, 50.0));
        // 1.1: 1.1.a yes, 1.1.b partially: 50 % and 100 %.
        assert_eq!(figures(&report.rows[1]), (2, [1, 1, 0, 0], 50.0, 100.0));
        // 1.2 and its axis: neither activity has an approved report.
        assert_eq!(figures(&report.rows[2]), (2, [0, 0, 0, 2], 0.0, 0.0));
        assert_eq!(figures(&report.rows[3]), figures(&report.rows[2]));
        // By body: SE has 1.1.b (partially) and 1.2.a (not reported); UT-A has 1.1.a (yes)
        // and 1.1.b (partially). 1.2.b names no body and is in no body's row.
        let by_body: Vec<(&str, Option<BodyId>, Figures)> = report
            .by_body
            .iter()
            .map(|r| (r.code.as_str(), r.body_id, figures(r)))
            .collect();
        assert_eq!(
            by_body,
            [
                (
                    "SE",
                    bodies.get("SE").map(|b| b.id),
                    (2, [0, 1, 0, 1], 0.0, 50.0)
                ),
                ("UT-A", None, (2, [1, 1, 0, 0], 50.0, 100.0)),
            ]
        );
        // By status: two planned (no status recorded), one in progress, one done.
        let status = |s| {
            report
                .total
                .by_status
                .iter()
                .find(|(x, _)| *x == s)
                .map(|(_, n)| *n)
        };
        assert_eq!(status(ActivityStatus::Planned), Some(2));
        assert_eq!(status(ActivityStatus::InProgress), Some(1));
        assert_eq!(status(ActivityStatus::Done), Some(1));
        assert_eq!(status(ActivityStatus::Cancelled), Some(0));
        assert_eq!(responsible_bodies(&o.outline), ["SE", "UT-A"]);
    }

    #[test]
    fn an_empty_plan_has_zero_shares() {
        let o = Outline::empty();
        let report = execution_report(&o.outline, &[], &HashMap::new());
        assert_eq!(figures(&report.total), (0, [0, 0, 0, 0], 0.0, 0.0));
        assert!(report.rows.is_empty() && report.by_body.is_empty());
    }

    #[test]
    fn row_kinds_list_the_node_kinds_then_the_plan_and_a_body() {
        let names: Vec<&str> = RowKind::all().into_iter().map(RowKind::as_str).collect();
        assert_eq!(names, ["dimension", "policy", "axis", "plan", "body"]);
        assert_eq!(RowKind::of(NodeKind::Objective), None);
    }
}
