//! The audit log: every change is written in the same transaction as the change itself, chained to the
//! entry before it with a keyed hash (`audit_chain`).

use crate::audit_chain::{self, AuditKey};
use crate::entity::audit_log;
use crate::{Result, Store};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, PaginatorTrait,
    QueryFilter, QueryOrder,
};
use serde::Serialize;

/// Who makes a change and from where.
#[derive(Debug, Clone)]
pub struct Actor {
    pub name: String,
    pub ip: Option<String>,
}

impl Actor {
    /// A command run on the server's own machine.
    pub fn system(command: &str) -> Actor {
        Actor {
            name: format!("system:{command}"),
            ip: None,
        }
    }

    /// A visitor of the web pages or the API.
    pub fn web(name: &str, ip: Option<String>) -> Actor {
        Actor {
            name: name.to_owned(),
            ip,
        }
    }
}

/// One change to record.
pub struct Change<'a> {
    pub action: &'a str,
    pub entity: &'a str,
    pub entity_id: Option<i64>,
    pub unit_id: Option<i64>,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
}

impl<'a> Change<'a> {
    /// A record was created.
    pub fn created<T: Serialize>(
        entity: &'a str,
        entity_id: i64,
        unit_id: Option<i64>,
        after: &T,
    ) -> Self {
        Change {
            action: "create",
            entity,
            entity_id: Some(entity_id),
            unit_id,
            before: None,
            after: snapshot(after),
        }
    }

    /// A record was changed from `before` to `after`.
    pub fn updated<B: Serialize, A: Serialize>(
        entity: &'a str,
        entity_id: i64,
        unit_id: Option<i64>,
        before: &B,
        after: &A,
    ) -> Self {
        Change {
            action: "update",
            entity,
            entity_id: Some(entity_id),
            unit_id,
            before: snapshot(before),
            after: snapshot(after),
        }
    }
}

/// The JSON form of a record for the audit log.
pub fn snapshot<T: Serialize>(value: &T) -> Option<serde_json::Value> {
    serde_json::to_value(value).ok()
}

/// Writes one audit entry on `conn`, which must be the change's own write transaction
/// ([`Store::write_txn`]): the entry takes the next id and chains to the last entry
/// (`audit_chain`), which only holds while writers are serialised by the write lock. Returns the
/// entry's id. Code inside a `Store` method calls [`Store::record_audit`], which supplies the key.
pub async fn record<C: ConnectionTrait>(
    conn: &C,
    key: &AuditKey,
    actor: &Actor,
    change: Change<'_>,
) -> Result<i64> {
    let (id, prev) = audit_chain::next_link(conn).await?;
    let mut entry = audit_log::Model {
        id,
        at: audit_chain::entry_time(),
        actor: actor.name.clone(),
        ip: actor.ip.clone(),
        action: change.action.to_owned(),
        entity: change.entity.to_owned(),
        entity_id: change.entity_id,
        unit_id: change.unit_id,
        before: change.before.map(|v| v.to_string()),
        after: change.after.map(|v| v.to_string()),
        hash: None,
    };
    entry.hash = Some(audit_chain::entry_hash(key, &prev, &entry));
    // Explicit ids: PostgreSQL's sequence for audit_log is not used (nothing inserts without an id).
    audit_log::Entity::insert(entry.into_active_model().reset_all())
        .exec_without_returning(conn)
        .await?;
    Ok(id)
}

impl Store {
    /// Writes one audit entry in `txn`, the change's own write transaction, signed with the store's
    /// key (fails with a clear message when the store has none). Returns the entry's id.
    pub async fn record_audit<C: ConnectionTrait>(
        &self,
        txn: &C,
        actor: &Actor,
        change: Change<'_>,
    ) -> Result<i64> {
        let key = self.audit_key()?;
        record(txn, &key, actor, change).await
    }
}

/// Filters of the audit list.
#[derive(Debug, Clone, Default)]
pub struct AuditQuery {
    pub entity: Option<String>,
    pub entity_id: Option<i64>,
    pub actor: Option<String>,
    /// Entries about this unit (the unit itself, or a record of it).
    pub unit_id: Option<i64>,
    /// Entries at or after this time.
    pub from: Option<DateTime<Utc>>,
    /// Entries before this time.
    pub until: Option<DateTime<Utc>>,
    pub page: u64,
    pub per_page: u64,
}

impl Store {
    /// Audit entries, newest first.
    pub async fn audit_list(&self, q: &AuditQuery) -> Result<crate::Page<audit_log::Model>> {
        let mut sel = audit_log::Entity::find();
        if let Some(e) = &q.entity {
            sel = sel.filter(audit_log::Column::Entity.eq(e.clone()));
        }
        if let Some(id) = q.entity_id {
            sel = sel.filter(audit_log::Column::EntityId.eq(id));
        }
        if let Some(a) = &q.actor {
            sel = sel.filter(audit_log::Column::Actor.eq(a.clone()));
        }
        if let Some(u) = q.unit_id {
            sel = sel.filter(audit_log::Column::UnitId.eq(u));
        }
        if let Some(t) = q.from {
            sel = sel.filter(audit_log::Column::At.gte(t));
        }
        if let Some(t) = q.until {
            sel = sel.filter(audit_log::Column::At.lt(t));
        }
        let total = sel.clone().count(&self.db).await?;
        let per_page = q.per_page.clamp(1, 500);
        let items = sel
            .order_by_desc(audit_log::Column::Id)
            .paginate(&self.db, per_page)
            .fetch_page(q.page.saturating_sub(1))
            .await?;
        Ok(crate::Page { items, total })
    }
}

impl Store {
    /// True when the sample data was loaded into this database (pages then say "Dữ liệu mẫu").
    pub async fn holds_sample(&self) -> Result<bool> {
        Ok(audit_log::Entity::find()
            .filter(audit_log::Column::Action.eq("load_sample"))
            .count(&self.db)
            .await?
            > 0)
    }
}
