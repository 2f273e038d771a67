// A small command-line parser for the lkstudy CLI: "--flag value", "--flag=value", boolean
// switches, repeatable flags and positional arguments. Unknown flags are errors.
#ifndef LKS_SRC_CLI_ARGS_H_
#define LKS_SRC_CLI_ARGS_H_

#include <chrono>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "lks/core/status.h"

namespace lks::cli {

class Args {
 public:
  // `value_flags` take a value; `switches` do not. Names without the leading "--".
  static StatusOr<Args> Parse(const std::vector<std::string>& argv,
                              const std::set<std::string>& value_flags,
                              const std::set<std::string>& switches);

  bool Has(const std::string& name) const {
    return values_.count(name) > 0 || switches_.count(name) > 0;
  }
  // The last value given for `name`.
  std::optional<std::string> Get(const std::string& name) const;
  // `name`'s value, else the environment variable `env`, else nullopt.
  std::optional<std::string> GetOrEnv(const std::string& name, const char* env) const;
  std::vector<std::string> GetAll(const std::string& name) const;
  const std::vector<std::string>& positional() const { return positional_; }

 private:
  std::multimap<std::string, std::string> values_;
  std::set<std::string> switches_;
  std::vector<std::string> positional_;
};

// A LiveKit API key and secret from --api-key/--api-secret, else
// $LIVEKIT_API_KEY/$LIVEKIT_API_SECRET.
struct ApiCredentials {
  std::string key, secret;
};
// Errors: kInvalidArgument naming the missing flag and its variable.
StatusOr<ApiCredentials> ReadApiCredentials(const Args& args);

// "6h", "90m", "45s", "2d" or plain seconds ("3600").
StatusOr<std::chrono::seconds> ParseDuration(const std::string& text, const char* field);

}  // namespace lks::cli

#endif  // LKS_SRC_CLI_ARGS_H_
