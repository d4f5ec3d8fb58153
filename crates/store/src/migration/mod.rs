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
mod m0010_commendation;
mod m0011_exemplary;
mod m0012_decision_texts;
mod m0013_ext_settings;
mod m0014_joint_directives;

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
            Box::new(m0010_commendation::Migration),
            Box::new(m0011_exemplary::Migration),
            Box::new(m0012_decision_texts::Migration),
            Box::new(m0013_ext_settings::Migration),
            Box::new(m0014_joint_directives::Migration),
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

/// A name as sea-query wants it.
pub(crate) fn a(name: &str) -> Alias {
    Alias::new(name)
}

/// A column from its short type: `id`, `big`, `bigpk` (part of a composite primary key), `int`,
/// `strN`, `text`, `date`, `ts`, `bool`; a trailing `?` makes it nullable.
pub(crate) fn col(name: &str, ty: &str) -> ColumnDef {
    let (ty, null) = match ty.strip_suffix('?') {
        Some(t) => (t, true),
        None => (ty, false),
    };
    if ty == "id" {
        return id_col(a(name));
    }
    let mut c = ColumnDef::new(a(name));
    match ty {
        "big" | "bigpk" => c.big_integer(),
        "int" => c.integer(),
        "text" => c.text(),
        "date" => c.date(),
        "ts" => c.timestamp_with_time_zone(),
        "bool" => c.boolean(),
        s => c.string_len(s.trim_start_matches("str").parse().unwrap_or(255)),
    };
    if null {
        c.null();
    } else {
        c.not_null();
    }
    c.to_owned()
}

pub(crate) type Cols = &'static [&'static str];

/// One table of a migration written as data: its columns (see [`col`]), foreign keys to `id`
/// columns, unique and plain indexes. Later migrations (m0008 on) declare their tables this way, so
/// that the one loop below writes them for both engines.
pub(crate) struct Spec {
    pub name: &'static str,
    pub cols: &'static [(&'static str, &'static str)],
    pub fks: &'static [(&'static str, &'static str)],
    pub uniques: &'static [(&'static str, Cols)],
    pub indexes: &'static [(&'static str, Cols)],
}

/// Creates the tables of `specs` in order, with their keys and indexes.
pub(crate) async fn create_tables(m: &SchemaManager<'_>, specs: &[Spec]) -> Result<(), DbErr> {
    for t in specs {
        let mut create = Table::create();
        create.table(a(t.name));
        let mut pk = Index::create();
        let mut composite = false;
        for (name, ty) in t.cols {
            create.col(col(name, ty));
            if ty.starts_with("bigpk") {
                pk.col(a(name));
                composite = true;
            }
        }
        if composite {
            create.primary_key(&mut pk);
        }
        for (from, to) in t.fks {
            create.foreign_key(
                ForeignKey::create()
                    .from(a(t.name), a(from))
                    .to(a(to), a("id")),
            );
        }
        m.create_table(create.to_owned()).await?;
        for (name, cols, unique) in t
            .uniques
            .iter()
            .map(|(n, c)| (n, c, true))
            .chain(t.indexes.iter().map(|(n, c)| (n, c, false)))
        {
            let mut i = Index::create();
            i.name(*name).table(a(t.name));
            if unique {
                i.unique();
            }
            for c in *cols {
                i.col(a(c));
            }
            m.create_index(i.to_owned()).await?;
        }
    }
    Ok(())
}

/// Drops the tables of `specs`, last first.
pub(crate) async fn drop_tables(m: &SchemaManager<'_>, specs: &[Spec]) -> Result<(), DbErr> {
    for t in specs.iter().rev() {
        m.drop_table(Table::drop().table(a(t.name)).to_owned())
            .await?;
    }
    Ok(())
}
