//! An award decision (quyết định khen thưởng) as the documents it is printed as: the decision with
//! its attached list in the layout of Nghị định 30/2020 (`thidua_office::docx::AwardDecision`), and
//! one Giấy khen per line of the list (`thidua_office::pdf`). The issuing body is the decision's
//! issuer, the number its register number (a draft leaves the number and the day blank), the list
//! its lines with their money and award names from the rule tables.

use crate::docx_work::{issuing_name, place_of, punctuated};
use std::collections::HashMap;
use thidua_domain::format::date_vn;
use thidua_domain::rules::RuleTables;
use thidua_office::docx::{AwardDecision, Awardee, Issuer, PartialDate, Reference, Signer};
use thidua_office::pdf::{Certificate, CertificateKind};
use thidua_store::commendation::DecisionDetail;
use thidua_store::entity::{decision_lines, people};

/// What the documents need beside the decision: the rule tables (award names) and the people of its
/// lines (gender for "Ông"/"Bà", position), by id.
pub struct PrintContext<'a> {
    pub tables: &'a RuleTables,
    pub people: &'a HashMap<i64, people::Model>,
}

impl PrintContext<'_> {
    /// "Chuyên viên, Phường Kim Tân": the person's position (when known) and the line's unit.
    fn position_unit(&self, l: &decision_lines::Model) -> String {
        let position = l
            .person_id
            .and_then(|p| self.people.get(&p))
            .map(|p| p.position.trim())
            .filter(|p| !p.is_empty());
        match (position, l.unit_name.trim()) {
            (Some(p), "") => p.to_owned(),
            (Some(p), u) => format!("{p}, {u}"),
            (None, u) => u.to_owned(),
        }
    }

    /// "Bà Nguyễn Thị Hoà" for a person whose gender is known; the name alone otherwise (and for a
    /// collective).
    fn recipient(&self, l: &decision_lines::Model) -> String {
        let title = match l
            .person_id
            .and_then(|p| self.people.get(&p))
            .and_then(|p| p.gender.as_deref())
        {
            Some("male") => "Ông ",
            Some("female") => "Bà ",
            _ => "",
        };
        format!("{title}{}", l.name)
    }
}

/// The award's name from the rule tables ("Chiến sĩ thi đua cơ sở"), or its code when unknown.
fn award_name(tables: &RuleTables, code: &str) -> String {
    tables
        .item(code)
        .map(|i| i.name.clone())
        .unwrap_or_else(|| code.to_owned())
}

/// "UBND thành phố Lào Cai" → "UBND thành phố Lào Cai"; "Ủy ban nhân dân thành phố" stays; used
/// after "Chủ tịch" in the list's subtitle.
fn short_issuer(issuer: &str) -> String {
    match issuer.strip_prefix("Ủy ban nhân dân ") {
        Some(rest) => format!("UBND {rest}"),
        None => issuer.to_owned(),
    }
}

/// The signature block from the decision's signer (see `DecisionDetail::texts`).
fn signer_of(d: &DecisionDetail) -> Signer {
    let s = d.texts().signer;
    Signer {
        authority: Some(s.authority).filter(|a| !a.is_empty()),
        title: s.title,
        name: s.name,
    }
}

/// The decision's number, or the draft's blank with its register symbol.
fn reference_of(d: &DecisionDetail) -> Reference {
    match &d.decision.reference {
        Some(r) => Reference::Issued(r.clone()),
        None => Reference::Draft {
            symbol: d.decision.symbol.clone(),
        },
    }
}

/// The signing date, or for a draft the year it was drafted with the day and month left blank.
fn date_of(d: &DecisionDetail) -> PartialDate {
    match d.decision.signed_on {
        Some(on) => PartialDate::from(on),
        None => PartialDate {
            year: chrono::Datelike::year(&d.decision.created_at.date_naive()),
            month: None,
            day: None,
        },
    }
}

/// The year the decision's list is about (the lines' year).
fn year_of(d: &DecisionDetail) -> Option<i32> {
    d.lines.first().map(|l| l.year)
}

/// The decision with its attached list, ready for `AwardDecision::to_document`.
pub fn award_decision(d: &DecisionDetail, ctx: &PrintContext) -> AwardDecision {
    let tables = ctx.tables;
    let dec = &d.decision;
    let issuer = dec.issuer.trim();
    let year = year_of(d).map(|y| format!(" năm {y}")).unwrap_or_default();
    let summary = dec.summary.trim();
    let texts = d.texts();
    let subject = summary
        .strip_prefix("Về việc ")
        .or_else(|| summary.strip_prefix("V/v "))
        .unwrap_or(summary)
        .trim()
        .to_owned();
    let office = thidua_domain::docref::DocumentReference::parse(&format!("/{}", dec.symbol))
        .ok()
        .and_then(|r| r.drafting_office().map(str::to_owned));
    let archive = match office {
        Some(o) => format!("Lưu: VT, {o}"),
        None => "Lưu: VT".into(),
    };
    AwardDecision {
        issuer: Issuer {
            parent: None,
            name: issuing_name(issuer),
        },
        reference: reference_of(d),
        place: place_of(Some(issuer)),
        date: date_of(d),
        subject,
        authority: format!("CHỦ TỊCH {}", issuing_name(issuer)),
        bases: texts.bases,
        award_phrase: "Tặng danh hiệu thi đua, hình thức khen thưởng cho".into(),
        achievement: format!("đã có thành tích trong phong trào thi đua{year}"),
        funding: texts.funding,
        executors: texts.executors,
        awardees: d
            .lines
            .iter()
            .map(|l| Awardee {
                name: l.name.clone(),
                position_unit: ctx.position_unit(l),
                form: award_name(tables, &l.award),
                amount: l.amount_vnd.unwrap_or(0),
            })
            .collect(),
        signer: signer_of(d),
        recipients: punctuated(vec!["Như Điều 3".into(), archive]),
        signed_by_phrase: format!("Chủ tịch {}", short_issuer(issuer)),
    }
}

/// One Giấy khen per line of the decision, in the list's order.
pub fn certificates(d: &DecisionDetail, ctx: &PrintContext) -> Vec<Certificate> {
    let tables = ctx.tables;
    let dec = &d.decision;
    let issuer = dec.issuer.trim();
    let decision_line = match (&dec.reference, dec.signed_on) {
        (Some(r), Some(on)) => format!("Quyết định số {r} ngày {}", date_vn(on)),
        (Some(r), None) => format!("Quyết định số {r}"),
        (None, _) => format!("Quyết định số      /{} (dự thảo)", dec.symbol),
    };
    d.lines
        .iter()
        .map(|l| {
            let name = award_name(tables, &l.award);
            let achievement = if l.award == "giay_khen" {
                format!(
                    "Đã có thành tích xuất sắc trong phong trào thi đua năm {}",
                    l.year
                )
            } else {
                format!("Đã đạt danh hiệu “{name}” năm {}", l.year)
            };
            Certificate {
                kind: CertificateKind::Commendation,
                awarding_authority: format!("CHỦ TỊCH {}", issuing_name(issuer)),
                recipient: ctx.recipient(l),
                recipient_detail: Some(ctx.position_unit(l)).filter(|u| !u.trim().is_empty()),
                achievement,
                place: place_of(Some(issuer)),
                date: date_of(d),
                signer: signer_of(d),
                decision_line: decision_line.clone(),
                register_line: None,
            }
        })
        .collect()
}

/// The file names offered: "quyet-dinh-12-qd-ubnd.docx" in ASCII (folded) and "Quyết định 12-QĐ-UBND.docx"
/// (or "… du-thao-QĐ-UBND …" for a draft) for clients that read `filename*`; `ext` is "docx" or
/// "pdf", `what` "Quyết định" or "Giấy khen".
pub fn file_names(d: &DecisionDetail, what: &str, ext: &str) -> (String, String) {
    let number = d
        .decision
        .reference
        .clone()
        .unwrap_or_else(|| format!("du-thao-{}", d.decision.symbol));
    let unicode = format!("{what} {}.{ext}", number.replace('/', "-"));
    let ascii: String = thidua_domain::text::fold(&format!("{what} {number}"))
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    (format!("{ascii}.{ext}"), unicode)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_signer_field_gives_the_signature_block() {
        let mut d = detail(None, None);
        let block = |d: &DecisionDetail| {
            let s = signer_of(d);
            (s.authority, s.title, s.name)
        };
        d.decision.signer = "Chủ tịch Ủy ban nhân dân".into();
        assert_eq!(block(&d), (None, "CHỦ TỊCH".into(), String::new()));
        d.decision.signer = "Phó Chủ tịch Nguyễn Văn Bình".into();
        assert_eq!(
            block(&d),
            (
                Some("KT. CHỦ TỊCH".into()),
                "PHÓ CHỦ TỊCH".into(),
                "Nguyễn Văn Bình".into()
            )
        );
        d.decision.signer = "Hoàng Đăng Khoa".into();
        assert_eq!(
            block(&d),
            (None, "CHỦ TỊCH".into(), "Hoàng Đăng Khoa".into())
        );
        // A signer with a title (set on the draft, or by the approving leader) is printed as it is.
        d.decision.signer_title = Some("PHÓ CHỦ TỊCH".into());
        d.decision.signer_authority = Some("KT. CHỦ TỊCH".into());
        assert_eq!(
            block(&d),
            (
                Some("KT. CHỦ TỊCH".into()),
                "PHÓ CHỦ TỊCH".into(),
                "Hoàng Đăng Khoa".into()
            )
        );
    }

    #[test]
    fn the_texts_set_on_the_draft_are_printed() {
        let people = HashMap::new();
        let ctx = PrintContext {
            tables: thidua_domain::rules::RuleTables::builtin(),
            people: &people,
        };
        let mut d = detail(None, None);
        let a = award_decision(&d, &ctx);
        assert_eq!(
            a.bases.len(),
            4,
            "the defaults for a decision without texts"
        );
        assert_eq!(a.funding, "nguồn kinh phí thi đua, khen thưởng năm 2024");
        d.decision.bases =
            Some("Căn cứ Luật Thi đua, khen thưởng;\nCăn cứ Quyết định số 5/QĐ-UBND.".into());
        d.decision.funding = Some("quỹ thi đua, khen thưởng của phường".into());
        d.decision.executors = Some("Văn phòng HĐND và UBND".into());
        let a = award_decision(&d, &ctx);
        assert_eq!(
            a.bases,
            vec![
                "Căn cứ Luật Thi đua, khen thưởng;",
                "Căn cứ Quyết định số 5/QĐ-UBND."
            ]
        );
        assert_eq!(a.funding, "quỹ thi đua, khen thưởng của phường");
        assert_eq!(a.executors, "Văn phòng HĐND và UBND");
    }

    fn detail(reference: Option<&str>, signed_on: Option<chrono::NaiveDate>) -> DecisionDetail {
        use thidua_store::entity::{award_decisions, decision_lines};
        let line =
            |position: i32, name: &str, award: &str, amount: Option<i64>| decision_lines::Model {
                id: position as i64,
                decision_id: 7,
                position,
                nomination_id: position as i64,
                subject: "individual".into(),
                person_id: Some(position as i64),
                unit_id: Some(1),
                name: name.into(),
                unit_name: "Phường Kim Tân".into(),
                award: award.into(),
                year: 2024,
                amount_vnd: amount,
            };
        DecisionDetail {
            decision: award_decisions::Model {
                id: 7,
                round_id: 1,
                summary: "Về việc tặng danh hiệu thi đua năm 2024".into(),
                symbol: "QĐ-UBND".into(),
                issuer: "UBND thành phố Lào Cai".into(),
                signer: "Phó Chủ tịch Nguyễn Văn Bình".into(),
                status: if reference.is_some() {
                    "approved"
                } else {
                    "draft"
                }
                .into(),
                document_id: None,
                reference: reference.map(str::to_owned),
                signed_on,
                total_vnd: 3_050_000,
                created_at: chrono::Utc::now(),
                created_by: "noivu".into(),
                approved_by: None,
                finalised_at: None,
                version: 1,
                bases: None,
                funding: None,
                executors: None,
                signer_title: None,
                signer_authority: None,
            },
            lines: vec![
                line(1, "Nguyễn Thị Hoà", "lao_dong_tien_tien", Some(710_000)),
                line(
                    2,
                    "Trần Văn Dũng",
                    "chien_si_thi_dua_co_so",
                    Some(2_340_000),
                ),
                line(3, "Lò Thị Mai", "giay_khen", None),
            ],
            attachments: Vec::new(),
            document: None,
        }
    }

    #[test]
    fn a_draft_leaves_the_number_and_the_day_blank() {
        let people = HashMap::new();
        let ctx = PrintContext {
            tables: thidua_domain::rules::RuleTables::builtin(),
            people: &people,
        };
        let a = award_decision(&detail(None, None), &ctx);
        let doc = a.to_document().unwrap();
        assert_eq!(doc.reference.printed(), "Số:      /QĐ-UBND");
        let year = chrono::Datelike::year(&chrono::Utc::now().date_naive());
        assert_eq!(
            doc.date.printed(),
            format!("ngày      tháng      năm {year}")
        );
        let subtitle = doc.appendix.unwrap().subtitle.unwrap();
        assert!(
            subtitle.contains("Quyết định số      /QĐ-UBND"),
            "{subtitle}"
        );
        assert!(
            subtitle.contains("Chủ tịch UBND thành phố Lào Cai"),
            "{subtitle}"
        );
        assert_eq!(a.total().unwrap(), 3_050_000);
        assert_eq!(a.awardees[0].form, "Lao động tiên tiến");
        assert_eq!(a.awardees[2].amount, 0);
        assert_eq!(a.signer.authority.as_deref(), Some("KT. CHỦ TỊCH"));
        assert_eq!(a.issuer.name, "ỦY BAN NHÂN DÂN THÀNH PHỐ LÀO CAI");
        assert_eq!(a.place, "TP. Lào Cai");
        let c = certificates(&detail(None, None), &ctx);
        assert_eq!(c[0].recipient, "Nguyễn Thị Hoà");
        assert_eq!(c[0].recipient_detail.as_deref(), Some("Phường Kim Tân"));
        assert_eq!(c.len(), 3);
        assert_eq!(c[0].decision_line, "Quyết định số      /QĐ-UBND (dự thảo)");
        let (ascii, unicode) = file_names(&detail(None, None), "Quyết định", "docx");
        assert_eq!(
            (ascii.as_str(), unicode.as_str()),
            (
                "quyet-dinh-du-thao-qd-ubnd.docx",
                "Quyết định du-thao-QĐ-UBND.docx"
            )
        );
    }

    #[test]
    fn an_issued_decision_prints_its_number_and_date() {
        let person = |id: i64, gender: &str, position: &str| people::Model {
            id,
            full_name: String::new(),
            gender: Some(gender.into()),
            birth_date: None,
            unit_id: 1,
            position: position.into(),
            category: "cong_chuc".into(),
            staff_level: "graduate".into(),
            union_member: true,
            search_key: String::new(),
            sort_key: Vec::new(),
            version: 1,
            change_seq: 0,
            created_at: chrono::Utc::now(),
            updated_at: chrono::Utc::now(),
        };
        let people = HashMap::from([
            (1, person(1, "female", "Chuyên viên")),
            (2, person(2, "male", "")),
        ]);
        let ctx = PrintContext {
            tables: thidua_domain::rules::RuleTables::builtin(),
            people: &people,
        };
        let on = chrono::NaiveDate::from_ymd_opt(2025, 1, 20);
        let d = detail(Some("12/QĐ-UBND"), on);
        let a = award_decision(&d, &ctx);
        assert_eq!(a.awardees[0].position_unit, "Chuyên viên, Phường Kim Tân");
        assert_eq!(a.awardees[1].position_unit, "Phường Kim Tân");
        let doc = a.to_document().unwrap();
        assert_eq!(doc.reference.printed(), "Số: 12/QĐ-UBND");
        assert_eq!(doc.date.printed(), "ngày 20 tháng 01 năm 2025");
        let c = certificates(&d, &ctx);
        assert_eq!(c[0].recipient, "Bà Nguyễn Thị Hoà");
        assert_eq!(
            c[0].recipient_detail.as_deref(),
            Some("Chuyên viên, Phường Kim Tân")
        );
        assert_eq!(c[1].recipient, "Ông Trần Văn Dũng");
        assert_eq!(c[2].recipient, "Lò Thị Mai");
        assert_eq!(
            c[1].achievement,
            "Đã đạt danh hiệu “Chiến sĩ thi đua cơ sở” năm 2024"
        );
        assert!(c[2].achievement.starts_with("Đã có thành tích xuất sắc"));
        assert_eq!(
            c[0].decision_line,
            "Quyết định số 12/QĐ-UBND ngày 20/01/2025"
        );
        assert_eq!(
            file_names(&d, "Giấy khen", "pdf").1,
            "Giấy khen 12-QĐ-UBND.pdf"
        );
    }

    #[test]
    fn the_issuer_is_shortened_in_the_subtitle() {
        assert_eq!(short_issuer("Ủy ban nhân dân thành phố"), "UBND thành phố");
        assert_eq!(
            short_issuer("UBND thành phố Lào Cai"),
            "UBND thành phố Lào Cai"
        );
    }
}
