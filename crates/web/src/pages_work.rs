//! The pages of movements and directives (phong trào, văn bản chỉ đạo): the document register with its
//! "căn cứ" chains and attachments, movements and the units' own launches, directives from draft to
//! issue and new versions, the units' inbox, their reports with evidence, the follow-up matrix with
//! reminders and inspections, registrations with their CSV export, and propaganda.
//!
//! Server-rendered and usable without JavaScript: forms post, the server answers a redirect or the
//! same page with every problem named beside what the user typed. Each handler asks
//! [`permissions`](crate::permissions) once and changes data only through the audited store methods.

use crate::error::{AppError, PageError};
use crate::extract::{parse_id, Caller, Params};
use crate::permissions::{allows, check, document_visible, unit_work, within, Action, Target};
use crate::templates::{escape_into, page};
use crate::{AppState, Routes};
use axum::extract::{Multipart, Path, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::Form;
use chrono::{Datelike, NaiveDate};
use minijinja::{context, Value};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use thidua_domain::docref::{DocumentKind, DocumentReference};
use thidua_domain::format;
use thidua_domain::movement::{
    CellState, DirectiveInput, DirectiveStatus, DocumentDirection, DocumentInput, InspectionInput,
    MovementInput, MovementKind, MovementStatus, PhaseInput, PostInput, PostKind, RegisteredPerson,
    RegistrationInput, ReportInput, TaskInput,
};
use thidua_domain::validation::Invalid;
use thidua_store::entity::{attachments, documents, movements};
use thidua_store::files::Upload;
use thidua_store::movements::{DocumentQuery, MatrixFilter, MovementLinks};
use thidua_store::StoreError;

pub(crate) fn routes() -> Routes {
    Routes::new()
        .get("/van-ban", documents_page)
        .get("/van-ban/moi", new_document_form)
        .post("/van-ban/moi", create_document)
        .get("/van-ban/{id}", document_page)
        .post_upload("/van-ban/{id}/tep", upload_document_files)
        .get("/tep/{id}", download)
        .get("/phong-trao", movements_page)
        .get("/phong-trao/moi", new_movement_form)
        .post("/phong-trao/moi", create_movement)
        .get("/phong-trao/{id}", movement_page)
        .get("/phong-trao/{id}/sua", edit_movement_form)
        .post("/phong-trao/{id}/sua", update_movement)
        .get("/phong-trao/{id}/phat-dong", launch_form)
        .post("/phong-trao/{id}/phat-dong", launch_movement)
        .get("/chi-dao/moi", new_directive_form)
        .post("/chi-dao/moi", create_directive)
        .get("/chi-dao/{id}", directive_page)
        .get("/chi-dao/{id}/sua", edit_directive_form)
        .post("/chi-dao/{id}/sua", update_directive)
        .post("/chi-dao/{id}/ban-hanh", issue_directive)
        .post("/chi-dao/{id}/phien-ban-moi", new_directive_version)
        .post("/chi-dao/{id}/da-doc", mark_read)
        .get("/chi-dao/{id}/cong-van.docx", directive_docx)
        .post_upload("/chi-dao/{id}/bao-cao/{task_id}", save_report)
        .get("/chi-dao/{id}/theo-doi", matrix_page)
        .get("/chi-dao/{id}/don-vi/{unit_id}", unit_work_page)
        .post("/chi-dao/{id}/nhac", remind_units)
        .post("/chi-dao/{id}/kiem-tra", add_inspection)
        .get("/hop-thu", inbox_page)
        .post("/hop-thu/da-doc", read_notifications)
        .get("/dang-ky", registration_page)
        .post("/dang-ky", save_registration)
        .post("/dang-ky/{id}/mo-lai", reopen_registration)
        .get("/dang-ky/xuat.csv", export_registrations)
        .get("/tuyen-truyen", posts_page)
        .post_upload("/tuyen-truyen", add_post)
}

pub(crate) type PageResult = Result<Response, PageError>;

/// Rows of tasks a directive form shows beyond the filled ones (without JavaScript nobody can add one).
const SPARE_TASK_ROWS: usize = 3;
/// Rows of phases a movement form shows beyond the filled ones.
const SPARE_PHASE_ROWS: usize = 2;
/// The most rows a form is read for.
const MAX_ROWS: usize = 60;

// ----- small helpers ------------------------------------------------------------------------------

pub(crate) use crate::today;

pub(crate) fn html(body: String) -> Response {
    Html(body).into_response()
}

pub(crate) fn with_status(status: StatusCode, body: String) -> Response {
    (status, Html(body)).into_response()
}

pub(crate) fn redirect(to: &str) -> Response {
    Redirect::to(to).into_response()
}

/// The Vietnamese label of a code of this feature (`kind`: cell, direction, directive, doc_kind,
/// movement_kind, movement_status, post, nomination, decision), for the `work_label` filter of the templates.
pub(crate) fn label(code: &str, kind: &str) -> String {
    let l = match kind {
        "cell" => CellState::from_code(code).map(|c| c.label()),
        "direction" => DocumentDirection::from_code(code).map(|c| c.label()),
        "directive" => DirectiveStatus::from_code(code).map(|c| c.label()),
        "movement_kind" => MovementKind::from_code(code).map(|c| c.label()),
        "movement_status" => MovementStatus::from_code(code).map(|c| c.label()),
        "post" => PostKind::from_code(code).map(|c| c.label()),
        "doc_kind" => DocumentKind::from_code(code).map(|k| k.name()),
        "nomination" => {
            thidua_domain::commendation::NominationStatus::from_code(code).map(|c| c.label())
        }
        "decision" => {
            thidua_domain::commendation::DecisionStatus::from_code(code).map(|c| c.label())
        }
        _ => None,
    };
    l.unwrap_or(code).to_owned()
}

/// A form as posted: every (name, value) pair in order, so that repeated names (checkboxes) and
/// numbered rows are all kept.
#[derive(Debug, Default, Clone)]
pub(crate) struct Fields(pub(crate) Vec<(String, String)>);

impl Fields {
    /// The first value of `key`, trimmed; empty when absent.
    pub(crate) fn get(&self, key: &str) -> String {
        self.0
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.trim().to_owned())
            .unwrap_or_default()
    }

    /// Every non-empty value of `key`.
    pub(crate) fn all(&self, key: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, v)| k == key && !v.trim().is_empty())
            .map(|(_, v)| v.trim().to_owned())
            .collect()
    }

    /// Every value of `key` that is an id.
    pub(crate) fn ids(&self, key: &str) -> Vec<i64> {
        self.all(key)
            .iter()
            .filter_map(|v| v.parse::<i64>().ok())
            .filter(|v| *v > 0)
            .collect()
    }

    /// The first values, as the templates show them back.
    pub(crate) fn map(&self) -> BTreeMap<String, String> {
        let mut m = BTreeMap::new();
        for (k, v) in &self.0 {
            m.entry(k.clone()).or_insert_with(|| v.clone());
        }
        m
    }

    pub(crate) fn set(&mut self, key: &str, value: impl Into<String>) {
        self.0.retain(|(k, _)| k != key);
        self.0.push((key.to_owned(), value.into()));
    }
}

/// Reads a multipart form: its text fields, and its files (empty file inputs are left out).
/// The body of an upload form; handlers take it as a `Result` so that they decide on permissions
/// before a malformed body is even looked at.
pub(crate) type UploadBody = Result<Multipart, axum::extract::multipart::MultipartRejection>;

pub(crate) async fn read_multipart(
    mp: UploadBody,
) -> Result<(Fields, Vec<(String, Upload)>), AppError> {
    let mut mp = mp.map_err(|e| {
        AppError::bad_request(format!(
            "Biểu mẫu gửi kèm tệp không đúng dạng multipart/form-data ({})",
            e.body_text()
        ))
    })?;
    let bad = |e: axum::extract::multipart::MultipartError| {
        AppError::new(
            e.status(),
            "validation",
            format!("Không đọc được biểu mẫu gửi kèm tệp: {}", e.body_text()),
        )
    };
    let mut fields = Vec::new();
    let mut files = Vec::new();
    while let Some(field) = mp.next_field().await.map_err(bad)? {
        let name = field.name().unwrap_or_default().to_owned();
        match field.file_name().map(str::to_owned) {
            Some(file_name) => {
                let bytes = field.bytes().await.map_err(bad)?;
                if file_name.is_empty() && bytes.is_empty() {
                    continue;
                }
                files.push((name, Upload { file_name, bytes }));
            }
            None => {
                let text = field.text().await.map_err(bad)?;
                fields.push((name, text));
            }
        }
    }
    Ok((Fields(fields), files))
}

/// Checks files before anything is saved, so that a refused file leaves nothing half done; the
/// problem is named under `field`.
pub(crate) fn check_uploads(
    st: &AppState,
    field: &str,
    files: &[(String, Upload)],
    e: &mut Invalid,
) {
    for (_, u) in files {
        if let Err(problem) =
            thidua_domain::attachment::check(&u.file_name, &u.bytes, st.store.files().max_bytes)
        {
            for (_, message) in problem.fields {
                e.add(field, message);
            }
        }
    }
}

/// A store error a form can show beside its fields, with the status of the answer; other errors
/// (not found, the database) go up as error pages.
pub(crate) fn form_problems(
    e: StoreError,
) -> Result<(StatusCode, BTreeMap<String, String>), AppError> {
    match e {
        StoreError::Invalid(inv) => Ok((StatusCode::UNPROCESSABLE_ENTITY, inv.fields)),
        StoreError::Conflict { field, message } => {
            let mut m = BTreeMap::new();
            m.insert(field.unwrap_or_else(|| "form".into()), message);
            Ok((StatusCode::CONFLICT, m))
        }
        StoreError::Other(message) => {
            let mut m = BTreeMap::new();
            m.insert("form".into(), message);
            Ok((StatusCode::UNPROCESSABLE_ENTITY, m))
        }
        e => Err(e.into()),
    }
}

/// Renames error keys of the store or domain to the names of the form's fields.
pub(crate) fn rename_keys(
    errors: BTreeMap<String, String>,
    names: &[(&str, &str)],
) -> BTreeMap<String, String> {
    errors
        .into_iter()
        .map(|(k, v)| {
            let k = names
                .iter()
                .find(|(from, _)| *from == k)
                .map(|(_, to)| (*to).to_owned())
                .unwrap_or(k);
            (k, v)
        })
        .collect()
}

/// A year typed in a form.
pub(crate) fn year_field(e: &mut Invalid, field: &str, value: &str, what: &str) -> i32 {
    match value.trim().parse::<i32>() {
        Ok(y) if (2000..=2100).contains(&y) => y,
        _ => {
            e.add(
                field,
                format!("{what} phải là năm có bốn chữ số (2000–2100)"),
            );
            0
        }
    }
}

/// A date typed dd/mm/yyyy; empty is `None`.
pub(crate) fn date_field(
    e: &mut Invalid,
    field: &str,
    value: &str,
    what: &str,
) -> Option<NaiveDate> {
    let v = value.trim();
    if v.is_empty() {
        return None;
    }
    let d = format::parse_date(v);
    if d.is_none() {
        e.add(
            field,
            format!("{what} phải có dạng ngày/tháng/năm, ví dụ 31/05/2023, và là ngày có thật"),
        );
    }
    d
}

/// A count typed in a form; empty is `None`.
pub(crate) fn count_field(e: &mut Invalid, field: &str, value: &str, what: &str) -> Option<i64> {
    let v = value.trim().replace(['.', ' '], "");
    if v.is_empty() {
        return None;
    }
    match v.parse::<i64>() {
        Ok(n) if n >= 0 => Some(n),
        _ => {
            e.add(field, format!("{what} phải là số nguyên không âm"));
            None
        }
    }
}

/// The printed references typed one per line (or separated by ";" or ","), found in the register.
async fn resolve_references(
    st: &AppState,
    text: &str,
    field: &str,
    e: &mut Invalid,
) -> Result<Vec<i64>, AppError> {
    let mut wanted = Vec::new();
    for raw in text.split(['\n', ';', ',']) {
        let raw = raw.trim();
        if raw.is_empty() {
            continue;
        }
        match DocumentReference::parse(raw) {
            Ok(r) if r.is_draft() => e.add(
                field,
                format!("'{raw}' là văn bản dự thảo chưa có số; chỉ dẫn được văn bản đã có số"),
            ),
            Ok(r) => wanted.push(r.to_string()),
            Err(err) => e.add(
                field,
                format!("'{raw}': số và ký hiệu không hợp lệ ({err})"),
            ),
        }
    }
    let found = st.store.documents_by_reference(&wanted).await?;
    let mut ids = Vec::new();
    for r in &wanted {
        match found.get(r) {
            Some(d) if !ids.contains(&d.id) => ids.push(d.id),
            Some(_) => {}
            None => e.add(
                field,
                format!("Chưa có văn bản số {r} trong sổ văn bản; hãy vào sổ văn bản đó trước"),
            ),
        }
    }
    Ok(ids)
}

/// How a document's date is printed: whole, or only the month or year a draft has.
pub(crate) fn document_date(d: &documents::Model) -> String {
    match (d.issued_on, d.issued_month, d.issued_year) {
        (Some(on), _, _) => format::date_vn(on),
        (None, Some(m), Some(y)) => format!("tháng {m:02}/{y}"),
        (None, None, Some(y)) => format!("năm {y}"),
        _ => String::new(),
    }
}

/// A document as the pages show it.
fn document_view(d: &documents::Model) -> Value {
    let reference = d
        .reference
        .clone()
        .unwrap_or_else(|| format!("/{} (dự thảo, chưa có số)", d.symbol));
    context! {
        id => d.id,
        reference,
        number_line => d.reference.clone().unwrap_or_else(|| format!("/{}", d.symbol)),
        draft => d.reference.is_none(),
        direction => d.direction.clone(),
        kind => d.kind.clone(),
        date => document_date(d),
        summary => d.summary.clone(),
        issuer => d.issuer.clone(),
        signer => d.signer.clone(),
        status => d.status.clone(),
    }
}

/// The printed references of documents, one per line (for a form's "căn cứ" field).
fn references_text<'a>(docs: impl IntoIterator<Item = &'a documents::Model>) -> String {
    docs.into_iter()
        .filter_map(|d| d.reference.clone())
        .collect::<Vec<_>>()
        .join("\n")
}

pub(crate) fn attachment_views(list: &[attachments::Model]) -> Vec<Value> {
    list.iter()
        .map(|a| {
            context! {
                id => a.id, name => a.file_name.clone(), size_kb => (a.size.max(0) as u64).div_ceil(1024),
                created_by => a.created_by.clone(), created_at => a.created_at.to_rfc3339(),
            }
        })
        .collect()
}

/// The units of the viewer's account (their unit and those under it); empty for accounts of no unit.
pub(crate) fn own_units(caller: &Caller) -> BTreeSet<i64> {
    caller
        .viewer
        .principal()
        .filter(|p| p.unit_id.is_some())
        .map(|p| p.scope.iter().copied().collect())
        .unwrap_or_default()
}

/// Names of units, by id.
pub(crate) async fn unit_names(
    st: &AppState,
    ids: &BTreeSet<i64>,
) -> Result<HashMap<i64, String>, AppError> {
    let all = st.store.units_all().await?;
    Ok(all
        .into_iter()
        .filter(|u| ids.contains(&u.id))
        .map(|u| (u.id, u.name))
        .collect())
}

/// Units as (id, name) in Vietnamese order, for a drop-down.
pub(crate) async fn unit_options(
    st: &AppState,
    ids: &BTreeSet<i64>,
) -> Result<Vec<Value>, AppError> {
    let all = st.store.units_all().await?;
    Ok(all
        .into_iter()
        .filter(|u| ids.contains(&u.id) && u.active)
        .map(|u| context! { id => u.id, name => u.name })
        .collect())
}

fn kinds() -> Vec<Value> {
    DocumentKind::ALL
        .iter()
        .map(|k| context! { code => k.code(), name => k.name() })
        .collect()
}

// ----- the document register ---------------------------------------------------------------------

/// The filters of the document register as its address carries them, and the query they make (the
/// page and its Excel export read the same). Also the filters as a query string, without the page.
pub(crate) fn document_query(
    params: &Params,
    viewer: &crate::permissions::Viewer,
) -> Result<(DocumentQuery, String), AppError> {
    let q = params.text("q").unwrap_or_default();
    let direction = params.text("huong").unwrap_or_default();
    if !direction.is_empty() && DocumentDirection::from_code(&direction).is_none() {
        return Err(AppError::bad_param(
            "huong",
            "Chiều văn bản phải là incoming (đến) hoặc outgoing (đi)",
        ));
    }
    let kind = params.text("loai").unwrap_or_default();
    if !kind.is_empty() && DocumentKind::from_code(&kind).is_none() {
        return Err(AppError::bad_param(
            "loai",
            "Loại văn bản không có trong danh mục",
        ));
    }
    let year = match params.text("nam") {
        None => None,
        Some(y) => Some(
            y.parse::<i32>()
                .ok()
                .filter(|y| (1945..=2100).contains(y))
                .ok_or_else(|| AppError::bad_param("nam", "Năm phải là số có bốn chữ số"))?,
        ),
    };
    let filters = serde_urlencoded::to_string([
        ("q", q.as_str()),
        ("huong", direction.as_str()),
        ("loai", kind.as_str()),
        ("nam", &year.map(|y| y.to_string()).unwrap_or_default()),
    ])
    .unwrap_or_default();
    let query = DocumentQuery {
        q: Some(q).filter(|q| !q.is_empty()),
        direction: Some(direction).filter(|d| !d.is_empty()),
        kind: Some(kind).filter(|k| !k.is_empty()),
        year,
        drafts_of: within(viewer),
        page: params.number("page", 1, 100_000)?,
        per_page: 50,
    };
    Ok((query, filters))
}

async fn documents_page(State(st): State<AppState>, caller: Caller, params: Params) -> PageResult {
    check(&caller.viewer, Action::ReadDocuments, Target::None)?;
    let (query, filters) = document_query(&params, &caller.viewer)?;
    let found = st.store.documents(&query).await?;
    let pages = found.total.div_ceil(query.per_page).max(1);
    let base = format!("/van-ban?{filters}");
    let export = format!("/van-ban/xuat.xlsx?{filters}");
    let page_no = query.page;
    let (q, direction, kind, year) = (
        query.q.unwrap_or_default(),
        query.direction.unwrap_or_default(),
        query.kind.unwrap_or_default(),
        query.year,
    );
    let items: Vec<Value> = found.items.iter().map(document_view).collect();
    Ok(html(page(
        &st,
        &caller,
        "work_documents.html",
        context! {
            title => "Sổ văn bản", nav => "documents",
            items, total => found.total, page => page_no, pages, base, export,
            q, direction, kind, year, kinds => kinds(),
            can_edit => allows(&caller.viewer, Action::EditDocuments, Target::None),
        },
    )?))
}

async fn document_form_page(
    st: &AppState,
    caller: &Caller,
    f: &Fields,
    errors: &BTreeMap<String, String>,
    status: StatusCode,
) -> PageResult {
    let body = page(
        st,
        caller,
        "work_document_form.html",
        context! { title => "Vào sổ văn bản", nav => "documents", f => f.map(), errors, kinds => kinds() },
    )?;
    Ok(with_status(status, body))
}

async fn new_document_form(State(st): State<AppState>, caller: Caller) -> PageResult {
    check(&caller.viewer, Action::EditDocuments, Target::None)?;
    let mut f = Fields::default();
    f.set("direction", "incoming");
    document_form_page(&st, &caller, &f, &BTreeMap::new(), StatusCode::OK).await
}

async fn create_document(
    State(st): State<AppState>,
    caller: Caller,
    Form(raw): Form<Vec<(String, String)>>,
) -> PageResult {
    check(&caller.viewer, Action::EditDocuments, Target::None)?;
    let f = Fields(raw);
    let mut e = Invalid::new();
    let basis = resolve_references(&st, &f.get("basis"), "basis", &mut e).await?;
    let input = DocumentInput {
        direction: Some(f.get("direction")),
        reference: Some(f.get("reference")),
        kind: Some(f.get("kind")),
        issued_on: Some(f.get("issued_on")),
        summary: f.get("summary"),
        issuer: f.get("issuer"),
        signer: f.get("signer"),
        unit_id: None,
        basis_document_ids: basis.clone(),
    };
    let valid = match input.validate() {
        Ok(v) if e.is_empty() => v,
        Ok(_) => {
            return document_form_page(
                &st,
                &caller,
                &f,
                &e.fields,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(more) => {
            for (k, v) in more.fields {
                e.add(&k, v);
            }
            return document_form_page(
                &st,
                &caller,
                &f,
                &e.fields,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
    };
    let valid = thidua_store::movements::NewDocument {
        basis_ids: basis,
        ..valid
    };
    match st.store.register_document(&caller.actor(), valid).await {
        Ok(d) => Ok(redirect(&format!("/van-ban/{}?da_luu=1", d.id))),
        Err(err) => {
            let (status, errors) = form_problems(err)?;
            let errors = rename_keys(errors, &[("basis_ids", "basis")]);
            document_form_page(&st, &caller, &f, &errors, status).await
        }
    }
}

async fn document_view_page(
    st: &AppState,
    caller: &Caller,
    id: i64,
    params: &Params,
    upload_errors: &BTreeMap<String, String>,
    status: StatusCode,
) -> PageResult {
    check(&caller.viewer, Action::ReadDocuments, Target::None)?;
    let d = st
        .store
        .document(id)
        .await?
        .filter(|d| document_visible(&caller.viewer, &d.document))
        .ok_or_else(|| AppError::not_found("văn bản"))?;
    let basis: Vec<Value> = d
        .basis
        .iter()
        .filter(|(_, doc)| document_visible(&caller.viewer, doc))
        .map(|(depth, doc)| context! { depth => *depth, doc => document_view(doc) })
        .collect();
    let cited_by: Vec<Value> = d
        .cited_by
        .iter()
        .filter(|doc| document_visible(&caller.viewer, doc))
        .map(document_view)
        .collect();
    let files = attachment_views(&st.store.attachments("document", id).await?);
    let body = page(
        st,
        caller,
        "work_document.html",
        context! {
            title => d.document.summary.clone(), nav => "documents",
            doc => document_view(&d.document), basis, cited_by, files, errors => upload_errors,
            saved => params.text("da_luu").is_some(), uploaded => params.text("da_tai").is_some(),
            can_edit => allows(&caller.viewer, Action::EditDocuments, Target::None),
        },
    )?;
    Ok(with_status(status, body))
}

async fn document_page(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    params: Params,
) -> PageResult {
    let id = parse_id(&id, "văn bản")?;
    document_view_page(&st, &caller, id, &params, &BTreeMap::new(), StatusCode::OK).await
}

async fn upload_document_files(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    mp: UploadBody,
) -> PageResult {
    let id = parse_id(&id, "văn bản")?;
    check(&caller.viewer, Action::EditDocuments, Target::None)?;
    let doc = st
        .store
        .document(id)
        .await?
        .ok_or_else(|| AppError::not_found("văn bản"))?;
    let (_, files) = read_multipart(mp).await?;
    let mut e = Invalid::new();
    if files.is_empty() {
        e.add("tep", "Chưa chọn tệp nào để tải lên");
    }
    check_uploads(&st, "tep", &files, &mut e);
    if !e.is_empty() {
        let params = Params(HashMap::new());
        return document_view_page(
            &st,
            &caller,
            id,
            &params,
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
            "document",
            id,
            doc.document.unit_id,
            uploads,
        )
        .await
    {
        Ok(_) => Ok(redirect(&format!("/van-ban/{id}?da_tai=1"))),
        Err(err) => {
            let (status, errors) = form_problems(err)?;
            let errors = rename_keys(errors, &[("file", "tep")]);
            let params = Params(HashMap::new());
            document_view_page(&st, &caller, id, &params, &errors, status).await
        }
    }
}

/// `filename*` of Content-Disposition (RFC 6266 / 5987): UTF-8, percent-encoded.
fn encode_filename(name: &str) -> String {
    let mut out = String::with_capacity(name.len() * 3);
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A plain-ASCII name for clients that do not read `filename*`.
fn ascii_filename(name: &str) -> String {
    let folded = thidua_domain::text::fold(name);
    let s: String = folded
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    if s.trim_matches('_').is_empty() {
        "tep".into()
    } else {
        s
    }
}

/// An attachment as a download: never shown inline from the application's address.
async fn download(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> PageResult {
    check(&caller.viewer, Action::OwnAccount, Target::None)?;
    let id = parse_id(&id, "tệp")?;
    let a = st
        .store
        .attachment(id)
        .await?
        .ok_or_else(|| AppError::not_found("tệp"))?;
    crate::permissions::attachment_access(&st.store, &caller.viewer, &a).await?;
    let bytes = st.store.files().get(&a.sha256).await?;
    let disposition = format!(
        "attachment; filename=\"{}\"; filename*=UTF-8''{}",
        ascii_filename(&a.file_name),
        encode_filename(&a.file_name)
    );
    let mut resp = bytes.into_response();
    let h = resp.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_str(&a.content_type)
            .unwrap_or(HeaderValue::from_static("application/octet-stream")),
    );
    if let Ok(v) = HeaderValue::from_str(&disposition) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'none'; sandbox"),
    );
    Ok(resp)
}

// ----- movements ---------------------------------------------------------------------------------

/// Who may change a movement: the city office any city movement; a unit officer their unit's launch.
fn movement_target(m: &movements::Model) -> Target {
    match (m.parent_id, m.unit_id) {
        (Some(_), Some(u)) => unit_work(u),
        _ => Target::None,
    }
}

async fn movements_page(State(st): State<AppState>, caller: Caller, params: Params) -> PageResult {
    check(&caller.viewer, Action::ReadMovements, Target::None)?;
    let q = params.text("q").unwrap_or_default();
    let all = st.store.movements(Some(&q)).await?;
    let ids: BTreeSet<i64> = all.iter().filter_map(|m| m.unit_id).collect();
    let names = unit_names(&st, &ids).await?;
    let items: Vec<Value> = all
        .iter()
        .map(|m| {
            context! {
                m, unit_name => m.unit_id.and_then(|u| names.get(&u).cloned()).unwrap_or_default(),
            }
        })
        .collect();
    Ok(html(page(
        &st,
        &caller,
        "work_movements.html",
        context! {
            title => "Phong trào thi đua", nav => "movements", items,
            export => format!("/phong-trao/xuat.xlsx?{}", serde_urlencoded::to_string([("q", q.as_str())]).unwrap_or_default()), q,
            can_create => allows(&caller.viewer, Action::ManageMovements, Target::None),
        },
    )?))
}

async fn movement_page(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    params: Params,
) -> PageResult {
    check(&caller.viewer, Action::ReadMovements, Target::None)?;
    let id = parse_id(&id, "phong trào")?;
    let d = st
        .store
        .movement(id)
        .await?
        .ok_or_else(|| AppError::not_found("phong trào"))?;
    let unit_ids: BTreeSet<i64> = d.launches.iter().filter_map(|m| m.unit_id).collect();
    let names = unit_names(&st, &unit_ids).await?;
    let launches: Vec<Value> = d
        .launches
        .iter()
        .map(|m| context! { m, unit_name => m.unit_id.and_then(|u| names.get(&u).cloned()).unwrap_or_default() })
        .collect();
    let can_direct = allows(&caller.viewer, Action::Direct, Target::None);
    let doc_ids: Vec<i64> = d.directives.iter().filter_map(|x| x.document_id).collect();
    let docs = st.store.documents_by_ids(&doc_ids).await?;
    let directives: Vec<Value> = d
        .directives
        .iter()
        .filter(|x| can_direct || x.status != DirectiveStatus::Draft.code())
        .map(|x| {
            context! {
                x, reference => x.document_id.and_then(|i| docs.get(&i)).and_then(|doc| doc.reference.clone()),
            }
        })
        .collect();
    // A unit officer may launch the movement in their unit once (task 2 of the seed dispatch).
    let launched: BTreeSet<i64> = d.launches.iter().filter_map(|m| m.unit_id).collect();
    let own = caller.viewer.principal().and_then(|p| p.unit_id);
    let can_launch = d.movement.parent_id.is_none()
        && own.is_some_and(|u| {
            !launched.contains(&u) && allows(&caller.viewer, Action::ManageMovements, unit_work(u))
        })
        && !allows(&caller.viewer, Action::Direct, Target::None);
    let can_edit = allows(
        &caller.viewer,
        Action::ManageMovements,
        movement_target(&d.movement),
    );
    let basis: Vec<Value> = d.basis.iter().map(document_view).collect();
    let guidance = d.guidance.as_ref().map(document_view);
    Ok(html(page(
        &st,
        &caller,
        "work_movement.html",
        context! {
            title => d.movement.name.clone(), nav => "movements",
            m => d.movement.clone(), phases => d.phases.clone(), basis, guidance,
            linked => d.linked.clone(), parent => d.parent.clone(), launches, directives,
            unit_name => d.unit_name.clone(),
            can_edit, can_direct, can_launch, saved => params.text("da_luu").is_some(),
            can_register => allows(&caller.viewer, Action::ReadUnitWork, Target::None),
        },
    )?))
}

/// What the movement form needs besides the typed fields.
struct MovementFormCtx {
    id: Option<i64>,
    parent: Option<movements::Model>,
}

async fn movement_form_page(
    st: &AppState,
    caller: &Caller,
    ctx: MovementFormCtx,
    f: &Fields,
    errors: &BTreeMap<String, String>,
    status: StatusCode,
) -> PageResult {
    let filled = phase_rows(f).len();
    let rows: Vec<usize> = (0..(filled + SPARE_PHASE_ROWS).max(3)).collect();
    let fm = f.map();
    let phases: Vec<Value> = rows
        .iter()
        .map(|i| {
            context! {
                i => *i,
                year => fm.get(&format!("phase_year_{i}")).cloned().unwrap_or_default(),
                title => fm.get(&format!("phase_title_{i}")).cloned().unwrap_or_default(),
                due => fm.get(&format!("phase_due_{i}")).cloned().unwrap_or_default(),
            }
        })
        .collect();
    let linked: BTreeSet<i64> = f.ids("linked").into_iter().collect();
    let others: Vec<Value> = st
        .store
        .movements(None)
        .await?
        .into_iter()
        .filter(|m| Some(m.id) != ctx.id && m.parent_id.is_none())
        .map(|m| context! { id => m.id, name => m.name, checked => linked.contains(&m.id) })
        .collect();
    // A launch is made for one of the officer's units; a city movement may name the committee
    // that runs it, chosen among at most a few hundred units.
    let units = if ctx.parent.is_some() {
        let mine = own_units(caller);
        let ids = if mine.is_empty() {
            st.store.units_all().await?.iter().map(|u| u.id).collect()
        } else {
            mine
        };
        unit_options(st, &ids).await?
    } else {
        st.store
            .unit_choices_up_to(None, None, 300)
            .await?
            .unwrap_or_default()
            .into_iter()
            .map(|u| context! { id => u.id, name => u.name })
            .collect()
    };
    let title = match (&ctx.parent, ctx.id) {
        (Some(_), _) => "Phát động phong trào trong đơn vị",
        (None, Some(_)) => "Sửa phong trào",
        (None, None) => "Phong trào mới",
    };
    let action = match (&ctx.parent, ctx.id) {
        (Some(p), None) => format!("/phong-trao/{}/phat-dong", p.id),
        (_, Some(id)) => format!("/phong-trao/{id}/sua"),
        (None, None) => "/phong-trao/moi".into(),
    };
    let body = page(
        st,
        caller,
        "work_movement_form.html",
        context! {
            title, nav => "movements", action, id => ctx.id, parent => ctx.parent,
            f => fm, errors, phases, others, units,
            kinds => MovementKind::ALL.iter().map(|k| context!{ code => k.code(), label => k.label() }).collect::<Vec<_>>(),
            statuses => MovementStatus::ALL.iter().map(|k| context!{ code => k.code(), label => k.label() }).collect::<Vec<_>>(),
        },
    )?;
    Ok(with_status(status, body))
}

/// The numbered phase rows that were filled in: (row, year, title, deadline).
fn phase_rows(f: &Fields) -> Vec<(usize, String, String, String)> {
    (0..MAX_ROWS)
        .map(|i| {
            (
                i,
                f.get(&format!("phase_year_{i}")),
                f.get(&format!("phase_title_{i}")),
                f.get(&format!("phase_due_{i}")),
            )
        })
        .filter(|(_, y, t, d)| !(y.is_empty() && t.is_empty() && d.is_empty()))
        .collect()
}

/// Reads the movement form into the domain's input and the links, naming every problem.
async fn movement_input(
    st: &AppState,
    f: &Fields,
) -> Result<Result<(MovementInput, MovementLinks), BTreeMap<String, String>>, AppError> {
    let mut e = Invalid::new();
    let start_year = year_field(&mut e, "start_year", &f.get("start_year"), "Năm bắt đầu");
    let end_year = year_field(&mut e, "end_year", &f.get("end_year"), "Năm kết thúc");
    let mut phases = Vec::new();
    for (i, y, t, d) in phase_rows(f) {
        let year = year_field(
            &mut e,
            &format!("phase_year_{i}"),
            &y,
            &format!("Năm của giai đoạn ở dòng {}", i + 1),
        );
        let due = date_field(
            &mut e,
            &format!("phase_due_{i}"),
            &d,
            &format!("Hạn đăng ký ở dòng {}", i + 1),
        );
        phases.push(PhaseInput {
            year,
            title: t,
            registration_due: due,
        });
    }
    let basis = resolve_references(st, &f.get("basis"), "basis", &mut e).await?;
    let guidance = {
        let g = f.get("guidance");
        if g.is_empty() {
            None
        } else {
            resolve_references(st, &g, "guidance", &mut e)
                .await?
                .first()
                .copied()
        }
    };
    let unit_id = f.get("unit_id").parse::<i64>().ok().filter(|u| *u > 0);
    let input = MovementInput {
        name: f.get("name"),
        start_year,
        end_year,
        kind: Some(f.get("kind")),
        organisers: f.get("organisers"),
        target_groups: f.get("target_groups"),
        description: f.get("description"),
        guidance_document_id: guidance,
        unit_id,
        parent_id: None,
        basis_document_ids: basis.clone(),
        linked_movement_ids: f.ids("linked"),
        phases,
    };
    if let Err(more) = input.validate() {
        for (k, v) in more.fields {
            if !e.fields.contains_key(&k) {
                e.add(&k, v);
            }
        }
    }
    if !e.is_empty() {
        return Ok(Err(e.fields));
    }
    let links = MovementLinks {
        guidance_document_id: guidance,
        unit_id,
        parent_id: None,
        basis_document_ids: basis,
        linked_movement_ids: f.ids("linked"),
    };
    Ok(Ok((input, links)))
}

const MOVEMENT_KEYS: &[(&str, &str)] = &[
    ("guidance_document_id", "guidance"),
    ("basis_document_ids", "basis"),
    ("linked_movement_ids", "linked"),
];

async fn new_movement_form(State(st): State<AppState>, caller: Caller) -> PageResult {
    check(&caller.viewer, Action::ManageMovements, Target::None)?;
    let y = today().year();
    let mut f = Fields::default();
    f.set("start_year", y.to_string());
    f.set("end_year", (y + 4).to_string());
    f.set("kind", "regular");
    let ctx = MovementFormCtx {
        id: None,
        parent: None,
    };
    movement_form_page(&st, &caller, ctx, &f, &BTreeMap::new(), StatusCode::OK).await
}

async fn create_movement(
    State(st): State<AppState>,
    caller: Caller,
    Form(raw): Form<Vec<(String, String)>>,
) -> PageResult {
    check(&caller.viewer, Action::ManageMovements, Target::None)?;
    let f = Fields(raw);
    let ctx = MovementFormCtx {
        id: None,
        parent: None,
    };
    let (input, links) = match movement_input(&st, &f).await? {
        Ok(x) => x,
        Err(errors) => {
            return movement_form_page(
                &st,
                &caller,
                ctx,
                &f,
                &errors,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
    };
    let valid = input.validate().map_err(AppError::from)?;
    match st
        .store
        .create_movement(&caller.actor(), valid, links)
        .await
    {
        Ok(m) => Ok(redirect(&format!("/phong-trao/{}?da_luu=1", m.id))),
        Err(err) => {
            let (status, errors) = form_problems(err)?;
            movement_form_page(
                &st,
                &caller,
                ctx,
                &f,
                &rename_keys(errors, MOVEMENT_KEYS),
                status,
            )
            .await
        }
    }
}

/// The form's fields of a saved movement.
async fn movement_fields(
    st: &AppState,
    id: i64,
) -> Result<(thidua_store::movements::MovementDetail, Fields), AppError> {
    let d = st
        .store
        .movement(id)
        .await?
        .ok_or_else(|| AppError::not_found("phong trào"))?;
    let m = &d.movement;
    let mut f = Fields::default();
    f.set("name", m.name.clone());
    f.set("start_year", m.start_year.to_string());
    f.set("end_year", m.end_year.to_string());
    f.set("kind", m.kind.clone());
    f.set("status", m.status.clone());
    f.set("organisers", m.organisers.clone());
    f.set("target_groups", m.target_groups.clone());
    f.set("description", m.description.clone());
    f.set(
        "unit_id",
        m.unit_id.map(|u| u.to_string()).unwrap_or_default(),
    );
    f.set("basis", references_text(&d.basis));
    f.set("guidance", references_text(d.guidance.iter()));
    f.set("version", m.version.to_string());
    for (i, p) in d.phases.iter().enumerate() {
        f.set(&format!("phase_year_{i}"), p.year.to_string());
        f.set(&format!("phase_title_{i}"), p.title.clone());
        f.set(
            &format!("phase_due_{i}"),
            p.registration_due.map(format::date_vn).unwrap_or_default(),
        );
    }
    for l in &d.linked {
        f.0.push(("linked".into(), l.id.to_string()));
    }
    Ok((d, f))
}

async fn edit_movement_form(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> PageResult {
    let id = parse_id(&id, "phong trào")?;
    check(&caller.viewer, Action::ReadMovements, Target::None)?;
    let (d, f) = movement_fields(&st, id).await?;
    check(
        &caller.viewer,
        Action::ManageMovements,
        movement_target(&d.movement),
    )?;
    let ctx = MovementFormCtx {
        id: Some(id),
        parent: None,
    };
    movement_form_page(&st, &caller, ctx, &f, &BTreeMap::new(), StatusCode::OK).await
}

async fn update_movement(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Form(raw): Form<Vec<(String, String)>>,
) -> PageResult {
    let id = parse_id(&id, "phong trào")?;
    check(&caller.viewer, Action::ReadMovements, Target::None)?;
    let (d, _) = movement_fields(&st, id).await?;
    let target = movement_target(&d.movement);
    check(&caller.viewer, Action::ManageMovements, target)?;
    let f = Fields(raw);
    let ctx = MovementFormCtx {
        id: Some(id),
        parent: None,
    };
    let (input, mut links) = match movement_input(&st, &f).await? {
        Ok(x) => x,
        Err(errors) => {
            return movement_form_page(
                &st,
                &caller,
                ctx,
                &f,
                &errors,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
    };
    // A unit's launch stays the launch of its unit under its movement.
    links.parent_id = d.movement.parent_id;
    if d.movement.parent_id.is_some() {
        links.unit_id = d.movement.unit_id;
    }
    let status = MovementStatus::from_code(&f.get("status"));
    let valid = input.validate().map_err(AppError::from)?;
    let version = f.get("version").parse::<i32>().ok();
    match st
        .store
        .update_movement(&caller.actor(), id, valid, links, status, version)
        .await
    {
        Ok(_) => Ok(redirect(&format!("/phong-trao/{id}?da_luu=1"))),
        Err(err) => {
            let (status, errors) = form_problems(err)?;
            movement_form_page(
                &st,
                &caller,
                ctx,
                &f,
                &rename_keys(errors, MOVEMENT_KEYS),
                status,
            )
            .await
        }
    }
}

async fn launch_form(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> PageResult {
    let id = parse_id(&id, "phong trào")?;
    check(&caller.viewer, Action::ReadMovements, Target::None)?;
    let (d, mut f) = movement_fields(&st, id).await?;
    let unit = caller.viewer.principal().and_then(|p| p.unit_id);
    let target = unit.map(unit_work).unwrap_or(Target::None);
    check(&caller.viewer, Action::ManageMovements, target)?;
    f.set("unit_id", unit.map(|u| u.to_string()).unwrap_or_default());
    f.set("version", "");
    f.set(
        "description",
        "Kế hoạch của đơn vị triển khai phong trào (nội dung, hình thức, thời gian, người phụ trách)",
    );
    f.0.retain(|(k, _)| k != "linked");
    let ctx = MovementFormCtx {
        id: None,
        parent: Some(d.movement),
    };
    movement_form_page(&st, &caller, ctx, &f, &BTreeMap::new(), StatusCode::OK).await
}

async fn launch_movement(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Form(raw): Form<Vec<(String, String)>>,
) -> PageResult {
    let id = parse_id(&id, "phong trào")?;
    check(&caller.viewer, Action::ReadMovements, Target::None)?;
    let parent = st
        .store
        .movement(id)
        .await?
        .ok_or_else(|| AppError::not_found("phong trào"))?
        .movement;
    let f = Fields(raw);
    let unit = f
        .get("unit_id")
        .parse::<i64>()
        .ok()
        .or_else(|| caller.viewer.principal().and_then(|p| p.unit_id));
    let Some(unit) = unit else {
        return Err(AppError::bad_param("unit_id", "Chưa chọn đơn vị phát động").into());
    };
    check(&caller.viewer, Action::ManageMovements, unit_work(unit))?;
    let ctx = MovementFormCtx {
        id: None,
        parent: Some(parent.clone()),
    };
    let (input, mut links) = match movement_input(&st, &f).await? {
        Ok(x) => x,
        Err(errors) => {
            return movement_form_page(
                &st,
                &caller,
                ctx,
                &f,
                &errors,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
    };
    links.parent_id = Some(parent.id);
    links.unit_id = Some(unit);
    let valid = input.validate().map_err(AppError::from)?;
    match st
        .store
        .create_movement(&caller.actor(), valid, links)
        .await
    {
        Ok(m) => Ok(redirect(&format!("/phong-trao/{}?da_luu=1", m.id))),
        Err(err) => {
            let (status, errors) = form_problems(err)?;
            movement_form_page(
                &st,
                &caller,
                ctx,
                &f,
                &rename_keys(errors, MOVEMENT_KEYS),
                status,
            )
            .await
        }
    }
}

// ----- directives: drafting and issuing ------------------------------------------------------------

/// The numbered task rows that were filled in: (row, title, body, report_what, due).
fn task_rows(f: &Fields) -> Vec<(usize, [String; 4])> {
    (0..MAX_ROWS)
        .map(|i| {
            (
                i,
                [
                    f.get(&format!("task_title_{i}")),
                    f.get(&format!("task_body_{i}")),
                    f.get(&format!("task_report_{i}")),
                    f.get(&format!("task_due_{i}")),
                ],
            )
        })
        .filter(|(_, v)| v.iter().any(|s| !s.is_empty()))
        .collect()
}

struct DirectiveFormCtx {
    id: Option<i64>,
    movement: movements::Model,
    years: Vec<i32>,
}

async fn directive_form_page(
    st: &AppState,
    caller: &Caller,
    ctx: DirectiveFormCtx,
    f: &Fields,
    errors: &BTreeMap<String, String>,
    status: StatusCode,
) -> PageResult {
    let filled = task_rows(f).iter().map(|(i, _)| i + 1).max().unwrap_or(0);
    let fm = f.map();
    let tasks: Vec<Value> = (0..(filled + SPARE_TASK_ROWS).max(5))
        .map(|i| {
            let v = |k: &str| fm.get(&format!("{k}_{i}")).cloned().unwrap_or_default();
            context! {
                i, n => i + 1, title => v("task_title"), body => v("task_body"),
                report => v("task_report"), due => v("task_due"),
            }
        })
        .collect();
    let chosen: BTreeSet<i64> = f.ids("group").into_iter().collect();
    let groups: Vec<Value> = st
        .store
        .groups()
        .await?
        .into_iter()
        .map(|g| context! { id => g.id, name => g.name, units => g.unit_ids.len(), checked => chosen.contains(&g.id) })
        .collect();
    let title = if ctx.id.is_some() {
        "Sửa dự thảo văn bản chỉ đạo"
    } else {
        "Soạn văn bản chỉ đạo"
    };
    let body = page(
        st,
        caller,
        "work_directive_form.html",
        context! {
            title, nav => "movements", id => ctx.id, movement => ctx.movement, years => ctx.years,
            f => fm, errors, tasks, groups,
        },
    )?;
    Ok(with_status(status, body))
}

/// The years a directive of this movement may be for: its phases', or its whole period.
async fn movement_years(st: &AppState, m: &movements::Model) -> Result<Vec<i32>, AppError> {
    let phases = st
        .store
        .movement(m.id)
        .await?
        .map(|d| d.phases)
        .unwrap_or_default();
    let mut years: Vec<i32> = phases.iter().map(|p| p.year).collect();
    if years.is_empty() {
        years = (m.start_year..=m.end_year).collect();
    }
    Ok(years)
}

/// Reads the directive form; problems keyed by the form's own field names (task rows by their row).
async fn directive_input(
    st: &AppState,
    f: &Fields,
    movement_id: i64,
) -> Result<Result<(DirectiveInput, Vec<i64>), BTreeMap<String, String>>, AppError> {
    let mut e = Invalid::new();
    let year = year_field(&mut e, "year", &f.get("year"), "Năm");
    let rows = task_rows(f);
    let mut tasks = Vec::new();
    for (i, [title, body, report, due]) in &rows {
        let due_on = date_field(
            &mut e,
            &format!("task_due_{i}"),
            due,
            &format!("Hạn báo cáo của nhiệm vụ ở dòng {}", i + 1),
        );
        tasks.push(TaskInput {
            title: title.clone(),
            body: body.clone(),
            report_what: report.clone(),
            due_on,
        });
    }
    let basis = resolve_references(st, &f.get("basis"), "basis", &mut e).await?;
    let mut unit_ids = Vec::new();
    let codes = f.get("unit_codes");
    if !codes.is_empty() {
        for code in codes
            .split([',', ';', '\n', ' '])
            .map(str::trim)
            .filter(|c| !c.is_empty())
        {
            match st.store.unit_by_code(code).await? {
                Some(u) => unit_ids.push(u.id),
                None => e.add("unit_codes", format!("Không có đơn vị mã '{code}'")),
            }
        }
    }
    // A joint directive's co-issuer, by its unit code ("LDLD").
    let co_code = f.get("co_issuer_code");
    let co_code = co_code.trim();
    let co_issuer_unit_id = if co_code.is_empty() {
        None
    } else {
        match st.store.unit_by_code(co_code).await? {
            Some(u) => Some(u.id),
            None => {
                e.add("co_issuer_code", format!("Không có đơn vị mã '{co_code}'"));
                None
            }
        }
    };
    let input = DirectiveInput {
        movement_id,
        year,
        summary: f.get("summary"),
        preamble: f.get("preamble"),
        closing: f.get("closing"),
        symbol: f.get("symbol").trim_start_matches('/').to_owned(),
        signer: f.get("signer"),
        co_issuer_unit_id,
        co_signer: f.get("co_signer"),
        co_signer_title: f.get("co_signer_title"),
        co_signer_authority: f.get("co_signer_authority"),
        tasks,
        group_ids: f.ids("group"),
        unit_ids,
        basis_document_ids: basis.clone(),
    };
    if let Err(more) = input.validate() {
        for (k, v) in more.fields {
            let k = task_key(&k, &rows);
            // An unknown code was already named; "choose a co-issuer" would only repeat it.
            if !e.fields.contains_key(&k) {
                e.add(&k, v);
            }
        }
    }
    if !e.is_empty() {
        return Ok(Err(e.fields));
    }
    Ok(Ok((input, basis)))
}

/// "tasks.2.title" (the third filled task) as the form's field of its row ("task_title_4"); other
/// keys as the form names them.
fn task_key(key: &str, rows: &[(usize, [String; 4])]) -> String {
    let parts: Vec<&str> = key.split('.').collect();
    if let ["tasks", k, what] = parts.as_slice() {
        if let Some((row, _)) = k.parse::<usize>().ok().and_then(|k| rows.get(k)) {
            let name = match *what {
                "title" => "task_title",
                "body" => "task_body",
                "report_what" => "task_report",
                _ => "task_due",
            };
            return format!("{name}_{row}");
        }
    }
    match key {
        "recipients" | "group_ids" => "group".into(),
        "unit_ids" => "unit_codes".into(),
        "co_issuer_unit_id" => "co_issuer_code".into(),
        "tasks" => "task_title_0".into(),
        k => k.into(),
    }
}

async fn new_directive_form(
    State(st): State<AppState>,
    caller: Caller,
    params: Params,
) -> PageResult {
    check(&caller.viewer, Action::Direct, Target::None)?;
    let mid = params.id("phong_trao")?.ok_or_else(|| {
        AppError::bad_param("phong_trao", "Chưa chọn phong trào (tham số phong_trao)")
    })?;
    let d = st
        .store
        .movement(mid)
        .await?
        .ok_or_else(|| AppError::not_found("phong trào"))?;
    let years = movement_years(&st, &d.movement).await?;
    let this_year = today().year();
    let year = years
        .iter()
        .copied()
        .filter(|y| *y <= this_year)
        .max()
        .or_else(|| years.first().copied())
        .unwrap_or(this_year);
    let mut f = Fields::default();
    f.set("year", year.to_string());
    f.set("symbol", "UBND-NV");
    f.set(
        "summary",
        format!(
            "V/v đẩy mạnh thực hiện phong trào thi đua “{}” năm {year}",
            d.movement.name
        ),
    );
    f.set("basis", references_text(&d.basis));
    let ctx = DirectiveFormCtx {
        id: None,
        movement: d.movement,
        years,
    };
    directive_form_page(&st, &caller, ctx, &f, &BTreeMap::new(), StatusCode::OK).await
}

async fn create_directive(
    State(st): State<AppState>,
    caller: Caller,
    Form(raw): Form<Vec<(String, String)>>,
) -> PageResult {
    check(&caller.viewer, Action::Direct, Target::None)?;
    let f = Fields(raw);
    let mid = f
        .get("movement_id")
        .parse::<i64>()
        .map_err(|_| AppError::bad_param("movement_id", "Chưa chọn phong trào"))?;
    let m = st
        .store
        .movement(mid)
        .await?
        .ok_or_else(|| AppError::not_found("phong trào"))?
        .movement;
    let ctx = DirectiveFormCtx {
        id: None,
        years: movement_years(&st, &m).await?,
        movement: m,
    };
    let (input, basis) = match directive_input(&st, &f, mid).await? {
        Ok(x) => x,
        Err(errors) => {
            return directive_form_page(
                &st,
                &caller,
                ctx,
                &f,
                &errors,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
    };
    let valid = input.validate().map_err(AppError::from)?;
    match st
        .store
        .create_directive(
            &caller.actor(),
            mid,
            input.year,
            valid,
            &input.group_ids,
            &input.unit_ids,
            &basis,
        )
        .await
    {
        Ok(d) => Ok(redirect(&format!("/chi-dao/{}?da_luu=1", d.id))),
        Err(err) => {
            let (status, errors) = form_problems(err)?;
            let errors = errors
                .into_iter()
                .map(|(k, v)| (task_key(&k, &task_rows(&f)), v))
                .collect();
            directive_form_page(&st, &caller, ctx, &f, &errors, status).await
        }
    }
}

async fn edit_directive_form(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> PageResult {
    check(&caller.viewer, Action::Direct, Target::None)?;
    let id = parse_id(&id, "văn bản chỉ đạo")?;
    let d = st
        .store
        .directive(id)
        .await?
        .ok_or_else(|| AppError::not_found("văn bản chỉ đạo"))?;
    if d.directive.status != DirectiveStatus::Draft.code() {
        return Err(AppError::new(
            StatusCode::CONFLICT,
            "conflict",
            "Văn bản đã ban hành không được sửa; hãy tạo phiên bản mới hoặc văn bản đính chính",
        )
        .into());
    }
    let x = &d.directive;
    let mut f = Fields::default();
    f.set("movement_id", x.movement_id.to_string());
    f.set("year", x.year.to_string());
    f.set("summary", x.summary.clone());
    f.set("symbol", x.symbol.clone());
    f.set("preamble", x.preamble.clone());
    f.set("closing", x.closing.clone());
    f.set("signer", x.signer.clone());
    if let Some(co) = &d.co_issuer {
        f.set("co_issuer_code", co.code.clone());
    }
    f.set("co_signer", x.co_signer.clone().unwrap_or_default());
    f.set(
        "co_signer_title",
        x.co_signer_title.clone().unwrap_or_default(),
    );
    f.set(
        "co_signer_authority",
        x.co_signer_authority.clone().unwrap_or_default(),
    );
    f.set("version", x.version.to_string());
    f.set("basis", references_text(&d.basis));
    for (i, t) in d.tasks.iter().enumerate() {
        f.set(&format!("task_title_{i}"), t.title.clone());
        f.set(&format!("task_body_{i}"), t.body.clone());
        f.set(&format!("task_report_{i}"), t.report_what.clone());
        f.set(
            &format!("task_due_{i}"),
            t.due_on.map(format::date_vn).unwrap_or_default(),
        );
    }
    for g in &d.groups {
        f.0.push(("group".into(), g.id.to_string()));
    }
    // Units named one by one (not through a group) are those the draft lists.
    let all = st.store.units_all().await?;
    let codes: Vec<String> = d
        .units
        .iter()
        .filter_map(|u| {
            all.iter()
                .find(|x| x.id == u.unit_id)
                .map(|x| x.code.clone())
        })
        .collect();
    f.set("unit_codes", codes.join(", "));
    let ctx = DirectiveFormCtx {
        id: Some(id),
        years: movement_years(&st, &d.movement).await?,
        movement: d.movement,
    };
    directive_form_page(&st, &caller, ctx, &f, &BTreeMap::new(), StatusCode::OK).await
}

async fn update_directive(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Form(raw): Form<Vec<(String, String)>>,
) -> PageResult {
    check(&caller.viewer, Action::Direct, Target::None)?;
    let id = parse_id(&id, "văn bản chỉ đạo")?;
    let d = st
        .store
        .directive(id)
        .await?
        .ok_or_else(|| AppError::not_found("văn bản chỉ đạo"))?;
    let f = Fields(raw);
    let ctx = DirectiveFormCtx {
        id: Some(id),
        years: movement_years(&st, &d.movement).await?,
        movement: d.movement.clone(),
    };
    let (input, _) = match directive_input(&st, &f, d.movement.id).await? {
        Ok(x) => x,
        Err(errors) => {
            return directive_form_page(
                &st,
                &caller,
                ctx,
                &f,
                &errors,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
    };
    let valid = input.validate().map_err(AppError::from)?;
    let version = f.get("version").parse::<i32>().ok();
    match st
        .store
        .update_directive(
            &caller.actor(),
            id,
            valid,
            &input.group_ids,
            &input.unit_ids,
            version,
        )
        .await
    {
        Ok(_) => Ok(redirect(&format!("/chi-dao/{id}?da_luu=1"))),
        Err(err) => {
            let (status, errors) = form_problems(err)?;
            let errors = errors
                .into_iter()
                .map(|(k, v)| (task_key(&k, &task_rows(&f)), v))
                .collect();
            directive_form_page(&st, &caller, ctx, &f, &errors, status).await
        }
    }
}

// ----- the directive page: for the office and for the units ------------------------------------------

/// What a re-shown directive page keeps of a refused form.
#[derive(Default)]
struct DirectiveForms {
    /// The issue form: what was typed and why it was refused.
    issue: Option<(Fields, BTreeMap<String, String>)>,
    /// A report form: its task, what was typed and why it was refused.
    report: Option<(i64, Fields, BTreeMap<String, String>)>,
    status: Option<StatusCode>,
}

async fn directive_view(
    st: &AppState,
    caller: &Caller,
    id: i64,
    params: &Params,
    forms: DirectiveForms,
) -> PageResult {
    check(&caller.viewer, Action::ReadMovements, Target::None)?;
    let d = st
        .store
        .directive(id)
        .await?
        .ok_or_else(|| AppError::not_found("văn bản chỉ đạo"))?;
    let office = allows(&caller.viewer, Action::Direct, Target::None);
    let draft = d.directive.status == DirectiveStatus::Draft.code();
    if !crate::permissions::directive_visible(&caller.viewer, &d) {
        // A draft is the office's work in progress: nobody else knows it exists.
        return Err(AppError::not_found("văn bản chỉ đạo").into());
    }
    let day = today();
    // The viewer's units this directive went to, where they may report.
    let mine = own_units(caller);
    let recipients: Vec<i64> = d
        .units
        .iter()
        .map(|u| u.unit_id)
        .filter(|u| mine.contains(u) && allows(&caller.viewer, Action::EditUnitWork, unit_work(*u)))
        .collect();
    let chosen = params
        .id("don_vi")?
        .filter(|u| recipients.contains(u))
        .or_else(|| recipients.first().copied());
    let mut unit_ctx = Value::UNDEFINED;
    if let (Some(u), false) = (chosen, draft) {
        let reports = st.store.unit_reports(id, u, day).await?;
        let report_ids: Vec<i64> = reports
            .iter()
            .filter_map(|r| r.report.as_ref().map(|x| x.id))
            .collect();
        let files = st.store.attachments_of("report", &report_ids).await?;
        let receipt = d.units.iter().find(|r| r.unit_id == u);
        let (typed_task, typed, rerrors) = match &forms.report {
            Some((t, f, e)) => (Some(*t), f.map(), e.clone()),
            None => (None, BTreeMap::new(), BTreeMap::new()),
        };
        let rows: Vec<Value> = reports
            .iter()
            .map(|r| {
                let rep = r.report.as_ref();
                let mine_typed = typed_task == Some(r.task.id);
                let val = |k: &str, saved: Option<String>| -> String {
                    if mine_typed {
                        typed.get(k).cloned().unwrap_or_default()
                    } else {
                        saved.unwrap_or_default()
                    }
                };
                context! {
                    task => r.task.clone(), state => r.state.code(),
                    report => rep.cloned(),
                    version => val("version", Some(rep.map(|x| x.version).unwrap_or(0).to_string())),
                    events_held => val("events_held", rep.and_then(|x| x.events_held).map(|n| n.to_string())),
                    people_reached => val("people_reached", rep.and_then(|x| x.people_reached).map(|n| n.to_string())),
                    posts_published => val("posts_published", rep.and_then(|x| x.posts_published).map(|n| n.to_string())),
                    text => val("text", rep.map(|x| x.text.clone())),
                    errors => if mine_typed { rerrors.clone() } else { BTreeMap::new() },
                    files => rep.map(|x| attachment_views(files.get(&x.id).map(Vec::as_slice).unwrap_or(&[]))).unwrap_or_default(),
                }
            })
            .collect();
        let names = unit_names(st, &recipients.iter().copied().collect()).await?;
        let choices: Vec<Value> = recipients
            .iter()
            .map(|r| context! { id => *r, name => names.get(r).cloned().unwrap_or_default() })
            .collect();
        unit_ctx = context! {
            id => u, name => receipt.map(|r| r.unit_name.clone()).unwrap_or_default(),
            read_at => receipt.and_then(|r| r.read_at).map(|t| t.to_rfc3339()),
            read_by => receipt.and_then(|r| r.read_by.clone()),
            rows, choices, totals => st.store.propaganda_totals(u, d.directive.year).await?,
            year => d.directive.year,
        };
    }
    let read = d.units.iter().filter(|u| u.read_at.is_some()).count();
    let (issue_f, issue_errors) = match &forms.issue {
        Some((f, e)) => (f.map(), e.clone()),
        None => {
            let mut m = BTreeMap::new();
            m.insert("issued_on".to_owned(), format::date_vn(day));
            (m, BTreeMap::new())
        }
    };
    let mut all_errors = issue_errors.clone();
    if let Some((_, _, e)) = &forms.report {
        all_errors.extend(e.clone());
    }
    let body = page(
        st,
        caller,
        "work_directive.html",
        context! {
            title => d.directive.summary.clone(), nav => "movements",
            d => &d, doc => d.document.as_ref().map(document_view),
            basis => d.basis.iter().map(document_view).collect::<Vec<_>>(),
            draft, office, read, unit => unit_ctx,
            follow => allows(&caller.viewer, Action::FollowUp, Target::None),
            issue_f, issue_errors, all_errors,
            show_units => d.units.len() <= 200 || params.text("tat_ca_don_vi").is_some(),
            saved => params.text("da_luu").is_some(), read_now => params.text("da_doc").is_some(),
            reported => params.text("da_bao_cao").is_some(),
        },
    )?;
    Ok(with_status(forms.status.unwrap_or(StatusCode::OK), body))
}

async fn directive_page(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    params: Params,
) -> PageResult {
    let id = parse_id(&id, "văn bản chỉ đạo")?;
    directive_view(&st, &caller, id, &params, DirectiveForms::default()).await
}

async fn issue_directive(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Form(raw): Form<Vec<(String, String)>>,
) -> PageResult {
    check(&caller.viewer, Action::Direct, Target::None)?;
    let id = parse_id(&id, "văn bản chỉ đạo")?;
    let f = Fields(raw);
    let mut e = Invalid::new();
    let on = date_field(&mut e, "issued_on", &f.get("issued_on"), "Ngày ban hành");
    if on.is_none() && e.is_empty() {
        e.add("issued_on", "Chưa có ngày ban hành");
    }
    let params = Params(HashMap::new());
    let refused = |f: Fields, errors, status| DirectiveForms {
        issue: Some((f, errors)),
        report: None,
        status: Some(status),
    };
    let Some(on) = on.filter(|_| e.is_empty()) else {
        return directive_view(
            &st,
            &caller,
            id,
            &params,
            refused(f, e.fields, StatusCode::UNPROCESSABLE_ENTITY),
        )
        .await;
    };
    let version = f.get("version").parse::<i32>().ok();
    match st
        .store
        .issue_directive(&caller.actor(), id, on, version)
        .await
    {
        Ok(_) => Ok(redirect(&format!("/chi-dao/{id}?da_luu=1"))),
        Err(err) => {
            let (status, errors) = form_problems(err)?;
            directive_view(&st, &caller, id, &params, refused(f, errors, status)).await
        }
    }
}

async fn new_directive_version(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> PageResult {
    check(&caller.viewer, Action::Direct, Target::None)?;
    let id = parse_id(&id, "văn bản chỉ đạo")?;
    let created = st.store.new_directive_version(&caller.actor(), id).await?;
    Ok(redirect(&format!("/chi-dao/{}/sua", created.id)))
}

/// The unit a unit's form acts for, checked against the viewer's rights on its work.
fn form_unit(caller: &Caller, f: &Fields) -> Result<i64, AppError> {
    let u = f
        .get("don_vi")
        .parse::<i64>()
        .ok()
        .or_else(|| caller.viewer.principal().and_then(|p| p.unit_id))
        .ok_or_else(|| AppError::bad_param("don_vi", "Chưa chọn đơn vị"))?;
    check(&caller.viewer, Action::EditUnitWork, unit_work(u))?;
    Ok(u)
}

/// The directive as DOCX in the official layout, for whoever may read it (the same bytes as the API).
async fn directive_docx(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> PageResult {
    let id = parse_id(&id, "văn bản chỉ đạo")?;
    Ok(crate::api_work::directive_docx_response(&st, &caller.viewer, id).await?)
}

async fn mark_read(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Form(raw): Form<Vec<(String, String)>>,
) -> PageResult {
    let id = parse_id(&id, "văn bản chỉ đạo")?;
    let f = Fields(raw);
    let u = form_unit(&caller, &f)?;
    if !st.store.directive_sent_to(id, u).await? {
        return Err(AppError::not_found("văn bản gửi đơn vị").into());
    }
    st.store.mark_read(&caller.actor(), id, u).await?;
    Ok(redirect(&format!("/chi-dao/{id}?don_vi={u}&da_doc=1")))
}

async fn save_report(
    State(st): State<AppState>,
    caller: Caller,
    Path((id, task_id)): Path<(String, String)>,
    params: Params,
    mp: UploadBody,
) -> PageResult {
    let id = parse_id(&id, "văn bản chỉ đạo")?;
    let task_id = parse_id(&task_id, "nhiệm vụ")?;
    // The page names the unit in the form's address, so that the right to report is decided
    // before the files are read.
    let from_address = params.id("don_vi")?;
    if let Some(u) = from_address {
        check(&caller.viewer, Action::EditUnitWork, unit_work(u))?;
    }
    let (mut f, files) = read_multipart(mp).await?;
    if let Some(u) = from_address {
        f.set("don_vi", u.to_string());
    }
    let u = form_unit(&caller, &f)?;
    let d = st
        .store
        .directive(id)
        .await?
        .ok_or_else(|| AppError::not_found("văn bản chỉ đạo"))?;
    let task = d
        .tasks
        .iter()
        .find(|t| t.id == task_id)
        .ok_or_else(|| AppError::not_found("nhiệm vụ"))?;
    let mut e = Invalid::new();
    let input = ReportInput {
        events_held: count_field(
            &mut e,
            "events_held",
            &f.get("events_held"),
            "Số buổi, sự kiện",
        ),
        people_reached: count_field(
            &mut e,
            "people_reached",
            &f.get("people_reached"),
            "Số lượt người",
        ),
        posts_published: count_field(
            &mut e,
            "posts_published",
            &f.get("posts_published"),
            "Số tin, bài",
        ),
        text: f.get("text"),
        submit: f.get("gui") == "1",
        version: f.get("version").parse::<i32>().ok(),
    };
    if let Err(more) = input.validate() {
        for (k, v) in more.fields {
            if !e.fields.contains_key(&k) {
                e.add(&k, v);
            }
        }
    }
    check_uploads(&st, "tep", &files, &mut e);
    let mut params = HashMap::new();
    params.insert("don_vi".to_owned(), u.to_string());
    let params = Params(params);
    let refused = |errors, status| DirectiveForms {
        issue: None,
        report: Some((task_id, f.clone(), errors)),
        status: Some(status),
    };
    if !e.is_empty() {
        let e = prefix_task(e.fields, task.position);
        return directive_view(
            &st,
            &caller,
            id,
            &params,
            refused(e, StatusCode::UNPROCESSABLE_ENTITY),
        )
        .await;
    }
    let saved = match st
        .store
        .save_report(&caller.actor(), task_id, u, input, today())
        .await
    {
        Ok(r) => r,
        Err(err) => {
            let (status, errors) = form_problems(err)?;
            let errors = prefix_task(errors, task.position);
            return directive_view(&st, &caller, id, &params, refused(errors, status)).await;
        }
    };
    if !files.is_empty() {
        let uploads = files.into_iter().map(|(_, u)| u).collect();
        st.store
            .attach(&caller.actor(), "report", saved.id, Some(u), uploads)
            .await?;
    }
    Ok(redirect(&format!(
        "/chi-dao/{id}?don_vi={u}&da_bao_cao=1#nv-{}",
        task.position
    )))
}

/// Names the task in each problem of its report form, so that the summary at the top says where.
fn prefix_task(errors: BTreeMap<String, String>, position: i32) -> BTreeMap<String, String> {
    errors
        .into_iter()
        .map(|(k, v)| (k, format!("Nhiệm vụ {position}: {v}")))
        .collect()
}

// ----- follow-up: the matrix, one unit's work, reminders, inspections --------------------------------

/// The matrix rows written straight into HTML: a thousand units × ten tasks are ten thousand cells,
/// which the template engine would render several times slower. Texts are escaped as templates do.
fn matrix_rows_html(directive_id: i64, rows: &[thidua_store::movements::MatrixRow]) -> Value {
    use std::fmt::Write;
    let mut out =
        String::with_capacity(rows.len() * (200 + 110 * rows.first().map_or(0, |r| r.cells.len())));
    for r in rows {
        let _ = write!(
            out,
            "<tr><td><input type=\"checkbox\" name=\"don_vi\" value=\"{}\" form=\"nhac\" aria-label=\"Chọn ",
            r.unit_id
        );
        escape_into(&mut out, &r.unit_name);
        let _ = write!(
            out,
            "\"></td><th scope=\"row\"><a href=\"/chi-dao/{directive_id}/don-vi/{}\">",
            r.unit_id
        );
        escape_into(&mut out, &r.unit_name);
        out.push_str("</a></th>");
        for (i, c) in r.cells.iter().enumerate() {
            let _ = write!(
                out,
                "<td><a class=\"st st-{}\" href=\"/chi-dao/{directive_id}/don-vi/{}#nv-{}\">{}</a></td>",
                c.code(),
                r.unit_id,
                i + 1,
                c.label()
            );
        }
        out.push_str("</tr>\n");
    }
    Value::from_safe_string(out)
}

/// Rows of the follow-up matrix per page.
const MATRIX_PAGE_ROWS: usize = 100;
/// The filters of the follow-up matrix as its address carries them (the page and its Excel export
/// read the same), and as a query string.
pub(crate) fn matrix_filter(params: &Params) -> Result<(MatrixFilter, String), AppError> {
    let state_code = params.text("trang_thai").unwrap_or_default();
    let state = match state_code.as_str() {
        "" => None,
        c => Some(
            CellState::from_code(c)
                .ok_or_else(|| AppError::bad_param("trang_thai", "Trạng thái không hợp lệ"))?,
        ),
    };
    let group = params.id("nhom")?;
    let q = params.text("q").unwrap_or_default();
    let filters = serde_urlencoded::to_string([
        ("trang_thai", state_code.as_str()),
        ("nhom", &group.map(|g| g.to_string()).unwrap_or_default()),
        ("q", q.as_str()),
    ])
    .unwrap_or_default();
    let filter = MatrixFilter {
        state,
        q: Some(q).filter(|q| !q.is_empty()),
        group_id: group,
        within: None,
    };
    Ok((filter, filters))
}

async fn matrix_page(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    params: Params,
) -> PageResult {
    check(&caller.viewer, Action::FollowUp, Target::None)?;
    let id = parse_id(&id, "văn bản chỉ đạo")?;
    // The head only: the matrix reads the recipients itself, and a province has a thousand.
    let (directive, document) = st
        .store
        .directive_head(id)
        .await?
        .ok_or_else(|| AppError::not_found("văn bản chỉ đạo"))?;
    let (filter, filters) = matrix_filter(&params)?;
    let (state_code, group, q) = (
        filter.state.map(|s| s.code()).unwrap_or_default(),
        filter.group_id,
        filter.q.clone().unwrap_or_default(),
    );
    let m = st.store.matrix(id, &filter, today()).await?;
    let export = format!("/chi-dao/{id}/theo-doi/xuat.xlsx?{filters}");
    let counts: Vec<Value> = CellState::ALL
        .iter()
        .map(|s| context! { code => s.code(), label => s.label(), n => m.counts.get(s.code()).copied().unwrap_or(0) })
        .collect();
    let groups: Vec<Value> = st
        .store
        .group_names()
        .await?
        .into_iter()
        .map(|(id, name)| context! { id, name })
        .collect();
    let inspections: Vec<Value> = st
        .store
        .inspections(Some(id), None)
        .await?
        .into_iter()
        .take(20)
        .map(|(i, name)| context! { i, unit_name => name })
        .collect();
    // A province sends a directive to a thousand units: the page shows them a hundred at a time
    // (the counts above the table and "remind all" still cover every unit).
    let pages = m.rows.len().div_ceil(MATRIX_PAGE_ROWS).max(1);
    let page_no = (params.number("page", 1, 100_000)? as usize).min(pages);
    let first = (page_no - 1) * MATRIX_PAGE_ROWS;
    let shown_rows = &m.rows[first.min(m.rows.len())..(first + MATRIX_PAGE_ROWS).min(m.rows.len())];
    let rows = matrix_rows_html(id, shown_rows);
    let base = format!("/chi-dao/{id}/theo-doi?{filters}");
    Ok(html(page(
        &st,
        &caller,
        "work_matrix.html",
        context! {
            title => format!("Theo dõi: {}", directive.summary), nav => "movements",
            d => &directive, doc => document.as_ref().map(document_view), tasks => m.tasks,
            rows, matched => m.rows.len(), total_rows => m.total_rows, counts, groups, inspections,
            from => first + 1, to => first + shown_rows.len(), page => page_no, pages, base,
            state => state_code, group, q, export,
            can_direct => allows(&caller.viewer, Action::Direct, Target::None),
            reminded => params.text("da_nhac"), none_chosen => params.text("chua_chon").is_some(),
        },
    )?))
}

async fn unit_work_view(
    st: &AppState,
    caller: &Caller,
    id: i64,
    unit_id: i64,
    params: &Params,
    typed: Option<(Fields, BTreeMap<String, String>)>,
    status: StatusCode,
) -> PageResult {
    check(&caller.viewer, Action::ReadUnitWork, unit_work(unit_id))?;
    let d = st
        .store
        .directive(id)
        .await?
        .ok_or_else(|| AppError::not_found("văn bản chỉ đạo"))?;
    let receipt = d
        .units
        .iter()
        .find(|u| u.unit_id == unit_id)
        .ok_or_else(|| AppError::not_found("đơn vị nhận văn bản này"))?;
    let reports = st.store.unit_reports(id, unit_id, today()).await?;
    let report_ids: Vec<i64> = reports
        .iter()
        .filter_map(|r| r.report.as_ref().map(|x| x.id))
        .collect();
    let files = st.store.attachments_of("report", &report_ids).await?;
    let rows: Vec<Value> = reports
        .iter()
        .map(|r| {
            context! {
                task => r.task.clone(), report => r.report.clone(), state => r.state.code(),
                files => r.report.as_ref().map(|x| attachment_views(files.get(&x.id).map(Vec::as_slice).unwrap_or(&[]))).unwrap_or_default(),
            }
        })
        .collect();
    let only = BTreeSet::from([unit_id]);
    let inspections: Vec<Value> = st
        .store
        .inspections(Some(id), Some(&only))
        .await?
        .into_iter()
        .map(|(i, _)| context! { i })
        .collect();
    let (f, errors) = match typed {
        Some((f, e)) => (f.map(), e),
        None => {
            let mut m = BTreeMap::new();
            m.insert("inspected_on".to_owned(), format::date_vn(today()));
            (m, BTreeMap::new())
        }
    };
    let body = page(
        st,
        caller,
        "work_unit.html",
        context! {
            title => format!("{} — {}", receipt.unit_name, d.directive.summary), nav => "movements",
            d => &d.directive, doc => d.document.as_ref().map(document_view), receipt, rows, inspections,
            f, errors, recorded => params.text("da_ghi").is_some(),
            can_direct => allows(&caller.viewer, Action::Direct, Target::None),
            follow => allows(&caller.viewer, Action::FollowUp, Target::None),
        },
    )?;
    Ok(with_status(status, body))
}

async fn unit_work_page(
    State(st): State<AppState>,
    caller: Caller,
    Path((id, unit_id)): Path<(String, String)>,
    params: Params,
) -> PageResult {
    let id = parse_id(&id, "văn bản chỉ đạo")?;
    let unit_id = parse_id(&unit_id, "đơn vị")?;
    unit_work_view(&st, &caller, id, unit_id, &params, None, StatusCode::OK).await
}

async fn remind_units(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Form(raw): Form<Vec<(String, String)>>,
) -> PageResult {
    check(&caller.viewer, Action::Direct, Target::None)?;
    let id = parse_id(&id, "văn bản chỉ đạo")?;
    let f = Fields(raw);
    let day = today();
    let units: Vec<i64> = if f.get("tat_ca") == "1" {
        // Every unit that still owes a report on some task: not read, read, drafting or late.
        st.store
            .matrix(id, &MatrixFilter::default(), day)
            .await?
            .rows
            .into_iter()
            .filter(|r| r.cells.iter().any(|c| c.owes()))
            .map(|r| r.unit_id)
            .collect()
    } else {
        f.ids("don_vi")
    };
    let back = f.get("ve");
    let back = if back.starts_with(&format!("/chi-dao/{id}/")) {
        back
    } else {
        format!("/chi-dao/{id}/theo-doi")
    };
    let sep = if back.contains('?') { '&' } else { '?' };
    if units.is_empty() {
        return Ok(redirect(&format!("{back}{sep}chua_chon=1")));
    }
    let n = st
        .store
        .remind_units(&caller.actor(), id, &units, day)
        .await?;
    Ok(redirect(&format!("{back}{sep}da_nhac={n}")))
}

async fn add_inspection(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Form(raw): Form<Vec<(String, String)>>,
) -> PageResult {
    check(&caller.viewer, Action::Direct, Target::None)?;
    let id = parse_id(&id, "văn bản chỉ đạo")?;
    let f = Fields(raw);
    let unit_id = f
        .get("don_vi")
        .parse::<i64>()
        .map_err(|_| AppError::bad_param("don_vi", "Chưa chọn đơn vị được kiểm tra"))?;
    let mut e = Invalid::new();
    let on = date_field(
        &mut e,
        "inspected_on",
        &f.get("inspected_on"),
        "Ngày kiểm tra",
    );
    let input = InspectionInput {
        unit_id,
        directive_id: Some(id),
        inspected_on: on,
        inspectors: f.get("inspectors"),
        findings: f.get("findings"),
    };
    let day = today();
    let valid = match input.validate(day) {
        Ok(v) if e.is_empty() => v,
        other => {
            if let Err(more) = other {
                for (k, v) in more.fields {
                    if !e.fields.contains_key(&k) {
                        e.add(&k, v);
                    }
                }
            }
            let params = Params(HashMap::new());
            return unit_work_view(
                &st,
                &caller,
                id,
                unit_id,
                &params,
                Some((f, e.fields)),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
    };
    let (on, inspectors, findings) = valid;
    match st
        .store
        .add_inspection(&caller.actor(), unit_id, Some(id), on, inspectors, findings)
        .await
    {
        Ok(_) => Ok(redirect(&format!(
            "/chi-dao/{id}/don-vi/{unit_id}?da_ghi=1"
        ))),
        Err(err) => {
            let (status, errors) = form_problems(err)?;
            let params = Params(HashMap::new());
            unit_work_view(
                &st,
                &caller,
                id,
                unit_id,
                &params,
                Some((f, errors)),
                status,
            )
            .await
        }
    }
}

// ----- the inbox ---------------------------------------------------------------------------------

async fn inbox_page(State(st): State<AppState>, caller: Caller, params: Params) -> PageResult {
    check(&caller.viewer, Action::ReadUnitWork, Target::None)?;
    let mine = own_units(&caller);
    let day = today();
    let items = if mine.is_empty() {
        Vec::new()
    } else {
        st.store.inbox(&mine, day).await?
    };
    let notes = if mine.is_empty() {
        Vec::new()
    } else {
        st.store.notifications(&mine, 30).await?
    };
    let unread = items.iter().filter(|i| i.read_at.is_none()).count();
    let unread_notes = notes.iter().filter(|n| n.read_at.is_none()).count();
    let several = items
        .iter()
        .map(|i| i.unit_id)
        .collect::<BTreeSet<_>>()
        .len()
        > 1;
    Ok(html(page(
        &st,
        &caller,
        "work_inbox.html",
        context! {
            title => "Hộp thư văn bản chỉ đạo", nav => "inbox",
            items, notes, unread, unread_notes, several, has_units => !mine.is_empty(),
            marked => params.text("da_doc"),
        },
    )?))
}

/// Marks the unit's notifications read: one (`id`) or all of them.
async fn read_notifications(
    State(st): State<AppState>,
    caller: Caller,
    Form(raw): Form<Vec<(String, String)>>,
) -> PageResult {
    check(&caller.viewer, Action::ReadUnitWork, Target::None)?;
    let f = Fields(raw);
    let one = match f.get("id") {
        s if s.is_empty() => None,
        s => Some(vec![parse_id(&s, "thông báo")?]),
    };
    let n = st
        .store
        .mark_notifications_read(&own_units(&caller), one.as_deref())
        .await?;
    Ok(redirect(&format!("/hop-thu?da_doc={n}")))
}

// ----- registrations -----------------------------------------------------------------------------

/// The title codes of the rule tables' catalogue a registration may aim for: (collective, individual).
async fn title_choices(st: &AppState) -> Result<(Vec<Value>, Vec<Value>), AppError> {
    use thidua_domain::rules::{Category, SubjectKind};
    let tables = st.store.rule_tables().await?;
    let mut collective = Vec::new();
    let mut individual = Vec::new();
    for e in thidua_domain::rules::catalogue(&tables) {
        if e.category != Category::Title {
            continue;
        }
        let v = context! { code => e.code.clone(), name => e.name.clone() };
        if matches!(e.subject, SubjectKind::Collective | SubjectKind::Any) {
            collective.push(v.clone());
        }
        if matches!(e.subject, SubjectKind::Individual | SubjectKind::Any) {
            individual.push(v);
        }
    }
    Ok((collective, individual))
}

/// The names of the catalogue's entries, by code.
async fn title_names(st: &AppState) -> Result<HashMap<String, String>, AppError> {
    let tables = st.store.rule_tables().await?;
    Ok(thidua_domain::rules::catalogue(&tables)
        .into_iter()
        .map(|e| (e.code, e.name))
        .collect())
}

/// The movement and year a registration page is about: asked for, or the newest city movement and
/// the phase of this year (or its nearest).
async fn registration_subject(
    st: &AppState,
    movement_id: Option<i64>,
    year: Option<i32>,
) -> Result<Option<(thidua_store::movements::MovementDetail, i32)>, AppError> {
    let id = match movement_id {
        Some(id) => id,
        None => match st
            .store
            .movements(None)
            .await?
            .into_iter()
            .find(|m| m.parent_id.is_none() && m.status != MovementStatus::Closed.code())
        {
            Some(m) => m.id,
            None => return Ok(None),
        },
    };
    let d = st
        .store
        .movement(id)
        .await?
        .ok_or_else(|| AppError::not_found("phong trào"))?;
    let this_year = today().year();
    let year = match year {
        Some(y) => {
            if y < d.movement.start_year || y > d.movement.end_year {
                return Err(AppError::bad_param(
                    "nam",
                    format!(
                        "Năm {y} nằm ngoài giai đoạn {}–{} của phong trào",
                        d.movement.start_year, d.movement.end_year
                    ),
                ));
            }
            y
        }
        None => d
            .phases
            .iter()
            .map(|p| p.year)
            .filter(|y| *y <= this_year)
            .max()
            .or_else(|| d.phases.first().map(|p| p.year))
            .unwrap_or_else(|| this_year.clamp(d.movement.start_year, d.movement.end_year)),
    };
    Ok(Some((d, year)))
}

struct RegistrationTyped {
    f: Fields,
    errors: BTreeMap<String, String>,
    status: StatusCode,
}

async fn registration_view(
    st: &AppState,
    caller: &Caller,
    params: &Params,
    typed: Option<RegistrationTyped>,
) -> PageResult {
    check(&caller.viewer, Action::ReadUnitWork, Target::None)?;
    let year_param = match params.text("nam") {
        Some(y) => Some(
            y.parse::<i32>()
                .map_err(|_| AppError::bad_param("nam", "Năm phải là số có bốn chữ số"))?,
        ),
        None => None,
    };
    let subject = registration_subject(st, params.id("phong_trao")?, year_param).await?;
    let movements: Vec<Value> = st
        .store
        .movements(None)
        .await?
        .into_iter()
        .filter(|m| m.parent_id.is_none())
        .map(|m| context! { id => m.id, name => m.name })
        .collect();
    let Some((d, year)) = subject else {
        return Ok(html(page(
            st,
            caller,
            "work_registration.html",
            context! { title => "Đăng ký thi đua", nav => "registration", movements, none => true },
        )?));
    };
    let day = today();
    let mid = d.movement.id;
    let phase = d.phases.iter().find(|p| p.year == year).cloned();
    let office = allows(&caller.viewer, Action::Direct, Target::None);
    // The unit's own form.
    let mine = own_units(caller);
    let unit = params
        .id("don_vi")?
        .filter(|u| mine.contains(u))
        .or_else(|| caller.viewer.principal().and_then(|p| p.unit_id));
    let mut form = Value::UNDEFINED;
    if let Some(u) =
        unit.filter(|u| allows(&caller.viewer, Action::EditUnitWork, unit_work(*u)) && !office)
    {
        let existing = st.store.registration(mid, year, u, day).await?;
        let open = match &existing {
            Some(r) => r.open,
            None => st.store.registration_open(mid, year, day).await?,
        };
        let (collective, individual) = title_choices(st).await?;
        let people = st
            .store
            .people_search(&thidua_store::directory::PeopleQuery {
                unit_id: Some(u),
                within: within(&caller.viewer),
                page: 1,
                per_page: 500,
                ..Default::default()
            })
            .await?
            .items;
        let (fm, chosen, titles, errors, status) = match &typed {
            Some(t) => {
                let chosen: BTreeSet<i64> = t.f.ids("nguoi").into_iter().collect();
                let titles: HashMap<i64, String> = people
                    .iter()
                    .map(|p| (p.id, t.f.get(&format!("danh_hieu_{}", p.id))))
                    .collect();
                (t.f.map(), chosen, titles, t.errors.clone(), t.status)
            }
            None => {
                let mut m = BTreeMap::new();
                if let Some(r) = &existing {
                    m.insert("commitments".to_owned(), r.registration.commitments.clone());
                    m.insert(
                        "target_title".to_owned(),
                        r.registration.target_title.clone(),
                    );
                    m.insert("version".to_owned(), r.registration.version.to_string());
                }
                let chosen = existing
                    .as_ref()
                    .map(|r| r.people.iter().map(|p| p.person_id).collect())
                    .unwrap_or_default();
                let titles = existing
                    .as_ref()
                    .map(|r| {
                        r.people
                            .iter()
                            .map(|p| (p.person_id, p.target_title.clone()))
                            .collect()
                    })
                    .unwrap_or_default();
                (m, chosen, titles, BTreeMap::new(), StatusCode::OK)
            }
        };
        let rows: Vec<Value> = people
            .iter()
            .map(|p| {
                context! {
                    id => p.id, name => p.full_name.clone(), position => p.position.clone(),
                    checked => chosen.contains(&p.id),
                    title => titles.get(&p.id).cloned().filter(|t| !t.is_empty()).unwrap_or_else(|| "lao_dong_tien_tien".into()),
                    error => errors.get(&format!("danh_hieu_{}", p.id)).cloned(),
                }
            })
            .collect();
        let names = unit_names(st, &mine).await?;
        form = context! {
            unit_id => u, unit_name => names.get(&u).cloned().unwrap_or_default(),
            units => unit_options(st, &mine).await?,
            existing => existing.as_ref().map(|r| context! {
                submitted_at => r.registration.submitted_at.to_rfc3339(),
                updated_by => r.registration.updated_by.clone(), reopened => r.registration.reopened,
                people => r.people.len(),
            }),
            open, f => fm, errors, status => status.as_u16(), rows, collective, individual,
        };
    }
    let title_names = title_names(st).await?;
    let list: Vec<Value> = st
        .store
        .registrations(Some(mid), Some(year), within(&caller.viewer).as_deref())
        .await?
        .into_iter()
        .map(|(r, name)| {
            let title = title_names
                .get(&r.target_title)
                .cloned()
                .unwrap_or_else(|| r.target_title.clone());
            context! { r, unit_name => name, title }
        })
        .collect();
    let status = typed.as_ref().map(|t| t.status).unwrap_or(StatusCode::OK);
    let body = page(
        st,
        caller,
        "work_registration.html",
        context! {
            title => "Đăng ký thi đua", nav => "registration", movements,
            m => d.movement.clone(), year, phases => d.phases.clone(), phase,
            form, list, office, saved => params.text("da_luu").is_some(),
            csv => format!("/dang-ky/xuat.csv?phong_trao={mid}&nam={year}"),
            xlsx => format!("/dang-ky/xuat.xlsx?phong_trao={mid}&nam={year}"),
        },
    )?;
    Ok(with_status(status, body))
}

async fn registration_page(
    State(st): State<AppState>,
    caller: Caller,
    params: Params,
) -> PageResult {
    registration_view(&st, &caller, &params, None).await
}

async fn save_registration(
    State(st): State<AppState>,
    caller: Caller,
    Form(raw): Form<Vec<(String, String)>>,
) -> PageResult {
    let f = Fields(raw);
    let u = form_unit(&caller, &f)?;
    let mid = f
        .get("phong_trao")
        .parse::<i64>()
        .map_err(|_| AppError::bad_param("phong_trao", "Chưa chọn phong trào"))?;
    let mut e = Invalid::new();
    let year = year_field(&mut e, "nam", &f.get("nam"), "Năm đăng ký");
    let people: Vec<RegisteredPerson> = f
        .ids("nguoi")
        .into_iter()
        .map(|pid| RegisteredPerson {
            person_id: pid,
            target_title: f.get(&format!("danh_hieu_{pid}")),
        })
        .collect();
    let input = RegistrationInput {
        movement_id: mid,
        year,
        unit_id: u,
        commitments: f.get("commitments"),
        target_title: f.get("target_title"),
        people: people.clone(),
        version: f.get("version").parse::<i32>().ok(),
    };
    let tables = st.store.rule_tables().await?;
    let catalogue = thidua_domain::rules::catalogue(&tables);
    let is = |code: &str, kinds: &[thidua_domain::rules::SubjectKind]| {
        catalogue
            .iter()
            .any(|e| e.code == code && kinds.contains(&e.subject))
    };
    use thidua_domain::rules::SubjectKind as K;
    let checked = input.validate(
        |c| is(c, &[K::Collective, K::Any]),
        |c| is(c, &[K::Individual, K::Any]),
    );
    // Problems of the i-th registered person are shown on that person's row.
    let person_key = |k: String| -> String {
        let parts: Vec<&str> = k.split('.').collect();
        match parts.as_slice() {
            ["people", i, _] => i
                .parse::<usize>()
                .ok()
                .and_then(|i| people.get(i))
                .map(|p| format!("danh_hieu_{}", p.person_id))
                .unwrap_or(k),
            _ => k,
        }
    };
    let mut params = HashMap::new();
    params.insert("phong_trao".to_owned(), mid.to_string());
    params.insert("nam".to_owned(), f.get("nam"));
    params.insert("don_vi".to_owned(), u.to_string());
    let params = Params(params);
    let valid = match checked {
        Ok(v) if e.is_empty() => v,
        other => {
            if let Err(more) = other {
                for (k, v) in more.fields {
                    e.add(&person_key(k), v);
                }
            }
            let typed = RegistrationTyped {
                f,
                errors: e.fields,
                status: StatusCode::UNPROCESSABLE_ENTITY,
            };
            return registration_view(&st, &caller, &params, Some(typed)).await;
        }
    };
    match st
        .store
        .save_registration(&caller.actor(), valid, today())
        .await
    {
        Ok(_) => Ok(redirect(&format!(
            "/dang-ky?phong_trao={mid}&nam={year}&don_vi={u}&da_luu=1"
        ))),
        Err(err) => {
            let (status, errors) = form_problems(err)?;
            let errors = errors
                .into_iter()
                .map(|(k, v)| {
                    (
                        if k == "year" {
                            "nam".to_owned()
                        } else {
                            person_key(k)
                        },
                        v,
                    )
                })
                .collect();
            let typed = RegistrationTyped { f, errors, status };
            registration_view(&st, &caller, &params, Some(typed)).await
        }
    }
}

async fn reopen_registration(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Form(raw): Form<Vec<(String, String)>>,
) -> PageResult {
    check(&caller.viewer, Action::Direct, Target::None)?;
    let id = parse_id(&id, "bản đăng ký")?;
    let f = Fields(raw);
    let reopen = f.get("mo") != "0";
    let r = st
        .store
        .set_registration_reopened(&caller.actor(), id, reopen)
        .await?;
    Ok(redirect(&format!(
        "/dang-ky?phong_trao={}&nam={}",
        r.movement_id, r.year
    )))
}

/// The columns of the registrations list (CSV and Excel).
pub(crate) const REGISTRATION_COLUMNS: [&str; 8] = [
    "STT",
    "Đơn vị",
    "Năm",
    "Danh hiệu tập thể đăng ký",
    "Nội dung đăng ký",
    "Họ và tên",
    "Chức vụ",
    "Danh hiệu cá nhân đăng ký",
];

/// The registrations of a movement and year the viewer may see, one row per registered person (a
/// unit's row alone when it registered nobody): the rows of the CSV and Excel exports.
pub(crate) async fn registration_rows(
    st: &AppState,
    caller: &Caller,
    params: &Params,
) -> Result<Vec<Vec<thidua_office::csv::Cell>>, AppError> {
    use thidua_office::csv::Cell;
    check(&caller.viewer, Action::ReadUnitWork, Target::None)?;
    let year = match params.text("nam") {
        Some(y) => Some(
            y.parse::<i32>()
                .map_err(|_| AppError::bad_param("nam", "Năm phải là số có bốn chữ số"))?,
        ),
        None => None,
    };
    let mid = params.id("phong_trao")?;
    let scope = within(&caller.viewer);
    let list = st.store.registrations(mid, year, scope.as_deref()).await?;
    let names = title_names(st).await?;
    let name_of = |code: &str| names.get(code).cloned().unwrap_or_else(|| code.to_owned());
    let day = today();
    let mut rows = Vec::new();
    let mut n = 0;
    for (r, unit_name) in &list {
        let detail = st.store.registration_by_id(r.id, day).await?;
        let people = detail.map(|d| d.people).unwrap_or_default();
        let base = |n: i64| {
            vec![
                Cell::Int(n),
                Cell::text(unit_name.clone()),
                Cell::Int(r.year as i64),
                Cell::text(if r.target_title.is_empty() {
                    String::new()
                } else {
                    name_of(&r.target_title)
                }),
                Cell::text(r.commitments.clone()),
            ]
        };
        if people.is_empty() {
            n += 1;
            let mut row = base(n);
            row.extend([Cell::Empty, Cell::Empty, Cell::Empty]);
            rows.push(row);
        }
        for p in people {
            n += 1;
            let mut row = base(n);
            row.extend([
                Cell::text(p.full_name),
                Cell::text(p.position),
                Cell::text(name_of(&p.target_title)),
            ]);
            rows.push(row);
        }
    }
    Ok(rows)
}

async fn export_registrations(
    State(st): State<AppState>,
    caller: Caller,
    params: Params,
) -> PageResult {
    let rows = registration_rows(&st, &caller, &params).await?;
    let bytes = thidua_office::csv::write_csv(&REGISTRATION_COLUMNS, rows);
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"dang-ky-thi-dua.csv\"",
            ),
            (header::CACHE_CONTROL, "private, no-store"),
        ],
        bytes,
    )
        .into_response())
}

// ----- propaganda --------------------------------------------------------------------------------

async fn posts_view(
    st: &AppState,
    caller: &Caller,
    params: &Params,
    typed: Option<(Fields, BTreeMap<String, String>)>,
    status: StatusCode,
) -> PageResult {
    check(&caller.viewer, Action::ReadUnitWork, Target::None)?;
    let scope = within(&caller.viewer);
    let list = st.store.posts(scope.as_deref(), None, 200).await?;
    let ids: Vec<i64> = list.iter().map(|(p, _)| p.id).collect();
    let files = st.store.attachments_of("post", &ids).await?;
    let items: Vec<Value> = list
        .iter()
        .map(|(p, unit_name)| {
            context! {
                p, unit_name, files => attachment_views(files.get(&p.id).map(Vec::as_slice).unwrap_or(&[])),
            }
        })
        .collect();
    let mine = own_units(caller);
    let can_post = mine
        .iter()
        .any(|u| allows(&caller.viewer, Action::EditUnitWork, unit_work(*u)));
    let (f, errors) = match typed {
        Some((f, e)) => (f.map(), e),
        None => {
            let mut m = BTreeMap::new();
            m.insert("kind".to_owned(), "event".to_owned());
            m.insert("occurred_on".to_owned(), format::date_vn(today()));
            (m, BTreeMap::new())
        }
    };
    let movements: Vec<Value> = st
        .store
        .movements(None)
        .await?
        .into_iter()
        .map(|m| context! { id => m.id, name => m.name })
        .collect();
    let body = page(
        st,
        caller,
        "work_posts.html",
        context! {
            title => "Tuyên truyền", nav => "posts", items, can_post, f, errors,
            units => unit_options(st, &mine).await?, movements,
            kinds => PostKind::ALL.iter().map(|k| context!{ code => k.code(), label => k.label() }).collect::<Vec<_>>(),
            saved => params.text("da_luu").is_some(),
        },
    )?;
    Ok(with_status(status, body))
}

async fn posts_page(State(st): State<AppState>, caller: Caller, params: Params) -> PageResult {
    posts_view(&st, &caller, &params, None, StatusCode::OK).await
}

async fn add_post(State(st): State<AppState>, caller: Caller, mp: UploadBody) -> PageResult {
    check(&caller.viewer, Action::EditUnitWork, Target::None)?;
    check(&caller.viewer, Action::ReadUnitWork, Target::None)?;
    let (f, files) = read_multipart(mp).await?;
    let u = form_unit(&caller, &f)?;
    let mut e = Invalid::new();
    let occurred_on = date_field(&mut e, "occurred_on", &f.get("occurred_on"), "Ngày");
    let participants = count_field(
        &mut e,
        "participants",
        &f.get("participants"),
        "Số người tham gia",
    );
    let movement_id = f.get("phong_trao").parse::<i64>().ok().filter(|m| *m > 0);
    let input = PostInput {
        unit_id: u,
        movement_id,
        kind: f.get("kind"),
        title: f.get("title"),
        body: f.get("body"),
        occurred_on,
        participants,
    };
    let day = today();
    let checked = input.validate(day);
    check_uploads(&st, "anh", &files, &mut e);
    let params = Params(HashMap::new());
    let valid = match checked {
        Ok(v) if e.is_empty() => v,
        other => {
            if let Err(more) = other {
                for (k, v) in more.fields {
                    if !e.fields.contains_key(&k) {
                        e.add(&k, v);
                    }
                }
            }
            return posts_view(
                &st,
                &caller,
                &params,
                Some((f, e.fields)),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
    };
    let post = match st
        .store
        .add_post(&caller.actor(), u, movement_id, valid)
        .await
    {
        Ok(p) => p,
        Err(err) => {
            let (status, errors) = form_problems(err)?;
            return posts_view(&st, &caller, &params, Some((f, errors)), status).await;
        }
    };
    if !files.is_empty() {
        let uploads = files.into_iter().map(|(_, u)| u).collect();
        st.store
            .attach(&caller.actor(), "post", post.id, Some(u), uploads)
            .await?;
    }
    Ok(redirect("/tuyen-truyen?da_luu=1"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_offered_in_utf8_and_in_plain_ascii() {
        assert_eq!(
            encode_filename("Báo cáo 1.pdf"),
            "B%C3%A1o%20c%C3%A1o%201.pdf"
        );
        assert_eq!(ascii_filename("Báo cáo \"quý\".pdf"), "bao_cao__quy_.pdf");
        assert_eq!(ascii_filename("ảnh"), "anh");
    }

    #[test]
    fn task_problems_are_named_by_the_row_the_user_filled() {
        let rows = vec![
            (
                1,
                [
                    String::from("a"),
                    String::new(),
                    String::new(),
                    String::new(),
                ],
            ),
            (
                4,
                [
                    String::new(),
                    String::from("b"),
                    String::new(),
                    String::new(),
                ],
            ),
        ];
        assert_eq!(task_key("tasks.1.title", &rows), "task_title_4");
        assert_eq!(task_key("tasks.0.due_on", &rows), "task_due_1");
        assert_eq!(task_key("recipients", &rows), "group");
        assert_eq!(task_key("summary", &rows), "summary");
    }
}
