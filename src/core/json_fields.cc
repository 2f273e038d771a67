#include "core/json_fields.h"

#include <charconv>
#include <climits>

#include "core/iso_time.h"

namespace lks::internal {
namespace {

Status Expected(std::string_view prefix, std::string_view key, std::string_view what) {
  std::string m(prefix);
  m.append(key).append(": ").append(what);
  return InvalidArgumentError(std::move(m));
}

// Protojson writes 64-bit integers as strings and accepts numbers; integral doubles pass.
bool ToInt64(const JsonValue& v, int64_t* out) {
  if (v.IsInt64()) {
    *out = v.GetInt64();
    return true;
  }
  if (v.IsDouble()) {
    const double d = v.GetDouble();
    if (d >= -9.2e18 && d <= 9.2e18 && d == static_cast<double>(static_cast<int64_t>(d))) {
      *out = static_cast<int64_t>(d);
      return true;
    }
    return false;
  }
  if (v.IsString()) {
    const char* s = v.GetString();
    const char* e = s + v.GetStringLength();
    auto r = std::from_chars(s, e, *out);
    return r.ec == std::errc() && r.ptr == e && e != s;
  }
  return false;
}

std::string_view Text(const JsonValue& v) { return {v.GetString(), v.GetStringLength()}; }

// An enum value from a name or (lenient tables) a number; false when the JSON has another type.
Status ReadEnumValue(const JsonValue& v, const EnumNames& names, std::string_view prefix,
                     std::string_view key, int* out) {
  if (names.unknown) {  // strict: names only
    if (!v.IsString()) return Expected(prefix, key, "expected a string");
    const int i = names.Find(Text(v));
    if (i < 0) return Expected(prefix, key, names.unknown);
    *out = i;
    return OkStatus();
  }
  if (v.IsInt()) {
    *out = v.GetInt();
  } else if (v.IsString()) {
    *out = std::max(0, names.Find(Text(v)));
  } else {
    return Expected(prefix, key, "expected an enum name or number");
  }
  return OkStatus();
}

// One scalar member from the value `v` of member `key`.
Status ReadScalar(const FieldDesc& f, const JsonValue& v, void* m, std::string_view prefix,
                  std::string_view key) {
  int64_t x = 0;
  switch (f.kind) {
    case FieldKind::kString:
    case FieldKind::kOptString:
      if (!v.IsString()) return Expected(prefix, key, "expected a string");
      if (f.kind == FieldKind::kString) {
        static_cast<std::string*>(m)->assign(v.GetString(), v.GetStringLength());
      } else {
        static_cast<std::optional<std::string>*>(m)->emplace(v.GetString(), v.GetStringLength());
      }
      return OkStatus();
    case FieldKind::kBool:
    case FieldKind::kOptBool:
      if (!v.IsBool()) return Expected(prefix, key, "expected a boolean");
      if (f.kind == FieldKind::kBool) {
        *static_cast<bool*>(m) = v.GetBool();
      } else {
        *static_cast<std::optional<bool>*>(m) = v.GetBool();
      }
      return OkStatus();
    case FieldKind::kInt64:
    case FieldKind::kOptInt64:
    case FieldKind::kInt32:
    case FieldKind::kOptInt32:
    case FieldKind::kUint32:
      if (!ToInt64(v, &x)) return Expected(prefix, key, "expected an integer");
      if (f.kind == FieldKind::kInt64) {
        *static_cast<int64_t*>(m) = x;
      } else if (f.kind == FieldKind::kOptInt64) {
        *static_cast<std::optional<int64_t>*>(m) = x;
      } else if (f.kind == FieldKind::kUint32) {
        if (x < 0 || x > 0xFFFFFFFFLL)
          return Expected(prefix, key, "expected an unsigned 32-bit integer");
        *static_cast<uint32_t*>(m) = static_cast<uint32_t>(x);
      } else {
        if (x < INT32_MIN || x > INT32_MAX) return Expected(prefix, key, "out of range");
        if (f.kind == FieldKind::kInt32) {
          *static_cast<int32_t*>(m) = static_cast<int32_t>(x);
        } else {
          *static_cast<std::optional<int32_t>*>(m) = static_cast<int32_t>(x);
        }
      }
      return OkStatus();
    case FieldKind::kTime:
    case FieldKind::kOptTime:
      if (v.IsString()) {
        StatusOr<int64_t> t =
            ParseIsoTimeMs(Text(v), std::string(prefix).append(key), IsoTimeForm::kUtc);
        if (!t.ok()) return t.status();
        x = *t;
      } else if (!ToInt64(v, &x)) {
        return Expected(prefix, key, "expected an integer");
      }
      if (f.kind == FieldKind::kTime) {
        *static_cast<int64_t*>(m) = x;
      } else {
        *static_cast<std::optional<int64_t>*>(m) = x;
      }
      return OkStatus();
    default:
      return InternalError(std::string(key) + ": not a scalar field");
  }
}

void ClearOptional(const FieldDesc& f, void* m) {
  switch (f.kind) {
    case FieldKind::kOptString:
      static_cast<std::optional<std::string>*>(m)->reset();
      break;
    case FieldKind::kOptBool:
      static_cast<std::optional<bool>*>(m)->reset();
      break;
    case FieldKind::kOptInt32:
      static_cast<std::optional<int32_t>*>(m)->reset();
      break;
    case FieldKind::kOptInt64:
    case FieldKind::kOptTime:
      static_cast<std::optional<int64_t>*>(m)->reset();
      break;
    default:
      break;
  }
}

bool IsScalar(FieldKind k) {
  switch (k) {
    case FieldKind::kString:
    case FieldKind::kBool:
    case FieldKind::kInt32:
    case FieldKind::kUint32:
    case FieldKind::kInt64:
    case FieldKind::kOptString:
    case FieldKind::kOptBool:
    case FieldKind::kOptInt32:
    case FieldKind::kOptInt64:
    case FieldKind::kTime:
    case FieldKind::kOptTime:
      return true;
    default:
      return false;
  }
}

Status ReadMessage(const JsonValue& v, const ModelDesc& desc, void* model, std::string prefix,
                   const JsonReadOptions& options) {
  if (!v.IsObject()) {
    prefix.pop_back();  // the '.'
    return InvalidArgumentError(prefix + ": expected an object");
  }
  return ReadJsonFields(v, desc, model, prefix, options);
}

// A field that is not a scalar, from its member's value `v`.
Status ReadComposite(const FieldDesc& f, const JsonValue& v, void* m, std::string_view prefix,
                     const JsonReadOptions& options) {
  const std::string_view key = f.name;
  switch (f.kind) {
    case FieldKind::kEnum:
    case FieldKind::kOptEnum: {
      int e = 0;
      LKS_RETURN_IF_ERROR(ReadEnumValue(v, *f.enums, prefix, key, &e));
      SetEnum(f.kind == FieldKind::kEnum ? m : f.holder->add(m), e);
      return OkStatus();
    }
    case FieldKind::kEnumName: {
      int e = 0;
      if (v.IsString()) {
        static_cast<std::string*>(m)->assign(v.GetString(), v.GetStringLength());
        return OkStatus();
      }
      LKS_RETURN_IF_ERROR(ReadEnumValue(v, *f.enums, prefix, key, &e));
      *static_cast<std::string*>(m) = EnumText(*f.enums, e);
      return OkStatus();
    }
    case FieldKind::kEnumList: {
      if (!v.IsArray()) return Expected(prefix, key, "expected an array");
      f.holder->clear(m);
      for (const JsonValue& e : v.GetArray()) {
        int x = 0;
        if (!ReadEnumValue(e, *f.enums, prefix, key, &x).ok())
          return Expected(prefix, key, "expected enum names or numbers");
        SetEnum(f.holder->add(m), x);
      }
      return OkStatus();
    }
    case FieldKind::kStringMap: {
      if (!v.IsObject()) return Expected(prefix, key, "expected an object");
      auto* map = static_cast<std::map<std::string, std::string>*>(m);
      map->clear();
      for (auto it = v.MemberBegin(); it != v.MemberEnd(); ++it) {
        if (!it->value.IsString()) {
          return Expected(prefix, std::string(key) + "." + it->name.GetString(),
                          "expected a string");
        }
        map->insert_or_assign(std::string(Text(it->name)), std::string(Text(it->value)));
      }
      return OkStatus();
    }
    case FieldKind::kStringList: {
      if (!v.IsArray()) return Expected(prefix, key, "expected an array");
      auto* list = static_cast<std::vector<std::string>*>(m);
      list->clear();
      for (const JsonValue& e : v.GetArray()) {
        if (!e.IsString()) return Expected(prefix, key, "expected an array of strings");
        list->emplace_back(Text(e));
      }
      return OkStatus();
    }
    case FieldKind::kMessage: {
      void* child = f.holder ? f.holder->add(m) : m;
      return ReadMessage(v, *f.child, child, std::string(prefix).append(key).append("."), options);
    }
    case FieldKind::kMessageList: {
      if (!v.IsArray()) return Expected(prefix, key, "expected an array");
      f.holder->clear(m);
      size_t i = 0;
      for (const JsonValue& e : v.GetArray()) {
        std::string p(prefix);
        p.append(key).append("[").append(std::to_string(i++)).append("].");
        LKS_RETURN_IF_ERROR(ReadMessage(e, *f.child, f.holder->add(m), std::move(p), options));
      }
      return OkStatus();
    }
    default:
      return InternalError(std::string(key) + ": not a composite field");
  }
}

}  // namespace

Status ReadJsonTime(const JsonValue& obj, std::string_view key, int64_t* out,
                    std::string_view prefix) {
  const JsonValue* v = FindMember(obj, key);
  if (!v || v->IsNull()) return OkStatus();
  static constexpr FieldDesc kTimeField{{}, {}, FieldKind::kTime};
  return ReadScalar(kTimeField, *v, out, prefix, key);
}

std::string EnumText(const EnumNames& names, int v) {
  const char* n = names.Name(v);
  return n ? std::string(n) : std::to_string(v);
}

namespace {

// An enum value as its name, or as its number when the table has no name for it (a newer
// server's value): written as the string "5", LiveKit's protojson would refuse it and the reader
// would make it UNKNOWN (found by tests/fuzz models).
void WriteEnum(JsonWriter& w, const EnumNames& names, int v) {
  if (const char* n = names.Name(v)) {
    w.String(n);
  } else {
    w.Int(v);
  }
}

}  // namespace

const char* ExpectedText(FieldKind kind) noexcept {
  switch (kind) {
    case FieldKind::kString:
    case FieldKind::kOptString:
      return "expected a string";
    case FieldKind::kBool:
    case FieldKind::kOptBool:
      return "expected a boolean";
    case FieldKind::kInt32:
    case FieldKind::kUint32:
    case FieldKind::kInt64:
    case FieldKind::kOptInt32:
    case FieldKind::kOptInt64:
    case FieldKind::kTime:
    case FieldKind::kOptTime:
      return "expected an integer";
    case FieldKind::kEnum:
    case FieldKind::kOptEnum:
    case FieldKind::kEnumName:
      return "expected an enum name or number";
    case FieldKind::kStringMap:
    case FieldKind::kMessage:
      return "expected an object";
    case FieldKind::kEnumList:
    case FieldKind::kStringList:
    case FieldKind::kMessageList:
      return "expected an array";
  }
  return "unexpected value";
}

Status ReadJsonFields(const JsonValue& obj, const ModelDesc& desc, void* model,
                      std::string_view prefix, const JsonReadOptions& options) {
  for (const FieldDesc& f : desc.fields) {
    void* m = f.at(model);
    const bool two = !f.alt.empty() && f.alt != f.name;
    if (IsScalar(f.kind)) {
      // The alternative spelling first, so the primary one wins when a document has both.
      bool seen = false;
      for (std::string_view key : {two ? f.alt : std::string_view(), f.name}) {
        if (key.empty()) continue;
        const JsonValue* v = FindMember(obj, key);
        if (!v) continue;
        if (v->IsNull()) {
          ClearOptional(f, m);
          continue;
        }
        seen = true;
        LKS_RETURN_IF_ERROR(ReadScalar(f, *v, m, prefix, key));
      }
      if (!seen && (f.flags & kRequired)) return Expected(prefix, f.name, "required");
      continue;
    }
    const JsonValue* v = FindMember(obj, f.name);
    if (!v && two) v = FindMember(obj, f.alt);
    if (!v || v->IsNull()) {
      if (f.flags & kRequired) return Expected(prefix, f.name, "required");
      continue;
    }
    LKS_RETURN_IF_ERROR(ReadComposite(f, *v, m, prefix, options));
  }
  if (options.keep_raw && desc.raw_json) *desc.raw_json(model) = ToJson(obj);
  return OkStatus();
}

namespace {

void WriteTime(JsonWriter& w, const FieldDesc& f, int64_t ms) {
  if (f.flags & kWriteMillis) {
    w.Int(ms);
  } else {
    w.String(FormatIsoTimeMs(ms));
  }
}

// Whether the field has nothing to write under kOmitUnset.
bool Unset(const FieldDesc& f, const void* m) {
  switch (f.kind) {
    case FieldKind::kOptString:
      return !static_cast<const std::optional<std::string>*>(m)->has_value();
    case FieldKind::kOptBool:
      return !static_cast<const std::optional<bool>*>(m)->has_value();
    case FieldKind::kOptInt32:
      return !static_cast<const std::optional<int32_t>*>(m)->has_value();
    case FieldKind::kOptInt64:
    case FieldKind::kOptTime:
      return !static_cast<const std::optional<int64_t>*>(m)->has_value();
    case FieldKind::kOptEnum:
      return f.holder->size(m) == 0;
    case FieldKind::kMessage:
      return f.holder && f.holder->size(m) == 0;
    default:
      return false;
  }
}

void WriteValue(JsonWriter& w, const FieldDesc& f, const void* m, const JsonWriteOptions& o) {
  switch (f.kind) {
    case FieldKind::kString:
    case FieldKind::kEnumName:
      w.String(*static_cast<const std::string*>(m));
      return;
    case FieldKind::kBool:
      w.Bool(*static_cast<const bool*>(m));
      return;
    case FieldKind::kInt32:
      w.Int(*static_cast<const int32_t*>(m));
      return;
    case FieldKind::kUint32:
      w.Uint(*static_cast<const uint32_t*>(m));
      return;
    case FieldKind::kInt64:
      if (o.int64_as_text) {
        char buf[24];
        auto r = std::to_chars(buf, buf + sizeof buf, *static_cast<const int64_t*>(m));
        w.String(std::string_view(buf, static_cast<size_t>(r.ptr - buf)));
      } else {
        w.Int(*static_cast<const int64_t*>(m));
      }
      return;
    case FieldKind::kTime: {
      const int64_t ms = *static_cast<const int64_t*>(m);
      if (ms == 0 && (f.flags & kZeroIsNull)) {
        w.Null();
      } else {
        WriteTime(w, f, ms);
      }
      return;
    }
    case FieldKind::kOptString:
    case FieldKind::kOptBool:
    case FieldKind::kOptInt32:
    case FieldKind::kOptInt64:
    case FieldKind::kOptTime:
    case FieldKind::kOptEnum:
      if (Unset(f, m)) {
        w.Null();
      } else if (f.kind == FieldKind::kOptString) {
        w.String(**static_cast<const std::optional<std::string>*>(m));
      } else if (f.kind == FieldKind::kOptBool) {
        w.Bool(**static_cast<const std::optional<bool>*>(m));
      } else if (f.kind == FieldKind::kOptInt32) {
        w.Int(**static_cast<const std::optional<int32_t>*>(m));
      } else if (f.kind == FieldKind::kOptInt64) {
        w.Int(**static_cast<const std::optional<int64_t>*>(m));
      } else if (f.kind == FieldKind::kOptTime) {
        WriteTime(w, f, **static_cast<const std::optional<int64_t>*>(m));
      } else {
        WriteEnum(w, *f.enums, GetEnum(f.holder->get(m, 0)));
      }
      return;
    case FieldKind::kEnum:
      WriteEnum(w, *f.enums, GetEnum(m));
      return;
    case FieldKind::kEnumList:
      w.BeginArray();
      for (size_t i = 0, n = f.holder->size(m); i < n; ++i)
        WriteEnum(w, *f.enums, GetEnum(f.holder->get(m, i)));
      w.EndArray();
      return;
    case FieldKind::kStringMap:
      w.BeginObject();
      for (const auto& [k, v] : *static_cast<const std::map<std::string, std::string>*>(m))
        w.Field(std::string_view(k), std::string_view(v));
      w.EndObject();
      return;
    case FieldKind::kStringList:
      w.BeginArray();
      for (const std::string& e : *static_cast<const std::vector<std::string>*>(m)) w.String(e);
      w.EndArray();
      return;
    case FieldKind::kMessage:
      if (Unset(f, m)) {
        w.Null();
      } else {
        WriteJsonFields(w, *f.child, f.holder ? f.holder->get(m, 0) : m, o);
      }
      return;
    case FieldKind::kMessageList:
      w.BeginArray();
      for (size_t i = 0, n = f.holder->size(m); i < n; ++i)
        WriteJsonFields(w, *f.child, f.holder->get(m, i), o);
      w.EndArray();
      return;
  }
}

// Whether the field holds its type's zero value, for kOmitEmpty.
bool Empty(const FieldDesc& f, const void* m) {
  switch (f.kind) {
    case FieldKind::kString:
    case FieldKind::kEnumName:
      return static_cast<const std::string*>(m)->empty();
    case FieldKind::kBool:
      return !*static_cast<const bool*>(m);
    case FieldKind::kInt32:
      return *static_cast<const int32_t*>(m) == 0;
    case FieldKind::kUint32:
      return *static_cast<const uint32_t*>(m) == 0;
    case FieldKind::kInt64:
    case FieldKind::kTime:
      return *static_cast<const int64_t*>(m) == 0;
    case FieldKind::kEnum:
      return GetEnum(m) == 0;
    case FieldKind::kStringMap:
      return static_cast<const std::map<std::string, std::string>*>(m)->empty();
    case FieldKind::kStringList:
      return static_cast<const std::vector<std::string>*>(m)->empty();
    case FieldKind::kEnumList:
    case FieldKind::kMessageList:
      return f.holder->size(m) == 0;
    default:
      return Unset(f, m);
  }
}

}  // namespace

void WriteJsonMembers(JsonWriter& w, const ModelDesc& desc, const void* model,
                      const JsonWriteOptions& options) {
  for (const FieldDesc& f : desc.fields) {
    const void* m = f.In(model);
    if ((f.flags & kOmitUnset) && Unset(f, m)) continue;
    if ((f.flags & kOmitEmpty) && Empty(f, m)) continue;
    w.Key(f.name);
    WriteValue(w, f, m, options);
  }
}

void WriteJsonFields(JsonWriter& w, const ModelDesc& desc, const void* model,
                     const JsonWriteOptions& options) {
  w.BeginObject();
  WriteJsonMembers(w, desc, model, options);
  w.EndObject();
}

}  // namespace lks::internal
