//! The dossier's papers as downloads (`docx_dossier` makes them): the round's submission, the
//! meeting's minutes, the achievement reports of a person (Mẫu số 03) and of a unit (Mẫu số 02),
//! and a recognised initiative's certificate and data sheet. Each is served twice with the same
//! bytes: under `/api/v1/…` for a bearer token, and beside its page for a session. Each asks the
//! permission of reading the record it is made from.

use crate::doc_templates;
use crate::docx_dossier::{self as dossier, ItemResult, ReportFor};
use crate::error::AppError;
use crate::extract::{parse_id, Caller, Params};
use crate::permissions::{self, check, Action, Target};
use crate::{AppState, Routes};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use thidua_office::docx::{OfficeError, OfficialDocument};
use thidua_store::commendation::NominationQuery;
use utoipa::OpenApi;

pub(crate) fn routes() -> Routes {
    Routes::new()
        .get("/api/v1/award-rounds/{id}/to-trinh.docx", round_submission)
        .get("/dot-xet/{id}/to-trinh.docx", round_submission_page)
        .get("/api/v1/meetings/{id}/bien-ban.docx", meeting_minutes)
        .get("/phien-hop/{id}/bien-ban.docx", meeting_minutes_page)
        .get("/api/v1/people/{id}/mau-03.docx", person_report)
        .get("/nguoi/{id}/mau-03.docx", person_report_page)
        .get("/api/v1/units/{id}/mau-02.docx", unit_report)
        .get("/don-vi/{id}/mau-02.docx", unit_report_page)
        .get(
            "/api/v1/initiatives/{id}/certificate.pdf",
            initiative_certificate,
        )
        .get(
            "/sang-kien/{id}/giay-chung-nhan.pdf",
            initiative_certificate_page,
        )
        .get("/api/v1/initiatives/{id}/data-sheet.docx", initiative_sheet)
        .get(
            "/sang-kien/{id}/phieu-thong-tin.docx",
            initiative_sheet_page,
        )
}

type Result<T> = std::result::Result<T, AppError>;

/// A failure of the office writer: the data's fault (422, its Vietnamese message) or ours (500).
fn office_error(what: &str, e: OfficeError) -> AppError {
    match e {
        OfficeError::Invalid(m) => AppError::new(StatusCode::UNPROCESSABLE_ENTITY, "validation", m),
        other => {
            tracing::error!(error = %other, "{what} not written");
            AppError::internal()
        }
    }
}

/// Writes `doc` (from the office's template of `kind` when one is in force, `doc_templates`) and
/// offers it as "`what` `id`.docx".
async fn docx(
    st: &AppState,
    kind: &doc_templates::Kind,
    doc: OfficialDocument,
    what: &str,
    id: i64,
) -> Result<Response> {
    let bytes = doc_templates::render(st, kind, doc).await?;
    let (ascii, unicode) = dossier::file_names(what, id, "docx");
    Ok(crate::api_work::file_response(
        bytes.into(),
        crate::api_work::DOCX_TYPE,
        &crate::docx_work::content_disposition(&ascii, &unicode),
    ))
}

fn this_year() -> i32 {
    chrono::Datelike::year(&crate::api_initiatives::today())
}

/// The name of the city's committee, which the office and the council serve: the unit of `unit_id`
/// when given, otherwise the first unit at the top of the tree.
async fn city_name(st: &AppState, unit_id: Option<i64>) -> Result<String> {
    if let Some(u) = unit_id {
        if let Some(u) = st.store.unit(u).await? {
            return Ok(u.name);
        }
    }
    Ok(st
        .store
        .units_all()
        .await?
        .into_iter()
        .find(|u| u.parent_id.is_none() && u.active)
        .map(|u| u.name)
        .unwrap_or_else(|| "Ủy ban nhân dân thành phố".into()))
}

// ---- Tờ trình ----------------------------------------------------------------------------

/// The submission (tờ trình) of the office asking the chairman to award the round's accepted
/// nominations, as DOCX (a draft for the register: "Số:      /TTr-NV").
#[utoipa::path(get, path = "/api/v1/award-rounds/{id}/to-trinh.docx",
    responses((status = 200, description = "tệp DOCX", content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        (status = 403, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody)))]
async fn round_submission(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> std::result::Result<Response, crate::error::ApiError> {
    Ok(submission_file(&st, &caller, &id).await?)
}

async fn round_submission_page(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> std::result::Result<Response, crate::error::PageError> {
    Ok(submission_file(&st, &caller, &id).await?)
}

async fn submission_file(st: &AppState, caller: &Caller, id: &str) -> Result<Response> {
    check(&caller.viewer, Action::ReadCommendation, Target::None)?;
    let id = parse_id(id, "đợt xét")?;
    let round = st
        .store
        .award_round(id)
        .await?
        .ok_or_else(|| AppError::not_found("đợt xét"))?;
    // The office writes it for the whole round: a unit officer would see only their own lines.
    check(&caller.viewer, Action::ReviewNominations, Target::None)?;
    let rows = st
        .store
        .nominations(&NominationQuery {
            round_id: Some(id),
            ..Default::default()
        })
        .await?;
    let council_unit = match st
        .store
        .award_meetings(None)
        .await?
        .into_iter()
        .find(|m| m.round_id == id)
    {
        Some(m) => st
            .store
            .award_council(m.council_id)
            .await?
            .map(|c| c.council.unit_id),
        None => None,
    };
    let city = city_name(st, council_unit).await?;
    let year = this_year().max(round.round.year);
    docx(
        st,
        doc_templates::SUBMISSION,
        dossier::submission(&round, &rows, &city, year),
        "Tờ trình",
        id,
    )
    .await
}

// ---- Biên bản ----------------------------------------------------------------------------

/// The council's minutes of a meeting as DOCX: agenda, members, and each item's tally (agree,
/// disagree, abstain, voters) with the outcome by the council's rule. Only once every ballot of the
/// meeting is closed (409 before); who voted what is never in it.
#[utoipa::path(get, path = "/api/v1/meetings/{id}/bien-ban.docx",
    responses((status = 200, description = "tệp DOCX", content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        (status = 403, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody), (status = 409, body = crate::error::ErrorBody)))]
async fn meeting_minutes(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> std::result::Result<Response, crate::error::ApiError> {
    Ok(minutes_file(&st, &caller, &id).await?)
}

async fn meeting_minutes_page(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> std::result::Result<Response, crate::error::PageError> {
    Ok(minutes_file(&st, &caller, &id).await?)
}

async fn minutes_file(st: &AppState, caller: &Caller, id: &str) -> Result<Response> {
    check(&caller.viewer, Action::ReadCommendation, Target::None)?;
    let id = parse_id(id, "phiên họp")?;
    let m = st
        .store
        .meeting(id)
        .await?
        .ok_or_else(|| AppError::not_found("phiên họp"))?;
    // The tallies are the ballots': whoever may not see a ballot may not see its minutes.
    let member = match caller.viewer.principal() {
        Some(p) => m.members.iter().any(|x| {
            x.user_id == Some(p.user_id) || x.username.as_deref() == Some(p.username.as_str())
        }),
        None => false,
    };
    check(
        &caller.viewer,
        Action::ReadBallot,
        Target::Ballot { member },
    )?;
    if m.ballots.is_empty() {
        return Err(AppError::new(
            StatusCode::CONFLICT,
            "conflict",
            "Phiên họp chưa bỏ phiếu: biên bản chỉ lập được sau khi đóng lượt bỏ phiếu.",
        ));
    }
    if let Some(b) = m.ballots.iter().find(|b| b.status != "closed") {
        return Err(AppError::new(
            StatusCode::CONFLICT,
            "conflict",
            format!(
                "Lượt bỏ phiếu {} còn đang mở: biên bản chỉ lập được sau khi đóng lượt bỏ phiếu.",
                b.id
            ),
        ));
    }
    let mut views = Vec::new();
    for b in &m.ballots {
        if let Some(v) = st.store.ballot_view(b.id, None).await? {
            views.push(v);
        }
    }
    let results: Vec<ItemResult> = views
        .iter()
        .flat_map(|v| {
            v.items.iter().map(|item| ItemResult {
                item,
                secret: v.ballot.secret,
            })
        })
        .collect();
    let council = st.store.award_council(m.meeting.council_id).await?;
    let city = city_name(st, council.map(|c| c.council.unit_id)).await?;
    let doc = dossier::minutes(&m, &results, &city);
    docx(st, doc_templates::MINUTES, doc, "Biên bản", id).await
}

// ---- Mẫu số 03 và 02 ------------------------------------------------------------------------

/// The nomination a report is made for (`nomination_id`, or `de_nghi` on the pages), if the caller
/// may read it and it is about `person`/`unit`.
async fn report_for(
    st: &AppState,
    caller: &Caller,
    params: &Params,
    person: Option<i64>,
    unit: Option<i64>,
) -> Result<Option<ReportFor>> {
    let id = match params.id("nomination_id")? {
        Some(i) => Some(i),
        None => params.id("de_nghi")?,
    };
    let Some(id) = id else { return Ok(None) };
    let n = crate::api_commendation::nomination_for(st, &caller.viewer, id).await?;
    let nom = &n.row.nomination;
    let about = match (person, unit) {
        (Some(p), _) => nom.person_id == Some(p),
        (_, Some(u)) => nom.subject_unit_id == Some(u),
        _ => false,
    };
    if !about {
        return Err(AppError::bad_param(
            "nomination_id",
            "Đề nghị này không phải của người, đơn vị được báo cáo",
        ));
    }
    Ok(Some(ReportFor {
        award_name: n.row.award_name.clone(),
        summary: nom.summary.clone(),
    }))
}

/// A person's achievement report (Mẫu số 03 of Nghị định 98/2023 Phụ lục I) as DOCX, filled from
/// their record: ratings, awards and recognised initiatives; `nomination_id` names the award asked
/// and adds the nomination's summary.
#[utoipa::path(get, path = "/api/v1/people/{id}/mau-03.docx", params(("nomination_id" = Option<i64>, Query)),
    responses((status = 200, description = "tệp DOCX", content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        (status = 403, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody)))]
async fn person_report(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    params: Params,
) -> std::result::Result<Response, crate::error::ApiError> {
    Ok(person_report_file(&st, &caller, &id, &params).await?)
}

async fn person_report_page(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    params: Params,
) -> std::result::Result<Response, crate::error::PageError> {
    Ok(person_report_file(&st, &caller, &id, &params).await?)
}

async fn person_report_file(
    st: &AppState,
    caller: &Caller,
    id: &str,
    params: &Params,
) -> Result<Response> {
    let id = parse_id(id, "người")?;
    let person = permissions::person_for(st, &caller.viewer, id, Action::ReadPerson).await?;
    let nomination = report_for(st, caller, params, Some(id), None).await?;
    let record = st
        .store
        .person_record(id)
        .await?
        .ok_or_else(|| AppError::not_found("người"))?;
    let initiatives = st.store.recognised_initiatives_of(id).await?;
    let tables = st.store.rule_tables().await?;
    let doc = dossier::individual_report(
        &tables,
        &person,
        &record,
        &initiatives,
        nomination.as_ref(),
        this_year(),
    );
    docx(st, doc_templates::INDIVIDUAL_REPORT, doc, "Mẫu 03", id).await
}

/// A unit's achievement report as a collective (Mẫu số 02 of Nghị định 98/2023 Phụ lục I) as DOCX,
/// filled from its record and its number of people; `nomination_id` as for Mẫu số 03.
#[utoipa::path(get, path = "/api/v1/units/{id}/mau-02.docx", params(("nomination_id" = Option<i64>, Query)),
    responses((status = 200, description = "tệp DOCX", content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        (status = 403, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody)))]
async fn unit_report(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    params: Params,
) -> std::result::Result<Response, crate::error::ApiError> {
    Ok(unit_report_file(&st, &caller, &id, &params).await?)
}

async fn unit_report_page(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    params: Params,
) -> std::result::Result<Response, crate::error::PageError> {
    Ok(unit_report_file(&st, &caller, &id, &params).await?)
}

async fn unit_report_file(
    st: &AppState,
    caller: &Caller,
    id: &str,
    params: &Params,
) -> Result<Response> {
    let id = parse_id(id, "đơn vị")?;
    let unit = permissions::unit_for(st, &caller.viewer, id, Action::ReadUnit).await?;
    let nomination = report_for(st, caller, params, None, Some(id)).await?;
    let parent = match unit.parent_id {
        Some(p) => st.store.unit(p).await?,
        None => None,
    };
    let staff = st
        .store
        .people_search(&thidua_store::directory::PeopleQuery {
            unit_id: Some(id),
            page: 1,
            per_page: 1,
            ..Default::default()
        })
        .await?
        .total;
    let record = st
        .store
        .unit_record(id)
        .await?
        .ok_or_else(|| AppError::not_found("đơn vị"))?;
    let tables = st.store.rule_tables().await?;
    let doc = dossier::collective_report(
        &tables,
        &unit,
        parent.as_ref(),
        staff,
        &record,
        nomination.as_ref(),
        this_year(),
    );
    docx(st, doc_templates::COLLECTIVE_REPORT, doc, "Mẫu 02", id).await
}

// ---- Sáng kiến ---------------------------------------------------------------------------

/// A recognised initiative the caller may read, its newest recognition and the unit of the council
/// that recognised it (409 when it is not recognised).
async fn recognised(
    st: &AppState,
    caller: &Caller,
    id: &str,
) -> Result<(
    thidua_store::initiatives::InitiativeDetail,
    thidua_store::initiatives::RecognitionRow,
    String,
)> {
    let id = parse_id(id, "sáng kiến")?;
    crate::api_initiatives::initiative_for(st, &caller.viewer, id, Action::ReadInitiative).await?;
    let d = st
        .store
        .initiative(id)
        .await?
        .ok_or_else(|| AppError::not_found("sáng kiến"))?;
    let r = dossier::recognition(&d).cloned().ok_or_else(|| {
        AppError::new(
            StatusCode::CONFLICT,
            "conflict",
            "Sáng kiến chưa được công nhận: chưa có giấy chứng nhận.",
        )
    })?;
    let unit = match st.store.council(r.recognition.council_id).await? {
        Some(c) => st.store.unit(c.council.unit_id).await?.map(|u| u.name),
        None => None,
    };
    let unit = match unit {
        Some(u) => u,
        None => city_name(st, None).await?,
    };
    Ok((d, r, unit))
}

/// The Giấy chứng nhận sáng kiến of a recognised initiative: one A4 landscape page per author, in
/// one PDF (409 when the initiative is not recognised).
#[utoipa::path(get, path = "/api/v1/initiatives/{id}/certificate.pdf",
    responses((status = 200, description = "tệp PDF", content_type = "application/pdf"),
        (status = 404, body = crate::error::ErrorBody), (status = 409, body = crate::error::ErrorBody)))]
async fn initiative_certificate(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> std::result::Result<Response, crate::error::ApiError> {
    Ok(certificate_file(&st, &caller, &id).await?)
}

async fn initiative_certificate_page(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> std::result::Result<Response, crate::error::PageError> {
    Ok(certificate_file(&st, &caller, &id).await?)
}

async fn certificate_file(st: &AppState, caller: &Caller, id: &str) -> Result<Response> {
    let (d, r, unit) = recognised(st, caller, id).await?;
    let mut people = std::collections::HashMap::new();
    for a in &d.authors {
        if let Some(p) = a.person_id {
            if let Some(item) = st.store.person(p).await? {
                people.insert(p, item);
            }
        }
    }
    let decision = match r.recognition.document_id {
        Some(doc) => st.store.document(doc).await?.and_then(|x| {
            let doc = x.document;
            doc.reference.map(|reference| match doc.issued_on {
                Some(on) => format!(
                    "Quyết định số {reference} ngày {}",
                    thidua_domain::format::date_vn(on)
                ),
                None => format!("Quyết định số {reference}"),
            })
        }),
        None => None,
    };
    let certificates = dossier::initiative_certificates(&d, &r, &people, &unit, decision);
    let bytes =
        tokio::task::spawn_blocking(move || thidua_office::pdf::certificates_pdf(&certificates))
            .await
            .map_err(|e| {
                tracing::error!(error = %e, "initiative certificate task failed");
                AppError::internal()
            })?
            .map_err(|e| office_error("initiative certificate", e))?;
    let (ascii, unicode) = dossier::file_names("Giấy chứng nhận sáng kiến", d.initiative.id, "pdf");
    Ok(crate::api_work::file_response(
        bytes.into(),
        "application/pdf",
        &crate::docx_work::content_disposition(&ascii, &unicode),
    ))
}

/// The data sheet of a recognised initiative as DOCX: title, authors and shares, field, where and
/// since when it is applied, its content, novelty and benefit, and the council's recognition.
#[utoipa::path(get, path = "/api/v1/initiatives/{id}/data-sheet.docx",
    responses((status = 200, description = "tệp DOCX", content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        (status = 404, body = crate::error::ErrorBody), (status = 409, body = crate::error::ErrorBody)))]
async fn initiative_sheet(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> std::result::Result<Response, crate::error::ApiError> {
    Ok(sheet_file(&st, &caller, &id).await?)
}

async fn initiative_sheet_page(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> std::result::Result<Response, crate::error::PageError> {
    Ok(sheet_file(&st, &caller, &id).await?)
}

async fn sheet_file(st: &AppState, caller: &Caller, id: &str) -> Result<Response> {
    let (d, r, unit) = recognised(st, caller, id).await?;
    let doc = dossier::initiative_sheet(&d, &r, &unit);
    docx(
        st,
        doc_templates::INITIATIVE_SHEET,
        doc,
        "Phiếu thông tin sáng kiến",
        d.initiative.id,
    )
    .await
}

#[derive(OpenApi)]
#[openapi(paths(
    round_submission,
    meeting_minutes,
    person_report,
    unit_report,
    initiative_certificate,
    initiative_sheet
))]
pub struct DocumentsApi;
