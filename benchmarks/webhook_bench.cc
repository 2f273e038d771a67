// Webhook receive cost: verify (JWT + body SHA-256) and parse a realistic 600-byte
// participant_joined delivery. BM_WebhookReceive is the number webhook_vs_node.sh compares with
// livekit-server-sdk's WebhookReceiver.receive; the others show where the time goes.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "lks/core/crypto.h"
#include "lks/livekit/access_token.h"
#include "lks/livekit/webhook_receiver.h"
#include "lks/livekit/webhook_signer.h"

namespace {

constexpr const char* kKey = "APIbenchWebhook";
constexpr const char* kSecret = "bench-webhook-secret-0123456789abcdef";

struct Fixture {
  Fixture() : clock(1'732'700'012'000), receiver(kKey, kSecret) {
    const char* path = std::getenv("LKS_WEBHOOK_BODY");
    std::ifstream in(path ? path : LKS_BENCH_DATA_DIR "/webhook_participant_joined.json",
                     std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    body = s.str();
    if (body.empty()) std::abort();
    receiver.set_clock(clock);
    auth = *lks::SignWebhook(lks::TokenSigner(kKey, kSecret), body, lks::kWebhookTokenTtl, clock);
  }
  lks::ManualClock clock;  // fixed: the token never expires during a run
  lks::WebhookReceiver receiver;
  std::string body;
  std::string auth;
};

Fixture& F() {
  static Fixture f;
  return f;
}

void BM_WebhookReceive(benchmark::State& state) {
  Fixture& f = F();
  for (auto _ : state) {
    auto ev = f.receiver.Receive(f.body, f.auth);
    if (!ev.ok()) state.SkipWithError("receive failed");
    benchmark::DoNotOptimize(ev);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * f.body.size()));
}
BENCHMARK(BM_WebhookReceive);

// The same into one reused event (a host's per-thread event): its strings keep their capacity.
void BM_WebhookReceiveInto(benchmark::State& state) {
  Fixture& f = F();
  lks::WebhookEvent ev;
  for (auto _ : state) {
    lks::Status s = f.receiver.Receive(f.body, f.auth, &ev);
    if (!s.ok()) state.SkipWithError("receive failed");
    benchmark::DoNotOptimize(ev);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * f.body.size()));
}
BENCHMARK(BM_WebhookReceiveInto);

void BM_WebhookVerifyOnly(benchmark::State& state) {
  Fixture& f = F();
  for (auto _ : state) {
    lks::Status s = f.receiver.Verify(f.body, f.auth);
    if (!s.ok()) state.SkipWithError("verify failed");
    benchmark::DoNotOptimize(s);
  }
}
BENCHMARK(BM_WebhookVerifyOnly);

// The floor of a delivery (issue 17: verify+parse <= 2.0x of it): what no receiver can skip, the
// MAC of the token's signing input with a precomputed key schedule plus SHA-256 of the body.
void BM_WebhookFloor(benchmark::State& state) {
  Fixture& f = F();
  const std::string input = f.auth.substr(0, f.auth.rfind('.'));
  const lks::HmacSha256Key key(kSecret);
  for (auto _ : state) {
    lks::Sha256Digest mac = key.Sign(input);
    lks::Sha256Digest body = lks::Sha256(f.body);
    benchmark::DoNotOptimize(mac);
    benchmark::DoNotOptimize(body);
  }
}
BENCHMARK(BM_WebhookFloor);

void BM_WebhookParseOnly(benchmark::State& state) {
  Fixture& f = F();
  for (auto _ : state) {
    auto ev = lks::ParseWebhookEvent(f.body);
    benchmark::DoNotOptimize(ev);
  }
}
BENCHMARK(BM_WebhookParseOnly);

void BM_WebhookParseInto(benchmark::State& state) {
  Fixture& f = F();
  lks::WebhookEvent ev;
  for (auto _ : state) {
    lks::Status s = lks::ParseWebhookEvent(f.body, &ev);
    benchmark::DoNotOptimize(s);
    benchmark::DoNotOptimize(ev);
  }
}
BENCHMARK(BM_WebhookParseInto);

// The body digest as the receiver computes it (base64 included), for scale.
void BM_BodySha256Base64(benchmark::State& state) {
  Fixture& f = F();
  for (auto _ : state) benchmark::DoNotOptimize(lks::WebhookBodySha256(f.body));
}
BENCHMARK(BM_BodySha256Base64);

}  // namespace

BENCHMARK_MAIN();
