//! The plan document that carries a plan in and out of the platform (JSON and YAML), and its
//! validation: every error names its place in the document.

use super::{ActivityStatus, FORMAT, FORMAT_VERSION, MAX_NODES, NodeKind, TEXT_MAX, TITLE_MAX};
use crate::validation::{FieldError, ValidationErrors, bounded_text, codes};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// A text in es/pt/en as written in a plan document; absent languages are left out.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub es: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pt: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
}

impl Text {
    /// Trims every language, drops empty ones, bounds them, and requires one.
    fn normalize(&mut self, field: &str, max: usize, errors: &mut ValidationErrors) {
        for (lang, value) in [
            ("es", &mut self.es),
            ("pt", &mut self.pt),
            ("en", &mut self.en),
        ] {
            if let Some(v) = value.take() {
                let trimmed = v.trim();
                if trimmed.is_empty() {
                    continue;
                }
                match bounded_text(&format!("{field}.{lang}"), trimmed, max) {
                    Ok(t) => *value = Some(t),
                    Err(e) => errors.push(e),
                }
            }
        }
        if self.es.is_none()
            && self.pt.is_none()
            && self.en.is_none()
            && !errors.0.iter().any(|e| e.field.starts_with(field))
        {
            errors.push(FieldError::new(field, codes::EMPTY));
        }
    }

    pub fn is_empty(&self) -> bool {
        self.es.is_none() && self.pt.is_none() && self.en.is_none()
    }
}

impl From<&crate::text::LocalizedText> for Text {
    fn from(t: &crate::text::LocalizedText) -> Self {
        Text {
            es: t.es().map(str::to_owned),
            pt: t.pt().map(str::to_owned),
            en: t.en().map(str::to_owned),
        }
    }
}

/// The whole document: the strategic plan (optional) and one work plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanDocument {
    pub format: String,
    pub format_version: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub strategic_plan: Option<StrategicPlanDoc>,
    pub work_plan: WorkPlanDoc,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StrategicPlanDoc {
    pub title: Text,
    /// The period the strategic plan covers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub starts_on: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ends_on: Option<NaiveDate>,
    /// The Summit (or Board meeting) that approved it, and when.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approved_by_meeting: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approved_on: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mission: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vision: Option<Text>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub value_perspectives: Vec<CodedText>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub thematic_perspectives: Vec<ThematicPerspectiveDoc>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub strategic_policies: Vec<CodedText>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CodedText {
    pub code: String,
    pub title: Text,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThematicPerspectiveDoc {
    pub code: String,
    pub title: Text,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub goals: Vec<CodedText>,
}

/// Which body owns a work plan: its kind, and its acronym when the kind has several bodies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OwnerRef {
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acronym: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WorkPlanDoc {
    pub title: Text,
    pub owner: OwnerRef,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub presentation: Option<Text>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub nodes: Vec<NodeDoc>,
}

/// An amount of money: integer minor units (cents) and an ISO 4217 currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Money {
    pub amount_minor: i64,
    pub currency: String,
}

/// A node of the tree. The fields after `text` belong to activities and sub-activities only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NodeDoc {
    pub kind: String,
    pub code: String,
    pub title: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub starts_on: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ends_on: Option<NaiveDate>,
    /// Acronyms of the responsible bodies (`SE`, `UT-DS`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub responsible_bodies: Vec<String>,
    /// Responsible cities, as `Name (CC)`: `Montevideo (UY)`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub responsible_cities: Vec<String>,
    /// Partner organisations, by name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub partners: Vec<String>,
    /// Codes of the thematic perspectives or goals of the strategic plan served (`T1`, `T1.2`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub serves: Vec<String>,
    /// Codes of the Executive Secretariat plan's axes the activity contributes to (`1.2.1`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contributes_to: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected_results: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget: Option<Money>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub funding_source: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<NodeDoc>,
}

/// A code: letters, digits and dots, starting and ending with a letter or digit.
pub fn check_code(field: &str, code: &str) -> Result<(), FieldError> {
    let valid = !code.is_empty()
        && code.len() <= 64
        && code
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-' || c == '_')
        && code
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphanumeric())
        && code
            .chars()
            .last()
            .is_some_and(|c| c.is_ascii_alphanumeric())
        && !code.contains("..");
    if valid {
        Ok(())
    } else {
        Err(FieldError::new(field, codes::INVALID_FORMAT).with("format", "code"))
    }
}

/// ISO 4217: three upper-case letters.
pub fn check_currency(field: &str, currency: &str) -> Result<(), FieldError> {
    if currency.len() == 3 && currency.chars().all(|c| c.is_ascii_uppercase()) {
        Ok(())
    } else {
        Err(FieldError::new(field, codes::INVALID_FORMAT).with("format", "ISO 4217 (USD)"))
    }
}

impl PlanDocument {
    /// Checks the document and puts it in canonical form (texts trimmed). Every error names its
    /// place: `work_plan.nodes[0].children[2].code`.
    pub fn validate(mut self) -> Result<PlanDocument, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        if self.format != FORMAT {
            errors.push(FieldError::new("format", codes::UNKNOWN_VALUE).with("allowed", FORMAT));
        }
        if self.format_version != FORMAT_VERSION {
            errors.push(
                FieldError::new("format_version", codes::UNKNOWN_VALUE)
                    .with("allowed", FORMAT_VERSION),
            );
        }
        let mut strategic_codes = HashSet::new();
        if let Some(sp) = &mut self.strategic_plan {
            sp.title
                .normalize("strategic_plan.title", TITLE_MAX, &mut errors);
            if let Some(m) = &mut sp.mission {
                m.normalize("strategic_plan.mission", TEXT_MAX, &mut errors);
            }
            if let Some(v) = &mut sp.vision {
                v.normalize("strategic_plan.vision", TEXT_MAX, &mut errors);
            }
            let mut coded = |field: String, item: &mut CodedText, errors: &mut ValidationErrors| {
                if let Err(e) = check_code(&format!("{field}.code"), &item.code) {
                    errors.push(e);
                } else if !strategic_codes.insert(item.code.clone()) {
                    errors.push(
                        FieldError::new(format!("{field}.code"), codes::DUPLICATE)
                            .with("value", &item.code),
                    );
                }
                item.title
                    .normalize(&format!("{field}.title"), TITLE_MAX, errors);
            };
            for (i, v) in sp.value_perspectives.iter_mut().enumerate() {
                coded(
                    format!("strategic_plan.value_perspectives[{i}]"),
                    v,
                    &mut errors,
                );
            }
            for (i, p) in sp.strategic_policies.iter_mut().enumerate() {
                coded(
                    format!("strategic_plan.strategic_policies[{i}]"),
                    p,
                    &mut errors,
                );
            }
            for (i, t) in sp.thematic_perspectives.iter_mut().enumerate() {
                let field = format!("strategic_plan.thematic_perspectives[{i}]");
                let mut head = CodedText {
                    code: t.code.clone(),
                    title: std::mem::take(&mut t.title),
                };
                coded(field.clone(), &mut head, &mut errors);
                t.title = head.title;
                for (j, g) in t.goals.iter_mut().enumerate() {
                    coded(format!("{field}.goals[{j}]"), g, &mut errors);
                }
            }
        }
        let wp = &mut self.work_plan;
        wp.title
            .normalize("work_plan.title", TITLE_MAX, &mut errors);
        if let Some(p) = &mut wp.presentation {
            p.normalize("work_plan.presentation", TEXT_MAX, &mut errors);
        }
        if let Err(e) = crate::registry::BodyKind::parse("work_plan.owner.kind", &wp.owner.kind) {
            errors.push(e);
        }
        if wp.ends_on < wp.starts_on {
            errors.push(
                FieldError::new("work_plan.ends_on", codes::DATE_ORDER)
                    .with("starts_on", wp.starts_on),
            );
        }
        let mut seen = HashMap::new();
        let mut count = 0usize;
        for (i, node) in wp.nodes.iter_mut().enumerate() {
            check_node(
                node,
                &format!("work_plan.nodes[{i}]"),
                None,
                &strategic_codes,
                &mut seen,
                &mut count,
                &mut errors,
            );
        }
        if count > MAX_NODES {
            errors.push(
                FieldError::new("work_plan.nodes", codes::OUT_OF_RANGE)
                    .with("min", 0)
                    .with("max", MAX_NODES),
            );
        }
        if errors.is_empty() {
            Ok(self)
        } else {
            Err(errors)
        }
    }

    /// The document in canonical JSON: two-space indentation and a final newline.
    pub fn to_json(&self) -> String {
        let mut out = serde_json::to_string_pretty(self).unwrap_or_default();
        out.push('\n');
        out
    }
}

/// Checks one node on its own (its children are not looked at): `parent` is the kind of the
/// node it goes under, `strategic_codes` the codes it may serve. Field paths are relative to
/// the node (`code`, `title.es`).
pub fn validate_node(
    mut node: NodeDoc,
    parent: Option<NodeKind>,
    strategic_codes: &HashSet<String>,
) -> Result<NodeDoc, ValidationErrors> {
    let mut errors = ValidationErrors::new();
    let children = std::mem::take(&mut node.children);
    let mut seen = HashMap::new();
    let mut count = 0;
    check_node(
        &mut node,
        "",
        parent,
        strategic_codes,
        &mut seen,
        &mut count,
        &mut errors,
    );
    for e in &mut errors.0 {
        e.field = e.field.trim_start_matches('.').to_owned();
    }
    node.children = children;
    if errors.is_empty() {
        Ok(node)
    } else {
        Err(errors)
    }
}

impl StrategicPlanDoc {
    /// Every code of the strategic plan: perspectives, goals and policies.
    pub fn codes(&self) -> HashSet<String> {
        let mut codes: HashSet<String> = self
            .value_perspectives
            .iter()
            .map(|v| v.code.clone())
            .collect();
        codes.extend(self.strategic_policies.iter().map(|p| p.code.clone()));
        for t in &self.thematic_perspectives {
            codes.insert(t.code.clone());
            codes.extend(t.goals.iter().map(|g| g.code.clone()));
        }
        codes
    }
}

#[allow(clippy::too_many_arguments)]
fn check_node(
    node: &mut NodeDoc,
    field: &str,
    parent: Option<NodeKind>,
    strategic_codes: &HashSet<String>,
    seen: &mut HashMap<String, String>,
    count: &mut usize,
    errors: &mut ValidationErrors,
) {
    *count += 1;
    if errors.0.len() > 200 {
        return;
    }
    let kind = match NodeKind::parse(&format!("{field}.kind"), &node.kind) {
        Ok(kind) => {
            if !kind.may_stand_under(parent) {
                errors.push(
                    FieldError::new(format!("{field}.kind"), codes::NOT_ALLOWED)
                        .with("parent", parent.map_or("the root", NodeKind::as_str)),
                );
            }
            Some(kind)
        }
        Err(e) => {
            errors.push(e);
            None
        }
    };
    match check_code(&format!("{field}.code"), &node.code) {
        Err(e) => errors.push(e),
        Ok(()) => {
            if let Some(first) = seen.get(&node.code) {
                errors.push(
                    FieldError::new(format!("{field}.code"), codes::DUPLICATE)
                        .with("value", &node.code)
                        .with("first", first),
                );
            } else {
                seen.insert(node.code.clone(), field.to_owned());
            }
        }
    }
    node.title
        .normalize(&format!("{field}.title"), TITLE_MAX, errors);
    if let Some(t) = &mut node.text {
        t.normalize(&format!("{field}.text"), TEXT_MAX, errors);
    }
    let is_activity = kind.is_some_and(NodeKind::is_activity);
    let activity_only = [
        ("status", node.status.is_some()),
        ("starts_on", node.starts_on.is_some()),
        ("ends_on", node.ends_on.is_some()),
        ("responsible_bodies", !node.responsible_bodies.is_empty()),
        ("responsible_cities", !node.responsible_cities.is_empty()),
        ("partners", !node.partners.is_empty()),
        ("serves", !node.serves.is_empty()),
        ("contributes_to", !node.contributes_to.is_empty()),
        ("expected_results", node.expected_results.is_some()),
        ("budget", node.budget.is_some()),
        ("funding_source", node.funding_source.is_some()),
    ];
    if kind.is_some() && !is_activity {
        for (name, present) in activity_only {
            if present {
                errors.push(
                    FieldError::new(format!("{field}.{name}"), codes::NOT_ALLOWED)
                        .with("kind", &node.kind),
                );
            }
        }
    }
    if let Some(status) = &node.status
        && let Err(e) = ActivityStatus::parse(&format!("{field}.status"), status)
    {
        errors.push(e);
    }
    if let (Some(s), Some(e)) = (node.starts_on, node.ends_on)
        && e < s
    {
        errors.push(
            FieldError::new(format!("{field}.ends_on"), codes::DATE_ORDER).with("starts_on", s),
        );
    }
    for (i, code) in node.serves.iter().enumerate() {
        if !strategic_codes.contains(code) {
            errors.push(
                FieldError::new(format!("{field}.serves[{i}]"), codes::NOT_FOUND)
                    .with("value", code),
            );
        }
    }
    for (list, name) in [
        (&mut node.responsible_bodies, "responsible_bodies"),
        (&mut node.responsible_cities, "responsible_cities"),
        (&mut node.partners, "partners"),
        (&mut node.contributes_to, "contributes_to"),
    ] {
        for (i, item) in list.iter_mut().enumerate() {
            match bounded_text(&format!("{field}.{name}[{i}]"), item, 200) {
                Ok(t) => *item = t,
                Err(e) => errors.push(e),
            }
        }
    }
    if let Some(r) = &mut node.expected_results {
        r.normalize(&format!("{field}.expected_results"), TEXT_MAX, errors);
    }
    if let Some(b) = &node.budget {
        if b.amount_minor < 0 {
            errors.push(
                FieldError::new(format!("{field}.budget.amount_minor"), codes::OUT_OF_RANGE)
                    .with("min", 0)
                    .with("max", i64::MAX),
            );
        }
        if let Err(e) = check_currency(&format!("{field}.budget.currency"), &b.currency) {
            errors.push(e);
        }
    }
    if let Some(f) = &mut node.funding_source {
        match bounded_text(&format!("{field}.funding_source"), f, 500) {
            Ok(t) => *f = t,
            Err(e) => errors.push(e),
        }
    }
    for (i, child) in node.children.iter_mut().enumerate() {
        check_node(
            child,
            &format!("{field}.children[{i}]"),
            kind,
            strategic_codes,
            seen,
            count,
            errors,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::fixtures::{doc, node};

    fn fields(result: Result<PlanDocument, ValidationErrors>) -> Vec<(String, &'static str)> {
        result
            .err()
            .map(|e| e.0.into_iter().map(|f| (f.field, f.code)).collect())
            .unwrap_or_default()
    }

    #[test]
    fn a_well_formed_tree_passes() {
        let tree = node(
            "dimension",
            "1",
            vec![node(
                "policy",
                "1.1",
                vec![
                    node("axis", "1.1.1", vec![]),
                    node(
                        "objective",
                        "1.1.O",
                        vec![node(
                            "activity",
                            "1.1.a",
                            vec![node("sub_activity", "1.1.a.1", vec![])],
                        )],
                    ),
                ],
            )],
        );
        assert!(doc(vec![tree]).validate().is_ok());
    }

    #[test]
    fn an_activity_under_a_dimension_is_refused_with_its_place() {
        let tree = node("dimension", "1", vec![node("activity", "1.a", vec![])]);
        assert_eq!(
            fields(doc(vec![tree]).validate()),
            [(
                "work_plan.nodes[0].children[0].kind".to_owned(),
                codes::NOT_ALLOWED
            )]
        );
    }

    #[test]
    fn duplicate_codes_and_missing_titles() {
        let mut untitled = node("dimension", "2", vec![]);
        untitled.title = Text::default();
        let result = doc(vec![
            node("dimension", "1", vec![]),
            node("dimension", "1", vec![]),
            untitled,
        ])
        .validate();
        assert_eq!(
            fields(result),
            [
                ("work_plan.nodes[1].code".to_owned(), codes::DUPLICATE),
                ("work_plan.nodes[2].title".to_owned(), codes::EMPTY)
            ]
        );
    }

    #[test]
    fn activity_fields_only_on_activities() {
        let mut policy = node("policy", "1.1", vec![]);
        policy.status = Some("done".to_owned());
        let mut activity = node("activity", "1.1.a", vec![]);
        activity.budget = Some(Money {
            amount_minor: -1,
            currency: "usd".to_owned(),
        });
        activity.status = Some("finished".to_owned());
        activity.serves = vec!["T9".to_owned()];
        policy.children = vec![node("objective", "1.1.O", vec![activity])];
        let result = doc(vec![node("dimension", "1", vec![policy])]).validate();
        let found: Vec<String> = fields(result).into_iter().map(|(f, _)| f).collect();
        let base = "work_plan.nodes[0].children[0]";
        let activity = format!("{base}.children[0].children[0]");
        assert_eq!(
            found,
            [
                format!("{base}.status"),
                format!("{activity}.status"),
                format!("{activity}.serves[0]"),
                format!("{activity}.budget.amount_minor"),
                format!("{activity}.budget.currency"),
            ]
        );
    }

    #[test]
    fn one_node_validates_with_relative_paths() {
        let mut n = node("activity", "1.1.a", vec![]);
        n.title = Text::default();
        let errors = validate_node(n, Some(NodeKind::Objective), &HashSet::new())
            .err()
            .map(|e| e.0)
            .unwrap_or_default();
        assert_eq!(
            errors.iter().map(|e| e.field.as_str()).collect::<Vec<_>>(),
            ["title"]
        );
        assert!(
            validate_node(
                node("activity", "x", vec![]),
                Some(NodeKind::Dimension),
                &HashSet::new()
            )
            .is_err()
        );
        assert!(
            validate_node(
                node("activity", "x", vec![]),
                Some(NodeKind::Objective),
                &HashSet::new()
            )
            .is_ok()
        );
    }

    #[test]
    fn codes_and_currencies() {
        for good in ["1", "1.2.a.1", "1.1.O", "T1.2"] {
            assert!(check_code("c", good).is_ok(), "{good}");
        }
        for bad in ["", ".1", "1.", "1..2", "1 2", "ä"] {
            assert!(check_code("c", bad).is_err(), "{bad}");
        }
        assert!(
            check_currency("c", "USD").is_ok()
                && check_currency("c", "usd").is_err()
                && check_currency("c", "US").is_err()
        );
    }
}
