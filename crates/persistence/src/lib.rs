//! Storage of the Mercociudades network platform on SQLite or PostgreSQL.
//!
//! Repositories take and return domain types; every change runs in one transaction together
//! with its audit record.

pub mod audit;
pub mod entities;
mod error;
pub mod repositories;

pub use error::{Existing, StoreError};
pub use repositories::Store;
/// The ORM, for tools that measure the store against hand-written SQL.
pub use sea_orm;
