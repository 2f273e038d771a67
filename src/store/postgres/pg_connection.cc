#include "store/postgres/pg_connection.h"

#include <libpq-fe.h>

#include <charconv>
#include <cstring>
#include <string>
#include <unordered_set>

namespace lks::store {
namespace {

void IgnoreNotice(void*, const char*) {}

std::string TrimMessage(const char* m) {
  std::string s = m ? m : "";
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

class PgConnection final : public SqlConnection {
 public:
  explicit PgConnection(PGconn* conn) : conn_(conn) {}
  ~PgConnection() override { PQfinish(conn_); }

  SqlDialect dialect() const noexcept override { return SqlDialect::kPostgres; }

  Status Exec(std::string_view sql) override {
    std::string text(sql);
    PGresult* res = PQexec(conn_, text.c_str());
    Status s = Check(res, "postgres");
    PQclear(res);
    return s;
  }

  StatusOr<SqlResult> Run(const SqlStatement& st, std::initializer_list<SqlParam> params) override {
    if (!prepared_.count(&st)) {
      PGresult* res = PQprepare(conn_, st.name, st.pg_sql ? st.pg_sql : st.sql, 0, nullptr);
      Status s = Check(res, st.name);
      PQclear(res);
      if (!s.ok()) return s;
      prepared_.insert(&st);
    }
    // Text-format parameters, NUL-terminated as libpq requires: integers are formatted into
    // fixed slots, strings copied (a string_view from the caller need not end in NUL).
    constexpr size_t kMaxParams = 24;
    if (params.size() > kMaxParams)
      return InternalError(std::string(st.name) + ": too many parameters");
    const char* values[kMaxParams];
    char numbers[kMaxParams][24];
    std::string copies[kMaxParams];
    size_t n = 0;
    for (const SqlParam& p : params) {
      if (std::holds_alternative<std::nullptr_t>(p)) {
        values[n] = nullptr;
      } else if (const int64_t* i = std::get_if<int64_t>(&p)) {
        auto r = std::to_chars(numbers[n], numbers[n] + sizeof(numbers[n]) - 1, *i);
        *r.ptr = '\0';
        values[n] = numbers[n];
      } else if (const bool* b = std::get_if<bool>(&p)) {
        values[n] = *b ? "t" : "f";
      } else {
        std::string_view s = std::get<std::string_view>(p);
        copies[n].assign(s.data() ? s.data() : "", s.size());
        values[n] = copies[n].c_str();
      }
      ++n;
    }
    PGresult* res =
        PQexecPrepared(conn_, st.name, static_cast<int>(n), values, nullptr, nullptr, 0);
    Status s = Check(res, st.name);
    if (!s.ok()) {
      PQclear(res);
      return s;
    }
    SqlResult result;
    int rows = PQntuples(res);
    int cols = PQnfields(res);
    result.rows_.resize(static_cast<size_t>(rows));
    for (int r = 0; r < rows; ++r) {
      std::vector<SqlCell>& row = result.rows_[static_cast<size_t>(r)];
      row.resize(static_cast<size_t>(cols));
      for (int c = 0; c < cols; ++c) {
        if (PQgetisnull(res, r, c)) continue;
        SqlCell& cell = row[static_cast<size_t>(c)];
        cell.null = false;
        cell.s.assign(PQgetvalue(res, r, c), static_cast<size_t>(PQgetlength(res, r, c)));
      }
    }
    const char* affected = PQcmdTuples(res);
    if (affected && *affected)
      std::from_chars(affected, affected + std::strlen(affected), result.affected);
    PQclear(res);
    return result;
  }

  Status Begin(TxMode mode) override {
    switch (mode) {
      case TxMode::kNone:
        return OkStatus();
      case TxMode::kRead:
        return Exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
      case TxMode::kWrite:
        // READ COMMITTED: the atomic operations lock the rows they depend on (FOR UPDATE).
        return Exec("BEGIN");
    }
    return OkStatus();
  }

  Status Commit() override { return Exec("COMMIT"); }

  void Rollback() noexcept override {
    if (broken_) return;
    PGresult* res = PQexec(conn_, "ROLLBACK");
    if (PQresultStatus(res) != PGRES_COMMAND_OK) broken_ = true;
    PQclear(res);
  }

  bool broken() const noexcept override { return broken_ || PQstatus(conn_) != CONNECTION_OK; }

 private:
  Status Check(PGresult* res, std::string_view what) {
    ExecStatusType st = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
    if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK) return OkStatus();
    const char* state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
    std::string code = state ? state : "";
    std::string msg = std::string(what) + ": " +
                      TrimMessage(res ? PQresultErrorMessage(res) : PQerrorMessage(conn_));
    if (PQstatus(conn_) != CONNECTION_OK || code.rfind("08", 0) == 0 || code == "57P01" ||
        code == "57P02" || code == "57P03") {
      broken_ = true;
      return Status(StatusCode::kUnavailable, std::move(msg)).WithReason(kReasonConnectionLost);
    }
    if (code == "40001" || code == "40P01" || code == "55P03") {
      return Status(StatusCode::kAborted, std::move(msg)).WithReason(kReasonRetry);
    }
    if (code == "23505")
      return Status(StatusCode::kAlreadyExists, std::move(msg)).WithReason(kReasonUniqueViolation);
    if (code == "23503")
      return Status(StatusCode::kFailedPrecondition, std::move(msg)).WithReason(kReasonForeignKey);
    if (code.rfind("22", 0) == 0 || code.rfind("23", 0) == 0)
      return InvalidArgumentError(std::move(msg));
    return InternalError(std::move(msg));
  }

  PGconn* conn_;
  std::unordered_set<const SqlStatement*> prepared_;
  bool broken_ = false;
};

}  // namespace

StatusOr<std::unique_ptr<SqlConnection>> OpenPgConnection(const std::string& conninfo) {
  PGconn* conn = PQconnectdb(conninfo.c_str());
  if (!conn) return UnavailableError("url: cannot connect to PostgreSQL: out of memory");
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string reason = TrimMessage(PQerrorMessage(conn));
    PQfinish(conn);
    return Status(StatusCode::kUnavailable, "url: cannot connect to PostgreSQL: " + reason)
        .WithReason(kReasonConnectionLost);
  }
  PQsetNoticeProcessor(conn, IgnoreNotice, nullptr);
  auto c = std::make_unique<PgConnection>(conn);
  Status s = c->Exec("SET client_min_messages = warning");
  if (!s.ok()) return s;
  return std::unique_ptr<SqlConnection>(std::move(c));
}

}  // namespace lks::store
