#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets (tests/fuzz/corpus/<target>/) from the test data
and LiveKit's vectors. Deterministic; run it again after changing a seed. Tokens are signed with
the fuzz targets' own keys and expire in 2100, so they stay valid under the targets' fixed clock.
"""
import base64, hashlib, hmac, json, os, struct

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "data")
EXP = 4102444800  # 2100-01-01
NBF = 1700000000


def b64url(b):
    return base64.urlsafe_b64encode(b).rstrip(b"=").decode()


def jwt(payload, secret, header=None):
    h = b64url(json.dumps(header or {"alg": "HS256", "typ": "JWT"}, separators=(",", ":")).encode())
    p = b64url(payload if isinstance(payload, bytes) else json.dumps(payload, separators=(",", ":")).encode())
    sig = hmac.new(secret.encode(), f"{h}.{p}".encode(), hashlib.sha256).digest()
    return f"{h}.{p}.{b64url(sig)}"


def write(target, name, content):
    d = os.path.join(HERE, "corpus", target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(content if isinstance(content, bytes) else content.encode())


# base64
for i, s in enumerate([b"", b"f", b"fo", b"foo", b"foobar", bytes(range(256)), b"SGVsbG8",
                       b"CoEQz1chqJ9bnZRcORddjplkvpjmPujmLTR42DbefYI=", b"eyJhbGciOiJIUzI1NiJ9",
                       b"-_-_", b"+/+/", b"AA==", b"AAA="]):
    write("base64", f"seed{i:02d}", s)

# ISO 8601
for i, s in enumerate(["2025-10-15T19:00:00.000Z", "2025-10-15T19:00:00Z", "2025-10-15T19:00:00+02:00",
                       "2024-02-29 12:00:00.123456-05:30", "0000-01-01T00:00:00Z",
                       "9999-12-31T23:59:59.999Z", "2016-12-31T23:59:60Z", "1970-01-01t00:00:00.5z",
                       "2025-02-31T00:00:00Z"]):
    write("iso_time", f"seed{i:02d}", s)
write("iso_time", "instant", struct.pack("<q", 1760554800000) + b"Z")

# .env
write("dotenv", "seed00", "# LiveKit\nLIVEKIT_URL=wss://example.livekit.cloud\nLIVEKIT_API_KEY=APIabc\n"
      "export LIVEKIT_API_SECRET=\"s3cr=t # not a comment\"\nAPP_JWT_SECRET='x y'\nEMPTY=\n"
      "PORT=3000 # the port\n")
write("dotenv", "seed01", "A=1\r\nB = two \r\n\n   # indented comment\nC=\"\"\n")
write("dotenv", "seed02", "not a line\n")

# LiveKit access tokens (tests/fuzz/token_verifier_fuzz.cc keys)
LK_KEY, LK_SECRET = "APIfuzzkey", "fuzz-secret-0123456789abcdefghijklmnop"
full = {"iss": LK_KEY, "sub": "user_15", "nbf": NBF, "exp": EXP, "name": "John Doe",
        "metadata": "{\"userId\":15,\"email\":\"john@example.com\"}",
        "attributes": {"role": "member", "k": "a=b", "empty": ""},
        "video": {"roomJoin": True, "room": "study_group_1732700000_ab12cd", "canPublish": True,
                  "canSubscribe": True, "canPublishData": True,
                  "canPublishSources": ["camera", "microphone", "screen_share"],
                  "canUpdateOwnMetadata": False, "hidden": False, "roomAdmin": False},
        "sip": {"admin": False, "call": True}, "kind": "standard",
        "sha256": "CoEQz1chqJ9bnZRcORddjplkvpjmPujmLTR42DbefYI=", "roomPreset": "p",
        "roomConfig": {"name": "r", "emptyTimeout": 300, "maxParticipants": 10},
        "inference": {"perform": True}, "observability": {"write": True}}
minimal = {"iss": LK_KEY, "exp": EXP, "video": {"roomList": True}}
cjk = {"iss": LK_KEY, "sub": "学生_🙂", "name": "名前 \"quoted\"", "exp": EXP, "nbf": NBF,
       "video": {"roomJoin": True, "room": "部屋", "destinationRoom": "x", "agent": True}}
for i, p in enumerate([full, minimal, cjk]):
    write("token_verifier", f"jwt{i}", b"\x00" + jwt(p, LK_SECRET).encode())
    write("token_verifier", f"payload{i}", b"\x01" + json.dumps(p, ensure_ascii=False).encode())
write("token_verifier", "alg_none", b"\x00" + (b64url(b'{"alg":"none"}') + "." + b64url(json.dumps(minimal).encode()) + ".").encode())
write("token_verifier", "unknown_key", b"\x00" + jwt(dict(minimal, iss="other"), LK_SECRET).encode())
write("token_verifier", "expired", b"\x01" + json.dumps(dict(minimal, exp=NBF)).encode())

# App tokens
APP_SECRET = "fuzz-app-secret-abcdefghijklmnopqrstuvwxyz"
app = {"sub": "15", "userId": 15, "email": "john@example.com", "name": "John Doe", "iat": NBF, "exp": EXP}
admin = {"userId": "9b2f0c1e-uuid", "role": "admin", "exp": EXP}
write("app_token", "header", b"\x00" + ("Bearer " + jwt(app, APP_SECRET)).encode())
write("app_token", "header_lower", b"\x00" + ("bearer " + jwt(admin, APP_SECRET)).encode())
write("app_token", "basic", b"\x00Basic dXNlcjpwYXNz")
write("app_token", "jwt", b"\x01" + jwt(app, APP_SECRET).encode())
write("app_token", "payload", b"\x02" + json.dumps(app).encode())
write("app_token", "payload_sub_only", b"\x02" + json.dumps({"sub": "u-1", "nbf": NBF}).encode())

# Webhooks: the test data's bodies (signed by the target), LiveKit's vector, and whole deliveries
WH_KEY, WH_SECRET = "abcdefg", "abababa-fuzz-secret-0123456789"
vector = (b'{"event":"room_started", "room":{"sid":"RM_TkVjUvAqgzKz", "name":"mytestroom", '
          b'"emptyTimeout":300, "creationTime":"1628545903", "turnPassword":"ICkSr2rEeslkN6e9bXL4Ji5zzMD5Z7zzr6ulOaxMj6N", '
          b'"enabledCodecs":[{"mime":"audio/opus"}, {"mime":"video/VP8"}]}}')
bodies = {"vector": vector}
wh = os.path.join(DATA, "webhooks")
for f in sorted(os.listdir(wh)):
    with open(os.path.join(wh, f), "rb") as fh:
        bodies[f[:-5]] = fh.read().strip()
for name, body in bodies.items():
    write("webhook_receiver", "signed_" + name, b"\x01" + body)
for name in ["vector", "participant_joined", "room_finished"]:
    body = bodies[name]
    claim = base64.b64encode(hashlib.sha256(body).digest()).decode()
    tok = jwt({"iss": WH_KEY, "nbf": NBF, "exp": EXP, "sha256": claim}, WH_SECRET)
    write("webhook_receiver", "delivery_" + name, b"\x00" + tok.encode() + b"\n" + body)
    write("webhook_receiver", "bearer_" + name, b"\x00Bearer " + tok.encode() + b"\n" + body)

# Room service models: 0 room, 1 participant, 2 track, 3 permission
snake_room = ('{"sid":"RM_1","name":"r","empty_timeout":60,"departure_timeout":5,"max_participants":2,'
              '"creation_time":"1795792407","creation_time_ms":"1795792407994","turn_password":"x",'
              '"enabled_codecs":[{"mime":"audio/opus","fmtp_line":""}],"metadata":"m","num_participants":1,'
              '"num_publishers":0,"active_recording":false,"version":null}')
camel_room = ('{"sid":"RM_TkVjUvAqgzKz", "name":"mytestroom", "emptyTimeout":300, "creationTime":"1628545903",'
              ' "turnPassword":"x", "enabledCodecs":[{"mime":"audio/opus"}, {"mime":"video/VP8"}]}')
snake_part = ('{"sid":"PA_abc","identity":"user_15","state":"ACTIVE","tracks":[{"sid":"TR_1","type":"AUDIO",'
              '"name":"mic","muted":false,"width":0,"height":0,"simulcast":false,"disable_dtx":false,'
              '"source":"MICROPHONE","layers":[],"mime_type":"audio/opus","mid":"0","codecs":[],"stereo":false,'
              '"stream":"","version":null}],"metadata":"{\\"userId\\":15}","joined_at":"1795792407",'
              '"joined_at_ms":"1795792407123","name":"John","version":3,"permission":{"can_subscribe":true,'
              '"can_publish":true,"can_publish_data":false,"can_publish_sources":["CAMERA","MICROPHONE"],'
              '"hidden":false,"recorder":false,"can_update_metadata":true,"agent":false,'
              '"can_subscribe_metrics":false,"can_manage_agent_session":false},"region":"","is_publisher":true,'
              '"kind":"STANDARD","attributes":{"role":"owner"},"disconnect_reason":"UNKNOWN_REASON",'
              '"kind_details":[],"client_protocol":1,"some_future_field":{"x":1}}')
camel_part = ('{"sid":"PA_abc","identity":"user_15","state":"JOINED","joinedAt":"1795792407",'
              '"permission":{"canSubscribe":true,"canPublishSources":[1]},"kind":"AGENT","tracks":[{"sid":"TR_2",'
              '"type":"VIDEO","width":640,"height":480,"source":"CAMERA","mimeType":"video/VP8"}],'
              '"isPublisher":true,"disconnectReason":"ROOM_DELETED"}')
for i, (m, s) in enumerate([(0, snake_room), (0, camel_room), (1, snake_part), (1, camel_part),
                            (2, '{"sid":"TR_2","type":"VIDEO","width":640,"height":480,"source":"CAMERA","mimeType":"video/VP8","simulcast":true}'),
                            (2, '{"sid":"TR_1","type":1,"source":2,"muted":true,"mid":"0","stream":"s"}'),
                            (3, '{"can_subscribe":true,"can_publish":true,"can_publish_sources":["CAMERA","MICROPHONE"]}'),
                            (3, '{"canPublishData":true,"hidden":true,"canPublishSources":[1,2,3,4]}')]):
    write("models", f"seed{i:02d}", bytes([m]) + s.encode())

# Twirp error answers: two bytes of HTTP status (offset by 100), then the body
def status(n):
    return bytes([(n - 100) // 256, (n - 100) % 256])
for i, (code, body) in enumerate([(404, '{"code":"not_found","msg":"room not found","meta":{"room":"r"}}'),
                                  (401, "invalid token: eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.sig\n"),
                                  (413, "request body too large"),
                                  (400, '{"code":"invalid_argument","msg":"name: too long","meta":{"argument":"name"}}'),
                                  (503, '{"code":"unavailable","msg":""}'),
                                  (429, '{"code":"resource_exhausted","msg":"slow down","meta":{"n":3}}')]):
    write("twirp_error", f"seed{i:02d}", status(code) + body.encode())

# REST: request sequences (see rest_handler_fuzz.cc for the format)
group = ('{"title":"Bible Study - Gospel of John","description":"Weekly","maxParticipants":15,'
         '"scheduledTime":"2025-10-15T19:00:00.000Z","durationMinutes":60,"videoProvider":"livekit","useLiveKit":true}')
def req(method, path, body="", user="@u1", ctype=True):
    h = f"{method} {path}\n"
    if user:
        h += f"Authorization: Bearer {user}\n"
    if ctype:
        h += "Content-Type: application/json\n"
    return h + "\n" + body
seqs = {
    "create_get": [req("POST", "/api/study-groups/create", group), req("GET", "/api/study-groups/1"),
                   req("GET", "/api/study-groups/1/members"), req("GET", "/api/study-groups?after=0&limit=5")],
    "join_leave": [req("POST", "/api/study-groups/create", group), req("POST", "/api/study-groups/1/join", "", "@u2"),
                   req("GET", "/api/study-groups/1/members", "", "@u2"), req("POST", "/api/study-groups/1/leave", "", "@u2"),
                   req("GET", "/api/study-groups/1/usage", "", "@u1"), req("GET", "/api/study-groups/1/attendance", "", "@u1")],
    "token": [req("POST", "/api/study-groups/create", group),
              req("POST", "/api/livekit/token", '{"roomName":"study_group_1_x","participantName":"John Doe"}'),
              req("GET", "/api/livekit/rooms", "", "@admin"), req("GET", "/api/livekit/rooms/study_group_1_x"),
              req("DELETE", "/api/livekit/rooms/study_group_1_x"),
              req("POST", "/api/livekit/rooms/study_group_1_x/remove-participant", '{"participantIdentity":"user_2"}'),
              req("POST", "/api/livekit/rooms/study_group_1_x/mute-track", '{"participantIdentity":"user_2","trackSid":"TR_1","muted":true}'),
              req("POST", "/api/livekit/rooms", '{"name":"study_group_1_x","groupId":1}')],
    "anonymous": [req("GET", "/api/livekit/status", "", None), req("GET", "/api/study-groups/1", "", None),
                  req("PUT", "/api/study-groups/create", "", "@u3"), req("GET", "/nowhere", "", "@u3"),
                  req("POST", "/api/study-groups/create", "{not json", "@u3"),
                  req("POST", "/api/study-groups/create", '{"title":""}', "Basic abc")],
    "meet": [req("POST", "/api/study-groups/create", '{"title":"Meet","videoProvider":"google_meet","meetLink":"https://meet.google.com/abc","useLiveKit":false}', "@u2")],
}
for name, reqs in seqs.items():
    write("rest_handler", name, "\n~~~\n".join(reqs))
wb = bodies["participant_joined"].decode()
write("rest_handler", "webhook", "\n~~~\n".join([
    req("POST", "/api/study-groups/create", group),
    "POST /api/livekit/webhook\nAuthorization: @webhook\nContent-Type: application/webhook+json\n\n" + wb,
    "POST /api/livekit/webhook\nAuthorization: @webhook\nContent-Type: application/webhook+json\n\n" + wb,
    "POST /api/livekit/webhook\nAuthorization: Bearer nope\n\n{}"]))
