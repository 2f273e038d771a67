#include "host_store.h"

#include <string>

#include "store/store_json.h"
#include "store/validation.h"

namespace lks::capi {
namespace {

using internal::JsonValue;
using internal::JsonWriter;

class HostStudyGroupStore final : public StudyGroupStore {
 public:
  explicit HostStudyGroupStore(const lks_storage_backend& b) : b_(b) {}
  ~HostStudyGroupStore() override {
    if (b_.destroy) b_.destroy(b_.user_data);
  }

 protected:
  StatusOr<StudyGroup> DoCreateGroup(const NewStudyGroup& group, std::string_view owner) override {
    std::string req;
    JsonWriter w(&req);
    w.BeginObject().Key("group");
    store::WriteNewGroup(w, group);
    w.Field("ownerUserId", owner).EndObject();
    return CallFor<StudyGroup>("createGroup", req, store::ReadGroup);
  }

  StatusOr<StudyGroup> DoGetGroup(int64_t id) override {
    return CallFor<StudyGroup>("getGroup", Obj([&](JsonWriter& w) { w.Field("groupId", id); }),
                               store::ReadGroup);
  }

  StatusOr<StudyGroup> DoGetGroupByRoomName(std::string_view room) override {
    return CallFor<StudyGroup>("getGroupByRoomName",
                               Obj([&](JsonWriter& w) { w.Field("roomName", room); }),
                               store::ReadGroup);
  }

  StatusOr<StudyGroupPage> DoListGroupsForMember(std::string_view user, int64_t after,
                                                 int32_t limit) override {
    auto doc =
        Call("listGroupsForMember", Obj([&](JsonWriter& w) {
               w.Field("userId", user).Field("afterId", after).Field("limit", int64_t{limit});
             }));
    if (!doc.ok()) return doc.status();
    StudyGroupPage page;
    LKS_RETURN_IF_ERROR(internal::ReadInt64(**doc, "nextAfterId", &page.next_after_id));
    LKS_RETURN_IF_ERROR(ReadArray(**doc, "groups", &page.groups, store::ReadGroup));
    return page;
  }

  StatusOr<StudyGroup> DoUpdateGroup(int64_t id, const StudyGroupUpdate& u) override {
    std::string req;
    JsonWriter w(&req);
    w.BeginObject().Field("groupId", id).Key("update");
    store::WriteUpdate(w, u);
    w.EndObject();
    return CallFor<StudyGroup>("updateGroup", req, store::ReadGroup);
  }

  Status DoSetRoomSid(int64_t id, std::string_view sid) override {
    return Call("setRoomSid",
                Obj([&](JsonWriter& w) { w.Field("groupId", id).Field("roomSid", sid); }))
        .status();
  }

  Status DoDeleteGroup(int64_t id) override {
    return Call("deleteGroup", Obj([&](JsonWriter& w) { w.Field("groupId", id); })).status();
  }

  StatusOr<Membership> DoAddMember(int64_t id, std::string_view user, MemberRole role) override {
    return MemberOp("addMember", id, user, role);
  }

  Status DoRemoveMember(int64_t id, std::string_view user) override {
    return Call("removeMember",
                Obj([&](JsonWriter& w) { w.Field("groupId", id).Field("userId", user); }))
        .status();
  }

  StatusOr<Membership> DoSetMemberRole(int64_t id, std::string_view user,
                                       MemberRole role) override {
    return MemberOp("setMemberRole", id, user, role);
  }

  StatusOr<Membership> DoGetMembership(int64_t id, std::string_view user) override {
    return CallFor<Membership>(
        "getMembership", Obj([&](JsonWriter& w) { w.Field("groupId", id).Field("userId", user); }),
        store::ReadMembership);
  }

  StatusOr<std::vector<Membership>> DoListMembers(int64_t id) override {
    return ListFor<Membership>("listMembers", Obj([&](JsonWriter& w) { w.Field("groupId", id); }),
                               "members", store::ReadMembership);
  }

  StatusOr<RoomSession> DoOpenRoomSession(int64_t id, std::string_view sid, std::string_view name,
                                          int64_t started) override {
    return CallFor<RoomSession>(
        "openRoomSession", Obj([&](JsonWriter& w) {
          w.Field("groupId", id).Field("roomSid", sid).Field("roomName", name);
          w.Field("startedAt", started);
        }),
        store::ReadSession);
  }

  StatusOr<RoomSession> DoCloseRoomSession(std::string_view sid, int64_t ended) override {
    return CallFor<RoomSession>("closeRoomSession", Obj([&](JsonWriter& w) {
                                  w.Field("roomSid", sid).Field("endedAt", ended);
                                }),
                                store::ReadSession);
  }

  StatusOr<RoomSession> DoGetRoomSession(std::string_view sid) override {
    return CallFor<RoomSession>(
        "getRoomSession", Obj([&](JsonWriter& w) { w.Field("roomSid", sid); }), store::ReadSession);
  }

  StatusOr<std::vector<RoomSession>> DoListRoomSessions(int64_t id) override {
    return ListFor<RoomSession>("listRoomSessions",
                                Obj([&](JsonWriter& w) { w.Field("groupId", id); }), "sessions",
                                store::ReadSession);
  }

  StatusOr<Attendance> DoRecordJoin(std::string_view sid, std::string_view identity,
                                    std::string_view user, int64_t joined,
                                    AttendanceSource source) override {
    return CallFor<Attendance>("recordJoin", Obj([&](JsonWriter& w) {
                                 w.Field("roomSid", sid).Field("participantIdentity", identity);
                                 w.Field("userId", user).Field("joinedAt", joined);
                                 w.Field("source", store::AttendanceSourceName(source));
                               }),
                               store::ReadAttendance);
  }

  StatusOr<Attendance> DoRecordLeave(std::string_view sid, std::string_view identity, int64_t left,
                                     AttendanceSource source) override {
    return CallFor<Attendance>(
        "recordLeave", Obj([&](JsonWriter& w) {
          w.Field("roomSid", sid).Field("participantIdentity", identity).Field("leftAt", left);
          w.Field("source", store::AttendanceSourceName(source));
        }),
        store::ReadAttendance);
  }

  StatusOr<std::vector<Attendance>> DoListAttendance(std::string_view sid) override {
    return ListFor<Attendance>("listAttendance",
                               Obj([&](JsonWriter& w) { w.Field("roomSid", sid); }), "attendance",
                               store::ReadAttendance);
  }

  StatusOr<EventMark> DoMarkEventSeen(std::string_view event_id, int64_t at) override {
    auto doc =
        Call("markEventSeen",
             Obj([&](JsonWriter& w) { w.Field("eventId", event_id).Field("receivedAt", at); }));
    if (!doc.ok()) return doc.status();
    bool seen = false;
    LKS_RETURN_IF_ERROR(internal::ReadBool(**doc, "alreadySeen", &seen));
    return seen ? EventMark::kAlreadySeen : EventMark::kFirstSeen;
  }

  StatusOr<int64_t> DoPruneEventsBefore(int64_t before) override {
    auto doc = Call("pruneEvents", Obj([&](JsonWriter& w) { w.Field("before", before); }));
    if (!doc.ok()) return doc.status();
    int64_t n = 0;
    LKS_RETURN_IF_ERROR(internal::ReadInt64(**doc, "deleted", &n));
    return n;
  }

  Status DoAddRemoval(std::string_view sid, std::string_view user, std::string_view by,
                      int64_t at) override {
    return Call("addRemoval", Obj([&](JsonWriter& w) {
                  w.Field("roomSid", sid)
                      .Field("userId", user)
                      .Field("removedBy", by)
                      .Field("removedAt", at);
                }))
        .status();
  }

  StatusOr<bool> DoIsRemoved(std::string_view sid, std::string_view user) override {
    auto doc = Call("isRemoved",
                    Obj([&](JsonWriter& w) { w.Field("roomSid", sid).Field("userId", user); }));
    if (!doc.ok()) return doc.status();
    bool removed = false;
    LKS_RETURN_IF_ERROR(internal::ReadBool(**doc, "removed", &removed));
    return removed;
  }

  StatusOr<int64_t> DoCountRemovals(std::string_view sid) override {
    auto doc = Call("countRemovals", Obj([&](JsonWriter& w) { w.Field("roomSid", sid); }));
    if (!doc.ok()) return doc.status();
    int64_t n = 0;
    LKS_RETURN_IF_ERROR(internal::ReadInt64(**doc, "count", &n));
    return n;
  }

  StatusOr<Knock> DoRecordKnock(int64_t id, std::string_view session, std::string_view user,
                                std::string_view name, int64_t at) override {
    return CallFor<Knock>("recordKnock", Obj([&](JsonWriter& w) {
                            KnockKey(w, id, session, user);
                            w.Field("name", name).Field("knockedAt", at);
                          }),
                          store::ReadKnock);
  }

  StatusOr<Knock> DoGetKnock(int64_t id, std::string_view session, std::string_view user) override {
    return CallFor<Knock>("getKnock", Obj([&](JsonWriter& w) { KnockKey(w, id, session, user); }),
                          store::ReadKnock);
  }

  StatusOr<Knock> DoDecideKnock(int64_t id, std::string_view session, std::string_view user,
                                KnockStatus status, std::string_view by, int64_t at) override {
    return CallFor<Knock>("decideKnock", Obj([&](JsonWriter& w) {
                            KnockKey(w, id, session, user);
                            w.Field("status", store::KnockStatusName(status));
                            w.Field("decidedBy", by).Field("decidedAt", at);
                          }),
                          store::ReadKnock);
  }

  StatusOr<Recording> DoSaveRecording(const Recording& r) override {
    std::string req;
    JsonWriter w(&req);
    w.BeginObject().Key("recording");
    store::WriteRecording(w, r);
    w.EndObject();
    return CallFor<Recording>("saveRecording", req, store::ReadRecording);
  }

  StatusOr<Recording> DoGetRecording(std::string_view egress_id) override {
    return CallFor<Recording>("getRecording",
                              Obj([&](JsonWriter& w) { w.Field("egressId", egress_id); }),
                              store::ReadRecording);
  }

  StatusOr<std::vector<Recording>> DoListRecordings(int64_t id) override {
    return ListFor<Recording>("listRecordings", Obj([&](JsonWriter& w) { w.Field("groupId", id); }),
                              "recordings", store::ReadRecording);
  }

  StatusOr<std::vector<BreakoutRoom>> DoOpenBreakouts(
      const std::vector<BreakoutRoom>& rooms) override {
    std::string req;
    JsonWriter w(&req);
    w.BeginObject().Key("breakouts").BeginArray();
    for (const BreakoutRoom& b : rooms) store::WriteBreakout(w, b);
    w.EndArray().EndObject();
    return ListFor<BreakoutRoom>("openBreakouts", req, "breakouts", store::ReadBreakout);
  }

  StatusOr<std::vector<BreakoutRoom>> DoCloseBreakouts(int64_t id, int64_t at) override {
    return ListFor<BreakoutRoom>(
        "closeBreakouts", Obj([&](JsonWriter& w) { w.Field("groupId", id).Field("closedAt", at); }),
        "breakouts", store::ReadBreakout);
  }

  StatusOr<std::vector<BreakoutRoom>> DoListBreakouts(int64_t id) override {
    return ListFor<BreakoutRoom>("listBreakouts",
                                 Obj([&](JsonWriter& w) { w.Field("groupId", id); }), "breakouts",
                                 store::ReadBreakout);
  }

  StatusOr<BreakoutRoom> DoGetBreakoutRoom(std::string_view name) override {
    return CallFor<BreakoutRoom>("getBreakoutRoom",
                                 Obj([&](JsonWriter& w) { w.Field("roomName", name); }),
                                 store::ReadBreakout);
  }

  StatusOr<std::vector<Knock>> DoListKnocks(int64_t id, std::string_view session) override {
    return ListFor<Knock>(
        "listKnocks", Obj([&](JsonWriter& w) { w.Field("groupId", id).Field("session", session); }),
        "knocks", store::ReadKnock);
  }

  StatusOr<SessionUsage> DoGetSessionUsage(std::string_view sid) override {
    return CallFor<SessionUsage>("getSessionUsage",
                                 Obj([&](JsonWriter& w) { w.Field("roomSid", sid); }),
                                 store::ReadSessionUsage);
  }

  StatusOr<GroupUsage> DoGetGroupUsage(int64_t id) override {
    return CallFor<GroupUsage>("getGroupUsage", Obj([&](JsonWriter& w) { w.Field("groupId", id); }),
                               store::ReadGroupUsage);
  }

 private:
  using Doc = std::unique_ptr<rapidjson::Document>;

  template <typename F>
  static std::string Obj(F&& fields) {
    std::string s;
    JsonWriter w(&s);
    w.BeginObject();
    fields(w);
    w.EndObject();
    return s;
  }

  StatusOr<Doc> Call(std::string_view op, const std::string& request) {
    lks_buf response = LKS_BUF_INIT;
    lks_status rc =
        b_.execute(b_.user_data, op.data(), op.size(), request.data(), request.size(), &response);
    std::string body = response.ptr ? std::string(response.ptr, response.size) : std::string();
    lks_buf_dispose(&response);
    auto doc = std::make_unique<rapidjson::Document>();
    if (rc != LKS_OK) {
      std::string message = "storage backend: " + std::string(op) + " failed";
      std::string reason;
      if (!body.empty() && internal::ParseJson(body, doc.get(), "response").ok() &&
          doc->IsObject()) {
        (void)internal::ReadString(*doc, "message", &message);
        (void)internal::ReadString(*doc, "reason", &reason);
      }
      Status s(static_cast<StatusCode>(rc), message);
      if (!reason.empty()) s.SetReason(reason);
      return s;
    }
    Status parsed =
        internal::ParseJson(body, doc.get(), std::string("storage backend ") + std::string(op));
    if (!parsed.ok()) return Status(StatusCode::kDataLoss, parsed.message());
    if (!doc->IsObject())
      return DataLossError("storage backend " + std::string(op) + ": expected a JSON object");
    return doc;
  }

  template <typename T, typename R>
  StatusOr<T> CallFor(std::string_view op, const std::string& request, R read) {
    StatusOr<Doc> doc = Call(op, request);
    if (!doc.ok()) return doc.status();
    T value;
    Status s = read(**doc, &value);
    if (!s.ok())
      return Status(StatusCode::kDataLoss,
                    "storage backend " + std::string(op) + ": " + s.message());
    return value;
  }

  template <typename T, typename R>
  static Status ReadArray(const JsonValue& obj, const char* key, std::vector<T>* out, R read) {
    const JsonValue* a = internal::FindMember(obj, key);
    if (!a || !a->IsArray()) return DataLossError(std::string(key) + ": expected an array");
    for (const JsonValue& e : a->GetArray()) {
      T value;
      LKS_RETURN_IF_ERROR(read(e, &value));
      out->push_back(std::move(value));
    }
    return OkStatus();
  }

  template <typename T, typename R>
  StatusOr<std::vector<T>> ListFor(std::string_view op, const std::string& request, const char* key,
                                   R read) {
    StatusOr<Doc> doc = Call(op, request);
    if (!doc.ok()) return doc.status();
    std::vector<T> out;
    Status s = ReadArray(**doc, key, &out, read);
    if (!s.ok())
      return Status(StatusCode::kDataLoss,
                    "storage backend " + std::string(op) + ": " + s.message());
    return out;
  }

  StatusOr<Membership> MemberOp(const char* op, int64_t id, std::string_view user,
                                MemberRole role) {
    return CallFor<Membership>(
        op, Obj([&](JsonWriter& w) {
          w.Field("groupId", id).Field("userId", user).Field("role", MemberRoleName(role));
        }),
        store::ReadMembership);
  }

  static void KnockKey(JsonWriter& w, int64_t id, std::string_view session, std::string_view user) {
    w.Field("groupId", id).Field("session", session).Field("userId", user);
  }

  lks_storage_backend b_;
};

}  // namespace

std::unique_ptr<StudyGroupStore> NewHostStudyGroupStore(const lks_storage_backend& backend) {
  return std::make_unique<HostStudyGroupStore>(backend);
}

lks_store* NewStoreHandle(std::unique_ptr<StudyGroupStore> store) {
  return new (std::nothrow) lks_store{std::move(store)};
}

}  // namespace lks::capi
