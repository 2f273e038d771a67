// Drop-in check. Source: livekit/node-sdks, packages/livekit-server-sdk/README.md (Apache-2.0),
// section "Permissions in Access Tokens". Only the import line differs; the lines marked
// "harness" give the fragment the names it uses and print the result.
import { AccessToken } from 'lkstudy';
const participantName = 'user-name'; // harness
const roomName = 'name-of-room'; // harness

const at = new AccessToken('api-key', 'secret-key', {
  identity: participantName,
});

at.addGrant({
  roomJoin: true,
  room: roomName,
  canPublish: false,
  canSubscribe: true,
});

console.log('access token', await at.toJwt()); // harness
