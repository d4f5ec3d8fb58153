//! SeaORM entities, one module a table.

pub mod audit_log;
mod commendation_tables;
mod exemplary_tables;
mod initiative_tables;
pub mod login_failures;
pub mod people;
pub mod person_moves;
pub mod ratings;
pub mod recipient_group_units;
pub mod recipient_groups;
pub mod rule_tables;
pub mod sessions;
pub mod settings;
pub mod unit_events;
pub mod unit_names;
pub mod units;
pub mod user_roles;
pub mod users;
mod work;
pub use commendation_tables::{
    award_council_members, award_council_rules, award_councils, award_decisions, award_rounds,
    ballot_tallies, ballot_voters, ballots, council_meetings, decision_lines,
    imported_achievements, meeting_items, meeting_recusals, nomination_history, nominations,
    open_votes, rating_locks, round_awards, round_quotas, unit_ratings,
};
pub use exemplary_tables::{
    decision_publications, exemplary_models, initiative_publications, model_achievements,
    model_initiatives, model_replications,
};
pub use initiative_tables::{
    council_members, councils, initiative_authors, initiative_status_history, initiative_versions,
    initiatives, recognitions, replications, round_initiatives, rubric_criteria, scores,
    scoring_rounds,
};
pub use work::{
    attachments, directive_groups, directive_tasks, directive_units, directives, document_basis,
    documents, inspections, movement_basis, movement_links, movement_phases, movements,
    notifications, posts, registration_people, registrations, task_reports,
};
