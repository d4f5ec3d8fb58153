//! Ideas and initiatives (sáng kiến) in the database: writing and versions, authors, statuses,
//! councils with members, scoring rounds with a rubric and blind score sheets, recognition decisions,
//! replications, the similarity check and search (through the index of `initiative_index`), the
//! recognised initiatives of a person and the Bằng Lao động sáng tạo list.
//!
//! Every write runs in [`Store::write_txn`] with its audit entry, and stamps `initiatives.change_seq`
//! when it changes what the index keeps (text, status, scope, authors). Blind scoring is enforced
//! here: [`Store::round_view`] gives a member only their own sheets until the round closes.

use crate::audit::{Actor, Change};
use crate::entity::{
    council_members, councils, initiative_authors, initiative_status_history, initiative_versions,
    initiatives, people, recognitions, replications, round_initiatives, rubric_criteria, scores,
    scoring_rounds, units,
};
use crate::{Result, Store, StoreError};
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use thidua_domain::directory::StaffLevel;
use thidua_domain::initiative::{
    Author, AuthorFacts, CreativeLabourRule, RecognisedInitiative, RecognitionRule, Rubric,
    RubricCriterion, Scope, ScoreSheet, ScoringRound, Share, Status, ValidInitiative,
};
use thidua_domain::similar::{DocMeta, Filter, Hit, Match, PageRequest, Part, Probe};
use thidua_domain::text;
use thidua_domain::validation::Invalid;

/// The attachment owner kind of initiatives (`store.attach(actor, "initiative", id, …)`).
pub const ATTACHMENT_KIND: &str = "initiative";

/// An author as shown: their name from the directory, or as typed for someone outside it.
#[derive(Debug, Clone, Serialize)]
pub struct AuthorRow {
    pub person_id: Option<i64>,
    pub name: String,
    /// Hundredths of a percent.
    pub share: i32,
    pub share_text: String,
}

/// A saved version, without its content.
#[derive(Debug, Clone, Serialize)]
pub struct VersionRow {
    pub version: i32,
    pub saved_at: DateTime<Utc>,
    pub saved_by: String,
}

/// A round an initiative is before.
#[derive(Debug, Clone, Serialize)]
pub struct RoundRef {
    pub round_id: i64,
    pub round_name: String,
    pub council_id: i64,
    pub council_name: String,
    pub closed: bool,
}

/// A recognition decision with its council's name.
#[derive(Debug, Clone, Serialize)]
pub struct RecognitionRow {
    pub recognition: recognitions::Model,
    pub council_name: String,
}

/// A replication with the adopting unit's name.
#[derive(Debug, Clone, Serialize)]
pub struct ReplicationRow {
    pub replication: replications::Model,
    pub unit_name: String,
}

/// An initiative and its whole life.
#[derive(Debug, Clone, Serialize)]
pub struct InitiativeDetail {
    pub initiative: initiatives::Model,
    pub unit_name: String,
    pub authors: Vec<AuthorRow>,
    pub versions: Vec<VersionRow>,
    pub history: Vec<initiative_status_history::Model>,
    pub rounds: Vec<RoundRef>,
    pub recognitions: Vec<RecognitionRow>,
    pub replications: Vec<ReplicationRow>,
    /// Its files (evidence, drawings, photos), oldest first.
    pub attachments: Vec<crate::entity::attachments::Model>,
}

/// What the permission rules need to know of an initiative for one viewer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InitiativeFacts {
    pub id: i64,
    pub unit_id: i64,
    pub status: Status,
    /// The viewer's person is among its authors.
    pub author: bool,
    /// It is before a council the viewer's account is a member of.
    pub council: bool,
}

impl InitiativeFacts {
    /// Recognised initiatives are published.
    pub fn published(&self) -> bool {
        self.status == Status::Recognised
    }
}

/// A search hit with what the index knows of the initiative.
#[derive(Debug, Clone, Serialize)]
pub struct InitiativeHit {
    pub hit: Hit,
    pub meta: DocMeta,
}

/// One page of search hits.
#[derive(Debug, Clone, Serialize)]
pub struct InitiativeSearch {
    pub hits: Vec<InitiativeHit>,
    pub total: usize,
}

/// A similar initiative, with its title and the text its passages point into.
#[derive(Debug, Clone, Serialize)]
pub struct SimilarItem {
    pub m: Match,
    pub title: String,
    /// The candidate's parts its passages point into, by part (title, sections).
    pub parts: BTreeMap<String, String>,
}

/// A council member as entered.
#[derive(Debug, Clone, Default)]
pub struct NewMember {
    pub user_id: Option<i64>,
    /// The account by name, when it may not exist yet (the sample's demo council).
    pub username: Option<String>,
    pub person_id: Option<i64>,
    pub name: String,
    /// `chu_tich`, `thanh_vien`, `cong_doan` (the trade-union representative), `thu_ky`.
    pub role: String,
}

/// A council as entered.
#[derive(Debug, Clone)]
pub struct NewCouncil {
    pub name: String,
    pub unit_id: i64,
    pub scope: Scope,
    pub year: i32,
    pub rule: RecognitionRule,
    pub members: Vec<NewMember>,
}

/// The roles a member may have.
pub const MEMBER_ROLES: &[(&str, &str)] = &[
    ("chu_tich", "Chủ tịch hội đồng"),
    ("pho_chu_tich", "Phó Chủ tịch hội đồng"),
    ("thanh_vien", "Thành viên"),
    ("cong_doan", "Đại diện tổ chức công đoàn"),
    ("thu_ky", "Thư ký"),
];

/// A council with its members and rounds.
#[derive(Debug, Clone, Serialize)]
pub struct CouncilDetail {
    pub council: councils::Model,
    pub unit_name: String,
    pub members: Vec<council_members::Model>,
    pub rounds: Vec<scoring_rounds::Model>,
}

/// One member's sheet as a viewer may see it.
#[derive(Debug, Clone, Serialize)]
pub struct SheetView {
    pub member_id: i64,
    pub member_name: String,
    pub scores: BTreeMap<String, u32>,
    pub total: f64,
    pub agrees: bool,
    pub comment: String,
}

/// An initiative in a round, as a viewer may see it.
#[derive(Debug, Clone, Serialize)]
pub struct RoundItem {
    pub initiative_id: i64,
    pub title: String,
    pub unit_name: String,
    pub status: String,
    /// The viewer's own sheet.
    pub mine: Option<SheetView>,
    /// The viewer may not score it: they are among its authors.
    pub own_initiative: bool,
    /// Every sheet, once the round is closed (empty before: scoring is blind).
    pub sheets: Vec<SheetView>,
    /// How many members have scored it (shown to everyone; not who or how).
    pub scored: usize,
    /// Once closed: the mean total (0–100) and how many agree to recognise it.
    pub mean: Option<f64>,
    pub agreeing: Option<u32>,
    pub recognition: Option<recognitions::Model>,
}

/// A round as a viewer sees it.
#[derive(Debug, Clone, Serialize)]
pub struct RoundView {
    pub round: scoring_rounds::Model,
    pub council: councils::Model,
    pub members: usize,
    pub criteria: Vec<RubricCriterion>,
    /// The viewer's membership, if they are a member.
    pub member: Option<council_members::Model>,
    pub items: Vec<RoundItem>,
}

/// A score sheet as sent by a member.
#[derive(Debug, Clone, Default)]
pub struct SheetInput {
    pub scores: BTreeMap<String, u32>,
    pub agrees: bool,
    pub comment: String,
}

/// A replication as entered.
#[derive(Debug, Clone)]
pub struct NewReplication {
    pub unit_id: i64,
    pub adopted_on: NaiveDate,
    pub result: String,
    pub benefit_vnd: Option<i64>,
}

/// An entry of the Bằng Lao động sáng tạo list with names.
#[derive(Debug, Clone, Serialize)]
pub struct CreativeLabourRow {
    pub person_id: i64,
    pub full_name: String,
    pub unit_id: i64,
    pub unit_name: String,
    pub staff_level: String,
    pub initiative_id: i64,
    pub title: String,
    pub counted_vnd: i64,
    pub threshold_vnd: i64,
}

/// The most replicated initiatives.
#[derive(Debug, Clone, Serialize)]
pub struct ReplicatedRow {
    pub initiative_id: i64,
    pub title: String,
    pub replications: usize,
}

fn status_of(code: &str) -> Status {
    Status::from_code(code).unwrap_or(Status::Draft)
}

fn not_found() -> StoreError {
    StoreError::NotFound("sáng kiến")
}

fn conflict(field: &str, message: impl Into<String>) -> StoreError {
    StoreError::Conflict {
        field: Some(field.to_owned()),
        message: message.into(),
    }
}

impl Store {
    // -----------------------------------------------------------------------------------------
    // Writing

    /// Checks that the unit is active and the authors' people exist.
    async fn check_initiative_refs<C: ConnectionTrait>(
        conn: &C,
        v: &ValidInitiative,
    ) -> Result<()> {
        let mut e = Invalid::new();
        match units::Entity::find_by_id(v.unit_id).one(conn).await? {
            None => e.add("unit_id", "Đơn vị không tồn tại"),
            Some(u) if !u.active => e.add("unit_id", format!("{} không còn hoạt động", u.name)),
            Some(_) => {}
        }
        let ids: Vec<i64> = v.authors.iter().filter_map(|a| a.person_id).collect();
        if !ids.is_empty() {
            let found: HashSet<i64> = people::Entity::find()
                .filter(people::Column::Id.is_in(ids))
                .all(conn)
                .await?
                .into_iter()
                .map(|p| p.id)
                .collect();
            for (i, a) in v.authors.iter().enumerate() {
                if let Some(p) = a.person_id {
                    if !found.contains(&p) {
                        e.add(
                            &format!("authors[{i}].person_id"),
                            format!("Tác giả thứ {}: không có người này trong danh bạ", i + 1),
                        );
                    }
                }
            }
        }
        Ok(e.or_ok(())?)
    }

    async fn write_authors<C: ConnectionTrait>(
        conn: &C,
        id: i64,
        authors: &[Author],
    ) -> Result<()> {
        initiative_authors::Entity::delete_many()
            .filter(initiative_authors::Column::InitiativeId.eq(id))
            .exec(conn)
            .await?;
        let rows: Vec<initiative_authors::ActiveModel> = authors
            .iter()
            .enumerate()
            .map(|(i, a)| initiative_authors::ActiveModel {
                initiative_id: Set(id),
                position: Set(i as i32),
                person_id: Set(a.person_id),
                name: Set(a.name.clone()),
                share: Set(a.share.0 as i32),
                ..Default::default()
            })
            .collect();
        if !rows.is_empty() {
            initiative_authors::Entity::insert_many(rows)
                .exec_without_returning(conn)
                .await?;
        }
        Ok(())
    }

    async fn write_version<C: ConnectionTrait>(
        conn: &C,
        actor: &Actor,
        id: i64,
        version: i32,
        v: &ValidInitiative,
    ) -> Result<()> {
        initiative_versions::ActiveModel {
            initiative_id: Set(id),
            version: Set(version),
            saved_at: Set(Utc::now()),
            saved_by: Set(actor.name.clone()),
            data: Set(serde_json::to_string(v).unwrap_or_default()),
            ..Default::default()
        }
        .insert(conn)
        .await?;
        Ok(())
    }

    async fn write_status<C: ConnectionTrait>(
        conn: &C,
        actor: &Actor,
        id: i64,
        from: Option<Status>,
        to: Status,
        note: &str,
    ) -> Result<()> {
        initiative_status_history::ActiveModel {
            initiative_id: Set(id),
            from_status: Set(from.map(|s| s.code().to_owned())),
            to_status: Set(to.code().to_owned()),
            at: Set(Utc::now()),
            by_name: Set(actor.name.clone()),
            note: Set(text::clean_multiline(note)),
            ..Default::default()
        }
        .insert(conn)
        .await?;
        Ok(())
    }

    /// Writes a new idea or initiative as a draft, with its first version and authors.
    pub async fn create_initiative(
        &self,
        actor: &Actor,
        v: ValidInitiative,
    ) -> Result<initiatives::Model> {
        let txn = self.write_txn().await?;
        Self::check_initiative_refs(&txn, &v).await?;
        let seq = self.change_seq(&txn).await?;
        let now = Utc::now();
        let model = initiatives::ActiveModel {
            kind: Set(v.kind.code().to_owned()),
            title: Set(v.title.clone()),
            unit_id: Set(v.unit_id),
            field: Set(v.field.code().to_owned()),
            year: Set(v.year),
            status: Set(Status::Draft.code().to_owned()),
            scope: Set(None),
            before_text: Set(v.before.clone()),
            solution: Set(v.solution.clone()),
            novelty: Set(v.novelty.clone()),
            benefit: Set(v.benefit.clone()),
            applied_where: Set(v.applied_where.clone()),
            applied_since: Set(v.applied_since),
            benefit_vnd: Set(v.benefit_vnd),
            submitted_on: Set(None),
            created_at: Set(now),
            created_by: Set(actor.name.clone()),
            updated_at: Set(now),
            version: Set(1),
            change_seq: Set(seq),
            deleted: Set(false),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        Self::write_authors(&txn, model.id, &v.authors).await?;
        Self::write_version(&txn, actor, model.id, 1, &v).await?;
        Self::write_status(&txn, actor, model.id, None, Status::Draft, "").await?;
        self.record_audit(
            &txn,
            actor,
            Change::created("initiative", model.id, Some(v.unit_id), &v),
        )
        .await?;
        txn.commit().await?;
        Ok(model)
    }

    /// Saves a new version of an initiative (draft, submitted or withdrawn; not once a council
    /// took it up). A stale `expected_version` is a conflict: nothing is lost silently.
    pub async fn update_initiative(
        &self,
        actor: &Actor,
        id: i64,
        v: ValidInitiative,
        expected_version: Option<i32>,
    ) -> Result<initiatives::Model> {
        let txn = self.write_txn().await?;
        let before = initiatives::Entity::find_by_id(id)
            .one(&txn)
            .await?
            .filter(|i| !i.deleted)
            .ok_or_else(not_found)?;
        if expected_version.is_some_and(|e| e != before.version) {
            return Err(conflict(
                "version",
                "Sáng kiến đã được người khác sửa sau khi bạn mở nó; hãy tải lại để xem phiên bản mới rồi sửa lại",
            ));
        }
        let status = status_of(&before.status);
        if !matches!(
            status,
            Status::Draft | Status::Submitted | Status::Withdrawn
        ) {
            return Err(conflict(
                "status",
                format!(
                    "Sáng kiến đang ở trạng thái “{}” nên không sửa được nội dung",
                    status.label()
                ),
            ));
        }
        Self::check_initiative_refs(&txn, &v).await?;
        let seq = self.change_seq(&txn).await?;
        let version = before.version + 1;
        let mut m: initiatives::ActiveModel = before.clone().into();
        m.kind = Set(v.kind.code().to_owned());
        m.title = Set(v.title.clone());
        m.unit_id = Set(v.unit_id);
        m.field = Set(v.field.code().to_owned());
        m.year = Set(v.year);
        m.before_text = Set(v.before.clone());
        m.solution = Set(v.solution.clone());
        m.novelty = Set(v.novelty.clone());
        m.benefit = Set(v.benefit.clone());
        m.applied_where = Set(v.applied_where.clone());
        m.applied_since = Set(v.applied_since);
        m.benefit_vnd = Set(v.benefit_vnd);
        m.updated_at = Set(Utc::now());
        m.version = Set(version);
        m.change_seq = Set(seq);
        let after = m.update(&txn).await?;
        Self::write_authors(&txn, id, &v.authors).await?;
        Self::write_version(&txn, actor, id, version, &v).await?;
        self.record_audit(
            &txn,
            actor,
            Change::updated("initiative", id, Some(v.unit_id), &before, &v),
        )
        .await?;
        txn.commit().await?;
        Ok(after)
    }

    /// Moves an initiative to another status along the allowed paths (submit, send back, withdraw,
    /// take up again); the council's decision goes through [`Store::decide_recognition`].
    pub async fn set_initiative_status(
        &self,
        actor: &Actor,
        id: i64,
        to: Status,
        note: &str,
        today: NaiveDate,
    ) -> Result<initiatives::Model> {
        if matches!(
            to,
            Status::Recognised | Status::NotRecognised | Status::UnderReview
        ) {
            return Err(Invalid::field(
                "status",
                "Trạng thái này do hội đồng quyết định (mở vòng chấm, quyết định công nhận)",
            )
            .into());
        }
        let txn = self.write_txn().await?;
        let after = self
            .move_status(&txn, actor, id, to, note, Some(today))
            .await?;
        txn.commit().await?;
        Ok(after)
    }

    /// The move itself, inside a write transaction.
    async fn move_status<C: ConnectionTrait>(
        &self,
        txn: &C,
        actor: &Actor,
        id: i64,
        to: Status,
        note: &str,
        today: Option<NaiveDate>,
    ) -> Result<initiatives::Model> {
        let before = initiatives::Entity::find_by_id(id)
            .one(txn)
            .await?
            .filter(|i| !i.deleted)
            .ok_or_else(not_found)?;
        let from = status_of(&before.status);
        if from.transition(to).is_err() {
            return Err(conflict(
                "status",
                format!(
                    "Không thể chuyển sáng kiến từ trạng thái “{}” sang “{}”",
                    from.label(),
                    to.label()
                ),
            ));
        }
        let seq = self.change_seq(txn).await?;
        let mut m: initiatives::ActiveModel = before.clone().into();
        m.status = Set(to.code().to_owned());
        m.change_seq = Set(seq);
        m.updated_at = Set(Utc::now());
        if to == Status::Submitted {
            m.submitted_on = Set(today.or(before.submitted_on));
        }
        let after = m.update(txn).await?;
        Self::write_status(txn, actor, id, Some(from), to, note).await?;
        self.record_audit(
            txn,
            actor,
            Change {
                action: "status",
                entity: "initiative",
                entity_id: Some(id),
                unit_id: Some(before.unit_id),
                before: Some(serde_json::json!({"status": from.code()})),
                after: Some(serde_json::json!({"status": to.code(), "note": note})),
            },
        )
        .await?;
        Ok(after)
    }

    /// Throws a draft away. The row stays, marked deleted, so that every process's index drops it.
    pub async fn delete_initiative(&self, actor: &Actor, id: i64) -> Result<()> {
        let txn = self.write_txn().await?;
        let before = initiatives::Entity::find_by_id(id)
            .one(&txn)
            .await?
            .filter(|i| !i.deleted)
            .ok_or_else(not_found)?;
        if status_of(&before.status) != Status::Draft {
            return Err(conflict(
                "status",
                "Chỉ xóa được sáng kiến ở trạng thái nháp; sáng kiến đã nộp thì rút lại",
            ));
        }
        let seq = self.change_seq(&txn).await?;
        initiatives::Entity::update_many()
            .col_expr(initiatives::Column::Deleted, Expr::value(true))
            .col_expr(initiatives::Column::ChangeSeq, Expr::value(seq))
            .filter(initiatives::Column::Id.eq(id))
            .exec(&txn)
            .await?;
        self.record_audit(
            &txn,
            actor,
            Change {
                action: "delete",
                entity: "initiative",
                entity_id: Some(id),
                unit_id: Some(before.unit_id),
                before: crate::audit::snapshot(&before),
                after: None,
            },
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    // -----------------------------------------------------------------------------------------
    // Reading

    /// An initiative with its whole life; `None` when there is none (or it was deleted).
    pub async fn initiative(&self, id: i64) -> Result<Option<InitiativeDetail>> {
        let Some(i) = initiatives::Entity::find_by_id(id)
            .one(&self.db)
            .await?
            .filter(|i| !i.deleted)
        else {
            return Ok(None);
        };
        let unit_name = self.unit_name(i.unit_id).await?;
        let authors = self.initiative_authors(id).await?;
        let versions = initiative_versions::Entity::find()
            .filter(initiative_versions::Column::InitiativeId.eq(id))
            .order_by_desc(initiative_versions::Column::Version)
            .all(&self.db)
            .await?
            .into_iter()
            .map(|v| VersionRow {
                version: v.version,
                saved_at: v.saved_at,
                saved_by: v.saved_by,
            })
            .collect();
        let history = initiative_status_history::Entity::find()
            .filter(initiative_status_history::Column::InitiativeId.eq(id))
            .order_by_asc(initiative_status_history::Column::Id)
            .all(&self.db)
            .await?;
        let round_ids: Vec<i64> = round_initiatives::Entity::find()
            .filter(round_initiatives::Column::InitiativeId.eq(id))
            .all(&self.db)
            .await?
            .into_iter()
            .map(|r| r.round_id)
            .collect();
        let rounds_list = scoring_rounds::Entity::find()
            .filter(scoring_rounds::Column::Id.is_in(round_ids))
            .order_by_asc(scoring_rounds::Column::Id)
            .all(&self.db)
            .await?;
        let council_names = self.council_names().await?;
        let rounds = rounds_list
            .into_iter()
            .map(|r| RoundRef {
                round_id: r.id,
                round_name: r.name,
                council_id: r.council_id,
                council_name: council_names
                    .get(&r.council_id)
                    .cloned()
                    .unwrap_or_default(),
                closed: r.status == "closed",
            })
            .collect();
        let recognitions = recognitions::Entity::find()
            .filter(recognitions::Column::InitiativeId.eq(id))
            .order_by_asc(recognitions::Column::Id)
            .all(&self.db)
            .await?
            .into_iter()
            .map(|r| RecognitionRow {
                council_name: council_names
                    .get(&r.council_id)
                    .cloned()
                    .unwrap_or_default(),
                recognition: r,
            })
            .collect();
        let reps = replications::Entity::find()
            .filter(replications::Column::InitiativeId.eq(id))
            .order_by_asc(replications::Column::AdoptedOn)
            .all(&self.db)
            .await?;
        let mut replications_rows = Vec::with_capacity(reps.len());
        for r in reps {
            replications_rows.push(ReplicationRow {
                unit_name: self.unit_name(r.unit_id).await?,
                replication: r,
            });
        }
        let attachments = self.attachments(ATTACHMENT_KIND, i.id).await?;
        Ok(Some(InitiativeDetail {
            attachments,
            initiative: i,
            unit_name,
            authors,
            versions,
            history,
            rounds,
            recognitions,
            replications: replications_rows,
        }))
    }

    /// The content of one saved version (as it was saved, JSON).
    pub async fn initiative_version(&self, id: i64, version: i32) -> Result<Option<String>> {
        Ok(initiative_versions::Entity::find()
            .filter(initiative_versions::Column::InitiativeId.eq(id))
            .filter(initiative_versions::Column::Version.eq(version))
            .one(&self.db)
            .await?
            .map(|v| v.data))
    }

    async fn unit_name(&self, id: i64) -> Result<String> {
        Ok(units::Entity::find_by_id(id)
            .one(&self.db)
            .await?
            .map(|u| u.name)
            .unwrap_or_default())
    }

    /// Every unit's name, by id (units are a few thousand at most).
    async fn unit_names(&self) -> Result<HashMap<i64, String>> {
        Ok(units::Entity::find()
            .all(&self.db)
            .await?
            .into_iter()
            .map(|u| (u.id, u.name))
            .collect())
    }

    async fn council_names(&self) -> Result<HashMap<i64, String>> {
        Ok(councils::Entity::find()
            .all(&self.db)
            .await?
            .into_iter()
            .map(|c| (c.id, c.name))
            .collect())
    }

    /// The authors of an initiative in their order, with names.
    pub async fn initiative_authors(&self, id: i64) -> Result<Vec<AuthorRow>> {
        let rows = initiative_authors::Entity::find()
            .filter(initiative_authors::Column::InitiativeId.eq(id))
            .order_by_asc(initiative_authors::Column::Position)
            .all(&self.db)
            .await?;
        let ids: Vec<i64> = rows.iter().filter_map(|a| a.person_id).collect();
        let names: HashMap<i64, String> = people::Entity::find()
            .filter(people::Column::Id.is_in(ids))
            .all(&self.db)
            .await?
            .into_iter()
            .map(|p| (p.id, p.full_name))
            .collect();
        Ok(rows
            .into_iter()
            .map(|a| AuthorRow {
                name: a
                    .person_id
                    .and_then(|p| names.get(&p).cloned())
                    .or(a.name)
                    .unwrap_or_default(),
                person_id: a.person_id,
                share: a.share,
                share_text: Share(a.share.max(0) as u32).to_string(),
            })
            .collect())
    }

    /// What the permission rules need to know of initiative `id` for the viewer with this account
    /// and person; `None` when there is no such initiative.
    pub async fn initiative_facts(
        &self,
        id: i64,
        user_id: Option<i64>,
        person_id: Option<i64>,
    ) -> Result<Option<InitiativeFacts>> {
        let Some(i) = initiatives::Entity::find_by_id(id)
            .one(&self.db)
            .await?
            .filter(|i| !i.deleted)
        else {
            return Ok(None);
        };
        let author = match person_id {
            None => false,
            Some(p) => initiative_authors::Entity::find()
                .filter(initiative_authors::Column::InitiativeId.eq(id))
                .filter(initiative_authors::Column::PersonId.eq(p))
                .one(&self.db)
                .await?
                .is_some(),
        };
        let council = match user_id {
            None => false,
            Some(u) => self.council_initiative_ids(u).await?.contains(&id),
        };
        Ok(Some(InitiativeFacts {
            id,
            unit_id: i.unit_id,
            status: status_of(&i.status),
            author,
            council,
        }))
    }

    /// The councils an account is a member of (named by id, or by username).
    async fn member_councils(&self, user_id: i64) -> Result<Vec<council_members::Model>> {
        let username = self.username_of(user_id).await?;
        let mut cond = sea_orm::Condition::any().add(council_members::Column::UserId.eq(user_id));
        if let Some(name) = username {
            cond = cond.add(council_members::Column::Username.eq(name));
        }
        Ok(council_members::Entity::find()
            .filter(cond)
            .all(&self.db)
            .await?)
    }

    async fn username_of(&self, user_id: i64) -> Result<Option<String>> {
        Ok(crate::entity::users::Entity::find_by_id(user_id)
            .one(&self.db)
            .await?
            .map(|u| u.username))
    }

    /// The initiatives before the councils an account is a member of.
    pub async fn council_initiative_ids(&self, user_id: i64) -> Result<HashSet<i64>> {
        let councils: Vec<i64> = self
            .member_councils(user_id)
            .await?
            .into_iter()
            .map(|m| m.council_id)
            .collect();
        if councils.is_empty() {
            return Ok(HashSet::new());
        }
        let rounds: Vec<i64> = scoring_rounds::Entity::find()
            .filter(scoring_rounds::Column::CouncilId.is_in(councils))
            .all(&self.db)
            .await?
            .into_iter()
            .map(|r| r.id)
            .collect();
        if rounds.is_empty() {
            return Ok(HashSet::new());
        }
        Ok(round_initiatives::Entity::find()
            .filter(round_initiatives::Column::RoundId.is_in(rounds))
            .all(&self.db)
            .await?
            .into_iter()
            .map(|r| r.initiative_id)
            .collect())
    }

    // -----------------------------------------------------------------------------------------
    // Search and the similarity check

    /// Full-text search ignoring diacritics, with highlighted snippets, over the initiatives that
    /// `filter` and `keep` (the viewer's permissions) accept.
    pub async fn search_initiatives(
        &self,
        q: &str,
        filter: &Filter,
        keep: impl Fn(&DocMeta) -> bool,
        page: PageRequest,
    ) -> Result<InitiativeSearch> {
        self.with_initiative_index(|index| {
            let found = index.search(q, |m| filter.matches(m) && keep(m), page);
            InitiativeSearch {
                total: found.total,
                hits: found
                    .hits
                    .into_iter()
                    .filter_map(|hit| {
                        let meta = index.meta(hit.id)?.clone();
                        Some(InitiativeHit { hit, meta })
                    })
                    .collect(),
            }
        })
        .await
    }

    /// The `k` initiatives most similar to a text, among those `keep` accepts, most similar first,
    /// with their titles and the parts their passages point into.
    pub async fn similar_initiatives(
        &self,
        probe: &Probe<'_>,
        k: usize,
        keep: impl Fn(&DocMeta) -> bool,
    ) -> Result<Vec<SimilarItem>> {
        self.with_initiative_index(|index| {
            index
                .query_with(probe, k, keep)
                .into_iter()
                .map(|m| similar_item(index, m))
                .collect()
        })
        .await
    }

    /// What the index knows of these initiatives (those it holds).
    pub async fn initiative_metas(&self, ids: &[i64]) -> Result<Vec<DocMeta>> {
        self.with_initiative_index(|i| ids.iter().filter_map(|id| i.meta(*id).cloned()).collect())
            .await
    }

    /// The initiatives most similar to a stored one (the council's view), itself excluded.
    pub async fn similar_to_initiative(
        &self,
        id: i64,
        k: usize,
        keep: impl Fn(&DocMeta) -> bool,
    ) -> Result<Vec<SimilarItem>> {
        self.with_initiative_index(|index| {
            index
                .similar_to(id, k, keep)
                .into_iter()
                .map(|m| similar_item(index, m))
                .collect()
        })
        .await
    }

    // -----------------------------------------------------------------------------------------
    // Councils, rounds and scores

    /// Sets up a council with its members.
    pub async fn create_council(&self, actor: &Actor, c: NewCouncil) -> Result<CouncilDetail> {
        let mut e = Invalid::new();
        let name = text::clean(&c.name);
        if name.is_empty() {
            e.add("name", "Chưa nhập tên hội đồng");
        }
        if let Err(inv) = c.rule.decide(c.members.len().max(1) as u32, 0) {
            if let Some(m) = inv.fields.get("threshold") {
                e.add("threshold", m.clone());
            }
        }
        if c.members.is_empty() {
            e.add("members", "Hội đồng phải có ít nhất một thành viên");
        }
        let mut users = HashSet::new();
        for (i, m) in c.members.iter().enumerate() {
            if text::clean(&m.name).is_empty() {
                e.add(
                    &format!("members[{i}].name"),
                    format!("Thành viên thứ {}: chưa nhập họ tên", i + 1),
                );
            }
            if !MEMBER_ROLES.iter().any(|(code, _)| *code == m.role) {
                e.add(
                    &format!("members[{i}].role"),
                    format!("Thành viên thứ {}: vai trò không hợp lệ", i + 1),
                );
            }
            if let Some(u) = m.user_id {
                if !users.insert(u) {
                    e.add(
                        &format!("members[{i}].user_id"),
                        format!("Thành viên thứ {}: tài khoản đã có trong hội đồng", i + 1),
                    );
                }
            }
        }
        let txn = self.write_txn().await?;
        if units::Entity::find_by_id(c.unit_id)
            .one(&txn)
            .await?
            .is_none()
        {
            e.add("unit_id", "Đơn vị không tồn tại");
        }
        if !e.is_empty() {
            return Err(e.into());
        }
        let council = councils::ActiveModel {
            name: Set(name),
            unit_id: Set(c.unit_id),
            scope: Set(c.scope.code().to_owned()),
            year: Set(c.year),
            threshold_num: Set(c.rule.numerator as i32),
            threshold_den: Set(c.rule.denominator as i32),
            created_at: Set(Utc::now()),
            created_by: Set(actor.name.clone()),
            version: Set(1),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        for (i, m) in c.members.iter().enumerate() {
            council_members::ActiveModel {
                council_id: Set(council.id),
                position: Set(i as i32),
                user_id: Set(m.user_id),
                username: Set(m.username.clone()),
                person_id: Set(m.person_id),
                name: Set(text::clean(&m.name)),
                role: Set(m.role.clone()),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
        }
        self.record_audit(
            &txn,
            actor,
            Change::created(
                "council",
                council.id,
                Some(c.unit_id),
                &serde_json::json!({"council": &council, "members": c.members.len()}),
            ),
        )
        .await?;
        txn.commit().await?;
        self.council(council.id)
            .await?
            .ok_or(StoreError::NotFound("hội đồng"))
    }

    /// Every council, newest first.
    pub async fn councils(&self) -> Result<Vec<councils::Model>> {
        Ok(councils::Entity::find()
            .order_by_desc(councils::Column::Id)
            .all(&self.db)
            .await?)
    }

    /// A council with its members and rounds.
    pub async fn council(&self, id: i64) -> Result<Option<CouncilDetail>> {
        let Some(council) = councils::Entity::find_by_id(id).one(&self.db).await? else {
            return Ok(None);
        };
        let members = council_members::Entity::find()
            .filter(council_members::Column::CouncilId.eq(id))
            .order_by_asc(council_members::Column::Position)
            .all(&self.db)
            .await?;
        let rounds = scoring_rounds::Entity::find()
            .filter(scoring_rounds::Column::CouncilId.eq(id))
            .order_by_desc(scoring_rounds::Column::Id)
            .all(&self.db)
            .await?;
        Ok(Some(CouncilDetail {
            unit_name: self.unit_name(council.unit_id).await?,
            council,
            members,
            rounds,
        }))
    }

    /// The rounds of the councils an account is a member of, open ones first.
    pub async fn rounds_of_member(
        &self,
        user_id: i64,
    ) -> Result<Vec<(scoring_rounds::Model, String)>> {
        let councils: Vec<i64> = self
            .member_councils(user_id)
            .await?
            .into_iter()
            .map(|m| m.council_id)
            .collect();
        let names = self.council_names().await?;
        let mut rounds = scoring_rounds::Entity::find()
            .filter(scoring_rounds::Column::CouncilId.is_in(councils))
            .order_by_desc(scoring_rounds::Column::Id)
            .all(&self.db)
            .await?;
        rounds.sort_by_key(|r| r.status != "open");
        Ok(rounds
            .into_iter()
            .map(|r| {
                let n = names.get(&r.council_id).cloned().unwrap_or_default();
                (r, n)
            })
            .collect())
    }

    /// Opens a scoring round of a council with its rubric and the initiatives before it; submitted
    /// initiatives move to "under review".
    pub async fn open_round(
        &self,
        actor: &Actor,
        council_id: i64,
        name: &str,
        rubric: &Rubric,
        initiative_ids: &[i64],
    ) -> Result<scoring_rounds::Model> {
        rubric.validate()?;
        let name = text::clean(name);
        if name.is_empty() {
            return Err(Invalid::field("name", "Chưa nhập tên vòng chấm điểm").into());
        }
        let txn = self.write_txn().await?;
        let council = councils::Entity::find_by_id(council_id)
            .one(&txn)
            .await?
            .ok_or(StoreError::NotFound("hội đồng"))?;
        let round = scoring_rounds::ActiveModel {
            council_id: Set(council.id),
            name: Set(name),
            status: Set("open".into()),
            opened_at: Set(Utc::now()),
            closed_at: Set(None),
            created_by: Set(actor.name.clone()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        for (i, c) in rubric.criteria.iter().enumerate() {
            rubric_criteria::ActiveModel {
                round_id: Set(round.id),
                position: Set(i as i32),
                code: Set(c.code.clone()),
                name: Set(text::clean(&c.name)),
                weight: Set(c.weight as i32),
                max_score: Set(c.max_score as i32),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
        }
        self.add_to_round_in(&txn, actor, &round, initiative_ids)
            .await?;
        self.record_audit(
            &txn,
            actor,
            Change::created(
                "scoring_round",
                round.id,
                Some(council.unit_id),
                &serde_json::json!({"round": &round, "rubric": rubric, "initiatives": initiative_ids}),
            ),
        )
        .await?;
        txn.commit().await?;
        Ok(round)
    }

    /// Puts more initiatives before an open round.
    pub async fn add_to_round(
        &self,
        actor: &Actor,
        round_id: i64,
        initiative_ids: &[i64],
    ) -> Result<()> {
        let txn = self.write_txn().await?;
        let round = scoring_rounds::Entity::find_by_id(round_id)
            .one(&txn)
            .await?
            .ok_or(StoreError::NotFound("vòng chấm điểm"))?;
        if round.status != "open" {
            return Err(conflict("round", "Vòng chấm điểm đã kết thúc"));
        }
        self.add_to_round_in(&txn, actor, &round, initiative_ids)
            .await?;
        txn.commit().await?;
        Ok(())
    }

    async fn add_to_round_in<C: ConnectionTrait>(
        &self,
        txn: &C,
        actor: &Actor,
        round: &scoring_rounds::Model,
        initiative_ids: &[i64],
    ) -> Result<()> {
        let mut e = Invalid::new();
        for (i, id) in initiative_ids.iter().enumerate() {
            let Some(ini) = initiatives::Entity::find_by_id(*id)
                .one(txn)
                .await?
                .filter(|x| !x.deleted)
            else {
                e.add(
                    &format!("initiative_ids[{i}]"),
                    format!("Không có sáng kiến số {id}"),
                );
                continue;
            };
            let status = status_of(&ini.status);
            if !matches!(status, Status::Submitted | Status::UnderReview) {
                e.add(
                    &format!("initiative_ids[{i}]"),
                    format!(
                        "Sáng kiến “{}” đang ở trạng thái “{}”: chỉ đưa ra hội đồng sáng kiến đã nộp",
                        ini.title,
                        status.label()
                    ),
                );
                continue;
            }
            let already = round_initiatives::Entity::find_by_id((round.id, *id))
                .one(txn)
                .await?
                .is_some();
            if already {
                continue;
            }
            round_initiatives::ActiveModel {
                round_id: Set(round.id),
                initiative_id: Set(*id),
                added_at: Set(Utc::now()),
            }
            .insert(txn)
            .await?;
            if status == Status::Submitted {
                self.move_status(
                    txn,
                    actor,
                    *id,
                    Status::UnderReview,
                    &format!("Đưa ra {}", round.name),
                    None,
                )
                .await?;
            } else {
                // Before another council too: every process must see who may read it now.
                let seq = self.change_seq(txn).await?;
                initiatives::Entity::update_many()
                    .col_expr(initiatives::Column::ChangeSeq, Expr::value(seq))
                    .filter(initiatives::Column::Id.eq(*id))
                    .exec(txn)
                    .await?;
            }
        }
        e.or_ok(())?;
        Ok(())
    }

    /// Closes a round: from now on every member sees every sheet, and nobody scores any more.
    pub async fn close_round(&self, actor: &Actor, round_id: i64) -> Result<scoring_rounds::Model> {
        let txn = self.write_txn().await?;
        let round = scoring_rounds::Entity::find_by_id(round_id)
            .one(&txn)
            .await?
            .ok_or(StoreError::NotFound("vòng chấm điểm"))?;
        if round.status != "open" {
            return Err(conflict("round", "Vòng chấm điểm đã kết thúc từ trước"));
        }
        let mut m: scoring_rounds::ActiveModel = round.clone().into();
        m.status = Set("closed".into());
        m.closed_at = Set(Some(Utc::now()));
        let after = m.update(&txn).await?;
        self.record_audit(
            &txn,
            actor,
            Change::updated("scoring_round", round_id, None, &round, &after),
        )
        .await?;
        txn.commit().await?;
        Ok(after)
    }

    async fn round_rubric<C: ConnectionTrait>(conn: &C, round_id: i64) -> Result<Rubric> {
        Ok(Rubric {
            criteria: rubric_criteria::Entity::find()
                .filter(rubric_criteria::Column::RoundId.eq(round_id))
                .order_by_asc(rubric_criteria::Column::Position)
                .all(conn)
                .await?
                .into_iter()
                .map(|c| RubricCriterion {
                    code: c.code,
                    name: c.name,
                    weight: c.weight.max(0) as u32,
                    max_score: c.max_score.max(0) as u32,
                })
                .collect(),
        })
    }

    /// Records one member's sheet for one initiative of a round. Refused, with nothing written:
    /// after the round closed and a second sheet by the same member (409), a score outside the
    /// rubric, a criterion missing or unknown, a scorer who is not a member or is an author (422).
    pub async fn submit_score(
        &self,
        actor: &Actor,
        round_id: i64,
        initiative_id: i64,
        user_id: i64,
        sheet: SheetInput,
    ) -> Result<scores::Model> {
        let txn = self.write_txn().await?;
        let round = scoring_rounds::Entity::find_by_id(round_id)
            .one(&txn)
            .await?
            .ok_or(StoreError::NotFound("vòng chấm điểm"))?;
        if round_initiatives::Entity::find_by_id((round_id, initiative_id))
            .one(&txn)
            .await?
            .is_none()
        {
            return Err(StoreError::NotFound("sáng kiến trong vòng chấm điểm"));
        }
        let members = council_members::Entity::find()
            .filter(council_members::Column::CouncilId.eq(round.council_id))
            .all(&txn)
            .await?;
        let username = self.username_of(user_id).await?;
        let Some(member) = members
            .iter()
            .find(|m| is_member(m, user_id, username.as_deref()))
        else {
            return Err(
                Invalid::field("member_id", "Người chấm không phải thành viên hội đồng").into(),
            );
        };
        let author_people: HashSet<i64> = initiative_authors::Entity::find()
            .filter(initiative_authors::Column::InitiativeId.eq(initiative_id))
            .all(&txn)
            .await?
            .into_iter()
            .filter_map(|a| a.person_id)
            .collect();
        let existing = scores::Entity::find()
            .filter(scores::Column::RoundId.eq(round_id))
            .filter(scores::Column::InitiativeId.eq(initiative_id))
            .all(&txn)
            .await?;
        let domain_round = ScoringRound {
            rubric: Self::round_rubric(&txn, round_id).await?,
            members: members.iter().map(|m| m.id).collect(),
            authors: members
                .iter()
                .filter(|m| m.person_id.is_some_and(|p| author_people.contains(&p)))
                .map(|m| m.id)
                .collect(),
            closed: round.status != "open",
            sheets: existing
                .iter()
                .map(|s| ScoreSheet {
                    member_id: s.member_id,
                    scores: serde_json::from_str(&s.scores).unwrap_or_default(),
                })
                .collect(),
        };
        let proposed = ScoreSheet {
            member_id: member.id,
            scores: sheet.scores.clone(),
        };
        if domain_round.closed {
            return Err(conflict(
                "round",
                "Vòng chấm điểm đã kết thúc: không thể chấm thêm",
            ));
        }
        if existing.iter().any(|s| s.member_id == member.id) {
            return Err(conflict(
                "member_id",
                "Bạn đã chấm điểm sáng kiến này trong vòng này; mỗi thành viên chấm một lần",
            ));
        }
        domain_round.check(&proposed)?;
        let total = domain_round.rubric.total(&proposed.scores);
        let row = scores::ActiveModel {
            round_id: Set(round_id),
            initiative_id: Set(initiative_id),
            member_id: Set(member.id),
            scores: Set(serde_json::to_string(&proposed.scores).unwrap_or_default()),
            total_hundredths: Set((total * 100.0).round() as i32),
            agrees: Set(sheet.agrees),
            comment: Set(text::clean_multiline(&sheet.comment)),
            submitted_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        // The audit entry says who scored, not the scores: the log is read before the round closes.
        self.record_audit(
            &txn,
            actor,
            Change {
                action: "score",
                entity: "initiative",
                entity_id: Some(initiative_id),
                unit_id: None,
                before: None,
                after: Some(serde_json::json!({"round_id": round_id, "member_id": member.id})),
            },
        )
        .await?;
        txn.commit().await?;
        Ok(row)
    }

    /// A round as the account `user_id` may see it: their own sheets before it closes, everyone's
    /// after. `None` when there is no such round.
    pub async fn round_view(
        &self,
        round_id: i64,
        user_id: Option<i64>,
    ) -> Result<Option<RoundView>> {
        let Some(round) = scoring_rounds::Entity::find_by_id(round_id)
            .one(&self.db)
            .await?
        else {
            return Ok(None);
        };
        let council = councils::Entity::find_by_id(round.council_id)
            .one(&self.db)
            .await?
            .ok_or(StoreError::NotFound("hội đồng"))?;
        let members = council_members::Entity::find()
            .filter(council_members::Column::CouncilId.eq(council.id))
            .order_by_asc(council_members::Column::Position)
            .all(&self.db)
            .await?;
        let username = match user_id {
            Some(u) => self.username_of(u).await?,
            None => None,
        };
        let member = user_id.and_then(|u| {
            members
                .iter()
                .find(|m| is_member(m, u, username.as_deref()))
                .cloned()
        });
        let rubric = Self::round_rubric(&self.db, round_id).await?;
        let closed = round.status != "open";
        let ids: Vec<i64> = round_initiatives::Entity::find()
            .filter(round_initiatives::Column::RoundId.eq(round_id))
            .all(&self.db)
            .await?
            .into_iter()
            .map(|r| r.initiative_id)
            .collect();
        let inits = initiatives::Entity::find()
            .filter(initiatives::Column::Id.is_in(ids.clone()))
            .order_by_asc(initiatives::Column::Id)
            .all(&self.db)
            .await?;
        let all_scores = scores::Entity::find()
            .filter(scores::Column::RoundId.eq(round_id))
            .order_by_asc(scores::Column::Id)
            .all(&self.db)
            .await?;
        let author_rows = initiative_authors::Entity::find()
            .filter(initiative_authors::Column::InitiativeId.is_in(ids.clone()))
            .all(&self.db)
            .await?;
        let recs = recognitions::Entity::find()
            .filter(recognitions::Column::RoundId.eq(round_id))
            .all(&self.db)
            .await?;
        let names: HashMap<i64, String> = members.iter().map(|m| (m.id, m.name.clone())).collect();
        let unit_names = self.unit_names().await?;
        let mut items = Vec::with_capacity(inits.len());
        for i in inits {
            let sheets: Vec<SheetView> = all_scores
                .iter()
                .filter(|s| s.initiative_id == i.id)
                .map(|s| {
                    let sc: BTreeMap<String, u32> =
                        serde_json::from_str(&s.scores).unwrap_or_default();
                    SheetView {
                        member_id: s.member_id,
                        member_name: names.get(&s.member_id).cloned().unwrap_or_default(),
                        total: rubric.total(&sc),
                        scores: sc,
                        agrees: s.agrees,
                        comment: s.comment.clone(),
                    }
                })
                .collect();
            let mine = member
                .as_ref()
                .and_then(|m| sheets.iter().find(|s| s.member_id == m.id).cloned());
            let own_initiative = member.as_ref().is_some_and(|m| {
                m.person_id.is_some_and(|p| {
                    author_rows
                        .iter()
                        .any(|a| a.initiative_id == i.id && a.person_id == Some(p))
                })
            });
            let scored = sheets.len();
            let (mean, agreeing) = if closed && !sheets.is_empty() {
                (
                    Some(sheets.iter().map(|s| s.total).sum::<f64>() / sheets.len() as f64),
                    Some(sheets.iter().filter(|s| s.agrees).count() as u32),
                )
            } else if closed {
                (None, Some(0))
            } else {
                (None, None)
            };
            items.push(RoundItem {
                initiative_id: i.id,
                title: i.title,
                unit_name: unit_names.get(&i.unit_id).cloned().unwrap_or_default(),
                status: i.status,
                mine,
                own_initiative,
                // Blind until the round closes.
                sheets: if closed { sheets } else { Vec::new() },
                scored,
                mean,
                agreeing,
                recognition: recs.iter().find(|r| r.initiative_id == i.id).cloned(),
            });
        }
        Ok(Some(RoundView {
            members: members.len(),
            round,
            council,
            criteria: rubric.criteria,
            member,
            items,
        }))
    }

    /// Records the council's decision on an initiative of a closed round: recognised when the
    /// members agreeing (their sheets, or `agreeing` counted at the meeting) reach the council's
    /// threshold of all its members. The initiative becomes recognised (at the council's scope) or
    /// not recognised.
    pub async fn decide_recognition(
        &self,
        actor: &Actor,
        round_id: i64,
        initiative_id: i64,
        agreeing: Option<u32>,
        decided_on: NaiveDate,
    ) -> Result<recognitions::Model> {
        let txn = self.write_txn().await?;
        let round = scoring_rounds::Entity::find_by_id(round_id)
            .one(&txn)
            .await?
            .ok_or(StoreError::NotFound("vòng chấm điểm"))?;
        if round.status == "open" {
            return Err(conflict(
                "round",
                "Vòng chấm điểm chưa kết thúc: hãy kết thúc vòng trước khi quyết định công nhận",
            ));
        }
        if round_initiatives::Entity::find_by_id((round_id, initiative_id))
            .one(&txn)
            .await?
            .is_none()
        {
            return Err(StoreError::NotFound("sáng kiến trong vòng chấm điểm"));
        }
        let council = councils::Entity::find_by_id(round.council_id)
            .one(&txn)
            .await?
            .ok_or(StoreError::NotFound("hội đồng"))?;
        let members = council_members::Entity::find()
            .filter(council_members::Column::CouncilId.eq(council.id))
            .all(&txn)
            .await?
            .len() as u32;
        let sheets = scores::Entity::find()
            .filter(scores::Column::RoundId.eq(round_id))
            .filter(scores::Column::InitiativeId.eq(initiative_id))
            .all(&txn)
            .await?;
        let agreeing = agreeing.unwrap_or(sheets.iter().filter(|s| s.agrees).count() as u32);
        let rule = RecognitionRule {
            numerator: council.threshold_num.max(0) as u32,
            denominator: council.threshold_den.max(0) as u32,
        };
        let decision = rule.decide(members, agreeing)?;
        let mean = (!sheets.is_empty()).then(|| {
            (sheets
                .iter()
                .map(|s| i64::from(s.total_hundredths))
                .sum::<i64>()
                / sheets.len() as i64) as i32
        });
        let scope = Scope::from_code(&council.scope).unwrap_or(Scope::CoSo);
        let rec = recognitions::ActiveModel {
            initiative_id: Set(initiative_id),
            council_id: Set(council.id),
            round_id: Set(Some(round_id)),
            year: Set(council.year),
            scope: Set(scope.code().to_owned()),
            recognised: Set(decision.recognised),
            members: Set(members as i32),
            agreeing: Set(agreeing as i32),
            mean_hundredths: Set(mean),
            decided_on: Set(decided_on),
            document_id: Set(None),
            created_at: Set(Utc::now()),
            created_by: Set(actor.name.clone()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        let to = if decision.recognised {
            Status::Recognised
        } else {
            Status::NotRecognised
        };
        let note = format!(
            "{}: {}/{} thành viên đồng ý (cần {})",
            council.name, agreeing, members, decision.needed
        );
        self.move_status(&txn, actor, initiative_id, to, &note, None)
            .await?;
        if decision.recognised {
            initiatives::Entity::update_many()
                .col_expr(initiatives::Column::Scope, Expr::value(scope.code()))
                .filter(initiatives::Column::Id.eq(initiative_id))
                .exec(&txn)
                .await?;
        }
        self.record_audit(
            &txn,
            actor,
            Change::created("recognition", rec.id, Some(council.unit_id), &rec),
        )
        .await?;
        txn.commit().await?;
        Ok(rec)
    }

    /// Links a recognition to its decision in the document register, once issued.
    pub async fn set_recognition_document(
        &self,
        actor: &Actor,
        recognition_id: i64,
        document_id: i64,
    ) -> Result<()> {
        let txn = self.write_txn().await?;
        let before = recognitions::Entity::find_by_id(recognition_id)
            .one(&txn)
            .await?
            .ok_or(StoreError::NotFound("quyết định công nhận"))?;
        let mut m: recognitions::ActiveModel = before.clone().into();
        m.document_id = Set(Some(document_id));
        let after = m.update(&txn).await?;
        self.record_audit(
            &txn,
            actor,
            Change::updated("recognition", recognition_id, None, &before, &after),
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    // -----------------------------------------------------------------------------------------
    // Replications

    /// Records that a unit adopted an initiative.
    pub async fn record_replication(
        &self,
        actor: &Actor,
        initiative_id: i64,
        r: NewReplication,
        today: NaiveDate,
    ) -> Result<replications::Model> {
        let mut e = Invalid::new();
        let result = text::clean_multiline(&r.result);
        if result.is_empty() {
            e.add("result", "Chưa nhập kết quả áp dụng");
        }
        if r.adopted_on > today {
            e.add("adopted_on", "Ngày áp dụng không được sau hôm nay");
        }
        if r.benefit_vnd.is_some_and(|b| b < 0) {
            e.add("benefit_vnd", "Số tiền làm lợi không được âm");
        }
        let txn = self.write_txn().await?;
        let ini = initiatives::Entity::find_by_id(initiative_id)
            .one(&txn)
            .await?
            .filter(|i| !i.deleted)
            .ok_or_else(not_found)?;
        if matches!(status_of(&ini.status), Status::Draft | Status::Withdrawn) {
            e.add(
                "initiative_id",
                "Sáng kiến chưa nộp hoặc đã rút thì chưa nhân rộng được",
            );
        }
        match units::Entity::find_by_id(r.unit_id).one(&txn).await? {
            None => e.add("unit_id", "Đơn vị không tồn tại"),
            Some(u) if !u.active => e.add("unit_id", format!("{} không còn hoạt động", u.name)),
            Some(_) => {}
        }
        if !e.is_empty() {
            return Err(e.into());
        }
        if replications::Entity::find()
            .filter(replications::Column::InitiativeId.eq(initiative_id))
            .filter(replications::Column::UnitId.eq(r.unit_id))
            .one(&txn)
            .await?
            .is_some()
        {
            return Err(conflict(
                "unit_id",
                "Đơn vị này đã ghi nhận áp dụng sáng kiến này rồi",
            ));
        }
        let row = replications::ActiveModel {
            initiative_id: Set(initiative_id),
            unit_id: Set(r.unit_id),
            adopted_on: Set(r.adopted_on),
            result: Set(result),
            benefit_vnd: Set(r.benefit_vnd),
            created_at: Set(Utc::now()),
            created_by: Set(actor.name.clone()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        self.record_audit(
            &txn,
            actor,
            Change::created("replication", row.id, Some(r.unit_id), &row),
        )
        .await?;
        txn.commit().await?;
        Ok(row)
    }

    /// The initiatives adopted by the most units, most first (ties by id), among those `keep`
    /// accepts.
    pub async fn most_replicated(
        &self,
        limit: usize,
        keep: impl Fn(i64) -> bool,
    ) -> Result<Vec<ReplicatedRow>> {
        let mut counts: BTreeMap<i64, usize> = BTreeMap::new();
        for r in replications::Entity::find().all(&self.db).await? {
            *counts.entry(r.initiative_id).or_default() += 1;
        }
        let mut list: Vec<(i64, usize)> = counts.into_iter().filter(|(id, _)| keep(*id)).collect();
        list.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        list.truncate(limit);
        let ids: Vec<i64> = list.iter().map(|(i, _)| *i).collect();
        let titles: HashMap<i64, String> = initiatives::Entity::find()
            .filter(initiatives::Column::Id.is_in(ids))
            .all(&self.db)
            .await?
            .into_iter()
            .map(|i| (i.id, i.title))
            .collect();
        Ok(list
            .into_iter()
            .map(|(id, n)| ReplicatedRow {
                initiative_id: id,
                title: titles.get(&id).cloned().unwrap_or_default(),
                replications: n,
            })
            .collect())
    }

    // -----------------------------------------------------------------------------------------
    // What recognition feeds

    /// The recognitions of a person's initiatives: (year, scope), each once, by year then scope.
    /// The rules engine reads "has an initiative recognised at scope X in year Y" from this.
    pub async fn recognised_initiatives_of(&self, person_id: i64) -> Result<Vec<(i32, Scope)>> {
        let ids: Vec<i64> = initiative_authors::Entity::find()
            .filter(initiative_authors::Column::PersonId.eq(person_id))
            .all(&self.db)
            .await?
            .into_iter()
            .map(|a| a.initiative_id)
            .collect();
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let live: HashSet<i64> = initiatives::Entity::find()
            .filter(initiatives::Column::Id.is_in(ids.clone()))
            .filter(initiatives::Column::Deleted.eq(false))
            .all(&self.db)
            .await?
            .into_iter()
            .map(|i| i.id)
            .collect();
        let set: BTreeSet<(i32, Scope)> = recognitions::Entity::find()
            .filter(recognitions::Column::InitiativeId.is_in(ids))
            .filter(recognitions::Column::Recognised.eq(true))
            .all(&self.db)
            .await?
            .into_iter()
            .filter(|r| live.contains(&r.initiative_id))
            .filter_map(|r| Some((r.year, Scope::from_code(&r.scope)?)))
            .collect();
        Ok(set.into_iter().collect())
    }

    /// The union members whose initiatives recognised in `year` reach the Bằng Lao động sáng tạo
    /// thresholds of their staff level under `rule`, by name.
    pub async fn creative_labour(
        &self,
        year: i32,
        rule: &CreativeLabourRule,
    ) -> Result<Vec<CreativeLabourRow>> {
        let ids: BTreeSet<i64> = recognitions::Entity::find()
            .filter(recognitions::Column::Year.eq(year))
            .filter(recognitions::Column::Recognised.eq(true))
            .all(&self.db)
            .await?
            .into_iter()
            .map(|r| r.initiative_id)
            .collect();
        let ids: Vec<i64> = ids.into_iter().collect();
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let inits: HashMap<i64, initiatives::Model> = initiatives::Entity::find()
            .filter(initiatives::Column::Id.is_in(ids.clone()))
            .filter(initiatives::Column::Deleted.eq(false))
            .all(&self.db)
            .await?
            .into_iter()
            .map(|i| (i.id, i))
            .collect();
        let authors = initiative_authors::Entity::find()
            .filter(initiative_authors::Column::InitiativeId.is_in(ids))
            .order_by_asc(initiative_authors::Column::Position)
            .all(&self.db)
            .await?;
        let person_ids: Vec<i64> = authors.iter().filter_map(|a| a.person_id).collect();
        let people: HashMap<i64, people::Model> = people::Entity::find()
            .filter(people::Column::Id.is_in(person_ids))
            .all(&self.db)
            .await?
            .into_iter()
            .map(|p| (p.id, p))
            .collect();
        let list: Vec<RecognisedInitiative> = inits
            .values()
            .map(|i| RecognisedInitiative {
                id: i.id,
                benefit_vnd: i.benefit_vnd,
                authors: authors
                    .iter()
                    .filter(|a| a.initiative_id == i.id)
                    .map(|a| Author {
                        person_id: a.person_id,
                        name: a.name.clone(),
                        share: Share(a.share.max(0) as u32),
                    })
                    .collect(),
            })
            .collect();
        let entries = rule.eligible(&list, |p| {
            let person = people.get(&p)?;
            Some(AuthorFacts {
                staff_level: StaffLevel::from_code(&person.staff_level)?,
                union_member: person.union_member,
            })
        });
        let mut rows = Vec::with_capacity(entries.len());
        let unit_names = self.unit_names().await?;
        for e in entries {
            let Some(p) = people.get(&e.person_id) else {
                continue;
            };
            rows.push(CreativeLabourRow {
                person_id: p.id,
                full_name: p.full_name.clone(),
                unit_id: p.unit_id,
                unit_name: unit_names.get(&p.unit_id).cloned().unwrap_or_default(),
                staff_level: p.staff_level.clone(),
                initiative_id: e.initiative_id,
                title: inits
                    .get(&e.initiative_id)
                    .map(|i| i.title.clone())
                    .unwrap_or_default(),
                counted_vnd: e.counted_vnd,
                threshold_vnd: e.threshold_vnd,
            });
        }
        rows.sort_by(|a, b| {
            text::compare(&a.full_name, &b.full_name).then(a.person_id.cmp(&b.person_id))
        });
        Ok(rows)
    }
}

/// Is this member row the account `user_id` (by id, or by its username)?
fn is_member(m: &council_members::Model, user_id: i64, username: Option<&str>) -> bool {
    m.user_id == Some(user_id) || (username.is_some() && m.username.as_deref() == username)
}

/// A match with its title and the candidate's parts its passages point into.
fn similar_item(index: &thidua_domain::similar::SimilarityIndex, m: Match) -> SimilarItem {
    let mut parts = BTreeMap::new();
    for p in &m.passages {
        let key = part_key(p.candidate.part);
        if let std::collections::btree_map::Entry::Vacant(slot) = parts.entry(key) {
            if let Some(t) = index.part(m.id, p.candidate.part) {
                slot.insert(t.to_owned());
            }
        }
    }
    SimilarItem {
        title: index.title(m.id).unwrap_or_default().to_owned(),
        m,
        parts,
    }
}

/// `title` or `section0`…: the key of a part in [`SimilarItem::parts`].
pub fn part_key(p: Part) -> String {
    match p {
        Part::Title => "title".into(),
        Part::Section(i) => format!("section{i}"),
    }
}
