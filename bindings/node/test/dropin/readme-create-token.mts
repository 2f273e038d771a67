// Drop-in check. Source: livekit/node-sdks, packages/livekit-server-sdk/README.md (Apache-2.0),
// section "Creating Access Tokens". Only the import line differs from the original.
import { AccessToken } from 'lkstudy';

// if this room doesn't exist, it'll be automatically created when the first
// client joins
const roomName = 'name-of-room';
// identifier to be used for participant.
// it's available as LocalParticipant.identity with livekit-client SDK
const participantName = 'user-name';

const at = new AccessToken('api-key', 'secret-key', {
  identity: participantName,
});
at.addGrant({ roomJoin: true, room: roomName });

const token = await at.toJwt();
console.log('access token', token);
