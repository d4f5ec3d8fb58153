//! Importing yearly ratings (kết quả xếp loại) from Excel through the pages, with the machinery of
//! the people import ([`crate::import_pages`]): upload, preview with every problem by row and column,
//! column mapping, confirm (all rows or none).
//!
//! 1. `GET /xep-loai/nhap`: the upload form.
//! 2. `POST /xep-loai/nhap` (multipart): the file is checked, kept by its SHA-256, and previewed:
//!    the store's [`check_ratings_file`](thidua_store::Store::check_ratings_file) (person by code or
//!    by name within the unit, unknown units with the closest names, a locked year, the same person
//!    twice for a year), plus each row whose person's unit the viewer may not rate.
//! 3. `POST /xep-loai/nhap/xac-nhan`: `hanh_dong=xem` previews again with the mapping chosen;
//!    `hanh_dong=ghi` checks again and writes every rating in one audited transaction, or none.

use crate::error::AppError;
use crate::extract::{Caller, Params};
use crate::import_pages::{
    self as ip, field, file_message, PageResult, PreviewPage, UploadPage, SAMPLE_ROWS,
};
use crate::permissions::{check, Action, Target};
use crate::{AppState, Routes};
use axum::extract::{Multipart, State};
use axum::response::{IntoResponse, Redirect};
use axum::Form;
use thidua_office::xlsx::{Mapping, RATINGS};
use thidua_store::imports::RatingsImport;

pub(crate) fn routes() -> Routes {
    Routes::new()
        .get("/xep-loai/nhap", form_page)
        .get("/xep-loai/nhap/mau.xlsx", template)
        .post_upload("/xep-loai/nhap", upload)
        .post("/xep-loai/nhap/xac-nhan", confirm)
}

async fn upload_page(
    st: &AppState,
    caller: &Caller,
    error: Option<String>,
    imported: Option<u64>,
) -> PageResult {
    ip::upload_page(
        st,
        caller,
        UploadPage {
            title: "Nhập xếp loại từ Excel",
            heading: "Nhập kết quả xếp loại hằng năm từ Excel",
            nav: "ratings",
            action: "/xep-loai/nhap",
            layout: &RATINGS,
            selects: Vec::new(),
            done: imported
                .map(|n| format!("Đã nhập {} kết quả xếp loại.", ip::thousands(n as usize))),
            error,
        },
    )
    .await
}

async fn form_page(State(st): State<AppState>, caller: Caller, params: Params) -> PageResult {
    check(&caller.viewer, Action::EditRatings, Target::None)?;
    let imported = params.text("da_nhap").and_then(|n| n.parse::<u64>().ok());
    upload_page(&st, &caller, None, imported).await
}

async fn upload(
    State(st): State<AppState>,
    caller: Caller,
    mp: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> PageResult {
    check(&caller.viewer, Action::EditRatings, Target::None)?;
    let upload = ip::read_upload(mp).await?;
    let Some((file_name, data)) = upload.file else {
        return upload_page(
            &st,
            &caller,
            Some("Chưa chọn tệp Excel (.xlsx) để nhập.".into()),
            None,
        )
        .await;
    };
    match ip::keep(&st, &file_name, data).await? {
        Ok(sha) => match check_file(&st, &caller, &sha, None).await? {
            Ok(checked) => render_preview(&st, &caller, &sha, &file_name, &checked, None),
            Err(message) => {
                upload_page(&st, &caller, Some(file_message(&file_name, &message)), None).await
            }
        },
        Err(message) => upload_page(&st, &caller, Some(message), None).await,
    }
}

/// The store's checks of every row, and the viewer's right to rate each person's unit.
async fn check_file(
    st: &AppState,
    caller: &Caller,
    sha: &str,
    mapping: Option<&Mapping>,
) -> Result<Result<RatingsImport, String>, AppError> {
    let bytes = match ip::stored(st, sha).await? {
        Ok(b) => b,
        Err(message) => return Ok(Err(message)),
    };
    let mut checked = match ip::file_outcome(
        st.store
            .check_ratings_file(&bytes, mapping, &ip::import_limits(st).await?)
            .await,
    )? {
        Ok(c) => c,
        Err(message) => return Ok(Err(message)),
    };
    ip::refuse_outside_scope(
        st,
        caller,
        &mut checked,
        Action::EditRatings,
        "unit",
        "xếp loại cho",
        |r| r.unit_id,
    )
    .await?;
    Ok(Ok(checked))
}

fn render_preview(
    st: &AppState,
    caller: &Caller,
    sha: &str,
    file_name: &str,
    checked: &RatingsImport,
    note: Option<String>,
) -> PageResult {
    let label = |code: &str| {
        thidua_domain::rules::Rating::from_code(code)
            .map(|r| r.label().to_owned())
            .unwrap_or_default()
    };
    let sample_rows = checked
        .items
        .iter()
        .take(SAMPLE_ROWS)
        .map(|(row, r)| {
            let unit = checked
                .preview
                .rows
                .iter()
                .find(|p| p.row_number == *row)
                .and_then(|p| p.text("unit"))
                .unwrap_or_default()
                .to_owned();
            (
                *row,
                vec![
                    r.person_id.to_string(),
                    r.full_name.clone(),
                    unit,
                    r.year.to_string(),
                    label(r.rating),
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
        &RATINGS,
        PreviewPage {
            nav: "ratings",
            action: "/xep-loai/nhap/xac-nhan",
            back: "/xep-loai/nhap",
            hidden: Vec::new(),
            button: format!(
                "Nhập {} kết quả xếp loại",
                ip::thousands(checked.items.len())
            ),
            sample_headers: vec!["Mã cán bộ", "Họ và tên", "Đơn vị", "Năm", "Xếp loại"],
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
    check(&caller.viewer, Action::EditRatings, Target::None)?;
    let sha = ip::sha_of(&form)?;
    let file_name = ip::file_name_of(&form);
    let (mapping, note) = match ip::mapping_of(&RATINGS, &form) {
        Ok(m) => (Some(m), None),
        Err(e) => (None, Some(e.message)),
    };
    let checked = match check_file(&st, &caller, &sha, mapping.as_ref()).await? {
        Ok(c) => c,
        Err(message) => {
            return upload_page(&st, &caller, Some(file_message(&file_name, &message)), None).await
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
        return render_preview(&st, &caller, &sha, &file_name, &checked, note);
    }
    let n = st
        .store
        .import_ratings(&caller.actor(), &checked, &file_name, &|_, _| {})
        .await?;
    Ok(Redirect::to(&format!("/xep-loai/nhap?da_nhap={n}")).into_response())
}

/// The ratings layout as an empty list to fill in.
async fn template(caller: Caller) -> PageResult {
    check(&caller.viewer, Action::EditRatings, Target::None)?;
    ip::template(&RATINGS, "mau-xep-loai.xlsx")
}
