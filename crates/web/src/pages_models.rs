//! The pages of exemplary models (điển hình tiên tiến, nhân tố mới), for those signed in: the list
//! with search and filters, the form of a new profile, a profile with its photos, achievements,
//! initiatives, replications and the "Đơn vị học tập" form, the new factors of a year; and the
//! office's "Công bố lên Bảng vàng" buttons of profiles, final decisions and recognised
//! initiatives. Every permission is asked of `permissions`, through the API's helpers.

use crate::api_models::{check_new_model, query_of, today, visible_models};
use crate::error::{AppError, PageError};
use crate::extract::{parse_id, Caller, Params};
use crate::page_forms::{field, html, problem, redirect, shown};
use crate::permissions::{self, allows, check, check_shown, Action, Target};
use crate::templates::page;
use crate::{AppState, Routes};
use axum::extract::{Form, Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use chrono::Datelike;
use minijinja::context;
use thidua_domain::exemplary::{ModelInput, ModelKind, ModelReplicationInput};
use thidua_domain::validation::Invalid;

pub(crate) fn routes() -> Routes {
    Routes::new()
        .get("/dien-hinh", list_page)
        .post("/dien-hinh", create)
        .get("/dien-hinh/moi", new_page)
        .get("/dien-hinh/nhan-to-moi", new_factors_page)
        .get("/dien-hinh/{id}", model_page)
        .post("/dien-hinh/{id}/cong-bo", publish)
        .post("/dien-hinh/{id}/hoc-tap", replicate)
        .post_upload("/dien-hinh/{id}/anh", add_photos)
        .post("/quyet-dinh/{id}/cong-bo", publish_decision)
        .post("/sang-kien/{id}/cong-bo", publish_initiative)
}

type PageResult = Result<Response, PageError>;

fn status_of(e: &Option<AppError>) -> StatusCode {
    e.as_ref().map(|e| e.status).unwrap_or(StatusCode::OK)
}

fn kinds() -> Vec<(&'static str, &'static str)> {
    ModelKind::ALL
        .iter()
        .map(|k| (k.code(), k.label()))
        .collect()
}

/// The units `caller` may choose in a form (theirs for a unit officer, all open ones otherwise).
async fn unit_choices(
    st: &AppState,
    caller: &Caller,
    action: Action,
) -> Result<Vec<(i64, String)>, AppError> {
    let units = st.store.units_all().await?;
    Ok(units
        .into_iter()
        .filter(|u| u.active && allows(&caller.viewer, action, permissions::unit(u)))
        .map(|u| (u.id, u.name))
        .collect())
}

// ----- the list ---------------------------------------------------------------------------------

async fn list_page(State(st): State<AppState>, caller: Caller, params: Params) -> PageResult {
    check(&caller.viewer, Action::ReadModels, Target::None)?;
    let q = query_of(&params)?;
    let rows = visible_models(&st, &caller.viewer, &q).await?;
    let units = unit_choices(&st, &caller, Action::ReadModels).await?;
    Ok(html(
        StatusCode::OK,
        page(
            &st,
            &caller,
            "models_list.html",
            context! {
                title => "Điển hình tiên tiến, nhân tố mới", nav => "models",
                rows, units, kinds => kinds(),
                q => q.q, year => q.year, kind => q.kind.map(|k| k.code()), unit_id => q.unit_id,
                can_create => allows(&caller.viewer, Action::EditModels, Target::None),
            },
        )?,
    ))
}

async fn new_factors_page(
    State(st): State<AppState>,
    caller: Caller,
    params: Params,
) -> PageResult {
    check(&caller.viewer, Action::ReadModels, Target::None)?;
    let mut q = query_of(&params)?;
    let year = q.year.unwrap_or_else(|| today().year());
    q.year = Some(year);
    q.kind = Some(ModelKind::NewFactor);
    let rows = visible_models(&st, &caller.viewer, &q).await?;
    Ok(html(
        StatusCode::OK,
        page(
            &st,
            &caller,
            "models_new_factors.html",
            context! {
                title => format!("Nhân tố mới phát hiện năm {year}"), nav => "models",
                rows, year, years => (2021..=today().year()).rev().collect::<Vec<_>>(),
            },
        )?,
    ))
}

// ----- the form ---------------------------------------------------------------------------------

async fn form_view(
    st: &AppState,
    caller: &Caller,
    input: &ModelInput,
    err: Option<AppError>,
) -> PageResult {
    check_shown(&caller.viewer, Action::EditModels, Target::None)?;
    let units = unit_choices(st, caller, Action::EditModels).await?;
    Ok(html(
        status_of(&err),
        page(
            st,
            caller,
            "model_form.html",
            context! {
                title => "Hồ sơ điển hình mới", nav => "models",
                units, kinds => kinds(), m => minijinja::Value::from_serialize(input),
                initiative_ids => input.initiative_ids.iter().map(|i| i.to_string()).collect::<Vec<_>>().join(", "),
                decision_line_ids => input.decision_line_ids.iter().map(|i| i.to_string()).collect::<Vec<_>>().join(", "),
                problem => problem(&err),
            },
        )?,
    ))
}

async fn new_page(State(st): State<AppState>, caller: Caller) -> PageResult {
    let input = ModelInput {
        kind: ModelKind::Advanced.code().into(),
        subject: "collective".into(),
        year: today().year(),
        ..Default::default()
    };
    form_view(&st, &caller, &input, None).await
}

/// "1, 2 3" → [1, 2, 3]; a word that is not a number is a problem of `key`.
fn ids(text: &str, key: &str, e: &mut Invalid) -> Vec<i64> {
    let mut out = Vec::new();
    for w in text.split([',', ';', ' ']).filter(|w| !w.trim().is_empty()) {
        match w.trim().parse::<i64>() {
            Ok(n) if n > 0 => out.push(n),
            _ => e.add(key, format!("'{w}' không phải mã số")),
        }
    }
    out
}

async fn create(
    State(st): State<AppState>,
    caller: Caller,
    Form(f): Form<Vec<(String, String)>>,
) -> PageResult {
    check(&caller.viewer, Action::EditModels, Target::None)?;
    let mut e = Invalid::new();
    let opt_id = |key: &str, e: &mut Invalid| match field(&f, key).as_str() {
        "" => None,
        s => match s.parse::<i64>() {
            Ok(n) if n > 0 => Some(n),
            _ => {
                e.add(key, "Mã số không hợp lệ");
                None
            }
        },
    };
    let unit_id = opt_id("unit_id", &mut e);
    let person_id = opt_id("person_id", &mut e);
    let year = field(&f, "year").parse::<i32>().unwrap_or(0);
    let input = ModelInput {
        kind: field(&f, "kind"),
        subject: field(&f, "subject"),
        unit_id,
        person_id,
        title: field(&f, "title"),
        story: f
            .iter()
            .find(|(k, _)| k == "story")
            .map(|(_, v)| v.clone())
            .unwrap_or_default(),
        year,
        initiative_ids: ids(&field(&f, "initiative_ids"), "initiative_ids", &mut e),
        decision_line_ids: ids(&field(&f, "decision_line_ids"), "decision_line_ids", &mut e),
    };
    let result = async {
        if !e.is_empty() {
            return Err(AppError::from(e));
        }
        check_new_model(&st, &caller.viewer, &input).await?;
        let valid = input.validate(today().year())?;
        Ok(st.store.create_model(&caller.actor(), valid).await?)
    }
    .await;
    match result {
        Ok(m) => Ok(redirect(&format!("/dien-hinh/{}", m.row.id))),
        Err(err) => form_view(&st, &caller, &input, Some(shown(err)?)).await,
    }
}

// ----- one profile --------------------------------------------------------------------------------

async fn model_view(st: &AppState, caller: &Caller, id: i64, err: Option<AppError>) -> PageResult {
    let m = permissions::model_for(st, &caller.viewer, id, Action::ReadModels).await?;
    let published = m.row.status == "published";
    let can_replicate =
        published && allows(&caller.viewer, Action::RecordReplication, Target::None);
    let replication_units = if can_replicate {
        unit_choices(st, caller, Action::RecordReplication).await?
    } else {
        Vec::new()
    };
    Ok(html(
        status_of(&err),
        page(
            st,
            caller,
            "model_detail.html",
            context! {
                title => m.row.title.clone(), nav => "models",
                can_publish => allows(&caller.viewer, Action::PublishBoard, Target::None),
                can_photos => allows(&caller.viewer, Action::EditModels, permissions::model_edit_target(m.row.unit_id, false)),
                can_replicate, replication_units, published,
                today => today().format("%Y-%m-%d").to_string(),
                m, problem => problem(&err),
            },
        )?,
    ))
}

async fn model_page(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> PageResult {
    let id = parse_id(&id, "điển hình")?;
    model_view(&st, &caller, id, None).await
}

async fn publish(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Form(f): Form<Vec<(String, String)>>,
) -> PageResult {
    let id = parse_id(&id, "điển hình")?;
    permissions::model_for(&st, &caller.viewer, id, Action::ReadModels).await?;
    check(&caller.viewer, Action::PublishBoard, Target::None)?;
    let publish = field(&f, "publish") != "0";
    match st
        .store
        .set_model_published(&caller.actor(), id, publish)
        .await
    {
        Ok(_) => Ok(redirect(&format!("/dien-hinh/{id}"))),
        Err(e) => model_view(&st, &caller, id, Some(shown(e.into())?)).await,
    }
}

async fn replicate(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Form(f): Form<Vec<(String, String)>>,
) -> PageResult {
    let id = parse_id(&id, "điển hình")?;
    check(&caller.viewer, Action::RecordReplication, Target::None)?;
    permissions::model_for(&st, &caller.viewer, id, Action::ReadModels).await?;
    let result = async {
        let unit_id = field(&f, "unit_id")
            .parse::<i64>()
            .map_err(|_| AppError::from(Invalid::field("unit_id", "Chưa chọn đơn vị")))?;
        let raw = field(&f, "learned_on");
        let learned_on = chrono::NaiveDate::parse_from_str(&raw, "%Y-%m-%d")
            .ok()
            .or_else(|| thidua_domain::format::parse_date(&raw))
            .ok_or_else(|| {
                AppError::from(Invalid::field("learned_on", "Ngày phải là dd/mm/yyyy"))
            })?;
        permissions::unit_for(&st, &caller.viewer, unit_id, Action::RecordReplication).await?;
        st.store
            .record_model_replication(
                &caller.actor(),
                id,
                ModelReplicationInput {
                    unit_id,
                    learned_on,
                    applied: f
                        .iter()
                        .find(|(k, _)| k == "applied")
                        .map(|(_, v)| v.clone())
                        .unwrap_or_default(),
                },
                today(),
            )
            .await?;
        Ok::<_, AppError>(())
    }
    .await;
    match result {
        Ok(()) => Ok(redirect(&format!("/dien-hinh/{id}#hoc-tap"))),
        Err(e) => model_view(&st, &caller, id, Some(shown(e)?)).await,
    }
}

async fn add_photos(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    mp: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> PageResult {
    let id = parse_id(&id, "điển hình")?;
    let m = permissions::model_for(&st, &caller.viewer, id, Action::ReadModels).await?;
    check(
        &caller.viewer,
        Action::EditModels,
        permissions::model_edit_target(m.row.unit_id, false),
    )?;
    let mut mp = mp.map_err(|e| {
        AppError::bad_request(format!(
            "Biểu mẫu gửi kèm tệp không đúng dạng ({})",
            e.body_text()
        ))
    })?;
    let mut uploads = Vec::new();
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
                uploads.push(thidua_store::files::Upload { file_name, bytes });
            }
        }
    }
    match st
        .store
        .add_model_photos(&caller.actor(), id, uploads)
        .await
    {
        Ok(_) => Ok(redirect(&format!("/dien-hinh/{id}"))),
        Err(e) => model_view(&st, &caller, id, Some(shown(e.into())?)).await,
    }
}

// ----- publishing decisions and initiatives on the board -----------------------------------------

/// "Công bố lên Bảng vàng" (or "Thu hồi" with `publish=0`) on a final decision's page.
async fn publish_decision(
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
    check_shown(&caller.viewer, Action::PublishBoard, Target::None)?;
    let publish = field(&f, "publish") != "0";
    st.store
        .set_decision_published(&caller.actor(), id, publish)
        .await
        .map_err(AppError::from)?;
    Ok(redirect(&format!("/quyet-dinh/{id}")))
}

/// "Công bố lên Bảng vàng" (or "Thu hồi" with `publish=0`) on a recognised initiative's page.
async fn publish_initiative(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Form(f): Form<Vec<(String, String)>>,
) -> PageResult {
    let id = parse_id(&id, "sáng kiến")?;
    crate::api_initiatives::initiative_for(&st, &caller.viewer, id, Action::ReadInitiative).await?;
    check_shown(&caller.viewer, Action::PublishBoard, Target::None)?;
    let publish = field(&f, "publish") != "0";
    st.store
        .set_initiative_published(&caller.actor(), id, publish)
        .await
        .map_err(AppError::from)?;
    Ok(redirect(&format!("/sang-kien/{id}")))
}
