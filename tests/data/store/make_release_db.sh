#!/usr/bin/env bash
# Writes a SQLite database with a released `lkstudy` the way a deployment would (its REST API and
# signed webhooks, nothing hand-made), and prints its `sqlite3 .dump`. The dump is committed as
# release_<version>.sqlite.sql; tests/storage/schema_upgrade_test.cc opens it with the current
# store, which migrates it, and checks that no row was lost.
#
#   bash tests/data/store/make_release_db.sh /path/to/released/lkstudy > release_v2.sqlite.sql
#
# release_v2.sqlite.sql was made with the lkstudy of commit d6d0f92 (schema version 2):
#   git archive d6d0f92 | tar -x -C /tmp/rel && cmake -S /tmp/rel -B /tmp/rel/build -G Ninja \
#     -DLKS_BUILD_NODE=OFF -DLKS_BUILD_KOTLIN=OFF -DBUILD_TESTING=OFF \
#     && cmake --build /tmp/rel/build --target lkstudy
set -euo pipefail
cli="${1:?usage: make_release_db.sh LKSTUDY}"
dir="$(mktemp -d)"
trap 'kill "$serve" 2>/dev/null || true; wait "$serve" 2>/dev/null || true; rm -rf "$dir"' EXIT
key=release_key
secret=release-secret-of-some-length-0123456789
app=release-app-secret
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$cli" serve --port "$port" --db "sqlite:$dir/api.db" --api-key "$key" --api-secret "$secret" \
  --app-jwt-secret "$app" --no-web >"$dir/serve.log" 2>&1 &
serve=$!
api="http://127.0.0.1:$port"
for _ in $(seq 100); do curl -fs "$api/api/livekit/status" >/dev/null && break; sleep 0.1; done

token() { "$cli" app-token --user "$1" --name "User $1" --secret "$app"; }
call() {  # METHOD PATH USER [BODY]
  curl -fsS -X "$1" "$api$2" -H "Authorization: Bearer $(token "$3")" \
    -H 'Content-Type: application/json' -d "${4:-{\}}" >/dev/null
}
webhook() {  # BODY
  local auth
  auth=$(printf '%s' "$1" | "$cli" webhook sign --api-key "$key" --api-secret "$secret" -)
  curl -fsS -X POST "$api/api/livekit/webhook" -H "Authorization: $auth" \
    -H 'Content-Type: application/webhook+json' --data-binary "$1" >/dev/null
}

# Two groups as the seed creates them: one on LiveKit with a schedule, one on Google Meet.
call POST /api/study-groups/create 15 \
  '{"title":"Gospel of John","description":"Weekly","videoProvider":"livekit","useLiveKit":true,"maxParticipants":15,"scheduledTime":"2025-10-15T19:00:00.000Z","durationMinutes":90}'
call POST /api/study-groups/create 20 \
  '{"title":"Psalms","videoProvider":"google_meet","useLiveKit":false,"meetLink":"https://meet.google.com/abc-defg-hij","meetId":"abc-defg-hij"}'
room=$(curl -fsS "$api/api/study-groups/1" -H "Authorization: Bearer $(token 15)" |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["data"]["livekitRoomName"])')
for u in 16 17 18; do call POST /api/study-groups/1/join "$u"; done
call POST /api/study-groups/1/leave 18
call POST /api/study-groups/2/join 16

# One session of group 1 with two attendees, as livekit-server reports it.
t0=1760554800
webhook "{\"event\":\"room_started\",\"id\":\"EV_r1\",\"createdAt\":\"$t0\",\"room\":{\"sid\":\"RM_release\",\"name\":\"$room\",\"creationTime\":\"$t0\"}}"
for u in 16 17; do
  webhook "{\"event\":\"participant_joined\",\"id\":\"EV_j$u\",\"createdAt\":\"$((t0 + u))\",\"room\":{\"sid\":\"RM_release\",\"name\":\"$room\"},\"participant\":{\"sid\":\"PA_$u\",\"identity\":\"user_$u\",\"name\":\"User $u\",\"joinedAt\":\"$((t0 + u))\"}}"
done
webhook "{\"event\":\"participant_left\",\"id\":\"EV_l16\",\"createdAt\":\"$((t0 + 616))\",\"room\":{\"sid\":\"RM_release\",\"name\":\"$room\"},\"participant\":{\"sid\":\"PA_16\",\"identity\":\"user_16\",\"name\":\"User 16\"}}"
webhook "{\"event\":\"room_finished\",\"id\":\"EV_f1\",\"createdAt\":\"$((t0 + 1217))\",\"room\":{\"sid\":\"RM_release\",\"name\":\"$room\"}}"

kill "$serve"
wait "$serve" 2>/dev/null || true
sqlite3 "$dir/api.db" .dump
