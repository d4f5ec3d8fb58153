//! Ideas and initiatives (sáng kiến): the initiatives with every saved version, their authors and
//! status history, councils with members, scoring rounds with their rubric and the initiatives before
//! them, one score sheet per member per initiative per round, the recognition decisions and the
//! replications by other units. Written once for both engines.
//!
//! `initiatives.change_seq` is stamped by every write transaction that changes what the similarity
//! and search index keeps (text, status, scope, authors); `deleted` marks a draft that was thrown
//! away, so that other server processes see the removal (a deleted row is not "changed since").
//! A council member is an account, by id or by username (so that a council can be set up before
//! its members' accounts exist, as the sample does for the demo accounts).

use super::{create_tables, drop_tables, Spec};
use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0009_initiatives"
    }
}

const TABLES: &[Spec] = &[
    Spec {
        name: "initiatives",
        cols: &[
            ("id", "id"),
            ("kind", "str20"),
            ("title", "str600"),
            ("unit_id", "big"),
            ("field", "str40"),
            ("year", "int"),
            ("status", "str20"),
            ("scope", "str20?"),
            ("before_text", "text"),
            ("solution", "text"),
            ("novelty", "text"),
            ("benefit", "text"),
            ("applied_where", "text"),
            ("applied_since", "date?"),
            ("benefit_vnd", "big"),
            ("submitted_on", "date?"),
            ("created_at", "ts"),
            ("created_by", "str100"),
            ("updated_at", "ts"),
            ("version", "int"),
            ("change_seq", "big"),
            ("deleted", "bool"),
        ],
        fks: &[("unit_id", "units")],
        uniques: &[],
        indexes: &[
            ("idx_initiatives_change_seq", &["change_seq"]),
            ("idx_initiatives_unit", &["unit_id", "year"]),
        ],
    },
    Spec {
        name: "initiative_versions",
        cols: &[
            ("id", "id"),
            ("initiative_id", "big"),
            ("version", "int"),
            ("saved_at", "ts"),
            ("saved_by", "str100"),
            ("data", "text"),
        ],
        fks: &[("initiative_id", "initiatives")],
        uniques: &[("uq_initiative_versions", &["initiative_id", "version"])],
        indexes: &[],
    },
    Spec {
        name: "initiative_authors",
        cols: &[
            ("id", "id"),
            ("initiative_id", "big"),
            ("position", "int"),
            ("person_id", "big?"),
            ("name", "str200?"),
            ("share", "int"),
        ],
        fks: &[("initiative_id", "initiatives"), ("person_id", "people")],
        uniques: &[(
            "uq_initiative_authors_position",
            &["initiative_id", "position"],
        )],
        indexes: &[("idx_initiative_authors_person", &["person_id"])],
    },
    Spec {
        name: "initiative_status_history",
        cols: &[
            ("id", "id"),
            ("initiative_id", "big"),
            ("from_status", "str20?"),
            ("to_status", "str20"),
            ("at", "ts"),
            ("by_name", "str100"),
            ("note", "text"),
        ],
        fks: &[("initiative_id", "initiatives")],
        uniques: &[],
        indexes: &[("idx_initiative_status_history", &["initiative_id"])],
    },
    Spec {
        name: "councils",
        cols: &[
            ("id", "id"),
            ("name", "str300"),
            ("unit_id", "big"),
            ("scope", "str20"),
            ("year", "int"),
            ("threshold_num", "int"),
            ("threshold_den", "int"),
            ("created_at", "ts"),
            ("created_by", "str100"),
            ("version", "int"),
        ],
        fks: &[("unit_id", "units")],
        uniques: &[],
        indexes: &[],
    },
    Spec {
        name: "council_members",
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
            ("council_id", "councils"),
            ("user_id", "users"),
            ("person_id", "people"),
        ],
        uniques: &[("uq_council_members_user", &["council_id", "user_id"])],
        indexes: &[("idx_council_members_user", &["user_id"])],
    },
    Spec {
        name: "scoring_rounds",
        cols: &[
            ("id", "id"),
            ("council_id", "big"),
            ("name", "str300"),
            ("status", "str20"),
            ("opened_at", "ts"),
            ("closed_at", "ts?"),
            ("created_by", "str100"),
        ],
        fks: &[("council_id", "councils")],
        uniques: &[],
        indexes: &[("idx_scoring_rounds_council", &["council_id"])],
    },
    Spec {
        name: "rubric_criteria",
        cols: &[
            ("id", "id"),
            ("round_id", "big"),
            ("position", "int"),
            ("code", "str40"),
            ("name", "str200"),
            ("weight", "int"),
            ("max_score", "int"),
        ],
        fks: &[("round_id", "scoring_rounds")],
        uniques: &[("uq_rubric_criteria_code", &["round_id", "code"])],
        indexes: &[],
    },
    Spec {
        name: "round_initiatives",
        cols: &[
            ("round_id", "bigpk"),
            ("initiative_id", "bigpk"),
            ("added_at", "ts"),
        ],
        fks: &[
            ("round_id", "scoring_rounds"),
            ("initiative_id", "initiatives"),
        ],
        uniques: &[],
        indexes: &[("idx_round_initiatives_initiative", &["initiative_id"])],
    },
    Spec {
        name: "scores",
        cols: &[
            ("id", "id"),
            ("round_id", "big"),
            ("initiative_id", "big"),
            ("member_id", "big"),
            ("scores", "text"),
            ("total_hundredths", "int"),
            ("agrees", "bool"),
            ("comment", "text"),
            ("submitted_at", "ts"),
        ],
        fks: &[
            ("round_id", "scoring_rounds"),
            ("initiative_id", "initiatives"),
            ("member_id", "council_members"),
        ],
        uniques: &[(
            "uq_scores_sheet",
            &["round_id", "initiative_id", "member_id"],
        )],
        indexes: &[],
    },
    Spec {
        name: "recognitions",
        cols: &[
            ("id", "id"),
            ("initiative_id", "big"),
            ("council_id", "big"),
            ("round_id", "big?"),
            ("year", "int"),
            ("scope", "str20"),
            ("recognised", "bool"),
            ("members", "int"),
            ("agreeing", "int"),
            ("mean_hundredths", "int?"),
            ("decided_on", "date"),
            ("document_id", "big?"),
            ("created_at", "ts"),
            ("created_by", "str100"),
        ],
        fks: &[
            ("initiative_id", "initiatives"),
            ("council_id", "councils"),
            ("round_id", "scoring_rounds"),
            ("document_id", "documents"),
        ],
        uniques: &[("uq_recognitions_council", &["initiative_id", "council_id"])],
        indexes: &[("idx_recognitions_year", &["year"])],
    },
    Spec {
        name: "replications",
        cols: &[
            ("id", "id"),
            ("initiative_id", "big"),
            ("unit_id", "big"),
            ("adopted_on", "date"),
            ("result", "text"),
            ("benefit_vnd", "big?"),
            ("created_at", "ts"),
            ("created_by", "str100"),
        ],
        fks: &[("initiative_id", "initiatives"), ("unit_id", "units")],
        uniques: &[("uq_replications_unit", &["initiative_id", "unit_id"])],
        indexes: &[],
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
