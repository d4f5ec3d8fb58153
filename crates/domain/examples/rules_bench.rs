//! Benchmark of the rules engine (issue 4, "Speed"): 100,000 deterministic cases (every title and form,
//! histories of up to five years) as JSON text, then, on one thread,
//! (a) deserialising all of them without judging, and
//! (b) deserialising and judging all of them with the built-in tables.
//! Prints both times, their ratio, and whether judging 100,000 cases took under one second.
//!
//! Run with `bench/rules.sh` (release build). `RULES_BENCH_CASES=N` changes the count.

use serde_json::{json, Value};
use std::hint::black_box;
use std::time::{Duration, Instant};
use thidua_domain::rules::{check_json, Case, RuleTables};

/// A small deterministic generator (xorshift64*), so that every run judges the same cases.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

const TITLES: &[(&str, &str)] = &[
    ("lao_dong_tien_tien", "individual"),
    ("lao_dong_tien_tien", "individual"),
    ("lao_dong_tien_tien", "individual"),
    ("chien_si_thi_dua_co_so", "individual"),
    ("chien_si_thi_dua_co_so", "individual"),
    ("chien_si_thi_dua_cap_tinh", "individual"),
    ("chien_si_thi_dua_toan_quoc", "individual"),
    ("tap_the_lao_dong_tien_tien", "collective"),
    ("tap_the_lao_dong_xuat_sac", "collective"),
    ("giay_khen", "individual"),
    ("giay_khen", "collective"),
    ("bang_khen_tinh", "individual"),
    ("bang_khen_thu_tuong", "individual"),
    ("lao_dong_sang_tao", "individual"),
];
const RATINGS: &[&str] = &[
    "hoan_thanh_xuat_sac",
    "hoan_thanh_tot",
    "hoan_thanh_tot",
    "hoan_thanh",
    "khong_hoan_thanh",
];
const SCOPES: &[&str] = &["co_so", "co_so", "huyen", "tinh", "toan_quoc"];
const DATES: &[&str] = &["01-15", "03-20", "06-30", "07-01", "12-31"];

fn recognitions(rng: &mut Rng, max: u64) -> Vec<Value> {
    (0..rng.below(max + 1))
        .map(|i| {
            json!({"scope": rng.pick(SCOPES), "benefit_vnd": rng.below(300) * 1_000_000,
                   "name": format!("Sáng kiến số {}", i + 1)})
        })
        .collect()
}

fn case(rng: &mut Rng) -> String {
    let (title, subject) = *rng.pick(TITLES);
    let year = 2019 + rng.below(7) as i64;
    let decision = format!("{}-{}", year + 1, rng.pick(DATES));
    let years = rng.below(6);
    let mut history = Vec::new();
    for back in 0..years {
        let y = year - back as i64;
        if rng.chance(10) {
            continue; // an unknown year
        }
        let mut titles = Vec::new();
        if rng.chance(70) {
            titles.push("lao_dong_tien_tien");
        }
        if rng.chance(35) {
            titles.push("chien_si_thi_dua_co_so");
        }
        if rng.chance(8) {
            titles.push("chien_si_thi_dua_cap_tinh");
        }
        history.push(json!({
            "year": y, "rating": rng.pick(RATINGS), "titles": titles,
            "initiatives": recognitions(rng, 2), "science_projects": recognitions(rng, 1)
        }));
    }
    let mut v = json!({
        "subject": subject, "title": title, "year": year, "decision_date": decision,
        "history": history, "discipline_pending": rng.chance(3),
        "disciplined": if rng.chance(4) { json!("khien_trach") } else { Value::Null },
    });
    if subject == "collective" {
        let total = 5 + rng.below(60);
        let ldtt = total * (40 + rng.below(61)) / 100;
        v["members"] = json!({
            "total": total, "completed": total - rng.below(2), "lao_dong_tien_tien": ldtt,
            "chien_si_thi_dua_co_so": rng.below(4).min(total), "disciplined_canh_cao_or_above": u64::from(rng.chance(5))
        });
    }
    if title == "lao_dong_sang_tao" {
        v["union_member"] = json!(rng.chance(90));
        v["staff_level"] = json!(rng.pick(&["lao_dong", "dai_hoc", "quan_ly"]));
    }
    if title == "giay_khen" && rng.chance(50) {
        v["issuer"] = json!("chu_tich_xa");
    }
    if rng.chance(5) {
        v["received_on"] = json!(format!("{}-12-20", year));
    }
    v.to_string()
}

/// Nanoseconds this thread has spent on a CPU (Linux), to tell the engine's cost from a busy machine's
/// waiting; None elsewhere.
fn thread_cpu_ns() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    stat.split_whitespace().next()?.parse().ok()
}

/// The best of three runs of `f` over all inputs: (wall time, on-CPU time if known, count of true).
fn best_of_three(
    inputs: &[String],
    f: impl Fn(&str) -> bool,
) -> (Duration, Option<Duration>, usize) {
    let mut best = Duration::MAX;
    let mut best_cpu: Option<Duration> = None;
    let mut count = 0;
    for _ in 0..3 {
        let cpu_start = thread_cpu_ns();
        let start = Instant::now();
        count = inputs.iter().filter(|s| black_box(f(black_box(s)))).count();
        let wall = start.elapsed();
        let cpu = match (cpu_start, thread_cpu_ns()) {
            (Some(a), Some(b)) => Some(Duration::from_nanos(b.saturating_sub(a))),
            _ => None,
        };
        if wall < best {
            best = wall;
        }
        if let Some(c) = cpu {
            best_cpu = Some(best_cpu.map_or(c, |b| b.min(c)));
        }
    }
    (best, best_cpu, count)
}

fn main() {
    let n: usize = std::env::var("RULES_BENCH_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(100_000);
    let mut rng = Rng(0x7468_6964_7561_2024);
    let inputs: Vec<String> = (0..n).map(|_| case(&mut rng)).collect();
    let bytes: usize = inputs.iter().map(String::len).sum();
    RuleTables::builtin(); // read the tables once, outside the timings

    let (parse, parse_cpu, parsed) = best_of_three(&inputs, |s| Case::from_json(s).is_ok());
    let (judge, judge_cpu, eligible) =
        best_of_three(&inputs, |s| check_json(s).is_ok_and(|v| v.eligible));
    let refused = inputs.iter().filter(|s| check_json(s).is_err()).count();

    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let cpu =
        |d: Option<Duration>| d.map_or(String::new(), |d| format!(", on CPU {:.1} ms", ms(d)));
    println!(
        "rules_bench: {n} cases, {:.1} MB of JSON, one thread, best of 3 runs",
        bytes as f64 / 1e6
    );
    println!(
        "  (a) deserialise only:       {:>8.1} ms  ({:.2} µs/case{}; {parsed} read)",
        ms(parse),
        ms(parse) * 1000.0 / n as f64,
        cpu(parse_cpu)
    );
    println!(
        "  (b) deserialise and judge:  {:>8.1} ms  ({:.2} µs/case{}; {eligible} eligible, {refused} refused)",
        ms(judge),
        ms(judge) * 1000.0 / n as f64,
        cpu(judge_cpu)
    );
    println!(
        "  judging alone (b − a):      {:>8.1} ms",
        ms(judge.saturating_sub(parse))
    );
    println!(
        "  ratio (b) / (a):            {:>8.2}",
        judge.as_secs_f64() / parse.as_secs_f64().max(1e-9)
    );
    let limit = Duration::from_secs(1).mul_f64(n as f64 / 100_000.0);
    println!(
        "  deserialising and judging 100,000 cases under 1 s: {} (wall){}",
        if judge < limit { "yes" } else { "NO" },
        judge_cpu.map_or(String::new(), |c| format!(
            ", {} (on CPU)",
            if c < limit { "yes" } else { "NO" }
        ))
    );
}
