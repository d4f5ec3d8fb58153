use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A period a person worked in a unit.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "person_moves")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub person_id: i64,
    pub unit_id: i64,
    pub from_date: Option<Date>,
    pub to_date: Option<Date>,
    pub reason: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
