// Principal: who is calling, as the study-group service sees them. The api layer makes one from
// an app token (lks/api/app_token.h); hosts with their own sign-in make one themselves.
#ifndef LKS_GROUPS_PRINCIPAL_H_
#define LKS_GROUPS_PRINCIPAL_H_

#include <string>

namespace lks {

// An authenticated app user.
struct Principal {
  std::string user_id;  // the app's user id: "15", or a UUID; never empty, at most 255 bytes
  std::string email;
  std::string name;
  std::string role;  // e.g. "admin"; empty for a plain user

  friend bool operator==(const Principal&, const Principal&) = default;
};

}  // namespace lks

#endif  // LKS_GROUPS_PRINCIPAL_H_
