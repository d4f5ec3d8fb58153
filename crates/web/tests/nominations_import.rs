//! The nomination list import through the pages (`/de-nghi/nhap`): a unit officer uploads the
//! list of their unit for a round (Excel, or the table of a Word letter), sees every row's
//! pre-check and every problem by row and column, confirms, and finds the drafts; the list's export
//! (`/de-nghi/xuat.xlsx`) reads back as the same rows in another round; a closed round, another
//! unit, a file that is no list are refused with a message and nothing written.

mod common;
#[path = "../../office/tests/common/word_files.rs"]
mod word_files;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::{Answer, TestApp};
use http_body_util::BodyExt;
use thidua_domain::access::Role;
use thidua_domain::commendation::RoundInput;
use thidua_domain::rules::RuleTables;
use thidua_office::xlsx::{Cell, ListSheet};
use thidua_store::commendation::NominationQuery;
use thidua_store::Actor;
use tower::ServiceExt;
use word_files::{docx, word_table};

fn file(rows: Vec<[&str; 4]>) -> Vec<u8> {
    ListSheet::new(
        "Đề nghị",
        &[
            "STT",
            "Họ và tên",
            "Đơn vị",
            "Danh hiệu",
            "Tóm tắt thành tích",
        ],
    )
    .with_rows(rows.into_iter().enumerate().map(|(i, r)| {
        vec![
            Cell::Int(i as i64 + 1),
            Cell::text(r[0]),
            Cell::text(r[1]),
            Cell::text(r[2]),
            Cell::text(r[3]),
        ]
    }))
    .to_xlsx()
    .unwrap()
}

fn sha_in(body: &str) -> String {
    let at = body.find("name=\"tep\" value=\"").expect("a preview") + "name=\"tep\" value=\"".len();
    body[at..at + 64].to_owned()
}

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

fn today() -> chrono::NaiveDate {
    chrono::Utc::now()
        .with_timezone(&thidua_domain::format::vietnam())
        .date_naive()
}

async fn open_round(app: &TestApp, name: &str) -> i64 {
    app.db
        .store
        .create_round(
            &Actor::system("test"),
            RoundInput {
                name: name.into(),
                kind: "yearly".into(),
                year: 2025,
                deadline: today() + chrono::Duration::days(30),
                awards: vec!["lao_dong_tien_tien".into(), "chien_si_thi_dua_co_so".into()],
                ..Default::default()
            }
            .validate(RuleTables::builtin())
            .unwrap(),
        )
        .await
        .unwrap()
        .round
        .id
}

/// The directory of `TestApp::with_directory` (Phường Kim Tân: Nguyễn Văn Đức, Lê Thị Bình, Trần
/// Văn An), an open round, and an officer of Kim Tân.
async fn world() -> (TestApp, i64, i64, TestApp) {
    let (admin, ward, _) = TestApp::with_directory().await;
    let round = open_round(&admin, "Xét khen thưởng năm 2025").await;
    admin
        .add_user("canbokimtan", &[Role::UnitOfficer], Some(ward), None)
        .await;
    let officer = admin.as_user("canbokimtan").await;
    (admin, ward, round, officer)
}

async fn upload(app: &TestApp, round: i64, unit: Option<i64>, name: &str, bytes: &[u8]) -> Answer {
    let round = round.to_string();
    let unit = unit.map(|u| u.to_string()).unwrap_or_default();
    let mut fields = vec![("dot", round.as_str())];
    if !unit.is_empty() {
        fields.push(("don_vi", unit.as_str()));
    }
    app.post_multipart("/de-nghi/nhap", &fields, &[("tep", name, bytes)])
        .await
}

async fn confirm(app: &TestApp, round: i64, sha: &str, name: &str) -> Answer {
    let round = round.to_string();
    app.post_form(
        "/de-nghi/nhap/xac-nhan",
        &[
            ("tep", sha),
            ("ten_tep", name),
            ("dot", &round),
            ("cot_ordinal", "0"),
            ("cot_full_name", "1"),
            ("cot_unit", "2"),
            ("cot_award", "3"),
            ("cot_summary", "4"),
            ("hanh_dong", "ghi"),
        ],
    )
    .await
}

/// (name, award, summary) of a round's nominations.
async fn rows_of(app: &TestApp, round: i64) -> Vec<(String, String, String)> {
    app.db
        .store
        .nominations(&NominationQuery {
            round_id: Some(round),
            ..Default::default()
        })
        .await
        .unwrap()
        .into_iter()
        .map(|n| (n.subject_name, n.nomination.award, n.nomination.summary))
        .collect()
}

#[tokio::test]
async fn an_officer_imports_the_units_list_and_its_export_reads_back_the_same() {
    let (admin, ward, round, officer) = world().await;
    let r = officer.get(&format!("/de-nghi?dot={round}")).await;
    assert!(
        r.body
            .contains(&format!("href=\"/de-nghi/nhap?dot={round}\"")),
        "{}",
        r.body
    );
    let r = officer.get("/dot-xet").await;
    assert!(r
        .body
        .contains(&format!("href=\"/de-nghi/nhap?dot={round}\"")));
    let r = officer.get(&format!("/de-nghi/nhap?dot={round}")).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.contains("Word (.docx)"), "{}", r.body);
    assert!(r.body.contains("Phường Kim Tân"));

    let bytes = file(vec![
        [
            "Nguyễn Văn Đức",
            "Phường Kim Tân",
            "Chiến sĩ thi đua cơ sở",
            "Sáng kiến cấp cơ sở",
        ],
        [
            "le thi binh",
            "",
            "Lao động tiên tiến",
            "Hoàn thành tốt nhiệm vụ",
        ],
    ]);
    let r = upload(&officer, round, None, "de-nghi.xlsx", &bytes).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(
        r.body.contains("<strong>2</strong> dòng hợp lệ"),
        "{}",
        r.body
    );
    assert!(r.body.contains("Ghi 2 đề nghị"), "{}", r.body);
    assert!(r.body.contains("Lê Thị Bình"), "the directory's spelling");
    // No ratings: the pre-check says why, with the article.
    assert!(r.body.contains("Chưa đủ điều kiện:"), "{}", r.body);
    assert!(r.body.contains("Điều"), "{}", r.body);
    assert!(
        rows_of(&admin, round).await.is_empty(),
        "nothing written yet"
    );

    let r = confirm(&officer, round, &sha_in(&r.body), "de-nghi.xlsx").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(r.location(), format!("/de-nghi/nhap?dot={round}&da_nhap=2"));
    assert!(officer
        .get(r.location())
        .await
        .body
        .contains("Đã nhập 2 đề nghị"));
    let written = rows_of(&admin, round).await;
    assert_eq!(
        written,
        [
            (
                "Nguyễn Văn Đức".to_owned(),
                "chien_si_thi_dua_co_so".to_owned(),
                "Sáng kiến cấp cơ sở".to_owned()
            ),
            (
                "Lê Thị Bình".to_owned(),
                "lao_dong_tien_tien".to_owned(),
                "Hoàn thành tốt nhiệm vụ".to_owned()
            ),
        ]
    );
    let audit = admin
        .db
        .store
        .audit_list(&thidua_store::audit::AuditQuery {
            entity: Some("nomination".into()),
            page: 1,
            per_page: 50,
            ..Default::default()
        })
        .await
        .unwrap()
        .items;
    assert_eq!(audit.len(), 1);
    assert_eq!(audit[0].action, "import");
    assert_eq!(audit[0].actor, "canbokimtan");

    // Export → import into another round: the same rows.
    let (status, exported) = download(&officer, &format!("/de-nghi/xuat.xlsx?dot={round}")).await;
    assert_eq!(status, StatusCode::OK);
    let second = open_round(&admin, "Xét khen thưởng đợt 2").await;
    let r = upload(&officer, second, Some(ward), "xuat.xlsx", &exported).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let sha = sha_in(&r.body);
    let body = r.body.clone();
    let idx = |header: &str| -> String {
        // The preview proposes the mapping guessed from the headers; read it back.
        let key = format!("name=\"cot_{header}\"");
        let at = body.find(&key).expect("a mapping select");
        let rest = &body[at..];
        let sel = rest.find("selected").expect("a guessed column");
        let before = &rest[..sel];
        let v = before.rfind("value=\"").unwrap() + "value=\"".len();
        before[v..].split('"').next().unwrap().to_owned()
    };
    let mut form: Vec<(String, String)> = vec![
        ("tep".into(), sha.clone()),
        ("ten_tep".into(), "xuat.xlsx".into()),
        ("dot".into(), second.to_string()),
        ("don_vi".into(), ward.to_string()),
        ("hanh_dong".into(), "ghi".into()),
    ];
    for key in [
        "ordinal",
        "full_name",
        "birth_date",
        "position",
        "unit",
        "award",
        "summary",
    ] {
        form.push((format!("cot_{key}"), idx(key)));
    }
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let r = officer.post_form("/de-nghi/nhap/xac-nhan", &form).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(rows_of(&admin, second).await, written);
}

#[tokio::test]
async fn a_word_letters_table_is_imported_and_bad_files_and_choices_are_refused() {
    let (admin, ward, round, officer) = world().await;
    let letter = format!(
        "{}<w:p/>{}",
        word_table(&[&["UBND PHƯỜNG KIM TÂN", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"]]),
        word_table(&[
            &["STT", "Họ và tên", "Chức vụ", "Hình thức đề nghị"],
            &["1", "Trần Văn An", "Cán bộ", "Lao động tiên tiến"],
        ])
    );
    let r = upload(&officer, round, None, "to-trinh.docx", &docx(&letter)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.contains("Bảng 2"), "{}", r.body);
    let sha = sha_in(&r.body);
    let r = officer
        .post_form(
            "/de-nghi/nhap/xac-nhan",
            &[
                ("tep", &sha),
                ("ten_tep", "to-trinh.docx"),
                ("dot", &round.to_string()),
                ("cot_ordinal", "0"),
                ("cot_full_name", "1"),
                ("cot_position", "2"),
                ("cot_award", "3"),
                ("hanh_dong", "ghi"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(rows_of(&admin, round).await.len(), 1);

    // A file with problems: no confirm button, and confirming anyway writes nothing.
    let bad = file(vec![
        ["Trần Văn Ann", "", "Lao động tiên tiến", ""],
        ["Lê Thị Bình", "", "Lao động tiên tiến", ""],
    ]);
    let r = upload(&officer, round, None, "sai.xlsx", &bad).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("có phải: Trần Văn An"), "{}", r.body);
    assert!(!r.body.contains("name=\"hanh_dong\" value=\"ghi\""));
    let r = confirm(&officer, round, &sha_in(&r.body), "sai.xlsx").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("Chưa ghi dòng nào"));
    assert_eq!(rows_of(&admin, round).await.len(), 1);

    // Not a list: a PDF, a Word letter without a table.
    let r = upload(&officer, round, None, "a.pdf", b"%PDF-1.4 x").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("PDF"), "{}", r.body);
    let r = upload(
        &officer,
        round,
        None,
        "cong-van.docx",
        &docx("<w:p><w:r><w:t>Kính gửi</w:t></w:r></w:p>"),
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("Không tìm thấy dòng tiêu đề"), "{}", r.body);

    // Another unit than the officer's: refused.
    let city = admin
        .db
        .store
        .unit_by_code("UBND-TP")
        .await
        .unwrap()
        .unwrap();
    let r = upload(&officer, round, Some(city.id), "de-nghi.xlsx", &bad).await;
    assert!(
        matches!(r.status, StatusCode::FORBIDDEN | StatusCode::NOT_FOUND),
        "{}",
        r.status
    );

    // A closed round: the message, nothing written.
    admin
        .db
        .store
        .close_award_round(&Actor::system("test"), round)
        .await
        .unwrap();
    let ok = file(vec![["Lê Thị Bình", "", "Lao động tiên tiến", ""]]);
    let r = upload(&officer, round, None, "de-nghi.xlsx", &ok).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("Đợt xét đã kết thúc"), "{}", r.body);
    assert_eq!(rows_of(&admin, round).await.len(), 1);
    let _ = ward;
}
