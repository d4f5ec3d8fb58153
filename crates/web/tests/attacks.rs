//! Bad input and attack: wrong passwords, guessing, forged, expired and revoked tokens, missing or
//! wrong CSRF tokens, another unit's data by id, oversized bodies, script in text fields. Each gets the
//! right status and a Vietnamese message, changes nothing, and leaves a trace.

mod common;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{header, Request, StatusCode};
use common::{TestApp, PASSWORD};
use sea_orm::{ConnectionTrait, EntityTrait, PaginatorTrait};
use std::net::SocketAddr;
use thidua_domain::access::Role;
use thidua_store::accounts::LoginLimits;

fn login_request(username: &str, password: &str, from: &str) -> Request<Body> {
    let mut req = Request::post("/api/v1/auth/login")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(
            serde_json::json!({"username": username, "password": password}).to_string(),
        ))
        .unwrap();
    let addr: SocketAddr = format!("{from}:40000").parse().unwrap();
    req.extensions_mut().insert(ConnectInfo(addr));
    req
}

#[tokio::test]
async fn wrong_passwords_say_nothing_about_the_account_and_guessing_is_stopped() {
    let limits = LoginLimits {
        per_name_and_address: 5,
        per_address: 12,
        slow_after: 2,
        base_delay: std::time::Duration::from_millis(1),
        max_delay: std::time::Duration::from_millis(4),
        ..Default::default()
    };
    let app = TestApp::with_limits(limits).await;
    app.add_user("lanhdao", &[Role::Leader], None, None).await;
    app.add_user("canbo", &[Role::CouncilMember], None, None)
        .await;

    // The same answer whether the name exists or not.
    let wrong = app
        .send_raw(login_request("lanhdao", "sai-mat-khau-9", "198.51.100.7"))
        .await;
    let nobody = app
        .send_raw(login_request(
            "khongtontai",
            "sai-mat-khau-9",
            "198.51.100.7",
        ))
        .await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert_eq!(nobody.status, StatusCode::UNAUTHORIZED);
    assert_eq!(wrong.json()["error"], nobody.json()["error"]);
    assert_eq!(wrong.json()["error"]["code"], "unauthorized");

    // Someone at one address guesses the leader's password until that pair is blocked…
    for _ in 0..4 {
        let r = app
            .send_raw(login_request("lanhdao", "doan-mo-1234", "198.51.100.7"))
            .await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    }
    let blocked = app
        .send_raw(login_request("lanhdao", PASSWORD, "198.51.100.7"))
        .await;
    assert_eq!(
        blocked.status,
        StatusCode::TOO_MANY_REQUESTS,
        "{}",
        blocked.body
    );
    assert_eq!(blocked.json()["error"]["code"], "rate_limited");
    assert!(blocked.headers.contains_key(header::RETRY_AFTER));
    // …but the leader still logs in from anywhere else,
    let elsewhere = app
        .send_raw(login_request("lanhdao", PASSWORD, "203.0.113.20"))
        .await;
    assert_eq!(elsewhere.status, StatusCode::OK, "{}", elsewhere.body);
    // and a colleague behind the same address is not locked out by one person's guessing.
    let colleague = app
        .send_raw(login_request("canbo", PASSWORD, "198.51.100.7"))
        .await;
    assert_eq!(colleague.status, StatusCode::OK, "{}", colleague.body);

    // Many names guessed from one address: the looser per-address limit stops that address.
    for i in 0..8 {
        app.send_raw(login_request(
            &format!("ten{i}"),
            "doan-mo-1234",
            "198.51.100.7",
        ))
        .await;
    }
    let flooded = app
        .send_raw(login_request("canbo", PASSWORD, "198.51.100.7"))
        .await;
    assert_eq!(flooded.status, StatusCode::TOO_MANY_REQUESTS);
    // Every failure is recorded.
    let failures = thidua_store::entity::login_failures::Entity::find()
        .count(app.db.store.connection())
        .await
        .unwrap();
    // 1 + 5 for the leader's pair and the unknown name, 6 more names until the address was blocked.
    assert_eq!(failures, 12);
}

#[tokio::test]
async fn forged_expired_and_revoked_tokens_get_401() {
    let app = TestApp::new().await;
    let token = app.login.clone().unwrap().token;
    let me = |t: &str| {
        Request::get("/api/v1/auth/me")
            .header(header::AUTHORIZATION, format!("Bearer {t}"))
            .body(Body::empty())
            .unwrap()
    };
    assert_eq!(app.send_raw(me(&token)).await.status, StatusCode::OK);
    for forged in [
        "thd_0000",
        "",
        "Bearer",
        &format!("{token}x"),
        &"a".repeat(500),
    ] {
        let r = app.send_raw(me(forged)).await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{forged}");
        assert_eq!(r.json()["error"]["code"], "unauthorized");
    }
    // Without any token.
    let r = app.anonymous().get("/api/v1/people").await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);

    // A token of its own, then expired directly in the database.
    let issued = app
        .send_json(
            "POST",
            "/api/v1/tokens",
            r#"{"label": "hết hạn", "days": 1}"#,
        )
        .await;
    assert_eq!(issued.status, StatusCode::CREATED, "{}", issued.body);
    let expiring = issued.json()["token"].as_str().unwrap().to_owned();
    let id = issued.json()["id"].as_i64().unwrap();
    assert_eq!(app.send_raw(me(&expiring)).await.status, StatusCode::OK);
    app.db
        .store
        .connection()
        .execute_unprepared(&format!(
            "UPDATE sessions SET expires_at = '2020-01-01T00:00:00Z' WHERE id = {id}"
        ))
        .await
        .unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(
        thidua_web::auth::CACHE_SECONDS * 1000 + 200,
    ))
    .await;
    assert_eq!(
        app.send_raw(me(&expiring)).await.status,
        StatusCode::UNAUTHORIZED
    );

    // Logging out ends the token at once.
    let r = app.send_json("POST", "/api/v1/auth/logout", "").await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    assert_eq!(
        app.send_raw(me(&token)).await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn locking_an_account_ends_its_sessions_and_refuses_its_logins() {
    let app = TestApp::new().await;
    let id = app
        .add_user("bikhoa", &[Role::CouncilMember], None, None)
        .await;
    let victim = app.as_user("bikhoa").await;
    assert_eq!(victim.get("/api/v1/auth/me").await.status, StatusCode::OK);
    let r = app
        .send_json(
            "PUT",
            &format!("/api/v1/users/{id}"),
            r#"{"display_name": "Bị khoá", "roles": ["council_member"], "locked": true}"#,
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(
        victim.get("/api/v1/auth/me").await.status,
        StatusCode::UNAUTHORIZED
    );
    let again = app
        .send_raw(login_request("bikhoa", PASSWORD, "192.0.2.50"))
        .await;
    assert_eq!(again.status, StatusCode::UNAUTHORIZED);
    // An administrator cannot lock themselves out.
    let me = app.get("/api/v1/auth/me").await.json()["id"]
        .as_i64()
        .unwrap();
    let r = app
        .send_json(
            "PUT",
            &format!("/api/v1/users/{me}"),
            r#"{"display_name": "Tôi", "roles": ["admin"], "locked": true}"#,
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn forms_without_the_right_csrf_token_are_refused_and_change_nothing() {
    let (app, ward, _) = TestApp::with_directory().await;
    let login = app.login.clone().unwrap();
    let before = app.get("/api/v1/people").await.json()["total"].clone();
    let fields = [
        ("full_name", "Người Giả Mạo"),
        ("unit_id", &ward.to_string()),
        ("category", "cong_chuc"),
    ];
    for token in [None, Some("sai"), Some(&"0".repeat(48)[..])] {
        let mut f: Vec<(&str, &str)> = fields.to_vec();
        if let Some(t) = token {
            f.push(("_csrf", t));
        }
        let req = Request::post("/nguoi/moi")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::COOKIE, format!("thidua_session={}", login.token))
            .body(Body::from(serde_urlencoded::to_string(&f).unwrap()))
            .unwrap();
        let r = app.send_raw(req).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{token:?}");
        assert!(r.body.contains("mã chống giả mạo"), "{}", r.body);
    }
    // Logging in from a forged form (no CSRF cookie) is refused too.
    let req = Request::post("/dang-nhap")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from("username=quantri&password=x&_csrf=abc"))
        .unwrap();
    assert_eq!(app.send_raw(req).await.status, StatusCode::FORBIDDEN);
    assert_eq!(app.get("/api/v1/people").await.json()["total"], before);
    // With the token, it goes through.
    let ok = app.post_form("/nguoi/moi", &fields).await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
}

#[tokio::test]
async fn a_unit_officer_cannot_reach_or_move_another_units_people() {
    let (app, ward_a, people) = TestApp::with_directory().await;
    let city = app.db.store.unit(ward_a).await.unwrap().unwrap().parent_id;
    let b = app
        .send_json(
            "POST",
            "/api/v1/units",
            &format!(r#"{{"code": "P-BAC-LENH", "name": "Phường Bắc Lệnh", "kind": "ward_commune", "parent_id": {}}}"#, city.unwrap()),
        )
        .await
        .json()["id"]
        .as_i64()
        .unwrap();
    app.add_user("donvia", &[Role::UnitOfficer], Some(ward_a), None)
        .await;
    app.add_user("donvib", &[Role::UnitOfficer], Some(b), None)
        .await;
    let officer_b = app.as_user("donvib").await;
    let pa = people[0];
    // Reading by id: as if it did not exist.
    for uri in [
        format!("/api/v1/people/{pa}"),
        format!("/api/v1/units/{ward_a}"),
    ] {
        let r = officer_b.get(&uri).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{uri}");
        assert_eq!(r.json()["error"]["code"], "not_found");
    }
    assert_eq!(
        officer_b.get(&format!("/nguoi/{pa}")).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        officer_b.get(&format!("/don-vi/{ward_a}")).await.status,
        StatusCode::NOT_FOUND
    );
    // Lists show only their own unit's people.
    let list = officer_b.get("/api/v1/people").await.json();
    assert_eq!(list["total"], 0, "{list}");
    assert_eq!(
        app.as_user("donvia")
            .await
            .get("/api/v1/people")
            .await
            .json()["total"],
        3
    );
    // Pulling a person of ward A into ward B, or pushing one's own into ward A: refused, unchanged.
    let officer_a = app.as_user("donvia").await;
    let move_to_b = |officer: TestApp| async move {
        officer
            .send_json(
                "PUT",
                &format!("/api/v1/people/{pa}"),
                &format!(
                    r#"{{"full_name": "Nguyễn Văn Đức", "unit_id": {b}, "category": "cong_chuc"}}"#
                ),
            )
            .await
    };
    let r = move_to_b(officer_a).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.body);
    assert_eq!(
        app.db.store.person(pa).await.unwrap().unwrap().unit_id,
        ward_a
    );
    let r = move_to_b(officer_b).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(
        app.db.store.person(pa).await.unwrap().unwrap().unit_id,
        ward_a
    );
}

#[tokio::test]
async fn oversized_bodies_get_413_on_pages_and_api() {
    let app = TestApp::new().await;
    let big = "x".repeat(thidua_web::MAX_BODY_BYTES + 10);
    let r = app
        .send_json(
            "POST",
            "/api/v1/people",
            &format!(r#"{{"full_name": "{big}"}}"#),
        )
        .await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    let r = app.post_form("/nguoi/moi", &[("full_name", &big)]).await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
}

#[tokio::test]
async fn script_in_text_fields_is_stored_as_typed_and_shown_escaped() {
    let (app, ward, _) = TestApp::with_directory().await;
    let script = "<script>alert('x')</script>";
    let r = app
        .send_json(
            "POST",
            "/api/v1/people",
            &serde_json::json!({"full_name": "Lò Thị Mai", "unit_id": ward, "category": "vien_chuc", "position": script}).to_string(),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let id = r.json()["id"].as_i64().unwrap();
    assert_eq!(r.json()["position"], script);
    let page = app.get(&format!("/nguoi/{id}")).await;
    assert!(!page.body.contains(script));
    assert!(page.body.contains("&lt;script&gt;"), "{}", page.body);
    // In the list of people too (whose rows are written without the template engine).
    let list = app.get("/nguoi?q=lo+thi+mai").await;
    assert!(list.body.contains("Lò Thị Mai"), "{}", list.body);
    assert!(!list.body.contains(script));
    assert!(list.body.contains("&lt;script&gt;"));
    // An account's display name, shown on the administration pages.
    let r = app
        .send_json(
            "POST",
            "/api/v1/users",
            &serde_json::json!({"username": "xss", "display_name": script, "password": PASSWORD, "roles": ["council_member"]}).to_string(),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let page = app.get("/quan-tri/nguoi-dung").await;
    assert!(!page.body.contains(script));
    assert!(page.body.contains("&lt;script&gt;"));
}

#[tokio::test]
async fn logging_in_and_out_on_the_pages() {
    let app = TestApp::anonymous_app().await;
    app.add_user("canbo", &[Role::TdktOffice], None, None).await;
    // A page that needs a log-in sends there, remembering where the user was going.
    let r = app.get("/nguoi?q=an").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(r.location(), "/dang-nhap?next=%2Fnguoi%3Fq%3Dan");
    let form = app.get("/dang-nhap?next=/nguoi").await;
    let cookie = form
        .headers
        .get(header::SET_COOKIE)
        .and_then(|v| v.to_str().ok())
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    let csrf = cookie.split('=').nth(1).unwrap().to_owned();
    assert!(form.body.contains(&csrf));
    let post = |pw: &str, next: &str| {
        Request::post("/dang-nhap")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::COOKIE, cookie.clone())
            .body(Body::from(
                serde_urlencoded::to_string([
                    ("username", "canbo"),
                    ("password", pw),
                    ("next", next),
                    ("_csrf", &csrf),
                ])
                .unwrap(),
            ))
            .unwrap()
    };
    let bad = app.send_raw(post("sai-mat-khau-1", "/nguoi")).await;
    assert_eq!(bad.status, StatusCode::UNAUTHORIZED);
    assert!(bad.body.contains("Tên đăng nhập hoặc mật khẩu không đúng"));
    assert!(bad.body.contains("value=\"canbo\""), "the name typed stays");
    let ok = app.send_raw(post(PASSWORD, "https://evil.example/")).await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER);
    assert_eq!(ok.location(), "/", "only local paths are followed");
    let set = ok
        .headers
        .get(header::SET_COOKIE)
        .and_then(|v| v.to_str().ok())
        .unwrap()
        .to_owned();
    assert!(set.starts_with("thidua_session="));
    for attr in ["HttpOnly", "SameSite=Lax", "Path=/"] {
        assert!(set.contains(attr), "{set}");
    }
    // The login is in the audit log, from the address it came from.
    let q = thidua_store::audit::AuditQuery {
        entity: Some("session".into()),
        page: 1,
        per_page: 10,
        ..Default::default()
    };
    let entries = app.db.store.audit_list(&q).await.unwrap();
    assert!(entries
        .items
        .iter()
        .any(|e| e.action == "login" && e.actor == "canbo"));
}
