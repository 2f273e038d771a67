// lkstudy room create|list|get|delete|participants|participant|remove|mute|update-participant|
//               update-metadata|send-data
#include <iostream>

#include "cli/args.h"
#include "cli/commands.h"

#if !LKS_WITH_ROOM_SERVICE
namespace lks::cli {
int RunRoomCommand(const std::vector<std::string>&) {
  return Fail(
      UnimplementedError("room: this build has no room service (LKS_WITH_ROOM_SERVICE=OFF)"));
}
}  // namespace lks::cli
#else
#include "lks/livekit/room_service_client.h"

namespace lks::cli {
namespace {

constexpr const char* kRoomUsage =
    "usage: lkstudy room <subcommand> [--url URL --api-key K --api-secret S] [options]\n"
    "  create NAME [--max-participants N] [--empty-timeout S] [--departure-timeout S] [--metadata "
    "M]\n"
    "  list [NAME...]\n"
    "  get NAME\n"
    "  delete NAME\n"
    "  participants ROOM\n"
    "  participant ROOM IDENTITY\n"
    "  remove ROOM IDENTITY\n"
    "  mute ROOM IDENTITY TRACK_SID [--unmute]\n"
    "  update-participant ROOM IDENTITY [--metadata M] [--name N] [--attribute k=v]...\n"
    "         [--permission JSON]   (ParticipantPermission, e.g. {\"canPublish\":false})\n"
    "  update-metadata ROOM METADATA\n"
    "  send-data ROOM DATA [--topic T] [--to IDENTITY]... [--lossy]\n"
    "Common options: --timeout 10s, --fallback-url URL (repeatable), --token JWT (pre-signed),\n"
    "  --ca-file PEM, --insecure (no TLS verification; local testing only).\n"
    "URL, key and secret default to $LIVEKIT_URL, $LIVEKIT_API_KEY, $LIVEKIT_API_SECRET.\n"
    "Prints LiveKit's JSON; exit 1 when the call fails (reason on stderr), 2 for bad usage.\n";

const std::set<std::string> kValueFlags = {
    "url",           "api-key",           "api-secret", "token",
    "timeout",       "fallback-url",      "ca-file",    "max-participants",
    "empty-timeout", "departure-timeout", "metadata",   "name",
    "attribute",     "permission",        "topic",      "to"};
const std::set<std::string> kSwitches = {"unmute", "lossy", "insecure"};

StatusOr<uint32_t> ParseU32(const std::string& text, const char* field) {
  char* end = nullptr;
  unsigned long long v = std::strtoull(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || v > 0xFFFFFFFFull || text[0] == '-') {
    return InvalidArgumentError(std::string(field) + ": '" + text +
                                "' is not a non-negative number");
  }
  return static_cast<uint32_t>(v);
}

StatusOr<std::unique_ptr<RoomServiceClient> > MakeClient(const Args& a) {
  RoomServiceOptions o;
  auto url = a.GetOrEnv("url", "LIVEKIT_URL");
  if (!url) return InvalidArgumentError("--url: required (or set LIVEKIT_URL)");
  o.url = *url;
  if (auto t = a.Get("token")) {
    o.token = *t;
  } else {
    auto key = a.GetOrEnv("api-key", "LIVEKIT_API_KEY");
    auto secret = a.GetOrEnv("api-secret", "LIVEKIT_API_SECRET");
    if (!key) return InvalidArgumentError("--api-key: required (or set LIVEKIT_API_KEY)");
    if (!secret) return InvalidArgumentError("--api-secret: required (or set LIVEKIT_API_SECRET)");
    o.api_key = *key;
    o.api_secret = *secret;
  }
  if (auto t = a.Get("timeout")) {
    auto d = ParseDuration(*t, "--timeout");
    if (!d.ok()) return d.status();
    o.timeout = std::chrono::duration_cast<std::chrono::milliseconds>(*d);
  }
  o.retry.fallback_urls = a.GetAll("fallback-url");
  if (auto f = a.Get("ca-file")) o.http.ca_file = *f;
  if (a.Has("insecure")) o.http.verify_tls = false;
  return RoomServiceClient::Create(std::move(o));
}

int Need(const Args& a, size_t n, const char* what) {
  if (a.positional().size() != n) {
    std::cerr << "lkstudy room: expected " << what << "\n" << kRoomUsage;
    return 2;
  }
  return 0;
}

template <typename T>
void PrintList(const char* key, const std::vector<T>& items) {
  std::cout << "{\"" << key << "\":[";
  for (size_t i = 0; i < items.size(); ++i) std::cout << (i ? "," : "") << items[i].raw_json;
  std::cout << "]}\n";
}

int Run(const std::string& sub, const Args& a, const RoomServiceClient& rs) {
  const auto& p = a.positional();
  if (sub == "create") {
    if (int e = Need(a, 1, "NAME")) return e;
    CreateRoomRequest r;
    r.name = p[0];
    for (auto [flag, field] :
         {std::pair{"max-participants", &CreateRoomRequest::max_participants},
          std::pair{"empty-timeout", &CreateRoomRequest::empty_timeout},
          std::pair{"departure-timeout", &CreateRoomRequest::departure_timeout}}) {
      if (auto v = a.Get(flag)) {
        auto n = ParseU32(*v, (std::string("--") + flag).c_str());
        if (!n.ok()) return Fail(n.status(), 2);
        r.*field = *n;
      }
    }
    if (auto m = a.Get("metadata")) r.metadata = *m;
    auto room = rs.CreateRoom(r);
    if (!room.ok()) return Fail(room.status());
    std::cout << room->raw_json << "\n";
    return 0;
  }
  if (sub == "list") {
    auto rooms = rs.ListRooms(p);
    if (!rooms.ok()) return Fail(rooms.status());
    PrintList("rooms", *rooms);
    return 0;
  }
  if (sub == "get") {
    if (int e = Need(a, 1, "NAME")) return e;
    auto rooms = rs.ListRooms({p[0]});
    if (!rooms.ok()) return Fail(rooms.status());
    if (rooms->empty()) return Fail(NotFoundError("room '" + p[0] + "' does not exist"));
    std::cout << rooms->front().raw_json << "\n";
    return 0;
  }
  if (sub == "delete") {
    if (int e = Need(a, 1, "NAME")) return e;
    if (Status s = rs.DeleteRoom(p[0]); !s.ok()) return Fail(s);
    std::cout << "{}\n";
    return 0;
  }
  if (sub == "participants") {
    if (int e = Need(a, 1, "ROOM")) return e;
    auto list = rs.ListParticipants(p[0]);
    if (!list.ok()) return Fail(list.status());
    PrintList("participants", *list);
    return 0;
  }
  if (sub == "participant") {
    if (int e = Need(a, 2, "ROOM IDENTITY")) return e;
    auto pi = rs.GetParticipant(p[0], p[1]);
    if (!pi.ok()) return Fail(pi.status());
    std::cout << pi->raw_json << "\n";
    return 0;
  }
  if (sub == "remove") {
    if (int e = Need(a, 2, "ROOM IDENTITY")) return e;
    if (Status s = rs.RemoveParticipant(p[0], p[1]); !s.ok()) return Fail(s);
    std::cout << "{}\n";
    return 0;
  }
  if (sub == "mute") {
    if (int e = Need(a, 3, "ROOM IDENTITY TRACK_SID")) return e;
    auto t = rs.MutePublishedTrack(p[0], p[1], p[2], !a.Has("unmute"));
    if (!t.ok()) return Fail(t.status());
    std::cout << (t->raw_json.empty() ? "{}" : t->raw_json) << "\n";
    return 0;
  }
  if (sub == "update-participant") {
    if (int e = Need(a, 2, "ROOM IDENTITY")) return e;
    UpdateParticipantRequest r;
    r.room = p[0];
    r.identity = p[1];
    if (auto m = a.Get("metadata")) r.metadata = *m;
    if (auto n = a.Get("name")) r.name = *n;
    for (const std::string& kv : a.GetAll("attribute")) {
      auto eq = kv.find('=');
      if (eq == std::string::npos || eq == 0) {
        return Fail(InvalidArgumentError("--attribute: '" + kv + "' is not key=value"), 2);
      }
      r.attributes[kv.substr(0, eq)] = kv.substr(eq + 1);
    }
    if (auto perm = a.Get("permission")) {
      auto pp = ParticipantPermissionFromJson(*perm);
      if (!pp.ok()) return Fail(pp.status().Annotate("--permission"), 2);
      r.permission = *pp;
    }
    auto pi = rs.UpdateParticipant(r);
    if (!pi.ok()) return Fail(pi.status());
    std::cout << pi->raw_json << "\n";
    return 0;
  }
  if (sub == "update-metadata") {
    if (int e = Need(a, 2, "ROOM METADATA")) return e;
    auto room = rs.UpdateRoomMetadata(p[0], p[1]);
    if (!room.ok()) return Fail(room.status());
    std::cout << room->raw_json << "\n";
    return 0;
  }
  if (sub == "send-data") {
    if (int e = Need(a, 2, "ROOM DATA")) return e;
    SendDataRequest r;
    r.room = p[0];
    r.data = p[1];
    if (auto t = a.Get("topic")) r.topic = *t;
    r.destination_identities = a.GetAll("to");
    if (a.Has("lossy")) r.kind = DataPacketKind::kLossy;
    if (Status s = rs.SendData(r); !s.ok()) return Fail(s);
    std::cout << "{}\n";
    return 0;
  }
  std::cerr << "lkstudy room: unknown subcommand '" << sub << "'\n" << kRoomUsage;
  return 2;
}

}  // namespace

int RunRoomCommand(const std::vector<std::string>& args) {
  if (args.empty() || args[0] == "help" || args[0] == "--help") {
    std::cout << kRoomUsage;
    return args.empty() ? 2 : 0;
  }
  std::vector<std::string> rest(args.begin() + 1, args.end());
  auto parsed = Args::Parse(rest, kValueFlags, kSwitches);
  if (!parsed.ok()) return Fail(parsed.status(), 2);
  auto client = MakeClient(*parsed);
  if (!client.ok()) return Fail(client.status(), 2);
  return Run(args[0], *parsed, **client);
}

}  // namespace lks::cli
#endif  // LKS_WITH_ROOM_SERVICE
