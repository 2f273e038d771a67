// Room service: lkstudy's RoomServiceClient vs LiveKit's Node SDK (livekit-server-sdk), in one
// run against the same local livekit-server (started here on loopback, as in the integration
// tests). For ListRooms and CreateRoom, sequentially and with N concurrent callers: calls per
// second, p50/p99 latency, and client CPU time per call; plus the TCP connections lkstudy opened.
//
// Usage: lks_bench_room_service [CALLS=1000] [CALLERS=16] [ROUNDS=3]
// Needs scripts/setup.sh (livekit-server in .deps/bin, benchmarks/node/node_modules).
#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <map>
#include <mutex>
#include <sstream>
#include <thread>
#include <vector>

#include "livekit_server.h"
#include "lks/livekit/room_service_client.h"
#include "subprocess.h"

#ifndef LKS_BENCH_NODE_DIR
#define LKS_BENCH_NODE_DIR "benchmarks/node"
#endif

namespace {

using Clock = std::chrono::steady_clock;

struct Result {
  std::string sdk, method;
  int callers = 0, calls = 0;
  double seconds = 0, p50_ms = 0, p99_ms = 0, cpu_us_per_call = 0;
  int failures = 0;
};

double CpuSeconds() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_utime.tv_sec + ru.ru_stime.tv_sec +
         (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

template <typename F>
Result Run(const std::string& method, int callers, int calls, F call) {
  std::vector<double> lat(calls);
  std::atomic<int> next{0}, failures{0};
  double cpu0 = CpuSeconds();
  auto t0 = Clock::now();
  std::vector<std::thread> threads;
  for (int t = 0; t < callers; ++t) {
    threads.emplace_back([&] {
      for (int i; (i = next++) < calls;) {
        auto s = Clock::now();
        if (!call(i)) ++failures;
        lat[i] = std::chrono::duration<double, std::milli>(Clock::now() - s).count();
      }
    });
  }
  for (auto& t : threads) t.join();
  Result r;
  r.sdk = "lkstudy";
  r.method = method;
  r.callers = callers;
  r.calls = calls;
  r.seconds = std::chrono::duration<double>(Clock::now() - t0).count();
  r.cpu_us_per_call = (CpuSeconds() - cpu0) * 1e6 / calls;
  std::sort(lat.begin(), lat.end());
  r.p50_ms = lat[calls / 2];
  r.p99_ms = lat[std::min(calls - 1, calls * 99 / 100)];
  r.failures = failures;
  return r;
}

double Field(const std::string& line, const std::string& key) {
  auto p = line.find("\"" + key + "\":");
  return p == std::string::npos ? 0 : std::atof(line.c_str() + p + key.size() + 3);
}
std::string StrField(const std::string& line, const std::string& key) {
  auto p = line.find("\"" + key + "\":\"");
  if (p == std::string::npos) return {};
  p += key.size() + 4;
  return line.substr(p, line.find('"', p) - p);
}

}  // namespace

int main(int argc, char** argv) {
  const int calls = argc > 1 ? std::atoi(argv[1]) : 1000;
  const int callers = argc > 2 ? std::atoi(argv[2]) : 16;
  const int rounds = argc > 3 ? std::max(1, std::atoi(argv[3])) : 3;
  std::string error;
  lks::testing::LiveKitServerOptions so;
  so.empty_timeout_s = 600;
  auto server = lks::testing::LiveKitServer::Start(so, &error);
  if (!server) {
    std::cerr << error << "\n";
    return 1;
  }
  lks::RoomServiceOptions o;
  o.url = server->http_url();
  o.api_key = server->api_key();
  o.api_secret = server->api_secret();
  auto client = lks::RoomServiceClient::Create(o).value();
  if (!client->ListRooms().ok()) {
    std::cerr << "warm-up failed\n";
    return 1;
  }

  // The same state for every scenario: kRooms live rooms. CreateRoom calls use their names, so
  // both SDKs measure the same server path (a live room is returned unchanged) and ListRooms
  // always answers the same kRooms rooms.
  constexpr int kRooms = 20;
  for (int i = 0; i < kRooms; ++i) {
    lks::CreateRoomRequest r;
    r.name = "bench_" + std::to_string(i);
    if (!client->CreateRoom(r).ok()) {
      std::cerr << "set-up failed\n";
      return 1;
    }
  }
  auto create = [&](int i) {
    lks::CreateRoomRequest r;
    r.name = "bench_" + std::to_string(i % kRooms);
    return client->CreateRoom(r).ok();
  };
  // Rounds alternate lkstudy and Node so that both see the same background load; each cell of
  // the table is the round with the median throughput.
  std::vector<Result> results;
  long sequential_connections = 0, total_connections = 0;
  for (int round = 0; round < rounds; ++round) {
    results.push_back(Run("ListRooms", 1, calls, [&](int) { return client->ListRooms().ok(); }));
    results.push_back(Run("CreateRoom", 1, calls, create));
    if (round == 0) sequential_connections = client->http_client().connections_opened();
    results.push_back(
        Run("ListRooms", callers, calls, [&](int) { return client->ListRooms().ok(); }));
    results.push_back(Run("CreateRoom", callers, calls, create));
    if (round == 0) total_connections = client->http_client().connections_opened();

    // The Node SDK, same server, same scenarios.
    lks::testing::Subprocess node;
    if (!node.Start(
            {"/usr/bin/env", "node", std::string(LKS_BENCH_NODE_DIR) + "/room_service_bench.mjs",
             server->http_url(), server->api_key(), server->api_secret(), std::to_string(calls),
             std::to_string(callers)},
            {}, &error)) {
      std::cerr << "node: " << error << "\n";
      return 1;
    }
    node.CloseStdin();
    node.WaitExit(std::chrono::minutes(10));
    node.WaitForLine("\x01", std::chrono::seconds(5));
    for (const std::string& line : node.Lines()) {
      if (line.empty() || line[0] != '{') continue;
      Result r;
      r.sdk = StrField(line, "sdk");
      r.method = StrField(line, "method");
      r.callers = static_cast<int>(Field(line, "callers"));
      r.calls = static_cast<int>(Field(line, "calls"));
      r.seconds = Field(line, "seconds");
      r.p50_ms = Field(line, "p50_ms");
      r.p99_ms = Field(line, "p99_ms");
      r.cpu_us_per_call = Field(line, "cpu_us_per_call");
      results.push_back(r);
    }
  }

  // Median round per (sdk, method, callers).
  std::map<std::string, std::vector<Result>> cells;
  std::vector<std::string> order;
  for (const Result& r : results) {
    std::string key = r.sdk + "|" + r.method + "|" + std::to_string(r.callers);
    if (!cells.count(key)) order.push_back(key);
    cells[key].push_back(r);
  }
  std::map<std::string, double> rate;
  std::printf("Median of %d rounds, %d calls per scenario.\n\n", rounds, calls);
  std::printf("| SDK | method | callers | calls/s | p50 ms | p99 ms | client CPU us/call |\n");
  std::printf("| --- | --- | ---: | ---: | ---: | ---: | ---: |\n");
  for (const std::string& key : order) {
    auto& v = cells[key];
    std::sort(v.begin(), v.end(), [](const Result& a, const Result& b) {
      return a.calls / a.seconds < b.calls / b.seconds;
    });
    const Result& r = v[v.size() / 2];
    double cps = r.calls / r.seconds;
    rate[r.sdk + r.method + std::to_string(r.callers)] = cps;
    std::printf("| %s | %s | %d | %.0f | %.2f | %.2f | %.0f |%s\n", r.sdk.c_str(), r.method.c_str(),
                r.callers, cps, r.p50_ms, r.p99_ms, r.cpu_us_per_call,
                r.failures ? " (failures!)" : "");
  }
  std::printf("\n");
  for (const char* m : {"ListRooms", "CreateRoom"}) {
    for (int c : {1, callers}) {
      double a = rate[std::string("lkstudy") + m + std::to_string(c)];
      double b = rate[std::string("node") + m + std::to_string(c)];
      if (b > 0) std::printf("%s, %d caller(s): lkstudy/node throughput = %.2fx\n", m, c, a / b);
    }
  }
  std::printf(
      "TCP connections lkstudy opened in all (set-up + %d sequential calls of each method): %ld; "
      "after the %d-caller scenarios: %ld\n",
      calls, sequential_connections, callers, total_connections);
  return 0;
}
