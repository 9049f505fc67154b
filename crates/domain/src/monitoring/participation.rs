//! Who took part in the plan's activities (indicator 2): countries and cities of the local
//! governments, organisations, Mercosur institutions and specific groups, per activity and in
//! total, with the bands of 1, 2, 3, 4, 5 or more countries.

use super::{BANDS, ParticipantKind, country_band};
use crate::ids::{CityId, EventId, NodeId, PlanId};
use crate::plan::{PlanOutline, Text};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// A city named by an approved report on an activity; `city` is absent for a report that
/// names none, which still shows that the activity was reported on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CityTookPart {
    pub activity: NodeId,
    pub city: Option<(CityId, String)>,
    /// The event linked to the activity where the city's attendance was recorded; absent for
    /// a city a report names.
    pub event: Option<EventId>,
}

/// Another participant named by an approved report on an activity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OtherTookPart {
    pub activity: NodeId,
    pub kind: ParticipantKind,
    pub name: String,
}

/// Who the approved reports in scope name; the same city or name may come more than once.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParticipationFacts {
    pub cities: Vec<CityTookPart>,
    pub others: Vec<OtherTookPart>,
}

/// Who took part in one activity, across its approved reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParticipationRow {
    pub code: String,
    pub title: Text,
    /// Distinct countries of the participating cities, in order.
    pub countries: Vec<String>,
    pub country_band: Option<&'static str>,
    /// Distinct participating cities.
    pub cities: u64,
    /// Of those, the cities whose attendance was recorded at an event linked to the activity.
    pub cities_attended: u64,
    /// The cities the reports name that no linked event recorded.
    pub cities_reported_only: u64,
    /// The linked events where attendance was recorded.
    pub events: u64,
    pub organizations: Vec<String>,
    pub mercosur_institutions: Vec<String>,
    pub specific_groups: Vec<String>,
}

/// The participation of one country.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountryParticipation {
    pub country: String,
    /// Activities its cities took part in.
    pub activities: u64,
    /// Its distinct cities that took part.
    pub cities: u64,
}

/// Activities by kind of participant.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ParticipantCounts {
    pub local_governments: u64,
    pub organizations: u64,
    pub mercosur_institutions: u64,
    pub specific_groups: u64,
}

impl ParticipantCounts {
    /// The counts by name: `local_governments` and the [`ParticipantKind`]s.
    pub fn named(&self) -> [(&'static str, u64); 4] {
        [
            ("local_governments", self.local_governments),
            (ParticipantKind::Organizations.as_str(), self.organizations),
            (
                ParticipantKind::MercosurInstitutions.as_str(),
                self.mercosur_institutions,
            ),
            (
                ParticipantKind::SpecificGroups.as_str(),
                self.specific_groups,
            ),
        ]
    }
}

/// Participation in the plan's activities, per activity and in total.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParticipationReport {
    pub plan_id: PlanId,
    pub rows: Vec<ParticipationRow>,
    /// Distinct countries across the plan, in order.
    pub countries: Vec<String>,
    /// Distinct cities across the plan.
    pub cities: u64,
    /// Activities by the band of their number of countries, every band listed.
    pub activities_by_band: Vec<(&'static str, u64)>,
    pub activities_with: ParticipantCounts,
    /// By country, in order.
    pub by_country: Vec<CountryParticipation>,
}

#[derive(Default)]
struct Activity<'a> {
    cities: BTreeSet<CityId>,
    attended: BTreeSet<CityId>,
    events: BTreeSet<EventId>,
    countries: BTreeSet<&'a str>,
    others: [BTreeSet<&'a str>; 3],
}

/// The participation report of a plan's outline. Only the activities of the outline have a
/// row; the countries and cities in total are those of every fact. A city named twice counts
/// once, in its activity and in total.
pub fn participation_report(
    outline: &PlanOutline,
    facts: &ParticipationFacts,
) -> ParticipationReport {
    let mut of: HashMap<NodeId, Activity> = HashMap::new();
    let mut cities_of_country: BTreeMap<&str, BTreeSet<CityId>> = BTreeMap::new();
    for fact in &facts.cities {
        let activity = of.entry(fact.activity).or_default();
        if let Some((city, country)) = &fact.city {
            activity.cities.insert(*city);
            if let Some(event) = fact.event {
                activity.attended.insert(*city);
                activity.events.insert(event);
            }
            activity.countries.insert(country);
            cities_of_country.entry(country).or_default().insert(*city);
        }
    }
    for other in &facts.others {
        let i = match other.kind {
            ParticipantKind::Organizations => 0,
            ParticipantKind::MercosurInstitutions => 1,
            ParticipantKind::SpecificGroups => 2,
        };
        of.entry(other.activity).or_default().others[i].insert(&other.name);
    }
    let mut by_band: Vec<(&'static str, u64)> = BANDS.iter().map(|b| (*b, 0)).collect();
    let mut with = ParticipantCounts::default();
    let mut activities_of: HashMap<&str, u64> = HashMap::new();
    let mut rows = Vec::new();
    for node in outline.activities() {
        let Some(activity) = of.get(&node.id) else {
            continue;
        };
        for country in &activity.countries {
            *activities_of.entry(country).or_default() += 1;
        }
        let band = country_band(activity.countries.len());
        if let Some(entry) = by_band.iter_mut().find(|(b, _)| Some(*b) == band) {
            entry.1 += 1;
        }
        let [organizations, institutions, groups] = &activity.others;
        let counted = |present: bool| u64::from(present);
        with.local_governments += counted(!activity.cities.is_empty());
        with.organizations += counted(!organizations.is_empty());
        with.mercosur_institutions += counted(!institutions.is_empty());
        with.specific_groups += counted(!groups.is_empty());
        let owned = |set: &BTreeSet<&str>| set.iter().map(|s| (*s).to_owned()).collect();
        rows.push(ParticipationRow {
            code: node.code.clone(),
            title: node.title.clone(),
            countries: owned(&activity.countries),
            country_band: band,
            cities: activity.cities.len() as u64,
            cities_attended: activity.attended.len() as u64,
            cities_reported_only: activity.cities.difference(&activity.attended).count() as u64,
            events: activity.events.len() as u64,
            organizations: owned(organizations),
            mercosur_institutions: owned(institutions),
            specific_groups: owned(groups),
        });
    }
    let by_country: Vec<CountryParticipation> = cities_of_country
        .into_iter()
        .map(|(country, cities)| CountryParticipation {
            country: country.to_owned(),
            activities: activities_of.get(country).copied().unwrap_or_default(),
            cities: cities.len() as u64,
        })
        .collect();
    ParticipationReport {
        plan_id: outline.plan.id,
        rows,
        countries: by_country.iter().map(|c| c.country.clone()).collect(),
        cities: by_country.iter().map(|c| c.cities).sum(),
        activities_by_band: by_band,
        activities_with: with,
        by_country,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::monitoring::fixtures::Outline;
    use crate::plan::NodeKind;

    fn city(activity: NodeId, city: CityId, country: &str) -> CityTookPart {
        CityTookPart {
            activity,
            city: Some((city, country.to_owned())),
            event: None,
        }
    }

    fn other(activity: NodeId, kind: ParticipantKind, name: &str) -> OtherTookPart {
        OtherTookPart {
            activity,
            kind,
            name: name.to_owned(),
        }
    }

    #[test]
    fn cities_named_twice_count_once_and_activities_fall_in_bands() {
        let mut o = Outline::empty();
        let objective = o.add(None, NodeKind::Objective, "1.O");
        let a = o.activity(objective, "1.a", &[], None);
        let b = o.activity(objective, "1.b", &[], None);
        let c = o.activity(objective, "1.c", &[], None);
        o.activity(objective, "1.d", &[], None);
        let [montevideo, rosario, asuncion, santiago, sao_paulo, lima] =
            [(); 6].map(|()| CityId::new());
        let facts = ParticipationFacts {
            cities: vec![
                // 1.a: Montevideo in two reports, and Rosario: 2 cities of 2 countries.
                city(a, montevideo, "UY"),
                city(a, montevideo, "UY"),
                city(a, rosario, "AR"),
                // 1.b: Montevideo again and four cities of four more countries: band 5+.
                city(b, montevideo, "UY"),
                city(b, asuncion, "PY"),
                city(b, santiago, "CL"),
                city(b, sao_paulo, "BR"),
                city(b, lima, "PE"),
                // 1.c was reported on without a city; 1.d not at all.
                CityTookPart {
                    activity: c,
                    city: None,
                    event: None,
                },
            ],
            others: vec![
                other(c, ParticipantKind::Organizations, "CEPAL"),
                other(c, ParticipantKind::Organizations, "CEPAL"),
                other(a, ParticipantKind::SpecificGroups, "Jóvenes"),
            ],
        };
        let report = participation_report(&o.outline, &facts);
        let rows: Vec<(&str, usize, Option<&str>, u64, usize)> = report
            .rows
            .iter()
            .map(|r| {
                (
                    r.code.as_str(),
                    r.countries.len(),
                    r.country_band,
                    r.cities,
                    r.organizations.len(),
                )
            })
            .collect();
        assert_eq!(
            rows,
            [
                ("1.a", 2, Some("2"), 2, 0),
                ("1.b", 5, Some("5+"), 5, 0),
                ("1.c", 0, None, 0, 1)
            ]
        );
        assert_eq!(report.rows[0].countries, ["AR", "UY"]);
        assert_eq!(report.rows[0].specific_groups, ["Jóvenes"]);
        // Six distinct cities of six countries; Montevideo once, in two activities.
        assert_eq!(report.cities, 6);
        assert_eq!(report.countries, ["AR", "BR", "CL", "PE", "PY", "UY"]);
        let uruguay = report.by_country.iter().find(|c| c.country == "UY");
        assert_eq!(uruguay.map(|c| (c.activities, c.cities)), Some((2, 1)));
        assert_eq!(
            report.activities_by_band,
            [("1", 0), ("2", 1), ("3", 0), ("4", 0), ("5+", 1)]
        );
        assert_eq!(
            report.activities_with,
            ParticipantCounts {
                local_governments: 2,
                organizations: 1,
                mercosur_institutions: 0,
                specific_groups: 1,
            }
        );
    }

    #[test]
    fn an_activity_left_out_of_the_outline_has_no_row() {
        let mut o = Outline::empty();
        let objective = o.add(None, NodeKind::Objective, "1.O");
        let kept = o.activity(objective, "1.a", &[], None);
        let elsewhere = NodeId::new();
        let facts = ParticipationFacts {
            cities: vec![city(kept, CityId::new(), "UY")],
            others: vec![other(elsewhere, ParticipantKind::Organizations, "OEA")],
        };
        let report = participation_report(&o.outline, &facts);
        assert_eq!(report.rows.len(), 1);
        assert_eq!(report.activities_with.organizations, 0);
        assert_eq!(report.activities_by_band[0], ("1", 1));
    }

    #[test]
    fn a_city_at_two_events_of_an_activity_counts_once_and_its_source_is_told() {
        let mut o = Outline::empty();
        let objective = o.add(None, NodeKind::Objective, "1.O");
        let a = o.activity(objective, "1.a", &[], None);
        let [montevideo, rosario, quilmes] = [(); 3].map(|()| CityId::new());
        let (jornada, seminar) = (EventId::new(), EventId::new());
        let at = |city: CityId, country: &str, event| CityTookPart {
            activity: a,
            city: Some((city, country.to_owned())),
            event: Some(event),
        };
        let facts = ParticipationFacts {
            cities: vec![
                at(montevideo, "UY", jornada),
                at(montevideo, "UY", seminar),
                at(rosario, "AR", seminar),
                // A report names Rosario, recorded already, and Quilmes, which no event saw.
                city(a, rosario, "AR"),
                city(a, quilmes, "AR"),
            ],
            others: vec![],
        };
        let report = participation_report(&o.outline, &facts);
        let row = &report.rows[0];
        assert_eq!(
            (
                row.cities,
                row.cities_attended,
                row.cities_reported_only,
                row.events
            ),
            (3, 2, 1, 2)
        );
        assert_eq!(row.countries, ["AR", "UY"]);
        assert_eq!(report.cities, 3);
    }
}
