use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A person: cán bộ, công chức, viên chức or người lao động of a unit.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "people")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub full_name: String,
    pub gender: Option<String>,
    pub birth_date: Option<Date>,
    pub unit_id: i64,
    pub position: String,
    pub category: String,
    pub staff_level: String,
    pub union_member: bool,
    #[serde(skip)]
    pub search_key: String,
    #[serde(skip)]
    pub sort_key: Vec<u8>,
    pub version: i32,
    /// The change sequence of the last write to this person (see `Store::write_txn`). Derived: not
    /// exported.
    #[serde(skip)]
    pub change_seq: i64,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
