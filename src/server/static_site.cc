#include "server/static_site.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "lks/core/base64.h"
#include "lks/core/crypto.h"

namespace lks::server {
namespace {

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// "scheme://host[:port]" of `url` (path, query and user info dropped), or empty.
std::string OriginOf(std::string_view url, std::string_view* scheme_out) {
  size_t colon = url.find("://");
  if (colon == std::string_view::npos || colon == 0) return {};
  std::string_view scheme = url.substr(0, colon);
  std::string_view rest = url.substr(colon + 3);
  rest = rest.substr(0, rest.find_first_of("/?#"));
  if (size_t at = rest.rfind('@'); at != std::string_view::npos) rest = rest.substr(at + 1);
  if (rest.empty()) return {};
  for (char c : rest) {
    // Host names, IPv4/IPv6 literals and ports only: nothing that could end the CSP directive.
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '-' || c == ':' || c == '[' || c == ']';
    if (!ok) return {};
  }
  *scheme_out = scheme;
  return std::string(rest);
}

std::string ReadWholeFile(const std::filesystem::path& p, bool* ok) {
  std::ifstream f(p, std::ios::binary);
  std::ostringstream ss;
  ss << f.rdbuf();
  *ok = f.good() || f.eof();
  return ss.str();
}

RestResponse PlainText(int status, std::string body) {
  RestResponse r;
  r.status = status;
  r.headers.emplace_back("Content-Type", "text/plain; charset=utf-8");
  r.headers.emplace_back("Cache-Control", "no-cache");
  r.body = std::move(body);
  return r;
}

}  // namespace

std::string WebClientContentSecurityPolicy(std::string_view livekit_url) {
  std::string connect = "'self'";
  std::string_view scheme;
  std::string host = OriginOf(livekit_url, &scheme);
  if (!host.empty()) {
    const bool secure = scheme == "wss" || scheme == "https";
    const bool known = secure || scheme == "ws" || scheme == "http";
    if (known) {
      connect += std::string(secure ? " wss://" : " ws://") + host;
      connect += std::string(secure ? " https://" : " http://") + host;
      std::string_view bare = host;
      bare = bare.substr(0, bare.rfind(':') == std::string_view::npos || bare.back() == ']'
                                ? bare.size()
                                : bare.rfind(':'));
      if (secure && EndsWith(bare, ".livekit.cloud"))
        connect += " wss://*.livekit.cloud https://*.livekit.cloud";
    }
  }
  return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
         "media-src 'self' blob: mediastream:; font-src 'self'; connect-src " +
         connect + "; base-uri 'none'; form-action 'self'; frame-ancestors 'self'";
}

std::string_view ContentTypeForPath(std::string_view path) noexcept {
  struct Type {
    std::string_view ext, type;
  };
  static constexpr Type kTypes[] = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".map", "application/json; charset=utf-8"},
      {".json", "application/json; charset=utf-8"},
      {".txt", "text/plain; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".ico", "image/x-icon"},
      {".webp", "image/webp"},
      {".woff2", "font/woff2"},
      {".wasm", "application/wasm"},
  };
  for (const Type& t : kTypes)
    if (EndsWith(path, t.ext)) return t.type;
  return "application/octet-stream";
}

bool HasContentHash(std::string_view name) noexcept {
  if (size_t slash = name.rfind('/'); slash != std::string_view::npos)
    name = name.substr(slash + 1);
  size_t dot = name.find('.');
  if (dot == std::string_view::npos || dot < 10 || name[dot - 9] != '-') return false;
  for (size_t i = dot - 8; i < dot; ++i) {
    const char c = name[i];
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) return false;
  }
  return true;
}

StatusOr<std::unique_ptr<StaticSite>> StaticSite::Load(const std::string& dir,
                                                       std::string content_security_policy,
                                                       size_t max_total_bytes) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path root = fs::path(dir);
  if (!fs::is_regular_file(root / "index.html", ec)) {
    return NotFoundError("no index.html in '" + dir + "' (the web client was not built there)");
  }
  std::unique_ptr<StaticSite> site(new StaticSite());
  site->csp_ = std::move(content_security_policy);
  size_t total = 0;
  for (fs::recursive_directory_iterator it(root, ec), end; !ec && it != end; it.increment(ec)) {
    if (!it->is_regular_file(ec)) continue;
    const std::string rel = "/" + fs::relative(it->path(), root, ec).generic_string();
    bool ok = false;
    File f;
    f.body = ReadWholeFile(it->path(), &ok);
    if (!ok) return InternalError("cannot read '" + it->path().string() + "'");
    total += f.body.size();
    if (total > max_total_bytes) {
      return ResourceExhaustedError("'" + dir + "' holds more than " +
                                    std::to_string(max_total_bytes) + " bytes");
    }
    f.content_type = std::string(ContentTypeForPath(rel));
    f.immutable = HasContentHash(rel);
    const Sha256Digest d = Sha256(f.body);
    f.etag = "\"" + Base64UrlEncode(std::string_view(reinterpret_cast<const char*>(d.data()), 16)) +
             "\"";
    site->files_.emplace(rel, std::move(f));
  }
  if (ec) return InternalError("cannot list '" + dir + "': " + ec.message());
  return site;
}

void StaticSite::AddCommonHeaders(RestResponse* r) const {
  r->headers.emplace_back("Content-Security-Policy", csp_);
  r->headers.emplace_back("X-Content-Type-Options", "nosniff");
  r->headers.emplace_back("Referrer-Policy", "no-referrer");
  r->headers.emplace_back("Cross-Origin-Opener-Policy", "same-origin");
  r->headers.emplace_back("Permissions-Policy",
                          "camera=(self), microphone=(self), display-capture=(self)");
}

RestResponse StaticSite::Serve(const RestRequest& req) const {
  RestResponse r;
  std::string_view path = req.path;
  if (path == "/") path = "/index.html";
  auto it = files_.find(path);
  // Only the page itself answers for "/"; a folder path is no file.
  if (it == files_.end()) {
    r = PlainText(404, "not found: " + req.path + "\n");
    AddCommonHeaders(&r);
    return r;
  }
  if (req.method != "GET" && req.method != "HEAD") {
    r = PlainText(405, "method " + req.method + " not allowed\n");
    r.headers.emplace_back("Allow", "GET, HEAD");
    AddCommonHeaders(&r);
    return r;
  }
  const File& f = it->second;
  r.headers.emplace_back("ETag", f.etag);
  r.headers.emplace_back("Cache-Control",
                         f.immutable ? "public, max-age=31536000, immutable" : "no-cache");
  AddCommonHeaders(&r);
  std::string_view inm = req.Header("If-None-Match");
  if (!inm.empty() && (inm.find(f.etag) != std::string_view::npos || inm == "*")) {
    r.status = 304;
    return r;
  }
  r.status = 200;
  r.headers.emplace_back("Content-Type", f.content_type);
  r.body = f.body;
  return r;
}

}  // namespace lks::server
