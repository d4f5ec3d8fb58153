#!/usr/bin/env bash
# Benchmark of authentication and permissions (issue 3, "Speed"): authenticated list endpoints must
# keep at least 90% of the throughput of the same requests with the caller fixed in advance (no token
# or cookie looked up), measured in ONE run, in process, over the `province` sample (the scale of the
# directory benchmark). Prints a Markdown table with the ratios and PASS/FAIL. A measurement, not a
# test: it exits 0 whether or not the target is met.
#
# Environment: BENCH_SCALE (city or province, default province), BENCH_SECONDS (per round, default 3),
# BENCH_ROUNDS (default 5), BENCH_CONCURRENCY (default 16).
set -euo pipefail
cd "$(dirname "$0")/.."
exec cargo run --release -q -p thidua-web --example auth_bench -- "${BENCH_SCALE:-province}"
