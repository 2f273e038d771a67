// lkstudy app-token: mints an app user token (what the study-group app's login would issue), for
// trying the REST API with curl.
#include <iostream>

#include "cli/args.h"
#include "cli/commands.h"
#include "lks/api/app_token.h"

namespace lks::cli {

int RunAppTokenCommand(const std::vector<std::string>& argv) {
  constexpr const char* kUsage =
      "usage: lkstudy app-token --user ID [--email E] [--name N] [--role admin] [--ttl 7d]\n"
      "                         [--secret S]   (default: $APP_JWT_SECRET)\n";
  if (!argv.empty() && (argv[0] == "help" || argv[0] == "--help")) {
    std::cout << kUsage;
    return 0;
  }
  auto parsed = Args::Parse(argv, {"user", "email", "name", "role", "ttl", "secret"}, {});
  if (!parsed.ok()) return Fail(parsed.status(), 2);
  const Args& a = *parsed;
  auto secret = a.GetOrEnv("secret", "APP_JWT_SECRET");
  if (!secret) return Fail(InvalidArgumentError("--secret: required (or set APP_JWT_SECRET)"), 2);
  Principal who;
  who.user_id = a.Get("user").value_or("");
  if (who.user_id.empty())
    return Fail(InvalidArgumentError("--user: required (the app's user id)"), 2);
  who.email = a.Get("email").value_or("");
  who.name = a.Get("name").value_or("");
  who.role = a.Get("role").value_or("");
  std::chrono::seconds ttl = std::chrono::hours(24 * 7);
  if (auto v = a.Get("ttl")) {
    auto d = ParseDuration(*v, "--ttl");
    if (!d.ok()) return Fail(d.status(), 2);
    ttl = *d;
  }
  auto jwt = MintAppToken(*secret, who, ttl);
  if (!jwt.ok()) return Fail(jwt.status());
  std::cout << *jwt << "\n";
  return 0;
}

}  // namespace lks::cli
