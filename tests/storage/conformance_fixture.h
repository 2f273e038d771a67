// The fixture of the StudyGroupStore conformance suite (conformance_test.cc instantiates it for
// every backend; the suite's tests are split over conformance_test.cc and
// sessions_conformance_test.cc).
#ifndef LKS_TESTS_STORAGE_CONFORMANCE_FIXTURE_H_
#define LKS_TESTS_STORAGE_CONFORMANCE_FIXTURE_H_

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "lks/core/clock.h"
#include "lks/store/open_store.h"
#include "store_backends.h"

namespace lks::testing {

constexpr int64_t kT0 = 1760554800000;  // 2025-10-15T19:00:00Z

class StoreConformance : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    clock_.SetUnixMillis(kT0);
    StoreOptions options;
    options.clock = &clock_;
    auto s = testing::OpenFreshStore(GetParam(), options);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(*s);
  }

  NewStudyGroup Group(const std::string& title, int32_t max = 10) {
    NewStudyGroup g;
    g.title = title;
    g.description = "Weekly study of John's Gospel";
    g.max_participants = max;
    g.scheduled_time_ms = kT0 + 3600000;
    g.duration_minutes = 60;
    g.video_provider = VideoProvider::kLiveKit;
    g.use_livekit = true;
    g.livekit_room_name = "study_group_1697123456_" + std::to_string(++rooms_);
    return g;
  }

  StudyGroup MustCreate(const NewStudyGroup& g, const std::string& owner = "owner-1") {
    auto r = store_->CreateGroup(g, owner);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : StudyGroup{};
  }

  ManualClock clock_;
  std::unique_ptr<StudyGroupStore> store_;
  int rooms_ = 0;
};

}  // namespace lks::testing

#endif  // LKS_TESTS_STORAGE_CONFORMANCE_FIXTURE_H_
