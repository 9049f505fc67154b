//! Events of the network: workshops, seminars, meetings, Summits, congresses and courses, held
//! in a city or online, with their sessions and the lifecycle `planned` → `held` / `cancelled`.

use crate::ids::{BodyId, CityId, NodeId, SessionId};
use crate::monitoring::ParticipantKind;
use crate::registry::closed_set;
use crate::text::LocalizedText;
use crate::validation::{FieldError, ValidationErrors, codes};
use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

closed_set!(
    /// The kinds of event of the network.
    EventKind {
        Workshop => "workshop",
        Seminar => "seminar",
        Meeting => "meeting",
        Summit => "summit",
        Congress => "congress",
        Course => "course",
    }
);

closed_set!(
    /// Where an event stands: planned, then held or cancelled.
    EventStatus {
        Planned => "planned",
        Held => "held",
        Cancelled => "cancelled",
    }
);

/// The longest an event lasts, in days: a course over a semester, not a programme of years.
pub const MAX_DAYS: i64 = 400;

/// A change of status the lifecycle does not allow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("an event {from} cannot become {to}")]
pub struct IllegalTransition {
    pub from: EventStatus,
    pub to: EventStatus,
}

impl EventStatus {
    /// The status after moving to `to`: a planned event is held or cancelled, and that is final.
    pub fn move_to(self, to: EventStatus) -> Result<EventStatus, IllegalTransition> {
        match (self, to) {
            (EventStatus::Planned, EventStatus::Held | EventStatus::Cancelled) => Ok(to),
            _ => Err(IllegalTransition { from: self, to }),
        }
    }
}

/// An IANA time zone (`America/Montevideo`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Zone(Tz);

impl Zone {
    pub fn parse(field: &str, value: &str) -> Result<Self, FieldError> {
        value.trim().parse::<Tz>().map(Zone).map_err(|_| {
            FieldError::new(field, codes::UNKNOWN_VALUE)
                .with("allowed", "IANA time zones (America/Montevideo)")
        })
    }

    pub fn tz(self) -> Tz {
        self.0
    }

    pub fn name(self) -> &'static str {
        self.0.name()
    }

    /// The instant of a wall-clock time in this zone; a time skipped or repeated by a change
    /// of clocks is refused, since it names no single instant.
    pub fn instant(self, field: &str, local: NaiveDateTime) -> Result<DateTime<Utc>, FieldError> {
        self.0
            .from_local_datetime(&local)
            .single()
            .map(|t| t.with_timezone(&Utc))
            .ok_or_else(|| FieldError::new(field, codes::NO_SUCH_TIME).with("zone", self.0))
    }

    /// The wall-clock time of `instant` in this zone.
    pub fn local(self, instant: DateTime<Utc>) -> NaiveDateTime {
        instant.with_timezone(&self.0).naive_local()
    }
}

/// The years an event may fall in.
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2999;

/// A wall-clock time as sent (`2011-11-30T09:00`, seconds optional), in [`YEARS`].
pub fn parse_local(field: &str, value: &str) -> Result<NaiveDateTime, FieldError> {
    let value = value.trim();
    let time = NaiveDateTime::parse_from_str(value, "%Y-%m-%dT%H:%M:%S")
        .or_else(|_| NaiveDateTime::parse_from_str(value, "%Y-%m-%dT%H:%M"))
        .map_err(|_| {
            FieldError::new(field, codes::INVALID_FORMAT).with("format", "YYYY-MM-DDTHH:MM")
        })?;
    if YEARS.contains(&chrono::Datelike::year(&time)) {
        Ok(time)
    } else {
        Err(FieldError::new(field, codes::OUT_OF_RANGE)
            .with("min", format!("{}-01-01T00:00", YEARS.start()))
            .with("max", format!("{}-12-31T23:59", YEARS.end())))
    }
}

/// A session of an event: a plenary, a parallel session of a Thematic Unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    /// Kept across edits: attendance is recorded per session.
    pub id: SessionId,
    pub title: LocalizedText,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
}

/// An event of the network.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub kind: EventKind,
    pub title: LocalizedText,
    pub description: Option<LocalizedText>,
    pub zone: Zone,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    /// `None`: held online.
    pub host_city: Option<CityId>,
    /// The bodies that organise it; at least one.
    pub organizers: Vec<BodyId>,
    /// The plan activities (or sub-activities) it carries out.
    pub activities: Vec<NodeId>,
    pub sessions: Vec<Session>,
    /// Who else took part, counted by kind: organisations, Mercosur institutions, groups.
    pub participants: Vec<OtherParticipant>,
    pub status: EventStatus,
}

/// A participant other than the member cities' delegations: an organisation, a Mercosur
/// institution or a specific group, with how many people came when that is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OtherParticipant {
    pub kind: ParticipantKind,
    pub name: String,
    pub people: Option<u32>,
}

impl Event {
    /// Checks the rules between fields: the end not before the start, at least one organising
    /// body, and every session ending after it starts, within the event's days (in its zone).
    pub fn check(&self) -> Result<(), ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let local = |t| self.zone.local(t);
        if self.ends_at < self.starts_at {
            errors.push(
                FieldError::new("ends_at", codes::DATE_ORDER)
                    .with("starts_on", local(self.starts_at).format("%Y-%m-%d %H:%M")),
            );
        }
        let longest = chrono::Duration::days(MAX_DAYS);
        if self.ends_at - self.starts_at > longest {
            let first = local(self.starts_at);
            errors.push(
                FieldError::new("ends_at", codes::OUT_OF_RANGE)
                    .with("min", first.format("%Y-%m-%d %H:%M"))
                    .with("max", (first + longest).format("%Y-%m-%d %H:%M")),
            );
        }
        if self.organizers.is_empty() {
            errors.push(FieldError::new("body_ids", codes::REQUIRED));
        }
        let (first_day, last_day) = (local(self.starts_at).date(), local(self.ends_at).date());
        for (i, session) in self.sessions.iter().enumerate() {
            let (starts, ends) = (local(session.starts_at), local(session.ends_at));
            if starts.date() < first_day || starts.date() > last_day {
                errors.push(outside(i, "starts_at", first_day, last_day));
            }
            if session.ends_at < session.starts_at {
                errors.push(
                    FieldError::new(format!("sessions[{i}].ends_at"), codes::DATE_ORDER)
                        .with("starts_on", starts.format("%Y-%m-%d %H:%M")),
                );
            } else if ends.date() > last_day || ends.date() < first_day {
                errors.push(outside(i, "ends_at", first_day, last_day));
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}

fn outside(i: usize, field: &str, first: chrono::NaiveDate, last: chrono::NaiveDate) -> FieldError {
    FieldError::new(format!("sessions[{i}].{field}"), codes::OUT_OF_RANGE)
        .with("min", first)
        .with("max", last)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(zone: Zone, day: u32, hour: u32) -> DateTime<Utc> {
        let local = NaiveDate::from_ymd_opt(2011, 11, day)
            .and_then(|d| d.and_hms_opt(hour, 0, 0))
            .unwrap_or_default();
        zone.instant("t", local).unwrap_or_else(|e| panic!("{e}"))
    }

    fn summit() -> Event {
        let zone = Zone::parse("time_zone", "America/Montevideo").unwrap_or_else(|e| panic!("{e}"));
        Event {
            kind: EventKind::Summit,
            title: LocalizedText::parse(Some("XVI Cumbre"), None, None, 200)
                .unwrap_or_else(|e| panic!("{e}")),
            description: None,
            zone,
            starts_at: at(zone, 30, 9),
            ends_at: at(zone, 30, 18) + chrono::Duration::days(2),
            host_city: Some(CityId::new()),
            organizers: vec![BodyId::new()],
            activities: vec![],
            sessions: vec![],
            participants: vec![],
            status: EventStatus::Planned,
        }
    }

    fn fields(event: &Event) -> Vec<String> {
        event
            .check()
            .err()
            .map(|e| e.0.into_iter().map(|f| f.field).collect())
            .unwrap_or_default()
    }

    #[test]
    fn a_planned_event_is_held_or_cancelled_and_nothing_else() {
        use EventStatus::*;
        assert_eq!(Planned.move_to(Held), Ok(Held));
        assert_eq!(Planned.move_to(Cancelled), Ok(Cancelled));
        for (from, to) in [
            (Planned, Planned),
            (Held, Cancelled),
            (Cancelled, Held),
            (Held, Planned),
            (Cancelled, Planned),
            (Held, Held),
        ] {
            assert_eq!(from.move_to(to), Err(IllegalTransition { from, to }));
        }
    }

    #[test]
    fn wall_clock_times_are_instants_in_their_zone() {
        let zone = Zone::parse("z", "America/Montevideo").unwrap_or_else(|e| panic!("{e}"));
        // Uruguay kept summer time (UTC-2) from October 2011 to March 2012.
        assert_eq!(at(zone, 30, 9).to_rfc3339(), "2011-11-30T11:00:00+00:00");
        assert!(Zone::parse("z", "America/Atlantis").is_err());
        // Brazil moved its clocks from 00:00 to 01:00 on 21 October 2012: midnight never was.
        let sao_paulo = Zone::parse("z", "America/Sao_Paulo").unwrap_or_else(|e| panic!("{e}"));
        let skipped = parse_local("t", "2012-10-21T00:30").unwrap_or_default();
        assert!(sao_paulo.instant("t", skipped).is_err());
        assert!(parse_local("t", "2012-10-21 00:30").is_err());
        assert!(parse_local("t", "2012-10-21T00:30:15").is_ok());
        assert!(parse_local("t", "0001-01-01T00:00").is_err());
        assert!(parse_local("t", "3000-01-01T00:00").is_err());
    }

    #[test]
    fn the_end_comes_after_the_start() {
        let mut event = summit();
        assert!(event.check().is_ok());
        event.ends_at = event.starts_at - chrono::Duration::hours(1);
        assert_eq!(fields(&event), vec!["ends_at"]);
    }

    #[test]
    fn an_event_lasts_at_most_400_days() {
        let mut event = summit();
        event.ends_at = event.starts_at + chrono::Duration::days(MAX_DAYS);
        assert!(event.check().is_ok());
        event.ends_at = event.starts_at + chrono::Duration::days(MAX_DAYS + 1);
        assert_eq!(fields(&event), vec!["ends_at"]);
    }

    #[test]
    fn an_event_has_an_organiser() {
        let mut event = summit();
        event.organizers.clear();
        assert_eq!(fields(&event), vec!["body_ids"]);
    }

    #[test]
    fn sessions_fall_within_the_event_days_and_end_after_they_start() {
        let mut event = summit();
        let title = event.title.clone();
        let zone = event.zone;
        let session = |start, end| Session {
            id: SessionId::new(),
            title: title.clone(),
            starts_at: start,
            ends_at: end,
        };
        // The last day, late in the evening, is still within the event's days.
        event.sessions = vec![
            session(at(zone, 30, 10), at(zone, 30, 12)),
            session(at(zone, 29, 10), at(zone, 29, 12)),
            session(at(zone, 30, 12), at(zone, 30, 10)),
            session(
                at(zone, 30, 22) + chrono::Duration::days(2),
                at(zone, 30, 23) + chrono::Duration::days(2),
            ),
            session(
                at(zone, 30, 22) + chrono::Duration::days(2),
                at(zone, 30, 23) + chrono::Duration::days(3),
            ),
        ];
        assert_eq!(
            fields(&event),
            vec![
                "sessions[1].starts_at",
                "sessions[1].ends_at",
                "sessions[2].ends_at",
                "sessions[4].ends_at"
            ]
        );
    }
}
