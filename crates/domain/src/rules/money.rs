//! Award money (tiền thưởng): coefficient × the statutory base salary (mức lương cơ sở) in force on the
//! decision date, rounded UP to the next 10,000 đ; a collective's form of commendation is a multiple of
//! the individual's rounded amount. Money is an integer of đồng, coefficients are integers of
//! thousandths, so no amount ever goes through a float.

use super::case::Case;
use super::codes::Subject;
use super::regimes::date_vn;
use super::tables::{AwardRule, BaseSalary, RuleTables};
use chrono::NaiveDate;
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use std::fmt;

/// Amounts are rounded up to a multiple of this (10,000 đ).
pub const ROUNDING_VND: i64 = 10_000;

/// A multiple of the base salary, in thousandths: 0.15 is `Coefficient(150)`. Written as a plain
/// number in JSON (`0.15`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Coefficient(pub u32);

impl Coefficient {
    pub fn thousandths(self) -> u32 {
        self.0
    }

    /// "0,15": the Vietnamese decimal comma, no trailing zeros.
    pub fn to_vietnamese(self) -> String {
        let mut s = String::new();
        self.push_vietnamese(&mut s);
        s
    }

    // `is_multiple_of` needs Rust 1.87; the workspace declares 1.85.
    #[allow(clippy::manual_is_multiple_of)]
    fn push_vietnamese(self, out: &mut String) {
        use std::fmt::Write;
        let whole = self.0 / 1000;
        let mut frac = self.0 % 1000;
        // Writing to a String cannot fail.
        let _ = write!(out, "{whole}");
        if frac != 0 {
            out.push(',');
            let mut width = 3;
            while frac % 10 == 0 {
                frac /= 10;
                width -= 1;
            }
            let _ = write!(out, "{frac:0width$}");
        }
    }
}

impl Serialize for Coefficient {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_f64(f64::from(self.0) / 1000.0)
    }
}

impl<'de> Deserialize<'de> for Coefficient {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Coefficient;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a coefficient such as 0.15, with at most three decimals")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Coefficient, E> {
                v.checked_mul(1000)
                    .and_then(|t| u32::try_from(t).ok())
                    .map(Coefficient)
                    .ok_or_else(|| E::custom("hệ số quá lớn"))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Coefficient, E> {
                u64::try_from(v)
                    .map_err(|_| E::custom("hệ số không được âm"))
                    .and_then(|v| self.visit_u64(v))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Coefficient, E> {
                if !v.is_finite() || !(0.0..=1_000_000.0).contains(&v) {
                    return Err(E::custom("hệ số phải là số không âm hợp lý"));
                }
                let scaled = (v * 1000.0).round();
                if (scaled - v * 1000.0).abs() > 1e-6 {
                    return Err(E::custom("hệ số chỉ có tối đa 3 chữ số thập phân"));
                }
                // In range: checked above.
                Ok(Coefficient(scaled as u32))
            }
        }
        d.deserialize_any(V)
    }
}

/// `coefficient × base_salary`, rounded up to the next 10,000 đ; `None` only on overflow.
pub fn rounded_amount(coefficient: Coefficient, base_salary_vnd: i64) -> Option<i64> {
    let exact_thousandths = i128::from(coefficient.0) * i128::from(base_salary_vnd);
    let unit = 1000 * i128::from(ROUNDING_VND);
    let units = (exact_thousandths + unit - 1).div_euclid(unit);
    i64::try_from(units * i128::from(ROUNDING_VND)).ok()
}

/// How the award money was computed: shown with the verdict so that an officer can check it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AwardBasis {
    pub coefficient: Coefficient,
    /// The base salary in force on the decision date; null when the tables have none that early.
    pub base_salary_vnd: Option<i64>,
    pub base_salary_from: Option<NaiveDate>,
    pub base_salary_source: Option<String>,
    /// The individual's amount, rounded up.
    pub individual_vnd: Option<i64>,
    /// A collective's multiple of the individual's rounded amount (forms of commendation), if it applies.
    pub collective_multiplier: Option<u32>,
    pub amount_vnd: Option<i64>,
    pub citation: String,
    pub note: Option<String>,
    /// "0,3 × 2.340.000 đ = 702.000 đ, làm tròn lên 710.000 đ".
    pub explanation: String,
}

/// The base salary in force on `date`: the last one that took effect on or before it.
pub fn base_salary_on(tables: &RuleTables, date: NaiveDate) -> Option<&BaseSalary> {
    tables
        .base_salaries
        .iter()
        .filter(|b| b.from <= date)
        .max_by_key(|b| b.from)
}

/// The award money for a case under the award rule of its title in the chosen regime.
pub fn award(case: &Case, tables: &RuleTables, rule: &AwardRule) -> AwardBasis {
    let coefficient = case
        .issuer
        .and_then(|i| rule.by_issuer.get(&i).copied())
        .unwrap_or(rule.coefficient);
    let multiplier = match case.subject {
        Subject::Collective => rule.collective_multiplier,
        Subject::Individual => None,
    };
    let base = base_salary_on(tables, case.decision_date);
    let individual = base.and_then(|b| rounded_amount(coefficient, b.amount_vnd));
    let amount = match (individual, multiplier) {
        (Some(v), Some(m)) => v.checked_mul(i64::from(m)),
        (v, None) => v,
        (None, Some(_)) => None,
    };
    let explanation = match (base, individual, amount) {
        (Some(b), Some(ind), Some(total)) => {
            explain(coefficient, b, ind, multiplier.map(|m| (m, total)))
        }
        _ => format!(
            "Chưa có mức lương cơ sở áp dụng cho ngày {} trong bảng quy tắc",
            date_vn(case.decision_date)
        ),
    };
    AwardBasis {
        coefficient,
        base_salary_vnd: base.map(|b| b.amount_vnd),
        base_salary_from: base.map(|b| b.from),
        base_salary_source: base.map(|b| b.source.clone()),
        individual_vnd: individual,
        collective_multiplier: multiplier,
        amount_vnd: amount,
        citation: rule.citation.clone(),
        note: rule.note.clone(),
        explanation,
    }
}

/// "0,3 × 2.340.000 đ (mức lương cơ sở từ 01/07/2024) = 702.000 đ, làm tròn lên 710.000 đ; tập thể:
/// 2 × 710.000 đ = 1.420.000 đ", written into one buffer (this is on the path of every verdict).
fn explain(
    c: Coefficient,
    base: &BaseSalary,
    individual: i64,
    collective: Option<(u32, i64)>,
) -> String {
    let exact_thousandths = i128::from(c.0) * i128::from(base.amount_vnd);
    let mut s = String::with_capacity(200);
    c.push_vietnamese(&mut s);
    s.push_str(" × ");
    push_money(&mut s, i128::from(base.amount_vnd));
    s.push_str(" (mức lương cơ sở từ ");
    push_date(&mut s, base.from);
    s.push_str(") = ");
    push_money(&mut s, exact_thousandths / 1000);
    if i128::from(individual) * 1000 != exact_thousandths {
        s.push_str(", làm tròn lên ");
        push_money(&mut s, i128::from(individual));
    }
    if let Some((m, total)) = collective {
        s.push_str("; tập thể: ");
        push_money_digits(&mut s, m);
        s.push_str(" × ");
        push_money(&mut s, i128::from(individual));
        s.push_str(" = ");
        push_money(&mut s, i128::from(total));
    }
    s
}

/// Appends "1.800.000 đ" (as `crate::format::money_vnd` prints it), without an intermediate string.
fn push_money(out: &mut String, amount: i128) {
    if amount < 0 {
        out.push('-');
    }
    let mut digits = [0u8; 40];
    let mut n = amount.unsigned_abs();
    let mut len = 0;
    loop {
        digits[len] = b'0' + (n % 10) as u8;
        len += 1;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for i in (0..len).rev() {
        out.push(char::from(digits[i]));
        if i > 0 && i % 3 == 0 {
            out.push('.');
        }
    }
    out.push_str(" đ");
}

/// Appends a small count.
fn push_money_digits(out: &mut String, m: u32) {
    use std::fmt::Write;
    let _ = write!(out, "{m}");
}

/// Appends "15/01/2025".
fn push_date(out: &mut String, d: NaiveDate) {
    use chrono::Datelike;
    use std::fmt::Write;
    // Writing to a String cannot fail.
    let _ = write!(out, "{:02}/{:02}/{:04}", d.day(), d.month(), d.year());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::money_vnd;

    #[test]
    fn amounts_round_up_to_ten_thousand() {
        assert_eq!(rounded_amount(Coefficient(300), 2_340_000), Some(710_000)); // 702,000
        assert_eq!(rounded_amount(Coefficient(150), 2_340_000), Some(360_000)); // 351,000
        assert_eq!(rounded_amount(Coefficient(300), 1_800_000), Some(540_000)); // exact
        assert_eq!(rounded_amount(Coefficient(800), 1_490_000), Some(1_200_000)); // 1,192,000
        assert_eq!(rounded_amount(Coefficient(1), 1), Some(10_000));
        assert_eq!(rounded_amount(Coefficient(0), 2_340_000), Some(0));
    }

    #[test]
    fn money_prints_like_the_format_module() {
        for v in [0i64, 5, 540_000, 1_800_000, 12_345_678_901, -1_000] {
            let mut s = String::new();
            push_money(&mut s, i128::from(v));
            assert_eq!(s, money_vnd(v));
        }
    }

    #[test]
    fn coefficients_read_as_numbers_and_print_with_a_comma() {
        let c: Coefficient = serde_json::from_str("0.15").unwrap();
        assert_eq!(c, Coefficient(150));
        assert_eq!(c.to_vietnamese(), "0,15");
        let c: Coefficient = serde_json::from_str("3").unwrap();
        assert_eq!(c.to_vietnamese(), "3");
        assert!(serde_json::from_str::<Coefficient>("0.1234").is_err());
        assert!(serde_json::from_str::<Coefficient>("-1").is_err());
        assert_eq!(serde_json::to_string(&Coefficient(4500)).unwrap(), "4.5");
    }
}
