//! Domain types and rules of the Mercociudades network platform.
//!
//! This crate knows no web framework and no database: it holds the values that have rules
//! (parsed once at the edge, so that an invalid value cannot exist past it), the closed sets
//! of the domain as enums, the state machines, and the authorization policy.

pub mod access;
pub mod delegation;
pub mod event;
pub mod ids;
pub mod listing;
pub mod registry;
pub mod text;
pub mod validation;

pub use validation::{FieldError, ValidationErrors};
pub mod monitoring;
pub mod notification;
pub mod plan;
pub mod record;
