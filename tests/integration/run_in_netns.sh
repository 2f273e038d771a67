#!/bin/sh
# Runs a test command in a private network namespace: loopback, plus a veth pair whose address
# (198.51.100.1, TEST-NET-2) WebRTC can gather host candidates on. Nothing in it can reach
# another machine, so every test packet stays local; LKS_IN_NETNS=1 tells the tests so.
# Without the rights to make a namespace (unshare needs root or user namespaces), or without veth
# support, LKS_IN_NETNS stays unset and the tests that need real WebRTC participants skip and say
# why; everything else runs on 127.0.0.1 as usual.
if unshare --net true 2>/dev/null; then
  exec unshare --net sh -c '
    ip link set lo up || exit 97
    if ip link add lks0 type veth peer name lks1 2>/dev/null &&
       ip addr add 198.51.100.1/24 dev lks0 && ip link set lks0 up && ip link set lks1 up; then
      LKS_IN_NETNS=1 exec "$@"
    fi
    echo "run_in_netns: no veth support; participant tests will skip" >&2
    exec "$@"' sh "$@"
fi
echo "run_in_netns: cannot create a network namespace; participant tests will skip" >&2
exec "$@"
