// What the service writes into a room's metadata: one member set, the others kept.
#include "groups/room_metadata.h"

#include <gtest/gtest.h>

namespace lks::internal {
namespace {

TEST(RoomMetadata, SetsOneMemberAndKeepsTheOthers) {
  EXPECT_EQ(WithMetadataMember(R"({"topic":"Romans 8","recording":true})", "e2eeKeyIndex", 2),
            R"({"topic":"Romans 8","recording":true,"e2eeKeyIndex":2})");
  EXPECT_EQ(WithMetadataMember(R"({"e2eeKeyIndex":1,"x":[1,{"y":null}]})", "e2eeKeyIndex", 3),
            R"({"e2eeKeyIndex":3,"x":[1,{"y":null}]})");
}

TEST(RoomMetadata, StartsAfreshFromEmptyOrNonObjectMetadata) {
  EXPECT_EQ(WithMetadataMember("", "e2eeKeyIndex", 1), R"({"e2eeKeyIndex":1})");
  EXPECT_EQ(WithMetadataMember("plain text", "e2eeKeyIndex", 1), R"({"e2eeKeyIndex":1})");
  EXPECT_EQ(WithMetadataMember("[1,2]", "e2eeKeyIndex", 1), R"({"e2eeKeyIndex":1})");
}

}  // namespace
}  // namespace lks::internal
