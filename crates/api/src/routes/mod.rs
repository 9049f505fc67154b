//! The API's routes by resource, and what they share: pages, localized texts, ETags, and
//! the documented error responses.

pub mod activities;
pub mod annual;
pub mod audit;
pub mod auth;
pub mod bodies;
pub mod cities;
pub mod closed;
pub mod countries;
pub mod delegations;
pub mod events;
pub mod health;
pub mod inbox;
pub mod indicators;
pub mod plan_documents;
pub mod plan_reports;
pub mod plan_views;
pub mod plans;
pub mod public;
pub mod reports;
pub mod schemas;
pub mod terms;
pub mod tokens;
pub mod users;

use crate::error::ApiError;
use crate::extract::etag;
use actix_web::HttpResponse;
use actix_web::http::header;
use mercociudades_domain::FieldError;
use mercociudades_domain::listing::{PageRequest, Paged, Sort, parse_instant};
use mercociudades_domain::text::LocalizedText;
use serde::{Deserialize, Serialize};

/// Parses an optional query value; a failure is recorded and yields `None`. A value sent
/// empty (`?city_id=`) is parsed like any other, and so refused where a value must be given.
pub fn optional<T>(
    errors: &mut Vec<FieldError>,
    value: Option<&str>,
    parse: impl FnOnce(&str) -> Result<T, FieldError>,
) -> Option<T> {
    match value.map(str::trim).map(parse) {
        Some(Ok(v)) => Some(v),
        Some(Err(e)) => {
            errors.push(e);
            None
        }
        None => None,
    }
}
use std::collections::BTreeMap;
use utoipa::ToSchema;
use utoipa::openapi::{ContentBuilder, Ref, RefOr, Response, ResponseBuilder};

/// A page of a list.
#[derive(Debug, Serialize, ToSchema)]
pub struct Page<T: ToSchema> {
    pub items: Vec<T>,
    /// Page number, from 1.
    pub page: u64,
    pub per_page: u64,
    /// Items in the whole list.
    pub total: u64,
}

impl<T: ToSchema> Page<T> {
    pub fn from<D>(paged: Paged<D>, f: impl FnMut(D) -> T) -> Self {
        let Paged {
            items,
            page,
            per_page,
            total,
        } = paged;
        Self {
            items: items.into_iter().map(f).collect(),
            page,
            per_page,
            total,
        }
    }
}

/// Paging, sorting and incremental sync, shared by every list.
#[derive(Debug, Default, Clone)]
pub struct ListParams {
    pub page: Option<String>,
    pub per_page: Option<String>,
    pub sort: Option<String>,
    pub updated_since: Option<String>,
}

/// A list's query parameters: paging, sorting, incremental sync, and the list's own filters.
/// Every value arrives as text and is parsed by the handler, so that an error names its
/// parameter; an unknown parameter is refused.
macro_rules! list_query {
    // A list that can be sorted, by the fields `$sorts` matches (`^-?(name|updated_at)$`), and
    // synced incrementally.
    ($(#[$m:meta])* $name:ident sorted by $sorts:literal { $($(#[$fm:meta])* $field:ident),* $(,)? }) => {
        $crate::routes::list_query!(@struct $(#[$m])* $name {
            /// Order: a field name, or `-field` for descending; empty or absent: the default order.
            #[param(pattern = $sorts, max_length = 40)]
            sort,
            /// Only records changed at or after this instant (RFC 3339), for incremental sync.
            #[param(value_type = Option<String>, format = DateTime)]
            updated_since,
            $($(#[$fm])* $field,)*
        });
    };
    // A list in one order only: `sort` and `updated_since` are refused (422), not documented.
    ($(#[$m:meta])* $name:ident { $($(#[$fm:meta])* $field:ident),* $(,)? }) => {
        $crate::routes::list_query!(@struct $(#[$m])* $name {
            #[param(ignore)]
            sort,
            #[param(ignore)]
            updated_since,
            $($(#[$fm])* $field,)*
        });
    };
    (@struct $(#[$m:meta])* $name:ident { $($(#[$fm:meta])* $field:ident,)* }) => {
        $(#[$m])*
        #[derive(Debug, Default, serde::Deserialize, utoipa::IntoParams)]
        #[serde(deny_unknown_fields)]
        #[into_params(parameter_in = Query)]
        pub struct $name {
            /// Page number, from 1 (default 1) to 50000.
            #[param(value_type = Option<u64>, minimum = 1, maximum = 50000)]
            pub page: Option<String>,
            /// Items per page, 1 to 200 (default 50).
            #[param(value_type = Option<u64>, minimum = 1, maximum = 200)]
            pub per_page: Option<String>,
            $($(#[$fm])* pub $field: Option<String>,)*
        }

        impl $name {
            pub fn listing(&self) -> $crate::routes::ListParams {
                $crate::routes::ListParams {
                    page: self.page.clone(),
                    per_page: self.per_page.clone(),
                    sort: self.sort.clone(),
                    updated_since: self.updated_since.clone(),
                }
            }
        }
    };
}
pub(crate) use list_query;

/// The parsed form of [`ListParams`].
pub struct Listing<F> {
    pub page: PageRequest,
    pub sort: Sort<F>,
    pub updated_since: Option<chrono::DateTime<chrono::Utc>>,
}

impl ListParams {
    /// The page of a list that has no sort and no incremental sync: asking for either is an
    /// error, not silently ignored.
    pub fn page_only(&self, errors: &mut Vec<FieldError>) -> PageRequest {
        for (field, present) in [
            ("sort", self.sort.is_some()),
            ("updated_since", self.updated_since.is_some()),
        ] {
            if present {
                errors.push(FieldError::new(
                    field,
                    mercociudades_domain::validation::codes::NOT_ALLOWED,
                ));
            }
        }
        PageRequest::parse(self.page.as_deref(), self.per_page.as_deref()).unwrap_or_else(|e| {
            errors.extend(e);
            PageRequest::first(1)
        })
    }

    pub fn parse<F: Copy>(
        &self,
        errors: &mut Vec<FieldError>,
        sorts: &[(&str, F)],
        default: Sort<F>,
    ) -> Listing<F> {
        let page = PageRequest::parse(self.page.as_deref(), self.per_page.as_deref())
            .unwrap_or_else(|e| {
                errors.extend(e);
                PageRequest::first(1)
            });
        let sort = Sort::parse(self.sort.as_deref(), sorts, default).unwrap_or_else(|e| {
            errors.push(e);
            default
        });
        let updated_since = parse_instant("updated_since", self.updated_since.as_deref())
            .unwrap_or_else(|e| {
                errors.push(e);
                None
            });
        Listing {
            page,
            sort,
            updated_since,
        }
    }
}

/// Fails with every collected field error, if any.
pub fn check(errors: Vec<FieldError>) -> Result<(), ApiError> {
    if errors.is_empty() {
        Ok(())
    } else {
        Err(ApiError::validation(errors))
    }
}

/// A text in Spanish, Portuguese and English; at least one present.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Localized {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub es: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pt: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
}

impl Localized {
    /// A name in each language, each following the rules of names (no invisible characters).
    pub fn parse_name(&self, field: &str, max: usize) -> Result<LocalizedText, FieldError> {
        LocalizedText::parse_name(
            self.es.as_deref(),
            self.pt.as_deref(),
            self.en.as_deref(),
            max,
        )
        .map_err(|e| e.under(field))
    }

    pub fn parse(&self, field: &str, max: usize) -> Result<LocalizedText, FieldError> {
        LocalizedText::parse(
            self.es.as_deref(),
            self.pt.as_deref(),
            self.en.as_deref(),
            max,
        )
        .map_err(|e| e.under(field))
    }
}

impl From<&LocalizedText> for Localized {
    fn from(t: &LocalizedText) -> Self {
        Self {
            es: t.es().map(str::to_owned),
            pt: t.pt().map(str::to_owned),
            en: t.en().map(str::to_owned),
        }
    }
}

/// The language a document is asked for in (`?lang=`): Spanish when none is named.
pub fn document_lang(raw: Option<&str>) -> Result<mercociudades_domain::text::Lang, FieldError> {
    match raw {
        None => Ok(mercociudades_domain::text::Lang::Es),
        Some(l) => l.trim().parse().map_err(|()| {
            FieldError::new(
                "lang",
                mercociudades_domain::validation::codes::UNKNOWN_VALUE,
            )
            .with("allowed", "es, pt, en")
        }),
    }
}

/// A required input value: a field error when absent.
pub fn required<'a, T>(field: &str, value: &'a Option<T>) -> Result<&'a T, FieldError> {
    value
        .as_ref()
        .ok_or_else(|| FieldError::new(field, mercociudades_domain::validation::codes::REQUIRED))
}

/// 200 with the body and its ETag.
pub fn with_etag<T: Serialize>(version: i32, body: &T) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header(header::ETag(etag(version)))
        .json(body)
}

/// 201 with the body, its ETag and where it lives.
pub fn created<T: Serialize>(location: String, version: i32, body: &T) -> HttpResponse {
    HttpResponse::Created()
        .insert_header(header::ETag(etag(version)))
        .insert_header((header::LOCATION, location))
        .json(body)
}

fn problem_map(statuses: &[u16]) -> BTreeMap<String, RefOr<Response>> {
    statuses
        .iter()
        .map(|status| {
            let description = crate::problem::ProblemCode::describe_status(*status);
            let content = ContentBuilder::new()
                .schema(Some(Ref::from_schema_name("ProblemDocument")))
                .build();
            let response = ResponseBuilder::new()
                .description(description)
                .content("application/problem+json", content)
                .build();
            (status.to_string(), RefOr::T(response))
        })
        .collect()
}

macro_rules! problems {
    ($($(#[$m:meta])* $name:ident: [$($status:literal),*];)*) => {$(
        $(#[$m])*
        pub struct $name;
        impl utoipa::IntoResponses for $name {
            fn responses() -> BTreeMap<String, RefOr<Response>> {
                problem_map(&[$($status),*])
            }
        }
    )*};
}

problems! {
    /// Errors of a public operation.
    PublicErrors: [400, 422, 503];
    /// Errors of reading a list.
    ListErrors: [400, 401, 403, 422, 503];
    /// Errors of reading one record.
    GetErrors: [400, 401, 403, 404, 422, 503];
    /// Errors of creating a record.
    CreateErrors: [400, 401, 403, 409, 413, 415, 422, 503];
    /// Errors of changing a record.
    UpdateErrors: [400, 401, 403, 404, 409, 412, 413, 415, 422, 428, 503];
    /// Errors of deleting a record.
    DeleteErrors: [401, 403, 404, 409, 412, 428, 503];
    /// Errors of revoking what is never changed, only revoked (API tokens).
    RevokeErrors: [401, 403, 404, 503];
    /// Errors of signing in.
    LoginErrors: [400, 401, 413, 415, 422, 429, 503];
}
