#!/usr/bin/env bash
# Benchmark of review reports (issue 9, "Speed"): loads the `province` sample into a fresh SQLite
# database and measures in ONE run, in process (crates/store/examples/reports_bench.rs), the city's
# year-end report with the year before built through `Store::report` (store/src/reports.rs) against
# the equivalent hand-written SQL aggregation run on the same database in the same process with the
# same concurrency (the baseline of the ratio). Targets: ratio ≤ 1.5 and report < 300 ms. Prints every
# figure, the ratio, PASS/FAIL per target, and whether both give the same city totals; exits 0 whether
# targets are met or not.
#
# Environment: THIDUA_BIN, BENCH_EXAMPLE (a built reports_bench), BENCH_YEAR (2023, the seed's year: the most figures), BENCH_RUNS (7),
# BENCH_KEEP=1 (keep the temporary folder).
set -euo pipefail
cd "$(dirname "$0")/.."

YEAR=${BENCH_YEAR:-2023}
RUNS=${BENCH_RUNS:-7}
MAX_RATIO=1.5
MAX_REPORT_MS=300

NAME=reports.sh
# shellcheck source=bench/lib.sh
. bench/lib.sh
bench_binary
if [ -n "${BENCH_EXAMPLE:-}" ]; then
    EXAMPLE=$BENCH_EXAMPLE
else
    say "building: cargo build --release -p thidua-store --example reports_bench"
    EXAMPLE=$(cargo build --release -p thidua-store --example reports_bench --message-format=json-render-diagnostics \
        | sed -n 's/.*"executable":"\([^"]*\/reports_bench\)".*/\1/p' | tail -n 1)
fi
[ -x "$EXAMPLE" ] || die "no reports_bench example (got '$EXAMPLE')"

bench_workdir

DB="sqlite://$WORK/bench.db"
say "loading the province sample into $WORK/bench.db (seed 1)"
"$BIN" --database "$DB" demo --scale province --seed 1 >"$WORK/demo.out" 2>"$WORK/demo.err" \
    || { cat "$WORK/demo.err" >&2; die "demo --scale province failed"; }
say "$(head -n 1 "$WORK/demo.out")"

say "in-process timings (the city's report of $YEAR, $RUNS runs)"
"$EXAMPLE" "$DB" "$YEAR" "$RUNS" >"$WORK/inproc.out" 2>"$WORK/inproc.err" \
    || { cat "$WORK/inproc.err" >&2; die "reports_bench failed"; }
val() { sed -n "s/^$1 //p" "$WORK/inproc.out"; }

echo
echo "thidua reports benchmark — $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "province sample, seed 1: $(head -n 1 "$WORK/demo.out")"
echo "report of $YEAR (city, with $((YEAR - 1))): $(val units_with_figures) units with figures, $(val groups) group rows; baseline read $(val baseline_rows) rows"
echo "figures: registrations $(val registrations), task cells due $(val tasks_due), posts and events $(val posts_events), awards $(val awards), award money $(val award_money_vnd) đ"
echo "same city totals from the hand-written SQL: $(val same_totals)"
echo "report: $(val report_ms) ms against $(val baseline_ms) ms of hand-written SQL (ratio $(val ratio)); medians of $RUNS runs"
RATIO=$(val ratio)
MS=$(val report_ms)
printf '%-78s %s\n' "report / hand-written SQL: ${RATIO} (target ≤ ${MAX_RATIO})" "$(pf "$(awk -v a="$RATIO" -v b="$MAX_RATIO" 'BEGIN { print (a + 0 <= b + 0) ? 1 : 0 }')")"
printf '%-78s %s\n' "year-end report: ${MS} ms (target < ${MAX_REPORT_MS} ms)" "$(pf "$(lt "$MS" "$MAX_REPORT_MS")")"
exit 0
