// A host-provided store for the conformance suite: an lks_storage_backend vtable (written as a
// host would, against lks.h only) whose entry point forwards each request to a SQLite
// ":memory:" store opened through the C ABI, wrapped back into a StudyGroupStore the way the
// library wraps any host's vtable.
#ifndef LKS_TESTS_STORAGE_VTABLE_SQLITE_BACKEND_H_
#define LKS_TESTS_STORAGE_VTABLE_SQLITE_BACKEND_H_

#include <memory>

#include "lks/store/open_store.h"

namespace lks::testing {

StatusOr<std::unique_ptr<StudyGroupStore>> OpenVtableSqliteStore(const StoreOptions& options);

}  // namespace lks::testing

#endif  // LKS_TESTS_STORAGE_VTABLE_SQLITE_BACKEND_H_
