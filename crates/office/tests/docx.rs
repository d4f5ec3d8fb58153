//! The DOCX documents as a reader opens them: the parts of the package, the page of Nghị định 30,
//! the text in its order, the templates; and, where LibreOffice is installed, the printed pages.

use std::io::{Cursor, Read};
use std::path::Path;
use std::process::Command;

use quick_xml::events::Event;
use quick_xml::Reader;
use thidua_office::docx::template::{
    decision_values, default_decision_template, fill_award_decision, Template, Values,
};
use thidua_office::docx::{examples, render, AwardDecision, Awardee, OfficeError};

fn unzip(bytes: &[u8]) -> Vec<(String, String)> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip");
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let name = f.name().unwrap().to_string();
            let mut s = String::new();
            f.read_to_string(&mut s).unwrap();
            (name, s)
        })
        .collect()
}

fn part<'a>(parts: &'a [(String, String)], name: &str) -> &'a str {
    parts
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, s)| s.as_str())
        .unwrap_or_else(|| panic!("part {name} missing"))
}

/// The paragraphs' texts of a WordprocessingML part, tabs and breaks kept.
fn paragraphs(xml: &str) -> Vec<String> {
    let mut reader = Reader::from_str(xml);
    let mut out = Vec::new();
    let mut current = String::new();
    let mut in_text = false;
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) if e.name().as_ref() == b"w:t" => in_text = true,
            Event::End(e) if e.name().as_ref() == b"w:t" => in_text = false,
            Event::End(e) if e.name().as_ref() == b"w:p" => out.push(std::mem::take(&mut current)),
            Event::Empty(e) if e.name().as_ref() == b"w:p" => out.push(String::new()),
            Event::Empty(e) if e.name().as_ref() == b"w:tab" => current.push('\t'),
            Event::Empty(e) if e.name().as_ref() == b"w:br" => current.push('\n'),
            Event::Text(t) if in_text => current.push_str(&t.decode().unwrap()),
            Event::GeneralRef(r) if in_text => {
                let c = match &*r {
                    b"amp" => '&',
                    b"lt" => '<',
                    b"gt" => '>',
                    b"quot" => '"',
                    _ => '?',
                };
                current.push(c);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

/// Asserts that each expected text occurs in `text`, each after the one before.
fn assert_in_order(text: &str, expected: &[&str]) {
    let mut at = 0;
    for e in expected {
        match text[at..].find(e) {
            Some(i) => at += i + e.len(),
            None => panic!(
                "{e:?} not found after position {at}; text from there:\n{}",
                &text[at..]
            ),
        }
    }
}

fn document_text(bytes: &[u8]) -> String {
    paragraphs(part(&unzip(bytes), "word/document.xml")).join("\n")
}

#[test]
fn the_package_has_the_parts_word_and_libreoffice_need() {
    let bytes = render(&examples::seed_dispatch()).unwrap();
    assert_eq!(&bytes[..2], b"PK");
    let parts = unzip(&bytes);
    let names: Vec<&str> = parts.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names[0], "[Content_Types].xml", "content types come first");
    for name in [
        "_rels/.rels",
        "word/document.xml",
        "word/styles.xml",
        "word/settings.xml",
        "word/header1.xml",
        "word/header2.xml",
        "word/_rels/document.xml.rels",
        "docProps/core.xml",
    ] {
        assert!(names.contains(&name), "{name} missing from {names:?}");
    }
    let types = part(&parts, "[Content_Types].xml");
    assert!(types.contains("/word/document.xml"));
    assert!(types.contains("wordprocessingml.header+xml"));
    // Every part is well-formed XML.
    for (name, xml) in &parts {
        let mut reader = Reader::from_str(xml);
        loop {
            match reader.read_event() {
                Ok(Event::Eof) => break,
                Ok(_) => {}
                Err(e) => panic!("{name}: {e}"),
            }
        }
    }
}

#[test]
fn the_page_is_a4_in_times_new_roman_with_the_decree_margins() {
    let parts = unzip(&render(&examples::seed_dispatch()).unwrap());
    let styles = part(&parts, "word/styles.xml");
    assert!(styles.contains(r#"w:ascii="Times New Roman""#));
    assert!(styles.contains(r#"w:hAnsi="Times New Roman""#));
    assert!(styles.contains(r#"<w:lang w:val="vi-VN""#));
    let doc = part(&parts, "word/document.xml");
    assert!(
        doc.contains(r#"<w:pgSz w:w="11906" w:h="16838"/>"#),
        "A4 portrait"
    );
    // 20 mm = 1134 twips, 30 mm = 1701, 15 mm = 850.
    assert!(doc.contains(r#"w:top="1134" w:right="850" w:bottom="1134" w:left="1701""#));
    // No font other than Times New Roman is named anywhere.
    for (name, xml) in &parts {
        for piece in xml.split("w:ascii=\"").skip(1) {
            assert!(piece.starts_with("Times New Roman"), "{name}: {piece:.40}");
        }
    }
}

#[test]
fn page_numbers_start_on_page_two_at_the_top() {
    let parts = unzip(&render(&examples::seed_dispatch()).unwrap());
    let doc = part(&parts, "word/document.xml");
    assert!(doc.contains("<w:titlePg/>"));
    assert!(doc.contains(r#"<w:headerReference w:type="default" r:id="rIdHeaderDefault"/>"#));
    assert!(doc.contains(r#"<w:headerReference w:type="first" r:id="rIdHeaderFirst"/>"#));
    let rels = part(&parts, "word/_rels/document.xml.rels");
    assert!(rels.contains(r#"Id="rIdHeaderDefault""#) && rels.contains(r#"Target="header1.xml""#));
    assert!(rels.contains(r#"Id="rIdHeaderFirst""#) && rels.contains(r#"Target="header2.xml""#));
    let header = part(&parts, "word/header1.xml");
    assert!(header.contains(r#"<w:fldChar w:fldCharType="begin"/>"#));
    assert!(header.contains("> PAGE </w:instrText>"));
    assert!(header.contains(r#"<w:jc w:val="center"/>"#));
    let first = part(&parts, "word/header2.xml");
    assert!(!first.contains("PAGE"), "the first page shows no number");
}

#[test]
fn the_seed_dispatch_reads_in_the_order_of_the_decree() {
    let text = document_text(&render(&examples::seed_dispatch()).unwrap());
    assert_in_order(
        &text,
        &[
            "ỦY BAN NHÂN DÂN THÀNH PHỐ LÀO CAI",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "Số:      /UBND-NV",
            "V/v đẩy mạnh thực hiện phong trào thi đua “Lao động giỏi, Lao động sáng tạo”",
            "TP. Lào Cai, ngày      tháng 3 năm 2023",
            "Kính gửi:\t- Các Ban đảng Thành uỷ;",
            "- Ủy ban MTTQVN và các đoàn thể thành phố;",
            "- Các Phòng chuyên môn, Đơn vị sự nghiệp thành phố;",
            "- UBND các xã, phường.",
            "Căn cứ Công văn số 1721-CV/TU ngày 30/12/2022",
            "1. Các cơ quan, đơn vị, UBND các xã, phường đẩy mạnh",
            "2. Tổ chức phát động",
            "3. Gắn phong trào thi đua",
            "trong cán bộ, công chức, viên chức, người lao động và hoạt động của các đơn vị",
            "4. Tiếp tục tổ chức có hiệu quả",
            "UBND thành phố Lào Cai kêu gọi toàn thể",
            "năm 2023./.",
            "Nơi nhận:",
            "- Như trên;",
            "- TT Thành ủy;",
            "- Lãnh đạo UBND TP;",
            "- Lưu: VT, NV.",
            "TM. ỦY BAN NHÂN DÂN",
            "CHỦ TỊCH",
            "Hoàng Đăng Khoa",
        ],
    );
    // A dispatch has no kind title.
    assert!(!text.contains("CÔNG VĂN"));
}

#[test]
fn a_joint_plan_shows_two_issuers_and_two_signatures_side_by_side() {
    let bytes = render(&examples::joint_plan()).unwrap();
    let parts = unzip(&bytes);
    let doc = part(&parts, "word/document.xml");
    // The heading table has three columns: two issuers and the national title.
    let heading = &doc[..doc.find("</w:tblGrid>").unwrap()];
    assert_eq!(heading.matches("<w:gridCol ").count(), 3);
    let text = paragraphs(doc).join("\n");
    assert_in_order(
        &text,
        &[
            "ỦY BAN NHÂN DÂN THÀNH PHỐ LÀO CAI",
            "LĐLĐ TỈNH LÀO CAI",
            "LIÊN ĐOÀN LAO ĐỘNG THÀNH PHỐ LÀO CAI",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Số: 211/KH-UBND-LĐLĐ",
            "TP. Lào Cai, ngày 18 tháng 8 năm 2021",
            "KẾ HOẠCH",
            "Phối hợp triển khai phong trào thi đua",
            "I. MỤC ĐÍCH, YÊU CẦU",
            "TM. BAN THƯỜNG VỤ",
            "Nguyễn Thị Lan",
            "TM. ỦY BAN NHÂN DÂN",
            "Hoàng Đăng Khoa",
            "Nơi nhận:",
            "- Lưu: VT, NV, LĐLĐ.",
        ],
    );
}

#[test]
fn an_award_decision_carries_its_list_total_and_amount_in_words() {
    let decision = examples::award_decision(examples::example_awardees());
    let doc = decision.to_document().unwrap();
    let bytes = render(&doc).unwrap();
    let xml = part(&unzip(&bytes), "word/document.xml").to_string();
    let text = paragraphs(&xml).join("\n");
    assert_in_order(
        &text,
        &[
            "Số: 1234/QĐ-UBND",
            "TP. Lào Cai, ngày 05 tháng 12 năm 2023",
            "QUYẾT ĐỊNH",
            "Về việc khen thưởng thành tích",
            "CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ LÀO CAI",
            "Căn cứ Luật Tổ chức chính quyền địa phương",
            "QUYẾT ĐỊNH:",
            "Điều 1. Tặng Giấy khen của Chủ tịch Ủy ban nhân dân thành phố cho 3 cá nhân, tập thể",
            "Điều 2. Tổng số tiền thưởng là 5.400.000 đồng (Bằng chữ: Năm triệu bốn trăm nghìn đồng)",
            "Điều 3.",
            "KT. CHỦ TỊCH",
            "PHÓ CHỦ TỊCH",
            "Nguyễn Văn Bình",
            "DANH SÁCH CÁ NHÂN, TẬP THỂ ĐƯỢC KHEN THƯỞNG",
            "(Kèm theo Quyết định số 1234/QĐ-UBND ngày 05 tháng 12 năm 2023 của Chủ tịch UBND thành phố Lào Cai)",
            "STT\nHọ và tên\nChức vụ, đơn vị\nHình thức khen thưởng\nSố tiền (đồng)",
            "1\nNguyễn Thị Hoà\nChuyên viên Phòng Nội vụ\nGiấy khen\n1.800.000",
            "2\nTrần Văn Dũng",
            "3\nLò Thị Mai",
            "Tổng cộng\n5.400.000",
            "Bằng chữ: Năm triệu bốn trăm nghìn đồng./.",
        ],
    );
    // The list starts on a new page, its header repeats, money stands at the right.
    assert!(xml.contains(r#"<w:br w:type="page"/>"#));
    assert!(xml.contains("<w:tblHeader/>"));
    let money = xml.find(">1.800.000<").unwrap();
    let before = &xml[..money];
    let jc = before.rfind("<w:jc ").unwrap();
    assert!(before[jc..].starts_with(r#"<w:jc w:val="right"/>"#));
}

#[test]
fn a_decision_with_two_thousand_awardees_has_every_row() {
    let awardees: Vec<Awardee> = (0..2000)
        .map(|i| Awardee {
            name: format!("Người thứ {i}"),
            position_unit: "Chuyên viên".into(),
            form: "Giấy khen".into(),
            amount: 540_000,
        })
        .collect();
    let decision = examples::award_decision(awardees);
    let xml = part(
        &unzip(&render(&decision.to_document().unwrap()).unwrap()),
        "word/document.xml",
    )
    .to_string();
    // Heading 2 rows, signatures 1, list header + 2000 + total.
    assert_eq!(xml.matches("<w:tr>").count(), 2 + 1 + 1 + 2000 + 1);
    assert!(xml.contains(">1.080.000.000<"));
    assert!(xml.contains("Một tỷ không trăm tám mươi triệu đồng"));
}

#[test]
fn bad_data_is_refused_with_the_field_named() {
    let mut awardees = examples::example_awardees();
    awardees[1].amount = -5;
    let err = examples::award_decision(awardees)
        .to_document()
        .unwrap_err();
    assert!(matches!(err, OfficeError::Invalid(_)));
    assert!(err.to_string().contains("dòng 2 (Trần Văn Dũng)"), "{err}");

    let err = examples::award_decision(Vec::new())
        .to_document()
        .unwrap_err();
    assert!(err.to_string().contains("Danh sách khen thưởng"), "{err}");

    let mut doc = examples::seed_dispatch();
    doc.signers.clear();
    assert!(render(&doc).unwrap_err().to_string().contains("Người ký"));
    let mut doc = examples::seed_dispatch();
    doc.issuers = vec![doc.issuers[0].clone(); 3];
    assert!(render(&doc)
        .unwrap_err()
        .to_string()
        .contains("Cơ quan ban hành"));
}

#[test]
fn text_that_looks_like_markup_is_written_as_text() {
    let mut doc = examples::seed_dispatch();
    doc.body = vec![thidua_office::docx::Block::Paragraph(
        "Điểm <b>a</b> & \"b\"\u{0B}".into(),
    )];
    let text = document_text(&render(&doc).unwrap());
    assert!(text.contains("Điểm <b>a</b> & \"b\""), "{text}");
}

fn decision() -> AwardDecision {
    examples::award_decision(examples::example_awardees())
}

#[test]
fn the_default_template_fills_to_the_same_text_as_the_built_in_layout() {
    let template = Template::from_docx(&default_decision_template().unwrap()).unwrap();
    let names = template.placeholders();
    for expected in [
        "so_ky_hieu",
        "co_quan",
        "#can_cu",
        "#dong",
        "so_tien",
        "tong_tien_bang_chu",
    ] {
        assert!(
            names.iter().any(|n| n == expected),
            "{expected} in {names:?}"
        );
    }
    let filled = fill_award_decision(None, &decision()).unwrap();
    let text = document_text(&filled);
    assert!(!text.contains("{{"), "every placeholder is filled:\n{text}");
    let built_in = document_text(&render(&decision().to_document().unwrap()).unwrap());
    let significant = |t: &str| -> Vec<String> {
        t.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(String::from)
            .collect()
    };
    assert_eq!(significant(&text), significant(&built_in));
}

/// A template as Word saves it after editing: placeholders split over runs, a list row.
fn hand_made_template() -> Vec<u8> {
    let document = concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>"#,
        r#"<w:p><w:r><w:t xml:space="preserve">Số: {{so_</w:t></w:r><w:proofErr w:type="spellStart"/>"#,
        r#"<w:r><w:rPr><w:b/></w:rPr><w:t>ky_hieu}</w:t></w:r><w:r><w:t>}</w:t></w:r></w:p>"#,
        r#"<w:p><w:r><w:t>{{#noi_nhan}}</w:t></w:r></w:p>"#,
        r#"<w:p><w:r><w:t xml:space="preserve">- {{noi_dung}}</w:t></w:r></w:p>"#,
        r#"<w:p><w:r><w:t>{{/noi_nhan}}</w:t></w:r></w:p>"#,
        r#"<w:tbl><w:tr><w:tc><w:p><w:r><w:t>STT</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Họ tên</w:t></w:r></w:p></w:tc></w:tr>"#,
        r#"<w:tr><w:tc><w:p><w:r><w:t>{{#dong}}{{stt}}</w:t></w:r></w:p></w:tc>"#,
        r#"<w:tc><w:p><w:r><w:t>{{ho_</w:t></w:r><w:r><w:t>ten}}{{/dong}}</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"#,
        r#"<w:p><w:r><w:t>{{ghi_chu}}</w:t></w:r></w:p>"#,
        r#"<w:sectPr/></w:body></w:document>"#
    );
    let mut out = Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    let options = zip::write::SimpleFileOptions::default();
    for (name, data) in [
        ("[Content_Types].xml", "<Types/>"),
        ("word/document.xml", document),
        ("word/media/image1.png", "not really a png"),
    ] {
        zip.start_file(name, options).unwrap();
        std::io::Write::write_all(&mut zip, data.as_bytes()).unwrap();
    }
    zip.finish().unwrap();
    out.into_inner()
}

#[test]
fn an_edited_template_is_filled_with_runs_joined_and_sections_repeated() {
    let template = Template::from_docx(&hand_made_template()).unwrap();
    assert_eq!(
        template.placeholders(),
        [
            "so_ky_hieu",
            "#noi_nhan",
            "noi_dung",
            "#dong",
            "stt",
            "ho_ten",
            "ghi_chu"
        ]
    );
    let values = decision_values(&decision())
        .unwrap()
        .text("ghi_chu", "Dòng một\nDòng hai");
    let filled = template.fill(&values).unwrap();
    let parts = unzip(&filled);
    assert_eq!(part(&parts, "word/media/image1.png"), "not really a png");
    let text = paragraphs(part(&parts, "word/document.xml"));
    assert_eq!(
        text,
        [
            "Số: 1234/QĐ-UBND",
            "- Như Điều 3;",
            "- TT Thành ủy, TT HĐND thành phố;",
            "- Lãnh đạo UBND thành phố;",
            "- Lưu: VT, NV.",
            "STT",
            "Họ tên",
            "1",
            "Nguyễn Thị Hoà",
            "2",
            "Trần Văn Dũng",
            "3",
            "Lò Thị Mai",
            "Dòng một\nDòng hai",
        ]
    );
}

#[test]
fn a_placeholder_without_a_value_is_an_error_naming_it() {
    let template = Template::from_docx(&hand_made_template()).unwrap();
    let err = template
        .fill(&Values::new().text("so_ky_hieu", "1/QĐ-UBND"))
        .unwrap_err();
    assert!(err.to_string().contains("{{noi_nhan}}"), "{err}");
    assert!(Template::from_docx(b"not a zip").is_err());
}

// ---- Printed by LibreOffice, where it is installed --------------------------------------

fn tool(name: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {name}")])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false)
}

/// Converts DOCX files to PDF with LibreOffice and returns each PDF's text, pages split by form feeds.
fn print(files: &[(&str, Vec<u8>)]) -> Option<Vec<String>> {
    let office = ["soffice", "libreoffice"].into_iter().find(|t| tool(t))?;
    if !tool("pdftotext") {
        return None;
    }
    let dir = tempfile::tempdir().unwrap();
    let profile = dir.path().join("profile");
    let mut args = vec![
        format!("-env:UserInstallation=file://{}", profile.display()),
        "--headless".into(),
        "--convert-to".into(),
        "pdf".into(),
        "--outdir".into(),
        dir.path().display().to_string(),
    ];
    for (name, bytes) in files {
        let path = dir.path().join(format!("{name}.docx"));
        std::fs::write(&path, bytes).unwrap();
        args.push(path.display().to_string());
    }
    let status = Command::new(office).args(&args).output().unwrap();
    assert!(status.status.success(), "{status:?}");
    Some(
        files
            .iter()
            .map(|(name, _)| {
                let pdf = dir.path().join(format!("{name}.pdf"));
                assert!(Path::new(&pdf).exists(), "{name}.pdf not written");
                let out = Command::new("pdftotext")
                    .args(["-layout", pdf.to_str().unwrap(), "-"])
                    .output()
                    .unwrap();
                String::from_utf8(out.stdout).unwrap()
            })
            .collect(),
    )
}

#[test]
fn libreoffice_prints_the_documents_in_order_with_page_numbers_from_page_two() {
    let dispatch = render(&examples::seed_dispatch()).unwrap();
    let decision = render(&decision().to_document().unwrap()).unwrap();
    let Some(texts) = print(&[("cong-van", dispatch), ("quyet-dinh", decision)]) else {
        println!(
            "note: LibreOffice or pdftotext is not installed; the printed pages were not checked"
        );
        return;
    };
    let dispatch = &texts[0];
    assert_in_order(
        dispatch,
        &[
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Kính gửi:",
            "Căn cứ Công văn số 1721-CV/TU",
            "4. Tiếp tục tổ chức",
            "Nơi nhận:",
            "Hoàng Đăng Khoa",
        ],
    );
    let pages: Vec<&str> = texts[1]
        .split('\x0c')
        .filter(|p| !p.trim().is_empty())
        .collect();
    assert!(pages.len() >= 2, "the list is on its own page: {pages:?}");
    assert!(
        !pages[0].trim_start().starts_with('1'),
        "no number on page 1"
    );
    assert!(
        pages[1].trim_start().starts_with('2'),
        "page 2 is numbered: {:.80}",
        pages[1]
    );
    let last = pages[pages.len() - 1];
    assert_in_order(
        last,
        &[
            "DANH SÁCH",
            "Nguyễn Thị Hoà",
            "Lò Thị Mai",
            "5.400.000",
            "Bằng chữ: Năm triệu bốn trăm nghìn đồng",
        ],
    );
}

#[test]
fn a_personal_paper_has_the_national_title_alone_and_no_number() {
    use thidua_office::docx::{Block, PartialDate, Reference, Signer};
    let mut doc = examples::seed_dispatch();
    doc.issuers = Vec::new();
    doc.reference = Reference::Unnumbered;
    doc.kind_title = Some("BÁO CÁO THÀNH TÍCH".into());
    doc.summary = "ĐỀ NGHỊ TẶNG LAO ĐỘNG TIÊN TIẾN".into();
    doc.addressees = Vec::new();
    doc.date = PartialDate {
        year: 2025,
        month: None,
        day: None,
    };
    doc.body = vec![Block::Heading("I. SƠ LƯỢC LÝ LỊCH".into())];
    doc.signers = vec![Signer {
        authority: None,
        title: "NGƯỜI BÁO CÁO THÀNH TÍCH".into(),
        name: "Nguyễn Thị Hoà".into(),
    }];
    let parts = unzip(&render(&doc).unwrap());
    let text = paragraphs(part(&parts, "word/document.xml")).join("\n");
    assert!(
        text.trim_start()
            .starts_with("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        "{text}"
    );
    assert!(!text.contains("Số:"), "{text}");
    assert_in_order(
        &text,
        &[
            "Độc lập - Tự do - Hạnh phúc",
            "năm 2025",
            "BÁO CÁO THÀNH TÍCH",
            "I. SƠ LƯỢC LÝ LỊCH",
            "Nguyễn Thị Hoà",
        ],
    );
    // A document without an issuer must be such a paper: a numbered one needs its issuer.
    doc.reference = Reference::Draft {
        symbol: "UBND-NV".into(),
    };
    assert!(matches!(render(&doc), Err(OfficeError::Invalid(_))));
}

/// Every kind of block, a table, a single addressee and a person's unnumbered heading: what the
/// templates of the other documents must carry.
fn documents_of_every_shape() -> Vec<thidua_office::docx::OfficialDocument> {
    use thidua_office::docx::{Align, Block, Column, Reference, Signer, Table};
    let mut one_addressee = examples::seed_dispatch();
    one_addressee.addressees = vec!["Chủ tịch UBND thành phố Lào Cai.".into()];
    one_addressee.kind_title = Some("TỜ TRÌNH".into());
    one_addressee.body.extend([
        Block::Basis("Căn cứ Luật Thi đua, khen thưởng ngày 15/6/2022;".into()),
        Block::Centered {
            text: "QUYẾT ĐỊNH:".into(),
            bold: true,
        },
        Block::Centered {
            text: "(kèm theo)".into(),
            bold: false,
        },
        Block::Article {
            label: "Điều 1.".into(),
            text: "Tặng Giấy khen & tiền thưởng <100%>.".into(),
        },
        Block::Table(Table {
            columns: vec![
                Column::new("STT", 1, Align::Center),
                Column::new("Chỉ tiêu", 6, Align::Left),
                Column::new("Năm 2024", 2, Align::Right),
            ],
            rows: vec![
                vec!["1".into(), "Giấy khen".into(), "1.200".into()],
                vec!["2".into(), "Dòng một\nDòng hai".into(), "3".into()],
            ],
            total: Some(("Tổng cộng".into(), "1.203".into())),
        }),
        Block::Paragraph("Sau bảng.".into()),
    ]);
    let mut personal = examples::joint_plan();
    personal.issuers.clear();
    personal.reference = Reference::Unnumbered;
    personal.recipients.clear();
    personal.signers[0] = Signer {
        authority: None,
        title: "XÁC NHẬN".into(),
        name: String::new(),
    };
    vec![
        examples::seed_dispatch(),
        examples::joint_plan(),
        one_addressee,
        personal,
    ]
}

#[test]
fn every_documents_default_template_fills_to_the_text_the_layout_prints() {
    use thidua_office::docx::document_template::{
        default_template, document_values, fill_document, Shape,
    };
    for doc in documents_of_every_shape() {
        let shape = Shape::of(&doc);
        let template = default_template(&shape, "Mẫu").unwrap();
        let names = Template::from_docx(&template).unwrap().placeholders();
        assert!(names.iter().any(|n| n == "#noi_dung"), "{names:?}");
        assert_eq!(
            names.iter().any(|n| n == "co_quan_2"),
            shape.issuers == 2,
            "{names:?}"
        );
        let built_in = render(&doc).unwrap();
        assert_eq!(
            fill_document(None, &doc).unwrap(),
            built_in,
            "no template: the layout's own bytes"
        );
        let filled = fill_document(Some(&template), &doc).unwrap();
        let text = document_text(&filled);
        assert!(!text.contains("{{"), "every placeholder is filled:\n{text}");
        let significant = |t: &str| -> Vec<String> {
            t.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(String::from)
                .collect()
        };
        assert_eq!(
            significant(&text),
            significant(&document_text(&built_in)),
            "{}",
            doc.summary
        );
        // The table is the layout's own: its header repeats and its grid has three columns.
        if doc
            .body
            .iter()
            .any(|b| matches!(b, thidua_office::docx::Block::Table(_)))
        {
            let xml = part(&unzip(&filled), "word/document.xml").to_string();
            assert!(xml.contains("<w:tblHeader/>"), "{xml}");
        }
        // An office's wording is kept while the data fills in around it.
        let edited = Template::from_docx(&template).unwrap();
        let values = document_values(&doc);
        assert_eq!(
            document_text(&edited.fill(&values).unwrap()),
            text,
            "filling is repeatable"
        );
    }
}

#[test]
fn a_table_placeholder_inside_a_sentence_is_refused_by_name() {
    use thidua_office::docx::document_template::document_values;
    let doc = &documents_of_every_shape()[2];
    let values = document_values(doc);
    let document = concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>"#,
        r#"<w:p><w:r><w:t>{{#noi_dung}}</w:t></w:r></w:p>"#,
        r#"<w:p><w:r><w:t xml:space="preserve">{{#bang}}Bảng: {{bang_bieu}}{{/bang}}</w:t></w:r></w:p>"#,
        r#"<w:p><w:r><w:t>{{/noi_dung}}</w:t></w:r></w:p>"#,
        r#"<w:sectPr/></w:body></w:document>"#
    );
    let mut out = Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    zip.start_file(
        "word/document.xml",
        zip::write::SimpleFileOptions::default(),
    )
    .unwrap();
    std::io::Write::write_all(&mut zip, document.as_bytes()).unwrap();
    zip.finish().unwrap();
    let err = Template::from_docx(&out.into_inner())
        .unwrap()
        .fill(&values)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("{{bang_bieu}}") && err.contains("riêng"),
        "{err}"
    );
}
