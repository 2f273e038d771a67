"""Webhook interop of lkstudy with LiveKit's Python SDK (PyPI livekit-api), both directions.

    python webhooks.py /path/to/lkstudy

1. Every delivery of tests/data/webhooks, signed the way livekit-server signs it (an access token
   with the body's sha256 claim, valid 5 minutes) by the Python SDK's AccessToken, verifies with
   `lkstudy webhook verify`, which prints the body byte for byte; the SDK's own WebhookReceiver
   reads the same event name, id and room.
2. The same bodies signed by `lkstudy webhook sign` pass the SDK's WebhookReceiver.receive.
3. A tampered body or another secret is refused on both sides.
Prints "ok - ..." / "not ok - ..." per check and ends with "N passed, N failed".
"""

import base64
import datetime
import hashlib
import os
import pathlib
import subprocess
import sys

from livekit import api

KEY = "APIinteropWebhookPy"
SECRET = "interop-webhook-python-secret-0123456789"
DATA = pathlib.Path(__file__).resolve().parent.parent.parent / "data" / "webhooks"

passed = 0
failed = 0


def check(name, fn):
    global passed, failed
    try:
        fn()
        passed += 1
        print(f"ok - {name}")
    except Exception as e:  # noqa: BLE001 - every failure is reported
        failed += 1
        print(f"not ok - {name}\n  {type(e).__name__}: {e}")


def python_sign(body: str, secret: str = SECRET) -> str:
    digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
    return api.AccessToken(KEY, secret).with_ttl(datetime.timedelta(minutes=5)).with_sha256(digest).to_jwt()


def lks(lkstudy: str, *args: str, stdin: str):
    env = dict(os.environ, LIVEKIT_API_KEY=KEY, LIVEKIT_API_SECRET=SECRET)
    return subprocess.run([lkstudy, "webhook", *args], input=stdin.encode(), capture_output=True, env=env)


def receiver(secret: str = SECRET) -> api.WebhookReceiver:
    return api.WebhookReceiver(api.TokenVerifier(KEY, secret))


def main() -> int:
    if len(sys.argv) != 2:
        print("usage: python webhooks.py /path/to/lkstudy", file=sys.stderr)
        return 2
    lkstudy = sys.argv[1]
    bodies = sorted(DATA.glob("*.json"))
    if not bodies:
        print(f"no webhook bodies in {DATA}", file=sys.stderr)
        return 2

    for path in bodies:
        body = path.read_text()

        def python_to_lkstudy(body=body):
            auth = python_sign(body)
            r = lks(lkstudy, "verify", "--auth", auth, "-", stdin=body)
            assert r.returncode == 0, r.stderr.decode()
            assert r.stdout.decode().rstrip("\n") == body.rstrip("\n"), "lkstudy printed other bytes than received"
            event = receiver().receive(body, auth)
            assert event.event, "the SDK read no event name"
            assert f'"{event.event}"' in body
            if event.id:
                assert event.id in body

        def lkstudy_to_python(body=body):
            r = lks(lkstudy, "sign", "-", stdin=body)
            assert r.returncode == 0, r.stderr.decode()
            auth = r.stdout.decode().strip()
            event = receiver().receive(body, auth)
            if event.room.name:
                assert f'"{event.room.name}"' in body

        check(f"{path.name}: Python-signed delivery verifies in lkstudy, same event", python_to_lkstudy)
        check(f"{path.name}: lkstudy-signed delivery passes the Python SDK", lkstudy_to_python)

    body = (DATA / "room_started.json").read_text()

    def tampered_refused_by_lkstudy():
        r = lks(lkstudy, "verify", "--auth", python_sign(body), "-", stdin=body + " ")
        assert r.returncode == 1 and b"(body_mismatch)" in r.stderr, r.stderr.decode()

    def wrong_secret_refused_by_lkstudy():
        r = lks(lkstudy, "verify", "--auth", python_sign(body, "another-secret-0123456789abcdefghij"), "-", stdin=body)
        assert r.returncode == 1 and b"(bad_signature)" in r.stderr, r.stderr.decode()

    def tampered_refused_by_python():
        auth = lks(lkstudy, "sign", "-", stdin=body).stdout.decode().strip()
        try:
            receiver().receive(body + " ", auth)
        except Exception as e:  # noqa: BLE001
            assert "hash mismatch" in str(e), e
        else:
            raise AssertionError("the Python SDK accepted a tampered body")

    def wrong_secret_refused_by_python():
        auth = lks(lkstudy, "sign", "-", stdin=body).stdout.decode().strip()
        try:
            receiver("another-secret-0123456789abcdefghij").receive(body, auth)
        except Exception as e:  # noqa: BLE001
            assert "Signature" in type(e).__name__ or "signature" in str(e).lower(), e
        else:
            raise AssertionError("the Python SDK accepted a token signed with another secret")

    check("lkstudy refuses a tampered Python-signed body", tampered_refused_by_lkstudy)
    check("lkstudy refuses a Python-signed token with another secret", wrong_secret_refused_by_lkstudy)
    check("the Python SDK refuses a tampered lkstudy-signed body", tampered_refused_by_python)
    check("the Python SDK refuses an lkstudy-signed token under another secret", wrong_secret_refused_by_python)

    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 and passed > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
