// The C ABI's store handle, and the StudyGroupStore that forwards to a host's
// lks_storage_backend vtable. Internal header.
#ifndef LKS_CAPI_SRC_HOST_STORE_H_
#define LKS_CAPI_SRC_HOST_STORE_H_

#include <memory>

#include "lks.h"
#include "lks/store/study_group_store.h"

struct lks_store {
  std::unique_ptr<lks::StudyGroupStore> impl;
};

namespace lks::capi {

// A StudyGroupStore whose operations run the host's `execute` with the JSON of
// store/store_json.h. Checks input first, like the built-in stores. Takes a copy of `backend`;
// calls its destroy when destroyed. Precondition: backend validated (version, size, execute).
std::unique_ptr<StudyGroupStore> NewHostStudyGroupStore(const lks_storage_backend& backend);

// Wraps any StudyGroupStore as a C handle (tests use it to give a store a manual clock).
lks_store* NewStoreHandle(std::unique_ptr<StudyGroupStore> store);

}  // namespace lks::capi

#endif  // LKS_CAPI_SRC_HOST_STORE_H_
