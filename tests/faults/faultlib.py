"""Helpers of the fault tests (tests/faults): `lkstudy serve` as a child process, app tokens and
LiveKit webhook signatures, raw HTTP calls, and a check list that prints ok/FAIL lines. The free
port and polling helpers are tests/support/python/lks_testing.py's.
"""
import base64, hashlib, hmac, http.client, json, os, shutil, signal, subprocess, sys
import tempfile, time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support", "python"))
# free_port and wait_until are the shared ones, named here too for the fault tests' imports.
from lks_testing import free_port, wait_until  # noqa: E402,F401

API_KEY, API_SECRET = "faults-key", "faults-livekit-secret-0123456789abcdef"
APP_SECRET = "faults-app-secret-0123456789abcdef"


def b64url(b):
    return base64.urlsafe_b64encode(b).rstrip(b"=").decode()


def _jwt(claims, secret):
    h = b64url(b'{"alg":"HS256","typ":"JWT"}')
    p = b64url(json.dumps(claims).encode())
    return f"{h}.{p}." + b64url(hmac.new(secret.encode(), f"{h}.{p}".encode(), hashlib.sha256).digest())


def app_token(user, role=""):
    now = int(time.time())
    return _jwt({"sub": user, "email": f"{user}@example.com", "name": f"User {user}", "role": role,
                 "iat": now, "exp": now + 3600}, APP_SECRET)


def webhook_auth(body):
    """The Authorization header LiveKit sends with `body` (a JWT whose sha256 claim is the body's)."""
    now = int(time.time())
    return _jwt({"iss": API_KEY, "nbf": now - 10, "exp": now + 600,
                 "sha256": base64.b64encode(hashlib.sha256(body).digest()).decode()}, API_SECRET)


class Checks:
    def __init__(self):
        self.failures = []

    def __call__(self, cond, what):
        print(("ok   " if cond else "FAIL ") + what, flush=True)
        if not cond:
            self.failures.append(what)
        return cond

    def exit_code(self):
        print(f"{len(self.failures)} failed", flush=True)
        return 1 if self.failures else 0


def call(port, method, path, token=None, body=None, headers=None, timeout=30):
    """One request on a fresh connection: (status, headers dict, body bytes, seconds taken)."""
    h = dict(headers or {})
    if token:
        h["Authorization"] = "Bearer " + token
    if body is not None:
        h.setdefault("Content-Type", "application/json")
    start = time.monotonic()
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        c.request(method, path, body=body, headers=h)
        r = c.getresponse()
        data = r.read()
        return r.status, {k.lower(): v for k, v in r.getheaders()}, data, time.monotonic() - start
    finally:
        c.close()


def post_webhook(port, body, timeout=30):
    return call(port, "POST", "/api/livekit/webhook", body=body, timeout=timeout,
                headers={"Authorization": webhook_auth(body),
                         "Content-Type": "application/webhook+json"})


class Serve:
    """`lkstudy serve` on a free port, its per-user rate limits off (tests/security tests them);
    its output goes to <dir>/serve-N.log."""
    count = 0

    def __init__(self, lkstudy, db, workdir, livekit_url=None, extra=()):
        Serve.count += 1
        self.port = free_port()
        self.log = os.path.join(workdir, f"serve-{Serve.count}.log")
        env = dict(os.environ, APP_JWT_SECRET=APP_SECRET, LIVEKIT_API_KEY=API_KEY,
                   LIVEKIT_API_SECRET=API_SECRET,
                   LIVEKIT_SERVER_URL=livekit_url or f"ws://127.0.0.1:{free_port()}")
        self.proc = subprocess.Popen(
            [os.path.abspath(lkstudy), "serve", "--port", str(self.port), "--no-web", "--db", db,
             "--env-file", "/nonexistent/.env", "--rate-create-group-per-minute", "0",
             "--rate-token-per-minute", "0", *extra],
            env=env, cwd=workdir, stdout=open(self.log, "w"), stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                sys.exit("lkstudy serve exited early:\n" + self.tail())
            try:
                if call(self.port, "GET", "/api/livekit/status", timeout=2)[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.1)
        sys.exit("lkstudy serve did not answer in 30 s:\n" + self.tail())

    def tail(self, n=3000):
        with open(self.log, errors="replace") as f:
            return f.read()[-n:]

    def kill(self):
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=10)

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()


def create_group(port, user, title, extra=None):
    body = dict({"title": title, "useLiveKit": False}, **(extra or {}))
    s, _, b, _ = call(port, "POST", "/api/study-groups/create", app_token(user),
                      json.dumps(body).encode())
    return s, (json.loads(b) if b.startswith(b"{") else {})


def temp_dir(prefix):
    d = tempfile.mkdtemp(prefix=prefix)
    return d, lambda: shutil.rmtree(d, ignore_errors=True)
