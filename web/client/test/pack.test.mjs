// The typed client as a consumer gets it: `npm pack` of the built package folder, installed into
// a fresh project, then imported (ES module and CommonJS) and type-checked there, and used against
// a real `lkstudy serve` (SQLite, LiveKit not configured).
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, test } from 'node:test';

import livekit from '../../../bindings/node/test/support/livekit_server.js';

const { freePort } = livekit;
const { LKS_CLI: cli, LKS_WEB_CLIENT_DIR: pkgDir, LKS_TSC: tsc } = process.env;
const secret = 'pack-test-app-secret';
let consumer, serve, api;

const appToken = (user, role = '') =>
  execFileSync(
    cli,
    [
      'app-token',
      '--user',
      user,
      '--name',
      `User ${user}`,
      '--secret',
      secret,
      ...(role ? ['--role', role] : []),
    ],
    { encoding: 'utf8' },
  ).trim();

before(async () => {
  assert.ok(cli && pkgDir && tsc, 'LKS_CLI, LKS_WEB_CLIENT_DIR and LKS_TSC come from ctest');
  const work = mkdtempSync(join(tmpdir(), 'lks-client-pack-'));
  execFileSync('npm', ['pack', pkgDir, '--pack-destination', work, '--silent'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'));
  assert.match(tarball, /^lkstudy-client-\d+\.\d+\.\d+\.tgz$/);
  consumer = join(work, 'app');
  execFileSync('mkdir', ['-p', consumer]);
  writeFileSync(
    join(consumer, 'package.json'),
    JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }),
  );
  // No dependencies: installs without the registry.
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--silent', join(work, tarball)], {
    cwd: consumer,
    stdio: ['ignore', 'ignore', 'inherit'],
  });

  const port = await freePort();
  api = `http://127.0.0.1:${port}`;
  serve = spawn(
    cli,
    [
      'serve',
      '--port',
      String(port),
      '--db',
      `sqlite:${join(work, 'api.db')}`,
      '--app-jwt-secret',
      secret,
      '--env-file',
      '/nonexistent/.env',
      '--no-web',
    ],
    { stdio: 'ignore' },
  );
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${api}/api/livekit/status`)).ok) return;
    } catch {}
    await sleep(100);
  }
  throw new Error('lkstudy serve did not start');
});

after(() => serve?.kill('SIGTERM'));

function run(file, source) {
  writeFileSync(join(consumer, file), source);
  return execFileSync(process.execPath, [file], {
    cwd: consumer,
    encoding: 'utf8',
    env: { ...process.env, API: api, T15: appToken('15'), T16: appToken('16'), T99: appToken('99') },
  });
}

test('ES module: groups, membership, usage, attendance and errors with their codes', () => {
  const out = run(
    'esm.mjs',
    `
import { LkStudyClient, ApiError, describeError } from '@lkstudy/client';
const owner = new LkStudyClient({ baseUrl: process.env.API, token: process.env.T15 });
const member = new LkStudyClient({ baseUrl: process.env.API + '/', token: async () => process.env.T16 });
const stranger = new LkStudyClient({ baseUrl: process.env.API, token: () => process.env.T99 });
const g = await owner.createGroup({ title: 'Gospel of John', maxParticipants: 2, videoProvider: 'livekit', useLiveKit: true });
const joined = await member.joinGroup(g.id);
const list = await owner.listGroups({ limit: 10 });
const members = await member.listMembers(g.id);
const usage = await owner.getUsage(g.id);
const attendance = await owner.getAttendance(g.id);
const renamed = await owner.updateGroup(g.id, { title: 'Gospel of John, part 2', admission: 'approval' });
async function code(p) { try { await p; return 'ok'; } catch (e) { return e instanceof ApiError ? e.code + ':' + e.status + ':' + describeError(e) : 'not ApiError ' + e; } }
console.log(JSON.stringify({
  id: g.id, room: g.livekitRoomName, role: joined.role, listed: list.groups.map((x) => x.id), members: members.total,
  minutes: usage.participantMinutes, sessions: attendance.sessions.length,
  notMember: await code(stranger.listMembers(g.id)),
  full: await code(stranger.joinGroup(g.id)),
  noToken: await code(new LkStudyClient({ baseUrl: process.env.API }).getGroup(g.id)),
  notFound: await code(owner.getGroup(987654)),
  liveKit: await code(owner.createToken({ roomName: g.livekitRoomName, participantName: 'John' })),
  breakouts: (await member.getBreakouts(g.id)).open,
  breakoutsNotModerator: await code(member.openBreakouts(g.id, { count: 2, mode: 'auto' })),
  network: await code(new LkStudyClient({ baseUrl: 'http://127.0.0.1:9' }).liveKitStatus()),
  devOnly: await code(owner.devUsers()),
  renamed: [renamed.title, renamed.admission, renamed.maxParticipants],
  notOwner: await code(member.updateGroup(g.id, { title: 'Mine' })),
  badField: await code(owner.updateGroup(g.id, { graceMinutes: -1 })),
}));
`,
  );
  const r = JSON.parse(out);
  assert.ok(r.id > 0);
  assert.match(r.room, /^study_group_/);
  assert.equal(r.role, 'member');
  assert.deepEqual(r.listed, [r.id]);
  assert.equal(r.members, 2);
  assert.equal(r.minutes, 0);
  assert.equal(r.sessions, 0);
  assert.equal(r.notMember, 'not_a_member:403:You are not a member of this study group.');
  assert.equal(r.full, 'group_full:409:This study group is full.');
  assert.match(r.noToken, /^unauthenticated:401:/);
  assert.match(r.notFound, /^not_found:404:/);
  assert.match(r.liveKit, /^livekit_not_configured:503:/);
  assert.equal(r.breakouts, false);
  assert.match(r.breakoutsNotModerator, /^not_a_moderator:403:/);
  assert.match(r.network, /^network_error:0:/);
  assert.match(r.devOnly, /^no_route:404:/);
  assert.deepEqual(r.renamed, ['Gospel of John, part 2', 'approval', 2]);
  assert.equal(r.notOwner, 'not_an_owner:403:Only the owners of this study group may change its settings.');
  assert.match(r.badField, /^invalid_argument:400:/);
});

test('CommonJS require works too', () => {
  const out = run(
    'cjs.cjs',
    `const c = require('@lkstudy/client'); console.log(typeof c.LkStudyClient, typeof c.ApiError, c.ErrorCodes.notAMember);`,
  );
  assert.equal(out.trim(), 'function function not_a_member');
});

test('its TypeScript declarations type ES module and CommonJS consumers, and catch a wrong call', () => {
  const use = `
import { LkStudyClient, ApiError, isWaiting, type StudyGroup, type LiveKitToken } from '@lkstudy/client';
const api = new LkStudyClient({ baseUrl: 'https://api.example.com', token: () => 'jwt' });
export async function join(id: number): Promise<LiveKitToken | string> {
  const g: StudyGroup = await api.getGroup(id);
  try {
    const t = await api.createToken({ roomName: g.livekitRoomName ?? '', participantName: 'John' });
    return isWaiting(t) ? 'waiting' : t;
  } catch (e) {
    return e instanceof ApiError ? e.code : 'unknown';
  }
}
// @ts-expect-error: a group id is a number
api.getGroup('12');
`;
  writeFileSync(join(consumer, 'use.mts'), use);
  writeFileSync(join(consumer, 'use.cts'), use);
  // node16 resolution: what Node itself does, per file kind (.mts ES module, .cts CommonJS).
  writeFileSync(
    join(consumer, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        noEmit: true,
        module: 'node16',
        moduleResolution: 'node16',
        target: 'es2020',
        lib: ['es2020', 'dom'],
      },
      files: ['use.mts', 'use.cts'],
    }),
  );
  execFileSync(process.execPath, [tsc, '-p', consumer], { stdio: 'inherit' });
  // A bundler-style project (web apps, React Native's Metro) resolves them as well.
  writeFileSync(join(consumer, 'use.ts'), use);
  writeFileSync(
    join(consumer, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        noEmit: true,
        module: 'esnext',
        moduleResolution: 'bundler',
        target: 'es2020',
        lib: ['es2020', 'dom'],
      },
      files: ['use.ts'],
    }),
  );
  execFileSync(process.execPath, [tsc, '-p', consumer], { stdio: 'inherit' });
});
