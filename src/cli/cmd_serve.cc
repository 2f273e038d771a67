// lkstudy serve
#include <iostream>

#include "cli/commands.h"
#include "cli/dotenv.h"
#include "cli/serve.h"
#include "cli/signals.h"

namespace lks::cli {

int RunServeCommand(const std::vector<std::string>& argv) {
  constexpr const char* kUsage =
      "usage: lkstudy serve [--port 3000] [--bind 127.0.0.1] [--db sqlite:./lkstudy.db | "
      "postgres://...]\n"
      "                     [--livekit-url wss://...] [--api-key K] [--api-secret S] "
      "[--app-jwt-secret S]\n"
      "                     [--e2ee-master-secret S]\n"
      "                     [--threads 8] [--cost-per-minute 0.0035] [--env-file .env]\n"
      "                     [--live-room-cache-seconds 30] [--token-ttl 15m] [--web-dir DIR]\n"
      "                     [--no-web]\n"
      "                     [--cors-origin https://app.example.com ...] "
      "[--rate-token-per-minute 120]\n"
      "                     [--rate-create-group-per-minute 30] [--reconcile-interval 60s|0]\n"
      "                     [--public-url https://...]\n"
      "Serves the REST API under /api/ and the web client at / (its files from --web-dir, else\n"
      "the build's; --no-web: API only). Every --reconcile-interval (0: off) live sessions are\n"
      "compared with LiveKit's participants, so attendance survives lost webhook deliveries.\n"
      "Environment (and .env): PORT, DATABASE_URL, LIVEKIT_SERVER_URL, LIVEKIT_API_KEY,\n"
      "LIVEKIT_API_SECRET, APP_JWT_SECRET, LKS_E2EE_MASTER_SECRET, LKS_WEB_DIR, LKS_PUBLIC_URL.\n"
      "Flags win over the environment, which wins over .env.\n";
  if (!argv.empty() && (argv[0] == "help" || argv[0] == "--help")) {
    std::cout << kUsage;
    return 0;
  }
  auto parsed = Args::Parse(argv, kServeValueFlags, kServeSwitches);
  if (!parsed.ok()) return Fail(parsed.status(), 2);
  if (Status s = LoadDotEnvFile(parsed->Get("env-file").value_or(".env")); !s.ok())
    return Fail(s, 2);
  auto config = ServeConfigFromArgs(*parsed);
  if (!config.ok()) return Fail(config.status(), 2);
  BlockTerminationSignals();
  return Serve(*config, [&](const ServeInfo& info) {
    std::cout << "lkstudy serving the study-group API on http://" << config->bind_address << ":"
              << info.port << " (store "
              << (config->database_url.rfind("postgres", 0) == 0 ? "postgres"
                                                                 : config->database_url)
              << "; web client "
              << (info.web_served
                      ? "at http://" + config->bind_address + ":" + std::to_string(info.port) + "/"
                      : info.web_note)
              << ")" << std::endl;
  });
}

}  // namespace lks::cli
