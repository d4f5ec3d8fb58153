//! In-process timings of the yearly pre-check (issue 7, "Speed"), for `bench/commendation.sh`: on
//! a database that holds the `province` sample (about 100,000 people, ratings of five years),
//! every person is pre-checked for every individual title of the catalogue for one year, reading
//! their records from the database (`Store::person_case_rows`, a fixed number of queries), building
//! each person's case once and judging it for each title with the rules engine on every core
//! (`Store::precheck_everyone`, what the page `/ra-soat` runs), against the baseline of reading the
//! same rows without judging them.
//!
//! Prints medians of several runs and the ratio. Usage: commendation_bench DATABASE_URL [YEAR] [RUNS]

use chrono::NaiveDate;
use std::time::{Duration, Instant};
use thidua_store::Store;

// The allocator of the `thidua` binary, which runs the pre-check for `/ra-soat`.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let mut args = std::env::args().skip(1);
    let url = args
        .next()
        .expect("usage: commendation_bench DATABASE_URL [YEAR] [RUNS]");
    let year: i32 = args.next().and_then(|r| r.parse().ok()).unwrap_or(2025);
    let runs: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(5);
    let store = Store::open(&url).await.expect("the database opens");
    let decided_on = NaiveDate::from_ymd_opt(year, 12, 31).expect("a date");

    let mut base = Vec::new();
    let mut full = Vec::new();
    let mut rows = 0;
    let mut last = None;
    for _ in 0..runs {
        let t = Instant::now();
        let r = store.person_case_rows(decided_on).await.expect("rows");
        rows = r.len();
        base.push(t.elapsed());
        drop(r);

        let t = Instant::now();
        let p = store
            .precheck_everyone(year, decided_on, None)
            .await
            .expect("the pre-check");
        full.push(t.elapsed());
        last = Some(p);
    }
    let p = last.expect("at least one run");
    let titles: Vec<&str> = p.titles.iter().map(|t| t.title.as_str()).collect();
    let judged: usize = p.titles.iter().map(|t| t.judged).sum();
    let eligible: usize = p.titles.iter().map(|t| t.eligible.len()).sum();
    let refused: usize = p.titles.iter().map(|t| t.errors).sum();
    let people = p.people;
    let (b, f) = (median(base), median(full));
    println!("precheck_titles {}", titles.join(","));
    println!("precheck_people {people}");
    println!("precheck_rows {rows}");
    println!("precheck_cases {judged}");
    println!("precheck_eligible {eligible}");
    println!("precheck_case_errors {refused}");
    println!("precheck_baseline_ms {:.1}", ms(b));
    println!("precheck_run_ms {:.1}", ms(f));
    println!("precheck_ratio {:.2}", f.as_secs_f64() / b.as_secs_f64());
}
