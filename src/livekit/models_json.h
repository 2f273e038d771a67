// Parsing and writing of the room service models from/to RapidJSON values. Internal header,
// shared by models.cc and room_service_client.cc (which parses lists without re-serializing).
#ifndef LKS_SRC_LIVEKIT_MODELS_JSON_H_
#define LKS_SRC_LIVEKIT_MODELS_JSON_H_

#include <string>
#include <string_view>
#include <vector>

#include "core/fields.h"
#include "core/json_reader.h"
#include "lks/livekit/models.h"

namespace lks::internal {

// The models' descriptions (models.cc).
extern const ModelDesc kRoomModel;             // Room
extern const ModelDesc kParticipantInfoModel;  // ParticipantInfo
extern const ModelDesc kTrackInfoModel;        // TrackInfo
extern const ModelDesc kPermissionModel;       // ParticipantPermission

// Fills the model at `out` (described by `desc`) from `v`, which must be an object ("<prefix
// without the dot>: expected an object"); `keep_raw` stores each model's compact JSON.
Status ParseModel(const JsonValue& v, const ModelDesc& desc, void* out, std::string_view prefix,
                  bool keep_raw);

// Each fills `*out` from `v`; `prefix` names the position ("participants[0].") in errors.
// `keep_raw` stores the compact JSON of `v` in out->raw_json.
Status ParseRoom(const JsonValue& v, Room* out, std::string_view prefix, bool keep_raw = true);
Status ParseParticipantInfo(const JsonValue& v, ParticipantInfo* out, std::string_view prefix,
                            bool keep_raw = true);
Status ParseTrackInfo(const JsonValue& v, TrackInfo* out, std::string_view prefix,
                      bool keep_raw = true);
Status ParseParticipantPermission(const JsonValue& v, ParticipantPermission* out,
                                  std::string_view prefix);

// In `json`, a document already validated as a JSON object, finds the top-level member `key`
// whose value is an array and puts the exact text of each element in *out (views into `json`),
// so raw JSON can be kept as the server sent it without re-serializing. Returns false when the
// member is absent or not an array.
bool TopLevelArrayElementSpans(std::string_view json, std::string_view key,
                               std::vector<std::string_view>* out);

// `json` without surrounding whitespace.
std::string_view TrimJson(std::string_view json);

}  // namespace lks::internal

#endif  // LKS_SRC_LIVEKIT_MODELS_JSON_H_
