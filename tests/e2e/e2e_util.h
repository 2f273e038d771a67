// Helpers of the end-to-end suite: a `lkstudy serve` child process, an HTTP client on libcurl
// (responses with their JSON parsed), app tokens, and polling.
#ifndef LKS_TESTS_E2E_E2E_UTIL_H_
#define LKS_TESTS_E2E_E2E_UTIL_H_

#include <curl/curl.h>
#include <rapidjson/document.h>

#include <chrono>
#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "livekit_server.h"
#include "lks/api/app_token.h"
#include "lks/api/rest_types.h"
#include "subprocess.h"

namespace lks::testing {

inline constexpr char kE2eAppSecret[] = "e2e-app-jwt-secret";

// An app JWT for user `user` (email user@example.com, name "User <id>").
inline std::string E2eAppToken(const std::string& user, const std::string& role = "",
                               const std::string& secret = kE2eAppSecret) {
  return MintAppToken(secret, Principal{user, user + "@example.com", "User " + user, role},
                      std::chrono::hours(1))
      .value();
}

// One HTTP response; json is parsed from body (HasParseError() when it is not JSON).
struct HttpReply {
  int status = 0;  // 0: transport failure (error in body)
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // of the (last) response
  // The first header named `name` (ASCII case-insensitive), or empty.
  std::string Header(const std::string& name) const {
    for (const auto& [k, v] : headers)
      if (HeaderNameEquals(k, name)) return v;
    return "";
  }
  rapidjson::Document json;
  bool IsObject() const { return !json.HasParseError() && json.IsObject(); }
  const rapidjson::Value& data() const { return json["data"]; }
  std::string error_code() const {
    if (!IsObject() || !json.HasMember("error") || !json["error"].IsObject() ||
        !json["error"].HasMember("code") || !json["error"]["code"].IsString())
      return "";
    return json["error"]["code"].GetString();
  }
  std::string error_message() const {
    if (error_code().empty() || !json["error"].HasMember("message") ||
        !json["error"]["message"].IsString())
      return "";
    return json["error"]["message"].GetString();
  }
};

namespace e2e_detail {
inline size_t Append(char* p, size_t size, size_t n, void* out) {
  static_cast<std::string*>(out)->append(p, size * n);
  return size * n;
}
inline size_t AppendHeader(char* p, size_t size, size_t n, void* out) {
  auto* headers = static_cast<std::vector<std::pair<std::string, std::string>>*>(out);
  std::string line(p, size * n);
  if (line.rfind("HTTP/", 0) == 0) headers->clear();  // a new response (after 100 Continue)
  size_t colon = line.find(':');
  if (colon != std::string::npos) {
    size_t end = line.find_last_not_of("\r\n");
    size_t start = line.find_first_not_of(' ', colon + 1);
    headers->emplace_back(line.substr(0, colon), start == std::string::npos || start > end
                                                     ? std::string()
                                                     : line.substr(start, end - start + 1));
  }
  return size * n;
}
}  // namespace e2e_detail

// A blocking HTTP request. `bearer` (when not empty) goes into Authorization as "Bearer <bearer>";
// `headers` are raw "Name: value" lines.
inline HttpReply Http(const std::string& method, const std::string& url,
                      const std::string& body = "", const std::string& bearer = "",
                      const std::vector<std::string>& headers = {}) {
  HttpReply r;
  CURL* c = curl_easy_init();
  curl_slist* h = nullptr;
  h = curl_slist_append(h, "Content-Type: application/json");
  h = curl_slist_append(h, "Expect:");
  if (!bearer.empty()) h = curl_slist_append(h, ("Authorization: Bearer " + bearer).c_str());
  for (const auto& x : headers) h = curl_slist_append(h, x.c_str());
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method.c_str());
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, 30000L);
  if (!body.empty() || method == "POST") {
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, body.data());
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  }
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, &e2e_detail::Append);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &r.body);
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, &e2e_detail::AppendHeader);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, &r.headers);
  if (method == "HEAD") curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
  CURLcode rc = curl_easy_perform(c);
  if (rc == CURLE_OK) {
    long status = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    r.status = static_cast<int>(status);
  } else {
    r.body = curl_easy_strerror(rc);
  }
  curl_slist_free_all(h);
  curl_easy_cleanup(c);
  r.json.Parse(r.body.c_str());
  return r;
}

// Polls `done` every 200 ms until it is true or `timeout` passes; returns its last answer.
inline bool PollUntil(const std::function<bool()>& done, std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    if (done()) return true;
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
}

// A `lkstudy serve` child on a free loopback port; stderr (one line per request) goes to a log.
class ServeProcess {
 public:
  // `extra` are more flags (e.g. --live-room-cache-seconds 0). Returns null with *error on failure.
  static std::unique_ptr<ServeProcess> Start(
      int port, const std::string& db, const std::string& livekit_url, const std::string& api_key,
      const std::string& api_secret, const std::vector<std::string>& extra, std::string* error) {
    auto s = std::unique_ptr<ServeProcess>(new ServeProcess());
    s->port_ = port;
    s->log_ = MakeTempDir("lks-serve-") + "/serve.log";
    std::vector<std::string> argv = {
        LKS_CLI_PATH,       "serve",       "--port",     std::to_string(port), "--db",      db,
        "--app-jwt-secret", kE2eAppSecret, "--env-file", "/nonexistent/.env",  "--threads", "8"};
    if (!livekit_url.empty()) {
      argv.insert(argv.end(), {"--livekit-url", livekit_url});
    }
    if (!api_key.empty())
      argv.insert(argv.end(), {"--api-key", api_key, "--api-secret", api_secret});
    argv.insert(argv.end(), extra.begin(), extra.end());
    if (!s->process_.Start(argv, "", error, s->log_)) return nullptr;
    if (!s->process_.WaitForLine("lkstudy serving", std::chrono::seconds(30))) {
      *error = "lkstudy serve did not start; its log:\n" + s->Log();
      return nullptr;
    }
    return s;
  }
  ~ServeProcess() { process_.Stop(std::chrono::milliseconds(3000)); }

  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  int port() const { return port_; }
  std::string Log() const {
    std::string out;
    if (FILE* f = std::fopen(log_.c_str(), "r")) {
      char buf[4096];
      size_t n;
      while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out.append(buf, n);
      std::fclose(f);
    }
    return out;
  }
  Subprocess& process() { return process_; }

 private:
  ServeProcess() = default;
  int port_ = 0;
  std::string log_;
  Subprocess process_;
};

}  // namespace lks::testing

#endif  // LKS_TESTS_E2E_E2E_UTIL_H_
