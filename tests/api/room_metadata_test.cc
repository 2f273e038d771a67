// What the service writes into a room's metadata: one member set, the others kept, and metadata
// that is not a JSON object left alone.
#include "groups/room_metadata.h"

#include <gtest/gtest.h>

namespace lks::internal {
namespace {

TEST(RoomMetadata, SetsOneMemberAndKeepsTheOthers) {
  EXPECT_EQ(
      WithMetadataMember(R"({"topic":"Romans 8","recording":true})", "e2eeKeyIndex", int64_t{2}),
      R"({"topic":"Romans 8","recording":true,"e2eeKeyIndex":2})");
  EXPECT_EQ(
      WithMetadataMember(R"({"e2eeKeyIndex":1,"x":[1,{"y":null}]})", "e2eeKeyIndex", int64_t{3}),
      R"({"e2eeKeyIndex":3,"x":[1,{"y":null}]})");
  EXPECT_EQ(WithMetadataMember(R"({"recording":true,"e2eeKeyIndex":3})", "recording", false),
            R"({"recording":false,"e2eeKeyIndex":3})");
}

TEST(RoomMetadata, EmptyMetadataBecomesAnObjectAnythingElseIsLeftAlone) {
  EXPECT_EQ(WithMetadataMember("", "e2eeKeyIndex", int64_t{1}), R"({"e2eeKeyIndex":1})");
  EXPECT_EQ(WithMetadataMember("", "recording", true), R"({"recording":true})");
  EXPECT_EQ(WithMetadataMember("plain text", "e2eeKeyIndex", int64_t{1}), std::nullopt);
  EXPECT_EQ(WithMetadataMember("[1,2]", "recording", true), std::nullopt);
}

}  // namespace
}  // namespace lks::internal
