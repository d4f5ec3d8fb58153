use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// What happened to a unit on a date: established, renamed, merged into another, split, dissolved.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "unit_events")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub unit_id: i64,
    pub kind: String,
    pub occurred_on: Date,
    pub other_unit_id: Option<i64>,
    pub note: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
