#!/usr/bin/env bash
# Benchmark of the rules engine (issue 4): 100,000 cases deserialised, then deserialised and judged, on
# one thread; prints both times, the ratio and whether judging took under 1 s. See docs/eligibility.md.
set -euo pipefail
cd "$(dirname "$0")/.."
exec cargo run --release -p thidua-domain --example rules_bench "$@"
