//! Movements and directives in the database: the document register with its gap-free numbering,
//! movements and their phases, directives with tasks and recipients, read receipts, reports, the
//! follow-up matrix, registrations, propaganda, inspections, notifications and reminders.
//!
//! Every write runs in [`Store::write_txn`], which serialises writers on both engines; that is what
//! makes "the next number of a register" well defined: the number is read and used inside the one
//! transaction that holds the write lock, and a unique index on (direction, symbol, year, number) stands
//! behind it.

use crate::audit::{Actor, Change};
use crate::entity::{
    directive_tasks, directives, document_basis, documents, movement_basis, movement_links,
    movement_phases, movements, notifications, registrations, task_reports, units,
};
use crate::{Result, Store, StoreError};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;
use thidua_domain::movement::{
    CellState, DocumentDirection, MovementStatus, PhaseInput, ValidMovement,
};
use thidua_domain::text;
use thidua_domain::validation::Invalid;

/// A document to register, already parsed and checked by the domain (`DocumentInput::validate`).
pub use thidua_domain::movement::ValidDocument as NewDocument;

/// Filters of the document register.
#[derive(Debug, Clone, Default)]
pub struct DocumentQuery {
    pub q: Option<String>,
    pub direction: Option<String>,
    pub kind: Option<String>,
    pub year: Option<i32>,
    /// Whose drafts are listed: `None` every draft, `Some(units)` only the drafts of these units
    /// (a unit officer does not see other units' drafts).
    pub drafts_of: Option<std::sync::Arc<std::collections::BTreeSet<i64>>>,
    pub page: u64,
    pub per_page: u64,
}

/// A document with what it rests on (its "căn cứ" chain, nearest first) and what rests on it.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentDetail {
    pub document: documents::Model,
    /// The chain of legal basis, breadth first: each with its depth (1: cited by this document).
    pub basis: Vec<(u32, documents::Model)>,
    pub cited_by: Vec<documents::Model>,
}

/// A movement with its phases, basis, links, units' own launches and directives.
#[derive(Debug, Clone, Serialize)]
pub struct MovementDetail {
    pub movement: movements::Model,
    pub phases: Vec<movement_phases::Model>,
    pub basis: Vec<documents::Model>,
    pub guidance: Option<documents::Model>,
    pub linked: Vec<movements::Model>,
    pub parent: Option<movements::Model>,
    pub launches: Vec<movements::Model>,
    pub directives: Vec<directives::Model>,
    pub unit_name: Option<String>,
}

/// The links of a movement to other records, checked to exist before it is saved.
#[derive(Debug, Clone, Default)]
pub struct MovementLinks {
    pub guidance_document_id: Option<i64>,
    pub unit_id: Option<i64>,
    pub parent_id: Option<i64>,
    pub basis_document_ids: Vec<i64>,
    pub linked_movement_ids: Vec<i64>,
}

/// A directive with its tasks, recipients and document.
#[derive(Debug, Clone, Serialize)]
pub struct DirectiveDetail {
    pub directive: directives::Model,
    pub movement: movements::Model,
    pub document: Option<documents::Model>,
    pub basis: Vec<documents::Model>,
    pub tasks: Vec<directive_tasks::Model>,
    pub groups: Vec<crate::entity::recipient_groups::Model>,
    pub units: Vec<RecipientUnit>,
    /// A joint directive's co-issuing unit (kế hoạch liên tịch), read from `co_issuer_unit_id`.
    pub co_issuer: Option<crate::entity::units::Model>,
}

/// A unit a directive goes to, with its read receipt.
#[derive(Debug, Clone, Serialize)]
pub struct RecipientUnit {
    pub unit_id: i64,
    pub unit_name: String,
    pub read_at: Option<DateTime<Utc>>,
    pub read_by: Option<String>,
}

/// One directive in a unit's inbox.
#[derive(Debug, Clone, Serialize)]
pub struct InboxItem {
    pub directive_id: i64,
    pub unit_id: i64,
    pub unit_name: String,
    pub summary: String,
    pub reference: Option<String>,
    pub issued_on: Option<NaiveDate>,
    pub movement_name: String,
    pub read_at: Option<DateTime<Utc>>,
    pub tasks: usize,
    pub reported: usize,
    pub next_due: Option<NaiveDate>,
    pub late: usize,
}

/// The follow-up matrix of a directive: one row per recipient unit, one cell per task.
#[derive(Debug, Clone, Serialize)]
pub struct Matrix {
    pub tasks: Vec<directive_tasks::Model>,
    pub rows: Vec<MatrixRow>,
    /// How many cells are in each state, over all rows (before the filter).
    pub counts: BTreeMap<&'static str, usize>,
    pub total_rows: usize,
}

/// One unit's row of the matrix.
#[derive(Debug, Clone, Serialize)]
pub struct MatrixRow {
    pub unit_id: i64,
    pub unit_name: String,
    pub read_at: Option<DateTime<Utc>>,
    pub cells: Vec<CellState>,
}

/// Which rows of the matrix to show.
#[derive(Debug, Clone, Default)]
pub struct MatrixFilter {
    /// Only rows with at least one cell in this state.
    pub state: Option<CellState>,
    /// Units whose name contains these words (ignoring diacritics).
    pub q: Option<String>,
    /// Only units of this recipient group.
    pub group_id: Option<i64>,
    /// Only these units (the viewer's scope).
    pub within: Option<Arc<BTreeSet<i64>>>,
}

/// A report with the task it answers.
#[derive(Debug, Clone, Serialize)]
pub struct ReportView {
    pub task: directive_tasks::Model,
    pub report: Option<task_reports::Model>,
    pub state: CellState,
}

/// A registration with its people (names included).
#[derive(Debug, Clone, Serialize)]
pub struct RegistrationDetail {
    pub registration: registrations::Model,
    pub unit_name: String,
    pub people: Vec<RegisteredPersonRow>,
    pub due: Option<NaiveDate>,
    /// True when the unit may still change it (before the deadline, or reopened by the city office).
    pub open: bool,
}

/// A registered person as lists show them.
#[derive(Debug, Clone, Serialize)]
pub struct RegisteredPersonRow {
    pub person_id: i64,
    pub full_name: String,
    pub position: String,
    pub target_title: String,
}

/// What a reminder run did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ReminderRun {
    pub units: usize,
    pub notifications: usize,
}

/// One unit's digest of a day: every notification not yet mailed, for one mail.
#[derive(Debug, Clone, Serialize)]
pub struct Digest {
    pub unit_id: i64,
    pub unit_name: String,
    pub emails: Vec<String>,
    pub items: Vec<notifications::Model>,
}

/// A unit's propaganda totals for a year, as its report counts them.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct PropagandaTotals {
    pub posts: i64,
    pub events: i64,
    pub participants: i64,
}

pub(crate) fn stale_edit() -> StoreError {
    StoreError::Conflict {
        field: Some("version".into()),
        message: "Bản ghi đã được người khác sửa sau khi bạn mở nó; hãy tải lại để xem thay đổi rồi sửa lại".into(),
    }
}

fn invalid(field: &str, message: impl Into<String>) -> StoreError {
    StoreError::Invalid(Invalid::field(field, message))
}

async fn exists<E, C>(conn: &C, id: i64) -> Result<bool>
where
    E: EntityTrait,
    <E::PrimaryKey as sea_orm::PrimaryKeyTrait>::ValueType: From<i64>,
    C: ConnectionTrait,
{
    Ok(E::find_by_id(id).one(conn).await?.is_some())
}

async fn check_documents<C: ConnectionTrait>(conn: &C, field: &str, ids: &[i64]) -> Result<()> {
    for &id in ids {
        if !exists::<documents::Entity, _>(conn, id).await? {
            return Err(invalid(
                field,
                format!("Không có văn bản số hiệu {id} trong sổ"),
            ));
        }
    }
    Ok(())
}

pub(crate) async fn unit_names<C: ConnectionTrait>(
    conn: &C,
    ids: &[i64],
) -> Result<HashMap<i64, (String, Vec<u8>)>> {
    let mut out = HashMap::new();
    for chunk in ids.chunks(500) {
        let rows: Vec<(i64, String, Vec<u8>)> = units::Entity::find()
            .select_only()
            .column(units::Column::Id)
            .column(units::Column::Name)
            .column(units::Column::SortKey)
            .filter(units::Column::Id.is_in(chunk.to_vec()))
            .into_tuple()
            .all(conn)
            .await?;
        for (id, name, key) in rows {
            out.insert(id, (name, key));
        }
    }
    Ok(out)
}

impl Store {
    // ----- the document register -------------------------------------------------------------

    /// The next number of an outgoing register (symbol, year): one more than the highest used. Call
    /// inside a write transaction, which holds the write lock, so that no two issues get one number.
    async fn next_number<C: ConnectionTrait>(conn: &C, symbol: &str, year: i32) -> Result<i32> {
        let max: Option<Option<i32>> = documents::Entity::find()
            .select_only()
            .column_as(documents::Column::Number.max(), "max")
            .filter(documents::Column::Direction.eq(DocumentDirection::Outgoing.code()))
            .filter(documents::Column::Symbol.eq(symbol))
            .filter(documents::Column::Year.eq(year))
            .into_tuple()
            .one(conn)
            .await?;
        Ok(max.flatten().unwrap_or(0) + 1)
    }

    pub(crate) async fn insert_document<C: ConnectionTrait>(
        &self,
        conn: &C,
        actor: &Actor,
        d: &NewDocument,
        status: &str,
    ) -> Result<documents::Model> {
        check_documents(conn, "basis_ids", &d.basis_ids).await?;
        let year = d.issued_year;
        if let (Some(number), Some(year)) = (d.number, year) {
            let taken = documents::Entity::find()
                .filter(documents::Column::Direction.eq(d.direction.clone()))
                .filter(documents::Column::Symbol.eq(d.symbol.clone()))
                .filter(documents::Column::Year.eq(year))
                .filter(documents::Column::Number.eq(number))
                .one(conn)
                .await?;
            if let Some(t) = taken {
                return Err(StoreError::Conflict {
                    field: Some("reference".into()),
                    message: format!(
                        "Số {} đã có trong sổ năm {year} (văn bản \"{}\")",
                        t.reference.clone().unwrap_or_default(),
                        t.summary
                    ),
                });
            }
        }
        let now = Utc::now();
        let model = documents::ActiveModel {
            direction: Set(d.direction.clone()),
            kind: Set(d.kind.clone()),
            reference: Set(d.reference.clone()),
            number: Set(d.number),
            symbol: Set(d.symbol.clone()),
            year: Set(year),
            issued_year: Set(d.issued_year),
            issued_month: Set(d.issued_month.map(|m| m as i32)),
            issued_day: Set(d.issued_day.map(|m| m as i32)),
            issued_on: Set(d.issued_on()),
            summary: Set(d.summary.clone()),
            issuer: Set(d.issuer.clone()),
            signer: Set(d.signer.clone()),
            status: Set(status.to_owned()),
            unit_id: Set(d.unit_id),
            created_at: Set(now),
            created_by: Set(actor.name.clone()),
            version: Set(1),
            ..Default::default()
        }
        .insert(conn)
        .await?;
        for (i, b) in d.basis_ids.iter().enumerate() {
            document_basis::ActiveModel {
                document_id: Set(model.id),
                basis_id: Set(*b),
                position: Set(i as i32),
            }
            .insert(conn)
            .await?;
        }
        self.record_audit(
            conn,
            actor,
            Change::created("document", model.id, d.unit_id, &(&model, &d.basis_ids)),
        )
        .await?;
        Ok(model)
    }

    /// Registers a document: an incoming one with its printed reference, or an outgoing draft. A
    /// reference already in the register for that year is refused (409, field `reference`).
    pub async fn register_document(
        &self,
        actor: &Actor,
        d: NewDocument,
    ) -> Result<documents::Model> {
        let txn = self.write_txn().await?;
        let status = if d.reference.is_some() {
            "issued"
        } else {
            "draft"
        };
        let model = self.insert_document(&txn, actor, &d, status).await?;
        txn.commit().await?;
        Ok(model)
    }

    /// Gives an outgoing draft its number from the register of its symbol and the year of `issued_on`,
    /// and the date. Numbers have no gaps and no duplicates, whatever runs at the same time.
    pub async fn issue_document(
        &self,
        actor: &Actor,
        id: i64,
        issued_on: NaiveDate,
    ) -> Result<documents::Model> {
        let txn = self.write_txn().await?;
        let doc = self.issue_document_in(&txn, actor, id, issued_on).await?;
        txn.commit().await?;
        Ok(doc)
    }

    pub(crate) async fn issue_document_in<C: ConnectionTrait>(
        &self,
        conn: &C,
        actor: &Actor,
        id: i64,
        issued_on: NaiveDate,
    ) -> Result<documents::Model> {
        let before = documents::Entity::find_by_id(id)
            .one(conn)
            .await?
            .ok_or(StoreError::NotFound("văn bản"))?;
        if before.number.is_some() || before.status != "draft" {
            return Err(StoreError::Conflict {
                field: Some("reference".into()),
                message: "Văn bản đã được cấp số; không cấp lại".into(),
            });
        }
        if before.direction != DocumentDirection::Outgoing.code() {
            return Err(invalid("direction", "Chỉ văn bản đi mới được cấp số"));
        }
        let year = issued_on.year();
        let number = Self::next_number(conn, &before.symbol, year).await?;
        let reference = format!("{number:02}/{}", before.symbol);
        let mut am = before.clone().into_active_model();
        am.number = Set(Some(number));
        am.year = Set(Some(year));
        am.reference = Set(Some(reference));
        am.issued_year = Set(Some(year));
        am.issued_month = Set(Some(issued_on.month() as i32));
        am.issued_day = Set(Some(issued_on.day() as i32));
        am.issued_on = Set(Some(issued_on));
        am.status = Set("issued".into());
        am.version = Set(before.version + 1);
        let after = am.update(conn).await?;
        self.record_audit(
            conn,
            actor,
            Change {
                action: "issue",
                ..Change::updated("document", id, before.unit_id, &before, &after)
            },
        )
        .await?;
        Ok(after)
    }

    /// The register, newest first.
    pub async fn documents(&self, q: &DocumentQuery) -> Result<crate::Page<documents::Model>> {
        let mut find = documents::Entity::find();
        if let Some(d) = &q.direction {
            find = find.filter(documents::Column::Direction.eq(d.clone()));
        }
        if let Some(k) = &q.kind {
            find = find.filter(documents::Column::Kind.eq(k.clone()));
        }
        if let Some(y) = q.year {
            find = find.filter(documents::Column::IssuedYear.eq(y));
        }
        let all = find
            .order_by_desc(documents::Column::IssuedOn)
            .order_by_desc(documents::Column::Id)
            .all(&self.db)
            .await?;
        let words: Vec<String> =
            q.q.as_deref()
                .map(text::fold)
                .unwrap_or_default()
                .split_whitespace()
                .map(str::to_owned)
                .collect();
        let hits: Vec<documents::Model> = all
            .into_iter()
            .filter(|d| {
                if d.status == "draft"
                    && q.drafts_of
                        .as_ref()
                        .is_some_and(|units| !d.unit_id.is_some_and(|u| units.contains(&u)))
                {
                    return false;
                }
                if words.is_empty() {
                    return true;
                }
                let hay = text::fold(&format!(
                    "{} {} {}",
                    d.reference.as_deref().unwrap_or(""),
                    d.summary,
                    d.issuer
                ));
                words.iter().all(|w| hay.contains(w.as_str()))
            })
            .collect();
        let total = hits.len() as u64;
        let per = q.per_page.clamp(1, 500);
        let items = hits
            .into_iter()
            .skip((q.page.max(1) - 1).saturating_mul(per) as usize)
            .take(per as usize)
            .collect();
        Ok(crate::Page { items, total })
    }

    /// One document with its chain of legal basis (up to 10 steps back) and what cites it.
    pub async fn document(&self, id: i64) -> Result<Option<DocumentDetail>> {
        let Some(document) = documents::Entity::find_by_id(id).one(&self.db).await? else {
            return Ok(None);
        };
        let mut basis = Vec::new();
        let mut seen = BTreeSet::from([id]);
        let mut frontier = vec![id];
        for depth in 1..=10u32 {
            if frontier.is_empty() {
                break;
            }
            let links = document_basis::Entity::find()
                .filter(document_basis::Column::DocumentId.is_in(frontier.clone()))
                .order_by_asc(document_basis::Column::DocumentId)
                .order_by_asc(document_basis::Column::Position)
                .all(&self.db)
                .await?;
            let next: Vec<i64> = links
                .iter()
                .map(|l| l.basis_id)
                .filter(|b| seen.insert(*b))
                .collect();
            let docs = documents::Entity::find()
                .filter(documents::Column::Id.is_in(next.clone()))
                .all(&self.db)
                .await?;
            for n in &next {
                if let Some(d) = docs.iter().find(|d| d.id == *n) {
                    basis.push((depth, d.clone()));
                }
            }
            frontier = next;
        }
        let citing: Vec<i64> = document_basis::Entity::find()
            .filter(document_basis::Column::BasisId.eq(id))
            .all(&self.db)
            .await?
            .into_iter()
            .map(|l| l.document_id)
            .collect();
        let cited_by = documents::Entity::find()
            .filter(documents::Column::Id.is_in(citing))
            .order_by_asc(documents::Column::IssuedOn)
            .all(&self.db)
            .await?;
        Ok(Some(DocumentDetail {
            document,
            basis,
            cited_by,
        }))
    }

    // ----- movements ---------------------------------------------------------------------------

    async fn check_movement_links<C: ConnectionTrait>(
        conn: &C,
        own_id: Option<i64>,
        l: &MovementLinks,
    ) -> Result<()> {
        if let Some(g) = l.guidance_document_id {
            check_documents(conn, "guidance_document_id", &[g]).await?;
        }
        check_documents(conn, "basis_document_ids", &l.basis_document_ids).await?;
        if let Some(u) = l.unit_id {
            if !exists::<units::Entity, _>(conn, u).await? {
                return Err(invalid("unit_id", "Đơn vị không tồn tại"));
            }
        }
        for (field, ids) in [
            ("parent_id", l.parent_id.into_iter().collect::<Vec<_>>()),
            ("linked_movement_ids", l.linked_movement_ids.clone()),
        ] {
            for id in ids {
                if Some(id) == own_id {
                    return Err(invalid(field, "Phong trào không thể liên kết với chính nó"));
                }
                if !exists::<movements::Entity, _>(conn, id).await? {
                    return Err(invalid(field, format!("Không có phong trào mã {id}")));
                }
            }
        }
        Ok(())
    }

    async fn write_movement_children<C: ConnectionTrait>(
        conn: &C,
        id: i64,
        phases: &[PhaseInput],
        l: &MovementLinks,
    ) -> Result<()> {
        movement_phases::Entity::delete_many()
            .filter(movement_phases::Column::MovementId.eq(id))
            .exec(conn)
            .await?;
        for p in phases {
            movement_phases::ActiveModel {
                movement_id: Set(id),
                year: Set(p.year),
                title: Set(p.title.clone()),
                registration_due: Set(p.registration_due),
                ..Default::default()
            }
            .insert(conn)
            .await?;
        }
        movement_basis::Entity::delete_many()
            .filter(movement_basis::Column::MovementId.eq(id))
            .exec(conn)
            .await?;
        for d in l.basis_document_ids.iter().collect::<BTreeSet<_>>() {
            movement_basis::ActiveModel {
                movement_id: Set(id),
                document_id: Set(*d),
            }
            .insert(conn)
            .await?;
        }
        movement_links::Entity::delete_many()
            .filter(movement_links::Column::MovementId.eq(id))
            .exec(conn)
            .await?;
        for o in l.linked_movement_ids.iter().collect::<BTreeSet<_>>() {
            movement_links::ActiveModel {
                movement_id: Set(id),
                other_id: Set(*o),
            }
            .insert(conn)
            .await?;
        }
        Ok(())
    }

    /// Creates a movement with its phases, legal basis and links.
    pub async fn create_movement(
        &self,
        actor: &Actor,
        m: ValidMovement,
        links: MovementLinks,
    ) -> Result<movements::Model> {
        let txn = self.write_txn().await?;
        Self::check_movement_links(&txn, None, &links).await?;
        let model = movements::ActiveModel {
            name: Set(m.name.clone()),
            start_year: Set(m.start_year),
            end_year: Set(m.end_year),
            kind: Set(m.kind.code().into()),
            status: Set(MovementStatus::Active.code().into()),
            organisers: Set(m.organisers.clone()),
            target_groups: Set(m.target_groups.clone()),
            description: Set(m.description.clone()),
            guidance_document_id: Set(links.guidance_document_id),
            unit_id: Set(links.unit_id),
            parent_id: Set(links.parent_id),
            created_at: Set(Utc::now()),
            created_by: Set(actor.name.clone()),
            version: Set(1),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        Self::write_movement_children(&txn, model.id, &m.phases, &links).await?;
        self.record_audit(
            &txn,
            actor,
            Change::created("movement", model.id, links.unit_id, &(&model, &m.phases)),
        )
        .await?;
        txn.commit().await?;
        Ok(model)
    }

    /// Changes a movement; a stale `expected_version` is refused.
    pub async fn update_movement(
        &self,
        actor: &Actor,
        id: i64,
        m: ValidMovement,
        links: MovementLinks,
        status: Option<MovementStatus>,
        expected_version: Option<i32>,
    ) -> Result<movements::Model> {
        let txn = self.write_txn().await?;
        let before = movements::Entity::find_by_id(id)
            .one(&txn)
            .await?
            .ok_or(StoreError::NotFound("phong trào"))?;
        if expected_version.is_some_and(|v| v != before.version) {
            return Err(stale_edit());
        }
        Self::check_movement_links(&txn, Some(id), &links).await?;
        let mut am = before.clone().into_active_model();
        am.name = Set(m.name.clone());
        am.start_year = Set(m.start_year);
        am.end_year = Set(m.end_year);
        am.kind = Set(m.kind.code().into());
        if let Some(s) = status {
            am.status = Set(s.code().into());
        }
        am.organisers = Set(m.organisers.clone());
        am.target_groups = Set(m.target_groups.clone());
        am.description = Set(m.description.clone());
        am.guidance_document_id = Set(links.guidance_document_id);
        am.unit_id = Set(links.unit_id);
        am.parent_id = Set(links.parent_id);
        am.version = Set(before.version + 1);
        let after = am.update(&txn).await?;
        Self::write_movement_children(&txn, id, &m.phases, &links).await?;
        self.record_audit(
            &txn,
            actor,
            Change::updated("movement", id, after.unit_id, &before, &(&after, &m.phases)),
        )
        .await?;
        txn.commit().await?;
        Ok(after)
    }

    /// Every movement, newest period first; with `unit_ids`, only the city's and those units' own.
    pub async fn movements(&self, q: Option<&str>) -> Result<Vec<movements::Model>> {
        let all = movements::Entity::find()
            .order_by_desc(movements::Column::StartYear)
            .order_by_asc(movements::Column::Id)
            .all(&self.db)
            .await?;
        let words = text::fold(q.unwrap_or(""));
        Ok(all
            .into_iter()
            .filter(|m| words.is_empty() || text::fold(&m.name).contains(&words))
            .collect())
    }

    /// One movement with everything its page shows.
    pub async fn movement(&self, id: i64) -> Result<Option<MovementDetail>> {
        let Some(movement) = movements::Entity::find_by_id(id).one(&self.db).await? else {
            return Ok(None);
        };
        let phases = movement_phases::Entity::find()
            .filter(movement_phases::Column::MovementId.eq(id))
            .order_by_asc(movement_phases::Column::Year)
            .all(&self.db)
            .await?;
        let basis_ids: Vec<i64> = movement_basis::Entity::find()
            .filter(movement_basis::Column::MovementId.eq(id))
            .all(&self.db)
            .await?
            .into_iter()
            .map(|b| b.document_id)
            .collect();
        let basis = documents::Entity::find()
            .filter(documents::Column::Id.is_in(basis_ids))
            .order_by_asc(documents::Column::IssuedOn)
            .all(&self.db)
            .await?;
        let guidance = match movement.guidance_document_id {
            Some(g) => documents::Entity::find_by_id(g).one(&self.db).await?,
            None => None,
        };
        let linked_ids: Vec<i64> = movement_links::Entity::find()
            .filter(
                movement_links::Column::MovementId
                    .eq(id)
                    .or(movement_links::Column::OtherId.eq(id)),
            )
            .all(&self.db)
            .await?
            .into_iter()
            .map(|l| {
                if l.movement_id == id {
                    l.other_id
                } else {
                    l.movement_id
                }
            })
            .collect();
        let linked = movements::Entity::find()
            .filter(movements::Column::Id.is_in(linked_ids))
            .all(&self.db)
            .await?;
        let parent = match movement.parent_id {
            Some(p) => movements::Entity::find_by_id(p).one(&self.db).await?,
            None => None,
        };
        let launches = movements::Entity::find()
            .filter(movements::Column::ParentId.eq(id))
            .order_by_asc(movements::Column::Id)
            .all(&self.db)
            .await?;
        let directives = directives::Entity::find()
            .filter(directives::Column::MovementId.eq(id))
            .order_by_desc(directives::Column::Year)
            .order_by_desc(directives::Column::Id)
            .all(&self.db)
            .await?;
        let unit_name = match movement.unit_id {
            Some(u) => units::Entity::find_by_id(u)
                .one(&self.db)
                .await?
                .map(|u| u.name),
            None => None,
        };
        Ok(Some(MovementDetail {
            movement,
            phases,
            basis,
            guidance,
            linked,
            parent,
            launches,
            directives,
            unit_name,
        }))
    }
}
