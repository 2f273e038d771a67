#!/usr/bin/env bash
# Tests `lkstudy token create|verify` and `lkstudy version` as a user runs them.
# Usage: token_cli_test.sh PATH/TO/lkstudy
set -uo pipefail
LKS="$1"
passed=0
failed=0
check() {  # check DESCRIPTION COMMAND...: the command must succeed
  if "${@:2}"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: $1" >&2; fi
}
contains() { [[ "$1" == *"$2"* ]] || { echo "  expected to find: $2" >&2; echo "  in: $1" >&2; return 1; }; }
equals() { [ "$1" = "$2" ] || { echo "  expected: $2" >&2; echo "  got:      $1" >&2; return 1; }; }

unset LIVEKIT_API_KEY LIVEKIT_API_SECRET

# create prints the JWT alone on stdout.
jwt="$("$LKS" token create --api-key APIkey --api-secret s3cr3t --identity user_15 --name "John Doe" \
  --room study_group_123 --join --ttl 90m --metadata '{"userId":15}' --attribute role=owner \
  --attribute "note=a=b" --grant '{"canPublish":false,"canPublishSources":["camera"]}' --kind agent)"
check "create exits 0 and prints one line" equals "$(printf '%s\n' "$jwt" | wc -l | tr -d ' ')" 1
check "create prints a three-segment JWT" bash -c '[[ "$0" =~ ^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$ ]]' "$jwt"

claims="$("$LKS" token verify --api-key APIkey --api-secret s3cr3t "$jwt")"
check "verify exits 0" test $? -eq 0
check "claims carry identity" contains "$claims" '"sub":"user_15"'
check "claims carry name" contains "$claims" '"name":"John Doe"'
check "claims carry the merged grant" contains "$claims" \
  '"video":{"roomJoin":true,"room":"study_group_123","canPublish":false,"canPublishSources":["camera"]}'
check "claims carry attributes (value may contain =)" contains "$claims" '"attributes":{"note":"a=b","role":"owner"}'
check "claims carry kind" contains "$claims" '"kind":"agent"'
check "claims carry metadata" contains "$claims" '"metadata":"{\"userId\":15}"'
nbf="$(sed -E 's/.*"nbf":([0-9]+).*/\1/' <<<"$claims")"
exp="$(sed -E 's/.*"exp":([0-9]+).*/\1/' <<<"$claims")"
check "--ttl 90m gives exp = nbf + 5400" equals "$((exp - nbf))" 5400

# Key and secret from the environment; the token from stdin.
env_jwt="$(LIVEKIT_API_KEY=envkey LIVEKIT_API_SECRET=envsecret "$LKS" token create --identity bob --admin --room r)"
env_claims="$(printf '%s\n' "$env_jwt" | LIVEKIT_API_KEY=envkey LIVEKIT_API_SECRET=envsecret "$LKS" token verify -)"
check "env credentials and stdin token" contains "$env_claims" '"iss":"envkey","sub":"bob","video":{"roomAdmin":true,"room":"r"}'
check "default TTL is 6 h" bash -c 'c="$0"; n=$(sed -E "s/.*\"nbf\":([0-9]+).*/\1/" <<<"$c"); e=$(sed -E "s/.*\"exp\":([0-9]+).*/\1/" <<<"$c"); [ $((e-n)) -eq 21600 ]' "$env_claims"

# Invalid tokens: exit 1, the reason on stderr, nothing on stdout.
out="$("$LKS" token verify --api-key APIkey --api-secret wrong "$jwt" 2>/tmp/lks_cli_err.$$)"; rc=$?
err="$(cat /tmp/lks_cli_err.$$)"
check "wrong secret exits 1" equals "$rc" 1
check "wrong secret prints nothing on stdout" equals "$out" ""
check "wrong secret names the reason" contains "$err" "bad_signature"
check "the secret never appears in errors" bash -c '[[ "$0" != *wrong* && "$0" != *s3cr3t* ]]' "$err"
"$LKS" token verify --api-key other --api-secret s3cr3t "$jwt" 2>/tmp/lks_cli_err.$$; rc=$?
check "unknown key exits 1 with reason" bash -c '[ "$0" = 1 ] && grep -q unknown_key "$1"' "$rc" /tmp/lks_cli_err.$$
"$LKS" token verify --api-key APIkey --api-secret s3cr3t "not-a-token" 2>/tmp/lks_cli_err.$$; rc=$?
check "garbage exits 1 with reason malformed" bash -c '[ "$0" = 1 ] && grep -q malformed "$1"' "$rc" /tmp/lks_cli_err.$$
short="$("$LKS" token create --api-key APIkey --api-secret s3cr3t --identity u --ttl 1)"
sleep 2
"$LKS" token verify --api-key APIkey --api-secret s3cr3t --leeway 0 "$short" 2>/tmp/lks_cli_err.$$; rc=$?
check "expired exits 1 with reason expired" bash -c '[ "$0" = 1 ] && grep -q expired "$1"' "$rc" /tmp/lks_cli_err.$$
check "leeway accepts the same token" "$LKS" token verify --api-key APIkey --api-secret s3cr3t --leeway 60 "$short" >/dev/null

# Bad usage: exit 2 with a message naming the option; invalid claims: exit 1 naming the field.
"$LKS" token create --api-secret s --identity u 2>/tmp/lks_cli_err.$$; rc=$?
check "missing key is a usage error" bash -c '[ "$0" = 2 ] && grep -q -- "--api-key: required" "$1"' "$rc" /tmp/lks_cli_err.$$
"$LKS" token create --api-key k --api-secret s --identity u --ttl 6x 2>/tmp/lks_cli_err.$$; rc=$?
check "bad ttl is a usage error" bash -c '[ "$0" = 2 ] && grep -q -- "--ttl" "$1"' "$rc" /tmp/lks_cli_err.$$
"$LKS" token create --api-key k --api-secret s --identity u --bogus 2>/tmp/lks_cli_err.$$; rc=$?
check "unknown option is a usage error" bash -c '[ "$0" = 2 ] && grep -q -- "--bogus: unknown option" "$1"' "$rc" /tmp/lks_cli_err.$$
"$LKS" token create --api-key k --api-secret s --join --room r 2>/tmp/lks_cli_err.$$; rc=$?
check "join without identity names the field" bash -c '[ "$0" = 1 ] && grep -q "identity: required when video.roomJoin is granted" "$1"' "$rc" /tmp/lks_cli_err.$$
"$LKS" token create --api-key k --api-secret s --identity u --grant '{"roomJoin":"yes"}' 2>/tmp/lks_cli_err.$$; rc=$?
check "bad --grant names the key" bash -c '[ "$0" = 2 ] && grep -q "grant.roomJoin: expected a boolean" "$1"' "$rc" /tmp/lks_cli_err.$$
rm -f /tmp/lks_cli_err.$$

# app-token mints the app's own user token (for curl against the REST API).
app="$(APP_JWT_SECRET=appsecret "$LKS" app-token --user 15 --email john@example.com --role admin)"
app_payload="$(cut -d. -f2 <<<"$app" | tr '_-' '/+')"
while [ $(( ${#app_payload} % 4 )) -ne 0 ]; do app_payload="$app_payload="; done
check "app-token carries the user" contains "$(base64 -d <<<"$app_payload")" '"sub":"15","userId":15,"email":"john@example.com","role":"admin"'
"$LKS" app-token --secret s 2>/tmp/lks_cli_err.$$; rc=$?
check "app-token needs a user id" bash -c '[ "$0" = 2 ] && grep -q -- "--user" "$1"' "$rc" /tmp/lks_cli_err.$$
rm -f /tmp/lks_cli_err.$$

check "version prints the version" contains "$("$LKS" version)" "lkstudy 0."

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
