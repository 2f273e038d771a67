-- A database as lkstudy's schema version 3 (the release before breakout rooms; schema_v2.sql plus
-- that release's version-3 migration, verbatim) wrote it, with rows in every table and in every
-- version-3 column. `%ID%` is the dialect's auto-increment key (as in src/store/migrations.cc).
-- tests/storage/schema_upgrade_test.cc loads it and upgrades it to the current version.
CREATE TABLE lks_schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR(255) NOT NULL,
  applied_at BIGINT NOT NULL);
INSERT INTO lks_schema_migrations (version, name, applied_at) VALUES
  (1, 'study groups, memberships, sessions, attendance, webhook events, removals; LiveKit columns',
   1760000000000),
  (2, 'group schedules (time zone, recurrence, join window), admission and lock; knocks; attendance source',
   1760000000500),
  (3, 'recording consent, e2ee and transcription agent on groups; recordings', 1760000000900);
CREATE TABLE study_groups (id %ID%,
  title VARCHAR(255) NOT NULL DEFAULT '',
  description TEXT NOT NULL DEFAULT '',
  max_participants INTEGER NOT NULL DEFAULT 10,
  scheduled_time BIGINT NOT NULL DEFAULT 0,
  duration_minutes INTEGER NOT NULL DEFAULT 60,
  video_provider VARCHAR(50) NOT NULL DEFAULT 'google_meet',
  use_livekit BOOLEAN NOT NULL DEFAULT FALSE,
  livekit_room_name VARCHAR(255),
  livekit_room_sid VARCHAR(255),
  meet_link TEXT,
  meet_id VARCHAR(255),
  created_by VARCHAR(255) NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL DEFAULT 0,
  updated_at BIGINT NOT NULL DEFAULT 0);
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
-- Version 2, as src/store/migrations.cc (kSchemaV2) of the release with schema version 2 runs it.
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
-- The version-3 migration, verbatim.
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
INSERT INTO study_groups (title, description, max_participants, scheduled_time, duration_minutes,
  video_provider, use_livekit, livekit_room_name, livekit_room_sid, meet_link, meet_id, created_by,
  created_at, updated_at) VALUES
  ('Gospel of John', 'Weekly', 15, 1760554800000, 60, 'livekit', TRUE,
   'study_group_1760000000_aaaa', 'RM_old', NULL, NULL, 'u1', 1760000000000, 1760000001000),
  ('Psalms', '', 2, 0, 45, 'google_meet', FALSE, NULL, NULL,
   'https://meet.google.com/ddd-eeee-fff', 'ddd-eeee-fff', 'u2', 1760000002000, 1760000002000);
INSERT INTO memberships (group_id, user_id, role, joined_at) VALUES
  (1, 'u1', 'owner', 1760000000000), (1, 'u3', 'member', 1760000003000),
  (2, 'u2', 'owner', 1760000002000);
INSERT INTO room_sessions (room_sid, group_id, room_name, started_at, ended_at) VALUES
  ('RM_old', 1, 'study_group_1760000000_aaaa', 1760554800000, 1760558400000),
  ('RM_live', 1, 'study_group_1760000000_aaaa', 1760641200000, NULL);
INSERT INTO attendance (room_sid, participant_identity, user_id, joined_at, left_at) VALUES
  ('RM_old', 'user_u1', 'u1', 1760554800000, 1760558400000),
  ('RM_old', 'user_u3', 'u3', 1760555400000, 1760556600000),
  ('RM_live', 'user_u1', 'u1', 1760641200000, NULL);
INSERT INTO webhook_events (event_id, received_at) VALUES ('EV_1', 1760554800000);
INSERT INTO removals (room_sid, user_id, removed_by, removed_at) VALUES
  ('RM_old', 'u9', 'u1', 1760555000000);
-- Rows only version 2 has: a schedule with approval and lock, knocks, a reconciled attendance row.
UPDATE study_groups SET time_zone = 'America/New_York', recurrence = 'FREQ=WEEKLY;BYDAY=TU',
  early_join_minutes = 5, grace_minutes = 30, admission = 'approval', locked = TRUE WHERE id = 1;
INSERT INTO knocks (group_id, session_key, user_id, name, status, knocked_at, decided_at, decided_by)
  VALUES (1, 'RM_live', 'u4', 'Ruth Ames', 'admitted', 1760641300000, 1760641310000, 'u1'),
  (1, 'RM_live', 'u5', 'Eli Stone', 'waiting', 1760641400000, NULL, NULL);
INSERT INTO attendance (room_sid, participant_identity, user_id, joined_at, left_at, source) VALUES
  ('RM_live', 'user_u4', 'u4', 1760641320000, 1760642000000, 'reconcile');
-- Rows only version 3 has: recording consent, e2ee and an agent on group 1, two recordings.
UPDATE study_groups SET recording_consent = TRUE, e2ee = TRUE, transcription_agent = 'scribe'
  WHERE id = 1;
INSERT INTO recordings (group_id, room_sid, egress_id, status, location, started_at, ended_at,
  duration_ms, error, started_by) VALUES
  (1, 'RM_old', 'EG_done', 'complete', 'study-groups/1/old.mp4', 1760554900000, 1760558300000,
   3400000, NULL, 'u1'),
  (1, 'RM_live', 'EG_running', 'active', NULL, 1760641250000, NULL, 0, NULL, 'u1');
