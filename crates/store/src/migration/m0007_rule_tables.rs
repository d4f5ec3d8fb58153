//! Versions of the eligibility engine's rule tables that an administrator added when the law changed
//! (the built-in version ships in the binary and is not stored).

use super::id_col;
use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0007_rule_tables"
    }
}

#[derive(DeriveIden)]
enum RuleTables {
    Table,
    Id,
    Version,
    Label,
    Body,
    CreatedAt,
    CreatedBy,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(RuleTables::Table)
                .col(id_col(RuleTables::Id))
                .col(
                    ColumnDef::new(RuleTables::Version)
                        .integer()
                        .not_null()
                        .unique_key(),
                )
                .col(ColumnDef::new(RuleTables::Label).string_len(500).not_null())
                .col(ColumnDef::new(RuleTables::Body).text().not_null())
                .col(
                    ColumnDef::new(RuleTables::CreatedAt)
                        .timestamp_with_time_zone()
                        .not_null(),
                )
                .col(
                    ColumnDef::new(RuleTables::CreatedBy)
                        .string_len(100)
                        .not_null(),
                )
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(RuleTables::Table).to_owned())
            .await
    }
}
