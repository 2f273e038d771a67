// livekit-server-sdk WebhookReceiver.receive (verify JWT, check the body's sha256, parse into the
// protobuf WebhookEvent) on one delivery, in a loop. Prints one JSON line with wall-clock and CPU (all threads) nanoseconds per receive.
// Usage: node bench.mjs BODY_FILE [SECONDS]
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { AccessToken, WebhookReceiver } from 'livekit-server-sdk';

const [bodyFile, secondsArg] = process.argv.slice(2);
const seconds = Number(secondsArg ?? 3);
const apiKey = 'APIbenchWebhook';
const apiSecret = 'bench-webhook-secret-0123456789abcdef';
const body = readFileSync(bodyFile, 'utf8');

// Signed as livekit-server signs a delivery.
const at = new AccessToken(apiKey, apiSecret, { ttl: '5m' });
at.sha256 = createHash('sha256').update(body).digest('base64');
const auth = await at.toJwt();
const receiver = new WebhookReceiver(apiKey, apiSecret);

async function run(n) {
  for (let i = 0; i < n; i++) {
    const ev = await receiver.receive(body, auth);
    if (ev.event !== 'participant_joined') throw new Error('unexpected event');
  }
}

await run(2000); // warm-up: JIT and the SDK's key import
const n = 1000;
let iterations = 0;
const cpuStart = process.cpuUsage();
const start = process.hrtime.bigint();
let elapsed = 0n;
while (elapsed < BigInt(seconds * 1e9)) {
  await run(n);
  iterations += n;
  elapsed = process.hrtime.bigint() - start;
}
const cpu = process.cpuUsage(cpuStart); // microseconds of user+system time, all threads
console.log(JSON.stringify({
  peer: 'livekit-server-sdk',
  iterations,
  wall_ns_per_op: Number(elapsed) / iterations,
  cpu_ns_per_op: ((cpu.user + cpu.system) * 1000) / iterations,
}));
