// Drop-in check. Source: LiveKit's documentation, "Authentication" guide (access tokens), the
// Node.js example with a typed VideoGrant. Only the import line differs from the original.
import { AccessToken, VideoGrant } from 'lkstudy';

const roomName = 'name-of-room';
const participantName = 'user-name';

const at = new AccessToken('api-key', 'secret-key', {
  identity: participantName,
});

const videoGrant: VideoGrant = {
  room: roomName,
  roomJoin: true,
  canPublish: true,
  canSubscribe: true,
};

at.addGrant(videoGrant);

const token = await at.toJwt();
console.log('access token', token);
