#include "host_store.h"

#include <string>

#include "store/store_json.h"
#include "store/validation.h"

namespace lks::capi {
namespace {

using internal::JsonValue;
using internal::JsonWriter;
using store::CheckGroupId;
using store::CheckId;
using store::CheckText;
using store::CheckTimestamp;

class HostStudyGroupStore final : public StudyGroupStore {
 public:
  explicit HostStudyGroupStore(const lks_storage_backend& b) : b_(b) {}
  ~HostStudyGroupStore() override {
    if (b_.destroy) b_.destroy(b_.user_data);
  }

  StatusOr<StudyGroup> CreateGroup(const NewStudyGroup& group, std::string_view owner) override {
    LKS_RETURN_IF_ERROR(store::CheckNewGroup(group));
    LKS_RETURN_IF_ERROR(CheckId(owner, "ownerUserId"));
    std::string req;
    JsonWriter w(&req);
    w.BeginObject().Key("group");
    store::WriteNewGroup(w, group);
    w.Field("ownerUserId", owner).EndObject();
    return CallFor<StudyGroup>("createGroup", req, store::ReadGroup);
  }

  StatusOr<StudyGroup> GetGroup(int64_t id) override {
    LKS_RETURN_IF_ERROR(CheckGroupId(id));
    return CallFor<StudyGroup>("getGroup", Obj([&](JsonWriter& w) { w.Field("groupId", id); }),
                               store::ReadGroup);
  }

  StatusOr<StudyGroup> GetGroupByRoomName(std::string_view room) override {
    LKS_RETURN_IF_ERROR(CheckId(room, "livekitRoomName"));
    return CallFor<StudyGroup>("getGroupByRoomName",
                               Obj([&](JsonWriter& w) { w.Field("roomName", room); }),
                               store::ReadGroup);
  }

  StatusOr<StudyGroupPage> ListGroupsForMember(std::string_view user, int64_t after,
                                               int32_t limit) override {
    LKS_RETURN_IF_ERROR(CheckId(user, "userId"));
    if (after < 0) return InvalidArgumentError("afterId: must not be negative");
    if (limit < 1 || limit > 1000) return InvalidArgumentError("limit: must be between 1 and 1000");
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

  StatusOr<StudyGroup> UpdateGroup(int64_t id, const StudyGroupUpdate& u) override {
    LKS_RETURN_IF_ERROR(CheckGroupId(id));
    std::string req;
    JsonWriter w(&req);
    w.BeginObject().Field("groupId", id).Key("update");
    store::WriteUpdate(w, u);
    w.EndObject();
    return CallFor<StudyGroup>("updateGroup", req, store::ReadGroup);
  }

  Status SetRoomSid(int64_t id, std::string_view sid) override {
    LKS_RETURN_IF_ERROR(CheckGroupId(id));
    LKS_RETURN_IF_ERROR(CheckId(sid, "roomSid"));
    return Call("setRoomSid",
                Obj([&](JsonWriter& w) { w.Field("groupId", id).Field("roomSid", sid); }))
        .status();
  }

  Status DeleteGroup(int64_t id) override {
    LKS_RETURN_IF_ERROR(CheckGroupId(id));
    return Call("deleteGroup", Obj([&](JsonWriter& w) { w.Field("groupId", id); })).status();
  }

  StatusOr<Membership> AddMember(int64_t id, std::string_view user, MemberRole role) override {
    return MemberOp("addMember", id, user, role);
  }

  Status RemoveMember(int64_t id, std::string_view user) override {
    LKS_RETURN_IF_ERROR(CheckGroupId(id));
    LKS_RETURN_IF_ERROR(CheckId(user, "userId"));
    return Call("removeMember",
                Obj([&](JsonWriter& w) { w.Field("groupId", id).Field("userId", user); }))
        .status();
  }

  StatusOr<Membership> SetMemberRole(int64_t id, std::string_view user, MemberRole role) override {
    return MemberOp("setMemberRole", id, user, role);
  }

  StatusOr<Membership> GetMembership(int64_t id, std::string_view user) override {
    LKS_RETURN_IF_ERROR(CheckGroupId(id));
    LKS_RETURN_IF_ERROR(CheckId(user, "userId"));
    return CallFor<Membership>(
        "getMembership", Obj([&](JsonWriter& w) { w.Field("groupId", id).Field("userId", user); }),
        store::ReadMembership);
  }

  StatusOr<std::vector<Membership>> ListMembers(int64_t id) override {
    LKS_RETURN_IF_ERROR(CheckGroupId(id));
    return ListFor<Membership>("listMembers", Obj([&](JsonWriter& w) { w.Field("groupId", id); }),
                               "members", store::ReadMembership);
  }

  StatusOr<RoomSession> OpenRoomSession(int64_t id, std::string_view sid, std::string_view name,
                                        int64_t started) override {
    LKS_RETURN_IF_ERROR(CheckGroupId(id));
    LKS_RETURN_IF_ERROR(CheckId(sid, "roomSid"));
    LKS_RETURN_IF_ERROR(CheckId(name, "roomName"));
    LKS_RETURN_IF_ERROR(CheckTimestamp(started, "startedAt"));
    return CallFor<RoomSession>(
        "openRoomSession", Obj([&](JsonWriter& w) {
          w.Field("groupId", id).Field("roomSid", sid).Field("roomName", name);
          w.Field("startedAt", started);
        }),
        store::ReadSession);
  }

  StatusOr<RoomSession> CloseRoomSession(std::string_view sid, int64_t ended) override {
    LKS_RETURN_IF_ERROR(CheckId(sid, "roomSid"));
    LKS_RETURN_IF_ERROR(CheckTimestamp(ended, "endedAt"));
    return CallFor<RoomSession>("closeRoomSession", Obj([&](JsonWriter& w) {
                                  w.Field("roomSid", sid).Field("endedAt", ended);
                                }),
                                store::ReadSession);
  }

  StatusOr<RoomSession> GetRoomSession(std::string_view sid) override {
    LKS_RETURN_IF_ERROR(CheckId(sid, "roomSid"));
    return CallFor<RoomSession>(
        "getRoomSession", Obj([&](JsonWriter& w) { w.Field("roomSid", sid); }), store::ReadSession);
  }

  StatusOr<std::vector<RoomSession>> ListRoomSessions(int64_t id) override {
    LKS_RETURN_IF_ERROR(CheckGroupId(id));
    return ListFor<RoomSession>("listRoomSessions",
                                Obj([&](JsonWriter& w) { w.Field("groupId", id); }), "sessions",
                                store::ReadSession);
  }

  StatusOr<Attendance> RecordJoin(std::string_view sid, std::string_view identity,
                                  std::string_view user, int64_t joined) override {
    LKS_RETURN_IF_ERROR(CheckId(sid, "roomSid"));
    LKS_RETURN_IF_ERROR(CheckId(identity, "participantIdentity"));
    LKS_RETURN_IF_ERROR(CheckText(user, "userId", kMaxIdBytes, false));
    LKS_RETURN_IF_ERROR(CheckTimestamp(joined, "joinedAt"));
    return CallFor<Attendance>("recordJoin", Obj([&](JsonWriter& w) {
                                 w.Field("roomSid", sid).Field("participantIdentity", identity);
                                 w.Field("userId", user).Field("joinedAt", joined);
                               }),
                               store::ReadAttendance);
  }

  StatusOr<Attendance> RecordLeave(std::string_view sid, std::string_view identity,
                                   int64_t left) override {
    LKS_RETURN_IF_ERROR(CheckId(sid, "roomSid"));
    LKS_RETURN_IF_ERROR(CheckId(identity, "participantIdentity"));
    LKS_RETURN_IF_ERROR(CheckTimestamp(left, "leftAt"));
    return CallFor<Attendance>(
        "recordLeave", Obj([&](JsonWriter& w) {
          w.Field("roomSid", sid).Field("participantIdentity", identity).Field("leftAt", left);
        }),
        store::ReadAttendance);
  }

  StatusOr<std::vector<Attendance>> ListAttendance(std::string_view sid) override {
    LKS_RETURN_IF_ERROR(CheckId(sid, "roomSid"));
    return ListFor<Attendance>("listAttendance",
                               Obj([&](JsonWriter& w) { w.Field("roomSid", sid); }), "attendance",
                               store::ReadAttendance);
  }

  StatusOr<EventMark> MarkEventSeen(std::string_view event_id, int64_t at) override {
    LKS_RETURN_IF_ERROR(CheckId(event_id, "eventId"));
    LKS_RETURN_IF_ERROR(CheckTimestamp(at, "receivedAt"));
    auto doc =
        Call("markEventSeen",
             Obj([&](JsonWriter& w) { w.Field("eventId", event_id).Field("receivedAt", at); }));
    if (!doc.ok()) return doc.status();
    bool seen = false;
    LKS_RETURN_IF_ERROR(internal::ReadBool(**doc, "alreadySeen", &seen));
    return seen ? EventMark::kAlreadySeen : EventMark::kFirstSeen;
  }

  StatusOr<int64_t> PruneEventsBefore(int64_t before) override {
    LKS_RETURN_IF_ERROR(CheckTimestamp(before, "before"));
    auto doc = Call("pruneEvents", Obj([&](JsonWriter& w) { w.Field("before", before); }));
    if (!doc.ok()) return doc.status();
    int64_t n = 0;
    LKS_RETURN_IF_ERROR(internal::ReadInt64(**doc, "deleted", &n));
    return n;
  }

  Status AddRemoval(std::string_view sid, std::string_view user, std::string_view by,
                    int64_t at) override {
    LKS_RETURN_IF_ERROR(CheckId(sid, "roomSid"));
    LKS_RETURN_IF_ERROR(CheckId(user, "userId"));
    LKS_RETURN_IF_ERROR(CheckText(by, "removedBy", kMaxIdBytes, false));
    LKS_RETURN_IF_ERROR(CheckTimestamp(at, "removedAt"));
    return Call("addRemoval", Obj([&](JsonWriter& w) {
                  w.Field("roomSid", sid)
                      .Field("userId", user)
                      .Field("removedBy", by)
                      .Field("removedAt", at);
                }))
        .status();
  }

  StatusOr<bool> IsRemoved(std::string_view sid, std::string_view user) override {
    LKS_RETURN_IF_ERROR(CheckId(sid, "roomSid"));
    LKS_RETURN_IF_ERROR(CheckId(user, "userId"));
    auto doc = Call("isRemoved",
                    Obj([&](JsonWriter& w) { w.Field("roomSid", sid).Field("userId", user); }));
    if (!doc.ok()) return doc.status();
    bool removed = false;
    LKS_RETURN_IF_ERROR(internal::ReadBool(**doc, "removed", &removed));
    return removed;
  }

  StatusOr<SessionUsage> GetSessionUsage(std::string_view sid) override {
    LKS_RETURN_IF_ERROR(CheckId(sid, "roomSid"));
    return CallFor<SessionUsage>("getSessionUsage",
                                 Obj([&](JsonWriter& w) { w.Field("roomSid", sid); }),
                                 store::ReadSessionUsage);
  }

  StatusOr<GroupUsage> GetGroupUsage(int64_t id) override {
    LKS_RETURN_IF_ERROR(CheckGroupId(id));
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
    LKS_RETURN_IF_ERROR(CheckGroupId(id));
    LKS_RETURN_IF_ERROR(CheckId(user, "userId"));
    return CallFor<Membership>(
        op, Obj([&](JsonWriter& w) {
          w.Field("groupId", id).Field("userId", user).Field("role", MemberRoleName(role));
        }),
        store::ReadMembership);
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
