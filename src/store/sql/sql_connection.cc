#include "store/sql/sql_connection.h"

#include <charconv>

namespace lks::store {

int64_t SqlResult::Int(size_t r, size_t c) const {
  const SqlCell& cell = rows_[r][c];
  if (cell.null) return 0;
  if (cell.is_int) return cell.i;
  int64_t v = 0;
  const char* b = cell.s.data();
  const char* e = b + cell.s.size();
  if (b != e && (*b == 't' || *b == 'f')) return *b == 't' ? 1 : 0;  // a boolean read as integer
  std::from_chars(b, e, v);
  return v;
}

bool SqlResult::Bool(size_t r, size_t c) const {
  const SqlCell& cell = rows_[r][c];
  if (cell.null) return false;
  if (cell.is_int) return cell.i != 0;
  return cell.s == "t" || cell.s == "true" || cell.s == "1" || cell.s == "TRUE";
}

std::string SqlResult::Text(size_t r, size_t c) const {
  const SqlCell& cell = rows_[r][c];
  if (cell.null) return std::string();
  if (cell.is_int) return std::to_string(cell.i);
  return cell.s;
}

std::optional<std::string> SqlResult::OptText(size_t r, size_t c) const {
  if (rows_[r][c].null) return std::nullopt;
  return Text(r, c);
}

std::optional<int64_t> SqlResult::OptInt(size_t r, size_t c) const {
  if (rows_[r][c].null) return std::nullopt;
  return Int(r, c);
}

}  // namespace lks::store
