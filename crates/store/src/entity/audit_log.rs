use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// One change: who, when, from where, what, before and after.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "audit_log")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub at: DateTimeUtc,
    pub actor: String,
    pub ip: Option<String>,
    pub action: String,
    pub entity: String,
    pub entity_id: Option<i64>,
    pub unit_id: Option<i64>,
    pub before: Option<String>,
    pub after: Option<String>,
    /// The keyed hash that chains this entry to the one before it (`audit_chain`); empty only for
    /// entries written before the chain existed and not yet sealed.
    pub hash: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
