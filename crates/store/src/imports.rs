//! Imports of the lists offices keep in Excel (`office::xlsx`): every row is read and checked first,
//! the units named are looked up (with the closest names suggested when one does not exist), and
//! nothing is written unless every row is right; then all rows go in one transaction, or none.

use crate::audit::{snapshot, Actor, Change};
use crate::bulk::BulkInsert;
use crate::entity::units;
use crate::{Result, Store, StoreError};
use chrono::{NaiveDate, Utc};
use sea_orm::sea_query::SimpleExpr;
use sea_orm::EntityTrait;
use std::collections::HashMap;
use thidua_domain::directory::{PersonInput, ValidPerson};
use thidua_domain::text;
use thidua_office::xlsx::{self, Limits, Mapping, Preview, Problem};

fn v<T: Into<sea_orm::Value>>(x: T) -> SimpleExpr {
    SimpleExpr::Value(x.into())
}

/// The people of a file, checked: what would be written, and every problem by row and column.
#[derive(Debug, Clone)]
pub struct PeopleImport {
    pub preview: Preview,
    pub people: Vec<(u32, ValidPerson)>,
}

impl PeopleImport {
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
}

fn problem(preview: &Preview, row: u32, key: &str, message: String) -> Problem {
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
        let by_code: HashMap<String, i64> = all_units
            .iter()
            .map(|u| (u.code.to_lowercase(), u.id))
            .collect();
        let mut by_name: HashMap<String, Vec<i64>> = HashMap::new();
        for u in all_units.iter().filter(|u| u.active) {
            by_name.entry(text::fold(&u.name)).or_default().push(u.id);
        }
        let names: Vec<&str> = all_units
            .iter()
            .filter(|u| u.active)
            .map(|u| u.name.as_str())
            .collect();
        preview.report_duplicates("họ tên, ngày sinh và đơn vị", |r| {
            Some(format!(
                "{}|{:?}|{}",
                text::fold(r.text("full_name")?),
                r.date("birth_date"),
                text::fold(r.text("unit").unwrap_or(""))
            ))
        });
        let mut people = Vec::new();
        let mut problems = Vec::new();
        for row in &preview.rows {
            let unit_text = row.text("unit").unwrap_or("").trim();
            let unit_id = by_code
                .get(&unit_text.to_lowercase())
                .copied()
                .or_else(|| match by_name.get(&text::fold(unit_text)) {
                    Some(ids) if ids.len() == 1 => Some(ids[0]),
                    _ => None,
                });
            let Some(unit_id) = unit_id else {
                let near = xlsx::closest(unit_text, &names, 3);
                let hint = if near.is_empty() {
                    String::new()
                } else {
                    format!("; có phải: {}?", near.join(", "))
                };
                problems.push(problem(
                    &preview,
                    row.row_number,
                    "unit",
                    format!("Không có đơn vị '{unit_text}' trong danh bạ{hint}"),
                ));
                continue;
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
        let bad: std::collections::BTreeSet<u32> = problems.iter().map(|p| p.row).collect();
        preview.rows.retain(|r| !bad.contains(&r.row_number));
        people.retain(|(row, _)| !bad.contains(row));
        preview.problems.extend(problems);
        preview.problems.sort_by_key(|p| p.row);
        Ok(PeopleImport { preview, people })
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
        let mut moves = BulkInsert::new(
            "person_moves",
            &["person_id", "unit_id", "from_date", "to_date", "reason"],
        );
        let total = checked.people.len() as u64;
        for (i, (_, p)) in checked.people.iter().enumerate() {
            let id = next_id + i as i64;
            people.push(vec![
                v(id),
                v(p.full_name.clone()),
                v(p.gender.map(|g| g.code())),
                v(p.birth_date),
                v(p.unit_id),
                v(p.position.clone()),
                v(p.category.code()),
                v(p.staff_level.code()),
                v(p.union_member),
                v(text::fold(&p.full_name)),
                v(text::person_sort_key(&p.full_name)),
                v(1),
                v(seq),
                v(now),
                v(now),
            ]);
            moves.push(vec![
                v(id),
                v(p.unit_id),
                v(None::<NaiveDate>),
                v(None::<NaiveDate>),
                v(format!("Nhập từ tệp {file_name}")),
            ]);
            if people.pending() >= 1_000 {
                people.flush(&txn).await?;
                moves.flush(&txn).await?;
                progress(i as u64 + 1, total);
            }
        }
        people.flush(&txn).await?;
        moves.flush(&txn).await?;
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
