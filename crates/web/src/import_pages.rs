//! What the import pages share (people `/nguoi/nhap`, yearly ratings `/xep-loai/nhap`, nominations
//! `/de-nghi/nhap`, which also takes the table of a Word letter): the
//! multipart upload, the file checked (`office::xlsx::check_file`) before it is kept in the
//! content-addressed file store and referred to by its SHA-256 from then on, the column mapping a
//! user chooses on the preview, the rows refused because the viewer may not write to their unit, and
//! the two pages themselves (`import_upload.html`, `import_preview.html`), filled by each kind with
//! its own texts, form fields and sample columns.

use crate::error::{AppError, PageError};
use crate::extract::Caller;
use crate::permissions::{allows, unit as unit_target, Action};
use crate::templates::page;
use crate::AppState;
use axum::extract::Multipart;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use minijinja::{context, Value};
use std::collections::{BTreeSet, HashMap};
use thidua_office::xlsx::{column_letter, Layout, ListSheet, Mapping};
use thidua_store::imports::Checked;
use thidua_store::StoreError;

pub(crate) type PageResult = Result<Response, PageError>;

/// Problems shown on the preview; the rest are counted.
const MAX_PROBLEMS_SHOWN: usize = 500;
/// Rows shown as a sample of what would be written.
pub(crate) const SAMPLE_ROWS: usize = 20;

/// A form's field, trimmed ("" when absent).
pub(crate) fn field(form: &[(String, String)], key: &str) -> String {
    form.iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.trim().to_owned())
        .unwrap_or_default()
}

/// What an upload form sent: the file (name and bytes; none when no file was chosen) and the other
/// fields.
pub(crate) struct Upload {
    pub file: Option<(String, bytes::Bytes)>,
    pub fields: Vec<(String, String)>,
}

/// Reads a multipart upload whose file field is `tep`.
pub(crate) async fn read_upload(
    mp: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Result<Upload, AppError> {
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
    let mut upload = Upload {
        file: None,
        fields: Vec::new(),
    };
    while let Some(f) = mp.next_field().await.map_err(bad)? {
        let name = f.name().unwrap_or_default().to_owned();
        match (name.as_str(), f.file_name().map(str::to_owned)) {
            ("tep", Some(file_name)) => {
                let data = f.bytes().await.map_err(bad)?;
                if !(file_name.is_empty() && data.is_empty()) {
                    upload.file = Some((file_name, data));
                }
            }
            (_, None) => {
                let value = f.text().await.map_err(bad)?;
                upload.fields.push((name, value));
            }
            _ => {}
        }
    }
    Ok(upload)
}

/// A count with dots between thousands ("12.345"), as the `thousands` filter writes it.
pub(crate) fn thousands(n: usize) -> String {
    thidua_domain::format::money_vnd(n as i64)
        .trim_end_matches(" đ")
        .to_owned()
}

pub(crate) fn file_message(file_name: &str, message: &str) -> String {
    format!("Tệp \"{file_name}\": {message}")
}

/// Checks an uploaded file and keeps it: its SHA-256, or the message naming why it was refused (an
/// empty or too large file, not an XLSX and what it is instead, a zip bomb…; nothing is stored).
pub(crate) async fn keep(
    st: &AppState,
    file_name: &str,
    data: bytes::Bytes,
) -> Result<Result<String, String>, AppError> {
    keep_list(st, file_name, data, false).await
}

/// Like [`keep`]; with `word`, a Word file (.docx) is kept too (a list that may come as the
/// table of a letter: nominations).
pub(crate) async fn keep_list(
    st: &AppState,
    file_name: &str,
    data: bytes::Bytes,
    word: bool,
) -> Result<Result<String, String>, AppError> {
    let limits = &import_limits(st).await?;
    let checked = if word {
        thidua_office::xlsx::check_file_or_word(&data, limits).map(|_| ())
    } else {
        thidua_office::xlsx::check_file(&data, limits)
    };
    if let Err(e) = checked {
        return Ok(Err(file_message(file_name, &e.to_string())));
    }
    Ok(Ok(st.store.files().put(data).await?))
}

/// The limits of an import: the server's (`WebConfig::import_limits`), with the file size the
/// administrator set on `/quan-tri/cai-dat` when they set one (read on every import, so that every
/// server process follows a change at once).
pub(crate) async fn import_limits(st: &AppState) -> Result<thidua_office::xlsx::Limits, AppError> {
    let mut limits = st.config.import_limits;
    if let Some(mb) = st.store.import_max_mb().await? {
        limits.max_file_bytes = mb.saturating_mul(1024 * 1024);
    }
    Ok(limits)
}

/// The bytes of a kept file, or the message when it is gone.
pub(crate) async fn stored(
    st: &AppState,
    sha: &str,
) -> Result<Result<bytes::Bytes, String>, AppError> {
    match st.store.files().get(sha).await {
        Ok(b) => Ok(Ok(b)),
        Err(StoreError::NotFound(_)) => {
            Ok(Err("Không còn tệp đã tải lên; hãy tải tệp lên lại.".into()))
        }
        Err(e) => Err(e.into()),
    }
}

/// A store check's outcome for the page: `Err` carries the message of a file that cannot be read at
/// all (not XLSX, corrupt, no header row…).
pub(crate) fn file_outcome<T>(r: thidua_store::Result<T>) -> Result<Result<T, String>, AppError> {
    match r {
        Ok(c) => Ok(Ok(c)),
        Err(StoreError::Other(message)) => Ok(Err(message)),
        Err(e) => Err(e.into()),
    }
}

/// The file's hash from the preview's form.
pub(crate) fn sha_of(form: &[(String, String)]) -> Result<String, AppError> {
    let sha = field(form, "tep").to_ascii_lowercase();
    if sha.len() != 64 || !sha.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(AppError::bad_param(
            "tep",
            "Mã tệp không hợp lệ; hãy tải tệp lên lại",
        ));
    }
    Ok(sha)
}

/// The file's name from the preview's form (at most 255 characters).
pub(crate) fn file_name_of(form: &[(String, String)]) -> String {
    field(form, "ten_tep").chars().take(255).collect()
}

/// The mapping the form chose: `cot_<field>` = the sheet column's index, or empty for none.
pub(crate) fn mapping_of(layout: &Layout, form: &[(String, String)]) -> Result<Mapping, AppError> {
    let mut mapping = Mapping::default();
    let mut used = BTreeSet::new();
    for c in layout.columns {
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
            .set(layout, index, Some(c.key))
            .map_err(|e| AppError::bad_param("cot", e.to_string()))?;
    }
    Ok(mapping)
}

/// Makes a problem of every row whose unit (`unit_of`) the viewer may not `action` in, in the
/// sheet column of field `key` ("Bạn không có quyền … đơn vị …", `what` saying what).
pub(crate) async fn refuse_outside_scope<T>(
    st: &AppState,
    caller: &Caller,
    checked: &mut Checked<T>,
    action: Action,
    key: &str,
    what: &str,
    unit_of: impl Fn(&T) -> i64,
) -> Result<(), AppError> {
    let units: HashMap<i64, thidua_store::entity::units::Model> = st
        .store
        .units_all()
        .await?
        .into_iter()
        .map(|u| (u.id, u))
        .collect();
    let mut allowed: HashMap<i64, bool> = HashMap::new();
    let mut problems = Vec::new();
    for (row, item) in &checked.items {
        let Some(u) = units.get(&unit_of(item)) else {
            continue;
        };
        let ok = *allowed
            .entry(u.id)
            .or_insert_with(|| allows(&caller.viewer, action, unit_target(u)));
        if !ok {
            problems.push(checked.problem(
                *row,
                key,
                format!("Bạn không có quyền {what} đơn vị \"{}\"", u.name),
            ));
        }
    }
    checked.refuse(problems);
    Ok(())
}

fn with_status(status: StatusCode, body: String) -> Response {
    (status, Html(body)).into_response()
}

/// An upload page: its texts, where it posts, and the kind's own fields.
pub(crate) struct UploadPage<'a> {
    pub title: &'a str,
    pub heading: &'a str,
    pub nav: &'a str,
    pub action: &'a str,
    pub layout: &'static Layout,
    /// Extra form controls (see `import_upload.html`: `selects`, each `{name, label, options:
    /// [{code, label}], chosen}`).
    pub selects: Vec<Value>,
    /// What an import did ("Đã nhập 12 người."), after the redirect.
    pub done: Option<String>,
    pub error: Option<String>,
}

/// An empty list in a layout's columns, in their order and under the headers the import looks for
/// first: the file an office fills in and imports ("Tải tệp Excel mẫu" on the upload page).
pub(crate) fn template(layout: &'static Layout, file_name: &str) -> Result<Response, PageError> {
    let headers: Vec<&str> = layout.columns.iter().map(|c| c.header).collect();
    crate::exports::download(file_name, &ListSheet::new("Danh sách", &headers))
}

pub(crate) async fn upload_page(st: &AppState, caller: &Caller, p: UploadPage<'_>) -> PageResult {
    upload_page_accepting(st, caller, p, false).await
}

/// An upload page whose file may also be a Word file (.docx) when `word`.
pub(crate) async fn upload_page_accepting(
    st: &AppState,
    caller: &Caller,
    p: UploadPage<'_>,
    word: bool,
) -> PageResult {
    let limits = import_limits(st).await?;
    let status = if p.error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let body = page(
        st,
        caller,
        "import_upload.html",
        context! {
            title => p.title, heading => p.heading, nav => p.nav, action => p.action,
            template => format!("{}/mau.xlsx", p.action),
            error => p.error, done => p.done, selects => p.selects, word,
            max_mb => limits.max_file_bytes / (1024 * 1024),
            columns => p.layout.columns.iter().map(|c| context! { header => c.header, required => c.required, aliases => c.aliases.join("; ") }).collect::<Vec<_>>(),
        },
    )?;
    Ok(with_status(status, body))
}

/// A preview page: the kind's texts, the form fields carried to the confirmation, and the sample of
/// rows as they would be written.
pub(crate) struct PreviewPage<'a> {
    pub nav: &'a str,
    /// Where the mapping form posts (`…/xac-nhan`).
    pub action: &'a str,
    /// The upload page, for another file.
    pub back: &'a str,
    /// Hidden fields kept from the upload form.
    pub hidden: Vec<(&'a str, String)>,
    /// The confirm button's text ("Nhập 12 người").
    pub button: String,
    pub sample_headers: Vec<&'a str>,
    /// Each sample row: its number in the sheet, then one text per sample header.
    pub sample_rows: Vec<(u32, Vec<String>)>,
}

#[allow(clippy::too_many_arguments)] // the file, its check, the layout and the kind's page
pub(crate) fn render_preview<T>(
    st: &AppState,
    caller: &Caller,
    sha: &str,
    file_name: &str,
    checked: &Checked<T>,
    layout: &'static Layout,
    p: PreviewPage<'_>,
    note: Option<String>,
) -> PageResult {
    let pv = &checked.preview;
    let problems: Vec<Value> = pv
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
    let missing: Vec<&str> = pv.missing.iter().map(|m| m.header).collect();
    let sheet_columns: Vec<Value> = pv
        .headers
        .iter()
        .map(|h| context! { index => h.index, letter => h.letter.clone(), text => h.text.clone() })
        .collect();
    let fields: Vec<Value> = layout
        .columns
        .iter()
        .map(|c| {
            context! {
                key => c.key, header => c.header, required => c.required,
                chosen => pv.mapping.index_of(c.key),
            }
        })
        .collect();
    let legacy: Vec<Value> = pv
        .legacy
        .iter()
        .map(|l| context! { column => l.column_letter.clone(), header => l.column_header.clone(), encoding => l.encoding, cells => l.cells })
        .collect();
    let hidden: Vec<Value> = p
        .hidden
        .iter()
        .map(|(name, value)| context! { name => *name, value => value.clone() })
        .collect();
    let sample_rows: Vec<Value> = p
        .sample_rows
        .iter()
        .map(|(row, cells)| context! { row => *row, cells => cells.clone() })
        .collect();
    let clean = checked.is_clean() && !checked.items.is_empty();
    let status = if clean {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let body = page(
        st,
        caller,
        "import_preview.html",
        context! {
            title => "Xem trước danh sách nhập", nav => p.nav, action => p.action, back => p.back,
            sha, file_name, hidden, button => p.button,
            sheet => pv.sheet.clone(), header_row => pv.header_row,
            ok_rows => checked.items.len(), problems, problem_count => pv.problems.len(),
            more_problems => pv.problems.len().saturating_sub(MAX_PROBLEMS_SHOWN),
            missing, sheet_columns, fields, legacy, ignored_from_row => pv.ignored_from_row,
            sample_headers => p.sample_headers, sample_rows,
            clean, empty => checked.items.is_empty() && pv.problems.is_empty() && pv.missing.is_empty(), note,
        },
    )?;
    Ok(with_status(status, body))
}
