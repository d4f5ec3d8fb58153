//! The JSON API of commendation (khen thưởng): yearly ratings grids and year locks, rounds (đợt xét)
//! with their quotas, nominations (đề nghị) with the rules engine's pre-check and their steps,
//! commendation councils, meetings and ballots (secret or open), award decisions (drafted from a
//! round, approved by the leader, final with the signed scan) and the record of achievements of a
//! person or a unit. Every permission is asked of `permissions` (`thidua_domain::access`); every
//! write is one store transaction with its audit entry.

use crate::api::{ApiJson, List};
use crate::api_initiatives::today;
use crate::docx_commendation;
use crate::error::{ApiError, AppError, ErrorBody};
use crate::extract::{parse_id, Caller, Params};
use crate::permissions::{self, check, check_shown, within, Action, Target, Viewer};
use crate::{AppState, Routes};
use axum::extract::{FromRequest, Multipart, Path, Request, State};
use axum::http::StatusCode;
use axum::Json;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use thidua_domain::commendation::{
    Choice, NominationInput, NominationStatus, NominationStep, Quota, RoundInput,
};
use thidua_domain::validation::Invalid;
use thidua_store::ballots::NewAwardCouncil;
use thidua_store::commendation::{DecisionDraft, NominationQuery, NominationRow, PersonRating};
use thidua_store::entity::{award_decisions, nominations};
use thidua_store::initiatives::NewMember;
use utoipa::{OpenApi, ToSchema};

pub(crate) fn routes() -> Routes {
    Routes::new()
        .get("/api/v1/units/{id}/ratings/{year}", get_ratings)
        .put("/api/v1/units/{id}/ratings/{year}", put_ratings)
        .post("/api/v1/rating-years/{year}/lock", lock_year)
        .get("/api/v1/award-rounds", list_rounds)
        .post("/api/v1/award-rounds", create_round)
        .get("/api/v1/award-rounds/{id}", get_round)
        .put("/api/v1/award-rounds/{id}", update_round)
        .post("/api/v1/award-rounds/{id}/close", close_round)
        .get("/api/v1/award-rounds/{id}/quotas", round_quotas)
        .get("/api/v1/award-rounds/{id}/overview", round_overview)
        .get("/api/v1/nominations", list_nominations)
        .post("/api/v1/nominations", create_nomination)
        .get("/api/v1/nominations/{id}", get_nomination)
        .put("/api/v1/nominations/{id}", update_nomination)
        .post("/api/v1/nominations/{id}/send", send_nomination)
        .post("/api/v1/nominations/{id}/accept", accept_nomination)
        .post("/api/v1/nominations/{id}/return", return_nomination)
        .post("/api/v1/nominations/{id}/reject", reject_nomination)
        .post("/api/v1/nominations/{id}/forward", forward_nomination)
        .get("/api/v1/award-councils", list_councils)
        .post("/api/v1/award-councils", create_council)
        .get("/api/v1/award-councils/{id}", get_council)
        .post("/api/v1/award-councils/{id}/meetings", create_meeting)
        .get("/api/v1/meetings/{id}", get_meeting)
        .post("/api/v1/meetings/{id}/recusals", recuse)
        .post("/api/v1/meetings/{id}/ballots", open_ballot)
        .get("/api/v1/ballots/{id}", get_ballot)
        .post("/api/v1/ballots/{id}/votes", vote)
        .post("/api/v1/ballots/{id}/close", close_ballot)
        .get("/api/v1/decisions", list_decisions)
        .post("/api/v1/decisions", draft_decision)
        .get("/api/v1/decisions/{id}", get_decision)
        .put("/api/v1/decisions/{id}", update_decision)
        .post("/api/v1/decisions/{id}/approve", approve_decision)
        .post_upload("/api/v1/decisions/{id}/finalise", finalise_decision)
        .get("/api/v1/decisions/{id}/docx", decision_docx)
        .get(
            "/api/v1/decisions/{id}/certificates.pdf",
            decision_certificates,
        )
        .get("/api/v1/people/{id}/record", person_record)
        .get("/api/v1/units/{id}/record", unit_record)
}

type ApiResult<T> = Result<T, ApiError>;

fn json<T: Serialize>(v: &T) -> Json<serde_json::Value> {
    Json(serde_json::to_value(v).unwrap_or_default())
}

fn year_of(raw: &str) -> Result<i32, AppError> {
    raw.parse::<i32>()
        .ok()
        .filter(|y| thidua_domain::commendation::RATING_YEARS.contains(y))
        .ok_or_else(|| AppError::bad_param("year", "Năm không hợp lệ"))
}

// ---------------------------------------------------------------------------------------------
// Permissions with the facts of a record

/// A nomination as a target: its nominating unit; finished once it is no longer editable.
pub(crate) fn nomination_target(n: &nominations::Model) -> Target {
    Target::Record {
        unit_id: Some(n.unit_id),
        author_person_id: None,
        finished: !NominationStatus::from_code(&n.status).is_some_and(NominationStatus::editable),
    }
}

/// Nomination `id` if `viewer` may read it (404 when absent or not visible to them).
pub(crate) async fn nomination_for(
    st: &AppState,
    viewer: &Viewer,
    id: i64,
) -> Result<thidua_store::commendation::NominationDetail, AppError> {
    let n = st
        .store
        .nomination(id)
        .await?
        .ok_or_else(|| AppError::not_found("đề nghị"))?;
    check(
        viewer,
        Action::ReadCommendation,
        nomination_target(&n.row.nomination),
    )?;
    Ok(n)
}

/// The ballot `id` as `viewer` sees it, if they may (404 otherwise).
pub(crate) async fn ballot_for(
    st: &AppState,
    caller: &Caller,
    id: i64,
) -> Result<thidua_store::ballots::BallotView, AppError> {
    check(&caller.viewer, Action::OwnAccount, Target::None)?;
    let view = st
        .store
        .ballot_view(id, caller.user_id())
        .await?
        .ok_or_else(|| AppError::not_found("lượt bỏ phiếu"))?;
    check(
        &caller.viewer,
        Action::ReadBallot,
        Target::Ballot {
            member: view.member,
        },
    )?;
    Ok(view)
}

// ---------------------------------------------------------------------------------------------
// Shapes

/// A rating of the grid as sent.
#[derive(Deserialize, ToSchema)]
pub struct RatingIn {
    pub person_id: i64,
    /// hoan_thanh_xuat_sac, hoan_thanh_tot, hoan_thanh, khong_hoan_thanh; empty: skipped.
    #[serde(default)]
    pub rating: String,
}

/// A unit's ratings grid for a year as sent.
#[derive(Deserialize, ToSchema)]
pub struct RatingsIn {
    pub rows: Vec<RatingIn>,
    /// The unit's own rating, when given.
    #[serde(default)]
    pub unit_rating: Option<String>,
}

/// A round as sent.
#[derive(Deserialize, ToSchema)]
pub struct RoundIn {
    pub name: String,
    /// yearly, movement, ad_hoc.
    pub kind: String,
    pub year: i32,
    #[serde(default)]
    pub movement_id: Option<i64>,
    #[serde(default)]
    pub document_id: Option<i64>,
    pub deadline: NaiveDate,
    /// Catalogue codes of the titles and forms considered.
    pub awards: Vec<String>,
    #[serde(default)]
    pub quotas: Vec<QuotaIn>,
    /// For changes: the version read; a stale one answers 409.
    #[serde(default)]
    pub version: Option<i32>,
}

/// A unit's quota for an award.
#[derive(Deserialize, ToSchema)]
pub struct QuotaIn {
    pub unit_id: i64,
    pub award: String,
    pub max: u32,
}

impl RoundIn {
    fn input(self) -> (RoundInput, Option<i32>) {
        (
            RoundInput {
                name: self.name,
                kind: self.kind,
                year: self.year,
                movement_id: self.movement_id,
                document_id: self.document_id,
                deadline: self.deadline,
                awards: self.awards,
                quotas: self
                    .quotas
                    .into_iter()
                    .map(|q| Quota {
                        unit_id: q.unit_id,
                        award: q.award,
                        max: q.max,
                    })
                    .collect(),
            },
            self.version,
        )
    }
}

/// A round of a list.
#[derive(Serialize, ToSchema)]
pub struct RoundOut {
    pub id: i64,
    pub name: String,
    pub kind: String,
    pub year: i32,
    pub deadline: NaiveDate,
    /// open, closed.
    pub status: String,
    pub version: i32,
}

impl From<thidua_store::entity::award_rounds::Model> for RoundOut {
    fn from(r: thidua_store::entity::award_rounds::Model) -> Self {
        RoundOut {
            id: r.id,
            name: r.name,
            kind: r.kind,
            year: r.year,
            deadline: r.deadline,
            status: r.status,
            version: r.version,
        }
    }
}

/// A nomination as sent.
#[derive(Deserialize, ToSchema)]
pub struct NominationIn {
    pub round_id: i64,
    /// individual or collective.
    pub subject: String,
    #[serde(default)]
    pub person_id: Option<i64>,
    #[serde(default)]
    pub subject_unit_id: Option<i64>,
    /// The nominating unit; absent: a unit officer's own unit, otherwise the nominee's.
    #[serde(default)]
    pub unit_id: Option<i64>,
    /// A catalogue code among the round's awards.
    pub award: String,
    #[serde(default)]
    pub summary: String,
}

/// A change of a draft nomination's summary.
#[derive(Deserialize, ToSchema)]
pub struct NominationEditIn {
    pub summary: String,
    pub version: i32,
}

/// A step's comment (required to return or reject).
#[derive(Deserialize, ToSchema, Default)]
pub struct CommentIn {
    #[serde(default)]
    pub comment: String,
}

/// A nomination of a list.
#[derive(Serialize, ToSchema)]
pub struct NominationOut {
    pub id: i64,
    pub round_id: i64,
    /// The person's or collective's name.
    pub subject: String,
    /// individual or collective.
    pub subject_kind: String,
    pub person_id: Option<i64>,
    pub subject_unit_id: Option<i64>,
    /// The nominating unit.
    pub unit_id: i64,
    pub unit_name: String,
    /// The award's name; its catalogue code is `award`.
    pub title: String,
    pub award: String,
    /// draft, sent, accepted, returned, rejected, passed, failed, decided, forwarded.
    pub status: String,
    pub precheck_eligible: Option<bool>,
    pub comment: String,
    pub version: i32,
}

impl From<NominationRow> for NominationOut {
    fn from(r: NominationRow) -> Self {
        let n = r.nomination;
        NominationOut {
            id: n.id,
            round_id: n.round_id,
            subject: r.subject_name,
            subject_kind: n.subject,
            person_id: n.person_id,
            subject_unit_id: n.subject_unit_id,
            unit_id: n.unit_id,
            unit_name: r.unit_name,
            title: r.award_name,
            award: n.award,
            status: n.status,
            precheck_eligible: n.precheck_eligible,
            comment: n.comment,
            version: n.version,
        }
    }
}

/// A council member as sent: an account by id or username, maybe the person they are.
#[derive(Deserialize, ToSchema)]
pub struct AwardMemberIn {
    #[serde(default)]
    pub user_id: Option<i64>,
    #[serde(default)]
    pub username: Option<String>,
    #[serde(default)]
    pub person_id: Option<i64>,
    pub name: String,
    /// chu_tich, pho_chu_tich, thanh_vien, thu_ky.
    pub role: String,
}

/// A commendation council as sent (its rules default to the law's, see DOMAIN.md).
#[derive(Deserialize, ToSchema)]
pub struct AwardCouncilIn {
    pub name: String,
    pub unit_id: i64,
    pub members: Vec<AwardMemberIn>,
}

/// A meeting as sent: its agenda is the round's accepted nominations.
#[derive(Deserialize, ToSchema)]
pub struct MeetingIn {
    pub round_id: i64,
    pub held_on: NaiveDate,
    #[serde(default)]
    pub place: String,
}

/// A recusal declared before a ballot opens.
#[derive(Deserialize, ToSchema)]
pub struct RecusalIn {
    pub member_id: i64,
    pub nomination_id: i64,
    #[serde(default)]
    pub reason: String,
}

/// One choice of a paper.
#[derive(Deserialize, ToSchema)]
pub struct ChoiceIn {
    pub nomination_id: i64,
    /// yes, no, abstain.
    pub choice: String,
}

/// A member's paper: one choice for every item they are not recused from.
#[derive(Deserialize, ToSchema)]
pub struct VoteIn {
    pub choices: Vec<ChoiceIn>,
}

/// A decision as drafted from a round's passed nominations.
#[derive(Deserialize, ToSchema)]
pub struct DecisionIn {
    pub round_id: i64,
    pub summary: String,
    /// The register, e.g. "QĐ-UBND".
    #[serde(default)]
    pub symbol: Option<String>,
    #[serde(default)]
    pub issuer: Option<String>,
    #[serde(default)]
    pub signer: Option<String>,
    /// The expected date, for the money until approval fixes it.
    #[serde(default)]
    pub planned_on: Option<NaiveDate>,
}

/// A change of a draft decision: its summary and signer and, optionally, its texts (m0012; the
/// same as the page "Nội dung quyết định"). A text field left out keeps its present value; when
/// any is given, `signer` is the signer's name and all the texts are checked together (422 with
/// the fields named). An approved or signed decision is refused (409) whatever is sent.
#[derive(Deserialize, ToSchema)]
pub struct DecisionEditIn {
    /// Trích yếu: "Về việc tặng danh hiệu …".
    pub summary: String,
    /// The signer's name ("Hoàng Đăng Khoa"; empty: written by hand). Without any text field and
    /// for a decision whose signer has no title, the old single text ("Phó Chủ tịch Nguyễn Văn Bình").
    pub signer: String,
    pub version: i32,
    /// Căn cứ: the legal bases, one item per line, each beginning "Căn cứ" or "Theo đề nghị"
    /// (1 to 20, at most 500 characters each).
    #[serde(default)]
    pub bases: Option<Vec<String>>,
    /// Kinh phí (Điều 2): where the money comes from, "nguồn kinh phí thi đua, khen thưởng năm 2024".
    #[serde(default)]
    pub funding: Option<String>,
    /// Nơi thi hành (Điều 3): who carries the decision out.
    #[serde(default)]
    pub executors: Option<String>,
    /// The signer's title: "CHỦ TỊCH", "PHÓ CHỦ TỊCH" (printed in capitals).
    #[serde(default)]
    pub signer_title: Option<String>,
    /// The signing authority: "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH" (TM., KT., TL., TUQ. or Q.);
    /// empty: none.
    #[serde(default)]
    pub signer_authority: Option<String>,
}

impl DecisionEditIn {
    /// The texts to write, when any text field is given: the present texts with the given fields
    /// replaced, checked as the page checks them.
    fn texts(
        &self,
        present: &thidua_domain::commendation::DecisionTexts,
    ) -> Result<Option<thidua_domain::commendation::DecisionTexts>, Invalid> {
        if self.bases.is_none()
            && self.funding.is_none()
            && self.executors.is_none()
            && self.signer_title.is_none()
            && self.signer_authority.is_none()
        {
            return Ok(None);
        }
        let or = |v: &Option<String>, p: &str| v.clone().unwrap_or_else(|| p.to_owned());
        thidua_domain::commendation::DecisionTextsInput {
            bases: self.bases.as_ref().unwrap_or(&present.bases).join("\n"),
            funding: or(&self.funding, &present.funding),
            executors: or(&self.executors, &present.executors),
            signer_name: self.signer.clone(),
            signer_title: or(&self.signer_title, &present.signer.title),
            signer_authority: or(&self.signer_authority, &present.signer.authority),
        }
        .validate()
        .map(Some)
    }
}

/// The leader's approval: the date, and a number when not the register's next.
#[derive(Deserialize, ToSchema)]
pub struct ApproveIn {
    #[serde(default)]
    pub issued_on: Option<NaiveDate>,
    #[serde(default)]
    pub number: Option<i32>,
}

/// A decision of a list.
#[derive(Serialize, ToSchema)]
pub struct DecisionOut {
    pub id: i64,
    pub round_id: i64,
    /// As printed ("12/QĐ-UBND"); null until approved.
    pub reference: Option<String>,
    pub signed_on: Option<NaiveDate>,
    pub total_vnd: i64,
    pub summary: String,
    /// draft, approved, final.
    pub status: String,
    pub version: i32,
}

impl From<award_decisions::Model> for DecisionOut {
    fn from(d: award_decisions::Model) -> Self {
        DecisionOut {
            id: d.id,
            round_id: d.round_id,
            reference: d.reference,
            signed_on: d.signed_on,
            total_vnd: d.total_vnd,
            summary: d.summary,
            status: d.status,
            version: d.version,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Ratings

/// A unit's ratings grid for a year: its people (and units under it) with their ratings, the
/// unit's own rating and whether the year is locked.
#[utoipa::path(get, path = "/api/v1/units/{id}/ratings/{year}",
    responses((status = 200, body = Object), (status = 404, body = ErrorBody)))]
async fn get_ratings(
    State(st): State<AppState>,
    caller: Caller,
    Path((id, year)): Path<(String, String)>,
) -> ApiResult<Json<serde_json::Value>> {
    let id = parse_id(&id, "đơn vị")?;
    permissions::unit_for(&st, &caller.viewer, id, Action::ReadUnit).await?;
    let year = year_of(&year)?;
    Ok(json(&st.store.ratings_grid(id, year).await?))
}

/// Saves a unit's ratings grid for a year. All rows are checked first (problems named by field,
/// `rows[2].rating`); a problem anywhere or a locked year (409 on `year`) writes nothing.
#[utoipa::path(put, path = "/api/v1/units/{id}/ratings/{year}", request_body = RatingsIn,
    responses((status = 200, body = Object), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn put_ratings(
    State(st): State<AppState>,
    caller: Caller,
    Path((id, year)): Path<(String, String)>,
    ApiJson(body): ApiJson<RatingsIn>,
) -> ApiResult<Json<serde_json::Value>> {
    let id = parse_id(&id, "đơn vị")?;
    permissions::unit_for(&st, &caller.viewer, id, Action::EditRatings).await?;
    let year = year_of(&year)?;
    let rows: Vec<PersonRating> = body
        .rows
        .into_iter()
        .map(|r| PersonRating {
            person_id: r.person_id,
            rating: r.rating,
        })
        .collect();
    st.store
        .save_ratings(
            &caller.actor(),
            id,
            year,
            &rows,
            body.unit_rating.as_deref().filter(|s| !s.trim().is_empty()),
        )
        .await?;
    Ok(json(&st.store.ratings_grid(id, year).await?))
}

/// Locks a year's ratings (the city office): no rating of that year changes any more.
#[utoipa::path(post, path = "/api/v1/rating-years/{year}/lock",
    responses((status = 204), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody)))]
async fn lock_year(
    State(st): State<AppState>,
    caller: Caller,
    Path(year): Path<String>,
) -> ApiResult<StatusCode> {
    check(&caller.viewer, Action::LockRatings, Target::None)?;
    let year = year_of(&year)?;
    st.store.lock_rating_year(&caller.actor(), year).await?;
    Ok(StatusCode::NO_CONTENT)
}

// ---------------------------------------------------------------------------------------------
// Rounds

/// Every round, newest first.
#[utoipa::path(get, path = "/api/v1/award-rounds",
    responses((status = 200, body = List<RoundOut>), (status = 403, body = ErrorBody)))]
async fn list_rounds(
    State(st): State<AppState>,
    caller: Caller,
) -> ApiResult<Json<List<RoundOut>>> {
    check(&caller.viewer, Action::ReadCommendation, Target::None)?;
    Ok(Json(List::all(st.store.award_rounds().await?)))
}

/// Creates a round with its awards, quotas and deadline.
#[utoipa::path(post, path = "/api/v1/award-rounds", request_body = RoundIn,
    responses((status = 201, body = Object), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn create_round(
    State(st): State<AppState>,
    caller: Caller,
    ApiJson(body): ApiJson<RoundIn>,
) -> ApiResult<(StatusCode, Json<serde_json::Value>)> {
    check(&caller.viewer, Action::ManageAwardRounds, Target::None)?;
    let tables = st.store.rule_tables().await?;
    let (input, _) = body.input();
    let valid = input.validate(&tables)?;
    let r = st.store.create_round(&caller.actor(), valid).await?;
    Ok((StatusCode::CREATED, json(&r)))
}

/// The round named by a path's `id`, or 404.
pub(crate) async fn round_of(
    st: &AppState,
    id: &str,
) -> Result<thidua_store::commendation::RoundDetail, AppError> {
    let id = parse_id(id, "đợt xét")?;
    st.store
        .award_round(id)
        .await?
        .ok_or_else(|| AppError::not_found("đợt xét"))
}

/// One round with its awards and quotas.
#[utoipa::path(get, path = "/api/v1/award-rounds/{id}",
    responses((status = 200, body = Object), (status = 404, body = ErrorBody)))]
async fn get_round(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<serde_json::Value>> {
    check(&caller.viewer, Action::ReadCommendation, Target::None)?;
    Ok(json(&round_of(&st, &id).await?))
}

/// Changes an open round (409 when the version read is stale or the round is closed).
#[utoipa::path(put, path = "/api/v1/award-rounds/{id}", request_body = RoundIn,
    responses((status = 200, body = Object), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn update_round(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<RoundIn>,
) -> ApiResult<Json<serde_json::Value>> {
    check(&caller.viewer, Action::ReadCommendation, Target::None)?;
    let r = round_of(&st, &id).await?;
    check_shown(&caller.viewer, Action::ManageAwardRounds, Target::None)?;
    let tables = st.store.rule_tables().await?;
    let (input, version) = body.input();
    let valid = input.validate(&tables)?;
    let version = version.unwrap_or(r.round.version);
    Ok(json(
        &st.store
            .update_round(&caller.actor(), r.round.id, version, valid)
            .await?,
    ))
}

/// Closes a round: it takes no more nominations.
#[utoipa::path(post, path = "/api/v1/award-rounds/{id}/close",
    responses((status = 204), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
async fn close_round(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    check(&caller.viewer, Action::ReadCommendation, Target::None)?;
    let r = round_of(&st, &id).await?;
    check_shown(&caller.viewer, Action::ManageAwardRounds, Target::None)?;
    st.store
        .close_award_round(&caller.actor(), r.round.id)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A unit's quotas in the round: max and used per award (`unit_id`, default the caller's unit).
#[utoipa::path(get, path = "/api/v1/award-rounds/{id}/quotas", params(("unit_id" = Option<i64>, Query)),
    responses((status = 200, body = Object), (status = 404, body = ErrorBody)))]
async fn round_quotas(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    params: Params,
) -> ApiResult<Json<serde_json::Value>> {
    check(&caller.viewer, Action::ReadCommendation, Target::None)?;
    let r = round_of(&st, &id).await?;
    let unit = match params.id("unit_id")? {
        Some(u) => u,
        None => caller
            .viewer
            .principal()
            .and_then(|p| p.unit_id)
            .ok_or_else(|| AppError::bad_param("unit_id", "Chọn đơn vị (unit_id)"))?,
    };
    permissions::unit_for(&st, &caller.viewer, unit, Action::ReadUnit).await?;
    let rows = st.store.quota_use(r.round.id, unit).await?;
    Ok(Json(
        serde_json::json!({ "items": rows, "total": rows.len() }),
    ))
}

/// A round seen whole, as its page shows it: the round, its nominations counted by state, every
/// unit's quota per award with what is used, its council meetings and its decisions. A unit
/// officer gets the counts and quotas of their own units.
#[utoipa::path(get, path = "/api/v1/award-rounds/{id}/overview",
    responses((status = 200, body = Object), (status = 404, body = ErrorBody)))]
async fn round_overview(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<serde_json::Value>> {
    check(&caller.viewer, Action::ReadCommendation, Target::None)?;
    let id = parse_id(&id, "đợt xét")?;
    let within = permissions::within(&caller.viewer);
    let o = st
        .store
        .round_overview(id, within.as_deref())
        .await?
        .ok_or_else(|| AppError::not_found("đợt xét"))?;
    let by_status: Vec<serde_json::Value> = o
        .by_status
        .iter()
        .map(|(s, n)| serde_json::json!({ "status": s.code(), "count": n }))
        .collect();
    Ok(Json(serde_json::json!({
        "round": o.detail,
        "by_status": by_status,
        "quotas": o.quotas,
        "meetings": o.meetings,
        "decisions": o.decisions,
    })))
}

// ---------------------------------------------------------------------------------------------
// Nominations

/// Nominations the caller may see (a unit officer: their units'), by round and status.
#[utoipa::path(get, path = "/api/v1/nominations", params(
    ("round_id" = Option<i64>, Query), ("status" = Option<String>, Query),
    ("page" = Option<u64>, Query), ("per_page" = Option<u64>, Query)),
    responses((status = 200, body = List<NominationOut>), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
async fn list_nominations(
    State(st): State<AppState>,
    caller: Caller,
    params: Params,
) -> ApiResult<Json<List<NominationOut>>> {
    check(&caller.viewer, Action::ReadCommendation, Target::None)?;
    let (page, per_page) = params.paging(50)?;
    let status = match params.text("status") {
        None => None,
        Some(s) => Some(
            NominationStatus::from_code(&s)
                .ok_or_else(|| AppError::bad_param("status", "Trạng thái không hợp lệ"))?
                .code()
                .to_owned(),
        ),
    };
    let rows = st
        .store
        .nominations(&NominationQuery {
            round_id: params.id("round_id")?,
            status,
            within: within(&caller.viewer),
        })
        .await?;
    let total = rows.len() as u64;
    let items = rows
        .into_iter()
        .skip(((page - 1) * per_page) as usize)
        .take(per_page as usize)
        .map(Into::into)
        .collect();
    Ok(Json(List { items, total }))
}

/// Proposes a person or collective in a round. The case is pre-checked by the rules engine and the
/// verdict (with the failing criteria and their articles) is part of the answer; the quota, the
/// deadline and the unit's scope are checked.
#[utoipa::path(post, path = "/api/v1/nominations", request_body = NominationIn,
    responses((status = 201, body = Object), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn create_nomination(
    State(st): State<AppState>,
    caller: Caller,
    ApiJson(body): ApiJson<NominationIn>,
) -> ApiResult<(StatusCode, Json<serde_json::Value>)> {
    check(&caller.viewer, Action::Nominate, Target::None)?;
    let round = st
        .store
        .award_round(body.round_id)
        .await?
        .ok_or_else(|| Invalid::field("round_id", "Không có đợt xét này"))?;
    let unit_id = permissions::nominating_unit(&caller.viewer, body.unit_id);
    let input = NominationInput {
        round_id: body.round_id,
        subject: body.subject,
        person_id: body.person_id,
        subject_unit_id: body.subject_unit_id,
        unit_id,
        award: body.award,
        summary: body.summary,
    };
    let tables = st.store.rule_tables().await?;
    let valid = input.validate(&tables, &round.awards)?;
    check_nominating(&st, &caller.viewer, &valid).await?;
    let n = st
        .store
        .create_nomination(&caller.actor(), valid, today())
        .await?;
    Ok((StatusCode::CREATED, json(&n)))
}

/// The nominating unit (the one given, or the nominee's own) must be one the caller nominates for.
pub(crate) async fn check_nominating(
    st: &AppState,
    viewer: &Viewer,
    valid: &thidua_domain::commendation::ValidNomination,
) -> Result<(), AppError> {
    let nominating = match valid.unit_id {
        Some(u) => Some(u),
        None => match (valid.person_id, valid.subject_unit_id) {
            (Some(p), _) => st.store.person(p).await?.map(|p| p.unit_id),
            (None, Some(u)) => Some(u),
            _ => None,
        },
    };
    if let Some(u) = nominating {
        check(
            viewer,
            Action::Nominate,
            Target::Record {
                unit_id: Some(u),
                author_person_id: None,
                finished: false,
            },
        )?;
    }
    Ok(())
}

/// One nomination with its history, files and pre-check.
#[utoipa::path(get, path = "/api/v1/nominations/{id}",
    responses((status = 200, body = Object), (status = 404, body = ErrorBody)))]
async fn get_nomination(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<serde_json::Value>> {
    let id = parse_id(&id, "đề nghị")?;
    Ok(json(&nomination_for(&st, &caller.viewer, id).await?))
}

/// Changes a draft's (or returned nomination's) summary.
#[utoipa::path(put, path = "/api/v1/nominations/{id}", request_body = NominationEditIn,
    responses((status = 200, body = Object), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
async fn update_nomination(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<NominationEditIn>,
) -> ApiResult<Json<serde_json::Value>> {
    let id = parse_id(&id, "đề nghị")?;
    let n = nomination_for(&st, &caller.viewer, id).await?;
    check_shown(
        &caller.viewer,
        Action::Nominate,
        nomination_target(&n.row.nomination),
    )?;
    st.store
        .update_nomination(&caller.actor(), id, body.version, &body.summary)
        .await?;
    Ok(json(&st.store.nomination(id).await?))
}

/// A step of a nomination by the one who may take it: the unit sends, the office reviews.
async fn step(
    st: &AppState,
    caller: &Caller,
    id: &str,
    step: NominationStep,
    comment: &str,
) -> Result<Json<serde_json::Value>, AppError> {
    let id = parse_id(id, "đề nghị")?;
    let n = nomination_for(st, &caller.viewer, id).await?;
    let target = nomination_target(&n.row.nomination);
    match step {
        // Sending is the unit's; a sent nomination is no longer theirs to send (409 from the store).
        NominationStep::Send => check_shown(
            &caller.viewer,
            Action::Nominate,
            Target::Record {
                unit_id: Some(n.row.nomination.unit_id),
                author_person_id: None,
                finished: false,
            },
        )?,
        _ => check_shown(&caller.viewer, Action::ReviewNominations, target)?,
    }
    st.store
        .nomination_step(&caller.actor(), id, step, comment)
        .await?;
    Ok(json(&st.store.nomination(id).await?))
}

/// Sends a draft or returned nomination to the office; refused while a criterion fails.
#[utoipa::path(post, path = "/api/v1/nominations/{id}/send",
    responses((status = 200, body = Object), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn send_nomination(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<serde_json::Value>> {
    Ok(step(&st, &caller, &id, NominationStep::Send, "").await?)
}

/// The office accepts a sent nomination (it goes on the council's agenda).
#[utoipa::path(post, path = "/api/v1/nominations/{id}/accept", request_body = Option<CommentIn>,
    responses((status = 200, body = Object), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn accept_nomination(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    body: Option<Json<CommentIn>>,
) -> ApiResult<Json<serde_json::Value>> {
    let c = body.map(|b| b.0.comment).unwrap_or_default();
    Ok(step(&st, &caller, &id, NominationStep::Accept, &c).await?)
}

/// The office returns a sent nomination to its unit with a comment (required).
#[utoipa::path(post, path = "/api/v1/nominations/{id}/return", request_body = CommentIn,
    responses((status = 200, body = Object), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn return_nomination(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    body: Option<Json<CommentIn>>,
) -> ApiResult<Json<serde_json::Value>> {
    let c = body.map(|b| b.0.comment).unwrap_or_default();
    Ok(step(&st, &caller, &id, NominationStep::Return, &c).await?)
}

/// The office rejects a sent nomination with a comment (required).
#[utoipa::path(post, path = "/api/v1/nominations/{id}/reject", request_body = CommentIn,
    responses((status = 200, body = Object), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn reject_nomination(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    body: Option<Json<CommentIn>>,
) -> ApiResult<Json<serde_json::Value>> {
    let c = body.map(|b| b.0.comment).unwrap_or_default();
    Ok(step(&st, &caller, &id, NominationStep::Reject, &c).await?)
}

/// A passed nomination for a higher-level award goes up to the province as a dossier.
#[utoipa::path(post, path = "/api/v1/nominations/{id}/forward", request_body = Option<CommentIn>,
    responses((status = 200, body = Object), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn forward_nomination(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    body: Option<Json<CommentIn>>,
) -> ApiResult<Json<serde_json::Value>> {
    let c = body.map(|b| b.0.comment).unwrap_or_default();
    Ok(step(&st, &caller, &id, NominationStep::Forward, &c).await?)
}

// ---------------------------------------------------------------------------------------------
// Councils, meetings, ballots

/// Every commendation council.
#[utoipa::path(get, path = "/api/v1/award-councils",
    responses((status = 200, body = Object), (status = 403, body = ErrorBody)))]
async fn list_councils(
    State(st): State<AppState>,
    caller: Caller,
) -> ApiResult<Json<serde_json::Value>> {
    check(&caller.viewer, Action::ReadCommendation, Target::None)?;
    let items = st.store.award_councils().await?;
    Ok(Json(
        serde_json::json!({ "total": items.len(), "items": items }),
    ))
}

/// Sets up a commendation council with its members.
#[utoipa::path(post, path = "/api/v1/award-councils", request_body = AwardCouncilIn,
    responses((status = 201, body = Object), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn create_council(
    State(st): State<AppState>,
    caller: Caller,
    ApiJson(body): ApiJson<AwardCouncilIn>,
) -> ApiResult<(StatusCode, Json<serde_json::Value>)> {
    check(&caller.viewer, Action::ManageAwardCouncils, Target::None)?;
    let c = st
        .store
        .create_award_council(
            &caller.actor(),
            NewAwardCouncil {
                name: body.name,
                unit_id: body.unit_id,
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
                rules: Vec::new(),
            },
        )
        .await?;
    Ok((StatusCode::CREATED, json(&c)))
}

/// A council with its members and its own rules.
#[utoipa::path(get, path = "/api/v1/award-councils/{id}",
    responses((status = 200, body = Object), (status = 404, body = ErrorBody)))]
async fn get_council(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<serde_json::Value>> {
    check(&caller.viewer, Action::ReadCommendation, Target::None)?;
    let id = parse_id(&id, "hội đồng")?;
    Ok(json(
        &st.store
            .award_council(id)
            .await?
            .ok_or_else(|| AppError::not_found("hội đồng"))?,
    ))
}

/// Calls a meeting of the council on a round: its agenda is the round's accepted nominations, and
/// members who are nominees are recused from their item.
#[utoipa::path(post, path = "/api/v1/award-councils/{id}/meetings", request_body = MeetingIn,
    responses((status = 201, body = Object), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn create_meeting(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<MeetingIn>,
) -> ApiResult<(StatusCode, Json<serde_json::Value>)> {
    check(&caller.viewer, Action::ReadCommendation, Target::None)?;
    let id = parse_id(&id, "hội đồng")?;
    st.store
        .award_council(id)
        .await?
        .ok_or_else(|| AppError::not_found("hội đồng"))?;
    check_shown(&caller.viewer, Action::ManageAwardCouncils, Target::None)?;
    let m = st
        .store
        .create_meeting(
            &caller.actor(),
            id,
            body.round_id,
            body.held_on,
            &body.place,
        )
        .await?;
    Ok((StatusCode::CREATED, json(&m)))
}

async fn meeting_of(
    st: &AppState,
    caller: &Caller,
    id: &str,
) -> Result<thidua_store::ballots::MeetingDetail, AppError> {
    check(&caller.viewer, Action::ReadCommendation, Target::None)?;
    let id = parse_id(id, "phiên họp")?;
    st.store
        .meeting(id)
        .await?
        .ok_or_else(|| AppError::not_found("phiên họp"))
}

/// A meeting with its agenda, members, recusals and ballots.
#[utoipa::path(get, path = "/api/v1/meetings/{id}",
    responses((status = 200, body = Object), (status = 404, body = ErrorBody)))]
async fn get_meeting(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<serde_json::Value>> {
    Ok(json(&meeting_of(&st, &caller, &id).await?))
}

/// Declares a member recused from an item before a ballot opens.
#[utoipa::path(post, path = "/api/v1/meetings/{id}/recusals", request_body = RecusalIn,
    responses((status = 201, body = Object), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn recuse(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<RecusalIn>,
) -> ApiResult<(StatusCode, Json<serde_json::Value>)> {
    let m = meeting_of(&st, &caller, &id).await?;
    check_shown(&caller.viewer, Action::ManageAwardCouncils, Target::None)?;
    st.store
        .recuse(
            &caller.actor(),
            m.meeting.id,
            body.member_id,
            body.nomination_id,
            &body.reason,
        )
        .await?;
    Ok((
        StatusCode::CREATED,
        json(&st.store.meeting(m.meeting.id).await?),
    ))
}

/// Opens a ballot on the meeting's items still accepted; secret when any item's rule says so.
#[utoipa::path(post, path = "/api/v1/meetings/{id}/ballots",
    responses((status = 201, body = Object), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
async fn open_ballot(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<(StatusCode, Json<serde_json::Value>)> {
    let m = meeting_of(&st, &caller, &id).await?;
    check_shown(&caller.viewer, Action::ManageAwardCouncils, Target::None)?;
    let b = st.store.open_ballot(&caller.actor(), m.meeting.id).await?;
    Ok((StatusCode::CREATED, json(&b)))
}

/// A ballot as the caller sees it: who has voted (never what), and the counters once closed.
#[utoipa::path(get, path = "/api/v1/ballots/{id}",
    responses((status = 200, body = Object), (status = 404, body = ErrorBody)))]
async fn get_ballot(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<serde_json::Value>> {
    let id = parse_id(&id, "lượt bỏ phiếu")?;
    Ok(json(&ballot_for(&st, &caller, id).await?))
}

/// Casts the caller's paper: one choice (yes, no, abstain) for every item they are not recused
/// from. 409: the ballot is closed, the member already voted, or is recused from an item.
#[utoipa::path(post, path = "/api/v1/ballots/{id}/votes", request_body = VoteIn,
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn vote(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<VoteIn>,
) -> ApiResult<StatusCode> {
    let id = parse_id(&id, "lượt bỏ phiếu")?;
    let view = ballot_for(&st, &caller, id).await?;
    check_shown(
        &caller.viewer,
        Action::Vote,
        Target::Ballot {
            member: view.member,
        },
    )?;
    let mut e = Invalid::new();
    let mut choices = Vec::with_capacity(body.choices.len());
    for (i, c) in body.choices.iter().enumerate() {
        match Choice::from_code(c.choice.trim()) {
            Some(ch) => choices.push((c.nomination_id, ch)),
            None => e.add(
                &format!("choices[{i}].choice"),
                "Lựa chọn phải là yes (đồng ý), no (không đồng ý) hoặc abstain (không biểu quyết)",
            ),
        }
    }
    e.or_ok(())?;
    let user = caller.user_id().ok_or_else(AppError::forbidden)?;
    st.store
        .cast_vote(&caller.actor(), id, user, &choices)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Closes a ballot: the counters and the outcome of each item become visible to every member.
#[utoipa::path(post, path = "/api/v1/ballots/{id}/close",
    responses((status = 200, body = Object), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
async fn close_ballot(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<serde_json::Value>> {
    let id = parse_id(&id, "lượt bỏ phiếu")?;
    ballot_for(&st, &caller, id).await?;
    check_shown(&caller.viewer, Action::ManageAwardCouncils, Target::None)?;
    st.store.close_ballot(&caller.actor(), id).await?;
    Ok(json(&ballot_for(&st, &caller, id).await?))
}

// ---------------------------------------------------------------------------------------------
// Decisions

/// Award decisions, newest first (`round_id` to narrow).
#[utoipa::path(get, path = "/api/v1/decisions", params(("round_id" = Option<i64>, Query)),
    responses((status = 200, body = List<DecisionOut>), (status = 403, body = ErrorBody)))]
async fn list_decisions(
    State(st): State<AppState>,
    caller: Caller,
    params: Params,
) -> ApiResult<Json<List<DecisionOut>>> {
    check(&caller.viewer, Action::ReadCommendation, Target::None)?;
    Ok(Json(List::all(
        st.store.award_decisions(params.id("round_id")?).await?,
    )))
}

/// Drafts the decision of a round from its passed nominations: one line each with the award money,
/// and the total.
#[utoipa::path(post, path = "/api/v1/decisions", request_body = DecisionIn,
    responses((status = 201, body = Object), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn draft_decision(
    State(st): State<AppState>,
    caller: Caller,
    ApiJson(body): ApiJson<DecisionIn>,
) -> ApiResult<(StatusCode, Json<serde_json::Value>)> {
    check(&caller.viewer, Action::DraftDecisions, Target::None)?;
    let d = st
        .store
        .draft_decision(&caller.actor(), decision_draft(body))
        .await?;
    Ok((StatusCode::CREATED, json(&d)))
}

/// The draft with the office's defaults for what the form leaves out.
pub(crate) fn decision_draft(body: DecisionIn) -> DecisionDraft {
    let or = |v: Option<String>, d: &str| {
        v.filter(|s| !s.trim().is_empty())
            .unwrap_or_else(|| d.to_owned())
    };
    DecisionDraft {
        round_id: body.round_id,
        summary: body.summary,
        symbol: or(body.symbol, "QĐ-UBND"),
        issuer: or(body.issuer, "Ủy ban nhân dân thành phố"),
        signer: or(body.signer, "Chủ tịch Ủy ban nhân dân"),
        planned_on: body.planned_on.unwrap_or_else(today),
    }
}

async fn decision_of(
    st: &AppState,
    caller: &Caller,
    id: &str,
) -> Result<thidua_store::commendation::DecisionDetail, AppError> {
    check(&caller.viewer, Action::ReadCommendation, Target::None)?;
    let id = parse_id(id, "quyết định")?;
    st.store
        .award_decision(id)
        .await?
        .ok_or_else(|| AppError::not_found("quyết định"))
}

/// A decision with its lines (money per line), files and register entry.
#[utoipa::path(get, path = "/api/v1/decisions/{id}",
    responses((status = 200, body = Object), (status = 404, body = ErrorBody)))]
async fn get_decision(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<serde_json::Value>> {
    Ok(json(&decision_of(&st, &caller, &id).await?))
}

/// Changes a draft decision: its summary, signer and (optional fields) its texts: legal bases,
/// funding, executors, the signer's title and authority. An approved or signed decision is
/// refused (409) whatever is sent, a stale `version` too; bad texts are a 422 naming each field;
/// nothing is changed then. Audited.
#[utoipa::path(put, path = "/api/v1/decisions/{id}", request_body = DecisionEditIn,
    responses((status = 200, body = Object), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn update_decision(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<DecisionEditIn>,
) -> ApiResult<Json<serde_json::Value>> {
    let d = decision_of(&st, &caller, &id).await?;
    check_shown(&caller.viewer, Action::DraftDecisions, Target::None)?;
    // A decision that is no longer a draft is refused before its input is even read, as on the page.
    if let Some(problem) =
        thidua_domain::commendation::DecisionStatus::from_code(&d.decision.status)
            .and_then(|s| s.edit_problem())
    {
        return Err(thidua_store::StoreError::Conflict {
            field: Some("status".into()),
            message: problem.into(),
        }
        .into());
    }
    let texts = body.texts(&d.texts())?;
    st.store
        .update_decision_with_texts(
            &caller.actor(),
            d.decision.id,
            body.version,
            &body.summary,
            &body.signer,
            texts,
        )
        .await?;
    Ok(json(&st.store.award_decision(d.decision.id).await?))
}

/// The leader approves: the decision gets its number from the register (the next, or the one given
/// when still free: 409 on `reference` otherwise) and the money is computed by the approval date.
#[utoipa::path(post, path = "/api/v1/decisions/{id}/approve", request_body = ApproveIn,
    responses((status = 200, body = Object), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
async fn approve_decision(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    body: Option<Json<ApproveIn>>,
) -> ApiResult<Json<serde_json::Value>> {
    let d = decision_of(&st, &caller, &id).await?;
    check_shown(&caller.viewer, Action::ApproveDecisions, Target::None)?;
    let body = body.map(|b| b.0).unwrap_or(ApproveIn {
        issued_on: None,
        number: None,
    });
    st.store
        .approve_decision(
            &caller.actor(),
            d.decision.id,
            body.issued_on.unwrap_or_else(today),
            body.number,
        )
        .await?;
    Ok(json(&st.store.award_decision(d.decision.id).await?))
}

/// Attaches the signed scan (multipart `file`): the decision becomes final and read-only, and its
/// nominations decided.
#[utoipa::path(post, path = "/api/v1/decisions/{id}/finalise",
    request_body(content_type = "multipart/form-data", description = "file: bản quét quyết định đã ký"),
    responses((status = 200, body = Object), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn finalise_decision(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    req: Request,
) -> ApiResult<Json<serde_json::Value>> {
    let d = decision_of(&st, &caller, &id).await?;
    check_shown(&caller.viewer, Action::DraftDecisions, Target::None)?;
    let mut form = Multipart::from_request(req, &()).await.map_err(|e| {
        AppError::bad_request(format!(
            "Cần gửi dạng multipart/form-data (file): {}",
            e.body_text()
        ))
    })?;
    let mut scan = None;
    while let Some(field) = form
        .next_field()
        .await
        .map_err(|e| AppError::bad_request(format!("Dữ liệu multipart không đọc được: {e}")))?
    {
        if field.name() == Some("file") {
            let file_name = field.file_name().unwrap_or("").to_owned();
            let bytes = field
                .bytes()
                .await
                .map_err(|e| AppError::bad_request(format!("Không đọc được tệp: {e}")))?;
            if !(file_name.is_empty() && bytes.is_empty()) {
                scan = Some(thidua_store::files::Upload { file_name, bytes });
            }
        }
    }
    let scan = scan.ok_or_else(|| Invalid::field("file", "Chưa chọn bản quét quyết định đã ký"))?;
    st.store
        .finalise_decision(&caller.actor(), d.decision.id, scan)
        .await?;
    Ok(json(&st.store.award_decision(d.decision.id).await?))
}

/// The rule tables and the people of the decision's lines, for printing it.
async fn print_context_of(
    st: &AppState,
    d: &thidua_store::commendation::DecisionDetail,
) -> Result<
    (
        std::sync::Arc<thidua_domain::rules::RuleTables>,
        std::collections::HashMap<i64, thidua_store::entity::people::Model>,
    ),
    AppError,
> {
    let ids: Vec<i64> = d.lines.iter().filter_map(|l| l.person_id).collect();
    Ok((
        st.store.rule_tables().await?,
        st.store.people_by_ids(&ids).await?,
    ))
}

/// A failure of the office writer: the data's fault (422, its Vietnamese message) or ours (500, logged).
fn office_error(what: &str, e: thidua_office::docx::OfficeError) -> AppError {
    match e {
        thidua_office::docx::OfficeError::Invalid(m) => {
            AppError::new(StatusCode::UNPROCESSABLE_ENTITY, "validation", m)
        }
        other => {
            tracing::error!(error = %other, "{what} not written");
            AppError::internal()
        }
    }
}

/// The award decision as DOCX in the layout of Nghị định 30/2020, with its attached list (money per
/// line and the total in đồng). A draft prints "Số:      /QĐ-…" and a blank day for the clerk.
#[utoipa::path(get, path = "/api/v1/decisions/{id}/docx",
    responses((status = 200, description = "tệp DOCX", content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn decision_docx(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<axum::response::Response> {
    Ok(decision_docx_file(&st, &caller, &id).await?)
}

/// The DOCX of decision `id` as a download, if `caller` may read the decision (the API and the
/// decision page's "Tải DOCX" both serve it).
pub(crate) async fn decision_docx_file(
    st: &AppState,
    caller: &Caller,
    id: &str,
) -> Result<axum::response::Response, AppError> {
    let d = decision_of(st, caller, id).await?;
    let (tables, people) = print_context_of(st, &d).await?;
    let ctx = docx_commendation::PrintContext {
        tables: &tables,
        people: &people,
    };
    let award = docx_commendation::award_decision(&d, &ctx);
    // The office's own template when the administrator has put one in force (`doc_templates`).
    let template = crate::doc_templates::current(st, crate::doc_templates::DECISION).await?;
    let bytes = tokio::task::spawn_blocking(move || match template {
        Some(t) => thidua_office::docx::template::fill_award_decision(Some(&t), &award),
        None => award
            .to_document()
            .and_then(|doc| thidua_office::docx::render(&doc)),
    })
    .await
    .map_err(|e| {
        tracing::error!(error = %e, "decision DOCX task failed");
        AppError::internal()
    })?
    .map_err(|e| office_error("decision DOCX", e))?;
    let (ascii, unicode) = docx_commendation::file_names(&d, "Quyết định", "docx");
    Ok(crate::api_work::file_response(
        bytes.into(),
        crate::api_work::DOCX_TYPE,
        &crate::docx_work::content_disposition(&ascii, &unicode),
    ))
}

/// The decision's certificates: one A4 landscape Giấy khen per line of its list, all in one PDF.
#[utoipa::path(get, path = "/api/v1/decisions/{id}/certificates.pdf",
    responses((status = 200, description = "tệp PDF", content_type = "application/pdf"),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn decision_certificates(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<axum::response::Response> {
    Ok(decision_certificates_file(&st, &caller, &id).await?)
}

/// The certificates PDF of decision `id` as a download, if `caller` may read the decision.
pub(crate) async fn decision_certificates_file(
    st: &AppState,
    caller: &Caller,
    id: &str,
) -> Result<axum::response::Response, AppError> {
    let d = decision_of(st, caller, id).await?;
    let (tables, people) = print_context_of(st, &d).await?;
    let ctx = docx_commendation::PrintContext {
        tables: &tables,
        people: &people,
    };
    let certificates = docx_commendation::certificates(&d, &ctx);
    // Seconds of work for a list of thousands: off the async workers.
    let bytes =
        tokio::task::spawn_blocking(move || thidua_office::pdf::certificates_pdf(&certificates))
            .await
            .map_err(|e| {
                tracing::error!(error = %e, "certificates PDF task failed");
                AppError::internal()
            })?
            .map_err(|e| office_error("certificates PDF", e))?;
    let (ascii, unicode) = docx_commendation::file_names(&d, "Giấy khen", "pdf");
    Ok(crate::api_work::file_response(
        bytes.into(),
        "application/pdf",
        &crate::docx_work::content_disposition(&ascii, &unicode),
    ))
}

// ---------------------------------------------------------------------------------------------
// Records of achievements

/// A person's record of achievements: titles and awards by year (from final decisions and
/// imported history) with their money, and the yearly ratings.
#[utoipa::path(get, path = "/api/v1/people/{id}/record",
    responses((status = 200, body = Object), (status = 404, body = ErrorBody)))]
async fn person_record(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<serde_json::Value>> {
    let id = parse_id(&id, "người")?;
    permissions::person_for(&st, &caller.viewer, id, Action::ReadPerson).await?;
    Ok(json(
        &st.store
            .person_record(id)
            .await?
            .ok_or_else(|| AppError::not_found("người"))?,
    ))
}

/// A unit's record of achievements.
#[utoipa::path(get, path = "/api/v1/units/{id}/record",
    responses((status = 200, body = Object), (status = 404, body = ErrorBody)))]
async fn unit_record(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<serde_json::Value>> {
    let id = parse_id(&id, "đơn vị")?;
    permissions::unit_for(&st, &caller.viewer, id, Action::ReadUnit).await?;
    Ok(json(
        &st.store
            .unit_record(id)
            .await?
            .ok_or_else(|| AppError::not_found("đơn vị"))?,
    ))
}

#[derive(OpenApi)]
#[openapi(
    paths(
        get_ratings,
        put_ratings,
        lock_year,
        list_rounds,
        create_round,
        get_round,
        update_round,
        close_round,
        round_quotas,
        round_overview,
        list_nominations,
        create_nomination,
        get_nomination,
        update_nomination,
        send_nomination,
        accept_nomination,
        return_nomination,
        reject_nomination,
        forward_nomination,
        list_councils,
        create_council,
        get_council,
        create_meeting,
        get_meeting,
        recuse,
        open_ballot,
        get_ballot,
        vote,
        close_ballot,
        list_decisions,
        draft_decision,
        get_decision,
        update_decision,
        approve_decision,
        finalise_decision,
        decision_docx,
        decision_certificates,
        person_record,
        unit_record
    ),
    components(schemas(
        RatingIn,
        RatingsIn,
        RoundIn,
        QuotaIn,
        RoundOut,
        NominationIn,
        NominationEditIn,
        CommentIn,
        NominationOut,
        AwardMemberIn,
        AwardCouncilIn,
        MeetingIn,
        RecusalIn,
        ChoiceIn,
        VoteIn,
        DecisionIn,
        DecisionEditIn,
        ApproveIn,
        DecisionOut
    ))
)]
pub struct CommendationApi;
