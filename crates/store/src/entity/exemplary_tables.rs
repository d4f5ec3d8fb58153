//! SeaORM entities of exemplary models and the public board's publications (migration
//! `m0011_exemplary`), one module a table.

pub mod exemplary_models {
    use sea_orm::entity::prelude::*;
    use serde::{Deserialize, Serialize};

    /// A profile of a collective or a person to follow (điển hình tiên tiến, nhân tố mới); a draft until the office publishes it.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
    #[sea_orm(table_name = "exemplary_models")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub kind: String,
        pub subject: String,
        pub unit_id: i64,
        pub person_id: Option<i64>,
        pub title: String,
        pub story: String,
        pub year: i32,
        pub status: String,
        pub created_at: DateTimeUtc,
        pub created_by: String,
        pub updated_at: DateTimeUtc,
        pub published_at: Option<DateTimeUtc>,
        pub published_by: Option<String>,
        pub version: i32,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod model_initiatives {
    use sea_orm::entity::prelude::*;
    use serde::{Deserialize, Serialize};

    /// An initiative linked to a profile.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
    #[sea_orm(table_name = "model_initiatives")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub model_id: i64,
        pub initiative_id: i64,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod model_achievements {
    use sea_orm::entity::prelude::*;
    use serde::{Deserialize, Serialize};

    /// A line of a final award decision linked to a profile (an achievement).
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
    #[sea_orm(table_name = "model_achievements")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub model_id: i64,
        pub decision_line_id: i64,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod model_replications {
    use sea_orm::entity::prelude::*;
    use serde::{Deserialize, Serialize};

    /// A unit that learned from a model (đơn vị học tập, nhân rộng), when, and what it applied.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
    #[sea_orm(table_name = "model_replications")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub model_id: i64,
        pub unit_id: i64,
        pub learned_on: Date,
        pub applied: String,
        pub created_at: DateTimeUtc,
        pub created_by: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod decision_publications {
    use sea_orm::entity::prelude::*;
    use serde::{Deserialize, Serialize};

    /// A final award decision published on the public board, by whom and when.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
    #[sea_orm(table_name = "decision_publications")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub decision_id: i64,
        pub published_at: DateTimeUtc,
        pub published_by: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod initiative_publications {
    use sea_orm::entity::prelude::*;
    use serde::{Deserialize, Serialize};

    /// A recognised initiative published on the public board, by whom and when.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
    #[sea_orm(table_name = "initiative_publications")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub initiative_id: i64,
        pub published_at: DateTimeUtc,
        pub published_by: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
