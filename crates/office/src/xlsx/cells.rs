//! Cell values read from a sheet, and their parsing into the value a column expects: dates in every
//! form offices type them, money with dots or commas, choices by label, code or abbreviation.

use super::layout::{Choice, Column, ColumnType};
use super::suggest::closest;
use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};
use thidua_domain::text::{clean, fold};

/// A cell as the sheet holds it (before it is given the column's meaning).
#[derive(Debug, Clone, PartialEq)]
pub enum RawCell {
    Text(String),
    Int(i64),
    Float(f64),
    Bool(bool),
    /// A cell Excel formats as a date: its calendar date (time of day dropped).
    Date(Option<NaiveDate>),
    /// An Excel error value (#N/A, #REF! …), as Excel shows it.
    Error(String),
}

impl RawCell {
    /// Whether the cell holds nothing a reader would see (white space counts as nothing).
    pub fn is_blank(&self) -> bool {
        matches!(self, RawCell::Text(s) if s.trim().is_empty())
    }

    /// The cell as a person reads it, for headers and messages.
    pub fn shown(&self) -> String {
        match self {
            RawCell::Text(s) => s.clone(),
            RawCell::Int(n) => n.to_string(),
            RawCell::Float(f) => format_float(*f),
            RawCell::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_owned(),
            RawCell::Date(Some(d)) => d.format("%d/%m/%Y").to_string(),
            RawCell::Date(None) => String::new(),
            RawCell::Error(e) => e.clone(),
        }
    }
}

fn format_float(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        format!("{f}")
    }
}

/// A value of a row, as its column's type says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum Value {
    Text(String),
    Int(i64),
    Date(NaiveDate),
    Money(i64),
    /// The code of the chosen [`Choice`].
    Choice(&'static str),
}

impl Value {
    pub fn as_text(&self) -> Option<&str> {
        match self {
            Value::Text(s) => Some(s),
            Value::Choice(c) => Some(c),
            _ => None,
        }
    }
}

/// The longest text a cell may hold (Excel's own limit is 32,767 characters).
pub const MAX_TEXT_CHARS: usize = 4000;

/// Reads one cell for its column; `Ok(None)` for an empty cell. Messages are Vietnamese and do not
/// name the column (the caller does).
pub fn parse_cell(raw: &RawCell, column: &Column) -> Result<Option<Value>, String> {
    if raw.is_blank() || matches!(raw, RawCell::Date(None)) {
        return Ok(None);
    }
    if let RawCell::Error(e) = raw {
        return Err(format!("ô có lỗi công thức {e}"));
    }
    let value = match column.kind {
        ColumnType::Text => {
            let text = match raw {
                RawCell::Text(s) => clean(s),
                other => other.shown(),
            };
            if text.chars().count() > MAX_TEXT_CHARS {
                return Err(format!("dài quá {MAX_TEXT_CHARS} ký tự"));
            }
            Value::Text(text)
        }
        ColumnType::Int => Value::Int(parse_int(raw)?),
        ColumnType::Date => Value::Date(parse_date(raw)?),
        ColumnType::Money => Value::Money(match raw {
            RawCell::Text(s) => parse_money(s)?,
            RawCell::Int(n) => non_negative(*n)?,
            RawCell::Float(f) => non_negative(whole(*f, "số tiền phải là số nguyên đồng")?)?,
            other => return Err(format!("\"{}\" không phải là số tiền", other.shown())),
        }),
        ColumnType::Enum(choices) => Value::Choice(match raw {
            RawCell::Text(s) => parse_choice(s, choices)?,
            other => parse_choice(&other.shown(), choices)?,
        }),
    };
    Ok(Some(value))
}

fn non_negative(n: i64) -> Result<i64, String> {
    if n < 0 {
        Err("số tiền không được âm".to_owned())
    } else {
        Ok(n)
    }
}

fn whole(f: f64, message: &str) -> Result<i64, String> {
    if f.fract() == 0.0 && f.abs() < 9.0e15 {
        Ok(f as i64)
    } else {
        Err(message.to_owned())
    }
}

fn parse_int(raw: &RawCell) -> Result<i64, String> {
    match raw {
        RawCell::Int(n) => Ok(*n),
        RawCell::Float(f) => whole(
            *f,
            &format!("\"{}\" không phải là số nguyên", format_float(*f)),
        ),
        RawCell::Text(s) => {
            let t: String = s.chars().filter(|c| !c.is_whitespace()).collect();
            t.parse::<i64>()
                .map_err(|_| format!("\"{}\" không phải là số nguyên", s.trim()))
        }
        other => Err(format!("\"{}\" không phải là số nguyên", other.shown())),
    }
}

/// The first day Excel's 1900 date system counts from (serial 1 is 1900-01-01; Excel also counts a
/// 29 February 1900 that never was, so from serial 61 on the day is 1899-12-30 plus the serial).
fn excel_serial_to_date(serial: f64) -> Option<NaiveDate> {
    if !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    let days = serial.floor() as i64;
    let epoch = if days >= 61 {
        NaiveDate::from_ymd_opt(1899, 12, 30)?
    } else {
        NaiveDate::from_ymd_opt(1899, 12, 31)?
    };
    epoch.checked_add_signed(chrono::Duration::days(days))
}

/// The smallest serial number read as a date in a date column (1908-03-18): smaller numbers there
/// are years or mistakes, not dates.
const MIN_DATE_SERIAL: f64 = 3000.0;

fn parse_date(raw: &RawCell) -> Result<NaiveDate, String> {
    let from_serial = |serial: f64| {
        if (1000.0..MIN_DATE_SERIAL).contains(&serial) && serial.fract() == 0.0 {
            return Err(format!(
                "\"{}\" chỉ là năm; hãy nhập đủ ngày, tháng, năm (dd/mm/yyyy)",
                format_float(serial)
            ));
        }
        if serial < MIN_DATE_SERIAL {
            return Err(format!(
                "\"{}\" không phải là ngày (dd/mm/yyyy)",
                format_float(serial)
            ));
        }
        excel_serial_to_date(serial)
            .ok_or_else(|| format!("\"{}\" không phải là ngày", format_float(serial)))
    };
    match raw {
        RawCell::Date(Some(d)) => Ok(*d),
        RawCell::Int(n) => from_serial(*n as f64),
        RawCell::Float(f) => from_serial(*f),
        RawCell::Text(s) => parse_date_text(s),
        other => Err(format!("\"{}\" không phải là ngày", other.shown())),
    }
}

/// Reads a date typed as text: dd/mm/yyyy (also with `-` or `.`, and one-digit day or month), or
/// yyyy-mm-dd. A date that does not exist (31/02/2024) is an error, and so is a two-digit year.
pub fn parse_date_text(text: &str) -> Result<NaiveDate, String> {
    let t = text.trim();
    // A date with a time after it ("05/03/2024 00:00:00") keeps its date.
    let t = t.split_whitespace().next().unwrap_or("");
    let parts: Vec<&str> = t.split(['/', '-', '.']).collect();
    let bad_form = || format!("\"{}\" không đúng dạng ngày dd/mm/yyyy", text.trim());
    if parts.len() != 3
        || parts
            .iter()
            .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err(bad_form());
    }
    let (d, m, y) = if parts[0].len() == 4 {
        (parts[2], parts[1], parts[0])
    } else {
        (parts[0], parts[1], parts[2])
    };
    if y.len() != 4 || d.len() > 2 || m.len() > 2 {
        return Err(if y.len() == 2 {
            format!("\"{}\": năm phải đủ 4 chữ số", text.trim())
        } else {
            bad_form()
        });
    }
    let (d, m, y) = match (d.parse::<u32>(), m.parse::<u32>(), y.parse::<i32>()) {
        (Ok(d), Ok(m), Ok(y)) => (d, m, y),
        _ => return Err(bad_form()),
    };
    let date = NaiveDate::from_ymd_opt(y, m, d)
        .ok_or_else(|| format!("\"{}\": ngày không tồn tại", text.trim()))?;
    if !(1900..=2100).contains(&date.year()) {
        return Err(format!("\"{}\": năm phải từ 1900 đến 2100", text.trim()));
    }
    Ok(date)
}

/// Reads an amount of đồng typed as text: "5000000", "5.000.000", "5,000,000", "5 000 000 đ",
/// "5.000.000 đồng", "5.000.000 VNĐ", "5.000.000,00". Dots and commas are thousands separators
/// when every group after them has three digits; a last group of one or two digits is a decimal
/// part, which must be zero (money is whole đồng).
pub fn parse_money(text: &str) -> Result<i64, String> {
    let shown = text.trim();
    let bad = || format!("\"{shown}\" không phải là số tiền");
    let mut t = fold(shown);
    for unit in ["vnd", "dong", "d", "₫"] {
        if let Some(rest) = t.strip_suffix(unit) {
            t = rest.trim_end().to_owned();
            break;
        }
    }
    let t: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    if t.starts_with('-') {
        return Err("số tiền không được âm".to_owned());
    }
    if t.is_empty()
        || !t
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
    {
        return Err(bad());
    }
    let groups: Vec<&str> = t.split(['.', ',']).collect();
    let (whole_groups, decimals) = match groups.as_slice() {
        [one] => (vec![*one], None),
        [init @ .., last] if (1..=2).contains(&last.len()) && !init.is_empty() => {
            (init.to_vec(), Some(*last))
        }
        all => (all.to_vec(), None),
    };
    if let Some(dec) = decimals {
        // "5.000.000,00": the decimal separator differs from the thousands separator.
        if !dec.bytes().all(|b| b == b'0') {
            return Err(format!("\"{shown}\": số tiền phải là số nguyên đồng"));
        }
    }
    let grouped = whole_groups.len() > 1;
    if whole_groups.iter().any(|g| g.is_empty())
        || (grouped
            && (whole_groups[0].len() > 3 || whole_groups[1..].iter().any(|g| g.len() != 3)))
    {
        return Err(bad());
    }
    whole_groups.concat().parse::<i64>().map_err(|_| bad())
}

/// The folded keys (no spaces) of a set of choices' labels, codes and aliases, each set's made once
/// (there are a handful of sets, all `'static`): the first choice that names a key has it.
fn choice_keys(choices: &'static [Choice]) -> &'static HashMap<String, &'static str> {
    static KEYS: OnceLock<Mutex<HashMap<usize, &'static HashMap<String, &'static str>>>> =
        OnceLock::new();
    let mut all = KEYS
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    all.entry(choices.as_ptr() as usize).or_insert_with(|| {
        let mut keys = HashMap::new();
        for c in choices {
            for s in std::iter::once(c.label)
                .chain(std::iter::once(c.code))
                .chain(c.aliases.iter().copied())
            {
                keys.entry(fold(s).replace(' ', "")).or_insert(c.code);
            }
        }
        Box::leak(Box::new(keys))
    })
}

/// Finds the choice a text names: its label, code or an alias, compared without case, diacritics
/// or spaces. The error suggests the nearest choices.
pub fn parse_choice(text: &str, choices: &'static [Choice]) -> Result<&'static str, String> {
    let key = fold(text).replace(' ', "");
    if let Some(code) = choice_keys(choices).get(&key) {
        return Ok(code);
    }
    let labels: Vec<&str> = choices.iter().map(|c| c.label).collect();
    let mut message = format!(
        "\"{}\" không hợp lệ; chọn một trong: {}",
        text.trim(),
        labels.join("; ")
    );
    if let [first, ..] = closest(text, &labels, 1).as_slice() {
        message = format!("{message} (có phải là \"{first}\"?)");
    }
    Err(message)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn serials_follow_excel() {
        assert_eq!(excel_serial_to_date(1.0), Some(d(1900, 1, 1)));
        assert_eq!(excel_serial_to_date(59.0), Some(d(1900, 2, 28)));
        assert_eq!(excel_serial_to_date(61.0), Some(d(1900, 3, 1)));
        assert_eq!(excel_serial_to_date(45_356.0), Some(d(2024, 3, 5)));
        assert_eq!(excel_serial_to_date(45_356.75), Some(d(2024, 3, 5)));
        assert_eq!(excel_serial_to_date(0.0), None);
        assert_eq!(excel_serial_to_date(f64::NAN), None);
    }
}
