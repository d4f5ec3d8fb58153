//! Workbooks in: the checks before parsing, the streaming read of one sheet, and the row-by-row
//! validation into a [`Preview`].

use super::cells::{parse_cell, RawCell, Value};
use super::layout::{column_letter, Column, ColumnType, Layout, Mapping};
use crate::legacy::{self, Legacy};
use calamine::{DataRef, Reader, SheetType, SheetVisible, Xlsx};
use chrono::NaiveDate;
use serde::Serialize;
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::hash::Hash;
use std::io::{Cursor, Read};
use thidua_domain::text::fold;

/// What a file may cost before it is refused. The defaults suit the lists offices exchange (a
/// province's staff list is some tens of thousands of rows) with a wide margin.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The largest file accepted, in bytes.
    pub max_file_bytes: u64,
    /// The most rows holding something in the sheet read (the header and the rows above it too).
    pub max_rows: usize,
    /// The largest total size of the zip's entries once inflated, in bytes.
    pub max_uncompressed_bytes: u64,
    /// The largest ratio of inflated to compressed size of one entry (counted for entries of more
    /// than 1 MiB). Real sheets stay far below 100; a zip bomb's entries reach 1000.
    pub max_compression_ratio: u64,
    /// The most entries in the zip.
    pub max_zip_entries: usize,
    /// Cells right of this many columns are not read.
    pub max_columns: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 20 * 1024 * 1024,
            max_rows: 200_000,
            max_uncompressed_bytes: 300 * 1024 * 1024,
            max_compression_ratio: 200,
            max_zip_entries: 10_000,
            max_columns: 200,
        }
    }
}

/// What a file that is not an XLSX workbook turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum FileKind {
    /// An OLE compound file with an `EncryptionInfo` stream: an XLSX saved with a password.
    EncryptedOoxml,
    /// An OLE compound file with a `Workbook` stream: Excel 97–2003 (.xls).
    OldXls,
    /// An OLE compound file of Word 97–2003 (.doc).
    OldDoc,
    /// Another OLE compound file.
    OtherOle,
    Pdf,
    /// A web page (some programs save "Excel" files as HTML tables).
    Html,
    /// XML Spreadsheet 2003.
    XmlSpreadsheet,
    Csv,
    /// Plain text without separators.
    Text,
    /// A Word file (.docx).
    Docx,
    /// An OpenDocument file (.ods, .odt).
    OpenDocument,
    /// A zip archive that is no office file.
    OtherZip,
    Unknown,
}

impl FileKind {
    fn message(self) -> &'static str {
        match self {
            FileKind::EncryptedOoxml => "Tệp Excel được đặt mật khẩu (mã hoá). Hãy mở tệp bằng Excel, bỏ mật khẩu (Tệp → Thông tin → Bảo vệ sổ làm việc → Mã hoá bằng mật khẩu, xoá mật khẩu), lưu lại rồi tải lên.",
            FileKind::OldXls => "Tệp là định dạng Excel cũ (.xls). Hãy mở tệp bằng Excel và lưu lại dạng \"Sổ làm việc Excel (.xlsx)\" rồi tải lên.",
            FileKind::OldDoc => "Tệp là văn bản Word cũ (.doc), không phải bảng tính Excel (.xlsx).",
            FileKind::OtherOle => "Tệp được mã hoá hoặc là định dạng Excel cũ (.xls). Hãy mở tệp bằng Excel, bỏ mật khẩu nếu có, lưu lại dạng .xlsx rồi tải lên.",
            FileKind::Pdf => "Tệp là PDF, không phải bảng tính Excel (.xlsx). Hãy tải lên tệp Excel gốc.",
            FileKind::Html => "Tệp là trang web (HTML) mang đuôi Excel, thường do phần mềm khác xuất ra. Hãy mở tệp bằng Excel và lưu lại dạng \"Sổ làm việc Excel (.xlsx)\" rồi tải lên.",
            FileKind::XmlSpreadsheet => "Tệp là \"XML Spreadsheet 2003\". Hãy mở tệp bằng Excel và lưu lại dạng \"Sổ làm việc Excel (.xlsx)\" rồi tải lên.",
            FileKind::Csv => "Tệp là văn bản CSV, không phải bảng tính Excel (.xlsx). Hãy mở tệp bằng Excel và lưu lại dạng .xlsx rồi tải lên.",
            FileKind::Text => "Tệp là văn bản thuần, không phải bảng tính Excel (.xlsx).",
            FileKind::Docx => "Tệp là văn bản Word (.docx), không phải bảng tính Excel (.xlsx).",
            FileKind::OpenDocument => "Tệp là định dạng OpenDocument (.ods/.odt). Hãy mở bằng LibreOffice hoặc Excel và lưu lại dạng .xlsx rồi tải lên.",
            FileKind::OtherZip => "Tệp nén (.zip) không phải là bảng tính Excel (.xlsx).",
            FileKind::Unknown => "Tệp không phải là bảng tính Excel (.xlsx).",
        }
    }
}

/// Why a workbook was refused. Every message is Vietnamese and tells the user what to do.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ReadError {
    #[error("Tệp rỗng (0 byte). Hãy chọn lại tệp.")]
    Empty,
    #[error("Tệp quá lớn ({size_mb} MB); chỉ nhận tệp đến {limit_mb} MB. Hãy chia danh sách thành nhiều tệp.")]
    TooLarge { size_mb: u64, limit_mb: u64 },
    #[error("{}", .0.message())]
    NotXlsx(FileKind),
    #[error("Tệp có cấu trúc nén bất thường ({reason}) nên không được mở. Hãy mở tệp bằng Excel, lưu lại rồi tải lên.")]
    ZipBomb { reason: String },
    #[error("Tệp Excel bị hỏng, không đọc được. Hãy mở tệp bằng Excel, lưu lại rồi tải lên.")]
    Corrupt {
        /// The technical reason, for logs.
        detail: String,
    },
    #[error("Tệp không có trang tính nào.")]
    NoSheet,
    #[error("Không có trang tính \"{0}\" trong tệp.")]
    SheetNotFound(String),
    #[error("Trang tính có hơn {limit} dòng có dữ liệu; hãy chia danh sách thành nhiều tệp.")]
    TooManyRows { limit: usize },
    #[error("Không tìm thấy dòng tiêu đề của {layout}. Các cột cần có: {expected}.")]
    HeaderNotFound {
        layout: &'static str,
        expected: String,
    },
}

const MIB: u64 = 1024 * 1024;

/// Checks a file before it is parsed: not empty, not too large, really an XLSX workbook (and
/// otherwise what it is), and a zip whose entries inflate to what they declare, within the limits.
pub fn check_file(bytes: &[u8], limits: &Limits) -> Result<(), ReadError> {
    if bytes.is_empty() {
        return Err(ReadError::Empty);
    }
    let size = bytes.len() as u64;
    if size > limits.max_file_bytes {
        return Err(ReadError::TooLarge {
            size_mb: size.div_ceil(MIB),
            limit_mb: limits.max_file_bytes / MIB,
        });
    }
    if !bytes.starts_with(b"PK\x03\x04") && !bytes.starts_with(b"PK\x05\x06") {
        return Err(ReadError::NotXlsx(sniff(bytes)));
    }
    inspect_zip(bytes, limits, false).map(|_| ())
}

/// Like [`check_file`], but a Word file (.docx) passes too: the lists that may come as the table of
/// a proposal letter (nominations). Answers whether the file is a Word file.
pub fn check_file_or_word(bytes: &[u8], limits: &Limits) -> Result<bool, ReadError> {
    match check_file(bytes, limits) {
        Err(ReadError::NotXlsx(FileKind::Docx)) => inspect_zip(bytes, limits, true),
        other => other.map(|_| false),
    }
}

const OLE_MAGIC: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

/// What a file that does not start like a zip is.
fn sniff(bytes: &[u8]) -> FileKind {
    if bytes.starts_with(OLE_MAGIC) {
        // The names of an OLE file's streams are UTF-16 in its directory.
        let has = |name: &str| {
            let pattern: Vec<u8> = name.encode_utf16().flat_map(u16::to_le_bytes).collect();
            bytes
                .windows(pattern.len())
                .any(|w| w == pattern.as_slice())
        };
        return if has("EncryptionInfo") || has("EncryptedPackage") {
            FileKind::EncryptedOoxml
        } else if has("Workbook") || has("Book") {
            FileKind::OldXls
        } else if has("WordDocument") {
            FileKind::OldDoc
        } else {
            FileKind::OtherOle
        };
    }
    if bytes.starts_with(b"%PDF-") {
        return FileKind::Pdf;
    }
    let head = &bytes[..bytes.len().min(4096)];
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    // Text: UTF-8 (perhaps cut in the middle of a character at the end) or a legacy code page, and
    // no NUL bytes.
    if head.contains(&0) {
        return FileKind::Unknown;
    }
    let text = match std::str::from_utf8(head) {
        Ok(t) => t.to_owned(),
        Err(e) if head.len() - e.valid_up_to() < 4 => {
            String::from_utf8_lossy(&head[..e.valid_up_to()]).into_owned()
        }
        // Windows-1252 and its like: bytes above 0x7F read as Latin-1 are still text.
        Err(_) => head.iter().map(|&b| b as char).collect(),
    };
    if text.chars().any(|c| c.is_control() && !c.is_whitespace()) {
        return FileKind::Unknown;
    }
    let lower = text.trim_start().to_lowercase();
    if lower.starts_with('<') {
        if lower.contains("urn:schemas-microsoft-com:office:spreadsheet")
            && !lower.contains("<html")
        {
            return FileKind::XmlSpreadsheet;
        }
        if [
            "<html",
            "<!doctype html",
            "<table",
            "<meta",
            "<head",
            "<body",
        ]
        .iter()
        .any(|t| lower.contains(t))
        {
            return FileKind::Html;
        }
    }
    let first_line = text.lines().next().unwrap_or("");
    if [',', ';', '\t'].iter().any(|s| first_line.contains(*s)) {
        FileKind::Csv
    } else {
        FileKind::Text
    }
}

/// Reads the zip's directory, then inflates every entry into nothing, counting: the directory may
/// lie about sizes, the inflated bytes cannot.
fn inspect_zip(bytes: &[u8], limits: &Limits, word: bool) -> Result<bool, ReadError> {
    let corrupt = |e: zip::result::ZipError| ReadError::Corrupt {
        detail: e.to_string(),
    };
    let bomb = |reason: String| ReadError::ZipBomb { reason };
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(corrupt)?;
    if archive.len() > limits.max_zip_entries {
        return Err(bomb(format!("{} tệp con", archive.len())));
    }
    let mut declared: u64 = 0;
    let mut names = Vec::with_capacity(archive.len());
    for i in 0..archive.len() {
        let entry = archive.by_index_raw(i).map_err(corrupt)?;
        if entry.encrypted() {
            return Err(ReadError::NotXlsx(FileKind::EncryptedOoxml));
        }
        let (size, compressed) = (entry.size(), entry.compressed_size());
        if size > MIB && size / compressed.max(1) > limits.max_compression_ratio {
            return Err(bomb(format!("tỉ lệ nén {}:1", size / compressed.max(1))));
        }
        declared = declared.saturating_add(size);
        names.push(entry.name().map_err(corrupt)?.into_owned());
    }
    if declared > limits.max_uncompressed_bytes {
        return Err(bomb(format!("giải nén ra {} MB", declared.div_ceil(MIB))));
    }
    let has = |name: &str| names.iter().any(|n| n.eq_ignore_ascii_case(name));
    let is_word = word && has("word/document.xml") && !has("xl/workbook.xml");
    if !has("xl/workbook.xml") && !is_word {
        return Err(ReadError::NotXlsx(if has("word/document.xml") {
            FileKind::Docx
        } else if has("mimetype") && has("content.xml") {
            FileKind::OpenDocument
        } else if has("xl/workbook.bin") {
            // Excel binary workbook (.xlsb).
            FileKind::Unknown
        } else {
            FileKind::OtherZip
        }));
    }
    let mut inflated: u64 = 0;
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).map_err(corrupt)?;
        let size = entry.size();
        let read = std::io::copy(
            &mut (&mut entry).take(size.saturating_add(1)),
            &mut std::io::sink(),
        )
        .map_err(|e| {
            // The zip crate itself stops an entry that inflates beyond its declared size.
            if e.to_string().contains("declared") {
                bomb("kích thước khai báo sai".to_owned())
            } else {
                ReadError::Corrupt {
                    detail: e.to_string(),
                }
            }
        })?;
        if read > size {
            return Err(bomb("kích thước khai báo sai".to_owned()));
        }
        inflated += read;
        if inflated > limits.max_uncompressed_bytes {
            return Err(bomb(format!(
                "giải nén ra hơn {} MB",
                limits.max_uncompressed_bytes / MIB
            )));
        }
    }
    Ok(is_word)
}

/// One row of a sheet that holds something: its number as Excel shows it (1-based) and its
/// non-empty cells, left to right, by column index (0 for A).
#[derive(Debug, Clone, PartialEq)]
pub struct TableRow {
    pub row_number: u32,
    pub cells: Vec<(usize, RawCell)>,
}

impl TableRow {
    pub fn cell(&self, column: usize) -> Option<&RawCell> {
        self.cells
            .iter()
            .find(|(c, _)| *c == column)
            .map(|(_, v)| v)
    }
}

/// The non-empty rows of one sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// The sheet read.
    pub sheet: String,
    /// All worksheets of the workbook, in order (for a choice of sheet).
    pub sheet_names: Vec<String>,
    pub rows: Vec<TableRow>,
}

/// Checks the file ([`check_file`]) and reads one sheet: the named one, or the first visible
/// worksheet. Only cells holding something are kept; empty rows, however many and however
/// formatted, are skipped as they stream by, whatever the sheet's declared dimensions say.
pub fn read_table(bytes: &[u8], limits: &Limits, sheet: Option<&str>) -> Result<Table, ReadError> {
    check_file(bytes, limits)?;
    let corrupt = |e: calamine::XlsxError| ReadError::Corrupt {
        detail: e.to_string(),
    };
    let mut workbook: Xlsx<Cursor<&[u8]>> = Xlsx::new(Cursor::new(bytes)).map_err(corrupt)?;
    let worksheets: Vec<(String, bool)> = workbook
        .sheets_metadata()
        .iter()
        .filter(|s| s.typ == SheetType::WorkSheet)
        .map(|s| (s.name.clone(), s.visible == SheetVisible::Visible))
        .collect();
    let name = match sheet {
        Some(wanted) => worksheets
            .iter()
            .find(|(n, _)| n == wanted)
            .map(|(n, _)| n.clone())
            .ok_or_else(|| ReadError::SheetNotFound(wanted.to_owned()))?,
        None => worksheets
            .iter()
            .find(|(_, visible)| *visible)
            .or(worksheets.first())
            .map(|(n, _)| n.clone())
            .ok_or(ReadError::NoSheet)?,
    };
    let mut rows: BTreeMap<u32, Vec<(usize, RawCell)>> = BTreeMap::new();
    {
        let mut reader = workbook.worksheet_cells_reader(&name).map_err(corrupt)?;
        while let Some(cell) = reader.next_cell().map_err(corrupt)? {
            let (r, c) = cell.get_position();
            let column = c as usize;
            if column >= limits.max_columns {
                continue;
            }
            let Some(raw) = raw_cell(cell.get_value()) else {
                continue;
            };
            if raw.is_blank() {
                continue;
            }
            rows.entry(r).or_default().push((column, raw));
            if rows.len() > limits.max_rows {
                return Err(ReadError::TooManyRows {
                    limit: limits.max_rows,
                });
            }
        }
    }
    Ok(Table {
        sheet: name,
        sheet_names: worksheets.into_iter().map(|(n, _)| n).collect(),
        rows: rows
            .into_iter()
            .map(|(r, mut cells)| {
                cells.sort_by_key(|(c, _)| *c);
                cells.dedup_by_key(|(c, _)| *c);
                TableRow {
                    row_number: r + 1,
                    cells,
                }
            })
            .collect(),
    })
}

fn raw_cell(value: &DataRef<'_>) -> Option<RawCell> {
    Some(match value {
        DataRef::Empty => return None,
        DataRef::Int(n) => RawCell::Int(*n),
        DataRef::Float(f) => RawCell::Float(*f),
        DataRef::String(s) => RawCell::Text(s.clone()),
        DataRef::SharedString(s) => RawCell::Text((*s).to_owned()),
        DataRef::Bool(b) => RawCell::Bool(*b),
        DataRef::DateTime(dt) if dt.is_datetime() => {
            let (y, m, d, ..) = dt.to_ymd_hms_milli();
            RawCell::Date(NaiveDate::from_ymd_opt(
                i32::from(y),
                u32::from(m),
                u32::from(d),
            ))
        }
        DataRef::DateTime(dt) => RawCell::Float(dt.as_f64()),
        DataRef::DateTimeIso(s) => match s.get(..10).map(super::cells::parse_date_text) {
            Some(Ok(d)) => RawCell::Date(Some(d)),
            _ => RawCell::Text(s.clone()),
        },
        DataRef::DurationIso(s) => RawCell::Text(s.clone()),
        DataRef::Error(e) => RawCell::Error(e.to_string()),
    })
}

/// A header cell of the sheet and the field it was mapped to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HeaderCell {
    pub index: usize,
    pub letter: String,
    pub text: String,
    pub key: Option<&'static str>,
}

/// A required column that no sheet column holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MissingColumn {
    pub key: &'static str,
    pub header: &'static str,
}

/// A row that passed: its number as Excel shows it and its values by field key (empty cells have
/// no entry).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ParsedRow {
    pub row_number: u32,
    pub values: BTreeMap<&'static str, Value>,
}

impl ParsedRow {
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.values.get(key)
    }

    pub fn text(&self, key: &str) -> Option<&str> {
        self.get(key).and_then(Value::as_text)
    }

    pub fn date(&self, key: &str) -> Option<NaiveDate> {
        match self.get(key) {
            Some(Value::Date(d)) => Some(*d),
            _ => None,
        }
    }

    /// An [`Value::Int`] or [`Value::Money`].
    pub fn number(&self, key: &str) -> Option<i64> {
        match self.get(key) {
            Some(Value::Int(n) | Value::Money(n)) => Some(*n),
            _ => None,
        }
    }
}

/// Something wrong in a row (lỗi). `column_letter` and `column_header` are empty when the problem
/// is the row's as a whole (a duplicate).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub row: u32,
    pub column_letter: String,
    pub column_header: String,
    pub message_vi: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.column_letter.is_empty() {
            write!(f, "Dòng {}: {}", self.row, self.message_vi)
        } else {
            write!(
                f,
                "Dòng {}, cột {} ({}): {}",
                self.row, self.column_letter, self.column_header, self.message_vi
            )
        }
    }
}

/// A column whose text was typed in a legacy encoding and was converted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LegacyNote {
    pub column_letter: String,
    pub column_header: String,
    pub encoding: &'static str,
    pub cells: usize,
}

/// What an import would write, and everything that stops it (xem trước).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Preview {
    pub layout: &'static str,
    pub sheet: String,
    /// The header row's number as Excel shows it.
    pub header_row: u32,
    pub headers: Vec<HeaderCell>,
    pub mapping: Mapping,
    pub missing: Vec<MissingColumn>,
    /// The rows without problems.
    pub rows: Vec<ParsedRow>,
    pub problems: Vec<Problem>,
    pub legacy: Vec<LegacyNote>,
    /// The first row of the signature block or totals below the list, which was not read.
    pub ignored_from_row: Option<u32>,
}

impl Preview {
    /// Nothing stops the import: every required column is there and no row has a problem.
    pub fn is_clean(&self) -> bool {
        self.missing.is_empty() && self.problems.is_empty()
    }

    /// Reports rows with the same key (as `key` computes it; `None` takes a row out of the check):
    /// each row of a group gets a problem naming the other rows. `what` names the key in the
    /// message ("họ tên và ngày sinh"). Returns the number of rows involved.
    pub fn report_duplicates<K, F>(&mut self, what: &str, key: F) -> usize
    where
        K: Eq + Hash,
        F: Fn(&ParsedRow) -> Option<K>,
    {
        let mut groups: HashMap<K, Vec<u32>> = HashMap::new();
        for row in &self.rows {
            if let Some(k) = key(row) {
                groups.entry(k).or_default().push(row.row_number);
            }
        }
        let mut involved: Vec<(u32, Vec<u32>)> = Vec::new();
        for rows in groups.into_values().filter(|g| g.len() > 1) {
            for &r in &rows {
                involved.push((r, rows.iter().copied().filter(|o| *o != r).collect()));
            }
        }
        involved.sort();
        let count = involved.len();
        let bad: Vec<u32> = involved.iter().map(|(r, _)| *r).collect();
        for (row, others) in involved {
            let others: Vec<String> = others.iter().map(u32::to_string).collect();
            self.problems.push(Problem {
                row,
                column_letter: String::new(),
                column_header: String::new(),
                message_vi: format!("trùng {what} với dòng {}", others.join(", ")),
            });
        }
        self.rows.retain(|r| !bad.contains(&r.row_number));
        self.problems.sort_by_key(|p| p.row);
        count
    }
}

/// How many rows from the top are searched for the header (titles, the issuing body and the date
/// often come first).
const HEADER_SEARCH_ROWS: usize = 30;

impl Table {
    /// The index (in [`Table::rows`]) of the row that names the most columns of the layout, if it
    /// names at least two (or one, for a layout of one column).
    pub fn find_header(&self, layout: &Layout) -> Option<usize> {
        let need = if layout.columns.len() == 1 { 1 } else { 2 };
        let mut best: Option<(usize, usize)> = None;
        for (i, row) in self.rows.iter().take(HEADER_SEARCH_ROWS).enumerate() {
            let texts = header_texts(row);
            let mut keys: Vec<&str> = texts
                .iter()
                .filter_map(|(_, t)| layout.column_for_header(t).map(|c| c.key))
                .collect();
            keys.sort();
            keys.dedup();
            if keys.len() >= need && best.is_none_or(|(_, n)| keys.len() > n) {
                best = Some((i, keys.len()));
            }
        }
        best.map(|(i, _)| i)
    }

    /// Validates every row under the header against the layout. `mapping` overrides the mapping
    /// guessed from the headers (after a user corrected a preview).
    pub fn preview(
        &self,
        layout: &'static Layout,
        mapping: Option<&Mapping>,
    ) -> Result<Preview, ReadError> {
        let header_index = self
            .find_header(layout)
            .ok_or_else(|| ReadError::HeaderNotFound {
                layout: layout.title,
                expected: layout
                    .columns
                    .iter()
                    .filter(|c| c.required)
                    .map(|c| c.header)
                    .collect::<Vec<_>>()
                    .join(", "),
            })?;
        let header_row = &self.rows[header_index];
        let texts = header_texts(header_row);
        let width = texts.iter().map(|(c, _)| c + 1).max().unwrap_or(0);
        let mut header_strings = vec![String::new(); width];
        for (c, t) in &texts {
            header_strings[*c] = t.clone();
        }
        let mapping = match mapping {
            Some(m) => m.clone(),
            None => Mapping::guess(layout, &header_strings),
        };
        let header_of = |index: usize| -> String {
            match header_strings.get(index).filter(|h| !h.is_empty()) {
                Some(h) => h.clone(),
                None => mapping
                    .key_at(index)
                    .and_then(|k| layout.column(k))
                    .map_or_else(String::new, |c| c.header.to_owned()),
            }
        };
        let headers = texts
            .iter()
            .map(|(c, t)| HeaderCell {
                index: *c,
                letter: column_letter(*c),
                text: t.clone(),
                key: mapping.key_at(*c),
            })
            .collect();
        let missing: Vec<MissingColumn> = mapping
            .missing_required(layout)
            .into_iter()
            .map(|c| MissingColumn {
                key: c.key,
                header: c.header,
            })
            .collect();
        let columns: Vec<(usize, &'static Column)> = mapping
            .pairs()
            .into_iter()
            .filter_map(|(i, k)| layout.column(k).map(|c| (i, c)))
            .collect();

        let mut data: &[TableRow] = &self.rows[header_index + 1..];
        if data.first().is_some_and(is_numbering_row) {
            data = &data[1..];
        }
        let conversions = legacy_columns(data, &columns);

        let mut preview = Preview {
            layout: layout.code,
            sheet: self.sheet.clone(),
            header_row: header_row.row_number,
            headers,
            mapping: mapping.clone(),
            missing,
            rows: Vec::new(),
            problems: Vec::new(),
            legacy: Vec::new(),
            ignored_from_row: None,
        };
        let mut converted_cells: HashMap<usize, usize> = HashMap::new();
        for row in data {
            let mut values = BTreeMap::new();
            let mut problems = Vec::new();
            let mut any = false;
            for &(index, column) in &columns {
                let problem = |message: String| Problem {
                    row: row.row_number,
                    column_letter: column_letter(index),
                    column_header: header_of(index),
                    message_vi: message,
                };
                let raw = row.cell(index);
                let raw = match (raw, conversions.get(&index)) {
                    (Some(RawCell::Text(s)), Some(&encoding))
                        if legacy::evidence(s, encoding).allows() =>
                    {
                        *converted_cells.entry(index).or_default() += 1;
                        Some(Cow::Owned(RawCell::Text(legacy::to_unicode(s, encoding))))
                    }
                    (raw, _) => raw.map(Cow::Borrowed),
                };
                match raw.as_deref().map(|r| parse_cell(r, column)) {
                    Some(Ok(Some(value))) => {
                        any = true;
                        values.insert(column.key, value);
                    }
                    Some(Err(message)) => {
                        any = true;
                        problems.push(problem(message));
                    }
                    Some(Ok(None)) | None => {
                        if column.required {
                            problems
                                .push(problem(format!("chưa có {}", column.header.to_lowercase())));
                        }
                    }
                }
            }
            if !any {
                // Nothing in the mapped columns: a spacer or a note beside the list.
                continue;
            }
            if !problems.is_empty() && !preview.rows.is_empty() && is_footer(row) {
                preview.ignored_from_row = Some(row.row_number);
                break;
            }
            if problems.is_empty() {
                preview.rows.push(ParsedRow {
                    row_number: row.row_number,
                    values,
                });
            } else {
                preview.problems.extend(problems);
            }
        }
        let mut notes: Vec<LegacyNote> = conversions
            .iter()
            .filter_map(|(&index, &encoding)| {
                let cells = converted_cells.get(&index).copied().unwrap_or(0);
                (cells > 0).then(|| LegacyNote {
                    column_letter: column_letter(index),
                    column_header: header_of(index),
                    encoding: encoding.label(),
                    cells,
                })
            })
            .collect();
        notes.sort_by(|a, b| {
            a.column_letter
                .len()
                .cmp(&b.column_letter.len())
                .then(a.column_letter.cmp(&b.column_letter))
        });
        preview.legacy = notes;
        Ok(preview)
    }
}

/// The texts of a header row, converted from a legacy encoding when the row is typed in one.
fn header_texts(row: &TableRow) -> Vec<(usize, String)> {
    let texts: Vec<(usize, String)> = row.cells.iter().map(|(c, v)| (*c, v.shown())).collect();
    let joined: Vec<&str> = texts.iter().map(|(_, t)| t.as_str()).collect();
    match legacy::detect(&joined.join("\n")) {
        Some(encoding) => texts
            .into_iter()
            .map(|(c, t)| (c, legacy::to_unicode(&t, encoding)))
            .collect(),
        None => texts,
    }
}

/// The legacy encoding of each text column whose cells, taken together, are typed in one.
fn legacy_columns(
    rows: &[TableRow],
    columns: &[(usize, &'static Column)],
) -> HashMap<usize, Legacy> {
    let mut out = HashMap::new();
    for &(index, column) in columns {
        if !matches!(column.kind, ColumnType::Text | ColumnType::Enum(_)) {
            continue;
        }
        let texts = rows.iter().filter_map(|r| match r.cell(index) {
            Some(RawCell::Text(s)) => Some(s.as_str()),
            _ => None,
        });
        if let Some(encoding) = legacy::detect_column(texts) {
            out.insert(index, encoding);
        }
    }
    out
}

/// A row under the header that numbers the columns: "1 2 3 …" or "(1) (2) (3) …".
fn is_numbering_row(row: &TableRow) -> bool {
    let numbers: Vec<i64> = row
        .cells
        .iter()
        .filter_map(|(_, v)| match v {
            RawCell::Int(n) => Some(*n),
            RawCell::Float(f) if f.fract() == 0.0 => Some(*f as i64),
            RawCell::Text(s) => s
                .trim()
                .trim_start_matches('(')
                .trim_end_matches(')')
                .parse()
                .ok(),
            _ => None,
        })
        .collect();
    numbers.len() >= 2
        && numbers.len() == row.cells.len()
        && numbers.windows(2).all(|w| w[1] == w[0] + 1)
}

/// The folded beginnings of the lines that come under a list: totals, signatures, the place and
/// date of signing.
const FOOTER_STARTS: &[&str] = &[
    "tong cong",
    "tong so",
    "cong:",
    "nguoi lap",
    "nguoi ky",
    "thu truong",
    "xac nhan",
    "ky ten",
    "ky, ghi ro",
    "tm.",
    "tm ",
    "t/m",
    "kt.",
    "kt ",
    "q.",
    "giam doc",
    "chu tich",
    "noi nhan",
];

/// Whether a row (that failed validation) is the start of what comes under a list rather than a
/// row of it.
fn is_footer(row: &TableRow) -> bool {
    row.cells.iter().any(|(_, v)| {
        let RawCell::Text(s) = v else { return false };
        let f = fold(s);
        FOOTER_STARTS.iter().any(|m| f.starts_with(m))
            || f.find("ngay").is_some_and(|d| {
                f[d..]
                    .find("thang")
                    .is_some_and(|t| f[d + t..].contains("nam"))
            })
    })
}

/// Reads a workbook's first visible sheet and validates it against a layout with the mapping its
/// headers suggest: [`read_table`] then [`Table::preview`].
pub fn preview(
    bytes: &[u8],
    layout: &'static Layout,
    limits: &Limits,
) -> Result<Preview, ReadError> {
    read_table(bytes, limits, None)?.preview(layout, None)
}
