//! Black-box tests of the API over HTTP against a real database (SQLite, or PostgreSQL when
//! `TEST_DATABASE_URL` is set).

mod helpers;

mod activities;
mod auth;
mod bodies;
mod calendar;
mod cities;
mod contract;
mod countries;
mod delegations;
mod deletions;
mod demo;
mod events;
mod locations;
mod logs;
mod membership;
mod monitoring;
mod names;
mod notifications;
mod plan_life;
mod plans;
mod rate_limits;
mod routes;
mod shared_state;
mod terms;
mod tokens;
mod users;
