//! Table rows, data only. Hand-written rules live in the repositories.

/// What sea-orm asks of every table besides its row: no relation is navigated in code (the
/// repositories join by their own queries), and nothing happens on save.
macro_rules! no_relations {
    () => {
        #[derive(Copy, Clone, Debug, sea_orm::EnumIter, sea_orm::DeriveRelation)]
        pub enum Relation {}

        impl sea_orm::ActiveModelBehavior for ActiveModel {}
    };
}

pub mod activity_reports;
pub mod api_tokens;
pub mod audit_log;
pub mod bodies;
pub mod body_members;
pub mod calendar_feeds;
pub mod cities;
pub mod city_membership_events;
pub mod countries;
pub mod email_outbox;
pub mod email_preferences;
pub mod event_activities;
pub mod event_attendance;
pub mod event_bodies;
pub mod event_delegates;
pub mod event_delegations;
pub mod event_participants;
pub mod events;
pub mod indicators;
pub mod notifications;
pub mod plan_nodes;
pub mod plan_revisions;
pub mod refresh_tokens;
pub mod report_cities;
pub mod role_grants;
pub mod strategic_plans;
pub mod terms;
pub mod users;
pub mod work_plans;
