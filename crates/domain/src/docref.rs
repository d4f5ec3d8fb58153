//! Numbers and symbols of documents (số và ký hiệu văn bản) and their date line (địa danh và thời
//! gian ban hành), as Nghị định 30/2020/NĐ-CP prints them: reading what people type or copy from a
//! document ("Số: 941/UBND-NV", "1721-CV/TU", "30/2020/NĐ-CP"), printing the canonical form, and
//! the pure helpers the register of outgoing documents (sổ đăng ký văn bản đi) needs to give a
//! draft its number. `docs/document-numbers.md` states the rules, their sources and the choices
//! made where the printed form is ambiguous.

use std::fmt;
use std::num::NonZeroU32;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use thiserror::Error;
use unicode_normalization::UnicodeNormalization;

// ---------------------------------------------------------------------------------------------
// Kinds of documents

/// Declares the catalogue of kinds: the stable code (for a database column and JSON), the
/// Vietnamese name, the abbreviation of Nghị định 30/2020 Phụ lục III (also used in the numbers of
/// legal normative documents), the abbreviation in Party documents (Hướng dẫn 36-HD/VPTW), and
/// whether the kind is a legal normative one whose number always carries a year.
macro_rules! kinds {
    ($($(#[$meta:meta])* $variant:ident => ($code:literal, $name:literal, $abbr:expr, $party:expr, $legal:literal)),+ $(,)?) => {
        /// A kind of document (tên loại văn bản).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum DocumentKind { $($(#[$meta])* $variant),+ }

        impl DocumentKind {
            /// Every kind, in the order of the catalogue.
            pub const ALL: &'static [DocumentKind] = &[$(DocumentKind::$variant),+];

            /// The stable code stored in the database and used in JSON ("quyet_dinh").
            pub fn code(self) -> &'static str {
                match self { $(DocumentKind::$variant => $code),+ }
            }

            /// The Vietnamese name ("Quyết định").
            pub fn name(self) -> &'static str {
                match self { $(DocumentKind::$variant => $name),+ }
            }

            /// The abbreviation of Nghị định 30/2020 Phụ lục III ("QĐ"), also used in the
            /// numbers of legal normative documents ("NĐ" in "30/2020/NĐ-CP"). `None` for a
            /// dispatch (công văn), a law (luật) and the kinds only the Party uses.
            pub fn abbreviation(self) -> Option<&'static str> {
                match self { $(DocumentKind::$variant => $abbr),+ }
            }

            /// The abbreviation in Party documents ("CV" in "1721-CV/TU"), if the Party uses the kind.
            pub fn party_abbreviation(self) -> Option<&'static str> {
                match self { $(DocumentKind::$variant => $party),+ }
            }

            /// A legal normative kind (luật, nghị định, thông tư…), whose number always has a year.
            pub fn is_legal_normative(self) -> bool {
                match self { $(DocumentKind::$variant => $legal),+ }
            }

            pub fn from_code(code: &str) -> Option<Self> {
                match code { $($code => Some(DocumentKind::$variant),)+ _ => None }
            }
        }
    };
}

kinds! {
    /// Nghị quyết.
    Resolution => ("nghi_quyet", "Nghị quyết", Some("NQ"), Some("NQ"), false),
    /// Quyết định.
    Decision => ("quyet_dinh", "Quyết định", Some("QĐ"), Some("QĐ"), false),
    /// Chỉ thị.
    Directive => ("chi_thi", "Chỉ thị", Some("CT"), Some("CT"), false),
    /// Quy chế.
    Rules => ("quy_che", "Quy chế", Some("QC"), Some("QC"), false),
    /// Quy định ("QĐi" in Party documents).
    Regulation => ("quy_dinh", "Quy định", Some("QyĐ"), Some("QĐi"), false),
    /// Thông cáo.
    Communique => ("thong_cao", "Thông cáo", Some("TC"), Some("TC"), false),
    /// Thông báo.
    Notice => ("thong_bao", "Thông báo", Some("TB"), Some("TB"), false),
    /// Hướng dẫn.
    Guidance => ("huong_dan", "Hướng dẫn", Some("HD"), Some("HD"), false),
    /// Chương trình.
    Programme => ("chuong_trinh", "Chương trình", Some("CTr"), Some("CTr"), false),
    /// Kế hoạch.
    Plan => ("ke_hoach", "Kế hoạch", Some("KH"), Some("KH"), false),
    /// Phương án.
    Scheme => ("phuong_an", "Phương án", Some("PA"), Some("PA"), false),
    /// Đề án.
    Proposal => ("de_an", "Đề án", Some("ĐA"), Some("ĐA"), false),
    /// Dự án.
    Project => ("du_an", "Dự án", Some("DA"), Some("DA"), false),
    /// Báo cáo.
    Report => ("bao_cao", "Báo cáo", Some("BC"), Some("BC"), false),
    /// Biên bản.
    Minutes => ("bien_ban", "Biên bản", Some("BB"), Some("BB"), false),
    /// Tờ trình.
    Submission => ("to_trinh", "Tờ trình", Some("TTr"), Some("TTr"), false),
    /// Hợp đồng.
    Contract => ("hop_dong", "Hợp đồng", Some("HĐ"), Some("HĐ"), false),
    /// Công điện.
    Telegram => ("cong_dien", "Công điện", Some("CĐ"), Some("CĐ"), false),
    /// Bản ghi nhớ.
    Memorandum => ("ban_ghi_nho", "Bản ghi nhớ", Some("BGN"), Some("BGN"), false),
    /// Bản thỏa thuận.
    Agreement => ("ban_thoa_thuan", "Bản thỏa thuận", Some("BTT"), Some("BTT"), false),
    /// Giấy ủy quyền.
    Authorisation => ("giay_uy_quyen", "Giấy ủy quyền", Some("GUQ"), Some("GUQ"), false),
    /// Giấy mời.
    Invitation => ("giay_moi", "Giấy mời", Some("GM"), Some("GM"), false),
    /// Giấy giới thiệu.
    Introduction => ("giay_gioi_thieu", "Giấy giới thiệu", Some("GGT"), Some("GGT"), false),
    /// Giấy nghỉ phép.
    LeavePermit => ("giay_nghi_phep", "Giấy nghỉ phép", Some("GNP"), Some("GNP"), false),
    /// Phiếu gửi.
    SendingSlip => ("phieu_gui", "Phiếu gửi", Some("PG"), Some("PG"), false),
    /// Phiếu chuyển.
    ForwardingSlip => ("phieu_chuyen", "Phiếu chuyển", Some("PC"), Some("PC"), false),
    /// Phiếu báo.
    NoticeSlip => ("phieu_bao", "Phiếu báo", Some("PB"), Some("PB"), false),
    /// Công văn: no abbreviation in the state style ("941/UBND-NV"), "CV" in the Party style.
    Dispatch => ("cong_van", "Công văn", None, Some("CV"), false),
    /// Luật: its number has no abbreviation of the kind ("06/2022/QH15").
    Law => ("luat", "Luật", None, None, true),
    /// Nghị định.
    Decree => ("nghi_dinh", "Nghị định", Some("NĐ"), None, true),
    /// Thông tư.
    Circular => ("thong_tu", "Thông tư", Some("TT"), None, true),
    /// Thông tư liên tịch.
    JointCircular => ("thong_tu_lien_tich", "Thông tư liên tịch", Some("TTLT"), None, true),
    /// Kết luận, a Party document.
    Conclusion => ("ket_luan", "Kết luận", None, Some("KL"), false),
    /// Thông tri, a Party document ("TT" there is not a thông tư).
    PartyInstruction => ("thong_tri", "Thông tri", None, Some("TT"), false),
}

impl DocumentKind {
    /// The abbreviation the kind has in numbers of a style, if it can be printed in that style
    /// at all and has one there (a dispatch has none in the state style, a law none anywhere).
    pub fn abbreviation_in(self, style: ReferenceStyle) -> Option<&'static str> {
        match style {
            ReferenceStyle::State if self.is_legal_normative() => None,
            ReferenceStyle::State | ReferenceStyle::Legal => self.abbreviation(),
            ReferenceStyle::Party => self.party_abbreviation(),
        }
    }

    /// Whether a number of this kind can be printed in a style.
    pub fn fits(self, style: ReferenceStyle) -> bool {
        match style {
            ReferenceStyle::State => {
                self == DocumentKind::Dispatch || self.abbreviation_in(style).is_some()
            }
            ReferenceStyle::Party => self.party_abbreviation().is_some(),
            ReferenceStyle::Legal => self == DocumentKind::Law || self.abbreviation().is_some(),
        }
    }

    /// The kind an abbreviation stands for in a style, ignoring case ("qđ", "TTR" and "QYĐ" are
    /// read as "QĐ", "TTr" and "QyĐ"; no issuer is spelt like that).
    pub fn from_abbreviation(abbreviation: &str, style: ReferenceStyle) -> Option<Self> {
        DocumentKind::ALL.iter().copied().find(|kind| {
            kind.abbreviation_in(style)
                .is_some_and(|a| same_ignoring_case(a, abbreviation))
        })
    }
}

impl fmt::Display for DocumentKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl Serialize for DocumentKind {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for DocumentKind {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct KindVisitor;
        impl Visitor<'_> for KindVisitor {
            type Value = DocumentKind;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("mã loại văn bản (ví dụ quyet_dinh)")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<DocumentKind, E> {
                DocumentKind::from_code(v).ok_or_else(|| {
                    let codes: Vec<_> = DocumentKind::ALL.iter().map(|k| k.code()).collect();
                    E::custom(format!(
                        "mã loại văn bản '{v}' không có; mã hợp lệ: {}",
                        codes.join(", ")
                    ))
                })
            }
        }
        d.deserialize_str(KindVisitor)
    }
}

fn same_ignoring_case(a: &str, b: &str) -> bool {
    a.chars()
        .flat_map(char::to_uppercase)
        .eq(b.chars().flat_map(char::to_uppercase))
}

/// Upper case with Đ written D: how an abbreviation looks when typed without the Vietnamese
/// keyboard ("QD" for "QĐ").
fn without_stroke(s: &str) -> String {
    s.chars()
        .flat_map(char::to_uppercase)
        .map(|c| if c == 'Đ' { 'D' } else { c })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Styles and errors

/// How a number and symbol is laid out (kiểu trình bày số và ký hiệu).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReferenceStyle {
    /// Administrative documents of state bodies (Nghị định 30/2020): "15/QĐ-UBND", "941/UBND-NV".
    State,
    /// Party documents (Hướng dẫn 36-HD/VPTW): "1721-CV/TU".
    Party,
    /// Legal normative documents, with the year: "30/2020/NĐ-CP", "06/2022/QH15".
    Legal,
}

impl ReferenceStyle {
    /// The stable code ("state", "party", "legal").
    pub fn code(self) -> &'static str {
        match self {
            ReferenceStyle::State => "state",
            ReferenceStyle::Party => "party",
            ReferenceStyle::Legal => "legal",
        }
    }

    /// The catalogue of kinds of the style, for messages.
    fn catalogue(self) -> &'static str {
        match self {
            ReferenceStyle::State => "danh mục của Nghị định 30/2020",
            ReferenceStyle::Party => "danh mục văn bản của Đảng (Hướng dẫn 36-HD/VPTW)",
            ReferenceStyle::Legal => "danh mục văn bản quy phạm pháp luật",
        }
    }
}

/// Why a number and symbol could not be read: each message says in Vietnamese what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ReferenceError {
    #[error("chưa có số và ký hiệu văn bản")]
    Empty,
    #[error("thiếu dấu / giữa số và ký hiệu văn bản (đọc được '{0}'; viết như 941/UBND-NV)")]
    MissingSlash(String),
    #[error("thiếu ký hiệu sau dấu /")]
    MissingSymbol,
    #[error("số và ký hiệu văn bản không được có dấu cách ở giữa ('{0}')")]
    InnerSpace(String),
    #[error("số văn bản phải là số nguyên dương (đọc được '{0}')")]
    NotPositive(String),
    #[error("số văn bản '{0}' quá lớn")]
    TooLarge(String),
    #[error("thiếu năm ban hành giữa hai dấu / (viết như 30/2020/NĐ-CP)")]
    MissingYear,
    #[error("năm ban hành '{0}' phải gồm 4 chữ số (viết như 30/2020/NĐ-CP)")]
    BadYear(String),
    #[error(
        "số và ký hiệu văn bản có quá nhiều dấu / ('{0}'); nhiều nhất là hai, như 30/2020/NĐ-CP"
    )]
    TooManySlashes(String),
    #[error("thiếu tên loại văn bản sau dấu - (viết như 1721-CV/TU)")]
    MissingKind,
    #[error("loại văn bản '{abbreviation}' không có trong {catalogue}{}", hint_suffix(.hint))]
    UnknownKind {
        abbreviation: String,
        catalogue: &'static str,
        /// The abbreviation meant, when the text is one written with D for Đ ("QD").
        hint: Option<&'static str>,
    },
    #[error(
        "'{0}' là văn bản quy phạm pháp luật: số phải có năm ban hành (viết như 30/2020/NĐ-CP)"
    )]
    NeedsYear(String),
    #[error("'CV' là ký hiệu công văn của Đảng (1721-CV/TU); công văn hành chính không có chữ viết tắt tên loại: viết số/cơ quan-đơn vị soạn thảo, như 941/UBND-NV")]
    PartyDispatchInStateStyle,
    #[error("thiếu ký hiệu cơ quan ban hành sau '{0}'")]
    MissingIssuer(String),
    #[error("ký hiệu '{0}' có phần trống (thừa hoặc thiếu chữ giữa các dấu -)")]
    EmptyPart(String),
    #[error("ký hiệu '{0}' không hợp lệ: chỉ gồm chữ cái không dấu, chữ Đ và chữ số, bắt đầu bằng chữ in hoa (như UBND, TTg, BCĐ389)")]
    BadAbbreviation(String),
    #[error("các phần của số và ký hiệu không khớp nhau: '{printed}' đọc lại thành '{read}'")]
    Inconsistent { printed: String, read: String },
}

/// " (có phải 'QĐ'?)" after an unknown kind that is a known one typed with D for Đ.
fn hint_suffix(hint: &Option<&'static str>) -> String {
    hint.map(|h| format!(" (có phải '{h}'?)"))
        .unwrap_or_default()
}

// ---------------------------------------------------------------------------------------------
// Number and symbol

/// A document's number and symbol (số và ký hiệu văn bản), read and checked.
///
/// Built only by [`DocumentReference::parse`] and [`DocumentReference::new`], so that printing it
/// and reading the print back always gives it again.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DocumentReference {
    style: ReferenceStyle,
    number: Option<NonZeroU32>,
    year: Option<i32>,
    kind: DocumentKind,
    issuers: Vec<String>,
    drafting_office: Option<String>,
}

/// Blanks printed where a draft's number will be written: "Số:      /UBND-NV".
const NUMBER_BLANK: &str = "      ";

impl DocumentReference {
    /// Reads a number and symbol as people type or copy it; see `docs/document-numbers.md`.
    ///
    /// Accepts a leading "Số:"/"Số" (any case), white space around it and next to "/" and "-",
    /// NFC or NFD text, "Ð" (U+00D0) for "Đ", and dashes (– — −) for "-". No number ("/UBND-NV",
    /// "Số:   /UBND-NV") is a draft.
    pub fn parse(input: &str) -> Result<Self, ReferenceError> {
        let text = normalise(input);
        let text = squeeze_spaces(strip_number_word(&text))?;
        if text.is_empty() {
            return Err(ReferenceError::Empty);
        }
        let parts: Vec<&str> = text.split('/').collect();
        match parts.as_slice() {
            [only] => Err(ReferenceError::MissingSlash((*only).to_owned())),
            [head, tail] => match head.split_once('-') {
                Some((number, kind)) => parse_party(number, kind, tail),
                None => parse_state(head, tail),
            },
            [number, year, tail] => parse_legal(number, year, tail),
            _ => Err(ReferenceError::TooManySlashes(text.clone())),
        }
    }

    /// Builds a reference from its parts, checking that its print reads back as the same parts
    /// (the kind fits the style, the year is there exactly for the legal style, a drafting office
    /// only for a dispatch, the abbreviations are valid…).
    pub fn new(
        style: ReferenceStyle,
        kind: DocumentKind,
        number: Option<u32>,
        year: Option<i32>,
        issuers: Vec<String>,
        drafting_office: Option<String>,
    ) -> Result<Self, ReferenceError> {
        let number = match number {
            Some(n) => {
                Some(NonZeroU32::new(n).ok_or_else(|| ReferenceError::NotPositive(n.to_string()))?)
            }
            None => None,
        };
        let built = DocumentReference {
            style,
            number,
            year,
            kind,
            issuers,
            drafting_office,
        };
        let printed = built.to_string();
        let read = Self::parse(&printed)?;
        if read == built {
            Ok(built)
        } else {
            Err(ReferenceError::Inconsistent {
                printed,
                read: read.to_string(),
            })
        }
    }

    pub fn style(&self) -> ReferenceStyle {
        self.style
    }

    /// The number; `None` for a draft, which gets its number when it is issued.
    pub fn number(&self) -> Option<u32> {
        self.number.map(NonZeroU32::get)
    }

    pub fn is_draft(&self) -> bool {
        self.number.is_none()
    }

    /// The year in the number, for the legal style only ("2020" in "30/2020/NĐ-CP").
    pub fn year(&self) -> Option<i32> {
        self.year
    }

    pub fn kind(&self) -> DocumentKind {
        self.kind
    }

    /// The issuing bodies' abbreviations as printed; several for a joint document
    /// ("205/KH-UBND-LĐLĐ" → UBND, LĐLĐ), the lead body first.
    pub fn issuers(&self) -> &[String] {
        &self.issuers
    }

    /// The drafting office of a dispatch ("NV" in "941/UBND-NV"), as printed.
    pub fn drafting_office(&self) -> Option<&str> {
        self.drafting_office.as_deref()
    }

    /// The symbol (ký hiệu) without the number and year: "QĐ-UBND", "UBND-NV", "CV/TU", "NĐ-CP".
    pub fn symbol(&self) -> String {
        let issuers = self.issuers.join("-");
        match (self.style, self.kind.abbreviation_in(self.style)) {
            (ReferenceStyle::Party, Some(kind)) => format!("{kind}/{issuers}"),
            (_, Some(kind)) => format!("{kind}-{issuers}"),
            (_, None) => match &self.drafting_office {
                Some(office) => format!("{issuers}-{office}"),
                None => issuers,
            },
        }
    }

    /// The line printed under the issuing body: "Số: 941/UBND-NV", "Số 1721-CV/TU" (Party
    /// documents have no colon), and for a draft blanks where the number will be written:
    /// "Số:      /UBND-NV".
    pub fn number_line(&self) -> String {
        let word = match self.style {
            ReferenceStyle::Party => "Số",
            ReferenceStyle::State | ReferenceStyle::Legal => "Số:",
        };
        let gap = if self.is_draft() { NUMBER_BLANK } else { " " };
        format!("{word}{gap}{self}")
    }

    /// The same document with the number the register gave it (a draft becomes issued).
    pub fn issued(&self, number: NonZeroU32) -> DocumentReference {
        DocumentReference {
            number: Some(number),
            ..self.clone()
        }
    }

    /// The same document without its number, as a draft.
    pub fn draft(&self) -> DocumentReference {
        DocumentReference {
            number: None,
            ..self.clone()
        }
    }

    /// Which sequence of the register numbers this document in a year: the lead issuer's. Only
    /// for the state style (Nghị định 30/2020: one sequence per body and year, across all
    /// kinds); Party documents are numbered per kind and per term, legal normative ones per kind,
    /// and thidua's register does not issue them, so `None`.
    pub fn register_key(&self, year: i32) -> Option<RegisterKey> {
        match self.style {
            ReferenceStyle::State => Some(RegisterKey {
                issuer: self.issuers.first()?.clone(),
                year,
            }),
            ReferenceStyle::Party | ReferenceStyle::Legal => None,
        }
    }
}

impl fmt::Display for DocumentReference {
    /// The canonical form: numbers below 10 get a leading zero ("05/QĐ-UBND"), a draft has no
    /// number ("/UBND-NV").
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(n) = self.number {
            write!(f, "{n:02}")?;
        }
        match self.style {
            ReferenceStyle::State => write!(f, "/{}", self.symbol()),
            ReferenceStyle::Party => write!(f, "-{}", self.symbol()),
            ReferenceStyle::Legal => {
                write!(f, "/{}/{}", self.year.unwrap_or_default(), self.symbol())
            }
        }
    }
}

impl FromStr for DocumentReference {
    type Err = ReferenceError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

/// Stored and sent as its canonical text ("941/UBND-NV"), read back with [`DocumentReference::parse`].
impl Serialize for DocumentReference {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for DocumentReference {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        DocumentReference::parse(&text).map_err(de::Error::custom)
    }
}

/// One sequence of numbers in the register (sổ đăng ký văn bản đi): a body's documents of a year.
/// Numbers start again from 01 on 1 January (Nghị định 30/2020, Điều 15 and Điều 25).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct RegisterKey {
    /// The lead issuer's abbreviation ("UBND").
    pub issuer: String,
    pub year: i32,
}

/// The number the register gives next in a sequence, from the numbers already given in it: one
/// more than the highest, 1 in a new year. `None` once the numbers have run out (u32::MAX).
pub fn next_number(given: impl IntoIterator<Item = u32>) -> Option<NonZeroU32> {
    let highest = given.into_iter().max().unwrap_or(0);
    highest.checked_add(1).and_then(NonZeroU32::new)
}

// ---------------------------------------------------------------------------------------------
// Reading

/// "Ð"/"ð" (Icelandic eth, often typed for Đ/đ) as Đ/đ; dashes and slashes of other code
/// points as "-" and "/"; invisible characters (zero-width space, byte order mark, soft hyphen)
/// that copying from a word processor leaves, dropped; then NFC (last, as dropping a character
/// can bring a letter and a combining mark together).
fn normalise(input: &str) -> String {
    input
        .chars()
        .filter(|c| {
            !matches!(
                c,
                '\u{AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}'
            )
        })
        .map(|c| match c {
            'Ð' => 'Đ',
            'ð' => 'đ',
            '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' => '-',
            '\u{2044}' | '\u{2215}' | '\u{FF0F}' => '/',
            c => c,
        })
        .nfc()
        .collect()
}

/// The text after a leading "Số" (or "So", any case) and its optional colon, trimmed.
fn strip_number_word(text: &str) -> &str {
    let text = text.trim();
    let mut chars = text.chars();
    let rest = match (chars.next(), chars.next()) {
        (Some('S' | 's'), Some('ố' | 'Ố' | 'o' | 'O')) => chars.as_str(),
        _ => return text,
    };
    let rest = rest.trim_start();
    rest.strip_prefix(':').unwrap_or(rest).trim()
}

/// Drops white space next to "/" and "-" ("1206 /QĐ-HVTC" is common, the number having been
/// written into a blank); any other white space inside is an error.
fn squeeze_spaces(text: &str) -> Result<String, ReferenceError> {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if !c.is_whitespace() {
            out.push(c);
            continue;
        }
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        let before = out.chars().next_back();
        let after = chars.peek().copied();
        let at_separator =
            matches!(before, None | Some('/' | '-')) || matches!(after, None | Some('/' | '-'));
        if !at_separator {
            return Err(ReferenceError::InnerSpace(text.to_owned()));
        }
    }
    Ok(out)
}

fn parse_number(text: &str) -> Result<Option<NonZeroU32>, ReferenceError> {
    if text.is_empty() {
        return Ok(None);
    }
    if !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(ReferenceError::NotPositive(text.to_owned()));
    }
    match text.parse::<u32>() {
        Ok(n) => NonZeroU32::new(n)
            .map(Some)
            .ok_or_else(|| ReferenceError::NotPositive(text.to_owned())),
        Err(_) => Err(ReferenceError::TooLarge(text.to_owned())),
    }
}

fn parse_year(text: &str) -> Result<i32, ReferenceError> {
    if text.is_empty() {
        return Err(ReferenceError::MissingYear);
    }
    let digits = text.len() == 4 && text.bytes().all(|b| b.is_ascii_digit());
    match text.parse::<i32>() {
        Ok(year) if digits && year >= 1000 => Ok(year),
        _ => Err(ReferenceError::BadYear(text.to_owned())),
    }
}

/// The parts of a symbol between "-", none empty.
fn segments(tail: &str) -> Result<Vec<&str>, ReferenceError> {
    if tail.is_empty() {
        return Err(ReferenceError::MissingSymbol);
    }
    let parts: Vec<&str> = tail.split('-').collect();
    if parts.iter().any(|p| p.is_empty()) {
        return Err(ReferenceError::EmptyPart(tail.to_owned()));
    }
    Ok(parts)
}

/// An abbreviation of a body or office: an upper-case letter (A–Z or Đ), then letters without
/// diacritics, Đ/đ or digits ("UBND", "TTg", "BCĐ389", "QH15").
fn is_abbreviation(text: &str) -> bool {
    let mut chars = text.chars();
    matches!(chars.next(), Some('A'..='Z' | 'Đ'))
        && chars.all(|c| matches!(c, 'A'..='Z' | 'a'..='z' | 'Đ' | 'đ' | '0'..='9'))
}

fn abbreviations(parts: &[&str]) -> Result<Vec<String>, ReferenceError> {
    parts
        .iter()
        .map(|p| {
            if is_abbreviation(p) {
                Ok((*p).to_owned())
            } else {
                Err(ReferenceError::BadAbbreviation((*p).to_owned()))
            }
        })
        .collect()
}

/// The issuers after a kind's abbreviation; there must be at least one.
fn issuers_after(kind: &str, parts: &[&str]) -> Result<Vec<String>, ReferenceError> {
    if parts.is_empty() {
        return Err(ReferenceError::MissingIssuer(kind.to_owned()));
    }
    abbreviations(parts)
}

/// The abbreviation a text would be if it was typed with D for Đ ("QD" → "QĐ").
fn misspelt_kind(text: &str, style: ReferenceStyle) -> Option<&'static str> {
    let styles: &[ReferenceStyle] = match style {
        // "ND" in an administrative number: the decree's "NĐ" was meant (and then a year).
        ReferenceStyle::State => &[ReferenceStyle::State, ReferenceStyle::Legal],
        ReferenceStyle::Party => &[ReferenceStyle::Party],
        ReferenceStyle::Legal => &[ReferenceStyle::Legal],
    };
    let typed = without_stroke(text);
    DocumentKind::ALL.iter().find_map(|kind| {
        styles.iter().find_map(|&s| {
            kind.abbreviation_in(s)
                .filter(|a| a.contains('Đ') && without_stroke(a) == typed)
        })
    })
}

fn unknown_kind(text: &str, style: ReferenceStyle) -> ReferenceError {
    ReferenceError::UnknownKind {
        abbreviation: text.to_owned(),
        catalogue: style.catalogue(),
        hint: misspelt_kind(text, style),
    }
}

/// "941/UBND-NV" (a dispatch: issuer, then drafting office) or "15/QĐ-UBND" (kind, then issuers):
/// the first part is a kind when it is in the catalogue of Nghị định 30/2020, a dispatch's issuer
/// otherwise.
fn parse_state(number: &str, tail: &str) -> Result<DocumentReference, ReferenceError> {
    let number = parse_number(number)?;
    let parts = segments(tail)?;
    let first = parts[0];
    if let Some(kind) = DocumentKind::from_abbreviation(first, ReferenceStyle::State) {
        return Ok(DocumentReference {
            style: ReferenceStyle::State,
            number,
            year: None,
            kind,
            issuers: issuers_after(first, &parts[1..])?,
            drafting_office: None,
        });
    }
    if DocumentKind::from_abbreviation(first, ReferenceStyle::Legal).is_some() {
        return Err(ReferenceError::NeedsYear(first.to_owned()));
    }
    if same_ignoring_case(first, "CV") {
        return Err(ReferenceError::PartyDispatchInStateStyle);
    }
    if misspelt_kind(first, ReferenceStyle::State).is_some() {
        return Err(unknown_kind(first, ReferenceStyle::State));
    }
    let mut names = abbreviations(&parts)?;
    let issuer = names.remove(0);
    let drafting_office = (!names.is_empty()).then(|| names.join("-"));
    Ok(DocumentReference {
        style: ReferenceStyle::State,
        number,
        year: None,
        kind: DocumentKind::Dispatch,
        issuers: vec![issuer],
        drafting_office,
    })
}

/// "1721-CV/TU": number, kind, then the issuers.
fn parse_party(number: &str, kind: &str, tail: &str) -> Result<DocumentReference, ReferenceError> {
    if !kind.is_empty() && kind.bytes().all(|b| b.is_ascii_digit()) {
        // "12-13/QĐ-UBND" or "-5/QĐ-UBND": a number that is not one, not a Party kind.
        return Err(ReferenceError::NotPositive(format!("{number}-{kind}")));
    }
    let number = parse_number(number)?;
    if kind.is_empty() {
        return Err(ReferenceError::MissingKind);
    }
    let kind = DocumentKind::from_abbreviation(kind, ReferenceStyle::Party)
        .ok_or_else(|| unknown_kind(kind, ReferenceStyle::Party))?;
    let issuers = abbreviations(&segments(tail)?)?;
    Ok(DocumentReference {
        style: ReferenceStyle::Party,
        number,
        year: None,
        kind,
        issuers,
        drafting_office: None,
    })
}

/// "30/2020/NĐ-CP": number, year, kind and issuers; "06/2022/QH15" (a single part after the year
/// that is no kind): a law of the National Assembly.
fn parse_legal(number: &str, year: &str, tail: &str) -> Result<DocumentReference, ReferenceError> {
    let number = parse_number(number)?;
    let year = Some(parse_year(year)?);
    let parts = segments(tail)?;
    let first = parts[0];
    let (kind, issuers) = match DocumentKind::from_abbreviation(first, ReferenceStyle::Legal) {
        Some(kind) => (kind, issuers_after(first, &parts[1..])?),
        None if parts.len() == 1 && misspelt_kind(first, ReferenceStyle::Legal).is_none() => {
            (DocumentKind::Law, abbreviations(&parts)?)
        }
        None => return Err(unknown_kind(first, ReferenceStyle::Legal)),
    };
    Ok(DocumentReference {
        style: ReferenceStyle::Legal,
        number,
        year,
        kind,
        issuers,
        drafting_office: None,
    })
}

// ---------------------------------------------------------------------------------------------
// Dates

/// A date of issue that a draft may leave partly blank (ngày tháng năm ban hành): the seed's
/// draft is dated "ngày   tháng 3 năm 2023". A day needs its month, and the day must exist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PartialDate {
    year: i32,
    month: Option<u32>,
    day: Option<u32>,
}

/// Why a date could not be read or built.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DateError {
    #[error("chưa có ngày tháng năm")]
    Empty,
    #[error("không đọc được ngày '{0}' (viết dd/mm/yyyy, mm/yyyy, yyyy hoặc yyyy-mm-dd)")]
    Unreadable(String),
    #[error("năm {0} không hợp lệ: năm phải gồm 4 chữ số")]
    Year(i32),
    #[error("tháng {0} không có: tháng phải từ 1 đến 12")]
    Month(u32),
    #[error("có ngày thì phải có tháng")]
    DayWithoutMonth,
    #[error("không có ngày {day} tháng {month} năm {year}")]
    NoSuchDay { day: u32, month: u32, year: i32 },
}

/// Blanks printed for a missing day or month, the width of two digits.
const DATE_BLANK: &str = "  ";

impl PartialDate {
    pub fn new(year: i32, month: Option<u32>, day: Option<u32>) -> Result<Self, DateError> {
        if !(1000..=9999).contains(&year) {
            return Err(DateError::Year(year));
        }
        if let Some(m) = month {
            if !(1..=12).contains(&m) {
                return Err(DateError::Month(m));
            }
        }
        if let Some(d) = day {
            let m = month.ok_or(DateError::DayWithoutMonth)?;
            if NaiveDate::from_ymd_opt(year, m, d).is_none() {
                return Err(DateError::NoSuchDay {
                    day: d,
                    month: m,
                    year,
                });
            }
        }
        Ok(PartialDate { year, month, day })
    }

    /// A whole date. `None` when the year is not of four digits.
    pub fn from_date(date: NaiveDate) -> Option<Self> {
        Self::new(date.year(), Some(date.month()), Some(date.day())).ok()
    }

    pub fn year(&self) -> i32 {
        self.year
    }

    pub fn month(&self) -> Option<u32> {
        self.month
    }

    pub fn day(&self) -> Option<u32> {
        self.day
    }

    pub fn is_complete(&self) -> bool {
        self.day.is_some()
    }

    /// The date, when the day is known.
    pub fn to_date(&self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year, self.month?, self.day?)
    }

    /// ISO 8601 with what is known: "2023-03-15", "2023-03", "2023".
    pub fn iso(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{:04}-{m:02}-{d:02}", self.year),
            (Some(m), None) => format!("{:04}-{m:02}", self.year),
            _ => format!("{:04}", self.year),
        }
    }

    /// Reads "15/03/2023" (also "15/3/2023", "15-3-2023", "15.3.2023"), "03/2023", "2023", ISO
    /// "2023-03-15" and "2023-03", and the date line "ngày 15 tháng 3 năm 2023" (with blanks for a
    /// draft, and with a place before it: "Lào Cai, ngày   tháng 3 năm 2023"). In the
    /// day/month/year form a blank part is missing: "/3/2023".
    pub fn parse(input: &str) -> Result<Self, DateError> {
        let text: String = input.nfc().collect();
        let text = text.trim();
        if text.is_empty() {
            return Err(DateError::Empty);
        }
        let unreadable = || DateError::Unreadable(text.to_owned());
        if let Some(line) = date_line_words(text) {
            return parse_date_line(&line).ok_or_else(unreadable)?;
        }
        let parts: Vec<&str> = text.split(['/', '-', '.']).map(str::trim).collect();
        let year_first = parts.first().is_some_and(|p| p.len() == 4);
        let (year, month, day) = match (parts.as_slice(), year_first) {
            ([y], _) => (*y, None, None),
            ([y, m], true) | ([m, y], false) => (*y, Some(*m), None),
            ([y, m, d], true) | ([d, m, y], false) => (*y, Some(*m), Some(*d)),
            _ => return Err(unreadable()),
        };
        let year = match date_number(year, 4) {
            Some(Some(y)) => y as i32,
            _ => return Err(unreadable()),
        };
        // ISO has no blanks; only the day/month/year form may leave the day or month out.
        let part = |p: Option<&str>| match p.map(|p| date_number(p, 2)) {
            None => Ok(None),
            Some(Some(None)) if year_first => Err(unreadable()),
            Some(Some(n)) => Ok(n),
            Some(None) => Err(unreadable()),
        };
        let (month, day) = (part(month)?, part(day)?);
        Self::new(year, month, day)
    }
}

/// A part of a date: `Some(None)` when blank, `Some(Some(n))` for 1 to `max_digits` digits.
fn date_number(text: &str, max_digits: usize) -> Option<Option<u32>> {
    if text.is_empty() {
        return Some(None);
    }
    if text.len() > max_digits || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok().map(Some)
}

/// The words of a date line from "ngày" on, lower-cased, if the text has one.
fn date_line_words(text: &str) -> Option<Vec<String>> {
    let words: Vec<String> = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let start = words.iter().position(|w| w == "ngày")?;
    Some(words[start..].to_vec())
}

/// "ngày [d] tháng [m] năm y" → the date, or `None` when the words are not of that form.
fn parse_date_line(words: &[String]) -> Option<Result<PartialDate, DateError>> {
    let mut words = words.iter().map(String::as_str).peekable();
    let mut field = |label: &str, next: &str| -> Option<Option<u32>> {
        if words.next()? != label {
            return None;
        }
        match words.peek() {
            Some(&w) if w == next => Some(None),
            Some(&w) => {
                words.next();
                date_number(w, 2).filter(Option::is_some)
            }
            None => None,
        }
    };
    let day = field("ngày", "tháng")?;
    let month = field("tháng", "năm")?;
    if words.next()? != "năm" {
        return None;
    }
    let year = date_number(words.next()?, 4)??;
    if words.next().is_some() {
        return None;
    }
    Some(PartialDate::new(year as i32, month, day))
}

impl fmt::Display for PartialDate {
    /// The date line of Nghị định 30/2020 without the place: "ngày 05 tháng 3 năm 2023"; a day
    /// below 10 and the months 1 and 2 get a leading zero ("ngày 05 tháng 02 năm 2023"), and a
    /// missing day or month is left blank for a draft ("ngày    tháng 3 năm 2023").
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let day = match self.day {
            Some(d) => format!("{d:02}"),
            None => DATE_BLANK.to_owned(),
        };
        let month = match self.month {
            Some(m) if m <= 2 => format!("{m:02}"),
            Some(m) => m.to_string(),
            None => DATE_BLANK.to_owned(),
        };
        write!(f, "ngày {day} tháng {month} năm {}", self.year)
    }
}

impl FromStr for PartialDate {
    type Err = DateError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

/// Stored and sent in ISO form ("2023-03", "2023-03-15"); read with [`PartialDate::parse`].
impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.iso())
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        PartialDate::parse(&text).map_err(de::Error::custom)
    }
}

/// The place and date line of a document: "Lào Cai, ngày 15 tháng 3 năm 2023".
pub fn date_line(place: &str, date: &PartialDate) -> String {
    let place = crate::text::clean(place);
    if place.is_empty() {
        date.to_string()
    } else {
        format!("{place}, {date}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalise_fixes_the_common_slips() {
        assert_eq!(normalise("15/QÐ–UBND"), "15/QĐ-UBND");
        assert_eq!(normalise("S\u{6f}\u{302}\u{301}:"), "Số:");
        assert_eq!(
            normalise("\u{feff}941\u{200b}/UBND\u{2212}NV"),
            "941/UBND-NV"
        );
    }

    #[test]
    fn spaces_are_dropped_only_next_to_separators() {
        assert_eq!(
            squeeze_spaces("1206 /QĐ - HVTC").as_deref(),
            Ok("1206/QĐ-HVTC")
        );
        assert_eq!(
            squeeze_spaces("941 UBND"),
            Err(ReferenceError::InnerSpace("941 UBND".into()))
        );
        assert_eq!(strip_number_word("  SỐ :  /UBND-NV "), "/UBND-NV");
        assert_eq!(strip_number_word("Số1721-CV/TU"), "1721-CV/TU");
        assert_eq!(strip_number_word("941/UBND"), "941/UBND");
    }

    #[test]
    fn abbreviations_are_checked() {
        for ok in ["UBND", "TTg", "BCĐ389", "QH15", "LĐLĐ", "Đ"] {
            assert!(is_abbreviation(ok), "{ok}");
        }
        for bad in ["ubnd", "9UB", "UB ND", "UB.ND", "", "SỞ", "UB_ND"] {
            assert!(!is_abbreviation(bad), "{bad}");
        }
    }

    #[test]
    fn misspelt_kinds_are_recognised() {
        assert_eq!(misspelt_kind("QD", ReferenceStyle::State), Some("QĐ"));
        assert_eq!(misspelt_kind("Qyd", ReferenceStyle::State), Some("QyĐ"));
        assert_eq!(misspelt_kind("ND", ReferenceStyle::State), Some("NĐ"));
        assert_eq!(misspelt_kind("QDi", ReferenceStyle::Party), Some("QĐi"));
        assert_eq!(misspelt_kind("UBND", ReferenceStyle::State), None);
        assert_eq!(misspelt_kind("QH15", ReferenceStyle::Legal), None);
    }
}
