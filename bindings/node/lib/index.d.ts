// Types of the lkstudy Node binding. Names and shapes follow livekit-server-sdk v2, so code
// written against it type-checks here with only the import changed.
import type { Room, ParticipantInfo, TrackInfo, ParticipantPermission, RoomEgress, RoomAgentDispatch,
  WebhookEvent as ProtoWebhookEvent, EgressInfo, AgentDispatch, AudioMixing, DirectFileOutput,
  EncodedFileOutput, EncodingOptions, EncodingOptionsPreset, ImageOutput, SegmentedFileOutput,
  StreamOutput, WebhookConfig } from '@livekit/protocol';

/** The result types of RoomServiceClient: LiveKit's protocol classes, as livekit-server-sdk exports them. */
export type { Room, ParticipantInfo, TrackInfo, ParticipantPermission } from '@livekit/protocol';

/** LiveKit's TrackSource enum (the protocol's numbers); the JWT carries their names. */
export declare const TrackSource: {
  readonly UNKNOWN: 0;
  readonly CAMERA: 1;
  readonly MICROPHONE: 2;
  readonly SCREEN_SHARE: 3;
  readonly SCREEN_SHARE_AUDIO: 4;
};
export type TrackSource = (typeof TrackSource)[keyof typeof TrackSource];
export type TrackSourceName = 'camera' | 'microphone' | 'screen_share' | 'screen_share_audio';

/** Permissions on rooms: the token's `video` claim. */
export interface VideoGrant {
  /** permission to create or delete rooms */
  roomCreate?: boolean;
  /** permission to join a room as a participant; `room` and an identity are required */
  roomJoin?: boolean;
  /** permission to list rooms */
  roomList?: boolean;
  /** permission to start a recording */
  roomRecord?: boolean;
  /** permission to control a specific room; `room` is required */
  roomAdmin?: boolean;
  /** the room's name */
  room?: string;
  /** permission to control ingress */
  ingressAdmin?: boolean;
  /** may publish tracks (absent: the server's default, true) */
  canPublish?: boolean;
  /** the only track sources the participant may publish */
  canPublishSources?: Array<TrackSource | TrackSourceName>;
  /** may subscribe to tracks (absent: true) */
  canSubscribe?: boolean;
  /** may publish data (absent: true) */
  canPublishData?: boolean;
  /** may update its own name, metadata and attributes */
  canUpdateOwnMetadata?: boolean;
  /** invisible to other participants */
  hidden?: boolean;
  /** marks the participant as a recorder */
  recorder?: boolean;
  /** may connect as an agent worker */
  agent?: boolean;
  /** may subscribe to metrics */
  canSubscribeMetrics?: boolean;
  /** may manage an agent session */
  canManageAgentSession?: boolean;
  /** the room ForwardParticipant/MoveParticipant may move the participant to */
  destinationRoom?: string;
}

/** SIP permissions: the token's `sip` claim. */
export interface SIPGrant {
  /** manage SIP resources */
  admin?: boolean;
  /** make outbound calls */
  call?: boolean;
}

/** Inference permission: the token's `inference` claim. */
export interface InferenceGrant {
  /** perform inference */
  perform?: boolean;
}

/** Observability permission: the token's `observability` claim. */
export interface ObservabilityGrant {
  /** write observability data */
  write?: boolean;
}

/** The claims of a verified token (livekit-server-sdk's ClaimGrants). */
export interface ClaimGrants {
  /** API key that signed the token */
  iss?: string;
  /** participant identity */
  sub?: string;
  /** not before, Unix seconds */
  nbf?: number;
  /** expiry, Unix seconds */
  exp?: number;
  name?: string;
  video?: Omit<VideoGrant, 'canPublishSources'> & { canPublishSources?: TrackSourceName[] };
  sip?: SIPGrant;
  inference?: InferenceGrant;
  observability?: ObservabilityGrant;
  kind?: string;
  metadata?: string;
  attributes?: Record<string, string>;
  sha256?: string;
  roomPreset?: string;
  roomConfig?: Record<string, unknown>;
  [claim: string]: unknown;
}

export interface AccessTokenOptions {
  /** time to expiry: seconds, or a span such as '6h', '10m', '2 days' (default '6h') */
  ttl?: number | string;
  /** display name, available as Participant.name */
  name?: string;
  /** identity of the user; required for room join tokens */
  identity?: string;
  /** custom participant metadata */
  metadata?: string;
  /** custom participant attributes */
  attributes?: Record<string, string>;
}

/**
 * A LiveKit access token, as livekit-server-sdk's AccessToken. Minting happens in the native
 * library (a few microseconds, on the calling thread).
 */
export declare class AccessToken {
  identity?: string;
  ttl: number | string;
  /**
   * @param apiKey API key; defaults to $LIVEKIT_API_KEY
   * @param apiSecret API secret; defaults to $LIVEKIT_API_SECRET
   * @throws LkStudyError invalid_argument when neither is given
   */
  constructor(apiKey?: string, apiSecret?: string, options?: AccessTokenOptions);
  /** Merges a video grant into the token's (later values win). */
  addGrant(grant: VideoGrant): void;
  /** Merges a SIP grant into the token's. */
  addSIPGrant(grant: SIPGrant): void;
  /** Merges an inference grant into the token's. */
  addInferenceGrant(grant: InferenceGrant): void;
  /** Merges an observability grant into the token's. */
  addObservabilityGrant(grant: ObservabilityGrant): void;
  get name(): string | undefined;
  set name(name: string);
  get metadata(): string | undefined;
  set metadata(md: string);
  get attributes(): Record<string, string> | undefined;
  set attributes(attrs: Record<string, string>);
  get kind(): string | undefined;
  /** 'standard' | 'egress' | 'ingress' | 'sip' | 'agent' */
  set kind(kind: string);
  get sha256(): string | undefined;
  set sha256(sha: string | undefined);
  get roomPreset(): string | undefined;
  set roomPreset(preset: string | undefined);
  get roomConfig(): object | string | undefined;
  /** A RoomConfiguration: a plain object, a protobuf message or a JSON string (camelCase). */
  set roomConfig(config: object | string | undefined);
  /** The signed JWT. Rejects with LkStudyError (invalid_argument naming the field). */
  toJwt(): Promise<string>;
  /** The signed JWT, synchronously. Throws LkStudyError. */
  toJwtSync(): string;
}

/** Verifies access tokens (HS256 only; `exp` required), as livekit-server-sdk's TokenVerifier. */
export declare class TokenVerifier {
  /** One key pair, as in livekit-server-sdk. */
  constructor(apiKey: string, apiSecret: string);
  /** Several key pairs ({ [apiKey]: apiSecret }), e.g. during key rotation. */
  constructor(keys: Record<string, string>);
  /**
   * The token's claims. Rejects with LkStudyError 'unauthenticated' and a reason: 'malformed',
   * 'bad_base64', 'unsupported_alg', 'unknown_key', 'bad_signature', 'missing_exp', 'expired',
   * 'not_yet_valid'.
   * @param clockTolerance leeway for nbf/exp: seconds or a span such as '1m' (default 10 s)
   */
  verify(token: string, clockTolerance?: string | number): Promise<ClaimGrants>;
  /** As verify(), synchronously. */
  verifySync(token: string, clockTolerance?: string | number): ClaimGrants;
}

/** LiveKit's DataPacket_Kind (the protocol's numbers). */
export declare const DataPacket_Kind: { readonly RELIABLE: 0; readonly LOSSY: 1 };
export type DataPacket_Kind = 0 | 1;

/** CreateRoomRequest fields, as livekit-server-sdk's CreateOptions. */
export interface CreateOptions {
  name: string;
  /** seconds to keep an empty room open */
  emptyTimeout?: number;
  /** seconds to keep the room open after the last participant left */
  departureTimeout?: number;
  maxParticipants?: number;
  metadata?: string;
  egress?: RoomEgress;
  minPlayoutDelay?: number;
  maxPlayoutDelay?: number;
  syncStreams?: boolean;
  agents?: RoomAgentDispatch[];
  nodeId?: string;
}

export type SendDataOptions = {
  destinationIdentities?: string[];
  destinationSids?: string[];
  topic?: string;
};

export type UpdateParticipantOptions = {
  attributes?: { [key: string]: string };
  metadata?: string;
  permission?: Partial<ParticipantPermission>;
  name?: string;
};

export type RemoveParticipantOptions = {
  revokeTokenTs?: bigint;
};

export interface RoomServiceClientOptions {
  /** seconds per attempt (default 10) */
  requestTimeout?: number;
  /** region failover for LiveKit Cloud hosts (default true) */
  failover?: boolean;
  /** a pre-signed token sent on every call instead of per-call tokens */
  token?: string;
  /** attempts per call (default 3; only transport errors and 5xx are retried) */
  maxAttempts?: number;
  /** base URLs tried after `host` (self-hosted clusters) */
  fallbackUrls?: string[];
  /** verify the server's certificate (default true) */
  tlsVerify?: boolean;
  caFile?: string;
  caPath?: string;
  proxy?: string;
  /** headers sent with every call */
  headers?: Record<string, string>;
}

/**
 * LiveKit's RoomService, as livekit-server-sdk's RoomServiceClient. Every call runs in the native
 * library off the JS thread and resolves with @livekit/protocol objects (the SDK's classes);
 * failures reject with LkStudyError (the server's Twirp code, its HTTP status and message).
 */
export declare class RoomServiceClient {
  /**
   * @param host 'https://<project>.livekit.cloud', 'http://localhost:7880' (ws:// and wss:// too)
   * @param apiKey defaults to $LIVEKIT_API_KEY
   * @param secret defaults to $LIVEKIT_API_SECRET
   */
  constructor(host: string, apiKey?: string, secret?: string, options?: RoomServiceClientOptions);
  createRoom(options: CreateOptions): Promise<Room>;
  listRooms(names?: string[]): Promise<Room[]>;
  deleteRoom(room: string): Promise<void>;
  updateRoomMetadata(room: string, metadata: string): Promise<Room>;
  listParticipants(room: string): Promise<ParticipantInfo[]>;
  getParticipant(room: string, identity: string): Promise<ParticipantInfo>;
  removeParticipant(room: string, identity: string, options?: RemoveParticipantOptions): Promise<void>;
  forwardParticipant(room: string, identity: string, destinationRoom: string): Promise<void>;
  moveParticipant(room: string, identity: string, destinationRoom: string): Promise<void>;
  mutePublishedTrack(room: string, identity: string, trackSid: string, muted: boolean): Promise<TrackInfo>;
  updateParticipant(room: string, identity: string, options: UpdateParticipantOptions): Promise<ParticipantInfo>;
  updateParticipant(room: string, identity: string, metadata?: string, permission?: Partial<ParticipantPermission>,
    name?: string): Promise<ParticipantInfo>;
  updateSubscriptions(room: string, identity: string, trackSids: string[], subscribe: boolean): Promise<void>;
  sendData(room: string, data: Uint8Array, kind: DataPacket_Kind, options: SendDataOptions): Promise<void>;
  sendData(room: string, data: Uint8Array, kind: DataPacket_Kind, destinationSids?: string[]): Promise<void>;
  /** RoomService.PerformRpc: calls `method` on a participant; resolves with its response payload. */
  performRpc(params: { room: string; destinationIdentity: string; method: string; payload?: string;
    responseTimeout?: number }): Promise<string>;
}

/** The result types of EgressClient and AgentDispatchClient. */
export type { EgressInfo, AgentDispatch } from '@livekit/protocol';

/** Outputs of one egress: at most one of each kind (livekit-server-sdk's EncodedOutputs). */
export interface EncodedOutputs {
  file?: EncodedFileOutput;
  stream?: StreamOutput;
  segments?: SegmentedFileOutput;
  images?: ImageOutput;
}
export type EgressOutput = EncodedOutputs | EncodedFileOutput | StreamOutput | SegmentedFileOutput;
export interface EgressBaseOptions {
  webhooks?: WebhookConfig[];
}
export interface RoomCompositeOptions extends EgressBaseOptions {
  layout?: string;
  encodingOptions?: EncodingOptionsPreset | EncodingOptions;
  audioOnly?: boolean;
  videoOnly?: boolean;
  customBaseUrl?: string;
  audioMixing?: AudioMixing;
}
export interface WebOptions extends EgressBaseOptions {
  encodingOptions?: EncodingOptionsPreset | EncodingOptions;
  audioOnly?: boolean;
  videoOnly?: boolean;
  awaitStartSignal?: boolean;
}
export interface ParticipantEgressOptions extends EgressBaseOptions {
  screenShare?: boolean;
  encodingOptions?: EncodingOptionsPreset | EncodingOptions;
}
export interface TrackCompositeOptions extends EgressBaseOptions {
  audioTrackId?: string;
  videoTrackId?: string;
  encodingOptions?: EncodingOptionsPreset | EncodingOptions;
}
export interface ListEgressOptions {
  roomName?: string;
  egressId?: string;
  active?: boolean;
}

/**
 * LiveKit's Egress service (recording and streaming), as livekit-server-sdk's EgressClient. Calls
 * run in the native library off the JS thread and resolve with @livekit/protocol EgressInfo. A
 * server with no egress worker rejects with LkStudyError code 'unavailable', reason
 * 'egress_unavailable', httpStatus 503 (livekit-server v1.13.5 answers a Start call after about
 * 20 s of waiting for a worker: give `maxAttempts: 1` where that matters).
 */
export declare class EgressClient {
  constructor(host: string, apiKey?: string, secret?: string, options?: RoomServiceClientOptions);
  startRoomCompositeEgress(roomName: string, output: EgressOutput, opts?: RoomCompositeOptions): Promise<EgressInfo>;
  startRoomCompositeEgress(roomName: string, output: EgressOutput, layout?: string,
    options?: EncodingOptionsPreset | EncodingOptions, audioOnly?: boolean, videoOnly?: boolean,
    customBaseUrl?: string, audioMixing?: AudioMixing): Promise<EgressInfo>;
  startWebEgress(url: string, output: EgressOutput, opts?: WebOptions): Promise<EgressInfo>;
  startParticipantEgress(roomName: string, identity: string, output: EncodedOutputs,
    opts?: ParticipantEgressOptions): Promise<EgressInfo>;
  startTrackCompositeEgress(roomName: string, output: EgressOutput, opts?: TrackCompositeOptions): Promise<EgressInfo>;
  startTrackCompositeEgress(roomName: string, output: EgressOutput, audioTrackId?: string, videoTrackId?: string,
    options?: EncodingOptionsPreset | EncodingOptions): Promise<EgressInfo>;
  startTrackEgress(roomName: string, output: DirectFileOutput | string, trackId: string,
    webhooks?: WebhookConfig[]): Promise<EgressInfo>;
  updateLayout(egressId: string, layout: string): Promise<EgressInfo>;
  updateStream(egressId: string, addOutputUrls?: string[], removeOutputUrls?: string[]): Promise<EgressInfo>;
  listEgress(options?: ListEgressOptions): Promise<EgressInfo[]>;
  listEgress(roomName?: string): Promise<EgressInfo[]>;
  stopEgress(egressId: string): Promise<EgressInfo>;
}

export interface CreateDispatchOptions {
  metadata?: string;
}

/**
 * LiveKit's AgentDispatchService, as livekit-server-sdk's AgentDispatchClient: the server stores
 * a dispatch (and lists it) whether or not a worker for that agent is connected.
 */
export declare class AgentDispatchClient {
  constructor(host: string, apiKey?: string, secret?: string, options?: RoomServiceClientOptions);
  createDispatch(roomName: string, agentName: string, options?: CreateDispatchOptions): Promise<AgentDispatch>;
  deleteDispatch(dispatchId: string, roomName: string): Promise<void>;
  getDispatch(dispatchId: string, roomName: string): Promise<AgentDispatch | undefined>;
  listDispatch(roomName: string): Promise<AgentDispatch[]>;
}

export type WebhookEventNames =
  | 'room_started' | 'room_finished' | 'participant_joined' | 'participant_left' | 'participant_connection_aborted'
  | 'track_published' | 'track_unpublished' | 'egress_started' | 'egress_updated' | 'egress_ended'
  | 'ingress_started' | 'ingress_ended' | '';

/** LiveKit's WebhookEvent (@livekit/protocol), as livekit-server-sdk returns it. */
export declare class WebhookEvent extends ProtoWebhookEvent {
  event: WebhookEventNames;
}

/** The header name livekit-server-sdk exports (livekit-server itself sends `Authorization`). */
export declare const authorizeHeader = 'Authorize';

/** Verifies and reads webhook deliveries from livekit-server, as livekit-server-sdk's WebhookReceiver. */
export declare class WebhookReceiver {
  constructor(apiKey: string, apiSecret: string);
  /** Several key pairs ({ [apiKey]: apiSecret }), e.g. during key rotation. */
  constructor(keys: Record<string, string>);
  /**
   * Checks the Authorization token and the SHA-256 of the exact body, then reads the event.
   * Rejects with LkStudyError: 'unauthenticated' (reason 'missing_authorization', 'body_mismatch',
   * 'missing_sha256', 'expired', 'bad_signature', 'unknown_key', ...) or 'invalid_argument'
   * ('body_not_json').
   * @param body the raw request body: a string, or a Buffer (express.raw())
   * @param authHeader the Authorization header (a bare JWT or "Bearer <jwt>")
   * @param skipAuth read without checking (as in livekit-server-sdk)
   * @param clockTolerance leeway for the token's nbf/exp (default 10 s)
   */
  receive(body: string | Uint8Array, authHeader?: string, skipAuth?: boolean,
    clockTolerance?: string | number): Promise<WebhookEvent>;
  /** As receive(), synchronously. */
  receiveSync(body: string | Uint8Array, authHeader?: string, skipAuth?: boolean,
    clockTolerance?: string | number): WebhookEvent;
}

/** A study group as the store returns it (docs/storage.md); absent optional values are null. */
export interface StudyGroup {
  id: number;
  title: string;
  description: string | null;
  maxParticipants: number | null;
  scheduledTime: string | null;
  durationMinutes: number | null;
  videoProvider: 'livekit' | 'google_meet';
  useLiveKit: boolean;
  livekitRoomName: string | null;
  livekitRoomSid: string | null;
  meetLink: string | null;
  meetId: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  /** IANA time zone of the recurrence (schema version 2). */
  timeZone: string | null;
  /** RFC 5545 RRULE value; null or '' = no schedule. */
  recurrence: string | null;
  earlyJoinMinutes: number;
  graceMinutes: number;
  admission: 'open' | 'approval';
  locked: boolean;
  /** Members agreed that sessions may be recorded (schema version 3). */
  recordingConsent: boolean;
  /** Sessions are end-to-end encrypted (stored only). */
  e2ee: boolean;
  /** The agent dispatched for live transcription when a session starts; null = none. */
  transcriptionAgent: string | null;
  /** A set of breakout rooms is open (schema version 4; docs/breakouts.md). */
  breakoutsOpen: boolean;
}
/** A study group as the service (and the REST API) answers it: the stored group plus its
 * current-or-next occurrence (ISO 8601 UTC), null without a schedule or a further occurrence. */
export interface ApiStudyGroup extends StudyGroup {
  nextSession: { start: string; end: string } | null;
}
/** What createGroup takes (POST /api/study-groups/create). */
export interface CreateStudyGroup {
  title: string;
  description?: string;
  maxParticipants?: number;
  /** ISO 8601; with a recurrence, its first occurrence (DTSTART). */
  scheduledTime?: string;
  durationMinutes?: number;
  videoProvider?: 'livekit' | 'google_meet';
  useLiveKit?: boolean;
  meetLink?: string;
  meetId?: string;
  /** IANA time zone of the recurrence (default UTC), e.g. 'Europe/Berlin'. */
  timeZone?: string;
  /** RFC 5545 RRULE value, e.g. 'FREQ=WEEKLY;BYDAY=TU,TH;COUNT=10'. */
  recurrence?: string;
  /** Members may join this long before an occurrence (default 15). */
  earlyJoinMinutes?: number;
  /** ... and until this long after its end (default 15). */
  graceMinutes?: number;
  [field: string]: unknown;
}
/** What updateGroup takes (PATCH /api/study-groups/:id): the settings to change; null removes an
 * optional one. The provider, the meeting link and the room name are fixed at creation. */
export interface UpdateStudyGroup {
  title?: string;
  description?: string;
  maxParticipants?: number;
  scheduledTime?: string | null;
  durationMinutes?: number;
  timeZone?: string | null;
  recurrence?: string | null;
  earlyJoinMinutes?: number;
  graceMinutes?: number;
  admission?: 'open' | 'approval';
  recordingConsent?: boolean;
  e2ee?: boolean;
  transcriptionAgent?: string | null;
}
export interface Membership { groupId: number; userId: string; role: 'owner' | 'moderator' | 'member'; joinedAt: string }
export interface RoomSession { roomSid: string; groupId: number; roomName: string; startedAt: string; endedAt: string | null }
export interface Attendance {
  id: number; roomSid: string; participantIdentity: string; userId: string | null; joinedAt: string; leftAt: string | null;
  /** What recorded the row: LiveKit's webhooks, or reconciliation against ListParticipants. */
  source: 'webhook' | 'reconcile';
}
/** A request to join one session of an approval group (the waiting room). */
export interface Knock {
  groupId: number; session: string; userId: string; name: string; status: 'waiting' | 'admitted' | 'denied';
  knockedAt: string; decidedAt: string | null; decidedBy: string | null;
}
export type RecordingStatus = 'starting' | 'active' | 'ending' | 'complete' | 'failed' | 'aborted' | 'limit_reached';
/** One recording (a LiveKit egress) of a group's session (schema version 3). */
export interface Recording {
  id: number; groupId: number; roomSid: string; egressId: string; status: RecordingStatus;
  location: string | null; startedAt: string; endedAt: string | null; durationMs: number;
  error: string | null; startedBy: string | null;
}
/** One breakout room of a group's session (schema version 4; docs/breakouts.md). */
export interface BreakoutRoom {
  id: number; groupId: number; sessionSid: string; roomName: string; number: number;
  openedBy: string; openedAt: string; closedAt: string | null; members: string[];
}
/** The breakout rooms of a group: the open set and the caller's assignment. */
export interface BreakoutState {
  groupId: number; open: boolean; mainRoomName: string; sessionSid: string;
  rooms: BreakoutRoom[]; assignment: BreakoutRoom | null;
}
/** What openBreakouts takes: even random groups of the members present, or explicit rooms. */
export type BreakoutRequest = { count: number; mode: 'auto' } | { assignments: { members: string[] }[] };
/** Times in requests: ISO-8601 strings or Unix milliseconds. */
export type StoreTime = string | number;

/**
 * Study groups, memberships, room sessions, attendance, webhook ids and removals in SQLite or
 * PostgreSQL (lkstudy's store). Every operation runs off the JS thread; failures reject with
 * LkStudyError. Operations and their shapes: docs/storage.md.
 */
export declare class StudyGroupStore {
  /** 'sqlite:/path/groups.db', 'sqlite::memory:' or a PostgreSQL URI; runs the migrations. */
  static open(url: string): Promise<StudyGroupStore>;
  /** The schema version this library migrates stores to (0 in a build without the store). */
  static readonly schemaVersion: number;
  /** Any operation by name with its request object. */
  execute<T = Record<string, unknown>>(op: string, request?: object): Promise<T>;
  /** Waits for operations in flight, then closes the database. */
  close(): Promise<void>;
  createGroup(request: { group: Partial<StudyGroup> & { title: string }; ownerUserId: string }): Promise<StudyGroup>;
  getGroup(request: { groupId: number }): Promise<StudyGroup>;
  getGroupByRoomName(request: { roomName: string }): Promise<StudyGroup>;
  listGroupsForMember(request: { userId: string; afterId?: number; limit?: number }):
    Promise<{ groups: StudyGroup[]; nextAfterId: number }>;
  updateGroup(request: { groupId: number; update: Partial<StudyGroup> }): Promise<StudyGroup>;
  setRoomSid(request: { groupId: number; roomSid: string }): Promise<{}>;
  deleteGroup(request: { groupId: number }): Promise<{}>;
  addMember(request: { groupId: number; userId: string; role?: Membership['role'] }): Promise<Membership>;
  setMemberRole(request: { groupId: number; userId: string; role: Membership['role'] }): Promise<Membership>;
  removeMember(request: { groupId: number; userId: string }): Promise<{}>;
  getMembership(request: { groupId: number; userId: string }): Promise<Membership>;
  listMembers(request: { groupId: number }): Promise<{ members: Membership[] }>;
  openRoomSession(request: { groupId: number; roomSid: string; roomName: string; startedAt: StoreTime }): Promise<RoomSession>;
  closeRoomSession(request: { roomSid: string; endedAt: StoreTime }): Promise<RoomSession>;
  getRoomSession(request: { roomSid: string }): Promise<RoomSession>;
  listRoomSessions(request: { groupId: number }): Promise<{ sessions: RoomSession[] }>;
  recordJoin(request: { roomSid: string; participantIdentity: string; userId?: string; joinedAt: StoreTime;
    source?: Attendance['source'] }): Promise<Attendance>;
  recordLeave(request: { roomSid: string; participantIdentity: string; leftAt: StoreTime; source?: Attendance['source'] }):
    Promise<Attendance>;
  listAttendance(request: { roomSid: string }): Promise<{ attendance: Attendance[] }>;
  markEventSeen(request: { eventId: string; receivedAt: StoreTime }): Promise<{ alreadySeen: boolean }>;
  pruneEvents(request: { before: StoreTime }): Promise<{ deleted: number }>;
  addRemoval(request: { roomSid: string; userId: string; removedBy?: string; removedAt: StoreTime }): Promise<{}>;
  isRemoved(request: { roomSid: string; userId: string }): Promise<{ removed: boolean }>;
  countRemovals(request: { roomSid: string }): Promise<{ count: number }>;
  getSessionUsage(request: { roomSid: string }):
    Promise<{ roomSid: string; participantMillis: number; participantMinutes: number; participantSessions: number }>;
  getGroupUsage(request: { groupId: number }): Promise<{ groupId: number; participantMillis: number;
    participantMinutes: number; sessions: Array<Record<string, unknown>> }>;
  /** Idempotent: a repeated knock returns the stored one (an admitted or denied user stays so). */
  recordKnock(request: { groupId: number; session: string; userId: string; name?: string; knockedAt: StoreTime }):
    Promise<Knock>;
  getKnock(request: { groupId: number; session: string; userId: string }): Promise<Knock>;
  decideKnock(request: { groupId: number; session: string; userId: string; status: 'admitted' | 'denied';
    decidedBy?: string; decidedAt: StoreTime }): Promise<Knock>;
  listKnocks(request: { groupId: number; session: string }): Promise<{ knocks: Knock[] }>;
  /** Inserts a recording by egressId, or replaces every field but id and groupId of a known one. */
  saveRecording(request: { recording: { groupId: number; egressId: string; roomSid?: string;
    status?: RecordingStatus; location?: string | null; startedAt: StoreTime; endedAt?: StoreTime | null;
    durationMs?: number; error?: string | null; startedBy?: string | null } }): Promise<Recording>;
  getRecording(request: { egressId: string }): Promise<Recording>;
  listRecordings(request: { groupId: number }): Promise<{ recordings: Recording[] }>;
  openBreakouts(request: { breakouts: { groupId: number; sessionSid: string; roomName: string; number: number;
    openedBy: string; openedAt: StoreTime; members: string[] }[] }): Promise<{ breakouts: BreakoutRoom[] }>;
  closeBreakouts(request: { groupId: number; closedAt: StoreTime }): Promise<{ breakouts: BreakoutRoom[] }>;
  listBreakouts(request: { groupId: number }): Promise<{ breakouts: BreakoutRoom[] }>;
  getBreakoutRoom(request: { roomName: string }): Promise<BreakoutRoom>;
}

/** A user the host app authenticated: `userId` (or `id`), or a bare user id. */
export type StudyUser = { userId?: string | number; id?: string | number; email?: string; name?: string; role?: string }
  | string | number;

export interface StudyGroupsOptions {
  /** A StudyGroupStore (stays the caller's), or a store URL opened here and closed by close(). */
  store: StudyGroupStore | string;
  /** LiveKit's URL; defaults to $LIVEKIT_SERVER_URL, then $LIVEKIT_URL. */
  livekitUrl?: string;
  /** Default $LIVEKIT_API_KEY. */
  apiKey?: string;
  /** Default $LIVEKIT_API_SECRET. */
  apiSecret?: string;
  /** The secret of the app's user tokens; default $APP_JWT_SECRET. */
  appJwtSecret?: string;
  /** Derives the session keys of groups with e2ee (at least 32 bytes); default $LKS_E2EE_MASTER_SECRET. */
  e2eeMasterSecret?: string;
  /** Lifetime of LiveKit join tokens: seconds or a span such as '15m' (default 15 min; a call outlives it). */
  tokenTtl?: number | string;
  /** USD per participant-minute in usage reports (default 0.0035). */
  costPerParticipantMinute?: number;
  /** Owners and moderators also get roomAdmin in their tokens (default false). */
  moderatorsGetRoomAdmin?: boolean;
  /** How long a live room is trusted before asking LiveKit again (default 30 s). */
  liveRoomCacheSeconds?: number;
  /** The web client's public base URL: getCalendar()'s join link is <publicUrl>/#/group/<id>/call. */
  publicUrl?: string;
}

/** `body` is a Buffer at run time (typed as its base class so the types need no @types/node). */
export interface StudyGroupsResponse { status: number; headers: Record<string, string>; body: Uint8Array }
export interface IssuedToken { token: string; serverUrl: string; roomName: string; identity: string; participantName: string; /** ISO 8601: the token's exp */ expiresAt: string;
  /** Groups with e2ee: the session's 256-bit key (base64) and its index, raised by each removal (docs/e2ee.md). */
  e2eeKey?: string; e2eeKeyIndex?: number;
  /** While breakout rooms are open: the breakout the token is for (roomName is its name). */
  breakout?: { roomName: string; number: number; mainRoomName: string; sessionSid: string } }
/** issueToken's answer in an approval group to a member not yet admitted (REST: 202). */
export interface TokenWaiting {
  status: 'waiting'; groupId: number; roomName: string; session: string;
  /** ISO 8601: the first knock */ knockedAt: string; retryAfterSeconds: number;
}
export interface GroupUsage {
  groupId: number; participantMinutes: number; estimatedCost: number; currency: string; ratePerParticipantMinute: number;
  sessions: Array<{ roomSid: string; participantMinutes: number; participantSessions: number; estimatedCost: number }>;
}
/** A LiveKit room or participant as the REST API returns it (LiveKit's JSON, camelCase). */
export type ApiRoom = Record<string, unknown> & { name: string; sid: string };
export type ApiParticipant = Record<string, unknown> & { identity: string; sid: string };

/**
 * lkstudy's study-group service (docs/rest-api.md): who gets which LiveKit token, moderation,
 * webhooks and usage, over a StudyGroupStore and LiveKit. The typed methods are the REST API
 * called for a user the host authenticated; they resolve with the response's `data` and reject
 * with LkStudyError (code: the canonical status; reason: the API's code such as 'group_full').
 */
export declare class StudyGroups {
  static open(options: StudyGroupsOptions): Promise<StudyGroups>;
  readonly store: StudyGroupStore;
  /** One REST request in, its response out (API errors are responses, not rejections). */
  handle(request: {
    method?: string; url: string; headers?: Record<string, string | string[] | undefined> | string[] | string;
    body?: Uint8Array | string; user?: StudyUser;
  }): Promise<StudyGroupsResponse>;
  createGroup(user: StudyUser, group: CreateStudyGroup): Promise<ApiStudyGroup>;
  getGroup(user: StudyUser, id: number | string): Promise<ApiStudyGroup>;
  listGroups(user: StudyUser, page?: { after?: number; limit?: number }):
    Promise<{ groups: ApiStudyGroup[]; total: number; nextAfter: number | null }>;
  /** The group's calendar.ics text (members only); rejects with reason 'not_scheduled'. */
  getCalendar(user: StudyUser, id: number | string): Promise<string>;
  /**
   * Changes the group's settings (owners and admins; PATCH /api/study-groups/:id); null removes
   * scheduledTime, timeZone, recurrence or transcriptionAgent. Resolves with the updated group.
   */
  updateGroup(user: StudyUser, id: number | string, changes: UpdateStudyGroup): Promise<ApiStudyGroup>;
  joinGroup(user: StudyUser, id: number | string): Promise<Membership>;
  leaveGroup(user: StudyUser, id: number | string): Promise<Record<string, unknown>>;
  listMembers(user: StudyUser, id: number | string): Promise<{ members: Membership[]; total: number }>;
  getUsage(user: StudyUser, id: number | string): Promise<GroupUsage>;
  /** A token, or (approval groups, not yet admitted) the waiting answer: check `'status' in answer`. */
  issueToken(user: StudyUser, request: { roomName: string; participantName?: string }): Promise<IssuedToken | TokenWaiting>;
  /** The current session's knocks (moderators). `session` is null when no session is live. */
  listKnocks(user: StudyUser, id: number | string): Promise<{ groupId: number; session: string | null; knocks: Knock[]; total: number }>;
  /** Admits a knock on the current session (moderators); rejects with reason 'knock_not_found' without one. */
  admit(user: StudyUser, id: number | string, userId: string): Promise<Knock>;
  /** Denies a knock: that user's token requests reject with reason 'denied' this session. */
  deny(user: StudyUser, id: number | string, userId: string): Promise<Knock>;
  /** Locks the group: only owners, moderators and admins get tokens until unlock(). */
  lock(user: StudyUser, id: number | string): Promise<StudyGroup>;
  unlock(user: StudyUser, id: number | string): Promise<StudyGroup>;
  /** Moderators: records the live session (needs recordingConsent); docs/recording.md. */
  startRecording(user: StudyUser, id: number | string): Promise<Recording>;
  stopRecording(user: StudyUser, id: number | string): Promise<Recording>;
  listRecordings(user: StudyUser, id: number | string): Promise<{ groupId: number; recordings: Recording[]; total: number }>;
  /** Moderators, while a session is live: opens breakout rooms; docs/breakouts.md. */
  openBreakouts(user: StudyUser, id: number | string, request: BreakoutRequest): Promise<BreakoutState>;
  getBreakouts(user: StudyUser, id: number | string): Promise<BreakoutState>;
  closeBreakouts(user: StudyUser, id: number | string): Promise<BreakoutState>;
  createRoom(user: StudyUser, room: { name: string; emptyTimeout?: number; maxParticipants?: number }): Promise<ApiRoom>;
  listRooms(user: StudyUser): Promise<{ rooms: ApiRoom[]; total: number }>;
  getRoom(user: StudyUser, roomName: string): Promise<{ room: ApiRoom; participants: ApiParticipant[] }>;
  deleteRoom(user: StudyUser, roomName: string): Promise<{ roomName: string; deletedAt: string }>;
  removeParticipant(user: StudyUser, roomName: string, participantIdentity: string):
    Promise<{ roomName: string; participantIdentity: string; removedAt: string }>;
  mutePublishedTrack(user: StudyUser, roomName: string, participantIdentity: string, trackSid: string, muted: boolean):
    Promise<{ trackSid: string; muted: boolean }>;
  status(): Promise<{ configured: boolean; serverUrl: string; hasApiKey: boolean; hasApiSecret: boolean; hasServerUrl: boolean }>;
  /** Verifies (over the exact bytes) and applies a webhook once per event id. */
  receiveWebhook(body: Uint8Array | string, authHeader: string):
    Promise<{ event: string; id: string; outcome: 'applied' | 'duplicate' | 'ignored' }>;
  /**
   * One reconciliation pass against LiveKit's ListParticipants (repairs attendance after lost
   * webhook deliveries); call it on your own timer. Rejects with livekit_not_configured or
   * livekit_unavailable.
   */
  reconcile(): Promise<{ sessionsChecked: number; rowsOpened: number; rowsClosed: number; sessionsClosed: number }>;
  /** Waits for calls in flight, then frees the service (and a store open() opened). */
  close(): Promise<void>;
}

/** Node's request and response, as far as the handler uses them (Express's extend them). */
export interface RequestLike extends AsyncIterable<Uint8Array> {
  method?: string; url?: string; rawHeaders?: string[]; headers?: Record<string, string | string[] | undefined>;
  body?: unknown; readableEnded?: boolean;
  on(event: string, listener: (...args: any[]) => void): unknown;
  off(event: string, listener: (...args: any[]) => void): unknown;
  pause(): unknown; resume(): unknown;
}
export interface ResponseLike { statusCode: number; setHeader(name: string, value: string | number): unknown; end(body?: unknown): unknown }

/**
 * The REST API as a request handler for Express (`app.use(...)`) or `http.createServer(...)`.
 * Paths outside /api/livekit and /api/study-groups go to `next()` when there is one.
 */
export declare function createRequestHandler(groups: StudyGroups, options?: {
  user?: (req: any) => StudyUser | null | undefined | Promise<StudyUser | null | undefined>;
  fallthrough?: boolean;
}): (req: RequestLike, res: ResponseLike, next?: (err?: unknown) => void) => Promise<void>;

/** An app user token (HS256 with `secret`), as a host's login would issue; for tests and tools. */
export declare function mintAppToken(secret: string, user: StudyUser, options?: { ttl?: number | string }): string;

/** The lower-case status names of the C library (lks_status). */
export type LkStudyErrorCode =
  | 'canceled'
  | 'unknown'
  | 'invalid_argument'
  | 'deadline_exceeded'
  | 'not_found'
  | 'already_exists'
  | 'permission_denied'
  | 'resource_exhausted'
  | 'failed_precondition'
  | 'aborted'
  | 'out_of_range'
  | 'unimplemented'
  | 'internal'
  | 'unavailable'
  | 'data_loss'
  | 'unauthenticated';

/** Every failure of the binding: the C library's status as a typed error. */
export declare class LkStudyError extends Error {
  constructor(message: string, detail?: { code?: LkStudyErrorCode; errno?: number; reason?: string; httpStatus?: number });
  readonly name: 'LkStudyError';
  /** the status name, e.g. 'invalid_argument' */
  code: LkStudyErrorCode;
  /** the status number (lks_status, numbered like google.rpc.Code) */
  errno: number;
  /** a machine-readable reason ('expired', 'bad_signature', ...) or '' */
  reason: string;
  /** the remote HTTP status, or the one an HTTP API answers for `code` */
  httpStatus: number;
  /** the same as httpStatus (livekit-server-sdk's TwirpError name) */
  status: number;
}

/** The native library's version, "MAJOR.MINOR.PATCH". */
export declare const nativeVersion: string;
