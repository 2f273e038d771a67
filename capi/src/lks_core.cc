// Versions, per-thread errors and buffers.
#include <cstdlib>
#include <cstring>

#include "capi_internal.h"

namespace lks::capi {
namespace {

struct ThreadError {
  bool set = false;
  std::string message;
  std::string reason;
  lks_error view{};
};

ThreadError& LastError() {
  thread_local ThreadError e;
  return e;
}

}  // namespace

lks_status Record(const Status& status) {
  ThreadError& e = LastError();
  if (status.ok()) {
    e.set = false;
    return LKS_OK;
  }
  e.set = true;
  e.message = status.message();
  e.reason = status.reason();
  e.view.code = static_cast<lks_status>(status.code());
  e.view.message = e.message.c_str();
  e.view.reason = e.reason.c_str();
  e.view.http_status = lks::HttpStatusFor(status);
  return e.view.code;
}

lks_status Fail(lks_status code, std::string message) {
  return Record(Status(static_cast<StatusCode>(code), std::move(message)));
}

lks_status Succeed() {
  LastError().set = false;
  return LKS_OK;
}

lks_status FillBuf(lks_buf* out, std::string_view bytes) {
  lks_buf_dispose(out);
  char* p = static_cast<char*>(std::malloc(bytes.size() + 1));
  if (!p) return Fail(LKS_RESOURCE_EXHAUSTED, "out of memory");
  if (!bytes.empty()) std::memcpy(p, bytes.data(), bytes.size());
  p[bytes.size()] = '\0';
  out->ptr = p;
  out->size = bytes.size();
  return LKS_OK;
}

}  // namespace lks::capi

using namespace lks::capi;

extern "C" {

int64_t lks_version_number(void) { return LKS_VERSION_NUMBER; }

const char* lks_version_string(void) { return LKS_VERSION_STRING; }

const lks_error* lks_error_last(void) {
  // libgit2's promise: never NULL, so a host may print lks_error_last()->message unchecked.
  static const lks_error kNoError = {LKS_OK, "no error", "", 0};
  ThreadError& e = LastError();
  return e.set ? &e.view : &kNoError;
}

const char* lks_status_name(lks_status status) {
  if (status < LKS_OK || status > LKS_UNAUTHENTICATED) return "";
  return lks::StatusCodeName(static_cast<lks::StatusCode>(status));
}

int64_t lks_status_http_status(lks_status status) {
  if (status < LKS_OK || status > LKS_UNAUTHENTICATED) return 500;
  return lks::HttpStatusForCode(static_cast<lks::StatusCode>(status));
}

void lks_buf_dispose(lks_buf* buf) {
  if (!buf) return;
  std::free(buf->ptr);
  buf->ptr = nullptr;
  buf->size = 0;
}

lks_status lks_buf_set(lks_buf* buf, const char* bytes, size_t len) {
  LKS_CAPI_REQUIRE(buf, "buf");
  lks_status rc = FillBuf(buf, View(bytes, len));
  return rc == LKS_OK ? Succeed() : rc;
}

}  // extern "C"
