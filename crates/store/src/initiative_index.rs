//! The initiatives' similarity and search index of this process (`thidua_domain::similar`), kept
//! current from the database the way `search` keeps the people index: each use reads the change
//! sequence (one primary-key read); when it moved, the initiatives changed since
//! (`initiatives.change_seq`) are read and applied (`upsert`, or `remove` for a deleted one) before
//! the answer. Several server processes on one PostgreSQL therefore answer from committed data. The
//! first use builds the whole index (a few seconds on 50,000 initiatives in a release build), on a
//! blocking thread; [`Store::warm_initiative_index`] lets a server do it at start-up.

use crate::entity::{initiative_authors, initiatives};
use crate::{Result, Store};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use std::collections::HashMap;
use std::sync::RwLock;
use thidua_domain::initiative::{Field, Scope, Status};
use thidua_domain::similar::{DocMeta, IndexDoc, SimilarityIndex};

/// How many changed initiatives are read per statement.
const LOAD_SLICE: u64 = 2_000;

/// The index, the change sequence it reflects, and the lock that lets one task at a time bring it
/// up to date.
#[derive(Default)]
pub(crate) struct InitiativeIndex {
    state: RwLock<IndexState>,
    refresh: tokio::sync::Mutex<()>,
}

struct IndexState {
    /// The change sequence the index reflects; -1 before the first build.
    seq: i64,
    index: SimilarityIndex,
}

impl Default for IndexState {
    fn default() -> Self {
        IndexState {
            seq: -1,
            index: SimilarityIndex::new(),
        }
    }
}

/// What the index keeps of an initiative row: the document, or its removal.
enum Change {
    Upsert(IndexDoc),
    Remove(i64),
}

/// The document of an initiative row with its authors' person ids.
pub(crate) fn index_doc(row: initiatives::Model, authors: Vec<i64>) -> IndexDoc {
    IndexDoc {
        meta: DocMeta {
            id: row.id,
            year: row.year,
            unit_id: row.unit_id,
            field: Field::from_code(&row.field).unwrap_or(Field::Other),
            scope: row.scope.as_deref().and_then(Scope::from_code),
            status: Status::from_code(&row.status).unwrap_or(Status::Draft),
            authors,
        },
        title: row.title,
        sections: vec![row.before_text, row.solution, row.novelty, row.benefit],
    }
}

impl Store {
    /// Runs `f` on the index as of the database's latest committed change.
    pub(crate) async fn with_initiative_index<R>(
        &self,
        f: impl FnOnce(&SimilarityIndex) -> R,
    ) -> Result<R> {
        let seq = self.change_seq(&self.db).await?;
        let current = self.initiative_index_seq();
        if current < seq {
            self.refresh_initiative_index(seq).await?;
        }
        let state = self
            .initiative_index
            .state
            .read()
            .unwrap_or_else(|e| e.into_inner());
        Ok(f(&state.index))
    }

    /// Builds the index now (a server calls this in the background at start-up, so that the first
    /// search does not wait for it).
    pub async fn warm_initiative_index(&self) -> Result<usize> {
        self.with_initiative_index(|i| i.len()).await
    }

    fn initiative_index_seq(&self) -> i64 {
        self.initiative_index
            .state
            .read()
            .map(|s| s.seq)
            .unwrap_or(-1)
    }

    async fn refresh_initiative_index(&self, seen: i64) -> Result<()> {
        let _one_at_a_time = self.initiative_index.refresh.lock().await;
        let since = self.initiative_index_seq();
        if since >= seen {
            return Ok(());
        }
        // Read the sequence before the rows: a change committed meanwhile is read again next time
        // (applying it twice is harmless).
        let seq = self.change_seq(&self.db).await?;
        let mut changes = Vec::new();
        let mut after_id = 0i64;
        loop {
            let rows = initiatives::Entity::find()
                .filter(initiatives::Column::ChangeSeq.gt(since))
                .filter(initiatives::Column::Id.gt(after_id))
                .order_by_asc(initiatives::Column::Id)
                .limit(LOAD_SLICE)
                .all(&self.db)
                .await?;
            let n = rows.len() as u64;
            after_id = rows.last().map_or(after_id, |r| r.id);
            let live: Vec<i64> = rows.iter().filter(|r| !r.deleted).map(|r| r.id).collect();
            let mut authors: HashMap<i64, Vec<i64>> = HashMap::new();
            if !live.is_empty() {
                let list = initiative_authors::Entity::find()
                    .select_only()
                    .columns([
                        initiative_authors::Column::InitiativeId,
                        initiative_authors::Column::PersonId,
                    ])
                    .filter(initiative_authors::Column::InitiativeId.is_in(live))
                    .filter(initiative_authors::Column::PersonId.is_not_null())
                    .order_by_asc(initiative_authors::Column::InitiativeId)
                    .order_by_asc(initiative_authors::Column::Position)
                    .into_tuple::<(i64, Option<i64>)>()
                    .all(&self.db)
                    .await?;
                for (i, p) in list {
                    if let Some(p) = p {
                        authors.entry(i).or_default().push(p);
                    }
                }
            }
            for r in rows {
                if r.deleted {
                    changes.push(Change::Remove(r.id));
                } else {
                    let a = authors.remove(&r.id).unwrap_or_default();
                    changes.push(Change::Upsert(index_doc(r, a)));
                }
            }
            if n < LOAD_SLICE {
                break;
            }
        }
        if since < 0 {
            // The first build: off the async threads, then swapped in.
            let built = tokio::task::spawn_blocking(move || {
                SimilarityIndex::build(changes.into_iter().filter_map(|c| match c {
                    Change::Upsert(d) => Some(d),
                    Change::Remove(_) => None,
                }))
            })
            .await
            .map_err(|e| {
                crate::StoreError::Other(format!("Không dựng được chỉ mục sáng kiến: {e}"))
            })?;
            let mut state = self
                .initiative_index
                .state
                .write()
                .unwrap_or_else(|e| e.into_inner());
            state.index = built;
            state.seq = seq;
            return Ok(());
        }
        let mut state = self
            .initiative_index
            .state
            .write()
            .unwrap_or_else(|e| e.into_inner());
        for c in changes {
            match c {
                Change::Upsert(d) => state.index.upsert(d),
                Change::Remove(id) => {
                    state.index.remove(id);
                }
            }
        }
        state.seq = seq;
        Ok(())
    }
}
