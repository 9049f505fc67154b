//! The delegations of member cities to an event: invited with a quota, their delegates
//! registered and confirmed, and who attended each session. Only attendance counts as
//! participation, and a city counts once however many of its people came.

use crate::ids::{CityId, DelegateId, EventId, SessionId};
use crate::registry::closed_set;
use crate::validation::{FieldError, codes};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

closed_set!(
    /// Where a city's delegation to an event stands.
    DelegationStatus {
        Invited => "invited",
        Registered => "registered",
        Confirmed => "confirmed",
        Attended => "attended",
        NoShow => "no_show",
    }
);

closed_set!(
    /// A delegate's gender, where it is given.
    Gender {
        Female => "female",
        Male => "male",
        Other => "other",
    }
);

/// The most delegates a quota allows.
pub const MAX_QUOTA: i64 = 500;

/// A change of a delegation's status its lifecycle does not allow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("a delegation {from} cannot become {to}")]
pub struct IllegalTransition {
    pub from: DelegationStatus,
    pub to: DelegationStatus,
}

impl DelegationStatus {
    /// The status once the delegates are registered: a delegation with delegates is
    /// `registered` (a confirmed one is confirmed again after a change), one without is back
    /// to `invited`. Once attendance is recorded the delegates are those who came.
    pub fn register(self, delegates: usize) -> Result<DelegationStatus, IllegalTransition> {
        let to = if delegates == 0 {
            DelegationStatus::Invited
        } else {
            DelegationStatus::Registered
        };
        match self {
            DelegationStatus::Invited
            | DelegationStatus::Registered
            | DelegationStatus::Confirmed => Ok(to),
            DelegationStatus::Attended | DelegationStatus::NoShow => {
                Err(IllegalTransition { from: self, to })
            }
        }
    }

    /// The status once the city's focal point confirms: only a registered delegation is.
    pub fn confirm(self) -> Result<DelegationStatus, IllegalTransition> {
        match self {
            DelegationStatus::Registered => Ok(DelegationStatus::Confirmed),
            _ => Err(IllegalTransition {
                from: self,
                to: DelegationStatus::Confirmed,
            }),
        }
    }

    /// The status once the event's attendance is recorded: a delegation with someone present
    /// attended, one with delegates and nobody present did not show, and an invitation never
    /// answered stays as it was.
    pub fn after_attendance(self, present: bool) -> DelegationStatus {
        match (self, present) {
            (_, true) => DelegationStatus::Attended,
            (DelegationStatus::Invited, false) => DelegationStatus::Invited,
            (_, false) => DelegationStatus::NoShow,
        }
    }
}

/// A quota: how many delegates a city may register, from 1 to [`MAX_QUOTA`].
pub fn parse_quota(field: &str, value: i64) -> Result<u32, FieldError> {
    if (1..=MAX_QUOTA).contains(&value) {
        Ok(value as u32)
    } else {
        Err(FieldError::new(field, codes::OUT_OF_RANGE)
            .with("min", 1)
            .with("max", MAX_QUOTA))
    }
}

/// A member of a city's delegation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delegate {
    pub id: DelegateId,
    pub name: String,
    /// The office they hold (`Intendente`, `Directora de Cultura`).
    pub position: Option<String>,
    pub gender: Option<Gender>,
}

/// One delegate present at one session (or at the event, when it has no sessions).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Presence {
    pub session: Option<SessionId>,
    pub delegate: DelegateId,
}

/// A delegate present at an event, with the city they came for and its country.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attendee {
    pub event: EventId,
    pub city: CityId,
    pub country: String,
    pub delegate: DelegateId,
}

/// Participation in one event.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EventFigures {
    /// Distinct countries of the cities that attended, in order.
    pub countries: Vec<String>,
    pub cities: u64,
    /// Distinct delegates present at one session or more.
    pub delegates: u64,
}

/// Participation of one country or one city across events.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Figures {
    pub events: u64,
    pub cities: u64,
    pub delegates: u64,
}

/// Participation by event, by country and by city, from who was present.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AttendanceFigures {
    pub by_event: BTreeMap<EventId, EventFigures>,
    pub by_country: BTreeMap<String, Figures>,
    pub by_city: BTreeMap<CityId, Figures>,
}

/// The figures of `attendees`: a city present at two sessions counts once, a delegate
/// present at two sessions counts once, and a city at two events counts once for its country.
pub fn figures(attendees: &[Attendee]) -> AttendanceFigures {
    #[derive(Default)]
    struct Sets<'a> {
        events: BTreeSet<EventId>,
        countries: BTreeSet<&'a str>,
        cities: BTreeSet<CityId>,
        delegates: BTreeSet<DelegateId>,
    }
    let mut by_event: BTreeMap<EventId, Sets> = BTreeMap::new();
    let mut by_country: BTreeMap<&str, Sets> = BTreeMap::new();
    let mut by_city: BTreeMap<CityId, Sets> = BTreeMap::new();
    for a in attendees {
        for sets in [
            by_event.entry(a.event).or_default(),
            by_country.entry(&a.country).or_default(),
            by_city.entry(a.city).or_default(),
        ] {
            sets.events.insert(a.event);
            sets.countries.insert(&a.country);
            sets.cities.insert(a.city);
            sets.delegates.insert(a.delegate);
        }
    }
    let count = |s: &Sets| Figures {
        events: s.events.len() as u64,
        cities: s.cities.len() as u64,
        delegates: s.delegates.len() as u64,
    };
    AttendanceFigures {
        by_event: by_event
            .iter()
            .map(|(e, s)| {
                let f = EventFigures {
                    countries: s.countries.iter().map(|c| (*c).to_owned()).collect(),
                    cities: s.cities.len() as u64,
                    delegates: s.delegates.len() as u64,
                };
                (*e, f)
            })
            .collect(),
        by_country: by_country
            .iter()
            .map(|(c, s)| ((*c).to_owned(), count(s)))
            .collect(),
        by_city: by_city.iter().map(|(c, s)| (*c, count(s))).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use DelegationStatus::*;

    #[test]
    fn a_delegation_is_registered_confirmed_then_attended_or_not() {
        assert_eq!(Invited.register(2), Ok(Registered));
        assert_eq!(Registered.register(0), Ok(Invited));
        assert_eq!(Confirmed.register(3), Ok(Registered));
        assert!(Attended.register(1).is_err());
        assert!(NoShow.register(1).is_err());
        assert_eq!(Registered.confirm(), Ok(Confirmed));
        for from in [Invited, Confirmed, Attended, NoShow] {
            assert_eq!(
                from.confirm(),
                Err(IllegalTransition {
                    from,
                    to: Confirmed
                })
            );
        }
        assert_eq!(Confirmed.after_attendance(true), Attended);
        assert_eq!(Confirmed.after_attendance(false), NoShow);
        assert_eq!(Registered.after_attendance(false), NoShow);
        assert_eq!(Attended.after_attendance(false), NoShow);
        assert_eq!(Invited.after_attendance(false), Invited);
    }

    #[test]
    fn a_quota_is_one_to_five_hundred() {
        assert_eq!(parse_quota("quota", 1), Ok(1));
        assert_eq!(parse_quota("quota", 500), Ok(500));
        for bad in [-1, 0, 501] {
            assert_eq!(
                parse_quota("quota", bad).map_err(|e| e.code),
                Err(codes::OUT_OF_RANGE)
            );
        }
    }

    #[test]
    fn cities_and_delegates_count_once_however_often_they_came() {
        let (e1, e2) = (EventId::new(), EventId::new());
        let (montevideo, rosario, quilmes) = (CityId::new(), CityId::new(), CityId::new());
        let (d1, d2, d3, d4) = (
            DelegateId::new(),
            DelegateId::new(),
            DelegateId::new(),
            DelegateId::new(),
        );
        let at = |event, city, country: &str, delegate| Attendee {
            event,
            city,
            country: country.to_owned(),
            delegate,
        };
        // Montevideo's two delegates at two sessions of the first event and at the second;
        // two Argentine cities at the first.
        let attendees = vec![
            at(e1, montevideo, "UY", d1),
            at(e1, montevideo, "UY", d1),
            at(e1, montevideo, "UY", d2),
            at(e1, rosario, "AR", d3),
            at(e1, quilmes, "AR", d4),
            at(e2, montevideo, "UY", d1),
        ];
        let f = figures(&attendees);
        assert_eq!(
            f.by_event[&e1],
            EventFigures {
                countries: vec!["AR".into(), "UY".into()],
                cities: 3,
                delegates: 4
            }
        );
        assert_eq!(f.by_event[&e2].cities, 1);
        assert_eq!(
            f.by_country["UY"],
            Figures {
                events: 2,
                cities: 1,
                delegates: 2
            }
        );
        assert_eq!(
            f.by_country["AR"],
            Figures {
                events: 1,
                cities: 2,
                delegates: 2
            }
        );
        assert_eq!(
            f.by_city[&montevideo],
            Figures {
                events: 2,
                cities: 1,
                delegates: 2
            }
        );
    }
}
