// The small SQL surface the SQL-backed stores are written against: a connection that runs
// cached prepared statements with positional parameters and returns materialized rows.
// SQLite and PostgreSQL implement it (sqlite/, postgres/); the store logic (sql_store.cc) is
// shared, so both backends run the same statements. Internal header.
#ifndef LKS_SRC_STORE_SQL_SQL_CONNECTION_H_
#define LKS_SRC_STORE_SQL_SQL_CONNECTION_H_

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "lks/core/status.h"

namespace lks::store {

enum class SqlDialect { kSqlite, kPostgres };

// A statement with $1..$N placeholders. `pg_sql`, when set, replaces `sql` on PostgreSQL
// (row locks: "... FOR UPDATE"). Statements are static objects: their address keys the
// per-connection prepared-statement cache, `name` names the PostgreSQL prepared statement.
struct SqlStatement {
  const char* name;
  const char* sql;
  const char* pg_sql = nullptr;
};

// A parameter: NULL, integer, boolean or text (borrowed for the duration of the call).
using SqlParam = std::variant<std::nullptr_t, int64_t, bool, std::string_view>;

// An optional string as a parameter (NULL when unset).
inline SqlParam OptText(const std::optional<std::string>& s) {
  if (!s) return nullptr;
  return std::string_view(*s);
}

// One cell of a result. SQLite gives integers natively; PostgreSQL gives text.
struct SqlCell {
  bool null = true;
  bool is_int = false;
  int64_t i = 0;
  std::string s;
};

// Rows of a result, all read into memory (results here are small).
class SqlResult {
 public:
  size_t rows() const noexcept { return rows_.size(); }
  bool empty() const noexcept { return rows_.empty(); }
  bool IsNull(size_t r, size_t c) const { return rows_[r][c].null; }
  // Integer value; text is parsed. NULL reads as 0.
  int64_t Int(size_t r, size_t c) const;
  // Boolean: integer non-zero, or PostgreSQL text 't'/'true'/'1'. NULL reads as false.
  bool Bool(size_t r, size_t c) const;
  // Text value; integers are formatted. NULL reads as "".
  std::string Text(size_t r, size_t c) const;
  std::optional<std::string> OptText(size_t r, size_t c) const;
  std::optional<int64_t> OptInt(size_t r, size_t c) const;

  // Rows changed by an INSERT/UPDATE/DELETE.
  int64_t affected = 0;
  std::vector<std::vector<SqlCell>> rows_;
};

// How a transaction starts.
enum class TxMode {
  kNone,   // no transaction: one statement, autocommit
  kRead,   // a consistent read of several statements
  kWrite,  // writes; SQLite: BEGIN IMMEDIATE (the write lock up front)
};

// Reasons carried by errors so the transaction runner knows what to do.
inline constexpr char kReasonRetry[] = "retry";                     // busy, serialization, deadlock
inline constexpr char kReasonConnectionLost[] = "connection_lost";  // the connection is gone
inline constexpr char kReasonStorageFull[] = "storage_full";        // the disk is full (HTTP 507)
inline constexpr char kReasonUniqueViolation[] = "unique_violation";
inline constexpr char kReasonForeignKey[] = "foreign_key_violation";

// One database connection. Not thread-safe: used by one thread at a time (the pool hands it out).
class SqlConnection {
 public:
  virtual ~SqlConnection() = default;
  virtual SqlDialect dialect() const noexcept = 0;
  // Runs SQL text without parameters or results (DDL, PRAGMA, BEGIN). May hold several statements.
  virtual Status Exec(std::string_view sql) = 0;
  // Runs a cached prepared statement.
  virtual StatusOr<SqlResult> Run(const SqlStatement& stmt,
                                  std::initializer_list<SqlParam> params) = 0;
  virtual Status Begin(TxMode mode) = 0;
  virtual Status Commit() = 0;
  // Never fails from the caller's view; a failure marks the connection broken.
  virtual void Rollback() noexcept = 0;
  // True once the connection is unusable; the pool then drops it instead of reusing it.
  virtual bool broken() const noexcept = 0;
};

}  // namespace lks::store

#endif  // LKS_SRC_STORE_SQL_SQL_CONNECTION_H_
