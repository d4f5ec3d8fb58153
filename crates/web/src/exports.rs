//! "Xuất Excel" of every list page: the same filters, the same permission check and the same store
//! query as the page, but every row rather than one page, written by `office::xlsx::ListSheet`
//! (bold frozen header, real dd/mm/yyyy dates, đồng with thousands separators, widths that fit,
//! text that is never a formula). Each page links here with its current filters
//! (`…/xuat.xlsx?…`).

use crate::error::{AppError, PageError};
use crate::extract::{parse_id, Caller, Params};
use crate::pages::{PeopleFilters, UnitList};
use crate::pages_work::{
    document_date, document_query, label, matrix_filter, own_units, registration_rows, today,
    unit_names, REGISTRATION_COLUMNS,
};
use crate::permissions::{check, Action, Target};
use crate::{AppState, Routes};
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use std::collections::{BTreeSet, HashMap};
use thidua_domain::directory::{Gender, PersonCategory, StaffLevel, UnitKind};
use thidua_domain::format;
use thidua_office::xlsx::{Cell, ListSheet};

pub(crate) fn routes() -> Routes {
    Routes::new()
        .get("/nguoi/xuat.xlsx", people)
        .get("/don-vi/xuat.xlsx", units)
        .get("/van-ban/xuat.xlsx", documents)
        .get("/phong-trao/xuat.xlsx", movements)
        .get("/chi-dao/{id}/theo-doi/xuat.xlsx", matrix)
        .get("/dang-ky/xuat.xlsx", registrations)
        .get("/hop-thu/xuat.xlsx", inbox)
        .get("/quan-tri/nhat-ky/xuat.xlsx", audit)
        .get("/xep-loai/xuat.xlsx", ratings)
        .get("/de-nghi/xuat.xlsx", nominations)
}

type ExportResult = Result<Response, PageError>;

/// The content type of XLSX workbooks.
pub(crate) const XLSX_TYPE: &str =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// Rows asked of the store at a time when a list is only read page by page.
const BATCH: u64 = 500;

/// A workbook as a download: always an attachment, never cached (lists hold personal data).
pub(crate) fn download(file_name: &str, sheet: &ListSheet) -> ExportResult {
    let bytes = sheet
        .to_xlsx()
        .map_err(|e| AppError::bad_request(e.to_string()))?;
    Ok((
        [
            (header::CONTENT_TYPE, XLSX_TYPE.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{file_name}\""),
            ),
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        bytes,
    )
        .into_response())
}

/// The day of an instant in Vietnam.
fn vietnam_day(t: DateTime<Utc>) -> chrono::NaiveDate {
    t.with_timezone(&format::vietnam()).date_naive()
}

pub(crate) fn ordinal(i: usize) -> Cell {
    Cell::Int(i as i64 + 1)
}

async fn people(State(st): State<AppState>, caller: Caller, params: Params) -> ExportResult {
    check(&caller.viewer, Action::ListPeople, Target::None)?;
    let filters = PeopleFilters::read(&caller, &params)?;
    let found = st.store.people_search_all(&filters.query).await?;
    // The headers of the people layout that import reads (docs/office-files.md), so that an
    // exported list can be corrected in Excel and imported elsewhere.
    let sheet = ListSheet::new(
        "Cán bộ, người lao động",
        &[
            "STT",
            "Họ và tên",
            "Ngày sinh",
            "Giới tính",
            "Chức vụ",
            "Đơn vị",
            "Đối tượng",
            "Trình độ",
            "Đoàn viên công đoàn",
        ],
    )
    .with_rows(found.into_iter().enumerate().map(|(i, p)| {
        vec![
            ordinal(i),
            Cell::Text(p.full_name),
            Cell::opt_date(p.birth_date),
            Cell::opt_text(
                p.gender
                    .as_deref()
                    .and_then(Gender::from_code)
                    .map(|g| g.label()),
            ),
            Cell::Text(p.position),
            Cell::Text(p.unit_name),
            Cell::text(
                PersonCategory::from_code(&p.category)
                    .map(|c| c.label())
                    .unwrap_or(&p.category),
            ),
            Cell::text(
                StaffLevel::from_code(&p.staff_level)
                    .map(|c| c.label())
                    .unwrap_or(&p.staff_level),
            ),
            Cell::text(if p.union_member { "Có" } else { "Không" }),
        ]
    }));
    download("nhan-su.xlsx", &sheet)
}

async fn units(State(st): State<AppState>, caller: Caller, params: Params) -> ExportResult {
    check(&caller.viewer, Action::ListUnits, Target::None)?;
    let list = UnitList::read(&st, &caller, &params).await?;
    let names: HashMap<i64, String> = st
        .store
        .units_all()
        .await?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect();
    let sheet = ListSheet::new(
        "Đơn vị",
        &[
            "STT",
            "Mã",
            "Tên đơn vị",
            "Cấp",
            "Loại",
            "Đơn vị cấp trên",
            "Trạng thái",
            "Ngày sáp nhập, giải thể",
        ],
    )
    .with_rows(list.rows.into_iter().enumerate().map(|(i, r)| {
        let u = r.unit;
        vec![
            ordinal(i),
            Cell::Text(u.code),
            Cell::Text(u.name),
            Cell::Int(r.depth as i64 + 1),
            Cell::text(
                UnitKind::from_code(&u.kind)
                    .map(|k| k.label())
                    .unwrap_or(&u.kind),
            ),
            Cell::opt_text(u.parent_id.and_then(|p| names.get(&p).cloned())),
            Cell::text(if u.active {
                "Đang hoạt động"
            } else {
                "Đã sáp nhập/giải thể"
            }),
            Cell::opt_date(u.dissolved_on),
        ]
    }));
    download("don-vi.xlsx", &sheet)
}

async fn documents(State(st): State<AppState>, caller: Caller, params: Params) -> ExportResult {
    check(&caller.viewer, Action::ReadDocuments, Target::None)?;
    let (mut query, _) = document_query(&params, &caller.viewer)?;
    query.per_page = BATCH;
    let mut all = Vec::new();
    query.page = 1;
    loop {
        let found = st.store.documents(&query).await?;
        let n = found.items.len() as u64;
        all.extend(found.items);
        if n < BATCH || all.len() as u64 >= found.total {
            break;
        }
        query.page += 1;
    }
    let sheet = ListSheet::new(
        "Sổ văn bản",
        &[
            "STT",
            "Số, ký hiệu",
            "Ngày",
            "Loại",
            "Trích yếu",
            "Cơ quan ban hành",
            "Người ký",
            "Chiều",
        ],
    )
    .with_rows(all.into_iter().enumerate().map(|(i, d)| {
        vec![
            ordinal(i),
            Cell::Text(
                d.reference
                    .clone()
                    .unwrap_or_else(|| format!("/{} (dự thảo, chưa có số)", d.symbol)),
            ),
            // A whole date as a date; a draft's month or year as it is written.
            match d.issued_on {
                Some(on) => Cell::Date(on),
                None => Cell::opt_text(Some(document_date(&d)).filter(|s| !s.is_empty())),
            },
            Cell::Text(label(&d.kind, "doc_kind")),
            Cell::Text(d.summary),
            Cell::Text(d.issuer),
            Cell::Text(d.signer),
            Cell::Text(label(&d.direction, "direction")),
        ]
    }));
    download("so-van-ban.xlsx", &sheet)
}

async fn movements(State(st): State<AppState>, caller: Caller, params: Params) -> ExportResult {
    check(&caller.viewer, Action::ReadMovements, Target::None)?;
    let q = params.text("q").unwrap_or_default();
    let all = st.store.movements(Some(&q)).await?;
    let ids: BTreeSet<i64> = all.iter().filter_map(|m| m.unit_id).collect();
    let names = unit_names(&st, &ids).await?;
    let sheet = ListSheet::new(
        "Phong trào thi đua",
        &[
            "STT",
            "Phong trào",
            "Từ năm",
            "Đến năm",
            "Loại",
            "Đơn vị phát động",
            "Trạng thái",
        ],
    )
    .with_rows(all.into_iter().enumerate().map(|(i, m)| {
        vec![
            ordinal(i),
            Cell::Text(m.name),
            Cell::Int(m.start_year.into()),
            Cell::Int(m.end_year.into()),
            Cell::Text(label(&m.kind, "movement_kind")),
            Cell::opt_text(m.unit_id.and_then(|u| names.get(&u).cloned())),
            Cell::Text(label(&m.status, "movement_status")),
        ]
    }));
    download("phong-trao.xlsx", &sheet)
}

async fn matrix(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    params: Params,
) -> ExportResult {
    check(&caller.viewer, Action::FollowUp, Target::None)?;
    let id = parse_id(&id, "văn bản chỉ đạo")?;
    let (directive, document) = st
        .store
        .directive_head(id)
        .await?
        .ok_or_else(|| AppError::not_found("văn bản chỉ đạo"))?;
    let (filter, _) = matrix_filter(&params)?;
    let m = st.store.matrix(id, &filter, today()).await?;
    let mut headers: Vec<String> = vec!["STT".into(), "Đơn vị".into(), "Ngày đọc".into()];
    headers.extend(m.tasks.iter().map(|t| match t.due_on {
        Some(due) => format!("{}. {} (hạn {})", t.position, t.title, format::date_vn(due)),
        None => format!("{}. {}", t.position, t.title),
    }));
    let headers: Vec<&str> = headers.iter().map(String::as_str).collect();
    let reference = document
        .and_then(|d| d.reference)
        .unwrap_or_else(|| directive.summary.clone());
    let sheet = ListSheet::new(&format!("Theo dõi {reference}"), &headers).with_rows(
        m.rows.into_iter().enumerate().map(|(i, r)| {
            let mut row = vec![
                ordinal(i),
                Cell::Text(r.unit_name),
                Cell::opt_date(r.read_at.map(vietnam_day)),
            ];
            row.extend(r.cells.iter().map(|c| Cell::text(c.label())));
            row
        }),
    );
    download(&format!("theo-doi-{id}.xlsx"), &sheet)
}

async fn registrations(State(st): State<AppState>, caller: Caller, params: Params) -> ExportResult {
    let rows = registration_rows(&st, &caller, &params).await?;
    let sheet = ListSheet::new("Đăng ký thi đua", &REGISTRATION_COLUMNS).with_rows(rows);
    download("dang-ky-thi-dua.xlsx", &sheet)
}

async fn inbox(State(st): State<AppState>, caller: Caller) -> ExportResult {
    check(&caller.viewer, Action::ReadUnitWork, Target::None)?;
    let mine = own_units(&caller);
    let items = if mine.is_empty() {
        Vec::new()
    } else {
        st.store.inbox(&mine, today()).await?
    };
    let sheet = ListSheet::new(
        "Hộp thư văn bản chỉ đạo",
        &[
            "STT",
            "Đơn vị nhận",
            "Số, ký hiệu",
            "Ngày ban hành",
            "Trích yếu",
            "Phong trào",
            "Ngày đọc",
            "Số nhiệm vụ",
            "Đã báo cáo",
            "Quá hạn",
            "Hạn gần nhất",
        ],
    )
    .with_rows(items.into_iter().enumerate().map(|(i, it)| {
        vec![
            ordinal(i),
            Cell::Text(it.unit_name),
            Cell::opt_text(it.reference),
            Cell::opt_date(it.issued_on),
            Cell::Text(it.summary),
            Cell::Text(it.movement_name),
            Cell::opt_date(it.read_at.map(vietnam_day)),
            Cell::Int(it.tasks as i64),
            Cell::Int(it.reported as i64),
            Cell::Int(it.late as i64),
            Cell::opt_date(it.next_due),
        ]
    }));
    download("hop-thu.xlsx", &sheet)
}

async fn audit(State(st): State<AppState>, caller: Caller, params: Params) -> ExportResult {
    check(&caller.viewer, Action::ReadAudit, Target::None)?;
    let mut q = crate::api::audit_query(&params, 1, BATCH)?;
    let mut all = Vec::new();
    loop {
        let found = st.store.audit_list(&q).await?;
        let n = found.items.len() as u64;
        all.extend(found.items);
        if n < BATCH || all.len() as u64 >= found.total {
            break;
        }
        q.page += 1;
    }
    let sheet = ListSheet::new(
        "Nhật ký thay đổi",
        &[
            "Số",
            "Ngày",
            "Giờ",
            "Người thực hiện",
            "Địa chỉ",
            "Thao tác",
            "Loại bản ghi",
            "Mã bản ghi",
            "Trước",
            "Sau",
        ],
    )
    .with_rows(all.into_iter().map(|e| {
        let at = e.at.with_timezone(&format::vietnam());
        vec![
            Cell::Int(e.id),
            Cell::Date(at.date_naive()),
            Cell::Text(at.format("%H:%M:%S").to_string()),
            Cell::Text(e.actor),
            Cell::opt_text(e.ip),
            Cell::Text(e.action),
            Cell::Text(e.entity),
            e.entity_id.map_or(Cell::Empty, Cell::Int),
            Cell::opt_text(e.before),
            Cell::opt_text(e.after),
        ]
    }));
    download("nhat-ky.xlsx", &sheet)
}

/// A unit's ratings grid of a year (`/xep-loai?don_vi=&nam=`), in the ratings layout that the
/// ratings import reads (`Mã cán bộ` included), so that it can be filled in Excel and imported.
async fn ratings(State(st): State<AppState>, caller: Caller, params: Params) -> ExportResult {
    check(&caller.viewer, Action::ReadCommendation, Target::None)?;
    let unit_id = params
        .id("don_vi")?
        .ok_or_else(|| AppError::bad_param("don_vi", "Chưa chọn đơn vị"))?;
    let year = params
        .text("nam")
        .and_then(|y| y.parse::<i32>().ok())
        .filter(|y| thidua_domain::commendation::RATING_YEARS.contains(y))
        .ok_or_else(|| AppError::bad_param("nam", "Năm không hợp lệ"))?;
    let unit = crate::permissions::unit_for(&st, &caller.viewer, unit_id, Action::ReadUnit).await?;
    let grid = st.store.ratings_grid(unit.id, year).await?;
    let sheet = ListSheet::new(
        "Xếp loại",
        &["STT", "Mã cán bộ", "Họ và tên", "Đơn vị", "Năm", "Xếp loại"],
    )
    .with_rows(grid.rows.into_iter().enumerate().map(|(i, r)| {
        vec![
            ordinal(i),
            Cell::Int(r.person_id),
            Cell::Text(r.full_name),
            Cell::text(&unit.name),
            Cell::Int(i64::from(year)),
            Cell::opt_text(
                r.rating
                    .as_deref()
                    .and_then(thidua_domain::rules::Rating::from_code)
                    .map(|x| x.label()),
            ),
        ]
    }));
    download(&format!("xep-loai-{year}.xlsx"), &sheet)
}

/// The nominations list (`/de-nghi?dot=&trang_thai=`) in the nominations layout that the import
/// reads (`docs/office-files.md`): a unit's list can be exported, corrected and imported into
/// another round. "Đơn vị đề nghị", "Kiểm tra trước" and "Trạng thái" are for reading; the import
/// ignores them. A collective's row names the collective and leaves the person's columns empty.
async fn nominations(State(st): State<AppState>, caller: Caller, params: Params) -> ExportResult {
    check(&caller.viewer, Action::ReadCommendation, Target::None)?;
    let round = params.id("dot")?;
    let status = match params.text("trang_thai") {
        None => None,
        Some(c) => Some(
            thidua_domain::commendation::NominationStatus::from_code(&c)
                .ok_or_else(|| AppError::bad_param("trang_thai", "Trạng thái không hợp lệ"))?,
        ),
    };
    let rows = st
        .store
        .nominations(&crate::pages_commendation::nominations_query(
            &caller.viewer,
            round,
            status.map(|s| s.code()),
        ))
        .await?;
    let person_ids: Vec<i64> = rows.iter().filter_map(|r| r.nomination.person_id).collect();
    let people = st.store.people_by_ids(&person_ids).await?;
    let unit_ids: BTreeSet<i64> = people.values().map(|p| p.unit_id).collect();
    let names = unit_names(&st, &unit_ids).await?;
    let sheet = ListSheet::new(
        "Đề nghị khen thưởng",
        &[
            "STT",
            "Họ và tên",
            "Ngày sinh",
            "Chức vụ",
            "Đơn vị",
            "Hình thức/Danh hiệu",
            "Thành tích tóm tắt",
            "Đơn vị đề nghị",
            "Kiểm tra trước",
            "Trạng thái",
        ],
    )
    .with_rows(rows.into_iter().enumerate().map(|(i, r)| {
        let n = &r.nomination;
        let person = n.person_id.and_then(|p| people.get(&p));
        vec![
            ordinal(i),
            Cell::Text(r.subject_name.clone()),
            Cell::opt_date(person.and_then(|p| p.birth_date)),
            Cell::opt_text(person.map(|p| p.position.clone())),
            Cell::opt_text(person.and_then(|p| names.get(&p.unit_id).cloned())),
            Cell::Text(r.award_name.clone()),
            Cell::Text(n.summary.clone()),
            Cell::Text(r.unit_name.clone()),
            Cell::opt_text(n.precheck_eligible.map(|e| {
                if e {
                    "Đủ điều kiện"
                } else {
                    "Chưa đủ điều kiện"
                }
            })),
            Cell::text(
                thidua_domain::commendation::NominationStatus::from_code(&n.status)
                    .map(|s| s.label())
                    .unwrap_or(&n.status),
            ),
        ]
    }));
    download("de-nghi-khen-thuong.xlsx", &sheet)
}
