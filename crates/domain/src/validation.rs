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
    /// A control character, or an invisible one where it is not allowed; `char` names it
    /// (`U+200B`).
    pub const INVISIBLE_CHARACTER: &str = "invisible_character";
    /// A field the caller may read but not change (on 403): only another role changes it.
    pub const RESERVED: &str = "reserved";
    /// A wall-clock time that a change of clocks skips or repeats in `zone`.
    pub const NO_SUCH_TIME: &str = "no_such_time";
    /// The city is not invited to the event.
    pub const NOT_INVITED: &str = "not_invited";
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

/// A trimmed, non-empty string of at most `max` characters as sent (in Unicode normalization
/// form C, surrounding white space included), without control characters other than line
/// breaks and tabs.
pub fn bounded_text(field: &str, value: &str, max: usize) -> Result<String, FieldError> {
    let composed = crate::text::nfc(value);
    if composed.chars().count() > max {
        return Err(FieldError::new(field, codes::TOO_LONG).with("max", max));
    }
    let text = composed.trim().to_owned();
    if text.is_empty() {
        return Err(FieldError::new(field, codes::EMPTY));
    }
    if let Some(c) = crate::text::forbidden_in_text(&text) {
        return Err(invisible_character(field, c));
    }
    Ok(text)
}

/// A name (of a city, a body, a person, an acronym, an e-mail address): a [`bounded_text`] on
/// one line, without invisible characters either ([`crate::text::forbidden_in_name`]).
pub fn name_text(field: &str, value: &str, max: usize) -> Result<String, FieldError> {
    let text = bounded_text(field, value, max)?;
    match crate::text::forbidden_in_name(&text) {
        Some(c) => Err(invisible_character(field, c)),
        None => Ok(text),
    }
}

fn invisible_character(field: &str, c: char) -> FieldError {
    FieldError::new(field, codes::INVISIBLE_CHARACTER).with("char", crate::text::code_point(c))
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
            bounded_text("name", "a\u{0}b", 10).map_err(|e| (e.code, e.params)),
            Err((
                codes::INVISIBLE_CHARACTER,
                vec![("char", "U+0000".to_owned())]
            ))
        );
        assert_eq!(
            bounded_text("text", "one\ntwo", 10).ok(),
            Some("one\ntwo".to_owned())
        );
    }

    #[test]
    fn bounded_text_is_kept_composed() {
        assert_eq!(
            bounded_text("name", " Paysandu\u{301} ", 10).ok(),
            Some("Paysandú".to_owned())
        );
        // Eight characters once composed, though nine were typed.
        assert!(bounded_text("name", "Paysandu\u{301}", 8).is_ok());
    }

    #[test]
    fn names_refuse_invisible_characters_and_line_breaks() {
        assert_eq!(
            name_text("name", "Monte\u{200B}video", 50).map_err(|e| (e.field, e.code, e.params)),
            Err((
                "name".to_owned(),
                codes::INVISIBLE_CHARACTER,
                vec![("char", "U+200B".to_owned())]
            ))
        );
        assert!(name_text("name", "Monte\nvideo", 50).is_err());
        assert!(name_text("name", "Monte\u{AD}video", 50).is_err());
        assert!(name_text("name", "\u{202E}oedivetnoM", 50).is_err());
        assert_eq!(
            name_text("name", "Paysandu\u{301}", 50).ok(),
            Some("Paysandú".to_owned())
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
