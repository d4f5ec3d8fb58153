//! Joint directives (kế hoạch liên tịch, issue 8): a directive may have a co-issuing unit (the
//! Labour Federation beside the People's Committee) and that body's signer with title and
//! authority. Null on every directive of one issuer, so nothing written before changes.

use super::{a, col};
use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0014_joint_directives"
    }
}

/// The columns added to `directives`, one ALTER each (SQLite adds one column at a time). The unit
/// is checked by the store when written (SQLite cannot add a foreign key to an existing table).
const COLUMNS: &[(&str, &str)] = &[
    ("co_issuer_unit_id", "big?"),
    ("co_signer", "str200?"),
    ("co_signer_title", "str100?"),
    ("co_signer_authority", "str100?"),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for (name, ty) in COLUMNS {
            m.alter_table(
                Table::alter()
                    .table(a("directives"))
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
                    .table(a("directives"))
                    .drop_column(a(name))
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }
}
