// A C++ consumer of lkstudy (lks::lkstudy / lkstudy-static): mints a token, verifies it, and
// opens a SQLite store with a group in it. Prints "ok" and exits 0 on success.
#include <cstdio>
#include <string>

#include "lks/livekit/access_token.h"
#include "lks/livekit/token_verifier.h"
#include "lks/store/open_store.h"

int main() {
  lks::AccessToken at("APIkey", "a-secret-of-at-least-32-bytes-length");
  at.set_identity("user_15").set_name("Consumer");
  lks::VideoGrant grant;
  grant.room_join = true;
  grant.room = "study_group_1";
  at.AddGrant(grant);
  lks::StatusOr<std::string> jwt = at.ToJwt();
  if (!jwt.ok()) {
    std::fprintf(stderr, "mint: %s\n", jwt.status().ToString().c_str());
    return 1;
  }
  lks::TokenVerifier verifier("APIkey", "a-secret-of-at-least-32-bytes-length");
  auto claims = verifier.Verify(*jwt);
  if (!claims.ok()) {
    std::fprintf(stderr, "verify: %s\n", claims.status().ToString().c_str());
    return 1;
  }
  auto store = lks::OpenStudyGroupStore("sqlite::memory:");
  if (!store.ok()) {
    std::fprintf(stderr, "store: %s\n", store.status().ToString().c_str());
    return 1;
  }
  lks::NewStudyGroup group;
  group.title = "Consumers";
  auto created = (*store)->CreateGroup(group, "u1");
  if (!created.ok()) {
    std::fprintf(stderr, "create: %s\n", created.status().ToString().c_str());
    return 1;
  }
  std::printf("ok: token of %zu bytes, group %lld\n", jwt->size(),
              static_cast<long long>(created->id));
  return 0;
}
