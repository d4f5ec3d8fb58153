//! The rule tables: everything about the law that is data rather than code. The catalogue of titles and
//! forms, the base salaries by effective date, the regimes with, for each title or form, its criteria
//! (kind, thresholds, citation) and its award coefficient, and the transition rules.
//!
//! The built-in copy is `tables.json`, shipped in the binary. An administrator's copy (in the database,
//! later) has the same shape and a higher `version`; `RuleTables::from_json` reads and checks one.

use super::codes::{Category, Issuer, SubjectKind};
use super::criteria::{CriterionSpec, Rule};
use super::error::TablesError;
use super::money::Coefficient;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// All the data the engine judges with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleTables {
    /// Increases with every change; a verdict names the version it was judged with.
    pub version: u32,
    /// What this version is: "Bảng quy tắc tích hợp, cập nhật đến Nghị định 152/2025/NĐ-CP".
    pub label: String,
    pub catalogue: Vec<CatalogueItem>,
    /// Base salaries (mức lương cơ sở), each in force from its date until the next one.
    pub base_salaries: Vec<BaseSalary>,
    /// The legal regimes, oldest first; each applies to decisions from its `from` date.
    pub regimes: Vec<Regime>,
    /// Rules that send a dossier received before a date to an older regime.
    #[serde(default)]
    pub transitions: Vec<Transition>,
}

/// A title or form that cases may ask for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CatalogueItem {
    pub code: String,
    /// Vietnamese name: "Chiến sĩ thi đua cơ sở".
    pub name: String,
    pub subject: SubjectKind,
    pub category: Category,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BaseSalary {
    pub from: NaiveDate,
    pub amount_vnd: i64,
    /// The decree that set it.
    pub source: String,
}

/// One legal regime: a law with its implementing decree.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Regime {
    /// `nd-91-2017`, `nd-98-2023`, `nd-152-2025` (contract).
    pub code: String,
    /// "Luật Thi đua, khen thưởng 2022 và Nghị định 98/2023/NĐ-CP".
    pub name: String,
    /// Decisions from this date on (none: since always, for the oldest regime).
    pub from: Option<NaiveDate>,
    /// Criteria and award money per catalogue code.
    pub rules: BTreeMap<String, TitleRules>,
}

/// What a title or form requires in one regime, and what it pays.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TitleRules {
    pub criteria: Vec<CriterionSpec>,
    /// None: no amount is set (the verdict's `award_vnd` is null).
    #[serde(default)]
    pub award: Option<AwardRule>,
}

/// The award money of a title or form in one regime.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AwardRule {
    pub coefficient: Coefficient,
    /// Another coefficient when the form is signed by this issuer (Giấy khen of a commune chairman).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub by_issuer: BTreeMap<Issuer, Coefficient>,
    /// For a collective: this multiple of the individual's rounded amount (forms of commendation).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collective_multiplier: Option<u32>,
    pub citation: String,
    /// A caveat shown with the amount (e.g. a value not yet checked against the decree's text).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Dossiers received before `received_before` follow `regime`, whatever the decision date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Transition {
    pub received_before: NaiveDate,
    pub regime: String,
    pub citation: String,
}

static BUILTIN: OnceLock<RuleTables> = OnceLock::new();

/// The shipped tables, as JSON.
pub const BUILTIN_JSON: &str = include_str!("tables.json");

impl RuleTables {
    /// The tables built into the binary, read once.
    pub fn builtin() -> &'static RuleTables {
        BUILTIN.get_or_init(|| match RuleTables::from_json(BUILTIN_JSON) {
            Ok(t) => t,
            // Not input: the file is part of the source, and a test reads it on every build.
            Err(e) => panic!("the built-in rule tables are invalid: {e}"),
        })
    }

    /// Reads and checks tables (an administrator's copy).
    pub fn from_json(input: &str) -> Result<RuleTables, TablesError> {
        let tables: RuleTables = serde_json::from_str(input).map_err(|e| {
            TablesError::new("", format!("{e} (dòng {}, cột {})", e.line(), e.column()))
        })?;
        tables.validate()?;
        Ok(tables)
    }

    pub fn to_json_pretty(&self) -> String {
        // Serialising plain data to a String cannot fail.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    pub fn item(&self, code: &str) -> Option<&CatalogueItem> {
        self.catalogue.iter().find(|c| c.code == code)
    }

    pub fn regime(&self, code: &str) -> Option<&Regime> {
        self.regimes.iter().find(|r| r.code == code)
    }

    /// The regime for decisions on `date`: the last whose `from` is on or before it.
    pub fn regime_on(&self, date: NaiveDate) -> Option<&Regime> {
        self.regimes
            .iter()
            .rev()
            .find(|r| r.from.is_none_or(|f| f <= date))
    }

    /// The first day after the regime `code` stops applying, if a later one follows.
    pub fn regime_until(&self, code: &str) -> Option<NaiveDate> {
        let i = self.regimes.iter().position(|r| r.code == code)?;
        self.regimes.get(i + 1).and_then(|r| r.from)
    }

    /// Everything that serde cannot check: order, uniqueness, references between parts, ranges.
    pub fn validate(&self) -> Result<(), TablesError> {
        let mut codes = std::collections::BTreeSet::new();
        for (i, item) in self.catalogue.iter().enumerate() {
            if item.code.is_empty()
                || !item
                    .code
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
            {
                return Err(TablesError::new(
                    format!("catalogue[{i}].code"),
                    "mã chỉ gồm chữ thường, số và dấu _",
                ));
            }
            if !codes.insert(item.code.as_str()) {
                return Err(TablesError::new(
                    format!("catalogue[{i}].code"),
                    format!("mã \"{}\" trùng", item.code),
                ));
            }
        }
        if self
            .base_salaries
            .windows(2)
            .any(|w| w[0].from >= w[1].from)
        {
            return Err(TablesError::new(
                "base_salaries",
                "các mức phải theo thứ tự ngày hiệu lực tăng dần, không trùng ngày",
            ));
        }
        if let Some(i) = self.base_salaries.iter().position(|b| b.amount_vnd <= 0) {
            return Err(TablesError::new(
                format!("base_salaries[{i}].amount_vnd"),
                "phải lớn hơn 0",
            ));
        }
        if self.regimes.is_empty() {
            return Err(TablesError::new("regimes", "cần ít nhất một chế độ"));
        }
        for (i, regime) in self.regimes.iter().enumerate() {
            let at = format!("regimes[{i}]");
            if self.regimes[..i].iter().any(|r| r.code == regime.code) {
                return Err(TablesError::new(
                    format!("{at}.code"),
                    format!("mã \"{}\" trùng", regime.code),
                ));
            }
            match (i, regime.from) {
                (0, _) => {}
                (_, None) => {
                    return Err(TablesError::new(
                        format!("{at}.from"),
                        "chỉ chế độ đầu tiên được để trống ngày bắt đầu",
                    ))
                }
                (_, Some(from)) => {
                    if self.regimes[i - 1].from.is_some_and(|prev| prev >= from) {
                        return Err(TablesError::new(
                            format!("{at}.from"),
                            "các chế độ phải theo thứ tự ngày bắt đầu tăng dần",
                        ));
                    }
                }
            }
            for (code, rules) in &regime.rules {
                let at = format!("{at}.rules.{code}");
                if self.item(code).is_none() {
                    return Err(TablesError::new(
                        at,
                        "mã không có trong danh mục (catalogue)",
                    ));
                }
                for (j, spec) in rules.criteria.iter().enumerate() {
                    self.validate_rule(&spec.rule, &format!("{at}.criteria[{j}]"))?;
                }
                if let Some(award) = &rules.award {
                    if award.collective_multiplier == Some(0) {
                        return Err(TablesError::new(
                            format!("{at}.award.collective_multiplier"),
                            "phải lớn hơn 0",
                        ));
                    }
                }
            }
        }
        for (i, t) in self.transitions.iter().enumerate() {
            if self.regime(&t.regime).is_none() {
                return Err(TablesError::new(
                    format!("transitions[{i}].regime"),
                    format!("không có chế độ \"{}\"", t.regime),
                ));
            }
        }
        Ok(())
    }

    fn validate_rule(&self, rule: &Rule, at: &str) -> Result<(), TablesError> {
        let known = |code: &str, field: &str| -> Result<(), TablesError> {
            match self.item(code) {
                Some(_) => Ok(()),
                None => Err(TablesError::new(
                    format!("{at}.{field}"),
                    format!("mã \"{code}\" không có trong danh mục"),
                )),
            }
        };
        let positive = |n: u8, field: &str| -> Result<(), TablesError> {
            if n == 0 {
                Err(TablesError::new(format!("{at}.{field}"), "phải lớn hơn 0"))
            } else {
                Ok(())
            }
        };
        match rule {
            Rule::TitleStandard { title } => known(title, "title"),
            Rule::TitleInYears {
                title,
                times,
                every,
            } => {
                known(title, "title")?;
                positive(*times, "times")?;
                positive(*every, "every")
            }
            Rule::QuotaCap { of_title, percent } => {
                known(of_title, "of_title")?;
                percent.check(&format!("{at}.percent"))
            }
            Rule::MinRating { years, .. } => positive(*years, "years"),
            Rule::AnyOf { options, years } => {
                if options.is_empty() {
                    return Err(TablesError::new(
                        format!("{at}.options"),
                        "cần ít nhất một lựa chọn",
                    ));
                }
                positive(*years, "years")
            }
            Rule::MembersShare { percent, .. } => percent.check(&format!("{at}.percent")),
            Rule::MinMonthsWorked { months } if *months > 12 => {
                Err(TablesError::new(format!("{at}.months"), "không quá 12"))
            }
            Rule::InitiativeBenefit { thresholds, .. } if thresholds.values().any(|v| *v < 0) => {
                Err(TablesError::new(
                    format!("{at}.thresholds"),
                    "không được âm",
                ))
            }
            Rule::Judgment { text } if text.trim().is_empty() => Err(TablesError::new(
                format!("{at}.text"),
                "cần nội dung tiêu chí",
            )),
            _ => Ok(()),
        }
    }
}
