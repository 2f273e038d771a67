// Speed of minting and verifying LiveKit access tokens, and the floor they are measured against.
//
//   BM_MintSignTo        TokenSigner::SignTo into a reused std::string (the allocation-free path)
//   BM_MintAccessToken   an AccessToken built per token (identity, name, metadata, grant) on a
//                        shared TokenSigner, then ToJwt(): what a backend does per request
//   BM_Verify            TokenVerifier::Verify of one of those tokens (signature, exp/nbf, claims)
//   BM_HmacSha256Floor   OpenSSL's one-shot HMAC(EVP_sha256(), ...) over the same signing input
//                        (base64url header "." base64url payload): the cost of the MAC alone
//   BM_HmacSha256Precomputed  the same MAC with lkstudy's precomputed key schedule
//
// Every token carries the same claims: identity, name, metadata, 6 h TTL and a video grant with
// roomJoin, room, canPublish, canSubscribe, canPublishData, canUpdateOwnMetadata.
// Single-threaded runs report CPU time per token. The `real_time/threads:2` variants run the same
// loop on two threads against one shared signer/verifier and report wall-clock throughput, to show
// that the shared objects are safe and scale (run them unpinned on an idle 2-core machine).
// benchmarks/tokens_vs_node.sh runs these on one core next to LiveKit's Node SDK.
#include <benchmark/benchmark.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <cstdlib>
#include <memory>
#include <string>

#include "livekit/token_payload.h"
#include "lks/core/base64.h"
#include "lks/livekit/access_token.h"
#include "lks/livekit/token_verifier.h"

namespace {

constexpr char kApiKey[] = "APIbenchKey1";
constexpr char kApiSecret[] = "bench-secret-0123456789abcdefghijklmnopqrstuvwxyzABCD";
constexpr char kIdentity[] = "user_15";
constexpr char kName[] = "John Doe";
constexpr char kMetadata[] = R"({"userId":15,"email":"john@example.com"})";
constexpr char kRoom[] = "study_group_1700000000_ab12cd";

lks::VideoGrant BenchGrant() {
  lks::VideoGrant g;
  g.room_join = true;
  g.room = kRoom;
  g.can_publish = true;
  g.can_subscribe = true;
  g.can_publish_data = true;
  g.can_update_own_metadata = true;
  return g;
}

lks::ClaimGrants BenchClaims() {
  lks::ClaimGrants c;
  c.identity = kIdentity;
  c.name = kName;
  c.metadata = kMetadata;
  c.video = BenchGrant();
  return c;
}

const std::shared_ptr<const lks::TokenSigner>& SharedSigner() {
  static const auto signer = std::make_shared<const lks::TokenSigner>(kApiKey, kApiSecret);
  return signer;
}

const std::string& BenchToken() {
  static const std::string token = [] {
    auto jwt = SharedSigner()->Sign(BenchClaims(), lks::TokenTiming{});
    if (!jwt.ok()) std::abort();
    return *jwt;
  }();
  return token;
}

void BM_MintSignTo(benchmark::State& state) {
  const lks::TokenSigner& signer = *SharedSigner();
  const lks::ClaimGrants claims = BenchClaims();
  const lks::TokenTiming timing{};  // 6 h
  std::string out;
  for (auto _ : state) {
    lks::Status s = signer.SignTo(claims, timing, lks::SystemClock(), &out);
    if (!s.ok()) state.SkipWithError("SignTo failed");
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["token_bytes"] =
      benchmark::Counter(static_cast<double>(out.size()), benchmark::Counter::kAvgThreads);
}
BENCHMARK(BM_MintSignTo);
BENCHMARK(BM_MintSignTo)->Threads(2)->UseRealTime();

void BM_MintAccessToken(benchmark::State& state) {
  const std::shared_ptr<const lks::TokenSigner>& signer = SharedSigner();
  const lks::VideoGrant grant = BenchGrant();
  for (auto _ : state) {
    lks::AccessToken at(signer);
    at.set_identity(kIdentity).set_name(kName).set_metadata(kMetadata).set_ttl(
        lks::kDefaultTokenTtl);
    at.AddGrant(grant);
    lks::StatusOr<std::string> jwt = at.ToJwt();
    if (!jwt.ok()) state.SkipWithError("ToJwt failed");
    benchmark::DoNotOptimize(jwt);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_MintAccessToken);
BENCHMARK(BM_MintAccessToken)->Threads(2)->UseRealTime();

void BM_Verify(benchmark::State& state) {
  static const lks::TokenVerifier* verifier = new lks::TokenVerifier(kApiKey, kApiSecret);
  const std::string& token = BenchToken();
  for (auto _ : state) {
    lks::StatusOr<lks::VerifiedToken> v = verifier->Verify(token);
    if (!v.ok()) state.SkipWithError("Verify failed");
    benchmark::DoNotOptimize(v);
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["token_bytes"] =
      benchmark::Counter(static_cast<double>(token.size()), benchmark::Counter::kAvgThreads);
}
BENCHMARK(BM_Verify);
BENCHMARK(BM_Verify)->Threads(2)->UseRealTime();

// Where verify's time goes (not run by tokens_vs_node.sh, whose filter skips names with '_'):
//   BM_Verify_Reused      Verify(jwt, &out) into one VerifiedToken: no allocation for the result
//   BM_Verify_FixedClock  BM_Verify with a ManualClock: without reading the system clock
//   BM_Verify_Decode      base64url decoding of the payload segment into a reused buffer
//   BM_Verify_Payload     reading the decoded payload into a fresh ClaimGrants (ParseTokenPayload)
void BM_Verify_Reused(benchmark::State& state) {
  static const lks::TokenVerifier* verifier = new lks::TokenVerifier(kApiKey, kApiSecret);
  const std::string& token = BenchToken();
  lks::VerifiedToken out;
  for (auto _ : state) {
    lks::Status s = verifier->Verify(token, &out);
    if (!s.ok()) state.SkipWithError("Verify failed");
    benchmark::DoNotOptimize(out);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Verify_Reused);

void BM_Verify_FixedClock(benchmark::State& state) {
  static const lks::ManualClock* clock = new lks::ManualClock(lks::SystemClock().NowUnixMillis());
  static const lks::TokenVerifier* verifier = [] {
    auto* v = new lks::TokenVerifier(kApiKey, kApiSecret);
    v->set_clock(*clock);
    return v;
  }();
  const std::string& token = BenchToken();
  for (auto _ : state) {
    lks::StatusOr<lks::VerifiedToken> v = verifier->Verify(token);
    if (!v.ok()) state.SkipWithError("Verify failed");
    benchmark::DoNotOptimize(v);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Verify_FixedClock);

std::string_view PayloadSegment(const std::string& token) {
  const size_t d1 = token.find('.');
  return std::string_view(token).substr(d1 + 1, token.rfind('.') - d1 - 1);
}

void BM_Verify_Decode(benchmark::State& state) {
  const std::string_view segment = PayloadSegment(BenchToken());
  std::string out;
  for (auto _ : state) {
    lks::Status s = lks::Base64UrlDecode(segment, &out);
    if (!s.ok()) state.SkipWithError("decode failed");
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Verify_Decode);

void BM_Verify_Payload(benchmark::State& state) {
  std::string json;
  if (!lks::Base64UrlDecode(PayloadSegment(BenchToken()), &json).ok()) std::abort();
  std::string buffer;
  for (auto _ : state) {
    buffer = json;  // parsed in place
    lks::internal::TokenPayload payload;
    lks::ClaimGrants grants;
    lks::Status s = lks::internal::ParseTokenPayload(&buffer, &payload, &grants);
    if (!s.ok()) state.SkipWithError("parse failed");
    benchmark::DoNotOptimize(grants);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Verify_Payload);

void BM_HmacSha256Floor(benchmark::State& state) {
  const std::string& token = BenchToken();
  const std::string signing_input = token.substr(0, token.rfind('.'));
  const std::string secret = kApiSecret;
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int mac_len = 0;
  for (auto _ : state) {
    if (!HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
              reinterpret_cast<const unsigned char*>(signing_input.data()), signing_input.size(),
              mac, &mac_len)) {
      state.SkipWithError("HMAC failed");
    }
    benchmark::DoNotOptimize(mac);
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["input_bytes"] = benchmark::Counter(static_cast<double>(signing_input.size()),
                                                     benchmark::Counter::kAvgThreads);
}
BENCHMARK(BM_HmacSha256Floor);
BENCHMARK(BM_HmacSha256Floor)->Threads(2)->UseRealTime();

// lkstudy's own HMAC with the key schedule precomputed (what mint and verify pay for the MAC).
void BM_HmacSha256Precomputed(benchmark::State& state) {
  const std::string& token = BenchToken();
  const std::string signing_input = token.substr(0, token.rfind('.'));
  const lks::HmacSha256Key key(kApiSecret);
  for (auto _ : state) {
    lks::Sha256Digest mac = key.Sign(signing_input);
    benchmark::DoNotOptimize(mac);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_HmacSha256Precomputed);

// A TokenSigner made per token (key schedule, the token prefix and its HMAC block), against which
// a binding's signer cache is measured (docs/performance.md, Node binding).
void BM_SignerCreate(benchmark::State& state) {
  for (auto _ : state) {
    lks::TokenSigner signer(kApiKey, kApiSecret);
    benchmark::DoNotOptimize(signer);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_SignerCreate);

}  // namespace

BENCHMARK_MAIN();
