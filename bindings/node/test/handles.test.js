'use strict';
// One million short-lived native handles: the garbage collector's finalizers free them, so the
// count of live handles returns to where it started and the resident set stays flat.
const test = require('node:test');
const assert = require('node:assert/strict');
const { setImmediate: tick } = require('node:timers/promises');
const v8 = require('node:v8');
const vm = require('node:vm');
const native = require('../lib/native');
const { AccessToken, TokenVerifier } = require('..');

const gc = global.gc ?? (v8.setFlagsFromString('--expose-gc'), vm.runInNewContext('gc'));

async function settle() {
  // Finalizers run after a collection, from the event loop: collect, let them run, repeat.
  for (let i = 0; i < 3; i++) {
    gc();
    await tick();
  }
}

const TOTAL = 1_000_000;
const BATCH = 10_000;

test(`${TOTAL} short-lived handles are freed by finalizers with a flat RSS`, { timeout: 120_000 }, async () => {
  const base = native.liveHandles();
  const samples = []; // RSS after each 100k handles, once finalizers have run
  let peakLive = 0;
  let minted = 0;
  const started = Date.now();
  for (let done = 0; done < TOTAL; done += BATCH) {
    for (let i = 0; i < BATCH; i += 2) {
      // A verifier handle per request (lks_token_verifier with one key)...
      const secret = `secret-${done + i}-0123456789-abcdefghij`;
      const v = new TokenVerifier(`key${i}`, secret);
      // ...and a token for a key pair not seen before (a new lks_token_signer each time: the
      // signer cache is bounded); one in ten pairs mints a token and verifies it.
      const at = new AccessToken(`key${i}`, secret, { identity: `user_${i}` });
      if (i % 20 === 0) {
        at.addGrant({ roomJoin: true, room: 'r' });
        assert.equal(v.verifySync(at.toJwtSync()).sub, `user_${i}`);
        minted++;
      }
    }
    peakLive = Math.max(peakLive, native.liveHandles() - base);
    await tick();
    if ((done + BATCH) % 100_000 === 0) {
      await settle();
      samples.push(process.memoryUsage().rss);
    }
  }
  await settle();
  const live = native.liveHandles() - base;
  const mib = (b) => (b / 1048576).toFixed(1);
  // The first half warms up the heaps (V8's and malloc's high-water marks); the second half
  // must not keep growing: a leak of one handle per object would add ~100 MiB there.
  const half = samples[Math.floor(samples.length / 2) - 1];
  const growthMiB = (Math.max(...samples.slice(samples.length / 2)) - half) / 1048576;
  const seconds = (Date.now() - started) / 1000;
  console.log(`# ${TOTAL} handles (${minted} tokens minted and verified) in ${seconds.toFixed(1)} s; ` +
    `peak live ${peakLive}, live after GC ${live}; RSS per 100k (MiB): ${samples.map(mib).join(' ')}`);
  assert.equal(minted, TOTAL / 20);
  // Every handle but the few cached signers (at most 64) and verifiers kept by V8 is gone.
  assert.ok(live <= 200, `live handles after GC: ${live}`);
  assert.ok(growthMiB < 24, `RSS grew ${growthMiB.toFixed(1)} MiB over the second half`);
});
