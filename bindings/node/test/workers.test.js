'use strict';
// The addon is context-aware: it loads in several worker_threads at once, each thread mints and
// verifies on its own while the main thread does the same, errors stay LkStudyError in every
// thread, and workers that exit free their handles.
const test = require('node:test');
const assert = require('node:assert/strict');
const { Worker } = require('node:worker_threads');
const sdk = require('livekit-server-sdk');
const lk = require('..');

const KEY = 'APIworkers';
const SECRET = 'workers-secret-0123456789-abcdefghij';

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const lk = require(workerData.pkg);
const { KEY, SECRET, id, count } = workerData;
const verifier = new lk.TokenVerifier(KEY, SECRET);
const samples = [];
let verified = 0;
for (let i = 0; i < count; i++) {
  const at = new lk.AccessToken(KEY, SECRET, { identity: 'w' + id + '_' + i, attributes: { worker: String(id) } });
  at.addGrant({ roomJoin: true, room: 'room_' + id });
  const jwt = at.toJwtSync();
  const claims = verifier.verifySync(jwt);
  if (claims.sub === 'w' + id + '_' + i && claims.video.room === 'room_' + id) verified++;
  if (i % 500 === 0) samples.push(jwt);
}
let error;
try {
  new lk.AccessToken(KEY, SECRET).addGrant('nope');
} catch (e) {
  error = { isLkStudyError: e instanceof lk.LkStudyError, code: e.code, httpStatus: e.httpStatus };
}
parentPort.postMessage({ id, verified, samples, error });
`;

function runWorker(id, count) {
  return new Promise((resolve, reject) => {
    const w = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { pkg: require.resolve('..'), KEY, SECRET, id, count },
    });
    let result;
    w.once('message', (m) => { result = m; });
    w.once('error', reject);
    w.once('exit', (code) => (code === 0 && result ? resolve(result) : reject(new Error(`worker ${id} exited ${code}`))));
  });
}

test('worker threads mint and verify concurrently with the main thread', { timeout: 240_000 }, async () => {
  const WORKERS = 4;
  const COUNT = 5000;
  const running = Array.from({ length: WORKERS }, (_, id) => runWorker(id, COUNT));

  // The main thread keeps working while the workers run.
  const verifier = new lk.TokenVerifier(KEY, SECRET);
  let mainVerified = 0;
  for (let i = 0; i < COUNT; i++) {
    const at = new lk.AccessToken(KEY, SECRET, { identity: `main_${i}` });
    at.addGrant({ roomJoin: true, room: 'main' });
    if ((await verifier.verify(await at.toJwt())).sub === `main_${i}`) mainVerified++;
    if (i % 250 === 0) await new Promise((r) => setImmediate(r));
  }
  const results = await Promise.all(running);
  assert.equal(mainVerified, COUNT);

  const sdkVerifier = new sdk.TokenVerifier(KEY, SECRET);
  for (const r of results) {
    assert.equal(r.verified, COUNT, `worker ${r.id} verified ${r.verified}`);
    assert.deepEqual(r.error, { isLkStudyError: true, code: 'invalid_argument', httpStatus: 400 });
    for (const jwt of r.samples) {
      const claims = await sdkVerifier.verify(jwt);
      assert.equal(claims.attributes.worker, String(r.id));
      assert.equal(claims.video.room, `room_${r.id}`);
    }
  }
});

test('workers can come and go repeatedly (per-thread addon state is created and torn down)', { timeout: 240_000 }, async () => {
  for (let round = 0; round < 3; round++) {
    const results = await Promise.all([runWorker(100 + round, 200), runWorker(200 + round, 200)]);
    for (const r of results) assert.equal(r.verified, 200);
  }
});
