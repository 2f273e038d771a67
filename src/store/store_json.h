// The JSON form of the store's records and operations, shared by the C ABI (lks_store_execute),
// and by the adapter that turns a host's lks_storage_backend vtable into a StudyGroupStore.
// Field names are camelCase as in the seed's REST JSON (maxParticipants, livekitRoomName,
// useLiveKit, ...); times are ISO-8601 UTC strings with milliseconds on output
// ("2025-10-15T19:00:00.000Z") and either such a string or Unix milliseconds on input.
// The operations and their request/response shapes are listed in docs/storage.md. Internal header.
#ifndef LKS_SRC_STORE_STORE_JSON_H_
#define LKS_SRC_STORE_STORE_JSON_H_

#include <string>
#include <string_view>

#include "core/json_reader.h"
#include "core/json_writer.h"
#include "lks/store/study_group_store.h"

namespace lks::store {

// Writers (one JSON object each).
void WriteGroup(internal::JsonWriter& w, const StudyGroup& g);
// WriteGroup's members, inside an object the caller has begun (the REST API adds nextSession).
void WriteGroupMembers(internal::JsonWriter& w, const StudyGroup& g);
void WriteMembership(internal::JsonWriter& w, const Membership& m);
void WriteSession(internal::JsonWriter& w, const RoomSession& s);
void WriteAttendance(internal::JsonWriter& w, const Attendance& a);
void WriteKnock(internal::JsonWriter& w, const Knock& k);
void WriteRecording(internal::JsonWriter& w, const Recording& r);
void WriteBreakout(internal::JsonWriter& w, const BreakoutRoom& b);
// {"breakouts":[...]}: the answer of the breakout operations that return several rooms.
void WriteBreakouts(internal::JsonWriter& w, const std::vector<BreakoutRoom>& v);
void WriteSessionUsage(internal::JsonWriter& w, const SessionUsage& u);
void WriteGroupUsage(internal::JsonWriter& w, const GroupUsage& u);
void WriteNewGroup(internal::JsonWriter& w, const NewStudyGroup& g);
void WriteUpdate(internal::JsonWriter& w, const StudyGroupUpdate& u);

// The stored and JSON names of the enums of schema version 2 ("webhook", "admitted", ...).
std::string_view AttendanceSourceName(AttendanceSource source) noexcept;
std::string_view KnockStatusName(KnockStatus status) noexcept;
// Schema version 3: "starting", "active", ..., "limit_reached".
std::string_view RecordingStatusName(RecordingStatus status) noexcept;

// Readers; errors name the field (prefixed, e.g. "group.title: expected a string").
Status ReadGroup(const internal::JsonValue& v, StudyGroup* out);
Status ReadMembership(const internal::JsonValue& v, Membership* out);
Status ReadSession(const internal::JsonValue& v, RoomSession* out);
Status ReadAttendance(const internal::JsonValue& v, Attendance* out);
Status ReadKnock(const internal::JsonValue& v, Knock* out);
Status ReadRecording(const internal::JsonValue& v, Recording* out);
Status ReadBreakout(const internal::JsonValue& v, BreakoutRoom* out);
Status ReadSessionUsage(const internal::JsonValue& v, SessionUsage* out);
Status ReadGroupUsage(const internal::JsonValue& v, GroupUsage* out);
Status ReadNewGroup(const internal::JsonValue& v, NewStudyGroup* out);
Status ReadUpdate(const internal::JsonValue& v, StudyGroupUpdate* out);

// Runs operation `op` (e.g. "createGroup") with a JSON request object on `store` and writes
// the JSON result to `*response`. Errors: kInvalidArgument for an unknown op or a bad request
// (naming the field), otherwise the store's error.
Status ExecuteStoreOperation(StudyGroupStore& store, std::string_view op, std::string_view request,
                             std::string* response);

}  // namespace lks::store

#endif  // LKS_SRC_STORE_STORE_JSON_H_
