#include "cli/reconcile_loop.h"

#include <cstdio>

namespace lks::cli {

ReconcileLoop::ReconcileLoop(std::shared_ptr<StudyGroupService> service,
                             std::chrono::seconds interval)
    : service_(std::move(service)), interval_(interval) {}

ReconcileLoop::~ReconcileLoop() { Stop(); }

void ReconcileLoop::Start() {
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { Run(); });
}

void ReconcileLoop::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void ReconcileLoop::Run() {
  std::unique_lock<std::mutex> lock(mu_);
  while (!wake_.wait_for(lock, interval_, [this] { return stopping_; })) {
    lock.unlock();
    StatusOr<ReconcileSummary> r = service_->ReconcileLiveSessions();
    if (!r.ok()) {
      std::fprintf(stderr, "lkstudy serve: reconcile failed: %s\n", r.status().message().c_str());
    } else if (r->rows_opened || r->rows_closed || r->sessions_closed) {
      std::fprintf(stderr,
                   "lkstudy serve: reconciled %lld session(s): %lld row(s) opened, %lld closed, "
                   "%lld session(s) closed\n",
                   static_cast<long long>(r->sessions_checked),
                   static_cast<long long>(r->rows_opened), static_cast<long long>(r->rows_closed),
                   static_cast<long long>(r->sessions_closed));
    }
    lock.lock();
  }
}

}  // namespace lks::cli
