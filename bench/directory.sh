#!/usr/bin/env bash
# Benchmark of the directory (issue 2, "Speed"): loads the `province` sample (~100,000 people) into a
# fresh SQLite database, serves it, and measures in ONE run, with wrk at 32 connections / 2 threads:
#   /healthz                      (no database; the floor of the stack)
#   /api/v1/people/{id}           (baseline: one row by primary key, rotating ids)
#   /api/v1/people?q=...          (search ignoring diacritics, rotating queries)
#   /nguoi?q=...                  (the HTML people search page, rotating queries)
# It prints requests/s and p99 for each, the search/baseline ratios (target >= 0.50), p99 against
# 25 ms, the server's resident memory after the run (target < 150 MB) and the load time (target
# < 60 s), with PASS/FAIL per target. It is a measurement, not a test: it exits 0 whether targets
# are met or not (non-zero only when it cannot run at all). See bench/README.md.
#
# Environment:
#   THIDUA_BIN      use this binary instead of building `cargo build --release -p thidua`
#   BENCH_SECONDS   seconds per measured endpoint (default 10)
#   BENCH_WARMUP    seconds of warm-up per endpoint before measuring (default 3)
#   BENCH_CONNS     connections (default 32)      BENCH_THREADS  wrk threads (default 2)
#   BENCH_KEEP=1    keep the temporary folder (database, server log, wrk output) for inspection
set -euo pipefail
cd "$(dirname "$0")/.."

SECONDS_PER=${BENCH_SECONDS:-10}
WARMUP=${BENCH_WARMUP:-3}
CONNS=${BENCH_CONNS:-32}
THREADS=${BENCH_THREADS:-2}
# Targets of issue 2.
MIN_RATIO=0.50
MAX_P99_MS=25
MAX_RSS_MB=150
MAX_LOAD_S=60

say() { printf '%s\n' "$*" >&2; }
die() { say "bench/directory.sh: $*"; exit 1; }

# ------------------------------------------------------------------------------------------ tools
if ! command -v wrk >/dev/null 2>&1; then
    say "wrk is missing; installing it with apt-get"
    if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
    $SUDO apt-get install -y wrk >/dev/null 2>&1 || { $SUDO apt-get update >/dev/null 2>&1 && $SUDO apt-get install -y wrk >/dev/null 2>&1; } \
        || die "could not install wrk (apt-get install -y wrk)"
fi
command -v curl >/dev/null 2>&1 || die "curl is needed"

if [ -n "${THIDUA_BIN:-}" ]; then
    BIN=$THIDUA_BIN
else
    say "building: cargo build --release -p thidua"
    BIN=$(cargo build --release -p thidua --message-format=json-render-diagnostics \
        | sed -n 's/.*"executable":"\([^"]*\/thidua\)".*/\1/p' | tail -n 1)
fi
[ -x "$BIN" ] || die "no thidua binary (got '$BIN')"

# ------------------------------------------------------------------------------------------ setup
WORK=$(mktemp -d "${TMPDIR:-/tmp}/thidua-bench.XXXXXX")
SERVER_PID=""
cleanup() {
    if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill "$SERVER_PID" 2>/dev/null || true
        for _ in $(seq 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$SERVER_PID" 2>/dev/null || true
    fi
    if [ "${BENCH_KEEP:-0}" = 1 ]; then say "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

DB="sqlite://$WORK/bench.db"

free_port() {
    if command -v python3 >/dev/null 2>&1; then
        python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' && return
    fi
    local p
    for _ in $(seq 100); do
        p=$(( 20000 + RANDOM % 40000 ))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return; fi
    done
    die "no free port found"
}

# Queries as an office clerk types them: folded (no diacritics), lower case, from one to three words;
# broad ones ("nguyen van": tens of thousands of matches) and narrow ones.
QUERIES=(
    "nguyen+van"
    "hoa"
    "tran+thi+lan"
    "le+minh"
    "pham+duc+anh"
    "nguyen+thi+huong"
    "hoang"
    "vu+thi+mai"
    "dang+quoc"
    "giang+a"
)

# -------------------------------------------------------------------------------------- load time
say "loading the province sample into $WORK/bench.db (seed 1)"
t0=$(date +%s.%N)
"$BIN" --database "$DB" demo --scale province --seed 1 >"$WORK/demo.out" 2>"$WORK/demo.err" \
    || { cat "$WORK/demo.err" >&2; die "demo --scale province failed"; }
t1=$(date +%s.%N)
LOAD_S=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')
say "$(cat "$WORK/demo.out")"
PEOPLE=$(grep -oE '[0-9]+ người' "$WORK/demo.out" | grep -oE '[0-9]+' | head -n 1 || true)
DB_MB=$(du -m "$WORK/bench.db" | cut -f1)
WAL_MB=$( (du -m "$WORK/bench.db-wal" 2>/dev/null || echo 0) | cut -f1)

# ----------------------------------------------------------------------------------------- server
PORT=$(free_port)
BASE="http://127.0.0.1:$PORT"
"$BIN" --database "$DB" serve --addr "127.0.0.1:$PORT" >"$WORK/server.out" 2>"$WORK/server.err" &
SERVER_PID=$!
for _ in $(seq 300); do
    curl -fsS "$BASE/healthz" >/dev/null 2>&1 && break
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/server.err" >&2; die "the server exited"; }
    sleep 0.1
done
curl -fsS "$BASE/healthz" >/dev/null || die "the server does not answer /healthz on $BASE"
# Every request is made as the city's TĐKT office (demo account): a bearer token on the API, the same
# secret as the session cookie on pages.
TOKEN=$(curl -fsS -H 'content-type: application/json' -d '{"username":"noivu","password":"thidua-demo"}' \
    "$BASE/api/v1/auth/login" | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
[ -n "$TOKEN" ] || die "could not log in as noivu"
AUTH=(-H "Authorization: Bearer $TOKEN" -H "Cookie: thidua_session=$TOKEN")
if [ -z "$PEOPLE" ]; then
    PEOPLE=$(curl -fsS "${AUTH[@]}" "$BASE/api/v1/people?per_page=1" | grep -oE '"total": *[0-9]+' | grep -oE '[0-9]+' || true)
fi
[ -n "$PEOPLE" ] && [ "$PEOPLE" -gt 0 ] || die "could not tell how many people were loaded"

# Every endpoint must answer 200 before we time it (an error page is fast and would flatter the figures).
for path in /healthz /api/v1/people/1 "/api/v1/people/$PEOPLE" "/api/v1/people?q=${QUERIES[0]}" "/nguoi?q=${QUERIES[0]}"; do
    code=$(curl -s -o /dev/null -w '%{http_code}' "${AUTH[@]}" "$BASE$path")
    [ "$code" = 200 ] || die "GET $path answered $code, not 200"
done

# ------------------------------------------------------------------------------------ wrk scripts
# A `done` hook prints one machine-readable line; `--latency` also prints the distribution.
cat >"$WORK/report.lua" <<'LUA'
done = function(summary, latency, requests)
  local s = summary.duration / 1e6
  local e = summary.errors
  local non2xx = e.status
  io.write(string.format("RESULT rps=%.1f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f requests=%d errors=%d\n",
    summary.requests / s, latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    summary.requests, e.connect + e.read + e.write + e.timeout + non2xx))
end
LUA

# Rotating ids: a per-thread pseudo-random walk over 1..PEOPLE (seeded per thread, so threads differ).
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

# Rotating queries: each thread walks the list from a different start.
lua_list=$(printf '"%s",' "${QUERIES[@]}")
for kind in api page; do
    if [ "$kind" = api ]; then prefix="/api/v1/people?q="; else prefix="/nguoi?q="; fi
    cat >"$WORK/search_$kind.lua" <<LUA
local queries = { ${lua_list%,} }
local counter = 0
setup = function(thread) counter = counter + 1; thread:set("start", counter * 3) end
local i = 0
init = function(args) i = start end
request = function()
  i = i + 1
  return wrk.format("GET", "$prefix" .. queries[(i % #queries) + 1])
end
$(cat "$WORK/report.lua")
LUA
done
cp "$WORK/report.lua" "$WORK/healthz.lua"

run_wrk() { # name script path seconds
    wrk -t"$THREADS" -c"$CONNS" -d"${4}s" --latency "${AUTH[@]}" -s "$WORK/$2" "$BASE$3" >"$WORK/wrk_$1.out" 2>&1 \
        || { cat "$WORK/wrk_$1.out" >&2; die "wrk failed on $3"; }
}
field() { # name key
    grep '^RESULT' "$WORK/wrk_$1.out" | tr ' ' '\n' | sed -n "s/^$2=//p"
}

# ---------------------------------------------------------------------------------------- warm-up
say "warming up (${WARMUP}s per endpoint)"
run_wrk warm_id by_id.lua / "$WARMUP"
run_wrk warm_api search_api.lua / "$WARMUP"
run_wrk warm_page search_page.lua / "$WARMUP"

# ---------------------------------------------------------------------------------------- measure
NAMES=(healthz by_id search_api search_page)
declare -A SCRIPT=([healthz]=healthz.lua [by_id]=by_id.lua [search_api]=search_api.lua [search_page]=search_page.lua)
declare -A PATHS=([healthz]=/healthz [by_id]=/ [search_api]=/ [search_page]=/)
declare -A LABEL=(
    [healthz]="GET /healthz"
    [by_id]="GET /api/v1/people/{id}"
    [search_api]="GET /api/v1/people?q="
    [search_page]="GET /nguoi?q="
)
status_kb() { sed -n "s/^$1:[[:space:]]*\([0-9]*\) kB/\1/p" "/proc/$SERVER_PID/status"; }
mb() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
declare -A RSS_AFTER
for n in "${NAMES[@]}"; do
    say "measuring ${LABEL[$n]} for ${SECONDS_PER}s"
    run_wrk "$n" "${SCRIPT[$n]}" "${PATHS[$n]}" "$SECONDS_PER"
    RSS_AFTER[$n]=$(mb "$(status_kb VmRSS)")
done
RSS_KB=$(status_kb VmRSS)
HWM_KB=$(status_kb VmHWM)

# ----------------------------------------------------------------------------------------- report
pf() { if [ "$1" = 1 ]; then echo PASS; else echo FAIL; fi; }
le() { awk -v a="$1" -v b="$2" 'BEGIN { print (a + 0 <= b + 0) ? 1 : 0 }'; }
lt() { awk -v a="$1" -v b="$2" 'BEGIN { print (a + 0 < b + 0) ? 1 : 0 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.3f", a / b; else print "n/a" }'; }

echo
echo "thidua directory benchmark — $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "province sample, seed 1: $PEOPLE people; SQLite file $DB_MB MB (+ WAL $WAL_MB MB after the load); wrk ${THREADS} threads, ${CONNS} connections, ${SECONDS_PER}s per endpoint"
echo "search queries (rotating): ${QUERIES[*]}"
echo
printf '%-26s %11s %9s %9s %9s %7s %14s\n' endpoint "requests/s" "p50 ms" "p99 ms" "max ms" errors "RSS after, MB"
for n in "${NAMES[@]}"; do
    printf '%-26s %11s %9s %9s %9s %7s %14s\n' "${LABEL[$n]}" "$(field "$n" rps)" "$(field "$n" p50_ms)" \
        "$(field "$n" p99_ms)" "$(field "$n" max_ms)" "$(field "$n" errors)" "${RSS_AFTER[$n]}"
done
echo

BASE_RPS=$(field by_id rps)
R_API=$(ratio "$(field search_api rps)" "$BASE_RPS")
R_PAGE=$(ratio "$(field search_page rps)" "$BASE_RPS")
RSS_MB=$(mb "$RSS_KB")
HWM_MB=$(mb "$HWM_KB")
printf '%-78s %s\n' "load of the province sample: ${LOAD_S} s (target < ${MAX_LOAD_S} s)" "$(pf "$(lt "$LOAD_S" "$MAX_LOAD_S")")"
printf '%-78s %s\n' "API search / by id: ${R_API} (target >= ${MIN_RATIO})" "$(pf "$(le "$MIN_RATIO" "$R_API")")"
printf '%-78s %s\n' "page search / by id: ${R_PAGE} (target >= ${MIN_RATIO})" "$(pf "$(le "$MIN_RATIO" "$R_PAGE")")"
for n in by_id search_api search_page; do
    p=$(field "$n" p99_ms)
    printf '%-78s %s\n' "p99 ${LABEL[$n]}: ${p} ms (target < ${MAX_P99_MS} ms)" "$(pf "$(lt "$p" "$MAX_P99_MS")")"
done
printf '%-78s %s\n' "server memory after the run: VmRSS ${RSS_MB} MB, peak VmHWM ${HWM_MB} MB (target < ${MAX_RSS_MB} MB)" "$(pf "$(lt "$HWM_MB" "$MAX_RSS_MB")")"
errs=0
for n in "${NAMES[@]}"; do errs=$(( errs + $(field "$n" errors) )); done
[ "$errs" -eq 0 ] || echo "WARNING: $errs failed or non-2xx responses during the run (see wrk output with BENCH_KEEP=1)"
exit 0
