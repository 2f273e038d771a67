'use strict';
// The package as users get it: `npm pack` makes a tarball that carries the addon's sources and
// lkstudy's; `npm install <tarball>` in a fresh folder builds the addon there (cmake-js, headers
// from node-api-headers, no download of Node) and both require() and import load it.
const test = require('node:test');
const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const sdk = require('livekit-server-sdk');

const PKG_DIR = path.join(__dirname, '..');

function run(cmd, args, cwd, env = {}) {
  const childEnv = { ...process.env, ...env };
  delete childEnv.LKS_NODE_ADDON; // the fresh install must load its own build
  return execFileSync(cmd, args, { cwd, env: childEnv, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20 });
}

test('npm pack, then npm install of the tarball in a fresh folder builds and loads', { timeout: 900_000 }, async () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lkstudy-pack-'));
  try {
    const packOut = run('npm', ['pack', '--json', '--pack-destination', tmp], PKG_DIR);
    const [info] = JSON.parse(packOut.slice(packOut.indexOf('[')));
    const tarball = path.join(tmp, info.filename);
    const files = info.files.map((f) => f.path);
    for (const f of ['lib/index.js', 'lib/index.d.ts', 'src/addon.cc', 'CMakeLists.txt', 'scripts/install.js',
      'lkstudy/CMakeLists.txt', 'lkstudy/capi/include/lks.h']) {
      assert.ok(files.includes(f), `tarball lacks ${f}`);
    }
    assert.ok(!files.some((f) => f.startsWith('build/') || f.startsWith('test/') || f.endsWith('.node')),
      'tarball must not carry builds or tests');
    assert.ok(!fs.existsSync(path.join(PKG_DIR, 'lkstudy')), 'postpack removes the copied sources');

    const app = path.join(tmp, 'app');
    fs.mkdirSync(app);
    fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'fresh-app', version: '1.0.0', private: true }));
    const npmArgs = ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', tarball];
    run('nice', ['-n', '10', 'npm', ...npmArgs], app);
    assert.ok(fs.existsSync(path.join(app, 'node_modules', 'lkstudy', 'build', 'Release', 'lkstudy.node')));

    const cjs = run(process.execPath, ['-e', `
      const { AccessToken } = require('lkstudy');
      const at = new AccessToken('APIfresh', 'fresh-secret-0123456789-abcdef', { identity: 'fresh' });
      at.addGrant({ roomJoin: true, room: 'fresh-room' });
      at.toJwt().then((t) => console.log(t));`], app).trim();
    const claims = await new sdk.TokenVerifier('APIfresh', 'fresh-secret-0123456789-abcdef').verify(cjs);
    assert.equal(claims.sub, 'fresh');
    assert.equal(claims.video.room, 'fresh-room');

    const esm = run(process.execPath, ['--input-type=module', '-e', `
      import { TokenVerifier, AccessToken, LkStudyError } from 'lkstudy';
      const jwt = await new AccessToken('k', 's', { identity: 'e' }).toJwt();
      const claims = await new TokenVerifier('k', 's').verify(jwt);
      try { await new TokenVerifier('k', 'x').verify(jwt); } catch (e) { console.log(e instanceof LkStudyError, e.reason); }
      console.log(claims.sub);`], app).trim().split('\n');
    assert.deepEqual(esm, ['true bad_signature', 'e']);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});
