//! The papers of a commendation dossier (hồ sơ khen thưởng) and of a recognised initiative, made
//! from records in the layout of Nghị định 30/2020 (`thidua_office::docx`):
//! - the submission (tờ trình) of the Nội vụ office to the chairman, listing a round's accepted
//!   nominations;
//! - the council's minutes (biên bản) with the agenda and each item's tally (agree, disagree,
//!   abstain, voters, passed or not by the council's rule): only counters of closed ballots, never
//!   who voted what (the store keeps no such thing for a secret ballot);
//! - the achievement reports of Nghị định 98/2023 Phụ lục I: Mẫu số 02 (a collective) and Mẫu số 03
//!   (an individual), filled from the record (ratings, awards, recognised initiatives) and leaving
//!   what the data cannot know (home town, functions) as dotted lines for the unit to write;
//! - the initiative's Giấy chứng nhận sáng kiến (PDF, one page per author) and its data sheet.
//!
//! Everything here is pure: the handlers in `api_documents` read the records and call these.

use crate::docx_work::{issuing_name, place_of, punctuated};
use thidua_domain::format::date_vn;
use thidua_domain::rules::{Category, Rating, RuleTables, Scope};
use thidua_office::docx::{
    thousands, Align, Block, Column, Issuer, OfficialDocument, PartialDate, Reference, Signer,
    Table,
};
use thidua_office::pdf::{Certificate, CertificateKind};
use thidua_store::ballots::{BallotItem, MeetingDetail};
use thidua_store::commendation::{Achievement, NominationRow, Record, RoundDetail};
use thidua_store::directory::PersonItem;
use thidua_store::entity::units;
use thidua_store::initiatives::{InitiativeDetail, RecognitionRow};

/// A line the person or unit writes by hand: what the data cannot know.
const DOTS: &str = "……………………………";

/// A date whose day and month the signer writes in: "ngày      tháng      năm 2025".
pub fn blank_date(year: i32) -> PartialDate {
    PartialDate {
        year,
        month: None,
        day: None,
    }
}

/// "UBND thành phố Lào Cai" → "Ủy ban nhân dân thành phố Lào Cai", for running text.
fn written_out(name: &str) -> String {
    match name.trim().strip_prefix("UBND ") {
        Some(rest) => format!("Ủy ban nhân dân {rest}"),
        None => name.trim().to_owned(),
    }
}

fn rating_label(code: &str) -> String {
    Rating::from_code(code)
        .map(|r| r.label().to_owned())
        .unwrap_or_else(|| code.to_owned())
}

/// The statuses of a nomination the office has accepted and not turned down since.
pub const SUBMITTED: &[&str] = &["accepted", "passed", "decided", "forwarded"];

// ---- Tờ trình -----------------------------------------------------------------------------

/// The submission (tờ trình) of the Nội vụ office asking the chairman to award a round's accepted
/// nominations: a draft numbered "Số:      /TTr-NV" for the register, dated in the round's year
/// or later, with the list as a table and a count per award.
pub fn submission(
    round: &RoundDetail,
    rows: &[NominationRow],
    city: &str,
    year: i32,
) -> OfficialDocument {
    let city_text = written_out(city);
    let listed: Vec<&NominationRow> = rows
        .iter()
        .filter(|r| SUBMITTED.contains(&r.nomination.status.as_str()))
        .collect();
    let people = listed
        .iter()
        .filter(|r| r.nomination.subject == "individual")
        .count();
    let collectives = listed.len() - people;
    let mut body = vec![
        Block::Basis("Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;".into()),
        Block::Basis(
            "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định \
             chi tiết thi hành một số điều của Luật Thi đua, khen thưởng;"
                .into(),
        ),
        Block::Paragraph(format!(
            "Thực hiện {}, Phòng Nội vụ đã tiếp nhận, thẩm định hồ sơ đề nghị khen thưởng của các \
             cơ quan, đơn vị. Phòng Nội vụ kính trình Chủ tịch {city_text} xem xét, tặng danh hiệu \
             thi đua, hình thức khen thưởng cho {people} cá nhân và {collectives} tập thể (có \
             danh sách kèm theo), cụ thể như sau:",
            round_phrase(round)
        )),
    ];
    // A count per award, in the round's order of awards.
    let mut awards: Vec<(String, usize)> = Vec::new();
    for r in &listed {
        match awards.iter_mut().find(|(a, _)| *a == r.award_name) {
            Some((_, n)) => *n += 1,
            None => awards.push((r.award_name.clone(), 1)),
        }
    }
    for (name, n) in &awards {
        body.push(Block::Item {
            label: "-".into(),
            text: format!("{name}: {n};"),
        });
    }
    body.push(Block::Table(Table {
        columns: vec![
            Column::new("STT", 7, Align::Center),
            Column::new("Họ và tên cá nhân, tên tập thể", 28, Align::Left),
            Column::new("Đơn vị đề nghị", 27, Align::Left),
            Column::new("Danh hiệu, hình thức đề nghị", 24, Align::Left),
            Column::new("Ghi chú", 14, Align::Left),
        ],
        rows: if listed.is_empty() {
            vec![vec![
                String::new(),
                "Chưa có đề nghị được tiếp nhận".into(),
                String::new(),
                String::new(),
                String::new(),
            ]]
        } else {
            listed
                .iter()
                .enumerate()
                .map(|(i, r)| {
                    vec![
                        (i + 1).to_string(),
                        r.subject_name.clone(),
                        r.unit_name.clone(),
                        r.award_name.clone(),
                        status_note(&r.nomination.status).into(),
                    ]
                })
                .collect()
        },
        total: Some(("Tổng cộng".into(), listed.len().to_string())),
    }));
    body.push(Block::Paragraph(format!(
        "Phòng Nội vụ kính trình Chủ tịch {city_text} xem xét, quyết định./."
    )));
    OfficialDocument {
        issuers: vec![Issuer {
            parent: Some(issuing_name(city).replace("ỦY BAN NHÂN DÂN", "UBND")),
            name: "PHÒNG NỘI VỤ".into(),
        }],
        reference: Reference::Draft {
            symbol: "TTr-NV".into(),
        },
        place: place_of(Some(city)),
        date: blank_date(year),
        kind_title: Some("TỜ TRÌNH".into()),
        summary: format!("Về việc đề nghị khen thưởng {}", round_phrase(round)),
        addressees: vec![format!("Chủ tịch {city_text}.")],
        body,
        signers: vec![Signer {
            authority: None,
            title: "TRƯỞNG PHÒNG".into(),
            name: String::new(),
        }],
        recipients: punctuated(vec!["Như trên".into(), "Lưu: VT, NV".into()]),
        appendix: None,
    }
}

/// "đợt xét “Khen thưởng năm 2024”".
fn round_phrase(round: &RoundDetail) -> String {
    format!("đợt xét “{}”", round.round.name.trim())
}

fn status_note(status: &str) -> &'static str {
    match status {
        "passed" => "Hội đồng đã thông qua",
        "decided" => "Đã có quyết định",
        "forwarded" => "Đã trình cấp trên",
        _ => "",
    }
}

// ---- Biên bản ------------------------------------------------------------------------------

/// The role of a council member as the minutes name it.
fn member_role(code: &str) -> &'static str {
    match code {
        "chu_tich" => "Chủ tịch Hội đồng",
        "pho_chu_tich" => "Phó Chủ tịch Hội đồng",
        "thu_ky" => "Thư ký Hội đồng",
        _ => "Ủy viên",
    }
}

/// The closing of each item: its last closed ballot's counters as `BallotItem` with its tally, and
/// whether that ballot was secret.
pub struct ItemResult<'a> {
    pub item: &'a BallotItem,
    pub secret: bool,
}

/// The council's minutes (biên bản họp Hội đồng Thi đua – Khen thưởng): time, place, members, the
/// agenda, each item's tally with the rule's outcome, the recusals, and the signatures of the
/// secretary and the chairman. `results` holds the closed ballots' items (the last vote of an item
/// wins); items never voted on are said to be so.
pub fn minutes(m: &MeetingDetail, results: &[ItemResult], city: &str) -> OfficialDocument {
    let council = m.council_name.trim();
    let mut body = vec![
        Block::Paragraph(format!("Thời gian: ngày {}.", date_vn(m.meeting.held_on))),
        Block::Paragraph(format!(
            "Địa điểm: {}.",
            if m.meeting.place.trim().is_empty() {
                DOTS
            } else {
                m.meeting.place.trim()
            }
        )),
        Block::Heading("I. THÀNH PHẦN".into()),
        Block::Paragraph(format!("{council} gồm {} thành viên:", m.members.len())),
    ];
    let members = punctuated(
        m.members
            .iter()
            .map(|x| format!("{}, {}", x.name.trim(), member_role(&x.role)))
            .collect(),
    );
    for text in members {
        body.push(Block::Item {
            label: "-".into(),
            text,
        });
    }
    body.push(Block::Heading("II. NỘI DUNG".into()));
    body.push(Block::Paragraph(format!(
        "Hội đồng xem xét {} đề nghị khen thưởng theo chương trình sau:",
        m.items.len()
    )));
    body.push(Block::Table(Table {
        columns: vec![
            Column::new("STT", 7, Align::Center),
            Column::new("Họ và tên cá nhân, tên tập thể", 33, Align::Left),
            Column::new("Đơn vị", 30, Align::Left),
            Column::new("Danh hiệu, hình thức đề nghị", 30, Align::Left),
        ],
        rows: m
            .items
            .iter()
            .enumerate()
            .map(|(i, n)| {
                vec![
                    (i + 1).to_string(),
                    n.subject_name.clone(),
                    n.unit_name.clone(),
                    n.award_name.clone(),
                ]
            })
            .collect(),
        total: None,
    }));
    if !m.recusals.is_empty() {
        body.push(Block::Paragraph(
            "Thành viên không tham gia biểu quyết đối với đề nghị có liên quan đến mình:".into(),
        ));
        for r in &m.recusals {
            let who = m
                .members
                .iter()
                .find(|x| x.id == r.member_id)
                .map(|x| x.name.trim().to_owned())
                .unwrap_or_default();
            let what = m
                .items
                .iter()
                .find(|n| n.nomination.id == r.nomination_id)
                .map(|n| n.subject_name.clone())
                .unwrap_or_default();
            let reason = if r.reason.trim().is_empty() {
                String::new()
            } else {
                format!(" ({})", r.reason.trim())
            };
            body.push(Block::Item {
                label: "-".into(),
                text: format!("{who}: đề nghị khen thưởng {what}{reason};"),
            });
        }
    }
    body.push(Block::Heading("III. KẾT QUẢ BIỂU QUYẾT".into()));
    let secret = results.iter().any(|r| r.secret);
    let open = results.iter().any(|r| !r.secret);
    body.push(Block::Paragraph(format!(
        "Hình thức biểu quyết: {}. Kết quả kiểm phiếu như sau:",
        match (secret, open) {
            (true, true) => "bỏ phiếu kín và biểu quyết công khai",
            (true, false) => "bỏ phiếu kín",
            _ => "biểu quyết công khai",
        }
    )));
    let result_of = |id: i64| results.iter().rev().find(|r| r.item.nomination_id == id);
    let mut passed = 0;
    let rows = m
        .items
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let r = result_of(n.nomination.id);
            let t = r.and_then(|r| r.item.tally);
            let ok = r.and_then(|r| r.item.passed);
            if ok == Some(true) {
                passed += 1;
            }
            let count = |f: fn(&thidua_domain::commendation::Tally) -> u32| {
                t.as_ref().map(|t| f(t).to_string()).unwrap_or_default()
            };
            vec![
                (i + 1).to_string(),
                n.subject_name.clone(),
                r.map(|r| r.item.eligible.to_string()).unwrap_or_default(),
                count(|t| t.cast()),
                count(|t| t.yes),
                count(|t| t.no),
                count(|t| t.abstain),
                match ok {
                    Some(true) => "Thông qua".into(),
                    Some(false) => "Không thông qua".into(),
                    None => "Chưa biểu quyết".into(),
                },
            ]
        })
        .collect();
    body.push(Block::Table(Table {
        columns: vec![
            Column::new("STT", 6, Align::Center),
            Column::new("Họ và tên cá nhân, tên tập thể", 26, Align::Left),
            Column::new("Số thành viên được biểu quyết", 11, Align::Center),
            Column::new("Số phiếu", 9, Align::Center),
            Column::new("Đồng ý", 9, Align::Center),
            Column::new("Không đồng ý", 10, Align::Center),
            Column::new("Không biểu quyết", 11, Align::Center),
            Column::new("Kết quả", 18, Align::Left),
        ],
        rows,
        total: None,
    }));
    body.push(Block::Paragraph(
        "Tỷ lệ cần đạt theo quy chế của Hội đồng đối với từng đề nghị:".into(),
    ));
    for (i, n) in m.items.iter().enumerate() {
        let text = match result_of(n.nomination.id).and_then(|r| r.item.outcome.clone()) {
            Some(o) => o,
            None => "chưa biểu quyết".into(),
        };
        body.push(Block::Item {
            label: format!("{}.", i + 1),
            text: format!("{} ({}): {text}.", n.subject_name, n.award_name),
        });
    }
    body.push(Block::Paragraph(format!(
        "Hội đồng thống nhất đề nghị Chủ tịch {} khen thưởng {passed} cá nhân, tập thể đạt tỷ lệ \
         phiếu đồng ý theo quy định. Biên bản đã được thông qua tại cuộc họp./.",
        written_out(city)
    )));
    let name_of = |role: &str| {
        m.members
            .iter()
            .find(|x| x.role == role)
            .map(|x| x.name.trim().to_owned())
            .unwrap_or_default()
    };
    OfficialDocument {
        issuers: vec![Issuer {
            parent: Some(issuing_name(city).replace("ỦY BAN NHÂN DÂN", "UBND")),
            name: council.to_uppercase(),
        }],
        reference: Reference::Draft {
            symbol: "BB-HĐTĐKT".into(),
        },
        place: place_of(Some(city)),
        date: PartialDate::from(m.meeting.held_on),
        kind_title: Some("BIÊN BẢN".into()),
        summary: format!("Họp {council} xét đề nghị khen thưởng"),
        addressees: Vec::new(),
        body,
        signers: vec![
            Signer {
                authority: None,
                title: "THƯ KÝ HỘI ĐỒNG".into(),
                name: name_of("thu_ky"),
            },
            Signer {
                authority: None,
                title: "CHỦ TỊCH HỘI ĐỒNG".into(),
                name: name_of("chu_tich"),
            },
        ],
        recipients: Vec::new(),
        appendix: None,
    }
}

// ---- Mẫu số 02 và 03 -----------------------------------------------------------------------

/// What the achievement reports share: the awards of the record split into titles and forms, as
/// the two tables of section III.
fn awards_tables(tables: &RuleTables, record: &Record) -> Vec<Block> {
    let row = |a: &Achievement| {
        let decision = match (&a.reference, a.decided_on) {
            (Some(r), Some(on)) if !r.trim().is_empty() => {
                format!("Quyết định số {} ngày {}", r.trim(), date_vn(on))
            }
            (Some(r), None) if !r.trim().is_empty() => format!("Quyết định số {}", r.trim()),
            (_, Some(on)) => format!("Quyết định ngày {}", date_vn(on)),
            _ => String::new(),
        };
        vec![a.year.to_string(), a.award_name.clone(), decision]
    };
    let is_title = |a: &&Achievement| {
        tables
            .item(&a.award)
            .is_some_and(|i| i.category == Category::Title)
    };
    let titles: Vec<Vec<String>> = record
        .achievements
        .iter()
        .filter(is_title)
        .map(row)
        .collect();
    let forms: Vec<Vec<String>> = record
        .achievements
        .iter()
        .filter(|a| !is_title(a))
        .map(row)
        .collect();
    let table = |what: &str, rows: Vec<Vec<String>>, decision: &str| {
        Block::Table(Table {
            columns: vec![
                Column::new("Năm", 12, Align::Center),
                Column::new(what, 38, Align::Left),
                Column::new(decision, 50, Align::Left),
            ],
            rows: if rows.is_empty() {
                vec![vec![String::new(), "Chưa có".into(), String::new()]]
            } else {
                rows
            },
            total: None,
        })
    };
    vec![
        Block::Item {
            label: "1.".into(),
            text: "Danh hiệu thi đua:".into(),
        },
        table(
            "Danh hiệu thi đua",
            titles,
            "Số, ngày, tháng, năm của quyết định công nhận danh hiệu thi đua; cơ quan ban hành quyết định",
        ),
        Block::Item {
            label: "2.".into(),
            text: "Hình thức khen thưởng:".into(),
        },
        table(
            "Hình thức khen thưởng",
            forms,
            "Số, ngày, tháng, năm của quyết định khen thưởng; cơ quan ban hành quyết định",
        ),
    ]
}

/// "Năm 2024: Hoàn thành xuất sắc nhiệm vụ;" for each rated year, newest first.
fn ratings_items(record: &Record) -> Vec<Block> {
    record
        .ratings
        .iter()
        .map(|(year, code)| Block::Item {
            label: "-".into(),
            text: format!("Năm {year}: {};", rating_label(code)),
        })
        .collect()
}

/// The award asked for, in the report's title: "ĐỀ NGHỊ TẶNG LAO ĐỘNG TIÊN TIẾN", or a dotted
/// line when the report is made without a nomination.
fn asked(award: Option<&str>) -> String {
    match award {
        Some(a) => format!("ĐỀ NGHỊ TẶNG {}", a.to_uppercase()),
        None => "ĐỀ NGHỊ TẶNG (TRUY TẶNG) ……………".into(),
    }
}

/// What a report knows of the nomination it is made for: the award's name and the unit's summary
/// of achievements.
pub struct ReportFor {
    pub award_name: String,
    pub summary: String,
}

/// Mẫu số 03 (Nghị định 98/2023, Phụ lục I): an individual's achievement report, written by the
/// person (no issuing body, no number), confirmed by the head of their unit.
pub fn individual_report(
    tables: &RuleTables,
    person: &PersonItem,
    record: &Record,
    initiatives: &[(i32, Scope)],
    nomination: Option<&ReportFor>,
    year: i32,
) -> OfficialDocument {
    let gender = match person.gender.as_deref() {
        Some("male") => "Nam",
        Some("female") => "Nữ",
        _ => "……",
    };
    let birth = person
        .birth_date
        .map(date_vn)
        .unwrap_or_else(|| "……/……/…………".into());
    let level = thidua_domain::directory::StaffLevel::from_code(&person.staff_level)
        .map(|l| l.label().to_owned())
        .unwrap_or_else(|| DOTS.into());
    let line = |label: &str, text: String| Block::Item {
        label: "-".into(),
        text: format!("{label}: {text}"),
    };
    let position = if person.position.trim().is_empty() {
        DOTS.to_owned()
    } else {
        person.position.trim().to_owned()
    };
    let mut body = vec![
        Block::Centered {
            text: format!(
                "Họ tên, chức vụ và đơn vị công tác: {}, {}, {}",
                person.full_name, position, person.unit_name
            ),
            bold: false,
        },
        Block::Heading("I. SƠ LƯỢC LÝ LỊCH".into()),
        line(
            "Họ tên (ghi đầy đủ bằng chữ in thường, không viết tắt)",
            person.full_name.clone(),
        ),
        line(
            "Sinh ngày, tháng, năm",
            format!("{birth}; Giới tính: {gender}"),
        ),
        line("Quê quán", DOTS.into()),
        line("Trú quán", DOTS.into()),
        line("Đơn vị công tác", person.unit_name.clone()),
        line("Chức vụ (Đảng, chính quyền, đoàn thể)", position),
        line("Trình độ chuyên môn, nghiệp vụ", level),
        line("Học hàm, học vị, danh hiệu, giải thưởng", DOTS.into()),
        Block::Heading("II. THÀNH TÍCH ĐẠT ĐƯỢC".into()),
        Block::Item {
            label: "1.".into(),
            text: format!("Quyền hạn, nhiệm vụ được giao hoặc đảm nhận: {DOTS}"),
        },
        Block::Item {
            label: "2.".into(),
            text: "Thành tích đạt được của cá nhân:".into(),
        },
    ];
    if let Some(n) = nomination.filter(|n| !n.summary.trim().is_empty()) {
        body.push(Block::Paragraph(n.summary.trim().to_owned()));
    }
    body.push(Block::Paragraph(
        "Kết quả đánh giá, xếp loại hằng năm:".into(),
    ));
    if record.ratings.is_empty() {
        body.push(Block::Paragraph(
            "Chưa có kết quả đánh giá, xếp loại.".into(),
        ));
    }
    body.extend(ratings_items(record));
    if !initiatives.is_empty() {
        body.push(Block::Paragraph("Sáng kiến được công nhận:".into()));
        for (y, scope) in initiatives {
            body.push(Block::Item {
                label: "-".into(),
                text: format!(
                    "Năm {y}: sáng kiến được công nhận phạm vi {};",
                    scope.label()
                ),
            });
        }
    }
    body.push(Block::Heading(
        "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG".into(),
    ));
    body.extend(awards_tables(tables, record));
    OfficialDocument {
        issuers: Vec::new(),
        reference: Reference::Unnumbered,
        place: DOTS.to_owned(),
        date: blank_date(year),
        kind_title: Some("BÁO CÁO THÀNH TÍCH".into()),
        summary: asked(nomination.map(|n| n.award_name.as_str())),
        addressees: Vec::new(),
        body,
        signers: vec![
            Signer {
                authority: Some("THỦ TRƯỞNG ĐƠN VỊ".into()),
                title: "XÁC NHẬN, ĐỀ NGHỊ".into(),
                name: String::new(),
            },
            Signer {
                authority: Some("NGƯỜI BÁO CÁO THÀNH TÍCH".into()),
                title: "(Ký, ghi rõ họ và tên)".into(),
                name: person.full_name.clone(),
            },
        ],
        recipients: Vec::new(),
        appendix: None,
    }
}

/// Mẫu số 02 (Nghị định 98/2023, Phụ lục I): a collective's achievement report, on the unit's own
/// heading (its superior body above it), signed by its head and confirmed by the body that
/// proposes the award.
pub fn collective_report(
    tables: &RuleTables,
    unit: &units::Model,
    parent: Option<&units::Model>,
    staff: u64,
    record: &Record,
    nomination: Option<&ReportFor>,
    year: i32,
) -> OfficialDocument {
    let mut body = vec![
        Block::Centered {
            text: format!(
                "Tên tập thể đề nghị (ghi đầy đủ bằng chữ in thường, không viết tắt): {}",
                unit.name.trim()
            ),
            bold: false,
        },
        Block::Heading("I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH".into()),
        Block::Item {
            label: "1.".into(),
            text: "Đặc điểm, tình hình:".into(),
        },
        Block::Item {
            label: "-".into(),
            text: format!(
                "Địa điểm trụ sở chính, điện thoại, fax; địa chỉ trang tin điện tử: {DOTS}"
            ),
        },
        Block::Item {
            label: "-".into(),
            text: format!("Quá trình thành lập và phát triển: {DOTS}"),
        },
        Block::Item {
            label: "-".into(),
            text: format!("Tổng số cán bộ, công chức, viên chức và người lao động: {staff} người."),
        },
        Block::Item {
            label: "-".into(),
            text: format!(
                "Những đặc điểm chính của đơn vị (điều kiện tự nhiên, xã hội, cơ cấu tổ chức, \
                 cơ sở vật chất); các tổ chức đảng, đoàn thể: {DOTS}"
            ),
        },
        Block::Item {
            label: "2.".into(),
            text: format!("Chức năng, nhiệm vụ: {DOTS}"),
        },
        Block::Heading("II. THÀNH TÍCH ĐẠT ĐƯỢC".into()),
        Block::Item {
            label: "1.".into(),
            text: "Kết quả thực hiện chức năng, nhiệm vụ được giao (báo cáo căn cứ vào chức năng, \
                   nhiệm vụ của đơn vị và tiêu chuẩn của hình thức đề nghị theo Luật Thi đua, khen \
                   thưởng và Nghị định số 98/2023/NĐ-CP):"
                .into(),
        },
    ];
    if let Some(n) = nomination.filter(|n| !n.summary.trim().is_empty()) {
        body.push(Block::Paragraph(n.summary.trim().to_owned()));
    }
    if record.ratings.is_empty() {
        body.push(Block::Paragraph(
            "Chưa có kết quả đánh giá, xếp loại tập thể.".into(),
        ));
    } else {
        body.push(Block::Paragraph(
            "Kết quả đánh giá, xếp loại tập thể hằng năm:".into(),
        ));
        body.extend(ratings_items(record));
    }
    body.push(Block::Item {
        label: "2.".into(),
        text: format!(
            "Những biện pháp hoặc nguyên nhân đạt được thành tích; các phong trào thi đua đã được \
             áp dụng trong thực tiễn công tác; các đổi mới, sáng tạo: {DOTS}"
        ),
    });
    body.push(Block::Item {
        label: "3.".into(),
        text: format!(
            "Việc thực hiện chủ trương, đường lối của Đảng, chính sách, pháp luật của Nhà nước; \
             công tác xây dựng Đảng và đoàn thể; các hoạt động xã hội, từ thiện: {DOTS}"
        ),
    });
    body.push(Block::Heading(
        "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG".into(),
    ));
    body.extend(awards_tables(tables, record));
    OfficialDocument {
        issuers: vec![Issuer {
            parent: parent.map(|p| issuing_name(&p.name).replace("ỦY BAN NHÂN DÂN", "UBND")),
            name: issuing_name(&unit.name),
        }],
        reference: Reference::Unnumbered,
        place: place_of(Some(parent.map(|p| p.name.as_str()).unwrap_or(&unit.name))),
        date: blank_date(year),
        kind_title: Some("BÁO CÁO THÀNH TÍCH".into()),
        summary: asked(nomination.map(|n| n.award_name.as_str())),
        addressees: Vec::new(),
        body,
        signers: vec![
            Signer {
                authority: None,
                title: "XÁC NHẬN CỦA CẤP TRÌNH KHEN THƯỞNG".into(),
                name: String::new(),
            },
            Signer {
                authority: None,
                title: "THỦ TRƯỞNG ĐƠN VỊ".into(),
                name: String::new(),
            },
        ],
        recipients: Vec::new(),
        appendix: None,
    }
}

// ---- Sáng kiến -----------------------------------------------------------------------------

/// The recognition that counts: the newest positive one.
pub fn recognition(d: &InitiativeDetail) -> Option<&RecognitionRow> {
    d.recognitions
        .iter()
        .filter(|r| r.recognition.recognised)
        .max_by_key(|r| (r.recognition.decided_on, r.recognition.id))
}

fn scope_label(code: &str) -> String {
    Scope::from_code(code)
        .map(|s| s.label().to_owned())
        .unwrap_or_else(|| code.to_owned())
}

/// Who grants the certificate: the chairman of a People's Committee, or the head of another unit.
fn granting(unit: &str) -> String {
    let folded = thidua_domain::text::fold(unit);
    if folded.starts_with("ubnd") || folded.starts_with("uy ban nhan dan") {
        format!("CHỦ TỊCH {}", issuing_name(unit))
    } else {
        format!("THỦ TRƯỞNG {}", unit.trim().to_uppercase())
    }
}

/// One Giấy chứng nhận sáng kiến per author of a recognised initiative; `people` gives "Ông"/"Bà"
/// and the position of authors in the directory; `unit` is the council's unit, which grants it;
/// `decision` the recognition's decision as printed ("Quyết định số 15/QĐ-UBND ngày 20/12/2024")
/// when the council's recognition has one.
pub fn initiative_certificates(
    d: &InitiativeDetail,
    r: &RecognitionRow,
    people: &std::collections::HashMap<i64, PersonItem>,
    unit: &str,
    decision: Option<String>,
) -> Vec<Certificate> {
    let rec = &r.recognition;
    let achievement = format!(
        "Là tác giả sáng kiến “{}”, được công nhận có phạm vi ảnh hưởng, hiệu quả áp dụng {} năm {}",
        d.initiative.title.trim(),
        scope_label(&rec.scope),
        rec.year
    );
    let decision_line = decision.unwrap_or_else(|| {
        format!(
            "Theo kết quả xét của {} ngày {}",
            r.council_name.trim(),
            date_vn(rec.decided_on)
        )
    });
    d.authors
        .iter()
        .map(|a| {
            let p = a.person_id.and_then(|id| people.get(&id));
            let title = match p.and_then(|p| p.gender.as_deref()) {
                Some("male") => "Ông ",
                Some("female") => "Bà ",
                _ => "",
            };
            let detail = match p {
                Some(p) if !p.position.trim().is_empty() => {
                    Some(format!("{}, {}", p.position.trim(), p.unit_name))
                }
                Some(p) => Some(p.unit_name.clone()),
                None => Some(d.unit_name.clone()).filter(|u| !u.trim().is_empty()),
            };
            Certificate {
                kind: CertificateKind::Initiative,
                awarding_authority: granting(unit),
                recipient: format!("{title}{}", a.name.trim()),
                recipient_detail: detail,
                achievement: achievement.clone(),
                place: place_of(Some(unit)),
                date: PartialDate::from(rec.decided_on),
                signer: Signer {
                    authority: None,
                    title: if granting(unit).starts_with("CHỦ TỊCH") {
                        "CHỦ TỊCH".into()
                    } else {
                        "THỦ TRƯỞNG ĐƠN VỊ".into()
                    },
                    name: String::new(),
                },
                decision_line: decision_line.clone(),
                register_line: Some(format!("Số vào sổ: {}/GCN-SK", rec.id)),
            }
        })
        .collect()
}

/// The data sheet of a recognised initiative (phiếu thông tin sáng kiến được công nhận): what it is,
/// who wrote it with their shares, where it is applied and what it brings, and the council's
/// recognition with its count of agreeing members.
pub fn initiative_sheet(d: &InitiativeDetail, r: &RecognitionRow, unit: &str) -> OfficialDocument {
    let i = &d.initiative;
    let rec = &r.recognition;
    let or_dots = |s: &str| {
        if s.trim().is_empty() {
            DOTS.to_owned()
        } else {
            s.trim().to_owned()
        }
    };
    let mut body = vec![
        Block::Item {
            label: "1.".into(),
            text: format!("Tên sáng kiến: {}", i.title.trim()),
        },
        Block::Item {
            label: "2.".into(),
            text: "Tác giả:".into(),
        },
        Block::Table(Table {
            columns: vec![
                Column::new("STT", 8, Align::Center),
                Column::new("Họ và tên", 52, Align::Left),
                Column::new("Tỷ lệ đóng góp", 40, Align::Center),
            ],
            rows: d
                .authors
                .iter()
                .enumerate()
                .map(|(n, a)| vec![(n + 1).to_string(), a.name.clone(), a.share_text.clone()])
                .collect(),
            total: None,
        }),
        Block::Item {
            label: "3.".into(),
            text: format!("Lĩnh vực áp dụng: {}", or_dots(&i.field)),
        },
        Block::Item {
            label: "4.".into(),
            text: format!(
                "Đơn vị, nơi áp dụng: {}; {}",
                d.unit_name.trim(),
                or_dots(&i.applied_where)
            ),
        },
        Block::Item {
            label: "5.".into(),
            text: format!(
                "Ngày sáng kiến được áp dụng lần đầu: {}",
                i.applied_since.map(date_vn).unwrap_or_else(|| DOTS.into())
            ),
        },
        Block::Item {
            label: "6.".into(),
            text: format!(
                "Tình trạng trước khi có sáng kiến: {}",
                or_dots(&i.before_text)
            ),
        },
        Block::Item {
            label: "7.".into(),
            text: format!("Nội dung của sáng kiến: {}", or_dots(&i.solution)),
        },
        Block::Item {
            label: "8.".into(),
            text: format!("Tính mới: {}", or_dots(&i.novelty)),
        },
        Block::Item {
            label: "9.".into(),
            text: format!("Hiệu quả, lợi ích thu được: {}", or_dots(&i.benefit)),
        },
    ];
    if i.benefit_vnd > 0 {
        body.push(Block::Paragraph(format!(
            "Giá trị làm lợi ước tính: {} đồng.",
            thousands(i.benefit_vnd)
        )));
    }
    let mean = rec
        .mean_hundredths
        .map(|m| format!("; điểm trung bình {},{:02}", m / 100, m % 100))
        .unwrap_or_default();
    body.push(Block::Item {
        label: "10.".into(),
        text: format!(
            "Kết quả xét công nhận: {} ngày {}: {}/{} thành viên đồng ý{mean}; công nhận sáng kiến \
             có phạm vi ảnh hưởng, hiệu quả áp dụng {} năm {}./.",
            r.council_name.trim(),
            date_vn(rec.decided_on),
            rec.agreeing,
            rec.members,
            scope_label(&rec.scope),
            rec.year
        ),
    });
    OfficialDocument {
        issuers: vec![Issuer {
            parent: None,
            name: issuing_name(unit),
        }],
        reference: Reference::Unnumbered,
        place: place_of(Some(unit)),
        date: PartialDate::from(rec.decided_on),
        kind_title: Some("PHIẾU THÔNG TIN SÁNG KIẾN".into()),
        summary: format!("Được công nhận năm {}", rec.year),
        addressees: Vec::new(),
        body,
        signers: vec![Signer {
            authority: Some(format!("TM. {}", r.council_name.trim().to_uppercase())),
            title: "CHỦ TỊCH".into(),
            name: String::new(),
        }],
        recipients: punctuated(vec!["Tác giả sáng kiến".into(), "Lưu: VT".into()]),
        appendix: None,
    }
}

/// "Tờ trình 12.docx" and "to-trinh-12.docx": the names a download is offered under.
pub fn file_names(what: &str, id: i64, ext: &str) -> (String, String) {
    let unicode = format!("{what} {id}.{ext}");
    let ascii: String = thidua_domain::text::fold(&format!("{what} {id}"))
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    (format!("{ascii}.{ext}"), unicode)
}

#[cfg(test)]
mod tests {
    use super::*;
    use thidua_store::entity::{award_rounds, nominations};

    fn row(id: i64, name: &str, status: &str, subject: &str) -> NominationRow {
        let now = chrono::Utc::now();
        NominationRow {
            nomination: nominations::Model {
                id,
                round_id: 1,
                unit_id: 5,
                subject: subject.into(),
                person_id: (subject == "individual").then_some(id),
                subject_unit_id: (subject == "collective").then_some(5),
                award: "lao_dong_tien_tien".into(),
                summary: String::new(),
                status: status.into(),
                precheck_eligible: Some(true),
                precheck: None,
                comment: String::new(),
                created_at: now,
                created_by: "noivu".into(),
                updated_at: now,
                version: 1,
            },
            subject_name: name.into(),
            unit_name: "Phường Kim Tân".into(),
            award_name: if subject == "individual" {
                "Lao động tiên tiến".into()
            } else {
                "Tập thể lao động tiên tiến".into()
            },
        }
    }

    #[test]
    fn the_submission_proposes_only_what_the_office_accepted() {
        let round = RoundDetail {
            round: award_rounds::Model {
                id: 1,
                name: "Khen thưởng năm 2024".into(),
                kind: "yearly".into(),
                year: 2024,
                movement_id: None,
                document_id: None,
                deadline: chrono::NaiveDate::from_ymd_opt(2024, 12, 15).unwrap(),
                status: "closed".into(),
                created_at: chrono::Utc::now(),
                created_by: "noivu".into(),
                version: 1,
            },
            awards: vec!["lao_dong_tien_tien".into()],
            quotas: Vec::new(),
        };
        let rows = vec![
            row(1, "Nguyễn Thị Hoà", "accepted", "individual"),
            row(2, "Trần Văn Dũng", "rejected", "individual"),
            row(3, "Lò Thị Mai", "passed", "individual"),
            row(4, "Phường Kim Tân", "decided", "collective"),
            row(5, "Vàng A Páo", "returned", "individual"),
            row(6, "Hà Văn Sơn", "failed", "individual"),
        ];
        let doc = submission(&round, &rows, "UBND thành phố Lào Cai", 2025);
        assert_eq!(doc.reference.printed(), "Số:      /TTr-NV");
        assert_eq!(
            doc.addressees,
            ["Chủ tịch Ủy ban nhân dân thành phố Lào Cai."]
        );
        assert_eq!(
            doc.issuers[0].parent.as_deref(),
            Some("UBND THÀNH PHỐ LÀO CAI")
        );
        let table = doc
            .body
            .iter()
            .find_map(|b| match b {
                Block::Table(t) => Some(t),
                _ => None,
            })
            .unwrap();
        let names: Vec<&str> = table.rows.iter().map(|r| r[1].as_str()).collect();
        assert_eq!(names, ["Nguyễn Thị Hoà", "Lò Thị Mai", "Phường Kim Tân"]);
        assert_eq!(table.total.as_ref().unwrap().1, "3");
        let intro = doc
            .body
            .iter()
            .find_map(|b| match b {
                Block::Paragraph(p) if p.starts_with("Thực hiện") => Some(p),
                _ => None,
            })
            .unwrap();
        assert!(intro.contains("2 cá nhân và 1 tập thể"), "{intro}");
        assert!(doc.body.contains(&Block::Item {
            label: "-".into(),
            text: "Lao động tiên tiến: 2;".into()
        }));
    }
}
