//! The Vietnamese pages: home, the unit tree, a unit, people (search, filters, sort, pages), a person and
//! the person form. They work without JavaScript; htmx only makes the people search live.

use crate::error::{AppError, PageError};
use crate::extract::{parse_id, Caller, Params};
use crate::permissions::{check, unit as unit_target, within, Action, Target};
use crate::templates::page;
use crate::AppState;
use crate::Routes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, Uri};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::Form;
use minijinja::context;
use std::collections::{HashMap, HashSet};
use thidua_domain::directory::{PersonCategory, PersonInput, StaffLevel};
use thidua_domain::format;
use thidua_store::directory::{PeopleQuery, PeopleSort};
use thidua_store::entity::units;

pub(crate) fn routes() -> Routes {
    Routes::new()
        .get("/", home)
        .get("/don-vi", units_page)
        .get("/don-vi/{id}", unit_page)
        .get("/nguoi", people_page)
        .get("/nguoi/moi", new_person_form)
        .post("/nguoi/moi", create_person)
        .get("/nguoi/{id}", person_page)
        .get("/nguoi/{id}/sua", edit_person_form)
        .post("/nguoi/{id}/sua", update_person)
        .get("/xet-dieu-kien", eligibility_page)
}

type PageResult = Result<Response, PageError>;

/// Above this many units, a page offers the unit tree instead of a drop-down of every unit.
const MAX_UNITS_IN_PICKER: usize = 300;

fn html(body: String) -> Response {
    Html(body).into_response()
}

/// The 404 page for unknown addresses (JSON under `/api/`).
pub async fn not_found(State(st): State<AppState>, caller: Caller, uri: Uri) -> Response {
    let e = AppError::not_found("trang này");
    if uri.path().starts_with("/api/") {
        return crate::error::ApiError(e).into_response();
    }
    // With the viewer's menu and the sample banner, like every other page.
    let ctx =
        context! { title => "Không tìm thấy trang", status => 404, message => e.message.clone() };
    match page(&st, &caller, "error.html", ctx) {
        Ok(body) => (axum::http::StatusCode::NOT_FOUND, Html(body)).into_response(),
        Err(_) => PageError(e).into_response(),
    }
}

async fn home(State(st): State<AppState>, caller: Caller) -> PageResult {
    check(&caller.viewer, Action::ReadPublic, Target::None)?;
    if caller.viewer.principal().is_none() {
        return Ok(html(page(
            &st,
            &caller,
            "home.html",
            context! { title => "Trang chủ" },
        )?));
    }
    let scope = within(&caller.viewer);
    let units = st
        .store
        .units_all()
        .await?
        .iter()
        .filter(|u| u.active && scope.as_ref().is_none_or(|s| s.contains(&u.id)))
        .count();
    let people = st
        .store
        .people_search(&PeopleQuery {
            page: 1,
            per_page: 1,
            within: scope.clone(),
            ..Default::default()
        })
        .await?
        .total;
    let groups = if scope.is_none() {
        st.store.groups().await?
    } else {
        Vec::new()
    };
    Ok(html(page(
        &st,
        &caller,
        "home.html",
        context! { title => "Trang chủ", units, people, groups },
    )?))
}

#[derive(serde::Serialize)]
pub(crate) struct TreeRow {
    pub depth: usize,
    pub unit: units::Model,
}

/// Units in tree order (each parent followed by its children, siblings in Vietnamese order).
fn tree_rows(all: Vec<units::Model>, keep: &dyn Fn(&units::Model) -> bool) -> Vec<TreeRow> {
    let ids: HashSet<i64> = all.iter().map(|u| u.id).collect();
    let mut children: HashMap<Option<i64>, Vec<units::Model>> = HashMap::new();
    for u in all {
        let parent = u.parent_id.filter(|p| ids.contains(p));
        children.entry(parent).or_default().push(u);
    }
    let mut out = Vec::new();
    let mut stack: Vec<(usize, units::Model)> = children
        .remove(&None)
        .unwrap_or_default()
        .into_iter()
        .rev()
        .map(|u| (0, u))
        .collect();
    while let Some((depth, unit)) = stack.pop() {
        if let Some(kids) = children.remove(&Some(unit.id)) {
            stack.extend(kids.into_iter().rev().map(|k| (depth + 1, k)));
        }
        if keep(&unit) {
            out.push(TreeRow { depth, unit });
        }
    }
    out
}

/// The unit list as the page shows it: the filters of its address, the rows in tree order (flat
/// when filtered), only units in the viewer's scope. The page and its Excel export read the same.
pub(crate) struct UnitList {
    pub rows: Vec<TreeRow>,
    pub groups: Vec<thidua_store::directory::GroupItem>,
    pub q: String,
    pub group: String,
    pub show_closed: bool,
}

impl UnitList {
    pub async fn read(
        st: &AppState,
        caller: &Caller,
        params: &Params,
    ) -> Result<UnitList, AppError> {
        let scope = within(&caller.viewer);
        let q = params.text("q").unwrap_or_default();
        let folded = thidua_domain::text::fold(&q);
        let group = params.text("nhom").unwrap_or_default();
        let show_closed = params.text("cu").is_some();
        let groups = st.store.groups().await?;
        let members: Option<HashSet<i64>> = if group.is_empty() {
            None
        } else {
            let g = groups
                .iter()
                .find(|g| g.code == group)
                .ok_or_else(|| AppError::bad_param("nhom", "Nhóm nơi nhận không tồn tại"))?;
            Some(g.unit_ids.iter().copied().collect())
        };
        let filtering = !folded.is_empty() || members.is_some();
        let keep = |u: &units::Model| {
            scope.as_ref().is_none_or(|s| s.contains(&u.id))
                && (show_closed || u.active)
                && members.as_ref().is_none_or(|m| m.contains(&u.id))
                && (folded.is_empty()
                    || thidua_domain::text::fold(&u.name).contains(&folded)
                    || u.code.eq_ignore_ascii_case(&q))
        };
        let mut rows = tree_rows(st.store.units_all().await?, &keep);
        if filtering {
            for r in &mut rows {
                r.depth = 0;
            }
        }
        Ok(UnitList {
            rows,
            groups,
            q,
            group,
            show_closed,
        })
    }

    /// The filters as a query string.
    pub fn query_string(&self) -> String {
        let mut pairs = vec![("q", self.q.as_str()), ("nhom", self.group.as_str())];
        if self.show_closed {
            pairs.push(("cu", "1"));
        }
        serde_urlencoded::to_string(pairs).unwrap_or_default()
    }
}

async fn units_page(State(st): State<AppState>, caller: Caller, params: Params) -> PageResult {
    check(&caller.viewer, Action::ListUnits, Target::None)?;
    let list = UnitList::read(&st, &caller, &params).await?;
    let export = format!("/don-vi/xuat.xlsx?{}", list.query_string());
    let UnitList {
        rows,
        groups,
        q,
        group,
        show_closed,
    } = list;
    Ok(html(page(
        &st,
        &caller,
        "units.html",
        context! { title => "Đơn vị", nav => "units", rows, groups, q, group, show_closed, export },
    )?))
}

async fn unit_page(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> PageResult {
    check(&caller.viewer, Action::ListUnits, Target::None)?;
    let id = parse_id(&id, "đơn vị")?;
    let d = st
        .store
        .unit_detail(id)
        .await?
        .ok_or_else(|| AppError::not_found("đơn vị"))?;
    let target = unit_target(&d.unit);
    check(&caller.viewer, Action::ReadUnit, target)?;
    let can_add = crate::permissions::allows(&caller.viewer, Action::EditPerson, target);
    Ok(html(page(
        &st,
        &caller,
        "unit.html",
        context! { title => d.unit.name.clone(), nav => "units", d, can_add },
    )?))
}

fn code_labels<T: Copy>(
    all: &[T],
    code: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
) -> Vec<minijinja::Value> {
    all.iter()
        .map(|c| context! { code => code(*c), label => label(*c) })
        .collect()
}

/// The rows of the people table, written straight into HTML: fifty rows through the template engine
/// cost more than the rest of the page together (each value converted and looked up by name), and
/// this is the page officers use most. Every text is escaped here as the templates escape it.
fn people_rows_html(items: &[thidua_store::directory::PersonItem]) -> minijinja::Value {
    use crate::templates::escape_into as esc;
    use std::fmt::Write;
    let mut out = String::with_capacity(items.len() * 300);
    for p in items {
        let _ = write!(out, "<tr>\n  <td><a href=\"/nguoi/{}\">", p.id);
        esc(&mut out, &p.full_name);
        out.push_str("</a></td>\n  <td>");
        if let Some(d) = p.birth_date {
            out.push_str(&format::date_vn(d));
        }
        out.push_str("</td>\n  <td>");
        esc(&mut out, &p.position);
        out.push_str("</td>\n  <td>");
        esc(
            &mut out,
            PersonCategory::from_code(&p.category)
                .map(|c| c.label())
                .unwrap_or(&p.category),
        );
        let _ = write!(out, "</td>\n  <td><a href=\"/don-vi/{}\">", p.unit_id);
        esc(&mut out, &p.unit_name);
        out.push_str("</a></td>\n</tr>\n");
    }
    minijinja::Value::from_safe_string(out)
}

/// The filters of the people list as its address carries them, and the query they make within the
/// viewer's scope: the page and its Excel export read the same.
pub(crate) struct PeopleFilters {
    pub query: PeopleQuery,
    pub category_code: String,
    pub sort_code: String,
}

impl PeopleFilters {
    pub fn read(caller: &Caller, params: &Params) -> Result<PeopleFilters, AppError> {
        let sort_code = params.text("sap_xep").unwrap_or_else(|| "name".into());
        let sort = PeopleSort::from_code(&sort_code)
            .ok_or_else(|| AppError::bad_param("sap_xep", "Cách sắp xếp không hợp lệ"))?;
        Ok(PeopleFilters {
            query: PeopleQuery {
                q: Some(params.text("q").unwrap_or_default()),
                unit_id: params.id("don_vi")?,
                category: params.category("doi_tuong")?,
                within: within(&caller.viewer),
                sort,
                page: params.number("page", 1, 100_000)?,
                per_page: 50,
            },
            category_code: params.text("doi_tuong").unwrap_or_default(),
            sort_code,
        })
    }

    /// The filters as a query string (without the page).
    pub fn query_string(&self) -> String {
        serde_urlencoded::to_string([
            ("q", self.query.q.as_deref().unwrap_or("")),
            (
                "don_vi",
                &self
                    .query
                    .unit_id
                    .map(|u| u.to_string())
                    .unwrap_or_default(),
            ),
            ("doi_tuong", self.category_code.as_str()),
            ("sap_xep", self.sort_code.as_str()),
        ])
        .unwrap_or_default()
    }
}

async fn people_page(
    State(st): State<AppState>,
    caller: Caller,
    params: Params,
    headers: HeaderMap,
) -> PageResult {
    check(&caller.viewer, Action::ListPeople, Target::None)?;
    let filters = PeopleFilters::read(&caller, &params)?;
    let found = st.store.people_search(&filters.query).await?;
    let pages = found.total.div_ceil(filters.query.per_page).max(1);
    let base = format!("/nguoi?{}", filters.query_string());
    let export = format!("/nguoi/xuat.xlsx?{}", filters.query_string());
    let rows = people_rows_html(&found.items);
    let PeopleFilters {
        query,
        category_code,
        sort_code,
    } = filters;
    let (q, unit_id, page) = (query.q.unwrap_or_default(), query.unit_id, query.page);
    let scope = query.within;
    let ctx = context! {
        title => "Cán bộ, người lao động", nav => "people",
        rows, total => found.total, page, pages, base, export, q, unit_id, category => category_code, sort => sort_code,
    };
    // htmx asks for the results only; everything else gets the whole page.
    if headers.contains_key("hx-request") && !headers.contains_key("hx-boosted") {
        return Ok(html(crate::templates::page(
            &st,
            &caller,
            "people_rows.html",
            ctx,
        )?));
    }
    // A drop-down of every unit serves a city; a province's thousand units are chosen from the unit
    // tree instead (each unit's page links to its people), and the filter shows the chosen one.
    let choices = st
        .store
        .unit_choices_up_to(unit_id, scope.as_deref(), MAX_UNITS_IN_PICKER)
        .await?;
    let pick_from_tree = choices.is_none();
    let units = match choices {
        Some(units) => units,
        // Only the unit chosen, to show the filter.
        None => match unit_id {
            Some(id) => st
                .store
                .unit_choices_up_to(Some(id), Some(&std::iter::once(id).collect()), 1)
                .await?
                .unwrap_or_default(),
            None => Vec::new(),
        },
    };
    let categories = code_labels(
        PersonCategory::ALL,
        PersonCategory::code,
        PersonCategory::label,
    );
    Ok(html(crate::templates::page(
        &st,
        &caller,
        "people.html",
        context! { units, pick_from_tree, categories, ..ctx },
    )?))
}

async fn person_page(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    params: Params,
) -> PageResult {
    let id = parse_id(&id, "người")?;
    let d = st
        .store
        .person_detail(id)
        .await?
        .ok_or_else(|| AppError::not_found("người"))?;
    let target = Target::Person {
        id,
        unit_id: d.person.unit_id,
    };
    check(&caller.viewer, Action::ReadPerson, target)?;
    let can_edit = crate::permissions::allows(&caller.viewer, Action::EditPerson, target);
    let saved = params.text("da_luu").is_some();
    let record = st.store.person_record(id).await?;
    Ok(html(page(
        &st,
        &caller,
        "person.html",
        context! { title => d.person.full_name.clone(), nav => "people", d, saved, can_edit, record },
    )?))
}

/// The person form's fields as typed, so that nothing is lost when the form comes back with errors.
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
struct PersonForm {
    #[serde(default)]
    full_name: String,
    #[serde(default)]
    gender: String,
    #[serde(default)]
    birth_date: String,
    #[serde(default)]
    unit_id: String,
    #[serde(default)]
    position: String,
    #[serde(default)]
    category: String,
    #[serde(default)]
    staff_level: String,
    #[serde(default)]
    union_member: Option<String>,
    #[serde(default)]
    version: String,
}

impl PersonForm {
    /// Reads the form into the domain's input, collecting every problem.
    fn to_input(&self) -> Result<PersonInput, thidua_domain::validation::Invalid> {
        let mut e = thidua_domain::validation::Invalid::new();
        let birth_date = if self.birth_date.trim().is_empty() {
            None
        } else {
            let d = format::parse_date(&self.birth_date);
            if d.is_none() {
                e.add(
                    "birth_date",
                    "Ngày sinh phải có dạng ngày/tháng/năm, ví dụ 15/03/1985, và là ngày có thật",
                );
            }
            d
        };
        let unit_id = self.unit_id.trim().parse::<i64>().unwrap_or(0);
        let input = PersonInput {
            full_name: self.full_name.clone(),
            gender: Some(self.gender.clone()),
            birth_date,
            unit_id,
            position: self.position.clone(),
            category: self.category.clone(),
            staff_level: Some(self.staff_level.clone()),
            union_member: self.union_member.is_some(),
        };
        if let Err(more) = input.validate(today()) {
            for (k, v) in more.fields {
                e.add(&k, v);
            }
        }
        e.or_ok(input)
    }
}

fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

async fn form_page(
    st: &AppState,
    caller: &Caller,
    id: Option<i64>,
    form: &PersonForm,
    errors: &std::collections::BTreeMap<String, String>,
) -> PageResult {
    let mut units = st.store.unit_choices(None).await?;
    if let Some(s) = within(&caller.viewer) {
        units.retain(|u| s.contains(&u.id));
    }
    let categories = code_labels(
        PersonCategory::ALL,
        PersonCategory::code,
        PersonCategory::label,
    );
    let staff_levels = code_labels(StaffLevel::ALL, StaffLevel::code, StaffLevel::label);
    let title = if id.is_some() {
        "Sửa thông tin"
    } else {
        "Thêm người"
    };
    let body = page(
        st,
        caller,
        "person_form.html",
        context! { title, nav => "people", id, form, errors, units, categories, staff_levels },
    )?;
    let status = if errors.is_empty() {
        axum::http::StatusCode::OK
    } else {
        axum::http::StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok((status, Html(body)).into_response())
}

async fn new_person_form(State(st): State<AppState>, caller: Caller, params: Params) -> PageResult {
    check(&caller.viewer, Action::EditPerson, Target::None)?;
    let form = PersonForm {
        category: "cong_chuc".into(),
        staff_level: "worker".into(),
        unit_id: params.text("don_vi").unwrap_or_default(),
        ..Default::default()
    };
    form_page(&st, &caller, None, &form, &Default::default()).await
}

async fn create_person(
    State(st): State<AppState>,
    caller: Caller,
    Form(form): Form<PersonForm>,
) -> PageResult {
    check(&caller.viewer, Action::EditPerson, Target::None)?;
    let input = match form.to_input() {
        Ok(i) => i,
        Err(e) => return form_page(&st, &caller, None, &form, &e.fields).await,
    };
    crate::permissions::check_people_unit(&st, &caller.viewer, input.unit_id).await?;
    let valid = input.validate(today()).map_err(AppError::from)?;
    match st
        .store
        .create_person(&caller.actor(), valid, today())
        .await
    {
        Ok(p) => Ok(Redirect::to(&format!("/nguoi/{}?da_luu=1", p.id)).into_response()),
        Err(thidua_store::StoreError::Invalid(e)) => {
            form_page(&st, &caller, None, &form, &e.fields).await
        }
        Err(e) => Err(e.into()),
    }
}

async fn edit_person_form(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> PageResult {
    let id = parse_id(&id, "người")?;
    let p = crate::permissions::person_for(&st, &caller.viewer, id, Action::EditPerson).await?;
    let form = PersonForm {
        full_name: p.full_name,
        gender: p.gender.unwrap_or_default(),
        birth_date: p.birth_date.map(format::date_vn).unwrap_or_default(),
        unit_id: p.unit_id.to_string(),
        position: p.position,
        category: p.category,
        staff_level: p.staff_level,
        union_member: p.union_member.then(|| "1".to_owned()),
        version: p.version.to_string(),
    };
    form_page(&st, &caller, Some(id), &form, &Default::default()).await
}

async fn update_person(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Form(form): Form<PersonForm>,
) -> PageResult {
    let id = parse_id(&id, "người")?;
    crate::permissions::person_for(&st, &caller.viewer, id, Action::EditPerson).await?;
    let input = match form.to_input() {
        Ok(i) => i,
        Err(e) => return form_page(&st, &caller, Some(id), &form, &e.fields).await,
    };
    crate::permissions::check_people_unit(&st, &caller.viewer, input.unit_id).await?;
    let valid = input.validate(today()).map_err(AppError::from)?;
    let version = form.version.trim().parse::<i32>().ok();
    match st
        .store
        .update_person(&caller.actor(), id, valid, version, today())
        .await
    {
        Ok(_) => Ok(Redirect::to(&format!("/nguoi/{id}?da_luu=1")).into_response()),
        // The edit stays on the form: nothing typed is lost, and the officer is told why.
        Err(thidua_store::StoreError::Conflict { message, .. }) => {
            let mut errors = std::collections::BTreeMap::new();
            errors.insert("version".to_owned(), message);
            let mut page = form_page(&st, &caller, Some(id), &form, &errors).await?;
            *page.status_mut() = axum::http::StatusCode::CONFLICT;
            Ok(page)
        }
        Err(thidua_store::StoreError::Invalid(e)) => {
            form_page(&st, &caller, Some(id), &form, &e.fields).await
        }
        Err(e) => Err(e.into()),
    }
}

/// The eligibility page: an officer fills a case (or starts from a person's record) and reads the
/// verdict of the rules engine, criterion by criterion with its citation.
async fn eligibility_page(
    State(st): State<AppState>,
    caller: Caller,
    params: Params,
) -> PageResult {
    use thidua_domain::directory::Rating;
    use thidua_domain::rules;
    check(&caller.viewer, Action::CheckEligibility, Target::None)?;
    let tables = st.store.rule_tables().await?;
    let catalogue = rules::catalogue(&tables);
    let this_year = chrono::Datelike::year(&today());
    let year: i32 = match params.text("nam") {
        Some(y) => y
            .parse()
            .ok()
            .filter(|y| (1990..=this_year + 1).contains(y))
            .ok_or_else(|| AppError::bad_param("nam", "Năm xét phải là một năm có bốn chữ số"))?,
        None => this_year - 1,
    };
    let person = match params.id("nguoi")? {
        Some(id) => {
            let d = st
                .store
                .person_detail(id)
                .await?
                .ok_or_else(|| AppError::not_found("người"))?;
            let target = Target::Person {
                id,
                unit_id: d.person.unit_id,
            };
            check(&caller.viewer, Action::ReadPerson, target)?;
            Some(d)
        }
        None => None,
    };
    let mut years = Vec::new();
    for i in 0..3 {
        let y = year - i;
        let from_record = person
            .as_ref()
            .and_then(|d| d.ratings.iter().find(|r| r.year == y))
            .map(|r| r.rating.clone());
        years.push(context! {
            year => y,
            rating => params.text(&format!("xl{i}")).or(from_record).unwrap_or_default(),
            ldtt => params.text(&format!("ldtt{i}")).is_some(),
            cstd => params.text(&format!("cstd{i}")).is_some(),
            csttinh => params.text(&format!("csttinh{i}")).is_some(),
            scope => params.text(&format!("sk{i}")).unwrap_or_default(),
        });
    }
    let f = context! {
        danh_hieu => params.text("danh_hieu").unwrap_or_else(|| "lao_dong_tien_tien".into()),
        nam => year,
        ngay_qd => params.text("ngay_qd").unwrap_or_else(|| format::date_vn(today())),
        tv_tong => params.text("tv_tong").unwrap_or_default(),
        tv_ht => params.text("tv_ht").unwrap_or_default(),
        tv_ldtt => params.text("tv_ldtt").unwrap_or_default(),
        tv_cstd => params.text("tv_cstd").unwrap_or_default(),
        tv_kl => params.text("tv_kl").unwrap_or_default(),
        dang_xu_ly => params.text("dang_xu_ly").is_some(),
    };
    let (mut verdict, mut error) = (None, None);
    if params.text("xet").is_some() {
        match eligibility_case(&params, year, &catalogue) {
            Ok(case) => match rules::check_json_with(&case.to_string(), &tables, &[]) {
                Ok(v) => verdict = Some(v),
                Err(e) => error = Some(e.to_string()),
            },
            Err(message) => error = Some(message),
        }
    }
    let ratings = code_labels(Rating::ALL, Rating::code, Rating::label);
    let scopes = [
        ("co_so", "Cấp cơ sở"),
        ("huyen", "Cấp huyện, thành phố"),
        ("tinh", "Cấp tỉnh"),
        ("toan_quoc", "Toàn quốc"),
    ]
    .iter()
    .map(|(code, label)| context! { code, label })
    .collect::<Vec<_>>();
    let body = page(
        &st,
        &caller,
        "eligibility.html",
        context! {
            title => "Xét điều kiện", nav => "eligibility",
            catalogue, years, ratings, scopes, f, v => verdict, error => error.clone(),
            person => person.map(|d| d.person),
        },
    )?;
    let status = if error.is_some() {
        axum::http::StatusCode::UNPROCESSABLE_ENTITY
    } else {
        axum::http::StatusCode::OK
    };
    Ok((status, Html(body)).into_response())
}

/// The case of `eligibility.md` built from the page's fields.
fn eligibility_case(
    params: &Params,
    year: i32,
    catalogue: &[thidua_domain::rules::CatalogueEntry],
) -> Result<serde_json::Value, String> {
    let title = params.text("danh_hieu").unwrap_or_default();
    let entry = catalogue
        .iter()
        .find(|e| e.code == title)
        .ok_or("Chưa chọn danh hiệu, hình thức")?;
    let collective = serde_json::to_value(entry.subject)
        .ok()
        .and_then(|v| v.as_str().map(|s| s == "collective"))
        .unwrap_or(false);
    let decision = params
        .text("ngay_qd")
        .and_then(|d| format::parse_date(&d))
        .ok_or("Ngày quyết định phải có dạng dd/mm/yyyy và là ngày có thật")?;
    let mut history = Vec::new();
    for i in 0..3 {
        let Some(rating) = params.text(&format!("xl{i}")) else {
            continue;
        };
        let mut titles = Vec::new();
        for (key, code) in [
            ("ldtt", "lao_dong_tien_tien"),
            ("cstd", "chien_si_thi_dua_co_so"),
            ("csttinh", "chien_si_thi_dua_cap_tinh"),
        ] {
            if params.text(&format!("{key}{i}")).is_some() && !collective {
                titles.push(code);
            }
        }
        let initiatives: Vec<serde_json::Value> = params
            .text(&format!("sk{i}"))
            .map(|s| vec![serde_json::json!({"scope": s})])
            .unwrap_or_default();
        history.push(serde_json::json!({"year": year - i, "rating": rating, "titles": titles, "initiatives": initiatives, "science_projects": []}));
    }
    let mut case = serde_json::json!({
        "subject": if collective { "collective" } else { "individual" },
        "title": title,
        "year": year,
        "decision_date": decision.to_string(),
        "history": history,
        "discipline_pending": params.text("dang_xu_ly").is_some(),
        "disciplined": null,
    });
    if collective {
        let n = |k: &str| -> Result<u64, String> {
            params
                .text(k)
                .unwrap_or_else(|| "0".into())
                .parse::<u64>()
                .map_err(|_| "Số thành viên phải là số nguyên không âm".to_owned())
        };
        case["members"] = serde_json::json!({
            "total": n("tv_tong")?, "completed": n("tv_ht")?, "lao_dong_tien_tien": n("tv_ldtt")?,
            "chien_si_thi_dua_co_so": n("tv_cstd")?, "disciplined_canh_cao_or_above": n("tv_kl")?,
        });
    }
    Ok(case)
}
