#!/usr/bin/env python3
"""`lkstudy serve` over HTTP: CORS preflights only for --cors-origin, and the per-user rate limit
of group creation (429 with Retry-After; another user is not affected). No LiveKit needed.

usage: serve_limits_test.py LKSTUDY_BINARY
"""
import base64, hashlib, hmac, json, os, re, shutil, subprocess, sys, tempfile, time
import urllib.error, urllib.request

SECRET = "limits-app-secret-0123456789"


def token(user):
    b = lambda d: base64.urlsafe_b64encode(d).rstrip(b"=").decode()
    h, p = b(b'{"alg":"HS256","typ":"JWT"}'), b(json.dumps({"sub": user, "exp": int(time.time()) + 600}).encode())
    return f"{h}.{p}." + b(hmac.new(SECRET.encode(), f"{h}.{p}".encode(), hashlib.sha256).digest())


def call(base, method, path, headers=None, body=None):
    req = urllib.request.Request(base + path, method=method, data=body, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


def main():
    tmp = tempfile.mkdtemp(prefix="lks-limits-")
    env = dict(os.environ, APP_JWT_SECRET=SECRET)
    for k in ("LIVEKIT_SERVER_URL", "LIVEKIT_API_KEY", "LIVEKIT_API_SECRET"):
        env.pop(k, None)
    serve = subprocess.Popen([sys.argv[1], "serve", "--port", "0", "--no-web", "--db",
                              "sqlite:" + os.path.join(tmp, "db.sqlite"),
                              "--cors-origin", "https://app.example.com",
                              "--rate-create-group-per-minute", "2"],
                             env=env, cwd=tmp, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                             text=True)
    failures = []
    def check(cond, what):
        print(("ok   " if cond else "FAIL ") + what)
        if not cond:
            failures.append(what)
    try:
        line = serve.stdout.readline()
        m = re.search(r"http://127\.0\.0\.1:(\d+)", line)
        if not m:
            sys.exit("serve did not announce its port: " + line)
        base = "http://127.0.0.1:" + m.group(1)

        pre = {"Origin": "https://app.example.com", "Access-Control-Request-Method": "POST"}
        s, h, _ = call(base, "OPTIONS", "/api/livekit/token", pre)
        check(s == 204 and h.get("Access-Control-Allow-Origin") == "https://app.example.com",
              "preflight from the configured origin: 204 with Access-Control-Allow-Origin")
        s, h, b = call(base, "OPTIONS", "/api/livekit/token", dict(pre, Origin="https://evil.example"))
        check(s == 403 and "Access-Control-Allow-Origin" not in h and b"origin_not_allowed" in b,
              "preflight from another origin: 403 origin_not_allowed, no CORS headers")
        s, h, _ = call(base, "GET", "/api/livekit/status", {"Origin": "https://app.example.com"})
        check(s == 200 and h.get("Access-Control-Allow-Origin") == "https://app.example.com",
              "a response to the configured origin carries Access-Control-Allow-Origin")

        body = b'{"title":"Limits","useLiveKit":false}'
        hdr = lambda u: {"Authorization": "Bearer " + token(u), "Content-Type": "application/json"}
        got = [call(base, "POST", "/api/study-groups/create", hdr("15"), body) for _ in range(3)]
        check([g[0] for g in got] == [201, 201, 429], "user 15: 201, 201, then 429")
        retry = got[2][1].get("Retry-After", "")
        check(retry.isdigit() and 1 <= int(retry) <= 30, f"Retry-After in seconds ({retry!r})")
        check(b"rate_limited" in got[2][2], "429 body names rate_limited")
        check(call(base, "POST", "/api/study-groups/create", hdr("16"), body)[0] == 201,
              "another user is not limited")
        check(call(base, "POST", "/api/study-groups/create",
                    {"Authorization": "Bearer bad", "Content-Type": "application/json"}, body)[0] == 401,
              "an invalid token is the handler's 401, not counted")
    finally:
        serve.terminate()
        serve.wait(timeout=10)
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"{len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
