//! The catalogue: every title and form with, per regime, its criteria and citations and its award
//! coefficient. `thidua rules list` prints it; `docs/eligibility.md` embeds its Markdown rendering.

use super::codes::{Category, SubjectKind};
use super::criteria::{requirement, Rule};
use super::money::Coefficient;
use super::regimes;
use super::tables::RuleTables;
use super::verdict::CriterionKind;
use chrono::NaiveDate;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CatalogueEntry {
    pub code: String,
    pub name: String,
    pub subject: SubjectKind,
    pub category: Category,
    /// One per regime that has rules for this entry, oldest first.
    pub regimes: Vec<RegimeCriteria>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RegimeCriteria {
    pub regime: String,
    pub regime_name: String,
    /// Decisions from this date (null: since always).
    pub from: Option<NaiveDate>,
    /// "từ 01/01/2024 đến 30/06/2025".
    pub period: String,
    pub criteria: Vec<CatalogueCriterion>,
    pub award: Option<AwardSummary>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CatalogueCriterion {
    pub text: String,
    pub citation: String,
    pub kind: CriterionKind,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AwardSummary {
    pub coefficient: Coefficient,
    /// Other coefficients by signer, as (issuer code, coefficient).
    pub by_issuer: Vec<(String, Coefficient)>,
    pub collective_multiplier: Option<u32>,
    pub citation: String,
    pub note: Option<String>,
}

/// The catalogue of `tables`, in its order.
pub fn catalogue(tables: &RuleTables) -> Vec<CatalogueEntry> {
    tables
        .catalogue
        .iter()
        .map(|item| CatalogueEntry {
            code: item.code.clone(),
            name: item.name.clone(),
            subject: item.subject,
            category: item.category,
            regimes: tables
                .regimes
                .iter()
                .filter_map(|regime| {
                    let rules = regime.rules.get(&item.code)?;
                    Some(RegimeCriteria {
                        regime: regime.code.clone(),
                        regime_name: regime.name.clone(),
                        from: regime.from,
                        period: regimes::period(tables, regime),
                        criteria: rules
                            .criteria
                            .iter()
                            .map(|spec| CatalogueCriterion {
                                text: requirement(&spec.rule, tables, &item.name),
                                citation: spec.citation.clone(),
                                kind: match spec.rule {
                                    Rule::Judgment { .. } => CriterionKind::Judgment,
                                    Rule::QuotaCap { .. } => CriterionKind::Quota,
                                    _ => CriterionKind::Data,
                                },
                            })
                            .collect(),
                        award: rules.award.as_ref().map(|a| AwardSummary {
                            coefficient: a.coefficient,
                            by_issuer: a
                                .by_issuer
                                .iter()
                                .map(|(i, c)| (i.code().to_owned(), *c))
                                .collect(),
                            collective_multiplier: a.collective_multiplier,
                            citation: a.citation.clone(),
                            note: a.note.clone(),
                        }),
                    })
                })
                .collect(),
        })
        .collect()
}

/// The catalogue as Markdown: one section per entry, one table per regime.
pub fn catalogue_markdown(entries: &[CatalogueEntry]) -> String {
    let mut out = String::new();
    for e in entries {
        out.push_str(&format!(
            "### {} (`{}`)\n\n{} · {}\n\n",
            e.name,
            e.code,
            e.category.label(),
            e.subject.label()
        ));
        for r in &e.regimes {
            out.push_str(&format!(
                "**`{}`** — {} ({})\n\n",
                r.regime, r.regime_name, r.period
            ));
            out.push_str("| # | Tiêu chí | Loại | Căn cứ |\n|---|---|---|---|\n");
            for (i, c) in r.criteria.iter().enumerate() {
                let kind = match c.kind {
                    CriterionKind::Data => "dữ liệu",
                    CriterionKind::Judgment => "hội đồng xác nhận",
                    CriterionKind::Quota => "tỷ lệ của đơn vị",
                };
                out.push_str(&format!(
                    "| {} | {} | {kind} | {} |\n",
                    i + 1,
                    c.text.replace('|', "\\|"),
                    c.citation.replace('|', "\\|")
                ));
            }
            match &r.award {
                None => out.push_str("\nTiền thưởng: chưa quy định (null).\n\n"),
                Some(a) => {
                    let mut s = format!("\nTiền thưởng: hệ số {}", a.coefficient.to_vietnamese());
                    for (issuer, c) in &a.by_issuer {
                        s.push_str(&format!("; `{issuer}`: {}", c.to_vietnamese()));
                    }
                    if let Some(m) = a.collective_multiplier {
                        s.push_str(&format!("; tập thể: {m} lần mức của cá nhân (đã làm tròn)"));
                    }
                    s.push_str(&format!(" × mức lương cơ sở ({})", a.citation));
                    if let Some(n) = &a.note {
                        s.push_str(&format!(". Ghi chú: {n}"));
                    }
                    s.push_str(".\n\n");
                    out.push_str(&s);
                }
            }
        }
    }
    out
}
