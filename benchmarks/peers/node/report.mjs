// Prints the table of benchmarks/tokens_vs_node.sh from Google Benchmark's JSON (lkstudy) and the
// Node peer's JSON, with the ratios and whether the targets are met.
//
//   node report.mjs LKSTUDY_GBENCH.json NODE.json
//
// All figures are per token on one pinned core. "CPU" is the CPU time of the measuring thread
// (lkstudy) or the whole Node process (JIT and GC threads included); ratios use CPU time, so
// other load on the machine shifts them less. Wall-clock rates are shown for reference. lkstudy's
// benchmarks run as repetitions (Google Benchmark's --benchmark_repetitions): each row is the
// median repetition, with the range of all of them; the ratios to the floor are taken per
// repetition (mint and MAC of the same repetition index ran back to back) and given as median and
// range.
//
// The floor is the MAC with the key schedule precomputed (lkstudy's HmacSha256Key::Sign) over
// the same signing input: what no HS256 implementation can avoid. OpenSSL's one-shot HMAC() is a
// reference line (it redoes the key schedule and an algorithm fetch per call).
import { readFileSync } from 'node:fs';

const [gbenchPath, nodePath] = process.argv.slice(2);
if (!gbenchPath || !nodePath) {
  console.error('usage: node report.mjs LKSTUDY_GBENCH.json NODE.json');
  process.exit(2);
}
const gbench = JSON.parse(readFileSync(gbenchPath, 'utf8'));
const node = JSON.parse(readFileSync(nodePath, 'utf8'));

const toNs = { ns: 1, us: 1e3, ms: 1e6, s: 1e9 };
// Every repetition of `name` (Google Benchmark names them `name` in each repetition's
// `run_name`, with run_type "iteration").
function reps(name) {
  const bs = gbench.benchmarks.filter((x) => (x.run_name ?? x.name) === name && (x.run_type ?? 'iteration') === 'iteration');
  if (bs.length === 0) throw new Error(`benchmark ${name} missing from ${gbenchPath}`);
  return bs.map((b) => {
    const k = toNs[b.time_unit ?? 'ns'];
    return { cpu: b.cpu_time * k, wall: b.real_time * k };
  });
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
function lks(name) {
  const r = reps(name);
  const cpu = r.map((x) => x.cpu);
  return { cpu: median(cpu), wall: median(r.map((x) => x.wall)), min: Math.min(...cpu), max: Math.max(...cpu), reps: r };
}
const rows = [
  ['mint', 'lkstudy TokenSigner::SignTo (reused buffer)', lks('BM_MintSignTo')],
  ['mint', 'lkstudy AccessToken built + ToJwt()', lks('BM_MintAccessToken')],
  ['mint', `${node.sdk} new AccessToken() + toJwt()`, { cpu: node.mint.cpu_ns_per_token, wall: node.mint.wall_ns_per_token }],
  ['floor', 'MAC with the key schedule precomputed (HmacSha256Key::Sign), same signing input', lks('BM_HmacSha256Precomputed')],
  ['(reference)', 'OpenSSL HMAC(EVP_sha256()) one-shot, same signing input', lks('BM_HmacSha256Floor')],
  ['verify', 'lkstudy TokenVerifier::Verify', lks('BM_Verify')],
  ['verify', `${node.sdk} TokenVerifier.verify()`, { cpu: node.verify.cpu_ns_per_token, wall: node.verify.wall_ns_per_token }],
];

const fmtNs = (ns) => (ns >= 1e4 ? `${(ns / 1e3).toFixed(1)} µs` : `${(ns / 1e3).toFixed(2)} µs`);
const fmtRate = (ns) => Math.round(1e9 / ns).toLocaleString('en-US');
const ctx = gbench.context ?? {};
let model = '?';
try {
  model = /^model name\s*:\s*(.*)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? '?';
} catch {}
console.log(`machine: ${model}, ${ctx.num_cpus ?? '?'} CPUs at ${ctx.mhz_per_cpu ?? '?'} MHz, load average ${(ctx.load_avg ?? []).map((x) => x.toFixed(2)).join(' ')}`);
console.log(`lkstudy build: ${process.env.LKS_BUILD_TYPE || '?'}; ${process.env.LKS_OPENSSL_VERSION || 'OpenSSL ?'}`);
const lksBytes = gbench.benchmarks.find((x) => x.name === 'BM_Verify')?.token_bytes;
console.log(`peer: ${node.sdk} on Node ${node.node}; token sizes: lkstudy ${lksBytes} bytes, Node SDK ${node.token_bytes} bytes`);
console.log('');
console.log('| operation | implementation | CPU time / token (median) | range | tokens/s (CPU) | tokens/s (wall) |');
console.log('|---|---|---:|---:|---:|---:|');
for (const [op, impl, f] of rows) {
  const range = f.reps ? `${fmtNs(f.min)}–${fmtNs(f.max)}` : '';
  console.log(`| ${op} | ${impl} | ${fmtNs(f.cpu)} | ${range} | ${fmtRate(f.cpu)} | ${fmtRate(f.wall)} |`);
}

const [signTo, accessToken, nodeMint, floor, oneShot, verify, nodeVerify] = rows.map((r) => r[2].cpu);
// time / floor per repetition: [median, min, max].
const perRep = (name) => {
  const a = lks(name).reps;
  const f = lks('BM_HmacSha256Precomputed').reps;
  const rs = a.slice(0, f.length).map((x, i) => x.cpu / f[i].cpu);
  return [median(rs), Math.min(...rs), Math.max(...rs)];
};
const ratios = [
  ['mint (AccessToken + ToJwt, seed claims) time / floor', perRep('BM_MintAccessToken'), '<= 1.6x', (r) => r <= 1.6],
  ['mint (SignTo) time / floor', perRep('BM_MintSignTo'), '<= 1.6x', (r) => r <= 1.6],
  ['verify time / floor', perRep('BM_Verify'), '<= 2.0x', (r) => r <= 2.0],
];
// For reference (not targets here): against the Node SDK and the one-shot HMAC.
const notes = [
  ['mint speed vs Node (AccessToken + ToJwt)', nodeMint / accessToken],
  ['mint speed vs Node (SignTo)', nodeMint / signTo],
  ['verify speed vs Node', nodeVerify / verify],
  ['mint (AccessToken + ToJwt) time / one-shot HMAC() time', accessToken / oneShot],
];
console.log('');
console.log('| ratio | median | range | target | met |');
console.log('|---|---:|---:|---:|---|');
let allMet = true;
for (const [name, [r, lo, hi], target, ok] of ratios) {
  const met = ok(r);
  allMet &&= met;
  console.log(`| ${name} | ${r.toFixed(2)}x | ${lo.toFixed(2)}–${hi.toFixed(2)}x | ${target} | ${met ? 'yes' : 'NO'} |`);
}
for (const [name, r] of notes) console.log(`| ${name} | ${r.toFixed(1)}x | | (reference) | |`);
console.log('');
console.log(allMet ? 'all targets met' : 'TARGETS MISSED');
