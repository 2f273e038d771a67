'use strict';
// StudyGroups: the study-group service through the binding, against a real livekit-server
// (v1.13.5) and SQLite files. Members get tokens livekit-server-sdk accepts and rooms appear on
// the server with the group's capacity; the policy's refusals are LkStudyError with the canonical
// code, the API's reason and HTTP status; webhooks apply once; capacity holds under concurrent
// joins from libuv's pool; the store is shared with StudyGroupStore.
const test = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const sdk = require('livekit-server-sdk');
const lk = require('..');
const { startLiveKitServer } = require('./support/livekit_server');

const KEY = 'APInodeService';
const SECRET = 'node-service-secret-0123456789-abcdefgh';
const APP_SECRET = 'app-secret-for-node-service-tests';

const alice = { userId: '15', email: 'alice@example.com', name: 'Alice' };
const bob = { userId: 16, name: 'Bob' };
const carol = { id: '17' };

let server;
let dir;
let groups;

test.before(async () => {
  server = await startLiveKitServer({ key: KEY, secret: SECRET });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lks-node-service-'));
  groups = await lk.StudyGroups.open({
    store: `sqlite:${path.join(dir, 'groups.db')}`,
    livekitUrl: server.url,
    apiKey: KEY,
    apiSecret: SECRET,
    appJwtSecret: APP_SECRET,
    tokenTtl: '2h',
    publicUrl: 'https://study.example.org',
  });
});
test.after(async () => {
  if (groups) await groups.close();
  if (server) await server.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const isLk = (code, reason, httpStatus, field) => (e) => {
  assert.ok(e instanceof lk.LkStudyError, `expected LkStudyError, got ${e && e.stack}`);
  assert.equal(e.code, code);
  assert.equal(e.reason, reason);
  assert.equal(e.httpStatus, httpStatus);
  if (field) assert.match(e.message, new RegExp(`^${field}`));
  assert.ok(!e.message.includes(SECRET) && !e.message.includes(APP_SECRET));
  return true;
};

// What livekit-server sends in Authorization: a token with the body's sha256 claim.
function sign(body, key = KEY, secret = SECRET) {
  const at = new sdk.AccessToken(key, secret, { ttl: 300 });
  at.sha256 = crypto.createHash('sha256').update(body).digest('base64');
  return at.toJwt();
}

test('members get LiveKit tokens livekit-server-sdk verifies; the room is made with the group capacity', async () => {
  const group = await groups.createGroup(alice, { title: 'Gospel of John', maxParticipants: 6, durationMinutes: 45 });
  assert.equal(group.title, 'Gospel of John');
  assert.equal(group.createdBy, '15');
  assert.match(group.livekitRoomName, /^study_group_/);
  assert.deepEqual(await groups.getGroup(bob, group.id), group);

  const joined = await groups.joinGroup(bob, group.id);
  assert.deepEqual([joined.groupId, joined.userId, joined.role], [group.id, '16', 'member']);
  const { members, total } = await groups.listMembers(alice, group.id);
  assert.equal(total, 2);
  assert.deepEqual(members.map((m) => [m.userId, m.role]), [['15', 'owner'], ['16', 'member']]);

  const issued = await groups.issueToken(bob, { roomName: group.livekitRoomName, participantName: 'Bob B.' });
  assert.equal(issued.serverUrl, server.url);
  assert.equal(issued.identity, 'user_16');
  const claims = await new sdk.TokenVerifier(KEY, SECRET).verify(issued.token);
  assert.equal(claims.sub, 'user_16');
  assert.equal(claims.name, 'Bob B.');
  assert.equal(claims.exp - claims.nbf, 7200);
  assert.equal(issued.expiresAt, new Date(claims.exp * 1000).toISOString());
  assert.deepEqual(claims.video, {
    roomJoin: true, room: group.livekitRoomName, canPublish: true, canSubscribe: true, canPublishData: true,
    canUpdateOwnMetadata: true,
  });
  const rooms = await new sdk.RoomServiceClient(server.url, KEY, SECRET).listRooms([group.livekitRoomName]);
  assert.equal(rooms.length, 1);
  assert.equal(rooms[0].maxParticipants, 6);

  const listed = await groups.listRooms(alice);
  assert.deepEqual(listed.rooms.map((r) => r.name), [group.livekitRoomName]);
  const detail = await groups.getRoom(bob, group.livekitRoomName);
  assert.equal(detail.room.name, group.livekitRoomName);
  assert.deepEqual(detail.participants, []);
});

test('the policy refuses with the canonical code, the API reason and HTTP status', async () => {
  const group = await groups.createGroup(alice, { title: 'Romans', maxParticipants: 2 });
  await groups.joinGroup(bob, group.id);
  await assert.rejects(groups.issueToken(carol, { roomName: group.livekitRoomName }),
    isLk('permission_denied', 'not_a_member', 403));
  await assert.rejects(groups.joinGroup(carol, group.id), isLk('resource_exhausted', 'group_full', 409));
  await assert.rejects(groups.deleteRoom(bob, group.livekitRoomName),
    isLk('permission_denied', 'not_a_moderator', 403));
  await assert.rejects(groups.getGroup(alice, 987654), isLk('not_found', '', 404));
  await assert.rejects(groups.createGroup(alice, { title: 'x', maxParticipants: 'ten' }),
    isLk('invalid_argument', '', 400, 'maxParticipants'));
  await assert.rejects(groups.createGroup(alice, { maxParticipants: 3 }), isLk('invalid_argument', '', 400, 'title'));
  await assert.rejects(groups.leaveGroup(alice, group.id), isLk('failed_precondition', '', 409));
  // Arguments the binding itself refuses, before any native call.
  await assert.rejects(async () => groups.getGroup({ email: 'no-id@example.com' }, group.id),
    isLk('invalid_argument', '', 400, 'user.userId'));
  await assert.rejects(async () => groups.getGroup(alice, ''), isLk('invalid_argument', '', 400, 'id'));
});

test('recording: consent and moderators required; no egress worker is 503 recording_unavailable', async () => {
  const plain = await groups.createGroup(alice, { title: 'Acts', maxParticipants: 4 });
  assert.deepEqual([plain.recordingConsent, plain.e2ee, plain.transcriptionAgent], [false, false, null]);
  await assert.rejects(groups.startRecording(alice, plain.id), isLk('failed_precondition', 'recording_not_consented', 409));
  const group = await groups.createGroup(alice, { title: 'Acts (recorded)', recordingConsent: true, transcriptionAgent: 'transcriber' });
  assert.equal(group.recordingConsent, true);
  assert.equal(group.transcriptionAgent, 'transcriber');
  await groups.joinGroup(bob, group.id);
  await assert.rejects(groups.startRecording(bob, group.id), isLk('permission_denied', 'not_a_moderator', 403));
  await assert.rejects(groups.startRecording(alice, group.id), isLk('failed_precondition', 'room_not_active', 409));
  await groups.issueToken(bob, { roomName: group.livekitRoomName });  // the session starts
  // The group's transcription agent was dispatched into it (stored with no agent worker).
  const dispatches = await new lk.AgentDispatchClient(server.url, KEY, SECRET).listDispatch(group.livekitRoomName);
  assert.deepEqual(dispatches.filter((d) => d.agentName === 'transcriber').length, 1);
  await assert.rejects(groups.startRecording(alice, group.id), isLk('unavailable', 'recording_unavailable', 503));
  await assert.rejects(groups.stopRecording(alice, group.id), isLk('failed_precondition', 'not_recording', 409));
  assert.deepEqual(await groups.listRecordings(bob, group.id), { groupId: group.id, recordings: [], total: 0 });
});

test('breakout rooms: assignments, tokens for the assigned breakout only, and closing', async () => {
  const group = await groups.createGroup(alice, { title: 'Romans (breakouts)', maxParticipants: 5 });
  await groups.joinGroup(bob, group.id);
  await groups.joinGroup(carol, group.id);
  const split = { assignments: [{ members: ['16'] }, { members: ['17'] }] };
  await assert.rejects(groups.openBreakouts(alice, group.id, split), isLk('failed_precondition', 'room_not_active', 409));
  await groups.issueToken(alice, { roomName: group.livekitRoomName });  // the session starts
  await assert.rejects(groups.openBreakouts(bob, group.id, split), isLk('permission_denied', 'not_a_moderator', 403));
  await assert.rejects(groups.openBreakouts(alice, group.id, { assignments: [{ members: ['16', '99'] }] }),
    isLk('invalid_argument', '', 400, 'assignments\\[0\\]\\.members'));
  const open = await groups.openBreakouts(alice, group.id, split);
  assert.equal(open.open, true);
  assert.deepEqual(open.rooms.map((r) => r.members), [['16'], ['17']]);
  assert.equal(open.assignment, null);
  const [b1, b2] = open.rooms.map((r) => r.roomName);
  assert.ok(b1.startsWith(`${group.livekitRoomName}-${open.sessionSid}-1-`), b1);
  // The rooms exist on the server, and the main room's metadata announces the set.
  const rooms = new sdk.RoomServiceClient(server.url, KEY, SECRET);
  const listed = await rooms.listRooms([b1, b2, group.livekitRoomName]);
  assert.deepEqual(listed.map((r) => r.name).sort(), [b1, b2, group.livekitRoomName].sort());
  assert.equal(JSON.parse(listed.find((r) => r.name === group.livekitRoomName).metadata).breakouts, 1);
  await assert.rejects(groups.openBreakouts(alice, group.id, split), isLk('failed_precondition', 'breakouts_open', 409));

  const t = await groups.issueToken(bob, { roomName: group.livekitRoomName });
  assert.equal(t.roomName, b1);
  assert.deepEqual(t.breakout, { roomName: b1, number: 1, mainRoomName: group.livekitRoomName, sessionSid: open.sessionSid });
  const verified = await new sdk.TokenVerifier(KEY, SECRET).verify(t.token);
  assert.equal(verified.video.room, b1);
  await assert.rejects(groups.issueToken(bob, { roomName: b2 }), isLk('permission_denied', 'not_assigned', 403));
  assert.equal((await groups.issueToken(alice, { roomName: b2 })).roomName, b2);  // a visit
  assert.equal((await groups.getBreakouts(carol, group.id)).assignment.roomName, b2);

  const closed = await groups.closeBreakouts(alice, group.id);
  assert.equal(closed.open, false);
  assert.ok(closed.rooms.every((r) => r.closedAt !== null));
  const back = await groups.issueToken(bob, { roomName: group.livekitRoomName });
  assert.equal(back.roomName, group.livekitRoomName);
  assert.equal(back.breakout, undefined);
  await assert.rejects(groups.issueToken(bob, { roomName: b1 }), isLk('failed_precondition', 'breakouts_closed', 409));
  await assert.rejects(groups.closeBreakouts(alice, group.id), isLk('failed_precondition', 'breakouts_not_open', 409));
});

test('moderators end the room: everyone is disconnected and the room is gone from the server', async () => {
  const group = await groups.createGroup(alice, { title: 'Psalms', maxParticipants: 4 });
  await groups.joinGroup(bob, group.id);
  await groups.issueToken(bob, { roomName: group.livekitRoomName });
  await assert.rejects(groups.removeParticipant(alice, group.livekitRoomName, 'user_16'),
    isLk('not_found', 'participant_not_found', 404));
  const deleted = await groups.deleteRoom(alice, group.livekitRoomName);
  assert.equal(deleted.roomName, group.livekitRoomName);
  const rooms = await new sdk.RoomServiceClient(server.url, KEY, SECRET).listRooms([group.livekitRoomName]);
  assert.equal(rooms.length, 0);
});

test('reconcile() checks the live rooms of groups against livekit-server and reports what it did', async () => {
  const group = await groups.createGroup(alice, { title: 'Reconciled', maxParticipants: 4 });
  await groups.issueToken(alice, { roomName: group.livekitRoomName });  // the room is made now
  const summary = await groups.reconcile();
  assert.deepEqual(Object.keys(summary), ['sessionsChecked', 'rowsOpened', 'rowsClosed', 'sessionsClosed']);
  assert.ok(summary.sessionsChecked >= 1, JSON.stringify(summary));
  assert.equal(summary.rowsOpened, 0, 'nobody is connected');
  await groups.deleteRoom(alice, group.livekitRoomName);
});

test('webhooks apply once per event id and feed usage; a forged one is refused', async () => {
  const group = await groups.createGroup(alice, { title: 'Acts', maxParticipants: 4 });
  const room = { sid: 'RM_nodeService1', name: group.livekitRoomName };
  const t0 = Math.floor(Date.now() / 1000) - 600;
  const events = [
    { event: 'room_started', id: 'EV_node_1', createdAt: String(t0), room },
    { event: 'participant_joined', id: 'EV_node_2', createdAt: String(t0 + 10), room,
      participant: { sid: 'PA_n1', identity: 'user_15', joinedAt: String(t0 + 10) } },
    { event: 'participant_left', id: 'EV_node_3', createdAt: String(t0 + 130), room,
      participant: { sid: 'PA_n1', identity: 'user_15', joinedAt: String(t0 + 10) } },
  ];
  for (const e of events) {
    const body = JSON.stringify(e);
    const auth = await sign(body);
    assert.deepEqual(await groups.receiveWebhook(body, auth), { event: e.event, id: e.id, outcome: 'applied' });
    assert.equal((await groups.receiveWebhook(Buffer.from(body), auth)).outcome, 'duplicate');
  }
  assert.equal((await groups.getGroup(alice, group.id)).livekitRoomSid, 'RM_nodeService1');
  const usage = await groups.getUsage(alice, group.id);
  assert.equal(usage.participantMinutes, 2);
  assert.equal(usage.sessions[0].roomSid, 'RM_nodeService1');

  const body = JSON.stringify({ ...events[0], id: 'EV_node_forged' });
  await assert.rejects(groups.receiveWebhook(body, await sign(body, KEY, 'not-the-secret')),
    isLk('unauthenticated', 'bad_signature', 401));
  await assert.rejects(groups.receiveWebhook(`${body} `, await sign(body)),
    isLk('unauthenticated', 'body_mismatch', 401));
});

test('approval groups: members wait until admitted, the denied are refused, a lock holds all but moderators', async () => {
  const group = await groups.createGroup(alice, { title: 'Acts', maxParticipants: 6, admission: 'approval' });
  assert.equal(group.admission, 'approval');
  assert.equal(group.locked, false);
  const dan = { userId: '18', name: 'Dan' };
  for (const u of [bob, carol, dan]) await groups.joinGroup(u, group.id);
  const roomName = group.livekitRoomName;

  // Bob knocks (twice: one knock); the owner is never held.
  const waiting = await groups.issueToken(bob, { roomName, participantName: 'Bob B.' });
  assert.equal(waiting.status, 'waiting');
  assert.equal(waiting.token, undefined);
  assert.equal(waiting.groupId, group.id);
  assert.match(waiting.session, /^RM_/);
  assert.equal(waiting.retryAfterSeconds, 5);
  assert.equal((await groups.issueToken(bob, { roomName })).knockedAt, waiting.knockedAt);
  await groups.issueToken(carol, { roomName });
  assert.ok((await groups.issueToken(alice, { roomName })).token);

  await assert.rejects(groups.listKnocks(bob, group.id), isLk('permission_denied', 'not_a_moderator', 403));
  const list = await groups.listKnocks(alice, group.id);
  assert.equal(list.session, waiting.session);
  assert.deepEqual(list.knocks.map((k) => [k.userId, k.name, k.status]),
    [['16', 'Bob B.', 'waiting'], ['17', '', 'waiting']]);

  // Admitted: a token livekit-server-sdk verifies, for this room. Denied: refused every time.
  const admitted = await groups.admit(alice, group.id, '16');
  assert.deepEqual([admitted.status, admitted.decidedBy], ['admitted', '15']);
  const issued = await groups.issueToken(bob, { roomName });
  const claims = await new sdk.TokenVerifier(KEY, SECRET).verify(issued.token);
  assert.equal(claims.video.room, roomName);
  assert.equal((await groups.deny(alice, group.id, '17')).status, 'denied');
  await assert.rejects(groups.issueToken(carol, { roomName }), isLk('permission_denied', 'denied', 403));
  await assert.rejects(groups.admit(alice, group.id, '99'), isLk('not_found', 'knock_not_found', 404));

  // Locked: Dan (new) is refused, the owner is not; unlocked, Dan waits.
  assert.equal((await groups.lock(alice, group.id)).locked, true);
  await assert.rejects(groups.lock(bob, group.id), isLk('permission_denied', 'not_a_moderator', 403));
  await assert.rejects(groups.issueToken(dan, { roomName }), isLk('permission_denied', 'locked', 403));
  assert.ok((await groups.issueToken(alice, { roomName })).token);
  assert.equal((await groups.unlock(alice, group.id)).locked, false);
  assert.equal((await groups.issueToken(dan, { roomName })).status, 'waiting');

  // The REST answer through handle(): 202 with Retry-After.
  const token = lk.mintAppToken(APP_SECRET, dan, { ttl: '10m' });
  const r = await groups.handle({
    method: 'POST', url: '/api/livekit/token', headers: { Authorization: `Bearer ${token}` },
    body: JSON.stringify({ roomName }),
  });
  assert.equal(r.status, 202);
  assert.equal(r.headers['retry-after'], '5');
  const body = JSON.parse(r.body);
  assert.equal(body.status, 'waiting');
  assert.equal(body.data.session, waiting.session);
  await assert.rejects(groups.createGroup(alice, { title: 'x', admission: 'closed' }),
    isLk('invalid_argument', '', 400, 'admission'));
});

test('updateGroup changes settings for owners only, with the field named on bad input', async () => {
  const group = await groups.createGroup(alice, { title: 'Settings', maxParticipants: 4 });
  await groups.joinGroup(bob, group.id);
  const changed = await groups.updateGroup(alice, group.id,
    { title: 'Romans, chapter 8', recordingConsent: true, timeZone: 'Europe/Berlin' });
  assert.equal(changed.title, 'Romans, chapter 8');
  assert.equal(changed.recordingConsent, true);
  assert.equal(changed.timeZone, 'Europe/Berlin');
  assert.equal((await groups.getGroup(alice, group.id)).title, 'Romans, chapter 8');
  assert.equal((await groups.updateGroup(alice, group.id, { timeZone: null })).timeZone ?? null, null);
  await assert.rejects(groups.updateGroup(bob, group.id, { title: 'Mine now' }),
    isLk('permission_denied', 'not_an_owner', 403));
  await assert.rejects(groups.updateGroup(alice, group.id, { maxParticipants: 'many' }),
    isLk('invalid_argument', '', 400, 'maxParticipants'));
  await assert.rejects(groups.updateGroup(alice, group.id, { livekitRoomName: 'other' }),
    isLk('invalid_argument', '', 400, 'livekitRoomName'));
  await assert.rejects(groups.updateGroup(alice, group.id, 'title'), isLk('invalid_argument', '', 400, 'changes'));
});

test('handle() serves raw requests: app tokens, the error shape, and status without auth', async () => {
  const token = lk.mintAppToken(APP_SECRET, alice, { ttl: '10m' });
  const created = await groups.handle({
    method: 'post',
    url: '/api/study-groups/create',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ title: 'Raw', maxParticipants: 3 }),
  });
  assert.equal(created.status, 201);
  assert.equal(created.headers['content-type'], 'application/json; charset=utf-8');
  const json = JSON.parse(created.body);
  assert.equal(json.success, true);
  assert.equal(json.data.createdBy, '15');

  const unauthenticated = await groups.handle({ url: `/api/study-groups/${json.data.id}` });
  assert.equal(unauthenticated.status, 401);
  const error = JSON.parse(unauthenticated.body);
  assert.deepEqual(Object.keys(error), ['success', 'error']);
  // The seed's code and message, then the canonical status and the reason (additive).
  assert.deepEqual(Object.keys(error.error), ['code', 'message', 'status', 'reason']);
  assert.equal(error.error.code, 'unauthenticated');
  assert.equal(error.error.status, 'unauthenticated');

  const asHost = await groups.handle({ url: `/api/study-groups/${json.data.id}`, user: { userId: '99' } });
  assert.equal(asHost.status, 200);
  assert.deepEqual(await groups.status(), {
    configured: true, serverUrl: server.url, hasApiKey: true, hasApiSecret: true, hasServerUrl: true,
  });
  assert.throws(() => lk.mintAppToken('', alice), isLk('invalid_argument', '', 400, 'secret'));
});

test('a recurring group: nextSession, the join window (403 outside_schedule) and calendar.ics', async () => {
  const start = new Date(Date.now() + 3 * 86400e3);
  start.setUTCSeconds(0, 0);
  const group = await groups.createGroup(alice, {
    title: 'Weekly', scheduledTime: start.toISOString(), durationMinutes: 60,
    timeZone: 'Europe/Berlin', recurrence: 'FREQ=WEEKLY;COUNT=3',
  });
  assert.equal(group.timeZone, 'Europe/Berlin');
  assert.equal(group.recurrence, 'FREQ=WEEKLY;COUNT=3');
  assert.equal(group.earlyJoinMinutes, 15);
  assert.deepEqual(group.nextSession,
    { start: start.toISOString(), end: new Date(start.getTime() + 3600e3).toISOString() });
  await groups.joinGroup(bob, group.id);
  await assert.rejects(groups.issueToken(bob, { roomName: group.livekitRoomName }),
    isLk('permission_denied', 'outside_schedule', 403));
  const raw = await groups.handle({
    method: 'POST', url: '/api/livekit/token', user: bob,
    body: JSON.stringify({ roomName: group.livekitRoomName }),
  });
  assert.equal(raw.status, 403);
  assert.equal(JSON.parse(raw.body).error.opensAt, new Date(start.getTime() - 15 * 60e3).toISOString());
  assert.ok((await groups.issueToken(alice, { roomName: group.livekitRoomName })).token, 'the owner may open the room');

  const ics = await groups.getCalendar(alice, group.id);
  assert.match(ics, /^BEGIN:VCALENDAR\r\n/);
  assert.match(ics, /\r\nTZID:Europe\/Berlin\r\n/);
  assert.match(ics, /\r\nRRULE:FREQ=WEEKLY;COUNT=3\r\n/);
  assert.ok(ics.includes(`\r\nURL:https://study.example.org/#/group/${group.id}/call\r\n`), ics);
  await assert.rejects(groups.getCalendar(carol, group.id), isLk('permission_denied', 'not_a_member', 403));
});

test('capacity holds under 40 concurrent joins on the thread pool', async () => {
  const group = await groups.createGroup(alice, { title: 'Busy', maxParticipants: 10 });
  const results = await Promise.allSettled(
    Array.from({ length: 40 }, (_, i) => groups.joinGroup({ userId: String(1000 + i) }, group.id)));
  const ok = results.filter((r) => r.status === 'fulfilled').length;
  assert.equal(ok, 9, 'the owner plus nine members');
  for (const r of results.filter((x) => x.status === 'rejected')) {
    isLk('resource_exhausted', 'group_full', 409)(r.reason);
  }
  assert.equal((await groups.listMembers(alice, group.id)).total, 10);
});

test('a StudyGroupStore passed in is shared and stays open after close()', async () => {
  const store = await lk.StudyGroupStore.open(`sqlite:${path.join(dir, 'shared.db')}`);
  const own = await lk.StudyGroups.open({ store, appJwtSecret: APP_SECRET, livekitUrl: '', apiKey: '', apiSecret: '' });
  assert.equal(own.store, store);
  const group = await own.createGroup(alice, { title: 'Shared' });
  assert.equal((await store.getGroup({ groupId: group.id })).title, 'Shared');
  await assert.rejects(own.issueToken(alice, { roomName: group.livekitRoomName }),
    isLk('failed_precondition', 'livekit_not_configured', 503));
  await assert.rejects(own.reconcile(), isLk('failed_precondition', 'livekit_not_configured', 503));
  const pending = own.listGroups(alice, { limit: 1 });
  await own.close();
  assert.equal((await pending).total, 1, 'close() waits for the call in flight');
  await assert.rejects(own.getGroup(alice, group.id), isLk('failed_precondition', '', 409));
  assert.equal((await store.getGroup({ groupId: group.id })).id, group.id);
  await store.close();
});

test('open() refuses a missing store and bad options, naming them', async () => {
  await assert.rejects(lk.StudyGroups.open({}), isLk('invalid_argument', '', 400, 'store'));
  await assert.rejects(lk.StudyGroups.open({ store: 'mysql://x' }), isLk('invalid_argument', '', 400, 'url'));
  await assert.rejects(lk.StudyGroups.open({ store: 'sqlite::memory:', tokenTtl: 'soon' }),
    isLk('invalid_argument', '', 400, 'tokenTtl'));
  await assert.rejects(lk.StudyGroups.open({ store: 'sqlite::memory:', costPerParticipantMinute: -1 }),
    isLk('invalid_argument', '', 400, 'costPerParticipantMinute'));
  await assert.rejects(
    lk.StudyGroups.open({ store: 'sqlite::memory:', livekitUrl: 'ftp://x', apiKey: KEY, apiSecret: SECRET }),
    isLk('invalid_argument', '', 400, 'livekitUrl'));
});

test('the TypeScript declarations type-check a typical use of StudyGroups and createRequestHandler', () => {
  const ts = require('typescript');
  const snippet = path.join(__dirname, 'types-study-groups.mts');
  const source = `
    import { StudyGroups, createRequestHandler, mintAppToken, LkStudyError } from 'lkstudy';
    const groups = await StudyGroups.open({ store: 'sqlite:groups.db', tokenTtl: '2h' });
    const user = { userId: '15', email: 'a@example.com' };
    const group = await groups.createGroup(user, { title: 'John', maxParticipants: 12 });
    const issued = await groups.issueToken(user, { roomName: group.livekitRoomName ?? '' });
    if ('status' in issued) throw new Error('waiting ' + issued.retryAfterSeconds);
    const { token, serverUrl } = issued;
    const knocks = await groups.listKnocks(user, group.id);
    const first: string | undefined = knocks.knocks[0]?.status;
    const locked: boolean = (await groups.lock(user, group.id)).locked && !!first;
    const page = await groups.listGroups(16, { limit: 10 });
    const n: number = page.total + group.id;
    const handler = createRequestHandler(groups, { user: (req: { user?: { id: string } }) => req.user ?? null });
    const r = await groups.handle({ method: 'GET', url: '/api/livekit/status' });
    const s: string = token + serverUrl + r.body.length + mintAppToken('secret', user) + n + typeof handler + locked;
    try { await groups.joinGroup(user, group.id); } catch (e) { if (e instanceof LkStudyError) console.log(e.reason, s); }
    await groups.close();
    declare const console: { log(...a: unknown[]): void };
  `;
  const options = {
    target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true, noEmit: true, types: [],
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  host.readFile = (f) => (f === snippet ? source : readFile(f));
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (f) => f === snippet || fileExists(f);
  const program = ts.createProgram([snippet], options, host);
  const diagnostics = ts.getPreEmitDiagnostics(program).map((d) =>
    `${d.file ? path.basename(d.file.fileName) : ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
  assert.deepEqual(diagnostics, []);
});
