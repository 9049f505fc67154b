//! OpenAPI shapes of the plan document and of the monitoring values, whose JSON is that of
//! the domain types (`mercociudades_domain::plan`, `::monitoring`). They describe, they are
//! never built by the handlers, which (de)serialize the domain types; a test reads a complete
//! domain value through each shape and gets the same JSON back, so no field is missing or extra.
#![allow(dead_code)]

use super::Localized;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// An amount of money: integer minor units (cents) and an ISO 4217 currency.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Money {
    /// In minor units: 150000 is 1,500.00.
    pub amount_minor: i64,
    /// ISO 4217 (`USD`, `UYU`).
    pub currency: String,
}

/// What activities and sub-activities carry; absent on other nodes.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ActivityFields {
    #[schema(value_type = Option<super::closed::ActivityStatus>)]
    pub status: Option<String>,
    pub starts_on: Option<NaiveDate>,
    pub ends_on: Option<NaiveDate>,
    /// Acronyms of the responsible bodies (`SE`, `UT-DS`).
    pub responsible_bodies: Option<Vec<String>>,
    /// Responsible cities, as `Name (CC)`: `Montevideo (UY)`.
    pub responsible_cities: Option<Vec<String>>,
    /// Partner organisations, by name.
    pub partners: Option<Vec<String>>,
    /// Codes of the thematic perspectives or goals of the strategic plan served (`T1`, `T1.2`).
    pub serves: Option<Vec<String>>,
    /// Codes of the Executive Secretariat plan's axes the activity contributes to (`1.2.1`).
    pub contributes_to: Option<Vec<String>>,
    pub expected_results: Option<Localized>,
    pub budget: Option<Money>,
    pub funding_source: Option<String>,
}

/// A node as written: in a plan document (with its children), or alone when added or replaced.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct NodeData {
    #[schema(value_type = super::closed::NodeKind)]
    pub kind: String,
    /// Unique within the plan: letters, digits and dots (`1.2.a`).
    pub code: String,
    pub title: Localized,
    pub text: Option<Localized>,
    #[serde(flatten)]
    pub activity: ActivityFields,
    /// In a plan document only; absent on a leaf.
    #[schema(no_recursion)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub children: Option<Vec<NodeData>>,
}

/// A coded text of the strategic plan: a value perspective, a goal, a strategic policy.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct CodedText {
    pub code: String,
    pub title: Localized,
}

/// A thematic perspective of the strategic plan, with its goals.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ThematicPerspective {
    /// `T1`.
    pub code: String,
    pub title: Localized,
    /// Codes `T1.1`, `T1.2`.
    pub goals: Option<Vec<CodedText>>,
}

/// The network's strategic plan that work plans serve.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct StrategicPlan {
    pub title: Localized,
    pub starts_on: Option<NaiveDate>,
    pub ends_on: Option<NaiveDate>,
    /// The Summit (or Board meeting) that approved it, and when.
    pub approved_by_meeting: Option<String>,
    pub approved_on: Option<NaiveDate>,
    pub mission: Option<Localized>,
    pub vision: Option<Localized>,
    pub value_perspectives: Option<Vec<CodedText>>,
    pub thematic_perspectives: Option<Vec<ThematicPerspective>>,
    pub strategic_policies: Option<Vec<CodedText>>,
}

/// Which body owns a work plan: its kind, and its acronym when the kind has several bodies.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct OwnerRef {
    #[schema(value_type = super::closed::BodyKind)]
    pub kind: String,
    pub acronym: Option<String>,
}

/// The work plan of a plan document.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct WorkPlan {
    pub title: Localized,
    pub owner: OwnerRef,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub presentation: Option<Localized>,
    pub nodes: Option<Vec<NodeData>>,
}

/// A plan document (`format: mercociudades-plan`, `format_version: 1`), as imported and exported.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct PlanDocument {
    /// `mercociudades-plan`.
    pub format: String,
    /// 1.
    pub format_version: u32,
    pub strategic_plan: Option<StrategicPlan>,
    pub work_plan: WorkPlan,
}

/// A node as summed up in a diff.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct NodeSummary {
    pub code: String,
    #[schema(value_type = super::closed::NodeKind)]
    pub kind: String,
    pub title: Localized,
}

/// A node present in both revisions, and which of its fields differ.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct NodeChange {
    pub code: String,
    /// The names of the fields that differ (`title`, `status`, …).
    pub fields: Vec<String>,
    pub before: NodeSummary,
    pub after: NodeSummary,
}

/// What changed between two revisions of a plan, node by node (nodes are matched by code).
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct PlanDiff {
    pub added: Vec<NodeSummary>,
    pub removed: Vec<NodeSummary>,
    pub changed: Vec<NodeChange>,
}

/// A value of an indicator, in the shape its measure asks for: `value` (unit), `numerator`
/// and `denominator` (percentage), `reached` (yes/no), `comment` (qualitative, and a comment
/// for every measure).
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct IndicatorValue {
    pub value: Option<f64>,
    pub numerator: Option<f64>,
    pub denominator: Option<f64>,
    pub reached: Option<bool>,
    pub comment: Option<String>,
}

/// The value an indicator started from.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Baseline {
    pub year: i32,
    pub value: IndicatorValue,
}

/// A breakdown of an actual value (by country, for instance).
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Disaggregation {
    /// What it is broken down by (`country`).
    pub dimension: String,
    /// The part (`UY`).
    pub value: String,
    pub actual: IndicatorValue,
}

/// A period of an indicator, with its target and what was reached.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct IndicatorPeriod {
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub target: Option<IndicatorValue>,
    pub actual: Option<IndicatorValue>,
    /// Links to evidence of the actual value.
    pub evidence: Option<Vec<String>>,
    pub disaggregations: Option<Vec<Disaggregation>>,
}

/// A measurable indicator on an objective or an activity.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct IndicatorData {
    pub title: Localized,
    #[schema(value_type = super::closed::Measure)]
    pub measure: String,
    /// Whether more is better (default true).
    pub ascending: Option<bool>,
    pub baseline: Option<Baseline>,
    pub periods: Option<Vec<IndicatorPeriod>>,
}

/// How the values of several indicators of one measure add up.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct RollUp {
    #[schema(value_type = super::closed::Measure)]
    pub measure: String,
    pub indicators: u64,
    /// The aggregated target and actual: a sum (`unit`), a percentage (`percentage`, `yes_no`).
    pub target: Option<f64>,
    pub actual: Option<f64>,
    /// How they were computed.
    pub formula: String,
    /// The weight of each indicator in the result (its denominator for percentages).
    pub weights: Vec<f64>,
}

/// One result of an activity (the source's indicator 3).
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ReportResultData {
    #[schema(value_type = super::closed::ResultKind)]
    pub kind: String,
    /// Its stage on the kind's ladder; absent for kinds without one.
    #[schema(value_type = Option<super::closed::ResultStage>)]
    pub stage: Option<String>,
    pub achieved_on: Option<NaiveDate>,
    pub description: Option<Localized>,
    /// Links to evidence.
    pub evidence: Option<Vec<String>>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use mercociudades_domain::monitoring as m;
    use mercociudades_domain::plan as p;
    use serde::de::DeserializeOwned;
    use serde_json::{Value, json};

    /// A complete domain value read through its shape comes back the same: the shape has
    /// every field the domain writes, and no other.
    fn same<Shape: Serialize + DeserializeOwned>(domain: Value) {
        let shape: Shape =
            serde_json::from_value(domain.clone()).unwrap_or_else(|e| panic!("{e}: {domain}"));
        let back = serde_json::to_value(&shape).unwrap_or_default();
        assert_eq!(back, domain, "{}", std::any::type_name::<Shape>());
    }

    fn text() -> p::Text {
        p::Text {
            es: Some("Cultura".into()),
            pt: Some("Cultura".into()),
            en: Some("Culture".into()),
        }
    }

    fn node() -> p::NodeDoc {
        p::NodeDoc {
            kind: "activity".into(),
            code: "1.1.a".into(),
            title: text(),
            text: Some(text()),
            status: Some("planned".into()),
            starts_on: NaiveDate::from_ymd_opt(2012, 1, 1),
            ends_on: NaiveDate::from_ymd_opt(2012, 12, 1),
            responsible_bodies: vec!["SE".into()],
            responsible_cities: vec!["Montevideo (UY)".into()],
            partners: vec!["FAMSI".into()],
            serves: vec!["T1".into()],
            contributes_to: vec!["1.2.1".into()],
            expected_results: Some(text()),
            budget: Some(p::Money {
                amount_minor: 150_000,
                currency: "USD".into(),
            }),
            funding_source: Some("FOCEM".into()),
            children: vec![],
        }
    }

    fn value() -> m::IndicatorValue {
        m::IndicatorValue {
            value: Some(1.0),
            numerator: Some(1.0),
            denominator: Some(4.0),
            reached: Some(true),
            comment: Some("ok".into()),
        }
    }

    fn json_of(value: impl Serialize) -> Value {
        serde_json::to_value(value).unwrap_or_default()
    }

    #[test]
    fn plan_shapes_name_the_fields_of_the_domain() {
        let coded = p::CodedText {
            code: "T1.1".into(),
            title: text(),
        };
        let strategic = p::StrategicPlanDoc {
            title: text(),
            starts_on: NaiveDate::from_ymd_opt(2011, 1, 1),
            ends_on: NaiveDate::from_ymd_opt(2015, 1, 1),
            approved_by_meeting: Some("XVI Cumbre".into()),
            approved_on: NaiveDate::from_ymd_opt(2010, 12, 1),
            mission: Some(text()),
            vision: Some(text()),
            value_perspectives: vec![coded.clone()],
            thematic_perspectives: vec![p::ThematicPerspectiveDoc {
                code: "T1".into(),
                title: text(),
                goals: vec![coded.clone()],
            }],
            strategic_policies: vec![coded],
        };
        let mut parent = node();
        parent.children = vec![node()];
        let document = p::PlanDocument {
            format: p::FORMAT.into(),
            format_version: p::FORMAT_VERSION,
            strategic_plan: Some(strategic),
            work_plan: p::WorkPlanDoc {
                title: text(),
                owner: p::OwnerRef {
                    kind: "thematic_unit".into(),
                    acronym: Some("UTC".into()),
                },
                starts_on: NaiveDate::from_ymd_opt(2012, 1, 1).unwrap_or_default(),
                ends_on: NaiveDate::from_ymd_opt(2012, 12, 1).unwrap_or_default(),
                presentation: Some(text()),
                nodes: vec![parent],
            },
        };
        same::<PlanDocument>(json_of(&document));
        // A node alone has no children.
        same::<NodeData>(json_of(node()));
        // The fields of an activity as read back from the store.
        let mut stored = json_of(node());
        for key in ["kind", "code", "title", "text", "children"] {
            stored.as_object_mut().map(|o| o.remove(key));
        }
        let details: mercociudades_domain::plan::NodeDetails =
            serde_json::from_value(stored.clone()).unwrap_or_default();
        assert_eq!(json_of(&details), stored);
        same::<ActivityFields>(stored);
        let summary = json!({"code": "1.1.a", "kind": "activity", "title": json_of(text())});
        same::<PlanDiff>(json!({
            "added": [summary],
            "removed": [summary],
            "changed": [{"code": "1.1.a", "fields": ["title"], "before": summary, "after": summary}],
        }));
    }

    #[test]
    fn monitoring_shapes_name_the_fields_of_the_domain() {
        let indicator = m::IndicatorDoc {
            title: text(),
            measure: "percentage".into(),
            ascending: false,
            baseline: Some(m::Baseline {
                year: 2011,
                value: value(),
            }),
            periods: vec![m::IndicatorPeriod {
                starts_on: NaiveDate::from_ymd_opt(2012, 1, 1).unwrap_or_default(),
                ends_on: NaiveDate::from_ymd_opt(2012, 12, 1).unwrap_or_default(),
                target: Some(value()),
                actual: Some(value()),
                evidence: vec!["https://example.org/acta".into()],
                disaggregations: vec![m::Disaggregation {
                    dimension: "country".into(),
                    value: "UY".into(),
                    actual: value(),
                }],
            }],
        };
        same::<IndicatorData>(json_of(&indicator));
        let v = value();
        same::<RollUp>(json_of(m::roll_up(
            m::Measure::Percentage,
            &[Some(&v)],
            &[Some(&v)],
        )));
        let result = mercociudades_domain::monitoring::ReportResult {
            kind: m::ResultKind::Project,
            stage: Some(m::ResultStage::Funded),
            achieved_on: NaiveDate::from_ymd_opt(2012, 5, 1),
            description: Some(text()),
            evidence: vec!["https://example.org/convenio".into()],
        };
        same::<ReportResultData>(json_of(&result));
    }
}
