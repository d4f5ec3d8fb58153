//! In-process timings of the follow-up (issue 5, "Speed"), for `bench/movements.sh`: on a database
//! that holds the `province` sample (about 1,000 units and a directive of 10 tasks),
//! - the daily reminder run for all units (`Store::run_reminders`, each time for a new day so that it
//!   writes its notifications) against the baseline of reading the same rows without judging them;
//! - the follow-up matrix of the largest directive (`Store::matrix`) against reading its rows.
//!
//! Prints medians of several runs and the ratios. Usage: movements_bench DATABASE_URL [RUNS]

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use std::time::{Duration, Instant};
use thidua_store::audit_chain::AuditKeyOptions;
use thidua_store::entity::{directive_tasks, directive_units, directives, task_reports};
use thidua_store::movements::MatrixFilter;
use thidua_store::{Actor, Store};

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// What the reminder run reads, read plainly: issued directives, their tasks, recipients, reports.
async fn read_rows(store: &Store) -> usize {
    let db = store.connection();
    let issued = directives::Entity::find()
        .filter(directives::Column::Status.eq("issued"))
        .all(db)
        .await
        .expect("directives");
    let ids: Vec<i64> = issued.iter().map(|d| d.id).collect();
    let tasks = directive_tasks::Entity::find()
        .filter(directive_tasks::Column::DirectiveId.is_in(ids.clone()))
        .all(db)
        .await
        .expect("tasks");
    let task_ids: Vec<i64> = tasks.iter().map(|t| t.id).collect();
    let mut n = tasks.len();
    for chunk in task_ids.chunks(500) {
        n += task_reports::Entity::find()
            .filter(task_reports::Column::TaskId.is_in(chunk.to_vec()))
            .all(db)
            .await
            .expect("reports")
            .len();
    }
    for id in ids {
        n += directive_units::Entity::find()
            .filter(directive_units::Column::DirectiveId.eq(id))
            .all(db)
            .await
            .expect("receipts")
            .len();
    }
    n
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let mut args = std::env::args().skip(1);
    let url = args
        .next()
        .expect("usage: movements_bench DATABASE_URL [RUNS]");
    let runs: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(7);
    let mut store = Store::open(&url).await.expect("the database opens");
    store
        .load_audit_key(AuditKeyOptions {
            key_file: None,
            key_hex: std::env::var("THIDUA_AUDIT_KEY").ok(),
            create: false,
        })
        .await
        .expect("the audit key beside the database");
    let actor = Actor::system("bench");
    let today = chrono::Utc::now().date_naive();

    let mut base = Vec::new();
    let mut remind = Vec::new();
    let mut rows = 0;
    let mut sent = 0;
    for i in 0..runs {
        let t = Instant::now();
        rows = read_rows(&store).await;
        base.push(t.elapsed());
        let day = today + chrono::Duration::days(i as i64);
        let t = Instant::now();
        let run = store.run_reminders(&actor, day).await.expect("reminders");
        remind.push(t.elapsed());
        sent = run.notifications;
    }
    let (b, r) = (median(base), median(remind));
    println!("reminders_rows {rows}");
    println!("reminders_notifications_last_run {sent}");
    println!("reminders_baseline_ms {:.1}", ms(b));
    println!("reminders_run_ms {:.1}", ms(r));
    println!("reminders_ratio {:.2}", r.as_secs_f64() / b.as_secs_f64());

    // The largest directive's matrix.
    let db = store.connection();
    let biggest = directives::Entity::find()
        .all(db)
        .await
        .expect("directives")
        .into_iter()
        .max_by_key(|d| d.id)
        .expect("a directive");
    let mut base = Vec::new();
    let mut matrix = Vec::new();
    let mut cells = 0;
    for _ in 0..runs {
        let t = Instant::now();
        let tasks = directive_tasks::Entity::find()
            .filter(directive_tasks::Column::DirectiveId.eq(biggest.id))
            .all(db)
            .await
            .expect("tasks");
        let ids: Vec<i64> = tasks.iter().map(|t| t.id).collect();
        let _ = task_reports::Entity::find()
            .filter(task_reports::Column::TaskId.is_in(ids))
            .all(db)
            .await
            .expect("reports");
        let _ = directive_units::Entity::find()
            .filter(directive_units::Column::DirectiveId.eq(biggest.id))
            .all(db)
            .await
            .expect("receipts");
        base.push(t.elapsed());
        let t = Instant::now();
        let m = store
            .matrix(biggest.id, &MatrixFilter::default(), today)
            .await
            .expect("matrix");
        matrix.push(t.elapsed());
        cells = m.rows.len() * m.tasks.len();
    }
    let (b, m) = (median(base), median(matrix));
    println!("matrix_cells {cells}");
    println!("matrix_baseline_ms {:.1}", ms(b));
    println!("matrix_store_ms {:.1}", ms(m));
    println!("matrix_ratio {:.2}", m.as_secs_f64() / b.as_secs_f64());
}
