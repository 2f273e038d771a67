'use strict';
// Failures surface as LkStudyError with the C library's code, number, reason and HTTP status,
// a message naming the field, and never a secret or a token in the message.
const test = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const sdk = require('livekit-server-sdk');
const { AccessToken, TokenVerifier, LkStudyError } = require('..');

const KEY = 'APIerrKey';
const SECRET = 'err-secret-0123456789-abcdefghijklmnop';

function sign(header, payload, secret = SECRET) {
  const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const input = `${b64(header)}.${b64(payload)}`;
  return `${input}.${crypto.createHmac('sha256', secret).update(input).digest('base64url')}`;
}
const now = () => Math.floor(Date.now() / 1000);

function assertLkError(err, { code, errno, reason, httpStatus, field }) {
  assert.ok(err instanceof LkStudyError, `expected LkStudyError, got ${err && err.constructor.name}`);
  assert.ok(err instanceof Error);
  assert.equal(err.name, 'LkStudyError');
  assert.equal(err.code, code);
  assert.equal(err.errno, errno);
  if (reason !== undefined) assert.equal(err.reason, reason);
  assert.equal(err.httpStatus, httpStatus);
  assert.equal(err.status, httpStatus);
  if (field) assert.match(err.message, new RegExp(`^${field.replace('.', '\\.')}\\b`));
  assert.ok(!err.message.includes(SECRET), 'message must not contain the secret');
  return true;
}

test('a join grant without identity rejects toJwt() with invalid_argument naming identity', async () => {
  const at = new AccessToken(KEY, SECRET);
  at.addGrant({ roomJoin: true, room: 'r' });
  const p = at.toJwt();
  assert.ok(p instanceof Promise, 'errors come as a rejected Promise, not a throw');
  await assert.rejects(p, (e) => assertLkError(e, { code: 'invalid_argument', errno: 3, httpStatus: 400, field: 'identity' }));
  assert.throws(() => at.toJwtSync(), (e) => assertLkError(e, { code: 'invalid_argument', errno: 3, httpStatus: 400 }));
});

test('values over LiveKit\'s limits name the field', () => {
  const cases = [
    [{ identity: 'u', name: 'n'.repeat(257) }, {}, 'name'],
    [{ identity: 'i'.repeat(257) }, {}, 'identity'],
    [{ identity: 'u' }, { roomJoin: true, room: 'r'.repeat(257) }, 'video.room'],
    [{ identity: 'u' }, { roomJoin: true }, 'video.room'],
    [{ identity: 'u' }, { roomJoin: true, room: 'r', canPublishSources: ['hologram'] }, 'video.canPublishSources'],
  ];
  for (const [options, grant, field] of cases) {
    const at = new AccessToken(KEY, SECRET, options);
    at.addGrant(grant);
    assert.throws(() => at.toJwtSync(), (e) => assertLkError(e, { code: 'invalid_argument', errno: 3, httpStatus: 400, field }));
  }
  const at = new AccessToken(KEY, SECRET, { identity: 'u' });
  at.kind = 'robot';
  assert.throws(() => at.toJwtSync(), (e) => assertLkError(e, { code: 'invalid_argument', errno: 3, httpStatus: 400, field: 'kind' }));
});

test('arguments of the wrong type are invalid_argument naming the field', () => {
  assert.throws(() => new AccessToken(KEY, SECRET, { identity: 42 }).toJwtSync(),
    (e) => assertLkError(e, { code: 'invalid_argument', errno: 3, httpStatus: 400, field: 'identity' }));
  assert.throws(() => new AccessToken(KEY, SECRET, { identity: 'u', ttl: 'forever' }).toJwtSync(),
    (e) => assertLkError(e, { code: 'invalid_argument', errno: 3, httpStatus: 400, field: 'ttl' }));
  assert.throws(() => new AccessToken(KEY, SECRET, { identity: 'u', attributes: { n: 1 } }).toJwtSync(),
    (e) => assertLkError(e, { code: 'invalid_argument', errno: 3, httpStatus: 400, field: 'attributes' }));
  assert.throws(() => new AccessToken(KEY, SECRET).addGrant('roomJoin'),
    (e) => assertLkError(e, { code: 'invalid_argument', errno: 3, httpStatus: 400, field: 'video' }));
  assert.throws(() => new TokenVerifier(KEY, SECRET).verifySync(12345),
    (e) => assertLkError(e, { code: 'invalid_argument', errno: 3, httpStatus: 400, field: 'token' }));
});

test('missing API key or secret is refused at construction, as in the SDK', () => {
  delete process.env.LIVEKIT_API_KEY;
  delete process.env.LIVEKIT_API_SECRET;
  assert.throws(() => new AccessToken(), (e) => assertLkError(e, { code: 'invalid_argument', errno: 3, httpStatus: 400 }));
  assert.throws(() => new TokenVerifier('', SECRET), (e) => assertLkError(e, { code: 'invalid_argument', errno: 3, httpStatus: 400, field: 'apiKey' }));
});

test('verification failures are unauthenticated (401) with a reason, and never echo the token', async () => {
  const v = new TokenVerifier(KEY, SECRET);
  const good = await new sdk.AccessToken(KEY, SECRET, { identity: 'u' }).toJwt();
  const cases = [
    ['bad_signature', await new sdk.AccessToken(KEY, 'another-secret-0123456789abcdef', { identity: 'u' }).toJwt()],
    ['unknown_key', await new sdk.AccessToken('otherKey', SECRET, { identity: 'u' }).toJwt()],
    ['expired', sign({ alg: 'HS256', typ: 'JWT' }, { iss: KEY, sub: 'u', nbf: now() - 7200, exp: now() - 3600 })],
    ['not_yet_valid', sign({ alg: 'HS256', typ: 'JWT' }, { iss: KEY, sub: 'u', nbf: now() + 3600, exp: now() + 7200 })],
    ['missing_exp', sign({ alg: 'HS256', typ: 'JWT' }, { iss: KEY, sub: 'u' })],
    ['unsupported_alg', sign({ alg: 'none', typ: 'JWT' }, { iss: KEY, sub: 'u', exp: now() + 60 })],
    ['malformed', 'not-a-jwt'],
    ['bad_signature', good.slice(0, -2) + (good.endsWith('AA') ? 'BB' : 'AA')],
  ];
  for (const [reason, token] of cases) {
    await assert.rejects(v.verify(token), (e) => {
      assertLkError(e, { code: 'unauthenticated', errno: 16, reason, httpStatus: 401 });
      assert.ok(!e.message.includes(token), 'message must not contain the token');
      return true;
    }, reason);
  }
});

test('clockTolerance is honoured like the SDK\'s (seconds or a time span)', async () => {
  const expired30s = sign({ alg: 'HS256', typ: 'JWT' }, { iss: KEY, sub: 'u', exp: now() - 30 });
  const v = new TokenVerifier(KEY, SECRET);
  await assert.rejects(v.verify(expired30s), (e) => e.reason === 'expired'); // default 10 s
  assert.equal((await v.verify(expired30s, 60)).sub, 'u');
  assert.equal((await v.verify(expired30s, '2m')).sub, 'u');
  await assert.rejects(v.verify(expired30s, 5), (e) => e.reason === 'expired');
});

test('LkStudyError can be constructed and inspected by application code', () => {
  const e = new LkStudyError('room: not found', { code: 'not_found' });
  assert.equal(e.errno, 5);
  assert.equal(e.httpStatus, 404);
  assert.equal(e.message, 'room: not found');
  assert.ok(e.stack.includes('LkStudyError'));
});

test('every lks_status of lks.h is in Status, index.d.ts and the native library, with its HTTP status', () => {
  // libsignal's habit: the binding's list is checked against the C header and the library itself.
  const fs = require('node:fs');
  const path = require('node:path');
  const native = require('../lib/native');
  const { Status } = require('../lib/errors');
  const root = path.join(__dirname, '..', '..', '..');
  const header = fs.readFileSync(path.join(root, 'capi', 'include', 'lks.h'), 'utf8');
  const body = header.match(/typedef enum lks_status \{([\s\S]*?)\} lks_status;/)[1];
  const fromHeader = {};
  for (const [, name, value] of body.matchAll(/LKS_([A-Z_]+) = (\d+),/g)) fromHeader[name] = Number(value);
  assert.ok(Object.keys(fromHeader).length >= 17, 'lks_status parsed from lks.h');
  assert.deepEqual({ ...Status }, fromHeader, 'Status equals lks.h\'s lks_status');

  const types = fs.readFileSync(path.join(__dirname, '..', 'lib', 'index.d.ts'), 'utf8');
  const codes = new Set([...types.match(/export type LkStudyErrorCode =([^;]*);/)[1].matchAll(/'([a-z_]+)'/g)]
    .map((m) => m[1]));
  // The library's own list: names for 0, 1, 2, ... until ''.
  let n = 0;
  for (; native.statusName(n) !== ''; n++) {
    const name = native.statusName(n);
    assert.equal(Object.values(Status).includes(n), true, `status ${n} (${name}) is in Status`);
    if (n !== Status.OK) assert.ok(codes.has(name), `index.d.ts LkStudyErrorCode has '${name}'`);
    const http = native.statusHttpStatus(n);
    assert.ok(Number.isInteger(http) && http >= 200 && http < 600, `${name}: HTTP ${http}`);
    assert.equal(new LkStudyError('m', { code: name }).errno, n, `'${name}' maps back to ${n}`);
    assert.equal(new LkStudyError('m', { code: name }).httpStatus, http);
  }
  assert.equal(n, Object.keys(Status).length, 'the library has exactly the statuses of lks.h');
  assert.equal(codes.size, n - 1, 'index.d.ts lists no status the library lacks');
  assert.equal(native.statusHttpStatus(Status.OK), 200);
  assert.equal(native.statusHttpStatus(Status.INVALID_ARGUMENT), 400);
  assert.equal(native.statusHttpStatus(Status.UNAUTHENTICATED), 401);
  assert.equal(native.statusHttpStatus(n), 500, 'a number that is no status');
});
