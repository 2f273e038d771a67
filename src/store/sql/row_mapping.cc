#include "store/sql/row_mapping.h"

#include <optional>
#include <string>

namespace lks::store {

using internal::FieldDesc;
using internal::FieldKind;

const FieldDesc* ReadRow(const SqlResult& r, size_t row, const internal::ModelDesc& desc,
                         void* model, size_t first_column) {
  size_t col = first_column;
  const FieldDesc* bad = nullptr;
  for (const FieldDesc& f : desc.fields) {
    void* m = f.at(model);
    const size_t c = col++;
    switch (f.kind) {
      case FieldKind::kString:
        *static_cast<std::string*>(m) = r.Text(row, c);
        break;
      case FieldKind::kBool:
        *static_cast<bool*>(m) = r.Bool(row, c);
        break;
      case FieldKind::kInt32:
        *static_cast<int32_t*>(m) = static_cast<int32_t>(r.Int(row, c));
        break;
      case FieldKind::kUint32:
        *static_cast<uint32_t*>(m) = static_cast<uint32_t>(r.Int(row, c));
        break;
      case FieldKind::kInt64:
      case FieldKind::kTime:
        *static_cast<int64_t*>(m) = r.Int(row, c);
        break;
      case FieldKind::kOptString:
        *static_cast<std::optional<std::string>*>(m) = r.OptText(row, c);
        break;
      case FieldKind::kOptInt64:
      case FieldKind::kOptTime:
        *static_cast<std::optional<int64_t>*>(m) = r.OptInt(row, c);
        break;
      case FieldKind::kEnum: {
        const int v = f.enums->Find(r.Text(row, c));
        if (v < 0) {
          if (!bad) bad = &f;
        } else {
          internal::SetEnum(m, v);
        }
        break;
      }
      default:
        if (!bad) bad = &f;  // no column form (lists, maps, nested records)
        break;
    }
  }
  return bad;
}

}  // namespace lks::store
