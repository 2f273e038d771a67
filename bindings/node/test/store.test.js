'use strict';
// StudyGroupStore over the C library's store (SQLite here): the operations of docs/storage.md
// with their JSON shapes, LkStudyError for refusals, many operations in flight at once off the
// JS thread, and data that survives closing and reopening a file.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { StudyGroupStore, LkStudyError } = require('..');

const isLk = (code, httpStatus, field) => (e) => {
  assert.ok(e instanceof LkStudyError, `expected LkStudyError, got ${e && e.stack}`);
  assert.equal(e.code, code);
  assert.equal(e.httpStatus, httpStatus);
  if (field) assert.match(e.message, new RegExp(`^${field}\\b`));
  return true;
};

const newGroup = (over = {}) => ({
  title: 'Linear algebra', description: 'Weekly', maxParticipants: 3, scheduledTime: '2026-12-01T18:00:00Z',
  durationMinutes: 60, videoProvider: 'livekit', useLiveKit: true, livekitRoomName: `study_group_${Date.now()}_${Math.random().toString(16).slice(2, 8)}`,
  ...over,
});

test('groups and members: create, read, list, with the shapes of docs/storage.md', async () => {
  const store = await StudyGroupStore.open('sqlite::memory:');
  try {
    const g = await store.createGroup({ group: newGroup(), ownerUserId: 'user_1' });
    assert.equal(typeof g.id, 'number');
    assert.equal(g.title, 'Linear algebra');
    assert.equal(g.maxParticipants, 3);
    assert.equal(g.useLiveKit, true);
    assert.equal(g.createdBy, 'user_1');
    assert.deepEqual(await store.getGroup({ groupId: g.id }), g);
    assert.deepEqual(await store.getGroupByRoomName({ roomName: g.livekitRoomName }), g);
    const m = await store.addMember({ groupId: g.id, userId: 'user_2' });
    assert.deepEqual({ groupId: m.groupId, userId: m.userId, role: m.role }, { groupId: g.id, userId: 'user_2', role: 'member' });
    const { members } = await store.listMembers({ groupId: g.id });
    assert.deepEqual(members.map((x) => [x.userId, x.role]).sort(), [['user_1', 'owner'], ['user_2', 'member']]);
    const { groups } = await store.listGroupsForMember({ userId: 'user_2' });
    assert.deepEqual(groups.map((x) => x.id), [g.id]);
    assert.ok(StudyGroupStore.schemaVersion >= 1);
  } finally {
    await store.close();
  }
});

test('refusals are LkStudyError naming the field', async () => {
  const store = await StudyGroupStore.open('sqlite::memory:');
  try {
    await assert.rejects(store.getGroup({ groupId: 424242 }), isLk('not_found', 404));
    await assert.rejects(store.createGroup({ group: newGroup({ title: 't'.repeat(300) }), ownerUserId: 'u' }),
      isLk('invalid_argument', 400, 'title'));
    const g = await store.createGroup({ group: newGroup({ livekitRoomName: 'taken_room' }), ownerUserId: 'u' });
    await assert.rejects(store.createGroup({ group: newGroup({ livekitRoomName: 'taken_room' }), ownerUserId: 'u' }),
      isLk('already_exists', 409, 'livekitRoomName'));
    await assert.rejects(store.execute('noSuchOperation', {}), isLk('unimplemented', 501));
    assert.equal(g.livekitRoomName, 'taken_room');
  } finally {
    await store.close();
  }
  await assert.rejects(store.getGroup({ groupId: 1 }), isLk('failed_precondition', 409));
});

test('sessions, attendance, idempotent webhook ids and usage', async () => {
  const store = await StudyGroupStore.open('sqlite::memory:');
  try {
    const g = await store.createGroup({ group: newGroup(), ownerUserId: 'user_1' });
    const t0 = Date.parse('2026-12-01T18:00:00Z');
    await store.openRoomSession({ groupId: g.id, roomSid: 'RM_1', roomName: g.livekitRoomName, startedAt: t0 });
    await store.recordJoin({ roomSid: 'RM_1', participantIdentity: 'user_1', userId: 'user_1', joinedAt: t0 });
    await store.recordLeave({ roomSid: 'RM_1', participantIdentity: 'user_1', leftAt: t0 + 30 * 60_000 });
    const usage = await store.getSessionUsage({ roomSid: 'RM_1' });
    assert.equal(usage.participantMinutes, 30);
    assert.deepEqual(await store.markEventSeen({ eventId: 'EV_1', receivedAt: t0 }), { alreadySeen: false });
    assert.deepEqual(await store.markEventSeen({ eventId: 'EV_1', receivedAt: t0 }), { alreadySeen: true });
  } finally {
    await store.close();
  }
});

test('the waiting room: knocks, decisions, and the attendance source', async () => {
  const store = await StudyGroupStore.open('sqlite::memory:');
  try {
    const g = await store.createGroup({
      group: newGroup({ timeZone: 'Europe/Berlin', recurrence: 'FREQ=WEEKLY;BYDAY=MO', admission: 'approval' }),
      ownerUserId: 'user_1',
    });
    assert.equal(g.admission, 'approval');
    assert.equal(g.timeZone, 'Europe/Berlin');
    assert.equal(g.locked, false);
    const t0 = Date.parse('2026-12-01T18:00:00Z');
    const k = await store.recordKnock({ groupId: g.id, session: 's1', userId: 'user_2', name: 'Jane', knockedAt: t0 });
    assert.equal(k.status, 'waiting');
    const admitted = await store.decideKnock({
      groupId: g.id, session: 's1', userId: 'user_2', status: 'admitted', decidedBy: 'user_1', decidedAt: t0 + 1000,
    });
    assert.equal(admitted.status, 'admitted');
    assert.deepEqual((await store.listKnocks({ groupId: g.id, session: 's1' })).knocks, [admitted]);
    await assert.rejects(store.getKnock({ groupId: g.id, session: 's2', userId: 'user_2' }), isLk('not_found', 404));

    await store.openRoomSession({ groupId: g.id, roomSid: 'RM_k', roomName: g.livekitRoomName, startedAt: t0 });
    const a = await store.recordJoin({ roomSid: 'RM_k', participantIdentity: 'user_2', joinedAt: t0, source: 'reconcile' });
    assert.equal(a.source, 'reconcile');
  } finally {
    await store.close();
  }
});

test('recording settings on groups and recordings kept by egress id (schema version 3)', async () => {
  const store = await StudyGroupStore.open('sqlite::memory:');
  try {
    const plain = await store.createGroup({ group: newGroup(), ownerUserId: 'user_1' });
    assert.equal(plain.recordingConsent, false);
    assert.equal(plain.e2ee, false);
    assert.equal(plain.transcriptionAgent, null);
    const g = await store.createGroup({
      group: newGroup({ recordingConsent: true, e2ee: true, transcriptionAgent: 'transcriber' }),
      ownerUserId: 'user_1',
    });
    assert.deepEqual([g.recordingConsent, g.e2ee, g.transcriptionAgent], [true, true, 'transcriber']);
    const t0 = Date.parse('2026-12-01T18:00:00Z');
    const started = await store.saveRecording({
      recording: { groupId: g.id, roomSid: 'RM_r', egressId: 'EG_r1', status: 'active', startedAt: t0, startedBy: 'user_1' },
    });
    assert.equal(started.status, 'active');
    assert.equal(started.location, null);
    assert.equal(started.startedAt, '2026-12-01T18:00:00.000Z');
    const ended = await store.saveRecording({
      recording: { ...started, status: 'complete', location: 'recordings/r1.mp4', endedAt: t0 + 60000, durationMs: 60000 },
    });
    assert.equal(ended.id, started.id);
    assert.deepEqual(await store.getRecording({ egressId: 'EG_r1' }), ended);
    assert.deepEqual((await store.listRecordings({ groupId: g.id })).recordings, [ended]);
    assert.deepEqual((await store.listRecordings({ groupId: plain.id })).recordings, []);
    await assert.rejects(store.getRecording({ egressId: 'EG_none' }), isLk('not_found', 404));
    await assert.rejects(store.saveRecording({ recording: { groupId: g.id, egressId: 'EG_x', status: 'paused', startedAt: t0 } }),
      isLk('invalid_argument', 400, 'recording.status'));
  } finally {
    await store.close();
  }
});

test('breakout rooms: one open set per group, closed together (schema version 4)', async () => {
  const store = await StudyGroupStore.open('sqlite::memory:');
  try {
    const g = await store.createGroup({ group: newGroup(), ownerUserId: 'user_1' });
    const t0 = Date.parse('2026-12-01T18:00:00Z');
    const room = (n, members) => ({ groupId: g.id, sessionSid: 'RM_m', roomName: `main-RM_m-1-${n}`, number: n,
      openedBy: 'user_1', openedAt: t0, members });
    const { breakouts } = await store.openBreakouts({ breakouts: [room(1, ['u2', 'u1']), room(2, ['u3'])] });
    assert.deepEqual(breakouts.map((b) => b.members), [['u1', 'u2'], ['u3']]);
    assert.equal(breakouts[0].closedAt, null);
    await assert.rejects(store.openBreakouts({ breakouts: [{ ...room(1, ['u4']), roomName: 'other' }] }),
      isLk('failed_precondition', 409));
    await assert.rejects(store.openBreakouts({ breakouts: [room(1, [])] }), isLk('invalid_argument', 400, 'rooms\\[0\\]\\.members'));
    assert.deepEqual(await store.getBreakoutRoom({ roomName: 'main-RM_m-1-2' }), breakouts[1]);
    const closed = (await store.closeBreakouts({ groupId: g.id, closedAt: t0 + 60000 })).breakouts;
    assert.deepEqual(closed.map((b) => b.closedAt), ['2026-12-01T18:01:00.000Z', '2026-12-01T18:01:00.000Z']);
    assert.deepEqual((await store.closeBreakouts({ groupId: g.id, closedAt: t0 + 120000 })).breakouts, []);
    assert.deepEqual((await store.listBreakouts({ groupId: g.id })).breakouts, closed);
    await assert.rejects(store.getBreakoutRoom({ roomName: 'nope' }), isLk('not_found', 404));
  } finally {
    await store.close();
  }
});

test('many operations at once, and the data survives close and reopen', { timeout: 120_000 }, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lks-node-store-'));
  const url = `sqlite:${path.join(dir, 'groups.db')}`;
  try {
    const store = await StudyGroupStore.open(url);
    const g = await store.createGroup({ group: newGroup({ maxParticipants: 100 }), ownerUserId: 'owner' });
    const ids = Array.from({ length: 40 }, (_, i) => `user_${i}`);
    await Promise.all(ids.map((userId) => store.addMember({ groupId: g.id, userId })));
    await store.close();

    const again = await StudyGroupStore.open(url);
    const { members } = await again.listMembers({ groupId: g.id });
    assert.equal(members.length, 41);
    await again.close();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
