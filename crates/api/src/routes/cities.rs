//! Member cities: profile, contact, membership and its history, posts held, bodies.

use super::bodies::BodyRefOut;
use super::{
    CreateErrors, DeleteErrors, GetErrors, ListErrors, Page, UpdateErrors, check, created,
    optional, required, with_etag,
};
use crate::error::{ApiError, ApiResult};
use crate::extract::{Ids, IfMatch, JsonBody, QueryParams};
use crate::guard::{Cx, Guard, OnCity, Resolved, Target, perm};
use crate::state::AppState;
use actix_web::{HttpResponse, delete, get, post, put, web};
use chrono::{DateTime, NaiveDate, Utc};
use mercociudades_domain::access::{Action, Resource, can};
use mercociudades_domain::ids::{BodyId, CityId};
use mercociudades_domain::listing::{Sort, parse_date};
use mercociudades_domain::record::Record;
use mercociudades_domain::registry::{
    City, Contact, CountryCode, Email, Latitude, Location, Longitude, MembershipStatus, NAME_MAX,
    Population, TermRole, WebAddress,
};
use mercociudades_domain::validation::{FieldError, ValidationErrors, bounded_text, name_text};
use mercociudades_macros::guarded;
use mercociudades_persistence::StoreError;
use mercociudades_persistence::repositories::{CityDetail, CityFilter, CitySort, Expected};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

/// How to reach a city's government.
#[derive(Debug, Default, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ContactData {
    pub address: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    /// http(s) address of the city's site.
    pub website: Option<String>,
}

/// Where a city is: its centre in decimal degrees (WGS 84), kept to six decimal places (about
/// 0.1 m; more are rounded), so that a value with six decimals or fewer reads back exactly as
/// sent. Both coordinates or none: a city without a known place has `location: null`.
#[derive(Debug, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LocationData {
    /// Degrees north (positive) or south (negative) of the equator.
    #[schema(value_type = f64, required = true, minimum = -90, maximum = 90, example = -34.9011)]
    pub latitude: Option<f64>,
    /// Degrees east (positive) or west (negative) of Greenwich.
    #[schema(value_type = f64, required = true, minimum = -180, maximum = 180, example = -56.1645)]
    pub longitude: Option<f64>,
}

/// Read from an object only: a pair in an array would be ambiguous (GeoJSON puts the longitude
/// first), so `[lat, lon]` is refused as the wrong type rather than read in some order.
impl<'de> Deserialize<'de> for LocationData {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Fields {
            latitude: Option<f64>,
            longitude: Option<f64>,
        }

        struct ObjectOnly;

        impl<'de> serde::de::Visitor<'de> for ObjectOnly {
            type Value = LocationData;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON object")
            }

            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<Self::Value, A::Error> {
                let Fields {
                    latitude,
                    longitude,
                } = Fields::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
                Ok(LocationData {
                    latitude,
                    longitude,
                })
            }
        }

        deserializer.deserialize_map(ObjectOnly)
    }
}

/// A member city.
#[derive(Debug, Serialize, ToSchema)]
pub struct CityOut {
    pub id: Uuid,
    pub name: String,
    /// ISO 3166-1 alpha-2 of its country.
    pub country: String,
    pub population: Option<i64>,
    #[schema(value_type = super::closed::MembershipStatus)]
    pub membership_status: MembershipStatus,
    pub joined_on: Option<NaiveDate>,
    pub contact: ContactData,
    /// Where the city is, for maps; `null` when not known.
    pub location: Option<LocationData>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A change of membership status.
#[derive(Debug, Serialize, ToSchema)]
pub struct MembershipEventOut {
    #[schema(value_type = super::closed::MembershipStatus)]
    pub status: MembershipStatus,
    pub since: NaiveDate,
    pub recorded_at: DateTime<Utc>,
}

/// A post a city holds in a body.
#[derive(Debug, Serialize, ToSchema)]
pub struct PostOut {
    pub term_id: Uuid,
    pub body: BodyRefOut,
    /// `holder`, `coordinator` or `sub_coordinator`.
    #[schema(value_type = super::closed::TermRole)]
    pub role: TermRole,
    pub starts_on: NaiveDate,
    pub ends_on: Option<NaiveDate>,
}

/// A city with its membership history, the posts it holds on `as_of`, and its bodies.
#[derive(Debug, Serialize, ToSchema)]
pub struct CityDetailOut {
    #[serde(flatten)]
    pub city: CityOut,
    /// The day the posts are for.
    pub as_of: NaiveDate,
    pub membership_history: Vec<MembershipEventOut>,
    pub posts: Vec<PostOut>,
    pub bodies: Vec<BodyRefOut>,
}

/// A city to create or replace (`PUT` replaces every field).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CityIn {
    #[schema(value_type = String, format = "name", max_length = 200, required = true)]
    pub name: Option<String>,
    /// ISO 3166-1 alpha-2 of a country in the registry.
    #[schema(value_type = String, format = "country-code", required = true)]
    pub country: Option<String>,
    /// Inhabitants, 0 or more.
    pub population: Option<i64>,
    /// Default `active`.
    #[schema(value_type = Option<super::closed::MembershipStatus>)]
    pub membership_status: Option<String>,
    /// When the Summit admitted the city (YYYY-MM-DD).
    #[schema(value_type = Option<String>, format = Date)]
    pub joined_on: Option<String>,
    /// When a new membership status takes effect (YYYY-MM-DD; default today, UTC); without a
    /// change of status it changes nothing.
    #[schema(value_type = Option<String>, format = Date)]
    pub status_since: Option<String>,
    pub contact: Option<ContactData>,
    /// Where the city is: both coordinates, or none (left out or `null`). Part of the city's
    /// profile, not of its membership: a focal point may change it.
    pub location: Option<LocationData>,
}

super::list_query!(
    /// Filters of the city list.
    CityQuery sorted by "^(-?(name|country|population|joined_on|updated_at))?$" {
        /// ISO 3166-1 alpha-2.
        #[param(format = "country-code")]
        country,
        #[param(value_type = Option<super::closed::MembershipStatus>)]
        membership_status,
        /// Only members of this body.
        #[param(value_type = Option<Uuid>)]
        body_id,
        /// Text in the name, regardless of accents and case.
        q,
    }
);

#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct AsOfQuery {
    /// The day for which posts are listed (YYYY-MM-DD; default today, UTC).
    #[param(value_type = Option<NaiveDate>)]
    pub as_of: Option<String>,
}

impl AsOfQuery {
    pub fn day(&self) -> Result<NaiveDate, ApiError> {
        match self.as_of.as_deref() {
            Some(raw) => parse_date("as_of", raw).map_err(ApiError::field),
            None => Ok(Utc::now().date_naive()),
        }
    }
}

pub(super) fn out(r: Record<CityId, City>) -> CityOut {
    let c = r.value;
    CityOut {
        id: r.id.0,
        name: c.name,
        country: c.country.as_str().to_owned(),
        population: c.population.map(Population::get),
        membership_status: c.membership_status,
        joined_on: c.joined_on,
        contact: ContactData {
            address: c.contact.address,
            phone: c.contact.phone,
            email: c.contact.email.map(|e| e.as_str().to_owned()),
            website: c.contact.website.map(|w| w.as_str().to_owned()),
        },
        location: c.location.map(|l| LocationData {
            latitude: Some(l.latitude.degrees()),
            longitude: Some(l.longitude.degrees()),
        }),
        version: r.version,
        created_at: r.created_at,
        updated_at: r.updated_at,
    }
}

fn detail_out(d: CityDetail, as_of: NaiveDate) -> CityDetailOut {
    CityDetailOut {
        city: out(d.city),
        as_of,
        membership_history: d
            .membership_history
            .into_iter()
            .map(|e| MembershipEventOut {
                status: e.status,
                since: e.since,
                recorded_at: e.recorded_at,
            })
            .collect(),
        posts: d
            .posts
            .into_iter()
            .map(|p| PostOut {
                term_id: p.term.0,
                body: BodyRefOut {
                    id: p.body.0,
                    kind: p.body_kind,
                    name: (&p.body_name).into(),
                    acronym: p.body_acronym,
                },
                role: p.role,
                starts_on: p.starts_on,
                ends_on: p.ends_on,
            })
            .collect(),
        bodies: d.bodies.into_iter().map(BodyRefOut::from).collect(),
    }
}

fn optional_text(
    field: &str,
    value: &Option<String>,
    max: usize,
) -> Result<Option<String>, FieldError> {
    match value.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(v) => bounded_text(field, v, max).map(Some),
    }
}

/// A location given whole: both coordinates, each within its bounds.
fn location(errors: &mut ValidationErrors, input: &LocationData) -> Option<Location> {
    let latitude = errors.take(
        required("location.latitude", &input.latitude)
            .and_then(|l| Latitude::parse("location.latitude", *l)),
    );
    let longitude = errors.take(
        required("location.longitude", &input.longitude)
            .and_then(|l| Longitude::parse("location.longitude", *l)),
    );
    Some(Location {
        latitude: latitude?,
        longitude: longitude?,
    })
}

fn parse(input: &CityIn) -> Result<(City, NaiveDate), ValidationErrors> {
    let mut errors = ValidationErrors::new();
    let name =
        errors.take(required("name", &input.name).and_then(|n| name_text("name", n, NAME_MAX)));
    let country = errors
        .take(required("country", &input.country).and_then(|c| CountryCode::parse("country", c)));
    let population = errors.take(
        input
            .population
            .map(|p| Population::parse("population", p))
            .transpose(),
    );
    let status = errors.take(
        input
            .membership_status
            .as_deref()
            .map_or(Ok(MembershipStatus::Active), |s| {
                MembershipStatus::parse("membership_status", s)
            }),
    );
    let joined_on = errors.take(
        input
            .joined_on
            .as_deref()
            .map(|d| parse_date("joined_on", d))
            .transpose(),
    );
    let status_since = errors.take(
        input
            .status_since
            .as_deref()
            .map_or(Ok(Utc::now().date_naive()), |d| {
                parse_date("status_since", d)
            }),
    );
    let empty = ContactData::default();
    let contact = input.contact.as_ref().unwrap_or(&empty);
    let address = errors.take(optional_text("contact.address", &contact.address, 500));
    let phone = errors.take(optional_text("contact.phone", &contact.phone, 100));
    let email = errors.take(
        contact
            .email
            .as_deref()
            .filter(|e| !e.trim().is_empty())
            .map(|e| Email::parse("contact.email", e))
            .transpose(),
    );
    let website = errors.take(
        contact
            .website
            .as_deref()
            .filter(|w| !w.trim().is_empty())
            .map(|w| WebAddress::parse("contact.website", w))
            .transpose(),
    );
    // Not given: `None`; given but wrong: `Some(None)`, its errors recorded.
    let location = input.location.as_ref().map(|l| location(&mut errors, l));
    errors.finish(|| {
        Some((
            City {
                name: name?,
                country: country?,
                population: population?,
                membership_status: status?,
                joined_on: joined_on?,
                contact: Contact {
                    address: address?,
                    phone: phone?,
                    email: email?,
                    website: website?,
                },
                location: match location {
                    None => None,
                    Some(given) => Some(given?),
                },
            },
            status_since?,
        ))
    })
}

/// Lists member cities. Sort by `name` (default), `country`, `population`, `joined_on` or
/// `updated_at`.
#[guarded]
#[utoipa::path(
    tag = "registry",
    params(CityQuery),
    responses((status = 200, body = Page<CityOut>), ListErrors),
    security(("bearer" = [])),
)]
#[get("/cities")]
pub async fn list(
    state: web::Data<AppState>,
    _auth: Guard<perm::RegistryRead>,
    query: QueryParams<CityQuery>,
) -> ApiResult<HttpResponse> {
    let q = query.0;
    let mut errors = Vec::new();
    let sorts = [
        ("name", CitySort::Name),
        ("country", CitySort::Country),
        ("population", CitySort::Population),
        ("joined_on", CitySort::JoinedOn),
        ("updated_at", CitySort::UpdatedAt),
    ];
    let listing = q
        .listing()
        .parse(&mut errors, &sorts, Sort::ascending(CitySort::Name));
    let filter = CityFilter {
        country: optional(&mut errors, q.country.as_deref(), |c| {
            CountryCode::parse("country", c)
        }),
        membership_status: optional(&mut errors, q.membership_status.as_deref(), |s| {
            MembershipStatus::parse("membership_status", s)
        }),
        body: optional(&mut errors, q.body_id.as_deref(), |b| {
            super::bodies::uuid_field("body_id", b).map(BodyId)
        }),
        q: q.q.clone().filter(|s| !s.trim().is_empty()),
        updated_since: listing.updated_since,
    };
    check(errors)?;
    let page = state
        .store
        .list_cities(&filter, listing.sort, listing.page)
        .await?;
    Ok(HttpResponse::Ok().json(Page::from(page, out)))
}

/// One city, with its membership history, the posts it holds and its bodies.
#[guarded]
#[utoipa::path(
    tag = "registry",
    params(("id" = Uuid, Path), AsOfQuery),
    responses((status = 200, body = CityDetailOut, headers(("ETag" = String))), GetErrors),
    security(("bearer" = [])),
)]
#[get("/cities/{id}")]
pub async fn get(
    state: web::Data<AppState>,
    _auth: Guard<perm::RegistryRead>,
    Ids(id): Ids<CityId>,
    query: QueryParams<AsOfQuery>,
) -> ApiResult<HttpResponse> {
    city_page(&state, id, query.0.day()?).await
}

/// The answer of `GET /cities/{id}` once the caller is allowed to read it.
pub async fn city_page(state: &AppState, id: CityId, as_of: NaiveDate) -> ApiResult<HttpResponse> {
    let detail = state.store.city_detail(id, as_of).await?;
    let version = detail.city.version;
    Ok(with_etag(version, &detail_out(detail, as_of)))
}

/// Adds a member city.
#[guarded]
#[utoipa::path(
    tag = "registry",
    request_body = CityIn,
    responses((status = 201, body = CityOut, headers(("ETag" = String), ("Location" = String))), CreateErrors),
    security(("bearer" = [])),
)]
#[post("/cities")]
pub async fn create(
    state: web::Data<AppState>,
    auth: Guard<perm::CityCreate>,
    body: JsonBody<CityIn>,
) -> ApiResult<HttpResponse> {
    let (city, since) = parse(&body.0)?;
    let record = state.store.create_city(&auth.who, &city, since).await?;
    Ok(created(
        format!("/api/v1/cities/{}", record.id),
        record.version,
        &out(record),
    ))
}

/// A change to the city of the path's `{id}`, read from the request's body: updating the city
/// is checked first; changing its membership (its status and the day it takes effect, its
/// country, the day it joined) also needs `city:membership`, which the secretariat holds and a
/// focal point does not. Sending a field's current value is no change.
pub struct CityChange {
    pub id: CityId,
    pub city: City,
    pub status_since: NaiveDate,
    /// The version whose membership the change was found not to touch, when the caller may not
    /// change it: the change is written at that version only.
    pub compared_at: Option<i32>,
}

impl Target for CityChange {
    const READS_BODY: bool = true;

    fn resolve(mut cx: Cx) -> Resolved<Self> {
        Box::pin(async move {
            let id = CityId(cx.id("id")?);
            let resource = Resource::City(id);
            cx.ensure(cx.action, &resource)?;
            let input: CityIn = cx.json().await?;
            let (city, status_since) = parse(&input)?;
            let mut change = CityChange {
                id,
                city,
                status_since,
                compared_at: None,
            };
            if can(&cx.actor, Action::CityMembership, &resource) {
                return Ok((change, Vec::new()));
            }
            let current = cx.state.store.get_city(id).await?;
            let mut changed = current.value.membership_changes(&change.city);
            if changed.contains(&"membership_status") && input.status_since.is_some() {
                changed.push("status_since");
            }
            if !changed.is_empty() {
                return Err(ApiError::forbidden_fields(Action::CityMembership, &changed));
            }
            change.compared_at = Some(current.version);
            Ok((change, Vec::new()))
        })
    }
}

/// Replaces a city's data. A change of membership status is added to its history.
///
/// Changing the membership (`membership_status`, `status_since`, `country`, `joined_on`) also
/// needs `city:membership`, which the secretariat holds: a focal point sends their current
/// values, and a change to any of them is refused with 403 naming the fields in `errors`.
#[guarded]
#[utoipa::path(
    tag = "registry",
    params(("id" = Uuid, Path), ("If-Match" = String, Header, description = "ETag of the version being changed")),
    request_body = CityIn,
    responses((status = 200, body = CityOut, headers(("ETag" = String))), UpdateErrors),
    security(("bearer" = [])),
)]
#[put("/cities/{id}")]
pub async fn update(
    state: web::Data<AppState>,
    auth: Guard<perm::CityUpdate, CityChange>,
    if_match: IfMatch,
) -> ApiResult<HttpResponse> {
    let CityChange {
        id,
        ref city,
        status_since,
        compared_at,
    } = auth.target;
    // The membership was compared at this version; at another, it may differ, so the change
    // is written at that version only (`If-Match: *` included).
    let expected = match (compared_at, if_match.0) {
        (Some(version), Expected::Version(sent)) if sent != version => {
            return Err(StoreError::VersionMismatch {
                current: Some(version),
            }
            .into());
        }
        (Some(version), _) => Expected::Version(version),
        (None, sent) => sent,
    };
    let record = state
        .store
        .update_city(&auth.who, id, expected, city, status_since)
        .await?;
    Ok(with_etag(record.version, &out(record)))
}

/// Deletes a city that holds no post, belongs to no body and has no accounts.
#[guarded]
#[utoipa::path(
    tag = "registry",
    params(("id" = Uuid, Path), ("If-Match" = String, Header)),
    responses((status = 204), DeleteErrors),
    security(("bearer" = [])),
)]
#[delete("/cities/{id}")]
pub async fn remove(
    state: web::Data<AppState>,
    auth: Guard<perm::CityDelete, OnCity>,
    if_match: IfMatch,
) -> ApiResult<HttpResponse> {
    let id = auth.target.0;
    state.store.delete_city(&auth.who, id, if_match.0).await?;
    Ok(HttpResponse::NoContent().finish())
}
