#include "cli/serve.h"

#include <unistd.h>

#include <charconv>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "cli/openapi_spec.h"
#include "cli/reconcile_loop.h"
#include "cli/signals.h"
#include "lks/api/rest_handler.h"
#include "lks/store/open_store.h"
#include "server/cors.h"
#include "server/http_server.h"
#include "server/rate_limiter.h"
#include "server/static_site.h"

namespace lks::cli {

const std::set<std::string> kServeValueFlags = {"port",
                                                "bind",
                                                "db",
                                                "threads",
                                                "livekit-url",
                                                "api-key",
                                                "api-secret",
                                                "app-jwt-secret",
                                                "e2ee-master-secret",
                                                "env-file",
                                                "cost-per-minute",
                                                "live-room-cache-seconds",
                                                "token-ttl",
                                                "public-url",
                                                "web-dir",
                                                "cors-origin",
                                                "rate-token-per-minute",
                                                "rate-create-group-per-minute",
                                                "reconcile-interval"};
const std::set<std::string> kServeSwitches = {"no-web"};

namespace {
std::string Env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

template <typename T>
Status ParseNumber(const std::string& text, const char* what, T min, T max, T* out) {
  T v{};
  auto r = std::from_chars(text.data(), text.data() + text.size(), v);
  if (r.ec != std::errc() || r.ptr != text.data() + text.size() || v < min || v > max) {
    return InvalidArgumentError(std::string(what) + ": '" + text + "' is not a number from " +
                                std::to_string(min) + " to " + std::to_string(max));
  }
  *out = v;
  return OkStatus();
}
}  // namespace

StatusOr<ServeConfig> ServeConfigFromArgs(const Args& a) {
  ServeConfig c;
  if (auto v = a.Get("port")) {
    LKS_RETURN_IF_ERROR(ParseNumber<uint16_t>(*v, "--port", 0, 65535, &c.port));
  } else if (std::string e = Env("PORT"); !e.empty()) {
    LKS_RETURN_IF_ERROR(ParseNumber<uint16_t>(e, "PORT", 0, 65535, &c.port));
  }
  c.bind_address = a.Get("bind").value_or(c.bind_address);
  c.database_url = a.GetOrEnv("db", "DATABASE_URL").value_or(c.database_url);
  c.livekit_url = a.GetOrEnv("livekit-url", "LIVEKIT_SERVER_URL").value_or("");
  c.api_key = a.GetOrEnv("api-key", "LIVEKIT_API_KEY").value_or("");
  c.api_secret = a.GetOrEnv("api-secret", "LIVEKIT_API_SECRET").value_or("");
  c.app_jwt_secret = a.GetOrEnv("app-jwt-secret", "APP_JWT_SECRET").value_or("");
  c.e2ee_master_secret = a.GetOrEnv("e2ee-master-secret", "LKS_E2EE_MASTER_SECRET").value_or("");
  if (!c.e2ee_master_secret.empty() && c.e2ee_master_secret.size() < kMinE2eeMasterSecretBytes) {
    return InvalidArgumentError(
        "LKS_E2EE_MASTER_SECRET: must be at least 32 bytes (e.g. `openssl rand -hex 32`)");
  }
  if (auto v = a.Get("threads"))
    LKS_RETURN_IF_ERROR(ParseNumber<unsigned>(*v, "--threads", 1, 256, &c.threads));
  if (auto v = a.Get("live-room-cache-seconds")) {
    LKS_RETURN_IF_ERROR(ParseNumber<unsigned>(*v, "--live-room-cache-seconds", 0, 86400,
                                              &c.live_room_cache_seconds));
  }
  if (auto v = a.Get("token-ttl")) {
    StatusOr<std::chrono::seconds> ttl = ParseDuration(*v, "--token-ttl");
    if (!ttl.ok()) return ttl.status();
    c.token_ttl = *ttl;
  }
  if (auto v = a.Get("cost-per-minute")) {
    char* end = nullptr;
    c.cost_per_participant_minute = std::strtod(v->c_str(), &end);
    if (v->empty() || *end || c.cost_per_participant_minute < 0) {
      return InvalidArgumentError("--cost-per-minute: '" + *v + "' is not a non-negative number");
    }
  }
  c.cors_origins = a.GetAll("cors-origin");
  if (auto p = server::CorsPolicy::Create(c.cors_origins); !p.ok()) return p.status();
  if (auto v = a.Get("rate-token-per-minute")) {
    LKS_RETURN_IF_ERROR(
        ParseNumber<uint32_t>(*v, "--rate-token-per-minute", 0, 1000000, &c.token_rate_per_minute));
  }
  if (auto v = a.Get("rate-create-group-per-minute")) {
    LKS_RETURN_IF_ERROR(ParseNumber<uint32_t>(*v, "--rate-create-group-per-minute", 0, 1000000,
                                              &c.create_group_rate_per_minute));
  }
  c.public_url = a.GetOrEnv("public-url", "LKS_PUBLIC_URL").value_or("");
  if (!c.public_url.empty() && c.public_url.rfind("http://", 0) != 0 &&
      c.public_url.rfind("https://", 0) != 0) {
    return InvalidArgumentError("--public-url: '" + c.public_url +
                                "' is not an http:// or https:// URL");
  }
  if (auto v = a.Get("reconcile-interval")) {
    if (*v == "0" || *v == "off") {
      c.reconcile_interval = std::chrono::seconds(0);
    } else {
      StatusOr<std::chrono::seconds> every = ParseDuration(*v, "--reconcile-interval");
      if (!every.ok()) return every.status();
      c.reconcile_interval = *every;
    }
  }
  c.web = !a.Has("no-web");
  c.web_dir = a.GetOrEnv("web-dir", "LKS_WEB_DIR").value_or("");
  if (c.app_jwt_secret.empty()) {
    return InvalidArgumentError(
        "APP_JWT_SECRET: required (the secret your app signs user tokens with; "
        "--app-jwt-secret or .env)");
  }
  return c;
}

std::string DefaultWebClientDir() {
  namespace fs = std::filesystem;
  char self[4096];
  ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
  if (n <= 0) return {};
  const fs::path bin = fs::path(std::string(self, static_cast<size_t>(n))).parent_path();
  std::error_code ec;
  for (const fs::path& dir : {bin.parent_path() / "web", bin.parent_path() / "share/lkstudy/web"}) {
    if (fs::is_regular_file(dir / "index.html", ec)) return dir.string();
  }
  return {};
}

namespace {
// The web client for `c`, or null with why in *note ("off (--no-web)" or "absent"; the reason
// for an absent one goes to stderr).
std::unique_ptr<server::StaticSite> LoadWebClient(const ServeConfig& c, std::string* note) {
  if (!c.web) {
    *note = "off (--no-web)";
    return nullptr;
  }
  *note = "absent";
  const std::string dir = c.web_dir.empty() ? DefaultWebClientDir() : c.web_dir;
  if (dir.empty()) {
    std::cerr << "lkstudy serve: web client absent: this build has none (bundling it needs "
                 "Node.js and `npm ci` in web/ at build time, which scripts/setup.sh does); "
                 "--web-dir names a bundle folder\n";
    return nullptr;
  }
  auto site = server::StaticSite::Load(dir, server::WebClientContentSecurityPolicy(c.livekit_url));
  if (!site.ok()) {
    std::cerr << "lkstudy serve: web client absent: " << site.status().message() << "\n";
    return nullptr;
  }
  return std::move(*site);
}
}  // namespace

int Serve(const ServeConfig& c, const std::function<void(const ServeInfo&)>& on_ready,
          const ExtraRoutes& extra) {
  // One store connection per handler worker kept ready: a request holds one for a single
  // statement at a time, so more would only add PostgreSQL backends competing for the cores.
  StoreOptions store_options;
  store_options.max_connections = static_cast<int>(c.threads);
  auto store = OpenStudyGroupStore(c.database_url, store_options);
  if (!store.ok()) {
    std::cerr << "lkstudy serve: cannot open the store: " << store.status().message() << "\n";
    return 1;
  }
  std::shared_ptr<const RoomServiceClient> rooms;
  std::shared_ptr<const EgressClient> egress;
  std::shared_ptr<const AgentDispatchClient> agents;
  if (!c.livekit_url.empty() && !c.api_key.empty() && !c.api_secret.empty()) {
    RoomServiceOptions ro;
    ro.url = c.livekit_url;
    ro.api_key = c.api_key;
    ro.api_secret = c.api_secret;
    // Recording and transcription (docs/recording.md) from the same server and keys. One
    // attempt for Egress: without a worker the server answers only after waiting ~20 s.
    RoomServiceOptions eo = ro;
    eo.retry.max_attempts = 1;
    if (auto e = EgressClient::Create(std::move(eo)); e.ok()) egress = std::move(*e);
    if (auto a = AgentDispatchClient::Create(ro); a.ok()) agents = std::move(*a);
    auto client = RoomServiceClient::Create(std::move(ro));
    if (!client.ok()) {
      std::cerr << "lkstudy serve: LIVEKIT_SERVER_URL: " << client.status().message() << "\n";
      return 1;
    }
    rooms = std::move(*client);
  } else {
    std::cerr << "lkstudy serve: LiveKit is not configured (LIVEKIT_SERVER_URL, LIVEKIT_API_KEY, "
                 "LIVEKIT_API_SECRET); token and room routes will answer 503\n";
  }
  StudyGroupServiceOptions so;
  so.livekit_url = c.livekit_url;
  so.api_key = c.api_key;
  so.api_secret = c.api_secret;
  so.cost_per_participant_minute = c.cost_per_participant_minute;
  so.live_room_cache_ttl = std::chrono::seconds(c.live_room_cache_seconds);
  so.token_ttl = c.token_ttl;
  so.public_url = c.public_url;
  so.egress = egress;
  so.agent_dispatch = agents;
  so.e2ee_master_secret = c.e2ee_master_secret;
  auto service = std::make_shared<StudyGroupService>(
      std::shared_ptr<StudyGroupStore>(std::move(*store)), rooms, so);
  std::shared_ptr<const WebhookReceiver> webhooks;
  if (!c.api_key.empty() && !c.api_secret.empty()) {
    webhooks = std::make_shared<const WebhookReceiver>(c.api_key, c.api_secret);
  }
  auto app_tokens = std::make_shared<const AppTokenVerifier>(c.app_jwt_secret);
  auto handler = std::make_shared<const RestHandler>(service, app_tokens, webhooks);
  ServeInfo info;
  std::shared_ptr<const server::StaticSite> site = LoadWebClient(c, &info.web_note);
  info.web_served = site != nullptr;

  server::HttpServerOptions ho;
  ho.bind_address = c.bind_address;
  ho.port = c.port;
  ho.threads = c.threads;
  auto cors = std::make_shared<const server::CorsPolicy>(
      server::CorsPolicy::Create(c.cors_origins).value());  // checked by ServeConfigFromArgs
  auto token_limit = std::make_shared<server::RateLimiter>(c.token_rate_per_minute);
  auto group_limit = std::make_shared<server::RateLimiter>(c.create_group_rate_per_minute);
  // The per-user limits: the caller is who the app token says (an invalid token goes on to the
  // handler's 401). Checked before the handler, so a limited request costs no LiveKit call.
  auto limited = [app_tokens, token_limit,
                  group_limit](const RestRequest& req) -> std::optional<RestResponse> {
    if (req.method != "POST") return std::nullopt;
    server::RateLimiter* limit = req.path == "/api/livekit/token"         ? token_limit.get()
                                 : req.path == "/api/study-groups/create" ? group_limit.get()
                                                                          : nullptr;
    if (!limit || limit->per_minute() == 0) return std::nullopt;
    StatusOr<Principal> who = app_tokens->VerifyAuthorization(req.Header("Authorization"));
    if (!who.ok()) return std::nullopt;
    const int64_t now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                               std::chrono::steady_clock::now().time_since_epoch())
                               .count();
    const int64_t retry = limit->Acquire(who->user_id, now_ms);
    if (retry == 0) return std::nullopt;
    RestResponse r = RestErrorResponse(
        ResourceExhaustedError("rate limit: " + std::to_string(limit->per_minute()) + " " +
                               req.path + " requests a minute per user; retry in " +
                               std::to_string(retry) + " s")
            .WithReason("rate_limited")
            .WithHttpStatus(429));
    r.headers.emplace_back("Retry-After", std::to_string(retry));
    return r;
  };
  auto api = [handler, limited](const RestRequest& req) -> RestResponse {
    if (std::optional<RestResponse> r = limited(req)) return std::move(*r);
    return handler->Handle(req);
  };
  auto route = [api, site, extra, cors](const RestRequest& req) -> RestResponse {
    if (std::optional<RestResponse> pre = cors->Preflight(req)) return std::move(*pre);
    RestResponse resp = [&] {
      if (req.path == "/api/openapi.yaml" && (req.method == "GET" || req.method == "HEAD")) {
        RestResponse r;
        r.headers.emplace_back("Content-Type", "application/yaml");
        r.body = std::string(OpenApiYaml());
        return r;
      }
      if (req.path.rfind("/api/", 0) == 0) return api(req);
      if (extra) {
        if (std::optional<RestResponse> r = extra(req)) return std::move(*r);
      }
      if (site) return site->Serve(req);
      return api(req);  // the API's 404 no_route, as JSON
    }();
    cors->Decorate(req, &resp);
    return resp;
  };
  auto server = server::HttpServer::Start(ho, [route](const RestRequest& req) {
    const auto start = std::chrono::steady_clock::now();
    RestResponse resp = route(req);
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    // One line per request: never the query string, headers or bodies (they may carry tokens).
    std::fprintf(stderr, "%s %s %d %.1fms\n", req.method.c_str(), req.path.c_str(), resp.status,
                 ms);
    return resp;
  });
  if (!server.ok()) {
    std::cerr << "lkstudy serve: " << server.status().message() << "\n";
    return 1;
  }
  info.port = (*server)->port();
  // Reconciliation needs LiveKit; without it there is nothing to compare with.
  std::unique_ptr<ReconcileLoop> reconcile;
  if (rooms && c.reconcile_interval.count() > 0) {
    reconcile = std::make_unique<ReconcileLoop>(service, c.reconcile_interval);
    reconcile->Start();
  }
  on_ready(info);

  std::cerr << "lkstudy serve: " << WaitForTerminationSignal() << ", shutting down\n";
  if (reconcile) reconcile->Stop();  // before the server: a pass in progress finishes first
  (*server)->Stop();
  return 0;
}

}  // namespace lks::cli
