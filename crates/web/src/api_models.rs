//! The JSON API of exemplary models (điển hình tiên tiến, nhân tố mới): the list with its filters,
//! one profile with its photos, achievements, initiatives and replications, creating a draft,
//! publishing or taking it back (the office), and a unit's record that it learned from a model.
//! Permissions are asked of `permissions` (`model_for`, `unit_for`), as the pages do.

use crate::api::ApiJson;
use crate::error::{ApiError, AppError, ErrorBody};
use crate::extract::{parse_id, Caller, Params};
use crate::permissions::{self, allows, check, Action, Target, Viewer};
use crate::{AppState, Routes};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use thidua_domain::exemplary::{ModelInput, ModelKind, ModelReplicationInput};
use thidua_store::models::{ModelDetail, ModelQuery, ModelRow};
use utoipa::{OpenApi, ToSchema};

pub(crate) fn routes() -> Routes {
    Routes::new()
        .get("/api/v1/models", list_models)
        .post("/api/v1/models", create_model)
        .get("/api/v1/models/{id}", get_model)
        .post("/api/v1/models/{id}/publish", publish_model)
        .post("/api/v1/models/{id}/replications", add_replication)
}

type ApiResult<T> = Result<T, ApiError>;

pub(crate) use crate::today;

/// The filters of the query string: q, year (nam), kind (loai), unit_id (don_vi).
pub(crate) fn query_of(params: &Params) -> Result<ModelQuery, AppError> {
    let year = match params.text("year").or_else(|| params.text("nam")) {
        None => None,
        Some(y) => Some(
            y.parse::<i32>()
                .ok()
                .filter(|y| (1990..=2100).contains(y))
                .ok_or_else(|| AppError::bad_param("year", "Năm không hợp lệ"))?,
        ),
    };
    let kind = match params.text("kind").or_else(|| params.text("loai")) {
        None => None,
        Some(k) => Some(ModelKind::from_code(&k).ok_or_else(|| {
            AppError::bad_param(
                "kind",
                "Loại không hợp lệ (dien_hinh_tien_tien, nhan_to_moi)",
            )
        })?),
    };
    let unit_id = match params.id("unit_id")? {
        Some(u) => Some(u),
        None => params.id("don_vi")?,
    };
    Ok(ModelQuery {
        q: params.text("q"),
        year,
        kind,
        unit_id,
        published_only: false,
    })
}

/// The profiles `viewer` may read among those matching `q`.
pub(crate) async fn visible_models(
    st: &AppState,
    viewer: &Viewer,
    q: &ModelQuery,
) -> Result<Vec<ModelRow>, AppError> {
    check(viewer, Action::ReadModels, Target::None)?;
    let v = viewer.clone();
    Ok(st
        .store
        .models(q, move |r| {
            allows(
                &v,
                Action::ReadModels,
                permissions::model_read_target(r.unit_id, r.status == "published"),
            )
        })
        .await?)
}

/// The unit a new profile belongs to, checked against what `viewer` may write: the person's unit
/// for a person, the collective itself otherwise.
pub(crate) async fn check_new_model(
    st: &AppState,
    viewer: &Viewer,
    input: &ModelInput,
) -> Result<(), AppError> {
    check(viewer, Action::EditModels, Target::None)?;
    let unit = match (input.subject.as_str(), input.person_id, input.unit_id) {
        ("person", Some(p), _) => st.store.person(p).await?.map(|p| p.unit_id),
        (_, _, u) => u,
    };
    if let Some(u) = unit {
        if let Some(u) = st.store.unit(u).await? {
            check(viewer, Action::EditModels, permissions::unit(&u))?;
        }
    }
    Ok(())
}

#[derive(Serialize, ToSchema)]
pub struct ModelList {
    #[schema(value_type = Vec<Object>)]
    pub items: Vec<ModelRow>,
    pub total: u64,
}

/// Exemplary models: every published one, and the drafts of the viewer's units (all drafts for the
/// office). Filters: q (diacritics ignored), year, kind, unit_id.
#[utoipa::path(get, path = "/api/v1/models",
    params(("q" = Option<String>, Query), ("year" = Option<i32>, Query), ("kind" = Option<String>, Query), ("unit_id" = Option<i64>, Query)),
    responses((status = 200, body = ModelList), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody)))]
async fn list_models(
    State(st): State<AppState>,
    caller: Caller,
    params: Params,
) -> ApiResult<Json<ModelList>> {
    check(&caller.viewer, Action::ReadModels, Target::None)?;
    let q = query_of(&params)?;
    let items = visible_models(&st, &caller.viewer, &q).await?;
    Ok(Json(ModelList {
        total: items.len() as u64,
        items,
    }))
}

/// A profile as sent to the API.
#[derive(Deserialize, ToSchema)]
pub struct ModelIn {
    /// `dien_hinh_tien_tien` or `nhan_to_moi`.
    pub kind: String,
    /// `collective` or `person`.
    pub subject: String,
    pub unit_id: Option<i64>,
    pub person_id: Option<i64>,
    pub title: String,
    #[serde(default)]
    pub story: String,
    pub year: i32,
    #[serde(default)]
    pub initiative_ids: Vec<i64>,
    #[serde(default)]
    pub decision_line_ids: Vec<i64>,
}

impl From<ModelIn> for ModelInput {
    fn from(m: ModelIn) -> Self {
        ModelInput {
            kind: m.kind,
            subject: m.subject,
            unit_id: m.unit_id,
            person_id: m.person_id,
            title: m.title,
            story: m.story,
            year: m.year,
            initiative_ids: m.initiative_ids,
            decision_line_ids: m.decision_line_ids,
        }
    }
}

/// Creates a profile as a draft: the office for any unit, a unit officer for their units.
#[utoipa::path(post, path = "/api/v1/models", request_body = ModelIn,
    responses((status = 201, body = Object), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn create_model(
    State(st): State<AppState>,
    caller: Caller,
    ApiJson(body): ApiJson<ModelIn>,
) -> ApiResult<(StatusCode, Json<ModelDetail>)> {
    let input: ModelInput = body.into();
    check_new_model(&st, &caller.viewer, &input).await?;
    let valid = input.validate(today().year()).map_err(AppError::from)?;
    let m = st.store.create_model(&caller.actor(), valid).await?;
    Ok((StatusCode::CREATED, Json(m)))
}

/// One profile with its photos, achievements, initiatives and replications.
#[utoipa::path(get, path = "/api/v1/models/{id}",
    responses((status = 200, body = Object), (status = 404, body = ErrorBody)))]
async fn get_model(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<ModelDetail>> {
    let id = parse_id(&id, "điển hình")?;
    Ok(Json(
        permissions::model_for(&st, &caller.viewer, id, Action::ReadModels).await?,
    ))
}

#[derive(Deserialize, ToSchema, Default)]
pub struct PublishIn {
    /// `true` (the default) publishes, `false` takes the profile back to draft.
    #[serde(default)]
    pub published: Option<bool>,
}

/// Publishes a profile (or takes it back with `{"published": false}`): the city's office.
#[utoipa::path(post, path = "/api/v1/models/{id}/publish", request_body = PublishIn,
    responses((status = 200, body = Object), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn publish_model(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    body: axum::body::Bytes,
) -> ApiResult<Json<ModelDetail>> {
    let id = parse_id(&id, "điển hình")?;
    permissions::model_for(&st, &caller.viewer, id, Action::ReadModels).await?;
    check(&caller.viewer, Action::PublishBoard, Target::None)?;
    // An empty body publishes; otherwise it must be the JSON object of `PublishIn`.
    let publish = if body.iter().all(u8::is_ascii_whitespace) {
        true
    } else {
        serde_json::from_slice::<PublishIn>(&body)
            .map_err(|_| {
                AppError::new(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "validation",
                    "Nội dung phải là {\"published\": true} hoặc {\"published\": false}",
                )
            })?
            .published
            .unwrap_or(true)
    };
    Ok(Json(
        st.store
            .set_model_published(&caller.actor(), id, publish)
            .await?,
    ))
}

#[derive(Deserialize, ToSchema)]
pub struct ModelReplicationIn {
    pub unit_id: i64,
    /// yyyy-mm-dd
    pub learned_on: NaiveDate,
    pub applied: String,
}

/// Records that a unit learned from a published profile (the office for any unit, a unit officer
/// for their units).
#[utoipa::path(post, path = "/api/v1/models/{id}/replications", request_body = ModelReplicationIn,
    responses((status = 201, body = Object), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn add_replication(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<ModelReplicationIn>,
) -> ApiResult<(StatusCode, Json<serde_json::Value>)> {
    let id = parse_id(&id, "điển hình")?;
    check(&caller.viewer, Action::RecordReplication, Target::None)?;
    permissions::model_for(&st, &caller.viewer, id, Action::ReadModels).await?;
    permissions::unit_for(&st, &caller.viewer, body.unit_id, Action::RecordReplication).await?;
    let row = st
        .store
        .record_model_replication(
            &caller.actor(),
            id,
            ModelReplicationInput {
                unit_id: body.unit_id,
                learned_on: body.learned_on,
                applied: body.applied,
            },
            today(),
        )
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(serde_json::to_value(row).unwrap_or_default()),
    ))
}

#[derive(OpenApi)]
#[openapi(
    paths(list_models, create_model, get_model, publish_model, add_replication),
    components(schemas(ModelList, ModelIn, PublishIn, ModelReplicationIn))
)]
pub struct ModelsApi;
