//! A movement's own guidance (e.g. Công văn 941/UBND-NV on "Lao động giỏi, Lao động sáng tạo"
//! 2021–2025) adds criteria to the law's and sets per-unit quotas. The office enters it as data; the
//! engine judges its criteria together with the law's, each cited to the guidance document.

use super::codes::{Rating, Scope};
use super::criteria::{Achievement, Rule};
use serde::{Deserialize, Serialize};

/// A guidance document and what it adds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Guidance {
    /// Number and symbol as printed: "941/UBND-NV".
    pub document: String,
    /// "Hướng dẫn xét khen thưởng phong trào thi đua “Lao động giỏi, Lao động sáng tạo” 2021–2025".
    pub name: String,
    #[serde(default)]
    pub criteria: Vec<GuidanceCriterion>,
    #[serde(default)]
    pub quotas: Vec<UnitQuota>,
}

/// One criterion a guidance adds to a title or form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GuidanceCriterion {
    /// The catalogue code it applies to.
    pub title: String,
    /// The criterion as the guidance states it.
    pub text: String,
    /// "Công văn 941/UBND-NV, mục 2.1".
    pub citation: String,
    #[serde(flatten)]
    pub kind: GuidanceKind,
}

/// What a guidance criterion checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum GuidanceKind {
    /// Rated at least `rating` in each of the `years` years up to the judged year.
    MinRating {
        rating: Rating,
        #[serde(default = "one")]
        years: u8,
    },
    /// An initiative recognised at `scope` or wider within the `years` years up to the judged year.
    RequiresInitiative {
        scope: Scope,
        #[serde(default = "one")]
        years: u8,
    },
    /// For the council to confirm (`met: null`).
    Judgment,
}

fn one() -> u8 {
    1
}

impl GuidanceCriterion {
    /// The same criterion as a rule the engine judges.
    pub fn rule(&self) -> Rule {
        match self.kind {
            GuidanceKind::MinRating { rating, years } => Rule::MinRating {
                at_least: rating,
                years: years.max(1),
            },
            GuidanceKind::RequiresInitiative { scope, years } => Rule::AnyOf {
                options: vec![Achievement::Initiative(scope)],
                years: years.max(1),
            },
            GuidanceKind::Judgment => Rule::Judgment {
                text: self.text.clone(),
            },
        }
    }
}

/// A per-unit quota a guidance sets: at most `max_count` of `title` for the unit with `unit_code`.
/// Data only for now: the nomination issue counts a unit's nominations against it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnitQuota {
    pub unit_code: String,
    pub title: String,
    pub max_count: u32,
    pub citation: String,
}

impl UnitQuota {
    /// `proposed` nominations fit the quota.
    pub fn allows(&self, proposed: u32) -> bool {
        proposed <= self.max_count
    }
}
