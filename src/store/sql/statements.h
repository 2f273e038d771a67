// Every SQL statement the SQL-backed stores run, with $N placeholders; one text for both
// dialects unless a PostgreSQL variant is given (row locks). Internal header; the benchmark's raw
// SQLite floor runs these same texts.
#ifndef LKS_SRC_STORE_SQL_STATEMENTS_H_
#define LKS_SRC_STORE_SQL_STATEMENTS_H_

#include "store/sql/sql_connection.h"

namespace lks::store {

#define LKS_GROUP_COLUMNS                                                                         \
  "id, title, description, max_participants, scheduled_time, duration_minutes, video_provider, "  \
  "use_livekit, "                                                                                 \
  "livekit_room_name, livekit_room_sid, meet_link, meet_id, created_by, created_at, updated_at, " \
  "time_zone, recurrence, early_join_minutes, grace_minutes, admission, locked, "                 \
  "recording_consent, e2ee, transcription_agent, breakouts_open"
#define LKS_GROUP_COLUMNS_G                                                                        \
  "g.id, g.title, g.description, g.max_participants, g.scheduled_time, g.duration_minutes, "       \
  "g.video_provider, "                                                                             \
  "g.use_livekit, g.livekit_room_name, g.livekit_room_sid, g.meet_link, g.meet_id, g.created_by, " \
  "g.created_at, "                                                                                 \
  "g.updated_at, g.time_zone, g.recurrence, g.early_join_minutes, g.grace_minutes, g.admission, "  \
  "g.locked, g.recording_consent, g.e2ee, g.transcription_agent, g.breakouts_open"

inline const SqlStatement kInsertGroup{
    "lks_insert_group",
    "INSERT INTO study_groups (title, description, max_participants, scheduled_time, "
    "duration_minutes, "
    "video_provider, use_livekit, livekit_room_name, meet_link, meet_id, created_by, created_at, "
    "updated_at, time_zone, recurrence, early_join_minutes, grace_minutes, admission, "
    "recording_consent, e2ee, transcription_agent) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, "
    "$19, $20, $21) "
    "RETURNING id"};
inline const SqlStatement kSelectGroup{
    "lks_select_group", "SELECT " LKS_GROUP_COLUMNS " FROM study_groups WHERE id = $1"};
inline const SqlStatement kSelectGroupForUpdate{
    "lks_select_group_for_update", "SELECT " LKS_GROUP_COLUMNS " FROM study_groups WHERE id = $1",
    "SELECT " LKS_GROUP_COLUMNS " FROM study_groups WHERE id = $1 FOR UPDATE"};
inline const SqlStatement kSelectGroupExists{"lks_select_group_exists",
                                             "SELECT id FROM study_groups WHERE id = $1"};
inline const SqlStatement kSelectGroupByRoomName{"lks_select_group_by_room_name",
                                                 "SELECT " LKS_GROUP_COLUMNS
                                                 " FROM study_groups WHERE livekit_room_name = $1"};
inline const SqlStatement kListGroupsForMember{
    "lks_list_groups_for_member", "SELECT " LKS_GROUP_COLUMNS_G
                                  " FROM memberships m JOIN study_groups g ON g.id = m.group_id "
                                  "WHERE m.user_id = $1 AND g.id > $2 ORDER BY g.id LIMIT $3"};
inline const SqlStatement kUpdateGroup{"lks_update_group",
                                       "UPDATE study_groups SET title = $2, description = $3, "
                                       "max_participants = $4, scheduled_time = $5, "
                                       "duration_minutes = $6, video_provider = $7, use_livekit = "
                                       "$8, livekit_room_name = $9, meet_link = $10, "
                                       "meet_id = $11, updated_at = $12, time_zone = $13, "
                                       "recurrence = $14, early_join_minutes = $15, "
                                       "grace_minutes = $16, admission = $17, locked = $18, "
                                       "recording_consent = $19, e2ee = $20, "
                                       "transcription_agent = $21 WHERE id = $1"};
inline const SqlStatement kSetRoomSid{
    "lks_set_room_sid",
    "UPDATE study_groups SET livekit_room_sid = $2, updated_at = $3 WHERE id = $1"};
inline const SqlStatement kDeleteGroupRemovals{"lks_delete_group_removals",
                                               "DELETE FROM removals WHERE room_sid IN (SELECT "
                                               "room_sid FROM room_sessions WHERE group_id = $1)"};
inline const SqlStatement kDeleteGroup{"lks_delete_group",
                                       "DELETE FROM study_groups WHERE id = $1"};

// The capacity check's lock: on PostgreSQL the group row stays locked until COMMIT, so adders
// of one group queue up; on SQLite BEGIN IMMEDIATE already holds the database's write lock.
inline const SqlStatement kLockGroup{
    "lks_lock_group", "SELECT max_participants FROM study_groups WHERE id = $1",
    "SELECT max_participants FROM study_groups WHERE id = $1 FOR UPDATE"};
inline const SqlStatement kCountMembers{"lks_count_members",
                                        "SELECT COUNT(*) FROM memberships WHERE group_id = $1"};
inline const SqlStatement kCountOwners{
    "lks_count_owners", "SELECT COUNT(*) FROM memberships WHERE group_id = $1 AND role = 'owner'"};
inline const SqlStatement kSelectMember{"lks_select_member",
                                        "SELECT group_id, user_id, role, joined_at FROM "
                                        "memberships WHERE group_id = $1 AND user_id = $2"};
inline const SqlStatement kInsertMember{
    "lks_insert_member",
    "INSERT INTO memberships (group_id, user_id, role, joined_at) VALUES ($1, $2, $3, $4)"};
inline const SqlStatement kDeleteMember{
    "lks_delete_member", "DELETE FROM memberships WHERE group_id = $1 AND user_id = $2"};
inline const SqlStatement kUpdateRole{
    "lks_update_role", "UPDATE memberships SET role = $3 WHERE group_id = $1 AND user_id = $2"};
inline const SqlStatement kListMembers{"lks_list_members",
                                       "SELECT group_id, user_id, role, joined_at FROM memberships "
                                       "WHERE group_id = $1 ORDER BY joined_at, user_id"};

#define LKS_SESSION_COLUMNS "room_sid, group_id, room_name, started_at, ended_at"
inline const SqlStatement kInsertSession{
    "lks_insert_session",
    "INSERT INTO room_sessions (room_sid, group_id, room_name, started_at) VALUES ($1, $2, $3, $4) "
    "ON CONFLICT (room_sid) DO NOTHING"};
inline const SqlStatement kSelectSession{
    "lks_select_session", "SELECT " LKS_SESSION_COLUMNS " FROM room_sessions WHERE room_sid = $1"};
inline const SqlStatement kSelectSessionForUpdate{
    "lks_select_session_for_update",
    "SELECT " LKS_SESSION_COLUMNS " FROM room_sessions WHERE room_sid = $1",
    "SELECT " LKS_SESSION_COLUMNS " FROM room_sessions WHERE room_sid = $1 FOR UPDATE"};
inline const SqlStatement kCloseSession{
    "lks_close_session",
    "UPDATE room_sessions SET ended_at = $2 WHERE room_sid = $1 AND ended_at IS NULL"};
inline const SqlStatement kListSessions{
    "lks_list_sessions", "SELECT " LKS_SESSION_COLUMNS
                         " FROM room_sessions WHERE group_id = $1 ORDER BY started_at, room_sid"};

#define LKS_ATTENDANCE_COLUMNS \
  "id, room_sid, participant_identity, user_id, joined_at, left_at, source"
inline const SqlStatement kSelectOpenAttendance{
    "lks_select_open_attendance",
    "SELECT " LKS_ATTENDANCE_COLUMNS
    " FROM attendance WHERE room_sid = $1 AND participant_identity = $2 AND left_at IS NULL"};
// Inserts only when the room session exists; a join reported after the room closed (webhooks
// arrive out of order) is recorded already closed at the room's end, so no participant session
// stays open in a closed room.
inline const SqlStatement kInsertAttendance{
    "lks_insert_attendance",
    "INSERT INTO attendance (room_sid, participant_identity, user_id, joined_at, left_at, source) "
    "SELECT room_sid, CAST($2 AS VARCHAR(255)), CAST($3 AS VARCHAR(255)), CAST($4 AS BIGINT), "
    "CASE WHEN ended_at IS NULL THEN NULL WHEN ended_at > CAST($4 AS BIGINT) THEN ended_at "
    "ELSE CAST($4 AS BIGINT) END, CAST($5 AS VARCHAR(16)) FROM room_sessions WHERE room_sid = $1 "
    "RETURNING id, left_at"};
inline const SqlStatement kLeaveAttendance{
    "lks_leave_attendance", "UPDATE attendance SET left_at = $2, source = $3 WHERE id = $1"};
inline const SqlStatement kCloseOpenAttendance{
    "lks_close_open_attendance",
    "UPDATE attendance SET left_at = CASE WHEN joined_at > $2 THEN joined_at ELSE $2 END "
    "WHERE room_sid = $1 AND left_at IS NULL"};
inline const SqlStatement kListAttendance{
    "lks_list_attendance",
    "SELECT " LKS_ATTENDANCE_COLUMNS " FROM attendance WHERE room_sid = $1 ORDER BY joined_at, id"};

inline const SqlStatement kInsertEvent{"lks_insert_event",
                                       "INSERT INTO webhook_events (event_id, received_at) VALUES "
                                       "($1, $2) ON CONFLICT (event_id) DO NOTHING"};
inline const SqlStatement kPruneEvents{"lks_prune_events",
                                       "DELETE FROM webhook_events WHERE received_at < $1"};
inline const SqlStatement kInsertRemoval{
    "lks_insert_removal",
    "INSERT INTO removals (room_sid, user_id, removed_by, removed_at) VALUES ($1, $2, $3, $4) "
    "ON CONFLICT (room_sid, user_id) DO NOTHING"};
inline const SqlStatement kSelectRemoval{
    "lks_select_removal", "SELECT 1 FROM removals WHERE room_sid = $1 AND user_id = $2"};
inline const SqlStatement kCountRemovals{"lks_count_removals",
                                         "SELECT COUNT(*) FROM removals WHERE room_sid = $1"};

#define LKS_KNOCK_COLUMNS \
  "group_id, session_key, user_id, name, status, knocked_at, decided_at, decided_by"
inline const SqlStatement kInsertKnock{
    "lks_insert_knock",
    "INSERT INTO knocks (group_id, session_key, user_id, name, status, knocked_at) "
    "VALUES ($1, $2, $3, $4, 'waiting', $5) ON CONFLICT (group_id, session_key, user_id) DO "
    "NOTHING"};
inline const SqlStatement kSelectKnock{
    "lks_select_knock", "SELECT " LKS_KNOCK_COLUMNS
                        " FROM knocks WHERE group_id = $1 AND session_key = $2 AND user_id = $3"};
inline const SqlStatement kDecideKnock{
    "lks_decide_knock",
    "UPDATE knocks SET status = $4, decided_by = $5, decided_at = $6 "
    "WHERE group_id = $1 AND session_key = $2 AND user_id = $3"};
inline const SqlStatement kListKnocks{"lks_list_knocks",
                                      "SELECT " LKS_KNOCK_COLUMNS
                                      " FROM knocks WHERE group_id = $1 AND session_key = $2 "
                                      "ORDER BY knocked_at, user_id"};

#define LKS_RECORDING_COLUMNS                                                                \
  "id, group_id, room_sid, egress_id, status, location, started_at, ended_at, duration_ms, " \
  "error, "                                                                                  \
  "started_by"
// A new egress id is inserted; a known one gets every field but id and group_id (last write
// wins; the service merges webhook updates before saving).
inline const SqlStatement kUpsertRecording{
    "lks_upsert_recording",
    "INSERT INTO recordings (group_id, room_sid, egress_id, status, location, started_at, "
    "ended_at, duration_ms, error, started_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) "
    "ON CONFLICT (egress_id) DO UPDATE SET room_sid = excluded.room_sid, status = "
    "excluded.status, location = excluded.location, started_at = excluded.started_at, "
    "ended_at = excluded.ended_at, duration_ms = excluded.duration_ms, error = excluded.error, "
    "started_by = excluded.started_by"};
inline const SqlStatement kSelectRecording{"lks_select_recording",
                                           "SELECT " LKS_RECORDING_COLUMNS
                                           " FROM recordings WHERE egress_id = $1"};
inline const SqlStatement kListRecordings{
    "lks_list_recordings",
    "SELECT " LKS_RECORDING_COLUMNS " FROM recordings WHERE group_id = $1 ORDER BY started_at, id"};

#define LKS_BREAKOUT_COLUMNS \
  "id, group_id, session_sid, room_name, number, opened_by, opened_at, closed_at"
inline const SqlStatement kSetBreakoutsOpen{
    "lks_set_breakouts_open", "UPDATE study_groups SET breakouts_open = $2 WHERE id = $1"};
inline const SqlStatement kCountOpenBreakouts{
    "lks_count_open_breakouts",
    "SELECT COUNT(*) FROM breakout_rooms WHERE group_id = $1 AND closed_at IS NULL"};
inline const SqlStatement kInsertBreakout{
    "lks_insert_breakout",
    "INSERT INTO breakout_rooms (group_id, session_sid, room_name, number, opened_by, opened_at) "
    "VALUES ($1, $2, $3, $4, $5, $6) RETURNING id"};
inline const SqlStatement kInsertBreakoutMember{
    "lks_insert_breakout_member",
    "INSERT INTO breakout_assignments (breakout_id, user_id) VALUES ($1, $2)"};
inline const SqlStatement kListOpenBreakouts{
    "lks_list_open_breakouts", "SELECT " LKS_BREAKOUT_COLUMNS
                               " FROM breakout_rooms WHERE group_id = $1 AND closed_at IS NULL "
                               "ORDER BY opened_at, number, id"};
inline const SqlStatement kCloseBreakouts{
    "lks_close_breakouts",
    "UPDATE breakout_rooms SET closed_at = $2 WHERE group_id = $1 AND closed_at IS NULL"};
inline const SqlStatement kListBreakouts{
    "lks_list_breakouts",
    "SELECT " LKS_BREAKOUT_COLUMNS
    " FROM breakout_rooms WHERE group_id = $1 ORDER BY opened_at, number, id"};
inline const SqlStatement kListGroupBreakoutMembers{
    "lks_list_group_breakout_members",
    "SELECT a.breakout_id, a.user_id FROM breakout_assignments a JOIN breakout_rooms b ON b.id = "
    "a.breakout_id WHERE b.group_id = $1 ORDER BY a.breakout_id, a.user_id"};
inline const SqlStatement kSelectBreakout{"lks_select_breakout",
                                          "SELECT " LKS_BREAKOUT_COLUMNS
                                          " FROM breakout_rooms WHERE room_name = $1"};
inline const SqlStatement kListBreakoutMembers{
    "lks_list_breakout_members",
    "SELECT breakout_id, user_id FROM breakout_assignments WHERE breakout_id = $1 ORDER BY "
    "user_id"};

// A token request's reads in one statement (StudyGroupStore::GetJoinContext): the group named by
// its room, else by one of its breakout rooms (the group's own room first), the caller's ($2)
// membership, whether the caller is barred from the group's current and still open session, and
// for an E2EE group that session's removal count. Index lookups only: the unique indexes on the
// two room names (two scalar subqueries, evaluated once; COALESCE asks the breakout rooms only
// when no group has the name), then the primary keys of study_groups, memberships, removals and
// room_sessions; no sort (a UNION ALL ... ORDER BY ... LIMIT 1 form cost SQLite 16% more
// instructions per token). Columns: the group's (LKS_GROUP_COLUMNS), the membership's four (NULL
// for none), from-breakout, barred, count.
#define LKS_JOIN_CONTEXT_GROUP_COLUMNS 25
inline const SqlStatement kSelectJoinContext{
    "lks_select_join_context",
    "SELECT " LKS_GROUP_COLUMNS_G
    ", m.group_id, m.user_id, m.role, m.joined_at, "
    "CASE WHEN g.livekit_room_name = $1 THEN 0 ELSE 1 END, "
    "CASE WHEN g.livekit_room_sid IS NOT NULL AND EXISTS (SELECT 1 FROM removals r WHERE "
    "r.room_sid = g.livekit_room_sid AND r.user_id = $2) AND EXISTS (SELECT 1 FROM room_sessions "
    "s WHERE s.room_sid = g.livekit_room_sid AND s.ended_at IS NULL) THEN 1 ELSE 0 END, "
    "CASE WHEN g.e2ee AND g.livekit_room_sid IS NOT NULL THEN (SELECT COUNT(*) FROM removals r "
    "WHERE r.room_sid = g.livekit_room_sid) END "
    "FROM study_groups g "
    "LEFT JOIN memberships m ON m.group_id = g.id AND m.user_id = $2 "
    "WHERE g.id = COALESCE((SELECT id FROM study_groups WHERE livekit_room_name = $1), "
    "(SELECT group_id FROM breakout_rooms WHERE room_name = $1))"};

inline const SqlStatement kSessionUsage{
    "lks_session_usage",
    "SELECT COALESCE(SUM(left_at - joined_at), 0), COUNT(*) FROM attendance "
    "WHERE room_sid = $1 AND left_at IS NOT NULL"};
inline const SqlStatement kGroupUsage{
    "lks_group_usage",
    "SELECT s.room_sid, COALESCE(SUM(a.left_at - a.joined_at), 0), COUNT(a.id) FROM room_sessions "
    "s "
    "LEFT JOIN attendance a ON a.room_sid = s.room_sid AND a.left_at IS NOT NULL "
    "WHERE s.group_id = $1 GROUP BY s.room_sid, s.started_at ORDER BY s.started_at, s.room_sid"};

}  // namespace lks::store

#endif  // LKS_SRC_STORE_SQL_STATEMENTS_H_
