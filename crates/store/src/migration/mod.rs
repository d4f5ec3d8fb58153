//! One migration set for SQLite and PostgreSQL, written once with sea-query.

use sea_orm_migration::prelude::*;

mod m0001_directory;
mod m0002_audit;
mod m0003_token_probe;
mod m0004_change_seq;
mod m0005_audit_chain;
mod m0006_accounts;
mod m0007_rule_tables;
mod m0008_movements;
mod m0009_initiatives;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m0001_directory::Migration),
            Box::new(m0002_audit::Migration),
            Box::new(m0003_token_probe::Migration),
            Box::new(m0004_change_seq::Migration),
            Box::new(m0005_audit_chain::Migration),
            Box::new(m0006_accounts::Migration),
            Box::new(m0007_rule_tables::Migration),
            Box::new(m0008_movements::Migration),
            Box::new(m0009_initiatives::Migration),
        ]
    }
}

/// An integer primary key that the engine assigns (INTEGER PRIMARY KEY on SQLite, BIGSERIAL-like on
/// PostgreSQL).
pub(crate) fn id_col(name: impl IntoIden) -> ColumnDef {
    ColumnDef::new(name)
        .big_integer()
        .not_null()
        .auto_increment()
        .primary_key()
        .to_owned()
}
