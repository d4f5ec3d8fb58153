//! Logging in and out, one's own account (password, sessions, API tokens): the pages and the API.

use crate::api::{ApiJson, List};
use crate::auth::{safe_next, set_cookie, Caller, SESSION_COOKIE};
use crate::error::{ApiError, AppError, PageError};
use crate::extract::{parse_id, Params};
use crate::permissions::{check, Action, Target};
use crate::templates::page;
use crate::{AppState, Routes};
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::{Form, Json};
use minijinja::context;
use serde::{Deserialize, Serialize};
use thidua_store::accounts::{LoginRefused, NewSession, UserInfo};
use thidua_store::entity::sessions;
use utoipa::ToSchema;

pub(crate) fn routes() -> Routes {
    Routes::new()
        .get("/dang-nhap", login_page)
        .post("/dang-nhap", login_submit)
        .post("/dang-xuat", logout_submit)
        .get("/tai-khoan", account_page)
        .post("/tai-khoan/mat-khau", change_password_submit)
        .post("/tai-khoan/khoa-api", create_token_submit)
        .post("/tai-khoan/phien/{id}/thu-hoi", revoke_submit)
}

pub(crate) fn api_routes() -> Routes {
    Routes::new()
        .post("/api/v1/auth/login", api_login)
        .post("/api/v1/auth/logout", api_logout)
        .get("/api/v1/auth/me", api_me)
        .post("/api/v1/auth/password", api_change_password)
        .get("/api/v1/tokens", api_tokens)
        .post("/api/v1/tokens", api_create_token)
        .delete("/api/v1/tokens/{id}", api_revoke_token)
}

type PageResult = Result<Response, PageError>;
type ApiResult<T> = Result<T, ApiError>;

/// An account as the API shows it.
#[derive(Serialize, ToSchema)]
pub struct UserOut {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    /// Role codes: admin, tdkt_office, unit_officer, council_member, leader, labour_federation, worker.
    pub roles: Vec<String>,
    pub unit_id: Option<i64>,
    pub unit_name: Option<String>,
    pub person_id: Option<i64>,
    pub locked: bool,
    pub version: i32,
}

impl From<UserInfo> for UserOut {
    fn from(u: UserInfo) -> Self {
        UserOut {
            id: u.user.id,
            username: u.user.username,
            display_name: u.user.display_name,
            roles: u.roles.iter().map(|r| r.code().to_owned()).collect(),
            unit_id: u.user.unit_id,
            unit_name: u.unit_name,
            person_id: u.user.person_id,
            locked: u.user.locked,
            version: u.user.version,
        }
    }
}

/// A session or an API token (never its secret).
#[derive(Serialize, ToSchema)]
pub struct SessionOut {
    pub id: i64,
    /// web (a browser session) or api (a token).
    pub kind: String,
    pub label: String,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub expires_at: chrono::DateTime<chrono::Utc>,
    pub ip: Option<String>,
}

impl From<sessions::Model> for SessionOut {
    fn from(s: sessions::Model) -> Self {
        SessionOut {
            id: s.id,
            kind: s.kind,
            label: s.label,
            created_at: s.created_at,
            expires_at: s.expires_at,
            ip: s.ip,
        }
    }
}

#[derive(Deserialize, ToSchema)]
pub struct LoginIn {
    pub username: String,
    pub password: String,
}

/// A token, shown once.
#[derive(Serialize, ToSchema)]
pub struct TokenOut {
    pub token: String,
    pub id: i64,
    pub expires_at: chrono::DateTime<chrono::Utc>,
    pub user: UserOut,
}

impl From<NewSession> for TokenOut {
    fn from(n: NewSession) -> Self {
        TokenOut {
            token: n.token,
            id: n.session.id,
            expires_at: n.session.expires_at,
            user: n.user.into(),
        }
    }
}

#[derive(Deserialize, ToSchema)]
pub struct PasswordIn {
    pub current_password: String,
    pub new_password: String,
}

#[derive(Deserialize, ToSchema)]
pub struct TokenIn {
    pub label: String,
    #[serde(default = "default_days")]
    pub days: i64,
}

fn default_days() -> i64 {
    thidua_store::accounts::API_TOKEN_DAYS
}

fn ip_of(caller: &Caller) -> String {
    caller.ip.clone().unwrap_or_else(|| "unknown".into())
}

fn refused(r: LoginRefused) -> AppError {
    match r {
        LoginRefused::Invalid => {
            AppError::new(StatusCode::UNAUTHORIZED, "unauthorized", r.message())
        }
        LoginRefused::Throttled { .. } => {
            AppError::new(StatusCode::TOO_MANY_REQUESTS, "rate_limited", r.message())
        }
    }
}

fn retry_after(r: &LoginRefused) -> Option<HeaderValue> {
    match r {
        LoginRefused::Throttled { retry_after_secs } => {
            HeaderValue::from_str(&retry_after_secs.to_string()).ok()
        }
        LoginRefused::Invalid => None,
    }
}

/// Logs in: answers a token for the `Authorization: Bearer` header.
#[utoipa::path(post, path = "/api/v1/auth/login", request_body = LoginIn,
    responses((status = 200, body = TokenOut), (status = 401, body = crate::error::ErrorBody), (status = 429, body = crate::error::ErrorBody)))]
pub(crate) async fn api_login(
    State(st): State<AppState>,
    caller: Caller,
    ApiJson(body): ApiJson<LoginIn>,
) -> Result<Response, ApiError> {
    match st
        .store
        .login(&body.username, &body.password, &ip_of(&caller), "api", None)
        .await?
    {
        Ok(new) => Ok(Json(TokenOut::from(new)).into_response()),
        Err(r) => {
            let retry = retry_after(&r);
            let mut resp = ApiError(refused(r)).into_response();
            if let Some(v) = retry {
                resp.headers_mut().insert(header::RETRY_AFTER, v);
            }
            Ok(resp)
        }
    }
}

fn signed_in(caller: &Caller) -> Result<(i64, i64), AppError> {
    check(&caller.viewer, Action::OwnAccount, Target::None)?;
    match (caller.user_id(), &caller.session) {
        (Some(u), Some(s)) => Ok((u, s.id)),
        _ => Err(AppError::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "Bạn cần đăng nhập",
        )),
    }
}

/// Ends the token of this request.
#[utoipa::path(post, path = "/api/v1/auth/logout", responses((status = 204), (status = 401, body = crate::error::ErrorBody)))]
pub(crate) async fn api_logout(
    State(st): State<AppState>,
    caller: Caller,
) -> ApiResult<StatusCode> {
    let (user, session) = signed_in(&caller)?;
    st.store
        .revoke_session(&caller.actor(), user, session)
        .await?;
    st.sessions.clear();
    Ok(StatusCode::NO_CONTENT)
}

/// The account of this token.
#[utoipa::path(get, path = "/api/v1/auth/me", responses((status = 200, body = UserOut), (status = 401, body = crate::error::ErrorBody)))]
pub(crate) async fn api_me(State(st): State<AppState>, caller: Caller) -> ApiResult<Json<UserOut>> {
    let (user, _) = signed_in(&caller)?;
    let info = st
        .store
        .user_info(user)
        .await?
        .ok_or_else(|| AppError::not_found("tài khoản"))?;
    Ok(Json(info.into()))
}

/// Changes one's own password; every other session and token of the account ends.
#[utoipa::path(post, path = "/api/v1/auth/password", request_body = PasswordIn,
    responses((status = 204), (status = 401, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub(crate) async fn api_change_password(
    State(st): State<AppState>,
    caller: Caller,
    ApiJson(body): ApiJson<PasswordIn>,
) -> ApiResult<StatusCode> {
    let (user, session) = signed_in(&caller)?;
    st.store
        .set_password(
            &caller.actor(),
            user,
            Some(&body.current_password),
            &body.new_password,
            Some(session),
        )
        .await?;
    st.sessions.clear();
    Ok(StatusCode::NO_CONTENT)
}

/// One's own open sessions and API tokens.
#[utoipa::path(get, path = "/api/v1/tokens", responses((status = 200, body = List<SessionOut>), (status = 401, body = crate::error::ErrorBody)))]
pub(crate) async fn api_tokens(
    State(st): State<AppState>,
    caller: Caller,
) -> ApiResult<Json<List<SessionOut>>> {
    let (user, _) = signed_in(&caller)?;
    Ok(Json(List::<SessionOut>::all(
        st.store.sessions_of(user).await?,
    )))
}

/// Issues a named API token for one's own account; its secret is shown only in this answer.
#[utoipa::path(post, path = "/api/v1/tokens", request_body = TokenIn,
    responses((status = 201, body = TokenOut), (status = 401, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub(crate) async fn api_create_token(
    State(st): State<AppState>,
    caller: Caller,
    ApiJson(body): ApiJson<TokenIn>,
) -> ApiResult<(StatusCode, Json<TokenOut>)> {
    let (user, _) = signed_in(&caller)?;
    let new = st
        .store
        .create_token(&caller.actor(), user, &body.label, body.days)
        .await?;
    Ok((StatusCode::CREATED, Json(new.into())))
}

/// Revokes one of one's own sessions or tokens.
#[utoipa::path(delete, path = "/api/v1/tokens/{id}", responses((status = 204), (status = 401, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody)))]
pub(crate) async fn api_revoke_token(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    let (user, _) = signed_in(&caller)?;
    let id = parse_id(&id, "phiên đăng nhập")?;
    st.store.revoke_session(&caller.actor(), user, id).await?;
    st.sessions.clear();
    Ok(StatusCode::NO_CONTENT)
}

// ---- pages ----

#[derive(Deserialize, Default)]
struct LoginForm {
    #[serde(default)]
    username: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: String,
}

fn login_form(
    st: &AppState,
    caller: &Caller,
    username: &str,
    next: &str,
    error: Option<&str>,
    status: StatusCode,
) -> PageResult {
    let body = page(
        st,
        caller,
        "login.html",
        context! { title => "Đăng nhập", username, next, error },
    )?;
    Ok((status, Html(body)).into_response())
}

async fn login_page(State(st): State<AppState>, caller: Caller, params: Params) -> PageResult {
    let next = safe_next(params.text("next").as_deref());
    login_form(&st, &caller, "", &next, None, StatusCode::OK)
}

async fn login_submit(
    State(st): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    Form(form): Form<LoginForm>,
) -> PageResult {
    let next = safe_next(Some(&form.next));
    let agent = headers
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .map(browser_label);
    match st
        .store
        .login(
            &form.username,
            &form.password,
            &ip_of(&caller),
            "web",
            agent.as_deref(),
        )
        .await?
    {
        Ok(new) => {
            let mut resp = Redirect::to(&next).into_response();
            let age = (new.session.expires_at - chrono::Utc::now()).num_seconds();
            resp.headers_mut().append(
                header::SET_COOKIE,
                set_cookie(SESSION_COOKIE, &new.token, Some(age), caller.https),
            );
            Ok(resp)
        }
        Err(r) => {
            let status = refused(r.clone()).status;
            let mut resp = login_form(
                &st,
                &caller,
                &form.username,
                &next,
                Some(&r.message()),
                status,
            )?;
            if let Some(v) = retry_after(&r) {
                resp.headers_mut().insert(header::RETRY_AFTER, v);
            }
            Ok(resp)
        }
    }
}

/// A short name of the browser for the list of sessions.
fn browser_label(agent: &str) -> String {
    let browser = ["Edg/", "Firefox/", "Chrome/", "Safari/"]
        .iter()
        .find(|b| agent.contains(*b))
        .map(|b| b.trim_end_matches('/'))
        .unwrap_or("Trình duyệt");
    let os = ["Windows", "Android", "iPhone", "Mac OS", "Linux"]
        .iter()
        .find(|o| agent.contains(*o))
        .copied()
        .unwrap_or("");
    format!("{browser} {os}").trim().replace("Edg", "Edge")
}

async fn logout_submit(State(st): State<AppState>, caller: Caller) -> PageResult {
    if let (Some(user), Some(session)) = (caller.user_id(), &caller.session) {
        st.store
            .revoke_session(&caller.actor(), user, session.id)
            .await?;
        st.sessions.clear();
    }
    let mut resp = Redirect::to("/").into_response();
    resp.headers_mut().append(
        header::SET_COOKIE,
        set_cookie(SESSION_COOKIE, "", Some(0), caller.https),
    );
    Ok(resp)
}

async fn account_view(
    st: &AppState,
    caller: &Caller,
    extra: minijinja::Value,
    status: StatusCode,
) -> PageResult {
    let (user, session) = signed_in(caller)?;
    let info = st
        .store
        .user_info(user)
        .await?
        .ok_or_else(|| AppError::not_found("tài khoản"))?;
    let sessions = st.store.sessions_of(user).await?;
    let roles: Vec<&str> = info.roles.iter().map(|r| r.label()).collect();
    let body = page(
        st,
        caller,
        "account.html",
        context! { title => "Tài khoản của tôi", nav => "account", info, roles, sessions, current => session, ..extra },
    )?;
    Ok((status, Html(body)).into_response())
}

/// The account page again with what was wrong, field by field (422).
async fn account_errors(
    st: &AppState,
    caller: &Caller,
    errors: std::collections::BTreeMap<String, String>,
) -> PageResult {
    account_view(
        st,
        caller,
        context! { errors },
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await
}

async fn account_page(State(st): State<AppState>, caller: Caller, params: Params) -> PageResult {
    let notice = params.text("da_luu").map(|_| "Đã lưu thay đổi");
    account_view(&st, &caller, context! { notice }, StatusCode::OK).await
}

#[derive(Deserialize)]
struct PasswordForm {
    #[serde(default)]
    current_password: String,
    #[serde(default)]
    new_password: String,
    #[serde(default)]
    confirm_password: String,
}

async fn change_password_submit(
    State(st): State<AppState>,
    caller: Caller,
    Form(form): Form<PasswordForm>,
) -> PageResult {
    let (user, session) = signed_in(&caller)?;
    if form.new_password != form.confirm_password {
        let mut errors = std::collections::BTreeMap::new();
        errors.insert(
            "confirm_password".to_owned(),
            "Hai lần nhập mật khẩu mới không khớp".to_owned(),
        );
        return account_errors(&st, &caller, errors).await;
    }
    match st
        .store
        .set_password(
            &caller.actor(),
            user,
            Some(&form.current_password),
            &form.new_password,
            Some(session),
        )
        .await
    {
        Ok(()) => {
            st.sessions.clear();
            Ok(Redirect::to("/tai-khoan?da_luu=1").into_response())
        }
        Err(thidua_store::StoreError::Invalid(e)) => account_errors(&st, &caller, e.fields).await,
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
struct TokenForm {
    #[serde(default)]
    label: String,
    #[serde(default)]
    days: String,
}

async fn create_token_submit(
    State(st): State<AppState>,
    caller: Caller,
    Form(form): Form<TokenForm>,
) -> PageResult {
    let (user, _) = signed_in(&caller)?;
    let days = form.days.trim().parse::<i64>().unwrap_or(0);
    match st
        .store
        .create_token(&caller.actor(), user, &form.label, days)
        .await
    {
        // The secret is shown on this page once and never again.
        Ok(new) => {
            let token = new.token;
            account_view(
                &st,
                &caller,
                context! { new_token => token },
                StatusCode::OK,
            )
            .await
        }
        Err(thidua_store::StoreError::Invalid(e)) => account_errors(&st, &caller, e.fields).await,
        Err(e) => Err(e.into()),
    }
}

async fn revoke_submit(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> PageResult {
    let (user, current) = signed_in(&caller)?;
    let id = parse_id(&id, "phiên đăng nhập")?;
    st.store.revoke_session(&caller.actor(), user, id).await?;
    st.sessions.clear();
    if id == current {
        let mut resp = Redirect::to("/").into_response();
        resp.headers_mut().append(
            header::SET_COOKIE,
            set_cookie(SESSION_COOKIE, "", Some(0), caller.https),
        );
        return Ok(resp);
    }
    Ok(Redirect::to("/tai-khoan?da_luu=1").into_response())
}
