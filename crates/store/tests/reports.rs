//! Review reports on the city sample, on each engine: one source for every figure. Totals equal the
//! sum of their parts (units → groups → city; statuses → ideas and initiatives), a group's or a
//! unit's own report equals its row in the city's, the task states agree with the follow-up matrix
//! (`CellState::of`), and the figures agree with plain SQL counts written here by hand. A year without
//! data says so; a group that does not exist is not found.

use chrono::NaiveDate;
use sea_orm::{ConnectionTrait, Statement};
use std::collections::BTreeMap;
use thidua_domain::movement::CellState;
use thidua_domain::report::{Figures, Period};
use thidua_store::movements::MatrixFilter;
use thidua_store::reports::ReportScope;
use thidua_store::testing::TestDb;

async fn sample() -> TestDb {
    let db = TestDb::new().await;
    db.store
        .load_sample(thidua_sample::Scale::City, 3, &|_, _| {})
        .await
        .unwrap();
    db
}

fn today() -> NaiveDate {
    chrono::Utc::now().date_naive()
}

async fn scalar(db: &TestDb, sql: &str) -> i64 {
    let conn = db.store.connection();
    let row = conn
        .query_one(Statement::from_string(conn.get_database_backend(), sql))
        .await
        .unwrap()
        .unwrap();
    row.try_get_by_index::<Option<i64>>(0).unwrap().unwrap_or(0)
}

fn between(p: &Period, col: &str) -> String {
    format!("{col} BETWEEN '{}' AND '{}'", p.from, p.to)
}

#[tokio::test]
async fn totals_are_the_sum_of_their_parts_and_agree_with_plain_sql() {
    let db = sample().await;
    let store = &db.store;
    let day = today();
    let periods = [
        Period::span(2021, 2025),
        Period::year(2023),
        Period::half_year(2023),
        Period::year(2025),
        Period::year(day.format("%Y").to_string().parse().unwrap()),
    ];
    let mut seen_data = false;
    for p in &periods {
        let r = store.report(p, ReportScope::City, day).await.unwrap();
        seen_data |= r.has_data();
        // Units sum to the city; groups (every unit in exactly one row) sum to the city too.
        let units = Figures::sum(r.units.iter().map(|u| &u.current));
        assert_eq!(units, r.total.current, "{}", p.code);
        let groups = Figures::sum(r.groups.iter().map(|g| &g.current));
        assert_eq!(groups, r.total.current, "{}", p.code);
        let prev = Figures::sum(r.groups.iter().map(|g| &g.previous));
        assert_eq!(prev, r.total.previous, "{}", p.code);
        // By status sums to ideas and initiatives; the items' totals to their parts.
        let t = &r.total.current;
        assert_eq!(
            t.initiatives_by_status.values().sum::<u64>(),
            t.ideas + t.initiatives
        );
        let items = t.items(&BTreeMap::new());
        let value = |k: &str| items.iter().find(|i| i.key == k).unwrap().value;
        let scopes: i64 = items
            .iter()
            .filter(|i| i.key.starts_with("scope."))
            .map(|i| i.value)
            .sum();
        assert_eq!(scopes, value("recognitions"));
        let awards: i64 = items
            .iter()
            .filter(|i| i.key.starts_with("award."))
            .map(|i| i.value)
            .sum();
        assert_eq!(awards, value("awards"));
        assert_eq!(
            value("tasks_due"),
            value("tasks_on_time")
                + value("tasks_late")
                + value("tasks_not_reported")
                + value("tasks_pending")
        );

        // Hand-written SQL over the same tables.
        let posts = scalar(
            &db,
            &format!(
                "SELECT COUNT(*) FROM posts WHERE {}",
                between(p, "occurred_on")
            ),
        )
        .await;
        assert_eq!(posts as u64, t.posts + t.events, "{}", p.code);
        let reached = scalar(
            &db,
            &format!(
                "SELECT CAST(SUM(participants) AS BIGINT) FROM posts WHERE {}",
                between(p, "occurred_on")
            ),
        )
        .await;
        assert_eq!(reached as u64, t.people_reached);
        let regs = scalar(
            &db,
            &format!(
                "SELECT COUNT(*) FROM registrations WHERE year BETWEEN {} AND {}",
                p.first_year, p.last_year
            ),
        )
        .await;
        assert_eq!(regs as u64, t.registrations);
        let money = scalar(
            &db,
            &format!(
                "SELECT CAST(SUM(l.amount_vnd) AS BIGINT) FROM decision_lines l JOIN award_decisions d ON d.id = l.decision_id WHERE d.status = 'final' AND {}",
                between(p, "d.signed_on")
            ),
        )
        .await
            + scalar(
                &db,
                &format!(
                    "SELECT CAST(SUM(amount_vnd) AS BIGINT) FROM imported_achievements WHERE {}",
                    between(p, "decided_on")
                ),
            )
            .await;
        assert_eq!(money, t.award_money_vnd, "{}", p.code);
        let submitted = scalar(
            &db,
            &format!(
                "SELECT COUNT(*) FROM initiatives WHERE year BETWEEN {} AND {} AND deleted = {} AND {}",
                p.first_year,
                p.last_year,
                if store.engine() == thidua_store::Engine::Postgres {
                    "false"
                } else {
                    "0"
                },
                between(p, "submitted_on")
            ),
        )
        .await;
        assert_eq!(submitted as u64, t.ideas + t.initiatives);

        // A group's own report is its row; a unit's own report is the sum of its subtree's rows.
        for g in r.groups.iter().filter(|g| g.id.is_some()) {
            let own = store
                .report(p, ReportScope::Group(g.id.unwrap()), day)
                .await
                .unwrap();
            assert_eq!(own.total.current, g.current, "{} {}", p.code, g.name);
            assert_eq!(own.total.previous, g.previous);
        }
    }
    assert!(seen_data, "the sample has figures in some period");

    // The city's own committee: its report covers every unit under it.
    let units = store.units_all().await.unwrap();
    let top = units.iter().find(|u| u.parent_id.is_none()).unwrap();
    let p = Period::span(2021, 2025);
    let city = store.report(&p, ReportScope::City, day).await.unwrap();
    let own = store
        .report(&p, ReportScope::Unit(top.id), day)
        .await
        .unwrap();
    let under: Vec<i64> = own.units.iter().filter_map(|u| u.id).collect();
    let from_city = Figures::sum(
        city.units
            .iter()
            .filter(|u| u.id.is_some_and(|id| under.contains(&id)))
            .map(|u| &u.current),
    );
    assert_eq!(own.total.current, from_city);
}

#[tokio::test]
async fn task_states_agree_with_the_follow_up_matrix() {
    let db = sample().await;
    let store = &db.store;
    let day = today();
    let p = Period::span(
        2021,
        day.format("%Y")
            .to_string()
            .parse::<i32>()
            .unwrap()
            .max(2022),
    );
    let r = store.report(&p, ReportScope::City, day).await.unwrap();
    let mut counts: BTreeMap<CellState, u64> = BTreeMap::new();
    for d in store.directives(None).await.unwrap() {
        if d.status != "issued" {
            continue;
        }
        let m = store
            .matrix(d.id, &MatrixFilter::default(), day)
            .await
            .unwrap();
        for row in &m.rows {
            for (t, c) in m.tasks.iter().zip(&row.cells) {
                if t.due_on.is_some_and(|due| p.contains(due)) {
                    *counts.entry(*c).or_default() += 1;
                }
            }
        }
    }
    let t = &r.total.current;
    let n = |s| counts.get(&s).copied().unwrap_or(0);
    assert!(t.tasks_due() > 0, "the sample has tasks");
    assert_eq!(t.tasks_on_time, n(CellState::Reported));
    assert_eq!(t.tasks_late, n(CellState::ReportedLate));
    assert_eq!(t.tasks_not_reported, n(CellState::Late));
    assert_eq!(
        t.tasks_pending,
        n(CellState::NotRead) + n(CellState::Read) + n(CellState::Reporting)
    );
}

#[tokio::test]
async fn a_year_without_data_says_so_and_unknown_subjects_are_not_found() {
    let db = sample().await;
    let store = &db.store;
    let r = store
        .report(&Period::year(2001), ReportScope::City, today())
        .await
        .unwrap();
    assert!(!r.has_data() && !r.previous_has_data());
    assert!(r.units.is_empty());
    assert!(matches!(
        store
            .report(&Period::year(2023), ReportScope::Group(999_999), today())
            .await,
        Err(thidua_store::StoreError::NotFound(_))
    ));
    assert!(matches!(
        store
            .report(&Period::year(2023), ReportScope::Unit(999_999), today())
            .await,
        Err(thidua_store::StoreError::NotFound(_))
    ));
}
