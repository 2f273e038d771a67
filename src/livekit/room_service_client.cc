// RoomServiceClient: each method checks its input, writes its request and reads its answer; the
// call itself (token and grant, headers, retries, error mapping) is TwirpClient's, chosen by the
// method's row in kMethods.
#include "lks/livekit/room_service_client.h"

#include <algorithm>
#include <cctype>

#include "core/json_fields.h"
#include "core/json_writer.h"
#include "livekit/models_json.h"
#include "livekit/twirp_client.h"
#include "lks/core/base64.h"
#include "lks/core/crypto.h"

namespace lks {
namespace {

using internal::Field;
using internal::kOmitEmpty;
using internal::kOmitUnset;
using internal::TwirpGrant;
using internal::TwirpMethod;

// RoomService's methods (livekit_room.proto) and the grant each one's token carries.
constexpr std::string_view kRoomService = "livekit.RoomService";
constexpr TwirpMethod kCreateRoom{kRoomService, "CreateRoom", TwirpGrant::kRoomCreate};
constexpr TwirpMethod kListRooms{kRoomService, "ListRooms", TwirpGrant::kRoomList};
constexpr TwirpMethod kDeleteRoom{kRoomService, "DeleteRoom", TwirpGrant::kRoomCreate};
constexpr TwirpMethod kListParticipants{kRoomService, "ListParticipants", TwirpGrant::kRoomAdmin};
constexpr TwirpMethod kGetParticipant{kRoomService, "GetParticipant", TwirpGrant::kRoomAdmin};
constexpr TwirpMethod kRemoveParticipant{kRoomService, "RemoveParticipant", TwirpGrant::kRoomAdmin};
constexpr TwirpMethod kMutePublishedTrack{kRoomService, "MutePublishedTrack",
                                          TwirpGrant::kRoomAdmin};
constexpr TwirpMethod kUpdateParticipant{kRoomService, "UpdateParticipant", TwirpGrant::kRoomAdmin};
constexpr TwirpMethod kUpdateSubscriptions{kRoomService, "UpdateSubscriptions",
                                           TwirpGrant::kRoomAdmin};
constexpr TwirpMethod kSendData{kRoomService, "SendData", TwirpGrant::kRoomAdmin};
constexpr TwirpMethod kUpdateRoomMetadata{kRoomService, "UpdateRoomMetadata",
                                          TwirpGrant::kRoomAdmin};
constexpr TwirpMethod kForwardParticipant{kRoomService, "ForwardParticipant",
                                          TwirpGrant::kRoomAdmin};
constexpr TwirpMethod kMoveParticipant{kRoomService, "MoveParticipant", TwirpGrant::kRoomAdmin};
constexpr TwirpMethod kPerformRpc{kRoomService, "PerformRpc", TwirpGrant::kRoomAdmin};
constexpr const TwirpMethod* kMethods[] = {
    &kCreateRoom,          &kListRooms,         &kDeleteRoom,         &kListParticipants,
    &kGetParticipant,      &kRemoveParticipant, &kMutePublishedTrack, &kUpdateParticipant,
    &kUpdateSubscriptions, &kSendData,          &kUpdateRoomMetadata, &kForwardParticipant,
    &kMoveParticipant,     &kPerformRpc};

// The method of that name; a method this version does not wrap is an admin one (CallJson).
TwirpMethod MethodNamed(std::string_view name) {
  for (const TwirpMethod* m : kMethods) {
    if (m->name == name) return *m;
  }
  return TwirpMethod{kRoomService, name, TwirpGrant::kRoomAdmin};
}

// The typed requests' descriptions (camelCase protojson; zero values left out).
constexpr internal::FieldDesc kCreateRoomFields[] = {
    Field<&CreateRoomRequest::name>("name"),
    Field<&CreateRoomRequest::empty_timeout>("emptyTimeout", {}, kOmitEmpty),
    Field<&CreateRoomRequest::departure_timeout>("departureTimeout", {}, kOmitEmpty),
    Field<&CreateRoomRequest::max_participants>("maxParticipants", {}, kOmitEmpty),
    Field<&CreateRoomRequest::metadata>("metadata", {}, kOmitEmpty),
    Field<&CreateRoomRequest::node_id>("nodeId", {}, kOmitEmpty),
    Field<&CreateRoomRequest::room_preset>("roomPreset", {}, kOmitEmpty),
    Field<&CreateRoomRequest::min_playout_delay>("minPlayoutDelay", {}, kOmitEmpty),
    Field<&CreateRoomRequest::max_playout_delay>("maxPlayoutDelay", {}, kOmitEmpty),
    Field<&CreateRoomRequest::sync_streams>("syncStreams", {}, kOmitEmpty),
};
constexpr internal::ModelDesc kCreateRoomRequest{kCreateRoomFields};

constexpr internal::FieldDesc kUpdateParticipantFields[] = {
    Field<&UpdateParticipantRequest::room>("room"),
    Field<&UpdateParticipantRequest::identity>("identity"),
    Field<&UpdateParticipantRequest::metadata>("metadata", {}, kOmitUnset),
    Field<&UpdateParticipantRequest::name>("name", {}, kOmitUnset),
    internal::Message<&UpdateParticipantRequest::permission>(
        "permission", {}, internal::kPermissionModel, kOmitUnset),
    Field<&UpdateParticipantRequest::attributes>("attributes", {}, kOmitEmpty),
};
constexpr internal::ModelDesc kUpdateParticipantRequest{kUpdateParticipantFields};

constexpr internal::FieldDesc kPerformRpcFields[] = {
    Field<&PerformRpcRequest::room>("room"),
    Field<&PerformRpcRequest::destination_identity>("destinationIdentity"),
    Field<&PerformRpcRequest::method>("method"),
    Field<&PerformRpcRequest::payload>("payload"),
    Field<&PerformRpcRequest::response_timeout_ms>("responseTimeoutMs", {}, kOmitEmpty),
};
constexpr internal::ModelDesc kPerformRpcRequest{kPerformRpcFields};

std::string Body(const internal::ModelDesc& desc, const void* request) {
  std::string body;
  internal::JsonWriter w(&body);
  internal::WriteJsonFields(w, desc, request);
  return body;
}

Status RequireNonEmpty(std::string_view value, const char* field) {
  if (value.empty()) return InvalidArgumentError(std::string(field) + ": required");
  return OkStatus();
}

Status CheckText(std::string_view value, const char* field, size_t max) {
  if (!internal::IsValidUtf8(value))
    return InvalidArgumentError(std::string(field) + ": not valid UTF-8");
  if (value.size() > max) {
    return InvalidArgumentError(std::string(field) + ": longer than " + std::to_string(max) +
                                " bytes");
  }
  return OkStatus();
}

Status CheckRoom(std::string_view room) {
  LKS_RETURN_IF_ERROR(RequireNonEmpty(room, "room"));
  return CheckText(room, "room", kMaxRoomNameBytes);
}
Status CheckRoomIdentity(std::string_view room, std::string_view identity) {
  LKS_RETURN_IF_ERROR(CheckRoom(room));
  LKS_RETURN_IF_ERROR(RequireNonEmpty(identity, "identity"));
  return CheckText(identity, "identity", kMaxIdentityBytes);
}
Status CheckDestination(std::string_view room, std::string_view identity, std::string_view dest) {
  LKS_RETURN_IF_ERROR(CheckRoomIdentity(room, identity));
  LKS_RETURN_IF_ERROR(RequireNonEmpty(dest, "destination_room"));
  return CheckText(dest, "destination_room", kMaxRoomNameBytes);
}

std::string RoomBody(std::string_view room) {
  std::string body;
  internal::JsonWriter(&body).BeginObject().Field("room", room).EndObject();
  return body;
}
std::string RoomIdentityBody(std::string_view room, std::string_view identity) {
  std::string body;
  internal::JsonWriter(&body)
      .BeginObject()
      .Field("room", room)
      .Field("identity", identity)
      .EndObject();
  return body;
}
std::string TransferBody(std::string_view room, std::string_view identity, std::string_view dest) {
  std::string body;
  internal::JsonWriter(&body)
      .BeginObject()
      .Field("room", room)
      .Field("identity", identity)
      .Field("destinationRoom", dest)
      .EndObject();
  return body;
}

}  // namespace

struct RoomServiceClient::Impl {
  std::unique_ptr<internal::TwirpClient> twirp;

  StatusOr<std::string> Call(const TwirpMethod& m, std::string body, std::string_view room,
                             std::string_view destination_room = {},
                             std::chrono::milliseconds timeout = {}) const {
    return twirp->Call(m, std::move(body), {room, destination_room}, timeout);
  }
};

RoomServiceClient::RoomServiceClient(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
RoomServiceClient::~RoomServiceClient() = default;

const std::string& RoomServiceClient::url() const noexcept { return impl_->twirp->url(); }
const HttpClient& RoomServiceClient::http_client() const noexcept {
  return impl_->twirp->http_client();
}

StatusOr<std::unique_ptr<RoomServiceClient>> RoomServiceClient::Create(RoomServiceOptions options) {
  auto impl = std::make_unique<Impl>();
  StatusOr<std::unique_ptr<internal::TwirpClient>> twirp =
      internal::TwirpClient::Create(std::move(options));
  if (!twirp.ok()) return twirp.status();
  impl->twirp = std::move(*twirp);
  return std::unique_ptr<RoomServiceClient>(new RoomServiceClient(std::move(impl)));
}

StatusOr<Room> RoomServiceClient::CreateRoom(const CreateRoomRequest& r) const {
  LKS_RETURN_IF_ERROR(RequireNonEmpty(r.name, "name"));
  LKS_RETURN_IF_ERROR(CheckText(r.name, "name", kMaxRoomNameBytes));
  LKS_RETURN_IF_ERROR(CheckText(r.metadata, "metadata", kMaxMetadataBytes));
  return internal::Answer<Room>(kCreateRoom.name,
                                impl_->Call(kCreateRoom, Body(kCreateRoomRequest, &r), r.name),
                                internal::kRoomModel, "room.");
}

StatusOr<std::vector<Room>> RoomServiceClient::ListRooms(
    const std::vector<std::string>& names) const {
  std::string body;
  internal::JsonWriter w(&body);
  w.BeginObject();
  if (!names.empty()) {
    w.Key("names").BeginArray();
    for (const std::string& n : names) {
      LKS_RETURN_IF_ERROR(CheckText(n, "names", kMaxRoomNameBytes));
      w.String(n);
    }
    w.EndArray();
  }
  w.EndObject();
  return internal::AnswerListAt<Room>(kListRooms.name, impl_->Call(kListRooms, std::move(body), {}),
                                      "rooms", internal::kRoomModel);
}

Status RoomServiceClient::DeleteRoom(std::string_view room) const {
  LKS_RETURN_IF_ERROR(CheckRoom(room));
  return impl_->Call(kDeleteRoom, RoomBody(room), room).status();
}

StatusOr<std::vector<ParticipantInfo>> RoomServiceClient::ListParticipants(
    std::string_view room) const {
  LKS_RETURN_IF_ERROR(CheckRoom(room));
  return internal::AnswerListAt<ParticipantInfo>(
      kListParticipants.name, impl_->Call(kListParticipants, RoomBody(room), room), "participants",
      internal::kParticipantInfoModel);
}

StatusOr<ParticipantInfo> RoomServiceClient::GetParticipant(std::string_view room,
                                                            std::string_view identity) const {
  LKS_RETURN_IF_ERROR(CheckRoomIdentity(room, identity));
  return internal::Answer<ParticipantInfo>(
      kGetParticipant.name, impl_->Call(kGetParticipant, RoomIdentityBody(room, identity), room),
      internal::kParticipantInfoModel, "participant.");
}

Status RoomServiceClient::RemoveParticipant(std::string_view room,
                                            std::string_view identity) const {
  LKS_RETURN_IF_ERROR(CheckRoomIdentity(room, identity));
  return impl_->Call(kRemoveParticipant, RoomIdentityBody(room, identity), room).status();
}

StatusOr<TrackInfo> RoomServiceClient::MutePublishedTrack(std::string_view room,
                                                          std::string_view identity,
                                                          std::string_view track_sid,
                                                          bool muted) const {
  LKS_RETURN_IF_ERROR(CheckRoomIdentity(room, identity));
  LKS_RETURN_IF_ERROR(RequireNonEmpty(track_sid, "track_sid"));
  std::string body;
  internal::JsonWriter(&body)
      .BeginObject()
      .Field("room", room)
      .Field("identity", identity)
      .Field("trackSid", track_sid)
      .Field("muted", muted)
      .EndObject();
  return internal::AnswerAt<TrackInfo>(kMutePublishedTrack.name,
                                       impl_->Call(kMutePublishedTrack, std::move(body), room),
                                       "track", internal::kTrackInfoModel);
}

StatusOr<ParticipantInfo> RoomServiceClient::UpdateParticipant(
    const UpdateParticipantRequest& r) const {
  LKS_RETURN_IF_ERROR(CheckRoomIdentity(r.room, r.identity));
  if (r.metadata) LKS_RETURN_IF_ERROR(CheckText(*r.metadata, "metadata", kMaxMetadataBytes));
  if (r.name) LKS_RETURN_IF_ERROR(CheckText(*r.name, "name", kMaxNameBytes));
  size_t attr_bytes = 0;
  for (const auto& [k, v] : r.attributes) {
    if (k.empty()) return InvalidArgumentError("attributes: empty key");
    LKS_RETURN_IF_ERROR(CheckText(k, "attributes", kMaxAttributesBytes));
    LKS_RETURN_IF_ERROR(CheckText(v, "attributes", kMaxAttributesBytes));
    attr_bytes += k.size() + v.size();
  }
  if (attr_bytes > kMaxAttributesBytes) {
    return InvalidArgumentError("attributes: larger than " + std::to_string(kMaxAttributesBytes) +
                                " bytes in total");
  }
  return internal::Answer<ParticipantInfo>(
      kUpdateParticipant.name,
      impl_->Call(kUpdateParticipant, Body(kUpdateParticipantRequest, &r), r.room),
      internal::kParticipantInfoModel, "participant.");
}

Status RoomServiceClient::UpdateSubscriptions(std::string_view room, std::string_view identity,
                                              const std::vector<std::string>& track_sids,
                                              bool subscribe) const {
  LKS_RETURN_IF_ERROR(CheckRoomIdentity(room, identity));
  std::string body;
  internal::JsonWriter w(&body);
  w.BeginObject().Field("room", room).Field("identity", identity).Key("trackSids").BeginArray();
  for (const std::string& sid : track_sids) {
    LKS_RETURN_IF_ERROR(CheckText(sid, "track_sids", 256));
    w.String(sid);
  }
  w.EndArray().Field("subscribe", subscribe).EndObject();
  return impl_->Call(kUpdateSubscriptions, std::move(body), room).status();
}

Status RoomServiceClient::SendData(const SendDataRequest& r) const {
  LKS_RETURN_IF_ERROR(CheckRoom(r.room));
  if (r.topic) LKS_RETURN_IF_ERROR(CheckText(*r.topic, "topic", 256));
  char nonce[16];
  LKS_RETURN_IF_ERROR(RandomBytes(nonce, sizeof nonce));
  std::string body;
  body.reserve(r.data.size() * 4 / 3 + 128);
  internal::JsonWriter w(&body);
  w.BeginObject().Field("room", r.room).Field("data", Base64Encode(r.data));
  w.Field("kind", r.kind == DataPacketKind::kLossy ? "LOSSY" : "RELIABLE");
  if (!r.destination_identities.empty()) {
    w.Key("destinationIdentities").BeginArray();
    for (const std::string& id : r.destination_identities) {
      LKS_RETURN_IF_ERROR(CheckText(id, "destination_identities", kMaxIdentityBytes));
      w.String(id);
    }
    w.EndArray();
  }
  if (r.topic) w.Field("topic", *r.topic);
  w.Field("nonce", Base64Encode(std::string_view(nonce, sizeof nonce)));
  w.EndObject();
  return impl_->Call(kSendData, std::move(body), r.room).status();
}

StatusOr<Room> RoomServiceClient::UpdateRoomMetadata(std::string_view room,
                                                     std::string_view metadata) const {
  LKS_RETURN_IF_ERROR(CheckRoom(room));
  LKS_RETURN_IF_ERROR(CheckText(metadata, "metadata", kMaxMetadataBytes));
  std::string body;
  internal::JsonWriter(&body)
      .BeginObject()
      .Field("room", room)
      .Field("metadata", metadata)
      .EndObject();
  return internal::Answer<Room>(kUpdateRoomMetadata.name,
                                impl_->Call(kUpdateRoomMetadata, std::move(body), room),
                                internal::kRoomModel, "room.");
}

namespace {
// ForwardParticipant and MoveParticipant: the same request, a token for both rooms.
Status Transfer(const internal::TwirpClient& twirp, const TwirpMethod& m, std::string_view room,
                std::string_view identity, std::string_view destination_room) {
  LKS_RETURN_IF_ERROR(CheckDestination(room, identity, destination_room));
  return twirp.Call(m, TransferBody(room, identity, destination_room), {room, destination_room})
      .status();
}
}  // namespace

Status RoomServiceClient::ForwardParticipant(std::string_view room, std::string_view identity,
                                             std::string_view destination_room) const {
  return Transfer(*impl_->twirp, kForwardParticipant, room, identity, destination_room);
}

Status RoomServiceClient::MoveParticipant(std::string_view room, std::string_view identity,
                                          std::string_view destination_room) const {
  return Transfer(*impl_->twirp, kMoveParticipant, room, identity, destination_room);
}

StatusOr<std::string> RoomServiceClient::PerformRpc(const PerformRpcRequest& r) const {
  LKS_RETURN_IF_ERROR(CheckRoom(r.room));
  LKS_RETURN_IF_ERROR(RequireNonEmpty(r.destination_identity, "destination_identity"));
  LKS_RETURN_IF_ERROR(RequireNonEmpty(r.method, "method"));
  LKS_RETURN_IF_ERROR(CheckText(r.method, "method", 256));
  LKS_RETURN_IF_ERROR(CheckText(r.payload, "payload", 15 * 1024));
  // The server waits for the participant's answer: give the attempt that long and a margin.
  auto wait = std::chrono::milliseconds(r.response_timeout_ms ? r.response_timeout_ms : 15000) +
              std::chrono::milliseconds(2000);
  auto timeout = std::max(impl_->twirp->options().timeout, wait);
  StatusOr<std::string> answer =
      impl_->Call(kPerformRpc, Body(kPerformRpcRequest, &r), r.room, {}, timeout);
  if (!answer.ok()) return answer.status();
  rapidjson::Document doc;
  Status s = internal::ParseJson(*answer, &doc, "body");
  if (s.ok() && !doc.IsObject()) s = InvalidArgumentError("body: expected a JSON object");
  std::string payload;
  if (s.ok()) s = internal::ReadString(doc, "payload", &payload);
  if (!s.ok()) return internal::BadResponse(kPerformRpc.name, s);
  return payload;
}

StatusOr<std::string> RoomServiceClient::CallJson(std::string_view method,
                                                  std::string_view request_json) const {
  LKS_RETURN_IF_ERROR(RequireNonEmpty(method, "method"));
  for (char c : method) {
    if (!std::isalnum(static_cast<unsigned char>(c)))
      return InvalidArgumentError("method: must be a plain name");
  }
  rapidjson::Document doc;
  LKS_RETURN_IF_ERROR(
      internal::ParseJson(request_json.empty() ? "{}" : request_json, &doc, "request"));
  if (!doc.IsObject()) return InvalidArgumentError("request: expected a JSON object");
  const TwirpMethod m = MethodNamed(method);
  std::string room, dest;
  if (m.grant == TwirpGrant::kRoomAdmin) {
    LKS_RETURN_IF_ERROR(internal::ReadString(doc, "room", &room, "request."));
    LKS_RETURN_IF_ERROR(CheckRoom(room).Annotate("request"));
    LKS_RETURN_IF_ERROR(internal::ReadString(doc, "destination_room", &dest, "request."));
    LKS_RETURN_IF_ERROR(internal::ReadString(doc, "destinationRoom", &dest, "request."));
  } else if (m.name == "CreateRoom") {
    std::string name;
    LKS_RETURN_IF_ERROR(internal::ReadString(doc, "name", &name, "request."));
    LKS_RETURN_IF_ERROR(RequireNonEmpty(name, "request.name"));
  }
  return impl_->Call(m, std::string(request_json.empty() ? "{}" : request_json), room, dest);
}

}  // namespace lks
