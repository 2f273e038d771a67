// The per-session attendance report of GET /api/study-groups/:id/attendance?session=SID, as JSON
// and as CSV (docs/rest-api.md). Internal header.
#ifndef LKS_SRC_API_ATTENDANCE_REPORT_H_
#define LKS_SRC_API_ATTENDANCE_REPORT_H_

#include <string>

#include "core/json_writer.h"
#include "lks/groups/study_group_service.h"

namespace lks::internal {

// {"groupId","session":{"roomSid","roomName","startedAt","endedAt"},
//  "attendees":[{"userId","identity","name","firstJoin","lastLeave","minutes","joins"}]}
void WriteSessionReport(int64_t group_id, const SessionReport& report, JsonWriter& w);

// The same attendees as CSV (RFC 4180): a UTF-8 byte order mark (so spreadsheets read the text as
// UTF-8), a header row "userId,name,firstJoin,lastLeave,minutes,joins", one row per attendee,
// every row ended by CRLF; a field with a comma, quote, CR or LF is quoted with quotes doubled,
// and a text field that a spreadsheet would take for a formula (starting with = + - @ TAB CR) is
// prefixed with a single quote. Times are ISO 8601 UTC, empty when unset; minutes has 2 decimals.
std::string SessionReportCsv(const SessionReport& report);

// A CSV field as RFC 4180 wants it (quoted when it must be). `text`: also neutralize formulas.
std::string CsvField(std::string_view value, bool text);

}  // namespace lks::internal

#endif  // LKS_SRC_API_ATTENDANCE_REPORT_H_
