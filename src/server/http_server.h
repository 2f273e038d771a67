// HttpServer: the embedded HTTP/1.1 server behind `lkstudy serve` (and `webhook listen`), on
// GNU libmicrohttpd. Not part of liblkstudy: hosts mount the REST handler in their own server; this
// one serves the CLI. See docs/architecture.md for why libmicrohttpd.
//
// libmicrohttpd's event loop (io_threads threads, epoll) does all socket I/O, so idle and slow
// connections cost a socket and a little memory, never a thread. Each request is read completely
// (up to max_body_bytes; a larger body is answered 413 without calling the handler, at once when
// Content-Length says so), its connection is suspended, and the handler runs on a worker pool that
// grows on demand from `threads` to `max_workers` threads; a slow handler (a slow LiveKit) ties up
// one worker, not the event loop or other requests. Request line plus headers larger than
// max_header_bytes are answered 431 by libmicrohttpd. Keep-alive, the connection limit and the
// idle timeout are libmicrohttpd's.
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
  unsigned threads = 4;                    // handler workers kept ready
  unsigned max_workers = 256;              // handler workers at most (requests handled at once)
  unsigned io_threads = 2;                 // libmicrohttpd event-loop threads
  // Connections at once; Start raises the process's soft open-file limit (up to the hard limit)
  // to fit them and lowers this to what fits when the hard limit is smaller.
  unsigned max_connections = 10000;
  unsigned idle_timeout_seconds = 30;  // a connection idle this long is closed
  size_t max_body_bytes = 1 << 20;     // larger request bodies get 413
  size_t max_header_bytes = 32 << 10;  // a larger request line + headers gets 431
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
  // The connection limit in force (options.max_connections, or less when file descriptors are
  // short; see HttpServerOptions).
  unsigned max_connections() const noexcept { return max_connections_; }

  // Stops accepting connections, finishes requests in flight, and joins the workers. Idempotent.
  void Stop();

  struct Impl;

 private:
  HttpServer() = default;
  std::unique_ptr<Impl> impl_;
  uint16_t port_ = 0;
  unsigned max_connections_ = 0;
};

}  // namespace lks::server

#endif  // LKS_SRC_SERVER_HTTP_SERVER_H_
