//! Exemplary models (điển hình tiên tiến, nhân tố mới) with their linked initiatives and
//! achievements and the units that learned from them (nhân rộng); and what the office published on
//! the public honour board (Bảng vàng): final award decisions and recognised initiatives, each by an
//! explicit act recorded in its own table. Written once for both engines.

use super::{create_tables, drop_tables, Spec};
use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0011_exemplary"
    }
}

const TABLES: &[Spec] = &[
    Spec {
        name: "exemplary_models",
        cols: &[
            ("id", "id"),
            ("kind", "str30"),
            ("subject", "str20"),
            ("unit_id", "big"),
            ("person_id", "big?"),
            ("title", "str300"),
            ("story", "text"),
            ("year", "int"),
            ("status", "str20"),
            ("created_at", "ts"),
            ("created_by", "str100"),
            ("updated_at", "ts"),
            ("published_at", "ts?"),
            ("published_by", "str100?"),
            ("version", "int"),
        ],
        fks: &[("unit_id", "units"), ("person_id", "people")],
        uniques: &[],
        indexes: &[
            ("idx_exemplary_models_status", &["status", "year"]),
            ("idx_exemplary_models_unit", &["unit_id"]),
        ],
    },
    Spec {
        name: "model_initiatives",
        cols: &[("id", "id"), ("model_id", "big"), ("initiative_id", "big")],
        fks: &[
            ("model_id", "exemplary_models"),
            ("initiative_id", "initiatives"),
        ],
        uniques: &[("uq_model_initiatives", &["model_id", "initiative_id"])],
        indexes: &[],
    },
    Spec {
        name: "model_achievements",
        cols: &[
            ("id", "id"),
            ("model_id", "big"),
            ("decision_line_id", "big"),
        ],
        fks: &[
            ("model_id", "exemplary_models"),
            ("decision_line_id", "decision_lines"),
        ],
        uniques: &[("uq_model_achievements", &["model_id", "decision_line_id"])],
        indexes: &[],
    },
    Spec {
        name: "model_replications",
        cols: &[
            ("id", "id"),
            ("model_id", "big"),
            ("unit_id", "big"),
            ("learned_on", "date"),
            ("applied", "text"),
            ("created_at", "ts"),
            ("created_by", "str100"),
        ],
        fks: &[("model_id", "exemplary_models"), ("unit_id", "units")],
        uniques: &[(
            "uq_model_replications",
            &["model_id", "unit_id", "learned_on"],
        )],
        indexes: &[],
    },
    // Publishing on the public board is an explicit act: a row here, never a state guessed from others.
    Spec {
        name: "decision_publications",
        cols: &[
            ("id", "id"),
            ("decision_id", "big"),
            ("published_at", "ts"),
            ("published_by", "str100"),
        ],
        fks: &[("decision_id", "award_decisions")],
        uniques: &[("uq_decision_publications", &["decision_id"])],
        indexes: &[],
    },
    Spec {
        name: "initiative_publications",
        cols: &[
            ("id", "id"),
            ("initiative_id", "big"),
            ("published_at", "ts"),
            ("published_by", "str100"),
        ],
        fks: &[("initiative_id", "initiatives")],
        uniques: &[("uq_initiative_publications", &["initiative_id"])],
        indexes: &[],
    },
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        create_tables(m, TABLES).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(m, TABLES).await
    }
}
