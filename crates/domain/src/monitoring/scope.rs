//! What part of a plan a report covers: which approved reports count (by date and by the
//! country of a participating city), and which activities (by responsible body and by the
//! perspective or goal they serve).

use super::ReportRecord;
use crate::ids::NodeId;
use crate::plan::PlanOutline;
use chrono::NaiveDate;
use std::collections::HashSet;

/// Which approved reports count: by date and by the country of a participating city.
#[derive(Debug, Clone, Default)]
pub struct ReportScope {
    pub from: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
    pub country: Option<String>,
}

impl ReportScope {
    /// Whether a report falls in the scope.
    pub fn admits(&self, report: &ReportRecord) -> bool {
        self.from.is_none_or(|f| report.reported_on >= f)
            && self.until.is_none_or(|u| report.reported_on <= u)
            && self
                .country
                .as_ref()
                .is_none_or(|c| report.cities.iter().any(|city| &city.country == c))
    }

    /// The reports in scope on the nodes of `outline`.
    pub fn reports_in(
        &self,
        outline: &PlanOutline,
        mut reports: Vec<ReportRecord>,
    ) -> Vec<ReportRecord> {
        let kept: HashSet<NodeId> = outline.nodes.iter().map(|n| n.id).collect();
        reports.retain(|r| kept.contains(&r.node_id) && self.admits(r));
        reports
    }
}

/// Which of a plan's activities a report covers; the other nodes all stay.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Narrowing {
    /// Only the activities this body (by acronym) is responsible for; all of them when it is
    /// the plan's owner.
    pub body: Option<String>,
    /// Only the activities serving this perspective or goal, or a goal under it.
    pub serves: Option<String>,
}

impl Narrowing {
    /// Whether only some of the plan's activities are covered.
    pub fn narrows(&self) -> bool {
        self.body.is_some() || self.serves.is_some()
    }

    /// Drops the activities not covered from the outline.
    pub fn apply(&self, outline: &mut PlanOutline) {
        let owner = self.body.is_some() && self.body == outline.plan.owner_acronym;
        outline.nodes.retain(|n| {
            if !n.kind.is_activity() {
                return true;
            }
            let body_ok = owner
                || self
                    .body
                    .as_ref()
                    .is_none_or(|b| n.details.responsible_bodies.contains(b));
            let serves_ok = self
                .serves
                .as_ref()
                .is_none_or(|code| n.details.serves_under(code));
            body_ok && serves_ok
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::monitoring::ReportCity;
    use crate::monitoring::fixtures::{Outline, day};
    use crate::plan::{NodeDetails, NodeKind};

    fn codes(o: &PlanOutline) -> Vec<&str> {
        o.nodes.iter().map(|n| n.code.as_str()).collect()
    }

    fn plan() -> Outline {
        let mut o = Outline::empty();
        let objective = o.add(None, NodeKind::Objective, "1.O");
        let serving = |serves: &[&str], bodies: &[&str]| NodeDetails {
            serves: serves.iter().map(|s| (*s).to_owned()).collect(),
            responsible_bodies: bodies.iter().map(|b| (*b).to_owned()).collect(),
            ..NodeDetails::default()
        };
        o.node(
            Some(objective),
            NodeKind::Activity,
            "1.a",
            serving(&["T1.2"], &["UT-A"]),
        );
        o.node(
            Some(objective),
            NodeKind::Activity,
            "1.b",
            serving(&["T10"], &["UT-B"]),
        );
        o.node(
            Some(objective),
            NodeKind::Activity,
            "1.c",
            serving(&["T1"], &[]),
        );
        o
    }

    #[test]
    fn activities_narrow_by_body_and_by_what_they_serve() {
        let narrowed = |body: Option<&str>, serves: Option<&str>| {
            let mut o = plan().outline;
            Narrowing {
                body: body.map(str::to_owned),
                serves: serves.map(str::to_owned),
            }
            .apply(&mut o);
            codes(&o).into_iter().map(str::to_owned).collect::<Vec<_>>()
        };
        assert_eq!(narrowed(None, None), ["1.O", "1.a", "1.b", "1.c"]);
        assert_eq!(narrowed(Some("UT-A"), None), ["1.O", "1.a"]);
        // The plan's owner (SE) covers every activity.
        assert_eq!(narrowed(Some("SE"), None), ["1.O", "1.a", "1.b", "1.c"]);
        // T1 takes in its goal T1.2, not T10.
        assert_eq!(narrowed(None, Some("T1")), ["1.O", "1.a", "1.c"]);
        assert_eq!(narrowed(Some("UT-B"), Some("T1")), ["1.O"]);
    }

    #[test]
    fn reports_count_by_date_country_and_node() {
        let o = plan();
        let report = |code: &str, on: u32, country: &str| ReportRecord {
            reported_on: day(on),
            cities: vec![ReportCity {
                id: crate::ids::CityId::new(),
                name: "Montevideo".to_owned(),
                country: country.to_owned(),
            }],
            ..o.report(code)
        };
        let reports = vec![
            report("1.a", 5, "UY"),
            report("1.b", 10, "AR"),
            report("1.c", 20, "UY"),
            report("9.z", 10, "UY"),
        ];
        let scope = ReportScope {
            from: Some(day(5)),
            until: Some(day(10)),
            country: Some("UY".to_owned()),
        };
        let kept: Vec<String> = scope
            .reports_in(&o.outline, reports)
            .into_iter()
            .map(|r| r.node_code)
            .collect();
        // 1.b is of Argentina, 1.c after the period, 9.z on no node of the plan.
        assert_eq!(kept, ["1.a"]);
    }
}
