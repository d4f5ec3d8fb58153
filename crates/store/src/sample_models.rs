//! The sample's exemplary models and public honour board, after the sample's commendation and
//! initiatives (`sample_commendation`, `sample_initiatives`), so that `serve --demo` shows a board
//! that is not empty:
//! - the final decision of 2024 published on the board;
//! - the recognised initiatives of 2021 to this year published, in one statement per 500 (bulk);
//! - three published profiles: the ward of `donvi1` (a collective, with a photo), `nld1` (a person,
//!   with their 2024 achievements and recognised initiatives linked) and a new factor of this year;
//!   one draft profile, which the board must never show;
//! - one replication: the second ward learned from the first.

use crate::entity::{award_decisions, award_rounds, decision_lines, people, units};
use crate::files::Upload;
use crate::{Actor, Result, Store};
use chrono::{Datelike, NaiveDate};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use thidua_domain::exemplary::{ModelInput, ModelReplicationInput};

/// A stand-in photo (PNG) for the collective's profile.
const PHOTO: &[u8] = include_bytes!("sample_model_photo.png");

/// What was loaded.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct ModelsReport {
    pub models: u64,
    pub published_decisions: u64,
    pub published_initiatives: u64,
    pub replications: u64,
}

impl Store {
    /// Loads the sample's profiles and publishes the sample's board (see the module).
    pub async fn load_sample_models(&self, today: NaiveDate) -> Result<ModelsReport> {
        let mut report = ModelsReport::default();
        let actor = Actor::system("demo");
        let this_year = today.year();
        // The board: the final decision of 2024, the recognised initiatives.
        let rounds_2024: Vec<i64> = award_rounds::Entity::find()
            .filter(award_rounds::Column::Year.eq(2024))
            .all(&self.db)
            .await?
            .into_iter()
            .map(|r| r.id)
            .collect();
        let finals = award_decisions::Entity::find()
            .filter(award_decisions::Column::RoundId.is_in(rounds_2024))
            .filter(award_decisions::Column::Status.eq("final"))
            .all(&self.db)
            .await?;
        for d in &finals {
            self.set_decision_published(&actor, d.id, true).await?;
            report.published_decisions += 1;
        }
        report.published_initiatives = self
            .publish_recognised_initiatives(&actor, &(2021..=this_year).collect::<Vec<_>>())
            .await?;

        // The profiles, in the ward of donvi1 (as `create_demo_accounts` chooses it).
        let wards: Vec<units::Model> = units::Entity::find()
            .filter(units::Column::Active.eq(true))
            .filter(units::Column::Kind.eq("ward_commune"))
            .order_by_asc(units::Column::SortKey)
            .all(&self.db)
            .await?;
        let Some(ward) = wards.first() else {
            return Ok(report);
        };
        let staff = people::Entity::find()
            .filter(people::Column::UnitId.eq(ward.id))
            .order_by_asc(people::Column::SortKey)
            .all(&self.db)
            .await?;
        let Some(nld1) = staff.first() else {
            return Ok(report);
        };
        let lines_of_nld1: Vec<i64> = decision_lines::Entity::find()
            .filter(decision_lines::Column::PersonId.eq(nld1.id))
            .filter(
                decision_lines::Column::DecisionId
                    .is_in(finals.iter().map(|d| d.id).collect::<Vec<_>>()),
            )
            .all(&self.db)
            .await?
            .into_iter()
            .map(|l| l.id)
            .collect();
        let initiatives_of_nld1: Vec<i64> = crate::entity::initiative_authors::Entity::find()
            .filter(crate::entity::initiative_authors::Column::PersonId.eq(nld1.id))
            .all(&self.db)
            .await?
            .into_iter()
            .map(|a| a.initiative_id)
            .collect();
        let recognised: Vec<i64> = crate::entity::initiatives::Entity::find()
            .filter(crate::entity::initiatives::Column::Id.is_in(initiatives_of_nld1))
            .filter(crate::entity::initiatives::Column::Status.eq("recognised"))
            .all(&self.db)
            .await?
            .into_iter()
            .map(|i| i.id)
            .collect();

        let collective = self
            .create_model(
                &actor,
                ModelInput {
                    kind: "dien_hinh_tien_tien".into(),
                    subject: "collective".into(),
                    unit_id: Some(ward.id),
                    title: format!("{}: một cửa thân thiện, dân đến là được việc", ward.name),
                    story: format!(
                        "Năm 2024, {} sắp xếp lại bộ phận một cửa, niêm yết thủ tục bằng mã QR và hẹn trả kết quả qua điện thoại.\n\
                         Thời gian chờ trung bình giảm từ 40 phút xuống còn 15 phút; không có hồ sơ trễ hẹn trong cả năm.\n\
                         Cán bộ, công chức của phường luân phiên trực sáng thứ Bảy để người lao động làm thủ tục ngoài giờ hành chính.",
                        ward.name
                    ),
                    year: 2024,
                    ..Default::default()
                }
                .validate(this_year)?,
            )
            .await?;
        self.add_model_photos(
            &actor,
            collective.row.id,
            vec![Upload {
                file_name: "mot-cua.png".into(),
                bytes: bytes::Bytes::from_static(PHOTO),
            }],
        )
        .await?;
        self.set_model_published(&actor, collective.row.id, true)
            .await?;
        report.models += 1;

        let person = self
            .create_model(
                &actor,
                ModelInput {
                    kind: "dien_hinh_tien_tien".into(),
                    subject: "person".into(),
                    person_id: Some(nld1.id),
                    title: format!("{}: tận tụy với việc của dân", nld1.full_name),
                    story: format!(
                        "{} ba năm liền đạt danh hiệu Lao động tiên tiến và năm 2024 được công nhận Chiến sĩ thi đua cơ sở.\n\
                         {} chủ động số hóa sổ hộ tịch cũ của phường, giúp tra cứu trong vài phút thay vì vài ngày.",
                        nld1.full_name, nld1.full_name
                    ),
                    year: 2024,
                    initiative_ids: recognised,
                    decision_line_ids: lines_of_nld1,
                    ..Default::default()
                }
                .validate(this_year)?,
            )
            .await?;
        self.set_model_published(&actor, person.row.id, true)
            .await?;
        report.models += 1;

        if let Some(p) = staff.get(1) {
            let m = self
                .create_model(
                    &actor,
                    ModelInput {
                        kind: "nhan_to_moi".into(),
                        subject: "person".into(),
                        person_id: Some(p.id),
                        title: format!("{}: tổ công nghệ số cộng đồng", p.full_name),
                        story: "Thành lập tổ công nghệ số cộng đồng ở tổ dân phố, hướng dẫn người cao tuổi cài và dùng dịch vụ công trực tuyến.".into(),
                        year: this_year,
                        ..Default::default()
                    }
                    .validate(this_year)?,
                )
                .await?;
            self.set_model_published(&actor, m.row.id, true).await?;
            report.models += 1;
        }
        if let Some(p) = staff.get(2) {
            // A draft: the board must never show it.
            self.create_model(
                &actor,
                ModelInput {
                    kind: "dien_hinh_tien_tien".into(),
                    subject: "person".into(),
                    person_id: Some(p.id),
                    title: format!("Dự thảo chưa công bố: {}", p.full_name),
                    story: "Hồ sơ đang soạn.".into(),
                    year: 2024,
                    ..Default::default()
                }
                .validate(this_year)?,
            )
            .await?;
            report.models += 1;
        }
        if let Some(other) = wards.get(1) {
            let learned_on = NaiveDate::from_ymd_opt(2025, 3, 10)
                .unwrap_or(today)
                .min(today);
            self.record_model_replication(
                &actor,
                collective.row.id,
                ModelReplicationInput {
                    unit_id: other.id,
                    learned_on,
                    applied:
                        "Niêm yết thủ tục bằng mã QR và trực sáng thứ Bảy tại bộ phận một cửa."
                            .into(),
                },
                today,
            )
            .await?;
            report.replications += 1;
        }
        Ok(report)
    }
}
