#include "store/sqlite/sqlite_connection.h"

#include <sqlite3.h>

#include <string>
#include <unordered_map>

namespace lks::store {
namespace {

// "$1" placeholders become SQLite's "?1" (same number, so the order of first use is irrelevant).
std::string ToSqlitePlaceholders(const char* sql) {
  std::string out(sql);
  bool in_literal = false;
  for (char& c : out) {
    if (c == '\'') in_literal = !in_literal;
    if (c == '$' && !in_literal) c = '?';
  }
  return out;
}

Status SqliteError(sqlite3* db, int rc, std::string_view what) {
  int ext = db ? sqlite3_extended_errcode(db) : rc;
  std::string msg = std::string(what) + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
  switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return Status(StatusCode::kAborted, std::move(msg)).WithReason(kReasonRetry);
    case SQLITE_CONSTRAINT:
      if (ext == SQLITE_CONSTRAINT_UNIQUE || ext == SQLITE_CONSTRAINT_PRIMARYKEY) {
        return Status(StatusCode::kAlreadyExists, std::move(msg))
            .WithReason(kReasonUniqueViolation);
      }
      if (ext == SQLITE_CONSTRAINT_FOREIGNKEY) {
        return Status(StatusCode::kFailedPrecondition, std::move(msg))
            .WithReason(kReasonForeignKey);
      }
      return Status(StatusCode::kInvalidArgument, std::move(msg));
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return Status(StatusCode::kDataLoss, std::move(msg));
    case SQLITE_FULL:
      // The disk (or the database's size limit) is full: nothing was written; a REST layer
      // answers 507 Insufficient Storage, and writes succeed again once space is freed.
      return Status(StatusCode::kResourceExhausted, msg + " (nothing was written; free disk space)")
          .WithReason(kReasonStorageFull)
          .WithHttpStatus(507);
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
    case SQLITE_READONLY:
    case SQLITE_PERM:
      return Status(StatusCode::kUnavailable, std::move(msg));
    case SQLITE_NOMEM:
      return Status(StatusCode::kResourceExhausted, std::move(msg));
    default:
      return Status(StatusCode::kInternal, std::move(msg));
  }
}

class SqliteConnection final : public SqlConnection {
 public:
  explicit SqliteConnection(sqlite3* db) : db_(db) {}
  ~SqliteConnection() override {
    for (auto& [key, stmt] : cache_) sqlite3_finalize(stmt);
    sqlite3_close_v2(db_);
  }

  SqlDialect dialect() const noexcept override { return SqlDialect::kSqlite; }

  Status Exec(std::string_view sql) override {
    std::string text(sql);
    int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) return SqliteError(db_, rc, "sqlite");
    return OkStatus();
  }

  StatusOr<SqlResult> Run(const SqlStatement& st, std::initializer_list<SqlParam> params) override {
    sqlite3_stmt* stmt = nullptr;
    auto it = cache_.find(&st);
    if (it != cache_.end()) {
      stmt = it->second;
    } else {
      std::string sql = ToSqlitePlaceholders(st.sql);
      int rc = sqlite3_prepare_v3(db_, sql.c_str(), static_cast<int>(sql.size()),
                                  SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
      if (rc != SQLITE_OK) return SqliteError(db_, rc, st.name);
      cache_.emplace(&st, stmt);
    }
    int index = 1;
    for (const SqlParam& p : params) {
      int rc = SQLITE_OK;
      if (std::holds_alternative<std::nullptr_t>(p)) {
        rc = sqlite3_bind_null(stmt, index);
      } else if (const int64_t* i = std::get_if<int64_t>(&p)) {
        rc = sqlite3_bind_int64(stmt, index, *i);
      } else if (const bool* b = std::get_if<bool>(&p)) {
        rc = sqlite3_bind_int(stmt, index, *b ? 1 : 0);
      } else {
        std::string_view s = std::get<std::string_view>(p);
        rc = sqlite3_bind_text(stmt, index, s.data(), static_cast<int>(s.size()), SQLITE_STATIC);
      }
      if (rc != SQLITE_OK) {
        sqlite3_clear_bindings(stmt);
        return SqliteError(db_, rc, st.name);
      }
      ++index;
    }
    SqlResult result;
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
      int n = sqlite3_column_count(stmt);
      std::vector<SqlCell>& row = result.rows_.emplace_back(static_cast<size_t>(n));
      for (int c = 0; c < n; ++c) {
        SqlCell& cell = row[static_cast<size_t>(c)];
        switch (sqlite3_column_type(stmt, c)) {
          case SQLITE_NULL:
            break;
          case SQLITE_INTEGER:
            cell.null = false;
            cell.is_int = true;
            cell.i = sqlite3_column_int64(stmt, c);
            break;
          default: {
            cell.null = false;
            const unsigned char* t = sqlite3_column_text(stmt, c);
            cell.s.assign(reinterpret_cast<const char*>(t),
                          static_cast<size_t>(sqlite3_column_bytes(stmt, c)));
          }
        }
      }
    }
    Status status;
    if (rc != SQLITE_DONE) {
      status = SqliteError(db_, rc, st.name);
    } else {
      result.affected = sqlite3_changes64(db_);
    }
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    if (!status.ok()) return status;
    return result;
  }

  Status Begin(TxMode mode) override {
    if (mode == TxMode::kNone) return OkStatus();
    return Exec(mode == TxMode::kWrite ? "BEGIN IMMEDIATE" : "BEGIN");
  }

  Status Commit() override { return Exec("COMMIT"); }

  void Rollback() noexcept override {
    if (sqlite3_get_autocommit(db_)) return;  // nothing open (SQLite may have rolled back already)
    if (sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr) != SQLITE_OK) broken_ = true;
  }

  bool broken() const noexcept override { return broken_; }

 private:
  sqlite3* db_;
  std::unordered_map<const SqlStatement*, sqlite3_stmt*> cache_;
  bool broken_ = false;
};

}  // namespace

StatusOr<std::unique_ptr<SqlConnection>> OpenSqliteConnection(const SqliteOpenOptions& options) {
  sqlite3* db = nullptr;
  const bool memory = options.path == ":memory:";
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  int rc = sqlite3_open_v2(options.path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    Status s = SqliteError(db, rc, "url: cannot open SQLite database");
    sqlite3_close_v2(db);
    return Status(StatusCode::kUnavailable, s.message());
  }
  auto conn = std::make_unique<SqliteConnection>(db);
  sqlite3_busy_timeout(db, options.busy_timeout_ms);
  sqlite3_extended_result_codes(db, 1);
  // WAL: readers never block the writer and a commit is one append. synchronous=NORMAL in WAL
  // mode keeps every committed transaction across a process crash (power loss may drop the last
  // ones); foreign keys are off by default in SQLite.
  std::string setup = "PRAGMA foreign_keys=ON;";
  if (!memory) setup += "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;";
  Status s = conn->Exec(setup);
  if (!s.ok()) return s;
  return std::unique_ptr<SqlConnection>(std::move(conn));
}

}  // namespace lks::store
