#!/usr/bin/env bash
# Benchmark of office files (issue 8, "Speed"), in ONE run of crates/store/examples/office_bench.rs
# (release build), on a fresh SQLite database with the city sample:
#   importing a 100,000-row people file (read with limits, every row checked against the directory,
#     all written in one transaction) against calamine alone reading the same file: target ≤ 2×;
#   a decision with 2,000 awardees rendered to DOCX: target < 2 s;
#   its 2,000 certificates rendered to one PDF: target < 10 s;
#   (both also shown as ratios to writing the same 2,000 rows as CSV, the floor of any list output);
#   and, for the import, the database's own floor: the engine copying the rows just imported (same
#     rows, same indexes, one transaction, no program in between), as a ratio to calamine.
# It prints every figure and ratio with PASS/FAIL per target and exits 0 whether targets are met or
# not; it exits non-zero only when it cannot measure (the build or the example fails).
#
# Environment: BENCH_ROWS (default 100000), OFFICE_BENCH_BIN (a built office_bench, skips the build),
# THIDUA_TEST_DATABASE_URL (PostgreSQL instead of a temporary SQLite file), BENCH_DROP_INDEXES
# (index names, comma-separated, dropped before the import: an experiment on what they cost).
set -euo pipefail
cd "$(dirname "$0")/.."

ROWS=${BENCH_ROWS:-100000}
MAX_IMPORT_RATIO=2
MAX_DOCX_MS=2000
MAX_PDF_MS=10000

say() { printf '%s\n' "$*" >&2; }
die() { say "bench/office.sh: $*"; exit 1; }

if [ -n "${OFFICE_BENCH_BIN:-}" ]; then
    EXAMPLE=$OFFICE_BENCH_BIN
else
    say "building: cargo build --release -p thidua-store --example office_bench"
    EXAMPLE=$(cargo build --release -p thidua-store --example office_bench --message-format=json-render-diagnostics \
        | sed -n 's/.*"executable":"\([^"]*\/office_bench\)".*/\1/p' | tail -n 1)
fi
[ -x "$EXAMPLE" ] || die "no office_bench example (got '$EXAMPLE')"

OUT=$(mktemp "${TMPDIR:-/tmp}/thidua-office-bench.XXXXXX")
trap 'rm -f "$OUT"' EXIT
say "running office_bench $ROWS (loads the city sample, writes the file, then measures)"
"$EXAMPLE" "$ROWS" >"$OUT" || die "office_bench failed"
val() { sed -n "s/^$1 \([^ ]*\).*/\1/p" "$OUT"; }
rest() { sed -n "s/^$1 [^ ]* *//p" "$OUT"; }

pf() { if [ "$1" = 1 ]; then echo PASS; else echo FAIL; fi; }
le() { awk -v a="$1" -v b="$2" 'BEGIN { print (a + 0 <= b + 0) ? 1 : 0 }'; }
lt() { awk -v a="$1" -v b="$2" 'BEGIN { print (a + 0 < b + 0) ? 1 : 0 }'; }

echo
echo "thidua office benchmark — $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "people file: $(val import_rows) rows, $(val import_file_kb) kB; calamine read $(val calamine_cells) cells"
echo
printf '%-58s %10s\n' measurement ms
printf '%-58s %10s\n' "calamine alone reads the file" "$(val calamine_ms)"
printf '%-58s %10s\n' "  of which: office::xlsx::read_table alone" "$(val import_read_ms)"
printf '%-58s %10s\n' "  of which: Table::preview alone (layout, every cell)" "$(val import_preview_ms)"
printf '%-58s %10s\n' "import: read, check every row, look up units" "$(val import_check_ms)"
printf '%-58s %10s\n' "  of which: the write, one transaction" "$(val import_write_ms)"
printf '%-58s %10s\n' "import: all of it, written in one transaction" "$(val import_total_ms)"
printf '%-58s %10s\n' "the database alone copying the rows written (its floor)" "$(val engine_copy_ms)"
[ "$(val dropped_indexes)" = none ] || say "experiment: indexes dropped before the import: $(val dropped_indexes)"
printf '%-58s %10s\n' "2,000 rows as CSV (floor) $(rest csv_2000_ms)" "$(val csv_2000_ms)"
printf '%-58s %10s\n' "decision of 2,000 awardees to DOCX $(rest docx_2000_ms)" "$(val docx_2000_ms)"
printf '%-58s %10s\n' "2,000 certificates to one PDF $(rest pdf_2000_ms)" "$(val pdf_2000_ms)"
echo
echo "DOCX / CSV: $(val docx_ratio_to_csv)×; PDF / CSV: $(val pdf_ratio_to_csv)×"
echo "the database's own copy of the rows / calamine alone: $(val engine_copy_ratio)× (no import that writes after reading can go below it)"
R=$(val import_ratio)
VERDICT=$(pf "$(le "$R" "$MAX_IMPORT_RATIO")")
# Without the directory's indexes the figure is an experiment, not the product's: no verdict.
[ "$(val dropped_indexes)" = none ] || VERDICT="(experiment without $(val dropped_indexes): no verdict)"
printf '%-78s %s\n' "import / calamine alone: ${R}× (target ≤ ${MAX_IMPORT_RATIO}×)" "$VERDICT"
D=$(val docx_2000_ms)
printf '%-78s %s\n' "decision DOCX, 2,000 awardees: ${D} ms (target < ${MAX_DOCX_MS} ms)" "$(pf "$(lt "$D" "$MAX_DOCX_MS")")"
P=$(val pdf_2000_ms)
printf '%-78s %s\n' "certificates PDF, 2,000 pages: ${P} ms (target < ${MAX_PDF_MS} ms)" "$(pf "$(lt "$P" "$MAX_PDF_MS")")"
exit 0
