// Descriptions of the Egress models and requests (egress_models.cc), shared with
// egress_client.cc. Internal header.
#ifndef LKS_SRC_LIVEKIT_EGRESS_JSON_H_
#define LKS_SRC_LIVEKIT_EGRESS_JSON_H_

#include "core/fields.h"
#include "lks/livekit/egress_models.h"

namespace lks::internal {

extern const ModelDesc kEgressInfoModel;                   // EgressInfo (keeps raw JSON)
extern const ModelDesc kRoomCompositeEgressRequestModel;   // RoomCompositeEgressRequest
extern const ModelDesc kWebEgressRequestModel;             // WebEgressRequest
extern const ModelDesc kParticipantEgressRequestModel;     // ParticipantEgressRequest
extern const ModelDesc kTrackCompositeEgressRequestModel;  // TrackCompositeEgressRequest
extern const ModelDesc kTrackEgressRequestModel;           // TrackEgressRequest
extern const ModelDesc kListEgressRequestModel;            // ListEgressRequest

}  // namespace lks::internal

#endif  // LKS_SRC_LIVEKIT_EGRESS_JSON_H_
