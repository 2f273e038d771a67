// PostgreSQL stopped (fast shutdown) and started again while two `lkstudy serve` processes take
// writes: requests during the outage answer 503 with a message, both servers recover without a
// restart, and every write that was acknowledged (201) is in the database afterwards.
#include <gtest/gtest.h>

#include <atomic>
#include <iostream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "e2e_util.h"
#include "postgres_server.h"

namespace lks::testing {
namespace {

constexpr char kKey[] = "lks_faults_key";
constexpr char kSecret[] = "lks_faults_secret_0123456789abcdefghij";

struct Ack {
  int64_t id;
  std::string title;
};

// What the writers saw, shared with the test's thread.
struct Outcomes {
  std::mutex mu;
  std::vector<Ack> acked;
  std::string first_unavailable;  // the first 503's message
  std::vector<std::string> unexpected;
  std::atomic<int> acked_count{0};
  std::atomic<int> unavailable_count{0};
};

TEST(PostgresOutage, RequestsFailWith503NothingAcknowledgedIsLostAndServersRecover) {
  std::string error;
  auto pg = PostgresServer::Start(&error);
  ASSERT_TRUE(pg) << error;
  const std::string url = pg->Url(pg->CreateSchema());
  const std::string livekit = "ws://127.0.0.1:" + std::to_string(FreeLoopbackPort());
  const std::vector<std::string> no_limits = {"--rate-create-group-per-minute", "0"};
  auto a = ServeProcess::Start(FreeLoopbackPort(), url, livekit, kKey, kSecret, no_limits, &error);
  ASSERT_TRUE(a) << error;
  auto b = ServeProcess::Start(FreeLoopbackPort(), url, livekit, kKey, kSecret, no_limits, &error);
  ASSERT_TRUE(b) << error;

  Outcomes out;
  std::atomic<bool> stop{false};
  std::vector<std::thread> writers;
  for (int t = 0; t < 6; ++t) {
    writers.emplace_back([&, t] {
      const std::string token = E2eAppToken(std::to_string(100 + t));
      ServeProcess& s = t % 2 ? *b : *a;
      for (int i = 0; !stop.load(); ++i) {
        const std::string title = "w" + std::to_string(t) + "-" + std::to_string(i);
        HttpReply r = Http("POST", s.url() + "/api/study-groups/create",
                           R"({"title":")" + title + R"(","useLiveKit":false})", token);
        std::lock_guard<std::mutex> lock(out.mu);
        if (r.status == 201 && r.IsObject()) {
          out.acked.push_back({r.data()["id"].GetInt64(), title});
          ++out.acked_count;
        } else if (r.status == 503 && !r.error_message().empty()) {
          if (out.first_unavailable.empty()) out.first_unavailable = r.error_message();
          ++out.unavailable_count;
        } else {
          out.unexpected.push_back(std::to_string(r.status) + " " + r.body);
        }
      }
    });
  }
  auto wait_for = [](const std::function<bool()>& done, int seconds) {
    return PollUntil(done, std::chrono::seconds(seconds));
  };
  EXPECT_TRUE(wait_for([&] { return out.acked_count.load() >= 30; }, 60)) << "no writes before";
  ASSERT_EQ(pg->Stop(), "");
  EXPECT_TRUE(wait_for([&] { return out.unavailable_count.load() >= 6; }, 60))
      << "no 503 while PostgreSQL was down";
  const int acked_during_outage = out.acked_count.load();
  ASSERT_EQ(pg->StartAgain(), "");
  // Both servers take writes again (their pools reconnect; no restart).
  EXPECT_TRUE(wait_for([&] { return out.acked_count.load() >= acked_during_outage + 30; }, 60))
      << "no writes after PostgreSQL came back";
  stop = true;
  for (auto& w : writers) w.join();
  for (ServeProcess* s : {a.get(), b.get()}) {
    HttpReply r = Http("POST", s->url() + "/api/study-groups/create",
                       R"({"title":"after","useLiveKit":false})", E2eAppToken("7"));
    EXPECT_EQ(r.status, 201) << r.body;
  }

  EXPECT_TRUE(out.unexpected.empty()) << out.unexpected.size() << " answers neither 201 nor 503, "
                                      << "first: " << out.unexpected.front();
  // Every acknowledged write is there, with what was written (read through the other server
  // too).
  int missing = 0;
  for (size_t i = 0; i < out.acked.size(); ++i) {
    const Ack& ack = out.acked[i];
    HttpReply g =
        Http("GET", (i % 2 ? b : a)->url() + "/api/study-groups/" + std::to_string(ack.id), "",
             E2eAppToken("7"));
    if (g.status != 200 || std::string(g.data()["title"].GetString()) != ack.title) {
      if (++missing <= 5) ADD_FAILURE() << "acknowledged group " << ack.id << ": " << g.body;
    }
  }
  EXPECT_EQ(missing, 0);
  std::cout << "acknowledged " << out.acked.size() << " writes, " << out.unavailable_count.load()
            << " answered 503 during the outage (the first: \"" << out.first_unavailable
            << "\"), none lost\n";
  if (HasFailure()) {
    const std::string log = a->Log();
    std::cerr << "serve A log (tail):\n" << log.substr(log.size() > 4000 ? log.size() - 4000 : 0);
  }
}

}  // namespace
}  // namespace lks::testing
