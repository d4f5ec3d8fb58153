//! Initiatives (sáng kiến): their statuses and the moves between them, fields, authors and their
//! shares, the council's rubric and scores, the recognition decision and the union's Bằng Lao động
//! sáng tạo. Pure rules; the store keeps the rows and the web layer the pages.
//!
//! Legal ground: Điều lệ Sáng kiến (Nghị định 13/2012/NĐ-CP) and Thông tư 18/2013/TT-BKHCN for
//! recognition by an initiative council; Quyết định 1564/QĐ-TLĐ (2014), now 999/QĐ-TLĐ (2024), of
//! the Vietnam General Confederation of Labour for the Bằng Lao động sáng tạo.

use crate::directory::StaffLevel;
use crate::text;
use crate::validation::Invalid;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashSet};

/// The scope an initiative is recognised at (phạm vi công nhận): `co_so`, `huyen`, `tinh`,
/// `toan_quoc`, as in `shared/contracts/eligibility.md`; the rules engine reads the same codes.
pub use crate::rules::Scope;

coded_enum! {
    /// Where an initiative is in its life (trạng thái sáng kiến).
    Status {
        Draft => ("draft", "Nháp"),
        Submitted => ("submitted", "Đã nộp"),
        UnderReview => ("under_review", "Đang xét"),
        Recognised => ("recognised", "Được công nhận"),
        NotRecognised => ("not_recognised", "Không được công nhận"),
        Withdrawn => ("withdrawn", "Đã rút"),
    }
}

impl Status {
    /// The statuses an initiative may move to from this one.
    ///
    /// A submitted initiative can be sent back to its authors to complete (back to draft) before
    /// the council takes it up; the council's decision is final (a rejected idea comes back as a new
    /// submission, which the similarity check links to the old one); a withdrawn initiative can be
    /// taken up again as a draft.
    pub fn next(self) -> &'static [Status] {
        use Status::*;
        match self {
            Draft => &[Submitted, Withdrawn],
            Submitted => &[UnderReview, Draft, Withdrawn],
            UnderReview => &[Recognised, NotRecognised, Withdrawn],
            Recognised | NotRecognised => &[],
            Withdrawn => &[Draft],
        }
    }

    pub fn can_become(self, to: Status) -> bool {
        self.next().contains(&to)
    }

    /// The status after a move, or why the move is not allowed.
    pub fn transition(self, to: Status) -> Result<Status, Invalid> {
        if self.can_become(to) {
            Ok(to)
        } else {
            Err(Invalid::field(
                "status",
                format!(
                    "Không thể chuyển sáng kiến từ trạng thái “{}” sang “{}”",
                    self.label(),
                    to.label()
                ),
            ))
        }
    }

    /// The council has decided: nothing more can change.
    pub fn is_final(self) -> bool {
        self.next().is_empty()
    }
}

coded_enum! {
    /// The field of an initiative (lĩnh vực).
    Field {
        Administration => ("hanh_chinh", "Hành chính, cải cách thủ tục"),
        Education => ("giao_duc", "Giáo dục, đào tạo"),
        Health => ("y_te", "Y tế"),
        Engineering => ("ky_thuat", "Kỹ thuật, công nghệ"),
        DigitalTransformation => ("chuyen_doi_so", "Chuyển đổi số"),
        Agriculture => ("nong_nghiep", "Nông nghiệp, nông thôn"),
        Finance => ("tai_chinh", "Tài chính, kế toán"),
        Environment => ("moi_truong", "Tài nguyên, môi trường"),
        Culture => ("van_hoa_xa_hoi", "Văn hóa, xã hội"),
        Security => ("an_ninh_trat_tu", "An ninh, trật tự"),
        Other => ("khac", "Khác"),
    }
}

// ---------------------------------------------------------------------------------------------
// Authors

/// A share of the work in hundredths of a percent (tỷ lệ đóng góp): 10,000 is 100%, so three
/// equal co-authors are 33.34% + 33.33% + 33.33%.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Share(pub u32);

impl Share {
    pub const WHOLE: Share = Share(10_000);

    pub fn percent(p: u32) -> Share {
        Share(p.saturating_mul(100))
    }

    /// Reads "50", "33,33", "33.34" or "12.5%": at most two decimals, between 0 and 100.
    pub fn parse(s: &str) -> Option<Share> {
        let s = s.trim().trim_end_matches('%').trim().replace(',', ".");
        let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
        if int.is_empty() || frac.len() > 2 {
            return None;
        }
        if !int.bytes().all(|b| b.is_ascii_digit()) || !frac.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let int: u32 = int.parse().ok()?;
        let frac: u32 = format!("{frac:0<2}").parse().ok()?;
        let v = int.checked_mul(100)?.checked_add(frac)?;
        (v <= 10_000).then_some(Share(v))
    }

    /// `amount` × this share, rounded half up, in đồng.
    pub fn of(self, amount: i64) -> i64 {
        let v = i128::from(amount) * i128::from(self.0);
        ((v + 5_000) / 10_000) as i64
    }
}

impl std::fmt::Display for Share {
    /// "33,33%", "50%": Vietnamese decimal comma.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (i, d) = (self.0 / 100, self.0 % 100);
        if d == 0 {
            write!(f, "{i}%")
        } else if d % 10 == 0 {
            write!(f, "{i},{}%", d / 10)
        } else {
            write!(f, "{i},{d:02}%")
        }
    }
}

/// An author as entered: a person of the directory, or someone outside it by name.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct AuthorInput {
    pub person_id: Option<i64>,
    /// Required for an author outside the directory.
    pub name: Option<String>,
    pub share: Option<Share>,
}

/// A checked author (tác giả, đồng tác giả).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Author {
    pub person_id: Option<i64>,
    /// For an outside author; `None` for a person of the directory (their name is theirs).
    pub name: Option<String>,
    pub share: Share,
}

/// Checks the authors of an initiative: at least one; each with a share above 0; each outside
/// author with a name; nobody twice; the shares add up to exactly 100%. Errors name the row
/// (`authors[0].share`) or, for the sum, `authors`.
pub fn validate_authors(input: &[AuthorInput]) -> Result<Vec<Author>, Invalid> {
    let mut e = Invalid::new();
    if input.is_empty() {
        e.add("authors", "Sáng kiến phải có ít nhất một tác giả");
        return Err(e);
    }
    let mut out = Vec::with_capacity(input.len());
    let mut seen_people = HashSet::new();
    let mut seen_names = HashSet::new();
    let mut total: u64 = 0;
    for (i, a) in input.iter().enumerate() {
        let row = i + 1;
        let name = a.name.as_deref().map(text::clean).filter(|n| !n.is_empty());
        match (a.person_id, &name) {
            (Some(p), _) => {
                if !seen_people.insert(p) {
                    e.add(
                        &format!("authors[{i}].person_id"),
                        format!("Tác giả thứ {row} đã có trong danh sách"),
                    );
                }
            }
            (None, Some(n)) => {
                if !seen_names.insert(text::fold(n)) {
                    e.add(
                        &format!("authors[{i}].name"),
                        format!("Tác giả thứ {row} ({n}) đã có trong danh sách"),
                    );
                }
            }
            (None, None) => e.add(
                &format!("authors[{i}].name"),
                format!("Tác giả thứ {row} không thuộc danh bạ: phải nhập họ tên"),
            ),
        }
        match a.share {
            None => e.add(
                &format!("authors[{i}].share"),
                format!("Tác giả thứ {row}: chưa nhập tỷ lệ đóng góp"),
            ),
            Some(s) if s.0 == 0 || s.0 > 10_000 => e.add(
                &format!("authors[{i}].share"),
                format!("Tác giả thứ {row}: tỷ lệ đóng góp phải lớn hơn 0% và không quá 100%"),
            ),
            Some(s) => total += u64::from(s.0),
        }
        out.push(Author {
            person_id: a.person_id,
            name: if a.person_id.is_some() { None } else { name },
            share: a.share.unwrap_or(Share(0)),
        });
    }
    if e.is_empty() && total != 10_000 {
        e.add(
            "authors",
            format!(
                "Tổng tỷ lệ đóng góp của các tác giả phải bằng 100% (hiện là {})",
                Share(total.min(u64::from(u32::MAX)) as u32)
            ),
        );
    }
    e.or_ok(out)
}

// ---------------------------------------------------------------------------------------------
// Rubric and scores

/// A criterion of a council's rubric (tiêu chí chấm điểm): e.g. novelty, weight 40, out of 10.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RubricCriterion {
    /// Unique within the rubric: ASCII letters, digits and `_`.
    pub code: String,
    pub name: String,
    /// Its weight in the total; any positive number (weights are relative).
    pub weight: u32,
    /// The highest score a member may give (scores are whole numbers from 0).
    pub max_score: u32,
}

/// The rubric a council sets for a scoring round (thang điểm).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rubric {
    pub criteria: Vec<RubricCriterion>,
}

impl Rubric {
    /// The usual three criteria of Điều lệ Sáng kiến: novelty, applicability, effectiveness.
    pub fn standard() -> Rubric {
        let c = |code: &str, name: &str, weight| RubricCriterion {
            code: code.into(),
            name: name.into(),
            weight,
            max_score: 10,
        };
        Rubric {
            criteria: vec![
                c("tinh_moi", "Tính mới", 40),
                c("kha_nang_ap_dung", "Khả năng áp dụng", 30),
                c("hieu_qua", "Hiệu quả", 30),
            ],
        }
    }

    /// At least one criterion; codes valid and unique; names given; weights and maxima above 0.
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut e = Invalid::new();
        if self.criteria.is_empty() {
            e.add("criteria", "Thang điểm phải có ít nhất một tiêu chí");
        }
        let mut codes = HashSet::new();
        for (i, c) in self.criteria.iter().enumerate() {
            let row = i + 1;
            if c.code.is_empty()
                || !c
                    .code
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'_')
            {
                e.add(
                    &format!("criteria[{i}].code"),
                    format!("Tiêu chí thứ {row}: mã chỉ gồm chữ không dấu, số và dấu gạch dưới"),
                );
            } else if !codes.insert(c.code.as_str()) {
                e.add(
                    &format!("criteria[{i}].code"),
                    format!("Tiêu chí thứ {row}: mã “{}” bị trùng", c.code),
                );
            }
            if text::clean(&c.name).is_empty() {
                e.add(
                    &format!("criteria[{i}].name"),
                    format!("Tiêu chí thứ {row}: chưa nhập tên tiêu chí"),
                );
            }
            if c.weight == 0 {
                e.add(
                    &format!("criteria[{i}].weight"),
                    format!("Tiêu chí thứ {row}: trọng số phải lớn hơn 0"),
                );
            }
            if c.max_score == 0 {
                e.add(
                    &format!("criteria[{i}].max_score"),
                    format!("Tiêu chí thứ {row}: điểm tối đa phải lớn hơn 0"),
                );
            }
        }
        e.or_ok(())
    }

    /// The weighted total of a complete sheet on a 0–100 scale:
    /// `100 · Σ weight · score / max ÷ Σ weight`.
    pub fn total(&self, scores: &BTreeMap<String, u32>) -> f64 {
        let weights: u64 = self.criteria.iter().map(|c| u64::from(c.weight)).sum();
        if weights == 0 {
            return 0.0;
        }
        let sum: f64 = self
            .criteria
            .iter()
            .map(|c| {
                let s = scores.get(&c.code).copied().unwrap_or(0).min(c.max_score);
                f64::from(c.weight) * f64::from(s) / f64::from(c.max_score.max(1))
            })
            .sum();
        100.0 * sum / weights as f64
    }
}

/// One member's scores for one initiative (phiếu chấm điểm), by criterion code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScoreSheet {
    pub member_id: i64,
    pub scores: BTreeMap<String, u32>,
}

/// A council's scoring round for one initiative (vòng chấm điểm): members score independently and
/// blind; nobody sees another member's sheet before the round closes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScoringRound {
    pub rubric: Rubric,
    /// Person ids of the council's members.
    pub members: Vec<i64>,
    /// Person ids of the initiative's authors: they may not score it.
    pub authors: Vec<i64>,
    pub closed: bool,
    pub sheets: Vec<ScoreSheet>,
}

impl ScoringRound {
    /// Checks a sheet against the round: the round is open, the scorer is a member and not an
    /// author, has not scored yet, every criterion is scored once and within its range.
    pub fn check(&self, sheet: &ScoreSheet) -> Result<(), Invalid> {
        let mut e = Invalid::new();
        if self.closed {
            e.add("round", "Vòng chấm điểm đã kết thúc: không thể chấm thêm");
            return Err(e);
        }
        if !self.members.contains(&sheet.member_id) {
            e.add("member_id", "Người chấm không phải thành viên hội đồng");
        } else if self.authors.contains(&sheet.member_id) {
            e.add(
                "member_id",
                "Thành viên hội đồng là tác giả sáng kiến này nên không được chấm điểm",
            );
        } else if self.sheets.iter().any(|s| s.member_id == sheet.member_id) {
            e.add(
                "member_id",
                "Thành viên này đã chấm điểm sáng kiến trong vòng này",
            );
        }
        for c in &self.rubric.criteria {
            match sheet.scores.get(&c.code) {
                None => e.add(
                    &format!("scores.{}", c.code),
                    format!("Chưa chấm tiêu chí “{}”", c.name),
                ),
                Some(s) if *s > c.max_score => e.add(
                    &format!("scores.{}", c.code),
                    format!(
                        "Điểm tiêu chí “{}” phải từ 0 đến {} (đã nhập {s})",
                        c.name, c.max_score
                    ),
                ),
                Some(_) => {}
            }
        }
        for code in sheet.scores.keys() {
            if !self.rubric.criteria.iter().any(|c| &c.code == code) {
                e.add(
                    &format!("scores.{code}"),
                    format!("Tiêu chí “{code}” không có trong thang điểm"),
                );
            }
        }
        e.or_ok(())
    }

    /// Records a sheet; nothing changes when [`check`](Self::check) refuses it.
    pub fn submit(&mut self, sheet: ScoreSheet) -> Result<(), Invalid> {
        self.check(&sheet)?;
        self.sheets.push(sheet);
        Ok(())
    }

    /// The sheets a person may see: all of them once the round is closed, before that only their
    /// own.
    pub fn visible_to(&self, person_id: i64) -> Vec<&ScoreSheet> {
        self.sheets
            .iter()
            .filter(|s| self.closed || s.member_id == person_id)
            .collect()
    }

    /// The mean weighted total (0–100) of the sheets, once the round is closed.
    pub fn result(&self) -> Option<f64> {
        if !self.closed || self.sheets.is_empty() {
            return None;
        }
        let sum: f64 = self
            .sheets
            .iter()
            .map(|s| self.rubric.total(&s.scores))
            .sum();
        Some(sum / self.sheets.len() as f64)
    }
}

// ---------------------------------------------------------------------------------------------
// Recognition

/// The share of all the council's members who must agree to recognise an initiative, as a
/// fraction. NĐ 13/2012 and TT 18/2013: at least two thirds of the members.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecognitionRule {
    pub numerator: u32,
    pub denominator: u32,
}

impl Default for RecognitionRule {
    fn default() -> Self {
        RecognitionRule {
            numerator: 2,
            denominator: 3,
        }
    }
}

/// The council's recognition decision (quyết định công nhận).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct RecognitionDecision {
    pub recognised: bool,
    /// The fewest agreeing members that recognise.
    pub needed: u32,
    pub agreeing: u32,
    pub members: u32,
}

impl RecognitionRule {
    /// Decides on `agreeing` of `members` members (all members of the council, not only those
    /// present): recognised when `agreeing / members ≥ numerator / denominator`.
    pub fn decide(self, members: u32, agreeing: u32) -> Result<RecognitionDecision, Invalid> {
        let mut e = Invalid::new();
        if self.denominator == 0 || self.numerator > self.denominator {
            e.add(
                "threshold",
                "Tỷ lệ đồng ý để công nhận phải là một phân số từ 0 đến 1",
            );
        }
        if members == 0 {
            e.add("members", "Hội đồng phải có ít nhất một thành viên");
        }
        if agreeing > members {
            e.add(
                "agreeing",
                format!(
                    "Số thành viên đồng ý ({agreeing}) vượt quá số thành viên hội đồng ({members})"
                ),
            );
        }
        if !e.is_empty() {
            return Err(e);
        }
        let (n, d) = (u64::from(self.numerator), u64::from(self.denominator));
        // ceil(members · n / d), in integers so that 2/3 of 9 is exactly 6.
        let needed = (u64::from(members) * n).div_ceil(d) as u32;
        Ok(RecognitionDecision {
            recognised: u64::from(agreeing) * d >= u64::from(members) * n,
            needed,
            agreeing,
            members,
        })
    }
}

// ---------------------------------------------------------------------------------------------
// Bằng Lao động sáng tạo

/// How co-authors count an initiative's benefit for the Bằng Lao động sáng tạo.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BenefitSplit {
    /// Each co-author counts the whole benefit (the default).
    #[default]
    Whole,
    /// Each counts the benefit times their share.
    ByShare,
}

/// Benefit thresholds of the Bằng Lao động sáng tạo by staff level, and how co-authors count.
/// Defaults: 80 / 150 / 200 million đồng (QĐ 1564/QĐ-TLĐ 2014; QĐ 999/QĐ-TLĐ 2024 lets them be set).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreativeLabourRule {
    pub worker_vnd: i64,
    pub graduate_vnd: i64,
    pub manager_vnd: i64,
    pub split: BenefitSplit,
}

impl Default for CreativeLabourRule {
    fn default() -> Self {
        CreativeLabourRule {
            worker_vnd: 80_000_000,
            graduate_vnd: 150_000_000,
            manager_vnd: 200_000_000,
            split: BenefitSplit::Whole,
        }
    }
}

impl CreativeLabourRule {
    /// The rule in force on `on` by the rule tables: the thresholds and the co-authors' split of the
    /// `lao_dong_sang_tao` criterion of the regime of that day; the defaults for what they lack.
    pub fn from_tables(tables: &crate::rules::tables::RuleTables, on: chrono::NaiveDate) -> Self {
        use crate::rules::codes::StaffLevel as Level;
        use crate::rules::criteria::Rule;
        let mut rule = CreativeLabourRule::default();
        let benefit = tables
            .regime_on(on)
            .and_then(|r| r.rules.get("lao_dong_sang_tao"))
            .and_then(|t| {
                t.criteria.iter().find_map(|c| match &c.rule {
                    Rule::InitiativeBenefit { thresholds, split } => Some((thresholds, *split)),
                    _ => None,
                })
            });
        if let Some((thresholds, split)) = benefit {
            for (level, slot) in [
                (Level::LaoDong, &mut rule.worker_vnd),
                (Level::DaiHoc, &mut rule.graduate_vnd),
                (Level::QuanLy, &mut rule.manager_vnd),
            ] {
                if let Some(v) = thresholds.get(&level) {
                    *slot = *v;
                }
            }
            rule.split = split;
        }
        rule
    }
}

/// A recognised initiative as the Bằng Lao động sáng tạo list reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecognisedInitiative {
    pub id: i64,
    /// Money saved or earned, in đồng.
    pub benefit_vnd: i64,
    pub authors: Vec<Author>,
}

/// What the list needs to know of a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AuthorFacts {
    pub staff_level: StaffLevel,
    pub union_member: bool,
}

/// A union member whose recognised initiative reaches their threshold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CreativeLabourEntry {
    pub person_id: i64,
    /// The initiative that counts most for them.
    pub initiative_id: i64,
    /// The benefit counted for them (the whole, or their share of it).
    pub counted_vnd: i64,
    pub threshold_vnd: i64,
}

impl CreativeLabourRule {
    pub fn threshold(&self, level: StaffLevel) -> i64 {
        match level {
            StaffLevel::Worker => self.worker_vnd,
            StaffLevel::Graduate => self.graduate_vnd,
            StaffLevel::Manager => self.manager_vnd,
        }
    }

    /// The benefit counted for an author.
    pub fn counted(&self, benefit_vnd: i64, share: Share) -> i64 {
        match self.split {
            BenefitSplit::Whole => benefit_vnd,
            BenefitSplit::ByShare => share.of(benefit_vnd),
        }
    }

    /// The union members among the authors of `initiatives` (recognised in the year considered)
    /// whose counted benefit of one initiative reaches the threshold of their staff level, by person
    /// id, each once with their best initiative. Authors outside the directory, people `facts` does
    /// not know and non-members are left out.
    pub fn eligible(
        &self,
        initiatives: &[RecognisedInitiative],
        facts: impl Fn(i64) -> Option<AuthorFacts>,
    ) -> Vec<CreativeLabourEntry> {
        let mut best: BTreeMap<i64, CreativeLabourEntry> = BTreeMap::new();
        for i in initiatives {
            for a in &i.authors {
                let Some(person_id) = a.person_id else {
                    continue;
                };
                let Some(f) = facts(person_id).filter(|f| f.union_member) else {
                    continue;
                };
                let counted = self.counted(i.benefit_vnd, a.share);
                let threshold = self.threshold(f.staff_level);
                if counted < threshold {
                    continue;
                }
                let entry = CreativeLabourEntry {
                    person_id,
                    initiative_id: i.id,
                    counted_vnd: counted,
                    threshold_vnd: threshold,
                };
                best.entry(person_id)
                    .and_modify(|e| {
                        if (counted, std::cmp::Reverse(i.id))
                            > (e.counted_vnd, std::cmp::Reverse(e.initiative_id))
                        {
                            *e = entry.clone();
                        }
                    })
                    .or_insert(entry);
            }
        }
        best.into_values().collect()
    }
}

// ---------------------------------------------------------------------------------------------
// The initiative as entered

coded_enum! {
    /// An idea (ý tưởng: not applied yet) or an initiative (sáng kiến: applied somewhere since a date).
    Kind {
        Idea => ("idea", "Ý tưởng"),
        Initiative => ("initiative", "Sáng kiến"),
    }
}

/// The longest title accepted, in characters.
pub const MAX_TITLE: usize = 500;
/// The longest section accepted, in characters.
pub const MAX_SECTION: usize = 20_000;

/// An idea or initiative as typed in a form or sent to the API.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct InitiativeInput {
    /// `idea` or `initiative` (the default).
    #[serde(default)]
    pub kind: Option<String>,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub unit_id: Option<i64>,
    /// A [`Field`] code.
    #[serde(default)]
    pub field: String,
    /// The year it is submitted in; this year when absent.
    #[serde(default)]
    pub year: Option<i32>,
    /// The situation before (thực trạng).
    #[serde(default)]
    pub before: String,
    /// The solution (nội dung giải pháp).
    #[serde(default)]
    pub solution: String,
    /// What is new (tính mới).
    #[serde(default)]
    pub novelty: String,
    /// Benefits in words, money or not (hiệu quả).
    #[serde(default)]
    pub benefit: String,
    /// Where it is applied (nơi áp dụng).
    #[serde(default)]
    pub applied_where: String,
    /// Applied since (ngày áp dụng lần đầu).
    #[serde(default)]
    pub applied_since: Option<chrono::NaiveDate>,
    /// Money saved or earned per year, in đồng.
    #[serde(default)]
    pub benefit_vnd: Option<i64>,
    #[serde(default)]
    pub authors: Vec<AuthorInput>,
}

/// A checked initiative: NFC text, a known field, authors whose shares add up to 100%.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ValidInitiative {
    pub kind: Kind,
    pub title: String,
    pub unit_id: i64,
    pub field: Field,
    pub year: i32,
    pub before: String,
    pub solution: String,
    pub novelty: String,
    pub benefit: String,
    pub applied_where: String,
    pub applied_since: Option<chrono::NaiveDate>,
    pub benefit_vnd: i64,
    pub authors: Vec<Author>,
}

impl ValidInitiative {
    /// The sections in the order forms show them (the similarity index reads them so).
    pub fn sections(&self) -> [&str; 4] {
        [&self.before, &self.solution, &self.novelty, &self.benefit]
    }
}

impl InitiativeInput {
    /// Checks the input; `today` bounds the dates and gives the default year. Every problem is named
    /// by its field (`title`, `authors[1].share`, …).
    pub fn validate(&self, today: chrono::NaiveDate) -> Result<ValidInitiative, Invalid> {
        use chrono::Datelike;
        let mut e = Invalid::new();
        let kind = match self
            .kind
            .as_deref()
            .map(str::trim)
            .filter(|k| !k.is_empty())
        {
            None => Kind::Initiative,
            Some(k) => Kind::from_code(k).unwrap_or_else(|| {
                e.add(
                    "kind",
                    "Loại phải là “idea” (ý tưởng) hoặc “initiative” (sáng kiến)",
                );
                Kind::Initiative
            }),
        };
        let title = text::clean(&self.title);
        if title.is_empty() {
            e.add("title", "Chưa nhập tên sáng kiến");
        } else if title.chars().count() > MAX_TITLE {
            e.add("title", format!("Tên sáng kiến dài quá {MAX_TITLE} ký tự"));
        }
        let unit_id = match self.unit_id {
            Some(u) if u > 0 => u,
            _ => {
                e.add("unit_id", "Chưa chọn đơn vị");
                0
            }
        };
        let field = Field::from_code(self.field.trim()).unwrap_or_else(|| {
            e.add("field", "Chưa chọn lĩnh vực hoặc lĩnh vực không hợp lệ");
            Field::Other
        });
        let year = self.year.unwrap_or(today.year());
        if !(2000..=today.year() + 1).contains(&year) {
            e.add("year", format!("Năm phải từ 2000 đến {}", today.year() + 1));
        }
        let mut section = |name: &str, label: &str, value: &str, required: bool| {
            let v = text::clean_multiline(value);
            if required && v.is_empty() {
                e.add(name, format!("Chưa nhập {label}"));
            } else if v.chars().count() > MAX_SECTION {
                e.add(name, format!("Phần {label} dài quá {MAX_SECTION} ký tự"));
            }
            v
        };
        let before = section(
            "before",
            "thực trạng trước khi áp dụng",
            &self.before,
            false,
        );
        let solution = section("solution", "nội dung giải pháp", &self.solution, true);
        let novelty = section("novelty", "tính mới", &self.novelty, false);
        let benefit = section("benefit", "hiệu quả", &self.benefit, false);
        let applied_where = section("applied_where", "nơi áp dụng", &self.applied_where, false);
        if let Some(d) = self.applied_since {
            if d > today {
                e.add("applied_since", "Ngày áp dụng không được sau hôm nay");
            }
        }
        let benefit_vnd = self.benefit_vnd.unwrap_or(0);
        if benefit_vnd < 0 {
            e.add("benefit_vnd", "Số tiền làm lợi không được âm");
        }
        let authors = match validate_authors(&self.authors) {
            Ok(a) => a,
            Err(inv) => {
                for (k, v) in inv.fields {
                    e.add(&k, v);
                }
                Vec::new()
            }
        };
        e.or_ok(ValidInitiative {
            kind,
            title,
            unit_id,
            field,
            year,
            before,
            solution,
            novelty,
            benefit,
            applied_where,
            applied_since: self.applied_since,
            benefit_vnd,
            authors,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn author(person: Option<i64>, name: Option<&str>, share: u32) -> AuthorInput {
        AuthorInput {
            person_id: person,
            name: name.map(str::to_owned),
            share: Some(Share(share)),
        }
    }

    #[test]
    fn the_creative_labour_rule_is_read_from_the_rule_tables_in_force() {
        use crate::rules::tables::RuleTables;
        let day = chrono::NaiveDate::from_ymd_opt(2024, 6, 1).unwrap();
        assert_eq!(
            CreativeLabourRule::from_tables(RuleTables::builtin(), day),
            CreativeLabourRule::default()
        );
        // An administrator's version: other thresholds and shares counted by share.
        let json = RuleTables::builtin()
            .to_json_pretty()
            .replace("\"lao_dong\": 80000000", "\"lao_dong\": 90000000")
            .replace(
                "\"kind\": \"initiative_benefit\",",
                "\"kind\": \"initiative_benefit\", \"split\": \"by_share\",",
            );
        let tables = RuleTables::from_json(&json).unwrap();
        let rule = CreativeLabourRule::from_tables(&tables, day);
        assert_eq!(rule.worker_vnd, 90_000_000);
        assert_eq!(rule.graduate_vnd, 150_000_000);
        assert_eq!(rule.split, BenefitSplit::ByShare);
        // The split survives a round trip; the default is not written.
        assert!(tables.to_json_pretty().contains("\"split\": \"by_share\""));
        assert!(!RuleTables::builtin().to_json_pretty().contains("\"split\""));
    }

    #[test]
    fn statuses_move_only_along_allowed_paths() {
        use Status::*;
        assert_eq!(Draft.transition(Submitted), Ok(Submitted));
        assert!(Submitted.can_become(UnderReview));
        assert!(UnderReview.can_become(Recognised) && UnderReview.can_become(NotRecognised));
        assert!(Withdrawn.can_become(Draft));
        assert!(!Draft.can_become(Recognised));
        assert!(!Recognised.can_become(Withdrawn));
        assert!(Recognised.is_final() && NotRecognised.is_final() && !Withdrawn.is_final());
        let e = Draft.transition(Recognised).unwrap_err();
        assert_eq!(
            e.fields["status"],
            "Không thể chuyển sáng kiến từ trạng thái “Nháp” sang “Được công nhận”"
        );
        // Every status is reachable from a draft.
        let mut seen = vec![Draft];
        let mut i = 0;
        while i < seen.len() {
            for n in seen[i].next() {
                if !seen.contains(n) {
                    seen.push(*n);
                }
            }
            i += 1;
        }
        assert_eq!(seen.len(), Status::ALL.len());
        for s in Status::ALL {
            assert_eq!(Status::from_code(s.code()), Some(*s));
            assert!(!s.can_become(*s), "{s:?} to itself");
        }
    }

    #[test]
    fn scopes_are_the_codes_of_the_contract() {
        let codes: Vec<&str> = Scope::ALL.iter().map(|s| s.code()).collect();
        assert_eq!(codes, ["co_so", "huyen", "tinh", "toan_quoc"]);
        assert_eq!(Field::from_code("y_te"), Some(Field::Health));
    }

    #[test]
    fn shares_parse_and_print_in_vietnamese() {
        assert_eq!(Share::parse("50"), Some(Share(5_000)));
        assert_eq!(Share::parse("33,33"), Some(Share(3_333)));
        assert_eq!(Share::parse(" 12.5 %"), Some(Share(1_250)));
        assert_eq!(Share::parse("100"), Some(Share::WHOLE));
        for bad in ["", "abc", "100.01", "1.234", "-5", ",5", "1e2"] {
            assert_eq!(Share::parse(bad), None, "{bad}");
        }
        assert_eq!(Share(3_333).to_string(), "33,33%");
        assert_eq!(Share(1_250).to_string(), "12,5%");
        assert_eq!(Share(5_000).to_string(), "50%");
        assert_eq!(Share(3_333).of(300_000_000), 99_990_000);
        assert_eq!(Share(1).of(5_000), 1); // half rounds up
    }

    #[test]
    fn authors_with_shares_adding_up_to_100_pass() {
        let ok = validate_authors(&[
            author(Some(1), None, 3_334),
            author(Some(2), Some("ignored"), 3_333),
            author(None, Some("  Nguyễn   Văn An "), 3_333),
        ])
        .unwrap();
        assert_eq!(ok.len(), 3);
        assert_eq!(ok[1].name, None);
        assert_eq!(ok[2].name.as_deref(), Some("Nguyễn Văn An"));
    }

    #[test]
    fn bad_authors_are_refused_with_the_row_named() {
        let e = validate_authors(&[author(Some(1), None, 6_000), author(Some(2), None, 3_000)])
            .unwrap_err();
        assert_eq!(
            e.fields["authors"],
            "Tổng tỷ lệ đóng góp của các tác giả phải bằng 100% (hiện là 90%)"
        );
        let e = validate_authors(&[author(Some(1), None, 5_000), author(None, Some(" "), 5_000)])
            .unwrap_err();
        assert_eq!(
            e.fields["authors[1].name"],
            "Tác giả thứ 2 không thuộc danh bạ: phải nhập họ tên"
        );
        let e = validate_authors(&[author(Some(1), None, 5_000), author(Some(1), None, 5_000)])
            .unwrap_err();
        assert!(e.fields.contains_key("authors[1].person_id"));
        let e = validate_authors(&[author(Some(1), None, 0), author(Some(2), None, 10_000)])
            .unwrap_err();
        assert!(e.fields["authors[0].share"].contains("lớn hơn 0%"));
        let e = validate_authors(&[AuthorInput {
            person_id: Some(1),
            ..Default::default()
        }])
        .unwrap_err();
        assert!(e.fields.contains_key("authors[0].share"));
        assert!(validate_authors(&[])
            .unwrap_err()
            .fields
            .contains_key("authors"));
        let e = validate_authors(&[
            author(None, Some("Lê Thị Hoa"), 5_000),
            author(None, Some("LÊ THỊ HOA"), 5_000),
        ])
        .unwrap_err();
        assert!(e.fields.contains_key("authors[1].name"));
    }

    fn round() -> ScoringRound {
        ScoringRound {
            rubric: Rubric::standard(),
            members: vec![10, 11, 12],
            authors: vec![12],
            closed: false,
            sheets: vec![],
        }
    }

    fn sheet(member: i64, scores: &[(&str, u32)]) -> ScoreSheet {
        ScoreSheet {
            member_id: member,
            scores: scores.iter().map(|(c, s)| (c.to_string(), *s)).collect(),
        }
    }

    const FULL: [(&str, u32); 3] = [("tinh_moi", 8), ("kha_nang_ap_dung", 7), ("hieu_qua", 10)];

    #[test]
    fn rubrics_are_checked() {
        assert_eq!(Rubric::standard().validate(), Ok(()));
        let mut r = Rubric::standard();
        r.criteria[1].code = "tinh_moi".into();
        r.criteria[2].max_score = 0;
        r.criteria[0].weight = 0;
        let e = r.validate().unwrap_err();
        assert!(e.fields["criteria[1].code"].contains("bị trùng"));
        assert!(e.fields.contains_key("criteria[2].max_score"));
        assert!(e.fields.contains_key("criteria[0].weight"));
        assert!(Rubric { criteria: vec![] }.validate().is_err());
        let total = Rubric::standard().total(&sheet(1, &FULL).scores);
        assert!((total - (40.0 * 0.8 + 30.0 * 0.7 + 30.0)).abs() < 1e-9);
    }

    #[test]
    fn scores_must_be_in_range_complete_and_by_a_member_who_is_not_an_author() {
        let mut r = round();
        let e = r
            .submit(sheet(10, &[("tinh_moi", 11), ("kha_nang_ap_dung", 7)]))
            .unwrap_err();
        assert_eq!(
            e.fields["scores.tinh_moi"],
            "Điểm tiêu chí “Tính mới” phải từ 0 đến 10 (đã nhập 11)"
        );
        assert_eq!(e.fields["scores.hieu_qua"], "Chưa chấm tiêu chí “Hiệu quả”");
        assert!(r.sheets.is_empty(), "nothing recorded");
        let mut extra = sheet(10, &FULL);
        extra.scores.insert("dep".into(), 1);
        assert!(r
            .check(&extra)
            .unwrap_err()
            .fields
            .contains_key("scores.dep"));
        let e = r.submit(sheet(12, &FULL)).unwrap_err();
        assert!(e.fields["member_id"].contains("là tác giả"));
        assert!(r.submit(sheet(99, &FULL)).is_err());
        r.submit(sheet(10, &FULL)).unwrap();
        let e = r.submit(sheet(10, &FULL)).unwrap_err();
        assert!(e.fields["member_id"].contains("đã chấm"));
        r.closed = true;
        let e = r.submit(sheet(11, &FULL)).unwrap_err();
        assert!(e.fields.contains_key("round"));
        assert_eq!(r.sheets.len(), 1);
    }

    #[test]
    fn scoring_is_blind_until_the_round_closes() {
        let mut r = round();
        r.submit(sheet(10, &FULL)).unwrap();
        r.submit(sheet(
            11,
            &[("tinh_moi", 5), ("kha_nang_ap_dung", 5), ("hieu_qua", 5)],
        ))
        .unwrap();
        let mine: Vec<i64> = r.visible_to(10).iter().map(|s| s.member_id).collect();
        assert_eq!(mine, [10]);
        assert!(r.visible_to(12).is_empty());
        assert_eq!(r.result(), None);
        r.closed = true;
        assert_eq!(r.visible_to(12).len(), 2);
        let mean = r.result().unwrap();
        assert!((mean - (83.0 + 50.0) / 2.0).abs() < 1e-9, "{mean}");
    }

    #[test]
    fn two_thirds_of_all_members_recognise() {
        let rule = RecognitionRule::default();
        let d = rule.decide(9, 6).unwrap();
        assert!(d.recognised);
        assert_eq!(d.needed, 6);
        assert!(!rule.decide(9, 5).unwrap().recognised);
        assert!(!rule.decide(7, 4).unwrap().recognised);
        assert!(rule.decide(7, 5).unwrap().recognised);
        assert_eq!(rule.decide(7, 0).unwrap().needed, 5);
        let half = RecognitionRule {
            numerator: 1,
            denominator: 2,
        };
        assert!(half.decide(4, 2).unwrap().recognised);
        let e = rule.decide(5, 6).unwrap_err();
        assert!(e.fields["agreeing"].contains("vượt quá"));
        assert!(rule.decide(0, 0).is_err());
        assert!(RecognitionRule {
            numerator: 3,
            denominator: 2
        }
        .decide(3, 3)
        .is_err());
    }

    fn recognised(id: i64, benefit: i64, authors: &[(i64, u32)]) -> RecognisedInitiative {
        RecognisedInitiative {
            id,
            benefit_vnd: benefit,
            authors: authors
                .iter()
                .map(|(p, s)| Author {
                    person_id: Some(*p),
                    name: None,
                    share: Share(*s),
                })
                .collect(),
        }
    }

    fn facts(p: i64) -> Option<AuthorFacts> {
        let (staff_level, union_member) = match p {
            1 => (StaffLevel::Worker, true),
            2 => (StaffLevel::Graduate, true),
            3 => (StaffLevel::Manager, true),
            4 => (StaffLevel::Worker, false),
            _ => return None,
        };
        Some(AuthorFacts {
            staff_level,
            union_member,
        })
    }

    #[test]
    fn creative_labour_follows_the_thresholds_by_staff_level() {
        let list = [
            recognised(100, 160_000_000, &[(1, 5_000), (2, 2_500), (3, 2_500)]),
            recognised(101, 79_999_999, &[(4, 10_000)]),
            recognised(102, 80_000_000, &[(4, 10_000)]),
        ];
        let rule = CreativeLabourRule::default();
        let got: Vec<(i64, i64)> = rule
            .eligible(&list, facts)
            .iter()
            .map(|e| (e.person_id, e.counted_vnd))
            .collect();
        // The worker and the graduate reach 80 and 150 million; the manager needs 200; person 4 is
        // not a union member.
        assert_eq!(got, [(1, 160_000_000), (2, 160_000_000)]);
        let by_share = CreativeLabourRule {
            split: BenefitSplit::ByShare,
            ..Default::default()
        };
        let got: Vec<(i64, i64)> = by_share
            .eligible(&list, facts)
            .iter()
            .map(|e| (e.person_id, e.counted_vnd))
            .collect();
        assert_eq!(got, [(1, 80_000_000)]);
        let low = CreativeLabourRule {
            manager_vnd: 100_000_000,
            ..Default::default()
        };
        let e = low.eligible(&list, facts);
        assert_eq!(e.len(), 3);
        assert_eq!(e[2].threshold_vnd, 100_000_000);
        // A person counts once, with their best initiative.
        let twice = [
            recognised(7, 90_000_000, &[(1, 10_000)]),
            recognised(8, 95_000_000, &[(1, 10_000)]),
        ];
        let e = rule.eligible(&twice, facts);
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].initiative_id, 8);
    }

    #[test]
    fn an_initiative_input_is_checked_field_by_field() {
        let today = chrono::NaiveDate::from_ymd_opt(2025, 6, 1).unwrap();
        let ok = InitiativeInput {
            title: "  Số hóa   hồ sơ ".into(),
            unit_id: Some(3),
            field: "chuyen_doi_so".into(),
            solution: "Dùng phần mềm".into(),
            authors: vec![author(Some(1), None, 10_000)],
            ..Default::default()
        }
        .validate(today)
        .unwrap();
        assert_eq!(ok.title, "Số hóa hồ sơ");
        assert_eq!(ok.year, 2025);
        assert_eq!(ok.kind, Kind::Initiative);
        let e = InitiativeInput {
            kind: Some("x".into()),
            field: "zzz".into(),
            year: Some(1990),
            benefit_vnd: Some(-1),
            applied_since: chrono::NaiveDate::from_ymd_opt(2026, 1, 1),
            authors: vec![author(Some(1), None, 5_000), author(None, None, 4_000)],
            ..Default::default()
        }
        .validate(today)
        .unwrap_err();
        for f in [
            "kind",
            "title",
            "unit_id",
            "field",
            "year",
            "solution",
            "benefit_vnd",
            "applied_since",
            "authors[1].name",
        ] {
            assert!(e.fields.contains_key(f), "{f}: {e:?}");
        }
    }
}
