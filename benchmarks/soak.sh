#!/usr/bin/env bash
# Soak (issue 15): `lkstudy serve` on SQLite beside a real livekit-server under a mixed load
# (tokens, group reads, room lists, webhooks; 8 client threads) for SECONDS (default 300), with the
# server's RSS and open file descriptors sampled every second (benchmarks/soak.py). Prints RSS and
# fds after warm-up and at the end; the figure is in docs/performance.md.
#
#   benchmarks/soak.sh [SECONDS] [--assert] [--csv FILE]
#
# ctest runs it for 30 s with --assert (label soak): no request fails, and after warm-up RSS grows
# by at most 16 MiB and open fds by at most 16. Needs the build and scripts/setup.sh.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${LKS_BUILD_DIR:-$root/build}"
deps="${LKS_DEPS_DIR:-$root/.deps}"
seconds="${1:-300}"
shift || true
lkstudy="${LKS_LKSTUDY:-$build/bin/lkstudy}"
livekit="${LKS_LIVEKIT_SERVER:-$deps/bin/server}"
for tool in "$lkstudy" "$livekit"; do
  [ -x "$tool" ] || { echo "missing $tool: run scripts/setup.sh" >&2; exit 2; }
done
exec python3 "$root/benchmarks/soak.py" --lkstudy "$lkstudy" --livekit-server "$livekit" \
  --seconds "$seconds" "$@"
