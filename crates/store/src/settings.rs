//! The administrator's settings (`settings`, m0013): a value per key, read where it is used and
//! changed on `/quan-tri/cai-dat`, every change audited. A key without a row keeps its default,
//! so a new database and one upgraded from before m0013 behave the same.

use crate::audit::Change;
use crate::entity::settings;
use crate::{Actor, Result, Store};
use chrono::Utc;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter, Set};

/// The size limit of the Excel imports (people, ratings), in MB; see
/// `thidua_domain::attachment::import_max_mb`.
pub const IMPORT_MAX_MB: &str = "import_max_mb";

impl Store {
    /// A setting's row, if the administrator set it.
    pub async fn setting(&self, key: &str) -> Result<Option<settings::Model>> {
        Ok(settings::Entity::find()
            .filter(settings::Column::Key.eq(key))
            .one(&self.db)
            .await?)
    }

    /// The import size limit the administrator set, in MB (`None`: not set, the default holds).
    pub async fn import_max_mb(&self) -> Result<Option<u64>> {
        Ok(self
            .setting(IMPORT_MAX_MB)
            .await?
            .and_then(|s| s.value.parse::<u64>().ok()))
    }

    /// Sets the import size limit (checked by `thidua_domain::attachment::import_max_mb`), audited
    /// as a change of the setting with its value before and after.
    pub async fn set_import_max_mb(&self, actor: &Actor, mb: u64) -> Result<settings::Model> {
        self.set_setting(actor, IMPORT_MAX_MB, &mb.to_string())
            .await
    }

    async fn set_setting(&self, actor: &Actor, key: &str, value: &str) -> Result<settings::Model> {
        let txn = self.write_txn().await?;
        let before = settings::Entity::find()
            .filter(settings::Column::Key.eq(key))
            .one(&txn)
            .await?;
        let now = Utc::now();
        let (after, change) = match before {
            Some(before) => {
                let mut am = before.clone().into_active_model();
                am.value = Set(value.to_owned());
                am.updated_at = Set(now);
                am.updated_by = Set(actor.name.clone());
                let after = am.update(&txn).await?;
                let change = Change::updated("setting", after.id, None, &before, &after);
                (after.clone(), change)
            }
            None => {
                let after = settings::ActiveModel {
                    key: Set(key.to_owned()),
                    value: Set(value.to_owned()),
                    updated_at: Set(now),
                    updated_by: Set(actor.name.clone()),
                    ..Default::default()
                }
                .insert(&txn)
                .await?;
                let change = Change::created("setting", after.id, None, &after);
                (after.clone(), change)
            }
        };
        self.record_audit(&txn, actor, change).await?;
        txn.commit().await?;
        Ok(after)
    }
}
