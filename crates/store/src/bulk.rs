//! Bulk writes for sample data and imports: multi-row INSERTs in batches that stay under SQLite's limit
//! of bound parameters, and the PostgreSQL sequences set past explicit ids afterwards.

use crate::{Engine, Result, Store};
use sea_orm::sea_query::{Alias, InsertStatement, Query, SimpleExpr};
use sea_orm::ConnectionTrait;

/// Collects rows of one table and writes them a batch at a time.
pub(crate) struct BulkInsert {
    table: &'static str,
    columns: &'static [&'static str],
    rows: Vec<Vec<SimpleExpr>>,
    batch: usize,
}

impl BulkInsert {
    pub fn new(table: &'static str, columns: &'static [&'static str]) -> Self {
        let batch = (30_000 / columns.len()).min(2_000);
        BulkInsert {
            table,
            columns,
            rows: Vec::with_capacity(batch),
            batch,
        }
    }

    /// Adds a row. Nothing is written until [`BulkInsert::flush`], so that the caller decides the
    /// order in which tables reach the database (parents before the rows that refer to them).
    pub fn push(&mut self, row: Vec<SimpleExpr>) {
        debug_assert_eq!(row.len(), self.columns.len());
        self.rows.push(row);
    }

    /// How many rows wait to be written.
    pub fn pending(&self) -> usize {
        self.rows.len()
    }

    /// Writes every waiting row, in statements of at most one batch each.
    pub async fn flush<C: ConnectionTrait>(&mut self, conn: &C) -> Result<()> {
        let backend = conn.get_database_backend();
        while !self.rows.is_empty() {
            let take = self.rows.len().min(self.batch);
            let mut stmt: InsertStatement = Query::insert();
            stmt.into_table(Alias::new(self.table))
                .columns(self.columns.iter().map(|c| Alias::new(*c)));
            for row in self.rows.drain(..take) {
                stmt.values_panic(row);
            }
            conn.execute(backend.build(&stmt)).await?;
        }
        Ok(())
    }
}

impl Store {
    /// After rows were written with explicit ids, moves PostgreSQL's sequences past them.
    pub(crate) async fn reset_sequences<C: ConnectionTrait>(
        &self,
        conn: &C,
        tables: &[&str],
    ) -> Result<()> {
        if self.engine != Engine::Postgres {
            return Ok(());
        }
        for t in tables {
            conn.execute_unprepared(&format!(
                "SELECT setval(pg_get_serial_sequence('{t}', 'id'), GREATEST(COALESCE(MAX(id), 0), 1), COALESCE(MAX(id), 0) > 0) FROM {t}"
            ))
            .await?;
        }
        Ok(())
    }
}
