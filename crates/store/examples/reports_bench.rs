//! In-process timings of the year-end review report (issue 9, "Speed"), for `bench/reports.sh`: on a
//! database that holds the `province` sample, the city's report of a year with the year before built
//! through `Store::report` (`store/src/reports.rs`: sea-query aggregates, rows into figures, units
//! named and sorted, groups and the city summed), against the baseline of the equivalent
//! hand-written SQL aggregates run on the same database in the same process with the same
//! concurrency (both periods, eight statements each, at once), their rows only read.
//!
//! Prints medians of several runs, the ratio, and a check that both give the same city totals.
//! Usage: reports_bench DATABASE_URL [YEAR] [RUNS]

use chrono::NaiveDate;
use sea_orm::{ConnectionTrait, DatabaseConnection, QueryResult, Statement};
use std::time::{Duration, Instant};
use thidua_domain::report::Period;
use thidua_store::reports::ReportScope;
use thidua_store::Store;

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// The eight aggregates of one period, as one would write them by hand.
fn hand_written(p: &Period, today: NaiveDate) -> Vec<String> {
    let (from, to) = (p.from, p.to);
    vec![
        format!("SELECT unit_id, COUNT(*) FROM registrations WHERE year BETWEEN {} AND {} GROUP BY unit_id", p.first_year, p.last_year),
        format!("SELECT du.unit_id,
                SUM(CASE WHEN r.submitted_on IS NOT NULL AND r.submitted_on <= t.due_on THEN 1 ELSE 0 END),
                SUM(CASE WHEN r.submitted_on IS NOT NULL AND r.submitted_on > t.due_on THEN 1 ELSE 0 END),
                SUM(CASE WHEN r.submitted_on IS NULL AND t.due_on < '{today}' THEN 1 ELSE 0 END),
                SUM(CASE WHEN r.submitted_on IS NULL AND t.due_on >= '{today}' THEN 1 ELSE 0 END)
            FROM directive_units du
            JOIN directives d ON d.id = du.directive_id
            JOIN directive_tasks t ON t.directive_id = du.directive_id
            LEFT JOIN task_reports r ON r.task_id = t.id AND r.unit_id = du.unit_id
            WHERE d.status = 'issued' AND t.due_on BETWEEN '{from}' AND '{to}'
            GROUP BY du.unit_id"),
        format!("SELECT unit_id, kind, COUNT(*), SUM(participants) FROM posts WHERE occurred_on BETWEEN '{from}' AND '{to}' GROUP BY unit_id, kind"),
        format!("SELECT unit_id, kind, status, COUNT(*) FROM initiatives WHERE year BETWEEN {} AND {} AND deleted = 0 AND submitted_on BETWEEN '{from}' AND '{to}' GROUP BY unit_id, kind, status", p.first_year, p.last_year),
        format!("SELECT i.unit_id, r.scope, COUNT(*) FROM recognitions r JOIN initiatives i ON i.id = r.initiative_id
            WHERE r.recognised = 1 AND i.deleted = 0 AND r.decided_on BETWEEN '{from}' AND '{to}' GROUP BY i.unit_id, r.scope"),
        format!("SELECT unit_id, COUNT(*) FROM replications WHERE adopted_on BETWEEN '{from}' AND '{to}' GROUP BY unit_id"),
        format!("SELECT l.unit_id, l.award, COUNT(*), SUM(l.amount_vnd) FROM decision_lines l JOIN award_decisions d ON d.id = l.decision_id
            WHERE d.status = 'final' AND d.signed_on BETWEEN '{from}' AND '{to}' AND l.unit_id IS NOT NULL GROUP BY l.unit_id, l.award"),
        format!("SELECT COALESCE(a.unit_id, p.unit_id), a.award, COUNT(*), SUM(a.amount_vnd) FROM imported_achievements a
            LEFT JOIN people p ON p.id = a.person_id
            WHERE a.decided_on BETWEEN '{from}' AND '{to}' AND COALESCE(a.unit_id, p.unit_id) IS NOT NULL
            GROUP BY COALESCE(a.unit_id, p.unit_id), a.award"),
    ]
}

async fn run(db: &DatabaseConnection, sql: &str) -> Vec<QueryResult> {
    db.query_all(Statement::from_string(db.get_database_backend(), sql))
        .await
        .expect("the statement runs")
}

/// Runs the sixteen statements with the report's concurrency; returns the rows.
async fn baseline(db: &DatabaseConnection, q: &[String]) -> Vec<Vec<QueryResult>> {
    let (a, b) = tokio::join!(
        async {
            tokio::join!(
                run(db, &q[0]),
                run(db, &q[1]),
                run(db, &q[2]),
                run(db, &q[3]),
                run(db, &q[4]),
                run(db, &q[5]),
                run(db, &q[6]),
                run(db, &q[7])
            )
        },
        async {
            tokio::join!(
                run(db, &q[8]),
                run(db, &q[9]),
                run(db, &q[10]),
                run(db, &q[11]),
                run(db, &q[12]),
                run(db, &q[13]),
                run(db, &q[14]),
                run(db, &q[15])
            )
        }
    );
    vec![
        a.0, a.1, a.2, a.3, a.4, a.5, a.6, a.7, b.0, b.1, b.2, b.3, b.4, b.5, b.6, b.7,
    ]
}

fn sum_col(rows: &[QueryResult], idx: usize) -> i64 {
    rows.iter()
        .map(|r| {
            r.try_get_by_index::<Option<i64>>(idx)
                .ok()
                .flatten()
                .unwrap_or(0)
        })
        .sum()
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let mut args = std::env::args().skip(1);
    let url = args
        .next()
        .expect("usage: reports_bench DATABASE_URL [YEAR] [RUNS]");
    let year: i32 = args.next().and_then(|r| r.parse().ok()).unwrap_or(2025);
    let runs: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(7);
    let store = Store::open(&url).await.expect("the database opens");
    let db = store.connection().clone();
    let period = Period::year(year);
    let today = chrono::Local::now().date_naive();
    let mut sql = hand_written(&period, today);
    sql.extend(hand_written(&period.before(), today));

    // Warm the caches once each.
    let _ = baseline(&db, &sql).await;
    let _ = store
        .report(&period, ReportScope::City, today)
        .await
        .expect("report");

    let (mut base, mut full) = (Vec::new(), Vec::new());
    let mut rows = 0;
    let mut report = None;
    let mut hand = Vec::new();
    for _ in 0..runs {
        let t = Instant::now();
        hand = baseline(&db, &sql).await;
        base.push(t.elapsed());
        rows = hand.iter().map(Vec::len).sum::<usize>();

        let t = Instant::now();
        let r = store
            .report(&period, ReportScope::City, today)
            .await
            .expect("report");
        full.push(t.elapsed());
        report = Some(r);
    }
    let r = report.expect("one run");
    let t = &r.total.current;
    // The same city totals from the hand-written rows (registrations, posts+events, reached, money).
    let same = sum_col(&hand[0], 1) == t.registrations as i64
        && sum_col(&hand[2], 2) == (t.posts + t.events) as i64
        && sum_col(&hand[2], 3) == t.people_reached as i64
        && sum_col(&hand[6], 3) + sum_col(&hand[7], 3) == t.award_money_vnd
        && sum_col(&hand[1], 1) == t.tasks_on_time as i64;
    let (b, f) = (median(base), median(full));
    println!("year {year}");
    println!("units_with_figures {}", r.units.len());
    println!("groups {}", r.groups.len());
    println!("baseline_rows {rows}");
    println!("registrations {}", t.registrations);
    println!("tasks_due {}", t.tasks_due());
    println!("posts_events {}", t.posts + t.events);
    println!("awards {}", t.awards_total());
    println!("award_money_vnd {}", t.award_money_vnd);
    println!("same_totals {}", if same { "yes" } else { "NO" });
    println!("report_ms {:.2}", ms(f));
    println!("baseline_ms {:.2}", ms(b));
    println!("ratio {:.2}", ms(f) / ms(b).max(0.001));
}
