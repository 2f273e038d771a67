// Drop-in check. Source: livekit/node-sdks, packages/livekit-server-sdk/README.md (Apache-2.0),
// section "Migrate from v1.x to v2.x" > "Token generation". Only the import line differs; the
// lines marked "harness" define the verifier `v` the README assumes and print the result.
import { AccessToken, TokenVerifier } from 'lkstudy';
const participantName = 'user-name'; // harness
const roomName = 'name-of-room'; // harness
const v = new TokenVerifier('api-key', 'secret-key'); // harness

const at = new AccessToken('api-key', 'secret-key', {
  identity: participantName,
});
at.addGrant({ roomJoin: true, room: roomName });

// v1
// const token = at.toJWT();

// v2
const token = await at.toJwt();

// v1
// const grants = v.verify(token);

// v2
const grants = await v.verify(token);

console.log('access token', token); // harness
console.log('grants', JSON.stringify(grants)); // harness
