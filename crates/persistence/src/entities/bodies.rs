use sea_orm::entity::prelude::*;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "bodies")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub kind: String,
    pub name_es: Option<String>,
    pub name_pt: Option<String>,
    pub name_en: Option<String>,
    pub acronym: Option<String>,
    pub description_es: Option<String>,
    pub description_pt: Option<String>,
    pub description_en: Option<String>,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// The first name folded for sorting (see `text::search_key`); not part of the record.
    #[serde(skip)]
    pub name_key: Option<String>,
    /// Every name and the acronym, folded for search; not part of the record.
    #[serde(skip)]
    pub search_text: Option<String>,
    /// The acronym folded for comparing, in lower case and in capitals (see
    /// `text::NameKeys`), each unique; not part of the record.
    #[serde(skip)]
    pub acronym_key: Option<String>,
    #[serde(skip)]
    pub acronym_key_caps: Option<String>,
}

no_relations!();
