// ES module entry: the same objects as the CommonJS entry (lib/index.js).
import lkstudy from './index.js';

export const {
  AccessToken, TokenVerifier, TrackSource, RoomServiceClient, DataPacket_Kind, EgressClient, AgentDispatchClient,
  WebhookReceiver, authorizeHeader,
  StudyGroupStore, StudyGroups, createRequestHandler, mintAppToken, LkStudyError, nativeVersion,
} = lkstudy;
export default lkstudy;
