use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A server-side session of the pages (`kind` "web") or an API token (`kind` "api"). Only the SHA-256
/// of the secret is kept.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "sessions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[serde(skip_serializing)]
    pub token_hash: String,
    pub user_id: i64,
    pub kind: String,
    pub label: String,
    #[serde(skip_serializing)]
    pub csrf: String,
    pub created_at: DateTimeUtc,
    pub expires_at: DateTimeUtc,
    pub ip: Option<String>,
    pub user_agent: Option<String>,
    pub revoked_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
