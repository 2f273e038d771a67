#!/usr/bin/env python3
"""Slow and hostile clients against `lkstudy serve`: while 300 slowloris connections send a header
byte a second, and while 5,000 idle connections are open, normal requests (group reads) are still
served, each within a generous bound; a request line plus headers over 32 KiB gets 431, a body over
1 MiB gets 413 (a declared one before it is sent, a chunked one after), and the server still
serves afterwards. SQLite, no LiveKit.

usage: http_limits_test.py LKSTUDY_BINARY
"""
import resource, socket, sys, threading, time

from faultlib import Checks, Serve, app_token, call, create_group, temp_dir

BOUND_S = 5.0  # a generous bound on one normal request (a loaded 2-core CI machine), not a target


def normal_latencies(port, n, token):
    worst, bad = 0.0, []
    for _ in range(n):
        try:
            s, _, b, dt = call(port, "GET", "/api/study-groups", token, timeout=30)
        except OSError as e:
            bad.append(repr(e))
            continue
        worst = max(worst, dt)
        if s != 200:
            bad.append(f"{s} {b[:200]!r}")
        time.sleep(0.05)
    return worst, bad


def main():
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    want = 5000 + 400 + 256
    if soft < want:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(want, hard), hard))
    tmp, cleanup = temp_dir("lks-faults-http-")
    check = Checks()
    serve = Serve(sys.argv[1], "sqlite:" + tmp + "/db.sqlite", tmp)
    token = app_token("15")
    try:
        check(create_group(serve.port, "15", "Limits")[0] == 201, "a group to read")
        worst, bad = normal_latencies(serve.port, 10, token)
        print(f"     baseline: worst {worst * 1000:.0f} ms")

        # Slowloris: connections that never finish their headers, a byte a second each.
        slow, stop = [], threading.Event()
        for _ in range(300):
            s = socket.create_connection(("127.0.0.1", serve.port))
            s.sendall(b"GET /api/study-groups HTTP/1.1\r\nHost: x\r\nX-Slow: ")
            slow.append(s)

        def drip():
            while not stop.wait(1.0):
                for s in slow:
                    try:
                        s.send(b"a")
                    except OSError:
                        pass
        dripper = threading.Thread(target=drip, daemon=True)
        dripper.start()
        time.sleep(0)  # the dripper runs beside the normal requests below
        worst, bad = normal_latencies(serve.port, 40, token)
        check(not bad and worst < BOUND_S,
              f"300 slowloris connections: 40 group reads all 200, worst {worst * 1000:.0f} ms "
              f"(bound {BOUND_S:.0f} s){'; ' + bad[0] if bad else ''}")
        stop.set()
        dripper.join()
        for s in slow:
            s.close()

        # 5,000 idle connections (connected, nothing sent).
        idle = []
        try:
            for _ in range(5000):
                idle.append(socket.create_connection(("127.0.0.1", serve.port), timeout=10))
        except OSError as e:
            check(False, f"open 5,000 idle connections: failed after {len(idle)}: {e!r}")
        worst, bad = normal_latencies(serve.port, 20, token)
        check(len(idle) == 5000 and not bad and worst < BOUND_S,
              f"{len(idle)} idle connections: 20 group reads all 200, worst {worst * 1000:.0f} ms"
              f"{'; ' + bad[0] if bad else ''}")
        # The idle connections were accepted and kept (not closed at once by a connection limit).
        closed = 0
        for s in idle[::50]:
            s.setblocking(False)
            try:
                closed += s.recv(1) == b""
            except BlockingIOError:
                pass
        check(closed == 0, f"the idle connections stay open ({closed} of {len(idle[::50])} closed)")
        for s in idle:
            s.close()

        # Oversized input.
        s, _, b, _ = call(serve.port, "GET", "/api/study-groups", token,
                          headers={"X-Big": "b" * (40 << 10)})
        check(s == 431, f"a 40 KiB header: 431 (got {s})")
        s, _, b, _ = call(serve.port, "GET", "/api/study-groups?q=" + "q" * (40 << 10), token)
        check(s in (414, 431), f"a 40 KiB request line: 414/431 (got {s})")
        # A declared 2 MiB body: answered before the body is sent.
        c = socket.create_connection(("127.0.0.1", serve.port), timeout=10)
        c.sendall(b"POST /api/study-groups/create HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " +
                  token.encode() + b"\r\nContent-Type: application/json\r\nContent-Length: " +
                  str(2 << 20).encode() + b"\r\n\r\n")
        try:
            head = c.recv(4096)
        except OSError as e:
            head = repr(e).encode()
        c.close()
        check(head.startswith(b"HTTP/1.1 413"), f"a declared 2 MiB body: 413 before it is sent "
                                                 f"({head[:40]!r})")
        chunk = b"x" * (64 << 10)
        body = (b"%x\r\n" % len(chunk) + chunk + b"\r\n") * 32 + b"0\r\n\r\n"
        s, _, b, _ = call(serve.port, "POST", "/api/study-groups/create", token, body=body,
                          headers={"Transfer-Encoding": "chunked"})
        check(s == 413 and b"payload_too_large" in b, f"a chunked 2 MiB body: 413 (got {s})")
        worst, bad = normal_latencies(serve.port, 10, token)
        check(not bad and worst < BOUND_S, f"afterwards: group reads all 200, worst "
                                           f"{worst * 1000:.0f} ms")
        check(serve.proc.poll() is None, "serve is still running")
    finally:
        serve.stop()
        if check.failures:
            print(serve.tail(), file=sys.stderr)
        cleanup()
    return check.exit_code()


if __name__ == "__main__":
    sys.exit(main())
