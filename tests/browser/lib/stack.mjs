// The servers behind a browser test: a real livekit-server (its webhooks to the API; started by
// the Node tests' helper, bindings/node/test/support/livekit_server.js) and `lkstudy serve` with
// the web client, both on 127.0.0.1 inside the test's network namespace
// (tests/integration/run_in_netns.sh).
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, openSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import livekit from '../../../bindings/node/test/support/livekit_server.js';

export const env = {
  cli: process.env.LKS_CLI,
  webDir: process.env.LKS_WEB_DIR,
  artifacts: process.env.LKS_BROWSER_ARTIFACTS || tmpdir(),
};

export const freePort = livekit.freePort;

async function get(url) {
  try {
    const r = await fetch(url, { signal: AbortSignal.timeout(1000) });
    return { status: r.status, body: await r.text() };
  } catch {
    return { status: 0, body: '' };
  }
}

/** A child process with its output in `log`; stop() sends SIGTERM, then SIGKILL. */
class Child {
  constructor(argv, log) {
    this.log = log;
    const fd = openSync(log, 'w');
    this.proc = spawn(argv[0], argv.slice(1), { stdio: ['ignore', fd, fd] });
    this.exited = new Promise((resolve) => this.proc.on('exit', (code, signal) => resolve({ code, signal })));
    this.running = true;
    this.exited.then(() => (this.running = false));
  }
  output() {
    return readFileSync(this.log, 'utf8');
  }
  async stop() {
    for (const sig of ['SIGTERM', 'SIGKILL']) {
      if (!this.running) return;
      this.proc.kill(sig);
      await Promise.race([this.exited, sleep(3000)]);
    }
  }
}

/**
 * Starts livekit-server and `lkstudy serve` (extra serve flags in `serveFlags`). Returns
 * { api, livekitUrl, appToken(user, name, role), room(...args), stopLiveKit(), stop(), logs() }.
 */
export async function startStack({ serveFlags = [] } = {}) {
  for (const [name, v] of Object.entries({
    LKS_CLI: env.cli,
    LKS_WEB_DIR: env.webDir,
  })) {
    if (!v) throw new Error(`${name} is not set (ctest sets it; see tests/browser/CMakeLists.txt)`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'lks-browser-'));
  const key = 'lks_browser_key';
  const secret = randomBytes(24).toString('hex');
  const appSecret = randomBytes(24).toString('hex');
  const apiPort = await freePort();
  const api = `http://127.0.0.1:${apiPort}`;
  const lk = await livekit.startLiveKitServer({
    key,
    secret,
    emptyTimeout: 60,
    webhookUrls: [`${api}/api/livekit/webhook`],
  });
  const livekitUrl = `ws://127.0.0.1:${lk.port}`;
  const serve = new Child(
    [
      env.cli,
      'serve',
      '--port',
      String(apiPort),
      '--db',
      `sqlite:${join(dir, 'api.db')}`,
      '--livekit-url',
      livekitUrl,
      '--api-key',
      key,
      '--api-secret',
      secret,
      '--app-jwt-secret',
      appSecret,
      '--env-file',
      '/nonexistent/.env',
      '--web-dir',
      env.webDir,
      ...serveFlags,
    ],
    join(dir, 'serve.log'),
  );
  for (let i = 0; ; i++) {
    if (!serve.running) throw new Error('lkstudy serve exited at start; its log:\n' + serve.output());
    if ((await get(`${api}/api/livekit/status`)).status === 200) break;
    if (i > 300) throw new Error('lkstudy serve did not answer in 30 s; its log:\n' + serve.output());
    await sleep(100);
  }
  return {
    api,
    livekitUrl,
    dir,
    /** An app token for `user`, minted by the CLI like a host app's login would. */
    appToken(user, name, role = '') {
      const args = [
        'app-token',
        '--user',
        user,
        '--name',
        name,
        '--email',
        `${user}@example.com`,
        '--ttl',
        '2h',
        '--secret',
        appSecret,
      ];
      if (role) args.push('--role', role);
      return execFileSync(env.cli, args, { encoding: 'utf8' }).trim();
    },
    /** `lkstudy room ARGS...` against this livekit-server (its RoomService): the JSON it prints. */
    room(...args) {
      const out = execFileSync(
        env.cli,
        ['room', ...args, '--url', livekitUrl, '--api-key', key, '--api-secret', secret],
        { encoding: 'utf8' },
      );
      return JSON.parse(out);
    },
    stopLiveKit: () => lk.stop(),
    async stop() {
      await serve.stop();
      await lk.stop();
    },
    logs: () => `--- lkstudy serve ---\n${serve.output()}`,
  };
}
