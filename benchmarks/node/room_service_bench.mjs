// The Node SDK side of benchmarks/room_service_vs_node: livekit-server-sdk's RoomServiceClient
// calling ListRooms and CreateRoom against the server given on the command line.
// Usage: node room_service_bench.mjs URL KEY SECRET CALLS CONCURRENCY
// CreateRoom uses the names bench_0..bench_19, which the C++ side created before (same server path).
// Prints one JSON line per scenario: {"sdk","method","callers","calls","seconds","p50_ms","p99_ms","cpu_us_per_call"}
import { RoomServiceClient } from 'livekit-server-sdk';

const [url, key, secret, callsArg, concArg] = process.argv.slice(2);
const calls = Number(callsArg);
const client = new RoomServiceClient(url, key, secret);

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function scenario(method, callers, fn) {
  const lat = [];
  let next = 0;
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  async function worker() {
    while (next < calls) {
      const i = next++;
      const s = process.hrtime.bigint();
      await fn(i);
      lat.push(Number(process.hrtime.bigint() - s) / 1e6);
    }
  }
  await Promise.all(Array.from({ length: callers }, worker));
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  lat.sort((a, b) => a - b);
  console.log(JSON.stringify({
    sdk: 'node', method, callers, calls, seconds,
    p50_ms: percentile(lat, 50), p99_ms: percentile(lat, 99),
    cpu_us_per_call: (cpu.user + cpu.system) / calls,
  }));
}

await client.listRooms();  // warm-up: connection and token
for (const callers of [1, Number(concArg)]) {
  await scenario('ListRooms', callers, () => client.listRooms());
  await scenario('CreateRoom', callers, (i) => client.createRoom({ name: `bench_${i % 20}` }));
}
