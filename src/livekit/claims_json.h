// JSON form of ClaimGrants (camelCase claim names, defaults omitted), shared by the signer, the
// verifier and the webhook receiver. Internal header.
#ifndef LKS_SRC_LIVEKIT_CLAIMS_JSON_H_
#define LKS_SRC_LIVEKIT_CLAIMS_JSON_H_

#include "core/json_reader.h"
#include "core/json_writer.h"
#include "lks/livekit/grants.h"

namespace lks::internal {

// Writes the members of `g` (sub, name, metadata, attributes, video, sip, kind, ...) into the
// object `w` is currently inside.
void WriteClaimGrantMembers(const ClaimGrants& g, JsonWriter& w);
void WriteVideoGrant(const VideoGrant& v, JsonWriter& w);

// Reads the members of a JWT payload object into `*g`; unknown members are ignored; a known member
// of the wrong type fails with kInvalidArgument naming it.
Status ReadClaimGrants(const JsonValue& payload, ClaimGrants* g);
Status ReadVideoGrant(const JsonValue& obj, VideoGrant* v, std::string_view prefix);

}  // namespace lks::internal

#endif  // LKS_SRC_LIVEKIT_CLAIMS_JSON_H_
