// HttpClient: one HTTP/1.1 client on libcurl, shared by every call and every thread.
//
// Connections, DNS answers and TLS sessions are shared between calls (a libcurl share handle),
// and finished easy handles are kept in a small pool, so sequential calls to one host reuse a
// single keep-alive TCP connection and concurrent calls open only as many as they need.
//
// Send() makes exactly one attempt; retries and failover live in lks/http/retry.h.
//
// Defaults: connect timeout 10 s, total timeout 10 s per attempt, TLS peer and host verification
// on (system CA store), proxy from the usual environment variables (http_proxy, https_proxy,
// HTTPS_PROXY, ALL_PROXY, NO_PROXY: libcurl's own rules), User-Agent "lkstudy/<version>".
//
// Thread-safety: an HttpClient is safe to use from any number of threads at once; create one
// and share it (std::shared_ptr). It must outlive no thread that is still inside Send().
#ifndef LKS_HTTP_HTTP_CLIENT_H_
#define LKS_HTTP_HTTP_CLIENT_H_

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "lks/core/status.h"

namespace lks {

using HttpHeaders = std::vector<std::pair<std::string, std::string>>;

struct HttpRequest {
  std::string method = "POST";  // "GET" or "POST"
  std::string url;              // absolute http:// or https:// URL
  HttpHeaders headers;          // sent as given (User-Agent is added by the client)
  std::string body;             // sent for POST
  // Total time for this attempt; zero means the client's default.
  std::chrono::milliseconds timeout{0};
};

struct HttpResponse {
  int status = 0;
  HttpHeaders headers;  // names lower-cased
  std::string body;

  // The first value of header `name` (case-insensitive), or empty.
  std::string_view Header(std::string_view name) const;
};

struct HttpClientOptions {
  std::chrono::milliseconds connect_timeout{10000};
  std::chrono::milliseconds timeout{10000};  // per attempt, unless the request says otherwise
  bool verify_tls = true;  // peer certificate and host name; turn off only for local testing
  std::string ca_file;     // PEM bundle to trust instead of the system store (empty: system)
  std::string ca_path;     // directory of hashed CA certificates (empty: system)
  // Proxy URL for every request; empty means libcurl's environment variables decide.
  std::string proxy;
  std::string user_agent;          // empty: "lkstudy/<version>"
  size_t max_idle_handles = 16;    // easy handles kept for reuse
  long max_idle_connections = 32;  // open connections kept for reuse (all hosts together)
};

class HttpClient {
 public:
  // Creates a client. Initializes libcurl globally on first use (thread-safe).
  // Errors: kInvalidArgument for a negative timeout; kInternal if libcurl cannot be set up.
  static StatusOr<std::shared_ptr<HttpClient>> Create(const HttpClientOptions& options = {});

  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // One attempt. Any HTTP status is a success of the transport (look at response.status).
  // Errors (message names the URL without its query, never a header):
  //   kDeadlineExceeded (reason "timeout") when the attempt ran out of time;
  //   kUnavailable (reason "connect", "transport", "tls") when the server could not be reached,
  //     the connection broke, or TLS failed;
  //   kInvalidArgument for a malformed URL or method.
  StatusOr<HttpResponse> Send(const HttpRequest& request) const;

  const HttpClientOptions& options() const noexcept { return options_; }

  // Number of TCP connections libcurl has opened so far (for tests and benchmarks showing reuse).
  long connections_opened() const noexcept;

 private:
  struct Impl;
  explicit HttpClient(const HttpClientOptions& options);
  HttpClientOptions options_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace lks

#endif  // LKS_HTTP_HTTP_CLIENT_H_
