// EgressClient: each method checks its request, writes it through its description and reads
// the EgressInfo answer; the call itself is TwirpClient's (token with roomRecord, retries, error
// mapping), followed by the mapping of "no egress worker" answers (MapNoWorker).
#include "lks/livekit/egress_client.h"

#include <algorithm>
#include <cctype>

#include "core/json_fields.h"
#include "core/json_writer.h"
#include "livekit/egress_json.h"
#include "livekit/models_json.h"
#include "livekit/twirp_client.h"

namespace lks {
namespace {

using internal::TwirpGrant;
using internal::TwirpMethod;

// livekit.Egress's methods (livekit_egress.proto); every token carries roomRecord.
constexpr std::string_view kEgressService = "livekit.Egress";
constexpr TwirpMethod Method(std::string_view name) {
  return TwirpMethod{kEgressService, name, TwirpGrant::kRoomRecord};
}
constexpr TwirpMethod kStartRoomComposite = Method("StartRoomCompositeEgress");
constexpr TwirpMethod kStartParticipant = Method("StartParticipantEgress");
constexpr TwirpMethod kStartTrack = Method("StartTrackEgress");
constexpr TwirpMethod kStartTrackComposite = Method("StartTrackCompositeEgress");
constexpr TwirpMethod kStartWeb = Method("StartWebEgress");
constexpr TwirpMethod kUpdateLayout = Method("UpdateLayout");
constexpr TwirpMethod kUpdateStream = Method("UpdateStream");
constexpr TwirpMethod kListEgress = Method("ListEgress");
constexpr TwirpMethod kStopEgress = Method("StopEgress");

// A server-sent error that means "no egress worker took the request" becomes kUnavailable,
// reason "egress_unavailable": livekit-server answers Twirp internal "egress not connected
// (redis required)" when it has no egress bus, and psrpc's "no response from servers"
// (unavailable) or a deadline when no worker answers. Transport failures (no http_status)
// stay as they are.
Status MapNoWorker(std::string_view method, Status s) {
  if (s.ok() || s.http_status() == 0) return s;
  const std::string& msg = s.message();
  const bool not_connected = msg.find("egress not connected") != std::string::npos ||
                             msg.find("egressNotConnected") != std::string::npos;
  const bool no_answer =
      s.code() == StatusCode::kUnavailable ||
      (s.code() == StatusCode::kDeadlineExceeded && msg.find("no response") != std::string::npos) ||
      msg.find("no response from servers") != std::string::npos;
  if (!not_connected && !no_answer) return s;
  Status out(StatusCode::kUnavailable,
             std::string(method) + ": no egress worker is available (" + msg + ")");
  return std::move(out).WithReason("egress_unavailable").WithHttpStatus(503);
}

Status Required(std::string_view v, const char* field) {
  if (v.empty()) return InvalidArgumentError(std::string(field) + ": required");
  return OkStatus();
}

template <typename Out>
Status OneUpload(const Out& o, const std::string& field) {
  int n = o.s3.has_value() + o.gcp.has_value() + o.azure.has_value() + o.ali_oss.has_value();
  if (n > 1) return InvalidArgumentError(field + ": at most one of s3, gcp, azure, ali_oss");
  return OkStatus();
}

// The checks every encoded (Start*Egress but Track) request shares.
template <typename R>
Status CheckEncoded(const R& r) {
  if (r.preset && r.advanced) return InvalidArgumentError("preset: exclusive with advanced");
  if (r.file_outputs.empty() && r.stream_outputs.empty() && r.segment_outputs.empty())
    return InvalidArgumentError("outputs: at least one file, stream or segment output required");
  for (size_t i = 0; i < r.file_outputs.size(); ++i)
    LKS_RETURN_IF_ERROR(OneUpload(r.file_outputs[i], "file_outputs[" + std::to_string(i) + "]"));
  for (size_t i = 0; i < r.segment_outputs.size(); ++i) {
    LKS_RETURN_IF_ERROR(
        OneUpload(r.segment_outputs[i], "segment_outputs[" + std::to_string(i) + "]"));
  }
  for (size_t i = 0; i < r.stream_outputs.size(); ++i) {
    if (r.stream_outputs[i].urls.empty()) {
      return InvalidArgumentError("stream_outputs[" + std::to_string(i) + "].urls: required");
    }
  }
  return OkStatus();
}

std::string Body(const internal::ModelDesc& desc, const void* request) {
  std::string body;
  internal::JsonWriter w(&body);
  internal::WriteJsonFields(w, desc, request);
  return body;
}

std::string EgressIdBody(std::string_view egress_id) {
  std::string body;
  internal::JsonWriter(&body).BeginObject().Field("egressId", egress_id).EndObject();
  return body;
}

}  // namespace

// livekit-server v1.13.5 waits about 20 s for an egress worker to take a Start request before
// it answers 503 "no response from servers"; a shorter X-Twirp-Timeout-Ms only turns that into
// 408 "request canceled" at the same moment the client gives up. Start calls therefore get at
// least this long per attempt, so the server's own answer arrives.
constexpr std::chrono::milliseconds kStartTimeout{30000};

struct EgressClient::Impl {
  std::unique_ptr<internal::TwirpClient> twirp;

  StatusOr<std::string> Call(const TwirpMethod& m, std::string body) const {
    std::chrono::milliseconds timeout{0};
    if (m.name.starts_with("Start")) timeout = std::max(twirp->options().timeout, kStartTimeout);
    StatusOr<std::string> r = twirp->Call(m, std::move(body), {}, timeout);
    if (!r.ok()) return MapNoWorker(m.name, r.status());
    return r;
  }
  StatusOr<EgressInfo> Info(const TwirpMethod& m, std::string body) const {
    return internal::Answer<EgressInfo>(m.name, Call(m, std::move(body)),
                                        internal::kEgressInfoModel, "egress.");
  }
};

EgressClient::EgressClient(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
EgressClient::~EgressClient() = default;

const std::string& EgressClient::url() const noexcept { return impl_->twirp->url(); }

StatusOr<std::unique_ptr<EgressClient>> EgressClient::Create(RoomServiceOptions options) {
  auto impl = std::make_unique<Impl>();
  StatusOr<std::unique_ptr<internal::TwirpClient>> twirp =
      internal::TwirpClient::Create(std::move(options));
  if (!twirp.ok()) return twirp.status();
  impl->twirp = std::move(*twirp);
  return std::unique_ptr<EgressClient>(new EgressClient(std::move(impl)));
}

StatusOr<EgressInfo> EgressClient::StartRoomCompositeEgress(
    const RoomCompositeEgressRequest& r) const {
  LKS_RETURN_IF_ERROR(Required(r.room_name, "room_name"));
  LKS_RETURN_IF_ERROR(CheckEncoded(r));
  return impl_->Info(kStartRoomComposite, Body(internal::kRoomCompositeEgressRequestModel, &r));
}

StatusOr<EgressInfo> EgressClient::StartParticipantEgress(const ParticipantEgressRequest& r) const {
  LKS_RETURN_IF_ERROR(Required(r.room_name, "room_name"));
  LKS_RETURN_IF_ERROR(Required(r.identity, "identity"));
  LKS_RETURN_IF_ERROR(CheckEncoded(r));
  return impl_->Info(kStartParticipant, Body(internal::kParticipantEgressRequestModel, &r));
}

StatusOr<EgressInfo> EgressClient::StartTrackEgress(const TrackEgressRequest& r) const {
  LKS_RETURN_IF_ERROR(Required(r.room_name, "room_name"));
  LKS_RETURN_IF_ERROR(Required(r.track_id, "track_id"));
  if (r.file.has_value() == !r.websocket_url.empty())
    return InvalidArgumentError("file: exactly one of file and websocket_url required");
  if (r.file) LKS_RETURN_IF_ERROR(OneUpload(*r.file, "file"));
  return impl_->Info(kStartTrack, Body(internal::kTrackEgressRequestModel, &r));
}

StatusOr<EgressInfo> EgressClient::StartTrackCompositeEgress(
    const TrackCompositeEgressRequest& r) const {
  LKS_RETURN_IF_ERROR(Required(r.room_name, "room_name"));
  if (r.audio_track_id.empty() && r.video_track_id.empty())
    return InvalidArgumentError("audio_track_id: audio_track_id or video_track_id required");
  LKS_RETURN_IF_ERROR(CheckEncoded(r));
  return impl_->Info(kStartTrackComposite, Body(internal::kTrackCompositeEgressRequestModel, &r));
}

StatusOr<EgressInfo> EgressClient::StartWebEgress(const WebEgressRequest& r) const {
  LKS_RETURN_IF_ERROR(Required(r.url, "url"));
  LKS_RETURN_IF_ERROR(CheckEncoded(r));
  return impl_->Info(kStartWeb, Body(internal::kWebEgressRequestModel, &r));
}

StatusOr<EgressInfo> EgressClient::UpdateLayout(std::string_view egress_id,
                                                std::string_view layout) const {
  LKS_RETURN_IF_ERROR(Required(egress_id, "egress_id"));
  std::string body;
  internal::JsonWriter(&body)
      .BeginObject()
      .Field("egressId", egress_id)
      .Field("layout", layout)
      .EndObject();
  return impl_->Info(kUpdateLayout, std::move(body));
}

StatusOr<EgressInfo> EgressClient::UpdateStream(std::string_view egress_id,
                                                const std::vector<std::string>& add,
                                                const std::vector<std::string>& remove) const {
  LKS_RETURN_IF_ERROR(Required(egress_id, "egress_id"));
  if (add.empty() && remove.empty())
    return InvalidArgumentError("add_output_urls: nothing to add or remove");
  std::string body;
  internal::JsonWriter w(&body);
  w.BeginObject().Field("egressId", egress_id);
  w.Key("addOutputUrls").BeginArray();
  for (const std::string& u : add) w.String(u);
  w.EndArray().Key("removeOutputUrls").BeginArray();
  for (const std::string& u : remove) w.String(u);
  w.EndArray().EndObject();
  return impl_->Info(kUpdateStream, std::move(body));
}

StatusOr<std::vector<EgressInfo>> EgressClient::ListEgress(const ListEgressRequest& r) const {
  return internal::AnswerListAt<EgressInfo>(
      kListEgress.name, impl_->Call(kListEgress, Body(internal::kListEgressRequestModel, &r)),
      "items", internal::kEgressInfoModel);
}

StatusOr<EgressInfo> EgressClient::StopEgress(std::string_view egress_id) const {
  LKS_RETURN_IF_ERROR(Required(egress_id, "egress_id"));
  return impl_->Info(kStopEgress, EgressIdBody(egress_id));
}

StatusOr<std::string> EgressClient::CallJson(std::string_view method,
                                             std::string_view request_json) const {
  LKS_RETURN_IF_ERROR(Required(method, "method"));
  for (char c : method) {
    if (!std::isalnum(static_cast<unsigned char>(c)))
      return InvalidArgumentError("method: must be a plain name");
  }
  rapidjson::Document doc;
  std::string_view json = request_json.empty() ? std::string_view("{}") : request_json;
  LKS_RETURN_IF_ERROR(internal::ParseJson(json, &doc, "request"));
  if (!doc.IsObject()) return InvalidArgumentError("request: expected a JSON object");
  return impl_->Call(TwirpMethod{kEgressService, method, TwirpGrant::kRoomRecord},
                     std::string(json));
}

}  // namespace lks
