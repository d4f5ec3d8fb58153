//! Review reports (sơ kết, tổng kết) on pages, in the API and as files: `/bao-cao` with its tables,
//! its SVG charts and its "Xuất Word" / "Xuất Excel", and `/api/v1/reports/{period}` with `.../docx`
//! and `.../xlsx`. Every figure comes from `Store::report` (`store/src/reports.rs`); pages, API,
//! DOCX and XLSX list them through `Figures::items`, so that they cannot disagree.
//!
//! Who sees what: the office, the leader, councils and the union see the city, any group and any
//! unit; a unit officer sees their own units (the report of their unit by default); a worker none.

use crate::api_work::{file_response, DOCX_TYPE};
use crate::docx_work::content_disposition;
use crate::error::{ApiError, AppError, ErrorBody, PageError};
use crate::extract::{Caller, Params};
use crate::permissions::{allows, check, unit_for, Action, Target, Viewer};
use crate::report_charts::{bar_chart, line_chart, Bar};
use crate::templates::page;
use crate::{AppState, Routes};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use axum::Json;
use minijinja::context;
use serde::Serialize;
use std::collections::BTreeMap;
use thidua_domain::report::{Figures, Item, Period, Report, Row, Section, Subject, HEADLINE};
use thidua_office::csv::Cell;
use thidua_office::docx::{
    Align, Block, Column, Issuer, OfficialDocument, PartialDate, Reference, Signer, Table,
};
use thidua_office::xlsx::ListSheet;
use thidua_store::reports::ReportScope;
use utoipa::OpenApi;

pub(crate) fn routes() -> Routes {
    Routes::new()
        .get("/bao-cao", report_page)
        .get("/bao-cao/bao-cao.docx", page_docx)
        .get("/bao-cao/bao-cao.xlsx", page_xlsx)
        .get("/api/v1/reports/{period}", api_report)
        .get("/api/v1/reports/{period}/docx", api_docx)
        .get("/api/v1/reports/{period}/xlsx", api_xlsx)
}

pub(crate) use crate::today;

/// The report `viewer` asked for: the period's code, and a unit or a group (neither: the city, or a
/// unit officer's own unit). 401/403/404 as the permission rules say; 422 for a period that does
/// not exist.
pub(crate) async fn asked_report(
    st: &AppState,
    viewer: &Viewer,
    period: &str,
    unit: Option<i64>,
    group: Option<i64>,
) -> Result<Report, AppError> {
    // Not signed in: log in first, whatever was asked.
    check(viewer, Action::OwnAccount, Target::None)?;
    let period = Period::parse(period)?;
    let scope = match (unit, group) {
        (Some(_), Some(_)) => {
            return Err(AppError::bad_param(
                "group",
                "Chọn một đơn vị hoặc một nhóm đơn vị, không chọn cả hai",
            ))
        }
        (Some(u), None) => {
            unit_for(st, viewer, u, Action::ReadReports).await?;
            ReportScope::Unit(u)
        }
        (None, Some(g)) => {
            check(viewer, Action::ReadReports, Target::None)?;
            ReportScope::Group(g)
        }
        (None, None) => {
            if allows(viewer, Action::ReadReports, Target::None) {
                ReportScope::City
            } else {
                match own_unit(viewer) {
                    Some(u) => {
                        unit_for(st, viewer, u, Action::ReadReports).await?;
                        ReportScope::Unit(u)
                    }
                    None => {
                        check(viewer, Action::ReadReports, Target::None)?;
                        ReportScope::City
                    }
                }
            }
        }
    };
    Ok(st.store.report(&period, scope, today()).await?)
}

/// A unit officer's own unit: the account's unit, or the first of their scope. (Other roles have
/// none: a worker's unit is not theirs to report on.)
fn own_unit(viewer: &Viewer) -> Option<i64> {
    let p = viewer
        .principal()
        .filter(|p| p.has(thidua_domain::access::Role::UnitOfficer))?;
    p.unit_id.or_else(|| p.scope.iter().next().copied())
}

/// The names of award codes, from the rule tables' catalogue.
pub(crate) async fn award_names(st: &AppState) -> Result<BTreeMap<String, String>, AppError> {
    let tables = st.store.rule_tables().await?;
    Ok(thidua_domain::rules::catalogue(&tables)
        .into_iter()
        .map(|e| (e.code, e.name))
        .collect())
}

/// One line of the main table: a figure in the period and the period before.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Line {
    /// `registrations`, `tasks_on_time`, `status.recognised`, `scope.co_so`, `award.<code>`, …
    pub key: String,
    pub section: String,
    pub label: String,
    pub current: i64,
    pub previous: i64,
    /// The first line of its section (pages print the section's heading above it).
    #[serde(skip)]
    pub starts_section: bool,
}

/// The lines of a row: every figure, with the period before.
pub fn lines(row: &Row, names: &BTreeMap<String, String>) -> Vec<Line> {
    let cur = row.current.items_with(names, &row.previous);
    let prev = row.previous.items_with(names, &row.current);
    let mut last: Option<Section> = None;
    cur.into_iter()
        .map(|i| {
            let previous = prev
                .iter()
                .find(|p| p.key == i.key)
                .map(|p| p.value)
                .unwrap_or(0);
            let starts_section = last != Some(i.section);
            last = Some(i.section);
            Line {
                key: i.key,
                section: i.section.label().to_owned(),
                label: i.label,
                current: i.value,
                previous,
                starts_section,
            }
        })
        .collect()
}

/// The headline labels (columns of the tables by unit and group).
fn headline_labels() -> Vec<String> {
    Figures::default()
        .headline()
        .into_iter()
        .map(|i| i.label)
        .collect()
}

fn headline_values(f: &Figures) -> Vec<i64> {
    f.headline().into_iter().map(|i| i.value).collect()
}

// ---------------------------------------------------------------------------------------------
// API

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ReportOut {
    /// The period: `code`, `kind` (`half_year`, `year`, `span`), `from`, `to`.
    #[schema(value_type = Object)]
    pub period: Period,
    #[schema(value_type = Object)]
    pub previous_period: Period,
    pub title: String,
    /// `{"kind": "city"}`, `{"kind": "group", "id", "name"}` or `{"kind": "unit", "id", "name"}`.
    #[schema(value_type = Object)]
    pub subject: Subject,
    /// The day task deadlines were judged on.
    pub as_of: chrono::NaiveDate,
    /// False when nothing was recorded in the period: the figures are not facts but absence.
    pub has_data: bool,
    pub previous_has_data: bool,
    /// Every figure of the subject as a line, with the period before.
    pub lines: Vec<Line>,
    /// The subject's figures (`current`, `previous`).
    #[schema(value_type = Object)]
    pub total: Row,
    /// Per recipient group (a group's figures are the sum of its units').
    #[schema(value_type = Vec<Object>)]
    pub groups: Vec<Row>,
    /// Per unit with anything recorded in either period.
    #[schema(value_type = Vec<Object>)]
    pub units: Vec<Row>,
}

fn report_out(r: Report, names: &BTreeMap<String, String>) -> ReportOut {
    ReportOut {
        title: r.period.title(),
        has_data: r.has_data(),
        previous_has_data: r.previous_has_data(),
        lines: lines(&r.total, names),
        period: r.period,
        previous_period: r.previous_period,
        subject: r.subject,
        as_of: r.as_of,
        total: r.total,
        groups: r.groups,
        units: r.units,
    }
}

fn api_params(params: &Params) -> Result<(Option<i64>, Option<i64>), AppError> {
    Ok((params.id("unit")?, params.id("group")?))
}

/// A review report: `2023` (tổng kết năm), `2023-h1` (sơ kết 6 tháng đầu năm), `2021-2025` (tổng
/// kết giai đoạn); `?unit=` a unit and the units under it, `?group=` a recipient group, neither:
/// the city (a unit officer: their own unit).
#[utoipa::path(get, path = "/api/v1/reports/{period}",
    params(("period" = String, Path, description = "2023, 2023-h1 hoặc 2021-2025"),
        ("unit" = Option<i64>, Query, description = "đơn vị"),
        ("group" = Option<i64>, Query, description = "nhóm đơn vị")),
    responses((status = 200, body = ReportOut), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn api_report(
    State(st): State<AppState>,
    caller: Caller,
    Path(period): Path<String>,
    params: Params,
) -> Result<Json<ReportOut>, ApiError> {
    let (unit, group) = api_params(&params)?;
    let r = asked_report(&st, &caller.viewer, &period, unit, group).await?;
    let names = award_names(&st).await?;
    Ok(Json(report_out(r, &names)))
}

/// The report as a DOCX draft in the official layout (Nghị định 30/2020).
#[utoipa::path(get, path = "/api/v1/reports/{period}/docx",
    params(("period" = String, Path, description = "2023, 2023-h1 hoặc 2021-2025"),
        ("unit" = Option<i64>, Query, description = "đơn vị"),
        ("group" = Option<i64>, Query, description = "nhóm đơn vị")),
    responses((status = 200, description = "tệp DOCX", content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn api_docx(
    State(st): State<AppState>,
    caller: Caller,
    Path(period): Path<String>,
    params: Params,
) -> Result<Response, ApiError> {
    let (unit, group) = api_params(&params)?;
    let r = asked_report(&st, &caller.viewer, &period, unit, group).await?;
    Ok(docx_file(&st, r).await?)
}

/// The report's tables as an XLSX workbook: the lines, the groups, the units.
#[utoipa::path(get, path = "/api/v1/reports/{period}/xlsx",
    params(("period" = String, Path, description = "2023, 2023-h1 hoặc 2021-2025"),
        ("unit" = Option<i64>, Query, description = "đơn vị"),
        ("group" = Option<i64>, Query, description = "nhóm đơn vị")),
    responses((status = 200, description = "tệp XLSX", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn api_xlsx(
    State(st): State<AppState>,
    caller: Caller,
    Path(period): Path<String>,
    params: Params,
) -> Result<Response, ApiError> {
    let (unit, group) = api_params(&params)?;
    let r = asked_report(&st, &caller.viewer, &period, unit, group).await?;
    Ok(xlsx_file(&st, r).await?)
}

#[derive(OpenApi)]
#[openapi(
    paths(api_report, api_docx, api_xlsx),
    components(schemas(ReportOut, Line))
)]
pub struct ReportsApi;

// ---------------------------------------------------------------------------------------------
// Files

fn file_stem_names(r: &Report, ext: &str) -> (String, String) {
    let subject = match &r.subject {
        Subject::City => String::new(),
        Subject::Group { id, .. } => format!("-nhom-{id}"),
        Subject::Unit { id, .. } => format!("-don-vi-{id}"),
    };
    let ascii = format!("{}{subject}.{ext}", r.file_stem());
    let unicode = format!("Báo cáo {}{subject}.{ext}", r.period.code);
    (ascii, unicode)
}

fn office_error(e: impl std::fmt::Display) -> AppError {
    tracing::error!(error = %e, "report file not written");
    AppError::internal()
}

/// The workbook of a report: "Tổng hợp" (every line, both periods), "Theo nhóm" and "Theo đơn vị"
/// (the headline figures of each row).
pub fn workbook(r: &Report, names: &BTreeMap<String, String>) -> Vec<ListSheet> {
    let cur = r.period.short();
    let prev = r.previous_period.short();
    let mut summary = ListSheet::new(
        "Tổng hợp",
        &["Nhóm chỉ tiêu", "Chỉ tiêu", &cur, &prev, "Tăng, giảm"],
    );
    if !r.has_data() {
        summary.push(vec![
            Cell::text("Ghi chú"),
            Cell::text(format!(
                "Chưa có số liệu {} của {}",
                r.period.short().to_lowercase(),
                r.subject.name()
            )),
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
        ]);
    }
    for l in lines(&r.total, names) {
        let money = l.key == "award_money_vnd";
        let v = |x: i64| if money { Cell::Money(x) } else { Cell::Int(x) };
        summary.push(vec![
            Cell::text(l.section),
            Cell::text(l.label),
            v(l.current),
            v(l.previous),
            v(l.current - l.previous),
        ]);
    }
    let labels = headline_labels();
    let table = |name: &str, first: &str, rows: &[Row]| {
        let mut headers: Vec<&str> = vec!["STT", first];
        headers.extend(labels.iter().map(String::as_str));
        let mut sheet = ListSheet::new(name, &headers);
        for (i, row) in rows.iter().enumerate() {
            let mut cells = vec![Cell::Int(i as i64 + 1), Cell::text(row.name.clone())];
            let values = headline_values(&row.current);
            for (k, v) in HEADLINE.iter().zip(values) {
                cells.push(if *k == "award_money_vnd" {
                    Cell::Money(v)
                } else {
                    Cell::Int(v)
                });
            }
            sheet.push(cells);
        }
        let mut total = vec![Cell::Empty, Cell::text("Tổng cộng")];
        for (k, v) in HEADLINE.iter().zip(headline_values(&r.total.current)) {
            total.push(if *k == "award_money_vnd" {
                Cell::Money(v)
            } else {
                Cell::Int(v)
            });
        }
        sheet.push(total);
        sheet
    };
    let mut sheets = vec![summary];
    if !r.groups.is_empty() {
        sheets.push(table("Theo nhóm", "Nhóm đơn vị", &r.groups));
    }
    sheets.push(table("Theo đơn vị", "Đơn vị", &r.units));
    sheets
}

async fn xlsx_file(st: &AppState, r: Report) -> Result<Response, AppError> {
    let names = award_names(st).await?;
    let sheets = workbook(&r, &names);
    let bytes = tokio::task::spawn_blocking(move || thidua_office::xlsx::write_workbook(&sheets))
        .await
        .map_err(office_error)?
        .map_err(office_error)?;
    let (ascii, unicode) = file_stem_names(&r, "xlsx");
    Ok(file_response(
        bytes.into(),
        crate::exports::XLSX_TYPE,
        &content_disposition(&ascii, &unicode),
    ))
}

/// The report as a draft official document (báo cáo): the issuing committee, "Số:      /BC-UBND",
/// the title, the figures of the period against the period before, the groups, and the signature.
pub fn report_document(
    r: &Report,
    names: &BTreeMap<String, String>,
    issuer: &str,
    parent: Option<&str>,
) -> OfficialDocument {
    let cur = r.period.short();
    let prev = r.previous_period.short();
    let mut body = vec![Block::Paragraph(format!(
        "Thực hiện chế độ báo cáo công tác thi đua, khen thưởng, {} báo cáo kết quả {} như sau (số liệu tính đến ngày {}):",
        issuer_short(issuer),
        r.period.title().to_lowercase(),
        thidua_domain::format::date_vn(r.as_of.min(r.period.to))
    ))];
    body.push(Block::Heading("I. KẾT QUẢ THỰC HIỆN".into()));
    if !r.has_data() {
        body.push(Block::Paragraph(format!(
            "Chưa có số liệu {} của {}.",
            r.period.short().to_lowercase(),
            r.subject.name()
        )));
    } else {
        let mut rows = Vec::new();
        for l in lines(&r.total, names) {
            let fmt = |v: i64| thidua_office::docx::thousands(v);
            if l.starts_section {
                rows.push(vec![l.section.to_uppercase(), String::new(), String::new()]);
            }
            rows.push(vec![l.label, fmt(l.current), fmt(l.previous)]);
        }
        body.push(Block::Table(Table {
            columns: vec![
                Column::new("Chỉ tiêu", 6, Align::Left),
                Column::new(&cur, 2, Align::Right),
                Column::new(&prev, 2, Align::Right),
            ],
            rows,
            total: None,
        }));
    }
    if r.has_data() && !r.groups.is_empty() {
        body.push(Block::Heading("II. KẾT QUẢ THEO NHÓM ĐƠN VỊ".into()));
        let keys = [
            "registrations",
            "tasks_on_time",
            "posts",
            "initiatives",
            "awards",
        ];
        let mut columns = vec![Column::new("Nhóm đơn vị", 5, Align::Left)];
        let all = Figures::default().items(names);
        for k in keys {
            let label = all
                .iter()
                .find(|i| i.key == k)
                .map(|i| i.label.clone())
                .unwrap_or_default();
            columns.push(Column::new(&label, 2, Align::Right));
        }
        let rows = r
            .groups
            .iter()
            .map(|g| {
                let items = g.current.items(names);
                let mut cells = vec![g.name.clone()];
                for k in keys {
                    let v = items
                        .iter()
                        .find(|i| i.key == k)
                        .map(|i| i.value)
                        .unwrap_or(0);
                    cells.push(thidua_office::docx::thousands(v));
                }
                cells
            })
            .collect();
        body.push(Block::Table(Table {
            columns,
            rows,
            total: None,
        }));
    }
    body.push(Block::Heading(
        if r.groups.is_empty() || !r.has_data() {
            "II. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI"
        } else {
            "III. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI"
        }
        .into(),
    ));
    body.push(Block::Paragraph(
        "(Đơn vị soạn thảo bổ sung nhận xét, đánh giá và phương hướng.)".into(),
    ));
    OfficialDocument {
        issuers: vec![Issuer {
            parent: parent.map(str::to_uppercase),
            name: crate::docx_work::issuing_name(issuer),
        }],
        reference: Reference::Draft {
            symbol: "BC-UBND".into(),
        },
        place: crate::docx_work::place_of(Some(issuer)),
        date: PartialDate {
            year: r.as_of.year(),
            month: None,
            day: None,
        },
        kind_title: Some("BÁO CÁO".into()),
        summary: format!(
            "{} công tác thi đua, khen thưởng{}",
            r.period.title(),
            match &r.subject {
                Subject::City => String::new(),
                other => format!(" — {}", other.name()),
            }
        ),
        addressees: Vec::new(),
        body,
        signers: vec![Signer {
            authority: Some("TM. ỦY BAN NHÂN DÂN".into()),
            title: "CHỦ TỊCH".into(),
            name: String::new(),
        }],
        recipients: vec!["UBND tỉnh (để báo cáo);".into(), "Lưu: VT, NV.".into()],
        appendix: None,
    }
}

fn issuer_short(name: &str) -> String {
    name.to_owned()
}

use chrono::Datelike;

async fn docx_file(st: &AppState, r: Report) -> Result<Response, AppError> {
    let names = award_names(st).await?;
    // The issuer: the unit reported on, or the city's committee (the unit at the top).
    let units = st.store.units_all().await?;
    let by_id: std::collections::HashMap<i64, &thidua_store::entity::units::Model> =
        units.iter().map(|u| (u.id, u)).collect();
    let top = units
        .iter()
        .find(|u| u.parent_id.is_none() && u.active)
        .or(units.first());
    let (issuer, parent) = match &r.subject {
        Subject::Unit { id, name } => (
            name.clone(),
            by_id
                .get(id)
                .and_then(|u| u.parent_id)
                .and_then(|p| by_id.get(&p))
                .map(|p| p.name.clone()),
        ),
        _ => (
            top.map(|u| u.name.clone())
                .unwrap_or_else(|| "UBND thành phố".into()),
            None,
        ),
    };
    let doc = report_document(&r, &names, &issuer, parent.as_deref());
    let bytes = crate::doc_templates::render(st, crate::doc_templates::REPORT, doc).await?;
    let (ascii, unicode) = file_stem_names(&r, "docx");
    Ok(file_response(
        bytes.into(),
        DOCX_TYPE,
        &content_disposition(&ascii, &unicode),
    ))
}

// ---------------------------------------------------------------------------------------------
// Pages

/// The page's parameters: `ky` (period code; this year when absent), `don_vi`, `nhom`.
fn page_params(params: &Params) -> Result<(String, Option<i64>, Option<i64>), AppError> {
    let period = params
        .text("ky")
        .unwrap_or_else(|| today().year().to_string());
    Ok((period, params.id("don_vi")?, params.id("nhom")?))
}

#[derive(Serialize)]
struct TableRow {
    id: Option<i64>,
    name: String,
    values: Vec<i64>,
}

fn table_rows(rows: &[Row]) -> Vec<TableRow> {
    rows.iter()
        .map(|r| TableRow {
            id: r.id,
            name: r.name.clone(),
            values: headline_values(&r.current),
        })
        .collect()
}

/// The periods the form offers: the movement period, each year and its first half, newest first.
fn period_choices() -> Vec<(String, String)> {
    let this = today().year();
    let mut out = Vec::new();
    for y in (2021..=this).rev() {
        let p = Period::year(y);
        out.push((p.code.clone(), p.title()));
        let h = Period::half_year(y);
        out.push((h.code.clone(), h.title()));
    }
    let s = Period::span(2021, 2025);
    out.push((s.code.clone(), s.title()));
    out
}

async fn report_page(
    State(st): State<AppState>,
    caller: Caller,
    params: Params,
) -> Result<Response, PageError> {
    let st = &st;
    let caller = &caller;
    let (code, unit, group) = page_params(&params)?;
    let asked = asked_report(st, &caller.viewer, &code, unit, group).await;
    let r = match asked {
        Ok(r) => r,
        // A period that does not exist: the form again, with the message.
        Err(e) if e.status == StatusCode::UNPROCESSABLE_ENTITY => {
            let body = page(
                st,
                caller,
                "reports.html",
                context! {
                    title => "Báo cáo sơ kết, tổng kết", nav => "reports",
                    problem => e.fields.get("period").cloned().unwrap_or(e.message),
                    ky => code, choices => period_choices(),
                },
            )?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(body)).into_response());
        }
        Err(e) => return Err(e.into()),
    };
    let names = award_names(st).await?;
    let trend = st
        .store
        .report_trend(
            &r.period.trend(),
            match &r.subject {
                Subject::City => ReportScope::City,
                Subject::Group { id, .. } => ReportScope::Group(*id),
                Subject::Unit { id, .. } => ReportScope::Unit(*id),
            },
            r.as_of,
        )
        .await?;
    let cur = r.period.short();
    let prev = r.previous_period.short();
    let bars: Vec<Bar> = {
        let c = r.total.current.headline();
        let p = r.total.previous.headline();
        c.into_iter()
            .zip(p)
            .filter(|(i, _)| !matches!(i.key.as_str(), "award_money_vnd" | "people_reached"))
            .map(|(i, p): (Item, Item)| Bar {
                label: i.label,
                current: i.value,
                previous: p.value,
            })
            .collect()
    };
    let bar_svg = bar_chart(&format!("{} so với {}", cur, prev), &cur, &prev, &bars);
    let labels: Vec<String> = trend.iter().map(|(p, _)| p.short()).collect();
    let series = vec![
        (
            "Ý tưởng, sáng kiến".to_owned(),
            trend
                .iter()
                .map(|(_, f)| (f.ideas + f.initiatives) as i64)
                .collect(),
        ),
        (
            "Bài viết, sự kiện".to_owned(),
            trend
                .iter()
                .map(|(_, f)| (f.posts + f.events) as i64)
                .collect(),
        ),
        (
            "Khen thưởng".to_owned(),
            trend.iter().map(|(_, f)| f.awards_total() as i64).collect(),
        ),
        (
            "Báo cáo đúng hạn".to_owned(),
            trend.iter().map(|(_, f)| f.tasks_on_time as i64).collect(),
        ),
    ];
    let line_svg = line_chart("Diễn biến qua các kỳ", &labels, &series);
    let groups = if allows(&caller.viewer, Action::ReadReports, Target::None) {
        st.store.group_names().await?
    } else {
        Vec::new()
    };
    let query = serde_urlencoded::to_string(
        [
            ("ky", Some(r.period.code.clone())),
            ("don_vi", unit.map(|u| u.to_string())),
            ("nhom", group.map(|g| g.to_string())),
        ]
        .into_iter()
        .filter_map(|(k, v)| v.map(|v| (k, v)))
        .collect::<Vec<_>>(),
    )
    .unwrap_or_default();
    let body = page(
        st,
        caller,
        "reports.html",
        context! {
            title => r.period.title(), nav => "reports",
            ky => r.period.code.clone(), choices => period_choices(),
            report_title => r.period.title(),
            subject => r.subject.name(),
            current_label => cur, previous_label => prev,
            has_data => r.has_data(), previous_has_data => r.previous_has_data(),
            as_of => r.as_of,
            lines => lines(&r.total, &names),
            headline => headline_labels(),
            money_column => HEADLINE.iter().position(|k| *k == "award_money_vnd"),
            group_rows => table_rows(&r.groups),
            unit_rows => table_rows(&r.units),
            total_values => headline_values(&r.total.current),
            groups, unit, group, query,
            bar_svg, line_svg,
        },
    )?;
    Ok(Html(body).into_response())
}

async fn page_docx(
    State(st): State<AppState>,
    caller: Caller,
    params: Params,
) -> Result<Response, PageError> {
    let (code, unit, group) = page_params(&params)?;
    let r = asked_report(&st, &caller.viewer, &code, unit, group).await?;
    Ok(docx_file(&st, r).await?)
}

async fn page_xlsx(
    State(st): State<AppState>,
    caller: Caller,
    params: Params,
) -> Result<Response, PageError> {
    let (code, unit, group) = page_params(&params)?;
    let r = asked_report(&st, &caller.viewer, &code, unit, group).await?;
    Ok(xlsx_file(&st, r).await?)
}
