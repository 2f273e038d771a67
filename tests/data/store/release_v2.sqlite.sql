-- A database that lkstudy's release of schema version 2 (commit d6d0f92) wrote itself, through
-- its REST API and signed webhooks, dumped with sqlite3 .dump: made by make_release_db.sh (see
-- there how). tests/storage/schema_upgrade_test.cc opens it with the current store.
PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE lks_schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR(255) NOT NULL, applied_at BIGINT NOT NULL);
INSERT INTO lks_schema_migrations VALUES(1,'study groups, memberships, sessions, attendance, webhook events, removals; LiveKit columns',1796351825956);
INSERT INTO lks_schema_migrations VALUES(2,'group schedules (time zone, recurrence, join window), admission and lock; knocks; attendance source',1796351825959);
CREATE TABLE study_groups (id INTEGER PRIMARY KEY AUTOINCREMENT,
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
  updated_at BIGINT NOT NULL DEFAULT 0, time_zone VARCHAR(64), recurrence TEXT, early_join_minutes INTEGER NOT NULL DEFAULT 15, grace_minutes INTEGER NOT NULL DEFAULT 15, admission VARCHAR(16) NOT NULL DEFAULT 'open'
  CHECK (admission IN ('open', 'approval')), locked BOOLEAN NOT NULL DEFAULT FALSE);
INSERT INTO study_groups VALUES(1,'Gospel of John','Weekly',15,1760554800000,90,'livekit',1,'study_group_1796351826_6850ab2c','RM_release',NULL,NULL,'15',1796351826006,1796351826476,NULL,NULL,15,15,'open',0);
INSERT INTO study_groups VALUES(2,'Psalms','',10,0,60,'google_meet',0,NULL,NULL,'https://meet.google.com/abc-defg-hij','abc-defg-hij','20',1796351826040,1796351826040,NULL,NULL,15,15,'open',0);
CREATE TABLE memberships (
  group_id BIGINT NOT NULL REFERENCES study_groups (id) ON DELETE CASCADE,
  user_id VARCHAR(255) NOT NULL,
  role VARCHAR(16) NOT NULL CHECK (role IN ('owner', 'moderator', 'member')),
  joined_at BIGINT NOT NULL,
  PRIMARY KEY (group_id, user_id)
);
INSERT INTO memberships VALUES(1,'15','owner',1796351826006);
INSERT INTO memberships VALUES(2,'20','owner',1796351826040);
INSERT INTO memberships VALUES(1,'16','member',1796351826334);
INSERT INTO memberships VALUES(1,'17','member',1796351826368);
INSERT INTO memberships VALUES(2,'16','member',1796351826461);
CREATE TABLE room_sessions (
  room_sid VARCHAR(255) PRIMARY KEY,
  group_id BIGINT NOT NULL REFERENCES study_groups (id) ON DELETE CASCADE,
  room_name VARCHAR(255) NOT NULL,
  started_at BIGINT NOT NULL,
  ended_at BIGINT
);
INSERT INTO room_sessions VALUES('RM_release',1,'study_group_1796351826_6850ab2c',1760554800000,1760556017000);
CREATE TABLE attendance (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  room_sid VARCHAR(255) NOT NULL REFERENCES room_sessions (room_sid) ON DELETE CASCADE,
  participant_identity VARCHAR(255) NOT NULL,
  user_id VARCHAR(255) NOT NULL DEFAULT '',
  joined_at BIGINT NOT NULL,
  left_at BIGINT
, source VARCHAR(16) NOT NULL DEFAULT 'webhook'
  CHECK (source IN ('webhook', 'reconcile')));
INSERT INTO attendance VALUES(1,'RM_release','user_16','16',1760554816000,1760555416000,'webhook');
INSERT INTO attendance VALUES(2,'RM_release','user_17','17',1760554817000,1760556017000,'webhook');
CREATE TABLE webhook_events (
  event_id VARCHAR(255) PRIMARY KEY,
  received_at BIGINT NOT NULL
);
INSERT INTO webhook_events VALUES('EV_r1',1796351826475);
INSERT INTO webhook_events VALUES('EV_j16',1796351826489);
INSERT INTO webhook_events VALUES('EV_j17',1796351826503);
INSERT INTO webhook_events VALUES('EV_l16',1796351826517);
INSERT INTO webhook_events VALUES('EV_f1',1796351826530);
CREATE TABLE removals (
  room_sid VARCHAR(255) NOT NULL,
  user_id VARCHAR(255) NOT NULL,
  removed_by VARCHAR(255) NOT NULL DEFAULT '',
  removed_at BIGINT NOT NULL,
  PRIMARY KEY (room_sid, user_id)
);
CREATE TABLE knocks (
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
DELETE FROM sqlite_sequence;
INSERT INTO sqlite_sequence VALUES('study_groups',2);
INSERT INTO sqlite_sequence VALUES('attendance',2);
CREATE UNIQUE INDEX study_groups_livekit_room_name ON study_groups (livekit_room_name);
CREATE INDEX memberships_user ON memberships (user_id, group_id);
CREATE INDEX room_sessions_group ON room_sessions (group_id, started_at);
CREATE INDEX attendance_room ON attendance (room_sid, joined_at);
CREATE UNIQUE INDEX attendance_one_open ON attendance (room_sid, participant_identity)
  WHERE left_at IS NULL;
CREATE INDEX knocks_session ON knocks (group_id, session_key, knocked_at);
COMMIT;
