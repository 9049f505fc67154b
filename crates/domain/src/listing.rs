//! Lists: pages, sort orders and the filters they share.

use crate::validation::{FieldError, codes};
use chrono::{DateTime, NaiveDate, Utc};

/// A page of a list, numbered from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageRequest {
    page: u64,
    per_page: u64,
}

impl PageRequest {
    pub const DEFAULT_PER_PAGE: u64 = 50;
    pub const MAX_PER_PAGE: u64 = 200;
    /// Pages beyond this would only ever be empty: no list holds ten million rows.
    pub const MAX_PAGE: u64 = 10_000_000 / Self::MAX_PER_PAGE;

    pub fn parse(page: Option<&str>, per_page: Option<&str>) -> Result<Self, Vec<FieldError>> {
        let mut errors = Vec::new();
        let page = match parse_int("page", page, 1, Self::MAX_PAGE) {
            Ok(v) => v.unwrap_or(1),
            Err(e) => {
                errors.push(e);
                1
            }
        };
        let per_page = match parse_int("per_page", per_page, 1, Self::MAX_PER_PAGE) {
            Ok(v) => v.unwrap_or(Self::DEFAULT_PER_PAGE),
            Err(e) => {
                errors.push(e);
                1
            }
        };
        if errors.is_empty() {
            Ok(Self { page, per_page })
        } else {
            Err(errors)
        }
    }

    pub fn first(per_page: u64) -> Self {
        Self {
            page: 1,
            per_page: per_page.clamp(1, Self::MAX_PER_PAGE),
        }
    }

    pub fn page(&self) -> u64 {
        self.page
    }
    pub fn per_page(&self) -> u64 {
        self.per_page
    }
    pub fn offset(&self) -> u64 {
        (self.page - 1) * self.per_page
    }
}

/// A page of results with the total count of the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paged<T> {
    pub items: Vec<T>,
    pub page: u64,
    pub per_page: u64,
    pub total: u64,
}

impl<T> Paged<T> {
    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Paged<U> {
        Paged {
            items: self.items.into_iter().map(f).collect(),
            page: self.page,
            per_page: self.per_page,
            total: self.total,
        }
    }
}

/// An order: a field, ascending or descending (`sort=name` / `sort=-name`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sort<F> {
    pub field: F,
    pub descending: bool,
}

impl<F: Copy> Sort<F> {
    /// Ascending by `field`.
    pub fn ascending(field: F) -> Self {
        Sort {
            field,
            descending: false,
        }
    }

    pub fn parse(
        value: Option<&str>,
        allowed: &[(&str, F)],
        default: Sort<F>,
    ) -> Result<Self, FieldError> {
        let Some(raw) = value.map(str::trim).filter(|v| !v.is_empty()) else {
            return Ok(default);
        };
        let (name, descending) = match raw.strip_prefix('-') {
            Some(rest) => (rest, true),
            None => (raw, false),
        };
        allowed
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, field)| Sort {
                field: *field,
                descending,
            })
            .ok_or_else(|| {
                let names: Vec<&str> = allowed.iter().map(|(n, _)| *n).collect();
                FieldError::new("sort", codes::UNKNOWN_VALUE).with("allowed", names.join(", "))
            })
    }
}

/// An integer query parameter within bounds.
pub fn parse_int(
    field: &str,
    value: Option<&str>,
    min: u64,
    max: u64,
) -> Result<Option<u64>, FieldError> {
    let Some(raw) = value else { return Ok(None) };
    let n: i128 = raw
        .trim()
        .parse()
        .map_err(|_| FieldError::new(field, codes::INVALID_TYPE).with("expected", "integer"))?;
    if n < i128::from(min) || n > i128::from(max) {
        return Err(FieldError::new(field, codes::OUT_OF_RANGE)
            .with("min", min)
            .with("max", max));
    }
    Ok(u64::try_from(n).ok())
}

/// An RFC 3339 instant (`updated_since=2012-01-01T00:00:00Z`).
pub fn parse_instant(
    field: &str,
    value: Option<&str>,
) -> Result<Option<DateTime<Utc>>, FieldError> {
    value
        .map(|raw| {
            DateTime::parse_from_rfc3339(raw.trim())
                .map(|t| t.with_timezone(&Utc))
                .map_err(|_| {
                    FieldError::new(field, codes::INVALID_FORMAT).with("format", "RFC 3339")
                })
        })
        .transpose()
}

/// An ISO 8601 calendar date (`2012-06-30`).
pub fn parse_date(field: &str, value: &str) -> Result<NaiveDate, FieldError> {
    NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d")
        .map_err(|_| FieldError::new(field, codes::INVALID_FORMAT).with("format", "YYYY-MM-DD"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_defaults_and_bounds() {
        let p = PageRequest::parse(None, None).unwrap_or_else(|_| unreachable!());
        assert_eq!((p.page(), p.per_page(), p.offset()), (1, 50, 0));
        let p = PageRequest::parse(Some("3"), Some("200")).unwrap_or_else(|_| unreachable!());
        assert_eq!(p.offset(), 400);
        let errs = PageRequest::parse(Some("0"), Some("100000"))
            .err()
            .unwrap_or_default();
        let fields: Vec<_> = errs.iter().map(|e| (e.field.as_str(), e.code)).collect();
        assert_eq!(
            fields,
            [
                ("page", codes::OUT_OF_RANGE),
                ("per_page", codes::OUT_OF_RANGE)
            ]
        );
        let errs = PageRequest::parse(Some("two"), None)
            .err()
            .unwrap_or_default();
        assert_eq!(errs.first().map(|e| e.code), Some(codes::INVALID_TYPE));
    }

    #[test]
    fn sort_parses_direction_and_refuses_unknown_fields() {
        let allowed = [("name", 1), ("population", 2)];
        let default = Sort {
            field: 1,
            descending: false,
        };
        assert_eq!(
            Sort::parse(Some("-population"), &allowed, default),
            Ok(Sort {
                field: 2,
                descending: true
            })
        );
        assert_eq!(Sort::parse(None, &allowed, default), Ok(default));
        assert_eq!(
            Sort::parse(Some("secret"), &allowed, default).map_err(|e| e.code),
            Err(codes::UNKNOWN_VALUE)
        );
    }

    #[test]
    fn instants_and_dates() {
        assert!(parse_instant("t", Some("2012-01-01T00:00:00Z")).is_ok_and(|t| t.is_some()));
        assert!(parse_instant("t", Some("yesterday")).is_err());
        assert!(parse_date("d", "2012-02-30").is_err());
        assert!(parse_date("d", "2012-02-29").is_ok());
    }
}
