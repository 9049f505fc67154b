//! Validation failures: which field, which rule, with which parameters.
//!
//! The message a person reads is produced at the edge from `code` and `params`, in their
//! language; the domain only says what was wrong.

use std::fmt;

/// One rule broken by one field of an input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// Path of the field in the input, with dots and indexes (`contact.email`, `items[2].code`).
    pub field: String,
    /// Machine-readable code of the rule (see [`codes`]).
    pub code: &'static str,
    /// Named parameters of the rule (`max` → `200`), used to build the message.
    pub params: Vec<(&'static str, String)>,
}

impl FieldError {
    pub fn new(field: impl Into<String>, code: &'static str) -> Self {
        Self {
            field: field.into(),
            code,
            params: Vec::new(),
        }
    }

    #[must_use]
    pub fn with(mut self, name: &'static str, value: impl ToString) -> Self {
        self.params.push((name, value.to_string()));
        self
    }

    /// The same error, placed under a parent field (`contact` + `email` → `contact.email`).
    #[must_use]
    pub fn under(mut self, parent: &str) -> Self {
        self.field = if self.field.is_empty() {
            parent.to_owned()
        } else if self.field.starts_with('[') {
            format!("{parent}{}", self.field)
        } else {
            format!("{parent}.{}", self.field)
        };
        self
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.code)
    }
}

/// Codes of the validation rules. They are part of the API contract.
pub mod codes {
    pub const REQUIRED: &str = "required";
    pub const EMPTY: &str = "empty";
    pub const TOO_LONG: &str = "too_long";
    pub const TOO_SHORT: &str = "too_short";
    pub const INVALID_FORMAT: &str = "invalid_format";
    pub const OUT_OF_RANGE: &str = "out_of_range";
    pub const UNKNOWN_VALUE: &str = "unknown_value";
    pub const INVALID_TYPE: &str = "invalid_type";
    pub const UNKNOWN_FIELD: &str = "unknown_field";
    pub const NOT_FOUND: &str = "not_found";
    pub const DATE_ORDER: &str = "date_order";
    pub const DUPLICATE: &str = "duplicate";
    pub const NOT_ALLOWED: &str = "not_allowed";
    pub const OVERLAP: &str = "overlap";
    pub const MALFORMED: &str = "malformed";
    pub const CHANGED_SINCE: &str = "changed_since";
    /// An idempotency key sent again with another request than the first.
    pub const KEY_REUSED: &str = "key_reused";
}

/// Every rule broken by an input, collected so that a person can fix them all at once.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ValidationErrors(pub Vec<FieldError>);

impl ValidationErrors {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, error: FieldError) {
        self.0.push(error);
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Keeps the value of a successful parse, records the error of a failed one.
    pub fn take<T>(&mut self, result: Result<T, FieldError>) -> Option<T> {
        match result {
            Ok(v) => Some(v),
            Err(e) => {
                self.0.push(e);
                None
            }
        }
    }

    /// `Ok(value)` when no rule was broken.
    pub fn finish<T>(self, value: impl FnOnce() -> Option<T>) -> Result<T, ValidationErrors> {
        if self.0.is_empty() {
            // When no error was recorded every `take` returned `Some`.
            value().ok_or(self)
        } else {
            Err(self)
        }
    }
}

impl From<FieldError> for ValidationErrors {
    fn from(e: FieldError) -> Self {
        Self(vec![e])
    }
}

impl fmt::Display for ValidationErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = self.0.iter().map(ToString::to_string).collect();
        f.write_str(&parts.join("; "))
    }
}

impl std::error::Error for ValidationErrors {}

/// A trimmed, non-empty string of at most `max` characters.
pub fn bounded_text(field: &str, value: &str, max: usize) -> Result<String, FieldError> {
    let trimmed = value.trim();
    if trimmed.is_empty() {
        return Err(FieldError::new(field, codes::EMPTY));
    }
    if trimmed.chars().count() > max {
        return Err(FieldError::new(field, codes::TOO_LONG).with("max", max));
    }
    if trimmed
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t' && c != '\r')
    {
        return Err(FieldError::new(field, codes::INVALID_FORMAT));
    }
    Ok(trimmed.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounded_text_trims_and_bounds() {
        assert_eq!(
            bounded_text("name", "  Rosario ", 10).ok(),
            Some("Rosario".to_owned())
        );
        assert_eq!(
            bounded_text("name", "   ", 10).map_err(|e| e.code),
            Err(codes::EMPTY)
        );
        assert_eq!(
            bounded_text("name", "abcdefghijk", 10).map_err(|e| e.code),
            Err(codes::TOO_LONG)
        );
        assert_eq!(
            bounded_text("name", "a\u{0}b", 10).map_err(|e| e.code),
            Err(codes::INVALID_FORMAT)
        );
    }

    #[test]
    fn under_builds_paths() {
        assert_eq!(
            FieldError::new("email", codes::EMPTY)
                .under("contact")
                .field,
            "contact.email"
        );
        assert_eq!(
            FieldError::new("[2]", codes::EMPTY).under("members").field,
            "members[2]"
        );
        assert_eq!(
            FieldError::new("", codes::EMPTY).under("name").field,
            "name"
        );
    }

    #[test]
    fn finish_reports_every_error() {
        let mut errors = ValidationErrors::new();
        let a = errors.take(bounded_text("a", "", 3));
        let b = errors.take(bounded_text("b", "toolong", 3));
        let result = errors.finish(|| Some((a?, b?)));
        assert_eq!(result.map_err(|e| e.0.len()), Err(2));
    }
}
