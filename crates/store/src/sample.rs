//! Loads the deterministic sample data of `thidua-sample` into an empty database.

use crate::bulk::BulkInsert;
use crate::{audit, Actor, Result, Store, StoreError};
use chrono::{NaiveDate, Utc};
use sea_orm::sea_query::SimpleExpr;
use std::collections::HashMap;
use thidua_domain::text;
use thidua_sample::{SamplePlan, Scale};

/// Counts of what was loaded.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct LoadReport {
    pub units: u64,
    pub people: u64,
    pub ratings: u64,
    pub merges: u64,
    pub movements: crate::sample_movements::MovementsReport,
    pub initiatives: crate::sample_initiatives::InitiativesReport,
    pub commendation: crate::sample_commendation::CommendationReport,
    pub models: crate::sample_models::ModelsReport,
}

fn v<T: Into<sea_orm::Value>>(x: T) -> SimpleExpr {
    SimpleExpr::Value(x.into())
}

impl Store {
    /// Loads the sample of `scale` and `seed`. Refused unless the database is empty. `progress` is told
    /// (people done, people in all) as the load goes.
    pub async fn load_sample(
        &self,
        scale: Scale,
        seed: u64,
        progress: &(dyn Fn(u64, u64) + Sync),
    ) -> Result<LoadReport> {
        if !self.is_empty().await? {
            return Err(StoreError::Other(
                "Cơ sở dữ liệu đã có dữ liệu; chỉ nạp dữ liệu mẫu vào cơ sở dữ liệu trống".into(),
            ));
        }
        let plan = thidua_sample::plan(scale, seed);
        let mut report = LoadReport::default();
        let now = Utc::now();
        let txn = self.write_txn().await?;
        let seq = self.change_seq(&txn).await?;

        let mut groups = BulkInsert::new("recipient_groups", &["id", "code", "name"]);
        let mut group_ids = HashMap::new();
        for (i, g) in plan.groups.iter().enumerate() {
            let id = i as i64 + 1;
            group_ids.insert(g.code.clone(), id);
            groups.push(vec![v(id), v(g.code.clone()), v(text::clean(&g.name))]);
        }
        groups.flush(&txn).await?;

        let mut unit_ids: HashMap<String, i64> = HashMap::new();
        let mut units = BulkInsert::new(
            "units",
            &[
                "id",
                "code",
                "name",
                "kind",
                "parent_id",
                "active",
                "dissolved_on",
                "successor_id",
                "search_key",
                "sort_key",
                "version",
                "created_at",
                "updated_at",
            ],
        );
        let mut names =
            BulkInsert::new("unit_names", &["unit_id", "name", "valid_from", "valid_to"]);
        let mut members = BulkInsert::new("recipient_group_units", &["group_id", "unit_id"]);
        for (i, u) in plan.units.iter().enumerate() {
            let id = i as i64 + 1;
            let parent = match &u.parent_code {
                Some(code) => Some(*unit_ids.get(code).ok_or_else(|| {
                    StoreError::Other(format!("Dữ liệu mẫu sai: thiếu đơn vị cấp trên {code}"))
                })?),
                None => None,
            };
            unit_ids.insert(u.code.clone(), id);
            let name = text::clean(&u.name);
            units.push(vec![
                v(id),
                v(u.code.clone()),
                v(name.clone()),
                v(u.kind.code()),
                v(parent),
                v(true),
                v(None::<NaiveDate>),
                v(None::<i64>),
                v(text::fold(&name)),
                v(text::sort_key(&name)),
                v(1),
                v(now),
                v(now),
            ]);
            names.push(vec![
                v(id),
                v(name),
                v(None::<NaiveDate>),
                v(None::<NaiveDate>),
            ]);
            for g in &u.group_codes {
                if let Some(gid) = group_ids.get(g) {
                    members.push(vec![v(*gid), v(id)]);
                }
            }
        }
        units.flush(&txn).await?;
        names.flush(&txn).await?;
        members.flush(&txn).await?;
        report.units = plan.units.len() as u64;

        // People rate in the unit of the time: a merged unit's people rate in the successor from the
        // merge's year on.
        let merged: HashMap<&str, (&str, i32)> = plan
            .merges
            .iter()
            .map(|m| {
                (
                    m.from_code.as_str(),
                    (m.into_code.as_str(), chrono::Datelike::year(&m.on)),
                )
            })
            .collect();
        let mut people = BulkInsert::new(
            "people",
            &[
                "id",
                "full_name",
                "gender",
                "birth_date",
                "unit_id",
                "position",
                "category",
                "staff_level",
                "union_member",
                "search_key",
                "sort_key",
                "version",
                "change_seq",
                "created_at",
                "updated_at",
            ],
        );
        let mut moves = BulkInsert::new(
            "person_moves",
            &["person_id", "unit_id", "from_date", "to_date", "reason"],
        );
        let mut ratings = BulkInsert::new("ratings", &["person_id", "year", "rating", "unit_id"]);
        let total = plan.people_count as u64;
        for (i, p) in thidua_sample::people(&plan).enumerate() {
            let id = i as i64 + 1;
            let unit_id = *unit_ids.get(&p.unit_code).ok_or_else(|| {
                StoreError::Other(format!("Dữ liệu mẫu sai: thiếu đơn vị {}", p.unit_code))
            })?;
            let name = text::clean(&p.full_name);
            people.push(vec![
                v(id),
                v(name.clone()),
                v(p.gender.code()),
                v(p.birth_date),
                v(unit_id),
                v(p.position.clone()),
                v(p.category.code()),
                v(p.staff_level.code()),
                v(p.union_member),
                v(text::fold(&name)),
                v(text::person_sort_key(&name)),
                v(1),
                v(seq),
                v(now),
                v(now),
            ]);
            moves.push(vec![
                v(id),
                v(unit_id),
                v(None::<NaiveDate>),
                v(None::<NaiveDate>),
                v("Dữ liệu ban đầu"),
            ]);
            for (year, rating) in &p.ratings {
                let rated_in = match merged.get(p.unit_code.as_str()) {
                    Some((into, from_year)) if year >= from_year => {
                        unit_ids.get(*into).copied().unwrap_or(unit_id)
                    }
                    _ => unit_id,
                };
                ratings.push(vec![v(id), v(*year), v(rating.code()), v(rated_in)]);
                report.ratings += 1;
            }
            report.people += 1;
            if people.pending() >= 1_000 {
                // People first: the other rows refer to them.
                people.flush(&txn).await?;
                moves.flush(&txn).await?;
                ratings.flush(&txn).await?;
                progress(report.people, total);
            }
        }
        people.flush(&txn).await?;
        moves.flush(&txn).await?;
        ratings.flush(&txn).await?;
        self.reset_sequences(
            &txn,
            &[
                "recipient_groups",
                "units",
                "unit_names",
                "people",
                "person_moves",
                "ratings",
            ],
        )
        .await?;
        let actor = Actor::system("demo");
        self.record_audit(
            &txn,
            &actor,
            audit::Change {
                action: "load_sample",
                entity: "database",
                entity_id: None,
                unit_id: None,
                before: None,
                after: audit::snapshot(&serde_json::json!({"scale": format!("{:?}", plan.scale), "seed": seed, "units": report.units, "people": report.people})),
            },
        )
        .await?;
        txn.commit().await?;
        progress(report.people, total);

        for m in &plan.merges {
            let (Some(from), Some(into)) = (unit_ids.get(&m.from_code), unit_ids.get(&m.into_code))
            else {
                return Err(StoreError::Other(format!(
                    "Dữ liệu mẫu sai: sáp nhập {} vào {}",
                    m.from_code, m.into_code
                )));
            };
            self.merge_unit(&actor, *from, *into, m.on, &m.note).await?;
            report.merges += 1;
        }
        let today = Utc::now()
            .with_timezone(&thidua_domain::format::vietnam())
            .date_naive();
        report.movements = self.load_sample_movements(today).await?;
        report.initiatives =
            crate::sample_initiatives::load_sample_initiatives(self, scale, seed).await?;
        report.commendation = self.load_sample_commendation(today).await?;
        report.models = self.load_sample_models(today).await?;
        Ok(report)
    }
}

/// The plan's people count, for progress bars before the load starts.
pub fn planned_people(scale: Scale, seed: u64) -> u64 {
    let plan: SamplePlan = thidua_sample::plan(scale, seed);
    plan.people_count as u64
}
