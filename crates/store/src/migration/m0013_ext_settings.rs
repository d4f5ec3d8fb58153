//! The administrator's settings (issue 8: "size limits are configurable"): one row per key, its
//! value as text, who changed it and when. The first key is `import_max_mb`, the size limit of the
//! Excel imports; a key without a row keeps its default.

use super::{create_tables, drop_tables, Spec};
use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0013_ext_settings"
    }
}

const TABLES: &[Spec] = &[Spec {
    name: "settings",
    cols: &[
        ("id", "id"),
        ("key", "str100"),
        ("value", "str500"),
        ("updated_at", "ts"),
        ("updated_by", "str100"),
    ],
    fks: &[],
    uniques: &[("settings_key", &["key"])],
    indexes: &[],
}];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        create_tables(m, TABLES).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(m, TABLES).await
    }
}
