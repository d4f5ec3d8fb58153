//! The pre-check of everyone (rà soát điều kiện, `/ra-soat`): every person of the viewer's scope
//! judged by the rules engine for every individual title of a year (`Store::precheck_everyone`),
//! before any nomination is written. The city office sees the whole city, a unit officer their
//! units (`permissions::precheck_scope`). The page counts who meets the criteria per title and per
//! unit; a unit and a title list the people by name, with "Xuất Excel" in the columns that the
//! nomination import reads. The same figures are in the API (`/api/v1/prechecks/{year}`).

use crate::error::{AppError, PageError};
use crate::exports::{download, ordinal};
use crate::extract::{Caller, Params};
use crate::permissions::{check, precheck_scope, Action, PrecheckScope, Target};
use crate::templates::page;
use crate::{AppState, Routes};
use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Response};
use axum::Json;
use chrono::{Datelike, NaiveDate};
use minijinja::context;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use thidua_domain::text;
use thidua_office::xlsx::{Cell, ListSheet};
use thidua_store::precheck::Precheck;
use utoipa::{OpenApi, ToSchema};

pub(crate) fn routes() -> Routes {
    Routes::new()
        .get("/ra-soat", precheck_page)
        .get("/ra-soat/xuat.xlsx", precheck_xlsx)
        .get("/api/v1/prechecks/{year}", precheck_api)
}

/// The pre-check of `year` for what `caller` may see; refused (hidden) to who may not nominate.
async fn run(st: &AppState, caller: &Caller, year: i32) -> Result<Precheck, AppError> {
    // Asked first so that the public is told to log in (401) and a worker is refused (403).
    check(&caller.viewer, Action::ReadCommendation, Target::None)?;
    let scope = precheck_scope(&caller.viewer).ok_or_else(AppError::forbidden)?;
    if !(1990..=2100).contains(&year) {
        return Err(AppError::bad_param("nam", "Năm không hợp lệ"));
    }
    let units = match &scope {
        PrecheckScope::Everyone => None,
        PrecheckScope::Units(u) => Some(u),
    };
    Ok(st
        .store
        .precheck_everyone(year, decision_date(year), units)
        .await?)
}

/// The day the pre-check assumes the decision is made: the last day of the judged year.
fn decision_date(year: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or_default()
}

/// The year asked (`nam`), or the year of the newest round still open, or last year.
async fn year_of(st: &AppState, params: &Params) -> Result<i32, AppError> {
    if let Some(y) = params.text("nam") {
        return y
            .parse::<i32>()
            .ok()
            .filter(|y| (1990..=2100).contains(y))
            .ok_or_else(|| AppError::bad_param("nam", "Năm không hợp lệ"));
    }
    let open = st
        .store
        .award_rounds()
        .await?
        .into_iter()
        .filter(|r| r.status == "open")
        .map(|r| r.year)
        .max();
    Ok(open.unwrap_or_else(|| crate::pages_work::today().year() - 1))
}

/// One unit's line: how many of its people meet each title.
#[derive(Debug, Serialize)]
struct UnitLine {
    id: i64,
    name: String,
    counts: Vec<usize>,
}

/// The units with anyone eligible, in Vietnamese order of their names, with their counts per title.
fn unit_lines(p: &Precheck, names: &HashMap<i64, String>) -> Vec<UnitLine> {
    let mut by_unit: BTreeMap<i64, Vec<usize>> = BTreeMap::new();
    for (i, t) in p.titles.iter().enumerate() {
        for &(_, unit) in &t.eligible {
            by_unit
                .entry(unit)
                .or_insert_with(|| vec![0; p.titles.len()])[i] += 1;
        }
    }
    let mut lines: Vec<UnitLine> = by_unit
        .into_iter()
        .map(|(id, counts)| UnitLine {
            id,
            name: names
                .get(&id)
                .cloned()
                .unwrap_or_else(|| format!("Đơn vị {id}")),
            counts,
        })
        .collect();
    lines.sort_by_cached_key(|l| text::sort_key(&l.name));
    lines
}

/// The eligible people of `unit` for `title`, in Vietnamese order of their names.
async fn people_of(
    st: &AppState,
    p: &Precheck,
    unit: i64,
    title: &str,
) -> Result<Vec<thidua_store::entity::people::Model>, AppError> {
    let ids: Vec<i64> = p
        .titles
        .iter()
        .filter(|t| t.title == title)
        .flat_map(|t| t.eligible.iter().filter(|e| e.1 == unit).map(|e| e.0))
        .collect();
    let mut people: Vec<_> = st.store.people_by_ids(&ids).await?.into_values().collect();
    people.sort_by(|a, b| a.sort_key.cmp(&b.sort_key).then(a.id.cmp(&b.id)));
    Ok(people)
}

async fn precheck_page(
    State(st): State<AppState>,
    caller: Caller,
    params: Params,
) -> Result<Response, PageError> {
    let year = year_of(&st, &params).await?;
    let p = run(&st, &caller, year).await?;
    let names: HashMap<i64, String> = st
        .store
        .units_all()
        .await?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect();
    let units = unit_lines(&p, &names);
    let unit = params.id("don_vi")?;
    let title = params.text("danh_hieu");
    let mut list = context! {};
    if let (Some(u), Some(t)) = (unit, title.as_deref()) {
        let Some(tally) = p.titles.iter().find(|x| x.title == t) else {
            return Err(
                AppError::bad_param("danh_hieu", "Danh hiệu không có trong danh mục").into(),
            );
        };
        let people = people_of(&st, &p, u, t).await?;
        list = context! {
            unit => u,
            unit_name => names.get(&u).cloned().unwrap_or_default(),
            title => t,
            title_name => tally.name.clone(),
            people => people.iter().map(|x| context! {
                id => x.id, full_name => x.full_name.clone(), birth_date => x.birth_date,
                position => x.position.clone(),
            }).collect::<Vec<_>>(),
        };
    }
    let titles: Vec<_> = p
        .titles
        .iter()
        .map(|t| context! { code => t.title.clone(), name => t.name.clone(), judged => t.judged, eligible => t.eligible.len(), errors => t.errors })
        .collect();
    let body = page(
        &st,
        &caller,
        "precheck.html",
        context! {
            nav => "precheck",
            year => year,
            decision_date => p.decision_date,
            people => p.people,
            titles => titles,
            units => units,
            list => list,
        },
    )?;
    Ok(Html(body).into_response())
}

/// The eligible people of a unit for a title as a sheet in the nomination list's columns, so that
/// the office can strike out and import it as nominations.
async fn precheck_xlsx(
    State(st): State<AppState>,
    caller: Caller,
    params: Params,
) -> Result<Response, PageError> {
    let year = year_of(&st, &params).await?;
    let unit = params
        .id("don_vi")?
        .ok_or_else(|| AppError::bad_param("don_vi", "Chọn đơn vị"))?;
    let title = params
        .text("danh_hieu")
        .ok_or_else(|| AppError::bad_param("danh_hieu", "Chọn danh hiệu"))?;
    let p = run(&st, &caller, year).await?;
    let Some(tally) = p.titles.iter().find(|x| x.title == title) else {
        return Err(AppError::bad_param("danh_hieu", "Danh hiệu không có trong danh mục").into());
    };
    let unit_name = st
        .store
        .unit(unit)
        .await?
        .map(|u| u.name)
        .unwrap_or_default();
    let people = people_of(&st, &p, unit, &title).await?;
    let sheet = ListSheet::new(
        &format!("Đủ điều kiện {year}"),
        &[
            "STT",
            "Họ và tên",
            "Ngày sinh",
            "Chức vụ",
            "Đơn vị",
            "Danh hiệu đề nghị",
        ],
    )
    .with_rows(people.into_iter().enumerate().map(|(i, x)| {
        vec![
            ordinal(i),
            Cell::Text(x.full_name),
            Cell::opt_date(x.birth_date),
            Cell::Text(x.position),
            Cell::text(&unit_name),
            Cell::text(&tally.name),
        ]
    }));
    download(&format!("ra-soat-{year}-{title}.xlsx"), &sheet)
}

/// What the pre-check of everyone found for one title.
#[derive(Debug, Serialize, ToSchema)]
pub struct PrecheckTitle {
    /// The catalogue's code.
    pub title: String,
    pub name: String,
    /// People judged.
    pub judged: usize,
    /// Cases the rules engine could not judge.
    pub errors: usize,
    /// Ids of the people who meet every criterion the data decides, ascending.
    pub eligible: Vec<i64>,
}

/// The pre-check of everyone in the caller's scope for a year.
#[derive(Debug, Serialize, ToSchema)]
pub struct PrecheckOut {
    pub year: i32,
    /// The decision date assumed (31/12 of the year), ISO.
    pub decision_date: NaiveDate,
    /// People judged.
    pub people: usize,
    pub titles: Vec<PrecheckTitle>,
}

/// Pre-checks every person in the caller's scope (the whole city for the TĐKT office, the units of
/// a unit officer) for every individual title of the year, as a decision on 31/12 of the year.
#[utoipa::path(get, path = "/api/v1/prechecks/{year}", params(("year" = i32, Path)),
    responses((status = 200, body = PrecheckOut), (status = 400, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody)),
)]
pub(crate) async fn precheck_api(
    State(st): State<AppState>,
    caller: Caller,
    Path(year): Path<String>,
) -> Result<Json<PrecheckOut>, crate::error::ApiError> {
    let year = year
        .parse::<i32>()
        .map_err(|_| AppError::bad_param("year", "Năm không hợp lệ"))?;
    let p = run(&st, &caller, year).await?;
    Ok(Json(PrecheckOut {
        year: p.year,
        decision_date: p.decision_date,
        people: p.people,
        titles: p
            .titles
            .into_iter()
            .map(|t| PrecheckTitle {
                title: t.title,
                name: t.name,
                judged: t.judged,
                errors: t.errors,
                eligible: t.eligible.into_iter().map(|e| e.0).collect(),
            })
            .collect(),
    }))
}

#[derive(OpenApi)]
#[openapi(paths(precheck_api), components(schemas(PrecheckOut, PrecheckTitle)))]
pub struct PrecheckApi;
