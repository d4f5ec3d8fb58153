# Shared by the HTTP benchmarks (sourced, not run): tools, the thidua binary, a temporary folder
# cleaned up on exit, the server started on a free port, wrk's report script.
# The sourcing script sets NAME (for messages) before sourcing, and uses SERVER_PID / WORK.

say() { printf '%s\n' "$*" >&2; }
die() { say "bench/$NAME: $*"; exit 1; }

# wrk and curl, installing wrk with apt-get when it is missing.
bench_tools() {
    if ! command -v wrk >/dev/null 2>&1; then
        say "wrk is missing; installing it with apt-get"
        local sudo=""
        [ "$(id -u)" -eq 0 ] || sudo="sudo"
        $sudo apt-get install -y wrk >/dev/null 2>&1 || { $sudo apt-get update >/dev/null 2>&1 && $sudo apt-get install -y wrk >/dev/null 2>&1; } \
            || die "could not install wrk (apt-get install -y wrk)"
    fi
    command -v curl >/dev/null 2>&1 || die "curl is needed"
    command -v python3 >/dev/null 2>&1 || die "python3 is needed"
}

# BIN: $THIDUA_BIN, or a release build of the thidua binary.
bench_binary() {
    if [ -n "${THIDUA_BIN:-}" ]; then
        BIN=$THIDUA_BIN
    else
        say "building: cargo build --release -p thidua"
        BIN=$(cargo build --release -p thidua --message-format=json-render-diagnostics \
            | sed -n 's/.*"executable":"\([^"]*\/thidua\)".*/\1/p' | tail -n 1)
    fi
    [ -x "$BIN" ] || die "no thidua binary (got '$BIN')"
}

# WORK: a temporary folder, removed on exit (kept with BENCH_KEEP=1) after stopping the server.
bench_workdir() {
    WORK=$(mktemp -d "${TMPDIR:-/tmp}/thidua-bench.XXXXXX")
    SERVER_PID=""
    trap bench_cleanup EXIT
    trap 'exit 130' INT TERM
}

bench_cleanup() {
    if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill "$SERVER_PID" 2>/dev/null || true
        for _ in $(seq 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$SERVER_PID" 2>/dev/null || true
    fi
    if [ "${BENCH_KEEP:-0}" = 1 ]; then say "kept $WORK"; else rm -rf "$WORK"; fi
}

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# Starts `thidua serve` on database $1 (further arguments go to serve) and waits for /healthz;
# sets BASE and SERVER_PID.
bench_serve() {
    local db=$1
    shift
    local port
    port=$(free_port)
    BASE="http://127.0.0.1:$port"
    "$BIN" --database "$db" serve --no-reminders --addr "127.0.0.1:$port" "$@" >"$WORK/server.out" 2>"$WORK/server.err" &
    SERVER_PID=$!
    for _ in $(seq 300); do
        curl -fsS "$BASE/healthz" >/dev/null 2>&1 && return 0
        kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/server.err" >&2; die "the server exited"; }
        sleep 0.1
    done
    die "the server did not answer /healthz"
}

# The API token of a demo account ($1), password thidua-demo.
bench_login() {
    local token
    token=$(curl -fsS -H 'content-type: application/json' -d "{\"username\":\"$1\",\"password\":\"thidua-demo\"}" \
        "$BASE/api/v1/auth/login" | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
    [ -n "$token" ] || die "could not log in as $1"
    printf '%s' "$token"
}

# $WORK/report.lua: wrk's summary as one line `RESULT rps=… p50_ms=… p99_ms=… max_ms=… errors=…`.
bench_report_lua() {
    cat >"$WORK/report.lua" <<'LUA'
done = function(summary, latency, requests)
  local s = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format("RESULT rps=%.1f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f errors=%d\n",
    summary.requests / s, latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    e.connect + e.read + e.write + e.timeout + e.status))
end
LUA
}

# A figure of a wrk run's RESULT line: field NAME KEY.
field() { grep '^RESULT' "$WORK/wrk_$1.out" | tr ' ' '\n' | sed -n "s/^$2=//p"; }
pf() { if [ "$1" = 1 ]; then echo PASS; else echo FAIL; fi; }
lt() { awk -v a="$1" -v b="$2" 'BEGIN { print (a + 0 < b + 0) ? 1 : 0 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.3f", a / b; else print "n/a" }'; }
