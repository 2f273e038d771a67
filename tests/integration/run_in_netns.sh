#!/bin/sh
# Runs a test command in a private network namespace: loopback, plus a veth pair whose address
# (198.51.100.1, TEST-NET-2) WebRTC can gather host candidates on. Nothing in it can reach
# another machine, so every test packet stays local. Without the rights to make a namespace
# (unshare needs root or user namespaces), runs the command as is with LKS_IN_NETNS unset: tests
# that need real WebRTC participants then skip and say why.
if unshare --net true 2>/dev/null; then
  exec unshare --net sh -c '
    ip link set lo up &&
    ip link add lks0 type veth peer name lks1 &&
    ip addr add 198.51.100.1/24 dev lks0 &&
    ip link set lks0 up && ip link set lks1 up &&
    LKS_IN_NETNS=1 exec "$@"' sh "$@"
fi
echo "run_in_netns: cannot create a network namespace; participant tests will skip" >&2
exec "$@"
