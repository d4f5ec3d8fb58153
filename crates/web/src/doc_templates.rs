//! Administrator-replaceable templates (mẫu văn bản, `/quan-tri/mau-van-ban`): for each kind of
//! document thidua writes, the shipped default (made by the binary's own layout code:
//! `thidua_office::docx::template` for the award decision and its list,
//! `thidua_office::docx::document_template` for every other official document) can be
//! downloaded, a replacement uploaded and checked, and the default restored. Every DOCX download
//! goes through [`render`], which uses the office's template of its kind when one is in force and
//! the layout itself otherwise. An upload is refused with a Vietnamese message naming the first unknown
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
use thidua_office::docx::document_template::{default_template, fill_document, Shape};
use thidua_office::docx::template::{default_decision_template, Template};
use thidua_office::docx::{OfficeError, OfficialDocument};

/// A kind of document whose template can be replaced.
pub struct Kind {
    /// In the address: "quyet-dinh".
    pub code: &'static str,
    /// The owner id of its stored template (`thidua_store::doc_templates`); never reused.
    pub number: i64,
    /// "Quyết định khen thưởng (kèm danh sách)".
    pub name: &'static str,
    /// Where thidua writes documents of this kind, for the administrator.
    pub used_for: &'static str,
    /// What an uploaded template must contain, as `Template::placeholders` names them.
    pub required: &'static [&'static str],
    /// How its default is drawn.
    layout: Layout,
}

/// How a kind's default template is drawn.
enum Layout {
    /// The award decision with its list (`default_decision_template`, `decision_values`).
    Decision,
    /// An official document of this shape (`document_template`, `document_values`).
    Official(Shape),
}

/// What every official document's template must keep: the date, the body and its signer.
const OFFICIAL_REQUIRED: &[&str] = &["ngay_thang_nam", "#noi_dung", "nguoi_ky"];
/// The same with the document's number.
const NUMBERED_REQUIRED: &[&str] = &["so_ky_hieu", "ngay_thang_nam", "#noi_dung", "nguoi_ky"];

const fn shape(
    issuers: usize,
    numbered: bool,
    titled: bool,
    addressees: bool,
    signers: usize,
    recipients: bool,
) -> Layout {
    Layout::Official(Shape {
        issuers,
        numbered,
        titled,
        addressees,
        signers,
        recipients,
    })
}

/// The award decision with its attached list.
pub const DECISION: &Kind = &KINDS[0];
/// The dispatch of a directive launching a movement (công văn chỉ đạo).
pub const DISPATCH: &Kind = &KINDS[1];
/// The office's submission of a round (tờ trình).
pub const SUBMISSION: &Kind = &KINDS[2];
/// The council's minutes (biên bản).
pub const MINUTES: &Kind = &KINDS[3];
/// A collective's achievement report (Mẫu số 02).
pub const COLLECTIVE_REPORT: &Kind = &KINDS[4];
/// A person's achievement report (Mẫu số 03).
pub const INDIVIDUAL_REPORT: &Kind = &KINDS[5];
/// A recognised initiative's data sheet (phiếu thông tin sáng kiến).
pub const INITIATIVE_SHEET: &Kind = &KINDS[6];
/// The periodic report on emulation and commendation (báo cáo).
pub const REPORT: &Kind = &KINDS[7];
/// A joint plan of two bodies (kế hoạch liên tịch): a joint directive's DOCX.
pub const JOINT_PLAN: &Kind = &KINDS[8];

/// Every kind with a replaceable template: every DOCX thidua writes.
pub const KINDS: &[Kind] = &[
    Kind {
        code: "quyet-dinh",
        number: 1,
        name: "Quyết định khen thưởng (kèm danh sách)",
        used_for: "Tải DOCX của quyết định khen thưởng.",
        required: &[
            "so_ky_hieu",
            "ngay_thang_nam",
            "trich_yeu",
            "#dong",
            "ho_ten",
        ],
        layout: Layout::Decision,
    },
    Kind {
        code: "cong-van",
        number: 2,
        name: "Công văn chỉ đạo, phát động phong trào",
        used_for: "Tải công văn của một văn bản chỉ đạo (phong trào thi đua).",
        required: NUMBERED_REQUIRED,
        layout: shape(1, true, false, true, 1, true),
    },
    Kind {
        code: "to-trinh",
        number: 3,
        name: "Tờ trình đề nghị khen thưởng",
        used_for: "Tải tờ trình của một đợt xét.",
        required: NUMBERED_REQUIRED,
        layout: shape(1, true, true, true, 1, true),
    },
    Kind {
        code: "bien-ban",
        number: 4,
        name: "Biên bản họp Hội đồng thi đua, khen thưởng",
        used_for: "Tải biên bản của một phiên họp (sau khi khóa phiếu).",
        required: NUMBERED_REQUIRED,
        layout: shape(1, true, true, false, 2, false),
    },
    Kind {
        code: "mau-02",
        number: 5,
        name: "Báo cáo thành tích của tập thể (Mẫu số 02)",
        used_for: "Tải Mẫu 02 của một đơn vị.",
        required: OFFICIAL_REQUIRED,
        layout: shape(1, false, true, false, 2, false),
    },
    Kind {
        code: "mau-03",
        number: 6,
        name: "Báo cáo thành tích của cá nhân (Mẫu số 03)",
        used_for: "Tải Mẫu 03 của một người.",
        required: OFFICIAL_REQUIRED,
        layout: shape(0, false, true, false, 2, false),
    },
    Kind {
        code: "phieu-sang-kien",
        number: 7,
        name: "Phiếu thông tin sáng kiến",
        used_for: "Tải phiếu thông tin của một sáng kiến đã được công nhận.",
        required: OFFICIAL_REQUIRED,
        layout: shape(1, false, true, false, 1, true),
    },
    Kind {
        code: "bao-cao",
        number: 8,
        name: "Báo cáo công tác thi đua, khen thưởng",
        used_for: "Tải DOCX của trang Báo cáo (theo năm, nửa năm hoặc giai đoạn).",
        required: NUMBERED_REQUIRED,
        layout: shape(1, true, true, false, 1, true),
    },
    Kind {
        code: "ke-hoach-lien-tich",
        number: 9,
        name: "Kế hoạch liên tịch (hai cơ quan ban hành)",
        used_for:
            "Tải văn bản của một văn bản chỉ đạo liên tịch (Ủy ban nhân dân và Liên đoàn Lao động).",
        required: &[
            "so_ky_hieu",
            "ngay_thang_nam",
            "#noi_dung",
            "co_quan_2",
            "nguoi_ky",
            "nguoi_ky_2",
        ],
        layout: shape(2, true, true, false, 2, true),
    },
];

/// What each placeholder of the official documents' templates means, for the admin page and
/// `docs/office-files.md`. Sections are named with their `#`.
const OFFICIAL_MEANINGS: &[(&str, &str)] = &[
    ("#co_quan_chu_quan", "Cơ quan chủ quản (dòng trên tên cơ quan ban hành), lặp 0 hoặc 1 lần; trong đó {{van_ban}} là tên"),
    ("co_quan", "Tên cơ quan ban hành (chữ in hoa)"),
    ("#co_quan_chu_quan_2", "Cơ quan chủ quản của cơ quan thứ hai (văn bản liên tịch)"),
    ("co_quan_2", "Cơ quan ban hành thứ hai (văn bản liên tịch)"),
    ("so_ky_hieu", "Số, ký hiệu: \"941/UBND-NV\"; dự thảo để trống số: \"     /UBND-NV\""),
    ("dia_danh", "Địa danh: \"TP. Lào Cai\""),
    ("ngay_thang_nam", "Ngày tháng năm: \"ngày 15 tháng 3 năm 2023\" (dự thảo để trống ngày)"),
    ("loai_van_ban", "Tên loại văn bản: \"TỜ TRÌNH\", \"BIÊN BẢN\", \"BÁO CÁO\""),
    ("trich_yeu", "Trích yếu: \"V/v …\" của công văn, \"Về việc …\" dưới tên loại"),
    ("#kinh_gui_mot", "Kính gửi một nơi (cùng dòng với \"Kính gửi:\"), lặp 0 hoặc 1 lần"),
    ("#kinh_gui_dau", "Nơi đầu tiên khi kính gửi nhiều nơi, lặp 0 hoặc 1 lần"),
    ("#kinh_gui", "Các nơi còn lại khi kính gửi nhiều nơi, mỗi nơi một dòng"),
    ("#noi_dung", "Phần nội dung: lặp một lần cho mỗi đoạn, mục, điều, tiêu đề hoặc bảng"),
    ("#can_cu", "Trong {{#noi_dung}}: đoạn căn cứ (chữ nghiêng)"),
    ("#tieu_de", "Trong {{#noi_dung}}: tiêu đề mục (chữ đậm): \"I. MỤC ĐÍCH, YÊU CẦU\""),
    ("#giua_dam", "Trong {{#noi_dung}}: dòng giữa trang, chữ đậm"),
    ("#giua", "Trong {{#noi_dung}}: dòng giữa trang, chữ thường"),
    ("#doan", "Trong {{#noi_dung}}: đoạn văn"),
    ("#muc", "Trong {{#noi_dung}}: mục đánh số: {{so}} rồi {{van_ban}}"),
    ("#dieu", "Trong {{#noi_dung}}: điều: {{so}} (\"Điều 1.\") rồi {{van_ban}}"),
    ("#bang", "Trong {{#noi_dung}}: bảng; {{bang_bieu}} phải đứng riêng một đoạn"),
    ("bang_bieu", "Bảng do thidua kẻ (cột thay đổi theo dữ liệu)"),
    ("so", "Số thứ tự của mục hoặc điều: \"1.\", \"Điều 2.\""),
    ("van_ban", "Chữ của dòng đang lặp (đoạn, nơi nhận, kính gửi, …)"),
    ("#tham_quyen_ky", "Thẩm quyền ký (\"TM. ỦY BAN NHÂN DÂN\", \"KT. CHỦ TỊCH\"), lặp 0 hoặc 1 lần"),
    ("chuc_vu_nguoi_ky", "Chức vụ người ký: \"CHỦ TỊCH\""),
    ("nguoi_ky", "Họ tên người ký (có thể trống để ký tay)"),
    ("#tham_quyen_ky_2", "Thẩm quyền ký của người ký thứ hai"),
    ("chuc_vu_nguoi_ky_2", "Chức vụ người ký thứ hai"),
    ("nguoi_ky_2", "Họ tên người ký thứ hai"),
    ("#noi_nhan", "Nơi nhận, mỗi nơi một dòng"),
];

/// What each placeholder of the award decision's template means.
const DECISION_MEANINGS: &[(&str, &str)] = &[
    ("co_quan_chu_quan", "Cơ quan chủ quản (có thể trống)"),
    ("co_quan", "Tên cơ quan ban hành (chữ in hoa)"),
    ("so_ky_hieu", "Số, ký hiệu quyết định; dự thảo để trống số"),
    ("dia_danh", "Địa danh"),
    ("ngay_thang_nam", "Ngày tháng năm ký"),
    ("trich_yeu", "Trích yếu, sau \"Về việc\""),
    (
        "tham_quyen",
        "Thẩm quyền quyết định: \"CHỦ TỊCH ỦY BAN NHÂN DÂN …\"",
    ),
    ("#can_cu", "Các căn cứ, mỗi căn cứ một đoạn ({{noi_dung}})"),
    ("noi_dung", "Chữ của dòng đang lặp (căn cứ, nơi nhận)"),
    ("hinh_thuc", "Cụm từ khen thưởng ở Điều 1"),
    ("so_luong", "Số cá nhân, tập thể trong danh sách"),
    ("thanh_tich", "Thành tích ở Điều 1"),
    (
        "tong_tien",
        "Tổng số tiền thưởng (đồng, dấu chấm ngăn nghìn)",
    ),
    ("tong_tien_bang_chu", "Tổng số tiền bằng chữ"),
    ("nguon_kinh_phi", "Nguồn kinh phí"),
    ("thi_hanh", "Các cơ quan thi hành (Điều 3)"),
    (
        "tham_quyen_ky",
        "Thẩm quyền ký (\"KT. CHỦ TỊCH\"), có thể trống",
    ),
    ("chuc_vu_nguoi_ky", "Chức vụ người ký"),
    ("nguoi_ky", "Họ tên người ký"),
    ("#noi_nhan", "Nơi nhận, mỗi nơi một dòng ({{noi_dung}})"),
    (
        "nguoi_quyet_dinh",
        "Người quyết định, trong dòng \"Kèm theo Quyết định số …\"",
    ),
    (
        "#dong",
        "Danh sách kèm theo: một dòng bảng cho mỗi người, tập thể",
    ),
    ("stt", "Số thứ tự trong danh sách"),
    ("ho_ten", "Họ tên cá nhân hoặc tên tập thể"),
    ("chuc_vu_don_vi", "Chức vụ, đơn vị"),
    ("hinh_thuc_khen", "Danh hiệu, hình thức khen thưởng"),
    ("so_tien", "Số tiền thưởng của dòng (đồng)"),
];

fn kind_of(code: &str) -> Result<&'static Kind, AppError> {
    KINDS
        .iter()
        .find(|k| k.code == code)
        .ok_or_else(|| AppError::not_found("mẫu văn bản"))
}

impl Kind {
    /// The shipped default's bytes.
    pub fn default_bytes(&self) -> Result<Vec<u8>, AppError> {
        match &self.layout {
            Layout::Decision => default_decision_template(),
            Layout::Official(shape) => default_template(shape, self.name),
        }
        .map_err(|e| {
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

    /// What placeholder `name` (as `Template::placeholders` names it) means in this kind.
    pub fn meaning(&self, name: &str) -> &'static str {
        let table = match self.layout {
            Layout::Decision => DECISION_MEANINGS,
            Layout::Official(_) => OFFICIAL_MEANINGS,
        };
        table
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, m)| *m)
            .unwrap_or("")
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

/// Writes `doc`, a document of kind `kind` (never [`DECISION`], whose values differ), as DOCX:
/// from the office's template of the kind when one is in force, by the layout otherwise. Data a
/// document cannot be made of answers 422 with the writer's message.
pub async fn render(
    st: &AppState,
    kind: &Kind,
    doc: OfficialDocument,
) -> Result<Vec<u8>, AppError> {
    let template = current(st, kind).await?;
    tokio::task::spawn_blocking(move || fill_document(template.as_deref(), &doc))
        .await
        .map_err(|e| {
            tracing::error!(error = %e, "DOCX task failed");
            AppError::internal()
        })?
        .map_err(|e| match e {
            OfficeError::Invalid(m) => {
                AppError::new(StatusCode::UNPROCESSABLE_ENTITY, "validation", m)
            }
            other => {
                tracing::error!(error = %other, kind = kind.code, "DOCX not written");
                AppError::internal()
            }
        })
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
        let placeholders: Vec<_> = k
            .known()?
            .into_iter()
            .map(|p| {
                let shown = match p.strip_prefix('#') {
                    Some(n) => format!("{{{{#{n}}}}}…{{{{/{n}}}}}"),
                    None => format!("{{{{{p}}}}}"),
                };
                context! { shown, meaning => k.meaning(&p), required => k.required.contains(&p.as_str()) }
            })
            .collect();
        kinds.push(context! {
            code => k.code, name => k.name, used_for => k.used_for, current, placeholders,
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
