#!/usr/bin/env bash
# What one POST /api/livekit/token costs PostgreSQL (issue 17): `lkstudy serve` on a real
# PostgreSQL with pg_stat_statements, one real livekit-server, 10 groups as in scale.sh; after a
# warm-up (the room created once, the live-room cache then holds), N sequential token requests for
# a member over one keep-alive connection; then every statement PostgreSQL ran during them, with
# calls per request (BEGIN/COMMIT included), how often each was planned (a prepared statement
# runs a cached generic plan once PostgreSQL chose one) and its mean times, and the server
# connections (backends) it saw.
#
#   benchmarks/pg_token_statements.sh [LKSTUDY_BINARY] [REQUESTS]   (default build/bin/lkstudy, 1000)
#
# A measurement, not a test. Needs scripts/setup.sh (livekit-server, PostgreSQL).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
deps="${LKS_DEPS_DIR:-$root/.deps}"
lkstudy="${1:-$root/build/bin/lkstudy}"
requests="${2:-1000}"
livekit="${LKS_LIVEKIT_SERVER:-$deps/bin/server}"
pgbin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
for tool in "$lkstudy" "$livekit"; do [ -x "$tool" ] || { echo "missing $tool" >&2; exit 2; }; done
[ -n "$pgbin" ] || { echo "PostgreSQL is not installed (scripts/setup.sh)" >&2; exit 2; }

source "$root/benchmarks/lib/stack.sh"
bench_begin pgstmt
pg_dir="$tmp/pg"

export APP_JWT_SECRET="$(random_secret)"
bench_start_livekit "$livekit" lks_stmt_key

bench_start_postgres "$pgbin" "$pg_dir" "-c shared_preload_libraries=pg_stat_statements \
  -c pg_stat_statements.track=all -c pg_stat_statements.track_utility=on \
  -c pg_stat_statements.track_planning=on"
psql() { runuser -u postgres -- "$pgbin/psql" -q -X -h 127.0.0.1 -p "$pg_port" -U postgres "$@"; }
psql -c "CREATE DATABASE stmt" >/dev/null
psql -d stmt -c "CREATE EXTENSION pg_stat_statements" >/dev/null
url="postgres://postgres@127.0.0.1:$pg_port/stmt"

port="$(free_port)"
"$lkstudy" serve --port "$port" --db "$url" --env-file "$tmp/none.env" --no-web --rate-token-per-minute 0 \
  > "$tmp/serve.out" 2> "$tmp/serve.log" & serve=$!; pids+=($serve)
wait_http "http://127.0.0.1:$port/api/livekit/status"
psql -d stmt -v ON_ERROR_STOP=1 >/dev/null <<SQL
INSERT INTO study_groups (title, description, max_participants, scheduled_time, duration_minutes,
                          video_provider, use_livekit, livekit_room_name, created_by, created_at, updated_at)
SELECT 'Group ' || i, '', 20, 0, 60, 'livekit', TRUE, 'study_group_1700000000_' || i,
       'u' || (i * 10), 1700000000000, 1700000000000 FROM generate_series(1, 10) AS i;
INSERT INTO memberships (group_id, user_id, role, joined_at)
SELECT g.id, 'u' || (g.id * 10 + k), CASE WHEN k = 0 THEN 'owner' ELSE 'member' END, 1700000000000
FROM study_groups g CROSS JOIN generate_series(0, 9) AS k;
SQL
user="$("$lkstudy" app-token --user u51 --email member@example.com --name Member)"
body='{"roomName":"study_group_1700000000_5","participantName":"Member"}'
post() {
  python3 - "$port" "$user" "$body" "$1" <<'PY'
import http.client, sys
port, user, body, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
c = http.client.HTTPConnection("127.0.0.1", int(port))
for _ in range(n):
    c.request("POST", "/api/livekit/token", body,
              {"Authorization": "Bearer " + user, "Content-Type": "application/json"})
    r = c.getresponse(); r.read()
    if r.status != 200: sys.exit(f"answered {r.status}")
PY
}
post 20  # warm-up: the room is created, statements are prepared on the pooled connections
psql -d stmt -c "SELECT pg_stat_statements_reset()" >/dev/null
post "$requests"
echo "$("$lkstudy" --version 2>/dev/null | head -1): $requests token requests"
echo "| per request | calls | plans | mean exec ms | mean plan ms | statement |"
echo "|---:|---:|---:|---:|---:|---|"
psql -d stmt -At -F ' | ' -c "SELECT round(calls::numeric / $requests, 2), calls, plans,
  round(mean_exec_time::numeric, 4), round(mean_plan_time::numeric, 4),
  regexp_replace(left(query, 90), '\s+', ' ', 'g') FROM pg_stat_statements
  WHERE dbid = (SELECT oid FROM pg_database WHERE datname = 'stmt') AND query NOT LIKE '%pg_stat%'
  ORDER BY calls DESC" | sed 's/^/| /; s/$/ |/'
echo "statements per request: $(psql -d stmt -At -c "SELECT round(sum(calls)::numeric / $requests, 2)
  FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = 'stmt')
  AND query NOT LIKE '%pg_stat%'")" "(BEGIN and COMMIT would count: track_utility is on)"
echo "backends (server connections) of lkstudy serve: $(psql -d stmt -At -c "SELECT count(*) FROM pg_stat_activity WHERE datname = 'stmt' AND pid <> pg_backend_pid()")"
