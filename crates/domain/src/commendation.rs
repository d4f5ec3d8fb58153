//! Commendation (khen thưởng): yearly ratings (xếp loại), rounds of nomination (đợt xét), nominations
//! (đề nghị khen thưởng) and their states, the council's voting rules and tally (Hội đồng TĐKT, bỏ
//! phiếu), award money per decision line (tiền thưởng) and the decision's total.
//!
//! Pure: the store keeps the rows and calls these rules inside its transactions. Thresholds and
//! quorums are data (a council may set its own per title); the defaults below follow the common
//! practice in `shared/DOMAIN.md` ("Councils").

use crate::rules::{money, regimes, AwardBasis, Case, Rating, RuleTables, Subject};
use crate::text;
use crate::validation::Invalid;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Reads a rating code (`hoan_thanh_tot`, …) for field `field`; the message lists the valid codes.
pub fn parse_rating(field: &str, code: &str) -> Result<Rating, Invalid> {
    Rating::from_code(code.trim()).ok_or_else(|| {
        Invalid::field(
            field,
            format!(
                "Xếp loại không tồn tại: \"{}\". Giá trị hợp lệ: {}",
                code.trim(),
                Rating::code_list()
            ),
        )
    })
}

/// Years a rating may be entered for.
pub const RATING_YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

/// Checks a rating year.
pub fn check_rating_year(year: i32) -> Result<(), Invalid> {
    if RATING_YEARS.contains(&year) {
        Ok(())
    } else {
        Err(Invalid::field(
            "year",
            format!(
                "Năm xếp loại phải từ {} đến {}",
                RATING_YEARS.start(),
                RATING_YEARS.end()
            ),
        ))
    }
}

coded_enum! {
    /// What a round (đợt xét) is for.
    RoundKind {
        Yearly => ("yearly", "Khen thưởng thường xuyên hằng năm"),
        Movement => ("movement", "Khen thưởng theo phong trào, chuyên đề"),
        AdHoc => ("ad_hoc", "Khen thưởng đột xuất"),
    }
}

coded_enum! {
    /// Where a round stands: nominations come in while it is open.
    RoundStatus {
        Open => ("open", "Đang nhận đề nghị"),
        Closed => ("closed", "Đã kết thúc"),
    }
}

/// A unit's quota in a round: at most `max` nominations for `award`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quota {
    pub unit_id: i64,
    pub award: String,
    pub max: u32,
}

/// A round as a user enters it.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct RoundInput {
    pub name: String,
    pub kind: String,
    pub year: i32,
    #[serde(default)]
    pub movement_id: Option<i64>,
    /// The guidance or launching document (e.g. 941/UBND-NV), if registered.
    #[serde(default)]
    pub document_id: Option<i64>,
    pub deadline: NaiveDate,
    /// Catalogue codes of the titles and forms the round considers.
    pub awards: Vec<String>,
    #[serde(default)]
    pub quotas: Vec<Quota>,
}

/// A round that passed [`RoundInput::validate`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ValidRound {
    pub name: String,
    pub kind: RoundKind,
    pub year: i32,
    pub movement_id: Option<i64>,
    pub document_id: Option<i64>,
    pub deadline: NaiveDate,
    pub awards: Vec<String>,
    pub quotas: Vec<Quota>,
}

impl RoundInput {
    /// Checks the round against the catalogue of `tables`: every award known, once; quotas only for
    /// considered awards, once per unit and award; a movement round names its movement.
    pub fn validate(&self, tables: &RuleTables) -> Result<ValidRound, Invalid> {
        let mut e = Invalid::new();
        let name = text::clean(&self.name);
        if name.is_empty() {
            e.add("name", "Tên đợt xét không được để trống");
        } else if name.chars().count() > 300 {
            e.add("name", "Tên đợt xét dài quá 300 ký tự");
        }
        let kind = RoundKind::from_code(self.kind.trim());
        if kind.is_none() {
            e.add(
                "kind",
                "Loại đợt xét phải là yearly (hằng năm), movement (theo phong trào) hoặc ad_hoc (đột xuất)",
            );
        }
        if kind == Some(RoundKind::Movement) && self.movement_id.is_none() {
            e.add(
                "movement_id",
                "Đợt xét theo phong trào phải chọn phong trào",
            );
        }
        if let Err(x) = check_rating_year(self.year) {
            e.add("year", x.fields.into_values().next().unwrap_or_default());
        }
        let mut awards: Vec<String> = Vec::new();
        if self.awards.is_empty() {
            e.add(
                "awards",
                "Chọn ít nhất một danh hiệu hoặc hình thức khen thưởng",
            );
        }
        for (i, a) in self.awards.iter().enumerate() {
            let a = a.trim();
            if tables.item(a).is_none() {
                e.add(
                    &format!("awards[{i}]"),
                    format!(
                        "Danh hiệu hoặc hình thức khen thưởng không có trong danh mục: \"{a}\""
                    ),
                );
            } else if awards.iter().any(|x| x == a) {
                e.add(&format!("awards[{i}]"), format!("\"{a}\" đã chọn ở trên"));
            } else {
                awards.push(a.to_owned());
            }
        }
        let mut quotas: Vec<Quota> = Vec::new();
        for (i, q) in self.quotas.iter().enumerate() {
            let award = q.award.trim();
            if !awards.iter().any(|a| a == award) {
                e.add(
                    &format!("quotas[{i}].award"),
                    format!(
                        "Chỉ tiêu cho \"{award}\" nhưng đợt xét không xét danh hiệu, hình thức này"
                    ),
                );
            } else if quotas
                .iter()
                .any(|x| x.unit_id == q.unit_id && x.award == award)
            {
                e.add(
                    &format!("quotas[{i}]"),
                    "Mỗi đơn vị chỉ có một chỉ tiêu cho mỗi danh hiệu",
                );
            } else {
                quotas.push(Quota {
                    unit_id: q.unit_id,
                    award: award.to_owned(),
                    max: q.max,
                });
            }
        }
        e.or_ok(ValidRound {
            name,
            kind: kind.unwrap_or(RoundKind::Yearly),
            year: self.year,
            movement_id: self.movement_id,
            document_id: self.document_id,
            deadline: self.deadline,
            awards,
            quotas,
        })
    }
}

/// Forms and titles that a city cannot award itself: they go up to the province as a dossier
/// (hồ sơ đề nghị cấp trên) instead of into a local decision.
pub const HIGHER_LEVEL_AWARDS: &[&str] = &[
    "bang_khen_tinh",
    "bang_khen_thu_tuong",
    "chien_si_thi_dua_cap_tinh",
    "chien_si_thi_dua_toan_quoc",
];

/// True when `award` is decided above the city (see [`HIGHER_LEVEL_AWARDS`]).
pub fn is_higher_level(award: &str) -> bool {
    HIGHER_LEVEL_AWARDS.contains(&award)
}

coded_enum! {
    /// Where a nomination stands. Every move is kept in its history.
    NominationStatus {
        Draft => ("draft", "Đang soạn"),
        Sent => ("sent", "Đã gửi"),
        Accepted => ("accepted", "Đã tiếp nhận"),
        Returned => ("returned", "Trả lại để bổ sung"),
        Rejected => ("rejected", "Không tiếp nhận"),
        Passed => ("passed", "Hội đồng thông qua"),
        Failed => ("failed", "Hội đồng không thông qua"),
        Decided => ("decided", "Đã có quyết định khen thưởng"),
        Forwarded => ("forwarded", "Đã trình cấp trên"),
    }
}

coded_enum! {
    /// A step of a nomination's life.
    NominationStep {
        Send => ("send", "Gửi đề nghị"),
        Accept => ("accept", "Tiếp nhận"),
        Return => ("return", "Trả lại"),
        Reject => ("reject", "Không tiếp nhận"),
        Pass => ("pass", "Thông qua"),
        Fail => ("fail", "Không thông qua"),
        Decide => ("decide", "Ban hành quyết định"),
        Forward => ("forward", "Trình cấp trên"),
    }
}

impl NominationStatus {
    /// The unit may still change the nomination (and its attachments).
    pub fn editable(self) -> bool {
        matches!(self, NominationStatus::Draft | NominationStatus::Returned)
    }

    /// The state after `step`, or why the step is not allowed now. `comment` is required to return
    /// or reject.
    pub fn after(self, step: NominationStep, comment: &str) -> Result<NominationStatus, Invalid> {
        use NominationStatus as S;
        use NominationStep as T;
        if matches!(step, T::Return | T::Reject) && text::clean(comment).is_empty() {
            return Err(Invalid::field(
                "comment",
                "Trả lại hoặc không tiếp nhận phải ghi rõ lý do",
            ));
        }
        let next = match (self, step) {
            (S::Draft | S::Returned, T::Send) => S::Sent,
            (S::Sent, T::Accept) => S::Accepted,
            (S::Sent, T::Return) => S::Returned,
            (S::Sent, T::Reject) => S::Rejected,
            (S::Accepted, T::Pass) => S::Passed,
            (S::Accepted, T::Fail) => S::Failed,
            (S::Passed, T::Decide) => S::Decided,
            (S::Passed, T::Forward) => S::Forwarded,
            _ => {
                return Err(Invalid::field(
                    "status",
                    format!(
                        "Không thể \"{}\" khi đề nghị đang ở trạng thái \"{}\"",
                        step.label().to_lowercase(),
                        self.label()
                    ),
                ))
            }
        };
        Ok(next)
    }
}

/// A nomination as a unit enters it.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct NominationInput {
    pub round_id: i64,
    /// `individual` or `collective`.
    pub subject: String,
    /// The person nominated (individual).
    #[serde(default)]
    pub person_id: Option<i64>,
    /// The collective nominated (a unit), for a collective.
    #[serde(default)]
    pub subject_unit_id: Option<i64>,
    /// The nominating unit; absent: the person's or collective's own unit.
    #[serde(default)]
    pub unit_id: Option<i64>,
    /// A catalogue code among the round's awards.
    pub award: String,
    /// The achievement summary (tóm tắt thành tích).
    #[serde(default)]
    pub summary: String,
}

/// A nomination that passed [`NominationInput::validate`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ValidNomination {
    pub round_id: i64,
    pub subject: Subject,
    pub person_id: Option<i64>,
    pub subject_unit_id: Option<i64>,
    pub unit_id: Option<i64>,
    pub award: String,
    pub summary: String,
}

impl NominationInput {
    /// Checks shape and the award against the catalogue and the round's awards.
    pub fn validate(
        &self,
        tables: &RuleTables,
        round_awards: &[String],
    ) -> Result<ValidNomination, Invalid> {
        let mut e = Invalid::new();
        let subject = Subject::from_code(self.subject.trim());
        match subject {
            None => e.add(
                "subject",
                "Đối tượng phải là individual (cá nhân) hoặc collective (tập thể)",
            ),
            Some(Subject::Individual) if self.person_id.is_none() => {
                e.add("person_id", "Chọn người được đề nghị")
            }
            Some(Subject::Collective) if self.subject_unit_id.is_none() => {
                e.add("subject_unit_id", "Chọn tập thể được đề nghị")
            }
            _ => {}
        }
        let award = self.award.trim();
        match tables.item(award) {
            None => e.add(
                "award",
                format!(
                    "Danh hiệu hoặc hình thức khen thưởng không có trong danh mục: \"{award}\""
                ),
            ),
            Some(item) => {
                if let Some(s) = subject {
                    if !item.subject.admits(s) {
                        e.add(
                            "award",
                            format!("\"{}\" không xét cho {}", item.name, s.label()),
                        );
                    }
                }
                if !round_awards.iter().any(|a| a == award) {
                    e.add("award", format!("Đợt xét này không xét \"{}\"", item.name));
                }
            }
        }
        let summary = text::clean_multiline(&self.summary);
        if summary.chars().count() > 20_000 {
            e.add("summary", "Tóm tắt thành tích dài quá 20.000 ký tự");
        }
        e.or_ok(ValidNomination {
            round_id: self.round_id,
            subject: subject.unwrap_or(Subject::Individual),
            person_id: match subject {
                Some(Subject::Individual) => self.person_id,
                _ => None,
            },
            subject_unit_id: match subject {
                Some(Subject::Collective) => self.subject_unit_id,
                _ => None,
            },
            unit_id: self.unit_id,
            award: award.to_owned(),
            summary,
        })
    }
}

/// Where a unit stands against its quota for one award: `used` nominations that count (not
/// rejected, not returned drafts) of at most `max`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct QuotaUse {
    pub max: u32,
    pub used: u32,
}

impl QuotaUse {
    pub fn remaining(self) -> u32 {
        self.max.saturating_sub(self.used)
    }

    /// One more would exceed the quota.
    pub fn full(self) -> bool {
        self.used >= self.max
    }
}

/// A nomination counts against its unit's quota unless it was rejected or failed.
pub fn counts_against_quota(status: NominationStatus) -> bool {
    !matches!(
        status,
        NominationStatus::Rejected | NominationStatus::Failed
    )
}

/// A fraction `num/den` (2/3, 70/100), compared without floats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fraction {
    pub num: u32,
    pub den: u32,
}

impl Fraction {
    pub const fn new(num: u32, den: u32) -> Fraction {
        Fraction { num, den }
    }

    /// `count / of ≥ num / den` (false when `of` is 0).
    pub fn met(self, count: u32, of: u32) -> bool {
        of > 0 && u64::from(count) * u64::from(self.den) >= u64::from(self.num) * u64::from(of)
    }

    /// The smallest count that meets the fraction of `of`.
    pub fn needed(self, of: u32) -> u32 {
        if self.den == 0 {
            return u32::MAX;
        }
        let n = u64::from(self.num) * u64::from(of);
        n.div_ceil(u64::from(self.den)) as u32
    }

    /// "2/3", "70%".
    pub fn text(self) -> String {
        if self.den == 100 {
            format!("{}%", self.num)
        } else {
            format!("{}/{}", self.num, self.den)
        }
    }

    fn check(self, field: &str, e: &mut Invalid) {
        if self.den == 0 || self.num == 0 || self.num > self.den {
            e.add(field, "Tỷ lệ phải lớn hơn 0 và không quá 100%");
        }
    }
}

coded_enum! {
    /// What the approval threshold is counted against.
    ApprovalBase {
        Present => ("present", "số thành viên tham gia biểu quyết"),
        AllMembers => ("all_members", "tổng số thành viên hội đồng"),
    }
}

/// How a council decides one title or form: the quorum, the approval threshold and its base, and
/// whether the ballot is secret (bỏ phiếu kín).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct VotingRule {
    pub quorum: Fraction,
    pub approval: Fraction,
    pub base: ApprovalBase,
    pub secret: bool,
}

impl VotingRule {
    /// The default for `award` (DOMAIN.md, Councils: valid with ≥ 2/3 of members present, ≥ 70% in
    /// favour, secret ballot for Chiến sĩ thi đua titles; the provincial and national titles ≥ 90%
    /// of all members, the old provincial rule). *Configurable*: councils store their own.
    pub fn default_for(award: &str) -> VotingRule {
        let cstd = award.starts_with("chien_si_thi_dua");
        let high = matches!(
            award,
            "chien_si_thi_dua_cap_tinh" | "chien_si_thi_dua_toan_quoc"
        );
        VotingRule {
            quorum: Fraction::new(2, 3),
            approval: if high {
                Fraction::new(90, 100)
            } else {
                Fraction::new(70, 100)
            },
            base: if high {
                ApprovalBase::AllMembers
            } else {
                ApprovalBase::Present
            },
            secret: cstd,
        }
    }

    pub fn validate(&self) -> Result<(), Invalid> {
        let mut e = Invalid::new();
        self.quorum.check("quorum", &mut e);
        self.approval.check("approval", &mut e);
        e.or_ok(())
    }
}

coded_enum! {
    /// One member's choice on one item of a ballot.
    Choice {
        Yes => ("yes", "Đồng ý"),
        No => ("no", "Không đồng ý"),
        Abstain => ("abstain", "Không biểu quyết"),
    }
}

impl Choice {
    /// The counters a choice adds to a tally, `[yes, no, abstain]`: every vote writes all three,
    /// so the statement that records it is the same whatever the choice.
    pub fn increments(self) -> [i32; 3] {
        match self {
            Choice::Yes => [1, 0, 0],
            Choice::No => [0, 1, 0],
            Choice::Abstain => [0, 0, 1],
        }
    }
}

/// The counters of one item of a ballot.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    pub yes: u32,
    pub no: u32,
    pub abstain: u32,
}

impl Tally {
    pub fn cast(self) -> u32 {
        self.yes + self.no + self.abstain
    }
}

/// What a tally decides under a rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Outcome {
    pub quorum_met: bool,
    pub passed: bool,
    /// Members who may vote on the item (the council less those recused).
    pub eligible: u32,
    /// "Có 3/3 thành viên tham gia (cần từ 2/3); 3 đồng ý trên 3 (cần từ 70%, tức 3 phiếu): thông qua".
    pub text: String,
}

/// The tally rule: the item passes when the members who cast a ballot reach the quorum of the
/// eligible members, and the "yes" votes reach the approval threshold of the base (those who cast a
/// ballot, or all eligible members).
pub fn decide(rule: &VotingRule, eligible: u32, tally: Tally) -> Outcome {
    let cast = tally.cast();
    let quorum_met = rule.quorum.met(cast, eligible);
    let base = match rule.base {
        ApprovalBase::Present => cast,
        ApprovalBase::AllMembers => eligible,
    };
    let approved = rule.approval.met(tally.yes, base);
    let passed = quorum_met && approved;
    let text = format!(
        "Có {cast}/{eligible} thành viên tham gia (cần từ {}); {} đồng ý, {} không đồng ý, {} không biểu quyết; cần từ {} {} (tức {} phiếu đồng ý): {}",
        rule.quorum.text(),
        tally.yes,
        tally.no,
        tally.abstain,
        rule.approval.text(),
        rule.base.label(),
        rule.approval.needed(base),
        if !quorum_met {
            "không đủ số thành viên tham gia, không thông qua"
        } else if passed {
            "thông qua"
        } else {
            "không thông qua"
        }
    );
    Outcome {
        quorum_met,
        passed,
        eligible,
        text,
    }
}

coded_enum! {
    /// Where a decision stands: drafted, approved and numbered, final once the signed scan is in.
    DecisionStatus {
        Draft => ("draft", "Dự thảo"),
        Approved => ("approved", "Đã duyệt, đã cấp số"),
        Final => ("final", "Đã ký, đã ban hành"),
    }
}

impl DecisionStatus {
    /// Why a decision in this state cannot be edited, if it cannot.
    pub fn edit_problem(self) -> Option<&'static str> {
        match self {
            DecisionStatus::Draft => None,
            DecisionStatus::Approved => Some("Quyết định đã được duyệt và cấp số; không sửa được"),
            DecisionStatus::Final => Some("Quyết định đã ký và ban hành; không được sửa"),
        }
    }
}

/// The award money of one line: `award` for `subject` by a decision on `decision_date`, under the
/// regime in force then (reuses the rules engine's money tables). `None` when the tables set no
/// amount or the award is unknown.
pub fn award_money(
    tables: &RuleTables,
    award: &str,
    subject: Subject,
    decision_date: NaiveDate,
) -> Option<AwardBasis> {
    use chrono::Datelike;
    let case = Case {
        subject,
        title: award.to_owned(),
        year: decision_date.year(),
        decision_date,
        received_on: None,
        history: Vec::new(),
        discipline_pending: false,
        disciplined: None,
        members: None,
        staff_level: None,
        union_member: None,
        issuer: None,
    };
    let regime = regimes::choose(&case, tables).ok()?.regime;
    let rule = regime.rules.get(award)?.award.as_ref()?;
    Some(money::award(&case, tables, rule))
}

/// One line of a decision's attached list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DecisionLine {
    pub subject: Subject,
    pub name: String,
    pub unit_name: String,
    pub award: String,
    pub amount_vnd: Option<i64>,
}

/// The total of a decision's lines (lines without an amount add nothing); `None` on overflow.
pub fn decision_total(lines: &[DecisionLine]) -> Option<i64> {
    lines
        .iter()
        .try_fold(0i64, |acc, l| acc.checked_add(l.amount_vnd.unwrap_or(0)))
}

/// The texts of an award decision the office may edit while it is a draft: the legal bases ("Căn
/// cứ …", one per line), where the money comes from (Article 2: "chi từ …") and who carries it out
/// (Article 3: "… chịu trách nhiệm thi hành Quyết định này"), and the signer (name, title and the
/// authority line, "KT. CHỦ TỊCH" for a deputy).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionTexts {
    pub bases: Vec<String>,
    pub funding: String,
    pub executors: String,
    pub signer: DecisionSigner,
}

/// Who signs a decision, as printed under it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionSigner {
    /// "Hoàng Đăng Khoa"; empty leaves the name to be written by hand.
    pub name: String,
    /// "CHỦ TỊCH", "PHÓ CHỦ TỊCH".
    pub title: String,
    /// "KT. CHỦ TỊCH" (a deputy signs for the chairman), "TM. ỦY BAN NHÂN DÂN"; empty: none.
    pub authority: String,
}

impl DecisionSigner {
    /// The signer from the single text of decisions drafted before the signer had a title: a
    /// name ("Hoàng Đăng Khoa", the chairman), or a title ("Chủ tịch Ủy ban nhân dân", "Phó Chủ
    /// tịch Nguyễn Văn Bình"): a deputy signs for the chairman (KT. CHỦ TỊCH); a title without a
    /// name leaves the name for the signer to write.
    pub fn from_text(signer: &str) -> DecisionSigner {
        let s = signer.trim();
        let folded = text::fold(s).to_lowercase();
        let (authority, title, words) = if folded.starts_with("pho chu tich") {
            ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", 3)
        } else if folded.starts_with("chu tich") {
            ("", "CHỦ TỊCH", 2)
        } else {
            return DecisionSigner {
                name: s.to_owned(),
                title: "CHỦ TỊCH".into(),
                authority: String::new(),
            };
        };
        let rest = s
            .split_whitespace()
            .skip(words)
            .collect::<Vec<_>>()
            .join(" ");
        let folded_rest = text::fold(&rest).to_lowercase();
        let name = if folded_rest.starts_with("uy ban") || folded_rest.starts_with("ubnd") {
            String::new()
        } else {
            rest
        };
        DecisionSigner {
            name,
            title: title.into(),
            authority: authority.into(),
        }
    }

    /// The signer from a person's name and position ("Phó Chủ tịch UBND thành phố"): a deputy
    /// chairman signs "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH", the chairman "CHỦ TỊCH"; another position is
    /// printed as it is, in capitals.
    pub fn from_position(name: &str, position: &str) -> DecisionSigner {
        let folded = text::fold(position.trim()).to_lowercase();
        let (title, authority) = if folded.starts_with("pho chu tich") {
            ("PHÓ CHỦ TỊCH".to_owned(), "KT. CHỦ TỊCH".to_owned())
        } else if folded.starts_with("chu tich") || folded.is_empty() {
            ("CHỦ TỊCH".to_owned(), String::new())
        } else {
            (text::clean(position).to_uppercase(), String::new())
        };
        DecisionSigner {
            name: text::clean(name),
            title,
            authority,
        }
    }
}

/// The texts a new decision starts with (the office edits them on the draft): the laws an award
/// decision of a district-level chairman rests on, the year's funding, the usual executors, and
/// the chairman as signer (name left blank).
pub fn default_decision_texts(year: Option<i32>) -> DecisionTexts {
    let year = year.map(|y| format!(" năm {y}")).unwrap_or_default();
    DecisionTexts {
        bases: vec![
            "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;".into(),
            "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;".into(),
            "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định \
             chi tiết thi hành một số điều của Luật Thi đua, khen thưởng;"
                .into(),
            "Theo đề nghị của Trưởng phòng Nội vụ.".into(),
        ],
        funding: format!("nguồn kinh phí thi đua, khen thưởng{year}"),
        executors:
            "Chánh Văn phòng, Trưởng phòng Nội vụ, Thủ trưởng các cơ quan, đơn vị có liên quan"
                .into(),
        signer: DecisionSigner {
            name: String::new(),
            title: "CHỦ TỊCH".into(),
            authority: String::new(),
        },
    }
}

/// Decision texts as the office types them: the bases one per line.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct DecisionTextsInput {
    pub bases: String,
    pub funding: String,
    pub executors: String,
    #[serde(default)]
    pub signer_name: String,
    pub signer_title: String,
    #[serde(default)]
    pub signer_authority: String,
}

impl DecisionTextsInput {
    /// Checks the texts: at least one basis, each a "Căn cứ …" or "Theo đề nghị …" line of at
    /// most 500 characters; the funding, the executors and the signer's title not empty; lengths
    /// bounded. The bases are printed as typed, one per line.
    pub fn validate(&self) -> Result<DecisionTexts, Invalid> {
        let mut e = Invalid::new();
        let bases: Vec<String> = self
            .bases
            .lines()
            .map(text::clean)
            .filter(|l| !l.is_empty())
            .collect();
        if bases.is_empty() {
            e.add("bases", "Cần ít nhất một căn cứ pháp lý (\"Căn cứ …\")");
        } else if bases.len() > 20 {
            e.add("bases", "Nhiều nhất 20 dòng căn cứ");
        }
        for (i, b) in bases.iter().enumerate() {
            let folded = text::fold(b).to_lowercase();
            if !(folded.starts_with("can cu") || folded.starts_with("theo de nghi")) {
                e.add(
                    "bases",
                    format!(
                        "Dòng {} phải bắt đầu bằng \"Căn cứ\" hoặc \"Theo đề nghị\": \"{b}\"",
                        i + 1
                    ),
                );
            } else if b.chars().count() > 500 {
                e.add("bases", format!("Dòng {} dài quá 500 ký tự", i + 1));
            }
        }
        let mut text_field = |field: &str, value: &str, what: &str, max: usize| {
            let v = text::clean(value);
            if v.is_empty() && what != "tên người ký" {
                e.add(field, format!("{} không được để trống", capitalised(what)));
            } else if v.chars().count() > max {
                e.add(field, format!("{} dài quá {max} ký tự", capitalised(what)));
            }
            v
        };
        let funding = text_field("funding", &self.funding, "nguồn kinh phí (Điều 2)", 500);
        let executors = text_field("executors", &self.executors, "người thi hành (Điều 3)", 500);
        let name = text_field("signer_name", &self.signer_name, "tên người ký", 100);
        let title = text_field("signer_title", &self.signer_title, "chức vụ người ký", 100);
        let authority = text::clean(&self.signer_authority);
        if authority.chars().count() > 100 {
            e.add("signer_authority", "Thẩm quyền ký dài quá 100 ký tự");
        } else if !authority.is_empty() {
            let folded = text::fold(&authority).to_lowercase();
            if !["tm.", "kt.", "tl.", "tuq.", "q."]
                .iter()
                .any(|p| folded.starts_with(p))
            {
                e.add(
                    "signer_authority",
                    "Thẩm quyền ký phải bắt đầu bằng TM., KT., TL., TUQ. hoặc Q. (hoặc để trống)",
                );
            }
        }
        e.or_ok(DecisionTexts {
            bases,
            funding,
            executors,
            signer: DecisionSigner {
                name,
                title: title.to_uppercase(),
                authority: authority.to_uppercase(),
            },
        })
    }
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// An entry of a record of achievements (hồ sơ thành tích) imported from before thidua.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ImportedAchievementInput {
    #[serde(default)]
    pub person_id: Option<i64>,
    #[serde(default)]
    pub unit_id: Option<i64>,
    pub year: i32,
    pub award: String,
    /// The decision as printed ("12/QĐ-UBND"), if known.
    #[serde(default)]
    pub reference: String,
    #[serde(default)]
    pub decided_on: Option<NaiveDate>,
    #[serde(default)]
    pub amount_vnd: Option<i64>,
    #[serde(default)]
    pub note: String,
}

impl ImportedAchievementInput {
    pub fn validate(&self, tables: &RuleTables) -> Result<ImportedAchievementInput, Invalid> {
        let mut e = Invalid::new();
        if self.person_id.is_some() == self.unit_id.is_some() {
            e.add(
                "person_id",
                "Chọn đúng một: người (person_id) hoặc tập thể (unit_id)",
            );
        }
        if let Err(x) = check_rating_year(self.year) {
            e.add("year", x.fields.into_values().next().unwrap_or_default());
        }
        let award = self.award.trim();
        if tables.item(award).is_none() {
            e.add(
                "award",
                format!(
                    "Danh hiệu hoặc hình thức khen thưởng không có trong danh mục: \"{award}\""
                ),
            );
        }
        if self.amount_vnd.is_some_and(|a| a < 0) {
            e.add("amount_vnd", "Số tiền không được âm");
        }
        e.or_ok(ImportedAchievementInput {
            award: award.to_owned(),
            reference: text::clean(&self.reference),
            note: text::clean(&self.note),
            ..self.clone()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn ratings_are_read_and_unknown_ones_named() {
        assert_eq!(
            parse_rating("rating", " hoan_thanh_tot ").unwrap(),
            Rating::HoanThanhTot
        );
        let e = parse_rating("rows[2].rating", "tot").unwrap_err();
        let msg = &e.fields["rows[2].rating"];
        assert!(
            msg.contains("\"tot\"") && msg.contains("hoan_thanh_xuat_sac"),
            "{msg}"
        );
        assert!(check_rating_year(1999).is_err());
        assert!(check_rating_year(2024).is_ok());
    }

    #[test]
    fn rounds_check_awards_and_quotas() {
        let t = RuleTables::builtin();
        let ok = RoundInput {
            name: " Xét khen thưởng năm 2024 ".into(),
            kind: "yearly".into(),
            year: 2024,
            deadline: d(2024, 12, 15),
            awards: vec!["lao_dong_tien_tien".into(), "chien_si_thi_dua_co_so".into()],
            quotas: vec![Quota {
                unit_id: 3,
                award: "chien_si_thi_dua_co_so".into(),
                max: 2,
            }],
            ..Default::default()
        }
        .validate(t)
        .unwrap();
        assert_eq!(ok.name, "Xét khen thưởng năm 2024");
        assert_eq!(ok.kind, RoundKind::Yearly);
        let bad = RoundInput {
            name: "".into(),
            kind: "movement".into(),
            year: 2024,
            deadline: d(2024, 12, 15),
            awards: vec![
                "huan_chuong_xyz".into(),
                "giay_khen".into(),
                "giay_khen".into(),
            ],
            quotas: vec![Quota {
                unit_id: 1,
                award: "lao_dong_tien_tien".into(),
                max: 1,
            }],
            ..Default::default()
        }
        .validate(t)
        .unwrap_err();
        for f in [
            "name",
            "movement_id",
            "awards[0]",
            "awards[2]",
            "quotas[0].award",
        ] {
            assert!(bad.fields.contains_key(f), "{f}: {bad:?}");
        }
    }

    #[test]
    fn nominations_move_only_along_the_state_machine() {
        use NominationStatus as S;
        use NominationStep as T;
        assert_eq!(S::Draft.after(T::Send, "").unwrap(), S::Sent);
        assert_eq!(S::Sent.after(T::Accept, "").unwrap(), S::Accepted);
        assert!(
            S::Sent.after(T::Return, "  ").is_err(),
            "a return needs a comment"
        );
        assert_eq!(
            S::Sent.after(T::Return, "Thiếu báo cáo").unwrap(),
            S::Returned
        );
        assert_eq!(S::Returned.after(T::Send, "").unwrap(), S::Sent);
        assert_eq!(
            S::Sent.after(T::Reject, "Không đủ điều kiện").unwrap(),
            S::Rejected
        );
        assert_eq!(S::Accepted.after(T::Pass, "").unwrap(), S::Passed);
        assert_eq!(S::Accepted.after(T::Fail, "").unwrap(), S::Failed);
        assert_eq!(S::Passed.after(T::Decide, "").unwrap(), S::Decided);
        assert_eq!(S::Passed.after(T::Forward, "").unwrap(), S::Forwarded);
        for (s, t) in [
            (S::Draft, T::Accept),
            (S::Rejected, T::Send),
            (S::Decided, T::Decide),
            (S::Failed, T::Pass),
            (S::Sent, T::Pass),
        ] {
            assert!(s.after(t, "lý do").is_err(), "{s:?} {t:?}");
        }
        assert!(S::Returned.editable() && !S::Sent.editable());
    }

    #[test]
    fn nominations_check_subject_and_award_against_the_round() {
        let t = RuleTables::builtin();
        let round = vec!["lao_dong_tien_tien".to_string(), "giay_khen".to_string()];
        let ok = NominationInput {
            round_id: 1,
            subject: "individual".into(),
            person_id: Some(5),
            award: "lao_dong_tien_tien".into(),
            summary: "Hoàn thành tốt".into(),
            ..Default::default()
        };
        assert!(ok.validate(t, &round).is_ok());
        let collective_title = NominationInput {
            subject: "collective".into(),
            subject_unit_id: Some(2),
            ..ok.clone()
        };
        assert!(collective_title
            .validate(t, &round)
            .unwrap_err()
            .fields
            .contains_key("award"));
        let not_in_round = NominationInput {
            award: "chien_si_thi_dua_co_so".into(),
            ..ok.clone()
        };
        assert!(not_in_round
            .validate(t, &round)
            .unwrap_err()
            .fields
            .contains_key("award"));
        let nobody = NominationInput {
            person_id: None,
            ..ok
        };
        assert!(nobody
            .validate(t, &round)
            .unwrap_err()
            .fields
            .contains_key("person_id"));
    }

    #[test]
    fn fractions_compare_exactly() {
        let two_thirds = Fraction::new(2, 3);
        assert!(two_thirds.met(2, 3));
        assert!(!two_thirds.met(1, 2));
        assert!(two_thirds.met(4, 6));
        assert!(!two_thirds.met(3, 0));
        assert_eq!(two_thirds.needed(3), 2);
        assert_eq!(two_thirds.needed(10), 7);
        assert_eq!(Fraction::new(70, 100).needed(3), 3);
        assert_eq!(Fraction::new(70, 100).needed(10), 7);
        assert_eq!(Fraction::new(70, 100).text(), "70%");
    }

    #[test]
    fn the_tally_rule_needs_quorum_and_threshold() {
        let rule = VotingRule::default_for("chien_si_thi_dua_co_so");
        assert!(rule.secret);
        let o = decide(
            &rule,
            3,
            Tally {
                yes: 3,
                no: 0,
                abstain: 0,
            },
        );
        assert!(o.passed && o.quorum_met, "{}", o.text);
        // 2 of 3 is 66.7% < 70%.
        let o = decide(
            &rule,
            3,
            Tally {
                yes: 2,
                no: 1,
                abstain: 0,
            },
        );
        assert!(!o.passed && o.quorum_met, "{}", o.text);
        // One voter of three: no quorum, even if unanimous.
        let o = decide(
            &rule,
            3,
            Tally {
                yes: 1,
                no: 0,
                abstain: 0,
            },
        );
        assert!(!o.quorum_met && !o.passed, "{}", o.text);
        assert!(o.text.contains("không đủ"), "{}", o.text);
        // 7 of 10 present: 5 yes of 7 = 71% passes; counted on all members (10) it would not.
        let o = decide(
            &rule,
            10,
            Tally {
                yes: 5,
                no: 2,
                abstain: 0,
            },
        );
        assert!(o.passed, "{}", o.text);
        let high = VotingRule::default_for("chien_si_thi_dua_cap_tinh");
        assert_eq!(high.base, ApprovalBase::AllMembers);
        assert!(
            !decide(
                &high,
                10,
                Tally {
                    yes: 8,
                    no: 0,
                    abstain: 0
                }
            )
            .passed
        );
        assert!(
            decide(
                &high,
                10,
                Tally {
                    yes: 9,
                    no: 0,
                    abstain: 1
                }
            )
            .passed
        );
        assert!(!VotingRule::default_for("lao_dong_tien_tien").secret);
        let bad = VotingRule {
            quorum: Fraction::new(4, 3),
            ..rule
        };
        assert!(bad.validate().is_err());
    }

    #[test]
    fn every_choice_writes_all_three_counters() {
        for c in Choice::ALL {
            assert_eq!(c.increments().iter().sum::<i32>(), 1);
        }
    }

    #[test]
    fn award_money_follows_the_decision_date_and_lines_add_up() {
        let t = RuleTables::builtin();
        // 0.3 × 2,340,000 = 702,000 → 710,000 (from 01/07/2024).
        let lđtt =
            award_money(t, "lao_dong_tien_tien", Subject::Individual, d(2025, 1, 15)).unwrap();
        assert_eq!(lđtt.amount_vnd, Some(710_000));
        // 1.0 × 1,800,000 in 2024 H1.
        let cstd = award_money(
            t,
            "chien_si_thi_dua_co_so",
            Subject::Individual,
            d(2024, 3, 1),
        )
        .unwrap();
        assert_eq!(cstd.amount_vnd, Some(1_800_000));
        // A collective's Giấy khen: twice the individual's rounded amount.
        let gk = award_money(t, "giay_khen", Subject::Collective, d(2025, 1, 15)).unwrap();
        assert_eq!(gk.amount_vnd, Some(2 * 710_000));
        assert!(award_money(t, "khong_co", Subject::Individual, d(2025, 1, 15)).is_none());
        let line = |amount| DecisionLine {
            subject: Subject::Individual,
            name: "A".into(),
            unit_name: "B".into(),
            award: "lao_dong_tien_tien".into(),
            amount_vnd: amount,
        };
        assert_eq!(
            decision_total(&[line(Some(710_000)), line(Some(1_800_000)), line(None)]),
            Some(2_510_000)
        );
        assert_eq!(decision_total(&[line(Some(i64::MAX)), line(Some(1))]), None);
    }

    #[test]
    fn signed_decisions_are_not_edited_and_high_forms_go_up() {
        assert!(DecisionStatus::Draft.edit_problem().is_none());
        assert!(DecisionStatus::Final.edit_problem().is_some());
        assert!(is_higher_level("bang_khen_tinh"));
        assert!(!is_higher_level("giay_khen"));
    }

    #[test]
    fn decision_texts_are_checked_and_the_signer_follows_the_position() {
        let d = default_decision_texts(Some(2024));
        assert_eq!(d.funding, "nguồn kinh phí thi đua, khen thưởng năm 2024");
        let ok = DecisionTextsInput {
            bases: format!(
                "{}\n\n  Căn cứ Quyết định số 12/QĐ-UBND;  ",
                d.bases.join("\n")
            ),
            funding: d.funding.clone(),
            executors: d.executors.clone(),
            signer_name: "Hoàng Đăng Khoa".into(),
            signer_title: "Phó Chủ tịch".into(),
            signer_authority: "kt. chủ tịch".into(),
        }
        .validate()
        .unwrap();
        assert_eq!(ok.bases.len(), 5);
        assert_eq!(ok.bases[4], "Căn cứ Quyết định số 12/QĐ-UBND;");
        assert_eq!(ok.signer.title, "PHÓ CHỦ TỊCH");
        assert_eq!(ok.signer.authority, "KT. CHỦ TỊCH");
        let bad = DecisionTextsInput {
            bases: "Luật Thi đua, khen thưởng".into(),
            funding: " ".into(),
            executors: "x".into(),
            signer_name: String::new(),
            signer_title: String::new(),
            signer_authority: "Ký thay".into(),
        }
        .validate()
        .unwrap_err();
        for f in ["bases", "funding", "signer_title", "signer_authority"] {
            assert!(bad.fields.contains_key(f), "{f}: {bad:?}");
        }
        assert!(!bad.fields.contains_key("signer_name"));
        let s = DecisionSigner::from_position("Nguyễn Văn Bình", "Phó Chủ tịch UBND thành phố");
        assert_eq!(
            (s.title.as_str(), s.authority.as_str()),
            ("PHÓ CHỦ TỊCH", "KT. CHỦ TỊCH")
        );
        let s = DecisionSigner::from_position("Hoàng Đăng Khoa", "Chủ tịch");
        assert_eq!((s.title.as_str(), s.authority.as_str()), ("CHỦ TỊCH", ""));
    }
}
