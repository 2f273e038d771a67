// The JSON shapes of lkstudy's study-group REST API (docs/rest-api.md): what `data` holds in each
// `{"success":true,"data":...}` answer. Times are ISO 8601 strings unless named otherwise;
// LiveKit's own times (creationTime, joinedAt) are unix seconds.

export type VideoProvider = 'livekit' | 'google_meet';
export type MemberRole = 'owner' | 'moderator' | 'member';

export interface StudyGroup {
  id: number;
  title: string;
  description: string;
  maxParticipants: number;
  scheduledTime: string | null;
  durationMinutes: number;
  videoProvider: VideoProvider;
  useLiveKit: boolean;
  livekitRoomName: string | null;
  livekitRoomSid: string | null;
  meetLink: string | null;
  meetId: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  /** Sessions are end-to-end encrypted: tokens carry the session key (docs/e2ee.md). */
  e2ee?: boolean;
  /** `approval`: a moderator admits each member to each session (a waiting room). */
  admission?: Admission;
  /** While locked, only owners, moderators and admins get tokens. */
  locked?: boolean;
  /** Breakout rooms are open: ask createToken for the group's room to get yours. */
  breakoutsOpen?: boolean;
}

export type Admission = 'open' | 'approval';

export interface CreateGroupRequest {
  title: string;
  description?: string;
  maxParticipants?: number;
  /** ISO 8601, e.g. "2025-10-15T19:00:00.000Z" */
  scheduledTime?: string;
  durationMinutes?: number;
  videoProvider?: VideoProvider;
  useLiveKit?: boolean;
  meetLink?: string;
  meetId?: string;
  /** End-to-end encrypted sessions (default false). */
  e2ee?: boolean;
  /** `approval` for a waiting room (default `open`). */
  admission?: Admission;
}

/**
 * PATCH /api/study-groups/:id: only the fields given change (owners and admins). null or ""
 * removes scheduledTime, timeZone, recurrence and transcriptionAgent. The provider, the LiveKit
 * room and the Meet link are fixed at creation.
 */
export interface UpdateGroupRequest {
  title?: string;
  description?: string;
  maxParticipants?: number;
  /** ISO 8601, e.g. "2025-10-15T19:00:00.000Z" */
  scheduledTime?: string | null;
  durationMinutes?: number;
  /** IANA time zone of the recurrence, e.g. "Europe/Berlin". */
  timeZone?: string | null;
  /** RFC 5545 RRULE value, e.g. "FREQ=WEEKLY;BYDAY=TU"; needs a scheduledTime. */
  recurrence?: string | null;
  earlyJoinMinutes?: number;
  graceMinutes?: number;
  admission?: Admission;
  recordingConsent?: boolean;
  e2ee?: boolean;
  transcriptionAgent?: string | null;
}

export interface GroupPage {
  groups: StudyGroup[];
  total: number;
  /** Pass as `after` for the next page; null on the last one. */
  nextAfter: number | null;
}

export interface Membership {
  groupId: number;
  userId: string;
  role: MemberRole;
  joinedAt: string;
}

export interface MemberList {
  members: Membership[];
  total: number;
}

export interface LeftGroup {
  groupId: number;
  userId: string;
}

export interface SessionUsage {
  roomSid: string;
  participantMinutes: number;
  participantSessions: number;
  estimatedCost: number;
}

export interface Usage {
  groupId: number;
  participantMinutes: number;
  estimatedCost: number;
  currency: string;
  ratePerParticipantMinute: number;
  sessions: SessionUsage[];
}

export interface AttendanceRecord {
  identity: string;
  userId: string;
  joinedAt: string;
  /** null while in the call */
  leftAt: string | null;
  participantMinutes: number | null;
}

export interface SessionAttendance {
  roomSid: string;
  roomName: string;
  startedAt: string;
  endedAt: string | null;
  attendance: AttendanceRecord[];
}

export interface Attendance {
  groupId: number;
  /** oldest first */
  sessions: SessionAttendance[];
}

export interface TokenRequest {
  roomName: string;
  participantName?: string;
}

export interface LiveKitToken {
  token: string;
  /** What to pass to livekit-client's Room.connect(), with the token. */
  serverUrl: string;
  roomName: string;
  identity: string;
  participantName: string;
  /** When the token expires (ISO 8601); ask again after it. */
  expiresAt?: string;
  /** End-to-end encrypted groups: the session's key (base64), for an ExternalE2EEKeyProvider. */
  e2eeKey?: string;
  /** The key's index, raised by each removal; the room's metadata announces a new one. */
  e2eeKeyIndex?: number;
  /**
   * While breakout rooms are open: the breakout this token is for (`roomName` is its name). Ask
   * again when the main room's metadata changes `breakouts`, or when the breakout room is deleted.
   */
  breakout?: { roomName: string; number: number; mainRoomName: string; sessionSid: string };
}

/** One breakout room of a session (docs/breakouts.md). */
export interface BreakoutRoom {
  id: number;
  groupId: number;
  /** The main session (room SID) the set splits. */
  sessionSid: string;
  roomName: string;
  number: number;
  openedBy: string;
  openedAt: string;
  closedAt: string | null;
  /** User ids assigned to it. */
  members: string[];
}

/** A group's breakout rooms: the open set and the caller's own room in it. */
export interface BreakoutState {
  groupId: number;
  open: boolean;
  mainRoomName: string;
  sessionSid: string;
  rooms: BreakoutRoom[];
  assignment: BreakoutRoom | null;
}

/** Even random rooms of the members present, or explicit rooms of user ids. */
export type BreakoutRequest =
  | { count: number; mode: 'auto' }
  | { assignments: { members: (string | number)[] }[] };

/**
 * POST /api/livekit/token's answer (202) to a member of an approval group who is not admitted to
 * the current session yet: the knock is recorded; ask again after `retryAfterSeconds`.
 */
export interface TokenWaiting {
  status: 'waiting';
  groupId: number;
  roomName: string;
  /** The LiveKit room session (room SID) knocked on. */
  session: string;
  knockedAt: string;
  retryAfterSeconds: number;
}

/** A request to join one session of an approval group. */
export interface Knock {
  groupId: number;
  session: string;
  userId: string;
  name: string;
  status: 'waiting' | 'admitted' | 'denied';
  knockedAt: string;
  decidedAt: string | null;
  decidedBy: string | null;
}

export interface KnockList {
  groupId: number;
  /** The current session; null when none is live. */
  session: string | null;
  knocks: Knock[];
  total: number;
}

export interface Room {
  sid: string;
  name: string;
  emptyTimeout: number;
  maxParticipants: number;
  numParticipants: number;
  creationTime: number;
  metadata: string;
  departureTimeout: number;
  numPublishers: number;
  activeRecording: boolean;
}

export interface CreateRoomRequest {
  name: string;
  emptyTimeout?: number;
  maxParticipants?: number;
}

export interface RoomList {
  rooms: Room[];
  total: number;
}

export interface TrackInfo {
  sid: string;
  type: string;
  source: string;
  name: string;
  muted: boolean;
}

export interface Participant {
  sid: string;
  identity: string;
  name: string;
  state: string;
  joinedAt: number;
  metadata: string;
  isPublisher: boolean;
  kind: string;
  tracks: TrackInfo[];
}

export interface RoomDetails {
  room: Room;
  participants: Participant[];
}

export interface DeletedRoom {
  roomName: string;
  deletedAt: string;
}

export interface RemovedParticipant {
  roomName: string;
  participantIdentity: string;
  removedAt: string;
}

export interface MuteTrackRequest {
  participantIdentity: string;
  trackSid: string;
  muted: boolean;
}

export interface MutedTrack {
  trackSid: string;
  muted: boolean;
}

export interface LiveKitStatus {
  configured: boolean;
  serverUrl: string;
  hasApiKey: boolean;
  hasApiSecret: boolean;
  hasServerUrl: boolean;
}

/** A user `lkstudy dev` offers to sign in as. */
export interface DevUser {
  userId: string;
  name: string;
  email: string;
  role: string;
}

export interface DevSignIn {
  token: string;
  user: DevUser;
}
