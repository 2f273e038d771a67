'use strict';
// EgressClient and AgentDispatchClient against a real livekit-server (v1.13.5, no egress or agent
// worker): livekit-server-sdk's method names and result classes; the server's answers with no
// egress worker become LkStudyError 'unavailable' / 'egress_unavailable' / 503; dispatches are
// stored and listed with no agent worker, as livekit-server-sdk's own client lists them.
const test = require('node:test');
const assert = require('node:assert/strict');
const sdk = require('livekit-server-sdk');
const { AgentDispatch, EncodedFileOutput, EncodedFileType } = require('@livekit/protocol');
const lk = require('..');
const { startLiveKitServer } = require('./support/livekit_server');

const KEY = 'APInodeEgress';
const SECRET = 'node-egress-secret-0123456789-abcdefghij';

let server;
let rooms;
let egress;
let dispatch;
let theirDispatch;

test.before(async () => {
  server = await startLiveKitServer({ key: KEY, secret: SECRET });
  rooms = new lk.RoomServiceClient(server.url, KEY, SECRET);
  egress = new lk.EgressClient(server.url, KEY, SECRET, { maxAttempts: 1 });
  dispatch = new lk.AgentDispatchClient(server.url, KEY, SECRET);
  theirDispatch = new sdk.AgentDispatchClient(server.url, KEY, SECRET);
});
test.after(async () => {
  if (server) await server.stop();
});

const isLk = (code, reason, httpStatus) => (e) => {
  assert.ok(e instanceof lk.LkStudyError, `expected LkStudyError, got ${e && e.stack}`);
  assert.equal(e.code, code, e.message);
  if (reason) assert.equal(e.reason, reason, e.message);
  if (httpStatus) assert.equal(e.httpStatus, httpStatus, e.message);
  assert.ok(!e.message.includes(SECRET));
  return true;
};

const file = () => new EncodedFileOutput({ fileType: EncodedFileType.MP4, filepath: 'rec/{room_name}-{time}.mp4' });

test('the classes are exported under livekit-server-sdk names', () => {
  assert.equal(typeof lk.EgressClient, 'function');
  assert.equal(typeof lk.AgentDispatchClient, 'function');
  for (const m of ['startRoomCompositeEgress', 'startWebEgress', 'startParticipantEgress', 'startTrackCompositeEgress',
    'startTrackEgress', 'updateLayout', 'updateStream', 'listEgress', 'stopEgress']) {
    assert.equal(typeof egress[m], 'function', m);
    assert.equal(typeof sdk.EgressClient.prototype[m], 'function', `livekit-server-sdk has ${m}`);
  }
  for (const m of ['createDispatch', 'deleteDispatch', 'getDispatch', 'listDispatch']) {
    assert.equal(typeof dispatch[m], 'function', m);
    assert.equal(typeof sdk.AgentDispatchClient.prototype[m], 'function', `livekit-server-sdk has ${m}`);
  }
  assert.throws(() => new lk.EgressClient(''), isLk('invalid_argument'));
});

test('a recording of a room that does not exist is not_found, at once', async () => {
  const t0 = Date.now();
  await assert.rejects(egress.startRoomCompositeEgress('no_such_room', file(), { layout: 'grid' }), isLk('not_found'));
  await assert.rejects(egress.startParticipantEgress('no_such_room', 'alice', { file: file() }), isLk('not_found'));
  assert.ok(Date.now() - t0 < 15000, 'no wait for a worker');
});

test('listEgress and stopEgress without an egress worker: unavailable, egress_unavailable, 503', async () => {
  await assert.rejects(egress.listEgress({ roomName: 'any', active: true }), isLk('unavailable', 'egress_unavailable', 503));
  await assert.rejects(egress.listEgress(), isLk('unavailable', 'egress_unavailable', 503));
  await assert.rejects(egress.stopEgress('EG_doesnotexist'), isLk('unavailable', 'egress_unavailable', 503));
});

test('recording a live room with no egress worker rejects with egress_unavailable (503), not a crash or a 500', async () => {
  await rooms.createRoom({ name: 'node_egress_live' });
  const t0 = Date.now();
  await assert.rejects(egress.startRoomCompositeEgress('node_egress_live', file(), 'grid'),
    isLk('unavailable', 'egress_unavailable', 503));
  console.log(`livekit-server v1.13.5 StartRoomCompositeEgress without a worker: rejected after ${Date.now() - t0} ms`);
});

test('createDispatch is stored and listed with no agent worker, as livekit-server-sdk lists it', async () => {
  const room = 'node_dispatch_room';
  await rooms.createRoom({ name: room });
  const made = await dispatch.createDispatch(room, 'transcriber', { metadata: '{"lang":"en"}' });
  assert.ok(made instanceof AgentDispatch, 'a @livekit/protocol AgentDispatch');
  assert.match(made.id, /^AD_/);
  assert.equal(made.agentName, 'transcriber');
  assert.equal(made.room, room);
  assert.equal(made.metadata, '{"lang":"en"}');

  // The server also lists the room's default dispatch (agentName '', for unnamed workers).
  const ours = await dispatch.listDispatch(room);
  const theirs = await theirDispatch.listDispatch(room);
  assert.deepEqual(ours.filter((d) => d.agentName === 'transcriber').map((d) => d.id), [made.id]);
  const byId = (a, b) => a.id.localeCompare(b.id);
  assert.deepEqual(ours.sort(byId).map((d) => d.toJson()), theirs.sort(byId).map((d) => d.toJson()));
  assert.equal((await dispatch.getDispatch(made.id, room)).id, made.id);
  assert.equal(await dispatch.getDispatch('AD_doesnotexist', room), undefined);

  await dispatch.deleteDispatch(made.id, room);
  assert.deepEqual((await dispatch.listDispatch(room)).filter((d) => d.agentName === 'transcriber'), []);
  await assert.rejects(dispatch.createDispatch(room, ''), isLk('invalid_argument'));
});
