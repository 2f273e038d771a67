// The dev-only sign-in of `lkstudy dev` (never `lkstudy serve`): the web client's "pick a user".
//
//   GET  /dev/users    {"success":true,"data":{"users":[{"userId":"15","name":"John Doe",
//                       "email":"john@example.com","role":""},...]}}
//   POST /dev/sign-in  {"userId":"15"} -> {"success":true,"data":{"token":"<app JWT>","user":{..}}}
//
// Any user id of 1 to 64 letters, digits, '_' or '-' may sign in (an unlisted one as
// "User <id>"). The app token is signed with the run's APP_JWT_SECRET and lives 24 hours. This
// hands a token to whoever asks, which is what a local trial wants and nothing else does: `dev`
// listens on 127.0.0.1 only.
#ifndef LKS_SRC_CLI_DEV_SIGN_IN_H_
#define LKS_SRC_CLI_DEV_SIGN_IN_H_

#include <string>
#include <vector>

#include "cli/serve.h"
#include "lks/api/app_token.h"

namespace lks::cli {

// The users `lkstudy dev` offers: the seed's John Doe (15), two more members and an admin.
const std::vector<Principal>& DevUsers();

// The /dev/ routes, signing with `app_jwt_secret`.
ExtraRoutes DevSignInRoutes(const std::string& app_jwt_secret);

}  // namespace lks::cli

#endif  // LKS_SRC_CLI_DEV_SIGN_IN_H_
