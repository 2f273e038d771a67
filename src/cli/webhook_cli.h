// Shared by the `lkstudy webhook` subcommands (cmd_webhook.cc, cmd_webhook_listen.cc).
#ifndef LKS_SRC_CLI_WEBHOOK_CLI_H_
#define LKS_SRC_CLI_WEBHOOK_CLI_H_

#include <memory>
#include <string>
#include <vector>

#include "cli/args.h"
#include "lks/core/status.h"
#include "lks/livekit/webhook_receiver.h"

namespace lks::cli {

// A receiver for --api-key/--api-secret (or $LIVEKIT_API_KEY/$LIVEKIT_API_SECRET) and --leeway.
// Errors name the flag.
StatusOr<std::unique_ptr<WebhookReceiver>> WebhookReceiverFromArgs(const Args& args);

// The event of a verified delivery as one line of JSON (no trailing newline): the body as received
// (its line breaks, only ever JSON whitespace, become spaces), or with `normalized` lkstudy's view.
std::string WebhookEventLine(const WebhookEvent& event, bool normalized);

// lkstudy webhook listen ...
int RunWebhookListen(const std::vector<std::string>& args);

}  // namespace lks::cli

#endif  // LKS_SRC_CLI_WEBHOOK_CLI_H_
