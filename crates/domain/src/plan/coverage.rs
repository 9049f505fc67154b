//! Coverage: which perspectives and goals of the strategic plan a plan's activities serve,
//! which goals nothing serves, and which activities of other plans contribute to its axes.

use super::{NodeKind, PlanNode, PlanRecord, PlanTree, Text};
use crate::ids::PlanId;

/// An activity that serves a goal or contributes to an axis.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServingActivity {
    pub plan_id: PlanId,
    pub code: String,
    pub title: Text,
}

/// A perspective or goal of the strategic plan, or an axis of the plan, with what serves it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CoverageItem {
    pub code: String,
    pub title: Text,
    pub activities: Vec<ServingActivity>,
}

/// What the plan's activities serve, and what other plans' activities contribute to it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Coverage {
    pub perspectives: Vec<CoverageItem>,
    pub goals: Vec<CoverageItem>,
    /// Codes of the goals that no activity serves.
    pub uncovered_goals: Vec<String>,
    /// The plan's axes with the activities of other plans that contribute to them.
    pub axes: Vec<CoverageItem>,
}

/// The coverage of a plan: a perspective is served by the activities naming it or one of its
/// goals, a goal by those naming it; an axis by the activities of other plans among
/// `contributions` that name its code.
pub fn coverage(tree: &PlanTree, contributions: &[(PlanRecord, PlanNode)]) -> Coverage {
    let plan_id = tree.plan.id;
    let activities: Vec<&PlanNode> = tree.nodes.iter().filter(|n| n.kind.is_activity()).collect();
    let serving = |codes: &[&str]| -> Vec<ServingActivity> {
        activities
            .iter()
            .filter(|a| a.details.serves.iter().any(|s| codes.contains(&s.as_str())))
            .map(|a| ServingActivity {
                plan_id,
                code: a.code.clone(),
                title: a.title.clone(),
            })
            .collect()
    };
    let mut result = Coverage::default();
    for t in tree
        .strategic_plan
        .iter()
        .flat_map(|sp| &sp.thematic_perspectives)
    {
        let codes: Vec<&str> = std::iter::once(t.code.as_str())
            .chain(t.goals.iter().map(|g| g.code.as_str()))
            .collect();
        result.perspectives.push(CoverageItem {
            code: t.code.clone(),
            title: t.title.clone(),
            activities: serving(&codes),
        });
        for g in &t.goals {
            result.goals.push(CoverageItem {
                code: g.code.clone(),
                title: g.title.clone(),
                activities: serving(&[g.code.as_str()]),
            });
        }
    }
    result.uncovered_goals = result
        .goals
        .iter()
        .filter(|g| g.activities.is_empty())
        .map(|g| g.code.clone())
        .collect();
    result.axes = tree
        .nodes
        .iter()
        .filter(|n| n.kind == NodeKind::Axis)
        .map(|axis| CoverageItem {
            code: axis.code.clone(),
            title: axis.title.clone(),
            activities: contributions
                .iter()
                .filter(|(p, n)| p.id != plan_id && n.details.contributes_to.contains(&axis.code))
                .map(|(p, n)| ServingActivity {
                    plan_id: p.id,
                    code: n.code.clone(),
                    title: n.title.clone(),
                })
                .collect(),
        })
        .collect();
    result
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::NodeId;
    use crate::plan::fixtures::text;
    use crate::plan::{CodedText, NodeDetails, StrategicPlanDoc, ThematicPerspectiveDoc};

    fn node(kind: NodeKind, code: &str, details: NodeDetails) -> PlanNode {
        PlanNode {
            id: NodeId::new(),
            parent: None,
            position: 0,
            kind,
            code: code.to_owned(),
            title: text(code),
            text: None,
            details,
            version: 1,
        }
    }

    fn activity(code: &str, serves: &[&str], contributes_to: &[&str]) -> PlanNode {
        let list = |l: &[&str]| l.iter().map(|s| (*s).to_owned()).collect();
        node(
            NodeKind::Activity,
            code,
            NodeDetails {
                serves: list(serves),
                contributes_to: list(contributes_to),
                ..NodeDetails::default()
            },
        )
    }

    fn goal(code: &str) -> CodedText {
        CodedText {
            code: code.to_owned(),
            title: text(code),
        }
    }

    #[test]
    fn goals_and_perspectives_served_and_axes_contributed_to() {
        let plan = crate::monitoring::fixtures::Outline::empty().outline.plan;
        let strategic_plan = StrategicPlanDoc {
            title: text("Plan estratégico"),
            starts_on: None,
            ends_on: None,
            approved_by_meeting: None,
            approved_on: None,
            mission: None,
            vision: None,
            value_perspectives: vec![],
            thematic_perspectives: vec![
                ThematicPerspectiveDoc {
                    code: "T1".to_owned(),
                    title: text("T1"),
                    goals: vec![goal("T1.1"), goal("T1.2")],
                },
                ThematicPerspectiveDoc {
                    code: "T2".to_owned(),
                    title: text("T2"),
                    goals: vec![goal("T2.1")],
                },
            ],
            strategic_policies: vec![],
        };
        let tree = PlanTree {
            plan: plan.clone(),
            strategic_plan: Some(strategic_plan),
            nodes: vec![
                node(NodeKind::Axis, "1.2.1", NodeDetails::default()),
                node(NodeKind::Axis, "1.2.2", NodeDetails::default()),
                activity("1.a", &["T1.1"], &[]),
                activity("1.b", &["T1"], &[]),
                activity("1.c", &["T2.1", "T1.1"], &[]),
            ],
        };
        let other_plan = PlanRecord {
            id: PlanId::new(),
            ..plan.clone()
        };
        let contributions = vec![
            (other_plan.clone(), activity("9.a", &[], &["1.2.1"])),
            (other_plan, activity("9.b", &[], &["1.2.3"])),
            // The plan's own activities do not count as contributions to its axes.
            (plan, activity("1.d", &[], &["1.2.1"])),
        ];
        let c = coverage(&tree, &contributions);
        let served = |items: &[CoverageItem]| -> Vec<(String, Vec<String>)> {
            items
                .iter()
                .map(|i| {
                    let codes = i.activities.iter().map(|a| a.code.clone()).collect();
                    (i.code.clone(), codes)
                })
                .collect()
        };
        let pair = |code: &str, codes: &[&str]| {
            (
                code.to_owned(),
                codes.iter().map(|c| (*c).to_owned()).collect::<Vec<_>>(),
            )
        };
        // T1 is served by its own code and by its goals: 1.a, 1.b and 1.c.
        assert_eq!(
            served(&c.perspectives),
            [pair("T1", &["1.a", "1.b", "1.c"]), pair("T2", &["1.c"])]
        );
        assert_eq!(
            served(&c.goals),
            [
                pair("T1.1", &["1.a", "1.c"]),
                pair("T1.2", &[]),
                pair("T2.1", &["1.c"])
            ]
        );
        assert_eq!(c.uncovered_goals, ["T1.2"]);
        assert_eq!(
            served(&c.axes),
            [pair("1.2.1", &["9.a"]), pair("1.2.2", &[])]
        );
        assert_ne!(c.axes[0].activities[0].plan_id, tree.plan.id);
    }

    #[test]
    fn a_plan_without_a_strategic_plan_serves_nothing() {
        let plan = crate::monitoring::fixtures::Outline::empty().outline.plan;
        let tree = PlanTree {
            plan,
            strategic_plan: None,
            nodes: vec![activity("1.a", &["T1"], &[])],
        };
        assert_eq!(coverage(&tree, &[]), Coverage::default());
    }
}
