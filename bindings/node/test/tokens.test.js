'use strict';
// Tokens minted through the binding are accepted by livekit-server-sdk, and tokens minted by
// livekit-server-sdk are read by the binding exactly as the SDK reads them.
const test = require('node:test');
const assert = require('node:assert/strict');
const sdk = require('livekit-server-sdk');
const lk = require('..');

const KEY = 'APIstudyKey1';
const SECRET = 'study-secret-0123456789-abcdefghijklmnop';

function decodePayload(jwt) {
  return JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8'));
}

test('a join token minted by the binding is verified by livekit-server-sdk with every claim', async () => {
  const at = new lk.AccessToken(KEY, SECRET, {
    identity: 'user_42',
    name: 'Ada Lovelace',
    ttl: '10m',
    metadata: JSON.stringify({ userId: 42, email: 'ada@example.com' }),
    attributes: { role: 'owner', 'group.id': '7' },
  });
  at.addGrant({ roomJoin: true, room: 'study_group_1700000000_ab12', canPublish: true, canSubscribe: true });
  at.addGrant({ canPublishData: false, canPublishSources: [lk.TrackSource.CAMERA, lk.TrackSource.MICROPHONE] });
  at.addSIPGrant({ call: true });
  at.kind = 'standard';

  const jwt = await at.toJwt();
  assert.equal(typeof jwt, 'string');
  const claims = await new sdk.TokenVerifier(KEY, SECRET).verify(jwt);
  assert.equal(claims.iss, KEY);
  assert.equal(claims.sub, 'user_42');
  assert.equal(claims.name, 'Ada Lovelace');
  assert.deepEqual(JSON.parse(claims.metadata), { userId: 42, email: 'ada@example.com' });
  assert.deepEqual(claims.attributes, { role: 'owner', 'group.id': '7' });
  assert.deepEqual(claims.video, {
    roomJoin: true,
    room: 'study_group_1700000000_ab12',
    canPublish: true,
    canSubscribe: true,
    canPublishData: false,
    canPublishSources: ['camera', 'microphone'],
  });
  assert.deepEqual(claims.sip, { call: true });
  assert.equal(claims.kind, 'standard');
  assert.equal(claims.exp - claims.nbf, 600);
  assert.ok(Math.abs(claims.nbf - Date.now() / 1000) < 5);
});

// A grant of booleans and a string room crosses as values (lib/AccessToken.js); every other
// grant as JSON. Both, and a values grant turned back into an object by a later merge, must give
// the SDK's claims; a template is found by the values, so tokens one after another with other
// values must not share one.
test('video grants given as values and as objects merge like the SDK', async () => {
  const sequences = [
    [{ roomJoin: true, room: 'quote " backslash \\ newline \n ctrl \u0001 caf\u00e9 \u2713' }],
    [{ roomList: true, room: 'a', canPublish: true }, { room: undefined, canPublish: undefined }],
    [{ roomJoin: true, room: 'b', canPublish: false }, { canPublishSources: [lk.TrackSource.CAMERA] }, { hidden: true }],
    [{ roomJoin: true, room: 'b', canPublish: true }, { canSubscribe: true, room: 'c' }],
    [{ roomJoin: true, room: 'b', canPublish: true }],
    [{}],
    [{ roomAdmin: true, roomCreate: true, canUpdateOwnMetadata: true, canSubscribeMetrics: true, canManageAgentSession: true, agent: true, recorder: true, ingressAdmin: true, roomRecord: true, room: 'd' }],
  ];
  for (const grants of sequences) {
    const build = (mod) => {
      const at = new mod.AccessToken(KEY, SECRET, { identity: 'u', ttl: 60 });
      for (const g of grants) at.addGrant(sdk === mod ? structuredClone(g) : g);
      return at;
    };
    const ours = decodePayload(build(lk).toJwtSync());
    const theirs = decodePayload(await build(sdk).toJwt());
    for (const c of [ours, theirs]) { delete c.nbf; delete c.exp; }
    assert.deepEqual(ours, theirs, JSON.stringify(grants));
  }
});

test('ttl as seconds, as a time span string, and the 6 hour default', async () => {
  const cases = [[3600, 3600], ['2 days', 2 * 86400], ['90s', 90], ['1.5h', 5400], [undefined, 6 * 3600]];
  for (const [ttl, seconds] of cases) {
    const at = new lk.AccessToken(KEY, SECRET, { identity: 'u', ttl });
    const claims = await new sdk.TokenVerifier(KEY, SECRET).verify(await at.toJwt());
    assert.equal(claims.exp - claims.nbf, seconds, `ttl ${ttl}`);
  }
});

test('the binding and livekit-server-sdk mint tokens with the same claims for the same input', async () => {
  const build = (mod) => {
    const at = new mod.AccessToken(KEY, SECRET, { identity: 'user_7', name: 'Grace', metadata: '{"a":1}', ttl: 3600 });
    at.addGrant({ roomJoin: true, room: 'r1', canSubscribe: true, canPublish: false, hidden: true });
    at.addGrant({ canUpdateOwnMetadata: true });
    at.addSIPGrant({ admin: true });
    at.addInferenceGrant({ perform: true });
    at.addObservabilityGrant({ write: true });
    at.roomPreset = 'preset-a';
    at.roomConfig = { name: 'r1', emptyTimeout: 60, maxParticipants: 10 };
    return at;
  };
  const ours = decodePayload(build(lk).toJwtSync());
  const theirs = decodePayload(await build(sdk).toJwt());
  // nbf/exp are taken at mint time, possibly a second apart.
  for (const c of [ours, theirs]) { delete c.nbf; delete c.exp; }
  assert.deepEqual(ours, theirs);
});

test('inference and observability grants match the SDK, with and without a video grant', async () => {
  const build = (mod, video, perform) => {
    const at = new mod.AccessToken(KEY, SECRET, { identity: 'agent_1', ttl: 60 });
    if (video) at.addGrant({ roomJoin: true, room: 'r2' });
    if (perform !== undefined) at.addInferenceGrant({ perform });
    if (perform) at.addObservabilityGrant({ write: true });
    return at;
  };
  // The binding caches options per video grant: a token without the grants after one with them
  // (same video grant) must not inherit them.
  // (An explicit `false` is left out of the claim, as Go's protocol does; the SDK copies it.)
  for (const [video, perform] of [[true, true], [true, undefined], [false, true], [false, undefined]]) {
    const ours = decodePayload(build(lk, video, perform).toJwtSync());
    const theirs = decodePayload(await build(sdk, video, perform).toJwt());
    for (const c of [ours, theirs]) { delete c.nbf; delete c.exp; }
    assert.deepEqual(ours, theirs, `video ${video}, perform ${perform}`);
  }
});

test('a token minted by livekit-server-sdk reads the same through both verifiers', async () => {
  const at = new sdk.AccessToken(KEY, SECRET, { identity: 'sdk-user', name: 'N', attributes: { k: 'v' } });
  at.addGrant({ roomJoin: true, room: 'room-a', canPublishSources: [sdk.TrackSource.SCREEN_SHARE] });
  at.addSIPGrant({ admin: true, call: true });
  const jwt = await at.toJwt();
  const ours = await new lk.TokenVerifier(KEY, SECRET).verify(jwt);
  const theirs = await new sdk.TokenVerifier(KEY, SECRET).verify(jwt);
  assert.deepEqual(ours, theirs);
});

test('toJwt returns a Promise and toJwtSync the string itself', async () => {
  const at = new lk.AccessToken(KEY, SECRET, { identity: 'u' });
  const p = at.toJwt();
  assert.ok(p instanceof Promise);
  assert.match(await p, /^[\w-]+\.[\w-]+\.[\w-]+$/);
  assert.match(at.toJwtSync(), /^[\w-]+\.[\w-]+\.[\w-]+$/);
});

test('getters and setters read back what was set, like the SDK', () => {
  const at = new lk.AccessToken(KEY, SECRET, { identity: 'u', name: 'first', metadata: 'm', attributes: { a: '1' } });
  assert.equal(at.name, 'first');
  assert.equal(at.metadata, 'm');
  assert.deepEqual(at.attributes, { a: '1' });
  at.name = 'second';
  at.metadata = 'n';
  at.attributes = { b: '2' };
  at.identity = 'v';
  const claims = decodePayload(at.toJwtSync());
  assert.equal(claims.name, 'second');
  assert.equal(claims.metadata, 'n');
  assert.deepEqual(claims.attributes, { b: '2' });
  assert.equal(claims.sub, 'v');
});

test('a later addGrant can take back a permission, as in the SDK', () => {
  const at = new lk.AccessToken(KEY, SECRET, { identity: 'u' });
  at.addGrant({ roomJoin: true, room: 'r', roomAdmin: true, canPublish: true });
  at.addGrant({ roomAdmin: false, canPublish: false });
  const { video } = decodePayload(at.toJwtSync());
  assert.equal(video.roomAdmin, undefined);
  assert.equal(video.canPublish, false);
});

test('LIVEKIT_API_KEY and LIVEKIT_API_SECRET are used when no key is passed', async () => {
  process.env.LIVEKIT_API_KEY = KEY;
  process.env.LIVEKIT_API_SECRET = SECRET;
  try {
    const jwt = await new lk.AccessToken(undefined, undefined, { identity: 'env-user' }).toJwt();
    assert.equal((await new sdk.TokenVerifier(KEY, SECRET).verify(jwt)).sub, 'env-user');
  } finally {
    delete process.env.LIVEKIT_API_KEY;
    delete process.env.LIVEKIT_API_SECRET;
  }
});

test('a verifier with several keys accepts each (key rotation) and reports which one signed', async () => {
  const v = new lk.TokenVerifier({ old_key: 'old-secret-0123456789abcdef', new_key: 'new-secret-0123456789abcdef' });
  for (const [key, secret] of [['old_key', 'old-secret-0123456789abcdef'], ['new_key', 'new-secret-0123456789abcdef']]) {
    const jwt = await new sdk.AccessToken(key, secret, { identity: 'u' }).toJwt();
    assert.equal((await v.verify(jwt)).iss, key);
  }
});

test('unicode identities, names and attributes survive the round trip', async () => {
  const at = new lk.AccessToken(KEY, SECRET, { identity: 'ユーザー_1', name: 'Zoë 🚀', attributes: { 'città': 'Köln' } });
  const claims = await new sdk.TokenVerifier(KEY, SECRET).verify(await at.toJwt());
  assert.equal(claims.sub, 'ユーザー_1');
  assert.equal(claims.name, 'Zoë 🚀');
  assert.deepEqual(claims.attributes, { 'città': 'Köln' });
});

// Strings cross as UTF-16 and are encoded to UTF-8 natively (src/addon.cc): every kind of code
// point, a lone surrogate (U+FFFD, as V8 writes UTF-8: the SDK's JSON keeps it escaped, so it
// is given the well-formed string) and the length where the short path ends (127 units) must
// give the SDK's claims.
test('strings of every UTF-8 length, lone surrogates and the short-path boundary mint the SDK claims', async () => {
  const values = ['', 'a', 'é', 'ß€', '€', '🚀', 'x🚀y', 'lone \ud800 high', 'lone \udc00 low', 'end \ud83d',
    'abcdefgh\u00e9abcdefgh', 'a'.repeat(126), 'a'.repeat(127), 'é'.repeat(126), '€'.repeat(127), '🚀'.repeat(63), '🚀'.repeat(64)];
  for (const v of values) {
    const build = (mod) => {
      const w = mod === sdk ? v.toWellFormed() : v;
      const short = w.length <= 64 ? w : 'long';  // identity, name and room: at most 256 bytes
      const at = new mod.AccessToken(KEY, SECRET, { identity: `id ${short}`, name: short || undefined, metadata: w, ttl: 60 });
      at.addGrant({ roomJoin: true, room: `room ${short}` });
      return at;
    };
    const ours = decodePayload(build(lk).toJwtSync());
    const theirs = decodePayload(await build(sdk).toJwt());
    for (const c of [ours, theirs]) { delete c.nbf; delete c.exp; }
    assert.deepEqual(ours, theirs, JSON.stringify(v));
  }
});

// The addon finds a key pair's signer by a keyed fingerprint of (key, secret) (src/signer_cache.h):
// a pair that differs in any way, including secrets that are equal byte for byte in Latin-1
// ('\u0141' and 'A') or the same bytes split otherwise between key and secret, and long pairs
// (the heap path), must each get their own signer, whatever was cached before.
test('a different key pair never reuses a cached signer', async () => {
  const pairs = [
    [KEY, SECRET], [KEY, `${SECRET}x`], [KEY, SECRET.slice(0, -1)], ['APIstudyKey2', SECRET],
    ['ab', 'c-secret-0123456789'], ['a', 'bc-secret-0123456789'], [KEY, '\u0141-secret-0123456789'],
    [KEY, 'A-secret-0123456789'], ['k'.repeat(300), 's'.repeat(300)], ['k'.repeat(300), `${'s'.repeat(299)}t`],
  ];
  for (let round = 0; round < 3; round++) {  // cached after the first round
    for (const [key, secret] of pairs) {
      const jwt = await new lk.AccessToken(key, secret, { identity: 'u' }).toJwt();
      const claims = await new sdk.TokenVerifier(key, secret).verify(jwt);
      assert.equal(claims.iss, key);
      for (const [otherKey, otherSecret] of pairs) {
        if (otherSecret === secret) continue;
        await assert.rejects(new sdk.TokenVerifier(key, otherSecret).verify(jwt), `${otherKey} signed for ${key}`);
      }
    }
  }
});

test('the signer cache stays bounded and evicted pairs still mint correctly', async () => {
  const native = require('../lib/native');
  for (let i = 0; i < 500; i++) new lk.AccessToken(`key_${i}`, `secret-${i}-0123456789`, { identity: 'u' }).toJwtSync();
  assert.ok(native.signerCacheSize() <= 64, `${native.signerCacheSize()} signers cached`);
  assert.ok(native.signerCacheSize() >= 32, 'the cache is used');
  for (const i of [0, 1, 250, 499]) {
    const jwt = new lk.AccessToken(`key_${i}`, `secret-${i}-0123456789`, { identity: 'u' }).toJwtSync();
    assert.equal((await new sdk.TokenVerifier(`key_${i}`, `secret-${i}-0123456789`).verify(jwt)).iss, `key_${i}`);
  }
});

test('long values (beyond the small-string buffer) are passed whole', async () => {
  const metadata = JSON.stringify({ notes: 'x'.repeat(5000) });
  const at = new lk.AccessToken(KEY, SECRET, { identity: 'i'.repeat(255), metadata });
  const claims = await new sdk.TokenVerifier(KEY, SECRET).verify(await at.toJwt());
  assert.equal(claims.sub, 'i'.repeat(255));
  assert.equal(claims.metadata, metadata);
});

test('the native library reports its version', () => {
  assert.match(lk.nativeVersion, /^\d+\.\d+\.\d+$/);
});
