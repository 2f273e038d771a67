// Drop-in check. Source: LiveKit's documentation, "Managing rooms" (Node.js), "List rooms", with
// the client set-up of 1-create-room.mts. Only the import line differs; the line marked
// "harness" points the client at the test's livekit-server.
import { Room, RoomServiceClient } from 'lkstudy';

const livekitHost = process.env.LKS_DROPIN_LIVEKIT_URL!; // harness
const roomService = new RoomServiceClient(livekitHost, 'api-key', 'secret-key');

roomService.listRooms().then((rooms: Room[]) => {
  console.log('existing rooms', rooms);
});
