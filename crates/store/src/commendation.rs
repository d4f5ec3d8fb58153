//! Commendation in the database: yearly ratings entered per unit and year with the year locks,
//! rounds with their awards and quotas, nominations with the rules engine's pre-check, their steps and
//! history, award decisions (drafted from passed nominations, numbered from the document register at
//! approval, final and read-only once the signed scan is attached), the record of achievements
//! (final decisions and imported history) and the case builder that feeds that record, the ratings
//! and the recognised initiatives to the rules engine. Councils, meetings and ballots are in
//! [`crate::ballots`].
//!
//! Every write runs in one [`Store::write_txn`] with its audit entry: a refused input changes
//! nothing.

use crate::audit::{Actor, Change};
use crate::entity::{
    award_decisions, award_rounds, decision_lines, documents, imported_achievements,
    nomination_history, nominations, people, rating_locks, ratings, round_awards, round_quotas,
    unit_ratings, units,
};
use crate::files::Upload;
use crate::{Result, Store, StoreError};
use chrono::{Datelike, NaiveDate, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use thidua_domain::commendation::{
    self as dom, counts_against_quota, is_higher_level, DecisionStatus, ImportedAchievementInput,
    NominationStatus, NominationStep, QuotaUse, RoundStatus, ValidNomination, ValidRound,
};
use thidua_domain::rules::{
    self, Case, Members, Rating, Recognition, RuleTables, Scope, Subject, Verdict, YearRecord,
};
use thidua_domain::text;
use thidua_domain::validation::Invalid;

/// The attachment owner kind of nominations (`store.attach(actor, NOMINATION_FILES, id, …)`).
pub const NOMINATION_FILES: &str = "nomination";
/// The attachment owner kind of a decision's signed scan.
pub const DECISION_FILES: &str = "award_decision";

pub(crate) fn invalid(field: &str, message: impl Into<String>) -> StoreError {
    StoreError::Invalid(Invalid::field(field, message))
}

pub(crate) fn conflict(field: &str, message: impl Into<String>) -> StoreError {
    StoreError::Conflict {
        field: Some(field.into()),
        message: message.into(),
    }
}

/// A unit and every unit under it, read on `conn` (inside a transaction: that transaction's view).
pub(crate) async fn unit_and_below_in<C: ConnectionTrait>(
    conn: &C,
    unit_id: i64,
) -> Result<BTreeSet<i64>> {
    let links: Vec<(i64, Option<i64>)> = units::Entity::find()
        .select_only()
        .column(units::Column::Id)
        .column(units::Column::ParentId)
        .into_tuple()
        .all(conn)
        .await?;
    let mut children: HashMap<i64, Vec<i64>> = HashMap::new();
    for (id, parent) in links {
        if let Some(p) = parent {
            children.entry(p).or_default().push(id);
        }
    }
    let mut out = BTreeSet::new();
    let mut stack = vec![unit_id];
    while let Some(u) = stack.pop() {
        if out.insert(u) {
            stack.extend(children.get(&u).into_iter().flatten().copied());
        }
    }
    Ok(out)
}

/// One person's rating in a unit's grid.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct PersonRating {
    pub person_id: i64,
    /// A rating code; empty removes nothing and is skipped (the grid's blank cell).
    pub rating: String,
}

/// What a save of the grid wrote.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct RatingsSaved {
    pub people: usize,
    pub unit: bool,
}

/// A row of a unit's ratings grid.
#[derive(Debug, Clone, Serialize)]
pub struct GridRow {
    pub person_id: i64,
    pub full_name: String,
    pub position: String,
    pub rating: Option<String>,
}

/// A unit's ratings grid for one year.
#[derive(Debug, Clone, Serialize)]
pub struct RatingsGrid {
    pub unit_id: i64,
    pub year: i32,
    pub locked: bool,
    pub unit_rating: Option<String>,
    pub rows: Vec<GridRow>,
}

/// A round with its awards and quotas.
#[derive(Debug, Clone, Serialize)]
pub struct RoundDetail {
    pub round: award_rounds::Model,
    pub awards: Vec<String>,
    pub quotas: Vec<round_quotas::Model>,
}

/// A unit's use of its quota for one award of a round.
#[derive(Debug, Clone, Serialize)]
pub struct QuotaRow {
    pub award: String,
    pub quota: QuotaUse,
}

/// A round seen whole ([`Store::round_overview`]).
#[derive(Debug, Clone, Serialize)]
pub struct RoundOverview {
    pub detail: RoundDetail,
    /// The nominations in each state that has any, in the order of a nomination's life.
    pub by_status: Vec<(NominationStatus, u64)>,
    /// Each unit's quota per award and its use, units in Vietnamese order.
    pub quotas: Vec<UnitQuota>,
    /// The council meetings on the round, oldest first.
    pub meetings: Vec<crate::entity::council_meetings::Model>,
    /// The decisions drafted from the round, newest first.
    pub decisions: Vec<award_decisions::Model>,
}

/// A unit's quota for one award of a round, and how much of it nominations use.
#[derive(Debug, Clone, Serialize)]
pub struct UnitQuota {
    pub unit_id: i64,
    pub unit_name: String,
    pub award: String,
    pub quota: QuotaUse,
}

/// A nomination with the names lists show.
#[derive(Debug, Clone, Serialize)]
pub struct NominationRow {
    pub nomination: nominations::Model,
    /// The person's or collective's name.
    pub subject_name: String,
    /// The nominating unit's name.
    pub unit_name: String,
    pub award_name: String,
}

/// A nomination and its whole life.
#[derive(Debug, Clone, Serialize)]
pub struct NominationDetail {
    pub row: NominationRow,
    pub history: Vec<nomination_history::Model>,
    pub attachments: Vec<crate::entity::attachments::Model>,
    /// The pre-check's verdict, as stored.
    pub verdict: Option<serde_json::Value>,
}

/// Filters of the nominations list.
#[derive(Debug, Clone, Default)]
pub struct NominationQuery {
    pub round_id: Option<i64>,
    pub status: Option<String>,
    /// Only nominations by these units (the viewer's scope).
    pub within: Option<std::sync::Arc<BTreeSet<i64>>>,
}

/// What a decision is drafted with.
#[derive(Debug, Clone)]
pub struct DecisionDraft {
    pub round_id: i64,
    pub summary: String,
    /// The register: "QĐ-UBND".
    pub symbol: String,
    pub issuer: String,
    pub signer: String,
    /// The expected date, for the money until approval fixes it.
    pub planned_on: NaiveDate,
}

/// A decision with its lines and files.
#[derive(Debug, Clone, Serialize)]
pub struct DecisionDetail {
    pub decision: award_decisions::Model,
    pub lines: Vec<decision_lines::Model>,
    pub attachments: Vec<crate::entity::attachments::Model>,
    pub document: Option<documents::Model>,
}

impl DecisionDetail {
    /// The decision's texts as printed: what the office set on the draft, the defaults for what
    /// a decision drafted before m0012 lacks (see [`dom::default_decision_texts`]), and the
    /// signer (name, title, authority; from the old single `signer` field when no title is set).
    pub fn texts(&self) -> dom::DecisionTexts {
        let d = &self.decision;
        let year = self.lines.first().map(|l| l.year);
        let defaults = dom::default_decision_texts(year);
        let bases: Vec<String> = d
            .bases
            .as_deref()
            .unwrap_or_default()
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect();
        let given = |v: &Option<String>, default: String| {
            v.as_deref()
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(str::to_owned)
                .unwrap_or(default)
        };
        dom::DecisionTexts {
            bases: if bases.is_empty() {
                defaults.bases
            } else {
                bases
            },
            funding: given(&d.funding, defaults.funding),
            executors: given(&d.executors, defaults.executors),
            signer: match d.signer_title.as_deref().filter(|t| !t.trim().is_empty()) {
                Some(title) => dom::DecisionSigner {
                    name: d.signer.trim().to_owned(),
                    title: title.trim().to_owned(),
                    authority: d
                        .signer_authority
                        .as_deref()
                        .unwrap_or_default()
                        .trim()
                        .to_owned(),
                },
                None => dom::DecisionSigner::from_text(&d.signer),
            },
        }
    }
}

/// What [`Store::admit_nomination_in`] found: the nominating unit (given, or the subject's own),
/// the subject's name and the rules engine's verdict.
#[derive(Debug, Clone)]
pub struct AdmittedNomination {
    pub unit_id: i64,
    pub subject_name: String,
    pub verdict: Verdict,
}

/// One award in a record of achievements.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Achievement {
    pub year: i32,
    pub award: String,
    pub award_name: String,
    /// `decision` (a final decision of thidua) or `imported`.
    pub source: &'static str,
    pub reference: Option<String>,
    pub decided_on: Option<NaiveDate>,
    pub amount_vnd: Option<i64>,
    pub decision_id: Option<i64>,
}

/// A person's or a unit's record of achievements (hồ sơ thành tích), newest first, with the ratings.
#[derive(Debug, Clone, Serialize)]
pub struct Record {
    pub name: String,
    pub achievements: Vec<Achievement>,
    /// (year, rating code), newest first.
    pub ratings: Vec<(i32, String)>,
    /// Money of all awards in the record whose amount is known.
    pub total_vnd: i64,
}

pub(crate) fn award_name(tables: &RuleTables, code: &str) -> String {
    tables
        .item(code)
        .map(|i| i.name.clone())
        .unwrap_or_else(|| code.to_owned())
}

fn date_vn(d: NaiveDate) -> String {
    thidua_domain::format::date_vn(d)
}

impl Store {
    // ----- yearly ratings ---------------------------------------------------------------------

    async fn year_locked<C: ConnectionTrait>(conn: &C, year: i32) -> Result<bool> {
        Ok(rating_locks::Entity::find()
            .filter(rating_locks::Column::Year.eq(year))
            .one(conn)
            .await?
            .is_some())
    }

    /// Saves a unit's ratings grid for a year: each person's rating (a person of the unit or a unit
    /// under it), and the unit's own when given. All rows are checked first; a problem anywhere,
    /// or a locked year, writes nothing. Existing ratings of that year are replaced.
    pub async fn save_ratings(
        &self,
        actor: &Actor,
        unit_id: i64,
        year: i32,
        rows: &[PersonRating],
        unit_rating: Option<&str>,
    ) -> Result<RatingsSaved> {
        dom::check_rating_year(year)?;
        let txn = self.write_txn().await?;
        if units::Entity::find_by_id(unit_id)
            .one(&txn)
            .await?
            .is_none()
        {
            return Err(StoreError::NotFound("đơn vị"));
        }
        if Self::year_locked(&txn, year).await? {
            return Err(conflict(
                "year",
                format!("Năm {year} đã khoá xếp loại; đề nghị Phòng Nội vụ mở khoá nếu cần sửa"),
            ));
        }
        let scope = unit_and_below_in(&txn, unit_id).await?;
        let mut e = Invalid::new();
        let ids: Vec<i64> = rows.iter().map(|r| r.person_id).collect();
        let mut found: HashMap<i64, people::Model> = HashMap::new();
        for chunk in ids.chunks(500) {
            for p in people::Entity::find()
                .filter(people::Column::Id.is_in(chunk.to_vec()))
                .all(&txn)
                .await?
            {
                found.insert(p.id, p);
            }
        }
        let mut seen = BTreeSet::new();
        let mut good: Vec<(i64, Rating, i64)> = Vec::new();
        for (i, r) in rows.iter().enumerate() {
            if r.rating.trim().is_empty() {
                continue;
            }
            let rating = match dom::parse_rating(&format!("rows[{i}].rating"), &r.rating) {
                Ok(x) => Some(x),
                Err(x) => {
                    for (k, v) in x.fields {
                        e.add(&k, v);
                    }
                    None
                }
            };
            match found.get(&r.person_id) {
                None => e.add(
                    &format!("rows[{i}].person_id"),
                    format!("Không có người mã {} trong danh bạ", r.person_id),
                ),
                Some(p) if !scope.contains(&p.unit_id) => e.add(
                    &format!("rows[{i}].person_id"),
                    format!("{} không thuộc đơn vị này", p.full_name),
                ),
                Some(p) => {
                    if !seen.insert(p.id) {
                        e.add(
                            &format!("rows[{i}].person_id"),
                            format!("{} có hai dòng xếp loại", p.full_name),
                        );
                    } else if let Some(rating) = rating {
                        good.push((p.id, rating, p.unit_id));
                    }
                }
            }
        }
        let unit_rating = match unit_rating.map(str::trim).filter(|s| !s.is_empty()) {
            None => None,
            Some(code) => match dom::parse_rating("unit_rating", code) {
                Ok(r) => Some(r),
                Err(x) => {
                    for (k, v) in x.fields {
                        e.add(&k, v);
                    }
                    None
                }
            },
        };
        if !e.is_empty() {
            return Err(e.into());
        }
        for chunk in good.chunks(500) {
            let models = chunk.iter().map(|(pid, rating, uid)| ratings::ActiveModel {
                person_id: Set(*pid),
                year: Set(year),
                rating: Set(rating.code().to_owned()),
                unit_id: Set(*uid),
                ..Default::default()
            });
            ratings::Entity::insert_many(models)
                .on_conflict(
                    OnConflict::columns([ratings::Column::PersonId, ratings::Column::Year])
                        .update_columns([ratings::Column::Rating, ratings::Column::UnitId])
                        .to_owned(),
                )
                .exec_without_returning(&txn)
                .await?;
        }
        if let Some(r) = unit_rating {
            unit_ratings::Entity::insert(unit_ratings::ActiveModel {
                unit_id: Set(unit_id),
                year: Set(year),
                rating: Set(r.code().to_owned()),
                ..Default::default()
            })
            .on_conflict(
                OnConflict::columns([unit_ratings::Column::UnitId, unit_ratings::Column::Year])
                    .update_column(unit_ratings::Column::Rating)
                    .to_owned(),
            )
            .exec_without_returning(&txn)
            .await?;
        }
        let saved = RatingsSaved {
            people: good.len(),
            unit: unit_rating.is_some(),
        };
        self.record_audit(
            &txn,
            actor,
            Change {
                action: "rate",
                entity: "ratings",
                entity_id: None,
                unit_id: Some(unit_id),
                before: None,
                after: crate::audit::snapshot(&serde_json::json!({
                    "year": year,
                    "ratings": good.iter().map(|(p, r, _)| (p, r.code())).collect::<Vec<_>>(),
                    "unit_rating": unit_rating.map(|r| r.code()),
                })),
            },
        )
        .await?;
        txn.commit().await?;
        Ok(saved)
    }

    /// Locks a year's ratings: from now on a rating for it is refused.
    pub async fn lock_rating_year(&self, actor: &Actor, year: i32) -> Result<()> {
        dom::check_rating_year(year)?;
        let txn = self.write_txn().await?;
        if Self::year_locked(&txn, year).await? {
            return Err(conflict("year", format!("Năm {year} đã khoá xếp loại")));
        }
        let row = rating_locks::ActiveModel {
            year: Set(year),
            locked_at: Set(Utc::now()),
            locked_by: Set(actor.name.clone()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        self.record_audit(
            &txn,
            actor,
            Change {
                action: "lock",
                ..Change::created("rating_lock", row.id, None, &row)
            },
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    /// Whether a year's ratings are locked.
    pub async fn rating_year_locked(&self, year: i32) -> Result<bool> {
        Self::year_locked(&self.db, year).await
    }

    /// A unit's grid for a year: its people (directly in it) with their ratings, and its own rating.
    pub async fn ratings_grid(&self, unit_id: i64, year: i32) -> Result<RatingsGrid> {
        if units::Entity::find_by_id(unit_id)
            .one(&self.db)
            .await?
            .is_none()
        {
            return Err(StoreError::NotFound("đơn vị"));
        }
        let staff = people::Entity::find()
            .filter(people::Column::UnitId.eq(unit_id))
            .order_by_asc(people::Column::SortKey)
            .all(&self.db)
            .await?;
        let ids: Vec<i64> = staff.iter().map(|p| p.id).collect();
        let mut by_person: HashMap<i64, String> = HashMap::new();
        for chunk in ids.chunks(500) {
            for r in ratings::Entity::find()
                .filter(ratings::Column::Year.eq(year))
                .filter(ratings::Column::PersonId.is_in(chunk.to_vec()))
                .all(&self.db)
                .await?
            {
                by_person.insert(r.person_id, r.rating);
            }
        }
        let unit_rating = unit_ratings::Entity::find()
            .filter(unit_ratings::Column::UnitId.eq(unit_id))
            .filter(unit_ratings::Column::Year.eq(year))
            .one(&self.db)
            .await?
            .map(|r| r.rating);
        Ok(RatingsGrid {
            unit_id,
            year,
            locked: self.rating_year_locked(year).await?,
            unit_rating,
            rows: staff
                .into_iter()
                .map(|p| GridRow {
                    rating: by_person.remove(&p.id),
                    person_id: p.id,
                    full_name: p.full_name,
                    position: p.position,
                })
                .collect(),
        })
    }

    // ----- rounds -----------------------------------------------------------------------------

    /// Creates a round with its awards and quotas.
    pub async fn create_round(&self, actor: &Actor, r: ValidRound) -> Result<RoundDetail> {
        let txn = self.write_txn().await?;
        for (i, q) in r.quotas.iter().enumerate() {
            if units::Entity::find_by_id(q.unit_id)
                .one(&txn)
                .await?
                .is_none()
            {
                return Err(invalid(
                    &format!("quotas[{i}].unit_id"),
                    format!("Không có đơn vị mã {}", q.unit_id),
                ));
            }
        }
        let round = award_rounds::ActiveModel {
            name: Set(r.name.clone()),
            kind: Set(r.kind.code().into()),
            year: Set(r.year),
            movement_id: Set(r.movement_id),
            document_id: Set(r.document_id),
            deadline: Set(r.deadline),
            status: Set(RoundStatus::Open.code().into()),
            created_at: Set(Utc::now()),
            created_by: Set(actor.name.clone()),
            version: Set(1),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        for (i, a) in r.awards.iter().enumerate() {
            round_awards::ActiveModel {
                round_id: Set(round.id),
                position: Set(i as i32),
                award: Set(a.clone()),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
        }
        for q in &r.quotas {
            round_quotas::ActiveModel {
                round_id: Set(round.id),
                unit_id: Set(q.unit_id),
                award: Set(q.award.clone()),
                max_count: Set(q.max.min(i32::MAX as u32) as i32),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
        }
        self.record_audit(
            &txn,
            actor,
            Change::created("award_round", round.id, None, &r),
        )
        .await?;
        let detail = Self::round_in(&txn, round.id)
            .await?
            .ok_or(StoreError::NotFound("đợt xét"))?;
        txn.commit().await?;
        Ok(detail)
    }

    async fn round_in<C: ConnectionTrait>(conn: &C, id: i64) -> Result<Option<RoundDetail>> {
        let Some(round) = award_rounds::Entity::find_by_id(id).one(conn).await? else {
            return Ok(None);
        };
        let awards = round_awards::Entity::find()
            .filter(round_awards::Column::RoundId.eq(id))
            .order_by_asc(round_awards::Column::Position)
            .all(conn)
            .await?
            .into_iter()
            .map(|a| a.award)
            .collect();
        let quotas = round_quotas::Entity::find()
            .filter(round_quotas::Column::RoundId.eq(id))
            .order_by_asc(round_quotas::Column::Id)
            .all(conn)
            .await?;
        Ok(Some(RoundDetail {
            round,
            awards,
            quotas,
        }))
    }

    /// One round.
    pub async fn award_round(&self, id: i64) -> Result<Option<RoundDetail>> {
        Self::round_in(&self.db, id).await
    }

    /// Every round, newest year first.
    pub async fn award_rounds(&self) -> Result<Vec<award_rounds::Model>> {
        Ok(award_rounds::Entity::find()
            .order_by_desc(award_rounds::Column::Year)
            .order_by_desc(award_rounds::Column::Id)
            .all(&self.db)
            .await?)
    }

    /// Changes a round's name, deadline and quotas (its awards stay). A stale version is a 409.
    pub async fn update_round(
        &self,
        actor: &Actor,
        id: i64,
        version: i32,
        r: ValidRound,
    ) -> Result<RoundDetail> {
        let txn = self.write_txn().await?;
        let before = Self::round_in(&txn, id)
            .await?
            .ok_or(StoreError::NotFound("đợt xét"))?;
        if before.round.version != version {
            return Err(crate::movements::stale_edit());
        }
        if before.awards != r.awards {
            return Err(invalid(
                "awards",
                "Không đổi danh hiệu, hình thức của đợt xét đã tạo; hãy tạo đợt xét mới",
            ));
        }
        let mut am = before.round.clone().into_active_model();
        am.name = Set(r.name.clone());
        am.deadline = Set(r.deadline);
        am.version = Set(version + 1);
        am.update(&txn).await?;
        round_quotas::Entity::delete_many()
            .filter(round_quotas::Column::RoundId.eq(id))
            .exec(&txn)
            .await?;
        for q in &r.quotas {
            round_quotas::ActiveModel {
                round_id: Set(id),
                unit_id: Set(q.unit_id),
                award: Set(q.award.clone()),
                max_count: Set(q.max.min(i32::MAX as u32) as i32),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
        }
        let after = Self::round_in(&txn, id)
            .await?
            .ok_or(StoreError::NotFound("đợt xét"))?;
        self.record_audit(
            &txn,
            actor,
            Change::updated("award_round", id, None, &before, &after),
        )
        .await?;
        txn.commit().await?;
        Ok(after)
    }

    /// Ends a round's intake of nominations. A round closed already stays as it is (no new
    /// version, no second audit entry): a second click or a retried request changes nothing.
    pub async fn close_award_round(&self, actor: &Actor, id: i64) -> Result<()> {
        let txn = self.write_txn().await?;
        let before = award_rounds::Entity::find_by_id(id)
            .one(&txn)
            .await?
            .ok_or(StoreError::NotFound("đợt xét"))?;
        if before.status == RoundStatus::Closed.code() {
            return Ok(());
        }
        let mut am = before.clone().into_active_model();
        am.status = Set(RoundStatus::Closed.code().into());
        am.version = Set(before.version + 1);
        let after = am.update(&txn).await?;
        self.record_audit(
            &txn,
            actor,
            Change {
                action: "close",
                ..Change::updated("award_round", id, None, &before, &after)
            },
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    async fn quota_use_in<C: ConnectionTrait>(
        conn: &C,
        round_id: i64,
        unit_id: i64,
    ) -> Result<Vec<QuotaRow>> {
        let quotas = round_quotas::Entity::find()
            .filter(round_quotas::Column::RoundId.eq(round_id))
            .filter(round_quotas::Column::UnitId.eq(unit_id))
            .all(conn)
            .await?;
        if quotas.is_empty() {
            return Ok(Vec::new());
        }
        let noms = nominations::Entity::find()
            .filter(nominations::Column::RoundId.eq(round_id))
            .filter(nominations::Column::UnitId.eq(unit_id))
            .all(conn)
            .await?;
        Ok(quotas
            .into_iter()
            .map(|q| {
                let used = noms
                    .iter()
                    .filter(|n| n.award == q.award)
                    .filter(|n| {
                        NominationStatus::from_code(&n.status).is_some_and(counts_against_quota)
                    })
                    .count() as u32;
                QuotaRow {
                    award: q.award,
                    quota: QuotaUse {
                        max: q.max_count.max(0) as u32,
                        used,
                    },
                }
            })
            .collect())
    }

    /// A unit's quotas in a round and how much of each is used (shown while nominating).
    pub async fn quota_use(&self, round_id: i64, unit_id: i64) -> Result<Vec<QuotaRow>> {
        Self::quota_use_in(&self.db, round_id, unit_id).await
    }

    /// A round seen whole, for its page: its nominations counted by state, each unit's quotas with
    /// what is used of them, its council meetings and its decisions. `within` narrows the
    /// nominations and quotas to a scope's units (a unit officer sees their own).
    pub async fn round_overview(
        &self,
        id: i64,
        within: Option<&BTreeSet<i64>>,
    ) -> Result<Option<RoundOverview>> {
        use crate::entity::council_meetings;
        let Some(detail) = Self::round_in(&self.db, id).await? else {
            return Ok(None);
        };
        let seen = |unit: i64| within.is_none_or(|w| w.contains(&unit));
        let noms: Vec<(i64, String, String)> = nominations::Entity::find()
            .select_only()
            .column(nominations::Column::UnitId)
            .column(nominations::Column::Award)
            .column(nominations::Column::Status)
            .filter(nominations::Column::RoundId.eq(id))
            .into_tuple::<(i64, String, String)>()
            .all(&self.db)
            .await?
            .into_iter()
            .filter(|(unit, _, _)| seen(*unit))
            .collect();
        let by_status = NominationStatus::ALL
            .iter()
            .map(|s| {
                let count = noms.iter().filter(|(_, _, st)| st == s.code()).count() as u64;
                (*s, count)
            })
            .filter(|(_, count)| *count > 0)
            .collect();
        // What counts against a quota, per unit and award, counted once.
        let mut used: HashMap<(i64, &str), u32> = HashMap::new();
        for (unit, award, status) in &noms {
            if NominationStatus::from_code(status).is_some_and(counts_against_quota) {
                *used.entry((*unit, award.as_str())).or_default() += 1;
            }
        }
        let quota_rows: Vec<&round_quotas::Model> =
            detail.quotas.iter().filter(|q| seen(q.unit_id)).collect();
        let unit_ids: Vec<i64> = quota_rows.iter().map(|q| q.unit_id).collect();
        let names: HashMap<i64, String> = if unit_ids.is_empty() {
            HashMap::new()
        } else {
            units::Entity::find()
                .select_only()
                .column(units::Column::Id)
                .column(units::Column::Name)
                .filter(units::Column::Id.is_in(unit_ids))
                .into_tuple::<(i64, String)>()
                .all(&self.db)
                .await?
                .into_iter()
                .collect()
        };
        let mut quotas: Vec<UnitQuota> = quota_rows
            .into_iter()
            .map(|q| UnitQuota {
                unit_id: q.unit_id,
                unit_name: names.get(&q.unit_id).cloned().unwrap_or_default(),
                award: q.award.clone(),
                quota: QuotaUse {
                    max: q.max_count.max(0) as u32,
                    used: used
                        .get(&(q.unit_id, q.award.as_str()))
                        .copied()
                        .unwrap_or(0),
                },
            })
            .collect();
        quotas.sort_by(|a, b| {
            text::compare(&a.unit_name, &b.unit_name).then_with(|| {
                let position = |award: &str| detail.awards.iter().position(|x| x == award);
                position(&a.award).cmp(&position(&b.award))
            })
        });
        let meetings = council_meetings::Entity::find()
            .filter(council_meetings::Column::RoundId.eq(id))
            .order_by_asc(council_meetings::Column::HeldOn)
            .order_by_asc(council_meetings::Column::Id)
            .all(&self.db)
            .await?;
        let decisions = self.award_decisions(Some(id)).await?;
        Ok(Some(RoundOverview {
            detail,
            by_status,
            quotas,
            meetings,
            decisions,
        }))
    }

    // ----- the case builder and the pre-check -------------------------------------------------

    /// Titles and forms of a person (`person_id`) or a unit (`unit_id`) by year, from final
    /// decisions and imported history.
    async fn titles_by_year<C: ConnectionTrait>(
        conn: &C,
        person_id: Option<i64>,
        unit_id: Option<i64>,
    ) -> Result<BTreeMap<i32, Vec<String>>> {
        let mut out: BTreeMap<i32, Vec<String>> = BTreeMap::new();
        for a in Self::achievements_in(conn, person_id, unit_id).await? {
            let v = out.entry(a.year).or_default();
            if !v.contains(&a.award) {
                v.push(a.award);
            }
        }
        Ok(out)
    }

    /// The record's awards (without names), oldest first.
    async fn achievements_in<C: ConnectionTrait>(
        conn: &C,
        person_id: Option<i64>,
        unit_id: Option<i64>,
    ) -> Result<Vec<Achievement>> {
        let mut lines = decision_lines::Entity::find();
        let mut imported = imported_achievements::Entity::find();
        match (person_id, unit_id) {
            (Some(p), _) => {
                lines = lines.filter(decision_lines::Column::PersonId.eq(p));
                imported = imported.filter(imported_achievements::Column::PersonId.eq(p));
            }
            (None, Some(u)) => {
                lines = lines
                    .filter(decision_lines::Column::UnitId.eq(u))
                    .filter(decision_lines::Column::Subject.eq(Subject::Collective.code()));
                imported = imported.filter(imported_achievements::Column::UnitId.eq(u));
            }
            (None, None) => return Ok(Vec::new()),
        }
        let lines = lines.all(conn).await?;
        let decision_ids: Vec<i64> = lines.iter().map(|l| l.decision_id).collect();
        let finals: HashMap<i64, award_decisions::Model> = if decision_ids.is_empty() {
            HashMap::new()
        } else {
            award_decisions::Entity::find()
                .filter(award_decisions::Column::Id.is_in(decision_ids))
                .filter(award_decisions::Column::Status.eq(DecisionStatus::Final.code()))
                .all(conn)
                .await?
                .into_iter()
                .map(|d| (d.id, d))
                .collect()
        };
        let mut out: Vec<Achievement> = lines
            .into_iter()
            .filter_map(|l| {
                let d = finals.get(&l.decision_id)?;
                Some(Achievement {
                    year: l.year,
                    award: l.award,
                    award_name: String::new(),
                    source: "decision",
                    reference: d.reference.clone(),
                    decided_on: d.signed_on,
                    amount_vnd: l.amount_vnd,
                    decision_id: Some(d.id),
                })
            })
            .collect();
        for i in imported.all(conn).await? {
            out.push(Achievement {
                year: i.year,
                award: i.award,
                award_name: String::new(),
                source: "imported",
                reference: Some(i.reference).filter(|r| !r.is_empty()),
                decided_on: i.decided_on,
                amount_vnd: i.amount_vnd,
                decision_id: None,
            });
        }
        out.sort_by(|a, b| (a.year, &a.award).cmp(&(b.year, &b.award)));
        Ok(out)
    }

    /// The case of a person for `award` in `year` by a decision on `decision_date`: every year's
    /// rating, titles and forms from the record, recognised initiatives.
    pub async fn case_for_person(
        &self,
        person_id: i64,
        award: &str,
        year: i32,
        decision_date: NaiveDate,
    ) -> Result<Case> {
        Self::person_case_in(self, &self.db, person_id, award, year, decision_date).await
    }

    async fn person_case_in<C: ConnectionTrait>(
        &self,
        conn: &C,
        person_id: i64,
        award: &str,
        year: i32,
        decision_date: NaiveDate,
    ) -> Result<Case> {
        let person = people::Entity::find_by_id(person_id)
            .one(conn)
            .await?
            .ok_or(StoreError::NotFound("người"))?;
        let mut years: BTreeMap<i32, YearRecord> = BTreeMap::new();
        for r in ratings::Entity::find()
            .filter(ratings::Column::PersonId.eq(person_id))
            .all(conn)
            .await?
        {
            years
                .entry(r.year)
                .or_insert_with(|| YearRecord::empty(r.year))
                .rating = Rating::from_code(&r.rating);
        }
        for (y, titles) in Self::titles_by_year(conn, Some(person_id), None).await? {
            years
                .entry(y)
                .or_insert_with(|| YearRecord::empty(y))
                .titles = titles;
        }
        for (y, scope) in self.recognised_initiatives_of(person_id).await? {
            if let Some(s) = Scope::from_code(scope.code()) {
                years
                    .entry(y)
                    .or_insert_with(|| YearRecord::empty(y))
                    .initiatives
                    .push(Recognition {
                        scope: s,
                        benefit_vnd: None,
                        name: None,
                    });
            }
        }
        let last = decision_date.year();
        Ok(Case {
            subject: Subject::Individual,
            title: award.to_owned(),
            year,
            decision_date,
            received_on: None,
            history: years.into_values().filter(|r| r.year <= last).collect(),
            discipline_pending: false,
            disciplined: None,
            members: None,
            staff_level: staff_level_of(&person.staff_level),
            union_member: Some(person.union_member),
            issuer: None,
        })
    }

    /// The case of a collective (a unit) for `award` in `year`: its own ratings and titles, and its
    /// members of that year counted from their ratings and records.
    pub async fn case_for_unit(
        &self,
        unit_id: i64,
        award: &str,
        year: i32,
        decision_date: NaiveDate,
    ) -> Result<Case> {
        Self::unit_case_in(&self.db, unit_id, award, year, decision_date).await
    }

    async fn unit_case_in<C: ConnectionTrait>(
        conn: &C,
        unit_id: i64,
        award: &str,
        year: i32,
        decision_date: NaiveDate,
    ) -> Result<Case> {
        if units::Entity::find_by_id(unit_id)
            .one(conn)
            .await?
            .is_none()
        {
            return Err(StoreError::NotFound("đơn vị"));
        }
        let mut years: BTreeMap<i32, YearRecord> = BTreeMap::new();
        for r in unit_ratings::Entity::find()
            .filter(unit_ratings::Column::UnitId.eq(unit_id))
            .all(conn)
            .await?
        {
            years
                .entry(r.year)
                .or_insert_with(|| YearRecord::empty(r.year))
                .rating = Rating::from_code(&r.rating);
        }
        for (y, titles) in Self::titles_by_year(conn, None, Some(unit_id)).await? {
            years
                .entry(y)
                .or_insert_with(|| YearRecord::empty(y))
                .titles = titles;
        }
        // Members of the judged year: those rated in the unit that year.
        let rated = ratings::Entity::find()
            .filter(ratings::Column::UnitId.eq(unit_id))
            .filter(ratings::Column::Year.eq(year))
            .all(conn)
            .await?;
        let members = if rated.is_empty() {
            None
        } else {
            let ids: Vec<i64> = rated.iter().map(|r| r.person_id).collect();
            let mut titled: HashMap<&'static str, u32> = HashMap::new();
            for chunk in ids.chunks(500) {
                let l = decision_lines::Entity::find()
                    .filter(decision_lines::Column::PersonId.is_in(chunk.to_vec()))
                    .filter(decision_lines::Column::Year.eq(year))
                    .all(conn)
                    .await?;
                let decision_ids: Vec<i64> = l.iter().map(|x| x.decision_id).collect();
                let finals: BTreeSet<i64> = if decision_ids.is_empty() {
                    BTreeSet::new()
                } else {
                    award_decisions::Entity::find()
                        .filter(award_decisions::Column::Id.is_in(decision_ids))
                        .filter(award_decisions::Column::Status.eq(DecisionStatus::Final.code()))
                        .all(conn)
                        .await?
                        .into_iter()
                        .map(|d| d.id)
                        .collect()
                };
                let imported = imported_achievements::Entity::find()
                    .filter(imported_achievements::Column::PersonId.is_in(chunk.to_vec()))
                    .filter(imported_achievements::Column::Year.eq(year))
                    .all(conn)
                    .await?;
                let mut per: BTreeSet<(i64, String)> = BTreeSet::new();
                for x in l.into_iter().filter(|x| finals.contains(&x.decision_id)) {
                    if let Some(p) = x.person_id {
                        per.insert((p, x.award));
                    }
                }
                for x in imported {
                    if let Some(p) = x.person_id {
                        per.insert((p, x.award));
                    }
                }
                for (_, award) in per {
                    for code in ["lao_dong_tien_tien", "chien_si_thi_dua_co_so"] {
                        if award == code {
                            *titled.entry(code).or_default() += 1;
                        }
                    }
                }
            }
            let completed = rated
                .iter()
                .filter(|r| {
                    Rating::from_code(&r.rating).is_some_and(|x| x.at_least(Rating::HoanThanh))
                })
                .count() as u32;
            Some(Members {
                total: rated.len() as u32,
                completed: Some(completed),
                lao_dong_tien_tien: Some(titled.get("lao_dong_tien_tien").copied().unwrap_or(0)),
                chien_si_thi_dua_co_so: Some(
                    titled.get("chien_si_thi_dua_co_so").copied().unwrap_or(0),
                ),
                disciplined_canh_cao_or_above: None,
            })
        };
        let last = decision_date.year();
        Ok(Case {
            subject: Subject::Collective,
            title: award.to_owned(),
            year,
            decision_date,
            received_on: None,
            history: years.into_values().filter(|r| r.year <= last).collect(),
            discipline_pending: false,
            disciplined: None,
            members,
            staff_level: None,
            union_member: None,
            issuer: None,
        })
    }

    /// Judges a nomination's subject with the rules engine, reading the record from the database.
    async fn precheck_in<C: ConnectionTrait>(
        &self,
        conn: &C,
        (subject, person_id, subject_unit_id): (Subject, Option<i64>, Option<i64>),
        award: &str,
        year: i32,
        decision_date: NaiveDate,
    ) -> Result<std::result::Result<Verdict, rules::CaseError>> {
        let case = match (subject, person_id, subject_unit_id) {
            (Subject::Individual, Some(p), _) => {
                self.person_case_in(conn, p, award, year, decision_date)
                    .await?
            }
            (Subject::Collective, _, Some(u)) => {
                Self::unit_case_in(conn, u, award, year, decision_date).await?
            }
            _ => return Err(invalid("subject", "Thiếu đối tượng được đề nghị")),
        };
        let tables = self.rule_tables().await?;
        Ok(rules::judge(&case, &tables))
    }

    /// The decision date a round's pre-checks assume: its deadline, or the first day after the
    /// judged year when the deadline falls inside it earlier.
    fn assumed_decision_date(round: &award_rounds::Model) -> NaiveDate {
        let floor = NaiveDate::from_ymd_opt(round.year, 12, 31).unwrap_or(round.deadline);
        round.deadline.max(floor)
    }

    // ----- nominations ------------------------------------------------------------------------

    /// Creates a draft nomination, pre-checked by the rules engine (the verdict is kept and
    /// answered). Refused: a round that is closed or past its deadline on `today`, a subject outside
    /// the nominating unit's scope, a quota used up, the same subject and award twice in a round.
    pub async fn create_nomination(
        &self,
        actor: &Actor,
        n: ValidNomination,
        today: NaiveDate,
    ) -> Result<NominationDetail> {
        let txn = self.write_txn().await?;
        let admitted = self.admit_nomination_in(&txn, &n, today).await?;
        let model = Self::insert_nomination_in(&txn, actor, &n, &admitted).await?;
        self.record_audit(
            &txn,
            actor,
            Change::created("nomination", model.id, Some(admitted.unit_id), &model),
        )
        .await?;
        txn.commit().await?;
        self.nomination(model.id)
            .await?
            .ok_or(StoreError::NotFound("đề nghị"))
    }

    /// Every check a new nomination passes, read on `conn` (inside a write transaction: with the
    /// rows it wrote before, so that a list's own rows count against the quota and as duplicates):
    /// the round open and within its deadline on `today`, the subject found and within the
    /// nominating unit's scope, no other live nomination of the subject for the award, a quota not
    /// used up; then the rules engine's pre-check. Writes nothing.
    pub(crate) async fn admit_nomination_in<C: ConnectionTrait>(
        &self,
        conn: &C,
        n: &ValidNomination,
        today: NaiveDate,
    ) -> Result<AdmittedNomination> {
        let round = award_rounds::Entity::find_by_id(n.round_id)
            .one(conn)
            .await?
            .ok_or_else(|| invalid("round_id", "Không có đợt xét này"))?;
        Self::round_takes_nominations(&round, today)?;
        let (subject_unit, subject_name) = match n.subject {
            Subject::Individual => {
                let pid = n
                    .person_id
                    .ok_or_else(|| invalid("person_id", "Chọn người được đề nghị"))?;
                let p = people::Entity::find_by_id(pid)
                    .one(conn)
                    .await?
                    .ok_or_else(|| invalid("person_id", format!("Không có người mã {pid}")))?;
                (p.unit_id, p.full_name)
            }
            Subject::Collective => {
                let uid = n
                    .subject_unit_id
                    .ok_or_else(|| invalid("subject_unit_id", "Chọn tập thể được đề nghị"))?;
                let u = units::Entity::find_by_id(uid)
                    .one(conn)
                    .await?
                    .ok_or_else(|| {
                        invalid("subject_unit_id", format!("Không có đơn vị mã {uid}"))
                    })?;
                (u.id, u.name)
            }
        };
        let unit_id = n.unit_id.unwrap_or(subject_unit);
        if units::Entity::find_by_id(unit_id)
            .one(conn)
            .await?
            .is_none()
        {
            return Err(invalid("unit_id", format!("Không có đơn vị mã {unit_id}")));
        }
        let scope = unit_and_below_in(conn, unit_id).await?;
        if !scope.contains(&subject_unit) {
            let field = match n.subject {
                Subject::Individual => "person_id",
                Subject::Collective => "subject_unit_id",
            };
            return Err(invalid(
                field,
                format!("{subject_name} không thuộc phạm vi của đơn vị đề nghị"),
            ));
        }
        let same = nominations::Entity::find()
            .filter(nominations::Column::RoundId.eq(n.round_id))
            .filter(nominations::Column::Award.eq(n.award.clone()))
            .all(conn)
            .await?
            .into_iter()
            .any(|x| {
                x.person_id == n.person_id
                    && x.subject_unit_id == n.subject_unit_id
                    && x.status != NominationStatus::Rejected.code()
            });
        if same {
            return Err(conflict(
                "award",
                format!("{subject_name} đã được đề nghị danh hiệu này trong đợt xét"),
            ));
        }
        let tables = self.rule_tables().await?;
        if let Some(q) = Self::quota_use_in(conn, n.round_id, unit_id)
            .await?
            .into_iter()
            .find(|q| q.award == n.award)
        {
            if q.quota.full() {
                return Err(conflict(
                    "award",
                    format!(
                        "Đơn vị đã dùng hết chỉ tiêu {} \"{}\" của đợt xét",
                        q.quota.max,
                        award_name(&tables, &n.award)
                    ),
                ));
            }
        }
        let verdict = self
            .precheck_in(
                conn,
                (n.subject, n.person_id, n.subject_unit_id),
                &n.award,
                round.year,
                Self::assumed_decision_date(&round),
            )
            .await?
            .map_err(|e| invalid(&e.field, e.message))?;
        Ok(AdmittedNomination {
            unit_id,
            subject_name,
            verdict,
        })
    }

    /// A round that is closed, or past its deadline on `today`, takes no nominations.
    pub(crate) fn round_takes_nominations(
        round: &award_rounds::Model,
        today: NaiveDate,
    ) -> Result<()> {
        if round.status != RoundStatus::Open.code() {
            return Err(conflict(
                "round_id",
                "Đợt xét đã kết thúc, không nhận đề nghị",
            ));
        }
        if today > round.deadline {
            return Err(conflict(
                "round_id",
                format!(
                    "Đã quá hạn nộp đề nghị của đợt xét ({})",
                    date_vn(round.deadline)
                ),
            ));
        }
        Ok(())
    }

    /// Writes an admitted nomination as a draft with its verdict and its first history step (the
    /// caller writes the audit entry).
    pub(crate) async fn insert_nomination_in<C: ConnectionTrait>(
        conn: &C,
        actor: &Actor,
        n: &ValidNomination,
        admitted: &AdmittedNomination,
    ) -> Result<nominations::Model> {
        let now = Utc::now();
        let model = nominations::ActiveModel {
            round_id: Set(n.round_id),
            unit_id: Set(admitted.unit_id),
            subject: Set(n.subject.code().into()),
            person_id: Set(n.person_id),
            subject_unit_id: Set(n.subject_unit_id),
            award: Set(n.award.clone()),
            summary: Set(n.summary.clone()),
            status: Set(NominationStatus::Draft.code().into()),
            precheck_eligible: Set(Some(admitted.verdict.eligible)),
            precheck: Set(serde_json::to_string(&admitted.verdict).ok()),
            comment: Set(String::new()),
            created_at: Set(now),
            created_by: Set(actor.name.clone()),
            updated_at: Set(now),
            version: Set(1),
            ..Default::default()
        }
        .insert(conn)
        .await?;
        Self::write_history(conn, actor, model.id, None, NominationStatus::Draft, "").await?;
        Ok(model)
    }

    pub(crate) async fn write_history<C: ConnectionTrait>(
        conn: &C,
        actor: &Actor,
        id: i64,
        from: Option<NominationStatus>,
        to: NominationStatus,
        comment: &str,
    ) -> Result<()> {
        nomination_history::ActiveModel {
            nomination_id: Set(id),
            from_status: Set(from.map(|s| s.code().to_owned())),
            to_status: Set(to.code().into()),
            at: Set(Utc::now()),
            by_name: Set(actor.name.clone()),
            comment: Set(comment.to_owned()),
            ..Default::default()
        }
        .insert(conn)
        .await?;
        Ok(())
    }

    /// Changes a draft or returned nomination's summary (a stale version is a 409) and pre-checks it
    /// again.
    pub async fn update_nomination(
        &self,
        actor: &Actor,
        id: i64,
        version: i32,
        summary: &str,
    ) -> Result<nominations::Model> {
        let txn = self.write_txn().await?;
        let before = nominations::Entity::find_by_id(id)
            .one(&txn)
            .await?
            .ok_or(StoreError::NotFound("đề nghị"))?;
        if before.version != version {
            return Err(crate::movements::stale_edit());
        }
        let status = NominationStatus::from_code(&before.status).unwrap_or(NominationStatus::Draft);
        if !status.editable() {
            return Err(conflict(
                "status",
                format!(
                    "Đề nghị đang ở trạng thái \"{}\"; không sửa được",
                    status.label()
                ),
            ));
        }
        let mut am = before.clone().into_active_model();
        am.summary = Set(text::clean_multiline(summary));
        am.updated_at = Set(Utc::now());
        am.version = Set(version + 1);
        let after = am.update(&txn).await?;
        self.record_audit(
            &txn,
            actor,
            Change::updated("nomination", id, Some(before.unit_id), &before, &after),
        )
        .await?;
        txn.commit().await?;
        Ok(after)
    }

    /// Moves a nomination one step: `send` (the unit; refused while the pre-check fails, with its
    /// reasons), `accept`, `return` (with a comment), `reject` (with a comment) by the office, or
    /// `forward` of a passed higher-level award to the province as a dossier. Passing and failing
    /// come from ballots, deciding from a final decision.
    pub async fn nomination_step(
        &self,
        actor: &Actor,
        id: i64,
        step: NominationStep,
        comment: &str,
    ) -> Result<nominations::Model> {
        if matches!(
            step,
            NominationStep::Pass | NominationStep::Fail | NominationStep::Decide
        ) {
            return Err(invalid(
                "step",
                "Kết quả biểu quyết và quyết định khen thưởng không đặt tay được",
            ));
        }
        let txn = self.write_txn().await?;
        let before = nominations::Entity::find_by_id(id)
            .one(&txn)
            .await?
            .ok_or(StoreError::NotFound("đề nghị"))?;
        let from = NominationStatus::from_code(&before.status).unwrap_or(NominationStatus::Draft);
        let to = from.after(step, comment)?;
        let mut am = before.clone().into_active_model();
        if step == NominationStep::Forward && !is_higher_level(&before.award) {
            return Err(invalid(
                "step",
                "Chỉ danh hiệu, hình thức của cấp trên mới trình cấp trên; danh hiệu này có quyết định của thành phố",
            ));
        }
        if step == NominationStep::Send {
            let round = award_rounds::Entity::find_by_id(before.round_id)
                .one(&txn)
                .await?
                .ok_or(StoreError::NotFound("đợt xét"))?;
            let subject = Subject::from_code(&before.subject).unwrap_or(Subject::Individual);
            let verdict = self
                .precheck_in(
                    &txn,
                    (subject, before.person_id, before.subject_unit_id),
                    &before.award,
                    round.year,
                    Self::assumed_decision_date(&round),
                )
                .await?
                .map_err(|e| invalid(&e.field, e.message))?;
            am.precheck_eligible = Set(Some(verdict.eligible));
            am.precheck = Set(serde_json::to_string(&verdict).ok());
            if !verdict.eligible {
                // The verdict is not kept: nothing is written on a refusal.
                let reasons: Vec<String> = verdict
                    .criteria
                    .iter()
                    .filter(|c| c.met == Some(false))
                    .map(|c| format!("{} ({})", c.text, c.citation))
                    .collect();
                return Err(invalid(
                    "precheck",
                    format!("Chưa đủ tiêu chuẩn: {}", reasons.join("; ")),
                ));
            }
        }
        am.status = Set(to.code().into());
        am.comment = Set(text::clean(comment));
        am.updated_at = Set(Utc::now());
        am.version = Set(before.version + 1);
        let after = am.update(&txn).await?;
        Self::write_history(&txn, actor, id, Some(from), to, &text::clean(comment)).await?;
        self.record_audit(
            &txn,
            actor,
            Change {
                action: step.code(),
                ..Change::updated("nomination", id, Some(before.unit_id), &before, &after)
            },
        )
        .await?;
        txn.commit().await?;
        Ok(after)
    }

    /// Attaches files to a nomination the unit may still change.
    pub async fn attach_to_nomination(
        &self,
        actor: &Actor,
        id: i64,
        uploads: Vec<Upload>,
    ) -> Result<Vec<crate::entity::attachments::Model>> {
        let stored = self.store_uploads(uploads).await?;
        let txn = self.write_txn().await?;
        let n = nominations::Entity::find_by_id(id)
            .one(&txn)
            .await?
            .ok_or(StoreError::NotFound("đề nghị"))?;
        if !NominationStatus::from_code(&n.status).is_some_and(NominationStatus::editable) {
            return Err(conflict("status", "Đề nghị đã gửi; không thêm tệp được"));
        }
        let out = self
            .attach_in(&txn, actor, NOMINATION_FILES, id, Some(n.unit_id), stored)
            .await?;
        txn.commit().await?;
        Ok(out)
    }

    pub(crate) async fn nomination_rows(
        &self,
        list: Vec<nominations::Model>,
    ) -> Result<Vec<NominationRow>> {
        let tables = self.rule_tables().await?;
        let mut unit_ids: Vec<i64> = list.iter().map(|n| n.unit_id).collect();
        unit_ids.extend(list.iter().filter_map(|n| n.subject_unit_id));
        let units = crate::movements::unit_names(&self.db, &unit_ids).await?;
        let person_ids: Vec<i64> = list.iter().filter_map(|n| n.person_id).collect();
        let mut names: HashMap<i64, String> = HashMap::new();
        for chunk in person_ids.chunks(500) {
            let rows: Vec<(i64, String)> = people::Entity::find()
                .select_only()
                .column(people::Column::Id)
                .column(people::Column::FullName)
                .filter(people::Column::Id.is_in(chunk.to_vec()))
                .into_tuple()
                .all(&self.db)
                .await?;
            names.extend(rows);
        }
        Ok(list
            .into_iter()
            .map(|n| {
                let subject_name = match (n.person_id, n.subject_unit_id) {
                    (Some(p), _) => names.get(&p).cloned().unwrap_or_default(),
                    (None, Some(u)) => units.get(&u).map(|x| x.0.clone()).unwrap_or_default(),
                    _ => String::new(),
                };
                NominationRow {
                    unit_name: units
                        .get(&n.unit_id)
                        .map(|x| x.0.clone())
                        .unwrap_or_default(),
                    award_name: award_name(&tables, &n.award),
                    subject_name,
                    nomination: n,
                }
            })
            .collect())
    }

    /// One nomination with its history, files and stored verdict.
    pub async fn nomination(&self, id: i64) -> Result<Option<NominationDetail>> {
        let Some(n) = nominations::Entity::find_by_id(id).one(&self.db).await? else {
            return Ok(None);
        };
        let verdict = n
            .precheck
            .as_deref()
            .and_then(|v| serde_json::from_str(v).ok());
        let row = self
            .nomination_rows(vec![n])
            .await?
            .pop()
            .ok_or(StoreError::NotFound("đề nghị"))?;
        Ok(Some(NominationDetail {
            history: nomination_history::Entity::find()
                .filter(nomination_history::Column::NominationId.eq(id))
                .order_by_asc(nomination_history::Column::Id)
                .all(&self.db)
                .await?,
            attachments: self.attachments(NOMINATION_FILES, id).await?,
            verdict,
            row,
        }))
    }

    /// Nominations, oldest first, narrowed by round, status and the units of a scope.
    pub async fn nominations(&self, q: &NominationQuery) -> Result<Vec<NominationRow>> {
        let mut find = nominations::Entity::find();
        if let Some(r) = q.round_id {
            find = find.filter(nominations::Column::RoundId.eq(r));
        }
        if let Some(s) = &q.status {
            find = find.filter(nominations::Column::Status.eq(s.clone()));
        }
        let list: Vec<nominations::Model> = find
            .order_by_asc(nominations::Column::Id)
            .all(&self.db)
            .await?
            .into_iter()
            .filter(|n| q.within.as_ref().is_none_or(|w| w.contains(&n.unit_id)))
            .collect();
        self.nomination_rows(list).await
    }

    // ----- decisions --------------------------------------------------------------------------

    /// Drafts a decision from the passed nominations of a round that are decided in the city and
    /// are in no decision yet: one line each with the award money by `planned_on`, and the total.
    pub async fn draft_decision(&self, actor: &Actor, d: DecisionDraft) -> Result<DecisionDetail> {
        let mut e = Invalid::new();
        let summary = text::clean(&d.summary);
        if summary.is_empty() {
            e.add("summary", "Trích yếu không được để trống");
        }
        let symbol = text::clean(&d.symbol);
        if symbol.is_empty() || symbol.contains('/') {
            e.add(
                "symbol",
                "Ký hiệu sổ phải như \"QĐ-UBND\" (không có số, không có dấu /)",
            );
        }
        if !e.is_empty() {
            return Err(e.into());
        }
        let tables = self.rule_tables().await?;
        let txn = self.write_txn().await?;
        let round = award_rounds::Entity::find_by_id(d.round_id)
            .one(&txn)
            .await?
            .ok_or_else(|| invalid("round_id", "Không có đợt xét này"))?;
        let passed = nominations::Entity::find()
            .filter(nominations::Column::RoundId.eq(d.round_id))
            .filter(nominations::Column::Status.eq(NominationStatus::Passed.code()))
            .order_by_asc(nominations::Column::Id)
            .all(&txn)
            .await?;
        let taken: BTreeSet<i64> = decision_lines::Entity::find()
            .filter(
                decision_lines::Column::NominationId
                    .is_in(passed.iter().map(|n| n.id).collect::<Vec<_>>()),
            )
            .all(&txn)
            .await?
            .into_iter()
            .map(|l| l.nomination_id)
            .collect();
        let chosen: Vec<nominations::Model> = passed
            .into_iter()
            .filter(|n| !taken.contains(&n.id) && !is_higher_level(&n.award))
            .collect();
        if chosen.is_empty() {
            return Err(invalid(
                "round_id",
                "Đợt xét chưa có đề nghị nào được hội đồng thông qua mà chưa có quyết định",
            ));
        }
        let rows = self.nomination_rows(chosen.clone()).await?;
        let now = Utc::now();
        // The texts start as the defaults; the office edits them while the decision is a draft.
        let defaults = dom::default_decision_texts(Some(round.year));
        // A signer typed without a name ("Chủ tịch Ủy ban nhân dân") is the leader who will
        // approve: their person's name, title and authority when one leader account fits.
        let signer = match Self::leader_signer(&txn, &d.signer).await? {
            Some(s) => (s.name, Some(s.title), Some(s.authority)),
            None => (text::clean(&d.signer), None, None),
        };
        let decision = award_decisions::ActiveModel {
            round_id: Set(round.id),
            summary: Set(summary),
            symbol: Set(symbol),
            issuer: Set(text::clean(&d.issuer)),
            signer: Set(signer.0),
            signer_title: Set(signer.1),
            signer_authority: Set(signer.2),
            status: Set(DecisionStatus::Draft.code().into()),
            document_id: Set(None),
            reference: Set(None),
            signed_on: Set(None),
            total_vnd: Set(0),
            created_at: Set(now),
            created_by: Set(actor.name.clone()),
            approved_by: Set(None),
            finalised_at: Set(None),
            version: Set(1),
            bases: Set(Some(defaults.bases.join("\n"))),
            funding: Set(Some(defaults.funding)),
            executors: Set(Some(defaults.executors)),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        let subject_units: Vec<i64> = chosen
            .iter()
            .map(|n| n.subject_unit_id.unwrap_or(n.unit_id))
            .collect();
        let mut person_units: HashMap<i64, i64> = HashMap::new();
        for chunk in chosen
            .iter()
            .filter_map(|n| n.person_id)
            .collect::<Vec<_>>()
            .chunks(500)
        {
            for p in people::Entity::find()
                .filter(people::Column::Id.is_in(chunk.to_vec()))
                .all(&txn)
                .await?
            {
                person_units.insert(p.id, p.unit_id);
            }
        }
        let mut all_units = subject_units.clone();
        all_units.extend(person_units.values().copied());
        let unit_names = crate::movements::unit_names(&txn, &all_units).await?;
        for (i, (n, row)) in chosen.iter().zip(rows).enumerate() {
            let subject = Subject::from_code(&n.subject).unwrap_or(Subject::Individual);
            let unit_of = match n.person_id {
                Some(p) => person_units.get(&p).copied().unwrap_or(n.unit_id),
                None => n.subject_unit_id.unwrap_or(n.unit_id),
            };
            let amount = dom::award_money(&tables, &n.award, subject, d.planned_on)
                .and_then(|a| a.amount_vnd);
            decision_lines::ActiveModel {
                decision_id: Set(decision.id),
                position: Set(i as i32 + 1),
                nomination_id: Set(n.id),
                subject: Set(n.subject.clone()),
                person_id: Set(n.person_id),
                unit_id: Set(Some(unit_of)),
                name: Set(row.subject_name),
                unit_name: Set(unit_names
                    .get(&unit_of)
                    .map(|x| x.0.clone())
                    .unwrap_or_default()),
                award: Set(n.award.clone()),
                year: Set(round.year),
                amount_vnd: Set(amount),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
        }
        let total = Self::retotal(&txn, decision.id, None, &tables).await?;
        let mut am = decision.into_active_model();
        am.total_vnd = Set(total);
        let decision = am.update(&txn).await?;
        self.record_audit(
            &txn,
            actor,
            Change::created("award_decision", decision.id, None, &decision),
        )
        .await?;
        txn.commit().await?;
        self.award_decision(decision.id)
            .await?
            .ok_or(StoreError::NotFound("quyết định"))
    }

    /// Recomputes the lines' money by `on` (when given) and answers the total.
    async fn retotal<C: ConnectionTrait>(
        conn: &C,
        decision_id: i64,
        on: Option<NaiveDate>,
        tables: &RuleTables,
    ) -> Result<i64> {
        let lines = decision_lines::Entity::find()
            .filter(decision_lines::Column::DecisionId.eq(decision_id))
            .all(conn)
            .await?;
        let mut dl = Vec::with_capacity(lines.len());
        for l in lines {
            let subject = Subject::from_code(&l.subject).unwrap_or(Subject::Individual);
            let amount = match on {
                Some(date) => {
                    let a = dom::award_money(tables, &l.award, subject, date)
                        .and_then(|a| a.amount_vnd);
                    if a != l.amount_vnd {
                        let mut am = l.clone().into_active_model();
                        am.amount_vnd = Set(a);
                        am.update(conn).await?;
                    }
                    a
                }
                None => l.amount_vnd,
            };
            dl.push(dom::DecisionLine {
                subject,
                name: l.name,
                unit_name: l.unit_name,
                award: l.award,
                amount_vnd: amount,
            });
        }
        dom::decision_total(&dl)
            .ok_or_else(|| StoreError::Other("Tổng tiền thưởng vượt giới hạn".into()))
    }

    /// The signer an account stands for: the name and position of its person, if it has one.
    async fn signer_of_account<C: ConnectionTrait>(
        conn: &C,
        username: &str,
    ) -> Result<Option<dom::DecisionSigner>> {
        let Some(person) = crate::entity::users::Entity::find()
            .filter(crate::entity::users::Column::Username.eq(username))
            .one(conn)
            .await?
            .and_then(|u| u.person_id)
        else {
            return Ok(None);
        };
        Ok(people::Entity::find_by_id(person)
            .one(conn)
            .await?
            .map(|p| dom::DecisionSigner::from_position(&p.full_name, &p.position)))
    }

    /// The signer of a new draft when the office typed only a title ("Chủ tịch Ủy ban nhân dân",
    /// "Phó Chủ tịch"): the person of the one unlocked leader account (role `leader`) whose
    /// position gives that title. None when a name was typed, or when no leader or several fit:
    /// the text stays as typed, and the approving leader's person signs at approval anyway.
    async fn leader_signer<C: ConnectionTrait>(
        conn: &C,
        typed: &str,
    ) -> Result<Option<dom::DecisionSigner>> {
        let wanted = dom::DecisionSigner::from_text(typed);
        if !wanted.name.is_empty() || typed.trim().is_empty() {
            return Ok(None);
        }
        let leaders: Vec<i64> = crate::entity::user_roles::Entity::find()
            .filter(
                crate::entity::user_roles::Column::Role
                    .eq(thidua_domain::access::Role::Leader.code()),
            )
            .all(conn)
            .await?
            .into_iter()
            .map(|r| r.user_id)
            .collect();
        if leaders.is_empty() {
            return Ok(None);
        }
        let people_of: Vec<i64> = crate::entity::users::Entity::find()
            .filter(crate::entity::users::Column::Id.is_in(leaders))
            .filter(crate::entity::users::Column::Locked.eq(false))
            .all(conn)
            .await?
            .into_iter()
            .filter_map(|u| u.person_id)
            .collect();
        if people_of.is_empty() {
            return Ok(None);
        }
        let fitting: Vec<dom::DecisionSigner> = people::Entity::find()
            .filter(people::Column::Id.is_in(people_of))
            .all(conn)
            .await?
            .into_iter()
            .map(|p| dom::DecisionSigner::from_position(&p.full_name, &p.position))
            .filter(|s| s.title == wanted.title)
            .collect();
        Ok(match fitting.as_slice() {
            [one] => Some(one.clone()),
            _ => None,
        })
    }

    /// The chairman of a People's Committee unit: its first person (in name order) whose position
    /// begins "Chủ tịch" ("Chủ tịch UBND"; not a deputy).
    pub(crate) async fn chairman_of<C: ConnectionTrait>(
        conn: &C,
        unit_id: i64,
    ) -> Result<Option<people::Model>> {
        Ok(people::Entity::find()
            .filter(people::Column::UnitId.eq(unit_id))
            .order_by_asc(people::Column::SortKey)
            .all(conn)
            .await?
            .into_iter()
            .find(|p| {
                text::fold(&p.position)
                    .to_lowercase()
                    .starts_with("chu tich")
            }))
    }

    async fn editable_decision<C: ConnectionTrait>(
        conn: &C,
        id: i64,
    ) -> Result<award_decisions::Model> {
        let d = award_decisions::Entity::find_by_id(id)
            .one(conn)
            .await?
            .ok_or(StoreError::NotFound("quyết định"))?;
        let status = DecisionStatus::from_code(&d.status).unwrap_or(DecisionStatus::Final);
        if let Some(problem) = status.edit_problem() {
            return Err(conflict("status", problem));
        }
        Ok(d)
    }

    /// Changes a draft decision's summary and signer; an approved or final one is refused (409).
    pub async fn update_decision(
        &self,
        actor: &Actor,
        id: i64,
        version: i32,
        summary: &str,
        signer: &str,
    ) -> Result<award_decisions::Model> {
        self.update_decision_with_texts(actor, id, version, summary, signer, None)
            .await
    }

    /// Changes a draft decision's summary and signer and, when `texts` is given (checked by
    /// [`dom::DecisionTextsInput::validate`]), its texts too (the signer's name is then the
    /// texts'), in one transaction with one audit entry. An approved or final decision, or a
    /// stale `version`, is refused (409) and nothing is changed.
    pub async fn update_decision_with_texts(
        &self,
        actor: &Actor,
        id: i64,
        version: i32,
        summary: &str,
        signer: &str,
        texts: Option<dom::DecisionTexts>,
    ) -> Result<award_decisions::Model> {
        let txn = self.write_txn().await?;
        let before = Self::editable_decision(&txn, id).await?;
        if before.version != version {
            return Err(crate::movements::stale_edit());
        }
        let summary = text::clean(summary);
        if summary.is_empty() {
            return Err(invalid("summary", "Trích yếu không được để trống"));
        }
        let action = if texts.is_some() {
            "update_texts"
        } else {
            "update"
        };
        let mut am = before.clone().into_active_model();
        am.summary = Set(summary);
        match texts {
            Some(texts) => {
                am.bases = Set(Some(texts.bases.join("\n")));
                am.funding = Set(Some(texts.funding));
                am.executors = Set(Some(texts.executors));
                am.signer = Set(texts.signer.name);
                am.signer_title = Set(Some(texts.signer.title));
                am.signer_authority = Set(Some(texts.signer.authority));
            }
            None => am.signer = Set(text::clean(signer)),
        }
        am.version = Set(version + 1);
        let after = am.update(&txn).await?;
        self.record_audit(
            &txn,
            actor,
            Change {
                action,
                ..Change::updated("award_decision", id, None, &before, &after)
            },
        )
        .await?;
        txn.commit().await?;
        Ok(after)
    }

    /// Changes a draft decision's texts: the legal bases, Article 2's funding, Article 3's
    /// executors and the signer (name, title, authority). An approved or final decision is
    /// refused (409) and a stale `version` too; nothing is changed then.
    pub async fn update_decision_texts(
        &self,
        actor: &Actor,
        id: i64,
        version: i32,
        texts: dom::DecisionTexts,
    ) -> Result<award_decisions::Model> {
        let txn = self.write_txn().await?;
        let before = Self::editable_decision(&txn, id).await?;
        if before.version != version {
            return Err(crate::movements::stale_edit());
        }
        let mut am = before.clone().into_active_model();
        am.bases = Set(Some(texts.bases.join("\n")));
        am.funding = Set(Some(texts.funding));
        am.executors = Set(Some(texts.executors));
        am.signer = Set(texts.signer.name);
        am.signer_title = Set(Some(texts.signer.title));
        am.signer_authority = Set(Some(texts.signer.authority));
        am.version = Set(version + 1);
        let after = am.update(&txn).await?;
        self.record_audit(
            &txn,
            actor,
            Change {
                action: "update_texts",
                ..Change::updated("award_decision", id, None, &before, &after)
            },
        )
        .await?;
        txn.commit().await?;
        Ok(after)
    }

    /// Removes a line from a draft decision (its nomination stays passed, for a later decision).
    pub async fn remove_decision_line(&self, actor: &Actor, id: i64, line_id: i64) -> Result<()> {
        let tables = self.rule_tables().await?;
        let txn = self.write_txn().await?;
        let before = Self::editable_decision(&txn, id).await?;
        let line = decision_lines::Entity::find_by_id(line_id)
            .one(&txn)
            .await?
            .filter(|l| l.decision_id == id)
            .ok_or(StoreError::NotFound("dòng quyết định"))?;
        decision_lines::Entity::delete_by_id(line_id)
            .exec(&txn)
            .await?;
        let total = Self::retotal(&txn, id, None, &tables).await?;
        let mut am = before.clone().into_active_model();
        am.total_vnd = Set(total);
        am.version = Set(before.version + 1);
        let after = am.update(&txn).await?;
        self.record_audit(
            &txn,
            actor,
            Change {
                action: "remove_line",
                ..Change::updated("award_decision", id, None, &(&before, &line), &after)
            },
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    /// The leader approves a draft: the decision is registered as an outgoing document of its
    /// register and numbered, by the next number (`number: None`, gap-free whatever runs at the same
    /// time) or by a number given (refused with 409 when that register already used it that year);
    /// the money of every line is computed again by the date of approval.
    pub async fn approve_decision(
        &self,
        actor: &Actor,
        id: i64,
        issued_on: NaiveDate,
        number: Option<i32>,
    ) -> Result<award_decisions::Model> {
        if number.is_some_and(|n| n <= 0) {
            return Err(invalid("number", "Số quyết định phải là số nguyên dương"));
        }
        let tables = self.rule_tables().await?;
        let txn = self.write_txn().await?;
        let before = Self::editable_decision(&txn, id).await?;
        let round = award_rounds::Entity::find_by_id(before.round_id)
            .one(&txn)
            .await?
            .ok_or(StoreError::NotFound("đợt xét"))?;
        if issued_on.year() < round.year {
            return Err(invalid(
                "issued_on",
                format!("Ngày quyết định trước năm được xét {}", round.year),
            ));
        }
        let doc = crate::movements::NewDocument {
            direction: thidua_domain::movement::DocumentDirection::Outgoing
                .code()
                .into(),
            kind: "quyet_dinh".into(),
            reference: number.map(|n| format!("{n:02}/{}", before.symbol)),
            number,
            symbol: before.symbol.clone(),
            issued_year: number.map(|_| issued_on.year()),
            issued_month: number.map(|_| issued_on.month()),
            issued_day: number.map(|_| issued_on.day()),
            summary: before.summary.clone(),
            issuer: before.issuer.clone(),
            signer: before.signer.clone(),
            unit_id: None,
            basis_ids: round.document_id.into_iter().collect(),
        };
        let document = match number {
            Some(_) => self.insert_document(&txn, actor, &doc, "issued").await?,
            None => {
                let draft = self.insert_document(&txn, actor, &doc, "draft").await?;
                self.issue_document_in(&txn, actor, draft.id, issued_on)
                    .await?
            }
        };
        let total = Self::retotal(&txn, id, Some(issued_on), &tables).await?;
        let mut am = before.clone().into_active_model();
        // The leader who approves signs: their person's name and position, when the account is
        // a person's; otherwise the signer the office entered stays.
        if let Some(signer) = Self::signer_of_account(&txn, &actor.name).await? {
            am.signer = Set(signer.name);
            am.signer_title = Set(Some(signer.title));
            am.signer_authority = Set(Some(signer.authority));
        }
        am.status = Set(DecisionStatus::Approved.code().into());
        am.document_id = Set(Some(document.id));
        am.reference = Set(document.reference.clone());
        am.signed_on = Set(Some(issued_on));
        am.total_vnd = Set(total);
        am.approved_by = Set(Some(actor.name.clone()));
        am.version = Set(before.version + 1);
        let after = am.update(&txn).await?;
        self.record_audit(
            &txn,
            actor,
            Change {
                action: "approve",
                ..Change::updated("award_decision", id, None, &before, &after)
            },
        )
        .await?;
        txn.commit().await?;
        Ok(after)
    }

    /// Attaches the signed scan of an approved decision: it becomes final and read-only, and its
    /// nominations are decided (they enter the records of achievements).
    pub async fn finalise_decision(
        &self,
        actor: &Actor,
        id: i64,
        scan: Upload,
    ) -> Result<award_decisions::Model> {
        let stored = self.store_uploads(vec![scan]).await?;
        let txn = self.write_txn().await?;
        let before = award_decisions::Entity::find_by_id(id)
            .one(&txn)
            .await?
            .ok_or(StoreError::NotFound("quyết định"))?;
        match DecisionStatus::from_code(&before.status) {
            Some(DecisionStatus::Approved) => {}
            Some(DecisionStatus::Draft) => {
                return Err(conflict(
                    "status",
                    "Quyết định chưa được duyệt và cấp số; chưa đính kèm bản ký được",
                ))
            }
            _ => {
                return Err(conflict(
                    "status",
                    "Quyết định đã ký và ban hành; không được sửa",
                ))
            }
        }
        self.attach_in(&txn, actor, DECISION_FILES, id, None, stored)
            .await?;
        let lines = decision_lines::Entity::find()
            .filter(decision_lines::Column::DecisionId.eq(id))
            .all(&txn)
            .await?;
        let reference = before.reference.clone().unwrap_or_default();
        for l in &lines {
            let n = nominations::Entity::find_by_id(l.nomination_id)
                .one(&txn)
                .await?
                .ok_or(StoreError::NotFound("đề nghị"))?;
            let from = NominationStatus::from_code(&n.status).unwrap_or(NominationStatus::Passed);
            let to = from.after(NominationStep::Decide, "")?;
            let mut am = n.clone().into_active_model();
            am.status = Set(to.code().into());
            am.updated_at = Set(Utc::now());
            am.version = Set(n.version + 1);
            am.update(&txn).await?;
            Self::write_history(
                &txn,
                actor,
                n.id,
                Some(from),
                to,
                &format!("Quyết định số {reference}"),
            )
            .await?;
        }
        let mut am = before.clone().into_active_model();
        am.status = Set(DecisionStatus::Final.code().into());
        am.finalised_at = Set(Some(Utc::now()));
        am.version = Set(before.version + 1);
        let after = am.update(&txn).await?;
        self.record_audit(
            &txn,
            actor,
            Change {
                action: "finalise",
                ..Change::updated("award_decision", id, None, &before, &after)
            },
        )
        .await?;
        txn.commit().await?;
        Ok(after)
    }

    /// One decision with its lines, files and registered document.
    pub async fn award_decision(&self, id: i64) -> Result<Option<DecisionDetail>> {
        let Some(decision) = award_decisions::Entity::find_by_id(id)
            .one(&self.db)
            .await?
        else {
            return Ok(None);
        };
        let document = match decision.document_id {
            Some(d) => documents::Entity::find_by_id(d).one(&self.db).await?,
            None => None,
        };
        Ok(Some(DecisionDetail {
            lines: decision_lines::Entity::find()
                .filter(decision_lines::Column::DecisionId.eq(id))
                .order_by_asc(decision_lines::Column::Position)
                .all(&self.db)
                .await?,
            attachments: self.attachments(DECISION_FILES, id).await?,
            document,
            decision,
        }))
    }

    /// Decisions, newest first, of one round or all.
    pub async fn award_decisions(
        &self,
        round_id: Option<i64>,
    ) -> Result<Vec<award_decisions::Model>> {
        let mut find = award_decisions::Entity::find();
        if let Some(r) = round_id {
            find = find.filter(award_decisions::Column::RoundId.eq(r));
        }
        Ok(find
            .order_by_desc(award_decisions::Column::Id)
            .all(&self.db)
            .await?)
    }

    // ----- the record of achievements ---------------------------------------------------------

    /// Imports history from before thidua into the records, all rows or none.
    pub async fn import_achievements(
        &self,
        actor: &Actor,
        rows: &[ImportedAchievementInput],
    ) -> Result<usize> {
        let tables = self.rule_tables().await?;
        let mut e = Invalid::new();
        let mut valid = Vec::new();
        for (i, r) in rows.iter().enumerate() {
            match r.validate(&tables) {
                Ok(v) => valid.push(v),
                Err(x) => {
                    for (k, v) in x.fields {
                        e.add(&format!("rows[{i}].{k}"), v);
                    }
                }
            }
        }
        if !e.is_empty() {
            return Err(e.into());
        }
        let txn = self.write_txn().await?;
        for (i, v) in valid.iter().enumerate() {
            if let Some(p) = v.person_id {
                if people::Entity::find_by_id(p).one(&txn).await?.is_none() {
                    return Err(invalid(
                        &format!("rows[{i}].person_id"),
                        format!("Không có người mã {p}"),
                    ));
                }
            }
            if let Some(u) = v.unit_id {
                if units::Entity::find_by_id(u).one(&txn).await?.is_none() {
                    return Err(invalid(
                        &format!("rows[{i}].unit_id"),
                        format!("Không có đơn vị mã {u}"),
                    ));
                }
            }
        }
        let now = Utc::now();
        for chunk in valid.chunks(500) {
            imported_achievements::Entity::insert_many(chunk.iter().map(|v| {
                imported_achievements::ActiveModel {
                    person_id: Set(v.person_id),
                    unit_id: Set(v.unit_id),
                    year: Set(v.year),
                    award: Set(v.award.clone()),
                    reference: Set(v.reference.clone()),
                    decided_on: Set(v.decided_on),
                    amount_vnd: Set(v.amount_vnd),
                    note: Set(v.note.clone()),
                    created_at: Set(now),
                    created_by: Set(actor.name.clone()),
                    ..Default::default()
                }
            }))
            .exec_without_returning(&txn)
            .await?;
        }
        self.record_audit(
            &txn,
            actor,
            Change {
                action: "import",
                entity: "imported_achievements",
                entity_id: None,
                unit_id: None,
                before: None,
                after: crate::audit::snapshot(&serde_json::json!({"rows": valid.len()})),
            },
        )
        .await?;
        txn.commit().await?;
        Ok(valid.len())
    }

    async fn named(&self, mut list: Vec<Achievement>) -> Result<Vec<Achievement>> {
        let tables = self.rule_tables().await?;
        for a in &mut list {
            a.award_name = award_name(&tables, &a.award);
        }
        list.reverse();
        Ok(list)
    }

    /// A person's record of achievements: awards of final decisions and imported history, and the
    /// ratings, newest first.
    pub async fn person_record(&self, person_id: i64) -> Result<Option<Record>> {
        let Some(p) = people::Entity::find_by_id(person_id).one(&self.db).await? else {
            return Ok(None);
        };
        let achievements = self
            .named(Self::achievements_in(&self.db, Some(person_id), None).await?)
            .await?;
        let ratings = ratings::Entity::find()
            .filter(ratings::Column::PersonId.eq(person_id))
            .order_by_desc(ratings::Column::Year)
            .all(&self.db)
            .await?
            .into_iter()
            .map(|r| (r.year, r.rating))
            .collect();
        Ok(Some(Record {
            name: p.full_name,
            total_vnd: achievements.iter().filter_map(|a| a.amount_vnd).sum(),
            achievements,
            ratings,
        }))
    }

    /// A unit's record of achievements (its own awards as a collective) and its own ratings.
    pub async fn unit_record(&self, unit_id: i64) -> Result<Option<Record>> {
        let Some(u) = units::Entity::find_by_id(unit_id).one(&self.db).await? else {
            return Ok(None);
        };
        let achievements = self
            .named(Self::achievements_in(&self.db, None, Some(unit_id)).await?)
            .await?;
        let ratings = unit_ratings::Entity::find()
            .filter(unit_ratings::Column::UnitId.eq(unit_id))
            .order_by_desc(unit_ratings::Column::Year)
            .all(&self.db)
            .await?
            .into_iter()
            .map(|r| (r.year, r.rating))
            .collect();
        Ok(Some(Record {
            name: u.name,
            total_vnd: achievements.iter().filter_map(|a| a.amount_vnd).sum(),
            achievements,
            ratings,
        }))
    }
}

/// A person's staff level as the rules engine names it.
pub(crate) fn staff_level_of(code: &str) -> Option<rules::StaffLevel> {
    rules::StaffLevel::from_code(match code {
        "worker" => "lao_dong",
        "graduate" => "dai_hoc",
        "manager" => "quan_ly",
        other => other,
    })
}
