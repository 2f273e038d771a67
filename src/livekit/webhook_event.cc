#include "lks/livekit/webhook_event.h"

#include <array>
#include <string_view>
#include <utility>

#include "core/json_fields.h"
#include "livekit/webhook_event_fields.h"

namespace lks {
namespace {

// Views (their lengths known at compile time): FromName() compares lengths first, no strlen.
// Each is a NUL-terminated literal, so data() is also the C string Name() returns.
constexpr std::array<std::string_view, 15> kEventNames = {
    "",
    "room_started",
    "room_finished",
    "participant_joined",
    "participant_left",
    "participant_connection_aborted",
    "track_published",
    "track_unpublished",
    "egress_started",
    "egress_updated",
    "egress_ended",
    "ingress_started",
    "ingress_ended",
    "agent_job_started",
    "agent_job_ended",
};

}  // namespace

const char* WebhookEventTypeName(WebhookEventType type) noexcept {
  const auto i = static_cast<size_t>(type);
  return i < kEventNames.size() ? kEventNames[i].data() : "";
}

WebhookEventType WebhookEventTypeFromName(std::string_view name) noexcept {
  if (name.empty()) return WebhookEventType::kUnknown;
  for (size_t i = 1; i < kEventNames.size(); ++i) {
    if (name == kEventNames[i]) return static_cast<WebhookEventType>(i);
  }
  return WebhookEventType::kUnknown;
}

std::string WebhookEventToNormalizedJson(const WebhookEvent& ev) {
  std::string out;
  out.reserve(256 + ev.raw_json.size());
  internal::JsonWriter w(&out);
  internal::WriteJsonFields(w, internal::webhook::kEvent, &ev, {.int64_as_text = true});
  return out;
}

}  // namespace lks
