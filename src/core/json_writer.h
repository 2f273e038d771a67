// JsonWriter: appends compact JSON to a caller-owned std::string, so a whole document (a JWT
// payload, a REST response) is built in one buffer with no intermediate DOM. Internal header.
//
// The writer trusts its caller to produce a well-formed sequence (BeginObject/Key/value/...);
// commas are inserted automatically. Strings are escaped per RFC 8259; input must be valid UTF-8
// (validate with IsValidUtf8 first where the bytes come from outside).
#ifndef LKS_SRC_CORE_JSON_WRITER_H_
#define LKS_SRC_CORE_JSON_WRITER_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace lks::internal {

class JsonWriter {
 public:
  explicit JsonWriter(std::string* out) : out_(out) {}

  JsonWriter& BeginObject() {
    Sep();
    out_->push_back('{');
    first_ = true;
    return *this;
  }
  JsonWriter& EndObject() {
    out_->push_back('}');
    first_ = false;
    return *this;
  }
  JsonWriter& BeginArray() {
    Sep();
    out_->push_back('[');
    first_ = true;
    return *this;
  }
  JsonWriter& EndArray() {
    out_->push_back(']');
    first_ = false;
    return *this;
  }
  JsonWriter& Key(std::string_view k) {
    Sep();
    AppendString(k);
    out_->push_back(':');
    after_key_ = true;
    return *this;
  }
  // A key given as a string literal is written without scanning it for characters to escape:
  // the program's own claim names never need any. (Pass run-time text as a std::string_view.)
  template <size_t N>
  JsonWriter& Key(const char (&literal)[N]) {
    Sep();
    out_->push_back('"');
    out_->append(literal, N - 1);
    out_->append("\":", 2);
    after_key_ = true;
    return *this;
  }
  JsonWriter& String(std::string_view s) {
    Sep();
    AppendString(s);
    return *this;
  }
  JsonWriter& Int(int64_t v);
  JsonWriter& Uint(uint64_t v);
  JsonWriter& Double(double v);
  JsonWriter& Bool(bool v) {
    Sep();
    out_->append(v ? "true" : "false");
    return *this;
  }
  JsonWriter& Null() {
    Sep();
    out_->append("null");
    return *this;
  }
  // Inserts `json` verbatim as a value; it must already be valid JSON.
  JsonWriter& Raw(std::string_view json) {
    Sep();
    out_->append(json);
    return *this;
  }
  // `s` as a JSON integer when it is the canonical decimal form of a non-negative integer that a
  // double holds exactly (up to 15 digits, no leading zero), else as a string: how the seed's JSON
  // carries user ids ("15" -> 15, "007" and "u-15" stay strings).
  JsonWriter& IntegerOrString(std::string_view s);

  // Shorthands for a key followed by a value.
  JsonWriter& Field(std::string_view k, std::string_view v) { return Key(k).String(v); }
  JsonWriter& Field(std::string_view k, const char* v) { return Key(k).String(v); }
  JsonWriter& Field(std::string_view k, bool v) { return Key(k).Bool(v); }
  JsonWriter& Field(std::string_view k, int64_t v) { return Key(k).Int(v); }
  JsonWriter& Field(std::string_view k, int v) { return Key(k).Int(v); }
  template <size_t N>
  JsonWriter& Field(const char (&k)[N], std::string_view v) {
    return Key(k).String(v);
  }
  template <size_t N>
  JsonWriter& Field(const char (&k)[N], const char* v) {
    return Key(k).String(v);
  }
  template <size_t N>
  JsonWriter& Field(const char (&k)[N], bool v) {
    return Key(k).Bool(v);
  }
  template <size_t N>
  JsonWriter& Field(const char (&k)[N], int64_t v) {
    return Key(k).Int(v);
  }
  template <size_t N>
  JsonWriter& Field(const char (&k)[N], int v) {
    return Key(k).Int(v);
  }

  // Appends `s` as a quoted, escaped JSON string.
  static void AppendQuoted(std::string_view s, std::string* out);

 private:
  void Sep() {
    if (after_key_) {
      after_key_ = false;
      first_ = false;
      return;
    }
    if (!first_) out_->push_back(',');
    first_ = false;
  }
  void AppendString(std::string_view s) { AppendQuoted(s, out_); }

  std::string* out_;
  bool first_ = true;
  bool after_key_ = false;
};

// True when `s` is well-formed UTF-8 (no overlongs, no surrogates, <= U+10FFFF).
bool IsValidUtf8(std::string_view s) noexcept;

}  // namespace lks::internal

#endif  // LKS_SRC_CORE_JSON_WRITER_H_
