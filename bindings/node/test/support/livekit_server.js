'use strict';
// A real livekit-server (v1.13.5, `$LKS_DEPS_DIR/bin/server`, installed by scripts/setup.sh) for
// the Node tests: free loopback ports, a generated strict-YAML config with its own key, started
// and waited for (`GET /` answers `OK`; the server exits 0 on a bad config, so an early exit is a
// failure, shown with its log), stopped with SIGTERM then SIGKILL.
const { spawn } = require('node:child_process');
const dgram = require('node:dgram');
const fs = require('node:fs');
const http = require('node:http');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

function serverBinary() {
  if (process.env.LKS_LIVEKIT_SERVER) return process.env.LKS_LIVEKIT_SERVER;
  const deps = process.env.LKS_DEPS_DIR || path.join(__dirname, '..', '..', '..', '..', '.deps');
  return path.join(deps, 'bin', 'server');
}

function canBind(listen) {
  return new Promise((resolve) => {
    const s = listen();
    s.once('error', () => resolve(false));
    s.once('listening', () => s.close(() => resolve(true)));
  });
}

function ephemeralLow() {
  try {
    const range = fs.readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8');
    return Number(range.split(/\s+/)[0]) || 32768;
  } catch {
    return 32768;
  }
}

const kFirstPort = 10000;
let nextPort = null;

/**
 * A port on 127.0.0.1 free for TCP and UDP at the time of asking, as FreeLoopbackPort in
 * tests/support/livekit_server.cc: from below the kernel's ephemeral range (no listen(0) or
 * outgoing connection of another process takes it before its user binds it), never the same
 * twice in a process, from an offset drawn per process.
 */
async function freePort() {
  const span = ephemeralLow() - kFirstPort;
  if (span < 1000) throw new Error('no room for test ports below the ephemeral range');
  if (nextPort === null) nextPort = Math.floor(Math.random() * span);
  for (let tries = 0; tries < span; ++tries) {
    const port = kFirstPort + nextPort;
    nextPort = (nextPort + 1) % span;
    const tcp = await canBind(() => net.createServer().listen(port, '127.0.0.1'));
    if (tcp && (await canBind(() => dgram.createSocket('udp4').bind(port, '127.0.0.1')))) return port;
  }
  throw new Error('no free loopback port below the ephemeral range');
}

function healthy(port) {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/', timeout: 1000 }, (res) => {
      let body = '';
      res.on('data', (d) => { body += d; });
      res.on('end', () => resolve(res.statusCode === 200 && body.trim() === 'OK'));
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => { req.destroy(); resolve(false); });
  });
}

const quote = (s) => JSON.stringify(String(s));

/**
 * Starts a server; resolves with {url, port, key, secret, stop()}. `webhookUrls`: where the
 * server posts its webhooks (signed with `key`).
 */
async function startLiveKitServer({ key, secret, extraKeys = {}, emptyTimeout = 300, webhookUrls = [] } = {}) {
  const binary = serverBinary();
  if (!fs.existsSync(binary)) throw new Error(`livekit-server not found at ${binary} (run scripts/setup.sh)`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lks-node-livekit-'));
  const [port, tcp, udp] = [await freePort(), await freePort(), await freePort()];
  const keys = { [key]: secret, ...extraKeys };
  const yaml = [
    `port: ${port}`,
    'bind_addresses: ["127.0.0.1"]',
    'keys:',
    ...Object.entries(keys).map(([k, s]) => `  ${quote(k)}: ${quote(s)}`),
    'rtc:',
    `  tcp_port: ${tcp}`,
    `  udp_port: ${udp}`,
    '  node_ip: 127.0.0.1',
    '  use_external_ip: false',
    '  enable_loopback_candidate: true',
    'room:',
    `  empty_timeout: ${emptyTimeout}`,
    '  departure_timeout: 20',
    ...(webhookUrls.length
      ? ['webhook:', `  api_key: ${quote(key)}`, '  urls:', ...webhookUrls.map((u) => `    - ${quote(u)}`)]
      : []),
    'logging:',
    '  level: info',
    '',
  ].join('\n');
  const config = path.join(dir, 'livekit.yaml');
  fs.writeFileSync(config, yaml);
  const logFile = path.join(dir, 'server.log');
  const log = fs.openSync(logFile, 'w');
  const child = spawn(binary, ['--config', config], { stdio: ['ignore', log, log] });
  fs.closeSync(log);
  let exited = false;
  child.once('exit', () => { exited = true; });

  const stop = async () => {
    if (!exited) {
      const gone = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await gone;
      clearTimeout(timer);
    }
    if (!process.env.LKS_KEEP_TEST_DIRS) fs.rmSync(dir, { recursive: true, force: true });
  };

  const deadline = Date.now() + 30_000;
  while (!(await healthy(port))) {
    if (exited || Date.now() > deadline) {
      const text = fs.readFileSync(logFile, 'utf8');
      await stop();
      throw new Error(`livekit-server ${exited ? 'exited' : 'did not answer'} before GET / answered OK:\n${text}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url: `http://127.0.0.1:${port}`, port, key, secret, stop };
}

module.exports = { startLiveKitServer, freePort };
