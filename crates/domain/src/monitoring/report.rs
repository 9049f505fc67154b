//! A progress report on an activity: what it says (execution, participants, results,
//! evidence), and where it stands in its review.

use super::{Execution, ReportStatus, ResultKind, ResultStage};
use crate::ids::{CityId, NodeId, PlanId, ReportId};
use crate::plan::{ActivityStatus, Text};
use crate::registry::closed_set;
use crate::validation::{FieldError, codes};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// One result of an activity (indicator 3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportResult {
    pub kind: ResultKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stage: Option<ResultStage>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub achieved_on: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<String>,
}

closed_set!(
    /// Who took part besides the local governments (indicator 2 B–D), as stored.
    ParticipantKind {
        Organizations => "organizations",
        MercosurInstitutions => "mercosur_institutions",
        SpecificGroups => "specific_groups",
    }
);

/// Who took part besides the cities (indicator 2 B–D).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OtherParticipants {
    #[serde(default)]
    pub organizations: Vec<String>,
    #[serde(default)]
    pub mercosur_institutions: Vec<String>,
    #[serde(default)]
    pub specific_groups: Vec<String>,
}

/// What a report says, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportInput {
    pub reported_on: NaiveDate,
    pub execution: Execution,
    pub narrative: Option<Text>,
    /// The participating cities; their countries are counted from the registry.
    pub cities: Vec<CityId>,
    pub others: OtherParticipants,
    pub results: Vec<ReportResult>,
    pub evidence: Vec<String>,
}

/// A participating city, with its country.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportCity {
    pub id: CityId,
    pub name: String,
    pub country: String,
}

closed_set!(
    /// Who wrote a report: a signed-in user, an API token, or the platform itself.
    AuthorKind {
        User => "user",
        Token => "token",
        System => "system",
    }
);

/// A progress report as kept.
#[derive(Debug, Clone)]
pub struct ReportRecord {
    pub id: ReportId,
    pub plan_id: PlanId,
    pub node_id: NodeId,
    /// The activity's code.
    pub node_code: String,
    /// Where the activity stands now.
    pub activity_status: ActivityStatus,
    pub reported_on: NaiveDate,
    pub execution: Execution,
    pub narrative: Option<Text>,
    pub cities: Vec<ReportCity>,
    pub others: OtherParticipants,
    pub results: Vec<ReportResult>,
    pub evidence: Vec<String>,
    pub status: ReportStatus,
    pub return_reason: Option<String>,
    pub author_kind: AuthorKind,
    /// The user or API token that wrote it.
    pub author_id: Option<Uuid>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl ReportRecord {
    /// The distinct countries of the participating cities, in order.
    pub fn countries(&self) -> Vec<String> {
        let countries: std::collections::BTreeSet<&String> =
            self.cities.iter().map(|c| &c.country).collect();
        countries.into_iter().cloned().collect()
    }
}
