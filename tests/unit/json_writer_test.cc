#include "core/json_writer.h"

#include <gtest/gtest.h>

namespace lks::internal {
namespace {

TEST(JsonWriter, WritesNestedDocumentsWithCommas) {
  std::string out;
  JsonWriter w(&out);
  w.BeginObject()
      .Field("a", int64_t{1})
      .Key("b")
      .BeginArray()
      .Bool(true)
      .Null()
      .String("x")
      .EndArray();
  w.Key("c").BeginObject().EndObject().Field("d", "e").EndObject();
  EXPECT_EQ(out, R"({"a":1,"b":[true,null,"x"],"c":{},"d":"e"})");
}

TEST(JsonWriter, EscapesControlCharactersQuotesAndBackslashes) {
  std::string out;
  JsonWriter::AppendQuoted(std::string_view("q\"b\\n\n\x01\x1f é", 11), &out);
  EXPECT_EQ(out, "\"q\\\"b\\\\n\\n\\u0001\\u001f \xc3\xa9\"");
}

TEST(Utf8, AcceptsValidRejectsInvalid) {
  EXPECT_TRUE(IsValidUtf8("plain ascii long enough to use the fast path"));
  EXPECT_TRUE(IsValidUtf8("\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80"));
  EXPECT_FALSE(IsValidUtf8("\xc3"));              // truncated
  EXPECT_FALSE(IsValidUtf8("\xc0\xaf"));          // overlong
  EXPECT_FALSE(IsValidUtf8("\xed\xa0\x80"));      // surrogate
  EXPECT_FALSE(IsValidUtf8("\xf4\x90\x80\x80"));  // > U+10FFFF
  EXPECT_FALSE(IsValidUtf8("abcdefgh\xff"));
}

TEST(JsonWriter, IntegerOrStringWritesOnlyCanonicalExactIntegersAsNumbers) {
  std::string out;
  JsonWriter w(&out);
  w.BeginArray();
  for (const char* s :
       {"15", "0", "999999999999999", "1000000000000000", "007", "-1", "1.5", "u15", ""}) {
    w.IntegerOrString(s);
  }
  w.EndArray();
  EXPECT_EQ(out, R"([15,0,999999999999999,"1000000000000000","007","-1","1.5","u15",""])");
}

}  // namespace
}  // namespace lks::internal
