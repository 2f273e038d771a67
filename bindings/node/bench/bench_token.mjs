// The token both mint benchmarks (mint.mjs, mint-loop.mjs) build per call: the same join claims
// (identity, name, 1 h ttl, roomJoin + room + canPublish/canSubscribe/canPublishData) for the
// SDK (`mod` = livekit-server-sdk) and for the binding (`mod` = ../lib/index.mjs).
export const KEY = 'APIbenchKey';
export const SECRET = 'bench-secret-0123456789-abcdefghijklmnop';
export const GRANT = { roomJoin: true, room: 'study_group_1700000000_ab12', canPublish: true, canSubscribe: true, canPublishData: true };

let n = 0;
/** A new AccessToken of `mod` with the benchmark's claims (1000 identities in turn). */
export function build(mod) {
  const at = new mod.AccessToken(KEY, SECRET, { identity: `user_${n++ % 1000}`, name: 'Study Member', ttl: '1h' });
  at.addGrant(GRANT);
  return at;
}
