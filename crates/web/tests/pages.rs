//! The Vietnamese pages, in process.

mod common;

use axum::http::StatusCode;
use common::TestApp;

#[test]
fn every_template_compiles() {
    thidua_web::templates::check_all().unwrap();
}

#[tokio::test]
async fn pages_render_in_vietnamese() {
    let (app, ward, ids) = TestApp::with_directory().await;
    for uri in [
        "/".to_owned(),
        "/don-vi".into(),
        format!("/don-vi/{ward}"),
        "/nguoi".into(),
        format!("/nguoi/{}", ids[0]),
        "/nguoi/moi".into(),
        format!("/nguoi/{}/sua", ids[0]),
    ] {
        let r = app.get(&uri).await;
        assert_eq!(r.status, StatusCode::OK, "{uri}: {}", r.body);
        assert!(r.content_type.starts_with("text/html"), "{uri}");
        assert!(r.body.contains(r#"<html lang="vi">"#), "{uri}");
    }
    let found = app.get("/nguoi?q=NGUYEN+van").await;
    assert!(found.body.contains("Nguyễn Văn Đức"));
    assert!(!found.body.contains("Lê Thị Bình"));
    let filtered = app.get("/don-vi?q=kim+tan").await;
    assert!(filtered.body.contains("Phường Kim Tân"));
    // htmx asks for the results only.
    let req = axum::http::Request::get("/nguoi?q=binh")
        .header("hx-request", "true")
        .body(axum::body::Body::empty())
        .unwrap();
    let partial = app.send(req).await;
    assert!(partial.body.contains("Lê Thị Bình") && !partial.body.contains("<html"));
}

#[tokio::test]
async fn unknown_pages_and_bad_parameters_get_vietnamese_pages() {
    let (app, _, _) = TestApp::with_directory().await;
    for asset in [
        "/static/app.css",
        "/static/htmx.min.js",
        "/static/favicon.svg",
        "/favicon.ico",
    ] {
        assert_eq!(app.get(asset).await.status, StatusCode::OK, "{asset}");
    }
    assert_eq!(
        app.get("/static/khong-co.js").await.status,
        StatusCode::NOT_FOUND
    );
    let r = app.get("/khong-co-trang-nay").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(r.body.contains("Không tìm thấy"));
    assert!(
        r.body.contains("Đăng xuất"),
        "the signed-in menu is there too"
    );
    assert_eq!(app.get("/nguoi/abc").await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.get("/don-vi/99999").await.status, StatusCode::NOT_FOUND);
    let r = app.get("/nguoi?page=0").await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.body.contains("page"));
}

#[tokio::test]
async fn a_form_with_errors_comes_back_with_everything_typed() {
    let (app, ward, ids) = TestApp::with_directory().await;
    let ward_s = ward.to_string();
    let r = app
        .post_form(
            "/nguoi/moi",
            &[
                ("full_name", "<script>alert(1)</script> Hà"),
                ("birth_date", "31/02/1990"),
                ("unit_id", &ward_s),
                ("category", "cong_chuc"),
                ("position", "Chuyên viên"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("ngày có thật"), "the date is named");
    assert!(r.body.contains("Chuyên viên"), "typed values stay");
    assert!(
        !r.body.contains("<script>alert(1)</script>"),
        "text is escaped"
    );
    assert!(r.body.contains("&lt;script&gt;"));
    // A valid form saves and redirects to the person.
    let r = app
        .post_form(
            "/nguoi/moi",
            &[
                ("full_name", "Hà Thị Mai"),
                ("birth_date", "05/03/1990"),
                ("unit_id", &ward_s),
                ("category", "cong_chuc"),
                ("staff_level", "graduate"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let found = app.get("/api/v1/people?q=ha%20thi%20mai").await.json();
    assert_eq!(found["items"][0]["birth_date"], "1990-03-05");
    // A stale edit keeps the form and says why.
    let id = ids[1].to_string();
    let ok = app
        .post_form(
            &format!("/nguoi/{id}/sua"),
            &[
                ("full_name", "Lê Thị Bình An"),
                ("unit_id", &ward_s),
                ("category", "can_bo"),
                ("version", "1"),
            ],
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER);
    let stale = app
        .post_form(
            &format!("/nguoi/{id}/sua"),
            &[
                ("full_name", "Lê Bình"),
                ("unit_id", &ward_s),
                ("category", "can_bo"),
                ("version", "1"),
            ],
        )
        .await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    assert!(stale.body.contains("Lê Bình") && stale.body.contains("người khác sửa"));
}

#[tokio::test]
async fn the_eligibility_page_shows_every_criterion_with_its_citation() {
    let (app, _, ids) = TestApp::with_directory().await;
    let r = app.get(&format!("/xet-dieu-kien?nguoi={}", ids[0])).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let uri = "/xet-dieu-kien?danh_hieu=chien_si_thi_dua_co_so&nam=2024&ngay_qd=15%2F01%2F2025&xl0=hoan_thanh_xuat_sac&ldtt0=1&xl1=hoan_thanh_tot&xet=1";
    let r = app.get(uri).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.contains("Đủ điều kiện"), "{}", r.body);
    assert!(r.body.contains("Điều 23"));
    assert!(r.body.contains("2.340.000 đ"), "1.0 × 2,340,000 đ");
    // Without the year's rating the standard is not met.
    let r = app
        .get(
            "/xet-dieu-kien?danh_hieu=chien_si_thi_dua_co_so&nam=2024&ngay_qd=15%2F01%2F2025&xet=1",
        )
        .await;
    assert!(r.body.contains("Chưa đủ điều kiện"), "{}", r.body);
    // A date that does not exist is named.
    let r = app
        .get("/xet-dieu-kien?danh_hieu=lao_dong_tien_tien&nam=2024&ngay_qd=31%2F02%2F2025&xet=1")
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("Ngày quyết định"));
}
