// lkstudy: the command line of the lkstudy library.
#include <iostream>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "lks.h"

namespace lks::cli {

int Fail(const Status& status, int exit_code) {
  std::cerr << "lkstudy: " << status.message() << "\n";
  return exit_code;
}

namespace {
constexpr const char* kUsage =
    "usage: lkstudy <command> [options]\n"
    "commands:\n"
    "  token create|verify   mint or check a LiveKit access token\n"
    "  app-token             mint an app user token for calling the REST API\n"
    "  webhook verify|sign|listen\n"
    "                        check webhook deliveries and print their events\n"
    "  serve                 serve the study-group REST API\n"
    "  dev                   run livekit-server and the API together, for trying it out\n"
    "  room ...              call LiveKit's room service (create, list, participants, ...)\n"
    "  version               print the library version\n"
    "Run 'lkstudy <command> help' for a command's options.\n";
}  // namespace

}  // namespace lks::cli

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) {
    std::cerr << lks::cli::kUsage;
    return 2;
  }
  const std::string cmd = args[0];
  std::vector<std::string> rest(args.begin() + 1, args.end());
  if (cmd == "token") return lks::cli::RunTokenCommand(rest);
  if (cmd == "app-token") return lks::cli::RunAppTokenCommand(rest);
  if (cmd == "webhook") return lks::cli::RunWebhookCommand(rest);
#ifdef LKS_WITH_SERVE
  if (cmd == "serve") return lks::cli::RunServeCommand(rest);
  if (cmd == "dev") return lks::cli::RunDevCommand(rest);
#endif
  if (cmd == "room") return lks::cli::RunRoomCommand(rest);
  if (cmd == "version" || cmd == "--version") {
    std::cout << "lkstudy " << lks_version_string() << "\n";
    return 0;
  }
  if (cmd == "help" || cmd == "--help" || cmd == "-h") {
    std::cout << lks::cli::kUsage;
    return 0;
  }
  std::cerr << "lkstudy: unknown command '" << cmd << "'\n" << lks::cli::kUsage;
  return 2;
}
