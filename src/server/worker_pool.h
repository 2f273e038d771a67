// WorkerPool: runs jobs on threads that are started on demand, from `min_threads` up to
// `max_threads`; a job submitted while every thread is busy and the pool is at its maximum waits
// in a FIFO queue. Threads stay once started (the pool only grows). HttpServer runs its handlers
// here so that one slow handler holds one thread, never the event loop.
//
// Thread-safety: Submit and Drain may be called from any thread; the destructor drains.
#ifndef LKS_SRC_SERVER_WORKER_POOL_H_
#define LKS_SRC_SERVER_WORKER_POOL_H_

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace lks::server {

class WorkerPool {
 public:
  WorkerPool(unsigned min_threads, unsigned max_threads);
  ~WorkerPool();  // Drain()s, then joins the threads
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // Queues `job`; starts a thread for it when none is idle and the pool is below its maximum.
  void Submit(std::function<void()> job);
  // Waits until every submitted job has finished.
  void Drain();
  // Threads started so far.
  size_t threads() const;

 private:
  void Run();

  const unsigned max_threads_;
  mutable std::mutex mu_;
  std::condition_variable work_cv_;
  std::condition_variable idle_cv_;
  std::deque<std::function<void()>> queue_;
  std::vector<std::thread> threads_;
  unsigned idle_ = 0;
  size_t running_ = 0;
  bool stopping_ = false;
};

}  // namespace lks::server

#endif  // LKS_SRC_SERVER_WORKER_POOL_H_
