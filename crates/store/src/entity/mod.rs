//! SeaORM entities, one module a table.

pub mod audit_log;
pub mod login_failures;
pub mod people;
pub mod person_moves;
pub mod ratings;
pub mod recipient_group_units;
pub mod recipient_groups;
pub mod rule_tables;
pub mod sessions;
pub mod unit_events;
pub mod unit_names;
pub mod units;
pub mod user_roles;
pub mod users;
