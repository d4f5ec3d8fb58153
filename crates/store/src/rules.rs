//! The rule tables of the eligibility engine: the version built into the binary, and the versions an
//! administrator adds in the database when the law changes. The newest version judges.

use crate::audit::{Actor, Change};
use crate::entity::rule_tables;
use crate::{Result, Store, StoreError};
use chrono::Utc;
use sea_orm::{ActiveModelTrait, EntityTrait, QueryOrder, QuerySelect, Set};
use serde::Serialize;
use std::sync::Arc;
use thidua_domain::rules::RuleTables;
use thidua_domain::validation::Invalid;

/// The tables last read, with their version (0: the built-in ones).
pub(crate) type RulesCache = Arc<std::sync::Mutex<Option<(i32, Arc<RuleTables>)>>>;

/// One version of the tables, without its body.
#[derive(Debug, Clone, Serialize)]
pub struct RuleTablesVersion {
    pub version: i64,
    pub label: String,
    /// `None` for the version built into the binary.
    pub created_at: Option<chrono::DateTime<Utc>>,
    pub created_by: Option<String>,
}

/// The highest version stored, if any.
async fn newest_version<C: sea_orm::ConnectionTrait>(conn: &C) -> Result<Option<i32>> {
    Ok(rule_tables::Entity::find()
        .select_only()
        .column(rule_tables::Column::Version)
        .order_by_desc(rule_tables::Column::Version)
        .limit(1)
        .into_tuple()
        .one(conn)
        .await?)
}

impl Store {
    /// The tables that judge now: the newest version in the database, or the built-in one.
    pub async fn rule_tables(&self) -> Result<Arc<RuleTables>> {
        // One cheap read says whether the cached version is still the newest.
        let newest = newest_version(&self.db).await?;
        let wanted = newest.unwrap_or(0);
        if let Ok(cache) = self.rules_cache.lock() {
            if let Some((v, t)) = cache.as_ref() {
                if *v == wanted {
                    return Ok(t.clone());
                }
            }
        }
        let tables = match newest {
            None => Arc::new(RuleTables::builtin().clone()),
            Some(_) => {
                let row = rule_tables::Entity::find()
                    .order_by_desc(rule_tables::Column::Version)
                    .one(&self.db)
                    .await?
                    .ok_or(StoreError::NotFound("bảng quy tắc"))?;
                Arc::new(RuleTables::from_json(&row.body).map_err(|e| {
                    StoreError::Other(format!(
                        "Bảng quy tắc phiên bản {} trong cơ sở dữ liệu không đọc được: {e}",
                        row.version
                    ))
                })?)
            }
        };
        if let Ok(mut cache) = self.rules_cache.lock() {
            *cache = Some((wanted, tables.clone()));
        }
        Ok(tables)
    }

    /// Adds a version of the tables (the whole tables, as JSON). It must read and validate, and its
    /// `version` must be above every version so far, the built-in one included.
    pub async fn add_rule_tables(&self, actor: &Actor, json: &str) -> Result<RuleTablesVersion> {
        let tables = RuleTables::from_json(json)
            .map_err(|e| StoreError::Invalid(Invalid::field("tables", format!("{e}"))))?;
        let txn = self.write_txn().await?;
        let newest = newest_version(&txn).await?;
        let floor = newest
            .map(|v| v as u32)
            .unwrap_or(0)
            .max(RuleTables::builtin().version);
        if tables.version <= floor {
            return Err(StoreError::Conflict {
                field: Some("version".into()),
                message: format!(
                    "Phiên bản bảng quy tắc phải lớn hơn {floor} (phiên bản mới nhất hiện có)"
                ),
            });
        }
        let row = rule_tables::ActiveModel {
            version: Set(tables.version as i32),
            label: Set(tables.label.chars().take(500).collect()),
            body: Set(tables.to_json_pretty()),
            created_at: Set(Utc::now()),
            created_by: Set(actor.name.clone()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        let info = RuleTablesVersion {
            version: row.version as i64,
            label: row.label.clone(),
            created_at: Some(row.created_at),
            created_by: Some(row.created_by.clone()),
        };
        self.record_audit(
            &txn,
            actor,
            Change::created("rule_tables", row.id, None, &info),
        )
        .await?;
        txn.commit().await?;
        Ok(info)
    }

    /// Every version, newest first, the built-in one last.
    pub async fn rule_tables_versions(&self) -> Result<Vec<RuleTablesVersion>> {
        let mut out: Vec<RuleTablesVersion> = rule_tables::Entity::find()
            .order_by_desc(rule_tables::Column::Version)
            .all(&self.db)
            .await?
            .into_iter()
            .map(|r| RuleTablesVersion {
                version: r.version as i64,
                label: r.label,
                created_at: Some(r.created_at),
                created_by: Some(r.created_by),
            })
            .collect();
        let builtin = RuleTables::builtin();
        out.push(RuleTablesVersion {
            version: builtin.version as i64,
            label: builtin.label.clone(),
            created_at: None,
            created_by: None,
        });
        Ok(out)
    }
}
