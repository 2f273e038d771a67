// Fuzz target: the `.env` reader of the lkstudy command (src/cli/dotenv). Properties: an error
// names the file and line; what parses, written back as KEY="value" lines, parses to the same map.
#include <string>

#include "cli/dotenv.h"
#include "fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(lks::fuzz::AsText(data, size));
  auto vars = lks::cli::ParseDotEnv(text, ".env");
  if (!vars.ok()) {
    LKS_FUZZ_CHECK(vars.status().message().rfind(".env:", 0) == 0, "error names file and line");
    return 0;
  }
  std::string written;
  for (const auto& [key, value] : *vars) {
    LKS_FUZZ_CHECK(!key.empty(), "keys are not empty");
    LKS_FUZZ_CHECK(value.find('\n') == std::string::npos, "values are one line");
    written += key + "=\"" + value + "\"\n";
  }
  auto again = lks::cli::ParseDotEnv(written, ".env");
  LKS_FUZZ_CHECK(again.ok(), "written variables parse");
  LKS_FUZZ_CHECK(*again == *vars, "write/parse round trip");
  return 0;
}
