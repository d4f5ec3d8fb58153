//! Administrator-replaceable templates (mẫu văn bản, `/quan-tri/mau-van-ban`): for each kind of
//! document that has a template, the shipped default (made by the binary's own layout code,
//! `thidua_office::docx::template`) can be downloaded, a replacement uploaded and checked, and the
//! default restored. An upload is refused with a Vietnamese message naming the first unknown
//! placeholder, or the required ones it lacks; an accepted one is stored through the store
//! (`Store::set_document_template`, audited) and used from then on to render that kind.

use crate::auth::Caller;
use crate::error::{AppError, PageError};
use crate::permissions::{allows, check, Action, Target};
use crate::templates::page;
use crate::{AppState, Routes};
use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use minijinja::context;
use thidua_office::docx::template::{default_decision_template, Template};
use thidua_office::docx::OfficeError;

/// A kind of document whose template can be replaced.
pub struct Kind {
    /// In the address: "quyet-dinh".
    pub code: &'static str,
    /// The owner id of its stored template (`thidua_store::doc_templates`).
    pub number: i64,
    /// "Quyết định khen thưởng (kèm danh sách)".
    pub name: &'static str,
    /// What an uploaded template must contain, as `Template::placeholders` names them.
    pub required: &'static [&'static str],
    /// The shipped default.
    default: fn() -> Result<Vec<u8>, OfficeError>,
}

/// The award decision with its attached list.
pub const DECISION: &Kind = &KINDS[0];

/// Every kind with a replaceable template. Other documents (dispatch, submission, minutes,
/// reports) are written by the layout code alone until they get a template of their own.
pub const KINDS: &[Kind] = &[Kind {
    code: "quyet-dinh",
    number: 1,
    name: "Quyết định khen thưởng (kèm danh sách)",
    required: &[
        "so_ky_hieu",
        "ngay_thang_nam",
        "trich_yeu",
        "#dong",
        "ho_ten",
    ],
    default: default_decision_template,
}];

fn kind_of(code: &str) -> Result<&'static Kind, AppError> {
    KINDS
        .iter()
        .find(|k| k.code == code)
        .ok_or_else(|| AppError::not_found("mẫu văn bản"))
}

impl Kind {
    /// The shipped default's bytes.
    pub fn default_bytes(&self) -> Result<Vec<u8>, AppError> {
        (self.default)().map_err(|e| {
            tracing::error!(error = %e, "default template not written");
            AppError::internal()
        })
    }

    /// The placeholders the default holds: every one a template of this kind may use.
    pub fn known(&self) -> Result<Vec<String>, AppError> {
        let bytes = self.default_bytes()?;
        Template::from_docx(&bytes)
            .map(|t| t.placeholders())
            .map_err(|e| {
                tracing::error!(error = %e, "default template not readable");
                AppError::internal()
            })
    }

    /// Checks an uploaded template: a readable DOCX with sections that close, no placeholder the
    /// data cannot fill, every required one present.
    pub fn check(&self, bytes: &[u8]) -> Result<(), AppError> {
        let refuse = |m: String| {
            Err(AppError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "validation",
                m,
            ))
        };
        let template = match Template::from_docx(bytes) {
            Ok(t) => t,
            Err(e) => return refuse(format!("Tệp mẫu không dùng được: {e}")),
        };
        let found = template.placeholders();
        let known = self.known()?;
        if let Some(unknown) = found.iter().find(|p| !known.contains(p)) {
            return refuse(format!(
                "Tệp mẫu có chỗ điền không biết: {{{{{}}}}}. Các chỗ điền dùng được: {}.",
                unknown.trim_start_matches('#'),
                known.join(", ")
            ));
        }
        let missing: Vec<&str> = self
            .required
            .iter()
            .copied()
            .filter(|r| !found.iter().any(|f| f == r))
            .collect();
        if !missing.is_empty() {
            return refuse(format!(
                "Tệp mẫu thiếu chỗ điền bắt buộc: {}.",
                missing
                    .iter()
                    .map(|m| format!("{{{{{m}}}}}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        Ok(())
    }
}

/// The office's template of `kind` if one is in force, for rendering.
pub async fn current(st: &AppState, kind: &Kind) -> Result<Option<bytes::Bytes>, AppError> {
    Ok(st
        .store
        .document_template(kind.number)
        .await?
        .map(|(_, b)| b))
}

pub(crate) fn routes() -> Routes {
    Routes::new()
        .get("/quan-tri/mau-van-ban", templates_page)
        .post_upload("/quan-tri/mau-van-ban/{kind}", upload)
        .get("/quan-tri/mau-van-ban/{kind}/mac-dinh.docx", default_file)
        .get("/quan-tri/mau-van-ban/{kind}/hien-hanh.docx", current_file)
        .post("/quan-tri/mau-van-ban/{kind}/khoi-phuc", revert)
}

fn admin(caller: &Caller) -> Result<(), AppError> {
    check(&caller.viewer, Action::ManageRules, Target::None)
}

async fn view(
    st: &AppState,
    caller: &Caller,
    status: StatusCode,
    notice: Option<String>,
    problem: Option<String>,
) -> Result<Response, PageError> {
    let mut kinds = Vec::new();
    for k in KINDS {
        let current = st.store.document_template(k.number).await?.map(|(r, _)| r);
        kinds.push(context! {
            code => k.code, name => k.name, current,
            placeholders => k.known()?, required => k.required,
        });
    }
    Ok((
        status,
        Html(page(
            st,
            caller,
            "admin_doc_templates.html",
            context! { title => "Mẫu văn bản", nav => "doc_templates", kinds, notice, problem,
            can_manage => allows(&caller.viewer, Action::ManageRules, Target::None) },
        )?),
    )
        .into_response())
}

async fn templates_page(
    State(st): State<AppState>,
    caller: Caller,
    params: crate::extract::Params,
) -> Result<Response, PageError> {
    admin(&caller)?;
    let notice = if params.text("da_luu").is_some() {
        Some("Đã lưu mẫu của cơ quan; từ nay văn bản loại này viết theo mẫu đó.".to_owned())
    } else if params.text("khoi_phuc").is_some() {
        Some("Đã dùng lại mẫu mặc định.".to_owned())
    } else {
        None
    };
    view(&st, &caller, StatusCode::OK, notice, None).await
}

async fn upload(
    State(st): State<AppState>,
    caller: Caller,
    Path(kind): Path<String>,
    mp: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Result<Response, PageError> {
    admin(&caller)?;
    let kind = kind_of(&kind)?;
    let mut mp = mp.map_err(|e| {
        AppError::bad_request(format!(
            "Biểu mẫu gửi kèm tệp không đúng dạng ({})",
            e.body_text()
        ))
    })?;
    let mut file = None;
    while let Some(field) = mp.next_field().await.map_err(|e| {
        AppError::bad_request(format!(
            "Không đọc được biểu mẫu gửi kèm tệp: {}",
            e.body_text()
        ))
    })? {
        if let Some(file_name) = field.file_name().map(str::to_owned) {
            let bytes = field.bytes().await.map_err(|e| {
                AppError::bad_request(format!("Không đọc được tệp: {}", e.body_text()))
            })?;
            if !bytes.is_empty() {
                file = Some(thidua_store::files::Upload { file_name, bytes });
            }
        }
    }
    let Some(file) = file else {
        let m = "Chưa chọn tệp mẫu (.docx).".to_owned();
        return view(
            &st,
            &caller,
            StatusCode::UNPROCESSABLE_ENTITY,
            None,
            Some(m),
        )
        .await;
    };
    if let Err(e) = kind.check(&file.bytes) {
        return view(&st, &caller, e.status, None, Some(e.message)).await;
    }
    match st
        .store
        .set_document_template(&caller.actor(), kind.number, file)
        .await
    {
        Ok(_) => Ok(
            Redirect::to(&format!("/quan-tri/mau-van-ban?da_luu={}", kind.code)).into_response(),
        ),
        Err(e) => {
            let e = AppError::from(e);
            if e.status.is_client_error() {
                view(&st, &caller, e.status, None, Some(e.message)).await
            } else {
                Err(PageError(e))
            }
        }
    }
}

async fn default_file(
    State(_st): State<AppState>,
    caller: Caller,
    Path(kind): Path<String>,
) -> Result<Response, PageError> {
    admin(&caller)?;
    let kind = kind_of(&kind)?;
    Ok(docx_download(
        kind.default_bytes()?.into(),
        kind,
        "mac-dinh",
    ))
}

async fn current_file(
    State(st): State<AppState>,
    caller: Caller,
    Path(kind): Path<String>,
) -> Result<Response, PageError> {
    admin(&caller)?;
    let kind = kind_of(&kind)?;
    let bytes = current(&st, kind)
        .await?
        .ok_or_else(|| AppError::not_found("mẫu của cơ quan"))?;
    Ok(docx_download(bytes, kind, "hien-hanh"))
}

fn docx_download(bytes: bytes::Bytes, kind: &Kind, which: &str) -> Response {
    let ascii = format!("mau-{}-{which}.docx", kind.code);
    let unicode = format!("Mẫu {} ({which}).docx", kind.name);
    crate::api_work::file_response(
        bytes,
        crate::api_work::DOCX_TYPE,
        &crate::docx_work::content_disposition(&ascii, &unicode),
    )
}

async fn revert(
    State(st): State<AppState>,
    caller: Caller,
    Path(kind): Path<String>,
) -> Result<Response, PageError> {
    admin(&caller)?;
    let kind = kind_of(&kind)?;
    st.store
        .revert_document_template(&caller.actor(), kind.number)
        .await?;
    Ok(Redirect::to(&format!("/quan-tri/mau-van-ban?khoi_phuc={}", kind.code)).into_response())
}
