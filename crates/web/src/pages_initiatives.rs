//! The pages of ideas and initiatives (sáng kiến): search and list, the form with its duplicate
//! check (a button without JavaScript, a fragment refreshed while typing with htmx), an initiative's
//! whole life, replications, the councils with their rounds and the blind scoring page, the Lao động
//! sáng tạo list and the most replicated initiatives.
//!
//! The pages make the same permission decisions as the JSON API: they call the API module's helpers
//! (`reader`, `initiative_for`, `check_new_target`, `round_for`, …), which ask
//! [`permissions`](crate::permissions). Blind scoring is the store's: a round's view carries other
//! members' sheets only once it is closed, and these pages show nothing else.

use crate::api_initiatives::{
    check_new_target, comparable, council_for, council_target, creative_rule, filter_of,
    initiative_for, most_replicated_for, readable_ids, reader, round_for, score_values, target,
    year_param,
};
use crate::error::AppError;
use crate::extract::{parse_id, Caller, Params};
use crate::pages_work::{
    check_uploads, count_field, date_field, form_problems, html, own_units, read_multipart,
    redirect, rename_keys, today, unit_names, unit_options, with_status, Fields, PageResult,
    UploadBody,
};
use crate::permissions::{allows, check, within, Action, Target};
use crate::templates::{page, render};
use crate::{AppState, Routes};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Form;
use chrono::Datelike;
use minijinja::{context, Value};
use std::collections::{BTreeMap, BTreeSet, HashSet};
use thidua_domain::format;
use thidua_domain::initiative::{
    AuthorInput, Field, InitiativeInput, Kind, RecognitionRule, Rubric, RubricCriterion, Scope,
    Share, Status,
};
use thidua_domain::similar::{Filter, PageRequest, Probe};
use thidua_domain::validation::Invalid;
use thidua_store::initiatives::{NewCouncil, NewMember, NewReplication, SheetInput, SimilarItem};

pub(crate) fn routes() -> Routes {
    Routes::new()
        .get("/sang-kien", list_page)
        .get("/sang-kien/moi", new_form)
        .post("/sang-kien/moi", create)
        .post("/sang-kien/trung-lap", similar_fragment)
        .get("/sang-kien/lao-dong-sang-tao", creative_labour_page)
        .get("/sang-kien/nhan-rong", replicated_page)
        .get("/sang-kien/{id}", detail_page)
        .get("/sang-kien/{id}/sua", edit_form)
        .post("/sang-kien/{id}/sua", update)
        .post("/sang-kien/{id}/nop", submit)
        .post("/sang-kien/{id}/rut", withdraw)
        .post("/sang-kien/{id}/nhan-rong", add_replication)
        .post_upload("/sang-kien/{id}/tep", upload_files)
        .get("/hoi-dong", councils_page)
        .post("/hoi-dong", create_council)
        .get("/hoi-dong/{id}", council_page)
        .post("/hoi-dong/{id}/vong", open_round)
        .get("/hoi-dong/vong/{id}", round_page)
        .post("/hoi-dong/vong/{id}/cham", score)
        .post("/hoi-dong/vong/{id}/them", add_to_round)
        .post("/hoi-dong/vong/{id}/ket-thuc", close_round)
        .post("/hoi-dong/vong/{id}/quyet-dinh", decide)
}

/// Author rows the form shows beyond the filled ones (without JavaScript nobody can add one).
const SPARE_AUTHOR_ROWS: usize = 2;
/// Member rows of the council form.
const MEMBER_ROWS: usize = 7;
/// The most rows a form is read for.
const MAX_ROWS: usize = 40;
/// The most people a form's author list offers.
const MAX_PEOPLE: u64 = 300;
/// How many similar initiatives the form and the page show.
const SIMILAR_SHOWN: usize = 8;
/// Characters of context around a highlighted passage.
const CONTEXT_CHARS: usize = 60;
/// The longest highlighted passage shown whole.
const MAX_MARK_CHARS: usize = 400;

/// The Vietnamese label of a code of this feature (`kind`: status, field, scope, kind, member_role),
/// for the `ini_label` filter of the templates.
pub(crate) fn label(code: &str, kind: &str) -> String {
    let l = match kind {
        "status" => Status::from_code(code).map(|c| c.label()),
        "field" => Field::from_code(code).map(|c| c.label()),
        "scope" => Scope::from_code(code).map(|c| c.label()),
        "kind" => Kind::from_code(code).map(|c| c.label()),
        "member_role" => thidua_store::initiatives::MEMBER_ROLES
            .iter()
            .find(|(c, _)| *c == code)
            .map(|(_, l)| *l),
        _ => None,
    };
    l.unwrap_or(code).to_owned()
}

fn options<T: Copy>(
    all: &[T],
    code: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
) -> Vec<Value> {
    all.iter()
        .map(|x| context! { code => code(*x), label => label(*x) })
        .collect()
}

fn fields() -> Vec<Value> {
    options(Field::ALL, Field::code, Field::label)
}

fn scopes() -> Vec<Value> {
    options(Scope::ALL, Scope::code, Scope::label)
}

fn statuses() -> Vec<Value> {
    options(Status::ALL, Status::code, Status::label)
}

/// A score with two decimals and the Vietnamese decimal comma ("83,50").
fn decimal(x: f64) -> String {
    format!("{x:.2}").replace('.', ",")
}

/// Money typed in đồng ("80.000.000", "80000000"); empty is `None`.
fn money_text(v: i64) -> String {
    format::money_vnd(v).trim_end_matches(" đ").to_owned()
}

/// The units a viewer may pick: every active unit when they see all, else their own.
async fn unit_choices(st: &AppState, caller: &Caller) -> Result<Vec<Value>, AppError> {
    let ids: BTreeSet<i64> = match within(&caller.viewer) {
        None => st.store.units_all().await?.iter().map(|u| u.id).collect(),
        Some(_) => {
            let mut mine = own_units(caller);
            if let Some(u) = caller.viewer.principal().and_then(|p| p.unit_id) {
                mine.insert(u);
            }
            mine
        }
    };
    unit_options(st, &ids).await
}

// ----- the list ------------------------------------------------------------------------------

async fn list_page(State(st): State<AppState>, caller: Caller, params: Params) -> PageResult {
    check(&caller.viewer, Action::ListInitiatives, Target::None)?;
    let filter = filter_of(&params)?;
    let q = params.text("q").unwrap_or_default();
    let page_no = params.number("page", 1, 100_000)?;
    let per_page: u32 = 20;
    let keep = reader(&st, &caller.viewer).await?;
    let found = st
        .store
        .search_initiatives(
            &q,
            &filter,
            keep,
            PageRequest {
                page: page_no as u32,
                per_page,
            },
        )
        .await?;
    let ids: BTreeSet<i64> = found.hits.iter().map(|h| h.meta.unit_id).collect();
    let names = unit_names(&st, &ids).await?;
    let items: Vec<Value> = found
        .hits
        .iter()
        .map(|h| {
            context! {
                id => h.meta.id, year => h.meta.year, status => h.meta.status.code(),
                scope => h.meta.scope.map(|s| s.code()), field => h.meta.field.code(),
                unit_name => names.get(&h.meta.unit_id).cloned().unwrap_or_default(),
                title => h.hit.title.clone(), snippet => h.hit.snippet.clone(),
            }
        })
        .collect();
    let pages = (found.total as u64).div_ceil(u64::from(per_page)).max(1);
    let (nam, don_vi, linh_vuc, pham_vi, trang_thai) = (
        filter.year.map(|y| y.to_string()).unwrap_or_default(),
        filter
            .unit_ids
            .as_ref()
            .and_then(|u| u.first())
            .map(|u| u.to_string())
            .unwrap_or_default(),
        filter
            .field
            .map(|f| f.code().to_owned())
            .unwrap_or_default(),
        filter
            .scope
            .map(|f| f.code().to_owned())
            .unwrap_or_default(),
        filter
            .status
            .map(|f| f.code().to_owned())
            .unwrap_or_default(),
    );
    let base = format!(
        "/sang-kien?{}",
        serde_urlencoded::to_string([
            ("q", q.as_str()),
            ("nam", &nam),
            ("don_vi", &don_vi),
            ("linh_vuc", &linh_vuc),
            ("pham_vi", &pham_vi),
            ("trang_thai", &trang_thai),
        ])
        .unwrap_or_default()
    );
    let units = if caller.viewer.principal().is_some() {
        unit_choices(&st, &caller).await?
    } else {
        Vec::new()
    };
    Ok(html(page(
        &st,
        &caller,
        "ini_list.html",
        context! {
            title => "Sáng kiến", nav => "initiatives", items, total => found.total,
            page => page_no, pages, base, q, nam, don_vi, linh_vuc, pham_vi, trang_thai,
            units, fields => fields(), scopes => scopes(), statuses => statuses(),
            can_create => caller.viewer.principal().is_some()
                && allows(&caller.viewer, Action::EditInitiative, Target::None),
            can_creative => allows(&caller.viewer, Action::ReadCreativeLabour, Target::None),
        },
    )?))
}

// ----- the form ------------------------------------------------------------------------------

/// The numbered author rows that were filled in: (row, person id, name, share).
fn author_rows(f: &Fields) -> Vec<(usize, String, String, String)> {
    (0..MAX_ROWS)
        .map(|i| {
            (
                i,
                f.get(&format!("author_person_{i}")),
                f.get(&format!("author_name_{i}")),
                f.get(&format!("author_share_{i}")),
            )
        })
        .filter(|(_, p, n, s)| !(p.is_empty() && n.is_empty() && s.is_empty()))
        .collect()
}

/// "authors[1].share" (the second filled row) as the form's field of its row ("author_share_3").
fn author_key(key: &str, rows: &[usize]) -> String {
    if let Some(rest) = key.strip_prefix("authors[") {
        if let Some((n, field)) = rest.split_once("].") {
            if let Some(row) = n.parse::<usize>().ok().and_then(|n| rows.get(n)) {
                let field = match field {
                    "person_id" => "person",
                    "name" => "name",
                    _ => "share",
                };
                return format!("author_{field}_{row}");
            }
        }
    }
    key.to_owned()
}

/// Reads the form into the domain's input, naming every problem by the form's own fields.
fn initiative_input(f: &Fields) -> (InitiativeInput, Invalid, Vec<usize>) {
    let mut e = Invalid::new();
    let unit_id = f.get("unit_id").parse::<i64>().ok().filter(|u| *u > 0);
    let year = {
        let y = f.get("year");
        if y.is_empty() {
            None
        } else {
            match y.parse::<i32>() {
                Ok(y) => Some(y),
                Err(_) => {
                    e.add("year", "Năm phải là số có bốn chữ số, ví dụ 2025");
                    None
                }
            }
        }
    };
    let applied_since = date_field(
        &mut e,
        "applied_since",
        &f.get("applied_since"),
        "Ngày bắt đầu áp dụng",
    );
    let benefit_vnd = count_field(
        &mut e,
        "benefit_vnd",
        &f.get("benefit_vnd"),
        "Số tiền làm lợi (đồng)",
    );
    let rows = author_rows(f);
    let mut authors = Vec::new();
    for (i, person, name, share) in &rows {
        let row = i + 1;
        let person_id = if person.is_empty() {
            None
        } else {
            match person.parse::<i64>() {
                Ok(p) if p > 0 => Some(p),
                _ => {
                    e.add(
                        &format!("author_person_{i}"),
                        format!("Tác giả ở dòng {row}: người không hợp lệ"),
                    );
                    None
                }
            }
        };
        let share = if share.is_empty() {
            None
        } else {
            match Share::parse(share) {
                Some(s) => Some(s),
                None => {
                    e.add(
                        &format!("author_share_{i}"),
                        format!(
                            "Tác giả ở dòng {row}: tỷ lệ đóng góp phải là số phần trăm từ 0 đến 100, nhiều nhất hai chữ số thập phân (ví dụ 50 hoặc 33,33)"
                        ),
                    );
                    // Counted as given so that the sum is not also reported.
                    Some(Share(1))
                }
            }
        };
        authors.push(AuthorInput {
            person_id,
            name: if person_id.is_some() || name.is_empty() {
                None
            } else {
                Some(name.clone())
            },
            share,
        });
    }
    let input = InitiativeInput {
        kind: Some(f.get("kind")).filter(|k| !k.is_empty()),
        title: f.get("title"),
        unit_id,
        field: f.get("field"),
        year,
        before: f.get("before"),
        solution: f.get("solution"),
        novelty: f.get("novelty"),
        benefit: f.get("benefit"),
        applied_where: f.get("applied_where"),
        applied_since,
        benefit_vnd,
        authors,
    };
    (input, e, rows.iter().map(|r| r.0).collect())
}

/// The input checked, or every problem keyed by the form's fields.
fn checked_input(
    f: &Fields,
) -> Result<(InitiativeInput, thidua_domain::initiative::ValidInitiative), BTreeMap<String, String>>
{
    let (input, mut e, rows) = initiative_input(f);
    match input.validate(today()) {
        Ok(v) if e.is_empty() => Ok((input, v)),
        Ok(_) => Err(e.fields),
        Err(more) => {
            // A share that did not parse already says so; the domain's sum would repeat it.
            let bad_share = e.fields.keys().any(|k| k.starts_with("author_share_"));
            for (k, v) in more.fields {
                let k = author_key(&k, &rows);
                if !e.fields.contains_key(&k) && (k != "authors" || !bad_share) {
                    e.add(&k, v);
                }
            }
            Err(e.fields)
        }
    }
}

/// The similar initiatives shown beside the form: compared with every submitted initiative of all
/// units and years, passages only of those the viewer may open.
async fn similar_for_form(
    st: &AppState,
    caller: &Caller,
    f: &Fields,
    exclude: Option<i64>,
) -> Result<Vec<Value>, AppError> {
    let title = f.get("title");
    let sections: Vec<String> = ["before", "solution", "novelty", "benefit"]
        .iter()
        .map(|k| f.get(k))
        .collect();
    let length = title.chars().count() + sections.iter().map(|s| s.chars().count()).sum::<usize>();
    if title.is_empty() && sections.iter().all(|s| s.is_empty()) || length > 200_000 {
        return Ok(Vec::new());
    }
    let mut authors: Vec<i64> = author_rows(f)
        .iter()
        .filter_map(|(_, p, _, _)| p.parse::<i64>().ok())
        .collect();
    if let Some(p) = caller.viewer.principal().and_then(|p| p.person_id) {
        authors.push(p);
    }
    let probe = Probe {
        title: &title,
        sections: sections.iter().map(String::as_str).collect(),
        year: f.get("year").parse::<i32>().ok().or(Some(today().year())),
        authors: &authors,
        exclude,
    };
    let (keep, read) = comparable(st, &caller.viewer).await?;
    let found = st
        .store
        .similar_initiatives(&probe, SIMILAR_SHOWN, keep)
        .await?;
    similar_views(st, found, &*read).await
}

/// The name of a part of an initiative where a passage was found.
fn part_label(key: &str) -> &'static str {
    match key {
        "title" => "Tên sáng kiến",
        "section0" => "Thực trạng trước khi áp dụng",
        "section1" => "Nội dung giải pháp",
        "section2" => "Tính mới",
        "section3" => "Hiệu quả",
        _ => "Nội dung",
    }
}

/// Similar initiatives as the templates show them: score, flags, and the overlapping passages of
/// the earlier initiative with their context, the passage itself to be marked.
async fn similar_views(
    st: &AppState,
    found: Vec<SimilarItem>,
    read: &(dyn Fn(&thidua_domain::similar::DocMeta) -> bool + Send + Sync),
) -> Result<Vec<Value>, AppError> {
    let readable = readable_ids(st, &found, read).await?;
    let ids: BTreeSet<i64> = found.iter().map(|s| s.m.unit_id).collect();
    let names = unit_names(st, &ids).await?;
    Ok(found
        .into_iter()
        .map(|s| {
            let open = readable.contains(&s.m.id);
            let passages: Vec<Value> = if open {
                s.m.passages
                    .iter()
                    .take(3)
                    .filter_map(|p| {
                        let key = thidua_store::initiatives::part_key(p.candidate.part);
                        let text: Vec<char> = s.parts.get(&key)?.chars().collect();
                        let r = p.candidate.chars.clone();
                        if r.start >= r.end || r.end > text.len() {
                            return None;
                        }
                        let from = r.start.saturating_sub(CONTEXT_CHARS);
                        let to = (r.end + CONTEXT_CHARS).min(text.len());
                        let mut mark: String = text[r.start..r.end].iter().collect();
                        if r.end - r.start > MAX_MARK_CHARS {
                            let head: String = text[r.start..r.start + MAX_MARK_CHARS].iter().collect();
                            mark = format!("{head}…");
                        }
                        Some(context! {
                            part => part_label(&key),
                            before => format!("{}{}", if from > 0 { "…" } else { "" }, text[from..r.start].iter().collect::<String>()),
                            mark,
                            after => format!("{}{}", text[r.end..to].iter().collect::<String>(), if to < text.len() { "…" } else { "" }),
                        })
                    })
                    .collect()
            } else {
                Vec::new()
            };
            context! {
                id => s.m.id, title => s.title, score => (s.m.score * 100.0).round() as i64,
                year => s.m.year, unit_name => names.get(&s.m.unit_id).cloned().unwrap_or_default(),
                likely => s.m.likely, contained => s.m.contained, resubmission => s.m.resubmission,
                same_author => s.m.same_author, readable => open, passages,
            }
        })
        .collect())
}

/// People the author rows offer: the viewer, the people of the form's unit the viewer may list,
/// and the people already named in the rows (by name only when the viewer may read them).
async fn author_people(st: &AppState, caller: &Caller, f: &Fields) -> Result<Vec<Value>, AppError> {
    let mut out: Vec<(i64, String)> = Vec::new();
    let mut seen = HashSet::new();
    if let Some(p) = caller.viewer.principal() {
        if let Some(pid) = p.person_id {
            if let Some(me) = st.store.person(pid).await? {
                seen.insert(pid);
                out.push((pid, format!("{} (tôi)", me.full_name)));
            }
        }
    }
    let unit = f.get("unit_id").parse::<i64>().ok().filter(|u| *u > 0);
    if let Some(unit) = unit {
        if allows(&caller.viewer, Action::ListPeople, Target::None) {
            let list = st
                .store
                .people_search(&thidua_store::directory::PeopleQuery {
                    unit_id: Some(unit),
                    within: within(&caller.viewer),
                    page: 1,
                    per_page: MAX_PEOPLE,
                    ..Default::default()
                })
                .await?;
            for p in list.items {
                if seen.insert(p.id) {
                    out.push((p.id, p.full_name));
                }
            }
        }
    }
    for (_, person, _, _) in author_rows(f) {
        let Some(pid) = person.parse::<i64>().ok().filter(|p| *p > 0) else {
            continue;
        };
        if !seen.insert(pid) {
            continue;
        }
        let name = match st.store.person(pid).await? {
            Some(p)
                if allows(
                    &caller.viewer,
                    Action::ReadPerson,
                    Target::Person {
                        id: pid,
                        unit_id: p.unit_id,
                    },
                ) =>
            {
                p.full_name
            }
            _ => format!("Người mã số {pid}"),
        };
        out.push((pid, name));
    }
    Ok(out
        .into_iter()
        .map(|(id, name)| context! { id, name })
        .collect())
}

struct FormCtx {
    id: Option<i64>,
    status: Option<String>,
    similar: Option<Vec<Value>>,
}

async fn form_page(
    st: &AppState,
    caller: &Caller,
    ctx: FormCtx,
    f: &Fields,
    errors: &BTreeMap<String, String>,
    status: StatusCode,
) -> PageResult {
    let filled = author_rows(f).iter().map(|r| r.0 + 1).max().unwrap_or(0);
    let fm = f.map();
    let authors: Vec<Value> = (0..(filled + SPARE_AUTHOR_ROWS).max(3))
        .map(|i| {
            context! {
                i,
                person => fm.get(&format!("author_person_{i}")).cloned().unwrap_or_default(),
                name => fm.get(&format!("author_name_{i}")).cloned().unwrap_or_default(),
                share => fm.get(&format!("author_share_{i}")).cloned().unwrap_or_default(),
            }
        })
        .collect();
    let (title, action) = match ctx.id {
        Some(id) => ("Sửa sáng kiến", format!("/sang-kien/{id}/sua")),
        None => ("Sáng kiến mới", "/sang-kien/moi".to_owned()),
    };
    let body = page(
        st,
        caller,
        "ini_form.html",
        context! {
            title, nav => "initiatives", action, id => ctx.id, f => fm, errors, authors,
            people => author_people(st, caller, f).await?,
            units => unit_choices(st, caller).await?,
            fields => fields(),
            kinds => options(Kind::ALL, Kind::code, Kind::label),
            similar => ctx.similar, checked => f.get("action") == "check",
            draft => ctx.status.as_deref().is_none_or(|s| s == Status::Draft.code()),
        },
    )?;
    Ok(with_status(status, body))
}

async fn new_form(State(st): State<AppState>, caller: Caller) -> PageResult {
    check(&caller.viewer, Action::EditInitiative, Target::None)?;
    let mut f = Fields::default();
    if let Some(p) = caller.viewer.principal() {
        if let Some(u) = p.unit_id {
            f.set("unit_id", u.to_string());
        }
        if let Some(pid) = p.person_id {
            f.set("author_person_0", pid.to_string());
            f.set("author_share_0", "100");
        }
    }
    f.set("year", today().year().to_string());
    f.set("kind", Kind::Initiative.code());
    let ctx = FormCtx {
        id: None,
        status: None,
        similar: None,
    };
    form_page(&st, &caller, ctx, &f, &BTreeMap::new(), StatusCode::OK).await
}

/// Store errors of the initiative form, keyed by its fields.
fn store_problems(
    err: thidua_store::StoreError,
    rows: &[usize],
) -> Result<(StatusCode, BTreeMap<String, String>), AppError> {
    let (status, errors) = form_problems(err)?;
    Ok((
        status,
        errors
            .into_iter()
            .map(|(k, v)| (author_key(&k, rows), v))
            .collect(),
    ))
}

async fn create(
    State(st): State<AppState>,
    caller: Caller,
    Form(raw): Form<Vec<(String, String)>>,
) -> PageResult {
    check(&caller.viewer, Action::EditInitiative, Target::None)?;
    let f = Fields(raw);
    let ctx = |similar| FormCtx {
        id: None,
        status: None,
        similar,
    };
    let similar = Some(similar_for_form(&st, &caller, &f, None).await?);
    if f.get("action") == "check" {
        return form_page(
            &st,
            &caller,
            ctx(similar),
            &f,
            &BTreeMap::new(),
            StatusCode::OK,
        )
        .await;
    }
    let (input, valid) = match checked_input(&f) {
        Ok(x) => x,
        Err(errors) => {
            return form_page(
                &st,
                &caller,
                ctx(similar),
                &f,
                &errors,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
    };
    check_new_target(&caller.viewer, &input)?;
    let rows: Vec<usize> = author_rows(&f).iter().map(|r| r.0).collect();
    let created = match st.store.create_initiative(&caller.actor(), valid).await {
        Ok(c) => c,
        Err(err) => {
            let (status, errors) = store_problems(err, &rows)?;
            return form_page(&st, &caller, ctx(similar), &f, &errors, status).await;
        }
    };
    if f.get("action") == "submit" {
        st.store
            .set_initiative_status(&caller.actor(), created.id, Status::Submitted, "", today())
            .await?;
        return Ok(redirect(&format!("/sang-kien/{}?da_nop=1", created.id)));
    }
    Ok(redirect(&format!("/sang-kien/{}?da_luu=1", created.id)))
}

/// The form's fields of a saved initiative.
async fn saved_fields(
    st: &AppState,
    id: i64,
) -> Result<(thidua_store::initiatives::InitiativeDetail, Fields), AppError> {
    let d = st
        .store
        .initiative(id)
        .await?
        .ok_or_else(|| AppError::not_found("sáng kiến"))?;
    let i = &d.initiative;
    let mut f = Fields::default();
    f.set("kind", i.kind.clone());
    f.set("title", i.title.clone());
    f.set("unit_id", i.unit_id.to_string());
    f.set("field", i.field.clone());
    f.set("year", i.year.to_string());
    f.set("before", i.before_text.clone());
    f.set("solution", i.solution.clone());
    f.set("novelty", i.novelty.clone());
    f.set("benefit", i.benefit.clone());
    f.set("applied_where", i.applied_where.clone());
    f.set(
        "applied_since",
        i.applied_since.map(format::date_vn).unwrap_or_default(),
    );
    f.set(
        "benefit_vnd",
        if i.benefit_vnd > 0 {
            money_text(i.benefit_vnd)
        } else {
            String::new()
        },
    );
    f.set("version", i.version.to_string());
    for (n, a) in d.authors.iter().enumerate() {
        match a.person_id {
            Some(p) => f.set(&format!("author_person_{n}"), p.to_string()),
            None => f.set(&format!("author_name_{n}"), a.name.clone()),
        }
        f.set(
            &format!("author_share_{n}"),
            a.share_text.trim_end_matches('%').to_owned(),
        );
    }
    Ok((d, f))
}

async fn edit_form(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> PageResult {
    let id = parse_id(&id, "sáng kiến")?;
    initiative_for(&st, &caller.viewer, id, Action::EditInitiative).await?;
    let (d, f) = saved_fields(&st, id).await?;
    let ctx = FormCtx {
        id: Some(id),
        status: Some(d.initiative.status.clone()),
        similar: None,
    };
    form_page(&st, &caller, ctx, &f, &BTreeMap::new(), StatusCode::OK).await
}

async fn update(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Form(raw): Form<Vec<(String, String)>>,
) -> PageResult {
    let id = parse_id(&id, "sáng kiến")?;
    let facts = initiative_for(&st, &caller.viewer, id, Action::EditInitiative).await?;
    let f = Fields(raw);
    let similar = Some(similar_for_form(&st, &caller, &f, Some(id)).await?);
    let ctx = |similar| FormCtx {
        id: Some(id),
        status: Some(facts.status.code().to_owned()),
        similar,
    };
    if f.get("action") == "check" {
        return form_page(
            &st,
            &caller,
            ctx(similar),
            &f,
            &BTreeMap::new(),
            StatusCode::OK,
        )
        .await;
    }
    let (input, valid) = match checked_input(&f) {
        Ok(x) => x,
        Err(errors) => {
            return form_page(
                &st,
                &caller,
                ctx(similar),
                &f,
                &errors,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
    };
    check_new_target(&caller.viewer, &input)?;
    let rows: Vec<usize> = author_rows(&f).iter().map(|r| r.0).collect();
    let version = f.get("version").parse::<i32>().ok();
    if let Err(err) = st
        .store
        .update_initiative(&caller.actor(), id, valid, version)
        .await
    {
        let (status, errors) = store_problems(err, &rows)?;
        return form_page(&st, &caller, ctx(similar), &f, &errors, status).await;
    }
    if f.get("action") == "submit" && facts.status.can_become(Status::Submitted) {
        st.store
            .set_initiative_status(&caller.actor(), id, Status::Submitted, "", today())
            .await?;
        return Ok(redirect(&format!("/sang-kien/{id}?da_nop=1")));
    }
    Ok(redirect(&format!("/sang-kien/{id}?da_luu=1")))
}

/// The similar list while typing (htmx): the same list as the "Kiểm tra trùng lặp" button shows.
async fn similar_fragment(
    State(st): State<AppState>,
    caller: Caller,
    Form(raw): Form<Vec<(String, String)>>,
) -> PageResult {
    check(&caller.viewer, Action::EditInitiative, Target::None)?;
    let f = Fields(raw);
    let exclude = f.get("id").parse::<i64>().ok().filter(|i| *i > 0);
    let similar = similar_for_form(&st, &caller, &f, exclude).await?;
    Ok(html(render(
        "ini_similar.html",
        context! { similar, checked => true },
    )?))
}

// ----- one initiative ------------------------------------------------------------------------

async fn detail_page(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    params: Params,
) -> PageResult {
    let id = parse_id(&id, "sáng kiến")?;
    let notice = if params.text("da_nop").is_some() {
        "Đã nộp sáng kiến."
    } else if params.text("da_luu").is_some() {
        "Đã lưu."
    } else if params.text("da_rut").is_some() {
        "Đã rút sáng kiến."
    } else if params.text("da_nhan_rong").is_some() {
        "Đã ghi nhận đơn vị áp dụng (nhân rộng)."
    } else if params.text("da_tai").is_some() {
        "Đã tải tệp lên."
    } else {
        ""
    };
    detail_view(
        &st,
        &caller,
        id,
        notice,
        &Fields::default(),
        &BTreeMap::new(),
        StatusCode::OK,
    )
    .await
}

/// The authors (and their unit's officer) attach evidence: drawings, photos, the unit's
/// confirmation of the benefit. All files of the form or none.
async fn upload_files(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    mp: UploadBody,
) -> PageResult {
    let id = parse_id(&id, "sáng kiến")?;
    let facts = initiative_for(&st, &caller.viewer, id, Action::ReadInitiative).await?;
    check(&caller.viewer, Action::EditInitiative, target(&facts)).map_err(|e| {
        if e.status == StatusCode::NOT_FOUND {
            AppError::forbidden()
        } else {
            e
        }
    })?;
    let (_, files) = read_multipart(mp).await?;
    let mut e = Invalid::new();
    if files.is_empty() {
        e.add("tep", "Chưa chọn tệp nào để tải lên");
    }
    check_uploads(&st, "tep", &files, &mut e);
    let none = Fields(Vec::new());
    if !e.is_empty() {
        return detail_view(
            &st,
            &caller,
            id,
            "",
            &none,
            &e.fields,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
    let uploads = files.into_iter().map(|(_, u)| u).collect();
    match st
        .store
        .attach(
            &caller.actor(),
            thidua_store::initiatives::ATTACHMENT_KIND,
            id,
            Some(facts.unit_id),
            uploads,
        )
        .await
    {
        Ok(_) => Ok(redirect(&format!("/sang-kien/{id}?da_tai=1"))),
        Err(err) => {
            let (status, errors) = form_problems(err)?;
            let errors = rename_keys(errors, &[("file", "tep")]);
            detail_view(&st, &caller, id, "", &none, &errors, status).await
        }
    }
}

async fn detail_view(
    st: &AppState,
    caller: &Caller,
    id: i64,
    notice: &str,
    rep: &Fields,
    errors: &BTreeMap<String, String>,
    status: StatusCode,
) -> PageResult {
    let facts = initiative_for(st, &caller.viewer, id, Action::ReadInitiative).await?;
    let d = st
        .store
        .initiative(id)
        .await?
        .ok_or_else(|| AppError::not_found("sáng kiến"))?;
    let t = target(&facts);
    let may_edit = allows(&caller.viewer, Action::EditInitiative, t);
    let manage = allows(
        &caller.viewer,
        Action::ManageCouncils,
        council_target(facts.unit_id),
    );
    // The council and the office look for prior art; so may the authors and their unit's officer.
    let similar = if facts.council || manage || may_edit {
        let (keep, read) = comparable(st, &caller.viewer).await?;
        let found = st
            .store
            .similar_to_initiative(id, SIMILAR_SHOWN, keep)
            .await?;
        Some(similar_views(st, found, &*read).await?)
    } else {
        None
    };
    let can_replicate = allows(&caller.viewer, Action::RecordReplication, Target::None)
        && !matches!(facts.status, Status::Draft | Status::Withdrawn);
    let rep_units = if can_replicate {
        unit_choices(st, caller).await?
    } else {
        Vec::new()
    };
    let attachments = crate::pages_work::attachment_views(
        &st.store
            .attachments(thidua_store::initiatives::ATTACHMENT_KIND, id)
            .await?,
    );
    let i = &d.initiative;
    let board_publication = st.store.initiative_publication(id).await?;
    let can_publish_board = facts.status == Status::Recognised
        && allows(&caller.viewer, Action::PublishBoard, Target::None);
    let body = page(
        st,
        caller,
        "ini_detail.html",
        context! {
            title => i.title.clone(), nav => "initiatives", notice,
            i => i.clone(), unit_name => d.unit_name.clone(), authors => d.authors.clone(),
            versions => d.versions.clone(), history => d.history.clone(), rounds => d.rounds.clone(),
            recognitions => d.recognitions.iter().map(|r| context! {
                council_name => r.council_name.clone(), r => r.recognition.clone(),
                mean => r.recognition.mean_hundredths.map(|m| decimal(f64::from(m) / 100.0)),
            }).collect::<Vec<_>>(),
            replications => d.replications.clone(),
            benefit_money => (i.benefit_vnd > 0).then(|| format::money_vnd(i.benefit_vnd)),
            similar, attachments,
            can_edit => may_edit && matches!(facts.status, Status::Draft | Status::Submitted | Status::Withdrawn),
            can_attach => may_edit,
            can_submit => may_edit && facts.status.can_become(Status::Submitted),
            can_withdraw => may_edit && facts.status.can_become(Status::Withdrawn),
            can_open_rounds => facts.council || manage,
            can_replicate, rep_units, rf => rep.map(), errors,
            board_publication, can_publish_board,
        },
    )?;
    Ok(with_status(status, body))
}

async fn move_to(st: &AppState, caller: &Caller, id: &str, to: Status, note: &str) -> PageResult {
    let id = parse_id(id, "sáng kiến")?;
    initiative_for(st, &caller.viewer, id, Action::EditInitiative).await?;
    st.store
        .set_initiative_status(&caller.actor(), id, to, note, today())
        .await?;
    let flag = if to == Status::Submitted {
        "da_nop"
    } else {
        "da_rut"
    };
    Ok(redirect(&format!("/sang-kien/{id}?{flag}=1")))
}

async fn submit(State(st): State<AppState>, caller: Caller, Path(id): Path<String>) -> PageResult {
    move_to(&st, &caller, &id, Status::Submitted, "").await
}

async fn withdraw(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Form(raw): Form<Vec<(String, String)>>,
) -> PageResult {
    let note = Fields(raw).get("note");
    move_to(&st, &caller, &id, Status::Withdrawn, &note).await
}

async fn add_replication(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Form(raw): Form<Vec<(String, String)>>,
) -> PageResult {
    let id = parse_id(&id, "sáng kiến")?;
    check(&caller.viewer, Action::RecordReplication, Target::None)?;
    initiative_for(&st, &caller.viewer, id, Action::ReadInitiative).await?;
    let f = Fields(raw);
    let mut e = Invalid::new();
    let unit_id = f.get("unit_id").parse::<i64>().ok().filter(|u| *u > 0);
    match unit_id {
        Some(u) => {
            crate::permissions::unit_for(&st, &caller.viewer, u, Action::RecordReplication).await?;
        }
        None => e.add("unit_id", "Chưa chọn đơn vị áp dụng"),
    }
    let adopted_on = date_field(&mut e, "adopted_on", &f.get("adopted_on"), "Ngày áp dụng");
    if adopted_on.is_none() && !e.fields.contains_key("adopted_on") {
        e.add("adopted_on", "Chưa nhập ngày áp dụng (ngày/tháng/năm)");
    }
    let benefit_vnd = count_field(
        &mut e,
        "benefit_vnd",
        &f.get("benefit_vnd"),
        "Số tiền làm lợi (đồng)",
    );
    if f.get("result").is_empty() {
        e.add("result", "Chưa nhập kết quả áp dụng");
    }
    let (Some(unit_id), Some(adopted_on), true) = (unit_id, adopted_on, e.is_empty()) else {
        return detail_view(
            &st,
            &caller,
            id,
            "",
            &f,
            &e.fields,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    };
    match st
        .store
        .record_replication(
            &caller.actor(),
            id,
            NewReplication {
                unit_id,
                adopted_on,
                result: f.get("result"),
                benefit_vnd,
            },
            today(),
        )
        .await
    {
        Ok(_) => Ok(redirect(&format!(
            "/sang-kien/{id}?da_nhan_rong=1#nhan-rong"
        ))),
        Err(err) => {
            let (status, errors) = form_problems(err)?;
            detail_view(&st, &caller, id, "", &f, &errors, status).await
        }
    }
}

// ----- lists for the federation and everyone -------------------------------------------------

async fn creative_labour_page(
    State(st): State<AppState>,
    caller: Caller,
    params: Params,
) -> PageResult {
    check(&caller.viewer, Action::ReadCreativeLabour, Target::None)?;
    let year = year_param(&params)?;
    let rule = creative_rule(&st, year, &params).await?;
    let rows = st.store.creative_labour(year, &rule).await?;
    let split = match rule.split {
        thidua_domain::initiative::BenefitSplit::ByShare => "by_share",
        thidua_domain::initiative::BenefitSplit::Whole => "whole",
    };
    Ok(html(page(
        &st,
        &caller,
        "ini_creative.html",
        context! {
            title => "Bằng Lao động sáng tạo", nav => "initiatives", year, rows, split,
            worker_vnd => money_text(rule.worker_vnd), graduate_vnd => money_text(rule.graduate_vnd),
            manager_vnd => money_text(rule.manager_vnd),
        },
    )?))
}

async fn replicated_page(State(st): State<AppState>, caller: Caller) -> PageResult {
    check(&caller.viewer, Action::ListInitiatives, Target::None)?;
    let rows = most_replicated_for(&st, &caller.viewer, 50).await?;
    Ok(html(page(
        &st,
        &caller,
        "ini_replicated.html",
        context! { title => "Sáng kiến được nhân rộng nhiều nhất", nav => "initiatives", rows },
    )?))
}

// ----- councils ------------------------------------------------------------------------------

async fn councils_view(
    st: &AppState,
    caller: &Caller,
    f: &Fields,
    errors: &BTreeMap<String, String>,
    status: StatusCode,
) -> PageResult {
    check(&caller.viewer, Action::OwnAccount, Target::None)?;
    let manage = allows(&caller.viewer, Action::ManageCouncils, Target::None);
    let mine = match caller.user_id() {
        Some(u) => st.store.rounds_of_member(u).await?,
        None => Vec::new(),
    };
    if !manage && mine.is_empty() && !allows(&caller.viewer, Action::ScoreInitiatives, Target::None)
    {
        check(&caller.viewer, Action::ManageCouncils, Target::None)?;
    }
    let councils: Vec<Value> = if manage {
        let list: Vec<_> = st
            .store
            .councils()
            .await?
            .into_iter()
            .filter(|c| {
                allows(
                    &caller.viewer,
                    Action::ManageCouncils,
                    council_target(c.unit_id),
                )
            })
            .collect();
        let ids: BTreeSet<i64> = list.iter().map(|c| c.unit_id).collect();
        let names = unit_names(st, &ids).await?;
        list.into_iter()
            .map(
                |c| context! { unit_name => names.get(&c.unit_id).cloned().unwrap_or_default(), c },
            )
            .collect()
    } else {
        Vec::new()
    };
    let rounds: Vec<Value> = mine
        .into_iter()
        .map(|(r, council_name)| context! { r, council_name })
        .collect();
    let fm = f.map();
    let members: Vec<Value> = (0..MEMBER_ROWS)
        .map(|i| {
            context! {
                i,
                username => fm.get(&format!("member_username_{i}")).cloned().unwrap_or_default(),
                name => fm.get(&format!("member_name_{i}")).cloned().unwrap_or_default(),
                role => fm.get(&format!("member_role_{i}")).cloned().unwrap_or_default(),
            }
        })
        .collect();
    let units = if manage {
        unit_choices(st, caller).await?
    } else {
        Vec::new()
    };
    let body = page(
        st,
        caller,
        "ini_councils.html",
        context! {
            title => "Hội đồng sáng kiến", nav => "councils", councils, rounds, manage,
            f => fm, errors, members, units, scopes => scopes(),
            roles => thidua_store::initiatives::MEMBER_ROLES.iter().map(|(c, l)| context! { code => *c, label => *l }).collect::<Vec<_>>(),
        },
    )?;
    Ok(with_status(status, body))
}

async fn councils_page(State(st): State<AppState>, caller: Caller) -> PageResult {
    let mut f = Fields::default();
    f.set("year", today().year().to_string());
    f.set("threshold_num", "2");
    f.set("threshold_den", "3");
    f.set("scope", Scope::CoSo.code());
    if let Some(u) = caller.viewer.principal().and_then(|p| p.unit_id) {
        f.set("unit_id", u.to_string());
    }
    councils_view(&st, &caller, &f, &BTreeMap::new(), StatusCode::OK).await
}

/// "members[2].name" (the third filled row) as the form's field ("member_name_4").
fn member_key(key: &str, rows: &[usize]) -> String {
    if let Some(rest) = key.strip_prefix("members[") {
        if let Some((n, field)) = rest.split_once("].") {
            if let Some(row) = n.parse::<usize>().ok().and_then(|n| rows.get(n)) {
                let field = if field == "user_id" {
                    "username"
                } else {
                    field
                };
                return format!("member_{field}_{row}");
            }
        }
    }
    key.to_owned()
}

async fn create_council(
    State(st): State<AppState>,
    caller: Caller,
    Form(raw): Form<Vec<(String, String)>>,
) -> PageResult {
    check(&caller.viewer, Action::ManageCouncils, Target::None)?;
    let f = Fields(raw);
    let mut e = Invalid::new();
    let unit_id = f.get("unit_id").parse::<i64>().ok().filter(|u| *u > 0);
    if let Some(u) = unit_id {
        crate::permissions::unit_for(&st, &caller.viewer, u, Action::ReadUnit).await?;
        check(&caller.viewer, Action::ManageCouncils, council_target(u))?;
    } else {
        e.add("unit_id", "Chưa chọn đơn vị của hội đồng");
    }
    let scope = Scope::from_code(&f.get("scope"));
    if scope.is_none() {
        e.add("scope", "Chưa chọn phạm vi công nhận");
    }
    let year = crate::pages_work::year_field(&mut e, "year", &f.get("year"), "Năm");
    let mut number = |k: &str| match f.get(k).parse::<u32>() {
        Ok(n) => n,
        Err(_) => {
            e.add(
                "threshold",
                "Ngưỡng công nhận phải là phân số của hai số nguyên dương, ví dụ 2/3",
            );
            0
        }
    };
    let rule = RecognitionRule {
        numerator: number("threshold_num"),
        denominator: number("threshold_den"),
    };
    let mut rows = Vec::new();
    let mut members = Vec::new();
    for i in 0..MEMBER_ROWS {
        let (username, name, role) = (
            f.get(&format!("member_username_{i}")),
            f.get(&format!("member_name_{i}")),
            f.get(&format!("member_role_{i}")),
        );
        if username.is_empty() && name.is_empty() {
            continue;
        }
        let user = if username.is_empty() {
            None
        } else {
            match st.store.user_by_name(&username).await? {
                Some(u) => Some(u),
                None => {
                    e.add(
                        &format!("member_username_{i}"),
                        format!(
                            "Thành viên ở dòng {}: không có tài khoản “{username}”",
                            i + 1
                        ),
                    );
                    None
                }
            }
        };
        rows.push(i);
        members.push(NewMember {
            user_id: user.as_ref().map(|u| u.user.id),
            username: None,
            person_id: user.as_ref().and_then(|u| u.user.person_id),
            name,
            role,
        });
    }
    if members.is_empty() {
        e.add("members", "Hội đồng phải có ít nhất một thành viên");
    }
    let (Some(unit_id), Some(scope), true) = (unit_id, scope, e.is_empty()) else {
        return councils_view(
            &st,
            &caller,
            &f,
            &e.fields,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    };
    match st
        .store
        .create_council(
            &caller.actor(),
            NewCouncil {
                name: f.get("name"),
                unit_id,
                scope,
                year,
                rule,
                members,
            },
        )
        .await
    {
        Ok(c) => Ok(redirect(&format!("/hoi-dong/{}?da_luu=1", c.council.id))),
        Err(err) => {
            let (status, errors) = form_problems(err)?;
            let errors = errors
                .into_iter()
                .map(|(k, v)| (member_key(&k, &rows), v))
                .collect();
            councils_view(&st, &caller, &f, &errors, status).await
        }
    }
}

/// Submitted initiatives the viewer may put before a round (those not already before it).
async fn submitted_choices(
    st: &AppState,
    caller: &Caller,
    except: &HashSet<i64>,
) -> Result<Vec<Value>, AppError> {
    let keep = reader(st, &caller.viewer).await?;
    let found = st
        .store
        .search_initiatives(
            "",
            &Filter {
                status: Some(Status::Submitted),
                ..Default::default()
            },
            move |m| keep(m),
            PageRequest {
                page: 1,
                per_page: 200,
            },
        )
        .await?;
    let ids: BTreeSet<i64> = found.hits.iter().map(|h| h.meta.unit_id).collect();
    let names = unit_names(st, &ids).await?;
    Ok(found
        .hits
        .iter()
        .filter(|h| !except.contains(&h.meta.id))
        .map(|h| {
            context! {
                id => h.meta.id, year => h.meta.year,
                title => h.hit.title.iter().map(|s| s.text.as_str()).collect::<String>(),
                unit_name => names.get(&h.meta.unit_id).cloned().unwrap_or_default(),
            }
        })
        .collect())
}

async fn council_view(
    st: &AppState,
    caller: &Caller,
    id: &str,
    f: &Fields,
    errors: &BTreeMap<String, String>,
    status: StatusCode,
    saved: bool,
) -> PageResult {
    let c = council_for(st, &caller.viewer, id).await?;
    let fm = f.map();
    let standard = Rubric::standard();
    let criteria: Vec<Value> = (0..standard.criteria.len() + 2)
        .map(|i| {
            let d = standard.criteria.get(i);
            let get = |k: &str, default: String| {
                if f.0.is_empty() {
                    default
                } else {
                    fm.get(&format!("crit_{k}_{i}"))
                        .cloned()
                        .unwrap_or_default()
                }
            };
            context! {
                i,
                code => get("code", d.map(|c| c.code.clone()).unwrap_or_default()),
                name => get("name", d.map(|c| c.name.clone()).unwrap_or_default()),
                weight => get("weight", d.map(|c| c.weight.to_string()).unwrap_or_default()),
                max => get("max", d.map(|c| c.max_score.to_string()).unwrap_or_default()),
            }
        })
        .collect();
    let chosen: BTreeSet<i64> = f.ids("initiative_ids").into_iter().collect();
    let choices: Vec<Value> = submitted_choices(st, caller, &HashSet::new())
        .await?
        .into_iter()
        .map(|v| {
            let checked = v
                .get_attr("id")
                .ok()
                .and_then(|x| i64::try_from(x).ok())
                .is_some_and(|x| chosen.contains(&x));
            context! { checked, ..v }
        })
        .collect();
    let body = page(
        st,
        caller,
        "ini_council.html",
        context! {
            title => c.council.name.clone(), nav => "councils", c => c.clone(),
            f => fm, errors, criteria, choices, saved,
        },
    )?;
    Ok(with_status(status, body))
}

async fn council_page(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    params: Params,
) -> PageResult {
    council_view(
        &st,
        &caller,
        &id,
        &Fields::default(),
        &BTreeMap::new(),
        StatusCode::OK,
        params.text("da_luu").is_some(),
    )
    .await
}

async fn open_round(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Form(raw): Form<Vec<(String, String)>>,
) -> PageResult {
    let c = council_for(&st, &caller.viewer, &id).await?;
    let f = Fields(raw);
    let mut e = Invalid::new();
    let mut criteria = Vec::new();
    for i in 0..MAX_ROWS {
        let (code, name, weight, max) = (
            f.get(&format!("crit_code_{i}")),
            f.get(&format!("crit_name_{i}")),
            f.get(&format!("crit_weight_{i}")),
            f.get(&format!("crit_max_{i}")),
        );
        if code.is_empty() && name.is_empty() && weight.is_empty() && max.is_empty() {
            continue;
        }
        let mut number = |k: &str, v: &str, what: &str| match v.parse::<u32>() {
            Ok(n) => n,
            Err(_) => {
                e.add(
                    &format!("crit_{k}_{i}"),
                    format!(
                        "Tiêu chí ở dòng {}: {what} phải là số nguyên không âm",
                        i + 1
                    ),
                );
                0
            }
        };
        let weight = number("weight", &weight, "trọng số");
        let max_score = number("max", &max, "điểm tối đa");
        criteria.push(RubricCriterion {
            code,
            name,
            weight,
            max_score,
        });
    }
    let rubric = Rubric { criteria };
    if let Err(inv) = rubric.validate() {
        for (k, v) in inv.fields {
            e.add(
                if k.starts_with("criteria") {
                    "criteria"
                } else {
                    &k
                },
                v,
            );
        }
    }
    if f.get("name").is_empty() {
        e.add("name", "Chưa nhập tên vòng chấm điểm");
    }
    if !e.is_empty() {
        return council_view(
            &st,
            &caller,
            &id,
            &f,
            &e.fields,
            StatusCode::UNPROCESSABLE_ENTITY,
            false,
        )
        .await;
    }
    match st
        .store
        .open_round(
            &caller.actor(),
            c.council.id,
            &f.get("name"),
            &rubric,
            &f.ids("initiative_ids"),
        )
        .await
    {
        Ok(r) => Ok(redirect(&format!("/hoi-dong/vong/{}", r.id))),
        Err(err) => {
            let (status, errors) = form_problems(err)?;
            council_view(&st, &caller, &id, &f, &errors, status, false).await
        }
    }
}

// ----- the scoring page ----------------------------------------------------------------------

/// A refused form of the round page: which item it was for, what was typed, the problems.
#[derive(Default)]
struct RoundForm {
    item: Option<i64>,
    f: Fields,
    errors: BTreeMap<String, String>,
}

async fn round_view(
    st: &AppState,
    caller: &Caller,
    id: &str,
    form: RoundForm,
    status: StatusCode,
    notice: &str,
) -> PageResult {
    let view = round_for(st, caller, id, false).await?;
    let manage = allows(
        &caller.viewer,
        Action::ManageCouncils,
        council_target(view.council.unit_id),
    );
    let open = view.round.status == "open";
    let in_round: HashSet<i64> = view.items.iter().map(|i| i.initiative_id).collect();
    let choices = if manage && open {
        submitted_choices(st, caller, &in_round).await?
    } else {
        Vec::new()
    };
    let items: Vec<Value> = view
        .items
        .iter()
        .map(|it| {
            let mine = it.mine.as_ref().map(|s| {
                context! { total => decimal(s.total), scores => s.scores.clone(), agrees => s.agrees, comment => s.comment.clone() }
            });
            let sheets: Vec<Value> = it
                .sheets
                .iter()
                .map(|s| context! { member_name => s.member_name.clone(), scores => s.scores.clone(), total => decimal(s.total), agrees => s.agrees, comment => s.comment.clone() })
                .collect();
            context! {
                id => it.initiative_id, title => it.title.clone(), unit_name => it.unit_name.clone(),
                status => it.status.clone(), mine, own => it.own_initiative, sheets, scored => it.scored,
                mean => it.mean.map(decimal), agreeing => it.agreeing,
                recognition => it.recognition.clone(),
                can_score => open && view.member.is_some() && it.mine.is_none() && !it.own_initiative,
            }
        })
        .collect();
    let body = page(
        st,
        caller,
        "ini_round.html",
        context! {
            title => view.round.name.clone(), nav => "councils", round => view.round.clone(),
            council => view.council.clone(), members => view.members, criteria => view.criteria.clone(),
            member => view.member.clone(), items, open, manage, choices, notice,
            err_item => form.item, rf => form.f.map(), errors => form.errors,
            today => format::date_vn(today()),
        },
    )?;
    Ok(with_status(status, body))
}

async fn round_page(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    params: Params,
) -> PageResult {
    let notice = if params.text("da_cham").is_some() {
        "Đã ghi phiếu chấm của bạn."
    } else if params.text("da_ket_thuc").is_some() {
        "Vòng chấm điểm đã kết thúc: mọi phiếu chấm được công khai với hội đồng."
    } else if params.text("da_quyet_dinh").is_some() {
        "Đã ghi quyết định của hội đồng."
    } else if params.text("da_them").is_some() {
        "Đã đưa sáng kiến vào vòng chấm điểm."
    } else {
        ""
    };
    round_view(
        &st,
        &caller,
        &id,
        RoundForm::default(),
        StatusCode::OK,
        notice,
    )
    .await
}

async fn score(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Form(raw): Form<Vec<(String, String)>>,
) -> PageResult {
    let round_id = parse_id(&id, "vòng chấm điểm")?;
    let f = Fields(raw);
    let initiative_id = f
        .get("initiative_id")
        .parse::<i64>()
        .ok()
        .filter(|i| *i > 0)
        .ok_or_else(|| AppError::not_found("sáng kiến"))?;
    let facts = initiative_for(&st, &caller.viewer, initiative_id, Action::ReadInitiative).await?;
    check(&caller.viewer, Action::ScoreInitiatives, target(&facts))?;
    let user = caller.user_id().ok_or_else(AppError::forbidden)?;
    let view = round_for(&st, &caller, &id, false).await?;
    let mut e = Invalid::new();
    let mut raw_scores = BTreeMap::new();
    for c in &view.criteria {
        let v = f.get(&format!("score_{}", c.code));
        if v.is_empty() {
            e.add(
                &format!("score_{}", c.code),
                format!("Chưa chấm tiêu chí “{}”", c.name),
            );
            continue;
        }
        match v.parse::<i64>() {
            Ok(n) => {
                raw_scores.insert(c.code.clone(), n);
            }
            Err(_) => e.add(
                &format!("score_{}", c.code),
                format!(
                    "Điểm tiêu chí “{}” phải là số nguyên từ 0 đến {} (đã nhập “{v}”)",
                    c.name, c.max_score
                ),
            ),
        }
    }
    let rename = |errors: BTreeMap<String, String>| -> BTreeMap<String, String> {
        errors
            .into_iter()
            .map(|(k, v)| match k.strip_prefix("scores.") {
                Some(code) => (format!("score_{code}"), v),
                None => (k, v),
            })
            .collect()
    };
    let refused = |errors, status| {
        let form = RoundForm {
            item: Some(initiative_id),
            f: f.clone(),
            errors,
        };
        round_view(&st, &caller, &id, form, status, "")
    };
    if !e.is_empty() {
        return refused(e.fields, StatusCode::UNPROCESSABLE_ENTITY).await;
    }
    let scores = match score_values(&raw_scores) {
        Ok(s) => s,
        Err(err) => return refused(rename(err.fields), StatusCode::UNPROCESSABLE_ENTITY).await,
    };
    match st
        .store
        .submit_score(
            &caller.actor(),
            round_id,
            initiative_id,
            user,
            SheetInput {
                scores,
                agrees: !f.get("agrees").is_empty(),
                comment: f.get("comment"),
            },
        )
        .await
    {
        Ok(_) => Ok(redirect(&format!("/hoi-dong/vong/{round_id}?da_cham=1"))),
        Err(err) => {
            let (status, errors) = form_problems(err)?;
            refused(rename(errors), status).await
        }
    }
}

async fn add_to_round(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Form(raw): Form<Vec<(String, String)>>,
) -> PageResult {
    let view = round_for(&st, &caller, &id, true).await?;
    let f = Fields(raw);
    let ids = f.ids("initiative_ids");
    let refused = |errors, status| {
        let form = RoundForm {
            item: None,
            f: f.clone(),
            errors,
        };
        round_view(&st, &caller, &id, form, status, "")
    };
    if ids.is_empty() {
        let mut e = BTreeMap::new();
        e.insert(
            "initiative_ids".to_owned(),
            "Chưa chọn sáng kiến nào để đưa vào vòng".to_owned(),
        );
        return refused(e, StatusCode::UNPROCESSABLE_ENTITY).await;
    }
    match st
        .store
        .add_to_round(&caller.actor(), view.round.id, &ids)
        .await
    {
        Ok(()) => Ok(redirect(&format!(
            "/hoi-dong/vong/{}?da_them=1",
            view.round.id
        ))),
        Err(err) => {
            let (status, errors) = form_problems(err)?;
            refused(errors, status).await
        }
    }
}

async fn close_round(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> PageResult {
    let view = round_for(&st, &caller, &id, true).await?;
    match st.store.close_round(&caller.actor(), view.round.id).await {
        Ok(_) => Ok(redirect(&format!(
            "/hoi-dong/vong/{}?da_ket_thuc=1",
            view.round.id
        ))),
        Err(err) => {
            let (status, errors) = form_problems(err)?;
            let form = RoundForm {
                errors,
                ..Default::default()
            };
            round_view(&st, &caller, &id, form, status, "").await
        }
    }
}

async fn decide(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Form(raw): Form<Vec<(String, String)>>,
) -> PageResult {
    let view = round_for(&st, &caller, &id, true).await?;
    let f = Fields(raw);
    let initiative_id = f
        .get("initiative_id")
        .parse::<i64>()
        .ok()
        .filter(|i| *i > 0)
        .ok_or_else(|| AppError::not_found("sáng kiến"))?;
    let mut e = Invalid::new();
    let agreeing = count_field(
        &mut e,
        "agreeing",
        &f.get("agreeing"),
        "Số thành viên đồng ý",
    )
    .map(|n| u32::try_from(n).unwrap_or(u32::MAX));
    let decided_on = date_field(
        &mut e,
        "decided_on",
        &f.get("decided_on"),
        "Ngày quyết định",
    )
    .unwrap_or_else(today);
    let refused = |errors, status| {
        let form = RoundForm {
            item: Some(initiative_id),
            f: f.clone(),
            errors,
        };
        round_view(&st, &caller, &id, form, status, "")
    };
    if !e.is_empty() {
        return refused(e.fields, StatusCode::UNPROCESSABLE_ENTITY).await;
    }
    match st
        .store
        .decide_recognition(
            &caller.actor(),
            view.round.id,
            initiative_id,
            agreeing,
            decided_on,
        )
        .await
    {
        Ok(_) => Ok(redirect(&format!(
            "/hoi-dong/vong/{}?da_quyet_dinh=1",
            view.round.id
        ))),
        Err(err) => {
            let (status, errors) = form_problems(err)?;
            refused(errors, status).await
        }
    }
}
