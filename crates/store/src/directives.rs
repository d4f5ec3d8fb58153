//! Directives and the units' work on them: drafting and issuing (the number comes from the register
//! then), recipients and read receipts, reports on each task, the follow-up matrix, reminders and their
//! daily digests, registrations, propaganda and inspections.

use crate::audit::{Actor, Change};
use crate::entity::{
    directive_groups, directive_tasks, directive_units, directives, document_basis, documents,
    inspections, movement_phases, movements, notifications, people, posts, recipient_group_units,
    recipient_groups, registration_people, registrations, task_reports, units, users,
};
use crate::movements::{
    stale_edit, Digest, DirectiveDetail, InboxItem, Matrix, MatrixFilter, MatrixRow, NewDocument,
    PropagandaTotals, RecipientUnit, RegisteredPersonRow, RegistrationDetail, ReminderRun,
    ReportView,
};
use crate::{Result, Store, StoreError};
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use thidua_domain::movement::{
    deadline_problems, CellFacts, CellState, DirectiveStatus, DocumentDirection, PostKind,
    RegistrationInput, ReportInput, ValidDirective, ValidPost,
};
use thidua_domain::text;
use thidua_domain::validation::Invalid;

fn invalid(field: &str, message: impl Into<String>) -> StoreError {
    StoreError::Invalid(Invalid::field(field, message))
}

/// Checks a joint directive's co-issuer against the lead issuer (the movement's unit) and the
/// directory, and gives the register's issuer text: "UBND thành phố Lào Cai" or, for a joint one,
/// "UBND thành phố Lào Cai - LĐLĐ thành phố Lào Cai".
async fn issuers_of<C: ConnectionTrait>(
    conn: &C,
    issuer_unit_id: Option<i64>,
    d: &ValidDirective,
) -> Result<String> {
    thidua_domain::movement::co_issuer_problem(issuer_unit_id, d.joint.as_ref())?;
    let lead = match issuer_unit_id {
        Some(u) => units::Entity::find_by_id(u)
            .one(conn)
            .await?
            .map(|u| u.name)
            .unwrap_or_default(),
        None => String::new(),
    };
    let Some(joint) = &d.joint else {
        return Ok(lead);
    };
    let co = match units::Entity::find_by_id(joint.unit_id).one(conn).await? {
        Some(u) if u.active => u,
        Some(u) => {
            return Err(invalid(
                "co_issuer_unit_id",
                format!("Đơn vị '{}' đã giải thể hoặc sáp nhập", u.name),
            ))
        }
        None => {
            return Err(invalid(
                "co_issuer_unit_id",
                format!("Không có đơn vị mã {}", joint.unit_id),
            ))
        }
    };
    Ok(if lead.is_empty() {
        co.name
    } else {
        format!("{lead} - {}", co.name)
    })
}

/// The co-issuer's columns of a directive, `None` for one of one issuer.
fn joint_columns(
    d: &ValidDirective,
) -> (Option<i64>, Option<String>, Option<String>, Option<String>) {
    match &d.joint {
        Some(j) => (
            Some(j.unit_id),
            Some(j.signer.clone()),
            Some(j.signer_title.clone()),
            Some(j.signer_authority.clone()),
        ),
        None => (None, None, None, None),
    }
}

/// Days before a deadline when reminders start.
pub const REMIND_DAYS_BEFORE: i64 = 3;

impl Store {
    async fn write_directive_children<C: ConnectionTrait>(
        conn: &C,
        id: i64,
        d: &ValidDirective,
        group_ids: &[i64],
        unit_ids: &[i64],
    ) -> Result<()> {
        directive_tasks::Entity::delete_many()
            .filter(directive_tasks::Column::DirectiveId.eq(id))
            .exec(conn)
            .await?;
        for (i, t) in d.tasks.iter().enumerate() {
            directive_tasks::ActiveModel {
                directive_id: Set(id),
                position: Set(i as i32 + 1),
                title: Set(t.title.clone()),
                body: Set(t.body.clone()),
                report_what: Set(t.report_what.clone()),
                due_on: Set(t.due_on),
                ..Default::default()
            }
            .insert(conn)
            .await?;
        }
        directive_groups::Entity::delete_many()
            .filter(directive_groups::Column::DirectiveId.eq(id))
            .exec(conn)
            .await?;
        for g in group_ids.iter().collect::<BTreeSet<_>>() {
            if recipient_groups::Entity::find_by_id(*g)
                .one(conn)
                .await?
                .is_none()
            {
                return Err(invalid("group_ids", format!("Không có nhóm nhận mã {g}")));
            }
            directive_groups::ActiveModel {
                directive_id: Set(id),
                group_id: Set(*g),
            }
            .insert(conn)
            .await?;
        }
        directive_units::Entity::delete_many()
            .filter(directive_units::Column::DirectiveId.eq(id))
            .exec(conn)
            .await?;
        for u in unit_ids.iter().collect::<BTreeSet<_>>() {
            match units::Entity::find_by_id(*u).one(conn).await? {
                Some(unit) if unit.active => {}
                Some(unit) => {
                    return Err(invalid(
                        "unit_ids",
                        format!("Đơn vị '{}' đã giải thể hoặc sáp nhập", unit.name),
                    ))
                }
                None => return Err(invalid("unit_ids", format!("Không có đơn vị mã {u}"))),
            }
            directive_units::ActiveModel {
                directive_id: Set(id),
                unit_id: Set(*u),
                read_at: Set(None),
                read_by: Set(None),
            }
            .insert(conn)
            .await?;
        }
        Ok(())
    }

    /// Drafts a directive of a movement's year; the outgoing document gets its number when it is issued.
    #[allow(clippy::too_many_arguments)]
    pub async fn create_directive(
        &self,
        actor: &Actor,
        movement_id: i64,
        year: i32,
        d: ValidDirective,
        group_ids: &[i64],
        unit_ids: &[i64],
        basis_ids: &[i64],
    ) -> Result<directives::Model> {
        let txn = self.write_txn().await?;
        let movement = movements::Entity::find_by_id(movement_id)
            .one(&txn)
            .await?
            .ok_or_else(|| invalid("movement_id", "Phong trào không tồn tại"))?;
        if year < movement.start_year || year > movement.end_year {
            return Err(invalid(
                "year",
                format!(
                    "Năm {year} nằm ngoài giai đoạn {}–{} của phong trào",
                    movement.start_year, movement.end_year
                ),
            ));
        }
        let issuer = issuers_of(&txn, movement.unit_id, &d).await?;
        let doc = self
            .insert_document_draft(&txn, actor, &d, year, movement.unit_id, issuer, basis_ids)
            .await?;
        let (co_unit, co_signer, co_title, co_authority) = joint_columns(&d);
        let model = directives::ActiveModel {
            movement_id: Set(movement_id),
            year: Set(year),
            document_id: Set(Some(doc.id)),
            summary: Set(d.summary.clone()),
            preamble: Set(d.preamble.clone()),
            closing: Set(d.closing.clone()),
            symbol: Set(d.symbol.clone()),
            signer: Set(d.signer.clone()),
            status: Set(DirectiveStatus::Draft.code().into()),
            supersedes_id: Set(None),
            issued_on: Set(None),
            created_at: Set(Utc::now()),
            created_by: Set(actor.name.clone()),
            version: Set(1),
            co_issuer_unit_id: Set(co_unit),
            co_signer: Set(co_signer),
            co_signer_title: Set(co_title),
            co_signer_authority: Set(co_authority),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        Self::write_directive_children(&txn, model.id, &d, group_ids, unit_ids).await?;
        self.record_audit(
            &txn,
            actor,
            Change::created("directive", model.id, movement.unit_id, &(&model, &d.tasks)),
        )
        .await?;
        txn.commit().await?;
        Ok(model)
    }

    #[allow(clippy::too_many_arguments)]
    async fn insert_document_draft<C: ConnectionTrait>(
        &self,
        conn: &C,
        actor: &Actor,
        d: &ValidDirective,
        year: i32,
        unit_id: Option<i64>,
        issuer: String,
        basis_ids: &[i64],
    ) -> Result<documents::Model> {
        self.insert_document(
            conn,
            actor,
            &NewDocument {
                direction: DocumentDirection::Outgoing.code().into(),
                kind: thidua_domain::docref::DocumentReference::parse(&format!("/{}", d.symbol))
                    .map(|r| r.kind().code())
                    .unwrap_or("cong_van")
                    .into(),
                reference: None,
                number: None,
                symbol: d.symbol.clone(),
                issued_year: Some(year),
                issued_month: None,
                issued_day: None,
                summary: d.summary.clone(),
                issuer,
                signer: d.signer.clone(),
                unit_id,
                basis_ids: basis_ids.to_vec(),
            },
            "draft",
        )
        .await
    }

    /// Changes a draft directive. An issued one is never edited: make a new version instead.
    pub async fn update_directive(
        &self,
        actor: &Actor,
        id: i64,
        d: ValidDirective,
        group_ids: &[i64],
        unit_ids: &[i64],
        expected_version: Option<i32>,
    ) -> Result<directives::Model> {
        let txn = self.write_txn().await?;
        let before = directives::Entity::find_by_id(id)
            .one(&txn)
            .await?
            .ok_or(StoreError::NotFound("văn bản chỉ đạo"))?;
        if before.status != DirectiveStatus::Draft.code() {
            return Err(StoreError::Conflict {
                field: None,
                message: "Văn bản đã ban hành không được sửa; hãy tạo phiên bản mới hoặc văn bản đính chính".into(),
            });
        }
        if expected_version.is_some_and(|v| v != before.version) {
            return Err(stale_edit());
        }
        let lead = movements::Entity::find_by_id(before.movement_id)
            .one(&txn)
            .await?
            .and_then(|m| m.unit_id);
        let issuer = issuers_of(&txn, lead, &d).await?;
        let (co_unit, co_signer, co_title, co_authority) = joint_columns(&d);
        let mut am = before.clone().into_active_model();
        am.summary = Set(d.summary.clone());
        am.preamble = Set(d.preamble.clone());
        am.closing = Set(d.closing.clone());
        am.symbol = Set(d.symbol.clone());
        am.signer = Set(d.signer.clone());
        am.co_issuer_unit_id = Set(co_unit);
        am.co_signer = Set(co_signer);
        am.co_signer_title = Set(co_title);
        am.co_signer_authority = Set(co_authority);
        am.version = Set(before.version + 1);
        let after = am.update(&txn).await?;
        if let Some(doc_id) = before.document_id {
            documents::Entity::update_many()
                .col_expr(documents::Column::Symbol, d.symbol.clone().into())
                .col_expr(documents::Column::Summary, d.summary.clone().into())
                .col_expr(documents::Column::Signer, d.signer.clone().into())
                .col_expr(documents::Column::Issuer, issuer.into())
                .filter(documents::Column::Id.eq(doc_id))
                .exec(&txn)
                .await?;
        }
        Self::write_directive_children(&txn, id, &d, group_ids, unit_ids).await?;
        self.record_audit(
            &txn,
            actor,
            Change::updated("directive", id, None, &before, &(&after, &d.tasks)),
        )
        .await?;
        txn.commit().await?;
        Ok(after)
    }

    /// Issues a draft directive on `issued_on`: checks every deadline against that day, takes the next
    /// number of its register, sends it to every unit of its groups and units, and tells each unit.
    pub async fn issue_directive(
        &self,
        actor: &Actor,
        id: i64,
        issued_on: NaiveDate,
        expected_version: Option<i32>,
    ) -> Result<directives::Model> {
        let txn = self.write_txn().await?;
        let before = directives::Entity::find_by_id(id)
            .one(&txn)
            .await?
            .ok_or(StoreError::NotFound("văn bản chỉ đạo"))?;
        if before.status != DirectiveStatus::Draft.code() {
            return Err(StoreError::Conflict {
                field: None,
                message: "Văn bản này đã được ban hành".into(),
            });
        }
        if expected_version.is_some_and(|v| v != before.version) {
            return Err(stale_edit());
        }
        let tasks = directive_tasks::Entity::find()
            .filter(directive_tasks::Column::DirectiveId.eq(id))
            .order_by_asc(directive_tasks::Column::Position)
            .all(&txn)
            .await?;
        let inputs: Vec<_> = tasks
            .iter()
            .map(|t| thidua_domain::movement::TaskInput {
                title: t.title.clone(),
                body: String::new(),
                report_what: String::new(),
                due_on: t.due_on,
            })
            .collect();
        deadline_problems(&inputs, issued_on)?;
        // Expand the groups into their units as they are today.
        let groups: Vec<i64> = directive_groups::Entity::find()
            .filter(directive_groups::Column::DirectiveId.eq(id))
            .all(&txn)
            .await?
            .into_iter()
            .map(|g| g.group_id)
            .collect();
        let mut unit_ids: BTreeSet<i64> = directive_units::Entity::find()
            .filter(directive_units::Column::DirectiveId.eq(id))
            .all(&txn)
            .await?
            .into_iter()
            .map(|u| u.unit_id)
            .collect();
        let members: Vec<(i64, bool)> = recipient_group_units::Entity::find()
            .select_only()
            .column(recipient_group_units::Column::UnitId)
            .column(units::Column::Active)
            .join(
                sea_orm::JoinType::InnerJoin,
                recipient_group_units::Entity::belongs_to(units::Entity)
                    .from(recipient_group_units::Column::UnitId)
                    .to(units::Column::Id)
                    .into(),
            )
            .filter(recipient_group_units::Column::GroupId.is_in(groups))
            .into_tuple()
            .all(&txn)
            .await?;
        let new_units: Vec<i64> = members
            .into_iter()
            .filter(|(u, active)| *active && !unit_ids.contains(u))
            .map(|(u, _)| u)
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        for chunk in new_units.chunks(200) {
            directive_units::Entity::insert_many(chunk.iter().map(|u| {
                directive_units::ActiveModel {
                    directive_id: Set(id),
                    unit_id: Set(*u),
                    read_at: Set(None),
                    read_by: Set(None),
                }
            }))
            .exec_without_returning(&txn)
            .await?;
        }
        unit_ids.extend(new_units);
        if unit_ids.is_empty() {
            return Err(invalid("recipients", "Văn bản chưa có đơn vị nhận"));
        }
        let doc = match before.document_id {
            Some(doc) => self.issue_document_in(&txn, actor, doc, issued_on).await?,
            None => {
                return Err(StoreError::Other(
                    "Văn bản chỉ đạo thiếu bản ghi văn bản đi".into(),
                ))
            }
        };
        if let Some(old) = before.supersedes_id {
            directives::Entity::update_many()
                .col_expr(
                    directives::Column::Status,
                    DirectiveStatus::Superseded.code().into(),
                )
                .filter(directives::Column::Id.eq(old))
                .exec(&txn)
                .await?;
        }
        let mut am = before.clone().into_active_model();
        am.status = Set(DirectiveStatus::Issued.code().into());
        am.issued_on = Set(Some(issued_on));
        am.version = Set(before.version + 1);
        let after = am.update(&txn).await?;
        let message = format!(
            "Văn bản mới {}: {}",
            doc.reference.clone().unwrap_or_default(),
            before.summary
        );
        let units: Vec<i64> = unit_ids.into_iter().collect();
        notify(
            &txn,
            &units,
            "directive",
            &message,
            &format!("/chi-dao/{id}"),
            issued_on,
        )
        .await?;
        self.record_audit(
            &txn,
            actor,
            Change {
                action: "issue",
                ..Change::updated(
                    "directive",
                    id,
                    None,
                    &before,
                    &serde_json::json!({"directive": &after, "reference": doc.reference, "units": units.len()}),
                )
            },
        )
        .await?;
        txn.commit().await?;
        Ok(after)
    }

    /// A new draft that copies an issued directive (its tasks and recipients) and will supersede it
    /// when issued.
    pub async fn new_directive_version(&self, actor: &Actor, id: i64) -> Result<directives::Model> {
        let detail = self
            .directive(id)
            .await?
            .ok_or(StoreError::NotFound("văn bản chỉ đạo"))?;
        if detail.directive.status == DirectiveStatus::Draft.code() {
            return Err(StoreError::Conflict {
                field: None,
                message: "Văn bản còn là dự thảo; hãy sửa trực tiếp".into(),
            });
        }
        let d = ValidDirective {
            summary: detail.directive.summary.clone(),
            preamble: detail.directive.preamble.clone(),
            closing: detail.directive.closing.clone(),
            symbol: detail.directive.symbol.clone(),
            signer: detail.directive.signer.clone(),
            joint: detail.directive.co_issuer_unit_id.map(|unit_id| {
                thidua_domain::movement::JointIssuer {
                    unit_id,
                    signer: detail.directive.co_signer.clone().unwrap_or_default(),
                    signer_title: detail.directive.co_signer_title.clone().unwrap_or_default(),
                    signer_authority: detail
                        .directive
                        .co_signer_authority
                        .clone()
                        .unwrap_or_default(),
                }
            }),
            tasks: detail
                .tasks
                .iter()
                .map(|t| thidua_domain::movement::TaskInput {
                    title: t.title.clone(),
                    body: t.body.clone(),
                    report_what: t.report_what.clone(),
                    due_on: t.due_on,
                })
                .collect(),
        };
        let groups: Vec<i64> = detail.groups.iter().map(|g| g.id).collect();
        let basis: Vec<i64> = detail.basis.iter().map(|b| b.id).collect();
        let created = self
            .create_directive(
                actor,
                detail.directive.movement_id,
                detail.directive.year,
                d,
                &groups,
                &[],
                &basis,
            )
            .await?;
        let txn = self.write_txn().await?;
        let mut am = created.clone().into_active_model();
        am.supersedes_id = Set(Some(id));
        let after = am.update(&txn).await?;
        self.record_audit(
            &txn,
            actor,
            Change::updated("directive", after.id, None, &created, &after),
        )
        .await?;
        txn.commit().await?;
        Ok(after)
    }

    /// Directives, newest first, optionally of one movement.
    pub async fn directives(&self, movement_id: Option<i64>) -> Result<Vec<directives::Model>> {
        let mut f = directives::Entity::find();
        if let Some(m) = movement_id {
            f = f.filter(directives::Column::MovementId.eq(m));
        }
        Ok(f.order_by_desc(directives::Column::Id)
            .all(&self.db)
            .await?)
    }

    /// The tasks of many directives at once, by directive.
    pub async fn tasks_of(&self, ids: &[i64]) -> Result<HashMap<i64, Vec<directive_tasks::Model>>> {
        let mut out: HashMap<i64, Vec<directive_tasks::Model>> = HashMap::new();
        for t in directive_tasks::Entity::find()
            .filter(directive_tasks::Column::DirectiveId.is_in(ids.to_vec()))
            .order_by_asc(directive_tasks::Column::Position)
            .all(&self.db)
            .await?
        {
            out.entry(t.directive_id).or_default().push(t);
        }
        Ok(out)
    }

    /// One directive with everything its page shows.
    pub async fn directive(&self, id: i64) -> Result<Option<DirectiveDetail>> {
        let Some(directive) = directives::Entity::find_by_id(id).one(&self.db).await? else {
            return Ok(None);
        };
        let movement = movements::Entity::find_by_id(directive.movement_id)
            .one(&self.db)
            .await?
            .ok_or(StoreError::NotFound("phong trào"))?;
        let document = match directive.document_id {
            Some(d) => documents::Entity::find_by_id(d).one(&self.db).await?,
            None => None,
        };
        let basis_ids: Vec<i64> = match directive.document_id {
            Some(d) => document_basis::Entity::find()
                .filter(document_basis::Column::DocumentId.eq(d))
                .order_by_asc(document_basis::Column::Position)
                .all(&self.db)
                .await?
                .into_iter()
                .map(|b| b.basis_id)
                .collect(),
            None => vec![],
        };
        let mut basis = documents::Entity::find()
            .filter(documents::Column::Id.is_in(basis_ids.clone()))
            .all(&self.db)
            .await?;
        basis.sort_by_key(|d| basis_ids.iter().position(|b| *b == d.id));
        let tasks = directive_tasks::Entity::find()
            .filter(directive_tasks::Column::DirectiveId.eq(id))
            .order_by_asc(directive_tasks::Column::Position)
            .all(&self.db)
            .await?;
        let group_ids: Vec<i64> = directive_groups::Entity::find()
            .filter(directive_groups::Column::DirectiveId.eq(id))
            .all(&self.db)
            .await?
            .into_iter()
            .map(|g| g.group_id)
            .collect();
        let groups = recipient_groups::Entity::find()
            .filter(recipient_groups::Column::Id.is_in(group_ids))
            .order_by_asc(recipient_groups::Column::Id)
            .all(&self.db)
            .await?;
        let recipients = directive_units::Entity::find()
            .filter(directive_units::Column::DirectiveId.eq(id))
            .all(&self.db)
            .await?;
        let ids: Vec<i64> = recipients.iter().map(|r| r.unit_id).collect();
        let names = crate::movements::unit_names(&self.db, &ids).await?;
        let mut units: Vec<(Vec<u8>, RecipientUnit)> = recipients
            .into_iter()
            .map(|r| {
                let (name, key) = names.get(&r.unit_id).cloned().unwrap_or_default();
                (
                    key,
                    RecipientUnit {
                        unit_id: r.unit_id,
                        unit_name: name,
                        read_at: r.read_at,
                        read_by: r.read_by,
                    },
                )
            })
            .collect();
        units.sort_by(|a, b| a.0.cmp(&b.0));
        let co_issuer = match directive.co_issuer_unit_id {
            Some(u) => units::Entity::find_by_id(u).one(&self.db).await?,
            None => None,
        };
        Ok(Some(DirectiveDetail {
            co_issuer,
            directive,
            movement,
            document,
            basis,
            tasks,
            groups,
            units: units.into_iter().map(|(_, u)| u).collect(),
        }))
    }

    /// Whether an issued directive went to `unit_id`.
    pub async fn directive_sent_to(&self, directive_id: i64, unit_id: i64) -> Result<bool> {
        Ok(directive_units::Entity::find_by_id((directive_id, unit_id))
            .one(&self.db)
            .await?
            .is_some()
            && directives::Entity::find_by_id(directive_id)
                .one(&self.db)
                .await?
                .is_some_and(|d| d.status != DirectiveStatus::Draft.code()))
    }

    /// The directives sent to any of `unit_ids`, newest first, with each unit's progress on `today`.
    pub async fn inbox(
        &self,
        unit_ids: &BTreeSet<i64>,
        today: NaiveDate,
    ) -> Result<Vec<InboxItem>> {
        let ids: Vec<i64> = unit_ids.iter().copied().collect();
        let mut receipts = Vec::new();
        for chunk in ids.chunks(500) {
            receipts.extend(
                directive_units::Entity::find()
                    .filter(directive_units::Column::UnitId.is_in(chunk.to_vec()))
                    .all(&self.db)
                    .await?,
            );
        }
        let directive_ids: Vec<i64> = receipts
            .iter()
            .map(|r| r.directive_id)
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let dirs: HashMap<i64, directives::Model> = directives::Entity::find()
            .filter(directives::Column::Id.is_in(directive_ids.clone()))
            .filter(directives::Column::Status.ne(DirectiveStatus::Draft.code()))
            .all(&self.db)
            .await?
            .into_iter()
            .map(|d| (d.id, d))
            .collect();
        let docs: HashMap<i64, documents::Model> = documents::Entity::find()
            .filter(
                documents::Column::Id.is_in(
                    dirs.values()
                        .filter_map(|d| d.document_id)
                        .collect::<Vec<_>>(),
                ),
            )
            .all(&self.db)
            .await?
            .into_iter()
            .map(|d| (d.id, d))
            .collect();
        let movs: HashMap<i64, String> = movements::Entity::find()
            .filter(
                movements::Column::Id
                    .is_in(dirs.values().map(|d| d.movement_id).collect::<Vec<_>>()),
            )
            .all(&self.db)
            .await?
            .into_iter()
            .map(|m| (m.id, m.name))
            .collect();
        let tasks = self.tasks_of(&directive_ids).await?;
        let task_ids: Vec<i64> = tasks.values().flatten().map(|t| t.id).collect();
        let reports = report_marks(&self.db, &task_ids, Some(&ids)).await?;
        let names = crate::movements::unit_names(&self.db, &ids).await?;
        let mut out = Vec::new();
        for r in receipts {
            let Some(d) = dirs.get(&r.directive_id) else {
                continue;
            };
            let ts = tasks.get(&d.id).map(Vec::as_slice).unwrap_or(&[]);
            let mut reported = 0;
            let mut late = 0;
            let mut next_due = None;
            for t in ts {
                let rep = reports.get(&(t.id, r.unit_id)).copied();
                let state = CellState::of(facts(r.read_at.is_some(), rep, t.due_on), today);
                match state {
                    CellState::Reported | CellState::ReportedLate => reported += 1,
                    CellState::Late => late += 1,
                    _ => {
                        if let Some(due) = t.due_on {
                            next_due = Some(next_due.map_or(due, |n: NaiveDate| n.min(due)));
                        }
                    }
                }
            }
            out.push(InboxItem {
                directive_id: d.id,
                unit_id: r.unit_id,
                unit_name: names
                    .get(&r.unit_id)
                    .map(|n| n.0.clone())
                    .unwrap_or_default(),
                summary: d.summary.clone(),
                reference: d
                    .document_id
                    .and_then(|x| docs.get(&x))
                    .and_then(|x| x.reference.clone()),
                issued_on: d.issued_on,
                movement_name: movs.get(&d.movement_id).cloned().unwrap_or_default(),
                read_at: r.read_at,
                tasks: ts.len(),
                reported,
                next_due,
                late,
            });
        }
        out.sort_by(|a, b| {
            b.issued_on
                .cmp(&a.issued_on)
                .then(b.directive_id.cmp(&a.directive_id))
        });
        Ok(out)
    }

    /// Marks a directive read by a unit (the first time only; later reads keep the first receipt).
    pub async fn mark_read(&self, actor: &Actor, directive_id: i64, unit_id: i64) -> Result<bool> {
        let txn = self.write_txn().await?;
        let receipt = directive_units::Entity::find_by_id((directive_id, unit_id))
            .one(&txn)
            .await?
            .ok_or(StoreError::NotFound("văn bản gửi đơn vị"))?;
        if receipt.read_at.is_some() {
            return Ok(false);
        }
        let mut am = receipt.clone().into_active_model();
        am.read_at = Set(Some(Utc::now()));
        am.read_by = Set(Some(actor.name.clone()));
        am.update(&txn).await?;
        self.record_audit(
            &txn,
            actor,
            Change {
                action: "read",
                entity: "directive",
                entity_id: Some(directive_id),
                unit_id: Some(unit_id),
                before: None,
                after: None,
            },
        )
        .await?;
        txn.commit().await?;
        Ok(true)
    }

    /// A unit's reports on every task of a directive.
    pub async fn unit_reports(
        &self,
        directive_id: i64,
        unit_id: i64,
        today: NaiveDate,
    ) -> Result<Vec<ReportView>> {
        let receipt = directive_units::Entity::find_by_id((directive_id, unit_id))
            .one(&self.db)
            .await?;
        let tasks = directive_tasks::Entity::find()
            .filter(directive_tasks::Column::DirectiveId.eq(directive_id))
            .order_by_asc(directive_tasks::Column::Position)
            .all(&self.db)
            .await?;
        let ids: Vec<i64> = tasks.iter().map(|t| t.id).collect();
        let reports = reports_for(&self.db, &ids, Some(&[unit_id])).await?;
        Ok(tasks
            .into_iter()
            .map(|t| {
                let report = reports.get(&(t.id, unit_id)).cloned();
                let state = CellState::of(
                    facts(
                        receipt.as_ref().is_some_and(|r| r.read_at.is_some()),
                        report.as_ref().map(|r| r.submitted_on),
                        t.due_on,
                    ),
                    today,
                );
                ReportView {
                    task: t,
                    report,
                    state,
                }
            })
            .collect())
    }

    /// Saves a unit's report on a task (a draft, or sent with `submit`). The task must belong to an
    /// issued directive sent to that unit; a stale version is refused, so two officers never overwrite
    /// each other silently.
    pub async fn save_report(
        &self,
        actor: &Actor,
        task_id: i64,
        unit_id: i64,
        input: ReportInput,
        today: NaiveDate,
    ) -> Result<task_reports::Model> {
        let txn = self.write_txn().await?;
        let task = directive_tasks::Entity::find_by_id(task_id)
            .one(&txn)
            .await?
            .ok_or_else(|| invalid("task_id", "Nhiệm vụ không tồn tại"))?;
        let directive = directives::Entity::find_by_id(task.directive_id)
            .one(&txn)
            .await?
            .ok_or(StoreError::NotFound("văn bản chỉ đạo"))?;
        let receipt = directive_units::Entity::find_by_id((task.directive_id, unit_id))
            .one(&txn)
            .await?;
        let Some(receipt) = receipt.filter(|_| directive.status != DirectiveStatus::Draft.code())
        else {
            return Err(invalid(
                "task_id",
                "Nhiệm vụ này thuộc văn bản không gửi tới đơn vị; không báo cáo được",
            ));
        };
        if receipt.read_at.is_none() {
            let mut am = receipt.clone().into_active_model();
            am.read_at = Set(Some(Utc::now()));
            am.read_by = Set(Some(actor.name.clone()));
            am.update(&txn).await?;
        }
        let before = task_reports::Entity::find()
            .filter(task_reports::Column::TaskId.eq(task_id))
            .filter(task_reports::Column::UnitId.eq(unit_id))
            .one(&txn)
            .await?;
        let now = Utc::now();
        let after = match &before {
            Some(b) => {
                if input.version != Some(b.version) {
                    return Err(stale_edit());
                }
                let mut am = b.clone().into_active_model();
                am.events_held = Set(input.events_held);
                am.people_reached = Set(input.people_reached);
                am.posts_published = Set(input.posts_published);
                am.text = Set(input.text.clone());
                if input.submit && b.submitted_on.is_none() {
                    am.submitted_on = Set(Some(today));
                    am.submitted_at = Set(Some(now));
                }
                am.updated_at = Set(now);
                am.updated_by = Set(actor.name.clone());
                am.version = Set(b.version + 1);
                am.update(&txn).await?
            }
            None => {
                if input.version.is_some_and(|v| v != 0) {
                    return Err(stale_edit());
                }
                task_reports::ActiveModel {
                    task_id: Set(task_id),
                    unit_id: Set(unit_id),
                    events_held: Set(input.events_held),
                    people_reached: Set(input.people_reached),
                    posts_published: Set(input.posts_published),
                    text: Set(input.text.clone()),
                    submitted_on: Set(input.submit.then_some(today)),
                    submitted_at: Set(input.submit.then_some(now)),
                    updated_at: Set(now),
                    updated_by: Set(actor.name.clone()),
                    version: Set(1),
                    ..Default::default()
                }
                .insert(&txn)
                .await?
            }
        };
        let change = match &before {
            Some(b) => Change::updated("report", after.id, Some(unit_id), b, &after),
            None => Change::created("report", after.id, Some(unit_id), &after),
        };
        self.record_audit(&txn, actor, change).await?;
        txn.commit().await?;
        Ok(after)
    }

    /// The follow-up matrix of a directive on `today`: every recipient unit (Vietnamese order) × task.
    pub async fn matrix(
        &self,
        directive_id: i64,
        filter: &MatrixFilter,
        today: NaiveDate,
    ) -> Result<Matrix> {
        let tasks = directive_tasks::Entity::find()
            .filter(directive_tasks::Column::DirectiveId.eq(directive_id))
            .order_by_asc(directive_tasks::Column::Position)
            .all(&self.db)
            .await?;
        let receipts = directive_units::Entity::find()
            .filter(directive_units::Column::DirectiveId.eq(directive_id))
            .all(&self.db)
            .await?;
        let task_ids: Vec<i64> = tasks.iter().map(|t| t.id).collect();
        let reports = report_marks(&self.db, &task_ids, None).await?;
        let unit_ids: Vec<i64> = receipts.iter().map(|r| r.unit_id).collect();
        let names = crate::movements::unit_names(&self.db, &unit_ids).await?;
        let group_members: Option<BTreeSet<i64>> = match filter.group_id {
            Some(g) => Some(
                recipient_group_units::Entity::find()
                    .filter(recipient_group_units::Column::GroupId.eq(g))
                    .all(&self.db)
                    .await?
                    .into_iter()
                    .map(|m| m.unit_id)
                    .collect(),
            ),
            None => None,
        };
        let words = filter.q.as_deref().map(text::fold).unwrap_or_default();
        let mut counts: BTreeMap<&'static str, usize> =
            CellState::ALL.iter().map(|s| (s.code(), 0)).collect();
        let mut rows: Vec<(Vec<u8>, MatrixRow)> = Vec::new();
        let mut total_rows = 0;
        for r in receipts {
            if filter
                .within
                .as_ref()
                .is_some_and(|w| !w.contains(&r.unit_id))
            {
                continue;
            }
            total_rows += 1;
            let cells: Vec<CellState> = tasks
                .iter()
                .map(|t| {
                    CellState::of(
                        facts(
                            r.read_at.is_some(),
                            reports.get(&(t.id, r.unit_id)).copied(),
                            t.due_on,
                        ),
                        today,
                    )
                })
                .collect();
            for c in &cells {
                *counts.entry(c.code()).or_default() += 1;
            }
            let (name, key) = names.get(&r.unit_id).cloned().unwrap_or_default();
            if filter.state.is_some_and(|s| !cells.contains(&s))
                || group_members
                    .as_ref()
                    .is_some_and(|g| !g.contains(&r.unit_id))
                || (!words.is_empty() && !text::fold(&name).contains(&words))
            {
                continue;
            }
            rows.push((
                key,
                MatrixRow {
                    unit_id: r.unit_id,
                    unit_name: name,
                    read_at: r.read_at,
                    cells,
                },
            ));
        }
        rows.sort_by(|a, b| a.0.cmp(&b.0));
        Ok(Matrix {
            tasks,
            rows: rows.into_iter().map(|(_, r)| r).collect(),
            counts,
            total_rows,
        })
    }

    /// Reminds every unit that still owes something on a task due within [`REMIND_DAYS_BEFORE`] days
    /// or overdue: one notification per unit, directive and day (running twice a day adds nothing).
    pub async fn run_reminders(&self, actor: &Actor, today: NaiveDate) -> Result<ReminderRun> {
        let issued = directives::Entity::find()
            .filter(directives::Column::Status.eq(DirectiveStatus::Issued.code()))
            .all(&self.db)
            .await?;
        let ids: Vec<i64> = issued.iter().map(|d| d.id).collect();
        let tasks = self.tasks_of(&ids).await?;
        let task_ids: Vec<i64> = tasks.values().flatten().map(|t| t.id).collect();
        let reports = report_marks(&self.db, &task_ids, None).await?;
        let horizon = today + chrono::Duration::days(REMIND_DAYS_BEFORE);
        let mut rows: Vec<notifications::ActiveModel> = Vec::new();
        let mut units = BTreeSet::new();
        let now = Utc::now();
        for d in &issued {
            let ts = tasks.get(&d.id).map(Vec::as_slice).unwrap_or(&[]);
            let receipts = directive_units::Entity::find()
                .filter(directive_units::Column::DirectiveId.eq(d.id))
                .all(&self.db)
                .await?;
            for r in receipts {
                let mut owed = Vec::new();
                for t in ts {
                    let Some(due) = t.due_on.filter(|due| *due <= horizon) else {
                        continue;
                    };
                    let state = CellState::of(
                        facts(
                            r.read_at.is_some(),
                            reports.get(&(t.id, r.unit_id)).copied(),
                            t.due_on,
                        ),
                        today,
                    );
                    if state.owes() {
                        owed.push(if due < today {
                            format!(
                                "nhiệm vụ {} quá hạn từ {}",
                                t.position,
                                thidua_domain::format::date_vn(due)
                            )
                        } else {
                            format!(
                                "nhiệm vụ {} hạn {}",
                                t.position,
                                thidua_domain::format::date_vn(due)
                            )
                        });
                    }
                }
                if owed.is_empty() {
                    continue;
                }
                units.insert(r.unit_id);
                rows.push(notifications::ActiveModel {
                    unit_id: Set(r.unit_id),
                    kind: Set("reminder".into()),
                    message: Set(format!(
                        "Đôn đốc báo cáo \"{}\": {}",
                        d.summary,
                        owed.join("; ")
                    )),
                    link: Set(format!("/chi-dao/{}", d.id)),
                    day: Set(today),
                    created_at: Set(now),
                    read_at: Set(None),
                    mailed_at: Set(None),
                    ..Default::default()
                });
            }
        }
        let txn = self.write_txn().await?;
        let inserted = insert_notifications(&txn, rows).await?;
        let run = ReminderRun {
            units: units.len(),
            notifications: inserted as usize,
        };
        // A run that told nobody anything changed nothing worth an audit entry.
        if inserted > 0 {
            self.record_audit(
            &txn,
            actor,
            Change {
                action: "remind",
                entity: "reminders",
                entity_id: None,
                unit_id: None,
                before: None,
                after: crate::audit::snapshot(&serde_json::json!({"day": today, "units": run.units, "notifications": run.notifications})),
            },
        )
        .await?;
        }
        txn.commit().await?;
        Ok(run)
    }

    /// Sends a reminder now to the given units of a directive (the office's "Nhắc" button).
    pub async fn remind_units(
        &self,
        actor: &Actor,
        directive_id: i64,
        unit_ids: &[i64],
        today: NaiveDate,
    ) -> Result<usize> {
        let d = directives::Entity::find_by_id(directive_id)
            .one(&self.db)
            .await?
            .ok_or(StoreError::NotFound("văn bản chỉ đạo"))?;
        let txn = self.write_txn().await?;
        let mut sent = Vec::new();
        for u in unit_ids {
            if directive_units::Entity::find_by_id((directive_id, *u))
                .one(&txn)
                .await?
                .is_some()
            {
                sent.push(*u);
            }
        }
        let n = notify(
            &txn,
            &sent,
            "reminder",
            &format!("Phòng Nội vụ đề nghị đơn vị báo cáo \"{}\"", d.summary),
            &format!("/chi-dao/{directive_id}"),
            today,
        )
        .await? as usize;
        self.record_audit(
            &txn,
            actor,
            Change {
                action: "remind",
                entity: "directive",
                entity_id: Some(directive_id),
                unit_id: None,
                before: None,
                after: crate::audit::snapshot(&sent),
            },
        )
        .await?;
        txn.commit().await?;
        Ok(n)
    }

    /// A unit's notifications, newest first.
    pub async fn notifications(
        &self,
        unit_ids: &BTreeSet<i64>,
        limit: u64,
    ) -> Result<Vec<notifications::Model>> {
        Ok(notifications::Entity::find()
            .filter(
                notifications::Column::UnitId.is_in(unit_ids.iter().copied().collect::<Vec<_>>()),
            )
            .order_by_desc(notifications::Column::Id)
            .limit(limit)
            .all(&self.db)
            .await?)
    }

    /// Marks notifications of `unit_ids` read: those of `ids`, or every unread one when `ids` is
    /// `None`. Others' notifications are left alone. Answers how many were marked.
    pub async fn mark_notifications_read(
        &self,
        unit_ids: &BTreeSet<i64>,
        ids: Option<&[i64]>,
    ) -> Result<u64> {
        let mut update = notifications::Entity::update_many()
            .col_expr(
                notifications::Column::ReadAt,
                sea_orm::sea_query::Expr::value(Utc::now()),
            )
            .filter(
                notifications::Column::UnitId.is_in(unit_ids.iter().copied().collect::<Vec<_>>()),
            )
            .filter(notifications::Column::ReadAt.is_null());
        if let Some(ids) = ids {
            update = update.filter(notifications::Column::Id.is_in(ids.to_vec()));
        }
        Ok(update.exec(&self.db).await?.rows_affected)
    }

    /// The digests to mail for `day`: per unit, every notification not yet mailed, with the e-mail
    /// addresses of the unit's officers.
    pub async fn digests(&self, day: NaiveDate) -> Result<Vec<Digest>> {
        let pending = notifications::Entity::find()
            .filter(notifications::Column::Day.lte(day))
            .filter(notifications::Column::MailedAt.is_null())
            .order_by_asc(notifications::Column::Id)
            .all(&self.db)
            .await?;
        let mut by_unit: BTreeMap<i64, Vec<notifications::Model>> = BTreeMap::new();
        for n in pending {
            by_unit.entry(n.unit_id).or_default().push(n);
        }
        let ids: Vec<i64> = by_unit.keys().copied().collect();
        let names = crate::movements::unit_names(&self.db, &ids).await?;
        let officers = users::Entity::find()
            .filter(users::Column::UnitId.is_in(ids.clone()))
            .all(&self.db)
            .await?;
        Ok(by_unit
            .into_iter()
            .map(|(unit_id, items)| Digest {
                unit_id,
                unit_name: names.get(&unit_id).map(|n| n.0.clone()).unwrap_or_default(),
                emails: officers
                    .iter()
                    .filter(|u| u.unit_id == Some(unit_id) && !u.locked)
                    .filter_map(|u| u.email.clone())
                    .filter(|e| !e.is_empty())
                    .collect(),
                items,
            })
            .collect())
    }

    /// Takes notifications for mailing: marks those not yet mailed and answers how many it marked, so
    /// that of several server processes only one mails each digest. After a failed send, call
    /// [`Store::release_mail`] so that the next run tries again.
    pub async fn claim_for_mail(&self, ids: &[i64]) -> Result<u64> {
        let txn = self.write_txn().await?;
        let done = notifications::Entity::update_many()
            .col_expr(notifications::Column::MailedAt, Some(Utc::now()).into())
            .filter(notifications::Column::Id.is_in(ids.to_vec()))
            .filter(notifications::Column::MailedAt.is_null())
            .exec(&txn)
            .await?;
        txn.commit().await?;
        Ok(done.rows_affected)
    }

    /// Gives notifications back for a later mail (the send failed).
    pub async fn release_mail(&self, ids: &[i64]) -> Result<()> {
        let txn = self.write_txn().await?;
        notifications::Entity::update_many()
            .col_expr(
                notifications::Column::MailedAt,
                None::<DateTime<Utc>>.into(),
            )
            .filter(notifications::Column::Id.is_in(ids.to_vec()))
            .exec(&txn)
            .await?;
        txn.commit().await?;
        Ok(())
    }

    // ----- registrations -----------------------------------------------------------------------

    async fn phase_due<C: ConnectionTrait>(
        conn: &C,
        movement_id: i64,
        year: i32,
    ) -> Result<Option<NaiveDate>> {
        Ok(movement_phases::Entity::find()
            .filter(movement_phases::Column::MovementId.eq(movement_id))
            .filter(movement_phases::Column::Year.eq(year))
            .one(conn)
            .await?
            .and_then(|p| p.registration_due))
    }

    /// Saves a unit's registration for a movement's year. After the deadline only a registration the
    /// city office reopened may change; the people must belong to the unit or the units under it.
    pub async fn save_registration(
        &self,
        actor: &Actor,
        input: RegistrationInput,
        today: NaiveDate,
    ) -> Result<registrations::Model> {
        let txn = self.write_txn().await?;
        let movement = movements::Entity::find_by_id(input.movement_id)
            .one(&txn)
            .await?
            .ok_or_else(|| invalid("movement_id", "Phong trào không tồn tại"))?;
        if input.year < movement.start_year || input.year > movement.end_year {
            return Err(invalid("year", "Năm nằm ngoài giai đoạn của phong trào"));
        }
        let due = Self::phase_due(&txn, input.movement_id, input.year).await?;
        let before = registrations::Entity::find()
            .filter(registrations::Column::MovementId.eq(input.movement_id))
            .filter(registrations::Column::Year.eq(input.year))
            .filter(registrations::Column::UnitId.eq(input.unit_id))
            .one(&txn)
            .await?;
        let reopened = before.as_ref().is_some_and(|b| b.reopened);
        if due.is_some_and(|d| today > d) && !reopened {
            return Err(StoreError::Conflict {
                field: Some("year".into()),
                message: format!(
                    "Đã hết hạn đăng ký ({}); đề nghị cơ quan thi đua, khen thưởng mở lại để sửa",
                    due.map(thidua_domain::format::date_vn).unwrap_or_default()
                ),
            });
        }
        let scope = self.unit_and_below(input.unit_id).await?;
        let ids: Vec<i64> = input.people.iter().map(|p| p.person_id).collect();
        let mut found: HashMap<i64, i64> = HashMap::new();
        for chunk in ids.chunks(500) {
            let rows: Vec<(i64, i64)> = people::Entity::find()
                .select_only()
                .column(people::Column::Id)
                .column(people::Column::UnitId)
                .filter(people::Column::Id.is_in(chunk.to_vec()))
                .into_tuple()
                .all(&txn)
                .await?;
            found.extend(rows);
        }
        let mut e = Invalid::new();
        for (i, p) in input.people.iter().enumerate() {
            match found.get(&p.person_id) {
                None => e.add(
                    &format!("people.{i}.person_id"),
                    "Người này không có trong danh bạ",
                ),
                Some(u) if !scope.contains(u) => e.add(
                    &format!("people.{i}.person_id"),
                    "Người này không thuộc đơn vị đăng ký",
                ),
                _ => {}
            }
        }
        e.or_ok(())?;
        let now = Utc::now();
        let after = match &before {
            Some(b) => {
                if input.version.is_some_and(|v| v != b.version) {
                    return Err(stale_edit());
                }
                let mut am = b.clone().into_active_model();
                am.commitments = Set(input.commitments.clone());
                am.target_title = Set(input.target_title.clone());
                am.submitted_at = Set(now);
                am.updated_by = Set(actor.name.clone());
                am.version = Set(b.version + 1);
                am.update(&txn).await?
            }
            None => {
                registrations::ActiveModel {
                    movement_id: Set(input.movement_id),
                    year: Set(input.year),
                    unit_id: Set(input.unit_id),
                    commitments: Set(input.commitments.clone()),
                    target_title: Set(input.target_title.clone()),
                    reopened: Set(false),
                    submitted_at: Set(now),
                    updated_by: Set(actor.name.clone()),
                    version: Set(1),
                    ..Default::default()
                }
                .insert(&txn)
                .await?
            }
        };
        registration_people::Entity::delete_many()
            .filter(registration_people::Column::RegistrationId.eq(after.id))
            .exec(&txn)
            .await?;
        for chunk in input.people.chunks(300) {
            registration_people::Entity::insert_many(chunk.iter().map(|p| {
                registration_people::ActiveModel {
                    registration_id: Set(after.id),
                    person_id: Set(p.person_id),
                    target_title: Set(p.target_title.clone()),
                }
            }))
            .exec_without_returning(&txn)
            .await?;
        }
        let snapshot = (&after, &input.people);
        let change = match &before {
            Some(b) => Change::updated("registration", after.id, Some(after.unit_id), b, &snapshot),
            None => Change::created("registration", after.id, Some(after.unit_id), &snapshot),
        };
        self.record_audit(&txn, actor, change).await?;
        txn.commit().await?;
        Ok(after)
    }

    /// The city office reopens (or closes again) a unit's registration after the deadline.
    pub async fn set_registration_reopened(
        &self,
        actor: &Actor,
        id: i64,
        reopened: bool,
    ) -> Result<registrations::Model> {
        let txn = self.write_txn().await?;
        let before = registrations::Entity::find_by_id(id)
            .one(&txn)
            .await?
            .ok_or(StoreError::NotFound("bản đăng ký"))?;
        let mut am = before.clone().into_active_model();
        am.reopened = Set(reopened);
        am.version = Set(before.version + 1);
        let after = am.update(&txn).await?;
        self.record_audit(
            &txn,
            actor,
            Change {
                action: if reopened { "reopen" } else { "close" },
                ..Change::updated("registration", id, Some(after.unit_id), &before, &after)
            },
        )
        .await?;
        txn.commit().await?;
        Ok(after)
    }

    /// Registrations of a movement's year (all units, or those `within`), Vietnamese order of units.
    pub async fn registrations(
        &self,
        movement_id: Option<i64>,
        year: Option<i32>,
        within: Option<&BTreeSet<i64>>,
    ) -> Result<Vec<(registrations::Model, String)>> {
        let mut f = registrations::Entity::find();
        if let Some(m) = movement_id {
            f = f.filter(registrations::Column::MovementId.eq(m));
        }
        if let Some(y) = year {
            f = f.filter(registrations::Column::Year.eq(y));
        }
        let rows: Vec<registrations::Model> = f
            .all(&self.db)
            .await?
            .into_iter()
            .filter(|r| within.is_none_or(|w| w.contains(&r.unit_id)))
            .collect();
        let ids: Vec<i64> = rows.iter().map(|r| r.unit_id).collect();
        let names = crate::movements::unit_names(&self.db, &ids).await?;
        let mut out: Vec<(Vec<u8>, (registrations::Model, String))> = rows
            .into_iter()
            .map(|r| {
                let (n, k) = names.get(&r.unit_id).cloned().unwrap_or_default();
                (k, (r, n))
            })
            .collect();
        out.sort_by(|a, b| a.0.cmp(&b.0).then(a.1 .0.year.cmp(&b.1 .0.year)));
        Ok(out.into_iter().map(|(_, r)| r).collect())
    }

    /// One registration with its people, by (movement, year, unit).
    pub async fn registration(
        &self,
        movement_id: i64,
        year: i32,
        unit_id: i64,
        today: NaiveDate,
    ) -> Result<Option<RegistrationDetail>> {
        let Some(r) = registrations::Entity::find()
            .filter(registrations::Column::MovementId.eq(movement_id))
            .filter(registrations::Column::Year.eq(year))
            .filter(registrations::Column::UnitId.eq(unit_id))
            .one(&self.db)
            .await?
        else {
            return Ok(None);
        };
        self.registration_detail(r, today).await.map(Some)
    }

    /// One registration with its people, by id.
    pub async fn registration_by_id(
        &self,
        id: i64,
        today: NaiveDate,
    ) -> Result<Option<RegistrationDetail>> {
        match registrations::Entity::find_by_id(id).one(&self.db).await? {
            Some(r) => self.registration_detail(r, today).await.map(Some),
            None => Ok(None),
        }
    }

    async fn registration_detail(
        &self,
        r: registrations::Model,
        today: NaiveDate,
    ) -> Result<RegistrationDetail> {
        let rows: Vec<(i64, String, String, String)> = registration_people::Entity::find()
            .select_only()
            .column(registration_people::Column::PersonId)
            .column(people::Column::FullName)
            .column(people::Column::Position)
            .column(registration_people::Column::TargetTitle)
            .join(
                sea_orm::JoinType::InnerJoin,
                registration_people::Entity::belongs_to(people::Entity)
                    .from(registration_people::Column::PersonId)
                    .to(people::Column::Id)
                    .into(),
            )
            .filter(registration_people::Column::RegistrationId.eq(r.id))
            .order_by_asc(people::Column::SortKey)
            .into_tuple()
            .all(&self.db)
            .await?;
        let due = Self::phase_due(&self.db, r.movement_id, r.year).await?;
        let unit_name = units::Entity::find_by_id(r.unit_id)
            .one(&self.db)
            .await?
            .map(|u| u.name)
            .unwrap_or_default();
        Ok(RegistrationDetail {
            open: r.reopened || due.is_none_or(|d| today <= d),
            registration: r,
            unit_name,
            people: rows
                .into_iter()
                .map(
                    |(person_id, full_name, position, target_title)| RegisteredPersonRow {
                        person_id,
                        full_name,
                        position,
                        target_title,
                    },
                )
                .collect(),
            due,
        })
    }

    /// Whether a unit may still register for a movement's year without the office reopening it.
    pub async fn registration_open(
        &self,
        movement_id: i64,
        year: i32,
        today: NaiveDate,
    ) -> Result<bool> {
        Ok(Self::phase_due(&self.db, movement_id, year)
            .await?
            .is_none_or(|d| today <= d))
    }

    // ----- propaganda and inspections ---------------------------------------------------------

    /// Records a post or an event of a unit.
    pub async fn add_post(
        &self,
        actor: &Actor,
        unit_id: i64,
        movement_id: Option<i64>,
        p: ValidPost,
    ) -> Result<posts::Model> {
        let txn = self.write_txn().await?;
        if let Some(m) = movement_id {
            if movements::Entity::find_by_id(m).one(&txn).await?.is_none() {
                return Err(invalid("movement_id", "Phong trào không tồn tại"));
            }
        }
        let model = posts::ActiveModel {
            unit_id: Set(unit_id),
            movement_id: Set(movement_id),
            kind: Set(p.kind.code().into()),
            title: Set(p.title),
            body: Set(p.body),
            occurred_on: Set(p.occurred_on),
            participants: Set(p.participants),
            created_at: Set(Utc::now()),
            created_by: Set(actor.name.clone()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        self.record_audit(
            &txn,
            actor,
            Change::created("post", model.id, Some(unit_id), &model),
        )
        .await?;
        txn.commit().await?;
        Ok(model)
    }

    /// Posts and events of some units (all when `within` is `None`), newest first.
    pub async fn posts(
        &self,
        within: Option<&BTreeSet<i64>>,
        year: Option<i32>,
        limit: u64,
    ) -> Result<Vec<(posts::Model, String)>> {
        let mut f = posts::Entity::find();
        if let Some(w) = within {
            f = f.filter(posts::Column::UnitId.is_in(w.iter().copied().collect::<Vec<_>>()));
        }
        if let Some(y) = year {
            let from = NaiveDate::from_ymd_opt(y, 1, 1).unwrap_or_default();
            let to = NaiveDate::from_ymd_opt(y, 12, 31).unwrap_or_default();
            f = f.filter(posts::Column::OccurredOn.between(from, to));
        }
        let rows = f
            .order_by_desc(posts::Column::OccurredOn)
            .order_by_desc(posts::Column::Id)
            .limit(limit)
            .all(&self.db)
            .await?;
        let ids: Vec<i64> = rows.iter().map(|p| p.unit_id).collect();
        let names = crate::movements::unit_names(&self.db, &ids).await?;
        Ok(rows
            .into_iter()
            .map(|p| {
                let n = names
                    .get(&p.unit_id)
                    .map(|n| n.0.clone())
                    .unwrap_or_default();
                (p, n)
            })
            .collect())
    }

    /// A unit's propaganda of a year, as its reports count it.
    pub async fn propaganda_totals(&self, unit_id: i64, year: i32) -> Result<PropagandaTotals> {
        let mut t = PropagandaTotals::default();
        let within = BTreeSet::from([unit_id]);
        for (p, _) in self.posts(Some(&within), Some(year), 100_000).await? {
            match PostKind::from_code(&p.kind) {
                Some(PostKind::Event) => {
                    t.events += 1;
                    t.participants += p.participants;
                }
                _ => t.posts += 1,
            }
        }
        Ok(t)
    }

    /// Records an inspection of a unit and its findings.
    pub async fn add_inspection(
        &self,
        actor: &Actor,
        unit_id: i64,
        directive_id: Option<i64>,
        on: NaiveDate,
        inspectors: String,
        findings: String,
    ) -> Result<inspections::Model> {
        let txn = self.write_txn().await?;
        if units::Entity::find_by_id(unit_id)
            .one(&txn)
            .await?
            .is_none()
        {
            return Err(invalid("unit_id", "Đơn vị không tồn tại"));
        }
        if let Some(d) = directive_id {
            if directives::Entity::find_by_id(d).one(&txn).await?.is_none() {
                return Err(invalid("directive_id", "Văn bản chỉ đạo không tồn tại"));
            }
        }
        let model = inspections::ActiveModel {
            unit_id: Set(unit_id),
            directive_id: Set(directive_id),
            inspected_on: Set(on),
            inspectors: Set(inspectors),
            findings: Set(findings),
            created_at: Set(Utc::now()),
            created_by: Set(actor.name.clone()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        self.record_audit(
            &txn,
            actor,
            Change::created("inspection", model.id, Some(unit_id), &model),
        )
        .await?;
        txn.commit().await?;
        Ok(model)
    }

    /// Inspections of a directive or of some units, newest first.
    pub async fn inspections(
        &self,
        directive_id: Option<i64>,
        within: Option<&BTreeSet<i64>>,
    ) -> Result<Vec<(inspections::Model, String)>> {
        let mut f = inspections::Entity::find();
        if let Some(d) = directive_id {
            f = f.filter(inspections::Column::DirectiveId.eq(d));
        }
        if let Some(w) = within {
            f = f.filter(inspections::Column::UnitId.is_in(w.iter().copied().collect::<Vec<_>>()));
        }
        let rows = f
            .order_by_desc(inspections::Column::InspectedOn)
            .limit(500)
            .all(&self.db)
            .await?;
        let ids: Vec<i64> = rows.iter().map(|p| p.unit_id).collect();
        let names = crate::movements::unit_names(&self.db, &ids).await?;
        Ok(rows
            .into_iter()
            .map(|p| {
                let n = names
                    .get(&p.unit_id)
                    .map(|n| n.0.clone())
                    .unwrap_or_default();
                (p, n)
            })
            .collect())
    }
}

/// What a cell's state needs of a report: `Some(sent_on)` when the unit started one (`sent_on` is
/// `None` while it is a draft).
type Mark = Option<Option<NaiveDate>>;

fn facts(read: bool, report: Mark, due_on: Option<NaiveDate>) -> CellFacts {
    CellFacts {
        read,
        report_started: report.is_some(),
        submitted_on: report.flatten(),
        due_on,
    }
}

/// Which units reported on which tasks and when they sent it, without the reports' text: the matrix,
/// the inbox and the reminders read thousands of these.
async fn report_marks<C: ConnectionTrait>(
    conn: &C,
    task_ids: &[i64],
    unit_ids: Option<&[i64]>,
) -> Result<HashMap<(i64, i64), Option<NaiveDate>>> {
    let mut out = HashMap::new();
    for chunk in task_ids.chunks(500) {
        let mut f = task_reports::Entity::find()
            .select_only()
            .column(task_reports::Column::TaskId)
            .column(task_reports::Column::UnitId)
            .column(task_reports::Column::SubmittedOn)
            .filter(task_reports::Column::TaskId.is_in(chunk.to_vec()));
        if let Some(u) = unit_ids {
            if u.len() <= 500 {
                f = f.filter(task_reports::Column::UnitId.is_in(u.to_vec()));
            }
        }
        let rows: Vec<(i64, i64, Option<NaiveDate>)> = f.into_tuple().all(conn).await?;
        for (task, unit, sent) in rows {
            out.insert((task, unit), sent);
        }
    }
    Ok(out)
}

async fn reports_for<C: ConnectionTrait>(
    conn: &C,
    task_ids: &[i64],
    unit_ids: Option<&[i64]>,
) -> Result<HashMap<(i64, i64), task_reports::Model>> {
    let mut out = HashMap::new();
    for chunk in task_ids.chunks(500) {
        let mut f =
            task_reports::Entity::find().filter(task_reports::Column::TaskId.is_in(chunk.to_vec()));
        if let Some(u) = unit_ids {
            if u.len() <= 500 {
                f = f.filter(task_reports::Column::UnitId.is_in(u.to_vec()));
            }
        }
        for r in f.all(conn).await? {
            out.insert((r.task_id, r.unit_id), r);
        }
    }
    Ok(out)
}

/// Tells units something: one notification per unit, kind, link and day (the unique index makes a
/// second one a no-op). Answers how many were new.
async fn notify<C: ConnectionTrait>(
    conn: &C,
    units: &[i64],
    kind: &str,
    message: &str,
    link: &str,
    day: NaiveDate,
) -> Result<u64> {
    let now: DateTime<Utc> = Utc::now();
    let rows = units
        .iter()
        .map(|u| notifications::ActiveModel {
            unit_id: Set(*u),
            kind: Set(kind.into()),
            message: Set(message.into()),
            link: Set(link.into()),
            day: Set(day),
            created_at: Set(now),
            read_at: Set(None),
            mailed_at: Set(None),
            ..Default::default()
        })
        .collect();
    insert_notifications(conn, rows).await
}

/// Inserts notifications in batches, skipping those already there for their unit, kind, link and
/// day; answers how many were new.
async fn insert_notifications<C: ConnectionTrait>(
    conn: &C,
    rows: Vec<notifications::ActiveModel>,
) -> Result<u64> {
    let mut inserted = 0;
    for chunk in rows.chunks(200) {
        inserted += notifications::Entity::insert_many(chunk.to_vec())
            .on_conflict(
                OnConflict::columns([
                    notifications::Column::UnitId,
                    notifications::Column::Kind,
                    notifications::Column::Link,
                    notifications::Column::Day,
                ])
                .do_nothing()
                .to_owned(),
            )
            .exec_without_returning(conn)
            .await?;
    }
    Ok(inserted)
}
