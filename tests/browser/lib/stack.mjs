// The servers behind a browser test: a real livekit-server (its webhooks to the API) and
// `lkstudy serve` with the web client, both on 127.0.0.1 inside the test's network namespace
// (tests/integration/run_in_netns.sh). The livekit-server config is the one tests/support/
// livekit_server.cc writes for the C++ suites (loopback node IP, the loopback candidate on).
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { createSocket } from 'node:dgram';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export const env = {
  cli: process.env.LKS_CLI,
  webDir: process.env.LKS_WEB_DIR,
  livekitServer: process.env.LKS_LIVEKIT_SERVER || join(process.env.LKS_DEPS_DIR || '.deps', 'bin', 'server'),
  artifacts: process.env.LKS_BROWSER_ARTIFACTS || tmpdir(),
};

export function freePort(udp = false) {
  return new Promise((resolve, reject) => {
    if (udp) {
      const s = createSocket('udp4');
      s.bind(0, '127.0.0.1', () => {
        const { port } = s.address();
        s.close(() => resolve(port));
      });
      s.on('error', reject);
      return;
    }
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

async function get(url) {
  try {
    const r = await fetch(url, { signal: AbortSignal.timeout(1000) });
    return { status: r.status, body: await r.text() };
  } catch {
    return { status: 0, body: '' };
  }
}

/** A child process with its output in `log`; stop() sends SIGTERM twice, then SIGKILL. */
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
    for (const sig of ['SIGTERM', 'SIGTERM', 'SIGKILL']) {
      if (!this.running) return;
      this.proc.kill(sig);
      await Promise.race([this.exited, sleep(3000)]);
    }
  }
}

/**
 * Starts livekit-server and `lkstudy serve` (extra serve flags in `serveFlags`). Returns
 * { api, livekitUrl, appToken(user, name, role), stopLiveKit(), stop(), logs() }.
 */
export async function startStack({ serveFlags = [] } = {}) {
  for (const [name, v] of Object.entries({ LKS_CLI: env.cli, LKS_WEB_DIR: env.webDir })) {
    if (!v) throw new Error(`${name} is not set (ctest sets it; see tests/browser/CMakeLists.txt)`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'lks-browser-'));
  const key = 'lks_browser_key';
  const secret = randomBytes(24).toString('hex');
  const appSecret = randomBytes(24).toString('hex');
  const [lkPort, tcpPort, udpPort, apiPort] = [await freePort(), await freePort(), await freePort(true), await freePort()];
  const api = `http://127.0.0.1:${apiPort}`;
  writeFileSync(
    join(dir, 'livekit.yaml'),
    [
      `port: ${lkPort}`,
      'bind_addresses: ["127.0.0.1"]',
      'keys:',
      `  ${key}: ${secret}`,
      'rtc:',
      `  tcp_port: ${tcpPort}`,
      `  udp_port: ${udpPort}`,
      '  node_ip: 127.0.0.1',
      '  use_external_ip: false',
      '  enable_loopback_candidate: true',
      'room:',
      '  empty_timeout: 60',
      '  departure_timeout: 1',
      'webhook:',
      `  api_key: ${key}`,
      '  urls:',
      `    - ${api}/api/livekit/webhook`,
      'logging:',
      '  level: info',
      '',
    ].join('\n'),
  );
  const livekit = new Child([env.livekitServer, '--config', join(dir, 'livekit.yaml')], join(dir, 'livekit.log'));
  // A config error makes livekit-server exit with status 0: exiting before GET / answers OK fails.
  for (let i = 0; ; i++) {
    if (!livekit.running) throw new Error('livekit-server exited at start; its log:\n' + livekit.output());
    if ((await get(`http://127.0.0.1:${lkPort}/`)).body === 'OK') break;
    if (i > 300) throw new Error('livekit-server did not answer GET / in 30 s; its log:\n' + livekit.output());
    await sleep(100);
  }
  const livekitUrl = `ws://127.0.0.1:${lkPort}`;
  const serve = new Child(
    [
      env.cli, 'serve', '--port', String(apiPort), '--db', `sqlite:${join(dir, 'api.db')}`,
      '--livekit-url', livekitUrl, '--api-key', key, '--api-secret', secret,
      '--app-jwt-secret', appSecret, '--env-file', '/nonexistent/.env', '--web-dir', env.webDir,
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
      const args = ['app-token', '--user', user, '--name', name, '--email', `${user}@example.com`, '--ttl', '2h', '--secret', appSecret];
      if (role) args.push('--role', role);
      return execFileSync(env.cli, args, { encoding: 'utf8' }).trim();
    },
    stopLiveKit: () => livekit.stop(),
    async stop() {
      await serve.stop();
      await livekit.stop();
    },
    logs: () => `--- lkstudy serve ---\n${serve.output()}\n--- livekit-server (last 60 lines) ---\n${livekit.output().split('\n').slice(-60).join('\n')}`,
  };
}
