//! The rules engine: eligibility for emulation titles and forms of commendation, with the article of the
//! law behind every criterion, and the award money. See `shared/contracts/eligibility.md` and
//! `docs/eligibility.md`.
//!
//! - [`case`]: a case and its reader, which names the field of every refusal.
//! - [`tables`] (`tables.json`): the data: catalogue, base salaries, regimes with each title's criteria
//!   and coefficients, transition rules. Versioned; an administrator's copy can replace it.
//! - [`criteria`]: the kinds of criteria, judged against a case and worded in Vietnamese.
//! - [`regimes`]: which regime judges a case; [`money`]: the award money.
//! - [`guidance`]: criteria and quotas of a movement's own guidance document.
//! - [`catalogue`](mod@catalogue): what `thidua rules list` prints.
//!
//! Pure: no I/O, no clock, no globals except the built-in tables read once.

pub mod case;
pub mod catalogue;
pub mod codes;
pub mod criteria;
pub mod error;
pub mod guidance;
pub mod money;
pub mod regimes;
pub mod tables;
pub mod verdict;

pub use case::{Case, Members, Recognition, YearRecord};
pub use catalogue::{catalogue, catalogue_markdown, CatalogueEntry, RegimeCriteria};
pub use codes::{
    Category, Discipline, Issuer, MemberField, Rating, Scope, StaffLevel, Subject, SubjectKind,
};
pub use criteria::{quota_limit, Achievement, CriterionSpec, Percent, Rule};
pub use error::{CaseError, CaseErrorKind, TablesError};
pub use guidance::{Guidance, GuidanceCriterion, GuidanceKind, UnitQuota};
pub use money::{AwardBasis, Coefficient};
pub use tables::RuleTables;
pub use verdict::{Criterion, CriterionKind, CriterionSource, Verdict};

use criteria::Judge;

/// Reads a case in the contract's JSON and judges it with the built-in tables.
pub fn check_json(input: &str) -> Result<Verdict, CaseError> {
    check_json_with(input, RuleTables::builtin(), &[])
}

/// Reads a case and judges it with the given tables and guidance criteria.
pub fn check_json_with(
    input: &str,
    tables: &RuleTables,
    guidance: &[GuidanceCriterion],
) -> Result<Verdict, CaseError> {
    let case = Case::from_json(input)?;
    judge_with_guidance(&case, tables, guidance)
}

/// Judges a case under the law alone.
pub fn judge(case: &Case, tables: &RuleTables) -> Result<Verdict, CaseError> {
    judge_with_guidance(case, tables, &[])
}

/// Judges a case under the law and the guidance criteria that apply to its title (those whose `title`
/// is the case's), which follow the law's criteria in the verdict.
pub fn judge_with_guidance(
    case: &Case,
    tables: &RuleTables,
    guidance: &[GuidanceCriterion],
) -> Result<Verdict, CaseError> {
    let item = case.validate(tables)?;
    let choice = regimes::choose(case, tables)?;
    let regime = choice.regime;
    let rules = regime.rules.get(&case.title).ok_or_else(|| {
        CaseError::invalid(
            "title",
            format!(
                "\"{}\" chưa có tiêu chí trong chế độ {} ({})",
                item.name, regime.code, regime.name
            ),
        )
    })?;
    let judge = Judge {
        case,
        tables,
        regime,
        title_name: &item.name,
    };
    let mut criteria = Vec::with_capacity(rules.criteria.len() + 2);
    for spec in &rules.criteria {
        judge.evaluate(
            &spec.rule,
            &spec.citation,
            CriterionSource::Law,
            &mut criteria,
        );
    }
    for g in guidance.iter().filter(|g| g.title == case.title) {
        let at = criteria.len();
        judge.evaluate(
            &g.rule(),
            &g.citation,
            CriterionSource::Guidance,
            &mut criteria,
        );
        // The guidance's own words lead, then what the data shows.
        if g.kind != GuidanceKind::Judgment {
            if let Some(c) = criteria.get_mut(at) {
                c.text = format!("{}: {}", g.text, criteria::decapitalise(&c.text));
            }
        }
    }
    let award = rules.award.as_ref().map(|a| money::award(case, tables, a));
    Ok(Verdict {
        eligible: criteria.iter().all(|c| c.met != Some(false)),
        regime: regime.code.clone(),
        award_vnd: award.as_ref().and_then(|a| a.amount_vnd),
        judgment_pending: criteria.iter().any(|c| c.met.is_none()),
        title: case.title.clone(),
        title_name: item.name.clone(),
        year: case.year,
        regime_name: regime.name.clone(),
        regime_basis: regimes::basis(case, &choice),
        award,
        tables_version: tables.version,
        criteria,
    })
}
