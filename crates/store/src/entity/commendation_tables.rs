//! SeaORM entities of commendation (migration `m0010_commendation`), one module a table.
pub mod unit_ratings {
    use sea_orm::entity::prelude::*;
    use serde::{Deserialize, Serialize};

    /// A unit's own yearly rating (xếp loại tập thể).
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
    #[sea_orm(table_name = "unit_ratings")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub unit_id: i64,
        pub year: i32,
        pub rating: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod rating_locks {
    use sea_orm::entity::prelude::*;
    use serde::{Deserialize, Serialize};

    /// A year whose ratings the city office has locked (khoá xếp loại).
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
    #[sea_orm(table_name = "rating_locks")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub year: i32,
        pub locked_at: DateTimeUtc,
        pub locked_by: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod award_rounds {
    use sea_orm::entity::prelude::*;
    use serde::{Deserialize, Serialize};

    /// A round of nominations (đợt xét khen thưởng): yearly, per movement or ad hoc.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
    #[sea_orm(table_name = "award_rounds")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub name: String,
        pub kind: String,
        pub year: i32,
        pub movement_id: Option<i64>,
        pub document_id: Option<i64>,
        pub deadline: Date,
        pub status: String,
        pub created_at: DateTimeUtc,
        pub created_by: String,
        pub version: i32,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod round_awards {
    use sea_orm::entity::prelude::*;
    use serde::{Deserialize, Serialize};

    /// A title or form a round considers.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
    #[sea_orm(table_name = "round_awards")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub round_id: i64,
        pub position: i32,
        pub award: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod round_quotas {
    use sea_orm::entity::prelude::*;
    use serde::{Deserialize, Serialize};

    /// A unit's quota (chỉ tiêu) for one award in a round.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
    #[sea_orm(table_name = "round_quotas")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub round_id: i64,
        pub unit_id: i64,
        pub award: String,
        pub max_count: i32,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod nominations {
    use sea_orm::entity::prelude::*;
    use serde::{Deserialize, Serialize};

    /// A nomination (đề nghị khen thưởng) of a person or a collective by a unit, with the rules engine's pre-check verdict (JSON).
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
    #[sea_orm(table_name = "nominations")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub round_id: i64,
        pub unit_id: i64,
        pub subject: String,
        pub person_id: Option<i64>,
        pub subject_unit_id: Option<i64>,
        pub award: String,
        pub summary: String,
        pub status: String,
        pub precheck_eligible: Option<bool>,
        pub precheck: Option<String>,
        pub comment: String,
        pub created_at: DateTimeUtc,
        pub created_by: String,
        pub updated_at: DateTimeUtc,
        pub version: i32,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod nomination_history {
    use sea_orm::entity::prelude::*;
    use serde::{Deserialize, Serialize};

    /// A step of a nomination's life (lịch sử xử lý).
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
    #[sea_orm(table_name = "nomination_history")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub nomination_id: i64,
        pub from_status: Option<String>,
        pub to_status: String,
        pub at: DateTimeUtc,
        pub by_name: String,
        pub comment: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod award_councils {
    use sea_orm::entity::prelude::*;
    use serde::{Deserialize, Serialize};

    /// A commendation council (Hội đồng Thi đua – Khen thưởng).
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
    #[sea_orm(table_name = "award_councils")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub name: String,
        pub unit_id: i64,
        pub created_at: DateTimeUtc,
        pub created_by: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod award_council_members {
    use sea_orm::entity::prelude::*;
    use serde::{Deserialize, Serialize};

    /// A member of a commendation council: an account by id or by name, and the person they are (for recusal).
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
    #[sea_orm(table_name = "award_council_members")]
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

pub mod award_council_rules {
    use sea_orm::entity::prelude::*;
    use serde::{Deserialize, Serialize};

    /// A council's quorum, threshold and ballot kind for one title or form.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
    #[sea_orm(table_name = "award_council_rules")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub council_id: i64,
        pub award: String,
        pub quorum_num: i32,
        pub quorum_den: i32,
        pub approval_num: i32,
        pub approval_den: i32,
        pub base: String,
        pub secret: bool,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod council_meetings {
    use sea_orm::entity::prelude::*;
    use serde::{Deserialize, Serialize};

    /// A meeting (phiên họp) of a council on a round.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
    #[sea_orm(table_name = "council_meetings")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub council_id: i64,
        pub round_id: i64,
        pub held_on: Date,
        pub place: String,
        pub status: String,
        pub created_at: DateTimeUtc,
        pub created_by: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod meeting_items {
    use sea_orm::entity::prelude::*;
    use serde::{Deserialize, Serialize};

    /// An accepted nomination on a meeting's agenda.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
    #[sea_orm(table_name = "meeting_items")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub meeting_id: i64,
        pub position: i32,
        pub nomination_id: i64,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod meeting_recusals {
    use sea_orm::entity::prelude::*;
    use serde::{Deserialize, Serialize};

    /// A member who does not vote on an item (a nominee, or by declaration).
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
    #[sea_orm(table_name = "meeting_recusals")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub meeting_id: i64,
        pub member_id: i64,
        pub nomination_id: i64,
        pub reason: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod ballots {
    use sea_orm::entity::prelude::*;
    use serde::{Deserialize, Serialize};

    /// A ballot (lượt bỏ phiếu) of a meeting on its agenda, secret or open.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
    #[sea_orm(table_name = "ballots")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub meeting_id: i64,
        pub secret: bool,
        pub status: String,
        pub opened_at: DateTimeUtc,
        pub closed_at: Option<DateTimeUtc>,
        pub opened_by: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod ballot_voters {
    use sea_orm::entity::prelude::*;
    use serde::{Deserialize, Serialize};

    /// Who has voted in a ballot. Nothing else: no id, no time, nothing of the vote.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
    #[sea_orm(table_name = "ballot_voters")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub ballot_id: i64,
        #[sea_orm(primary_key, auto_increment = false)]
        pub user_id: i64,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod ballot_tallies {
    use sea_orm::entity::prelude::*;
    use serde::{Deserialize, Serialize};

    /// The counters of one item of a ballot, updated in place; the outcome once closed.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
    #[sea_orm(table_name = "ballot_tallies")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub ballot_id: i64,
        #[sea_orm(primary_key, auto_increment = false)]
        pub nomination_id: i64,
        pub yes_count: i32,
        pub no_count: i32,
        pub abstain_count: i32,
        pub eligible: i32,
        pub passed: Option<bool>,
        pub outcome: Option<String>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod open_votes {
    use sea_orm::entity::prelude::*;
    use serde::{Deserialize, Serialize};

    /// A member's vote in an open (non-secret) ballot.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
    #[sea_orm(table_name = "open_votes")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub ballot_id: i64,
        pub nomination_id: i64,
        pub user_id: i64,
        pub choice: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod award_decisions {
    use sea_orm::entity::prelude::*;
    use serde::{Deserialize, Serialize};

    /// An award decision (quyết định khen thưởng): drafted from passed nominations, approved and numbered from the register, final once its signed scan is attached.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
    #[sea_orm(table_name = "award_decisions")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub round_id: i64,
        pub summary: String,
        pub symbol: String,
        pub issuer: String,
        pub signer: String,
        pub status: String,
        pub document_id: Option<i64>,
        pub reference: Option<String>,
        pub signed_on: Option<Date>,
        pub total_vnd: i64,
        pub created_at: DateTimeUtc,
        pub created_by: String,
        pub approved_by: Option<String>,
        pub finalised_at: Option<DateTimeUtc>,
        pub version: i32,
        /// The legal bases, one per line (m0012); `None`: the defaults.
        pub bases: Option<String>,
        /// Article 2: where the money comes from; `None`: the default.
        pub funding: Option<String>,
        /// Article 3: who carries the decision out; `None`: the default.
        pub executors: Option<String>,
        /// "PHÓ CHỦ TỊCH"; `None`: `signer` is read as before (a title or a name).
        pub signer_title: Option<String>,
        /// "KT. CHỦ TỊCH"; empty or `None`: none.
        pub signer_authority: Option<String>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod decision_lines {
    use sea_orm::entity::prelude::*;
    use serde::{Deserialize, Serialize};

    /// A line of a decision's attached list: who, which award, how much.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
    #[sea_orm(table_name = "decision_lines")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub decision_id: i64,
        pub position: i32,
        pub nomination_id: i64,
        pub subject: String,
        pub person_id: Option<i64>,
        pub unit_id: Option<i64>,
        pub name: String,
        pub unit_name: String,
        pub award: String,
        pub year: i32,
        pub amount_vnd: Option<i64>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod imported_achievements {
    use sea_orm::entity::prelude::*;
    use serde::{Deserialize, Serialize};

    /// An award from before thidua, imported into the record of achievements.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
    #[sea_orm(table_name = "imported_achievements")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub person_id: Option<i64>,
        pub unit_id: Option<i64>,
        pub year: i32,
        pub award: String,
        pub reference: String,
        pub decided_on: Option<Date>,
        pub amount_vnd: Option<i64>,
        pub note: String,
        pub created_at: DateTimeUtc,
        pub created_by: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
