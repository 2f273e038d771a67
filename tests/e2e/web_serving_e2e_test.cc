// `lkstudy serve` serving the built web client at / next to the API, over real HTTP: content
// types, caching headers, a CSP that lets the page reach LiveKit's URL, conditional requests and
// HEAD; `--no-web` and a missing bundle; no dev-only sign-in in `serve`.
#include <gtest/gtest.h>

#include <regex>
#include <string>

#include "e2e_util.h"
#include "livekit_server.h"

namespace lks::testing {
namespace {

#ifdef LKS_WEB_DIR
constexpr const char* kWebDir = LKS_WEB_DIR;
#else
constexpr const char* kWebDir = nullptr;
#endif

// livekit-server is not needed to serve files: the URL only goes into the token answers and the
// CSP (nothing listens there).
constexpr char kLiveKitUrl[] = "ws://127.0.0.1:7880";

std::unique_ptr<ServeProcess> StartServe(const std::vector<std::string>& flags) {
  std::string error;
  auto s =
      ServeProcess::Start(FreeLoopbackPort(), "sqlite:" + MakeTempDir("lks-web-db-") + "/api.db",
                          kLiveKitUrl, "web_key", "web-secret-web-secret", flags, &error);
  EXPECT_TRUE(s) << error;
  return s;
}

TEST(WebServing, ThePageAndItsAssetsWithTheirHeaders) {
  if (!kWebDir) GTEST_SKIP() << "SKIPPED: this build has no web client (no Node.js at configure)";
  auto api = StartServe({"--web-dir", kWebDir});
  ASSERT_TRUE(api);
  EXPECT_NE(api->process()
                .WaitForLine("lkstudy serving", std::chrono::seconds(1))
                ->find("web client at " + api->url() + "/"),
            std::string::npos);

  HttpReply page = Http("GET", api->url() + "/");
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_EQ(page.Header("Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(page.Header("Cache-Control"), "no-cache");
  EXPECT_EQ(page.Header("X-Content-Type-Options"), "nosniff");
  const std::string csp = page.Header("Content-Security-Policy");
  EXPECT_NE(csp.find("default-src 'none'"), std::string::npos) << csp;
  EXPECT_NE(csp.find("script-src 'self';"), std::string::npos) << csp;
  EXPECT_NE(csp.find("connect-src 'self' ws://127.0.0.1:7880 http://127.0.0.1:7880;"),
            std::string::npos)
      << csp;
  EXPECT_EQ(csp.find("unsafe"), std::string::npos) << csp;
  // No inline script or style: the page loads one script and one stylesheet from assets/.
  EXPECT_EQ(page.body.find("<script>"), std::string::npos);
  EXPECT_EQ(page.body.find("style="), std::string::npos);
  std::smatch js, css;
  ASSERT_TRUE(std::regex_search(
      page.body, js, std::regex(R"(<script type="module" src="(assets/app-[A-Z0-9]{8}\.js)\">)")))
      << page.body;
  ASSERT_TRUE(std::regex_search(
      page.body, css,
      std::regex(R"(<link rel="stylesheet" href="(assets/app-[A-Z0-9]{8}\.css)\">)")))
      << page.body;

  HttpReply script = Http("GET", api->url() + "/" + js[1].str());
  EXPECT_EQ(script.status, 200);
  EXPECT_EQ(script.Header("Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(script.Header("Cache-Control"), "public, max-age=31536000, immutable");
  EXPECT_GT(script.body.size(), 100000u);  // livekit-client is in the bundle
  HttpReply style = Http("GET", api->url() + "/" + css[1].str());
  EXPECT_EQ(style.Header("Content-Type"), "text/css; charset=utf-8");
  EXPECT_EQ(style.Header("Cache-Control"), "public, max-age=31536000, immutable");

  // Revalidation and HEAD.
  HttpReply again =
      Http("GET", api->url() + "/", "", "", {"If-None-Match: " + page.Header("ETag")});
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
  HttpReply head = Http("HEAD", api->url() + "/index.html");
  EXPECT_EQ(head.status, 200);
  EXPECT_TRUE(head.body.empty());
  EXPECT_EQ(head.Header("Content-Length"), std::to_string(page.body.size()));

  // The API is still the API; unknown files are 404; serve has no dev sign-in.
  HttpReply status = Http("GET", api->url() + "/api/livekit/status");
  EXPECT_EQ(status.status, 200);
  EXPECT_EQ(status.Header("Content-Type"), "application/json; charset=utf-8");
  EXPECT_EQ(Http("GET", api->url() + "/api/nope").error_code(), "no_route");
  EXPECT_EQ(Http("GET", api->url() + "/assets/nope.js").status, 404);
  EXPECT_EQ(Http("GET", api->url() + "/dev/users").status, 404);
  EXPECT_EQ(Http("POST", api->url() + "/dev/sign-in", R"({"userId":"15"})").status, 404);
}

TEST(WebServing, NoWebServesTheApiOnlyAndAMissingBundleIsSaid) {
  auto off = StartServe({"--no-web"});
  ASSERT_TRUE(off);
  EXPECT_NE(off->process()
                .WaitForLine("lkstudy serving", std::chrono::seconds(1))
                ->find("web client off (--no-web)"),
            std::string::npos);
  HttpReply root = Http("GET", off->url() + "/");
  EXPECT_EQ(root.status, 404);
  EXPECT_EQ(root.error_code(), "no_route");
  EXPECT_EQ(Http("GET", off->url() + "/api/livekit/status").status, 200);

  auto missing = StartServe({"--web-dir", MakeTempDir("lks-no-bundle-")});
  ASSERT_TRUE(missing);
  EXPECT_NE(missing->process()
                .WaitForLine("lkstudy serving", std::chrono::seconds(1))
                ->find("web client absent)"),
            std::string::npos);
  EXPECT_NE(missing->Log().find("web client absent: no index.html in"), std::string::npos)
      << missing->Log();
  EXPECT_EQ(Http("GET", missing->url() + "/").status, 404);
}

}  // namespace
}  // namespace lks::testing
