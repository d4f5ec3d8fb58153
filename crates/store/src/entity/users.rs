use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// An account. The password is kept only as an Argon2id hash.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "users")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub username: String,
    pub display_name: String,
    /// Never in JSON answers or audit entries; the archive adds it itself (see `archive`).
    #[serde(skip_serializing, default)]
    pub password_hash: String,
    pub unit_id: Option<i64>,
    pub person_id: Option<i64>,
    pub locked: bool,
    pub email: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
