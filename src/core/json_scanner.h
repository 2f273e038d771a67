// JsonScanner: a strict, fast JSON reader over a mutable buffer, for the hot paths that read a
// known shape (token payloads, webhook bodies) without building a DOM. Internal header.
//
// The caller drives it: Peek() says what comes next, String()/Number()/Literal() read a scalar,
// Object() walks members, Skip() checks and passes over any value. Strings are read 16 bytes at a
// time (SSE2) and, when asked, unescaped in place, or into a separate buffer so that the text is
// never written (the read-only constructor); bytes outside strings must be ASCII JSON syntax
// and strings are UTF-8-checked as they are read, so a text that scans is valid UTF-8 JSON
// (RFC 8259: no comments, no trailing commas, no NaN). Every method returns false on a syntax
// error, after which the scanner is unusable.
//
// Thread-safety: one scanner per buffer and thread.
#ifndef LKS_SRC_CORE_JSON_SCANNER_H_
#define LKS_SRC_CORE_JSON_SCANNER_H_

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

// The scanner's per-token steps are called from many places; left to the compiler, GCC keeps
// Ws() and String() out of line (a call per token: ~13% of a webhook parse). Their common cases
// are forced inline and their rare ones kept out of line.
#if defined(__GNUC__) || defined(__clang__)
#define LKS_SCANNER_INLINE inline __attribute__((always_inline))
#define LKS_SCANNER_NOINLINE __attribute__((noinline))
#else
#define LKS_SCANNER_INLINE inline
#define LKS_SCANNER_NOINLINE
#endif

namespace lks::internal {

enum class JsonKind { kString, kNumber, kTrue, kFalse, kNull, kObject, kArray, kInvalid };

namespace json_scanner_detail {

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
static_assert(std::endian::native == std::endian::little,
              "SpecialBytes() scanning assumes little endian");

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

// Length of the well-formed UTF-8 sequence (2 to 4 bytes: no overlongs, no surrogates,
// <= U+10FFFF) starting with the non-ASCII byte at p, or 0.
inline size_t Utf8SequenceLength(const unsigned char* p, size_t avail) {
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

inline int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace json_scanner_detail

// A strict JSON reader over a mutable buffer (RFC 8259; no comments, no trailing commas).
// Every method returns false on a syntax error, after which the reader is unusable.
class JsonScanner {
 public:
  // Deepest nesting Skip() accepts (it recurses once per level).
  static constexpr int kMaxDepth = 128;

  // Reads [begin, end) and unescapes strings in place (the text is modified).
  JsonScanner(char* begin, char* end) : p_(begin), end_(end) {}
  // Reads [begin, end) without writing it: unescaped strings are written to `unescaped`, which
  // must hold end - begin bytes (a text's strings never unescape to more than the text) and
  // outlive the views String() returns. Strings with nothing to undo are views of the text.
  JsonScanner(const char* begin, const char* end, char* unescaped)
      : p_(begin), end_(end), out_(unescaped) {}

  LKS_SCANNER_INLINE void Ws() {
    // Tokens and webhook bodies are compact JSON: one compare ends the common case (no
    // whitespace at all).
    if (p_ < end_ && static_cast<unsigned char>(*p_) <= ' ') SkipWs();
  }
  bool AtEnd() {
    Ws();
    return p_ == end_;
  }
  const char* pos() const { return p_; }
  // Whether the next byte after any whitespace is `c` (not consumed).
  LKS_SCANNER_INLINE bool At(char c) {
    Ws();
    return p_ < end_ && *p_ == c;
  }
  // Consumes one byte (the caller has seen it with At()).
  void Advance() { ++p_; }

  LKS_SCANNER_INLINE JsonKind Peek() {
    Ws();
    if (p_ == end_) return JsonKind::kInvalid;
    switch (*p_) {
      case '"':
        return JsonKind::kString;
      case '{':
        return JsonKind::kObject;
      case '[':
        return JsonKind::kArray;
      case 't':
        return JsonKind::kTrue;
      case 'f':
        return JsonKind::kFalse;
      case 'n':
        return JsonKind::kNull;
      default:
        return (*p_ == '-' || (*p_ >= '0' && *p_ <= '9')) ? JsonKind::kNumber : JsonKind::kInvalid;
    }
  }

  // A string at p_; unescaped in place when `unescape`, else only checked. `*out` is the
  // unescaped text (only meaningful when unescaping).
  LKS_SCANNER_INLINE bool String(std::string_view* out, bool unescape) {
#if defined(__SSE2__)
    // Most strings of a token or a webhook (every name, most values) are short and plain: the
    // first special byte of the 16 (or, when those are plain, 32) after the opening quote is the
    // closing one. Read those inline.
    if (end_ - p_ > 16 && *p_ == '"') {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p_ + 1));
      unsigned special = json_scanner_detail::SpecialMask(v);
      auto quotes = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8('"'))));
      if (special == 0 && end_ - p_ > 32) {  // room names, ids, digests: up to 32 bytes
        const __m128i v2 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p_ + 17));
        special = json_scanner_detail::SpecialMask(v2) << 16;
        quotes = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v2, _mm_set1_epi8('"'))))
                 << 16;
      }
      if ((special & (0u - special) & quotes) != 0) {  // the lowest special byte is a quote
        const auto plain = static_cast<size_t>(__builtin_ctz(special));
        if (out) *out = std::string_view(p_ + 1, plain);
        p_ += plain + 2;
        return true;
      }
    }
#endif
    return unescape ? ReadString<true>(out) : ReadString<false>(out);
  }

  // A member's name and the ':' after it. In compact JSON (tokens, webhook bodies) the colon is
  // the byte after the closing quote, which the name's inline read has loaded already: checking it
  // there saves a load that would wait for the name's end.
  LKS_SCANNER_INLINE bool Key(std::string_view* out, bool unescape) {
#if defined(__SSE2__)
    if (end_ - p_ > 16 && *p_ == '"') {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p_ + 1));
      const unsigned special = json_scanner_detail::SpecialMask(v);
      const unsigned lowest = special & (0u - special);
      const auto quotes =
          static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8('"'))));
      if ((lowest & quotes) != 0) {  // the lowest special byte is the closing quote
        const auto plain = static_cast<size_t>(__builtin_ctz(special));
        *out = std::string_view(p_ + 1, plain);
        const auto colons =
            static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(':'))));
        if ((colons & (lowest << 1)) != 0) {
          p_ += plain + 3;
          return true;
        }
        p_ += plain + 2;
        return Colon();
      }
    }
#endif
    return String(out, unescape) && Colon();
  }

  template <bool unescape>
  LKS_SCANNER_NOINLINE bool ReadString(std::string_view* out) {
    const char* const end = end_;  // a local: the loops below keep it in a register
    if (p_ == end || *p_ != '"') return false;
    const char* r = p_ + 1;
    // In place (the writable constructor: w trails r in the caller's mutable text, so unread
    // input is untouched) or into the separate buffer, which holds as many bytes as the text.
    char* const start = out_ && unescape ? out_ : const_cast<char*>(r);
    char* w = start;
    for (;;) {
#if defined(__SSE2__)
      // Plain bytes 16 at a time (SSE2 is part of x86-64), up to the first special one.
      while (end - r >= 16) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(r));
        const unsigned mask = json_scanner_detail::SpecialMask(v);
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
        const uint64_t special = json_scanner_detail::SpecialBytes(chunk);
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
        if (out_ && unescape) out_ = w;
        p_ = r + 1;
        return true;
      }
      if (c < 0x20) return false;
      if (c >= 0x80) {
        const size_t n = json_scanner_detail::Utf8SequenceLength(
            reinterpret_cast<const unsigned char*>(r), static_cast<size_t>(end - r));
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
        case '"':
          single = '"';
          break;
        case '\\':
          single = '\\';
          break;
        case '/':
          single = '/';
          break;
        case 'b':
          single = '\b';
          break;
        case 'f':
          single = '\f';
          break;
        case 'n':
          single = '\n';
          break;
        case 'r':
          single = '\r';
          break;
        case 't':
          single = '\t';
          break;
        case 'u':
          break;
        default:
          return false;
      }
      if (e != 'u') {
        if (unescape) *w = single;
        r += 2;
        ++w;
        continue;
      }
      uint32_t cp = 0;
      // Bounded: the read-only constructor's text is the caller's bytes, with no NUL after them.
      if (end - r < 6 || !Hex4(r + 2, &cp)) return false;
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
      for (unsigned d; q < end_ && (d = static_cast<unsigned char>(*q) - '0') <= 9; ++q)
        v = v * 10 + d;
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
    p_ = q;
    return true;
  }

  bool Literal(std::string_view word) {
    if (static_cast<size_t>(end_ - p_) < word.size() ||
        std::memcmp(p_, word.data(), word.size()) != 0) {
      return false;
    }
    p_ += word.size();
    return true;
  }

  // Any value at p_, checked but not stored (strings are left as written).
  bool Skip(int depth) {
    if (depth > kMaxDepth) return false;
    switch (Peek()) {
      case JsonKind::kString:
        return String(nullptr, false);
      case JsonKind::kTrue:
        return Literal("true");
      case JsonKind::kFalse:
        return Literal("false");
      case JsonKind::kNull:
        return Literal("null");
      case JsonKind::kNumber: {
        std::string_view t;
        bool i;
        return Number(&t, &i);
      }
      case JsonKind::kObject:
        return Object([&](std::string_view) { return Skip(depth + 1); }, /*unescape_keys=*/false);
      case JsonKind::kArray: {
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
      case JsonKind::kInvalid:
        return false;
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
      if (!Key(&key, unescape_keys)) return false;
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
  LKS_SCANNER_INLINE bool Colon() {
    Ws();
    if (p_ == end_ || *p_ != ':') return false;
    ++p_;
    return true;
  }

  LKS_SCANNER_NOINLINE void SkipWs() {
    while (p_ < end_ && static_cast<unsigned char>(*p_) <= ' ' &&
           (*p_ == ' ' || *p_ == '\n' || *p_ == '\r' || *p_ == '\t')) {
      ++p_;
    }
  }

  static bool Hex4(const char* s, uint32_t* out) {
    uint32_t v = 0;
    for (int i = 0; i < 4; ++i) {
      const int d = json_scanner_detail::HexDigit(s[i]);
      if (d < 0) return false;
      v = (v << 4) | static_cast<uint32_t>(d);
    }
    *out = v;
    return true;
  }

  const char* p_;
  const char* const end_;
  char* out_ = nullptr;  // where strings are unescaped; null: in place
};

}  // namespace lks::internal

#endif  // LKS_SRC_CORE_JSON_SCANNER_H_
