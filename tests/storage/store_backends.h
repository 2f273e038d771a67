// The backends the storage tests run against, by name: "sqlite_file", "sqlite_memory",
// "postgres" (a real server started once per test process; only in a build with
// LKS_WITH_POSTGRES, where LKS_TEST_POSTGRES is 1) and "vtable" (a host-provided
// lks_storage_backend that forwards to a SQLite store through the C ABI).
#ifndef LKS_TESTS_STORAGE_STORE_BACKENDS_H_
#define LKS_TESTS_STORAGE_STORE_BACKENDS_H_

#include <memory>
#include <string>
#include <vector>

#include "lks/store/open_store.h"
#if LKS_TEST_POSTGRES
#include "postgres_server.h"
#endif

namespace lks::testing {

// Every backend of this build, for the conformance suite.
std::vector<std::string> AllBackends();
// The backends whose data outlives the store object (sqlite_file, postgres): for tests that reopen
// a database or share it between processes.
std::vector<std::string> DurableBackends();

#if LKS_TEST_POSTGRES

// The process-wide test PostgreSQL (started on first use; stopped at exit). Null when it cannot
// start; `*error` then says why.
PostgresServer* SharedPostgres(std::string* error);
#endif

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
