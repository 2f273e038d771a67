// StaticSite: the web client's files (web/build.mjs's output: index.html and assets/), served by
// `lkstudy serve` and `lkstudy dev` at `/`. Not part of liblkstudy; see docs/web-client.md.
//
// The folder is read once, at Load(), into memory: only the files found then are served, so no
// request path can reach outside it, and a rebuilt bundle is picked up by a restart.
//
// Responses:
//  - `/` and `/index.html`: the page, `Cache-Control: no-cache` (revalidated with its ETag: a new
//    bundle shows on the next load).
//  - an asset whose name carries esbuild's content hash (`app-3FJK2M7Q.js`): `Cache-Control:
//    public, max-age=31536000, immutable`; any other file: `no-cache`.
//  - every response: the Content-Security-Policy given at Load(), `X-Content-Type-Options:
//    nosniff`, `Referrer-Policy: no-referrer`, a Permissions-Policy that allows camera,
//    microphone and screen capture for this origin only, and `Cross-Origin-Opener-Policy`.
//  - an unknown path 404; a file asked with another method than GET or HEAD 405 with `Allow`;
//    `If-None-Match` with the file's ETag 304.
//
// Thread-safety: immutable after Load(); Serve() may be called from any number of threads.
#ifndef LKS_SRC_SERVER_STATIC_SITE_H_
#define LKS_SRC_SERVER_STATIC_SITE_H_

#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "lks/api/rest_types.h"
#include "lks/core/status.h"

namespace lks::server {

class StaticSite {
 public:
  // Reads every regular file under `dir` (at most `max_total_bytes` in all). Errors: kNotFound
  // when `dir` has no index.html (the web client was not built), kResourceExhausted when it is too
  // large, kInternal when a file cannot be read.
  static StatusOr<std::unique_ptr<StaticSite>> Load(const std::string& dir,
                                                    std::string content_security_policy,
                                                    size_t max_total_bytes = 64u << 20);

  // The response for `request` (method, path and If-None-Match are looked at).
  RestResponse Serve(const RestRequest& request) const;

  size_t file_count() const noexcept { return files_.size(); }

 private:
  struct File {
    std::string body;
    std::string content_type;
    std::string etag;
    bool immutable = false;
  };
  StaticSite() = default;
  void AddCommonHeaders(RestResponse* r) const;

  std::map<std::string, File, std::less<>> files_;  // "/index.html", "/assets/app-X.js", ...
  std::string csp_;
};

// The Content-Security-Policy of the web client: scripts, styles, fonts and images from this
// origin only (no inline script or style), media from blobs and media streams, and connections
// to this origin (the REST API) and to LiveKit at `livekit_url` — its ws(s):// origin for
// signalling and the matching http(s):// origin (livekit-client asks /rtc/validate after a failed
// connect); for a LiveKit Cloud URL, any *.livekit.cloud host (region failover). An empty or
// unparsable `livekit_url` allows this origin only.
std::string WebClientContentSecurityPolicy(std::string_view livekit_url);

// The Content-Type for a file name, from its extension (application/octet-stream when unknown).
std::string_view ContentTypeForPath(std::string_view path) noexcept;

// True when `file_name` carries esbuild's content hash before its extension: "<name>-XXXXXXXX.ext"
// with eight characters of [A-Z0-9] (e.g. "app-3FJK2M7Q.js", "app-3FJK2M7Q.js.map").
bool HasContentHash(std::string_view file_name) noexcept;

}  // namespace lks::server

#endif  // LKS_SRC_SERVER_STATIC_SITE_H_
