// Drop-in check. Source: livekit-examples/token-server-node, TEMPLATE.md (the minimal token
// server's createToken). Only the import line differs; the Express wiring around it is left
// out and the lines marked "harness" call it.
import { AccessToken } from 'lkstudy';

async function createToken({ roomName, participantName }) {
  const at = new AccessToken('my-key', 'my-secret', {
    identity: participantName,
    ttl: '10m',
  });
  at.addGrant({
    roomJoin: true,
    room: roomName,
    canUpdateOwnMetadata: true,
  });
  return at.toJwt();
}

console.log('access token', await createToken({ roomName: 'demo-room', participantName: 'demo-user' })); // harness
