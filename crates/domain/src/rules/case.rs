//! A case (hồ sơ xét): who is judged, for which title or form, for which year, by a decision on which
//! date, and the record the criteria are judged on (`eligibility.md`).
//!
//! Reading walks the JSON by hand rather than through derived serde, so that every refusal names the
//! exact field (`history[1].rating`) and says in Vietnamese what is wrong. Reading checks shapes and
//! codes; [`Case::validate`] checks what needs the rule tables or several fields at once.

use super::codes::{CodeSet, Discipline, Issuer, Rating, Scope, StaffLevel, Subject};
use super::error::CaseError;
use super::regimes::date_vn;
use super::tables::{CatalogueItem, RuleTables};
use crate::text;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Map, Value};

/// Years before this are refused: there was no emulation movement to judge.
pub const MIN_YEAR: i32 = 1945;
/// Years after this are refused as typing errors.
pub const MAX_YEAR: i32 = 9999;

/// One case, as the contract defines it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Case {
    pub subject: Subject,
    /// A code of the catalogue: `chien_si_thi_dua_co_so`, `giay_khen`, …
    pub title: String,
    /// The year whose achievements are judged.
    pub year: i32,
    /// Decides the legal regime and the base salary.
    pub decision_date: NaiveDate,
    /// When the dossier was received, for the law's transition rule.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub received_on: Option<NaiveDate>,
    /// One record per year, any order; an absent year is unknown.
    pub history: Vec<YearRecord>,
    /// Discipline, inspection or a complaint is under way.
    pub discipline_pending: bool,
    /// The discipline received in `year`, if any.
    pub disciplined: Option<Discipline>,
    /// A collective's members in `year`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub members: Option<Members>,
    /// For the Bằng Lao động sáng tạo: the staff level that sets the benefit threshold.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub staff_level: Option<StaffLevel>,
    /// For the Bằng Lao động sáng tạo: a trade-union member (đoàn viên công đoàn).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub union_member: Option<bool>,
    /// For a Giấy khen: who signs it (the money differs by signer in some regimes).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issuer: Option<Issuer>,
}

/// What is known of one year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct YearRecord {
    pub year: i32,
    /// Absent or null: not known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rating: Option<Rating>,
    /// Titles and forms received for that year (catalogue codes).
    pub titles: Vec<String>,
    pub initiatives: Vec<Recognition>,
    pub science_projects: Vec<Recognition>,
    /// Months worked in the year, maternity leave included; absent: the whole year.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub months_worked: Option<u8>,
}

/// An initiative (sáng kiến) or a science project (đề tài khoa học) recognised in a year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Recognition {
    pub scope: Scope,
    /// The yearly benefit it brings, in đồng, if known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub benefit_vnd: Option<i64>,
    /// Its name, for the verdict's wording.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// A collective's members in the judged year. Every count but `total` may be unknown (absent), and an
/// unknown count never meets a criterion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Members {
    pub total: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub completed: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lao_dong_tien_tien: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub chien_si_thi_dua_co_so: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub disciplined_canh_cao_or_above: Option<u32>,
}

impl Members {
    pub fn count(&self, field: super::codes::MemberField) -> Option<u32> {
        use super::codes::MemberField::*;
        match field {
            Completed => self.completed,
            LaoDongTienTien => self.lao_dong_tien_tien,
            ChienSiThiDuaCoSo => self.chien_si_thi_dua_co_so,
            DisciplinedCanhCaoOrAbove => self.disciplined_canh_cao_or_above,
        }
    }
}

impl YearRecord {
    /// A year of which nothing is known yet.
    pub fn empty(year: i32) -> YearRecord {
        YearRecord {
            year,
            rating: None,
            titles: Vec::new(),
            initiatives: Vec::new(),
            science_projects: Vec::new(),
            months_worked: None,
        }
    }

    pub fn has_title(&self, code: &str) -> bool {
        self.titles.iter().any(|t| t == code)
    }
}

impl Case {
    /// Reads a case from JSON text; the error names the field.
    ///
    /// A typed serde pass reads well-formed cases quickly; whenever it refuses, the field-naming reader
    /// ([`Case::from_value`]) reads the text again and has the last word, on acceptance as on the error.
    pub fn from_json(input: &str) -> Result<Case, CaseError> {
        if let Some(case) = serde_json::from_str::<fast::RawCase>(input)
            .ok()
            .and_then(fast::RawCase::into_case)
        {
            return Ok(case);
        }
        Case::from_json_checked(input)
    }

    /// [`Case::from_json`] without the fast pass: every field read by the field-naming reader.
    pub fn from_json_checked(input: &str) -> Result<Case, CaseError> {
        let value: Value = serde_json::from_str(input).map_err(|e| {
            let what = match e.classify() {
                serde_json::error::Category::Eof => "JSON bị cắt ngang",
                _ => "Không đọc được JSON",
            };
            CaseError::syntax(format!("{what} (dòng {}, cột {})", e.line(), e.column()))
        })?;
        Case::from_value(&value)
    }

    /// Reads a case from parsed JSON; the error names the field.
    pub fn from_value(value: &Value) -> Result<Case, CaseError> {
        let Some(map) = value.as_object() else {
            return Err(CaseError::syntax(
                "Hồ sơ phải là một đối tượng JSON ({ … })",
            ));
        };
        let top = Fields::new(map, String::new(), TOP_FIELDS)?;
        let history = match top.get("history") {
            None => Vec::new(),
            Some(v) => {
                let items = top.array(v, "history")?;
                let mut records = Vec::with_capacity(items.len());
                for (i, item) in items.iter().enumerate() {
                    records.push(read_year(item, format!("history[{i}]"))?);
                }
                records
            }
        };
        let members = match top.get("members") {
            None => None,
            Some(v) => Some(read_members(v, top.path("members"))?),
        };
        Ok(Case {
            subject: top
                .code("subject", true)?
                .ok_or_else(|| top.missing("subject"))?,
            title: top.string("title")?.ok_or_else(|| top.missing("title"))?,
            year: top
                .int("year", i64::from(MIN_YEAR), i64::from(MAX_YEAR))?
                .ok_or_else(|| top.missing("year"))? as i32,
            decision_date: top
                .date("decision_date")?
                .ok_or_else(|| top.missing("decision_date"))?,
            received_on: top.date("received_on")?,
            history,
            discipline_pending: top
                .boolean("discipline_pending")?
                .ok_or_else(|| top.missing("discipline_pending"))?,
            disciplined: top.code("disciplined", false)?,
            members,
            staff_level: top.code("staff_level", false)?,
            union_member: top.boolean("union_member")?,
            issuer: top.code("issuer", false)?,
        })
    }

    /// The record of `year`, if the history has it.
    pub fn record(&self, year: i32) -> Option<&YearRecord> {
        self.history.iter().find(|r| r.year == year)
    }

    /// Checks what reading alone cannot: the title is in the catalogue and fits the subject, the
    /// dates and years agree, every year appears once, counts add up. Returns the catalogue entry.
    pub fn validate<'t>(&self, tables: &'t RuleTables) -> Result<&'t CatalogueItem, CaseError> {
        let item = tables.item(&self.title).ok_or_else(|| {
            CaseError::invalid(
                "title",
                format!(
                    "Danh hiệu hoặc hình thức khen thưởng không có trong danh mục: \"{}\". Mã hợp lệ: {}",
                    self.title,
                    tables.catalogue.iter().map(|c| c.code.as_str()).collect::<Vec<_>>().join(", ")
                ),
            )
        })?;
        if !item.subject.admits(self.subject) {
            return Err(CaseError::invalid(
                "subject",
                format!(
                    "\"{}\" chỉ xét cho {}, không xét cho {}",
                    item.name,
                    item.subject.label().to_lowercase(),
                    self.subject.label()
                ),
            ));
        }
        if !(MIN_YEAR..=MAX_YEAR).contains(&self.year) {
            return Err(CaseError::invalid(
                "year",
                format!("Năm xét phải từ {MIN_YEAR} đến {MAX_YEAR}"),
            ));
        }
        if self.decision_date.year() < self.year {
            return Err(CaseError::invalid(
                "decision_date",
                format!(
                    "Ngày quyết định {} trước năm được xét {}: không thể khen thưởng thành tích chưa có",
                    date_vn(self.decision_date),
                    self.year
                ),
            ));
        }
        if let Some(received) = self.received_on {
            if received > self.decision_date {
                return Err(CaseError::invalid(
                    "received_on",
                    format!(
                        "Ngày tiếp nhận hồ sơ {} sau ngày quyết định {}",
                        date_vn(received),
                        date_vn(self.decision_date)
                    ),
                ));
            }
        }
        let decision_year = self.decision_date.year();
        for (i, record) in self.history.iter().enumerate() {
            let at = |f: &str| format!("history[{i}].{f}");
            if record.year > decision_year {
                return Err(CaseError::invalid(
                    at("year"),
                    format!(
                        "Năm {} ở sau năm của ngày quyết định ({}): không thể có dữ liệu của năm chưa tới",
                        record.year, decision_year
                    ),
                ));
            }
            if record.year < MIN_YEAR {
                return Err(CaseError::invalid(
                    at("year"),
                    format!("Năm phải từ {MIN_YEAR} trở đi"),
                ));
            }
            if let Some(j) = self.history[..i].iter().position(|r| r.year == record.year) {
                return Err(CaseError::invalid(
                    at("year"),
                    format!(
                        "Năm {} đã có ở history[{j}]: mỗi năm chỉ một mục",
                        record.year
                    ),
                ));
            }
            if let Some(m) = record.months_worked {
                if m > 12 {
                    return Err(CaseError::invalid(
                        at("months_worked"),
                        "Số tháng làm việc phải từ 0 đến 12",
                    ));
                }
            }
            for (j, t) in record.titles.iter().enumerate() {
                if tables.item(t).is_none() {
                    return Err(CaseError::invalid(
                        at(&format!("titles[{j}]")),
                        format!(
                            "Danh hiệu hoặc hình thức khen thưởng không có trong danh mục: \"{t}\""
                        ),
                    ));
                }
            }
            for (list, items) in [
                ("initiatives", &record.initiatives),
                ("science_projects", &record.science_projects),
            ] {
                for (j, r) in items.iter().enumerate() {
                    if r.benefit_vnd.is_some_and(|b| b < 0) {
                        return Err(CaseError::invalid(
                            at(&format!("{list}[{j}].benefit_vnd")),
                            "Số tiền làm lợi không được âm",
                        ));
                    }
                }
            }
        }
        match (self.subject, &self.members) {
            (super::codes::Subject::Individual, Some(_)) => {
                return Err(CaseError::invalid(
                    "members",
                    "Chỉ tập thể mới có số liệu thành viên (members)",
                ));
            }
            (super::codes::Subject::Collective, Some(m)) => validate_members(m)?,
            (super::codes::Subject::Collective, None)
                if item.category == super::codes::Category::Title =>
            {
                return Err(CaseError::invalid(
                    "members",
                    format!(
                        "Danh hiệu \"{}\" cần số liệu thành viên của tập thể trong năm {}",
                        item.name, self.year
                    ),
                ));
            }
            _ => {}
        }
        Ok(item)
    }
}

impl<'de> Deserialize<'de> for Case {
    /// Through the same reader as [`Case::from_json`]; the field path becomes part of the message.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(d)?;
        Case::from_value(&value).map_err(serde::de::Error::custom)
    }
}

const TOP_FIELDS: &[&str] = &[
    "subject",
    "title",
    "year",
    "decision_date",
    "received_on",
    "history",
    "discipline_pending",
    "disciplined",
    "members",
    "staff_level",
    "union_member",
    "issuer",
];
const YEAR_FIELDS: &[&str] = &[
    "year",
    "rating",
    "titles",
    "initiatives",
    "science_projects",
    "months_worked",
];
const RECOGNITION_FIELDS: &[&str] = &["scope", "benefit_vnd", "name"];
const MEMBER_FIELDS: &[&str] = &[
    "total",
    "completed",
    "lao_dong_tien_tien",
    "chien_si_thi_dua_co_so",
    "disciplined_canh_cao_or_above",
];

fn read_year(value: &Value, path: String) -> Result<YearRecord, CaseError> {
    let f = Fields::of(value, path, YEAR_FIELDS)?;
    let titles = match f.get("titles") {
        None => Vec::new(),
        Some(v) => {
            let items = f.array(v, "titles")?;
            let mut out = Vec::with_capacity(items.len());
            for (j, t) in items.iter().enumerate() {
                match t.as_str() {
                    Some(s) => out.push(s.to_owned()),
                    None => {
                        return Err(CaseError::invalid(
                            format!("{}[{j}]", f.path("titles")),
                            "Phải là mã danh hiệu (chuỗi ký tự)",
                        ))
                    }
                }
            }
            out
        }
    };
    Ok(YearRecord {
        year: f
            .int("year", i64::from(MIN_YEAR), i64::from(MAX_YEAR))?
            .ok_or_else(|| f.missing("year"))? as i32,
        rating: f.code("rating", false)?,
        titles,
        initiatives: read_recognitions(&f, "initiatives")?,
        science_projects: read_recognitions(&f, "science_projects")?,
        months_worked: f.int("months_worked", 0, 12)?.map(|m| m as u8),
    })
}

fn read_recognitions(f: &Fields<'_>, key: &str) -> Result<Vec<Recognition>, CaseError> {
    let Some(v) = f.get(key) else {
        return Ok(Vec::new());
    };
    let items = f.array(v, key)?;
    let mut out = Vec::with_capacity(items.len());
    for (j, item) in items.iter().enumerate() {
        let r = Fields::of(item, format!("{}[{j}]", f.path(key)), RECOGNITION_FIELDS)?;
        out.push(Recognition {
            scope: r.code("scope", true)?.ok_or_else(|| r.missing("scope"))?,
            benefit_vnd: r.int("benefit_vnd", 0, i64::MAX)?,
            name: r.string("name")?.and_then(clean_name),
        });
    }
    Ok(out)
}

fn read_members(value: &Value, path: String) -> Result<Members, CaseError> {
    let f = Fields::of(value, path, MEMBER_FIELDS)?;
    let count = |key: &str| -> Result<Option<u32>, CaseError> {
        Ok(f.int(key, 0, i64::from(u32::MAX))?.map(|n| n as u32))
    };
    Ok(Members {
        total: count("total")?.ok_or_else(|| f.missing("total"))?,
        completed: count("completed")?,
        lao_dong_tien_tien: count("lao_dong_tien_tien")?,
        chien_si_thi_dua_co_so: count("chien_si_thi_dua_co_so")?,
        disciplined_canh_cao_or_above: count("disciplined_canh_cao_or_above")?,
    })
}

fn validate_members(m: &Members) -> Result<(), CaseError> {
    if m.total == 0 {
        return Err(CaseError::invalid(
            "members.total",
            "Tập thể phải có ít nhất một thành viên",
        ));
    }
    for field in super::codes::MemberField::ALL {
        if let Some(n) = m.count(*field) {
            if n > m.total {
                return Err(CaseError::invalid(
                    format!("members.{}", field.code()),
                    format!("{n} lớn hơn tổng số thành viên ({})", m.total),
                ));
            }
        }
    }
    Ok(())
}

/// The fields of one JSON object at a path, with readers that name the field on error.
struct Fields<'a> {
    map: &'a Map<String, Value>,
    path: String,
}

impl<'a> Fields<'a> {
    /// Refuses fields that are not in `allowed`, naming the first one.
    fn new(map: &'a Map<String, Value>, path: String, allowed: &[&str]) -> Result<Self, CaseError> {
        if let Some(unknown) = map.keys().find(|k| !allowed.contains(&k.as_str())) {
            let f = Fields { map, path };
            return Err(CaseError::invalid(
                f.path(unknown),
                format!(
                    "Trường không có trong mẫu hồ sơ. Các trường hợp lệ: {}",
                    allowed.join(", ")
                ),
            ));
        }
        Ok(Fields { map, path })
    }

    fn of(value: &'a Value, path: String, allowed: &[&str]) -> Result<Self, CaseError> {
        match value.as_object() {
            Some(map) => Fields::new(map, path, allowed),
            None => Err(CaseError::invalid(
                path,
                "Phải là một đối tượng JSON ({ … })",
            )),
        }
    }

    fn path(&self, key: &str) -> String {
        if self.path.is_empty() {
            key.to_owned()
        } else {
            format!("{}.{key}", self.path)
        }
    }

    /// The value, `None` when absent or null.
    fn get(&self, key: &str) -> Option<&'a Value> {
        self.map.get(key).filter(|v| !v.is_null())
    }

    fn missing(&self, key: &str) -> CaseError {
        CaseError::invalid(self.path(key), "Thiếu trường bắt buộc")
    }

    fn wrong(&self, key: &str, expected: &str) -> CaseError {
        CaseError::invalid(self.path(key), format!("Phải là {expected}"))
    }

    fn array(&self, v: &'a Value, key: &str) -> Result<&'a Vec<Value>, CaseError> {
        v.as_array()
            .ok_or_else(|| self.wrong(key, "một danh sách ([ … ])"))
    }

    fn string(&self, key: &str) -> Result<Option<String>, CaseError> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err(self.wrong(key, "chuỗi ký tự")),
        }
    }

    fn boolean(&self, key: &str) -> Result<Option<bool>, CaseError> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            Some(_) => Err(self.wrong(key, "true hoặc false")),
        }
    }

    fn int(&self, key: &str, min: i64, max: i64) -> Result<Option<i64>, CaseError> {
        match self.get(key) {
            None => Ok(None),
            Some(v) => match v.as_i64() {
                Some(n) if (min..=max).contains(&n) => Ok(Some(n)),
                Some(_) if max == i64::MAX => {
                    Err(self.wrong(key, &format!("số nguyên từ {min} trở lên")))
                }
                Some(_) => Err(self.wrong(key, &format!("số nguyên từ {min} đến {max}"))),
                None => Err(self.wrong(key, "số nguyên")),
            },
        }
    }

    fn date(&self, key: &str) -> Result<Option<NaiveDate>, CaseError> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::String(s)) => parse_iso_date(s).map(Some).ok_or_else(|| {
                self.wrong(key, "một ngày có thật, dạng YYYY-MM-DD (ví dụ 2025-01-15)")
            }),
            Some(_) => Err(self.wrong(key, "một ngày dạng YYYY-MM-DD")),
        }
    }

    /// A code of a closed set; `required` only changes the message when it is absent.
    fn code<C: CodeSet>(&self, key: &str, required: bool) -> Result<Option<C>, CaseError> {
        match self.get(key) {
            None if required => Err(self.missing(key)),
            None => Ok(None),
            Some(Value::String(s)) => C::parse(s).map(Some).ok_or_else(|| {
                CaseError::invalid(self.path(key), super::codes::unknown_code_message::<C>(s))
            }),
            Some(_) => Err(CaseError::invalid(
                self.path(key),
                format!("Phải là mã {} (chuỗi ký tự): {}", C::what(), C::code_list()),
            )),
        }
    }
}

/// A name in NFC with its white space tidied; None when empty. Text already clean (the usual case) is
/// kept as it is: one pass decides, treating as already composed every character below U+0300 (no
/// combining marks there) and the precomposed Vietnamese letters U+1EA0–U+1EF9.
fn clean_name(n: String) -> Option<String> {
    let mut prev_space = true; // a leading space is untidy
    let mut tidy = true;
    for c in n.chars() {
        let space = c.is_whitespace();
        let composed = (c as u32) < 0x300 || ('\u{1EA0}'..='\u{1EF9}').contains(&c);
        if (space && (prev_space || c != ' ')) || !composed {
            tidy = false;
            break;
        }
        prev_space = space;
    }
    if tidy && !prev_space {
        return Some(n);
    }
    let cleaned = text::clean(&n);
    (!cleaned.is_empty()).then_some(cleaned)
}

/// The typed fast pass of [`Case::from_json`]: derived serde over the same shape, `None` on anything
/// the field-naming reader would refuse (it then runs and says why).
mod fast {
    use super::{
        clean_name, parse_iso_date, Case, Members, Recognition, YearRecord, MAX_YEAR, MIN_YEAR,
    };
    use crate::rules::codes::{Discipline, Issuer, Rating, Scope, StaffLevel, Subject};
    use chrono::NaiveDate;
    use serde::{Deserialize, Deserializer};

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub(super) struct RawCase {
        subject: Subject,
        title: String,
        year: i64,
        decision_date: IsoDate,
        #[serde(default)]
        received_on: Option<IsoDate>,
        #[serde(default)]
        history: Option<Vec<RawYear>>,
        discipline_pending: bool,
        #[serde(default)]
        disciplined: Option<Discipline>,
        #[serde(default)]
        members: Option<RawMembers>,
        #[serde(default)]
        staff_level: Option<StaffLevel>,
        #[serde(default)]
        union_member: Option<bool>,
        #[serde(default)]
        issuer: Option<Issuer>,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct RawYear {
        year: i64,
        #[serde(default)]
        rating: Option<Rating>,
        #[serde(default)]
        titles: Option<Vec<String>>,
        #[serde(default)]
        initiatives: Option<Vec<RawRecognition>>,
        #[serde(default)]
        science_projects: Option<Vec<RawRecognition>>,
        #[serde(default)]
        months_worked: Option<u64>,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct RawRecognition {
        scope: Scope,
        #[serde(default)]
        benefit_vnd: Option<u64>,
        #[serde(default)]
        name: Option<String>,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct RawMembers {
        total: u64,
        #[serde(default)]
        completed: Option<u64>,
        #[serde(default)]
        lao_dong_tien_tien: Option<u64>,
        #[serde(default)]
        chien_si_thi_dua_co_so: Option<u64>,
        #[serde(default)]
        disciplined_canh_cao_or_above: Option<u64>,
    }

    struct IsoDate(NaiveDate);

    impl<'de> Deserialize<'de> for IsoDate {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
            parse_iso_date(&s)
                .map(IsoDate)
                .ok_or_else(|| serde::de::Error::custom("date"))
        }
    }

    fn year(y: i64) -> Option<i32> {
        i32::try_from(y)
            .ok()
            .filter(|y| (MIN_YEAR..=MAX_YEAR).contains(y))
    }

    fn count(n: Option<u64>) -> Option<Option<u32>> {
        match n {
            None => Some(None),
            Some(n) => u32::try_from(n).ok().map(Some),
        }
    }

    fn recognitions(items: Option<Vec<RawRecognition>>) -> Option<Vec<Recognition>> {
        items
            .unwrap_or_default()
            .into_iter()
            .map(|r| {
                Some(Recognition {
                    scope: r.scope,
                    benefit_vnd: match r.benefit_vnd {
                        None => None,
                        Some(b) => Some(i64::try_from(b).ok()?),
                    },
                    name: r.name.and_then(clean_name),
                })
            })
            .collect()
    }

    impl RawCase {
        pub(super) fn into_case(self) -> Option<Case> {
            let history = self
                .history
                .unwrap_or_default()
                .into_iter()
                .map(|y| {
                    Some(YearRecord {
                        year: year(y.year)?,
                        rating: y.rating,
                        titles: y.titles.unwrap_or_default(),
                        initiatives: recognitions(y.initiatives)?,
                        science_projects: recognitions(y.science_projects)?,
                        months_worked: match y.months_worked {
                            None => None,
                            Some(m) if m <= 12 => Some(m as u8),
                            Some(_) => return None,
                        },
                    })
                })
                .collect::<Option<Vec<_>>>()?;
            let members = match self.members {
                None => None,
                Some(m) => Some(Members {
                    total: u32::try_from(m.total).ok()?,
                    completed: count(m.completed)?,
                    lao_dong_tien_tien: count(m.lao_dong_tien_tien)?,
                    chien_si_thi_dua_co_so: count(m.chien_si_thi_dua_co_so)?,
                    disciplined_canh_cao_or_above: count(m.disciplined_canh_cao_or_above)?,
                }),
            };
            Some(Case {
                subject: self.subject,
                title: self.title,
                year: year(self.year)?,
                decision_date: self.decision_date.0,
                received_on: self.received_on.map(|d| d.0),
                history,
                discipline_pending: self.discipline_pending,
                disciplined: self.disciplined,
                members,
                staff_level: self.staff_level,
                union_member: self.union_member,
                issuer: self.issuer,
            })
        }
    }
}

/// Strict ISO date: exactly "YYYY-MM-DD", a day that exists.
pub fn parse_iso_date(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = s.get(r)?;
        if part.bytes().all(|c| c.is_ascii_digit()) {
            part.parse().ok()
        } else {
            None
        }
    };
    let year = i32::try_from(digits(0..4)?).ok()?;
    NaiveDate::from_ymd_opt(year, digits(5..7)?, digits(8..10)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_end_up_clean_and_composed_whichever_path_they_take() {
        for raw in [
            "Số hóa hồ sơ",
            " Số  hóa ",
            "So hoa",
            "Sô\u{301} hóa",
            "a\tb",
            "",
            "   ",
            "Đổi mới",
            "x ",
        ] {
            let want = Some(text::clean(raw)).filter(|s| !s.is_empty());
            assert_eq!(clean_name(raw.to_owned()), want, "{raw:?}");
        }
    }

    #[test]
    fn iso_dates_are_strict() {
        assert_eq!(
            parse_iso_date("2025-01-15"),
            NaiveDate::from_ymd_opt(2025, 1, 15)
        );
        assert_eq!(parse_iso_date("2025-1-15"), None);
        assert_eq!(parse_iso_date("2025-02-30"), None);
        assert_eq!(parse_iso_date("15/01/2025"), None);
        assert_eq!(parse_iso_date("2025-01-1x"), None);
    }
}
