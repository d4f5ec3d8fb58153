//! Workbooks in: every kind of bad file refused with a message that says what it is, big and odd
//! sheets read safely, headers found, cells parsed, problems reported by row and column, legacy
//! text converted, and a round trip from ListSheet back to the same rows.

#[path = "common/bad_files.rs"]
mod bad_files;

use bad_files::{docx, encrypted_workbook, million_styled_rows, ole, truncated, zip_bomb, zip_of};
use chrono::NaiveDate;
use rust_xlsxwriter::{Format, Workbook};
use thidua_office::legacy::Legacy;
use thidua_office::xlsx::{
    check_file, preview, read_table, Cell, Column, ColumnType, FileKind, Layout, Limits, ListSheet,
    Mapping, ReadError, Value, NOMINATIONS, PEOPLE, RATINGS,
};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// A cell to put in a test workbook.
#[derive(Clone)]
enum W {
    S(&'static str),
    N(f64),
    D(NaiveDate),
    E,
}
use W::{D, E, N, S};

/// A workbook of one sheet with these rows from A1.
fn workbook(rows: &[Vec<W>]) -> Vec<u8> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let date_format = Format::new().set_num_format("dd/mm/yyyy");
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            match cell {
                S(s) => sheet.write_string(r, c, *s).map(|_| ()),
                N(n) => sheet.write_number(r, c, *n).map(|_| ()),
                D(d) => sheet
                    .write_date_with_format(r, c, *d, &date_format)
                    .map(|_| ()),
                E => Ok(()),
            }
            .unwrap();
        }
    }
    book.save_to_buffer().unwrap()
}

fn people_header() -> Vec<W> {
    vec![
        S("STT"),
        S("Họ và tên"),
        S("Ngày sinh"),
        S("Giới tính"),
        S("Chức vụ"),
        S("Đơn vị"),
    ]
}

fn limits() -> Limits {
    Limits::default()
}

fn refused(bytes: &[u8]) -> ReadError {
    check_file(bytes, &limits()).expect_err("file accepted")
}

// Bad files.

#[test]
fn an_empty_file_is_refused() {
    assert_eq!(refused(b""), ReadError::Empty);
    assert!(ReadError::Empty.to_string().contains("rỗng"));
}

#[test]
fn a_file_over_the_size_limit_is_refused() {
    let bytes = workbook(&[people_header()]);
    let small = Limits {
        max_file_bytes: 1024,
        ..limits()
    };
    assert!(matches!(
        check_file(&bytes, &small),
        Err(ReadError::TooLarge { limit_mb: 0, .. })
    ));
    assert!(check_file(&bytes, &limits()).is_ok());
}

#[test]
fn ole_files_say_what_they_are() {
    let encrypted = refused(&encrypted_workbook());
    assert_eq!(encrypted, ReadError::NotXlsx(FileKind::EncryptedOoxml));
    assert!(encrypted.to_string().contains("mật khẩu"));
    let xls = refused(&ole(&["Root Entry", "Workbook", "\u{5}SummaryInformation"]));
    assert_eq!(xls, ReadError::NotXlsx(FileKind::OldXls));
    assert!(xls.to_string().contains("Excel cũ (.xls)"));
    assert_eq!(
        refused(&ole(&["Root Entry", "WordDocument"])),
        ReadError::NotXlsx(FileKind::OldDoc)
    );
    let other = refused(&ole(&["Root Entry"]));
    assert_eq!(other, ReadError::NotXlsx(FileKind::OtherOle));
    assert!(other
        .to_string()
        .contains("được mã hoá hoặc là định dạng Excel cũ (.xls)"));
}

#[test]
fn other_formats_say_what_they_are() {
    let cases: [(&[u8], FileKind); 7] = [
        (b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj", FileKind::Pdf),
        (b"<html xmlns:x=\"urn:schemas-microsoft-com:office:excel\"><body><table><tr><td>1</td></tr></table>", FileKind::Html),
        (b"\xEF\xBB\xBF  <!DOCTYPE html><html>", FileKind::Html),
        (
            b"<?xml version=\"1.0\"?><Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\">",
            FileKind::XmlSpreadsheet,
        ),
        ("STT,Họ và tên,Ngày sinh\r\n1,Nguyễn Văn A,01/01/1990\r\n".as_bytes(), FileKind::Csv),
        (b"STT;Ho ten\r\n1;Nguy\xEAn\r\n", FileKind::Csv),
        (b"\x00\x01\x02binary", FileKind::Unknown),
    ];
    for (bytes, kind) in cases {
        let e = refused(bytes);
        assert_eq!(
            e,
            ReadError::NotXlsx(kind),
            "{:?}",
            String::from_utf8_lossy(bytes)
        );
        assert!(!e.to_string().is_empty());
    }
    assert_eq!(
        refused(b"just some words"),
        ReadError::NotXlsx(FileKind::Text)
    );
}

#[test]
fn zips_that_are_not_workbooks_say_what_they_are() {
    assert_eq!(refused(&docx()), ReadError::NotXlsx(FileKind::Docx));
    let ods = zip_of(&[
        (
            "mimetype",
            b"application/vnd.oasis.opendocument.spreadsheet",
        ),
        ("content.xml", b"<x/>"),
    ]);
    assert_eq!(refused(&ods), ReadError::NotXlsx(FileKind::OpenDocument));
    let other = zip_of(&[("photo.jpg", b"\xFF\xD8\xFF")]);
    assert_eq!(refused(&other), ReadError::NotXlsx(FileKind::OtherZip));
}

#[test]
fn a_corrupt_zip_is_refused() {
    let good = workbook(&[people_header()]);
    // Cut in half: the central directory is gone.
    assert!(matches!(
        refused(&truncated(&good)),
        ReadError::Corrupt { .. }
    ));
    // A zip signature and nothing of a zip after it.
    assert!(matches!(
        refused(b"PK\x03\x04 garbage garbage garbage"),
        ReadError::Corrupt { .. }
    ));
    // Damaged compressed data: the inflate pass or its checksum fails.
    let mut damaged = good.clone();
    let at = damaged.windows(4).position(|w| w == b"PK\x01\x02").unwrap() / 2;
    for b in &mut damaged[at..at + 64] {
        *b ^= 0x5A;
    }
    let e = check_file(&damaged, &limits());
    assert!(matches!(e, Err(ReadError::Corrupt { .. })), "{e:?}");
    let shown = e.unwrap_err().to_string();
    assert!(shown.contains("bị hỏng"), "{shown}");
}

#[test]
fn a_zip_bomb_is_refused_by_its_ratio() {
    let bomb = zip_bomb();
    assert!(bomb.len() < 1024 * 1024);
    let e = refused(&bomb);
    assert!(
        matches!(&e, ReadError::ZipBomb { reason } if reason.contains("tỉ lệ nén")),
        "{e:?}"
    );
}

#[test]
fn a_zip_bomb_is_refused_by_its_total_size() {
    // Each entry compresses modestly, but together they inflate past the limit.
    let noise: Vec<u8> = (0..2 * 1024 * 1024u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8)
        .collect();
    let entries: Vec<(String, &[u8])> = (0..4)
        .map(|i| (format!("xl/media/{i}.bin"), noise.as_slice()))
        .collect();
    let mut all: Vec<(&str, &[u8])> = vec![("xl/workbook.xml", b"<workbook/>")];
    all.extend(entries.iter().map(|(n, c)| (n.as_str(), *c)));
    let bytes = zip_of(&all);
    let tight = Limits {
        max_uncompressed_bytes: 6 * 1024 * 1024,
        ..limits()
    };
    assert!(matches!(
        check_file(&bytes, &tight),
        Err(ReadError::ZipBomb { .. })
    ));
    assert!(check_file(&bytes, &limits()).is_ok());
}

#[test]
fn a_zip_that_lies_about_its_sizes_is_refused() {
    let zeros = vec![0u8; 5 * 1024 * 1024];
    let mut bytes = zip_of(&[("xl/workbook.xml", b"<workbook/>"), ("xl/big.xml", &zeros)]);
    // Declare 1000 bytes for the big entry, in its local header and in the central directory.
    let declare = |bytes: &mut Vec<u8>, signature: &[u8], offset: usize| {
        let mut from = 0;
        while let Some(p) = bytes[from..].windows(4).position(|w| w == signature) {
            let at = from + p;
            let name_at = if signature == b"PK\x03\x04" {
                at + 30
            } else {
                at + 46
            };
            if bytes[name_at..].starts_with(b"xl/big.xml") {
                bytes[at + offset..at + offset + 4].copy_from_slice(&1000u32.to_le_bytes());
            }
            from = at + 4;
        }
    };
    declare(&mut bytes, b"PK\x03\x04", 22);
    declare(&mut bytes, b"PK\x01\x02", 24);
    let e = refused(&bytes);
    assert!(
        matches!(&e, ReadError::ZipBomb { reason } if reason.contains("khai báo sai")),
        "{e:?}"
    );
}

#[test]
fn too_many_rows_are_refused_while_reading() {
    let mut rows = vec![people_header()];
    rows.extend((0..30).map(|i| vec![N(i as f64), S("Nguyễn Văn A"), E, E, E, S("Phòng Nội vụ")]));
    let bytes = workbook(&rows);
    let tight = Limits {
        max_rows: 10,
        ..limits()
    };
    assert_eq!(
        read_table(&bytes, &tight, None).unwrap_err(),
        ReadError::TooManyRows { limit: 10 }
    );
    assert_eq!(read_table(&bytes, &limits(), None).unwrap().rows.len(), 31);
}

#[test]
fn a_million_empty_formatted_rows_cost_nothing() {
    let bytes = million_styled_rows(
        &["STT", "Họ và tên", "Đơn vị"],
        &["1", "Lò Thị Mai", "Phòng Nội vụ"],
    );
    let table = read_table(&bytes, &limits(), None).unwrap();
    assert_eq!(table.rows.len(), 2);
    let p = table.preview(&PEOPLE, None).unwrap();
    assert_eq!(p.rows.len(), 1);
    assert!(p.is_clean(), "{:?}", p.problems);
}

// Reading lists.

/// A people list as a ward sends it: the issuing body and a title above, a numbering row under the
/// header, the signature block below.
fn ward_list() -> Vec<u8> {
    workbook(&[
        vec![
            S("UBND PHƯỜNG CỐC LẾU"),
            E,
            E,
            E,
            S("CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        ],
        vec![],
        vec![E, S("DANH SÁCH CÁN BỘ, CÔNG CHỨC NĂM 2024")],
        people_header(),
        vec![S("(1)"), S("(2)"), S("(3)"), S("(4)"), S("(5)"), S("(6)")],
        vec![
            N(1.0),
            S("  Nguye\u{0302}\u{0303}n   Văn Đức "),
            D(date(1985, 3, 5)),
            S("Nam"),
            S("Chủ tịch"),
            S("UBND phường Cốc Lếu"),
        ],
        vec![
            N(2.0),
            S("Lò Thị Mai"),
            S("07/11/1990"),
            S("nữ"),
            E,
            S("UBND phường Cốc Lếu"),
        ],
        vec![
            N(3.0),
            S("Trần Văn Bình"),
            N(32_874.0),
            S("NAM"),
            S("Công chức"),
            S("UBND phường Cốc Lếu"),
        ],
        vec![],
        vec![
            E,
            S("Người lập biểu"),
            E,
            E,
            S("Lào Cai, ngày 10 tháng 3 năm 2024"),
        ],
        vec![E, S("Nguyễn Thị Hoa"), E, E, S("CHỦ TỊCH")],
    ])
}

#[test]
fn a_ward_list_is_read_between_its_title_and_its_signatures() {
    let p = preview(&ward_list(), &PEOPLE, &limits()).unwrap();
    assert_eq!(p.header_row, 4);
    assert!(p.is_clean(), "{:#?}", p.problems);
    assert_eq!(
        p.rows.iter().map(|r| r.row_number).collect::<Vec<_>>(),
        [6, 7, 8]
    );
    assert_eq!(p.ignored_from_row, Some(10));
    let first = &p.rows[0];
    assert_eq!(first.text("full_name"), Some("Nguyễn Văn Đức"));
    assert_eq!(first.date("birth_date"), Some(date(1985, 3, 5)));
    assert_eq!(first.get("gender"), Some(&Value::Choice("male")));
    assert_eq!(first.number("ordinal"), Some(1));
    assert_eq!(p.rows[1].date("birth_date"), Some(date(1990, 11, 7)));
    assert_eq!(p.rows[1].get("gender"), Some(&Value::Choice("female")));
    assert_eq!(p.rows[1].get("position"), None);
    // 32874 is Excel's serial number of 1 January 1990.
    assert_eq!(p.rows[2].date("birth_date"), Some(date(1990, 1, 1)));
    let mapped: Vec<(String, Option<&str>)> = p
        .headers
        .iter()
        .map(|h| (h.letter.clone(), h.key))
        .collect();
    assert_eq!(mapped[1], ("B".to_owned(), Some("full_name")));
}

#[test]
fn every_problem_names_its_row_and_column() {
    let bytes = workbook(&[
        people_header(),
        vec![
            N(1.0),
            S("Nguyễn Văn A"),
            S("31/02/2024"),
            S("Nam"),
            E,
            S("Phòng Nội vụ"),
        ],
        vec![N(2.0), E, S("1/1/1990"), S("Nuu"), E, S("Phòng Nội vụ")],
        vec![S("ba"), S("Lê Văn C"), S("5/3/85"), E, E, E],
        vec![N(4.0), S("Hà Thị D"), N(1985.0), E, E, S("Phòng Nội vụ")],
        vec![
            N(5.0),
            S("Vũ Văn E"),
            S("ngày 5 tháng 3"),
            E,
            E,
            S("Phòng Nội vụ"),
        ],
    ]);
    let p = preview(&bytes, &PEOPLE, &limits()).unwrap();
    assert!(p.rows.is_empty());
    let shown: Vec<String> = p.problems.iter().map(ToString::to_string).collect();
    let expect = [
        "Dòng 2, cột C (Ngày sinh): \"31/02/2024\": ngày không tồn tại",
        "Dòng 3, cột B (Họ và tên): chưa có họ và tên",
        "Dòng 3, cột D (Giới tính): \"Nuu\" không hợp lệ; chọn một trong: Nam; Nữ (có phải là \"Nữ\"?)",
        "Dòng 4, cột A (STT): \"ba\" không phải là số nguyên",
        "Dòng 4, cột C (Ngày sinh): \"5/3/85\": năm phải đủ 4 chữ số",
        "Dòng 4, cột F (Đơn vị): chưa có đơn vị",
        "Dòng 5, cột C (Ngày sinh): \"1985\" chỉ là năm; hãy nhập đủ ngày, tháng, năm (dd/mm/yyyy)",
        "Dòng 6, cột C (Ngày sinh): \"ngày 5 tháng 3\" không đúng dạng ngày dd/mm/yyyy",
    ];
    assert_eq!(shown, expect);
}

#[test]
fn a_missing_header_is_reported_with_what_is_expected() {
    let bytes = workbook(&[vec![S("Cột 1"), S("Cột 2")], vec![S("a"), S("b")]]);
    let e = preview(&bytes, &PEOPLE, &limits()).unwrap_err();
    assert!(matches!(e, ReadError::HeaderNotFound { .. }));
    assert!(e.to_string().contains("Họ và tên, Đơn vị"), "{e}");
}

#[test]
fn a_user_can_map_columns_the_headers_did_not_name() {
    let bytes = workbook(&[
        vec![
            S("STT"),
            S("Họ và tên"),
            S("Cơ quan chủ quản"),
            S("Năm sinh"),
        ],
        vec![N(1.0), S("Nguyễn Văn A"), S("Sở Nội vụ"), S("01/02/1980")],
    ]);
    let table = read_table(&bytes, &limits(), None).unwrap();
    let first = table.preview(&PEOPLE, None).unwrap();
    assert_eq!(
        first.missing.iter().map(|m| m.header).collect::<Vec<_>>(),
        ["Đơn vị"]
    );
    assert!(!first.is_clean());
    let mut mapping: Mapping = first.mapping.clone();
    mapping.set(&PEOPLE, 2, Some("unit")).unwrap();
    let second = table.preview(&PEOPLE, Some(&mapping)).unwrap();
    assert!(second.is_clean(), "{:?}", second.problems);
    assert_eq!(second.rows[0].text("unit"), Some("Sở Nội vụ"));
    assert_eq!(second.rows[0].date("birth_date"), Some(date(1980, 2, 1)));
}

#[test]
fn duplicates_name_each_other() {
    let bytes = workbook(&[
        people_header(),
        vec![
            N(1.0),
            S("Nguyễn Văn A"),
            S("01/02/1980"),
            E,
            E,
            S("Phòng Nội vụ"),
        ],
        vec![
            N(2.0),
            S("Lê Thị B"),
            S("01/02/1980"),
            E,
            E,
            S("Phòng Nội vụ"),
        ],
        vec![
            N(3.0),
            S("NGUYỄN VĂN A"),
            S("01/02/1980"),
            E,
            E,
            S("Phòng Tư pháp"),
        ],
        vec![
            N(4.0),
            S("Nguyễn Văn A"),
            S("02/02/1980"),
            E,
            E,
            S("Phòng Nội vụ"),
        ],
    ]);
    let mut p = preview(&bytes, &PEOPLE, &limits()).unwrap();
    let n = p.report_duplicates("họ tên và ngày sinh", |r| {
        Some((
            thidua_domain::text::fold(r.text("full_name")?),
            r.date("birth_date")?,
        ))
    });
    assert_eq!(n, 2);
    let shown: Vec<String> = p.problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        shown,
        [
            "Dòng 2: trùng họ tên và ngày sinh với dòng 4",
            "Dòng 4: trùng họ tên và ngày sinh với dòng 2",
        ]
    );
    assert_eq!(
        p.rows.iter().map(|r| r.row_number).collect::<Vec<_>>(),
        [3, 5]
    );
}

#[test]
fn legacy_text_is_converted_column_by_column() {
    let bytes = workbook(&[
        vec![S("STT"), S("Hä vµ tªn"), S("Giíi tÝnh"), S("§¬n vÞ")],
        vec![
            N(1.0),
            S("Nguyeãn Vaên Ñöùc"),
            S("Nam"),
            S("Phoøng Noäi vuï"),
        ],
        vec![N(2.0), S("Loø Thò Mai"), S("Nöõ"), S("Phoøng Noäi vuï")],
        vec![N(3.0), S("Thò Hoa"), S("Nöõ"), S("UBND phöôøng Coác Leáu")],
        // A cell retyped in Unicode stays as it is.
        vec![N(4.0), S("Phạm Thị Hằng"), S("Nữ"), S("Phòng Tư pháp")],
    ]);
    let p = preview(&bytes, &PEOPLE, &limits()).unwrap();
    assert_eq!(p.header_row, 1, "the TCVN3 header is recognised");
    assert!(p.is_clean(), "{:?}", p.problems);
    let names: Vec<&str> = p.rows.iter().filter_map(|r| r.text("full_name")).collect();
    assert_eq!(
        names,
        ["Nguyễn Văn Đức", "Lò Thị Mai", "Thị Hoa", "Phạm Thị Hằng"]
    );
    assert_eq!(p.rows[1].get("gender"), Some(&Value::Choice("female")));
    assert_eq!(p.rows[2].text("unit"), Some("UBND phường Cốc Lếu"));
    let columns: Vec<(&str, &str)> = p
        .legacy
        .iter()
        .map(|n| (n.column_letter.as_str(), n.encoding))
        .collect();
    assert_eq!(
        columns,
        [
            ("B", Legacy::Vni.label()),
            ("C", Legacy::Vni.label()),
            ("D", Legacy::Vni.label())
        ]
    );
    assert_eq!(p.legacy[0].cells, 3);
}

/// A layout with a money column, for the money rules.
static MONEY_LAYOUT: Layout = Layout {
    code: "money",
    title: "Danh sách chi thưởng",
    columns: &[
        Column {
            key: "full_name",
            header: "Họ và tên",
            aliases: &[],
            required: true,
            kind: ColumnType::Text,
        },
        Column {
            key: "amount",
            header: "Số tiền",
            aliases: &[],
            required: true,
            kind: ColumnType::Money,
        },
    ],
};

#[test]
fn money_is_read_from_numbers_and_from_text() {
    let bytes = workbook(&[
        vec![S("Họ và tên"), S("Số tiền")],
        vec![S("A"), N(5_000_000.0)],
        vec![S("B"), S("5.000.000")],
        vec![S("C"), S("5,000,000 đ")],
        vec![S("D"), S("1.500.000 đồng")],
        vec![S("E"), S("2 000 000 VNĐ")],
        vec![S("F"), S("3.000.000,00")],
        vec![S("G"), S("5.000.000,50")],
        vec![S("H"), S("5.00.000")],
        vec![S("I"), S("năm triệu")],
        vec![S("J"), N(-1.0)],
        vec![S("K"), N(10.5)],
    ]);
    let p = preview(&bytes, &MONEY_LAYOUT, &limits()).unwrap();
    let amounts: Vec<(u32, i64)> = p
        .rows
        .iter()
        .map(|r| (r.row_number, r.number("amount").unwrap()))
        .collect();
    assert_eq!(
        amounts,
        [
            (2, 5_000_000),
            (3, 5_000_000),
            (4, 5_000_000),
            (5, 1_500_000),
            (6, 2_000_000),
            (7, 3_000_000)
        ]
    );
    let messages: Vec<(u32, &str)> = p
        .problems
        .iter()
        .map(|p| (p.row, p.message_vi.as_str()))
        .collect();
    assert_eq!(
        messages,
        [
            (8, "\"5.000.000,50\": số tiền phải là số nguyên đồng"),
            (9, "\"5.00.000\" không phải là số tiền"),
            (10, "\"năm triệu\" không phải là số tiền"),
            (11, "số tiền không được âm"),
            (12, "số tiền phải là số nguyên đồng"),
        ]
    );
}

#[test]
fn ratings_and_nominations_have_their_layouts() {
    let ratings = workbook(&[
        vec![
            S("STT"),
            S("Họ và tên"),
            S("Đơn vị"),
            S("Năm"),
            S("Xếp loại"),
        ],
        vec![
            N(1.0),
            S("Nguyễn Văn A"),
            S("Phòng Nội vụ"),
            N(2024.0),
            S("HTXSNV"),
        ],
        vec![
            N(2.0),
            S("Lê Thị B"),
            S("Phòng Nội vụ"),
            S("2024"),
            S("Hoàn thành tốt nhiệm vụ"),
        ],
        vec![
            N(3.0),
            S("Trần C"),
            S("Phòng Nội vụ"),
            N(2024.0),
            S("Hoàn thành xuất xắc"),
        ],
    ]);
    let p = preview(&ratings, &RATINGS, &limits()).unwrap();
    assert_eq!(
        p.rows[0].get("rating"),
        Some(&Value::Choice("hoan_thanh_xuat_sac"))
    );
    assert_eq!(
        p.rows[1].get("rating"),
        Some(&Value::Choice("hoan_thanh_tot"))
    );
    assert_eq!(p.rows[1].number("year"), Some(2024));
    assert_eq!(p.problems.len(), 1);
    assert!(
        p.problems[0]
            .message_vi
            .contains("có phải là \"Hoàn thành xuất sắc nhiệm vụ\""),
        "{}",
        p.problems[0]
    );

    let nominations = workbook(&[
        vec![
            S("STT"),
            S("Tên tập thể, cá nhân"),
            S("Chức vụ"),
            S("Đơn vị công tác"),
            S("Hình thức khen thưởng"),
            S("Tóm tắt thành tích"),
        ],
        vec![
            N(1.0),
            S("Phòng Nội vụ"),
            E,
            E,
            S("Tập thể lao động xuất sắc"),
            S("Hoàn thành xuất sắc nhiệm vụ năm 2024"),
        ],
        vec![
            N(2.0),
            S("Nguyễn Văn A"),
            S("Trưởng phòng"),
            S("Phòng Nội vụ"),
            S("Chiến sĩ thi đua cơ sở"),
            E,
        ],
    ]);
    let p = preview(&nominations, &NOMINATIONS, &limits()).unwrap();
    assert!(p.is_clean(), "{:?}", p.problems);
    assert_eq!(p.rows[0].text("award"), Some("Tập thể lao động xuất sắc"));
    assert_eq!(p.rows[1].text("position"), Some("Trưởng phòng"));
}

#[test]
fn a_list_written_by_list_sheet_reads_back_the_same() {
    let people = [
        (
            "Nguyễn Văn Đức",
            date(1985, 3, 5),
            "Nam",
            "Chủ tịch",
            "UBND phường Cốc Lếu",
        ),
        (
            "Lò Thị Mai",
            date(1990, 11, 7),
            "Nữ",
            "=Công chức",
            "UBND phường Cốc Lếu",
        ),
        (
            "Trần Văn Bình",
            date(1979, 12, 31),
            "Nam",
            "-",
            "Phòng Nội vụ",
        ),
    ];
    let sheet = ListSheet::new(
        "Cán bộ",
        &[
            "STT",
            "Họ và tên",
            "Ngày sinh",
            "Giới tính",
            "Chức vụ",
            "Đơn vị",
        ],
    )
    .with_rows(people.iter().enumerate().map(|(i, p)| {
        vec![
            Cell::Int(i as i64 + 1),
            Cell::text(p.0),
            Cell::Date(p.1),
            Cell::text(p.2),
            Cell::text(p.3),
            Cell::text(p.4),
        ]
    }));
    let p = preview(&sheet.to_xlsx().unwrap(), &PEOPLE, &limits()).unwrap();
    assert!(p.is_clean(), "{:?}", p.problems);
    assert_eq!(p.rows.len(), 3);
    for (i, (row, person)) in p.rows.iter().zip(people).enumerate() {
        assert_eq!(row.row_number, i as u32 + 2);
        assert_eq!(row.number("ordinal"), Some(i as i64 + 1));
        assert_eq!(row.text("full_name"), Some(person.0));
        assert_eq!(row.date("birth_date"), Some(person.1));
        let gender = if person.2 == "Nam" { "male" } else { "female" };
        assert_eq!(row.get("gender"), Some(&Value::Choice(gender)));
        assert_eq!(row.text("position"), Some(person.3));
        assert_eq!(row.text("unit"), Some(person.4));
    }
}
