//! The yearly ratings import through the pages (`/xep-loai/nhap`): preview with every problem by row
//! and column, nothing written until confirmed and then every row or none, a locked year refused,
//! rows outside the viewer's units refused, and the ratings export read back as the same rows. The
//! bad files of issue 8 (a zip bomb, a million empty styled rows, a year that does not exist, a
//! corrupt, encrypted or empty file, a file that is not what its name says) each get a Vietnamese
//! message and import nothing; the files come from the shared generators of the office crate's
//! tests (`crates/office/tests/common/bad_files.rs`). The size limit the administrator sets on
//! `/quan-tri/cai-dat` applies here too.

#[path = "../../office/tests/common/bad_files.rs"]
mod bad_files;
mod common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::{Answer, TestApp};
use http_body_util::BodyExt;
use thidua_domain::access::Role;
use thidua_domain::directory::{PersonInput, UnitInput};
use thidua_office::xlsx::{Cell, ListSheet};
use thidua_store::Actor;
use tower::ServiceExt;

fn t(s: &str) -> Cell {
    Cell::text(s)
}

fn file(headers: &[&str], rows: Vec<Vec<Cell>>) -> Vec<u8> {
    ListSheet::new("Xếp loại", headers)
        .with_rows(rows)
        .to_xlsx()
        .unwrap()
}

async fn upload(app: &TestApp, name: &str, bytes: &[u8]) -> Answer {
    app.post_multipart("/xep-loai/nhap", &[], &[("tep", name, bytes)])
        .await
}

/// A download's status and bytes.
async fn download(app: &TestApp, uri: &str) -> (StatusCode, Vec<u8>) {
    let mut req = Request::get(uri).body(Body::empty()).unwrap();
    if let Some(l) = &app.login {
        req.headers_mut().insert(
            header::COOKIE,
            format!("thidua_session={}", l.token).parse().unwrap(),
        );
    }
    let res = app.router.clone().oneshot(req).await.unwrap();
    let status = res.status();
    let bytes = res.into_body().collect().await.unwrap().to_bytes().to_vec();
    (status, bytes)
}

fn sha_in(body: &str) -> String {
    let at = body.find("name=\"tep\" value=\"").expect("a preview") + "name=\"tep\" value=\"".len();
    body[at..at + 64].to_owned()
}

/// The rating of each person of the ward for a year, by name.
async fn grid(app: &TestApp, unit: i64, year: i32) -> Vec<(String, Option<String>)> {
    app.db
        .store
        .ratings_grid(unit, year)
        .await
        .unwrap()
        .rows
        .into_iter()
        .map(|r| (r.full_name, r.rating))
        .collect()
}

/// The directory of `TestApp::with_directory` (Phường Kim Tân: Nguyễn Văn Đức, Lê Thị Bình, Trần
/// Văn An), a second ward with one person, and an officer of Kim Tân.
async fn world() -> (TestApp, i64, i64, TestApp) {
    let (admin, ward, _) = TestApp::with_directory().await;
    let store = &admin.db.store;
    let city = store.unit_by_code("UBND-TP").await.unwrap().unwrap();
    let other = store
        .create_unit(
            &Actor::system("test"),
            UnitInput {
                code: "P-DUYEN-HAI".into(),
                name: "Phường Duyên Hải".into(),
                kind: "ward_commune".into(),
                parent_id: Some(city.id),
            }
            .validate()
            .unwrap(),
        )
        .await
        .unwrap()
        .id;
    let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    store
        .create_person(
            &Actor::system("test"),
            PersonInput {
                full_name: "Phạm Thị Hoa".into(),
                unit_id: other,
                category: "cong_chuc".into(),
                ..Default::default()
            }
            .validate(today)
            .unwrap(),
            today,
        )
        .await
        .unwrap();
    admin
        .add_user("canbokimtan", &[Role::UnitOfficer], Some(ward), None)
        .await;
    let officer = admin.as_user("canbokimtan").await;
    (admin, ward, other, officer)
}

const HEADERS: [&str; 5] = ["STT", "Họ và tên", "Đơn vị", "Năm", "Xếp loại"];

fn row(n: i64, name: &str, unit: &str, year: i64, rating: &str) -> Vec<Cell> {
    vec![Cell::Int(n), t(name), t(unit), Cell::Int(year), t(rating)]
}

#[tokio::test]
async fn a_ratings_file_is_previewed_then_imported_all_at_once_and_audited() {
    let (admin, ward, other, _) = world().await;
    let r = admin
        .get(&format!("/xep-loai?don_vi={ward}&nam=2025"))
        .await;
    assert!(r.body.contains("href=\"/xep-loai/nhap\""), "{}", r.body);
    let r = admin.get("/xep-loai/nhap").await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("enctype=\"multipart/form-data\""));

    let bytes = file(
        &HEADERS,
        vec![
            row(1, "Nguyễn Văn Đức", "Phường Kim Tân", 2025, "HTXSNV"),
            // Case, diacritics and the unit's code all do.
            row(
                2,
                "le thi binh",
                "P-KIM-TAN",
                2025,
                "Hoàn thành tốt nhiệm vụ",
            ),
            row(3, "Phạm Thị Hoa", "Phường Duyên Hải", 2025, "HT"),
        ],
    );
    let r = upload(&admin, "xep-loai-2025.xlsx", &bytes).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(
        r.body.contains("<strong>3</strong> dòng hợp lệ"),
        "{}",
        r.body
    );
    assert!(r.body.contains("Nhập 3 kết quả xếp loại"), "{}", r.body);
    assert!(
        r.body.contains("Lê Thị Bình"),
        "the directory's spelling is shown"
    );
    assert_eq!(
        grid(&admin, ward, 2025).await[0].1,
        None,
        "nothing written yet"
    );
    let sha = sha_in(&r.body);
    let r = admin
        .post_form(
            "/xep-loai/nhap/xac-nhan",
            &[
                ("tep", &sha),
                ("ten_tep", "xep-loai-2025.xlsx"),
                ("cot_ordinal", "0"),
                ("cot_full_name", "1"),
                ("cot_unit", "2"),
                ("cot_year", "3"),
                ("cot_rating", "4"),
                ("hanh_dong", "ghi"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(r.location(), "/xep-loai/nhap?da_nhap=3");
    assert!(admin
        .get(r.location())
        .await
        .body
        .contains("Đã nhập 3 kết quả xếp loại"));
    let g = grid(&admin, ward, 2025).await;
    let rating = |name: &str| {
        g.iter()
            .find(|(n, _)| n == name)
            .and_then(|(_, r)| r.clone())
    };
    assert_eq!(
        rating("Nguyễn Văn Đức").as_deref(),
        Some("hoan_thanh_xuat_sac")
    );
    assert_eq!(rating("Lê Thị Bình").as_deref(), Some("hoan_thanh_tot"));
    assert_eq!(rating("Trần Văn An"), None);
    assert_eq!(
        grid(&admin, other, 2025).await[0].1.as_deref(),
        Some("hoan_thanh")
    );
    let audit = admin
        .db
        .store
        .audit_list(&thidua_store::audit::AuditQuery {
            entity: Some("ratings".into()),
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
    assert!(entry
        .after
        .as_deref()
        .unwrap_or("")
        .contains("xep-loai-2025.xlsx"));
}

#[tokio::test]
async fn every_problem_is_named_by_row_and_column_and_nothing_is_written() {
    let (admin, ward, _, _) = world().await;
    admin
        .db
        .store
        .lock_rating_year(&Actor::system("test"), 2023)
        .await
        .unwrap();
    let bytes = file(
        &HEADERS,
        vec![
            row(1, "Nguyễn Văn Đức", "Phường Kim Tân", 2025, "HTXSNV"),
            row(2, "Lê Thị Bình", "Phường Kim Tânn", 2025, "HTT"),
            row(3, "Trần Văn Ann", "Phường Kim Tân", 2025, "HTT"),
            row(4, "Trần Văn An", "Phường Kim Tân", 2025, "Xuất sắc lắm"),
            row(5, "Trần Văn An", "Phường Kim Tân", 2023, "HT"),
            row(6, "Nguyễn Văn Đức", "Phường Kim Tân", 2025, "HT"),
        ],
    );
    let r = upload(&admin, "sai.xlsx", &bytes).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    let body = &r.body;
    let has = |s: &str| body.contains(s);
    // A unit that does not exist, with the closest name.
    assert!(
        has("Không có đơn vị") && has("có phải: Phường Kim Tân"),
        "{body}"
    );
    // A person not in the unit, with the closest names of that unit.
    assert!(
        has("Không có người tên") && has("có phải: Trần Văn An"),
        "{body}"
    );
    // A rating that is none of the four, with the nearest.
    assert!(has("không hợp lệ; chọn một trong"), "{body}");
    // The locked year.
    assert!(has("Năm 2023 đã khoá xếp loại"), "{body}");
    // The same person twice for a year, both rows named.
    assert!(has("trùng người và năm xếp loại với dòng 7"), "{body}");
    assert!(has("trùng người và năm xếp loại với dòng 2"), "{body}");
    assert!(
        !has("name=\"hanh_dong\" value=\"ghi\""),
        "no confirm button"
    );
    // Confirming anyway writes nothing.
    let sha = sha_in(body);
    let r = admin
        .post_form(
            "/xep-loai/nhap/xac-nhan",
            &[
                ("tep", &sha),
                ("ten_tep", "sai.xlsx"),
                ("cot_full_name", "1"),
                ("cot_unit", "2"),
                ("cot_year", "3"),
                ("cot_rating", "4"),
                ("hanh_dong", "ghi"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("Chưa ghi dòng nào"));
    assert!(grid(&admin, ward, 2025)
        .await
        .iter()
        .all(|(_, r)| r.is_none()));

    // Not an XLSX: a Word file named .xlsx, and an empty file.
    let r = upload(&admin, "danh-sach.xlsx", &bad_files::docx()).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("văn bản Word (.docx)"), "{}", r.body);
    let r = upload(&admin, "rong.xlsx", b"").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("Tệp rỗng"), "{}", r.body);
}

#[tokio::test]
async fn an_officer_rates_only_the_people_of_their_units() {
    let (admin, ward, other, officer) = world().await;
    let bytes = file(
        &HEADERS,
        vec![
            row(1, "Nguyễn Văn Đức", "Phường Kim Tân", 2025, "HTXSNV"),
            row(2, "Phạm Thị Hoa", "Phường Duyên Hải", 2025, "HT"),
        ],
    );
    let r = upload(&officer, "xep-loai.xlsx", &bytes).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(
        r.body
            .contains("Bạn không có quyền xếp loại cho đơn vị &quot;Phường Duyên Hải&quot;")
            || r.body
                .contains("Bạn không có quyền xếp loại cho đơn vị &#34;Phường Duyên Hải&#34;"),
        "{}",
        r.body
    );
    assert!(grid(&admin, ward, 2025).await[0].1.is_none());
    assert!(grid(&admin, other, 2025).await[0].1.is_none());
}

#[tokio::test]
async fn the_ratings_export_reads_back_as_the_same_rows() {
    let (admin, ward, _, _) = world().await;
    let people = grid(&admin, ward, 2024).await;
    assert_eq!(people.len(), 3);
    let ids: Vec<i64> = admin
        .db
        .store
        .ratings_grid(ward, 2024)
        .await
        .unwrap()
        .rows
        .iter()
        .map(|r| r.person_id)
        .collect();
    admin
        .db
        .store
        .save_ratings(
            &Actor::system("test"),
            ward,
            2024,
            &[
                thidua_store::commendation::PersonRating {
                    person_id: ids[0],
                    rating: "hoan_thanh_tot".into(),
                },
                thidua_store::commendation::PersonRating {
                    person_id: ids[2],
                    rating: "khong_hoan_thanh".into(),
                },
            ],
            None,
        )
        .await
        .unwrap();
    let before = grid(&admin, ward, 2024).await;
    let (status, bytes) = download(
        &admin,
        &format!("/xep-loai/xuat.xlsx?don_vi={ward}&nam=2024"),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    // Read back: the rated rows preview clean (the unrated row has no rating: a problem of its own
    // row); the same ratings come back.
    let checked = admin
        .db
        .store
        .check_ratings_file(&bytes, None, &thidua_office::xlsx::Limits::default())
        .await
        .unwrap();
    let back: Vec<(i64, i32, &str)> = checked
        .items
        .iter()
        .map(|(_, r)| (r.person_id, r.year, r.rating))
        .collect();
    assert_eq!(
        back,
        vec![
            (ids[0], 2024, "hoan_thanh_tot"),
            (ids[2], 2024, "khong_hoan_thanh")
        ]
    );
    assert_eq!(
        checked.preview.problems.len(),
        1,
        "{:?}",
        checked.problem_lines()
    );
    assert!(checked.problem_lines()[0].contains("chưa có xếp loại"));
    // Imported again (the clean rows through the store), nothing changes.
    let mut clean = checked.clone();
    clean.preview.problems.clear();
    admin
        .db
        .store
        .import_ratings(
            &Actor::system("test"),
            &clean,
            "xep-loai-2024.xlsx",
            &|_, _| {},
        )
        .await
        .unwrap();
    assert_eq!(grid(&admin, ward, 2024).await, before);
}

/// Every stored rating, person and unit (the tables an import writes), to see that nothing moved.
async fn ratings_tables(app: &TestApp) -> (u64, u64) {
    use sea_orm::{EntityTrait, PaginatorTrait};
    let conn = app.db.store.connection();
    (
        thidua_store::entity::ratings::Entity::find()
            .count(conn)
            .await
            .unwrap(),
        thidua_store::entity::unit_ratings::Entity::find()
            .count(conn)
            .await
            .unwrap(),
    )
}

#[tokio::test]
async fn bad_files_get_a_clear_message_and_nothing_is_imported() {
    let (admin, _, _, _) = world().await;
    let before = ratings_tables(&admin).await;
    let good = file(
        &HEADERS,
        vec![row(1, "Nguyễn Văn Đức", "Phường Kim Tân", 2025, "HTXSNV")],
    );
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("rong.xlsx", Vec::new(), "Tệp rỗng"),
        ("bom.xlsx", bad_files::zip_bomb(), "cấu trúc nén bất thường"),
        ("hong.xlsx", bad_files::truncated(&good), "bị hỏng"),
        (
            "mat-khau.xlsx",
            bad_files::encrypted_workbook(),
            "đặt mật khẩu",
        ),
        ("xep-loai.xlsx", bad_files::docx(), "văn bản Word (.docx)"),
        ("xep-loai-2025.xlsx", bad_files::pdf(), "Tệp là PDF"),
    ];
    for (name, bytes, expected) in cases {
        let r = upload(&admin, name, &bytes).await;
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
        assert!(
            r.body.contains(&format!("Tệp &quot;{name}&quot;"))
                || r.body.contains(&format!("Tệp &#34;{name}&#34;")),
            "{name}: the file is named: {}",
            r.body
        );
        assert!(r.body.contains("Chưa ghi dòng nào"), "{name}");
        assert!(
            !r.body.contains("name=\"hanh_dong\" value=\"ghi\""),
            "{name}: nothing to confirm"
        );
        assert_eq!(ratings_tables(&admin).await, before, "{name}");
    }
}

#[tokio::test]
async fn a_year_that_does_not_exist_is_named_by_row_and_column_and_nothing_is_written() {
    let (admin, ward, _, _) = world().await;
    let before = ratings_tables(&admin).await;
    let bytes = file(
        &HEADERS,
        vec![
            row(1, "Nguyễn Văn Đức", "Phường Kim Tân", 2025, "HTXSNV"),
            // A date typed where the year is read, and one that no calendar has.
            vec![
                Cell::Int(2),
                t("Lê Thị Bình"),
                t("Phường Kim Tân"),
                t("31/02/2024"),
                t("HTT"),
            ],
            row(3, "Trần Văn An", "Phường Kim Tân", 20245, "HT"),
        ],
    );
    let r = upload(&admin, "nam-sai.xlsx", &bytes).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    // The date is named as typed (HTML-escaped), by its row and column.
    assert!(
        r.body.contains(
            "<td>3</td><td>D</td><td>Năm</td><td>&quot;31&#x2f;02&#x2f;2024&quot; không phải là số nguyên</td>"
        ),
        "{}",
        r.body
    );
    assert!(
        r.body
            .contains("<td>4</td><td>D</td><td>Năm</td><td>Năm xếp loại phải từ"),
        "{}",
        r.body
    );
    assert!(!r.body.contains("name=\"hanh_dong\" value=\"ghi\""));
    // Confirming anyway writes nothing, not even the good row.
    let sha = sha_in(&r.body);
    let r = admin
        .post_form(
            "/xep-loai/nhap/xac-nhan",
            &[
                ("tep", &sha),
                ("ten_tep", "nam-sai.xlsx"),
                ("cot_ordinal", "0"),
                ("cot_full_name", "1"),
                ("cot_unit", "2"),
                ("cot_year", "3"),
                ("cot_rating", "4"),
                ("hanh_dong", "ghi"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("Chưa ghi dòng nào"));
    assert_eq!(ratings_tables(&admin).await, before);
    assert!(grid(&admin, ward, 2025)
        .await
        .iter()
        .all(|(_, r)| r.is_none()));
}

#[tokio::test]
async fn a_million_empty_styled_rows_preview_as_the_one_real_row() {
    let (admin, ward, _, _) = world().await;
    let before = ratings_tables(&admin).await;
    let bytes = bad_files::million_styled_rows(
        &HEADERS,
        &["1", "Nguyễn Văn Đức", "Phường Kim Tân", "2025", "HTXSNV"],
    );
    let r = upload(&admin, "to-mau.xlsx", &bytes).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(
        r.body.contains("<strong>1</strong> dòng hợp lệ"),
        "{}",
        r.body
    );
    assert!(
        !r.body.contains("class=\"list problems\""),
        "no problem from the empty rows: {}",
        r.body
    );
    assert_eq!(
        ratings_tables(&admin).await,
        before,
        "a preview writes nothing"
    );
    let sha = sha_in(&r.body);
    let r = admin
        .post_form(
            "/xep-loai/nhap/xac-nhan",
            &[
                ("tep", &sha),
                ("ten_tep", "to-mau.xlsx"),
                ("cot_ordinal", "0"),
                ("cot_full_name", "1"),
                ("cot_unit", "2"),
                ("cot_year", "3"),
                ("cot_rating", "4"),
                ("hanh_dong", "ghi"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(r.location(), "/xep-loai/nhap?da_nhap=1");
    let rated: Vec<(String, Option<String>)> = grid(&admin, ward, 2025)
        .await
        .into_iter()
        .filter(|(_, r)| r.is_some())
        .collect();
    assert_eq!(
        rated,
        vec![(
            "Nguyễn Văn Đức".to_owned(),
            Some("hoan_thanh_xuat_sac".to_owned())
        )]
    );
}

#[tokio::test]
async fn duplicates_and_unknown_units_import_nothing() {
    let (admin, _, _, _) = world().await;
    let before = ratings_tables(&admin).await;
    // The same person twice (by name, then by the unit's code), and a unit with a typo.
    let bytes = file(
        &HEADERS,
        vec![
            row(1, "Nguyễn Văn Đức", "Phường Kim Tân", 2025, "HTXSNV"),
            row(2, "nguyen van duc", "P-KIM-TAN", 2025, "HT"),
            row(3, "Phạm Thị Hoa", "Phường Duyen Hai", 2025, "HT"),
            row(4, "Phạm Thị Hoa", "Phường Duyên Hảii", 2025, "HT"),
        ],
    );
    let r = upload(&admin, "trung.xlsx", &bytes).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(
        r.body
            .contains("<td>3</td><td></td><td></td><td>trùng người và năm xếp loại với dòng 2"),
        "{}",
        r.body
    );
    assert!(
        r.body
            .contains("<td>5</td><td>C</td><td>Đơn vị</td><td>Không có đơn vị"),
        "{}",
        r.body
    );
    assert!(r.body.contains("có phải: Phường Duyên Hải"), "{}", r.body);
    assert_eq!(ratings_tables(&admin).await, before);
}

#[tokio::test]
async fn the_size_limit_set_by_the_administrator_applies_to_the_ratings_import() {
    let (admin, _, _, _) = world().await;
    let before = ratings_tables(&admin).await;
    let r = admin.get("/xep-loai/nhap").await;
    assert!(r.body.contains("tối đa 20 MB"), "{}", r.body);
    let r = admin
        .post_form("/quan-tri/cai-dat", &[("import_max_mb", "1")])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let r = admin.get("/xep-loai/nhap").await;
    assert!(r.body.contains("tối đa 1 MB"), "{}", r.body);
    let big = vec![b'x'; 1024 * 1024 + 1];
    let r = upload(&admin, "lon.xlsx", &big).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("Tệp quá lớn"), "{}", r.body);
    assert!(r.body.contains("chỉ nhận tệp đến 1 MB"), "{}", r.body);
    assert_eq!(ratings_tables(&admin).await, before);
}
