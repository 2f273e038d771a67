// OpenStudyGroupStore: opens a built-in StudyGroupStore from a URL and brings its schema up to
// date (migrations run on open; see docs/storage.md).
//
//   sqlite:PATH             a SQLite file (created if missing), e.g.
//   "sqlite:/var/lib/app/groups.db" sqlite::memory:         a private in-memory SQLite database
//   (gone when the store is freed) postgres://... / postgresql://...   a PostgreSQL database (libpq
//   connection URI)
//
// Thread-safety: OpenStudyGroupStore may be called from any thread; the store it returns is safe
// for concurrent use (see study_group_store.h).
#ifndef LKS_STORE_OPEN_STORE_H_
#define LKS_STORE_OPEN_STORE_H_

#include <cstdint>
#include <memory>
#include <string_view>

#include "lks/core/clock.h"
#include "lks/core/status.h"
#include "lks/store/study_group_store.h"

namespace lks {

struct StoreOptions {
  // Source of created_at/updated_at. Borrowed: must outlive the store. Null = SystemClock().
  const Clock* clock = nullptr;
  // Most connections held at once (SQLite file, PostgreSQL). SQLite ":memory:" always uses one.
  int max_connections = 8;
  // How long a statement waits for a lock held by another connection or process before the
  // transaction is retried (SQLite busy timeout; PostgreSQL lock_timeout is not set).
  int busy_timeout_ms = 5000;
  // Attempts for a transaction that hits a busy database, a serialization failure or a lost
  // connection before anything was committed.
  int max_attempts = 8;
};

// Opens the store named by `url` (see above). Errors: kInvalidArgument for an unknown scheme
// ("url: ..."), kUnavailable when the database cannot be opened or reached, kFailedPrecondition
// when the schema is newer than this library, any error of a failing migration.
StatusOr<std::unique_ptr<StudyGroupStore>> OpenStudyGroupStore(std::string_view url,
                                                               const StoreOptions& options = {});

// The schema version this library migrates to.
int32_t LatestStoreSchemaVersion() noexcept;

}  // namespace lks

#endif  // LKS_STORE_OPEN_STORE_H_
