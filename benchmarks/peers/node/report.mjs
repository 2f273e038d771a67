// Prints the table of benchmarks/tokens_vs_node.sh from Google Benchmark's JSON (lkstudy) and the
// Node peer's JSON, with the ratios and whether the targets are met.
//
//   node report.mjs LKSTUDY_GBENCH.json NODE.json
//
// All figures are per token on one pinned core. "CPU" is the CPU time of the measuring thread
// (lkstudy) or the whole Node process (JIT and GC threads included); ratios use CPU time, so
// other load on the machine shifts them less. Wall-clock rates are shown for reference.
import { readFileSync } from 'node:fs';

const [gbenchPath, nodePath] = process.argv.slice(2);
if (!gbenchPath || !nodePath) {
  console.error('usage: node report.mjs LKSTUDY_GBENCH.json NODE.json');
  process.exit(2);
}
const gbench = JSON.parse(readFileSync(gbenchPath, 'utf8'));
const node = JSON.parse(readFileSync(nodePath, 'utf8'));

const toNs = { ns: 1, us: 1e3, ms: 1e6, s: 1e9 };
function lks(name) {
  const b = gbench.benchmarks.find((x) => x.name === name);
  if (!b) throw new Error(`benchmark ${name} missing from ${gbenchPath}`);
  const k = toNs[b.time_unit ?? 'ns'];
  return { cpu: b.cpu_time * k, wall: b.real_time * k };
}
const rows = [
  ['mint', 'lkstudy TokenSigner::SignTo (reused buffer)', lks('BM_MintSignTo')],
  ['mint', 'lkstudy AccessToken built + ToJwt()', lks('BM_MintAccessToken')],
  ['mint', `${node.sdk} new AccessToken() + toJwt()`, { cpu: node.mint.cpu_ns_per_token, wall: node.mint.wall_ns_per_token }],
  ['floor', 'OpenSSL HMAC(EVP_sha256()) one-shot, same signing input', lks('BM_HmacSha256Floor')],
  ['(MAC)', 'lkstudy HmacSha256Key::Sign (key schedule precomputed), same input', lks('BM_HmacSha256Precomputed')],
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
console.log('| operation | implementation | CPU time / token | tokens/s (CPU) | tokens/s (wall) |');
console.log('|---|---|---:|---:|---:|');
for (const [op, impl, f] of rows) {
  console.log(`| ${op} | ${impl} | ${fmtNs(f.cpu)} | ${fmtRate(f.cpu)} | ${fmtRate(f.wall)} |`);
}

const [signTo, accessToken, nodeMint, floor, mac, verify, nodeVerify] = rows.map((r) => r[2].cpu);
const ratios = [
  ['mint speed vs Node (AccessToken + ToJwt)', nodeMint / accessToken, '>= 30x', (r) => r >= 30],
  ['mint speed vs Node (SignTo)', nodeMint / signTo, '>= 30x', (r) => r >= 30],
  ['mint time / HMAC floor time (AccessToken + ToJwt)', accessToken / floor, '<= 2.5x', (r) => r <= 2.5],
  ['mint time / HMAC floor time (SignTo)', signTo / floor, '<= 2.5x', (r) => r <= 2.5],
  ['verify speed vs Node', nodeVerify / verify, '>= 30x', (r) => r >= 30],
];
// For reference (not a target): how much of a token's time is its MAC.
const notes = [
  ['mint time / precomputed-key MAC time (SignTo)', signTo / mac],
  ['mint time / precomputed-key MAC time (AccessToken + ToJwt)', accessToken / mac],
  ['verify time / precomputed-key MAC time', verify / mac],
];
console.log('');
console.log('| ratio | measured | target | met |');
console.log('|---|---:|---:|---|');
let allMet = true;
for (const [name, r, target, ok] of ratios) {
  const met = ok(r);
  allMet &&= met;
  console.log(`| ${name} | ${r.toFixed(2)}x | ${target} | ${met ? 'yes' : 'NO'} |`);
}
for (const [name, r] of notes) console.log(`| ${name} | ${r.toFixed(2)}x | (reference) | |`);
console.log('');
console.log(allMet ? 'all targets met' : 'TARGETS MISSED');
