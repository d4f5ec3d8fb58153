//! The permission matrix: every route of the application, pages and API, asked by every role of the
//! demo accounts (and the public), with the status each must get. A route that is not in this table
//! fails the test, so a new route cannot arrive without its rule.

mod common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::TestApp;
use std::collections::{BTreeMap, BTreeSet};
use thidua_domain::access::Role;
use thidua_store::Actor;

const ROLES: &[&str] = &[
    "anon", "admin", "noivu", "donvi1", "hoidong1", "ldld", "nld1", "lanhdao",
];

/// `"anon=303 *=200 nld1=403"`: a status for each role; `*` is every signed-in role not named.
fn expected(spec: &str) -> BTreeMap<&'static str, u16> {
    let mut default = None;
    let mut named = BTreeMap::new();
    for part in spec.split_whitespace() {
        let (who, status) = part.split_once('=').expect("role=status");
        let status: u16 = status.parse().expect("a status");
        if who == "*" {
            default = Some(status);
        } else {
            named.insert(who.to_owned(), status);
        }
    }
    ROLES
        .iter()
        .map(|r| {
            let s = named
                .get(*r)
                .copied()
                .or(if *r == "anon" { None } else { default });
            (
                *r,
                s.unwrap_or_else(|| panic!("no status for {r} in '{spec}'")),
            )
        })
        .collect()
}

enum Payload {
    None,
    Form(Vec<(String, String)>),
    Json(String),
}

struct Case {
    method: &'static str,
    pattern: &'static str,
    uri: String,
    payload: Payload,
    spec: &'static str,
    /// Ends the session it is sent with: each role gets a fresh one.
    fresh: bool,
}

fn case(
    method: &'static str,
    pattern: &'static str,
    uri: impl Into<String>,
    spec: &'static str,
) -> Case {
    Case {
        method,
        pattern,
        uri: uri.into(),
        payload: Payload::None,
        spec,
        fresh: false,
    }
}

fn form(mut c: Case, fields: &[(&str, &str)]) -> Case {
    c.payload = Payload::Form(
        fields
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
    );
    c
}

fn json(mut c: Case, body: String) -> Case {
    c.payload = Payload::Json(body);
    c
}

fn fresh(mut c: Case) -> Case {
    c.fresh = true;
    c
}

struct World {
    app: TestApp,
    logins: BTreeMap<&'static str, TestApp>,
}

impl World {
    async fn send(&self, role: &str, c: &Case) -> (StatusCode, String) {
        let app = if role == "anon" {
            self.app.anonymous()
        } else if c.fresh {
            self.app.as_user(role).await
        } else {
            self.logins[role].clone()
        };
        let mut req = Request::builder().method(c.method).uri(&c.uri);
        let body = match &c.payload {
            Payload::None => Body::empty(),
            Payload::Json(j) => {
                req = req.header(header::CONTENT_TYPE, "application/json");
                Body::from(j.clone())
            }
            Payload::Form(fields) => {
                let mut fields = fields.clone();
                // The public passes the CSRF check too (double submit), so that what is tested here
                // is the permission, not the token (tested on its own in `attacks`).
                let token = match &app.login {
                    Some(l) => l.csrf.clone(),
                    None => {
                        req = req.header(header::COOKIE, format!("thidua_csrf={}", "c".repeat(40)));
                        "c".repeat(40)
                    }
                };
                fields.push(("_csrf".into(), token));
                req = req.header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
                Body::from(serde_urlencoded::to_string(&fields).unwrap())
            }
        };
        let a = app.send(req.body(body).unwrap()).await;
        (a.status, a.body.chars().take(300).collect())
    }
}

#[tokio::test]
async fn every_role_on_every_route() {
    let base = TestApp::anonymous_app().await;
    let store = &base.db.store;
    store
        .load_sample(thidua_sample::Scale::City, 1, &|_, _| {})
        .await
        .unwrap();
    store.create_demo_accounts().await.unwrap();
    let donvi1 = store.user_by_name("donvi1").await.unwrap().unwrap();
    let donvi2 = store.user_by_name("donvi2").await.unwrap().unwrap();
    let nld1 = store.user_by_name("nld1").await.unwrap().unwrap();
    let (a, b) = (donvi1.user.unit_id.unwrap(), donvi2.user.unit_id.unwrap());
    let own = nld1.user.person_id.unwrap();
    let first_of = |unit: i64| async move {
        store
            .people_search(&thidua_store::directory::PeopleQuery {
                unit_id: Some(unit),
                page: 1,
                per_page: 5,
                ..Default::default()
            })
            .await
            .unwrap()
            .items
            .into_iter()
            .find(|p| p.id != own)
            .unwrap()
    };
    let pa = first_of(a).await;
    let pb = first_of(b).await;
    let closed = store
        .units_all()
        .await
        .unwrap()
        .into_iter()
        .find(|u| !u.active)
        .expect("the sample has a merged ward");
    let victim = store
        .create_user(
            &Actor::system("test"),
            thidua_store::accounts::NewUser {
                username: "nannhan".into(),
                display_name: "Tài khoản thử".into(),
                password: common::PASSWORD.into(),
                roles: vec![Role::CouncilMember],
                ..Default::default()
            },
        )
        .await
        .unwrap()
        .user
        .id;
    // Initiatives: the sample's, with the demo council of hoidong1..3 and its open round.
    thidua_store::sample_initiatives::load_sample_initiatives(store, thidua_sample::Scale::City, 1)
        .await
        .unwrap();
    let ini = Initiatives::new(store, a, pa.id, own).await;
    let mut logins = BTreeMap::new();
    for r in ROLES.iter().filter(|r| **r != "anon") {
        logins.insert(*r, base.as_user(r).await);
    }
    let world = World {
        app: base.clone(),
        logins,
    };

    let person_form = |unit: i64| -> Vec<(&'static str, String)> {
        vec![
            ("full_name", "Phạm Thị Thử".into()),
            ("unit_id", unit.to_string()),
            ("category", "cong_chuc".into()),
            ("staff_level", "worker".into()),
        ]
    };
    let owned = |v: Vec<(&'static str, String)>| -> Vec<(String, String)> {
        v.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
    };
    let person_json = |unit: i64| {
        format!(r#"{{"full_name": "Phạm Văn Thử", "unit_id": {unit}, "category": "cong_chuc"}}"#)
    };
    let edit_form = |p: &thidua_store::directory::PersonItem| -> Vec<(String, String)> {
        owned(vec![
            ("full_name", p.full_name.clone()),
            ("unit_id", p.unit_id.to_string()),
            ("category", p.category.clone()),
            ("staff_level", p.staff_level.clone()),
        ])
    };
    let with_form = |c: Case, f: Vec<(String, String)>| {
        let mut c = c;
        c.payload = Payload::Form(f);
        c
    };

    let signed_in_pages = "anon=303 *=200";
    let directory_pages = "anon=303 *=200 nld1=403";
    let admin_only_page = "anon=303 *=403 admin=200";
    let admin_only_api = "anon=401 *=403 admin=200";
    let people_editors_get = "anon=303 *=403 admin=200 noivu=200 donvi1=200";
    let mut cases = vec![
        // Pages anyone may open.
        case("GET", "/", "/", "anon=200 *=200"),
        case("GET", "/dang-nhap", "/dang-nhap", "anon=200 *=200"),
        form(case("POST", "/dang-nhap", "/dang-nhap", "anon=401 *=401"), &[("username", "khongco"), ("password", "sai-mat-khau-1")]),
        case("GET", "/static/{file}", "/static/app.css", "anon=200 *=200"),
        case("GET", "/favicon.ico", "/favicon.ico", "anon=200 *=200"),
        // One's own account.
        fresh(form(case("POST", "/dang-xuat", "/dang-xuat", "anon=303 *=303"), &[])),
        case("GET", "/tai-khoan", "/tai-khoan", signed_in_pages),
        form(
            case("POST", "/tai-khoan/mat-khau", "/tai-khoan/mat-khau", "anon=303 *=422"),
            &[("current_password", "khong-dung-123"), ("new_password", "mat-khau-moi-2025"), ("confirm_password", "mat-khau-moi-2025")],
        ),
        form(case("POST", "/tai-khoan/khoa-api", "/tai-khoan/khoa-api", "anon=303 *=422"), &[("label", ""), ("days", "30")]),
        form(case("POST", "/tai-khoan/phien/{id}/thu-hoi", "/tai-khoan/phien/999999/thu-hoi", "anon=303 *=404"), &[]),
        // The directory.
        case("GET", "/don-vi", "/don-vi", directory_pages),
        case("GET", "/don-vi/{id}", format!("/don-vi/{a}"), "anon=303 *=200 nld1=403"),
        case("GET", "/don-vi/{id}", format!("/don-vi/{b}"), "anon=303 *=200 donvi1=404 nld1=403"),
        case("GET", "/nguoi", "/nguoi", directory_pages),
        case("GET", "/nguoi/xuat.xlsx", "/nguoi/xuat.xlsx", directory_pages),
        case("GET", "/don-vi/xuat.xlsx", "/don-vi/xuat.xlsx?q=phuong", directory_pages),
        case("GET", "/nguoi/nhap", "/nguoi/nhap", people_editors_get),
        case("GET", "/nguoi/nhap/mau.xlsx", "/nguoi/nhap/mau.xlsx", people_editors_get),
        // Not a multipart body: refused (400) after the permission says yes.
        form(case("POST", "/nguoi/nhap", "/nguoi/nhap", "anon=303 *=403 admin=400 noivu=400 donvi1=400"), &[]),
        form(case("POST", "/nguoi/nhap/xac-nhan", "/nguoi/nhap/xac-nhan", "anon=303 *=403 admin=400 noivu=400 donvi1=400"), &[("tep", "khong-phai-ma-tep")]),
        case("GET", "/nguoi/moi", "/nguoi/moi", people_editors_get),
        with_form(case("POST", "/nguoi/moi", "/nguoi/moi", "anon=303 *=403 admin=303 noivu=303 donvi1=303"), owned(person_form(a))),
        with_form(case("POST", "/nguoi/moi", "/nguoi/moi", "anon=303 *=403 admin=303 noivu=303 donvi1=404"), owned(person_form(b))),
        case("GET", "/nguoi/{id}", format!("/nguoi/{}", pa.id), "anon=303 *=200 nld1=404"),
        case("GET", "/nguoi/{id}", format!("/nguoi/{}", pb.id), "anon=303 *=200 donvi1=404 nld1=404"),
        case("GET", "/nguoi/{id}", format!("/nguoi/{own}"), "anon=303 *=200"),
        case("GET", "/nguoi/{id}/sua", format!("/nguoi/{}/sua", pa.id), "anon=303 *=403 admin=200 noivu=200 donvi1=200 nld1=404"),
        case("GET", "/nguoi/{id}/sua", format!("/nguoi/{}/sua", pb.id), "anon=303 *=403 admin=200 noivu=200 donvi1=404 nld1=404"),
        case("GET", "/nguoi/{id}/sua", format!("/nguoi/{own}/sua"), "anon=303 *=403 admin=200 noivu=200 donvi1=200"),
        with_form(case("POST", "/nguoi/{id}/sua", format!("/nguoi/{}/sua", pa.id), "anon=303 *=403 admin=303 noivu=303 donvi1=303 nld1=404"), edit_form(&pa)),
        with_form(case("POST", "/nguoi/{id}/sua", format!("/nguoi/{}/sua", pb.id), "anon=303 *=403 admin=303 noivu=303 donvi1=404 nld1=404"), edit_form(&pb)),
        case("GET", "/xet-dieu-kien", "/xet-dieu-kien", directory_pages),
        // Administration.
        case("GET", "/quan-tri/nguoi-dung", "/quan-tri/nguoi-dung", admin_only_page),
        case("GET", "/quan-tri/nguoi-dung/moi", "/quan-tri/nguoi-dung/moi", admin_only_page),
        form(case("POST", "/quan-tri/nguoi-dung/moi", "/quan-tri/nguoi-dung/moi", "anon=303 *=403 admin=422"), &[("username", "X"), ("roles", "worker")]),
        case("GET", "/quan-tri/nguoi-dung/{id}", format!("/quan-tri/nguoi-dung/{victim}"), admin_only_page),
        form(case("POST", "/quan-tri/nguoi-dung/{id}", format!("/quan-tri/nguoi-dung/{victim}"), "anon=303 *=403 admin=303"), &[("display_name", "Tài khoản thử"), ("roles", "council_member")]),
        form(case("POST", "/quan-tri/nguoi-dung/{id}/mat-khau", format!("/quan-tri/nguoi-dung/{victim}/mat-khau"), "anon=303 *=403 admin=422"), &[("new_password", "ngan")]),
        form(case("POST", "/quan-tri/nguoi-dung/{id}/phien/{sid}/thu-hoi", format!("/quan-tri/nguoi-dung/{victim}/phien/999999/thu-hoi"), "anon=303 *=403 admin=404"), &[]),
        case("GET", "/quan-tri/nhat-ky", "/quan-tri/nhat-ky", admin_only_page),
        case("GET", "/quan-tri/nhat-ky/xuat.xlsx", "/quan-tri/nhat-ky/xuat.xlsx?entity=unit", admin_only_page),
        // The API.
        case("GET", "/healthz", "/healthz", "anon=200 *=200"),
        case("GET", "/api/v1/openapi.json", "/api/v1/openapi.json", "anon=200 *=200"),
        json(case("POST", "/api/v1/auth/login", "/api/v1/auth/login", "anon=401 *=401"), r#"{"username": "khongco-api", "password": "sai-mat-khau-1"}"#.into()),
        fresh(case("POST", "/api/v1/auth/logout", "/api/v1/auth/logout", "anon=401 *=204")),
        case("GET", "/api/v1/auth/me", "/api/v1/auth/me", "anon=401 *=200"),
        json(case("POST", "/api/v1/auth/password", "/api/v1/auth/password", "anon=401 *=422"), r#"{"current_password": "khong-dung-123", "new_password": "mat-khau-moi-2025"}"#.into()),
        case("GET", "/api/v1/tokens", "/api/v1/tokens", "anon=401 *=200"),
        json(case("POST", "/api/v1/tokens", "/api/v1/tokens", "anon=401 *=201"), r#"{"label": "báo cáo", "days": 7}"#.into()),
        case("DELETE", "/api/v1/tokens/{id}", "/api/v1/tokens/999999", "anon=401 *=404"),
        case("GET", "/api/v1/units", "/api/v1/units", "anon=401 *=200 nld1=403"),
        json(case("POST", "/api/v1/units", "/api/v1/units", "anon=401 *=403 admin=409 noivu=409"), r#"{"code": "PNV", "name": "Trùng mã", "kind": "specialised_office"}"#.into()),
        case("GET", "/api/v1/units/{id}", format!("/api/v1/units/{a}"), "anon=401 *=200 nld1=403"),
        case("GET", "/api/v1/units/{id}", format!("/api/v1/units/{b}"), "anon=401 *=200 donvi1=404 nld1=403"),
        json(case("PUT", "/api/v1/units/{id}", format!("/api/v1/units/{a}"), "anon=401 *=403 admin=409 noivu=409 nld1=404"), r#"{"code": "X-THU", "name": "Phường Thử", "kind": "ward_commune", "version": 999}"#.into()),
        json(case("PUT", "/api/v1/units/{id}", format!("/api/v1/units/{}", closed.id), "anon=401 *=403 donvi1=404 nld1=404"), r#"{"code": "X-THU", "name": "Phường Thử", "kind": "ward_commune"}"#.into()),
        json(case("POST", "/api/v1/units/{id}/merge", format!("/api/v1/units/{a}/merge"), "anon=401 *=403 admin=422 noivu=422 nld1=404"), format!(r#"{{"into_id": {a}, "on": "2025-07-01"}}"#)),
        case("GET", "/api/v1/groups", "/api/v1/groups", "anon=401 *=200 nld1=403"),
        case("GET", "/api/v1/people", "/api/v1/people", "anon=401 *=200 nld1=403"),
        json(case("POST", "/api/v1/people", "/api/v1/people", "anon=401 *=403 admin=201 noivu=201 donvi1=201"), person_json(a)),
        json(case("POST", "/api/v1/people", "/api/v1/people", "anon=401 *=403 admin=201 noivu=201 donvi1=404"), person_json(b)),
        case("GET", "/api/v1/people/{id}", format!("/api/v1/people/{}", pa.id), "anon=401 *=200 nld1=404"),
        case("GET", "/api/v1/people/{id}", format!("/api/v1/people/{}", pb.id), "anon=401 *=200 donvi1=404 nld1=404"),
        case("GET", "/api/v1/people/{id}", format!("/api/v1/people/{own}"), "anon=401 *=200"),
        json(case("PUT", "/api/v1/people/{id}", format!("/api/v1/people/{}", pa.id), "anon=401 *=403 admin=409 noivu=409 donvi1=409 nld1=404"), format!(r#"{{"full_name": "Tên Mới", "unit_id": {a}, "category": "cong_chuc", "version": 999}}"#)),
        json(case("PUT", "/api/v1/people/{id}", format!("/api/v1/people/{}", pb.id), "anon=401 *=403 admin=409 noivu=409 donvi1=404 nld1=404"), format!(r#"{{"full_name": "Tên Mới", "unit_id": {b}, "category": "cong_chuc", "version": 999}}"#)),
        case("GET", "/api/v1/audit", "/api/v1/audit", admin_only_api),
        json(case("POST", "/api/v1/eligibility/check", "/api/v1/eligibility/check", "anon=401 *=200 nld1=403"), r#"{"subject": "individual", "title": "lao_dong_tien_tien", "year": 2024, "decision_date": "2025-01-15", "history": [{"year": 2024, "rating": "hoan_thanh"}], "discipline_pending": false, "disciplined": null}"#.into()),
        case("GET", "/api/v1/rules/tables", "/api/v1/rules/tables", "anon=401 *=200 nld1=403"),
        case("GET", "/api/v1/rules/versions", "/api/v1/rules/versions", "anon=401 *=200 nld1=403"),
        json(case("POST", "/api/v1/rules/tables", "/api/v1/rules/tables", "anon=401 *=403 admin=422"), r#"{"version": 99, "label": "thiếu bảng"}"#.into()),
        case("GET", "/api/v1/users", "/api/v1/users", admin_only_api),
        json(case("POST", "/api/v1/users", "/api/v1/users", "anon=401 *=403 admin=422"), r#"{"username": "X", "display_name": "", "password": "", "roles": ["worker"]}"#.into()),
        case("GET", "/api/v1/users/{id}", format!("/api/v1/users/{victim}"), admin_only_api),
        json(case("PUT", "/api/v1/users/{id}", format!("/api/v1/users/{victim}"), admin_only_api), r#"{"display_name": "Tài khoản thử", "roles": ["council_member"]}"#.into()),
        json(case("POST", "/api/v1/users/{id}/password", format!("/api/v1/users/{victim}/password"), "anon=401 *=403 admin=422"), r#"{"new_password": "ngan"}"#.into()),
        case("GET", "/api/v1/users/{id}/sessions", format!("/api/v1/users/{victim}/sessions"), admin_only_api),
    ];

    cases.extend(api_work_cases(&work_world(store, a, b).await));

    // Movements and directives (pages).
    cases.extend(movement_page_cases(&movement_world(store, a).await, a));
    cases.extend(initiative_cases(&ini, a));
    // Their pages, after the API's cases: the round is closed by then.
    cases.extend(initiative_page_cases(&ini, a));
    let commendation = CommendationWorld::new(store, a, b, pa.id, pb.id, own).await;
    cases.extend(commendation_cases(&commendation));
    cases.extend(document_cases(&commendation, &ini));
    cases.extend(report_cases(a, b));
    cases.extend(model_cases(&ModelWorld::new(store, a, b).await, a, b));
    // Every route has at least one case.
    let covered: BTreeSet<(String, String)> = cases
        .iter()
        .map(|c| (c.method.to_owned(), c.pattern.to_owned()))
        .collect();
    let missing: Vec<_> = thidua_web::route_table()
        .into_iter()
        .filter(|r| !covered.contains(r))
        .collect();
    assert!(
        missing.is_empty(),
        "routes without a permission rule in this matrix: {missing:?}"
    );
    let routes: BTreeSet<(String, String)> = thidua_web::route_table().into_iter().collect();
    for c in &cases {
        assert!(
            routes.contains(&(c.method.to_owned(), c.pattern.to_owned())),
            "the matrix names a route that does not exist: {} {}",
            c.method,
            c.pattern
        );
    }

    let mut wrong = Vec::new();
    for c in &cases {
        for (role, want) in expected(c.spec) {
            let (got, body) = world.send(role, c).await;
            if got.as_u16() != want {
                wrong.push(format!(
                    "{role} {} {}: want {want}, got {got} — {body}",
                    c.method, c.uri
                ));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "{} answers differ:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

/// The records the movement API's cases act on: the register, a movement, a directive issued to
/// donvi1's ward and one still a draft, the ward's report with its evidence, registration, post and
/// inspection.
struct WorkWorld {
    a: i64,
    incoming: i64,
    draft_document: i64,
    movement: i64,
    issued: i64,
    draft: i64,
    task: i64,
    registration: i64,
    attachment: i64,
}

async fn work_world(store: &thidua_store::Store, a: i64, _b: i64) -> WorkWorld {
    use chrono::NaiveDate;
    use thidua_domain::movement::{
        DirectiveInput, DocumentInput, MovementInput, PhaseInput, RegistrationInput, ReportInput,
        TaskInput,
    };
    let actor = Actor::system("test");
    let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    let document = |reference: &str, direction: &str, on: &str| DocumentInput {
        direction: Some(direction.into()),
        reference: Some(reference.into()),
        issued_on: Some(on.into()),
        summary: "V/v hướng dẫn xét khen thưởng".into(),
        ..Default::default()
    };
    let incoming = store
        .register_document(
            &actor,
            document("941/UBND-NV", "incoming", "2021-09-01")
                .validate()
                .unwrap(),
        )
        .await
        .unwrap()
        .id;
    let draft_document = store
        .register_document(
            &actor,
            document("/UBND-NV", "outgoing", "2023").validate().unwrap(),
        )
        .await
        .unwrap()
        .id;
    let m = MovementInput {
        name: "Lao động giỏi, Lao động sáng tạo".into(),
        start_year: 2021,
        end_year: 2030,
        phases: vec![PhaseInput {
            year: 2025,
            title: "Năm 2025".into(),
            registration_due: Some(d(2099, 12, 31)),
        }],
        ..Default::default()
    };
    let movement = store
        .create_movement(&actor, m.validate().unwrap(), Default::default())
        .await
        .unwrap()
        .id;
    let input = DirectiveInput {
        movement_id: movement,
        year: 2023,
        summary: "V/v đẩy mạnh thực hiện phong trào thi đua".into(),
        symbol: "UBND-NV".into(),
        tasks: vec![TaskInput {
            title: "Tuyên truyền".into(),
            due_on: Some(d(2099, 6, 30)),
            ..Default::default()
        }],
        unit_ids: vec![a],
        ..Default::default()
    };
    let make = || async {
        store
            .create_directive(
                &actor,
                movement,
                2023,
                input.validate().unwrap(),
                &[],
                &[a],
                &[],
            )
            .await
            .unwrap()
    };
    let issued = make().await.id;
    store
        .issue_directive(&actor, issued, d(2023, 3, 15), None)
        .await
        .unwrap();
    let draft = make().await.id;
    let task = store.directive(issued).await.unwrap().unwrap().tasks[0].id;
    let report = store
        .save_report(
            &actor,
            task,
            a,
            ReportInput {
                text: "Đã tuyên truyền".into(),
                ..Default::default()
            },
            d(2023, 4, 1),
        )
        .await
        .unwrap();
    let attachment = store
        .attach(
            &actor,
            "report",
            report.id,
            Some(a),
            vec![thidua_store::files::Upload {
                file_name: "bao-cao.pdf".into(),
                bytes: bytes::Bytes::from_static(b"%PDF-1.7 bao cao"),
            }],
        )
        .await
        .unwrap()[0]
        .id;
    let registration = store
        .save_registration(
            &actor,
            RegistrationInput {
                movement_id: movement,
                year: 2025,
                unit_id: a,
                commitments: "Hoàn thành xuất sắc nhiệm vụ".into(),
                ..Default::default()
            },
            d(2025, 1, 2),
        )
        .await
        .unwrap()
        .id;
    let post = thidua_domain::movement::PostInput {
        unit_id: a,
        kind: "post".into(),
        title: "Tin tuyên truyền".into(),
        occurred_on: Some(d(2023, 4, 2)),
        ..Default::default()
    };
    store
        .add_post(
            &actor,
            a,
            Some(movement),
            post.validate(d(2023, 5, 1)).unwrap(),
        )
        .await
        .unwrap();
    store
        .add_inspection(
            &actor,
            a,
            Some(issued),
            d(2023, 5, 10),
            "Phòng Nội vụ".into(),
            "Đã triển khai".into(),
        )
        .await
        .unwrap();
    WorkWorld {
        a,
        incoming,
        draft_document,
        movement,
        issued,
        draft,
        task,
        registration,
        attachment,
    }
}

/// The movement API (`api_work`): who may read, write and direct.
fn api_work_cases(w: &WorkWorld) -> Vec<Case> {
    let (a, x, m) = (w.a, w.issued, w.movement);
    let directive_json = format!(
        r#"{{"movement_id": {m}, "year": 2023, "summary": "V/v thử", "symbol": "UBND-NV", "unit_ids": [{a}], "tasks": [{{"title": "Tuyên truyền", "due_on": "2099-06-30"}}]}}"#
    );
    let read_everything = "anon=401 *=200";
    let office_writes_422 = "anon=401 *=403 admin=422 noivu=422";
    vec![
        case(
            "GET",
            "/api/v1/documents",
            "/api/v1/documents",
            "anon=401 *=200 nld1=403",
        ),
        json(
            case(
                "POST",
                "/api/v1/documents",
                "/api/v1/documents",
                office_writes_422,
            ),
            r#"{"reference": "941 UBND NV", "summary": "x"}"#.into(),
        ),
        case(
            "GET",
            "/api/v1/documents/{id}",
            format!("/api/v1/documents/{}", w.incoming),
            "anon=401 *=200 nld1=403",
        ),
        case(
            "GET",
            "/api/v1/documents/{id}",
            format!("/api/v1/documents/{}", w.draft_document),
            "anon=401 *=200 donvi1=404 nld1=403",
        ),
        json(
            case(
                "POST",
                "/api/v1/documents/{id}/issue",
                format!("/api/v1/documents/{}/issue", w.incoming),
                "anon=401 *=403 admin=409 noivu=409",
            ),
            r#"{"issued_on": "2023-03-15"}"#.into(),
        ),
        case(
            "GET",
            "/api/v1/movements",
            "/api/v1/movements",
            read_everything,
        ),
        json(
            case(
                "POST",
                "/api/v1/movements",
                "/api/v1/movements",
                "anon=401 *=403 admin=422 noivu=422 donvi1=422 nld1=404",
            ),
            format!(r#"{{"name": "", "start_year": 2021, "end_year": 2025, "unit_id": {a}}}"#),
        ),
        case(
            "GET",
            "/api/v1/movements/{id}",
            format!("/api/v1/movements/{m}"),
            read_everything,
        ),
        json(
            case(
                "PUT",
                "/api/v1/movements/{id}",
                format!("/api/v1/movements/{m}"),
                "anon=401 *=403 admin=409 noivu=409",
            ),
            r#"{"name": "Lao động giỏi", "start_year": 2021, "end_year": 2030, "version": 999}"#
                .into(),
        ),
        case(
            "GET",
            "/api/v1/directives",
            "/api/v1/directives",
            read_everything,
        ),
        json(
            case(
                "POST",
                "/api/v1/directives",
                "/api/v1/directives",
                office_writes_422,
            ),
            format!(
                r#"{{"movement_id": {m}, "year": 2023, "summary": "x", "symbol": "UBND-NV", "tasks": []}}"#
            ),
        ),
        case(
            "GET",
            "/api/v1/directives/{id}",
            format!("/api/v1/directives/{x}"),
            read_everything,
        ),
        case(
            "GET",
            "/api/v1/directives/{id}",
            format!("/api/v1/directives/{}", w.draft),
            "anon=401 *=404 admin=200 noivu=200",
        ),
        json(
            case(
                "PUT",
                "/api/v1/directives/{id}",
                format!("/api/v1/directives/{x}"),
                "anon=401 *=403 admin=409 noivu=409",
            ),
            directive_json,
        ),
        json(
            case(
                "POST",
                "/api/v1/directives/{id}/issue",
                format!("/api/v1/directives/{x}/issue"),
                "anon=401 *=403 admin=409 noivu=409",
            ),
            r#"{"issued_on": "2023-03-20"}"#.into(),
        ),
        case(
            "POST",
            "/api/v1/directives/{id}/versions",
            format!("/api/v1/directives/{}/versions", w.draft),
            "anon=401 *=404 admin=409 noivu=409",
        ),
        case(
            "GET",
            "/api/v1/directives/{id}/matrix",
            format!("/api/v1/directives/{x}/matrix"),
            "anon=401 *=200 donvi1=403 nld1=403",
        ),
        json(
            case(
                "POST",
                "/api/v1/directives/{id}/read",
                format!("/api/v1/directives/{x}/read"),
                "anon=401 *=403 admin=200 noivu=200 donvi1=200 nld1=404",
            ),
            format!(r#"{{"unit_id": {a}}}"#),
        ),
        case(
            "GET",
            "/api/v1/directives/{id}/units/{unit_id}/reports",
            format!("/api/v1/directives/{x}/units/{a}/reports"),
            "anon=401 *=200 nld1=404",
        ),
        json(
            case(
                "PUT",
                "/api/v1/directives/{id}/units/{unit_id}/reports",
                format!("/api/v1/directives/{x}/units/{a}/reports"),
                "anon=401 *=403 admin=409 noivu=409 donvi1=409 nld1=404",
            ),
            format!(r#"{{"task_id": {}, "text": "x", "version": 999}}"#, w.task),
        ),
        json(
            case(
                "POST",
                "/api/v1/directives/{id}/reminders",
                format!("/api/v1/directives/{x}/reminders"),
                "anon=401 *=403 admin=200 noivu=200",
            ),
            format!(r#"{{"unit_ids": [{a}]}}"#),
        ),
        case(
            "GET",
            "/api/v1/directives/{id}/docx",
            format!("/api/v1/directives/{x}/docx"),
            read_everything,
        ),
        case(
            "GET",
            "/api/v1/registrations",
            "/api/v1/registrations",
            "anon=401 *=200 nld1=403",
        ),
        json(
            case(
                "POST",
                "/api/v1/registrations",
                "/api/v1/registrations",
                "anon=401 *=403 admin=422 noivu=422 donvi1=422 nld1=404",
            ),
            format!(r#"{{"movement_id": {m}, "year": 2025, "unit_id": {a}, "commitments": ""}}"#),
        ),
        case(
            "GET",
            "/api/v1/registrations/{id}",
            format!("/api/v1/registrations/{}", w.registration),
            "anon=401 *=200 nld1=403",
        ),
        case(
            "POST",
            "/api/v1/registrations/{id}/reopen",
            format!("/api/v1/registrations/{}/reopen", w.registration),
            "anon=401 *=403 admin=200 noivu=200",
        ),
        case(
            "GET",
            "/api/v1/posts",
            "/api/v1/posts",
            "anon=401 *=200 nld1=403",
        ),
        json(
            case(
                "POST",
                "/api/v1/posts",
                "/api/v1/posts",
                "anon=401 *=403 admin=422 noivu=422 donvi1=422 nld1=404",
            ),
            format!(
                r#"{{"unit_id": {a}, "kind": "post", "title": "", "occurred_on": "2023-04-02"}}"#
            ),
        ),
        case(
            "GET",
            "/api/v1/inspections",
            "/api/v1/inspections",
            "anon=401 *=200 nld1=403",
        ),
        json(
            case(
                "POST",
                "/api/v1/inspections",
                "/api/v1/inspections",
                office_writes_422,
            ),
            format!(r#"{{"unit_id": {a}, "inspected_on": "2023-05-10", "findings": ""}}"#),
        ),
        case(
            "GET",
            "/api/v1/notifications",
            "/api/v1/notifications",
            "anon=401 *=200 nld1=403",
        ),
        json(
            case(
                "POST",
                "/api/v1/notifications/read",
                "/api/v1/notifications/read",
                "anon=401 *=200 nld1=403",
            ),
            "{}".into(),
        ),
        // Not a form: the public is refused first, the others are told what to send (owner rules
        // are tested in `api_work`).
        json(
            case(
                "POST",
                "/api/v1/attachments",
                "/api/v1/attachments",
                "anon=401 *=400",
            ),
            "{}".into(),
        ),
        case(
            "GET",
            "/api/v1/attachments/{id}",
            format!("/api/v1/attachments/{}", w.attachment),
            "anon=401 *=200 nld1=404",
        ),
    ]
}

/// What the movement pages' cases point at: a registered document, a city movement and a ward's
/// launch of it, a directive issued to donvi1's ward with that ward's report (and its PDF), a draft,
/// and the ward's registration.
struct MovementWorld {
    document: i64,
    movement: i64,
    launch: i64,
    issued: i64,
    draft: i64,
    task: i64,
    attachment: i64,
    registration: i64,
}

async fn movement_world(store: &thidua_store::Store, ward: i64) -> MovementWorld {
    use thidua_domain::movement::{
        DirectiveInput, DocumentInput, MovementInput, PhaseInput, RegistrationInput, ReportInput,
        TaskInput,
    };
    let actor = Actor::system("test");
    let today = chrono::Utc::now()
        .with_timezone(&thidua_domain::format::vietnam())
        .date_naive();
    let document = store
        .register_document(
            &actor,
            DocumentInput {
                reference: Some("99/KH-UBND-LĐLĐ".into()),
                issued_on: Some("28/04/2021".into()),
                summary: "Kế hoạch liên tịch".into(),
                ..Default::default()
            }
            .validate()
            .unwrap(),
        )
        .await
        .unwrap()
        .id;
    let movement_input = |name: &str| MovementInput {
        name: name.into(),
        start_year: 2021,
        end_year: 2025,
        phases: vec![PhaseInput {
            year: 2023,
            ..Default::default()
        }],
        ..Default::default()
    };
    let movement = store
        .create_movement(
            &actor,
            movement_input("Lao động giỏi, Lao động sáng tạo")
                .validate()
                .unwrap(),
            Default::default(),
        )
        .await
        .unwrap()
        .id;
    let launch = store
        .create_movement(
            &actor,
            movement_input("Lao động giỏi — phường").validate().unwrap(),
            thidua_store::movements::MovementLinks {
                parent_id: Some(movement),
                unit_id: Some(ward),
                ..Default::default()
            },
        )
        .await
        .unwrap()
        .id;
    let directive = || DirectiveInput {
        movement_id: movement,
        year: 2023,
        summary: "V/v đẩy mạnh thực hiện phong trào".into(),
        symbol: "UBND-NV".into(),
        tasks: vec![TaskInput {
            title: "Tuyên truyền".into(),
            due_on: Some(today + chrono::Duration::days(30)),
            ..Default::default()
        }],
        unit_ids: vec![ward],
        ..Default::default()
    };
    let create = |_: ()| async {
        store
            .create_directive(
                &actor,
                movement,
                2023,
                directive().validate().unwrap(),
                &[],
                &[ward],
                &[],
            )
            .await
            .unwrap()
            .id
    };
    let issued = create(()).await;
    store
        .issue_directive(&actor, issued, today, None)
        .await
        .unwrap();
    let draft = create(()).await;
    let task = store.directive(issued).await.unwrap().unwrap().tasks[0].id;
    let report = store
        .save_report(
            &actor,
            task,
            ward,
            ReportInput {
                text: "Đã tuyên truyền".into(),
                submit: true,
                ..Default::default()
            },
            today,
        )
        .await
        .unwrap();
    let attachment = store
        .attach(
            &actor,
            "report",
            report.id,
            Some(ward),
            vec![thidua_store::files::Upload {
                file_name: "bao-cao.pdf".into(),
                bytes: bytes::Bytes::from_static(b"%PDF-1.4 bao cao"),
            }],
        )
        .await
        .unwrap()[0]
        .id;
    let registration = store
        .save_registration(
            &actor,
            RegistrationInput {
                movement_id: movement,
                year: 2023,
                unit_id: ward,
                commitments: "Hoàn thành xuất sắc nhiệm vụ".into(),
                ..Default::default()
            }
            .validate(|_| true, |_| true)
            .unwrap(),
            today,
        )
        .await
        .unwrap()
        .id;
    MovementWorld {
        document,
        movement,
        launch,
        issued,
        draft,
        task,
        attachment,
        registration,
    }
}

/// The movement pages: who may read, who may write, and what a unit officer may not even see.
fn movement_page_cases(w: &MovementWorld, ward: i64) -> Vec<Case> {
    let readers = "anon=303 *=200 nld1=403";
    let office_get = "anon=303 *=403 admin=200 noivu=200";
    let office_post_invalid = "anon=303 *=403 admin=422 noivu=422";
    let unit_post = |ok: &'static str| -> &'static str {
        match ok {
            "303" => "anon=303 *=403 admin=303 noivu=303 donvi1=303 nld1=404",
            "400" => "anon=303 *=403 admin=400 noivu=400 donvi1=400 nld1=404",
            _ => "anon=303 *=403 admin=422 noivu=422 donvi1=422 nld1=404",
        }
    };
    let (m, d, dd, u) = (w.movement, w.issued, w.draft, ward.to_string());
    let u = u.as_str();
    let mid = m.to_string();
    vec![
        case("GET", "/van-ban", "/van-ban", readers),
        case("GET", "/van-ban/xuat.xlsx", "/van-ban/xuat.xlsx", readers),
        case("GET", "/van-ban/moi", "/van-ban/moi", office_get),
        form(
            case("POST", "/van-ban/moi", "/van-ban/moi", office_post_invalid),
            &[("reference", "941 UBND NV"), ("summary", "x")],
        ),
        case(
            "GET",
            "/van-ban/{id}",
            format!("/van-ban/{}", w.document),
            readers,
        ),
        // Not a multipart body: refused (400) after the permission says yes.
        form(
            case(
                "POST",
                "/van-ban/{id}/tep",
                format!("/van-ban/{}/tep", w.document),
                "anon=303 *=403 admin=400 noivu=400",
            ),
            &[],
        ),
        case(
            "GET",
            "/tep/{id}",
            format!("/tep/{}", w.attachment),
            "anon=303 *=200 nld1=404",
        ),
        case("GET", "/phong-trao", "/phong-trao", "anon=303 *=200"),
        case(
            "GET",
            "/phong-trao/xuat.xlsx",
            "/phong-trao/xuat.xlsx",
            "anon=303 *=200",
        ),
        case("GET", "/phong-trao/moi", "/phong-trao/moi", office_get),
        form(
            case(
                "POST",
                "/phong-trao/moi",
                "/phong-trao/moi",
                office_post_invalid,
            ),
            &[("name", ""), ("start_year", "2021"), ("end_year", "2025")],
        ),
        case(
            "GET",
            "/phong-trao/{id}",
            format!("/phong-trao/{m}"),
            "anon=303 *=200",
        ),
        case(
            "GET",
            "/phong-trao/{id}/sua",
            format!("/phong-trao/{m}/sua"),
            office_get,
        ),
        case(
            "GET",
            "/phong-trao/{id}/sua",
            format!("/phong-trao/{}/sua", w.launch),
            "anon=303 *=403 admin=200 noivu=200 donvi1=200 nld1=404",
        ),
        form(
            case(
                "POST",
                "/phong-trao/{id}/sua",
                format!("/phong-trao/{m}/sua"),
                office_post_invalid,
            ),
            &[("name", ""), ("start_year", "2021"), ("end_year", "2025")],
        ),
        case(
            "GET",
            "/phong-trao/{id}/phat-dong",
            format!("/phong-trao/{m}/phat-dong"),
            "anon=303 *=403 admin=200 noivu=200 donvi1=200 nld1=404",
        ),
        form(
            case(
                "POST",
                "/phong-trao/{id}/phat-dong",
                format!("/phong-trao/{m}/phat-dong"),
                unit_post("422"),
            ),
            &[
                ("unit_id", u),
                ("name", ""),
                ("start_year", "2021"),
                ("end_year", "2025"),
            ],
        ),
        case(
            "GET",
            "/chi-dao/moi",
            format!("/chi-dao/moi?phong_trao={m}"),
            office_get,
        ),
        form(
            case("POST", "/chi-dao/moi", "/chi-dao/moi", office_post_invalid),
            &[
                ("movement_id", &mid),
                ("year", "2023"),
                ("summary", ""),
                ("symbol", "UBND-NV"),
            ],
        ),
        case(
            "GET",
            "/chi-dao/{id}",
            format!("/chi-dao/{d}"),
            "anon=303 *=200",
        ),
        case(
            "GET",
            "/chi-dao/{id}",
            format!("/chi-dao/{dd}"),
            "anon=303 *=404 admin=200 noivu=200",
        ),
        case(
            "GET",
            "/chi-dao/{id}/cong-van.docx",
            format!("/chi-dao/{d}/cong-van.docx"),
            "anon=303 *=200",
        ),
        case(
            "GET",
            "/chi-dao/{id}/cong-van.docx",
            format!("/chi-dao/{dd}/cong-van.docx"),
            "anon=303 *=404 admin=200 noivu=200",
        ),
        case(
            "GET",
            "/chi-dao/{id}/sua",
            format!("/chi-dao/{dd}/sua"),
            office_get,
        ),
        form(
            case(
                "POST",
                "/chi-dao/{id}/sua",
                format!("/chi-dao/{dd}/sua"),
                office_post_invalid,
            ),
            &[("year", "2023"), ("summary", ""), ("symbol", "UBND-NV")],
        ),
        // Issued already, and a draft has no new version: conflicts for those who may try.
        form(
            case(
                "POST",
                "/chi-dao/{id}/ban-hanh",
                format!("/chi-dao/{d}/ban-hanh"),
                "anon=303 *=403 admin=409 noivu=409",
            ),
            &[("issued_on", "01/01/2024")],
        ),
        form(
            case(
                "POST",
                "/chi-dao/{id}/phien-ban-moi",
                format!("/chi-dao/{dd}/phien-ban-moi"),
                "anon=303 *=403 admin=409 noivu=409",
            ),
            &[],
        ),
        form(
            case(
                "POST",
                "/chi-dao/{id}/da-doc",
                format!("/chi-dao/{d}/da-doc"),
                unit_post("303"),
            ),
            &[("don_vi", u)],
        ),
        form(
            case(
                "POST",
                "/chi-dao/{id}/bao-cao/{task_id}",
                format!("/chi-dao/{d}/bao-cao/{}?don_vi={ward}", w.task),
                unit_post("400"),
            ),
            &[],
        ),
        case(
            "GET",
            "/chi-dao/{id}/theo-doi",
            format!("/chi-dao/{d}/theo-doi"),
            "anon=303 *=200 donvi1=403 nld1=403",
        ),
        case(
            "GET",
            "/chi-dao/{id}/don-vi/{unit_id}",
            format!("/chi-dao/{d}/don-vi/{ward}"),
            "anon=303 *=200 nld1=404",
        ),
        form(
            case(
                "POST",
                "/chi-dao/{id}/nhac",
                format!("/chi-dao/{d}/nhac"),
                "anon=303 *=403 admin=303 noivu=303",
            ),
            &[("don_vi", u)],
        ),
        form(
            case(
                "POST",
                "/chi-dao/{id}/kiem-tra",
                format!("/chi-dao/{d}/kiem-tra"),
                office_post_invalid,
            ),
            &[("don_vi", u), ("findings", "")],
        ),
        case("GET", "/hop-thu", "/hop-thu", readers),
        form(
            case(
                "POST",
                "/hop-thu/da-doc",
                "/hop-thu/da-doc",
                "anon=303 *=303 nld1=403",
            ),
            &[],
        ),
        case("GET", "/hop-thu/xuat.xlsx", "/hop-thu/xuat.xlsx", readers),
        case(
            "GET",
            "/chi-dao/{id}/theo-doi/xuat.xlsx",
            format!("/chi-dao/{d}/theo-doi/xuat.xlsx"),
            "anon=303 *=200 donvi1=403 nld1=403",
        ),
        case(
            "GET",
            "/dang-ky/xuat.xlsx",
            format!("/dang-ky/xuat.xlsx?phong_trao={m}&nam=2023"),
            readers,
        ),
        case(
            "GET",
            "/dang-ky",
            format!("/dang-ky?phong_trao={m}&nam=2023"),
            readers,
        ),
        form(
            case("POST", "/dang-ky", "/dang-ky", unit_post("422")),
            &[
                ("don_vi", u),
                ("phong_trao", &mid),
                ("nam", "2023"),
                ("commitments", ""),
            ],
        ),
        form(
            case(
                "POST",
                "/dang-ky/{id}/mo-lai",
                format!("/dang-ky/{}/mo-lai", w.registration),
                "anon=303 *=403 admin=303 noivu=303",
            ),
            &[("mo", "0")],
        ),
        case(
            "GET",
            "/dang-ky/xuat.csv",
            format!("/dang-ky/xuat.csv?phong_trao={m}&nam=2023"),
            readers,
        ),
        case("GET", "/tuyen-truyen", "/tuyen-truyen", readers),
        form(
            case(
                "POST",
                "/tuyen-truyen",
                "/tuyen-truyen",
                "anon=303 *=403 admin=400 noivu=400 donvi1=400",
            ),
            &[],
        ),
    ]
}

/// The initiatives the matrix asks about.
struct Initiatives {
    /// Recognised (published), not of donvi1's ward.
    published: i64,
    /// A draft of donvi1's ward by someone else than nld1.
    ward_draft: i64,
    /// nld1's own draft.
    own: i64,
    /// Before the demo council's open round, not of donvi1's ward.
    before_council: i64,
    council: i64,
    round: i64,
    /// nld1's person.
    own_person: i64,
}

impl Initiatives {
    async fn new(store: &thidua_store::Store, ward: i64, colleague: i64, own: i64) -> Self {
        use thidua_domain::initiative::{AuthorInput, InitiativeInput, Share, Status};
        use thidua_domain::similar::{Filter, PageRequest};
        let input = |person: i64| InitiativeInput {
            title: "Sáng kiến thử quyền".into(),
            unit_id: Some(ward),
            field: "khac".into(),
            solution: "Giải pháp thử.".into(),
            authors: vec![AuthorInput {
                person_id: Some(person),
                name: None,
                share: Some(Share::WHOLE),
            }],
            ..Default::default()
        };
        let today = chrono::Utc::now()
            .with_timezone(&thidua_domain::format::vietnam())
            .date_naive();
        let make = |person: i64| {
            let v = input(person).validate(today).unwrap();
            async move {
                store
                    .create_initiative(&Actor::system("test"), v)
                    .await
                    .unwrap()
                    .id
            }
        };
        let ward_draft = make(colleague).await;
        let own_person = own;
        let own = make(own).await;
        let recognised = store
            .search_initiatives(
                "",
                &Filter {
                    status: Some(Status::Recognised),
                    ..Default::default()
                },
                |m| m.unit_id != ward,
                PageRequest::default(),
            )
            .await
            .unwrap();
        let published = recognised.hits[0].meta.id;
        let council = store
            .councils()
            .await
            .unwrap()
            .into_iter()
            .find(|c| c.name == "Hội đồng sáng kiến thành phố năm 2025")
            .unwrap()
            .id;
        let round = store.council(council).await.unwrap().unwrap().rounds[0].id;
        let view = store.round_view(round, None).await.unwrap().unwrap();
        let ids: Vec<i64> = view.items.iter().map(|i| i.initiative_id).collect();
        let before_council = store
            .initiative_metas(&ids)
            .await
            .unwrap()
            .into_iter()
            .find(|m| m.unit_id != ward)
            .unwrap()
            .id;
        Initiatives {
            published,
            ward_draft,
            own,
            before_council,
            council,
            round,
            own_person,
        }
    }
}

/// The initiatives API for every role. The order matters where a case changes something: the
/// round is closed last.
fn initiative_cases(i: &Initiatives, ward: i64) -> Vec<Case> {
    let (p, d, o, c, k, r) = (
        i.published,
        i.ward_draft,
        i.own,
        i.before_council,
        i.council,
        i.round,
    );
    let new_body = |person_field: &str| {
        format!(
            r#"{{"title": "Sáng kiến mới", "unit_id": {ward}, "field": "khac", "solution": "Giải pháp.", "authors": [{person_field}], "version": 999}}"#
        )
    };
    vec![
        case(
            "GET",
            "/api/v1/initiatives",
            "/api/v1/initiatives?q=ho+so",
            "anon=200 *=200",
        ),
        case(
            "GET",
            "/api/v1/initiatives/most-replicated",
            "/api/v1/initiatives/most-replicated",
            "anon=200 *=200",
        ),
        case(
            "GET",
            "/api/v1/initiatives/lao-dong-sang-tao",
            "/api/v1/initiatives/lao-dong-sang-tao?year=2024",
            "anon=401 *=200 donvi1=403 hoidong1=403 nld1=403",
        ),
        json(
            case(
                "POST",
                "/api/v1/initiatives/similar",
                "/api/v1/initiatives/similar",
                "anon=401 *=200",
            ),
            r#"{"title": "Số hóa hồ sơ", "text": "Quét hồ sơ giấy"}"#.into(),
        ),
        // nld1 writes their own (the authors name the caller's person, which only nld1 is).
        json(
            case(
                "POST",
                "/api/v1/initiatives",
                "/api/v1/initiatives",
                "anon=401 *=403 admin=201 noivu=201 donvi1=201 hoidong1=404 nld1=201",
            ),
            new_body(&format!(
                r#"{{"person_id": {}, "share": 10000}}"#,
                i.own_person
            )),
        ),
        case(
            "GET",
            "/api/v1/initiatives/{id}",
            format!("/api/v1/initiatives/{p}"),
            "anon=200 *=200",
        ),
        case(
            "GET",
            "/api/v1/initiatives/{id}",
            format!("/api/v1/initiatives/{d}"),
            "anon=401 *=200 hoidong1=404 nld1=404",
        ),
        case(
            "GET",
            "/api/v1/initiatives/{id}",
            format!("/api/v1/initiatives/{o}"),
            "anon=401 *=200 hoidong1=404",
        ),
        case(
            "GET",
            "/api/v1/initiatives/{id}",
            format!("/api/v1/initiatives/{c}"),
            "anon=401 *=200 donvi1=404 nld1=404",
        ),
        json(
            case(
                "PUT",
                "/api/v1/initiatives/{id}",
                format!("/api/v1/initiatives/{o}"),
                "anon=401 *=403 admin=409 noivu=409 donvi1=409 hoidong1=404 nld1=409",
            ),
            new_body(&format!(
                r#"{{"person_id": {}, "share": 10000}}"#,
                i.own_person
            )),
        ),
        case(
            "POST",
            "/api/v1/initiatives/{id}/submit",
            format!("/api/v1/initiatives/{p}/submit"),
            "anon=401 *=403",
        ),
        case(
            "POST",
            "/api/v1/initiatives/{id}/withdraw",
            format!("/api/v1/initiatives/{p}/withdraw"),
            "anon=401 *=403",
        ),
        case(
            "GET",
            "/api/v1/initiatives/{id}/similar",
            format!("/api/v1/initiatives/{p}/similar"),
            "anon=200 *=200",
        ),
        case(
            "GET",
            "/api/v1/initiatives/{id}/similar",
            format!("/api/v1/initiatives/{d}/similar"),
            "anon=401 *=200 hoidong1=404 nld1=404",
        ),
        json(
            case(
                "POST",
                "/api/v1/initiatives/{id}/replications",
                format!("/api/v1/initiatives/{p}/replications"),
                "anon=401 *=403 admin=422 noivu=422 donvi1=422",
            ),
            format!(r#"{{"unit_id": {ward}, "adopted_on": "2025-01-01", "result": ""}}"#),
        ),
        case(
            "GET",
            "/api/v1/councils",
            "/api/v1/councils",
            "anon=401 *=403 admin=200 noivu=200 donvi1=200",
        ),
        json(
            case(
                "POST",
                "/api/v1/councils",
                "/api/v1/councils",
                "anon=401 *=403 admin=422 noivu=422 donvi1=422",
            ),
            format!(
                r#"{{"name": "Hội đồng phường", "unit_id": {ward}, "scope": "co_so", "year": 2025, "members": []}}"#
            ),
        ),
        case(
            "GET",
            "/api/v1/councils/{id}",
            format!("/api/v1/councils/{k}"),
            "anon=401 *=403 admin=200 noivu=200 donvi1=404 nld1=404",
        ),
        json(
            case(
                "POST",
                "/api/v1/councils/{id}/rounds",
                format!("/api/v1/councils/{k}/rounds"),
                "anon=401 *=403 admin=422 noivu=422 donvi1=404 nld1=404",
            ),
            r#"{"name": ""}"#.into(),
        ),
        case(
            "GET",
            "/api/v1/rounds/{id}",
            format!("/api/v1/rounds/{r}"),
            "anon=401 *=403 admin=200 noivu=200 hoidong1=200 donvi1=404 nld1=404",
        ),
        json(
            case(
                "POST",
                "/api/v1/rounds/{id}/initiatives",
                format!("/api/v1/rounds/{r}/initiatives"),
                "anon=401 *=403 admin=422 noivu=422 donvi1=404 nld1=404",
            ),
            format!(r#"{{"initiative_ids": [{p}]}}"#),
        ),
        json(
            case(
                "POST",
                "/api/v1/rounds/{id}/scores",
                format!("/api/v1/rounds/{r}/scores"),
                "anon=401 *=403 hoidong1=422 donvi1=404 nld1=404",
            ),
            format!(
                r#"{{"initiative_id": {c}, "scores": {{"tinh_moi": 11, "kha_nang_ap_dung": 5, "hieu_qua": 5}}}}"#
            ),
        ),
        json(
            case(
                "POST",
                "/api/v1/rounds/{id}/decisions",
                format!("/api/v1/rounds/{r}/decisions"),
                "anon=401 *=403 admin=409 noivu=409 donvi1=404 nld1=404",
            ),
            format!(r#"{{"initiative_id": {c}}}"#),
        ),
        case(
            "POST",
            "/api/v1/rounds/{id}/close",
            format!("/api/v1/rounds/{r}/close"),
            "anon=401 *=403 admin=200 noivu=409 donvi1=404 nld1=404",
        ),
    ]
}

/// The initiative pages for every role, run after [`initiative_cases`] (the demo round is closed).
/// Every POST carries something invalid, so that the roles allowed get a 422 (or 409) and nothing
/// changes.
fn initiative_page_cases(i: &Initiatives, ward: i64) -> Vec<Case> {
    let (p, d, o, c, k, r) = (
        i.published,
        i.ward_draft,
        i.own,
        i.before_council,
        i.council,
        i.round,
    );
    let w = ward.to_string();
    let (ps, cs) = (p.to_string(), c.to_string());
    let no_title: Vec<(&str, &str)> = vec![
        ("title", ""),
        ("unit_id", &w),
        ("field", "khac"),
        ("solution", "Giải pháp."),
        ("author_name_0", "Người Ngoài"),
        ("author_share_0", "100"),
        ("action", "save"),
    ];
    vec![
        case("GET", "/sang-kien", "/sang-kien?q=ho+so", "anon=200 *=200"),
        case("GET", "/sang-kien/moi", "/sang-kien/moi", "anon=303 *=200"),
        form(
            case("POST", "/sang-kien/moi", "/sang-kien/moi", "anon=303 *=422"),
            &no_title,
        ),
        form(
            case(
                "POST",
                "/sang-kien/trung-lap",
                "/sang-kien/trung-lap",
                "anon=303 *=200",
            ),
            &[("title", "Số hóa hồ sơ"), ("solution", "Quét hồ sơ giấy")],
        ),
        case(
            "GET",
            "/sang-kien/lao-dong-sang-tao",
            "/sang-kien/lao-dong-sang-tao?year=2024",
            "anon=303 *=200 donvi1=403 hoidong1=403 nld1=403",
        ),
        case(
            "GET",
            "/sang-kien/nhan-rong",
            "/sang-kien/nhan-rong",
            "anon=200 *=200",
        ),
        case(
            "GET",
            "/sang-kien/{id}",
            format!("/sang-kien/{p}"),
            "anon=200 *=200",
        ),
        case(
            "GET",
            "/sang-kien/{id}",
            format!("/sang-kien/{d}"),
            "anon=303 *=200 hoidong1=404 nld1=404",
        ),
        case(
            "GET",
            "/sang-kien/{id}",
            format!("/sang-kien/{c}"),
            "anon=303 *=200 donvi1=404 nld1=404",
        ),
        case(
            "GET",
            "/sang-kien/{id}/sua",
            format!("/sang-kien/{o}/sua"),
            "anon=303 *=403 admin=200 noivu=200 donvi1=200 hoidong1=404 nld1=200",
        ),
        form(
            case(
                "POST",
                "/sang-kien/{id}/sua",
                format!("/sang-kien/{o}/sua"),
                "anon=303 *=403 admin=422 noivu=422 donvi1=422 hoidong1=404 nld1=422",
            ),
            &no_title,
        ),
        // Not a multipart body: those who may attach are told what to send.
        form(
            case(
                "POST",
                "/sang-kien/{id}/tep",
                format!("/sang-kien/{o}/tep"),
                "anon=303 *=403 admin=400 noivu=400 donvi1=400 hoidong1=404 nld1=400",
            ),
            &[],
        ),
        form(
            case(
                "POST",
                "/sang-kien/{id}/nop",
                format!("/sang-kien/{p}/nop"),
                "anon=303 *=403",
            ),
            &[],
        ),
        form(
            case(
                "POST",
                "/sang-kien/{id}/rut",
                format!("/sang-kien/{p}/rut"),
                "anon=303 *=403",
            ),
            &[],
        ),
        form(
            case(
                "POST",
                "/sang-kien/{id}/nhan-rong",
                format!("/sang-kien/{p}/nhan-rong"),
                "anon=303 *=403 admin=422 noivu=422 donvi1=422",
            ),
            &[
                ("unit_id", &w),
                ("adopted_on", "01/01/2025"),
                ("result", ""),
            ],
        ),
        case(
            "GET",
            "/hoi-dong",
            "/hoi-dong",
            "anon=303 *=200 nld1=403 lanhdao=403",
        ),
        form(
            case(
                "POST",
                "/hoi-dong",
                "/hoi-dong",
                "anon=303 *=403 admin=422 noivu=422 donvi1=422",
            ),
            &[
                ("name", ""),
                ("unit_id", &w),
                ("scope", "co_so"),
                ("year", "2025"),
                ("threshold_num", "2"),
                ("threshold_den", "3"),
            ],
        ),
        case(
            "GET",
            "/hoi-dong/{id}",
            format!("/hoi-dong/{k}"),
            "anon=303 *=403 admin=200 noivu=200 donvi1=404 nld1=404",
        ),
        form(
            case(
                "POST",
                "/hoi-dong/{id}/vong",
                format!("/hoi-dong/{k}/vong"),
                "anon=303 *=403 admin=422 noivu=422 donvi1=404 nld1=404",
            ),
            &[("name", "")],
        ),
        case(
            "GET",
            "/hoi-dong/vong/{id}",
            format!("/hoi-dong/vong/{r}"),
            "anon=303 *=403 admin=200 noivu=200 hoidong1=200 donvi1=404 nld1=404",
        ),
        // The round is closed: the member's sheet is refused (409), as it would be out of range.
        form(
            case(
                "POST",
                "/hoi-dong/vong/{id}/cham",
                format!("/hoi-dong/vong/{r}/cham"),
                "anon=303 *=403 hoidong1=409 donvi1=404 nld1=404",
            ),
            &[
                ("initiative_id", &cs),
                ("score_tinh_moi", "11"),
                ("score_kha_nang_ap_dung", "5"),
                ("score_hieu_qua", "5"),
            ],
        ),
        form(
            case(
                "POST",
                "/hoi-dong/vong/{id}/them",
                format!("/hoi-dong/vong/{r}/them"),
                "anon=303 *=403 admin=409 noivu=409 donvi1=404 nld1=404",
            ),
            &[("initiative_ids", &ps)],
        ),
        form(
            case(
                "POST",
                "/hoi-dong/vong/{id}/quyet-dinh",
                format!("/hoi-dong/vong/{r}/quyet-dinh"),
                "anon=303 *=403 admin=422 noivu=422 donvi1=404 nld1=404",
            ),
            &[("initiative_id", &cs), ("decided_on", "32/13/2025")],
        ),
        form(
            case(
                "POST",
                "/hoi-dong/vong/{id}/ket-thuc",
                format!("/hoi-dong/vong/{r}/ket-thuc"),
                "anon=303 *=403 admin=409 noivu=409 donvi1=404 nld1=404",
            ),
            &[],
        ),
    ]
}

/// The commendation records the matrix asks about (the sample's rounds, council, meeting, ballot and
/// decision, and a draft nomination of each ward).
struct CommendationWorld {
    a: i64,
    b: i64,
    pa: i64,
    own: i64,
    open_round: i64,
    closed_round: i64,
    nom_a: i64,
    nom_b: i64,
    /// A decided nomination of the sample's 2024 round.
    done: i64,
    council: i64,
    meeting: i64,
    ballot: i64,
    decision: i64,
}

impl CommendationWorld {
    async fn new(store: &thidua_store::Store, a: i64, b: i64, pa: i64, pb: i64, own: i64) -> Self {
        use thidua_domain::commendation::NominationInput;
        let rounds = store.award_rounds().await.unwrap();
        let open_round = rounds.iter().find(|r| r.status == "open").unwrap().id;
        let closed_round = rounds.iter().find(|r| r.status != "open").map(|r| r.id);
        let tables = store.rule_tables().await.unwrap();
        let awards = store.award_round(open_round).await.unwrap().unwrap().awards;
        let today = chrono::Utc::now()
            .with_timezone(&thidua_domain::format::vietnam())
            .date_naive();
        let nominate = |person: i64, unit: i64| {
            let v = NominationInput {
                round_id: open_round,
                subject: "individual".into(),
                person_id: Some(person),
                unit_id: Some(unit),
                award: "lao_dong_tien_tien".into(),
                ..Default::default()
            }
            .validate(&tables, &awards)
            .unwrap();
            async move {
                store
                    .create_nomination(&Actor::system("test"), v, today)
                    .await
                    .unwrap()
                    .row
                    .nomination
                    .id
            }
        };
        let nom_a = nominate(pa, a).await;
        let nom_b = nominate(pb, b).await;
        let all = store
            .nominations(&thidua_store::commendation::NominationQuery::default())
            .await
            .unwrap();
        let done_row = all
            .iter()
            .find(|n| n.nomination.status == "decided")
            .expect("the sample's decided nominations");
        let done = done_row.nomination.id;
        let closed_round = closed_round.unwrap_or(done_row.nomination.round_id);
        let council = store.award_councils().await.unwrap()[0].id;
        let decision = store.award_decisions(Some(closed_round)).await.unwrap()[0].id;
        let meeting = store.award_meetings(Some(council)).await.unwrap()[0].id;
        let ballot = store.meeting(meeting).await.unwrap().unwrap().ballots[0].clone();
        CommendationWorld {
            a,
            b,
            pa,
            own,
            open_round,
            closed_round,
            nom_a,
            nom_b,
            done,
            council,
            meeting: ballot.meeting_id,
            ballot: ballot.id,
            decision,
        }
    }
}

/// The commendation API for every role. Writes are asked with inputs that the store refuses (bad
/// codes, stale versions, closed or final records), so that an allowed role gets 4xx from the rule
/// and the world stays the same for the next role.
fn commendation_cases(w: &CommendationWorld) -> Vec<Case> {
    let (a, b, pa, own) = (w.a, w.b, w.pa, w.own);
    let (r, rc, na, nb, done) = (w.open_round, w.closed_round, w.nom_a, w.nom_b, w.done);
    let (k, m, bl, d) = (w.council, w.meeting, w.ballot, w.decision);
    let readers = "anon=401 *=200 nld1=403";
    let office_write = |ok: u16| -> &'static str {
        match ok {
            422 => "anon=401 *=403 admin=422 noivu=422",
            409 => "anon=401 *=403 admin=409 noivu=409",
            404 => "anon=401 *=403 admin=404 noivu=404",
            400 => "anon=401 *=403 admin=400 noivu=400",
            _ => unreachable!(),
        }
    };
    let bad_round =
        r#"{"name": "", "kind": "khac", "year": 2025, "deadline": "2025-12-31", "awards": []}"#;
    vec![
        case(
            "GET",
            "/api/v1/units/{id}/ratings/{year}",
            format!("/api/v1/units/{a}/ratings/2025"),
            "anon=401 *=200 nld1=404",
        ),
        case(
            "GET",
            "/api/v1/units/{id}/ratings/{year}",
            format!("/api/v1/units/{b}/ratings/2025"),
            "anon=401 *=200 donvi1=404 nld1=404",
        ),
        json(
            case(
                "PUT",
                "/api/v1/units/{id}/ratings/{year}",
                format!("/api/v1/units/{a}/ratings/2025"),
                "anon=401 *=403 admin=422 noivu=422 donvi1=422 nld1=404",
            ),
            format!(r#"{{"rows": [{{"person_id": {pa}, "rating": "gioi"}}]}}"#),
        ),
        json(
            case(
                "PUT",
                "/api/v1/units/{id}/ratings/{year}",
                format!("/api/v1/units/{b}/ratings/2025"),
                "anon=401 *=403 admin=422 noivu=422 donvi1=404 nld1=404",
            ),
            format!(r#"{{"rows": [{{"person_id": {pa}, "rating": "gioi"}}]}}"#),
        ),
        case(
            "POST",
            "/api/v1/rating-years/{year}/lock",
            "/api/v1/rating-years/1800/lock",
            office_write(400),
        ),
        case(
            "GET",
            "/api/v1/award-rounds",
            "/api/v1/award-rounds",
            readers,
        ),
        json(
            case(
                "POST",
                "/api/v1/award-rounds",
                "/api/v1/award-rounds",
                office_write(422),
            ),
            bad_round.into(),
        ),
        case(
            "GET",
            "/api/v1/award-rounds/{id}",
            format!("/api/v1/award-rounds/{r}"),
            readers,
        ),
        json(
            case(
                "PUT",
                "/api/v1/award-rounds/{id}",
                format!("/api/v1/award-rounds/{r}"),
                office_write(422),
            ),
            bad_round.into(),
        ),
        case(
            "POST",
            "/api/v1/award-rounds/{id}/close",
            format!("/api/v1/award-rounds/{rc}/close"),
            "anon=401 *=403 admin=204 noivu=204",
        ),
        case(
            "GET",
            "/api/v1/award-rounds/{id}/quotas",
            format!("/api/v1/award-rounds/{r}/quotas?unit_id={a}"),
            "anon=401 *=200 nld1=403",
        ),
        case(
            "GET",
            "/api/v1/award-rounds/{id}/quotas",
            format!("/api/v1/award-rounds/{r}/quotas?unit_id={b}"),
            "anon=401 *=200 donvi1=404 nld1=403",
        ),
        case(
            "GET",
            "/api/v1/award-rounds/{id}/overview",
            format!("/api/v1/award-rounds/{r}/overview"),
            readers,
        ),
        case(
            "GET",
            "/api/v1/award-rounds/{id}/overview",
            "/api/v1/award-rounds/999999/overview",
            "anon=401 *=404 nld1=403",
        ),
        case("GET", "/api/v1/nominations", "/api/v1/nominations", readers),
        json(
            case(
                "POST",
                "/api/v1/nominations",
                "/api/v1/nominations",
                "anon=401 *=403 admin=422 noivu=422 donvi1=422",
            ),
            format!(
                r#"{{"round_id": {r}, "subject": "individual", "person_id": {pa}, "award": "khong_co"}}"#
            ),
        ),
        case(
            "GET",
            "/api/v1/nominations/{id}",
            format!("/api/v1/nominations/{na}"),
            "anon=401 *=200 nld1=404",
        ),
        case(
            "GET",
            "/api/v1/nominations/{id}",
            format!("/api/v1/nominations/{nb}"),
            "anon=401 *=200 donvi1=404 nld1=404",
        ),
        json(
            case(
                "PUT",
                "/api/v1/nominations/{id}",
                format!("/api/v1/nominations/{na}"),
                "anon=401 *=403 admin=409 noivu=409 donvi1=409 nld1=404",
            ),
            r#"{"summary": "Cũ", "version": 999}"#.into(),
        ),
        json(
            case(
                "PUT",
                "/api/v1/nominations/{id}",
                format!("/api/v1/nominations/{nb}"),
                "anon=401 *=403 admin=409 noivu=409 donvi1=404 nld1=404",
            ),
            r#"{"summary": "Cũ", "version": 999}"#.into(),
        ),
        case(
            "POST",
            "/api/v1/nominations/{id}/send",
            format!("/api/v1/nominations/{done}/send"),
            "anon=401 *=403 admin=422 noivu=422 donvi1=422 nld1=404",
        ),
        case(
            "POST",
            "/api/v1/nominations/{id}/accept",
            format!("/api/v1/nominations/{done}/accept"),
            "anon=401 *=403 admin=422 noivu=422 nld1=404",
        ),
        case(
            "POST",
            "/api/v1/nominations/{id}/return",
            format!("/api/v1/nominations/{done}/return"),
            "anon=401 *=403 admin=422 noivu=422 nld1=404",
        ),
        case(
            "POST",
            "/api/v1/nominations/{id}/reject",
            format!("/api/v1/nominations/{done}/reject"),
            "anon=401 *=403 admin=422 noivu=422 nld1=404",
        ),
        case(
            "POST",
            "/api/v1/nominations/{id}/forward",
            format!("/api/v1/nominations/{done}/forward"),
            "anon=401 *=403 admin=422 noivu=422 nld1=404",
        ),
        case(
            "GET",
            "/api/v1/award-councils",
            "/api/v1/award-councils",
            readers,
        ),
        json(
            case(
                "POST",
                "/api/v1/award-councils",
                "/api/v1/award-councils",
                office_write(422),
            ),
            format!(r#"{{"name": "", "unit_id": {a}, "members": []}}"#),
        ),
        case(
            "GET",
            "/api/v1/award-councils/{id}",
            format!("/api/v1/award-councils/{k}"),
            readers,
        ),
        json(
            case(
                "POST",
                "/api/v1/award-councils/{id}/meetings",
                format!("/api/v1/award-councils/{k}/meetings"),
                office_write(422),
            ),
            r#"{"round_id": 999999, "held_on": "2025-12-20"}"#.into(),
        ),
        case(
            "GET",
            "/api/v1/meetings/{id}",
            format!("/api/v1/meetings/{m}"),
            readers,
        ),
        json(
            case(
                "POST",
                "/api/v1/meetings/{id}/recusals",
                format!("/api/v1/meetings/{m}/recusals"),
                office_write(422),
            ),
            format!(r#"{{"member_id": 999999, "nomination_id": {done}}}"#),
        ),
        case(
            "POST",
            "/api/v1/meetings/{id}/ballots",
            format!("/api/v1/meetings/{m}/ballots"),
            office_write(409),
        ),
        case(
            "GET",
            "/api/v1/ballots/{id}",
            format!("/api/v1/ballots/{bl}"),
            "anon=401 *=404 admin=200 noivu=200 hoidong1=200 lanhdao=200",
        ),
        json(
            case(
                "POST",
                "/api/v1/ballots/{id}/votes",
                format!("/api/v1/ballots/{bl}/votes"),
                "anon=401 *=404 admin=403 noivu=403 hoidong1=409 lanhdao=403",
            ),
            r#"{"choices": []}"#.into(),
        ),
        case(
            "POST",
            "/api/v1/ballots/{id}/close",
            format!("/api/v1/ballots/{bl}/close"),
            "anon=401 *=404 admin=409 noivu=409 hoidong1=403 lanhdao=403",
        ),
        case("GET", "/api/v1/decisions", "/api/v1/decisions", readers),
        json(
            case(
                "POST",
                "/api/v1/decisions",
                "/api/v1/decisions",
                office_write(422),
            ),
            r#"{"round_id": 999999, "summary": "Thử"}"#.into(),
        ),
        case(
            "GET",
            "/api/v1/decisions/{id}",
            format!("/api/v1/decisions/{d}"),
            readers,
        ),
        json(
            case(
                "PUT",
                "/api/v1/decisions/{id}",
                format!("/api/v1/decisions/{d}"),
                office_write(409),
            ),
            r#"{"summary": "Sửa", "signer": "Ai đó", "version": 1}"#.into(),
        ),
        json(
            case(
                "POST",
                "/api/v1/decisions/{id}/approve",
                format!("/api/v1/decisions/{d}/approve"),
                "anon=401 *=403 lanhdao=409 nld1=403",
            ),
            "{}".into(),
        ),
        case(
            "POST",
            "/api/v1/decisions/{id}/finalise",
            format!("/api/v1/decisions/{d}/finalise"),
            office_write(400),
        ),
        case(
            "GET",
            "/api/v1/decisions/{id}/docx",
            format!("/api/v1/decisions/{d}/docx"),
            readers,
        ),
        case(
            "GET",
            "/api/v1/decisions/{id}/certificates.pdf",
            format!("/api/v1/decisions/{d}/certificates.pdf"),
            readers,
        ),
        case(
            "GET",
            "/api/v1/people/{id}/record",
            format!("/api/v1/people/{pa}/record"),
            "anon=401 *=200 nld1=404",
        ),
        case(
            "GET",
            "/api/v1/people/{id}/record",
            format!("/api/v1/people/{own}/record"),
            "anon=401 *=200",
        ),
        case(
            "GET",
            "/api/v1/units/{id}/record",
            format!("/api/v1/units/{a}/record"),
            "anon=401 *=200 nld1=404",
        ),
        case(
            "GET",
            "/api/v1/units/{id}/record",
            format!("/api/v1/units/{b}/record"),
            "anon=401 *=200 donvi1=404 nld1=404",
        ),
        // Pages.
        case(
            "GET",
            "/xep-loai",
            format!("/xep-loai?don_vi={a}&nam=2025"),
            "anon=303 *=200 nld1=403",
        ),
        case(
            "GET",
            "/xep-loai",
            format!("/xep-loai?don_vi={b}&nam=2025"),
            "anon=303 *=200 donvi1=404 nld1=403",
        ),
        form(
            case(
                "POST",
                "/xep-loai",
                "/xep-loai",
                "anon=303 *=403 admin=422 noivu=422 donvi1=422 nld1=404",
            ),
            &[
                ("unit_id", &a.to_string()),
                ("year", "2025"),
                (&format!("r_{pa}"), "gioi"),
            ],
        ),
        case(
            "GET",
            "/xep-loai/xuat.xlsx",
            format!("/xep-loai/xuat.xlsx?don_vi={a}&nam=2025"),
            "anon=303 *=200 nld1=403",
        ),
        case(
            "GET",
            "/xep-loai/nhap",
            "/xep-loai/nhap",
            "anon=303 *=403 admin=200 noivu=200 donvi1=200",
        ),
        case(
            "GET",
            "/xep-loai/nhap/mau.xlsx",
            "/xep-loai/nhap/mau.xlsx",
            "anon=303 *=403 admin=200 noivu=200 donvi1=200",
        ),
        // Not a multipart body: refused (400) after the permission says yes.
        form(
            case(
                "POST",
                "/xep-loai/nhap",
                "/xep-loai/nhap",
                "anon=303 *=403 admin=400 noivu=400 donvi1=400",
            ),
            &[],
        ),
        form(
            case(
                "POST",
                "/xep-loai/nhap/xac-nhan",
                "/xep-loai/nhap/xac-nhan",
                "anon=303 *=403 admin=400 noivu=400 donvi1=400",
            ),
            &[("tep", "khong-phai-ma-tep")],
        ),
        form(
            case(
                "POST",
                "/xep-loai/khoa",
                "/xep-loai/khoa",
                "anon=303 *=403 admin=400 noivu=400",
            ),
            &[("year", "khong")],
        ),
        case("GET", "/dot-xet", "/dot-xet", "anon=303 *=200 nld1=403"),
        form(
            case(
                "POST",
                "/dot-xet",
                "/dot-xet",
                "anon=303 *=403 admin=422 noivu=422",
            ),
            &[
                ("name", ""),
                ("kind", "yearly"),
                ("year", "2025"),
                ("deadline", "31/12/2025"),
            ],
        ),
        case(
            "GET",
            "/dot-xet/{id}",
            format!("/dot-xet/{r}"),
            "anon=303 *=200 nld1=403",
        ),
        case(
            "GET",
            "/dot-xet/{id}",
            "/dot-xet/999999",
            "anon=303 *=404 nld1=403",
        ),
        form(
            case(
                "POST",
                "/dot-xet/{id}",
                format!("/dot-xet/{r}"),
                "anon=303 *=403 admin=422 noivu=422",
            ),
            &[("name", ""), ("deadline", "31/12/2099")],
        ),
        // Closed already: the office is sent back to the round's page, nothing changes.
        form(
            case(
                "POST",
                "/dot-xet/{id}/dong",
                format!("/dot-xet/{rc}/dong"),
                "anon=303 *=403 admin=303 noivu=303",
            ),
            &[],
        ),
        case("GET", "/de-nghi", "/de-nghi", "anon=303 *=200 nld1=403"),
        case(
            "GET",
            "/de-nghi/xuat.xlsx",
            format!("/de-nghi/xuat.xlsx?dot={r}"),
            "anon=303 *=200 nld1=403",
        ),
        case(
            "GET",
            "/de-nghi/nhap",
            format!("/de-nghi/nhap?dot={r}"),
            "anon=303 *=403 admin=200 noivu=200 donvi1=200",
        ),
        case(
            "GET",
            "/de-nghi/nhap/mau.xlsx",
            "/de-nghi/nhap/mau.xlsx",
            "anon=303 *=403 admin=200 noivu=200 donvi1=200",
        ),
        // Not a multipart body: refused (400) after the permission says yes.
        form(
            case(
                "POST",
                "/de-nghi/nhap",
                "/de-nghi/nhap",
                "anon=303 *=403 admin=400 noivu=400 donvi1=400",
            ),
            &[],
        ),
        form(
            case(
                "POST",
                "/de-nghi/nhap/xac-nhan",
                "/de-nghi/nhap/xac-nhan",
                "anon=303 *=403 admin=400 noivu=400 donvi1=400",
            ),
            &[("tep", "khong-phai-ma-tep")],
        ),
        form(
            case(
                "POST",
                "/de-nghi",
                "/de-nghi",
                "anon=303 *=403 admin=422 noivu=422 donvi1=422",
            ),
            &[
                ("round_id", &r.to_string()),
                ("person_id", &pa.to_string()),
                ("award", "khong_co"),
            ],
        ),
        case(
            "GET",
            "/de-nghi/{id}",
            format!("/de-nghi/{na}"),
            "anon=303 *=200 nld1=404",
        ),
        case(
            "GET",
            "/de-nghi/{id}",
            format!("/de-nghi/{nb}"),
            "anon=303 *=200 donvi1=404 nld1=404",
        ),
        form(
            case(
                "POST",
                "/de-nghi/{id}/{step}",
                format!("/de-nghi/{done}/tiep-nhan"),
                "anon=303 *=403 admin=422 noivu=422 nld1=404",
            ),
            &[],
        ),
        case(
            "GET",
            "/hoi-dong-khen-thuong",
            "/hoi-dong-khen-thuong",
            "anon=303 *=200 nld1=403",
        ),
        form(
            case(
                "POST",
                "/hoi-dong-khen-thuong/{id}/phien-hop",
                format!("/hoi-dong-khen-thuong/{k}/phien-hop"),
                "anon=303 *=403 admin=422 noivu=422",
            ),
            &[("round_id", &r.to_string()), ("held_on", "khong")],
        ),
        case(
            "GET",
            "/phien-hop/{id}",
            format!("/phien-hop/{m}"),
            "anon=303 *=200 nld1=403",
        ),
        form(
            case(
                "POST",
                "/phien-hop/{id}/khong-bieu-quyet",
                format!("/phien-hop/{m}/khong-bieu-quyet"),
                "anon=303 *=403 admin=422 noivu=422",
            ),
            &[("reason", "")],
        ),
        form(
            case(
                "POST",
                "/phien-hop/{id}/bo-phieu",
                format!("/phien-hop/{m}/bo-phieu"),
                "anon=303 *=403 admin=409 noivu=409",
            ),
            &[],
        ),
        case(
            "GET",
            "/bo-phieu/{id}",
            format!("/bo-phieu/{bl}"),
            "anon=303 *=404 admin=200 noivu=200 hoidong1=200 lanhdao=200",
        ),
        form(
            case(
                "POST",
                "/bo-phieu/{id}",
                format!("/bo-phieu/{bl}"),
                "anon=303 *=404 admin=403 noivu=403 hoidong1=409 lanhdao=403",
            ),
            &[],
        ),
        form(
            case(
                "POST",
                "/bo-phieu/{id}/dong",
                format!("/bo-phieu/{bl}/dong"),
                "anon=303 *=404 admin=409 noivu=409 hoidong1=403 lanhdao=403",
            ),
            &[],
        ),
        case(
            "GET",
            "/quyet-dinh",
            "/quyet-dinh",
            "anon=303 *=200 nld1=403",
        ),
        form(
            case(
                "POST",
                "/quyet-dinh",
                "/quyet-dinh",
                "anon=303 *=403 admin=422 noivu=422",
            ),
            &[("round_id", "999999"), ("summary", "Thử")],
        ),
        case(
            "GET",
            "/quyet-dinh/{id}",
            format!("/quyet-dinh/{d}"),
            "anon=303 *=200 nld1=403",
        ),
        case(
            "GET",
            "/quyet-dinh/{id}/quyet-dinh.docx",
            format!("/quyet-dinh/{d}/quyet-dinh.docx"),
            "anon=303 *=200 nld1=403",
        ),
        case(
            "GET",
            "/quyet-dinh/{id}/giay-khen.pdf",
            format!("/quyet-dinh/{d}/giay-khen.pdf"),
            "anon=303 *=200 nld1=403",
        ),
        form(
            case(
                "POST",
                "/quyet-dinh/{id}/duyet",
                format!("/quyet-dinh/{d}/duyet"),
                "anon=303 *=403 lanhdao=409 nld1=403",
            ),
            &[],
        ),
        form(
            case(
                "POST",
                "/quyet-dinh/{id}/noi-dung",
                format!("/quyet-dinh/{d}/noi-dung"),
                "anon=303 *=403 admin=409 noivu=409",
            ),
            &[("bases", "")],
        ),
        form(
            case(
                "POST",
                "/quyet-dinh/{id}/ban-quet",
                format!("/quyet-dinh/{d}/ban-quet"),
                "anon=303 *=403 admin=400 noivu=400",
            ),
            &[],
        ),
    ]
}

/// The exemplary models and the public board of the sample: its published collective profile (in
/// donvi1's ward, with a photo), its draft, a draft of donvi2's ward, its published 2024 decision
/// and a published initiative; and an attachment that is not a photo of a published profile.
struct ModelWorld {
    published: i64,
    draft_a: i64,
    draft_b: i64,
    photo: i64,
    not_a_photo: i64,
    decision: i64,
    initiative: i64,
}

impl ModelWorld {
    async fn new(store: &thidua_store::Store, a: i64, b: i64) -> Self {
        use thidua_store::models::ModelQuery;
        let all = store
            .models(&ModelQuery::default(), |_| true)
            .await
            .unwrap();
        let published = all
            .iter()
            .find(|m| m.status == "published" && m.unit_id == a && m.subject == "collective")
            .expect("the sample's collective profile")
            .id;
        let draft_a = all
            .iter()
            .find(|m| m.status == "draft" && m.unit_id == a)
            .expect("the sample's draft profile")
            .id;
        let draft_b = store
            .create_model(
                &Actor::system("test"),
                thidua_domain::exemplary::ModelInput {
                    kind: "nhan_to_moi".into(),
                    subject: "collective".into(),
                    unit_id: Some(b),
                    title: "Dự thảo của phường khác".into(),
                    year: 2024,
                    ..Default::default()
                }
                .validate(2025)
                .unwrap(),
            )
            .await
            .unwrap()
            .row
            .id;
        let photo = store
            .attachments(thidua_store::models::PHOTO_KIND, published)
            .await
            .unwrap()[0]
            .id;
        let board = store.board().await.unwrap();
        let decision = board.decisions[0].id;
        let not_a_photo = store
            .award_decision(decision)
            .await
            .unwrap()
            .unwrap()
            .attachments[0]
            .id;
        let initiative = board.initiatives[0].id;
        ModelWorld {
            published,
            draft_a,
            draft_b,
            photo,
            not_a_photo,
            decision,
            initiative,
        }
    }
}

fn model_cases(w: &ModelWorld, a: i64, b: i64) -> Vec<Case> {
    let (p, da, db) = (w.published, w.draft_a, w.draft_b);
    let model_form = |unit: i64| -> Vec<(&'static str, String)> {
        vec![
            ("kind", "dien_hinh_tien_tien".into()),
            ("subject", "collective".into()),
            ("unit_id", unit.to_string()),
            ("title", "".into()),
            ("year", "2024".into()),
        ]
    };
    let with = |mut c: Case, f: Vec<(&'static str, String)>| {
        c.payload = Payload::Form(f.into_iter().map(|(k, v)| (k.to_owned(), v)).collect());
        c
    };
    let model_json = |unit: i64| {
        format!(
            r#"{{"kind": "nhan_to_moi", "subject": "collective", "unit_id": {unit}, "title": "", "year": 2024}}"#
        )
    };
    let learned = format!(r#"{{"unit_id": {a}, "learned_on": "2025-03-01", "applied": ""}}"#);
    let a_s = a.to_string();
    vec![
        // Pages of those signed in.
        case("GET", "/dien-hinh", "/dien-hinh", "anon=303 *=200"),
        case(
            "GET",
            "/dien-hinh",
            "/dien-hinh?q=mot+cua&nam=2024&loai=nhan_to_moi",
            "anon=303 *=200",
        ),
        case(
            "GET",
            "/dien-hinh",
            "/dien-hinh?loai=khac",
            "anon=303 *=400",
        ),
        case(
            "GET",
            "/dien-hinh/moi",
            "/dien-hinh/moi",
            "anon=303 *=403 admin=200 noivu=200 donvi1=200",
        ),
        with(
            case(
                "POST",
                "/dien-hinh",
                "/dien-hinh",
                "anon=303 *=403 admin=422 noivu=422 donvi1=422",
            ),
            model_form(a),
        ),
        with(
            case(
                "POST",
                "/dien-hinh",
                "/dien-hinh",
                "anon=303 *=403 admin=422 noivu=422 donvi1=404",
            ),
            model_form(b),
        ),
        case(
            "GET",
            "/dien-hinh/nhan-to-moi",
            "/dien-hinh/nhan-to-moi?nam=2024",
            "anon=303 *=200",
        ),
        case(
            "GET",
            "/dien-hinh/{id}",
            format!("/dien-hinh/{p}"),
            "anon=303 *=200",
        ),
        case(
            "GET",
            "/dien-hinh/{id}",
            format!("/dien-hinh/{da}"),
            "anon=303 *=200 nld1=404",
        ),
        case(
            "GET",
            "/dien-hinh/{id}",
            format!("/dien-hinh/{db}"),
            "anon=303 *=200 donvi1=404 nld1=404",
        ),
        case(
            "GET",
            "/dien-hinh/{id}",
            "/dien-hinh/999999",
            "anon=303 *=404",
        ),
        form(
            case(
                "POST",
                "/dien-hinh/{id}/cong-bo",
                format!("/dien-hinh/{db}/cong-bo"),
                "anon=303 *=403 admin=303 noivu=303 donvi1=404 nld1=404",
            ),
            &[("publish", "0")],
        ),
        with(
            case(
                "POST",
                "/dien-hinh/{id}/hoc-tap",
                format!("/dien-hinh/{p}/hoc-tap"),
                "anon=303 *=403 admin=422 noivu=422 donvi1=422",
            ),
            vec![
                ("unit_id", a_s.clone()),
                ("learned_on", "2025-03-01".into()),
                ("applied", "".into()),
            ],
        ),
        form(
            case(
                "POST",
                "/dien-hinh/{id}/anh",
                format!("/dien-hinh/{da}/anh"),
                "anon=303 *=403 admin=400 noivu=400 donvi1=400 nld1=404",
            ),
            &[],
        ),
        form(
            case(
                "POST",
                "/dien-hinh/{id}/anh",
                format!("/dien-hinh/{db}/anh"),
                "anon=303 *=403 admin=400 noivu=400 donvi1=404 nld1=404",
            ),
            &[],
        ),
        form(
            case(
                "POST",
                "/quyet-dinh/{id}/cong-bo",
                format!("/quyet-dinh/{}/cong-bo", w.decision),
                "anon=303 *=403 admin=303 noivu=303",
            ),
            &[("publish", "1")],
        ),
        form(
            case(
                "POST",
                "/sang-kien/{id}/cong-bo",
                format!("/sang-kien/{}/cong-bo", w.initiative),
                "anon=303 *=403 admin=303 noivu=303",
            ),
            &[("publish", "1")],
        ),
        // The API.
        case("GET", "/api/v1/models", "/api/v1/models", "anon=401 *=200"),
        json(
            case(
                "POST",
                "/api/v1/models",
                "/api/v1/models",
                "anon=401 *=403 admin=422 noivu=422 donvi1=422",
            ),
            model_json(a),
        ),
        json(
            case(
                "POST",
                "/api/v1/models",
                "/api/v1/models",
                "anon=401 *=403 admin=422 noivu=422 donvi1=404",
            ),
            model_json(b),
        ),
        case(
            "GET",
            "/api/v1/models/{id}",
            format!("/api/v1/models/{p}"),
            "anon=401 *=200",
        ),
        case(
            "GET",
            "/api/v1/models/{id}",
            format!("/api/v1/models/{da}"),
            "anon=401 *=200 nld1=404",
        ),
        case(
            "GET",
            "/api/v1/models/{id}",
            format!("/api/v1/models/{db}"),
            "anon=401 *=200 donvi1=404 nld1=404",
        ),
        json(
            case(
                "POST",
                "/api/v1/models/{id}/publish",
                format!("/api/v1/models/{db}/publish"),
                "anon=401 *=403 admin=200 noivu=200 donvi1=404 nld1=404",
            ),
            r#"{"published": false}"#.into(),
        ),
        json(
            case(
                "POST",
                "/api/v1/models/{id}/replications",
                format!("/api/v1/models/{p}/replications"),
                "anon=401 *=403 admin=422 noivu=422 donvi1=422",
            ),
            learned,
        ),
        // The public board: everyone; what was not published is not there, whatever the address.
        case("GET", "/bang-vang", "/bang-vang", "anon=200 *=200"),
        case(
            "GET",
            "/bang-vang",
            "/bang-vang?muc=dien-hinh&q=mot+cua&trang=1",
            "anon=200 *=200",
        ),
        case("GET", "/bang-vang", "/bang-vang?muc=khac", "anon=400 *=400"),
        case(
            "GET",
            "/bang-vang/dien-hinh/{id}",
            format!("/bang-vang/dien-hinh/{p}"),
            "anon=200 *=200",
        ),
        case(
            "GET",
            "/bang-vang/dien-hinh/{id}",
            format!("/bang-vang/dien-hinh/{da}"),
            "anon=404 *=404",
        ),
        case(
            "GET",
            "/bang-vang/dien-hinh/{id}",
            format!("/bang-vang/dien-hinh/{db}"),
            "anon=404 *=404",
        ),
        case(
            "GET",
            "/bang-vang/quyet-dinh/{id}",
            format!("/bang-vang/quyet-dinh/{}", w.decision),
            "anon=200 *=200",
        ),
        case(
            "GET",
            "/bang-vang/quyet-dinh/{id}",
            "/bang-vang/quyet-dinh/999999",
            "anon=404 *=404",
        ),
        case(
            "GET",
            "/bang-vang/sang-kien/{id}",
            format!("/bang-vang/sang-kien/{}", w.initiative),
            "anon=200 *=200",
        ),
        case(
            "GET",
            "/bang-vang/anh/{id}",
            format!("/bang-vang/anh/{}", w.photo),
            "anon=200 *=200",
        ),
        case(
            "GET",
            "/bang-vang/anh/{id}",
            format!("/bang-vang/anh/{}", w.not_a_photo),
            "anon=404 *=404",
        ),
    ]
}

/// The dossier's papers (`api_documents`) and the administrator's templates (`doc_templates`).
fn document_cases(w: &CommendationWorld, i: &Initiatives) -> Vec<Case> {
    let (a, own, rc, m) = (w.a, w.own, w.closed_round, w.meeting);
    let (p, d) = (i.published, i.ward_draft);
    vec![
        case(
            "GET",
            "/api/v1/award-rounds/{id}/to-trinh.docx",
            format!("/api/v1/award-rounds/{rc}/to-trinh.docx"),
            "anon=401 *=403 admin=200 noivu=200",
        ),
        case(
            "GET",
            "/dot-xet/{id}/to-trinh.docx",
            format!("/dot-xet/{rc}/to-trinh.docx"),
            "anon=303 *=403 admin=200 noivu=200",
        ),
        case(
            "GET",
            "/api/v1/meetings/{id}/bien-ban.docx",
            format!("/api/v1/meetings/{m}/bien-ban.docx"),
            "anon=401 *=200 donvi1=404 ldld=404 nld1=403",
        ),
        case(
            "GET",
            "/phien-hop/{id}/bien-ban.docx",
            format!("/phien-hop/{m}/bien-ban.docx"),
            "anon=303 *=200 donvi1=404 ldld=404 nld1=403",
        ),
        case(
            "GET",
            "/api/v1/people/{id}/mau-03.docx",
            format!("/api/v1/people/{own}/mau-03.docx"),
            "anon=401 *=200",
        ),
        case(
            "GET",
            "/nguoi/{id}/mau-03.docx",
            format!("/nguoi/{own}/mau-03.docx"),
            "anon=303 *=200",
        ),
        case(
            "GET",
            "/api/v1/units/{id}/mau-02.docx",
            format!("/api/v1/units/{a}/mau-02.docx"),
            "anon=401 *=200 nld1=404",
        ),
        case(
            "GET",
            "/don-vi/{id}/mau-02.docx",
            format!("/don-vi/{a}/mau-02.docx"),
            "anon=303 *=200 nld1=404",
        ),
        case(
            "GET",
            "/api/v1/initiatives/{id}/certificate.pdf",
            format!("/api/v1/initiatives/{p}/certificate.pdf"),
            "anon=200 *=200",
        ),
        case(
            "GET",
            "/api/v1/initiatives/{id}/certificate.pdf",
            format!("/api/v1/initiatives/{d}/certificate.pdf"),
            "anon=401 *=409 hoidong1=404 nld1=404",
        ),
        case(
            "GET",
            "/sang-kien/{id}/giay-chung-nhan.pdf",
            format!("/sang-kien/{p}/giay-chung-nhan.pdf"),
            "anon=200 *=200",
        ),
        case(
            "GET",
            "/api/v1/initiatives/{id}/data-sheet.docx",
            format!("/api/v1/initiatives/{p}/data-sheet.docx"),
            "anon=200 *=200",
        ),
        case(
            "GET",
            "/sang-kien/{id}/phieu-thong-tin.docx",
            format!("/sang-kien/{d}/phieu-thong-tin.docx"),
            "anon=303 *=409 hoidong1=404 nld1=404",
        ),
        case(
            "GET",
            "/quan-tri/mau-van-ban",
            "/quan-tri/mau-van-ban",
            "anon=303 *=403 admin=200",
        ),
        form(
            case(
                "POST",
                "/quan-tri/mau-van-ban/{kind}",
                "/quan-tri/mau-van-ban/quyet-dinh",
                "anon=303 *=403 admin=400",
            ),
            &[],
        ),
        case(
            "GET",
            "/quan-tri/mau-van-ban/{kind}/mac-dinh.docx",
            "/quan-tri/mau-van-ban/quyet-dinh/mac-dinh.docx",
            "anon=303 *=403 admin=200",
        ),
        case(
            "GET",
            "/quan-tri/mau-van-ban/{kind}/hien-hanh.docx",
            "/quan-tri/mau-van-ban/quyet-dinh/hien-hanh.docx",
            "anon=303 *=403 admin=404",
        ),
        form(
            case(
                "POST",
                "/quan-tri/mau-van-ban/{kind}/khoi-phuc",
                "/quan-tri/mau-van-ban/quyet-dinh/khoi-phuc",
                "anon=303 *=403 admin=303",
            ),
            &[],
        ),
        case(
            "GET",
            "/quan-tri/cai-dat",
            "/quan-tri/cai-dat",
            "anon=303 *=403 admin=200",
        ),
        form(
            case(
                "POST",
                "/quan-tri/cai-dat",
                "/quan-tri/cai-dat",
                "anon=303 *=403 admin=303",
            ),
            &[("import_max_mb", "20")],
        ),
        // The other documents' templates answer the same (here the council's minutes).
        form(
            case(
                "POST",
                "/quan-tri/mau-van-ban/{kind}",
                "/quan-tri/mau-van-ban/bien-ban",
                "anon=303 *=403 admin=400",
            ),
            &[],
        ),
        case(
            "GET",
            "/quan-tri/mau-van-ban/{kind}/mac-dinh.docx",
            "/quan-tri/mau-van-ban/bien-ban/mac-dinh.docx",
            "anon=303 *=403 admin=200",
        ),
        case(
            "GET",
            "/quan-tri/mau-van-ban/{kind}/hien-hanh.docx",
            "/quan-tri/mau-van-ban/mau-03/hien-hanh.docx",
            "anon=303 *=403 admin=404",
        ),
        form(
            case(
                "POST",
                "/quan-tri/mau-van-ban/{kind}/khoi-phuc",
                "/quan-tri/mau-van-ban/cong-van/khoi-phuc",
                "anon=303 *=403 admin=303",
            ),
            &[],
        ),
    ]
}

/// Review reports and dashboards: the city for the office, the leader, councils and the union; a
/// unit officer their own unit (by default, or asked), not the city nor another unit; a worker none.
fn report_cases(ward: i64, other: i64) -> Vec<Case> {
    let pages = "anon=303 *=200 nld1=403";
    let api = "anon=401 *=200 nld1=403";
    vec![
        case(
            "GET",
            "/bang-dieu-khien",
            "/bang-dieu-khien",
            "anon=303 *=200",
        ),
        // The pre-check of everyone: the office over the city, a unit officer over their units.
        case(
            "GET",
            "/ra-soat",
            "/ra-soat?nam=2025",
            "anon=303 *=403 admin=200 noivu=200 donvi1=200",
        ),
        case(
            "GET",
            "/ra-soat/xuat.xlsx",
            format!("/ra-soat/xuat.xlsx?nam=2025&don_vi={ward}&danh_hieu=lao_dong_tien_tien"),
            "anon=303 *=403 admin=200 noivu=200 donvi1=200",
        ),
        case(
            "GET",
            "/api/v1/prechecks/{year}",
            "/api/v1/prechecks/2025",
            "anon=401 *=403 admin=200 noivu=200 donvi1=200",
        ),
        case("GET", "/bao-cao", "/bao-cao?ky=2025", pages),
        case(
            "GET",
            "/bao-cao",
            "/bao-cao?ky=2025&nhom=1",
            "anon=303 *=200 donvi1=403 nld1=403",
        ),
        case(
            "GET",
            "/bao-cao",
            format!("/bao-cao?ky=2025&don_vi={ward}"),
            "anon=303 *=200 nld1=404",
        ),
        case(
            "GET",
            "/bao-cao",
            format!("/bao-cao?ky=2025&don_vi={other}"),
            "anon=303 *=200 donvi1=404 nld1=404",
        ),
        case(
            "GET",
            "/bao-cao",
            "/bao-cao?ky=2025-h2",
            "anon=303 *=422 nld1=422",
        ),
        case(
            "GET",
            "/bao-cao/bao-cao.docx",
            "/bao-cao/bao-cao.docx?ky=2025",
            pages,
        ),
        case(
            "GET",
            "/bao-cao/bao-cao.xlsx",
            "/bao-cao/bao-cao.xlsx?ky=2025",
            pages,
        ),
        case(
            "GET",
            "/api/v1/reports/{period}",
            "/api/v1/reports/2025",
            api,
        ),
        case(
            "GET",
            "/api/v1/reports/{period}",
            "/api/v1/reports/2021-2025?group=1",
            "anon=401 *=200 donvi1=403 nld1=403",
        ),
        case(
            "GET",
            "/api/v1/reports/{period}",
            format!("/api/v1/reports/2025?unit={other}"),
            "anon=401 *=200 donvi1=404 nld1=404",
        ),
        case(
            "GET",
            "/api/v1/reports/{period}",
            "/api/v1/reports/2025-h3",
            "anon=401 *=422",
        ),
        case(
            "GET",
            "/api/v1/reports/{period}/docx",
            "/api/v1/reports/2025/docx",
            api,
        ),
        case(
            "GET",
            "/api/v1/reports/{period}/xlsx",
            format!("/api/v1/reports/2025/xlsx?unit={ward}"),
            "anon=401 *=200 nld1=404",
        ),
    ]
}
