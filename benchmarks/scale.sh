#!/usr/bin/env bash
# Cost as the work grows (issue 17): POST /api/livekit/token through `lkstudy serve` on a store of
# 10 study groups and of 100,000 groups with 10 members each, on SQLite and on PostgreSQL, at 16,
# 64 and 256 connections (wrk, 2 threads): requests/s, p50 and p99, and the peak RSS of the
# server during the 64-connection run; beside it the Express peer (benchmarks/peers/express:
# express + livekit-server-sdk + better-sqlite3) on the same SQLite files at 64 connections.
# Targets: at 100,000 groups within 20% of the 10-group requests/s (indexes, no scans), p99 at 256
# connections below 50 ms. One real livekit-server (the room is created once, then trusted by the
# live-room cache on both sides, as in rest_vs_express.sh); a real PostgreSQL 15 run as the
# postgres user from a temp folder. Groups are written with SQL in bulk (the store's schema, made
# by `lkstudy serve`'s migrations); the caller is a member of the middle group.
#
#   benchmarks/scale.sh [SECONDS_PER_RUN] [sqlite|postgres ...]   (default 5; both backends)
#
# A measurement, not a test. Needs the build and scripts/setup.sh (livekit-server, wrk, PostgreSQL).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${LKS_BUILD_DIR:-$root/build}"
deps="${LKS_DEPS_DIR:-$root/.deps}"
seconds="${1:-5}"
shift || true
backends=("$@")
[ ${#backends[@]} -gt 0 ] || backends=(sqlite postgres)
lkstudy="$build/bin/lkstudy"
livekit="${LKS_LIVEKIT_SERVER:-$deps/bin/server}"
peer="$root/benchmarks/peers/express"
pgbin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
for tool in "$lkstudy" "$livekit"; do [ -x "$tool" ] || { echo "missing $tool: run scripts/setup.sh" >&2; exit 2; }; done
command -v wrk >/dev/null || { echo "missing wrk: run scripts/setup.sh" >&2; exit 2; }
command -v sqlite3 >/dev/null || { echo "missing sqlite3: run scripts/setup.sh" >&2; exit 2; }
[ -d "$peer/node_modules/better-sqlite3" ] || (cd "$peer" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)

source "$root/benchmarks/lib/stack.sh"
bench_begin scale

export APP_JWT_SECRET="$(random_secret)"
bench_start_livekit "$livekit" lks_scale_key

# Peak RSS (KiB) of process $1 while it lives or until $2 exists: sampled every 100 ms.
sample_rss() {
  local pid="$1" stop="$2" peak=0 kb
  while [ ! -e "$stop" ] && kill -0 "$pid" 2>/dev/null; do
    kb="$(awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status" 2>/dev/null || echo 0)"
    [ "${kb:-0}" -le "$peak" ] || peak="$kb"
    sleep 0.1
  done
  echo "$peak"
}

# wrk_run PORT CONNECTIONS NAME -> "rps p50_ms p99_ms non2xx [socket-errors]" (lib/wrk_summary.py)
wrk_run() {
  local port="$1" c="$2" name="$3"
  wrk -t2 -c"$c" -d1s -s "$tmp/post.lua" "http://127.0.0.1:$port/api/livekit/token" >/dev/null  # warm-up
  wrk -t2 -c"$c" -d"${seconds}s" --latency -s "$tmp/post.lua" "http://127.0.0.1:$port/api/livekit/token" \
    > "$tmp/$name.txt"
  python3 "$(dirname "${BASH_SOURCE[0]}")/lib/wrk_summary.py" "$tmp/$name.txt"
}

# populate_sql GROUPS TRUE: the groups, their rooms and 10 members each (owner u<10g>,
# members u<10g+1>..u<10g+9>), in one statement per table.
populate_sql() {
  local n="$1" true_value="$2"
  cat <<SQL
INSERT INTO study_groups (title, description, max_participants, scheduled_time, duration_minutes,
                          video_provider, use_livekit, livekit_room_name, created_by, created_at, updated_at)
SELECT 'Group ' || i, '', 20, 0, 60, 'livekit', $true_value, 'study_group_1700000000_' || i,
       'u' || (i * 10), 1700000000000, 1700000000000 FROM ($(series "$n" 1 i)) AS n;
INSERT INTO memberships (group_id, user_id, role, joined_at)
SELECT g.id, 'u' || (g.id * 10 + k.k), CASE WHEN k.k = 0 THEN 'owner' ELSE 'member' END, 1700000000000
FROM study_groups g CROSS JOIN ($(series 10 0 k)) AS k;
SQL
}

results=()
express_rss=()
for backend in "${backends[@]}"; do
  for groups in 10 100000; do
    case "$backend" in
      sqlite)
        db="$tmp/scale-$groups.db"
        url="sqlite:$db"
        # series COUNT START COLUMN: a one-column table of COUNT integers from START.
        series() { echo "WITH RECURSIVE s($3) AS (SELECT $2 UNION ALL SELECT $3 + 1 FROM s WHERE $3 < $(( $2 + $1 - 1 ))) SELECT $3 FROM s"; }
        ;;
      postgres)
        if [ -z "$pg_dir" ]; then
          [ -n "$pgbin" ] || { echo "PostgreSQL is not installed (scripts/setup.sh)" >&2; exit 2; }
          pg_dir="$tmp/pg"
          bench_start_postgres "$pgbin" "$pg_dir" "-c max_connections=300"
        fi
        runuser -u postgres -- "$pgbin/psql" -q -h 127.0.0.1 -p "$pg_port" -U postgres -c "CREATE DATABASE scale_$groups" >/dev/null
        url="postgres://postgres@127.0.0.1:$pg_port/scale_$groups"
        series() { echo "SELECT generate_series($2, $(( $2 + $1 - 1 ))) AS $3"; }
        ;;
      *) echo "unknown backend $backend" >&2; exit 2 ;;
    esac
    # The schema from the store's own migrations, then the rows in bulk.
    port="$(free_port)"
    "$lkstudy" serve --port "$port" --db "$url" --env-file "$tmp/none.env" --no-web --rate-token-per-minute 0 \
      > "$tmp/serve.out" 2> "$tmp/serve-$backend-$groups.log" & serve=$!; pids+=($serve)
    wait_http "http://127.0.0.1:$port/api/livekit/status"
    kill "$serve"; wait "$serve" 2>/dev/null || true
    started="$(date +%s)"
    if [ "$backend" = sqlite ]; then
      populate_sql "$groups" 1 | sqlite3 "$db"
    else
      populate_sql "$groups" TRUE | runuser -u postgres -- "$pgbin/psql" -q -v ON_ERROR_STOP=1 -h 127.0.0.1 \
        -p "$pg_port" -U postgres -d "scale_$groups" >/dev/null
      runuser -u postgres -- "$pgbin/psql" -q -h 127.0.0.1 -p "$pg_port" -U postgres -d "scale_$groups" \
        -c "ANALYZE" >/dev/null
    fi
    echo "[scale] $backend: $groups groups, $(( groups * 10 )) memberships written in $(( $(date +%s) - started )) s" >&2

    mid=$(( (groups + 1) / 2 ))
    user="$("$lkstudy" app-token --user "u$(( mid * 10 + 1 ))" --email member@example.com --name Member)"
    room="study_group_1700000000_$mid"
    body="{\"roomName\":\"$room\",\"participantName\":\"Member\"}"
    cat > "$tmp/post.lua" <<LUA
wrk.method = "POST"
wrk.body = '$body'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $user"
LUA
    "$lkstudy" serve --port "$port" --db "$url" --env-file "$tmp/none.env" --no-web --rate-token-per-minute 0 \
      --threads "${LKS_SERVE_THREADS:-8}" > "$tmp/serve.out" 2>> "$tmp/serve-$backend-$groups.log" & serve=$!; pids+=($serve)
    wait_http "http://127.0.0.1:$port/api/livekit/status"
    out="$(curl -s -w ' %{http_code}' -X POST "http://127.0.0.1:$port/api/livekit/token" \
      -H "Authorization: Bearer $user" -H 'Content-Type: application/json' -d "$body")"
    case "$out" in *'"token":"'*' 200') ;; *) echo "lkstudy serve answered: $out" >&2; exit 1 ;; esac
    for c in 16 64 256; do
      rss=""
      if [ "$c" = 64 ]; then
        rm -f "$tmp/stop"; sample_rss "$serve" "$tmp/stop" > "$tmp/rss" & sampler=$!
      fi
      read -r rps p50 p99 bad sock_err <<< "$(wrk_run "$port" "$c" "$backend-$groups-$c")"
      if [ "$c" = 64 ]; then touch "$tmp/stop"; wait "$sampler"; rss="$(( $(cat "$tmp/rss") / 1024 ))"; fi
      results+=("$backend $groups $c $rps $p50 $p99 $bad ${rss:--}")
    done
    kill "$serve"; wait "$serve" 2>/dev/null || true

    if [ "$backend" = sqlite ]; then  # the Express peer on the same file, 64 connections
      eport="$(free_port)"
      PORT="$eport" DB="$db" node "$peer/server.mjs" > "$tmp/express.log" 2>&1 & express=$!; pids+=($express)
      wait_http "http://127.0.0.1:$eport/"
      rm -f "$tmp/stop"; sample_rss "$express" "$tmp/stop" > "$tmp/rss" & sampler=$!
      read -r rps p50 p99 bad sock_err <<< "$(wrk_run "$eport" 64 "express-$groups")"
      touch "$tmp/stop"; wait "$sampler"
      express_rss+=("express $groups 64 $rps $p50 $p99 $bad $(( $(cat "$tmp/rss") / 1024 ))")
      kill "$express"; wait "$express" 2>/dev/null || true
    fi
  done
done

echo "POST /api/livekit/token, loopback, wrk -t2, ${seconds}s per run, $(nproc) cores, lkstudy serve with ${LKS_SERVE_THREADS:-8} threads"
printf '| %-8s | %7s | %5s | %8s | %7s | %7s | %7s | %12s |\n' server groups conns "req/s" "p50 ms" "p99 ms" non-2xx "peak RSS MiB"
printf '|---|---:|---:|---:|---:|---:|---:|---:|\n'
for r in "${results[@]}" "${express_rss[@]}"; do
  read -r b g c rps p50 p99 bad rss <<< "$r"
  printf '| %-8s | %7s | %5s | %8s | %7s | %7s | %7s | %12s |\n' "$b" "$g" "$c" "$rps" "$p50" "$p99" "$bad" "$rss"
done
python3 - "${results[@]}" <<'PY'
import sys
rows = [r.split() for r in sys.argv[1:]]
by = {(b, int(g), int(c)): (float(rps), float(p99)) for b, g, c, rps, p50, p99, bad, rss in rows}
for b in sorted({r[0] for r in rows}):
    for c in (16, 64, 256):
        small, big = by.get((b, 10, c)), by.get((b, 100000, c))
        if small and big:
            rel = big[0] / small[0]
            print(f"{b} {c} connections: 100,000 groups at {rel:.2f}x the 10-group requests/s "
                  f"(target >= 0.80: {'met' if rel >= 0.8 else 'NOT MET'})")
    big256 = by.get((b, 100000, 256))
    if big256:
        print(f"{b} p99 at 256 connections, 100,000 groups: {big256[1]:.1f} ms "
              f"(target < 50 ms: {'met' if big256[1] < 50 else 'NOT MET'})")
PY
