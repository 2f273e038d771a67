#include "vtable_sqlite_backend.h"

#include <string>

#include "host_store.h"
#include "lks.h"

namespace lks::testing {
namespace {

// --- The host side, written against lks.h only ----------------------------------------------

struct HostState {
  lks_store* inner;
};

void AppendJsonString(std::string* out, const char* s) {
  out->push_back('"');
  for (; *s; ++s) {
    unsigned char c = static_cast<unsigned char>(*s);
    if (c == '"' || c == '\\') {
      out->push_back('\\');
      out->push_back(static_cast<char>(c));
    } else if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof(buf), "\\u%04x", c);
      out->append(buf);
    } else {
      out->push_back(static_cast<char>(c));
    }
  }
  out->push_back('"');
}

lks_status HostExecute(void* user_data, const char* op, size_t op_len, const char* request,
                       size_t request_len, lks_buf* response) {
  auto* host = static_cast<HostState*>(user_data);
  lks_status st = lks_store_execute(response, host->inner, op, op_len, request, request_len);
  if (st != LKS_OK) {
    const lks_error* e = lks_error_last();
    std::string err = "{\"message\":";
    AppendJsonString(&err, e ? e->message : "failed");
    err += ",\"reason\":";
    AppendJsonString(&err, e ? e->reason : "");
    err += "}";
    lks_buf_set(response, err.data(), err.size());
  }
  return st;
}

void HostDestroy(void* user_data) {
  auto* host = static_cast<HostState*>(user_data);
  lks_store_free(host->inner);
  delete host;
}

}  // namespace

StatusOr<std::unique_ptr<StudyGroupStore>> OpenVtableSqliteStore(const StoreOptions& options) {
  // The host's own store: SQLite in memory, with the test's clock.
  auto inner = OpenStudyGroupStore("sqlite::memory:", options);
  if (!inner.ok()) return inner.status();
  auto* host = new HostState{capi::NewStoreHandle(std::move(*inner))};

  lks_storage_backend backend{};
  backend.version = LKS_STORAGE_BACKEND_VERSION;
  backend.size = sizeof(backend);
  backend.user_data = host;
  backend.execute = HostExecute;
  backend.destroy = HostDestroy;
  // The C ABI accepts the vtable (its checks run without a destroy hook, so `host` survives the
  // handle); the suite then gets the library's adapter of the same vtable as a StudyGroupStore
  // (lks_store shares its store, so the adapter is made directly).
  backend.destroy = nullptr;
  lks_store* handle = nullptr;
  if (lks_store_open_backend(&handle, &backend) != LKS_OK) {
    HostDestroy(host);
    return InternalError(lks_error_last()->message);
  }
  lks_store_free(handle);
  backend.destroy = HostDestroy;
  std::unique_ptr<StudyGroupStore> store = capi::NewHostStudyGroupStore(backend);
  return store;
}

}  // namespace lks::testing
