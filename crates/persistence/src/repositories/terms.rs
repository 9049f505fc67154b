use super::versioned::{self, Versioned};
use super::{Store, order_of, paged};
use crate::StoreError;
use crate::audit::{RecordType, Who};
use crate::entities::{bodies, cities, terms};
use crate::repositories::versioned::Expected;
use chrono::{DateTime, NaiveDate, Utc};
use mercociudades_domain::ids::{BodyId, CityId, TermId};
use mercociudades_domain::listing::{PageRequest, Paged, Sort};
use mercociudades_domain::record::Record;
use mercociudades_domain::registry::{BodyKind, Period, Term, TermRole};
use mercociudades_domain::text::LocalizedText;
use mercociudades_domain::validation::{FieldError, codes};
use sea_orm::sea_query::ExprTrait;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
};
use uuid::Uuid;

pub type TermRecord = Record<TermId, Term>;

/// A term with the names of its body and city.
#[derive(Debug, Clone)]
pub struct TermView {
    pub term: TermRecord,
    pub city_name: String,
    pub body_name: LocalizedText,
    pub body_kind: BodyKind,
}

#[derive(Debug, Clone, Default)]
pub struct TermFilter {
    pub body: Option<BodyId>,
    pub city: Option<CityId>,
    pub role: Option<TermRole>,
    /// Only terms in force on this day.
    pub on: Option<NaiveDate>,
    pub updated_since: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TermSort {
    StartsOn,
    UpdatedAt,
}

fn corrupt(what: &str) -> StoreError {
    StoreError::Database(DbErr::Custom(format!("stored term: {what}")))
}

fn to_domain(m: terms::Model) -> Result<TermRecord, StoreError> {
    Ok(Record {
        id: TermId(m.id),
        value: Term {
            body: BodyId(m.body_id),
            city: CityId(m.city_id),
            role: TermRole::parse("role", &m.role).map_err(|_| corrupt("role"))?,
            period: Period::new(m.starts_on, m.ends_on).map_err(|_| corrupt("period"))?,
            note: m.note,
        },
        version: m.version,
        created_at: m.created_at,
        updated_at: m.updated_at,
    })
}

/// Adds the names of the bodies and cities of `rows`, in two queries whatever their number.
async fn with_names<C: ConnectionTrait>(
    conn: &C,
    rows: Vec<terms::Model>,
) -> Result<Vec<TermView>, StoreError> {
    let city_ids: Vec<Uuid> = rows.iter().map(|t| t.city_id).collect();
    let body_ids: Vec<Uuid> = rows.iter().map(|t| t.body_id).collect();
    let found_cities = cities::Entity::find()
        .filter(cities::Column::Id.is_in(city_ids))
        .all(conn)
        .await?;
    let found_bodies = bodies::Entity::find()
        .filter(bodies::Column::Id.is_in(body_ids))
        .all(conn)
        .await?;
    rows.into_iter()
        .map(|row| {
            let city = found_cities
                .iter()
                .find(|c| c.id == row.city_id)
                .ok_or_else(|| corrupt("city"))?;
            let body = found_bodies
                .iter()
                .find(|b| b.id == row.body_id)
                .ok_or_else(|| corrupt("body"))?;
            Ok(TermView {
                city_name: city.name.clone(),
                body_name: super::bodies::name_of(body)?,
                body_kind: BodyKind::parse("kind", &body.kind).map_err(|_| corrupt("body kind"))?,
                term: to_domain(row)?,
            })
        })
        .collect()
}

impl Versioned for terms::Entity {
    const RECORD: RecordType = RecordType::Term;
    const VERSION: terms::Column = terms::Column::Version;
    const CREATED_AT: terms::Column = terms::Column::CreatedAt;
    const UPDATED_AT: Option<terms::Column> = Some(terms::Column::UpdatedAt);
}

fn columns(term: &Term) -> terms::ActiveModel {
    terms::ActiveModel {
        body_id: Set(term.body.0),
        city_id: Set(term.city.0),
        role: Set(term.role.as_str().to_owned()),
        starts_on: Set(term.period.starts_on()),
        ends_on: Set(term.period.ends_on()),
        note: Set(term.note.clone()),
        ..Default::default()
    }
}

/// Checks that the body and city exist and that the term fits the body's other terms.
async fn check<C: ConnectionTrait>(
    conn: &C,
    term: &Term,
    except: Option<Uuid>,
) -> Result<(), StoreError> {
    let body = bodies::Entity::find_by_id(term.body.0)
        .one(conn)
        .await?
        .ok_or_else(|| {
            StoreError::Invalid(
                FieldError::new("body_id", codes::NOT_FOUND).with("value", term.body),
            )
        })?;
    let city_found = cities::Entity::find_by_id(term.city.0)
        .one(conn)
        .await?
        .is_some();
    if !city_found {
        return Err(StoreError::Invalid(
            FieldError::new("city_id", codes::NOT_FOUND).with("value", term.city),
        ));
    }
    let kind = BodyKind::parse("kind", &body.kind).map_err(|_| corrupt("body kind"))?;
    let mut others = Vec::new();
    for other in terms::Entity::find()
        .filter(terms::Column::BodyId.eq(term.body.0))
        .all(conn)
        .await?
    {
        if Some(other.id) != except {
            let record = to_domain(other)?;
            others.push((record.value.role, record.value.period));
        }
    }
    term.check(kind, &others).map_err(StoreError::Invalid)
}

impl Store {
    pub async fn list_terms(
        &self,
        filter: &TermFilter,
        sort: Sort<TermSort>,
        page: PageRequest,
    ) -> Result<Paged<TermView>, StoreError> {
        let mut select = terms::Entity::find();
        if let Some(body) = filter.body {
            select = select.filter(terms::Column::BodyId.eq(body.0));
        }
        if let Some(city) = filter.city {
            select = select.filter(terms::Column::CityId.eq(city.0));
        }
        if let Some(role) = filter.role {
            select = select.filter(terms::Column::Role.eq(role.as_str()));
        }
        if let Some(day) = filter.on {
            select = select.filter(terms::Column::StartsOn.lte(day)).filter(
                terms::Column::EndsOn
                    .is_null()
                    .or(terms::Column::EndsOn.gte(day)),
            );
        }
        if let Some(since) = filter.updated_since {
            select = select.filter(terms::Column::UpdatedAt.gte(since));
        }
        let order = order_of(&sort);
        select = match sort.field {
            TermSort::StartsOn => select.order_by(terms::Column::StartsOn, order),
            TermSort::UpdatedAt => select.order_by(terms::Column::UpdatedAt, order),
        }
        .order_by_asc(terms::Column::Role)
        .order_by_asc(terms::Column::Id);
        let rows = paged(&self.db, select, page).await?;
        let items = with_names(&self.db, rows.items).await?;
        Ok(Paged {
            items,
            page: rows.page,
            per_page: rows.per_page,
            total: rows.total,
        })
    }

    /// The terms of a body in force on `on`, coordinators first.
    pub async fn body_posts(
        &self,
        body: BodyId,
        on: NaiveDate,
    ) -> Result<Vec<TermView>, StoreError> {
        let rows = terms::Entity::find()
            .filter(terms::Column::BodyId.eq(body.0))
            .filter(terms::Column::StartsOn.lte(on))
            .filter(
                terms::Column::EndsOn
                    .is_null()
                    .or(terms::Column::EndsOn.gte(on)),
            )
            .order_by_asc(terms::Column::StartsOn)
            .all(&self.db)
            .await?;
        let mut views = with_names(&self.db, rows).await?;
        let rank = |r: TermRole| match r {
            TermRole::Holder | TermRole::Coordinator => 0,
            TermRole::SubCoordinator => 1,
        };
        views.sort_by_key(|v| rank(v.term.value.role));
        Ok(views)
    }

    pub async fn get_term(&self, id: TermId) -> Result<TermView, StoreError> {
        let row = terms::Entity::find_by_id(id.0)
            .one(&self.db)
            .await?
            .ok_or(StoreError::NotFound)?;
        with_names(&self.db, vec![row])
            .await?
            .pop()
            .ok_or(StoreError::NotFound)
    }

    pub async fn create_term(&self, who: &Who, term: &Term) -> Result<TermView, StoreError> {
        let txn = self.write().await?;
        check(&txn, term, None).await?;
        let after =
            versioned::insert::<terms::Entity>(&txn, who, Uuid::now_v7(), columns(term)).await?;
        let view = with_names(&txn, vec![after])
            .await?
            .pop()
            .ok_or(StoreError::NotFound)?;
        txn.commit().await?;
        Ok(view)
    }

    pub async fn update_term(
        &self,
        who: &Who,
        id: TermId,
        expected_version: impl Into<Expected>,
        term: &Term,
    ) -> Result<TermView, StoreError> {
        let write = self
            .versioned::<terms::Entity>(id.0, expected_version)
            .await?;
        check(write.txn(), term, Some(id.0)).await?;
        let updated = write.set(columns(term)).await?;
        let view = with_names(updated.txn(), vec![updated.after().clone()])
            .await?
            .pop()
            .ok_or(StoreError::NotFound)?;
        updated.commit(who).await?;
        Ok(view)
    }

    pub async fn delete_term(
        &self,
        who: &Who,
        id: TermId,
        expected_version: impl Into<Expected>,
    ) -> Result<(), StoreError> {
        self.versioned::<terms::Entity>(id.0, expected_version)
            .await?
            .delete(who)
            .await
    }
}
