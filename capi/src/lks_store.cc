// The study-group store C ABI: open (URL or host vtable), execute named operations as JSON.
#include <cstring>

#include "capi_internal.h"
#include "host_store.h"
#include "lks/store/open_store.h"
#include "store/store_json.h"

using lks::capi::Fail;
using lks::capi::FillBuf;
using lks::capi::Guard;
using lks::capi::Record;
using lks::capi::Succeed;
using lks::capi::View;

extern "C" {

LKS_API lks_status lks_store_open(lks_store** out, const char* url, size_t url_len) {
  return Guard([&]() -> lks_status {
    LKS_CAPI_REQUIRE(out, "out");
    *out = nullptr;
    auto store = lks::OpenStudyGroupStore(View(url, url_len));
    if (!store.ok()) return Record(store.status());
    *out = lks::capi::NewStoreHandle(std::move(*store));
    if (!*out) return Fail(LKS_RESOURCE_EXHAUSTED, "out of memory");
    return Succeed();
  });
}

LKS_API lks_status lks_store_open_backend(lks_store** out, const lks_storage_backend* backend) {
  return Guard([&]() -> lks_status {
    LKS_CAPI_REQUIRE(out, "out");
    *out = nullptr;
    LKS_CAPI_REQUIRE(backend, "backend");
    if (backend->version < 1 || backend->version > LKS_STORAGE_BACKEND_VERSION) {
      return Fail(LKS_FAILED_PRECONDITION, "backend.version: " + std::to_string(backend->version) +
                                               " is not a version this library knows (1.." +
                                               std::to_string(LKS_STORAGE_BACKEND_VERSION) + ")");
    }
    if (backend->size < sizeof(lks_storage_backend)) {
      return Fail(LKS_INVALID_ARGUMENT,
                  "backend.size: smaller than lks_storage_backend of its version");
    }
    if (!backend->execute) return Fail(LKS_INVALID_ARGUMENT, "backend.execute: must not be NULL");
    lks_storage_backend copy;
    std::memcpy(&copy, backend, sizeof(copy));
    *out = lks::capi::NewStoreHandle(lks::capi::NewHostStudyGroupStore(copy));
    if (!*out) return Fail(LKS_RESOURCE_EXHAUSTED, "out of memory");
    return Succeed();
  });
}

LKS_API void lks_store_free(lks_store* store) { delete store; }

LKS_API lks_status lks_store_execute(lks_buf* out, lks_store* store, const char* op, size_t op_len,
                                     const char* request, size_t request_len) {
  return Guard([&]() -> lks_status {
    LKS_CAPI_REQUIRE(out, "out");
    LKS_CAPI_REQUIRE(store, "store");
    std::string response;
    lks::Status s = lks::store::ExecuteStoreOperation(*store->impl, View(op, op_len),
                                                      View(request, request_len), &response);
    if (!s.ok()) return Record(s);
    lks_status rc = FillBuf(out, response);
    if (rc != LKS_OK) return rc;
    return Succeed();
  });
}

LKS_API int64_t lks_store_schema_version(void) { return lks::LatestStoreSchemaVersion(); }

}  // extern "C"
