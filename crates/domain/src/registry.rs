//! The member registry: countries, member cities, bodies of the network and the terms in which
//! a city holds a post.

use crate::ids::{BodyId, CityId};
use crate::text::LocalizedText;
use crate::validation::{FieldError, bounded_text, codes, name_text};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Longest name a city, country or body may have.
pub const NAME_MAX: usize = 200;

macro_rules! closed_set {
    ($(#[$m:meta])* $name:ident { $($variant:ident => $text:literal),* $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),* }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            pub const fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),* }
            }

            /// Parses the wire form; `field` names the input for the error.
            pub fn parse(field: &str, value: &str) -> Result<Self, FieldError> {
                match value {
                    $($text => Ok($name::$variant),)*
                    _ => Err(FieldError::new(field, codes::UNKNOWN_VALUE)
                        .with("allowed", [$($text),*].join(", "))),
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}
pub(crate) use closed_set;

closed_set!(
    /// A country's relation to Mercosur.
    MercosurStatus {
        StateParty => "state_party",
        AssociateState => "associate_state",
        Other => "other",
    }
);

closed_set!(
    /// Where a city stands in the network.
    MembershipStatus {
        Active => "active",
        Suspended => "suspended",
        Withdrawn => "withdrawn",
    }
);

closed_set!(
    /// The kinds of organ of the network.
    BodyKind {
        Summit => "summit",
        Board => "board",
        DirectingCommission => "directing_commission",
        ExecutiveSecretariat => "executive_secretariat",
        TechnicalSecretariat => "technical_secretariat",
        ThematicUnit => "thematic_unit",
        Commission => "commission",
        WorkingGroup => "working_group",
    }
);

closed_set!(
    /// The post a city holds in a body during a term.
    TermRole {
        Holder => "holder",
        Coordinator => "coordinator",
        SubCoordinator => "sub_coordinator",
    }
);

impl TermRole {
    /// Whether a body of `kind` has posts of this role: the secretariats and the Summit (its
    /// host) are held by one city; the Board, the Thematic Units, commissions and working
    /// groups are coordinated and sub-coordinated.
    pub fn applies_to(self, kind: BodyKind) -> bool {
        use BodyKind::*;
        match self {
            TermRole::Holder => {
                matches!(kind, ExecutiveSecretariat | TechnicalSecretariat | Summit)
            }
            TermRole::Coordinator | TermRole::SubCoordinator => {
                matches!(
                    kind,
                    Board | DirectingCommission | ThematicUnit | Commission | WorkingGroup
                )
            }
        }
    }

    /// Whether only one city may hold this post in a body at any one time.
    pub fn is_exclusive(self) -> bool {
        matches!(self, TermRole::Holder | TermRole::Coordinator)
    }
}

/// ISO 3166-1 alpha-2 country code, upper case.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct CountryCode(String);

impl CountryCode {
    pub fn parse(field: &str, value: &str) -> Result<Self, FieldError> {
        let v = value.trim();
        if v.len() == 2 && v.chars().all(|c| c.is_ascii_alphabetic()) {
            Ok(Self(v.to_ascii_uppercase()))
        } else {
            Err(FieldError::new(field, codes::INVALID_FORMAT).with("format", "ISO 3166-1 alpha-2"))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de> Deserialize<'de> for CountryCode {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(deserializer)?;
        CountryCode::parse("code", &raw).map_err(serde::de::Error::custom)
    }
}

impl std::fmt::Display for CountryCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A country of the network.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Country {
    pub code: CountryCode,
    pub name: LocalizedText,
    pub mercosur_status: MercosurStatus,
}

/// Number of inhabitants: zero or more, at most ten times the largest city on earth.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Population(i64);

impl Population {
    pub const MAX: i64 = 400_000_000;

    pub fn parse(field: &str, value: i64) -> Result<Self, FieldError> {
        if (0..=Self::MAX).contains(&value) {
            Ok(Self(value))
        } else {
            Err(FieldError::new(field, codes::OUT_OF_RANGE)
                .with("min", 0)
                .with("max", Self::MAX))
        }
    }

    pub fn get(self) -> i64 {
        self.0
    }
}

/// A coordinate in decimal degrees (WGS 84), kept to the micro-degree: six decimal places,
/// about 0.1 m, so that a value sent with six decimals or fewer reads back exactly as sent and
/// one sent with more is rounded to six.
fn micro_degrees(field: &str, value: f64, bound: i32) -> Result<i32, FieldError> {
    let limit = f64::from(bound);
    if value.is_finite() && (-limit..=limit).contains(&value) {
        // Within ±180, the product is within ±1.8e8: it fits an i32, and it is off the whole
        // number it stands for by far less than a half.
        Ok((value * 1e6).round() as i32)
    } else {
        Err(FieldError::new(field, codes::OUT_OF_RANGE)
            .with("min", -bound)
            .with("max", bound))
    }
}

/// Latitude in decimal degrees (WGS 84), from -90 (south) to 90 (north).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Latitude(i32);

impl Latitude {
    pub const MAX: i32 = 90;

    pub fn parse(field: &str, degrees: f64) -> Result<Self, FieldError> {
        micro_degrees(field, degrees, Self::MAX).map(Self)
    }

    pub fn degrees(self) -> f64 {
        f64::from(self.0) / 1e6
    }
}

/// Longitude in decimal degrees (WGS 84), from -180 (west) to 180 (east).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Longitude(i32);

impl Longitude {
    pub const MAX: i32 = 180;

    pub fn parse(field: &str, degrees: f64) -> Result<Self, FieldError> {
        micro_degrees(field, degrees, Self::MAX).map(Self)
    }

    pub fn degrees(self) -> f64 {
        f64::from(self.0) / 1e6
    }
}

/// Where a city is: a point of its centre, both coordinates together.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Location {
    pub latitude: Latitude,
    pub longitude: Longitude,
}

/// An e-mail address: in lower case and Unicode normalization form C, checked for shape.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Email(String);

impl Email {
    /// Longest address (RFC 5321).
    pub const MAX: usize = 254;

    /// An address as a person typed it: it follows the rules of names (no invisible or
    /// control characters), then is composed (NFC), put in lower case and checked for shape.
    pub fn parse(field: &str, value: &str) -> Result<Self, FieldError> {
        Self::shaped(field, name_text(field, value, Self::MAX)?)
    }

    /// An address as it was stored, before the rules of names: checked for shape only.
    pub fn read(field: &str, value: &str) -> Result<Self, FieldError> {
        Self::shaped(field, bounded_text(field, value, Self::MAX)?)
    }

    fn shaped(field: &str, v: String) -> Result<Self, FieldError> {
        let valid = match v.split_once('@') {
            Some((local, domain)) => {
                !local.is_empty()
                    && domain.contains('.')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
                    && !v.chars().any(char::is_whitespace)
                    && !domain.contains('@')
            }
            None => false,
        };
        if valid {
            Ok(Self(crate::text::nfc(&v.to_lowercase())))
        } else {
            Err(FieldError::new(field, codes::INVALID_FORMAT).with("format", "email"))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The key two addresses that look the same share: the confusable skeleton (UTS #39) of the
    /// address in lower case, so that `аdmin@…` with a Cyrillic `а` is `admin@…`.
    pub fn key(&self) -> String {
        unicode_security::skeleton(&self.0).collect()
    }

    /// The key of an address as typed for signing in, without checking its shape.
    pub fn key_of(raw: &str) -> String {
        let lower = crate::text::nfc(&raw.trim().to_lowercase());
        unicode_security::skeleton(&lower).collect()
    }
}

/// An http(s) address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct WebAddress(String);

impl WebAddress {
    pub fn parse(field: &str, value: &str) -> Result<Self, FieldError> {
        let v = bounded_text(field, value, 500)?;
        let rest = v
            .strip_prefix("https://")
            .or_else(|| v.strip_prefix("http://"));
        match rest {
            Some(host) if !host.is_empty() && !v.chars().any(char::is_whitespace) => Ok(Self(v)),
            _ => Err(FieldError::new(field, codes::INVALID_FORMAT).with("format", "url")),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// How to reach a member city's government.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Contact {
    pub address: Option<String>,
    pub phone: Option<String>,
    pub email: Option<Email>,
    pub website: Option<WebAddress>,
}

/// A member city, as kept in the registry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct City {
    pub name: String,
    pub country: CountryCode,
    pub population: Option<Population>,
    pub membership_status: MembershipStatus,
    pub joined_on: Option<NaiveDate>,
    pub contact: Contact,
    /// Where the city is, for maps; part of its profile, not of its membership.
    pub location: Option<Location>,
}

impl City {
    /// The fields of a city's membership, which the secretariat changes (`city:membership`), in
    /// which `new` differs from this city: its status, its country and the day it joined.
    pub fn membership_changes(&self, new: &City) -> Vec<&'static str> {
        let mut changed = Vec::new();
        if self.membership_status != new.membership_status {
            changed.push("membership_status");
        }
        if self.country != new.country {
            changed.push("country");
        }
        if self.joined_on != new.joined_on {
            changed.push("joined_on");
        }
        changed
    }
}

/// A body of the network.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Body {
    pub kind: BodyKind,
    pub name: LocalizedText,
    pub acronym: Option<String>,
    pub description: Option<LocalizedText>,
}

/// A period of days, both ends included; an open end means "until further notice".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    starts_on: NaiveDate,
    ends_on: Option<NaiveDate>,
}

impl Period {
    pub fn new(starts_on: NaiveDate, ends_on: Option<NaiveDate>) -> Result<Self, FieldError> {
        match ends_on {
            Some(end) if end < starts_on => {
                Err(FieldError::new("ends_on", codes::DATE_ORDER).with("starts_on", starts_on))
            }
            _ => Ok(Self { starts_on, ends_on }),
        }
    }

    pub fn starts_on(&self) -> NaiveDate {
        self.starts_on
    }

    pub fn ends_on(&self) -> Option<NaiveDate> {
        self.ends_on
    }

    pub fn contains(&self, day: NaiveDate) -> bool {
        self.starts_on <= day && self.ends_on.is_none_or(|end| day <= end)
    }

    pub fn overlaps(&self, other: &Period) -> bool {
        let starts_before_other_ends = other.ends_on.is_none_or(|e| self.starts_on <= e);
        let ends_after_other_starts = self.ends_on.is_none_or(|e| other.starts_on <= e);
        starts_before_other_ends && ends_after_other_starts
    }
}

/// A city holding a post in a body for a period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub body: BodyId,
    pub city: CityId,
    pub role: TermRole,
    pub period: Period,
    pub note: Option<String>,
}

impl Term {
    /// Checks the term against the kind of its body and the terms the body already has.
    pub fn check(
        &self,
        body_kind: BodyKind,
        others: &[(TermRole, Period)],
    ) -> Result<(), FieldError> {
        if !self.role.applies_to(body_kind) {
            return Err(FieldError::new("role", codes::NOT_ALLOWED).with("body_kind", body_kind));
        }
        if self.role.is_exclusive()
            && others
                .iter()
                .any(|(role, period)| *role == self.role && period.overlaps(&self.period))
        {
            return Err(FieldError::new("starts_on", codes::OVERLAP).with("role", self.role));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap_or_default()
    }

    #[test]
    fn membership_changes_name_the_fields_that_differ() {
        let city = City {
            name: "Rosario".to_owned(),
            country: CountryCode::parse("c", "AR").unwrap_or_else(|_| unreachable!()),
            population: None,
            membership_status: MembershipStatus::Active,
            joined_on: Some(day("1995-11-07")),
            contact: Contact::default(),
            location: None,
        };
        let profile = City {
            name: "Rosario (Santa Fe)".to_owned(),
            population: Population::parse("p", 1_000).ok(),
            contact: Contact {
                phone: Some("+54 341".to_owned()),
                ..Contact::default()
            },
            location: Some(Location {
                latitude: Latitude::parse("l", -32.9442).unwrap_or_else(|_| unreachable!()),
                longitude: Longitude::parse("l", -60.6505).unwrap_or_else(|_| unreachable!()),
            }),
            ..city.clone()
        };
        assert!(city.membership_changes(&profile).is_empty());
        let moved = City {
            membership_status: MembershipStatus::Withdrawn,
            country: CountryCode::parse("c", "UY").unwrap_or_else(|_| unreachable!()),
            joined_on: None,
            ..city.clone()
        };
        assert_eq!(
            city.membership_changes(&moved),
            ["membership_status", "country", "joined_on"]
        );
    }

    #[test]
    fn country_code_is_two_letters() {
        assert_eq!(
            CountryCode::parse("c", "uy").map(|c| c.0),
            Ok("UY".to_owned())
        );
        assert!(CountryCode::parse("c", "URY").is_err());
        assert!(CountryCode::parse("c", "U1").is_err());
        assert!(CountryCode::parse("c", "").is_err());
    }

    #[test]
    fn population_is_not_negative() {
        assert!(Population::parse("p", -5).is_err());
        assert!(Population::parse("p", 0).is_ok());
        assert!(Population::parse("p", Population::MAX + 1).is_err());
    }

    #[test]
    fn coordinates_keep_six_decimals_within_their_bounds() {
        for degrees in [-34.9011, -56.1645, 0.0, 90.0, -90.0, 12.345678, -0.000001] {
            let latitude = Latitude::parse("latitude", degrees).map(Latitude::degrees);
            assert_eq!(latitude, Ok(degrees), "{degrees}");
        }
        for degrees in [-180.0, 180.0, -60.650_501, 179.999_999] {
            let longitude = Longitude::parse("longitude", degrees).map(Longitude::degrees);
            assert_eq!(longitude, Ok(degrees), "{degrees}");
        }
        // More decimals are rounded to six.
        assert_eq!(
            Latitude::parse("l", -34.901_123_6).map(Latitude::degrees),
            Ok(-34.901_124)
        );
        for bad in [91.0, -90.000_001, f64::NAN, f64::INFINITY] {
            let err = Latitude::parse("latitude", bad).err();
            assert_eq!(err.map(|e| e.code), Some(codes::OUT_OF_RANGE), "{bad}");
        }
        let err = Longitude::parse("longitude", -181.0).err();
        assert_eq!(
            err.map(|e| e.params),
            Some(vec![("min", "-180".to_owned()), ("max", "180".to_owned())])
        );
    }

    #[test]
    fn email_shape() {
        assert!(Email::parse("e", "stpm@mercociudades.org").is_ok());
        for bad in ["stpm", "@x.org", "a@b", "a b@c.org", "a@.org", "a@b@c.org"] {
            assert!(Email::parse("e", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn email_is_composed_lower_case_and_visible() {
        assert_eq!(
            Email::parse("e", " STPM@Mercociudades.ORG ").map(|e| e.0),
            Ok("stpm@mercociudades.org".to_owned())
        );
        assert_eq!(
            Email::parse("e", "jose\u{301}@example.org").map(|e| e.0),
            Ok("josé@example.org".to_owned())
        );
        for bad in [
            "stpm\u{200B}@x.org",
            "stpm@x.org\u{FEFF}",
            "st\u{AD}pm@x.org",
            "\u{202E}stpm@x.org",
        ] {
            assert_eq!(
                Email::parse("email", bad).map_err(|e| e.code),
                Err(codes::INVISIBLE_CHARACTER),
                "{bad:?}"
            );
        }
        // What was stored before still reads.
        assert!(Email::read("e", "st\u{AD}pm@x.org").is_ok());
    }

    #[test]
    fn look_alike_emails_share_a_key() {
        let key = |s: &str| Email::parse("e", s).map(|e| e.key()).unwrap_or_default();
        let admin = key("admin@test.example.org");
        // Cyrillic а and е.
        assert_eq!(key("\u{430}dmin@t\u{435}st.example.org"), admin);
        assert_eq!(key("ADMIN@TEST.example.org"), admin);
        assert_eq!(Email::key_of(" Admin@Test.Example.org "), admin);
        assert_ne!(key("admin2@test.example.org"), admin);
    }

    #[test]
    fn web_address_needs_scheme() {
        assert!(WebAddress::parse("w", "https://montevideo.gub.uy").is_ok());
        assert!(WebAddress::parse("w", "montevideo.gub.uy").is_err());
        assert!(WebAddress::parse("w", "https://").is_err());
    }

    #[test]
    fn closed_sets_parse_their_wire_form() {
        assert_eq!(
            BodyKind::parse("kind", "thematic_unit"),
            Ok(BodyKind::ThematicUnit)
        );
        let err = BodyKind::parse("kind", "club").err();
        assert_eq!(err.map(|e| e.code), Some(codes::UNKNOWN_VALUE));
        for kind in BodyKind::ALL {
            assert_eq!(BodyKind::parse("kind", kind.as_str()), Ok(*kind));
        }
    }

    #[test]
    fn period_order_and_overlap() {
        assert!(Period::new(day("2012-01-01"), Some(day("2011-01-01"))).is_err());
        let a = Period::new(day("2011-12-02"), Some(day("2012-12-06")))
            .unwrap_or_else(|_| unreachable!());
        let b = Period::new(day("2012-12-07"), None).unwrap_or_else(|_| unreachable!());
        let c = Period::new(day("2012-12-06"), None).unwrap_or_else(|_| unreachable!());
        assert!(!a.overlaps(&b) && !b.overlaps(&a));
        assert!(a.overlaps(&c) && c.overlaps(&a));
        assert!(a.contains(day("2012-06-01")) && !a.contains(day("2013-01-01")));
        assert!(b.contains(day("2030-01-01")));
    }

    #[test]
    fn term_roles_follow_body_kind() {
        let period = Period::new(day("2011-12-02"), Some(day("2012-12-06")))
            .unwrap_or_else(|_| unreachable!());
        let term = Term {
            body: BodyId::new(),
            city: CityId::new(),
            role: TermRole::Holder,
            period,
            note: None,
        };
        assert!(term.check(BodyKind::ExecutiveSecretariat, &[]).is_ok());
        assert_eq!(
            term.check(BodyKind::ThematicUnit, &[]).map_err(|e| e.code),
            Err(codes::NOT_ALLOWED)
        );
        let coord = Term {
            role: TermRole::Coordinator,
            ..term.clone()
        };
        assert_eq!(
            coord
                .check(BodyKind::ThematicUnit, &[(TermRole::Coordinator, period)])
                .map_err(|e| e.code),
            Err(codes::OVERLAP)
        );
        let sub = Term {
            role: TermRole::SubCoordinator,
            ..term
        };
        assert!(
            sub.check(
                BodyKind::ThematicUnit,
                &[(TermRole::SubCoordinator, period)]
            )
            .is_ok()
        );
    }
}
