#include "lks/api/rest_handler.h"

#include <rapidjson/document.h>

#include <charconv>

#include "api/router.h"
#include "core/json_reader.h"
#include "core/json_writer.h"

namespace lks {
namespace {

using internal::JsonWriter;
using Document = rapidjson::Document;

RestResponse JsonResponse(int status, std::string body) {
  RestResponse r;
  r.status = status;
  r.headers.emplace_back("Content-Type", "application/json; charset=utf-8");
  r.body = std::move(body);
  return r;
}

// {"success":true[,"message":m],"data":<data>}.
RestResponse Ok(int status, std::string_view message, std::string_view data) {
  std::string body;
  body.reserve(data.size() + message.size() + 48);
  JsonWriter w(&body);
  w.BeginObject().Field("success", true);
  if (!message.empty()) w.Field("message", message);
  w.Key("data").Raw(data);
  w.EndObject();
  return JsonResponse(status, std::move(body));
}

// The response for an API call's result: `status` with its data, or the error.
RestResponse Answer(const StatusOr<std::string>& data, int status = 200,
                    std::string_view message = {}) {
  if (!data.ok()) return RestErrorResponse(data.status());
  return Ok(status, message, *data);
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

// `text` with every byte but [A-Za-z0-9_-] replaced by '_' (for a Content-Disposition filename).
std::string SafeFileNamePart(std::string_view text) {
  std::string out(text.substr(0, 64));
  for (char& ch : out) {
    const bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
                    (ch >= '0' && ch <= '9') || ch == '_' || ch == '-';
    if (!ok) ch = '_';
  }
  return out;
}

}  // namespace

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

  std::shared_ptr<const StudyGroupApi> api;
  std::shared_ptr<const AppTokenVerifier> app_tokens;
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
    router.Add("PATCH /api/study-groups/:id", {&Impl::UpdateGroup, true});
    router.Add("POST /api/study-groups/:id/join", {&Impl::JoinGroup, true});
    router.Add("POST /api/study-groups/:id/leave", {&Impl::LeaveGroup, true});
    router.Add("GET /api/study-groups/:id/members", {&Impl::Members, true});
    router.Add("GET /api/study-groups/:id/usage", {&Impl::Usage, true});
    router.Add("GET /api/study-groups/:id/attendance", {&Impl::Attendance, true});
    router.Add("GET /api/study-groups/:id/calendar.ics", {&Impl::Calendar, true});
    router.Add("GET /api/study-groups/:id/knocks", {&Impl::Knocks, true});
    router.Add("POST /api/study-groups/:id/knocks/:userId/admit", {&Impl::Admit, true});
    router.Add("POST /api/study-groups/:id/knocks/:userId/deny", {&Impl::Deny, true});
    router.Add("POST /api/study-groups/:id/lock", {&Impl::Lock, true});
    router.Add("POST /api/study-groups/:id/unlock", {&Impl::Unlock, true});
    router.Add("POST /api/study-groups/:id/recording", {&Impl::StartRecording, true});
    router.Add("DELETE /api/study-groups/:id/recording", {&Impl::StopRecording, true});
    router.Add("GET /api/study-groups/:id/recordings", {&Impl::Recordings, true});
    router.Add("POST /api/study-groups/:id/breakouts", {&Impl::OpenBreakouts, true});
    router.Add("GET /api/study-groups/:id/breakouts", {&Impl::Breakouts, true});
    router.Add("DELETE /api/study-groups/:id/breakouts", {&Impl::CloseBreakouts, true});
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
    Status s = internal::ParseJsonObject(c.req.body, &body, "body");
    if (s.ok()) s = internal::ReadString(body, "roomName", &room);
    if (s.ok()) s = internal::ReadString(body, "participantName", &name);
    if (!s.ok()) return RestErrorResponse(s);
    bool waiting = false;
    StatusOr<std::string> data = api->IssueToken(c.who, room, name, &waiting);
    if (!data.ok() || !waiting) return Answer(data);
    return WaitingAnswer(*data);
  }

  // 202 {"success":true,"status":"waiting","message":..,"data":{"status":"waiting",..}}: the
  // waiting room's answer (status also at the top, where a client of the bare
  // {"status":"waiting"} looks), with Retry-After.
  RestResponse WaitingAnswer(std::string_view data) const {
    const std::string retry = std::to_string(api->service()->options().knock_poll_interval.count());
    std::string body;
    JsonWriter w(&body);
    w.BeginObject()
        .Field("success", true)
        .Field("status", "waiting")
        .Field("message",
               "Waiting for a moderator to admit you; ask again after " + retry + " seconds")
        .Key("data")
        .Raw(data)
        .EndObject();
    RestResponse r = JsonResponse(202, std::move(body));
    r.headers.emplace_back("Retry-After", retry);
    return r;
  }

  RestResponse CreateRoom(const Call& c) const {
    return Answer(api->CreateRoom(c.who, c.req.body), 201);
  }

  RestResponse ListRooms(const Call& c) const { return Answer(api->ListRooms(c.who)); }

  RestResponse GetRoom(const Call& c) const {
    return Answer(api->GetRoom(c.who, c.params.Get("roomName")));
  }

  RestResponse DeleteRoom(const Call& c) const {
    const std::string_view room = c.params.Get("roomName");
    return Answer(api->DeleteRoom(c.who, room), 200,
                  "Room '" + std::string(room) + "' has been deleted");
  }

  RestResponse RemoveParticipant(const Call& c) const {
    Document body;
    std::string identity;
    Status s = internal::ParseJsonObject(c.req.body, &body, "body");
    if (s.ok()) s = internal::ReadString(body, "participantIdentity", &identity);
    if (!s.ok()) return RestErrorResponse(s);
    return Answer(api->RemoveParticipant(c.who, c.params.Get("roomName"), identity), 200,
                  "Participant removed from room");
  }

  RestResponse MuteTrack(const Call& c) const {
    Document body;
    std::string identity, track;
    bool muted = true;
    Status s = internal::ParseJsonObject(c.req.body, &body, "body");
    if (s.ok()) s = internal::ReadString(body, "participantIdentity", &identity);
    if (s.ok()) s = internal::ReadString(body, "trackSid", &track);
    if (s.ok()) s = internal::ReadBool(body, "muted", &muted);
    if (!s.ok()) return RestErrorResponse(s);
    return Answer(api->MuteTrack(c.who, c.params.Get("roomName"), identity, track, muted));
  }

  RestResponse LiveKitStatus(const Call&) const { return Ok(200, {}, api->LiveKitStatus()); }

  RestResponse Webhook(const Call& c) const {
    // Verified over the body bytes exactly as received.
    return Answer(api->ReceiveWebhook(c.req.body, c.req.Header("Authorization")));
  }

  // --- Study groups ---

  RestResponse CreateGroup(const Call& c) const {
    return Answer(api->CreateGroup(c.who, c.req.body), 201, "Study group created successfully");
  }

  RestResponse ListGroups(const Call& c) const {
    int64_t after = 0;
    int64_t limit = 50;
    if (auto v = QueryParam(c.req.query, "after")) {
      auto r = std::from_chars(v->data(), v->data() + v->size(), after);
      if (r.ec != std::errc() || r.ptr != v->data() + v->size() || after < 0) {
        return RestErrorResponse(InvalidArgumentError("after: expected a non-negative integer"));
      }
    }
    if (auto v = QueryParam(c.req.query, "limit")) {
      auto r = std::from_chars(v->data(), v->data() + v->size(), limit);
      if (r.ec != std::errc() || r.ptr != v->data() + v->size()) {
        return RestErrorResponse(InvalidArgumentError("limit: expected an integer from 1 to 1000"));
      }
    }
    return Answer(api->ListGroups(c.who, after, limit));
  }

  // The group id in the path, then `call` with it.
  template <typename F>
  RestResponse WithGroupId(const Call& c, F&& call) const {
    StatusOr<int64_t> id = GroupId(c.params.Get("id"));
    if (!id.ok()) return RestErrorResponse(id.status());
    return call(*id);
  }

  RestResponse GetGroup(const Call& c) const {
    return WithGroupId(c, [&](int64_t id) { return Answer(api->GetGroup(c.who, id)); });
  }

  RestResponse UpdateGroup(const Call& c) const {
    return WithGroupId(c, [&](int64_t id) {
      return Answer(api->UpdateGroup(c.who, id, c.req.body), 200, "Study group updated");
    });
  }

  RestResponse JoinGroup(const Call& c) const {
    return WithGroupId(c, [&](int64_t id) {
      return Answer(api->JoinGroup(c.who, id), 200, "Joined study group");
    });
  }

  RestResponse LeaveGroup(const Call& c) const {
    return WithGroupId(
        c, [&](int64_t id) { return Answer(api->LeaveGroup(c.who, id), 200, "Left study group"); });
  }

  // --- Admission ---

  RestResponse Knocks(const Call& c) const {
    return WithGroupId(c, [&](int64_t id) { return Answer(api->ListKnocks(c.who, id)); });
  }

  RestResponse Admit(const Call& c) const {
    return WithGroupId(c, [&](int64_t id) {
      return Answer(api->AdmitKnock(c.who, id, c.params.Get("userId")), 200, "Admitted");
    });
  }

  RestResponse Deny(const Call& c) const {
    return WithGroupId(c, [&](int64_t id) {
      return Answer(api->DenyKnock(c.who, id, c.params.Get("userId")), 200, "Denied");
    });
  }

  RestResponse Lock(const Call& c) const {
    return WithGroupId(c, [&](int64_t id) {
      return Answer(api->LockGroup(c.who, id), 200, "Study group locked");
    });
  }

  RestResponse Unlock(const Call& c) const {
    return WithGroupId(c, [&](int64_t id) {
      return Answer(api->UnlockGroup(c.who, id), 200, "Study group unlocked");
    });
  }

  RestResponse Members(const Call& c) const {
    return WithGroupId(c, [&](int64_t id) { return Answer(api->ListMembers(c.who, id)); });
  }

  RestResponse Usage(const Call& c) const {
    return WithGroupId(c, [&](int64_t id) { return Answer(api->GetUsage(c.who, id)); });
  }

  // Without `session`: the recent sessions (the route's first answer, unchanged). With it: that
  // session per attendee, as JSON or (format=csv) as a CSV download.
  RestResponse Attendance(const Call& c) const {
    return WithGroupId(c, [&](int64_t id) {
      std::string format = "json";
      if (auto v = QueryParam(c.req.query, "format")) {
        if (!internal::PercentDecode(*v, &format) || (format != "json" && format != "csv")) {
          return RestErrorResponse(InvalidArgumentError("format: expected \"json\" or \"csv\""));
        }
      }
      std::optional<std::string> session;
      if (auto v = QueryParam(c.req.query, "session")) {
        std::string sid;
        if (!internal::PercentDecode(*v, &sid) || sid.empty()) {
          return RestErrorResponse(InvalidArgumentError("session: expected a room session SID"));
        }
        session = std::move(sid);
      }
      if (!session) {
        if (format == "csv") {
          return RestErrorResponse(
              InvalidArgumentError("session: required with format=csv (one session per file)"));
        }
        return Answer(api->GetAttendance(c.who, id));
      }
      if (format == "json") return Answer(api->GetSessionAttendance(c.who, id, *session));
      StatusOr<std::string> csv = api->GetSessionAttendanceCsv(c.who, id, *session);
      if (!csv.ok()) return RestErrorResponse(csv.status());
      RestResponse r;
      r.status = 200;
      r.headers.emplace_back("Content-Type", "text/csv; charset=utf-8");
      r.headers.emplace_back("Content-Disposition", "attachment; filename=\"attendance-" +
                                                        std::to_string(id) + "-" +
                                                        SafeFileNamePart(*session) + ".csv\"");
      r.body = std::move(*csv);
      return r;
    });
  }

  RestResponse StartRecording(const Call& c) const {
    return WithGroupId(c, [&](int64_t id) {
      return Answer(api->StartRecording(c.who, id), 201, "Recording started");
    });
  }

  RestResponse StopRecording(const Call& c) const {
    return WithGroupId(c, [&](int64_t id) {
      return Answer(api->StopRecording(c.who, id), 200, "Recording stopped");
    });
  }

  RestResponse OpenBreakouts(const Call& c) const {
    return WithGroupId(c, [&](int64_t id) {
      return Answer(api->OpenBreakouts(c.who, id, c.req.body), 201, "Breakout rooms opened");
    });
  }

  RestResponse Breakouts(const Call& c) const {
    return WithGroupId(c, [&](int64_t id) { return Answer(api->GetBreakouts(c.who, id)); });
  }

  RestResponse CloseBreakouts(const Call& c) const {
    return WithGroupId(c, [&](int64_t id) {
      return Answer(api->CloseBreakouts(c.who, id), 200, "Breakout rooms closed");
    });
  }

  RestResponse Recordings(const Call& c) const {
    return WithGroupId(c, [&](int64_t id) { return Answer(api->ListRecordings(c.who, id)); });
  }

  // text/calendar, not the JSON envelope: calendar apps subscribe to this URL as it is.
  RestResponse Calendar(const Call& c) const {
    return WithGroupId(c, [&](int64_t id) {
      StatusOr<std::string> ics = api->GetCalendar(c.who, id);
      if (!ics.ok()) return RestErrorResponse(ics.status());
      RestResponse r;
      r.status = 200;
      r.headers.emplace_back("Content-Type", "text/calendar; charset=utf-8");
      r.headers.emplace_back("Content-Disposition",
                             "inline; filename=\"study-group-" + std::to_string(id) + ".ics\"");
      r.body = std::move(*ics);
      return r;
    });
  }
};

RestHandler::RestHandler(std::shared_ptr<StudyGroupService> service,
                         std::shared_ptr<const AppTokenVerifier> app_tokens,
                         std::shared_ptr<const WebhookReceiver> webhooks,
                         RestHandlerOptions options)
    : RestHandler(std::make_shared<const StudyGroupApi>(std::move(service), std::move(webhooks)),
                  std::move(app_tokens), options) {}

RestHandler::RestHandler(std::shared_ptr<const StudyGroupApi> api,
                         std::shared_ptr<const AppTokenVerifier> app_tokens,
                         RestHandlerOptions options)
    : impl_(std::make_unique<Impl>()) {
  impl_->api = std::move(api);
  impl_->app_tokens = std::move(app_tokens);
  impl_->options = options;
}

RestHandler::~RestHandler() = default;

RestResponse RestHandler::Handle(const RestRequest& request) const {
  return impl_->Dispatch(request, nullptr);
}

RestResponse RestHandler::HandleAs(const RestRequest& request, const Principal& who) const {
  return impl_->Dispatch(request, &who);
}

const StudyGroupApi& RestHandler::api() const noexcept { return *impl_->api; }

}  // namespace lks
