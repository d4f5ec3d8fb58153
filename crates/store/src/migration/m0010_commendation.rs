//! Commendation (khen thưởng): the units' own yearly ratings and the year locks, rounds with their
//! awards and quotas, nominations with their history, commendation councils with members and voting
//! rules per title, meetings with their agenda and recusals, ballots (secret: who has voted and the
//! counters only; open: per-member votes), decisions with their lines, and the imported history of
//! achievements. Written once for both engines.
//!
//! A secret ballot has no per-vote row: `ballot_voters` says who has voted (its primary key is
//! (ballot, user), no id of its own and no time), `ballot_tallies` holds the counters of each item,
//! updated in place. See `docs/commendation.md`.

use super::{create_tables, drop_tables, Spec};
use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0010_commendation"
    }
}

const TABLES: &[Spec] = &[
    Spec {
        name: "unit_ratings",
        cols: &[
            ("id", "id"),
            ("unit_id", "big"),
            ("year", "int"),
            ("rating", "str30"),
        ],
        fks: &[("unit_id", "units")],
        uniques: &[("uq_unit_ratings", &["unit_id", "year"])],
        indexes: &[],
    },
    Spec {
        name: "rating_locks",
        cols: &[
            ("id", "id"),
            ("year", "int"),
            ("locked_at", "ts"),
            ("locked_by", "str100"),
        ],
        fks: &[],
        uniques: &[("uq_rating_locks_year", &["year"])],
        indexes: &[],
    },
    Spec {
        name: "award_rounds",
        cols: &[
            ("id", "id"),
            ("name", "str300"),
            ("kind", "str20"),
            ("year", "int"),
            ("movement_id", "big?"),
            ("document_id", "big?"),
            ("deadline", "date"),
            ("status", "str20"),
            ("created_at", "ts"),
            ("created_by", "str100"),
            ("version", "int"),
        ],
        fks: &[("movement_id", "movements"), ("document_id", "documents")],
        uniques: &[],
        indexes: &[("idx_award_rounds_year", &["year"])],
    },
    Spec {
        name: "round_awards",
        cols: &[
            ("id", "id"),
            ("round_id", "big"),
            ("position", "int"),
            ("award", "str60"),
        ],
        fks: &[("round_id", "award_rounds")],
        uniques: &[("uq_round_awards", &["round_id", "award"])],
        indexes: &[],
    },
    Spec {
        name: "round_quotas",
        cols: &[
            ("id", "id"),
            ("round_id", "big"),
            ("unit_id", "big"),
            ("award", "str60"),
            ("max_count", "int"),
        ],
        fks: &[("round_id", "award_rounds"), ("unit_id", "units")],
        uniques: &[("uq_round_quotas", &["round_id", "unit_id", "award"])],
        indexes: &[],
    },
    Spec {
        name: "nominations",
        cols: &[
            ("id", "id"),
            ("round_id", "big"),
            ("unit_id", "big"),
            ("subject", "str20"),
            ("person_id", "big?"),
            ("subject_unit_id", "big?"),
            ("award", "str60"),
            ("summary", "text"),
            ("status", "str20"),
            ("precheck_eligible", "bool?"),
            ("precheck", "text?"),
            ("comment", "text"),
            ("created_at", "ts"),
            ("created_by", "str100"),
            ("updated_at", "ts"),
            ("version", "int"),
        ],
        fks: &[
            ("round_id", "award_rounds"),
            ("unit_id", "units"),
            ("person_id", "people"),
            ("subject_unit_id", "units"),
        ],
        uniques: &[],
        indexes: &[
            ("idx_nominations_round", &["round_id", "unit_id"]),
            ("idx_nominations_person", &["person_id"]),
        ],
    },
    Spec {
        name: "nomination_history",
        cols: &[
            ("id", "id"),
            ("nomination_id", "big"),
            ("from_status", "str20?"),
            ("to_status", "str20"),
            ("at", "ts"),
            ("by_name", "str100"),
            ("comment", "text"),
        ],
        fks: &[("nomination_id", "nominations")],
        uniques: &[],
        indexes: &[("idx_nomination_history", &["nomination_id"])],
    },
    Spec {
        name: "award_councils",
        cols: &[
            ("id", "id"),
            ("name", "str300"),
            ("unit_id", "big"),
            ("created_at", "ts"),
            ("created_by", "str100"),
        ],
        fks: &[("unit_id", "units")],
        uniques: &[],
        indexes: &[],
    },
    Spec {
        name: "award_council_members",
        cols: &[
            ("id", "id"),
            ("council_id", "big"),
            ("position", "int"),
            ("user_id", "big?"),
            ("username", "str100?"),
            ("person_id", "big?"),
            ("name", "str200"),
            ("role", "str40"),
        ],
        fks: &[
            ("council_id", "award_councils"),
            ("user_id", "users"),
            ("person_id", "people"),
        ],
        uniques: &[("uq_award_council_members_pos", &["council_id", "position"])],
        indexes: &[],
    },
    Spec {
        name: "award_council_rules",
        cols: &[
            ("id", "id"),
            ("council_id", "big"),
            ("award", "str60"),
            ("quorum_num", "int"),
            ("quorum_den", "int"),
            ("approval_num", "int"),
            ("approval_den", "int"),
            ("base", "str20"),
            ("secret", "bool"),
        ],
        fks: &[("council_id", "award_councils")],
        uniques: &[("uq_award_council_rules", &["council_id", "award"])],
        indexes: &[],
    },
    Spec {
        name: "council_meetings",
        cols: &[
            ("id", "id"),
            ("council_id", "big"),
            ("round_id", "big"),
            ("held_on", "date"),
            ("place", "str300"),
            ("status", "str20"),
            ("created_at", "ts"),
            ("created_by", "str100"),
        ],
        fks: &[
            ("council_id", "award_councils"),
            ("round_id", "award_rounds"),
        ],
        uniques: &[],
        indexes: &[],
    },
    Spec {
        name: "meeting_items",
        cols: &[
            ("id", "id"),
            ("meeting_id", "big"),
            ("position", "int"),
            ("nomination_id", "big"),
        ],
        fks: &[
            ("meeting_id", "council_meetings"),
            ("nomination_id", "nominations"),
        ],
        uniques: &[("uq_meeting_items", &["meeting_id", "nomination_id"])],
        indexes: &[],
    },
    Spec {
        name: "meeting_recusals",
        cols: &[
            ("id", "id"),
            ("meeting_id", "big"),
            ("member_id", "big"),
            ("nomination_id", "big"),
            ("reason", "str300"),
        ],
        fks: &[
            ("meeting_id", "council_meetings"),
            ("member_id", "award_council_members"),
            ("nomination_id", "nominations"),
        ],
        uniques: &[(
            "uq_meeting_recusals",
            &["meeting_id", "member_id", "nomination_id"],
        )],
        indexes: &[],
    },
    Spec {
        name: "ballots",
        cols: &[
            ("id", "id"),
            ("meeting_id", "big"),
            ("secret", "bool"),
            ("status", "str20"),
            ("opened_at", "ts"),
            ("closed_at", "ts?"),
            ("opened_by", "str100"),
        ],
        fks: &[("meeting_id", "council_meetings")],
        uniques: &[],
        indexes: &[],
    },
    // Who has voted: no id, no time, nothing about the vote.
    Spec {
        name: "ballot_voters",
        cols: &[("ballot_id", "bigpk"), ("user_id", "bigpk")],
        fks: &[("ballot_id", "ballots"), ("user_id", "users")],
        uniques: &[],
        indexes: &[],
    },
    // The counters of each item, created at zero when the ballot opens and updated in place.
    Spec {
        name: "ballot_tallies",
        cols: &[
            ("ballot_id", "bigpk"),
            ("nomination_id", "bigpk"),
            ("yes_count", "int"),
            ("no_count", "int"),
            ("abstain_count", "int"),
            ("eligible", "int"),
            ("passed", "bool?"),
            ("outcome", "text?"),
        ],
        fks: &[("ballot_id", "ballots"), ("nomination_id", "nominations")],
        uniques: &[],
        indexes: &[],
    },
    // Open (non-secret) ballots only: who voted what.
    Spec {
        name: "open_votes",
        cols: &[
            ("id", "id"),
            ("ballot_id", "big"),
            ("nomination_id", "big"),
            ("user_id", "big"),
            ("choice", "str20"),
        ],
        fks: &[
            ("ballot_id", "ballots"),
            ("nomination_id", "nominations"),
            ("user_id", "users"),
        ],
        uniques: &[("uq_open_votes", &["ballot_id", "nomination_id", "user_id"])],
        indexes: &[],
    },
    Spec {
        name: "award_decisions",
        cols: &[
            ("id", "id"),
            ("round_id", "big"),
            ("summary", "str600"),
            ("symbol", "str60"),
            ("issuer", "str300"),
            ("signer", "str200"),
            ("status", "str20"),
            ("document_id", "big?"),
            ("reference", "str100?"),
            ("signed_on", "date?"),
            ("total_vnd", "big"),
            ("created_at", "ts"),
            ("created_by", "str100"),
            ("approved_by", "str100?"),
            ("finalised_at", "ts?"),
            ("version", "int"),
        ],
        fks: &[("round_id", "award_rounds"), ("document_id", "documents")],
        uniques: &[],
        indexes: &[("idx_award_decisions_round", &["round_id"])],
    },
    Spec {
        name: "decision_lines",
        cols: &[
            ("id", "id"),
            ("decision_id", "big"),
            ("position", "int"),
            ("nomination_id", "big"),
            ("subject", "str20"),
            ("person_id", "big?"),
            ("unit_id", "big?"),
            ("name", "str300"),
            ("unit_name", "str300"),
            ("award", "str60"),
            ("year", "int"),
            ("amount_vnd", "big?"),
        ],
        fks: &[
            ("decision_id", "award_decisions"),
            ("nomination_id", "nominations"),
            ("person_id", "people"),
            ("unit_id", "units"),
        ],
        uniques: &[("uq_decision_lines_nomination", &["nomination_id"])],
        indexes: &[
            ("idx_decision_lines_decision", &["decision_id", "position"]),
            ("idx_decision_lines_person", &["person_id"]),
            ("idx_decision_lines_unit", &["unit_id"]),
        ],
    },
    Spec {
        name: "imported_achievements",
        cols: &[
            ("id", "id"),
            ("person_id", "big?"),
            ("unit_id", "big?"),
            ("year", "int"),
            ("award", "str60"),
            ("reference", "str100"),
            ("decided_on", "date?"),
            ("amount_vnd", "big?"),
            ("note", "text"),
            ("created_at", "ts"),
            ("created_by", "str100"),
        ],
        fks: &[("person_id", "people"), ("unit_id", "units")],
        uniques: &[],
        indexes: &[
            ("idx_imported_achievements_person", &["person_id", "year"]),
            ("idx_imported_achievements_unit", &["unit_id", "year"]),
        ],
    },
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        create_tables(m, TABLES).await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(m, TABLES).await?;
        Ok(())
    }
}
