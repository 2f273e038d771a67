#include "cli/dotenv.h"

#include <cctype>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace lks::cli {
namespace {
std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t\r");
  return s.substr(b, e - b + 1);
}
}  // namespace

StatusOr<std::map<std::string, std::string>> ParseDotEnv(const std::string& text,
                                                         const std::string& file) {
  std::map<std::string, std::string> out;
  std::istringstream in(text);
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    line = Trim(line);
    if (line.empty() || line[0] == '#') continue;
    if (line.rfind("export ", 0) == 0) line = Trim(line.substr(7));
    size_t eq = line.find('=');
    std::string key = eq == std::string::npos ? "" : Trim(line.substr(0, eq));
    bool valid_key = !key.empty();
    for (char c : key)
      valid_key = valid_key && (std::isalnum(static_cast<unsigned char>(c)) || c == '_');
    if (!valid_key) {
      return InvalidArgumentError(file + ":" + std::to_string(n) + ": expected KEY=VALUE");
    }
    std::string value = Trim(line.substr(eq + 1));
    if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') &&
        value.back() == value.front()) {
      value = value.substr(1, value.size() - 2);
    } else if (size_t hash = value.find(" #"); hash != std::string::npos) {
      value = Trim(value.substr(0, hash));
    }
    out[key] = value;
  }
  return out;
}

Status LoadDotEnvFile(const std::string& path) {
  std::ifstream f(path);
  if (!f) return OkStatus();
  std::stringstream ss;
  ss << f.rdbuf();
  auto vars = ParseDotEnv(ss.str(), path);
  if (!vars.ok()) return vars.status();
  for (const auto& [k, v] : *vars) setenv(k.c_str(), v.c_str(), /*overwrite=*/0);
  return OkStatus();
}

}  // namespace lks::cli
