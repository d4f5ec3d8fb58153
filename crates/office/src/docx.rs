//! Official documents (văn bản hành chính) as DOCX in the layout of Nghị định 30/2020/NĐ-CP: the
//! dispatch (công văn), the plan (kế hoạch, also joint with two issuers) and the award decision
//! (quyết định khen thưởng) with its attached list, editable in Word and LibreOffice.
//!
//! Why hand-written XML in a zip and not a DOCX library: the layout of Nghị định 30 needs a few
//! exact things (a borderless heading table with two or three columns, short rules under the
//! issuer and the motto, page numbers from page 2 through `titlePg`, repeated table headers) that
//! are a handful of well-known WordprocessingML elements, while the administrator's templates
//! ([`template`]) must be read, changed and written back anyway, which no generator library does.
//! So one small writer ([`render`]) produces the parts as strings in one pass (linear in the size
//! of the document: a decision with thousands of awardees is a few MB of XML), and the `zip` crate
//! packs them. The parts are the minimal set Word and LibreOffice both open without repair:
//! `[Content_Types].xml`, `_rels/.rels`, `docProps/core.xml`, `docProps/app.xml`,
//! `word/document.xml`, `word/styles.xml`, `word/settings.xml`, `word/fontTable.xml`,
//! `word/header1.xml` (page number), `word/header2.xml` (empty first page header) and
//! `word/_rels/document.xml.rels`.
//!
//! Page: A4 portrait, margins top and bottom 20 mm, left 30 mm, right 15 mm; Times New Roman
//! (LibreOffice substitutes the metric-compatible Liberation Serif), body 14 pt, headings 12–13 pt.

use chrono::{Datelike, NaiveDate};

pub mod award;
pub mod document_template;
pub mod examples;
mod package;
mod render;
pub mod template;
pub mod words;

pub use award::{AwardDecision, Awardee};
pub use render::render;
pub use words::{amount_in_words, number_in_words, thousands};

/// What can go wrong while making or filling an office file (lỗi tệp văn phòng). Messages are
/// Vietnamese and name the field, row or placeholder concerned.
// Lives here until the crate has a shared error module; `pdf` uses it too.
#[derive(Debug, thiserror::Error)]
pub enum OfficeError {
    /// The data cannot make a valid document (a missing signer, a negative amount, …).
    #[error("{0}")]
    Invalid(String),
    /// A template file that is not a DOCX, or whose XML cannot be read.
    #[error("Tệp mẫu không đọc được: {0}")]
    Template(String),
    /// The library that writes the file failed (should not happen; logged with its detail).
    #[error("Không tạo được tệp: {0}")]
    Write(String),
}

/// The body that issues a document (cơ quan ban hành), as its heading prints it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issuer {
    /// The superior body (cơ quan chủ quản), e.g. "UBND TỈNH LÀO CAI"; printed above in regular type.
    pub parent: Option<String>,
    /// The issuing body, e.g. "ỦY BAN NHÂN DÂN THÀNH PHỐ LÀO CAI"; printed in bold capitals.
    pub name: String,
}

/// The number and symbol (số, ký hiệu) of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reference {
    /// A registered document: "941/UBND-NV".
    Issued(String),
    /// A draft whose number the clerk writes in at registration: only the symbol, "UBND-NV".
    Draft {
        /// The symbol after the slash.
        symbol: String,
    },
    /// A paper that carries no number (a personal achievement report, Mẫu số 03): no "Số:" line.
    Unnumbered,
}

impl Reference {
    /// The line as printed: "Số: 941/UBND-NV", or "Số:      /UBND-NV" for a draft.
    pub fn printed(&self) -> String {
        match self {
            Reference::Issued(r) => format!("Số: {r}"),
            Reference::Draft { symbol } => format!("Số:      /{symbol}"),
            Reference::Unnumbered => String::new(),
        }
    }
}

/// A date that may still be partly blank (ngày tháng năm): drafts leave the day, sometimes the
/// month, for the signing day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PartialDate {
    /// The year, always known.
    pub year: i32,
    /// 1–12, or `None` for a blank.
    pub month: Option<u32>,
    /// 1–31, or `None` for a blank.
    pub day: Option<u32>,
}

impl PartialDate {
    /// A date with only its year and month, for a draft: "ngày    tháng 3 năm 2023".
    pub fn month_of(year: i32, month: u32) -> Self {
        PartialDate {
            year,
            month: Some(month),
            day: None,
        }
    }

    /// "ngày 05 tháng 02 năm 2023", "ngày 15 tháng 3 năm 2023", "ngày    tháng 3 năm 2023".
    /// Nghị định 30 (Phụ lục I, mục II.5): a day below 10 and the months 1 and 2 take a leading zero.
    pub fn printed(&self) -> String {
        const BLANK: &str = "    ";
        let day = match self.day {
            Some(d) => format!("{d:02}"),
            None => BLANK.to_string(),
        };
        let month = match self.month {
            Some(m) if m <= 2 => format!("{m:02}"),
            Some(m) => m.to_string(),
            None => BLANK.to_string(),
        };
        format!("ngày {day} tháng {month} năm {}", self.year)
    }
}

impl From<NaiveDate> for PartialDate {
    fn from(d: NaiveDate) -> Self {
        PartialDate {
            year: d.year(),
            month: Some(d.month()),
            day: Some(d.day()),
        }
    }
}

/// How a table column lines up its cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Text.
    Left,
    /// Numbers in order (STT), short codes.
    Center,
    /// Money and counts.
    Right,
}

/// A column of a [`Table`]: its header and its share of the text width.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// Header text, e.g. "Họ và tên".
    pub header: String,
    /// Relative width; the widths of a table are scaled to the text width.
    pub weight: u32,
    /// Alignment of the cells below the header.
    pub align: Align,
}

impl Column {
    /// A column with its header, weight and alignment.
    pub fn new(header: &str, weight: u32, align: Align) -> Self {
        Column {
            header: header.to_string(),
            weight,
            align,
        }
    }
}

/// A table with a header row repeated on every page (bảng), for lists attached to a decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// The columns.
    pub columns: Vec<Column>,
    /// The rows, one text per column.
    pub rows: Vec<Vec<String>>,
    /// A last row in bold ("Tổng cộng"): its first text spans all columns but the last, which
    /// holds the total.
    pub total: Option<(String, String)>,
}

/// One block of a document's body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A justified paragraph with a first-line indent.
    Paragraph(String),
    /// A numbered item: "1." then its text, as one paragraph.
    Item {
        /// "1.", "a)", "-".
        label: String,
        /// The item's text.
        text: String,
    },
    /// An article of a decision: "Điều 1." in bold, then its text.
    Article {
        /// "Điều 1."
        label: String,
        /// The article's text.
        text: String,
    },
    /// A heading in bold capitals at the left: "I. MỤC ĐÍCH, YÊU CẦU".
    Heading(String),
    /// A centred line, e.g. the deciding authority "CHỦ TỊCH ỦY BAN NHÂN DÂN …" or "QUYẾT ĐỊNH:".
    Centered {
        /// The text.
        text: String,
        /// Bold or regular.
        bold: bool,
    },
    /// A legal basis (căn cứ) in italics: "Căn cứ Luật Thi đua, Khen thưởng ngày 15/6/2022;".
    Basis(String),
    /// A table.
    Table(Table),
}

/// A signature block (chữ ký): authority, title and name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signer {
    /// "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"; `None` when the holder signs in their own name.
    pub authority: Option<String>,
    /// "CHỦ TỊCH", "PHÓ CHỦ TỊCH".
    pub title: String,
    /// "Hoàng Đăng Khoa".
    pub name: String,
}

/// A list attached on a new page (phụ lục, danh sách kèm theo).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Appendix {
    /// "DANH SÁCH CÁ NHÂN ĐƯỢC TẶNG GIẤY KHEN".
    pub title: String,
    /// "(Kèm theo Quyết định số 123/QĐ-UBND ngày 15/12/2023 của Chủ tịch UBND thành phố Lào Cai)".
    pub subtitle: Option<String>,
    /// The list and what follows it ("Bằng chữ: …").
    pub blocks: Vec<Block>,
}

/// An official document (văn bản) with every part Nghị định 30 asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfficialDocument {
    /// One issuer, or two for a joint document (printed side by side, the lead issuer first);
    /// none for a paper a person writes (Mẫu số 03), whose heading is the national title alone,
    /// centred, and which then has no number ([`Reference::Unnumbered`]).
    pub issuers: Vec<Issuer>,
    /// Number and symbol.
    pub reference: Reference,
    /// Place name (địa danh): "TP. Lào Cai".
    pub place: String,
    /// The date of issue, possibly blank in parts.
    pub date: PartialDate,
    /// The kind as a title: "KẾ HOẠCH", "QUYẾT ĐỊNH"; `None` for a dispatch (công văn).
    pub kind_title: Option<String>,
    /// The summary (trích yếu): "V/v …" under the number for a dispatch, in bold under the kind
    /// title otherwise.
    pub summary: String,
    /// Addressees after "Kính gửi:" (each with its own punctuation); empty for none.
    pub addressees: Vec<String>,
    /// The body.
    pub body: Vec<Block>,
    /// One signature block, or two side by side for a joint document.
    pub signers: Vec<Signer>,
    /// The distribution list after "Nơi nhận:" (each with its own punctuation).
    pub recipients: Vec<String>,
    /// A list on its own page after the signature.
    pub appendix: Option<Appendix>,
}

impl OfficialDocument {
    /// The title Word shows for the file: the kind and the summary.
    pub fn file_title(&self) -> String {
        match &self.kind_title {
            Some(kind) => format!("{kind} {}", self.summary),
            None => self.summary.clone(),
        }
    }

    /// Checks what a printed document cannot do without.
    pub fn validate(&self) -> Result<(), OfficeError> {
        let personal = self.issuers.is_empty() && self.reference == Reference::Unnumbered;
        if (self.issuers.is_empty() && !personal) || self.issuers.len() > 2 {
            return Err(OfficeError::Invalid(
                "Cơ quan ban hành: cần một cơ quan, hoặc hai cơ quan cho văn bản liên tịch.".into(),
            ));
        }
        if self.issuers.iter().any(|i| i.name.trim().is_empty()) {
            return Err(OfficeError::Invalid(
                "Cơ quan ban hành: tên cơ quan không được để trống.".into(),
            ));
        }
        if self.signers.is_empty() || self.signers.len() > 2 {
            return Err(OfficeError::Invalid(
                "Người ký: cần một người ký, hoặc hai người ký cho văn bản liên tịch.".into(),
            ));
        }
        if let Some(m) = self.date.month {
            if !(1..=12).contains(&m) {
                return Err(OfficeError::Invalid(format!(
                    "Ngày ban hành: tháng {m} không hợp lệ."
                )));
            }
        }
        if let Some(d) = self.date.day {
            if !(1..=31).contains(&d) {
                return Err(OfficeError::Invalid(format!(
                    "Ngày ban hành: ngày {d} không hợp lệ."
                )));
            }
        }
        let tables = self
            .body
            .iter()
            .chain(self.appendix.iter().flat_map(|a| a.blocks.iter()));
        for block in tables {
            if let Block::Table(t) = block {
                if t.columns.is_empty() {
                    return Err(OfficeError::Invalid("Bảng: cần ít nhất một cột.".into()));
                }
                if let Some(i) = t.rows.iter().position(|r| r.len() != t.columns.len()) {
                    return Err(OfficeError::Invalid(format!(
                        "Bảng: dòng {} có {} ô, cần {} ô.",
                        i + 1,
                        t.rows[i].len(),
                        t.columns.len()
                    )));
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_print_with_the_zeros_nghi_dinh_30_asks_for() {
        let d = |y, m, d| PartialDate::from(NaiveDate::from_ymd_opt(y, m, d).unwrap());
        assert_eq!(d(2023, 2, 5).printed(), "ngày 05 tháng 02 năm 2023");
        assert_eq!(d(2023, 1, 15).printed(), "ngày 15 tháng 01 năm 2023");
        assert_eq!(d(2023, 3, 15).printed(), "ngày 15 tháng 3 năm 2023");
        assert_eq!(d(2023, 12, 31).printed(), "ngày 31 tháng 12 năm 2023");
        assert_eq!(
            PartialDate::month_of(2023, 3).printed(),
            "ngày      tháng 3 năm 2023"
        );
        let blank = PartialDate {
            year: 2024,
            month: None,
            day: None,
        };
        assert_eq!(blank.printed(), "ngày      tháng      năm 2024");
    }

    #[test]
    fn references_print_numbers_or_a_blank_for_drafts() {
        assert_eq!(
            Reference::Issued("941/UBND-NV".into()).printed(),
            "Số: 941/UBND-NV"
        );
        assert_eq!(
            Reference::Draft {
                symbol: "UBND-NV".into()
            }
            .printed(),
            "Số:      /UBND-NV"
        );
    }
}
