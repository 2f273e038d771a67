// Checks shared by the upgrade tests (schema_upgrade_test.cc, legacy_upgrade_test.cc): writing an
// old database into a SQLite file, and reading back that the upgrade recorded each migration once
// (and, on SQLite, left an intact file).
#ifndef LKS_TESTS_STORAGE_UPGRADE_CHECKS_H_
#define LKS_TESTS_STORAGE_UPGRADE_CHECKS_H_

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>

#include "lks/store/open_store.h"
#include "store_backends.h"

namespace lks::testing {

// A fresh SQLite file at `path` holding what `sql` writes (a fixture); empty on success, else
// why it could not be made.
inline std::string WriteSqliteFixture(const std::string& path, const std::string& sql) {
  std::remove(path.c_str());
  sqlite3* db = nullptr;
  if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) return "cannot open " + path;
  char* err = nullptr;
  const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
  std::string why = rc == SQLITE_OK ? "" : std::string("fixture: ") + (err ? err : "failed");
  sqlite3_free(err);
  sqlite3_close(db);
  return why;
}

// The upgraded SQLite file at `path` has one version row per migration up to the latest (the
// first applied at `first_applied_ms`, when given) and passes PRAGMA integrity_check.
inline void ExpectSqliteMigratedOnce(const std::string& path,
                                     std::optional<int64_t> first_applied_ms = std::nullopt) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK) << path;
  sqlite3_stmt* st = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(
                db, "SELECT COUNT(*), MAX(version), MIN(applied_at) FROM lks_schema_migrations", -1,
                &st, nullptr),
            SQLITE_OK);
  ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int(st, 0), LatestStoreSchemaVersion());
  EXPECT_EQ(sqlite3_column_int(st, 1), LatestStoreSchemaVersion());
  if (first_applied_ms) {
    EXPECT_EQ(sqlite3_column_int64(st, 2), *first_applied_ms);
  }
  sqlite3_finalize(st);
  ASSERT_EQ(sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, nullptr), SQLITE_OK);
  ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)), "ok");
  sqlite3_finalize(st);
  sqlite3_close(db);
}

#if LKS_TEST_POSTGRES
// The upgraded PostgreSQL `schema` has one version row per migration (a repeated one would have
// failed on the primary key).
inline void ExpectPostgresMigratedOnce(PostgresServer* pg, const std::string& schema) {
  EXPECT_EQ(pg->Execute("DO $$ BEGIN IF (SELECT COUNT(*) FROM lks_schema_migrations) <> " +
                            std::to_string(LatestStoreSchemaVersion()) +
                            " THEN RAISE EXCEPTION 'bad version rows'; END IF; END $$",
                        schema),
            "");
}
#endif  // LKS_TEST_POSTGRES

}  // namespace lks::testing

#endif  // LKS_TESTS_STORAGE_UPGRADE_CHECKS_H_
