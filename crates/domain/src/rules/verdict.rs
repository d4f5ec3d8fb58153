//! The verdict: every criterion considered, met or not, with the article it comes from, and the money.
//! The first four fields are the contract's (`eligibility.md`); the others help a reader check it.

use super::money::AwardBasis;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Verdict {
    /// True exactly when every criterion with a true/false `met` is true.
    pub eligible: bool,
    /// `nd-91-2017`, `nd-98-2023` or `nd-152-2025`.
    pub regime: String,
    pub criteria: Vec<Criterion>,
    /// Rounded up to the next 10,000 đ; null where no amount is set.
    pub award_vnd: Option<i64>,
    /// Some criteria (`met: null`) wait for the council.
    pub judgment_pending: bool,
    pub title: String,
    /// "Chiến sĩ thi đua cơ sở".
    pub title_name: String,
    pub year: i32,
    /// "Luật Thi đua, khen thưởng 2022 và Nghị định 98/2023/NĐ-CP".
    pub regime_name: String,
    /// Why this regime: by the decision date, or by the transition rule and the received date.
    pub regime_basis: String,
    /// How `award_vnd` was computed; null where no amount is set.
    pub award: Option<AwardBasis>,
    /// The version of the rule tables judged with.
    pub tables_version: u32,
}

/// One criterion as judged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Criterion {
    /// True or false when the data decides; null when the council confirms (judgment) or when a
    /// unit-wide quota must be checked against the unit's list.
    pub met: Option<bool>,
    /// The criterion as judged, naming the year and the evidence: "Năm 2024 xếp loại Hoàn thành tốt
    /// nhiệm vụ (yêu cầu: từ Hoàn thành tốt nhiệm vụ trở lên)".
    pub text: String,
    /// The article: "Luật Thi đua, khen thưởng 2022, Điều 23".
    pub citation: String,
    pub kind: CriterionKind,
    pub source: CriterionSource,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CriterionKind {
    /// Decided by the case's data.
    Data,
    /// For the council to confirm: the right spirit, internal unity, an active movement.
    Judgment,
    /// A unit-wide cap (e.g. 15% of Lao động tiên tiến holders): checked on the unit's list.
    Quota,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CriterionSource {
    /// The law and its decree (the rule tables).
    Law,
    /// A movement's own guidance document (e.g. 941/UBND-NV).
    Guidance,
}
