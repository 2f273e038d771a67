// PgConnection: one libpq connection with a per-connection set of prepared statements.
// Internal header.
//
// Thread-safety: none; the pool gives each connection to one thread at a time.
#ifndef LKS_SRC_STORE_POSTGRES_PG_CONNECTION_H_
#define LKS_SRC_STORE_POSTGRES_PG_CONNECTION_H_

#include <memory>
#include <string>

#include "store/sql/sql_connection.h"

namespace lks::store {

// Connects to `conninfo` (a postgres:// URI or key=value string). Errors: kUnavailable with
// libpq's reason (never the password).
StatusOr<std::unique_ptr<SqlConnection>> OpenPgConnection(const std::string& conninfo);

}  // namespace lks::store

#endif  // LKS_SRC_STORE_POSTGRES_PG_CONNECTION_H_
