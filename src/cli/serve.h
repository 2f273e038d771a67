// `lkstudy serve`: the study-group REST API over a store and LiveKit, on the embedded HTTP server.
#ifndef LKS_SRC_CLI_SERVE_H_
#define LKS_SRC_CLI_SERVE_H_

#include <cstdint>
#include <functional>
#include <string>

#include "cli/args.h"
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
  unsigned threads = 8;
  double cost_per_participant_minute = 0.0035;
  // How long a LiveKit room seen live is trusted before a token request asks LiveKit again.
  unsigned live_room_cache_seconds = 30;
};

// Flags override the environment (which .env fills, see dotenv.h). Errors name the flag or
// variable.
StatusOr<ServeConfig> ServeConfigFromArgs(const Args& args);

// The flags ServeConfigFromArgs reads.
extern const std::set<std::string> kServeValueFlags;

// Opens the store, builds the service and serves until SIGINT/SIGTERM, then shuts down gracefully.
// `on_ready(port)` runs once the server listens. Returns the process exit code.
int Serve(const ServeConfig& config, const std::function<void(uint16_t port)>& on_ready);

}  // namespace lks::cli

#endif  // LKS_SRC_CLI_SERVE_H_
