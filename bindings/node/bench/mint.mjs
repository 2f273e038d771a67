// AccessToken mint: lkstudy's binding vs livekit-server-sdk, in one process, same claims.
//
//   node bench/mint.mjs [--rounds 5] [--seconds 0.5]
//
// Each round spends about `seconds` on each of: livekit-server-sdk `await at.toJwt()`, the
// binding's `await at.toJwt()` and its toJwtSync(), in 100 ms slices taken in turn so that all
// three see the same machine load, timed in CPU time of the process (process.cpuUsage(), all its
// threads), which other processes on a busy machine disturb far less than the wall clock. Every call builds a new AccessToken with the same join claims
// (identity, name, 1 h ttl, roomJoin + room + canPublish/canSubscribe/canPublishData). The ratio
// reported is the median of the per-round ratios. Needs the addon built (scripts/setup.sh) or LKS_NODE_ADDON set.
import * as sdk from 'livekit-server-sdk';
import * as lk from '../lib/index.mjs';
import { build, KEY, SECRET } from './bench_token.mjs';

const args = process.argv.slice(2);
const arg = (name, def) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : def;
};
const ROUNDS = arg('rounds', 5);
const SECONDS = arg('seconds', 0.5);



// CPU time of this process (all its threads, so the garbage collector's helpers count), in ms.
// Other processes on a busy machine slow the wall clock but hardly this.
const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

// Runs `fn` (one token per call) for about `ms` ms of CPU; returns [tokens, CPU ms].
async function slice(fn, ms) {
  const start = cpuMs();
  let count = 0;
  while (cpuMs() - start < ms) {
    for (let i = 0; i < 50; i++) await fn();
    count += 50;
  }
  return [count, cpuMs() - start];
}
function sliceSync(fn, ms) {
  const start = cpuMs();
  let count = 0;
  while (cpuMs() - start < ms) {
    for (let i = 0; i < 50; i++) fn();
    count += 50;
  }
  return [count, cpuMs() - start];
}

const sdkMint = () => build(sdk).toJwt();
const lkMint = () => build(lk).toJwt();
const lkMintSync = () => build(lk).toJwtSync();

// One round: short slices of each in turn, so that a change in machine load hits all three alike.
async function round() {
  const SLICE_MS = 100;
  const slices = Math.max(1, Math.round((SECONDS * 1000) / SLICE_MS));
  const acc = { sdk: [0, 0], lk: [0, 0], lkSync: [0, 0] };
  const add = (k, [c, ms]) => { acc[k][0] += c; acc[k][1] += ms; };
  for (let i = 0; i < slices; i++) {
    add('sdk', await slice(sdkMint, SLICE_MS));
    add('lk', await slice(lkMint, SLICE_MS));
    add('lkSync', sliceSync(lkMintSync, SLICE_MS));
  }
  const us = ([c, ms]) => (ms * 1000) / c;
  return { sdkUs: us(acc.sdk), lkUs: us(acc.lk), lkSyncUs: us(acc.lkSync) };
}

// Same claims from both: check once before timing.
const claimsOf = async (jwt) => {
  const c = await new sdk.TokenVerifier(KEY, SECRET).verify(jwt);
  delete c.nbf; delete c.exp; delete c.sub;
  return JSON.stringify(c, Object.keys(c).sort());
};
if ((await claimsOf(await build(sdk).toJwt())) !== (await claimsOf(await build(lk).toJwt()))) {
  throw new Error('the binding and livekit-server-sdk mint different claims');
}

// Warm-up (JIT, signer cache).
await slice(sdkMint, 300);
await slice(lkMint, 300);
sliceSync(lkMintSync, 300);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rows = [];
for (let r = 0; r < ROUNDS; r++) {
  const { sdkUs, lkUs, lkSyncUs } = await round();
  rows.push({ sdkUs, lkUs, lkSyncUs });
  console.log(`round ${r + 1}: livekit-server-sdk ${sdkUs.toFixed(2)} µs/token, ` +
    `lkstudy toJwt() ${lkUs.toFixed(2)} µs (${(sdkUs / lkUs).toFixed(1)}x), ` +
    `toJwtSync() ${lkSyncUs.toFixed(2)} µs (${(sdkUs / lkSyncUs).toFixed(1)}x)`);
}
const ratio = median(rows.map((x) => x.sdkUs / x.lkUs));
const ratioSync = median(rows.map((x) => x.sdkUs / x.lkSyncUs));
console.log(`median: livekit-server-sdk ${median(rows.map((x) => x.sdkUs)).toFixed(2)} µs/token; ` +
  `lkstudy toJwt() ${median(rows.map((x) => x.lkUs)).toFixed(2)} µs/token = ${ratio.toFixed(1)}x; ` +
  `toJwtSync() ${median(rows.map((x) => x.lkSyncUs)).toFixed(2)} µs/token = ${ratioSync.toFixed(1)}x ` +
  `(target: toJwt() >= 15x) [node ${process.version}, lkstudy ${lk.nativeVersion}]`);
