// The descriptions of the webhook's models (lks/livekit/webhook_event.h): protojson's camelCase
// names, in the order the normalized JSON writes them. They drive the webhook parser and
// WebhookEventToNormalizedJson. Internal header.
#ifndef LKS_SRC_LIVEKIT_WEBHOOK_EVENT_FIELDS_H_
#define LKS_SRC_LIVEKIT_WEBHOOK_EVENT_FIELDS_H_

#include "core/fields.h"
#include "livekit/enum_names.h"
#include "lks/livekit/webhook_event.h"

namespace lks::internal::webhook {

inline constexpr FieldDesc kTrackFields[] = {
    Field<&WebhookTrack::sid>("sid"),
    Enum<&WebhookTrack::type>("type", {}, kTrackTypeNames),
    Field<&WebhookTrack::name>("name"),
    Enum<&WebhookTrack::source>("source", {}, kTrackSourceNames),
    Field<&WebhookTrack::mime_type>("mimeType"),
    Field<&WebhookTrack::mid>("mid"),
    Field<&WebhookTrack::muted>("muted"),
    Field<&WebhookTrack::width>("width"),
    Field<&WebhookTrack::height>("height"),
};
inline constexpr ModelDesc kTrack{kTrackFields};

inline constexpr FieldDesc kRoomFields[] = {
    Field<&WebhookRoom::sid>("sid"),
    Field<&WebhookRoom::name>("name"),
    Field<&WebhookRoom::empty_timeout>("emptyTimeout"),
    Field<&WebhookRoom::departure_timeout>("departureTimeout"),
    Field<&WebhookRoom::max_participants>("maxParticipants"),
    Field<&WebhookRoom::creation_time>("creationTime"),
    Field<&WebhookRoom::creation_time_ms>("creationTimeMs"),
    Field<&WebhookRoom::metadata>("metadata"),
    Field<&WebhookRoom::num_participants>("numParticipants"),
    Field<&WebhookRoom::num_publishers>("numPublishers"),
    Field<&WebhookRoom::active_recording>("activeRecording"),
};
inline constexpr ModelDesc kRoom{kRoomFields};

inline constexpr FieldDesc kParticipantFields[] = {
    Field<&WebhookParticipant::sid>("sid"),
    Field<&WebhookParticipant::identity>("identity"),
    Field<&WebhookParticipant::name>("name"),
    Enum<&WebhookParticipant::state>("state", {}, kParticipantStateNames),
    Enum<&WebhookParticipant::kind>("kind", {}, kParticipantKindNames),
    Field<&WebhookParticipant::metadata>("metadata"),
    Field<&WebhookParticipant::attributes>("attributes"),
    Field<&WebhookParticipant::joined_at>("joinedAt"),
    Field<&WebhookParticipant::joined_at_ms>("joinedAtMs"),
    Field<&WebhookParticipant::is_publisher>("isPublisher"),
    Field<&WebhookParticipant::region>("region"),
    Enum<&WebhookParticipant::disconnect_reason>("disconnectReason", {}, kDisconnectReasonNames),
    Message<&WebhookParticipant::tracks>("tracks", {}, kTrack),
};
inline constexpr ModelDesc kParticipant{kParticipantFields};

inline constexpr FieldDesc kFileInfoFields[] = {
    Field<&WebhookFileInfo::filename>("filename"), Field<&WebhookFileInfo::started_at>("startedAt"),
    Field<&WebhookFileInfo::ended_at>("endedAt"),  Field<&WebhookFileInfo::duration>("duration"),
    Field<&WebhookFileInfo::size>("size"),         Field<&WebhookFileInfo::location>("location"),
};
inline constexpr ModelDesc kFileInfo{kFileInfoFields};

inline constexpr FieldDesc kEgressFields[] = {
    Field<&WebhookEgressInfo::egress_id>("egressId"),
    Field<&WebhookEgressInfo::room_id>("roomId"),
    Field<&WebhookEgressInfo::room_name>("roomName"),
    Enum<&WebhookEgressInfo::status>("status", {}, kEgressStatusNames),
    Field<&WebhookEgressInfo::started_at>("startedAt"),
    Field<&WebhookEgressInfo::ended_at>("endedAt"),
    Field<&WebhookEgressInfo::updated_at>("updatedAt"),
    Field<&WebhookEgressInfo::error>("error"),
    Message<&WebhookEgressInfo::file_results>("fileResults", {}, kFileInfo),
};
inline constexpr ModelDesc kEgress{kEgressFields};

// IngressInfo.state, flattened into WebhookIngressInfo.
inline constexpr FieldDesc kIngressStateFields[] = {
    Enum<&WebhookIngressInfo::status>("status", {}, kIngressStatusNames),
    Field<&WebhookIngressInfo::error>("error"),
    Field<&WebhookIngressInfo::room_id>("roomId"),
    Field<&WebhookIngressInfo::started_at>("startedAt"),
    Field<&WebhookIngressInfo::ended_at>("endedAt"),
};
inline constexpr ModelDesc kIngressState{kIngressStateFields};

inline constexpr FieldDesc kIngressFields[] = {
    Field<&WebhookIngressInfo::ingress_id>("ingressId"),
    Field<&WebhookIngressInfo::name>("name"),
    Field<&WebhookIngressInfo::room_name>("roomName"),
    Field<&WebhookIngressInfo::participant_identity>("participantIdentity"),
    Field<&WebhookIngressInfo::participant_name>("participantName"),
    Enum<&WebhookIngressInfo::input_type>("inputType", {}, kIngressInputNames),
    Flattened("state", kIngressState),
};
inline constexpr ModelDesc kIngress{kIngressFields};

// Job.state, flattened into WebhookJob.
inline constexpr FieldDesc kJobStateFields[] = {
    Enum<&WebhookJob::status>("status", {}, kJobStatusNames),
    Field<&WebhookJob::error>("error"),
    Field<&WebhookJob::started_at>("startedAt"),
    Field<&WebhookJob::ended_at>("endedAt"),
};
inline constexpr ModelDesc kJobState{kJobStateFields};

inline constexpr FieldDesc kJobFields[] = {
    Field<&WebhookJob::id>("id"),
    Field<&WebhookJob::dispatch_id>("dispatchId"),
    Enum<&WebhookJob::type>("type", {}, kJobTypeNames),
    Field<&WebhookJob::agent_name>("agentName"),
    Field<&WebhookJob::metadata>("metadata"),
    Message<&WebhookJob::room>("room", {}, kRoom, kOmitUnset),
    Message<&WebhookJob::participant>("participant", {}, kParticipant, kOmitUnset),
    Flattened("state", kJobState),
};
inline constexpr ModelDesc kJob{kJobFields};

inline constexpr FieldDesc kEventFields[] = {
    Field<&WebhookEvent::event>("event"),
    Field<&WebhookEvent::id>("id"),
    Field<&WebhookEvent::created_at>("createdAt"),
    Message<&WebhookEvent::room>("room", {}, kRoom, kOmitUnset),
    Message<&WebhookEvent::participant>("participant", {}, kParticipant, kOmitUnset),
    Message<&WebhookEvent::track>("track", {}, kTrack, kOmitUnset),
    Message<&WebhookEvent::egress_info>("egressInfo", {}, kEgress, kOmitUnset),
    Message<&WebhookEvent::ingress_info>("ingressInfo", {}, kIngress, kOmitUnset),
    Message<&WebhookEvent::job>("job", {}, kJob, kOmitUnset),
    Enum<&WebhookEvent::room_end_reason>("roomEndReason", {}, kRoomEndReasonNames),
    Field<&WebhookEvent::num_dropped>("numDropped"),
};
inline constexpr ModelDesc kEvent{kEventFields};

}  // namespace lks::internal::webhook

#endif  // LKS_SRC_LIVEKIT_WEBHOOK_EVENT_FIELDS_H_
