// Study-group store: Store owns an lks_store (thread-safe in the C library: SQLite or
// PostgreSQL). Opening (migrations) and every operation are blocking database work, so each runs
// in an AsyncCall on libuv's pool; requests and results are the JSON of docs/storage.md.
#include <string>

#include "addon.h"
#include "async_call.h"

namespace lksnode {
namespace {

class Store : public Napi::ObjectWrap<Store> {
 public:
  static Napi::Function Define(Napi::Env env) {
    return DefineClass(env, "Store",
                       {
                           InstanceMethod<&Store::Open>("open"),
                           InstanceMethod<&Store::Execute>("execute"),
                           InstanceMethod<&Store::Close>("close"),
                           StaticMethod<&Store::SchemaVersion>("schemaVersion"),
                       });
  }

  explicit Store(const Napi::CallbackInfo& info) : Napi::ObjectWrap<Store>(info) {}
  ~Store() override { lks_store_free(store_); }

  lks_store* handle() const { return store_; }

 private:
  static Napi::Value SchemaVersion(const Napi::CallbackInfo& info) {
    return Napi::Number::New(info.Env(), lks_store_schema_version());
  }

  // open(url): Promise<undefined>. lib/StudyGroupStore.js calls it once, before anything else,
  // and makes no other call on this object until it settles.
  Napi::Value Open(const Napi::CallbackInfo& info) {
    Utf8Arg url_arg(info.Env(), info[0], "url");
    std::string url(url_arg.data(), url_arg.size());
    if (store_ != nullptr) ThrowInvalidArgument(info.Env(), "store: already open");
    lks_store** slot = &store_;
    return AsyncCall::Start(
        info.Env(), Value(), "lkstudy.storeOpen", AsyncCall::Result::kUndefined,
        [slot, url](lks_buf*) { return lks_store_open(slot, url.data(), url.size()); });
  }

  // execute(op, requestJson): Promise<string>
  Napi::Value Execute(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    if (store_ == nullptr) {
      throw MakeError(env,
                      ErrorDetail{LKS_FAILED_PRECONDITION, "store: not open (or closed)", "", 0});
    }
    Utf8Arg op_arg(env, info[0], "op");
    Utf8Arg req_arg(env, info[1], "request");
    std::string op(op_arg.data(), op_arg.size());
    std::string req(req_arg.data(), req_arg.size());
    lks_store* s = store_;
    return AsyncCall::Start(env, Value(), "lkstudy.storeExecute", AsyncCall::Result::kString,
                            [s, op, req](lks_buf* out) {
                              return lks_store_execute(out, s, op.data(), op.size(), req.data(),
                                                       req.size());
                            });
  }

  // close(): frees the store now. lib/StudyGroupStore.js calls it only when no call is in flight.
  void Close(const Napi::CallbackInfo&) {
    lks_store_free(store_);
    store_ = nullptr;
  }

  lks_store* store_ = nullptr;
  HandleCount count_;
};

}  // namespace

void InitStore(Napi::Env env, Napi::Object exports) {
  Napi::Function store = Store::Define(env);
  Data(env).store_class = Napi::Persistent(store);
  exports.Set("Store", store);
}

lks_store* StoreHandle(Napi::Env env, const Napi::Value& value, const char* field) {
  Napi::FunctionReference& cls = Data(env).store_class;
  if (!value.IsObject() || cls.IsEmpty() || !value.As<Napi::Object>().InstanceOf(cls.Value())) {
    ThrowInvalidArgument(env, std::string(field) + ": must be a native Store");
  }
  lks_store* handle = Store::Unwrap(value.As<Napi::Object>())->handle();
  if (handle == nullptr) {
    throw MakeError(env, ErrorDetail{LKS_FAILED_PRECONDITION,
                                     std::string(field) + ": not open (or closed)", "", 0});
  }
  return handle;
}

}  // namespace lksnode
