//! Demo data: the network as it was in 2011–2012, one user per role, and the Executive
//! Secretariat's 2011–2012 work plan as the network lived it: approved at the XVI Summit, put in
//! execution, its activities given responsible bodies, cities, partners and dates, reported on
//! across 2012 and measured by indicators. Everything goes through the store as any change
//! does, audited, by the demo's users. Loading it twice changes nothing: every record is found
//! by its natural key before it is made.

use crate::auth::hash_password_blocking;
use anyhow::{Context, anyhow};
use chrono::NaiveDate;
use mercociudades_domain::access::{Grant, Role, Scope};
use mercociudades_domain::ids::{CityId, PlanId};
use mercociudades_domain::listing::{PageRequest, Sort};
use mercociudades_domain::registry::{
    Body, BodyKind, City, Contact, CountryCode, Latitude, Location, Longitude, MembershipStatus,
    Period, Population, Term, TermRole, WebAddress,
};
use mercociudades_domain::text::{Lang, LocalizedText};
use mercociudades_persistence::audit::{ActorKind, Who};
use mercociudades_persistence::repositories::{
    BodyFilter, BodySort, CityFilter, CitySort, TermFilter, TermSort, UserAccount,
};
use mercociudades_persistence::{Store, StoreError};
use serde::Deserialize;
use std::collections::HashMap;

const NETWORK: &str = include_str!("../demo/network.json");
/// What the demo adds to the shipped plan: who answers for each activity and when, the
/// approval, the progress reports of 2012 and the indicators.
const PLAN_STORY: &str = include_str!("../demo/plan-2011-2012.json");
/// The Executive Secretariat's work plan for 2011–2012, as shipped in `plans/`.
pub const SE_PLAN_2011_2012: &str = include_str!("../../../plans/se-2011-2012.json");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Network {
    cities: Vec<DemoCity>,
    bodies: Vec<DemoBody>,
    terms: Vec<DemoTerm>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoCity {
    key: String,
    name: String,
    country: String,
    /// The city's centre, in decimal degrees (WGS 84).
    latitude: f64,
    longitude: f64,
    population: Option<i64>,
    membership_status: String,
    joined_on: Option<NaiveDate>,
    website: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoBody {
    key: String,
    kind: String,
    acronym: Option<String>,
    name: HashMap<String, String>,
    members: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoTerm {
    body: String,
    city: String,
    role: String,
    starts_on: NaiveDate,
    ends_on: Option<NaiveDate>,
}

/// A demo user: email, name, language, role, scope key, password.
pub struct DemoUser {
    pub email: &'static str,
    pub name: &'static str,
    pub language: Lang,
    pub role: Role,
    /// Key of the city or body of the role's scope.
    pub scope: Option<&'static str>,
    pub password: &'static str,
}

/// One user per role; their passwords are printed by `demo` and written in the README.
pub const USERS: &[DemoUser] = &[
    DemoUser {
        email: "admin@demo.mercociudades.org",
        name: "Ana Admin (STPM)",
        language: Lang::Es,
        role: Role::SecretariatAdmin,
        scope: None,
        password: "demo-admin-montevideo",
    },
    DemoUser {
        email: "staff@demo.mercociudades.org",
        name: "Sergio Staff (SE)",
        language: Lang::Es,
        role: Role::SecretariatStaff,
        scope: None,
        password: "demo-staff-montevideo",
    },
    DemoUser {
        email: "finance@demo.mercociudades.org",
        name: "Fernanda Finanzas",
        language: Lang::Pt,
        role: Role::Finance,
        scope: None,
        password: "demo-finance-montevideo",
    },
    DemoUser {
        email: "coordinator@demo.mercociudades.org",
        name: "Carla Coordinadora (UT Cultura)",
        language: Lang::Es,
        role: Role::Coordinator,
        scope: Some("utc"),
        password: "demo-coordinator-cultura",
    },
    DemoUser {
        email: "focal@demo.mercociudades.org",
        name: "Facundo Focal (Rosario)",
        language: Lang::Es,
        role: Role::FocalPoint,
        scope: Some("rosario"),
        password: "demo-focal-point-rosario",
    },
    DemoUser {
        email: "observer@demo.mercociudades.org",
        name: "Olivia Observer",
        language: Lang::En,
        role: Role::Observer,
        scope: None,
        password: "demo-observer-network",
    },
];

/// What a load did.
#[derive(Debug, Default)]
pub struct Loaded {
    pub cities: usize,
    pub bodies: usize,
    pub members: usize,
    pub terms: usize,
    pub users: usize,
    pub plans: usize,
    /// Changes to the plan: activities given their details, its approval, its start, and
    /// activities put in progress.
    pub plan_changes: usize,
    pub reports: usize,
    pub indicators: usize,
    /// Events held or planned, with their delegations and attendance.
    pub events: usize,
}

fn everything() -> PageRequest {
    PageRequest::first(PageRequest::MAX_PER_PAGE)
}

async fn find_city(
    store: &Store,
    name: &str,
    country: &CountryCode,
) -> anyhow::Result<Option<CityId>> {
    let filter = CityFilter {
        country: Some(country.clone()),
        q: Some(name.to_owned()),
        ..Default::default()
    };
    let page = store
        .list_cities(&filter, Sort::ascending(CitySort::Name), everything())
        .await?;
    Ok(page
        .items
        .into_iter()
        .find(|c| c.value.name == name)
        .map(|c| c.id))
}

async fn find_body(
    store: &Store,
    kind: BodyKind,
    name: &LocalizedText,
) -> anyhow::Result<Option<mercociudades_persistence::repositories::BodyRecord>> {
    let filter = BodyFilter {
        kind: Some(kind),
        ..Default::default()
    };
    let page = store
        .list_bodies(&filter, Sort::ascending(BodySort::Name), everything())
        .await?;
    Ok(page
        .items
        .into_iter()
        .find(|b| b.value.name.best(Lang::Es) == name.best(Lang::Es)))
}

/// Loads the demo network and users into `store`.
pub async fn load(store: &Store) -> anyhow::Result<Loaded> {
    let network: Network = serde_json::from_str(NETWORK).context("reading the demo network")?;
    let who = Who::system();
    let mut loaded = Loaded::default();

    let mut cities = HashMap::new();
    for c in &network.cities {
        let country =
            CountryCode::parse("country", &c.country).map_err(|e| anyhow!("{}: {e}", c.key))?;
        let id = match find_city(store, &c.name, &country).await? {
            Some(id) => id,
            None => {
                let city = City {
                    name: c.name.clone(),
                    country,
                    population: c
                        .population
                        .map(|p| Population::parse("population", p))
                        .transpose()
                        .map_err(|e| anyhow!("{}: {e}", c.key))?,
                    membership_status: MembershipStatus::parse(
                        "membership_status",
                        &c.membership_status,
                    )
                    .map_err(|e| anyhow!("{}: {e}", c.key))?,
                    joined_on: c.joined_on,
                    contact: Contact {
                        website: c
                            .website
                            .as_deref()
                            .map(|w| WebAddress::parse("website", w))
                            .transpose()
                            .map_err(|e| anyhow!("{}: {e}", c.key))?,
                        ..Default::default()
                    },
                    location: Some(Location {
                        latitude: Latitude::parse("latitude", c.latitude)
                            .map_err(|e| anyhow!("{}: {e}", c.key))?,
                        longitude: Longitude::parse("longitude", c.longitude)
                            .map_err(|e| anyhow!("{}: {e}", c.key))?,
                    }),
                };
                let since = c
                    .joined_on
                    .unwrap_or_else(|| chrono::Utc::now().date_naive());
                loaded.cities += 1;
                store.create_city(&who, &city, since).await?.id
            }
        };
        cities.insert(c.key.as_str(), id);
    }
    let city = |key: &str| {
        cities
            .get(key)
            .copied()
            .ok_or_else(|| anyhow!("the demo names an unknown city {key}"))
    };

    let mut bodies = HashMap::new();
    for b in &network.bodies {
        let kind = BodyKind::parse("kind", &b.kind).map_err(|e| anyhow!("{}: {e}", b.key))?;
        let text = |lang: &str| b.name.get(lang).map(String::as_str);
        let name = LocalizedText::parse(text("es"), text("pt"), text("en"), 200)
            .map_err(|e| anyhow!("{}: {e}", b.key))?;
        let id = match find_body(store, kind, &name).await? {
            // A body found without the acronym the demo knows it by gets it: plans name bodies
            // by their acronyms.
            Some(found) if found.value.acronym.is_none() && b.acronym.is_some() => {
                let body = Body {
                    acronym: b.acronym.clone(),
                    ..found.value
                };
                store
                    .update_body(&who, found.id, found.version, &body)
                    .await?
                    .id
            }
            Some(found) => found.id,
            None => {
                let body = Body {
                    kind,
                    name,
                    acronym: b.acronym.clone(),
                    description: None,
                };
                loaded.bodies += 1;
                store.create_body(&who, &body).await?.id
            }
        };
        for member in &b.members {
            match store.add_member(&who, id, city(member)?, None).await {
                Ok(_) => loaded.members += 1,
                Err(StoreError::Duplicate { .. }) => {}
                Err(e) => return Err(e.into()),
            }
        }
        bodies.insert(b.key.as_str(), id);
    }
    let body = |key: &str| {
        bodies
            .get(key)
            .copied()
            .ok_or_else(|| anyhow!("the demo names an unknown body {key}"))
    };

    for t in &network.terms {
        let role = TermRole::parse("role", &t.role).map_err(|e| anyhow!("{}: {e}", t.body))?;
        let term = Term {
            body: body(&t.body)?,
            city: city(&t.city)?,
            role,
            period: Period::new(t.starts_on, t.ends_on).map_err(|e| anyhow!("{}: {e}", t.body))?,
            note: None,
        };
        let filter = TermFilter {
            body: Some(term.body),
            city: Some(term.city),
            role: Some(role),
            ..Default::default()
        };
        let existing = store
            .list_terms(&filter, Sort::ascending(TermSort::StartsOn), everything())
            .await?;
        if existing
            .items
            .iter()
            .any(|v| v.term.value.period.starts_on() == t.starts_on)
        {
            continue;
        }
        store
            .create_term(&who, &term)
            .await
            .with_context(|| format!("term of {} in {}", t.city, t.body))?;
        loaded.terms += 1;
    }

    for u in USERS {
        if store.user_for_login(u.email).await?.is_some() {
            continue;
        }
        let scope = match (u.role, u.scope) {
            (Role::Coordinator, Some(key)) => Scope::Body(body(key)?),
            (Role::FocalPoint, Some(key)) => Scope::City(city(key)?),
            _ => Scope::Network,
        };
        let account = UserAccount {
            email: mercociudades_domain::registry::Email::parse("email", u.email)
                .map_err(|e| anyhow!("{e}"))?,
            display_name: u.name.to_owned(),
            language: u.language,
            active: true,
            grants: vec![Grant::new(u.role, scope).map_err(|e| anyhow!("{e}"))?],
        };
        let hash = hash_password_blocking(u.password)?;
        store.create_user(&who, &account, &hash).await?;
        loaded.users += 1;
    }
    let document = crate::routes::plans::parse_document(SE_PLAN_2011_2012.as_bytes(), false)
        .map_err(|e| anyhow!("the shipped 2011–2012 plan: {e}"))?;
    let owner = crate::routes::plans::resolve(store, &document)
        .await
        .map_err(|e| anyhow!("the shipped 2011–2012 plan: {e}"))?;
    let plan = match store
        .find_plan(
            owner,
            &document.work_plan.title,
            document.work_plan.starts_on,
        )
        .await?
    {
        Some(plan) => PlanId(plan),
        None => {
            loaded.plans += 1;
            store.import_plan(&who, &document, owner).await?.id
        }
    };
    let people = People::of(store).await?;
    story::tell(store, plan, document, &people, &city, &mut loaded).await?;
    events::hold(store, plan, &people, &city, &body, &mut loaded).await?;
    Ok(loaded)
}

/// The demo's users as the authors of changes, by role.
struct People(HashMap<Role, Who>);

impl People {
    async fn of(store: &Store) -> anyhow::Result<People> {
        let mut people = HashMap::new();
        for u in USERS {
            let (user, _) = store
                .user_for_login(u.email)
                .await?
                .ok_or_else(|| anyhow!("the demo user {} is missing", u.email))?;
            let who = Who {
                kind: ActorKind::User,
                id: Some(user.id.0),
                request_id: None,
            };
            people.insert(u.role, who);
        }
        Ok(People(people))
    }

    /// The demo user of a role, named as the story names them: `admin`, `staff`,
    /// `coordinator`.
    fn named(&self, name: &str) -> anyhow::Result<&Who> {
        let role = match name {
            "admin" => Role::SecretariatAdmin,
            "staff" => Role::SecretariatStaff,
            "coordinator" => Role::Coordinator,
            other => return Err(anyhow!("the demo names an unknown author {other}")),
        };
        self.0
            .get(&role)
            .ok_or_else(|| anyhow!("no demo user is {role}"))
    }
}

mod events;
mod story;

/// A deterministic stream of numbers, for generated data that is the same at every run.
struct Sequence(u64);

impl Sequence {
    fn next(&mut self, below: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        usize::try_from((self.0 >> 33) % (below.max(1) as u64)).unwrap_or_default()
    }
}

/// What a scaled load made.
#[derive(Debug, Default)]
pub struct Scaled {
    pub cities: usize,
    pub bodies: usize,
    pub plans: usize,
    pub activities: usize,
    pub reports: usize,
    pub events: usize,
    pub delegations: usize,
}

/// Generates a large, realistic network for benchmarks on top of the demo data: for scale
/// `n`, 300·n cities, 20·n Thematic Units, 10·n plans of 200 activities each and 10 approved
/// progress reports per activity, with 1 to 5 participating cities each, and 4 events per
/// plan, each carrying out 1 to 3 of its activities, with 6 delegations of 1 to 3 delegates
/// and their attendance at its two sessions (a delegation in six does not come). Loading the
/// same scale twice changes nothing.
pub async fn load_scale(store: &Store, n: usize) -> anyhow::Result<Scaled> {
    use mercociudades_domain::monitoring::Execution;
    use mercociudades_domain::monitoring::{OtherParticipants, ReportInput};
    use mercociudades_persistence::repositories::BulkReport;
    let who = Who::system();
    let marker = format!("SCALE-{n}-UT-1");
    let exists = store
        .list_bodies(
            &BodyFilter {
                q: Some(marker.clone()),
                ..Default::default()
            },
            Sort::ascending(BodySort::Name),
            everything(),
        )
        .await?
        .items
        .iter()
        .any(|b| b.value.acronym.as_deref() == Some(marker.as_str()));
    if exists {
        return Ok(Scaled::default());
    }
    let countries = ["AR", "BO", "BR", "CL", "CO", "EC", "PY", "PE", "UY", "VE"];
    let mut seq = Sequence(n as u64);
    let mut made = Scaled::default();
    let mut cities = Vec::new();
    for i in 0..300 * n {
        let city = City {
            name: format!("Ciudad {i:05} (escala {n})"),
            country: CountryCode::parse("country", countries[i % countries.len()])
                .map_err(|e| anyhow!("{e}"))?,
            population: Population::parse(
                "population",
                i64::try_from(10_000 + seq.next(2_000_000)).unwrap_or_default(),
            )
            .ok(),
            membership_status: MembershipStatus::Active,
            joined_on: None,
            contact: Contact::default(),
            location: None,
        };
        cities.push(
            store
                .create_city(
                    &who,
                    &city,
                    NaiveDate::from_ymd_opt(2011, 12, 2).unwrap_or_default(),
                )
                .await?
                .id,
        );
        made.cities += 1;
    }
    let mut units = Vec::new();
    for u in 1..=20 * n {
        let acronym = format!("SCALE-{n}-UT-{u}");
        let body = Body {
            kind: BodyKind::ThematicUnit,
            name: LocalizedText::parse(
                Some(&format!("Unidad Temática {u} (escala {n})")),
                None,
                None,
                200,
            )
            .map_err(|e| anyhow!("{e}"))?,
            acronym: Some(acronym.clone()),
            description: None,
        };
        store.create_body(&who, &body).await?;
        units.push(acronym);
        made.bodies += 1;
    }
    for p in 0..10 * n {
        let acronym = &units[p % units.len()];
        let mut document = synthetic_plan(BodyKind::ThematicUnit, acronym, 200);
        document.work_plan.title.es = Some(format!("Plan de trabajo {p} de {acronym}"));
        let owner = crate::routes::plans::resolve(store, &document)
            .await
            .map_err(|e| anyhow!("{e}"))?;
        let plan = store.import_plan(&who, &document, owner).await?;
        made.plans += 1;
        let tree = store.plan_tree(plan.id).await?;
        let executions = [
            Execution::Yes,
            Execution::Yes,
            Execution::Partially,
            Execution::No,
        ];
        let mut reports = Vec::new();
        for node in tree
            .nodes
            .iter()
            .filter(|x| x.kind == mercociudades_domain::plan::NodeKind::Activity)
        {
            made.activities += 1;
            for r in 0..10 {
                let participants = 1 + seq.next(5);
                let input = ReportInput {
                    reported_on: NaiveDate::from_ymd_opt(
                        2012,
                        1 + u32::try_from(r).unwrap_or_default(),
                        1 + u32::try_from(seq.next(28)).unwrap_or_default(),
                    )
                    .unwrap_or_default(),
                    execution: executions[seq.next(executions.len())],
                    narrative: None,
                    cities: (0..participants)
                        .map(|_| cities[seq.next(cities.len())])
                        .collect(),
                    others: OtherParticipants {
                        organizations: if seq.next(3) == 0 {
                            vec!["FAMSI".to_owned()]
                        } else {
                            Vec::new()
                        },
                        mercosur_institutions: if seq.next(4) == 0 {
                            vec!["FCCR".to_owned()]
                        } else {
                            Vec::new()
                        },
                        specific_groups: Vec::new(),
                    },
                    results: Vec::new(),
                    evidence: Vec::new(),
                };
                reports.push(BulkReport {
                    plan: plan.id.0,
                    node: node.id.0,
                    input,
                });
            }
        }
        made.reports += store.bulk_reports(&who, &reports).await?;
        let activities: Vec<_> = tree
            .nodes
            .iter()
            .filter(|x| x.kind == mercociudades_domain::plan::NodeKind::Activity)
            .map(|x| x.id)
            .collect();
        for e in 0..4 {
            let (events, delegations) =
                scaled_event(store, &who, owner, &activities, &cities, &mut seq, e).await?;
            made.events += events;
            made.delegations += delegations;
        }
    }
    Ok(made)
}

/// One event of a scaled plan, organised by its `owner`: see [`load_scale`].
async fn scaled_event(
    store: &Store,
    who: &Who,
    owner: mercociudades_domain::ids::BodyId,
    activities: &[mercociudades_domain::ids::NodeId],
    cities: &[CityId],
    seq: &mut Sequence,
    e: usize,
) -> anyhow::Result<(usize, usize)> {
    use mercociudades_domain::delegation::{Delegate, Presence};
    use mercociudades_domain::event::{Event, EventKind, EventStatus, Session, Zone};
    use mercociudades_domain::ids::{DelegateId, SessionId};
    let zone = Zone::parse("time_zone", "America/Montevideo").map_err(|e| anyhow!("{e}"))?;
    let day = NaiveDate::from_ymd_opt(2012, 3 + u32::try_from(e * 2).unwrap_or_default(), 10)
        .unwrap_or_default();
    let at = |hour: u32| {
        zone.instant("t", day.and_hms_opt(hour, 0, 0).unwrap_or_default())
            .map_err(|e| anyhow!("{e}"))
    };
    let title =
        |t: &str| LocalizedText::parse(Some(t), None, None, 200).map_err(|e| anyhow!("{e}"));
    let linked = 1 + seq.next(3);
    let event = Event {
        kind: EventKind::Workshop,
        title: title(&format!("Jornada {e}"))?,
        description: None,
        zone,
        starts_at: at(9)?,
        ends_at: at(18)?,
        host_city: Some(cities[seq.next(cities.len())]),
        organizers: vec![owner],
        activities: (0..linked)
            .map(|_| activities[seq.next(activities.len())])
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect(),
        sessions: vec![
            Session {
                id: SessionId::new(),
                title: title("Mañana")?,
                starts_at: at(9)?,
                ends_at: at(12)?,
            },
            Session {
                id: SessionId::new(),
                title: title("Tarde")?,
                starts_at: at(14)?,
                ends_at: at(18)?,
            },
        ],
        participants: Vec::new(),
        status: EventStatus::Planned,
    };
    let view = store.create_event(who, &event).await?;
    let id = view.event.id;
    let invited: std::collections::BTreeSet<CityId> =
        (0..6).map(|_| cities[seq.next(cities.len())]).collect();
    let mut presences = Vec::new();
    for (i, city) in invited.iter().enumerate() {
        let delegation = store.invite(who, id, *city, 3).await?;
        let delegates: Vec<Delegate> = (0..1 + seq.next(3))
            .map(|d| Delegate {
                id: DelegateId::new(),
                name: format!("Delegado {d}"),
                position: None,
                gender: None,
            })
            .collect();
        let registered = store
            .register_delegates(who, id, *city, delegation.delegation.version, &delegates)
            .await?;
        store
            .confirm_delegation(who, id, *city, registered.delegation.version)
            .await?;
        if i == 5 {
            continue;
        }
        for d in &delegates {
            for s in &event.sessions {
                if seq.next(4) > 0 {
                    presences.push(Presence {
                        session: Some(s.id),
                        delegate: d.id,
                    });
                }
            }
        }
    }
    let version = store.event_version(id).await?;
    store
        .record_attendance(who, id, version, &presences)
        .await?;
    let version = store.event_version(id).await?;
    store
        .set_event_status(who, id, version, EventStatus::Held)
        .await?;
    Ok((1, invited.len()))
}

/// A plan document of `activities` activities spread over 20 policies, owned by the body of
/// kind `owner_kind` and acronym `owner_acronym`: for benchmarks and tests of large plans.
pub fn synthetic_plan(
    owner_kind: BodyKind,
    owner_acronym: &str,
    activities: usize,
) -> mercociudades_domain::plan::PlanDocument {
    use mercociudades_domain::plan::{
        FORMAT, FORMAT_VERSION, Money, NodeDoc, OwnerRef, PlanDocument, Text, WorkPlanDoc,
    };
    let text = |s: String| Text {
        es: Some(s),
        pt: None,
        en: None,
    };
    let node = |kind: &str, code: String, title: String, children: Vec<NodeDoc>| NodeDoc {
        kind: kind.to_owned(),
        code,
        title: text(title),
        text: None,
        status: None,
        starts_on: None,
        ends_on: None,
        responsible_bodies: Vec::new(),
        responsible_cities: Vec::new(),
        partners: Vec::new(),
        serves: Vec::new(),
        contributes_to: Vec::new(),
        expected_results: None,
        budget: None,
        funding_source: None,
        children,
    };
    let per_policy = activities.div_ceil(20);
    let mut left = activities;
    let policies = (1..=20)
        .map(|p| {
            let count = per_policy.min(left);
            left -= count;
            let acts = (1..=count)
                .map(|a| NodeDoc {
                    status: Some("planned".to_owned()),
                    budget: Some(Money {
                        amount_minor: 150_000,
                        currency: "USD".to_owned(),
                    }),
                    ..node(
                        "activity",
                        format!("1.{p}.a{a}"),
                        format!("Actividad {a} de la política {p}"),
                        Vec::new(),
                    )
                })
                .collect();
            node(
                "policy",
                format!("1.{p}"),
                format!("Política {p}"),
                vec![
                    node(
                        "axis",
                        format!("1.{p}.1"),
                        "Eje de trabajo".to_owned(),
                        Vec::new(),
                    ),
                    node("objective", format!("1.{p}.O"), "Objetivo".to_owned(), acts),
                ],
            )
        })
        .collect();
    PlanDocument {
        format: FORMAT.to_owned(),
        format_version: FORMAT_VERSION,
        strategic_plan: None,
        work_plan: WorkPlanDoc {
            title: text(format!("Plan de {activities} actividades")),
            owner: OwnerRef {
                kind: owner_kind.as_str().to_owned(),
                acronym: Some(owner_acronym.to_owned()),
            },
            starts_on: NaiveDate::from_ymd_opt(2012, 1, 1).unwrap_or_default(),
            ends_on: NaiveDate::from_ymd_opt(2012, 12, 31).unwrap_or_default(),
            presentation: None,
            nodes: vec![node(
                "dimension",
                "1".to_owned(),
                "Dimensión".to_owned(),
                policies,
            )],
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_network_is_complete() {
        let network: Network = serde_json::from_str(NETWORK).unwrap_or_else(|e| panic!("{e}"));
        let countries: std::collections::HashSet<_> =
            network.cities.iter().map(|c| c.country.as_str()).collect();
        assert!(
            network.cities.len() >= 40,
            "{} cities",
            network.cities.len()
        );
        assert!(countries.len() >= 8, "{} countries", countries.len());
        let uts = network
            .bodies
            .iter()
            .filter(|b| b.kind == "thematic_unit")
            .count();
        assert!(uts >= 12, "{uts} thematic units");
        for kind in [
            "summit",
            "board",
            "executive_secretariat",
            "technical_secretariat",
        ] {
            assert!(network.bodies.iter().any(|b| b.kind == kind), "no {kind}");
        }
        let se = network
            .bodies
            .iter()
            .find(|b| b.kind == "executive_secretariat")
            .map(|b| b.key.as_str());
        assert!(network.terms.iter().any(|t| Some(t.body.as_str()) == se
            && t.city == "montevideo"
            && t.starts_on.to_string().starts_with("2011")
            && t.ends_on.is_some_and(|e| e.to_string().starts_with("2012"))));
        for b in network.bodies.iter().filter(|b| b.kind == "thematic_unit") {
            assert!(
                network
                    .terms
                    .iter()
                    .any(|t| t.body == b.key && t.role == "coordinator"),
                "{} has no coordinator",
                b.key
            );
        }
    }

    #[test]
    fn demo_passwords_are_acceptable() {
        for u in USERS {
            assert!(
                crate::auth::check_password("password", u.password).is_ok(),
                "{}",
                u.email
            );
        }
        let roles: std::collections::HashSet<_> = USERS.iter().map(|u| u.role).collect();
        assert_eq!(roles.len(), Role::ALL.len());
    }
}
