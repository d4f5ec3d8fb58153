//! Movements and directives: the document register, attachments, movements with their phases, links
//! and legal basis, directives with tasks and recipients, reports, registrations, propaganda,
//! inspections and notifications. Written once for both engines.

use super::{a, col, create_tables, drop_tables, Spec};
use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0008_movements"
    }
}

const TABLES: &[Spec] = &[
    Spec {
        name: "documents",
        cols: &[
            ("id", "id"),
            ("direction", "str20"),
            ("kind", "str40"),
            ("reference", "str120?"),
            ("number", "int?"),
            ("symbol", "str80"),
            ("year", "int?"),
            ("issued_year", "int?"),
            ("issued_month", "int?"),
            ("issued_day", "int?"),
            ("issued_on", "date?"),
            ("summary", "text"),
            ("issuer", "str300"),
            ("signer", "str200"),
            ("status", "str20"),
            ("unit_id", "big?"),
            ("created_at", "ts"),
            ("created_by", "str100"),
            ("version", "int"),
        ],
        fks: &[("unit_id", "units")],
        uniques: &[(
            "uq_documents_number",
            &["direction", "symbol", "year", "number"],
        )],
        indexes: &[("idx_documents_issued", &["issued_on"])],
    },
    Spec {
        name: "document_basis",
        cols: &[
            ("document_id", "bigpk"),
            ("basis_id", "bigpk"),
            ("position", "int"),
        ],
        fks: &[("document_id", "documents"), ("basis_id", "documents")],
        uniques: &[],
        indexes: &[],
    },
    Spec {
        name: "attachments",
        cols: &[
            ("id", "id"),
            ("owner_kind", "str30"),
            ("owner_id", "big"),
            ("file_name", "str255"),
            ("content_type", "str120"),
            ("size", "big"),
            ("sha256", "str64"),
            ("created_at", "ts"),
            ("created_by", "str100"),
        ],
        fks: &[],
        uniques: &[],
        indexes: &[
            ("idx_attachments_owner", &["owner_kind", "owner_id"]),
            ("idx_attachments_sha", &["sha256"]),
        ],
    },
    Spec {
        name: "movements",
        cols: &[
            ("id", "id"),
            ("name", "str300"),
            ("start_year", "int"),
            ("end_year", "int"),
            ("kind", "str20"),
            ("status", "str20"),
            ("organisers", "text"),
            ("target_groups", "text"),
            ("description", "text"),
            ("guidance_document_id", "big?"),
            ("unit_id", "big?"),
            ("parent_id", "big?"),
            ("created_at", "ts"),
            ("created_by", "str100"),
            ("version", "int"),
        ],
        fks: &[
            ("guidance_document_id", "documents"),
            ("unit_id", "units"),
            ("parent_id", "movements"),
        ],
        uniques: &[],
        indexes: &[],
    },
    Spec {
        name: "movement_phases",
        cols: &[
            ("id", "id"),
            ("movement_id", "big"),
            ("year", "int"),
            ("title", "str300"),
            ("registration_due", "date?"),
        ],
        fks: &[("movement_id", "movements")],
        uniques: &[("uq_movement_phases_year", &["movement_id", "year"])],
        indexes: &[],
    },
    Spec {
        name: "movement_links",
        cols: &[("movement_id", "bigpk"), ("other_id", "bigpk")],
        fks: &[("movement_id", "movements"), ("other_id", "movements")],
        uniques: &[],
        indexes: &[],
    },
    Spec {
        name: "movement_basis",
        cols: &[("movement_id", "bigpk"), ("document_id", "bigpk")],
        fks: &[("movement_id", "movements"), ("document_id", "documents")],
        uniques: &[],
        indexes: &[],
    },
    Spec {
        name: "directives",
        cols: &[
            ("id", "id"),
            ("movement_id", "big"),
            ("year", "int"),
            ("document_id", "big?"),
            ("summary", "text"),
            ("preamble", "text"),
            ("closing", "text"),
            ("symbol", "str80"),
            ("signer", "str200"),
            ("status", "str20"),
            ("supersedes_id", "big?"),
            ("issued_on", "date?"),
            ("created_at", "ts"),
            ("created_by", "str100"),
            ("version", "int"),
        ],
        fks: &[
            ("movement_id", "movements"),
            ("document_id", "documents"),
            ("supersedes_id", "directives"),
        ],
        uniques: &[],
        indexes: &[("idx_directives_movement", &["movement_id"])],
    },
    Spec {
        name: "directive_tasks",
        cols: &[
            ("id", "id"),
            ("directive_id", "big"),
            ("position", "int"),
            ("title", "text"),
            ("body", "text"),
            ("report_what", "text"),
            ("due_on", "date?"),
        ],
        fks: &[("directive_id", "directives")],
        uniques: &[("uq_directive_tasks_position", &["directive_id", "position"])],
        indexes: &[],
    },
    Spec {
        name: "directive_groups",
        cols: &[("directive_id", "bigpk"), ("group_id", "bigpk")],
        fks: &[
            ("directive_id", "directives"),
            ("group_id", "recipient_groups"),
        ],
        uniques: &[],
        indexes: &[],
    },
    Spec {
        name: "directive_units",
        cols: &[
            ("directive_id", "bigpk"),
            ("unit_id", "bigpk"),
            ("read_at", "ts?"),
            ("read_by", "str100?"),
        ],
        fks: &[("directive_id", "directives"), ("unit_id", "units")],
        uniques: &[],
        indexes: &[("idx_directive_units_unit", &["unit_id"])],
    },
    Spec {
        name: "task_reports",
        cols: &[
            ("id", "id"),
            ("task_id", "big"),
            ("unit_id", "big"),
            ("events_held", "big?"),
            ("people_reached", "big?"),
            ("posts_published", "big?"),
            ("text", "text"),
            ("submitted_on", "date?"),
            ("submitted_at", "ts?"),
            ("updated_at", "ts"),
            ("updated_by", "str100"),
            ("version", "int"),
        ],
        fks: &[("task_id", "directive_tasks"), ("unit_id", "units")],
        uniques: &[("uq_task_reports_cell", &["task_id", "unit_id"])],
        indexes: &[("idx_task_reports_unit", &["unit_id"])],
    },
    Spec {
        name: "registrations",
        cols: &[
            ("id", "id"),
            ("movement_id", "big"),
            ("year", "int"),
            ("unit_id", "big"),
            ("commitments", "text"),
            ("target_title", "str80"),
            ("reopened", "bool"),
            ("submitted_at", "ts"),
            ("updated_by", "str100"),
            ("version", "int"),
        ],
        fks: &[("movement_id", "movements"), ("unit_id", "units")],
        uniques: &[("uq_registrations_unit", &["movement_id", "year", "unit_id"])],
        indexes: &[],
    },
    Spec {
        name: "registration_people",
        cols: &[
            ("registration_id", "bigpk"),
            ("person_id", "bigpk"),
            ("target_title", "str80"),
        ],
        fks: &[
            ("registration_id", "registrations"),
            ("person_id", "people"),
        ],
        uniques: &[],
        indexes: &[],
    },
    Spec {
        name: "posts",
        cols: &[
            ("id", "id"),
            ("unit_id", "big"),
            ("movement_id", "big?"),
            ("kind", "str20"),
            ("title", "str500"),
            ("body", "text"),
            ("occurred_on", "date"),
            ("participants", "big"),
            ("created_at", "ts"),
            ("created_by", "str100"),
        ],
        fks: &[("unit_id", "units"), ("movement_id", "movements")],
        uniques: &[],
        indexes: &[("idx_posts_unit", &["unit_id", "occurred_on"])],
    },
    Spec {
        name: "inspections",
        cols: &[
            ("id", "id"),
            ("unit_id", "big"),
            ("directive_id", "big?"),
            ("inspected_on", "date"),
            ("inspectors", "text"),
            ("findings", "text"),
            ("created_at", "ts"),
            ("created_by", "str100"),
        ],
        fks: &[("unit_id", "units"), ("directive_id", "directives")],
        uniques: &[],
        indexes: &[("idx_inspections_unit", &["unit_id"])],
    },
    Spec {
        name: "notifications",
        cols: &[
            ("id", "id"),
            ("unit_id", "big"),
            ("kind", "str40"),
            ("message", "text"),
            ("link", "str300"),
            ("day", "date"),
            ("created_at", "ts"),
            ("read_at", "ts?"),
            ("mailed_at", "ts?"),
        ],
        fks: &[("unit_id", "units")],
        uniques: &[(
            "uq_notifications_daily",
            &["unit_id", "kind", "link", "day"],
        )],
        indexes: &[],
    },
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        create_tables(m, TABLES).await?;
        // Reminders are mailed to the officers of a unit: an account may carry an e-mail address.
        m.alter_table(
            Table::alter()
                .table(a("users"))
                .add_column(col("email", "str200?"))
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(a("users"))
                .drop_column(a("email"))
                .to_owned(),
        )
        .await?;
        drop_tables(m, TABLES).await?;
        Ok(())
    }
}
