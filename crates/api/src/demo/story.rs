//! The 2011–2012 plan as the network lived it, from `demo/plan-2011-2012.json`: the
//! Executive Secretariat's staff give each activity its responsible bodies and cities, its
//! partners and its dates while the plan is a draft; the secretariat's admin approves it at the
//! XVI Summit and puts it in execution; the staff put the activities under way in progress;
//! the staff and the Culture coordinator report across 2012, the admin approving (moving the
//! activity on where the story says so) or returning with the reason; and the staff set the
//! indicators. Each step is taken only when it was not taken before.

use super::{Loaded, PLAN_STORY, People};
use anyhow::{Context, anyhow};
use chrono::NaiveDate;
use mercociudades_domain::ids::{CityId, NodeId, PlanId};
use mercociudades_domain::listing::PageRequest;
use mercociudades_domain::monitoring::{
    Baseline, Execution, IndicatorDoc, IndicatorPeriod, OtherParticipants, ReportInput,
    ReportResult, ReportStatus,
};
use mercociudades_domain::plan::{
    ActivityStatus, NodeDoc, PlanDocument, PlanNode, PlanStatus, PlanTree, Text,
};
use mercociudades_persistence::Store;
use mercociudades_persistence::repositories::{PlanMove, ReportFilter};
use serde::Deserialize;
use std::collections::{HashMap, HashSet};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Story {
    approval: Approval,
    activities: Vec<Activity>,
    reports: Vec<Report>,
    indicators: Vec<Indicator>,
}

/// The meeting that approved the plan.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Approval {
    meeting: String,
    approved_on: NaiveDate,
}

/// What an activity of the shipped plan is given while the plan is a draft.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Activity {
    code: String,
    #[serde(default)]
    responsible_bodies: Vec<String>,
    #[serde(default)]
    responsible_cities: Vec<String>,
    #[serde(default)]
    partners: Vec<String>,
    #[serde(default)]
    serves: Vec<String>,
    starts_on: NaiveDate,
    ends_on: NaiveDate,
    funding_source: Option<String>,
    /// Put in progress once the plan is in execution.
    #[serde(default)]
    started: bool,
}

/// A progress report, its author and how far its review went.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Report {
    activity: String,
    author: String,
    reported_on: NaiveDate,
    execution: String,
    narrative: Option<Text>,
    /// Keys of the participating cities in the demo network.
    #[serde(default)]
    cities: Vec<String>,
    #[serde(default)]
    organizations: Vec<String>,
    #[serde(default)]
    mercosur_institutions: Vec<String>,
    #[serde(default)]
    specific_groups: Vec<String>,
    #[serde(default)]
    results: Vec<ReportResult>,
    /// `draft`, `submitted`, `approved` or `returned`.
    review: String,
    /// Why the secretariat returned it.
    reason: Option<String>,
    /// The activity's status the admin agrees to with the approval.
    activity_status: Option<String>,
}

/// An indicator on an objective or an activity, by its code.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Indicator {
    node: String,
    title: Text,
    measure: String,
    baseline: Option<Baseline>,
    #[serde(default)]
    periods: Vec<IndicatorPeriod>,
}

/// Tells the story on `plan`, the shipped `document` as imported.
pub(super) async fn tell(
    store: &Store,
    plan: PlanId,
    document: PlanDocument,
    people: &People,
    city: &impl Fn(&str) -> anyhow::Result<CityId>,
    loaded: &mut Loaded,
) -> anyhow::Result<()> {
    let story: Story = serde_json::from_str(PLAN_STORY).context("reading the demo plan story")?;
    let (admin, staff) = (people.named("admin")?, people.named("staff")?);

    let record = store.get_plan(plan).await?;
    if record.never_approved() {
        let details = details(store, document, &story.activities).await?;
        let tree = store.plan_tree(plan).await?;
        for node in &details {
            let current = node_of(&tree, &node.code)?;
            // What someone wrote in the draft stays.
            if !current.details.is_empty() {
                continue;
            }
            store
                .update_node(staff, plan.0, current.id.0, current.version, node)
                .await?;
            loaded.plan_changes += 1;
        }
        let version = store.get_plan(plan).await?.version;
        let approval = PlanMove::Approve {
            meeting: story.approval.meeting.clone(),
            on: story.approval.approved_on,
        };
        store.move_plan(admin, plan.0, version, approval).await?;
        loaded.plan_changes += 1;
    }
    let record = store.get_plan(plan).await?;
    if record.status == PlanStatus::Approved {
        store
            .move_plan(admin, plan.0, record.version, PlanMove::Start)
            .await?;
        loaded.plan_changes += 1;
    }
    if !store.get_plan(plan).await?.status.takes_reports() {
        return Ok(());
    }

    let tree = store.plan_tree(plan).await?;
    let reported = reported(store, plan).await?;
    for activity in story.activities.iter().filter(|a| a.started) {
        let node = node_of(&tree, &activity.code)?;
        let untouched = node.details.status_or_planned() == ActivityStatus::Planned
            && !reported.iter().any(|(n, _)| *n == node.id);
        if untouched {
            store
                .set_activity_status(
                    staff,
                    plan.0,
                    node.id.0,
                    node.version,
                    ActivityStatus::InProgress,
                )
                .await?;
            loaded.plan_changes += 1;
        }
    }

    for r in &story.reports {
        let node = node_of(&tree, &r.activity)?;
        if reported.contains(&(node.id, r.reported_on)) {
            continue;
        }
        write_report(store, plan, node.id, r, people, city).await?;
        loaded.reports += 1;
    }

    let kept = store.plan_indicators(plan).await?;
    for i in &story.indicators {
        let node = node_of(&tree, &i.node)?;
        if kept
            .iter()
            .any(|k| k.node_id == node.id && k.indicator.title.es == i.title.es)
        {
            continue;
        }
        let indicator = IndicatorDoc {
            title: i.title.clone(),
            measure: i.measure.clone(),
            ascending: true,
            baseline: i.baseline.clone(),
            periods: i.periods.clone(),
        };
        let measure = indicator
            .validate()
            .map_err(|e| anyhow!("the indicator on {}: {e:?}", i.node))?;
        store
            .create_indicator(staff, plan.0, node.id.0, measure, &indicator)
            .await?;
        loaded.indicators += 1;
    }
    Ok(())
}

/// The shipped document with the story's details on its activities, checked as an import
/// checks a document (its bodies and cities in the registry); returns the activities given
/// details, without their children.
async fn details(
    store: &Store,
    document: PlanDocument,
    activities: &[Activity],
) -> anyhow::Result<Vec<NodeDoc>> {
    fn give(nodes: &mut [NodeDoc], by_code: &HashMap<&str, &Activity>, given: &mut usize) {
        for node in nodes {
            if let Some(a) = by_code.get(node.code.as_str()) {
                node.responsible_bodies = a.responsible_bodies.clone();
                node.responsible_cities = a.responsible_cities.clone();
                node.partners = a.partners.clone();
                node.serves = a.serves.clone();
                node.starts_on = Some(a.starts_on);
                node.ends_on = Some(a.ends_on);
                node.funding_source = a.funding_source.clone();
                *given += 1;
            }
            give(&mut node.children, by_code, given);
        }
    }
    fn collect(nodes: &[NodeDoc], codes: &HashSet<&str>, out: &mut Vec<NodeDoc>) {
        for node in nodes {
            if codes.contains(node.code.as_str()) {
                out.push(NodeDoc {
                    children: Vec::new(),
                    ..node.clone()
                });
            }
            collect(&node.children, codes, out);
        }
    }
    let by_code: HashMap<&str, &Activity> =
        activities.iter().map(|a| (a.code.as_str(), a)).collect();
    let mut document = document;
    let mut given = 0;
    give(&mut document.work_plan.nodes, &by_code, &mut given);
    if given != by_code.len() {
        return Err(anyhow!(
            "the demo story names activities the plan does not have"
        ));
    }
    let document = document
        .validate()
        .map_err(|e| anyhow!("the demo story's activities: {e:?}"))?;
    crate::routes::plans::resolve(store, &document)
        .await
        .map_err(|e| anyhow!("the demo story's activities: {e}"))?;
    let codes: HashSet<&str> = by_code.keys().copied().collect();
    let mut out = Vec::new();
    collect(&document.work_plan.nodes, &codes, &mut out);
    Ok(out)
}

fn node_of<'a>(tree: &'a PlanTree, code: &str) -> anyhow::Result<&'a PlanNode> {
    tree.nodes
        .iter()
        .find(|n| n.code == code)
        .ok_or_else(|| anyhow!("the demo story names {code}, which the plan does not have"))
}

/// The activity and the day of every report on the plan: a report of the story is known by
/// them.
async fn reported(store: &Store, plan: PlanId) -> anyhow::Result<HashSet<(NodeId, NaiveDate)>> {
    let filter = ReportFilter {
        plan: Some(plan),
        ..Default::default()
    };
    let mut known = HashSet::new();
    for page in 1.. {
        let request = PageRequest::parse(Some(&page.to_string()), Some("200"))
            .map_err(|e| anyhow!("{e:?}"))?;
        let found = store.list_reports(&filter, request).await?;
        known.extend(found.items.iter().map(|r| (r.node_id, r.reported_on)));
        if page * PageRequest::MAX_PER_PAGE >= found.total {
            break;
        }
    }
    Ok(known)
}

/// Writes a report as its author, submits it, and reviews it as the secretariat's admin.
async fn write_report(
    store: &Store,
    plan: PlanId,
    node: NodeId,
    r: &Report,
    people: &People,
    city: &impl Fn(&str) -> anyhow::Result<CityId>,
) -> anyhow::Result<()> {
    let what = || format!("the demo report on {} of {}", r.activity, r.reported_on);
    let review =
        ReportStatus::parse("review", &r.review).map_err(|e| anyhow!("{}: {e}", what()))?;
    for result in &r.results {
        result
            .kind
            .check_stage("results", result.stage)
            .map_err(|e| anyhow!("{}: {e}", what()))?;
    }
    let input = ReportInput {
        reported_on: r.reported_on,
        execution: Execution::parse("execution", &r.execution)
            .map_err(|e| anyhow!("{}: {e}", what()))?,
        narrative: r.narrative.clone(),
        cities: r
            .cities
            .iter()
            .map(|c| city(c))
            .collect::<anyhow::Result<_>>()?,
        others: OtherParticipants {
            organizations: r.organizations.clone(),
            mercosur_institutions: r.mercosur_institutions.clone(),
            specific_groups: r.specific_groups.clone(),
        },
        results: r.results.clone(),
        evidence: Vec::new(),
    };
    let activity_status = r
        .activity_status
        .as_deref()
        .map(|s| ActivityStatus::parse("activity_status", s))
        .transpose()
        .map_err(|e| anyhow!("{}: {e}", what()))?;
    let (author, admin) = (people.named(&r.author)?, people.named("admin")?);
    let (report, _) = store
        .create_report(author, plan.0, node.0, &input, None)
        .await
        .with_context(what)?;
    if review == ReportStatus::Draft {
        return Ok(());
    }
    let report = store
        .move_report(
            author,
            report.id.0,
            report.version,
            ReportStatus::Submitted,
            None,
        )
        .await
        .with_context(what)?;
    match review {
        ReportStatus::Approved => {
            store
                .approve_report(admin, report.id.0, report.version, activity_status)
                .await
                .with_context(what)?;
        }
        ReportStatus::Returned => {
            let reason = r
                .reason
                .as_deref()
                .ok_or_else(|| anyhow!("{}: returned without a reason", what()))?;
            store
                .move_report(
                    admin,
                    report.id.0,
                    report.version,
                    ReportStatus::Returned,
                    Some(reason),
                )
                .await
                .with_context(what)?;
        }
        ReportStatus::Draft | ReportStatus::Submitted => {}
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(nodes: &[NodeDoc], out: &mut HashSet<String>) {
        for n in nodes {
            out.insert(n.code.clone());
            codes(&n.children, out);
        }
    }

    #[test]
    fn the_story_names_what_the_demo_and_the_plan_have() {
        let story: Story = serde_json::from_str(PLAN_STORY).unwrap_or_else(|e| panic!("{e}"));
        let network: super::super::Network =
            serde_json::from_str(super::super::NETWORK).unwrap_or_else(|e| panic!("{e}"));
        let cities: HashSet<&str> = network.cities.iter().map(|c| c.key.as_str()).collect();
        let document: PlanDocument =
            serde_json::from_str(super::super::SE_PLAN_2011_2012).unwrap_or_else(|e| panic!("{e}"));
        let mut plan = HashSet::new();
        codes(&document.work_plan.nodes, &mut plan);
        for a in &story.activities {
            assert!(plan.contains(&a.code), "{}", a.code);
            assert!(a.starts_on <= a.ends_on, "{}", a.code);
        }
        let started: HashSet<&str> = story
            .activities
            .iter()
            .filter(|a| a.started)
            .map(|a| a.code.as_str())
            .collect();
        for r in &story.reports {
            let what = format!("{} of {}", r.activity, r.reported_on);
            assert!(plan.contains(&r.activity), "{what}");
            assert!(
                ["staff", "coordinator"].contains(&r.author.as_str()),
                "{what}"
            );
            assert!(
                r.cities.iter().all(|c| cities.contains(c.as_str())),
                "{what}"
            );
            let review = ReportStatus::parse("review", &r.review).unwrap_or(ReportStatus::Draft);
            assert_eq!(review.as_str(), r.review, "{what}");
            assert_eq!(
                r.reason.is_some(),
                review == ReportStatus::Returned,
                "{what}"
            );
            // An activity is put in progress before a report may see it done.
            if r.activity_status.is_some() {
                assert!(started.contains(r.activity.as_str()), "{what}");
                assert_eq!(review, ReportStatus::Approved, "{what}");
            }
            for result in &r.results {
                assert!(
                    result.kind.check_stage("stage", result.stage).is_ok(),
                    "{what}"
                );
            }
        }
        for i in &story.indicators {
            assert!(plan.contains(&i.node), "{}", i.node);
        }
    }
}
