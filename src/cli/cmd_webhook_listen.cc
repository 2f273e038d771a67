// lkstudy webhook listen: an HTTP endpoint to point livekit-server's webhook.urls at while
// debugging a deployment. Every POST is checked as `webhook verify` checks a delivery.
#include <charconv>
#include <cstdio>
#include <iostream>
#include <mutex>

#include "cli/commands.h"
#include "cli/signals.h"
#include "cli/webhook_cli.h"
#include "server/http_server.h"

namespace lks::cli {
namespace {

RestResponse TextResponse(int status, std::string body) {
  RestResponse r;
  r.status = status;
  r.headers.emplace_back("Content-Type", "text/plain; charset=utf-8");
  r.body = std::move(body);
  return r;
}

// Checks one request; prints the event (stdout) or the reason it was refused (stderr).
RestResponse HandleDelivery(const WebhookReceiver& receiver, bool normalized,
                            const RestRequest& req, std::mutex& out_mu) {
  if (req.method != "POST") {
    RestResponse r = TextResponse(405, "POST webhook deliveries here\n");
    r.headers.emplace_back("Allow", "POST");
    return r;
  }
  StatusOr<WebhookEvent> event = receiver.Receive(req.body, req.Header("Authorization"));
  std::lock_guard<std::mutex> lock(out_mu);
  if (!event.ok()) {
    const Status& s = event.status();
    std::fprintf(stderr, "lkstudy webhook listen: rejected %s (%s): %s\n", req.path.c_str(),
                 std::string(s.reason()).c_str(), s.message().c_str());
    return TextResponse(401, "rejected: " + std::string(s.reason()) + "\n");
  }
  const std::string line = WebhookEventLine(*event, normalized);
  std::fwrite(line.data(), 1, line.size(), stdout);
  std::fputc('\n', stdout);
  std::fflush(stdout);  // one line per delivery, at once, even into a pipe
  return TextResponse(200, "ok\n");
}

}  // namespace

int RunWebhookListen(const std::vector<std::string>& argv) {
  auto parsed =
      Args::Parse(argv, {"api-key", "api-secret", "leeway", "port", "bind"}, {"normalized"});
  if (!parsed.ok()) return Fail(parsed.status(), 2);
  const Args& a = *parsed;
  auto receiver = WebhookReceiverFromArgs(a);
  if (!receiver.ok()) return Fail(receiver.status(), 2);
  server::HttpServerOptions options;
  options.port = 7890;
  options.threads = 2;
  if (auto v = a.Get("port")) {
    unsigned port = 0;
    auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), port);
    if (ec != std::errc() || end != v->data() + v->size() || port > 65535) {
      return Fail(
          InvalidArgumentError("--port: '" + *v + "' is not a port number (0-65535; 0 picks one)"),
          2);
    }
    options.port = static_cast<uint16_t>(port);
  }
  if (auto v = a.Get("bind")) options.bind_address = *v;
  const bool normalized = a.Has("normalized");

  BlockTerminationSignals();
  std::shared_ptr<const WebhookReceiver> shared_receiver(std::move(*receiver));
  auto out_mu = std::make_shared<std::mutex>();
  auto server = server::HttpServer::Start(
      options, [shared_receiver, normalized, out_mu](const RestRequest& req) {
        return HandleDelivery(*shared_receiver, normalized, req, *out_mu);
      });
  if (!server.ok()) return Fail(server.status());
  std::cerr << "lkstudy webhook listen: http://" << options.bind_address << ":" << (*server)->port()
            << "/ (POST deliveries here; Ctrl-C stops)" << std::endl;
  std::cerr << "lkstudy webhook listen: " << WaitForTerminationSignal() << ", stopping"
            << std::endl;
  (*server)->Stop();
  return 0;
}

}  // namespace lks::cli
