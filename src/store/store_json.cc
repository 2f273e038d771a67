#include "store/store_json.h"

#include <functional>

#include "core/iso_time.h"

namespace lks::store {

using internal::FindMember;
using internal::JsonValue;
using internal::JsonWriter;

namespace {

// The store takes times in its canonical form only: UTC, "YYYY-MM-DDTHH:MM:SS[.fff]Z".
StatusOr<int64_t> ParseUtcTime(std::string_view text, std::string_view field) {
  return internal::ParseIsoTimeMs(text, field, internal::IsoTimeForm::kUtc);
}

void OptString(JsonWriter& w, std::string_view key, const std::optional<std::string>& v) {
  w.Key(key);
  if (v)
    w.String(*v);
  else
    w.Null();
}

void Time(JsonWriter& w, std::string_view key, int64_t ms) {
  w.Key(key).String(internal::FormatIsoTimeMs(ms));
}

Status ReadTime(const JsonValue& obj, const char* key, int64_t* out, std::string_view prefix) {
  const JsonValue* v = FindMember(obj, key);
  if (!v || v->IsNull()) return OkStatus();
  if (v->IsString()) {
    StatusOr<int64_t> t = ParseUtcTime(std::string_view(v->GetString(), v->GetStringLength()),
                                       std::string(prefix) + key);
    if (!t.ok()) return t.status();
    *out = *t;
    return OkStatus();
  }
  return internal::ReadInt64(obj, key, out, prefix);
}

Status ReadOptTime(const JsonValue& obj, const char* key, std::optional<int64_t>* out,
                   std::string_view prefix) {
  const JsonValue* v = FindMember(obj, key);
  if (!v || v->IsNull()) {
    out->reset();
    return OkStatus();
  }
  int64_t t = 0;
  LKS_RETURN_IF_ERROR(ReadTime(obj, key, &t, prefix));
  *out = t;
  return OkStatus();
}

Status ReadInt32(const JsonValue& obj, const char* key, int32_t* out, std::string_view prefix) {
  int64_t x = *out;
  LKS_RETURN_IF_ERROR(internal::ReadInt64(obj, key, &x, prefix));
  if (x < INT32_MIN || x > INT32_MAX)
    return InvalidArgumentError(std::string(prefix) + key + ": out of range");
  *out = static_cast<int32_t>(x);
  return OkStatus();
}

// Absent leaves `*out` alone; null clears it; a string sets it.
Status ReadOptString(const JsonValue& obj, const char* key, std::optional<std::string>* out,
                     std::string_view prefix) {
  const JsonValue* v = FindMember(obj, key);
  if (!v) return OkStatus();
  if (v->IsNull()) {
    out->reset();
    return OkStatus();
  }
  std::string s;
  LKS_RETURN_IF_ERROR(internal::ReadString(obj, key, &s, prefix));
  *out = std::move(s);
  return OkStatus();
}

Status ReadProvider(const JsonValue& obj, std::optional<VideoProvider>* out,
                    std::string_view prefix) {
  std::string s;
  const JsonValue* v = FindMember(obj, "videoProvider");
  if (!v || v->IsNull()) return OkStatus();
  LKS_RETURN_IF_ERROR(internal::ReadString(obj, "videoProvider", &s, prefix));
  StatusOr<VideoProvider> p = ParseVideoProvider(s, std::string(prefix) + "videoProvider");
  if (!p.ok()) return p.status();
  *out = *p;
  return OkStatus();
}

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

}  // namespace

void WriteGroup(JsonWriter& w, const StudyGroup& g) {
  w.BeginObject();
  w.Field("id", g.id).Field("title", g.title).Field("description", g.description);
  w.Field("maxParticipants", g.max_participants);
  w.Key("scheduledTime");
  if (g.scheduled_time_ms)
    w.String(internal::FormatIsoTimeMs(g.scheduled_time_ms));
  else
    w.Null();
  w.Field("durationMinutes", g.duration_minutes);
  w.Field("videoProvider", VideoProviderName(g.video_provider)).Field("useLiveKit", g.use_livekit);
  OptString(w, "livekitRoomName", g.livekit_room_name);
  OptString(w, "livekitRoomSid", g.livekit_room_sid);
  OptString(w, "meetLink", g.meet_link);
  OptString(w, "meetId", g.meet_id);
  w.Field("createdBy", g.created_by);
  Time(w, "createdAt", g.created_at_ms);
  Time(w, "updatedAt", g.updated_at_ms);
  w.EndObject();
}

void WriteNewGroup(JsonWriter& w, const NewStudyGroup& g) {
  w.BeginObject();
  w.Field("title", g.title)
      .Field("description", g.description)
      .Field("maxParticipants", g.max_participants);
  w.Key("scheduledTime");
  if (g.scheduled_time_ms)
    w.String(internal::FormatIsoTimeMs(g.scheduled_time_ms));
  else
    w.Null();
  w.Field("durationMinutes", g.duration_minutes);
  w.Field("videoProvider", VideoProviderName(g.video_provider)).Field("useLiveKit", g.use_livekit);
  OptString(w, "livekitRoomName", g.livekit_room_name);
  OptString(w, "meetLink", g.meet_link);
  OptString(w, "meetId", g.meet_id);
  w.EndObject();
}

void WriteUpdate(JsonWriter& w, const StudyGroupUpdate& u) {
  w.BeginObject();
  if (u.title) w.Field("title", *u.title);
  if (u.description) w.Field("description", *u.description);
  if (u.max_participants) w.Field("maxParticipants", *u.max_participants);
  if (u.scheduled_time_ms)
    w.Field("scheduledTime", *u.scheduled_time_ms);  // ms keeps negatives for validation
  if (u.duration_minutes) w.Field("durationMinutes", *u.duration_minutes);
  if (u.video_provider) w.Field("videoProvider", VideoProviderName(*u.video_provider));
  if (u.use_livekit) w.Field("useLiveKit", *u.use_livekit);
  if (u.livekit_room_name) w.Field("livekitRoomName", *u.livekit_room_name);
  if (u.meet_link) w.Field("meetLink", *u.meet_link);
  if (u.meet_id) w.Field("meetId", *u.meet_id);
  w.EndObject();
}

void WriteMembership(JsonWriter& w, const Membership& m) {
  w.BeginObject()
      .Field("groupId", m.group_id)
      .Field("userId", m.user_id)
      .Field("role", MemberRoleName(m.role));
  Time(w, "joinedAt", m.joined_at_ms);
  w.EndObject();
}

void WriteSession(JsonWriter& w, const RoomSession& s) {
  w.BeginObject()
      .Field("roomSid", s.room_sid)
      .Field("groupId", s.group_id)
      .Field("roomName", s.room_name);
  Time(w, "startedAt", s.started_at_ms);
  w.Key("endedAt");
  if (s.ended_at_ms)
    w.String(internal::FormatIsoTimeMs(*s.ended_at_ms));
  else
    w.Null();
  w.EndObject();
}

void WriteAttendance(JsonWriter& w, const Attendance& a) {
  w.BeginObject()
      .Field("id", a.id)
      .Field("roomSid", a.room_sid)
      .Field("participantIdentity", a.participant_identity);
  w.Field("userId", a.user_id);
  Time(w, "joinedAt", a.joined_at_ms);
  w.Key("leftAt");
  if (a.left_at_ms)
    w.String(internal::FormatIsoTimeMs(*a.left_at_ms));
  else
    w.Null();
  w.EndObject();
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
  constexpr std::string_view p = "group.";
  LKS_RETURN_IF_ERROR(RequireObject(v, "group"));
  LKS_RETURN_IF_ERROR(internal::ReadString(v, "title", &g->title, p));
  LKS_RETURN_IF_ERROR(internal::ReadString(v, "description", &g->description, p));
  LKS_RETURN_IF_ERROR(ReadInt32(v, "maxParticipants", &g->max_participants, p));
  LKS_RETURN_IF_ERROR(ReadTime(v, "scheduledTime", &g->scheduled_time_ms, p));
  LKS_RETURN_IF_ERROR(ReadInt32(v, "durationMinutes", &g->duration_minutes, p));
  std::optional<VideoProvider> provider;
  LKS_RETURN_IF_ERROR(ReadProvider(v, &provider, p));
  if (provider) g->video_provider = *provider;
  LKS_RETURN_IF_ERROR(internal::ReadBool(v, "useLiveKit", &g->use_livekit, p));
  LKS_RETURN_IF_ERROR(ReadOptString(v, "livekitRoomName", &g->livekit_room_name, p));
  LKS_RETURN_IF_ERROR(ReadOptString(v, "meetLink", &g->meet_link, p));
  LKS_RETURN_IF_ERROR(ReadOptString(v, "meetId", &g->meet_id, p));
  return OkStatus();
}

Status ReadUpdate(const JsonValue& v, StudyGroupUpdate* u) {
  constexpr std::string_view p = "update.";
  LKS_RETURN_IF_ERROR(RequireObject(v, "update"));
  auto str = [&](const char* key, std::optional<std::string>* out) -> Status {
    const JsonValue* f = FindMember(v, key);
    if (!f || f->IsNull()) return OkStatus();
    std::string s;
    LKS_RETURN_IF_ERROR(internal::ReadString(v, key, &s, p));
    *out = std::move(s);
    return OkStatus();
  };
  auto i32 = [&](const char* key, std::optional<int32_t>* out) -> Status {
    const JsonValue* f = FindMember(v, key);
    if (!f || f->IsNull()) return OkStatus();
    int32_t x = 0;
    LKS_RETURN_IF_ERROR(ReadInt32(v, key, &x, p));
    *out = x;
    return OkStatus();
  };
  LKS_RETURN_IF_ERROR(str("title", &u->title));
  LKS_RETURN_IF_ERROR(str("description", &u->description));
  LKS_RETURN_IF_ERROR(i32("maxParticipants", &u->max_participants));
  LKS_RETURN_IF_ERROR(ReadOptTime(v, "scheduledTime", &u->scheduled_time_ms, p));
  LKS_RETURN_IF_ERROR(i32("durationMinutes", &u->duration_minutes));
  LKS_RETURN_IF_ERROR(ReadProvider(v, &u->video_provider, p));
  LKS_RETURN_IF_ERROR(internal::ReadOptionalBool(v, "useLiveKit", &u->use_livekit, p));
  LKS_RETURN_IF_ERROR(str("livekitRoomName", &u->livekit_room_name));
  LKS_RETURN_IF_ERROR(str("meetLink", &u->meet_link));
  LKS_RETURN_IF_ERROR(str("meetId", &u->meet_id));
  return OkStatus();
}

Status ReadGroup(const JsonValue& v, StudyGroup* g) {
  constexpr std::string_view p = "group.";
  LKS_RETURN_IF_ERROR(RequireObject(v, "group"));
  LKS_RETURN_IF_ERROR(internal::ReadInt64(v, "id", &g->id, p));
  LKS_RETURN_IF_ERROR(internal::ReadString(v, "title", &g->title, p));
  LKS_RETURN_IF_ERROR(internal::ReadString(v, "description", &g->description, p));
  LKS_RETURN_IF_ERROR(ReadInt32(v, "maxParticipants", &g->max_participants, p));
  LKS_RETURN_IF_ERROR(ReadTime(v, "scheduledTime", &g->scheduled_time_ms, p));
  LKS_RETURN_IF_ERROR(ReadInt32(v, "durationMinutes", &g->duration_minutes, p));
  std::optional<VideoProvider> provider;
  LKS_RETURN_IF_ERROR(ReadProvider(v, &provider, p));
  if (provider) g->video_provider = *provider;
  LKS_RETURN_IF_ERROR(internal::ReadBool(v, "useLiveKit", &g->use_livekit, p));
  LKS_RETURN_IF_ERROR(ReadOptString(v, "livekitRoomName", &g->livekit_room_name, p));
  LKS_RETURN_IF_ERROR(ReadOptString(v, "livekitRoomSid", &g->livekit_room_sid, p));
  LKS_RETURN_IF_ERROR(ReadOptString(v, "meetLink", &g->meet_link, p));
  LKS_RETURN_IF_ERROR(ReadOptString(v, "meetId", &g->meet_id, p));
  LKS_RETURN_IF_ERROR(internal::ReadString(v, "createdBy", &g->created_by, p));
  LKS_RETURN_IF_ERROR(ReadTime(v, "createdAt", &g->created_at_ms, p));
  LKS_RETURN_IF_ERROR(ReadTime(v, "updatedAt", &g->updated_at_ms, p));
  return OkStatus();
}

Status ReadMembership(const JsonValue& v, Membership* m) {
  LKS_RETURN_IF_ERROR(RequireObject(v, "membership"));
  LKS_RETURN_IF_ERROR(internal::ReadInt64(v, "groupId", &m->group_id));
  LKS_RETURN_IF_ERROR(internal::ReadString(v, "userId", &m->user_id));
  LKS_RETURN_IF_ERROR(ReadRole(v, "role", &m->role, {}));
  return ReadTime(v, "joinedAt", &m->joined_at_ms, {});
}

Status ReadSession(const JsonValue& v, RoomSession* s) {
  LKS_RETURN_IF_ERROR(RequireObject(v, "session"));
  LKS_RETURN_IF_ERROR(internal::ReadString(v, "roomSid", &s->room_sid));
  LKS_RETURN_IF_ERROR(internal::ReadInt64(v, "groupId", &s->group_id));
  LKS_RETURN_IF_ERROR(internal::ReadString(v, "roomName", &s->room_name));
  LKS_RETURN_IF_ERROR(ReadTime(v, "startedAt", &s->started_at_ms, {}));
  return ReadOptTime(v, "endedAt", &s->ended_at_ms, {});
}

Status ReadAttendance(const JsonValue& v, Attendance* a) {
  LKS_RETURN_IF_ERROR(RequireObject(v, "attendance"));
  LKS_RETURN_IF_ERROR(internal::ReadInt64(v, "id", &a->id));
  LKS_RETURN_IF_ERROR(internal::ReadString(v, "roomSid", &a->room_sid));
  LKS_RETURN_IF_ERROR(internal::ReadString(v, "participantIdentity", &a->participant_identity));
  LKS_RETURN_IF_ERROR(internal::ReadString(v, "userId", &a->user_id));
  LKS_RETURN_IF_ERROR(ReadTime(v, "joinedAt", &a->joined_at_ms, {}));
  return ReadOptTime(v, "leftAt", &a->left_at_ms, {});
}

Status ReadSessionUsage(const JsonValue& v, SessionUsage* u) {
  LKS_RETURN_IF_ERROR(RequireObject(v, "usage"));
  LKS_RETURN_IF_ERROR(internal::ReadString(v, "roomSid", &u->room_sid));
  LKS_RETURN_IF_ERROR(internal::ReadInt64(v, "participantMillis", &u->participant_millis));
  return internal::ReadInt64(v, "participantSessions", &u->participant_sessions);
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
  Status Time(const char* key, int64_t* out) const {
    const JsonValue* f = FindMember(v, key);
    if (!f || f->IsNull()) return InvalidArgumentError(std::string(key) + ": required");
    return ReadTime(v, key, out, {});
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
    return Emit(store.RecordJoin(s1, s2, s3, i1), out, WriteAttendance);
  }
  if (op == "recordLeave") {
    LKS_RETURN_IF_ERROR(q.Str("roomSid", &s1));
    LKS_RETURN_IF_ERROR(q.Str("participantIdentity", &s2));
    LKS_RETURN_IF_ERROR(q.Time("leftAt", &i1));
    return Emit(store.RecordLeave(s1, s2, i1), out, WriteAttendance);
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
