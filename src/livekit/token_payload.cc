#include "livekit/token_payload.h"

#include <rapidjson/document.h>

#include <algorithm>
#include <array>
#include <bit>
#include <charconv>
#include <cstring>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "core/json_reader.h"
#include "core/json_writer.h"

namespace lks::internal {
namespace {

constexpr int kMaxDepth = 128;

enum class Kind { kString, kNumber, kTrue, kFalse, kNull, kObject, kArray, kInvalid };

Status TypeError(std::string_view prefix, std::string_view key, const char* type) {
  std::string m(prefix);
  m += key;
  m += ": expected ";
  m += type;
  return InvalidArgumentError(std::move(m));
}

// Bit 7 of byte i of the result is set when byte i of `w` is '"', '\\', below 0x20 or not ASCII.
// The borrows of the subtractions can only flag bytes above a flagged one, so the lowest flag is
// exact.
inline uint64_t SpecialBytes(uint64_t w) {
  constexpr uint64_t kOnes = 0x0101010101010101ULL;
  constexpr uint64_t kHigh = 0x8080808080808080ULL;
  const uint64_t q = w ^ (kOnes * '"');
  const uint64_t b = w ^ (kOnes * '\\');
  return (((q - kOnes) & ~q) | ((b - kOnes) & ~b) | ((w - kOnes * 0x20) & ~w) | w) & kHigh;
}
static_assert(std::endian::native == std::endian::little, "SpecialBytes() scanning assumes little endian");

#if defined(__SSE2__)
// SpecialBytes() for 16 bytes (SSE2 is part of x86-64): bit i is set when byte i is special.
inline unsigned SpecialMask(__m128i v) {
  const __m128i special = _mm_or_si128(
      _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'))),
      _mm_cmpeq_epi8(_mm_max_epu8(v, _mm_set1_epi8(0x1F)), _mm_set1_epi8(0x1F)));
  // High bit of a byte: a special byte, or a non-ASCII one (its own high bit).
  return static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(special, v)));
}
#endif

// `key` equals the literal; a constant-size memcmp the compiler inlines.
template <size_t N>
inline bool Is(std::string_view key, const char (&literal)[N]) {
  return key.size() == N - 1 && std::memcmp(key.data(), literal, N - 1) == 0;
}

// Length of the well-formed UTF-8 sequence (2 to 4 bytes: no overlongs, no surrogates,
// <= U+10FFFF) starting with the non-ASCII byte at p, or 0.
size_t Utf8SequenceLength(const unsigned char* p, size_t avail) {
  const unsigned char c = p[0];
  size_t len;
  uint32_t cp;
  if ((c & 0xE0) == 0xC0) {
    len = 2;
    cp = c & 0x1F;
  } else if ((c & 0xF0) == 0xE0) {
    len = 3;
    cp = c & 0x0F;
  } else if ((c & 0xF8) == 0xF0) {
    len = 4;
    cp = c & 0x07;
  } else {
    return 0;
  }
  if (avail < len) return 0;
  for (size_t k = 1; k < len; ++k) {
    if ((p[k] & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (p[k] & 0x3F);
  }
  if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000)) return 0;
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
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

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// A strict JSON reader over a mutable buffer (RFC 8259; no comments, no trailing commas).
// Every method returns false on a syntax error, after which the reader is unusable.
class Reader {
 public:
  Reader(char* begin, char* end) : p_(begin), end_(end) {}

  void Ws() {
    // Tokens are compact JSON: one compare ends the common case (no whitespace at all).
    while (p_ < end_ && static_cast<unsigned char>(*p_) <= ' ' &&
           (*p_ == ' ' || *p_ == '\n' || *p_ == '\r' || *p_ == '\t')) {
      ++p_;
    }
  }
  bool AtEnd() {
    Ws();
    return p_ == end_;
  }
  const char* pos() const { return p_; }

  Kind Peek() {
    Ws();
    if (p_ == end_) return Kind::kInvalid;
    switch (*p_) {
      case '"': return Kind::kString;
      case '{': return Kind::kObject;
      case '[': return Kind::kArray;
      case 't': return Kind::kTrue;
      case 'f': return Kind::kFalse;
      case 'n': return Kind::kNull;
      default:
        return (*p_ == '-' || (*p_ >= '0' && *p_ <= '9')) ? Kind::kNumber : Kind::kInvalid;
    }
  }

  // A string at p_; unescaped in place when `unescape`, else only checked. `*out` is the
  // unescaped text (only meaningful when unescaping).
  bool String(std::string_view* out, bool unescape) {
#if defined(__SSE2__)
    // Most strings of a token (every claim name, most values) are short and plain: the first
    // special byte of the 16 after the opening quote is the closing one. Read those inline.
    if (end_ - p_ > 16 && *p_ == '"') {
      const unsigned mask = SpecialMask(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p_ + 1)));
      if (mask != 0) {
        const auto plain = static_cast<size_t>(__builtin_ctz(mask));
        if (p_[1 + plain] == '"') {
          if (out) *out = std::string_view(p_ + 1, plain);
          p_ += plain + 2;
          return true;
        }
      }
    }
#endif
    return unescape ? ReadString<true>(out) : ReadString<false>(out);
  }

  template <bool unescape>
  bool ReadString(std::string_view* out) {
    char* const end = end_;  // a local: the loops below keep it in a register
    if (p_ == end || *p_ != '"') return false;
    char* r = p_ + 1;
    char* w = r;
    char* const start = r;
    for (;;) {
#if defined(__SSE2__)
      // Plain bytes 16 at a time (SSE2 is part of x86-64), up to the first special one.
      while (end - r >= 16) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(r));
        const unsigned mask = SpecialMask(v);
        if (mask == 0) {
          if (unescape && w != r) _mm_storeu_si128(reinterpret_cast<__m128i*>(w), v);  // w < r
          r += 16;
          w += 16;
          continue;
        }
        const size_t plain = static_cast<size_t>(__builtin_ctz(mask));
        if (unescape && w != r) {
          for (size_t k = 0; k < plain; ++k) w[k] = r[k];
        }
        r += plain;
        w += plain;
        goto special_byte;
      }
#endif
      // Plain bytes 8 at a time, up to the first special one.
      while (end - r >= 8) {
        uint64_t chunk;
        std::memcpy(&chunk, r, 8);
        const uint64_t special = SpecialBytes(chunk);
        if (special == 0) {
          if (unescape && w != r) std::memcpy(w, &chunk, 8);  // w < r: unread input is untouched
          r += 8;
          w += 8;
          continue;
        }
        const size_t plain = static_cast<size_t>(__builtin_ctzll(special)) / 8;
        if (unescape && w != r) {
          for (size_t k = 0; k < plain; ++k) w[k] = r[k];
        }
        r += plain;
        w += plain;
        break;
      }
#if defined(__SSE2__)
    special_byte:
#endif
      if (r == end) return false;
      const auto c = static_cast<unsigned char>(*r);
      if (c == '"') {
        if (out) *out = std::string_view(start, static_cast<size_t>(w - start));
        p_ = r + 1;
        return true;
      }
      if (c < 0x20) return false;
      if (c >= 0x80) {
        const size_t n = Utf8SequenceLength(reinterpret_cast<const unsigned char*>(r), static_cast<size_t>(end - r));
        if (n == 0) return false;
        if (unescape && w != r) {
          for (size_t k = 0; k < n; ++k) w[k] = r[k];
        }
        r += n;
        w += n;
        continue;
      }
      if (c != '\\') {
        if (unescape) *w = *r;
        ++r;
        ++w;
        continue;
      }
      if (end - r < 2) return false;
      const char e = r[1];
      char single = 0;
      switch (e) {
        case '"': single = '"'; break;
        case '\\': single = '\\'; break;
        case '/': single = '/'; break;
        case 'b': single = '\b'; break;
        case 'f': single = '\f'; break;
        case 'n': single = '\n'; break;
        case 'r': single = '\r'; break;
        case 't': single = '\t'; break;
        case 'u': break;
        default: return false;
      }
      if (e != 'u') {
        if (unescape) *w = single;
        r += 2;
        ++w;
        continue;
      }
      uint32_t cp = 0;
      if (!Hex4(r + 2, &cp)) return false;
      r += 6;
      if (cp >= 0xD800 && cp <= 0xDBFF) {
        uint32_t low = 0;
        if (end - r < 6 || r[0] != '\\' || r[1] != 'u' || !Hex4(r + 2, &low) || low < 0xDC00 ||
            low > 0xDFFF) {
          return false;
        }
        r += 6;
        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
      } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
        return false;
      }
      char buf[4];
      size_t n;
      if (cp < 0x80) {
        buf[0] = static_cast<char>(cp);
        n = 1;
      } else if (cp < 0x800) {
        buf[0] = static_cast<char>(0xC0 | (cp >> 6));
        buf[1] = static_cast<char>(0x80 | (cp & 0x3F));
        n = 2;
      } else if (cp < 0x10000) {
        buf[0] = static_cast<char>(0xE0 | (cp >> 12));
        buf[1] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        buf[2] = static_cast<char>(0x80 | (cp & 0x3F));
        n = 3;
      } else {
        buf[0] = static_cast<char>(0xF0 | (cp >> 18));
        buf[1] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        buf[2] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        buf[3] = static_cast<char>(0x80 | (cp & 0x3F));
        n = 4;
      }
      if (unescape) std::memcpy(w, buf, n);  // w + n <= r: an escape is at least as long
      w += n;
    }
  }

  // A number at p_: its text and whether it is a plain integer (no fraction or exponent). When
  // `magnitude` is given it receives the integer part's digits as a number if there are at most
  // 18 (so it cannot overflow int64), else UINT64_MAX: integer claims are read in the same pass.
  bool Number(std::string_view* text, bool* integer, uint64_t* magnitude = nullptr) {
    const char* s = p_;
    const char* q = p_;
    if (q < end_ && *q == '-') ++q;
    if (q == end_) return false;
    uint64_t v = 0;
    if (*q == '0') {
      ++q;
    } else if (*q >= '1' && *q <= '9') {
      const char* digits = q;
      for (unsigned d; q < end_ && (d = static_cast<unsigned char>(*q) - '0') <= 9; ++q) v = v * 10 + d;
      if (q - digits > 18) v = UINT64_MAX;  // the wrapped value is not used
    } else {
      return false;
    }
    if (magnitude) *magnitude = v;
    *integer = true;
    if (q < end_ && *q == '.') {
      ++q;
      if (q == end_ || *q < '0' || *q > '9') return false;
      while (q < end_ && *q >= '0' && *q <= '9') ++q;
      *integer = false;
    }
    if (q < end_ && (*q == 'e' || *q == 'E')) {
      ++q;
      if (q < end_ && (*q == '+' || *q == '-')) ++q;
      if (q == end_ || *q < '0' || *q > '9') return false;
      while (q < end_ && *q >= '0' && *q <= '9') ++q;
      *integer = false;
    }
    *text = std::string_view(s, static_cast<size_t>(q - s));
    p_ = const_cast<char*>(q);
    return true;
  }

  bool Literal(std::string_view word) {
    if (static_cast<size_t>(end_ - p_) < word.size() || std::memcmp(p_, word.data(), word.size()) != 0) {
      return false;
    }
    p_ += word.size();
    return true;
  }

  // Any value at p_, checked but not stored (strings are left as written).
  bool Skip(int depth) {
    if (depth > kMaxDepth) return false;
    switch (Peek()) {
      case Kind::kString: return String(nullptr, false);
      case Kind::kTrue: return Literal("true");
      case Kind::kFalse: return Literal("false");
      case Kind::kNull: return Literal("null");
      case Kind::kNumber: {
        std::string_view t;
        bool i;
        return Number(&t, &i);
      }
      case Kind::kObject:
        return Object([&](std::string_view) { return Skip(depth + 1); }, /*unescape_keys=*/false);
      case Kind::kArray: {
        ++p_;
        Ws();
        if (p_ < end_ && *p_ == ']') {
          ++p_;
          return true;
        }
        for (;;) {
          if (!Skip(depth + 1)) return false;
          Ws();
          if (p_ == end_) return false;
          if (*p_ == ',') {
            ++p_;
            continue;
          }
          if (*p_ != ']') return false;
          ++p_;
          return true;
        }
      }
      case Kind::kInvalid: return false;
    }
    return false;
  }

  // An object at p_: calls on_member(key) with p_ before each member's value, which on_member
  // must consume.
  template <class F>
  bool Object(F&& on_member, bool unescape_keys = true) {
    if (p_ == end_ || *p_ != '{') return false;
    ++p_;
    Ws();
    if (p_ < end_ && *p_ == '}') {
      ++p_;
      return true;
    }
    for (;;) {
      Ws();
      std::string_view key;
      if (!String(&key, unescape_keys)) return false;
      Ws();
      if (p_ == end_ || *p_ != ':') return false;
      ++p_;
      if (!on_member(key)) return false;
      Ws();
      if (p_ == end_) return false;
      if (*p_ == ',') {
        ++p_;
        continue;
      }
      if (*p_ != '}') return false;
      ++p_;
      return true;
    }
  }

 private:
  static bool Hex4(const char* s, uint32_t* out) {
    uint32_t v = 0;
    for (int i = 0; i < 4; ++i) {
      const int d = HexDigit(s[i]);
      if (d < 0) return false;
      v = (v << 4) | static_cast<uint32_t>(d);
    }
    *out = v;
    return true;
  }

  char* p_;
  char* const end_;
};

// Reads typed members the way json_reader.h's Read* do: null counts as absent; a wrong type is
// recorded (first one wins) and the value skipped.
class ClaimsReader {
 public:
  ClaimsReader(Reader* r, Status* error) : r_(r), error_(error) {}

  void Fail(Status s) {
    if (error_->ok()) *error_ = std::move(s);
  }

  bool String(std::string_view prefix, std::string_view key, std::string* out) {
    const Kind k = r_->Peek();
    if (k == Kind::kNull) return r_->Literal("null");
    if (k != Kind::kString) {
      Fail(TypeError(prefix, key, "a string"));
      return r_->Skip(1);
    }
    std::string_view v;
    if (!r_->String(&v, true)) return false;
    out->assign(v);
    return true;
  }

  template <class B>  // bool or std::optional<bool>
  bool Bool(std::string_view prefix, std::string_view key, B* out) {
    const Kind k = r_->Peek();
    if (k == Kind::kNull) return r_->Literal("null");
    if (k == Kind::kTrue) {
      *out = true;
      return r_->Literal("true");
    }
    if (k == Kind::kFalse) {
      *out = false;
      return r_->Literal("false");
    }
    Fail(TypeError(prefix, key, "a boolean"));
    return r_->Skip(1);
  }

  // An integer, an integral double or a string holding an integer (ReadInt64's rules).
  bool Int64(std::string_view key, int64_t* out, Status* error) {
    const Kind k = r_->Peek();
    if (k == Kind::kNull) return r_->Literal("null");
    bool ok = false;
    if (k == Kind::kNumber) {
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
    } else if (k == Kind::kString) {
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
    const Kind k = r_->Peek();
    if (k == Kind::kObject) return 1;
    if (k == Kind::kNull) return r_->Literal("null") ? 0 : -1;
    Fail(InvalidArgumentError(std::string(name) + ": expected an object"));
    return r_->Skip(1) ? 0 : -1;
  }

  bool Video(VideoGrant* v) {
    static constexpr std::string_view kP = "video.";
    uint32_t seen = 0;  // ReadVideoGrant finds the first of duplicate members; later ones are ignored
    return r_->Object([&](std::string_view key) {
      auto first = [&](int bit) {
        const bool was = (seen >> bit) & 1;
        seen |= 1u << bit;
        return !was;
      };
      auto flag = [&](int bit, bool* field) { return first(bit) ? Bool(kP, key, field) : r_->Skip(1); };
      auto tri = [&](int bit, std::optional<bool>* field) {
        return first(bit) ? Bool(kP, key, field) : r_->Skip(1);
      };
      auto text = [&](int bit, std::string* field) { return first(bit) ? String(kP, key, field) : r_->Skip(1); };
      if (Is(key, "roomJoin")) return flag(0, &v->room_join);
      if (Is(key, "room")) return text(1, &v->room);
      if (Is(key, "canPublish")) return tri(2, &v->can_publish);
      if (Is(key, "canSubscribe")) return tri(3, &v->can_subscribe);
      if (Is(key, "canPublishData")) return tri(4, &v->can_publish_data);
      if (Is(key, "canUpdateOwnMetadata")) return flag(5, &v->can_update_own_metadata);
      if (Is(key, "canPublishSources")) return first(6) ? Sources(v) : r_->Skip(1);
      if (Is(key, "roomCreate")) return flag(7, &v->room_create);
      if (Is(key, "roomList")) return flag(8, &v->room_list);
      if (Is(key, "roomRecord")) return flag(9, &v->room_record);
      if (Is(key, "roomAdmin")) return flag(10, &v->room_admin);
      if (Is(key, "ingressAdmin")) return flag(11, &v->ingress_admin);
      if (Is(key, "hidden")) return flag(12, &v->hidden);
      if (Is(key, "recorder")) return flag(13, &v->recorder);
      if (Is(key, "agent")) return flag(14, &v->agent);
      if (Is(key, "canSubscribeMetrics")) return flag(15, &v->can_subscribe_metrics);
      if (Is(key, "canManageAgentSession")) return flag(16, &v->can_manage_agent_session);
      if (Is(key, "destinationRoom")) return text(17, &v->destination_room);
      return r_->Skip(1);
    });
  }

  bool Sources(VideoGrant* v) {
    const Kind k = r_->Peek();
    if (k == Kind::kNull) return r_->Literal("null");
    auto bad = [&] { Fail(InvalidArgumentError("video.canPublishSources: expected an array of strings")); };
    if (k != Kind::kArray) {
      bad();
      return r_->Skip(1);
    }
    if (!r_->Literal("[")) return false;
    std::vector<std::string> list;
    bool all_strings = true;
    r_->Ws();
    if (!r_->Literal("]")) {
      for (;;) {
        if (r_->Peek() == Kind::kString) {
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
      const Kind k = r_->Peek();
      if (k != Kind::kString) {
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
  bool Flags(std::string_view prefix, const std::array<std::pair<std::string_view, bool*>, N>& flags) {
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
  Reader* r_;
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
  Reader r(json->data(), json->data() + json->size());
  const Kind top = r.Peek();
  if (top != Kind::kObject) {
    // Still tell "not JSON" from "JSON but not an object", as the DOM parse did.
    if (top == Kind::kInvalid || !r.Skip(0) || !r.AtEnd()) return not_json();
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
  const bool ok = r.Object([&](std::string_view key) -> bool {
    if (Is(key, "iss")) {
      mark(0);
      if (r.Peek() != Kind::kString) return r.Skip(1);
      return r.String(&out->iss, true);
    }
    if (Is(key, "exp")) {
      mark(1);
      out->has_exp = true;
      return c.Int64("exp", &out->exp, &out->exp_error);
    }
    if (Is(key, "nbf")) return mark(8), c.Int64("nbf", &out->nbf, &out->nbf_error);
    if (Is(key, "sub")) return mark(9), c.String({}, key, &g.identity);
    if (Is(key, "name")) return mark(10), c.String({}, key, &g.name);
    if (Is(key, "metadata")) return mark(11), c.String({}, key, &g.metadata);
    if (Is(key, "kind")) return mark(12), c.String({}, key, &g.kind);
    if (Is(key, "sha256")) return mark(13), c.String({}, key, &g.sha256);
    if (Is(key, "roomPreset")) return mark(14), c.String({}, key, &g.room_preset);
    if (Is(key, "attributes")) {
      mark(2);
      const int o = c.ObjectStart("attributes");
      return o < 0 ? false : o == 0 ? true : c.Attributes(&g.attributes);
    }
    if (Is(key, "video")) {
      mark(3);
      const int o = c.ObjectStart("video");
      if (o <= 0) return o == 0;
      return c.Video(&g.video.emplace());
    }
    if (Is(key, "sip")) {
      mark(4);
      const int o = c.ObjectStart("sip");
      if (o <= 0) return o == 0;
      SipGrant s;
      if (!c.Flags<2>("sip.", {{{"admin", &s.admin}, {"call", &s.call}}})) return false;
      g.sip = s;
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
    if (Is(key, "inference")) {
      mark(5);
      const int o = c.ObjectStart("inference");
      if (o <= 0) return o == 0;
      InferenceGrant s;
      if (!c.Flags<1>("inference.", {{{"perform", &s.perform}}})) return false;
      g.inference = s;
      return true;
    }
    if (Is(key, "observability")) {
      mark(6);
      const int o = c.ObjectStart("observability");
      if (o <= 0) return o == 0;
      ObservabilityGrant s;
      if (!c.Flags<1>("observability.", {{{"write", &s.write}}})) return false;
      g.observability = s;
      return true;
    }
    if (Is(key, "roomConfig")) {
      mark(7);
      const int o = c.ObjectStart("roomConfig");
      if (o <= 0) return o == 0;
      const char* start = r.pos();
      if (!r.Skip(1)) return false;
      g.room_config = CompactJson(std::string_view(start, static_cast<size_t>(r.pos() - start)));
      return true;
    }
    keys.push_back(key);  // an unknown claim
    return r.Skip(1);
  });
  if (!ok || !r.AtEnd()) return not_json();
  if (duplicate || HasDuplicates(keys)) return InvalidArgumentError("payload has a duplicate key");
  return OkStatus();
}

}  // namespace lks::internal
