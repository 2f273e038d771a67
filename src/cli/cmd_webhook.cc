// lkstudy webhook verify | sign (listen: cmd_webhook_listen.cc)
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "cli/args.h"
#include "cli/commands.h"
#include "cli/webhook_cli.h"
#include "lks/livekit/access_token.h"
#include "lks/livekit/webhook_receiver.h"
#include "lks/livekit/webhook_signer.h"

namespace lks::cli {
namespace {

constexpr const char* kWebhookUsage =
    "usage:\n"
    "  lkstudy webhook verify [--api-key K --api-secret S] [--leeway 60] [--normalized]\n"
    "         --auth HEADER [FILE|-]\n"
    "      Checks a delivery (the Authorization header value and the body, read from FILE or\n"
    "      stdin byte for byte) and prints the event JSON: the body as received, or with\n"
    "      --normalized lkstudy's typed view. Exit 1 with the reason when it is rejected.\n"
    "  lkstudy webhook sign [--api-key K --api-secret S] [--ttl 5m] [FILE|-]\n"
    "      Prints the Authorization header value livekit-server would send with the body.\n"
    "  lkstudy webhook listen [--api-key K --api-secret S] [--leeway 60] [--normalized]\n"
    "         [--port 7890] [--bind 127.0.0.1]\n"
    "      Serves HTTP and checks every POST as `verify` does: prints each verified delivery's\n"
    "      event as one line on stdout (answer 200), and each rejected one's reason on stderr\n"
    "      (answer 401). For pointing livekit-server's webhook.urls at while debugging.\n"
    "API key and secret default to $LIVEKIT_API_KEY and $LIVEKIT_API_SECRET.\n";

// The body, byte for byte, from FILE or stdin ("-" or no argument).
StatusOr<std::string> ReadBody(const Args& a) {
  if (a.positional().size() > 1)
    return InvalidArgumentError("expected at most one FILE (or - for stdin)");
  const std::string path = a.positional().empty() ? "-" : a.positional()[0];
  std::ostringstream s;
  if (path == "-") {
    s << std::cin.rdbuf();
    if (std::cin.bad()) return InvalidArgumentError("stdin: read error");
  } else {
    std::ifstream in(path, std::ios::binary);
    if (!in) return InvalidArgumentError(path + ": cannot open");
    s << in.rdbuf();
    if (in.bad()) return InvalidArgumentError(path + ": read error");
  }
  return s.str();
}

int Verify(const std::vector<std::string>& argv) {
  auto parsed = Args::Parse(argv, {"api-key", "api-secret", "leeway", "auth"}, {"normalized"});
  if (!parsed.ok()) return Fail(parsed.status(), 2);
  const Args& a = *parsed;
  auto receiver = WebhookReceiverFromArgs(a);
  if (!receiver.ok()) return Fail(receiver.status(), 2);
  auto auth = a.Get("auth");
  if (!auth)
    return Fail(InvalidArgumentError("--auth: required (the Authorization header value)"), 2);
  auto body = ReadBody(a);
  if (!body.ok()) return Fail(body.status(), 2);

  auto event = (*receiver)->Receive(*body, *auth);
  if (!event.ok()) {
    const Status& s = event.status();
    std::cerr << "lkstudy: webhook rejected (" << s.reason() << "): " << s.message() << "\n";
    return 1;
  }
  if (a.Has("normalized")) {
    std::cout << WebhookEventToNormalizedJson(*event) << "\n";
  } else {
    std::cout << event->raw_json;
    if (event->raw_json.empty() || event->raw_json.back() != '\n') std::cout << "\n";
  }
  return 0;
}

int Sign(const std::vector<std::string>& argv) {
  auto parsed = Args::Parse(argv, {"api-key", "api-secret", "ttl"}, {});
  if (!parsed.ok()) return Fail(parsed.status(), 2);
  const Args& a = *parsed;
  auto creds = ReadApiCredentials(a);
  if (!creds.ok()) return Fail(creds.status(), 2);
  if (creds->key.empty() || creds->secret.empty()) {
    return Fail(InvalidArgumentError("--api-key and --api-secret: must not be empty"), 2);
  }
  std::chrono::seconds ttl = kWebhookTokenTtl;
  if (auto v = a.Get("ttl")) {
    auto d = ParseDuration(*v, "--ttl");
    if (!d.ok()) return Fail(d.status(), 2);
    ttl = *d;
  }
  auto body = ReadBody(a);
  if (!body.ok()) return Fail(body.status(), 2);
  TokenSigner signer(creds->key, creds->secret);
  auto jwt = SignWebhook(signer, *body, ttl);
  if (!jwt.ok()) return Fail(jwt.status());
  std::cout << *jwt << "\n";
  return 0;
}

}  // namespace

StatusOr<std::unique_ptr<WebhookReceiver>> WebhookReceiverFromArgs(const Args& a) {
  auto creds = ReadApiCredentials(a);
  if (!creds.ok()) return creds.status();
  auto receiver = std::make_unique<WebhookReceiver>(KeySet{});
  LKS_RETURN_IF_ERROR(receiver->mutable_keys().Add(creds->key, creds->secret));
  if (auto v = a.Get("leeway")) {
    char* end = nullptr;
    long long secs = std::strtoll(v->c_str(), &end, 10);
    if (v->empty() || *end != '\0' || secs < 0) {
      return InvalidArgumentError("--leeway: '" + *v + "' is not a non-negative number of seconds");
    }
    receiver->set_leeway(std::chrono::seconds(secs));
  }
  return receiver;
}

std::string WebhookEventLine(const WebhookEvent& event, bool normalized) {
  std::string line = normalized ? WebhookEventToNormalizedJson(event) : event.raw_json;
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
  for (char& c : line) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  return line;
}

int RunWebhookCommand(const std::vector<std::string>& args) {
  if (args.empty() || args[0] == "help" || args[0] == "--help") {
    std::cout << kWebhookUsage;
    return args.empty() ? 2 : 0;
  }
  std::vector<std::string> rest(args.begin() + 1, args.end());
  if (args[0] == "verify") return Verify(rest);
  if (args[0] == "sign") return Sign(rest);
  if (args[0] == "listen") return RunWebhookListen(rest);
  std::cerr << "lkstudy webhook: unknown subcommand '" << args[0] << "'\n" << kWebhookUsage;
  return 2;
}

}  // namespace lks::cli
