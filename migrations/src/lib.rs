//! The schema of the Mercociudades network platform, one migration set for SQLite and
//! PostgreSQL alike. A migration that has landed is never edited: add a new one.

pub use sea_orm_migration::prelude::*;

mod m20261124_000001_registry;
mod m20261124_000002_identity_audit;
mod m20261124_000003_plans;
mod m20261124_000004_monitoring;
mod m20261125_000005_city_name_key;
mod m20261125_000006_body_member_version;
mod m20261125_000007_body_search_keys;
mod m20261130_000008_shared_auth_state;
mod m20261130_000009_idempotency_fingerprint;
mod m20261130_000012_notifications;
mod m20261201_000010_identity_keys;
mod m20261201_000013_city_coordinates;
mod m20261202_000014_events;
mod m20261203_000015_delegations;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261124_000001_registry::Migration),
            Box::new(m20261124_000002_identity_audit::Migration),
            Box::new(m20261124_000003_plans::Migration),
            Box::new(m20261124_000004_monitoring::Migration),
            Box::new(m20261125_000005_city_name_key::Migration),
            Box::new(m20261125_000006_body_member_version::Migration),
            Box::new(m20261125_000007_body_search_keys::Migration),
            Box::new(m20261130_000008_shared_auth_state::Migration),
            Box::new(m20261130_000009_idempotency_fingerprint::Migration),
            Box::new(m20261201_000010_identity_keys::Migration),
            Box::new(m20261130_000012_notifications::Migration),
            Box::new(m20261201_000013_city_coordinates::Migration),
            Box::new(m20261202_000014_events::Migration),
            Box::new(m20261203_000015_delegations::Migration),
        ]
    }
}

/// Columns every mutable record has: its version and when it was made and last changed.
pub(crate) fn versioned(mut table: TableCreateStatement) -> TableCreateStatement {
    use sea_orm_migration::schema::{integer, timestamp_with_time_zone};
    table
        .col(integer("version").default(1))
        .col(timestamp_with_time_zone("created_at"))
        .col(timestamp_with_time_zone("updated_at"));
    table
}

/// A foreign key from `from.column` to `to.id`.
pub(crate) fn fk(
    from: &'static str,
    column: &'static str,
    to: &'static str,
    on_delete: ForeignKeyAction,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(from, column)
        .to(to, "id")
        .on_delete(on_delete)
        .to_owned()
}
