#!/usr/bin/env python3
"""Random RRULEs and time zones against a real `lkstudy serve`: POST /api/study-groups/create with
600 combinations of valid and broken rule parts (ordinal BYDAY with FREQ=DAILY, impossible
BYMONTH/BYMONTHDAY, huge COUNT and INTERVAL, unknown parts, bad zones and paths), then
calendar.ics of every group created. Fails when serve dies, answers a 5xx, or takes over 2 s for
one create (libical walking for centuries holds the schedule lock).

usage: rrule_robustness_test.py --lkstudy BIN
"""
import argparse, sys, os, random, json, time, subprocess, tempfile, signal, shutil
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import calendar_test as ct
ap = argparse.ArgumentParser(); ap.add_argument("--lkstudy", required=True); args = ap.parse_args()
port = ct.free_port(); tmp = tempfile.mkdtemp()
env = {k: v for k, v in os.environ.items() if not k.startswith("LIVEKIT_")}; env["APP_JWT_SECRET"] = ct.APP_SECRET
p = subprocess.Popen([os.path.abspath(args.lkstudy), "serve", "--port", str(port), "--no-web", "--rate-create-group-per-minute", "0", "--db", "sqlite:" + tmp + "/f.db"], env=env, stdout=subprocess.DEVNULL, stderr=open(tmp + "/err", "w"))
base = f"http://127.0.0.1:{port}"
for _ in range(150):
    try:
        ct.call(base, "GET", "/api/livekit/status", "1"); break
    except Exception:
        time.sleep(0.2)
parts = ["FREQ=DAILY","FREQ=WEEKLY","FREQ=MONTHLY","FREQ=YEARLY","FREQ=HOURLY","FREQ=SECONDLY","BYDAY=MO,TU","BYDAY=-1SU","BYDAY=53MO","BYDAY=+5FR","INTERVAL=0","INTERVAL=2","INTERVAL=-1","INTERVAL=999999999","COUNT=0","COUNT=5","COUNT=-3","COUNT=99999999999","UNTIL=20300101T000000Z","UNTIL=19700101","UNTIL=garbage","BYMONTH=2","BYMONTH=13","BYMONTHDAY=31","BYMONTHDAY=-1","BYMONTHDAY=0","BYSETPOS=-1","BYSETPOS=400","BYYEARDAY=366","BYYEARDAY=-366","BYWEEKNO=53","BYHOUR=25","BYMINUTE=61","WKST=SU","WKST=XX","RSCALE=GREGORIAN","SKIP=FORWARD","X-FOO=1",";",";;","=","FREQ=","BYDAY=","\u00e9","BYDAY=MO,MO,MO,MO,MO,MO,MO,MO,MO,MO,MO,MO,MO,MO,MO,MO,MO,MO,MO,MO,MO,MO,MO,MO,MO,MO,MO,MO,MO,MO,MO,MO,MO,MO,MO,MO,MO,MO,MO,MO,MO,MO,MO,MO,MO,MO,MO,MO,MO,MO,MO,MO,MO,MO,MO,MO,MO,MO,MO,MO,MO,MO,MO,MO,MO,MO,MO,MO,MO,MO,MO,MO,MO,MO,MO,MO,MO,MO,MO,MO,MO,MO,MO,MO,MO,MO,MO,MO,MO"]
zones = ["Europe/Berlin","America/New_York","UTC","Etc/GMT+5","Asia/Kolkata","Australia/Lord_Howe","Pacific/Chatham","posix/Europe/Berlin","right/UTC","Foo","", "../zone.tab", "zone.tab", "America", "Europe/Berlin\u0000x"]
random.seed(1); counts = {}; slow = 0
bad = []
for i in range(600):
    rule = ";".join(random.choice(parts) for _ in range(random.randint(1, 5)))
    st_year = random.choice([1971, 1999, 2025, 2026, 2100, 9999])
    body = {"title": "f", "scheduledTime": f"{st_year}-0{random.randint(1,9)}-1{random.randint(0,9)}T0{random.randint(0,9)}:30:00Z", "recurrence": rule, "timeZone": random.choice(zones), "durationMinutes": random.choice([1, 60, 10080])}
    t = time.time()
    s, _, b = ct.call(base, "POST", "/api/study-groups/create", "15", body)
    if s == 201:
        gid = json.loads(b)["data"]["id"]
        s2, _, _ = ct.call(base, "GET", f"/api/study-groups/{gid}/calendar.ics", "15")
        counts[("ics", s2)] = counts.get(("ics", s2), 0) + 1
    dt = time.time() - t
    if dt > 2.0: bad.append(f"slow ({dt:.2f} s): {body}")
    if s >= 500: bad.append(f"HTTP {s}: {body}")
    counts[s] = counts.get(s, 0) + 1
    if p.poll() is not None:
        print("SERVE DIED on", body); print(open(tmp + "/err").read()[-2000:]); sys.exit(1)
p.send_signal(signal.SIGINT); p.wait()
shutil.rmtree(tmp, ignore_errors=True)
print("statuses:", counts)
for b in bad: print("FAIL", b)
print(f"rrule_robustness: {600 - len(bad)} passed, {len(bad)} failed")
sys.exit(1 if bad else 0)
