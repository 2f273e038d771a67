#include "server/worker_pool.h"

#include <algorithm>

namespace lks::server {

WorkerPool::WorkerPool(unsigned min_threads, unsigned max_threads)
    : max_threads_(std::max(1u, std::max(min_threads, max_threads))) {
  std::lock_guard<std::mutex> lock(mu_);
  for (unsigned i = 0; i < std::max(1u, min_threads); ++i) threads_.emplace_back([this] { Run(); });
}

WorkerPool::~WorkerPool() {
  Drain();
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  work_cv_.notify_all();
  for (std::thread& t : threads_) t.join();
}

void WorkerPool::Submit(std::function<void()> job) {
  std::lock_guard<std::mutex> lock(mu_);
  queue_.push_back(std::move(job));
  // Idle threads pick up queued jobs; start one more only when there are more jobs than those.
  if (queue_.size() > idle_ && threads_.size() < max_threads_)
    threads_.emplace_back([this] { Run(); });
  work_cv_.notify_one();
}

void WorkerPool::Drain() {
  std::unique_lock<std::mutex> lock(mu_);
  idle_cv_.wait(lock, [this] { return queue_.empty() && running_ == 0; });
}

size_t WorkerPool::threads() const {
  std::lock_guard<std::mutex> lock(mu_);
  return threads_.size();
}

void WorkerPool::Run() {
  std::unique_lock<std::mutex> lock(mu_);
  while (true) {
    ++idle_;
    work_cv_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    --idle_;
    if (queue_.empty()) return;  // stopping
    std::function<void()> job = std::move(queue_.front());
    queue_.pop_front();
    ++running_;
    lock.unlock();
    job();
    job = nullptr;
    lock.lock();
    --running_;
    if (queue_.empty() && running_ == 0) idle_cv_.notify_all();
  }
}

}  // namespace lks::server
