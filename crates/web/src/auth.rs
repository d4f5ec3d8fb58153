//! Who is calling: one middleware resolves every request's viewer once (a session cookie on the
//! pages, a bearer token on the API), checks the CSRF token of every state-changing form, and turns a
//! page's "log in first" into a redirect to the log-in page.
//!
//! Sessions live in the database so that several server processes share them; each process keeps
//! what it looked up for [`CACHE_SECONDS`], so that checking a token costs no query on most requests.
//! When that time is up, one request looks the session up again while the others keep the previous
//! answer meanwhile (never for more than twice the time). A session ended in this process ends here
//! at once (the cache is cleared); one ended by another process stops working here within twice
//! [`CACHE_SECONDS`].

use crate::error::{ApiError, AppError, PageError};
use crate::AppState;
use axum::body::Body;
use axum::extract::{ConnectInfo, FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use thidua_domain::access::Viewer;
use thidua_store::accounts::Authenticated;
use thidua_store::Actor;

/// The cookie of a page session.
pub const SESSION_COOKIE: &str = "thidua_session";
/// The cookie that carries the CSRF token of forms shown before logging in (double submit).
pub const CSRF_COOKIE: &str = "thidua_csrf";
/// The form field (or `X-CSRF-Token` header) that carries the CSRF token.
pub const CSRF_FIELD: &str = "_csrf";
/// How long a process trusts what it looked up about a session.
pub const CACHE_SECONDS: u64 = 2;

/// The viewer of a request, where it came from, and its session.
#[derive(Clone, Debug, Default)]
pub struct Caller {
    pub viewer: Viewer,
    pub ip: Option<String>,
    pub session: Option<SessionRef>,
    /// The CSRF token the forms of this response carry.
    pub csrf: String,
    /// The request came over HTTPS (cookies get `Secure`).
    pub https: bool,
}

/// The session or token behind a request.
#[derive(Clone, Debug)]
pub struct SessionRef {
    pub id: i64,
    pub kind: String,
}

impl Caller {
    /// The audit log's actor for a change made by this caller.
    pub fn actor(&self) -> Actor {
        Actor::web(self.viewer.audit_name(), self.ip.clone())
    }

    /// The signed-in user's id.
    pub fn user_id(&self) -> Option<i64> {
        self.viewer.principal().map(|p| p.user_id)
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Caller {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(parts
            .extensions
            .get::<Caller>()
            .cloned()
            .unwrap_or_default())
    }
}

/// What this process remembers of one session: when it was looked up, what was found, and whether a
/// request is looking it up again right now.
#[derive(Clone)]
struct Looked {
    at: Instant,
    found: Option<Arc<Authenticated>>,
    refreshing: bool,
}

/// What this process remembers of sessions it looked up.
#[derive(Default)]
pub struct SessionCache {
    entries: Mutex<HashMap<String, Looked>>,
}

impl SessionCache {
    async fn lookup(
        &self,
        store: &thidua_store::Store,
        token: &str,
    ) -> Result<Option<Arc<Authenticated>>, AppError> {
        let ttl = Duration::from_secs(CACHE_SECONDS);
        let now = Instant::now();
        let still_valid = |l: &Looked| {
            l.found
                .as_ref()
                .is_none_or(|a| a.expires_at > chrono::Utc::now())
        };
        {
            let Ok(mut m) = self.entries.lock() else {
                return Err(AppError::internal());
            };
            if let Some(l) = m.get_mut(token) {
                let age = now.duration_since(l.at);
                if age < ttl && still_valid(l) {
                    return Ok(l.found.clone());
                }
                // One request looks the session up again; the others meanwhile keep the answer a
                // little longer (never more than twice the cache time).
                if l.refreshing && age < 2 * ttl && still_valid(l) {
                    return Ok(l.found.clone());
                }
                l.refreshing = true;
            }
        }
        let found = match store.authenticate(token).await {
            Ok(f) => f.map(Arc::new),
            Err(e) => {
                if let Ok(mut m) = self.entries.lock() {
                    m.remove(token);
                }
                return Err(e.into());
            }
        };
        if let Ok(mut m) = self.entries.lock() {
            if m.len() > 10_000 {
                m.clear();
            }
            m.insert(
                token.to_owned(),
                Looked {
                    at: Instant::now(),
                    found: found.clone(),
                    refreshing: false,
                },
            );
        }
        Ok(found)
    }

    /// Forgets everything: called after a session ends, an account is locked or a password changes.
    pub fn clear(&self) {
        if let Ok(mut m) = self.entries.lock() {
            m.clear();
        }
    }
}

/// The client's address: the socket's, unless the socket is a trusted proxy, in which case the last
/// address of `X-Forwarded-For` that is not itself a trusted proxy.
pub fn client_ip(
    socket: Option<IpAddr>,
    headers: &HeaderMap,
    trusted: &[IpAddr],
) -> Option<IpAddr> {
    let socket = socket?;
    if !trusted.contains(&socket) {
        return Some(socket);
    }
    let forwarded = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|a| a.trim().parse::<IpAddr>().ok())
        .collect::<Vec<_>>();
    Some(
        forwarded
            .into_iter()
            .rev()
            .find(|a| !trusted.contains(a))
            .unwrap_or(socket),
    )
}

/// A cookie's value from the request.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
        .filter(|v| !v.is_empty())
}

/// A `Set-Cookie` value: HttpOnly, SameSite=Lax, whole site; `Secure` over HTTPS; `max_age` 0 deletes.
pub fn set_cookie(name: &str, value: &str, max_age: Option<i64>, https: bool) -> HeaderValue {
    let mut c = format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax");
    if let Some(age) = max_age {
        c.push_str(&format!("; Max-Age={age}"));
    }
    if https {
        c.push_str("; Secure");
    }
    HeaderValue::from_str(&c).unwrap_or_else(|_| HeaderValue::from_static(""))
}

fn is_api(path: &str) -> bool {
    path.starts_with("/api/")
}

/// Resolves the caller, enforces CSRF on forms, and sends pages that need a log-in to the log-in page.
pub async fn middleware(State(st): State<AppState>, req: Request, next: Next) -> Response {
    let (mut parts, body) = req.into_parts();
    let api = is_api(parts.uri.path());
    let socket = parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip());
    let ip = client_ip(socket, &parts.headers, &st.config.trusted_proxies);
    let from_proxy = socket.is_some_and(|s| st.config.trusted_proxies.contains(&s));
    let https = st.config.secure_cookies
        || (from_proxy
            && parts
                .headers
                .get("x-forwarded-proto")
                .and_then(|v| v.to_str().ok())
                .is_some_and(|v| v.eq_ignore_ascii_case("https")));
    let mut caller = Caller {
        ip: ip.map(|i| i.to_string()),
        https,
        ..Default::default()
    };

    // The API reads only bearer tokens and the pages only the session cookie: a cookie never
    // authorises an API call, so the API needs no CSRF token.
    let token = if api {
        parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .map(|v| {
                v.strip_prefix("Bearer ")
                    .or_else(|| v.strip_prefix("bearer "))
                    .unwrap_or("")
                    .trim()
                    .to_owned()
            })
    } else {
        cookie(&parts.headers, SESSION_COOKIE).map(str::to_owned)
    };
    let mut auth = None;
    if let Some(token) = token.filter(|t| !t.is_empty() && t.len() <= 200) {
        match st.sessions.lookup(&st.store, &token).await {
            Ok(found) => auth = found,
            Err(e) => return error_response(api, e),
        }
    }
    let presented_bad_token = api && parts.headers.contains_key(header::AUTHORIZATION);
    match &auth {
        Some(a) => {
            caller.viewer = Viewer::User(a.principal.clone());
            caller.session = Some(SessionRef {
                id: a.session_id,
                kind: a.kind.clone(),
            });
            caller.csrf = a.csrf.clone();
        }
        None if presented_bad_token && parts.uri.path() != "/api/v1/auth/login" => {
            tracing::warn!(ip = ?caller.ip, path = %parts.uri.path(), "invalid or expired API token");
            return ApiError(AppError::new(
                StatusCode::UNAUTHORIZED,
                "unauthorized",
                "Mã truy cập không hợp lệ, đã hết hạn hoặc đã bị thu hồi; hãy đăng nhập lại",
            ))
            .into_response();
        }
        None => {}
    }

    // Forms shown before logging in carry the token of a cookie (double submit).
    let mut new_csrf_cookie = None;
    if !api && auth.is_none() {
        caller.csrf = match cookie(&parts.headers, CSRF_COOKIE) {
            Some(c) if c.len() >= 32 && c.len() <= 64 => c.to_owned(),
            _ => {
                let c = thidua_store::accounts::secret("");
                new_csrf_cookie = Some(c.clone());
                c
            }
        };
    }

    let mut body = body;
    let unsafe_method = !matches!(parts.method, Method::GET | Method::HEAD | Method::OPTIONS);
    if !api && unsafe_method {
        // Forms that upload files (multipart) may be larger, and carry their token in the address
        // of their action, since their body is not URL-encoded.
        let multipart = parts
            .headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("multipart/form-data"));
        let limit = if multipart {
            crate::MAX_UPLOAD_BYTES
        } else {
            crate::MAX_BODY_BYTES
        };
        let bytes = match axum::body::to_bytes(body, limit).await {
            Ok(b) => b,
            Err(_) => {
                return PageError(AppError::new(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    "validation",
                    format!(
                        "Nội dung gửi lên quá lớn (tối đa {} MB)",
                        limit / 1024 / 1024
                    ),
                ))
                .into_response();
            }
        };
        let from_query = || {
            parts.uri.query().and_then(|q| {
                serde_urlencoded::from_str::<Vec<(String, String)>>(q)
                    .ok()
                    .and_then(|f| f.into_iter().find(|(k, _)| k == CSRF_FIELD).map(|(_, v)| v))
            })
        };
        let presented = parts
            .headers
            .get("x-csrf-token")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
            .or_else(|| if multipart { from_query() } else { None })
            .or_else(|| {
                serde_urlencoded::from_bytes::<Vec<(String, String)>>(&bytes)
                    .ok()
                    .and_then(|f| f.into_iter().find(|(k, _)| k == CSRF_FIELD).map(|(_, v)| v))
            });
        let expected_known = new_csrf_cookie.is_none();
        if !expected_known
            || !presented.is_some_and(|p| constant_time_eq(p.as_bytes(), caller.csrf.as_bytes()))
        {
            tracing::warn!(ip = ?caller.ip, path = %parts.uri.path(), "missing or wrong CSRF token");
            let mut resp = PageError(AppError::new(
                StatusCode::FORBIDDEN,
                "forbidden",
                "Biểu mẫu đã hết hạn hoặc không hợp lệ (thiếu mã chống giả mạo). Hãy tải lại trang rồi gửi lại",
            ))
            .into_response();
            if let Some(c) = new_csrf_cookie {
                resp.headers_mut()
                    .append(header::SET_COOKIE, set_cookie(CSRF_COOKIE, &c, None, https));
            }
            return resp;
        }
        body = Body::from(bytes);
    }

    // Where a page asked to log in comes back to (the API never redirects).
    let path_and_query = if api {
        String::new()
    } else {
        parts
            .uri
            .path_and_query()
            .map(|p| p.as_str().to_owned())
            .unwrap_or_else(|| "/".into())
    };
    parts.extensions.insert(caller);
    let mut resp = next.run(Request::from_parts(parts, body)).await;
    if let Some(c) = new_csrf_cookie {
        resp.headers_mut()
            .append(header::SET_COOKIE, set_cookie(CSRF_COOKIE, &c, None, https));
    }
    if !api
        && resp.status() == StatusCode::UNAUTHORIZED
        && !path_and_query.starts_with("/dang-nhap")
    {
        let target = format!(
            "/dang-nhap?{}",
            serde_urlencoded::to_string([("next", path_and_query.as_str())]).unwrap_or_default()
        );
        let mut redirect = Redirect::to(&target).into_response();
        for c in resp.headers().get_all(header::SET_COOKIE) {
            redirect.headers_mut().append(header::SET_COOKIE, c.clone());
        }
        return redirect;
    }
    resp
}

fn error_response(api: bool, e: AppError) -> Response {
    if api {
        ApiError(e).into_response()
    } else {
        PageError(e).into_response()
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Where to go after logging in: only a path of this site.
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n) if n.starts_with('/') && !n.starts_with("//") && !n.contains('\\') => n.to_owned(),
        _ => "/".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_client_address_comes_from_the_socket_unless_a_trusted_proxy_says_otherwise() {
        let mut h = HeaderMap::new();
        h.insert("x-forwarded-for", "203.0.113.9, 10.0.0.2".parse().unwrap());
        let sock: IpAddr = "10.0.0.1".parse().unwrap();
        assert_eq!(client_ip(Some(sock), &h, &[]), Some(sock));
        let proxies: Vec<IpAddr> = vec!["10.0.0.1".parse().unwrap(), "10.0.0.2".parse().unwrap()];
        assert_eq!(
            client_ip(Some(sock), &h, &proxies),
            Some("203.0.113.9".parse().unwrap())
        );
    }

    #[test]
    fn only_local_paths_are_followed_after_logging_in() {
        assert_eq!(safe_next(Some("/nguoi?q=a")), "/nguoi?q=a");
        assert_eq!(safe_next(Some("//evil.example")), "/");
        assert_eq!(safe_next(Some("https://evil.example")), "/");
        assert_eq!(safe_next(None), "/");
    }
}
