//! A test application: a fresh database on the engine the environment names, the router in process.

#![allow(dead_code)]

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use thidua_domain::directory::{PersonInput, UnitInput};
use thidua_store::testing::TestDb;
use thidua_store::Actor;
use tower::ServiceExt;

pub struct TestApp {
    pub db: TestDb,
    pub router: Router,
}

pub struct Answer {
    pub status: StatusCode,
    pub content_type: String,
    pub body: String,
}

impl Answer {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
}

impl TestApp {
    pub async fn new() -> TestApp {
        let db = TestDb::new().await;
        let state = thidua_web::AppState::new(db.store.clone()).await.unwrap();
        TestApp {
            router: thidua_web::router(state),
            db,
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

    pub async fn send(&self, req: Request<Body>) -> Answer {
        let res = self.router.clone().oneshot(req).await.unwrap();
        let status = res.status();
        let content_type = res
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned();
        let bytes = res.into_body().collect().await.unwrap().to_bytes();
        Answer {
            status,
            content_type,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        }
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

    pub async fn post_form(&self, uri: &str, form: &[(&str, &str)]) -> Answer {
        let body = serde_urlencoded::to_string(form).unwrap();
        let req = Request::post(uri)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(body))
            .unwrap();
        self.send(req).await
    }
}
