'use strict';
// WebhookReceiver: deliveries signed as livekit-server signs them (an access token whose sha256
// claim is the body's SHA-256) are accepted and read as LiveKit's WebhookEvent, the same as
// livekit-server-sdk reads them; anything altered or unsigned is refused before parsing.
const test = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const sdk = require('livekit-server-sdk');
const lk = require('..');

// The vector of LiveKit's SDK tests (design.md §4): key, secret, exact body and its sha256.
const KEY = 'abcdefg';
const SECRET = 'abababa';
const BODY = '{"event":"room_started", "room":{"sid":"RM_TkVjUvAqgzKz", "name":"mytestroom", "emptyTimeout":300, "creationTime":"1628545903", "turnPassword":"ICkSr2rEeslkN6e9bXL4Ji5zzMD5Z7zzr6ulOaxMj6N", "enabledCodecs":[{"mime":"audio/opus"}, {"mime":"video/VP8"}]}}';
const BODY_SHA256 = 'CoEQz1chqJ9bnZRcORddjplkvpjmPujmLTR42DbefYI=';

// What livekit-server sends in Authorization: a token with the body's sha256 claim.
async function sign(body, key = KEY, secret = SECRET) {
  const at = new sdk.AccessToken(key, secret, { ttl: 300 });
  at.sha256 = crypto.createHash('sha256').update(body).digest('base64');
  return at.toJwt();
}

const isLk = (code, reason, httpStatus) => (e) => {
  assert.ok(e instanceof lk.LkStudyError, `expected LkStudyError, got ${e && e.stack}`);
  assert.equal(e.code, code);
  assert.equal(e.reason, reason);
  assert.equal(e.httpStatus, httpStatus);
  return true;
};

test('the vector body hashes as LiveKit says', () => {
  assert.equal(crypto.createHash('sha256').update(BODY).digest('base64'), BODY_SHA256);
});

test('a signed delivery gives the same WebhookEvent as livekit-server-sdk', async () => {
  const auth = await sign(BODY);
  const ours = await new lk.WebhookReceiver(KEY, SECRET).receive(BODY, auth);
  const theirs = await new sdk.WebhookReceiver(KEY, SECRET).receive(BODY, auth);
  assert.equal(ours.event, 'room_started');
  assert.equal(ours.room.name, 'mytestroom');
  assert.equal(ours.room.creationTime, 1628545903n);
  assert.deepEqual(ours.room.enabledCodecs.map((c) => c.mime), ['audio/opus', 'video/VP8']);
  assert.deepEqual(ours.toJson(), theirs.toJson());
  assert.ok(ours instanceof lk.WebhookEvent);
});

test('the body may be a Buffer (express.raw) and the header may carry "Bearer "', async () => {
  const auth = await sign(BODY);
  const r = new lk.WebhookReceiver(KEY, SECRET);
  assert.equal((await r.receive(Buffer.from(BODY), auth)).room.sid, 'RM_TkVjUvAqgzKz');
  assert.equal((await r.receive(BODY, `Bearer ${auth}`)).room.sid, 'RM_TkVjUvAqgzKz');
  assert.equal(r.receiveSync(BODY, auth).event, 'room_started');
});

test('altered bodies, missing or foreign signatures are refused with a reason', async () => {
  const auth = await sign(BODY);
  const r = new lk.WebhookReceiver(KEY, SECRET);
  await assert.rejects(r.receive(BODY.replace('mytestroom', 'othertestroom'), auth), isLk('unauthenticated', 'body_mismatch', 401));
  await assert.rejects(r.receive(BODY + ' ', auth), isLk('unauthenticated', 'body_mismatch', 401));
  await assert.rejects(r.receive(BODY, undefined), isLk('unauthenticated', 'missing_authorization', 401));
  await assert.rejects(r.receive(BODY, await sign(BODY, KEY, 'another-secret')), isLk('unauthenticated', 'bad_signature', 401));
  await assert.rejects(r.receive(BODY, await sign(BODY, 'otherkey', SECRET)), isLk('unauthenticated', 'unknown_key', 401));
  const noSha = await new sdk.AccessToken(KEY, SECRET, { ttl: 300 }).toJwt();
  await assert.rejects(r.receive(BODY, noSha), isLk('unauthenticated', 'missing_sha256', 401));
  const notJson = 'not json';
  await assert.rejects(r.receive(notJson, await sign(notJson)), isLk('invalid_argument', 'body_not_json', 400));
});

test('several keys (rotation) and skipAuth as in the SDK', async () => {
  const r = new lk.WebhookReceiver({ [KEY]: SECRET, newkey: 'new-secret-0123456789' });
  assert.equal((await r.receive(BODY, await sign(BODY, 'newkey', 'new-secret-0123456789'))).event, 'room_started');
  assert.equal((await r.receive(BODY, 'garbage', true)).room.name, 'mytestroom');
});

test('every event livekit-server sends is read', async () => {
  const events = ['room_started', 'room_finished', 'participant_joined', 'participant_left', 'participant_connection_aborted',
    'track_published', 'track_unpublished', 'egress_started', 'egress_updated', 'egress_ended', 'ingress_started',
    'ingress_ended'];
  const r = new lk.WebhookReceiver(KEY, SECRET);
  for (const event of events) {
    const body = JSON.stringify({
      event, id: `EV_${event}`, createdAt: '1700000000', room: { sid: 'RM_x', name: 'study_group_1' },
      participant: { sid: 'PA_x', identity: 'user_15', state: 'ACTIVE', joinedAt: '1700000000' },
    });
    const e = await r.receive(body, await sign(body));
    assert.equal(e.event, event);
    assert.equal(e.id, `EV_${event}`);
    assert.equal(e.createdAt, 1700000000n);
    assert.equal(e.participant.identity, 'user_15');
  }
});
