"""Attendance survives lost webhook deliveries (issue 14): a real livekit-server delivers its
webhooks to `lkstudy serve` through DroppingWebhookProxy, a FAULT INJECTOR of this test that
drops a fixed half of the room and participant lifecycle deliveries (it answers 200, so LiveKit
believes they arrived and never retries). Three real participants (tests/participant) join and
leave at known times; serve reconciles every 2 s (--reconcile-interval 2s). The room then ends by
itself (departure_timeout) and its room_finished is one of the dropped deliveries.

What is dropped, and what it would cost without reconciliation:
  participant_joined of user_21   its ~30 s would be lost (the leave finds no row)
  participant_left   of user_22   its row would stay open (no room_finished either)
  participant_joined of user_23   its ~30 s would be lost
  room_finished                   the session and user_22's row would stay open for ever
(4 of the 8 lifecycle deliveries; room_started and the other three are forwarded.) A second part
ends a session by DELETE on a serve that reconciles only then (--reconcile-interval 0): user_24's
dropped join is recovered by the reconciliation DELETE runs before deleting the room.

Checks: usage is within one participant-minute of what the participants measured (the issue's
bound) and each participant within a few seconds; every row the drops touched says
source=reconcile; no row and no session stays open; and the proxy did drop the four.
Needs the private network namespace (run_in_netns.sh) for WebRTC; exits 77 (skipped) without it.

usage: lost_webhooks_test.py LKSTUDY LIVEKIT_SERVER PARTICIPANT
"""
import http.server, json, os, subprocess, sys, threading, time, urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support", "python"))
from faultlib import API_KEY, API_SECRET, Checks, Serve, app_token, call, temp_dir  # noqa: E402
from lks_testing import free_port, wait_http, wait_until  # noqa: E402

DROP = {("participant_joined", "user_21"), ("participant_left", "user_22"),
        ("participant_joined", "user_23"), ("room_finished", None),
        ("participant_joined", "user_24")}  # the second part's
LIFECYCLE = {"room_started", "room_finished", "participant_joined", "participant_left"}


class DroppingWebhookProxy:
    """FAULT INJECTOR: forwards LiveKit's webhook deliveries to serve, except those named in DROP,
    which it answers 200 without forwarding (a delivery lost after LiveKit handed it over)."""

    def __init__(self, target_port):
        self.port = free_port()
        self.target_port = target_port  # may be changed: deliveries go to the serve it names
        self.dropped, self.forwarded = [], []
        proxy = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                event = json.loads(body)
                kind = event.get("event", "")
                who = (event.get("participant") or {}).get("identity")
                key = (kind, who if kind.startswith("participant_") else None)
                if key in DROP:
                    proxy.dropped.append(key)
                    status = 200
                else:
                    req = urllib.request.Request(
                        f"http://127.0.0.1:{proxy.target_port}/api/livekit/webhook", data=body,
                        method="POST", headers={"Content-Type": self.headers["Content-Type"],
                                                "Authorization": self.headers["Authorization"]})
                    try:
                        with urllib.request.urlopen(req, timeout=10) as r:
                            status = r.status
                    except urllib.error.HTTPError as e:
                        status = e.code
                    if kind in LIFECYCLE:
                        proxy.forwarded.append((key, status))
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        self.server.shutdown()


def start_livekit(binary, tmp, port, webhook_url):
    tcp, udp = free_port(), free_port()
    cfg = os.path.join(tmp, "livekit.yaml")
    with open(cfg, "w") as f:
        f.write(f"port: {port}\nbind_addresses: [\"127.0.0.1\"]\nkeys:\n  {API_KEY}: {API_SECRET}\n"
                f"rtc:\n  tcp_port: {tcp}\n  udp_port: {udp}\n  node_ip: 127.0.0.1\n"
                f"  use_external_ip: false\n  enable_loopback_candidate: true\n"
                f"room:\n  empty_timeout: 5\n  departure_timeout: 1\n"
                f"webhook:\n  api_key: {API_KEY}\n  urls:\n    - \"{webhook_url}\"\n"
                f"logging:\n  level: info\n")
    proc = subprocess.Popen([binary, "--config", cfg], stdout=open(tmp + "/livekit.log", "w"),
                            stderr=subprocess.STDOUT)
    wait_http(f"http://127.0.0.1:{port}/", 30, proc, "livekit-server", tmp + "/livekit.log")
    return proc


class Participant:
    """A real participant; it measures its own time in the room: from JOINED to its exit."""

    def __init__(self, binary, url, token, log):
        self.log = log
        self.proc = subprocess.Popen([binary, "-url", url, "-token", token], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=open(log, "w"), text=True)
        self.joined = self.left = None
        self.lines = []
        got = threading.Event()

        def read():
            for line in self.proc.stdout:
                self.lines.append(line.strip())
                if line.startswith("JOINED "):
                    self.joined = time.monotonic()
                    got.set()
            got.set()
        threading.Thread(target=read, daemon=True).start()
        if not got.wait(30) or self.joined is None:
            self.proc.kill()
            sys.exit(f"participant did not join: {self.lines}\n" + open(log).read()[-2000:])

    def leave(self):
        self.proc.stdin.close()
        self.proc.wait(timeout=20)
        self.left = time.monotonic()

    def seconds(self):
        return self.left - self.joined


def api(serve, method, path, user, body=None):
    s, _, b, _ = call(serve.port, method, path, app_token(user),
                      json.dumps(body).encode() if body is not None else None)
    return s, (json.loads(b) if b.startswith(b"{") else b)


def main():
    lkstudy, lk_binary, participant = sys.argv[1:4]
    check = Checks()
    # A bad interval is refused before anything starts, naming the flag.
    r = subprocess.run([lkstudy, "serve", "--reconcile-interval", "soon", "--env-file", "/nonexistent",
                        "--app-jwt-secret", "x" * 32], capture_output=True, text=True, timeout=30)
    check(r.returncode == 2 and "--reconcile-interval" in r.stderr,
          f"--reconcile-interval soon: exit {r.returncode}, {r.stderr.strip()[:120]}")
    if os.environ.get("LKS_IN_NETNS") != "1":
        print("SKIPPED: needs the private network namespace of run_in_netns.sh for WebRTC")
        return 77 if not check.failures else 1
    tmp, cleanup = temp_dir("lks-lost-webhooks-")
    serve = lk = proxy = None
    people = []
    try:
        # serve first (it calls LiveKit only on demand), then the proxy in front of it, then
        # LiveKit delivering to the proxy.
        lk_port = free_port()
        serve = Serve(lkstudy, f"sqlite:{tmp}/lost.db", tmp, livekit_url=f"ws://127.0.0.1:{lk_port}",
                      extra=("--reconcile-interval", "2s"))
        proxy = DroppingWebhookProxy(serve.port)
        lk = start_livekit(lk_binary, tmp, lk_port, f"http://127.0.0.1:{proxy.port}/")
        lk_url = f"ws://127.0.0.1:{lk_port}"

        s, g = api(serve, "POST", "/api/study-groups/create", "21",
                   {"title": "Lost deliveries", "useLiveKit": True, "maxParticipants": 10})
        if not check(s == 201, f"group created ({s})"):
            return check.exit_code()
        gid, room = g["data"]["id"], g["data"]["livekitRoomName"]
        tokens = {}
        for user in ("21", "22", "23"):
            if user != "21":
                api(serve, "POST", f"/api/study-groups/{gid}/join", user)
            s, t = api(serve, "POST", "/api/livekit/token", user,
                       {"roomName": room, "participantName": f"User {user}"})
            if not check(s == 200, f"token for user {user} ({s})"):
                return check.exit_code()
            tokens[user] = t["data"]["token"]

        # Known times (s after the first join): 21 and 23 from ~0 to 30, 22 from ~0 to 10. Without
        # reconciliation usage would be 0 (21's and 23's rows never open, 22's never closes):
        # more than one participant-minute below the ~1.17 measured.
        start = time.monotonic()
        p21 = Participant(participant, lk_url, tokens["21"], f"{tmp}/p21.log")
        p22 = Participant(participant, lk_url, tokens["22"], f"{tmp}/p22.log")
        p23 = Participant(participant, lk_url, tokens["23"], f"{tmp}/p23.log")
        people = [p21, p22, p23]
        time.sleep(max(0, start + 10 - time.monotonic()))
        p22.leave()
        time.sleep(max(0, start + 30 - time.monotonic()))
        p21.leave()
        p23.leave()
        measured = {"21": p21.seconds(), "22": p22.seconds(), "23": p23.seconds()}
        print("measured seconds:", {k: round(v, 2) for k, v in measured.items()}, flush=True)

        # The room ends by itself (departure_timeout 1 s); its room_finished is dropped, so the
        # reconcile pass that finds the room gone closes the session.
        path = f"/api/study-groups/{gid}/attendance"

        def ended():
            s, a = api(serve, "GET", path, "22")
            return a if s == 200 and a["data"]["sessions"] and all(
                x["endedAt"] for x in a["data"]["sessions"]) else None
        a = wait_until(ended, 40, 0.5)
        if not check(bool(a), "the session ended (closed by reconciliation) within 40 s"):
            print(serve.tail(), flush=True)
            return check.exit_code()
        sessions = a["data"]["sessions"]
        check(len(sessions) == 1, f"one session ({len(sessions)})")
        rows = sessions[0]["attendance"]
        check(all(r["leftAt"] for r in rows), "no attendance row stays open")
        by_user = {}
        for r in rows:
            by_user.setdefault(r["userId"], []).append(r)
        print("rows:", json.dumps(rows), flush=True)
        for user in ("21", "22", "23"):
            mine = by_user.get(user, [])
            check(len(mine) == 1, f"user {user}: one participant session ({len(mine)})")
            check(all(r.get("source") == "reconcile" for r in mine),
                  f"user {user}: its row says source=reconcile (a delivery of it was dropped)")
            got = sum(r["participantMinutes"] or 0 for r in mine) * 60
            check(abs(got - measured[user]) <= 5,
                  f"user {user}: {got:.1f} s recorded, {measured[user]:.1f} s measured (within 5 s)")

        s, u = api(serve, "GET", f"/api/study-groups/{gid}/usage", "21")
        total = u["data"]["participantMinutes"] if s == 200 else -1
        want = sum(measured.values()) / 60
        check(abs(total - want) <= 1.0,
              f"usage {total:.3f} participant-minutes, measured {want:.3f} (within one)")
        check(sorted(map(str, proxy.dropped)) == sorted(map(str, DROP - {("participant_joined", "user_24")})),
              f"the proxy dropped the four chosen deliveries ({proxy.dropped})")
        check(all(st == 200 for _, st in proxy.forwarded),
              f"every forwarded delivery was accepted ({proxy.forwarded})")

        # The per-session report agrees, as JSON and CSV.
        sid = sessions[0]["roomSid"]
        s, rep = api(serve, "GET", f"{path}?session={sid}", "23")
        check(s == 200 and len(rep["data"]["attendees"]) == 3, f"session report ({s})")
        s, h, body, _ = call(serve.port, "GET", f"{path}?session={sid}&format=csv", app_token("23"))
        lines = body.decode("utf-8-sig").split("\r\n")
        check(s == 200 and h.get("content-type") == "text/csv; charset=utf-8" and
              lines[0] == "userId,name,firstJoin,lastLeave,minutes,joins" and len(lines) == 5,
              f"CSV report ({s}, {lines[:1]}, {len(lines)} lines)")

        # Second part: the session ends by DELETE before any periodic pass could see user_24,
        # whose join is dropped (a second serve, reconciling only at DELETE, gets the deliveries).
        serve2 = Serve(lkstudy, f"sqlite:{tmp}/lost2.db", tmp, livekit_url=lk_url,
                       extra=("--reconcile-interval", "0"))
        try:
            proxy.target_port = serve2.port
            s, g = api(serve2, "POST", "/api/study-groups/create", "24",
                       {"title": "Ended by DELETE", "useLiveKit": True})
            gid2, room2 = g["data"]["id"], g["data"]["livekitRoomName"]
            s, t = api(serve2, "POST", "/api/livekit/token", "24", {"roomName": room2})
            p24 = Participant(participant, lk_url, t["data"]["token"], f"{tmp}/p24.log")
            people.append(p24)
            time.sleep(8)
            deleted_at = time.monotonic()
            s, _ = api(serve2, "DELETE", f"/api/livekit/rooms/{room2}", "24")
            check(s == 200, f"DELETE of the room ({s})")
            p24.proc.wait(timeout=20)
            s, a2 = api(serve2, "GET", f"/api/study-groups/{gid2}/attendance", "24")
            rows2 = a2["data"]["sessions"][0]["attendance"] if s == 200 and a2["data"]["sessions"] else []
            print("rows after DELETE:", json.dumps(rows2), flush=True)
            got = sum(r["participantMinutes"] or 0 for r in rows2) * 60
            want = deleted_at - p24.joined
            check(len(rows2) == 1 and rows2[0]["leftAt"] and rows2[0]["source"] == "reconcile",
                  "user_24 (join dropped): one closed row, opened by the reconciliation at DELETE")
            check(abs(got - want) <= 3, f"user_24: {got:.1f} s recorded, {want:.1f} s until DELETE")
        finally:
            serve2.stop()
        return check.exit_code()
    finally:
        for p in people:
            if p.proc.poll() is None:
                p.proc.kill()
        if proxy:
            proxy.stop()
        if serve:
            serve.stop()
        if lk:
            lk.terminate()
            lk.wait(timeout=10)
        cleanup()


if __name__ == "__main__":
    sys.exit(main())
