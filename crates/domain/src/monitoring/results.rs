//! What came of the plan's activities (indicator 3): results by kind and by the stage reached,
//! with the activities behind them.

use super::{ReportRecord, ReportStatus, ResultKind, ResultStage};
use crate::ids::{NodeId, PlanId, ReportId};
use crate::plan::{PlanOutline, Text};
use chrono::NaiveDate;
use std::collections::HashMap;

/// An activity behind a result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResultActivity {
    pub code: String,
    pub title: Text,
    pub stage: Option<ResultStage>,
    pub achieved_on: Option<NaiveDate>,
    pub report_id: ReportId,
}

/// The results of one kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResultKindRow {
    pub kind: ResultKind,
    pub total: u64,
    /// Results by the stage reached: every rung of the kind's ladder, in order.
    pub by_stage: Vec<(ResultStage, u64)>,
    pub activities: Vec<ResultActivity>,
}

/// Results by kind (every kind listed), with the activities behind them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResultsReport {
    pub plan_id: PlanId,
    pub kinds: Vec<ResultKindRow>,
}

/// The results of the approved reports among `reports`, on the nodes of the outline.
pub fn results_report(outline: &PlanOutline, reports: &[ReportRecord]) -> ResultsReport {
    let titles: HashMap<NodeId, (&str, &Text)> = outline
        .nodes
        .iter()
        .map(|n| (n.id, (n.code.as_str(), &n.title)))
        .collect();
    let approved: Vec<&ReportRecord> = reports
        .iter()
        .filter(|r| r.status == ReportStatus::Approved)
        .collect();
    let untitled = Text::default();
    let kinds = ResultKind::ALL
        .iter()
        .map(|kind| {
            let mut by_stage: Vec<(ResultStage, u64)> =
                kind.ladder().iter().map(|s| (*s, 0)).collect();
            let mut activities = Vec::new();
            for r in &approved {
                for result in r.results.iter().filter(|x| x.kind == *kind) {
                    if let Some(stage) = result.stage {
                        match by_stage.iter_mut().find(|(s, _)| *s == stage) {
                            Some(entry) => entry.1 += 1,
                            None => by_stage.push((stage, 1)),
                        }
                    }
                    let (code, title) = titles.get(&r.node_id).copied().unwrap_or(("", &untitled));
                    activities.push(ResultActivity {
                        code: code.to_owned(),
                        title: title.clone(),
                        stage: result.stage,
                        achieved_on: result.achieved_on,
                        report_id: r.id,
                    });
                }
            }
            ResultKindRow {
                kind: *kind,
                total: activities.len() as u64,
                by_stage,
                activities,
            }
        })
        .collect();
    ResultsReport {
        plan_id: outline.plan.id,
        kinds,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::monitoring::ReportResult;
    use crate::monitoring::fixtures::{Outline, day};
    use crate::plan::NodeKind;

    fn result(kind: ResultKind, stage: Option<ResultStage>) -> ReportResult {
        ReportResult {
            kind,
            stage,
            achieved_on: Some(day(3)),
            description: None,
            evidence: vec![],
        }
    }

    fn report(
        o: &Outline,
        code: &str,
        status: ReportStatus,
        results: Vec<ReportResult>,
    ) -> ReportRecord {
        ReportRecord {
            status,
            results,
            ..o.report(code)
        }
    }

    #[test]
    fn results_count_by_kind_and_stage_from_approved_reports() {
        use ResultKind::*;
        use ResultStage::*;
        let mut o = Outline::empty();
        let objective = o.add(None, NodeKind::Objective, "1.O");
        o.activity(objective, "1.a", &[], None);
        o.activity(objective, "1.b", &[], None);
        let reports = [
            report(
                &o,
                "1.a",
                ReportStatus::Approved,
                vec![
                    result(Project, Some(ResultStage::Agreed)),
                    result(Project, Some(Funded)),
                    result(NewInstrument, None),
                ],
            ),
            report(
                &o,
                "1.b",
                ReportStatus::Approved,
                vec![
                    result(Project, Some(Funded)),
                    result(ResultKind::WorkPlan, Some(Signed)),
                ],
            ),
            // Submitted but not approved: none of its results count.
            report(
                &o,
                "1.b",
                ReportStatus::Submitted,
                vec![result(Project, Some(Funded)), result(Other, None)],
            ),
        ];
        let report = results_report(&o.outline, &reports);
        let kinds: Vec<(ResultKind, u64)> =
            report.kinds.iter().map(|k| (k.kind, k.total)).collect();
        assert_eq!(
            kinds,
            [
                (ResultKind::WorkPlan, 1),
                (Project, 3),
                (NewInstrument, 1),
                (NewInstitutionality, 0),
                (Other, 0)
            ]
        );
        assert_eq!(
            report.kinds[1].by_stage,
            [
                (ResultStage::Agreed, 1),
                (Formulated, 0),
                (Funded, 2),
                (WithResponsibilities, 0)
            ]
        );
        assert_eq!(
            report.kinds[0].by_stage,
            [
                (ResultStage::Agreed, 0),
                (Signed, 1),
                (WithActivities, 0),
                (WithFunding, 0)
            ]
        );
        assert!(report.kinds[2].by_stage.is_empty());
        let behind: Vec<&str> = report.kinds[1]
            .activities
            .iter()
            .map(|a| a.code.as_str())
            .collect();
        assert_eq!(behind, ["1.a", "1.a", "1.b"]);
        assert_eq!(report.kinds[2].activities[0].achieved_on, Some(day(3)));
    }
}
