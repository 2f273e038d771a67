#include "store_backends.h"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <mutex>

#include "vtable_sqlite_backend.h"

namespace lks::testing {
namespace {

// Leaked on purpose: the atexit cleanup below must find them alive.
#if LKS_TEST_POSTGRES
std::unique_ptr<PostgresServer>& PgSlot() {
  static auto* server = new std::unique_ptr<PostgresServer>();
  return *server;
}
#endif

std::vector<std::string>& TempDirs() {
  static auto* dirs = new std::vector<std::string>();
  return *dirs;
}

void Cleanup() {
#if LKS_TEST_POSTGRES
  PgSlot().reset();
#endif
  for (const std::string& d : TempDirs()) {
    std::error_code ec;
    std::filesystem::remove_all(d, ec);
  }
  TempDirs().clear();
}

void RegisterCleanupOnce() {
  static std::once_flag once;
  std::call_once(once, [] { std::atexit(Cleanup); });
}

}  // namespace

std::vector<std::string> AllBackends() {
#if LKS_TEST_POSTGRES
  return {"sqlite_file", "sqlite_memory", "postgres", "vtable"};
#else
  return {"sqlite_file", "sqlite_memory", "vtable"};
#endif
}

std::vector<std::string> DurableBackends() {
#if LKS_TEST_POSTGRES
  return {"sqlite_file", "postgres"};
#else
  return {"sqlite_file"};
#endif
}

#if LKS_TEST_POSTGRES
PostgresServer* SharedPostgres(std::string* error) {
  static std::once_flag once;
  static std::string start_error;
  std::call_once(once, [] {
    RegisterCleanupOnce();
    PgSlot() = PostgresServer::Start(&start_error);
  });
  if (!PgSlot() && error) *error = start_error;
  return PgSlot().get();
}
#endif

std::string TempDir() {
  RegisterCleanupOnce();
  char tmpl[] = "/tmp/lks-store-XXXXXX";
  if (!mkdtemp(tmpl)) return "/tmp";
  TempDirs().push_back(tmpl);
  return tmpl;
}

std::string FreshUrl(const std::string& backend) {
  if (backend == "sqlite_file") return "sqlite:" + TempDir() + "/groups.db";
  if (backend == "sqlite_memory") return "sqlite::memory:";
#if LKS_TEST_POSTGRES
  if (backend == "postgres") {
    PostgresServer* pg = SharedPostgres(nullptr);
    if (!pg) return "";
    return pg->Url(pg->CreateSchema());
  }
#endif
  return "";
}

StatusOr<std::unique_ptr<StudyGroupStore>> OpenFreshStore(const std::string& backend,
                                                          const StoreOptions& options) {
  if (backend == "vtable") return OpenVtableSqliteStore(options);
#if LKS_TEST_POSTGRES
  if (backend == "postgres") {
    std::string error;
    if (!SharedPostgres(&error)) return UnavailableError("test PostgreSQL did not start: " + error);
  }
#endif
  std::string url = FreshUrl(backend);
  if (url.empty()) return InvalidArgumentError("unknown test backend " + backend);
  return OpenStudyGroupStore(url, options);
}

}  // namespace lks::testing
