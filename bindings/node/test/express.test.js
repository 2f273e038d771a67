'use strict';
// createRequestHandler() mounted in Express (examples/express.js) over real HTTP, with a real
// livekit-server (v1.13.5) whose webhooks are posted to the app: the seed's routes and JSON
// shapes, the error shape, host authentication, the app's own routes passing through, raw bodies
// kept exact for webhooks, and oversized bodies refused.
const test = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const http = require('node:http');
const express = require('express');
const sdk = require('livekit-server-sdk');
const lk = require('..');
const { createApp } = require('../examples/express');
const { startLiveKitServer } = require('./support/livekit_server');
const { until } = require('./support/until');

const KEY = 'APInodeExpress';
const SECRET = 'node-express-secret-0123456789-abcdefgh';
const APP_SECRET = 'app-secret-for-node-express-tests';

let server;
let groups;
let httpServer;
let base;
let app; // set once LiveKit runs: LiveKit needs the app's URL for webhooks, the app LiveKit's URL

const listen = (handler) => new Promise((resolve) => {
  const s = http.createServer(handler);
  s.listen(0, '127.0.0.1', () => resolve(s));
});
const close = (s) => new Promise((resolve) => s.close(resolve));

test.before(async () => {
  httpServer = await listen((req, res) => app(req, res));
  base = `http://127.0.0.1:${httpServer.address().port}`;
  server = await startLiveKitServer({ key: KEY, secret: SECRET, webhookUrls: [`${base}/api/livekit/webhook`] });
  groups = await lk.StudyGroups.open({
    store: 'sqlite::memory:', livekitUrl: server.url, apiKey: KEY, apiSecret: SECRET, appJwtSecret: APP_SECRET,
  });
  app = createApp(groups);
});
test.after(async () => {
  if (httpServer) await close(httpServer);
  if (server) await server.stop();
  if (groups) await groups.close();
});

const bearer = (user) => ({ Authorization: `Bearer ${lk.mintAppToken(APP_SECRET, user)}` });
const alice = { userId: '15', email: 'alice@example.com', name: 'Alice' };
const bob = { userId: '16', email: 'bob@example.com', name: 'Bob' };

async function call(method, path, { user, headers = {}, body, at = base } = {}) {
  const res = await fetch(`${at}${path}`, {
    method,
    headers: { ...(user ? bearer(user) : {}), ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      ...headers },
    body: body === undefined ? undefined : typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let json;
  try { json = JSON.parse(text); } catch { json = text; }
  return { status: res.status, headers: res.headers, json };
}

test('the seed flow over HTTP: create, join, token; livekit-server\'s own webhooks reach the app', async () => {
  const created = await call('POST', '/api/study-groups/create', {
    user: alice,
    body: { title: 'Bible Study - Gospel of John', description: "Weekly study of John's Gospel", maxParticipants: 15,
      scheduledTime: '2025-10-15T19:00:00.000Z', durationMinutes: 60, videoProvider: 'livekit', useLiveKit: true },
  });
  assert.equal(created.status, 201);
  assert.equal(created.headers.get('content-type'), 'application/json; charset=utf-8');
  assert.equal(created.json.success, true);
  assert.equal(created.json.message, 'Study group created successfully');
  const group = created.json.data;
  assert.equal(group.scheduledTime, '2025-10-15T19:00:00.000Z');
  assert.equal(group.livekitRoomSid, null);

  assert.equal((await call('POST', `/api/study-groups/${group.id}/join`, { user: bob })).status, 200);
  const token = await call('POST', '/api/livekit/token', {
    user: bob, body: { roomName: group.livekitRoomName, participantName: 'Bob' },
  });
  assert.equal(token.status, 200);
  assert.deepEqual(Object.keys(token.json.data).sort(), ['expiresAt', 'identity', 'participantName', 'roomName', 'serverUrl', 'token']);
  const claims = await new sdk.TokenVerifier(KEY, SECRET).verify(token.json.data.token);
  assert.equal(claims.video.room, group.livekitRoomName);

  // The token route created the room; livekit-server posts room_started to the app, which
  // records the session's room SID on the group.
  const [room] = await new sdk.RoomServiceClient(server.url, KEY, SECRET).listRooms([group.livekitRoomName]);
  assert.ok(room, 'the room exists on livekit-server');
  await until('room_started to be recorded', async () =>
    (await call('GET', `/api/study-groups/${group.id}`, { user: alice })).json.data.livekitRoomSid === room.sid);

  const ended = await call('DELETE', `/api/livekit/rooms/${group.livekitRoomName}`, { user: alice });
  assert.equal(ended.status, 200);
  assert.equal(ended.json.message, `Room '${group.livekitRoomName}' has been deleted`);
});

test('errors keep the API\'s shape; methods and unknown API paths answer as the API does', async () => {
  const noAuth = await call('GET', '/api/study-groups');
  assert.equal(noAuth.status, 401);
  assert.deepEqual(Object.keys(noAuth.json), ['success', 'error']);
  assert.equal(noAuth.json.success, false);
  assert.equal(noAuth.json.error.code, 'unauthenticated');

  const bad = await call('POST', '/api/study-groups/create', { user: alice, body: '{"title":' });
  assert.equal(bad.status, 400);
  assert.equal(bad.json.error.code, 'invalid_argument');

  const wrongMethod = await call('PUT', '/api/study-groups/create', { user: alice });
  assert.equal(wrongMethod.status, 405);
  assert.equal(wrongMethod.headers.get('allow'), 'POST');

  const unknown = await call('GET', '/api/livekit/nothing-here', { user: alice });
  assert.equal(unknown.status, 404);
  assert.equal(unknown.json.error.code, 'no_route');

  const tooLarge = await call('POST', '/api/study-groups/create', { user: alice, body: Buffer.alloc(3 << 20, 0x20) });
  assert.equal(tooLarge.status, 413);
  assert.equal(tooLarge.json.error.code, 'payload_too_large');
});

test('the app\'s own routes pass through untouched, body parsers after the handler included', async () => {
  const health = await call('GET', '/healthz');
  assert.equal(health.status, 200);
  assert.equal(health.json, 'ok');
  const echoed = await call('POST', '/echo', { body: { hello: 'world' } });
  assert.equal(echoed.status, 200);
  assert.deepEqual(echoed.json, { hello: 'world' });
  assert.equal((await call('GET', '/nowhere')).status, 404);
});

test('a signed webhook posted by hand is verified over its exact bytes, then applied once', async () => {
  const created = await call('POST', '/api/study-groups/create', { user: alice, body: { title: 'Hooks' } });
  const body = `{"event":"room_started", "id":"EV_express_1","createdAt":"${Math.floor(Date.now() / 1000)}",` +
    `"room":{"sid":"RM_express1","name":"${created.json.data.livekitRoomName}"}}`;
  const at = new sdk.AccessToken(KEY, SECRET, { ttl: 300 });
  at.sha256 = crypto.createHash('sha256').update(body).digest('base64');
  const headers = { Authorization: await at.toJwt(), 'Content-Type': 'application/webhook+json' };
  const first = await call('POST', '/api/livekit/webhook', { body, headers });
  assert.equal(first.status, 200);
  assert.deepEqual(first.json.data, { event: 'room_started', id: 'EV_express_1', outcome: 'applied' });
  assert.equal((await call('POST', '/api/livekit/webhook', { body, headers })).json.data.outcome, 'duplicate');
  const altered = await call('POST', '/api/livekit/webhook', { body: body.replace('Hooks', 'x') + ' ', headers });
  assert.equal(altered.status, 401);
  assert.equal(altered.json.error.code, 'body_mismatch');
});

test('with express.json() in front, JSON routes still work (the parsed body is re-serialized)', async () => {
  const parsedFirst = express();
  parsedFirst.use(express.json());
  parsedFirst.use('/v1', lk.createRequestHandler(groups));
  const s = await listen(parsedFirst);
  try {
    const at = `http://127.0.0.1:${s.address().port}`;
    const created = await call('POST', '/v1/api/study-groups/create', { user: alice, body: { title: 'Mounted' }, at });
    assert.equal(created.status, 201);
    assert.equal(created.json.data.title, 'Mounted');
    assert.equal((await call('GET', '/api/study-groups', { user: alice, at })).status, 404, 'only under /v1');
  } finally {
    await close(s);
  }
});

test('a host that authenticates its users itself passes them through options.user', async () => {
  const hostApp = createApp(groups, { authenticate: (req) => (req.get('x-user-id') ? { userId: req.get('x-user-id') } : null) });
  const s = await listen(hostApp);
  try {
    const at = `http://127.0.0.1:${s.address().port}`;
    const created = await call('POST', '/api/study-groups/create', { headers: { 'X-User-Id': '42' }, body: { title: 'Host' }, at });
    assert.equal(created.status, 201);
    assert.equal(created.json.data.createdBy, '42');
    // Without the host's user, the app token is required as usual.
    assert.equal((await call('GET', '/api/study-groups', { at })).status, 401);
    assert.equal((await call('GET', '/api/study-groups', { user: bob, at })).status, 200);
  } finally {
    await close(s);
  }
});

test('plain node:http works too (no next: every path is the API\'s)', async () => {
  const s = await listen(lk.createRequestHandler(groups));
  try {
    const at = `http://127.0.0.1:${s.address().port}`;
    assert.equal((await call('GET', '/api/livekit/status', { at })).json.data.configured, true);
    const other = await call('GET', '/elsewhere', { at });
    assert.equal(other.status, 404);
    assert.equal(other.json.error.code, 'no_route');
  } finally {
    await close(s);
  }
});
