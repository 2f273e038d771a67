#include "vtable_sqlite_backend.h"

namespace lks::testing {

StatusOr<std::unique_ptr<StudyGroupStore>> OpenVtableSqliteStore(const StoreOptions&) {
  return UnimplementedError("vtable backend not built yet");
}

}  // namespace lks::testing
