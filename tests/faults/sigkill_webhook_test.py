#!/usr/bin/env python3
"""SIGKILL of `lkstudy serve` in the middle of webhook ingestion: 24 rooms' events (room_started,
then 6 participants joining and leaving) are delivered on 24 threads at once and the server is
killed after a share of them was answered, six times; after each restart the same events are delivered
again from the start (as LiveKit retries what it got no answer for). Afterwards the database holds
exactly one room session per room and exactly one participant session per participant, with the
times of the events: nothing lost, nothing twice. SQLite file, no LiveKit needed.

usage: sigkill_webhook_test.py LKSTUDY_BINARY
"""
import json, sqlite3, sys, threading, time

from faultlib import Checks, Serve, create_group, post_webhook, temp_dir

ROOMS, PEOPLE = 24, 6


def room_events(room_name, r, t0):
    room = {"sid": f"RM_kill{r}", "name": room_name, "creationTime": str(t0)}
    ev = [{"event": "room_started", "id": f"EV_{r}_start", "createdAt": str(t0), "room": room}]
    for p in range(PEOPLE):
        part = {"sid": f"PA_{r}_{p}", "identity": f"user_{100 + p}", "joinedAt": str(t0 + 1 + p)}
        ev.append({"event": "participant_joined", "id": f"EV_{r}_{p}_join",
                   "createdAt": str(t0 + 1 + p), "room": room, "participant": part})
    for p in range(PEOPLE):
        part = {"sid": f"PA_{r}_{p}", "identity": f"user_{100 + p}", "joinedAt": str(t0 + 1 + p)}
        ev.append({"event": "participant_left", "id": f"EV_{r}_{p}_left",
                   "createdAt": str(t0 + 60 + p), "room": room, "participant": part})
    return [json.dumps(e).encode() for e in ev]


def deliver(port, rooms, stop_after=None):
    """Delivers every room's events in order, one thread per room; with `stop_after`, returns once
    that many were answered (the rest still in flight). Returns the answers seen."""
    answered, lock, done = [], threading.Lock(), threading.Event()

    def run(events):
        for body in events:
            try:
                s, _, b, _ = post_webhook(port, body, timeout=30)
            except OSError:
                return  # the server was killed
            with lock:
                answered.append((s, b))
                if stop_after and len(answered) >= stop_after:
                    done.set()
    threads = [threading.Thread(target=run, args=(e,), daemon=True) for e in rooms]
    for t in threads:
        t.start()
    if stop_after:
        done.wait(60)
        return answered, threads
    for t in threads:
        t.join()
    return answered, threads


def main():
    tmp, cleanup = temp_dir("lks-faults-kill-")
    check = Checks()
    db = tmp + "/db.sqlite"
    serve = Serve(sys.argv[1], "sqlite:" + db, tmp)
    t0 = int(time.time()) - 600
    rooms = []
    try:
        for r in range(ROOMS):
            s, g = create_group(serve.port, "15", f"Kill {r}", {"useLiveKit": True})
            check(s == 201, f"group {r} created")
            rooms.append(room_events(g["data"]["livekitRoomName"], r, t0))
        total = ROOMS * (1 + 2 * PEOPLE)
        for kill_at in [total * k // 8 for k in range(1, 7)]:
            answered, threads = deliver(serve.port, rooms, stop_after=kill_at)
            serve.kill()
            for t in threads:
                t.join(30)
            check(all(s == 200 for s, _ in answered[:kill_at]),
                  f"{len(answered)} deliveries answered 200 before the SIGKILL")
            serve = Serve(sys.argv[1], "sqlite:" + db, tmp)
        answered, _ = deliver(serve.port, rooms)
        outcomes = [json.loads(b)["data"]["outcome"] if s == 200 else f"status {s}"
                    for s, b in answered]
        check(len(answered) == total and all(o in ("applied", "duplicate") for o in outcomes),
              f"re-delivery after the restarts: all {total} answered 200 applied/duplicate "
              f"({sum(o == 'duplicate' for o in outcomes)} duplicates)")
        serve.stop()

        con = sqlite3.connect(db)
        sessions = con.execute("SELECT room_sid, COUNT(*) FROM room_sessions "
                               "WHERE room_sid LIKE 'RM_kill%' GROUP BY room_sid").fetchall()
        check(len(sessions) == ROOMS and all(n == 1 for _, n in sessions),
              f"exactly one room session per room ({len(sessions)} rooms, counts "
              f"{sorted(set(n for _, n in sessions))})")
        rows = con.execute("SELECT room_sid, participant_identity, joined_at, left_at "
                           "FROM attendance WHERE room_sid LIKE 'RM_kill%'").fetchall()
        want = {(f"RM_kill{r}", f"user_{100 + p}", (t0 + 1 + p) * 1000, (t0 + 60 + p) * 1000)
                for r in range(ROOMS) for p in range(PEOPLE)}
        got = set(rows)
        check(len(rows) == len(want) and got == want,
              f"exactly one participant session per participant with the events' times "
              f"({len(rows)} rows, {len(want)} expected, {len(want - got)} missing, "
              f"{len(rows) - len(got & want)} extra)")
        check(con.execute("PRAGMA integrity_check").fetchone()[0] == "ok", "integrity_check ok")
        con.close()
    finally:
        serve.stop()
        if check.failures:
            print(serve.tail(), file=sys.stderr)
        cleanup()
    return check.exit_code()


if __name__ == "__main__":
    sys.exit(main())
