//! Imports of the lists offices keep in Excel (`office::xlsx`): every row is read and checked first,
//! the units named are looked up (with the closest names suggested when one does not exist), and
//! nothing is written unless every row is right; then all rows go in one transaction, or none.

use crate::audit::{snapshot, Actor, Change};
use crate::bulk::BulkInsert;
use crate::entity::units;
use crate::{Result, Store, StoreError};
use chrono::{NaiveDate, Utc};
use sea_orm::sea_query::SimpleExpr;
use sea_orm::{ConnectionTrait, EntityTrait};
use std::collections::{HashMap, HashSet};
use thidua_domain::directory::{PersonInput, ValidPerson};
use thidua_domain::text;
use thidua_office::xlsx::{self, Limits, Mapping, Preview, Problem};

fn v<T: Into<sea_orm::Value>>(x: T) -> SimpleExpr {
    SimpleExpr::Value(x.into())
}

/// A file checked against the database: the preview (every problem by row and column) and, for each
/// row that passed, what would be written (by the row's number as Excel shows it). The same for every
/// kind of list; see [`PeopleImport`], [`RatingsImport`].
#[derive(Debug, Clone)]
pub struct Checked<T> {
    pub preview: Preview,
    pub items: Vec<(u32, T)>,
}

/// The people of a file, checked.
pub type PeopleImport = Checked<ValidPerson>;

impl<T> Checked<T> {
    /// Nothing stops the import.
    pub fn is_clean(&self) -> bool {
        self.preview.is_clean()
    }

    /// Every problem as one line each ("Dòng 5, cột C (Ngày sinh): …"), missing columns first.
    pub fn problem_lines(&self) -> Vec<String> {
        let mut out: Vec<String> = self
            .preview
            .missing
            .iter()
            .map(|m| format!("Thiếu cột bắt buộc: {}", m.header))
            .collect();
        out.extend(self.preview.problems.iter().map(|p| p.to_string()));
        out
    }

    /// Adds problems found after the preview (the directory's, the caller's permissions): their rows
    /// leave [`Checked::items`] and the preview's rows, and every problem stays in row order.
    pub fn refuse(&mut self, problems: Vec<Problem>) {
        if problems.is_empty() {
            return;
        }
        let bad: HashSet<u32> = problems.iter().map(|p| p.row).collect();
        self.preview.rows.retain(|r| !bad.contains(&r.row_number));
        self.items.retain(|(row, _)| !bad.contains(row));
        self.preview.problems.extend(problems);
        self.preview.problems.sort_by_key(|p| p.row);
    }

    /// A problem of row `row` in the sheet column that holds field `key`.
    pub fn problem(&self, row: u32, key: &str, message: String) -> Problem {
        problem(&self.preview, row, key, message)
    }
}

pub(crate) fn problem(preview: &Preview, row: u32, key: &str, message: String) -> Problem {
    let column = preview.mapping.index_of(key);
    Problem {
        row,
        column_letter: column.map(xlsx::column_letter).unwrap_or_default(),
        // `headers` holds the non-empty header cells only, each with its column index.
        column_header: column
            .and_then(|i| preview.headers.iter().find(|h| h.index == i))
            .map(|h| h.text.clone())
            .unwrap_or_default(),
        message_vi: message,
    }
}

/// Units named in a file, looked up by code or by name (ignoring case and diacritics), each distinct
/// text once; an unknown name gets the closest names as suggestions.
pub struct UnitLookup {
    by_code: HashMap<String, i64>,
    by_name: HashMap<String, Vec<i64>>,
    names: Vec<String>,
    seen: HashMap<String, std::result::Result<i64, String>>,
}

impl UnitLookup {
    pub fn new(all_units: &[units::Model]) -> UnitLookup {
        let mut by_name: HashMap<String, Vec<i64>> = HashMap::new();
        for u in all_units.iter().filter(|u| u.active) {
            by_name.entry(text::fold(&u.name)).or_default().push(u.id);
        }
        UnitLookup {
            by_code: all_units
                .iter()
                .map(|u| (u.code.to_lowercase(), u.id))
                .collect(),
            by_name,
            names: all_units
                .iter()
                .filter(|u| u.active)
                .map(|u| u.name.clone())
                .collect(),
            seen: HashMap::new(),
        }
    }

    /// The unit a cell names, or the Vietnamese message saying it does not exist (with the closest
    /// names).
    pub fn find(&mut self, unit_text: &str) -> std::result::Result<i64, String> {
        let unit_text = unit_text.trim();
        if let Some(found) = self.seen.get(unit_text) {
            return found.clone();
        }
        let found = self
            .by_code
            .get(&unit_text.to_lowercase())
            .copied()
            .or_else(|| match self.by_name.get(&text::fold(unit_text)) {
                Some(ids) if ids.len() == 1 => Some(ids[0]),
                _ => None,
            })
            .ok_or_else(|| {
                let names: Vec<&str> = self.names.iter().map(String::as_str).collect();
                let near = xlsx::closest(unit_text, &names, 3);
                let hint = if near.is_empty() {
                    String::new()
                } else {
                    format!("; có phải: {}?", near.join(", "))
                };
                format!("Không có đơn vị '{unit_text}' trong danh bạ{hint}")
            });
        self.seen.insert(unit_text.to_owned(), found.clone());
        found
    }
}

/// A yearly rating read from a file, matched to a person of the directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RatingRow {
    pub person_id: i64,
    pub full_name: String,
    /// The person's unit (where the rating is filed).
    pub unit_id: i64,
    pub year: i32,
    /// A rating code (`thidua_domain::rules::Rating`).
    pub rating: &'static str,
}

/// The yearly ratings of a file, checked.
pub type RatingsImport = Checked<RatingRow>;

impl Store {
    /// Reads a people list (layout `people` of `docs/office-files.md`) and checks every row against the
    /// directory: the unit by its code or its name (ignoring case and diacritics), the person's fields
    /// by the same rules as the form, duplicates within the file. `default_category` fills rows without
    /// the "Đối tượng" column. Writes nothing.
    pub async fn check_people_file(
        &self,
        bytes: &[u8],
        mapping: Option<&Mapping>,
        default_category: &str,
        limits: &Limits,
        today: NaiveDate,
    ) -> Result<PeopleImport> {
        let table = xlsx::read_table(bytes, limits, None)
            .map_err(|e| StoreError::Other(format!("Không đọc được tệp Excel: {e}")))?;
        let mut preview = table
            .preview(&xlsx::PEOPLE, mapping)
            .map_err(|e| StoreError::Other(format!("Không đọc được tệp Excel: {e}")))?;
        let all_units = units::Entity::find().all(&self.db).await?;
        let mut lookup = UnitLookup::new(&all_units);
        preview.report_duplicates("họ tên, ngày sinh và đơn vị", |r| {
            Some(format!(
                "{}|{:?}|{}",
                text::fold(r.text("full_name")?),
                r.date("birth_date"),
                text::fold(r.text("unit").unwrap_or(""))
            ))
        });
        let mut people = Vec::with_capacity(preview.rows.len());
        let mut problems = Vec::new();
        for row in &preview.rows {
            let unit_id = match lookup.find(row.text("unit").unwrap_or("")) {
                Ok(id) => id,
                Err(message) => {
                    problems.push(problem(&preview, row.row_number, "unit", message));
                    continue;
                }
            };
            let input = PersonInput {
                full_name: row.text("full_name").unwrap_or("").to_owned(),
                gender: row.text("gender").map(str::to_owned),
                birth_date: row.date("birth_date"),
                unit_id,
                position: row.text("position").unwrap_or("").to_owned(),
                category: row.text("category").unwrap_or(default_category).to_owned(),
                staff_level: row.text("staff_level").map(str::to_owned),
                union_member: row.text("union_member") == Some("yes"),
            };
            match input.validate(today) {
                Ok(p) => people.push((row.row_number, p)),
                Err(e) => {
                    for (field, message) in e.fields {
                        let key = match field.as_str() {
                            "unit_id" => "unit",
                            f => f,
                        };
                        problems.push(problem(&preview, row.row_number, key, message));
                    }
                }
            }
        }
        // A person already in the directory (same name, date of birth and unit) is not added twice:
        // the same list imported again, or a list that repeats people entered by hand.
        for (row, message) in already_in_directory(&self.db, &people).await? {
            problems.push(problem(&preview, row, "full_name", message));
        }
        let mut checked = Checked {
            preview,
            items: people,
        };
        checked.refuse(problems);
        Ok(checked)
    }

    /// Reads a list of yearly ratings (layout `ratings` of `docs/office-files.md`) and matches every
    /// row to a person: by "Mã cán bộ" when the file has it (the name must then agree), otherwise by
    /// name within the unit named (ignoring case and diacritics). A locked year, a year outside
    /// [`thidua_domain::commendation::RATING_YEARS`], an unknown unit (with the closest names), a
    /// name not found or found twice in its unit, and the same person twice for a year are problems
    /// of their rows. Writes nothing.
    pub async fn check_ratings_file(
        &self,
        bytes: &[u8],
        mapping: Option<&Mapping>,
        limits: &Limits,
    ) -> Result<RatingsImport> {
        use crate::entity::{people, rating_locks};
        use sea_orm::QuerySelect;
        let table = xlsx::read_table(bytes, limits, None)
            .map_err(|e| StoreError::Other(format!("Không đọc được tệp Excel: {e}")))?;
        let mut preview = table
            .preview(&xlsx::RATINGS, mapping)
            .map_err(|e| StoreError::Other(format!("Không đọc được tệp Excel: {e}")))?;
        preview.report_duplicates("người và năm xếp loại", |r| {
            let who = match r.number("person_id") {
                Some(id) => id.to_string(),
                None => format!(
                    "{}|{}",
                    text::fold(r.text("full_name")?),
                    text::fold(r.text("unit").unwrap_or(""))
                ),
            };
            Some(format!("{who}|{:?}", r.number("year")))
        });
        let all_units = units::Entity::find().all(&self.db).await?;
        let unit_names: HashMap<i64, String> =
            all_units.iter().map(|u| (u.id, u.name.clone())).collect();
        let mut lookup = UnitLookup::new(&all_units);
        let locked: HashSet<i32> = rating_locks::Entity::find()
            .all(&self.db)
            .await?
            .into_iter()
            .map(|l| l.year)
            .collect();
        // Everyone, as (id, folded name, unit, name): a file may name any unit.
        let everyone: Vec<(i64, String, i64, String)> = people::Entity::find()
            .select_only()
            .column(people::Column::Id)
            .column(people::Column::SearchKey)
            .column(people::Column::UnitId)
            .column(people::Column::FullName)
            .into_tuple()
            .all(&self.db)
            .await?;
        let mut by_unit_name: HashMap<(i64, &str), Vec<usize>> = HashMap::new();
        let mut by_unit: HashMap<i64, Vec<&str>> = HashMap::new();
        let mut by_id: HashMap<i64, usize> = HashMap::new();
        for (i, (id, key, unit, name)) in everyone.iter().enumerate() {
            by_unit_name
                .entry((*unit, key.as_str()))
                .or_default()
                .push(i);
            by_unit.entry(*unit).or_default().push(name.as_str());
            by_id.insert(*id, i);
        }
        let mut items = Vec::with_capacity(preview.rows.len());
        let mut problems = Vec::new();
        for row in &preview.rows {
            let n = row.row_number;
            let name = row.text("full_name").unwrap_or("");
            let year = row.number("year").unwrap_or(0);
            let Ok(year) = i32::try_from(year) else {
                problems.push(problem(
                    &preview,
                    n,
                    "year",
                    format!("Năm {year} không hợp lệ"),
                ));
                continue;
            };
            let rating = row.text("rating").unwrap_or("");
            let mut bad = false;
            if let Err(e) = thidua_domain::commendation::check_rating_year(year) {
                for (_, message) in e.fields {
                    problems.push(problem(&preview, n, "year", message));
                }
                bad = true;
            } else if locked.contains(&year) {
                problems.push(problem(
                    &preview,
                    n,
                    "year",
                    format!(
                        "Năm {year} đã khoá xếp loại; đề nghị Phòng Nội vụ mở khoá nếu cần sửa"
                    ),
                ));
                bad = true;
            }
            let unit_id = match lookup.find(row.text("unit").unwrap_or("")) {
                Ok(id) => Some(id),
                Err(message) => {
                    problems.push(problem(&preview, n, "unit", message));
                    None
                }
            };
            let person = match (row.number("person_id"), unit_id) {
                (Some(code), _) => match by_id.get(&code).map(|&i| &everyone[i]) {
                    None => {
                        problems.push(problem(
                            &preview,
                            n,
                            "person_id",
                            format!("Không có người mã {code} trong danh bạ"),
                        ));
                        None
                    }
                    Some(p) if p.1 != text::fold(name) => {
                        problems.push(problem(
                            &preview,
                            n,
                            "full_name",
                            format!("Mã {code} là {}, không phải \"{name}\"", p.3),
                        ));
                        None
                    }
                    Some(p) => Some(p),
                },
                (None, Some(unit)) => {
                    let key = text::fold(name);
                    match by_unit_name.get(&(unit, key.as_str())).map(Vec::as_slice) {
                        Some([i]) => Some(&everyone[*i]),
                        Some(many) => {
                            problems.push(problem(
                                &preview,
                                n,
                                "full_name",
                                format!(
                                    "Đơn vị {} có {} người tên \"{name}\"; hãy thêm cột \"Mã cán bộ\" (mã trong danh bạ) để phân biệt",
                                    unit_names.get(&unit).map_or("", String::as_str),
                                    many.len()
                                ),
                            ));
                            None
                        }
                        None => {
                            let names = by_unit.get(&unit).cloned().unwrap_or_default();
                            let near = xlsx::closest(name, &names, 3);
                            let hint = if near.is_empty() {
                                String::new()
                            } else {
                                format!("; có phải: {}?", near.join(", "))
                            };
                            problems.push(problem(
                                &preview,
                                n,
                                "full_name",
                                format!(
                                    "Không có người tên \"{name}\" trong đơn vị {}{hint}",
                                    unit_names.get(&unit).map_or("", String::as_str)
                                ),
                            ));
                            None
                        }
                    }
                }
                (None, None) => None,
            };
            let (Some(p), false) = (person, bad) else {
                continue;
            };
            let Some(rating) = thidua_domain::rules::Rating::from_code(rating) else {
                continue;
            };
            items.push((
                n,
                RatingRow {
                    person_id: p.0,
                    full_name: p.3.clone(),
                    unit_id: p.2,
                    year,
                    rating: rating.code(),
                },
            ));
        }
        // The same person twice for a year (named once by code and once by name).
        let mut seen: HashMap<(i64, i32), u32> = HashMap::new();
        for (row, r) in &items {
            if let Some(first) = seen.insert((r.person_id, r.year), *row) {
                problems.push(Problem {
                    row: *row,
                    column_letter: String::new(),
                    column_header: String::new(),
                    message_vi: format!(
                        "trùng người và năm xếp loại với dòng {first} ({}, {})",
                        r.full_name, r.year
                    ),
                });
            }
        }
        let mut checked = Checked { preview, items };
        checked.refuse(problems);
        Ok(checked)
    }

    /// Writes the ratings of a clean check in one transaction (or none), replacing a person's rating
    /// of the same year, with one audit entry naming the file. A year locked since the check stops
    /// the whole import.
    pub async fn import_ratings(
        &self,
        actor: &Actor,
        checked: &RatingsImport,
        file_name: &str,
        progress: &(dyn Fn(u64, u64) + Sync),
    ) -> Result<u64> {
        use crate::entity::{rating_locks, ratings};
        use sea_orm::sea_query::OnConflict;
        use sea_orm::{ColumnTrait, QueryFilter, Set};
        if !checked.is_clean() {
            return Err(StoreError::Other(format!(
                "Tệp còn {} lỗi; chưa ghi dòng nào",
                checked.preview.problems.len() + checked.preview.missing.len()
            )));
        }
        let txn = self.write_txn().await?;
        let years: std::collections::BTreeSet<i32> =
            checked.items.iter().map(|(_, r)| r.year).collect();
        if let Some(l) = rating_locks::Entity::find()
            .filter(rating_locks::Column::Year.is_in(years.iter().copied()))
            .one(&txn)
            .await?
        {
            return Err(StoreError::Conflict {
                field: Some("year".into()),
                message: format!("Năm {} đã khoá xếp loại; chưa ghi dòng nào", l.year),
            });
        }
        let total = checked.items.len() as u64;
        let mut done = 0u64;
        for chunk in checked.items.chunks(2_000) {
            let models = chunk.iter().map(|(_, r)| ratings::ActiveModel {
                person_id: Set(r.person_id),
                year: Set(r.year),
                rating: Set(r.rating.to_owned()),
                unit_id: Set(r.unit_id),
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
            done += chunk.len() as u64;
            progress(done, total);
        }
        self.record_audit(
            &txn,
            actor,
            Change {
                action: "import",
                entity: "ratings",
                entity_id: None,
                unit_id: None,
                before: None,
                after: snapshot(&serde_json::json!({
                    "file": file_name,
                    "rows": total,
                    "years": years,
                })),
            },
        )
        .await?;
        txn.commit().await?;
        Ok(total)
    }

    /// Writes the people of a clean check, all in one transaction (or none), with one audit entry
    /// naming the file. `progress` is told (rows written, rows in all).
    pub async fn import_people(
        &self,
        actor: &Actor,
        checked: &PeopleImport,
        file_name: &str,
        progress: &(dyn Fn(u64, u64) + Sync),
    ) -> Result<u64> {
        if !checked.is_clean() {
            return Err(StoreError::Other(format!(
                "Tệp còn {} lỗi; chưa ghi dòng nào",
                checked.preview.problems.len() + checked.preview.missing.len()
            )));
        }
        let txn = self.write_txn().await?;
        // Checked again under the write lock: someone may have added one of these people, or
        // imported the same list, since the file was checked.
        if let Some((row, message)) = already_in_directory(&txn, &checked.items)
            .await?
            .into_iter()
            .next()
        {
            return Err(StoreError::Other(format!(
                "Dòng {row}: {message}; chưa ghi dòng nào"
            )));
        }
        let seq = self.change_seq(&txn).await?;
        let now = Utc::now();
        let next_id: i64 = {
            use sea_orm::{ColumnTrait, QuerySelect};
            crate::entity::people::Entity::find()
                .select_only()
                .column_as(crate::entity::people::Column::Id.max(), "max")
                .into_tuple::<Option<i64>>()
                .one(&txn)
                .await?
                .flatten()
                .unwrap_or(0)
                + 1
        };
        let mut people = BulkInsert::new(
            "people",
            &[
                "id",
                "full_name",
                "gender",
                "birth_date",
                "unit_id",
                "position",
                "category",
                "staff_level",
                "union_member",
                "search_key",
                "sort_key",
                "version",
                "change_seq",
                "created_at",
                "updated_at",
            ],
        );
        let total = checked.items.len() as u64;
        // Written in name order (ids too): the name indexes (`idx_people_sort`, and per unit
        // `idx_people_unit_sort`) then grow at their ends instead of taking 100,000 rows at random
        // places, which with SQLite's small page cache costs more than the rows themselves.
        let mut order = sort_and_search_keys(&checked.items);
        order.sort_by(|a, b| a.0.cmp(&b.0));
        // The same for every row: written into the statement rather than bound 100,000 times.
        let (version, change_seq) = (
            SimpleExpr::Constant(1i32.into()),
            SimpleExpr::Constant(seq.into()),
        );
        for (i, (sort_key, search_key, p)) in order.into_iter().enumerate() {
            people.push(vec![
                v(next_id + i as i64),
                v(p.full_name.clone()),
                v(p.gender.map(|g| g.code())),
                v(p.birth_date),
                v(p.unit_id),
                v(p.position.clone()),
                v(p.category.code()),
                v(p.staff_level.code()),
                v(p.union_member),
                v(search_key),
                v(sort_key),
                version.clone(),
                change_seq.clone(),
                v(now),
                v(now),
            ]);
            if people.pending() >= 2_000 {
                people.flush(&txn).await?;
                progress(i as u64 + 1, total);
            }
        }
        people.flush(&txn).await?;
        // Each person's first place in the directory's history, in one statement from the rows
        // just written.
        {
            use crate::entity::{people as p, person_moves as m};
            use sea_orm::sea_query::{Expr, Query};
            use sea_orm::ColumnTrait;
            let mut select = Query::select();
            select
                .column(p::Column::Id)
                .column(p::Column::UnitId)
                .expr(Expr::val(None::<NaiveDate>))
                .expr(Expr::val(None::<NaiveDate>))
                .expr(Expr::val(format!("Nhập từ tệp {file_name}")))
                .from(p::Entity)
                .and_where(p::Column::Id.gte(next_id));
            let mut insert = Query::insert();
            insert
                .into_table(m::Entity)
                .columns([
                    m::Column::PersonId,
                    m::Column::UnitId,
                    m::Column::FromDate,
                    m::Column::ToDate,
                    m::Column::Reason,
                ])
                .select_from(select)
                .map_err(|e| StoreError::Other(e.to_string()))?;
            txn.execute(txn.get_database_backend().build(&insert))
                .await?;
        }
        self.reset_sequences(&txn, &["people", "person_moves"])
            .await?;
        self.record_audit(
            &txn,
            actor,
            Change {
                action: "import",
                entity: "person",
                entity_id: None,
                unit_id: None,
                before: None,
                after: snapshot(
                    &serde_json::json!({"file": file_name, "rows": total, "first_id": next_id}),
                ),
            },
        )
        .await?;
        txn.commit().await?;
        progress(total, total);
        Ok(total)
    }
}

/// Each person's collation key ([`text::person_sort_key`]) and search key ([`text::fold`]), computed
/// on every core: for a file of 100,000 people they are a good part of the import's own work.
fn sort_and_search_keys(items: &[(u32, ValidPerson)]) -> Vec<(Vec<u8>, String, &ValidPerson)> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
    let chunk = items.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let parts: Vec<_> = items
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    part.iter()
                        .map(|(_, p)| {
                            (
                                text::person_sort_key(&p.full_name),
                                text::fold(&p.full_name),
                                p,
                            )
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        parts
            .into_iter()
            .flat_map(|part| part.join().expect("computing keys does not panic"))
            .collect()
    })
}

/// The rows naming a person already in their unit with the same name (folded) and date of birth,
/// each with its Vietnamese message, in row order. Rows without a date of birth are not compared:
/// namesakes are common.
async fn already_in_directory<C: ConnectionTrait>(
    conn: &C,
    rows: &[(u32, ValidPerson)],
) -> Result<Vec<(u32, String)>> {
    use crate::entity::people;
    use sea_orm::{ColumnTrait, QueryFilter, QuerySelect};
    let units: Vec<i64> = rows
        .iter()
        .filter(|(_, p)| p.birth_date.is_some())
        .map(|(_, p)| p.unit_id)
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    // By unit and date of birth first: a row's name is folded only when someone there shares them.
    let mut known: HashMap<(i64, NaiveDate), HashSet<String>> = HashMap::new();
    for chunk in units.chunks(500) {
        let found: Vec<(String, Option<NaiveDate>, i64)> = people::Entity::find()
            .select_only()
            .column(people::Column::SearchKey)
            .column(people::Column::BirthDate)
            .column(people::Column::UnitId)
            .filter(people::Column::UnitId.is_in(chunk.to_vec()))
            .filter(people::Column::BirthDate.is_not_null())
            .into_tuple()
            .all(conn)
            .await?;
        for (name, born, unit) in found {
            if let Some(born) = born {
                known.entry((unit, born)).or_default().insert(name);
            }
        }
    }
    let mut out: Vec<(u32, String)> = rows
        .iter()
        .filter(|(_, p)| {
            p.birth_date
                .and_then(|born| known.get(&(p.unit_id, born)))
                .is_some_and(|names| names.contains(&text::fold(&p.full_name)))
        })
        .map(|(row, p)| {
            (
                *row,
                format!(
                    "{} đã có trong danh bạ của đơn vị (cùng họ tên và ngày sinh); \
                     bỏ dòng này khỏi tệp để không nhập trùng",
                    p.full_name
                ),
            )
        })
        .collect();
    out.sort_by_key(|(row, _)| *row);
    Ok(out)
}
