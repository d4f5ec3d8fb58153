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

NAME=initiatives.sh
# shellcheck source=bench/lib.sh
. bench/lib.sh
bench_tools
bench_binary

bench_workdir

DB="sqlite://$WORK/bench.db"
say "loading the province sample into $WORK/bench.db (seed 1)"
"$BIN" --database "$DB" demo --scale province --seed 1 >"$WORK/demo.out" 2>"$WORK/demo.err" \
    || { cat "$WORK/demo.err" >&2; die "demo --scale province failed"; }
say "$(head -n 1 "$WORK/demo.out")"

bench_serve "$DB"
# The city's TĐKT office reads every initiative: the search answers from the whole index.
TOKEN=$(bench_login noivu)
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
bench_report_lua
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
