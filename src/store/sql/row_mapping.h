// The SQL row mapping driven by the records' descriptions (store/store_fields.h): column i of a
// selected row is field i of the description, so the column lists in statements.h follow the
// tables' order. Internal header.
#ifndef LKS_SRC_STORE_SQL_ROW_MAPPING_H_
#define LKS_SRC_STORE_SQL_ROW_MAPPING_H_

#include "core/fields.h"
#include "store/sql/sql_connection.h"

namespace lks::store {

// Fills `model` from row `row` of `r`, its first field from column `first_column` (a statement
// that selects several records side by side). Returns nullptr, or the field whose column held a
// value the description does not allow (an unknown enum name), for the caller's kDataLoss error.
const internal::FieldDesc* ReadRow(const SqlResult& r, size_t row, const internal::ModelDesc& desc,
                                   void* model, size_t first_column = 0);

// The record of type T in row `row` (for records whose columns cannot be out of range).
template <typename T>
T RowAs(const SqlResult& r, size_t row, const internal::ModelDesc& desc) {
  T out;
  ReadRow(r, row, desc, &out);
  return out;
}

}  // namespace lks::store

#endif  // LKS_SRC_STORE_SQL_ROW_MAPPING_H_
