use super::versioned::{self, Versioned, refuse_if_any};
use super::{Store, contains_ci, order_of, paged, paged_records};
use crate::audit::{RecordType, Who};
use crate::entities::{api_tokens, bodies, body_members, cities, event_bodies, role_grants, terms};
use crate::repositories::versioned::Expected;
use crate::{Existing, StoreError};
use chrono::{DateTime, NaiveDate, Utc};
use mercociudades_domain::ids::{BodyId, CityId};
use mercociudades_domain::listing::{PageRequest, Paged, Sort};
use mercociudades_domain::record::Record;
use mercociudades_domain::registry::{Body, BodyKind, City};
use mercociudades_domain::text::{Lang, LocalizedText, NameKeys, search_key};
use mercociudades_domain::validation::{FieldError, codes};
use sea_orm::QueryTrait;
use sea_orm::sea_query::{Condition, Expr, SimpleExpr};
use sea_orm::{
    ActiveValue::{NotSet, Set},
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use serde::Serialize;

pub type BodyRecord = Record<BodyId, Body>;

#[derive(Debug, Clone, Default)]
pub struct BodyFilter {
    pub kind: Option<BodyKind>,
    pub city: Option<CityId>,
    pub q: Option<String>,
    pub updated_since: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodySort {
    Name,
    Kind,
    UpdatedAt,
}

/// A body as named on another record's page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyRef {
    pub id: BodyId,
    pub kind: BodyKind,
    pub name: LocalizedText,
    pub acronym: Option<String>,
}

/// A member city of a body.
#[derive(Debug, Clone)]
pub struct BodyMember {
    pub city: Record<CityId, City>,
    pub since: Option<NaiveDate>,
    /// The link's own version: changing or removing it takes it as `If-Match`.
    pub version: i32,
}

#[derive(Serialize)]
struct MemberRow<'a> {
    body_id: &'a uuid::Uuid,
    city_id: &'a uuid::Uuid,
    /// The names when the change was made, for whoever reads the history.
    body_name: BodyNames<'a>,
    city_name: &'a str,
    since: Option<NaiveDate>,
    version: i32,
}

#[derive(Serialize)]
struct BodyNames<'a> {
    es: Option<&'a str>,
    pt: Option<&'a str>,
    en: Option<&'a str>,
}

/// A membership as the audit log keeps it.
fn member_row<'a>(
    body: &'a bodies::Model,
    city: &'a cities::Model,
    link: &body_members::Model,
) -> MemberRow<'a> {
    MemberRow {
        body_id: &body.id,
        city_id: &city.id,
        body_name: BodyNames {
            es: body.name_es.as_deref(),
            pt: body.name_pt.as_deref(),
            en: body.name_en.as_deref(),
        },
        city_name: &city.name,
        since: link.since,
        version: link.version,
    }
}

/// The body and the city of a membership.
async fn member_parties(
    conn: &impl sea_orm::ConnectionTrait,
    body: BodyId,
    city: CityId,
) -> Result<(bodies::Model, cities::Model), StoreError> {
    let b = bodies::Entity::find_by_id(body.0)
        .one(conn)
        .await?
        .ok_or_else(|| corrupt("member body"))?;
    let c = cities::Entity::find_by_id(city.0)
        .one(conn)
        .await?
        .ok_or_else(|| corrupt("member city"))?;
    Ok((b, c))
}

/// The bodies `city` is a member of, as a condition on bodies.
fn bodies_of(city: CityId) -> SimpleExpr {
    bodies::Column::Id.in_subquery(
        body_members::Entity::find()
            .select_only()
            .column(body_members::Column::BodyId)
            .filter(body_members::Column::CityId.eq(city.0))
            .into_query(),
    )
}

/// The member cities of `body`, as a condition on cities.
pub(super) fn members_of(body: BodyId) -> SimpleExpr {
    cities::Column::Id.in_subquery(
        body_members::Entity::find()
            .select_only()
            .column(body_members::Column::CityId)
            .filter(body_members::Column::BodyId.eq(body.0))
            .into_query(),
    )
}

fn corrupt(what: &str) -> StoreError {
    StoreError::Database(DbErr::Custom(format!("stored body: {what}")))
}

pub(super) fn name_of(m: &bodies::Model) -> Result<LocalizedText, StoreError> {
    LocalizedText::parse(
        m.name_es.as_deref(),
        m.name_pt.as_deref(),
        m.name_en.as_deref(),
        usize::MAX,
    )
    .map_err(|_| corrupt("name"))
}

pub(super) fn to_ref(m: &bodies::Model) -> Result<BodyRef, StoreError> {
    Ok(BodyRef {
        id: BodyId(m.id),
        kind: BodyKind::parse("kind", &m.kind).map_err(|_| corrupt("kind"))?,
        name: name_of(m)?,
        acronym: m.acronym.clone(),
    })
}

pub(super) fn to_domain(m: bodies::Model) -> Result<BodyRecord, StoreError> {
    let description =
        if m.description_es.is_some() || m.description_pt.is_some() || m.description_en.is_some() {
            Some(
                LocalizedText::parse(
                    m.description_es.as_deref(),
                    m.description_pt.as_deref(),
                    m.description_en.as_deref(),
                    usize::MAX,
                )
                .map_err(|_| corrupt("description"))?,
            )
        } else {
            None
        };
    Ok(Record {
        id: BodyId(m.id),
        value: Body {
            kind: BodyKind::parse("kind", &m.kind).map_err(|_| corrupt("kind"))?,
            name: name_of(&m)?,
            acronym: m.acronym.clone(),
            description,
        },
        version: m.version,
        created_at: m.created_at,
        updated_at: m.updated_at,
    })
}

impl Versioned for bodies::Entity {
    const RECORD: RecordType = RecordType::Body;
    const VERSION: bodies::Column = bodies::Column::Version;
    const CREATED_AT: bodies::Column = bodies::Column::CreatedAt;
    const UPDATED_AT: Option<bodies::Column> = Some(bodies::Column::UpdatedAt);
}

impl Versioned for body_members::Entity {
    const RECORD: RecordType = RecordType::BodyMember;
    const VERSION: body_members::Column = body_members::Column::Version;
    const CREATED_AT: body_members::Column = body_members::Column::CreatedAt;
    const UPDATED_AT: Option<body_members::Column> = None;
}

fn columns(body: &Body) -> bodies::ActiveModel {
    let text = |t: Option<&LocalizedText>, f: fn(&LocalizedText) -> Option<&str>| {
        t.and_then(f).map(str::to_owned)
    };
    bodies::ActiveModel {
        kind: Set(body.kind.as_str().to_owned()),
        name_es: Set(body.name.es().map(str::to_owned)),
        name_pt: Set(body.name.pt().map(str::to_owned)),
        name_en: Set(body.name.en().map(str::to_owned)),
        acronym: Set(body.acronym.clone()),
        acronym_key: Set(body.acronym.as_deref().map(|a| NameKeys::of(a).lower)),
        acronym_key_caps: Set(body.acronym.as_deref().map(|a| NameKeys::of(a).upper)),
        description_es: Set(text(body.description.as_ref(), LocalizedText::es)),
        description_pt: Set(text(body.description.as_ref(), LocalizedText::pt)),
        description_en: Set(text(body.description.as_ref(), LocalizedText::en)),
        ..with_search_keys(
            [body.name.es(), body.name.pt(), body.name.en()],
            body.acronym.as_deref(),
        )
    }
}

/// The folded columns of a body's names (es, pt, en) and acronym: `name_key` to sort by (the
/// first name there is) and `search_text` (every name and the acronym, one per line) to search.
fn with_search_keys(names: [Option<&str>; 3], acronym: Option<&str>) -> bodies::ActiveModel {
    let name_key = search_key(names.into_iter().flatten().next().unwrap_or_default());
    let search_text = names
        .into_iter()
        .chain([acronym])
        .flatten()
        .map(search_key)
        .collect::<Vec<_>>()
        .join("\n");
    bodies::ActiveModel {
        name_key: Set(Some(name_key)),
        search_text: Set(Some(search_text)),
        ..Default::default()
    }
}

/// The body other than `except` whose acronym is the same as the one of `keys`.
async fn same_acronym<C: ConnectionTrait>(
    conn: &C,
    keys: &NameKeys,
    except: Option<uuid::Uuid>,
) -> Result<Option<bodies::Model>, DbErr> {
    let mut select = bodies::Entity::find().filter(
        Condition::any()
            .add(bodies::Column::AcronymKey.eq(keys.lower.as_str()))
            .add(bodies::Column::AcronymKeyCaps.eq(keys.upper.as_str())),
    );
    if let Some(id) = except {
        select = select.filter(bodies::Column::Id.ne(id));
    }
    select.one(conn).await
}

/// The acronym is taken by `body`.
fn acronym_taken(body: &bodies::Model) -> StoreError {
    let name = name_of(body)
        .map(|n| n.best(Lang::Es).to_owned())
        .unwrap_or_default();
    StoreError::taken(
        "acronym",
        Existing {
            id: body.id.to_string(),
            name: format!("{name} ({})", body.acronym.as_deref().unwrap_or_default()),
        },
    )
}

impl Store {
    /// Fills the acronym key of the bodies stored before it existed. A body whose acronym
    /// another body holds already keeps none, and is named in the log.
    pub(super) async fn fill_body_acronym_keys(&self) -> Result<(), DbErr> {
        let missing = bodies::Entity::find()
            .filter(bodies::Column::AcronymKey.is_null())
            .filter(bodies::Column::Acronym.is_not_null())
            .order_by_asc(bodies::Column::CreatedAt)
            .order_by_asc(bodies::Column::Id)
            .all(&self.db)
            .await?;
        for body in missing {
            let keys = NameKeys::of(body.acronym.as_deref().unwrap_or_default());
            if let Some(other) = same_acronym(&self.db, &keys, Some(body.id)).await? {
                tracing::warn!(
                    body = %body.id,
                    acronym = body.acronym.as_deref().unwrap_or_default(),
                    same_as = %other.id,
                    "two bodies have the same acronym; change or remove one"
                );
                continue;
            }
            bodies::Entity::update_many()
                .col_expr(bodies::Column::AcronymKey, Expr::value(keys.lower))
                .col_expr(bodies::Column::AcronymKeyCaps, Expr::value(keys.upper))
                .filter(bodies::Column::Id.eq(body.id))
                .exec(&self.db)
                .await?;
        }
        Ok(())
    }

    /// `error`, with the body that holds the acronym named when the database refused it as a
    /// duplicate (another write took it between the check and the write).
    async fn acronym_holder(
        &self,
        error: StoreError,
        keys: Option<&NameKeys>,
        except: Option<uuid::Uuid>,
    ) -> StoreError {
        let Some(keys) = keys.filter(|_| error.is_unnamed_duplicate("acronym")) else {
            return error;
        };
        match same_acronym(&self.db, keys, except).await {
            Ok(Some(other)) => acronym_taken(&other),
            _ => error,
        }
    }

    /// Fills the search keys of the bodies stored before they existed; derived data, so neither
    /// the version nor `updated_at` changes.
    pub(super) async fn fill_body_search_keys(&self) -> Result<(), DbErr> {
        let missing = bodies::Entity::find()
            .filter(bodies::Column::SearchText.is_null())
            .all(&self.db)
            .await?;
        for row in missing {
            let names = [
                row.name_es.as_deref(),
                row.name_pt.as_deref(),
                row.name_en.as_deref(),
            ];
            bodies::Entity::update_many()
                .set(with_search_keys(names, row.acronym.as_deref()))
                .filter(bodies::Column::Id.eq(row.id))
                .exec(&self.db)
                .await?;
        }
        Ok(())
    }

    /// The bodies with these acronyms, by acronym; acronyms no body has are left out.
    pub async fn bodies_by_acronym(
        &self,
        acronyms: &[String],
    ) -> Result<std::collections::HashMap<String, BodyRef>, StoreError> {
        if acronyms.is_empty() {
            return Ok(Default::default());
        }
        let rows = bodies::Entity::find()
            .filter(bodies::Column::Acronym.is_in(acronyms.iter().cloned()))
            .all(&self.db)
            .await?;
        rows.iter()
            .filter_map(|b| b.acronym.clone().map(|a| Ok((a, to_ref(b)?))))
            .collect()
    }

    pub async fn list_bodies(
        &self,
        filter: &BodyFilter,
        sort: Sort<BodySort>,
        page: PageRequest,
    ) -> Result<Paged<BodyRecord>, StoreError> {
        let mut select = bodies::Entity::find();
        if let Some(kind) = filter.kind {
            select = select.filter(bodies::Column::Kind.eq(kind.as_str()));
        }
        if let Some(city) = filter.city {
            select = select.filter(bodies_of(city));
        }
        if let Some(q) = &filter.q {
            select = select.filter(contains_ci(
                Expr::col(bodies::Column::SearchText),
                &search_key(q),
            ));
        }
        if let Some(since) = filter.updated_since {
            select = select.filter(bodies::Column::UpdatedAt.gte(since));
        }
        let order = order_of(&sort);
        select = match sort.field {
            BodySort::Name => select
                .order_by(bodies::Column::NameKey, order.clone())
                .order_by(bodies::Column::NameEs, order),
            BodySort::Kind => select.order_by(bodies::Column::Kind, order),
            BodySort::UpdatedAt => select.order_by(bodies::Column::UpdatedAt, order),
        }
        .order_by_asc(bodies::Column::Id);
        paged_records(&self.db, select, page, to_domain).await
    }

    pub async fn get_body(&self, id: BodyId) -> Result<BodyRecord, StoreError> {
        bodies::Entity::find_by_id(id.0)
            .one(&self.db)
            .await?
            .ok_or(StoreError::NotFound)
            .and_then(to_domain)
    }

    /// The bodies a city belongs to.
    pub async fn bodies_of_city(&self, city: CityId) -> Result<Vec<BodyRef>, StoreError> {
        bodies::Entity::find()
            .filter(bodies_of(city))
            .order_by_asc(bodies::Column::Kind)
            .order_by_asc(bodies::Column::NameKey)
            .all(&self.db)
            .await?
            .iter()
            .map(to_ref)
            .collect()
    }

    pub async fn count_members(&self, body: BodyId) -> Result<u64, StoreError> {
        Ok(body_members::Entity::find()
            .filter(body_members::Column::BodyId.eq(body.0))
            .count(&self.db)
            .await?)
    }

    /// Adds a body, unless another has the same acronym (regardless of case, accents and
    /// look-alike characters): then [`StoreError::Duplicate`] names that body.
    pub async fn create_body(&self, who: &Who, body: &Body) -> Result<BodyRecord, StoreError> {
        let keys = body.acronym.as_deref().map(NameKeys::of);
        match self.insert_body(who, body, keys.as_ref()).await {
            Ok(after) => to_domain(after),
            Err(e) => Err(self.acronym_holder(e, keys.as_ref(), None).await),
        }
    }

    async fn insert_body(
        &self,
        who: &Who,
        body: &Body,
        keys: Option<&NameKeys>,
    ) -> Result<bodies::Model, StoreError> {
        let txn = self.write().await?;
        if let Some(keys) = keys
            && let Some(other) = same_acronym(&txn, keys, None).await?
        {
            return Err(acronym_taken(&other));
        }
        let id = uuid::Uuid::now_v7();
        let after = versioned::insert::<bodies::Entity>(&txn, who, id, columns(body))
            .await
            .map_err(|e| e.duplicate_of("acronym"))?;
        txn.commit().await?;
        Ok(after)
    }

    /// Replaces a body's data. An acronym that another body has is refused as in
    /// [`create_body`](Self::create_body); a body stored with the acronym of another before
    /// acronyms were compared keeps it, unchanged, until it is changed.
    pub async fn update_body(
        &self,
        who: &Who,
        id: BodyId,
        expected_version: impl Into<Expected>,
        body: &Body,
    ) -> Result<BodyRecord, StoreError> {
        let keys = body.acronym.as_deref().map(NameKeys::of);
        match self
            .replace_body(who, id, expected_version.into(), body, keys.as_ref())
            .await
        {
            Ok(after) => to_domain(after),
            Err(e) => Err(self.acronym_holder(e, keys.as_ref(), Some(id.0)).await),
        }
    }

    async fn replace_body(
        &self,
        who: &Who,
        id: BodyId,
        expected_version: Expected,
        body: &Body,
        keys: Option<&NameKeys>,
    ) -> Result<bodies::Model, StoreError> {
        let write = self
            .versioned::<bodies::Entity>(id.0, expected_version)
            .await?;
        let before = write.before();
        if before.kind != body.kind.as_str() {
            let has_terms = terms::Entity::find()
                .filter(terms::Column::BodyId.eq(id.0))
                .count(write.txn())
                .await?
                > 0;
            if has_terms {
                return Err(StoreError::Invalid(
                    FieldError::new("kind", codes::NOT_ALLOWED).with("reason", "body_has_terms"),
                ));
            }
        }
        let mut columns = columns(body);
        if let Some(keys) = keys
            && let Some(other) = same_acronym(write.txn(), keys, Some(id.0)).await?
        {
            let kept_duplicate = before.acronym_key.is_none()
                && before.acronym.as_deref().map(NameKeys::of).as_ref() == Some(keys);
            if !kept_duplicate {
                return Err(acronym_taken(&other));
            }
            columns.acronym_key = NotSet;
            columns.acronym_key_caps = NotSet;
        }
        write
            .update(who, columns)
            .await
            .map_err(|e| e.duplicate_of("acronym"))
    }

    pub async fn delete_body(
        &self,
        who: &Who,
        id: BodyId,
        expected_version: impl Into<Expected>,
    ) -> Result<(), StoreError> {
        let write = self
            .versioned::<bodies::Entity>(id.0, expected_version)
            .await?;
        let txn = write.txn();
        let members = body_members::Entity::find().filter(body_members::Column::BodyId.eq(id.0));
        refuse_if_any(txn, members, "body_has_members").await?;
        let terms = terms::Entity::find().filter(terms::Column::BodyId.eq(id.0));
        refuse_if_any(txn, terms, "body_has_terms").await?;
        let grants = role_grants::Entity::find().filter(role_grants::Column::BodyId.eq(id.0));
        refuse_if_any(txn, grants, "body_has_accounts").await?;
        let tokens = api_tokens::Entity::find().filter(api_tokens::Column::BodyId.eq(id.0));
        refuse_if_any(txn, tokens, "body_has_accounts").await?;
        let events = event_bodies::Entity::find().filter(event_bodies::Column::BodyId.eq(id.0));
        refuse_if_any(txn, events, "body_organizes_events").await?;
        write.delete(who).await
    }

    pub async fn list_members(
        &self,
        body: BodyId,
        page: PageRequest,
    ) -> Result<Paged<BodyMember>, StoreError> {
        self.get_body(body).await?;
        // The page is cut from the member cities in name order, so that every page follows the
        // one before it.
        let select = cities::Entity::find()
            .filter(members_of(body))
            .order_by_asc(cities::Column::NameKey)
            .order_by_asc(cities::Column::Id);
        let found = paged(&self.db, select, page).await?;
        let ids: Vec<uuid::Uuid> = found.items.iter().map(|c| c.id).collect();
        let links = body_members::Entity::find()
            .filter(body_members::Column::BodyId.eq(body.0))
            .filter(body_members::Column::CityId.is_in(ids))
            .all(&self.db)
            .await?;
        let mut members = Vec::with_capacity(found.items.len());
        for city in found.items {
            let link = links
                .iter()
                .find(|m| m.city_id == city.id)
                .cloned()
                .ok_or_else(|| corrupt("member link"))?;
            members.push(member(link, city)?);
        }
        Ok(Paged {
            items: members,
            page: found.page,
            per_page: found.per_page,
            total: found.total,
        })
    }

    /// One member city of a body.
    pub async fn get_member(&self, body: BodyId, city: CityId) -> Result<BodyMember, StoreError> {
        let link = body_members::Entity::find_by_id((body.0, city.0))
            .one(&self.db)
            .await?
            .ok_or(StoreError::NotFound)?;
        let city = cities::Entity::find_by_id(city.0)
            .one(&self.db)
            .await?
            .ok_or_else(|| corrupt("member city"))?;
        member(link, city)
    }

    pub async fn add_member(
        &self,
        who: &Who,
        body: BodyId,
        city: CityId,
        since: Option<NaiveDate>,
    ) -> Result<BodyMember, StoreError> {
        let txn = self.write().await?;
        let owner = bodies::Entity::find_by_id(body.0)
            .one(&txn)
            .await?
            .ok_or(StoreError::NotFound)?;
        let Some(found) = cities::Entity::find_by_id(city.0).one(&txn).await? else {
            return Err(StoreError::Invalid(
                FieldError::new("city_id", codes::NOT_FOUND).with("value", city),
            ));
        };
        let columns = body_members::ActiveModel {
            since: Set(since),
            ..Default::default()
        };
        let link = versioned::insert_audited::<body_members::Entity, _>(
            &txn,
            who,
            (body.0, city.0),
            columns,
            |link| member_row(&owner, &found, link),
        )
        .await
        .map_err(|e| e.duplicate_of("city_id"))?;
        txn.commit().await?;
        member(link, found)
    }

    /// Corrects the day a city became a member of a body.
    pub async fn update_member(
        &self,
        who: &Who,
        body: BodyId,
        city: CityId,
        expected_version: impl Into<Expected>,
        since: Option<NaiveDate>,
    ) -> Result<BodyMember, StoreError> {
        let write = self
            .versioned::<body_members::Entity>((body.0, city.0), expected_version)
            .await?;
        let (owner, found) = member_parties(write.txn(), body, city).await?;
        let columns = body_members::ActiveModel {
            since: Set(since),
            ..Default::default()
        };
        let after = write
            .set(columns)
            .await?
            .commit_audited(who, |before, after| {
                (
                    member_row(&owner, &found, before),
                    member_row(&owner, &found, after),
                )
            })
            .await?;
        member(after, found)
    }

    pub async fn remove_member(
        &self,
        who: &Who,
        body: BodyId,
        city: CityId,
        expected_version: impl Into<Expected>,
    ) -> Result<(), StoreError> {
        let write = self
            .versioned::<body_members::Entity>((body.0, city.0), expected_version)
            .await?;
        let (owner, found) = member_parties(write.txn(), body, city).await?;
        write
            .delete_audited(who, |before| member_row(&owner, &found, before))
            .await
    }
}

fn member(link: body_members::Model, city: cities::Model) -> Result<BodyMember, StoreError> {
    Ok(BodyMember {
        city: super::cities::to_domain(city)?,
        since: link.since,
        version: link.version,
    })
}
