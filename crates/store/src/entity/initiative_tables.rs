//! SeaORM entities of ideas and initiatives (migration `m0009_initiatives`), one module a table.
pub mod initiatives {
    use sea_orm::entity::prelude::*;
    use serde::{Deserialize, Serialize};

    /// An idea or initiative (sáng kiến) as it is now; `change_seq` and `deleted` keep every process's index current.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
    #[sea_orm(table_name = "initiatives")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub kind: String,
        pub title: String,
        pub unit_id: i64,
        pub field: String,
        pub year: i32,
        pub status: String,
        pub scope: Option<String>,
        pub before_text: String,
        pub solution: String,
        pub novelty: String,
        pub benefit: String,
        pub applied_where: String,
        pub applied_since: Option<Date>,
        pub benefit_vnd: i64,
        pub submitted_on: Option<Date>,
        pub created_at: DateTimeUtc,
        pub created_by: String,
        pub updated_at: DateTimeUtc,
        pub version: i32,
        /// The change sequence of the last write (see `Store::write_txn`). Derived: not exported.
        #[serde(skip, default)]
        pub change_seq: i64,
        pub deleted: bool,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod initiative_versions {
    use sea_orm::entity::prelude::*;
    use serde::{Deserialize, Serialize};

    /// A saved version of an initiative (phiên bản), its whole content as JSON.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
    #[sea_orm(table_name = "initiative_versions")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub initiative_id: i64,
        pub version: i32,
        pub saved_at: DateTimeUtc,
        pub saved_by: String,
        pub data: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod initiative_authors {
    use sea_orm::entity::prelude::*;
    use serde::{Deserialize, Serialize};

    /// An author (tác giả) of an initiative: a person of the directory or someone outside it by name, with their share in hundredths of a percent.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
    #[sea_orm(table_name = "initiative_authors")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub initiative_id: i64,
        pub position: i32,
        pub person_id: Option<i64>,
        pub name: Option<String>,
        pub share: i32,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod initiative_status_history {
    use sea_orm::entity::prelude::*;
    use serde::{Deserialize, Serialize};

    /// A move of an initiative from one status to another (lịch sử trạng thái).
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
    #[sea_orm(table_name = "initiative_status_history")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub initiative_id: i64,
        pub from_status: Option<String>,
        pub to_status: String,
        pub at: DateTimeUtc,
        pub by_name: String,
        pub note: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod councils {
    use sea_orm::entity::prelude::*;
    use serde::{Deserialize, Serialize};

    /// An initiative council (hội đồng sáng kiến) of a unit, recognising at one scope; its threshold as a fraction of all members.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
    #[sea_orm(table_name = "councils")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub name: String,
        pub unit_id: i64,
        pub scope: String,
        pub year: i32,
        pub threshold_num: i32,
        pub threshold_den: i32,
        pub created_at: DateTimeUtc,
        pub created_by: String,
        pub version: i32,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod council_members {
    use sea_orm::entity::prelude::*;
    use serde::{Deserialize, Serialize};

    /// A member of a council (thành viên hội đồng): an account that scores, maybe a person of the directory.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
    #[sea_orm(table_name = "council_members")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub council_id: i64,
        pub position: i32,
        pub user_id: Option<i64>,
        pub username: Option<String>,
        pub person_id: Option<i64>,
        pub name: String,
        pub role: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod scoring_rounds {
    use sea_orm::entity::prelude::*;
    use serde::{Deserialize, Serialize};

    /// A scoring round of a council (vòng chấm điểm), open or closed.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
    #[sea_orm(table_name = "scoring_rounds")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub council_id: i64,
        pub name: String,
        pub status: String,
        pub opened_at: DateTimeUtc,
        pub closed_at: Option<DateTimeUtc>,
        pub created_by: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod rubric_criteria {
    use sea_orm::entity::prelude::*;
    use serde::{Deserialize, Serialize};

    /// A criterion of a round's rubric (tiêu chí chấm điểm).
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
    #[sea_orm(table_name = "rubric_criteria")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub round_id: i64,
        pub position: i32,
        pub code: String,
        pub name: String,
        pub weight: i32,
        pub max_score: i32,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod round_initiatives {
    use sea_orm::entity::prelude::*;
    use serde::{Deserialize, Serialize};

    /// An initiative before a scoring round.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
    #[sea_orm(table_name = "round_initiatives")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub round_id: i64,
        #[sea_orm(primary_key, auto_increment = false)]
        pub initiative_id: i64,
        pub added_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod scores {
    use sea_orm::entity::prelude::*;
    use serde::{Deserialize, Serialize};

    /// One member's score sheet (phiếu chấm) for one initiative in one round: scores by criterion as JSON, the weighted total in hundredths, and whether the member agrees to recognise it.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
    #[sea_orm(table_name = "scores")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub round_id: i64,
        pub initiative_id: i64,
        pub member_id: i64,
        pub scores: String,
        pub total_hundredths: i32,
        pub agrees: bool,
        pub comment: String,
        pub submitted_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod recognitions {
    use sea_orm::entity::prelude::*;
    use serde::{Deserialize, Serialize};

    /// A council's decision on an initiative (quyết định công nhận): the scope and year, the votes, the mean score; the document comes from the register later.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
    #[sea_orm(table_name = "recognitions")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub initiative_id: i64,
        pub council_id: i64,
        pub round_id: Option<i64>,
        pub year: i32,
        pub scope: String,
        pub recognised: bool,
        pub members: i32,
        pub agreeing: i32,
        pub mean_hundredths: Option<i32>,
        pub decided_on: Date,
        pub document_id: Option<i64>,
        pub created_at: DateTimeUtc,
        pub created_by: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod replications {
    use sea_orm::entity::prelude::*;
    use serde::{Deserialize, Serialize};

    /// A unit that adopted (nhân rộng) an initiative, when, and with what result.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
    #[sea_orm(table_name = "replications")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub initiative_id: i64,
        pub unit_id: i64,
        pub adopted_on: Date,
        pub result: String,
        pub benefit_vnd: Option<i64>,
        pub created_at: DateTimeUtc,
        pub created_by: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
