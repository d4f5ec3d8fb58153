//! Which legal regime judges a case: by the decision date, unless the dossier was received before a
//! transition date (Luật Thi đua, khen thưởng 2022: dossiers received before 01/01/2024 follow the old
//! law), in which case the older regime applies. Money always follows the decision date.

use super::case::Case;
use super::error::CaseError;
use super::tables::{Regime, RuleTables, Transition};
use chrono::{Datelike, Days, NaiveDate};

/// The regime chosen for a case and why.
#[derive(Debug, Clone, Copy)]
pub struct RegimeChoice<'t> {
    pub regime: &'t Regime,
    /// Set when the transition rule, not the decision date, chose the regime.
    pub transition: Option<&'t Transition>,
}

/// Chooses the regime for `case`.
pub fn choose<'t>(case: &Case, tables: &'t RuleTables) -> Result<RegimeChoice<'t>, CaseError> {
    let by_date = tables.regime_on(case.decision_date).ok_or_else(|| {
        CaseError::invalid(
            "decision_date",
            format!(
                "Bảng quy tắc không có chế độ nào áp dụng cho ngày {}",
                date_vn(case.decision_date)
            ),
        )
    })?;
    if let Some(received) = case.received_on {
        // The earliest transition that the dossier falls under wins: it was received under that law.
        let transition = tables
            .transitions
            .iter()
            .filter(|t| received < t.received_before && case.decision_date >= t.received_before)
            .min_by_key(|t| t.received_before);
        if let Some(t) = transition {
            if let Some(regime) = tables.regime(&t.regime) {
                return Ok(RegimeChoice {
                    regime,
                    transition: Some(t),
                });
            }
        }
    }
    Ok(RegimeChoice {
        regime: by_date,
        transition: None,
    })
}

/// "Từ 01/01/2024 đến 30/06/2025", "trước 01/01/2024", "từ 01/07/2025".
pub fn period(tables: &RuleTables, regime: &Regime) -> String {
    let until = tables.regime_until(&regime.code);
    let last_day = until.and_then(|u| u.checked_sub_days(Days::new(1)));
    match (regime.from, last_day, until) {
        (Some(f), Some(l), _) => format!("từ {} đến {}", date_vn(f), date_vn(l)),
        (Some(f), None, _) => format!("từ {}", date_vn(f)),
        (None, _, Some(u)) => format!("trước {}", date_vn(u)),
        (None, _, None) => "mọi thời điểm".to_owned(),
    }
}

/// "15/01/2025", as `crate::format::date_vn` prints it, without going through `strftime` (this is on
/// the path of every verdict).
pub(crate) fn date_vn(d: NaiveDate) -> String {
    format!("{:02}/{:02}/{:04}", d.day(), d.month(), d.year())
}

/// Why this regime, in Vietnamese, for the verdict.
pub fn basis(case: &Case, choice: &RegimeChoice<'_>) -> String {
    let regime = choice.regime;
    match (choice.transition, case.received_on) {
        (Some(t), Some(received)) => format!(
            "Hồ sơ tiếp nhận ngày {}, trước {}: áp dụng {} theo quy định chuyển tiếp ({}); tiền thưởng theo mức lương cơ sở tại ngày quyết định {}",
            date_vn(received),
            date_vn(t.received_before),
            regime.name,
            t.citation,
            date_vn(case.decision_date)
        ),
        _ => {
            let mut s = String::with_capacity(256);
            s.push_str("Theo ngày quyết định ");
            s.push_str(&date_vn(case.decision_date));
            s.push_str(": áp dụng ");
            s.push_str(&regime.name);
            s
        }
    }
}

/// The regime for a decision on `date` alone, by code.
pub fn regime_code_on(tables: &RuleTables, date: NaiveDate) -> Option<&str> {
    tables.regime_on(date).map(|r| r.code.as_str())
}

#[cfg(test)]
mod tests {
    #[test]
    fn dates_print_like_the_format_module() {
        for (y, m, d) in [(2025, 1, 5), (2023, 12, 31), (999, 7, 1)] {
            let date = chrono::NaiveDate::from_ymd_opt(y, m, d).expect("date");
            assert_eq!(super::date_vn(date), crate::format::date_vn(date));
        }
    }
}
