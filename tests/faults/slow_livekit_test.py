#!/usr/bin/env python3
"""A slow LiveKit does not stall unrelated requests: `lkstudy serve --threads 2` in front of
FakeSlowLiveKit (a FAKE room service, defined here, that answers every Twirp call after 6 s: a
delay LiveKit's test-server can only be asked for per request, through a header lkstudy does not
send). While 12 room listings (admin GET /api/livekit/rooms: one ListRooms each) hang on it,
more than the server's 2 ready workers, group reads, group creation and webhooks on the same
server are answered within a generous bound; the slow listings finish too. SQLite.

usage: slow_livekit_test.py LKSTUDY_BINARY
"""
import http.server, json, sys, threading, time

from faultlib import (Checks, Serve, app_token, call, create_group, free_port, post_webhook,
                      temp_dir, wait_until)

DELAY_S = 6.0
SLOW = 12
BOUND_S = 3.0  # generous: the slow calls take 6 s; a stalled request would take about as long


class FakeSlowLiveKit(http.server.ThreadingHTTPServer):
    """FAKE LiveKit room service: every POST /twirp/... waits DELAY_S, then answers {}-like JSON.
    Python on purpose, not tests/support's C++ FakeHttpServer: tests/support/README.md says why."""
    daemon_threads = True

    def __init__(self):
        self.in_flight = 0
        self.lock = threading.Lock()
        super().__init__(("127.0.0.1", free_port()), FakeSlowLiveKit.Handler)

    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_POST(self):
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            with self.server.lock:
                self.server.in_flight += 1
            time.sleep(DELAY_S)
            with self.server.lock:
                self.server.in_flight -= 1
            body = b'{"rooms":[]}' if self.path.endswith("/ListRooms") else b"{}"
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)


def main():
    tmp, cleanup = temp_dir("lks-faults-slowlk-")
    check = Checks()
    fake = FakeSlowLiveKit()
    threading.Thread(target=fake.serve_forever, daemon=True).start()
    lk_url = f"ws://127.0.0.1:{fake.server_address[1]}"
    serve = Serve(sys.argv[1], "sqlite:" + tmp + "/db.sqlite", tmp, livekit_url=lk_url,
                  extra=["--threads", "2"])
    try:
        s, g = create_group(serve.port, "15", "Slow", {"useLiveKit": True})
        check(s == 201, "a group")
        room = g["data"]["livekitRoomName"]
        slow = []

        def list_rooms():
            try:
                slow.append(call(serve.port, "GET", "/api/livekit/rooms", app_token("99", "admin"),
                                 timeout=60))
            except OSError as e:
                slow.append((0, {}, repr(e).encode(), 0))
        threads = [threading.Thread(target=list_rooms) for _ in range(SLOW)]
        for t in threads:
            t.start()
        check(wait_until(lambda: fake.in_flight >= SLOW, 20),
              f"{SLOW} ListRooms calls hang on the slow LiveKit at once ({fake.in_flight})")
        started = time.monotonic()
        fast, worst, bad = 0, 0.0, []
        now = int(time.time())
        for i in range(10):
            hook = json.dumps({"event": "room_started", "id": f"EV_slow_{i}",
                               "createdAt": str(now), "room": {"sid": f"RM_slow{i}", "name": room,
                                                               "creationTime": str(now)}}).encode()
            for what, fn in (("group read", lambda: call(serve.port, "GET", "/api/study-groups/" +
                                                         str(g["data"]["id"]), app_token("15"))),
                             ("group list", lambda: call(serve.port, "GET", "/api/study-groups",
                                                         app_token("15"))),
                             ("webhook", lambda: post_webhook(serve.port, hook)),
                             ("create", lambda: call(serve.port, "POST",
                                                     "/api/study-groups/create", app_token("16"),
                                                     b'{"title":"During","useLiveKit":false}'))):
                st, _, b, dt = fn()
                worst = max(worst, dt)
                fast += 1
                if st not in (200, 201):
                    bad.append(f"{what}: {st} {b[:200]!r}")
        during = fake.in_flight
        check(not bad and worst < BOUND_S,
              f"{fast} unrelated requests (group reads, lists, creation, webhooks) while LiveKit "
              f"is slow: all answered, worst {worst * 1000:.0f} ms (bound {BOUND_S:.0f} s)"
              f"{'; ' + bad[0] if bad else ''}")
        check(during > 0 and time.monotonic() - started < DELAY_S,
              f"... all of them while the slow calls were still hanging ({during} in flight)")
        for t in threads:
            t.join(60)
        check(len(slow) == SLOW and all(r[0] == 200 for r in slow),
              f"the {SLOW} slow room listings finish with 200 "
              f"({sorted(set(r[0] for r in slow))})")
    finally:
        serve.stop()
        fake.shutdown()
        if check.failures:
            print(serve.tail(), file=sys.stderr)
        cleanup()
    return check.exit_code()


if __name__ == "__main__":
    sys.exit(main())
