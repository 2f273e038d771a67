// The field-description facility (src/core/fields.h) through its reader and writer: one
// description gives both directions, both LiveKit spellings, enums by name or number, and errors
// that name the field's path.
#include <gtest/gtest.h>

#include "core/json_fields.h"

namespace lks::internal {
namespace {

enum class Color : int { kRed = 0, kGreen = 1, kBlue = 2 };
constexpr const char* kColorList[] = {"RED", "GREEN", nullptr};
constexpr EnumNames kColors{kColorList};
constexpr EnumNames kStrictColors{kColorList, "unknown color"};

struct Leaf {
  std::string id;
  Color color = Color::kRed;
  friend bool operator==(const Leaf&, const Leaf&) = default;
};
struct Tree {
  std::string name;
  uint32_t max_leaves = 0;
  int64_t planted_ms = 0;
  std::optional<std::string> note;
  std::vector<Color> shades;
  std::map<std::string, std::string> tags;
  std::optional<Leaf> top;
  std::vector<Leaf> leaves;
  std::string raw_json;
};

constexpr FieldDesc kLeafFields[] = {
    Field<&Leaf::id>("id"),
    Enum<&Leaf::color>("color", {}, kColors),
};
constexpr ModelDesc kLeaf{kLeafFields, nullptr};
constexpr FieldDesc kTreeFields[] = {
    Field<&Tree::name>("name", {}, kRequired),
    Field<&Tree::max_leaves>("maxLeaves", "max_leaves"),
    Time<&Tree::planted_ms>("plantedAt"),
    Field<&Tree::note>("note"),
    Enum<&Tree::shades>("shades", {}, kColors),
    Field<&Tree::tags>("tags", {}, kOmitEmpty),
    Message<&Tree::top>("top", {}, kLeaf, kOmitUnset),
    Message<&Tree::leaves>("leaves", {}, kLeaf),
};
constexpr ModelDesc kTree{kTreeFields, RawJson<&Tree::raw_json>};

Status Read(std::string_view json, Tree* t, bool keep_raw = false) {
  rapidjson::Document doc;
  LKS_RETURN_IF_ERROR(ParseJson(json, &doc, "tree"));
  return ReadJsonFields(doc, kTree, t, "tree.", {keep_raw});
}

TEST(FieldsTest, OneDescriptionReadsAndWritesEveryKind) {
  Tree t;
  ASSERT_TRUE(Read(R"({"name":"oak","max_leaves":"7","plantedAt":"2025-10-15T19:00:00.000Z",)"
                   R"("note":"n","shades":["GREEN",2],"tags":{"a":"b"},"top":{"id":"t"},)"
                   R"("leaves":[{"id":"x","color":1},{"id":"y","color":"NOPE"}],"extra":1})",
                   &t, true)
                  .ok());
  EXPECT_EQ(t.max_leaves, 7u);  // snake_case and an int64-style string both read
  EXPECT_EQ(t.shades, (std::vector<Color>{Color::kGreen, Color::kBlue}));
  ASSERT_EQ(t.leaves.size(), 2u);
  EXPECT_EQ(t.leaves[1].color, Color::kRed);  // an unknown name is the zero value, as protobuf
  EXPECT_FALSE(t.raw_json.empty());
  std::string out;
  JsonWriter w(&out);
  WriteJsonFields(w, kTree, &t);
  // A value without a name (2) goes back as its number, which LiveKit's protojson reads; the string
  // "2" it would refuse (tests/fuzz/regressions/models/future-track-source-number).
  EXPECT_EQ(out, R"({"name":"oak","maxLeaves":7,"plantedAt":"2025-10-15T19:00:00.000Z","note":"n",)"
                 R"("shades":["GREEN",2],"tags":{"a":"b"},"top":{"id":"t","color":"RED"},)"
                 R"("leaves":[{"id":"x","color":"GREEN"},{"id":"y","color":"RED"}]})");
  Tree back;
  ASSERT_TRUE(Read(out, &back).ok());
  EXPECT_EQ(back.planted_ms, t.planted_ms);
  EXPECT_EQ(back.leaves, t.leaves);
}

TEST(FieldsTest, ErrorsNameTheFieldPath) {
  struct Case {
    const char* json;
    const char* message;
  } cases[] = {
      {R"({})", "tree.name: required"},
      {R"({"name":"a","maxLeaves":-1})", "tree.maxLeaves: expected an unsigned 32-bit integer"},
      {R"({"name":"a","max_leaves":true})", "tree.max_leaves: expected an integer"},
      {R"({"name":"a","leaves":[{"id":"x"},{"color":{}}]})",
       "tree.leaves[1].color: expected an enum name or number"},
      {R"({"name":"a","leaves":[3]})", "tree.leaves[0]: expected an object"},
      {R"({"name":"a","tags":{"k":1}})", "tree.tags.k: expected a string"},
      {R"({"name":"a","shades":"RED"})", "tree.shades: expected an array"},
  };
  for (const Case& c : cases) {
    Tree t;
    Status s = Read(c.json, &t);
    EXPECT_EQ(s.message(), c.message) << c.json;
  }
}

TEST(FieldsTest, StrictEnumsRefuseUnknownNamesAndNumbers) {
  struct Box {
    Color color = Color::kRed;
  };
  static constexpr FieldDesc kBoxFields[] = {Enum<&Box::color>("color", {}, kStrictColors)};
  static constexpr ModelDesc kBox{kBoxFields, nullptr};
  for (auto [json, message] : {std::pair{R"({"color":"BLUE"})", "color: unknown color"},
                               std::pair{R"({"color":1})", "color: expected a string"}}) {
    rapidjson::Document doc;
    ASSERT_TRUE(ParseJson(json, &doc, "box").ok());
    Box b;
    EXPECT_EQ(ReadJsonFields(doc, kBox, &b, {}).message(), message);
  }
}

}  // namespace
}  // namespace lks::internal
