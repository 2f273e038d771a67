// AgentDispatchClient: three methods of livekit.AgentDispatchService over TwirpClient, each
// token carrying roomAdmin for the dispatch's room; answers read through descriptions.
#include "lks/livekit/agent_dispatch_client.h"

#include <cctype>

#include "core/json_fields.h"
#include "core/json_writer.h"
#include "livekit/enum_names.h"
#include "livekit/models_json.h"
#include "livekit/twirp_client.h"

namespace lks {
namespace {

using internal::Enum;
using internal::Field;
using internal::TwirpGrant;
using internal::TwirpMethod;

constexpr std::string_view kDispatchService = "livekit.AgentDispatchService";
constexpr TwirpMethod kCreateDispatch{kDispatchService, "CreateDispatch", TwirpGrant::kRoomAdmin};
constexpr TwirpMethod kDeleteDispatch{kDispatchService, "DeleteDispatch", TwirpGrant::kRoomAdmin};
constexpr TwirpMethod kListDispatch{kDispatchService, "ListDispatch", TwirpGrant::kRoomAdmin};

// livekit_agent.proto's Job (state flattened) and livekit_agent_dispatch.proto's AgentDispatch.
constexpr internal::FieldDesc kJobStateFields[] = {
    Enum<&AgentJob::status>("status", {}, internal::kJobStatusNames),
    Field<&AgentJob::error>("error"),
    Field<&AgentJob::participant_identity>("participantIdentity", "participant_identity"),
};
constexpr internal::ModelDesc kJobStateModel{kJobStateFields};
constexpr internal::FieldDesc kJobFields[] = {
    Field<&AgentJob::id>("id"),
    Field<&AgentJob::dispatch_id>("dispatchId", "dispatch_id"),
    Enum<&AgentJob::type>("type", {}, internal::kJobTypeNames),
    Field<&AgentJob::agent_name>("agentName", "agent_name"),
    Field<&AgentJob::metadata>("metadata"),
    internal::Flattened("state", kJobStateModel),
};
constexpr internal::ModelDesc kJobModel{kJobFields};
constexpr internal::FieldDesc kDispatchStateFields[] = {
    internal::Message<&AgentDispatch::jobs>("jobs", {}, kJobModel),
    Field<&AgentDispatch::created_at>("createdAt", "created_at"),
    Field<&AgentDispatch::deleted_at>("deletedAt", "deleted_at"),
};
constexpr internal::ModelDesc kDispatchStateModel{kDispatchStateFields};
constexpr internal::FieldDesc kDispatchFields[] = {
    Field<&AgentDispatch::id>("id"),
    Field<&AgentDispatch::agent_name>("agentName", "agent_name"),
    Field<&AgentDispatch::room>("room"),
    Field<&AgentDispatch::metadata>("metadata"),
    internal::Flattened("state", kDispatchStateModel),
};
constexpr internal::ModelDesc kDispatchModel{kDispatchFields,
                                             internal::RawJson<&AgentDispatch::raw_json>};

Status CheckName(std::string_view v, const char* field, size_t max) {
  if (v.empty()) return InvalidArgumentError(std::string(field) + ": required");
  if (!internal::IsValidUtf8(v))
    return InvalidArgumentError(std::string(field) + ": not valid UTF-8");
  if (v.size() > max) {
    return InvalidArgumentError(std::string(field) + ": longer than " + std::to_string(max) +
                                " bytes");
  }
  return OkStatus();
}

std::string Body(std::initializer_list<std::pair<std::string_view, std::string_view>> fields) {
  std::string body;
  internal::JsonWriter w(&body);
  w.BeginObject();
  for (const auto& [k, v] : fields) {
    if (!v.empty()) w.Field(k, v);
  }
  w.EndObject();
  return body;
}

}  // namespace

struct AgentDispatchClient::Impl {
  std::unique_ptr<internal::TwirpClient> twirp;
};

AgentDispatchClient::AgentDispatchClient(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
AgentDispatchClient::~AgentDispatchClient() = default;

StatusOr<std::unique_ptr<AgentDispatchClient>> AgentDispatchClient::Create(
    RoomServiceOptions options) {
  auto impl = std::make_unique<Impl>();
  StatusOr<std::unique_ptr<internal::TwirpClient>> twirp =
      internal::TwirpClient::Create(std::move(options));
  if (!twirp.ok()) return twirp.status();
  impl->twirp = std::move(*twirp);
  return std::unique_ptr<AgentDispatchClient>(new AgentDispatchClient(std::move(impl)));
}

StatusOr<AgentDispatch> AgentDispatchClient::CreateDispatch(std::string_view room,
                                                            std::string_view agent_name,
                                                            std::string_view metadata) const {
  LKS_RETURN_IF_ERROR(CheckName(room, "room", kMaxRoomNameBytes));
  LKS_RETURN_IF_ERROR(CheckName(agent_name, "agent_name", kMaxNameBytes));
  if (!internal::IsValidUtf8(metadata)) return InvalidArgumentError("metadata: not valid UTF-8");
  if (metadata.size() > kMaxMetadataBytes) return InvalidArgumentError("metadata: too long");
  std::string body = Body({{"agentName", agent_name}, {"room", room}, {"metadata", metadata}});
  return internal::Answer<AgentDispatch>(
      kCreateDispatch.name, impl_->twirp->Call(kCreateDispatch, std::move(body), {room, {}}),
      kDispatchModel, "dispatch.");
}

StatusOr<AgentDispatch> AgentDispatchClient::DeleteDispatch(std::string_view room,
                                                            std::string_view dispatch_id) const {
  LKS_RETURN_IF_ERROR(CheckName(room, "room", kMaxRoomNameBytes));
  LKS_RETURN_IF_ERROR(CheckName(dispatch_id, "dispatch_id", 256));
  std::string body = Body({{"dispatchId", dispatch_id}, {"room", room}});
  return internal::Answer<AgentDispatch>(
      kDeleteDispatch.name, impl_->twirp->Call(kDeleteDispatch, std::move(body), {room, {}}),
      kDispatchModel, "dispatch.");
}

StatusOr<std::vector<AgentDispatch>> AgentDispatchClient::ListDispatch(
    std::string_view room, std::string_view dispatch_id) const {
  LKS_RETURN_IF_ERROR(CheckName(room, "room", kMaxRoomNameBytes));
  std::string body = Body({{"dispatchId", dispatch_id}, {"room", room}});
  StatusOr<std::string> answer = impl_->twirp->Call(kListDispatch, std::move(body), {room, {}});
  // The real server writes snake_case member names, LiveKit's test-server camelCase.
  const bool snake = answer.ok() && answer->find("\"agent_dispatches\"") != std::string::npos;
  return internal::AnswerListAt<AgentDispatch>(
      kListDispatch.name, answer, snake ? "agent_dispatches" : "agentDispatches", kDispatchModel);
}

StatusOr<std::string> AgentDispatchClient::CallJson(std::string_view method,
                                                    std::string_view request_json) const {
  if (method.empty()) return InvalidArgumentError("method: required");
  for (char c : method) {
    if (!std::isalnum(static_cast<unsigned char>(c)))
      return InvalidArgumentError("method: must be a plain name");
  }
  std::string_view json = request_json.empty() ? std::string_view("{}") : request_json;
  rapidjson::Document doc;
  LKS_RETURN_IF_ERROR(internal::ParseJson(json, &doc, "request"));
  if (!doc.IsObject()) return InvalidArgumentError("request: expected a JSON object");
  std::string room;
  LKS_RETURN_IF_ERROR(internal::ReadString(doc, "room", &room, "request."));
  LKS_RETURN_IF_ERROR(CheckName(room, "request.room", kMaxRoomNameBytes));
  return impl_->twirp->Call(TwirpMethod{kDispatchService, method, TwirpGrant::kRoomAdmin},
                            std::string(json), {room, {}});
}

}  // namespace lks
