// HttpServer: the embedded HTTP/1.1 server behind `lkstudy serve` (and `webhook listen`), on
// GNU libmicrohttpd. Not part of liblkstudy: hosts mount the REST handler in their own server; this
// one serves the CLI. See docs/architecture.md for why libmicrohttpd.
//
// Each request is read completely (up to max_body_bytes; a larger body is answered 413 without
// calling the handler), handed to the handler on one of the pool's threads, and its response sent.
// Keep-alive, connection limits and idle timeouts are libmicrohttpd's.
//
// Thread-safety: the handler is called from several threads at once. Stop() may be called from any
// thread (e.g. after a signal) and returns once in-flight requests have been answered.
#ifndef LKS_SRC_SERVER_HTTP_SERVER_H_
#define LKS_SRC_SERVER_HTTP_SERVER_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "lks/api/rest_types.h"
#include "lks/core/status.h"

namespace lks::server {

struct HttpServerOptions {
  std::string bind_address = "127.0.0.1";  // "0.0.0.0" to listen on every IPv4 interface
  uint16_t port = 3000;                    // 0 picks a free port (see HttpServer::port())
  unsigned threads = 4;                    // worker pool size
  unsigned max_connections = 1024;
  unsigned idle_timeout_seconds = 30;  // a connection idle this long is closed
  size_t max_body_bytes = 1 << 20;     // larger request bodies get 413
};

using HttpHandler = std::function<RestResponse(const RestRequest&)>;

class HttpServer {
 public:
  // Binds and starts serving. Errors: kInvalidArgument (bad address), kUnavailable (the port is in
  // use or the daemon failed to start; the message says which address).
  static StatusOr<std::unique_ptr<HttpServer>> Start(const HttpServerOptions& options,
                                                     HttpHandler handler);

  ~HttpServer();  // Stop()s
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // The port actually bound.
  uint16_t port() const noexcept { return port_; }

  // Stops accepting connections, finishes requests in flight, and joins the workers. Idempotent.
  void Stop();

  struct Impl;

 private:
  HttpServer() = default;
  std::unique_ptr<Impl> impl_;
  uint16_t port_ = 0;
};

}  // namespace lks::server

#endif  // LKS_SRC_SERVER_HTTP_SERVER_H_
