// SqliteConnection: one sqlite3 connection with WAL, foreign keys, a busy timeout and a cache of
// prepared statements. Internal header.
//
// Thread-safety: none; the pool gives each connection to one thread at a time (the library is
// opened SQLITE_OPEN_NOMUTEX for that reason, sqlite3 itself being built thread-safe).
#ifndef LKS_SRC_STORE_SQLITE_SQLITE_CONNECTION_H_
#define LKS_SRC_STORE_SQLITE_SQLITE_CONNECTION_H_

#include <memory>
#include <string>

#include "store/sql/sql_connection.h"

namespace lks::store {

struct SqliteOpenOptions {
  std::string path;  // a file path, or ":memory:"
  int busy_timeout_ms = 5000;
};

// Opens a connection and sets it up (WAL for files, foreign_keys, busy_timeout,
// synchronous=NORMAL). Errors: kUnavailable when the file cannot be opened, kDataLoss when it is
// not a database.
StatusOr<std::unique_ptr<SqlConnection>> OpenSqliteConnection(const SqliteOpenOptions& options);

}  // namespace lks::store

#endif  // LKS_SRC_STORE_SQLITE_SQLITE_CONNECTION_H_
