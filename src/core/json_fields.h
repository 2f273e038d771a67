// The JSON reader and writer driven by field descriptions (core/fields.h). Internal header.
#ifndef LKS_SRC_CORE_JSON_FIELDS_H_
#define LKS_SRC_CORE_JSON_FIELDS_H_

#include <string_view>

#include "core/fields.h"
#include "core/json_reader.h"
#include "core/json_writer.h"
#include "lks/core/status.h"

namespace lks::internal {

struct JsonReadOptions {
  // Store each model's compact JSON in its ModelDesc::raw_json member, nested ones too.
  bool keep_raw = false;
};

// Fills the fields of `model` described by `desc` from the JSON object `obj` (the caller checks
// that it is an object). Absent members (and null ones) leave the field alone; a null clears an
// optional. A field with an alternative name reads both, the primary one last. Unknown members
// are ignored. Errors: kInvalidArgument "<prefix><name>: expected a string" (a boolean, an
// integer, an unsigned 32-bit integer, an enum name or number, an object, an array), ": out of
// range", ": required", or the enum's own message; nested fields are named by their path
// ("participants[0].tracks[1].type").
Status ReadJsonFields(const JsonValue& obj, const ModelDesc& desc, void* model,
                      std::string_view prefix, const JsonReadOptions& options = {});

struct JsonWriteOptions {
  // 64-bit integers as strings, as protojson writes them ("creationTime":"1700000000").
  bool int64_as_text = false;
};

// Writes `model` as one JSON object with every described field under its primary name (an
// unset optional as null, or left out with kOmitUnset; times as ISO-8601 UTC text).
void WriteJsonFields(JsonWriter& w, const ModelDesc& desc, const void* model,
                     const JsonWriteOptions& options = {});
// The members WriteJsonFields writes, inside an object the caller has begun (so that it may add
// members of its own before ending it).
void WriteJsonMembers(JsonWriter& w, const ModelDesc& desc, const void* model,
                      const JsonWriteOptions& options = {});

// Reads the member `key` of `obj` as a time (kTime): ISO-8601 UTC text or Unix milliseconds.
// Absent or null leaves `*out` alone. Errors as ReadJsonFields.
Status ReadJsonTime(const JsonValue& obj, std::string_view key, int64_t* out,
                    std::string_view prefix = {});

// `kind`'s expectation as errors word it: "expected a string", "expected an integer", ...
const char* ExpectedText(FieldKind kind) noexcept;

// The name of enum value `v`, or its number as text when it has none.
std::string EnumText(const EnumNames& names, int v);

}  // namespace lks::internal

#endif  // LKS_SRC_CORE_JSON_FIELDS_H_
