// Drop-in check. Source: LiveKit's documentation, "Managing rooms" (Node.js): the client set-up
// from livekit-server-sdk's README (v2.x) and "Create a room". Only the import line differs, and
// the line marked "harness" points the client at the test's livekit-server instead of
// 'https://my.livekit.host'.
import { Room, RoomServiceClient } from 'lkstudy';

const livekitHost = process.env.LKS_DROPIN_LIVEKIT_URL!; // harness
const roomService = new RoomServiceClient(livekitHost, 'api-key', 'secret-key');

const opts = {
  name: 'myroom',
  emptyTimeout: 10 * 60, // 10 minutes
  maxParticipants: 20,
};
roomService.createRoom(opts).then((room: Room) => {
  console.log('room created', room);
});
