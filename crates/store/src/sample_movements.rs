//! The sample's movements: the seed dispatch of Lào Cai city (`shared/seed/cong-van-lao-cai-2023.md`)
//! with its legal basis, the movement "Lao động giỏi, Lao động sáng tạo" 2021–2025 and its 2023 phase,
//! the four tasks of the dispatch and the units' plausible progress on them; and a current directive of
//! the next period with ten tasks whose deadlines lie around the day of loading, so that every state of
//! the follow-up matrix shows. Records go through the store's own methods (numbers from the register,
//! audit entries); the units' progress, thousands of rows at the province scale, is written in bulk.

use crate::bulk::BulkInsert;
use crate::entity::{directive_tasks, directive_units, people, recipient_groups, units};
use crate::{Actor, Result, Store};
use chrono::{Datelike, Duration, NaiveDate, Utc};
use sea_orm::sea_query::{Expr, SimpleExpr};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use thidua_domain::movement::{
    DirectiveInput, DocumentInput, MovementInput, PhaseInput, TaskInput,
};

fn v<T: Into<sea_orm::Value>>(x: T) -> SimpleExpr {
    SimpleExpr::Value(x.into())
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a real date")
}

/// A small deterministic hash of a unit and a salt: the sample's dice.
fn dice(unit: i64, salt: u64) -> u64 {
    let mut x = (unit as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)
        ^ salt.wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x ^= x >> 31;
    x = x.wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 29)
}

/// What the sample's movements added.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct MovementsReport {
    pub documents: u64,
    pub directives: u64,
    pub reports: u64,
    pub registrations: u64,
    pub posts: u64,
}

struct Doc {
    reference: &'static str,
    direction: &'static str,
    on: &'static str,
    summary: &'static str,
    issuer: &'static str,
    signer: &'static str,
    basis: &'static [usize],
}

/// The seed's legal basis, oldest first; `basis` points into this list.
const BASIS: &[Doc] = &[
    Doc {
        reference: "205/KH-UBND-LĐLĐ",
        direction: "incoming",
        on: "28/04/2021",
        summary: "Kế hoạch liên tịch về thi đua “Lao động giỏi, Lao động sáng tạo” trong công nhân, viên chức, lao động trên địa bàn tỉnh, giai đoạn 2021 - 2025",
        issuer: "UBND tỉnh Lào Cai; Liên đoàn Lao động tỉnh Lào Cai",
        signer: "",
        basis: &[],
    },
    Doc {
        reference: "211/KH-UBND-LĐLĐ",
        direction: "outgoing",
        on: "18/08/2021",
        summary: "Kế hoạch phối hợp triển khai phong trào thi đua “Lao động giỏi, Lao động sáng tạo” trong công nhân, viên chức, lao động trên địa bàn thành phố Lào Cai giai đoạn 2021 - 2025",
        issuer: "UBND thành phố Lào Cai; Liên đoàn Lao động thành phố Lào Cai",
        signer: "",
        basis: &[0],
    },
    Doc {
        reference: "941/UBND-NV",
        direction: "outgoing",
        on: "01/09/2021",
        summary: "V/v hướng dẫn xét khen thưởng phong trào thi đua “Lao động giỏi, Lao động sáng tạo” trong công nhân, viên chức, lao động trên địa bàn thành phố Lào Cai giai đoạn 2021 - 2025",
        issuer: "UBND thành phố Lào Cai",
        signer: "",
        basis: &[1],
    },
    Doc {
        reference: "537/UBND-NV",
        direction: "outgoing",
        on: "04/07/2022",
        summary: "V/v tiếp tục đẩy mạnh thực hiện phong trào thi đua “Lao động giỏi, Lao động sáng tạo” trong cán bộ, công chức, viên chức, người lao động trên địa bàn thành phố Lào Cai",
        issuer: "UBND thành phố Lào Cai",
        signer: "",
        basis: &[1, 2],
    },
    Doc {
        reference: "1721-CV/TU",
        direction: "incoming",
        on: "30/12/2022",
        summary: "V/v đôn đốc thực hiện một số nhiệm vụ, công việc trong thời gian tới",
        issuer: "Thành ủy Lào Cai",
        signer: "",
        basis: &[],
    },
];

const SEED_TASKS: &[(&str, &str, &str, (u32, u32))] = &[
    (
        "Đẩy mạnh công tác tuyên truyền về vai trò, ý nghĩa của phong trào thi đua “Lao động giỏi, Lao động sáng tạo”",
        "Các cơ quan, đơn vị, UBND các xã, phường đẩy mạnh công tác tuyên truyền cho cán bộ, công chức, viên chức, người lao động để hiểu rõ về vai trò, ý nghĩa của phong trào thi đua đối với sự phát triển của cơ quan, đơn vị, địa phương; vận động tích cực học tập, nâng cao trình độ chuyên môn, nghiệp vụ, ứng dụng công nghệ thông tin.",
        "Số buổi tuyên truyền, số lượt người tham dự, số tin bài đã đăng",
        (6, 30),
    ),
    (
        "Tổ chức phát động phong trào thi đua đến cán bộ, công chức, viên chức, người lao động",
        "Tổ chức phát động phong trào thi đua tạo khí thế sôi nổi, rộng khắp; nội dung bám sát nhiệm vụ chính trị của từng đơn vị; có kế hoạch nuôi dưỡng, theo dõi, kiểm tra, đôn đốc; đưa nội dung phong trào vào sơ kết, tổng kết công tác thi đua, khen thưởng năm 2023.",
        "Hình thức phát động, số người đăng ký thi đua",
        (4, 30),
    ),
    (
        "Gắn phong trào thi đua với việc “Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh”",
        "Thường xuyên đổi mới công tác thi đua, khen thưởng; đặc biệt quan tâm phát hiện nhân tố mới, bồi dưỡng và nhân rộng các ý tưởng, sáng tạo mới.",
        "Số ý tưởng, sáng kiến mới được phát hiện, nhân rộng",
        (11, 30),
    ),
    (
        "Tiếp tục tổ chức có hiệu quả phong trào theo Kế hoạch số 211/KH-UBND-LĐLĐ, Công văn số 941/UBND-NV và Công văn số 537/UBND-NV",
        "Tiếp tục tổ chức có hiệu quả phong trào thi đua “Lao động giỏi, Lao động sáng tạo” giai đoạn 2021 - 2025 theo các văn bản hướng dẫn của UBND thành phố và Liên đoàn Lao động thành phố.",
        "Kết quả thực hiện trong năm, đề xuất khen thưởng",
        (12, 15),
    ),
];

const CURRENT_TASKS: &[&str] = &[
    "Xây dựng kế hoạch thi đua của đơn vị",
    "Tổ chức hội nghị phát động phong trào",
    "Đăng ký thi đua của tập thể và cá nhân",
    "Tuyên truyền trên cổng thông tin điện tử của đơn vị",
    "Phát hiện, bồi dưỡng nhân tố mới",
    "Đề xuất ý tưởng, sáng kiến cải tiến",
    "Kiểm tra việc thực hiện phong trào tại các bộ phận",
    "Sơ kết 6 tháng phong trào thi đua",
    "Nhân rộng điển hình tiên tiến",
    "Tổng kết phong trào và đề xuất khen thưởng",
];

/// The tasks of the sample's joint plan.
const JOINT_TASKS: &[&str] = &[
    "Ủy ban nhân dân thành phố chỉ đạo các cơ quan, đơn vị, UBND các xã, phường phát động phong trào thi đua “Lao động giỏi, Lao động sáng tạo” gắn với nhiệm vụ chính trị của từng đơn vị.",
    "Liên đoàn Lao động thành phố chỉ đạo các công đoàn cơ sở vận động đoàn viên, người lao động đăng ký sáng kiến, giải pháp và tham gia phong trào.",
    "Hai bên phối hợp theo dõi, sơ kết, lựa chọn và đề nghị khen thưởng các tập thể, cá nhân tiêu biểu trong phong trào năm 2023.",
];

impl Store {
    /// The city's 2023 joint plan of the People's Committee and the Labour Federation
    /// ("KH-UBND-LĐLĐ", two issuers and two signers), issued on 20/02/2023 to the city's groups;
    /// signed for the Federation by its chairman in the sample. `false` when the sample has no
    /// Labour Federation (unit code "LDLD").
    async fn load_sample_joint_plan(
        &self,
        actor: &Actor,
        city: &units::Model,
        movement_id: i64,
        groups: &[i64],
        basis_id: i64,
    ) -> Result<bool> {
        let Some(federation) = units::Entity::find()
            .filter(units::Column::Code.eq("LDLD"))
            .one(&self.db)
            .await?
        else {
            return Ok(false);
        };
        let chairman = people::Entity::find()
            .filter(people::Column::UnitId.eq(federation.id))
            .filter(people::Column::Position.starts_with("Chủ tịch"))
            .order_by_asc(people::Column::Id)
            .one(&self.db)
            .await?
            .map(|p| p.full_name)
            .unwrap_or_else(|| "Nguyễn Thị Lan".into());
        let plan = DirectiveInput {
            movement_id,
            year: 2023,
            summary: "Tổ chức phong trào thi đua “Lao động giỏi, Lao động sáng tạo” trong công nhân, viên chức, lao động trên địa bàn thành phố Lào Cai năm 2023".into(),
            preamble: format!("Thực hiện Kế hoạch liên tịch số 205/KH-UBND-LĐLĐ ngày 28/4/2021 của Ủy ban nhân dân tỉnh và Liên đoàn Lao động tỉnh Lào Cai, {} và {} thống nhất kế hoạch liên tịch tổ chức phong trào thi đua năm 2023 như sau:", city.name, federation.name),
            closing: "Ủy ban nhân dân thành phố và Liên đoàn Lao động thành phố đề nghị các cơ quan, đơn vị, công đoàn cơ sở phối hợp triển khai thực hiện nghiêm túc Kế hoạch này./.".into(),
            symbol: "KH-UBND-LĐLĐ".into(),
            signer: "Hoàng Đăng Khoa".into(),
            co_issuer_unit_id: Some(federation.id),
            co_signer: chairman,
            co_signer_title: "Chủ tịch".into(),
            co_signer_authority: "TM. BAN THƯỜNG VỤ".into(),
            tasks: JOINT_TASKS
                .iter()
                .map(|t| TaskInput {
                    title: (*t).into(),
                    ..Default::default()
                })
                .collect(),
            group_ids: groups.to_vec(),
            ..Default::default()
        };
        let d = self
            .create_directive(
                actor,
                movement_id,
                2023,
                plan.validate()?,
                groups,
                &[],
                &[basis_id],
            )
            .await?;
        self.issue_directive(actor, d.id, date(2023, 2, 20), None)
            .await?;
        Ok(true)
    }

    /// Adds the sample's movements to a database that holds the sample's units (after `load_sample`).
    /// `today` places the current directive's deadlines around the day of loading.
    pub async fn load_sample_movements(&self, today: NaiveDate) -> Result<MovementsReport> {
        let actor = Actor::system("demo");
        let mut report = MovementsReport::default();
        let Some(city) = units::Entity::find()
            .filter(units::Column::ParentId.is_null())
            .order_by_asc(units::Column::Id)
            .one(&self.db)
            .await?
        else {
            return Ok(report);
        };
        let groups: Vec<i64> = recipient_groups::Entity::find()
            .order_by_asc(recipient_groups::Column::Id)
            .all(&self.db)
            .await?
            .into_iter()
            .map(|g| g.id)
            .collect();

        let mut ids = Vec::new();
        for d in BASIS {
            let input = DocumentInput {
                direction: Some(d.direction.into()),
                reference: Some(d.reference.into()),
                kind: None,
                issued_on: Some(d.on.into()),
                summary: d.summary.into(),
                issuer: d.issuer.into(),
                signer: d.signer.into(),
                unit_id: (d.direction == "outgoing").then_some(city.id),
                basis_document_ids: d.basis.iter().map(|i| ids[*i]).collect(),
            };
            let valid = input.validate()?;
            ids.push(self.register_document(&actor, valid).await?.id);
            report.documents += 1;
        }

        let hcm = MovementInput {
            name: "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh".into(),
            start_year: 2021,
            end_year: 2025,
            kind: Some("regular".into()),
            organisers: "Thành ủy, UBND thành phố".into(),
            target_groups: "Cán bộ, đảng viên, công chức, viên chức, người lao động".into(),
            ..Default::default()
        };
        let hcm = self
            .create_movement(
                &actor,
                hcm.validate()?,
                crate::movements::MovementLinks {
                    unit_id: Some(city.id),
                    ..Default::default()
                },
            )
            .await?;
        let movement = MovementInput {
            name: "Lao động giỏi, Lao động sáng tạo".into(),
            start_year: 2021,
            end_year: 2025,
            kind: Some("regular".into()),
            organisers: "UBND thành phố Lào Cai; Liên đoàn Lao động thành phố Lào Cai".into(),
            target_groups: "Cán bộ, công chức, viên chức, người lao động trên địa bàn thành phố".into(),
            description: "Phong trào thi đua “Lao động giỏi, Lao động sáng tạo” trong công nhân, viên chức, lao động giai đoạn 2021 - 2025, phối hợp giữa UBND và Liên đoàn Lao động.".into(),
            phases: (2021..=2025)
                .map(|y| PhaseInput {
                    year: y,
                    title: format!("Năm {y}"),
                    registration_due: Some(date(y, 3, 31)),
                })
                .collect(),
            ..Default::default()
        };
        let movement = self
            .create_movement(
                &actor,
                movement.validate()?,
                crate::movements::MovementLinks {
                    guidance_document_id: Some(ids[2]),
                    unit_id: Some(city.id),
                    basis_document_ids: vec![ids[0], ids[1], ids[2], ids[3]],
                    linked_movement_ids: vec![hcm.id],
                    ..Default::default()
                },
            )
            .await?;

        // The seed dispatch, issued in March 2023 with its four tasks, to the four groups.
        let seed = DirectiveInput {
            movement_id: movement.id,
            year: 2023,
            summary: "V/v đẩy mạnh thực hiện phong trào thi đua “Lao động giỏi, Lao động sáng tạo” trong cán bộ, công chức, viên chức, người lao động trên địa bàn thành phố Lào Cai năm 2023".into(),
            preamble: "Căn cứ Công văn số 1721-CV/TU ngày 30/12/2022 của Thành uỷ Lào Cai về đôn đốc thực hiện một số nhiệm vụ, công việc trong thời gian tới. Theo đó Thành uỷ Lào Cai giao UBND thành phố thực hiện đẩy mạnh việc tổ chức triển khai thực hiện Kế hoạch liên tịch số 205/KH-UBND-LĐLĐ, ngày 28/4/2021 của Ủy ban Nhân dân tỉnh và Liên đoàn Lao động tỉnh về việc “thi đua lao động giỏi, lao động sáng tạo” trong công nhân, viên chức, lao động trên địa bàn tỉnh, giai đoạn 2021 - 2025 trên địa bàn thành phố. Nhằm tiếp tục đẩy mạnh phong trào thi đua “Lao động giỏi, Lao động sáng tạo” năm 2023. UBND thành phố Lào Cai triển khai một số nội dung như sau:".into(),
            closing: "UBND thành phố Lào Cai kêu gọi toàn thể cán bộ, công chức, viên chức, người lao động tại các cơ quan, đơn vị, xã, phường trên địa bàn thành phố phát huy truyền thống yêu nước, tinh thần đoàn kết, bản lĩnh, trí tuệ, sáng tạo, đồng lòng vượt qua khó khăn, thách thức, ra sức thi đua lập thành tích góp phần thực hiện thắng lợi nhiệm vụ chính trị và phát triển kinh tế - xã hội của thành phố Lào Cai năm 2023./.".into(),
            symbol: "UBND-NV".into(),
            signer: "Hoàng Đăng Khoa".into(),
            tasks: SEED_TASKS
                .iter()
                .map(|(title, body, what, (m, d))| TaskInput {
                    title: (*title).into(),
                    body: (*body).into(),
                    report_what: (*what).into(),
                    due_on: Some(date(2023, *m, *d)),
                })
                .collect(),
            group_ids: groups.clone(),
            unit_ids: vec![],
            basis_document_ids: vec![],
            ..Default::default()
        };
        let valid = seed.validate()?;
        let seed_directive = self
            .create_directive(
                &actor,
                movement.id,
                2023,
                valid,
                &groups,
                &[],
                &[ids[4], ids[0], ids[1], ids[2], ids[3]],
            )
            .await?;
        self.issue_directive(&actor, seed_directive.id, date(2023, 3, 15), None)
            .await?;
        report.directives += 1;

        // The city's joint plan with its Labour Federation for 2023 (kế hoạch liên tịch).
        if self
            .load_sample_joint_plan(&actor, &city, movement.id, &groups, ids[0])
            .await?
        {
            report.directives += 1;
        }

        // The next period, with a directive of ten tasks around today.
        let year = today.year();
        let next = MovementInput {
            name: format!(
                "Lao động giỏi, Lao động sáng tạo giai đoạn {}–{}",
                year,
                year + 4
            ),
            start_year: year,
            end_year: year + 4,
            kind: Some("regular".into()),
            organisers: "UBND thành phố Lào Cai; Liên đoàn Lao động thành phố Lào Cai".into(),
            target_groups: "Cán bộ, công chức, viên chức, người lao động".into(),
            phases: vec![PhaseInput {
                year,
                title: format!("Năm {year}"),
                registration_due: Some(today + Duration::days(20)),
            }],
            ..Default::default()
        };
        let next = self
            .create_movement(
                &actor,
                next.validate()?,
                crate::movements::MovementLinks {
                    unit_id: Some(city.id),
                    linked_movement_ids: vec![movement.id],
                    ..Default::default()
                },
            )
            .await?;
        let issued_on = today - Duration::days(30);
        let current = DirectiveInput {
            movement_id: next.id,
            year,
            summary: format!(
                "V/v triển khai phong trào thi đua “Lao động giỏi, Lao động sáng tạo” năm {year}"
            ),
            preamble: "Căn cứ kết quả thực hiện phong trào thi đua giai đoạn trước, UBND thành phố đề nghị các cơ quan, đơn vị thực hiện các nội dung sau:".into(),
            closing: "Đề nghị các cơ quan, đơn vị nghiêm túc triển khai, báo cáo đúng thời hạn./.".into(),
            symbol: "UBND-NV".into(),
            signer: "Hoàng Đăng Khoa".into(),
            tasks: CURRENT_TASKS
                .iter()
                .enumerate()
                .map(|(i, title)| TaskInput {
                    title: (*title).into(),
                    body: String::new(),
                    report_what: "Kết quả thực hiện, số liệu kèm theo".into(),
                    // From twenty days ago to two months ahead: some late, some due, some far off.
                    due_on: Some(today + Duration::days(i as i64 * 9 - 20)),
                })
                .collect(),
            group_ids: groups.clone(),
            unit_ids: vec![],
            basis_document_ids: vec![],
            ..Default::default()
        };
        // Sent to every unit under the city (or the province): the follow-up matrix of the sample is
        // as large as the sample.
        let everyone: Vec<i64> = units::Entity::find()
            .filter(units::Column::Active.eq(true))
            .filter(units::Column::Id.ne(city.id))
            .all(&self.db)
            .await?
            .into_iter()
            .map(|u| u.id)
            .collect();
        let current_directive = self
            .create_directive(
                &actor,
                next.id,
                year,
                current.validate()?,
                &groups,
                &everyone,
                &[],
            )
            .await?;
        self.issue_directive(&actor, current_directive.id, issued_on, None)
            .await?;
        report.directives += 1;

        let txn = self.write_txn().await?;
        let now = Utc::now();
        let mut reports = BulkInsert::new(
            "task_reports",
            &[
                "task_id",
                "unit_id",
                "events_held",
                "people_reached",
                "posts_published",
                "text",
                "submitted_on",
                "submitted_at",
                "updated_at",
                "updated_by",
                "version",
            ],
        );
        for (directive, salt, issued) in [
            (seed_directive.id, 1u64, date(2023, 3, 15)),
            (current_directive.id, 2u64, issued_on),
        ] {
            let tasks = directive_tasks::Entity::find()
                .filter(directive_tasks::Column::DirectiveId.eq(directive))
                .order_by_asc(directive_tasks::Column::Position)
                .all(&txn)
                .await?;
            let recipients = directive_units::Entity::find()
                .filter(directive_units::Column::DirectiveId.eq(directive))
                .all(&txn)
                .await?;
            let mut read = Vec::new();
            for r in &recipients {
                let u = r.unit_id;
                // One unit in twelve never opens it; the others read it within a week.
                if dice(u, salt).is_multiple_of(12) {
                    continue;
                }
                read.push(u);
                for t in &tasks {
                    let due = t.due_on.unwrap_or(today);
                    let roll = dice(u, salt * 31 + t.position as u64) % 10;
                    // 0–5 on time, 6 late, 7 a draft, 8–9 nothing yet.
                    let submitted = match roll {
                        0..=5 => Some(due - Duration::days((roll as i64) * 3 + 1)),
                        6 => Some(due + Duration::days(4)),
                        _ => None,
                    }
                    .filter(|d| *d <= today && *d >= issued);
                    if submitted.is_none() && roll != 7 {
                        continue;
                    }
                    let events = (dice(u, t.id as u64) % 6) as i64 + 1;
                    reports.push(vec![
                        v(t.id),
                        v(u),
                        v(Some(events)),
                        v(Some(events * (20 + (dice(u, 7) % 60) as i64))),
                        v(Some((dice(u, 11) % 5) as i64)),
                        v(format!(
                            "Đơn vị đã triển khai nhiệm vụ {}: tổ chức {events} buổi, lồng ghép trong sinh hoạt chuyên môn và công đoàn.",
                            t.position
                        )),
                        v(submitted),
                        v(submitted.map(|_| now)),
                        v(now),
                        v("demo"),
                        v(1),
                    ]);
                    report.reports += 1;
                }
            }
            for chunk in read.chunks(500) {
                directive_units::Entity::update_many()
                    .col_expr(directive_units::Column::ReadAt, Expr::value(Some(now)))
                    .col_expr(
                        directive_units::Column::ReadBy,
                        Expr::value(Some("demo".to_owned())),
                    )
                    .filter(directive_units::Column::DirectiveId.eq(directive))
                    .filter(directive_units::Column::UnitId.is_in(chunk.to_vec()))
                    .exec(&txn)
                    .await?;
            }
            reports.flush(&txn).await?;
        }

        // Registrations for 2023 by most units (before the deadline) and their propaganda.
        let recipients: Vec<i64> = directive_units::Entity::find()
            .filter(directive_units::Column::DirectiveId.eq(seed_directive.id))
            .all(&txn)
            .await?
            .into_iter()
            .map(|r| r.unit_id)
            .collect();
        let mut regs = BulkInsert::new(
            "registrations",
            &[
                "movement_id",
                "year",
                "unit_id",
                "commitments",
                "target_title",
                "reopened",
                "submitted_at",
                "updated_by",
                "version",
            ],
        );
        let mut posts = BulkInsert::new(
            "posts",
            &[
                "unit_id",
                "movement_id",
                "kind",
                "title",
                "body",
                "occurred_on",
                "participants",
                "created_at",
                "created_by",
            ],
        );
        for &u in &recipients {
            if !dice(u, 5).is_multiple_of(8) {
                let title = if dice(u, 6).is_multiple_of(3) {
                    "tap_the_lao_dong_xuat_sac"
                } else {
                    "tap_the_lao_dong_tien_tien"
                };
                regs.push(vec![
                    v(movement.id),
                    v(2023),
                    v(u),
                    v("Phấn đấu hoàn thành xuất sắc nhiệm vụ được giao; 100% cán bộ, công chức, viên chức, người lao động đăng ký thi đua; có ít nhất 01 sáng kiến được công nhận."),
                    v(title),
                    v(false),
                    v(now),
                    v("demo"),
                    v(1),
                ]);
                report.registrations += 1;
            }
            for k in 0..(dice(u, 9) % 3) {
                let event = dice(u, 10 + k).is_multiple_of(2);
                posts.push(vec![
                    v(u),
                    v(Some(movement.id)),
                    v(if event { "event" } else { "post" }),
                    v(if event {
                        "Hội nghị phát động phong trào thi đua “Lao động giỏi, Lao động sáng tạo” năm 2023"
                    } else {
                        "Tin: Đơn vị hưởng ứng phong trào thi đua “Lao động giỏi, Lao động sáng tạo”"
                    }),
                    v("Đơn vị đã phổ biến nội dung phong trào đến toàn thể cán bộ, công chức, viên chức, người lao động."),
                    v(date(2023, 4 + (k as u32) * 2, 10 + (dice(u, 12) % 15) as u32)),
                    v(if event { 20 + (dice(u, 13) % 80) as i64 } else { 0 }),
                    v(now),
                    v("demo"),
                ]);
                report.posts += 1;
            }
        }
        regs.flush(&txn).await?;
        posts.flush(&txn).await?;
        self.record_audit(
            &txn,
            &actor,
            crate::audit::Change {
                action: "load_sample",
                entity: "movements",
                entity_id: None,
                unit_id: None,
                before: None,
                after: crate::audit::snapshot(&report),
            },
        )
        .await?;
        txn.commit().await?;
        Ok(report)
    }
}
