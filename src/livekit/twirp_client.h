// TwirpClient: the one call path of LiveKit's server APIs (RoomService today; Egress and
// AgentDispatch next): a method table row says the service, the name and the grant its token
// carries; Call() signs (or reuses) that token, POSTs the JSON request with the Twirp headers
// through RetryingHttpClient (retries, backoff), and maps a non-2xx answer to a Status
// (twirp_error.h). The answer readers below turn a 2xx body into typed models through their
// descriptions, keeping the raw JSON the server sent. Internal header.
//
// Adding a method: one TwirpMethod row, the request written with JsonWriter (or a request
// description and WriteJsonFields), and one of the Answer* readers for the response.
//
// Thread-safety: a TwirpClient is safe to use from many threads (the token cache is locked).
#ifndef LKS_SRC_LIVEKIT_TWIRP_CLIENT_H_
#define LKS_SRC_LIVEKIT_TWIRP_CLIENT_H_

#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/fields.h"
#include "core/json_reader.h"
#include "lks/http/retrying_http_client.h"
#include "lks/livekit/access_token.h"
#include "lks/livekit/room_service_client.h"

namespace lks::internal {

// Which grant a method's token carries (design.md §3).
enum class TwirpGrant {
  kRoomCreate,  // video.roomCreate
  kRoomList,    // video.roomList
  kRoomAdmin,   // video.roomAdmin + video.room (and destinationRoom for moves)
  kRoomRecord,  // video.roomRecord (Egress)
};

// One row of a service's method table.
struct TwirpMethod {
  std::string_view service;  // "livekit.RoomService"
  std::string_view name;     // "CreateRoom"
  TwirpGrant grant;
};

// The room (and destination room) a kRoomAdmin token is scoped to.
struct TwirpScope {
  std::string_view room;
  std::string_view destination_room;
};

class TwirpClient {
 public:
  // Checks the options (url; api_key and api_secret unless a token is given; positive token_ttl
  // and timeout) and builds the HTTP client when none is shared. The secret is not kept: only
  // the signer's HMAC state. Errors: kInvalidArgument naming the option.
  static StatusOr<std::unique_ptr<TwirpClient>> Create(RoomServiceOptions options);

  // One logical call of `method` with the JSON object `body`: returns the body of a 2xx answer.
  // `timeout` (0: the options' timeout) is per attempt. Errors: the transport's (after retries)
  // or the Twirp error mapped to a Status, annotated with the method name.
  StatusOr<std::string> Call(
      const TwirpMethod& method, std::string body, TwirpScope scope,
      std::chrono::milliseconds timeout = std::chrono::milliseconds(0)) const;

  const RoomServiceOptions& options() const { return options_; }
  const std::string& url() const { return sender_->base_url(); }
  const HttpClient& http_client() const { return *http_; }

 private:
  TwirpClient() = default;
  StatusOr<std::string> Token(TwirpGrant grant, TwirpScope scope) const;

  RoomServiceOptions options_;
  std::shared_ptr<HttpClient> http_;
  std::unique_ptr<RetryingHttpClient> sender_;
  std::unique_ptr<TokenSigner> signer_;  // null with a pre-signed token
  const Clock* clock_ = nullptr;

  struct CachedToken {
    std::string jwt;
    int64_t refresh_at = 0;  // Unix seconds after which a new token is signed
  };
  mutable std::mutex tokens_mu_;
  mutable std::unordered_map<std::string, CachedToken> tokens_;
};

// kInternal "<method>: unexpected answer from the server (<why>)", reason "bad_response".
Status BadResponse(std::string_view method, const Status& why);

// Answer readers: each parses a 2xx body (an error there is BadResponse). `model` points at a
// default-constructed T described by `desc`.
//
// The whole body is the model (CreateRoom -> Room); its raw JSON is the body as sent.
Status AnswerModel(std::string_view method, const std::string& body, const ModelDesc& desc,
                   std::string_view prefix, void* model);
// The body's member `key` is the model (MutePublishedTrack -> "track"); absent: left default.
Status AnswerMember(std::string_view method, const std::string& body, std::string_view key,
                    const ModelDesc& desc, void* model);
// The body's member `key` is a list of models (ListRooms -> "rooms"); each keeps the exact text
// of its element as raw JSON. `add` appends a default element and returns it.
Status AnswerList(std::string_view method, const std::string& body, std::string_view key,
                  const ModelDesc& desc, void (*reserve)(void* list, size_t n),
                  void* (*add)(void* list), void* list);

// Typed forms of the readers above.
template <typename T>
StatusOr<T> Answer(std::string_view method, const StatusOr<std::string>& body,
                   const ModelDesc& desc, std::string_view prefix) {
  if (!body.ok()) return body.status();
  T out;
  LKS_RETURN_IF_ERROR(AnswerModel(method, *body, desc, prefix, &out));
  return out;
}
template <typename T>
StatusOr<T> AnswerAt(std::string_view method, const StatusOr<std::string>& body,
                     std::string_view key, const ModelDesc& desc) {
  if (!body.ok()) return body.status();
  T out;
  LKS_RETURN_IF_ERROR(AnswerMember(method, *body, key, desc, &out));
  return out;
}
template <typename T>
StatusOr<std::vector<T>> AnswerListAt(std::string_view method, const StatusOr<std::string>& body,
                                      std::string_view key, const ModelDesc& desc) {
  if (!body.ok()) return body.status();
  std::vector<T> out;
  LKS_RETURN_IF_ERROR(AnswerList(
      method, *body, key, desc,
      [](void* l, size_t n) { static_cast<std::vector<T>*>(l)->reserve(n); },
      [](void* l) -> void* { return &static_cast<std::vector<T>*>(l)->emplace_back(); }, &out));
  return out;
}

}  // namespace lks::internal

#endif  // LKS_SRC_LIVEKIT_TWIRP_CLIENT_H_
