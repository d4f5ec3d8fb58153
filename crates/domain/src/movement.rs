//! Movements (phong trào thi đua), the directives that launch them (văn bản chỉ đạo) with their numbered
//! tasks (nhiệm vụ), the units' registrations (đăng ký thi đua), propaganda (tuyên truyền), the reports
//! on each task and the follow-up (theo dõi, kiểm tra, đôn đốc): the types, the input rules and the state
//! of each unit × task cell. Pure: the store keeps them, the web shows them.

use crate::text;
use crate::validation::Invalid;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

coded_enum! {
    /// Whether a movement runs all the time or for a campaign or theme (thường xuyên / theo đợt, chuyên đề).
    MovementKind {
        Regular => ("regular", "Thường xuyên"),
        Campaign => ("campaign", "Theo đợt, chuyên đề"),
    }
}

coded_enum! {
    /// Where a movement stands.
    MovementStatus {
        Draft => ("draft", "Đang soạn"),
        Active => ("active", "Đang triển khai"),
        Closed => ("closed", "Đã tổng kết"),
    }
}

coded_enum! {
    /// A document that came in (văn bản đến) or that this body issues (văn bản đi).
    DocumentDirection {
        Incoming => ("incoming", "Văn bản đến"),
        Outgoing => ("outgoing", "Văn bản đi"),
    }
}

coded_enum! {
    /// Where a directive stands. An issued directive is never edited: a new version supersedes it.
    DirectiveStatus {
        Draft => ("draft", "Dự thảo"),
        Issued => ("issued", "Đã ban hành"),
        Superseded => ("superseded", "Đã được thay thế"),
    }
}

coded_enum! {
    /// Propaganda a unit reports: a post (bài viết, tin) or an event (hoạt động, hội nghị).
    PostKind {
        Post => ("post", "Bài viết, tin tuyên truyền"),
        Event => ("event", "Hoạt động, sự kiện"),
    }
}

coded_enum! {
    /// Where one unit stands on one task of a directive: one cell of the follow-up matrix.
    CellState {
        NotRead => ("not_read", "Chưa đọc"),
        Read => ("read", "Đã đọc"),
        Reporting => ("reporting", "Đang báo cáo"),
        Reported => ("reported", "Đã báo cáo"),
        ReportedLate => ("reported_late", "Báo cáo muộn"),
        Late => ("late", "Quá hạn"),
    }
}

/// What is known of one unit × task cell, read from the store.
#[derive(Debug, Clone, Copy, Default)]
pub struct CellFacts {
    pub read: bool,
    /// A report exists (draft or sent).
    pub report_started: bool,
    /// The day the report was sent, if it was.
    pub submitted_on: Option<NaiveDate>,
    pub due_on: Option<NaiveDate>,
}

impl CellState {
    /// The state of a cell on `today`. A report sent after its deadline stays "reported late"; a task whose
    /// deadline passed without a sent report is "late" whatever else happened.
    pub fn of(facts: CellFacts, today: NaiveDate) -> CellState {
        match (facts.submitted_on, facts.due_on) {
            (Some(sent), Some(due)) if sent > due => CellState::ReportedLate,
            (Some(_), _) => CellState::Reported,
            (None, Some(due)) if today > due => CellState::Late,
            (None, _) if facts.report_started => CellState::Reporting,
            (None, _) if facts.read => CellState::Read,
            _ => CellState::NotRead,
        }
    }

    /// Whether the unit still owes something on this cell (for reminders).
    pub fn owes(self) -> bool {
        matches!(
            self,
            CellState::NotRead | CellState::Read | CellState::Reporting | CellState::Late
        )
    }
}

const YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;
const MAX_TEXT: usize = 20_000;

fn required(e: &mut Invalid, field: &str, value: &str, what: &str, max: usize) -> String {
    let v = text::clean(value);
    if v.is_empty() {
        e.add(field, format!("{what} không được để trống"));
    } else if v.chars().count() > max {
        e.add(field, format!("{what} dài quá {max} ký tự"));
    }
    v
}

fn optional(e: &mut Invalid, field: &str, value: &str, what: &str, max: usize) -> String {
    let v = text::clean_multiline(value);
    if v.chars().count() > max {
        e.add(field, format!("{what} dài quá {max} ký tự"));
    }
    v
}

fn year(e: &mut Invalid, field: &str, y: i32) {
    if !YEARS.contains(&y) {
        e.add(field, "Năm phải trong khoảng 2000–2100");
    }
}

/// A yearly phase of a movement (giai đoạn hằng năm), with the deadline for units to register.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq, Eq)]
pub struct PhaseInput {
    pub year: i32,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub registration_due: Option<NaiveDate>,
}

/// A movement as the TĐKT office (or a unit launching it inside itself) enters it.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct MovementInput {
    pub name: String,
    pub start_year: i32,
    pub end_year: i32,
    #[serde(default)]
    pub kind: Option<String>,
    #[serde(default)]
    pub organisers: String,
    #[serde(default)]
    pub target_groups: String,
    #[serde(default)]
    pub description: String,
    /// The guidance that applies to commendation for it (e.g. the document 941/UBND-NV).
    #[serde(default)]
    pub guidance_document_id: Option<i64>,
    /// The unit that runs it (the city's People's Committee, or a unit launching it inside itself).
    #[serde(default)]
    pub unit_id: Option<i64>,
    /// The city's movement that a unit's own launch belongs to.
    #[serde(default)]
    pub parent_id: Option<i64>,
    #[serde(default)]
    pub basis_document_ids: Vec<i64>,
    #[serde(default)]
    pub linked_movement_ids: Vec<i64>,
    #[serde(default)]
    pub phases: Vec<PhaseInput>,
}

/// A movement that passed its checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidMovement {
    pub name: String,
    pub start_year: i32,
    pub end_year: i32,
    pub kind: MovementKind,
    pub organisers: String,
    pub target_groups: String,
    pub description: String,
    pub phases: Vec<PhaseInput>,
}

impl MovementInput {
    pub fn validate(&self) -> Result<ValidMovement, Invalid> {
        let mut e = Invalid::new();
        let name = required(&mut e, "name", &self.name, "Tên phong trào", 300);
        year(&mut e, "start_year", self.start_year);
        year(&mut e, "end_year", self.end_year);
        if self.end_year < self.start_year {
            e.add("end_year", "Năm kết thúc không được trước năm bắt đầu");
        }
        let kind = match self.kind.as_deref().map(str::trim) {
            None | Some("") => MovementKind::Regular,
            Some(code) => MovementKind::from_code(code).unwrap_or_else(|| {
                e.add(
                    "kind",
                    "Loại phong trào phải là 'regular' (thường xuyên) hoặc 'campaign' (theo đợt, chuyên đề)",
                );
                MovementKind::Regular
            }),
        };
        let organisers = optional(
            &mut e,
            "organisers",
            &self.organisers,
            "Đơn vị tổ chức",
            1000,
        );
        let target_groups = optional(
            &mut e,
            "target_groups",
            &self.target_groups,
            "Đối tượng",
            2000,
        );
        let description = optional(
            &mut e,
            "description",
            &self.description,
            "Nội dung",
            MAX_TEXT,
        );
        let mut phases = Vec::new();
        for p in &self.phases {
            if p.year < self.start_year || p.year > self.end_year {
                e.add(
                    "phases",
                    format!(
                        "Năm {} nằm ngoài giai đoạn {}–{} của phong trào",
                        p.year, self.start_year, self.end_year
                    ),
                );
            }
            if phases.iter().any(|q: &PhaseInput| q.year == p.year) {
                e.add("phases", format!("Năm {} được khai báo hai lần", p.year));
            }
            let title = text::clean(&p.title);
            phases.push(PhaseInput {
                year: p.year,
                title: if title.is_empty() {
                    format!("Năm {}", p.year)
                } else {
                    title
                },
                registration_due: p.registration_due,
            });
        }
        phases.sort_by_key(|p| p.year);
        e.or_ok(ValidMovement {
            name,
            start_year: self.start_year,
            end_year: self.end_year,
            kind,
            organisers,
            target_groups,
            description,
            phases,
        })
    }
}

/// A document as a user registers it: an incoming one with its printed number and symbol, or an
/// outgoing draft with only its symbol ("/UBND-NV").
#[derive(Debug, Clone, Default, Deserialize)]
pub struct DocumentInput {
    /// `incoming` (the default) or `outgoing`.
    #[serde(default)]
    pub direction: Option<String>,
    /// As printed: "941/UBND-NV", "205/KH-UBND-LĐLĐ", "1721-CV/TU"; a draft: "/UBND-NV".
    #[serde(default)]
    pub reference: Option<String>,
    /// A kind code of `docref::DocumentKind` ("ke_hoach"); read from the reference when absent.
    #[serde(default)]
    pub kind: Option<String>,
    /// The date: dd/mm/yyyy, ISO, or a partial one for a draft (mm/yyyy, yyyy).
    #[serde(default)]
    pub issued_on: Option<String>,
    pub summary: String,
    #[serde(default)]
    pub issuer: String,
    #[serde(default)]
    pub signer: String,
    #[serde(default)]
    pub unit_id: Option<i64>,
    #[serde(default)]
    pub basis_document_ids: Vec<i64>,
}

/// A document that passed its checks, ready for the register.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct ValidDocument {
    pub direction: String,
    pub kind: String,
    /// As printed, canonical ("05/QĐ-UBND"); `None` for a draft.
    pub reference: Option<String>,
    pub number: Option<i32>,
    /// The register: what follows the number ("UBND-NV", "KH-UBND-LĐLĐ", "CV/TU").
    pub symbol: String,
    pub issued_year: Option<i32>,
    pub issued_month: Option<u32>,
    pub issued_day: Option<u32>,
    pub summary: String,
    pub issuer: String,
    pub signer: String,
    pub unit_id: Option<i64>,
    pub basis_ids: Vec<i64>,
}

impl ValidDocument {
    /// The whole date, when it is known.
    pub fn issued_on(&self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.issued_year?, self.issued_month?, self.issued_day?)
    }
}

impl DocumentInput {
    pub fn validate(&self) -> Result<ValidDocument, Invalid> {
        use crate::docref::{DocumentKind, DocumentReference, PartialDate};
        let mut e = Invalid::new();
        let direction = match self.direction.as_deref().map(str::trim) {
            None | Some("") => DocumentDirection::Incoming,
            Some(c) => DocumentDirection::from_code(c).unwrap_or_else(|| {
                e.add(
                    "direction",
                    "Phải là 'incoming' (văn bản đến) hoặc 'outgoing' (văn bản đi)",
                );
                DocumentDirection::Incoming
            }),
        };
        let reference = match self.reference.as_deref().map(str::trim) {
            None | Some("") => {
                e.add(
                    "reference",
                    "Chưa có số và ký hiệu văn bản (văn bản dự thảo ghi như /UBND-NV)",
                );
                None
            }
            Some(r) => match DocumentReference::parse(r) {
                Ok(r) => Some(r),
                Err(err) => {
                    e.add("reference", format!("Số và ký hiệu không hợp lệ: {err}"));
                    None
                }
            },
        };
        if reference.as_ref().is_some_and(|r| r.is_draft())
            && direction == DocumentDirection::Incoming
        {
            e.add(
                "reference",
                "Văn bản đến phải có số (chỉ văn bản đi dự thảo mới chưa có số)",
            );
        }
        let kind = match self.kind.as_deref().map(str::trim) {
            None | Some("") => reference.as_ref().map(|r| r.kind()),
            Some(code) => match DocumentKind::from_code(code) {
                None => {
                    e.add(
                        "kind",
                        format!("Loại văn bản '{code}' không có trong danh mục"),
                    );
                    None
                }
                Some(k) => {
                    if let Some(r) = &reference {
                        if r.kind() != k {
                            e.add(
                                "kind",
                                format!(
                                    "Loại '{}' không khớp với ký hiệu {} ({})",
                                    k.name(),
                                    r,
                                    r.kind().name()
                                ),
                            );
                        }
                    }
                    Some(k)
                }
            },
        };
        let date = match self.issued_on.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(d) => match PartialDate::parse(d) {
                Ok(d) => Some(d),
                Err(err) => {
                    e.add("issued_on", format!("Ngày ban hành: {err}"));
                    None
                }
            },
        };
        let issued = reference.as_ref().is_some_and(|r| !r.is_draft());
        if issued
            && !date.as_ref().is_some_and(|d| d.is_complete())
            && !e.fields.contains_key("issued_on")
        {
            e.add(
                "issued_on",
                "Văn bản đã có số phải có đủ ngày, tháng, năm ban hành",
            );
        }
        if let (Some(r), Some(d)) = (&reference, &date) {
            if let Some(y) = r.year() {
                if y != d.year() {
                    e.add(
                        "issued_on",
                        format!("Năm ban hành {} khác năm trong số hiệu ({y})", d.year()),
                    );
                }
            }
        }
        let summary = required(&mut e, "summary", &self.summary, "Trích yếu", 1000);
        let issuer = optional(&mut e, "issuer", &self.issuer, "Cơ quan ban hành", 300);
        let signer = optional(&mut e, "signer", &self.signer, "Người ký", 200);
        e.or_ok(())?;
        let reference = reference.expect("checked above");
        Ok(ValidDocument {
            direction: direction.code().into(),
            kind: kind.unwrap_or(reference.kind()).code().into(),
            number: reference.number().map(|n| n as i32),
            reference: (!reference.is_draft()).then(|| reference.to_string()),
            symbol: reference.symbol(),
            issued_year: date.as_ref().map(|d| d.year()),
            issued_month: date.as_ref().and_then(|d| d.month()),
            issued_day: date.as_ref().and_then(|d| d.day()),
            summary,
            issuer,
            signer,
            unit_id: self.unit_id,
            basis_ids: self.basis_document_ids.clone(),
        })
    }
}

/// A numbered task of a directive (nhiệm vụ): what units must do and report, and by when.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq, Eq)]
pub struct TaskInput {
    pub title: String,
    #[serde(default)]
    pub body: String,
    /// What the unit must report ("số buổi tuyên truyền, số người tham dự, số tin bài").
    #[serde(default)]
    pub report_what: String,
    #[serde(default)]
    pub due_on: Option<NaiveDate>,
}

/// A directive as drafted: the dispatch that launches a movement's phase, with its tasks and recipients.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct DirectiveInput {
    pub movement_id: i64,
    pub year: i32,
    /// "V/v đẩy mạnh thực hiện phong trào thi đua …"
    pub summary: String,
    /// The opening paragraphs ("Căn cứ …"), before the tasks.
    #[serde(default)]
    pub preamble: String,
    /// The closing call ("UBND thành phố kêu gọi …").
    #[serde(default)]
    pub closing: String,
    /// The register the number will come from: the issuer and drafting office ("UBND-NV").
    pub symbol: String,
    #[serde(default)]
    pub signer: String,
    /// A joint directive (kế hoạch liên tịch): the co-issuing unit, e.g. the city's Labour
    /// Federation beside the People's Committee that runs the movement.
    #[serde(default)]
    pub co_issuer_unit_id: Option<i64>,
    /// The co-issuer's signer: name, title ("Chủ tịch") and authority ("TM. BAN THƯỜNG VỤ").
    #[serde(default)]
    pub co_signer: String,
    #[serde(default)]
    pub co_signer_title: String,
    #[serde(default)]
    pub co_signer_authority: String,
    pub tasks: Vec<TaskInput>,
    #[serde(default)]
    pub group_ids: Vec<i64>,
    #[serde(default)]
    pub unit_ids: Vec<i64>,
    #[serde(default)]
    pub basis_document_ids: Vec<i64>,
}

/// A directive that passed its checks (before issuing; deadlines are checked against the issue date then).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidDirective {
    pub summary: String,
    pub preamble: String,
    pub closing: String,
    pub symbol: String,
    pub signer: String,
    /// The co-issuer of a joint directive, with its signer.
    pub joint: Option<JointIssuer>,
    pub tasks: Vec<TaskInput>,
}

/// The second issuing body of a joint directive (cơ quan phối hợp ban hành văn bản liên tịch) and
/// the person who signs for it. The lead issuer is the movement's unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct JointIssuer {
    pub unit_id: i64,
    /// "Nguyễn Thị Lan".
    pub signer: String,
    /// "Chủ tịch".
    pub signer_title: String,
    /// "TM. BAN THƯỜNG VỤ"; empty when the holder signs in their own name.
    pub signer_authority: String,
}

/// A joint directive's co-issuer must be another body than the lead issuer (the movement's unit).
pub fn co_issuer_problem(
    issuer_unit_id: Option<i64>,
    joint: Option<&JointIssuer>,
) -> Result<(), Invalid> {
    match joint {
        Some(j) if Some(j.unit_id) == issuer_unit_id => Err(Invalid::field(
            "co_issuer_unit_id",
            "Cơ quan phối hợp ban hành phải khác cơ quan chủ trì (đơn vị của phong trào)",
        )),
        _ => Ok(()),
    }
}

impl DirectiveInput {
    pub fn validate(&self) -> Result<ValidDirective, Invalid> {
        let mut e = Invalid::new();
        year(&mut e, "year", self.year);
        let summary = required(&mut e, "summary", &self.summary, "Trích yếu", 500);
        let preamble = optional(&mut e, "preamble", &self.preamble, "Phần căn cứ", MAX_TEXT);
        let closing = optional(&mut e, "closing", &self.closing, "Phần kết", MAX_TEXT);
        let symbol =
            match crate::docref::DocumentReference::parse(&format!("/{}", self.symbol.trim())) {
                Ok(r) => r.symbol(),
                Err(err) => {
                    e.add("symbol", format!("Ký hiệu không hợp lệ: {err}"));
                    String::new()
                }
            };
        let signer = optional(&mut e, "signer", &self.signer, "Người ký", 200);
        let joint = self.joint(&mut e, &signer, &symbol);
        if self.tasks.is_empty() {
            e.add("tasks", "Văn bản chỉ đạo phải có ít nhất một nhiệm vụ");
        }
        if self.tasks.len() > 50 {
            e.add("tasks", "Nhiều nhất 50 nhiệm vụ");
        }
        let mut tasks = Vec::new();
        for (i, t) in self.tasks.iter().enumerate() {
            let field = format!("tasks.{i}.title");
            let title = required(
                &mut e,
                &field,
                &t.title,
                &format!("Nhiệm vụ {}", i + 1),
                1000,
            );
            let body = optional(
                &mut e,
                &format!("tasks.{i}.body"),
                &t.body,
                "Nội dung",
                MAX_TEXT,
            );
            let report_what = optional(
                &mut e,
                &format!("tasks.{i}.report_what"),
                &t.report_what,
                "Yêu cầu báo cáo",
                1000,
            );
            tasks.push(TaskInput {
                title,
                body,
                report_what,
                due_on: t.due_on,
            });
        }
        if self.group_ids.is_empty() && self.unit_ids.is_empty() {
            e.add("recipients", "Chọn ít nhất một nhóm hoặc một đơn vị nhận");
        }
        e.or_ok(ValidDirective {
            summary,
            preamble,
            closing,
            symbol,
            signer,
            joint,
            tasks,
        })
    }

    /// The co-issuer part: both signers named when there is one; a symbol that names two issuers
    /// ("KH-UBND-LĐLĐ") needs one (a co-issuer under a one-issuer symbol is allowed: offices
    /// sometimes number a joint plan in the lead body's register).
    fn joint(&self, e: &mut Invalid, signer: &str, symbol: &str) -> Option<JointIssuer> {
        let co_signer = optional(
            e,
            "co_signer",
            &self.co_signer,
            "Người ký của cơ quan phối hợp",
            200,
        );
        let title = optional(
            e,
            "co_signer_title",
            &self.co_signer_title,
            "Chức vụ người ký của cơ quan phối hợp",
            100,
        );
        let authority = optional(
            e,
            "co_signer_authority",
            &self.co_signer_authority,
            "Thẩm quyền ký của cơ quan phối hợp",
            100,
        );
        let issuers = crate::docref::DocumentReference::parse(&format!("/{symbol}"))
            .map(|r| r.issuers().to_vec())
            .unwrap_or_default();
        let Some(unit_id) = self.co_issuer_unit_id else {
            if issuers.len() > 1 {
                e.add(
                    "co_issuer_unit_id",
                    format!(
                        "Ký hiệu {symbol} là của văn bản liên tịch ({}): hãy chọn cơ quan phối hợp ban hành, \
                         hoặc dùng ký hiệu của một cơ quan",
                        issuers.join(" và ")
                    ),
                );
            }
            if !(co_signer.is_empty() && title.is_empty() && authority.is_empty()) {
                e.add(
                    "co_issuer_unit_id",
                    "Đã ghi người ký thứ hai nhưng chưa chọn cơ quan phối hợp ban hành",
                );
            }
            return None;
        };
        if signer.is_empty() {
            e.add(
                "signer",
                "Văn bản liên tịch phải ghi họ tên người ký của cơ quan chủ trì",
            );
        }
        if co_signer.is_empty() {
            e.add(
                "co_signer",
                "Văn bản liên tịch phải ghi họ tên người ký của cơ quan phối hợp",
            );
        }
        if title.is_empty() {
            e.add(
                "co_signer_title",
                "Văn bản liên tịch phải ghi chức vụ người ký của cơ quan phối hợp (ví dụ: Chủ tịch)",
            );
        }
        Some(JointIssuer {
            unit_id,
            signer: co_signer,
            signer_title: title,
            signer_authority: authority,
        })
    }
}

/// Deadlines that fall before the day a directive is issued, as field problems.
pub fn deadline_problems(tasks: &[TaskInput], issued_on: NaiveDate) -> Result<(), Invalid> {
    let mut e = Invalid::new();
    for (i, t) in tasks.iter().enumerate() {
        if let Some(due) = t.due_on {
            if due < issued_on {
                e.add(
                    &format!("tasks.{i}.due_on"),
                    format!(
                        "Hạn báo cáo của nhiệm vụ {} ({}) trước ngày ban hành ({})",
                        i + 1,
                        crate::format::date_vn(due),
                        crate::format::date_vn(issued_on)
                    ),
                );
            }
        }
    }
    e.or_ok(())
}

/// A unit's report on one task: the numbers the directive asks for and what was done, in words.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq, Eq)]
pub struct ReportInput {
    #[serde(default)]
    pub events_held: Option<i64>,
    #[serde(default)]
    pub people_reached: Option<i64>,
    #[serde(default)]
    pub posts_published: Option<i64>,
    #[serde(default)]
    pub text: String,
    /// Send it to the city office now (otherwise it stays a draft of the unit).
    #[serde(default)]
    pub submit: bool,
    /// The version the user edited; a stale one is refused (two officers on one report).
    #[serde(default)]
    pub version: Option<i32>,
}

impl ReportInput {
    pub fn validate(&self) -> Result<ReportInput, Invalid> {
        let mut e = Invalid::new();
        for (field, v, what) in [
            ("events_held", self.events_held, "Số buổi, sự kiện"),
            ("people_reached", self.people_reached, "Số lượt người"),
            ("posts_published", self.posts_published, "Số tin, bài"),
        ] {
            if let Some(n) = v {
                if !(0..=1_000_000_000).contains(&n) {
                    e.add(field, format!("{what} phải là số không âm"));
                }
            }
        }
        let text = optional(&mut e, "text", &self.text, "Nội dung báo cáo", MAX_TEXT);
        if self.submit && text.is_empty() {
            e.add("text", "Nội dung báo cáo không được để trống khi gửi");
        }
        e.or_ok(ReportInput {
            text,
            ..self.clone()
        })
    }
}

/// One person a unit registers, with the title they aim for.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq, Eq)]
pub struct RegisteredPerson {
    pub person_id: i64,
    pub target_title: String,
}

/// A unit's registration (đăng ký thi đua) for a movement's year: its commitments and target titles.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct RegistrationInput {
    pub movement_id: i64,
    pub year: i32,
    pub unit_id: i64,
    #[serde(default)]
    pub commitments: String,
    #[serde(default)]
    pub target_title: String,
    #[serde(default)]
    pub people: Vec<RegisteredPerson>,
    #[serde(default)]
    pub version: Option<i32>,
}

impl RegistrationInput {
    /// Checks the text; `titles_known` says whether a title code is in the catalogue of the rule tables.
    pub fn validate(
        &self,
        collective_title: impl Fn(&str) -> bool,
        individual_title: impl Fn(&str) -> bool,
    ) -> Result<RegistrationInput, Invalid> {
        let mut e = Invalid::new();
        year(&mut e, "year", self.year);
        let commitments = required(
            &mut e,
            "commitments",
            &self.commitments,
            "Nội dung đăng ký",
            MAX_TEXT,
        );
        let target_title = self.target_title.trim().to_owned();
        if !target_title.is_empty() && !collective_title(&target_title) {
            e.add(
                "target_title",
                format!("Danh hiệu tập thể '{target_title}' không có trong danh mục"),
            );
        }
        let mut seen = std::collections::BTreeSet::new();
        for (i, p) in self.people.iter().enumerate() {
            if !seen.insert(p.person_id) {
                e.add(
                    &format!("people.{i}.person_id"),
                    "Một người được đăng ký hai lần",
                );
            }
            if !individual_title(p.target_title.trim()) {
                e.add(
                    &format!("people.{i}.target_title"),
                    format!(
                        "Danh hiệu cá nhân '{}' không có trong danh mục",
                        p.target_title.trim()
                    ),
                );
            }
        }
        if self.people.len() > 5000 {
            e.add("people", "Nhiều nhất 5.000 người trong một bản đăng ký");
        }
        e.or_ok(RegistrationInput {
            commitments,
            target_title,
            people: self
                .people
                .iter()
                .map(|p| RegisteredPerson {
                    person_id: p.person_id,
                    target_title: p.target_title.trim().to_owned(),
                })
                .collect(),
            ..self.clone()
        })
    }
}

/// A post or event of propaganda, reported by a unit.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct PostInput {
    pub unit_id: i64,
    #[serde(default)]
    pub movement_id: Option<i64>,
    pub kind: String,
    pub title: String,
    #[serde(default)]
    pub body: String,
    pub occurred_on: Option<NaiveDate>,
    #[serde(default)]
    pub participants: Option<i64>,
}

/// A post that passed its checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidPost {
    pub kind: PostKind,
    pub title: String,
    pub body: String,
    pub occurred_on: NaiveDate,
    pub participants: i64,
}

impl PostInput {
    pub fn validate(&self, today: NaiveDate) -> Result<ValidPost, Invalid> {
        let mut e = Invalid::new();
        let kind = PostKind::from_code(self.kind.trim());
        if kind.is_none() {
            e.add(
                "kind",
                "Loại phải là 'post' (tin, bài) hoặc 'event' (sự kiện)",
            );
        }
        let title = required(&mut e, "title", &self.title, "Tiêu đề", 500);
        let body = optional(&mut e, "body", &self.body, "Nội dung", MAX_TEXT);
        let occurred_on = match self.occurred_on {
            None => {
                e.add("occurred_on", "Ngày không được để trống");
                today
            }
            Some(d) if d > today => {
                e.add("occurred_on", "Ngày không được ở tương lai");
                d
            }
            Some(d) => d,
        };
        let participants = self.participants.unwrap_or(0);
        if !(0..=100_000_000).contains(&participants) {
            e.add("participants", "Số người tham gia phải là số không âm");
        }
        e.or_ok(ValidPost {
            kind: kind.unwrap_or(PostKind::Post),
            title,
            body,
            occurred_on,
            participants,
        })
    }
}

/// An inspection (kiểm tra) of a unit's work on a movement, with what was found.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct InspectionInput {
    pub unit_id: i64,
    #[serde(default)]
    pub directive_id: Option<i64>,
    pub inspected_on: Option<NaiveDate>,
    #[serde(default)]
    pub inspectors: String,
    pub findings: String,
}

impl InspectionInput {
    pub fn validate(&self, today: NaiveDate) -> Result<(NaiveDate, String, String), Invalid> {
        let mut e = Invalid::new();
        let on = match self.inspected_on {
            None => {
                e.add("inspected_on", "Ngày kiểm tra không được để trống");
                today
            }
            Some(d) if d > today => {
                e.add("inspected_on", "Ngày kiểm tra không được ở tương lai");
                d
            }
            Some(d) => d,
        };
        let inspectors = optional(
            &mut e,
            "inspectors",
            &self.inspectors,
            "Đoàn kiểm tra",
            1000,
        );
        let findings = required(
            &mut e,
            "findings",
            &self.findings,
            "Kết quả kiểm tra",
            MAX_TEXT,
        );
        e.or_ok((on, inspectors, findings))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn cell_states_follow_the_report_and_the_deadline() {
        let due = Some(d(2023, 6, 30));
        let before = d(2023, 6, 1);
        let after = d(2023, 7, 1);
        let facts = |read, started, sent| CellFacts {
            read,
            report_started: started,
            submitted_on: sent,
            due_on: due,
        };
        assert_eq!(
            CellState::of(facts(false, false, None), before),
            CellState::NotRead
        );
        assert_eq!(
            CellState::of(facts(true, false, None), before),
            CellState::Read
        );
        assert_eq!(
            CellState::of(facts(true, true, None), before),
            CellState::Reporting
        );
        assert_eq!(
            CellState::of(facts(true, true, None), after),
            CellState::Late
        );
        assert_eq!(
            CellState::of(facts(false, false, None), after),
            CellState::Late
        );
        assert_eq!(
            CellState::of(facts(true, true, Some(d(2023, 6, 30))), after),
            CellState::Reported
        );
        assert_eq!(
            CellState::of(facts(true, true, Some(d(2023, 7, 1))), after),
            CellState::ReportedLate
        );
        assert!(!CellState::Reported.owes());
        assert!(CellState::Late.owes());
        let no_deadline = CellFacts {
            read: true,
            ..Default::default()
        };
        assert_eq!(CellState::of(no_deadline, after), CellState::Read);
    }

    #[test]
    fn a_movement_needs_a_name_and_a_period_that_holds_its_phases() {
        let m = MovementInput {
            name: "  Lao động giỏi, Lao động sáng tạo ".into(),
            start_year: 2021,
            end_year: 2025,
            phases: vec![
                PhaseInput {
                    year: 2023,
                    ..Default::default()
                },
                PhaseInput {
                    year: 2022,
                    title: "Năm 2022".into(),
                    registration_due: None,
                },
            ],
            ..Default::default()
        };
        let v = m.validate().unwrap();
        assert_eq!(v.name, "Lao động giỏi, Lao động sáng tạo");
        assert_eq!(v.phases[0].year, 2022);
        assert_eq!(v.phases[1].title, "Năm 2023");
        let bad = MovementInput {
            name: " ".into(),
            start_year: 2025,
            end_year: 2021,
            kind: Some("xyz".into()),
            phases: vec![PhaseInput {
                year: 2030,
                ..Default::default()
            }],
            ..Default::default()
        };
        let e = bad.validate().unwrap_err();
        for f in ["name", "end_year", "kind", "phases"] {
            assert!(e.fields.contains_key(f), "{f} in {e:?}");
        }
    }

    #[test]
    fn a_directive_needs_tasks_recipients_and_a_well_formed_symbol() {
        let mut i = DirectiveInput {
            movement_id: 1,
            year: 2023,
            summary: "V/v đẩy mạnh".into(),
            symbol: "UBND-NV".into(),
            tasks: vec![TaskInput {
                title: "Tuyên truyền".into(),
                due_on: Some(d(2023, 6, 30)),
                ..Default::default()
            }],
            group_ids: vec![1],
            ..Default::default()
        };
        assert!(i.validate().is_ok());
        i.symbol = "UBND NV X".into();
        i.tasks.clear();
        i.group_ids.clear();
        let e = i.validate().unwrap_err();
        for f in ["symbol", "tasks", "recipients"] {
            assert!(e.fields.contains_key(f), "{f} in {e:?}");
        }
        i.symbol = "KH-UBND".into();
        i.tasks = vec![TaskInput {
            title: "a".into(),
            ..Default::default()
        }];
        i.group_ids = vec![1];
        assert_eq!(i.validate().unwrap().symbol, "KH-UBND");
    }

    #[test]
    fn a_joint_directive_names_its_co_issuer_and_both_signers() {
        let base = DirectiveInput {
            movement_id: 1,
            year: 2023,
            summary: "Kế hoạch liên tịch".into(),
            symbol: "KH-UBND-LĐLĐ".into(),
            signer: "Hoàng Đăng Khoa".into(),
            tasks: vec![TaskInput {
                title: "Phát động".into(),
                ..Default::default()
            }],
            group_ids: vec![1],
            ..Default::default()
        };
        // A symbol of two issuers without the second one.
        let e = base.validate().unwrap_err();
        assert!(
            e.fields["co_issuer_unit_id"].contains("KH-UBND-LĐLĐ")
                && e.fields["co_issuer_unit_id"].contains("UBND và LĐLĐ"),
            "{e:?}"
        );
        // With it, both signers are needed.
        let joint = DirectiveInput {
            co_issuer_unit_id: Some(7),
            signer: " ".into(),
            ..base.clone()
        };
        let e = joint.validate().unwrap_err();
        for f in ["signer", "co_signer", "co_signer_title"] {
            assert!(e.fields.contains_key(f), "{f} in {e:?}");
        }
        let ok = DirectiveInput {
            co_issuer_unit_id: Some(7),
            co_signer: "Nguyễn Thị Lan".into(),
            co_signer_title: "Chủ tịch".into(),
            co_signer_authority: "TM. BAN THƯỜNG VỤ".into(),
            ..base.clone()
        }
        .validate()
        .unwrap();
        let j = ok.joint.clone().unwrap();
        assert_eq!((j.unit_id, j.signer.as_str()), (7, "Nguyễn Thị Lan"));
        // The co-issuer differs from the lead issuer.
        assert!(co_issuer_problem(Some(3), ok.joint.as_ref()).is_ok());
        assert!(co_issuer_problem(Some(7), ok.joint.as_ref())
            .unwrap_err()
            .fields
            .contains_key("co_issuer_unit_id"));
        // A co-issuer under the lead body's own symbol is allowed.
        let one_symbol = DirectiveInput {
            symbol: "KH-UBND".into(),
            co_issuer_unit_id: Some(7),
            co_signer: "Nguyễn Thị Lan".into(),
            co_signer_title: "Chủ tịch".into(),
            ..base.clone()
        };
        assert!(one_symbol.validate().is_ok());
        // A second signer without a co-issuer is not silently dropped.
        let stray = DirectiveInput {
            symbol: "UBND-NV".into(),
            co_signer: "Nguyễn Thị Lan".into(),
            ..base
        };
        assert!(stray
            .validate()
            .unwrap_err()
            .fields
            .contains_key("co_issuer_unit_id"));
    }

    #[test]
    fn deadlines_before_the_issue_date_are_named() {
        let tasks = vec![
            TaskInput {
                title: "a".into(),
                due_on: Some(d(2023, 3, 1)),
                ..Default::default()
            },
            TaskInput {
                title: "b".into(),
                due_on: Some(d(2023, 12, 1)),
                ..Default::default()
            },
        ];
        let e = deadline_problems(&tasks, d(2023, 3, 15)).unwrap_err();
        assert!(e.fields["tasks.0.due_on"].contains("01/03/2023"));
        assert!(!e.fields.contains_key("tasks.1.due_on"));
    }

    #[test]
    fn documents_are_read_from_their_printed_reference() {
        let input = DocumentInput {
            reference: Some("Số: 205/KH-UBND-LÐLÐ".into()),
            issued_on: Some("28/4/2021".into()),
            summary: "Kế hoạch liên tịch".into(),
            ..Default::default()
        };
        let v = input.validate().unwrap();
        assert_eq!(v.reference.as_deref(), Some("205/KH-UBND-LĐLĐ"));
        assert_eq!(v.symbol, "KH-UBND-LĐLĐ");
        assert_eq!(v.number, Some(205));
        assert_eq!(v.kind, "ke_hoach");
        assert_eq!(v.issued_on(), NaiveDate::from_ymd_opt(2021, 4, 28));
        let bad = DocumentInput {
            reference: Some("941 UBND NV".into()),
            issued_on: Some("31/02/2024".into()),
            summary: String::new(),
            kind: Some("khong_co".into()),
            ..Default::default()
        };
        let e = bad.validate().unwrap_err();
        for f in ["reference", "issued_on", "summary", "kind"] {
            assert!(e.fields.contains_key(f), "{f} in {e:?}");
        }
        let draft = DocumentInput {
            direction: Some("outgoing".into()),
            reference: Some("/UBND-NV".into()),
            issued_on: Some("3/2023".into()),
            summary: "V/v đẩy mạnh".into(),
            ..Default::default()
        };
        let v = draft.validate().unwrap();
        assert_eq!(
            (v.reference, v.number, v.issued_month),
            (None, None, Some(3))
        );
        let incoming_draft = DocumentInput {
            reference: Some("/UBND-NV".into()),
            summary: "x".into(),
            ..Default::default()
        };
        assert!(incoming_draft
            .validate()
            .unwrap_err()
            .fields
            .contains_key("reference"));
    }

    #[test]
    fn reports_refuse_negative_numbers_and_empty_sent_text() {
        let r = ReportInput {
            events_held: Some(-1),
            submit: true,
            ..Default::default()
        };
        let e = r.validate().unwrap_err();
        assert!(e.fields.contains_key("events_held"));
        assert!(e.fields.contains_key("text"));
    }

    #[test]
    fn registrations_check_titles_and_duplicates() {
        let r = RegistrationInput {
            movement_id: 1,
            year: 2023,
            unit_id: 1,
            commitments: "Hoàn thành xuất sắc nhiệm vụ".into(),
            target_title: "tap_the_lao_dong_xuat_sac".into(),
            people: vec![
                RegisteredPerson {
                    person_id: 1,
                    target_title: "lao_dong_tien_tien".into(),
                },
                RegisteredPerson {
                    person_id: 1,
                    target_title: "khong_co".into(),
                },
            ],
            version: None,
        };
        let e = r
            .validate(|t| t.starts_with("tap_the"), |t| t == "lao_dong_tien_tien")
            .unwrap_err();
        assert!(e.fields.contains_key("people.1.person_id"));
        assert!(e.fields.contains_key("people.1.target_title"));
        assert!(!e.fields.contains_key("target_title"));
    }

    #[test]
    fn posts_cannot_be_in_the_future() {
        let p = PostInput {
            unit_id: 1,
            kind: "event".into(),
            title: "Hội nghị phát động".into(),
            occurred_on: Some(d(2030, 1, 1)),
            ..Default::default()
        };
        let e = p.validate(d(2023, 5, 1)).unwrap_err();
        assert!(e.fields.contains_key("occurred_on"));
    }
}
