//! A unit's nomination list (danh sách đề nghị khen thưởng) read into nominations of a round: from
//! an Excel workbook or from the table of the unit's Word proposal letter (`office::docx_tables`),
//! in the layout `nominations` of `docs/office-files.md`. Every row gets the checks of a nomination
//! made on the form ([`Store::admit_nomination_in`]: the round open, the subject in the nominating
//! unit's scope, no duplicate, the quota) and the rules engine's pre-check, plus what only a list
//! can get wrong: a name not found or found twice (with the closest names), an award named by text
//! that the round does not consider, the same subject and award twice in the file, and more rows
//! for an award than the quota has left. Then every row in one transaction, or none.

use crate::audit::{snapshot, Actor, Change};
use crate::commendation::{award_name, unit_and_below_in};
use crate::entity::{people, units};
use crate::imports::{Checked, UnitLookup};
use crate::{Result, Store, StoreError};
use chrono::NaiveDate;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect};
use serde::Serialize;
use std::collections::{BTreeSet, HashMap};
use thidua_domain::commendation::{NominationInput, ValidNomination};
use thidua_domain::rules::{Subject, SubjectKind};
use thidua_domain::text;
use thidua_office::xlsx::{self, Limits, Mapping, Problem, NOMINATIONS};

/// One row of a nomination list, matched and pre-checked.
#[derive(Debug, Clone, Serialize)]
pub struct NominationImportRow {
    /// What would be created; `unit_id` is the nominating unit.
    pub nomination: ValidNomination,
    /// The person's or collective's name as the directory has it.
    pub subject_name: String,
    pub birth_date: Option<NaiveDate>,
    /// The person's unit (a collective: itself).
    pub subject_unit_name: String,
    pub award_name: String,
    /// The rules engine's pre-check: eligible, or why not.
    pub eligible: bool,
    /// Some criteria wait for the council.
    pub judgment_pending: bool,
    /// The criteria not met, each with its article ("… (Luật Thi đua, khen thưởng 2022, Điều 23)").
    pub reasons: Vec<String>,
}

/// A nomination list, checked.
pub type NominationsImport = Checked<NominationImportRow>;

/// A person who may be meant by a row's name.
struct Candidate {
    id: i64,
    unit_id: i64,
    full_name: String,
    birth_date: Option<NaiveDate>,
}

/// The field of the layout where a store refusal of field `field` shows.
fn column_of(field: &str) -> &'static str {
    match field {
        "award" => "award",
        "summary" => "summary",
        _ => "full_name",
    }
}

/// The messages of a refusal by the store's nomination checks, by layout field; `None` for an
/// error that is not about the row (the database).
fn refusal(e: StoreError) -> std::result::Result<Vec<(&'static str, String)>, StoreError> {
    match e {
        StoreError::Invalid(i) => Ok(i
            .fields
            .into_iter()
            .map(|(f, m)| (column_of(&f), m))
            .collect()),
        StoreError::Conflict { field, message } => {
            Ok(vec![(column_of(field.as_deref().unwrap_or("")), message)])
        }
        e => Err(e),
    }
}

fn hint(near: &[&str]) -> String {
    if near.is_empty() {
        String::new()
    } else {
        format!("; có phải: {}?", near.join(", "))
    }
}

impl Store {
    /// Reads a nomination list (an XLSX workbook, or a DOCX whose table fits the layout best) for
    /// round `round_id`, nominated by unit `unit_id`, and checks every row; writes nothing. A round
    /// that is missing, closed or past its deadline on `today` refuses the whole file (an
    /// `Invalid` or `Conflict` error); a file that cannot be read is `StoreError::Other` with the
    /// reason.
    #[allow(clippy::too_many_arguments)] // the file, its mapping, the round, the unit, the limits, the day
    pub async fn check_nominations_file(
        &self,
        bytes: &[u8],
        mapping: Option<&Mapping>,
        round_id: i64,
        unit_id: i64,
        limits: &Limits,
        today: NaiveDate,
    ) -> Result<NominationsImport> {
        let round = self
            .award_round(round_id)
            .await?
            .ok_or_else(|| crate::commendation::invalid("round_id", "Không có đợt xét này"))?;
        Self::round_takes_nominations(&round.round, today)?;
        let all_units = units::Entity::find().all(&self.db).await?;
        let unit_names: HashMap<i64, String> =
            all_units.iter().map(|u| (u.id, u.name.clone())).collect();
        let Some(nominating) = unit_names.get(&unit_id).cloned() else {
            return Err(crate::commendation::invalid(
                "unit_id",
                format!("Không có đơn vị mã {unit_id}"),
            ));
        };
        let scope: BTreeSet<i64> = unit_and_below_in(&self.db, unit_id).await?;
        let table = thidua_office::docx_tables::read_list(bytes, &NOMINATIONS, limits)
            .map_err(|e| StoreError::Other(format!("Không đọc được danh sách: {e}")))?;
        let preview = table
            .preview(&NOMINATIONS, mapping)
            .map_err(|e| StoreError::Other(format!("Không đọc được danh sách: {e}")))?;
        let tables = self.rule_tables().await?;
        // The round's awards by folded name and by code.
        let mut awards: HashMap<String, String> = HashMap::new();
        for code in &round.awards {
            awards.insert(text::fold(code), code.clone());
            awards.insert(text::fold(&award_name(&tables, code)), code.clone());
        }
        let round_award_names: Vec<String> = round
            .awards
            .iter()
            .map(|c| award_name(&tables, c))
            .collect();
        // The people named in the file, wherever they work.
        let keys: BTreeSet<String> = preview
            .rows
            .iter()
            .filter_map(|r| r.text("full_name"))
            .map(text::fold)
            .collect();
        let keys: Vec<String> = keys.into_iter().collect();
        let mut by_key: HashMap<String, Vec<Candidate>> = HashMap::new();
        for chunk in keys.chunks(500) {
            let rows: Vec<(i64, i64, String, Option<NaiveDate>, String)> = people::Entity::find()
                .select_only()
                .column(people::Column::Id)
                .column(people::Column::UnitId)
                .column(people::Column::FullName)
                .column(people::Column::BirthDate)
                .column(people::Column::SearchKey)
                .filter(people::Column::SearchKey.is_in(chunk.to_vec()))
                .into_tuple()
                .all(&self.db)
                .await?;
            for (id, unit_id, full_name, birth_date, key) in rows {
                by_key.entry(key).or_default().push(Candidate {
                    id,
                    unit_id,
                    full_name,
                    birth_date,
                });
            }
        }
        // The names of the scope, for suggestions; read once, when a name is not found.
        let mut scope_names: Option<Vec<String>> = None;
        let mut lookup = UnitLookup::new(&all_units);
        let mut items: Vec<(u32, NominationImportRow)> = Vec::new();
        let mut problems: Vec<Problem> = Vec::new();
        for row in &preview.rows {
            let n = row.row_number;
            let mut report = |key: &str, message: String| {
                problems.push(crate::imports::problem(&preview, n, key, message));
            };
            let name = row.text("full_name").unwrap_or("");
            let birth = row.date("birth_date");
            let award_text = row.text("award").unwrap_or("");
            let Some(award) = awards.get(&text::fold(award_text)).cloned() else {
                let known = tables
                    .catalogue
                    .iter()
                    .find(|i| text::fold(&i.name) == text::fold(award_text));
                let names: Vec<&str> = round_award_names.iter().map(String::as_str).collect();
                report(
                    "award",
                    match known {
                        Some(i) => format!("Đợt xét này không xét \"{}\"", i.name),
                        None => format!(
                            "Không có danh hiệu, hình thức \"{award_text}\" trong đợt xét{}",
                            hint(&xlsx::closest(award_text, &names, 3))
                        ),
                    },
                );
                continue;
            };
            let kind = tables
                .item(&award)
                .map(|i| i.subject)
                .unwrap_or(SubjectKind::Individual);
            // The unit column, when filled, narrows the name to that unit.
            let named_unit = match row.text("unit") {
                Some(u) => match lookup.find(u) {
                    Ok(id) => Some(id),
                    Err(message) => {
                        report("unit", message);
                        continue;
                    }
                },
                None => None,
            };
            let fits = |c: &&Candidate| {
                birth.is_none_or(|b| c.birth_date == Some(b))
                    && named_unit.is_none_or(|u| c.unit_id == u)
            };
            let candidates: Vec<&Candidate> = by_key
                .get(&text::fold(name))
                .map(|v| v.iter().filter(fits).collect())
                .unwrap_or_default();
            let in_scope: Vec<&Candidate> = candidates
                .iter()
                .copied()
                .filter(|c| scope.contains(&c.unit_id))
                .collect();
            // A collective: a unit of the scope by that name (an award for collectives, or an
            // award for both when no person has the name).
            let collective = match kind {
                SubjectKind::Collective => true,
                SubjectKind::Individual => false,
                SubjectKind::Any => candidates.is_empty() && lookup.find(name).is_ok(),
            };
            let (subject, person_id, subject_unit_id, subject_name, born, subject_unit) =
                if collective {
                    match lookup.find(name) {
                        Ok(u) if scope.contains(&u) => {
                            let un = unit_names.get(&u).cloned().unwrap_or_default();
                            (Subject::Collective, None, Some(u), un, None, u)
                        }
                        Ok(u) => {
                            report(
                                "full_name",
                                format!(
                                    "Tập thể {} không thuộc phạm vi của đơn vị đề nghị {nominating}",
                                    unit_names.get(&u).map_or(name, String::as_str)
                                ),
                            );
                            continue;
                        }
                        Err(message) => {
                            report("full_name", message);
                            continue;
                        }
                    }
                } else {
                    match in_scope.as_slice() {
                        [c] => (
                            Subject::Individual,
                            Some(c.id),
                            None,
                            c.full_name.clone(),
                            c.birth_date,
                            c.unit_id,
                        ),
                        [] if !candidates.is_empty() => {
                            let c = candidates[0];
                            report(
                                "full_name",
                                format!(
                                    "{} ({}) không thuộc phạm vi của đơn vị đề nghị {nominating}",
                                    c.full_name,
                                    unit_names.get(&c.unit_id).map_or("", String::as_str)
                                ),
                            );
                            continue;
                        }
                        [] => {
                            if scope_names.is_none() {
                                let ids: Vec<i64> = scope.iter().copied().collect();
                                let mut names = Vec::new();
                                for chunk in ids.chunks(500) {
                                    let rows: Vec<String> = people::Entity::find()
                                        .select_only()
                                        .column(people::Column::FullName)
                                        .filter(people::Column::UnitId.is_in(chunk.to_vec()))
                                        .into_tuple()
                                        .all(&self.db)
                                        .await?;
                                    names.extend(rows);
                                }
                                names.sort();
                                names.dedup();
                                scope_names = Some(names);
                            }
                            let names: Vec<&str> =
                                scope_names.iter().flatten().map(String::as_str).collect();
                            let narrowed = match (birth, named_unit) {
                                (None, None) => String::new(),
                                _ => " với ngày sinh, đơn vị đã ghi".to_owned(),
                            };
                            report(
                                "full_name",
                                format!(
                                    "Không có người tên \"{name}\"{narrowed} trong phạm vi đơn vị {nominating}{}",
                                    hint(&xlsx::closest(name, &names, 3))
                                ),
                            );
                            continue;
                        }
                        many => {
                            let who: Vec<String> = many
                                .iter()
                                .map(|c| {
                                    let born = c
                                        .birth_date
                                        .map(|d| {
                                            format!(", sinh {}", thidua_domain::format::date_vn(d))
                                        })
                                        .unwrap_or_default();
                                    format!(
                                        "{}{born}",
                                        unit_names.get(&c.unit_id).map_or("", String::as_str)
                                    )
                                })
                                .collect();
                            report(
                                "full_name",
                                format!(
                                    "Có {} người tên \"{name}\" trong phạm vi đơn vị ({}); hãy ghi thêm Ngày sinh hoặc Đơn vị để phân biệt",
                                    many.len(),
                                    who.join("; ")
                                ),
                            );
                            continue;
                        }
                    }
                };
            let valid = match (NominationInput {
                round_id,
                subject: subject.code().into(),
                person_id,
                subject_unit_id,
                unit_id: Some(unit_id),
                award: award.clone(),
                summary: row.text("summary").unwrap_or("").to_owned(),
            })
            .validate(&tables, &round.awards)
            {
                Ok(v) => v,
                Err(e) => {
                    for (field, message) in e.fields {
                        report(column_of(&field), message);
                    }
                    continue;
                }
            };
            match self.admit_nomination_in(&self.db, &valid, today).await {
                Ok(admitted) => items.push((
                    n,
                    NominationImportRow {
                        subject_name,
                        birth_date: born,
                        subject_unit_name: unit_names
                            .get(&subject_unit)
                            .cloned()
                            .unwrap_or_default(),
                        award_name: award_name(&tables, &award),
                        eligible: admitted.verdict.eligible,
                        judgment_pending: admitted.verdict.judgment_pending,
                        reasons: admitted
                            .verdict
                            .criteria
                            .iter()
                            .filter(|c| c.met == Some(false))
                            .map(|c| format!("{} ({})", c.text, c.citation))
                            .collect(),
                        nomination: valid,
                    },
                )),
                Err(e) => {
                    for (key, message) in refusal(e)? {
                        report(key, message);
                    }
                }
            }
        }
        // The same subject and award twice in the file.
        let mut seen: HashMap<(Option<i64>, Option<i64>, String), u32> = HashMap::new();
        for (row, r) in &items {
            let key = (
                r.nomination.person_id,
                r.nomination.subject_unit_id,
                r.nomination.award.clone(),
            );
            if let Some(first) = seen.get(&key) {
                problems.push(crate::imports::problem(
                    &preview,
                    *row,
                    "full_name",
                    format!(
                        "trùng người (tập thể) và danh hiệu với dòng {first} ({}, {})",
                        r.subject_name, r.award_name
                    ),
                ));
            } else {
                seen.insert(key, *row);
            }
        }
        // More rows for an award than the unit's quota has left.
        let quotas = self.quota_use(round_id, unit_id).await?;
        let mut taken: HashMap<&str, u32> = HashMap::new();
        for (row, r) in &items {
            let Some(q) = quotas.iter().find(|q| q.award == r.nomination.award) else {
                continue;
            };
            let k = taken.entry(q.award.as_str()).or_default();
            *k += 1;
            if *k > q.quota.remaining() {
                problems.push(crate::imports::problem(
                    &preview,
                    *row,
                    "award",
                    format!(
                        "Vượt chỉ tiêu: đơn vị còn {} suất \"{}\" trong đợt xét (chỉ tiêu {}, đã đề nghị {}); đây là đề nghị thứ {} của tệp",
                        q.quota.remaining(),
                        r.award_name,
                        q.quota.max,
                        q.quota.used,
                        k
                    ),
                ));
            }
        }
        let mut checked = Checked { preview, items };
        checked.refuse(problems);
        Ok(checked)
    }

    /// Writes the nominations of a clean check as drafts, in one transaction (or none), each
    /// admitted again inside it (so that a nomination or a quota change since the check stops the
    /// whole list, naming the row), with one audit entry naming the file. Answers the ids.
    pub async fn import_nominations(
        &self,
        actor: &Actor,
        checked: &NominationsImport,
        file_name: &str,
        today: NaiveDate,
    ) -> Result<Vec<i64>> {
        if !checked.is_clean() {
            return Err(StoreError::Other(format!(
                "Tệp còn {} lỗi; chưa ghi dòng nào",
                checked.preview.problems.len() + checked.preview.missing.len()
            )));
        }
        let Some((_, first)) = checked.items.first() else {
            return Err(StoreError::Other(
                "Tệp không có dòng đề nghị nào; chưa ghi dòng nào".into(),
            ));
        };
        let round_id = first.nomination.round_id;
        let unit_id = first.nomination.unit_id;
        let txn = self.write_txn().await?;
        let mut ids = Vec::with_capacity(checked.items.len());
        for (row, r) in &checked.items {
            let admitted = match self.admit_nomination_in(&txn, &r.nomination, today).await {
                Ok(a) => a,
                Err(e) => {
                    let messages: Vec<String> = refusal(e)?.into_iter().map(|(_, m)| m).collect();
                    return Err(StoreError::Conflict {
                        field: None,
                        message: format!("Dòng {row}: {}; chưa ghi dòng nào", messages.join("; ")),
                    });
                }
            };
            let model = Self::insert_nomination_in(&txn, actor, &r.nomination, &admitted).await?;
            ids.push(model.id);
        }
        self.record_audit(
            &txn,
            actor,
            Change {
                action: "import",
                entity: "nomination",
                entity_id: None,
                unit_id,
                before: None,
                after: snapshot(&serde_json::json!({
                    "file": file_name,
                    "round_id": round_id,
                    "rows": ids.len(),
                    "ids": ids,
                })),
            },
        )
        .await?;
        txn.commit().await?;
        Ok(ids)
    }
}
