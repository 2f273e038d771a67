#include "server/http_server.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>

#include <cctype>
#include <cstring>
#include <mutex>

namespace lks::server {
namespace {

// Per-request state, from the first header callback to the completion notice.
struct RequestState {
  RestRequest request;
  bool headers_done = false;
  bool too_large = false;
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

}  // namespace

struct HttpServer::Impl {
  HttpServerOptions options;
  HttpHandler handler;
  MHD_Daemon* daemon = nullptr;
  std::mutex stop_mu;

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
        st->too_large = true;
      }
      return MHD_YES;
    }
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
    if (st->too_large) {
      return Send(connection,
                  RestErrorResponse(ResourceExhaustedError(
                                        "request body larger than " +
                                        std::to_string(self->options.max_body_bytes) + " bytes")
                                        .WithReason("payload_too_large")
                                        .WithHttpStatus(413)));
    }
    RestResponse response;
    try {
      response = self->handler(st->request);
    } catch (...) {
      response = RestErrorResponse(InternalError("internal error"));
    }
    return Send(connection, response);
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
  impl->daemon = MHD_start_daemon(
      MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO, options.port, nullptr, nullptr,
      &Impl::OnRequest, impl, MHD_OPTION_SOCK_ADDR, reinterpret_cast<sockaddr*>(&addr),
      MHD_OPTION_THREAD_POOL_SIZE, static_cast<unsigned>(options.threads > 0 ? options.threads : 1),
      MHD_OPTION_CONNECTION_LIMIT, options.max_connections, MHD_OPTION_CONNECTION_TIMEOUT,
      options.idle_timeout_seconds, MHD_OPTION_NOTIFY_COMPLETED, &Impl::OnCompleted, impl,
      MHD_OPTION_END);
  if (!impl->daemon) {
    return UnavailableError("cannot listen on " + options.bind_address + ":" +
                            std::to_string(options.port) + " (in use, or not permitted)");
  }
  const MHD_DaemonInfo* info = MHD_get_daemon_info(impl->daemon, MHD_DAEMON_INFO_BIND_PORT);
  server->port_ = info ? info->port : options.port;
  return server;
}

HttpServer::~HttpServer() { Stop(); }

void HttpServer::Stop() {
  if (!impl_) return;
  std::lock_guard<std::mutex> lock(impl_->stop_mu);
  if (!impl_->daemon) return;
  MHD_quiesce_daemon(impl_->daemon);
  MHD_stop_daemon(impl_->daemon);
  impl_->daemon = nullptr;
}

}  // namespace lks::server
