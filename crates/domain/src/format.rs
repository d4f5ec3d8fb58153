//! How values are shown to people: dates as dd/mm/yyyy, money in đồng with dot separators.

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, Utc};

/// Vietnam's time zone (UTC+7, no daylight saving): the day and time every page and command shows.
pub fn vietnam() -> FixedOffset {
    FixedOffset::east_opt(7 * 3600).expect("UTC+7 is a valid offset")
}

/// The instant a day begins in Vietnam (for filters "from this day", "up to this day").
pub fn vietnam_day_start(d: NaiveDate) -> DateTime<Utc> {
    d.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc() - Duration::hours(7)
}

/// "15/03/2023 14:05:09", in Vietnam's time.
pub fn datetime_vn(t: DateTime<Utc>) -> String {
    let local = t.with_timezone(&vietnam());
    format!(
        "{} {}",
        date_vn(local.date_naive()),
        local.format("%H:%M:%S")
    )
}

/// "15/03/2023".
pub fn date_vn(d: NaiveDate) -> String {
    use chrono::Datelike;
    format!("{:02}/{:02}/{:04}", d.day(), d.month(), d.year())
}

/// Parses "15/03/2023" (also "15/3/2023") or ISO "2023-03-15".
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    let number = |part: &str, digits: std::ops::RangeInclusive<usize>| -> Option<u32> {
        if digits.contains(&part.len()) && part.bytes().all(|b| b.is_ascii_digit()) {
            part.parse().ok()
        } else {
            None
        }
    };
    let (day, month, year) = if s.contains('/') {
        let mut it = s.split('/');
        let (d, m, y) = (it.next()?, it.next()?, it.next()?);
        if it.next().is_some() {
            return None;
        }
        (number(d, 1..=2)?, number(m, 1..=2)?, number(y, 4..=4)?)
    } else {
        let mut it = s.split('-');
        let (y, m, d) = (it.next()?, it.next()?, it.next()?);
        if it.next().is_some() {
            return None;
        }
        (number(d, 2..=2)?, number(m, 2..=2)?, number(y, 4..=4)?)
    };
    NaiveDate::from_ymd_opt(year as i32, month, day)
}

/// "1.800.000 đ".
pub fn money_vnd(amount: i64) -> String {
    let digits = amount.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    if amount < 0 {
        out.insert(0, '-');
    }
    out.push_str(" đ");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_and_print_the_vietnamese_way() {
        let d = NaiveDate::from_ymd_opt(2023, 3, 5).unwrap();
        assert_eq!(date_vn(d), "05/03/2023");
        assert_eq!(parse_date("05/03/2023"), Some(d));
        assert_eq!(parse_date("5/3/2023"), Some(d));
        assert_eq!(parse_date("2023-03-05"), Some(d));
        assert_eq!(parse_date("31/02/2024"), None);
        assert_eq!(parse_date(" 05/03/2023 "), Some(d));
        for bad in [
            "",
            "5/3/23",
            "05-03-2023",
            "2023-3-5",
            "05/03/2023/1",
            "a/b/c",
            "2023/03/05",
            "+5/3/2023",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn times_are_shown_and_days_cut_in_vietnam() {
        let d = NaiveDate::from_ymd_opt(2025, 7, 1).unwrap();
        let start = vietnam_day_start(d);
        assert_eq!(start.to_rfc3339(), "2025-06-30T17:00:00+00:00");
        assert_eq!(datetime_vn(start), "01/07/2025 00:00:00");
    }

    #[test]
    fn money_has_dot_separators() {
        assert_eq!(money_vnd(0), "0 đ");
        assert_eq!(money_vnd(540_000), "540.000 đ");
        assert_eq!(money_vnd(1_800_000), "1.800.000 đ");
        assert_eq!(money_vnd(-1_000), "-1.000 đ");
    }
}
