// `lkstudy dev` as `bash scripts/run.sh` leaves it: the URL is the first line it prints; the page
// there offers its dev-only sign-in (pick a user); that user can create a group and open the call.
// `--no-web` serves the API alone. Runs in the test's network namespace like call.test.mjs.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, test } from 'node:test';

import { launchChromium, newUserPage } from './lib/browser.mjs';
import { env, freePort } from './lib/stack.mjs';

if (process.env.LKS_IN_NETNS !== '1') {
  console.log('SKIPPED: needs the private network namespace of tests/integration/run_in_netns.sh');
  process.exit(77);
}

const kWait = 30_000;
const running = [];
let browser;

after(async () => {
  await browser?.close();
  for (const p of running) {
    p.kill('SIGTERM');
    await new Promise((resolve) => (p.exitCode !== null ? resolve() : p.on('exit', resolve)));
  }
});

/** Starts `lkstudy dev` and resolves with its first stdout line and all it printed by then. */
async function startDev(...flags) {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'lks-dev-'));
  const childEnv = { ...process.env };
  delete childEnv.APP_JWT_SECRET; // dev makes one per run
  const p = spawn(env.cli, ['dev', '--port', String(port), '--dir', dir, ...flags], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: childEnv,
  });
  running.push(p);
  let stderr = '';
  p.stderr.on('data', (d) => (stderr += d));
  const lines = [];
  const rl = createInterface({ input: p.stdout });
  await new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error('lkstudy dev printed nothing in 60 s:\n' + stderr)),
      60_000,
    );
    rl.on('line', (l) => {
      lines.push(l);
      if (l.startsWith('Ctrl-C')) {
        clearTimeout(timer);
        resolve();
      }
    });
    p.on('exit', (code) => reject(new Error(`lkstudy dev exited (${code}):\n${stderr}`)));
  });
  return { port, lines, url: `http://127.0.0.1:${port}/` };
}

test('lkstudy dev prints its URL first; the page signs in a picked user who creates a group and joins the call', async () => {
  const dev = await startDev();
  assert.equal(dev.lines[0], `lkstudy dev: open ${dev.url} (web client; pick a user to sign in)`);
  browser = await launchChromium();
  const page = await newUserPage(browser, 'dev');
  await page.goto(dev.url);
  await page.locator('[data-view="sign-in"] button[data-user-id="15"]').waitFor({ timeout: kWait });
  mkdirSync(env.artifacts, { recursive: true });
  await page.screenshot({ path: join(env.artifacts, 'dev-sign-in.png') });
  await page.click('button[data-user-id="15"]');
  await page.locator('.who[data-user-id="15"]').waitFor({ timeout: kWait });
  assert.match(await page.locator('.who').innerText(), /John Doe/);

  await page.fill('[data-form="create-group"] input[name="title"]', 'Test Bible Study');
  await page.click('[data-form="create-group"] button[type="submit"]');
  await page.locator('[data-view="group"] li[data-user-id="15"] .role.owner').waitFor({ timeout: kWait });
  await page.click('[data-action="open-call"]');
  await page
    .locator(
      '[data-view="call"][data-state="connected"] figure.tile[data-identity="user_15"][data-video="on"]',
    )
    .waitFor({ timeout: kWait });
  await page.click('[data-action="leave"]');
  await page
    .locator('[data-view="call"][data-state="disconnected"][data-reason="CLIENT_INITIATED"]')
    .waitFor({ timeout: kWait });
  assert.deepEqual(page.problems(), []);
});

test('lkstudy dev --no-web serves the API only, and says so first', async () => {
  const dev = await startDev('--no-web');
  assert.equal(
    dev.lines[0],
    `lkstudy dev: http://127.0.0.1:${dev.port} (REST API; web client off (--no-web))`,
  );
  const root = await fetch(dev.url);
  assert.equal(root.status, 404);
  assert.equal((await root.json()).error.code, 'no_route');
  // The dev sign-in stays: it is how the curl examples get app tokens too.
  const r = await fetch(`${dev.url}dev/sign-in`, {
    method: 'POST',
    body: JSON.stringify({ userId: '16' }),
  });
  assert.equal(r.status, 200);
  const { token } = (await r.json()).data;
  const groups = await fetch(`${dev.url}api/study-groups`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  assert.equal(groups.status, 200);
});
