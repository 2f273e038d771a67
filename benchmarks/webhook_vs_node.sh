#!/usr/bin/env bash
# Webhook receive (verify the JWT, check the body's SHA-256, parse) on one core: lkstudy's
# WebhookReceiver::Receive vs livekit-server-sdk's WebhookReceiver.receive, on the same 600-byte
# participant_joined delivery, measured in one run. Target: lkstudy >= 30x the Node SDK.
#
# Usage: benchmarks/webhook_vs_node.sh [SECONDS_PER_SIDE]   (default 5)
# Needs the build (build/bin/lks_bench_webhook) and the peer's node_modules (scripts/setup.sh,
# or `npm ci` in benchmarks/peers/node-webhook). Env: LKS_BUILD_DIR, LKS_BENCH_CPU (default 0).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${LKS_BUILD_DIR:-$root/build}"
seconds="${1:-5}"
cpu="${LKS_BENCH_CPU:-0}"
body="$root/benchmarks/data/webhook_participant_joined.json"
peer="$root/benchmarks/peers/node-webhook"
bench="$build/bin/lks_bench_webhook"

[ -x "$bench" ] || { echo "missing $bench: build first (scripts/setup.sh)" >&2; exit 2; }
[ -d "$peer/node_modules/livekit-server-sdk" ] || (cd "$peer" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)

pin=(taskset -c "$cpu")
command -v taskset >/dev/null || pin=()

echo "body: $(wc -c < "$body") bytes ($(basename "$body")); cpu $cpu; ${seconds}s per side"
lks_json="$("${pin[@]}" env LKS_WEBHOOK_BODY="$body" "$bench" --benchmark_filter='^BM_WebhookReceive$' \
  --benchmark_min_time="$seconds" --benchmark_format=json 2>/dev/null)"
node_json="$("${pin[@]}" node "$peer/bench.mjs" "$body" "$seconds")"

LKS_JSON="$lks_json" NODE_JSON="$node_json" node -e '
  const lks = JSON.parse(process.env.LKS_JSON).benchmarks.find((b) => b.name === "BM_WebhookReceive");
  const peer = JSON.parse(process.env.NODE_JSON);
  const toNs = { ns: 1, us: 1e3, ms: 1e6, s: 1e9 };
  // CPU time on both sides, so other load on the machine does not skew the ratio.
  const lksCpu = lks.cpu_time * toNs[lks.time_unit];
  const lksWall = lks.real_time * toNs[lks.time_unit];
  const ratio = peer.cpu_ns_per_op / lksCpu;
  const f = (ns) => (ns / 1000).toFixed(2).padStart(8) + " us";
  console.log("                                            CPU/delivery   wall/delivery");
  console.log(`lkstudy WebhookReceiver::Receive           ${f(lksCpu)}    ${f(lksWall)}`);
  console.log(`livekit-server-sdk WebhookReceiver.receive ${f(peer.cpu_ns_per_op)}    ${f(peer.wall_ns_per_op)}`);
  console.log(`ratio (CPU time): ${ratio.toFixed(1)}x   (wall: ${(peer.wall_ns_per_op / lksWall).toFixed(1)}x)   target >= 30x: ${ratio >= 30 ? "MET" : "NOT MET"}`);
  if (process.env.LKS_BENCH_ENFORCE === "1" && ratio < 30) process.exit(1);
'
