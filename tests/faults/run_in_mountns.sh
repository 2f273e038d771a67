#!/bin/sh
# Runs a test command in a private mount namespace: what it mounts there (a small tmpfs) is seen by
# it and its children only and vanishes with them, even if the test dies. LKS_IN_MOUNTNS=1 tells
# the test so. Without the rights to make one (unshare needs root or user namespaces) it exits 77,
# which ctest reports as skipped.
if unshare --mount --propagation private true 2>/dev/null; then
  LKS_IN_MOUNTNS=1 exec unshare --mount --propagation private "$@"
fi
echo "SKIPPED: run_in_mountns: cannot create a mount namespace here (unshare --mount refused)"
exit 77
