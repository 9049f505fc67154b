use super::versioned::{self, Versioned, refuse_if_any};
use super::{Store, contains_ci, order_of, paged_records};
use crate::StoreError;
use crate::audit::{RecordType, Who};
use crate::entities::{cities, countries};
use crate::repositories::versioned::Expected;
use chrono::{DateTime, Utc};
use mercociudades_domain::listing::{PageRequest, Paged, Sort};
use mercociudades_domain::record::Record;
use mercociudades_domain::registry::{Country, CountryCode, MercosurStatus};
use mercociudades_domain::text::LocalizedText;
use sea_orm::sea_query::{Condition, Expr};
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

pub type CountryRecord = Record<CountryCode, Country>;

#[derive(Debug, Clone, Default)]
pub struct CountryFilter {
    pub mercosur_status: Option<MercosurStatus>,
    pub q: Option<String>,
    pub updated_since: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CountrySort {
    Code,
    NameEs,
    UpdatedAt,
}

fn to_domain(m: countries::Model) -> Result<CountryRecord, StoreError> {
    let corrupt = |what: &str| {
        StoreError::Database(sea_orm::DbErr::Custom(format!(
            "stored country {}: {what}",
            m.code
        )))
    };
    Ok(Record {
        id: CountryCode::parse("code", &m.code).map_err(|_| corrupt("code"))?,
        value: Country {
            code: CountryCode::parse("code", &m.code).map_err(|_| corrupt("code"))?,
            name: LocalizedText::parse_complete(&m.name_es, &m.name_pt, &m.name_en, usize::MAX)
                .map_err(|_| corrupt("name"))?,
            mercosur_status: MercosurStatus::parse("mercosur_status", &m.mercosur_status)
                .map_err(|_| corrupt("mercosur_status"))?,
        },
        version: m.version,
        created_at: m.created_at,
        updated_at: m.updated_at,
    })
}

fn columns(country: &Country) -> countries::ActiveModel {
    countries::ActiveModel {
        name_es: Set(country.name.es().unwrap_or_default().to_owned()),
        name_pt: Set(country.name.pt().unwrap_or_default().to_owned()),
        name_en: Set(country.name.en().unwrap_or_default().to_owned()),
        mercosur_status: Set(country.mercosur_status.as_str().to_owned()),
        ..Default::default()
    }
}

impl Versioned for countries::Entity {
    const RECORD: RecordType = RecordType::Country;
    const VERSION: countries::Column = countries::Column::Version;
    const CREATED_AT: countries::Column = countries::Column::CreatedAt;
    const UPDATED_AT: Option<countries::Column> = Some(countries::Column::UpdatedAt);
}

impl Store {
    pub async fn list_countries(
        &self,
        filter: &CountryFilter,
        sort: Sort<CountrySort>,
        page: PageRequest,
    ) -> Result<Paged<CountryRecord>, StoreError> {
        let mut select = countries::Entity::find();
        if let Some(status) = filter.mercosur_status {
            select = select.filter(countries::Column::MercosurStatus.eq(status.as_str()));
        }
        if let Some(q) = &filter.q {
            select = select.filter(
                Condition::any()
                    .add(contains_ci(Expr::col(countries::Column::NameEs), q))
                    .add(contains_ci(Expr::col(countries::Column::NamePt), q))
                    .add(contains_ci(Expr::col(countries::Column::NameEn), q))
                    .add(contains_ci(Expr::col(countries::Column::Code), q)),
            );
        }
        if let Some(since) = filter.updated_since {
            select = select.filter(countries::Column::UpdatedAt.gte(since));
        }
        let order = order_of(&sort);
        select = match sort.field {
            CountrySort::Code => select.order_by(countries::Column::Code, order),
            CountrySort::NameEs => select.order_by(countries::Column::NameEs, order),
            CountrySort::UpdatedAt => select.order_by(countries::Column::UpdatedAt, order),
        }
        .order_by_asc(countries::Column::Code);
        paged_records(&self.db, select, page, to_domain).await
    }

    pub async fn get_country(&self, code: &CountryCode) -> Result<CountryRecord, StoreError> {
        countries::Entity::find_by_id(code.as_str().to_owned())
            .one(&self.db)
            .await?
            .ok_or(StoreError::NotFound)
            .and_then(to_domain)
    }

    pub async fn create_country(
        &self,
        who: &Who,
        country: &Country,
    ) -> Result<CountryRecord, StoreError> {
        let txn = self.write().await?;
        let code = country.code.as_str().to_owned();
        let after = versioned::insert::<countries::Entity>(&txn, who, code, columns(country))
            .await
            .map_err(|e| e.duplicate_of("code"))?;
        txn.commit().await?;
        to_domain(after)
    }

    pub async fn update_country(
        &self,
        who: &Who,
        code: &CountryCode,
        expected_version: impl Into<Expected>,
        country: &Country,
    ) -> Result<CountryRecord, StoreError> {
        let write = self
            .versioned::<countries::Entity>(code.as_str().to_owned(), expected_version)
            .await?;
        to_domain(write.update(who, columns(country)).await?)
    }

    pub async fn delete_country(
        &self,
        who: &Who,
        code: &CountryCode,
        expected_version: impl Into<Expected>,
    ) -> Result<(), StoreError> {
        let write = self
            .versioned::<countries::Entity>(code.as_str().to_owned(), expected_version)
            .await?;
        refuse_if_any(
            write.txn(),
            cities::Entity::find().filter(cities::Column::CountryCode.eq(code.as_str())),
            "country_has_cities",
        )
        .await?;
        write.delete(who).await
    }
}
