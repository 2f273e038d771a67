#include "store/migrations.h"

#include <chrono>
#include <string>
#include <thread>
#include <vector>

namespace lks::store {
namespace {

const SqlStatement kSchemaVersion{"lks_schema_version",
                                  "SELECT COALESCE(MAX(version), 0) FROM lks_schema_migrations"};
const SqlStatement kRecordVersion{
    "lks_record_version",
    "INSERT INTO lks_schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)"};
const SqlStatement kStudyGroupColumns{
    "lks_study_group_columns", "SELECT name FROM pragma_table_info('study_groups')",
    "SELECT column_name FROM information_schema.columns "
    "WHERE table_schema = current_schema() AND table_name = 'study_groups'"};

// Columns of study_groups besides `id`, as ALTER TABLE ... ADD COLUMN definitions (valid in both
// dialects). A legacy table gets the ones it lacks; existing rows take the defaults.
struct ColumnDef {
  const char* name;
  const char* definition;
};
constexpr ColumnDef kStudyGroupColumnDefs[] = {
    {"title", "title VARCHAR(255) NOT NULL DEFAULT ''"},
    {"description", "description TEXT NOT NULL DEFAULT ''"},
    {"max_participants", "max_participants INTEGER NOT NULL DEFAULT 10"},
    {"scheduled_time", "scheduled_time BIGINT NOT NULL DEFAULT 0"},
    {"duration_minutes", "duration_minutes INTEGER NOT NULL DEFAULT 60"},
    {"video_provider", "video_provider VARCHAR(50) NOT NULL DEFAULT 'google_meet'"},
    {"use_livekit", "use_livekit BOOLEAN NOT NULL DEFAULT FALSE"},
    {"livekit_room_name", "livekit_room_name VARCHAR(255)"},
    {"livekit_room_sid", "livekit_room_sid VARCHAR(255)"},
    {"meet_link", "meet_link TEXT"},
    {"meet_id", "meet_id VARCHAR(255)"},
    {"created_by", "created_by VARCHAR(255) NOT NULL DEFAULT ''"},
    {"created_at", "created_at BIGINT NOT NULL DEFAULT 0"},
    {"updated_at", "updated_at BIGINT NOT NULL DEFAULT 0"},
};

// Everything except study_groups; `%ID%` is the dialect's auto-increment key.
constexpr char kSchemaV1[] = R"sql(
CREATE UNIQUE INDEX IF NOT EXISTS study_groups_livekit_room_name ON study_groups (livekit_room_name);
CREATE TABLE IF NOT EXISTS memberships (
  group_id BIGINT NOT NULL REFERENCES study_groups (id) ON DELETE CASCADE,
  user_id VARCHAR(255) NOT NULL,
  role VARCHAR(16) NOT NULL CHECK (role IN ('owner', 'moderator', 'member')),
  joined_at BIGINT NOT NULL,
  PRIMARY KEY (group_id, user_id)
);
CREATE INDEX IF NOT EXISTS memberships_user ON memberships (user_id, group_id);
CREATE TABLE IF NOT EXISTS room_sessions (
  room_sid VARCHAR(255) PRIMARY KEY,
  group_id BIGINT NOT NULL REFERENCES study_groups (id) ON DELETE CASCADE,
  room_name VARCHAR(255) NOT NULL,
  started_at BIGINT NOT NULL,
  ended_at BIGINT
);
CREATE INDEX IF NOT EXISTS room_sessions_group ON room_sessions (group_id, started_at);
CREATE TABLE IF NOT EXISTS attendance (
  id %ID%,
  room_sid VARCHAR(255) NOT NULL REFERENCES room_sessions (room_sid) ON DELETE CASCADE,
  participant_identity VARCHAR(255) NOT NULL,
  user_id VARCHAR(255) NOT NULL DEFAULT '',
  joined_at BIGINT NOT NULL,
  left_at BIGINT
);
CREATE INDEX IF NOT EXISTS attendance_room ON attendance (room_sid, joined_at);
CREATE UNIQUE INDEX IF NOT EXISTS attendance_one_open ON attendance (room_sid, participant_identity)
  WHERE left_at IS NULL;
CREATE TABLE IF NOT EXISTS webhook_events (
  event_id VARCHAR(255) PRIMARY KEY,
  received_at BIGINT NOT NULL
);
CREATE TABLE IF NOT EXISTS removals (
  room_sid VARCHAR(255) NOT NULL,
  user_id VARCHAR(255) NOT NULL,
  removed_by VARCHAR(255) NOT NULL DEFAULT '',
  removed_at BIGINT NOT NULL,
  PRIMARY KEY (room_sid, user_id)
);
)sql";

std::string IdColumn(SqlDialect d) {
  return d == SqlDialect::kSqlite ? "INTEGER PRIMARY KEY AUTOINCREMENT" : "BIGSERIAL PRIMARY KEY";
}

std::string WithIdColumn(std::string sql, SqlDialect d) {
  for (size_t p; (p = sql.find("%ID%")) != std::string::npos;) sql.replace(p, 4, IdColumn(d));
  return sql;
}

// Version 1: the whole schema, and the upgrade of a Google-Meet-only `study_groups` table.
Status ApplyV1(SqlConnection& c) {
  StatusOr<SqlResult> cols = c.Run(kStudyGroupColumns, {});
  if (!cols.ok()) return cols.status();
  std::vector<std::string> have;
  for (size_t r = 0; r < cols->rows(); ++r) have.push_back(cols->Text(r, 0));
  if (have.empty()) {
    std::string create = "CREATE TABLE study_groups (id " + IdColumn(c.dialect());
    for (const ColumnDef& col : kStudyGroupColumnDefs)
      create += std::string(",\n  ") + col.definition;
    create += ")";
    LKS_RETURN_IF_ERROR(c.Exec(create));
  } else {
    for (const ColumnDef& col : kStudyGroupColumnDefs) {
      bool present = false;
      for (const std::string& h : have) present = present || h == col.name;
      if (!present)
        LKS_RETURN_IF_ERROR(
            c.Exec(std::string("ALTER TABLE study_groups ADD COLUMN ") + col.definition));
    }
  }
  return c.Exec(WithIdColumn(kSchemaV1, c.dialect()));
}

// Version 2: schedules, admission and lock on groups; the waiting room's knocks; where each
// attendance row came from. Existing rows take the defaults (no schedule, open, unlocked,
// webhook).
constexpr char kSchemaV2[] = R"sql(
ALTER TABLE study_groups ADD COLUMN time_zone VARCHAR(64);
ALTER TABLE study_groups ADD COLUMN recurrence TEXT;
ALTER TABLE study_groups ADD COLUMN early_join_minutes INTEGER NOT NULL DEFAULT 15;
ALTER TABLE study_groups ADD COLUMN grace_minutes INTEGER NOT NULL DEFAULT 15;
ALTER TABLE study_groups ADD COLUMN admission VARCHAR(16) NOT NULL DEFAULT 'open'
  CHECK (admission IN ('open', 'approval'));
ALTER TABLE study_groups ADD COLUMN locked BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE attendance ADD COLUMN source VARCHAR(16) NOT NULL DEFAULT 'webhook'
  CHECK (source IN ('webhook', 'reconcile'));
CREATE TABLE IF NOT EXISTS knocks (
  group_id BIGINT NOT NULL REFERENCES study_groups (id) ON DELETE CASCADE,
  session_key VARCHAR(255) NOT NULL,
  user_id VARCHAR(255) NOT NULL,
  name VARCHAR(255) NOT NULL DEFAULT '',
  status VARCHAR(16) NOT NULL CHECK (status IN ('waiting', 'admitted', 'denied')),
  knocked_at BIGINT NOT NULL,
  decided_at BIGINT,
  decided_by VARCHAR(255),
  PRIMARY KEY (group_id, session_key, user_id)
);
CREATE INDEX IF NOT EXISTS knocks_session ON knocks (group_id, session_key, knocked_at);
)sql";

Status ApplyV2(SqlConnection& c) { return c.Exec(kSchemaV2); }

// Version 3: recording consent, end-to-end encryption and the transcription agent on groups;
// the recordings (LiveKit egresses) of each group's sessions. Existing groups take the defaults
// (no consent, no encryption, no agent). room_sid has no foreign key: an egress webhook may name
// a session the store has not seen yet.
constexpr char kSchemaV3[] = R"sql(
ALTER TABLE study_groups ADD COLUMN recording_consent BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE study_groups ADD COLUMN e2ee BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE study_groups ADD COLUMN transcription_agent VARCHAR(255);
CREATE TABLE IF NOT EXISTS recordings (
  id %ID%,
  group_id BIGINT NOT NULL REFERENCES study_groups (id) ON DELETE CASCADE,
  room_sid VARCHAR(255) NOT NULL DEFAULT '',
  egress_id VARCHAR(255) NOT NULL UNIQUE,
  status VARCHAR(16) NOT NULL CHECK (status IN ('starting', 'active', 'ending', 'complete',
    'failed', 'aborted', 'limit_reached')),
  location TEXT,
  started_at BIGINT NOT NULL,
  ended_at BIGINT,
  duration_ms BIGINT NOT NULL DEFAULT 0,
  error TEXT,
  started_by VARCHAR(255)
);
CREATE INDEX IF NOT EXISTS recordings_group ON recordings (group_id, started_at);
)sql";

Status ApplyV3(SqlConnection& c) { return c.Exec(WithIdColumn(kSchemaV3, c.dialect())); }

// Version 4: breakout rooms, and a flag on the group while a set is open. A set of rooms splits one
// main session (session_sid, no foreign key: the session row may not be stored yet); a room's
// members are its assignments.
constexpr char kSchemaV4[] = R"sql(
ALTER TABLE study_groups ADD COLUMN breakouts_open BOOLEAN NOT NULL DEFAULT FALSE;
CREATE TABLE IF NOT EXISTS breakout_rooms (
  id %ID%,
  group_id BIGINT NOT NULL REFERENCES study_groups (id) ON DELETE CASCADE,
  session_sid VARCHAR(255) NOT NULL,
  room_name VARCHAR(255) NOT NULL UNIQUE,
  number INTEGER NOT NULL,
  opened_by VARCHAR(255) NOT NULL,
  opened_at BIGINT NOT NULL,
  closed_at BIGINT
);
CREATE INDEX IF NOT EXISTS breakout_rooms_group ON breakout_rooms (group_id, opened_at, number);
CREATE TABLE IF NOT EXISTS breakout_assignments (
  breakout_id BIGINT NOT NULL REFERENCES breakout_rooms (id) ON DELETE CASCADE,
  user_id VARCHAR(255) NOT NULL,
  PRIMARY KEY (breakout_id, user_id)
);
)sql";

Status ApplyV4(SqlConnection& c) { return c.Exec(WithIdColumn(kSchemaV4, c.dialect())); }

struct Migration {
  int32_t version;
  const char* name;
  Status (*apply)(SqlConnection&);
};

constexpr Migration kMigrations[] = {
    {1,
     "study groups, memberships, sessions, attendance, webhook events, removals; LiveKit columns",
     ApplyV1},
    {2,
     "group schedules (time zone, recurrence, join window), admission and lock; knocks; "
     "attendance source",
     ApplyV2},
    {3, "recording consent, e2ee and transcription agent on groups; recordings", ApplyV3},
    {4, "breakout rooms and their assignments", ApplyV4},
};

// Returns true when it applied `m`, false when another opener already had.
StatusOr<bool> ApplyOne(SqlConnection& c, const Migration& m, const Clock& clock) {
  LKS_RETURN_IF_ERROR(c.Begin(TxMode::kWrite));
  auto fail = [&](Status s) -> StatusOr<bool> {
    c.Rollback();
    return s.Annotate("migration " + std::to_string(m.version));
  };
  if (c.dialect() == SqlDialect::kPostgres) {
    // Serializes concurrent openers (CREATE TABLE IF NOT EXISTS alone races in PostgreSQL).
    Status s = c.Exec("SELECT pg_advisory_xact_lock(7415741500)");
    if (!s.ok()) return fail(s);
  }
  Status s = c.Exec(
      "CREATE TABLE IF NOT EXISTS lks_schema_migrations (version INTEGER PRIMARY KEY, "
      "name VARCHAR(255) NOT NULL, applied_at BIGINT NOT NULL)");
  if (!s.ok()) return fail(s);
  StatusOr<SqlResult> v = c.Run(kSchemaVersion, {});
  if (!v.ok()) return fail(v.status());
  int64_t current = v->Int(0, 0);
  if (current > LatestSchemaVersion()) {
    c.Rollback();
    return FailedPreconditionError("schema version " + std::to_string(current) +
                                   " is newer than this library supports (" +
                                   std::to_string(LatestSchemaVersion()) + ")");
  }
  if (current >= m.version) {
    c.Rollback();
    return false;
  }
  s = m.apply(c);
  if (!s.ok()) return fail(s);
  StatusOr<SqlResult> rec =
      c.Run(kRecordVersion, {int64_t{m.version}, std::string_view(m.name), clock.NowUnixMillis()});
  if (!rec.ok()) return fail(rec.status());
  s = c.Commit();
  if (!s.ok()) return fail(s);
  return true;
}

}  // namespace

int32_t LatestSchemaVersion() noexcept { return kMigrations[std::size(kMigrations) - 1].version; }

Status Migrate(SqlConnection& conn, const Clock& clock, int max_attempts) {
  for (const Migration& m : kMigrations) {
    for (int attempt = 1;; ++attempt) {
      StatusOr<bool> r = ApplyOne(conn, m, clock);
      if (r.ok()) break;
      if (r.status().reason() != kReasonRetry || attempt >= max_attempts) return r.status();
      std::this_thread::sleep_for(std::chrono::milliseconds(10 * attempt));
    }
  }
  return OkStatus();
}

}  // namespace lks::store
