// OpenStudyGroupStore: URL scheme -> backend, migrations on the first connection.
#include "lks/store/open_store.h"

#include <string>

#include "store/migrations.h"
#include "store/sql/sql_store.h"
#include "store/sqlite/sqlite_connection.h"
#ifdef LKS_WITH_POSTGRES
#include "store/postgres/pg_connection.h"
#endif

namespace lks {

int32_t LatestStoreSchemaVersion() noexcept { return store::LatestSchemaVersion(); }

namespace {

StatusOr<std::unique_ptr<StudyGroupStore>> OpenWithFactory(store::ConnectionPool::Factory factory,
                                                           int max_connections,
                                                           const StoreOptions& options) {
  const Clock* clock = options.clock ? options.clock : &SystemClock();
  StatusOr<std::unique_ptr<store::SqlConnection>> first = factory();
  if (!first.ok()) return first.status();
  LKS_RETURN_IF_ERROR(store::Migrate(**first, *clock, options.max_attempts));
  auto pool = std::make_unique<store::ConnectionPool>(std::move(factory), max_connections);
  pool->Adopt(std::move(*first));
  return store::NewSqlStudyGroupStore(std::move(pool), clock, options.max_attempts);
}

}  // namespace

StatusOr<std::unique_ptr<StudyGroupStore>> OpenStudyGroupStore(std::string_view url,
                                                               const StoreOptions& options) {
  if (url.rfind("sqlite:", 0) == 0) {
    store::SqliteOpenOptions so;
    so.path = std::string(url.substr(7));
    so.busy_timeout_ms = options.busy_timeout_ms;
    if (so.path.empty()) return InvalidArgumentError("url: sqlite: needs a path or :memory:");
    // An in-memory database lives in its connection: one connection, used by one thread at a time.
    const int max = so.path == ":memory:" ? 1 : options.max_connections;
    return OpenWithFactory([so] { return store::OpenSqliteConnection(so); }, max, options);
  }
  if (url.rfind("postgres://", 0) == 0 || url.rfind("postgresql://", 0) == 0) {
#ifdef LKS_WITH_POSTGRES
    std::string conninfo(url);
    return OpenWithFactory([conninfo] { return store::OpenPgConnection(conninfo); },
                           options.max_connections, options);
#else
    return UnimplementedError(
        "url: this build of lkstudy has no PostgreSQL support (LKS_WITH_POSTGRES=OFF)");
#endif
  }
  return InvalidArgumentError(
      "url: unknown store scheme (want sqlite:PATH, sqlite::memory: or postgres://...)");
}

}  // namespace lks
