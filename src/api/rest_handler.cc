#include "lks/api/rest_handler.h"

#include <rapidjson/document.h>

#include <charconv>

#include "api/rest_json.h"
#include "api/router.h"
#include "core/iso_time.h"
#include "core/json_reader.h"
#include "core/json_writer.h"

namespace lks {
namespace {

using internal::JsonWriter;

int HttpStatusFor(const Status& s) {
  if (s.http_status() >= 400 && s.http_status() <= 599) return s.http_status();
  switch (s.code()) {
    case StatusCode::kInvalidArgument:
    case StatusCode::kOutOfRange:
      return 400;
    case StatusCode::kUnauthenticated:
      return 401;
    case StatusCode::kPermissionDenied:
      return 403;
    case StatusCode::kNotFound:
      return 404;
    case StatusCode::kAlreadyExists:
    case StatusCode::kAborted:
      return 409;
    case StatusCode::kResourceExhausted:
      return s.reason() == "group_full" ? 409 : 429;
    case StatusCode::kFailedPrecondition:
      return s.reason() == "livekit_not_configured" ? 503 : 409;
    case StatusCode::kUnavailable:
    case StatusCode::kDeadlineExceeded:
      return 503;
    case StatusCode::kUnimplemented:
      return 501;
    default:
      return 500;
  }
}

RestResponse JsonResponse(int status, std::string body) {
  RestResponse r;
  r.status = status;
  r.headers.emplace_back("Content-Type", "application/json; charset=utf-8");
  r.body = std::move(body);
  return r;
}

// {"success":true[,"message":m],"data":<data>} with the data written by `write_data`.
template <typename F>
RestResponse Ok(int status, std::string_view message, F&& write_data) {
  std::string body;
  JsonWriter w(&body);
  w.BeginObject().Field("success", true);
  if (!message.empty()) w.Field("message", message);
  w.Key("data");
  write_data(w);
  w.EndObject();
  return JsonResponse(status, std::move(body));
}

using Document = rapidjson::Document;

// The request body as a JSON object; an empty body is {}.
Status ParseBody(const RestRequest& req, Document* doc) {
  std::string_view body = req.body;
  size_t i = 0;
  while (i < body.size() &&
         (body[i] == ' ' || body[i] == '\n' || body[i] == '\r' || body[i] == '\t'))
    ++i;
  if (i == body.size()) {
    doc->SetObject();
    return OkStatus();
  }
  Status s = internal::ParseJson(body, doc, "body");
  if (!s.ok()) return s;
  if (!doc->IsObject()) return InvalidArgumentError("body: expected a JSON object");
  return OkStatus();
}

Status ReadInt32(const internal::JsonValue& o, const char* key, std::optional<int32_t>* out) {
  const internal::JsonValue* v = internal::FindMember(o, key);
  if (!v || v->IsNull()) return OkStatus();
  if (!v->IsInt()) return InvalidArgumentError(std::string(key) + ": expected an integer");
  *out = v->GetInt();
  return OkStatus();
}

Status ReadUint32Opt(const internal::JsonValue& o, const char* key, std::optional<uint32_t>* out) {
  const internal::JsonValue* v = internal::FindMember(o, key);
  if (!v || v->IsNull()) return OkStatus();
  if (!v->IsUint())
    return InvalidArgumentError(std::string(key) + ": expected a non-negative integer");
  *out = v->GetUint();
  return OkStatus();
}

Status ReadOptString(const internal::JsonValue& o, const char* key,
                     std::optional<std::string>* out) {
  const internal::JsonValue* v = internal::FindMember(o, key);
  if (!v || v->IsNull()) return OkStatus();
  if (!v->IsString()) return InvalidArgumentError(std::string(key) + ": expected a string");
  *out = std::string(v->GetString(), v->GetStringLength());
  return OkStatus();
}

StatusOr<int64_t> GroupId(std::string_view text) {
  int64_t id = 0;
  auto r = std::from_chars(text.data(), text.data() + text.size(), id);
  if (r.ec != std::errc() || r.ptr != text.data() + text.size() || id <= 0) {
    return InvalidArgumentError("id: '" + std::string(text.substr(0, 32)) +
                                "' is not a positive integer");
  }
  return id;
}

// A query parameter's raw value, or nullopt.
std::optional<std::string_view> QueryParam(std::string_view query, std::string_view name) {
  while (!query.empty()) {
    size_t amp = query.find('&');
    std::string_view part = query.substr(0, amp);
    size_t eq = part.find('=');
    if (part.substr(0, eq) == name)
      return eq == std::string_view::npos ? std::string_view() : part.substr(eq + 1);
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return std::nullopt;
}

}  // namespace

RestResponse RestErrorResponse(const Status& status) {
  std::string body;
  JsonWriter w(&body);
  w.BeginObject().Field("success", false).Key("error").BeginObject();
  w.Field("code", status.reason().empty() ? std::string_view(StatusCodeName(status.code()))
                                          : std::string_view(status.reason()));
  w.Field("message", std::string_view(status.message()));
  w.EndObject().EndObject();
  return JsonResponse(HttpStatusFor(status), std::move(body));
}

struct RestHandler::Impl {
  struct Call {
    const RestRequest& req;
    const internal::PathParams& params;
    const Principal& who;
  };
  using Fn = RestResponse (Impl::*)(const Call&) const;
  struct Route {
    Fn fn;
    bool authenticated;
  };

  std::shared_ptr<StudyGroupService> service;
  std::shared_ptr<const AppTokenVerifier> app_tokens;
  std::shared_ptr<const WebhookReceiver> webhooks;
  RestHandlerOptions options;
  internal::Router<Route> router;

  Impl() {
    router.Add("POST /api/livekit/token", {&Impl::Token, true});
    router.Add("POST /api/livekit/rooms", {&Impl::CreateRoom, true});
    router.Add("GET /api/livekit/rooms", {&Impl::ListRooms, true});
    router.Add("GET /api/livekit/rooms/:roomName", {&Impl::GetRoom, true});
    router.Add("DELETE /api/livekit/rooms/:roomName", {&Impl::DeleteRoom, true});
    router.Add("POST /api/livekit/rooms/:roomName/remove-participant",
               {&Impl::RemoveParticipant, true});
    router.Add("POST /api/livekit/rooms/:roomName/mute-track", {&Impl::MuteTrack, true});
    router.Add("GET /api/livekit/status", {&Impl::LiveKitStatus, false});
    router.Add("POST /api/livekit/webhook", {&Impl::Webhook, false});
    router.Add("POST /api/study-groups/create", {&Impl::CreateGroup, true});
    router.Add("GET /api/study-groups", {&Impl::ListGroups, true});
    router.Add("GET /api/study-groups/:id", {&Impl::GetGroup, true});
    router.Add("POST /api/study-groups/:id/join", {&Impl::JoinGroup, true});
    router.Add("POST /api/study-groups/:id/leave", {&Impl::LeaveGroup, true});
    router.Add("GET /api/study-groups/:id/members", {&Impl::Members, true});
    router.Add("GET /api/study-groups/:id/usage", {&Impl::Usage, true});
    router.Add("GET /api/study-groups/:id/attendance", {&Impl::Attendance, true});
  }

  RestResponse Dispatch(const RestRequest& req, const Principal* host_principal) const {
    if (req.body.size() > options.max_body_bytes) {
      return RestErrorResponse(ResourceExhaustedError("request body larger than " +
                                                      std::to_string(options.max_body_bytes) +
                                                      " bytes")
                                   .WithReason("payload_too_large")
                                   .WithHttpStatus(413));
    }
    const Route* route = nullptr;
    internal::PathParams params;
    switch (router.Match(req.method, req.path, &route, &params)) {
      case internal::Router<Route>::Outcome::kNoRoute:
        return RestErrorResponse(
            NotFoundError("no route for " + req.method + " " + req.path).WithReason("no_route"));
      case internal::Router<Route>::Outcome::kWrongMethod: {
        RestResponse r =
            RestErrorResponse(Status(StatusCode::kUnimplemented,
                                     "method " + req.method + " not allowed on " + req.path)
                                  .WithReason("method_not_allowed")
                                  .WithHttpStatus(405));
        r.headers.emplace_back("Allow", router.AllowedMethods(req.path));
        return r;
      }
      case internal::Router<Route>::Outcome::kMatched:
        break;
    }
    Principal who;
    if (route->authenticated) {
      if (host_principal) {
        who = *host_principal;
      } else if (!app_tokens) {
        return RestErrorResponse(
            UnauthenticatedError("this handler takes no app tokens; the host must authenticate")
                .WithReason("unauthenticated"));
      } else {
        StatusOr<Principal> p = app_tokens->VerifyAuthorization(req.Header("Authorization"));
        if (!p.ok())
          return RestErrorResponse(
              UnauthenticatedError(p.status().message()).WithReason("unauthenticated"));
        who = std::move(*p);
      }
    }
    return (this->*(route->fn))(Call{req, params, who});
  }

  // --- LiveKit ---

  RestResponse Token(const Call& c) const {
    Document body;
    std::string room, name;
    Status s = ParseBody(c.req, &body);
    if (s.ok()) s = internal::ReadString(body, "roomName", &room);
    if (s.ok()) s = internal::ReadString(body, "participantName", &name);
    if (!s.ok()) return RestErrorResponse(s);
    StatusOr<IssuedToken> t = service->IssueToken(c.who, room, name);
    if (!t.ok()) return RestErrorResponse(t.status());
    return Ok(200, {}, [&](JsonWriter& w) {
      w.BeginObject()
          .Field("token", std::string_view(t->token))
          .Field("serverUrl", std::string_view(t->server_url))
          .Field("roomName", std::string_view(t->room_name))
          .Field("identity", std::string_view(t->identity))
          .Field("participantName", std::string_view(t->participant_name))
          .EndObject();
    });
  }

  RestResponse CreateRoom(const Call& c) const {
    Document body;
    CreateLiveKitRoomRequest r;
    Status s = ParseBody(c.req, &body);
    if (s.ok()) s = internal::ReadString(body, "name", &r.name);
    if (s.ok()) s = ReadUint32Opt(body, "emptyTimeout", &r.empty_timeout);
    if (s.ok()) s = ReadUint32Opt(body, "maxParticipants", &r.max_participants);
    if (!s.ok()) return RestErrorResponse(s);
    StatusOr<Room> room = service->CreateRoom(c.who, r);
    if (!room.ok()) return RestErrorResponse(room.status());
    return Ok(201, {}, [&](JsonWriter& w) { internal::WriteRoom(*room, w); });
  }

  RestResponse ListRooms(const Call& c) const {
    StatusOr<std::vector<Room>> rooms = service->ListRooms(c.who);
    if (!rooms.ok()) return RestErrorResponse(rooms.status());
    return Ok(200, {}, [&](JsonWriter& w) {
      w.BeginObject().Key("rooms").BeginArray();
      for (const Room& r : *rooms) internal::WriteRoom(r, w);
      w.EndArray().Field("total", static_cast<int64_t>(rooms->size())).EndObject();
    });
  }

  RestResponse GetRoom(const Call& c) const {
    StatusOr<RoomDetails> d = service->GetRoom(c.who, c.params.Get("roomName"));
    if (!d.ok()) return RestErrorResponse(d.status());
    return Ok(200, {}, [&](JsonWriter& w) {
      w.BeginObject().Key("room");
      internal::WriteRoom(d->room, w);
      w.Key("participants").BeginArray();
      for (const ParticipantInfo& p : d->participants) internal::WriteParticipant(p, w);
      w.EndArray().EndObject();
    });
  }

  RestResponse DeleteRoom(const Call& c) const {
    const std::string room(c.params.Get("roomName"));
    Status s = service->EndRoom(c.who, room);
    if (!s.ok()) return RestErrorResponse(s);
    const std::string when = internal::FormatIsoTimeMs(SystemClock().NowUnixMillis());
    return Ok(200, "Room '" + room + "' has been deleted", [&](JsonWriter& w) {
      w.BeginObject()
          .Field("roomName", std::string_view(room))
          .Field("deletedAt", std::string_view(when))
          .EndObject();
    });
  }

  RestResponse RemoveParticipant(const Call& c) const {
    Document body;
    std::string identity;
    Status s = ParseBody(c.req, &body);
    if (s.ok()) s = internal::ReadString(body, "participantIdentity", &identity);
    if (!s.ok()) return RestErrorResponse(s);
    const std::string room(c.params.Get("roomName"));
    s = service->RemoveParticipant(c.who, room, identity);
    if (!s.ok()) return RestErrorResponse(s);
    const std::string when = internal::FormatIsoTimeMs(SystemClock().NowUnixMillis());
    return Ok(200, "Participant removed from room", [&](JsonWriter& w) {
      w.BeginObject()
          .Field("roomName", std::string_view(room))
          .Field("participantIdentity", std::string_view(identity))
          .Field("removedAt", std::string_view(when))
          .EndObject();
    });
  }

  RestResponse MuteTrack(const Call& c) const {
    Document body;
    std::string identity, track;
    bool muted = true;
    Status s = ParseBody(c.req, &body);
    if (s.ok()) s = internal::ReadString(body, "participantIdentity", &identity);
    if (s.ok()) s = internal::ReadString(body, "trackSid", &track);
    if (s.ok()) s = internal::ReadBool(body, "muted", &muted);
    if (!s.ok()) return RestErrorResponse(s);
    StatusOr<TrackInfo> t =
        service->MuteTrack(c.who, c.params.Get("roomName"), identity, track, muted);
    if (!t.ok()) return RestErrorResponse(t.status());
    return Ok(200, {}, [&](JsonWriter& w) {
      w.BeginObject()
          .Field("trackSid", std::string_view(t->sid))
          .Field("muted", t->muted)
          .EndObject();
    });
  }

  RestResponse LiveKitStatus(const Call&) const {
    const lks::LiveKitStatus st = service->GetLiveKitStatus();
    return Ok(200, {}, [&](JsonWriter& w) {
      w.BeginObject()
          .Field("configured", st.configured)
          .Field("serverUrl", std::string_view(st.server_url))
          .Field("hasApiKey", st.has_api_key)
          .Field("hasApiSecret", st.has_api_secret)
          .Field("hasServerUrl", st.has_server_url)
          .EndObject();
    });
  }

  RestResponse Webhook(const Call& c) const {
    if (!webhooks) {
      return RestErrorResponse(internal_unconfigured());
    }
    // Verified over the body bytes exactly as received.
    StatusOr<WebhookEvent> event = webhooks->Receive(c.req.body, c.req.Header("Authorization"));
    if (!event.ok()) {
      Status s = event.status();
      if (s.code() == StatusCode::kInvalidArgument) return RestErrorResponse(s);
      return RestErrorResponse(
          UnauthenticatedError(s.message())
              .WithReason(s.reason().empty() ? "unauthenticated" : s.reason()));
    }
    StatusOr<WebhookOutcome> outcome = service->IngestWebhook(*event);
    if (!outcome.ok()) return RestErrorResponse(outcome.status());
    const char* what = *outcome == WebhookOutcome::kApplied     ? "applied"
                       : *outcome == WebhookOutcome::kDuplicate ? "duplicate"
                                                                : "ignored";
    return Ok(200, {}, [&](JsonWriter& w) {
      w.BeginObject()
          .Field("event", std::string_view(event->event))
          .Field("id", std::string_view(event->id))
          .Field("outcome", what)
          .EndObject();
    });
  }

  static Status internal_unconfigured() {
    return FailedPreconditionError("webhooks are not configured (no LiveKit API key and secret)")
        .WithReason("livekit_not_configured");
  }

  // --- Study groups ---

  RestResponse CreateGroup(const Call& c) const {
    Document body;
    CreateGroupRequest r;
    std::optional<std::string> provider, scheduled;
    Status s = ParseBody(c.req, &body);
    if (s.ok()) s = internal::ReadString(body, "title", &r.title);
    if (s.ok() && r.title.empty()) s = InvalidArgumentError("title: required");
    if (s.ok()) s = internal::ReadString(body, "description", &r.description);
    if (s.ok()) s = ReadInt32(body, "maxParticipants", &r.max_participants);
    if (s.ok()) s = ReadInt32(body, "durationMinutes", &r.duration_minutes);
    if (s.ok()) s = ReadOptString(body, "scheduledTime", &scheduled);
    if (s.ok()) s = ReadOptString(body, "videoProvider", &provider);
    if (s.ok()) s = internal::ReadOptionalBool(body, "useLiveKit", &r.use_livekit);
    if (s.ok()) s = ReadOptString(body, "meetLink", &r.meet_link);
    if (s.ok()) s = ReadOptString(body, "meetId", &r.meet_id);
    if (s.ok() && scheduled) {
      StatusOr<int64_t> ms = internal::ParseIsoTimeMs(*scheduled, "scheduledTime");
      if (ms.ok()) {
        r.scheduled_time_ms = *ms;
      } else {
        s = ms.status();
      }
    }
    if (s.ok() && provider) {
      StatusOr<VideoProvider> p = ParseVideoProvider(*provider, "videoProvider");
      if (p.ok()) {
        r.video_provider = *p;
      } else {
        s = p.status();
      }
    }
    if (!s.ok()) return RestErrorResponse(s);
    StatusOr<StudyGroup> g = service->CreateGroup(c.who, r);
    if (!g.ok()) return RestErrorResponse(g.status());
    return Ok(201, "Study group created successfully",
              [&](JsonWriter& w) { internal::WriteGroup(*g, w); });
  }

  RestResponse ListGroups(const Call& c) const {
    int64_t after = 0;
    int32_t limit = 50;
    if (auto v = QueryParam(c.req.query, "after")) {
      auto r = std::from_chars(v->data(), v->data() + v->size(), after);
      if (r.ec != std::errc() || r.ptr != v->data() + v->size() || after < 0) {
        return RestErrorResponse(InvalidArgumentError("after: expected a non-negative integer"));
      }
    }
    if (auto v = QueryParam(c.req.query, "limit")) {
      auto r = std::from_chars(v->data(), v->data() + v->size(), limit);
      if (r.ec != std::errc() || r.ptr != v->data() + v->size() || limit < 1 || limit > 1000) {
        return RestErrorResponse(InvalidArgumentError("limit: expected an integer from 1 to 1000"));
      }
    }
    StatusOr<StudyGroupPage> page = service->ListMyGroups(c.who, after, limit);
    if (!page.ok()) return RestErrorResponse(page.status());
    return Ok(200, {}, [&](JsonWriter& w) {
      w.BeginObject().Key("groups").BeginArray();
      for (const StudyGroup& g : page->groups) internal::WriteGroup(g, w);
      w.EndArray().Field("total", static_cast<int64_t>(page->groups.size())).Key("nextAfter");
      if (page->next_after_id) {
        w.Int(page->next_after_id);
      } else {
        w.Null();
      }
      w.EndObject();
    });
  }

  RestResponse GetGroup(const Call& c) const {
    StatusOr<int64_t> id = GroupId(c.params.Get("id"));
    if (!id.ok()) return RestErrorResponse(id.status());
    StatusOr<StudyGroup> g = service->GetGroup(c.who, *id);
    if (!g.ok()) return RestErrorResponse(g.status());
    return Ok(200, {}, [&](JsonWriter& w) { internal::WriteGroup(*g, w); });
  }

  RestResponse JoinGroup(const Call& c) const {
    StatusOr<int64_t> id = GroupId(c.params.Get("id"));
    if (!id.ok()) return RestErrorResponse(id.status());
    StatusOr<Membership> m = service->JoinGroup(c.who, *id);
    if (!m.ok()) return RestErrorResponse(m.status());
    return Ok(200, "Joined study group", [&](JsonWriter& w) { internal::WriteMembership(*m, w); });
  }

  RestResponse LeaveGroup(const Call& c) const {
    StatusOr<int64_t> id = GroupId(c.params.Get("id"));
    if (!id.ok()) return RestErrorResponse(id.status());
    Status s = service->LeaveGroup(c.who, *id);
    if (!s.ok()) return RestErrorResponse(s);
    return Ok(200, "Left study group", [&](JsonWriter& w) {
      w.BeginObject()
          .Field("groupId", *id)
          .Field("userId", std::string_view(c.who.user_id))
          .EndObject();
    });
  }

  RestResponse Members(const Call& c) const {
    StatusOr<int64_t> id = GroupId(c.params.Get("id"));
    if (!id.ok()) return RestErrorResponse(id.status());
    StatusOr<std::vector<Membership>> ms = service->ListMembers(c.who, *id);
    if (!ms.ok()) return RestErrorResponse(ms.status());
    return Ok(200, {}, [&](JsonWriter& w) {
      w.BeginObject().Key("members").BeginArray();
      for (const Membership& m : *ms) internal::WriteMembership(m, w);
      w.EndArray().Field("total", static_cast<int64_t>(ms->size())).EndObject();
    });
  }

  RestResponse Usage(const Call& c) const {
    StatusOr<int64_t> id = GroupId(c.params.Get("id"));
    if (!id.ok()) return RestErrorResponse(id.status());
    StatusOr<UsageReport> u = service->GetUsage(c.who, *id);
    if (!u.ok()) return RestErrorResponse(u.status());
    return Ok(200, {}, [&](JsonWriter& w) { internal::WriteUsage(*u, w); });
  }

  RestResponse Attendance(const Call& c) const {
    StatusOr<int64_t> id = GroupId(c.params.Get("id"));
    if (!id.ok()) return RestErrorResponse(id.status());
    StatusOr<std::vector<SessionAttendance>> a = service->GetAttendance(c.who, *id);
    if (!a.ok()) return RestErrorResponse(a.status());
    return Ok(200, {}, [&](JsonWriter& w) { internal::WriteAttendance(*id, *a, w); });
  }
};

RestHandler::RestHandler(std::shared_ptr<StudyGroupService> service,
                         std::shared_ptr<const AppTokenVerifier> app_tokens,
                         std::shared_ptr<const WebhookReceiver> webhooks,
                         RestHandlerOptions options)
    : impl_(std::make_unique<Impl>()) {
  impl_->service = std::move(service);
  impl_->app_tokens = std::move(app_tokens);
  impl_->webhooks = std::move(webhooks);
  impl_->options = options;
}

RestHandler::~RestHandler() = default;

RestResponse RestHandler::Handle(const RestRequest& request) const {
  return impl_->Dispatch(request, nullptr);
}

RestResponse RestHandler::HandleAs(const RestRequest& request, const Principal& who) const {
  return impl_->Dispatch(request, &who);
}

}  // namespace lks
