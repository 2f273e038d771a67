#!/usr/bin/env python3
"""The REST API against its contract (docs/openapi.yaml), with schemathesis.

Starts a real livekit-server (loopback only, no participants) and `lkstudy serve` on a fresh
SQLite file, creates a group so that the generated requests also meet real rows, and runs
schemathesis over every operation with an app token, bounded in examples. Fails on any 5xx, any
status, content type, header or body that the document does not describe, and any response that
contains the LiveKit or the app secret (tests/contract/hooks.py). Also checks that GET
/api/openapi.yaml serves the document byte for byte.

usage: contract_test.py --lkstudy BIN --livekit-server BIN --spec docs/openapi.yaml
                        [--max-examples N] [--schemathesis BIN]
"""
import argparse, base64, hashlib, hmac, json, os, shutil, signal, subprocess, sys
import tempfile, time, urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support", "python"))
from lks_testing import free_port, wait_http  # noqa: E402

API_KEY, API_SECRET = "contract-key", "contract-livekit-secret-0123456789abcdef"
APP_SECRET = "contract-app-secret-0123456789abcdef"


def b64url(b):
    return base64.urlsafe_b64encode(b).rstrip(b"=").decode()


def app_token(user, role=""):
    now = int(time.time())
    h = b64url(b'{"alg":"HS256","typ":"JWT"}')
    p = b64url(json.dumps({"sub": user, "userId": user, "email": f"{user}@example.com",
                           "name": f"User {user}", "role": role, "iat": now,
                           "exp": now + 3600}).encode())
    sig = hmac.new(APP_SECRET.encode(), f"{h}.{p}".encode(), hashlib.sha256).digest()
    return f"{h}.{p}.{b64url(sig)}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lkstudy", required=True)
    ap.add_argument("--livekit-server", required=True)
    ap.add_argument("--spec", required=True)
    ap.add_argument("--schemathesis", default=os.path.join(os.path.dirname(sys.executable), "st"))
    ap.add_argument("--max-examples", type=int, default=25)
    args = ap.parse_args()

    tmp = tempfile.mkdtemp(prefix="lks-contract-")
    procs = []
    try:
        lk_port, rtc_port = free_port(), free_port()
        with open(os.path.join(tmp, "livekit.yaml"), "w") as f:
            f.write(f"port: {lk_port}\nbind_addresses: [\"127.0.0.1\"]\n"
                    f"keys:\n  {API_KEY}: {API_SECRET}\n"
                    f"rtc:\n  tcp_port: {rtc_port}\n  udp_port: {rtc_port}\n"
                    f"  node_ip: 127.0.0.1\n  use_external_ip: false\n")
        lk_log = os.path.join(tmp, "livekit.log")
        lk = subprocess.Popen([args.livekit_server, "--config", os.path.join(tmp, "livekit.yaml")],
                              stdout=open(lk_log, "w"), stderr=subprocess.STDOUT)
        procs.append(lk)
        wait_http(f"http://127.0.0.1:{lk_port}/", 30, lk, "livekit-server", lk_log)

        port = free_port()
        env = dict(os.environ, LIVEKIT_SERVER_URL=f"ws://127.0.0.1:{lk_port}",
                   LIVEKIT_API_KEY=API_KEY, LIVEKIT_API_SECRET=API_SECRET,
                   APP_JWT_SECRET=APP_SECRET)
        serve_log = os.path.join(tmp, "serve.log")
        serve = subprocess.Popen([args.lkstudy, "serve", "--port", str(port), "--no-web",
                                  "--db", "sqlite:" + os.path.join(tmp, "contract.db")],
                                 env=env, cwd=tmp, stdout=open(serve_log, "w"),
                                 stderr=subprocess.STDOUT)
        procs.append(serve)
        base = f"http://127.0.0.1:{port}"
        served = wait_http(base + "/api/openapi.yaml", 30, serve, "lkstudy serve", serve_log)
        with open(args.spec, "rb") as f:
            if served != f.read():
                sys.exit("GET /api/openapi.yaml is not docs/openapi.yaml")

        owner = app_token("15")
        req = urllib.request.Request(
            base + "/api/study-groups/create", method="POST",
            data=b'{"title":"Contract","videoProvider":"livekit","useLiveKit":true,"maxParticipants":5}',
            headers={"Authorization": "Bearer " + owner, "Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=10) as r:
            assert r.status == 201, r.status

        hooks = os.path.join(os.path.dirname(os.path.abspath(__file__)), "hooks.py")
        st_env = dict(os.environ, SCHEMATHESIS_HOOKS="hooks", PYTHONPATH=os.path.dirname(hooks),
                      LKS_CONTRACT_SECRETS=json.dumps([API_SECRET, APP_SECRET]))
        cmd = [args.schemathesis, "run", args.spec, "--url", base,
               "-H", "Authorization: Bearer " + owner,
               "--checks", "not_a_server_error,status_code_conformance,content_type_conformance,"
                           "response_schema_conformance,response_headers_conformance,no_secret",
               "--max-examples", str(args.max_examples), "--phases", "examples,fuzzing",
               "--mode", "positive", "--seed", "1", "--workers", "1",
               "--request-timeout", "20", "--suppress-health-check", "all"]
        print("+", " ".join(c if "Bearer" not in c else "Authorization: Bearer <app token>"
                            for c in cmd), flush=True)
        rc = subprocess.call(cmd, env=st_env, cwd=tmp)
        if rc != 0:
            print(open(serve_log).read()[-4000:], file=sys.stderr)
        return rc
    finally:
        for p in reversed(procs):
            if p.poll() is None:
                p.send_signal(signal.SIGTERM)
                try:
                    p.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    p.kill()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
