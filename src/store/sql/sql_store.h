// SqlStudyGroupStore: the StudyGroupStore logic over a ConnectionPool, shared by the SQLite and
// PostgreSQL backends (they differ only in their SqlConnection). Internal header.
//
// Atomicity: every operation runs in one transaction. Write transactions take the write lock up
// front on SQLite (BEGIN IMMEDIATE) and lock the group row (SELECT ... FOR UPDATE) on
// PostgreSQL, so "check then write" operations such as AddMember hold across processes.
// Transactions that hit a busy database, a serialization failure, a deadlock or a lost connection
// (before COMMIT) are retried on a fresh connection with backoff.
//
// Thread-safety: safe for concurrent use; each call leases its own connection from the pool.
#ifndef LKS_SRC_STORE_SQL_SQL_STORE_H_
#define LKS_SRC_STORE_SQL_SQL_STORE_H_

#include <memory>

#include "lks/core/clock.h"
#include "lks/store/study_group_store.h"
#include "store/sql/connection_pool.h"

namespace lks::store {

// Takes ownership of `pool`; `clock` is borrowed and must outlive the store.
std::unique_ptr<StudyGroupStore> NewSqlStudyGroupStore(std::unique_ptr<ConnectionPool> pool,
                                                       const Clock* clock, int max_attempts);

}  // namespace lks::store

#endif  // LKS_SRC_STORE_SQL_SQL_STORE_H_
