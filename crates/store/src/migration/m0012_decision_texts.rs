//! The editable texts of an award decision (issue 7): its legal bases, Article 2's funding and
//! Article 3's executors, and the signer's title and authority beside the name already kept in
//! `signer`. Null on decisions drafted before: they print the defaults
//! (`commendation::default_decision_texts`) and read `signer` as before.

use super::{a, col};
use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0012_decision_texts"
    }
}

/// The columns added to `award_decisions`, one ALTER each (SQLite adds one column at a time).
const COLUMNS: &[(&str, &str)] = &[
    ("bases", "text?"),
    ("funding", "str500?"),
    ("executors", "str500?"),
    ("signer_title", "str100?"),
    ("signer_authority", "str100?"),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for (name, ty) in COLUMNS {
            m.alter_table(
                Table::alter()
                    .table(a("award_decisions"))
                    .add_column(col(name, ty))
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for (name, _) in COLUMNS.iter().rev() {
            m.alter_table(
                Table::alter()
                    .table(a("award_decisions"))
                    .drop_column(a(name))
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }
}
