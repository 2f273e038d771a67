#!/usr/bin/env python3
"""GET /api/study-groups/:id/calendar.ics from a real `lkstudy serve`, read by Python's icalendar.

Starts `lkstudy serve` (SQLite, no LiveKit: the calendar needs none) with --public-url, creates
weekly groups in America/New_York and Europe/Berlin whose next occurrences cross a daylight saving
change, fetches their calendar.ics and checks with icalendar (parsing, VTIMEZONE, RRULE) and
recurring-ical-events (RFC 5545 expansion, independent of libical) that:
  - every occurrence keeps the group's local wall time across the change, and its UTC instant
    moves by the hour;
  - the expansion agrees with the API's own nextSession;
  - the event carries SUMMARY, DESCRIPTION, URL (the join link), a stable UID and DTSTAMP;
  - only members get it (403 for others), as text/calendar.

usage: calendar_test.py --lkstudy BIN
"""
import argparse, base64, datetime as dt, hashlib, hmac, json, os, shutil, signal
import subprocess, sys, tempfile, time, urllib.error, urllib.request
from zoneinfo import ZoneInfo

import icalendar
import recurring_ical_events

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support", "python"))
from lks_testing import free_port, wait_http  # noqa: E402

APP_SECRET = "calendar-app-secret-0123456789abcdef"
PUBLIC_URL = "https://study.example.org"


def b64url(b):
    return base64.urlsafe_b64encode(b).rstrip(b"=").decode()


def app_token(user):
    now = int(time.time())
    h = b64url(b'{"alg":"HS256","typ":"JWT"}')
    p = b64url(json.dumps({"sub": user, "userId": user, "email": f"{user}@example.com",
                           "name": f"User {user}", "iat": now, "exp": now + 3600}).encode())
    sig = hmac.new(APP_SECRET.encode(), f"{h}.{p}".encode(), hashlib.sha256).digest()
    return f"{h}.{p}.{b64url(sig)}"


def call(base, method, path, user, body=None):
    req = urllib.request.Request(base + path, method=method,
                                 data=json.dumps(body).encode() if body is not None else None,
                                 headers={"Authorization": "Bearer " + app_token(user),
                                          "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status, r.headers.get("Content-Type"), r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("Content-Type"), e.read()


failures = []
passed = [0]


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what, flush=True)
    if cond:
        passed[0] += 1
    else:
        failures.append(what)


def utc(s):
    return dt.datetime.fromisoformat(s.replace("Z", "+00:00"))


def check_group(base, zone, first_local, rule, expected_local_days, duration):
    """Creates a group whose first occurrence is `first_local` (naive, in `zone`) and checks its
    calendar's next occurrences: on `expected_local_days`, all at first_local's wall time."""
    tz = ZoneInfo(zone)
    first = first_local.replace(tzinfo=tz)
    status, _, body = call(base, "POST", "/api/study-groups/create", "15", {
        "title": f"Study group in {zone}", "description": "Bring the exercises",
        "scheduledTime": first.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "durationMinutes": duration, "timeZone": zone, "recurrence": rule})
    check(status == 201, f"{zone}: create answers 201 ({status} {body[:200]!r})")
    if status != 201:
        return
    group = json.loads(body)["data"]
    gid = group["id"]
    check(group["timeZone"] == zone and group["recurrence"] == rule,
          f"{zone}: the group JSON has timeZone and recurrence")

    status, ctype, ics = call(base, "GET", f"/api/study-groups/{gid}/calendar.ics", "15")
    check(status == 200, f"{zone}: calendar.ics answers 200 ({status})")
    check(ctype == "text/calendar; charset=utf-8", f"{zone}: Content-Type is text/calendar ({ctype})")
    cal = icalendar.Calendar.from_ical(ics)
    zones = [c for c in cal.walk("VTIMEZONE")]
    check(len(zones) == 1 and str(zones[0]["TZID"]) == zone, f"{zone}: one VTIMEZONE named {zone}")
    events = cal.walk("VEVENT")
    check(len(events) == 1, f"{zone}: one VEVENT")
    ev = events[0]
    check(str(ev["SUMMARY"]) == f"Study group in {zone}", f"{zone}: SUMMARY is the title")
    join = f"{PUBLIC_URL}/#/group/{gid}/call"
    check(str(ev["URL"]) == join, f"{zone}: URL is the join link {join}")
    check("Bring the exercises" in str(ev["DESCRIPTION"]) and join in str(ev["DESCRIPTION"]),
          f"{zone}: DESCRIPTION has the description and the join link")
    check("DTSTAMP" in ev and str(ev["UID"]).startswith(f"study-group-{gid}-"),
          f"{zone}: DTSTAMP and a UID naming the group")
    start = ev.decoded("DTSTART")
    check(start.tzinfo is not None and start == first and start.utcoffset() == first.utcoffset(),
          f"{zone}: DTSTART is {first.isoformat()} ({start.isoformat()})")
    got_rule = ev["RRULE"]
    check(dict(got_rule) == dict(icalendar.vRecur.from_ical(rule)),
          f"{zone}: RRULE is {rule} ({got_rule.to_ical().decode()})")

    # Expand with recurring-ical-events over the DST change.
    window_end = first + dt.timedelta(days=7 * len(expected_local_days) + 7)
    occ = sorted(recurring_ical_events.of(cal).between(first - dt.timedelta(hours=1), window_end),
                 key=lambda e: e.decoded("DTSTART"))
    starts = [e.decoded("DTSTART") for e in occ][:len(expected_local_days)]
    local = [s.astimezone(tz) for s in starts]
    check([(d.date(), d.hour, d.minute) for d in local] ==
          [(day, first_local.hour, first_local.minute) for day in expected_local_days],
          f"{zone}: occurrences keep {first_local:%H:%M} local: {[d.isoformat() for d in local]}")
    offsets = {s.astimezone(tz).utcoffset() for s in starts}
    check(len(offsets) == 2, f"{zone}: the occurrences straddle a DST change ({offsets})")
    ends = [e.decoded("DTEND") if "DTEND" in e else e.decoded("DTSTART") + e.decoded("DURATION")
            for e in occ][:len(expected_local_days)]
    check(all(e - s == dt.timedelta(minutes=duration) for s, e in zip(starts, ends)),
          f"{zone}: each occurrence lasts {duration} minutes")

    # The API's nextSession is the first occurrence still to come (all are in the future here).
    check(utc(group["nextSession"]["start"]) == starts[0].astimezone(dt.timezone.utc),
          f"{zone}: nextSession.start {group['nextSession']['start']} is the first occurrence")

    # Same bytes on a second fetch (stable UID and DTSTAMP), members only.
    _, _, again = call(base, "GET", f"/api/study-groups/{gid}/calendar.ics", "15")
    check(again == ics, f"{zone}: the calendar is stable")
    status, _, _ = call(base, "GET", f"/api/study-groups/{gid}/calendar.ics", "99")
    check(status == 403, f"{zone}: a non-member gets 403 ({status})")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lkstudy", required=True)
    args = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="lks-calendar-")
    serve = None
    try:
        port = free_port()
        env = {k: v for k, v in os.environ.items() if not k.startswith("LIVEKIT_")}
        env["APP_JWT_SECRET"] = APP_SECRET
        log = os.path.join(tmp, "serve.log")
        serve = subprocess.Popen([os.path.abspath(args.lkstudy), "serve", "--port", str(port), "--no-web",
                                  "--public-url", PUBLIC_URL + "/",
                                  "--db", "sqlite:" + os.path.join(tmp, "calendar.db")],
                                 env=env, cwd=tmp, stdout=open(log, "w"), stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{port}"
        wait_http(base + "/api/livekit/status", 30, serve, "lkstudy serve", log)

        # The next DST changes after today in each zone, found with Python's own zoneinfo.
        today = dt.date.today()
        for zone, weekday, rule_day in (("America/New_York", 1, "TU"), ("Europe/Berlin", 3, "TH")):
            tz = ZoneInfo(zone)
            day = today + dt.timedelta(days=1)
            while (dt.datetime.combine(day, dt.time(12), tz).utcoffset() ==
                   dt.datetime.combine(day + dt.timedelta(days=1), dt.time(12), tz).utcoffset()):
                day += dt.timedelta(days=1)
            change = day + dt.timedelta(days=1)  # the first day with the new offset
            # The weekday two weeks before the change, then weekly for four weeks.
            first = change - dt.timedelta(days=14)
            while first.weekday() != weekday:
                first += dt.timedelta(days=1)
            if first <= today:
                first += dt.timedelta(days=7)
            days = [first + dt.timedelta(days=7 * i) for i in range(4)]
            check(any(d < change for d in days) and any(d >= change for d in days),
                  f"{zone}: test dates {days[0]}..{days[-1]} cross the change on {change}")
            check_group(base, zone, dt.datetime.combine(first, dt.time(18, 30)),
                        f"FREQ=WEEKLY;BYDAY={rule_day};COUNT=6", days, 90)
    finally:
        if serve and serve.poll() is None:
            serve.send_signal(signal.SIGTERM)
            try:
                serve.wait(timeout=10)
            except subprocess.TimeoutExpired:
                serve.kill()
        shutil.rmtree(tmp, ignore_errors=True)
    if failures:
        print("failed:\n  " + "\n  ".join(failures))
    print(f"calendar: {passed[0]} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
