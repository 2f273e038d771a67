#!/usr/bin/env python3
"""The soak run behind benchmarks/soak.sh: `lkstudy serve` (SQLite) beside a real livekit-server,
under a mixed load for SECONDS: app-token holders asking for LiveKit tokens, reading their groups,
listing rooms, and LiveKit-signed webhooks (rooms starting, participants joining and leaving),
from 8 client threads. The server's RSS and open file descriptors are sampled every second.

Prints a summary (requests by kind, errors, RSS and fds after warm-up and at the end) and writes the
samples as CSV (--csv). With --assert, exits 1 when after warm-up (the first third of the run, at
least 10 s) RSS grew by more than --max-rss-growth-mib or fds by more than --max-fd-growth, or when
any request failed.

usage: soak.py --lkstudy BIN --livekit-server BIN [--seconds N] [--assert] [--csv FILE]
"""
import argparse, json, os, random, subprocess, sys, threading, time

_tests = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests")
sys.path[:0] = [os.path.join(_tests, "faults"), os.path.join(_tests, "support", "python")]
from faultlib import (API_KEY, API_SECRET, Serve, app_token, call, create_group,  # noqa: E402
                      post_webhook, temp_dir)
from lks_testing import free_port, wait_http  # noqa: E402


def start_livekit(binary, tmp):
    port, rtc = free_port(), free_port()
    cfg = os.path.join(tmp, "livekit.yaml")
    with open(cfg, "w") as f:
        f.write(f"port: {port}\nbind_addresses: [\"127.0.0.1\"]\nkeys:\n  {API_KEY}: {API_SECRET}\n"
                f"rtc:\n  tcp_port: {rtc}\n  udp_port: {rtc}\n  node_ip: 127.0.0.1\n"
                f"  use_external_ip: false\n")
    proc = subprocess.Popen([binary, "--config", cfg], stdout=open(tmp + "/livekit.log", "w"),
                            stderr=subprocess.STDOUT)
    wait_http(f"http://127.0.0.1:{port}/", 30, proc, "livekit-server", tmp + "/livekit.log")
    return proc, f"ws://127.0.0.1:{port}"


def sample(pid):
    with open(f"/proc/{pid}/status") as f:
        rss = next(int(l.split()[1]) for l in f if l.startswith("VmRSS:"))
    return rss, len(os.listdir(f"/proc/{pid}/fd"))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lkstudy", required=True)
    ap.add_argument("--livekit-server", required=True)
    ap.add_argument("--seconds", type=int, default=300)
    ap.add_argument("--threads", type=int, default=8)
    ap.add_argument("--assert", dest="check", action="store_true")
    ap.add_argument("--max-rss-growth-mib", type=float, default=16)
    ap.add_argument("--max-fd-growth", type=int, default=16)
    ap.add_argument("--csv")
    a = ap.parse_args()

    tmp, cleanup = temp_dir("lks-soak-")
    lk, lk_url = start_livekit(a.livekit_server, tmp)
    serve = None
    try:
        serve = Serve(a.lkstudy, "sqlite:" + tmp + "/soak.db", tmp, livekit_url=lk_url)
        groups = []
        for i in range(8):
            s, g = create_group(serve.port, str(10 + i), f"Soak {i}", {"useLiveKit": True})
            if s != 201:
                sys.exit(f"cannot create a group: {s} {g}")
            groups.append((str(10 + i), g["data"]["id"], g["data"]["livekitRoomName"]))
        counts, errors, lock = {}, [], threading.Lock()
        stop = threading.Event()
        seq = [0]

        def one(rng):
            user, gid, room = rng.choice(groups)
            kind = rng.choice(("token", "group", "group", "rooms", "webhook"))
            if kind == "token":
                r = call(serve.port, "POST", "/api/livekit/token", app_token(user),
                         json.dumps({"roomName": room, "participantName": "Soak"}).encode())
            elif kind == "group":
                r = call(serve.port, "GET", f"/api/study-groups/{gid}", app_token(user))
            elif kind == "rooms":
                r = call(serve.port, "GET", "/api/livekit/rooms", app_token(user))
            else:
                with lock:
                    seq[0] += 1
                    n = seq[0]
                # Event n and n+1 are one participant joining and leaving one group's room; a
                # room session lasts 20 events.
                user, gid, room = groups[(n // 2) % len(groups)]
                now = int(time.time())
                sid = f"RM_soak{gid}_{n // (20 * len(groups))}"
                ev = ("participant_joined", "participant_left")[n % 2]
                r = post_webhook(serve.port, json.dumps({
                    "event": ev, "id": f"EV_soak_{n}", "createdAt": str(now),
                    "room": {"sid": sid, "name": room, "creationTime": str(now)},
                    "participant": {"sid": f"PA_{n // 2}", "identity": f"user_{n // 2}",
                                    "joinedAt": str(now)}}).encode())
            with lock:
                counts[kind] = counts.get(kind, 0) + 1
                if r[0] not in (200, 201):
                    errors.append(f"{kind}: {r[0]} {r[2][:160]!r}")

        def client(i):
            rng = random.Random(i)
            while not stop.is_set():
                try:
                    one(rng)
                except OSError as e:
                    with lock:
                        errors.append(repr(e))
        clients = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(a.threads)]
        start = time.monotonic()
        for c in clients:
            c.start()
        samples = []
        while time.monotonic() - start < a.seconds:
            time.sleep(max(0.0, 1.0 - (time.monotonic() - start) % 1.0))
            rss, fds = sample(serve.proc.pid)
            with lock:
                done = sum(counts.values())
            samples.append((round(time.monotonic() - start, 1), rss, fds, done))
        stop.set()
        for c in clients:
            c.join(30)
        if a.csv:
            with open(a.csv, "w") as f:
                f.write("seconds,rss_kib,fds,requests\n")
                f.writelines(",".join(map(str, s)) + "\n" for s in samples)
        warm = max(10, a.seconds // 3)
        after = [s for s in samples if s[0] >= warm] or samples[-1:]
        base = after[0]
        rss_growth = (max(s[1] for s in after) - base[1]) / 1024
        fd_growth = max(s[2] for s in after) - base[2]
        total = sum(counts.values())
        print(f"soak: {a.seconds} s, {a.threads} client threads, {total} requests "
              f"({total / a.seconds:.0f}/s): " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
        print(f"soak: errors {len(errors)}{': ' + errors[0] if errors else ''}")
        print(f"soak: RSS {samples[0][1] / 1024:.1f} MiB at 1 s, {base[1] / 1024:.1f} MiB after "
              f"warm-up ({warm} s), {samples[-1][1] / 1024:.1f} MiB at the end, max "
              f"{max(s[1] for s in samples) / 1024:.1f} MiB; growth after warm-up "
              f"{rss_growth:.1f} MiB (bound {a.max_rss_growth_mib:g})")
        print(f"soak: open fds {samples[0][2]} at 1 s, {base[2]} after warm-up, {samples[-1][2]} "
              f"at the end, max {max(s[2] for s in samples)}; growth after warm-up {fd_growth} "
              f"(bound {a.max_fd_growth})")
        print(f"soak: load average {os.getloadavg()[0]:.1f} (1 min) on {os.cpu_count()} cores")
        if a.check:
            ok = not errors and rss_growth <= a.max_rss_growth_mib and fd_growth <= a.max_fd_growth
            print("soak: " + ("ok" if ok else "FAIL"))
            return 0 if ok else 1
        return 0
    finally:
        if serve:
            serve.stop()
        lk.terminate()
        lk.wait(10)
        cleanup()


if __name__ == "__main__":
    sys.exit(main())
