"""lks_interop_python: LiveKit's Python SDK (PyPI livekit-api) as a test peer for lkstudy.

Driven by tests/interop/node/tokens_interop.mjs through JSON on stdin and stdout, like the Go
peer (../go/main.go):

    peer.py verify   stdin {"key","secret","tokens":[jwt...]}
                     stdout [{"ok":true,"claims":{...}} | {"ok":false,"error":"..."}]
    peer.py mint     stdin {"key","secret","cases":[{"ttl":seconds,"claims":{...}}...]}
                     stdout [jwt...]

"claims" use the JWT's own shape. For verify they are what livekit.api.TokenVerifier hands back,
written back in the JWT's shape for the claims (and grant fields) the token carries: the Python
SDK fills in defaults for everything else (canPublish true, empty SIP grants, ...), which are left
out so that only what the token says is compared. A claim the SDK does not read comes back
missing and a misread one as a difference.
"""

import base64
import datetime
import json
import sys

from google.protobuf.json_format import MessageToDict, ParseDict
from livekit import api
from livekit.protocol.room import RoomConfiguration


def snake(name: str) -> str:
    return "".join("_" + c.lower() if c.isupper() else c for c in name)


def grant_fields(grant, present: dict) -> dict:
    """The fields of a grant dataclass that the token's JSON object `present` carries."""
    return {key: getattr(grant, snake(key)) for key in present if hasattr(grant, snake(key))}


def payload_of(token: str) -> dict:
    body = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))


def verify_one(key: str, secret: str, token: str) -> dict:
    try:
        claims = api.TokenVerifier(key, secret, leeway=datetime.timedelta(seconds=0)).verify(token)
    except Exception as e:  # noqa: BLE001 - any refusal is reported to the driver
        return {"ok": False, "error": f"{type(e).__name__}: {e}"}
    raw = payload_of(token)  # only to know which claims the token carries
    out = {k: raw[k] for k in ("iss", "nbf", "exp") if k in raw}
    if claims.identity:
        out["sub"] = claims.identity
    for name in ("name", "metadata", "kind", "sha256"):
        value = getattr(claims, name)
        if value:
            out[name] = value
    if claims.attributes:
        out["attributes"] = claims.attributes
    if claims.room_preset:
        out["roomPreset"] = claims.room_preset
    if claims.room_config is not None:
        out["roomConfig"] = MessageToDict(claims.room_config)
    for name, grant in (("video", claims.video), ("sip", claims.sip), ("inference", claims.inference),
                        ("observability", claims.observability), ("agent", claims.agent)):
        if name in raw and grant is not None:
            out[name] = grant_fields(grant, raw[name])
    return {"ok": True, "claims": out}


# Each JWT claim as the SDK's AccessToken sets it: (method, value from the claim's JSON).
MINT_SETTERS = {
    "sub": ("with_identity", str),
    "name": ("with_name", str),
    "metadata": ("with_metadata", str),
    "attributes": ("with_attributes", dict),
    "kind": ("with_kind", str),
    "sha256": ("with_sha256", str),
    "roomPreset": ("with_room_preset", str),
    "roomConfig": ("with_room_config", lambda v: ParseDict(v, RoomConfiguration())),
    "video": ("with_grants", lambda v: api.VideoGrants(**{snake(k): x for k, x in v.items()})),
    "sip": ("with_sip_grants", lambda v: api.SIPGrants(**v)),
    "inference": ("with_inference_grants", lambda v: api.InferenceGrants(**v)),
    "observability": ("with_observability_grants", lambda v: api.ObservabilityGrants(**v)),
}


def mint_one(key: str, secret: str, case: dict) -> str:
    at = api.AccessToken(key, secret).with_ttl(datetime.timedelta(seconds=case["ttl"]))
    for claim, value in case["claims"].items():
        setter, convert = MINT_SETTERS[claim]
        at = getattr(at, setter)(convert(value))
    return at.to_jwt()


def main() -> int:
    if len(sys.argv) != 2 or sys.argv[1] not in ("verify", "mint"):
        print("usage: peer.py verify|mint < request.json", file=sys.stderr)
        return 2
    req = json.load(sys.stdin)
    if sys.argv[1] == "verify":
        out = [verify_one(req["key"], req["secret"], t) for t in req["tokens"]]
    else:
        out = [mint_one(req["key"], req["secret"], c) for c in req["cases"]]
    json.dump(out, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
