#!/usr/bin/env bash
# Benchmark of initiative search and the similar-initiatives check (issue 6, "Speed"): loads the
# `province` sample (50,000 initiatives) into a fresh SQLite database, starts the server (which
# builds its initiative index in the background) and measures through the HTTP stack in ONE run,
# with wrk (1 connection by default; BENCH_CONNS to change):
#   /healthz                                   (the floor of the stack; the baseline of the ratios)
#   GET  /api/v1/initiatives?q=…               (full-text search, diacritics ignored, snippets),
#        cycling through 40 queries made from the sample's own titles, half typed without diacritics
#   POST /api/v1/initiatives/similar           (the check while typing), cycling through 40 texts: a
#        sample initiative's title and the first 60–400 characters of its solution, as typed so far
# Targets: search p99 < 20 ms; similar p99 < 100 ms. It prints every figure and its ratio to the
# baseline of the same run, with PASS/FAIL per target; it exits 0 whether targets are met or not.
#
# Environment: THIDUA_BIN, BENCH_SECONDS (default 10), BENCH_WARMUP (3), BENCH_CONNS (1),
# BENCH_THREADS (1), BENCH_KEEP=1 (keep the temporary folder).
set -euo pipefail
cd "$(dirname "$0")/.."

SECONDS_PER=${BENCH_SECONDS:-10}
WARMUP=${BENCH_WARMUP:-3}
# One connection by default: the target is how long one answer takes for the user who asked for it.
CONNS=${BENCH_CONNS:-1}
THREADS=${BENCH_THREADS:-1}
MAX_SEARCH_P99_MS=20
MAX_SIMILAR_P99_MS=100

say() { printf '%s\n' "$*" >&2; }
die() { say "bench/initiatives.sh: $*"; exit 1; }

if ! command -v wrk >/dev/null 2>&1; then
    say "wrk is missing; installing it with apt-get"
    if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
    $SUDO apt-get install -y wrk >/dev/null 2>&1 || { $SUDO apt-get update >/dev/null 2>&1 && $SUDO apt-get install -y wrk >/dev/null 2>&1; } \
        || die "could not install wrk (apt-get install -y wrk)"
fi
command -v curl >/dev/null 2>&1 || die "curl is needed"
command -v python3 >/dev/null 2>&1 || die "python3 is needed"

if [ -n "${THIDUA_BIN:-}" ]; then
    BIN=$THIDUA_BIN
else
    say "building: cargo build --release -p thidua"
    BIN=$(cargo build --release -p thidua --message-format=json-render-diagnostics \
        | sed -n 's/.*"executable":"\([^"]*\/thidua\)".*/\1/p' | tail -n 1)
fi
[ -x "$BIN" ] || die "no thidua binary (got '$BIN')"

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
say "loading the province sample into $WORK/bench.db (seed 1)"
"$BIN" --database "$DB" demo --scale province --seed 1 >"$WORK/demo.out" 2>"$WORK/demo.err" \
    || { cat "$WORK/demo.err" >&2; die "demo --scale province failed"; }
say "$(head -n 1 "$WORK/demo.out")"

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
BASE="http://127.0.0.1:$PORT"
"$BIN" --database "$DB" serve --no-reminders --addr "127.0.0.1:$PORT" >"$WORK/server.out" 2>"$WORK/server.err" &
SERVER_PID=$!
for _ in $(seq 300); do
    curl -fsS "$BASE/healthz" >/dev/null 2>&1 && break
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/server.err" >&2; die "the server exited"; }
    sleep 0.1
done
# The city's TĐKT office reads every initiative: the search answers from the whole index.
TOKEN=$(curl -fsS -H 'content-type: application/json' -d '{"username":"noivu","password":"thidua-demo"}' \
    "$BASE/api/v1/auth/login" | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
[ -n "$TOKEN" ] || die "could not log in as noivu"
AUTH=(-H "Authorization: Bearer $TOKEN")

# The first search waits for the index the server started building; time that once.
BUILD_S=$(curl -fsS -o /dev/null -w '%{time_total}' "${AUTH[@]}" "$BASE/api/v1/initiatives?q=sang+kien&per_page=1") \
    || die "the first search failed"
TOTAL=$(curl -fsS "${AUTH[@]}" "$BASE/api/v1/initiatives?per_page=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')

# Requests made from the sample itself: 40 searches and 40 texts typed so far.
curl -fsS "${AUTH[@]}" "$BASE/api/v1/initiatives?per_page=200&page=3" >"$WORK/items.json"
ids=$(python3 -c 'import json,sys; print(" ".join(str(i["id"]) for i in json.load(open(sys.argv[1]))["items"][:40]))' "$WORK/items.json")
: >"$WORK/details.jsonl"
for id in $ids; do
    curl -fsS "${AUTH[@]}" "$BASE/api/v1/initiatives/$id" >>"$WORK/details.jsonl"
    echo >>"$WORK/details.jsonl"
done
python3 - "$WORK" <<'PY'
import json, sys, unicodedata, urllib.parse
work = sys.argv[1]
def fold(s):
    s = unicodedata.normalize("NFD", s).replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in s if unicodedata.category(c) != "Mn").lower()
def lua(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'
details = [json.loads(l) for l in open(f"{work}/details.jsonl") if l.strip()]
paths, bodies = [], []
for n, d in enumerate(details):
    i = d["initiative"]
    words = i["title"].split()
    start = n % max(1, len(words) - 3)
    q = " ".join(words[start:start + 3])
    if n % 2:
        q = fold(q)
    paths.append("/api/v1/initiatives?" + urllib.parse.urlencode({"q": q}))
    typed = i["solution"][: 60 + (n * 37) % 340]
    bodies.append(json.dumps({"title": i["title"], "text": typed}, ensure_ascii=False))
with open(f"{work}/search.lua", "w") as f:
    f.write("local paths = {" + ",".join(lua(p) for p in paths) + "}\n")
    f.write("local n = 0\nrequest = function()\n  n = n % #paths + 1\n  return wrk.format('GET', paths[n])\nend\n")
with open(f"{work}/similar.lua", "w") as f:
    f.write("local bodies = {" + ",".join(lua(b) for b in bodies) + "}\n")
    # wrk.format's own headers replace those of -H: copy them and add the content type.
    f.write("local n = 0\nrequest = function()\n  n = n % #bodies + 1\n  local h = {}\n  for k, v in pairs(wrk.headers) do h[k] = v end\n  h['Content-Type'] = 'application/json'\n  return wrk.format('POST', '/api/v1/initiatives/similar', h, bodies[n])\nend\n")
print(len(paths), "requests of each kind", file=sys.stderr)
PY
cat >"$WORK/report.lua" <<'LUA'
done = function(summary, latency, requests)
  local s = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format("RESULT rps=%.1f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f errors=%d\n",
    summary.requests / s, latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    e.connect + e.read + e.write + e.timeout + e.status))
end
LUA
cat "$WORK/report.lua" >>"$WORK/search.lua"
cat "$WORK/report.lua" >>"$WORK/similar.lua"
# Every request answers 200 before it is timed.
code=$(curl -s -o /dev/null -w '%{http_code}' "${AUTH[@]}" -H 'content-type: application/json' \
    -d "$(python3 -c 'import json,sys; d=json.loads(open(sys.argv[1]).readline()); print(json.dumps({"title": d["initiative"]["title"], "text": d["initiative"]["solution"]}))' "$WORK/details.jsonl")" \
    "$BASE/api/v1/initiatives/similar")
[ "$code" = 200 ] || die "POST /api/v1/initiatives/similar answered $code"

run_wrk() { # name script seconds
    wrk -t"$THREADS" -c"$CONNS" -d"${3}s" --latency "${AUTH[@]}" -s "$2" "$BASE/" >"$WORK/wrk_$1.out" 2>&1 \
        || { cat "$WORK/wrk_$1.out" >&2; die "wrk failed on $1"; }
}
field() { grep '^RESULT' "$WORK/wrk_$1.out" | tr ' ' '\n' | sed -n "s/^$2=//p"; }
cat >"$WORK/healthz.lua" <<'LUA'
request = function() return wrk.format('GET', '/healthz') end
LUA
cat "$WORK/report.lua" >>"$WORK/healthz.lua"

say "warming up"
run_wrk warm_search "$WORK/search.lua" "$WARMUP"
run_wrk warm_similar "$WORK/similar.lua" "$WARMUP"
for n in healthz search similar; do
    say "measuring $n for ${SECONDS_PER}s"
    run_wrk "$n" "$WORK/$n.lua" "$SECONDS_PER"
done
for n in healthz search similar; do
    [ "$(field "$n" errors)" = 0 ] || die "$n had errors: $(cat "$WORK/wrk_$n.out")"
done

pf() { if [ "$1" = 1 ]; then echo PASS; else echo FAIL; fi; }
lt() { awk -v a="$1" -v b="$2" 'BEGIN { print (a + 0 < b + 0) ? 1 : 0 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.3f", a / b; else print "n/a" }'; }

echo
echo "thidua initiatives benchmark — $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "province sample, seed 1: $TOTAL initiatives; first search (waits for the index build): ${BUILD_S} s"
echo
printf '%-52s %11s %9s %9s %9s %7s\n' endpoint "requests/s" "p50 ms" "p99 ms" "max ms" errors
declare -A NAMES=([healthz]="GET /healthz" [search]="GET /api/v1/initiatives?q=… (40 queries)" [similar]="POST /api/v1/initiatives/similar (40 texts)")
for n in healthz search similar; do
    printf '%-52s %11s %9s %9s %9s %7s\n' "${NAMES[$n]}" "$(field "$n" rps)" "$(field "$n" p50_ms)" \
        "$(field "$n" p99_ms)" "$(field "$n" max_ms)" "$(field "$n" errors)"
done
echo
H=$(field healthz p99_ms)
HR=$(field healthz rps)
echo "search: p99 / healthz p99 $(ratio "$(field search p99_ms)" "$H"); throughput / healthz $(ratio "$(field search rps)" "$HR")"
echo "similar: p99 / healthz p99 $(ratio "$(field similar p99_ms)" "$H"); throughput / healthz $(ratio "$(field similar rps)" "$HR")"
S=$(field search p99_ms)
printf '%-78s %s\n' "search p99: ${S} ms (target < ${MAX_SEARCH_P99_MS} ms)" "$(pf "$(lt "$S" "$MAX_SEARCH_P99_MS")")"
M=$(field similar p99_ms)
printf '%-78s %s\n' "similar-initiatives check p99: ${M} ms (target < ${MAX_SIMILAR_P99_MS} ms)" "$(pf "$(lt "$M" "$MAX_SIMILAR_P99_MS")")"
exit 0
