//! SeaORM entities, one module a table.

pub mod audit_log;
pub mod people;
pub mod person_moves;
pub mod ratings;
pub mod recipient_group_units;
pub mod recipient_groups;
pub mod unit_events;
pub mod unit_names;
pub mod units;
