// Input checks shared by every store (and the JSON codec), so each backend rejects the same
// input with the same message naming the field. Internal header.
#ifndef LKS_SRC_STORE_VALIDATION_H_
#define LKS_SRC_STORE_VALIDATION_H_

#include <string_view>

#include "lks/core/status.h"
#include "lks/store/models.h"

namespace lks::store {

// Text: valid UTF-8, no NUL byte, at most `max_bytes`; `required` also refuses "".
Status CheckText(std::string_view value, std::string_view field, size_t max_bytes, bool required);
// An identifier (user id, room SID/name, identity, event id): 1..kMaxIdBytes of text.
Status CheckId(std::string_view value, std::string_view field);
Status CheckGroupId(int64_t group_id);
Status CheckNewGroup(const NewStudyGroup& group);
// The group as it would be stored after an update.
Status CheckGroup(const StudyGroup& group);
Status CheckTimestamp(int64_t ms, std::string_view field);

}  // namespace lks::store

#endif  // LKS_SRC_STORE_VALIDATION_H_
