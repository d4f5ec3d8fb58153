//! The award decision as office files, on the city sample with the demo accounts: the decision as
//! DOCX in the layout of Nghị định 30/2020 with its attached list (each line, its money, the total
//! in đồng) and the certificates as one PDF with a Giấy khen page per line, through the API and
//! through the decision page's links; a worker may have neither.

mod common;

use axum::body::Body;
use axum::http::{header, HeaderMap, Request, StatusCode};
use bytes::Bytes;
use common::TestApp;
use http_body_util::BodyExt;
use std::io::Read;
use std::process::Command;
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

/// A GET with the caller's bearer token (or none), answered with its raw bytes.
async fn get_raw(app: &TestApp, uri: &str) -> (StatusCode, HeaderMap, Bytes) {
    let mut req = Request::get(uri).body(Body::empty()).unwrap();
    if let Some(l) = &app.login {
        req.headers_mut().insert(
            header::AUTHORIZATION,
            format!("Bearer {}", l.token).parse().unwrap(),
        );
    }
    let res = app.router.clone().oneshot(req).await.unwrap();
    let status = res.status();
    let headers = res.headers().clone();
    let bytes = res.into_body().collect().await.unwrap().to_bytes();
    (status, headers, bytes)
}

/// The text of the runs of `word/document.xml`, in order, one space after each run.
fn docx_text(bytes: &[u8]) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a DOCX is a zip");
    for part in ["[Content_Types].xml", "word/styles.xml", "word/header1.xml"] {
        assert!(zip.by_name(part).is_ok(), "{part} missing");
    }
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
        let Some(open) = rest.find('>') else { break };
        let Some(close) = rest.find("</w:t>") else {
            break;
        };
        if open < close {
            out.push_str(&rest[open + 1..close]);
        }
        rest = &rest[close..];
        out.push(' ');
    }
    out
}

/// Page objects (`/Type/Page`, not `/Pages`) of the PDF's uncompressed dictionaries.
fn page_count(pdf: &[u8]) -> usize {
    let text = String::from_utf8_lossy(pdf)
        .replace(" /", "/")
        .replace(" [", "[");
    text.match_indices("/Type/Page")
        .filter(|(i, m)| text.as_bytes().get(i + m.len()) != Some(&b's'))
        .count()
}

/// The PDF's text by page through pdftotext, or `None` when it is not installed.
fn pdf_pages(pdf: &[u8]) -> Option<Vec<String>> {
    let available = Command::new("sh")
        .args(["-c", "command -v pdftotext"])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    if !available {
        return None;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("giay-khen.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new("pdftotext")
        .args([path.to_str().unwrap(), "-"])
        .output()
        .unwrap();
    assert!(out.status.success());
    Some(
        String::from_utf8(out.stdout)
            .unwrap()
            .split('\x0c')
            .filter(|p| !p.trim().is_empty())
            .map(str::to_owned)
            .collect(),
    )
}

/// "1.800.000".
fn dots(n: i64) -> String {
    thidua_domain::format::money_vnd(n)
        .trim_end_matches(" đ")
        .to_owned()
}

#[tokio::test]
async fn the_decision_prints_as_docx_with_its_list_and_as_one_certificate_per_line() {
    let base = sample().await;
    let noivu = base.as_user("noivu").await;
    let nld1 = base.as_user("nld1").await;
    let d = base
        .db
        .store
        .award_decisions(None)
        .await
        .unwrap()
        .into_iter()
        .find(|d| d.reference.is_some())
        .expect("the sample's numbered decision");
    let detail = base.db.store.award_decision(d.id).await.unwrap().unwrap();
    let reference = d.reference.clone().unwrap();
    let people = base
        .db
        .store
        .people_by_ids(
            &detail
                .lines
                .iter()
                .filter_map(|l| l.person_id)
                .collect::<Vec<_>>(),
        )
        .await
        .unwrap();
    assert!(
        people
            .values()
            .any(|p| p.gender.is_some() && !p.position.is_empty()),
        "the sample's awardees have a gender and a position: {people:?}"
    );
    assert!(detail.lines.len() >= 2, "{:?}", detail.lines);
    assert!(d.total_vnd > 0);

    // The DOCX: the number, the heading, the articles, the list with its money and total.
    let (status, headers, bytes) =
        get_raw(&noivu, &format!("/api/v1/decisions/{}/docx", d.id)).await;
    assert_eq!(
        status,
        StatusCode::OK,
        "{}",
        String::from_utf8_lossy(&bytes)
    );
    assert_eq!(
        headers[header::CONTENT_TYPE],
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    );
    let cd = headers[header::CONTENT_DISPOSITION].to_str().unwrap();
    assert!(
        cd.starts_with("attachment;") && cd.contains(".docx"),
        "{cd}"
    );
    let text = docx_text(&bytes);
    for expected in [
        format!("Số: {reference}"),
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM".into(),
        "QUYẾT ĐỊNH".into(),
        "Điều 1.".into(),
        format!("Tổng số tiền thưởng là {} đồng", dots(d.total_vnd)),
        "DANH SÁCH CÁ NHÂN, TẬP THỂ ĐƯỢC KHEN THƯỞNG".into(),
        format!("Kèm theo Quyết định số {reference}"),
        "Tổng cộng".into(),
    ] {
        assert!(text.contains(&expected), "{expected} not in {text}");
    }
    // Each line in order, with its money; the total after the last line.
    let list = &text[text.find("DANH SÁCH CÁ NHÂN").unwrap()..];
    let mut at = 0;
    for l in &detail.lines {
        let i = list[at..]
            .find(&l.name)
            .unwrap_or_else(|| panic!("{} not in the list after {at}: {list}", l.name));
        at += i + l.name.len();
        if let Some(a) = l.amount_vnd {
            assert!(list[at..].contains(&dots(a)), "{a} of {}", l.name);
        }
    }
    let total_at = list.find("Tổng cộng").unwrap();
    assert!(total_at > at - detail.lines.last().unwrap().name.len());
    assert!(list[total_at..].contains(&dots(d.total_vnd)), "{list}");
    assert!(list.contains("Bằng chữ:"), "{list}");

    // The certificates: one A4 landscape page per line, the names on their pages in order.
    let (status, headers, pdf) = get_raw(
        &noivu,
        &format!("/api/v1/decisions/{}/certificates.pdf", d.id),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{}", String::from_utf8_lossy(&pdf));
    assert_eq!(headers[header::CONTENT_TYPE], "application/pdf");
    assert!(pdf.starts_with(b"%PDF-"));
    assert_eq!(page_count(&pdf), detail.lines.len());
    match pdf_pages(&pdf) {
        Some(pages) => {
            assert_eq!(pages.len(), detail.lines.len());
            for (page, line) in pages.iter().zip(&detail.lines) {
                let flat = page.split_whitespace().collect::<Vec<_>>().join(" ");
                assert!(flat.contains("GIẤY KHEN"), "{flat}");
                let person = line.person_id.and_then(|p| people.get(&p));
                let title = match person.and_then(|p| p.gender.as_deref()) {
                    Some("male") => "Ông ",
                    Some("female") => "Bà ",
                    _ => "",
                };
                let name = format!("{title}{}", line.name);
                assert!(flat.contains(&name), "{name} not in {flat}");
                if let Some(p) = person.filter(|p| !p.position.is_empty()) {
                    let detail = format!("{}, {}", p.position, line.unit_name);
                    assert!(flat.contains(&detail), "{detail} not in {flat}");
                }
                assert!(flat.contains(&reference), "{reference} not in {flat}");
            }
        }
        None => {
            println!("note: pdftotext is not installed; the certificates' text was not checked")
        }
    }

    // Who may not: a worker (403), nobody logged in (401), a decision that does not exist (404).
    for uri in [
        format!("/api/v1/decisions/{}/docx", d.id),
        format!("/api/v1/decisions/{}/certificates.pdf", d.id),
    ] {
        assert_eq!(get_raw(&nld1, &uri).await.0, StatusCode::FORBIDDEN, "{uri}");
        assert_eq!(
            get_raw(&base.anonymous(), &uri).await.0,
            StatusCode::UNAUTHORIZED,
            "{uri}"
        );
    }
    for uri in [
        "/api/v1/decisions/999999/docx",
        "/api/v1/decisions/999999/certificates.pdf",
    ] {
        assert_eq!(get_raw(&noivu, uri).await.0, StatusCode::NOT_FOUND, "{uri}");
    }

    // The decision page links to both, and its links serve the same files to a session.
    let page = noivu.get(&format!("/quyet-dinh/{}", d.id)).await;
    assert_eq!(page.status, StatusCode::OK);
    for link in [
        format!("/quyet-dinh/{}/quyet-dinh.docx", d.id),
        format!("/quyet-dinh/{}/giay-khen.pdf", d.id),
    ] {
        assert!(page.body.contains(&link), "{link} not on the page");
        let got = noivu.get(&link).await;
        assert_eq!(got.status, StatusCode::OK, "{link}");
        assert!(
            got.content_type.starts_with("application/"),
            "{link}: {}",
            got.content_type
        );
        assert_eq!(
            nld1.get(&link).await.status,
            StatusCode::FORBIDDEN,
            "{link}"
        );
    }
    assert!(page.body.contains("Tải DOCX"));
}

#[tokio::test]
async fn the_openapi_document_names_both_files_with_their_types() {
    let app = TestApp::new().await;
    let doc = app.get("/api/v1/openapi.json").await.json();
    for (path, kind) in [
        (
            "/api/v1/decisions/{id}/docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        ("/api/v1/decisions/{id}/certificates.pdf", "application/pdf"),
    ] {
        let ok = &doc["paths"][path]["get"]["responses"]["200"]["content"][kind];
        assert!(ok.is_object(), "OpenAPI lacks {path} as {kind}");
        for status in ["403", "404"] {
            assert!(
                doc["paths"][path]["get"]["responses"][status].is_object(),
                "{path} {status}"
            );
        }
    }
}
