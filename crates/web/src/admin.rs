//! Administration: accounts (roles, unit scopes, locks, passwords, sessions) and the audit log, as
//! pages and as the `/api/v1/users` API. Only the administrator reaches any of it.

use crate::account::{SessionOut, UserOut};
use crate::api::{ApiJson, List};
use crate::auth::Caller;
use crate::error::{ApiError, AppError, PageError};
use crate::extract::{parse_id, Params};
use crate::permissions::{check, Action, Target};
use crate::templates::page;
use crate::{AppState, Routes};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::{Form, Json};
use minijinja::context;
use serde::Deserialize;
use std::collections::BTreeMap;
use thidua_domain::access::Role;
use thidua_store::accounts::{NewUser, UserChange};
use utoipa::ToSchema;

pub(crate) fn routes() -> Routes {
    Routes::new()
        .get("/quan-tri/nguoi-dung", users_page)
        .get("/quan-tri/nguoi-dung/moi", new_user_page)
        .post("/quan-tri/nguoi-dung/moi", create_user_submit)
        .get("/quan-tri/nguoi-dung/{id}", user_page)
        .post("/quan-tri/nguoi-dung/{id}", update_user_submit)
        .post("/quan-tri/nguoi-dung/{id}/mat-khau", reset_password_submit)
        .post(
            "/quan-tri/nguoi-dung/{id}/phien/{sid}/thu-hoi",
            revoke_user_session_submit,
        )
        .get("/quan-tri/nhat-ky", audit_page)
        .get("/api/v1/users", api_users)
        .post("/api/v1/users", api_create_user)
        .get("/api/v1/users/{id}", api_user)
        .put("/api/v1/users/{id}", api_update_user)
        .post("/api/v1/users/{id}/password", api_reset_password)
        .get("/api/v1/users/{id}/sessions", api_user_sessions)
}

type PageResult = Result<Response, PageError>;
type ApiResult<T> = Result<T, ApiError>;

fn admin(caller: &Caller) -> Result<(), AppError> {
    check(&caller.viewer, Action::ManageUsers, Target::None)
}

fn parse_roles(codes: &[String]) -> Result<Vec<Role>, AppError> {
    codes
        .iter()
        .map(|c| {
            Role::from_code(c.trim())
                .ok_or_else(|| AppError::bad_param("roles", format!("Vai trò không biết: '{c}'")))
        })
        .collect()
}

/// An account as sent to create it.
#[derive(Deserialize, ToSchema)]
pub struct UserIn {
    pub username: String,
    pub display_name: String,
    pub password: String,
    pub roles: Vec<String>,
    #[serde(default)]
    pub unit_id: Option<i64>,
    #[serde(default)]
    pub person_id: Option<i64>,
}

/// An account as sent to change it.
#[derive(Deserialize, ToSchema)]
pub struct UserChangeIn {
    pub display_name: String,
    pub roles: Vec<String>,
    #[serde(default)]
    pub unit_id: Option<i64>,
    #[serde(default)]
    pub person_id: Option<i64>,
    #[serde(default)]
    pub locked: bool,
    /// The version read; a stale one answers 409.
    #[serde(default)]
    pub version: Option<i32>,
}

#[derive(Deserialize, ToSchema)]
pub struct ResetIn {
    pub new_password: String,
}

/// Accounts (administrators only).
#[utoipa::path(get, path = "/api/v1/users", params(("q" = Option<String>, Query), ("page" = Option<u64>, Query), ("per_page" = Option<u64>, Query)),
    responses((status = 200, body = List<UserOut>), (status = 401, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody)))]
pub(crate) async fn api_users(
    State(st): State<AppState>,
    caller: Caller,
    params: Params,
) -> ApiResult<Json<List<UserOut>>> {
    admin(&caller)?;
    let (page, per_page) = params.paging(50)?;
    let found = st
        .store
        .users_list(params.text("q").as_deref(), page, per_page)
        .await?;
    Ok(Json(found.into()))
}

#[utoipa::path(post, path = "/api/v1/users", request_body = UserIn,
    responses((status = 201, body = UserOut), (status = 403, body = crate::error::ErrorBody), (status = 409, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub(crate) async fn api_create_user(
    State(st): State<AppState>,
    caller: Caller,
    ApiJson(body): ApiJson<UserIn>,
) -> ApiResult<(StatusCode, Json<UserOut>)> {
    admin(&caller)?;
    let roles = parse_roles(&body.roles)?;
    let info = st
        .store
        .create_user(
            &caller.actor(),
            NewUser {
                username: body.username,
                display_name: body.display_name,
                password: body.password,
                roles,
                unit_id: body.unit_id,
                person_id: body.person_id,
            },
        )
        .await?;
    Ok((StatusCode::CREATED, Json(info.into())))
}

async fn user_or_404(
    st: &AppState,
    raw: &str,
) -> Result<thidua_store::accounts::UserInfo, AppError> {
    let id = parse_id(raw, "tài khoản")?;
    st.store
        .user_info(id)
        .await?
        .ok_or_else(|| AppError::not_found("tài khoản"))
}

#[utoipa::path(get, path = "/api/v1/users/{id}", responses((status = 200, body = UserOut), (status = 403, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody)))]
pub(crate) async fn api_user(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<UserOut>> {
    admin(&caller)?;
    Ok(Json(user_or_404(&st, &id).await?.into()))
}

/// Changes an account's name, roles, unit, person and lock; locking ends its sessions and tokens.
#[utoipa::path(put, path = "/api/v1/users/{id}", request_body = UserChangeIn,
    responses((status = 200, body = UserOut), (status = 403, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody), (status = 409, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub(crate) async fn api_update_user(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<UserChangeIn>,
) -> ApiResult<Json<UserOut>> {
    admin(&caller)?;
    let user = user_or_404(&st, &id).await?;
    let roles = parse_roles(&body.roles)?;
    refuse_self_lockout(&caller, user.user.id, body.locked, &roles)?;
    let info = st
        .store
        .update_user(
            &caller.actor(),
            user.user.id,
            UserChange {
                display_name: body.display_name,
                roles,
                unit_id: body.unit_id,
                person_id: body.person_id,
                locked: body.locked,
                version: body.version,
            },
        )
        .await?;
    st.sessions.clear();
    Ok(Json(info.into()))
}

/// An administrator cannot lock themselves out or drop their own administrator role.
fn refuse_self_lockout(
    caller: &Caller,
    id: i64,
    locked: bool,
    roles: &[Role],
) -> Result<(), AppError> {
    let Some(me) = caller.user_id() else {
        return Ok(());
    };
    match thidua_domain::access::self_change_problem(me, id, locked, roles) {
        Some(problem) => Err(thidua_domain::validation::Invalid::field("roles", problem).into()),
        None => Ok(()),
    }
}

/// Sets a new password for an account; all its sessions and tokens end.
#[utoipa::path(post, path = "/api/v1/users/{id}/password", request_body = ResetIn,
    responses((status = 204), (status = 403, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub(crate) async fn api_reset_password(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<ResetIn>,
) -> ApiResult<StatusCode> {
    admin(&caller)?;
    let user = user_or_404(&st, &id).await?;
    st.store
        .set_password(
            &caller.actor(),
            user.user.id,
            None,
            &body.new_password,
            None,
        )
        .await?;
    st.sessions.clear();
    Ok(StatusCode::NO_CONTENT)
}

/// The open sessions and tokens of an account.
#[utoipa::path(get, path = "/api/v1/users/{id}/sessions", responses((status = 200, body = List<SessionOut>), (status = 403, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody)))]
pub(crate) async fn api_user_sessions(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<List<SessionOut>>> {
    admin(&caller)?;
    let user = user_or_404(&st, &id).await?;
    Ok(Json(List::<SessionOut>::all(
        st.store.sessions_of(user.user.id).await?,
    )))
}

// ---- pages ----

async fn users_page(State(st): State<AppState>, caller: Caller, params: Params) -> PageResult {
    admin(&caller)?;
    let q = params.text("q").unwrap_or_default();
    let p = params.number("page", 1, 100_000)?;
    let found = st.store.users_list(Some(&q), p, 100).await?;
    let pages = found.total.div_ceil(100).max(1);
    let base = format!(
        "/quan-tri/nguoi-dung?{}",
        serde_urlencoded::to_string([("q", q.as_str())]).unwrap_or_default()
    );
    let body = page(
        &st,
        &caller,
        "admin_users.html",
        context! { title => "Người dùng", nav => "admin", users => found.items, total => found.total, q, page => p, pages, base },
    )?;
    Ok(Html(body).into_response())
}

/// The account form's fields as typed.
#[derive(Debug, Default, Deserialize, serde::Serialize)]
struct UserForm {
    #[serde(default)]
    username: String,
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    roles: Vec<String>,
    #[serde(default)]
    unit_id: String,
    #[serde(default)]
    person_id: String,
    #[serde(default)]
    locked: Option<String>,
    #[serde(default)]
    version: String,
}

impl UserForm {
    fn read(body: &str) -> UserForm {
        // Several checkboxes share the name `roles`: read the pairs, not a map.
        let pairs: Vec<(String, String)> = serde_urlencoded::from_str(body).unwrap_or_default();
        let mut f = UserForm::default();
        for (k, v) in pairs {
            match k.as_str() {
                "username" => f.username = v,
                "display_name" => f.display_name = v,
                "password" => f.password = v,
                "roles" => f.roles.push(v),
                "unit_id" => f.unit_id = v,
                "person_id" => f.person_id = v,
                "locked" => f.locked = Some(v),
                "version" => f.version = v,
                _ => {}
            }
        }
        f
    }

    fn id(raw: &str, field: &str, errors: &mut BTreeMap<String, String>) -> Option<i64> {
        let t = raw.trim();
        if t.is_empty() {
            return None;
        }
        match t.parse::<i64>() {
            Ok(n) if n > 0 => Some(n),
            _ => {
                errors.insert(field.into(), "Phải là mã số (số nguyên dương)".into());
                None
            }
        }
    }
}

async fn user_form_page(
    st: &AppState,
    caller: &Caller,
    id: Option<i64>,
    form: &UserForm,
    errors: &BTreeMap<String, String>,
    extra: minijinja::Value,
) -> PageResult {
    let units = st.store.unit_choices(None).await?;
    let roles: Vec<minijinja::Value> = Role::ALL
        .iter()
        .map(|r| context! { code => r.code(), label => r.label(), checked => form.roles.iter().any(|c| c == r.code()) })
        .collect();
    let sessions = match id {
        Some(id) => st.store.sessions_of(id).await?,
        None => Vec::new(),
    };
    let title = if id.is_some() {
        format!("Tài khoản {}", form.username)
    } else {
        "Thêm tài khoản".to_owned()
    };
    let body = page(
        st,
        caller,
        "admin_user.html",
        context! { title, nav => "admin", id, form, errors, units, roles, sessions, ..extra },
    )?;
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok((status, Html(body)).into_response())
}

async fn new_user_page(State(st): State<AppState>, caller: Caller) -> PageResult {
    admin(&caller)?;
    user_form_page(
        &st,
        &caller,
        None,
        &UserForm::default(),
        &BTreeMap::new(),
        context! {},
    )
    .await
}

fn store_errors(e: thidua_store::StoreError) -> Result<BTreeMap<String, String>, PageError> {
    match e {
        thidua_store::StoreError::Invalid(inv) => Ok(inv.fields),
        thidua_store::StoreError::Conflict { field, message } => {
            let mut m = BTreeMap::new();
            m.insert(field.unwrap_or_else(|| "form".into()), message);
            Ok(m)
        }
        other => Err(other.into()),
    }
}

async fn create_user_submit(
    State(st): State<AppState>,
    caller: Caller,
    body: String,
) -> PageResult {
    admin(&caller)?;
    let form = UserForm::read(&body);
    let mut errors = BTreeMap::new();
    let unit_id = UserForm::id(&form.unit_id, "unit_id", &mut errors);
    let person_id = UserForm::id(&form.person_id, "person_id", &mut errors);
    let roles = parse_roles(&form.roles).map_err(PageError)?;
    if errors.is_empty() {
        match st
            .store
            .create_user(
                &caller.actor(),
                NewUser {
                    username: form.username.clone(),
                    display_name: form.display_name.clone(),
                    password: form.password.clone(),
                    roles,
                    unit_id,
                    person_id,
                },
            )
            .await
        {
            Ok(u) => {
                return Ok(
                    Redirect::to(&format!("/quan-tri/nguoi-dung/{}?da_luu=1", u.user.id))
                        .into_response(),
                )
            }
            Err(e) => errors = store_errors(e)?,
        }
    }
    user_form_page(&st, &caller, None, &form, &errors, context! {}).await
}

fn form_of(u: &thidua_store::accounts::UserInfo) -> UserForm {
    UserForm {
        username: u.user.username.clone(),
        display_name: u.user.display_name.clone(),
        password: String::new(),
        roles: u.roles.iter().map(|r| r.code().to_owned()).collect(),
        unit_id: u.user.unit_id.map(|x| x.to_string()).unwrap_or_default(),
        person_id: u.user.person_id.map(|x| x.to_string()).unwrap_or_default(),
        locked: u.user.locked.then(|| "1".to_owned()),
        version: u.user.version.to_string(),
    }
}

async fn user_page(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    params: Params,
) -> PageResult {
    admin(&caller)?;
    let u = user_or_404(&st, &id).await?;
    let notice = params.text("da_luu").map(|_| "Đã lưu thay đổi");
    user_form_page(
        &st,
        &caller,
        Some(u.user.id),
        &form_of(&u),
        &BTreeMap::new(),
        context! { notice, person_name => u.person_name },
    )
    .await
}

async fn update_user_submit(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    body: String,
) -> PageResult {
    admin(&caller)?;
    let u = user_or_404(&st, &id).await?;
    let mut form = UserForm::read(&body);
    form.username = u.user.username.clone();
    let mut errors = BTreeMap::new();
    let unit_id = UserForm::id(&form.unit_id, "unit_id", &mut errors);
    let person_id = UserForm::id(&form.person_id, "person_id", &mut errors);
    let roles = parse_roles(&form.roles).map_err(PageError)?;
    if let Err(mut e) = refuse_self_lockout(&caller, u.user.id, form.locked.is_some(), &roles) {
        errors.append(&mut e.fields);
    }
    if errors.is_empty() {
        match st
            .store
            .update_user(
                &caller.actor(),
                u.user.id,
                UserChange {
                    display_name: form.display_name.clone(),
                    roles,
                    unit_id,
                    person_id,
                    locked: form.locked.is_some(),
                    version: form.version.trim().parse().ok(),
                },
            )
            .await
        {
            Ok(_) => {
                st.sessions.clear();
                return Ok(
                    Redirect::to(&format!("/quan-tri/nguoi-dung/{}?da_luu=1", u.user.id))
                        .into_response(),
                );
            }
            Err(e) => errors = store_errors(e)?,
        }
    }
    user_form_page(&st, &caller, Some(u.user.id), &form, &errors, context! {}).await
}

#[derive(Deserialize)]
struct ResetForm {
    #[serde(default)]
    new_password: String,
}

async fn reset_password_submit(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Form(f): Form<ResetForm>,
) -> PageResult {
    admin(&caller)?;
    let u = user_or_404(&st, &id).await?;
    match st
        .store
        .set_password(&caller.actor(), u.user.id, None, &f.new_password, None)
        .await
    {
        Ok(()) => {
            st.sessions.clear();
            Ok(
                Redirect::to(&format!("/quan-tri/nguoi-dung/{}?da_luu=1", u.user.id))
                    .into_response(),
            )
        }
        Err(e) => {
            let errors = store_errors(e)?;
            user_form_page(
                &st,
                &caller,
                Some(u.user.id),
                &form_of(&u),
                &errors,
                context! {},
            )
            .await
        }
    }
}

async fn revoke_user_session_submit(
    State(st): State<AppState>,
    caller: Caller,
    Path((id, sid)): Path<(String, String)>,
) -> PageResult {
    admin(&caller)?;
    let u = user_or_404(&st, &id).await?;
    let sid = parse_id(&sid, "phiên đăng nhập")?;
    st.store
        .revoke_session(&caller.actor(), u.user.id, sid)
        .await?;
    st.sessions.clear();
    Ok(Redirect::to(&format!("/quan-tri/nguoi-dung/{}?da_luu=1", u.user.id)).into_response())
}

async fn audit_page(State(st): State<AppState>, caller: Caller, params: Params) -> PageResult {
    check(&caller.viewer, Action::ReadAudit, Target::None)?;
    let p = params.number("page", 1, 1_000_000)?;
    let q = crate::api::audit_query(&params, p, 100)?;
    let found = st.store.audit_list(&q).await?;
    let pages = found.total.div_ceil(100).max(1);
    let base = format!(
        "/quan-tri/nhat-ky?{}",
        serde_urlencoded::to_string(
            ["actor", "entity", "entity_id", "unit_id", "from", "to"]
                .iter()
                .map(|k| (*k, params.text(k).unwrap_or_default()))
                .collect::<Vec<_>>()
        )
        .unwrap_or_default()
    );
    let f: BTreeMap<&str, String> = ["actor", "entity", "entity_id", "unit_id", "from", "to"]
        .iter()
        .map(|k| (*k, params.text(k).unwrap_or_default()))
        .collect();
    let body = page(
        &st,
        &caller,
        "admin_audit.html",
        context! { title => "Nhật ký thay đổi", nav => "audit", entries => found.items, total => found.total, page => p, pages, export => base.replacen("/quan-tri/nhat-ky?", "/quan-tri/nhat-ky/xuat.xlsx?", 1), base, f },
    )?;
    Ok(Html(body).into_response())
}
