//! Review reports and dashboards on the city sample with the demo accounts: the API's figures are the
//! store's report; the XLSX read back and the DOCX's text carry the same figures; a period that does
//! not exist is a clear 422, a year without data says so; who sees which report; and every number of
//! each role's dashboard is the length of the list it links to, and the figures are the report's.

mod common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use bytes::Bytes;
use calamine::{DataType, Reader};
use common::TestApp;
use http_body_util::BodyExt;
use std::io::Read;
use thidua_domain::report::Period;
use thidua_store::reports::ReportScope;
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

async fn get_raw(app: &TestApp, uri: &str) -> (StatusCode, Bytes) {
    let mut req = Request::get(uri).body(Body::empty()).unwrap();
    if let Some(l) = &app.login {
        req.headers_mut().insert(
            header::AUTHORIZATION,
            format!("Bearer {}", l.token).parse().unwrap(),
        );
    }
    let res = app.router.clone().oneshot(req).await.unwrap();
    let status = res.status();
    (status, res.into_body().collect().await.unwrap().to_bytes())
}

fn docx_text(bytes: &[u8]) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a DOCX is a zip");
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .expect("word/document.xml")
        .read_to_string(&mut xml)
        .unwrap();
    let mut out = String::new();
    let mut rest = xml.as_str();
    while let Some(i) = rest.find("<w:t") {
        rest = &rest[i + 4..];
        if !(rest.starts_with('>') || rest.starts_with(' ')) {
            continue;
        }
        let Some(gt) = rest.find('>') else { break };
        rest = &rest[gt + 1..];
        let end = rest.find("</w:t>").unwrap_or(0);
        out.push_str(&rest[..end]);
        out.push(' ');
        rest = &rest[end..];
    }
    out
}

fn today() -> chrono::NaiveDate {
    chrono::Utc::now()
        .with_timezone(&thidua_domain::format::vietnam())
        .date_naive()
}

#[tokio::test]
async fn the_api_and_its_files_carry_the_stores_figures() {
    let base = sample().await;
    let noivu = base.as_user("noivu").await;
    let a = noivu.get("/api/v1/reports/2021-2025").await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    let j = a.json();
    assert_eq!(j["has_data"], true);
    assert_eq!(j["title"], "Tổng kết giai đoạn 2021–2025");
    assert_eq!(j["previous_period"]["code"], "2016-2020");
    let r = base
        .db
        .store
        .report(&Period::span(2021, 2025), ReportScope::City, today())
        .await
        .unwrap();
    let lines = j["lines"].as_array().unwrap();
    let line = |k: &str| {
        lines
            .iter()
            .find(|l| l["key"] == k)
            .unwrap_or_else(|| panic!("{k}"))["current"]
            .as_i64()
            .unwrap()
    };
    assert_eq!(line("posts"), r.total.current.posts as i64);
    assert_eq!(line("award_money_vnd"), r.total.current.award_money_vnd);
    assert_eq!(line("tasks_on_time"), r.total.current.tasks_on_time as i64);
    assert_eq!(j["units"].as_array().unwrap().len(), r.units.len());

    // The XLSX's first sheet: every line with both periods.
    let (status, bytes) = get_raw(&noivu, "/api/v1/reports/2021-2025/xlsx").await;
    assert_eq!(status, StatusCode::OK);
    let mut wb: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let names = wb.sheet_names().to_vec();
    assert_eq!(names, ["Tổng hợp", "Theo nhóm", "Theo đơn vị"]);
    let sheet = wb.worksheet_range("Tổng hợp").unwrap();
    let rows: Vec<Vec<calamine::Data>> = sheet.rows().map(|r| r.to_vec()).collect();
    assert_eq!(rows[0][2].to_string(), "2021–2025");
    assert_eq!(rows.len() - 1, lines.len());
    for (row, l) in rows[1..].iter().zip(lines) {
        assert_eq!(row[1].to_string(), l["label"].as_str().unwrap());
        assert_eq!(
            row[2].as_f64().unwrap() as i64,
            l["current"].as_i64().unwrap(),
            "{}",
            l["key"]
        );
        assert_eq!(
            row[3].as_f64().unwrap() as i64,
            l["previous"].as_i64().unwrap()
        );
    }
    // The units' sheet ends with the city's total, equal to the report's.
    let units = wb.worksheet_range("Theo đơn vị").unwrap();
    let last: Vec<calamine::Data> = units.rows().next_back().unwrap().to_vec();
    assert_eq!(last[1].to_string(), "Tổng cộng");
    assert_eq!(
        last[2].as_f64().unwrap() as u64,
        r.total.current.registrations
    );

    // The DOCX draft in the official layout.
    let (status, bytes) = get_raw(&noivu, "/api/v1/reports/2021-2025/docx").await;
    assert_eq!(status, StatusCode::OK);
    let text = docx_text(&bytes);
    assert!(text.contains("BÁO CÁO"), "{text}");
    assert!(text.contains("Tổng kết giai đoạn 2021–2025"), "{text}");
    assert!(text.contains("Số:      /BC-UBND"), "{text}");
    let posts = thidua_office::docx::thousands(r.total.current.posts as i64);
    assert!(
        text.contains(&format!("Bài viết, tin tuyên truyền {posts} ")),
        "{text}"
    );

    // Bad periods and unknown subjects.
    let bad = noivu.get("/api/v1/reports/2023-h2").await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.json()["error"]["fields"]["period"]
        .as_str()
        .unwrap()
        .contains("tổng kết năm"));
    assert_eq!(
        noivu.get("/api/v1/reports/2025-2021").await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(
        noivu.get("/api/v1/reports/2023?group=999999").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        noivu.get("/api/v1/reports/2023?unit=x").await.status,
        StatusCode::BAD_REQUEST
    );
    let empty = noivu.get("/api/v1/reports/2001").await.json();
    assert_eq!(empty["has_data"], false);
    let (_, bytes) = get_raw(&noivu, "/api/v1/reports/2001/docx").await;
    assert!(docx_text(&bytes).contains("Chưa có số liệu"));
}

#[tokio::test]
async fn each_role_sees_its_own_reports() {
    let base = sample().await;
    let store = &base.db.store;
    let donvi1 = base.as_user("donvi1").await;
    let me = store.user_by_name("donvi1").await.unwrap().unwrap();
    let unit = me.user.unit_id.unwrap();
    let own = donvi1.get("/api/v1/reports/2025").await;
    assert_eq!(own.status, StatusCode::OK, "{}", own.body);
    assert_eq!(own.json()["subject"]["id"], unit);
    assert_eq!(
        donvi1.get("/api/v1/reports/2025?group=1").await.status,
        StatusCode::FORBIDDEN
    );
    let other = store
        .units_all()
        .await
        .unwrap()
        .into_iter()
        .find(|u| u.parent_id.is_none())
        .unwrap();
    assert_eq!(
        donvi1
            .get(&format!("/api/v1/reports/2025?unit={}", other.id))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        base.as_user("nld1")
            .await
            .get("/api/v1/reports/2025")
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        base.get("/api/v1/reports/2025").await.status,
        StatusCode::UNAUTHORIZED
    );
    let leader = base
        .as_user("lanhdao")
        .await
        .get("/api/v1/reports/2025")
        .await;
    assert_eq!(leader.json()["subject"]["kind"], "city");
}

#[tokio::test]
async fn the_page_has_tables_charts_exports_and_says_when_there_is_no_data() {
    let base = sample().await;
    let noivu = base.as_user("noivu").await;
    let page = noivu.get("/bao-cao?ky=2021-2025").await;
    assert_eq!(page.status, StatusCode::OK);
    for want in [
        "id=\"report-lines\"",
        "id=\"report-groups\"",
        "id=\"report-units\"",
        "<svg",
        "<polyline",
        "/bao-cao/bao-cao.docx?ky=2021-2025",
        "/bao-cao/bao-cao.xlsx?ky=2021-2025",
        "Xuất Word",
        "Xuất Excel",
    ] {
        assert!(page.body.contains(want), "{want}");
    }
    let none = noivu.get("/bao-cao?ky=2001").await;
    assert_eq!(none.status, StatusCode::OK);
    assert!(none.body.contains("Chưa có số liệu"));
    assert!(!none.body.contains("id=\"report-lines\""));
    let bad = noivu.get("/bao-cao?ky=2023-h2").await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("Không có kỳ sơ kết 6 tháng cuối năm"));
    let x = noivu.get("/bao-cao/bao-cao.xlsx?ky=2023").await;
    assert_eq!(x.status, StatusCode::OK);
    assert!(x.content_type.contains("spreadsheetml"));
}

/// The dashboard's tiles: (key, number, link).
fn tiles(body: &str) -> Vec<(String, i64, String)> {
    let mut out = Vec::new();
    let mut rest = body;
    while let Some(i) = rest.find("<a class=\"card\" href=\"") {
        rest = &rest[i + 22..];
        let href = rest[..rest.find('"').unwrap()]
            .replace("&#x2f;", "/")
            .replace("&amp;", "&");
        // The fragment stays in the browser.
        let href = href.split('#').next().unwrap().to_owned();
        let k = rest.find("data-key=\"").unwrap() + 10;
        let key = rest[k..k + rest[k..].find('"').unwrap()].to_owned();
        let s = rest.find("<strong>").unwrap() + 8;
        let n: String = rest[s..s + rest[s..].find('<').unwrap()]
            .chars()
            .filter(|c| c.is_ascii_digit())
            .collect();
        out.push((key, n.parse().unwrap(), href));
    }
    out
}

fn number_before(body: &str, marker: &str) -> Option<i64> {
    let at = body.find(marker)?;
    let head = &body[..at];
    let digits: String = head
        .chars()
        .rev()
        .skip_while(|c| c.is_whitespace())
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    digits
        .chars()
        .rev()
        .filter(|c| c.is_ascii_digit())
        .collect::<String>()
        .parse()
        .ok()
}

#[tokio::test]
async fn every_dashboard_number_is_the_length_of_the_list_it_links_to() {
    let base = sample().await;
    for role in ["noivu", "donvi1", "lanhdao"] {
        let app = base.as_user(role).await;
        let d = app.get("/bang-dieu-khien").await;
        assert_eq!(d.status, StatusCode::OK, "{role}");
        let all = tiles(&d.body);
        assert!(!all.is_empty(), "{role} has numbers");
        for (key, n, href) in &all {
            let list = app.get(href).await;
            assert_eq!(list.status, StatusCode::OK, "{role} {href}");
            if href.starts_with("/de-nghi?") {
                let shown = number_before(&list.body, " đề nghị ở trạng thái").unwrap();
                assert_eq!(shown, *n, "{role} {key}");
                assert_eq!(list.body.matches("<a href=\"/de-nghi/").count() as i64, *n);
            } else if href.starts_with("/quyet-dinh?") {
                assert_eq!(
                    number_before(&list.body, " quyết định ở trạng thái").unwrap(),
                    *n,
                    "{role} {key}"
                );
            } else if href.contains("/theo-doi?") {
                // "Đơn vị 1–N trong M đơn vị…": M rows match the filter.
                let p = list.body.find("<p class=\"muted\">Đơn vị ").unwrap();
                let t = p + list.body[p..].find(" trong ").unwrap() + 7;
                let m: String = list.body[t..]
                    .chars()
                    .take_while(|c| c.is_ascii_digit() || *c == '.')
                    .filter(|c| c.is_ascii_digit())
                    .collect();
                assert_eq!(m.parse::<i64>().unwrap(), *n, "{role} {key}");
            } else if href.starts_with("/bao-cao?") {
                // A figure: the same line of the report's table.
                let k = key.trim_start_matches("figure-");
                let at = list
                    .body
                    .find(&format!("data-key=\"{k}\""))
                    .unwrap_or_else(|| panic!("{k}"));
                let cell = &list.body[at..];
                let s = cell.find("<td class=\"num\">").unwrap() + 16;
                let v: String = cell[s..s + cell[s..].find('<').unwrap()]
                    .chars()
                    .filter(|c| c.is_ascii_digit())
                    .collect();
                assert_eq!(v.parse::<i64>().unwrap(), *n, "{role} {key}");
            }
        }
        match role {
            "noivu" => {
                assert!(all.iter().any(|t| t.0 == "nominations-sent"));
                assert!(all.iter().any(|t| t.0.starts_with("overdue-")), "{all:?}");
            }
            "donvi1" => assert!(all.iter().any(|t| t.0 == "nominations-returned")),
            _ => assert!(all.iter().any(|t| t.0 == "decisions-to-sign")),
        }
    }
}
