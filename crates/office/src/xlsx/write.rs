//! Lists out as formatted workbooks ([`ListSheet`]): a bold, filled, bordered header row that stays
//! in view and carries filters, real Excel dates and numbers, columns as wide as their content.

use crate::csv::Cell;
use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};
use std::collections::HashSet;

/// The number format of money: whole đồng with a thousands separator and the sign đ.
///
/// The separator Excel shows is the reader's (Vietnamese settings show "5.000.000 đ", English ones
/// "5,000,000 đ"); forcing dots would need the number to be text, and text cannot be summed. The
/// value itself is always the exact number of đồng.
pub const MONEY_FORMAT: &str = "#,##0 \"đ\"";

/// The number format of dates: day/month/year, as Vietnamese documents write them. Number formats
/// are stored in the file as written, so every Excel shows this order whatever its settings.
pub const DATE_FORMAT: &str = "dd/mm/yyyy";

/// The widest a column gets, in characters; longer text wraps.
pub const MAX_COLUMN_WIDTH: usize = 60;
const MIN_COLUMN_WIDTH: usize = 6;

/// Excel's last row (0-based): a sheet holds 1,048,576 rows, one of them the header.
const MAX_DATA_ROWS: usize = 1_048_575;

/// One sheet of a workbook: a list with a header row (trang tính danh sách).
#[derive(Debug, Clone, PartialEq)]
pub struct ListSheet {
    name: String,
    headers: Vec<String>,
    rows: Vec<Vec<Cell>>,
}

/// Why a workbook could not be written.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum WriteError {
    #[error("Danh sách \"{sheet}\" có {rows} dòng, quá giới hạn {MAX_DATA_ROWS} dòng của một trang tính Excel.")]
    TooManyRows { sheet: String, rows: usize },
    #[error("Không ghi được tệp Excel: {0}")]
    Xlsx(String),
}

impl From<XlsxError> for WriteError {
    fn from(e: XlsxError) -> Self {
        WriteError::Xlsx(e.to_string())
    }
}

impl ListSheet {
    /// A sheet named `name` (shortened and cleaned to what Excel allows) with these column headers.
    pub fn new(name: &str, headers: &[&str]) -> ListSheet {
        ListSheet {
            name: name.to_owned(),
            headers: headers.iter().map(|h| (*h).to_owned()).collect(),
            rows: Vec::new(),
        }
    }

    /// Adds one row.
    pub fn push(&mut self, row: Vec<Cell>) -> &mut ListSheet {
        self.rows.push(row);
        self
    }

    /// Adds rows.
    pub fn with_rows(mut self, rows: impl IntoIterator<Item = Vec<Cell>>) -> ListSheet {
        self.rows.extend(rows);
        self
    }

    pub fn rows(&self) -> &[Vec<Cell>] {
        &self.rows
    }

    /// This sheet alone as an XLSX file.
    pub fn to_xlsx(&self) -> Result<Vec<u8>, WriteError> {
        write_workbook(std::slice::from_ref(self))
    }
}

/// The formats of one workbook, made once.
struct Formats {
    header: Format,
    text: Format,
    wrapped: Format,
    int: Format,
    money: Format,
    date: Format,
}

impl Formats {
    fn new() -> Formats {
        let cell = Format::new()
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::Top);
        Formats {
            header: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_background_color(Color::RGB(0xDDEBF7))
                .set_border(FormatBorder::Thin),
            text: cell.clone(),
            wrapped: cell.clone().set_text_wrap(),
            int: cell.clone().set_num_format("0"),
            money: cell.clone().set_num_format(MONEY_FORMAT),
            date: cell
                .set_num_format(DATE_FORMAT)
                .set_align(FormatAlign::Center),
        }
    }
}

/// Writes several lists as one workbook, one sheet each, in order.
pub fn write_workbook(sheets: &[ListSheet]) -> Result<Vec<u8>, WriteError> {
    let mut workbook = Workbook::new();
    let formats = Formats::new();
    let mut used_names = HashSet::new();
    for sheet in sheets {
        if sheet.rows.len() > MAX_DATA_ROWS {
            return Err(WriteError::TooManyRows {
                sheet: sheet.name.clone(),
                rows: sheet.rows.len(),
            });
        }
        let worksheet = workbook.add_worksheet();
        worksheet.set_name(unique_sheet_name(&sheet.name, &mut used_names))?;
        write_sheet(worksheet, sheet, &formats)?;
    }
    if sheets.is_empty() {
        // A workbook needs a sheet; an empty list still opens.
        workbook.add_worksheet();
    }
    Ok(workbook.save_to_buffer()?)
}

fn write_sheet(ws: &mut Worksheet, sheet: &ListSheet, f: &Formats) -> Result<(), WriteError> {
    let columns = sheet
        .rows
        .iter()
        .map(Vec::len)
        .chain([sheet.headers.len()])
        .max()
        .unwrap_or(0);
    // Widths in characters: the header (bold, so a little wider) and every cell as shown.
    let mut widths: Vec<usize> = (0..columns)
        .map(|c| sheet.headers.get(c).map_or(0, |h| longest_line(h) + 2))
        .collect();
    for row in &sheet.rows {
        for (c, cell) in row.iter().enumerate() {
            widths[c] = widths[c].max(shown_width(cell));
        }
    }
    for (c, header) in sheet.headers.iter().enumerate() {
        ws.write_string_with_format(0, col(c), header, &f.header)?;
    }
    for (r, row) in sheet.rows.iter().enumerate() {
        let r = (r + 1) as u32;
        for (c, cell) in row.iter().enumerate() {
            let (cn, wide) = (col(c), widths[c] > MAX_COLUMN_WIDTH);
            match cell {
                // Always a string, never a formula, whatever it starts with.
                Cell::Text(s) => {
                    let format = if wide || s.contains('\n') {
                        &f.wrapped
                    } else {
                        &f.text
                    };
                    ws.write_string_with_format(r, cn, fit_cell(s).as_ref(), format)?;
                }
                Cell::Int(n) => {
                    ws.write_number_with_format(r, cn, *n as f64, &f.int)?;
                }
                Cell::Money(n) => {
                    ws.write_number_with_format(r, cn, *n as f64, &f.money)?;
                }
                Cell::Date(d) => {
                    ws.write_date_with_format(r, cn, *d, &f.date)?;
                }
                Cell::Empty => {
                    ws.write_blank(r, cn, &f.text)?;
                }
            }
        }
    }
    for (c, width) in widths.iter().enumerate() {
        let width = (*width + 2).clamp(MIN_COLUMN_WIDTH, MAX_COLUMN_WIDTH);
        ws.set_column_width(col(c), width as f64)?;
    }
    if columns > 0 {
        ws.set_freeze_panes(1, 0)?;
        ws.autofilter(0, 0, sheet.rows.len() as u32, col(columns - 1))?;
        // Printed on several pages, each page repeats the header.
        ws.set_repeat_rows(0, 0)?;
    }
    if columns > 6 {
        ws.set_landscape();
    }
    Ok(())
}

fn col(c: usize) -> u16 {
    // Rows are checked against Excel's limit; a list has far fewer than 16,384 columns, and one
    // with more fails in rust_xlsxwriter with its own error.
    u16::try_from(c).unwrap_or(u16::MAX)
}

/// How many characters a cell shows (its longest line).
fn shown_width(cell: &Cell) -> usize {
    match cell {
        Cell::Text(s) => longest_line(s),
        Cell::Int(n) => n.to_string().len(),
        // Digits, a separator every three, " đ".
        Cell::Money(n) => {
            let digits = n.unsigned_abs().to_string().len();
            digits + (digits - 1) / 3 + 2 + usize::from(*n < 0)
        }
        Cell::Date(_) => 10,
        Cell::Empty => 0,
    }
}

/// The most characters an Excel cell holds.
pub const MAX_CELL_CHARS: usize = 32_767;

/// Text as a cell can hold it: longer text (a long audit entry) is cut and ends with a mark saying
/// so, rather than failing the whole workbook.
fn fit_cell(s: &str) -> std::borrow::Cow<'_, str> {
    const MARK: &str = "… [cắt bớt: quá 32.767 ký tự của một ô Excel]";
    if s.chars().count() <= MAX_CELL_CHARS {
        return std::borrow::Cow::Borrowed(s);
    }
    let keep = MAX_CELL_CHARS - MARK.chars().count();
    std::borrow::Cow::Owned(s.chars().take(keep).collect::<String>() + MARK)
}

fn longest_line(s: &str) -> usize {
    s.lines().map(|l| l.chars().count()).max().unwrap_or(0)
}

/// A sheet name Excel accepts: without `[ ] : * ? / \`, not empty, at most 31 characters, not
/// starting or ending with an apostrophe, and not used yet in the workbook (case-insensitive).
fn unique_sheet_name(wanted: &str, used: &mut HashSet<String>) -> String {
    let cleaned: String = wanted
        .chars()
        .map(|c| {
            if "[]:*?/\\".contains(c) || c.is_control() {
                ' '
            } else {
                c
            }
        })
        .collect();
    let cleaned = cleaned.trim().trim_matches('\'').trim();
    let base = if cleaned.is_empty() || cleaned.eq_ignore_ascii_case("history") {
        "Danh sách".to_owned()
    } else {
        cleaned.to_owned()
    };
    let mut n = 1;
    loop {
        let suffix = if n == 1 {
            String::new()
        } else {
            format!(" ({n})")
        };
        let room = 31 - suffix.chars().count();
        let name: String = base
            .chars()
            .take(room)
            .collect::<String>()
            .trim_end()
            .to_owned()
            + &suffix;
        if used.insert(name.to_lowercase()) {
            return name;
        }
        n += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_are_made_acceptable_and_unique() {
        let mut used = HashSet::new();
        assert_eq!(unique_sheet_name("Cá nhân", &mut used), "Cá nhân");
        assert_eq!(unique_sheet_name("cá nhân", &mut used), "cá nhân (2)");
        assert_eq!(
            unique_sheet_name("Năm 2024/2025", &mut used),
            "Năm 2024 2025"
        );
        assert_eq!(unique_sheet_name("  ", &mut used), "Danh sách");
        let long = "Danh sách đề nghị khen thưởng năm 2024 của phường";
        let name = unique_sheet_name(long, &mut used);
        assert!(name.chars().count() <= 31, "{name}");
        let again = unique_sheet_name(long, &mut used);
        assert!(
            again.ends_with(" (2)") && again.chars().count() <= 31,
            "{again}"
        );
    }

    #[test]
    fn text_longer_than_a_cell_is_cut_with_a_mark() {
        let long = "x".repeat(MAX_CELL_CHARS + 10);
        let fitted = fit_cell(&long);
        assert_eq!(fitted.chars().count(), MAX_CELL_CHARS);
        assert!(fitted.ends_with("ô Excel]"));
        assert_eq!(fit_cell("ngắn"), "ngắn");
        let sheet = ListSheet::new("Dài", &["Nội dung"]).with_rows([vec![Cell::Text(long)]]);
        assert!(sheet.to_xlsx().is_ok());
    }

    #[test]
    fn money_width_counts_separators() {
        assert_eq!(
            shown_width(&Cell::Money(5_000_000)),
            "5.000.000 đ".chars().count()
        );
        assert_eq!(shown_width(&Cell::Money(0)), "0 đ".chars().count());
        assert_eq!(
            shown_width(&Cell::Money(-1_000)),
            "-1.000 đ".chars().count()
        );
    }
}
