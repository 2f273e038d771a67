#!/usr/bin/env python3
"""Latency of GET /api/study-groups/:id and calendar.ics for an unscheduled group, a weekly one
and a daily one started in 1971, over a real `lkstudy serve` (SQLite, no LiveKit).

usage: $LKS_DEPS_DIR/python-calendar/bin/python benchmarks/schedule_latency.py build/bin/lkstudy
"""
import sys, time, json, urllib.request, subprocess, os, tempfile, signal, socket
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "calendar"))
import calendar_test as ct
port = ct.free_port(); tmp = tempfile.mkdtemp()
env = {k: v for k, v in os.environ.items() if not k.startswith("LIVEKIT_")}; env["APP_JWT_SECRET"] = ct.APP_SECRET
p = subprocess.Popen([sys.argv[1], "serve", "--port", str(port), "--no-web", "--rate-create-group-per-minute", "0", "--db", "sqlite:" + tmp + "/m.db"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
base = f"http://127.0.0.1:{port}"
for _ in range(100):
    try: urllib.request.urlopen(base + "/api/livekit/status").read(); break
    except Exception: time.sleep(0.1)
cases = {"none": {}, "weekly since 2026-01": {"scheduledTime": "2026-01-06T17:00:00Z", "timeZone": "Europe/Berlin", "recurrence": "FREQ=WEEKLY;BYDAY=TU"},
         "daily since 1971": {"scheduledTime": "1971-01-01T17:00:00Z", "timeZone": "America/New_York", "recurrence": "FREQ=DAILY"},
         # The worst case: a counted rule is walked from DTSTART (COUNT is at most 1000).
         "daily COUNT=1000 from 2024": {"scheduledTime": "2024-03-01T17:00:00Z", "timeZone": "America/New_York", "recurrence": "FREQ=DAILY;COUNT=1000"}}
for name, extra in cases.items():
    st, _, body = ct.call(base, "POST", "/api/study-groups/create", "15", dict(title=name, **extra))
    gid = json.loads(body)["data"]["id"]
    n = 300; t = time.perf_counter()
    for _ in range(n): ct.call(base, "GET", f"/api/study-groups/{gid}", "15")
    get = (time.perf_counter() - t) / n * 1e3
    t = time.perf_counter()
    for _ in range(n): ct.call(base, "GET", f"/api/study-groups/{gid}/calendar.ics", "15") if extra else None
    ics = (time.perf_counter() - t) / n * 1e3
    print(f"{name:28s} GET group {get:.3f} ms/request   calendar.ics {ics:.3f} ms/request")
p.send_signal(signal.SIGINT); p.wait()
import shutil; shutil.rmtree(tmp, ignore_errors=True)
