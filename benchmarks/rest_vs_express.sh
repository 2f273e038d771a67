#!/usr/bin/env bash
# POST /api/livekit/token over loopback at 64 connections (wrk, 2 threads): `lkstudy serve` vs an
# Express server (benchmarks/peers/express: express + livekit-server-sdk + better-sqlite3) doing
# the same work — verify the app JWT, look up the group by room name and the caller's membership
# in SQLite (the same database file), check the removal list of the open session, make sure the
# LiveKit room exists (created on demand, trusted for 30 s on both sides), mint the token.
# Both run against one real livekit-server, one after the other in the same run. For reference, a
# third side: Express with the API mounted from lkstudy's Node binding (createRequestHandler).
# The per-user token rate limit (docs/reliability.md) is off: one user asks for every token, and
# the peer has none.
# Target: lkstudy >= 10x the Express server's requests/s, and a lower p99.
#
# Usage: benchmarks/rest_vs_express.sh [SECONDS_PER_SIDE]   (default 10)
# Needs the build (build/bin/lkstudy) and livekit-server (.deps/bin/server; scripts/setup.sh).
# Installs wrk (Debian) and the peer's node_modules when missing. Env: LKS_BUILD_DIR, LKS_DEPS_DIR.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${LKS_BUILD_DIR:-$root/build}"
deps="${LKS_DEPS_DIR:-$root/.deps}"
seconds="${1:-10}"
lkstudy="$build/bin/lkstudy"
livekit="${LKS_LIVEKIT_SERVER:-$deps/bin/server}"
peer="$root/benchmarks/peers/express"
[ -x "$lkstudy" ] || { echo "missing $lkstudy: build first (scripts/setup.sh)" >&2; exit 2; }
[ -x "$livekit" ] || { echo "missing $livekit: run scripts/setup.sh" >&2; exit 2; }
if ! command -v wrk >/dev/null; then
  sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends wrk >/dev/null
fi
[ -d "$peer/node_modules/better-sqlite3" ] || (cd "$peer" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)

source "$root/benchmarks/lib/stack.sh"
bench_begin rest-bench

bench_start_livekit "$livekit" lks_bench_key
export APP_JWT_SECRET="$(random_secret)"
api_port="$(free_port)"
"$lkstudy" serve --port "$api_port" --db "sqlite:$tmp/bench.db" --env-file "$tmp/none.env" --threads "${LKS_SERVE_THREADS:-8}" \
  --rate-token-per-minute 0 \
  > "$tmp/serve.out" 2> "$tmp/serve.log" & pids+=($!)
wait_http "http://127.0.0.1:$api_port/api/livekit/status"

owner="$("$lkstudy" app-token --user 1 --email owner@example.com)"
user="$("$lkstudy" app-token --user 2 --email john@example.com --name "John Doe")"
group="$(curl -s -X POST "http://127.0.0.1:$api_port/api/study-groups/create" -H "Authorization: Bearer $owner" \
  -H 'Content-Type: application/json' -d '{"title":"Bench","maxParticipants":10}')"
id="$(node -e 'console.log(JSON.parse(process.argv[1]).data.id)' "$group")"
room="$(node -e 'console.log(JSON.parse(process.argv[1]).data.livekitRoomName)' "$group")"
curl -s -o /dev/null -X POST "http://127.0.0.1:$api_port/api/study-groups/$id/join" -H "Authorization: Bearer $user"

express_port="$(free_port)"
PORT="$express_port" DB="$tmp/bench.db" node "$peer/server.mjs" > "$tmp/express.log" 2>&1 & pids+=($!)
wait_http "http://127.0.0.1:$express_port/"

# For reference (no target): the same Express, with the API mounted from lkstudy's Node binding
# (bindings/node/examples/express.js: createRequestHandler over the same SQLite file).
binding_port="$(free_port)"
PORT="$binding_port" DATABASE_URL="sqlite:$tmp/bench.db" LKS_NODE_ADDON="$build/bindings/node/lkstudy.node" \
  node "$root/bindings/node/examples/express.js" > "$tmp/binding.log" 2>&1 & pids+=($!)
wait_http "http://127.0.0.1:$binding_port/healthz"

body="{\"roomName\":\"$room\",\"participantName\":\"John Doe\"}"
cat > "$tmp/post.lua" <<LUA
wrk.method = "POST"
wrk.body = '$body'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $user"
LUA
# Both must answer 200 with a token before the run.
for p in "$api_port" "$express_port" "$binding_port"; do
  out="$(curl -s -w ' %{http_code}' -X POST "http://127.0.0.1:$p/api/livekit/token" -H "Authorization: Bearer $user" \
    -H 'Content-Type: application/json' -d "$body")"
  case "$out" in *'"token":"'*' 200') ;; *) echo "port $p answered: $out" >&2; exit 1 ;; esac
done

run() {  # run NAME PORT -> "rps p50_ms p99_ms non2xx"
  wrk -t2 -c64 -d2s -s "$tmp/post.lua" "http://127.0.0.1:$2/api/livekit/token" >/dev/null  # warm-up
  wrk -t2 -c64 -d"${seconds}s" --latency -s "$tmp/post.lua" "http://127.0.0.1:$2/api/livekit/token" > "$tmp/$1.txt"
  python3 "$(dirname "${BASH_SOURCE[0]}")/lib/wrk_summary.py" "$tmp/$1.txt"
}
read -r l_rps l_p50 l_p99 l_bad l_err <<< "$(run lkstudy "$api_port")"
read -r e_rps e_p50 e_p99 e_bad e_err <<< "$(run express "$express_port")"
read -r b_rps b_p50 b_p99 b_bad b_err <<< "$(run binding "$binding_port")"
echo "POST /api/livekit/token, loopback, wrk -t2 -c64, ${seconds}s per side, $(nproc) cores"
printf '%-34s %10s %9s %9s %8s\n' "" "req/s" "p50 ms" "p99 ms" "non-2xx"
printf '%-34s %10s %9s %9s %8s %s\n' "lkstudy serve (SQLite)" "$l_rps" "$l_p50" "$l_p99" "$l_bad" "$l_err"
printf '%-34s %10s %9s %9s %8s %s\n' "Express + livekit-server-sdk" "$e_rps" "$e_p50" "$e_p99" "$e_bad" "$e_err"
printf '%-34s %10s %9s %9s %8s %s\n' "Express + lkstudy Node binding" "$b_rps" "$b_p50" "$b_p99" "$b_bad" "$b_err"
python3 - "$l_rps" "$e_rps" "$l_p99" "$e_p99" <<'PY'
import sys
lr, er, lp, ep = map(float, sys.argv[1:])
ok = lr >= 10 * er and lp < ep
print(f"ratio: {lr / er:.1f}x requests/s; p99 {lp:.2f} ms vs {ep:.2f} ms; target >= 10x and lower p99: {'MET' if ok else 'NOT MET'}")
PY
python3 -c 'import sys; b, e = map(float, sys.argv[1:]); print(f"Express with the lkstudy binding: {b / e:.1f}x the Express peer (no target)")' "$b_rps" "$e_rps"
[ "$l_bad" = 0 ] && [ "$e_bad" = 0 ] && [ "$b_bad" = 0 ] || { echo "some requests failed (non-2xx)" >&2; exit 1; }
