//! Certificates as a printer and a PDF reader see them: one landscape page each, the font
//! embedded as a subset, the Vietnamese text extractable.

use std::process::Command;

use thidua_office::pdf::{certificates_pdf, example_certificate, Certificate, CertificateKind};

fn certificates() -> Vec<Certificate> {
    let first = example_certificate();
    let mut second = example_certificate();
    second.recipient = "Ông Trần Văn Dũng".into();
    second.recipient_detail = Some("Kế toán Trường THCS Lê Quý Đôn".into());
    let mut third = example_certificate();
    third.kind = CertificateKind::Initiative;
    third.recipient = "Bà Lò Thị Mai".into();
    third.achievement =
        "Tác giả sáng kiến “Số hoá hồ sơ thi đua, khen thưởng của phường Cốc Lếu”, \
                         được công nhận có phạm vi ảnh hưởng cấp cơ sở năm 2023"
            .into();
    vec![first, second, third]
}

/// The PDF's dictionaries with the optional spaces between names taken out.
fn compact(pdf: &[u8]) -> String {
    String::from_utf8_lossy(pdf)
        .replace(" /", "/")
        .replace(" [", "[")
}

/// Counts the page objects (`/Type/Page`, not `/Pages`) in the uncompressed object dictionaries.
fn page_count(pdf: &[u8]) -> usize {
    let text = compact(pdf);
    text.match_indices("/Type/Page")
        .filter(|(i, m)| text.as_bytes().get(i + m.len()) != Some(&b's'))
        .count()
}

#[test]
fn one_landscape_page_per_certificate_with_the_font_embedded_as_a_subset() {
    let pdf = certificates_pdf(&certificates()).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    assert_eq!(page_count(&pdf), 3);
    let text = compact(&pdf);
    // A4 landscape: 841.89 × 595.28 points.
    assert!(
        text.contains("/MediaBox[0 0 841.89 595.28]"),
        "landscape A4"
    );
    // Embedded TrueType outlines, subset (the name carries a six-letter tag), with a Unicode map.
    assert!(text.contains("/FontFile2"), "font embedded");
    assert!(text.contains("/ToUnicode"), "text extractable");
    let subset = text.split("/BaseFont/").skip(1).any(|rest| {
        rest.len() > 8 && rest.as_bytes()[6] == b'+' && rest[7..].starts_with("DejaVuSerif")
    });
    assert!(subset, "a subset of DejaVu Serif is named");
    // The subset is small: far below the three whole faces (about 1 MB).
    assert!(pdf.len() < 300_000, "{} bytes", pdf.len());
}

#[test]
fn the_fonts_are_shared_by_all_pages() {
    let one = certificates_pdf(&certificates()[..1]).unwrap();
    let many: Vec<Certificate> = (0..60).map(|_| example_certificate()).collect();
    let pdf = certificates_pdf(&many).unwrap();
    assert_eq!(page_count(&pdf), 60);
    let fonts = |p: &[u8]| compact(p).matches("/FontFile2").count();
    assert_eq!(fonts(&pdf), fonts(&one), "each face is embedded once");
}

#[test]
fn nothing_to_print_and_unprintable_characters_are_refused() {
    assert!(certificates_pdf(&[]).is_err());
    let mut c = example_certificate();
    c.recipient = "Bà Nguyễn Thị \u{1F600}".into();
    let err = certificates_pdf(&[c]).unwrap_err().to_string();
    assert!(
        err.contains("người nhận") && err.contains("U+1F600"),
        "{err}"
    );
}

#[test]
fn decomposed_input_prints_as_composed_text() {
    // "Hoà" typed with combining marks (NFD) still extracts as the composed letters.
    let mut c = example_certificate();
    c.recipient = "Bà Nguye\u{302}\u{303}n Thi\u{323} Hoa\u{300}".into();
    let Some(text) = extract(&certificates_pdf(&[c]).unwrap()) else {
        println!("note: pdftotext is not installed; the extracted text was not checked");
        return;
    };
    assert!(text.contains("Nguyễn Thị Hoà"), "{text}");
}

fn extract(pdf: &[u8]) -> Option<String> {
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
        .args(["-layout", path.to_str().unwrap(), "-"])
        .output()
        .unwrap();
    assert!(out.status.success());
    Some(String::from_utf8(out.stdout).unwrap())
}

#[test]
fn pdftotext_reads_the_vietnamese_text_in_order() {
    let Some(text) = extract(&certificates_pdf(&certificates()).unwrap()) else {
        println!("note: pdftotext is not installed; the extracted text was not checked");
        return;
    };
    let pages: Vec<&str> = text
        .split('\x0c')
        .filter(|p| !p.trim().is_empty())
        .collect();
    assert_eq!(pages.len(), 3);
    let expected_first = [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ LÀO CAI",
        "TẶNG",
        "GIẤY KHEN",
        "Bà Nguyễn Thị Hoà",
        "Chuyên viên Phòng Nội vụ thành phố Lào Cai",
        "Đã có thành tích xuất sắc trong phong trào thi đua “Lao động giỏi, Lao động",
        "sáng tạo” năm 2023",
        "TP. Lào Cai, ngày 05 tháng 12 năm 2023",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Quyết định số 1234/QĐ-UBND ngày 05/12/2023",
        "Nguyễn Văn Bình",
    ];
    let mut at = 0;
    for e in expected_first {
        match pages[0][at..].find(e) {
            Some(i) => at += i + e.len(),
            None => panic!("{e:?} not found in order in:\n{}", pages[0]),
        }
    }
    assert!(pages[1].contains("Ông Trần Văn Dũng"));
    assert!(pages[2].contains("GIẤY CHỨNG NHẬN SÁNG KIẾN"));
    assert!(pages[2].contains("Bà Lò Thị Mai"));
    assert!(pages[2].contains("Số hoá hồ sơ thi đua"));
}
