//! A test application: a fresh database on the engine the environment names, the router in process.

#![allow(dead_code)]

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use std::sync::Arc;
use thidua_domain::access::Role;
use thidua_domain::directory::{PersonInput, UnitInput};
use thidua_store::testing::TestDb;
use thidua_store::Actor;
use tower::ServiceExt;

/// A test application. Requests carry the session of `login` (a bearer token on the API, the cookie and
/// the CSRF token on pages); `TestApp::new` signs in as an administrator.
#[derive(Clone)]
pub struct TestApp {
    pub db: Arc<TestDb>,
    pub router: Router,
    pub login: Option<Login>,
}

#[derive(Clone, Debug)]
pub struct Login {
    pub username: String,
    pub token: String,
    pub csrf: String,
}

/// The password of accounts that tests make.
pub const PASSWORD: &str = "mat-khau-thu-2024";

pub struct Answer {
    pub headers: axum::http::HeaderMap,
    pub status: StatusCode,
    pub content_type: String,
    pub body: String,
}

impl Answer {
    /// Where a redirect points.
    pub fn location(&self) -> &str {
        self.headers
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
}

impl TestApp {
    /// A fresh application, signed in as an administrator.
    pub async fn new() -> TestApp {
        let app = Self::anonymous_app().await;
        app.add_user("quantri", &[Role::Admin], None, None).await;
        app.as_user("quantri").await
    }

    /// A fresh application nobody is signed in to.
    pub async fn anonymous_app() -> TestApp {
        // Guessing tests must not wait for the real delays.
        Self::with_limits(thidua_store::accounts::LoginLimits {
            base_delay: std::time::Duration::from_millis(1),
            max_delay: std::time::Duration::from_millis(5),
            ..Default::default()
        })
        .await
    }

    /// A fresh application with these limits on guessing passwords.
    pub async fn with_limits(limits: thidua_store::accounts::LoginLimits) -> TestApp {
        let mut db = TestDb::new().await;
        db.store.set_login_limits(limits);
        let state = thidua_web::AppState::new(db.store.clone()).await.unwrap();
        TestApp {
            router: thidua_web::router(state),
            db: Arc::new(db),
            login: None,
        }
    }

    /// Creates an account with the test password.
    pub async fn add_user(
        &self,
        username: &str,
        roles: &[Role],
        unit_id: Option<i64>,
        person_id: Option<i64>,
    ) -> i64 {
        self.db
            .store
            .create_user(
                &Actor::system("test"),
                thidua_store::accounts::NewUser {
                    username: username.into(),
                    display_name: username.into(),
                    password: PASSWORD.into(),
                    roles: roles.to_vec(),
                    unit_id,
                    person_id,
                },
            )
            .await
            .unwrap()
            .user
            .id
    }

    /// The same application, signed in as `username` (test password or the demo password).
    pub async fn as_user(&self, username: &str) -> TestApp {
        let mut new = None;
        for pw in [PASSWORD, thidua_store::accounts::DEMO_PASSWORD] {
            if let Ok(n) = self
                .db
                .store
                .login(username, pw, "192.0.2.1", "web", None)
                .await
                .unwrap()
            {
                new = Some(n);
                break;
            }
        }
        let new = new.unwrap_or_else(|| panic!("{username} cannot log in"));
        TestApp {
            login: Some(Login {
                username: username.into(),
                token: new.token,
                csrf: new.session.csrf,
            }),
            ..self.clone()
        }
    }

    /// The same application, signed out.
    pub fn anonymous(&self) -> TestApp {
        TestApp {
            login: None,
            ..self.clone()
        }
    }

    /// With a small directory: a city, a ward, and three people in the ward.
    pub async fn with_directory() -> (TestApp, i64, Vec<i64>) {
        let app = TestApp::new().await;
        let actor = Actor::system("test");
        let city = UnitInput {
            code: "UBND-TP".into(),
            name: "UBND thành phố Lào Cai".into(),
            kind: "peoples_committee".into(),
            parent_id: None,
        };
        let city = app
            .db
            .store
            .create_unit(&actor, city.validate().unwrap())
            .await
            .unwrap();
        let ward = UnitInput {
            code: "P-KIM-TAN".into(),
            name: "Phường Kim Tân".into(),
            kind: "ward_commune".into(),
            parent_id: Some(city.id),
        };
        let ward = app
            .db
            .store
            .create_unit(&actor, ward.validate().unwrap())
            .await
            .unwrap();
        let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        let mut ids = Vec::new();
        for name in ["Nguyễn Văn Đức", "Lê Thị Bình", "Trần Văn An"] {
            let p = PersonInput {
                full_name: name.into(),
                unit_id: ward.id,
                category: "cong_chuc".into(),
                ..Default::default()
            };
            ids.push(
                app.db
                    .store
                    .create_person(&actor, p.validate(today).unwrap(), today)
                    .await
                    .unwrap()
                    .id,
            );
        }
        (app, ward.id, ids)
    }

    /// Sends a request as it is, without adding the session.
    pub async fn send_raw(&self, req: Request<Body>) -> Answer {
        let res = self.router.clone().oneshot(req).await.unwrap();
        let status = res.status();
        let content_type = res
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned();
        let headers = res.headers().clone();
        let bytes = res.into_body().collect().await.unwrap().to_bytes();
        Answer {
            headers,
            status,
            content_type,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    /// Sends a request with the session: a bearer token for the API, the cookie for pages.
    pub async fn send(&self, mut req: Request<Body>) -> Answer {
        if let Some(l) = &self.login {
            let api = req.uri().path().starts_with("/api/");
            let h = req.headers_mut();
            if api {
                h.insert(
                    header::AUTHORIZATION,
                    format!("Bearer {}", l.token).parse().unwrap(),
                );
            } else {
                h.insert(
                    header::COOKIE,
                    format!("thidua_session={}", l.token).parse().unwrap(),
                );
            }
        }
        self.send_raw(req).await
    }

    pub async fn get(&self, uri: &str) -> Answer {
        self.send(Request::get(uri).body(Body::empty()).unwrap())
            .await
    }

    pub async fn send_json(&self, method: &str, uri: &str, body: &str) -> Answer {
        let req = Request::builder()
            .method(method)
            .uri(uri)
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body.to_owned()))
            .unwrap();
        self.send(req).await
    }

    /// Posts a form with the session's CSRF token added.
    pub async fn post_form(&self, uri: &str, form: &[(&str, &str)]) -> Answer {
        let mut fields: Vec<(&str, &str)> = form.to_vec();
        if let Some(l) = &self.login {
            fields.push(("_csrf", l.csrf.as_str()));
        }
        let body = serde_urlencoded::to_string(&fields).unwrap();
        let req = Request::post(uri)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(body))
            .unwrap();
        self.send(req).await
    }
}

/// A multipart body of text `fields` and `files` (form field, file name, bytes): (content type, body).
pub fn multipart_body(fields: &[(&str, &str)], files: &[(&str, &str, &[u8])]) -> (String, Vec<u8>) {
    let boundary = "----thidua-test-boundary-7MA4YWxkTrZu0gW";
    let mut body: Vec<u8> = Vec::new();
    for (k, v) in fields {
        body.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n")
                .as_bytes(),
        );
    }
    for (k, name, bytes) in files {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

impl TestApp {
    /// Posts a multipart form with the CSRF token in the address, as the pages do (the API's
    /// token callers ignore it).
    pub async fn post_multipart(
        &self,
        uri: &str,
        fields: &[(&str, &str)],
        files: &[(&str, &str, &[u8])],
    ) -> Answer {
        let (content_type, body) = multipart_body(fields, files);
        let csrf = self
            .login
            .as_ref()
            .map(|l| l.csrf.clone())
            .unwrap_or_default();
        let sep = if uri.contains('?') { '&' } else { '?' };
        let req = Request::post(format!("{uri}{sep}_csrf={csrf}"))
            .header(header::CONTENT_TYPE, content_type)
            .body(Body::from(body))
            .unwrap();
        self.send(req).await
    }
}
