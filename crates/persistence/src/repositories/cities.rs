use super::versioned::{self, Versioned, refuse_if_any};
use super::{Store, contains_ci, now, order_of, paged_records};
use crate::audit::{RecordType, Who};
use crate::entities::{
    api_tokens, bodies, body_members, cities, city_membership_events, countries, event_delegations,
    events, role_grants, terms,
};
use crate::repositories::versioned::Expected;
use crate::{Existing, StoreError};
use chrono::{DateTime, NaiveDate, Utc};
use mercociudades_domain::ids::{BodyId, CityId, TermId};
use mercociudades_domain::listing::{PageRequest, Paged, Sort};
use mercociudades_domain::record::Record;
use mercociudades_domain::registry::{
    City, Contact, CountryCode, Email, Latitude, Location, Longitude, MembershipStatus, Population,
    TermRole, WebAddress,
};
use mercociudades_domain::text::{NameKeys, search_key};
use mercociudades_domain::validation::{FieldError, codes};
use sea_orm::sea_query::ExprTrait;
use sea_orm::sea_query::{Condition, Expr};
use sea_orm::{
    ActiveValue::{NotSet, Set},
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
};
use uuid::Uuid;

pub type CityRecord = Record<CityId, City>;

#[derive(Debug, Clone, Default)]
pub struct CityFilter {
    pub country: Option<CountryCode>,
    pub membership_status: Option<MembershipStatus>,
    pub body: Option<BodyId>,
    pub q: Option<String>,
    pub updated_since: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CitySort {
    Name,
    Country,
    Population,
    JoinedOn,
    UpdatedAt,
}

/// A change of a city's membership status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MembershipEvent {
    pub status: MembershipStatus,
    pub since: NaiveDate,
    pub recorded_at: DateTime<Utc>,
}

/// A post a city holds in a body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Post {
    pub term: TermId,
    pub body: BodyId,
    pub body_kind: String,
    pub body_name: mercociudades_domain::text::LocalizedText,
    pub body_acronym: Option<String>,
    pub role: TermRole,
    pub starts_on: NaiveDate,
    pub ends_on: Option<NaiveDate>,
}

/// A city with its membership history, the posts it holds on a day and the bodies it belongs to.
#[derive(Debug, Clone)]
pub struct CityDetail {
    pub city: CityRecord,
    pub membership_history: Vec<MembershipEvent>,
    pub posts: Vec<Post>,
    pub bodies: Vec<super::bodies::BodyRef>,
}

fn corrupt(what: &str) -> StoreError {
    StoreError::Database(DbErr::Custom(format!("stored city: {what}")))
}

pub(super) fn to_domain(m: cities::Model) -> Result<CityRecord, StoreError> {
    Ok(Record {
        id: CityId(m.id),
        value: City {
            name: m.name,
            country: CountryCode::parse("country", &m.country_code)
                .map_err(|_| corrupt("country"))?,
            population: m
                .population
                .map(|p| Population::parse("population", p))
                .transpose()
                .map_err(|_| corrupt("population"))?,
            membership_status: MembershipStatus::parse("membership_status", &m.membership_status)
                .map_err(|_| corrupt("membership_status"))?,
            joined_on: m.joined_on,
            contact: Contact {
                address: m.contact_address,
                phone: m.contact_phone,
                email: m
                    .contact_email
                    .map(|e| Email::read("email", &e))
                    .transpose()
                    .map_err(|_| corrupt("email"))?,
                website: m
                    .website
                    .map(|w| WebAddress::parse("website", &w))
                    .transpose()
                    .map_err(|_| corrupt("website"))?,
            },
            location: match (m.latitude, m.longitude) {
                (Some(latitude), Some(longitude)) => Some(Location {
                    latitude: Latitude::parse("latitude", latitude)
                        .map_err(|_| corrupt("latitude"))?,
                    longitude: Longitude::parse("longitude", longitude)
                        .map_err(|_| corrupt("longitude"))?,
                }),
                (None, None) => None,
                _ => return Err(corrupt("location")),
            },
        },
        version: m.version,
        created_at: m.created_at,
        updated_at: m.updated_at,
    })
}

impl Versioned for cities::Entity {
    const RECORD: RecordType = RecordType::City;
    const VERSION: cities::Column = cities::Column::Version;
    const CREATED_AT: cities::Column = cities::Column::CreatedAt;
    const UPDATED_AT: Option<cities::Column> = Some(cities::Column::UpdatedAt);
}

fn columns(city: &City) -> cities::ActiveModel {
    cities::ActiveModel {
        name: Set(city.name.clone()),
        name_key: Set(Some(search_key(&city.name))),
        country_code: Set(city.country.as_str().to_owned()),
        population: Set(city.population.map(Population::get)),
        membership_status: Set(city.membership_status.as_str().to_owned()),
        joined_on: Set(city.joined_on),
        contact_address: Set(city.contact.address.clone()),
        contact_phone: Set(city.contact.phone.clone()),
        contact_email: Set(city.contact.email.as_ref().map(|e| e.as_str().to_owned())),
        website: Set(city.contact.website.as_ref().map(|w| w.as_str().to_owned())),
        latitude: Set(city.location.map(|l| l.latitude.degrees())),
        longitude: Set(city.location.map(|l| l.longitude.degrees())),
        ..with_name_keys(&NameKeys::of(&city.name))
    }
}

async fn check_country<C: ConnectionTrait>(conn: &C, code: &CountryCode) -> Result<(), StoreError> {
    let found = countries::Entity::find_by_id(code.as_str().to_owned())
        .count(conn)
        .await?;
    if found == 0 {
        return Err(StoreError::Invalid(
            FieldError::new("country", codes::NOT_FOUND).with("value", code.as_str()),
        ));
    }
    Ok(())
}

/// The columns of a city's name keys.
fn with_name_keys(keys: &NameKeys) -> cities::ActiveModel {
    cities::ActiveModel {
        identity_key: Set(Some(keys.lower.clone())),
        identity_key_caps: Set(Some(keys.upper.clone())),
        ..Default::default()
    }
}

/// The city of `country` other than `except` whose name is the same as the one of `keys`.
async fn same_name<C: ConnectionTrait>(
    conn: &C,
    country: &str,
    keys: &NameKeys,
    except: Option<Uuid>,
) -> Result<Option<cities::Model>, DbErr> {
    let mut select = cities::Entity::find()
        .filter(cities::Column::CountryCode.eq(country))
        .filter(
            Condition::any()
                .add(cities::Column::IdentityKey.eq(keys.lower.as_str()))
                .add(cities::Column::IdentityKeyCaps.eq(keys.upper.as_str())),
        );
    if let Some(id) = except {
        select = select.filter(cities::Column::Id.ne(id));
    }
    select.one(conn).await
}

/// The name is taken, in its country, by `city`.
fn name_taken(city: &cities::Model) -> StoreError {
    StoreError::taken(
        "name",
        Existing {
            id: city.id.to_string(),
            name: format!("{} ({})", city.name, city.country_code),
        },
    )
}

async fn record_membership<C: ConnectionTrait>(
    conn: &C,
    city: Uuid,
    status: MembershipStatus,
    since: NaiveDate,
) -> Result<(), DbErr> {
    city_membership_events::Entity::insert(city_membership_events::ActiveModel {
        id: Set(Uuid::now_v7()),
        city_id: Set(city),
        status: Set(status.as_str().to_owned()),
        since: Set(since),
        recorded_at: Set(now()),
    })
    .exec_without_returning(conn)
    .await
    .map(|_| ())
}

impl Store {
    /// Fills the identity key of the cities stored before it existed. A city whose name another
    /// city of its country holds already keeps none, and is named in the log.
    pub(super) async fn fill_city_identity_keys(&self) -> Result<(), DbErr> {
        let missing = cities::Entity::find()
            .filter(cities::Column::IdentityKey.is_null())
            .order_by_asc(cities::Column::CreatedAt)
            .order_by_asc(cities::Column::Id)
            .all(&self.db)
            .await?;
        for city in missing {
            let keys = NameKeys::of(&city.name);
            if let Some(other) =
                same_name(&self.db, &city.country_code, &keys, Some(city.id)).await?
            {
                tracing::warn!(
                    city = %city.id,
                    name = %city.name,
                    same_as = %other.id,
                    "two member cities of {} have the same name; rename or remove one",
                    city.country_code
                );
                continue;
            }
            cities::Entity::update_many()
                .set(with_name_keys(&keys))
                .filter(cities::Column::Id.eq(city.id))
                .exec(&self.db)
                .await?;
        }
        Ok(())
    }

    /// Which of these (name, country) pairs name a member city, in one query.
    pub async fn cities_named(
        &self,
        pairs: &[(String, String)],
    ) -> Result<std::collections::HashSet<(String, String)>, StoreError> {
        if pairs.is_empty() {
            return Ok(Default::default());
        }
        let rows = cities::Entity::find()
            .filter(cities::Column::Name.is_in(pairs.iter().map(|(n, _)| n.clone())))
            .filter(cities::Column::CountryCode.is_in(pairs.iter().map(|(_, c)| c.clone())))
            .all(&self.db)
            .await?;
        let found: std::collections::HashSet<(String, String)> =
            rows.into_iter().map(|c| (c.name, c.country_code)).collect();
        Ok(pairs
            .iter()
            .filter(|p| found.contains(*p))
            .cloned()
            .collect())
    }

    pub async fn list_cities(
        &self,
        filter: &CityFilter,
        sort: Sort<CitySort>,
        page: PageRequest,
    ) -> Result<Paged<CityRecord>, StoreError> {
        let mut select = cities::Entity::find();
        if let Some(country) = &filter.country {
            select = select.filter(cities::Column::CountryCode.eq(country.as_str()));
        }
        if let Some(status) = filter.membership_status {
            select = select.filter(cities::Column::MembershipStatus.eq(status.as_str()));
        }
        if let Some(body) = filter.body {
            select = select.filter(super::bodies::members_of(body));
        }
        if let Some(q) = &filter.q {
            select = select.filter(contains_ci(
                Expr::col(cities::Column::NameKey),
                &search_key(q),
            ));
        }
        if let Some(since) = filter.updated_since {
            select = select.filter(cities::Column::UpdatedAt.gte(since));
        }
        let order = order_of(&sort);
        select = match sort.field {
            CitySort::Name => select
                .order_by(cities::Column::NameKey, order.clone())
                .order_by(cities::Column::Name, order),
            CitySort::Country => select.order_by(cities::Column::CountryCode, order),
            CitySort::Population => select.order_by(cities::Column::Population, order),
            CitySort::JoinedOn => select.order_by(cities::Column::JoinedOn, order),
            CitySort::UpdatedAt => select.order_by(cities::Column::UpdatedAt, order),
        }
        .order_by_asc(cities::Column::Id);
        paged_records(&self.db, select, page, to_domain).await
    }

    pub async fn get_city(&self, id: CityId) -> Result<CityRecord, StoreError> {
        cities::Entity::find_by_id(id.0)
            .one(&self.db)
            .await?
            .ok_or(StoreError::NotFound)
            .and_then(to_domain)
    }

    /// A city with its history, the posts it holds on `as_of`, and its bodies.
    pub async fn city_detail(
        &self,
        id: CityId,
        as_of: NaiveDate,
    ) -> Result<CityDetail, StoreError> {
        let city = self.get_city(id).await?;
        let membership_history = city_membership_events::Entity::find()
            .filter(city_membership_events::Column::CityId.eq(id.0))
            .order_by_asc(city_membership_events::Column::Since)
            .order_by_asc(city_membership_events::Column::RecordedAt)
            .all(&self.db)
            .await?
            .into_iter()
            .map(|e| {
                Ok(MembershipEvent {
                    status: MembershipStatus::parse("status", &e.status)
                        .map_err(|_| corrupt("membership event"))?,
                    since: e.since,
                    recorded_at: e.recorded_at,
                })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        let held = terms::Entity::find()
            .filter(terms::Column::CityId.eq(id.0))
            .filter(terms::Column::StartsOn.lte(as_of))
            .filter(
                terms::Column::EndsOn
                    .is_null()
                    .or(terms::Column::EndsOn.gte(as_of)),
            )
            .order_by_asc(terms::Column::StartsOn)
            .all(&self.db)
            .await?;
        let body_ids: Vec<Uuid> = held.iter().map(|t| t.body_id).collect();
        let held_bodies = bodies::Entity::find()
            .filter(bodies::Column::Id.is_in(body_ids))
            .all(&self.db)
            .await?;
        let mut posts = Vec::new();
        for term in held {
            let body = held_bodies
                .iter()
                .find(|b| b.id == term.body_id)
                .ok_or_else(|| corrupt("term without body"))?;
            posts.push(Post {
                term: TermId(term.id),
                body: BodyId(body.id),
                body_kind: body.kind.clone(),
                body_name: super::bodies::name_of(body)?,
                body_acronym: body.acronym.clone(),
                role: TermRole::parse("role", &term.role).map_err(|_| corrupt("term role"))?,
                starts_on: term.starts_on,
                ends_on: term.ends_on,
            });
        }
        let bodies = self.bodies_of_city(id).await?;
        Ok(CityDetail {
            city,
            membership_history,
            posts,
            bodies,
        })
    }

    /// Adds a city, unless a city of its country has the same name (regardless of case,
    /// accents and look-alike characters): then [`StoreError::Duplicate`] names that city.
    pub async fn create_city(
        &self,
        who: &Who,
        city: &City,
        status_since: NaiveDate,
    ) -> Result<CityRecord, StoreError> {
        let keys = NameKeys::of(&city.name);
        match self.insert_city(who, city, &keys, status_since).await {
            Ok(after) => to_domain(after),
            Err(e) => Err(self
                .name_holder(e, city.country.as_str(), &keys, None)
                .await),
        }
    }

    async fn insert_city(
        &self,
        who: &Who,
        city: &City,
        keys: &NameKeys,
        status_since: NaiveDate,
    ) -> Result<cities::Model, StoreError> {
        let txn = self.write().await?;
        check_country(&txn, &city.country).await?;
        if let Some(other) = same_name(&txn, city.country.as_str(), keys, None).await? {
            return Err(name_taken(&other));
        }
        let id = Uuid::now_v7();
        let after = versioned::insert::<cities::Entity>(&txn, who, id, columns(city))
            .await
            .map_err(|e| e.duplicate_of("name"))?;
        record_membership(&txn, id, city.membership_status, status_since).await?;
        txn.commit().await?;
        Ok(after)
    }

    /// `error`, with the city that holds the name named when the database refused it as a
    /// duplicate (another write took it between the check and the write).
    async fn name_holder(
        &self,
        error: StoreError,
        country: &str,
        keys: &NameKeys,
        except: Option<Uuid>,
    ) -> StoreError {
        if !error.is_unnamed_duplicate("name") {
            return error;
        }
        match same_name(&self.db, country, keys, except).await {
            Ok(Some(other)) => name_taken(&other),
            _ => error,
        }
    }

    /// Replaces a city's data; a change of membership status is recorded in its history as of
    /// `status_since`. A name that another city of the country has is refused as in
    /// [`create_city`](Self::create_city); a city stored with the name of another before names
    /// were compared keeps it, unchanged, until it is renamed.
    pub async fn update_city(
        &self,
        who: &Who,
        id: CityId,
        expected_version: impl Into<Expected>,
        city: &City,
        status_since: NaiveDate,
    ) -> Result<CityRecord, StoreError> {
        let keys = NameKeys::of(&city.name);
        let country = city.country.as_str();
        match self
            .replace_city(who, id, expected_version.into(), city, &keys, status_since)
            .await
        {
            Ok(after) => to_domain(after),
            Err(e) => Err(self.name_holder(e, country, &keys, Some(id.0)).await),
        }
    }

    async fn replace_city(
        &self,
        who: &Who,
        id: CityId,
        expected_version: Expected,
        city: &City,
        keys: &NameKeys,
        status_since: NaiveDate,
    ) -> Result<cities::Model, StoreError> {
        let write = self
            .versioned::<cities::Entity>(id.0, expected_version)
            .await?;
        let before = write.before();
        if before.country_code != city.country.as_str() {
            check_country(write.txn(), &city.country).await?;
        }
        let mut columns = columns(city);
        if let Some(other) = same_name(write.txn(), city.country.as_str(), keys, Some(id.0)).await?
        {
            let kept_duplicate = before.identity_key.is_none()
                && before.country_code == city.country.as_str()
                && NameKeys::of(&before.name) == *keys;
            if !kept_duplicate {
                return Err(name_taken(&other));
            }
            columns.identity_key = NotSet;
            columns.identity_key_caps = NotSet;
        }
        if before.membership_status != city.membership_status.as_str() {
            record_membership(write.txn(), id.0, city.membership_status, status_since).await?;
        }
        write
            .update(who, columns)
            .await
            .map_err(|e| e.duplicate_of("name"))
    }

    /// Deletes a city that holds no post, belongs to no body, has no users or tokens, hosts no
    /// event and was invited to none.
    pub async fn delete_city(
        &self,
        who: &Who,
        id: CityId,
        expected_version: impl Into<Expected>,
    ) -> Result<(), StoreError> {
        let write = self
            .versioned::<cities::Entity>(id.0, expected_version)
            .await?;
        let txn = write.txn();
        let held = terms::Entity::find().filter(terms::Column::CityId.eq(id.0));
        refuse_if_any(txn, held, "city_holds_posts").await?;
        let member = body_members::Entity::find().filter(body_members::Column::CityId.eq(id.0));
        refuse_if_any(txn, member, "city_in_bodies").await?;
        let grants = role_grants::Entity::find().filter(role_grants::Column::CityId.eq(id.0));
        refuse_if_any(txn, grants, "city_has_accounts").await?;
        let tokens = api_tokens::Entity::find().filter(api_tokens::Column::CityId.eq(id.0));
        refuse_if_any(txn, tokens, "city_has_accounts").await?;
        let hosted = events::Entity::find().filter(events::Column::HostCityId.eq(id.0));
        refuse_if_any(txn, hosted, "city_hosts_events").await?;
        let invited =
            event_delegations::Entity::find().filter(event_delegations::Column::CityId.eq(id.0));
        refuse_if_any(txn, invited, "city_has_delegations").await?;
        write.delete(who).await
    }
}
