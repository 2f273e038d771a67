// Blocking C ABI calls (HTTP, databases) off the JS thread: an AsyncWorker runs the call on
// libuv's thread pool, copies lks_error_last() on that thread, and settles a Promise on the JS
// thread. The worker keeps a reference to the JS object that owns the handle it uses, so the
// handle cannot be finalized while the call runs.
#ifndef LKS_NODE_ASYNC_CALL_H_
#define LKS_NODE_ASYNC_CALL_H_

#include <functional>
#include <memory>
#include <utility>

#include "addon.h"

namespace lksnode {

class AsyncCall : public Napi::AsyncWorker {
 public:
  // `work` runs on a pool thread; it must only use data it owns (copies) and the handle.
  using Work = std::function<lks_status()>;
  // `finish` runs on the JS thread after `work` succeeded: the value the Promise resolves with.
  using Finish = std::function<Napi::Value(Napi::Env)>;

  // Queues `work` and returns its Promise.
  static Napi::Promise Start(Napi::Env env, Napi::Object owner, const char* name, Work work,
                             Finish finish) {
    auto* worker = new AsyncCall(env, owner, name, std::move(work), std::move(finish));
    Napi::Promise promise = worker->deferred_.Promise();
    worker->Queue();
    return promise;
  }

  // The common shape: a call that fills one lks_buf. The Promise resolves with the buffer's
  // text (Result::kString) or with undefined.
  enum class Result { kString, kUndefined };
  using Call = std::function<lks_status(lks_buf* out)>;
  static Napi::Promise Start(Napi::Env env, Napi::Object owner, const char* name, Result result,
                             Call call) {
    auto out = std::make_shared<OwnedBuf>();
    return Start(
        env, owner, name, [out, call = std::move(call)] { return call(&out->buf); },
        [out, result](Napi::Env e) -> Napi::Value {
          return result == Result::kString ? Napi::Value(TakeString(e, &out->buf)) : e.Undefined();
        });
  }

  // An lks_buf disposed of with its owner.
  struct OwnedBuf {
    lks_buf buf = LKS_BUF_INIT;
    OwnedBuf() = default;
    OwnedBuf(const OwnedBuf&) = delete;
    OwnedBuf& operator=(const OwnedBuf&) = delete;
    ~OwnedBuf() { lks_buf_dispose(&buf); }
  };

 protected:
  void Execute() override {
    status_ = work_();
    if (status_ != LKS_OK) detail_ = ErrorDetail::Capture(status_);
  }
  void OnOK() override {
    Napi::Env env = Env();
    Napi::HandleScope scope(env);
    if (status_ != LKS_OK) {
      deferred_.Reject(MakeError(env, detail_).Value());
      return;
    }
    try {
      deferred_.Resolve(finish_(env));
    } catch (const Napi::Error& e) {
      deferred_.Reject(e.Value());
    }
  }
  void OnError(const Napi::Error& e) override { deferred_.Reject(e.Value()); }

 private:
  AsyncCall(Napi::Env env, Napi::Object owner, const char* name, Work work, Finish finish)
      : Napi::AsyncWorker(env, name),
        deferred_(Napi::Promise::Deferred::New(env)),
        owner_(Napi::Persistent(owner)),
        work_(std::move(work)),
        finish_(std::move(finish)) {}

  Napi::Promise::Deferred deferred_;
  Napi::ObjectReference owner_;  // keeps the handle's owner alive until the call completes
  Work work_;
  Finish finish_;
  lks_status status_ = LKS_OK;
  ErrorDetail detail_;
};

}  // namespace lksnode

#endif  // LKS_NODE_ASYNC_CALL_H_
