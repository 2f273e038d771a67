#include "livekit/token_writer.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <mutex>
#include <optional>
#include <vector>

#include "core/json_writer.h"
#include "lks/core/base64.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace lks::internal {
namespace {

// base64url('{"alg":"HS256","typ":"JWT"}') and the separator.
constexpr std::string_view kHeaderSegment = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.";

// Longest JSON of one string of `n` bytes: every byte escaped as \u00XX, plus the quotes.
constexpr size_t QuotedBound(size_t n) { return 6 * n + 2; }

// Every key and literal the payload can hold, with commas and braces, is well under this.
constexpr size_t kFixedBound = 768;

// A cursor into a buffer that WriteTokenPayload has sized for the worst case, so writes check
// nothing. String contents are copied 16 bytes at a time up to the next byte that needs escaping.
class Cursor {
 public:
  explicit Cursor(char* p) : p_(p) {}
  char* pos() const { return p_; }

  template <size_t N>
  void Lit(const char (&s)[N]) {
    std::memcpy(p_, s, N - 1);
    p_ += N - 1;
  }
  void Bytes(std::string_view s) {
    std::memcpy(p_, s.data(), s.size());
    p_ += s.size();
  }
  // exp and nbf are 10-digit Unix times until 2286: those are written two digits at a time.
  void Int(int64_t v) {
    if (v < 1'000'000'000 || v > 9'999'999'999) {
      p_ = std::to_chars(p_, p_ + 20, v).ptr;
      return;
    }
    static constexpr char kPairs[] =
        "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
        "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
        "8081828384858687888990919293949596979899";
    auto u = static_cast<uint64_t>(v);
    for (int i = 8; i >= 0; i -= 2) {
      std::memcpy(p_ + i, kPairs + 2 * (u % 100), 2);
      u /= 100;
    }
    p_ += 10;
  }
  void Bool(bool v) {
    if (v) {
      Lit("true");
    } else {
      Lit("false");
    }
  }

  // False once a string written had a byte >= 0x80.
  bool ascii() const { return high_ == 0; }

  // Copies 16 bytes at a time up to the next byte that needs escaping. A last (or only) chunk of
  // fewer than 16 bytes is read with two overlapping loads inside the string (8+8, 4+4 or three
  // single bytes) and, when none of its bytes needs escaping, written with two overlapping stores:
  // no load ever reads past the string's end (claim values are mostly shorter than 16 bytes).
  void Quoted(std::string_view text) {
    *p_++ = '"';
    const char* s = text.data();
    const char* const end = s + text.size();
#if defined(__SSE2__)
    while (end - s >= 16) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s));
      _mm_storeu_si128(reinterpret_cast<__m128i*>(p_), v);
      const unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(NeedsEscape(v)));
      high_ |= static_cast<unsigned>(_mm_movemask_epi8(v));
      if (mask == 0) {
        s += 16;
        p_ += 16;
        continue;
      }
      const unsigned n = static_cast<unsigned>(__builtin_ctz(mask));
      s += n;
      p_ += n;
      Escape(static_cast<unsigned char>(*s++));
    }
    if (s < end && TailWithoutEscapes(s, static_cast<size_t>(end - s))) s = end;
#endif
    for (; s < end; ++s) {
      const auto c = static_cast<unsigned char>(*s);
      high_ |= c & 0x80u;
      if (c < 0x20 || c == '"' || c == '\\') {
        Escape(c);
      } else {
        *p_++ = static_cast<char>(c);
      }
    }
    *p_++ = '"';
  }

 private:
#if defined(__SSE2__)
  // 0xFF in each lane that holds '"', '\\' or a control byte.
  static __m128i NeedsEscape(__m128i v) {
    return _mm_or_si128(
        _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'))),
        _mm_cmpeq_epi8(_mm_max_epu8(v, _mm_set1_epi8(0x1F)), _mm_set1_epi8(0x1F)));
  }

  // The last 1-15 bytes of a string: copied and true when none needs escaping; else false with
  // nothing written (the byte loop then takes them). Every load is inside [s, s + n).
  bool TailWithoutEscapes(const char* s, size_t n) {
    __m128i v;
    unsigned lanes;
    if (n >= 8) {
      uint64_t a, b;
      std::memcpy(&a, s, 8);
      std::memcpy(&b, s + n - 8, 8);
      v = _mm_set_epi64x(static_cast<long long>(b), static_cast<long long>(a));
      lanes = 0xFFFFu;
    } else if (n >= 4) {
      uint32_t a, b;
      std::memcpy(&a, s, 4);
      std::memcpy(&b, s + n - 4, 4);
      v = _mm_set_epi32(0, 0, static_cast<int>(b), static_cast<int>(a));
      lanes = 0xFFu;
    } else {
      v = _mm_setr_epi8(s[0], s[n / 2], s[n - 1], 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
      lanes = 0x7u;
    }
    if ((static_cast<unsigned>(_mm_movemask_epi8(NeedsEscape(v))) & lanes) != 0) return false;
    high_ |= static_cast<unsigned>(_mm_movemask_epi8(v)) & lanes;
    if (n >= 8) {
      std::memcpy(p_, s, 8);
      std::memcpy(p_ + n - 8, s + n - 8, 8);
    } else if (n >= 4) {
      std::memcpy(p_, s, 4);
      std::memcpy(p_ + n - 4, s + n - 4, 4);
    } else {
      p_[0] = s[0];
      p_[n / 2] = s[n / 2];
      p_[n - 1] = s[n - 1];
    }
    p_ += n;
    return true;
  }
#endif

  void Escape(unsigned char c) {
    static constexpr char kHex[] = "0123456789abcdef";
    char e = 0;
    switch (c) {
      case '"':
        e = '"';
        break;
      case '\\':
        e = '\\';
        break;
      case '\n':
        e = 'n';
        break;
      case '\r':
        e = 'r';
        break;
      case '\t':
        e = 't';
        break;
      case '\b':
        e = 'b';
        break;
      case '\f':
        e = 'f';
        break;
      default: {
        const char u[6] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 15]};
        std::memcpy(p_, u, 6);
        p_ += 6;
        return;
      }
    }
    p_[0] = '\\';
    p_[1] = e;
    p_ += 2;
  }

  char* p_;
  unsigned high_ = 0;
};

size_t PayloadBound(const TokenPrefix& prefix, const ClaimGrants& g) {
  size_t n = kFixedBound + prefix.json.size() + QuotedBound(g.identity.size()) +
             QuotedBound(g.name.size()) + QuotedBound(g.metadata.size()) +
             QuotedBound(g.kind.size()) + QuotedBound(g.sha256.size()) +
             QuotedBound(g.room_preset.size()) + g.room_config.size();
  for (const auto& [k, v] : g.attributes) n += QuotedBound(k.size()) + QuotedBound(v.size()) + 2;
  if (g.video) {
    n += QuotedBound(g.video->room.size()) + QuotedBound(g.video->destination_room.size());
    for (const auto& s : g.video->can_publish_sources) n += QuotedBound(s.size()) + 1;
  }
  return n;
}

void WriteVideo(const VideoGrant& v, Cursor& w) {
  // Each member is written with a leading comma; the first one's becomes the brace.
  char* const open = w.pos();
  if (v.room_create) w.Lit(",\"roomCreate\":true");
  if (v.room_list) w.Lit(",\"roomList\":true");
  if (v.room_record) w.Lit(",\"roomRecord\":true");
  if (v.room_admin) w.Lit(",\"roomAdmin\":true");
  if (v.room_join) w.Lit(",\"roomJoin\":true");
  if (!v.room.empty()) {
    w.Lit(",\"room\":");
    w.Quoted(v.room);
  }
  if (v.can_publish) {
    w.Lit(",\"canPublish\":");
    w.Bool(*v.can_publish);
  }
  if (v.can_subscribe) {
    w.Lit(",\"canSubscribe\":");
    w.Bool(*v.can_subscribe);
  }
  if (v.can_publish_data) {
    w.Lit(",\"canPublishData\":");
    w.Bool(*v.can_publish_data);
  }
  if (!v.can_publish_sources.empty()) {
    w.Lit(",\"canPublishSources\":[");
    bool first = true;
    for (const auto& s : v.can_publish_sources) {
      if (!first) w.Lit(",");
      first = false;
      w.Quoted(s);
    }
    w.Lit("]");
  }
  if (v.can_update_own_metadata) w.Lit(",\"canUpdateOwnMetadata\":true");
  if (v.ingress_admin) w.Lit(",\"ingressAdmin\":true");
  if (v.hidden) w.Lit(",\"hidden\":true");
  if (v.recorder) w.Lit(",\"recorder\":true");
  if (v.agent) w.Lit(",\"agent\":true");
  if (v.can_subscribe_metrics) w.Lit(",\"canSubscribeMetrics\":true");
  if (v.can_manage_agent_session) w.Lit(",\"canManageAgentSession\":true");
  if (!v.destination_room.empty()) {
    w.Lit(",\"destinationRoom\":");
    w.Quoted(v.destination_room);
  }
  if (w.pos() == open) {
    w.Lit("{}");
  } else {
    *open = '{';
    w.Lit("}");
  }
}

}  // namespace

TokenPrefix MakeTokenPrefix(const HmacSha256Key& key, std::string_view api_key) {
  std::string json = "{\"iss\":";
  JsonWriter::AppendQuoted(api_key, &json);
  const size_t json_encoded = json.size() / 3 * 3;
  std::string encoded(kHeaderSegment);
  Base64UrlEncodeAppend(std::string_view(json).substr(0, json_encoded), &encoded);
  const size_t absorbed = encoded.size() / HmacSha256Key::kBlockBytes * HmacSha256Key::kBlockBytes;
  HmacSha256Key mac = key.WithPrefix(encoded);
  return TokenPrefix{std::move(json), std::move(encoded), json_encoded,
                     std::move(mac),  absorbed,           {}};
}

size_t WriteTokenPayload(const TokenPrefix& prefix, const ClaimGrants& g, int64_t exp, int64_t nbf,
                         std::string* scratch, bool* ascii, size_t* fixed) {
  const size_t bound = PayloadBound(prefix, g);
  if (scratch->size() < bound) scratch->resize(bound);
  char* const start = scratch->data();
  Cursor w(start);
  w.Bytes(prefix.json);
  // The template part: what every token of this key and grant set shares.
  if (g.video) {
    w.Lit(",\"video\":");
    WriteVideo(*g.video, w);
  }
  if (g.sip) {
    w.Lit(",\"sip\":{");
    if (g.sip->admin) w.Lit("\"admin\":true");
    if (g.sip->admin && g.sip->call) w.Lit(",");
    if (g.sip->call) w.Lit("\"call\":true");
    w.Lit("}");
  }
  if (g.agent) w.Bytes(g.agent->admin ? ",\"agent\":{\"admin\":true}" : ",\"agent\":{}");
  if (g.inference) {
    w.Bytes(g.inference->perform ? ",\"inference\":{\"perform\":true}" : ",\"inference\":{}");
  }
  if (g.observability) {
    w.Bytes(g.observability->write ? ",\"observability\":{\"write\":true}"
                                   : ",\"observability\":{}");
  }
  if (!g.kind.empty()) {
    w.Lit(",\"kind\":");
    w.Quoted(g.kind);
  }
  if (!g.room_preset.empty()) {
    w.Lit(",\"roomPreset\":");
    w.Quoted(g.room_preset);
  }
  if (!g.room_config.empty()) {
    w.Lit(",\"roomConfig\":");
    w.Bytes(g.room_config);
  }
  if (fixed) *fixed = static_cast<size_t>(w.pos() - start);
  // The per-token part.
  w.Lit(",\"exp\":");
  w.Int(exp);
  w.Lit(",\"nbf\":");
  w.Int(nbf);
  if (!g.identity.empty()) {
    w.Lit(",\"sub\":");
    w.Quoted(g.identity);
  }
  if (!g.name.empty()) {
    w.Lit(",\"name\":");
    w.Quoted(g.name);
  }
  if (!g.metadata.empty()) {
    w.Lit(",\"metadata\":");
    w.Quoted(g.metadata);
  }
  if (!g.attributes.empty()) {
    w.Lit(",\"attributes\":{");
    bool first = true;
    for (const auto& [k, v] : g.attributes) {
      if (!first) w.Lit(",");
      first = false;
      w.Quoted(k);
      w.Lit(":");
      w.Quoted(v);
    }
    w.Lit("}");
  }
  if (!g.sha256.empty()) {
    w.Lit(",\"sha256\":");
    w.Quoted(g.sha256);
  }
  w.Lit("}");
  *ascii = w.ascii();
  return static_cast<size_t>(w.pos() - start);
}

void SignTokenPayload(const std::shared_ptr<const TokenPrefix>& p, const HmacSha256Key& key,
                      std::string_view payload, size_t fixed, std::string* out) {
  const TokenPrefix& prefix = *p;
  const std::string_view rest = payload.substr(prefix.json_encoded);
  const size_t signing = prefix.encoded.size() + Base64UrlEncodedLength(rest.size());
  out->resize(signing + 1 + Base64UrlEncodedLength(32));
  char* const d = out->data();
  std::memcpy(d, prefix.encoded.data(), prefix.encoded.size());
  Base64UrlEncodeTo(rest, d + prefix.encoded.size());
  // Characters before the template's end encode template bytes only (whole 3-byte groups).
  const size_t fixed_chars =
      prefix.encoded.size() +
      (fixed > prefix.json_encoded ? (fixed - prefix.json_encoded) / 3 * 4 : 0);
  const Sha256Digest mac = SignTemplated(p, key, std::string_view(d, signing), fixed_chars);
  d[signing] = '.';
  Base64UrlEncodeTo(std::string_view(reinterpret_cast<const char*>(mac.data()), mac.size()),
                    d + signing + 1);
}

namespace {

// One cached template start: the prefix it belongs to, its bytes (whole blocks) and the state
// after them.
struct TemplateState {
  // &prefix.templates; null when empty. Changed only under the cache's lock; read without it by
  // the cache's own thread (see SignTemplated).
  std::atomic<const TemplateStatesOwner*> owner{nullptr};
  std::string blocks;
  std::optional<HmacSha256Key> mac;

  void Wipe() {
    owner.store(nullptr, std::memory_order_relaxed);
    mac.reset();  // ~HmacSha256Key cleanses its SHA-256 states before freeing them
    blocks.clear();
  }
};

struct TemplateCache;

// Every thread's cache, so a prefix being destroyed can wipe its states everywhere. Never freed:
// prefixes held by static objects may be destroyed after any other static.
struct TemplateRegistry {
  std::mutex mu;
  std::vector<TemplateCache*> caches;
};
TemplateRegistry& Registry() {
  static auto* r = new TemplateRegistry;
  return *r;
}

// Per thread, so minting and verifying take no lock shared with other threads: `busy` is taken
// by this thread only to replace a slot, and by a prefix being destroyed to wipe its slots. A
// few rooms' worth; replaced in turn.
struct TemplateCache {
  static constexpr size_t kSlots = 8;
  std::atomic<bool> busy{false};
  std::array<TemplateState, kSlots> slots;
  size_t next = 0;

  bool registered = false;  // in the registry: from this thread's first slot on

  // Registered lazily (not in a constructor) so that the thread_local needs no dynamic
  // initialisation on the mint path.
  void Register() {
    TemplateRegistry& r = Registry();
    std::lock_guard<std::mutex> lock(r.mu);
    r.caches.push_back(this);
    registered = true;
  }
  ~TemplateCache() {  // thread exit: the slots' states are wiped as they are destroyed
    if (!registered) return;
    TemplateRegistry& r = Registry();
    std::lock_guard<std::mutex> lock(r.mu);
    r.caches.erase(std::find(r.caches.begin(), r.caches.end(), this));
  }
  void Lock() {
    while (busy.exchange(true, std::memory_order_acquire)) {
      while (busy.load(std::memory_order_relaxed)) {
      }
    }
  }
  void Unlock() { busy.store(false, std::memory_order_release); }
};

TemplateCache& ThreadTemplates() {
  thread_local TemplateCache cache;
  return cache;
}

}  // namespace

TemplateStatesOwner::~TemplateStatesOwner() {
  TemplateRegistry& r = Registry();
  std::lock_guard<std::mutex> lock(r.mu);
  for (TemplateCache* c : r.caches) {
    c->Lock();
    for (TemplateState& s : c->slots) {
      if (s.owner.load(std::memory_order_relaxed) == this) s.Wipe();
    }
    c->Unlock();
  }
}

size_t ThreadTemplateStates() {
  TemplateCache& cache = ThreadTemplates();
  cache.Lock();
  size_t n = 0;
  for (const TemplateState& s : cache.slots) {
    n += s.owner.load(std::memory_order_relaxed) != nullptr && s.mac.has_value();
  }
  cache.Unlock();
  return n;
}

Sha256Digest SignTemplated(const std::shared_ptr<const TokenPrefix>& p, const HmacSha256Key& key,
                           std::string_view input, size_t fixed) {
  const TokenPrefix& prefix = *p;
  const size_t absorbed = prefix.mac_absorbed;
  if (input.size() < absorbed || std::memcmp(input.data(), prefix.encoded.data(), absorbed) != 0) {
    return key.Sign(input);  // not a token of this key's own shape
  }
  // A slot's owner is alive while it is set (a prefix wipes its slots, under the cache's lock,
  // as it dies), and `p` keeps this one alive: a slot found owned by it is not touched by anyone
  // else for the whole call, so the look-up takes no lock. Only this thread changes its slots,
  // under the lock, so that a dying prefix never wipes a slot while it is being replaced.
  TemplateCache& cache = ThreadTemplates();
  const TemplateStatesOwner* const owner = &prefix.templates;
  for (TemplateState& s : cache.slots) {
    if (s.owner.load(std::memory_order_relaxed) != owner) continue;
    const size_t n = s.blocks.size();
    if (n <= input.size() && std::memcmp(s.blocks.data(), input.data(), n) == 0)
      return s.mac->Sign(input.substr(n));
  }
  const size_t whole =
      std::min(fixed, input.size()) / HmacSha256Key::kBlockBytes * HmacSha256Key::kBlockBytes;
  if (whole <= absorbed) return prefix.mac.Sign(input.substr(absorbed));
  if (!cache.registered) cache.Register();  // before the lock: the registry's mutex comes first
  cache.Lock();
  struct Unlock {
    TemplateCache& c;
    ~Unlock() { c.Unlock(); }
  } unlock{cache};
  TemplateState& s = cache.slots[cache.next];
  cache.next = (cache.next + 1) % TemplateCache::kSlots;
  s.owner.store(owner, std::memory_order_relaxed);
  s.blocks.assign(input.substr(0, whole));
  s.mac.emplace(prefix.mac.WithPrefix(input.substr(absorbed, whole - absorbed)));
  return s.mac->Sign(input.substr(whole));
}

}  // namespace lks::internal
