#include "store/store_json.h"

#include <functional>

#include "core/json_fields.h"
#include "store/store_fields.h"

namespace lks::store {

using internal::FindMember;
using internal::JsonValue;
using internal::JsonWriter;

namespace {

Status ReadRole(const JsonValue& obj, const char* key, MemberRole* out, std::string_view prefix) {
  std::string s;
  const JsonValue* v = FindMember(obj, key);
  if (!v || v->IsNull()) return OkStatus();
  LKS_RETURN_IF_ERROR(internal::ReadString(obj, key, &s, prefix));
  StatusOr<MemberRole> r = ParseMemberRole(s, std::string(prefix) + key);
  if (!r.ok()) return r.status();
  *out = *r;
  return OkStatus();
}

Status RequireObject(const JsonValue& v, std::string_view what) {
  if (!v.IsObject()) return InvalidArgumentError(std::string(what) + ": expected a JSON object");
  return OkStatus();
}

// A record of `desc` from the object `v` ("<what>: expected a JSON object" otherwise).
Status Read(const JsonValue& v, std::string_view what, std::string_view prefix,
            const ModelDesc& desc, void* out) {
  LKS_RETURN_IF_ERROR(RequireObject(v, what));
  return internal::ReadJsonFields(v, desc, out, prefix);
}

}  // namespace

void WriteGroup(JsonWriter& w, const StudyGroup& g) { internal::WriteJsonFields(w, kGroup, &g); }
void WriteGroupMembers(JsonWriter& w, const StudyGroup& g) {
  internal::WriteJsonMembers(w, kGroup, &g);
}
void WriteNewGroup(JsonWriter& w, const NewStudyGroup& g) {
  internal::WriteJsonFields(w, kNewGroup, &g);
}
void WriteUpdate(JsonWriter& w, const StudyGroupUpdate& u) {
  internal::WriteJsonFields(w, kUpdate, &u);
}
void WriteMembership(JsonWriter& w, const Membership& m) {
  internal::WriteJsonFields(w, kMembership, &m);
}
void WriteSession(JsonWriter& w, const RoomSession& s) {
  internal::WriteJsonFields(w, kSession, &s);
}
void WriteAttendance(JsonWriter& w, const Attendance& a) {
  internal::WriteJsonFields(w, kAttendance, &a);
}

std::string_view AttendanceSourceName(AttendanceSource source) noexcept {
  return EnumName(kAttendanceSourceNames, source);
}
std::string_view KnockStatusName(KnockStatus status) noexcept {
  return EnumName(kKnockStatusNames, status);
}

void WriteKnock(JsonWriter& w, const Knock& k) { internal::WriteJsonFields(w, kKnock, &k); }

std::string_view RecordingStatusName(RecordingStatus status) noexcept {
  return EnumName(kRecordingStatusNames, status);
}
void WriteRecording(JsonWriter& w, const Recording& r) {
  internal::WriteJsonFields(w, kRecording, &r);
}

void WriteBreakout(JsonWriter& w, const BreakoutRoom& b) {
  internal::WriteJsonFields(w, kBreakout, &b);
}
void WriteBreakouts(JsonWriter& w, const std::vector<BreakoutRoom>& v) {
  w.BeginObject().Key("breakouts").BeginArray();
  for (const BreakoutRoom& b : v) WriteBreakout(w, b);
  w.EndArray().EndObject();
}

void WriteSessionUsage(JsonWriter& w, const SessionUsage& u) {
  w.BeginObject().Field("roomSid", u.room_sid).Field("participantMillis", u.participant_millis);
  w.Key("participantMinutes").Double(u.participant_minutes());
  w.Field("participantSessions", u.participant_sessions).EndObject();
}

void WriteGroupUsage(JsonWriter& w, const GroupUsage& u) {
  w.BeginObject().Field("groupId", u.group_id).Field("participantMillis", u.participant_millis);
  w.Key("participantMinutes").Double(u.participant_minutes());
  w.Key("sessions").BeginArray();
  for (const SessionUsage& s : u.sessions) WriteSessionUsage(w, s);
  w.EndArray().EndObject();
}

Status ReadNewGroup(const JsonValue& v, NewStudyGroup* g) {
  return Read(v, "group", "group.", kNewGroup, g);
}
Status ReadUpdate(const JsonValue& v, StudyGroupUpdate* u) {
  return Read(v, "update", "update.", kUpdate, u);
}
Status ReadGroup(const JsonValue& v, StudyGroup* g) {
  return Read(v, "group", "group.", kGroup, g);
}
Status ReadMembership(const JsonValue& v, Membership* m) {
  return Read(v, "membership", {}, kMembership, m);
}
Status ReadSession(const JsonValue& v, RoomSession* s) {
  return Read(v, "session", {}, kSession, s);
}
Status ReadAttendance(const JsonValue& v, Attendance* a) {
  return Read(v, "attendance", {}, kAttendance, a);
}
Status ReadKnock(const JsonValue& v, Knock* k) { return Read(v, "knock", {}, kKnock, k); }
Status ReadRecording(const JsonValue& v, Recording* r) {
  return Read(v, "recording", "recording.", kRecording, r);
}
Status ReadBreakout(const JsonValue& v, BreakoutRoom* b) {
  return Read(v, "breakout", "breakout.", kBreakout, b);
}
Status ReadSessionUsage(const JsonValue& v, SessionUsage* u) {
  return Read(v, "usage", {}, kSessionUsageModel, u);
}

Status ReadGroupUsage(const JsonValue& v, GroupUsage* u) {
  LKS_RETURN_IF_ERROR(RequireObject(v, "usage"));
  LKS_RETURN_IF_ERROR(internal::ReadInt64(v, "groupId", &u->group_id));
  LKS_RETURN_IF_ERROR(internal::ReadInt64(v, "participantMillis", &u->participant_millis));
  const JsonValue* s = FindMember(v, "sessions");
  if (s && s->IsArray()) {
    for (const JsonValue& e : s->GetArray()) {
      SessionUsage su;
      LKS_RETURN_IF_ERROR(ReadSessionUsage(e, &su));
      u->sessions.push_back(std::move(su));
    }
  }
  return OkStatus();
}

// --- Operations ------------------------------------------------------------------------------

namespace {

struct Request {
  const JsonValue& v;
  Status Str(const char* key, std::string* out) const {
    const JsonValue* f = FindMember(v, key);
    if (!f || f->IsNull()) return InvalidArgumentError(std::string(key) + ": required");
    return internal::ReadString(v, key, out);
  }
  Status OptStr(const char* key, std::string* out) const {
    return internal::ReadString(v, key, out);
  }
  Status Int(const char* key, int64_t* out) const {
    const JsonValue* f = FindMember(v, key);
    if (!f || f->IsNull()) return InvalidArgumentError(std::string(key) + ": required");
    return internal::ReadInt64(v, key, out);
  }
  // An optional enum member of `names` (left unchanged when absent or null).
  template <typename E>
  Status OptEnum(const char* key, const internal::EnumNames& names, E* out) const {
    const JsonValue* f = FindMember(v, key);
    if (!f || f->IsNull()) return OkStatus();
    std::string s;
    LKS_RETURN_IF_ERROR(internal::ReadString(v, key, &s));
    const int n = names.Find(s);
    if (n < 0) return InvalidArgumentError(std::string(key) + ": " + names.unknown);
    *out = static_cast<E>(n);
    return OkStatus();
  }
  Status Time(const char* key, int64_t* out) const {
    const JsonValue* f = FindMember(v, key);
    if (!f || f->IsNull()) return InvalidArgumentError(std::string(key) + ": required");
    return internal::ReadJsonTime(v, key, out);
  }
};

template <typename T, typename W>
Status Emit(const StatusOr<T>& r, std::string* out, W write) {
  if (!r.ok()) return r.status();
  JsonWriter w(out);
  write(w, *r);
  return OkStatus();
}

Status EmitEmpty(const Status& s, std::string* out) {
  if (!s.ok()) return s;
  out->append("{}");
  return OkStatus();
}

}  // namespace

Status ExecuteStoreOperation(StudyGroupStore& store, std::string_view op, std::string_view request,
                             std::string* out) {
  rapidjson::Document doc;
  LKS_RETURN_IF_ERROR(
      internal::ParseJson(request.empty() ? std::string_view("{}") : request, &doc, "request"));
  LKS_RETURN_IF_ERROR(RequireObject(doc, "request"));
  Request q{doc};
  std::string s1, s2, s3;
  int64_t i1 = 0, i2 = 0;

  if (op == "createGroup") {
    const JsonValue* g = FindMember(doc, "group");
    if (!g) return InvalidArgumentError("group: required");
    NewStudyGroup ng;
    LKS_RETURN_IF_ERROR(ReadNewGroup(*g, &ng));
    LKS_RETURN_IF_ERROR(q.Str("ownerUserId", &s1));
    return Emit(store.CreateGroup(ng, s1), out, WriteGroup);
  }
  if (op == "getGroup") {
    LKS_RETURN_IF_ERROR(q.Int("groupId", &i1));
    return Emit(store.GetGroup(i1), out, WriteGroup);
  }
  if (op == "getGroupByRoomName") {
    LKS_RETURN_IF_ERROR(q.Str("roomName", &s1));
    return Emit(store.GetGroupByRoomName(s1), out, WriteGroup);
  }
  if (op == "listGroupsForMember") {
    LKS_RETURN_IF_ERROR(q.Str("userId", &s1));
    int64_t limit = 50;
    LKS_RETURN_IF_ERROR(internal::ReadInt64(doc, "afterId", &i1));
    LKS_RETURN_IF_ERROR(internal::ReadInt64(doc, "limit", &limit));
    if (limit < 1 || limit > 1000) return InvalidArgumentError("limit: must be between 1 and 1000");
    return Emit(store.ListGroupsForMember(s1, i1, static_cast<int32_t>(limit)), out,
                [](JsonWriter& w, const StudyGroupPage& p) {
                  w.BeginObject().Key("groups").BeginArray();
                  for (const StudyGroup& g : p.groups) WriteGroup(w, g);
                  w.EndArray().Field("nextAfterId", p.next_after_id).EndObject();
                });
  }
  if (op == "updateGroup") {
    LKS_RETURN_IF_ERROR(q.Int("groupId", &i1));
    const JsonValue* u = FindMember(doc, "update");
    if (!u) return InvalidArgumentError("update: required");
    StudyGroupUpdate upd;
    LKS_RETURN_IF_ERROR(ReadUpdate(*u, &upd));
    return Emit(store.UpdateGroup(i1, upd), out, WriteGroup);
  }
  if (op == "setRoomSid") {
    LKS_RETURN_IF_ERROR(q.Int("groupId", &i1));
    LKS_RETURN_IF_ERROR(q.Str("roomSid", &s1));
    return EmitEmpty(store.SetRoomSid(i1, s1), out);
  }
  if (op == "deleteGroup") {
    LKS_RETURN_IF_ERROR(q.Int("groupId", &i1));
    return EmitEmpty(store.DeleteGroup(i1), out);
  }
  if (op == "addMember" || op == "setMemberRole") {
    LKS_RETURN_IF_ERROR(q.Int("groupId", &i1));
    LKS_RETURN_IF_ERROR(q.Str("userId", &s1));
    MemberRole role = MemberRole::kMember;
    LKS_RETURN_IF_ERROR(ReadRole(doc, "role", &role, {}));
    if (op == "addMember") return Emit(store.AddMember(i1, s1, role), out, WriteMembership);
    return Emit(store.SetMemberRole(i1, s1, role), out, WriteMembership);
  }
  if (op == "removeMember") {
    LKS_RETURN_IF_ERROR(q.Int("groupId", &i1));
    LKS_RETURN_IF_ERROR(q.Str("userId", &s1));
    return EmitEmpty(store.RemoveMember(i1, s1), out);
  }
  if (op == "getMembership") {
    LKS_RETURN_IF_ERROR(q.Int("groupId", &i1));
    LKS_RETURN_IF_ERROR(q.Str("userId", &s1));
    return Emit(store.GetMembership(i1, s1), out, WriteMembership);
  }
  if (op == "listMembers") {
    LKS_RETURN_IF_ERROR(q.Int("groupId", &i1));
    return Emit(store.ListMembers(i1), out, [](JsonWriter& w, const std::vector<Membership>& v) {
      w.BeginObject().Key("members").BeginArray();
      for (const Membership& m : v) WriteMembership(w, m);
      w.EndArray().EndObject();
    });
  }
  if (op == "openRoomSession") {
    LKS_RETURN_IF_ERROR(q.Int("groupId", &i1));
    LKS_RETURN_IF_ERROR(q.Str("roomSid", &s1));
    LKS_RETURN_IF_ERROR(q.Str("roomName", &s2));
    LKS_RETURN_IF_ERROR(q.Time("startedAt", &i2));
    return Emit(store.OpenRoomSession(i1, s1, s2, i2), out, WriteSession);
  }
  if (op == "closeRoomSession") {
    LKS_RETURN_IF_ERROR(q.Str("roomSid", &s1));
    LKS_RETURN_IF_ERROR(q.Time("endedAt", &i1));
    return Emit(store.CloseRoomSession(s1, i1), out, WriteSession);
  }
  if (op == "getRoomSession") {
    LKS_RETURN_IF_ERROR(q.Str("roomSid", &s1));
    return Emit(store.GetRoomSession(s1), out, WriteSession);
  }
  if (op == "listRoomSessions") {
    LKS_RETURN_IF_ERROR(q.Int("groupId", &i1));
    return Emit(store.ListRoomSessions(i1), out,
                [](JsonWriter& w, const std::vector<RoomSession>& v) {
                  w.BeginObject().Key("sessions").BeginArray();
                  for (const RoomSession& s : v) WriteSession(w, s);
                  w.EndArray().EndObject();
                });
  }
  if (op == "recordJoin") {
    LKS_RETURN_IF_ERROR(q.Str("roomSid", &s1));
    LKS_RETURN_IF_ERROR(q.Str("participantIdentity", &s2));
    LKS_RETURN_IF_ERROR(q.OptStr("userId", &s3));
    LKS_RETURN_IF_ERROR(q.Time("joinedAt", &i1));
    AttendanceSource source = AttendanceSource::kWebhook;
    LKS_RETURN_IF_ERROR(q.OptEnum("source", kAttendanceSourceNames, &source));
    return Emit(store.RecordJoin(s1, s2, s3, i1, source), out, WriteAttendance);
  }
  if (op == "recordLeave") {
    LKS_RETURN_IF_ERROR(q.Str("roomSid", &s1));
    LKS_RETURN_IF_ERROR(q.Str("participantIdentity", &s2));
    LKS_RETURN_IF_ERROR(q.Time("leftAt", &i1));
    AttendanceSource source = AttendanceSource::kWebhook;
    LKS_RETURN_IF_ERROR(q.OptEnum("source", kAttendanceSourceNames, &source));
    return Emit(store.RecordLeave(s1, s2, i1, source), out, WriteAttendance);
  }
  if (op == "listAttendance") {
    LKS_RETURN_IF_ERROR(q.Str("roomSid", &s1));
    return Emit(store.ListAttendance(s1), out, [](JsonWriter& w, const std::vector<Attendance>& v) {
      w.BeginObject().Key("attendance").BeginArray();
      for (const Attendance& a : v) WriteAttendance(w, a);
      w.EndArray().EndObject();
    });
  }
  if (op == "markEventSeen") {
    LKS_RETURN_IF_ERROR(q.Str("eventId", &s1));
    LKS_RETURN_IF_ERROR(q.Time("receivedAt", &i1));
    return Emit(store.MarkEventSeen(s1, i1), out, [](JsonWriter& w, EventMark m) {
      w.BeginObject().Field("alreadySeen", m == EventMark::kAlreadySeen).EndObject();
    });
  }
  if (op == "pruneEvents") {
    LKS_RETURN_IF_ERROR(q.Time("before", &i1));
    return Emit(store.PruneEventsBefore(i1), out,
                [](JsonWriter& w, int64_t n) { w.BeginObject().Field("deleted", n).EndObject(); });
  }
  if (op == "addRemoval") {
    LKS_RETURN_IF_ERROR(q.Str("roomSid", &s1));
    LKS_RETURN_IF_ERROR(q.Str("userId", &s2));
    LKS_RETURN_IF_ERROR(q.OptStr("removedBy", &s3));
    LKS_RETURN_IF_ERROR(q.Time("removedAt", &i1));
    return EmitEmpty(store.AddRemoval(s1, s2, s3, i1), out);
  }
  if (op == "isRemoved") {
    LKS_RETURN_IF_ERROR(q.Str("roomSid", &s1));
    LKS_RETURN_IF_ERROR(q.Str("userId", &s2));
    return Emit(store.IsRemoved(s1, s2), out, [](JsonWriter& w, bool removed) {
      w.BeginObject().Field("removed", removed).EndObject();
    });
  }
  if (op == "countRemovals") {
    LKS_RETURN_IF_ERROR(q.Str("roomSid", &s1));
    return Emit(store.CountRemovals(s1), out,
                [](JsonWriter& w, int64_t n) { w.BeginObject().Field("count", n).EndObject(); });
  }
  if (op == "recordKnock" || op == "getKnock" || op == "decideKnock") {
    LKS_RETURN_IF_ERROR(q.Int("groupId", &i1));
    LKS_RETURN_IF_ERROR(q.Str("session", &s1));
    LKS_RETURN_IF_ERROR(q.Str("userId", &s2));
    if (op == "getKnock") return Emit(store.GetKnock(i1, s1, s2), out, WriteKnock);
    if (op == "recordKnock") {
      LKS_RETURN_IF_ERROR(q.OptStr("name", &s3));
      LKS_RETURN_IF_ERROR(q.Time("knockedAt", &i2));
      return Emit(store.RecordKnock(i1, s1, s2, s3, i2), out, WriteKnock);
    }
    KnockStatus status = KnockStatus::kWaiting;
    LKS_RETURN_IF_ERROR(q.OptEnum("status", kKnockStatusNames, &status));
    LKS_RETURN_IF_ERROR(q.OptStr("decidedBy", &s3));
    LKS_RETURN_IF_ERROR(q.Time("decidedAt", &i2));
    return Emit(store.DecideKnock(i1, s1, s2, status, s3, i2), out, WriteKnock);
  }
  if (op == "listKnocks") {
    LKS_RETURN_IF_ERROR(q.Int("groupId", &i1));
    LKS_RETURN_IF_ERROR(q.Str("session", &s1));
    return Emit(store.ListKnocks(i1, s1), out, [](JsonWriter& w, const std::vector<Knock>& v) {
      w.BeginObject().Key("knocks").BeginArray();
      for (const Knock& k : v) WriteKnock(w, k);
      w.EndArray().EndObject();
    });
  }
  if (op == "saveRecording") {
    const JsonValue* r = FindMember(doc, "recording");
    if (!r) return InvalidArgumentError("recording: required");
    Recording rec;
    LKS_RETURN_IF_ERROR(ReadRecording(*r, &rec));
    return Emit(store.SaveRecording(rec), out, WriteRecording);
  }
  if (op == "getRecording") {
    LKS_RETURN_IF_ERROR(q.Str("egressId", &s1));
    return Emit(store.GetRecording(s1), out, WriteRecording);
  }
  if (op == "listRecordings") {
    LKS_RETURN_IF_ERROR(q.Int("groupId", &i1));
    return Emit(store.ListRecordings(i1), out, [](JsonWriter& w, const std::vector<Recording>& v) {
      w.BeginObject().Key("recordings").BeginArray();
      for (const Recording& r : v) WriteRecording(w, r);
      w.EndArray().EndObject();
    });
  }
  if (op == "openBreakouts") {
    const JsonValue* r = FindMember(doc, "breakouts");
    if (!r || !r->IsArray()) return InvalidArgumentError("breakouts: required, an array");
    std::vector<BreakoutRoom> rooms;
    for (const JsonValue& e : r->GetArray()) {
      BreakoutRoom b;
      LKS_RETURN_IF_ERROR(ReadBreakout(e, &b));
      rooms.push_back(std::move(b));
    }
    return Emit(store.OpenBreakouts(rooms), out, WriteBreakouts);
  }
  if (op == "closeBreakouts") {
    LKS_RETURN_IF_ERROR(q.Int("groupId", &i1));
    LKS_RETURN_IF_ERROR(q.Time("closedAt", &i2));
    return Emit(store.CloseBreakouts(i1, i2), out, WriteBreakouts);
  }
  if (op == "listBreakouts") {
    LKS_RETURN_IF_ERROR(q.Int("groupId", &i1));
    return Emit(store.ListBreakouts(i1), out, WriteBreakouts);
  }
  if (op == "getBreakoutRoom") {
    LKS_RETURN_IF_ERROR(q.Str("roomName", &s1));
    return Emit(store.GetBreakoutRoom(s1), out, WriteBreakout);
  }
  if (op == "getSessionUsage") {
    LKS_RETURN_IF_ERROR(q.Str("roomSid", &s1));
    return Emit(store.GetSessionUsage(s1), out, WriteSessionUsage);
  }
  if (op == "getGroupUsage") {
    LKS_RETURN_IF_ERROR(q.Int("groupId", &i1));
    return Emit(store.GetGroupUsage(i1), out, WriteGroupUsage);
  }
  return Status(StatusCode::kUnimplemented,
                "op: unknown store operation \"" + std::string(op) + "\"")
      .WithReason("unknown_op");
}

}  // namespace lks::store
