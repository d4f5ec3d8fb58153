#!/usr/bin/env bash
# Benchmark of the public honour board (issue 9, "Speed"): loads the `province` sample (about 100,000
# people; its 2024 decision, recognised initiatives and exemplary stories published) into a fresh
# SQLite database, serves it, and measures in ONE run, with wrk (32 connections, 2 threads by default):
#   /api/v1/people/{id}          (baseline: one row by primary key through the same stack, rotating
#                                 ids, with the office's token, as bench/directory.sh does)
#   /bang-vang                   (the board's first page, no login)
#   /bang-vang?muc=...&q=...     (a search of one section, rotating queries typed without diacritics)
#   /bang-vang/dien-hinh/{id}    (a public story page)
# Target: each board page reaches at least 50% of the baseline's requests/s. It prints every figure
# and its ratio to the baseline of the same run, with PASS/FAIL; it exits 0 whether the target is met
# or not (non-zero only when it cannot run). See bench/README.md.
#
# Environment: THIDUA_BIN, BENCH_SECONDS (10), BENCH_WARMUP (3), BENCH_CONNS (32), BENCH_THREADS (2),
# BENCH_KEEP=1 (keep the temporary folder).
set -euo pipefail
cd "$(dirname "$0")/.."

SECONDS_PER=${BENCH_SECONDS:-10}
WARMUP=${BENCH_WARMUP:-3}
CONNS=${BENCH_CONNS:-32}
THREADS=${BENCH_THREADS:-2}
MIN_RATIO=0.50

NAME=honour.sh
# shellcheck source=bench/lib.sh
. bench/lib.sh
bench_tools
bench_binary
bench_workdir

DB="sqlite://$WORK/bench.db"
say "loading the province sample into $WORK/bench.db (seed 1)"
"$BIN" --database "$DB" demo --scale province --seed 1 >"$WORK/demo.out" 2>"$WORK/demo.err" \
    || { cat "$WORK/demo.err" >&2; die "demo --scale province failed"; }
PEOPLE=$(grep -oE '[0-9]+ người' "$WORK/demo.out" | grep -oE '[0-9]+' | head -n 1 || true)
bench_serve "$DB"
TOKEN=$(bench_login noivu)
AUTH=(-H "Authorization: Bearer $TOKEN")
if [ -z "$PEOPLE" ]; then
    PEOPLE=$(curl -fsS "${AUTH[@]}" "$BASE/api/v1/people?per_page=1" | grep -oE '"total": *[0-9]+' | grep -oE '[0-9]+' || true)
fi
[ -n "$PEOPLE" ] && [ "$PEOPLE" -gt 0 ] || die "could not tell how many people were loaded"
MODEL=$(curl -fsS "${AUTH[@]}" "$BASE/api/v1/models" | python3 -c '
import json, sys
items = [m for m in json.load(sys.stdin)["items"] if m["status"] == "published"]
print(items[0]["id"] if items else "")')
[ -n "$MODEL" ] || die "the sample has no published profile"
ITEMS=$(curl -fsS "$BASE/bang-vang?muc=sang-kien" | grep -oE 'Xem tất cả [0-9]+|Trang [0-9]+ / [0-9]+' | head -n 1 || true)

QUERIES=(
    "muc=khen-thuong&q=lao+dong+tien+tien"
    "muc=sang-kien&q=so+hoa"
    "muc=sang-kien&q=2024"
    "muc=dien-hinh&q=mot+cua"
    "muc=khen-thuong&q=chien+si"
    "muc=sang-kien&q=quan+ly"
)

# Every endpoint must answer 200 before it is timed (an error page is fast and would flatter).
for path in /api/v1/people/1 /bang-vang "/bang-vang?${QUERIES[0]}" "/bang-vang/dien-hinh/$MODEL"; do
    code=$(curl -s -o /dev/null -w '%{http_code}' "${AUTH[@]}" "$BASE$path")
    [ "$code" = 200 ] || die "GET $path answered $code, not 200"
done

bench_report_lua
cat >"$WORK/by_id.lua" <<LUA
local n = $PEOPLE
local counter = 0
setup = function(thread) counter = counter + 1; thread:set("seed", counter) end
init = function(args) math.randomseed(seed * 7919) end
request = function()
  return wrk.format("GET", "/api/v1/people/" .. math.random(1, n))
end
$(cat "$WORK/report.lua")
LUA
lua_list=$(printf '"%s",' "${QUERIES[@]}")
cat >"$WORK/search.lua" <<LUA
local queries = { ${lua_list%,} }
local counter = 0
setup = function(thread) counter = counter + 1; thread:set("start", counter * 3) end
local i = 0
init = function(args) i = start end
request = function()
  i = i + 1
  return wrk.format("GET", "/bang-vang?" .. queries[(i % #queries) + 1])
end
$(cat "$WORK/report.lua")
LUA
cp "$WORK/report.lua" "$WORK/plain.lua"

run_wrk() { # name script path seconds [auth]
    local extra=()
    [ "${5:-}" = auth ] && extra=("${AUTH[@]}")
    wrk -t"$THREADS" -c"$CONNS" -d"${4}s" --latency "${extra[@]}" -s "$WORK/$2" "$BASE$3" >"$WORK/wrk_$1.out" 2>&1 \
        || { cat "$WORK/wrk_$1.out" >&2; die "wrk failed on $3"; }
}

say "warming up (${WARMUP}s per endpoint)"
run_wrk warm_id by_id.lua / "$WARMUP" auth
run_wrk warm_board plain.lua /bang-vang "$WARMUP"
run_wrk warm_search search.lua / "$WARMUP"

NAMES=(by_id board search story)
declare -A SCRIPT=([by_id]=by_id.lua [board]=plain.lua [search]=search.lua [story]=plain.lua)
declare -A PATHS=([by_id]=/ [board]=/bang-vang [search]=/ [story]="/bang-vang/dien-hinh/$MODEL")
declare -A AUTHED=([by_id]=auth [board]="" [search]="" [story]="")
declare -A LABEL=(
    [by_id]="GET /api/v1/people/{id}"
    [board]="GET /bang-vang"
    [search]="GET /bang-vang?muc=&q="
    [story]="GET /bang-vang/dien-hinh/{id}"
)
for n in "${NAMES[@]}"; do
    say "measuring ${LABEL[$n]} for ${SECONDS_PER}s"
    run_wrk "$n" "${SCRIPT[$n]}" "${PATHS[$n]}" "$SECONDS_PER" "${AUTHED[$n]}"
done

echo
echo "thidua honour board benchmark — $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "province sample, seed 1: $PEOPLE people; board: ${ITEMS:-?} initiatives section; wrk ${THREADS} threads, ${CONNS} connections, ${SECONDS_PER}s per endpoint"
echo "board searches (rotating): ${QUERIES[*]}"
echo
printf '%-32s %11s %9s %9s %9s %7s %9s\n' endpoint "requests/s" "p50 ms" "p99 ms" "max ms" errors "ratio"
BASE_RPS=$(field by_id rps)
for n in "${NAMES[@]}"; do
    printf '%-32s %11s %9s %9s %9s %7s %9s\n' "${LABEL[$n]}" "$(field "$n" rps)" "$(field "$n" p50_ms)" \
        "$(field "$n" p99_ms)" "$(field "$n" max_ms)" "$(field "$n" errors)" "$(ratio "$(field "$n" rps)" "$BASE_RPS")"
done
echo
ge() { awk -v a="$1" -v b="$2" 'BEGIN { print (a + 0 >= b + 0) ? 1 : 0 }'; }
for n in board search story; do
    r=$(ratio "$(field "$n" rps)" "$BASE_RPS")
    printf '%-78s %s\n' "${LABEL[$n]} / by id: ${r} (target >= ${MIN_RATIO})" "$(pf "$(ge "$r" "$MIN_RATIO")")"
done
errs=0
for n in "${NAMES[@]}"; do errs=$(( errs + $(field "$n" errors) )); done
[ "$errs" -eq 0 ] || echo "WARNING: $errs failed or non-2xx responses during the run (see wrk output with BENCH_KEEP=1)"
exit 0
