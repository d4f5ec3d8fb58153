use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A unit (đơn vị): an office, a ward, a mass organisation…
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "units")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub code: String,
    pub name: String,
    pub kind: String,
    pub parent_id: Option<i64>,
    pub active: bool,
    pub dissolved_on: Option<Date>,
    pub successor_id: Option<i64>,
    #[serde(skip)]
    pub search_key: String,
    #[serde(skip)]
    pub sort_key: Vec<u8>,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
