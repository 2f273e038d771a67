#include "api/attendance_report.h"

#include <cstdio>

#include "core/iso_time.h"

namespace lks::internal {

void WriteSessionReport(int64_t group_id, const SessionReport& report, JsonWriter& w) {
  auto time_or_null = [&](const char* key, std::optional<int64_t> ms) {
    w.Key(key);
    if (ms) {
      w.String(FormatIsoTimeMs(*ms));
    } else {
      w.Null();
    }
  };
  const RoomSession& s = report.session;
  w.BeginObject().Field("groupId", group_id).Key("session").BeginObject();
  w.Field("roomSid", std::string_view(s.room_sid));
  w.Field("roomName", std::string_view(s.room_name));
  time_or_null("startedAt", s.started_at_ms);
  time_or_null("endedAt", s.ended_at_ms);
  w.EndObject().Key("attendees").BeginArray();
  for (const AttendeeSummary& a : report.attendees) {
    w.BeginObject();
    w.Field("userId", std::string_view(a.user_id));
    w.Field("identity", std::string_view(a.identity));
    w.Key("name");
    if (a.name) {
      w.String(*a.name);
    } else {
      w.Null();
    }
    time_or_null("firstJoin", a.first_join_ms);
    time_or_null("lastLeave", a.last_leave_ms);
    w.Key("minutes").Double(a.minutes());
    w.Field("joins", a.joins);
    w.EndObject();
  }
  w.EndArray().EndObject();
}

std::string CsvField(std::string_view value, bool text) {
  std::string v;
  if (text && !value.empty() &&
      (value[0] == '=' || value[0] == '+' || value[0] == '-' || value[0] == '@' ||
       value[0] == '\t' || value[0] == '\r')) {
    v.push_back('\'');  // a spreadsheet would evaluate it (CSV injection)
  }
  v.append(value);
  if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
  std::string out = "\"";
  for (char c : v) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

std::string SessionReportCsv(const SessionReport& report) {
  std::string out = "\xEF\xBB\xBF";
  out += "userId,name,firstJoin,lastLeave,minutes,joins\r\n";
  for (const AttendeeSummary& a : report.attendees) {
    char minutes[32];
    std::snprintf(minutes, sizeof minutes, "%.2f", a.minutes());
    out += CsvField(a.user_id.empty() ? a.identity : a.user_id, true);
    out += ',';
    out += CsvField(a.name.value_or(""), true);
    out += ',';
    out += FormatIsoTimeMs(a.first_join_ms);
    out += ',';
    if (a.last_leave_ms) out += FormatIsoTimeMs(*a.last_leave_ms);
    out += ',';
    out += minutes;
    out += ',';
    out += std::to_string(a.joins);
    out += "\r\n";
  }
  return out;
}

}  // namespace lks::internal
