// The mint hot path (src/livekit/token_writer.h): the payload written straight into a buffer
// must be the JSON JsonWriter would write, for every byte a string can hold and wherever the
// string sits in memory (Quoted() loads 16 bytes at a time, its tail in overlapping loads inside
// the string); HMAC with an absorbed prefix equals the plain HMAC; the verifier's shortcut for
// its own tokens gives the same answers as the plain path; the per-thread template states
// (SignTemplated) never change a MAC, whatever mix of keys, secrets and rooms comes through.
#include "livekit/token_writer.h"

#include <gtest/gtest.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "core/json_writer.h"
#include "lks/core/base64.h"
#include "lks/livekit/access_token.h"
#include "lks/livekit/token_verifier.h"

namespace lks {
namespace {

std::string Quoted(std::string_view s) {
  std::string out;
  internal::JsonWriter::AppendQuoted(s, &out);
  return out;
}

// The payload of a token whose only claim is `identity` = s (a JSON string right after "sub":).
std::string WrittenSub(const internal::TokenPrefix& prefix, std::string_view s) {
  ClaimGrants g;
  g.identity = std::string(s);
  std::string scratch;
  bool ascii = true;
  const size_t n = internal::WriteTokenPayload(prefix, g, 2, 1, &scratch, &ascii);
  return scratch.substr(0, n);
}

TEST(TokenWriter, StringsAreEscapedLikeJsonWriterForEveryByteAndLength) {
  const HmacSha256Key key("secret");
  const internal::TokenPrefix prefix = internal::MakeTokenPrefix(key, "APIkey");
  const std::string head = R"({"iss":"APIkey","exp":2,"nbf":1,"sub":)";
  std::mt19937 rng(7);
  for (size_t len = 1; len < 70; ++len) {
    for (int round = 0; round < 20; ++round) {
      std::string s(len, '\0');
      for (char& c : s) c = static_cast<char>(rng() % 128);  // every ASCII byte, controls too
      ASSERT_EQ(WrittenSub(prefix, s), head + Quoted(s) + "}") << "len " << len;
    }
  }
}

TEST(TokenWriter, TimesOfEveryWidthAreWrittenInDecimal) {
  const internal::TokenPrefix prefix = internal::MakeTokenPrefix(HmacSha256Key("s"), "k");
  for (int64_t t : {int64_t{0}, int64_t{7}, int64_t{999'999'999}, int64_t{1'000'000'000},
                    int64_t{1'700'000'009}, int64_t{9'999'999'999}, int64_t{10'000'000'000},
                    int64_t{-5}, INT64_MAX}) {
    ClaimGrants g;
    std::string scratch;
    bool ascii = true;
    const size_t n = internal::WriteTokenPayload(prefix, g, t, t, &scratch, &ascii);
    EXPECT_EQ(scratch.substr(0, n),
              R"({"iss":"k","exp":)" + std::to_string(t) + R"(,"nbf":)" + std::to_string(t) + "}");
  }
}

TEST(TokenWriter, StringsEndingAtAPageBoundaryAreReadWithinTheirPage) {
  const long page = sysconf(_SC_PAGESIZE);
  void* mem = mmap(nullptr, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  ASSERT_NE(mem, MAP_FAILED);
  char* second = static_cast<char*>(mem) + page;
  ASSERT_EQ(mprotect(second, page, PROT_NONE), 0);  // any read past the first page faults
  const HmacSha256Key key("secret");
  const internal::TokenPrefix prefix = internal::MakeTokenPrefix(key, "k");
  for (size_t len = 1; len <= 40; ++len) {
    char* s = second - len;
    for (size_t i = 0; i < len; ++i) s[i] = static_cast<char>(i % 3 == 0 ? '"' : 'a' + i % 26);
    const std::string_view text(s, len);
    EXPECT_EQ(WrittenSub(prefix, text),
              R"({"iss":"k","exp":2,"nbf":1,"sub":)" + Quoted(std::string(text)) + "}");
  }
  munmap(mem, 2 * page);
}

// Regression (issue 17): Quoted() used to load a string's last chunk of < 16 bytes as a whole 16,
// past the string's end (ThreadSanitizer saw that read race with a write to the next heap block;
// ASan was told to look away). Every tail length after 0-3 whole blocks, in exact-size heap
// strings (no spare capacity), with and without a byte to escape or a high byte at each position
// of the tail: the output must be JsonWriter's and the ASCII report right. The sanitizer builds
// (ASan's `sanitizers`, ThreadSanitizer) run this and fail on any load past the end.
TEST(TokenWriter, TailsOfEveryLengthAreReadOnlyInsideTheString) {
  const internal::TokenPrefix prefix = internal::MakeTokenPrefix(HmacSha256Key("s"), "k");
  const std::string head = R"({"iss":"k","exp":2,"nbf":1,"sub":)";
  for (size_t len = 1; len <= 63; ++len) {
    const size_t tail_start = len / 16 * 16;
    for (size_t at = tail_start; at <= len; ++at) {  // at == len: nothing special in the tail
      for (char special : {'"', '\\', '\n', '\x80'}) {
        std::string text(len, 'a');
        for (size_t i = 0; i < len; ++i) text[i] = static_cast<char>('a' + i % 26);
        if (at < len) text[at] = special;
        ClaimGrants g;
        g.identity = text;
        g.identity.shrink_to_fit();  // the heap block ends one byte (the NUL) after the string
        std::string scratch;
        bool ascii = true;
        const size_t n = internal::WriteTokenPayload(prefix, g, 2, 1, &scratch, &ascii);
        ASSERT_EQ(scratch.substr(0, n), head + Quoted(text) + "}")
            << "len " << len << " at " << at << " special " << int(special);
        ASSERT_EQ(ascii, at == len || special != '\x80') << "len " << len << " at " << at;
      }
    }
  }
}

TEST(TokenWriter, NonAsciiStringsAreReportedSoTheyGetTheUtf8Check) {
  const internal::TokenPrefix prefix = internal::MakeTokenPrefix(HmacSha256Key("s"), "k");
  for (const char* s : {"plain", "caf\xc3\xa9", "0123456789abcdef\xff", "\xe2\x9c\x93"}) {
    ClaimGrants g;
    g.name = s;
    std::string scratch;
    bool ascii = true;
    internal::WriteTokenPayload(prefix, g, 2, 1, &scratch, &ascii);
    EXPECT_EQ(ascii, std::string_view(s) == "plain") << s;
  }
  AccessToken bad("k", "s");
  bad.set_name("0123456789abcdef\xff");
  EXPECT_EQ(bad.ToJwt().status().message(), "name: not valid UTF-8");
}

TEST(HmacSha256Key, WithPrefixSignsLikeThePlainKey) {
  const HmacSha256Key key("a secret that is not too short");
  std::mt19937 rng(3);
  for (size_t plen = 0; plen < 200; plen += 7) {
    std::string prefix(plen, '\0');
    for (char& c : prefix) c = static_cast<char>(rng());
    const HmacSha256Key k = key.WithPrefix(prefix);
    const size_t absorbed = plen / 64 * 64;
    for (size_t mlen : {0u, 1u, 55u, 64u, 100u}) {
      const std::string rest = prefix.substr(absorbed) + std::string(mlen, 'm');
      EXPECT_EQ(k.Sign(rest), key.Sign(prefix + std::string(mlen, 'm')))
          << "prefix " << plen << " message " << mlen;
    }
  }
}

TEST(TokenVerifier, OwnTokensAndOthersWithTheSameKeyVerifyAlike) {
  // Keys of several lengths (the absorbed prefix covers one block or none), each verifying an
  // lkstudy token (the shortcut) and a token with another claim order (the plain path).
  for (const std::string& api_key :
       std::vector<std::string>{"k", "devkey", "APIbenchKey1", std::string(80, 'K')}) {
    const TokenSigner signer(api_key, "secret");
    const TokenVerifier verifier(api_key, "secret");
    ClaimGrants g;
    g.identity = "user_15";
    VideoGrant v;
    v.room_join = true;
    v.room = "r";
    g.video = v;
    const std::string own = *signer.Sign(g);
    auto a = verifier.Verify(own);
    ASSERT_TRUE(a.ok()) << api_key << ": " << a.status().ToString();
    EXPECT_EQ(a->grants.identity, "user_15");
    const std::string other =
        signer.SignRawPayload(R"({"exp":9999999999,"iss":")" + api_key + R"(","sub":"user_15"})");
    auto b = verifier.Verify(other);
    ASSERT_TRUE(b.ok()) << api_key << ": " << b.status().ToString();
    EXPECT_EQ(b->grants.identity, "user_15");
    // A wrong signature on an own token is still refused.
    std::string forged = own;
    forged[forged.size() - 2] = forged[forged.size() - 2] == 'A' ? 'B' : 'A';
    EXPECT_EQ(verifier.Verify(forged).status().reason(), "bad_signature") << api_key;
    // Another secret under the same key: the prefix must not carry the MAC.
    const TokenSigner impostor(api_key, "other secret");
    EXPECT_EQ(verifier.Verify(*impostor.Sign(g)).status().reason(), "bad_signature") << api_key;
  }
}

// The signature of `jwt` as the plain HMAC of its signing input computes it.
std::string PlainSignature(std::string_view jwt, std::string_view secret) {
  const std::string_view input = jwt.substr(0, jwt.rfind('.'));
  const Sha256Digest mac = HmacSha256Key(secret).Sign(input);
  return Base64UrlEncode(std::string_view(reinterpret_cast<const char*>(mac.data()), mac.size()));
}

TEST(TokenTemplates, MintsAndVerifiesAlikeForEveryMixOfKeysSecretsAndRooms) {
  // Two secrets under one API key (their template bytes are equal: the state must not be shared),
  // keys of several lengths, more rooms than the cache has slots, in an interleaved order.
  struct Pair {
    std::string key, secret;
  };
  const std::vector<Pair> pairs = {{"APIbenchKey1", "secret-a"},
                                   {"APIbenchKey1", "secret-b"},
                                   {"k", "s"},
                                   {std::string(70, 'K'), "long"}};
  std::vector<std::unique_ptr<TokenSigner>> signers;
  std::vector<std::unique_ptr<TokenVerifier>> verifiers;
  for (const Pair& p : pairs) {
    signers.push_back(std::make_unique<TokenSigner>(p.key, p.secret));
    verifiers.push_back(std::make_unique<TokenVerifier>(p.key, p.secret));
  }
  std::mt19937 rng(11);
  for (int round = 0; round < 400; ++round) {
    const size_t who = rng() % pairs.size();
    ClaimGrants g;
    g.identity = "user_" + std::to_string(rng() % 5);
    g.name = std::string(rng() % 40, 'n');
    VideoGrant v;
    v.room_join = true;
    v.room = "study_group_" + std::to_string(rng() % 12) + std::string(rng() % 3 * 30, 'r');
    v.can_publish = (rng() % 2) == 0;
    g.video = v;
    if (rng() % 4 == 0) g.kind = "agent";
    const std::string jwt = *signers[who]->Sign(g);
    ASSERT_EQ(jwt.substr(jwt.rfind('.') + 1), PlainSignature(jwt, pairs[who].secret))
        << "round " << round;
    auto ok = verifiers[who]->Verify(jwt);
    ASSERT_TRUE(ok.ok()) << "round " << round << ": " << ok.status().ToString();
    EXPECT_EQ(ok->grants.video->room, v.room);
    // The other secret of the same key (same template bytes) must refuse it, before and after.
    const size_t twin = who == 0 ? 1 : who == 1 ? 0 : who;
    if (twin != who) {
      EXPECT_EQ(verifiers[twin]->Verify(jwt).status().reason(), "bad_signature") << round;
    }
    std::string forged = jwt;
    forged[forged.size() - 3] = forged[forged.size() - 3] == 'A' ? 'B' : 'A';
    EXPECT_EQ(verifiers[who]->Verify(forged).status().reason(), "bad_signature") << round;
  }
}

TEST(TokenTemplates, ASignerMadeAfterAnotherIsFreedDoesNotReuseItsStates) {
  ClaimGrants g;
  g.identity = "u";
  VideoGrant v;
  v.room_join = true;
  v.room = std::string(120, 'r');  // a template of several blocks
  g.video = v;
  for (int i = 0; i < 20; ++i) {
    const std::string secret = "secret-" + std::to_string(i);
    auto signer = std::make_unique<TokenSigner>("APIkey", secret);
    for (int j = 0; j < 3; ++j) {
      const std::string jwt = *signer->Sign(g);
      ASSERT_EQ(jwt.substr(jwt.rfind('.') + 1), PlainSignature(jwt, secret)) << i << " " << j;
    }
  }
}

// A signer's cached states are wiped when it is freed, in the thread that freed it and in every
// other thread that minted with it (docs/tokens.md, "where key material lives").
TEST(TokenTemplates, FreeingASignerWipesItsStatesInEveryThread) {
  ClaimGrants g;
  g.identity = "u";
  VideoGrant v;
  v.room_join = true;
  v.room = std::string(120, 'w');
  g.video = v;
  auto signer = std::make_unique<TokenSigner>("APIwipe", "secret-wipe");
  const size_t before = internal::ThreadTemplateStates();
  ASSERT_TRUE(signer->Sign(g).ok());
  const size_t after_mint = internal::ThreadTemplateStates();
  ASSERT_EQ(after_mint, std::min<size_t>(before + 1, 8));

  std::mutex mu;
  std::condition_variable cv;
  int stage = 0;  // 1: the other thread minted; 2: the signer is freed
  size_t other_after_mint = 0, other_after_free = 99;
  std::thread other([&] {
    EXPECT_TRUE(signer->Sign(g).ok());
    std::unique_lock<std::mutex> lock(mu);
    other_after_mint = internal::ThreadTemplateStates();
    stage = 1;
    cv.notify_all();
    cv.wait(lock, [&] { return stage == 2; });
    other_after_free = internal::ThreadTemplateStates();
  });
  {
    std::unique_lock<std::mutex> lock(mu);
    cv.wait(lock, [&] { return stage == 1; });
    signer.reset();
    stage = 2;
    cv.notify_all();
  }
  other.join();
  EXPECT_EQ(other_after_mint, 1u);
  EXPECT_EQ(other_after_free, 0u);
  EXPECT_EQ(internal::ThreadTemplateStates(), after_mint - 1);
}

}  // namespace
}  // namespace lks
