// StaticSite: the web client's files with their content types, caching headers and CSP.
#include "server/static_site.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace lks::server {
namespace {

namespace fs = std::filesystem;

class StaticSiteTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/lks-static-XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    Write("index.html", "<!doctype html><title>t</title>");
    Write("assets/app-3FJK2M7Q.js", "console.log(1)");
    Write("assets/app-3FJK2M7Q.js.map", "{}");
    Write("assets/app-ABCDEF12.css", "body{}");
    Write("robots.txt", "User-agent: *");
  }
  void TearDown() override { fs::remove_all(dir_); }
  void Write(const std::string& rel, const std::string& body) {
    fs::create_directories((fs::path(dir_) / rel).parent_path());
    std::ofstream(fs::path(dir_) / rel, std::ios::binary) << body;
  }
  std::unique_ptr<StaticSite> Load() {
    auto site = StaticSite::Load(dir_, "default-src 'none'");
    EXPECT_TRUE(site.ok()) << site.status().ToString();
    return site.ok() ? std::move(*site) : nullptr;
  }
  static RestRequest Get(std::string path, std::string method = "GET") {
    RestRequest r;
    r.method = std::move(method);
    r.path = std::move(path);
    return r;
  }
  std::string dir_;
};

TEST_F(StaticSiteTest, TheIndexIsRevalidatedHashedAssetsAreImmutable) {
  auto site = Load();
  ASSERT_TRUE(site);
  EXPECT_EQ(site->file_count(), 5u);
  for (const char* path : {"/", "/index.html"}) {
    RestResponse r = site->Serve(Get(path));
    EXPECT_EQ(r.status, 200) << path;
    EXPECT_EQ(r.body, "<!doctype html><title>t</title>");
    EXPECT_EQ(r.Header("Content-Type"), "text/html; charset=utf-8");
    EXPECT_EQ(r.Header("Cache-Control"), "no-cache");
    EXPECT_EQ(r.Header("Content-Security-Policy"), "default-src 'none'");
    EXPECT_EQ(r.Header("X-Content-Type-Options"), "nosniff");
    EXPECT_EQ(r.Header("Referrer-Policy"), "no-referrer");
    EXPECT_FALSE(r.Header("ETag").empty());
  }
  RestResponse js = site->Serve(Get("/assets/app-3FJK2M7Q.js"));
  EXPECT_EQ(js.status, 200);
  EXPECT_EQ(js.Header("Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(js.Header("Cache-Control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(site->Serve(Get("/assets/app-ABCDEF12.css")).Header("Content-Type"),
            "text/css; charset=utf-8");
  RestResponse map = site->Serve(Get("/assets/app-3FJK2M7Q.js.map"));
  EXPECT_EQ(map.Header("Content-Type"), "application/json; charset=utf-8");
  EXPECT_EQ(map.Header("Cache-Control"), "public, max-age=31536000, immutable");
  RestResponse txt = site->Serve(Get("/robots.txt"));
  EXPECT_EQ(txt.Header("Content-Type"), "text/plain; charset=utf-8");
  EXPECT_EQ(txt.Header("Cache-Control"), "no-cache");  // no hash in its name
}

TEST_F(StaticSiteTest, ConditionalRequestsHeadMethodsAndUnknownPaths) {
  auto site = Load();
  ASSERT_TRUE(site);
  RestResponse first = site->Serve(Get("/"));
  RestRequest again = Get("/");
  again.headers.emplace_back("If-None-Match", std::string(first.Header("ETag")));
  RestResponse not_modified = site->Serve(again);
  EXPECT_EQ(not_modified.status, 304);
  EXPECT_TRUE(not_modified.body.empty());
  EXPECT_EQ(not_modified.Header("Cache-Control"), "no-cache");
  EXPECT_EQ(site->Serve(Get("/", "HEAD")).status, 200);
  RestResponse post = site->Serve(Get("/", "POST"));
  EXPECT_EQ(post.status, 405);
  EXPECT_EQ(post.Header("Allow"), "GET, HEAD");
  for (const char* path : {"/nope.js", "/assets", "/assets/", "/../etc/passwd", "/index.html/"}) {
    RestResponse r = site->Serve(Get(path, path[1] == 'n' ? "POST" : "GET"));
    EXPECT_EQ(r.status, 404) << path;
    EXPECT_EQ(r.Header("Content-Security-Policy"), "default-src 'none'") << path;
  }
}

TEST_F(StaticSiteTest, AFolderWithoutTheBuiltPageIsAbsent) {
  fs::remove(fs::path(dir_) / "index.html");
  auto site = StaticSite::Load(dir_, "");
  ASSERT_FALSE(site.ok());
  EXPECT_EQ(site.status().code(), StatusCode::kNotFound);
  EXPECT_NE(site.status().message().find("not built"), std::string::npos);
  EXPECT_FALSE(StaticSite::Load(dir_ + "/missing", "").ok());
  Write("index.html", std::string(2048, 'x'));
  auto big = StaticSite::Load(dir_, "", 1024);
  ASSERT_FALSE(big.ok());
  EXPECT_EQ(big.status().code(), StatusCode::kResourceExhausted);
}

TEST(WebClientCsp, ConnectsToThisOriginAndLiveKitOnly) {
  const std::string local = WebClientContentSecurityPolicy("ws://127.0.0.1:7880");
  EXPECT_NE(local.find("connect-src 'self' ws://127.0.0.1:7880 http://127.0.0.1:7880;"),
            std::string::npos)
      << local;
  EXPECT_NE(local.find("default-src 'none'"), std::string::npos);
  EXPECT_NE(local.find("script-src 'self';"), std::string::npos);
  EXPECT_EQ(local.find("unsafe-inline"), std::string::npos);
  EXPECT_EQ(local.find("unsafe-eval"), std::string::npos);
  const std::string cloud = WebClientContentSecurityPolicy("wss://my-project.livekit.cloud/");
  EXPECT_NE(cloud.find("connect-src 'self' wss://my-project.livekit.cloud "
                       "https://my-project.livekit.cloud wss://*.livekit.cloud "
                       "https://*.livekit.cloud;"),
            std::string::npos)
      << cloud;
  const std::string self_hosted = WebClientContentSecurityPolicy("wss://lk.example.com:7443/x?y");
  EXPECT_NE(self_hosted.find("connect-src 'self' wss://lk.example.com:7443 "
                             "https://lk.example.com:7443;"),
            std::string::npos)
      << self_hosted;
  // Nothing that could end a directive or add a source gets in; no URL, this origin only.
  for (const char* bad : {"", "not a url", "ws://a.example; script-src *", "ftp://x.example"}) {
    EXPECT_NE(WebClientContentSecurityPolicy(bad).find("connect-src 'self';"), std::string::npos)
        << bad;
  }
}

TEST(ContentHash, OnlyEsbuildsEightCharacterHash) {
  EXPECT_TRUE(HasContentHash("app-3FJK2M7Q.js"));
  EXPECT_TRUE(HasContentHash("/assets/app-3FJK2M7Q.js.map"));
  EXPECT_FALSE(HasContentHash("app.js"));
  EXPECT_FALSE(HasContentHash("app-3fjk2m7q.js"));
  EXPECT_FALSE(HasContentHash("app-3FJK2M7.js"));
  EXPECT_FALSE(HasContentHash("index.html"));
}

}  // namespace
}  // namespace lks::server
