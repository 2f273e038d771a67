#!/usr/bin/env bash
# Sets everything up (scripts/setup.sh: packages, livekit-server, the build) and runs lkstudy's
# main job: `lkstudy dev` — a local livekit-server with generated keys whose webhooks point at the
# study-group REST API, served on SQLite. It prints the URLs and ready-to-paste curl commands for
# the seed's examples; Ctrl-C stops both. Extra arguments go to `lkstudy dev` (e.g. --port 3001).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
lks_setup
cd "$LKS_ROOT"
exec "$LKS_BUILD_DIR/bin/lkstudy" dev "$@"
