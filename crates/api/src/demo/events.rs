//! The events of 2011–2012, from `demo/events-2011-2012.json`: the XVI Summit in Montevideo,
//! the three regional jornadas, the meeting on decentralised cooperation, the seminar with
//! Mercosur Social, and the communication workshop planned for the XVII Summit in Quilmes,
//! each linked to its activity of the plan, with the delegations of the member cities, their
//! delegates and who attended each session. An event already there is left as it is.

use super::{Loaded, People};
use anyhow::{Context, anyhow};
use mercociudades_domain::delegation::{Delegate, Gender, Presence};
use mercociudades_domain::event::{
    Event, EventKind, EventStatus, OtherParticipant, Session, Zone, parse_local,
};
use mercociudades_domain::ids::{BodyId, CityId, DelegateId, NodeId, PlanId, SessionId};
use mercociudades_domain::monitoring::ParticipantKind;
use mercociudades_domain::text::LocalizedText;
use mercociudades_persistence::Store;
use mercociudades_persistence::repositories::EventFilter;
use serde::Deserialize;
use std::collections::HashMap;

const EVENTS: &str = include_str!("../../demo/events-2011-2012.json");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Events {
    events: Vec<DemoEvent>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Text {
    es: String,
    pt: Option<String>,
    en: Option<String>,
}

impl Text {
    fn localized(&self) -> anyhow::Result<LocalizedText> {
        LocalizedText::parse(
            Some(&self.es),
            self.pt.as_deref(),
            self.en.as_deref(),
            5_000,
        )
        .map_err(|e| anyhow!("{}: {e}", self.es))
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoSession {
    title: Text,
    starts_at: String,
    ends_at: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoParticipant {
    kind: String,
    name: String,
    people: Option<u32>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoDelegation {
    city: String,
    quota: u32,
    /// Name, position and gender of each delegate.
    delegates: Vec<(String, String, String)>,
    /// For each delegate, the sessions they attended (by position); for an event without
    /// sessions, a delegate listed came. Absent: the attendance is not recorded.
    attended: Option<Vec<Vec<usize>>>,
    /// Confirmed by the city before the event.
    #[serde(default)]
    confirmed: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoEvent {
    kind: String,
    title: Text,
    description: Option<Text>,
    time_zone: String,
    starts_at: String,
    ends_at: String,
    host: String,
    organizers: Vec<String>,
    activities: Vec<String>,
    sessions: Vec<DemoSession>,
    participants: Vec<DemoParticipant>,
    status: String,
    delegations: Vec<DemoDelegation>,
}

fn at(zone: Zone, raw: &str) -> anyhow::Result<chrono::DateTime<chrono::Utc>> {
    let local = parse_local("t", raw).map_err(|e| anyhow!("{raw}: {e}"))?;
    zone.instant("t", local).map_err(|e| anyhow!("{raw}: {e}"))
}

/// The event as the demo tells it.
fn event_of(
    e: &DemoEvent,
    city: &impl Fn(&str) -> anyhow::Result<CityId>,
    body: &impl Fn(&str) -> anyhow::Result<BodyId>,
    node: &impl Fn(&str) -> anyhow::Result<NodeId>,
) -> anyhow::Result<Event> {
    let zone = Zone::parse("time_zone", &e.time_zone).map_err(|err| anyhow!("{err}"))?;
    let event = Event {
        kind: EventKind::parse("kind", &e.kind).map_err(|err| anyhow!("{err}"))?,
        title: e.title.localized()?,
        description: e.description.as_ref().map(Text::localized).transpose()?,
        zone,
        starts_at: at(zone, &e.starts_at)?,
        ends_at: at(zone, &e.ends_at)?,
        host_city: Some(city(&e.host)?),
        organizers: e
            .organizers
            .iter()
            .map(|b| body(b))
            .collect::<Result<_, _>>()?,
        activities: e
            .activities
            .iter()
            .map(|a| node(a))
            .collect::<Result<_, _>>()?,
        sessions: e
            .sessions
            .iter()
            .map(|s| {
                Ok(Session {
                    id: SessionId::new(),
                    title: s.title.localized()?,
                    starts_at: at(zone, &s.starts_at)?,
                    ends_at: at(zone, &s.ends_at)?,
                })
            })
            .collect::<anyhow::Result<_>>()?,
        participants: e
            .participants
            .iter()
            .map(|p| {
                Ok(OtherParticipant {
                    kind: ParticipantKind::parse("kind", &p.kind)
                        .map_err(|err| anyhow!("{err}"))?,
                    name: p.name.clone(),
                    people: p.people,
                })
            })
            .collect::<anyhow::Result<_>>()?,
        status: EventStatus::Planned,
    };
    event
        .check()
        .map_err(|err| anyhow!("{}: {err:?}", e.title.es))?;
    Ok(event)
}

/// Holds the demo's events on `plan` once each.
pub(super) async fn hold(
    store: &Store,
    plan: PlanId,
    people: &People,
    city: &impl Fn(&str) -> anyhow::Result<CityId>,
    body: &impl Fn(&str) -> anyhow::Result<BodyId>,
    loaded: &mut Loaded,
) -> anyhow::Result<()> {
    let demo: Events = serde_json::from_str(EVENTS).context("reading the demo events")?;
    let (admin, staff) = (people.named("admin")?, people.named("staff")?);
    let tree = store.plan_tree(plan).await?;
    let codes: HashMap<&str, NodeId> = tree.nodes.iter().map(|n| (n.code.as_str(), n.id)).collect();
    let node = |code: &str| {
        codes
            .get(code)
            .copied()
            .ok_or_else(|| anyhow!("the demo events name an unknown activity {code}"))
    };
    let existing = store.all_events(&EventFilter::default()).await?;
    for e in &demo.events {
        let event = event_of(e, city, body, &node)?;
        let there = existing.iter().any(|v| {
            v.event.value.title.es() == event.title.es()
                && v.event.value.starts_at == event.starts_at
        });
        if there {
            continue;
        }
        let view = store.create_event(staff, &event).await?;
        let id = view.event.id;
        loaded.events += 1;
        let mut presences = Vec::new();
        let mut recorded = false;
        for d in &e.delegations {
            let city_id = city(&d.city)?;
            let invited = store.invite(staff, id, city_id, d.quota).await?;
            let delegates: Vec<Delegate> = d
                .delegates
                .iter()
                .map(|(name, position, gender)| {
                    Ok(Delegate {
                        id: DelegateId::new(),
                        name: name.clone(),
                        position: Some(position.clone()),
                        gender: Some(
                            Gender::parse("gender", gender).map_err(|err| anyhow!("{err}"))?,
                        ),
                    })
                })
                .collect::<anyhow::Result<_>>()?;
            if delegates.is_empty() {
                continue;
            }
            let registered = store
                .register_delegates(staff, id, city_id, invited.delegation.version, &delegates)
                .await?;
            if d.confirmed || d.attended.is_some() {
                store
                    .confirm_delegation(admin, id, city_id, registered.delegation.version)
                    .await?;
            }
            if let Some(attended) = &d.attended {
                recorded = true;
                for (delegate, sessions) in delegates.iter().zip(attended) {
                    if event.sessions.is_empty() {
                        presences.push(Presence {
                            session: None,
                            delegate: delegate.id,
                        });
                    }
                    for &s in sessions {
                        let session = event
                            .sessions
                            .get(s)
                            .ok_or_else(|| anyhow!("{}: no session {s}", e.title.es))?;
                        presences.push(Presence {
                            session: Some(session.id),
                            delegate: delegate.id,
                        });
                    }
                }
            }
        }
        if recorded {
            let version = store.event_version(id).await?;
            store
                .record_attendance(staff, id, version, &presences)
                .await?;
        }
        let status = EventStatus::parse("status", &e.status).map_err(|err| anyhow!("{err}"))?;
        if status != EventStatus::Planned {
            let version = store.event_version(id).await?;
            store.set_event_status(staff, id, version, status).await?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_events_are_well_formed() {
        let demo: Events = serde_json::from_str(EVENTS).unwrap_or_else(|e| panic!("{e}"));
        let city = |_: &str| Ok(CityId::new());
        let body = |_: &str| Ok(BodyId::new());
        let node = |_: &str| Ok(NodeId::new());
        assert_eq!(demo.events.len(), 7);
        for e in &demo.events {
            let event = event_of(e, &city, &body, &node).unwrap_or_else(|err| panic!("{err}"));
            for d in &e.delegations {
                assert!(
                    d.delegates.len() <= d.quota as usize,
                    "{}: {}",
                    e.title.es,
                    d.city
                );
                for sessions in d.attended.iter().flatten() {
                    assert!(
                        sessions.iter().all(|s| *s < event.sessions.len()),
                        "{}",
                        d.city
                    );
                }
            }
        }
    }
}
