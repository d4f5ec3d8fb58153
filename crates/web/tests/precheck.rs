//! The pre-check of everyone (`/ra-soat`, `/api/v1/prechecks/{year}`): who may run it and over
//! whom, the page's counts against the API's, a unit's list and its Excel in the nomination
//! list's columns.

mod common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use calamine::Reader;
use common::TestApp;
use http_body_util::BodyExt;
use std::collections::HashSet;
use tower::ServiceExt;

async fn sample() -> TestApp {
    let base = TestApp::anonymous_app().await;
    let store = &base.db.store;
    store
        .load_sample(thidua_sample::Scale::City, 1, &|_, _| {})
        .await
        .unwrap();
    store.create_demo_accounts().await.unwrap();
    base
}

fn title<'a>(v: &'a serde_json::Value, code: &str) -> &'a serde_json::Value {
    v["titles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["title"] == code)
        .unwrap_or_else(|| panic!("{code} in {v}"))
}

#[tokio::test]
async fn the_office_prechecks_everyone_and_a_unit_officer_their_units() {
    let base = sample().await;
    let store = &base.db.store;
    let noivu = base.as_user("noivu").await;
    let all = noivu.get("/api/v1/prechecks/2025").await;
    assert_eq!(all.status, StatusCode::OK, "{}", all.body);
    let all = all.json();
    let people = store
        .people_search_all(&Default::default())
        .await
        .unwrap()
        .len();
    assert_eq!(all["people"].as_u64().unwrap() as usize, people);
    assert_eq!(all["decision_date"], "2025-12-31");
    let ltt = title(&all, "lao_dong_tien_tien");
    assert_eq!(ltt["judged"].as_u64().unwrap() as usize, people);
    let everyone: Vec<i64> = ltt["eligible"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_i64().unwrap())
        .collect();
    assert!(!everyone.is_empty());

    // donvi1: only the people of their units, and the same verdicts for them.
    let me = store.user_by_name("donvi1").await.unwrap().unwrap();
    // Their unit and the units under it.
    let units = store.units_all().await.unwrap();
    let mut scope: HashSet<i64> = me.user.unit_id.into_iter().collect();
    loop {
        let before = scope.len();
        for u in &units {
            if u.parent_id.is_some_and(|p| scope.contains(&p)) {
                scope.insert(u.id);
            }
        }
        if scope.len() == before {
            break;
        }
    }
    let donvi1 = base.as_user("donvi1").await;
    let mine = donvi1.get("/api/v1/prechecks/2025").await;
    assert_eq!(mine.status, StatusCode::OK, "{}", mine.body);
    let mine = mine.json();
    assert!(mine["people"].as_u64().unwrap() > 0);
    assert!((mine["people"].as_u64().unwrap() as usize) < people);
    let theirs: Vec<i64> = title(&mine, "lao_dong_tien_tien")["eligible"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_i64().unwrap())
        .collect();
    let by_id = store.people_by_ids(&everyone).await.unwrap();
    let expected: Vec<i64> = everyone
        .iter()
        .copied()
        .filter(|id| scope.contains(&by_id[id].unit_id))
        .collect();
    assert_eq!(theirs, expected);

    // Workers, the public and a bad year.
    assert_eq!(
        base.as_user("nld1")
            .await
            .get("/api/v1/prechecks/2025")
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        base.get("/api/v1/prechecks/2025").await.status,
        StatusCode::UNAUTHORIZED
    );
    let bad = noivu.get("/api/v1/prechecks/hai-nghin").await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(bad.body.contains("Năm không hợp lệ"), "{}", bad.body);
}

#[tokio::test]
async fn the_page_counts_as_the_api_and_lists_a_units_people_with_their_excel() {
    let base = sample().await;
    let noivu = base.as_user("noivu").await;
    let api = noivu.get("/api/v1/prechecks/2025").await.json();
    let page = noivu.get("/ra-soat?nam=2025").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("Rà soát điều kiện khen thưởng năm 2025"));
    assert!(page.body.contains("href=\"/ra-soat\""), "the menu links it");
    for t in api["titles"].as_array().unwrap() {
        let cell = format!(
            "data-title=\"{}\">{}</td>",
            t["title"].as_str().unwrap(),
            t["eligible"].as_array().unwrap().len()
        );
        assert!(page.body.contains(&cell), "{cell}");
    }
    // The first eligible person's unit: its list names them, and its Excel too.
    let first = title(&api, "lao_dong_tien_tien")["eligible"][0]
        .as_i64()
        .unwrap();
    let person = base.db.store.person(first).await.unwrap().unwrap();
    let list = noivu
        .get(&format!(
            "/ra-soat?nam=2025&don_vi={}&danh_hieu=lao_dong_tien_tien",
            person.unit_id
        ))
        .await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(
        list.body.contains(&format!("href=\"/nguoi/{first}\"")),
        "{}",
        list.body
    );
    assert!(list.body.contains(&person.full_name));

    let uri = format!(
        "/ra-soat/xuat.xlsx?nam=2025&don_vi={}&danh_hieu=lao_dong_tien_tien",
        person.unit_id
    );
    let mut req = Request::get(&uri).body(Body::empty()).unwrap();
    req.headers_mut().insert(
        header::COOKIE,
        format!("thidua_session={}", noivu.login.as_ref().unwrap().token)
            .parse()
            .unwrap(),
    );
    let res = noivu.router.clone().oneshot(req).await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let bytes = res.into_body().collect().await.unwrap().to_bytes();
    let mut wb: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let name = wb.sheet_names()[0].clone();
    let rows: Vec<Vec<calamine::Data>> = wb
        .worksheet_range(&name)
        .unwrap()
        .rows()
        .map(|r| r.to_vec())
        .collect();
    let headers: Vec<String> = rows[0].iter().map(|c| c.to_string()).collect();
    assert_eq!(
        headers,
        [
            "STT",
            "Họ và tên",
            "Ngày sinh",
            "Chức vụ",
            "Đơn vị",
            "Danh hiệu đề nghị"
        ]
    );
    assert!(rows[1..]
        .iter()
        .any(|r| r[1].to_string() == person.full_name));
    assert!(rows[1..].iter().all(|r| r[5] == "Lao động tiên tiến"));

    // An unknown title is a clear error, not a 500.
    let bad = noivu
        .get(&format!(
            "/ra-soat?nam=2025&don_vi={}&danh_hieu=khong_co",
            person.unit_id
        ))
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(bad.body.contains("Danh hiệu không có trong danh mục"));
    // A worker has no such page.
    let worker = base.as_user("nld1").await.get("/ra-soat").await;
    assert_eq!(worker.status, StatusCode::FORBIDDEN);
}
