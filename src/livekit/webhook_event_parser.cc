// ParseWebhookEvent: a single pass over the body straight into the typed structs.
//
// No DOM and no event stream: core/json_scanner.h reads the text and Reader walks it with the
// models' descriptions (livekit/webhook_event_fields.h) in hand, so each member's value is read
// by the code for its field's kind; members the typed event does not keep are checked and passed
// over without being unescaped or stored. A field of the wrong type is recorded (first one wins,
// named by its path) while the walk goes on validating the rest of the text, so invalid JSON
// always reports as "body_not_json". Reading into a reused event keeps its strings' capacity:
// it is reset field by field to a default instance's values, not rebuilt.
#include <array>
#include <charconv>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>
#include <type_traits>

#include "core/json_fields.h"
#include "core/json_scanner.h"
#include "livekit/webhook_event_fields.h"
#include "lks/livekit/webhook_event.h"

#if defined(__GNUC__) || defined(__clang__)
#define LKS_NOINLINE __attribute__((noinline))
#define LKS_ALWAYS_INLINE inline __attribute__((always_inline))
#else
#define LKS_NOINLINE
#define LKS_ALWAYS_INLINE inline
#endif

namespace lks {
namespace {

using internal::FieldDesc;
using internal::FieldKind;
using internal::JsonKind;
using internal::ModelDesc;

// A model's fields by a hash of the name (length, first and last byte): a member's field, or that
// it has none (most unknown members), in one table look-up and one comparison.
struct FieldIndex {
  static constexpr unsigned kBuckets = 128;
  static constexpr uint8_t kShared = 0xFF;  // several names: compare them all
  std::array<uint8_t, kBuckets> bucket{};   // 1 + the field's position, 0 for none, or kShared
};

inline unsigned NameHash(std::string_view n) {  // n is not empty
  const unsigned h = static_cast<unsigned>(n.size()) * 0x9E3779B1u ^
                     static_cast<unsigned char>(n[0]) * 0x85EBCA6Bu ^
                     static_cast<unsigned char>(n[n.size() - 1]) * 0xC2B2AE35u;
  return (h ^ (h >> 15)) % FieldIndex::kBuckets;
}

FieldIndex MakeIndex(const ModelDesc& model) {
  FieldIndex index;
  for (size_t i = 0; i < model.fields.size(); ++i) {
    uint8_t& b = index.bucket[NameHash(model.fields[i].name)];
    b = b == 0 && i + 1 < FieldIndex::kShared ? static_cast<uint8_t>(i + 1) : FieldIndex::kShared;
  }
  return index;
}

// a == b for strings of equal length: 8 bytes at a time (the last word overlapping), inline
// rather than a memcmp call for names this short.
inline bool SameBytes(std::string_view a, std::string_view b) {
  const size_t n = a.size();
  if (n < 8) {
    for (size_t k = 0; k < n; ++k) {
      if (a[k] != b[k]) return false;
    }
    return true;
  }
  uint64_t x, y;
  for (size_t k = 0; k + 8 < n; k += 8) {
    std::memcpy(&x, a.data() + k, 8);
    std::memcpy(&y, b.data() + k, 8);
    if (x != y) return false;
  }
  std::memcpy(&x, a.data() + n - 8, 8);
  std::memcpy(&y, b.data() + n - 8, 8);
  return x == y;
}

// The field of `model` named `name` (`index` is its FieldIndex), or null.
LKS_ALWAYS_INLINE const FieldDesc* FindField(const ModelDesc& model, const FieldIndex& index,
                                             std::string_view name) {
  if (name.empty()) return nullptr;
  const uint8_t b = index.bucket[NameHash(name)];
  if (b == 0) return nullptr;
  if (b != FieldIndex::kShared) {
    const FieldDesc& f = model.fields[b - 1];
    return f.name.size() == name.size() && SameBytes(f.name, name) ? &f : nullptr;
  }
  for (const FieldDesc& f : model.fields) {
    if (f.name.size() == name.size() && SameBytes(f.name, name)) return &f;
  }
  return nullptr;
}

template <typename T>
const void* DefaultOf() {
  static const T kDefault{};
  return &kDefault;
}

// What the reader needs of each of the webhook's models: its field index, a default instance of
// the struct holding its fields (for a flattened model, the struct it is flattened into), whose
// values the fields a body leaves out are reset to, and where each field is in that struct (as
// offsets, read once from the default instance: a field's `at()` is an indirect call).
struct ModelInfo {
  static constexpr size_t kMaxFields = 16;  // the largest model, the participant, has 13
  const ModelDesc* model;
  const void* defaults;
  FieldIndex index;
  std::array<uint32_t, kMaxFields> offset{};

  ModelInfo(const ModelDesc& m, const void* d) : model(&m), defaults(d), index(MakeIndex(m)) {
    if (m.fields.size() > kMaxFields) std::abort();
    const char* base = static_cast<const char*>(d);
    for (size_t i = 0; i < m.fields.size(); ++i) {
      offset[i] = static_cast<uint32_t>(
          static_cast<const char*>(m.fields[i].at(const_cast<void*>(d))) - base);
    }
  }
  // Field i of `target` (a struct of this model's type).
  void* At(void* target, size_t i) const { return static_cast<char*>(target) + offset[i]; }
};

LKS_ALWAYS_INLINE const ModelInfo& InfoOf(const ModelDesc* model) {
  namespace w = internal::webhook;
  static const struct All {
    ModelInfo info[10] = {
        {w::kEvent, DefaultOf<WebhookEvent>()},
        {w::kRoom, DefaultOf<WebhookRoom>()},
        {w::kParticipant, DefaultOf<WebhookParticipant>()},
        {w::kTrack, DefaultOf<WebhookTrack>()},
        {w::kEgress, DefaultOf<WebhookEgressInfo>()},
        {w::kFileInfo, DefaultOf<WebhookFileInfo>()},
        {w::kIngress, DefaultOf<WebhookIngressInfo>()},
        {w::kIngressState, DefaultOf<WebhookIngressInfo>()},
        {w::kJob, DefaultOf<WebhookJob>()},
        {w::kJobState, DefaultOf<WebhookJob>()},
    };
  } all;
  for (const ModelInfo& i : all.info) {
    if (i.model == model) return i;
  }
  std::abort();  // a model of this parser's own tables is always found
}

template <typename T>
void CopyFrom(void* dst, const void* src) {
  *static_cast<T*>(dst) = *static_cast<const T*>(src);
}

void ResetFields(const ModelDesc& model, void* target);

// Sets field `f` at `p` to its default value at `d` keeping the strings' capacity, as in a fresh
// parse: lists, maps and optional nested messages are emptied.
LKS_ALWAYS_INLINE void ResetField(const FieldDesc& f, void* p, const void* d) {
  switch (f.kind) {
    case FieldKind::kString:
    case FieldKind::kEnumName: {
      // Most defaults are empty: clear() is two stores, assign() a call.
      const auto& def = *static_cast<const std::string*>(d);
      if (def.empty()) {
        static_cast<std::string*>(p)->clear();
      } else {
        static_cast<std::string*>(p)->assign(def);
      }
      break;
    }
    case FieldKind::kBool:
      CopyFrom<bool>(p, d);
      break;
    case FieldKind::kInt32:
    case FieldKind::kUint32:
    case FieldKind::kEnum:
      std::memcpy(p, d, sizeof(int32_t));
      break;
    case FieldKind::kInt64:
    case FieldKind::kTime:
      std::memcpy(p, d, sizeof(int64_t));
      break;
    case FieldKind::kOptString:
      CopyFrom<std::optional<std::string>>(p, d);
      break;
    case FieldKind::kOptBool:
      CopyFrom<std::optional<bool>>(p, d);
      break;
    case FieldKind::kOptInt32:
    case FieldKind::kOptEnum:
      CopyFrom<std::optional<int32_t>>(p, d);
      break;
    case FieldKind::kOptInt64:
    case FieldKind::kOptTime:
      CopyFrom<std::optional<int64_t>>(p, d);
      break;
    case FieldKind::kStringMap:
      static_cast<std::map<std::string, std::string>*>(p)->clear();
      break;
    case FieldKind::kStringList:
      static_cast<std::vector<std::string>*>(p)->clear();
      break;
    case FieldKind::kEnumList:
    case FieldKind::kMessageList:
      f.holder->clear(p);
      break;
    case FieldKind::kMessage:
      if (!f.holder) {
        ResetFields(*f.child, p);  // flattened: fields of this struct
      } else {
        f.holder->clear(p);
      }
      break;
  }
}

// ResetField() for every field of `model` (a flattened one) in `target`.
LKS_NOINLINE void ResetFields(const ModelDesc& model, void* target) {
  const ModelInfo& info = InfoOf(&model);
  for (size_t i = 0; i < model.fields.size(); ++i) {
    ResetField(model.fields[i], info.At(target, i), info.At(const_cast<void*>(info.defaults), i));
  }
}

// `*s = text` (never a view of `s` itself). A reused event's strings mostly get text no longer
// than what they hold: written over in place, without assign()'s general replace (a call per
// field and ~4% of a parse).
LKS_ALWAYS_INLINE void AssignString(std::string* s, std::string_view text) {
  const size_t n = text.size();
  if (n > s->size()) {
    s->assign(text);
    return;
  }
  char* d = s->data();
  const char* t = text.data();
  // Overlapping head and tail words: no bytes outside [t, t + n) are read.
  if (n >= 16) {
    if (n > 32) {
      std::memcpy(d, t, n);
    } else {
      char head[16], tail[16];
      std::memcpy(head, t, 16);
      std::memcpy(tail, t + n - 16, 16);
      std::memcpy(d, head, 16);
      std::memcpy(d + n - 16, tail, 16);
    }
  } else if (n >= 8) {
    uint64_t head, tail;
    std::memcpy(&head, t, 8);
    std::memcpy(&tail, t + n - 8, 8);
    std::memcpy(d, &head, 8);
    std::memcpy(d + n - 8, &tail, 8);
  } else if (n >= 4) {
    uint32_t head, tail;
    std::memcpy(&head, t, 4);
    std::memcpy(&tail, t + n - 4, 4);
    std::memcpy(d, &head, 4);
    std::memcpy(d + n - 4, &tail, 4);
  } else {
    for (size_t k = 0; k < n; ++k) d[k] = t[k];
  }
  s->resize(n);  // not longer: only sets the length
}

// Reads one body into a WebhookEvent. Every method returns false on a syntax error (or nesting
// deeper than kMaxNesting), which ends the walk; wrong types only record an error.
class Reader {
 public:
  explicit Reader(internal::JsonScanner& s) : s_(s) {}

  bool not_object() const { return not_object_; }
  bool too_deep() const { return too_deep_; }
  const std::string& error() const { return error_; }

  // The whole text's value, which must be an object.
  // `fresh`: `ev` is default-constructed (nothing to reset).
  bool Root(WebhookEvent* ev, bool fresh) {
    const JsonKind k = s_.Peek();
    if (k == JsonKind::kObject) {
      return Model(internal::webhook::kEvent, ev, fresh);
    }
    if (k == JsonKind::kArray) {
      if (Deeper()) not_object_ = true;
      return false;
    }
    // A scalar: "not an object" only when it is valid JSON.
    if (k != JsonKind::kInvalid && Skip()) not_object_ = true;
    return false;
  }

 private:
  static constexpr int kMaxNesting = 128;          // any JSON nesting, typed or skipped
  static constexpr int kMaxPath = 16;              // typed nesting: the schema nests 5 deep
  static constexpr uint32_t kFreshBit = 1u << 31;  // in Model()'s mask: models have <= 16 fields

  // A scalar value, read whole before its field is looked up.
  struct Scalar {
    enum Kind { kString, kBool, kInteger, kNumber } kind = kString;
    std::string_view s{};
    bool b = false;
    int64_t i = 0;
    double d = 0;
  };
  // Trivial, so that the path is not zeroed per parse (only the first path_depth_ are read).
  struct Segment {
    const char* key;  // the member holding the container, "" for an array element
    size_t key_size;
    int index;  // position in the parent array, or -1
  };

  // The reader recurses once per nesting level; refusing deep input bounds its stack use.
  bool Deeper() {
    if (++nesting_ <= kMaxNesting) return true;
    too_deep_ = true;
    return false;
  }

  // The number at the scanner, as RapidJSON's SAX reader delivered numbers: integers that fit
  // int64 exactly, others as doubles; too big for a double is not JSON.
  bool ReadNumber(Scalar* v) {
    std::string_view text;
    bool integer = false;
    uint64_t magnitude = 0;
    if (!s_.Number(&text, &integer, &magnitude)) return false;
    if (integer && magnitude != UINT64_MAX) {
      v->kind = Scalar::kInteger;
      v->i = text[0] == '-' ? -static_cast<int64_t>(magnitude) : static_cast<int64_t>(magnitude);
      return true;
    }
    const char* const end = text.data() + text.size();
    if (integer) {
      if (auto r = std::from_chars(text.data(), end, v->i); r.ec == std::errc() && r.ptr == end) {
        v->kind = Scalar::kInteger;
        return true;
      }
    }
    v->kind = Scalar::kNumber;
    const auto r = std::from_chars(text.data(), end, v->d);
    return r.ec == std::errc() && r.ptr == end;
  }

  // A scalar (the caller saw no object, array or null): false on a syntax error.
  bool ReadScalar(JsonKind k, Scalar* v) {
    switch (k) {
      case JsonKind::kString:
        v->kind = Scalar::kString;
        return s_.String(&v->s, true);
      case JsonKind::kNumber:
        return ReadNumber(v);
      case JsonKind::kTrue:
        v->kind = Scalar::kBool;
        v->b = true;
        return s_.Literal("true");
      case JsonKind::kFalse:
        v->kind = Scalar::kBool;
        return s_.Literal("false");
      default:
        return false;
    }
  }

  // Checks and passes over any value (numbers as strictly as read ones).
  bool Skip() {
    const JsonKind k = s_.Peek();
    if (k == JsonKind::kObject || k == JsonKind::kArray) return SkipContainer();
    return SkipScalar(k);
  }

  // A scalar of kind `k` at the scanner, checked.
  LKS_ALWAYS_INLINE bool SkipScalar(JsonKind k) {
    switch (k) {
      case JsonKind::kString:
        return s_.String(nullptr, false);
      case JsonKind::kNumber: {
        Scalar v;
        return ReadNumber(&v);
      }
      case JsonKind::kTrue:
        return s_.Literal("true");
      case JsonKind::kFalse:
        return s_.Literal("false");
      case JsonKind::kNull:
        return s_.Literal("null");
      default:
        return false;
    }
  }

  // The object or array at the scanner, checked and passed over in one loop rather than a call
  // per value (the unknown containers of a body: ~12% of a parse as recursive calls). The same
  // steps as the recursive walk, in the same order, so errors stop at the same offset.
  LKS_NOINLINE bool SkipContainer() {
    const int base = nesting_;
    std::array<uint64_t, (kMaxNesting + 64) / 64> object{};  // bit d: level d is an object
    std::string_view key;
    for (;;) {
      // At a value (after whitespace for a container's first one, which At() skips).
      if (s_.At('{') || s_.At('[')) {
        const bool is_object = s_.At('{');
        if (!Deeper()) return false;
        s_.Advance();
        const int d = nesting_ - base - 1;
        if (is_object) {
          object[d / 64] |= uint64_t{1} << (d % 64);
        } else {
          object[d / 64] &= ~(uint64_t{1} << (d % 64));
        }
        if (!s_.At(is_object ? '}' : ']')) {
          if (is_object && !s_.Key(&key, false)) return false;
          continue;  // the first value
        }
        s_.Advance();
        --nesting_;
      } else if (!SkipScalar(s_.Peek())) {
        return false;
      }
      // After a value: the next one of its container, or the container's end.
      for (;;) {
        if (nesting_ == base) return true;
        const int d = nesting_ - base - 1;
        const bool is_object = (object[d / 64] >> (d % 64) & 1) != 0;
        if (s_.At(',')) {
          s_.Advance();
          if (is_object) {
            s_.Ws();
            if (!s_.Key(&key, false)) return false;
          }
          break;
        }
        if (!s_.At(is_object ? '}' : ']')) return false;
        s_.Advance();
        --nesting_;
      }
    }
  }

  // An array at the scanner: `element()` reads each element.
  template <class F>
  bool Elements(F&& element) {
    if (!Deeper() || !s_.Literal("[")) return false;
    s_.Ws();
    if (!s_.Literal("]")) {
      for (;;) {
        if (!element()) return false;
        s_.Ws();
        if (s_.Literal(",")) continue;
        if (!s_.Literal("]")) return false;
        break;
      }
    }
    --nesting_;
    return true;
  }

  // The object at the scanner into `target`, described by `model`. Only the fields the object
  // has are written; the others are reset at its end (a reused target is not reset up front, so
  // a field the body has is written once, not reset and then written), unless the target is
  // `fresh` (default-constructed). A message met twice is the second one whole.
  bool Model(const ModelDesc& model, void* target, bool fresh) {
    if (!Deeper()) return false;
    const ModelInfo& info = InfoOf(&model);
    // Bit i: the object had field i (not null); kFreshBit: the target is fresh (a flag beside the
    // bits rather than a parameter of Member(), which has all the registers it can take).
    uint32_t seen = fresh ? kFreshBit : 0;
    const bool ok =
        s_.Object([&](std::string_view key) { return Member(info, target, key, &seen); });
    --nesting_;
    if (!ok) return false;
    if (fresh) return true;
    for (size_t i = 0; i < model.fields.size(); ++i) {
      if ((seen >> i & 1) == 0) {
        ResetField(model.fields[i], info.At(target, i),
                   info.At(const_cast<void*>(info.defaults), i));
      }
    }
    return true;
  }

  // The value of member `key` of an object described by `info`; the field's bit is set in
  // `*seen` when the value is not null. Inlined into the object walk: as a call per member it
  // cost ~7% of a parse (a seventh argument, when it had one, ~20%).
  LKS_ALWAYS_INLINE bool Member(const ModelInfo& info, void* target, std::string_view key,
                                uint32_t* seen) {
    const ModelDesc& model = *info.model;
    const FieldDesc* f = FindField(model, info.index, key);
    // A member the typed event does not keep: any value, checked (as a read one would be).
    if (!f) return Skip();
    const JsonKind k = s_.Peek();
    // protojson: null is the default (the field keeps its reset value, or an earlier member's)
    if (k == JsonKind::kNull) return s_.Literal("null");
    if (k == JsonKind::kObject) {
      const size_t i = static_cast<size_t>(f - model.fields.data());
      const bool again = (*seen >> i & 1) != 0;
      *seen |= 1u << i;
      if (f->kind == FieldKind::kMessage) {
        void* member = info.At(target, i);
        // A flattened message's fields are the target's: fresh when it is, the first time.
        bool child_fresh = (*seen & kFreshBit) != 0 && !again;
        void* child = f->holder ? Met(*f, member, &child_fresh) : member;
        return Nested(key, -1, [&] { return Model(*f->child, child, child_fresh); });
      }
      if (f->kind == FieldKind::kStringMap) {
        void* map = info.At(target, i);
        // Emptied when first met: a duplicate member's entries add to the first's.
        if (!again) static_cast<std::map<std::string, std::string>*>(map)->clear();
        return Nested(key, -1, [&] { return Map(map); });
      }
      Mismatch(key, internal::ExpectedText(f->kind));
      return Skip();
    }
    if (k == JsonKind::kArray) {
      const size_t i = static_cast<size_t>(f - model.fields.data());
      *seen |= 1u << i;
      if (f->kind != FieldKind::kMessageList) {
        Mismatch(key, internal::ExpectedText(f->kind));
        return Skip();
      }
      void* list = info.At(target, i);
      f->holder->clear(list);
      return Nested(key, -1, [&] { return List(*f, list); });
    }
    Scalar v;
    if (!ReadScalar(k, &v)) return false;
    const size_t i = static_cast<size_t>(f - model.fields.data());
    *seen |= 1u << i;
    Assign(*f, info.At(target, i), v, key);
    return true;
  }

  // An array of messages (field `f`'s list at `list`).
  bool List(const FieldDesc& f, void* list) {
    int count = 0;
    return Elements([&] {
      const int index = count++;
      const JsonKind k = s_.Peek();
      if (k == JsonKind::kObject) {
        return Nested({}, index, [&] { return Model(*f.child, f.holder->add(list), true); });
      }
      Mismatch(ElementLabel(index), "expected an object");
      return Skip();
    });
  }

  // A string map (participant attributes). A later duplicate key wins.
  bool Map(void* map) {
    if (!Deeper()) return false;
    const bool ok = s_.Object([&](std::string_view key) {
      const JsonKind k = s_.Peek();
      if (k == JsonKind::kNull) return s_.Literal("null");
      if (k == JsonKind::kObject || k == JsonKind::kArray) {
        Mismatch(key, "expected a string");
        return Skip();
      }
      Scalar v;
      if (!ReadScalar(k, &v)) return false;
      if (v.kind != Scalar::kString) {
        Mismatch(key, "expected a string");
        return true;
      }
      static_cast<std::map<std::string, std::string>*>(map)->insert_or_assign(std::string(key),
                                                                              std::string(v.s));
      return true;
    });
    --nesting_;
    return ok;
  }

  // Runs `read` with (key, index) on the path that errors name.
  template <class F>
  bool Nested(std::string_view key, int index, F&& read) {
    if (path_depth_ == kMaxPath) return Skip();
    path_[path_depth_++] = Segment{key.data(), key.size(), index};
    const bool ok = read();
    --path_depth_;
    return ok;
  }

  // The optional message `f` at `member`, met in this body: the one a previous body (or an
  // earlier member of this one) left there, whose fields Model() overwrites or resets, else a new
  // one (`*fresh`).
  void* Met(const FieldDesc& f, void* member, bool* fresh) {
    *fresh = f.holder->size(member) == 0;
    if (*fresh) return f.holder->add(member);
    return const_cast<void*>(f.holder->get(member, 0));
  }

  static std::string ElementLabel(int index) { return "[" + std::to_string(index) + "]"; }

  // Records "<path>.<field>: <what>" unless an error is already recorded.
  void Mismatch(std::string_view field, std::string_view what) {
    if (!error_.empty()) return;
    std::string path;
    for (int i = 0; i < path_depth_; ++i) {
      const Segment& seg = path_[i];
      if (seg.index >= 0) {
        path += ElementLabel(seg.index);
      } else {
        if (!path.empty()) path.push_back('.');
        path.append(seg.key, seg.key_size);
      }
    }
    if (!field.empty() && field.front() != '[' && !path.empty()) path.push_back('.');
    path.append(field);
    error_ = path + ": " + std::string(what);
  }

  void Assign(const FieldDesc& field, void* p, const Scalar& v, std::string_view key) {
    switch (field.kind) {
      case FieldKind::kString:
        if (v.kind != Scalar::kString) return Mismatch(key, "expected a string");
        AssignString(static_cast<std::string*>(p), v.s);
        return;
      case FieldKind::kBool:
        if (v.kind != Scalar::kBool) return Mismatch(key, "expected a boolean");
        *static_cast<bool*>(p) = v.b;
        return;
      case FieldKind::kInt64:
      case FieldKind::kUint32:
      case FieldKind::kInt32: {
        int64_t x = 0;
        if (!ToInt64(v, &x)) return Mismatch(key, "expected an integer");
        if (field.kind == FieldKind::kInt64) {
          *static_cast<int64_t*>(p) = x;
        } else if (field.kind == FieldKind::kUint32) {
          if (x < 0 || x > 0xFFFFFFFFLL)
            return Mismatch(key, "expected an unsigned 32-bit integer");
          *static_cast<uint32_t*>(p) = static_cast<uint32_t>(x);
        } else {
          if (x < INT32_MIN || x > INT32_MAX) return Mismatch(key, "expected a 32-bit integer");
          *static_cast<int32_t*>(p) = static_cast<int32_t>(x);
        }
        return;
      }
      case FieldKind::kEnumName: {
        auto* out = static_cast<std::string*>(p);
        if (v.kind == Scalar::kString) {
          out->assign(v.s);
        } else if (v.kind == Scalar::kInteger) {
          const char* name =
              (v.i >= 0 && v.i <= INT32_MAX) ? field.enums->Name(static_cast<int>(v.i)) : nullptr;
          if (name) {
            out->assign(name);
          } else {
            *out = std::to_string(v.i);
          }
        } else {
          Mismatch(key, "expected an enum name or number");
        }
        return;
      }
      default:
        return Mismatch(key, internal::ExpectedText(field.kind));
    }
  }

  // Protojson writes 64-bit integers as strings and accepts numbers; integral doubles pass.
  static bool ToInt64(const Scalar& v, int64_t* out) {
    switch (v.kind) {
      case Scalar::kInteger:
        *out = v.i;
        return true;
      case Scalar::kString: {
        const char* b = v.s.data();
        const char* e = b + v.s.size();
        // Protojson's int64 text ("1732700000"): up to 18 plain digits cannot overflow.
        if (b != e && e - b <= 18) {
          int64_t x = 0;
          const char* q = b;
          for (unsigned d; q < e && (d = static_cast<unsigned char>(*q) - '0') <= 9; ++q)
            x = x * 10 + d;
          if (q == e) {
            *out = x;
            return true;
          }
        }
        auto r = std::from_chars(b, e, *out);
        return r.ec == std::errc() && r.ptr == e && b != e;
      }
      case Scalar::kNumber:
        if (v.d >= -9.2e18 && v.d <= 9.2e18 &&
            v.d == static_cast<double>(static_cast<int64_t>(v.d))) {
          *out = static_cast<int64_t>(v.d);
          return true;
        }
        return false;
      case Scalar::kBool:
        return false;
    }
    return false;
  }

  internal::JsonScanner& s_;
  int nesting_ = 0;
  bool too_deep_ = false;
  bool not_object_ = false;
  std::array<Segment, kMaxPath> path_;  // NOLINT(cppcoreguidelines-pro-type-member-init)
  int path_depth_ = 0;
  std::string error_;
};

// Per-thread buffer the body's escaped strings are unescaped into: the body itself is read where
// it is, never copied or written, and its plain strings are views of the caller's bytes, so most
// fields are assigned straight from them. It only grows (no bytes are read beyond those written).
std::string& ThreadScratch() {
  thread_local std::string s;
  return s;
}
// A big body's scratch is not kept for the thread's lifetime.
constexpr size_t kKeptScratchBytes = 1 << 20;

Status NotJson(std::string what) {
  return InvalidArgumentError("webhook body: " + what)
      .WithReason("body_not_json")
      .WithHttpStatus(400);
}

// The parse itself into `ev`, default-constructed when `fresh`.
Status Parse(std::string_view json, WebhookEvent* ev, bool fresh) {
  std::string& unescaped = ThreadScratch();
  if (unescaped.size() < json.size()) unescaped.resize(json.size());
  struct Shrink {
    std::string& s;
    ~Shrink() {
      if (s.size() > kKeptScratchBytes) std::string().swap(s);
    }
  } shrink{unescaped};

  internal::JsonScanner scanner(json.data(), json.data() + json.size(), unescaped.data());
  Reader reader(scanner);
  const bool parsed = reader.Root(ev, fresh) && scanner.AtEnd();
  if (!parsed) {
    // A text that scans is valid UTF-8 without a NUL (the scanner checks every byte), so these
    // checks, which have their own messages, are needed only on failure.
    if (!internal::IsValidUtf8(json)) return NotJson("not valid UTF-8");
    if (json.find('\0') != std::string_view::npos) return NotJson("contains a NUL byte");
    if (reader.not_object()) return NotJson("not a JSON object");
    if (reader.too_deep()) return NotJson("nested deeper than 128 levels");
    return NotJson("not valid JSON (error at offset " +
                   std::to_string(scanner.pos() - json.data()) + ")");
  }
  if (!reader.error().empty()) {
    return InvalidArgumentError(reader.error()).WithReason("bad_event").WithHttpStatus(400);
  }
  ev->type = WebhookEventTypeFromName(ev->event);
  ev->raw_json.assign(json);
  return OkStatus();
}

}  // namespace

StatusOr<WebhookEvent> ParseWebhookEvent(std::string_view json) {
  // Built where it is returned (no move of the event's many strings into the result).
  StatusOr<WebhookEvent> result(std::in_place);
  if (Status s = Parse(json, &*result, /*fresh=*/true); !s.ok()) result = std::move(s);
  return result;  // the one return: no move of the event's many strings (NRVO)
}

Status ParseWebhookEvent(std::string_view json, WebhookEvent* out) {
  // No reset up front: the walk writes the fields the body has and resets the others.
  out->type = WebhookEventType::kUnknown;
  out->raw_json.clear();
  return Parse(json, out, /*fresh=*/false);
}

}  // namespace lks
