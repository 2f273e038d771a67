// Drop-in check: token snippets from LiveKit's own Node documentation (test/dropin/*.mts, each
// naming its source) type-check against lib/index.d.ts and run unchanged but for the import
// line; the tokens they print are verified by livekit-server-sdk.
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { TokenVerifier } from 'livekit-server-sdk';

const here = path.dirname(fileURLToPath(import.meta.url));
const dir = path.join(here, 'dropin');
const out = path.join(dir, 'out');
const snippets = fs.readdirSync(dir).filter((f) => f.endsWith('.mts')).sort();

// What each snippet's token must say, checked with livekit-server-sdk.
const EXPECT = {
  'readme-create-token.mts': { key: ['api-key', 'secret-key'], sub: 'user-name', video: { roomJoin: true, room: 'name-of-room' }, ttl: 6 * 3600 },
  'readme-permissions.mts': { key: ['api-key', 'secret-key'], sub: 'user-name', video: { roomJoin: true, room: 'name-of-room', canPublish: false, canSubscribe: true } },
  'docs-video-grant.mts': { key: ['api-key', 'secret-key'], sub: 'user-name', video: { room: 'name-of-room', roomJoin: true, canPublish: true, canSubscribe: true } },
  'token-server-create-token.mts': { key: ['my-key', 'my-secret'], sub: 'demo-user', video: { roomJoin: true, room: 'demo-room', canUpdateOwnMetadata: true }, ttl: 600 },
  'readme-verify-v2.mts': { key: ['api-key', 'secret-key'], sub: 'user-name', video: { roomJoin: true, room: 'name-of-room' } },
};

const compilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  strict: true,
  noImplicitAny: false, // the token server snippet is plain JavaScript
  noEmit: true,
  skipLibCheck: false,
  types: [],
};

test('every LiveKit snippet has an expectation', () => {
  assert.deepEqual(snippets, Object.keys(EXPECT).sort());
});

test('the snippets type-check against the binding\'s index.d.ts', () => {
  // The snippets sit in the package, so 'lkstudy' resolves to it through package.json "exports".
  const files = snippets.map((f) => path.join(dir, f));
  const program = ts.createProgram(files, compilerOptions);
  const diagnostics = ts.getPreEmitDiagnostics(program).map((d) =>
    `${d.file ? path.basename(d.file.fileName) : ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
  assert.deepEqual(diagnostics, []);
});

for (const file of snippets) {
  test(`LiveKit snippet ${file} runs on the binding`, async () => {
    const source = fs.readFileSync(path.join(dir, file), 'utf8');
    assert.match(source, /from 'lkstudy';/);
    const js = ts.transpileModule(source, { fileName: file, compilerOptions: { ...compilerOptions, module: ts.ModuleKind.ESNext, noEmit: false } }).outputText;
    fs.mkdirSync(out, { recursive: true });
    const mjs = path.join(out, file.replace(/\.mts$/, '.mjs'));
    fs.writeFileSync(mjs, js);
    const stdout = execFileSync(process.execPath, [mjs], { encoding: 'utf8' });
    const m = /^access token (\S+)$/m.exec(stdout);
    assert.ok(m, `no token printed:\n${stdout}`);
    const want = EXPECT[file];
    const claims = await new TokenVerifier(...want.key).verify(m[1]);
    assert.equal(claims.sub, want.sub);
    assert.deepEqual(claims.video, want.video);
    if (want.ttl) assert.equal(claims.exp - claims.nbf, want.ttl);
    const grants = /^grants (.+)$/m.exec(stdout);
    if (grants) assert.deepEqual(JSON.parse(grants[1]), claims);
  });
}
