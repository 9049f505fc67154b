//! Storage of the Mercociudades network platform on SQLite or PostgreSQL.
//!
//! Repositories take and return domain types; every change runs in one transaction together
//! with its audit record.

pub mod audit;
pub mod entities;
mod error;
pub mod repositories;

pub use error::StoreError;
pub use repositories::Store;
