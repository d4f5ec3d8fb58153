#!/usr/bin/env bash
# Benchmark of commendation (issue 7, "Speed"): loads the `province` sample (about 100,000 people,
# ratings of 2021–2025) into a fresh SQLite database and measures in ONE run:
#   in process (crates/store/examples/commendation_bench.rs):
#     the pre-check of every person for every individual title of a year (Lao động tiên tiến, CSTĐ
#     cơ sở, cấp tỉnh, toàn quốc), reading their records from the database and judging each case
#     with the rules engine, against reading the same rows without judging them;
#   through the server, with wrk (1 connection by default; BENCH_CONNS to change):
#     /healthz                            (the floor of the stack; the baseline of the ratio)
#     /nguoi/{id}                         (a person's page with the record of achievements: nld1's,
#                                          the sample's richest record)
#     /api/v1/people/{id}/record          (the same record as JSON)
# Targets: the whole pre-check < 2 s; the record page p99 < 20 ms. It prints every figure and its
# ratio to the baseline of the same run, with PASS/FAIL per target; it exits 0 whether targets are met
# or not.
#
# Environment: THIDUA_BIN, BENCH_EXAMPLE (a built commendation_bench), BENCH_YEAR (2025),
# BENCH_RUNS (5), BENCH_SECONDS (default 10), BENCH_WARMUP (3), BENCH_CONNS (1), BENCH_THREADS (1),
# BENCH_KEEP=1 (keep the temporary folder).
set -euo pipefail
cd "$(dirname "$0")/.."

SECONDS_PER=${BENCH_SECONDS:-10}
WARMUP=${BENCH_WARMUP:-3}
CONNS=${BENCH_CONNS:-1}
THREADS=${BENCH_THREADS:-1}
YEAR=${BENCH_YEAR:-2025}
RUNS=${BENCH_RUNS:-5}
MAX_PAGE_P99_MS=20
MAX_PRECHECK_MS=2000

NAME=commendation.sh
# shellcheck source=bench/lib.sh
. bench/lib.sh
bench_tools
bench_binary
if [ -n "${BENCH_EXAMPLE:-}" ]; then
    EXAMPLE=$BENCH_EXAMPLE
else
    say "building: cargo build --release -p thidua-store --example commendation_bench"
    EXAMPLE=$(cargo build --release -p thidua-store --example commendation_bench --message-format=json-render-diagnostics \
        | sed -n 's/.*"executable":"\([^"]*\/commendation_bench\)".*/\1/p' | tail -n 1)
fi
[ -x "$EXAMPLE" ] || die "no commendation_bench example (got '$EXAMPLE')"

bench_workdir

DB="sqlite://$WORK/bench.db"
say "loading the province sample into $WORK/bench.db (seed 1)"
"$BIN" --database "$DB" demo --scale province --seed 1 >"$WORK/demo.out" 2>"$WORK/demo.err" \
    || { cat "$WORK/demo.err" >&2; die "demo --scale province failed"; }
say "$(head -n 1 "$WORK/demo.out")"

say "in-process timings (the pre-check of everyone for every title of $YEAR)"
"$EXAMPLE" "$DB" "$YEAR" "$RUNS" >"$WORK/inproc.out" 2>"$WORK/inproc.err" \
    || { cat "$WORK/inproc.err" >&2; die "commendation_bench failed"; }
val() { sed -n "s/^$1 //p" "$WORK/inproc.out"; }

bench_serve "$DB"
TOKEN=$(bench_login noivu)
AUTH=(-H "Authorization: Bearer $TOKEN" -H "Cookie: thidua_session=$TOKEN")
PERSON=$(curl -fsS -H "Authorization: Bearer $(bench_login nld1)" "$BASE/api/v1/auth/me" \
    | python3 -c 'import json, sys; print(json.load(sys.stdin)["person_id"])')
[ -n "$PERSON" ] || die "nld1 has no person"
PAGE="/nguoi/$PERSON"
API="/api/v1/people/$PERSON/record"
for path in /healthz "$PAGE" "$API"; do
    code=$(curl -s -o /dev/null -w '%{http_code}' "${AUTH[@]}" "$BASE$path")
    [ "$code" = 200 ] || die "GET $path answered $code, not 200"
done
curl -fsS "${AUTH[@]}" "$BASE$PAGE" >"$WORK/page.html"
grep -q 'Hồ sơ thành tích' "$WORK/page.html" || die "$PAGE shows no record of achievements"
RECORD_LINES=$(curl -fsS "${AUTH[@]}" "$BASE$API" | python3 -c 'import json, sys; print(len(json.load(sys.stdin)["achievements"]))')

bench_report_lua
run_wrk() { # name path seconds
    wrk -t"$THREADS" -c"$CONNS" -d"${3}s" --latency "${AUTH[@]}" -s "$WORK/report.lua" "$BASE$2" >"$WORK/wrk_$1.out" 2>&1 \
        || { cat "$WORK/wrk_$1.out" >&2; die "wrk failed on $2"; }
}

say "warming up"
run_wrk warm_page "$PAGE" "$WARMUP"
run_wrk warm_api "$API" "$WARMUP"
declare -A PATHS=([healthz]=/healthz [page]="$PAGE" [api]="$API")
for n in healthz page api; do
    say "measuring ${PATHS[$n]} for ${SECONDS_PER}s"
    run_wrk "$n" "${PATHS[$n]}" "$SECONDS_PER"
done

echo
echo "thidua commendation benchmark — $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "province sample, seed 1: $(head -n 1 "$WORK/demo.out")"
echo "record of person $PERSON (nld1): $RECORD_LINES lines"
echo
printf '%-40s %11s %9s %9s %9s %7s\n' endpoint "requests/s" "p50 ms" "p99 ms" "max ms" errors
for n in healthz page api; do
    printf '%-40s %11s %9s %9s %9s %7s\n' "GET ${PATHS[$n]}" "$(field "$n" rps)" "$(field "$n" p50_ms)" \
        "$(field "$n" p99_ms)" "$(field "$n" max_ms)" "$(field "$n" errors)"
done
echo
HEALTH_RPS=$(field healthz rps)
echo "record page / healthz throughput: $(ratio "$(field page rps)" "$HEALTH_RPS"); API record / healthz: $(ratio "$(field api rps)" "$HEALTH_RPS")"
echo "record page p99 / healthz p99: $(ratio "$(field page p99_ms)" "$(field healthz p99_ms)")"
echo "pre-check of $YEAR: $(val precheck_people) people × titles $(val precheck_titles) = $(val precheck_cases) cases, $(val precheck_eligible) eligible, $(val precheck_case_errors) refused as cases"
echo "pre-check: $(val precheck_run_ms) ms against $(val precheck_baseline_ms) ms reading the same $(val precheck_rows) rows (ratio $(val precheck_ratio)); medians of $RUNS runs"
P=$(field page p99_ms)
printf '%-78s %s\n' "record page p99: ${P} ms (target < ${MAX_PAGE_P99_MS} ms)" "$(pf "$(lt "$P" "$MAX_PAGE_P99_MS")")"
R=$(val precheck_run_ms)
printf '%-78s %s\n' "pre-check of everyone for every title: ${R} ms (target < ${MAX_PRECHECK_MS} ms)" "$(pf "$(lt "$R" "$MAX_PRECHECK_MS")")"
exit 0
