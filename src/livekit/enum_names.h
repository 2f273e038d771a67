// LiveKit's protocol enums by number (livekit_models.proto, livekit_egress.proto, ...), shared by
// the room service models and the webhook parser. nullptr marks a gap. Internal header.
#ifndef LKS_SRC_LIVEKIT_ENUM_NAMES_H_
#define LKS_SRC_LIVEKIT_ENUM_NAMES_H_

#include "core/fields.h"

namespace lks::internal {

inline constexpr const char* kTrackTypeList[] = {"AUDIO", "VIDEO", "DATA"};
inline constexpr const char* kTrackSourceList[] = {"UNKNOWN", "CAMERA", "MICROPHONE",
                                                   "SCREEN_SHARE", "SCREEN_SHARE_AUDIO"};
inline constexpr const char* kParticipantStateList[] = {"JOINING", "JOINED", "ACTIVE",
                                                        "DISCONNECTED"};
inline constexpr const char* kParticipantKindList[] = {
    "STANDARD", "INGRESS", "EGRESS", "SIP", "AGENT", nullptr, nullptr, "CONNECTOR", "BRIDGE"};
inline constexpr const char* kDisconnectReasonList[] = {
    "UNKNOWN_REASON",      "CLIENT_INITIATED",  "DUPLICATE_IDENTITY", "SERVER_SHUTDOWN",
    "PARTICIPANT_REMOVED", "ROOM_DELETED",      "STATE_MISMATCH",     "JOIN_FAILURE",
    "MIGRATION",           "SIGNAL_CLOSE",      "ROOM_CLOSED",        "USER_UNAVAILABLE",
    "USER_REJECTED",       "SIP_TRUNK_FAILURE", "CONNECTION_TIMEOUT", "MEDIA_FAILURE",
    "AGENT_ERROR"};
inline constexpr const char* kEgressStatusList[] = {
    "EGRESS_STARTING", "EGRESS_ACTIVE",  "EGRESS_ENDING",       "EGRESS_COMPLETE",
    "EGRESS_FAILED",   "EGRESS_ABORTED", "EGRESS_LIMIT_REACHED"};
inline constexpr const char* kIngressInputList[] = {"RTMP_INPUT", "WHIP_INPUT", "URL_INPUT"};
inline constexpr const char* kIngressStatusList[] = {"ENDPOINT_INACTIVE", "ENDPOINT_BUFFERING",
                                                     "ENDPOINT_PUBLISHING", "ENDPOINT_ERROR",
                                                     "ENDPOINT_COMPLETE"};
inline constexpr const char* kJobTypeList[] = {"JT_ROOM", "JT_PUBLISHER", "JT_PARTICIPANT"};
inline constexpr const char* kJobStatusList[] = {"JS_PENDING", "JS_RUNNING", "JS_SUCCESS",
                                                 "JS_FAILED"};
inline constexpr const char* kRoomEndReasonList[] = {
    "ROOM_END_UNKNOWN",         "ROOM_END_API_DELETE", "ROOM_END_IDLE_TIMEOUT",
    "ROOM_END_SERVER_SHUTDOWN", "ROOM_END_SUPERSEDED", "ROOM_END_OPEN_FAILED"};

inline constexpr EnumNames kTrackTypeNames{kTrackTypeList};
inline constexpr EnumNames kTrackSourceNames{kTrackSourceList};
inline constexpr EnumNames kParticipantStateNames{kParticipantStateList};
inline constexpr EnumNames kParticipantKindNames{kParticipantKindList};
inline constexpr EnumNames kDisconnectReasonNames{kDisconnectReasonList};
inline constexpr EnumNames kEgressStatusNames{kEgressStatusList};
inline constexpr EnumNames kIngressInputNames{kIngressInputList};
inline constexpr EnumNames kIngressStatusNames{kIngressStatusList};
inline constexpr EnumNames kJobTypeNames{kJobTypeList};
inline constexpr EnumNames kJobStatusNames{kJobStatusList};
inline constexpr EnumNames kRoomEndReasonNames{kRoomEndReasonList};

}  // namespace lks::internal

#endif  // LKS_SRC_LIVEKIT_ENUM_NAMES_H_
