#!/usr/bin/env python3
"""SQLite on a full disk: `lkstudy serve` keeps its database on a 3 MiB tmpfs (mounted in a private
mount namespace by run_in_mountns.sh); the disk is filled while groups are being created. Writes
then fail with 507 (reason storage_full) and a message that says the disk is full, reads still
answer 200, `PRAGMA integrity_check` is ok and every acknowledged group is there; once space is
freed, writes succeed again without a restart.

usage: run_in_mountns.sh disk_full_test.py LKSTUDY_BINARY
"""
import json, os, sqlite3, subprocess, sys

from faultlib import Checks, Serve, app_token, call, create_group, temp_dir, wait_until


def fill(path):
    """Writes zeros to `path` until the disk is full."""
    with open(path, "wb") as f:
        try:
            while True:
                f.write(b"\0" * 65536)
                f.flush()
        except OSError:
            pass
    try:
        os.sync()
    except OSError:
        pass


def main():
    if os.environ.get("LKS_IN_MOUNTNS") != "1":
        print("SKIPPED: run me through tests/faults/run_in_mountns.sh (a private mount namespace)")
        return 77
    tmp, cleanup = temp_dir("lks-faults-disk-")
    disk = tmp + "/disk"
    os.mkdir(disk)
    if subprocess.call(["mount", "-t", "tmpfs", "-o", "size=3m", "lks-faults-disk", disk]) != 0:
        print("SKIPPED: cannot mount a tmpfs")
        return 77
    check = Checks()
    db = disk + "/db.sqlite"
    serve = Serve(sys.argv[1], "sqlite:" + db, tmp)
    acked = {}
    try:
        desc = "d" * 2000

        def create(title):
            s, g = create_group(serve.port, "15", title, {"description": desc})
            if s == 201:
                acked[g["data"]["id"]] = title
            return s, g
        for i in range(20):
            check(create(f"before {i}")[0] == 201, f"group {i} before the disk is full") or None
        fill(disk + "/filler")
        first_error = None
        for i in range(400):
            s, g = create(f"full {i}")
            if s != 201:
                first_error = (s, g)
                break
        check(first_error is not None, "writes fail once the disk is full")
        s, g = first_error or (0, {})
        err = g.get("error", {})
        check(s == 507 and err.get("reason") == "storage_full" and "disk is full" in err.get("message", ""),
              f"... with 507 storage_full and a clear message ({s} {json.dumps(err)[:200]})")
        again = [create(f"still full {i}")[0] for i in range(5)]
        check(all(x == 507 for x in again), f"writes keep answering 507 while full ({again})")
        s, _, b, _ = call(serve.port, "GET", "/api/study-groups?limit=100", app_token("15"))
        check(s == 200, f"reads still answer 200 ({s})")
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as con:
            check(con.execute("PRAGMA integrity_check").fetchone()[0] == "ok",
                  "integrity_check ok while full")

        os.remove(disk + "/filler")
        check(wait_until(lambda: create("after")[0] == 201, 20, step=0.2),
              "space freed: writes succeed again (no restart)")
        for i in range(10):
            create(f"after {i}")
        missing = []
        for gid, title in acked.items():
            s, _, b, _ = call(serve.port, "GET", f"/api/study-groups/{gid}", app_token("15"))
            if s != 200 or json.loads(b)["data"]["title"] != title:
                missing.append(gid)
        check(not missing, f"every acknowledged group ({len(acked)}) is there ({len(missing)} "
                           f"missing)")
        serve.stop()
        with sqlite3.connect(db) as con:
            check(con.execute("PRAGMA integrity_check").fetchone()[0] == "ok",
                  "integrity_check ok afterwards")
            n = con.execute("SELECT COUNT(*) FROM study_groups").fetchone()[0]
            check(n == len(acked), f"the database holds exactly the acknowledged groups ({n})")
    finally:
        serve.stop()
        if check.failures:
            print(serve.tail(), file=sys.stderr)
        subprocess.call(["umount", disk])
        cleanup()
    return check.exit_code()


if __name__ == "__main__":
    sys.exit(main())
