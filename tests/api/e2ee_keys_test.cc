// Session keys of end-to-end encrypted groups: HKDF-SHA256 of the master secret for (group,
// session, key index), as docs/e2ee.md specifies them.
#include "groups/e2ee_keys.h"

#include <gtest/gtest.h>

#include <set>

#include "lks/core/base64.h"

namespace lks::internal {
namespace {

const std::string kMaster(32, 'm');

// The value docs/e2ee.md's derivation gives, computed independently with Python's hmac module:
//   prk = HMAC-SHA256(b"lkstudy e2ee session keys v1", master)
//   key = HMAC-SHA256(prk, b"session-key\0" b"7\0" b"RM_abc\0" b"0" b"\x01")
TEST(SessionKeyDeriver, MatchesTheDocumentedDerivation) {
  EXPECT_EQ(SessionKeyDeriver(kMaster).SessionKey(7, "RM_abc", 0),
            "4Tq/oK0p2sMvNFTBKDhQ/ZMgxCA/Nr1FriYK6Rd2f2c=");
}

TEST(SessionKeyDeriver, GivesA256BitKeyInBase64) {
  std::string key = SessionKeyDeriver(kMaster).SessionKey(1, "RM_x", 0);
  EXPECT_EQ(key.size(), 44u);
  std::string raw;
  ASSERT_TRUE(Base64Decode(key, &raw).ok());
  EXPECT_EQ(raw.size(), 32u);
}

TEST(SessionKeyDeriver, EveryGroupSessionIndexAndSecretHasItsOwnKey) {
  SessionKeyDeriver a(kMaster);
  SessionKeyDeriver b(std::string(31, 'm') + "n");
  std::set<std::string> keys = {a.SessionKey(1, "RM_x", 0), a.SessionKey(1, "RM_x", 1),
                                a.SessionKey(1, "RM_y", 0), a.SessionKey(2, "RM_x", 0),
                                b.SessionKey(1, "RM_x", 0),
                                // The separators keep (1, "2RM") and (12, "RM") apart.
                                a.SessionKey(1, "2RM", 0), a.SessionKey(12, "RM", 0)};
  EXPECT_EQ(keys.size(), 7u);
  // Deterministic: every instance with the same secret derives the same key.
  EXPECT_EQ(SessionKeyDeriver(kMaster).SessionKey(1, "RM_x", 1), a.SessionKey(1, "RM_x", 1));
}

}  // namespace
}  // namespace lks::internal
