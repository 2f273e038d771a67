// The seed's JSON shapes for groups, rooms, participants, tokens and usage. Internal header.
#ifndef LKS_SRC_API_REST_JSON_H_
#define LKS_SRC_API_REST_JSON_H_

#include "core/json_writer.h"
#include "lks/groups/study_group_service.h"

namespace lks::internal {

// The store's group JSON (the seed's fields and the schedule's) plus "nextSession": {"start",
// "end"} (ISO 8601 UTC) of `next`, or null.
void WriteGroup(const StudyGroup& g, const std::optional<Occurrence>& next, JsonWriter& w);
void WriteMembership(const Membership& m, JsonWriter& w);
// {"groupId","session","userId","name","status","knockedAt","decidedAt","decidedBy"}
void WriteKnock(const Knock& k, JsonWriter& w);
// {"groupId","session":sid|null,"knocks":[...],"total":n}
void WriteKnockList(const KnockList& list, JsonWriter& w);
// {"sid","name","emptyTimeout","maxParticipants","numParticipants","creationTime",...}
void WriteRoom(const Room& r, JsonWriter& w);
// {"sid","identity","name","state","joinedAt","metadata",...}
void WriteParticipant(const ParticipantInfo& p, JsonWriter& w);
void WriteUsage(const UsageReport& u, JsonWriter& w);
// {"groupId","sessions":[{"roomSid","roomName","startedAt","endedAt","attendance":[...]}]}
void WriteAttendance(int64_t group_id, const std::vector<SessionAttendance>& sessions,
                     JsonWriter& w);

}  // namespace lks::internal

#endif  // LKS_SRC_API_REST_JSON_H_
