// Two `lkstudy serve` processes on one real PostgreSQL: concurrent joins never exceed a group's
// capacity, and a webhook delivered to both is recorded once.
#include <gtest/gtest.h>

#include <atomic>
#include <ctime>
#include <iostream>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "e2e_util.h"
#include "lks/livekit/access_token.h"
#include "lks/livekit/webhook_signer.h"
#include "postgres_server.h"

namespace lks::testing {
namespace {

constexpr char kKey[] = "lks_e2e_key";
constexpr char kSecret[] = "lks_e2e_secret_0123456789abcdefghij";

class TwoServers : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string error;
    pg_ = PostgresServer::Start(&error);
    ASSERT_TRUE(pg_) << error;
    const std::string url = pg_->Url(pg_->CreateSchema());
    // LiveKit is not needed here (membership and webhooks only); its URL points at a closed port.
    const std::string livekit = "ws://127.0.0.1:" + std::to_string(FreeLoopbackPort());
    a_ = ServeProcess::Start(FreeLoopbackPort(), url, livekit, kKey, kSecret, {}, &error);
    ASSERT_TRUE(a_) << error;
    b_ = ServeProcess::Start(FreeLoopbackPort(), url, livekit, kKey, kSecret, {}, &error);
    ASSERT_TRUE(b_) << error;
  }
  void TearDown() override {
    if (HasFailure() && a_)
      std::cerr << "serve A log:\n" << a_->Log() << "\nserve B log:\n" << (b_ ? b_->Log() : "");
  }
  std::unique_ptr<PostgresServer> pg_;
  std::unique_ptr<ServeProcess> a_, b_;
};

TEST_F(TwoServers, ConcurrentJoinsNeverExceedCapacity) {
  HttpReply g = Http("POST", a_->url() + "/api/study-groups/create",
                     R"({"title":"Capacity","maxParticipants":10})", E2eAppToken("1"));
  ASSERT_EQ(g.status, 201) << g.body;
  const std::string gid = std::to_string(g.data()["id"].GetInt64());
  HttpReply m0 =
      Http("GET", a_->url() + "/api/study-groups/" + gid + "/members", "", E2eAppToken("1"));
  ASSERT_EQ(m0.status, 200) << m0.body;
  const int initial = m0.data()["total"].GetInt();  // the owner

  constexpr int kUsers = 40;
  std::vector<int> status(kUsers);
  std::vector<std::string> tokens;
  for (int i = 0; i < kUsers; ++i) tokens.push_back(E2eAppToken(std::to_string(100 + i)));
  std::atomic<bool> go{false};
  std::vector<std::thread> threads;
  for (int i = 0; i < kUsers; ++i) {
    threads.emplace_back([&, i] {
      while (!go.load()) std::this_thread::yield();
      const std::string& base = (i % 2 ? b_ : a_)->url();
      status[i] = Http("POST", base + "/api/study-groups/" + gid + "/join", "", tokens[i]).status;
    });
  }
  go = true;
  for (auto& t : threads) t.join();
  int joined = 0, full = 0;
  for (int s : status) {
    if (s == 200)
      ++joined;
    else if (s == 409)
      ++full;
    else
      ADD_FAILURE() << "unexpected status " << s;
  }
  EXPECT_EQ(joined, 10 - initial);
  EXPECT_EQ(full, kUsers - (10 - initial));
  for (auto* s : {a_.get(), b_.get()}) {
    HttpReply m =
        Http("GET", s->url() + "/api/study-groups/" + gid + "/members", "", E2eAppToken("1"));
    ASSERT_EQ(m.status, 200) << m.body;
    EXPECT_EQ(m.data()["total"].GetInt(), 10) << m.body;
  }
}

TEST_F(TwoServers, AWebhookDeliveredToBothIsRecordedOnce) {
  HttpReply g = Http("POST", a_->url() + "/api/study-groups/create", R"({"title":"Hooks"})",
                     E2eAppToken("1"));
  ASSERT_EQ(g.status, 201) << g.body;
  const std::string room = g.data()["livekitRoomName"].GetString();
  const std::string gid = std::to_string(g.data()["id"].GetInt64());
  const long long now = static_cast<long long>(std::time(nullptr));
  auto deliver = [&](ServeProcess& s, const std::string& body) {
    auto auth = SignWebhook(TokenSigner(kKey, kSecret), body);
    EXPECT_TRUE(auth.ok());
    return Http("POST", s.url() + "/api/livekit/webhook", body, "",
                {"Authorization: " + auth.value(), "Content-Type: application/webhook+json"});
  };
  const std::string room_json = R"({"sid":"RM_e2eTwo","name":")" + room + R"(","creationTime":")" +
                                std::to_string(now - 60) + R"("})";
  const std::string started = R"({"event":"room_started","id":"EV_e2e_started","createdAt":")" +
                              std::to_string(now - 60) + R"(","room":)" + room_json + "}";
  const std::string joined = R"({"event":"participant_joined","id":"EV_e2e_joined","createdAt":")" +
                             std::to_string(now - 50) + R"(","room":)" + room_json +
                             R"(,"participant":{"sid":"PA_e2e","identity":"user_1","joinedAt":")" +
                             std::to_string(now - 50) + R"("}})";
  const std::string left = R"({"event":"participant_left","id":"EV_e2e_left","createdAt":")" +
                           std::to_string(now) + R"(","room":)" + room_json +
                           R"(,"participant":{"sid":"PA_e2e","identity":"user_1","joinedAt":")" +
                           std::to_string(now - 50) + R"("}})";
  for (const std::string* body : {&started, &joined, &left}) {
    HttpReply first = deliver(*a_, *body);
    ASSERT_EQ(first.status, 200) << first.body;
    EXPECT_EQ(std::string(first.data()["outcome"].GetString()), "applied") << first.body;
    HttpReply second = deliver(*b_, *body);
    ASSERT_EQ(second.status, 200) << second.body;
    EXPECT_EQ(std::string(second.data()["outcome"].GetString()), "duplicate") << second.body;
  }
  // Both at once, a fresh event: exactly one applies.
  const std::string again = R"({"event":"participant_joined","id":"EV_e2e_race","createdAt":")" +
                            std::to_string(now) + R"(","room":)" + room_json +
                            R"(,"participant":{"sid":"PA_e2e2","identity":"user_1","joinedAt":")" +
                            std::to_string(now) + R"("}})";
  HttpReply ra, rb;
  std::thread ta([&] { ra = deliver(*a_, again); });
  std::thread tb([&] { rb = deliver(*b_, again); });
  ta.join();
  tb.join();
  ASSERT_EQ(ra.status, 200) << ra.body;
  ASSERT_EQ(rb.status, 200) << rb.body;
  std::multiset<std::string> outcomes = {ra.data()["outcome"].GetString(),
                                         rb.data()["outcome"].GetString()};
  EXPECT_EQ(outcomes, (std::multiset<std::string>{"applied", "duplicate"}));
  // One participant session of 50 s recorded (not two).
  HttpReply u =
      Http("GET", b_->url() + "/api/study-groups/" + gid + "/usage", "", E2eAppToken("1"));
  ASSERT_EQ(u.status, 200) << u.body;
  ASSERT_EQ(u.data()["sessions"].Size(), 1u) << u.body;
  EXPECT_EQ(u.data()["sessions"][0]["participantSessions"].GetInt(), 1) << u.body;
  EXPECT_NEAR(u.data()["participantMinutes"].GetDouble(), 50.0 / 60, 0.02) << u.body;
}

}  // namespace
}  // namespace lks::testing
