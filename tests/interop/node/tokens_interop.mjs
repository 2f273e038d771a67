// Interop of lkstudy's access tokens with LiveKit's own SDKs, in both directions.
//
//   node tokens_interop.mjs --sdk node|go|python --lkstudy PATH --mint PATH [--go PATH] [--python PATH]
//
// --sdk node:   the npm livekit-server-sdk (AccessToken, TokenVerifier), in this process.
// --sdk go:     github.com/livekit/protocol/auth through the lks_interop_go helper (../go).
// --sdk python: PyPI livekit-api (livekit.api.AccessToken, TokenVerifier) through ../python/peer.py,
//               run by the interpreter given (a virtualenv's, made by scripts/setup.sh).
//
// lkstudy -> SDK: tokens minted by lkstudy (the C++ API through lks_interop_mint, and the
//   `lkstudy token create` CLI) verify with the SDK, and the claims it sees equal what we put in;
//   an expired lkstudy token and one signed with another secret are rejected by the SDK.
// SDK -> lkstudy: tokens minted by the SDK verify with `lkstudy token verify`, and the claims
//   lkstudy prints equal what the SDK put in; an SDK token signed with another secret is rejected.
//
// Every check prints "ok - ..." or "FAIL - ..." with the differing paths and both claim sets;
// the last line is "N passed, M failed"; the exit status is 1 if anything failed.
import { spawnSync } from 'node:child_process';
import { isDeepStrictEqual } from 'node:util';
import { AccessToken, TokenVerifier, RoomConfiguration, TrackSource } from 'livekit-server-sdk';

const KEY = 'APIinteropKey7';
const SECRET = 'interop-secret-0123456789abcdefghijklmnopqrstuvwxyz';
const WRONG_SECRET = 'not-the-secret-0123456789abcdefghijklmnopqrstuvwxy';

// ---------------------------------------------------------------------------------------------
// Arguments

function parseArgs(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i += 2) {
    if (!argv[i].startsWith('--') || i + 1 >= argv.length) usage(`bad argument '${argv[i]}'`);
    out[argv[i].slice(2)] = argv[i + 1];
  }
  if (!['node', 'go', 'python'].includes(out.sdk)) usage('--sdk must be node, go or python');
  if (!out.lkstudy || !out.mint) usage('--lkstudy and --mint are required');
  if (out.sdk === 'go' && !out.go) usage('--go is required with --sdk go');
  if (out.sdk === 'python' && !out.python) usage('--python is required with --sdk python');
  return out;
}
function usage(msg) {
  console.error(`tokens_interop: ${msg}\nusage: node tokens_interop.mjs --sdk node|go|python --lkstudy PATH --mint PATH [--go PATH] [--python PATH]`);
  process.exit(2);
}
const args = parseArgs(process.argv.slice(2));

// ---------------------------------------------------------------------------------------------
// The claims put into tokens, in the JWT's own shape. `ttl` in seconds.

const CASES = [
  {
    name: 'study group join (the benchmark claims)',
    ttl: 6 * 3600,
    claims: {
      sub: 'user_15',
      name: 'John Doe',
      metadata: '{"userId":15,"email":"john@example.com"}',
      video: {
        roomJoin: true, room: 'study_group_1700000000_ab12cd', canPublish: true, canSubscribe: true,
        canPublishData: true, canUpdateOwnMetadata: true,
      },
    },
  },
  {
    name: 'every video grant field, sip, kind, roomConfig, attributes, unicode',
    ttl: 90 * 60,
    claims: {
      sub: 'user_Zoë_✓',
      name: 'Zoë Ødegård 🎓',
      metadata: '{"userId":7,"note":"line1\\nline2 \\"quoted\\" back\\\\slash \\u0001 ü 🎓"}\n\t',
      attributes: { role: 'owner', lang: 'de-CH', emoji: '🎓', empty: '', 'key with spaces': 'a=b' },
      video: {
        roomCreate: true, roomList: true, roomRecord: true, roomAdmin: true, roomJoin: true,
        room: 'study_group_everything',
        canPublish: false, canSubscribe: true, canPublishData: false,
        canPublishSources: ['camera', 'microphone', 'screen_share', 'screen_share_audio'],
        canUpdateOwnMetadata: true, ingressAdmin: true, hidden: true, recorder: true, agent: true,
        canSubscribeMetrics: true, canManageAgentSession: true,
        destinationRoom: 'study_group_overflow',
      },
      sip: { admin: true, call: true },
      kind: 'agent',
      roomConfig: {
        name: 'study_group_everything',
        emptyTimeout: 300,
        departureTimeout: 20,
        maxParticipants: 12,
        metadata: '{"topic":"linear algebra"}',
        minPlayoutDelay: 100,
        maxPlayoutDelay: 2000,
        syncStreams: true,
        agents: [{ agentName: 'tutor', metadata: '{"level":2}' }],
      },
      roomPreset: 'study-default',
      sha256: 'CoEQz1chqJ9bnZRcORddjplkvpjmPujmLTR42DbefYI=',
      inference: { perform: true },
      observability: { write: true },
    },
  },
  {
    name: 'tri-state booleans all false',
    ttl: 60,
    claims: {
      sub: 'user_muted',
      video: { roomJoin: true, room: 'r1', canPublish: false, canSubscribe: false, canPublishData: false },
      kind: 'standard',
    },
  },
  {
    name: 'publish sources subset',
    ttl: 3600,
    claims: {
      sub: 'user_audio_only',
      video: { roomJoin: true, room: 'r2', canPublish: true, canPublishSources: ['microphone', 'screen_share_audio'] },
    },
  },
  {
    name: 'server-side admin token without identity',
    ttl: 600,
    claims: {
      video: { roomCreate: true, roomList: true, roomAdmin: true, room: 'study_group_admin', destinationRoom: 'other' },
    },
  },
  {
    name: 'sip participant',
    ttl: 120,
    claims: { sub: 'sip_caller_1', name: '+1 555 0100', kind: 'sip', sip: { call: true } },
  },
];

// The CLI case: flags and the claims they must produce.
const CLI_CASE = {
  name: 'lkstudy token create (CLI flags)',
  ttl: 90 * 60,
  argv: [
    '--identity', 'user_42', '--name', 'Ada Lovelace', '--room', 'study_group_cli', '--join',
    '--metadata', '{"userId":42,"email":"ada@example.com"}',
    '--attribute', 'role=moderator', '--attribute', 'lang=en=GB',
    '--grant', '{"canPublish":false,"canSubscribe":true,"canPublishData":false,"canPublishSources":["microphone"],"canUpdateOwnMetadata":true}',
    '--kind', 'standard', '--ttl', '90m',
  ],
  claims: {
    sub: 'user_42',
    name: 'Ada Lovelace',
    metadata: '{"userId":42,"email":"ada@example.com"}',
    attributes: { role: 'moderator', lang: 'en=GB' },
    video: {
      roomJoin: true, room: 'study_group_cli', canPublish: false, canSubscribe: true, canPublishData: false,
      canPublishSources: ['microphone'], canUpdateOwnMetadata: true,
    },
    kind: 'standard',
  },
};

// ---------------------------------------------------------------------------------------------
// Reporting

let passed = 0;
let failed = 0;
function pass(name) {
  passed++;
  console.log(`ok - ${name}`);
}
function fail(name, details) {
  failed++;
  console.log(`FAIL - ${name}`);
  for (const line of String(details).split('\n')) console.log(`    ${line}`);
}

// Paths where `actual` differs from `expected`, one line each.
function diffPaths(expected, actual, path = '$') {
  if (isDeepStrictEqual(expected, actual)) return [];
  const isObj = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
  if (isObj(expected) && isObj(actual)) {
    const keys = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort();
    return keys.flatMap((k) => {
      if (!(k in actual)) return [`${path}.${k}: missing (expected ${JSON.stringify(expected[k])})`];
      if (!(k in expected)) return [`${path}.${k}: unexpected ${JSON.stringify(actual[k])}`];
      return diffPaths(expected[k], actual[k], `${path}.${k}`);
    });
  }
  if (Array.isArray(expected) && Array.isArray(actual) && expected.length === actual.length) {
    return expected.flatMap((e, i) => diffPaths(e, actual[i], `${path}[${i}]`));
  }
  return [`${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`];
}

// Compares claims as seen by a verifier with what was put in. nbf/exp are checked against the
// minting window and the ttl, then compared by everything else.
function checkClaims(name, expected, actual, { ttl, window }) {
  const problems = [];
  const { nbf, exp, ...rest } = actual;
  if (!Number.isInteger(exp)) problems.push(`$.exp: expected an integer, got ${JSON.stringify(exp)}`);
  if (!Number.isInteger(nbf)) problems.push(`$.nbf: expected an integer, got ${JSON.stringify(nbf)}`);
  if (Number.isInteger(exp) && Number.isInteger(nbf)) {
    if (exp - nbf !== ttl) problems.push(`$.exp - $.nbf: expected the ttl ${ttl}, got ${exp - nbf}`);
    if (nbf < window[0] - 1 || nbf > window[1] + 1) {
      problems.push(`$.nbf: ${nbf} is outside the minting window [${window[0]}, ${window[1]}]`);
    }
  }
  problems.push(...diffPaths(expected, rest));
  if (problems.length === 0) {
    pass(name);
  } else {
    fail(name, [...problems, `expected: ${JSON.stringify(expected)}`,
                `actual:   ${JSON.stringify(actual)}`].join('\n'));
  }
}

const nowSeconds = () => Math.floor(Date.now() / 1000);
const withIss = (claims) => ({ ...claims, iss: KEY });
const payloadOf = (jwt) => JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8'));

// ---------------------------------------------------------------------------------------------
// lkstudy

function run(file, argv, input) {
  const r = spawnSync(file, argv, { input, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.error) throw new Error(`${file}: ${r.error.message}`);
  return r;
}

// Mints `cases` with the C++ API. Returns the JWTs.
function lksMint(cases, { secret = SECRET, now } = {}) {
  const req = { key: KEY, secret, cases: cases.map((c) => ({ ttl: c.ttl, claims: c.claims, ...(now ? { now } : {}) })) };
  const r = run(args.mint, [], JSON.stringify(req));
  if (r.status !== 0) throw new Error(`lks_interop_mint failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout);
}

function lksCliCreate(argv) {
  const r = run(args.lkstudy, ['token', 'create', '--api-key', KEY, '--api-secret', SECRET, ...argv]);
  if (r.status !== 0) throw new Error(`lkstudy token create failed (${r.status}): ${r.stderr}`);
  return r.stdout.trim();
}

// `lkstudy token verify`: {ok, claims} or {ok:false, status, stderr}.
function lksVerify(jwt) {
  const r = run(args.lkstudy, ['token', 'verify', '--api-key', KEY, '--api-secret', SECRET, jwt]);
  if (r.status === 0) return { ok: true, claims: JSON.parse(r.stdout) };
  return { ok: false, status: r.status, stderr: r.stderr.trim() };
}

function checkLksVerifies(name, jwt, expected, timing) {
  const v = lksVerify(jwt);
  if (!v.ok) return fail(name, `lkstudy token verify exited ${v.status}: ${v.stderr}`);
  checkClaims(name, expected, v.claims, timing);
  return v.claims;
}

function checkLksRejects(name, jwt, reason) {
  const v = lksVerify(jwt);
  if (v.ok) return fail(name, `lkstudy accepted it: ${JSON.stringify(v.claims)}`);
  if (v.status !== 1 || !v.stderr.includes(`(${reason})`)) {
    return fail(name, `expected exit 1 with reason (${reason}), got exit ${v.status}: ${v.stderr}`);
  }
  pass(name);
}

// Tokens made by lkstudy for the SDKs to check: every case through the C++ API, the CLI case,
// an expired one and one signed with another secret.
function lksTokens() {
  const t0 = nowSeconds();
  const minted = lksMint(CASES);
  const cli = lksCliCreate(CLI_CASE.argv);
  const window = [t0, nowSeconds()];
  const good = [
    ...CASES.map((c, i) => ({ name: c.name, jwt: minted[i], expected: withIss(c.claims), ttl: c.ttl })),
    { name: CLI_CASE.name, jwt: cli, expected: withIss(CLI_CASE.claims), ttl: CLI_CASE.ttl },
  ];
  const [expired] = lksMint([{ ttl: 600, claims: CASES[0].claims }], { now: t0 - 2 * 3600 });
  const [wrongSecret] = lksMint([CASES[0]], { secret: WRONG_SECRET });
  return { good, window, expired, wrongSecret };
}

// ---------------------------------------------------------------------------------------------
// Node SDK

async function nodeMint(c, secret = SECRET) {
  const cl = c.claims;
  const at = new AccessToken(KEY, secret, {
    identity: cl.sub, name: cl.name, metadata: cl.metadata, attributes: cl.attributes, ttl: c.ttl,
  });
  let roomConfig;
  if (cl.video) {
    const video = { ...cl.video };
    if (video.canPublishSources) {
      video.canPublishSources = video.canPublishSources.map((s) => {
        const v = TrackSource[s.toUpperCase()];
        if (v === undefined) throw new Error(`no TrackSource for ${s}`);
        return v;
      });
    }
    at.addGrant(video);
  }
  if (cl.sip) at.addSIPGrant(cl.sip);
  if (cl.inference) at.addInferenceGrant(cl.inference);
  if (cl.observability) at.addObservabilityGrant(cl.observability);
  if (cl.kind) at.kind = cl.kind;
  if (cl.roomConfig) at.roomConfig = roomConfig = RoomConfiguration.fromJson(cl.roomConfig);
  if (cl.roomPreset) at.roomPreset = cl.roomPreset;
  if (cl.sha256) at.sha256 = cl.sha256;
  // What the SDK puts into the token: the claims, with roomConfig as it serializes it (the Node
  // SDK writes every default value of the message).
  const put = { ...cl };
  if (roomConfig) put.roomConfig = JSON.parse(JSON.stringify(roomConfig));
  return { jwt: await at.toJwt(), put, roomConfig };
}

async function nodeVerify(jwt) {
  try {
    return { ok: true, claims: await new TokenVerifier(KEY, SECRET).verify(jwt) };
  } catch (e) {
    return { ok: false, error: `${e.code ?? e.name}: ${e.message}` };
  }
}

async function runNode() {
  console.log('# lkstudy -> livekit-server-sdk (Node TokenVerifier)');
  const lks = lksTokens();
  for (const t of lks.good) {
    const name = `node verifies lkstudy token: ${t.name}`;
    const v = await nodeVerify(t.jwt);
    if (!v.ok) {
      fail(name, `rejected: ${v.error}`);
      continue;
    }
    checkClaims(name, t.expected, v.claims, { ttl: t.ttl, window: lks.window });
    if (t.expected.roomConfig) {
      // The SDK's RoomConfiguration must understand every field lkstudy wrote (fromJson rejects
      // unknown fields) and read the same values.
      const rcName = `node parses lkstudy roomConfig: ${t.name}`;
      try {
        const got = RoomConfiguration.fromJson(v.claims.roomConfig);
        const want = RoomConfiguration.fromJson(t.expected.roomConfig);
        if (got.equals(want)) pass(rcName);
        else fail(rcName, `expected ${JSON.stringify(want)}\ngot      ${JSON.stringify(got)}`);
      } catch (e) {
        fail(rcName, e.message);
      }
    }
  }
  const expired = await nodeVerify(lks.expired);
  if (!expired.ok && /ERR_JWT_EXPIRED/.test(expired.error)) pass('node rejects an expired lkstudy token');
  else fail('node rejects an expired lkstudy token', expired.ok ? 'accepted' : expired.error);
  const wrong = await nodeVerify(lks.wrongSecret);
  if (!wrong.ok && /SIGNATURE_VERIFICATION_FAILED/.test(wrong.error)) pass('node rejects an lkstudy token signed with another secret');
  else fail('node rejects an lkstudy token signed with another secret', wrong.ok ? 'accepted' : wrong.error);

  console.log('# livekit-server-sdk (Node AccessToken) -> lkstudy token verify');
  for (const c of CASES) {
    const t0 = nowSeconds();
    const { jwt, put, roomConfig } = await nodeMint(c);
    const window = [t0, nowSeconds()];
    const claims = checkLksVerifies(`lkstudy verifies node token: ${c.name}`, jwt, withIss(put), { ttl: c.ttl, window });
    if (claims && roomConfig) {
      const rcName = `lkstudy keeps node roomConfig: ${c.name}`;
      const got = RoomConfiguration.fromJson(claims.roomConfig);
      if (got.equals(roomConfig)) pass(rcName);
      else fail(rcName, `expected ${JSON.stringify(roomConfig)}\ngot      ${JSON.stringify(got)}`);
    }
  }
  const { jwt: wrongJwt } = await nodeMint(CASES[0], WRONG_SECRET);
  checkLksRejects('lkstudy rejects a node token signed with another secret', wrongJwt, 'bad_signature');
  const { jwt: expiredJwt } = await nodeMint({ ...CASES[0], ttl: -3600 });
  if (payloadOf(expiredJwt).exp >= nowSeconds()) fail('node mints an expired token', 'exp is not in the past');
  checkLksRejects('lkstudy rejects an expired node token', expiredJwt, 'expired');
}

// ---------------------------------------------------------------------------------------------
// Peers in other processes: Go (github.com/livekit/protocol/auth) and Python (livekit-api), each
// answering `verify` and `mint` requests as JSON (see ../go/main.go and ../python/peer.py).

const PEERS = {
  go: {
    command: () => [args.go, []],
    expired: /expired/,
    badSignature: /signature is invalid/,
    // Go mints exactly the claims it is given.
    minted: (c) => withIss(c.claims),
  },
  python: {
    command: () => [args.python, [new URL('../python/peer.py', import.meta.url).pathname]],
    expired: /ExpiredSignatureError/,
    badSignature: /InvalidSignatureError/,
    // The Python SDK adds its defaults (canPublish, canSubscribe, canPublishData true; an empty
    // sub; false in SIP grants): lkstudy must read back what the token carries, leaving out
    // empty strings and false in the boolean-only grants as it always does (the same meaning).
    minted: (c, jwt) => {
      const { nbf, exp, ...claims } = payloadOf(jwt);
      for (const [k, v] of Object.entries(claims)) if (v === '') delete claims[k];
      for (const grant of ['sip', 'inference', 'observability', 'agent']) {
        if (!claims[grant]) continue;
        claims[grant] = Object.fromEntries(Object.entries(claims[grant]).filter(([, v]) => v !== false));
      }
      return claims;
    },
  },
};

function peerCall(peer, cmd, req) {
  const [file, argv] = peer.command();
  const r = run(file, [...argv, cmd], JSON.stringify(req));
  if (r.status !== 0) throw new Error(`${args.sdk} peer ${cmd} failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout);
}

async function runPeer() {
  const sdk = args.sdk;
  const peer = PEERS[sdk];
  console.log(`# lkstudy -> ${sdk} verify`);
  const lks = lksTokens();
  const results = peerCall(peer, 'verify', { key: KEY, secret: SECRET, tokens: [...lks.good.map((t) => t.jwt), lks.expired, lks.wrongSecret] });
  lks.good.forEach((t, i) => {
    const name = `${sdk} verifies lkstudy token: ${t.name}`;
    const v = results[i];
    if (!v.ok) return fail(name, `rejected: ${v.error}`);
    checkClaims(name, t.expected, v.claims, { ttl: t.ttl, window: lks.window });
  });
  const expired = results[lks.good.length];
  if (!expired.ok && peer.expired.test(expired.error)) pass(`${sdk} rejects an expired lkstudy token`);
  else fail(`${sdk} rejects an expired lkstudy token`, expired.ok ? 'accepted' : expired.error);
  const wrong = results[lks.good.length + 1];
  if (!wrong.ok && peer.badSignature.test(wrong.error)) pass(`${sdk} rejects an lkstudy token signed with another secret`);
  else fail(`${sdk} rejects an lkstudy token signed with another secret`, wrong.ok ? 'accepted' : wrong.error);

  console.log(`# ${sdk} mint -> lkstudy token verify`);
  const t0 = nowSeconds();
  const minted = peerCall(peer, 'mint', { key: KEY, secret: SECRET, cases: CASES.map((c) => ({ ttl: c.ttl, claims: c.claims })) });
  const window = [t0, nowSeconds()];
  CASES.forEach((c, i) => {
    checkLksVerifies(`lkstudy verifies ${sdk} token: ${c.name}`, minted[i], peer.minted(c, minted[i]), { ttl: c.ttl, window });
  });
  const [wrongJwt] = peerCall(peer, 'mint', { key: KEY, secret: WRONG_SECRET, cases: [{ ttl: 60, claims: CASES[0].claims }] });
  checkLksRejects(`lkstudy rejects a ${sdk} token signed with another secret`, wrongJwt, 'bad_signature');
}

// ---------------------------------------------------------------------------------------------

try {
  if (args.sdk === 'node') await runNode();
  else await runPeer();
} catch (e) {
  fail('interop driver', e.stack ?? String(e));
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
