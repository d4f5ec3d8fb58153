//! Importing a people list from Excel through the pages (nhập danh sách từ Excel): upload, preview,
//! correct the column mapping, confirm.
//!
//! 1. `GET /nguoi/nhap`: the upload form.
//! 2. `POST /nguoi/nhap` (multipart): the file goes into the content-addressed file store and the
//!    preview is shown: every problem by row and column in Vietnamese (the store's
//!    [`check_people_file`](thidua_store::Store::check_people_file), plus the rows whose unit the
//!    viewer may not add people to), and a form that says which sheet column feeds each field.
//! 3. `POST /nguoi/nhap/xac-nhan`: with `hanh_dong=xem` the preview again with the mapping chosen;
//!    with `hanh_dong=ghi` the file is checked again (the directory may have changed since) and, if
//!    nothing is wrong, every row is written in one audited transaction, or none.
//!
//! Between the steps the file is referred to by its SHA-256 in the file store, never kept in the
//! session; a hash names the bytes, so the confirmation writes exactly what was previewed.

use crate::error::{AppError, PageError};
use crate::extract::{Caller, Params};
use crate::pages_work::today;
use crate::permissions::{allows, check, unit as unit_target, Action, Target};
use crate::templates::page;
use crate::{AppState, Routes};
use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::Form;
use minijinja::{context, Value};
use std::collections::{BTreeSet, HashMap};
use thidua_domain::directory::PersonCategory;
use thidua_office::xlsx::{column_letter, Mapping, Problem, PEOPLE};
use thidua_store::imports::PeopleImport;
use thidua_store::StoreError;

pub(crate) fn routes() -> Routes {
    Routes::new()
        .get("/nguoi/nhap", form_page)
        .post_upload("/nguoi/nhap", upload)
        .post("/nguoi/nhap/xac-nhan", confirm)
}

type PageResult = Result<Response, PageError>;

/// Problems shown on the preview; the rest are counted.
const MAX_PROBLEMS_SHOWN: usize = 500;
/// Rows shown as a sample of what would be written.
const SAMPLE_ROWS: usize = 20;

fn categories() -> Vec<Value> {
    PersonCategory::ALL
        .iter()
        .map(|c| context! { code => c.code(), label => c.label() })
        .collect()
}

fn with_status(status: StatusCode, body: String) -> Response {
    (status, Html(body)).into_response()
}

/// The upload form, with a message when a file could not be read or a count after an import.
fn upload_page(
    st: &AppState,
    caller: &Caller,
    error: Option<String>,
    imported: Option<u64>,
    category: &str,
) -> PageResult {
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let body = page(
        st,
        caller,
        "people_import.html",
        context! {
            title => "Nhập danh sách từ Excel", nav => "people",
            error, imported, category, categories => categories(),
            max_mb => st.config.import_limits.max_file_bytes / (1024 * 1024),
            columns => PEOPLE.columns.iter().map(|c| context! { header => c.header, required => c.required, aliases => c.aliases.join("; ") }).collect::<Vec<_>>(),
        },
    )?;
    Ok(with_status(status, body))
}

async fn form_page(State(st): State<AppState>, caller: Caller, params: Params) -> PageResult {
    check(&caller.viewer, Action::EditPerson, Target::None)?;
    let imported = params.text("da_nhap").and_then(|n| n.parse::<u64>().ok());
    upload_page(&st, &caller, None, imported, "cong_chuc")
}

/// The category for rows without one, as chosen on the form (a known code, or the default).
fn category_of(code: &str) -> &'static str {
    PersonCategory::from_code(code)
        .map(|c| c.code())
        .unwrap_or("cong_chuc")
}

async fn upload(
    State(st): State<AppState>,
    caller: Caller,
    mp: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> PageResult {
    // The permission first: a malformed body from someone who may not import is a 403.
    check(&caller.viewer, Action::EditPerson, Target::None)?;
    let mut mp = mp.map_err(|e| {
        AppError::bad_request(format!(
            "Biểu mẫu gửi kèm tệp không đúng dạng multipart/form-data ({})",
            e.body_text()
        ))
    })?;
    let bad = |e: axum::extract::multipart::MultipartError| {
        AppError::new(
            e.status(),
            "validation",
            format!("Không đọc được biểu mẫu gửi kèm tệp: {}", e.body_text()),
        )
    };
    let mut file: Option<(String, bytes::Bytes)> = None;
    let mut category = String::new();
    while let Some(field) = mp.next_field().await.map_err(bad)? {
        let name = field.name().unwrap_or_default().to_owned();
        match (name.as_str(), field.file_name().map(str::to_owned)) {
            ("tep", Some(file_name)) => {
                let data = field.bytes().await.map_err(bad)?;
                if !(file_name.is_empty() && data.is_empty()) {
                    file = Some((file_name, data));
                }
            }
            ("doi_tuong", None) => category = field.text().await.map_err(bad)?,
            _ => {}
        }
    }
    let category = category_of(&category);
    let Some((file_name, data)) = file else {
        return upload_page(
            &st,
            &caller,
            Some("Chưa chọn tệp Excel (.xlsx) để nhập.".into()),
            None,
            category,
        );
    };
    // Refused before it is stored: an empty or too large file needs no room in the store.
    if let Err(e) = thidua_office::xlsx::check_file(&data, &st.config.import_limits) {
        return upload_page(
            &st,
            &caller,
            Some(file_message(&file_name, &e.to_string())),
            None,
            category,
        );
    }
    let sha = st.store.files().put(data).await?;
    preview(&st, &caller, &sha, &file_name, category, None).await
}

fn file_message(file_name: &str, message: &str) -> String {
    format!("Tệp \"{file_name}\": {message}")
}

/// Checks the stored file: the store's checks of every row, and the viewer's right to add people
/// to each row's unit. `Err` carries the message of a file that cannot be read at all.
async fn check_file(
    st: &AppState,
    caller: &Caller,
    sha: &str,
    mapping: Option<&Mapping>,
    category: &str,
) -> Result<Result<PeopleImport, String>, AppError> {
    let bytes = match st.store.files().get(sha).await {
        Ok(b) => b,
        Err(StoreError::NotFound(_)) => {
            return Ok(Err("Không còn tệp đã tải lên; hãy tải tệp lên lại.".into()))
        }
        Err(e) => return Err(e.into()),
    };
    let mut checked = match st
        .store
        .check_people_file(&bytes, mapping, category, &st.config.import_limits, today())
        .await
    {
        Ok(c) => c,
        // The file itself (not XLSX, corrupt, a zip bomb, no header row…).
        Err(StoreError::Other(message)) => return Ok(Err(message)),
        Err(e) => return Err(e.into()),
    };
    // Rows for units the viewer may not add people to (a unit officer's file naming another unit).
    let units: HashMap<i64, thidua_store::entity::units::Model> = st
        .store
        .units_all()
        .await?
        .into_iter()
        .map(|u| (u.id, u))
        .collect();
    let unit_column = checked.preview.mapping.index_of("unit");
    let header = unit_column
        .and_then(|i| checked.preview.headers.iter().find(|h| h.index == i))
        .map(|h| h.text.clone())
        .unwrap_or_default();
    let mut refused = BTreeSet::new();
    for (row, person) in &checked.people {
        let Some(u) = units.get(&person.unit_id) else {
            continue;
        };
        if !allows(&caller.viewer, Action::EditPerson, unit_target(u)) {
            refused.insert(*row);
            checked.preview.problems.push(Problem {
                row: *row,
                column_letter: unit_column.map(column_letter).unwrap_or_default(),
                column_header: header.clone(),
                message_vi: format!("Bạn không có quyền thêm người vào đơn vị \"{}\"", u.name),
            });
        }
    }
    if !refused.is_empty() {
        checked.people.retain(|(row, _)| !refused.contains(row));
        checked
            .preview
            .rows
            .retain(|r| !refused.contains(&r.row_number));
        checked.preview.problems.sort_by_key(|p| p.row);
    }
    Ok(Ok(checked))
}

async fn preview(
    st: &AppState,
    caller: &Caller,
    sha: &str,
    file_name: &str,
    category: &str,
    mapping: Option<&Mapping>,
) -> PageResult {
    let checked = match check_file(st, caller, sha, mapping, category).await? {
        Ok(c) => c,
        Err(message) => {
            return upload_page(
                st,
                caller,
                Some(file_message(file_name, &message)),
                None,
                category,
            )
        }
    };
    render_preview(st, caller, sha, file_name, category, &checked, None)
}

fn render_preview(
    st: &AppState,
    caller: &Caller,
    sha: &str,
    file_name: &str,
    category: &str,
    checked: &PeopleImport,
    note: Option<String>,
) -> PageResult {
    let p = &checked.preview;
    let problems: Vec<Value> = p
        .problems
        .iter()
        .take(MAX_PROBLEMS_SHOWN)
        .map(|x| {
            context! {
                row => x.row, column => x.column_letter.clone(), header => x.column_header.clone(),
                message => x.message_vi.clone(), line => x.to_string(),
            }
        })
        .collect();
    let missing: Vec<&str> = p.missing.iter().map(|m| m.header).collect();
    let sheet_columns: Vec<Value> = p
        .headers
        .iter()
        .map(|h| context! { index => h.index, letter => h.letter.clone(), text => h.text.clone() })
        .collect();
    let fields: Vec<Value> = PEOPLE
        .columns
        .iter()
        .map(|c| {
            context! {
                key => c.key, header => c.header, required => c.required,
                chosen => p.mapping.index_of(c.key),
            }
        })
        .collect();
    let first_rows: Vec<Value> = checked
        .people
        .iter()
        .take(SAMPLE_ROWS)
        .map(|(row, person)| {
            let source = p.rows.iter().find(|r| r.row_number == *row);
            context! {
                row => *row,
                full_name => person.full_name.clone(),
                birth_date => person.birth_date.map(thidua_domain::format::date_vn).unwrap_or_default(),
                position => person.position.clone(),
                category => person.category.label(),
                unit => source.and_then(|r| r.text("unit")).unwrap_or_default().to_owned(),
            }
        })
        .collect();
    let legacy: Vec<Value> = p
        .legacy
        .iter()
        .map(|l| context! { column => l.column_letter.clone(), header => l.column_header.clone(), encoding => l.encoding, cells => l.cells })
        .collect();
    let clean = checked.is_clean() && !checked.people.is_empty();
    let status = if clean {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let body = page(
        st,
        caller,
        "people_import_preview.html",
        context! {
            title => "Xem trước danh sách nhập", nav => "people",
            sha, file_name, category, categories => categories(),
            sheet => p.sheet.clone(), header_row => p.header_row,
            ok_rows => checked.people.len(), problems, problem_count => p.problems.len(),
            more_problems => p.problems.len().saturating_sub(MAX_PROBLEMS_SHOWN),
            missing, sheet_columns, fields, first_rows, legacy, ignored_from_row => p.ignored_from_row,
            clean, empty => checked.people.is_empty() && p.problems.is_empty() && p.missing.is_empty(), note,
        },
    )?;
    Ok(with_status(status, body))
}

/// The mapping the form chose: `cot_<field>` = the sheet column's index, or empty for none.
fn mapping_of(form: &[(String, String)]) -> Result<Mapping, AppError> {
    let mut mapping = Mapping::default();
    let mut used = BTreeSet::new();
    for c in PEOPLE.columns {
        let Some((_, v)) = form.iter().find(|(k, _)| *k == format!("cot_{}", c.key)) else {
            continue;
        };
        if v.trim().is_empty() {
            continue;
        }
        let index: usize = v
            .trim()
            .parse()
            .ok()
            .filter(|i| *i < 16_384)
            .ok_or_else(|| AppError::bad_param(&format!("cot_{}", c.key), "Cột không hợp lệ"))?;
        if !used.insert(index) {
            return Err(AppError::bad_param(
                &format!("cot_{}", c.key),
                format!(
                    "Cột {} đã được chọn cho một trường khác; mỗi cột của tệp chỉ ghép với một trường",
                    column_letter(index)
                ),
            ));
        }
        mapping
            .set(&PEOPLE, index, Some(c.key))
            .map_err(|e| AppError::bad_param("cot", e.to_string()))?;
    }
    Ok(mapping)
}

async fn confirm(
    State(st): State<AppState>,
    caller: Caller,
    Form(form): Form<Vec<(String, String)>>,
) -> PageResult {
    check(&caller.viewer, Action::EditPerson, Target::None)?;
    let get = |k: &str| {
        form.iter()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.trim().to_owned())
            .unwrap_or_default()
    };
    let sha = get("tep").to_ascii_lowercase();
    if sha.len() != 64 || !sha.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(AppError::bad_param("tep", "Mã tệp không hợp lệ; hãy tải tệp lên lại").into());
    }
    let file_name: String = get("ten_tep").chars().take(255).collect();
    let category = category_of(&get("doi_tuong"));
    let mapping = match mapping_of(&form) {
        Ok(m) => m,
        Err(e) => {
            let checked = match check_file(&st, &caller, &sha, None, category).await? {
                Ok(c) => c,
                Err(message) => {
                    return upload_page(
                        &st,
                        &caller,
                        Some(file_message(&file_name, &message)),
                        None,
                        category,
                    )
                }
            };
            return render_preview(
                &st,
                &caller,
                &sha,
                &file_name,
                category,
                &checked,
                Some(e.message),
            );
        }
    };
    let checked = match check_file(&st, &caller, &sha, Some(&mapping), category).await? {
        Ok(c) => c,
        Err(message) => {
            return upload_page(
                &st,
                &caller,
                Some(file_message(&file_name, &message)),
                None,
                category,
            )
        }
    };
    if get("hanh_dong") != "ghi" || !checked.is_clean() || checked.people.is_empty() {
        let note = (get("hanh_dong") == "ghi").then(|| {
            "Chưa ghi dòng nào: tệp còn lỗi. Sửa tệp rồi tải lên lại, hoặc ghép lại cột.".to_owned()
        });
        return render_preview(&st, &caller, &sha, &file_name, category, &checked, note);
    }
    let n = st
        .store
        .import_people(&caller.actor(), &checked, &file_name, &|_, _| {})
        .await?;
    Ok(Redirect::to(&format!("/nguoi/nhap?da_nhap={n}")).into_response())
}
