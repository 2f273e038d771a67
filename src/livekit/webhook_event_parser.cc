// ParseWebhookEvent: a single pass over the body straight into the typed structs.
//
// No DOM is built: core/json_scanner.h reads the text and SaxWalk() hands each value to a
// handler with RapidJSON's SAX interface, which lands it in its field; unknown members are
// skipped, and a field of the wrong type is recorded (first one wins, named by its path) while
// the walk goes on validating the rest of the text, so invalid JSON always reports as
// "body_not_json". Field tables below map protojson names to fields per message.
#include <array>
#include <charconv>
#include <climits>
#include <string>
#include <type_traits>

#include "core/json_scanner.h"
#include "core/json_writer.h"
#include "lks/livekit/webhook_event.h"

namespace lks {
namespace {

// Protojson enum names by number (nullptr marks a gap), from LiveKit's protocol.
using EnumNames = std::initializer_list<const char*>;
constexpr EnumNames kTrackType = {"AUDIO", "VIDEO", "DATA"};
constexpr EnumNames kTrackSource = {"UNKNOWN", "CAMERA", "MICROPHONE", "SCREEN_SHARE",
                                    "SCREEN_SHARE_AUDIO"};
constexpr EnumNames kParticipantState = {"JOINING", "JOINED", "ACTIVE", "DISCONNECTED"};
constexpr EnumNames kParticipantKind = {"STANDARD", "INGRESS", "EGRESS",    "SIP",   "AGENT",
                                        nullptr,    nullptr,   "CONNECTOR", "BRIDGE"};
constexpr EnumNames kDisconnectReason = {
    "UNKNOWN_REASON",      "CLIENT_INITIATED",  "DUPLICATE_IDENTITY", "SERVER_SHUTDOWN",
    "PARTICIPANT_REMOVED", "ROOM_DELETED",      "STATE_MISMATCH",     "JOIN_FAILURE",
    "MIGRATION",           "SIGNAL_CLOSE",      "ROOM_CLOSED",        "USER_UNAVAILABLE",
    "USER_REJECTED",       "SIP_TRUNK_FAILURE", "CONNECTION_TIMEOUT", "MEDIA_FAILURE",
    "AGENT_ERROR"};
constexpr EnumNames kEgressStatus = {"EGRESS_STARTING",     "EGRESS_ACTIVE", "EGRESS_ENDING",
                                     "EGRESS_COMPLETE",     "EGRESS_FAILED", "EGRESS_ABORTED",
                                     "EGRESS_LIMIT_REACHED"};
constexpr EnumNames kIngressInput = {"RTMP_INPUT", "WHIP_INPUT", "URL_INPUT"};
constexpr EnumNames kIngressStatus = {"ENDPOINT_INACTIVE", "ENDPOINT_BUFFERING",
                                      "ENDPOINT_PUBLISHING", "ENDPOINT_ERROR", "ENDPOINT_COMPLETE"};
constexpr EnumNames kJobType = {"JT_ROOM", "JT_PUBLISHER", "JT_PARTICIPANT"};
constexpr EnumNames kJobStatus = {"JS_PENDING", "JS_RUNNING", "JS_SUCCESS", "JS_FAILED"};
constexpr EnumNames kRoomEndReason = {"ROOM_END_UNKNOWN",      "ROOM_END_API_DELETE",
                                      "ROOM_END_IDLE_TIMEOUT", "ROOM_END_SERVER_SHUTDOWN",
                                      "ROOM_END_SUPERSEDED",   "ROOM_END_OPEN_FAILED"};

// The messages (and helper containers) the parser descends into.
enum class Msg {
  kEvent,
  kRoom,
  kParticipant,
  kTrack,
  kEgress,
  kIngress,
  kIngressState,
  kJob,
  kJobState,
  kTracks,
  kAttributes
};

enum class Type { kString, kBool, kInt64, kUint32, kInt32, kEnum, kObject, kTracks, kAttributes };

// One known member: its JSON name, type and where it lives in the struct (`at` maps the struct
// being filled to the field). For kObject, `child` is the message; the field is an
// std::optional of it, or (kIngressState, kJobState) the parent struct itself, flattened.
struct Field {
  std::string_view name;
  Type type;
  void* (*at)(void*);
  EnumNames enum_names = {};
  Msg child = Msg::kEvent;
};

#define LKS_AT(T, member) [](void* p) -> void* { return &static_cast<T*>(p)->member; }
#define LKS_SELF [](void* p) -> void* { return p; }

const Field kTrackFields[] = {
    {"sid", Type::kString, LKS_AT(WebhookTrack, sid)},
    {"type", Type::kEnum, LKS_AT(WebhookTrack, type), kTrackType},
    {"name", Type::kString, LKS_AT(WebhookTrack, name)},
    {"source", Type::kEnum, LKS_AT(WebhookTrack, source), kTrackSource},
    {"mimeType", Type::kString, LKS_AT(WebhookTrack, mime_type)},
    {"mid", Type::kString, LKS_AT(WebhookTrack, mid)},
    {"muted", Type::kBool, LKS_AT(WebhookTrack, muted)},
    {"width", Type::kUint32, LKS_AT(WebhookTrack, width)},
    {"height", Type::kUint32, LKS_AT(WebhookTrack, height)},
};
const Field kRoomFields[] = {
    {"sid", Type::kString, LKS_AT(WebhookRoom, sid)},
    {"name", Type::kString, LKS_AT(WebhookRoom, name)},
    {"emptyTimeout", Type::kUint32, LKS_AT(WebhookRoom, empty_timeout)},
    {"departureTimeout", Type::kUint32, LKS_AT(WebhookRoom, departure_timeout)},
    {"maxParticipants", Type::kUint32, LKS_AT(WebhookRoom, max_participants)},
    {"creationTime", Type::kInt64, LKS_AT(WebhookRoom, creation_time)},
    {"creationTimeMs", Type::kInt64, LKS_AT(WebhookRoom, creation_time_ms)},
    {"metadata", Type::kString, LKS_AT(WebhookRoom, metadata)},
    {"numParticipants", Type::kUint32, LKS_AT(WebhookRoom, num_participants)},
    {"numPublishers", Type::kUint32, LKS_AT(WebhookRoom, num_publishers)},
    {"activeRecording", Type::kBool, LKS_AT(WebhookRoom, active_recording)},
};
const Field kParticipantFields[] = {
    {"sid", Type::kString, LKS_AT(WebhookParticipant, sid)},
    {"identity", Type::kString, LKS_AT(WebhookParticipant, identity)},
    {"name", Type::kString, LKS_AT(WebhookParticipant, name)},
    {"state", Type::kEnum, LKS_AT(WebhookParticipant, state), kParticipantState},
    {"kind", Type::kEnum, LKS_AT(WebhookParticipant, kind), kParticipantKind},
    {"metadata", Type::kString, LKS_AT(WebhookParticipant, metadata)},
    {"attributes", Type::kAttributes, LKS_AT(WebhookParticipant, attributes)},
    {"joinedAt", Type::kInt64, LKS_AT(WebhookParticipant, joined_at)},
    {"joinedAtMs", Type::kInt64, LKS_AT(WebhookParticipant, joined_at_ms)},
    {"isPublisher", Type::kBool, LKS_AT(WebhookParticipant, is_publisher)},
    {"region", Type::kString, LKS_AT(WebhookParticipant, region)},
    {"disconnectReason", Type::kEnum, LKS_AT(WebhookParticipant, disconnect_reason),
     kDisconnectReason},
    {"tracks", Type::kTracks, LKS_AT(WebhookParticipant, tracks)},
};
const Field kEgressFields[] = {
    {"egressId", Type::kString, LKS_AT(WebhookEgressInfo, egress_id)},
    {"roomId", Type::kString, LKS_AT(WebhookEgressInfo, room_id)},
    {"roomName", Type::kString, LKS_AT(WebhookEgressInfo, room_name)},
    {"status", Type::kEnum, LKS_AT(WebhookEgressInfo, status), kEgressStatus},
    {"startedAt", Type::kInt64, LKS_AT(WebhookEgressInfo, started_at)},
    {"endedAt", Type::kInt64, LKS_AT(WebhookEgressInfo, ended_at)},
    {"updatedAt", Type::kInt64, LKS_AT(WebhookEgressInfo, updated_at)},
    {"error", Type::kString, LKS_AT(WebhookEgressInfo, error)},
};
const Field kIngressFields[] = {
    {"ingressId", Type::kString, LKS_AT(WebhookIngressInfo, ingress_id)},
    {"name", Type::kString, LKS_AT(WebhookIngressInfo, name)},
    {"roomName", Type::kString, LKS_AT(WebhookIngressInfo, room_name)},
    {"participantIdentity", Type::kString, LKS_AT(WebhookIngressInfo, participant_identity)},
    {"participantName", Type::kString, LKS_AT(WebhookIngressInfo, participant_name)},
    {"inputType", Type::kEnum, LKS_AT(WebhookIngressInfo, input_type), kIngressInput},
    {"state", Type::kObject, LKS_SELF, {}, Msg::kIngressState},
};
const Field kIngressStateFields[] = {
    {"status", Type::kEnum, LKS_AT(WebhookIngressInfo, status), kIngressStatus},
    {"error", Type::kString, LKS_AT(WebhookIngressInfo, error)},
    {"roomId", Type::kString, LKS_AT(WebhookIngressInfo, room_id)},
    {"startedAt", Type::kInt64, LKS_AT(WebhookIngressInfo, started_at)},
    {"endedAt", Type::kInt64, LKS_AT(WebhookIngressInfo, ended_at)},
};
const Field kJobFields[] = {
    {"id", Type::kString, LKS_AT(WebhookJob, id)},
    {"dispatchId", Type::kString, LKS_AT(WebhookJob, dispatch_id)},
    {"type", Type::kEnum, LKS_AT(WebhookJob, type), kJobType},
    {"agentName", Type::kString, LKS_AT(WebhookJob, agent_name)},
    {"metadata", Type::kString, LKS_AT(WebhookJob, metadata)},
    {"room", Type::kObject, LKS_AT(WebhookJob, room), {}, Msg::kRoom},
    {"participant", Type::kObject, LKS_AT(WebhookJob, participant), {}, Msg::kParticipant},
    {"state", Type::kObject, LKS_SELF, {}, Msg::kJobState},
};
const Field kJobStateFields[] = {
    {"status", Type::kEnum, LKS_AT(WebhookJob, status), kJobStatus},
    {"error", Type::kString, LKS_AT(WebhookJob, error)},
    {"startedAt", Type::kInt64, LKS_AT(WebhookJob, started_at)},
    {"endedAt", Type::kInt64, LKS_AT(WebhookJob, ended_at)},
};
const Field kEventFields[] = {
    {"event", Type::kString, LKS_AT(WebhookEvent, event)},
    {"room", Type::kObject, LKS_AT(WebhookEvent, room), {}, Msg::kRoom},
    {"participant", Type::kObject, LKS_AT(WebhookEvent, participant), {}, Msg::kParticipant},
    {"track", Type::kObject, LKS_AT(WebhookEvent, track), {}, Msg::kTrack},
    {"egressInfo", Type::kObject, LKS_AT(WebhookEvent, egress_info), {}, Msg::kEgress},
    {"ingressInfo", Type::kObject, LKS_AT(WebhookEvent, ingress_info), {}, Msg::kIngress},
    {"job", Type::kObject, LKS_AT(WebhookEvent, job), {}, Msg::kJob},
    {"id", Type::kString, LKS_AT(WebhookEvent, id)},
    {"createdAt", Type::kInt64, LKS_AT(WebhookEvent, created_at)},
    {"roomEndReason", Type::kEnum, LKS_AT(WebhookEvent, room_end_reason), kRoomEndReason},
    {"numDropped", Type::kInt32, LKS_AT(WebhookEvent, num_dropped)},
};

#undef LKS_AT
#undef LKS_SELF

template <size_t N>
const Field* Find(const Field (&fields)[N], std::string_view name) {
  for (const Field& f : fields) {
    // Length and first byte rule out almost every candidate without a memcmp call.
    if (f.name.size() == name.size() && !name.empty() && f.name[0] == name[0] &&
        std::char_traits<char>::compare(f.name.data(), name.data(), name.size()) == 0) {
      return &f;
    }
  }
  return nullptr;
}

const Field* FindField(Msg msg, std::string_view name) {
  switch (msg) {
    case Msg::kEvent:
      return Find(kEventFields, name);
    case Msg::kRoom:
      return Find(kRoomFields, name);
    case Msg::kParticipant:
      return Find(kParticipantFields, name);
    case Msg::kTrack:
      return Find(kTrackFields, name);
    case Msg::kEgress:
      return Find(kEgressFields, name);
    case Msg::kIngress:
      return Find(kIngressFields, name);
    case Msg::kIngressState:
      return Find(kIngressStateFields, name);
    case Msg::kJob:
      return Find(kJobFields, name);
    case Msg::kJobState:
      return Find(kJobStateFields, name);
    case Msg::kTracks:
    case Msg::kAttributes:
      return nullptr;
  }
  return nullptr;
}

// Starts a fresh message in the field at `p` (an std::optional<T>, or the parent for flattened
// sub-messages) and returns the struct to fill.
void* Emplace(Msg msg, void* p) {
  switch (msg) {
    case Msg::kRoom:
      return &static_cast<std::optional<WebhookRoom>*>(p)->emplace();
    case Msg::kParticipant:
      return &static_cast<std::optional<WebhookParticipant>*>(p)->emplace();
    case Msg::kTrack:
      return &static_cast<std::optional<WebhookTrack>*>(p)->emplace();
    case Msg::kEgress:
      return &static_cast<std::optional<WebhookEgressInfo>*>(p)->emplace();
    case Msg::kIngress:
      return &static_cast<std::optional<WebhookIngressInfo>*>(p)->emplace();
    case Msg::kJob:
      return &static_cast<std::optional<WebhookJob>*>(p)->emplace();
    default:
      return p;
  }
}

const char* Expected(Type t) {
  switch (t) {
    case Type::kString:
      return "expected a string";
    case Type::kBool:
      return "expected a boolean";
    case Type::kInt64:
    case Type::kUint32:
    case Type::kInt32:
      return "expected an integer";
    case Type::kEnum:
      return "expected an enum name or number";
    case Type::kObject:
    case Type::kAttributes:
      return "expected an object";
    case Type::kTracks:
      return "expected an array";
  }
  return "unexpected value";
}

using SizeType = unsigned;

// A scalar JSON value as the SAX reader reports it.
struct Scalar {
  enum Kind { kString, kBool, kInteger, kNumber } kind;
  std::string_view s;
  bool b = false;
  int64_t i = 0;
  double d = 0;
};

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
      Push(Msg::kEvent, ev_, {}, -1);
      return true;
    }
    Frame& f = Top();
    if (f.msg == Msg::kTracks) {
      auto* tracks = static_cast<std::vector<WebhookTrack>*>(f.target);
      Push(Msg::kTrack, &tracks->emplace_back(), {}, f.count++);
      return true;
    }
    if (f.msg == Msg::kAttributes) return Mismatch(key_, "expected a string"), Skip();
    const Field* field = FindField(f.msg, key_);
    if (!field) return Skip();
    if (field->type == Type::kObject) {
      Push(field->child, Emplace(field->child, field->at(f.target)), key_, -1);
    } else if (field->type == Type::kAttributes) {
      Push(Msg::kAttributes, field->at(f.target), key_, -1);
    } else {
      Mismatch(key_, Expected(field->type));
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
    if (f.msg == Msg::kTracks)
      return Mismatch(ElementLabel(f.count++), "expected an object"), Skip();
    if (f.msg == Msg::kAttributes) return Mismatch(key_, "expected a string"), Skip();
    const Field* field = FindField(f.msg, key_);
    if (!field) return Skip();
    if (field->type != Type::kTracks) return Mismatch(key_, Expected(field->type)), Skip();
    auto* tracks = static_cast<std::vector<WebhookTrack>*>(field->at(f.target));
    tracks->clear();
    Push(Msg::kTracks, tracks, key_, -1);
    return true;
  }
  bool EndArray(SizeType) { return End(); }

 private:
  struct Frame {
    Msg msg;
    void* target;
    std::string_view key;  // the member holding this frame ("" for the root and array elements)
    int index;             // position in the parent array, or -1
    int count;             // elements seen so far (arrays)
  };
  static constexpr int kMaxDepth = 16;     // typed frames: the schema nests 6 deep
  static constexpr int kMaxNesting = 128;  // any JSON nesting, typed or skipped

  Frame& Top() { return frames_[depth_ - 1]; }
  void Push(Msg msg, void* target, std::string_view key, int index) {
    if (depth_ == kMaxDepth) {
      ++skip_;
      return;
    }
    frames_[depth_++] = Frame{msg, target, key, index, 0};
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
    if (f.msg == Msg::kTracks) {
      Mismatch(ElementLabel(f.count++), "expected an object");
      return true;
    }
    if constexpr (kIsNull) {
      return true;  // protojson: null is the field's default
    } else {
      if (f.msg == Msg::kAttributes) {
        if (v.kind != Scalar::kString) return Mismatch(key_, "expected a string"), true;
        static_cast<std::map<std::string, std::string>*>(f.target)->insert_or_assign(
            std::string(key_), std::string(v.s));
        return true;
      }
      const Field* field = FindField(f.msg, key_);
      if (field) Assign(*field, field->at(f.target), v);
      return true;
    }
  }

  void Assign(const Field& field, void* p, const Scalar& v) {
    switch (field.type) {
      case Type::kString:
        if (v.kind != Scalar::kString) return Mismatch(key_, Expected(field.type));
        static_cast<std::string*>(p)->assign(v.s);
        return;
      case Type::kBool:
        if (v.kind != Scalar::kBool) return Mismatch(key_, Expected(field.type));
        *static_cast<bool*>(p) = v.b;
        return;
      case Type::kInt64:
      case Type::kUint32:
      case Type::kInt32: {
        int64_t x = 0;
        if (!ToInt64(v, &x)) return Mismatch(key_, "expected an integer");
        if (field.type == Type::kInt64) {
          *static_cast<int64_t*>(p) = x;
        } else if (field.type == Type::kUint32) {
          if (x < 0 || x > 0xFFFFFFFFLL)
            return Mismatch(key_, "expected an unsigned 32-bit integer");
          *static_cast<uint32_t*>(p) = static_cast<uint32_t>(x);
        } else {
          if (x < INT32_MIN || x > INT32_MAX) return Mismatch(key_, "expected a 32-bit integer");
          *static_cast<int32_t*>(p) = static_cast<int32_t>(x);
        }
        return;
      }
      case Type::kEnum: {
        auto* out = static_cast<std::string*>(p);
        if (v.kind == Scalar::kString) {
          out->assign(v.s);
        } else if (v.kind == Scalar::kInteger) {
          const EnumNames& names = field.enum_names;
          if (v.i >= 0 && static_cast<size_t>(v.i) < names.size() &&
              names.begin()[v.i] != nullptr) {
            out->assign(names.begin()[v.i]);
          } else {
            *out = std::to_string(v.i);
          }
        } else {
          Mismatch(key_, Expected(field.type));
        }
        return;
      }
      case Type::kObject:
      case Type::kAttributes:
      case Type::kTracks:
        return Mismatch(key_, Expected(field.type));
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
  // UTF-8 is checked up front (ASCII fast path) so that it has its own message; so is a raw NUL,
  // never valid JSON.
  if (!internal::IsValidUtf8(json)) return NotJson("not valid UTF-8");
  if (json.find('\0') != std::string_view::npos) return NotJson("contains a NUL byte");
  std::string& text = ThreadScratch();
  text.assign(json);
  struct Shrink {
    std::string& s;
    ~Shrink() {
      if (s.capacity() > kKeptScratchBytes) std::string().swap(s);
    }
  } shrink{text};

  WebhookEvent ev;
  Handler handler(&ev);
  internal::JsonScanner scanner(text.data(), text.data() + text.size());
  const bool parsed = SaxWalk(scanner, handler) && scanner.AtEnd();
  if (handler.not_object()) return NotJson("not a JSON object");
  if (handler.too_deep()) return NotJson("nested deeper than 128 levels");
  if (!parsed) {
    return NotJson("not valid JSON (error at offset " +
                   std::to_string(scanner.pos() - text.data()) + ")");
  }
  if (!handler.error().empty()) {
    return InvalidArgumentError(handler.error()).WithReason("bad_event").WithHttpStatus(400);
  }
  ev.type = WebhookEventTypeFromName(ev.event);
  ev.raw_json.assign(json);
  return ev;
}

}  // namespace lks
