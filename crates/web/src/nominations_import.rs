//! Importing a unit's nomination list into a round (đợt xét) through the pages, from Excel or from
//! the table of a Word proposal letter, with the machinery of the other imports
//! ([`crate::import_pages`]): upload, preview with every problem by row and column and each row's
//! pre-check verdict, column mapping, confirm (all rows or none).
//!
//! 1. `GET /de-nghi/nhap?dot=ID`: the upload form (the round and the nominating unit to choose).
//! 2. `POST /de-nghi/nhap` (multipart): the file is checked (XLSX or DOCX), kept by its SHA-256,
//!    and previewed with the store's
//!    [`check_nominations_file`](thidua_store::Store::check_nominations_file).
//! 3. `POST /de-nghi/nhap/xac-nhan`: `hanh_dong=xem` previews again with the mapping chosen;
//!    `hanh_dong=ghi` checks again and writes every nomination in one audited transaction, or none.
//!
//! Who may: whoever may nominate for the chosen unit (`Action::Nominate` on it), as on the form.

use crate::error::AppError;
use crate::extract::{Caller, Params};
use crate::import_pages::{self as ip, field, file_message, PageResult, PreviewPage, UploadPage};
use crate::permissions::{allows, check, within, Action, Target};
use crate::{AppState, Routes};
use axum::extract::{Multipart, State};
use axum::response::{IntoResponse, Redirect};
use axum::Form;
use minijinja::context;
use thidua_office::xlsx::{Mapping, NOMINATIONS};
use thidua_store::nomination_import::NominationsImport;
use thidua_store::StoreError;

pub(crate) fn routes() -> Routes {
    Routes::new()
        .get("/de-nghi/nhap", form_page)
        .get("/de-nghi/nhap/mau.xlsx", template)
        .post_upload("/de-nghi/nhap", upload)
        .post("/de-nghi/nhap/xac-nhan", confirm)
}

/// Rows listed on the preview with their verdict (a unit's list is short; the rest are counted).
const SHOWN_ROWS: usize = 500;

fn today() -> chrono::NaiveDate {
    chrono::Utc::now()
        .with_timezone(&thidua_domain::format::vietnam())
        .date_naive()
}

fn nominate_for(unit_id: i64) -> Target {
    Target::Record {
        unit_id: Some(unit_id),
        author_person_id: None,
        finished: false,
    }
}

/// The round and the unit of the form (`dot`, `don_vi`).
#[derive(Clone, Copy)]
struct Choice {
    round: Option<i64>,
    unit: Option<i64>,
}

fn choice_of(fields: &[(String, String)], caller: &Caller) -> Choice {
    let id = |k: &str| field(fields, k).parse::<i64>().ok().filter(|v| *v > 0);
    Choice {
        round: id("dot"),
        unit: id("don_vi").or_else(|| caller.viewer.principal().and_then(|p| p.unit_id)),
    }
}

async fn upload_page(
    st: &AppState,
    caller: &Caller,
    chosen: Choice,
    error: Option<String>,
    imported: Option<u64>,
) -> PageResult {
    let rounds: Vec<minijinja::Value> = st
        .store
        .award_rounds()
        .await?
        .into_iter()
        .filter(|r| r.status == "open" || Some(r.id) == chosen.round)
        .map(|r| context! { code => r.id.to_string(), label => r.name })
        .collect();
    let scope = within(&caller.viewer);
    let units: Vec<minijinja::Value> = st
        .store
        .units_all()
        .await?
        .into_iter()
        .filter(|u| u.active && scope.as_ref().is_none_or(|s| s.contains(&u.id)))
        .filter(|u| allows(&caller.viewer, Action::Nominate, nominate_for(u.id)))
        .map(|u| context! { code => u.id.to_string(), label => u.name })
        .collect();
    ip::upload_page_accepting(
        st,
        caller,
        UploadPage {
            title: "Nhập danh sách đề nghị khen thưởng",
            heading: "Nhập danh sách đề nghị khen thưởng từ Excel hoặc Word",
            nav: "nominations",
            action: "/de-nghi/nhap",
            layout: &NOMINATIONS,
            selects: vec![
                context! { name => "dot", label => "Đợt xét", options => rounds,
                chosen => chosen.round.map(|r| r.to_string()) },
                context! { name => "don_vi", label => "Đơn vị đề nghị", options => units,
                chosen => chosen.unit.map(|u| u.to_string()) },
            ],
            done: imported.map(|n| {
                format!(
                    "Đã nhập {} đề nghị (dự thảo); xem và gửi từng đề nghị ở danh sách đề nghị của đợt xét.",
                    ip::thousands(n as usize)
                )
            }),
            error,
        },
        true,
    )
    .await
}

async fn form_page(State(st): State<AppState>, caller: Caller, params: Params) -> PageResult {
    check(&caller.viewer, Action::Nominate, Target::None)?;
    let imported = params.text("da_nhap").and_then(|n| n.parse::<u64>().ok());
    let chosen = Choice {
        round: params.id("dot")?,
        unit: caller.viewer.principal().and_then(|p| p.unit_id),
    };
    upload_page(&st, &caller, chosen, None, imported).await
}

/// The chosen round and unit, the unit's permission checked; a missing one is a message.
fn chosen_or_message(
    caller: &Caller,
    chosen: Choice,
) -> Result<Result<(i64, i64), String>, AppError> {
    let Some(round) = chosen.round else {
        return Ok(Err("Chưa chọn đợt xét.".into()));
    };
    let Some(unit) = chosen.unit else {
        return Ok(Err("Chưa chọn đơn vị đề nghị.".into()));
    };
    check(&caller.viewer, Action::Nominate, nominate_for(unit))?;
    Ok(Ok((round, unit)))
}

async fn upload(
    State(st): State<AppState>,
    caller: Caller,
    mp: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> PageResult {
    check(&caller.viewer, Action::Nominate, Target::None)?;
    let upload = ip::read_upload(mp).await?;
    let chosen = choice_of(&upload.fields, &caller);
    let (round, unit) = match chosen_or_message(&caller, chosen)? {
        Ok(x) => x,
        Err(message) => return upload_page(&st, &caller, chosen, Some(message), None).await,
    };
    let Some((file_name, data)) = upload.file else {
        return upload_page(
            &st,
            &caller,
            chosen,
            Some("Chưa chọn tệp Excel (.xlsx) hoặc Word (.docx) để nhập.".into()),
            None,
        )
        .await;
    };
    match ip::keep_list(&st, &file_name, data, true).await? {
        Ok(sha) => match check_file(&st, &sha, None, round, unit).await? {
            Ok(checked) => render_preview(&st, &caller, &sha, &file_name, &checked, chosen, None),
            Err(message) => {
                upload_page(
                    &st,
                    &caller,
                    chosen,
                    Some(file_message(&file_name, &message)),
                    None,
                )
                .await
            }
        },
        Err(message) => upload_page(&st, &caller, chosen, Some(message), None).await,
    }
}

/// The store's checks of every row; a file that cannot be read, or a round that takes no
/// nominations, is the message.
async fn check_file(
    st: &AppState,
    sha: &str,
    mapping: Option<&Mapping>,
    round: i64,
    unit: i64,
) -> Result<Result<NominationsImport, String>, AppError> {
    let bytes = match ip::stored(st, sha).await? {
        Ok(b) => b,
        Err(message) => return Ok(Err(message)),
    };
    match st
        .store
        .check_nominations_file(
            &bytes,
            mapping,
            round,
            unit,
            &ip::import_limits(st).await?,
            today(),
        )
        .await
    {
        Ok(c) => Ok(Ok(c)),
        Err(StoreError::Other(message)) | Err(StoreError::Conflict { message, .. }) => {
            Ok(Err(message))
        }
        Err(StoreError::Invalid(i)) => {
            Ok(Err(i.fields.into_values().collect::<Vec<_>>().join("; ")))
        }
        Err(e) => Err(e.into()),
    }
}

fn verdict_text(r: &thidua_store::nomination_import::NominationImportRow) -> String {
    if r.eligible {
        if r.judgment_pending {
            "Đủ điều kiện theo dữ liệu; còn tiêu chuẩn chờ Hội đồng xem xét".into()
        } else {
            "Đủ điều kiện".into()
        }
    } else {
        format!("Chưa đủ điều kiện: {}", r.reasons.join("; "))
    }
}

fn render_preview(
    st: &AppState,
    caller: &Caller,
    sha: &str,
    file_name: &str,
    checked: &NominationsImport,
    chosen: Choice,
    note: Option<String>,
) -> PageResult {
    let sample_rows = checked
        .items
        .iter()
        .take(SHOWN_ROWS)
        .map(|(row, r)| {
            (
                *row,
                vec![
                    r.subject_name.clone(),
                    r.birth_date
                        .map(thidua_domain::format::date_vn)
                        .unwrap_or_default(),
                    r.subject_unit_name.clone(),
                    r.award_name.clone(),
                    verdict_text(r),
                ],
            )
        })
        .collect();
    let id = |v: Option<i64>| v.map(|x| x.to_string()).unwrap_or_default();
    ip::render_preview(
        st,
        caller,
        sha,
        file_name,
        checked,
        &NOMINATIONS,
        PreviewPage {
            nav: "nominations",
            action: "/de-nghi/nhap/xac-nhan",
            back: "/de-nghi/nhap",
            hidden: vec![("dot", id(chosen.round)), ("don_vi", id(chosen.unit))],
            button: format!(
                "Ghi {} đề nghị (dự thảo)",
                ip::thousands(checked.items.len())
            ),
            sample_headers: vec![
                "Họ và tên, tên tập thể",
                "Ngày sinh",
                "Đơn vị",
                "Danh hiệu, hình thức",
                "Kiểm tra trước",
            ],
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
    check(&caller.viewer, Action::Nominate, Target::None)?;
    let sha = ip::sha_of(&form)?;
    let file_name = ip::file_name_of(&form);
    let chosen = choice_of(&form, &caller);
    let (round, unit) = match chosen_or_message(&caller, chosen)? {
        Ok(x) => x,
        Err(message) => return upload_page(&st, &caller, chosen, Some(message), None).await,
    };
    let (mapping, note) = match ip::mapping_of(&NOMINATIONS, &form) {
        Ok(m) => (Some(m), None),
        Err(e) => (None, Some(e.message)),
    };
    let checked = match check_file(&st, &sha, mapping.as_ref(), round, unit).await? {
        Ok(c) => c,
        Err(message) => {
            return upload_page(
                &st,
                &caller,
                chosen,
                Some(file_message(&file_name, &message)),
                None,
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
        return render_preview(&st, &caller, &sha, &file_name, &checked, chosen, note);
    }
    match st
        .store
        .import_nominations(&caller.actor(), &checked, &file_name, today())
        .await
    {
        Ok(ids) => Ok(
            Redirect::to(&format!("/de-nghi/nhap?dot={round}&da_nhap={}", ids.len()))
                .into_response(),
        ),
        // Something changed since the preview (a quota used, a nomination made): nothing written.
        Err(StoreError::Conflict { message, .. }) | Err(StoreError::Other(message)) => {
            render_preview(
                &st,
                &caller,
                &sha,
                &file_name,
                &checked,
                chosen,
                Some(message),
            )
        }
        Err(e) => Err(AppError::from(e).into()),
    }
}

/// The nominations layout as an empty list to fill in.
async fn template(caller: Caller) -> PageResult {
    check(&caller.viewer, Action::Nominate, Target::None)?;
    ip::template(&NOMINATIONS, "mau-danh-sach-de-nghi.xlsx")
}
