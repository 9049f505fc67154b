//! The HTTP API and command line of the Mercociudades network platform.

pub mod auth;
pub mod cli;
pub mod configuration;
pub mod demo;
pub mod error;
pub mod extract;
pub mod formats;
pub mod guard;
pub mod i18n;
pub mod ics;
pub mod mail;
pub mod methods;
pub mod openapi;
pub mod problem;
pub mod rate_limit;
pub mod routes;
pub mod spa;
pub mod startup;
pub mod state;
pub mod telemetry;
