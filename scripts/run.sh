#!/usr/bin/env bash
# Sets everything up (scripts/setup.sh) and runs lkstudy's main job: today it mints a demo token,
# verifies it, and shows how to use the CLI.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
lks_setup

LKS="$LKS_BUILD_DIR/bin/lkstudy"
export LIVEKIT_API_KEY="${LIVEKIT_API_KEY:-devkey}"
export LIVEKIT_API_SECRET="${LIVEKIT_API_SECRET:-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')}"
echo "lkstudy $("$LKS" version | cut -d' ' -f2) — demo"
echo
echo "A join token for user_15 in room study_group_123 (API key $LIVEKIT_API_KEY, a fresh secret):"
TOKEN="$("$LKS" token create --identity user_15 --name "John Doe" --room study_group_123 --join \
  --grant '{"canPublish":true,"canSubscribe":true,"canPublishData":true,"canUpdateOwnMetadata":true}' \
  --metadata '{"userId":15,"email":"john@example.com"}' --ttl 6h)"
echo "$TOKEN"
echo
echo "Its claims, as 'lkstudy token verify' sees them:"
"$LKS" token verify "$TOKEN"
echo
"$LKS" help
