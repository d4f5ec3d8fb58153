//! The dashboard (bảng điều khiển) after logging in, per role: the city's TĐKT office sees what needs
//! action today (units late with their reports, nominations waiting for review, council meetings
//! coming, decisions to approve or to finalise), a unit officer their unit's (tasks late and due
//! soon, nominations returned, registration, the unit's figures), the leader the city's headline
//! figures and the decisions to sign.
//!
//! Every number is a link to the list behind it, and is counted with that list's own query: the
//! follow-up matrix filtered by state (`store.matrix`), the nominations list
//! (`pages_commendation::nominations_query`), the decisions list
//! (`pages_commendation::decisions_with_status`), the inbox (`store.inbox`), and the report
//! (`store.report`) for figures.

use crate::error::PageError;
use crate::extract::{Caller, Params};
use crate::pages_commendation::{decisions_with_status, nominations_query};
use crate::pages_work::{matrix_filter, own_units};
use crate::permissions::{allows, check, Action, Target};
use crate::reports::today;
use crate::templates::page;
use crate::{AppState, Routes};
use axum::extract::State;
use axum::response::{Html, IntoResponse, Response};
use chrono::Datelike;
use minijinja::context;
use serde::Serialize;
use thidua_domain::access::Role;
use thidua_domain::commendation::{DecisionStatus, NominationStatus};
use thidua_domain::movement::DirectiveStatus;
use thidua_domain::report::Period;
use thidua_store::reports::ReportScope;

pub(crate) fn routes() -> Routes {
    Routes::new().get("/bang-dieu-khien", dashboard_page)
}

/// A number on the dashboard and the list it links to.
#[derive(Debug, Clone, Serialize)]
pub struct Tile {
    pub value: i64,
    pub label: String,
    pub href: String,
    /// Stable id for tests: `overdue-12`, `nominations-sent`, …
    pub key: String,
}

fn tile(
    key: impl Into<String>,
    value: i64,
    label: impl Into<String>,
    href: impl Into<String>,
) -> Tile {
    Tile {
        key: key.into(),
        value,
        label: label.into(),
        href: href.into(),
    }
}

/// The figures of a report as tiles linking to the report's table.
fn figure_tiles(r: &thidua_domain::report::Report, query: &str) -> Vec<Tile> {
    r.total
        .current
        .headline()
        .into_iter()
        .map(|i| {
            tile(
                format!("figure-{}", i.key),
                i.value,
                i.label,
                format!("/bao-cao?{query}#tong-hop"),
            )
        })
        .collect()
}

async fn dashboard_page(State(st): State<AppState>, caller: Caller) -> Result<Response, PageError> {
    check(&caller.viewer, Action::OwnAccount, Target::None)?;
    let viewer = &caller.viewer;
    let Some(p) = viewer.principal() else {
        return Err(crate::error::AppError::forbidden().into());
    };
    let day = today();
    let year = day.year();
    let mut office: Vec<Tile> = Vec::new();
    let mut meetings = Vec::new();
    let mut unit_tiles: Vec<Tile> = Vec::new();
    let mut leader: Vec<Tile> = Vec::new();
    let mut figures: Vec<Tile> = Vec::new();
    let mut figures_of = String::new();
    let mut has_figures = false;

    // The office: what needs action today.
    if allows(viewer, Action::ReviewNominations, Target::None) {
        let (filter, filters) = matrix_filter(&Params::from_query(Some("trang_thai=late")))?;
        for d in st.store.directives(None).await? {
            if d.status != DirectiveStatus::Issued.code() {
                continue;
            }
            let late = st.store.matrix(d.id, &filter, day).await?.rows.len() as i64;
            if late > 0 {
                office.push(tile(
                    format!("overdue-{}", d.id),
                    late,
                    format!("đơn vị quá hạn báo cáo: {}", d.summary),
                    format!("/chi-dao/{}/theo-doi?{filters}", d.id),
                ));
            }
        }
        let sent = NominationStatus::Sent.code();
        let waiting = st
            .store
            .nominations(&nominations_query(viewer, None, Some(sent)))
            .await?
            .len() as i64;
        office.push(tile(
            "nominations-sent",
            waiting,
            "đề nghị khen thưởng chờ tiếp nhận, thẩm định",
            format!("/de-nghi?trang_thai={sent}"),
        ));
        let accepted = NominationStatus::Accepted.code();
        let to_council = st
            .store
            .nominations(&nominations_query(viewer, None, Some(accepted)))
            .await?
            .len() as i64;
        office.push(tile(
            "nominations-accepted",
            to_council,
            "đề nghị đã tiếp nhận, chờ Hội đồng xét",
            format!("/de-nghi?trang_thai={accepted}"),
        ));
        let coming: Vec<_> = st
            .store
            .award_meetings(None)
            .await?
            .into_iter()
            .filter(|m| m.held_on >= day)
            .collect();
        office.push(tile(
            "meetings",
            coming.len() as i64,
            "phiên họp Hội đồng TĐKT sắp tới",
            "/hoi-dong-khen-thuong",
        ));
        meetings = coming;
        for (status, label) in [
            (
                DecisionStatus::Draft,
                "dự thảo quyết định chờ lãnh đạo duyệt, ký",
            ),
            (
                DecisionStatus::Approved,
                "quyết định đã duyệt, chờ đính kèm bản ký để ban hành",
            ),
        ] {
            let n = decisions_with_status(&st, Some(status.code())).await?.len() as i64;
            office.push(tile(
                format!("decisions-{}", status.code()),
                n,
                label,
                format!("/quyet-dinh?trang_thai={}", status.code()),
            ));
        }
    }

    // A unit officer: their unit's work.
    let mine = own_units(&caller);
    if p.has(Role::UnitOfficer) && !mine.is_empty() {
        let items = st.store.inbox(&mine, day).await?;
        let late: usize = items.iter().map(|i| i.late).sum();
        let soon = items
            .iter()
            .filter(|i| {
                i.reported < i.tasks
                    && i.next_due
                        .is_some_and(|d| d >= day && d <= day + chrono::Duration::days(14))
            })
            .count();
        let unread = items.iter().filter(|i| i.read_at.is_none()).count();
        unit_tiles.push(tile(
            "tasks-late",
            late as i64,
            "nhiệm vụ quá hạn báo cáo",
            "/hop-thu",
        ));
        unit_tiles.push(tile(
            "tasks-soon",
            soon as i64,
            "văn bản có nhiệm vụ đến hạn trong 14 ngày",
            "/hop-thu",
        ));
        unit_tiles.push(tile(
            "unread",
            unread as i64,
            "văn bản chỉ đạo chưa đọc",
            "/hop-thu",
        ));
        let returned = NominationStatus::Returned.code();
        let back = st
            .store
            .nominations(&nominations_query(viewer, None, Some(returned)))
            .await?
            .len() as i64;
        unit_tiles.push(tile(
            "nominations-returned",
            back,
            "đề nghị bị trả lại để bổ sung",
            format!("/de-nghi?trang_thai={returned}"),
        ));
    }

    // Figures of this year: the city's (office, leader…), or the officer's unit's.
    let city = allows(viewer, Action::ReadReports, Target::None);
    let unit_scope = if city {
        None
    } else if p.has(Role::UnitOfficer) {
        p.unit_id.or_else(|| mine.iter().next().copied())
    } else {
        None
    };
    if city || unit_scope.is_some() {
        let scope = unit_scope.map_or(ReportScope::City, ReportScope::Unit);
        let r = st.store.report(&Period::year(year), scope, day).await?;
        let query = match unit_scope {
            Some(u) => format!("ky={year}&don_vi={u}"),
            None => format!("ky={year}"),
        };
        has_figures = r.has_data();
        figures_of = format!("{} — {}", r.period.title(), r.subject.name());
        if unit_scope.is_some() {
            let regs = r.total.current.registrations as i64;
            unit_tiles.push(tile(
                "registrations",
                regs,
                format!("đăng ký thi đua năm {year}"),
                format!("/dang-ky?nam={year}"),
            ));
        }
        figures = figure_tiles(&r, &query);
    }

    // The leader: decisions to sign.
    if allows(viewer, Action::ApproveDecisions, Target::None) {
        let draft = DecisionStatus::Draft.code();
        let n = decisions_with_status(&st, Some(draft)).await?.len() as i64;
        leader.push(tile(
            "decisions-to-sign",
            n,
            "dự thảo quyết định khen thưởng chờ duyệt, ký",
            format!("/quyet-dinh?trang_thai={draft}"),
        ));
    }

    let body = page(
        &st,
        &caller,
        "dashboard.html",
        context! {
            title => "Bảng điều khiển", nav => "dashboard",
            office, meetings, unit_tiles, leader, figures, figures_of, has_figures, year,
            today => day,
        },
    )?;
    Ok(Html(body).into_response())
}
