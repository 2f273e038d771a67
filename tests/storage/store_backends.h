// The backends the storage tests run against, by name: "sqlite_file", "sqlite_memory",
// "postgres" (a real server started once per test process) and "vtable" (a host-provided
// lks_storage_backend that forwards to a SQLite store through the C ABI).
#ifndef LKS_TESTS_STORAGE_STORE_BACKENDS_H_
#define LKS_TESTS_STORAGE_STORE_BACKENDS_H_

#include <memory>
#include <string>
#include <vector>

#include "lks/store/open_store.h"
#include "postgres_server.h"

namespace lks::testing {

// The process-wide test PostgreSQL (started on first use; stopped at exit). Null when it cannot
// start; `*error` then says why.
PostgresServer* SharedPostgres(std::string* error);

// A fresh temp directory (removed at process exit).
std::string TempDir();

// Opens a fresh, empty store of `backend`.
StatusOr<std::unique_ptr<StudyGroupStore>> OpenFreshStore(const std::string& backend,
                                                          const StoreOptions& options);

// The URL a fresh store of `backend` would use (sqlite_file / postgres only), for tests that
// open the same database twice or from another process.
std::string FreshUrl(const std::string& backend);

}  // namespace lks::testing

#endif  // LKS_TESTS_STORAGE_STORE_BACKENDS_H_
