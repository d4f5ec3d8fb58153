//! A directive (văn bản chỉ đạo) as the official dispatch (công văn) it is printed as, in the layout of
//! Nghị định 30/2020 that `thidua_office::docx` writes: the issuing body from the movement's unit and
//! its parent, the number (or the draft's blank), the place and date, "V/v …", "Kính gửi:" the
//! recipient groups, the legal basis, the numbered tasks with their deadlines, the closing call, the
//! signature of the committee's chairman and the distribution list. A joint directive (one with a
//! co-issuer, kế hoạch liên tịch) is printed as a joint plan: both bodies side by side in the
//! heading (the lead body, the People's Committee, at the left; the co-issuer, the Labour
//! Federation, beside it), the kind as a title ("KẾ HOẠCH") with the summary under it, no "Kính
//! gửi:" (the recipients go to "Nơi nhận:"), and two signature blocks: the co-issuer's at the left
//! and the lead body's at the right, as joint plans are signed.

use thidua_domain::docref::{DocumentKind, DocumentReference};
use thidua_domain::format::date_vn;
use thidua_office::docx::{Block, Issuer, OfficialDocument, PartialDate, Reference, Signer};
use thidua_store::entity::{documents, units};
use thidua_store::movements::DirectiveDetail;

/// What the dispatch needs beside the directive: who issues it, and which recipients came from which
/// group (a unit addressed on its own is named; one reached through a group is not repeated).
pub struct DispatchContext {
    /// The unit that runs the movement (the city's People's Committee), if known.
    pub unit: Option<units::Model>,
    /// Its parent (the province's committee), printed above it.
    pub parent: Option<units::Model>,
    /// The co-issuer's parent (the province's Labour Federation), for a joint directive.
    pub co_parent: Option<units::Model>,
    /// The units of each of the directive's groups.
    pub group_members: Vec<Vec<i64>>,
}

/// "UBND thành phố Lào Cai" → "ỦY BAN NHÂN DÂN THÀNH PHỐ LÀO CAI": the issuing body is printed in full
/// capitals, its common abbreviation written out.
pub(crate) fn issuing_name(name: &str) -> String {
    let full = if let Some(rest) = name.strip_prefix("UBND ") {
        format!("Ủy ban nhân dân {rest}")
    } else if let Some(rest) = name.strip_prefix("LĐLĐ ") {
        format!("Liên đoàn Lao động {rest}")
    } else {
        name.to_owned()
    };
    full.to_uppercase()
}

/// The kind's title of a joint directive from its symbol ("KH-UBND-LĐLĐ" → "KẾ HOẠCH"); a symbol
/// without a kind (a dispatch's) prints as a plan, the usual joint document of a movement.
fn joint_title(symbol: &str) -> String {
    let kind = DocumentReference::parse(&format!("/{symbol}"))
        .map(|r| r.kind())
        .unwrap_or(DocumentKind::Plan);
    let kind = if kind == DocumentKind::Dispatch {
        DocumentKind::Plan
    } else {
        kind
    };
    kind.name().to_uppercase()
}

/// The place name (địa danh) of a unit: "UBND thành phố Lào Cai" → "TP. Lào Cai", "… tỉnh Lào Cai" →
/// "Lào Cai"; "Lào Cai" when the name does not say.
pub fn place_of(unit_name: Option<&str>) -> String {
    let Some(name) = unit_name else {
        return "Lào Cai".into();
    };
    for (marker, prefix) in [
        ("thành phố ", "TP. "),
        ("Thành phố ", "TP. "),
        ("thị xã ", "TX. "),
        ("huyện ", ""),
        ("tỉnh ", ""),
        ("phường ", ""),
        ("Phường ", ""),
        ("xã ", ""),
        ("Xã ", ""),
    ] {
        if let Some(i) = name.find(marker) {
            let rest = name[i + marker.len()..].trim();
            if !rest.is_empty() {
                return format!("{prefix}{rest}");
            }
        }
    }
    "Lào Cai".into()
}

/// "Căn cứ Kế hoạch số 205/KH-UBND-LĐLĐ ngày 28/4/2021 của UBND tỉnh Lào Cai về …;"
fn basis_line(d: &documents::Model) -> String {
    let kind = DocumentKind::from_code(&d.kind)
        .map(|k| k.name())
        .unwrap_or("Văn bản");
    let mut s = format!("Căn cứ {kind}");
    if let Some(r) = &d.reference {
        s.push_str(&format!(" số {r}"));
    }
    if let Some(on) = d.issued_on {
        s.push_str(&format!(" ngày {}", date_vn(on)));
    }
    if !d.issuer.trim().is_empty() {
        s.push_str(&format!(" của {}", d.issuer.trim()));
    }
    let about = d.summary.trim();
    let about = about
        .strip_prefix("V/v ")
        .or_else(|| about.strip_prefix("V/v"))
        .unwrap_or(about)
        .trim();
    if !about.is_empty() {
        s.push_str(&format!(" về {about}"));
    }
    s.push(';');
    s
}

/// Ends every item of a list with ";" and the last one with "." (as "Kính gửi:" and "Nơi nhận:" print).
pub(crate) fn punctuated(items: Vec<String>) -> Vec<String> {
    let n = items.len();
    items
        .into_iter()
        .enumerate()
        .map(|(i, s)| {
            let s = s.trim_end_matches([';', '.', ',']).to_owned();
            if i + 1 == n {
                format!("{s}.")
            } else {
                format!("{s};")
            }
        })
        .collect()
}

/// The dispatch of a directive.
pub fn directive_dispatch(d: &DirectiveDetail, ctx: &DispatchContext) -> OfficialDocument {
    let dir = &d.directive;
    let issuer_name = match &ctx.unit {
        Some(u) => issuing_name(&u.name),
        None => match d.document.as_ref().map(|x| x.issuer.trim()) {
            Some(i) if !i.is_empty() => issuing_name(i),
            _ => "ỦY BAN NHÂN DÂN".into(),
        },
    };
    let reference = match d.document.as_ref().and_then(|x| x.reference.clone()) {
        Some(r) => Reference::Issued(r),
        None => Reference::Draft {
            symbol: dir.symbol.clone(),
        },
    };
    let date = match (dir.issued_on, &d.document) {
        (Some(on), _) => PartialDate::from(on),
        (None, Some(doc)) => PartialDate {
            year: doc.issued_year.unwrap_or(dir.year),
            month: doc.issued_month.and_then(|m| u32::try_from(m).ok()),
            day: doc.issued_day.and_then(|m| u32::try_from(m).ok()),
        },
        (None, None) => PartialDate {
            year: dir.year,
            month: None,
            day: None,
        },
    };
    // Kính gửi: the groups by name, then units addressed on their own.
    let grouped: std::collections::BTreeSet<i64> =
        ctx.group_members.iter().flatten().copied().collect();
    let mut addressees: Vec<String> = d.groups.iter().map(|g| g.name.clone()).collect();
    addressees.extend(
        d.units
            .iter()
            .filter(|u| !grouped.contains(&u.unit_id))
            .map(|u| u.unit_name.clone()),
    );
    let mut body = Vec::new();
    for b in &d.basis {
        let cited = b
            .reference
            .as_deref()
            .is_some_and(|r| dir.preamble.contains(r));
        if !cited {
            body.push(Block::Basis(basis_line(b)));
        }
    }
    body.extend(
        dir.preamble
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(|l| Block::Paragraph(l.to_owned())),
    );
    for t in &d.tasks {
        let mut text = t.title.trim().to_owned();
        let more = t.body.trim();
        if !more.is_empty() {
            if !text.ends_with(['.', ':', ';']) {
                text.push('.');
            }
            text.push(' ');
            text.push_str(more);
        }
        let report = t.report_what.trim();
        if !report.is_empty() {
            if !text.ends_with(['.', ':', ';']) {
                text.push('.');
            }
            text.push_str(&format!(" Nội dung báo cáo: {report}"));
        }
        if let Some(due) = t.due_on {
            if !text.ends_with(['.', ':', ';']) {
                text.push('.');
            }
            text.push_str(&format!(
                " Thời hạn báo cáo: chậm nhất ngày {}.",
                date_vn(due)
            ));
        }
        body.push(Block::Item {
            label: format!("{}.", t.position),
            text,
        });
    }
    body.extend(
        dir.closing
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(|l| Block::Paragraph(l.to_owned())),
    );
    // "Lưu: VT, NV.": the archive (văn thư) and the drafting office named in the symbol.
    let office = DocumentReference::parse(&format!("/{}", dir.symbol))
        .ok()
        .and_then(|r| r.drafting_office().map(str::to_owned));
    let archive = match office {
        Some(o) => format!("Lưu: VT, {o}"),
        None => "Lưu: VT".into(),
    };
    let lead_signer = Signer {
        authority: Some("TM. ỦY BAN NHÂN DÂN".into()),
        title: "CHỦ TỊCH".into(),
        name: dir.signer.clone(),
    };
    if let Some(co) = &d.co_issuer {
        let lead = Issuer {
            parent: ctx.parent.as_ref().map(|p| p.name.to_uppercase()),
            name: issuer_name,
        };
        let partner = Issuer {
            parent: ctx.co_parent.as_ref().map(|p| p.name.to_uppercase()),
            name: issuing_name(&co.name),
        };
        let co_signer = Signer {
            authority: dir
                .co_signer_authority
                .as_deref()
                .map(str::trim)
                .filter(|a| !a.is_empty())
                .map(str::to_uppercase),
            title: dir.co_signer_title.as_deref().unwrap_or("").to_uppercase(),
            name: dir.co_signer.clone().unwrap_or_default(),
        };
        // "Lưu: VT UBND, VT LĐLĐ": each body keeps its copy.
        let keepers: Vec<String> = DocumentReference::parse(&format!("/{}", dir.symbol))
            .map(|r| r.issuers().to_vec())
            .unwrap_or_default();
        let archive = if keepers.len() > 1 {
            format!(
                "Lưu: {}",
                keepers
                    .iter()
                    .map(|k| format!("VT {k}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        } else {
            archive
        };
        let mut recipients = addressees;
        recipients.push(archive);
        let summary = dir.summary.trim();
        let summary = summary
            .strip_prefix("V/v ")
            .unwrap_or(summary)
            .trim()
            .to_owned();
        return OfficialDocument {
            issuers: vec![lead, partner],
            reference,
            place: place_of(ctx.unit.as_ref().map(|u| u.name.as_str())),
            date,
            kind_title: Some(joint_title(&dir.symbol)),
            summary,
            addressees: Vec::new(),
            body,
            signers: vec![co_signer, lead_signer],
            recipients: punctuated(recipients),
            appendix: None,
        };
    }
    OfficialDocument {
        issuers: vec![Issuer {
            parent: ctx.parent.as_ref().map(|p| p.name.to_uppercase()),
            name: issuer_name,
        }],
        reference,
        place: place_of(ctx.unit.as_ref().map(|u| u.name.as_str())),
        date,
        kind_title: None,
        summary: dir.summary.clone(),
        addressees: punctuated(addressees),
        body,
        signers: vec![lead_signer],
        recipients: punctuated(vec!["Như trên".into(), archive]),
        appendix: None,
    }
}

/// The file name offered for a directive's dispatch: "Cong-van-05-UBND-NV.docx" in ASCII and the same
/// with Vietnamese letters for clients that read `filename*`.
pub fn file_names(d: &DirectiveDetail) -> (String, String) {
    let number = d
        .document
        .as_ref()
        .and_then(|x| x.reference.clone())
        .unwrap_or_else(|| format!("du-thao-{}", d.directive.symbol));
    let kind = if d.co_issuer.is_some() {
        "Kế hoạch liên tịch"
    } else {
        "Công văn"
    };
    let unicode = format!("{kind} {}.docx", number.replace('/', "-"));
    let ascii: String = thidua_domain::text::fold(&format!("{kind} {}", number))
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    (format!("{ascii}.docx"), unicode)
}

/// `attachment; filename="…"; filename*=UTF-8''…` (RFC 6266 and 5987).
pub fn content_disposition(ascii: &str, unicode: &str) -> String {
    let mut encoded = String::new();
    for b in unicode.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            encoded.push(b as char);
        } else {
            encoded.push_str(&format!("%{b:02X}"));
        }
    }
    let ascii: String = ascii
        .chars()
        .filter(|c| c.is_ascii() && !c.is_ascii_control() && *c != '"' && *c != '\\')
        .collect();
    format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_place_comes_from_the_unit_name() {
        assert_eq!(place_of(Some("UBND thành phố Lào Cai")), "TP. Lào Cai");
        assert_eq!(place_of(Some("UBND tỉnh Lào Cai")), "Lào Cai");
        assert_eq!(place_of(Some("Phòng Nội vụ")), "Lào Cai");
        assert_eq!(place_of(None), "Lào Cai");
        assert_eq!(
            issuing_name("UBND thành phố Lào Cai"),
            "ỦY BAN NHÂN DÂN THÀNH PHỐ LÀO CAI"
        );
        assert_eq!(
            issuing_name("LĐLĐ thành phố Lào Cai"),
            "LIÊN ĐOÀN LAO ĐỘNG THÀNH PHỐ LÀO CAI"
        );
        assert_eq!(joint_title("KH-UBND-LĐLĐ"), "KẾ HOẠCH");
        assert_eq!(joint_title("HD-UBND-LĐLĐ"), "HƯỚNG DẪN");
        assert_eq!(joint_title("UBND-NV"), "KẾ HOẠCH");
    }

    #[test]
    fn lists_end_with_a_full_stop() {
        assert_eq!(
            punctuated(vec!["Như trên;".into(), "Lưu: VT, NV".into()]),
            vec!["Như trên;", "Lưu: VT, NV."]
        );
    }

    #[test]
    fn file_names_are_safe_in_both_forms() {
        let h = content_disposition("Cong-van-05-UBND-NV.docx", "Công văn 05-UBND-NV.docx");
        assert!(h.starts_with("attachment; filename=\"Cong-van-05-UBND-NV.docx\""));
        assert!(h.contains("filename*=UTF-8''C%C3%B4ng%20v%C4%83n%2005-UBND-NV.docx"));
    }
}
