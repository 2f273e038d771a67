// The binding's mint alone in a tight loop, for profiling (perf record) and A/B of two builds:
//
//   LKS_NODE_ADDON=ADDON taskset -c 1 node bench/mint-loop.mjs [COUNT 100000] [CHUNKS 20]
//
// The same tokens and the same polymorphic `await fn()` as mint.mjs (warmed up with the SDK's
// mint too), then CHUNKS chunks of COUNT `await toJwt()` and COUNT `toJwtSync()`, each timed in
// process CPU time; prints the minimum and the median of the chunks in µs per token. No ratio:
// compare builds by running them alternately.
import * as sdk from 'livekit-server-sdk';
import * as lk from '../lib/index.mjs';
import { build } from './bench_token.mjs';
async function slice(fn, count) { for (let i = 0; i < count; i++) await fn(); }
function sliceSync(fn, count) { for (let i = 0; i < count; i++) fn(); }
const sdkMint = () => build(sdk).toJwt();
const lkMint = () => build(lk).toJwt();
const lkMintSync = () => build(lk).toJwtSync();
for (let r = 0; r < 5; r++) { await slice(sdkMint, 5000); await slice(lkMint, 50000); sliceSync(lkMintSync, 50000); }
const N = Number(process.argv[2] ?? 100000);
const chunks = Number(process.argv[3] ?? 20);
const cpu = () => { const u = process.cpuUsage(); return u.user + u.system; };
const a = [], b = [];
for (let c = 0; c < chunks; c++) {
  let t = cpu(); await slice(lkMint, N); a.push((cpu() - t) / N);
  t = cpu(); sliceSync(lkMintSync, N); b.push((cpu() - t) / N);
}
const st = (x) => { x.sort((p, q) => p - q); return `min ${x[0].toFixed(3)} med ${x[x.length >> 1].toFixed(3)}`; };
console.log(`toJwt ${st(a)} | toJwtSync ${st(b)}`);
