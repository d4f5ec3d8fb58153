//! The JSON API of movements and directives (issue 5): the document register, movements, directives
//! with their tasks, recipients, read receipts, reports and follow-up matrix, the dispatch as DOCX,
//! registrations, propaganda, inspections, notifications and attachments. Collection paths and
//! shapes are those of `shared/contracts/api.md`; every change goes through an audited store method.
//!
//! Who sees what: the city office, the council, the leader and the Labour Federation see everything
//! (`permissions::within` is `None`); a unit officer sees the register and the movements, the
//! directives sent to their units (and drafts of their units' own movements), and only their
//! units' work; a worker reads issued directives sent to their unit and nothing of units' work.

use crate::api::{ApiJson, List};
use crate::docx_work;
use crate::error::{ApiError, AppError, ErrorBody};
use crate::extract::{parse_id, Caller, Params};
use crate::permissions::{
    check, check_shown, directive_visible, document_visible, movement_visible, read_scope, within,
    Action, Target, Viewer,
};
use crate::{AppState, Routes};
use axum::body::Body;
use axum::extract::{FromRequest, Multipart, Path, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::Response;
use axum::Json;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use thidua_domain::movement::{
    CellState, DirectiveInput, DirectiveStatus, DocumentInput, InspectionInput, MovementInput,
    MovementStatus, PhaseInput, PostInput, RegisteredPerson, RegistrationInput, ReportInput,
    TaskInput,
};
use thidua_domain::validation::Invalid;
use thidua_store::entity::{
    attachments, directive_tasks, directives, documents, inspections, movement_phases, movements,
    notifications, posts, registrations, task_reports,
};
use thidua_store::movements::{DirectiveDetail, DocumentQuery, MatrixFilter, MovementLinks};
use utoipa::{IntoParams, ToSchema};

pub(crate) fn routes() -> Routes {
    Routes::new()
        .get("/api/v1/documents", list_documents)
        .post("/api/v1/documents", create_document)
        .get("/api/v1/documents/{id}", get_document)
        .post("/api/v1/documents/{id}/issue", issue_document)
        .get("/api/v1/movements", list_movements)
        .post("/api/v1/movements", create_movement)
        .get("/api/v1/movements/{id}", get_movement)
        .put("/api/v1/movements/{id}", update_movement)
        .get("/api/v1/directives", list_directives)
        .post("/api/v1/directives", create_directive)
        .get("/api/v1/directives/{id}", get_directive)
        .put("/api/v1/directives/{id}", update_directive)
        .post("/api/v1/directives/{id}/issue", issue_directive)
        .post("/api/v1/directives/{id}/versions", new_directive_version)
        .get("/api/v1/directives/{id}/matrix", directive_matrix)
        .post("/api/v1/directives/{id}/read", mark_read)
        .get(
            "/api/v1/directives/{id}/units/{unit_id}/reports",
            unit_reports,
        )
        .put(
            "/api/v1/directives/{id}/units/{unit_id}/reports",
            save_report,
        )
        .post("/api/v1/directives/{id}/reminders", remind)
        .get("/api/v1/directives/{id}/docx", directive_docx)
        .get("/api/v1/registrations", list_registrations)
        .post("/api/v1/registrations", save_registration)
        .get("/api/v1/registrations/{id}", get_registration)
        .post("/api/v1/registrations/{id}/reopen", reopen_registration)
        .get("/api/v1/posts", list_posts)
        .post("/api/v1/posts", create_post)
        .get("/api/v1/inspections", list_inspections)
        .post("/api/v1/inspections", create_inspection)
        .get("/api/v1/notifications", list_notifications)
        .post("/api/v1/notifications/read", read_notifications)
        .post_upload("/api/v1/attachments", upload_attachments)
        .get("/api/v1/attachments/{id}", download_attachment)
}

type ApiResult<T> = Result<T, ApiError>;

fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

// ----- who sees what ---------------------------------------------------------------------------

/// A unit's work (its reports, registration, posts) as a permission target.
fn unit_work(unit_id: i64) -> Target {
    Target::Record {
        unit_id: Some(unit_id),
        author_person_id: None,
        finished: false,
    }
}

/// What a movement is to the rules: the work of the unit that runs it (a unit officer manages only
/// their units' own launches), or the city's when no unit runs it.
fn movement_target(unit_id: Option<i64>) -> Target {
    match unit_id {
        Some(u) => unit_work(u),
        None => Target::None,
    }
}

async fn document_for(
    st: &AppState,
    viewer: &Viewer,
    id: i64,
) -> Result<thidua_store::movements::DocumentDetail, AppError> {
    check(viewer, Action::ReadDocuments, Target::None)?;
    let d = st
        .store
        .document(id)
        .await?
        .filter(|d| document_visible(viewer, &d.document))
        .ok_or_else(|| AppError::not_found("văn bản"))?;
    Ok(d)
}

async fn movement_for(
    st: &AppState,
    viewer: &Viewer,
    id: i64,
) -> Result<thidua_store::movements::MovementDetail, AppError> {
    check(viewer, Action::ReadMovements, Target::None)?;
    st.store
        .movement(id)
        .await?
        .filter(|m| movement_visible(viewer, &m.movement))
        .ok_or_else(|| AppError::not_found("phong trào"))
}

async fn directive_for(
    st: &AppState,
    viewer: &Viewer,
    id: i64,
) -> Result<DirectiveDetail, AppError> {
    check(viewer, Action::ReadMovements, Target::None)?;
    st.store
        .directive(id)
        .await?
        .filter(|d| directive_visible(viewer, d))
        .ok_or_else(|| AppError::not_found("văn bản chỉ đạo"))
}

fn paged<T>(items: Vec<T>, page: u64, per_page: u64) -> List<T> {
    let total = items.len() as u64;
    let skip = (page.max(1) - 1).saturating_mul(per_page) as usize;
    List {
        items: items
            .into_iter()
            .skip(skip)
            .take(per_page as usize)
            .collect(),
        total,
    }
}

fn year_param(params: &Params, key: &str) -> Result<Option<i32>, AppError> {
    match params.text(key) {
        None => Ok(None),
        Some(s) => s
            .parse::<i32>()
            .ok()
            .filter(|y| (1900..=2200).contains(y))
            .map(Some)
            .ok_or_else(|| AppError::bad_param(key, format!("Tham số {key} phải là một năm"))),
    }
}

fn folded_words(q: Option<String>) -> Vec<String> {
    q.map(|q| {
        thidua_domain::text::fold(&q)
            .split_whitespace()
            .map(str::to_owned)
            .collect()
    })
    .unwrap_or_default()
}

fn matches_words(words: &[String], hay: &str) -> bool {
    if words.is_empty() {
        return true;
    }
    let hay = thidua_domain::text::fold(hay);
    words.iter().all(|w| hay.contains(w.as_str()))
}

// ----- the document register -------------------------------------------------------------------

/// A document of the register (văn bản).
#[derive(Serialize, ToSchema)]
pub struct DocumentOut {
    pub id: i64,
    /// incoming, outgoing.
    pub direction: String,
    /// A kind code ("cong_van", "ke_hoach", "quyet_dinh"…).
    pub kind: String,
    /// As printed ("941/UBND-NV"); null for a draft.
    pub reference: Option<String>,
    pub number: Option<i32>,
    /// The register: what follows the number ("UBND-NV").
    pub symbol: String,
    /// The whole date of issue, when known.
    pub issued_on: Option<NaiveDate>,
    /// The year, month and day as far as known (a draft may have only some).
    pub issued_year: Option<i32>,
    pub issued_month: Option<i32>,
    pub issued_day: Option<i32>,
    /// The summary (trích yếu), "V/v …".
    pub summary: String,
    pub issuer: String,
    pub signer: String,
    /// draft, issued.
    pub status: String,
    pub unit_id: Option<i64>,
    pub version: i32,
}

impl From<documents::Model> for DocumentOut {
    fn from(d: documents::Model) -> Self {
        DocumentOut {
            id: d.id,
            direction: d.direction,
            kind: d.kind,
            reference: d.reference,
            number: d.number,
            symbol: d.symbol,
            issued_on: d.issued_on,
            issued_year: d.issued_year,
            issued_month: d.issued_month,
            issued_day: d.issued_day,
            summary: d.summary,
            issuer: d.issuer,
            signer: d.signer,
            status: d.status,
            unit_id: d.unit_id,
            version: d.version,
        }
    }
}

/// A document of the chain of legal basis, with its distance (1: cited by this document).
#[derive(Serialize, ToSchema)]
pub struct BasisOut {
    pub depth: u32,
    pub document: DocumentOut,
}

/// A document with its "căn cứ" chain, what cites it and its files.
#[derive(Serialize, ToSchema)]
pub struct DocumentDetailOut {
    #[serde(flatten)]
    pub document: DocumentOut,
    pub basis: Vec<BasisOut>,
    pub cited_by: Vec<DocumentOut>,
    pub attachments: Vec<AttachmentOut>,
    /// The directive this is the dispatch of (issued with it, never on its own).
    pub directive_id: Option<i64>,
}

/// A document to register: an incoming one with its printed reference, or an outgoing draft ("/UBND-NV").
#[derive(Deserialize, ToSchema)]
pub struct DocumentIn {
    /// incoming (default) or outgoing.
    #[serde(default)]
    pub direction: Option<String>,
    /// "941/UBND-NV", "205/KH-UBND-LĐLĐ", "1721-CV/TU"; a draft: "/UBND-NV".
    #[serde(default)]
    pub reference: Option<String>,
    /// A kind code; read from the reference when absent.
    #[serde(default)]
    pub kind: Option<String>,
    /// ISO date, dd/mm/yyyy, or for a draft a partial date (mm/yyyy, yyyy).
    #[serde(default)]
    pub issued_on: Option<String>,
    pub summary: String,
    #[serde(default)]
    pub issuer: String,
    #[serde(default)]
    pub signer: String,
    #[serde(default)]
    pub unit_id: Option<i64>,
    /// The documents it rests on (căn cứ), in order.
    #[serde(default)]
    pub basis_document_ids: Vec<i64>,
}

/// The day an outgoing draft is issued; it takes the next number of its register then.
#[derive(Deserialize, ToSchema)]
pub struct IssueDocumentIn {
    pub issued_on: NaiveDate,
}

/// The register, newest first.
#[utoipa::path(get, path = "/api/v1/documents", params(
    ("q" = Option<String>, Query, description = "số, ký hiệu, trích yếu, cơ quan ban hành; không phân biệt dấu"),
    ("direction" = Option<String>, Query, description = "incoming, outgoing"), ("kind" = Option<String>, Query),
    ("year" = Option<i32>, Query), ("page" = Option<u64>, Query), ("per_page" = Option<u64>, Query)),
    responses((status = 200, body = List<DocumentOut>), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
async fn list_documents(
    State(st): State<AppState>,
    caller: Caller,
    params: Params,
) -> ApiResult<Json<List<DocumentOut>>> {
    check(&caller.viewer, Action::ReadDocuments, Target::None)?;
    let (page, per_page) = params.paging(50)?;
    let direction = params.text("direction");
    if direction
        .as_deref()
        .is_some_and(|d| thidua_domain::movement::DocumentDirection::from_code(d).is_none())
    {
        return Err(AppError::bad_param(
            "direction",
            "Tham số direction phải là incoming hoặc outgoing",
        )
        .into());
    }
    let q = DocumentQuery {
        q: params.text("q"),
        direction,
        kind: params.text("kind"),
        year: year_param(&params, "year")?,
        drafts_of: within(&caller.viewer),
        page,
        per_page,
    };
    Ok(Json(st.store.documents(&q).await?.into()))
}

#[utoipa::path(get, path = "/api/v1/documents/{id}",
    responses((status = 200, body = DocumentDetailOut), (status = 404, body = ErrorBody)))]
async fn get_document(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<DocumentDetailOut>> {
    let id = parse_id(&id, "văn bản")?;
    let d = document_for(&st, &caller.viewer, id).await?;
    Ok(Json(document_detail(&st, &caller.viewer, d).await?))
}

async fn document_detail(
    st: &AppState,
    viewer: &Viewer,
    d: thidua_store::movements::DocumentDetail,
) -> Result<DocumentDetailOut, AppError> {
    let attachments = st.store.attachments("document", d.document.id).await?;
    let directive_id = st.store.directive_of_document(d.document.id).await?;
    Ok(DocumentDetailOut {
        basis: d
            .basis
            .into_iter()
            .filter(|(_, b)| document_visible(viewer, b))
            .map(|(depth, b)| BasisOut {
                depth,
                document: b.into(),
            })
            .collect(),
        cited_by: d
            .cited_by
            .into_iter()
            .filter(|b| document_visible(viewer, b))
            .map(Into::into)
            .collect(),
        attachments: attachments.into_iter().map(Into::into).collect(),
        directive_id,
        document: d.document.into(),
    })
}

/// Registers a document. A malformed reference answers 422 naming `reference`; a number already in
/// the register of that symbol and year answers 409.
#[utoipa::path(post, path = "/api/v1/documents", request_body = DocumentIn,
    responses((status = 201, body = DocumentDetailOut), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn create_document(
    State(st): State<AppState>,
    caller: Caller,
    ApiJson(body): ApiJson<DocumentIn>,
) -> ApiResult<(StatusCode, Json<DocumentDetailOut>)> {
    check(&caller.viewer, Action::EditDocuments, Target::None)?;
    let valid = DocumentInput {
        direction: body.direction,
        reference: body.reference,
        kind: body.kind,
        issued_on: body.issued_on,
        summary: body.summary,
        issuer: body.issuer,
        signer: body.signer,
        unit_id: body.unit_id,
        basis_document_ids: body.basis_document_ids,
    }
    .validate()?;
    let doc = st.store.register_document(&caller.actor(), valid).await?;
    let d = document_for(&st, &caller.viewer, doc.id).await?;
    Ok((
        StatusCode::CREATED,
        Json(document_detail(&st, &caller.viewer, d).await?),
    ))
}

/// Issues an outgoing draft: the next number of its register for the year of `issued_on`.
#[utoipa::path(post, path = "/api/v1/documents/{id}/issue", request_body = IssueDocumentIn,
    responses((status = 200, body = DocumentDetailOut), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn issue_document(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<IssueDocumentIn>,
) -> ApiResult<Json<DocumentDetailOut>> {
    let id = parse_id(&id, "văn bản")?;
    document_for(&st, &caller.viewer, id).await?;
    check_shown(&caller.viewer, Action::EditDocuments, Target::None)?;
    if st.store.directive_of_document(id).await?.is_some() {
        return Err(ApiError(AppError::new(
            StatusCode::CONFLICT,
            "conflict",
            "Văn bản này là công văn của một văn bản chỉ đạo; hãy ban hành văn bản chỉ đạo để cấp số",
        )));
    }
    st.store
        .issue_document(&caller.actor(), id, body.issued_on)
        .await?;
    let d = document_for(&st, &caller.viewer, id).await?;
    Ok(Json(document_detail(&st, &caller.viewer, d).await?))
}

// ----- movements -------------------------------------------------------------------------------

/// A yearly phase of a movement with its registration deadline.
#[derive(Serialize, Deserialize, ToSchema)]
pub struct PhaseOut {
    pub year: i32,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub registration_due: Option<NaiveDate>,
}

impl From<movement_phases::Model> for PhaseOut {
    fn from(p: movement_phases::Model) -> Self {
        PhaseOut {
            year: p.year,
            title: p.title,
            registration_due: p.registration_due,
        }
    }
}

/// A movement (phong trào thi đua).
#[derive(Serialize, ToSchema)]
pub struct MovementOut {
    pub id: i64,
    pub name: String,
    pub start_year: i32,
    pub end_year: i32,
    /// regular, campaign.
    pub kind: String,
    /// draft, active, closed.
    pub status: String,
    pub organisers: String,
    pub target_groups: String,
    pub description: String,
    pub guidance_document_id: Option<i64>,
    pub unit_id: Option<i64>,
    /// The city's movement that this unit's own launch belongs to.
    pub parent_id: Option<i64>,
    pub phases: Vec<PhaseOut>,
    pub version: i32,
}

fn movement_out(m: movements::Model, phases: Vec<movement_phases::Model>) -> MovementOut {
    MovementOut {
        id: m.id,
        name: m.name,
        start_year: m.start_year,
        end_year: m.end_year,
        kind: m.kind,
        status: m.status,
        organisers: m.organisers,
        target_groups: m.target_groups,
        description: m.description,
        guidance_document_id: m.guidance_document_id,
        unit_id: m.unit_id,
        parent_id: m.parent_id,
        phases: phases.into_iter().map(Into::into).collect(),
        version: m.version,
    }
}

/// A movement named by another.
#[derive(Serialize, ToSchema)]
pub struct MovementRef {
    pub id: i64,
    pub name: String,
}

impl From<movements::Model> for MovementRef {
    fn from(m: movements::Model) -> Self {
        MovementRef {
            id: m.id,
            name: m.name,
        }
    }
}

/// A movement with its basis, guidance, links, units' own launches and directives.
#[derive(Serialize, ToSchema)]
pub struct MovementDetailOut {
    #[serde(flatten)]
    pub movement: MovementOut,
    pub unit_name: Option<String>,
    pub basis: Vec<DocumentOut>,
    pub guidance: Option<DocumentOut>,
    pub linked: Vec<MovementRef>,
    pub parent: Option<MovementRef>,
    pub launches: Vec<MovementRef>,
    pub directives: Vec<DirectiveOut>,
}

/// A movement as sent to create or change it.
#[derive(Deserialize, ToSchema)]
pub struct MovementIn {
    pub name: String,
    pub start_year: i32,
    pub end_year: i32,
    /// regular (default) or campaign.
    #[serde(default)]
    pub kind: Option<String>,
    #[serde(default)]
    pub organisers: String,
    #[serde(default)]
    pub target_groups: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub guidance_document_id: Option<i64>,
    /// The unit that runs it; a unit officer may only name one of theirs.
    #[serde(default)]
    pub unit_id: Option<i64>,
    #[serde(default)]
    pub parent_id: Option<i64>,
    #[serde(default)]
    pub basis_document_ids: Vec<i64>,
    #[serde(default)]
    pub linked_movement_ids: Vec<i64>,
    #[serde(default)]
    pub phases: Vec<PhaseOut>,
    /// For changes: draft, active, closed.
    #[serde(default)]
    pub status: Option<String>,
    /// For changes: the version read; a stale one answers 409.
    #[serde(default)]
    pub version: Option<i32>,
}

impl MovementIn {
    fn split(self) -> (MovementInput, MovementLinks, Option<String>, Option<i32>) {
        let links = MovementLinks {
            guidance_document_id: self.guidance_document_id,
            unit_id: self.unit_id,
            parent_id: self.parent_id,
            basis_document_ids: self.basis_document_ids.clone(),
            linked_movement_ids: self.linked_movement_ids.clone(),
        };
        let input = MovementInput {
            name: self.name,
            start_year: self.start_year,
            end_year: self.end_year,
            kind: self.kind,
            organisers: self.organisers,
            target_groups: self.target_groups,
            description: self.description,
            guidance_document_id: self.guidance_document_id,
            unit_id: self.unit_id,
            parent_id: self.parent_id,
            basis_document_ids: self.basis_document_ids,
            linked_movement_ids: self.linked_movement_ids,
            phases: self
                .phases
                .into_iter()
                .map(|p| PhaseInput {
                    year: p.year,
                    title: p.title,
                    registration_due: p.registration_due,
                })
                .collect(),
        };
        (input, links, self.status, self.version)
    }
}

/// Movements, newest period first.
#[utoipa::path(get, path = "/api/v1/movements", params(
    ("q" = Option<String>, Query, description = "tên, không phân biệt dấu"), ("status" = Option<String>, Query),
    ("page" = Option<u64>, Query), ("per_page" = Option<u64>, Query)),
    responses((status = 200, body = List<MovementOut>), (status = 400, body = ErrorBody)))]
async fn list_movements(
    State(st): State<AppState>,
    caller: Caller,
    params: Params,
) -> ApiResult<Json<List<MovementOut>>> {
    check(&caller.viewer, Action::ReadMovements, Target::None)?;
    let (page, per_page) = params.paging(50)?;
    let status = params.text("status");
    let words = folded_words(params.text("q"));
    let all: Vec<movements::Model> = st
        .store
        .movements(None)
        .await?
        .into_iter()
        .filter(|m| movement_visible(&caller.viewer, m))
        .filter(|m| status.as_deref().is_none_or(|s| m.status == s))
        .filter(|m| matches_words(&words, &m.name))
        .collect();
    let list = paged(all, page, per_page);
    let ids: Vec<i64> = list.items.iter().map(|m| m.id).collect();
    let mut phases = st.store.phases_of(&ids).await?;
    Ok(Json(List {
        items: list
            .items
            .into_iter()
            .map(|m| {
                let p = phases.remove(&m.id).unwrap_or_default();
                movement_out(m, p)
            })
            .collect(),
        total: list.total,
    }))
}

async fn movement_detail(
    st: &AppState,
    viewer: &Viewer,
    id: i64,
) -> Result<MovementDetailOut, AppError> {
    let d = movement_for(st, viewer, id).await?;
    let directives = directive_outs(st, d.directives).await?;
    let scope = read_scope(viewer);
    let directives = directives
        .into_iter()
        .filter(|x| scope.is_none() || x.status != DirectiveStatus::Draft.code())
        .collect();
    Ok(MovementDetailOut {
        unit_name: d.unit_name,
        basis: d.basis.into_iter().map(Into::into).collect(),
        guidance: d.guidance.map(Into::into),
        linked: d.linked.into_iter().map(Into::into).collect(),
        parent: d.parent.map(Into::into),
        launches: d
            .launches
            .into_iter()
            .filter(|m| movement_visible(viewer, m))
            .map(Into::into)
            .collect(),
        directives,
        movement: movement_out(d.movement, d.phases),
    })
}

#[utoipa::path(get, path = "/api/v1/movements/{id}",
    responses((status = 200, body = MovementDetailOut), (status = 404, body = ErrorBody)))]
async fn get_movement(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<MovementDetailOut>> {
    let id = parse_id(&id, "phong trào")?;
    Ok(Json(movement_detail(&st, &caller.viewer, id).await?))
}

/// Creates a movement (the city office), or a unit's own launch of one (its unit officer).
#[utoipa::path(post, path = "/api/v1/movements", request_body = MovementIn,
    responses((status = 201, body = MovementDetailOut), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn create_movement(
    State(st): State<AppState>,
    caller: Caller,
    ApiJson(body): ApiJson<MovementIn>,
) -> ApiResult<(StatusCode, Json<MovementDetailOut>)> {
    check(&caller.viewer, Action::ReadMovements, Target::None)?;
    check(
        &caller.viewer,
        Action::ManageMovements,
        movement_target(body.unit_id),
    )?;
    let (input, links, _, _) = body.split();
    let valid = input.validate()?;
    let m = st
        .store
        .create_movement(&caller.actor(), valid, links)
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(movement_detail(&st, &caller.viewer, m.id).await?),
    ))
}

/// Changes a movement; a stale `version` answers 409.
#[utoipa::path(put, path = "/api/v1/movements/{id}", request_body = MovementIn,
    responses((status = 200, body = MovementDetailOut), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn update_movement(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<MovementIn>,
) -> ApiResult<Json<MovementDetailOut>> {
    let id = parse_id(&id, "phong trào")?;
    let current = movement_for(&st, &caller.viewer, id).await?;
    check_shown(
        &caller.viewer,
        Action::ManageMovements,
        movement_target(current.movement.unit_id),
    )?;
    check_shown(
        &caller.viewer,
        Action::ManageMovements,
        movement_target(body.unit_id),
    )?;
    let (input, links, status, version) = body.split();
    let valid = input.validate();
    let status = match status.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(s) => MovementStatus::from_code(s).map(Some).ok_or_else(|| {
            Invalid::field(
                "status",
                "Trạng thái phải là draft (đang soạn), active (đang triển khai) hoặc closed (đã tổng kết)",
            )
        }),
    };
    let (valid, status) = match (valid, status) {
        (Ok(v), Ok(s)) => (v, s),
        (Err(mut a), Err(b)) => {
            a.fields.extend(b.fields);
            return Err(a.into());
        }
        (Err(e), _) | (_, Err(e)) => return Err(e.into()),
    };
    st.store
        .update_movement(&caller.actor(), id, valid, links, status, version)
        .await?;
    Ok(Json(movement_detail(&st, &caller.viewer, id).await?))
}

// ----- directives ------------------------------------------------------------------------------

/// A numbered task (nhiệm vụ) of a directive.
#[derive(Serialize, ToSchema)]
pub struct TaskOut {
    pub id: i64,
    pub position: i32,
    pub title: String,
    pub body: String,
    /// What the unit must report.
    pub report_what: String,
    pub due_on: Option<NaiveDate>,
}

impl From<directive_tasks::Model> for TaskOut {
    fn from(t: directive_tasks::Model) -> Self {
        TaskOut {
            id: t.id,
            position: t.position,
            title: t.title,
            body: t.body,
            report_what: t.report_what,
            due_on: t.due_on,
        }
    }
}

/// A directive (văn bản chỉ đạo).
#[derive(Serialize, ToSchema)]
pub struct DirectiveOut {
    pub id: i64,
    pub movement_id: i64,
    /// Its outgoing document in the register.
    pub document_id: Option<i64>,
    pub year: i32,
    pub summary: String,
    pub symbol: String,
    pub signer: String,
    /// A joint directive's co-issuing unit (kế hoạch liên tịch); null for one issuer.
    pub co_issuer_unit_id: Option<i64>,
    /// The co-issuer's signer: name, title ("Chủ tịch") and authority ("TM. BAN THƯỜNG VỤ").
    pub co_signer: Option<String>,
    pub co_signer_title: Option<String>,
    pub co_signer_authority: Option<String>,
    /// draft, issued, superseded.
    pub status: String,
    /// The number and symbol once issued ("05/UBND-NV"); null for a draft.
    pub reference: Option<String>,
    pub issued_on: Option<NaiveDate>,
    /// The issued directive this version replaces.
    pub supersedes_id: Option<i64>,
    pub version: i32,
    pub tasks: Vec<TaskOut>,
}

fn directive_out(
    d: directives::Model,
    reference: Option<String>,
    tasks: Vec<directive_tasks::Model>,
) -> DirectiveOut {
    DirectiveOut {
        id: d.id,
        movement_id: d.movement_id,
        document_id: d.document_id,
        year: d.year,
        summary: d.summary,
        symbol: d.symbol,
        signer: d.signer,
        co_issuer_unit_id: d.co_issuer_unit_id,
        co_signer: d.co_signer,
        co_signer_title: d.co_signer_title,
        co_signer_authority: d.co_signer_authority,
        status: d.status,
        reference,
        issued_on: d.issued_on,
        supersedes_id: d.supersedes_id,
        version: d.version,
        tasks: tasks.into_iter().map(Into::into).collect(),
    }
}

async fn directive_outs(
    st: &AppState,
    list: Vec<directives::Model>,
) -> Result<Vec<DirectiveOut>, AppError> {
    let ids: Vec<i64> = list.iter().map(|d| d.id).collect();
    let mut tasks = st.store.tasks_of(&ids).await?;
    let doc_ids: Vec<i64> = list.iter().filter_map(|d| d.document_id).collect();
    let docs = st.store.documents_by_ids(&doc_ids).await?;
    Ok(list
        .into_iter()
        .map(|d| {
            let reference = d
                .document_id
                .and_then(|x| docs.get(&x))
                .and_then(|x| x.reference.clone());
            let t = tasks.remove(&d.id).unwrap_or_default();
            directive_out(d, reference, t)
        })
        .collect())
}

/// A recipient unit with its read receipt.
#[derive(Serialize, ToSchema)]
pub struct RecipientOut {
    pub unit_id: i64,
    pub unit_name: String,
    pub read_at: Option<DateTime<Utc>>,
    pub read_by: Option<String>,
}

/// A recipient group (Kính gửi).
#[derive(Serialize, ToSchema)]
pub struct GroupRef {
    pub id: i64,
    pub name: String,
}

/// A directive with its text, basis, groups and recipients.
#[derive(Serialize, ToSchema)]
pub struct DirectiveDetailOut {
    #[serde(flatten)]
    pub directive: DirectiveOut,
    pub movement_name: String,
    /// The co-issuing unit's name, for a joint directive.
    pub co_issuer_name: Option<String>,
    pub preamble: String,
    pub closing: String,
    pub basis: Vec<DocumentOut>,
    pub groups: Vec<GroupRef>,
    /// The units it goes to (after issuing, every unit of its groups), with read receipts.
    pub recipients: Vec<RecipientOut>,
}

fn directive_detail_out(d: DirectiveDetail, viewer: &Viewer) -> DirectiveDetailOut {
    let reference = d.document.as_ref().and_then(|x| x.reference.clone());
    let scope = read_scope(viewer);
    DirectiveDetailOut {
        movement_name: d.movement.name,
        co_issuer_name: d.co_issuer.map(|u| u.name),
        preamble: d.directive.preamble.clone(),
        closing: d.directive.closing.clone(),
        basis: d.basis.into_iter().map(Into::into).collect(),
        groups: d
            .groups
            .into_iter()
            .map(|g| GroupRef {
                id: g.id,
                name: g.name,
            })
            .collect(),
        // A unit sees its own receipts, not its neighbours'.
        recipients: d
            .units
            .into_iter()
            .filter(|u| scope.as_ref().is_none_or(|s| s.contains(&u.unit_id)))
            .map(|u| RecipientOut {
                unit_id: u.unit_id,
                unit_name: u.unit_name,
                read_at: u.read_at,
                read_by: u.read_by,
            })
            .collect(),
        directive: directive_out(d.directive, reference, d.tasks),
    }
}

/// A task as drafted.
#[derive(Deserialize, ToSchema)]
pub struct TaskIn {
    pub title: String,
    #[serde(default)]
    pub body: String,
    #[serde(default)]
    pub report_what: String,
    #[serde(default)]
    pub due_on: Option<NaiveDate>,
}

/// A directive as drafted or changed.
#[derive(Deserialize, ToSchema)]
pub struct DirectiveIn {
    pub movement_id: i64,
    pub year: i32,
    /// "V/v đẩy mạnh thực hiện phong trào thi đua …"
    pub summary: String,
    /// The opening paragraphs ("Căn cứ …").
    #[serde(default)]
    pub preamble: String,
    #[serde(default)]
    pub closing: String,
    /// The register its number will come from ("UBND-NV").
    pub symbol: String,
    #[serde(default)]
    pub signer: String,
    /// A joint directive (kế hoạch liên tịch): the co-issuing unit, e.g. the Labour Federation.
    #[serde(default)]
    pub co_issuer_unit_id: Option<i64>,
    /// The co-issuer's signer (required with a co-issuer), title and authority.
    #[serde(default)]
    pub co_signer: String,
    #[serde(default)]
    pub co_signer_title: String,
    #[serde(default)]
    pub co_signer_authority: String,
    pub tasks: Vec<TaskIn>,
    #[serde(default)]
    pub group_ids: Vec<i64>,
    #[serde(default)]
    pub unit_ids: Vec<i64>,
    #[serde(default)]
    pub basis_document_ids: Vec<i64>,
    /// For changes: the version read; a stale one answers 409.
    #[serde(default)]
    pub version: Option<i32>,
}

impl DirectiveIn {
    fn input(self) -> (DirectiveInput, Option<i32>) {
        (
            DirectiveInput {
                movement_id: self.movement_id,
                year: self.year,
                summary: self.summary,
                preamble: self.preamble,
                closing: self.closing,
                symbol: self.symbol,
                signer: self.signer,
                co_issuer_unit_id: self.co_issuer_unit_id,
                co_signer: self.co_signer,
                co_signer_title: self.co_signer_title,
                co_signer_authority: self.co_signer_authority,
                tasks: self
                    .tasks
                    .into_iter()
                    .map(|t| TaskInput {
                        title: t.title,
                        body: t.body,
                        report_what: t.report_what,
                        due_on: t.due_on,
                    })
                    .collect(),
                group_ids: self.group_ids,
                unit_ids: self.unit_ids,
                basis_document_ids: self.basis_document_ids,
            },
            self.version,
        )
    }
}

/// Issuing: the day, and the version read.
#[derive(Deserialize, ToSchema)]
pub struct IssueDirectiveIn {
    pub issued_on: NaiveDate,
    #[serde(default)]
    pub version: Option<i32>,
}

/// Directives, newest first.
#[utoipa::path(get, path = "/api/v1/directives", params(
    ("movement_id" = Option<i64>, Query), ("status" = Option<String>, Query, description = "draft, issued, superseded"),
    ("q" = Option<String>, Query, description = "trích yếu hoặc số, không phân biệt dấu"),
    ("page" = Option<u64>, Query), ("per_page" = Option<u64>, Query)),
    responses((status = 200, body = List<DirectiveOut>), (status = 400, body = ErrorBody)))]
async fn list_directives(
    State(st): State<AppState>,
    caller: Caller,
    params: Params,
) -> ApiResult<Json<List<DirectiveOut>>> {
    let viewer = &caller.viewer;
    check(viewer, Action::ReadMovements, Target::None)?;
    let (page, per_page) = params.paging(50)?;
    let status = params.text("status");
    let words = folded_words(params.text("q"));
    let mut all = st.store.directives(params.id("movement_id")?).await?;
    if let Some(scope) = read_scope(viewer) {
        let sent: BTreeSet<i64> = st
            .store
            .inbox(&scope, today())
            .await?
            .into_iter()
            .map(|i| i.directive_id)
            .collect();
        let own = within(viewer).unwrap_or_default();
        let owners: BTreeMap<i64, Option<i64>> = st
            .store
            .movements(None)
            .await?
            .into_iter()
            .map(|m| (m.id, m.unit_id))
            .collect();
        all.retain(|d| {
            sent.contains(&d.id)
                || owners
                    .get(&d.movement_id)
                    .copied()
                    .flatten()
                    .is_some_and(|u| own.contains(&u))
        });
    }
    all.retain(|d| status.as_deref().is_none_or(|s| d.status == s));
    let outs = directive_outs(&st, all).await?;
    let outs: Vec<DirectiveOut> = outs
        .into_iter()
        .filter(|d| {
            matches_words(
                &words,
                &format!("{} {}", d.summary, d.reference.as_deref().unwrap_or("")),
            )
        })
        .collect();
    Ok(Json(paged(outs, page, per_page)))
}

#[utoipa::path(get, path = "/api/v1/directives/{id}",
    responses((status = 200, body = DirectiveDetailOut), (status = 404, body = ErrorBody)))]
async fn get_directive(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<DirectiveDetailOut>> {
    let id = parse_id(&id, "văn bản chỉ đạo")?;
    let d = directive_for(&st, &caller.viewer, id).await?;
    Ok(Json(directive_detail_out(d, &caller.viewer)))
}

/// Drafts a directive of a movement's year (the city office); it gets its number when issued.
#[utoipa::path(post, path = "/api/v1/directives", request_body = DirectiveIn,
    responses((status = 201, body = DirectiveDetailOut), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn create_directive(
    State(st): State<AppState>,
    caller: Caller,
    ApiJson(body): ApiJson<DirectiveIn>,
) -> ApiResult<(StatusCode, Json<DirectiveDetailOut>)> {
    check(&caller.viewer, Action::Direct, Target::None)?;
    let (input, _) = body.input();
    let valid = input.validate()?;
    let d = st
        .store
        .create_directive(
            &caller.actor(),
            input.movement_id,
            input.year,
            valid,
            &input.group_ids,
            &input.unit_ids,
            &input.basis_document_ids,
        )
        .await?;
    let detail = directive_for(&st, &caller.viewer, d.id).await?;
    Ok((
        StatusCode::CREATED,
        Json(directive_detail_out(detail, &caller.viewer)),
    ))
}

/// Changes a draft. An issued directive is never edited (409): make a new version.
#[utoipa::path(put, path = "/api/v1/directives/{id}", request_body = DirectiveIn,
    responses((status = 200, body = DirectiveDetailOut), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn update_directive(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<DirectiveIn>,
) -> ApiResult<Json<DirectiveDetailOut>> {
    let id = parse_id(&id, "văn bản chỉ đạo")?;
    let current = directive_for(&st, &caller.viewer, id).await?;
    check_shown(&caller.viewer, Action::Direct, Target::None)?;
    let (input, version) = body.input();
    if input.movement_id != current.directive.movement_id {
        return Err(AppError::from(Invalid::field(
            "movement_id",
            "Không chuyển văn bản chỉ đạo sang phong trào khác",
        ))
        .into());
    }
    let valid = input.validate()?;
    st.store
        .update_directive(
            &caller.actor(),
            id,
            valid,
            &input.group_ids,
            &input.unit_ids,
            version,
        )
        .await?;
    let d = directive_for(&st, &caller.viewer, id).await?;
    Ok(Json(directive_detail_out(d, &caller.viewer)))
}

/// Issues a draft on `issued_on`: every deadline must fall on or after it (422 naming
/// `tasks.N.due_on`), the number is the next of its register, and every recipient unit is told.
#[utoipa::path(post, path = "/api/v1/directives/{id}/issue", request_body = IssueDirectiveIn,
    responses((status = 200, body = DirectiveDetailOut), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn issue_directive(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<IssueDirectiveIn>,
) -> ApiResult<Json<DirectiveDetailOut>> {
    let id = parse_id(&id, "văn bản chỉ đạo")?;
    directive_for(&st, &caller.viewer, id).await?;
    check_shown(&caller.viewer, Action::Direct, Target::None)?;
    st.store
        .issue_directive(&caller.actor(), id, body.issued_on, body.version)
        .await?;
    let d = directive_for(&st, &caller.viewer, id).await?;
    Ok(Json(directive_detail_out(d, &caller.viewer)))
}

/// A new draft copying an issued directive; it supersedes it when issued.
#[utoipa::path(post, path = "/api/v1/directives/{id}/versions",
    responses((status = 201, body = DirectiveDetailOut), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
async fn new_directive_version(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<(StatusCode, Json<DirectiveDetailOut>)> {
    let id = parse_id(&id, "văn bản chỉ đạo")?;
    directive_for(&st, &caller.viewer, id).await?;
    check_shown(&caller.viewer, Action::Direct, Target::None)?;
    let v = st.store.new_directive_version(&caller.actor(), id).await?;
    let d = directive_for(&st, &caller.viewer, v.id).await?;
    Ok((
        StatusCode::CREATED,
        Json(directive_detail_out(d, &caller.viewer)),
    ))
}

/// One unit's row of the follow-up matrix.
#[derive(Serialize, ToSchema)]
pub struct MatrixRowOut {
    pub unit_id: i64,
    pub unit_name: String,
    pub read_at: Option<DateTime<Utc>>,
    /// One state code per task, in task order: not_read, read, reporting, reported, reported_late, late.
    pub cells: Vec<String>,
}

/// The follow-up matrix: recipient units × tasks.
#[derive(Serialize, ToSchema)]
pub struct MatrixOut {
    pub tasks: Vec<TaskOut>,
    pub rows: Vec<MatrixRowOut>,
    /// Rows shown (after the filters).
    pub total: u64,
    /// Recipient units in all.
    pub total_rows: u64,
    /// Cells in each state, over all rows.
    pub counts: BTreeMap<String, u64>,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
struct MatrixParams {
    /// A state code: only rows with a cell in this state.
    state: Option<String>,
    group_id: Option<i64>,
    /// The unit's name, ignoring diacritics.
    q: Option<String>,
}

/// The follow-up matrix of a directive today.
#[utoipa::path(get, path = "/api/v1/directives/{id}/matrix", params(MatrixParams),
    responses((status = 200, body = MatrixOut), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn directive_matrix(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    params: Params,
) -> ApiResult<Json<MatrixOut>> {
    let id = parse_id(&id, "văn bản chỉ đạo")?;
    check(&caller.viewer, Action::FollowUp, Target::None)?;
    directive_for(&st, &caller.viewer, id).await?;
    let state = match params.text("state") {
        None => None,
        Some(s) => Some(CellState::from_code(&s).ok_or_else(|| {
            AppError::bad_param(
                "state",
                "Trạng thái phải là not_read, read, reporting, reported, reported_late hoặc late",
            )
        })?),
    };
    let filter = MatrixFilter {
        state,
        q: params.text("q"),
        group_id: params.id("group_id")?,
        within: within(&caller.viewer),
    };
    let m = st.store.matrix(id, &filter, today()).await?;
    Ok(Json(MatrixOut {
        tasks: m.tasks.into_iter().map(Into::into).collect(),
        total: m.rows.len() as u64,
        rows: m
            .rows
            .into_iter()
            .map(|r| MatrixRowOut {
                unit_id: r.unit_id,
                unit_name: r.unit_name,
                read_at: r.read_at,
                cells: r.cells.iter().map(|c| c.code().to_owned()).collect(),
            })
            .collect(),
        total_rows: m.total_rows as u64,
        counts: m
            .counts
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v as u64))
            .collect(),
    }))
}

/// The unit that marks a directive read.
#[derive(Deserialize, ToSchema)]
pub struct ReadIn {
    pub unit_id: i64,
}

/// A read receipt.
#[derive(Serialize, ToSchema)]
pub struct ReadOut {
    pub directive_id: i64,
    pub unit_id: i64,
    pub read_at: Option<DateTime<Utc>>,
    pub read_by: Option<String>,
    /// False when the unit had already read it (the first receipt is kept).
    pub first: bool,
}

/// A unit marks an issued directive read.
#[utoipa::path(post, path = "/api/v1/directives/{id}/read", request_body = ReadIn,
    responses((status = 200, body = ReadOut), (status = 404, body = ErrorBody)))]
async fn mark_read(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<ReadIn>,
) -> ApiResult<Json<ReadOut>> {
    let id = parse_id(&id, "văn bản chỉ đạo")?;
    check(
        &caller.viewer,
        Action::EditUnitWork,
        unit_work(body.unit_id),
    )?;
    directive_for(&st, &caller.viewer, id).await?;
    if !st.store.directive_sent_to(id, body.unit_id).await? {
        return Err(AppError::not_found("văn bản gửi đơn vị").into());
    }
    let first = st
        .store
        .mark_read(&caller.actor(), id, body.unit_id)
        .await?;
    let d = directive_for(&st, &caller.viewer, id).await?;
    let r = d.units.into_iter().find(|u| u.unit_id == body.unit_id);
    Ok(Json(ReadOut {
        directive_id: id,
        unit_id: body.unit_id,
        read_at: r.as_ref().and_then(|r| r.read_at),
        read_by: r.and_then(|r| r.read_by),
        first,
    }))
}

/// A unit's report on one task.
#[derive(Serialize, ToSchema)]
pub struct ReportOut {
    pub id: i64,
    pub task_id: i64,
    pub unit_id: i64,
    pub events_held: Option<i64>,
    pub people_reached: Option<i64>,
    pub posts_published: Option<i64>,
    pub text: String,
    /// The day it was sent; null while it is the unit's draft.
    pub submitted_on: Option<NaiveDate>,
    pub updated_at: DateTime<Utc>,
    pub updated_by: String,
    pub version: i32,
}

impl From<task_reports::Model> for ReportOut {
    fn from(r: task_reports::Model) -> Self {
        ReportOut {
            id: r.id,
            task_id: r.task_id,
            unit_id: r.unit_id,
            events_held: r.events_held,
            people_reached: r.people_reached,
            posts_published: r.posts_published,
            text: r.text,
            submitted_on: r.submitted_on,
            updated_at: r.updated_at,
            updated_by: r.updated_by,
            version: r.version,
        }
    }
}

/// A task with the unit's report on it and the cell's state.
#[derive(Serialize, ToSchema)]
pub struct TaskReportOut {
    pub task: TaskOut,
    pub report: Option<ReportOut>,
    /// not_read, read, reporting, reported, reported_late, late.
    pub state: String,
    /// The evidence attached to the report.
    pub attachments: Vec<AttachmentOut>,
}

/// A report on one task, as a unit saves it.
#[derive(Deserialize, ToSchema)]
pub struct ReportIn {
    pub task_id: i64,
    #[serde(default)]
    pub events_held: Option<i64>,
    #[serde(default)]
    pub people_reached: Option<i64>,
    #[serde(default)]
    pub posts_published: Option<i64>,
    #[serde(default)]
    pub text: String,
    /// Send it to the city office now (otherwise it stays the unit's draft).
    #[serde(default)]
    pub submit: bool,
    /// The version read (0 or absent for a first report); a stale one answers 409.
    #[serde(default)]
    pub version: Option<i32>,
}

/// A unit's reports on every task of a directive sent to it.
#[utoipa::path(get, path = "/api/v1/directives/{id}/units/{unit_id}/reports",
    responses((status = 200, body = List<TaskReportOut>), (status = 404, body = ErrorBody)))]
async fn unit_reports(
    State(st): State<AppState>,
    caller: Caller,
    Path((id, unit_id)): Path<(String, String)>,
) -> ApiResult<Json<List<TaskReportOut>>> {
    let id = parse_id(&id, "văn bản chỉ đạo")?;
    let unit_id = parse_id(&unit_id, "đơn vị")?;
    check(&caller.viewer, Action::ReadUnitWork, unit_work(unit_id))?;
    directive_for(&st, &caller.viewer, id).await?;
    if !st.store.directive_sent_to(id, unit_id).await? {
        return Err(AppError::not_found("văn bản gửi đơn vị").into());
    }
    let views = st.store.unit_reports(id, unit_id, today()).await?;
    let mut items = Vec::new();
    for v in views {
        let attachments = match &v.report {
            Some(r) => st.store.attachments("report", r.id).await?,
            None => Vec::new(),
        };
        items.push(TaskReportOut {
            task: v.task.into(),
            report: v.report.map(Into::into),
            state: v.state.code().to_owned(),
            attachments: attachments.into_iter().map(Into::into).collect(),
        });
    }
    Ok(Json(List::all(items)))
}

/// Saves a unit's report on one task. A task of another directive, or of a directive not sent to
/// that unit, answers 422 naming `task_id`; a stale `version` answers 409 and changes nothing.
#[utoipa::path(put, path = "/api/v1/directives/{id}/units/{unit_id}/reports", request_body = ReportIn,
    responses((status = 200, body = ReportOut), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn save_report(
    State(st): State<AppState>,
    caller: Caller,
    Path((id, unit_id)): Path<(String, String)>,
    ApiJson(body): ApiJson<ReportIn>,
) -> ApiResult<Json<ReportOut>> {
    let id = parse_id(&id, "văn bản chỉ đạo")?;
    let unit_id = parse_id(&unit_id, "đơn vị")?;
    check(&caller.viewer, Action::EditUnitWork, unit_work(unit_id))?;
    let d = directive_for(&st, &caller.viewer, id).await?;
    if !d.tasks.iter().any(|t| t.id == body.task_id) {
        return Err(AppError::from(Invalid::field(
            "task_id",
            "Nhiệm vụ này không thuộc văn bản chỉ đạo đang báo cáo",
        ))
        .into());
    }
    let input = ReportInput {
        events_held: body.events_held,
        people_reached: body.people_reached,
        posts_published: body.posts_published,
        text: body.text,
        submit: body.submit,
        version: body.version,
    }
    .validate()?;
    let r = st
        .store
        .save_report(&caller.actor(), body.task_id, unit_id, input, today())
        .await?;
    Ok(Json(r.into()))
}

/// The units to remind now.
#[derive(Deserialize, ToSchema)]
pub struct RemindIn {
    pub unit_ids: Vec<i64>,
}

/// What a reminder did.
#[derive(Serialize, ToSchema)]
pub struct RemindOut {
    /// Notifications added (a unit already reminded today about this directive is not told twice).
    pub notifications: u64,
}

/// Reminds some recipient units of a directive now (in-app notifications, mailed in the daily digest).
#[utoipa::path(post, path = "/api/v1/directives/{id}/reminders", request_body = RemindIn,
    responses((status = 200, body = RemindOut), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn remind(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<RemindIn>,
) -> ApiResult<Json<RemindOut>> {
    let id = parse_id(&id, "văn bản chỉ đạo")?;
    let d = directive_for(&st, &caller.viewer, id).await?;
    check_shown(&caller.viewer, Action::Direct, Target::None)?;
    if d.directive.status == DirectiveStatus::Draft.code() {
        return Err(AppError::from(Invalid::field(
            "unit_ids",
            "Văn bản chưa ban hành; chưa nhắc được đơn vị nào",
        ))
        .into());
    }
    if body.unit_ids.is_empty() {
        return Err(AppError::from(Invalid::field(
            "unit_ids",
            "Chọn ít nhất một đơn vị để nhắc",
        ))
        .into());
    }
    let sent: BTreeSet<i64> = d.units.iter().map(|u| u.unit_id).collect();
    if let Some(u) = body.unit_ids.iter().find(|u| !sent.contains(u)) {
        return Err(AppError::from(Invalid::field(
            "unit_ids",
            format!("Văn bản không gửi tới đơn vị mã {u}"),
        ))
        .into());
    }
    let n = st
        .store
        .remind_units(&caller.actor(), id, &body.unit_ids, today())
        .await?;
    Ok(Json(RemindOut {
        notifications: n as u64,
    }))
}

pub(crate) const DOCX_TYPE: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/// The directive as its official dispatch (công văn, DOCX in the layout of Nghị định 30/2020).
#[utoipa::path(get, path = "/api/v1/directives/{id}/docx",
    responses((status = 200, description = "tệp DOCX", content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        (status = 404, body = ErrorBody)))]
async fn directive_docx(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let id = parse_id(&id, "văn bản chỉ đạo")?;
    Ok(directive_docx_response(&st, &caller.viewer, id).await?)
}

/// The directive as a DOCX download for `viewer` (the API and the directive's page serve the same).
pub(crate) async fn directive_docx_response(
    st: &AppState,
    viewer: &Viewer,
    id: i64,
) -> Result<Response, AppError> {
    let d = directive_for(st, viewer, id).await?;
    let unit = match d.movement.unit_id {
        Some(u) => st.store.unit(u).await?,
        None => None,
    };
    let parent = match unit.as_ref().and_then(|u| u.parent_id) {
        Some(p) => st.store.unit(p).await?,
        None => None,
    };
    let wanted: BTreeSet<i64> = d.groups.iter().map(|g| g.id).collect();
    let group_members = st
        .store
        .groups()
        .await?
        .into_iter()
        .filter(|g| wanted.contains(&g.id))
        .map(|g| g.unit_ids)
        .collect();
    let co_parent = match d.co_issuer.as_ref().and_then(|u| u.parent_id) {
        Some(p) => st.store.unit(p).await?,
        None => None,
    };
    let ctx = docx_work::DispatchContext {
        unit,
        parent,
        co_parent,
        group_members,
    };
    let doc = docx_work::directive_dispatch(&d, &ctx);
    // A joint directive is a joint plan, of its own template kind.
    let kind = if d.co_issuer.is_some() {
        crate::doc_templates::JOINT_PLAN
    } else {
        crate::doc_templates::DISPATCH
    };
    // The office's own template when the administrator has put one in force (`doc_templates`).
    let bytes = crate::doc_templates::render(st, kind, doc).await?;
    let (ascii, unicode) = docx_work::file_names(&d);
    Ok(file_response(
        bytes.into(),
        DOCX_TYPE,
        &docx_work::content_disposition(&ascii, &unicode),
    ))
}

pub(crate) fn file_response(
    bytes: bytes::Bytes,
    content_type: &str,
    disposition: &str,
) -> Response {
    let mut res = Response::new(Body::from(bytes));
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_str(content_type)
            .unwrap_or(HeaderValue::from_static("application/octet-stream")),
    );
    if let Ok(v) = HeaderValue::from_str(disposition) {
        h.insert(header::CONTENT_DISPOSITION, v);
    } else {
        h.insert(
            header::CONTENT_DISPOSITION,
            HeaderValue::from_static("attachment"),
        );
    }
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    res
}

// ----- registrations -----------------------------------------------------------------------------

/// A unit's registration (đăng ký thi đua) for a movement's year.
#[derive(Serialize, ToSchema)]
pub struct RegistrationOut {
    pub id: i64,
    pub movement_id: i64,
    pub unit_id: i64,
    pub unit_name: String,
    pub year: i32,
    pub commitments: String,
    /// The collective title the unit aims for (a catalogue code), or empty.
    pub target_title: String,
    /// Reopened by the city office after the deadline.
    pub reopened: bool,
    pub submitted_at: DateTime<Utc>,
    pub people_count: u64,
    pub version: i32,
}

fn registration_out(r: registrations::Model, unit_name: String, people: u64) -> RegistrationOut {
    RegistrationOut {
        id: r.id,
        movement_id: r.movement_id,
        unit_id: r.unit_id,
        unit_name,
        year: r.year,
        commitments: r.commitments,
        target_title: r.target_title,
        reopened: r.reopened,
        submitted_at: r.submitted_at,
        people_count: people,
        version: r.version,
    }
}

/// A registered person.
#[derive(Serialize, Deserialize, ToSchema)]
pub struct RegisteredPersonOut {
    pub person_id: i64,
    #[serde(default)]
    pub full_name: String,
    #[serde(default)]
    pub position: String,
    pub target_title: String,
}

/// A registration with its people, its deadline and whether it may still change.
#[derive(Serialize, ToSchema)]
pub struct RegistrationDetailOut {
    #[serde(flatten)]
    pub registration: RegistrationOut,
    pub due: Option<NaiveDate>,
    pub open: bool,
    pub people: Vec<RegisteredPersonOut>,
}

/// A person registered, with the title aimed for.
#[derive(Deserialize, ToSchema)]
pub struct RegisteredPersonIn {
    pub person_id: i64,
    pub target_title: String,
}

/// A unit's registration as it saves it (again and again until the deadline).
#[derive(Deserialize, ToSchema)]
pub struct RegistrationIn {
    pub movement_id: i64,
    pub year: i32,
    pub unit_id: i64,
    #[serde(default)]
    pub commitments: String,
    #[serde(default)]
    pub target_title: String,
    #[serde(default)]
    pub people: Vec<RegisteredPersonIn>,
    #[serde(default)]
    pub version: Option<i32>,
}

fn registration_detail_out(
    d: thidua_store::movements::RegistrationDetail,
) -> RegistrationDetailOut {
    let n = d.people.len() as u64;
    RegistrationDetailOut {
        registration: registration_out(d.registration, d.unit_name, n),
        due: d.due,
        open: d.open,
        people: d
            .people
            .into_iter()
            .map(|p| RegisteredPersonOut {
                person_id: p.person_id,
                full_name: p.full_name,
                position: p.position,
                target_title: p.target_title,
            })
            .collect(),
    }
}

/// Registrations, by unit in Vietnamese order.
#[utoipa::path(get, path = "/api/v1/registrations", params(
    ("movement_id" = Option<i64>, Query), ("year" = Option<i32>, Query), ("q" = Option<String>, Query, description = "tên đơn vị"),
    ("page" = Option<u64>, Query), ("per_page" = Option<u64>, Query)),
    responses((status = 200, body = List<RegistrationOut>), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
async fn list_registrations(
    State(st): State<AppState>,
    caller: Caller,
    params: Params,
) -> ApiResult<Json<List<RegistrationOut>>> {
    check(&caller.viewer, Action::ReadUnitWork, Target::None)?;
    let (page, per_page) = params.paging(50)?;
    let words = folded_words(params.text("q"));
    let scope = within(&caller.viewer);
    let rows: Vec<_> = st
        .store
        .registrations(
            params.id("movement_id")?,
            year_param(&params, "year")?,
            scope.as_deref(),
        )
        .await?
        .into_iter()
        .filter(|(_, name)| matches_words(&words, name))
        .collect();
    let list = paged(rows, page, per_page);
    let ids: Vec<i64> = list.items.iter().map(|(r, _)| r.id).collect();
    let counts = st.store.registration_people_counts(&ids).await?;
    Ok(Json(List {
        items: list
            .items
            .into_iter()
            .map(|(r, name)| {
                let n = counts.get(&r.id).copied().unwrap_or(0);
                registration_out(r, name, n)
            })
            .collect(),
        total: list.total,
    }))
}

#[utoipa::path(get, path = "/api/v1/registrations/{id}",
    responses((status = 200, body = RegistrationDetailOut), (status = 404, body = ErrorBody)))]
async fn get_registration(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<RegistrationDetailOut>> {
    let id = parse_id(&id, "bản đăng ký")?;
    let d = registration_for(&st, &caller.viewer, id).await?;
    Ok(Json(registration_detail_out(d)))
}

async fn registration_for(
    st: &AppState,
    viewer: &Viewer,
    id: i64,
) -> Result<thidua_store::movements::RegistrationDetail, AppError> {
    check(viewer, Action::ReadUnitWork, Target::None)?;
    let d = st
        .store
        .registration_by_id(id, today())
        .await?
        .ok_or_else(|| AppError::not_found("bản đăng ký"))?;
    check(
        viewer,
        Action::ReadUnitWork,
        unit_work(d.registration.unit_id),
    )?;
    Ok(d)
}

/// Saves a unit's registration for a movement's year. After the deadline only a registration the
/// city office reopened may change (409 otherwise).
#[utoipa::path(post, path = "/api/v1/registrations", request_body = RegistrationIn,
    responses((status = 201, body = RegistrationDetailOut), (status = 200, body = RegistrationDetailOut), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn save_registration(
    State(st): State<AppState>,
    caller: Caller,
    ApiJson(body): ApiJson<RegistrationIn>,
) -> ApiResult<(StatusCode, Json<RegistrationDetailOut>)> {
    check(
        &caller.viewer,
        Action::EditUnitWork,
        unit_work(body.unit_id),
    )?;
    let tables = st.store.rule_tables().await?;
    let title = |code: &str, subject: thidua_domain::rules::Subject| {
        tables.catalogue.iter().any(|c| {
            c.code == code
                && c.subject.admits(subject)
                && c.category == thidua_domain::rules::codes::Category::Title
        })
    };
    let input = RegistrationInput {
        movement_id: body.movement_id,
        year: body.year,
        unit_id: body.unit_id,
        commitments: body.commitments,
        target_title: body.target_title,
        people: body
            .people
            .into_iter()
            .map(|p| RegisteredPerson {
                person_id: p.person_id,
                target_title: p.target_title,
            })
            .collect(),
        version: body.version,
    }
    .validate(
        |c| title(c, thidua_domain::rules::Subject::Collective),
        |c| title(c, thidua_domain::rules::Subject::Individual),
    )?;
    let r = st
        .store
        .save_registration(&caller.actor(), input, today())
        .await?;
    let status = if r.version == 1 {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    let d = registration_for(&st, &caller.viewer, r.id).await?;
    Ok((status, Json(registration_detail_out(d))))
}

/// The city office reopens a registration after its deadline so that the unit may change it.
#[utoipa::path(post, path = "/api/v1/registrations/{id}/reopen",
    responses((status = 200, body = RegistrationDetailOut), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn reopen_registration(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<RegistrationDetailOut>> {
    let id = parse_id(&id, "bản đăng ký")?;
    registration_for(&st, &caller.viewer, id).await?;
    check_shown(&caller.viewer, Action::Direct, Target::None)?;
    st.store
        .set_registration_reopened(&caller.actor(), id, true)
        .await?;
    let d = registration_for(&st, &caller.viewer, id).await?;
    Ok(Json(registration_detail_out(d)))
}

// ----- propaganda, inspections, notifications ------------------------------------------------------

/// A post or event of propaganda (tuyên truyền).
#[derive(Serialize, ToSchema)]
pub struct PostOut {
    pub id: i64,
    pub unit_id: i64,
    pub unit_name: String,
    pub movement_id: Option<i64>,
    /// post, event.
    pub kind: String,
    pub title: String,
    pub body: String,
    pub occurred_on: NaiveDate,
    pub participants: i64,
    pub created_at: DateTime<Utc>,
    pub created_by: String,
}

fn post_out(p: posts::Model, unit_name: String) -> PostOut {
    PostOut {
        id: p.id,
        unit_id: p.unit_id,
        unit_name,
        movement_id: p.movement_id,
        kind: p.kind,
        title: p.title,
        body: p.body,
        occurred_on: p.occurred_on,
        participants: p.participants,
        created_at: p.created_at,
        created_by: p.created_by,
    }
}

/// A post or event as a unit records it.
#[derive(Deserialize, ToSchema)]
pub struct PostIn {
    pub unit_id: i64,
    #[serde(default)]
    pub movement_id: Option<i64>,
    /// post or event.
    pub kind: String,
    pub title: String,
    #[serde(default)]
    pub body: String,
    pub occurred_on: Option<NaiveDate>,
    #[serde(default)]
    pub participants: Option<i64>,
}

/// Posts and events, newest first.
#[utoipa::path(get, path = "/api/v1/posts", params(
    ("year" = Option<i32>, Query), ("unit_id" = Option<i64>, Query), ("q" = Option<String>, Query),
    ("page" = Option<u64>, Query), ("per_page" = Option<u64>, Query)),
    responses((status = 200, body = List<PostOut>), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
async fn list_posts(
    State(st): State<AppState>,
    caller: Caller,
    params: Params,
) -> ApiResult<Json<List<PostOut>>> {
    check(&caller.viewer, Action::ReadUnitWork, Target::None)?;
    let (page, per_page) = params.paging(50)?;
    let words = folded_words(params.text("q"));
    let unit = params.id("unit_id")?;
    let mut scope = within(&caller.viewer).map(|s| (*s).clone());
    if let Some(u) = unit {
        scope = Some(match scope {
            Some(s) => s.into_iter().filter(|x| *x == u).collect(),
            None => BTreeSet::from([u]),
        });
    }
    let rows: Vec<PostOut> = st
        .store
        .posts(scope.as_ref(), year_param(&params, "year")?, 100_000)
        .await?
        .into_iter()
        .filter(|(p, _)| matches_words(&words, &format!("{} {}", p.title, p.body)))
        .map(|(p, n)| post_out(p, n))
        .collect();
    Ok(Json(paged(rows, page, per_page)))
}

#[utoipa::path(post, path = "/api/v1/posts", request_body = PostIn,
    responses((status = 201, body = PostOut), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn create_post(
    State(st): State<AppState>,
    caller: Caller,
    ApiJson(body): ApiJson<PostIn>,
) -> ApiResult<(StatusCode, Json<PostOut>)> {
    check(
        &caller.viewer,
        Action::EditUnitWork,
        unit_work(body.unit_id),
    )?;
    let unit = st
        .store
        .unit(body.unit_id)
        .await?
        .ok_or_else(|| AppError::from(Invalid::field("unit_id", "Đơn vị không tồn tại")))?;
    let input = PostInput {
        unit_id: body.unit_id,
        movement_id: body.movement_id,
        kind: body.kind,
        title: body.title,
        body: body.body,
        occurred_on: body.occurred_on,
        participants: body.participants,
    };
    let valid = input.validate(today())?;
    let p = st
        .store
        .add_post(&caller.actor(), body.unit_id, body.movement_id, valid)
        .await?;
    Ok((StatusCode::CREATED, Json(post_out(p, unit.name))))
}

/// An inspection (kiểm tra) of a unit's work, with its findings.
#[derive(Serialize, ToSchema)]
pub struct InspectionOut {
    pub id: i64,
    pub unit_id: i64,
    pub unit_name: String,
    pub directive_id: Option<i64>,
    pub inspected_on: NaiveDate,
    pub inspectors: String,
    pub findings: String,
    pub created_at: DateTime<Utc>,
    pub created_by: String,
}

fn inspection_out(i: inspections::Model, unit_name: String) -> InspectionOut {
    InspectionOut {
        id: i.id,
        unit_id: i.unit_id,
        unit_name,
        directive_id: i.directive_id,
        inspected_on: i.inspected_on,
        inspectors: i.inspectors,
        findings: i.findings,
        created_at: i.created_at,
        created_by: i.created_by,
    }
}

/// An inspection as the city office records it.
#[derive(Deserialize, ToSchema)]
pub struct InspectionIn {
    pub unit_id: i64,
    #[serde(default)]
    pub directive_id: Option<i64>,
    pub inspected_on: Option<NaiveDate>,
    #[serde(default)]
    pub inspectors: String,
    pub findings: String,
}

/// Inspections, newest first.
#[utoipa::path(get, path = "/api/v1/inspections", params(
    ("directive_id" = Option<i64>, Query), ("page" = Option<u64>, Query), ("per_page" = Option<u64>, Query)),
    responses((status = 200, body = List<InspectionOut>), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
async fn list_inspections(
    State(st): State<AppState>,
    caller: Caller,
    params: Params,
) -> ApiResult<Json<List<InspectionOut>>> {
    check(&caller.viewer, Action::ReadUnitWork, Target::None)?;
    let (page, per_page) = params.paging(50)?;
    let scope = within(&caller.viewer);
    let rows: Vec<InspectionOut> = st
        .store
        .inspections(params.id("directive_id")?, scope.as_deref())
        .await?
        .into_iter()
        .map(|(i, n)| inspection_out(i, n))
        .collect();
    Ok(Json(paged(rows, page, per_page)))
}

#[utoipa::path(post, path = "/api/v1/inspections", request_body = InspectionIn,
    responses((status = 201, body = InspectionOut), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn create_inspection(
    State(st): State<AppState>,
    caller: Caller,
    ApiJson(body): ApiJson<InspectionIn>,
) -> ApiResult<(StatusCode, Json<InspectionOut>)> {
    check(&caller.viewer, Action::Direct, Target::None)?;
    let (on, inspectors, findings) = InspectionInput {
        unit_id: body.unit_id,
        directive_id: body.directive_id,
        inspected_on: body.inspected_on,
        inspectors: body.inspectors,
        findings: body.findings,
    }
    .validate(today())?;
    let i = st
        .store
        .add_inspection(
            &caller.actor(),
            body.unit_id,
            body.directive_id,
            on,
            inspectors,
            findings,
        )
        .await?;
    let name = st
        .store
        .unit(i.unit_id)
        .await?
        .map(|u| u.name)
        .unwrap_or_default();
    Ok((StatusCode::CREATED, Json(inspection_out(i, name))))
}

/// An in-app notification of a unit (a new directive, a reminder).
#[derive(Serialize, ToSchema)]
pub struct NotificationOut {
    pub id: i64,
    pub unit_id: i64,
    /// directive, reminder.
    pub kind: String,
    pub message: String,
    /// The page it is about.
    pub link: String,
    pub day: NaiveDate,
    pub created_at: DateTime<Utc>,
    pub read_at: Option<DateTime<Utc>>,
}

impl From<notifications::Model> for NotificationOut {
    fn from(n: notifications::Model) -> Self {
        NotificationOut {
            id: n.id,
            unit_id: n.unit_id,
            kind: n.kind,
            message: n.message,
            link: n.link,
            day: n.day,
            created_at: n.created_at,
            read_at: n.read_at,
        }
    }
}

/// The notifications of the caller's units (a unit officer's units, or the caller's own unit);
/// the city office may name a unit with `unit_id`.
#[utoipa::path(get, path = "/api/v1/notifications", params(
    ("unit_id" = Option<i64>, Query), ("page" = Option<u64>, Query), ("per_page" = Option<u64>, Query)),
    responses((status = 200, body = List<NotificationOut>), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
async fn list_notifications(
    State(st): State<AppState>,
    caller: Caller,
    params: Params,
) -> ApiResult<Json<List<NotificationOut>>> {
    let viewer = &caller.viewer;
    check(viewer, Action::ReadUnitWork, Target::None)?;
    let (page, per_page) = params.paging(50)?;
    let units: BTreeSet<i64> = match (within(viewer), params.id("unit_id")?) {
        (Some(w), Some(u)) => w.iter().copied().filter(|x| *x == u).collect(),
        (None, Some(u)) => BTreeSet::from([u]),
        (_, None) => notification_units(viewer),
    };
    if units.is_empty() {
        return Ok(Json(List {
            items: Vec::new(),
            total: 0,
        }));
    }
    let rows: Vec<NotificationOut> = st
        .store
        .notifications(&units, 10_000)
        .await?
        .into_iter()
        .map(Into::into)
        .collect();
    Ok(Json(paged(rows, page, per_page)))
}

/// Which notifications to mark read: `ids`, or every unread one of the caller's units when absent.
#[derive(Deserialize, ToSchema)]
pub struct ReadNotificationsIn {
    #[serde(default)]
    pub ids: Option<Vec<i64>>,
}

/// How many notifications were marked read.
#[derive(Serialize, ToSchema)]
pub struct ReadNotificationsOut {
    pub marked: u64,
}

/// Marks the caller's notifications read (those of their own units only; others' ids are ignored).
#[utoipa::path(post, path = "/api/v1/notifications/read", request_body = ReadNotificationsIn,
    responses((status = 200, body = ReadNotificationsOut), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
async fn read_notifications(
    State(st): State<AppState>,
    caller: Caller,
    ApiJson(body): ApiJson<ReadNotificationsIn>,
) -> ApiResult<Json<ReadNotificationsOut>> {
    check(&caller.viewer, Action::ReadUnitWork, Target::None)?;
    let units = notification_units(&caller.viewer);
    let marked = st
        .store
        .mark_notifications_read(&units, body.ids.as_deref())
        .await?;
    Ok(Json(ReadNotificationsOut { marked }))
}

/// The units whose notifications the caller reads as their own: a unit officer's units, or the
/// caller's own unit.
pub(crate) fn notification_units(viewer: &Viewer) -> BTreeSet<i64> {
    match within(viewer) {
        Some(w) => (*w).clone(),
        None => viewer
            .principal()
            .and_then(|p| p.unit_id)
            .into_iter()
            .collect(),
    }
}

// ----- attachments -------------------------------------------------------------------------------

/// A file attached to a record.
#[derive(Serialize, ToSchema)]
pub struct AttachmentOut {
    pub id: i64,
    /// document, report, post, inspection.
    pub owner_kind: String,
    pub owner_id: i64,
    pub file_name: String,
    pub content_type: String,
    pub size: i64,
    pub sha256: String,
    pub created_at: DateTime<Utc>,
    pub created_by: String,
    /// Where to download it.
    pub url: String,
}

impl From<attachments::Model> for AttachmentOut {
    fn from(a: attachments::Model) -> Self {
        AttachmentOut {
            url: format!("/api/v1/attachments/{}", a.id),
            id: a.id,
            owner_kind: a.owner_kind,
            owner_id: a.owner_id,
            file_name: a.file_name,
            content_type: a.content_type,
            size: a.size,
            sha256: a.sha256,
            created_at: a.created_at,
            created_by: a.created_by,
        }
    }
}

/// Whether `viewer` may read (or, with `write`, attach to) the record that owns attachments; answers
/// the unit the record belongs to (for the audit log). 404 when the record is not there or hidden.
async fn owner_access(
    st: &AppState,
    viewer: &Viewer,
    kind: &str,
    id: i64,
    write: bool,
) -> Result<Option<i64>, AppError> {
    let unit_record = |unit_id: i64| -> Result<Option<i64>, AppError> {
        check(viewer, Action::ReadUnitWork, unit_work(unit_id))?;
        if write {
            check_shown(viewer, Action::EditUnitWork, unit_work(unit_id))?;
        }
        Ok(Some(unit_id))
    };
    match kind {
        "document" => {
            let d = document_for(st, viewer, id).await?;
            if write {
                check_shown(viewer, Action::EditDocuments, Target::None)?;
            }
            Ok(d.document.unit_id)
        }
        "report" => {
            let r = st
                .store
                .task_report(id)
                .await?
                .ok_or_else(|| AppError::not_found("báo cáo"))?;
            unit_record(r.unit_id)
        }
        "post" => {
            let p = st
                .store
                .post(id)
                .await?
                .ok_or_else(|| AppError::not_found("bài tuyên truyền"))?;
            unit_record(p.unit_id)
        }
        "inspection" => {
            let i = st
                .store
                .inspection(id)
                .await?
                .ok_or_else(|| AppError::not_found("biên bản kiểm tra"))?;
            check(viewer, Action::ReadUnitWork, unit_work(i.unit_id))?;
            if write {
                check_shown(viewer, Action::Direct, Target::None)?;
            }
            Ok(Some(i.unit_id))
        }
        thidua_store::initiatives::ATTACHMENT_KIND => {
            let f = crate::api_initiatives::initiative_for(st, viewer, id, Action::ReadInitiative)
                .await?;
            if write {
                check_shown(
                    viewer,
                    Action::EditInitiative,
                    crate::permissions::initiative_target(&f),
                )?;
            }
            Ok(Some(f.unit_id))
        }
        thidua_store::commendation::NOMINATION_FILES => {
            let n = crate::api_commendation::nomination_for(st, viewer, id).await?;
            if write {
                check_shown(
                    viewer,
                    Action::Nominate,
                    crate::api_commendation::nomination_target(&n.row.nomination),
                )?;
            }
            Ok(Some(n.row.nomination.unit_id))
        }
        thidua_store::commendation::DECISION_FILES if !write => {
            check(viewer, Action::ReadCommendation, Target::None)?;
            st.store
                .award_decision(id)
                .await?
                .ok_or_else(|| AppError::not_found("quyết định"))?;
            Ok(None)
        }
        _ => Err(Invalid::field(
            "owner_kind",
            "Loại hồ sơ phải là document, report, post, inspection, initiative hoặc nomination",
        )
        .into()),
    }
}

fn multipart_error(e: axum::extract::multipart::MultipartError) -> AppError {
    if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
        AppError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "validation",
            format!(
                "Nội dung gửi lên quá lớn (tối đa {} MB)",
                crate::MAX_UPLOAD_BYTES / 1024 / 1024
            ),
        )
    } else {
        AppError::bad_request(format!(
            "Dữ liệu multipart không đọc được: {}",
            e.body_text()
        ))
    }
}

/// Attaches files to a record (multipart: `owner_kind`, `owner_id`, one or more `file`). All or none:
/// a file too large or of a type not allowed answers 422 naming `file`, and nothing is stored.
#[utoipa::path(post, path = "/api/v1/attachments",
    request_body(content_type = "multipart/form-data", description = "owner_kind (document, report, post, inspection, initiative, nomination), owner_id, file (một hoặc nhiều tệp)"),
    responses((status = 201, body = List<AttachmentOut>), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 413, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn upload_attachments(
    State(st): State<AppState>,
    caller: Caller,
    req: Request,
) -> ApiResult<(StatusCode, Json<List<AttachmentOut>>)> {
    // Anyone signed in may try; the owner record decides below. The public is told to log in before
    // the body is read, so the form is read here rather than by an extractor.
    check(&caller.viewer, Action::OwnAccount, Target::None)?;
    let mut form = Multipart::from_request(req, &()).await.map_err(|e| {
        AppError::bad_request(format!(
            "Cần gửi dạng multipart/form-data (owner_kind, owner_id, file): {}",
            e.body_text()
        ))
    })?;
    let mut owner_kind = None;
    let mut owner_id = None;
    let mut uploads = Vec::new();
    while let Some(field) = form.next_field().await.map_err(multipart_error)? {
        let name = field.name().unwrap_or("").to_owned();
        match name.as_str() {
            "owner_kind" => owner_kind = Some(field.text().await.map_err(multipart_error)?),
            "owner_id" => owner_id = Some(field.text().await.map_err(multipart_error)?),
            "file" | "files" | "file[]" | "files[]" => {
                let file_name = field.file_name().unwrap_or("").to_owned();
                let bytes = field.bytes().await.map_err(multipart_error)?;
                // A file input left empty sends a part with no name and no bytes.
                if file_name.is_empty() && bytes.is_empty() {
                    continue;
                }
                uploads.push(thidua_store::files::Upload { file_name, bytes });
            }
            _ => {}
        }
    }
    let mut e = Invalid::new();
    let kind = owner_kind.map(|k| k.trim().to_owned()).unwrap_or_default();
    if kind.is_empty() {
        e.add(
            "owner_kind",
            "Thiếu loại hồ sơ (document, report, post, inspection)",
        );
    }
    let id = owner_id
        .as_deref()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .filter(|n| *n > 0);
    if id.is_none() {
        e.add("owner_id", "Thiếu mã hồ sơ (số nguyên dương)");
    }
    if uploads.is_empty() {
        e.add("file", "Chưa chọn tệp nào");
    }
    e.or_ok(())?;
    let id = id.unwrap_or_default();
    let unit = owner_access(&st, &caller.viewer, &kind, id, true).await?;
    // A nomination takes files only while its unit may still change it (checked in its transaction).
    let stored = if kind == thidua_store::commendation::NOMINATION_FILES {
        st.store
            .attach_to_nomination(&caller.actor(), id, uploads)
            .await?
    } else {
        st.store
            .attach(&caller.actor(), &kind, id, unit, uploads)
            .await?
    };
    Ok((StatusCode::CREATED, Json(List::all(stored))))
}

/// Downloads an attachment: always as a file (Content-Disposition: attachment, nosniff), never shown
/// inline from the application's origin.
#[utoipa::path(get, path = "/api/v1/attachments/{id}",
    responses((status = 200, description = "nội dung tệp"), (status = 404, body = ErrorBody)))]
async fn download_attachment(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    check(&caller.viewer, Action::OwnAccount, Target::None)?;
    let id = parse_id(&id, "tệp đính kèm")?;
    let a = st
        .store
        .attachment(id)
        .await?
        .ok_or_else(|| AppError::not_found("tệp đính kèm"))?;
    owner_access(&st, &caller.viewer, &a.owner_kind, a.owner_id, false)
        .await
        .map_err(|e| {
            // A record of a kind this version does not know is not shown either.
            if e.status == StatusCode::UNPROCESSABLE_ENTITY {
                AppError::not_found("tệp đính kèm")
            } else {
                e
            }
        })?;
    let bytes = st.store.files().get(&a.sha256).await?;
    let ascii: String = thidua_domain::text::fold(&a.file_name)
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() && c != '"' {
                c
            } else {
                '-'
            }
        })
        .collect();
    Ok(file_response(
        bytes,
        &a.content_type,
        &docx_work::content_disposition(&ascii, &a.file_name),
    ))
}

/// The paths and schemas of this module in the OpenAPI document (merged by `api::ApiDoc`).
#[derive(utoipa::OpenApi)]
#[openapi(
    paths(
        list_documents,
        create_document,
        get_document,
        issue_document,
        list_movements,
        create_movement,
        get_movement,
        update_movement,
        list_directives,
        create_directive,
        get_directive,
        update_directive,
        issue_directive,
        new_directive_version,
        directive_matrix,
        mark_read,
        unit_reports,
        save_report,
        remind,
        directive_docx,
        list_registrations,
        save_registration,
        get_registration,
        reopen_registration,
        list_posts,
        create_post,
        list_inspections,
        create_inspection,
        list_notifications,
        read_notifications,
        upload_attachments,
        download_attachment
    ),
    components(schemas(
        DocumentOut,
        BasisOut,
        DocumentDetailOut,
        DocumentIn,
        IssueDocumentIn,
        PhaseOut,
        MovementOut,
        MovementRef,
        MovementDetailOut,
        MovementIn,
        TaskOut,
        DirectiveOut,
        RecipientOut,
        GroupRef,
        DirectiveDetailOut,
        TaskIn,
        DirectiveIn,
        IssueDirectiveIn,
        MatrixRowOut,
        MatrixOut,
        ReadIn,
        ReadOut,
        ReportOut,
        TaskReportOut,
        ReportIn,
        RemindIn,
        RemindOut,
        RegistrationOut,
        RegisteredPersonOut,
        RegistrationDetailOut,
        RegisteredPersonIn,
        RegistrationIn,
        PostOut,
        PostIn,
        InspectionOut,
        InspectionIn,
        NotificationOut,
        ReadNotificationsIn,
        ReadNotificationsOut,
        AttachmentOut
    ))
)]
pub struct WorkApiDoc;
