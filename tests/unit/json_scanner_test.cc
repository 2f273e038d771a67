// JsonScanner's string reading: the inline paths (16 and 32 bytes after the quote), the careful
// one, in place and into a separate buffer (the read-only constructor the webhook parser uses),
// with escapes and multi-byte characters at every position around the 16- and 32-byte edges and
// texts that end inside a string. The two modes must agree with each other and with the expected
// text, and the read-only one must not write the text.
#include "core/json_scanner.h"

#include <gtest/gtest.h>

#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace lks::internal {
namespace {

struct Read {
  bool ok = false;
  std::string value;
  size_t consumed = 0;  // bytes of the text the read passed over
};

// Reads the string at the start of `text` in place (on a copy) and read-only; both must agree.
Read ReadBoth(const std::string& text, bool unescape) {
  std::string copy = text;
  JsonScanner in_place(copy.data(), copy.data() + copy.size());
  std::string_view a;
  Read r1;
  r1.ok = in_place.String(&a, unescape);
  if (r1.ok) {
    r1.value = std::string(a);
    r1.consumed = static_cast<size_t>(in_place.pos() - copy.data());
  }

  const std::string original = text;
  std::string scratch(text.size(), '\0');
  JsonScanner read_only(text.data(), text.data() + text.size(), scratch.data());
  std::string_view b;
  Read r2;
  r2.ok = read_only.String(&b, unescape);
  if (r2.ok) {
    r2.value = std::string(b);
    r2.consumed = static_cast<size_t>(read_only.pos() - text.data());
    // A view of the text or of the scratch buffer, nothing else.
    const bool in_text =
        b.data() >= text.data() && b.data() + b.size() <= text.data() + text.size();
    const bool in_scratch =
        b.data() >= scratch.data() && b.data() + b.size() <= scratch.data() + scratch.size();
    EXPECT_TRUE(in_text || in_scratch || b.empty());
  }
  EXPECT_EQ(text, original) << "the read-only scanner wrote its text";
  EXPECT_EQ(r1.ok, r2.ok) << text;
  if (r1.ok && r2.ok) {
    EXPECT_EQ(r1.consumed, r2.consumed) << text;
    if (unescape) {
      EXPECT_EQ(r1.value, r2.value) << text;
    }
  }
  return r2;
}

// Plain bytes of length n ("abc...").
std::string Plain(size_t n) {
  std::string s;
  for (size_t i = 0; i < n; ++i) s.push_back(static_cast<char>('a' + i % 26));
  return s;
}

TEST(JsonScanner, PlainStringsOfEveryLengthAroundTheInlineEdges) {
  for (size_t n = 0; n <= 70; ++n) {
    const std::string content = Plain(n);
    // Followed by more text (the inline reads apply), or ending the text (the careful read).
    for (const std::string& after :
         {std::string(",\"next\":1}") + std::string(40, ' '), std::string()}) {
      const std::string text = "\"" + content + "\"" + after;
      const Read r = ReadBoth(text, true);
      ASSERT_TRUE(r.ok) << text;
      EXPECT_EQ(r.value, content);
      EXPECT_EQ(r.consumed, n + 2);
      EXPECT_TRUE(ReadBoth(text, false).ok);
    }
  }
}

TEST(JsonScanner, EscapesAndMultiByteCharactersAtEveryPosition) {
  struct Piece {
    std::string raw;
    std::string unescaped;
  };
  const std::vector<Piece> pieces = {
      {R"(\")", "\""},
      {R"(\\)", "\\"},
      {R"(\/)", "/"},
      {R"(\n)", "\n"},
      {R"(\u00e9)", "\xC3\xA9"},
      {R"(\ud83d\ude00)", "\xF0\x9F\x98\x80"},
      {"\xC3\xA9", "\xC3\xA9"},                  // é as UTF-8
      {"\xE2\x82\xAC", "\xE2\x82\xAC"},          // €
      {"\xF0\x9F\x98\x80", "\xF0\x9F\x98\x80"},  // an emoji
  };
  for (const Piece& p : pieces) {
    for (size_t before = 0; before <= 40; ++before) {
      for (size_t after : {size_t{0}, size_t{1}, size_t{15}, size_t{16}, size_t{17}, size_t{33}}) {
        const std::string raw = Plain(before) + p.raw + Plain(after);
        const std::string expected = Plain(before) + p.unescaped + Plain(after);
        for (const std::string& tail :
             {std::string(",\"x\":[1,2,3]}") + std::string(40, ' '), std::string()}) {
          const std::string text = "\"" + raw + "\"" + tail;
          const Read r = ReadBoth(text, true);
          ASSERT_TRUE(r.ok) << text;
          EXPECT_EQ(r.value, expected) << text;
          EXPECT_EQ(r.consumed, raw.size() + 2) << text;
          EXPECT_TRUE(ReadBoth(text, false).ok) << text;
        }
      }
    }
  }
}

TEST(JsonScanner, ConsecutiveStringsIntoOneBufferKeepEarlierViews) {
  // The webhook parser keeps every view until the walk ends: unescaping a later string must not
  // overwrite an earlier one's bytes in the separate buffer.
  const std::string text = R"({"a\"b":"x\\y","c":")" + Plain(40) + R"(\n","d\u0041":"\u00e9"})";
  std::string scratch(text.size(), '\0');
  JsonScanner s(text.data(), text.data() + text.size(), scratch.data());
  std::vector<std::pair<std::string_view, std::string_view>> members;
  ASSERT_TRUE(s.Object([&](std::string_view key) {
    std::string_view v;
    if (!s.String(&v, true)) return false;
    members.emplace_back(key, v);
    return true;
  }));
  EXPECT_TRUE(s.AtEnd());
  ASSERT_EQ(members.size(), 3u);
  EXPECT_EQ(members[0].first, "a\"b");
  EXPECT_EQ(members[0].second, "x\\y");
  EXPECT_EQ(members[1].first, "c");
  EXPECT_EQ(members[1].second, Plain(40) + "\n");
  EXPECT_EQ(members[2].first, "dA");
  EXPECT_EQ(members[2].second, "\xC3\xA9");
}

// Key() reads a name and checks its colon from the bytes the name's read loaded: every name and
// value length around the 16- and 32-byte reads, values that are not plain or not strings, and
// spaces that break the compact layout.
TEST(JsonScanner, MembersOfEveryNameAndValueLength) {
  const std::vector<std::string> tails = {"", "\\n", "\xC3\xA9", "\\\"", "\\u0041z", "\x7F"};
  for (size_t k = 0; k <= 34; ++k) {
    for (size_t v = 0; v <= 34; ++v) {
      for (const std::string& tail : tails) {
        for (const std::string& colon : {std::string(":"), std::string(" : ")}) {
          const std::string name = Plain(k);
          const std::string raw = Plain(v) + tail;
          std::string expected = Plain(v);
          if (tail == "\\n") expected += "\n";
          if (tail == "\xC3\xA9") expected += tail;
          if (tail == "\\\"") expected += "\"";
          if (tail == "\\u0041z") expected += "Az";
          if (tail == "\x7F") expected += tail;
          const std::string text = "{\"" + name + "\"" + colon + "\"" + raw +
                                   "\",\"n\":12,\"o\":{\"p\":\"q\"}}" + std::string(40, ' ');
          for (bool read_only : {false, true}) {
            std::string copy = text;
            std::string scratch(text.size(), '\0');
            JsonScanner s =
                read_only ? JsonScanner(text.data(), text.data() + text.size(), scratch.data())
                          : JsonScanner(copy.data(), copy.data() + copy.size());
            std::vector<std::pair<std::string, std::string>> got;
            const bool ok = s.Object([&](std::string_view key) {
              s.Ws();  // after the colon (the reader's Peek() does it)
              std::string value;
              if (key == "o") {
                if (!s.Skip(0)) return false;
              } else if (key == "n") {
                std::string_view t;
                bool integer = false;
                if (!s.Number(&t, &integer)) return false;
                value = std::string(t);
              } else {
                std::string_view t;
                if (!s.String(&t, true)) return false;
                value = std::string(t);
              }
              got.emplace_back(std::string(key), value);
              return true;
            });
            ASSERT_TRUE(ok) << text;
            EXPECT_TRUE(s.AtEnd()) << text;
            ASSERT_EQ(got.size(), 3u) << text;
            EXPECT_EQ(got[0].first, name) << text;
            EXPECT_EQ(got[0].second, expected) << text;
            EXPECT_EQ(got[1].second, "12") << text;
            EXPECT_EQ(got[2].first, "o") << text;
          }
        }
      }
    }
  }
  // A value that is not a string, right after a name, is read by its own kind.
  const std::string text = R"({"a":1,"b":[""],"c":"","d":{"e":"f"}})" + std::string(40, ' ');
  std::string copy = text;
  JsonScanner s(copy.data(), copy.data() + copy.size());
  int members = 0;
  ASSERT_TRUE(s.Object([&](std::string_view) {
    ++members;
    return s.Skip(0);
  }));
  EXPECT_EQ(members, 4);
}

TEST(JsonScanner, BadStringsAreRefusedInBothModes) {
  for (size_t n = 0; n <= 40; ++n) {
    const std::string content = Plain(n);
    // The text ends inside the string (a body cut mid-block): no closing quote.
    EXPECT_FALSE(ReadBoth("\"" + content, true).ok) << n;
    EXPECT_FALSE(ReadBoth("\"" + content + "\\", true).ok) << n;
    EXPECT_FALSE(ReadBoth("\"" + content + "\\\"", false).ok) << n;  // the only quote is escaped
    // A control byte, a bad escape, broken UTF-8, a lone surrogate at position n.
    for (const std::string& bad :
         {std::string("\x01"), std::string("\n"), std::string("\\x"), std::string("\xC3"),
          std::string("\xC0\xAF"), std::string("\\udc00"), std::string("\\ud83d"),
          std::string("\xED\xA0\x80")}) {
      const std::string text = "\"" + content + bad + "abc\"" + std::string(40, ' ');
      EXPECT_FALSE(ReadBoth(text, true).ok) << text;
      EXPECT_FALSE(ReadBoth(text, false).ok) << text;
    }
  }
}

// The read-only scanner reads the caller's bytes, which have no NUL after them: an escape cut by
// the end of the text is refused without reading past it (an exact-size buffer, so that a
// sanitizer build sees any byte read beyond; regression: a fuzzed body ending in "\u07").
TEST(JsonScanner, EscapesCutByTheEndOfTheTextAreRefused) {
  for (const std::string& text :
       {std::string(R"("abc\u)"), std::string(R"("abc\u0)"), std::string(R"("abc\u07)"),
        std::string(R"("abc\u00e)"), std::string(R"("abc\u00e9)"), std::string(R"("abc\ud83d\u)"),
        std::string(R"("abc\ud83d\ude0)"), std::string(R"("abc\)")}) {
    for (bool unescape : {true, false}) {
      std::unique_ptr<char[]> exact(new char[text.size()]);
      std::memcpy(exact.get(), text.data(), text.size());
      std::string scratch(text.size(), '\0');
      JsonScanner s(exact.get(), exact.get() + text.size(), scratch.data());
      std::string_view v;
      EXPECT_FALSE(s.String(&v, unescape)) << text;
    }
  }
}

TEST(JsonScanner, SkipsNestedValuesWithoutWritingTheText) {
  const std::string text =
      R"({"unknown":{"deep":[{"a":"\"quoted\"","b":[true,false,null,-1.5e3]}],"s":")" + Plain(31) +
      R"(\\"},"after":"ok"})";
  const std::string original = text;
  std::string scratch(text.size(), '\0');
  JsonScanner s(text.data(), text.data() + text.size(), scratch.data());
  std::string after;
  ASSERT_TRUE(s.Object([&](std::string_view key) {
    if (key == "after") {
      std::string_view v;
      if (!s.String(&v, true)) return false;
      after = std::string(v);
      return true;
    }
    return s.Skip(0);
  }));
  EXPECT_TRUE(s.AtEnd());
  EXPECT_EQ(after, "ok");
  EXPECT_EQ(text, original);
}

}  // namespace
}  // namespace lks::internal
