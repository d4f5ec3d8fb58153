//! The sample's commendation: several years of it, so that multi-year titles can be tried.
//!
//! In the ward of the demo account `donvi1` (the first active ward in Vietnamese order, as
//! `create_demo_accounts` chooses it), whose first person is `nld1`:
//! - imported history: Lao động tiên tiến 2022 and 2023 for the ward's people rated at least "hoàn
//!   thành tốt" in 2023 (as if typed in from the old paper records);
//! - the city's commendation council (`hoidong1`..`hoidong3`, named by username; secret ballot for
//!   Chiến sĩ thi đua titles by default);
//! - the round of 2024, played through: nominations (Lao động tiên tiến for the ward's people rated
//!   at least "hoàn thành tốt", Chiến sĩ thi đua cơ sở for `nld1`, rated "hoàn thành xuất sắc"),
//!   accepted, voted on paper in the meeting, a decision approved with a number from the register
//!   and finalised with its signed scan;
//! - the round of 2025, open until after today, for the browser test to play.
//!
//! So `nld1` has three years of Lao động tiên tiến (2022–2024) and Chiến sĩ thi đua cơ sở 2024 in
//! the record, and can be tried for 2025.

use crate::ballots::NewAwardCouncil;
use crate::commendation::{DecisionDraft, NominationQuery, PersonRating};
use crate::entity::{people, ratings, units};
use crate::files::Upload;
use crate::initiatives::NewMember;
use crate::{Actor, Result, Store};
use chrono::NaiveDate;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use thidua_domain::commendation::{
    ImportedAchievementInput, NominationInput, NominationStep, RoundInput, Tally,
};
use thidua_domain::rules::Rating;

/// What was loaded.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct CommendationReport {
    pub rounds: u64,
    pub nominations: u64,
    pub decisions: u64,
    pub imported: u64,
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
}

/// A one-page PDF standing for the signed scan.
const SCAN: &[u8] = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Count 0/Kids[]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n";

impl Store {
    /// The first twelve of `ids` (in their order) rated at least "hoàn thành tốt" in `year`.
    async fn rated_at_least_good(&self, ids: &[i64], year: i32) -> Result<Vec<i64>> {
        let rows = ratings::Entity::find()
            .filter(ratings::Column::Year.eq(year))
            .filter(ratings::Column::PersonId.is_in(ids.to_vec()))
            .all(&self.db)
            .await?;
        Ok(ids
            .iter()
            .copied()
            .filter(|p| {
                rows.iter().any(|r| {
                    r.person_id == *p
                        && Rating::from_code(&r.rating)
                            .is_some_and(|x| x.at_least(Rating::HoanThanhTot))
                })
            })
            .take(12)
            .collect())
    }

    /// Loads the sample's commendation (see the module). `today` sets the open round's deadline.
    pub async fn load_sample_commendation(&self, today: NaiveDate) -> Result<CommendationReport> {
        let mut report = CommendationReport::default();
        let actor = Actor::system("demo");
        let all = units::Entity::find()
            .filter(units::Column::Active.eq(true))
            .order_by_asc(units::Column::SortKey)
            .all(&self.db)
            .await?;
        let Some(ward) = all.iter().find(|u| u.kind == "ward_commune") else {
            return Ok(report);
        };
        let city = all
            .iter()
            .find(|u| u.code == "UBND-TP")
            .or_else(|| all.iter().find(|u| u.kind == "peoples_committee"))
            .unwrap_or(ward);
        let staff = people::Entity::find()
            .filter(people::Column::UnitId.eq(ward.id))
            .order_by_asc(people::Column::SortKey)
            .all(&self.db)
            .await?;
        let Some(nld1) = staff.first() else {
            return Ok(report);
        };
        // nld1 excels in 2024 and 2025 (the sample's own ratings are random).
        for year in [2023, 2024, 2025] {
            let rating = if year == 2023 {
                "hoan_thanh_tot"
            } else {
                "hoan_thanh_xuat_sac"
            };
            self.save_ratings(
                &actor,
                ward.id,
                year,
                &[PersonRating {
                    person_id: nld1.id,
                    rating: rating.into(),
                }],
                Some("hoan_thanh_xuat_sac"),
            )
            .await?;
        }
        let staff_ids: Vec<i64> = staff.iter().map(|p| p.id).collect();
        // Imported history.
        let mut imported = Vec::new();
        for p in self.rated_at_least_good(&staff_ids, 2023).await? {
            for (year, reference, on) in [
                (2022, "15/QĐ-UBND", d(2023, 1, 18)),
                (2023, "21/QĐ-UBND", d(2024, 1, 22)),
            ] {
                imported.push(ImportedAchievementInput {
                    person_id: Some(p),
                    year,
                    award: "lao_dong_tien_tien".into(),
                    reference: reference.into(),
                    decided_on: Some(on),
                    amount_vnd: Some(if year == 2022 { 450_000 } else { 540_000 }),
                    note: "Nhập từ sổ khen thưởng giấy".into(),
                    ..Default::default()
                });
            }
        }
        report.imported = self.import_achievements(&actor, &imported).await? as u64;

        let council = self
            .create_award_council(
                &actor,
                NewAwardCouncil {
                    name: "Hội đồng Thi đua – Khen thưởng thành phố".into(),
                    unit_id: city.id,
                    members: (1..=3)
                        .map(|i| NewMember {
                            username: Some(format!("hoidong{i}")),
                            name: format!("Thành viên Hội đồng {i}"),
                            role: if i == 1 { "chu_tich" } else { "thanh_vien" }.into(),
                            ..Default::default()
                        })
                        .collect(),
                    rules: Vec::new(),
                },
            )
            .await?;

        // The round of 2024, played through.
        let tables = self.rule_tables().await?;
        let round = self
            .create_round(
                &actor,
                RoundInput {
                    name: "Xét khen thưởng thường xuyên năm 2024".into(),
                    kind: "yearly".into(),
                    year: 2024,
                    deadline: d(2025, 1, 10),
                    awards: vec!["lao_dong_tien_tien".into(), "chien_si_thi_dua_co_so".into()],
                    quotas: vec![thidua_domain::commendation::Quota {
                        unit_id: ward.id,
                        award: "chien_si_thi_dua_co_so".into(),
                        max: 2,
                    }],
                    ..Default::default()
                }
                .validate(&tables)?,
            )
            .await?;
        report.rounds += 1;
        let mut ids = self.rated_at_least_good(&staff_ids, 2024).await?;
        if !ids.contains(&nld1.id) {
            ids.insert(0, nld1.id);
        }
        let mut wanted: Vec<(i64, &str)> = ids.iter().map(|p| (*p, "lao_dong_tien_tien")).collect();
        wanted.push((nld1.id, "chien_si_thi_dua_co_so"));
        let office = Actor::system("demo");
        for (person, award) in wanted {
            let n = self
                .create_nomination(
                    &actor,
                    NominationInput {
                        round_id: round.round.id,
                        subject: "individual".into(),
                        person_id: Some(person),
                        unit_id: Some(ward.id),
                        award: award.into(),
                        summary: "Hoàn thành tốt nhiệm vụ được giao năm 2024".into(),
                        ..Default::default()
                    }
                    .validate(&tables, &round.awards)?,
                    d(2024, 12, 20),
                )
                .await?;
            self.nomination_step(&actor, n.row.nomination.id, NominationStep::Send, "")
                .await?;
            self.nomination_step(&office, n.row.nomination.id, NominationStep::Accept, "")
                .await?;
            report.nominations += 1;
        }
        let meeting = self
            .create_meeting(
                &actor,
                council.council.id,
                round.round.id,
                d(2025, 1, 14),
                "Phòng họp số 1, UBND thành phố",
            )
            .await?;
        let ballot = self.open_ballot(&actor, meeting.meeting.id).await?;
        let counts: Vec<(i64, Tally)> = meeting
            .items
            .iter()
            .map(|n| {
                (
                    n.nomination.id,
                    Tally {
                        yes: 3,
                        no: 0,
                        abstain: 0,
                    },
                )
            })
            .collect();
        self.record_paper_tally(&actor, ballot.id, &counts).await?;
        self.close_ballot(&actor, ballot.id).await?;
        let decision = self
            .draft_decision(
                &actor,
                DecisionDraft {
                    round_id: round.round.id,
                    summary: "Về việc tặng danh hiệu thi đua năm 2024".into(),
                    symbol: "QĐ-UBND".into(),
                    issuer: city.name.clone(),
                    signer: "Chủ tịch Ủy ban nhân dân".into(),
                    planned_on: d(2025, 1, 20),
                },
            )
            .await?;
        // The office sets who signs on the draft: the city's chairman, the person of the demo
        // account lanhdao (see `create_demo_accounts`); the other texts stay the defaults.
        let mut texts = decision.texts();
        if let Some(chairman) = Self::chairman_of(&self.db, city.id).await? {
            texts.signer = thidua_domain::commendation::DecisionSigner::from_position(
                &chairman.full_name,
                &chairman.position,
            );
        }
        self.update_decision_texts(
            &actor,
            decision.decision.id,
            decision.decision.version,
            texts,
        )
        .await?;
        self.approve_decision(&actor, decision.decision.id, d(2025, 1, 20), None)
            .await?;
        self.finalise_decision(
            &actor,
            decision.decision.id,
            Upload {
                file_name: "quyet-dinh-da-ky.pdf".into(),
                bytes: bytes::Bytes::from_static(SCAN),
            },
        )
        .await?;
        report.decisions += 1;

        // The round of 2025, open for the demo.
        let deadline = today
            .checked_add_days(chrono::Days::new(60))
            .unwrap_or(today)
            .max(d(2025, 12, 31));
        self.create_round(
            &actor,
            RoundInput {
                name: "Xét khen thưởng thường xuyên năm 2025".into(),
                kind: "yearly".into(),
                year: 2025,
                deadline,
                awards: vec![
                    "lao_dong_tien_tien".into(),
                    "chien_si_thi_dua_co_so".into(),
                    "giay_khen".into(),
                    "tap_the_lao_dong_tien_tien".into(),
                ],
                ..Default::default()
            }
            .validate(&tables)?,
        )
        .await?;
        report.rounds += 1;
        let _ = self.nominations(&NominationQuery::default()).await?;
        Ok(report)
    }
}
