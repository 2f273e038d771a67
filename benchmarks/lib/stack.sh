# Shared by the benchmark scripts that start a stack (scale.sh, rest_vs_express.sh,
# pg_token_statements.sh): free ports, waiting for HTTP, one livekit-server and one PostgreSQL
# on loopback. Source it, then call `bench_begin NAME` for the temp folder and the clean-up.

# bench_begin NAME: sets `tmp` (a fresh /tmp/lks-NAME.* folder the postgres user can read), an
# empty `pids` array (processes started for the run) and `pg_dir` (set it to a PostgreSQL's data
# folder once one runs; its binaries are `$pgbin`); on exit, bench_cleanup kills the processes,
# stops that PostgreSQL and removes the folder.
bench_begin() {
  tmp="$(mktemp -d "/tmp/lks-$1.XXXXXX")"
  chmod 755 "$tmp"
  pids=()
  pg_dir=""
  trap bench_cleanup EXIT
}
bench_cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  [ -z "$pg_dir" ] || bench_stop_postgres "$pgbin" "$pg_dir"
  rm -rf "$tmp"
}

# free_port: as the tests choose ports (tests/support/python/lks_testing.py: below the ephemeral range).
free_port() {
  python3 -c 'import sys; sys.path.insert(0, sys.argv[1]); import lks_testing; print(lks_testing.free_port())' \
    "$(dirname "${BASH_SOURCE[0]}")/../../tests/support/python"
}
wait_http() { for _ in $(seq 1 300); do curl -s -o /dev/null "$1" && return 0; sleep 0.2; done; echo "no answer from $1" >&2; exit 1; }
random_secret() { head -c 24 /dev/urandom | base64 | tr -dc A-Za-z0-9 | head -c 32; }

# bench_start_livekit BINARY KEY: a livekit-server on loopback with KEY and a random secret; sets
# lk_port and exports LIVEKIT_SERVER_URL, LIVEKIT_API_KEY and LIVEKIT_API_SECRET.
bench_start_livekit() {
  local binary="$1" key="$2" secret
  secret="$(random_secret)"
  lk_port="$(free_port)"
  cat > "$tmp/livekit.yaml" <<YAML
port: $lk_port
bind_addresses: ["127.0.0.1"]
keys:
  $key: $secret
rtc:
  tcp_port: $(free_port)
  udp_port: $(free_port)
  node_ip: 127.0.0.1
  use_external_ip: false
logging:
  level: warn
YAML
  "$binary" --config "$tmp/livekit.yaml" > "$tmp/livekit.log" 2>&1 & pids+=($!)
  wait_http "http://127.0.0.1:$lk_port/"
  export LIVEKIT_SERVER_URL="ws://127.0.0.1:$lk_port" LIVEKIT_API_KEY="$key" LIVEKIT_API_SECRET="$secret"
}

# bench_start_postgres PGBIN DIR [SERVER OPTIONS]: initdb and start a PostgreSQL as the postgres
# user in DIR (fsync off) on a free loopback port; sets pg_port. Stop it with bench_stop_postgres.
bench_start_postgres() {
  local pgbin="$1" dir="$2" extra="${3:-}"
  mkdir -p "$dir" "$tmp/pgsock"; chown postgres "$dir" "$tmp/pgsock"
  pg_port="$(free_port)"
  runuser -u postgres -- "$pgbin/initdb" -D "$dir" -A trust -U postgres >/dev/null
  runuser -u postgres -- "$pgbin/pg_ctl" -D "$dir" -l "$tmp/pgsock/pg.log" -w \
    -o "-p $pg_port -k $tmp/pgsock -c listen_addresses=127.0.0.1 -c fsync=off $extra" start >/dev/null
}
bench_stop_postgres() {
  runuser -u postgres -- "$1/pg_ctl" -D "$2" -m immediate stop >/dev/null 2>&1 || true
}
