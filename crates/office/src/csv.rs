//! Lists as CSV for people who open them in Excel: UTF-8 with a byte-order mark (without it Excel
//! reads UTF-8 as the ANSI code page and "Nguyễn" turns into "Nguyá»…n"), commas, CRLF line ends,
//! RFC 4180 quoting, and no cell that a spreadsheet could run as a formula.
//!
//! # Formula injection (CSV injection)
//!
//! A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` as a formula, and a tab or a
//! carriage return at the start can hide such a character; "=HYPERLINK(…)" in a name typed on a
//! web form becomes a live link (or worse, a DDE command) in the office's Excel. Every **text** cell
//! that starts with one of these characters is written with a single quote `'` before it, as
//! OWASP recommends: Excel and LibreOffice then show the text as text, and a reader sees at once
//! that the cell was neutralised. The alternatives are worse: dropping the character changes the
//! data ("-2" becomes "2"), and a leading space is invisible and still runs in some programs.
//! Numbers ([`Cell::Int`], [`Cell::Money`]) are written as numbers: "-5" as a number is not a
//! formula, and the sign must stay.
//!
//! # Values
//!
//! Money is written as plain digits of đồng ("5000000"): any Excel reads that as a number whatever
//! its regional settings, while "5.000.000" would be a number in Vietnamese settings and text in
//! English ones. Dates are written dd/mm/yyyy, as Vietnamese readers expect; an Excel set to US
//! settings may read a day ≤ 12 as a month, so a file meant for calculation should be XLSX
//! ([`crate::xlsx::ListSheet`]), whose dates are real dates.

use chrono::NaiveDate;
use std::borrow::Cow;

/// One cell of an exported list (ô của danh sách xuất ra).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    /// Text, written as text whatever it starts with.
    Text(String),
    /// A whole number (a year, a count, an ordinal).
    Int(i64),
    /// An amount of đồng.
    Money(i64),
    /// A calendar date, shown dd/mm/yyyy.
    Date(NaiveDate),
    /// Nothing.
    Empty,
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
    }

    /// Text, or [`Cell::Empty`] for `None`.
    pub fn opt_text(s: Option<impl Into<String>>) -> Cell {
        s.map_or(Cell::Empty, |s| Cell::Text(s.into()))
    }

    /// A date, or [`Cell::Empty`] for `None`.
    pub fn opt_date(d: Option<NaiveDate>) -> Cell {
        d.map_or(Cell::Empty, Cell::Date)
    }
}

impl From<&str> for Cell {
    fn from(s: &str) -> Cell {
        Cell::Text(s.to_owned())
    }
}

impl From<String> for Cell {
    fn from(s: String) -> Cell {
        Cell::Text(s)
    }
}

impl From<NaiveDate> for Cell {
    fn from(d: NaiveDate) -> Cell {
        Cell::Date(d)
    }
}

/// The UTF-8 byte-order mark, which tells Excel the file is UTF-8.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The characters that make a spreadsheet read a cell as a formula when they start it.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Whether a spreadsheet could read this text as a formula.
pub fn looks_like_formula(text: &str) -> bool {
    text.starts_with(FORMULA_STARTS)
}

/// The text as a spreadsheet must receive it so that it never runs: with a `'` before it when it
/// [looks like a formula](looks_like_formula), unchanged otherwise.
pub fn neutralise(text: &str) -> Cow<'_, str> {
    if looks_like_formula(text) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// Writes a list as CSV: byte-order mark, the header row, then the rows (see the module
/// documentation for the rules).
pub fn write_csv<R>(headers: &[&str], rows: R) -> Vec<u8>
where
    R: IntoIterator<Item = Vec<Cell>>,
{
    let mut out = Vec::with_capacity(4096);
    out.extend_from_slice(BOM);
    let header_cells = headers.iter().map(|h| Cell::text(*h));
    write_row(&mut out, header_cells);
    for row in rows {
        write_row(&mut out, row);
    }
    out
}

fn write_row(out: &mut Vec<u8>, cells: impl IntoIterator<Item = Cell>) {
    let start = out.len();
    for (i, cell) in cells.into_iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        match cell {
            Cell::Text(s) => write_field(out, &neutralise(&s)),
            Cell::Int(n) | Cell::Money(n) => out.extend_from_slice(n.to_string().as_bytes()),
            Cell::Date(d) => out.extend_from_slice(d.format("%d/%m/%Y").to_string().as_bytes()),
            Cell::Empty => {}
        }
    }
    if out.len() == start {
        // A row of one empty field would be an empty line, which readers skip: quote the field.
        out.extend_from_slice(b"\"\"");
    }
    out.extend_from_slice(b"\r\n");
}

/// One field, quoted (RFC 4180) when it holds a comma, a quote or a line break, or starts or ends
/// with white space that a reader might otherwise trim.
fn write_field(out: &mut Vec<u8>, s: &str) {
    let needs_quotes = s.contains([',', '"', '\n', '\r'])
        || s.starts_with(char::is_whitespace)
        || s.ends_with(char::is_whitespace);
    if needs_quotes {
        out.push(b'"');
        out.extend_from_slice(s.replace('"', "\"\"").as_bytes());
        out.push(b'"');
    } else {
        out.extend_from_slice(s.as_bytes());
    }
}
