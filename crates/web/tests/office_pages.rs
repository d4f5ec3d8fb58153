//! Office files through the pages, in process: every list page's "Xuất Excel" downloaded and read
//! back with calamine (headers, real dates, text that stays text, the page's filters, every row, the
//! viewer's scope, 403 for those who may not see the list), and the people import with its preview,
//! column mapping and confirmation (all rows or none, audited; bad files named).

#[path = "../../office/tests/common/bad_files.rs"]
mod bad_files;
mod common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use calamine::{Data, Reader, Xlsx};
use chrono::{Duration, NaiveDate};
use common::{Answer, TestApp};
use http_body_util::BodyExt;
use std::io::{Cursor, Read};
use thidua_domain::access::Role;
use thidua_domain::directory::{PersonInput, UnitInput};
use thidua_domain::format::date_vn;
use thidua_office::xlsx::{Cell, ListSheet};
use thidua_store::Actor;
use tower::ServiceExt;

const XLSX_TYPE: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const FORMULA: &str = "=HYPERLINK(\"http://evil.example\",\"Bấm\")";

fn today() -> NaiveDate {
    chrono::Utc::now()
        .with_timezone(&thidua_domain::format::vietnam())
        .date_naive()
}

/// `text` as the templates print it (HTML-escaped, "/" and "&" included).
fn e(text: &str) -> String {
    let mut out = String::new();
    thidua_web::templates::escape_into(&mut out, text);
    out
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// A download: status, content type, disposition and the bytes as they came.
struct Download {
    status: StatusCode,
    content_type: String,
    disposition: String,
    bytes: Vec<u8>,
}

async fn download(app: &TestApp, uri: &str) -> Download {
    let mut req = Request::get(uri).body(Body::empty()).unwrap();
    if let Some(l) = &app.login {
        req.headers_mut().insert(
            header::COOKIE,
            format!("thidua_session={}", l.token).parse().unwrap(),
        );
    }
    let res = app.router.clone().oneshot(req).await.unwrap();
    let h = |k| {
        res.headers()
            .get(k)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned()
    };
    let (content_type, disposition) = (h(header::CONTENT_TYPE), h(header::CONTENT_DISPOSITION));
    let status = res.status();
    let bytes = res.into_body().collect().await.unwrap().to_bytes().to_vec();
    Download {
        status,
        content_type,
        disposition,
        bytes,
    }
}

/// The first sheet's cells, header row first.
fn sheet(d: &Download) -> Vec<Vec<Data>> {
    assert_eq!(
        d.status,
        StatusCode::OK,
        "{}",
        String::from_utf8_lossy(&d.bytes)
    );
    assert_eq!(d.content_type, XLSX_TYPE);
    assert!(
        d.disposition.starts_with("attachment; filename=\""),
        "{}",
        d.disposition
    );
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(d.bytes.clone())).unwrap();
    let range = book.worksheet_range_at(0).unwrap().unwrap();
    range.rows().map(|r| r.to_vec()).collect()
}

fn header(rows: &[Vec<Data>]) -> Vec<String> {
    rows[0].iter().map(|c| c.to_string()).collect()
}

fn column(rows: &[Vec<Data>], name: &str) -> usize {
    header(rows)
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("no column {name} in {:?}", header(rows)))
}

/// The values of a column, header left out.
fn values(rows: &[Vec<Data>], name: &str) -> Vec<String> {
    let c = column(rows, name);
    rows[1..]
        .iter()
        .map(|r| r.get(c).map(|d| d.to_string()).unwrap_or_default())
        .collect()
}

/// A cell that must be a real date (not text), as a date.
fn as_date(cell: &Data) -> NaiveDate {
    match cell {
        Data::DateTime(dt) => {
            assert!(dt.is_datetime(), "{cell:?}");
            let (y, m, d, ..) = dt.to_ymd_hms_milli();
            date(y.into(), m.into(), d.into())
        }
        other => panic!("not a date cell: {other:?}"),
    }
}

/// The frozen header row and the bold header, read from the sheet's XML.
fn assert_formatted(d: &Download) {
    let mut archive = zip::ZipArchive::new(Cursor::new(d.bytes.clone())).unwrap();
    let mut xml = String::new();
    archive
        .by_name("xl/worksheets/sheet1.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    assert!(
        xml.contains("ySplit=\"1\"") && xml.contains("state=\"frozen\""),
        "header row frozen: {xml}"
    );
    assert!(xml.contains("<cols>"), "column widths set");
    assert!(!xml.contains("<f>"), "no formula anywhere");
    let mut styles = String::new();
    archive
        .by_name("xl/styles.xml")
        .unwrap()
        .read_to_string(&mut styles)
        .unwrap();
    assert!(styles.contains("<b/>") && styles.contains("dd/mm/yyyy"));
}

async fn add_person(
    app: &TestApp,
    name: &str,
    unit: i64,
    birth: Option<NaiveDate>,
    position: &str,
) -> i64 {
    let p = PersonInput {
        full_name: name.into(),
        unit_id: unit,
        birth_date: birth,
        position: position.into(),
        category: "vien_chuc".into(),
        gender: Some("female".into()),
        ..Default::default()
    };
    app.db
        .store
        .create_person(
            &Actor::system("test"),
            p.validate(today()).unwrap(),
            today(),
        )
        .await
        .unwrap()
        .id
}

/// The directory of `TestApp::with_directory` and a second ward with its officer; a worker account.
struct World {
    admin: TestApp,
    ward: i64,
    other_ward: i64,
    officer: TestApp,
    other_officer: TestApp,
    worker: TestApp,
}

async fn world() -> World {
    let (admin, ward, people) = TestApp::with_directory().await;
    let store = &admin.db.store;
    let city = store.unit_by_code("UBND-TP").await.unwrap().unwrap();
    let other = UnitInput {
        code: "P-DUYEN-HAI".into(),
        name: "Phường Duyên Hải".into(),
        kind: "ward_commune".into(),
        parent_id: Some(city.id),
    };
    let other_ward = store
        .create_unit(&Actor::system("test"), other.validate().unwrap())
        .await
        .unwrap()
        .id;
    admin
        .add_user("canbokimtan", &[Role::UnitOfficer], Some(ward), None)
        .await;
    admin
        .add_user(
            "canboduyenhai",
            &[Role::UnitOfficer],
            Some(other_ward),
            None,
        )
        .await;
    admin
        .add_user("nguoilaodong", &[Role::Worker], Some(ward), Some(people[0]))
        .await;
    admin
        .add_user("phongnoivu", &[Role::TdktOffice], None, None)
        .await;
    World {
        officer: admin.as_user("canbokimtan").await,
        other_officer: admin.as_user("canboduyenhai").await,
        worker: admin.as_user("nguoilaodong").await,
        admin,
        ward,
        other_ward,
    }
}

#[tokio::test]
async fn the_people_export_has_every_row_of_the_filters_with_real_dates_and_no_formula() {
    let w = world().await;
    let born = date(1985, 3, 15);
    add_person(&w.admin, "Phạm Thị Đức Hạnh", w.ward, Some(born), FORMULA).await;
    for i in 0..55 {
        // More than a page of 50, in the other ward.
        let name = format!("Vũ Văn {}", ["An", "Bình", "Cường", "Dũng", "Giang"][i % 5]);
        add_person(&w.admin, &name, w.other_ward, None, "Chuyên viên").await;
    }

    // The page links to the export with its filters.
    let r = w.admin.get("/nguoi?q=duc&sap_xep=name").await;
    assert!(
        r.body
            .contains(&e("/nguoi/xuat.xlsx?q=duc&don_vi=&doi_tuong=&sap_xep=name")),
        "{}",
        r.body
    );

    let d = download(&w.admin, "/nguoi/xuat.xlsx?q=duc&sap_xep=name").await;
    assert!(d.disposition.contains("nhan-su.xlsx"));
    let rows = sheet(&d);
    assert_formatted(&d);
    assert_eq!(
        header(&rows),
        [
            "STT",
            "Họ và tên",
            "Ngày sinh",
            "Giới tính",
            "Chức vụ",
            "Đơn vị",
            "Đối tượng",
            "Trình độ",
            "Đoàn viên công đoàn"
        ]
    );
    // "duc" finds Nguyễn Văn Đức and Phạm Thị Đức Hạnh, nobody else.
    let mut names = values(&rows, "Họ và tên");
    names.sort();
    assert_eq!(names, ["Nguyễn Văn Đức", "Phạm Thị Đức Hạnh"]);
    let hanh = rows
        .iter()
        .find(|r| r[1] == Data::String("Phạm Thị Đức Hạnh".into()))
        .unwrap();
    assert_eq!(as_date(&hanh[2]), born);
    // The formula-looking position is a string cell, exactly as typed.
    assert_eq!(hanh[4], Data::String(FORMULA.into()));
    assert_eq!(hanh[3], Data::String("Nữ".into()));
    assert_eq!(hanh[6], Data::String("Viên chức".into()));
    assert!(matches!(hanh[0], Data::Float(_)), "the ordinal is a number");

    // Every row, not one page: 3 + 1 + 55 people.
    let all = sheet(&download(&w.admin, "/nguoi/xuat.xlsx").await);
    assert_eq!(all.len() - 1, 59);
    assert_eq!(all[59][0], Data::Float(59.0), "numbered 1..59");
    // A unit filter.
    let only = sheet(
        &download(
            &w.admin,
            &format!("/nguoi/xuat.xlsx?don_vi={}", w.other_ward),
        )
        .await,
    );
    assert_eq!(only.len() - 1, 55);
    assert!(values(&only, "Đơn vị")
        .iter()
        .all(|u| u == "Phường Duyên Hải"));

    // The viewer's scope: the officer of Kim Tân gets the people of Kim Tân only.
    let mine = sheet(&download(&w.officer, "/nguoi/xuat.xlsx").await);
    assert_eq!(mine.len() - 1, 4);
    assert!(values(&mine, "Đơn vị")
        .iter()
        .all(|u| u == "Phường Kim Tân"));
    // Those who may not see the list.
    assert_eq!(
        download(&w.worker, "/nguoi/xuat.xlsx").await.status,
        StatusCode::FORBIDDEN
    );
    let anon = download(&w.admin.anonymous(), "/nguoi/xuat.xlsx").await;
    assert_eq!(anon.status, StatusCode::SEE_OTHER);
    // A filter the page refuses is refused here too.
    assert_eq!(
        download(&w.admin, "/nguoi/xuat.xlsx?sap_xep=xyz")
            .await
            .status,
        StatusCode::BAD_REQUEST
    );
}

#[tokio::test]
async fn the_unit_and_audit_exports_follow_their_filters() {
    let w = world().await;
    let r = w.admin.get("/don-vi?q=phuong").await;
    assert!(
        r.body.contains(&e("/don-vi/xuat.xlsx?q=phuong")),
        "{}",
        r.body
    );
    let rows = sheet(&download(&w.admin, "/don-vi/xuat.xlsx?q=phuong").await);
    assert_eq!(header(&rows)[..3], ["STT", "Mã", "Tên đơn vị"]);
    let mut names = values(&rows, "Tên đơn vị");
    names.sort();
    assert_eq!(names, ["Phường Duyên Hải", "Phường Kim Tân"]);
    assert_eq!(
        values(&rows, "Đơn vị cấp trên"),
        ["UBND thành phố Lào Cai"; 2]
    );
    let all = sheet(&download(&w.admin, "/don-vi/xuat.xlsx").await);
    assert_eq!(all.len() - 1, 3, "the city and its two wards");
    // The officer sees their ward (and what is under it) only.
    let mine = sheet(&download(&w.officer, "/don-vi/xuat.xlsx").await);
    assert_eq!(values(&mine, "Tên đơn vị"), ["Phường Kim Tân"]);
    assert_eq!(
        download(&w.worker, "/don-vi/xuat.xlsx").await.status,
        StatusCode::FORBIDDEN
    );

    // The audit log: the administrator only, with the page's filters, a real date per entry.
    let r = w.admin.get("/quan-tri/nhat-ky?entity=unit").await;
    assert!(
        r.body
            .contains(&e("/quan-tri/nhat-ky/xuat.xlsx?actor=&entity=unit")),
        "{}",
        r.body
    );
    let rows = sheet(&download(&w.admin, "/quan-tri/nhat-ky/xuat.xlsx?entity=unit").await);
    assert_eq!(header(&rows)[..4], ["Số", "Ngày", "Giờ", "Người thực hiện"]);
    assert_eq!(rows.len() - 1, 3, "three units created");
    assert!(values(&rows, "Loại bản ghi").iter().all(|e| e == "unit"));
    assert_eq!(as_date(&rows[1][1]), today());
    for who in [&w.officer, &w.worker] {
        assert_eq!(
            download(who, "/quan-tri/nhat-ky/xuat.xlsx").await.status,
            StatusCode::FORBIDDEN
        );
    }
    let r = download(&w.admin, "/quan-tri/nhat-ky/xuat.xlsx?from=31/02/2024").await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
}

async fn post(app: &TestApp, uri: &str, fields: &[(&str, &str)]) -> Answer {
    let r = app.post_form(uri, fields).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{uri}: {}", r.body);
    r
}

fn id_in(location: &str) -> i64 {
    let path = location.split(['?', '#']).next().unwrap_or("");
    path.rsplit('/')
        .next()
        .and_then(|s| s.parse().ok())
        .unwrap()
}

#[tokio::test]
async fn the_work_lists_export_the_register_movements_matrix_registrations_and_inbox() {
    let w = world().await;
    let office = w.admin.as_user("phongnoivu").await;
    post(
        &office,
        "/van-ban/moi",
        &[
            ("direction", "incoming"),
            ("reference", "Số: 205/KH-UBND-LĐLĐ"),
            ("issued_on", "28/4/2021"),
            ("summary", "=Kế hoạch liên tịch thi đua lao động giỏi"),
            ("issuer", "UBND tỉnh Lào Cai"),
        ],
    )
    .await;
    post(
        &office,
        "/van-ban/moi",
        &[
            ("direction", "incoming"),
            ("reference", "1721-CV/TU"),
            ("issued_on", "30/12/2022"),
            ("summary", "Đôn đốc thực hiện nhiệm vụ"),
            ("issuer", "Thành ủy Lào Cai"),
        ],
    )
    .await;
    let due = date_vn(today() + Duration::days(10));
    let r = post(
        &office,
        "/phong-trao/moi",
        &[
            ("name", "Lao động giỏi, Lao động sáng tạo"),
            ("start_year", "2021"),
            ("end_year", "2025"),
            ("kind", "regular"),
            ("organisers", "UBND thành phố"),
            ("phase_year_0", "2023"),
            ("phase_title_0", "Năm 2023"),
            ("phase_due_0", &due),
        ],
    )
    .await;
    let movement = id_in(r.location());
    let m = movement.to_string();
    let task_due = today() + Duration::days(30);
    let r = post(
        &office,
        "/chi-dao/moi",
        &[
            ("movement_id", &m),
            ("year", "2023"),
            ("symbol", "UBND-NV"),
            ("summary", "V/v đẩy mạnh phong trào năm 2023"),
            ("task_title_0", "Đẩy mạnh tuyên truyền"),
            ("task_due_0", &date_vn(task_due)),
            ("unit_codes", "P-KIM-TAN\nP-DUYEN-HAI"),
        ],
    )
    .await;
    let directive = id_in(r.location());
    post(
        &office,
        &format!("/chi-dao/{directive}/ban-hanh"),
        &[("issued_on", &date_vn(today())), ("version", "1")],
    )
    .await;

    // The register, with its year filter: 2021 holds one document, whose date is a real date
    // and whose summary (starting with "=") stays text.
    let r = office.get("/van-ban?nam=2021").await;
    assert!(
        r.body
            .contains(&e("/van-ban/xuat.xlsx?q=&huong=&loai=&nam=2021")),
        "{}",
        r.body
    );
    let rows = sheet(&download(&office, "/van-ban/xuat.xlsx?nam=2021").await);
    assert_eq!(rows.len() - 1, 1);
    assert_eq!(
        rows[1][column(&rows, "Số, ký hiệu")],
        Data::String("205/KH-UBND-LĐLĐ".into())
    );
    assert_eq!(as_date(&rows[1][column(&rows, "Ngày")]), date(2021, 4, 28));
    assert_eq!(
        rows[1][column(&rows, "Trích yếu")],
        Data::String("=Kế hoạch liên tịch thi đua lao động giỏi".into())
    );
    let all = sheet(&download(&office, "/van-ban/xuat.xlsx").await);
    assert_eq!(all.len() - 1, 3, "two incoming and the issued directive");
    assert_eq!(
        download(&w.worker, "/van-ban/xuat.xlsx").await.status,
        StatusCode::FORBIDDEN
    );

    // Movements.
    let rows = sheet(&download(&office, "/phong-trao/xuat.xlsx?q=lao+dong").await);
    assert_eq!(
        values(&rows, "Phong trào"),
        ["Lao động giỏi, Lao động sáng tạo"]
    );
    assert_eq!(rows[1][column(&rows, "Từ năm")], Data::Float(2021.0));
    assert!(office
        .get("/phong-trao?q=lao")
        .await
        .body
        .contains(&e("/phong-trao/xuat.xlsx?q=lao")));
    assert_eq!(
        sheet(&download(&office, "/phong-trao/xuat.xlsx?q=khong+co").await).len(),
        1
    );

    // The ward reads the directive; its inbox export says when.
    let ward = w.ward.to_string();
    post(
        &w.officer,
        &format!("/chi-dao/{directive}/da-doc"),
        &[("don_vi", &ward)],
    )
    .await;
    let rows = sheet(&download(&w.officer, "/hop-thu/xuat.xlsx").await);
    assert_eq!(values(&rows, "Đơn vị nhận"), ["Phường Kim Tân"]);
    assert_eq!(as_date(&rows[1][column(&rows, "Ngày đọc")]), today());
    assert_eq!(as_date(&rows[1][column(&rows, "Hạn gần nhất")]), task_due);
    assert_eq!(values(&rows, "Số, ký hiệu"), ["01/UBND-NV"]);
    assert!(w
        .officer
        .get("/hop-thu")
        .await
        .body
        .contains("href=\"/hop-thu/xuat.xlsx\""));
    assert_eq!(
        download(&w.worker, "/hop-thu/xuat.xlsx").await.status,
        StatusCode::FORBIDDEN
    );

    // The matrix: one row per unit, its filters (the name filter keeps one ward).
    let r = office
        .get(&format!("/chi-dao/{directive}/theo-doi?q=kim"))
        .await;
    assert!(
        r.body.contains(&e(&format!(
            "/chi-dao/{directive}/theo-doi/xuat.xlsx?trang_thai=&nhom=&q=kim"
        ))),
        "{}",
        r.body
    );
    let rows = sheet(&download(&office, &format!("/chi-dao/{directive}/theo-doi/xuat.xlsx")).await);
    assert_eq!(rows.len() - 1, 2);
    assert!(
        header(&rows)[3].starts_with("1. Đẩy mạnh tuyên truyền"),
        "{:?}",
        header(&rows)
    );
    let kim = rows
        .iter()
        .find(|r| r[1] == Data::String("Phường Kim Tân".into()))
        .unwrap();
    assert_eq!(as_date(&kim[2]), today());
    assert_eq!(kim[3], Data::String("Đã đọc".into()));
    let rows = sheet(
        &download(
            &office,
            &format!("/chi-dao/{directive}/theo-doi/xuat.xlsx?q=kim"),
        )
        .await,
    );
    assert_eq!(values(&rows, "Đơn vị"), ["Phường Kim Tân"]);
    let rows = sheet(
        &download(
            &office,
            &format!("/chi-dao/{directive}/theo-doi/xuat.xlsx?trang_thai=not_read"),
        )
        .await,
    );
    assert_eq!(values(&rows, "Đơn vị"), ["Phường Duyên Hải"]);
    assert_eq!(
        download(
            &w.officer,
            &format!("/chi-dao/{directive}/theo-doi/xuat.xlsx")
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        download(&office, "/chi-dao/999999/theo-doi/xuat.xlsx")
            .await
            .status,
        StatusCode::NOT_FOUND
    );

    // Registrations: the ward registers; the XLSX beside the CSV, the office sees both wards'
    // rows, each officer their own.
    let r = w
        .officer
        .post_form(
            "/dang-ky",
            &[
                ("phong_trao", &m),
                ("nam", "2023"),
                ("don_vi", &ward),
                ("commitments", FORMULA),
                ("target_title", "tap_the_lao_dong_tien_tien"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let r = w
        .officer
        .get(&format!("/dang-ky?phong_trao={m}&nam=2023"))
        .await;
    assert!(
        r.body
            .contains(&e(&format!("/dang-ky/xuat.xlsx?phong_trao={m}&nam=2023"))),
        "{}",
        r.body
    );
    let rows = sheet(
        &download(
            &office,
            &format!("/dang-ky/xuat.xlsx?phong_trao={m}&nam=2023"),
        )
        .await,
    );
    assert_eq!(header(&rows)[..3], ["STT", "Đơn vị", "Năm"]);
    assert_eq!(values(&rows, "Đơn vị"), ["Phường Kim Tân"]);
    assert_eq!(rows[1][column(&rows, "Năm")], Data::Float(2023.0));
    assert_eq!(
        rows[1][column(&rows, "Nội dung đăng ký")],
        Data::String(FORMULA.into())
    );
    let theirs = sheet(
        &download(
            &w.other_officer,
            &format!("/dang-ky/xuat.xlsx?phong_trao={m}&nam=2023"),
        )
        .await,
    );
    assert_eq!(
        theirs.len(),
        1,
        "another ward's officer sees no row of Kim Tân"
    );
    assert_eq!(
        download(
            &w.worker,
            &format!("/dang-ky/xuat.xlsx?phong_trao={m}&nam=2023")
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );
}

// ----- the people import --------------------------------------------------------------------------

/// Posts a multipart form with one file, the CSRF token in the address as the pages do.
async fn upload(app: &TestApp, file_name: &str, bytes: &[u8], category: &str) -> Answer {
    let boundary = "----thidua-office-test-boundary";
    let mut body: Vec<u8> = Vec::new();
    body.extend_from_slice(
        format!("--{boundary}\r\nContent-Disposition: form-data; name=\"doi_tuong\"\r\n\r\n{category}\r\n")
            .as_bytes(),
    );
    body.extend_from_slice(
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"tep\"; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let csrf = app
        .login
        .as_ref()
        .map(|l| l.csrf.clone())
        .unwrap_or_default();
    let req = Request::post(format!("/nguoi/nhap?_csrf={csrf}"))
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={boundary}"),
        )
        .body(Body::from(body))
        .unwrap();
    app.send(req).await
}

/// The hidden file reference of a preview page.
fn sha_in(body: &str) -> String {
    let at = body.find("name=\"tep\" value=\"").expect("a preview") + "name=\"tep\" value=\"".len();
    body[at..at + 64].to_owned()
}

fn people_file(headers: &[&str], rows: Vec<Vec<Cell>>) -> Vec<u8> {
    ListSheet::new("Danh sách", headers)
        .with_rows(rows)
        .to_xlsx()
        .unwrap()
}

fn t(s: &str) -> Cell {
    Cell::text(s)
}

async fn people_count(app: &TestApp) -> u64 {
    app.db
        .store
        .people_search(&thidua_store::directory::PeopleQuery {
            page: 1,
            per_page: 1,
            ..Default::default()
        })
        .await
        .unwrap()
        .total
}

#[tokio::test]
async fn a_people_file_is_previewed_then_imported_all_at_once_and_audited() {
    let w = world().await;
    let r = w.admin.get("/nguoi").await;
    assert!(r.body.contains("href=\"/nguoi/nhap\""));
    let r = w.admin.get("/nguoi/nhap").await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("enctype=\"multipart/form-data\""));

    let file = people_file(
        &[
            "STT",
            "Họ và tên",
            "Ngày sinh",
            "Giới tính",
            "Chức vụ",
            "Đơn vị",
        ],
        vec![
            vec![
                Cell::Int(1),
                t("Hoàng Văn Nam"),
                Cell::Date(date(1980, 1, 2)),
                t("Nam"),
                t("Chuyên viên"),
                t("Phường Kim Tân"),
            ],
            vec![
                Cell::Int(2),
                t("Đỗ Thị Lan"),
                t("15/03/1990"),
                t("Nữ"),
                t("Kế toán"),
                t("P-DUYEN-HAI"),
            ],
        ],
    );
    let before = people_count(&w.admin).await;
    let r = upload(&w.admin, "danh-sach.xlsx", &file, "vien_chuc").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(
        r.body.contains("<strong>2</strong> dòng hợp lệ"),
        "{}",
        r.body
    );
    assert!(
        r.body.contains("Hoàng Văn Nam") && r.body.contains(&e("15/03/1990")),
        "{}",
        r.body
    );
    assert!(r.body.contains("Nhập 2 người"));
    // Nothing written by the preview.
    assert_eq!(people_count(&w.admin).await, before);
    let sha = sha_in(&r.body);

    // The mapping the headers suggest is shown selected.
    assert!(r.body.contains("name=\"cot_full_name\""));
    let r = w
        .admin
        .post_form(
            "/nguoi/nhap/xac-nhan",
            &[
                ("tep", &sha),
                ("ten_tep", "danh-sach.xlsx"),
                ("doi_tuong", "vien_chuc"),
                ("cot_full_name", "1"),
                ("cot_birth_date", "2"),
                ("cot_gender", "3"),
                ("cot_position", "4"),
                ("cot_unit", "5"),
                ("hanh_dong", "ghi"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(r.location(), "/nguoi/nhap?da_nhap=2");
    assert!(w
        .admin
        .get(r.location())
        .await
        .body
        .contains("Đã nhập 2 người"));
    assert_eq!(people_count(&w.admin).await, before + 2);
    let rows = sheet(&download(&w.admin, "/nguoi/xuat.xlsx?q=do+thi+lan").await);
    assert_eq!(values(&rows, "Đơn vị"), ["Phường Duyên Hải"]);
    assert_eq!(
        values(&rows, "Đối tượng"),
        ["Viên chức"],
        "the category chosen for rows without one"
    );
    assert_eq!(as_date(&rows[1][2]), date(1990, 3, 15));
    // Each person's history in the directory starts in the unit of the file, from the file.
    let store = &w.admin.db.store;
    let found = store
        .people_search_all(&thidua_store::directory::PeopleQuery {
            q: Some("do thi lan".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(found.len(), 1);
    let detail = store.person_detail(found[0].id).await.unwrap().unwrap();
    assert_eq!(detail.moves.len(), 1, "{:?}", detail.moves);
    assert_eq!(detail.moves[0].unit_id, found[0].unit_id);
    assert_eq!(detail.moves[0].to_date, None);
    assert_eq!(detail.moves[0].reason, "Nhập từ tệp danh-sach.xlsx");
    // The same file again: both people are already in the directory; each row says so and
    // nothing more is written.
    let r = upload(&w.admin, "danh-sach.xlsx", &file, "vien_chuc").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    for name in ["Hoàng Văn Nam", "Đỗ Thị Lan"] {
        assert!(
            r.body.contains(&e(&format!(
                "{name} đã có trong danh bạ của đơn vị (cùng họ tên và ngày sinh)"
            ))),
            "{}",
            r.body
        );
    }
    assert!(r.body.contains("<td>3</td><td>B</td>"), "{}", r.body);
    assert_eq!(people_count(&w.admin).await, before + 2);
    // Audited, naming the file and who did it.
    let audit = w
        .admin
        .db
        .store
        .audit_list(&thidua_store::audit::AuditQuery {
            entity: Some("person".into()),
            page: 1,
            per_page: 50,
            ..Default::default()
        })
        .await
        .unwrap();
    let entry = audit
        .items
        .iter()
        .find(|e| e.action == "import")
        .expect("an import entry");
    assert!(entry.actor.contains("quantri"), "{}", entry.actor);
    assert!(entry
        .after
        .as_deref()
        .unwrap_or("")
        .contains("danh-sach.xlsx"));
}

#[tokio::test]
async fn problems_are_named_by_row_and_column_and_nothing_is_written() {
    let w = world().await;
    let before = people_count(&w.admin).await;
    let file = people_file(
        &["STT", "Họ và tên", "Ngày sinh", "Đơn vị"],
        vec![
            vec![
                Cell::Int(1),
                t("Hoàng Văn Nam"),
                t("31/02/2024"),
                t("Phường Kim Tân"),
            ],
            vec![
                Cell::Int(2),
                t("Đỗ Thị Lan"),
                t("15/03/1990"),
                t("Phường Kim Tâm"),
            ],
            vec![
                Cell::Int(3),
                t("Lý Văn Sơn"),
                t("01/01/1970"),
                t("Phường Kim Tân"),
            ],
            vec![
                Cell::Int(4),
                t("Lý Văn Sơn"),
                t("01/01/1970"),
                t("Phường Kim Tân"),
            ],
            vec![
                Cell::Int(5),
                t("Mai Thị Hoa"),
                t("02/02/1992"),
                t("Phường Kim Tân"),
            ],
        ],
    );
    let r = upload(&w.admin, "loi.xlsx", &file, "cong_chuc").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    let body = &r.body;
    // Row 2 (the first under the header), column C: the date that does not exist.
    assert!(
        body.contains("<td>2</td><td>C</td><td>Ngày sinh</td>"),
        "{body}"
    );
    assert!(body.contains("ngày không tồn tại"), "{body}");
    // The unknown unit, with the closest name suggested.
    assert!(
        body.contains("Không có đơn vị &#x27;Phường Kim Tâm&#x27;")
            || body.contains("Không có đơn vị 'Phường Kim Tâm'"),
        "{body}"
    );
    assert!(body.contains("có phải: Phường Kim Tân"), "{body}");
    // The duplicates, each naming the other.
    assert!(
        body.contains("với dòng 5") && body.contains("với dòng 4"),
        "{body}"
    );
    assert!(
        !body.contains("hanh_dong\" value=\"ghi\""),
        "no import button"
    );
    let sha = sha_in(body);
    // Confirming anyway writes nothing.
    let r = w
        .admin
        .post_form(
            "/nguoi/nhap/xac-nhan",
            &[
                ("tep", &sha),
                ("ten_tep", "loi.xlsx"),
                ("cot_full_name", "1"),
                ("cot_birth_date", "2"),
                ("cot_unit", "3"),
                ("hanh_dong", "ghi"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("Chưa ghi dòng nào"));
    assert_eq!(people_count(&w.admin).await, before);
}

#[tokio::test]
async fn bad_files_get_a_clear_message() {
    let w = world().await;
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("rong.xlsx", Vec::new(), "Tệp rỗng"),
        ("giay-to.xlsx", bad_files::pdf(), "PDF"),
        (
            "danh-sach-word.xlsx",
            bad_files::docx(),
            "văn bản Word (.docx)",
        ),
        ("bom.xlsx", bad_files::zip_bomb(), "cấu trúc nén bất thường"),
        (
            "mat-khau.xlsx",
            bad_files::encrypted_workbook(),
            "đặt mật khẩu",
        ),
        ("danh-sach.xlsx", b"Ho va ten,Don vi\nA,B\n".to_vec(), "CSV"),
        (
            "hong.xlsx",
            b"PK\x03\x04 not really a zip at all".to_vec(),
            "hỏng",
        ),
        // An OLE file: an old .xls or an encrypted workbook.
        (
            "cu.xlsx",
            {
                let mut v = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
                v.resize(4096, 0);
                v
            },
            "mã hoá",
        ),
    ];
    for (name, bytes, expected) in cases {
        let r = upload(&w.admin, name, &bytes, "cong_chuc").await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{name}: {}",
            r.body
        );
        assert!(
            r.body.contains(expected),
            "{name}: expected '{expected}' in {}",
            r.body
        );
        assert!(r.body.contains("Chưa ghi dòng nào"));
    }
    // A workbook whose header names none of the columns.
    let file = people_file(&["A", "B"], vec![vec![t("x"), t("y")]]);
    let r = upload(&w.admin, "khac.xlsx", &file, "cong_chuc").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("Không tìm thấy dòng tiêu đề"), "{}", r.body);
    // No file chosen.
    let r = upload(&w.admin, "", b"", "cong_chuc").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("Chưa chọn tệp"));
    // A reference to a file that is not in the store.
    let r = w
        .admin
        .post_form(
            "/nguoi/nhap/xac-nhan",
            &[("tep", &"0".repeat(64)), ("hanh_dong", "ghi")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("tải tệp lên lại"), "{}", r.body);
    let r = w
        .admin
        .post_form(
            "/nguoi/nhap/xac-nhan",
            &[("tep", "../../etc/passwd"), ("hanh_dong", "ghi")],
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn headers_that_differ_are_mapped_by_hand_and_units_outside_ones_scope_are_refused() {
    let w = world().await;
    // "Nơi làm việc" is not a header the layout knows: the unit column is missing.
    let file = people_file(
        &["Họ và tên", "Ngày sinh", "Nơi làm việc"],
        vec![
            vec![t("Hoàng Văn Nam"), t("02/01/1980"), t("Phường Kim Tân")],
            vec![t("Đỗ Thị Lan"), t("15/03/1990"), t("Phường Duyên Hải")],
        ],
    );
    let r = upload(&w.officer, "khac-tieu-de.xlsx", &file, "cong_chuc").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("Thiếu cột bắt buộc: Đơn vị"), "{}", r.body);
    assert!(
        r.body.contains("C: Nơi làm việc"),
        "the sheet's columns are offered"
    );
    let sha = sha_in(&r.body);
    let mapped = [
        ("tep", sha.as_str()),
        ("ten_tep", "khac-tieu-de.xlsx"),
        ("doi_tuong", "cong_chuc"),
        ("cot_full_name", "0"),
        ("cot_birth_date", "1"),
        ("cot_unit", "2"),
    ];
    let mut see = mapped.to_vec();
    see.push(("hanh_dong", "xem"));
    let r = w.officer.post_form("/nguoi/nhap/xac-nhan", &see).await;
    // Mapped, the file reads; but the officer of Kim Tân may not add people to Duyên Hải.
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(!r.body.contains("Thiếu cột bắt buộc"));
    assert!(
        r.body.contains("<td>3</td><td>C</td><td>Nơi làm việc</td>"),
        "{}",
        r.body
    );
    assert!(
        r.body.contains("không có quyền thêm người vào đơn vị"),
        "{}",
        r.body
    );
    // One column for two fields is refused by name.
    let mut twice = mapped.to_vec();
    twice[4] = ("cot_birth_date", "0");
    twice.push(("hanh_dong", "xem"));
    let r = w.officer.post_form("/nguoi/nhap/xac-nhan", &twice).await;
    assert!(
        r.body.contains("đã được chọn cho một trường khác"),
        "{}",
        r.body
    );
    // The office may: mapped by hand, imported.
    let office = w.admin.as_user("phongnoivu").await;
    let mut write = mapped.to_vec();
    write.push(("hanh_dong", "ghi"));
    let before = people_count(&w.admin).await;
    let r = office.post_form("/nguoi/nhap/xac-nhan", &write).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(people_count(&w.admin).await, before + 2);
    // Those who may not add people cannot reach the import.
    assert_eq!(
        w.worker.get("/nguoi/nhap").await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        upload(&w.worker, "x.xlsx", &file, "cong_chuc").await.status,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn an_exported_people_list_reads_back_as_the_same_rows() {
    // The list of a ward, exported from one directory…
    let a = world().await;
    for (name, born, position) in [
        ("Phạm Thị Hạnh", date(1985, 3, 15), "Phó chủ tịch"),
        ("Đặng Thị Ánh", date(1979, 11, 2), "Kế toán"),
        ("Nguyễn Thị Ân", date(1992, 6, 30), "Văn thư"),
    ] {
        add_person(&a.admin, name, a.other_ward, Some(born), position).await;
    }
    let uri = format!("/nguoi/xuat.xlsx?don_vi={}", a.other_ward);
    let d = download(&a.admin, &uri).await;
    let exported = sheet(&d);
    assert_eq!(exported.len(), 4, "{exported:?}");

    // …is imported into another where that ward has no one yet: the preview shows the rows as they
    // were exported, every column of the export maps to a field, and the import writes them.
    let b = world().await;
    let r = upload(&b.admin, "nhan-su.xlsx", &d.bytes, "cong_chuc").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(
        r.body.contains("<strong>3</strong> dòng hợp lệ"),
        "{}",
        r.body
    );
    for name in values(&exported, "Họ và tên") {
        assert!(r.body.contains(&name), "{name}");
    }
    assert!(r.body.contains(&e("15/03/1985")) && r.body.contains("Phó chủ tịch"));
    for key in [
        "full_name",
        "birth_date",
        "gender",
        "position",
        "unit",
        "category",
        "staff_level",
        "union_member",
        "ordinal",
    ] {
        let select = format!("name=\"cot_{key}\"");
        let at = r.body.find(&select).unwrap_or_else(|| panic!("{key}"));
        let until = r.body[at..].find("</select>").unwrap() + at;
        assert!(r.body[at..until].contains("selected"), "{key} mapped");
    }
    let r = b
        .admin
        .post_form(
            "/nguoi/nhap/xac-nhan",
            &[
                ("tep", sha_in(&r.body).as_str()),
                ("ten_tep", "nhan-su.xlsx"),
                ("doi_tuong", "cong_chuc"),
                // The mapping as the preview's form sends it: the export's columns in order.
                ("cot_ordinal", "0"),
                ("cot_full_name", "1"),
                ("cot_birth_date", "2"),
                ("cot_gender", "3"),
                ("cot_position", "4"),
                ("cot_unit", "5"),
                ("cot_category", "6"),
                ("cot_staff_level", "7"),
                ("cot_union_member", "8"),
                ("hanh_dong", "ghi"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    // Exported again, the second directory gives back the same rows, cell for cell.
    let again = sheet(
        &download(
            &b.admin,
            &format!("/nguoi/xuat.xlsx?don_vi={}", b.other_ward),
        )
        .await,
    );
    assert_eq!(again, exported);

    // Into the directory it came from, the same list adds no one: each row is already there.
    let before = people_count(&a.admin).await;
    let r = upload(&a.admin, "nhan-su.xlsx", &d.bytes, "cong_chuc").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert_eq!(
        r.body.matches("đã có trong danh bạ").count(),
        3,
        "{}",
        r.body
    );
    assert_eq!(people_count(&a.admin).await, before);
}

#[tokio::test]
async fn the_size_limit_of_an_import_is_configurable() {
    let w = world().await;
    let config = thidua_web::WebConfig {
        import_limits: thidua_office::xlsx::Limits {
            max_file_bytes: 2 * 1024 * 1024,
            ..Default::default()
        },
        ..Default::default()
    };
    let state = thidua_web::AppState::with_config(w.admin.db.store.clone(), config)
        .await
        .unwrap();
    let small = TestApp {
        router: thidua_web::router(state),
        ..w.admin.clone()
    };
    assert!(small.get("/nguoi/nhap").await.body.contains("tối đa 2 MB"));
    let big = vec![b'x'; 3 * 1024 * 1024];
    let r = upload(&small, "lon.xlsx", &big, "cong_chuc").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("Tệp quá lớn"), "{}", r.body);
    // The default limit takes the same file to the next check (it is not a workbook).
    let r = upload(&w.admin, "lon.xlsx", &big, "cong_chuc").await;
    assert!(!r.body.contains("Tệp quá lớn"), "{}", r.body);
}

#[tokio::test]
async fn the_administrator_sets_the_import_size_limit_on_the_settings_page_audited() {
    let w = world().await;
    let r = w.admin.get("/quan-tri/cai-dat").await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(
        r.body.contains("giá trị mặc định của máy chủ: 20 MB"),
        "{}",
        r.body
    );
    assert!(r.body.contains("href=\"/quan-tri/cai-dat\""), "in the menu");
    assert_eq!(
        w.officer.get("/quan-tri/cai-dat").await.status,
        StatusCode::FORBIDDEN
    );
    // Out of range or not a number: the form again with the message, nothing changed.
    for bad in ["0", "21", "mười", ""] {
        let r = w
            .admin
            .post_form("/quan-tri/cai-dat", &[("import_max_mb", bad)])
            .await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{bad}: {}",
            r.body
        );
        assert!(
            r.body.contains("phải là số nguyên từ 1 đến 20"),
            "{}",
            r.body
        );
        assert_eq!(w.admin.db.store.import_max_mb().await.unwrap(), None);
    }
    assert_eq!(
        w.officer
            .post_form("/quan-tri/cai-dat", &[("import_max_mb", "2")])
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let r = w
        .admin
        .post_form("/quan-tri/cai-dat", &[("import_max_mb", "2")])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(r.location(), "/quan-tri/cai-dat?da_luu=1");
    assert_eq!(w.admin.db.store.import_max_mb().await.unwrap(), Some(2));
    let r = w.admin.get(r.location()).await;
    assert!(r.body.contains("Đã lưu cài đặt"), "{}", r.body);
    assert!(r.body.contains("value=\"2\""), "{}", r.body);
    // The people import follows it at once.
    assert!(w
        .admin
        .get("/nguoi/nhap")
        .await
        .body
        .contains("tối đa 2 MB"));
    let big = vec![b'x'; 3 * 1024 * 1024];
    let r = upload(&w.admin, "lon.xlsx", &big, "cong_chuc").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("chỉ nhận tệp đến 2 MB"), "{}", r.body);
    // Changed again: one audit entry per change, with the value before and after.
    let r = w
        .admin
        .post_form("/quan-tri/cai-dat", &[("import_max_mb", "5")])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let audit = w
        .admin
        .db
        .store
        .audit_list(&thidua_store::audit::AuditQuery {
            entity: Some("setting".into()),
            page: 1,
            per_page: 10,
            ..Default::default()
        })
        .await
        .unwrap();
    let actions: Vec<&str> = audit.items.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions.len(), 2, "{actions:?}");
    assert!(actions.contains(&"create") && actions.contains(&"update"));
    let update = audit.items.iter().find(|e| e.action == "update").unwrap();
    assert!(update.before.as_deref().unwrap_or("").contains("\"2\""));
    assert!(update.after.as_deref().unwrap_or("").contains("\"5\""));
}

#[tokio::test]
async fn a_problem_names_its_column_header_even_after_an_empty_header_cell() {
    let w = world().await;
    // Column B has no header: the problem of column C must still name "Đơn vị".
    let file = people_file(
        &["Họ và tên", "", "Đơn vị"],
        vec![vec![t("Hoàng Văn Nam"), t("ghi chú"), t("Phường Không Có")]],
    );
    let r = upload(&w.admin, "trong.xlsx", &file, "cong_chuc").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(
        r.body.contains("<td>2</td><td>C</td><td>Đơn vị</td>"),
        "{}",
        r.body
    );
}

#[tokio::test]
async fn each_import_page_offers_an_empty_list_in_its_columns() {
    let w = world().await;
    for (page, layout) in [
        ("/nguoi/nhap", &thidua_office::xlsx::PEOPLE),
        ("/xep-loai/nhap", &thidua_office::xlsx::RATINGS),
        ("/de-nghi/nhap", &thidua_office::xlsx::NOMINATIONS),
    ] {
        let template = format!("{page}/mau.xlsx");
        let body = w.officer.get(page).await.body;
        assert!(
            body.contains(&format!(
                "<a href=\"{}\">Tải tệp Excel mẫu</a>",
                e(&template)
            )),
            "{page}: {body}"
        );
        let rows = sheet(&download(&w.officer, &template).await);
        assert_eq!(rows.len(), 1, "{template}: the headers alone");
        let expected: Vec<&str> = layout.columns.iter().map(|c| c.header).collect();
        assert_eq!(header(&rows), expected, "{template}");
    }
    // Filled in, the people template imports: its headers are the ones the import looks for.
    let rows = sheet(&download(&w.officer, "/nguoi/nhap/mau.xlsx").await);
    let headers = header(&rows);
    let mut row: Vec<Cell> = headers.iter().map(|_| Cell::Empty).collect();
    let at = |h: &str| headers.iter().position(|x| x == h).unwrap();
    row[at("Họ và tên")] = t("Lò Văn Pủa");
    row[at("Ngày sinh")] = t("01/02/1991");
    row[at("Đơn vị")] = t("Phường Kim Tân");
    let headers: Vec<&str> = headers.iter().map(String::as_str).collect();
    let file = people_file(&headers, vec![row]);
    let r = upload(&w.officer, "mau.xlsx", &file, "cong_chuc").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(
        r.body.contains("<strong>1</strong> dòng hợp lệ"),
        "{}",
        r.body
    );
}
