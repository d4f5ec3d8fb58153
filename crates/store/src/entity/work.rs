//! SeaORM entities of movements and directives (migration `m0008_movements`), one module a table.

pub mod documents {
    use sea_orm::entity::prelude::*;
    use serde::{Deserialize, Serialize};

    /// A document of the register (sổ văn bản): incoming, or outgoing with its number from the register of its symbol and year.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
    #[sea_orm(table_name = "documents")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub direction: String,
        pub kind: String,
        pub reference: Option<String>,
        pub number: Option<i32>,
        pub symbol: String,
        pub year: Option<i32>,
        pub issued_year: Option<i32>,
        pub issued_month: Option<i32>,
        pub issued_day: Option<i32>,
        pub issued_on: Option<Date>,
        pub summary: String,
        pub issuer: String,
        pub signer: String,
        pub status: String,
        pub unit_id: Option<i64>,
        pub created_at: DateTimeUtc,
        pub created_by: String,
        pub version: i32,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod document_basis {
    use sea_orm::entity::prelude::*;
    use serde::{Deserialize, Serialize};

    /// A legal basis link (căn cứ): a document rests on an earlier one.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
    #[sea_orm(table_name = "document_basis")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub document_id: i64,
        #[sea_orm(primary_key, auto_increment = false)]
        pub basis_id: i64,
        pub position: i32,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod attachments {
    use sea_orm::entity::prelude::*;
    use serde::{Deserialize, Serialize};

    /// A file attached to a record; its bytes live in the content-addressed file store under its SHA-256.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
    #[sea_orm(table_name = "attachments")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub owner_kind: String,
        pub owner_id: i64,
        pub file_name: String,
        pub content_type: String,
        pub size: i64,
        pub sha256: String,
        pub created_at: DateTimeUtc,
        pub created_by: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod movements {
    use sea_orm::entity::prelude::*;
    use serde::{Deserialize, Serialize};

    /// An emulation movement (phong trào thi đua) over a period, run by a unit, maybe launched inside a unit under the city's.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
    #[sea_orm(table_name = "movements")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub name: String,
        pub start_year: i32,
        pub end_year: i32,
        pub kind: String,
        pub status: String,
        pub organisers: String,
        pub target_groups: String,
        pub description: String,
        pub guidance_document_id: Option<i64>,
        pub unit_id: Option<i64>,
        pub parent_id: Option<i64>,
        pub created_at: DateTimeUtc,
        pub created_by: String,
        pub version: i32,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod movement_phases {
    use sea_orm::entity::prelude::*;
    use serde::{Deserialize, Serialize};

    /// A yearly phase of a movement with its registration deadline.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
    #[sea_orm(table_name = "movement_phases")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub movement_id: i64,
        pub year: i32,
        pub title: String,
        pub registration_due: Option<Date>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod movement_links {
    use sea_orm::entity::prelude::*;
    use serde::{Deserialize, Serialize};

    /// Movements linked to each other (e.g. with "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh").
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
    #[sea_orm(table_name = "movement_links")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub movement_id: i64,
        #[sea_orm(primary_key, auto_increment = false)]
        pub other_id: i64,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod movement_basis {
    use sea_orm::entity::prelude::*;
    use serde::{Deserialize, Serialize};

    /// The legal basis of a movement: plans and dispatches it rests on.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
    #[sea_orm(table_name = "movement_basis")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub movement_id: i64,
        #[sea_orm(primary_key, auto_increment = false)]
        pub document_id: i64,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod directives {
    use sea_orm::entity::prelude::*;
    use serde::{Deserialize, Serialize};

    /// A directive (văn bản chỉ đạo) that launches or pushes a movement's phase: drafted, then issued with a number.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
    #[sea_orm(table_name = "directives")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub movement_id: i64,
        pub year: i32,
        pub document_id: Option<i64>,
        pub summary: String,
        pub preamble: String,
        pub closing: String,
        pub symbol: String,
        pub signer: String,
        pub status: String,
        pub supersedes_id: Option<i64>,
        pub issued_on: Option<Date>,
        pub created_at: DateTimeUtc,
        pub created_by: String,
        pub version: i32,
        /// A joint directive's co-issuing unit (m0013); `None`: one issuer, the movement's unit.
        #[serde(default)]
        pub co_issuer_unit_id: Option<i64>,
        /// The co-issuer's signer, title ("Chủ tịch") and authority ("TM. BAN THƯỜNG VỤ").
        #[serde(default)]
        pub co_signer: Option<String>,
        #[serde(default)]
        pub co_signer_title: Option<String>,
        #[serde(default)]
        pub co_signer_authority: Option<String>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod directive_tasks {
    use sea_orm::entity::prelude::*;
    use serde::{Deserialize, Serialize};

    /// A numbered task of a directive, with what to report and by when.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
    #[sea_orm(table_name = "directive_tasks")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub directive_id: i64,
        pub position: i32,
        pub title: String,
        pub body: String,
        pub report_what: String,
        pub due_on: Option<Date>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod directive_groups {
    use sea_orm::entity::prelude::*;
    use serde::{Deserialize, Serialize};

    /// The recipient groups a directive is addressed to (Kính gửi).
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
    #[sea_orm(table_name = "directive_groups")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub directive_id: i64,
        #[sea_orm(primary_key, auto_increment = false)]
        pub group_id: i64,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod directive_units {
    use sea_orm::entity::prelude::*;
    use serde::{Deserialize, Serialize};

    /// A unit a directive is sent to, with its read receipt.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
    #[sea_orm(table_name = "directive_units")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub directive_id: i64,
        #[sea_orm(primary_key, auto_increment = false)]
        pub unit_id: i64,
        pub read_at: Option<DateTimeUtc>,
        pub read_by: Option<String>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod task_reports {
    use sea_orm::entity::prelude::*;
    use serde::{Deserialize, Serialize};

    /// A unit's report on one task: numbers and text, a draft until sent.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
    #[sea_orm(table_name = "task_reports")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub task_id: i64,
        pub unit_id: i64,
        pub events_held: Option<i64>,
        pub people_reached: Option<i64>,
        pub posts_published: Option<i64>,
        pub text: String,
        pub submitted_on: Option<Date>,
        pub submitted_at: Option<DateTimeUtc>,
        pub updated_at: DateTimeUtc,
        pub updated_by: String,
        pub version: i32,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod registrations {
    use sea_orm::entity::prelude::*;
    use serde::{Deserialize, Serialize};

    /// A unit's registration (đăng ký thi đua) for a movement's year.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
    #[sea_orm(table_name = "registrations")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub movement_id: i64,
        pub year: i32,
        pub unit_id: i64,
        pub commitments: String,
        pub target_title: String,
        pub reopened: bool,
        pub submitted_at: DateTimeUtc,
        pub updated_by: String,
        pub version: i32,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod registration_people {
    use sea_orm::entity::prelude::*;
    use serde::{Deserialize, Serialize};

    /// A person a unit registers, with the title they aim for.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
    #[sea_orm(table_name = "registration_people")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub registration_id: i64,
        #[sea_orm(primary_key, auto_increment = false)]
        pub person_id: i64,
        pub target_title: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod posts {
    use sea_orm::entity::prelude::*;
    use serde::{Deserialize, Serialize};

    /// Propaganda a unit reports: a post or an event with its participants.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
    #[sea_orm(table_name = "posts")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub unit_id: i64,
        pub movement_id: Option<i64>,
        pub kind: String,
        pub title: String,
        pub body: String,
        pub occurred_on: Date,
        pub participants: i64,
        pub created_at: DateTimeUtc,
        pub created_by: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod inspections {
    use sea_orm::entity::prelude::*;
    use serde::{Deserialize, Serialize};

    /// An inspection (kiểm tra) of a unit's work, with its findings.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
    #[sea_orm(table_name = "inspections")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub unit_id: i64,
        pub directive_id: Option<i64>,
        pub inspected_on: Date,
        pub inspectors: String,
        pub findings: String,
        pub created_at: DateTimeUtc,
        pub created_by: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod notifications {
    use sea_orm::entity::prelude::*;
    use serde::{Deserialize, Serialize};

    /// An in-app notification to a unit (a reminder, a new directive); mailed as one digest per unit and day.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
    #[sea_orm(table_name = "notifications")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub unit_id: i64,
        pub kind: String,
        pub message: String,
        pub link: String,
        pub day: Date,
        pub created_at: DateTimeUtc,
        pub read_at: Option<DateTimeUtc>,
        pub mailed_at: Option<DateTimeUtc>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
