//! The JSON API under `/api/v1` (see `shared/contracts/api.md`) and its OpenAPI document.

use crate::error::{ApiError, AppError, ErrorBody};
use crate::extract::{parse_id, Caller, Params};
use crate::permissions::{check, within, Action, Target};
use crate::{AppState, Routes};
use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, Path, Request, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::Json;
use chrono::NaiveDate;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use thidua_domain::directory::{PersonInput, UnitInput};
use thidua_store::directory::{PeopleQuery, PeopleSort, PersonItem, UnitQuery};
use thidua_store::entity::units;
use utoipa::{OpenApi, ToSchema};

pub(crate) fn routes() -> Routes {
    Routes::new()
        .get("/healthz", healthz)
        .get("/api/v1/openapi.json", openapi)
        .get("/api/v1/units", list_units)
        .post("/api/v1/units", create_unit)
        .get("/api/v1/units/{id}", get_unit)
        .put("/api/v1/units/{id}", update_unit)
        .post("/api/v1/units/{id}/merge", merge_unit)
        .get("/api/v1/groups", list_groups)
        .get("/api/v1/people", list_people)
        .post("/api/v1/people", create_person)
        .get("/api/v1/people/{id}", get_person)
        .put("/api/v1/people/{id}", update_person)
        .get("/api/v1/audit", list_audit)
        .post("/api/v1/eligibility/check", eligibility_check)
        .get("/api/v1/rules/tables", get_rule_tables)
        .post("/api/v1/rules/tables", add_rule_tables)
        .get("/api/v1/rules/versions", rule_tables_versions)
        .merge(crate::account::api_routes())
}

type ApiResult<T> = Result<T, ApiError>;

/// JSON bodies whose problems answer in the contract's error shape: 400 when the text is not JSON,
/// 422 when it is JSON of the wrong shape.
pub struct ApiJson<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match Json::<T>::from_request(req, state).await {
            Ok(Json(v)) => Ok(ApiJson(v)),
            Err(JsonRejection::JsonDataError(e)) => {
                let detail = e.body_text();
                Err(ApiError(AppError::new(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "validation",
                    format!("Dữ liệu JSON không đúng cấu trúc: {detail}"),
                )))
            }
            Err(JsonRejection::MissingJsonContentType(_)) => Err(ApiError(AppError::bad_request(
                "Thiếu tiêu đề Content-Type: application/json",
            ))),
            Err(JsonRejection::BytesRejection(_)) => Err(ApiError(AppError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "validation",
                format!(
                    "Nội dung gửi lên quá lớn (tối đa {} MB)",
                    crate::MAX_BODY_BYTES / 1024 / 1024
                ),
            ))),
            Err(e) => Err(ApiError(AppError::bad_request(format!(
                "Nội dung không phải JSON hợp lệ: {}",
                e.body_text()
            )))),
        }
    }
}

/// A list answer.
#[derive(Serialize, ToSchema)]
pub struct List<T> {
    pub items: Vec<T>,
    pub total: u64,
}

impl<T> List<T> {
    /// A whole list (no paging): its items converted, and their number.
    pub fn all<S: Into<T>>(items: impl IntoIterator<Item = S>) -> List<T> {
        let items: Vec<T> = items.into_iter().map(Into::into).collect();
        List {
            total: items.len() as u64,
            items,
        }
    }
}

impl<T, U: From<T>> From<thidua_store::Page<T>> for List<U> {
    fn from(page: thidua_store::Page<T>) -> Self {
        List {
            items: page.items.into_iter().map(Into::into).collect(),
            total: page.total,
        }
    }
}

/// A unit.
#[derive(Serialize, ToSchema)]
pub struct UnitOut {
    pub id: i64,
    pub code: String,
    pub name: String,
    /// peoples_committee, party_board, mass_organisation, specialised_office, public_service_unit,
    /// ward_commune, trade_union, other.
    pub kind: String,
    pub parent_id: Option<i64>,
    pub active: bool,
    pub dissolved_on: Option<NaiveDate>,
    pub successor_id: Option<i64>,
    pub version: i32,
}

impl From<units::Model> for UnitOut {
    fn from(u: units::Model) -> Self {
        UnitOut {
            id: u.id,
            code: u.code,
            name: u.name,
            kind: u.kind,
            parent_id: u.parent_id,
            active: u.active,
            dissolved_on: u.dissolved_on,
            successor_id: u.successor_id,
            version: u.version,
        }
    }
}

/// A unit as sent to create or change it.
#[derive(Deserialize, ToSchema)]
pub struct UnitIn {
    pub code: String,
    pub name: String,
    pub kind: String,
    #[serde(default)]
    pub parent_id: Option<i64>,
    /// For changes: the version read; a stale one answers 409.
    #[serde(default)]
    pub version: Option<i32>,
}

/// A merge of one unit into another on a date.
#[derive(Deserialize, ToSchema)]
pub struct MergeIn {
    pub into_id: i64,
    pub on: NaiveDate,
    #[serde(default)]
    pub note: String,
}

/// A person.
#[derive(Serialize, ToSchema)]
pub struct PersonOut {
    pub id: i64,
    pub full_name: String,
    pub gender: Option<String>,
    pub birth_date: Option<NaiveDate>,
    pub unit_id: i64,
    pub unit_name: String,
    pub position: String,
    /// can_bo, cong_chuc, vien_chuc, nguoi_lao_dong.
    pub category: String,
    /// worker, graduate, manager.
    pub staff_level: String,
    pub union_member: bool,
    pub version: i32,
}

impl From<PersonItem> for PersonOut {
    fn from(p: PersonItem) -> Self {
        PersonOut {
            id: p.id,
            full_name: p.full_name,
            gender: p.gender,
            birth_date: p.birth_date,
            unit_id: p.unit_id,
            unit_name: p.unit_name,
            position: p.position,
            category: p.category,
            staff_level: p.staff_level,
            union_member: p.union_member,
            version: p.version,
        }
    }
}

/// A person as sent to create or change them.
#[derive(Deserialize, ToSchema)]
pub struct PersonIn {
    pub full_name: String,
    #[serde(default)]
    pub gender: Option<String>,
    #[serde(default)]
    pub birth_date: Option<NaiveDate>,
    pub unit_id: i64,
    #[serde(default)]
    pub position: String,
    pub category: String,
    #[serde(default)]
    pub staff_level: Option<String>,
    #[serde(default)]
    pub union_member: bool,
    /// For changes: the version read; a stale one answers 409.
    #[serde(default)]
    pub version: Option<i32>,
}

impl PersonIn {
    fn input(self) -> (PersonInput, Option<i32>) {
        (
            PersonInput {
                full_name: self.full_name,
                gender: self.gender,
                birth_date: self.birth_date,
                unit_id: self.unit_id,
                position: self.position,
                category: self.category,
                staff_level: self.staff_level,
                union_member: self.union_member,
            },
            self.version,
        )
    }
}

/// A recipient group.
#[derive(Serialize, ToSchema)]
pub struct GroupOut {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub unit_ids: Vec<i64>,
}

/// An audit entry.
#[derive(Serialize, ToSchema)]
pub struct AuditOut {
    pub id: i64,
    pub at: chrono::DateTime<chrono::Utc>,
    pub actor: String,
    pub ip: Option<String>,
    pub action: String,
    pub entity: String,
    pub entity_id: Option<i64>,
    pub before: Option<String>,
    pub after: Option<String>,
}

impl From<thidua_store::entity::audit_log::Model> for AuditOut {
    fn from(a: thidua_store::entity::audit_log::Model) -> Self {
        AuditOut {
            id: a.id,
            at: a.at,
            actor: a.actor,
            ip: a.ip,
            action: a.action,
            entity: a.entity,
            entity_id: a.entity_id,
            before: a.before,
            after: a.after,
        }
    }
}

use crate::today;

/// Health check: answers `ok` without touching the database.
#[utoipa::path(get, path = "/healthz", responses((status = 200, body = String)))]
async fn healthz() -> &'static str {
    "ok"
}

async fn openapi() -> impl IntoResponse {
    Json(api_doc())
}

/// The whole OpenAPI document: this module's paths and those of the other API modules.
pub fn api_doc() -> utoipa::openapi::OpenApi {
    let mut doc = ApiDoc::openapi();
    doc.merge(crate::api_work::WorkApiDoc::openapi());
    doc.merge(<crate::api_initiatives::InitiativesApi as OpenApi>::openapi());
    doc.merge(<crate::api_commendation::CommendationApi as OpenApi>::openapi());
    doc.merge(<crate::api_models::ModelsApi as OpenApi>::openapi());
    doc.merge(<crate::api_documents::DocumentsApi as OpenApi>::openapi());
    doc.merge(<crate::reports::ReportsApi as OpenApi>::openapi());
    doc.merge(<crate::pages_precheck::PrecheckApi as OpenApi>::openapi());
    doc
}

/// Units, searchable ignoring diacritics.
#[utoipa::path(get, path = "/api/v1/units", params(
    ("q" = Option<String>, Query, description = "tìm theo tên hoặc mã, không phân biệt dấu"),
    ("kind" = Option<String>, Query), ("include_dissolved" = Option<bool>, Query),
    ("page" = Option<u64>, Query), ("per_page" = Option<u64>, Query)),
    responses((status = 200, body = List<UnitOut>), (status = 400, body = ErrorBody)))]
async fn list_units(
    State(st): State<AppState>,
    caller: Caller,
    params: Params,
) -> ApiResult<Json<List<UnitOut>>> {
    check(&caller.viewer, Action::ListUnits, Target::None)?;
    let (page, per_page) = params.paging(50)?;
    let q = UnitQuery {
        within: within(&caller.viewer),
        q: params.text("q"),
        kind: params.text("kind"),
        include_dissolved: matches!(
            params.text("include_dissolved").as_deref(),
            Some("true" | "1")
        ),
        page,
        per_page,
    };
    let page = st.store.units_list(&q).await?;
    Ok(Json(page.into()))
}

#[utoipa::path(get, path = "/api/v1/units/{id}", responses((status = 200, body = UnitOut), (status = 404, body = ErrorBody)))]
async fn get_unit(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<UnitOut>> {
    check(&caller.viewer, Action::ListUnits, Target::None)?;
    let id = parse_id(&id, "đơn vị")?;
    let unit = crate::permissions::unit_for(&st, &caller.viewer, id, Action::ReadUnit).await?;
    Ok(Json(unit.into()))
}

#[utoipa::path(post, path = "/api/v1/units", request_body = UnitIn,
    responses((status = 201, body = UnitOut), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn create_unit(
    State(st): State<AppState>,
    caller: Caller,
    ApiJson(body): ApiJson<UnitIn>,
) -> ApiResult<(StatusCode, Json<UnitOut>)> {
    check(&caller.viewer, Action::EditUnit, Target::None)?;
    let valid = UnitInput {
        code: body.code,
        name: body.name,
        kind: body.kind,
        parent_id: body.parent_id,
    }
    .validate()?;
    let unit = st.store.create_unit(&caller.actor(), valid).await?;
    Ok((StatusCode::CREATED, Json(unit.into())))
}

#[utoipa::path(put, path = "/api/v1/units/{id}", request_body = UnitIn,
    responses((status = 200, body = UnitOut), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn update_unit(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<UnitIn>,
) -> ApiResult<Json<UnitOut>> {
    let id = parse_id(&id, "đơn vị")?;
    crate::permissions::unit_for(&st, &caller.viewer, id, Action::EditUnit).await?;
    let valid = UnitInput {
        code: body.code,
        name: body.name,
        kind: body.kind,
        parent_id: body.parent_id,
    }
    .validate()?;
    let unit = st
        .store
        .update_unit(&caller.actor(), id, valid, body.version, today())
        .await?;
    Ok(Json(unit.into()))
}

/// Merges this unit into another on a date: its people, sub-units and groups pass to the successor.
#[utoipa::path(post, path = "/api/v1/units/{id}/merge", request_body = MergeIn,
    responses((status = 200, body = UnitOut), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn merge_unit(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<MergeIn>,
) -> ApiResult<Json<UnitOut>> {
    let id = parse_id(&id, "đơn vị")?;
    crate::permissions::unit_for(&st, &caller.viewer, id, Action::EditUnit).await?;
    st.store
        .merge_unit(&caller.actor(), id, body.into_id, body.on, &body.note)
        .await?;
    let unit = st
        .store
        .unit(id)
        .await?
        .ok_or_else(|| AppError::not_found("đơn vị"))?;
    Ok(Json(unit.into()))
}

#[utoipa::path(get, path = "/api/v1/groups", responses((status = 200, body = List<GroupOut>)))]
async fn list_groups(
    State(st): State<AppState>,
    caller: Caller,
) -> ApiResult<Json<List<GroupOut>>> {
    check(&caller.viewer, Action::ListUnits, Target::None)?;
    let groups = st.store.groups().await?;
    let total = groups.len() as u64;
    Ok(Json(List {
        items: groups
            .into_iter()
            .map(|g| GroupOut {
                id: g.id,
                code: g.code,
                name: g.name,
                unit_ids: g.unit_ids,
            })
            .collect(),
        total,
    }))
}

/// People, searched by name ignoring case and diacritics, sorted the Vietnamese way by default.
#[utoipa::path(get, path = "/api/v1/people", params(
    ("q" = Option<String>, Query, description = "họ tên, có dấu hay không dấu"),
    ("unit_id" = Option<i64>, Query), ("category" = Option<String>, Query),
    ("sort" = Option<String>, Query, description = "name (mặc định), -name, birth_date, newest"),
    ("page" = Option<u64>, Query), ("per_page" = Option<u64>, Query)),
    responses((status = 200, body = List<PersonOut>), (status = 400, body = ErrorBody)))]
async fn list_people(
    State(st): State<AppState>,
    caller: Caller,
    params: Params,
) -> ApiResult<Json<List<PersonOut>>> {
    check(&caller.viewer, Action::ListPeople, Target::None)?;
    let category = params.category("category")?;
    let sort = PeopleSort::from_code(params.text("sort").as_deref().unwrap_or("name")).ok_or_else(
        || {
            AppError::bad_param(
                "sort",
                "Cách sắp xếp không hợp lệ (name, -name, birth_date, newest)",
            )
        },
    )?;
    let (page, per_page) = params.paging(50)?;
    let q = PeopleQuery {
        q: params.text("q"),
        unit_id: params.id("unit_id")?,
        category,
        within: within(&caller.viewer),
        sort,
        page,
        per_page,
    };
    let page = st.store.people_search(&q).await?;
    Ok(Json(page.into()))
}

#[utoipa::path(get, path = "/api/v1/people/{id}", responses((status = 200, body = PersonOut), (status = 404, body = ErrorBody)))]
async fn get_person(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<PersonOut>> {
    let id = parse_id(&id, "người")?;
    let p = crate::permissions::person_for(&st, &caller.viewer, id, Action::ReadPerson).await?;
    Ok(Json(p.into()))
}

#[utoipa::path(post, path = "/api/v1/people", request_body = PersonIn,
    responses((status = 201, body = PersonOut), (status = 400, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn create_person(
    State(st): State<AppState>,
    caller: Caller,
    ApiJson(body): ApiJson<PersonIn>,
) -> ApiResult<(StatusCode, Json<PersonOut>)> {
    check(&caller.viewer, Action::EditPerson, Target::None)?;
    let (input, _) = body.input();
    crate::permissions::check_people_unit(&st, &caller.viewer, input.unit_id).await?;
    let valid = input.validate(today())?;
    let p = st
        .store
        .create_person(&caller.actor(), valid, today())
        .await?;
    Ok((StatusCode::CREATED, Json(p.into())))
}

#[utoipa::path(put, path = "/api/v1/people/{id}", request_body = PersonIn,
    responses((status = 200, body = PersonOut), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn update_person(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<PersonIn>,
) -> ApiResult<Json<PersonOut>> {
    let id = parse_id(&id, "người")?;
    crate::permissions::person_for(&st, &caller.viewer, id, Action::EditPerson).await?;
    let (input, version) = body.input();
    crate::permissions::check_people_unit(&st, &caller.viewer, input.unit_id).await?;
    let valid = input.validate(today())?;
    let p = st
        .store
        .update_person(&caller.actor(), id, valid, version, today())
        .await?;
    Ok(Json(p.into()))
}

/// The audit log, newest first.
#[utoipa::path(get, path = "/api/v1/audit", params(
    ("entity" = Option<String>, Query), ("entity_id" = Option<i64>, Query), ("actor" = Option<String>, Query),
    ("unit_id" = Option<i64>, Query), ("from" = Option<String>, Query, description = "từ ngày"), ("to" = Option<String>, Query, description = "đến ngày"),
    ("page" = Option<u64>, Query), ("per_page" = Option<u64>, Query)),
    responses((status = 200, body = List<AuditOut>)))]
async fn list_audit(
    State(st): State<AppState>,
    caller: Caller,
    params: Params,
) -> ApiResult<Json<List<AuditOut>>> {
    check(&caller.viewer, Action::ReadAudit, Target::None)?;
    let (page, per_page) = params.paging(50)?;
    let q = audit_query(&params, page, per_page)?;
    Ok(Json(st.store.audit_list(&q).await?.into()))
}

/// The audit log's filters from the query string: actor, entity, entity_id, unit_id, from, to.
pub(crate) fn audit_query(
    params: &Params,
    page: u64,
    per_page: u64,
) -> Result<thidua_store::audit::AuditQuery, AppError> {
    let date = |k: &str| -> Result<Option<NaiveDate>, AppError> {
        match params.text(k) {
            None => Ok(None),
            Some(t) => thidua_domain::format::parse_date(&t)
                .map(Some)
                .ok_or_else(|| {
                    AppError::bad_param(
                        k,
                        "Ngày phải có dạng dd/mm/yyyy (hoặc yyyy-mm-dd) và là ngày có thật",
                    )
                }),
        }
    };
    Ok(thidua_store::audit::AuditQuery {
        entity: params.text("entity"),
        entity_id: params.id("entity_id")?,
        actor: params.text("actor"),
        unit_id: params.id("unit_id")?,
        from: date("from")?.map(thidua_domain::format::vietnam_day_start),
        until: date("to")?
            .map(|d| thidua_domain::format::vietnam_day_start(d + chrono::Days::new(1))),
        page,
        per_page,
    })
}

/// Judges one case of `eligibility.md`: may this subject receive this title or form, and how much money
/// goes with it. A malformed case answers 400 (not JSON) or 422 (a field is wrong), with the field named.
#[utoipa::path(post, path = "/api/v1/eligibility/check", request_body(content = serde_json::Value, description = "một hồ sơ theo eligibility.md"),
    responses((status = 200, description = "kết quả xét", body = serde_json::Value), (status = 400, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn eligibility_check(
    State(st): State<AppState>,
    caller: Caller,
    body: String,
) -> ApiResult<Json<thidua_domain::rules::Verdict>> {
    check(&caller.viewer, Action::CheckEligibility, Target::None)?;
    let tables = st.store.rule_tables().await?;
    thidua_domain::rules::check_json_with(&body, &tables, &[])
        .map(Json)
        .map_err(|e| {
            let status = match e.kind {
                thidua_domain::rules::CaseErrorKind::Syntax => StatusCode::BAD_REQUEST,
                thidua_domain::rules::CaseErrorKind::Invalid => StatusCode::UNPROCESSABLE_ENTITY,
            };
            let mut err = AppError::new(status, "validation", e.to_string());
            err.fields.insert(e.field.clone(), e.message.clone());
            ApiError(err)
        })
}

/// The rule tables that judge now (the newest version: added by an administrator, or built in).
#[utoipa::path(get, path = "/api/v1/rules/tables", responses((status = 200, description = "bảng quy tắc", body = serde_json::Value)))]
async fn get_rule_tables(
    State(st): State<AppState>,
    caller: Caller,
) -> ApiResult<Json<thidua_domain::rules::RuleTables>> {
    check(&caller.viewer, Action::CheckEligibility, Target::None)?;
    Ok(Json((*st.store.rule_tables().await?).clone()))
}

/// A version of the rule tables.
#[derive(Serialize, ToSchema)]
pub struct RuleTablesVersionOut {
    pub version: i64,
    pub label: String,
    /// Absent for the version built into the program.
    pub created_at: Option<chrono::DateTime<chrono::Utc>>,
    pub created_by: Option<String>,
}

impl From<thidua_store::rules::RuleTablesVersion> for RuleTablesVersionOut {
    fn from(v: thidua_store::rules::RuleTablesVersion) -> Self {
        RuleTablesVersionOut {
            version: v.version,
            label: v.label,
            created_at: v.created_at,
            created_by: v.created_by,
        }
    }
}

/// Adds a version of the rule tables when the law changes (administrators): the whole tables, as
/// `GET /api/v1/rules/tables` answers them, with a higher `version`. From then on it judges.
#[utoipa::path(post, path = "/api/v1/rules/tables", request_body(content = serde_json::Value, description = "toàn bộ bảng quy tắc, phiên bản mới"),
    responses((status = 201, body = RuleTablesVersionOut), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn add_rule_tables(
    State(st): State<AppState>,
    caller: Caller,
    body: String,
) -> ApiResult<(StatusCode, Json<RuleTablesVersionOut>)> {
    check(&caller.viewer, Action::ManageRules, Target::None)?;
    if let Err(e) = serde_json::from_str::<serde_json::Value>(&body) {
        return Err(ApiError(AppError::bad_request(format!(
            "Nội dung không phải JSON hợp lệ: {e}"
        ))));
    }
    let v = st.store.add_rule_tables(&caller.actor(), &body).await?;
    Ok((StatusCode::CREATED, Json(v.into())))
}

/// Every version of the rule tables, newest first.
#[utoipa::path(get, path = "/api/v1/rules/versions", responses((status = 200, body = List<RuleTablesVersionOut>)))]
async fn rule_tables_versions(
    State(st): State<AppState>,
    caller: Caller,
) -> ApiResult<Json<List<RuleTablesVersionOut>>> {
    check(&caller.viewer, Action::CheckEligibility, Target::None)?;
    Ok(Json(List::<RuleTablesVersionOut>::all(
        st.store.rule_tables_versions().await?,
    )))
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "thidua API",
        description = "API của thidua: thi đua, khen thưởng. Lỗi luôn có dạng {\"error\": {\"code\", \"message\", \"fields\"}}."
    ),
    paths(
        healthz,
        eligibility_check,
        get_rule_tables,
        add_rule_tables,
        rule_tables_versions,
        list_units,
        get_unit,
        create_unit,
        update_unit,
        merge_unit,
        list_groups,
        list_people,
        get_person,
        create_person,
        update_person,
        list_audit,
        crate::account::api_login,
        crate::account::api_logout,
        crate::account::api_me,
        crate::account::api_change_password,
        crate::account::api_tokens,
        crate::account::api_create_token,
        crate::account::api_revoke_token,
        crate::admin::api_users,
        crate::admin::api_create_user,
        crate::admin::api_user,
        crate::admin::api_update_user,
        crate::admin::api_reset_password,
        crate::admin::api_user_sessions
    ),
    components(schemas(
        ErrorBody, UnitOut, UnitIn, MergeIn, PersonOut, PersonIn, GroupOut, AuditOut, RuleTablesVersionOut,
        crate::account::UserOut, crate::account::SessionOut, crate::account::LoginIn,
        crate::account::TokenOut, crate::account::PasswordIn, crate::account::TokenIn,
        crate::admin::UserIn, crate::admin::UserChangeIn, crate::admin::ResetIn
    )),
    modifiers(&BearerAuth),
    security(("bearer" = []))
)]
pub struct ApiDoc;

/// Declares the bearer tokens of `/api/v1/auth/login` in the OpenAPI document.
struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, doc: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = doc.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}
