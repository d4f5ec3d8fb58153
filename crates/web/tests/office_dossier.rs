//! The dossier's papers on the city sample with the demo accounts: the round's submission (tờ
//! trình), the council's minutes (biên bản) with the tally and only after the ballots closed, the
//! achievement reports Mẫu số 02 and 03 from the record, a recognised initiative's certificate and
//! data sheet, each through the API and its page's link; and the administrator's replaceable
//! template of the decision, checked on upload and used when printing.

mod common;

use axum::http::{header, StatusCode};
use common::TestApp;
use std::io::{Read, Write};
use std::process::Command;

async fn sample() -> TestApp {
    let base = TestApp::anonymous_app().await;
    let store = &base.db.store;
    store
        .load_sample(thidua_sample::Scale::City, 1, &|_, _| {})
        .await
        .unwrap();
    thidua_store::sample_initiatives::load_sample_initiatives(store, thidua_sample::Scale::City, 1)
        .await
        .unwrap();
    store.create_demo_accounts().await.unwrap();
    base
}

/// The raw bytes of a GET with the caller's session (token for the API, cookie for pages).
async fn bytes(app: &TestApp, uri: &str) -> (StatusCode, String, Vec<u8>) {
    use axum::body::Body;
    use http_body_util::BodyExt;
    use tower::ServiceExt;
    let mut req = axum::http::Request::get(uri).body(Body::empty()).unwrap();
    if let Some(l) = &app.login {
        let h = req.headers_mut();
        if uri.starts_with("/api/") {
            h.insert(
                header::AUTHORIZATION,
                format!("Bearer {}", l.token).parse().unwrap(),
            );
        } else {
            h.insert(
                header::COOKIE,
                format!("thidua_session={}", l.token).parse().unwrap(),
            );
        }
    }
    let res = app.router.clone().oneshot(req).await.unwrap();
    let status = res.status();
    let ct = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    let body = res.into_body().collect().await.unwrap().to_bytes().to_vec();
    (status, ct, body)
}

fn part(docx: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("a DOCX is a zip");
    let mut s = String::new();
    zip.by_name(name)
        .unwrap_or_else(|_| panic!("{name} missing"))
        .read_to_string(&mut s)
        .unwrap();
    s
}

/// The document's text, run by run, after checking the parts and the page of Nghị định 30.
fn docx_text(docx: &[u8]) -> String {
    for p in [
        "[Content_Types].xml",
        "word/styles.xml",
        "word/header1.xml",
        "word/settings.xml",
    ] {
        part(docx, p);
    }
    let styles = part(docx, "word/styles.xml");
    assert!(styles.contains(r#"w:ascii="Times New Roman""#));
    let xml = part(docx, "word/document.xml");
    assert!(xml.contains(r#"<w:pgSz w:w="11906" w:h="16838"/>"#), "A4");
    assert!(
        xml.contains(r#"w:top="1134" w:right="850" w:bottom="1134" w:left="1701""#),
        "margins of the decree"
    );
    assert!(xml.contains("<w:titlePg/>"), "page numbers from page 2");
    let mut out = String::new();
    let mut rest = xml.as_str();
    while let Some(i) = rest.find("<w:t") {
        rest = &rest[i + 4..];
        if !(rest.starts_with('>') || rest.starts_with(' ')) {
            continue;
        }
        let (Some(open), Some(close)) = (rest.find('>'), rest.find("</w:t>")) else {
            break;
        };
        if open < close {
            out.push_str(&rest[open + 1..close]);
        }
        rest = &rest[close..];
        out.push(' ');
    }
    out.replace("&amp;", "&")
}

fn assert_in_order(text: &str, expected: &[&str]) {
    let mut at = 0;
    for e in expected {
        match text[at..].find(e) {
            Some(i) => at += i + e.len(),
            None => panic!("{e:?} not found after {at} in:\n{}", &text[at..]),
        }
    }
}

fn tool(name: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {name}")])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false)
}

/// The text LibreOffice prints of a DOCX (through pdftotext), or `None` when either is missing.
fn printed(docx: &[u8]) -> Option<String> {
    let office = ["soffice", "libreoffice"].into_iter().find(|t| tool(t))?;
    if !tool("pdftotext") {
        return None;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("van-ban.docx");
    std::fs::write(&path, docx).unwrap();
    let out = Command::new(office)
        .args([
            &format!(
                "-env:UserInstallation=file://{}",
                dir.path().join("profile").display()
            ),
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            &dir.path().display().to_string(),
            &path.display().to_string(),
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let text = Command::new("pdftotext")
        .args([dir.path().join("van-ban.pdf").to_str().unwrap(), "-"])
        .output()
        .unwrap();
    Some(String::from_utf8(text.stdout).unwrap())
}

/// The PDF's text through pdftotext, or `None` when it is not installed.
fn pdf_text(pdf: &[u8]) -> Option<String> {
    if !tool("pdftotext") {
        return None;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new("pdftotext")
        .args([path.to_str().unwrap(), "-"])
        .output()
        .unwrap();
    Some(String::from_utf8(out.stdout).unwrap())
}

#[tokio::test]
async fn the_submission_lists_the_rounds_accepted_nominations_and_the_minutes_the_tally() {
    let base = sample().await;
    let store = &base.db.store;
    let noivu = base.as_user("noivu").await;
    let donvi1 = base.as_user("donvi1").await;
    let hoidong1 = base.as_user("hoidong1").await;
    let nld1 = base.as_user("nld1").await;

    // The 2024 round of the sample, played through: its nominations were accepted and decided.
    let round = store
        .award_rounds()
        .await
        .unwrap()
        .into_iter()
        .find(|r| r.year == 2024)
        .expect("the sample's 2024 round");
    let rows = store
        .nominations(&thidua_store::commendation::NominationQuery {
            round_id: Some(round.id),
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(rows.len() >= 2);
    let uri = format!("/api/v1/award-rounds/{}/to-trinh.docx", round.id);
    let (status, ct, docx) = bytes(&noivu, &uri).await;
    assert_eq!(status, StatusCode::OK, "{}", String::from_utf8_lossy(&docx));
    assert!(ct.contains("wordprocessingml"), "{ct}");
    let text = docx_text(&docx);
    let mut expected = vec![
        "PHÒNG NỘI VỤ",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "/TTr-NV",
        "TỜ TRÌNH",
        "Kính gửi:",
        "Căn cứ Luật Thi đua, khen thưởng",
    ];
    for r in &rows {
        expected.push(r.subject_name.as_str());
    }
    expected.extend(["Tổng cộng", "Nơi nhận:", "TRƯỞNG PHÒNG"]);
    assert_in_order(&text, &expected);
    // The office's paper: a unit officer or a worker may not have it; the page serves the same.
    assert_eq!(bytes(&donvi1, &uri).await.0, StatusCode::FORBIDDEN);
    assert_eq!(bytes(&nld1, &uri).await.0, StatusCode::FORBIDDEN);
    assert_eq!(
        bytes(&noivu, "/api/v1/award-rounds/999999/to-trinh.docx")
            .await
            .0,
        StatusCode::NOT_FOUND
    );
    let page = noivu.get("/dot-xet").await;
    let link = format!("/dot-xet/{}/to-trinh.docx", round.id);
    assert!(page.body.contains(&link), "{link} not on /dot-xet");
    let (status, _, same) = bytes(&noivu, &link).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(docx_text(&same), text);

    if let Some(printed) = printed(&docx) {
        let flat = printed.split_whitespace().collect::<Vec<_>>().join(" ");
        assert_in_order(
            &flat,
            &[
                "PHÒNG NỘI VỤ",
                "TỜ TRÌNH",
                rows[0].subject_name.as_str(),
                "TRƯỞNG PHÒNG",
            ],
        );
    } else {
        println!(
            "note: LibreOffice or pdftotext is not installed; the printed pages were not checked"
        );
    }

    // The minutes of the sample's meeting: its ballot is closed.
    let council = store.award_councils().await.unwrap()[0].id;
    let meeting = store
        .award_meetings(Some(council))
        .await
        .unwrap()
        .into_iter()
        .find(|m| m.round_id == round.id)
        .expect("the meeting of the 2024 round");
    let detail = store.meeting(meeting.id).await.unwrap().unwrap();
    let ballot = store
        .ballot_view(detail.ballots[0].id, None)
        .await
        .unwrap()
        .unwrap();
    let uri = format!("/api/v1/meetings/{}/bien-ban.docx", meeting.id);
    let (status, _, docx) = bytes(&noivu, &uri).await;
    assert_eq!(status, StatusCode::OK, "{}", String::from_utf8_lossy(&docx));
    let text = docx_text(&docx);
    let mut expected = vec!["BIÊN BẢN", "I. THÀNH PHẦN", "II. NỘI DUNG"];
    for n in &detail.items {
        expected.push(n.subject_name.as_str());
    }
    expected.extend(["III. KẾT QUẢ BIỂU QUYẾT", "Đồng ý", "Không đồng ý"]);
    assert_in_order(&text, &expected);
    // Each item's row carries its counters and outcome, in the agenda's order.
    let results = &text[text.find("III. KẾT QUẢ BIỂU QUYẾT").unwrap()..];
    let mut at = 0;
    for n in &detail.items {
        let item = ballot
            .items
            .iter()
            .find(|i| i.nomination_id == n.nomination.id)
            .unwrap();
        let t = item.tally.unwrap();
        let row = format!(
            "{} {} {} {} {} {} {}",
            n.subject_name,
            item.eligible,
            t.cast(),
            t.yes,
            t.no,
            t.abstain,
            if item.passed == Some(true) {
                "Thông qua"
            } else {
                "Không thông qua"
            }
        );
        let i = results[at..]
            .find(&row)
            .unwrap_or_else(|| panic!("{row:?} not in {results}"));
        at += i + row.len();
    }
    assert!(results.contains("cần từ"), "the council's rule: {results}");
    assert_in_order(&text, &["THƯ KÝ HỘI ĐỒNG", "CHỦ TỊCH HỘI ĐỒNG"]);
    // The tallies are the ballot's: a member and the leader read them, a unit officer does not.
    assert_eq!(bytes(&hoidong1, &uri).await.0, StatusCode::OK);
    assert_eq!(bytes(&donvi1, &uri).await.0, StatusCode::NOT_FOUND);
    assert_eq!(bytes(&nld1, &uri).await.0, StatusCode::FORBIDDEN);
    let page = noivu.get(&format!("/phien-hop/{}", meeting.id)).await;
    let link = format!("/phien-hop/{}/bien-ban.docx", meeting.id);
    assert!(page.body.contains(&link), "{link} not on the meeting page");
    assert_eq!(bytes(&noivu, &link).await.0, StatusCode::OK);

    // While a ballot of the meeting is open there are no minutes (409) and no link.
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    use thidua_store::entity::ballots;
    let reopen = |status: &'static str| async move {
        ballots::Entity::update_many()
            .col_expr(
                ballots::Column::Status,
                sea_orm::sea_query::Expr::value(status),
            )
            .filter(ballots::Column::MeetingId.eq(meeting.id))
            .exec(store.connection())
            .await
            .unwrap();
    };
    reopen("open").await;
    let answer = noivu.get(&uri).await;
    assert_eq!(answer.status, StatusCode::CONFLICT, "{}", answer.body);
    assert!(answer.body.contains("biên bản"), "{}", answer.body);
    let page = noivu.get(&format!("/phien-hop/{}", meeting.id)).await;
    assert!(!page.body.contains("bien-ban.docx"));
    reopen("closed").await;
}

#[tokio::test]
async fn the_achievement_reports_are_filled_from_the_record() {
    let base = sample().await;
    let store = &base.db.store;
    let noivu = base.as_user("noivu").await;
    let nld1 = base.as_user("nld1").await;
    let donvi2 = base.as_user("donvi2").await;
    let me = store.user_by_name("nld1").await.unwrap().unwrap();
    let person = me.user.person_id.unwrap();
    let p = store.person(person).await.unwrap().unwrap();

    // Mẫu số 03: a worker writes their own; the record's titles are in its tables.
    let uri = format!("/api/v1/people/{person}/mau-03.docx");
    let (status, _, docx) = bytes(&nld1, &uri).await;
    assert_eq!(status, StatusCode::OK, "{}", String::from_utf8_lossy(&docx));
    let text = docx_text(&docx);
    assert!(
        text.trim_start()
            .starts_with("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        "no issuing body: {text:.200}"
    );
    assert!(!text.contains("Số:"), "a personal report has no number");
    assert_in_order(
        &text,
        &[
            "BÁO CÁO THÀNH TÍCH",
            "I. SƠ LƯỢC LÝ LỊCH",
            p.full_name.as_str(),
            p.unit_name.as_str(),
            "II. THÀNH TÍCH ĐẠT ĐƯỢC",
            "Hoàn thành",
            "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG",
            "1. Danh hiệu thi đua:",
            "2024 Chiến sĩ thi đua cơ sở",
            "2023 Lao động tiên tiến",
            "2022 Lao động tiên tiến",
            "2. Hình thức khen thưởng:",
            "NGƯỜI BÁO CÁO THÀNH TÍCH",
        ],
    );
    // For a nomination: the award asked and the nomination's summary.
    let nomination = store
        .nominations(&Default::default())
        .await
        .unwrap()
        .into_iter()
        .find(|n| n.nomination.person_id == Some(person))
        .unwrap();
    let (status, _, docx) = bytes(
        &noivu,
        &format!("{uri}?nomination_id={}", nomination.nomination.id),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let asked = format!("ĐỀ NGHỊ TẶNG {}", nomination.award_name.to_uppercase());
    assert!(docx_text(&docx).contains(&asked), "{asked}");
    let page = noivu
        .get(&format!("/de-nghi/{}", nomination.nomination.id))
        .await;
    let link = format!(
        "/nguoi/{person}/mau-03.docx?de_nghi={}",
        nomination.nomination.id
    );
    assert!(
        page.body.contains(&link),
        "{link} not on the nomination page"
    );
    assert_eq!(bytes(&noivu, &link).await.0, StatusCode::OK);
    let page = nld1.get(&format!("/nguoi/{person}")).await;
    assert!(page.body.contains(&format!("/nguoi/{person}/mau-03.docx")));
    // Another ward's officer does not see this person.
    assert_eq!(bytes(&donvi2, &uri).await.0, StatusCode::NOT_FOUND);

    // Mẫu số 02: the unit's heading under its superior body, its people counted.
    let unit = store.unit(p.unit_id).await.unwrap().unwrap();
    let uri = format!("/api/v1/units/{}/mau-02.docx", unit.id);
    let (status, _, docx) = bytes(&noivu, &uri).await;
    assert_eq!(status, StatusCode::OK, "{}", String::from_utf8_lossy(&docx));
    let text = docx_text(&docx);
    assert_in_order(
        &text,
        &[
            &unit.name.to_uppercase(),
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "BÁO CÁO THÀNH TÍCH",
            "I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH",
            "Tổng số cán bộ, công chức, viên chức và người lao động:",
            "Những đặc điểm chính của đơn vị",
            "II. THÀNH TÍCH ĐẠT ĐƯỢC",
            "Những biện pháp hoặc nguyên nhân đạt được thành tích",
            "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG",
            "THỦ TRƯỞNG ĐƠN VỊ",
        ],
    );
    assert_eq!(bytes(&donvi2, &uri).await.0, StatusCode::NOT_FOUND);
    let page = noivu.get(&format!("/don-vi/{}", unit.id)).await;
    assert!(page
        .body
        .contains(&format!("/don-vi/{}/mau-02.docx", unit.id)));
    assert_eq!(
        bytes(&noivu, &format!("/don-vi/{}/mau-02.docx", unit.id))
            .await
            .0,
        StatusCode::OK
    );
}

#[tokio::test]
async fn a_recognised_initiative_has_its_certificate_and_data_sheet() {
    let base = sample().await;
    let noivu = base.as_user("noivu").await;
    let list = noivu
        .get("/api/v1/initiatives?status=recognised&per_page=5")
        .await
        .json();
    let id = list["items"][0]["id"]
        .as_i64()
        .expect("a recognised initiative");
    let detail = base.db.store.initiative(id).await.unwrap().unwrap();

    let (status, ct, pdf) =
        bytes(&noivu, &format!("/api/v1/initiatives/{id}/certificate.pdf")).await;
    assert_eq!(status, StatusCode::OK, "{}", String::from_utf8_lossy(&pdf));
    assert_eq!(ct, "application/pdf");
    assert!(pdf.starts_with(b"%PDF-"));
    if let Some(text) = pdf_text(&pdf) {
        let pages: Vec<&str> = text
            .split('\x0c')
            .filter(|p| !p.trim().is_empty())
            .collect();
        assert_eq!(pages.len(), detail.authors.len(), "one page per author");
        for (page, author) in pages.iter().zip(&detail.authors) {
            let flat = page.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(flat.contains("GIẤY CHỨNG NHẬN SÁNG KIẾN"), "{flat}");
            assert!(
                flat.contains(author.name.trim()),
                "{} in {flat}",
                author.name
            );
        }
    }
    let (status, _, docx) =
        bytes(&noivu, &format!("/api/v1/initiatives/{id}/data-sheet.docx")).await;
    assert_eq!(status, StatusCode::OK);
    let text = docx_text(&docx);
    let mut expected = vec!["PHIẾU THÔNG TIN SÁNG KIẾN", detail.initiative.title.trim()];
    for a in &detail.authors {
        expected.push(a.name.trim());
    }
    expected.push("Kết quả xét công nhận:");
    assert_in_order(&text, &expected);
    // The page links to both.
    let page = noivu.get(&format!("/sang-kien/{id}")).await;
    for link in [
        format!("/sang-kien/{id}/giay-chung-nhan.pdf"),
        format!("/sang-kien/{id}/phieu-thong-tin.docx"),
    ] {
        assert!(page.body.contains(&link), "{link}");
        assert_eq!(bytes(&noivu, &link).await.0, StatusCode::OK, "{link}");
    }
    // An initiative not recognised has neither (409).
    let other = noivu
        .get("/api/v1/initiatives?status=not_recognised&per_page=1")
        .await
        .json();
    if let Some(o) = other["items"][0]["id"].as_i64() {
        let a = noivu
            .get(&format!("/api/v1/initiatives/{o}/certificate.pdf"))
            .await;
        assert_eq!(a.status, StatusCode::CONFLICT, "{}", a.body);
    }
}

/// The default decision template with `from` replaced by `to` in its document part.
fn edited(template: &[u8], from: &str, to: &str) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(template)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        let mut data = Vec::new();
        f.read_to_end(&mut data).unwrap();
        if name == "word/document.xml" {
            let xml = String::from_utf8(data).unwrap();
            assert!(xml.contains(from), "{from} not in the template");
            data = xml.replace(from, to).into_bytes();
        }
        out.start_file::<_, ()>(name, zip::write::FileOptions::default())
            .unwrap();
        out.write_all(&data).unwrap();
    }
    out.finish().unwrap().into_inner()
}

#[tokio::test]
async fn a_replaced_decision_template_changes_the_decision_until_reverted() {
    let base = sample().await;
    let admin = base.as_user("admin").await;
    let noivu = base.as_user("noivu").await;
    let d = base
        .db
        .store
        .award_decisions(None)
        .await
        .unwrap()
        .into_iter()
        .find(|d| d.reference.is_some())
        .unwrap();
    let decision = format!("/api/v1/decisions/{}/docx", d.id);
    let before = docx_text(&bytes(&noivu, &decision).await.2);
    assert!(before.contains("DANH SÁCH CÁ NHÂN, TẬP THỂ ĐƯỢC KHEN THƯỞNG"));

    let page = admin.get("/quan-tri/mau-van-ban").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page
        .body
        .contains("/quan-tri/mau-van-ban/quyet-dinh/mac-dinh.docx"));
    assert_eq!(
        noivu.get("/quan-tri/mau-van-ban").await.status,
        StatusCode::FORBIDDEN
    );
    let (status, _, default) =
        bytes(&admin, "/quan-tri/mau-van-ban/quyet-dinh/mac-dinh.docx").await;
    assert_eq!(status, StatusCode::OK);

    // An unknown placeholder, and a missing required one, are named and nothing changes.
    let unknown = edited(&default, "{{ho_ten}}", "{{ho_ten}} {{biet_danh}}");
    let a = admin
        .post_multipart(
            "/quan-tri/mau-van-ban/quyet-dinh",
            &[],
            &[("file", "mau.docx", &unknown)],
        )
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(a.body.contains("biet_danh"), "{}", a.body);
    let missing = edited(&default, "{{ho_ten}}", "");
    let a = admin
        .post_multipart(
            "/quan-tri/mau-van-ban/quyet-dinh",
            &[],
            &[("file", "mau.docx", &missing)],
        )
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(a.body.contains("ho_ten"), "{}", a.body);
    let a = admin
        .post_multipart(
            "/quan-tri/mau-van-ban/quyet-dinh",
            &[],
            &[("file", "mau.docx", b"not a docx")],
        )
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", a.body);
    assert_eq!(docx_text(&bytes(&noivu, &decision).await.2), before);

    // The office's own heading of the list is used from then on, by the API and the page.
    let ours = edited(
        &default,
        "DANH SÁCH CÁ NHÂN, TẬP THỂ ĐƯỢC KHEN THƯỞNG",
        "BẢNG KÊ NGƯỜI ĐƯỢC KHEN THƯỞNG",
    );
    let a = admin
        .post_multipart(
            "/quan-tri/mau-van-ban/quyet-dinh",
            &[],
            &[("file", "mau-cua-phong.docx", &ours)],
        )
        .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.body);
    let after = docx_text(&bytes(&noivu, &decision).await.2);
    assert!(after.contains("BẢNG KÊ NGƯỜI ĐƯỢC KHEN THƯỞNG"), "{after}");
    assert!(after.contains(d.reference.as_deref().unwrap()));
    let page = admin.get("/quan-tri/mau-van-ban?da_luu=quyet-dinh").await;
    assert!(page.body.contains("mau-cua-phong.docx"), "{}", page.body);
    let audit = base
        .db
        .store
        .audit_list(&thidua_store::audit::AuditQuery {
            entity: Some("attachment".into()),
            actor: Some("admin".into()),
            page: 1,
            per_page: 10,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(audit.total, 1, "the upload is audited");

    // Back to the default.
    let a = admin
        .post_form("/quan-tri/mau-van-ban/quyet-dinh/khoi-phuc", &[])
        .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.body);
    assert_eq!(docx_text(&bytes(&noivu, &decision).await.2), before);
}

/// The texts of the paragraphs of a DOCX's body that hold any, in order (tabs kept), each with
/// its alignment and whether it is bold or italic: what a template must print the same as the
/// layout, whatever runs it splits the text into.
fn paragraph_texts(docx: &[u8]) -> Vec<String> {
    let xml = part(docx, "word/document.xml");
    let mut out = Vec::new();
    for p in xml.split("</w:p>") {
        let mut text = String::new();
        let mut rest = p;
        while let Some(i) = rest.find('<') {
            rest = &rest[i..];
            let end = rest.find('>').expect("a closed tag");
            let tag = &rest[..=end];
            rest = &rest[end + 1..];
            if tag.starts_with("<w:tab/") || tag.starts_with("<w:tab ") {
                text.push('\t');
            } else if (tag.starts_with("<w:t>") || tag.starts_with("<w:t ")) && !tag.ends_with("/>")
            {
                let close = rest.find("</w:t>").expect("w:t closed");
                text.push_str(&rest[..close]);
                rest = &rest[close..];
            }
        }
        let text = text
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&amp;", "&");
        if !text.trim().is_empty() {
            // With how it stands: alignment, bold, italic.
            let jc = p
                .find(r#"<w:jc w:val=""#)
                .map(|i| &p[i + 13..])
                .and_then(|r| r.split('"').next())
                .unwrap_or("left");
            let b = if p.contains("<w:b/>") { " b" } else { "" };
            let i = if p.contains("<w:i/>") { " i" } else { "" };
            out.push(format!("[{jc}{b}{i}] {}", text.trim()));
        }
    }
    out
}

/// Every document but the decision, with where it is downloaded and who downloads it.
async fn documents_of_every_kind(base: &TestApp) -> Vec<(&'static str, String, &'static str)> {
    let store = &base.db.store;
    let round = store
        .award_rounds()
        .await
        .unwrap()
        .into_iter()
        .find(|r| r.year == 2024)
        .unwrap();
    let council = store.award_councils().await.unwrap()[0].id;
    let meeting = store
        .award_meetings(Some(council))
        .await
        .unwrap()
        .into_iter()
        .find(|m| m.round_id == round.id)
        .unwrap();
    let directives = store.directives(None).await.unwrap();
    let directive = directives[0].id;
    let joint = directives
        .iter()
        .find(|d| d.co_issuer_unit_id.is_some())
        .expect("the sample's joint plan")
        .id;
    let me = store.user_by_name("nld1").await.unwrap().unwrap();
    let person = me.user.person_id.unwrap();
    let unit = store.person(person).await.unwrap().unwrap().unit_id;
    let noivu = base.as_user("noivu").await;
    let list = noivu
        .get("/api/v1/initiatives?status=recognised&per_page=1")
        .await
        .json();
    let initiative = list["items"][0]["id"].as_i64().unwrap();
    vec![
        (
            "cong-van",
            format!("/api/v1/directives/{directive}/docx"),
            "admin",
        ),
        (
            "ke-hoach-lien-tich",
            format!("/api/v1/directives/{joint}/docx"),
            "noivu",
        ),
        (
            "to-trinh",
            format!("/api/v1/award-rounds/{}/to-trinh.docx", round.id),
            "noivu",
        ),
        (
            "bien-ban",
            format!("/api/v1/meetings/{}/bien-ban.docx", meeting.id),
            "noivu",
        ),
        (
            "mau-02",
            format!("/api/v1/units/{unit}/mau-02.docx"),
            "noivu",
        ),
        (
            "mau-03",
            format!("/api/v1/people/{person}/mau-03.docx"),
            "noivu",
        ),
        (
            "phieu-sang-kien",
            format!("/api/v1/initiatives/{initiative}/data-sheet.docx"),
            "noivu",
        ),
        ("bao-cao", "/api/v1/reports/2024/docx".to_owned(), "noivu"),
    ]
}

#[tokio::test]
async fn every_document_prints_from_the_offices_template_until_reverted() {
    let base = sample().await;
    let admin = base.as_user("admin").await;
    let noivu = base.as_user("noivu").await;
    let page = admin.get("/quan-tri/mau-van-ban").await;
    assert_eq!(page.status, StatusCode::OK);
    for (kind, uri, user) in documents_of_every_kind(&base).await {
        let reader = base.as_user(user).await;
        let (status, _, built_in) = bytes(&reader, &uri).await;
        assert_eq!(
            status,
            StatusCode::OK,
            "{uri}: {}",
            String::from_utf8_lossy(&built_in)
        );
        let before = paragraph_texts(&built_in);
        let upload = format!("/quan-tri/mau-van-ban/{kind}");
        let default_uri = format!("{upload}/mac-dinh.docx");
        assert!(
            page.body.contains(&default_uri),
            "{default_uri} on the page"
        );
        let (status, _, default) = bytes(&admin, &default_uri).await;
        assert_eq!(status, StatusCode::OK, "{default_uri}");
        assert_eq!(
            bytes(&noivu, &default_uri).await.0,
            StatusCode::FORBIDDEN,
            "{kind}"
        );
        let audited = || async {
            base.db
                .store
                .audit_list(&thidua_store::audit::AuditQuery {
                    entity: Some("attachment".into()),
                    actor: Some("admin".into()),
                    page: 1,
                    per_page: 10,
                    ..Default::default()
                })
                .await
                .unwrap()
                .total
        };
        let audit_before = audited().await;

        // An unknown placeholder is named and nothing is stored.
        let unknown = edited(&default, "{{trich_yeu}}", "{{trich_yeu}} {{so_hop_dong}}");
        let a = admin
            .post_multipart(&upload, &[], &[("file", "mau.docx", &unknown)])
            .await;
        assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{kind}");
        assert!(
            a.body.contains("chỗ điền không biết: {{so_hop_dong}}"),
            "{kind}: {}",
            a.body
        );
        let missing = edited(&default, "{{nguoi_ky}}", "");
        let a = admin
            .post_multipart(&upload, &[], &[("file", "mau.docx", &missing)])
            .await;
        assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{kind}");
        assert!(a.body.contains("{{nguoi_ky}}"), "{kind}: {}", a.body);
        assert_eq!(audited().await, audit_before, "{kind}: nothing stored");
        assert_eq!(
            bytes(&admin, &format!("{upload}/hien-hanh.docx")).await.0,
            StatusCode::NOT_FOUND
        );
        let body = |docx: &[u8]| part(docx, "word/document.xml");
        assert_eq!(
            body(&bytes(&reader, &uri).await.2),
            body(&built_in),
            "{kind}: unchanged"
        );

        // The default uploaded as it is prints the same paragraphs as the layout.
        let a = admin
            .post_multipart(&upload, &[], &[("file", "mac-dinh.docx", &default)])
            .await;
        assert_eq!(a.status, StatusCode::SEE_OTHER, "{kind}: {}", a.body);
        assert_eq!(
            audited().await,
            audit_before + 1,
            "{kind}: the upload is audited"
        );
        let (status, _, same) = bytes(&reader, &uri).await;
        assert_eq!(status, StatusCode::OK, "{kind}");
        // The joint plan of the sample (no superior bodies, no "Kính gửi:") fills its default
        // to the layout's very bytes; the edited template below shows that the template wrote it.
        if kind != "ke-hoach-lien-tich" {
            assert_ne!(
                body(&same),
                body(&built_in),
                "{kind}: written from the template"
            );
        }
        assert_eq!(paragraph_texts(&same), before, "{kind}");
        // LibreOffice opens what a template wrote (one kind, to keep the test short).
        if kind == "bien-ban" {
            if let Some(printed) = printed(&same) {
                let flat = printed.split_whitespace().collect::<Vec<_>>().join(" ");
                assert_in_order(
                    &flat,
                    &[
                        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                        "BIÊN BẢN",
                        "I. THÀNH PHẦN",
                        "CHỦ TỊCH HỘI ĐỒNG",
                    ],
                );
            }
        }

        // The office's wording of a fixed line is printed from then on.
        let ours = edited(
            &default,
            "Độc lập - Tự do - Hạnh phúc",
            "ĐỘC LẬP - TỰ DO - HẠNH PHÚC",
        );
        let a = admin
            .post_multipart(&upload, &[], &[("file", "mau-cua-phong.docx", &ours)])
            .await;
        assert_eq!(a.status, StatusCode::SEE_OTHER, "{kind}: {}", a.body);
        let after = paragraph_texts(&bytes(&reader, &uri).await.2);
        assert!(
            after
                .iter()
                .any(|p| p.ends_with("] ĐỘC LẬP - TỰ DO - HẠNH PHÚC")),
            "{kind}: {after:?}"
        );
        assert!(!after
            .iter()
            .any(|p| p.contains("Độc lập - Tự do - Hạnh phúc")));
        let expected: Vec<String> = before
            .iter()
            .map(|p| p.replace("Độc lập - Tự do - Hạnh phúc", "ĐỘC LẬP - TỰ DO - HẠNH PHÚC"))
            .collect();
        assert_eq!(after, expected, "{kind}: only that line changed");
        let (status, _, current) = bytes(&admin, &format!("{upload}/hien-hanh.docx")).await;
        assert_eq!((status, current), (StatusCode::OK, ours), "{kind}");

        // Back to the layout's own bytes.
        let a = admin.post_form(&format!("{upload}/khoi-phuc"), &[]).await;
        assert_eq!(a.status, StatusCode::SEE_OTHER, "{kind}: {}", a.body);
        assert_eq!(
            audited().await,
            audit_before + 4,
            "{kind}: two uploads and two rows forgotten"
        );
        assert_eq!(
            body(&bytes(&reader, &uri).await.2),
            body(&built_in),
            "{kind}: reverted"
        );
    }
    // The page explains each kind's placeholders.
    let page = admin.get("/quan-tri/mau-van-ban").await;
    // (minijinja writes "/" as "&#x2f;")
    for shown in [
        "{{#noi_dung}}…",
        "{{bang_bieu}}",
        "{{#dong}}…",
        "{{#kinh_gui_mot}}",
    ] {
        assert!(page.body.contains(shown), "{shown}");
    }
    assert!(page.body.contains("Thẩm quyền ký"), "meanings are shown");
}

#[tokio::test]
async fn the_samples_joint_plan_prints_both_issuers_and_both_signatures_in_order() {
    let base = sample().await;
    let noivu = base.as_user("noivu").await;
    let list = noivu.get("/api/v1/directives?per_page=100").await.json();
    let plan = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["co_issuer_unit_id"].is_i64())
        .expect("the city sample has a joint plan")
        .clone();
    assert_eq!(plan["symbol"], "KH-UBND-LĐLĐ");
    let co_signer = plan["co_signer"].as_str().unwrap().to_owned();
    let id = plan["id"].as_i64().unwrap();
    let (status, ct, docx) = bytes(&noivu, &format!("/api/v1/directives/{id}/docx")).await;
    assert_eq!(status, StatusCode::OK, "{}", String::from_utf8_lossy(&docx));
    assert!(ct.contains("wordprocessingml"), "{ct}");
    let text = docx_text(&docx);
    let expected = [
        "ỦY BAN NHÂN DÂN THÀNH PHỐ LÀO CAI",
        "LIÊN ĐOÀN LAO ĐỘNG THÀNH PHỐ",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Số: 01/KH-UBND-LĐLĐ",
        "ngày 20 tháng 02 năm 2023",
        "KẾ HOẠCH",
        "Tổ chức phong trào thi đua",
        "TM. BAN THƯỜNG VỤ",
        co_signer.as_str(),
        "TM. ỦY BAN NHÂN DÂN",
        "Hoàng Đăng Khoa",
        "Nơi nhận:",
    ];
    assert_in_order(&text, &expected);
    // The page's link serves the same document.
    let (status, _, page_docx) = bytes(&noivu, &format!("/chi-dao/{id}/cong-van.docx")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(paragraph_texts(&page_docx), paragraph_texts(&docx));
    match printed(&docx) {
        // Side by side cells print one after the other: the lead body, then the Federation (each
        // wrapped in its narrow column), the number under them; the two signatures' authorities,
        // then their names, the Federation's first.
        Some(pdf) => {
            let flat = pdf.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_in_order(
                &flat,
                &[
                    "ỦY BAN NHÂN DÂN THÀNH PHỐ LÀO CAI",
                    "LIÊN ĐOÀN LAO ĐỘNG THÀNH PHỐ",
                    "Số: 01/KH-UBND-LĐLĐ",
                    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                    "KẾ HOẠCH",
                    "TM. BAN THƯỜNG VỤ",
                    "TM. ỦY BAN NHÂN DÂN",
                    co_signer.as_str(),
                    "Hoàng Đăng Khoa",
                    "Nơi nhận:",
                    "Lưu: VT UBND, VT LĐLĐ.",
                ],
            )
        }
        None => eprintln!(
            "note: LibreOffice or pdftotext is not installed; the printed pages were not checked"
        ),
    }
}
