use sea_orm::entity::prelude::*;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "cities")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub name: String,
    pub country_code: String,
    pub population: Option<i64>,
    pub membership_status: String,
    pub joined_on: Option<Date>,
    pub contact_address: Option<String>,
    pub contact_phone: Option<String>,
    pub contact_email: Option<String>,
    pub website: Option<String>,
    /// Decimal degrees (WGS 84) to six places; both or neither.
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// The name folded for search and sorting (see `text::search_key`); not part of the record.
    #[serde(skip)]
    pub name_key: Option<String>,
    /// The name folded for comparing, in lower case and in capitals (see `text::NameKeys`),
    /// each unique in its country; not part of the record.
    #[serde(skip)]
    pub identity_key: Option<String>,
    #[serde(skip)]
    pub identity_key_caps: Option<String>,
}

no_relations!();
