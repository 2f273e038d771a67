#include "livekit/token_payload.h"

#include <rapidjson/document.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstring>
#include <vector>

#include "core/json_reader.h"
#include "core/json_scanner.h"
#include "core/json_writer.h"

namespace lks::internal {
namespace {

Status TypeError(std::string_view prefix, std::string_view key, const char* type) {
  std::string m(prefix);
  m += key;
  m += ": expected ";
  m += type;
  return InvalidArgumentError(std::move(m));
}

// `key` equals the literal; a constant-size memcmp the compiler inlines.
template <size_t N>
inline bool Is(std::string_view key, const char (&literal)[N]) {
  return key.size() == N - 1 && std::memcmp(key.data(), literal, N - 1) == 0;
}

// *out = s. A string that needs a new buffer is constructed (a plain copy) rather than assigned
// (std::string::assign's general path costs about as much as the allocation); one that fits keeps
// its buffer, so a reused VerifiedToken allocates nothing.
void AssignString(std::string_view s, std::string* out) {
  if (s.size() <= out->capacity()) {
    out->assign(s);
  } else {
    *out = std::string(s);
  }
}

// A JSON integer literal (optional '-', digits) that fits in int64.
bool ParseInt64(std::string_view t, int64_t* out) {
  size_t i = 0;
  const bool negative = !t.empty() && t[0] == '-';
  if (negative) i = 1;
  if (i == t.size() || t.size() - i > 19) {
    if (t.size() - i > 19) {
      auto r = std::from_chars(t.data(), t.data() + t.size(), *out);  // rare: let it decide
      return r.ec == std::errc() && r.ptr == t.data() + t.size();
    }
    return false;
  }
  uint64_t v = 0;
  for (; i < t.size(); ++i) {
    const unsigned d = static_cast<unsigned char>(t[i]) - '0';
    if (d > 9) return false;
    v = v * 10 + d;  // at most 19 digits: no uint64 overflow
  }
  if (negative) {
    if (v > uint64_t{1} << 63) return false;
    *out = static_cast<int64_t>(0 - v);
  } else {
    if (v > static_cast<uint64_t>(INT64_MAX)) return false;
    *out = static_cast<int64_t>(v);
  }
  return true;
}

// Reads typed members the way json_reader.h's Read* do: null counts as absent; a wrong type is
// recorded (first one wins) and the value skipped.
class ClaimsReader {
 public:
  ClaimsReader(JsonScanner* r, Status* error) : r_(r), error_(error) {}

  void Fail(Status s) {
    if (error_->ok()) *error_ = std::move(s);
  }

  bool String(std::string_view prefix, std::string_view key, std::string* out) {
    const JsonKind k = r_->Peek();
    if (k == JsonKind::kNull) return r_->Literal("null");
    if (k != JsonKind::kString) {
      Fail(TypeError(prefix, key, "a string"));
      return r_->Skip(1);
    }
    std::string_view v;
    if (!r_->String(&v, true)) return false;
    AssignString(v, out);
    return true;
  }

  template <class B>  // bool or std::optional<bool>
  bool Bool(std::string_view prefix, std::string_view key, B* out) {
    const JsonKind k = r_->Peek();
    if (k == JsonKind::kNull) return r_->Literal("null");
    if (k == JsonKind::kTrue) {
      *out = true;
      return r_->Literal("true");
    }
    if (k == JsonKind::kFalse) {
      *out = false;
      return r_->Literal("false");
    }
    Fail(TypeError(prefix, key, "a boolean"));
    return r_->Skip(1);
  }

  // An integer, an integral double or a string holding an integer (ReadInt64's rules).
  bool Int64(std::string_view key, int64_t* out, Status* error) {
    const JsonKind k = r_->Peek();
    if (k == JsonKind::kNull) return r_->Literal("null");
    bool ok = false;
    if (k == JsonKind::kNumber) {
      std::string_view t;
      bool integer = false;
      uint64_t magnitude = 0;
      if (!r_->Number(&t, &integer, &magnitude)) return false;
      if (integer && magnitude != UINT64_MAX) {
        const bool negative = t[0] == '-';
        *out = negative ? -static_cast<int64_t>(magnitude) : static_cast<int64_t>(magnitude);
        ok = true;
      } else if (integer) {
        ok = ParseInt64(t, out);
      } else {
        double d = 0;
        auto res = std::from_chars(t.data(), t.data() + t.size(), d);
        if (res.ec == std::errc() && d >= -9.2e18 && d <= 9.2e18 &&
            d == static_cast<double>(static_cast<int64_t>(d))) {
          *out = static_cast<int64_t>(d);
          ok = true;
        }
      }
    } else if (k == JsonKind::kString) {
      std::string_view s;
      if (!r_->String(&s, true)) return false;
      int64_t x = 0;
      auto res = std::from_chars(s.data(), s.data() + s.size(), x);  // what ReadInt64 accepts
      ok = !s.empty() && res.ec == std::errc() && res.ptr == s.data() + s.size();
      if (ok) *out = x;
    } else {
      if (!r_->Skip(1)) return false;
    }
    if (!ok && error->ok()) *error = TypeError({}, key, "an integer");
    return true;
  }

  // An object-valued claim: null is absent; another type is "<name>: expected an object".
  // Returns 1 when an object follows, 0 when it was null or skipped, -1 on a syntax error.
  int ObjectStart(std::string_view name) {
    const JsonKind k = r_->Peek();
    if (k == JsonKind::kObject) return 1;
    if (k == JsonKind::kNull) return r_->Literal("null") ? 0 : -1;
    Fail(InvalidArgumentError(std::string(name) + ": expected an object"));
    return r_->Skip(1) ? 0 : -1;
  }

  bool Video(VideoGrant* v) {
    static constexpr std::string_view kP = "video.";
    uint32_t seen =
        0;  // ReadVideoGrant finds the first of duplicate members; later ones are ignored
    return r_->Object([&](std::string_view key) {
      auto first = [&](int bit) {
        const bool was = (seen >> bit) & 1;
        seen |= 1u << bit;
        return !was;
      };
      auto flag = [&](int bit, bool* field) {
        return first(bit) ? Bool(kP, key, field) : r_->Skip(1);
      };
      auto tri = [&](int bit, std::optional<bool>* field) {
        return first(bit) ? Bool(kP, key, field) : r_->Skip(1);
      };
      auto text = [&](int bit, std::string* field) {
        return first(bit) ? String(kP, key, field) : r_->Skip(1);
      };
      // Dispatch on the length first: one or two comparisons per member instead of a chain.
      switch (key.size()) {
        case 4:
          if (Is(key, "room")) return text(1, &v->room);
          break;
        case 5:
          if (Is(key, "agent")) return flag(14, &v->agent);
          break;
        case 6:
          if (Is(key, "hidden")) return flag(12, &v->hidden);
          break;
        case 8:
          if (Is(key, "roomJoin")) return flag(0, &v->room_join);
          if (Is(key, "roomList")) return flag(8, &v->room_list);
          if (Is(key, "recorder")) return flag(13, &v->recorder);
          break;
        case 9:
          if (Is(key, "roomAdmin")) return flag(10, &v->room_admin);
          break;
        case 10:
          if (Is(key, "canPublish")) return tri(2, &v->can_publish);
          if (Is(key, "roomCreate")) return flag(7, &v->room_create);
          if (Is(key, "roomRecord")) return flag(9, &v->room_record);
          break;
        case 12:
          if (Is(key, "canSubscribe")) return tri(3, &v->can_subscribe);
          if (Is(key, "ingressAdmin")) return flag(11, &v->ingress_admin);
          break;
        case 14:
          if (Is(key, "canPublishData")) return tri(4, &v->can_publish_data);
          break;
        case 15:
          if (Is(key, "destinationRoom")) return text(17, &v->destination_room);
          break;
        case 17:
          if (Is(key, "canPublishSources")) return first(6) ? Sources(v) : r_->Skip(1);
          break;
        case 19:
          if (Is(key, "canSubscribeMetrics")) return flag(15, &v->can_subscribe_metrics);
          break;
        case 20:
          if (Is(key, "canUpdateOwnMetadata")) return flag(5, &v->can_update_own_metadata);
          break;
        case 21:
          if (Is(key, "canManageAgentSession")) return flag(16, &v->can_manage_agent_session);
          break;
        default:
          break;
      }
      return r_->Skip(1);
    });
  }

  bool Sources(VideoGrant* v) {
    const JsonKind k = r_->Peek();
    if (k == JsonKind::kNull) return r_->Literal("null");
    auto bad = [&] {
      Fail(InvalidArgumentError("video.canPublishSources: expected an array of strings"));
    };
    if (k != JsonKind::kArray) {
      bad();
      return r_->Skip(1);
    }
    if (!r_->Literal("[")) return false;
    std::vector<std::string> list;
    bool all_strings = true;
    r_->Ws();
    if (!r_->Literal("]")) {
      for (;;) {
        if (r_->Peek() == JsonKind::kString) {
          std::string_view s;
          if (!r_->String(&s, true)) return false;
          list.emplace_back(s);
        } else {
          all_strings = false;
          if (!r_->Skip(2)) return false;
        }
        r_->Ws();
        if (r_->Literal(",")) continue;
        if (!r_->Literal("]")) return false;
        break;
      }
    }
    if (!all_strings) {
      bad();
      return true;
    }
    v->can_publish_sources = std::move(list);
    return true;
  }

  bool Attributes(std::map<std::string, std::string>* attrs) {
    return r_->Object([&](std::string_view key) {
      const JsonKind k = r_->Peek();
      if (k != JsonKind::kString) {
        Fail(InvalidArgumentError("attributes." + std::string(key) + ": expected a string"));
        return r_->Skip(1);
      }
      std::string_view v;
      if (!r_->String(&v, true)) return false;
      attrs->insert_or_assign(std::string(key), std::string(v));
      return true;
    });
  }

  // A small object of boolean flags (sip, inference, observability).
  template <size_t N>
  bool Flags(std::string_view prefix,
             const std::array<std::pair<std::string_view, bool*>, N>& flags) {
    uint32_t seen = 0;
    return r_->Object([&](std::string_view key) {
      for (size_t i = 0; i < N; ++i) {
        if (key == flags[i].first) {
          if ((seen >> i) & 1) return r_->Skip(1);
          seen |= 1u << i;
          return Bool(prefix, key, flags[i].second);
        }
      }
      return r_->Skip(1);
    });
  }

 private:
  JsonScanner* r_;
  Status* error_;
};

// ToJson(parse(text)): the compact form ReadClaimGrants stores for roomConfig.
std::string CompactJson(std::string_view text) {
  rapidjson::Document doc;
  std::string copy(text);
  doc.Parse(copy.data(), copy.size());
  return doc.HasParseError() ? std::string(text) : ToJson(doc);
}

bool HasDuplicates(std::vector<std::string_view>& keys) {
  if (keys.size() <= 32) {
    for (size_t i = 0; i < keys.size(); ++i) {
      for (size_t j = i + 1; j < keys.size(); ++j) {
        if (keys[i] == keys[j]) return true;
      }
    }
    return false;
  }
  std::sort(keys.begin(), keys.end());
  return std::adjacent_find(keys.begin(), keys.end()) != keys.end();
}

}  // namespace

Status ParseTokenPayload(std::string* json, TokenPayload* out, ClaimGrants* grants) {
  // Bytes outside strings must be ASCII JSON syntax and strings are checked as they are read, so
  // the whole text is valid UTF-8 when it parses.
  auto not_json = [] { return InvalidArgumentError("payload is not valid UTF-8 JSON"); };
  JsonScanner r(json->data(), json->data() + json->size());
  const JsonKind top = r.Peek();
  if (top != JsonKind::kObject) {
    // Still tell "not JSON" from "JSON but not an object", as the DOM parse did.
    if (top == JsonKind::kInvalid || !r.Skip(0) || !r.AtEnd()) return not_json();
    return InvalidArgumentError("payload is not a JSON object");
  }
  ClaimGrants& g = *grants;
  ClaimsReader c(&r, &out->claims_error);
  thread_local std::vector<std::string_view> keys;
  keys.clear();
  // Duplicate keys: known claims by bit, unknown ones by name.
  uint32_t seen = 0;
  bool duplicate = false;
  auto mark = [&](int bit) {
    duplicate |= ((seen >> bit) & 1) != 0;
    seen |= 1u << bit;
  };
  // The claims by length first (one or two comparisons each instead of a chain); each case
  // returns, an unknown name falls through to the end.
  const bool ok = r.Object([&](std::string_view key) -> bool {
    switch (key.size()) {
      case 3:
        if (Is(key, "iss")) {
          mark(0);
          if (r.Peek() != JsonKind::kString) return r.Skip(1);
          return r.String(&out->iss, true);
        }
        if (Is(key, "exp")) {
          mark(1);
          out->has_exp = true;
          // The key's view starts after its quote, in the buffer where it was read (strings are
          // unescaped inside their own span, so offsets do not move).
          out->exp_at = static_cast<size_t>(key.data() - json->data()) - 2;
          return c.Int64("exp", &out->exp, &out->exp_error);
        }
        if (Is(key, "nbf")) return mark(8), c.Int64("nbf", &out->nbf, &out->nbf_error);
        if (Is(key, "sub")) return mark(9), c.String({}, key, &g.identity);
        if (Is(key, "sip")) {
          mark(4);
          const int o = c.ObjectStart("sip");
          if (o <= 0) return o == 0;
          SipGrant s;
          if (!c.Flags<2>("sip.", {{{"admin", &s.admin}, {"call", &s.call}}})) return false;
          g.sip = s;
          return true;
        }
        break;
      case 4:
        if (Is(key, "name")) return mark(10), c.String({}, key, &g.name);
        if (Is(key, "kind")) return mark(12), c.String({}, key, &g.kind);
        break;
      case 5:
        if (Is(key, "video")) {
          mark(3);
          const int o = c.ObjectStart("video");
          if (o <= 0) return o == 0;
          VideoGrant v;  // default-initialized: g.video.emplace() would zero the whole struct first
          if (!c.Video(&v)) return false;
          g.video = std::move(v);
          return true;
        }
        if (Is(key, "agent")) {
          mark(15);
          const int o = c.ObjectStart("agent");
          if (o <= 0) return o == 0;
          AgentGrant s;
          if (!c.Flags<1>("agent.", {{{"admin", &s.admin}}})) return false;
          g.agent = s;
          return true;
        }
        break;
      case 6:
        if (Is(key, "sha256")) return mark(13), c.String({}, key, &g.sha256);
        break;
      case 8:
        if (Is(key, "metadata")) return mark(11), c.String({}, key, &g.metadata);
        break;
      case 9:
        if (Is(key, "inference")) {
          mark(5);
          const int o = c.ObjectStart("inference");
          if (o <= 0) return o == 0;
          InferenceGrant s;
          if (!c.Flags<1>("inference.", {{{"perform", &s.perform}}})) return false;
          g.inference = s;
          return true;
        }
        break;
      case 10:
        if (Is(key, "attributes")) {
          mark(2);
          const int o = c.ObjectStart("attributes");
          return o < 0 ? false : o == 0 ? true : c.Attributes(&g.attributes);
        }
        if (Is(key, "roomPreset")) return mark(14), c.String({}, key, &g.room_preset);
        if (Is(key, "roomConfig")) {
          mark(7);
          const int o = c.ObjectStart("roomConfig");
          if (o <= 0) return o == 0;
          const char* start = r.pos();
          if (!r.Skip(1)) return false;
          g.room_config =
              CompactJson(std::string_view(start, static_cast<size_t>(r.pos() - start)));
          return true;
        }
        break;
      case 13:
        if (Is(key, "observability")) {
          mark(6);
          const int o = c.ObjectStart("observability");
          if (o <= 0) return o == 0;
          ObservabilityGrant s;
          if (!c.Flags<1>("observability.", {{{"write", &s.write}}})) return false;
          g.observability = s;
          return true;
        }
        break;
      default:
        break;
    }
    keys.push_back(key);  // an unknown claim
    return r.Skip(1);
  });
  if (!ok || !r.AtEnd()) return not_json();
  if (duplicate || HasDuplicates(keys)) return InvalidArgumentError("payload has a duplicate key");
  return OkStatus();
}

}  // namespace lks::internal
