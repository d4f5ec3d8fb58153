//! Lists out: read back with calamine for values and types, and the file's XML for the formatting.

use calamine::{Data, Reader, Xlsx};
use chrono::NaiveDate;
use std::io::{Cursor, Read};
use thidua_office::xlsx::{write_workbook, Cell, ListSheet, MONEY_FORMAT};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

const ATTACKS: [&str; 5] = [
    "=HYPERLINK(\"http://evil.example\",\"Bấm vào đây\")",
    "+1",
    "-2",
    "@SUM(A1:A2)",
    "=1+1",
];

fn people() -> ListSheet {
    let mut sheet = ListSheet::new(
        "Cá nhân",
        &["STT", "Họ và tên", "Ngày sinh", "Tiền thưởng", "Ghi chú"],
    );
    sheet.push(vec![
        Cell::Int(1),
        Cell::text("Nguyễn Văn Đức"),
        Cell::Date(date(1985, 3, 5)),
        Cell::Money(5_000_000),
        Cell::Empty,
    ]);
    for (i, attack) in ATTACKS.iter().enumerate() {
        sheet.push(vec![
            Cell::Int(i as i64 + 2),
            Cell::text(*attack),
            Cell::Empty,
            Cell::Money(0),
            Cell::text("x".repeat(200)),
        ]);
    }
    sheet
}

fn zip_entry(bytes: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut out = String::new();
    archive
        .by_name(name)
        .unwrap()
        .read_to_string(&mut out)
        .unwrap();
    out
}

#[test]
fn values_come_back_with_their_types_and_no_formula() {
    let units = ListSheet::new("Tập thể", &["Tên tập thể", "Năm"])
        .with_rows([vec![Cell::text("Phòng Nội vụ"), Cell::Int(2024)]]);
    let bytes = write_workbook(&[people(), units]).unwrap();
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(&bytes)).unwrap();
    assert_eq!(book.sheet_names(), vec!["Cá nhân", "Tập thể"]);

    let range = book.worksheet_range("Cá nhân").unwrap();
    let header: Vec<String> = range
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(
        header,
        ["STT", "Họ và tên", "Ngày sinh", "Tiền thưởng", "Ghi chú"]
    );
    let row = &range.rows().nth(1).unwrap();
    assert_eq!(row[0], Data::Float(1.0));
    assert_eq!(row[1], Data::String("Nguyễn Văn Đức".into()));
    match &row[2] {
        Data::DateTime(dt) => {
            assert!(dt.is_datetime());
            let (y, m, d, ..) = dt.to_ymd_hms_milli();
            assert_eq!((y, m, d), (1985, 3, 5));
        }
        other => panic!("date cell read as {other:?}"),
    }
    assert_eq!(row[3], Data::Float(5_000_000.0));
    for (i, attack) in ATTACKS.iter().enumerate() {
        assert_eq!(
            range.rows().nth(i + 2).unwrap()[1],
            Data::String((*attack).into())
        );
    }
    for name in ["Cá nhân", "Tập thể"] {
        let formulas = book.worksheet_formula(name).unwrap();
        assert!(
            formulas.used_cells().all(|(_, _, f)| f.is_empty()),
            "{name} has a formula"
        );
    }
    let units = book.worksheet_range("Tập thể").unwrap();
    assert_eq!(units.rows().nth(1).unwrap()[1], Data::Float(2024.0));
    // No formula anywhere in the sheet's XML either.
    assert!(!zip_entry(&bytes, "xl/worksheets/sheet1.xml").contains("<f>"));
}

#[test]
fn the_header_is_formatted_frozen_and_filtered() {
    let bytes = people().to_xlsx().unwrap();
    let sheet = zip_entry(&bytes, "xl/worksheets/sheet1.xml");
    assert!(sheet.contains("ySplit=\"1\""), "header not frozen");
    assert!(
        sheet.contains("<autoFilter ref=\"A1:E7\""),
        "no autofilter: {sheet}"
    );
    let styles = zip_entry(&bytes, "xl/styles.xml");
    assert!(styles.contains("formatCode=\"dd/mm/yyyy\""));
    let money = MONEY_FORMAT.replace('"', "&quot;");
    assert!(
        styles.contains(&format!("formatCode=\"{money}\"")),
        "{styles}"
    );
    assert!(styles.contains("<b/>"), "no bold font");
    assert!(styles.contains("FFDDEBF7"), "no header fill");
    assert!(styles.contains("<left style=\"thin\">"), "no borders");
}

#[test]
fn columns_fit_their_content_within_a_cap() {
    let bytes = people().to_xlsx().unwrap();
    let sheet = zip_entry(&bytes, "xl/worksheets/sheet1.xml");
    let widths: Vec<f64> = sheet
        .split("<col ")
        .skip(1)
        .map(|c| {
            let w = c.split("width=\"").nth(1).unwrap();
            w[..w.find('"').unwrap()].parse().unwrap()
        })
        .collect();
    assert_eq!(widths.len(), 5, "{sheet}");
    // STT is narrow, the name column fits the hyperlink text, the 200-character note is capped.
    assert!(widths[0] < 10.0, "{widths:?}");
    assert!(widths[1] > 40.0, "{widths:?}");
    assert!(widths[4] <= 61.0 && widths[4] >= 55.0, "{widths:?}");
    assert!(widths[2] >= 12.0, "{widths:?}");
}

#[test]
fn awkward_sheet_names_are_made_acceptable() {
    let sheets = [
        ListSheet::new("Năm 2024/2025: [tổng hợp]", &["A"]),
        ListSheet::new("năm 2024 2025   tổng hợp", &["A"]),
    ];
    let bytes = write_workbook(&sheets).unwrap();
    let book: Xlsx<_> = Xlsx::new(Cursor::new(&bytes)).unwrap();
    let names = book.sheet_names();
    assert_eq!(names.len(), 2);
    assert!(names
        .iter()
        .all(|n| !n.contains(['/', ':', '[', ']']) && n.chars().count() <= 31));
    assert_ne!(names[0].to_lowercase(), names[1].to_lowercase());
}
