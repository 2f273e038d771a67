#include "server/http_server.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <mutex>
#include <optional>

#include "server/worker_pool.h"

namespace lks::server {
namespace {

// Per-request state, from the first header callback to the completion notice.
struct RequestState {
  RestRequest request;
  bool too_large = false;
  std::optional<RestResponse> response;  // set by the worker before it resumes the connection
};

MHD_Result CollectHeader(void* cls, MHD_ValueKind, const char* key, const char* value) {
  static_cast<RestRequest*>(cls)->headers.emplace_back(key ? key : "", value ? value : "");
  return MHD_YES;
}

void AppendEscaped(std::string* out, std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out->push_back(static_cast<char>(c));
    } else {
      out->push_back('%');
      out->push_back(kHex[c >> 4]);
      out->push_back(kHex[c & 15]);
    }
  }
}

// libmicrohttpd hands over the query already split and decoded; rebuild a canonical query string.
MHD_Result CollectQuery(void* cls, MHD_ValueKind, const char* key, const char* value) {
  auto* q = static_cast<std::string*>(cls);
  if (!q->empty()) q->push_back('&');
  AppendEscaped(q, key ? key : "");
  if (value) {
    q->push_back('=');
    AppendEscaped(q, value);
  }
  return MHD_YES;
}

MHD_Result Send(MHD_Connection* connection, const RestResponse& r) {
  MHD_Response* resp = MHD_create_response_from_buffer(
      r.body.size(), const_cast<char*>(r.body.data()), MHD_RESPMEM_MUST_COPY);
  if (!resp) return MHD_NO;
  for (const auto& [k, v] : r.headers) MHD_add_response_header(resp, k.c_str(), v.c_str());
  MHD_Result ok = MHD_queue_response(connection, static_cast<unsigned>(r.status), resp);
  MHD_destroy_response(resp);
  return ok;
}

RestResponse TooLarge(size_t max_body_bytes) {
  return RestErrorResponse(ResourceExhaustedError("request body larger than " +
                                                  std::to_string(max_body_bytes) + " bytes")
                               .WithReason("payload_too_large")
                               .WithHttpStatus(413));
}

// Raises the soft open-file limit towards `wanted` (never above the hard limit); returns the soft
// limit in force.
rlim_t RaiseOpenFileLimit(rlim_t wanted) {
  rlimit lim{};
  if (getrlimit(RLIMIT_NOFILE, &lim) != 0) return 1024;
  if (lim.rlim_cur < wanted) {
    rlimit raised = lim;
    raised.rlim_cur = lim.rlim_max == RLIM_INFINITY ? wanted : std::min(wanted, lim.rlim_max);
    if (setrlimit(RLIMIT_NOFILE, &raised) == 0) lim = raised;
  }
  return lim.rlim_cur;
}

// File descriptors kept free of connections: the store's and LiveKit's sockets, the log, files.
constexpr unsigned kReservedFds = 512;

}  // namespace

struct HttpServer::Impl {
  HttpServerOptions options;
  HttpHandler handler;
  MHD_Daemon* daemon = nullptr;
  std::unique_ptr<WorkerPool> workers;
  std::mutex stop_mu;
  std::mutex dispatch_mu;  // orders dispatches against Stop()
  bool stopping = false;   // guarded by dispatch_mu: no new dispatches

  static MHD_Result OnRequest(void* cls, MHD_Connection* connection, const char* url,
                              const char* method, const char*, const char* upload_data,
                              size_t* upload_data_size, void** con_cls) {
    auto* self = static_cast<Impl*>(cls);
    auto* st = static_cast<RequestState*>(*con_cls);
    if (!st) {
      st = new (std::nothrow) RequestState;
      if (!st) return MHD_NO;
      *con_cls = st;
      st->request.method = method;
      st->request.path = url;
      MHD_get_connection_values(connection, MHD_HEADER_KIND, CollectHeader, &st->request);
      MHD_get_connection_values(connection, MHD_GET_ARGUMENT_KIND, CollectQuery,
                                &st->request.query);
      std::string_view length = st->request.Header("Content-Length");
      if (!length.empty() &&
          std::strtoull(std::string(length).c_str(), nullptr, 10) > self->options.max_body_bytes) {
        // Answered before the body is read; libmicrohttpd then closes the connection.
        st->too_large = true;
        return Send(connection, TooLarge(self->options.max_body_bytes));
      }
      return MHD_YES;
    }
    if (st->response) return Send(connection, *st->response);  // resumed by the worker
    if (*upload_data_size > 0) {
      if (!st->too_large) {
        if (st->request.body.size() + *upload_data_size > self->options.max_body_bytes) {
          st->too_large = true;
          st->request.body.clear();
          st->request.body.shrink_to_fit();
        } else {
          st->request.body.append(upload_data, *upload_data_size);
        }
      }
      *upload_data_size = 0;
      return MHD_YES;
    }
    if (st->too_large) return Send(connection, TooLarge(self->options.max_body_bytes));
    std::lock_guard<std::mutex> lock(self->dispatch_mu);
    if (self->stopping) {
      return Send(connection, RestErrorResponse(UnavailableError("the server is shutting down")));
    }
    // The handler may block (the store, LiveKit): run it on a worker, not on the event loop.
    MHD_suspend_connection(connection);
    self->workers->Submit([self, st, connection] {
      try {
        st->response = self->handler(st->request);
      } catch (...) {
        st->response = RestErrorResponse(InternalError("internal error"));
      }
      MHD_resume_connection(connection);
    });
    return MHD_YES;
  }

  static void OnCompleted(void*, MHD_Connection*, void** con_cls, MHD_RequestTerminationCode) {
    delete static_cast<RequestState*>(*con_cls);
    *con_cls = nullptr;
  }
};

StatusOr<std::unique_ptr<HttpServer>> HttpServer::Start(const HttpServerOptions& options,
                                                        HttpHandler handler) {
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(options.port);
  if (inet_pton(AF_INET, options.bind_address.c_str(), &addr.sin_addr) != 1) {
    return InvalidArgumentError("bind address: '" + options.bind_address +
                                "' is not an IPv4 address");
  }
  std::unique_ptr<HttpServer> server(new HttpServer());
  server->impl_ = std::make_unique<Impl>();
  Impl* impl = server->impl_.get();
  impl->options = options;
  impl->handler = std::move(handler);
  const unsigned want = std::max(1u, options.max_connections);
  const rlim_t fds = RaiseOpenFileLimit(static_cast<rlim_t>(want) + kReservedFds);
  const unsigned limit = static_cast<unsigned>(std::clamp<rlim_t>(
      fds > kReservedFds * 2 ? fds - kReservedFds : fds / 2, 1, static_cast<rlim_t>(want)));
  const unsigned min_workers = std::max(1u, options.threads);
  impl->workers =
      std::make_unique<WorkerPool>(min_workers, std::max(min_workers, options.max_workers));
  impl->daemon = MHD_start_daemon(
      MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO | MHD_ALLOW_SUSPEND_RESUME, options.port,
      nullptr, nullptr, &Impl::OnRequest, impl, MHD_OPTION_SOCK_ADDR,
      reinterpret_cast<sockaddr*>(&addr), MHD_OPTION_THREAD_POOL_SIZE,
      std::max(1u, options.io_threads), MHD_OPTION_CONNECTION_LIMIT, limit,
      MHD_OPTION_CONNECTION_TIMEOUT, options.idle_timeout_seconds,
      MHD_OPTION_CONNECTION_MEMORY_LIMIT, std::max<size_t>(options.max_header_bytes, 4096),
      MHD_OPTION_NOTIFY_COMPLETED, &Impl::OnCompleted, impl, MHD_OPTION_END);
  if (!impl->daemon) {
    return UnavailableError("cannot listen on " + options.bind_address + ":" +
                            std::to_string(options.port) + " (in use, or not permitted)");
  }
  server->max_connections_ = limit;
  const MHD_DaemonInfo* info = MHD_get_daemon_info(impl->daemon, MHD_DAEMON_INFO_BIND_PORT);
  server->port_ = info ? info->port : options.port;
  return server;
}

HttpServer::~HttpServer() { Stop(); }

void HttpServer::Stop() {
  if (!impl_) return;
  std::lock_guard<std::mutex> lock(impl_->stop_mu);
  if (!impl_->daemon) return;
  // Stops accepting; the listening socket is then ours to close (after the daemon stopped).
  const MHD_socket listener = MHD_quiesce_daemon(impl_->daemon);
  {
    std::lock_guard<std::mutex> dispatch(impl_->dispatch_mu);
    impl_->stopping = true;
  }
  // Every suspended connection is resumed by its job: only then may the daemon go.
  impl_->workers->Drain();
  MHD_stop_daemon(impl_->daemon);
  if (listener != MHD_INVALID_SOCKET) close(listener);
  impl_->daemon = nullptr;
}

}  // namespace lks::server
