//! The pages of movements and directives, in process: the story of the seed dispatch from the
//! register to the follow-up matrix, and the bad input each step must refuse without changing anything.

mod common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use chrono::{Datelike, Duration, NaiveDate};
use common::{Answer, TestApp};
use thidua_domain::access::Role;
use thidua_domain::directory::UnitInput;
use thidua_domain::format::date_vn;
use thidua_store::Actor;

const PDF: &[u8] = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n";

fn today() -> NaiveDate {
    chrono::Utc::now()
        .with_timezone(&thidua_domain::format::vietnam())
        .date_naive()
}

/// `text` as the templates print it (HTML-escaped, "/" included).
fn e(text: &str) -> String {
    let mut out = String::new();
    thidua_web::templates::escape_into(&mut out, text);
    out
}

/// The id at the end of a redirect's path ("/chi-dao/12?da_luu=1" → 12).
fn id_in(location: &str) -> i64 {
    let path = location.split(['?', '#']).next().unwrap_or("");
    path.rsplit('/')
        .next()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no id in '{location}'"))
}

/// Posts a multipart form (text fields and files) with the CSRF token in the address, as the pages do.
async fn post_multipart(
    app: &TestApp,
    uri: &str,
    fields: &[(&str, &str)],
    files: &[(&str, &str, &[u8])],
) -> Answer {
    app.post_multipart(uri, fields, files).await
}

/// The city office, an officer of the ward Kim Tân and of a second ward, and the units.
struct World {
    office: TestApp,
    officer: TestApp,
    other_officer: TestApp,
    ward: i64,
    other_ward: i64,
    people: Vec<i64>,
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
        .add_user("phongnoivu", &[Role::TdktOffice], None, None)
        .await;
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
    World {
        office: admin.as_user("phongnoivu").await,
        officer: admin.as_user("canbokimtan").await,
        other_officer: admin.as_user("canboduyenhai").await,
        ward,
        other_ward,
        people,
    }
}

async fn register(app: &TestApp, fields: &[(&str, &str)]) -> Answer {
    let mut f = vec![("direction", "incoming")];
    f.extend_from_slice(fields);
    app.post_form("/van-ban/moi", &f).await
}

/// The legal basis, the movement 2021–2025 with its 2023 phase and a directive with two tasks sent
/// to the ward Kim Tân (a draft): (movement, directive).
async fn movement_and_draft(w: &World, registration_due: &str) -> (i64, i64) {
    let r = register(
        &w.office,
        &[
            ("reference", "Số: 205/KH-UBND-LĐLĐ"),
            ("issued_on", "28/4/2021"),
            (
                "summary",
                "Kế hoạch liên tịch thi đua lao động giỏi, lao động sáng tạo giai đoạn 2021 - 2025",
            ),
            ("issuer", "UBND tỉnh Lào Cai; Liên đoàn Lao động tỉnh"),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let r = register(
        &w.office,
        &[
            ("reference", "1721-CV/TU"),
            ("issued_on", "30/12/2022"),
            (
                "summary",
                "Đôn đốc thực hiện một số nhiệm vụ, công việc trong thời gian tới",
            ),
            ("issuer", "Thành ủy Lào Cai"),
            ("basis", "205/KH-UBND-LĐLĐ"),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let r = w
        .office
        .post_form(
            "/phong-trao/moi",
            &[
                ("name", "Lao động giỏi, Lao động sáng tạo"),
                ("start_year", "2021"),
                ("end_year", "2025"),
                ("kind", "regular"),
                ("organisers", "UBND thành phố; Liên đoàn Lao động thành phố"),
                ("phase_year_0", "2023"),
                ("phase_title_0", "Năm 2023"),
                ("phase_due_0", registration_due),
                ("basis", "205/KH-UBND-LĐLĐ\n1721-CV/TU"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let movement = id_in(r.location());
    let due1 = date_vn(today() + Duration::days(30));
    let due2 = date_vn(today() + Duration::days(60));
    let mid = movement.to_string();
    let r = w
        .office
        .post_form(
            "/chi-dao/moi",
            &[
                ("movement_id", &mid),
                ("year", "2023"),
                ("symbol", "UBND-NV"),
                ("summary", "V/v đẩy mạnh thực hiện phong trào thi đua “Lao động giỏi, Lao động sáng tạo” năm 2023"),
                ("basis", "1721-CV/TU"),
                ("task_title_0", "Đẩy mạnh công tác tuyên truyền"),
                ("task_report_0", "số buổi, số lượt người, số tin bài"),
                ("task_due_0", &due1),
                // Row 1 left empty: only filled rows count.
                ("task_title_2", "Tổ chức phát động phong trào trong đơn vị"),
                ("task_due_2", &due2),
                ("unit_codes", "P-KIM-TAN"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    (movement, id_in(r.location()))
}

#[tokio::test]
async fn the_register_keeps_basis_chains_and_names_a_malformed_reference() {
    let w = world().await;
    movement_and_draft(&w, "").await;
    // Search ignoring diacritics.
    let r = w.office.get("/van-ban?q=ke+hoach+lien+tich").await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains(&e("205/KH-UBND-LĐLĐ")), "{}", r.body);
    assert!(!r.body.contains(&e("1721-CV/TU")));
    let r = w.office.get("/van-ban?huong=outgoing").await;
    assert!(
        r.body.contains(&e("/UBND-NV (dự thảo")),
        "the directive's draft is in the register"
    );
    // A unit officer sees neither the city's draft in the register nor its page nor its files.
    let r = w.officer.get("/van-ban?huong=outgoing").await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(!r.body.contains(&e("/UBND-NV (dự thảo")), "{}", r.body);
    let draft = w
        .office
        .db
        .store
        .documents(&thidua_store::movements::DocumentQuery {
            direction: Some("outgoing".into()),
            per_page: 10,
            ..Default::default()
        })
        .await
        .unwrap()
        .items
        .into_iter()
        .find(|d| d.status == "draft")
        .unwrap();
    assert_eq!(
        w.office.get(&format!("/van-ban/{}", draft.id)).await.status,
        StatusCode::OK
    );
    assert_eq!(
        w.officer
            .get(&format!("/van-ban/{}", draft.id))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let files = w
        .office
        .db
        .store
        .attach(
            &Actor::system("test"),
            "document",
            draft.id,
            draft.unit_id,
            vec![thidua_store::files::Upload {
                file_name: "du-thao.pdf".into(),
                bytes: b"%PDF-1.4 draft".to_vec().into(),
            }],
        )
        .await
        .unwrap();
    assert_eq!(
        w.officer.get(&format!("/tep/{}", files[0].id)).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        w.office.get(&format!("/tep/{}", files[0].id)).await.status,
        StatusCode::OK
    );
    let r = w.office.get("/van-ban?nam=2021").await;
    assert!(r.body.contains(&e("28/04/2021")) && !r.body.contains(&e("30/12/2022")));

    // The chain: 1721-CV/TU rests on 205/KH-UBND-LĐLĐ; the directive's draft rests on 1721-CV/TU.
    let docs = w
        .office
        .db
        .store
        .documents_by_reference(&["1721-CV/TU".into(), "205/KH-UBND-LĐLĐ".into()])
        .await
        .unwrap();
    let r = w
        .office
        .get(&format!("/van-ban/{}", docs["1721-CV/TU"].id))
        .await;
    assert!(r.body.contains("căn cứ cấp 1") && r.body.contains(&e("205/KH-UBND-LĐLĐ")));
    let r = w
        .office
        .get(&format!("/van-ban/{}", docs["205/KH-UBND-LĐLĐ"].id))
        .await;
    assert!(r.body.contains(&e("1721-CV/TU")), "cited by");

    // A malformed reference: the field's message, what was typed kept, nothing registered.
    let before = w
        .office
        .db
        .store
        .documents(&Default::default())
        .await
        .unwrap()
        .total;
    let r = register(
        &w.office,
        &[
            ("reference", "941 UBND NV"),
            ("issued_on", "01/09/2021"),
            ("summary", "Hướng dẫn xét khen thưởng"),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("Số và ký hiệu không hợp lệ"), "{}", r.body);
    assert!(
        r.body.contains("value=\"941 UBND NV\"") && r.body.contains("Hướng dẫn xét khen thưởng")
    );
    // The same number twice in one year, and a basis not in the register.
    let r = register(
        &w.office,
        &[
            ("reference", "205/KH-UBND-LĐLĐ"),
            ("issued_on", "01/05/2021"),
            ("summary", "Trùng số"),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(r.body.contains("đã có trong sổ"));
    let r = register(
        &w.office,
        &[
            ("reference", "941/UBND-NV"),
            ("issued_on", "01/09/2021"),
            ("summary", "Hướng dẫn"),
            ("basis", "999/QĐ-UBND"),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains(&e("Chưa có văn bản số 999/QĐ-UBND")));
    assert_eq!(
        w.office
            .db
            .store
            .documents(&Default::default())
            .await
            .unwrap()
            .total,
        before
    );
    // Unit officers read the register but do not write in it.
    assert_eq!(w.officer.get("/van-ban").await.status, StatusCode::OK);
    assert_eq!(
        w.officer.get("/van-ban/moi").await.status,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn a_directive_is_issued_read_reported_and_followed_up() {
    let w = world().await;
    let (movement, directive) = movement_and_draft(&w, "").await;
    let r = w.office.get(&format!("/phong-trao/{movement}")).await;
    assert!(
        r.body.contains(&e("205/KH-UBND-LĐLĐ"))
            && r.body.contains("2021–2025")
            && r.body.contains("Năm 2023")
    );
    let r = w.office.get(&format!("/chi-dao/{directive}")).await;
    assert!(r.body.contains("Dự thảo") && r.body.contains("Ban hành"));
    assert!(
        r.body.contains("Đẩy mạnh công tác tuyên truyền") && r.body.contains("Tổ chức phát động")
    );
    // A draft is not shown to units.
    assert_eq!(
        w.officer.get(&format!("/chi-dao/{directive}")).await.status,
        StatusCode::NOT_FOUND
    );
    assert!(!w
        .officer
        .get("/hop-thu")
        .await
        .body
        .contains("Lao động giỏi"));

    // A deadline before the issue date: named, the typed date kept, nothing issued.
    let late = date_vn(today() + Duration::days(45));
    let r = w
        .office
        .post_form(
            &format!("/chi-dao/{directive}/ban-hanh"),
            &[("issued_on", &late), ("version", "1")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("trước ngày ban hành"), "{}", r.body);
    assert!(r.body.contains(&format!("value=\"{}\"", e(&late))));
    let r = w
        .office
        .post_form(
            &format!("/chi-dao/{directive}/ban-hanh"),
            &[("issued_on", "31/02/2023")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("Ngày ban hành phải có dạng"));

    let issued_on = date_vn(today());
    let r = w
        .office
        .post_form(
            &format!("/chi-dao/{directive}/ban-hanh"),
            &[("issued_on", &issued_on), ("version", "1")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let r = w.office.get(&format!("/chi-dao/{directive}")).await;
    assert!(
        r.body.contains(&format!(
            "{}</strong>, ngày {}",
            e("01/UBND-NV"),
            e(&issued_on)
        )),
        "{}",
        r.body
    );
    assert!(r.body.contains("Tạo phiên bản mới"));
    // Issued is never edited.
    assert_eq!(
        w.office
            .get(&format!("/chi-dao/{directive}/sua"))
            .await
            .status,
        StatusCode::CONFLICT
    );

    // The ward's inbox: unread, then read.
    let r = w.officer.get("/hop-thu").await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(
        r.body.contains("Chưa đọc") && r.body.contains(&e("01/UBND-NV")),
        "{}",
        r.body
    );
    assert!(
        r.body.contains("Văn bản mới"),
        "the notification of the issue"
    );
    let ward = w.ward.to_string();
    let r = w
        .officer
        .post_form(
            &format!("/chi-dao/{directive}/da-doc"),
            &[("don_vi", &ward)],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let r = w.officer.get(&format!("/chi-dao/{directive}")).await;
    assert!(r.body.contains("Đã đọc lúc") && r.body.contains("Gửi báo cáo"));
    let tasks = w
        .office
        .db
        .store
        .directive(directive)
        .await
        .unwrap()
        .unwrap()
        .tasks;
    assert_eq!(tasks.len(), 2, "only the filled rows became tasks");
    let task1 = tasks[0].id;

    // Bad input on the report: a negative number, a file of a type not allowed; nothing saved.
    let report_uri = format!("/chi-dao/{directive}/bao-cao/{task1}");
    let r = post_multipart(
        &w.officer,
        &report_uri,
        &[
            ("don_vi", &ward),
            ("version", "0"),
            ("events_held", "-2"),
            ("text", "Đã tuyên truyền"),
            ("gui", "1"),
        ],
        &[("tep", "virus.exe", b"MZ\x90\x00\x03")],
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body
            .contains("Số buổi, sự kiện phải là số nguyên không âm"),
        "{}",
        r.body
    );
    assert!(r.body.contains("không thuộc loại được phép"));
    assert!(r.body.contains("Đã tuyên truyền"), "the text typed is kept");
    let none = w
        .office
        .db
        .store
        .unit_reports(directive, w.ward, today())
        .await
        .unwrap();
    assert!(none[0].report.is_none());

    // The report with numbers and a PDF, sent.
    let r = post_multipart(
        &w.officer,
        &report_uri,
        &[
            ("don_vi", &ward),
            ("version", "0"),
            ("events_held", "3"),
            ("people_reached", "450"),
            ("posts_published", "12"),
            ("text", "Tổ chức 3 buổi tuyên truyền tại các tổ dân phố"),
            ("gui", "1"),
        ],
        &[("tep", "Báo cáo tuyên truyền.pdf", PDF)],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let views = w
        .office
        .db
        .store
        .unit_reports(directive, w.ward, today())
        .await
        .unwrap();
    let report = views[0].report.clone().unwrap();
    assert_eq!(
        (
            report.events_held,
            report.people_reached,
            report.submitted_on
        ),
        (Some(3), Some(450), Some(today()))
    );

    // A stale edit: the second officer is told, and what they typed stays on the page.
    let r = post_multipart(
        &w.officer,
        &report_uri,
        &[
            ("don_vi", &ward),
            ("version", "1"),
            ("events_held", "4"),
            ("text", "Bổ sung một buổi"),
            ("gui", "0"),
        ],
        &[],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let r = post_multipart(
        &w.officer,
        &report_uri,
        &[
            ("don_vi", &ward),
            ("version", "1"),
            ("events_held", "9"),
            ("text", "Sửa của người thứ hai"),
            ("gui", "0"),
        ],
        &[],
    )
    .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(
        r.body.contains("người khác sửa") && r.body.contains("Sửa của người thứ hai"),
        "{}",
        r.body
    );
    let views = w
        .office
        .db
        .store
        .unit_reports(directive, w.ward, today())
        .await
        .unwrap();
    assert_eq!(views[0].report.as_ref().unwrap().events_held, Some(4));

    // The evidence is a download, with the owner's permission.
    let files = w
        .office
        .db
        .store
        .attachments("report", report.id)
        .await
        .unwrap();
    assert_eq!(files.len(), 1);
    let r = w.office.get(&format!("/tep/{}", files[0].id)).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.content_type, "application/pdf");
    let cd = r.headers[header::CONTENT_DISPOSITION].to_str().unwrap();
    assert!(
        cd.starts_with("attachment;") && cd.contains("filename*=UTF-8''B%C3%A1o%20c%C3%A1o"),
        "{cd}"
    );
    assert_eq!(r.headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    assert_eq!(
        w.officer.get(&format!("/tep/{}", files[0].id)).await.status,
        StatusCode::OK
    );
    assert_eq!(
        w.other_officer
            .get(&format!("/tep/{}", files[0].id))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        w.office
            .anonymous()
            .get(&format!("/tep/{}", files[0].id))
            .await
            .status,
        StatusCode::SEE_OTHER
    );

    // The dispatch as DOCX from its page, for the office and for the ward it was sent to.
    let page = w.officer.get(&format!("/chi-dao/{directive}")).await;
    assert!(page
        .body
        .contains(&format!("/chi-dao/{directive}/cong-van.docx")));
    for app in [&w.office, &w.officer] {
        let r = app
            .get(&format!("/chi-dao/{directive}/cong-van.docx"))
            .await;
        assert_eq!(r.status, StatusCode::OK);
        assert!(r
            .headers
            .get(header::CONTENT_TYPE)
            .is_some_and(|v| v.to_str().unwrap().contains("wordprocessingml")));
    }
    assert_eq!(
        w.other_officer
            .get(&format!("/chi-dao/{directive}/cong-van.docx"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );

    // The matrix: the ward reported task 1 and is reading task 2; filters; the unit's page.
    let r = w
        .office
        .get(&format!("/chi-dao/{directive}/theo-doi"))
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(
        r.body.contains("st-reported") && r.body.contains(">Đã báo cáo</a>"),
        "{}",
        r.body
    );
    assert!(r.body.contains(">Đã đọc</a>"));
    assert!(r
        .body
        .contains(&format!("/chi-dao/{directive}/don-vi/{}", w.ward)));
    let r = w
        .office
        .get(&format!("/chi-dao/{directive}/theo-doi?trang_thai=late"))
        .await;
    assert!(!r.body.contains("Phường Kim Tân</a>"));
    let r = w
        .office
        .get(&format!("/chi-dao/{directive}/theo-doi?q=kim+tan"))
        .await;
    assert!(r.body.contains("Phường Kim Tân</a>"));
    assert_eq!(
        w.office
            .get(&format!("/chi-dao/{directive}/theo-doi?trang_thai=xyz"))
            .await
            .status,
        StatusCode::BAD_REQUEST
    );
    let r = w
        .office
        .get(&format!("/chi-dao/{directive}/don-vi/{}", w.ward))
        .await;
    assert!(r.body.contains("Bổ sung một buổi") && r.body.contains("Báo cáo tuyên truyền.pdf"));
    assert_eq!(
        w.officer
            .get(&format!("/chi-dao/{directive}/theo-doi"))
            .await
            .status,
        StatusCode::FORBIDDEN
    );

    // Reminders to the units that still owe a report, and an inspection.
    let r = w
        .office
        .post_form(&format!("/chi-dao/{directive}/nhac"), &[("tat_ca", "1")])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(r.location().contains("da_nhac=1"), "{}", r.location());
    let r = w.officer.get("/hop-thu").await;
    assert!(r.body.contains("Nhắc báo cáo"));
    assert!(r.body.contains("chưa đọc</span>") && r.body.contains("Đánh dấu tất cả đã đọc"));
    let r = w.officer.post_form("/hop-thu/da-doc", &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(!r.location().ends_with("da_doc=0"), "{}", r.location());
    let r = w.officer.get("/hop-thu").await;
    assert!(r.body.contains("Nhắc báo cáo") && !r.body.contains("(chưa đọc)"));
    assert!(!r.body.contains("Đánh dấu tất cả đã đọc"));
    let r = w
        .office
        .post_form(
            &format!("/chi-dao/{directive}/kiem-tra"),
            &[
                ("don_vi", &ward),
                ("inspected_on", "01/01/2999"),
                ("findings", ""),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body.contains("không được ở tương lai")
            && r.body.contains("Kết quả kiểm tra không được để trống")
    );
    let r = w
        .office
        .post_form(
            &format!("/chi-dao/{directive}/kiem-tra"),
            &[
                ("don_vi", &ward),
                ("inspected_on", &date_vn(today())),
                ("inspectors", "Phòng Nội vụ"),
                ("findings", "Đơn vị triển khai đầy đủ"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(w
        .office
        .get(&format!("/chi-dao/{directive}/theo-doi"))
        .await
        .body
        .contains("Đơn vị triển khai đầy đủ"));

    // A new version is a draft that copies the tasks.
    let r = w
        .office
        .post_form(&format!("/chi-dao/{directive}/phien-ban-moi"), &[])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let r = w.office.get(r.location()).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("Đẩy mạnh công tác tuyên truyền"));
}

#[tokio::test]
async fn a_report_on_a_directive_not_sent_to_the_unit_is_refused() {
    let w = world().await;
    let (_, directive) = movement_and_draft(&w, "").await;
    let r = w
        .office
        .post_form(
            &format!("/chi-dao/{directive}/ban-hanh"),
            &[("issued_on", &date_vn(today()))],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let task = w
        .office
        .db
        .store
        .directive(directive)
        .await
        .unwrap()
        .unwrap()
        .tasks[0]
        .id;
    let other = w.other_ward.to_string();
    let r = post_multipart(
        &w.other_officer,
        &format!("/chi-dao/{directive}/bao-cao/{task}"),
        &[
            ("don_vi", &other),
            ("version", "0"),
            ("text", "Báo cáo nhầm"),
            ("gui", "1"),
        ],
        &[],
    )
    .await;
    // The directive was not sent to that ward: for its officer it does not exist (as in the API).
    assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.body);
    // And nobody reports for a unit that is not theirs.
    let ward = w.ward.to_string();
    let r = post_multipart(
        &w.other_officer,
        &format!("/chi-dao/{directive}/bao-cao/{task}"),
        &[
            ("don_vi", &ward),
            ("version", "0"),
            ("text", "Báo cáo hộ"),
            ("gui", "1"),
        ],
        &[],
    )
    .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(w
        .office
        .db
        .store
        .unit_reports(directive, w.ward, today())
        .await
        .unwrap()[0]
        .report
        .is_none());
    // Nor is its page there for them.
    let r = w.other_officer.get(&format!("/chi-dao/{directive}")).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn an_upload_too_large_is_refused_by_name() {
    let w = world().await;
    let r = register(
        &w.office,
        &[
            ("reference", "941/UBND-NV"),
            ("issued_on", "01/09/2021"),
            ("summary", "Hướng dẫn xét khen thưởng"),
        ],
    )
    .await;
    let doc = id_in(r.location());
    // The same application with a file limit of 1 KB.
    let mut store = w.office.db.store.clone();
    let mut files = thidua_store::files::FileStore::memory();
    files.max_bytes = 1024;
    store.set_file_store(files);
    let small = TestApp {
        router: thidua_web::router(thidua_web::AppState::new(store).await.unwrap()),
        ..w.office.clone()
    };
    let mut big = PDF.to_vec();
    big.resize(4096, b' ');
    let r = post_multipart(
        &small,
        &format!("/van-ban/{doc}/tep"),
        &[],
        &[("tep", "scan.pdf", &big)],
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains(&e("'scan.pdf' lớn quá")), "{}", r.body);
    let r = post_multipart(
        &small,
        &format!("/van-ban/{doc}/tep"),
        &[],
        &[("tep", "anh.png", PDF)],
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("nội dung không khớp đuôi tệp"));
    assert!(w
        .office
        .db
        .store
        .attachments("document", doc)
        .await
        .unwrap()
        .is_empty());
    let r = post_multipart(
        &small,
        &format!("/van-ban/{doc}/tep"),
        &[],
        &[("tep", "941.pdf", PDF)],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    // Without the token in the address, a multipart form is refused.
    let req = Request::post(format!("/van-ban/{doc}/tep"))
        .header(header::CONTENT_TYPE, "multipart/form-data; boundary=x")
        .body(Body::from("--x--\r\n"))
        .unwrap();
    assert_eq!(w.office.send(req).await.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn registrations_close_at_the_deadline_until_the_office_reopens_them() {
    let w = world().await;
    let due = date_vn(today() + Duration::days(10));
    let (movement, _) = movement_and_draft(&w, &due).await;
    let m = movement.to_string();
    let ward = w.ward.to_string();
    let p0 = w.people[0].to_string();
    let r = w
        .officer
        .get(&format!("/dang-ky?phong_trao={m}&nam=2023"))
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(
        r.body.contains("Nguyễn Văn Đức")
            && r.body
                .contains(&format!("Hạn đăng ký: <strong>{}", e(&due)))
    );
    // An unknown title is named on the person's row.
    let title_key = format!("danh_hieu_{p0}");
    let r = w
        .officer
        .post_form(
            "/dang-ky",
            &[
                ("phong_trao", &m),
                ("nam", "2023"),
                ("don_vi", &ward),
                ("commitments", "=HYPERLINK(\"x\")"),
                ("nguoi", &p0),
                (&title_key, "khong_co"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("không có trong danh mục"), "{}", r.body);
    let r = w
        .officer
        .post_form(
            "/dang-ky",
            &[
                ("phong_trao", &m),
                ("nam", "2023"),
                ("don_vi", &ward),
                ("commitments", "=HYPERLINK(\"x\")"),
                ("target_title", "tap_the_lao_dong_tien_tien"),
                ("nguoi", &p0),
                (&title_key, "lao_dong_tien_tien"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);

    // The export: a CSV whose formula-looking cells are neutralised.
    let r = w
        .office
        .get(&format!("/dang-ky/xuat.csv?phong_trao={m}&nam=2023"))
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.content_type.starts_with("text/csv"));
    assert!(r.body.contains("Nguyễn Văn Đức") && r.body.contains("Phường Kim Tân"));
    assert!(
        !r.body.contains("lao_dong_tien_tien"),
        "titles by their names: {}",
        r.body
    );
    assert!(
        r.body.contains("'=HYPERLINK") && !r.body.contains(",=HYPERLINK"),
        "{}",
        r.body
    );

    // The deadline passes: the page says it is closed and saving is refused.
    let store = &w.office.db.store;
    let d = store.movement(movement).await.unwrap().unwrap();
    let input = thidua_domain::movement::MovementInput {
        name: d.movement.name.clone(),
        start_year: 2021,
        end_year: 2025,
        phases: vec![thidua_domain::movement::PhaseInput {
            year: 2023,
            title: "Năm 2023".into(),
            registration_due: Some(today() - Duration::days(1)),
        }],
        ..Default::default()
    };
    let links = thidua_store::movements::MovementLinks {
        basis_document_ids: d.basis.iter().map(|b| b.id).collect(),
        ..Default::default()
    };
    store
        .update_movement(
            &Actor::system("test"),
            movement,
            input.validate().unwrap(),
            links,
            None,
            None,
        )
        .await
        .unwrap();
    let r = w
        .officer
        .get(&format!("/dang-ky?phong_trao={m}&nam=2023"))
        .await;
    assert!(r.body.contains("Đã hết hạn đăng ký"));
    let again = [
        ("phong_trao", m.as_str()),
        ("nam", "2023"),
        ("don_vi", ward.as_str()),
        ("commitments", "Hoàn thành xuất sắc"),
        ("nguoi", p0.as_str()),
        (title_key.as_str(), "lao_dong_tien_tien"),
    ];
    let r = w.officer.post_form("/dang-ky", &again).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(r.body.contains("Đã hết hạn đăng ký") && r.body.contains("Hoàn thành xuất sắc"));

    // The office sees every registration and reopens this one; then it may change.
    let r = w
        .office
        .get(&format!("/dang-ky?phong_trao={m}&nam=2023"))
        .await;
    assert!(r.body.contains("Mở lại") && r.body.contains("Phường Kim Tân"));
    let reg = store
        .registration(movement, 2023, w.ward, today())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        w.officer
            .post_form(
                &format!("/dang-ky/{}/mo-lai", reg.registration.id),
                &[("mo", "1")]
            )
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let r = w
        .office
        .post_form(
            &format!("/dang-ky/{}/mo-lai", reg.registration.id),
            &[("mo", "1")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let r = w.officer.post_form("/dang-ky", &again).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
}

#[tokio::test]
async fn units_launch_the_movement_and_record_their_propaganda() {
    let w = world().await;
    let (movement, _) = movement_and_draft(&w, "").await;
    let r = w.officer.get(&format!("/phong-trao/{movement}")).await;
    assert!(r.body.contains("Phát động trong đơn vị"));
    let r = w
        .officer
        .get(&format!("/phong-trao/{movement}/phat-dong"))
        .await;
    assert_eq!(r.status, StatusCode::OK);
    let ward = w.ward.to_string();
    let r = w
        .officer
        .post_form(
            &format!("/phong-trao/{movement}/phat-dong"),
            &[
                ("name", "Lao động giỏi, Lao động sáng tạo — Phường Kim Tân"),
                ("start_year", "2023"),
                ("end_year", "2025"),
                ("unit_id", &ward),
                ("description", "Kế hoạch của phường"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let launch = id_in(r.location());
    let m = w
        .office
        .db
        .store
        .movement(launch)
        .await
        .unwrap()
        .unwrap()
        .movement;
    assert_eq!((m.parent_id, m.unit_id), (Some(movement), Some(w.ward)));
    assert!(w
        .office
        .get(&format!("/phong-trao/{movement}"))
        .await
        .body
        .contains("Phường Kim Tân"));
    // Another ward's officer cannot change it; they may not create city movements either.
    assert_eq!(
        w.other_officer
            .get(&format!("/phong-trao/{launch}/sua"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        w.officer
            .get(&format!("/phong-trao/{launch}/sua"))
            .await
            .status,
        StatusCode::OK
    );
    assert_eq!(
        w.officer.get("/phong-trao/moi").await.status,
        StatusCode::FORBIDDEN
    );

    // Propaganda: an event with a picture; a date in the future is refused with what was typed.
    let future = date_vn(today() + Duration::days(3));
    let r = post_multipart(
        &w.officer,
        "/tuyen-truyen",
        &[
            ("don_vi", &ward),
            ("kind", "event"),
            ("title", "Hội nghị phát động"),
            ("occurred_on", &future),
            ("participants", "120"),
        ],
        &[],
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body.contains("Ngày không được ở tương lai") && r.body.contains("Hội nghị phát động")
    );
    let png = b"\x89PNG\r\n\x1a\n0000";
    let r = post_multipart(
        &w.officer,
        "/tuyen-truyen",
        &[
            ("don_vi", &ward),
            ("kind", "event"),
            ("title", "Hội nghị phát động"),
            ("occurred_on", &date_vn(today())),
            ("participants", "120"),
        ],
        &[("anh", "hoi-nghi.png", png)],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let r = w.officer.get("/tuyen-truyen").await;
    assert!(r.body.contains("Hội nghị phát động") && r.body.contains("hoi-nghi.png"));
    assert!(!w
        .other_officer
        .get("/tuyen-truyen")
        .await
        .body
        .contains("Hội nghị phát động"));
    let totals = w
        .office
        .db
        .store
        .propaganda_totals(w.ward, today().year())
        .await
        .unwrap();
    assert_eq!((totals.events, totals.participants), (1, 120));
}

#[tokio::test]
async fn the_matrix_pages_a_thousand_units_a_hundred_at_a_time() {
    let w = world().await;
    let store = &w.office.db.store;
    let city = store.unit_by_code("UBND-TP").await.unwrap().unwrap();
    let mut codes = vec!["P-KIM-TAN".to_string()];
    for i in 0..129 {
        let input = UnitInput {
            code: format!("X-{i:03}"),
            name: format!("Xã Thử Nghiệm {i:03}"),
            kind: "ward_commune".into(),
            parent_id: Some(city.id),
        };
        store
            .create_unit(&Actor::system("test"), input.validate().unwrap())
            .await
            .unwrap();
        codes.push(format!("X-{i:03}"));
    }
    let (movement, _) = movement_and_draft(&w, "").await;
    let r = w
        .office
        .post_form(
            "/chi-dao/moi",
            &[
                ("movement_id", &movement.to_string()),
                ("year", "2023"),
                ("symbol", "UBND-NV"),
                ("summary", "V/v báo cáo kết quả phong trào"),
                ("task_title_0", "Báo cáo kết quả"),
                ("task_due_0", &date_vn(today() + Duration::days(30))),
                ("unit_codes", &codes.join(", ")),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let directive = id_in(r.location());
    let r = w
        .office
        .post_form(
            &format!("/chi-dao/{directive}/ban-hanh"),
            &[("issued_on", &date_vn(today())), ("version", "1")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);

    let rows = |body: &str| body.matches("name=\"don_vi\"").count();
    let r = w
        .office
        .get(&format!("/chi-dao/{directive}/theo-doi"))
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(rows(&r.body), 100, "the first hundred units");
    assert!(r.body.contains("Trang 1 / 2") && r.body.contains("trong 130 đơn vị"));
    // Every unit is counted above the table, not only the page's.
    assert!(
        r.body.contains("Chưa đọc</a>: <strong>130</strong>"),
        "{}",
        r.body
    );
    // Vietnamese order: "Phường Kim Tân" before "Xã …"; the last units are on page 2.
    assert!(r.body.contains("Phường Kim Tân</a>") && r.body.contains("Xã Thử Nghiệm 098</a>"));
    let r = w
        .office
        .get(&format!("/chi-dao/{directive}/theo-doi?page=2"))
        .await;
    assert_eq!(rows(&r.body), 30);
    assert!(r.body.contains("Xã Thử Nghiệm 128</a>") && !r.body.contains("Phường Kim Tân</a>"));
    assert!(r.body.contains("rel=\"prev\""));
    // A page past the end shows the last one; the filters travel with the pager.
    let r = w
        .office
        .get(&format!("/chi-dao/{directive}/theo-doi?page=9"))
        .await;
    assert_eq!(rows(&r.body), 30);
    let r = w
        .office
        .get(&format!("/chi-dao/{directive}/theo-doi?q=thu+nghiem"))
        .await;
    assert!(r
        .body
        .contains("trong 129 đơn vị khớp bộ lọc (tổng 130 đơn vị)"));
    assert!(r.body.contains("q=thu+nghiem&amp;page=2") || r.body.contains("q=thu+nghiem&page=2"));
}

#[tokio::test]
async fn a_joint_directive_is_drafted_on_the_form_with_its_co_issuer_and_two_signers() {
    let w = world().await;
    let (movement, _) = movement_and_draft(&w, "31/03/2099").await;
    let federation = UnitInput {
        code: "LDLD".into(),
        name: "Liên đoàn Lao động thành phố Lào Cai".into(),
        kind: "trade_union".into(),
        parent_id: None,
    };
    w.office
        .db
        .store
        .create_unit(&Actor::system("test"), federation.validate().unwrap())
        .await
        .unwrap();
    let form = w
        .office
        .get(&format!("/chi-dao/moi?phong_trao={movement}"))
        .await;
    assert_eq!(form.status, StatusCode::OK, "{}", form.body);
    for field in [
        "co_issuer_code",
        "co_signer",
        "co_signer_title",
        "co_signer_authority",
    ] {
        assert!(form.body.contains(&format!("name=\"{field}\"")), "{field}");
    }
    let mid = movement.to_string();
    let base = [
        ("movement_id", mid.as_str()),
        ("year", "2023"),
        ("symbol", "KH-UBND-LĐLĐ"),
        (
            "summary",
            "Tổ chức phong trào thi đua “Lao động giỏi, Lao động sáng tạo” năm 2023",
        ),
        (
            "task_title_0",
            "Phát động phong trào trong công nhân, viên chức, lao động",
        ),
        ("unit_codes", "P-KIM-TAN"),
        ("signer", "Hoàng Đăng Khoa"),
    ];
    // A joint symbol without a co-issuer: refused with the reason, the typed text kept, nothing written.
    let before = w.office.db.store.directives(None).await.unwrap().len();
    let r = w.office.post_form("/chi-dao/moi", &base).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(
        r.body
            .contains(&e("Ký hiệu KH-UBND-LĐLĐ là của văn bản liên tịch")),
        "{}",
        r.body
    );
    assert!(r
        .body
        .contains(&e("“Lao động giỏi, Lao động sáng tạo” năm 2023")));
    // An unknown code, and a co-issuer without its signer.
    let mut bad = base.to_vec();
    bad.push(("co_issuer_code", "KHONG-CO"));
    let r = w.office.post_form("/chi-dao/moi", &bad).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body.contains(&e("Không có đơn vị mã 'KHONG-CO'")),
        "{}",
        r.body
    );
    let mut unsigned = base.to_vec();
    unsigned.push(("co_issuer_code", "LDLD"));
    let r = w.office.post_form("/chi-dao/moi", &unsigned).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body
            .contains(&e("phải ghi họ tên người ký của cơ quan phối hợp")),
        "{}",
        r.body
    );
    // (That the co-issuer differs from the movement's unit is checked by the API's and store's tests:
    // this movement, made on the page, names no unit.)
    assert_eq!(
        w.office.db.store.directives(None).await.unwrap().len(),
        before
    );

    let mut good = base.to_vec();
    good.extend([
        ("co_issuer_code", "LDLD"),
        ("co_signer", "Nguyễn Thị Lan"),
        ("co_signer_title", "Chủ tịch"),
        ("co_signer_authority", "TM. BAN THƯỜNG VỤ"),
    ]);
    let r = w.office.post_form("/chi-dao/moi", &good).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let id = id_in(r.location());
    let page = w.office.get(&format!("/chi-dao/{id}")).await;
    assert!(page.body.contains("id=\"lien-tich\""), "{}", page.body);
    assert!(page
        .body
        .contains(&e("Liên đoàn Lao động thành phố Lào Cai")));
    assert!(page.body.contains("Nguyễn Thị Lan") && page.body.contains("Hoàng Đăng Khoa"));
    // The edit form shows what was saved; a unit officer still cannot open it.
    let edit = w.office.get(&format!("/chi-dao/{id}/sua")).await;
    assert!(edit.body.contains("value=\"LDLD\""), "{}", edit.body);
    assert!(edit.body.contains(&e("TM. BAN THƯỜNG VỤ")));
    assert_eq!(
        w.officer.get(&format!("/chi-dao/{id}/sua")).await.status,
        StatusCode::FORBIDDEN
    );
    // The DOCX beside the page is the joint plan.
    let docx = w.office.get(&format!("/chi-dao/{id}/cong-van.docx")).await;
    assert_eq!(docx.status, StatusCode::OK);
}
