//! Numbers and symbols from DOMAIN.md and the seed dispatch, the slips people make when typing
//! them, malformed ones with their messages, the register helpers and the date line.

use std::num::NonZeroU32;

use thidua_domain::docref::{
    date_line, next_number, DateError, DocumentKind, DocumentReference, PartialDate,
    ReferenceError, ReferenceStyle, RegisterKey,
};

fn parse(s: &str) -> DocumentReference {
    DocumentReference::parse(s).unwrap_or_else(|e| panic!("{s:?}: {e}"))
}

fn error(s: &str) -> String {
    match DocumentReference::parse(s) {
        Ok(r) => panic!("{s:?} was read as {r:?}"),
        Err(e) => e.to_string(),
    }
}

fn n(v: u32) -> NonZeroU32 {
    NonZeroU32::new(v).expect("test numbers are positive")
}

/// (text, style, number, year, kind, issuers, drafting office, canonical print)
type Row = (
    &'static str,
    ReferenceStyle,
    Option<u32>,
    Option<i32>,
    DocumentKind,
    &'static [&'static str],
    Option<&'static str>,
    &'static str,
);

#[test]
fn every_example_of_the_domain_and_the_seed_is_read() {
    use DocumentKind::*;
    use ReferenceStyle::*;
    #[rustfmt::skip]
    let rows: &[Row] = &[
        // The seed.
        ("1721-CV/TU", Party, Some(1721), None, Dispatch, &["TU"], None, "1721-CV/TU"),
        ("205/KH-UBND-LĐLĐ", State, Some(205), None, Plan, &["UBND", "LĐLĐ"], None, "205/KH-UBND-LĐLĐ"),
        ("211/KH-UBND-LĐLĐ", State, Some(211), None, Plan, &["UBND", "LĐLĐ"], None, "211/KH-UBND-LĐLĐ"),
        ("941/UBND-NV", State, Some(941), None, Dispatch, &["UBND"], Some("NV"), "941/UBND-NV"),
        ("537/UBND-NV", State, Some(537), None, Dispatch, &["UBND"], Some("NV"), "537/UBND-NV"),
        ("Số: /UBND-NV", State, None, None, Dispatch, &["UBND"], Some("NV"), "/UBND-NV"),
        // DOMAIN.md.
        ("Số: 941/UBND-NV", State, Some(941), None, Dispatch, &["UBND"], Some("NV"), "941/UBND-NV"),
        ("15/QĐ-UBND", State, Some(15), None, Decision, &["UBND"], None, "15/QĐ-UBND"),
        ("30/2020/NĐ-CP", Legal, Some(30), Some(2020), Decree, &["CP"], None, "30/2020/NĐ-CP"),
        ("98/2023/NĐ-CP", Legal, Some(98), Some(2023), Decree, &["CP"], None, "98/2023/NĐ-CP"),
        ("91/2017/NĐ-CP", Legal, Some(91), Some(2017), Decree, &["CP"], None, "91/2017/NĐ-CP"),
        ("152/2025/NĐ-CP", Legal, Some(152), Some(2025), Decree, &["CP"], None, "152/2025/NĐ-CP"),
        ("15/2025/TT-BNV", Legal, Some(15), Some(2025), Circular, &["BNV"], None, "15/2025/TT-BNV"),
        ("01/2024/TT-BNV", Legal, Some(1), Some(2024), Circular, &["BNV"], None, "01/2024/TT-BNV"),
        ("12/2019/TT-BNV", Legal, Some(12), Some(2019), Circular, &["BNV"], None, "12/2019/TT-BNV"),
        ("06/2022/QH15", Legal, Some(6), Some(2022), Law, &["QH15"], None, "06/2022/QH15"),
        ("1564/QĐ-TLĐ", State, Some(1564), None, Decision, &["TLĐ"], None, "1564/QĐ-TLĐ"),
        ("999/QĐ-TLĐ", State, Some(999), None, Decision, &["TLĐ"], None, "999/QĐ-TLĐ"),
        // Other shapes.
        ("5/QĐ-UBND", State, Some(5), None, Decision, &["UBND"], None, "05/QĐ-UBND"),
        ("12/TTr-NV", State, Some(12), None, Submission, &["NV"], None, "12/TTr-NV"),
        ("3/CTr-UBND", State, Some(3), None, Programme, &["UBND"], None, "03/CTr-UBND"),
        ("7/QyĐ-UBND", State, Some(7), None, Regulation, &["UBND"], None, "07/QyĐ-UBND"),
        ("45/KH-BCĐ389", State, Some(45), None, Plan, &["BCĐ389"], None, "45/KH-BCĐ389"),
        ("120/BCĐ389-VP", State, Some(120), None, Dispatch, &["BCĐ389"], Some("VP"), "120/BCĐ389-VP"),
        ("888/QĐ-TTg", State, Some(888), None, Decision, &["TTg"], None, "888/QĐ-TTg"),
        ("1234/BTC-TCT-CS", State, Some(1234), None, Dispatch, &["BTC"], Some("TCT-CS"), "1234/BTC-TCT-CS"),
        ("78/UBND", State, Some(78), None, Dispatch, &["UBND"], None, "78/UBND"),
        ("Số 127-QĐ/TW", Party, Some(127), None, Decision, &["TW"], None, "127-QĐ/TW"),
        ("22-QĐi/TW", Party, Some(22), None, Regulation, &["TW"], None, "22-QĐi/TW"),
        ("04-TT/TU", Party, Some(4), None, PartyInstruction, &["TU"], None, "04-TT/TU"),
        ("34-KL/TW", Party, Some(34), None, Conclusion, &["TW"], None, "34-KL/TW"),
        ("01-HD/BTCTW-BTGTW", Party, Some(1), None, Guidance, &["BTCTW", "BTGTW"], None, "01-HD/BTCTW-BTGTW"),
        ("Số      -CV/TU", Party, None, None, Dispatch, &["TU"], None, "-CV/TU"),
        ("15/2020/QĐ-UBND", Legal, Some(15), Some(2020), Decision, &["UBND"], None, "15/2020/QĐ-UBND"),
        ("01/2014/TTLT-BNV-BTC", Legal, Some(1), Some(2014), JointCircular, &["BNV", "BTC"], None, "01/2014/TTLT-BNV-BTC"),
        ("Số:      /2023/NĐ-CP", Legal, None, Some(2023), Decree, &["CP"], None, "/2023/NĐ-CP"),
    ];
    for &(text, style, number, year, kind, issuers, office, canonical) in rows {
        let r = parse(text);
        assert_eq!(r.style(), style, "{text}");
        assert_eq!(r.number(), number, "{text}");
        assert_eq!(r.is_draft(), number.is_none(), "{text}");
        assert_eq!(r.year(), year, "{text}");
        assert_eq!(r.kind(), kind, "{text}");
        assert_eq!(r.issuers(), issuers, "{text}");
        assert_eq!(r.drafting_office(), office, "{text}");
        assert_eq!(r.to_string(), canonical, "{text}");
        assert_eq!(parse(canonical), r, "{text}");
        assert_eq!(parse(&r.number_line()), r, "{text}");
        let rebuilt = DocumentReference::new(
            style,
            kind,
            number,
            year,
            issuers.iter().map(|s| s.to_string()).collect(),
            office.map(str::to_owned),
        );
        assert_eq!(rebuilt, Ok(r), "{text}");
    }
}

#[test]
fn symbols_and_number_lines() {
    let cases = [
        ("941/UBND-NV", "UBND-NV", "Số: 941/UBND-NV"),
        ("/UBND-NV", "UBND-NV", "Số:      /UBND-NV"),
        ("5/QĐ-UBND", "QĐ-UBND", "Số: 05/QĐ-UBND"),
        ("1721-CV/TU", "CV/TU", "Số 1721-CV/TU"),
        ("-CV/TU", "CV/TU", "Số      -CV/TU"),
        ("30/2020/NĐ-CP", "NĐ-CP", "Số: 30/2020/NĐ-CP"),
        ("06/2022/QH15", "QH15", "Số: 06/2022/QH15"),
        ("/2023/NĐ-CP", "NĐ-CP", "Số:      /2023/NĐ-CP"),
    ];
    for (text, symbol, line) in cases {
        let r = parse(text);
        assert_eq!(r.symbol(), symbol, "{text}");
        assert_eq!(r.number_line(), line, "{text}");
    }
}

#[test]
fn typing_slips_and_copies_are_read() {
    let nfd = "S\u{6f}\u{302}\u{301}: 15/Q\u{110}-UBND"; // "Số" decomposed
    #[rustfmt::skip]
    let same = [
        ("15/QĐ-UBND", "15/QĐ-UBND"),
        (nfd, "15/QĐ-UBND"),
        ("15/QÐ-UBND", "15/QĐ-UBND"),  // Icelandic eth for Đ
        ("15/qđ-UBND", "15/QĐ-UBND"),  // the kind in lower case
        ("15/Qð-UBND", "15/QĐ-UBND"),  // lower eth
        ("15/QĐ–UBND", "15/QĐ-UBND"),  // en dash
        ("15/QĐ—UBND", "15/QĐ-UBND"),  // em dash
        ("15/QĐ\u{2212}UBND", "15/QĐ-UBND"), // minus sign
        ("  Số:15/QĐ-UBND  ", "15/QĐ-UBND"),
        ("SỐ: 15/QĐ-UBND", "15/QĐ-UBND"),
        ("số 15/QĐ-UBND", "15/QĐ-UBND"),
        ("1206 /QĐ-HVTC", "1206/QĐ-HVTC"), // number written into the blank
        ("15 / QĐ - UBND", "15/QĐ-UBND"),
        ("\u{feff}15/QĐ-UBND\u{200b}", "15/QĐ-UBND"),
        ("0015/QĐ-UBND", "15/QĐ-UBND"),
        ("12/TTR-NV", "12/TTr-NV"),
        ("7/QYĐ-UBND", "07/QyĐ-UBND"),
        ("205/KH-UBND–LÐLÐ", "205/KH-UBND-LĐLĐ"),
        ("1721–CV/TU", "1721-CV/TU"),
        ("Số 1721 - CV / TU", "1721-CV/TU"),
        ("30/2020/NÐ-CP", "30/2020/NĐ-CP"),
        ("\u{a0}941/UBND-NV\t", "941/UBND-NV"),
        ("941／UBND-NV", "941/UBND-NV"), // full-width slash
    ];
    for (text, canonical) in same {
        assert_eq!(parse(text).to_string(), canonical, "{text:?}");
    }
}

#[test]
fn malformed_numbers_say_what_is_wrong() {
    #[rustfmt::skip]
    let cases = [
        ("", "chưa có số và ký hiệu văn bản"),
        ("Số:   ", "chưa có số và ký hiệu văn bản"),
        ("941/", "thiếu ký hiệu sau dấu /"),
        ("Số: 941/", "thiếu ký hiệu sau dấu /"),
        ("30/2020/", "thiếu ký hiệu sau dấu /"),
        ("1721-CV/", "thiếu ký hiệu sau dấu /"),
        ("941", "thiếu dấu / giữa số và ký hiệu văn bản (đọc được '941'; viết như 941/UBND-NV)"),
        ("UBND-NV", "thiếu dấu / giữa số và ký hiệu văn bản (đọc được 'UBND-NV'; viết như 941/UBND-NV)"),
        ("0/QĐ-UBND", "số văn bản phải là số nguyên dương (đọc được '0')"),
        ("00/QĐ-UBND", "số văn bản phải là số nguyên dương (đọc được '00')"),
        ("12a/QĐ-UBND", "số văn bản phải là số nguyên dương (đọc được '12a')"),
        ("-5/QĐ-UBND", "số văn bản phải là số nguyên dương (đọc được '-5')"),
        ("12-13/QĐ-UBND", "số văn bản phải là số nguyên dương (đọc được '12-13')"),
        ("mười/QĐ-UBND", "số văn bản phải là số nguyên dương (đọc được 'mười')"),
        ("99999999999/QĐ-UBND", "số văn bản '99999999999' quá lớn"),
        ("941 UBND-NV", "số và ký hiệu văn bản không được có dấu cách ở giữa ('941 UBND-NV')"),
        ("941/UB ND-NV", "số và ký hiệu văn bản không được có dấu cách ở giữa ('941/UB ND-NV')"),
        ("12-XY/TU", "loại văn bản 'XY' không có trong danh mục văn bản của Đảng (Hướng dẫn 36-HD/VPTW)"),
        ("12-QDi/TU", "loại văn bản 'QDi' không có trong danh mục văn bản của Đảng (Hướng dẫn 36-HD/VPTW) (có phải 'QĐi'?)"),
        ("15/QD-UBND", "loại văn bản 'QD' không có trong danh mục của Nghị định 30/2020 (có phải 'QĐ'?)"),
        ("15/CD-UBND", "loại văn bản 'CD' không có trong danh mục của Nghị định 30/2020 (có phải 'CĐ'?)"),
        ("12/2020/XY-CP", "loại văn bản 'XY' không có trong danh mục văn bản quy phạm pháp luật"),
        ("12/2020/ND-CP", "loại văn bản 'ND' không có trong danh mục văn bản quy phạm pháp luật (có phải 'NĐ'?)"),
        ("15/NĐ-CP", "'NĐ' là văn bản quy phạm pháp luật: số phải có năm ban hành (viết như 30/2020/NĐ-CP)"),
        ("15/ND-CP", "loại văn bản 'ND' không có trong danh mục của Nghị định 30/2020 (có phải 'NĐ'?)"),
        ("12/CV-UBND", "'CV' là ký hiệu công văn của Đảng (1721-CV/TU); công văn hành chính không có chữ viết tắt tên loại: viết số/cơ quan-đơn vị soạn thảo, như 941/UBND-NV"),
        ("15/QĐ", "thiếu ký hiệu cơ quan ban hành sau 'QĐ'"),
        ("12/2020/NĐ", "thiếu ký hiệu cơ quan ban hành sau 'NĐ'"),
        ("941/UBND-", "ký hiệu 'UBND-' có phần trống (thừa hoặc thiếu chữ giữa các dấu -)"),
        ("941/UBND--NV", "ký hiệu 'UBND--NV' có phần trống (thừa hoặc thiếu chữ giữa các dấu -)"),
        ("941/-NV", "ký hiệu '-NV' có phần trống (thừa hoặc thiếu chữ giữa các dấu -)"),
        ("941/ubnd-nv", "ký hiệu 'ubnd' không hợp lệ: chỉ gồm chữ cái không dấu, chữ Đ và chữ số, bắt đầu bằng chữ in hoa (như UBND, TTg, BCĐ389)"),
        ("15/QĐ-UBND.", "ký hiệu 'UBND.' không hợp lệ: chỉ gồm chữ cái không dấu, chữ Đ và chữ số, bắt đầu bằng chữ in hoa (như UBND, TTg, BCĐ389)"),
        ("15/QĐ-SỞ", "ký hiệu 'SỞ' không hợp lệ: chỉ gồm chữ cái không dấu, chữ Đ và chữ số, bắt đầu bằng chữ in hoa (như UBND, TTg, BCĐ389)"),
        ("1721-/TU", "thiếu tên loại văn bản sau dấu - (viết như 1721-CV/TU)"),
        ("30//NĐ-CP", "thiếu năm ban hành giữa hai dấu / (viết như 30/2020/NĐ-CP)"),
        ("30/20/NĐ-CP", "năm ban hành '20' phải gồm 4 chữ số (viết như 30/2020/NĐ-CP)"),
        ("30/0202/NĐ-CP", "năm ban hành '0202' phải gồm 4 chữ số (viết như 30/2020/NĐ-CP)"),
        ("30/2020/NĐ-CP/1", "số và ký hiệu văn bản có quá nhiều dấu / ('30/2020/NĐ-CP/1'); nhiều nhất là hai, như 30/2020/NĐ-CP"),
    ];
    for (text, message) in cases {
        assert_eq!(error(text), message, "{text:?}");
    }
}

#[test]
fn the_first_part_is_a_kind_only_when_it_is_in_the_catalogue() {
    // Công văn: issuer, drafting office.
    let dispatch = parse("941/UBND-NV");
    assert_eq!(dispatch.kind(), DocumentKind::Dispatch);
    // The same shape with a catalogue abbreviation first: kind, issuer.
    let decision = parse("941/QĐ-NV");
    assert_eq!(decision.kind(), DocumentKind::Decision);
    assert_eq!(decision.issuers(), ["NV"]);
    assert_eq!(decision.drafting_office(), None);
    // After the kind every part is an issuer (a joint document), never a drafting office.
    let joint = parse("205/KH-UBND-LĐLĐ");
    assert_eq!(joint.issuers(), ["UBND", "LĐLĐ"]);
    assert_eq!(joint.drafting_office(), None);
}

#[test]
fn new_refuses_parts_that_do_not_read_back() {
    use DocumentKind::*;
    use ReferenceStyle::*;
    let v = |s: &[&str]| s.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let cases = [
        // A year in an administrative number.
        DocumentReference::new(State, Decision, Some(1), Some(2020), v(&["UBND"]), None),
        // A legal number without its year.
        DocumentReference::new(Legal, Decree, Some(1), None, v(&["CP"]), None),
        // A drafting office on a decision.
        DocumentReference::new(
            State,
            Decision,
            Some(1),
            None,
            v(&["UBND"]),
            Some("NV".into()),
        ),
        // Two issuers of a dispatch.
        DocumentReference::new(State, Dispatch, Some(1), None, v(&["UBND", "LĐLĐ"]), None),
        // An issuer that is a kind's abbreviation.
        DocumentReference::new(State, Dispatch, Some(1), None, v(&["KH"]), None),
        // A kind the style does not have.
        DocumentReference::new(Party, Decree, Some(1), None, v(&["TU"]), None),
        DocumentReference::new(State, Conclusion, Some(1), None, v(&["UBND"]), None),
        DocumentReference::new(Legal, Dispatch, Some(1), Some(2020), v(&["UBND"]), None),
        // No issuer.
        DocumentReference::new(State, Decision, Some(1), None, vec![], None),
        // A bad abbreviation, a hyphen inside one.
        DocumentReference::new(State, Decision, Some(1), None, v(&["ubnd"]), None),
        DocumentReference::new(State, Decision, Some(1), None, v(&["UBND-NV"]), None),
    ];
    for (i, case) in cases.into_iter().enumerate() {
        assert!(case.is_err(), "case {i}: {case:?}");
    }
    assert_eq!(
        DocumentReference::new(State, Decision, Some(0), None, v(&["UBND"]), None),
        Err(ReferenceError::NotPositive("0".into()))
    );
    assert!(matches!(
        DocumentReference::new(State, Decision, Some(1), Some(2020), v(&["UBND"]), None),
        Err(ReferenceError::Inconsistent { .. })
    ));
}

#[test]
fn kinds_have_stable_codes_names_and_abbreviations() {
    let all = DocumentKind::ALL;
    assert_eq!(all.len(), 34);
    let mut codes: Vec<_> = all.iter().map(|k| k.code()).collect();
    codes.sort();
    codes.dedup();
    assert_eq!(codes.len(), all.len(), "codes are unique");
    for &kind in all {
        assert_eq!(DocumentKind::from_code(kind.code()), Some(kind));
        assert!(kind
            .code()
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b == b'_'));
        let json = serde_json::to_string(&kind).expect("a kind serialises");
        assert_eq!(json, format!("\"{}\"", kind.code()));
        assert_eq!(serde_json::from_str::<DocumentKind>(&json).ok(), Some(kind));
        assert!(
            [
                ReferenceStyle::State,
                ReferenceStyle::Party,
                ReferenceStyle::Legal
            ]
            .iter()
            .any(|&s| kind.fits(s)),
            "{kind:?} fits some style"
        );
        // An abbreviation reads back as its kind in each style it is printed in.
        for style in [
            ReferenceStyle::State,
            ReferenceStyle::Party,
            ReferenceStyle::Legal,
        ] {
            if let Some(a) = kind.abbreviation_in(style) {
                assert_eq!(
                    DocumentKind::from_abbreviation(a, style),
                    Some(kind),
                    "{a} in {style:?}"
                );
            }
        }
    }
    // Nghị định 30/2020 Phụ lục III.
    #[rustfmt::skip]
    let nd30 = [
        ("Nghị quyết", "NQ"), ("Quyết định", "QĐ"), ("Chỉ thị", "CT"), ("Quy chế", "QC"),
        ("Quy định", "QyĐ"), ("Thông cáo", "TC"), ("Thông báo", "TB"), ("Hướng dẫn", "HD"),
        ("Chương trình", "CTr"), ("Kế hoạch", "KH"), ("Phương án", "PA"), ("Đề án", "ĐA"),
        ("Dự án", "DA"), ("Báo cáo", "BC"), ("Biên bản", "BB"), ("Tờ trình", "TTr"),
        ("Hợp đồng", "HĐ"), ("Công điện", "CĐ"), ("Bản ghi nhớ", "BGN"), ("Bản thỏa thuận", "BTT"),
        ("Giấy ủy quyền", "GUQ"), ("Giấy mời", "GM"), ("Giấy giới thiệu", "GGT"),
        ("Giấy nghỉ phép", "GNP"), ("Phiếu gửi", "PG"), ("Phiếu chuyển", "PC"), ("Phiếu báo", "PB"),
    ];
    for (name, abbreviation) in nd30 {
        let kind = DocumentKind::from_abbreviation(abbreviation, ReferenceStyle::State)
            .unwrap_or_else(|| panic!("{abbreviation}"));
        assert_eq!(kind.name(), name);
        assert_eq!(kind.to_string(), name);
        assert!(kind.fits(ReferenceStyle::State) && !kind.is_legal_normative());
    }
    assert_eq!(
        DocumentKind::Dispatch.abbreviation_in(ReferenceStyle::State),
        None
    );
    assert_eq!(
        DocumentKind::Dispatch.abbreviation_in(ReferenceStyle::Party),
        Some("CV")
    );
    assert_eq!(
        DocumentKind::Law.abbreviation_in(ReferenceStyle::Legal),
        None
    );
    assert_eq!(
        DocumentKind::from_abbreviation("TT", ReferenceStyle::Legal),
        Some(DocumentKind::Circular)
    );
    assert_eq!(
        DocumentKind::from_abbreviation("TT", ReferenceStyle::Party),
        Some(DocumentKind::PartyInstruction)
    );
    assert_eq!(
        DocumentKind::from_abbreviation("TT", ReferenceStyle::State),
        None
    );
    assert_eq!(
        DocumentKind::from_abbreviation("CV", ReferenceStyle::State),
        None
    );
    assert!(serde_json::from_str::<DocumentKind>("\"cong_vanx\"")
        .expect_err("an unknown code is refused")
        .to_string()
        .contains("mã loại văn bản 'cong_vanx' không có"));
}

#[test]
fn references_serialise_as_their_canonical_text() {
    let r = parse("Số: 5/QĐ-UBND");
    assert_eq!(
        serde_json::to_string(&r).ok().as_deref(),
        Some("\"05/QĐ-UBND\"")
    );
    assert_eq!(
        serde_json::from_str::<DocumentReference>("\"05/QĐ-UBND\"").ok(),
        Some(r)
    );
    let err = serde_json::from_str::<DocumentReference>("\"941/\"").expect_err("refused");
    assert!(err.to_string().contains("thiếu ký hiệu sau dấu /"), "{err}");
    assert_eq!(
        serde_json::to_string(&ReferenceStyle::Party)
            .ok()
            .as_deref(),
        Some("\"party\"")
    );
    assert_eq!(ReferenceStyle::Legal.code(), "legal");
}

#[test]
fn a_draft_is_issued_with_the_registers_next_number() {
    let draft = parse("Số:      /UBND-NV");
    let key = draft.register_key(2023);
    assert_eq!(
        key,
        Some(RegisterKey {
            issuer: "UBND".into(),
            year: 2023
        })
    );
    let number = next_number([3, 1, 2]).expect("numbers left");
    assert_eq!(number.get(), 4);
    let issued = draft.issued(number);
    assert_eq!(issued.to_string(), "04/UBND-NV");
    assert_eq!(issued.number_line(), "Số: 04/UBND-NV");
    assert!(!issued.is_draft());
    assert_eq!(issued.draft(), draft);
    assert_eq!(
        parse("941/UBND-NV").issued(n(942)).to_string(),
        "942/UBND-NV"
    );

    // A new year starts again at 01.
    assert_eq!(next_number([]).map(NonZeroU32::get), Some(1));
    assert_eq!(next_number([u32::MAX]), None);
    assert_eq!(parse("/QĐ-UBND").issued(n(1)).to_string(), "01/QĐ-UBND");

    // A joint document takes the lead issuer's number.
    let joint = parse("/KH-UBND-LĐLĐ");
    assert_eq!(
        joint.register_key(2021).map(|k| k.issuer),
        Some("UBND".into())
    );
    assert_eq!(joint.issued(n(205)).to_string(), "205/KH-UBND-LĐLĐ");

    // A legal draft keeps its year; Party and legal numbers are not this register's.
    assert_eq!(
        parse("/2023/NĐ-CP").issued(n(98)).to_string(),
        "98/2023/NĐ-CP"
    );
    assert_eq!(parse("1721-CV/TU").register_key(2022), None);
    assert_eq!(parse("30/2020/NĐ-CP").register_key(2020), None);
}

// Dates

fn date(y: i32, m: Option<u32>, d: Option<u32>) -> PartialDate {
    PartialDate::new(y, m, d).unwrap_or_else(|e| panic!("{y}-{m:?}-{d:?}: {e}"))
}

#[test]
fn date_lines_follow_nghi_dinh_30() {
    let cases = [
        (date(2023, Some(3), Some(15)), "ngày 15 tháng 3 năm 2023"),
        (date(2023, Some(3), Some(5)), "ngày 05 tháng 3 năm 2023"),
        (date(2023, Some(2), Some(5)), "ngày 05 tháng 02 năm 2023"),
        (date(2023, Some(1), Some(30)), "ngày 30 tháng 01 năm 2023"),
        (date(2023, Some(12), Some(31)), "ngày 31 tháng 12 năm 2023"),
        (date(2023, Some(10), Some(1)), "ngày 01 tháng 10 năm 2023"),
        (date(2023, Some(3), None), "ngày    tháng 3 năm 2023"),
        (date(2023, Some(2), None), "ngày    tháng 02 năm 2023"),
        (date(2023, None, None), "ngày    tháng    năm 2023"),
    ];
    for (d, line) in cases {
        assert_eq!(d.to_string(), line);
        assert_eq!(PartialDate::parse(line), Ok(d), "{line}");
    }
    assert_eq!(
        date_line("Lào Cai", &date(2023, Some(3), Some(15))),
        "Lào Cai, ngày 15 tháng 3 năm 2023"
    );
    assert_eq!(
        date_line(" TP.  Lào Cai ", &date(2023, Some(3), None)),
        "TP. Lào Cai, ngày    tháng 3 năm 2023"
    );
    assert_eq!(
        date_line("", &date(2023, Some(3), Some(15))),
        "ngày 15 tháng 3 năm 2023"
    );
}

#[test]
fn dates_are_read_in_the_usual_forms() {
    let full = date(2023, Some(3), Some(15));
    let march = date(2023, Some(3), None);
    let year = date(2023, None, None);
    let cases = [
        ("15/03/2023", full),
        ("15/3/2023", full),
        (" 15-3-2023 ", full),
        ("15.03.2023", full),
        ("2023-03-15", full),
        ("03/2023", march),
        ("3/2023", march),
        ("2023-03", march),
        ("2023", year),
        ("/3/2023", march),
        ("//2023", year),
        ("ngày 15 tháng 3 năm 2023", full),
        ("Ngày 15 tháng 03 năm 2023", full),
        ("TP. Lào Cai, ngày   tháng 3 năm 2023", march), // the seed's draft
        ("Lào Cai, ngày 15 tháng 3 năm 2023", full),
        ("nga\u{300}y 15 tha\u{301}ng 3 năm 2023", full), // NFD
        ("30/12/2022", date(2022, Some(12), Some(30))),
        ("29/02/2024", date(2024, Some(2), Some(29))),
    ];
    for (text, expected) in cases {
        assert_eq!(PartialDate::parse(text), Ok(expected), "{text:?}");
        assert_eq!(text.parse::<PartialDate>(), Ok(expected), "{text:?}");
    }
    assert_eq!(full.iso(), "2023-03-15");
    assert_eq!(march.iso(), "2023-03");
    assert_eq!(year.iso(), "2023");
    assert_eq!(full.to_date(), chrono::NaiveDate::from_ymd_opt(2023, 3, 15));
    assert_eq!(march.to_date(), None);
    assert!(full.is_complete() && !march.is_complete());
    assert_eq!(
        chrono::NaiveDate::from_ymd_opt(2023, 3, 15).and_then(PartialDate::from_date),
        Some(full)
    );
    assert_eq!(
        (full.year(), full.month(), full.day()),
        (2023, Some(3), Some(15))
    );
    assert!(year < march && march < full);
}

#[test]
fn impossible_dates_say_what_is_wrong() {
    assert_eq!(
        PartialDate::new(2023, None, Some(5)),
        Err(DateError::DayWithoutMonth)
    );
    assert_eq!(
        PartialDate::new(2023, Some(13), None),
        Err(DateError::Month(13))
    );
    assert_eq!(
        PartialDate::new(2023, Some(0), None),
        Err(DateError::Month(0))
    );
    assert_eq!(
        PartialDate::new(23, Some(1), None),
        Err(DateError::Year(23))
    );
    assert_eq!(
        PartialDate::new(2023, Some(2), Some(29)),
        Err(DateError::NoSuchDay {
            day: 29,
            month: 2,
            year: 2023
        })
    );
    #[rustfmt::skip]
    let messages = [
        ("", "chưa có ngày tháng năm"),
        ("  ", "chưa có ngày tháng năm"),
        ("31/04/2023", "không có ngày 31 tháng 4 năm 2023"),
        ("0/04/2023", "không có ngày 0 tháng 4 năm 2023"),
        ("29/02/2023", "không có ngày 29 tháng 2 năm 2023"),
        ("15/13/2023", "tháng 13 không có: tháng phải từ 1 đến 12"),
        ("15//2023", "có ngày thì phải có tháng"),
        ("15/3/23", "năm 23 không hợp lệ: năm phải gồm 4 chữ số"),
        ("15/3/0999", "năm 999 không hợp lệ: năm phải gồm 4 chữ số"),
        ("15/3/20233", "không đọc được ngày '15/3/20233' (viết dd/mm/yyyy, mm/yyyy, yyyy hoặc yyyy-mm-dd)"),
        ("mười lăm", "không đọc được ngày 'mười lăm' (viết dd/mm/yyyy, mm/yyyy, yyyy hoặc yyyy-mm-dd)"),
        ("2023-3-", "không đọc được ngày '2023-3-' (viết dd/mm/yyyy, mm/yyyy, yyyy hoặc yyyy-mm-dd)"),
        ("1/2/3/2023", "không đọc được ngày '1/2/3/2023' (viết dd/mm/yyyy, mm/yyyy, yyyy hoặc yyyy-mm-dd)"),
        ("ngày 15 tháng 3", "không đọc được ngày 'ngày 15 tháng 3' (viết dd/mm/yyyy, mm/yyyy, yyyy hoặc yyyy-mm-dd)"),
        ("ngày 15 tháng 3 năm 2023 xx", "không đọc được ngày 'ngày 15 tháng 3 năm 2023 xx' (viết dd/mm/yyyy, mm/yyyy, yyyy hoặc yyyy-mm-dd)"),
        ("ngày 31 tháng 2 năm 2023", "không có ngày 31 tháng 2 năm 2023"),
    ];
    for (text, message) in messages {
        match PartialDate::parse(text) {
            Ok(d) => panic!("{text:?} was read as {d:?}"),
            Err(e) => assert_eq!(e.to_string(), message, "{text:?}"),
        }
    }
}

#[test]
fn dates_serialise_in_iso_form() {
    let d = date(2023, Some(3), None);
    assert_eq!(
        serde_json::to_string(&d).ok().as_deref(),
        Some("\"2023-03\"")
    );
    assert_eq!(
        serde_json::from_str::<PartialDate>("\"2023-03\"").ok(),
        Some(d)
    );
    assert_eq!(
        serde_json::from_str::<PartialDate>("\"03/2023\"").ok(),
        Some(d)
    );
    assert!(serde_json::from_str::<PartialDate>("\"2023-02-30\"").is_err());
}
