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

use crate::error::AppError;
use crate::extract::{Caller, Params};
use crate::import_pages::{
    self as ip, field, file_message, PageResult, PreviewPage, UploadPage, SAMPLE_ROWS,
};
use crate::pages_work::today;
use crate::permissions::{check, Action, Target};
use crate::{AppState, Routes};
use axum::extract::{Multipart, State};
use axum::response::{IntoResponse, Redirect};
use axum::Form;
use minijinja::{context, Value};
use thidua_domain::directory::PersonCategory;
use thidua_office::xlsx::{Mapping, PEOPLE};
use thidua_store::imports::PeopleImport;

pub(crate) fn routes() -> Routes {
    Routes::new()
        .get("/nguoi/nhap", form_page)
        .get("/nguoi/nhap/mau.xlsx", template)
        .post_upload("/nguoi/nhap", upload)
        .post("/nguoi/nhap/xac-nhan", confirm)
}

/// The upload form, with a message when a file could not be read or a count after an import.
async fn upload_page(
    st: &AppState,
    caller: &Caller,
    error: Option<String>,
    imported: Option<u64>,
    category: &str,
) -> PageResult {
    let options: Vec<Value> = PersonCategory::ALL
        .iter()
        .map(|c| context! { code => c.code(), label => c.label() })
        .collect();
    ip::upload_page(
        st,
        caller,
        UploadPage {
            title: "Nhập danh sách từ Excel",
            heading: "Nhập danh sách cán bộ, người lao động từ Excel",
            nav: "people",
            action: "/nguoi/nhap",
            layout: &PEOPLE,
            selects: vec![context! {
                name => "doi_tuong",
                label => "Đối tượng của các dòng không ghi (khi tệp không có cột “Đối tượng”)",
                options, chosen => category,
            }],
            done: imported.map(|n| format!("Đã nhập {} người.", ip::thousands(n as usize))),
            error,
        },
    )
    .await
}

async fn form_page(State(st): State<AppState>, caller: Caller, params: Params) -> PageResult {
    check(&caller.viewer, Action::EditPerson, Target::None)?;
    let imported = params.text("da_nhap").and_then(|n| n.parse::<u64>().ok());
    upload_page(&st, &caller, None, imported, "cong_chuc").await
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
    let upload = ip::read_upload(mp).await?;
    let category = category_of(&field(&upload.fields, "doi_tuong"));
    let Some((file_name, data)) = upload.file else {
        return upload_page(
            &st,
            &caller,
            Some("Chưa chọn tệp Excel (.xlsx) để nhập.".into()),
            None,
            category,
        )
        .await;
    };
    match ip::keep(&st, &file_name, data).await? {
        Ok(sha) => preview(&st, &caller, &sha, &file_name, category, None).await,
        Err(message) => upload_page(&st, &caller, Some(message), None, category).await,
    }
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
    let bytes = match ip::stored(st, sha).await? {
        Ok(b) => b,
        Err(message) => return Ok(Err(message)),
    };
    let mut checked = match ip::file_outcome(
        st.store
            .check_people_file(
                &bytes,
                mapping,
                category,
                &ip::import_limits(st).await?,
                today(),
            )
            .await,
    )? {
        Ok(c) => c,
        Err(message) => return Ok(Err(message)),
    };
    // Rows for units the viewer may not add people to (a unit officer's file naming another unit).
    ip::refuse_outside_scope(
        st,
        caller,
        &mut checked,
        Action::EditPerson,
        "unit",
        "thêm người vào",
        |p| p.unit_id,
    )
    .await?;
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
    match check_file(st, caller, sha, mapping, category).await? {
        Ok(checked) => render_preview(st, caller, sha, file_name, category, &checked, None),
        Err(message) => {
            upload_page(
                st,
                caller,
                Some(file_message(file_name, &message)),
                None,
                category,
            )
            .await
        }
    }
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
    let sample_rows = checked
        .items
        .iter()
        .take(SAMPLE_ROWS)
        .map(|(row, person)| {
            let source = p.rows.iter().find(|r| r.row_number == *row);
            (
                *row,
                vec![
                    person.full_name.clone(),
                    person
                        .birth_date
                        .map(thidua_domain::format::date_vn)
                        .unwrap_or_default(),
                    person.position.clone(),
                    person.category.label().to_owned(),
                    source
                        .and_then(|r| r.text("unit"))
                        .unwrap_or_default()
                        .to_owned(),
                ],
            )
        })
        .collect();
    ip::render_preview(
        st,
        caller,
        sha,
        file_name,
        checked,
        &PEOPLE,
        PreviewPage {
            nav: "people",
            action: "/nguoi/nhap/xac-nhan",
            back: "/nguoi/nhap",
            hidden: vec![("doi_tuong", category.to_owned())],
            button: format!("Nhập {} người", ip::thousands(checked.items.len())),
            sample_headers: vec!["Họ và tên", "Ngày sinh", "Chức vụ", "Đối tượng", "Đơn vị"],
            sample_rows,
        },
        note,
    )
}

async fn confirm(
    State(st): State<AppState>,
    caller: Caller,
    Form(form): Form<Vec<(String, String)>>,
) -> PageResult {
    check(&caller.viewer, Action::EditPerson, Target::None)?;
    let sha = ip::sha_of(&form)?;
    let file_name = ip::file_name_of(&form);
    let category = category_of(&field(&form, "doi_tuong"));
    let (mapping, note) = match ip::mapping_of(&PEOPLE, &form) {
        Ok(m) => (Some(m), None),
        Err(e) => (None, Some(e.message)),
    };
    let checked = match check_file(&st, &caller, &sha, mapping.as_ref(), category).await? {
        Ok(c) => c,
        Err(message) => {
            return upload_page(
                &st,
                &caller,
                Some(file_message(&file_name, &message)),
                None,
                category,
            )
            .await
        }
    };
    let write = field(&form, "hanh_dong") == "ghi";
    if note.is_some() || !write || !checked.is_clean() || checked.items.is_empty() {
        let note = note.or_else(|| {
            write.then(|| {
                "Chưa ghi dòng nào: tệp còn lỗi. Sửa tệp rồi tải lên lại, hoặc ghép lại cột."
                    .to_owned()
            })
        });
        return render_preview(&st, &caller, &sha, &file_name, category, &checked, note);
    }
    let n = st
        .store
        .import_people(&caller.actor(), &checked, &file_name, &|_, _| {})
        .await?;
    Ok(Redirect::to(&format!("/nguoi/nhap?da_nhap={n}")).into_response())
}

/// The people layout as an empty list to fill in.
async fn template(caller: Caller) -> PageResult {
    check(&caller.viewer, Action::EditPerson, Target::None)?;
    ip::template(&PEOPLE, "mau-danh-sach-can-bo.xlsx")
}
