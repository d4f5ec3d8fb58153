//! The pages of commendation (khen thưởng), in Vietnamese and usable without JavaScript: the yearly
//! ratings grid with a paste-from-Excel box (previewed, then saved) and the year lock, rounds,
//! nominations with the pre-check's failing criteria and their articles, the office's review, the
//! council's meetings and ballots (a member's paper; the tally after the close, never who voted
//! what), and decisions (draft with money per line and total, the leader's approval, the signed
//! scan). Every permission is asked of `permissions`; the work is the store's, as in the API.

use crate::api_commendation::{
    ballot_for, decision_draft, nomination_for, nomination_target, round_of, DecisionIn,
};
use crate::error::{AppError, PageError};
use crate::extract::{parse_id, Caller, Params};
use crate::page_forms::{field, html, problem, redirect, shown};
use crate::permissions::{self, allows, check, check_shown, within, Action, Target};
use crate::templates::page;
use crate::{AppState, Routes};
use axum::extract::{Form, Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use minijinja::context;
use std::collections::BTreeMap;
use thidua_domain::commendation::{Choice, NominationInput, NominationStep, RoundInput};
use thidua_domain::validation::Invalid;
use thidua_store::commendation::{NominationQuery, PersonRating};

pub(crate) fn routes() -> Routes {
    Routes::new()
        .get("/xep-loai", ratings_page)
        .post("/xep-loai", save_ratings)
        .post("/xep-loai/khoa", lock_year)
        .get("/dot-xet", rounds_page)
        .post("/dot-xet", create_round)
        .get("/dot-xet/{id}", round_page)
        .post("/dot-xet/{id}", update_round)
        .post("/dot-xet/{id}/dong", close_round)
        .get("/de-nghi", nominations_page)
        .post("/de-nghi", create_nomination)
        .get("/de-nghi/{id}", nomination_page)
        .post("/de-nghi/{id}/{step}", nomination_step)
        .get("/hoi-dong-khen-thuong", councils_page)
        .post("/hoi-dong-khen-thuong/{id}/phien-hop", create_meeting)
        .get("/phien-hop/{id}", meeting_page)
        .post("/phien-hop/{id}/bo-phieu", open_ballot)
        .post("/phien-hop/{id}/khong-bieu-quyet", recuse_member)
        .get("/bo-phieu/{id}", ballot_page)
        .post("/bo-phieu/{id}", vote)
        .post("/bo-phieu/{id}/dong", close_ballot)
        .get("/quyet-dinh", decisions_page)
        .post("/quyet-dinh", draft_decision)
        .get("/quyet-dinh/{id}", decision_page)
        .get("/quyet-dinh/{id}/quyet-dinh.docx", decision_docx)
        .get("/quyet-dinh/{id}/giay-khen.pdf", decision_certificates)
        .post("/quyet-dinh/{id}/duyet", approve_decision)
        .post("/quyet-dinh/{id}/noi-dung", decision_texts)
        .post_upload("/quyet-dinh/{id}/ban-quet", finalise_decision)
}

type PageResult = Result<Response, PageError>;

fn today() -> chrono::NaiveDate {
    chrono::Utc::now()
        .with_timezone(&thidua_domain::format::vietnam())
        .date_naive()
}

fn status_of(e: &Option<AppError>) -> StatusCode {
    e.as_ref().map(|e| e.status).unwrap_or(StatusCode::OK)
}

// ----- ratings --------------------------------------------------------------------------------

const RATINGS: [thidua_domain::rules::Rating; 4] = [
    thidua_domain::rules::Rating::HoanThanhXuatSac,
    thidua_domain::rules::Rating::HoanThanhTot,
    thidua_domain::rules::Rating::HoanThanh,
    thidua_domain::rules::Rating::KhongHoanThanh,
];

/// Reads pasted rows (tab- or semicolon-separated, from Excel): a person's id, or their name, and a
/// rating given by code or by its Vietnamese name. Answers the ratings found and the lines not
/// understood.
fn parse_paste(
    text: &str,
    grid: &thidua_store::commendation::RatingsGrid,
) -> (BTreeMap<i64, String>, Vec<String>) {
    let folded = |s: &str| thidua_domain::text::fold(s).to_lowercase();
    let ratings: Vec<(String, &'static str)> = RATINGS
        .iter()
        .flat_map(|r| {
            [
                (folded(r.label()), r.code()),
                (r.code().to_owned(), r.code()),
            ]
        })
        .collect();
    let mut found = BTreeMap::new();
    let mut bad = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let cells: Vec<&str> = line
            .split(['\t', ';'])
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .collect();
        let (Some(who), Some(what)) = (cells.first(), cells.last()) else {
            bad.push(line.to_owned());
            continue;
        };
        let person = grid.rows.iter().find(|r| {
            who.parse::<i64>().ok() == Some(r.person_id) || folded(&r.full_name) == folded(who)
        });
        let rating = ratings
            .iter()
            .find(|(k, _)| *k == folded(what))
            .map(|(_, c)| *c);
        match (person, rating, cells.len() >= 2) {
            (Some(p), Some(r), true) => {
                found.insert(p.person_id, r.to_owned());
            }
            _ => bad.push(line.to_owned()),
        }
    }
    (found, bad)
}

#[allow(clippy::too_many_arguments)] // what the grid shows back: typed cells, preview, problems
async fn ratings_view(
    st: &AppState,
    caller: &Caller,
    unit: Option<i64>,
    year: i32,
    typed: BTreeMap<i64, String>,
    preview: bool,
    bad_lines: Vec<String>,
    err: Option<AppError>,
    saved: bool,
) -> PageResult {
    check(&caller.viewer, Action::ReadCommendation, Target::None)?;
    let units: Vec<_> = st
        .store
        .units_all()
        .await?
        .into_iter()
        .filter(|u| u.active && within(&caller.viewer).is_none_or(|w| w.contains(&u.id)))
        .collect();
    let grid = match unit {
        Some(u) => {
            let unit = permissions::unit_for(st, &caller.viewer, u, Action::ReadUnit).await?;
            let can_edit = allows(
                &caller.viewer,
                Action::EditRatings,
                permissions::unit(&unit),
            );
            Some((st.store.ratings_grid(u, year).await?, unit.name, can_edit))
        }
        None => None,
    };
    let codes: Vec<(&str, &str)> = RATINGS.iter().map(|r| (r.code(), r.label())).collect();
    let status = status_of(&err);
    Ok(html(
        status,
        page(
            st,
            caller,
            "commendation_ratings.html",
            context! {
                title => "Xếp loại hằng năm", nav => "ratings", units, unit_id => unit, year,
                grid => grid.as_ref().map(|g| &g.0), unit_name => grid.as_ref().map(|g| g.1.clone()),
                can_edit => grid.as_ref().is_some_and(|g| g.2),
                can_lock => allows(&caller.viewer, Action::LockRatings, Target::None),
                typed, preview, bad_lines, codes, problem => problem(&err), saved,
            },
        )?,
    ))
}

async fn ratings_page(State(st): State<AppState>, caller: Caller, params: Params) -> PageResult {
    let year = match params.text("nam") {
        Some(y) => y
            .parse::<i32>()
            .ok()
            .filter(|y| thidua_domain::commendation::RATING_YEARS.contains(y))
            .ok_or_else(|| AppError::bad_param("nam", "Năm không hợp lệ"))?,
        None => chrono::Datelike::year(&today()),
    };
    let unit = match params.id("don_vi")? {
        Some(u) => Some(u),
        None => caller.viewer.principal().and_then(|p| p.unit_id),
    };
    let saved = params.text("da_luu").is_some();
    ratings_view(
        &st,
        &caller,
        unit,
        year,
        BTreeMap::new(),
        false,
        Vec::new(),
        None,
        saved,
    )
    .await
}

async fn save_ratings(
    State(st): State<AppState>,
    caller: Caller,
    Form(f): Form<Vec<(String, String)>>,
) -> PageResult {
    let unit_id = parse_id(&field(&f, "unit_id"), "đơn vị")?;
    let unit = permissions::unit_for(&st, &caller.viewer, unit_id, Action::EditRatings).await?;
    let year = field(&f, "year")
        .parse::<i32>()
        .map_err(|_| AppError::bad_param("year", "Năm không hợp lệ"))?;
    let mut typed: BTreeMap<i64, String> = f
        .iter()
        .filter_map(|(k, v)| {
            k.strip_prefix("r_")
                .and_then(|id| id.parse::<i64>().ok())
                .map(|id| (id, v.trim().to_owned()))
        })
        .collect();
    let paste = field(&f, "paste");
    if !paste.is_empty() {
        // Pasted rows are shown first, merged over the grid, and saved only with the grid's button.
        let grid = st.store.ratings_grid(unit.id, year).await?;
        let (found, bad) = parse_paste(&paste, &grid);
        typed.extend(found);
        return ratings_view(
            &st,
            &caller,
            Some(unit.id),
            year,
            typed,
            true,
            bad,
            None,
            false,
        )
        .await;
    }
    let rows: Vec<PersonRating> = typed
        .iter()
        .map(|(p, r)| PersonRating {
            person_id: *p,
            rating: r.clone(),
        })
        .collect();
    let unit_rating = field(&f, "unit_rating");
    match st
        .store
        .save_ratings(
            &caller.actor(),
            unit.id,
            year,
            &rows,
            Some(unit_rating.as_str()).filter(|s| !s.is_empty()),
        )
        .await
    {
        Ok(_) => Ok(redirect(&format!(
            "/xep-loai?don_vi={}&nam={year}&da_luu=1",
            unit.id
        ))),
        Err(e) => {
            let e = shown(e.into())?;
            ratings_view(
                &st,
                &caller,
                Some(unit.id),
                year,
                typed,
                false,
                Vec::new(),
                Some(e),
                false,
            )
            .await
        }
    }
}

async fn lock_year(
    State(st): State<AppState>,
    caller: Caller,
    Form(f): Form<Vec<(String, String)>>,
) -> PageResult {
    check(&caller.viewer, Action::LockRatings, Target::None)?;
    let year = field(&f, "year")
        .parse::<i32>()
        .map_err(|_| AppError::bad_param("year", "Năm không hợp lệ"))?;
    st.store.lock_rating_year(&caller.actor(), year).await?;
    Ok(redirect(&format!("/xep-loai?nam={year}")))
}

// ----- rounds ---------------------------------------------------------------------------------

/// Blank rows of the quota grid offered on the round form (more come back when all are used).
const QUOTA_ROWS: usize = 5;

/// The quota grid as typed: (unit, award, count) per row, in the form's order.
fn quota_rows(f: &[(String, String)]) -> Vec<(String, String, String)> {
    let column = |k: &str| -> Vec<String> {
        f.iter()
            .filter(|(n, _)| n == k)
            .map(|(_, v)| v.trim().to_owned())
            .collect()
    };
    let (units, awards, counts) = (
        column("quota_unit"),
        column("quota_award"),
        column("quota_max"),
    );
    let n = units.len().max(awards.len()).max(counts.len());
    let at = |v: &Vec<String>, i: usize| v.get(i).cloned().unwrap_or_default();
    (0..n)
        .map(|i| (at(&units, i), at(&awards, i), at(&counts, i)))
        .collect()
}

/// The quotas of the grid's filled rows; a row with a unit or a count and anything missing or
/// wrong is named by its place (`quotas[2].max`), as the API names them.
fn quotas_of(
    rows: &[(String, String, String)],
    e: &mut Invalid,
) -> Vec<thidua_domain::commendation::Quota> {
    let mut out = Vec::new();
    let mut i = 0;
    for (unit, award, count) in rows {
        // A row with neither unit nor count is blank, whatever its award drop-down says.
        if unit.is_empty() && count.is_empty() {
            continue;
        }
        let unit_id = unit.parse::<i64>().ok().filter(|u| *u > 0);
        let max = count.parse::<u32>().ok();
        if unit_id.is_none() {
            e.add(&format!("quotas[{i}].unit_id"), "Chọn đơn vị của chỉ tiêu");
        }
        if award.is_empty() {
            e.add(
                &format!("quotas[{i}].award"),
                "Chọn danh hiệu, hình thức của chỉ tiêu",
            );
        }
        if max.is_none() {
            e.add(
                &format!("quotas[{i}].max"),
                "Số lượng chỉ tiêu phải là số nguyên không âm",
            );
        }
        if let (Some(unit_id), Some(max)) = (unit_id, max) {
            out.push(thidua_domain::commendation::Quota {
                unit_id,
                award: award.clone(),
                max,
            });
        }
        i += 1;
    }
    out
}

/// The round as the domain checks it, joined to the problems the form found itself (a grid row, a
/// date): valid only when both are clean, and then all the problems are shown at once.
fn validated_round(
    input: &RoundInput,
    tables: &thidua_domain::rules::RuleTables,
    mut e: Invalid,
) -> Result<thidua_domain::commendation::ValidRound, AppError> {
    match input.validate(tables) {
        Ok(valid) if e.is_empty() => Ok(valid),
        Ok(_) => Err(e.into()),
        Err(more) => {
            for (k, v) in more.fields {
                e.add(&k, v);
            }
            Err(e.into())
        }
    }
}

/// The quota grid of a round's form: the filled rows as typed, blank rows to add more, and the
/// units to choose from (a drop-down for a city; a province's thousand units are typed by their id).
async fn quota_grid(
    st: &AppState,
    mut rows: Vec<(String, String, String)>,
) -> Result<
    (
        Vec<(String, String, String)>,
        Option<Vec<thidua_store::directory::UnitChoice>>,
    ),
    AppError,
> {
    rows.retain(|(u, _, c)| !u.is_empty() || !c.is_empty());
    let blank = QUOTA_ROWS.saturating_sub(rows.len()).max(2);
    rows.extend(std::iter::repeat_n(Default::default(), blank));
    Ok((rows, st.store.unit_choices_up_to(None, None, 300).await?))
}

async fn rounds_view(
    st: &AppState,
    caller: &Caller,
    err: Option<AppError>,
    typed: BTreeMap<String, String>,
    quotas: Vec<(String, String, String)>,
    chosen_awards: Vec<String>,
) -> PageResult {
    check(&caller.viewer, Action::ReadCommendation, Target::None)?;
    let (quotas, quota_units) = quota_grid(st, quotas).await?;
    let rounds = st.store.award_rounds().await?;
    let catalogue: Vec<(String, String)> = st
        .store
        .rule_tables()
        .await?
        .catalogue
        .iter()
        .map(|i| (i.code.clone(), i.name.clone()))
        .collect();
    Ok(html(
        status_of(&err),
        page(
            st,
            caller,
            "commendation_rounds.html",
            context! {
                title => "Đợt xét khen thưởng", nav => "rounds", rounds, catalogue, typed,
                quotas, quota_units, chosen_awards,
                can_manage => allows(&caller.viewer, Action::ManageAwardRounds, Target::None),
                can_nominate => allows(&caller.viewer, Action::Nominate, Target::None),
                problem => problem(&err),
            },
        )?,
    ))
}

async fn rounds_page(State(st): State<AppState>, caller: Caller) -> PageResult {
    rounds_view(&st, &caller, None, BTreeMap::new(), Vec::new(), Vec::new()).await
}

async fn create_round(
    State(st): State<AppState>,
    caller: Caller,
    Form(f): Form<Vec<(String, String)>>,
) -> PageResult {
    check(&caller.viewer, Action::ManageAwardRounds, Target::None)?;
    let typed: BTreeMap<String, String> = f.iter().cloned().collect();
    let rows = quota_rows(&f);
    let mut e = Invalid::new();
    let year = field(&f, "year").parse::<i32>().unwrap_or_else(|_| {
        e.add("year", "Năm không hợp lệ");
        0
    });
    let deadline = thidua_domain::format::parse_date(&field(&f, "deadline")).unwrap_or_else(|| {
        e.add("deadline", "Hạn nộp phải là ngày dd/mm/yyyy");
        chrono::NaiveDate::MIN
    });
    let input = RoundInput {
        name: field(&f, "name"),
        kind: field(&f, "kind"),
        year,
        deadline,
        awards: f
            .iter()
            .filter(|(k, v)| k == "awards" && !v.is_empty())
            .map(|(_, v)| v.clone())
            .collect(),
        quotas: quotas_of(&rows, &mut e),
        ..Default::default()
    };
    let input_awards = input.awards.clone();
    let tables = st.store.rule_tables().await?;
    let result = match validated_round(&input, &tables, e) {
        Ok(v) => st
            .store
            .create_round(&caller.actor(), v)
            .await
            .map_err(AppError::from),
        Err(e) => Err(e),
    };
    match result {
        Ok(r) => Ok(redirect(&format!("/dot-xet/{}", r.round.id))),
        Err(err) => {
            let chosen = input_awards;
            rounds_view(&st, &caller, Some(shown(err)?), typed, rows, chosen).await
        }
    }
}

/// A round's own page: what it considers, its nominations by state (each a link to the list),
/// the quotas of the units and their use, its council meetings and decisions; for the office, the
/// change of its name and deadline and its closing.
async fn round_page(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> PageResult {
    let id = parse_id(&id, "đợt xét")?;
    round_view(&st, &caller, id, None, None, None).await
}

async fn round_view(
    st: &AppState,
    caller: &Caller,
    id: i64,
    err: Option<AppError>,
    typed: Option<BTreeMap<String, String>>,
    quota_rows: Option<Vec<(String, String, String)>>,
) -> PageResult {
    check(&caller.viewer, Action::ReadCommendation, Target::None)?;
    let within = within(&caller.viewer);
    let o = st
        .store
        .round_overview(id, within.as_deref())
        .await?
        .ok_or_else(|| AppError::not_found("đợt xét"))?;
    let tables = st.store.rule_tables().await?;
    let award_name = |code: &str| {
        tables
            .item(code)
            .map(|i| i.name.clone())
            .unwrap_or_else(|| code.to_owned())
    };
    let councils: BTreeMap<i64, String> = st
        .store
        .award_councils()
        .await?
        .into_iter()
        .map(|c| (c.id, c.name))
        .collect();
    let round = &o.detail.round;
    let typed = typed.unwrap_or_else(|| {
        BTreeMap::from([
            ("name".to_owned(), round.name.clone()),
            (
                "deadline".to_owned(),
                thidua_domain::format::date_vn(round.deadline),
            ),
        ])
    });
    let open = round.status == thidua_domain::commendation::RoundStatus::Open.code();
    let can_manage = allows(&caller.viewer, Action::ManageAwardRounds, Target::None);
    // The edit form's quota grid (the office only): as typed, or the round's quotas; its awards
    // are the round's own.
    let (grid, quota_units) = if can_manage {
        let rows = quota_rows.unwrap_or_else(|| {
            o.detail
                .quotas
                .iter()
                .map(|q| {
                    (
                        q.unit_id.to_string(),
                        q.award.clone(),
                        q.max_count.to_string(),
                    )
                })
                .collect()
        });
        quota_grid(st, rows).await?
    } else {
        (Vec::new(), None)
    };
    let round_awards: Vec<(String, String)> = o
        .detail
        .awards
        .iter()
        .map(|a| (a.clone(), award_name(a)))
        .collect();
    Ok(html(
        status_of(&err),
        page(
            st,
            caller,
            "commendation_round.html",
            context! {
                title => round.name.clone(), nav => "rounds", round, open, typed,
                quota_grid => grid, quota_units, round_awards,
                kind => thidua_domain::commendation::RoundKind::from_code(&round.kind)
                    .map(|k| k.label()),
                awards => o.detail.awards.iter().map(|a| award_name(a)).collect::<Vec<_>>(),
                by_status => o.by_status.iter()
                    .map(|(s, n)| context! { code => s.code(), label => s.label(), count => n })
                    .collect::<Vec<_>>(),
                nominations => o.by_status.iter().map(|(_, n)| n).sum::<u64>(),
                quotas => o.quotas.iter()
                    .map(|q| context! {
                        unit_id => q.unit_id, unit_name => q.unit_name, award => award_name(&q.award),
                        max => q.quota.max, used => q.quota.used, full => q.quota.remaining() == 0,
                        over => q.quota.used.saturating_sub(q.quota.max),
                    })
                    .collect::<Vec<_>>(),
                meetings => o.meetings.iter()
                    .map(|m| context! {
                        id => m.id, held_on => m.held_on, place => m.place,
                        council => councils.get(&m.council_id),
                    })
                    .collect::<Vec<_>>(),
                decisions => o.decisions,
                scoped => within.is_some(),
                can_manage,
                can_nominate => allows(&caller.viewer, Action::Nominate, Target::None),
                problem => problem(&err),
            },
        )?,
    ))
}

/// "Lưu": a round's new name, deadline and quotas (its awards stay: a round considering other
/// awards is a new round). A change made meanwhile by someone else is shown with what was typed
/// kept, to be saved again on purpose.
async fn update_round(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Form(f): Form<Vec<(String, String)>>,
) -> PageResult {
    check(&caller.viewer, Action::ReadCommendation, Target::None)?;
    let current = round_of(&st, &id).await?;
    let id = current.round.id;
    check_shown(&caller.viewer, Action::ManageAwardRounds, Target::None)?;
    let typed: BTreeMap<String, String> = f.iter().cloned().collect();
    let rows = quota_rows(&f);
    let result: Result<(), AppError> = async {
        let mut e = Invalid::new();
        let deadline =
            thidua_domain::format::parse_date(&field(&f, "deadline")).unwrap_or_else(|| {
                e.add("deadline", "Hạn nộp phải là ngày dd/mm/yyyy");
                chrono::NaiveDate::MIN
            });
        let r = &current.round;
        let input = RoundInput {
            name: field(&f, "name"),
            kind: r.kind.clone(),
            year: r.year,
            movement_id: r.movement_id,
            document_id: r.document_id,
            deadline,
            awards: current.awards.clone(),
            quotas: quotas_of(&rows, &mut e),
        };
        let tables = st.store.rule_tables().await?;
        let valid = validated_round(&input, &tables, e)?;
        let version = field(&f, "version").parse::<i32>().unwrap_or(r.version);
        st.store
            .update_round(&caller.actor(), id, version, valid)
            .await?;
        Ok(())
    }
    .await;
    match result {
        Ok(()) => Ok(redirect(&format!("/dot-xet/{id}"))),
        Err(e) => round_view(&st, &caller, id, Some(shown(e)?), Some(typed), Some(rows)).await,
    }
}

/// "Kết thúc nhận đề nghị": the round takes no more nominations.
async fn close_round(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> PageResult {
    check(&caller.viewer, Action::ReadCommendation, Target::None)?;
    let id = round_of(&st, &id).await?.round.id;
    check_shown(&caller.viewer, Action::ManageAwardRounds, Target::None)?;
    // Closed already (a second click, another tab): the store changes nothing.
    st.store.close_award_round(&caller.actor(), id).await?;
    Ok(redirect(&format!("/dot-xet/{id}")))
}

// ----- nominations ----------------------------------------------------------------------------

/// The query of the nominations list: a round (every round: `None`), a status (`trang_thai`), in the
/// viewer's scope. The dashboard counts with this same query, so its numbers are the list's length.
pub(crate) fn nominations_query(
    viewer: &permissions::Viewer,
    round: Option<i64>,
    status: Option<&str>,
) -> NominationQuery {
    NominationQuery {
        round_id: round,
        status: status.map(str::to_owned),
        within: within(viewer),
    }
}

/// How many people or units a search of the nomination form lists.
const PICKS: u64 = 20;

/// What the nomination form's searches found: people and units in the nominating unit's scope
/// whose name matches what was typed (diacritics ignored), and the one already chosen.
#[derive(Default, serde::Serialize)]
struct Picks {
    people: Vec<thidua_store::directory::PersonItem>,
    people_total: u64,
    units: Vec<thidua_store::directory::UnitChoice>,
    /// A search was made (an empty result says "nobody found").
    searched_people: bool,
    searched_units: bool,
}

/// The units a nomination by `unit` may name: the unit and every unit under it; without a
/// nominating unit (the office, see `permissions::nominating_unit`), the viewer's whole scope.
async fn nomination_scope(
    st: &AppState,
    caller: &Caller,
    unit: Option<i64>,
) -> Result<Option<std::sync::Arc<std::collections::BTreeSet<i64>>>, AppError> {
    let mine = match unit {
        Some(u) => Some(st.store.unit_and_below(u).await?),
        None => None,
    };
    Ok(match (mine, within(&caller.viewer)) {
        (Some(m), Some(w)) => Some(std::sync::Arc::new(m.intersection(&w).copied().collect())),
        (Some(m), None) => Some(std::sync::Arc::new(m)),
        (None, w) => w,
    })
}

/// Searches people and units for the nomination form (`tim_nguoi`, `tim_don_vi`), and keeps the
/// chosen person or unit (`person_id`, `subject_unit_id`) listed, checked.
async fn nomination_picks(
    st: &AppState,
    caller: &Caller,
    typed: &BTreeMap<String, String>,
) -> Result<Picks, AppError> {
    let text = |k: &str| {
        typed
            .get(k)
            .map(|v| v.trim().to_owned())
            .unwrap_or_default()
    };
    let id = |k: &str| text(k).parse::<i64>().ok().filter(|v| *v > 0);
    let unit = crate::permissions::nominating_unit(&caller.viewer, id("unit_id"));
    let (q_people, q_units) = (text("tim_nguoi"), text("tim_don_vi"));
    let chosen_person = id("person_id");
    let chosen_unit = id("subject_unit_id");
    let mut picks = Picks::default();
    if q_people.is_empty() && q_units.is_empty() && chosen_person.is_none() && chosen_unit.is_none()
    {
        return Ok(picks);
    }
    let scope = nomination_scope(st, caller, unit).await?;
    if !q_people.is_empty() {
        let found = st
            .store
            .people_search(&thidua_store::directory::PeopleQuery {
                q: Some(q_people),
                within: scope.clone(),
                page: 1,
                per_page: PICKS,
                ..Default::default()
            })
            .await?;
        picks.people = found.items;
        picks.people_total = found.total;
        picks.searched_people = true;
    }
    if let Some(p) = chosen_person.filter(|p| !picks.people.iter().any(|x| x.id == *p)) {
        if let Some(person) = st.store.person(p).await? {
            if scope.as_ref().is_none_or(|s| s.contains(&person.unit_id)) {
                picks.people.insert(0, person);
            }
        }
    }
    if !q_units.is_empty() || chosen_unit.is_some() {
        let words: Vec<String> = thidua_domain::text::fold(&q_units)
            .to_lowercase()
            .split_whitespace()
            .map(str::to_owned)
            .collect();
        let mut units: Vec<_> = st
            .store
            .units_all()
            .await?
            .into_iter()
            .filter(|u| scope.as_ref().is_none_or(|s| s.contains(&u.id)))
            .filter(|u| {
                let name = thidua_domain::text::fold(&u.name).to_lowercase();
                (u.active && !words.is_empty() && words.iter().all(|w| name.contains(w.as_str())))
                    || Some(u.id) == chosen_unit
            })
            .map(|u| thidua_store::directory::UnitChoice {
                id: u.id,
                name: u.name,
            })
            .collect();
        units.sort_by_key(|u| {
            (
                Some(u.id) != chosen_unit,
                thidua_domain::text::sort_key(&u.name),
            )
        });
        units.truncate(PICKS as usize);
        picks.units = units;
        picks.searched_units = !q_units.is_empty();
    }
    Ok(picks)
}

async fn nominations_view(
    st: &AppState,
    caller: &Caller,
    round: Option<i64>,
    err: Option<AppError>,
    typed: BTreeMap<String, String>,
) -> PageResult {
    nominations_filtered(st, caller, round, None, err, typed).await
}

async fn nominations_filtered(
    st: &AppState,
    caller: &Caller,
    round: Option<i64>,
    status: Option<thidua_domain::commendation::NominationStatus>,
    err: Option<AppError>,
    typed: BTreeMap<String, String>,
) -> PageResult {
    check(&caller.viewer, Action::ReadCommendation, Target::None)?;
    let picks = if allows(&caller.viewer, Action::Nominate, Target::None) {
        nomination_picks(st, caller, &typed).await?
    } else {
        Picks::default()
    };
    let rounds = st.store.award_rounds().await?;
    // Filtered by status without a round: every round (the dashboard's links).
    let round = if status.is_some() {
        round
    } else {
        round.or_else(|| rounds.iter().find(|r| r.status == "open").map(|r| r.id))
    };
    let items = st
        .store
        .nominations(&nominations_query(
            &caller.viewer,
            round,
            status.map(|s| s.code()),
        ))
        .await?;
    let detail = match round {
        Some(r) => st.store.award_round(r).await?,
        None => None,
    };
    let my_unit = caller.viewer.principal().and_then(|p| p.unit_id);
    let quotas = match (round, my_unit) {
        (Some(r), Some(u)) => st.store.quota_use(r, u).await?,
        _ => Vec::new(),
    };
    let tables = st.store.rule_tables().await?;
    let awards: Vec<(String, String)> = detail
        .as_ref()
        .map(|d| {
            d.awards
                .iter()
                .map(|a| {
                    (
                        a.clone(),
                        tables.item(a).map(|i| i.name.clone()).unwrap_or_default(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    Ok(html(
        status_of(&err),
        page(
            st,
            caller,
            "commendation_nominations.html",
            context! {
                title => "Đề nghị khen thưởng", nav => "nominations", rounds, round_id => round,
                status => status.map(|s| s.code()),
                statuses => thidua_domain::commendation::NominationStatus::ALL
                    .iter()
                    .map(|s| (s.code(), s.label()))
                    .collect::<Vec<_>>(),
                round => detail.map(|d| d.round), items, quotas, awards, typed, picks,
                award_names => tables.catalogue.iter().map(|i| (i.code.clone(), i.name.clone())).collect::<BTreeMap<_, _>>(),
                can_nominate => allows(&caller.viewer, Action::Nominate, Target::None),
                problem => problem(&err),
            },
        )?,
    ))
}

async fn nominations_page(
    State(st): State<AppState>,
    caller: Caller,
    params: Params,
) -> PageResult {
    let round = params.id("dot")?;
    let status = match params.text("trang_thai") {
        None => None,
        Some(c) => Some(
            thidua_domain::commendation::NominationStatus::from_code(&c)
                .ok_or_else(|| AppError::bad_param("trang_thai", "Trạng thái không hợp lệ"))?,
        ),
    };
    nominations_filtered(&st, &caller, round, status, None, BTreeMap::new()).await
}

async fn create_nomination(
    State(st): State<AppState>,
    caller: Caller,
    Form(f): Form<Vec<(String, String)>>,
) -> PageResult {
    check(&caller.viewer, Action::Nominate, Target::None)?;
    let typed: BTreeMap<String, String> = f.iter().cloned().collect();
    let round_id = field(&f, "round_id").parse::<i64>().unwrap_or(0);
    if !field(&f, "tim").is_empty() {
        // "Tìm": the form again with what the searches found; nothing is created.
        return nominations_view(&st, &caller, Some(round_id).filter(|r| *r > 0), None, typed)
            .await;
    }
    let id = |k: &str| field(&f, k).parse::<i64>().ok().filter(|v| *v > 0);
    let unit_id = crate::permissions::nominating_unit(&caller.viewer, id("unit_id"));
    let result: Result<i64, AppError> = async {
        let round = st
            .store
            .award_round(round_id)
            .await?
            .ok_or_else(|| Invalid::field("round_id", "Chọn đợt xét"))?;
        let tables = st.store.rule_tables().await?;
        let subject = if id("subject_unit_id").is_some() {
            "collective"
        } else {
            "individual"
        };
        let valid = NominationInput {
            round_id,
            subject: subject.into(),
            person_id: id("person_id"),
            subject_unit_id: id("subject_unit_id"),
            unit_id,
            award: field(&f, "award"),
            summary: field(&f, "summary"),
        }
        .validate(&tables, &round.awards)?;
        crate::api_commendation::check_nominating(&st, &caller.viewer, &valid).await?;
        let n = st
            .store
            .create_nomination(&caller.actor(), valid, today())
            .await?;
        Ok(n.row.nomination.id)
    }
    .await;
    match result {
        Ok(id) => Ok(redirect(&format!("/de-nghi/{id}"))),
        Err(e) => {
            nominations_view(
                &st,
                &caller,
                Some(round_id).filter(|r| *r > 0),
                Some(shown(e)?),
                typed,
            )
            .await
        }
    }
}

async fn nomination_view(
    st: &AppState,
    caller: &Caller,
    id: i64,
    err: Option<AppError>,
) -> PageResult {
    let n = nomination_for(st, &caller.viewer, id).await?;
    let target = nomination_target(&n.row.nomination);
    let failing: Vec<serde_json::Value> = n
        .verdict
        .as_ref()
        .and_then(|v| v["criteria"].as_array().cloned())
        .unwrap_or_default()
        .into_iter()
        .filter(|c| c["met"] == serde_json::Value::Bool(false))
        .collect();
    let editable_unit = Target::Record {
        unit_id: Some(n.row.nomination.unit_id),
        author_person_id: None,
        finished: false,
    };
    let status = n.row.nomination.status.clone();
    let can_send = allows(&caller.viewer, Action::Nominate, target)
        && matches!(status.as_str(), "draft" | "returned");
    let can_review =
        allows(&caller.viewer, Action::ReviewNominations, editable_unit) && status == "sent";
    Ok(html(
        status_of(&err),
        page(
            st,
            caller,
            "commendation_nomination.html",
            context! {
                title => format!("Đề nghị khen thưởng: {}", n.row.subject_name), nav => "nominations",
                n, failing, can_send, can_review, problem => problem(&err),
                status_label => thidua_domain::commendation::NominationStatus::from_code(&status).map(|s| s.label()),
            },
        )?,
    ))
}

async fn nomination_page(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> PageResult {
    let id = parse_id(&id, "đề nghị")?;
    nomination_view(&st, &caller, id, None).await
}

async fn nomination_step(
    State(st): State<AppState>,
    caller: Caller,
    Path((id, step)): Path<(String, String)>,
    Form(f): Form<Vec<(String, String)>>,
) -> PageResult {
    let id = parse_id(&id, "đề nghị")?;
    let step = match step.as_str() {
        "gui" => NominationStep::Send,
        "tiep-nhan" => NominationStep::Accept,
        "tra-lai" => NominationStep::Return,
        "khong-tiep-nhan" => NominationStep::Reject,
        _ => return Err(AppError::not_found("trang này").into()),
    };
    let n = nomination_for(&st, &caller.viewer, id).await?;
    let unit = Target::Record {
        unit_id: Some(n.row.nomination.unit_id),
        author_person_id: None,
        finished: false,
    };
    match step {
        NominationStep::Send => check_shown(&caller.viewer, Action::Nominate, unit)?,
        _ => check_shown(&caller.viewer, Action::ReviewNominations, unit)?,
    }
    match st
        .store
        .nomination_step(&caller.actor(), id, step, &field(&f, "comment"))
        .await
    {
        Ok(_) => Ok(redirect(&format!("/de-nghi/{id}"))),
        Err(e) => nomination_view(&st, &caller, id, Some(shown(e.into())?)).await,
    }
}

// ----- councils, meetings, ballots ------------------------------------------------------------

async fn councils_page(State(st): State<AppState>, caller: Caller) -> PageResult {
    check(&caller.viewer, Action::ReadCommendation, Target::None)?;
    let mut councils = Vec::new();
    for c in st.store.award_councils().await? {
        let detail = st.store.award_council(c.id).await?;
        let meetings = st.store.award_meetings(Some(c.id)).await?;
        councils.push(context! { c, detail, meetings });
    }
    let rounds = st.store.award_rounds().await?;
    let open_ballots = match caller.user_id() {
        Some(u) => st.store.open_ballots_for(u).await?,
        None => Vec::new(),
    };
    Ok(html(
        StatusCode::OK,
        page(
            &st,
            &caller,
            "commendation_councils.html",
            context! {
                title => "Hội đồng Thi đua – Khen thưởng", nav => "award_councils", councils, rounds, open_ballots,
                can_manage => allows(&caller.viewer, Action::ManageAwardCouncils, Target::None),
            },
        )?,
    ))
}

async fn create_meeting(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Form(f): Form<Vec<(String, String)>>,
) -> PageResult {
    check(&caller.viewer, Action::ReadCommendation, Target::None)?;
    let id = parse_id(&id, "hội đồng")?;
    st.store
        .award_council(id)
        .await?
        .ok_or_else(|| AppError::not_found("hội đồng"))?;
    check_shown(&caller.viewer, Action::ManageAwardCouncils, Target::None)?;
    let round = field(&f, "round_id").parse::<i64>().unwrap_or(0);
    let held_on = thidua_domain::format::parse_date(&field(&f, "held_on"))
        .ok_or_else(|| Invalid::field("held_on", "Ngày họp phải là ngày dd/mm/yyyy"))?;
    let m = st
        .store
        .create_meeting(&caller.actor(), id, round, held_on, &field(&f, "place"))
        .await?;
    Ok(redirect(&format!("/phien-hop/{}", m.meeting.id)))
}

async fn meeting_page(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> PageResult {
    let id = parse_id(&id, "phiên họp")?;
    meeting_view(&st, &caller, id, None, BTreeMap::new()).await
}

async fn meeting_view(
    st: &AppState,
    caller: &Caller,
    id: i64,
    err: Option<AppError>,
    typed: BTreeMap<String, String>,
) -> PageResult {
    check(&caller.viewer, Action::ReadCommendation, Target::None)?;
    let m = st
        .store
        .meeting(id)
        .await?
        .ok_or_else(|| AppError::not_found("phiên họp"))?;
    // The minutes (biên bản) once every ballot is closed, for those who may see the tallies.
    let member = caller.viewer.principal().is_some_and(|p| {
        m.members.iter().any(|x| {
            x.user_id == Some(p.user_id) || x.username.as_deref() == Some(p.username.as_str())
        })
    });
    let minutes_ready = !m.ballots.is_empty()
        && m.ballots.iter().all(|b| b.status == "closed")
        && allows(
            &caller.viewer,
            Action::ReadBallot,
            Target::Ballot { member },
        );
    // Recusals by name: the member and the item's subject.
    let recusals: Vec<_> = m
        .recusals
        .iter()
        .map(|r| {
            let member = m.members.iter().find(|x| x.id == r.member_id);
            let item = m.items.iter().find(|n| n.nomination.id == r.nomination_id);
            context! {
                member => member.map(|x| x.name.clone()).unwrap_or_else(|| format!("Thành viên số {}", r.member_id)),
                subject => item.map(|n| format!("{} — {}", n.subject_name, n.award_name)).unwrap_or_else(|| format!("Đề nghị số {}", r.nomination_id)),
                reason => r.reason.clone(),
            }
        })
        .collect();
    let ballot_open = m.ballots.iter().any(|b| b.status == "open");
    Ok(html(
        status_of(&err),
        page(
            st,
            caller,
            "commendation_meeting.html",
            context! {
                title => format!("Phiên họp ngày {}", thidua_domain::format::date_vn(m.meeting.held_on)),
                nav => "award_councils", m, minutes_ready, recusals, ballot_open, typed, problem => problem(&err),
                can_manage => allows(&caller.viewer, Action::ManageAwardCouncils, Target::None),
            },
        )?,
    ))
}

/// The office records that a member does not vote on an item (a declared conflict of interest),
/// with the reason; before a ballot opens. A nominee who is a member is recused automatically.
async fn recuse_member(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Form(f): Form<Vec<(String, String)>>,
) -> PageResult {
    check(&caller.viewer, Action::ReadCommendation, Target::None)?;
    let id = parse_id(&id, "phiên họp")?;
    st.store
        .meeting(id)
        .await?
        .ok_or_else(|| AppError::not_found("phiên họp"))?;
    check_shown(&caller.viewer, Action::ManageAwardCouncils, Target::None)?;
    let typed: BTreeMap<String, String> = f.iter().cloned().collect();
    let mut e = Invalid::new();
    let member = field(&f, "member_id").parse::<i64>().unwrap_or_else(|_| {
        e.add("member_id", "Chọn thành viên");
        0
    });
    let nomination = field(&f, "nomination_id")
        .parse::<i64>()
        .unwrap_or_else(|_| {
            e.add("nomination_id", "Chọn đề nghị trong chương trình họp");
            0
        });
    let result = match e.or_ok(()) {
        Ok(()) => st
            .store
            .recuse(
                &caller.actor(),
                id,
                member,
                nomination,
                &field(&f, "reason"),
            )
            .await
            .map_err(AppError::from),
        Err(e) => Err(e.into()),
    };
    match result {
        Ok(()) => Ok(redirect(&format!("/phien-hop/{id}"))),
        Err(e) => meeting_view(&st, &caller, id, Some(shown(e)?), typed).await,
    }
}

async fn open_ballot(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> PageResult {
    check(&caller.viewer, Action::ReadCommendation, Target::None)?;
    let id = parse_id(&id, "phiên họp")?;
    st.store
        .meeting(id)
        .await?
        .ok_or_else(|| AppError::not_found("phiên họp"))?;
    check_shown(&caller.viewer, Action::ManageAwardCouncils, Target::None)?;
    let b = st.store.open_ballot(&caller.actor(), id).await?;
    Ok(redirect(&format!("/bo-phieu/{}", b.id)))
}

async fn ballot_view(
    st: &AppState,
    caller: &Caller,
    id: i64,
    err: Option<AppError>,
    done: bool,
) -> PageResult {
    let v = ballot_for(st, caller, id).await?;
    let can_vote = allows(
        &caller.viewer,
        Action::Vote,
        Target::Ballot { member: v.member },
    ) && v.ballot.status == "open"
        && !v.voted;
    Ok(html(
        status_of(&err),
        page(
            st,
            caller,
            "commendation_ballot.html",
            context! {
                title => "Phiếu biểu quyết", nav => "award_councils", v, can_vote, done,
                can_close => allows(&caller.viewer, Action::ManageAwardCouncils, Target::None) && v.ballot.status == "open",
                problem => problem(&err),
            },
        )?,
    ))
}

async fn ballot_page(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    params: Params,
) -> PageResult {
    let id = parse_id(&id, "lượt bỏ phiếu")?;
    ballot_view(&st, &caller, id, None, params.text("da_bo").is_some()).await
}

async fn vote(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Form(f): Form<Vec<(String, String)>>,
) -> PageResult {
    let id = parse_id(&id, "lượt bỏ phiếu")?;
    let v = ballot_for(&st, &caller, id).await?;
    check_shown(
        &caller.viewer,
        Action::Vote,
        Target::Ballot { member: v.member },
    )?;
    let mut e = Invalid::new();
    let mut choices = Vec::new();
    // A closed ballot is refused by the store with its own message, before any missing choice.
    let open = v.ballot.status == "open";
    for item in v.items.iter().filter(|i| !i.recused && open) {
        let key = format!("c_{}", item.nomination_id);
        match Choice::from_code(&field(&f, &key)) {
            Some(c) => choices.push((item.nomination_id, c)),
            None => e.add(&key, format!("Chọn ý kiến cho {}", item.subject_name)),
        }
    }
    let result = match e.or_ok(()) {
        Ok(()) => match caller.user_id() {
            Some(u) => st
                .store
                .cast_vote(&caller.actor(), id, u, &choices)
                .await
                .map_err(AppError::from),
            None => Err(AppError::forbidden()),
        },
        Err(e) => Err(e.into()),
    };
    match result {
        Ok(()) => Ok(redirect(&format!("/bo-phieu/{id}?da_bo=1"))),
        Err(e) => ballot_view(&st, &caller, id, Some(shown(e)?), false).await,
    }
}

async fn close_ballot(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> PageResult {
    let id = parse_id(&id, "lượt bỏ phiếu")?;
    ballot_for(&st, &caller, id).await?;
    check_shown(&caller.viewer, Action::ManageAwardCouncils, Target::None)?;
    match st.store.close_ballot(&caller.actor(), id).await {
        Ok(()) => Ok(redirect(&format!("/bo-phieu/{id}"))),
        Err(e) => ballot_view(&st, &caller, id, Some(shown(e.into())?), false).await,
    }
}

// ----- decisions ------------------------------------------------------------------------------

/// The decisions the list shows: every one, or those of one status (`trang_thai`). The dashboard
/// counts with this same function.
pub(crate) async fn decisions_with_status(
    st: &AppState,
    status: Option<&str>,
) -> Result<Vec<thidua_store::entity::award_decisions::Model>, AppError> {
    Ok(st
        .store
        .award_decisions(None)
        .await?
        .into_iter()
        .filter(|d| status.is_none_or(|s| d.status == s))
        .collect())
}

async fn decisions_view(st: &AppState, caller: &Caller, err: Option<AppError>) -> PageResult {
    decisions_filtered(st, caller, None, err).await
}

async fn decisions_filtered(
    st: &AppState,
    caller: &Caller,
    status: Option<thidua_domain::commendation::DecisionStatus>,
    err: Option<AppError>,
) -> PageResult {
    check(&caller.viewer, Action::ReadCommendation, Target::None)?;
    let decisions = decisions_with_status(st, status.map(|s| s.code())).await?;
    let rounds = st.store.award_rounds().await?;
    Ok(html(
        status_of(&err),
        page(
            st,
            caller,
            "commendation_decisions.html",
            context! {
                title => "Quyết định khen thưởng", nav => "decisions", decisions, rounds,
                status => status.map(|s| s.code()),
                statuses => thidua_domain::commendation::DecisionStatus::ALL
                    .iter()
                    .map(|s| (s.code(), s.label()))
                    .collect::<Vec<_>>(),
                can_draft => allows(&caller.viewer, Action::DraftDecisions, Target::None),
                problem => problem(&err),
            },
        )?,
    ))
}

async fn decisions_page(State(st): State<AppState>, caller: Caller, params: Params) -> PageResult {
    let status = match params.text("trang_thai") {
        None => None,
        Some(c) => Some(
            thidua_domain::commendation::DecisionStatus::from_code(&c)
                .ok_or_else(|| AppError::bad_param("trang_thai", "Trạng thái không hợp lệ"))?,
        ),
    };
    decisions_filtered(&st, &caller, status, None).await
}

async fn draft_decision(
    State(st): State<AppState>,
    caller: Caller,
    Form(f): Form<Vec<(String, String)>>,
) -> PageResult {
    check(&caller.viewer, Action::DraftDecisions, Target::None)?;
    let body = DecisionIn {
        round_id: field(&f, "round_id").parse().unwrap_or(0),
        summary: field(&f, "summary"),
        symbol: None,
        issuer: None,
        signer: Some(field(&f, "signer")),
        planned_on: thidua_domain::format::parse_date(&field(&f, "planned_on")),
    };
    match st
        .store
        .draft_decision(&caller.actor(), decision_draft(body))
        .await
    {
        Ok(d) => Ok(redirect(&format!("/quyet-dinh/{}", d.decision.id))),
        Err(e) => decisions_view(&st, &caller, Some(shown(e.into())?)).await,
    }
}

async fn decision_view(
    st: &AppState,
    caller: &Caller,
    id: i64,
    err: Option<AppError>,
) -> PageResult {
    decision_view_typed(st, caller, id, err, None).await
}

/// The decision's page; `typed` holds the texts form as sent when it was refused.
async fn decision_view_typed(
    st: &AppState,
    caller: &Caller,
    id: i64,
    err: Option<AppError>,
    typed: Option<BTreeMap<String, String>>,
) -> PageResult {
    check(&caller.viewer, Action::ReadCommendation, Target::None)?;
    let d = st
        .store
        .award_decision(id)
        .await?
        .ok_or_else(|| AppError::not_found("quyết định"))?;
    let status = d.decision.status.clone();
    let publication = st.store.decision_publication(id).await?;
    let texts = d.texts();
    // The lines keep the catalogue's codes; the page names them.
    let tables = st.store.rule_tables().await?;
    let award_names: BTreeMap<String, String> = d
        .lines
        .iter()
        .map(|l| {
            let name = tables.item(&l.award).map(|i| i.name.clone());
            (l.award.clone(), name.unwrap_or_else(|| l.award.clone()))
        })
        .collect();
    Ok(html(
        status_of(&err),
        page(
            st,
            caller,
            "commendation_decision.html",
            context! {
                title => d.decision.reference.clone().unwrap_or_else(|| "Dự thảo quyết định".into()),
                nav => "decisions", award_names, d,
                can_approve => allows(&caller.viewer, Action::ApproveDecisions, Target::None) && status == "draft",
                can_finalise => allows(&caller.viewer, Action::DraftDecisions, Target::None) && status == "approved",
                can_publish => allows(&caller.viewer, Action::PublishBoard, Target::None) && status == "final",
                publication,
                can_edit_texts => allows(&caller.viewer, Action::DraftDecisions, Target::None) && status == "draft",
                texts => typed.unwrap_or_else(|| texts_form(&texts)), signer => texts.signer,
                today => thidua_domain::format::date_vn(today()),
                problem => problem(&err),
            },
        )?,
    ))
}

async fn decision_page(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> PageResult {
    let id = parse_id(&id, "quyết định")?;
    decision_view(&st, &caller, id, None).await
}

/// The texts form's fields from the decision's texts.
fn texts_form(t: &thidua_domain::commendation::DecisionTexts) -> BTreeMap<String, String> {
    BTreeMap::from([
        ("bases".to_owned(), t.bases.join("\n")),
        ("funding".to_owned(), t.funding.clone()),
        ("executors".to_owned(), t.executors.clone()),
        ("signer_name".to_owned(), t.signer.name.clone()),
        ("signer_title".to_owned(), t.signer.title.clone()),
        ("signer_authority".to_owned(), t.signer.authority.clone()),
    ])
}

/// The office edits a draft decision's texts: legal bases, Articles 2 and 3, the signer. An
/// approved or final decision is refused (409) whatever is sent.
async fn decision_texts(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Form(f): Form<Vec<(String, String)>>,
) -> PageResult {
    check(&caller.viewer, Action::ReadCommendation, Target::None)?;
    let id = parse_id(&id, "quyết định")?;
    let d = st
        .store
        .award_decision(id)
        .await?
        .ok_or_else(|| AppError::not_found("quyết định"))?;
    check_shown(&caller.viewer, Action::DraftDecisions, Target::None)?;
    let typed: BTreeMap<String, String> = f.iter().cloned().collect();
    let status = thidua_domain::commendation::DecisionStatus::from_code(&d.decision.status);
    let result: Result<(), AppError> = match status.and_then(|s| s.edit_problem()) {
        Some(problem) => Err(thidua_store::StoreError::Conflict {
            field: Some("status".into()),
            message: problem.into(),
        }
        .into()),
        None => {
            let input = thidua_domain::commendation::DecisionTextsInput {
                bases: field(&f, "bases"),
                funding: field(&f, "funding"),
                executors: field(&f, "executors"),
                signer_name: field(&f, "signer_name"),
                signer_title: field(&f, "signer_title"),
                signer_authority: field(&f, "signer_authority"),
            };
            let version = field(&f, "version")
                .parse::<i32>()
                .unwrap_or(d.decision.version);
            match input.validate() {
                Ok(texts) => st
                    .store
                    .update_decision_texts(&caller.actor(), id, version, texts)
                    .await
                    .map(|_| ())
                    .map_err(AppError::from),
                Err(e) => Err(e.into()),
            }
        }
    };
    match result {
        Ok(()) => Ok(redirect(&format!("/quyet-dinh/{id}?da_luu=1"))),
        Err(e) => {
            let e = shown(e)?;
            let typed = (e.status != StatusCode::CONFLICT).then_some(typed);
            decision_view_typed(&st, &caller, id, Some(e), typed).await
        }
    }
}

/// "Tải DOCX": the decision in the layout of Nghị định 30/2020, as the API serves it.
async fn decision_docx(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> PageResult {
    Ok(crate::api_commendation::decision_docx_file(&st, &caller, &id).await?)
}

/// "In giấy khen": one Giấy khen per line of the decision, in one PDF.
async fn decision_certificates(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> PageResult {
    Ok(crate::api_commendation::decision_certificates_file(&st, &caller, &id).await?)
}

async fn approve_decision(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Form(f): Form<Vec<(String, String)>>,
) -> PageResult {
    check(&caller.viewer, Action::ReadCommendation, Target::None)?;
    let id = parse_id(&id, "quyết định")?;
    st.store
        .award_decision(id)
        .await?
        .ok_or_else(|| AppError::not_found("quyết định"))?;
    check_shown(&caller.viewer, Action::ApproveDecisions, Target::None)?;
    let issued_on = match field(&f, "issued_on").as_str() {
        "" => Some(today()),
        s => thidua_domain::format::parse_date(s),
    };
    let number = match field(&f, "number").as_str() {
        "" => Ok(None),
        s => s.parse::<i32>().map(Some).map_err(|_| ()),
    };
    let result = match (issued_on, number) {
        (Some(on), Ok(n)) => st
            .store
            .approve_decision(&caller.actor(), id, on, n)
            .await
            .map(|_| ())
            .map_err(AppError::from),
        (None, _) => Err(Invalid::field("issued_on", "Ngày ký phải là ngày dd/mm/yyyy").into()),
        (_, Err(())) => {
            Err(Invalid::field("number", "Số quyết định phải là số nguyên dương").into())
        }
    };
    match result {
        Ok(()) => Ok(redirect(&format!("/quyet-dinh/{id}"))),
        Err(e) => decision_view(&st, &caller, id, Some(shown(e)?)).await,
    }
}

async fn finalise_decision(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    mp: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> PageResult {
    check(&caller.viewer, Action::ReadCommendation, Target::None)?;
    let id = parse_id(&id, "quyết định")?;
    st.store
        .award_decision(id)
        .await?
        .ok_or_else(|| AppError::not_found("quyết định"))?;
    check_shown(&caller.viewer, Action::DraftDecisions, Target::None)?;
    let mut mp = mp.map_err(|e| {
        AppError::bad_request(format!(
            "Biểu mẫu gửi kèm tệp không đúng dạng ({})",
            e.body_text()
        ))
    })?;
    let mut scan = None;
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
                scan = Some(thidua_store::files::Upload { file_name, bytes });
            }
        }
    }
    let result = match scan {
        Some(s) => st
            .store
            .finalise_decision(&caller.actor(), id, s)
            .await
            .map(|_| ())
            .map_err(AppError::from),
        None => Err(Invalid::field("file", "Chưa chọn bản quét quyết định đã ký").into()),
    };
    match result {
        Ok(()) => Ok(redirect(&format!("/quyet-dinh/{id}"))),
        Err(e) => decision_view(&st, &caller, id, Some(shown(e)?)).await,
    }
}
