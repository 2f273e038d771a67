// Helpers for reading JSON with RapidJSON: typed field access whose errors name the field.
// Internal header; RapidJSON never appears in public headers.
#ifndef LKS_SRC_CORE_JSON_READER_H_
#define LKS_SRC_CORE_JSON_READER_H_

#include <rapidjson/document.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "lks/core/status.h"

namespace lks::internal {

using JsonValue = rapidjson::Value;

// Parses `text` into `*doc`, validating UTF-8. Errors: kInvalidArgument "<what>: invalid JSON at
// offset N (reason)".
Status ParseJson(std::string_view text, rapidjson::Document* doc, std::string_view what);
// The same for a request that must be a JSON object, where an empty text (or only white space)
// means {}. Errors as ParseJson, and "<what>: expected a JSON object".
Status ParseJsonObject(std::string_view text, rapidjson::Document* doc, std::string_view what);

// Each reader leaves `*out` untouched when the key is absent (or null) and fails with
// kInvalidArgument "<prefix><key>: expected <type>" when present with another type.
Status ReadString(const JsonValue& obj, const char* key, std::string* out,
                  std::string_view prefix = {});
Status ReadBool(const JsonValue& obj, const char* key, bool* out, std::string_view prefix = {});
Status ReadOptionalBool(const JsonValue& obj, const char* key, std::optional<bool>* out,
                        std::string_view prefix = {});
// Set only when present and not null; a JSON integer (no string form) in int's range, else
// "<prefix><key>: expected an integer".
Status ReadOptionalInt32(const JsonValue& obj, const char* key, std::optional<int32_t>* out,
                         std::string_view prefix = {});
Status ReadOptionalString(const JsonValue& obj, const char* key, std::optional<std::string>* out,
                          std::string_view prefix = {});
// Accepts a JSON integer or a string holding one (protojson writes int64 as strings).
Status ReadInt64(const JsonValue& obj, const char* key, int64_t* out, std::string_view prefix = {});
Status ReadUint32(const JsonValue& obj, const char* key, uint32_t* out,
                  std::string_view prefix = {});

// Member lookup by name with an explicit length (no strlen, no allocation); nullptr when absent.
const JsonValue* FindMember(const JsonValue& obj, std::string_view key);

// True when an object has two members with the same name (at this level only).
bool HasDuplicateKeys(const JsonValue& obj);

// Deepest nesting of arrays/objects in `text` (brackets inside strings do not count). Lets a
// caller refuse hostile input before a recursive parse or serialization could exhaust the stack.
size_t JsonNestingDepth(std::string_view text) noexcept;

// Documents nested deeper than this are refused by ParseJson and the token verifier.
inline constexpr size_t kMaxJsonDepth = 64;

// Serializes a value compactly.
std::string ToJson(const JsonValue& v);

}  // namespace lks::internal

#endif  // LKS_SRC_CORE_JSON_READER_H_
