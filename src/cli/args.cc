#include "cli/args.h"

#include <charconv>
#include <cstdlib>

namespace lks::cli {

StatusOr<Args> Args::Parse(const std::vector<std::string>& argv,
                           const std::set<std::string>& value_flags,
                           const std::set<std::string>& switches) {
  Args a;
  bool only_positional = false;
  for (size_t i = 0; i < argv.size(); ++i) {
    const std::string& arg = argv[i];
    if (only_positional || arg.size() < 3 || arg.compare(0, 2, "--") != 0) {
      if (arg == "--") {
        only_positional = true;
        continue;
      }
      a.positional_.push_back(arg);
      continue;
    }
    std::string name = arg.substr(2);
    std::optional<std::string> inline_value;
    if (auto eq = name.find('='); eq != std::string::npos) {
      inline_value = name.substr(eq + 1);
      name.resize(eq);
    }
    if (switches.count(name)) {
      if (inline_value) return InvalidArgumentError("--" + name + ": takes no value");
      a.switches_.insert(name);
    } else if (value_flags.count(name)) {
      if (inline_value) {
        a.values_.emplace(name, *inline_value);
      } else if (i + 1 < argv.size()) {
        a.values_.emplace(name, argv[++i]);
      } else {
        return InvalidArgumentError("--" + name + ": needs a value");
      }
    } else {
      return InvalidArgumentError("--" + name + ": unknown option");
    }
  }
  return a;
}

std::optional<std::string> Args::Get(const std::string& name) const {
  auto range = values_.equal_range(name);
  if (range.first == range.second) return std::nullopt;
  return std::prev(range.second)->second;
}

std::optional<std::string> Args::GetOrEnv(const std::string& name, const char* env) const {
  if (auto v = Get(name)) return v;
  if (const char* e = std::getenv(env); e && *e) return std::string(e);
  return std::nullopt;
}

std::vector<std::string> Args::GetAll(const std::string& name) const {
  std::vector<std::string> out;
  auto range = values_.equal_range(name);
  for (auto it = range.first; it != range.second; ++it) out.push_back(it->second);
  return out;
}

StatusOr<ApiCredentials> ReadApiCredentials(const Args& a) {
  auto key = a.GetOrEnv("api-key", "LIVEKIT_API_KEY");
  auto secret = a.GetOrEnv("api-secret", "LIVEKIT_API_SECRET");
  if (!key) return InvalidArgumentError("--api-key: required (or set LIVEKIT_API_KEY)");
  if (!secret) return InvalidArgumentError("--api-secret: required (or set LIVEKIT_API_SECRET)");
  return ApiCredentials{*key, *secret};
}

StatusOr<std::chrono::seconds> ParseDuration(const std::string& text, const char* field) {
  int64_t n = 0;
  const char* b = text.data();
  const char* e = b + text.size();
  auto r = std::from_chars(b, e, n);
  int64_t unit = 1;
  if (r.ec == std::errc() && r.ptr + 1 == e) {
    switch (*r.ptr) {
      case 's':
        unit = 1;
        break;
      case 'm':
        unit = 60;
        break;
      case 'h':
        unit = 3600;
        break;
      case 'd':
        unit = 86400;
        break;
      default:
        r.ec = std::errc::invalid_argument;
    }
  } else if (r.ec == std::errc() && r.ptr != e) {
    r.ec = std::errc::invalid_argument;
  }
  if (r.ec != std::errc() || n <= 0 || n > 10LL * 365 * 86400) {
    return InvalidArgumentError(std::string(field) + ": '" + text +
                                "' is not a positive duration like 6h, 90m, 45s or 3600");
  }
  return std::chrono::seconds(n * unit);
}

}  // namespace lks::cli
