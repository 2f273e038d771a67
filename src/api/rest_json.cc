#include "api/rest_json.h"

#include "core/iso_time.h"
#include "store/store_json.h"

namespace lks::internal {

// The seed's group and membership JSON is the store's own (store/store_json.h).
void WriteGroup(const StudyGroup& g, const std::optional<Occurrence>& next, JsonWriter& w) {
  w.BeginObject();
  store::WriteGroupMembers(w, g);
  w.Key("nextSession");
  if (next) {
    w.BeginObject()
        .Field("start", std::string_view(FormatIsoTimeMs(next->start_ms)))
        .Field("end", std::string_view(FormatIsoTimeMs(next->end_ms)))
        .EndObject();
  } else {
    w.Null();
  }
  w.EndObject();
}
void WriteMembership(const Membership& m, JsonWriter& w) { store::WriteMembership(w, m); }
void WriteKnock(const Knock& k, JsonWriter& w) { store::WriteKnock(w, k); }

void WriteKnockList(const KnockList& list, JsonWriter& w) {
  w.BeginObject().Field("groupId", list.group_id).Key("session");
  if (list.session) {
    w.String(*list.session);
  } else {
    w.Null();
  }
  w.Key("knocks").BeginArray();
  for (const Knock& k : list.knocks) store::WriteKnock(w, k);
  w.EndArray().Field("total", static_cast<int64_t>(list.knocks.size())).EndObject();
}

void WriteRoom(const Room& r, JsonWriter& w) {
  w.BeginObject();
  w.Field("sid", std::string_view(r.sid));
  w.Field("name", std::string_view(r.name));
  w.Key("emptyTimeout").Uint(r.empty_timeout);
  w.Key("maxParticipants").Uint(r.max_participants);
  w.Key("numParticipants").Uint(r.num_participants);
  w.Field("creationTime", r.creation_time);
  w.Field("metadata", std::string_view(r.metadata));
  w.Key("departureTimeout").Uint(r.departure_timeout);
  w.Key("numPublishers").Uint(r.num_publishers);
  w.Field("activeRecording", r.active_recording);
  w.EndObject();
}

void WriteParticipant(const ParticipantInfo& p, JsonWriter& w) {
  w.BeginObject();
  w.Field("sid", std::string_view(p.sid));
  w.Field("identity", std::string_view(p.identity));
  w.Field("name", std::string_view(p.name));
  w.Field("state", ParticipantStateName(p.state));
  w.Field("joinedAt", p.joined_at);
  w.Field("metadata", std::string_view(p.metadata));
  w.Field("isPublisher", p.is_publisher);
  w.Field("kind", ParticipantKindName(p.kind));
  w.Key("tracks").BeginArray();
  for (const TrackInfo& t : p.tracks) {
    w.BeginObject();
    w.Field("sid", std::string_view(t.sid));
    w.Field("type", TrackTypeName(t.type));
    w.Field("source", TrackSourceName(t.source));
    w.Field("name", std::string_view(t.name));
    w.Field("muted", t.muted);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
}

void WriteUsage(const UsageReport& u, JsonWriter& w) {
  const double rate = u.cost_per_participant_minute;
  w.BeginObject();
  w.Field("groupId", u.usage.group_id);
  w.Key("participantMinutes").Double(u.usage.participant_minutes());
  w.Key("estimatedCost").Double(u.estimated_cost());
  w.Field("currency", "USD");
  w.Key("ratePerParticipantMinute").Double(rate);
  w.Key("sessions").BeginArray();
  for (const SessionUsage& s : u.usage.sessions) {
    w.BeginObject();
    w.Field("roomSid", std::string_view(s.room_sid));
    w.Key("participantMinutes").Double(s.participant_minutes());
    w.Field("participantSessions", s.participant_sessions);
    w.Key("estimatedCost").Double(s.participant_minutes() * rate);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
}

void WriteAttendance(int64_t group_id, const std::vector<SessionAttendance>& sessions,
                     JsonWriter& w) {
  auto time_or_null = [&](const char* key, std::optional<int64_t> ms) {
    w.Key(key);
    if (ms) {
      w.String(FormatIsoTimeMs(*ms));
    } else {
      w.Null();
    }
  };
  w.BeginObject().Field("groupId", group_id).Key("sessions").BeginArray();
  for (const SessionAttendance& s : sessions) {
    w.BeginObject();
    w.Field("roomSid", std::string_view(s.session.room_sid));
    w.Field("roomName", std::string_view(s.session.room_name));
    time_or_null("startedAt", s.session.started_at_ms);
    time_or_null("endedAt", s.session.ended_at_ms);
    w.Key("attendance").BeginArray();
    for (const Attendance& a : s.attendance) {
      w.BeginObject();
      w.Field("identity", std::string_view(a.participant_identity));
      w.Field("userId", std::string_view(a.user_id));
      time_or_null("joinedAt", a.joined_at_ms);
      time_or_null("leftAt", a.left_at_ms);
      w.Key("participantMinutes");
      if (a.left_at_ms) {
        w.Double(static_cast<double>(*a.left_at_ms - a.joined_at_ms) / 60000.0);
      } else {
        w.Null();  // still connected
      }
      // What recorded it: "webhook", or "reconcile" when reconciliation opened or closed it.
      w.Field("source", a.source == AttendanceSource::kReconcile ? "reconcile" : "webhook");
      w.EndObject();
    }
    w.EndArray().EndObject();
  }
  w.EndArray().EndObject();
}

}  // namespace lks::internal
