// Schema migrations: versioned, forward-only, each applied in its own transaction and recorded
// in `lks_schema_migrations`; run on open. Safe when several processes open the same database
// at once (SQLite: BEGIN IMMEDIATE; PostgreSQL: a transaction-scoped advisory lock).
// Internal header; the schema itself is described in docs/storage.md.
#ifndef LKS_SRC_STORE_MIGRATIONS_H_
#define LKS_SRC_STORE_MIGRATIONS_H_

#include <cstdint>

#include "lks/core/clock.h"
#include "lks/core/status.h"
#include "store/sql/sql_connection.h"

namespace lks::store {

// The newest schema version.
int32_t LatestSchemaVersion() noexcept;

// Brings the database on `conn` up to LatestSchemaVersion(). Errors: kFailedPrecondition when
// the database is newer than this library; any error of a failing migration (that migration is
// rolled back; earlier ones stay applied).
Status Migrate(SqlConnection& conn, const Clock& clock, int max_attempts);

}  // namespace lks::store

#endif  // LKS_SRC_STORE_MIGRATIONS_H_
