// lks_store_worker: the other process of the storage tests.
//
//   lks_store_worker add-members URL GROUP_ID THREADS PREFIX START_UNIX_MS
//       THREADS threads each try once to add user PREFIX_<n> to the group, all starting at
//       START_UNIX_MS; prints "added N full M" and exits 0, or exits 1 on any other error.
//   lks_store_worker write-stream URL THREADS
//       THREADS threads create groups "crash_<thread>_<n>" (with owner "writer") forever; after
//       each acknowledged create prints "<id> <title>" on its own line, flushed.
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "lks/store/open_store.h"

namespace {

int AddMembers(int argc, char** argv) {
  if (argc != 7) return 2;
  const std::string url = argv[2];
  const int64_t group_id = std::atoll(argv[3]);
  const int threads = std::atoi(argv[4]);
  const std::string prefix = argv[5];
  const int64_t start_ms = std::atoll(argv[6]);
  lks::StoreOptions options;
  options.busy_timeout_ms = 20000;
  options.max_attempts = 20;
  auto store = lks::OpenStudyGroupStore(url, options);
  if (!store.ok()) {
    std::fprintf(stderr, "open: %s\n", store.status().ToString().c_str());
    return 1;
  }
  std::atomic<int> added{0}, full{0}, other{0};
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      while (lks::SystemClock().NowUnixMillis() < start_ms)
        std::this_thread::sleep_for(std::chrono::microseconds(200));
      auto r =
          (*store)->AddMember(group_id, prefix + "_" + std::to_string(t), lks::MemberRole::kMember);
      if (r.ok()) {
        ++added;
      } else if (r.status().code() == lks::StatusCode::kResourceExhausted) {
        ++full;
      } else {
        ++other;
        std::fprintf(stderr, "add: %s\n", r.status().ToString().c_str());
      }
    });
  }
  for (std::thread& w : workers) w.join();
  std::printf("added %d full %d\n", added.load(), full.load());
  return other.load() == 0 ? 0 : 1;
}

int WriteStream(int argc, char** argv) {
  if (argc != 4) return 2;
  auto store = lks::OpenStudyGroupStore(argv[2]);
  if (!store.ok()) {
    std::fprintf(stderr, "open: %s\n", store.status().ToString().c_str());
    return 1;
  }
  const int threads = std::atoi(argv[3]);
  std::mutex out;
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      for (int n = 0;; ++n) {
        lks::NewStudyGroup g;
        g.title = "crash_" + std::to_string(t) + "_" + std::to_string(n);
        g.livekit_room_name = "room_" + g.title;
        auto r = (*store)->CreateGroup(g, "writer");
        if (!r.ok()) {
          std::fprintf(stderr, "create: %s\n", r.status().ToString().c_str());
          std::_Exit(1);
        }
        std::lock_guard<std::mutex> lock(out);
        std::printf("%lld %s\n", static_cast<long long>(r->id), g.title.c_str());
        std::fflush(stdout);
      }
    });
  }
  for (std::thread& w : workers) w.join();
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc >= 2 && std::string(argv[1]) == "add-members") return AddMembers(argc, argv);
  if (argc >= 2 && std::string(argv[1]) == "write-stream") return WriteStream(argc, argv);
  std::fprintf(stderr, "usage: lks_store_worker add-members|write-stream ...\n");
  return 2;
}
