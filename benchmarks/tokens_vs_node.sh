#!/usr/bin/env bash
# lkstudy's token mint/verify against LiveKit's Node SDK (livekit-server-sdk), in one run, on one
# core: the Google Benchmark binary (benchmarks/tokens_bench.cc, single-threaded runs) and
# benchmarks/peers/node/tokens_bench.mjs, both under `taskset -c 0`, same claims. Prints tokens/s
# for each and the ratios to the floor, the MAC with a precomputed key schedule over the same
# signing input (targets: mint <= 1.6x, verify <= 2.0x; issue 17), with the Node SDK and OpenSSL's
# one-shot HMAC() as reference lines. lkstudy's benchmarks run as 5 repetitions (rows: median and
# range). A measurement, not a test: it always exits 0 unless something fails to run.
#
#   benchmarks/tokens_vs_node.sh [SECONDS_PER_MEASUREMENT]   (default 2; per repetition: / 5)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/setup.sh"

per_run="${1:-2}"
cpu="${LKS_BENCH_CPU:-0}"
[ -f "$LKS_BUILD_DIR/build.ninja" ] || lks_setup
cmake --build "$LKS_BUILD_DIR" --target lks_bench_tokens >/dev/null
lks_ensure_npm "$LKS_ROOT/benchmarks/peers/node"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
lks_log "lkstudy (Google Benchmark, ${per_run}s per benchmark, core $cpu)"
rep_time="$(awk -v t="$per_run" 'BEGIN { printf "%.2f", t / 5 }')"
taskset -c "$cpu" "$LKS_BUILD_DIR/bin/lks_bench_tokens" --benchmark_filter='^BM_[A-Za-z0-9]+$' \
  --benchmark_min_time="$rep_time" --benchmark_repetitions=5 --benchmark_enable_random_interleaving=true \
  --benchmark_out="$tmp/lkstudy.json" --benchmark_out_format=json >/dev/null
lks_log "livekit-server-sdk (Node, ${per_run}s per measurement, core $cpu)"
taskset -c "$cpu" node "$LKS_ROOT/benchmarks/peers/node/tokens_bench.mjs" --seconds "$per_run" >"$tmp/node.json"
LKS_BUILD_TYPE="$(sed -n 's/^CMAKE_BUILD_TYPE:STRING=//p' "$LKS_BUILD_DIR/CMakeCache.txt")" \
LKS_OPENSSL_VERSION="$(openssl version 2>/dev/null || true)" \
  node "$LKS_ROOT/benchmarks/peers/node/report.mjs" "$tmp/lkstudy.json" "$tmp/node.json"
