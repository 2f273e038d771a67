// Blocking C ABI calls (HTTP, databases) off the JS thread: an AsyncWorker runs the call on
// libuv's thread pool, copies lks_error_last() on that thread, and settles a Promise on the JS
// thread. The worker keeps a reference to the JS object that owns the handle it uses, so the
// handle cannot be finalized while the call runs.
#ifndef LKS_NODE_ASYNC_CALL_H_
#define LKS_NODE_ASYNC_CALL_H_

#include <functional>
#include <utility>

#include "addon.h"

namespace lksnode {

class AsyncCall : public Napi::AsyncWorker {
 public:
  // What the promise resolves with: the lks_buf as a string, or undefined.
  enum class Result { kString, kUndefined };
  // `call` runs on a pool thread; it must only use data it owns (copies) and the handle.
  using Call = std::function<lks_status(lks_buf* out)>;

  // Queues `call` and returns its Promise.
  static Napi::Promise Start(Napi::Env env, Napi::Object owner, const char* name, Result result, Call call) {
    auto* worker = new AsyncCall(env, owner, name, result, std::move(call));
    Napi::Promise promise = worker->deferred_.Promise();
    worker->Queue();
    return promise;
  }

  ~AsyncCall() override { lks_buf_dispose(&buf_); }

 protected:
  void Execute() override {
    status_ = call_(&buf_);
    if (status_ != LKS_OK) detail_ = ErrorDetail::Capture(status_);
  }
  void OnOK() override {
    Napi::Env env = Env();
    Napi::HandleScope scope(env);
    if (status_ != LKS_OK) {
      deferred_.Reject(MakeError(env, detail_).Value());
    } else if (result_ == Result::kString) {
      deferred_.Resolve(TakeString(env, &buf_));
    } else {
      deferred_.Resolve(env.Undefined());
    }
  }
  void OnError(const Napi::Error& e) override { deferred_.Reject(e.Value()); }

 private:
  AsyncCall(Napi::Env env, Napi::Object owner, const char* name, Result result, Call call)
      : Napi::AsyncWorker(env, name),
        deferred_(Napi::Promise::Deferred::New(env)),
        owner_(Napi::Persistent(owner)),
        result_(result),
        call_(std::move(call)) {}

  Napi::Promise::Deferred deferred_;
  Napi::ObjectReference owner_;  // keeps the handle's owner alive until the call completes
  Result result_;
  Call call_;
  lks_status status_ = LKS_OK;
  ErrorDetail detail_;
  lks_buf buf_ = LKS_BUF_INIT;
};

}  // namespace lksnode

#endif  // LKS_NODE_ASYNC_CALL_H_
