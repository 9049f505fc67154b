//! Plan documents built by hand for the tests.

use super::{FORMAT, NodeDoc, OwnerRef, PlanDocument, Text, WorkPlanDoc};
use chrono::NaiveDate;

pub fn text(es: &str) -> Text {
    Text {
        es: Some(es.to_owned()),
        pt: None,
        en: None,
    }
}

pub fn node(kind: &str, code: &str, children: Vec<NodeDoc>) -> NodeDoc {
    NodeDoc {
        kind: kind.to_owned(),
        code: code.to_owned(),
        title: text(code),
        text: None,
        status: None,
        starts_on: None,
        ends_on: None,
        responsible_bodies: vec![],
        responsible_cities: vec![],
        partners: vec![],
        serves: vec![],
        contributes_to: vec![],
        expected_results: None,
        budget: None,
        funding_source: None,
        children,
    }
}

pub fn doc(nodes: Vec<NodeDoc>) -> PlanDocument {
    PlanDocument {
        format: FORMAT.to_owned(),
        format_version: 1,
        strategic_plan: None,
        work_plan: WorkPlanDoc {
            title: text("Plan"),
            owner: OwnerRef {
                kind: "executive_secretariat".to_owned(),
                acronym: None,
            },
            starts_on: NaiveDate::from_ymd_opt(2011, 12, 2).unwrap_or_default(),
            ends_on: NaiveDate::from_ymd_opt(2012, 12, 6).unwrap_or_default(),
            presentation: None,
            nodes,
        },
    }
}
