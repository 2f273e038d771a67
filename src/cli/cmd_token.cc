// lkstudy token create | verify
#include <iostream>
#include <iterator>

#include "cli/args.h"
#include "cli/commands.h"
#include "lks/livekit/access_token.h"
#include "lks/livekit/token_verifier.h"

namespace lks::cli {
namespace {

constexpr const char* kTokenUsage =
    "usage:\n"
    "  lkstudy token create --api-key K --api-secret S --identity ID [--name N] [--room R]\n"
    "         [--join] [--admin] [--create] [--list] [--record] [--hidden] [--ttl 6h|90m|3600]\n"
    "         [--metadata STR] [--attribute k=v]... [--grant JSON] [--kind agent]\n"
    "  lkstudy token verify [--api-key K --api-secret S] [--leeway 60] TOKEN|-\n"
    "API key and secret default to $LIVEKIT_API_KEY and $LIVEKIT_API_SECRET.\n";

int Create(const std::vector<std::string>& argv) {
  auto parsed = Args::Parse(argv,
                            {"api-key", "api-secret", "identity", "name", "room", "ttl", "metadata",
                             "attribute", "grant", "kind"},
                            {"join", "admin", "create", "list", "record", "hidden"});
  if (!parsed.ok()) return Fail(parsed.status(), 2);
  const Args& a = *parsed;
  if (!a.positional().empty())
    return Fail(InvalidArgumentError("unexpected argument '" + a.positional()[0] + "'"), 2);
  auto creds = ReadApiCredentials(a);
  if (!creds.ok()) return Fail(creds.status(), 2);

  AccessToken token(creds->key, creds->secret);
  if (auto v = a.Get("identity")) token.set_identity(*v);
  if (auto v = a.Get("name")) token.set_name(*v);
  if (auto v = a.Get("metadata")) token.set_metadata(*v);
  if (auto v = a.Get("kind")) token.set_kind(*v);
  if (auto v = a.Get("ttl")) {
    auto ttl = ParseDuration(*v, "--ttl");
    if (!ttl.ok()) return Fail(ttl.status(), 2);
    token.set_ttl(*ttl);
  }
  for (const std::string& kv : a.GetAll("attribute")) {
    auto eq = kv.find('=');
    if (eq == std::string::npos || eq == 0) {
      return Fail(InvalidArgumentError("--attribute: '" + kv + "' is not key=value"), 2);
    }
    token.set_attribute(kv.substr(0, eq), kv.substr(eq + 1));
  }
  VideoGrant grant;
  bool any_grant = false;
  auto flag = [&](const char* name, bool VideoGrant::*field) {
    if (a.Has(name)) {
      grant.*field = true;
      any_grant = true;
    }
  };
  flag("join", &VideoGrant::room_join);
  flag("admin", &VideoGrant::room_admin);
  flag("create", &VideoGrant::room_create);
  flag("list", &VideoGrant::room_list);
  flag("record", &VideoGrant::room_record);
  flag("hidden", &VideoGrant::hidden);
  if (auto v = a.Get("room")) {
    grant.room = *v;
    any_grant = true;
  }
  if (auto v = a.Get("grant")) {
    auto extra = VideoGrantFromJson(*v);
    if (!extra.ok()) return Fail(extra.status().Annotate("--grant"), 2);
    grant.Merge(*extra);
    any_grant = true;
  }
  if (any_grant) token.AddGrant(grant);
  auto jwt = token.ToJwt();
  if (!jwt.ok()) return Fail(jwt.status());
  std::cout << *jwt << "\n";
  return 0;
}

int Verify(const std::vector<std::string>& argv) {
  auto parsed = Args::Parse(argv, {"api-key", "api-secret", "leeway"}, {});
  if (!parsed.ok()) return Fail(parsed.status(), 2);
  const Args& a = *parsed;
  if (a.positional().size() != 1)
    return Fail(InvalidArgumentError("expected one TOKEN (or - for stdin)"), 2);
  auto creds = ReadApiCredentials(a);
  if (!creds.ok()) return Fail(creds.status(), 2);
  std::string jwt = a.positional()[0];
  if (jwt == "-") {
    jwt.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
    while (!jwt.empty() && (jwt.back() == '\n' || jwt.back() == '\r' || jwt.back() == ' '))
      jwt.pop_back();
  }
  TokenVerifier verifier(KeySet{});
  if (Status s = verifier.mutable_keys().Add(creds->key, creds->secret); !s.ok()) return Fail(s, 2);
  if (auto v = a.Get("leeway")) {
    char* end = nullptr;
    long long secs = std::strtoll(v->c_str(), &end, 10);
    if (v->empty() || *end != '\0' || secs < 0) {
      return Fail(
          InvalidArgumentError("--leeway: '" + *v + "' is not a non-negative number of seconds"),
          2);
    }
    verifier.set_leeway(std::chrono::seconds(secs));
  }
  auto verified = verifier.Verify(jwt);
  if (!verified.ok()) {
    const Status& s = verified.status();
    std::cerr << "lkstudy: invalid token (" << s.reason() << "): " << s.message() << "\n";
    return 1;
  }
  std::cout << VerifiedTokenToJson(*verified) << "\n";
  return 0;
}

}  // namespace

int RunTokenCommand(const std::vector<std::string>& args) {
  if (args.empty() || args[0] == "help" || args[0] == "--help") {
    std::cout << kTokenUsage;
    return args.empty() ? 2 : 0;
  }
  std::vector<std::string> rest(args.begin() + 1, args.end());
  if (args[0] == "create") return Create(rest);
  if (args[0] == "verify") return Verify(rest);
  std::cerr << "lkstudy token: unknown subcommand '" << args[0] << "'\n" << kTokenUsage;
  return 2;
}

}  // namespace lks::cli
