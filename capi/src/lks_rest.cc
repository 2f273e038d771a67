// App users (lks_principal, lks_app_token_mint) and REST requests and responses: plain values the
// service section reads. Available in every build (they need no LiveKit or HTTP client).
#include "capi_internal.h"
#include "rest_handles.h"

using namespace lks::capi;

namespace lks::capi {

Status CheckPrincipal(const Principal& who) {
  if (who.user_id.empty()) return InvalidArgumentError("principal.userId: required");
  if (who.user_id.size() > 255) {
    return InvalidArgumentError("principal.userId: longer than 255 bytes (" +
                                std::to_string(who.user_id.size()) + ")");
  }
  return OkStatus();
}

}  // namespace lks::capi

namespace {

template <typename Handle, typename F>
lks_status Set(Handle* h, const char* field, F&& set) {
  if (!h) return Fail(LKS_INVALID_ARGUMENT, std::string(field) + ": must not be NULL");
  return Guard([&] {
    set(*h);
    return Succeed();
  });
}

// A header name or value that would break the response or request framing.
bool BadHeader(std::string_view name, std::string_view value) {
  return name.empty() || name.find_first_of(":\r\n") != std::string_view::npos ||
         value.find_first_of("\r\n") != std::string_view::npos;
}

}  // namespace

extern "C" {

// --- App users ---

lks_status lks_principal_new(lks_principal** out) {
  LKS_CAPI_REQUIRE(out, "out");
  *out = nullptr;
  return Guard([&] {
    *out = new lks_principal();
    return Succeed();
  });
}

void lks_principal_free(lks_principal* who) { delete who; }

lks_status lks_principal_set_user_id(lks_principal* p, const char* s, size_t n) {
  return Set(p, "who", [&](lks_principal& x) { x.who.user_id.assign(View(s, n)); });
}
lks_status lks_principal_set_email(lks_principal* p, const char* s, size_t n) {
  return Set(p, "who", [&](lks_principal& x) { x.who.email.assign(View(s, n)); });
}
lks_status lks_principal_set_name(lks_principal* p, const char* s, size_t n) {
  return Set(p, "who", [&](lks_principal& x) { x.who.name.assign(View(s, n)); });
}
lks_status lks_principal_set_role(lks_principal* p, const char* s, size_t n) {
  return Set(p, "who", [&](lks_principal& x) { x.who.role.assign(View(s, n)); });
}

lks_status lks_app_token_mint(lks_buf* token, const char* secret, size_t secret_len,
                              const lks_principal* who, int64_t ttl_seconds) {
  LKS_CAPI_REQUIRE(token, "token");
  LKS_CAPI_REQUIRE(who, "who");
  return Guard([&] {
    lks_buf_dispose(token);
    if (!secret || secret_len == 0) return Fail(LKS_INVALID_ARGUMENT, "secret: empty");
    lks::Status s = CheckPrincipal(who->who);
    if (!s.ok()) return Record(s);
    auto jwt =
        lks::MintAppToken(View(secret, secret_len), who->who, std::chrono::seconds(ttl_seconds));
    if (!jwt.ok()) return Record(jwt.status());
    lks_status st = FillBuf(token, *jwt);
    return st == LKS_OK ? Succeed() : st;
  });
}

// --- Requests ---

lks_status lks_rest_request_new(lks_rest_request** out) {
  LKS_CAPI_REQUIRE(out, "out");
  *out = nullptr;
  return Guard([&] {
    *out = new lks_rest_request();
    return Succeed();
  });
}

void lks_rest_request_free(lks_rest_request* request) { delete request; }

lks_status lks_rest_request_set_method(lks_rest_request* r, const char* s, size_t n) {
  return Set(r, "request", [&](lks_rest_request& x) {
    x.request.method.assign(View(s, n));
    for (char& c : x.request.method) {
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    }
  });
}

lks_status lks_rest_request_set_target(lks_rest_request* r, const char* s, size_t n) {
  return Set(r, "request", [&](lks_rest_request& x) {
    const std::string_view t = View(s, n);
    const size_t q = t.find('?');
    x.request.path.assign(t.substr(0, q));
    x.request.query.assign(q == std::string_view::npos ? std::string_view() : t.substr(q + 1));
    x.has_target = true;
  });
}

lks_status lks_rest_request_add_header(lks_rest_request* r, const char* name, size_t name_len,
                                       const char* value, size_t value_len) {
  LKS_CAPI_REQUIRE(r, "request");
  const std::string_view k = View(name, name_len), v = View(value, value_len);
  if (BadHeader(k, v)) {
    return Fail(LKS_INVALID_ARGUMENT,
                "header: name must be non-empty without ':' or line breaks, value without line "
                "breaks");
  }
  return Set(r, "request", [&](lks_rest_request& x) { x.request.headers.emplace_back(k, v); });
}

lks_status lks_rest_request_clear_headers(lks_rest_request* r) {
  return Set(r, "request", [&](lks_rest_request& x) { x.request.headers.clear(); });
}

lks_status lks_rest_request_set_body(lks_rest_request* r, const char* s, size_t n) {
  LKS_CAPI_REQUIRE(s || n == 0, "body");
  return Set(r, "request", [&](lks_rest_request& x) { x.request.body.assign(View(s, n)); });
}

lks_status lks_rest_request_set_principal(lks_rest_request* r, const lks_principal* who) {
  return Set(r, "request", [&](lks_rest_request& x) {
    if (who) {
      x.principal = who->who;
    } else {
      x.principal.reset();
    }
  });
}

// --- Responses ---

lks_status lks_rest_response_new(lks_rest_response** out) {
  LKS_CAPI_REQUIRE(out, "out");
  *out = nullptr;
  return Guard([&] {
    *out = new lks_rest_response();
    return Succeed();
  });
}

void lks_rest_response_free(lks_rest_response* response) { delete response; }

int64_t lks_rest_response_status(const lks_rest_response* r) { return r ? r->response.status : 0; }

int64_t lks_rest_response_header_count(const lks_rest_response* r) {
  return r ? static_cast<int64_t>(r->response.headers.size()) : 0;
}

lks_status lks_rest_response_header(const char** name, size_t* name_len, const char** value,
                                    size_t* value_len, const lks_rest_response* r, int64_t index) {
  LKS_CAPI_REQUIRE(name && name_len && value && value_len, "name, name_len, value, value_len");
  LKS_CAPI_REQUIRE(r, "response");
  if (index < 0 || static_cast<uint64_t>(index) >= r->response.headers.size()) {
    return Fail(LKS_OUT_OF_RANGE, "index: " + std::to_string(index) + " is not below " +
                                      std::to_string(r->response.headers.size()));
  }
  const auto& [k, v] = r->response.headers[static_cast<size_t>(index)];
  *name = k.c_str();
  *name_len = k.size();
  *value = v.c_str();
  *value_len = v.size();
  return Succeed();
}

const char* lks_rest_response_body(const lks_rest_response* r, size_t* len) {
  if (len) *len = r ? r->response.body.size() : 0;
  return r ? r->response.body.c_str() : "";
}

}  // extern "C"
