// Termination signals for the CLI's long-running commands (serve, dev, webhook listen): SIGINT and
// SIGTERM are blocked in every thread and waited for by the main thread, so servers stop cleanly.
#ifndef LKS_SRC_CLI_SIGNALS_H_
#define LKS_SRC_CLI_SIGNALS_H_

namespace lks::cli {

// Blocks SIGINT and SIGTERM in the calling thread (and the threads it starts later). Call before
// starting any thread.
void BlockTerminationSignals();

// Waits for SIGINT or SIGTERM (blocked by BlockTerminationSignals) and returns its name.
const char* WaitForTerminationSignal();

}  // namespace lks::cli

#endif  // LKS_SRC_CLI_SIGNALS_H_
