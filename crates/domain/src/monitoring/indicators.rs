//! Measurable indicators on objectives and activities (as in the IATI results standard), and
//! how the values of several add up.

use super::share;
use crate::ids::{IndicatorId, NodeId, PlanId};
use crate::plan::{NodeKind, PlanOutline, Text};
use crate::registry::closed_set;
use crate::validation::{FieldError, codes};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

closed_set!(
    /// What an indicator measures (as in the IATI results standard).
    Measure {
        Unit => "unit",
        Percentage => "percentage",
        YesNo => "yes_no",
        Qualitative => "qualitative",
    }
);

/// A value of an indicator, in the shape its measure asks for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorValue {
    /// A count or amount (`unit`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    /// A share (`percentage`): so many out of so many.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub numerator: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub denominator: Option<f64>,
    /// Reached or not (`yes_no`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reached: Option<bool>,
    /// A description (`qualitative`, and a comment for every measure).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

impl IndicatorValue {
    /// Checks the value against its measure; `field` is where it sits.
    pub fn check(&self, field: &str, measure: Measure) -> Result<(), FieldError> {
        let require = |present: bool, name: &str| {
            if present {
                Ok(())
            } else {
                Err(FieldError::new(format!("{field}.{name}"), codes::REQUIRED))
            }
        };
        match measure {
            Measure::Unit => {
                require(self.value.is_some(), "value")?;
                if self.value.is_some_and(|v| !v.is_finite() || v < 0.0) {
                    return Err(
                        FieldError::new(format!("{field}.value"), codes::OUT_OF_RANGE)
                            .with("min", 0)
                            .with("max", "∞"),
                    );
                }
            }
            Measure::Percentage => {
                require(self.numerator.is_some(), "numerator")?;
                require(self.denominator.is_some(), "denominator")?;
                let (n, d) = (
                    self.numerator.unwrap_or_default(),
                    self.denominator.unwrap_or_default(),
                );
                if !d.is_finite() || d <= 0.0 {
                    return Err(FieldError::new(
                        format!("{field}.denominator"),
                        codes::OUT_OF_RANGE,
                    )
                    .with("min", "more than 0")
                    .with("max", "∞"));
                }
                if !n.is_finite() || n < 0.0 || n > d {
                    return Err(
                        FieldError::new(format!("{field}.numerator"), codes::OUT_OF_RANGE)
                            .with("min", 0)
                            .with("max", "the denominator (100 %)"),
                    );
                }
            }
            Measure::YesNo => require(self.reached.is_some(), "reached")?,
            Measure::Qualitative => require(
                self.comment
                    .as_deref()
                    .is_some_and(|c| !c.trim().is_empty()),
                "comment",
            )?,
        }
        Ok(())
    }
}

/// How the values of several indicators of one measure add up.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RollUp {
    pub measure: Measure,
    pub indicators: usize,
    /// The aggregated target and actual: a sum (`unit`), a percentage (`percentage`, `yes_no`).
    pub target: Option<f64>,
    pub actual: Option<f64>,
    /// How they were computed.
    pub formula: &'static str,
    /// The weight of each indicator in the result (its denominator for percentages).
    pub weights: Vec<f64>,
}

/// Adds up the values of indicators that share a measure; `None` when none has a value.
fn aggregate(measure: Measure, values: &[Option<&IndicatorValue>]) -> Option<f64> {
    let present: Vec<&IndicatorValue> = values.iter().flatten().copied().collect();
    if present.is_empty() {
        return None;
    }
    match measure {
        Measure::Unit => Some(present.iter().filter_map(|v| v.value).sum()),
        Measure::Percentage => {
            let n: f64 = present.iter().filter_map(|v| v.numerator).sum();
            let d: f64 = present.iter().filter_map(|v| v.denominator).sum();
            (d > 0.0).then(|| (1000.0 * n / d).round() / 10.0)
        }
        Measure::YesNo => {
            let answered: Vec<bool> = present.iter().filter_map(|v| v.reached).collect();
            let reached = answered.iter().filter(|r| **r).count() as u64;
            (!answered.is_empty()).then(|| share(reached, answered.len() as u64))
        }
        Measure::Qualitative => None,
    }
}

/// Adds up indicators that share a measure: their targets, and their actuals.
pub fn roll_up(
    measure: Measure,
    targets: &[Option<&IndicatorValue>],
    actuals: &[Option<&IndicatorValue>],
) -> RollUp {
    let (formula, weights) = match measure {
        Measure::Unit => ("sum of the values", vec![1.0; actuals.len()]),
        Measure::Percentage => (
            "100 × sum of the numerators / sum of the denominators",
            actuals
                .iter()
                .map(|a| a.and_then(|v| v.denominator).unwrap_or_default())
                .collect(),
        ),
        Measure::YesNo => (
            "100 × indicators reached / indicators answered",
            vec![1.0; actuals.len()],
        ),
        Measure::Qualitative => (
            "not added up: qualitative indicators are read one by one",
            Vec::new(),
        ),
    };
    RollUp {
        measure,
        indicators: actuals.len(),
        target: aggregate(measure, targets),
        actual: aggregate(measure, actuals),
        formula,
        weights,
    }
}

/// An indicator as kept, on an objective or an activity of a plan.
#[derive(Debug, Clone)]
pub struct IndicatorRecord {
    pub id: IndicatorId,
    pub plan_id: PlanId,
    pub node_id: NodeId,
    pub measure: Measure,
    pub indicator: IndicatorDoc,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// The value an indicator started from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub year: i32,
    pub value: IndicatorValue,
}

/// A breakdown of an actual value (by country, for instance).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Disaggregation {
    /// What it is broken down by (`country`).
    pub dimension: String,
    /// The part (`UY`).
    pub value: String,
    pub actual: IndicatorValue,
}

/// A period of an indicator, with its target and what was reached.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorPeriod {
    pub starts_on: chrono::NaiveDate,
    pub ends_on: chrono::NaiveDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<IndicatorValue>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actual: Option<IndicatorValue>,
    /// Links to evidence of the actual value.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub disaggregations: Vec<Disaggregation>,
}

/// A measurable indicator on an objective or an activity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorDoc {
    pub title: Text,
    pub measure: String,
    /// Whether more is better (default true).
    #[serde(default = "yes")]
    pub ascending: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<Baseline>,
    #[serde(default)]
    pub periods: Vec<IndicatorPeriod>,
}

fn yes() -> bool {
    true
}

impl IndicatorDoc {
    /// Checks the indicator; errors name their place (`periods[1].actual.numerator`).
    pub fn validate(&self) -> Result<Measure, crate::ValidationErrors> {
        let mut errors = crate::ValidationErrors::new();
        let has_title = [&self.title.es, &self.title.pt, &self.title.en]
            .iter()
            .any(|t| t.as_deref().is_some_and(|t| !t.trim().is_empty()));
        if !has_title {
            errors.push(FieldError::new("title", codes::EMPTY));
        }
        for (lang, t) in [
            ("es", &self.title.es),
            ("pt", &self.title.pt),
            ("en", &self.title.en),
        ] {
            if t.as_deref().is_some_and(|t| t.chars().count() > 2_000) {
                errors.push(
                    FieldError::new(format!("title.{lang}"), codes::TOO_LONG).with("max", 2_000),
                );
            }
        }
        let measure = errors.take(Measure::parse("measure", &self.measure));
        if let (Some(m), Some(b)) = (measure, &self.baseline) {
            if !(1900..=2200).contains(&b.year) {
                errors.push(
                    FieldError::new("baseline.year", codes::OUT_OF_RANGE)
                        .with("min", 1900)
                        .with("max", 2200),
                );
            }
            errors.take(b.value.check("baseline.value", m));
        }
        for (i, p) in self.periods.iter().enumerate() {
            let field = format!("periods[{i}]");
            if p.ends_on < p.starts_on {
                errors.push(
                    FieldError::new(format!("{field}.ends_on"), codes::DATE_ORDER)
                        .with("starts_on", p.starts_on),
                );
            }
            if let Some(m) = measure {
                if let Some(t) = &p.target {
                    errors.take(t.check(&format!("{field}.target"), m));
                }
                if let Some(a) = &p.actual {
                    errors.take(a.check(&format!("{field}.actual"), m));
                }
                for (j, d) in p.disaggregations.iter().enumerate() {
                    errors.take(
                        d.actual
                            .check(&format!("{field}.disaggregations[{j}].actual"), m),
                    );
                    if d.dimension.trim().is_empty() {
                        errors.push(FieldError::new(
                            format!("{field}.disaggregations[{j}].dimension"),
                            codes::EMPTY,
                        ));
                    }
                }
            }
            for (j, e) in p.evidence.iter().enumerate() {
                errors.take(crate::registry::WebAddress::parse(
                    &format!("{field}.evidence[{j}]"),
                    e,
                ));
            }
        }
        errors.finish(|| measure)
    }

    /// The target and actual of the latest period (by its end).
    pub fn current(&self) -> (Option<&IndicatorValue>, Option<&IndicatorValue>) {
        self.periods
            .iter()
            .max_by_key(|p| p.ends_on)
            .map_or((None, None), |p| (p.target.as_ref(), p.actual.as_ref()))
    }
}

closed_set!(
    /// Where indicators are rolled up to.
    RollUpLevel {
        Objective => "objective",
        Policy => "policy",
        Plan => "plan",
    }
);

/// The indicators of one part of the plan, added up by measure.
#[derive(Debug, Clone, PartialEq)]
pub struct LevelRollUp {
    pub level: RollUpLevel,
    /// The node's code; empty for the plan.
    pub code: String,
    pub title: Text,
    /// One roll-up per measure present, in the order of [`Measure::ALL`].
    pub measures: Vec<RollUp>,
}

/// Rolls indicators up, one roll-up per measure present; each counts with its latest period.
fn measures(indicators: &[&IndicatorRecord]) -> Vec<RollUp> {
    Measure::ALL
        .iter()
        .filter_map(|m| {
            let current: Vec<_> = indicators
                .iter()
                .filter(|i| i.measure == *m)
                .map(|i| i.indicator.current())
                .collect();
            if current.is_empty() {
                return None;
            }
            let targets: Vec<_> = current.iter().map(|(t, _)| *t).collect();
            let actuals: Vec<_> = current.iter().map(|(_, a)| *a).collect();
            Some(roll_up(*m, &targets, &actuals))
        })
        .collect()
}

/// The indicators of a plan rolled up to every objective and policy they sit under (in tree
/// order), and to the plan when it has any.
pub fn plan_roll_ups(outline: &PlanOutline, indicators: &[IndicatorRecord]) -> Vec<LevelRollUp> {
    let parent_of = outline.parents();
    // Every node an indicator sits under, its own included.
    let mut under: HashMap<NodeId, Vec<&IndicatorRecord>> = HashMap::new();
    for indicator in indicators {
        let mut current = Some(indicator.node_id);
        while let Some(node) = current {
            under.entry(node).or_default().push(indicator);
            current = parent_of.get(&node).copied().flatten();
        }
    }
    let mut roll_ups: Vec<LevelRollUp> = outline
        .nodes
        .iter()
        .filter_map(|n| {
            let level = match n.kind {
                NodeKind::Objective => RollUpLevel::Objective,
                NodeKind::Policy => RollUpLevel::Policy,
                _ => return None,
            };
            Some(LevelRollUp {
                level,
                code: n.code.clone(),
                title: n.title.clone(),
                measures: measures(under.get(&n.id)?),
            })
        })
        .collect();
    if !indicators.is_empty() {
        let every: Vec<&IndicatorRecord> = indicators.iter().collect();
        roll_ups.push(LevelRollUp {
            level: RollUpLevel::Plan,
            code: String::new(),
            title: outline.plan.title.clone(),
            measures: measures(&every),
        });
    }
    roll_ups
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pct(n: f64, d: f64) -> IndicatorValue {
        IndicatorValue {
            value: None,
            numerator: Some(n),
            denominator: Some(d),
            reached: None,
            comment: None,
        }
    }

    #[test]
    fn percentages_add_up_numerators_over_denominators() {
        let (a, b) = (pct(1.0, 4.0), pct(9.0, 16.0));
        let r = roll_up(Measure::Percentage, &[None, None], &[Some(&a), Some(&b)]);
        assert_eq!(
            r.actual,
            Some(50.0),
            "(1 + 9) / (4 + 16), not the mean of 25 % and 56.25 %"
        );
        assert_eq!(r.weights, [4.0, 16.0]);
        assert_eq!(r.target, None);
    }

    #[test]
    fn values_are_checked_against_their_measure() {
        assert!(
            pct(140.0, 100.0)
                .check("actual", Measure::Percentage)
                .is_err()
        );
        assert!(pct(1.0, 0.0).check("actual", Measure::Percentage).is_err());
        assert!(
            pct(40.0, 100.0)
                .check("actual", Measure::Percentage)
                .is_ok()
        );
        let unit = IndicatorValue {
            value: Some(-1.0),
            numerator: None,
            denominator: None,
            reached: None,
            comment: None,
        };
        assert_eq!(
            unit.check("target", Measure::Unit).map_err(|e| e.field),
            Err("target.value".to_owned())
        );
        assert!(unit.check("target", Measure::YesNo).is_err());
    }

    #[test]
    fn units_sum_and_yes_no_share() {
        let v = |x: f64| IndicatorValue {
            value: Some(x),
            numerator: None,
            denominator: None,
            reached: None,
            comment: None,
        };
        let (a, b) = (v(3.0), v(4.0));
        assert_eq!(
            roll_up(Measure::Unit, &[Some(&a), None], &[Some(&b), Some(&a)]).actual,
            Some(7.0)
        );
        let yes = IndicatorValue {
            reached: Some(true),
            ..v(0.0)
        };
        let no = IndicatorValue {
            reached: Some(false),
            ..v(0.0)
        };
        assert_eq!(
            roll_up(
                Measure::YesNo,
                &[None, None, None],
                &[Some(&yes), Some(&no), Some(&yes)]
            )
            .actual,
            Some(66.7)
        );
    }

    fn indicator(
        node: NodeId,
        measure: Measure,
        periods: Vec<(u32, IndicatorValue)>,
    ) -> IndicatorRecord {
        use crate::monitoring::fixtures::{day, text};
        let periods = periods
            .into_iter()
            .map(|(ends, actual)| IndicatorPeriod {
                starts_on: day(1),
                ends_on: day(ends),
                target: None,
                actual: Some(actual),
                evidence: vec![],
                disaggregations: vec![],
            })
            .collect();
        IndicatorRecord {
            id: IndicatorId::new(),
            plan_id: PlanId::new(),
            node_id: node,
            measure,
            indicator: IndicatorDoc {
                title: text("Indicador"),
                measure: measure.as_str().to_owned(),
                ascending: true,
                baseline: None,
                periods,
            },
            version: 1,
            created_at: DateTime::<Utc>::default(),
            updated_at: DateTime::<Utc>::default(),
        }
    }

    #[test]
    fn indicators_roll_up_to_their_objectives_policies_and_the_plan() {
        let mut o = crate::monitoring::fixtures::Outline::empty();
        let p1 = o.add(None, NodeKind::Policy, "1");
        let o1 = o.add(Some(p1), NodeKind::Objective, "1.O");
        let a1 = o.activity(o1, "1.a", &[], None);
        let a2 = o.activity(o1, "1.b", &[], None);
        let p2 = o.add(None, NodeKind::Policy, "2");
        o.add(Some(p2), NodeKind::Objective, "2.O");
        let unit = IndicatorValue {
            value: Some(3.0),
            ..pct(0.0, 0.0)
        };
        let indicators = [
            // On the objective: its latest period (1 of 4) counts, not the earlier 4 of 4.
            indicator(
                o1,
                Measure::Percentage,
                vec![(10, pct(4.0, 4.0)), (20, pct(1.0, 4.0))],
            ),
            indicator(a1, Measure::Percentage, vec![(20, pct(9.0, 16.0))]),
            indicator(a2, Measure::Unit, vec![(20, unit)]),
        ];
        let roll_ups = plan_roll_ups(&o.outline, &indicators);
        type Figures = Vec<(Measure, usize, Option<f64>)>;
        let summary: Vec<(RollUpLevel, &str, Figures)> = roll_ups
            .iter()
            .map(|r| {
                let measures = r
                    .measures
                    .iter()
                    .map(|m| (m.measure, m.indicators, m.actual))
                    .collect();
                (r.level, r.code.as_str(), measures)
            })
            .collect();
        // (1 + 9) / (4 + 16) = 50 %; the unit indicator adds up to 3. Policy 2 and its
        // objective have no indicator and no roll-up.
        let figures = vec![
            (Measure::Unit, 1, Some(3.0)),
            (Measure::Percentage, 2, Some(50.0)),
        ];
        assert_eq!(
            summary,
            [
                (RollUpLevel::Policy, "1", figures.clone()),
                (RollUpLevel::Objective, "1.O", figures.clone()),
                (RollUpLevel::Plan, "", figures),
            ]
        );
        assert_eq!(roll_ups[0].measures[1].weights, [4.0, 16.0]);
        assert!(plan_roll_ups(&o.outline, &[]).is_empty());
    }
}
