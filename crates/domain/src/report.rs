//! Review reports (báo cáo sơ kết, tổng kết): the periods they cover, the figures they count and the
//! shape of a report (per unit, per recipient group, the whole city, each with the period before).
//! Pure: `store::reports` fills the figures with SQL aggregates; pages, API, DOCX and XLSX show them
//! through [`Figures::items`], so every output lists the same figures in the same order.
//! What each figure counts is written in `docs/reports.md`.

use crate::validation::Invalid;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The years a report may be about.
pub const YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;
/// The longest movement period (giai đoạn) a report covers, in years.
pub const MAX_SPAN_YEARS: i32 = 10;

/// What kind of review a period is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PeriodKind {
    /// Sơ kết 6 tháng đầu năm: 01/01–30/06.
    HalfYear,
    /// Tổng kết năm: 01/01–31/12.
    Year,
    /// Tổng kết giai đoạn (the whole movement period), e.g. 2021–2025.
    Span,
}

/// The period of a report, from its code: `2023` (the year), `2023-h1` (the first half),
/// `2021-2025` (a movement period).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    pub code: String,
    pub kind: PeriodKind,
    pub first_year: i32,
    pub last_year: i32,
    /// First day, inclusive.
    pub from: NaiveDate,
    /// Last day, inclusive.
    pub to: NaiveDate,
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    // Every year of `YEARS` has these days.
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

const HELP: &str = "dùng 2023 (tổng kết năm), 2023-h1 (sơ kết 6 tháng đầu năm) hoặc 2021-2025 (tổng kết giai đoạn)";

impl Period {
    /// The whole year `y`.
    pub fn year(y: i32) -> Period {
        Period {
            code: y.to_string(),
            kind: PeriodKind::Year,
            first_year: y,
            last_year: y,
            from: day(y, 1, 1),
            to: day(y, 12, 31),
        }
    }

    /// The first half of `y`.
    pub fn half_year(y: i32) -> Period {
        Period {
            code: format!("{y}-h1"),
            kind: PeriodKind::HalfYear,
            first_year: y,
            last_year: y,
            from: day(y, 1, 1),
            to: day(y, 6, 30),
        }
    }

    /// The years `a` to `b`, both included.
    pub fn span(a: i32, b: i32) -> Period {
        Period {
            code: format!("{a}-{b}"),
            kind: PeriodKind::Span,
            first_year: a,
            last_year: b,
            from: day(a, 1, 1),
            to: day(b, 12, 31),
        }
    }

    /// Reads a period code; a period that does not exist is a Vietnamese error on the field `period`.
    pub fn parse(code: &str) -> Result<Period, Invalid> {
        let c = code.trim().to_lowercase();
        let bad = |why: String| Invalid::field("period", why);
        let year = |s: &str| -> Result<i32, Invalid> {
            let y: i32 = s
                .parse()
                .ok()
                .filter(|_| s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()))
                .ok_or_else(|| {
                    bad(format!(
                        "Kỳ báo cáo \"{}\" không tồn tại: {HELP}",
                        code.trim()
                    ))
                })?;
            if !YEARS.contains(&y) {
                return Err(bad(format!(
                    "Năm {y} nằm ngoài khoảng {}–{}",
                    YEARS.start(),
                    YEARS.end()
                )));
            }
            Ok(y)
        };
        if c.is_empty() {
            return Err(bad(format!("Chưa chọn kỳ báo cáo: {HELP}")));
        }
        match c.split_once('-') {
            None => Ok(Period::year(year(&c)?)),
            Some((y, "h1")) => Ok(Period::half_year(year(y)?)),
            Some((y, "h2")) => {
                let y = year(y)?;
                Err(bad(format!(
                    "Không có kỳ sơ kết 6 tháng cuối năm: 6 tháng cuối năm {y} nằm trong tổng kết năm, dùng {y}"
                )))
            }
            Some((a, b)) => {
                let (a, b) = (year(a)?, year(b)?);
                if b <= a {
                    Err(bad(format!(
                        "Giai đoạn {a}-{b} không tồn tại: năm đầu phải trước năm cuối"
                    )))
                } else if b - a + 1 > MAX_SPAN_YEARS {
                    Err(bad(format!(
                        "Giai đoạn {a}-{b} dài quá {MAX_SPAN_YEARS} năm"
                    )))
                } else {
                    Ok(Period::span(a, b))
                }
            }
        }
    }

    /// The period the report compares with: the same months of the year before, or the movement
    /// period of the same length just before.
    pub fn before(&self) -> Period {
        match self.kind {
            PeriodKind::Year => Period::year(self.first_year - 1),
            PeriodKind::HalfYear => Period::half_year(self.first_year - 1),
            PeriodKind::Span => {
                let len = self.last_year - self.first_year + 1;
                Period::span(self.first_year - len, self.first_year - 1)
            }
        }
    }

    /// The title of the review: "Tổng kết năm 2023".
    pub fn title(&self) -> String {
        match self.kind {
            PeriodKind::HalfYear => format!("Sơ kết 6 tháng đầu năm {}", self.first_year),
            PeriodKind::Year => format!("Tổng kết năm {}", self.first_year),
            PeriodKind::Span => {
                format!("Tổng kết giai đoạn {}–{}", self.first_year, self.last_year)
            }
        }
    }

    /// The period in a table's heading: "Năm 2023", "6 tháng đầu năm 2023", "2021–2025".
    pub fn short(&self) -> String {
        match self.kind {
            PeriodKind::HalfYear => format!("6 tháng đầu năm {}", self.first_year),
            PeriodKind::Year => format!("Năm {}", self.first_year),
            PeriodKind::Span => format!("{}–{}", self.first_year, self.last_year),
        }
    }

    /// The periods of its trend line: each year of a movement period, or this one and the four
    /// before it (years for a year, first halves for a first half).
    pub fn trend(&self) -> Vec<Period> {
        match self.kind {
            PeriodKind::Span => (self.first_year..=self.last_year)
                .map(Period::year)
                .collect(),
            PeriodKind::Year => (self.first_year - 4..=self.first_year)
                .filter(|y| YEARS.contains(y))
                .map(Period::year)
                .collect(),
            PeriodKind::HalfYear => (self.first_year - 4..=self.first_year)
                .filter(|y| YEARS.contains(y))
                .map(Period::half_year)
                .collect(),
        }
    }

    /// True when `d` lies in the period.
    pub fn contains(&self, d: NaiveDate) -> bool {
        self.from <= d && d <= self.to
    }
}

/// The figures of one unit (or of a sum of units) for one period. Counts are of records whose date
/// lies in the period (see `docs/reports.md` for each).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Figures {
    /// Registrations (đăng ký thi đua) of the yearly phases of the period's years.
    pub registrations: u64,
    /// Unit × task cells due in the period whose report was sent by the deadline.
    pub tasks_on_time: u64,
    /// … sent after the deadline (báo cáo muộn).
    pub tasks_late: u64,
    /// … not sent and the deadline passed (quá hạn, chưa báo cáo).
    pub tasks_not_reported: u64,
    /// … not sent, the deadline not yet passed on the day asked.
    pub tasks_pending: u64,
    /// Propaganda posts (bài viết, tin) in the period.
    pub posts: u64,
    /// Propaganda events (hoạt động, sự kiện) in the period.
    pub events: u64,
    /// People reached by those posts and events.
    pub people_reached: u64,
    /// Ideas (ý tưởng) submitted in the period.
    pub ideas: u64,
    /// Initiatives (sáng kiến) submitted in the period.
    pub initiatives: u64,
    /// The ideas and initiatives submitted in the period, by their status today.
    pub initiatives_by_status: BTreeMap<String, u64>,
    /// Recognitions (công nhận) decided in the period, by scope.
    pub recognitions_by_scope: BTreeMap<String, u64>,
    /// Replications (nhân rộng) adopted in the period, counted at the adopting unit.
    pub replications: u64,
    /// Titles and forms awarded by final decisions and imported history dated in the period, by
    /// award code.
    pub awards: BTreeMap<String, u64>,
    /// Award money of those, in đồng.
    pub award_money_vnd: i64,
}

fn add_map(a: &mut BTreeMap<String, u64>, b: &BTreeMap<String, u64>) {
    for (k, v) in b {
        *a.entry(k.clone()).or_default() += v;
    }
}

impl Figures {
    /// Adds `other` to these figures.
    pub fn add(&mut self, other: &Figures) {
        self.registrations += other.registrations;
        self.tasks_on_time += other.tasks_on_time;
        self.tasks_late += other.tasks_late;
        self.tasks_not_reported += other.tasks_not_reported;
        self.tasks_pending += other.tasks_pending;
        self.posts += other.posts;
        self.events += other.events;
        self.people_reached += other.people_reached;
        self.ideas += other.ideas;
        self.initiatives += other.initiatives;
        add_map(
            &mut self.initiatives_by_status,
            &other.initiatives_by_status,
        );
        add_map(
            &mut self.recognitions_by_scope,
            &other.recognitions_by_scope,
        );
        self.replications += other.replications;
        add_map(&mut self.awards, &other.awards);
        self.award_money_vnd += other.award_money_vnd;
    }

    /// The sum of many.
    pub fn sum<'a>(all: impl IntoIterator<Item = &'a Figures>) -> Figures {
        let mut out = Figures::default();
        for f in all {
            out.add(f);
        }
        out
    }

    /// True when nothing at all was recorded: a report says "no data", not zeros.
    pub fn is_empty(&self) -> bool {
        self.items(&BTreeMap::new()).iter().all(|i| i.value == 0)
    }

    /// Unit × task cells due in the period.
    pub fn tasks_due(&self) -> u64 {
        self.tasks_on_time + self.tasks_late + self.tasks_not_reported + self.tasks_pending
    }

    /// Recognitions of every scope.
    pub fn recognitions(&self) -> u64 {
        self.recognitions_by_scope.values().sum()
    }

    /// Titles and forms of every kind.
    pub fn awards_total(&self) -> u64 {
        self.awards.values().sum()
    }

    /// The figures as the lines of a table, in the report's order; `award_names` gives the names of
    /// award codes (codes without a name are shown as they are). Maps list only what occurs.
    pub fn items(&self, award_names: &BTreeMap<String, String>) -> Vec<Item> {
        self.items_with(award_names, self)
    }

    /// As [`Figures::items`], listing also the map keys that occur in `other` (so that the lines of
    /// a period and of the period before match).
    pub fn items_with(&self, award_names: &BTreeMap<String, String>, other: &Figures) -> Vec<Item> {
        let mut out = Vec::new();
        let mut push = |section: Section, key: String, label: String, value: i64| {
            out.push(Item {
                section,
                key,
                label,
                value,
            })
        };
        use Section::*;
        push(
            Registration,
            "registrations".into(),
            "Đơn vị đăng ký thi đua".into(),
            self.registrations as i64,
        );
        push(
            Tasks,
            "tasks_due".into(),
            "Lượt nhiệm vụ đến hạn báo cáo".into(),
            self.tasks_due() as i64,
        );
        push(
            Tasks,
            "tasks_on_time".into(),
            "Báo cáo đúng hạn".into(),
            self.tasks_on_time as i64,
        );
        push(
            Tasks,
            "tasks_late".into(),
            "Báo cáo muộn".into(),
            self.tasks_late as i64,
        );
        push(
            Tasks,
            "tasks_not_reported".into(),
            "Quá hạn, chưa báo cáo".into(),
            self.tasks_not_reported as i64,
        );
        push(
            Tasks,
            "tasks_pending".into(),
            "Chưa đến hạn, chưa báo cáo".into(),
            self.tasks_pending as i64,
        );
        push(
            Propaganda,
            "posts".into(),
            "Bài viết, tin tuyên truyền".into(),
            self.posts as i64,
        );
        push(
            Propaganda,
            "events".into(),
            "Hoạt động, sự kiện".into(),
            self.events as i64,
        );
        push(
            Propaganda,
            "people_reached".into(),
            "Lượt người được tuyên truyền".into(),
            self.people_reached as i64,
        );
        push(
            Initiatives,
            "ideas".into(),
            "Ý tưởng đã nộp".into(),
            self.ideas as i64,
        );
        push(
            Initiatives,
            "initiatives".into(),
            "Sáng kiến đã nộp".into(),
            self.initiatives as i64,
        );
        for s in crate::initiative::Status::ALL {
            let k = s.code();
            if self.initiatives_by_status.contains_key(k)
                || other.initiatives_by_status.contains_key(k)
            {
                push(
                    Initiatives,
                    format!("status.{k}"),
                    format!("— {}", s.label()),
                    self.initiatives_by_status.get(k).copied().unwrap_or(0) as i64,
                );
            }
        }
        push(
            Initiatives,
            "recognitions".into(),
            "Sáng kiến được công nhận".into(),
            self.recognitions() as i64,
        );
        for s in crate::initiative::Scope::ALL {
            let k = s.code();
            if self.recognitions_by_scope.contains_key(k)
                || other.recognitions_by_scope.contains_key(k)
            {
                push(
                    Initiatives,
                    format!("scope.{k}"),
                    format!("— {}", scope_label(k)),
                    self.recognitions_by_scope.get(k).copied().unwrap_or(0) as i64,
                );
            }
        }
        push(
            Initiatives,
            "replications".into(),
            "Lượt nhân rộng".into(),
            self.replications as i64,
        );
        push(
            Awards,
            "awards".into(),
            "Danh hiệu, hình thức khen thưởng".into(),
            self.awards_total() as i64,
        );
        let mut codes: Vec<&String> = self.awards.keys().chain(other.awards.keys()).collect();
        codes.sort();
        codes.dedup();
        for k in codes {
            push(
                Awards,
                format!("award.{k}"),
                format!(
                    "— {}",
                    award_names.get(k).cloned().unwrap_or_else(|| k.clone())
                ),
                self.awards.get(k).copied().unwrap_or(0) as i64,
            );
        }
        push(
            Awards,
            "award_money_vnd".into(),
            "Tiền thưởng (đồng)".into(),
            self.award_money_vnd,
        );
        out
    }
}

/// The keys of the headline figures: the columns of the tables per unit and per group, the
/// dashboard's figures and the bar chart.
pub const HEADLINE: &[&str] = &[
    "registrations",
    "tasks_on_time",
    "tasks_late",
    "tasks_not_reported",
    "posts",
    "events",
    "people_reached",
    "ideas",
    "initiatives",
    "recognitions",
    "replications",
    "awards",
    "award_money_vnd",
];

impl Figures {
    /// The headline figures, in the order of [`HEADLINE`].
    pub fn headline(&self) -> Vec<Item> {
        let all = self.items(&BTreeMap::new());
        HEADLINE
            .iter()
            .filter_map(|k| all.iter().find(|i| i.key == *k).cloned())
            .collect()
    }
}

/// The scope of a recognition, in words.
pub fn scope_label(code: &str) -> String {
    match code {
        "co_so" => "Cấp cơ sở".into(),
        "huyen" => "Cấp huyện, thành phố".into(),
        "tinh" => "Cấp tỉnh".into(),
        "toan_quoc" => "Toàn quốc".into(),
        other => other.to_owned(),
    }
}

/// Which part of a report a line belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Section {
    Registration,
    Tasks,
    Propaganda,
    Initiatives,
    Awards,
}

impl Section {
    pub fn label(self) -> &'static str {
        match self {
            Section::Registration => "Đăng ký thi đua",
            Section::Tasks => "Thực hiện nhiệm vụ, chế độ báo cáo",
            Section::Propaganda => "Tuyên truyền",
            Section::Initiatives => "Ý tưởng, sáng kiến, nhân rộng",
            Section::Awards => "Khen thưởng",
        }
    }
}

/// One line of a report's table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Item {
    pub section: Section,
    /// Stable key: the same line in the API, the XLSX and the tests.
    pub key: String,
    pub label: String,
    pub value: i64,
}

/// What a report is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Subject {
    /// The whole city: every unit.
    City,
    /// A recipient group (nhóm nơi nhận) and its units.
    Group { id: i64, name: String },
    /// A unit and the units under it.
    Unit { id: i64, name: String },
}

impl Subject {
    pub fn name(&self) -> String {
        match self {
            Subject::City => "Toàn thành phố".into(),
            Subject::Group { name, .. } | Subject::Unit { name, .. } => name.clone(),
        }
    }
}

/// One row of a report: a unit, a group, or the total, with both periods.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Row {
    /// The unit's or group's id; none for the total and for "units in no group".
    pub id: Option<i64>,
    pub name: String,
    pub current: Figures,
    pub previous: Figures,
}

/// A review report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    pub period: Period,
    pub previous_period: Period,
    pub subject: Subject,
    /// The day task cells were judged on (a deadline after it is not yet missed).
    pub as_of: NaiveDate,
    /// The sum of the units below.
    pub total: Row,
    /// The recipient groups, each the sum of its units (a unit belongs to the group of its nearest
    /// ancestor in a group, itself included); "Đơn vị khác" for units in none. Empty for a unit.
    pub groups: Vec<Row>,
    /// Every unit of the subject, in Vietnamese order of their names.
    pub units: Vec<Row>,
}

impl Report {
    /// False when nothing was recorded in the period: pages say "Chưa có số liệu" instead of zeros.
    pub fn has_data(&self) -> bool {
        !self.total.current.is_empty()
    }

    /// False when nothing was recorded in the period before either.
    pub fn previous_has_data(&self) -> bool {
        !self.total.previous.is_empty()
    }

    /// The file name of its exports, without extension: "bao-cao-2023", "bao-cao-2023-h1".
    pub fn file_stem(&self) -> String {
        format!("bao-cao-{}", self.period.code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_parse_with_their_dates() {
        let p = Period::parse("2023").unwrap();
        assert_eq!((p.from, p.to), (day(2023, 1, 1), day(2023, 12, 31)));
        assert_eq!(p.title(), "Tổng kết năm 2023");
        let h = Period::parse(" 2023-H1 ").unwrap();
        assert_eq!(h.kind, PeriodKind::HalfYear);
        assert_eq!(h.to, day(2023, 6, 30));
        assert_eq!(h.code, "2023-h1");
        assert_eq!(h.before().code, "2022-h1");
        let s = Period::parse("2021-2025").unwrap();
        assert_eq!((s.from, s.to), (day(2021, 1, 1), day(2025, 12, 31)));
        assert_eq!(s.before().code, "2016-2020");
        assert_eq!(p.before().code, "2022");
        assert!(s.contains(day(2023, 5, 1)) && !s.contains(day(2026, 1, 1)));
    }

    #[test]
    fn a_period_that_does_not_exist_is_a_clear_error() {
        for bad in [
            "",
            "abc",
            "23",
            "2023-h3",
            "2023-h2",
            "2025-2021",
            "2023-2023",
            "1999",
            "2000-2030",
            "2023-13",
            "２０２３",
        ] {
            let e = Period::parse(bad).unwrap_err();
            let msg = &e.fields["period"];
            assert!(!msg.is_empty(), "{bad}");
        }
        assert!(Period::parse("2023-h2").unwrap_err().fields["period"].contains("tổng kết năm"));
        assert!(Period::parse("2025-2021").unwrap_err().fields["period"].contains("năm đầu"));
    }

    #[test]
    fn figures_add_up_and_know_when_they_are_empty() {
        let mut a = Figures::default();
        assert!(a.is_empty());
        let b = Figures {
            registrations: 2,
            tasks_on_time: 3,
            awards: [("lao_dong_tien_tien".to_string(), 4)].into(),
            award_money_vnd: 100,
            ..Default::default()
        };
        a.add(&b);
        a.add(&b);
        assert!(!a.is_empty());
        assert_eq!(a.registrations, 4);
        assert_eq!(a.awards["lao_dong_tien_tien"], 8);
        assert_eq!(a.tasks_due(), 6);
        assert_eq!(Figures::sum([&b, &b]), a);
        // Lines of two periods match even when a code occurs in one only.
        let items = Figures::default().items_with(&BTreeMap::new(), &b);
        assert!(items
            .iter()
            .any(|i| i.key == "award.lao_dong_tien_tien" && i.value == 0));
        let money = Figures {
            award_money_vnd: 5,
            ..Default::default()
        };
        assert!(!money.is_empty());
    }
}
