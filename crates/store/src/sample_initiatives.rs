//! Loads the sample initiatives of `thidua_sample::initiatives` into a database that holds the
//! sample directory (`Store::load_sample` gives the sample's people the ids 1, 2, … in the order
//! `thidua_sample::people` makes them, so an author's position there is their id minus one).
//!
//! Besides the initiatives with their authors, first version and status: a council for each year
//! and scope that recognised or refused them, their decisions, replications of some recognised ones
//! by other units, and the city's council of 2025 whose members are the demo accounts `hoidong1`,
//! `hoidong2`, `hoidong3` (named by username, so the accounts may come before or after), with an
//! open round of this year's initiatives under review.

use crate::bulk::BulkInsert;
use crate::entity::{initiatives, units};
use crate::{audit, Actor, Result, Store};
use chrono::{Datelike, NaiveDate, Utc};
use sea_orm::sea_query::SimpleExpr;
use sea_orm::{EntityTrait, PaginatorTrait};
use std::collections::{BTreeMap, HashMap};
use thidua_domain::initiative::{Rubric, Scope, Status};
use thidua_sample::Scale;

fn v<T: Into<sea_orm::Value>>(x: T) -> SimpleExpr {
    SimpleExpr::Value(x.into())
}

/// At most this many initiatives go before the demo round.
const DEMO_ROUND_SIZE: usize = 40;

/// What was loaded.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct InitiativesReport {
    pub initiatives: u64,
    pub recognitions: u64,
    pub replications: u64,
    pub councils: u64,
}

/// Loads the sample initiatives of `scale` and `seed` (the seed the directory was loaded with).
/// Does nothing when the database already holds initiatives.
pub async fn load_sample_initiatives(
    store: &Store,
    scale: Scale,
    seed: u64,
) -> Result<InitiativesReport> {
    store.load_sample_initiatives(scale, seed).await
}

impl Store {
    /// See [`load_sample_initiatives`].
    pub async fn load_sample_initiatives(
        &self,
        scale: Scale,
        seed: u64,
    ) -> Result<InitiativesReport> {
        let mut report = InitiativesReport::default();
        if initiatives::Entity::find().count(&self.db).await? > 0 {
            return Ok(report);
        }
        let plan = thidua_sample::plan(scale, seed);
        let list = thidua_sample::initiatives(&plan);
        let all_units = units::Entity::find().all(&self.db).await?;
        let unit_ids: HashMap<&str, i64> =
            all_units.iter().map(|u| (u.code.as_str(), u.id)).collect();
        let active: Vec<i64> = all_units
            .iter()
            .filter(|u| u.active)
            .map(|u| u.id)
            .collect();
        let city = all_units
            .iter()
            .find(|u| u.code == "UBND-TP")
            .or_else(|| all_units.iter().find(|u| u.parent_id.is_none()))
            .map(|u| u.id);
        let (Some(city), false) = (city, active.is_empty()) else {
            return Ok(report);
        };
        let now = Utc::now();
        let txn = self.write_txn().await?;
        let seq = self.change_seq(&txn).await?;

        // Councils: one per year and scope of the decisions, then the demo council.
        let mut councils = BulkInsert::new(
            "councils",
            &[
                "id",
                "name",
                "unit_id",
                "scope",
                "year",
                "threshold_num",
                "threshold_den",
                "created_at",
                "created_by",
                "version",
            ],
        );
        let mut council_ids: BTreeMap<(i32, &'static str), i64> = BTreeMap::new();
        for si in &list {
            if matches!(si.status, Status::Recognised | Status::NotRecognised) {
                let scope = si.scope.unwrap_or(Scope::CoSo);
                let next = council_ids.len() as i64 + 1;
                council_ids.entry((si.year, scope.code())).or_insert(next);
            }
        }
        for ((year, scope), id) in &council_ids {
            let label = Scope::from_code(scope).map_or("", |s| s.label());
            councils.push(vec![
                v(*id),
                v(format!("Hội đồng sáng kiến ({label}) năm {year}")),
                v(city),
                v(*scope),
                v(*year),
                v(2),
                v(3),
                v(now),
                v("system:demo"),
                v(1),
            ]);
        }
        let demo_council = council_ids.len() as i64 + 1;
        councils.push(vec![
            v(demo_council),
            v("Hội đồng sáng kiến thành phố năm 2025"),
            v(city),
            v(Scope::Huyen.code()),
            v(2025),
            v(2),
            v(3),
            v(now),
            v("system:demo"),
            v(1),
        ]);
        councils.flush(&txn).await?;
        report.councils = council_ids.len() as u64 + 1;
        let mut members = BulkInsert::new(
            "council_members",
            &["id", "council_id", "position", "username", "name", "role"],
        );
        for (i, (name, role)) in [
            ("Thành viên Hội đồng 1", "chu_tich"),
            ("Thành viên Hội đồng 2", "thanh_vien"),
            ("Thành viên Hội đồng 3", "cong_doan"),
        ]
        .iter()
        .enumerate()
        {
            members.push(vec![
                v(i as i64 + 1),
                v(demo_council),
                v(i as i32),
                v(format!("hoidong{}", i + 1)),
                v(*name),
                v(*role),
            ]);
        }
        members.flush(&txn).await?;

        let mut rows = BulkInsert::new(
            "initiatives",
            &[
                "id",
                "kind",
                "title",
                "unit_id",
                "field",
                "year",
                "status",
                "scope",
                "before_text",
                "solution",
                "novelty",
                "benefit",
                "applied_where",
                "applied_since",
                "benefit_vnd",
                "submitted_on",
                "created_at",
                "created_by",
                "updated_at",
                "version",
                "change_seq",
                "deleted",
            ],
        );
        let mut versions = BulkInsert::new(
            "initiative_versions",
            &["initiative_id", "version", "saved_at", "saved_by", "data"],
        );
        let mut authors = BulkInsert::new(
            "initiative_authors",
            &["initiative_id", "position", "person_id", "name", "share"],
        );
        let mut history = BulkInsert::new(
            "initiative_status_history",
            &[
                "initiative_id",
                "from_status",
                "to_status",
                "at",
                "by_name",
                "note",
            ],
        );
        let mut recognitions = BulkInsert::new(
            "recognitions",
            &[
                "initiative_id",
                "council_id",
                "year",
                "scope",
                "recognised",
                "members",
                "agreeing",
                "mean_hundredths",
                "decided_on",
                "created_at",
                "created_by",
            ],
        );
        let mut replications = BulkInsert::new(
            "replications",
            &[
                "initiative_id",
                "unit_id",
                "adopted_on",
                "result",
                "benefit_vnd",
                "created_at",
                "created_by",
            ],
        );
        let mut demo_round: Vec<i64> = Vec::new();
        let last_day = NaiveDate::from_ymd_opt(2025, 6, 30).unwrap_or_default();
        for si in &list {
            let id = si.number as i64 + 1;
            let Some(unit_id) = unit_ids.get(si.unit_code.as_str()).copied() else {
                continue;
            };
            let kind = if si.applied_since <= si.submitted_on {
                "initiative"
            } else {
                "idea"
            };
            let submitted = (si.status != Status::Draft).then_some(si.submitted_on);
            rows.push(vec![
                v(id),
                v(kind),
                v(si.title.clone()),
                v(unit_id),
                v(si.field.code()),
                v(si.year),
                v(si.status.code()),
                v(si.scope.map(|s| s.code())),
                v(si.before.clone()),
                v(si.solution.clone()),
                v(si.novelty.clone()),
                v(si.benefit.clone()),
                v(String::new()),
                v(Some(si.applied_since)),
                v(si.benefit_vnd),
                v(submitted),
                v(now),
                v("system:demo"),
                v(now),
                v(1),
                v(seq),
                v(false),
            ]);
            let data = serde_json::json!({
                "title": si.title, "unit_id": unit_id, "field": si.field.code(), "year": si.year,
                "before": si.before, "solution": si.solution, "novelty": si.novelty,
                "benefit": si.benefit, "applied_since": si.applied_since, "benefit_vnd": si.benefit_vnd,
            });
            versions.push(vec![
                v(id),
                v(1),
                v(now),
                v("system:demo"),
                v(data.to_string()),
            ]);
            for (pos, a) in si.authors.iter().enumerate() {
                authors.push(vec![
                    v(id),
                    v(pos as i32),
                    v(a.person.map(|p| p as i64 + 1)),
                    v(a.name.clone()),
                    v(a.share.0 as i32),
                ]);
            }
            history.push(vec![
                v(id),
                v(None::<String>),
                v(si.status.code()),
                v(now),
                v("system:demo"),
                v("Dữ liệu mẫu"),
            ]);
            if matches!(si.status, Status::Recognised | Status::NotRecognised) {
                let scope = si.scope.unwrap_or(Scope::CoSo);
                let recognised = si.status == Status::Recognised;
                let decided = NaiveDate::from_ymd_opt(si.year, 12, 15)
                    .unwrap_or(last_day)
                    .min(last_day);
                recognitions.push(vec![
                    v(id),
                    v(council_ids
                        .get(&(si.year, scope.code()))
                        .copied()
                        .unwrap_or(demo_council)),
                    v(si.year),
                    v(scope.code()),
                    v(recognised),
                    v(7),
                    v(if recognised { 6 } else { 3 }),
                    v(Some(
                        if recognised { 7_850 } else { 4_900 } + (id % 97) as i32 * 10,
                    )),
                    v(decided),
                    v(now),
                    v("system:demo"),
                ]);
                report.recognitions += 1;
                // Every fifth recognised initiative was adopted by one to three other units.
                if recognised && si.number % 5 == 0 {
                    let n = 1 + si.number % 3;
                    let mut used = vec![unit_id];
                    for k in 0..n {
                        let u = active[(si.number * 7 + k * 13 + 3) % active.len()];
                        if used.contains(&u) {
                            continue;
                        }
                        used.push(u);
                        let adopted = (si.applied_since + chrono::Days::new(120 + 45 * k as u64))
                            .min(last_day);
                        replications.push(vec![
                            v(id),
                            v(u),
                            v(adopted),
                            v(format!(
                                "Áp dụng từ tháng {}/{}, đạt kết quả tương tự đơn vị gốc",
                                adopted.month(),
                                adopted.year()
                            )),
                            v(Some(si.benefit_vnd / 2)),
                            v(now),
                            v("system:demo"),
                        ]);
                        report.replications += 1;
                    }
                }
            }
            if si.status == Status::UnderReview
                && si.year == 2025
                && demo_round.len() < DEMO_ROUND_SIZE
            {
                demo_round.push(id);
            }
            report.initiatives += 1;
            if rows.pending() >= 500 {
                rows.flush(&txn).await?;
                versions.flush(&txn).await?;
                authors.flush(&txn).await?;
                history.flush(&txn).await?;
                recognitions.flush(&txn).await?;
                replications.flush(&txn).await?;
            }
        }
        rows.flush(&txn).await?;
        versions.flush(&txn).await?;
        authors.flush(&txn).await?;
        history.flush(&txn).await?;
        recognitions.flush(&txn).await?;
        replications.flush(&txn).await?;

        // The demo council's open round, with the standard rubric.
        let mut round = BulkInsert::new(
            "scoring_rounds",
            &[
                "id",
                "council_id",
                "name",
                "status",
                "opened_at",
                "created_by",
            ],
        );
        round.push(vec![
            v(1i64),
            v(demo_council),
            v("Vòng chấm điểm đợt 1 năm 2025"),
            v("open"),
            v(now),
            v("system:demo"),
        ]);
        round.flush(&txn).await?;
        let mut criteria = BulkInsert::new(
            "rubric_criteria",
            &[
                "round_id",
                "position",
                "code",
                "name",
                "weight",
                "max_score",
            ],
        );
        for (i, c) in Rubric::standard().criteria.iter().enumerate() {
            criteria.push(vec![
                v(1i64),
                v(i as i32),
                v(c.code.clone()),
                v(c.name.clone()),
                v(c.weight as i32),
                v(c.max_score as i32),
            ]);
        }
        criteria.flush(&txn).await?;
        let mut before = BulkInsert::new(
            "round_initiatives",
            &["round_id", "initiative_id", "added_at"],
        );
        for id in &demo_round {
            before.push(vec![v(1i64), v(*id), v(now)]);
        }
        before.flush(&txn).await?;
        self.reset_sequences(
            &txn,
            &[
                "councils",
                "council_members",
                "initiatives",
                "initiative_versions",
                "initiative_authors",
                "initiative_status_history",
                "recognitions",
                "replications",
                "scoring_rounds",
                "rubric_criteria",
            ],
        )
        .await?;
        self.record_audit(
            &txn,
            &Actor::system("demo"),
            audit::Change {
                action: "load_sample",
                entity: "initiatives",
                entity_id: None,
                unit_id: None,
                before: None,
                after: audit::snapshot(&report),
            },
        )
        .await?;
        txn.commit().await?;
        Ok(report)
    }
}
