// ReconcileLoop: `lkstudy serve`'s thread that runs StudyGroupService::ReconcileLiveSessions every
// interval (--reconcile-interval), so attendance survives lost webhook deliveries
// (docs/webhooks.md). The first pass runs one interval after Start; Stop wakes the thread, waits
// for a pass in progress to finish and joins it.
//
// Thread-safety: Start and Stop from one thread; the destructor stops.
#ifndef LKS_SRC_CLI_RECONCILE_LOOP_H_
#define LKS_SRC_CLI_RECONCILE_LOOP_H_

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

#include "lks/groups/study_group_service.h"

namespace lks::cli {

class ReconcileLoop {
 public:
  // `interval` > 0. Each pass that changed something, and each failed pass, is logged to stderr.
  ReconcileLoop(std::shared_ptr<StudyGroupService> service, std::chrono::seconds interval);
  ~ReconcileLoop();
  ReconcileLoop(const ReconcileLoop&) = delete;
  ReconcileLoop& operator=(const ReconcileLoop&) = delete;

  void Start();
  void Stop();

 private:
  void Run();

  std::shared_ptr<StudyGroupService> service_;
  std::chrono::seconds interval_;
  std::mutex mu_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace lks::cli

#endif  // LKS_SRC_CLI_RECONCILE_LOOP_H_
