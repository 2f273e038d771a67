// The lkstudy subcommands. Each takes the arguments after its name and returns the exit code:
// 0 success, 1 the operation failed (reason on stderr), 2 bad usage.
#ifndef LKS_SRC_CLI_COMMANDS_H_
#define LKS_SRC_CLI_COMMANDS_H_

#include <string>
#include <vector>

#include "lks/core/status.h"

namespace lks::cli {

int RunTokenCommand(const std::vector<std::string>& args);
int RunAppTokenCommand(const std::vector<std::string>& args);
int RunWebhookCommand(const std::vector<std::string>& args);

// Prints "lkstudy: <message>" to stderr and returns `exit_code`.
int Fail(const Status& status, int exit_code = 1);

}  // namespace lks::cli

#endif  // LKS_SRC_CLI_COMMANDS_H_
