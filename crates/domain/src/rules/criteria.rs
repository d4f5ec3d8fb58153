//! Criteria as code with data. A [`Rule`] is one kind of criterion with its thresholds (data, in the
//! rule tables or in a movement's guidance); this module knows how to judge each kind against a case
//! and how to word it in Vietnamese, naming the year and the evidence.
//!
//! Two principles of the contract run through every rule: a year absent from the history is unknown,
//! and unknown is never "met"; judgment criteria are `met: null` and never decide on their own.

use super::case::{Case, Recognition};
use super::codes::{Discipline, MemberField, Rating, Scope, StaffLevel};
use super::error::TablesError;
use super::tables::{Regime, RuleTables};
use super::verdict::{Criterion, CriterionKind, CriterionSource};
use crate::format::money_vnd;
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use std::collections::BTreeMap;
use std::fmt;

/// `format!` into a buffer sized for a sentence: the criterion texts are long and `format!`'s own
/// estimate makes it grow them several times (a fifth of the judging time before this).
macro_rules! text {
    ($($arg:tt)*) => {{
        let mut s = String::with_capacity(256);
        // Writing to a String cannot fail.
        let _ = std::fmt::Write::write_fmt(&mut s, format_args!($($arg)*));
        s
    }};
}

/// One criterion of a title or form in a regime: what is required, and the article it comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CriterionSpec {
    #[serde(flatten)]
    pub rule: Rule,
    /// "Luật Thi đua, khen thưởng 2022, Điều 23".
    pub citation: String,
}

fn is_whole(s: &crate::initiative::BenefitSplit) -> bool {
    *s == crate::initiative::BenefitSplit::Whole
}

/// The kinds of criteria the engine can judge. `years` counts back from the judged year, which is
/// included: `years: 3` for 2024 means 2022, 2023 and 2024.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Rule {
    /// No discipline, inspection or complaint under way (`discipline_pending` is false).
    NoPendingDiscipline,
    /// No discipline of this level or above received in the judged year (`disciplined`).
    NotDisciplined {
        at_or_above: Discipline,
    },
    /// Rated at least this in each of the `years` years up to the judged year.
    MinRating {
        at_least: Rating,
        #[serde(default = "one", skip_serializing_if = "is_one")]
        years: u8,
    },
    /// Worked at least this many months of the judged year (maternity leave counts; absent: 12).
    MinMonthsWorked {
        months: u8,
    },
    /// Holds `title` for the judged year, or meets its data criteria in this regime ("Lao động tiên
    /// tiến standard met without the title" counts for Chiến sĩ thi đua cơ sở).
    TitleStandard {
        title: String,
    },
    /// At least one of the options, in any of the `years` years up to the judged year.
    AnyOf {
        options: Vec<Achievement>,
        #[serde(default = "one", skip_serializing_if = "is_one")]
        years: u8,
    },
    /// Held `title` `times` times in a row, every `every` years, the last in the judged year.
    TitleInYears {
        title: String,
        times: u8,
        #[serde(default = "one", skip_serializing_if = "is_one")]
        every: u8,
    },
    /// A share of a collective's members (`members`), at least or strictly more than `percent`.
    MembersShare {
        of: MemberField,
        percent: Percent,
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        strictly_more: bool,
    },
    MembersAtLeast {
        of: MemberField,
        count: u32,
    },
    MembersAtMost {
        of: MemberField,
        count: u32,
    },
    /// A unit-wide cap: at most `percent` of the unit's holders of `of_title`. One case cannot decide
    /// it: `met` is null and the council checks the unit's list (see [`quota_limit`]).
    QuotaCap {
        percent: Percent,
        of_title: String,
    },
    /// A trade-union member (`union_member`).
    UnionMember,
    /// An initiative recognised in the judged year whose benefit reaches the threshold of the case's
    /// `staff_level`.
    InitiativeBenefit {
        thresholds: BTreeMap<StaffLevel, i64>,
        /// How co-authors count an initiative's benefit in the Labour Federation's list (absent:
        /// each counts the whole benefit).
        #[serde(default, skip_serializing_if = "is_whole")]
        split: crate::initiative::BenefitSplit,
    },
    /// For the council to confirm; never decides eligibility.
    Judgment {
        text: String,
    },
}

fn one() -> u8 {
    1
}

fn is_one(n: &u8) -> bool {
    *n == 1
}

/// One way of meeting an [`Rule::AnyOf`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Achievement {
    RatingAtLeast(Rating),
    /// An initiative recognised at this scope or a wider one.
    Initiative(Scope),
    /// A science project accepted and recognised at this scope or a wider one.
    ScienceProject(Scope),
}

/// A percentage in hundredths of a percent (`70` is `Percent(7000)`), written as a number in JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Percent(pub u32);

impl Percent {
    pub fn basis_points(self) -> u32 {
        self.0
    }

    pub(crate) fn check(self, at: &str) -> Result<(), TablesError> {
        if self.0 > 10_000 {
            Err(TablesError::new(at, "tỷ lệ phải từ 0 đến 100"))
        } else {
            Ok(())
        }
    }

    /// `part / whole` reaches this percentage (or exceeds it, when `strictly`); exact integer arithmetic.
    pub fn reached_by(self, part: u32, whole: u32, strictly: bool) -> bool {
        let lhs = u64::from(part) * 10_000;
        let rhs = u64::from(self.0) * u64::from(whole);
        if strictly {
            lhs > rhs
        } else {
            lhs >= rhs
        }
    }
}

impl fmt::Display for Percent {
    /// "70%", "69,9%", "12,5%".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let whole = self.0 / 100;
        let frac = self.0 % 100;
        if frac == 0 {
            write!(f, "{whole}%")
        } else {
            let digits = format!("{frac:02}");
            write!(f, "{whole},{}%", digits.trim_end_matches('0'))
        }
    }
}

impl Serialize for Percent {
    // `is_multiple_of` needs Rust 1.87; the workspace declares 1.85.
    #[allow(clippy::manual_is_multiple_of)]
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.0 % 100 == 0 {
            s.serialize_u32(self.0 / 100)
        } else {
            s.serialize_f64(f64::from(self.0) / 100.0)
        }
    }
}

impl<'de> Deserialize<'de> for Percent {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Percent;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a percentage from 0 to 100, at most two decimals")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Percent, E> {
                if v > 100 {
                    return Err(E::custom("tỷ lệ phải từ 0 đến 100"));
                }
                // v ≤ 100.
                Ok(Percent(v as u32 * 100))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Percent, E> {
                u64::try_from(v)
                    .map_err(|_| E::custom("tỷ lệ không được âm"))
                    .and_then(|v| self.visit_u64(v))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Percent, E> {
                if !v.is_finite() || !(0.0..=100.0).contains(&v) {
                    return Err(E::custom("tỷ lệ phải từ 0 đến 100"));
                }
                let scaled = (v * 100.0).round();
                if (scaled - v * 100.0).abs() > 1e-6 {
                    return Err(E::custom("tỷ lệ chỉ có tối đa 2 chữ số thập phân"));
                }
                // 0 ≤ scaled ≤ 10,000.
                Ok(Percent(scaled as u32))
            }
        }
        d.deserialize_any(V)
    }
}

/// How many of `holders` a unit-wide cap of `percent` allows, rounded down: 15% of 40 is 6.
pub fn quota_limit(percent: Percent, holders: u32) -> u32 {
    // ≤ holders, so it fits.
    (u64::from(holders) * u64::from(percent.0) / 10_000) as u32
}

/// The criterion as the catalogue states it, without a case: `title_name` is the title it belongs to.
pub fn requirement(rule: &Rule, tables: &RuleTables, title_name: &str) -> String {
    let name = |code: &str| {
        tables
            .item(code)
            .map_or_else(|| code.to_owned(), |i| i.name.clone())
    };
    match rule {
        Rule::NoPendingDiscipline => {
            "Không trong thời gian bị xem xét kỷ luật, điều tra, thanh tra, kiểm tra hoặc giải quyết khiếu nại, tố cáo"
                .to_owned()
        }
        Rule::NotDisciplined { at_or_above } => {
            if *at_or_above == Discipline::KhienTrach {
                "Không bị kỷ luật trong năm xét".to_owned()
            } else {
                format!("Không bị kỷ luật từ hình thức {at_or_above} trở lên trong năm xét")
            }
        }
        Rule::MinRating { at_least, years } => {
            let span = if *years == 1 {
                "trong năm xét".to_owned()
            } else {
                format!("trong {years} năm liên tục đến năm xét")
            };
            format!("Xếp loại {} {span}", rating_requirement(*at_least))
        }
        Rule::MinMonthsWorked { months } => {
            format!("Làm việc ít nhất {months} tháng trong năm xét (thời gian nghỉ thai sản được tính)")
        }
        Rule::TitleStandard { title } => format!("Đạt tiêu chuẩn {} trong năm xét", name(title)),
        Rule::AnyOf { options, years } => {
            let opts: Vec<String> = options.iter().map(|o| achievement_requirement(*o)).collect();
            let span = if *years == 1 {
                "trong năm xét".to_owned()
            } else {
                format!("trong {years} năm đến năm xét")
            };
            capitalise(&format!("{} ({span})", opts.join(", hoặc ")))
        }
        Rule::TitleInYears { title, times, every } => {
            if *every == 1 {
                format!("Đạt danh hiệu {} {times} năm liên tục đến năm xét", name(title))
            } else {
                format!(
                    "Đạt danh hiệu {} {times} lần liên tục (mỗi lần {every} năm) đến năm xét",
                    name(title)
                )
            }
        }
        Rule::MembersShare { of, percent, strictly_more } => {
            format!("{} cá nhân trong tập thể {}", capitalise(&share_requirement(*percent, *strictly_more)), of.label())
        }
        Rule::MembersAtLeast { of, count } => format!("Có ít nhất {count} cá nhân {}", of.label()),
        Rule::MembersAtMost { of, count } => {
            if *count == 0 {
                format!("Không có cá nhân {}", of.label())
            } else {
                format!("Không quá {count} cá nhân {}", of.label())
            }
        }
        Rule::QuotaCap { percent, of_title } => format!(
            "Số cá nhân được công nhận {title_name} không quá {percent} số cá nhân đạt danh hiệu {} của đơn vị",
            name(of_title)
        ),
        Rule::UnionMember => "Là đoàn viên công đoàn".to_owned(),
        Rule::InitiativeBenefit { thresholds, .. } => {
            let parts: Vec<String> = thresholds
                .iter()
                .map(|(level, vnd)| format!("{} ({level})", money_vnd(*vnd)))
                .collect();
            format!("Có sáng kiến được công nhận trong năm xét làm lợi ít nhất {}", parts.join("; "))
        }
        Rule::Judgment { text } => text.clone(),
    }
}

/// "từ Hoàn thành tốt nhiệm vụ trở lên", or just the top rating.
fn rating_requirement(r: Rating) -> String {
    if r == Rating::HoanThanhXuatSac {
        r.label().to_owned()
    } else {
        format!("từ {} trở lên", r.label())
    }
}

fn scope_requirement(s: Scope) -> String {
    if s == Scope::ToanQuoc {
        format!("phạm vi {}", s.label())
    } else {
        format!("phạm vi {} trở lên", s.label())
    }
}

fn achievement_requirement(a: Achievement) -> String {
    match a {
        Achievement::RatingAtLeast(r) => format!("xếp loại {}", rating_requirement(r)),
        Achievement::Initiative(s) => {
            format!("có sáng kiến được công nhận {}", scope_requirement(s))
        }
        Achievement::ScienceProject(s) => {
            format!(
                "có đề tài khoa học được nghiệm thu, áp dụng {}",
                scope_requirement(s)
            )
        }
    }
}

fn share_requirement(p: Percent, strictly: bool) -> String {
    if strictly {
        format!("trên {p}")
    } else if p.0 == 10_000 {
        "100%".to_owned()
    } else {
        format!("ít nhất {p}")
    }
}

/// First letter upper case.
pub(crate) fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// First letter lower case, for a sentence continued after a colon.
pub(crate) fn decapitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// "2024" or "2022–2024".
fn span(from: i32, to: i32) -> String {
    if from == to {
        to.to_string()
    } else {
        format!("{from}–{to}")
    }
}

/// "sáng kiến “Tên” được công nhận phạm vi cơ sở".
fn recognition_phrase(what: &str, r: &Recognition) -> String {
    let verb = if what == "sáng kiến" {
        "được công nhận"
    } else {
        "được nghiệm thu, công nhận"
    };
    match &r.name {
        Some(n) => format!("{what} “{n}” {verb} phạm vi {}", r.scope.label()),
        None => format!("{what} {verb} phạm vi {}", r.scope.label()),
    }
}

/// A criterion judged, before it gets its citation and source.
struct Judged {
    met: Option<bool>,
    text: String,
    kind: CriterionKind,
}

impl Judged {
    fn data(met: bool, text: String) -> Self {
        Judged {
            met: Some(met),
            text,
            kind: CriterionKind::Data,
        }
    }
}

/// What judging needs besides the rule: the case, the tables and the chosen regime.
pub(crate) struct Judge<'a> {
    pub case: &'a Case,
    pub tables: &'a RuleTables,
    pub regime: &'a Regime,
    /// Name of the title or form judged.
    pub title_name: &'a str,
}

impl Judge<'_> {
    /// Judges one criterion and appends it (and, for a title's standard judged without the title, the
    /// judgment criteria of that standard) to `out`.
    pub fn evaluate(
        &self,
        rule: &Rule,
        citation: &str,
        source: CriterionSource,
        out: &mut Vec<Criterion>,
    ) {
        let mut extra = Vec::new();
        let judged = match rule {
            Rule::TitleStandard { title } => self.title_standard(title, source, &mut extra),
            other => self.judge(other),
        };
        out.push(Criterion {
            met: judged.met,
            text: judged.text,
            citation: citation.to_owned(),
            kind: judged.kind,
            source,
        });
        out.append(&mut extra);
    }

    fn name<'n>(&'n self, code: &'n str) -> &'n str {
        self.tables.item(code).map_or(code, |i| i.name.as_str())
    }

    fn judge(&self, rule: &Rule) -> Judged {
        let case = self.case;
        let y = case.year;
        match rule {
            Rule::NoPendingDiscipline => {
                if case.discipline_pending {
                    Judged::data(
                        false,
                        "Đang bị xem xét kỷ luật, điều tra, thanh tra, kiểm tra hoặc giải quyết khiếu nại, tố cáo: chưa xét khen thưởng"
                            .to_owned(),
                    )
                } else {
                    Judged::data(
                        true,
                        "Không đang bị xem xét kỷ luật, điều tra, thanh tra, kiểm tra hoặc giải quyết khiếu nại, tố cáo"
                            .to_owned(),
                    )
                }
            }
            Rule::NotDisciplined { at_or_above } => match case.disciplined {
                None => Judged::data(true, text!("Năm {y} không bị kỷ luật")),
                Some(d) if d >= *at_or_above => Judged::data(
                    false,
                    text!("Năm {y} bị kỷ luật {d} (không xét khi bị kỷ luật từ hình thức {at_or_above} trở lên)"),
                ),
                Some(d) => Judged::data(
                    true,
                    text!("Năm {y} bị kỷ luật {d}, dưới mức {at_or_above} nên không loại trừ"),
                ),
            },
            Rule::MinRating { at_least, years } => self.min_rating(*at_least, *years),
            Rule::MinMonthsWorked { months } => {
                let need = text!("yêu cầu: ít nhất {months} tháng, kể cả thời gian nghỉ thai sản");
                match case.record(y) {
                    None => Judged::data(false, text!("Năm {y} chưa có dữ liệu thời gian làm việc ({need})")),
                    Some(r) => {
                        let worked = r.months_worked.unwrap_or(12);
                        let whole = if r.months_worked.is_none() { " (cả năm)" } else { "" };
                        Judged::data(worked >= *months, text!("Năm {y} làm việc {worked} tháng{whole} ({need})"))
                    }
                }
            }
            Rule::TitleStandard { title } => self.title_standard(title, CriterionSource::Law, &mut Vec::new()),
            Rule::AnyOf { options, years } => self.any_of(options, *years),
            Rule::TitleInYears { title, times, every } => self.title_in_years(title, *times, *every),
            Rule::MembersShare { of, percent, strictly_more } => self.members(*of, |n, total| {
                let tenths = u64::from(n) * 1000 / u64::from(total.max(1));
                let pct = if tenths % 10 == 0 {
                    text!("{}%", tenths / 10)
                } else {
                    text!("{},{}%", tenths / 10, tenths % 10)
                };
                (
                    percent.reached_by(n, total, *strictly_more),
                    text!(
                        "Năm {y} có {n}/{total} cá nhân ({pct}) {} (yêu cầu: {})",
                        of.label(),
                        share_requirement(*percent, *strictly_more)
                    ),
                )
            }),
            Rule::MembersAtLeast { of, count } => self.members(*of, |n, _| {
                (n >= *count, text!("Năm {y} có {n} cá nhân {} (yêu cầu: ít nhất {count})", of.label()))
            }),
            Rule::MembersAtMost { of, count } => self.members(*of, |n, _| {
                let need = if *count == 0 {
                    "không có".to_owned()
                } else {
                    text!("không quá {count}")
                };
                (n <= *count, text!("Năm {y} có {n} cá nhân {} (yêu cầu: {need})", of.label()))
            }),
            Rule::QuotaCap { percent, of_title } => Judged {
                met: None,
                text: text!(
                    "Số cá nhân được công nhận {} năm {y} không quá {percent} số cá nhân đạt danh hiệu {} của đơn vị: kiểm tra theo danh sách đề nghị của đơn vị",
                    self.title_name,
                    self.name(of_title)
                ),
                kind: CriterionKind::Quota,
            },
            Rule::UnionMember => match case.union_member {
                Some(true) => Judged::data(true, "Là đoàn viên công đoàn".to_owned()),
                Some(false) => Judged::data(false, "Không phải đoàn viên công đoàn".to_owned()),
                None => Judged::data(false, "Chưa có dữ liệu là đoàn viên công đoàn hay không (union_member)".to_owned()),
            },
            Rule::InitiativeBenefit { thresholds, .. } => self.initiative_benefit(thresholds),
            Rule::Judgment { text } => Judged {
                met: None,
                text: text!("{text} (hội đồng xác nhận)"),
                kind: CriterionKind::Judgment,
            },
        }
    }

    fn min_rating(&self, at_least: Rating, years: u8) -> Judged {
        let y = self.case.year;
        let need = rating_requirement(at_least);
        let first = y - i32::from(years.max(1)) + 1;
        let say = |r: Option<Rating>| {
            r.map_or("chưa có dữ liệu xếp loại".to_owned(), |r| {
                text!("xếp loại {r}")
            })
        };
        if years <= 1 {
            let rating = self.case.record(y).and_then(|r| r.rating);
            let met = rating.is_some_and(|r| r.at_least(at_least));
            Judged::data(met, text!("Năm {y} {} (yêu cầu: {need})", say(rating)))
        } else {
            let ratings: Vec<(i32, Option<Rating>)> = (first..=y)
                .map(|yr| (yr, self.case.record(yr).and_then(|r| r.rating)))
                .collect();
            let met = ratings
                .iter()
                .all(|(_, r)| r.is_some_and(|r| r.at_least(at_least)));
            let each: Vec<String> = ratings
                .iter()
                .map(|(yr, r)| text!("năm {yr} {}", say(*r)))
                .collect();
            Judged::data(
                met,
                text!(
                    "Các năm {} xếp loại {need}: {}",
                    span(first, y),
                    each.join("; ")
                ),
            )
        }
    }

    /// Holds `title` in the judged year, or meets its data criteria in this regime.
    fn title_standard(
        &self,
        title: &str,
        source: CriterionSource,
        extra: &mut Vec<Criterion>,
    ) -> Judged {
        let y = self.case.year;
        let name = self.name(title);
        if self.case.record(y).is_some_and(|r| r.has_title(title)) {
            return Judged::data(
                true,
                text!("Đạt tiêu chuẩn {name} năm {y}: đã được công nhận danh hiệu"),
            );
        }
        let Some(rules) = self.regime.rules.get(title) else {
            return Judged::data(
                false,
                text!("Năm {y} chưa được công nhận {name}, và chế độ này chưa có tiêu chuẩn của danh hiệu để đối chiếu"),
            );
        };
        let mut met_texts = Vec::new();
        let mut unmet_texts = Vec::new();
        for spec in &rules.criteria {
            match &spec.rule {
                // The case's own pending discipline is judged on its own; caps and nested standards
                // belong to the title, not to its standard.
                Rule::NoPendingDiscipline | Rule::QuotaCap { .. } | Rule::TitleStandard { .. } => {}
                Rule::Judgment { text } => extra.push(Criterion {
                    met: None,
                    text: text!(
                        "{text} (tiêu chuẩn {name} năm {y}, chưa có quyết định công nhận danh hiệu: hội đồng xác nhận)"
                    ),
                    citation: spec.citation.clone(),
                    kind: CriterionKind::Judgment,
                    source,
                }),
                rule => {
                    let j = self.judge(rule);
                    match j.met {
                        Some(true) => met_texts.push(decapitalise(&j.text)),
                        _ => unmet_texts.push(decapitalise(&j.text)),
                    }
                }
            }
        }
        if unmet_texts.is_empty() {
            Judged::data(
                true,
                text!(
                    "Đạt tiêu chuẩn {name} năm {y} (chưa có quyết định công nhận danh hiệu): {}",
                    met_texts.join("; ")
                ),
            )
        } else {
            Judged::data(
                false,
                text!(
                    "Chưa đạt tiêu chuẩn {name} năm {y}: {}",
                    unmet_texts.join("; ")
                ),
            )
        }
    }

    fn any_of(&self, options: &[Achievement], years: u8) -> Judged {
        let y = self.case.year;
        let first = y - i32::from(years.max(1)) + 1;
        let need: Vec<String> = options
            .iter()
            .map(|o| achievement_requirement(*o))
            .collect();
        let need = need.join(", hoặc ");
        let records: Vec<_> = (first..=y).filter_map(|yr| self.case.record(yr)).collect();
        for option in options {
            if let Some((yr, evidence)) = self.achievement(*option, first, y) {
                let text = if years <= 1 {
                    text!("Năm {yr} {evidence} (yêu cầu: {need})")
                } else {
                    text!(
                        "Trong các năm {}: năm {yr} {evidence} (yêu cầu: {need})",
                        span(first, y)
                    )
                };
                return Judged::data(true, text);
            }
        }
        // Not met: say what was found instead, and which years are unknown.
        let mut found = Vec::new();
        for option in options {
            match option {
                Achievement::RatingAtLeast(_) if years <= 1 => {
                    match records.first().map(|r| r.rating) {
                        Some(Some(r)) => found.push(text!("xếp loại {r}")),
                        Some(None) => found.push("chưa có dữ liệu xếp loại".to_owned()),
                        None => {}
                    }
                }
                Achievement::RatingAtLeast(_) => {}
                Achievement::Initiative(s) => found.push(best_below(
                    "sáng kiến",
                    *s,
                    records.iter().flat_map(|r| r.initiatives.iter()),
                )),
                Achievement::ScienceProject(s) => found.push(best_below(
                    "đề tài khoa học",
                    *s,
                    records.iter().flat_map(|r| r.science_projects.iter()),
                )),
            }
        }
        found.dedup();
        let unknown: Vec<String> = (first..=y)
            .filter(|yr| self.case.record(*yr).is_none())
            .map(|yr| text!("năm {yr} chưa có dữ liệu"))
            .collect();
        let period = if years <= 1 {
            text!("Năm {y}")
        } else {
            text!("Các năm {}", span(first, y))
        };
        let mut facts = found;
        facts.extend(unknown);
        Judged::data(
            false,
            text!("{period} không đạt: {} (yêu cầu: {need})", facts.join("; ")),
        )
    }

    /// The best evidence of one achievement within the years, as (year, words).
    fn achievement(&self, a: Achievement, first: i32, last: i32) -> Option<(i32, String)> {
        let records = (first..=last).rev().filter_map(|yr| self.case.record(yr));
        match a {
            Achievement::RatingAtLeast(min) => records
                .filter_map(|r| {
                    r.rating
                        .filter(|x| x.at_least(min))
                        .map(|x| (r.year, text!("xếp loại {x}")))
                })
                .next(),
            Achievement::Initiative(min) => best_recognition(records.flat_map(|r| {
                r.initiatives
                    .iter()
                    .filter(move |i| i.scope >= min)
                    .map(move |i| (r.year, i))
            }))
            .map(|(yr, i)| (yr, text!("có {}", recognition_phrase("sáng kiến", i)))),
            Achievement::ScienceProject(min) => best_recognition(records.flat_map(|r| {
                r.science_projects
                    .iter()
                    .filter(move |i| i.scope >= min)
                    .map(move |i| (r.year, i))
            }))
            .map(|(yr, i)| (yr, text!("có {}", recognition_phrase("đề tài khoa học", i)))),
        }
    }

    fn title_in_years(&self, title: &str, times: u8, every: u8) -> Judged {
        let y = self.case.year;
        let name = self.name(title);
        let times = i32::from(times.max(1));
        let every = i32::from(every.max(1));
        let years: Vec<i32> = (0..times).map(|k| y - every * (times - 1 - k)).collect();
        let mut all = true;
        let each: Vec<String> = years
            .iter()
            .map(|yr| match self.case.record(*yr) {
                None => {
                    all = false;
                    text!("năm {yr} chưa có dữ liệu")
                }
                Some(r) if r.has_title(title) => text!("năm {yr} đã đạt"),
                Some(_) => {
                    all = false;
                    text!("năm {yr} không đạt")
                }
            })
            .collect();
        let which = if every == 1 {
            text!("{times} năm liên tục {}", span(years[0], y))
        } else {
            let list: Vec<String> = years.iter().map(|yr| text!("năm {yr}")).collect();
            text!("{times} lần liên tục ({})", list.join(" và "))
        };
        let text = if all {
            text!("Đạt danh hiệu {name} {which}: {}", each.join("; "))
        } else {
            text!("Không đủ {which} đạt danh hiệu {name}: {}", each.join("; "))
        };
        Judged::data(all, text)
    }

    fn members(&self, of: MemberField, judge: impl Fn(u32, u32) -> (bool, String)) -> Judged {
        let y = self.case.year;
        match &self.case.members {
            None => Judged::data(
                false,
                text!("Chưa có số liệu thành viên của tập thể năm {y} (members)"),
            ),
            Some(m) => match m.count(of) {
                None => Judged::data(
                    false,
                    text!(
                        "Năm {y} chưa có số cá nhân {} (members.{})",
                        of.label(),
                        of.code()
                    ),
                ),
                Some(n) => {
                    let (met, text) = judge(n, m.total);
                    Judged::data(met, text)
                }
            },
        }
    }

    fn initiative_benefit(&self, thresholds: &BTreeMap<StaffLevel, i64>) -> Judged {
        let y = self.case.year;
        let Some(level) = self.case.staff_level else {
            return Judged::data(
                false,
                "Chưa rõ đối tượng (staff_level) để xác định mức làm lợi tối thiểu của sáng kiến"
                    .to_owned(),
            );
        };
        let Some(threshold) = thresholds.get(&level) else {
            return Judged::data(
                false,
                text!("Bảng quy tắc chưa có mức làm lợi tối thiểu cho {level}"),
            );
        };
        let need = text!("yêu cầu với {level}: ít nhất {}", money_vnd(*threshold));
        let Some(record) = self.case.record(y) else {
            return Judged::data(false, text!("Năm {y} chưa có dữ liệu sáng kiến ({need})"));
        };
        let best = record
            .initiatives
            .iter()
            .filter_map(|i| i.benefit_vnd.map(|b| (b, i)))
            .max_by(|(a, ia), (b, ib)| a.cmp(b).then_with(|| ib.name.cmp(&ia.name)));
        match best {
            None if record.initiatives.is_empty() => Judged::data(
                false,
                text!("Năm {y} không có sáng kiến được công nhận ({need})"),
            ),
            None => Judged::data(
                false,
                text!("Năm {y} có sáng kiến nhưng chưa có số tiền làm lợi ({need})"),
            ),
            Some((benefit, i)) => {
                let what = match &i.name {
                    Some(n) => text!("sáng kiến “{n}”"),
                    None => "sáng kiến".to_owned(),
                };
                Judged::data(
                    benefit >= *threshold,
                    text!("Năm {y} có {what} làm lợi {} ({need})", money_vnd(benefit)),
                )
            }
        }
    }
}

/// The widest-scope, latest, most beneficial recognition; ties broken by name so that the choice
/// never depends on the order of the input.
fn best_recognition<'r>(
    items: impl Iterator<Item = (i32, &'r Recognition)>,
) -> Option<(i32, &'r Recognition)> {
    items.max_by(|(ya, a), (yb, b)| {
        a.scope
            .cmp(&b.scope)
            .then(ya.cmp(yb))
            .then(a.benefit_vnd.cmp(&b.benefit_vnd))
            .then_with(|| b.name.cmp(&a.name))
    })
}

/// What was found when nothing reached `min`: "sáng kiến cao nhất phạm vi cơ sở" or "không có sáng kiến".
fn best_below<'r>(what: &str, min: Scope, items: impl Iterator<Item = &'r Recognition>) -> String {
    match items.map(|r| r.scope).max() {
        None => format!("không có {what}"),
        Some(s) => format!(
            "{what} chỉ đạt phạm vi {s} (cần {})",
            scope_requirement(min)
        ),
    }
}
