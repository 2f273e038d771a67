// ParseWebhookEvent: a single pass over the body straight into the typed structs.
//
// No DOM is built: core/json_scanner.h reads the text and SaxWalk() hands each value to a
// handler with RapidJSON's SAX interface, which lands it in its field; unknown members are
// skipped, and a field of the wrong type is recorded (first one wins, named by its path) while
// the walk goes on validating the rest of the text, so invalid JSON always reports as
// "body_not_json". The models' descriptions (livekit/webhook_event_fields.h) map protojson
// names to fields.
#include <array>
#include <charconv>
#include <climits>
#include <string>
#include <type_traits>

#include "core/json_fields.h"
#include "core/json_scanner.h"
#include "core/json_writer.h"
#include "livekit/webhook_event_fields.h"
#include "lks/livekit/webhook_event.h"

namespace lks {
namespace {

using SizeType = unsigned;

// A scalar JSON value as the SAX reader reports it.
struct Scalar {
  enum Kind { kString, kBool, kInteger, kNumber } kind;
  std::string_view s;
  bool b = false;
  int64_t i = 0;
  double d = 0;
};

using internal::FieldDesc;
using internal::FieldKind;
using internal::ModelDesc;

// The field named `name`, looked for from `*next` on (wrapping around), where the previous
// look-up in this object stopped: livekit-server writes members in the models' order, so the
// first candidate is almost always the one. `*next` moves past a match.
const FieldDesc* FindField(const ModelDesc& model, std::string_view name, unsigned* next) {
  const auto n = static_cast<unsigned>(model.fields.size());
  if (name.empty() || n == 0) return nullptr;
  unsigned i = *next < n ? *next : 0;
  for (unsigned left = n; left > 0; --left) {
    const FieldDesc& f = model.fields[i];
    i = i + 1 == n ? 0 : i + 1;
    // Length and first byte rule out almost every candidate without a memcmp call.
    if (f.name.size() == name.size() && f.name[0] == name[0] &&
        std::char_traits<char>::compare(f.name.data(), name.data(), name.size()) == 0) {
      *next = i;
      return &f;
    }
  }
  return nullptr;
}

class Handler {
 public:
  explicit Handler(WebhookEvent* ev) : ev_(ev) {}

  bool not_object() const { return not_object_; }
  bool too_deep() const { return too_deep_; }
  const std::string& error() const { return error_; }

  bool Null() { return Value(nullptr); }
  bool Bool(bool b) { return Value(Scalar{Scalar::kBool, {}, b}); }
  bool Int64(int64_t i) { return Value(Scalar{Scalar::kInteger, {}, false, i}); }
  bool Double(double d) { return Value(Scalar{Scalar::kNumber, {}, false, 0, d}); }
  bool String(const char* s, SizeType n, bool) { return Value(Scalar{Scalar::kString, {s, n}}); }
  bool Key(const char* s, SizeType n, bool) {
    key_ = std::string_view(s, n);
    return true;
  }

  bool StartObject() {
    if (!Deeper()) return false;
    if (skip_ > 0) return ++skip_, true;
    if (depth_ == 0) {
      if (root_done_) return true;
      Push(Frame::kModel, &internal::webhook::kEvent, nullptr, ev_, {}, -1);
      return true;
    }
    Frame& f = Top();
    if (f.what == Frame::kList) {
      Push(Frame::kModel, f.field->child, nullptr, f.field->holder->add(f.target), {}, f.count++);
      return true;
    }
    if (f.what == Frame::kMap) return Mismatch(key_, "expected a string"), Skip();
    const FieldDesc* field = FindField(*f.model, key_, &f.next);
    if (!field) return Skip();
    if (field->kind == FieldKind::kMessage) {
      void* member = field->at(f.target);
      Push(Frame::kModel, field->child, nullptr,
           field->holder ? field->holder->add(member) : member, key_, -1);
    } else if (field->kind == FieldKind::kStringMap) {
      Push(Frame::kMap, nullptr, field, field->at(f.target), key_, -1);
    } else {
      Mismatch(key_, internal::ExpectedText(field->kind));
      return Skip();
    }
    return true;
  }
  bool EndObject(SizeType) { return End(); }

  bool StartArray() {
    if (!Deeper()) return false;
    if (skip_ > 0) return ++skip_, true;
    if (depth_ == 0) {
      not_object_ = true;
      return false;
    }
    Frame& f = Top();
    if (f.what == Frame::kList)
      return Mismatch(ElementLabel(f.count++), "expected an object"), Skip();
    if (f.what == Frame::kMap) return Mismatch(key_, "expected a string"), Skip();
    const FieldDesc* field = FindField(*f.model, key_, &f.next);
    if (!field) return Skip();
    if (field->kind != FieldKind::kMessageList)
      return Mismatch(key_, internal::ExpectedText(field->kind)), Skip();
    void* list = field->at(f.target);
    field->holder->clear(list);
    Push(Frame::kList, nullptr, field, list, key_, -1);
    return true;
  }
  bool EndArray(SizeType) { return End(); }

 private:
  struct Frame {
    enum What : uint8_t { kModel, kList, kMap } what;
    const ModelDesc* model;  // kModel: the message being filled
    const FieldDesc* field;  // kList, kMap: the member being filled
    void* target;            // the struct (kModel) or the member (kList, kMap)
    std::string_view key;    // the member holding this frame ("" for the root and array elements)
    int index;               // position in the parent array, or -1
    int count;               // elements seen so far (arrays)
    unsigned next;           // kModel: where the next field look-up starts (FindField)
  };
  static constexpr int kMaxDepth = 16;     // typed frames: the schema nests 6 deep
  static constexpr int kMaxNesting = 128;  // any JSON nesting, typed or skipped

  Frame& Top() { return frames_[depth_ - 1]; }
  void Push(Frame::What what, const ModelDesc* model, const FieldDesc* field, void* target,
            std::string_view key, int index) {
    if (depth_ == kMaxDepth) {
      ++skip_;
      return;
    }
    frames_[depth_++] = Frame{what, model, field, target, key, index, 0, 0};
  }
  bool Skip() {
    skip_ = 1;
    return true;
  }
  // The reader recurses once per nesting level; refusing deep input bounds its stack use.
  bool Deeper() {
    if (++nesting_ <= kMaxNesting) return true;
    too_deep_ = true;
    return false;
  }
  bool End() {
    --nesting_;
    if (skip_ > 0) {
      --skip_;
      return true;
    }
    if (--depth_ == 0) root_done_ = true;
    return true;
  }
  static std::string ElementLabel(int index) { return "[" + std::to_string(index) + "]"; }

  // Records "<path>.<field>: <what>" unless an error is already recorded.
  void Mismatch(std::string_view field, std::string_view what) {
    if (!error_.empty()) return;
    std::string path;
    for (int i = 1; i < depth_; ++i) {
      const Frame& f = frames_[i];
      if (f.index >= 0) {
        path += ElementLabel(f.index);
      } else {
        if (!path.empty()) path.push_back('.');
        path.append(f.key);
      }
    }
    if (!field.empty() && field.front() != '[' && !path.empty()) path.push_back('.');
    path.append(field);
    error_ = path + ": " + std::string(what);
  }

  // A scalar (or null, as nullptr) for the pending key of the current frame.
  template <typename V>
  bool Value(const V& v) {
    if (skip_ > 0) return true;
    if (depth_ == 0) {
      not_object_ = true;
      return false;
    }
    Frame& f = Top();
    constexpr bool kIsNull = std::is_same_v<V, std::nullptr_t>;
    if (f.what == Frame::kList) {
      Mismatch(ElementLabel(f.count++), "expected an object");
      return true;
    }
    if constexpr (kIsNull) {
      return true;  // protojson: null is the field's default
    } else {
      if (f.what == Frame::kMap) {
        if (v.kind != Scalar::kString) return Mismatch(key_, "expected a string"), true;
        static_cast<std::map<std::string, std::string>*>(f.target)->insert_or_assign(
            std::string(key_), std::string(v.s));
        return true;
      }
      const FieldDesc* field = FindField(*f.model, key_, &f.next);
      if (field) Assign(*field, field->at(f.target), v);
      return true;
    }
  }

  void Assign(const FieldDesc& field, void* p, const Scalar& v) {
    switch (field.kind) {
      case FieldKind::kString:
        if (v.kind != Scalar::kString) return Mismatch(key_, "expected a string");
        static_cast<std::string*>(p)->assign(v.s);
        return;
      case FieldKind::kBool:
        if (v.kind != Scalar::kBool) return Mismatch(key_, "expected a boolean");
        *static_cast<bool*>(p) = v.b;
        return;
      case FieldKind::kInt64:
      case FieldKind::kUint32:
      case FieldKind::kInt32: {
        int64_t x = 0;
        if (!ToInt64(v, &x)) return Mismatch(key_, "expected an integer");
        if (field.kind == FieldKind::kInt64) {
          *static_cast<int64_t*>(p) = x;
        } else if (field.kind == FieldKind::kUint32) {
          if (x < 0 || x > 0xFFFFFFFFLL)
            return Mismatch(key_, "expected an unsigned 32-bit integer");
          *static_cast<uint32_t*>(p) = static_cast<uint32_t>(x);
        } else {
          if (x < INT32_MIN || x > INT32_MAX) return Mismatch(key_, "expected a 32-bit integer");
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
          Mismatch(key_, "expected an enum name or number");
        }
        return;
      }
      default:
        return Mismatch(key_, internal::ExpectedText(field.kind));
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

  WebhookEvent* ev_;
  std::array<Frame, kMaxDepth> frames_{};
  int depth_ = 0;
  int skip_ = 0;  // > 0 while inside a container being skipped (its nesting depth)
  int nesting_ = 0;
  bool too_deep_ = false;
  bool root_done_ = false;
  bool not_object_ = false;
  std::string_view key_;
  std::string error_;
};

// Walks the value at the scanner's position, calling `h` as RapidJSON's SAX reader would (Int64
// for integers that fit, Double for other numbers, strings unescaped). Stops at the first syntax
// error or when the handler returns false. Recursion is bounded by the handler, which refuses
// to go deeper than kMaxNesting.
template <class SaxHandler>
bool SaxWalk(internal::JsonScanner& s, SaxHandler& h) {
  using internal::JsonKind;
  switch (s.Peek()) {
    case JsonKind::kString: {
      std::string_view v;
      return s.String(&v, true) && h.String(v.data(), static_cast<SizeType>(v.size()), true);
    }
    case JsonKind::kNumber: {
      std::string_view text;
      bool integer = false;
      uint64_t magnitude = 0;
      if (!s.Number(&text, &integer, &magnitude)) return false;
      const char* const end = text.data() + text.size();
      if (integer && magnitude != UINT64_MAX) {
        return h.Int64(text[0] == '-' ? -static_cast<int64_t>(magnitude)
                                      : static_cast<int64_t>(magnitude));
      }
      if (integer) {
        int64_t i = 0;
        if (auto r = std::from_chars(text.data(), end, i); r.ec == std::errc() && r.ptr == end)
          return h.Int64(i);
      }
      double d = 0;
      const auto r = std::from_chars(text.data(), end, d);
      if (r.ec != std::errc() || r.ptr != end) return false;  // out of double's range, as RapidJSON
      return h.Double(d);
    }
    case JsonKind::kTrue:
      return s.Literal("true") && h.Bool(true);
    case JsonKind::kFalse:
      return s.Literal("false") && h.Bool(false);
    case JsonKind::kNull:
      return s.Literal("null") && h.Null();
    case JsonKind::kObject: {
      if (!h.StartObject()) return false;
      SizeType members = 0;
      const bool ok = s.Object([&](std::string_view key) {
        ++members;
        return h.Key(key.data(), static_cast<SizeType>(key.size()), true) && SaxWalk(s, h);
      });
      return ok && h.EndObject(members);
    }
    case JsonKind::kArray: {
      if (!h.StartArray() || !s.Literal("[")) return false;
      SizeType elements = 0;
      s.Ws();
      if (!s.Literal("]")) {
        for (;;) {
          if (!SaxWalk(s, h)) return false;
          ++elements;
          s.Ws();
          if (s.Literal(",")) continue;
          if (!s.Literal("]")) return false;
          break;
        }
      }
      return h.EndArray(elements);
    }
    case JsonKind::kInvalid:
      return false;
  }
  return false;
}

// Per-thread copy of the body: strings are unescaped in place, so the fields are assigned
// straight from views into it.
std::string& ThreadScratch() {
  thread_local std::string s;
  return s;
}
// A big body's copy is not kept for the thread's lifetime.
constexpr size_t kKeptScratchBytes = 1 << 20;

Status NotJson(std::string what) {
  return InvalidArgumentError("webhook body: " + what)
      .WithReason("body_not_json")
      .WithHttpStatus(400);
}

}  // namespace

StatusOr<WebhookEvent> ParseWebhookEvent(std::string_view json) {
  std::string& text = ThreadScratch();
  text.assign(json);
  struct Shrink {
    std::string& s;
    ~Shrink() {
      if (s.capacity() > kKeptScratchBytes) std::string().swap(s);
    }
  } shrink{text};

  // Built where it is returned (no move of the event's many strings into the result).
  StatusOr<WebhookEvent> result(std::in_place);
  WebhookEvent& ev = *result;
  Handler handler(&ev);
  internal::JsonScanner scanner(text.data(), text.data() + text.size());
  const bool parsed = SaxWalk(scanner, handler) && scanner.AtEnd();
  if (!parsed) {
    // A text that scans is valid UTF-8 without a NUL (the scanner checks every byte), so these
    // checks, which have their own messages, are needed only on failure.
    if (!internal::IsValidUtf8(json)) return NotJson("not valid UTF-8");
    if (json.find('\0') != std::string_view::npos) return NotJson("contains a NUL byte");
    if (handler.not_object()) return NotJson("not a JSON object");
    if (handler.too_deep()) return NotJson("nested deeper than 128 levels");
    return NotJson("not valid JSON (error at offset " +
                   std::to_string(scanner.pos() - text.data()) + ")");
  }
  if (!handler.error().empty()) {
    return InvalidArgumentError(handler.error()).WithReason("bad_event").WithHttpStatus(400);
  }
  ev.type = WebhookEventTypeFromName(ev.event);
  ev.raw_json.assign(json);
  return result;
}

}  // namespace lks
