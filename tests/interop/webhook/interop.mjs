// Cross-checks lkstudy's webhook verification against LiveKit's Node SDK, in both directions:
//  1. bodies signed the way livekit-server signs them (an AccessToken with the sha256 claim,
//     valid 5 minutes) verify with `lkstudy webhook verify`, and every field of lkstudy's
//     normalized event equals what the SDK's protobuf WebhookEvent reads from the same bytes;
//  2. deliveries signed by `lkstudy webhook sign` pass the SDK's WebhookReceiver.receive;
//  3. tampered bodies and wrong keys are refused on both sides.
// Usage: node interop.mjs /path/to/lkstudy
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AccessToken, WebhookEvent, WebhookReceiver } from 'livekit-server-sdk';

const lkstudy = process.argv[2];
if (!lkstudy) {
  console.error('usage: node interop.mjs /path/to/lkstudy');
  process.exit(2);
}
const here = dirname(fileURLToPath(import.meta.url));
const dataDir = join(here, '..', '..', 'data', 'webhooks');
const apiKey = 'APIinteropWebhook';
const apiSecret = 'interop-webhook-secret-0123456789abcdef';
const env = { ...process.env, LIVEKIT_API_KEY: apiKey, LIVEKIT_API_SECRET: apiSecret };
const work = mkdtempSync(join(tmpdir(), 'lks-webhook-interop-'));

let passed = 0;
let failed = 0;
async function check(name, fn) {
  try {
    await fn();
    passed++;
    console.log(`ok - ${name}`);
  } catch (e) {
    failed++;
    console.log(`not ok - ${name}\n  ${String(e && e.stack ? e.stack : e).split('\n').join('\n  ')}`);
  }
}

// What livekit-server does (protocol/webhook/url_notifier.go): sha256 of the body, standard base64,
// in an access token valid for 5 minutes.
async function serverStyleToken(body, key = apiKey, secret = apiSecret) {
  const at = new AccessToken(key, secret, { ttl: '5m' });
  at.sha256 = createHash('sha256').update(body).digest('base64');
  return at.toJwt();
}

function writeBody(name, body) {
  const path = join(work, name);
  writeFileSync(path, body);
  return path;
}

function lkstudyVerify(path, auth, extra = []) {
  return spawnSync(lkstudy, ['webhook', 'verify', '--auth', auth, ...extra, path], { env, encoding: 'utf8' });
}

// Every leaf of `sub` must equal the same path in `full`.
function assertSubset(sub, full, path = '') {
  if (sub !== null && typeof sub === 'object' && !Array.isArray(sub)) {
    assert.ok(full !== null && typeof full === 'object', `${path}: missing on the SDK side`);
    for (const [k, v] of Object.entries(sub)) assertSubset(v, full[k], path ? `${path}.${k}` : k);
  } else if (Array.isArray(sub)) {
    assert.ok(Array.isArray(full), `${path}: not an array on the SDK side`);
    assert.equal(sub.length, full.length, `${path}: length`);
    sub.forEach((v, i) => assertSubset(v, full[i], `${path}[${i}]`));
  } else {
    assert.deepEqual(sub, full, `${path}: lkstudy ${JSON.stringify(sub)} vs SDK ${JSON.stringify(full)}`);
  }
}

const files = readdirSync(dataDir).filter((f) => f.endsWith('.json')).sort();
assert.equal(files.length, 14, 'one body per event');

for (const file of files) {
  const body = readFileSync(join(dataDir, file));
  const sdkEvent = WebhookEvent.fromJsonString(body.toString('utf8'));
  // The SDK's own serialization of the same event: other bytes, same content.
  const sdkBody = Buffer.from(sdkEvent.toJsonString());

  for (const [label, bytes] of [['file', body], ['sdk-serialized', sdkBody]]) {
    await check(`${file} (${label}): server-style delivery verifies in lkstudy with SDK-equal fields`, async () => {
      const path = writeBody(`${label}-${file}`, bytes);
      const auth = await serverStyleToken(bytes);
      const raw = lkstudyVerify(path, auth);
      assert.equal(raw.status, 0, raw.stderr);
      assert.equal(raw.stdout, bytes.toString('utf8') + '\n', 'raw output is the body');
      const norm = lkstudyVerify(path, `Bearer ${auth}`, ['--normalized']);
      assert.equal(norm.status, 0, norm.stderr);
      const ours = JSON.parse(norm.stdout);
      const theirs = sdkEvent.toJson({ emitDefaultValues: true });
      assertSubset(ours, theirs);
    });
  }

  await check(`${file}: lkstudy-signed delivery passes the SDK's WebhookReceiver.receive`, async () => {
    const path = writeBody(`signed-${file}`, body);
    const auth = execFileSync(lkstudy, ['webhook', 'sign', path], { env, encoding: 'utf8' }).trim();
    const receiver = new WebhookReceiver(apiKey, apiSecret);
    const event = await receiver.receive(body.toString('utf8'), auth);
    assert.equal(event.event, sdkEvent.event);
    assert.equal(event.id, sdkEvent.id);
    assert.equal(event.createdAt, sdkEvent.createdAt);
  });
}

await check('a body changed by one byte is refused by lkstudy (body_mismatch)', async () => {
  const body = readFileSync(join(dataDir, 'participant_joined.json'));
  const auth = await serverStyleToken(body);
  const tampered = Buffer.from(body);
  tampered[tampered.length - 3] ^= 1;
  const r = lkstudyVerify(writeBody('tampered.json', tampered), auth);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /\(body_mismatch\)/);
});

await check('a re-serialized body (other spacing) is refused by lkstudy', async () => {
  const body = readFileSync(join(dataDir, 'room_started.json'));
  const auth = await serverStyleToken(body);
  const pretty = JSON.stringify(JSON.parse(body.toString('utf8')), null, 2);
  const r = lkstudyVerify(writeBody('pretty.json', pretty), auth);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /\(body_mismatch\)/);
});

await check('a token from another key is refused by lkstudy (unknown_key)', async () => {
  const body = readFileSync(join(dataDir, 'room_started.json'));
  const auth = await serverStyleToken(body, 'APIother', apiSecret);
  const r = lkstudyVerify(writeBody('otherkey.json', body), auth);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /\(unknown_key\)/);
});

await check('a token with the wrong secret is refused by lkstudy (bad_signature)', async () => {
  const body = readFileSync(join(dataDir, 'room_started.json'));
  const auth = await serverStyleToken(body, apiKey, 'not-the-secret');
  const r = lkstudyVerify(writeBody('badsig.json', body), auth);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /\(bad_signature\)/);
});

await check('the SDK refuses an lkstudy-signed token for another body', async () => {
  const body = readFileSync(join(dataDir, 'room_started.json'));
  const auth = execFileSync(lkstudy, ['webhook', 'sign', writeBody('sign2.json', body)], { env, encoding: 'utf8' }).trim();
  const receiver = new WebhookReceiver(apiKey, apiSecret);
  await assert.rejects(() => receiver.receive(body.toString('utf8') + ' ', auth), /sha256/);
  const stranger = new WebhookReceiver(apiKey, 'not-the-secret');
  await assert.rejects(() => stranger.receive(body.toString('utf8'), auth));
});

await check("LiveKit's SDK test vector: same sha256 claim on both sides", async () => {
  const body =
    '{"event":"room_started", "room":{"sid":"RM_TkVjUvAqgzKz", "name":"mytestroom", "emptyTimeout":300, "creationTime":"1628545903", "turnPassword":"ICkSr2rEeslkN6e9bXL4Ji5zzMD5Z7zzr6ulOaxMj6N", "enabledCodecs":[{"mime":"audio/opus"}, {"mime":"video/VP8"}]}}';
  const auth = execFileSync(lkstudy, ['webhook', 'sign', writeBody('vector.json', body)], { env, encoding: 'utf8' }).trim();
  const claims = JSON.parse(Buffer.from(auth.split('.')[1], 'base64url').toString('utf8'));
  assert.equal(claims.sha256, 'CoEQz1chqJ9bnZRcORddjplkvpjmPujmLTR42DbefYI=');
  assert.equal(claims.exp - claims.nbf, 300);
  const event = await new WebhookReceiver(apiKey, apiSecret).receive(body, auth);
  assert.equal(event.room?.name, 'mytestroom');
});

rmSync(work, { recursive: true, force: true });
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
