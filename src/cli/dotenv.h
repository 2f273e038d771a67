// Reading a .env file (KEY=VALUE lines, # comments, optional quotes, optional "export ").
#ifndef LKS_SRC_CLI_DOTENV_H_
#define LKS_SRC_CLI_DOTENV_H_

#include <map>
#include <string>

#include "lks/core/status.h"

namespace lks::cli {

// Parses `text`. Errors: kInvalidArgument "<file>:<line>: ..." for a line that is not KEY=VALUE.
StatusOr<std::map<std::string, std::string>> ParseDotEnv(const std::string& text,
                                                         const std::string& file);

// Loads `path` if it exists and sets each variable not already in the environment (the process
// environment wins). A missing file is not an error.
Status LoadDotEnvFile(const std::string& path);

}  // namespace lks::cli

#endif  // LKS_SRC_CLI_DOTENV_H_
