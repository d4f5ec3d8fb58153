//! In-process timings of the yearly pre-check (issue 7, "Speed"), for `bench/commendation.sh`: on
//! a database that holds the `province` sample (about 100,000 people, ratings of five years),
//! every person is pre-checked for every individual title of the catalogue for one year, reading
//! their records from the database (`Store::person_case_rows`, a fixed number of queries), building
//! each person's history once (`PersonCaseRows::cases`) and judging it for each title with the rules
//! engine on two threads (the machine's two cores), against the baseline of reading the same rows
//! without judging them.
//!
//! Prints medians of several runs and the ratio. Usage: commendation_bench DATABASE_URL [YEAR] [RUNS]

use chrono::NaiveDate;
use std::time::{Duration, Instant};
use thidua_domain::rules::{self, Category, SubjectKind};
use thidua_store::Store;

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
    let tables = store.rule_tables().await.expect("rule tables");
    // Every individual title (not the forms, not the union's award), judged at the end of the year.
    let titles: Vec<String> = tables
        .catalogue
        .iter()
        .filter(|c| c.category == Category::Title && c.subject == SubjectKind::Individual)
        .map(|c| c.code.clone())
        .collect();
    let decided_on = NaiveDate::from_ymd_opt(year, 12, 31).expect("a date");

    let mut base = Vec::new();
    let mut full = Vec::new();
    let (mut rows, mut people, mut judged, mut eligible, mut refused) = (0, 0, 0, 0, 0);
    for _ in 0..runs {
        let t = Instant::now();
        let r = store.person_case_rows(decided_on).await.expect("rows");
        rows = r.len();
        base.push(t.elapsed());
        drop(r);

        let t = Instant::now();
        let r = store.person_case_rows(decided_on).await.expect("rows");
        people = r.people();
        // The history of each person is built once; each title judges it again, on both cores.
        let mut cases = r.cases(&titles[0], year, decided_on);
        drop(r);
        (judged, eligible, refused) = (0, 0, 0);
        let half = cases.len().div_ceil(2);
        let tables = &*tables;
        let counts: Vec<(usize, usize, usize)> = std::thread::scope(|s| {
            let workers: Vec<_> = cases
                .chunks_mut(half.max(1))
                .map(|chunk| {
                    let titles = &titles;
                    s.spawn(move || {
                        let (mut j, mut e, mut x) = (0, 0, 0);
                        for title in titles {
                            for (_, case) in chunk.iter_mut() {
                                case.title.clone_from(title);
                                j += 1;
                                match rules::judge(case, tables) {
                                    Ok(v) if v.eligible => e += 1,
                                    Ok(_) => {}
                                    Err(_) => x += 1,
                                }
                            }
                        }
                        (j, e, x)
                    })
                })
                .collect();
            workers
                .into_iter()
                .map(|w| w.join().expect("a judge thread"))
                .collect()
        });
        for (j, e, x) in counts {
            judged += j;
            eligible += e;
            refused += x;
        }
        full.push(t.elapsed());
    }
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
