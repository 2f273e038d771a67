#include "core/json_reader.h"

#include <rapidjson/error/en.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <charconv>
#include <vector>

namespace lks::internal {
namespace {
Status TypeError(std::string_view prefix, const char* key, const char* type) {
  std::string m(prefix);
  m += key;
  m += ": expected ";
  m += type;
  return InvalidArgumentError(std::move(m));
}
}  // namespace

size_t JsonNestingDepth(std::string_view text) noexcept {
  size_t depth = 0, max_depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth) max_depth = depth;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return max_depth;
}

Status ParseJson(std::string_view text, rapidjson::Document* doc, std::string_view what) {
  if (JsonNestingDepth(text) > kMaxJsonDepth) {
    return InvalidArgumentError(std::string(what) + ": nested deeper than " +
                                std::to_string(kMaxJsonDepth) + " levels");
  }
  // Full precision: RapidJSON's default number parser can be off by an ulp, so a document
  // re-serialized (raw_json of the models) changed its numbers on every round (tests/fuzz models).
  doc->Parse<rapidjson::kParseValidateEncodingFlag | rapidjson::kParseFullPrecisionFlag>(
      text.data(), text.size());
  if (doc->HasParseError()) {
    std::string m(what);
    m += ": invalid JSON at offset " + std::to_string(doc->GetErrorOffset()) + " (" +
         rapidjson::GetParseError_En(doc->GetParseError()) + ")";
    return InvalidArgumentError(std::move(m));
  }
  return OkStatus();
}

Status ParseJsonObject(std::string_view text, rapidjson::Document* doc, std::string_view what) {
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    doc->SetObject();
    return OkStatus();
  }
  LKS_RETURN_IF_ERROR(ParseJson(text, doc, what));
  if (!doc->IsObject()) return InvalidArgumentError(std::string(what) + ": expected a JSON object");
  return OkStatus();
}

const JsonValue* FindMember(const JsonValue& obj, std::string_view key) {
  if (!obj.IsObject()) return nullptr;
  for (auto it = obj.MemberBegin(); it != obj.MemberEnd(); ++it) {
    if (it->name.GetStringLength() == key.size() &&
        std::char_traits<char>::compare(it->name.GetString(), key.data(), key.size()) == 0) {
      return &it->value;
    }
  }
  return nullptr;
}

Status ReadString(const JsonValue& obj, const char* key, std::string* out,
                  std::string_view prefix) {
  const JsonValue* v = FindMember(obj, key);
  if (!v || v->IsNull()) return OkStatus();
  if (!v->IsString()) return TypeError(prefix, key, "a string");
  out->assign(v->GetString(), v->GetStringLength());
  return OkStatus();
}

Status ReadBool(const JsonValue& obj, const char* key, bool* out, std::string_view prefix) {
  const JsonValue* v = FindMember(obj, key);
  if (!v || v->IsNull()) return OkStatus();
  if (!v->IsBool()) return TypeError(prefix, key, "a boolean");
  *out = v->GetBool();
  return OkStatus();
}

Status ReadOptionalBool(const JsonValue& obj, const char* key, std::optional<bool>* out,
                        std::string_view prefix) {
  const JsonValue* v = FindMember(obj, key);
  if (!v || v->IsNull()) return OkStatus();
  if (!v->IsBool()) return TypeError(prefix, key, "a boolean");
  *out = v->GetBool();
  return OkStatus();
}

Status ReadOptionalInt32(const JsonValue& obj, const char* key, std::optional<int32_t>* out,
                         std::string_view prefix) {
  const JsonValue* v = FindMember(obj, key);
  if (!v || v->IsNull()) return OkStatus();
  if (!v->IsInt()) return TypeError(prefix, key, "an integer");
  *out = v->GetInt();
  return OkStatus();
}

Status ReadOptionalString(const JsonValue& obj, const char* key, std::optional<std::string>* out,
                          std::string_view prefix) {
  const JsonValue* v = FindMember(obj, key);
  if (!v || v->IsNull()) return OkStatus();
  if (!v->IsString()) return TypeError(prefix, key, "a string");
  out->emplace(v->GetString(), v->GetStringLength());
  return OkStatus();
}

Status ReadInt64(const JsonValue& obj, const char* key, int64_t* out, std::string_view prefix) {
  const JsonValue* v = FindMember(obj, key);
  if (!v || v->IsNull()) return OkStatus();
  if (v->IsInt64()) {
    *out = v->GetInt64();
    return OkStatus();
  }
  if (v->IsDouble()) {
    double d = v->GetDouble();
    if (d >= -9.2e18 && d <= 9.2e18 && d == static_cast<double>(static_cast<int64_t>(d))) {
      *out = static_cast<int64_t>(d);
      return OkStatus();
    }
  }
  if (v->IsString()) {
    const char* s = v->GetString();
    const char* e = s + v->GetStringLength();
    int64_t x = 0;
    auto r = std::from_chars(s, e, x);
    if (r.ec == std::errc() && r.ptr == e && e != s) {
      *out = x;
      return OkStatus();
    }
  }
  return TypeError(prefix, key, "an integer");
}

Status ReadUint32(const JsonValue& obj, const char* key, uint32_t* out, std::string_view prefix) {
  int64_t x = 0;
  const JsonValue* v = FindMember(obj, key);
  if (!v || v->IsNull()) return OkStatus();
  Status s = ReadInt64(obj, key, &x, prefix);
  if (!s.ok()) return s;
  if (x < 0 || x > 0xFFFFFFFFLL) return TypeError(prefix, key, "an unsigned 32-bit integer");
  *out = static_cast<uint32_t>(x);
  return OkStatus();
}

bool HasDuplicateKeys(const JsonValue& obj) {
  if (!obj.IsObject()) return false;
  const auto n = obj.MemberCount();
  if (n < 2) return false;
  auto name = [](const JsonValue& v) {
    return std::string_view(v.GetString(), v.GetStringLength());
  };
  if (n <= 32) {  // the common case (a JWT payload): quadratic but allocation-free
    for (auto i = obj.MemberBegin(); i != obj.MemberEnd(); ++i) {
      for (auto j = i + 1; j != obj.MemberEnd(); ++j) {
        if (name(i->name) == name(j->name)) return true;
      }
    }
    return false;
  }
  std::vector<std::string_view> names;
  names.reserve(n);
  for (auto it = obj.MemberBegin(); it != obj.MemberEnd(); ++it) names.push_back(name(it->name));
  std::sort(names.begin(), names.end());
  return std::adjacent_find(names.begin(), names.end()) != names.end();
}

std::string ToJson(const JsonValue& v) {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  v.Accept(w);
  return std::string(buf.GetString(), buf.GetSize());
}

}  // namespace lks::internal
