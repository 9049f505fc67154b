//! Monitoring: progress reports on activities with the indicators of the 2011–2012 plan (was
//! it carried out; who took part; what came of it), and their review.

use crate::plan::refused;
use crate::registry::closed_set;
use crate::validation::{FieldError, codes};
use serde::{Deserialize, Serialize};

pub mod execution;
#[cfg(test)]
pub(crate) mod fixtures;
mod indicators;
pub mod participation;
mod report;
pub mod results;
mod scope;

pub use indicators::{
    Baseline, Disaggregation, IndicatorDoc, IndicatorPeriod, IndicatorRecord, IndicatorValue,
    LevelRollUp, Measure, RollUp, RollUpLevel, plan_roll_ups, roll_up,
};
pub use report::{
    AuthorKind, OtherParticipants, ParticipantKind, ReportCity, ReportInput, ReportRecord,
    ReportResult,
};
pub use scope::{Narrowing, ReportScope};

closed_set!(
    /// Was the activity carried out (indicator 1).
    Execution {
        Yes => "yes",
        No => "no",
        Partially => "partially",
    }
);

closed_set!(
    /// The kinds of result (indicator 3).
    ResultKind {
        WorkPlan => "work_plan",
        Project => "project",
        NewInstrument => "new_instrument",
        NewInstitutionality => "new_institutionality",
        Other => "other",
    }
);

closed_set!(
    /// The rungs a work plan or a project climbs (indicator 3 A and B).
    ResultStage {
        Agreed => "agreed",
        Signed => "signed",
        WithActivities => "with_activities",
        WithFunding => "with_funding",
        Formulated => "formulated",
        Funded => "funded",
        WithResponsibilities => "with_responsibilities",
    }
);

impl ResultKind {
    /// The ladder of stages of this kind, lowest first; empty when the kind has none.
    pub fn ladder(self) -> &'static [ResultStage] {
        use ResultStage::*;
        match self {
            ResultKind::WorkPlan => &[Agreed, Signed, WithActivities, WithFunding],
            ResultKind::Project => &[Agreed, Formulated, Funded, WithResponsibilities],
            _ => &[],
        }
    }

    /// Checks a result's stage against its kind: required on a ladder, absent off it.
    pub fn check_stage(self, field: &str, stage: Option<ResultStage>) -> Result<(), FieldError> {
        let ladder = self.ladder();
        match stage {
            None if ladder.is_empty() => Ok(()),
            None => Err(FieldError::new(field, codes::REQUIRED)),
            Some(s) if ladder.contains(&s) => Ok(()),
            Some(_) if ladder.is_empty() => {
                Err(FieldError::new(field, codes::NOT_ALLOWED).with("kind", self))
            }
            Some(_) => Err(FieldError::new(field, codes::UNKNOWN_VALUE).with(
                "allowed",
                ladder
                    .iter()
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            )),
        }
    }
}

closed_set!(
    /// Where a progress report is in its review.
    ReportStatus {
        Draft => "draft",
        Submitted => "submitted",
        Approved => "approved",
        Returned => "returned",
    }
);

impl ReportStatus {
    pub fn next(self) -> &'static [ReportStatus] {
        match self {
            ReportStatus::Draft => &[ReportStatus::Submitted],
            ReportStatus::Submitted => &[ReportStatus::Approved, ReportStatus::Returned],
            ReportStatus::Returned => &[ReportStatus::Submitted],
            ReportStatus::Approved => &[],
        }
    }

    pub fn transition(self, to: ReportStatus) -> Result<ReportStatus, FieldError> {
        if self.next().contains(&to) {
            Ok(to)
        } else {
            Err(refused(self, to))
        }
    }

    /// Whether the author may still change the report.
    pub fn editable(self) -> bool {
        matches!(self, ReportStatus::Draft | ReportStatus::Returned)
    }
}

/// The band of the number of countries whose local governments took part (indicator 2 A):
/// 1, 2, 3, 4, or 5 and more; `None` when no local government took part.
pub fn country_band(countries: usize) -> Option<&'static str> {
    match countries {
        0 => None,
        1 => Some("1"),
        2 => Some("2"),
        3 => Some("3"),
        4 => Some("4"),
        _ => Some("5+"),
    }
}

/// The bands, in order.
pub const BANDS: [&str; 5] = ["1", "2", "3", "4", "5+"];

/// Share of a part in a whole, in per cent, to one decimal; zero of zero is zero.
pub fn share(part: u64, whole: u64) -> f64 {
    if whole == 0 {
        0.0
    } else {
        // Counts of activities stay far below 2^52: the conversion is exact.
        (1000.0 * part as f64 / whole as f64).round() / 10.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stages_follow_their_kind() {
        assert!(
            ResultKind::WorkPlan
                .check_stage("s", Some(ResultStage::Signed))
                .is_ok()
        );
        assert!(
            ResultKind::WorkPlan
                .check_stage("s", Some(ResultStage::Funded))
                .is_err()
        );
        assert!(
            ResultKind::Project
                .check_stage("s", Some(ResultStage::Funded))
                .is_ok()
        );
        assert!(ResultKind::Project.check_stage("s", None).is_err());
        assert!(ResultKind::NewInstrument.check_stage("s", None).is_ok());
        assert!(
            ResultKind::Other
                .check_stage("s", Some(ResultStage::Agreed))
                .is_err()
        );
    }

    #[test]
    fn review_workflow() {
        use ReportStatus::*;
        assert!(Draft.transition(Submitted).is_ok());
        assert!(Draft.transition(Approved).is_err());
        assert!(Submitted.transition(Returned).is_ok());
        assert!(Returned.transition(Submitted).is_ok());
        assert!(Approved.transition(Returned).is_err());
        assert!(Returned.editable() && !Submitted.editable() && !Approved.editable());
    }

    #[test]
    fn bands_and_shares() {
        let bands: Vec<_> = (0..7).map(country_band).collect();
        assert_eq!(
            bands,
            [
                None,
                Some("1"),
                Some("2"),
                Some("3"),
                Some("4"),
                Some("5+"),
                Some("5+")
            ]
        );
        assert_eq!(share(1, 3), 33.3);
        assert_eq!(share(0, 0), 0.0);
        assert_eq!(share(2, 2), 100.0);
    }
}
