//! One error type for every failure, answered as RFC 9457 problem+json.
//!
//! Handlers return [`ApiError`]; its response carries a [`Problem`] that the request
//! middleware renders in the caller's language with the request id. A 5xx answer says
//! nothing of its cause: the log says everything.

use crate::problem::ProblemCode;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};
use mercociudades_domain::FieldError;
use mercociudades_domain::ValidationErrors;
use mercociudades_domain::text::Lang;
use mercociudades_persistence::StoreError;
use serde::Serialize;
use std::fmt;
use utoipa::ToSchema;

/// A problem before it is put into words.
#[derive(Debug, Clone)]
pub struct Problem {
    pub code: ProblemCode,
    pub status: StatusCode,
    pub detail: &'static str,
    pub params: Vec<(&'static str, String)>,
    pub errors: Vec<FieldError>,
    pub retry_after: Option<u64>,
}

/// An RFC 9457 problem document, as sent.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProblemDocument {
    /// URI of the problem type (`urn:mercociudades:problem:<code>`).
    #[serde(rename = "type")]
    pub type_: String,
    pub title: String,
    pub status: u16,
    pub detail: String,
    /// Machine-readable problem code.
    pub code: String,
    /// Id of the request, also sent as the `x-request-id` header.
    pub request_id: String,
    /// The fields that failed validation; on 403, the fields the caller may not change.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldProblem>,
    /// The version the record has now (on 412).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub current_version: Option<i32>,
    /// The permission the caller lacks (on 403), as the operation's `x-permission` names it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub permission: Option<String>,
    /// The record that has the same value already (on 409 `duplicate`, when it is known).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub existing: Option<ExistingRecord>,
}

/// A record named by a problem: the one that has the same name, acronym or e-mail address.
#[derive(Debug, Serialize, ToSchema)]
pub struct ExistingRecord {
    pub id: String,
    /// Its name as people know it: a city with its country (`Montevideo (UY)`), a body with its
    /// acronym, a user by their e-mail address.
    pub name: String,
}

/// One field that failed validation.
#[derive(Debug, Serialize, ToSchema)]
pub struct FieldProblem {
    /// Path of the field (`contact.email`, `roles[1].city_id`, `page`).
    pub field: String,
    /// Code of the rule it broke (`required`, `too_long`, `out_of_range`, `not_found`, …).
    pub code: String,
    pub message: String,
}

impl Problem {
    pub fn render(&self, lang: Lang, request_id: &str) -> ProblemDocument {
        ProblemDocument {
            type_: format!("urn:mercociudades:problem:{}", self.code.as_str()),
            title: self.code.title(lang).to_owned(),
            status: self.status.as_u16(),
            detail: crate::i18n::detail(self.detail, &self.params, lang),
            code: self.code.as_str().to_owned(),
            request_id: request_id.to_owned(),
            errors: self
                .errors
                .iter()
                .map(|e| FieldProblem {
                    field: e.field.clone(),
                    code: e.code.to_owned(),
                    message: crate::i18n::field_message(e.code, &e.params, lang),
                })
                .collect(),
            current_version: self
                .params
                .iter()
                .find(|(k, _)| *k == "current_version")
                .and_then(|(_, v)| v.parse().ok()),
            permission: self.param("permission").map(str::to_owned),
            existing: self
                .param("existing_id")
                .zip(self.param("existing_name"))
                .map(|(id, name)| ExistingRecord {
                    id: id.to_owned(),
                    name: name.to_owned(),
                }),
        }
    }

    /// The value of the parameter `name`, if the problem has it.
    fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Every way a request can fail.
#[derive(Debug)]
pub struct ApiError {
    pub problem: Problem,
    /// The cause of an internal error, for the log only.
    pub source: Option<anyhow::Error>,
}

impl ApiError {
    pub fn new(code: ProblemCode, detail: &'static str) -> Self {
        let status =
            StatusCode::from_u16(code.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        Self {
            problem: Problem {
                code,
                status,
                detail,
                params: Vec::new(),
                errors: Vec::new(),
                retry_after: None,
            },
            source: None,
        }
    }

    #[must_use]
    pub fn with(mut self, name: &'static str, value: impl ToString) -> Self {
        self.problem.params.push((name, value.to_string()));
        self
    }

    pub fn validation(errors: Vec<FieldError>) -> Self {
        let mut e = Self::new(ProblemCode::ValidationFailed, "validation_failed");
        e.problem.errors = errors;
        e
    }

    pub fn field(error: FieldError) -> Self {
        Self::validation(vec![error])
    }

    pub fn malformed_body(reason: impl ToString) -> Self {
        Self::new(ProblemCode::MalformedBody, "malformed_json").with("reason", reason)
    }

    /// A file in another format than JSON (`YAML`, `CSV`) that cannot be read.
    pub fn unreadable(format: &'static str, reason: impl ToString) -> Self {
        Self::new(ProblemCode::MalformedBody, "malformed_document")
            .with("format", format)
            .with("reason", reason)
    }

    pub fn unauthenticated(detail: &'static str) -> Self {
        Self::new(ProblemCode::Unauthenticated, detail)
    }

    pub fn forbidden() -> Self {
        Self::new(ProblemCode::Forbidden, "forbidden")
    }

    /// 403 naming the permission the caller lacks.
    pub fn forbidden_to(action: mercociudades_domain::access::Action) -> Self {
        Self::forbidden().with("permission", action)
    }

    /// 403 naming the permission the caller lacks and the `fields` whose change needs it.
    pub fn forbidden_fields(action: mercociudades_domain::access::Action, fields: &[&str]) -> Self {
        let mut e =
            Self::new(ProblemCode::Forbidden, "forbidden_fields").with("permission", action);
        e.problem.errors = fields
            .iter()
            .map(|f| FieldError::new(*f, mercociudades_domain::validation::codes::RESERVED))
            .collect();
        e
    }

    pub fn not_found() -> Self {
        Self::new(ProblemCode::NotFound, "not_found")
    }

    pub fn too_many(retry_after: u64) -> Self {
        Self::new(ProblemCode::TooManyRequests, "too_many_attempts")
            .with("retry_after", retry_after)
            .retry_after(retry_after)
    }

    /// Sends `Retry-After` with the answer.
    pub fn retry_after(mut self, seconds: u64) -> Self {
        self.problem.retry_after = Some(seconds);
        self
    }

    pub fn internal(source: impl Into<anyhow::Error>) -> Self {
        let mut e = Self::new(ProblemCode::Internal, "internal");
        e.source = Some(source.into());
        e
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} ({})",
            self.problem.code.as_str(),
            self.problem.status
        )?;
        if let Some(source) = &self.source {
            write!(f, ": {source:#}")?;
        }
        Ok(())
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        self.problem.status
    }

    fn error_response(&self) -> HttpResponse {
        if let Some(source) = &self.source {
            tracing::error!(error = format!("{source:#}"), "request failed");
        }
        let mut response = HttpResponse::build(self.problem.status);
        if let Some(seconds) = self.problem.retry_after {
            response.insert_header(("Retry-After", seconds.to_string()));
        }
        let mut response = response.finish();
        response.extensions_mut().insert(self.problem.clone());
        response
    }
}

impl From<ValidationErrors> for ApiError {
    fn from(e: ValidationErrors) -> Self {
        Self::validation(e.0)
    }
}

impl From<FieldError> for ApiError {
    fn from(e: FieldError) -> Self {
        Self::field(e)
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => ApiError::not_found(),
            StoreError::VersionMismatch { current } => {
                let err = ApiError::new(ProblemCode::PreconditionFailed, "precondition_failed");
                match current {
                    Some(version) => err.with("current_version", version),
                    None => err,
                }
            }
            StoreError::InUse { reason } => ApiError::new(ProblemCode::InUse, reason),
            StoreError::Duplicate { field, existing } => {
                let mut err = match existing {
                    Some(existing) => ApiError::new(ProblemCode::Duplicate, "duplicate_of")
                        .with("existing_id", existing.id)
                        .with("existing_name", existing.name),
                    None => ApiError::new(ProblemCode::Duplicate, "duplicate"),
                }
                .with("field", field);
                err.problem.errors.push(FieldError::new(
                    field,
                    mercociudades_domain::validation::codes::DUPLICATE,
                ));
                err
            }
            StoreError::Invalid(field) => ApiError::field(field),
            StoreError::Frozen { status } => {
                ApiError::new(ProblemCode::PlanFrozen, "plan_frozen").with("status", status)
            }
            StoreError::Transition(t) => {
                ApiError::new(ProblemCode::IllegalTransition, "event_transition")
                    .with("from", t.from)
                    .with("to", t.to)
            }
            StoreError::DelegationTransition(t) => {
                ApiError::new(ProblemCode::IllegalTransition, "delegation_transition")
                    .with("from", t.from)
                    .with("to", t.to)
            }
            StoreError::EventCancelled => {
                ApiError::new(ProblemCode::EventCancelled, "event_cancelled")
            }
            StoreError::NotApproved => {
                ApiError::new(ProblemCode::PlanNotApproved, "plan_not_approved")
            }
            StoreError::Database(db) => {
                let unavailable = matches!(
                    db,
                    sea_orm::DbErr::ConnectionAcquire(_) | sea_orm::DbErr::Conn(_)
                );
                if unavailable {
                    let mut err = ApiError::new(ProblemCode::Unavailable, "unavailable");
                    err.source = Some(db.into());
                    err
                } else {
                    ApiError::internal(db)
                }
            }
        }
    }
}

pub type ApiResult<T> = Result<T, ApiError>;
