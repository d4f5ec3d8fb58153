//! The audit log becomes a hash chain: each entry carries a keyed hash (HMAC) of its content and of the
//! entry before it (`audit_chain.rs`). Entries written before this migration have no hash until the
//! first start with a key seals them. Indexes serve the administrator's filters by unit and by user.

use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0005_audit_chain"
    }
}

#[derive(DeriveIden)]
enum AuditLog {
    Table,
    Hash,
    UnitId,
    Actor,
    At,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(AuditLog::Table)
                .add_column(ColumnDef::new(AuditLog::Hash).text().null())
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_audit_unit_at")
                .table(AuditLog::Table)
                .col(AuditLog::UnitId)
                .col(AuditLog::At)
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_audit_actor_at")
                .table(AuditLog::Table)
                .col(AuditLog::Actor)
                .col(AuditLog::At)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for name in ["idx_audit_actor_at", "idx_audit_unit_at"] {
            m.drop_index(Index::drop().name(name).table(AuditLog::Table).to_owned())
                .await?;
        }
        m.alter_table(
            Table::alter()
                .table(AuditLog::Table)
                .drop_column(AuditLog::Hash)
                .to_owned(),
        )
        .await
    }
}
