// POST /api/livekit/token the way a typical Express backend of the seed would do it, with the
// same checks as lkstudy serve: verify the app JWT (HS256), look the group up by its room name and
// the caller's membership in SQLite (the same database file lkstudy's store wrote), refuse a caller
// removed from the open session, make sure the LiveKit room exists (created on demand, trusted for
// 30 s like lkstudy's live-room cache), then mint the LiveKit token.
//
// Env: PORT, DB (SQLite file), LIVEKIT_SERVER_URL, LIVEKIT_API_KEY, LIVEKIT_API_SECRET, APP_JWT_SECRET.
import crypto from "node:crypto";
import express from "express";
import Database from "better-sqlite3";
import { AccessToken, RoomServiceClient } from "livekit-server-sdk";

const { PORT = "3100", DB, LIVEKIT_SERVER_URL, LIVEKIT_API_KEY, LIVEKIT_API_SECRET, APP_JWT_SECRET } = process.env;
const db = new Database(DB, { readonly: false });
db.pragma("journal_mode = WAL");
const findAccess = db.prepare(
  `SELECT g.id, g.max_participants AS maxParticipants, g.use_livekit AS useLiveKit, g.livekit_room_sid AS roomSid,
          m.role FROM study_groups g LEFT JOIN memberships m ON m.group_id = g.id AND m.user_id = ?
    WHERE g.livekit_room_name = ?`);
const isRemoved = db.prepare(
  `SELECT 1 FROM removals r JOIN room_sessions s ON s.room_sid = r.room_sid
    WHERE r.room_sid = ? AND r.user_id = ? AND s.ended_at IS NULL`);
const httpUrl = LIVEKIT_SERVER_URL.replace(/^ws/, "http");
const rooms = new RoomServiceClient(httpUrl, LIVEKIT_API_KEY, LIVEKIT_API_SECRET);
const liveRooms = new Map();  // room name -> trusted until (ms)

function verifyAppJwt(header) {
  const m = /^Bearer (.+)$/.exec(header || "");
  if (!m) return null;
  const parts = m[1].split(".");
  if (parts.length !== 3) return null;
  const sig = crypto.createHmac("sha256", APP_JWT_SECRET).update(parts[0] + "." + parts[1]).digest();
  const got = Buffer.from(parts[2], "base64url");
  if (got.length !== sig.length || !crypto.timingSafeEqual(got, sig)) return null;
  const claims = JSON.parse(Buffer.from(parts[1], "base64url").toString());
  if (claims.exp && claims.exp * 1000 < Date.now()) return null;
  const id = claims.userId ?? claims.sub;
  return id == null ? null : { id: String(id), email: claims.email, name: claims.name };
}

const fail = (res, status, code, message) => res.status(status).json({ success: false, error: { code, message } });

const app = express();
app.use(express.json({ limit: "1mb" }));
app.post("/api/livekit/token", async (req, res) => {
  const user = verifyAppJwt(req.get("authorization"));
  if (!user) return fail(res, 401, "unauthenticated", "missing or invalid token");
  const { roomName, participantName } = req.body || {};
  if (typeof roomName !== "string" || !roomName) return fail(res, 400, "invalid_argument", "roomName: required");
  const g = findAccess.get(user.id, roomName);
  if (!g) return fail(res, 404, "not_found", "no study group has this room");
  if (!g.role) return fail(res, 403, "not_a_member", "not a member");
  if (g.roomSid && isRemoved.get(g.roomSid, user.id)) return fail(res, 403, "barred", "removed from this session");
  try {
    if (!(liveRooms.get(roomName) > Date.now())) {
      await rooms.createRoom({ name: roomName, maxParticipants: g.maxParticipants, emptyTimeout: 600 });
      liveRooms.set(roomName, Date.now() + 30000);
    }
  } catch (e) {
    return fail(res, 503, "livekit_unavailable", "LiveKit is unreachable");
  }
  const at = new AccessToken(LIVEKIT_API_KEY, LIVEKIT_API_SECRET, {
    identity: "user_" + user.id,
    name: participantName || user.name,
    metadata: JSON.stringify({ userId: user.id, email: user.email }),
    ttl: "6h",
  });
  at.addGrant({ roomJoin: true, room: roomName, canPublish: true, canSubscribe: true, canPublishData: true,
                canUpdateOwnMetadata: true });
  const token = await at.toJwt();
  res.json({ success: true, data: { token, serverUrl: LIVEKIT_SERVER_URL, roomName, identity: "user_" + user.id,
                                    participantName: participantName || user.name } });
});
app.listen(Number(PORT), "127.0.0.1", () => console.log(`express peer on http://127.0.0.1:${PORT}`));
