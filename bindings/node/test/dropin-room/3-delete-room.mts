// Drop-in check. Source: LiveKit's documentation, "Managing rooms" (Node.js), "Delete a room",
// with the client set-up of 1-create-room.mts. Only the import line differs; the line marked
// "harness" points the client at the test's livekit-server.
import { RoomServiceClient } from 'lkstudy';

const livekitHost = process.env.LKS_DROPIN_LIVEKIT_URL!; // harness
const roomService = new RoomServiceClient(livekitHost, 'api-key', 'secret-key');

// Delete a room
roomService.deleteRoom('myroom').then(() => {
  console.log('room deleted');
});
