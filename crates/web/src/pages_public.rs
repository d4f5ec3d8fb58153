//! The public honour board (Bảng vàng), without logging in: published award decisions (each line's
//! name, unit, title or form and year, nothing else of a person), published exemplary stories with
//! their photos, and published recognised initiatives (title, authors' names, unit, year);
//! searchable ignoring diacritics, paged, and readable on a phone without JavaScript.
//!
//! Everything comes from the store's board snapshot (`Store::board`), which holds only what was
//! published by an explicit act: a draft, a returned or rejected nomination or a closed unit is not
//! in it, so no address can reach them (404).

use crate::error::{AppError, PageError};
use crate::extract::{parse_id, Caller, Params};
use crate::permissions::{check, Action, Target};
use crate::templates::page;
use crate::{AppState, Routes};
use axum::extract::{Path, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use minijinja::context;

pub(crate) fn routes() -> Routes {
    Routes::new()
        .get("/bang-vang", board_page)
        .get("/bang-vang/quyet-dinh/{id}", decision_page)
        .get("/bang-vang/dien-hinh/{id}", model_page)
        .get("/bang-vang/sang-kien/{id}", initiative_page)
        .get("/bang-vang/anh/{id}", photo)
}

type PageResult = Result<Response, PageError>;

/// How many items a section shows on the board's first page (all sections together).
const PREVIEW: usize = 6;

fn html(body: String) -> Response {
    (StatusCode::OK, Html(body)).into_response()
}

/// The sections of the board, by their address word.
const SECTIONS: [(&str, &str); 3] = [
    ("khen-thuong", "Khen thưởng"),
    ("dien-hinh", "Điển hình tiên tiến"),
    ("sang-kien", "Sáng kiến"),
];

async fn board_page(State(st): State<AppState>, caller: Caller, params: Params) -> PageResult {
    check(&caller.viewer, Action::ReadPublic, Target::None)?;
    let q = params.text("q").unwrap_or_default();
    if q.chars().count() > 200 {
        return Err(AppError::bad_param("q", "Từ khóa dài quá (tối đa 200 ký tự)").into());
    }
    let section = match params.text("muc") {
        None => None,
        Some(m) => Some(
            SECTIONS
                .iter()
                .find(|(code, _)| *code == m)
                .map(|(code, _)| *code)
                .ok_or_else(|| {
                    AppError::bad_param(
                        "muc",
                        "Mục không hợp lệ (khen-thuong, dien-hinh, sang-kien)",
                    )
                })?,
        ),
    };
    let page_no = params.number("trang", 1, 100_000)? as usize;
    let per = if section.is_some() {
        thidua_domain::exemplary::BOARD_PAGE
    } else {
        PREVIEW
    };
    let board = st.store.board().await?;
    let pick = |s: &str| section.is_none() || section == Some(s);
    let page_of = |s: &str| if section == Some(s) { page_no } else { 1 };
    let awards = pick("khen-thuong").then(|| board.awards(&q, page_of("khen-thuong"), per));
    let models = pick("dien-hinh").then(|| board.models(&q, page_of("dien-hinh"), per));
    let initiatives = pick("sang-kien").then(|| board.initiatives(&q, page_of("sang-kien"), per));
    let refs: std::collections::BTreeMap<String, String> = board
        .decisions
        .iter()
        .filter_map(|d| Some((d.id.to_string(), d.reference.clone()?)))
        .collect();
    // Each section's address with the words searched (and "all" for the board's first page).
    let link = |muc: Option<&str>| {
        let mut pairs: Vec<(&str, &str)> = Vec::new();
        if let Some(m) = muc {
            pairs.push(("muc", m));
        }
        if !q.is_empty() {
            pairs.push(("q", q.as_str()));
        }
        let query = serde_urlencoded::to_string(&pairs).unwrap_or_default();
        if query.is_empty() {
            "/bang-vang?".to_owned()
        } else {
            format!("/bang-vang?{query}")
        }
    };
    let mut links: std::collections::BTreeMap<&str, String> = SECTIONS
        .iter()
        .map(|(code, _)| (*code, link(Some(code))))
        .collect();
    links.insert("all", link(None));
    let title = match section {
        Some(s) => format!(
            "Bảng vàng — {}",
            SECTIONS
                .iter()
                .find(|x| x.0 == s)
                .map(|x| x.1)
                .unwrap_or("")
        ),
        None => "Bảng vàng thi đua, khen thưởng".to_owned(),
    };
    Ok(html(page(
        &st,
        &caller,
        "board.html",
        context! {
            title, nav => "board", q, section, page_no,
            awards, models, initiatives, refs, links,
            sections => SECTIONS.to_vec(),
        },
    )?))
}

async fn decision_page(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> PageResult {
    check(&caller.viewer, Action::ReadPublic, Target::None)?;
    let id = parse_id(&id, "quyết định")?;
    let board = st.store.board().await?;
    let (d, lines) = board
        .decision(id)
        .ok_or_else(|| AppError::not_found("quyết định"))?;
    Ok(html(page(
        &st,
        &caller,
        "board_decision.html",
        context! {
            title => d.reference.clone().map(|r| format!("Quyết định số {r}")).unwrap_or_else(|| d.summary.clone()),
            nav => "board", d, lines,
        },
    )?))
}

async fn model_page(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> PageResult {
    check(&caller.viewer, Action::ReadPublic, Target::None)?;
    let id = parse_id(&id, "điển hình")?;
    let board = st.store.board().await?;
    let m = board
        .model(id)
        .ok_or_else(|| AppError::not_found("điển hình"))?;
    let paragraphs: Vec<&str> = m
        .story
        .split('\n')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    Ok(html(page(
        &st,
        &caller,
        "board_model.html",
        context! { title => m.title.clone(), nav => "board", m, paragraphs },
    )?))
}

async fn initiative_page(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> PageResult {
    check(&caller.viewer, Action::ReadPublic, Target::None)?;
    let id = parse_id(&id, "sáng kiến")?;
    let board = st.store.board().await?;
    let i = board
        .initiative(id)
        .ok_or_else(|| AppError::not_found("sáng kiến"))?;
    Ok(html(page(
        &st,
        &caller,
        "board_initiative.html",
        context! { title => i.title.clone(), nav => "board", i },
    )?))
}

/// A photo of a published profile, shown inline (pictures only; anything else is not a photo).
async fn photo(State(st): State<AppState>, caller: Caller, Path(id): Path<String>) -> PageResult {
    check(&caller.viewer, Action::ReadPublic, Target::None)?;
    let id = parse_id(&id, "ảnh")?;
    let board = st.store.board().await?;
    if !board.photo_public(id) {
        return Err(AppError::not_found("ảnh").into());
    }
    let a = st
        .store
        .attachment(id)
        .await?
        .ok_or_else(|| AppError::not_found("ảnh"))?;
    let content_type = match a.content_type.as_str() {
        "image/png" => "image/png",
        "image/jpeg" => "image/jpeg",
        _ => return Err(AppError::not_found("ảnh").into()),
    };
    let bytes = st
        .store
        .files()
        .get(&a.sha256)
        .await
        .map_err(AppError::from)?;
    Ok((
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=3600"),
            ),
        ],
        bytes,
    )
        .into_response())
}
