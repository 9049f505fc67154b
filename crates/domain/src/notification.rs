//! What a change means for a person: the notifications the platform keeps for their inbox and
//! may send them by e-mail.

use crate::validation::{FieldError, codes};

/// A kind of notification; each person chooses which kinds reach them by e-mail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NotificationKind {
    /// The secretariat returned one's progress report, with its reason.
    ReportReturned,
    /// The secretariat approved one's progress report.
    ReportApproved,
}

impl NotificationKind {
    pub const ALL: [NotificationKind; 2] = [Self::ReportReturned, Self::ReportApproved];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::ReportReturned => "report_returned",
            Self::ReportApproved => "report_approved",
        }
    }

    pub fn parse(field: &str, value: &str) -> Result<Self, FieldError> {
        Self::ALL
            .into_iter()
            .find(|k| k.as_str() == value)
            .ok_or_else(|| {
                let allowed: Vec<&str> = Self::ALL.iter().map(|k| k.as_str()).collect();
                FieldError::new(field, codes::UNKNOWN_VALUE).with("allowed", allowed.join(", "))
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_and_unknown_ones_are_refused() {
        for kind in NotificationKind::ALL {
            assert_eq!(NotificationKind::parse("kind", kind.as_str()), Ok(kind));
        }
        let error = NotificationKind::parse("kind", "report_lost").err();
        assert_eq!(error.map(|e| e.code), Some(codes::UNKNOWN_VALUE));
    }
}
