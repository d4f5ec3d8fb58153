//! The JSON API of ideas and initiatives (sáng kiến): the list and search, one initiative with its
//! versions, submit and withdraw, the similarity check, councils, scoring rounds with blind score
//! sheets, recognition decisions, replications and the Bằng Lao động sáng tạo list. Permissions are
//! asked of `permissions` (the rules of `thidua_domain::access`) with the facts of each initiative
//! for the viewer (author? before their council? published?).

use crate::api::{ApiJson, List};
use crate::error::{ApiError, AppError, ErrorBody};
use crate::extract::{parse_id, Caller, Params};
use crate::permissions::{allows, check, Action, Target, Viewer};
use crate::{AppState, Routes};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;
use thidua_domain::initiative::{
    BenefitSplit, CreativeLabourRule, Field, InitiativeInput, RecognitionRule, Rubric,
    RubricCriterion, Scope, Status,
};
use thidua_domain::similar::{DocMeta, Filter, PageRequest, Probe, Segment};
use thidua_domain::validation::Invalid;
use thidua_store::initiatives::{InitiativeFacts, NewCouncil, NewMember, SimilarItem};
use utoipa::{OpenApi, ToSchema};

pub(crate) fn routes() -> Routes {
    Routes::new()
        .get("/api/v1/initiatives", list_initiatives)
        .post("/api/v1/initiatives", create_initiative)
        .post("/api/v1/initiatives/similar", similar)
        .get("/api/v1/initiatives/most-replicated", most_replicated)
        .get("/api/v1/initiatives/lao-dong-sang-tao", creative_labour)
        .get("/api/v1/initiatives/{id}", get_initiative)
        .put("/api/v1/initiatives/{id}", update_initiative)
        .post("/api/v1/initiatives/{id}/submit", submit_initiative)
        .post("/api/v1/initiatives/{id}/withdraw", withdraw_initiative)
        .get("/api/v1/initiatives/{id}/similar", similar_to)
        .post("/api/v1/initiatives/{id}/replications", add_replication)
        .get("/api/v1/councils", list_councils)
        .post("/api/v1/councils", create_council)
        .get("/api/v1/councils/{id}", get_council)
        .post("/api/v1/councils/{id}/rounds", open_round)
        .get("/api/v1/rounds/{id}", get_round)
        .post("/api/v1/rounds/{id}/initiatives", add_to_round)
        .post("/api/v1/rounds/{id}/close", close_round)
        .post("/api/v1/rounds/{id}/scores", submit_score)
        .post("/api/v1/rounds/{id}/decisions", decide)
}

type ApiResult<T> = Result<T, ApiError>;

pub(crate) use crate::today;

// ---------------------------------------------------------------------------------------------
// Permissions with the facts of an initiative

pub(crate) use crate::permissions::initiative_target as target;

/// The facts of initiative `id` for `viewer`, if they may do `action` to it (404 when there is no
/// such initiative or they may not see it, 403 when they see it but may not do this).
pub(crate) async fn initiative_for(
    st: &AppState,
    viewer: &Viewer,
    id: i64,
    action: Action,
) -> Result<InitiativeFacts, AppError> {
    let p = viewer.principal();
    let facts = st
        .store
        .initiative_facts(id, p.map(|p| p.user_id), p.and_then(|p| p.person_id))
        .await?
        .ok_or_else(|| AppError::not_found("sáng kiến"))?;
    check(viewer, action, target(&facts))?;
    Ok(facts)
}

/// Which initiatives of the index `viewer` may read: a closure over the index's metadata that asks
/// the one rule function, with the initiatives before the viewer's councils read once.
pub(crate) async fn reader(
    st: &AppState,
    viewer: &Viewer,
) -> Result<impl Fn(&DocMeta) -> bool + use<>, AppError> {
    let council: HashSet<i64> = match viewer.principal() {
        Some(p) => st.store.council_initiative_ids(p.user_id).await?,
        None => HashSet::new(),
    };
    let person = viewer.principal().and_then(|p| p.person_id);
    let viewer = viewer.clone();
    Ok(move |m: &DocMeta| {
        allows(
            &viewer,
            Action::ReadInitiative,
            Target::Initiative {
                unit_id: m.unit_id,
                author: person.is_some_and(|p| m.authors.contains(&p)),
                council: council.contains(&m.id),
                published: m.status == Status::Recognised,
                finished: m.status.is_final(),
            },
        )
    })
}

/// The search filters of the query string: year, unit_id (or don_vi), field, scope, status.
pub(crate) fn filter_of(params: &Params) -> Result<Filter, AppError> {
    let year = match params.text("year").or_else(|| params.text("nam")) {
        None => None,
        Some(y) => Some(
            y.parse::<i32>()
                .ok()
                .filter(|y| (1990..=2100).contains(y))
                .ok_or_else(|| AppError::bad_param("year", "Năm không hợp lệ"))?,
        ),
    };
    let unit = match params.id("unit_id")? {
        Some(u) => Some(u),
        None => params.id("don_vi")?,
    };
    let coded = |key: &str, alt: &str| params.text(key).or_else(|| params.text(alt));
    let field = match coded("field", "linh_vuc") {
        None => None,
        Some(c) => Some(
            Field::from_code(&c)
                .ok_or_else(|| AppError::bad_param("field", "Lĩnh vực không hợp lệ"))?,
        ),
    };
    let scope = match coded("scope", "pham_vi") {
        None => None,
        Some(c) => Some(Scope::from_code(&c).ok_or_else(|| {
            AppError::bad_param(
                "scope",
                "Phạm vi không hợp lệ (co_so, huyen, tinh, toan_quoc)",
            )
        })?),
    };
    let status = match coded("status", "trang_thai") {
        None => None,
        Some(c) => Some(
            Status::from_code(&c)
                .ok_or_else(|| AppError::bad_param("status", "Trạng thái không hợp lệ"))?,
        ),
    };
    Ok(Filter {
        year,
        unit_ids: unit.map(|u| vec![u]),
        field,
        scope,
        status,
    })
}

// ---------------------------------------------------------------------------------------------
// Shapes

/// A piece of a title or snippet; `highlighted` pieces matched the query.
#[derive(Serialize, ToSchema)]
pub struct SegmentOut {
    pub text: String,
    pub highlighted: bool,
}

fn segments(s: Vec<Segment>) -> Vec<SegmentOut> {
    s.into_iter()
        .map(|s| SegmentOut {
            text: s.text,
            highlighted: s.highlighted,
        })
        .collect()
}

/// An initiative of a list or search.
#[derive(Serialize, ToSchema)]
pub struct InitiativeItemOut {
    pub id: i64,
    pub title: String,
    pub unit_id: i64,
    pub year: i32,
    /// draft, submitted, under_review, recognised, not_recognised, withdrawn.
    pub status: String,
    /// co_so, huyen, tinh, toan_quoc when recognised.
    pub scope: Option<String>,
    pub field: String,
    /// The title in pieces, the query's words highlighted.
    pub title_segments: Vec<SegmentOut>,
    /// A passage of the text with the query's words highlighted.
    pub snippet: Vec<SegmentOut>,
}

/// An initiative as sent to write or change it.
#[derive(Deserialize, ToSchema)]
pub struct InitiativeIn {
    /// idea or initiative (default).
    #[serde(default)]
    pub kind: Option<String>,
    pub title: String,
    pub unit_id: Option<i64>,
    pub field: String,
    #[serde(default)]
    pub year: Option<i32>,
    #[serde(default)]
    pub before: String,
    #[serde(default)]
    pub solution: String,
    #[serde(default)]
    pub novelty: String,
    #[serde(default)]
    pub benefit: String,
    #[serde(default)]
    pub applied_where: String,
    #[serde(default)]
    pub applied_since: Option<NaiveDate>,
    #[serde(default)]
    pub benefit_vnd: Option<i64>,
    /// Each `{"person_id": 12, "share": 5000}` or `{"name": "…", "share": 5000}`; shares in
    /// hundredths of a percent, adding up to 10000.
    #[serde(default)]
    pub authors: Vec<AuthorIn>,
    /// For changes: the version read; a stale one answers 409.
    #[serde(default)]
    pub version: Option<i32>,
}

/// An author as sent.
#[derive(Deserialize, ToSchema)]
pub struct AuthorIn {
    #[serde(default)]
    pub person_id: Option<i64>,
    #[serde(default)]
    pub name: Option<String>,
    /// Hundredths of a percent (5000 = 50%).
    #[serde(default)]
    pub share: Option<u32>,
}

impl InitiativeIn {
    fn input(self) -> (InitiativeInput, Option<i32>) {
        (
            InitiativeInput {
                kind: self.kind,
                title: self.title,
                unit_id: self.unit_id,
                field: self.field,
                year: self.year,
                before: self.before,
                solution: self.solution,
                novelty: self.novelty,
                benefit: self.benefit,
                applied_where: self.applied_where,
                applied_since: self.applied_since,
                benefit_vnd: self.benefit_vnd,
                authors: self
                    .authors
                    .into_iter()
                    .map(|a| thidua_domain::initiative::AuthorInput {
                        person_id: a.person_id,
                        name: a.name,
                        share: a.share.map(thidua_domain::initiative::Share),
                    })
                    .collect(),
            },
            self.version,
        )
    }
}

/// The similarity check's question: a title and a text (typed so far, or whole).
#[derive(Deserialize, ToSchema)]
pub struct SimilarIn {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub text: String,
    /// The year it is submitted in (earlier years' initiatives may be flagged as re-submissions).
    #[serde(default)]
    pub year: Option<i32>,
    /// How many to answer (default 10, at most 50).
    #[serde(default)]
    pub k: Option<usize>,
}

/// A passage found in both texts: char ranges in the text asked about and in the candidate's part.
#[derive(Serialize, ToSchema)]
pub struct PassageOut {
    /// title or section0…section3 (before, solution, novelty, benefit) of the candidate.
    pub part: String,
    pub query_chars: [usize; 2],
    pub candidate_chars: [usize; 2],
    pub syllables: usize,
}

/// A similar initiative.
#[derive(Serialize, ToSchema)]
pub struct SimilarOut {
    pub id: i64,
    pub title: String,
    /// 0..1, most similar first.
    pub score: f32,
    pub containment: f32,
    pub year: i32,
    pub unit_id: i64,
    /// The score reaches the "likely similar" threshold.
    pub likely: bool,
    /// The text typed so far is largely in this initiative.
    pub contained: bool,
    /// A likely re-submission of an earlier year's initiative.
    pub resubmission: bool,
    pub same_author: bool,
    /// The viewer may open it (otherwise its passages are not shown).
    pub readable: bool,
    pub passages: Vec<PassageOut>,
}

/// The similarity check's answer.
#[derive(Serialize, ToSchema)]
pub struct SimilarList {
    pub items: Vec<SimilarOut>,
}

pub(crate) fn similar_out(s: SimilarItem, readable: bool) -> SimilarOut {
    SimilarOut {
        id: s.m.id,
        title: s.title,
        score: s.m.score,
        containment: s.m.containment,
        year: s.m.year,
        unit_id: s.m.unit_id,
        likely: s.m.likely,
        contained: s.m.contained,
        resubmission: s.m.resubmission,
        same_author: s.m.same_author,
        readable,
        passages: if readable {
            s.m.passages
                .iter()
                .map(|p| PassageOut {
                    part: thidua_store::initiatives::part_key(p.candidate.part),
                    query_chars: [p.query.chars.start, p.query.chars.end],
                    candidate_chars: [p.candidate.chars.start, p.candidate.chars.end],
                    syllables: p.syllables,
                })
                .collect()
        } else {
            Vec::new()
        },
    }
}

/// A status move with an optional note.
#[derive(Deserialize, ToSchema, Default)]
pub struct NoteIn {
    #[serde(default)]
    pub note: String,
}

/// A council as sent.
#[derive(Deserialize, ToSchema)]
pub struct CouncilIn {
    pub name: String,
    pub unit_id: i64,
    /// co_so, huyen, tinh, toan_quoc: the scope it recognises at.
    pub scope: String,
    pub year: i32,
    /// The share of all members who must agree (default 2/3).
    #[serde(default)]
    pub threshold_num: Option<u32>,
    #[serde(default)]
    pub threshold_den: Option<u32>,
    pub members: Vec<MemberIn>,
}

/// A council member as sent: an account (by id or username), maybe a person of the directory.
#[derive(Deserialize, ToSchema)]
pub struct MemberIn {
    #[serde(default)]
    pub user_id: Option<i64>,
    #[serde(default)]
    pub username: Option<String>,
    #[serde(default)]
    pub person_id: Option<i64>,
    pub name: String,
    /// chu_tich, pho_chu_tich, thanh_vien, cong_doan, thu_ky.
    pub role: String,
}

/// A criterion of a rubric.
#[derive(Deserialize, Serialize, ToSchema)]
pub struct CriterionIn {
    pub code: String,
    pub name: String,
    pub weight: u32,
    pub max_score: u32,
}

/// A round as sent: its name, rubric (the standard one when absent) and initiatives.
#[derive(Deserialize, ToSchema)]
pub struct RoundIn {
    pub name: String,
    #[serde(default)]
    pub criteria: Option<Vec<CriterionIn>>,
    #[serde(default)]
    pub initiative_ids: Vec<i64>,
}

/// Initiatives to put before a round.
#[derive(Deserialize, ToSchema)]
pub struct RoundInitiativesIn {
    pub initiative_ids: Vec<i64>,
}

/// A member's score sheet.
#[derive(Deserialize, ToSchema)]
pub struct ScoreIn {
    pub initiative_id: i64,
    /// Scores by criterion code, whole numbers from 0 to the criterion's maximum.
    pub scores: BTreeMap<String, i64>,
    /// The member agrees to recognise it.
    #[serde(default)]
    pub agrees: bool,
    #[serde(default)]
    pub comment: String,
}

/// A recorded sheet (the member's own).
#[derive(Serialize, ToSchema)]
pub struct ScoreOut {
    pub id: i64,
    pub round_id: i64,
    pub initiative_id: i64,
    pub total: f64,
}

/// The council's decision on one initiative of a closed round.
#[derive(Deserialize, ToSchema)]
pub struct DecisionIn {
    pub initiative_id: i64,
    /// Members agreeing, when counted at the meeting; otherwise the sheets' votes.
    #[serde(default)]
    pub agreeing: Option<u32>,
    #[serde(default)]
    pub decided_on: Option<NaiveDate>,
}

/// A replication as sent.
#[derive(Deserialize, ToSchema)]
pub struct ReplicationIn {
    pub unit_id: i64,
    pub adopted_on: NaiveDate,
    pub result: String,
    #[serde(default)]
    pub benefit_vnd: Option<i64>,
}

fn json<T: Serialize>(v: &T) -> Json<serde_json::Value> {
    Json(serde_json::to_value(v).unwrap_or_default())
}

// ---------------------------------------------------------------------------------------------
// Initiatives

/// Initiatives the caller may read (the public: the published ones), searched ignoring diacritics,
/// with highlighted snippets.
#[utoipa::path(get, path = "/api/v1/initiatives", params(
    ("q" = Option<String>, Query, description = "tìm trong tên và nội dung, có dấu hay không dấu"),
    ("year" = Option<i32>, Query), ("unit_id" = Option<i64>, Query), ("field" = Option<String>, Query),
    ("scope" = Option<String>, Query), ("status" = Option<String>, Query),
    ("page" = Option<u64>, Query), ("per_page" = Option<u64>, Query)),
    responses((status = 200, body = List<InitiativeItemOut>), (status = 400, body = ErrorBody)))]
async fn list_initiatives(
    State(st): State<AppState>,
    caller: Caller,
    params: Params,
) -> ApiResult<Json<List<InitiativeItemOut>>> {
    check(&caller.viewer, Action::ListInitiatives, Target::None)?;
    let filter = filter_of(&params)?;
    let (page, per_page) = params.paging(20)?;
    let keep = reader(&st, &caller.viewer).await?;
    let found = st
        .store
        .search_initiatives(
            params.text("q").as_deref().unwrap_or(""),
            &filter,
            keep,
            PageRequest {
                page: page as u32,
                per_page: per_page as u32,
            },
        )
        .await?;
    Ok(Json(List {
        total: found.total as u64,
        items: found
            .hits
            .into_iter()
            .map(|h| InitiativeItemOut {
                id: h.meta.id,
                title: h.hit.title.iter().map(|s| s.text.as_str()).collect(),
                unit_id: h.meta.unit_id,
                year: h.meta.year,
                status: h.meta.status.code().to_owned(),
                scope: h.meta.scope.map(|s| s.code().to_owned()),
                field: h.meta.field.code().to_owned(),
                title_segments: segments(h.hit.title),
                snippet: segments(h.hit.snippet),
            })
            .collect(),
    }))
}

/// Writes a new idea or initiative as a draft. Workers write their own (they must be among the
/// authors); unit officers for their units.
#[utoipa::path(post, path = "/api/v1/initiatives", request_body = InitiativeIn,
    responses((status = 201, description = "sáng kiến", body = Object), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn create_initiative(
    State(st): State<AppState>,
    caller: Caller,
    ApiJson(body): ApiJson<InitiativeIn>,
) -> ApiResult<(StatusCode, Json<serde_json::Value>)> {
    check(&caller.viewer, Action::EditInitiative, Target::None)?;
    let (input, _) = body.input();
    check_new_target(&caller.viewer, &input)?;
    let valid = input.validate(today())?;
    let created = st.store.create_initiative(&caller.actor(), valid).await?;
    let detail = st.store.initiative(created.id).await?;
    Ok((StatusCode::CREATED, json(&detail)))
}

/// May the viewer write an initiative of this unit with these authors?
pub(crate) fn check_new_target(viewer: &Viewer, input: &InitiativeInput) -> Result<(), AppError> {
    let Some(unit_id) = input.unit_id else {
        return Ok(()); // validation names the field
    };
    if !crate::permissions::may_file_for_unit(viewer, unit_id) {
        return Err(AppError::new(
            axum::http::StatusCode::FORBIDDEN,
            "forbidden",
            "Chỉ ghi sáng kiến cho đơn vị của mình (hoặc các đơn vị mình phụ trách)",
        ));
    }
    let person = viewer.principal().and_then(|p| p.person_id);
    let author = person.is_some_and(|p| input.authors.iter().any(|a| a.person_id == Some(p)));
    check(
        viewer,
        Action::EditInitiative,
        Target::Initiative {
            unit_id,
            author,
            council: false,
            published: false,
            finished: false,
        },
    )
}

/// One initiative with its whole life: authors, versions, status history, rounds, decisions,
/// replications.
#[utoipa::path(get, path = "/api/v1/initiatives/{id}",
    responses((status = 200, description = "sáng kiến", body = Object), (status = 404, body = ErrorBody)))]
async fn get_initiative(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<serde_json::Value>> {
    let id = parse_id(&id, "sáng kiến")?;
    initiative_for(&st, &caller.viewer, id, Action::ReadInitiative).await?;
    let detail = st
        .store
        .initiative(id)
        .await?
        .ok_or_else(|| AppError::not_found("sáng kiến"))?;
    Ok(json(&detail))
}

/// Saves a new version (every version is kept); a stale `version` answers 409.
#[utoipa::path(put, path = "/api/v1/initiatives/{id}", request_body = InitiativeIn,
    responses((status = 200, body = Object), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn update_initiative(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<InitiativeIn>,
) -> ApiResult<Json<serde_json::Value>> {
    let id = parse_id(&id, "sáng kiến")?;
    initiative_for(&st, &caller.viewer, id, Action::EditInitiative).await?;
    let (input, version) = body.input();
    check_new_target(&caller.viewer, &input)?;
    let valid = input.validate(today())?;
    st.store
        .update_initiative(&caller.actor(), id, valid, version)
        .await?;
    Ok(json(&st.store.initiative(id).await?))
}

async fn move_to(
    st: &AppState,
    caller: &Caller,
    id: &str,
    to: Status,
    note: &str,
) -> Result<Json<serde_json::Value>, AppError> {
    let id = parse_id(id, "sáng kiến")?;
    initiative_for(st, &caller.viewer, id, Action::EditInitiative).await?;
    st.store
        .set_initiative_status(&caller.actor(), id, to, note, today())
        .await?;
    Ok(json(&st.store.initiative(id).await?))
}

/// Submits a draft to the council's office.
#[utoipa::path(post, path = "/api/v1/initiatives/{id}/submit",
    responses((status = 200, body = Object), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
async fn submit_initiative(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<serde_json::Value>> {
    Ok(move_to(&st, &caller, &id, Status::Submitted, "").await?)
}

/// Withdraws an initiative (before the council decides).
#[utoipa::path(post, path = "/api/v1/initiatives/{id}/withdraw", request_body = Option<NoteIn>,
    responses((status = 200, body = Object), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
async fn withdraw_initiative(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    body: Option<Json<NoteIn>>,
) -> ApiResult<Json<serde_json::Value>> {
    let note = body.map(|b| b.0.note).unwrap_or_default();
    Ok(move_to(&st, &caller, &id, Status::Withdrawn, &note).await?)
}

/// Which initiatives the similarity check compares with for `viewer`: everything submitted (prior
/// art is compared across all units and years, titles shown) and the drafts the viewer may read.
pub(crate) async fn comparable(
    st: &AppState,
    viewer: &Viewer,
) -> Result<
    (
        impl Fn(&DocMeta) -> bool + use<>,
        Arc<dyn Fn(&DocMeta) -> bool + Send + Sync>,
    ),
    AppError,
> {
    let read: Arc<dyn Fn(&DocMeta) -> bool + Send + Sync> = Arc::new(reader(st, viewer).await?);
    let r = read.clone();
    Ok((move |m: &DocMeta| m.status != Status::Draft || r(m), read))
}

/// The initiatives most similar to a title and text, most similar first: for the form while typing
/// and on submission. Compared with every submitted initiative of all units and years; passages are
/// given for those the caller may open.
#[utoipa::path(post, path = "/api/v1/initiatives/similar", request_body = SimilarIn,
    responses((status = 200, body = SimilarList), (status = 422, body = ErrorBody)))]
async fn similar(
    State(st): State<AppState>,
    caller: Caller,
    ApiJson(body): ApiJson<SimilarIn>,
) -> ApiResult<Json<SimilarList>> {
    check(&caller.viewer, Action::EditInitiative, Target::None)?;
    if body.title.chars().count() + body.text.chars().count() > 200_000 {
        return Err(
            Invalid::field("text", "Nội dung quá dài để so sánh (tối đa 200.000 ký tự)").into(),
        );
    }
    let k = body.k.unwrap_or(10).clamp(1, 50);
    let (keep, read) = comparable(&st, &caller.viewer).await?;
    let person: Vec<i64> = caller
        .viewer
        .principal()
        .and_then(|p| p.person_id)
        .into_iter()
        .collect();
    let probe = Probe {
        title: &body.title,
        sections: vec![&body.text],
        year: body.year,
        authors: &person,
        exclude: None,
    };
    let found = st.store.similar_initiatives(&probe, k, keep).await?;
    let metas = readable_ids(&st, &found, &*read).await?;
    Ok(Json(SimilarList {
        items: found
            .into_iter()
            .map(|s| {
                let r = metas.contains(&s.m.id);
                similar_out(s, r)
            })
            .collect(),
    }))
}

/// The ids among `found` that `read` accepts.
pub(crate) async fn readable_ids(
    st: &AppState,
    found: &[SimilarItem],
    read: &(dyn Fn(&DocMeta) -> bool + Send + Sync),
) -> Result<HashSet<i64>, AppError> {
    let ids: Vec<i64> = found.iter().map(|s| s.m.id).collect();
    Ok(st
        .store
        .initiative_metas(&ids)
        .await?
        .iter()
        .filter(|m| read(m))
        .map(|m| m.id)
        .collect())
}

/// The council's view: the initiatives most similar to this one, with the overlapping passages.
#[utoipa::path(get, path = "/api/v1/initiatives/{id}/similar",
    responses((status = 200, body = SimilarList), (status = 404, body = ErrorBody)))]
async fn similar_to(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<SimilarList>> {
    let id = parse_id(&id, "sáng kiến")?;
    initiative_for(&st, &caller.viewer, id, Action::ReadInitiative).await?;
    let (keep, read) = comparable(&st, &caller.viewer).await?;
    let found = st.store.similar_to_initiative(id, 10, keep).await?;
    let metas = readable_ids(&st, &found, &*read).await?;
    Ok(Json(SimilarList {
        items: found
            .into_iter()
            .map(|s| {
                let r = metas.contains(&s.m.id);
                similar_out(s, r)
            })
            .collect(),
    }))
}

/// Records that a unit adopted (replicated) an initiative, with the result.
#[utoipa::path(post, path = "/api/v1/initiatives/{id}/replications", request_body = ReplicationIn,
    responses((status = 201, body = Object), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn add_replication(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<ReplicationIn>,
) -> ApiResult<(StatusCode, Json<serde_json::Value>)> {
    let id = parse_id(&id, "sáng kiến")?;
    check(&caller.viewer, Action::RecordReplication, Target::None)?;
    initiative_for(&st, &caller.viewer, id, Action::ReadInitiative).await?;
    crate::permissions::unit_for(&st, &caller.viewer, body.unit_id, Action::RecordReplication)
        .await?;
    let row = st
        .store
        .record_replication(
            &caller.actor(),
            id,
            thidua_store::initiatives::NewReplication {
                unit_id: body.unit_id,
                adopted_on: body.adopted_on,
                result: body.result,
                benefit_vnd: body.benefit_vnd,
            },
            today(),
        )
        .await?;
    Ok((StatusCode::CREATED, json(&row)))
}

/// The initiatives adopted by the most other units.
#[utoipa::path(get, path = "/api/v1/initiatives/most-replicated",
    responses((status = 200, body = Object)))]
async fn most_replicated(
    State(st): State<AppState>,
    caller: Caller,
) -> ApiResult<Json<serde_json::Value>> {
    check(&caller.viewer, Action::ListInitiatives, Target::None)?;
    let rows = most_replicated_for(&st, &caller.viewer, 20).await?;
    let total = rows.len();
    Ok(Json(serde_json::json!({"items": rows, "total": total})))
}

pub(crate) async fn most_replicated_for(
    st: &AppState,
    viewer: &Viewer,
    limit: usize,
) -> Result<Vec<thidua_store::initiatives::ReplicatedRow>, AppError> {
    let read = reader(st, viewer).await?;
    let candidates = st.store.most_replicated(limit * 4, |_| true).await?;
    let ids: Vec<i64> = candidates.iter().map(|r| r.initiative_id).collect();
    let ok: HashSet<i64> = st
        .store
        .initiative_metas(&ids)
        .await?
        .iter()
        .filter(|m| read(m))
        .map(|m| m.id)
        .collect();
    Ok(candidates
        .into_iter()
        .filter(|r| ok.contains(&r.initiative_id))
        .take(limit)
        .collect())
}

/// The rule of the Bằng Lao động sáng tạo for `year`: the rule tables in force at the end of that
/// year (or today, for the current year) set the thresholds and the co-authors' split; the query
/// string may try others without changing them.
pub(crate) async fn creative_rule(
    st: &AppState,
    year: i32,
    params: &Params,
) -> Result<CreativeLabourRule, AppError> {
    let end = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or_else(today);
    let mut rule =
        CreativeLabourRule::from_tables(&*st.store.rule_tables().await?, end.min(today()));
    let money = |k: &str, default: i64| -> Result<i64, AppError> {
        match params.text(k) {
            None => Ok(default),
            Some(s) => s
                .replace(['.', ' '], "")
                .parse::<i64>()
                .ok()
                .filter(|n| *n >= 0)
                .ok_or_else(|| {
                    AppError::bad_param(k, format!("Ngưỡng {k} phải là số tiền (đồng) không âm"))
                }),
        }
    };
    rule.worker_vnd = money("worker_vnd", rule.worker_vnd)?;
    rule.graduate_vnd = money("graduate_vnd", rule.graduate_vnd)?;
    rule.manager_vnd = money("manager_vnd", rule.manager_vnd)?;
    rule.split = match params.text("split").as_deref() {
        None => rule.split,
        Some("whole") => BenefitSplit::Whole,
        Some("by_share") => BenefitSplit::ByShare,
        Some(_) => {
            return Err(AppError::bad_param(
                "split",
                "Cách tính phải là whole (mỗi tác giả tính toàn bộ) hoặc by_share (theo tỷ lệ đóng góp)",
            ))
        }
    };
    Ok(rule)
}

pub(crate) fn year_param(params: &Params) -> Result<i32, AppError> {
    use chrono::Datelike;
    match params.text("year").or_else(|| params.text("nam")) {
        None => Ok(today().year()),
        Some(y) => y
            .parse::<i32>()
            .ok()
            .filter(|y| (1990..=2100).contains(y))
            .ok_or_else(|| AppError::bad_param("year", "Năm không hợp lệ")),
    }
}

/// Union members whose initiatives recognised in `year` reach the Bằng Lao động sáng tạo
/// thresholds of their staff level (for the Labour Federation).
#[utoipa::path(get, path = "/api/v1/initiatives/lao-dong-sang-tao", params(
    ("year" = Option<i32>, Query), ("worker_vnd" = Option<i64>, Query), ("graduate_vnd" = Option<i64>, Query),
    ("manager_vnd" = Option<i64>, Query), ("split" = Option<String>, Query, description = "whole (mặc định) hoặc by_share")),
    responses((status = 200, body = Object), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
async fn creative_labour(
    State(st): State<AppState>,
    caller: Caller,
    params: Params,
) -> ApiResult<Json<serde_json::Value>> {
    check(&caller.viewer, Action::ReadCreativeLabour, Target::None)?;
    let year = year_param(&params)?;
    let rule = creative_rule(&st, year, &params).await?;
    let rows = st.store.creative_labour(year, &rule).await?;
    let total = rows.len();
    Ok(Json(
        serde_json::json!({"year": year, "rule": rule, "items": rows, "total": total}),
    ))
}

// ---------------------------------------------------------------------------------------------
// Councils and rounds

pub(crate) fn council_target(unit_id: i64) -> Target {
    Target::Record {
        unit_id: Some(unit_id),
        author_person_id: None,
        finished: false,
    }
}

/// Councils the caller manages.
#[utoipa::path(get, path = "/api/v1/councils", responses((status = 200, body = Object), (status = 403, body = ErrorBody)))]
async fn list_councils(
    State(st): State<AppState>,
    caller: Caller,
) -> ApiResult<Json<serde_json::Value>> {
    check(&caller.viewer, Action::ManageCouncils, Target::None)?;
    let items: Vec<_> = st
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
    let total = items.len();
    Ok(Json(serde_json::json!({"items": items, "total": total})))
}

/// Sets up a council with its members (at least one; a trade-union representative among them).
#[utoipa::path(post, path = "/api/v1/councils", request_body = CouncilIn,
    responses((status = 201, body = Object), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn create_council(
    State(st): State<AppState>,
    caller: Caller,
    ApiJson(body): ApiJson<CouncilIn>,
) -> ApiResult<(StatusCode, Json<serde_json::Value>)> {
    check(&caller.viewer, Action::ManageCouncils, Target::None)?;
    crate::permissions::unit_for(&st, &caller.viewer, body.unit_id, Action::ReadUnit).await?;
    check(
        &caller.viewer,
        Action::ManageCouncils,
        council_target(body.unit_id),
    )?;
    let scope = Scope::from_code(&body.scope).ok_or_else(|| {
        Invalid::field(
            "scope",
            "Phạm vi không hợp lệ (co_so, huyen, tinh, toan_quoc)",
        )
    })?;
    let rule = RecognitionRule {
        numerator: body.threshold_num.unwrap_or(2),
        denominator: body.threshold_den.unwrap_or(3),
    };
    let c = st
        .store
        .create_council(
            &caller.actor(),
            NewCouncil {
                name: body.name,
                unit_id: body.unit_id,
                scope,
                year: body.year,
                rule,
                members: body
                    .members
                    .into_iter()
                    .map(|m| NewMember {
                        user_id: m.user_id,
                        username: m.username,
                        person_id: m.person_id,
                        name: m.name,
                        role: m.role,
                    })
                    .collect(),
            },
        )
        .await?;
    Ok((StatusCode::CREATED, json(&c)))
}

pub(crate) async fn council_for(
    st: &AppState,
    viewer: &Viewer,
    id: &str,
) -> Result<thidua_store::initiatives::CouncilDetail, AppError> {
    let id = parse_id(id, "hội đồng")?;
    let c = st
        .store
        .council(id)
        .await?
        .ok_or_else(|| AppError::not_found("hội đồng"))?;
    check(
        viewer,
        Action::ManageCouncils,
        council_target(c.council.unit_id),
    )?;
    Ok(c)
}

/// A council with its members and rounds.
#[utoipa::path(get, path = "/api/v1/councils/{id}", responses((status = 200, body = Object), (status = 404, body = ErrorBody)))]
async fn get_council(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<serde_json::Value>> {
    Ok(json(&council_for(&st, &caller.viewer, &id).await?))
}

/// Opens a scoring round with its rubric (the standard one when none is given) and the submitted
/// initiatives put before it.
#[utoipa::path(post, path = "/api/v1/councils/{id}/rounds", request_body = RoundIn,
    responses((status = 201, body = Object), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn open_round(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<RoundIn>,
) -> ApiResult<(StatusCode, Json<serde_json::Value>)> {
    let c = council_for(&st, &caller.viewer, &id).await?;
    let rubric = match body.criteria {
        None => Rubric::standard(),
        Some(list) => Rubric {
            criteria: list
                .into_iter()
                .map(|c| RubricCriterion {
                    code: c.code,
                    name: c.name,
                    weight: c.weight,
                    max_score: c.max_score,
                })
                .collect(),
        },
    };
    let round = st
        .store
        .open_round(
            &caller.actor(),
            c.council.id,
            &body.name,
            &rubric,
            &body.initiative_ids,
        )
        .await?;
    Ok((StatusCode::CREATED, json(&round)))
}

/// The round and whether the caller may see it: its members, and those who manage its council.
pub(crate) async fn round_for(
    st: &AppState,
    caller: &Caller,
    id: &str,
    manage: bool,
) -> Result<thidua_store::initiatives::RoundView, AppError> {
    let id = parse_id(id, "vòng chấm điểm")?;
    let view = st
        .store
        .round_view(id, caller.user_id())
        .await?
        .ok_or_else(|| AppError::not_found("vòng chấm điểm"))?;
    let as_member = Target::Initiative {
        unit_id: view.council.unit_id,
        author: false,
        council: view.member.is_some(),
        published: false,
        finished: false,
    };
    if !manage && allows(&caller.viewer, Action::ScoreInitiatives, as_member) {
        return Ok(view);
    }
    check(
        &caller.viewer,
        Action::ManageCouncils,
        council_target(view.council.unit_id),
    )?;
    Ok(view)
}

/// A round as the caller may see it: before it closes, a member sees only their own sheets (and how
/// many have scored); after, every sheet, the mean and the votes.
#[utoipa::path(get, path = "/api/v1/rounds/{id}", responses((status = 200, body = Object), (status = 404, body = ErrorBody)))]
async fn get_round(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<serde_json::Value>> {
    Ok(json(&round_for(&st, &caller, &id, false).await?))
}

/// Puts more submitted initiatives before an open round.
#[utoipa::path(post, path = "/api/v1/rounds/{id}/initiatives", request_body = RoundInitiativesIn,
    responses((status = 200, body = Object), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn add_to_round(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<RoundInitiativesIn>,
) -> ApiResult<Json<serde_json::Value>> {
    let view = round_for(&st, &caller, &id, true).await?;
    st.store
        .add_to_round(&caller.actor(), view.round.id, &body.initiative_ids)
        .await?;
    Ok(json(
        &st.store.round_view(view.round.id, caller.user_id()).await?,
    ))
}

/// Closes a round: nobody scores any more, and every sheet becomes visible.
#[utoipa::path(post, path = "/api/v1/rounds/{id}/close",
    responses((status = 200, body = Object), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
async fn close_round(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<serde_json::Value>> {
    let view = round_for(&st, &caller, &id, true).await?;
    let r = st.store.close_round(&caller.actor(), view.round.id).await?;
    Ok(json(&r))
}

/// A member's score sheet for one initiative of the round. 422: a score outside the rubric, a
/// criterion missing or unknown, an author scoring their own; 409: the round is closed, or this
/// member already scored it.
#[utoipa::path(post, path = "/api/v1/rounds/{id}/scores", request_body = ScoreIn,
    responses((status = 201, body = ScoreOut), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn submit_score(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<ScoreIn>,
) -> ApiResult<(StatusCode, Json<ScoreOut>)> {
    let round_id = parse_id(&id, "vòng chấm điểm")?;
    let facts = initiative_for(
        &st,
        &caller.viewer,
        body.initiative_id,
        Action::ReadInitiative,
    )
    .await?;
    check(&caller.viewer, Action::ScoreInitiatives, target(&facts))?;
    let user = caller.user_id().ok_or_else(AppError::forbidden)?;
    let scores = score_values(&body.scores)?;
    let row = st
        .store
        .submit_score(
            &caller.actor(),
            round_id,
            body.initiative_id,
            user,
            thidua_store::initiatives::SheetInput {
                scores,
                agrees: body.agrees,
                comment: body.comment,
            },
        )
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(ScoreOut {
            id: row.id,
            round_id: row.round_id,
            initiative_id: row.initiative_id,
            total: f64::from(row.total_hundredths) / 100.0,
        }),
    ))
}

/// Scores as whole numbers from 0; a negative or huge one is named by its criterion.
pub(crate) fn score_values(raw: &BTreeMap<String, i64>) -> Result<BTreeMap<String, u32>, AppError> {
    let mut e = Invalid::new();
    let mut out = BTreeMap::new();
    for (k, v) in raw {
        match u32::try_from(*v) {
            Ok(n) => {
                out.insert(k.clone(), n);
            }
            Err(_) => e.add(
                &format!("scores.{k}"),
                format!("Điểm tiêu chí “{k}” phải là số nguyên không âm (đã nhập {v})"),
            ),
        }
    }
    Ok(e.or_ok(out)?)
}

/// Records the council's decision on an initiative of a closed round: recognised when the agreeing
/// members reach the council's threshold of all members (2/3 by default).
#[utoipa::path(post, path = "/api/v1/rounds/{id}/decisions", request_body = DecisionIn,
    responses((status = 201, body = Object), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn decide(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<DecisionIn>,
) -> ApiResult<(StatusCode, Json<serde_json::Value>)> {
    let view = round_for(&st, &caller, &id, true).await?;
    let rec = st
        .store
        .decide_recognition(
            &caller.actor(),
            view.round.id,
            body.initiative_id,
            body.agreeing,
            body.decided_on.unwrap_or_else(today),
        )
        .await?;
    Ok((StatusCode::CREATED, json(&rec)))
}

#[derive(OpenApi)]
#[openapi(
    paths(
        list_initiatives,
        create_initiative,
        get_initiative,
        update_initiative,
        submit_initiative,
        withdraw_initiative,
        similar,
        similar_to,
        add_replication,
        most_replicated,
        creative_labour,
        list_councils,
        create_council,
        get_council,
        open_round,
        get_round,
        add_to_round,
        close_round,
        submit_score,
        decide
    ),
    components(schemas(
        InitiativeItemOut,
        SegmentOut,
        InitiativeIn,
        AuthorIn,
        SimilarIn,
        SimilarOut,
        SimilarList,
        PassageOut,
        NoteIn,
        CouncilIn,
        MemberIn,
        CriterionIn,
        RoundIn,
        RoundInitiativesIn,
        ScoreIn,
        ScoreOut,
        DecisionIn,
        ReplicationIn
    ))
)]
pub struct InitiativesApi;
