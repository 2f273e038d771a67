// LiveKit's Node SDK (livekit-server-sdk) minting and verifying the same tokens as
// benchmarks/tokens_bench.cc: identity, name, metadata, 6 h TTL, roomJoin + room + canPublish +
// canSubscribe + canPublishData + canUpdateOwnMetadata.
//
//   node tokens_bench.mjs [--seconds 3]
//
// Prints one JSON object: {"sdk","node","token_bytes","mint":{...},"verify":{...}}, each
// measurement with tokens, cpu_ns_per_token, tokens_per_cpu_s (CPU time of the whole process:
// user + system, so GC threads count) and wall_ns_per_token, tokens_per_wall_s.
// Each measurement warms up for a fifth of its time first. Run it pinned to one core
// (taskset -c 0), as benchmarks/tokens_vs_node.sh does.
import { readFileSync } from 'node:fs';
import { AccessToken, TokenVerifier } from 'livekit-server-sdk';

const KEY = 'APIbenchKey1';
const SECRET = 'bench-secret-0123456789abcdefghijklmnopqrstuvwxyzABCD';
const GRANT = {
  roomJoin: true, room: 'study_group_1700000000_ab12cd', canPublish: true, canSubscribe: true,
  canPublishData: true, canUpdateOwnMetadata: true,
};
const OPTIONS = {
  identity: 'user_15', name: 'John Doe', metadata: '{"userId":15,"email":"john@example.com"}', ttl: '6h',
};

function mint() {
  const at = new AccessToken(KEY, SECRET, OPTIONS);
  at.addGrant(GRANT);
  return at.toJwt();
}

// Runs `op` (async) back to back for `seconds`, after a warm-up; returns the rate.
async function measure(op, seconds) {
  const batch = 256;
  const run = async (ns) => {
    let n = 0;
    const start = process.hrtime.bigint();
    const end = start + BigInt(Math.round(ns));
    let now = start;
    while (now < end) {
      for (let i = 0; i < batch; i++) await op();
      n += batch;
      now = process.hrtime.bigint();
    }
    return { n, ns: Number(now - start) };
  };
  await run(seconds * 0.2e9);
  const cpu0 = process.cpuUsage();
  const { n, ns } = await run(seconds * 1e9);
  const cpu = process.cpuUsage(cpu0);
  const cpuNs = (cpu.user + cpu.system) * 1e3;
  return {
    tokens: n,
    cpu_ns_per_token: cpuNs / n, tokens_per_cpu_s: n / (cpuNs / 1e9),
    wall_ns_per_token: ns / n, tokens_per_wall_s: n / (ns / 1e9),
  };
}

const argv = process.argv.slice(2);
const seconds = argv[0] === '--seconds' ? Number(argv[1]) : 3;
if (!(seconds > 0)) {
  console.error('usage: node tokens_bench.mjs [--seconds S]');
  process.exit(2);
}
const token = await mint();
const verifier = new TokenVerifier(KEY, SECRET);
const claims = await verifier.verify(token);
if (claims.sub !== OPTIONS.identity || !claims.video?.canUpdateOwnMetadata) throw new Error('self-check failed');

const pkg = JSON.parse(readFileSync(new URL('./node_modules/livekit-server-sdk/package.json', import.meta.url)));
const result = {
  sdk: `livekit-server-sdk ${pkg.version}`,
  node: process.version,
  token_bytes: token.length,
  mint: await measure(mint, seconds),
  verify: await measure(() => verifier.verify(token), seconds),
};
console.log(JSON.stringify(result));
