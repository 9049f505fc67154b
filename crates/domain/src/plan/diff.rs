//! What changed between two versions of a plan, node by node.

use super::{NodeDoc, PlanDocument, Text};
use serde::Serialize;
use std::collections::HashMap;

/// What changed between two versions of a plan, node by node (nodes are matched by code).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct PlanDiff {
    pub added: Vec<NodeSummary>,
    pub removed: Vec<NodeSummary>,
    pub changed: Vec<NodeChange>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NodeSummary {
    pub code: String,
    pub kind: String,
    pub title: Text,
}

/// A node present in both versions, and which of its fields differ.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NodeChange {
    pub code: String,
    pub fields: Vec<&'static str>,
    pub before: NodeSummary,
    pub after: NodeSummary,
}

fn flatten_nodes<'a>(
    nodes: &'a [NodeDoc],
    parent: Option<&'a str>,
    out: &mut Vec<(Option<&'a str>, usize, &'a NodeDoc)>,
) {
    for (position, node) in nodes.iter().enumerate() {
        out.push((parent, position, node));
        flatten_nodes(&node.children, Some(&node.code), out);
    }
}

fn summary(node: &NodeDoc) -> NodeSummary {
    NodeSummary {
        code: node.code.clone(),
        kind: node.kind.clone(),
        title: node.title.clone(),
    }
}

/// Compares two plan documents: nodes added, removed, and changed (with the changed fields).
pub fn diff(before: &PlanDocument, after: &PlanDocument) -> PlanDiff {
    let (mut a, mut b) = (Vec::new(), Vec::new());
    flatten_nodes(&before.work_plan.nodes, None, &mut a);
    flatten_nodes(&after.work_plan.nodes, None, &mut b);
    let old: HashMap<&str, (Option<&str>, usize, &NodeDoc)> = a
        .iter()
        .map(|(p, i, n)| (n.code.as_str(), (*p, *i, *n)))
        .collect();
    let new: HashMap<&str, (Option<&str>, usize, &NodeDoc)> = b
        .iter()
        .map(|(p, i, n)| (n.code.as_str(), (*p, *i, *n)))
        .collect();
    let mut result = PlanDiff::default();
    for (_, _, node) in &b {
        match old.get(node.code.as_str()) {
            None => result.added.push(summary(node)),
            Some((old_parent, old_position, old_node)) => {
                let (new_parent, new_position, _) = new[node.code.as_str()];
                let mut fields = Vec::new();
                let mut check = |name: &'static str, same: bool| {
                    if !same {
                        fields.push(name);
                    }
                };
                check("kind", old_node.kind == node.kind);
                check("parent", *old_parent == new_parent);
                check("position", *old_position == new_position);
                check("title", old_node.title == node.title);
                check("text", old_node.text == node.text);
                check("status", old_node.status == node.status);
                check("starts_on", old_node.starts_on == node.starts_on);
                check("ends_on", old_node.ends_on == node.ends_on);
                check(
                    "responsible_bodies",
                    old_node.responsible_bodies == node.responsible_bodies,
                );
                check(
                    "responsible_cities",
                    old_node.responsible_cities == node.responsible_cities,
                );
                check("partners", old_node.partners == node.partners);
                check("serves", old_node.serves == node.serves);
                check(
                    "contributes_to",
                    old_node.contributes_to == node.contributes_to,
                );
                check(
                    "expected_results",
                    old_node.expected_results == node.expected_results,
                );
                check("budget", old_node.budget == node.budget);
                check(
                    "funding_source",
                    old_node.funding_source == node.funding_source,
                );
                if !fields.is_empty() {
                    result.changed.push(NodeChange {
                        code: node.code.clone(),
                        fields,
                        before: summary(old_node),
                        after: summary(node),
                    });
                }
            }
        }
    }
    for (_, _, node) in &a {
        if !new.contains_key(node.code.as_str()) {
            result.removed.push(summary(node));
        }
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::fixtures::{doc, node, text};

    #[test]
    fn diff_lists_exactly_what_changed() {
        let before = doc(vec![node(
            "dimension",
            "1",
            vec![node("policy", "1.1", vec![]), node("policy", "1.2", vec![])],
        )]);
        let mut after = before.clone();
        let dimension = &mut after.work_plan.nodes[0];
        dimension.children.remove(0);
        dimension.children[0].title = text("Relaciones");
        dimension.children.push(node("policy", "1.3", vec![]));
        let d = diff(&before, &after);
        let codes = |list: &[NodeSummary]| list.iter().map(|n| n.code.clone()).collect::<Vec<_>>();
        assert_eq!(codes(&d.added), ["1.3"]);
        assert_eq!(codes(&d.removed), ["1.1"]);
        assert_eq!(d.changed.len(), 1);
        assert_eq!(
            (d.changed[0].code.as_str(), d.changed[0].fields.clone()),
            ("1.2", vec!["position", "title"])
        );
        assert_eq!(diff(&before, &before), PlanDiff::default());
    }
}
