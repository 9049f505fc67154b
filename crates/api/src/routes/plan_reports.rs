//! The reports drawn from a plan's approved progress reports (execution, participation,
//! results): their response shapes, converted from the domain's engines, the part of the plan
//! a report covers, and how its inputs are read in a bounded number of statements.

use super::{check, optional};
use crate::error::{ApiError, ApiResult};
use crate::formats::{Cell, Table, Tabular};
use chrono::NaiveDate;
use mercociudades_domain::FieldError;
use mercociudades_domain::ids::{NodeId, PlanId};
use mercociudades_domain::listing::parse_date;
use mercociudades_domain::monitoring::{Narrowing, ReportScope};
use mercociudades_domain::monitoring::{execution, participation, results};
use mercociudades_domain::plan::{PlanOutline, PlanRecord, Text};
use mercociudades_domain::validation::codes;
use mercociudades_persistence::Store;
use mercociudades_persistence::repositories::AttendanceScope;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use utoipa::ToSchema;
use uuid::Uuid;

/// Activities of one part of the plan, by status and by execution.
#[derive(Debug, Serialize, ToSchema)]
pub struct ExecutionRow {
    pub code: String,
    #[schema(value_type = super::closed::ExecutionRowKind)]
    pub kind: String,
    #[schema(value_type = super::Localized)]
    pub title: Text,
    /// Activities under this node (sub-activities are not counted apart).
    pub activities: u64,
    /// Activities by status (`planned`, `in_progress`, …).
    pub by_status: BTreeMap<String, u64>,
    /// Activities by the execution of their latest approved report (`yes`, `partially`, `no`),
    /// and `not_reported`.
    pub by_execution: BTreeMap<String, u64>,
    /// `yes` / activities, in per cent.
    pub executed_share: f64,
    /// (`yes` + `partially`) / activities, in per cent.
    pub executed_or_partial_share: f64,
    /// On a `body` row: the body, when the acronym names one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body_id: Option<Uuid>,
}

/// The plan's execution, for every dimension, policy and axis, and in total.
#[derive(Debug, Serialize, ToSchema)]
pub struct ExecutionReport {
    pub plan_id: Uuid,
    /// How the shares are computed.
    pub formula: &'static str,
    pub total: ExecutionRow,
    pub rows: Vec<ExecutionRow>,
    /// Per responsible body (a Thematic Unit, the secretariat, …), by acronym: the activities
    /// that name it among their responsible bodies. An activity naming several bodies counts
    /// under each; kind `body`, code the acronym.
    pub by_body: Vec<ExecutionRow>,
}

impl From<execution::ExecutionRow> for ExecutionRow {
    fn from(r: execution::ExecutionRow) -> Self {
        ExecutionRow {
            code: r.code,
            kind: r.kind.as_str().to_owned(),
            title: r.title,
            activities: r.activities,
            by_status: r
                .by_status
                .into_iter()
                .map(|(s, n)| (s.as_str().to_owned(), n))
                .collect(),
            by_execution: r
                .by_execution
                .named()
                .into_iter()
                .map(|(e, n)| (e.to_owned(), n))
                .collect(),
            executed_share: r.executed_share,
            executed_or_partial_share: r.executed_or_partial_share,
            body_id: r.body_id.map(|b| b.0),
        }
    }
}

impl From<execution::ExecutionReport> for ExecutionReport {
    fn from(r: execution::ExecutionReport) -> Self {
        ExecutionReport {
            plan_id: r.plan_id.0,
            formula: r.formula,
            total: r.total.into(),
            rows: r.rows.into_iter().map(Into::into).collect(),
            by_body: r.by_body.into_iter().map(Into::into).collect(),
        }
    }
}

/// The bodies responsible for the activities of a plan's outline, by acronym.
pub(super) async fn responsible_bodies(
    store: &Store,
    tree: &PlanOutline,
) -> ApiResult<HashMap<String, execution::ResponsibleBody>> {
    let bodies = store
        .bodies_by_acronym(&execution::responsible_bodies(tree))
        .await?;
    Ok(bodies
        .into_iter()
        .map(|(acronym, b)| {
            let name = Text::from(&b.name);
            (acronym, execution::ResponsibleBody { id: b.id, name })
        })
        .collect())
}

/// What part of a plan a report covers.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ScopeQuery {
    /// Only progress reports dated on or after this day (YYYY-MM-DD).
    #[param(value_type = Option<NaiveDate>)]
    pub from: Option<String>,
    /// Only progress reports dated on or before this day (YYYY-MM-DD).
    #[param(value_type = Option<NaiveDate>)]
    pub until: Option<String>,
    /// Only activities this body (by acronym) is responsible for; all of them for the plan's owner.
    pub body: Option<String>,
    /// Only progress reports in which a city of this country (ISO 3166-1 alpha-2) took part.
    #[param(format = "country-code")]
    pub country: Option<String>,
    /// Only activities serving this thematic perspective or goal (`T1`, `T1.2`).
    pub serves: Option<String>,
}

/// A report's scope as asked for: which approved reports count, which activities it covers,
/// and the problems of the filters, reported once the plan is known to exist.
pub struct Scoped {
    pub scope: ReportScope,
    narrowing: Narrowing,
    errors: Vec<FieldError>,
}

fn filled(value: Option<&str>) -> Option<String> {
    value
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_owned)
}

impl Scoped {
    pub fn parse(query: &ScopeQuery) -> Self {
        let mut errors = Vec::new();
        let from = optional(&mut errors, query.from.as_deref(), |d| {
            parse_date("from", d)
        });
        let until = optional(&mut errors, query.until.as_deref(), |d| {
            parse_date("until", d)
        });
        if let (Some(f), Some(u)) = (from, until)
            && u < f
        {
            errors.push(FieldError::new("until", codes::DATE_ORDER).with("starts_on", f));
        }
        let country = optional(&mut errors, query.country.as_deref(), |c| {
            mercociudades_domain::registry::CountryCode::parse("country", c)
        });
        Scoped {
            scope: ReportScope {
                from,
                until,
                country: country.map(|c| c.as_str().to_owned()),
            },
            narrowing: Narrowing {
                body: filled(query.body.as_deref()),
                serves: filled(query.serves.as_deref()),
            },
            errors,
        }
    }

    /// The plan's outline narrowed to the activities asked for; 404 for an unknown plan, then
    /// the problem naming every bad filter.
    pub async fn outline(&self, store: &Store, plan: PlanId) -> ApiResult<PlanOutline> {
        let mut tree = store.plan_outline(plan).await?;
        let mut errors = self.errors.clone();
        if let Some(acronym) = &self.narrowing.body
            && !store
                .bodies_by_acronym(std::slice::from_ref(acronym))
                .await?
                .contains_key(acronym)
        {
            errors.push(FieldError::new("body", codes::NOT_FOUND).with("value", acronym));
        }
        if let Some(code) = &self.narrowing.serves {
            let known = store
                .strategic_plan_of(plan)
                .await?
                .map(|s| s.codes())
                .unwrap_or_default();
            if !known.contains(code) {
                errors.push(FieldError::new("serves", codes::NOT_FOUND).with("value", code));
            }
        }
        check(errors)?;
        self.narrowing.apply(&mut tree);
        Ok(tree)
    }
}

/// A plan's execution report in scope. The outline and the figures are read side by side.
pub async fn execution(store: &Store, plan: PlanId, scoped: &Scoped) -> ApiResult<ExecutionReport> {
    execution_if(store, plan, scoped, |_| true).await
}

/// [`execution`] of a plan that `shown` admits; any other is not found.
pub async fn execution_if(
    store: &Store,
    plan: PlanId,
    scoped: &Scoped,
    shown: impl Fn(&PlanRecord) -> bool,
) -> ApiResult<ExecutionReport> {
    let outline_and_bodies = async {
        let tree = scoped.outline(store, plan).await?;
        if !shown(&tree.plan) {
            return Err(ApiError::not_found());
        }
        let bodies = responsible_bodies(store, &tree).await?;
        Ok::<_, ApiError>((tree, bodies))
    };
    let ((tree, bodies), executions) = tokio::try_join!(outline_and_bodies, async {
        Ok::<_, ApiError>(store.latest_executions(plan, &scoped.scope).await?)
    })?;
    Ok(execution::execution_report(&tree, &executions, &bodies).into())
}

/// A plan's participation report in scope: the cities the approved reports name and those
/// whose attendance was recorded at the events linked to the activities. The outline and the
/// figures are read side by side.
pub async fn participation(
    store: &Store,
    plan: PlanId,
    scoped: &Scoped,
) -> ApiResult<ParticipationReport> {
    let attendance = |activities: Option<Vec<NodeId>>| AttendanceScope {
        from: scoped.scope.from,
        until: scoped.scope.until,
        country: scoped.scope.country.clone(),
        activities,
        city: None,
        plan: Some(plan),
    };
    let (tree, mut facts, attended) = if scoped.narrowing.narrows() {
        // Cities are counted across the activities asked for, so those are known first.
        let tree = scoped.outline(store, plan).await?;
        let kept: Vec<NodeId> = tree.activities().map(|n| n.id).collect();
        let within = attendance(Some(kept.clone()));
        let (facts, attended) = tokio::try_join!(
            store.participation_facts(plan, &scoped.scope, Some(&kept)),
            store.activity_attendees(&within),
        )?;
        (tree, facts, attended)
    } else {
        let (tree, facts, attended) = tokio::try_join!(
            scoped.outline(store, plan),
            async { Ok(store.participation_facts(plan, &scoped.scope, None).await?) },
            async { Ok::<_, ApiError>(store.activity_attendees(&attendance(None)).await?) },
        )?;
        (tree, facts, attended)
    };
    facts
        .cities
        .extend(attended.into_iter().map(|a| participation::CityTookPart {
            activity: a.activity,
            city: Some((a.city, a.country)),
            event: Some(a.event),
        }));
    Ok(participation::participation_report(&tree, &facts).into())
}

/// Who took part in one activity, across its approved reports.
#[derive(Debug, Serialize, ToSchema)]
pub struct ParticipationRow {
    pub code: String,
    #[schema(value_type = super::Localized)]
    pub title: Text,
    /// Distinct countries of the participating cities.
    pub countries: Vec<String>,
    /// Absent when no local government took part.
    #[schema(value_type = Option<super::closed::CountryBand>)]
    pub country_band: Option<&'static str>,
    pub cities: u64,
    /// Of those, the cities whose attendance was recorded at an event linked to the activity.
    pub cities_attended: u64,
    /// The cities the approved reports name that no linked event recorded.
    pub cities_reported_only: u64,
    /// The linked events whose attendance counts.
    pub events: u64,
    pub organizations: Vec<String>,
    pub mercosur_institutions: Vec<String>,
    pub specific_groups: Vec<String>,
}

/// Participation in the plan's activities, per activity and in total.
#[derive(Debug, Serialize, ToSchema)]
pub struct ParticipationReport {
    pub plan_id: Uuid,
    pub rows: Vec<ParticipationRow>,
    /// Distinct countries and cities across the plan.
    pub countries: Vec<String>,
    pub cities: u64,
    /// Activities by the band of their number of countries (`1` … `5+`).
    pub activities_by_band: BTreeMap<&'static str, u64>,
    /// Activities by kind of participant.
    pub activities_with: BTreeMap<&'static str, u64>,
    /// For each country: the activities its cities took part in, and how many of its cities.
    pub by_country: Vec<CountryParticipation>,
}

/// The participation of one country.
#[derive(Debug, Serialize, ToSchema)]
pub struct CountryParticipation {
    pub country: String,
    pub activities: u64,
    pub cities: u64,
}

impl From<participation::ParticipationReport> for ParticipationReport {
    fn from(r: participation::ParticipationReport) -> Self {
        ParticipationReport {
            plan_id: r.plan_id.0,
            rows: r
                .rows
                .into_iter()
                .map(|row| ParticipationRow {
                    code: row.code,
                    title: row.title,
                    countries: row.countries,
                    country_band: row.country_band,
                    cities: row.cities,
                    cities_attended: row.cities_attended,
                    cities_reported_only: row.cities_reported_only,
                    events: row.events,
                    organizations: row.organizations,
                    mercosur_institutions: row.mercosur_institutions,
                    specific_groups: row.specific_groups,
                })
                .collect(),
            countries: r.countries,
            cities: r.cities,
            activities_by_band: r.activities_by_band.into_iter().collect(),
            activities_with: r.activities_with.named().into_iter().collect(),
            by_country: r
                .by_country
                .into_iter()
                .map(|c| CountryParticipation {
                    country: c.country,
                    activities: c.activities,
                    cities: c.cities,
                })
                .collect(),
        }
    }
}

/// An activity behind a result.
#[derive(Debug, Serialize, ToSchema)]
pub struct ResultActivity {
    pub code: String,
    #[schema(value_type = super::Localized)]
    pub title: Text,
    #[schema(value_type = Option<super::closed::ResultStage>)]
    pub stage: Option<String>,
    pub achieved_on: Option<NaiveDate>,
    pub report_id: Uuid,
}

/// The results of one kind.
#[derive(Debug, Serialize, ToSchema)]
pub struct ResultKindRow {
    #[schema(value_type = super::closed::ResultKind)]
    pub kind: String,
    pub total: u64,
    /// Results by the stage reached (for work plans and projects).
    pub by_stage: BTreeMap<String, u64>,
    pub activities: Vec<ResultActivity>,
}

/// What came of the plan's activities: results by kind and stage, with the activities behind
/// them. Only approved reports count.
#[derive(Debug, Serialize, ToSchema)]
pub struct ResultsReport {
    pub plan_id: Uuid,
    pub kinds: Vec<ResultKindRow>,
}

impl From<results::ResultsReport> for ResultsReport {
    fn from(r: results::ResultsReport) -> Self {
        let kinds = r
            .kinds
            .into_iter()
            .map(|k| ResultKindRow {
                kind: k.kind.as_str().to_owned(),
                total: k.total,
                by_stage: k
                    .by_stage
                    .into_iter()
                    .map(|(s, n)| (s.as_str().to_owned(), n))
                    .collect(),
                activities: k
                    .activities
                    .into_iter()
                    .map(|a| ResultActivity {
                        code: a.code,
                        title: a.title,
                        stage: a.stage.map(|s| s.as_str().to_owned()),
                        achieved_on: a.achieved_on,
                        report_id: a.report_id.0,
                    })
                    .collect(),
            })
            .collect();
        ResultsReport {
            plan_id: r.plan_id.0,
            kinds,
        }
    }
}

impl Tabular for ExecutionReport {
    /// One row per dimension, policy and axis, then per body, then the whole plan, with a
    /// column per status and execution.
    fn table(&self) -> Table {
        let statuses: Vec<String> = self.total.by_status.keys().cloned().collect();
        let executions: Vec<String> = self.total.by_execution.keys().cloned().collect();
        let mut header = vec![
            "code".to_owned(),
            "kind".to_owned(),
            "title_es".to_owned(),
            "activities".to_owned(),
        ];
        header.extend(statuses.iter().map(|s| format!("status_{s}")));
        header.extend(executions.iter().map(|e| format!("execution_{e}")));
        header.extend([
            "executed_share".to_owned(),
            "executed_or_partial_share".to_owned(),
        ]);
        let mut table = Table::new(header);
        table.rows = self
            .rows
            .iter()
            .chain(&self.by_body)
            .chain(std::iter::once(&self.total))
            .map(|r| {
                let mut row: Vec<Cell> = vec![
                    r.code.as_str().into(),
                    r.kind.as_str().into(),
                    r.title.es.clone().into(),
                    r.activities.into(),
                ];
                row.extend(
                    statuses
                        .iter()
                        .map(|s| r.by_status.get(s).copied().unwrap_or_default().into()),
                );
                row.extend(
                    executions
                        .iter()
                        .map(|e| r.by_execution.get(e).copied().unwrap_or_default().into()),
                );
                row.extend([
                    Cell::Number(r.executed_share),
                    Cell::Number(r.executed_or_partial_share),
                ]);
                row
            })
            .collect();
        table
    }
}

impl Tabular for ParticipationReport {
    /// One row per activity with participants.
    fn table(&self) -> Table {
        let mut table = Table::new([
            "code",
            "title_es",
            "countries",
            "country_band",
            "cities",
            "cities_attended",
            "cities_reported_only",
            "events",
            "organizations",
            "mercosur_institutions",
            "specific_groups",
        ]);
        table.rows = self
            .rows
            .iter()
            .map(|r| {
                vec![
                    r.code.as_str().into(),
                    r.title.es.clone().into(),
                    r.countries.join("; ").into(),
                    r.country_band.into(),
                    r.cities.into(),
                    r.cities_attended.into(),
                    r.cities_reported_only.into(),
                    r.events.into(),
                    r.organizations.join("; ").into(),
                    r.mercosur_institutions.join("; ").into(),
                    r.specific_groups.join("; ").into(),
                ]
            })
            .collect();
        table
    }
}

impl Tabular for ResultsReport {
    /// One row per result.
    fn table(&self) -> Table {
        let mut table = Table::new([
            "kind",
            "stage",
            "activity_code",
            "title_es",
            "achieved_on",
            "report_id",
        ]);
        table.rows = self
            .kinds
            .iter()
            .flat_map(|k| {
                k.activities.iter().map(|a| {
                    vec![
                        k.kind.as_str().into(),
                        a.stage.clone().into(),
                        a.code.as_str().into(),
                        a.title.es.clone().into(),
                        a.achieved_on.into(),
                        a.report_id.to_string().into(),
                    ]
                })
            })
            .collect();
        table
    }
}
