// `lkstudy serve`: the study-group REST API over a store and LiveKit, on the embedded HTTP server.
#ifndef LKS_SRC_CLI_SERVE_H_
#define LKS_SRC_CLI_SERVE_H_

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "cli/args.h"
#include "lks/api/rest_types.h"
#include "lks/core/status.h"

namespace lks::cli {

struct ServeConfig {
  std::string bind_address = "127.0.0.1";
  uint16_t port = 3000;
  std::string database_url = "sqlite:./lkstudy.db";
  std::string livekit_url;  // LIVEKIT_SERVER_URL: what clients connect to (ws:// or wss://)
  std::string api_key;
  std::string api_secret;
  std::string app_jwt_secret;
  std::string e2ee_master_secret;  // derives E2EE session keys (docs/e2ee.md); empty = none
  unsigned threads = 8;
  double cost_per_participant_minute = 0.0035;
  // How long a LiveKit room seen live is trusted before a token request asks LiveKit again.
  unsigned live_room_cache_seconds = 30;
  // Lifetime of the join tokens the API issues (--token-ttl: 15m, 900, 1h).
  std::chrono::seconds token_ttl{15 * 60};
  // Where users reach this server's web client (--public-url, LKS_PUBLIC_URL), e.g.
  // "https://study.example.org": calendar.ics links each group's call under it. Empty: no link.
  std::string public_url;
  // The web client at `/` (--no-web: off). Its files come from web_dir (--web-dir, LKS_WEB_DIR),
  // else from the build's or the installation's folder beside the executable.
  bool web = true;
  std::string web_dir;
  // Origins whose browsers may call the API (--cors-origin, repeatable; none by default).
  std::vector<std::string> cors_origins;
  // Per-user limits (requests a minute, bursts up to the same number; 0: off). Beyond them the
  // route answers 429 with Retry-After, so one account cannot flood LiveKit with rooms.
  uint32_t token_rate_per_minute = 120;        // POST /api/livekit/token
  uint32_t create_group_rate_per_minute = 30;  // POST /api/study-groups/create
  // How often live sessions are reconciled with LiveKit's ListParticipants
  // (--reconcile-interval: 60s, 2m, 0 = off; docs/webhooks.md).
  std::chrono::seconds reconcile_interval{60};
};

// What Serve() tells `on_ready` once it listens.
struct ServeInfo {
  uint16_t port = 0;
  bool web_served = false;
  std::string web_note;  // "off (--no-web)" or "absent" when the web client is not served
};

// Routes a caller adds in front of the API and the web client (`lkstudy dev`'s sign-in): the
// response for a request they own, nullopt for the others.
using ExtraRoutes = std::function<std::optional<RestResponse>(const RestRequest&)>;

// Flags override the environment (which .env fills, see dotenv.h). Errors name the flag or
// variable.
StatusOr<ServeConfig> ServeConfigFromArgs(const Args& args);

// The flags and switches ServeConfigFromArgs reads.
extern const std::set<std::string> kServeValueFlags;
extern const std::set<std::string> kServeSwitches;

// The web client's folder beside this executable: <bin>/../web (a build) or
// <bin>/../share/lkstudy/web (an installation), whichever has an index.html; empty when neither.
std::string DefaultWebClientDir();

// Opens the store, builds the service and serves until SIGINT/SIGTERM, then shuts down gracefully:
// `/api/...` is the REST API, `extra` routes come next, and everything else is the web client
// (when config.web). `on_ready` runs once the server listens. Returns the process exit code.
int Serve(const ServeConfig& config, const std::function<void(const ServeInfo&)>& on_ready,
          const ExtraRoutes& extra = {});

}  // namespace lks::cli

#endif  // LKS_SRC_CLI_SERVE_H_
