'use strict';
// until(what, check, ms): polls `check` (sync or async) every 100 ms until it returns a truthy
// value, which it returns; throws "timed out waiting for <what>" after `ms` (default 15 s). For
// what a real server does asynchronously (webhooks, a room's stored state), never a sleep.
async function until(what, check, ms = 15_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

module.exports = { until };
