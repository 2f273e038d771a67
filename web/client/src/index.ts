// @lkstudy/client: a typed client for lkstudy's study-group REST API, on fetch and nothing else,
// so it runs in browsers, React Native and Node (18+). See web/client/README.md.
import type {
  Attendance,
  BreakoutRequest,
  BreakoutState,
  CreateGroupRequest,
  CreateRoomRequest,
  DeletedRoom,
  DevSignIn,
  DevUser,
  GroupPage,
  Knock,
  KnockList,
  LeftGroup,
  LiveKitStatus,
  LiveKitToken,
  MemberList,
  Membership,
  MutedTrack,
  MuteTrackRequest,
  RemovedParticipant,
  Room,
  RoomDetails,
  RoomList,
  StudyGroup,
  TokenRequest,
  TokenWaiting,
  UpdateGroupRequest,
  Usage,
} from './types.js';

export type * from './types.js';

/** The app user token, or a function that returns the current one (e.g. after a refresh). */
export type TokenSource =
  string | null | undefined | (() => string | null | undefined | Promise<string | null | undefined>);

export interface ClientOptions {
  /**
   * Where the API is: "https://api.example.com" (the routes' /api/... is appended). Empty means
   * the page's own origin (browsers only; React Native and Node need a full URL).
   */
  baseUrl?: string;
  /** The app's user token, sent as `Authorization: Bearer <token>`. */
  token?: TokenSource;
  /** A fetch implementation; the global one by default. */
  fetch?: typeof fetch;
}

export interface RequestOptions {
  signal?: AbortSignal;
}

/**
 * A failed call: the API's own error (`code` and `message` as it sent them, `status` its HTTP
 * status) or, with status 0, a network failure (code "network_error") or an answer that was not
 * the API's JSON (code "bad_response").
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
}

/** Error codes the API answers with (docs/rest-api.md), plus the client's own two. */
export const ErrorCodes = {
  invalidArgument: 'invalid_argument',
  unauthenticated: 'unauthenticated',
  notAMember: 'not_a_member',
  notAModerator: 'not_a_moderator',
  notAnOwner: 'not_an_owner',
  barred: 'barred',
  locked: 'locked',
  denied: 'denied',
  notFound: 'not_found',
  roomNotFound: 'room_not_found',
  roomNotActive: 'room_not_active',
  participantNotFound: 'participant_not_found',
  groupFull: 'group_full',
  notLiveKit: 'not_livekit',
  liveKitUnavailable: 'livekit_unavailable',
  liveKitNotConfigured: 'livekit_not_configured',
  liveKitError: 'livekit_error',
  notAssigned: 'not_assigned',
  breakoutsOpen: 'breakouts_open',
  breakoutsClosed: 'breakouts_closed',
  networkError: 'network_error',
  badResponse: 'bad_response',
} as const;

const kWords: Record<string, string> = {
  unauthenticated: 'Your sign-in is not valid (missing, expired or from another server). Sign in again.',
  not_a_member: 'You are not a member of this study group.',
  not_a_moderator: 'Only the owners and moderators of this study group may do that.',
  not_an_owner: "Only the owners of this study group may change its settings.",
  barred: 'A moderator removed you from this session; you can join its next session.',
  locked: 'A moderator locked this session: no one else can join it now.',
  denied: 'A moderator did not let you into this session.',
  group_full: 'This study group is full.',
  not_found: 'There is no such study group.',
  room_not_found: 'That room belongs to no study group.',
  room_not_active: 'The call has not started or has already ended.',
  participant_not_found: 'That participant is not in the call any more.',
  not_livekit: 'This study group meets on Google Meet, not in a LiveKit call.',
  livekit_unavailable: 'The video service (LiveKit) is unreachable right now.',
  livekit_not_configured: 'The video service (LiveKit) is not configured on this server.',
  livekit_error: 'The video service (LiveKit) answered with an error.',
  not_assigned: 'You are assigned to another breakout room.',
  breakouts_open: 'Breakout rooms are open already; close them first.',
  breakouts_closed: 'The breakout rooms are closed; go back to the main room.',
  invalid_argument: 'The request was not valid.',
  network_error: 'The study-group server cannot be reached.',
  bad_response: 'The study-group server answered something unexpected.',
};

/** One sentence a person can read for `error` (an ApiError or anything else thrown). */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) return kWords[error.code] ?? 'The request failed.';
  return 'Something went wrong.';
}

/** Whether createToken answered the waiting room (202) instead of a token. */
export function isWaiting(t: LiveKitToken | TokenWaiting): t is TokenWaiting {
  return (t as TokenWaiting).status === 'waiting';
}

function path(strings: TemplateStringsArray, ...parts: Array<string | number>): string {
  let out = strings[0];
  parts.forEach((p, i) => {
    out += encodeURIComponent(String(p)) + strings[i + 1];
  });
  return out;
}

export class LkStudyClient {
  private readonly baseUrl: string;
  private readonly tokenSource: TokenSource;
  private readonly fetchFn: typeof fetch;

  constructor(options: ClientOptions = {}) {
    this.baseUrl = (options.baseUrl ?? '').replace(/\/+$/, '');
    this.tokenSource = options.token;
    const f = options.fetch ?? globalThis.fetch;
    if (!f) throw new Error('LkStudyClient: no fetch (pass options.fetch)');
    // Called unbound, a browser's fetch throws "Illegal invocation".
    this.fetchFn = options.fetch ? f : (input, init) => globalThis.fetch(input, init);
  }

  // --- Study groups ---

  createGroup(request: CreateGroupRequest, o?: RequestOptions): Promise<StudyGroup> {
    return this.call('POST', '/api/study-groups/create', request, o);
  }
  /** The caller's groups, in pages (`after`: the previous page's nextAfter). */
  listGroups(page: { after?: number; limit?: number } = {}, o?: RequestOptions): Promise<GroupPage> {
    const q = new URLSearchParams();
    if (page.after !== undefined) q.set('after', String(page.after));
    if (page.limit !== undefined) q.set('limit', String(page.limit));
    const qs = q.toString();
    return this.call('GET', '/api/study-groups' + (qs ? '?' + qs : ''), undefined, o);
  }
  getGroup(id: number, o?: RequestOptions): Promise<StudyGroup> {
    return this.call('GET', path`/api/study-groups/${id}`, undefined, o);
  }
  /** Changes the group's settings (owners and admins; others get 403 not_an_owner). */
  updateGroup(id: number, changes: UpdateGroupRequest, o?: RequestOptions): Promise<StudyGroup> {
    return this.call('PATCH', path`/api/study-groups/${id}`, changes, o);
  }
  /** Joins as a member (joining again answers the membership one has). */
  joinGroup(id: number, o?: RequestOptions): Promise<Membership> {
    return this.call('POST', path`/api/study-groups/${id}/join`, undefined, o);
  }
  leaveGroup(id: number, o?: RequestOptions): Promise<LeftGroup> {
    return this.call('POST', path`/api/study-groups/${id}/leave`, undefined, o);
  }
  listMembers(id: number, o?: RequestOptions): Promise<MemberList> {
    return this.call('GET', path`/api/study-groups/${id}/members`, undefined, o);
  }
  /** Who attended which session (the most recent 50), from LiveKit's webhooks. */
  getAttendance(id: number, o?: RequestOptions): Promise<Attendance> {
    return this.call('GET', path`/api/study-groups/${id}/attendance`, undefined, o);
  }
  /** The current session's waiting room (moderators). */
  listKnocks(id: number, o?: RequestOptions): Promise<KnockList> {
    return this.call('GET', path`/api/study-groups/${id}/knocks`, undefined, o);
  }
  /** Lets a knocking member into the current session (moderators). */
  admitKnock(id: number, userId: string, o?: RequestOptions): Promise<Knock> {
    return this.call('POST', path`/api/study-groups/${id}/knocks/${userId}/admit`, undefined, o);
  }
  /** Keeps a knocking member out of the current session (moderators). */
  denyKnock(id: number, userId: string, o?: RequestOptions): Promise<Knock> {
    return this.call('POST', path`/api/study-groups/${id}/knocks/${userId}/deny`, undefined, o);
  }
  /** Only owners, moderators and admins get tokens until unlockGroup (moderators). */
  lockGroup(id: number, o?: RequestOptions): Promise<StudyGroup> {
    return this.call('POST', path`/api/study-groups/${id}/lock`, undefined, o);
  }
  unlockGroup(id: number, o?: RequestOptions): Promise<StudyGroup> {
    return this.call('POST', path`/api/study-groups/${id}/unlock`, undefined, o);
  }
  /**
   * Splits the live session into breakout rooms (moderators); members then get a token for their
   * breakout from createToken with the group's room (docs/breakouts.md).
   */
  openBreakouts(id: number, request: BreakoutRequest, o?: RequestOptions): Promise<BreakoutState> {
    return this.call('POST', path`/api/study-groups/${id}/breakouts`, request, o);
  }
  /** The open breakout rooms and the caller's assignment. */
  getBreakouts(id: number, o?: RequestOptions): Promise<BreakoutState> {
    return this.call('GET', path`/api/study-groups/${id}/breakouts`, undefined, o);
  }
  /** Closes the breakout rooms: everyone goes back to the main room (moderators). */
  closeBreakouts(id: number, o?: RequestOptions): Promise<BreakoutState> {
    return this.call('DELETE', path`/api/study-groups/${id}/breakouts`, undefined, o);
  }
  /** Attendance-based usage: participant-minutes and estimated cost, per session. */
  getUsage(id: number, o?: RequestOptions): Promise<Usage> {
    return this.call('GET', path`/api/study-groups/${id}/usage`, undefined, o);
  }

  // --- LiveKit ---

  /**
   * A LiveKit token for a room: `Room.connect(t.serverUrl, t.token)`; in an approval group, until
   * a moderator admits the caller, the waiting answer instead (`isWaiting(t)`: ask again after
   * `t.retryAfterSeconds`).
   */
  createToken(request: TokenRequest, o?: RequestOptions): Promise<LiveKitToken | TokenWaiting> {
    return this.call('POST', '/api/livekit/token', request, o);
  }
  createRoom(request: CreateRoomRequest, o?: RequestOptions): Promise<Room> {
    return this.call('POST', '/api/livekit/rooms', request, o);
  }
  listRooms(o?: RequestOptions): Promise<RoomList> {
    return this.call('GET', '/api/livekit/rooms', undefined, o);
  }
  getRoom(roomName: string, o?: RequestOptions): Promise<RoomDetails> {
    return this.call('GET', path`/api/livekit/rooms/${roomName}`, undefined, o);
  }
  /** Ends the session: everyone is disconnected. */
  deleteRoom(roomName: string, o?: RequestOptions): Promise<DeletedRoom> {
    return this.call('DELETE', path`/api/livekit/rooms/${roomName}`, undefined, o);
  }
  /** Disconnects a participant, who gets no new token for this session. */
  removeParticipant(
    roomName: string,
    participantIdentity: string,
    o?: RequestOptions,
  ): Promise<RemovedParticipant> {
    return this.call(
      'POST',
      path`/api/livekit/rooms/${roomName}/remove-participant`,
      { participantIdentity },
      o,
    );
  }
  muteTrack(roomName: string, request: MuteTrackRequest, o?: RequestOptions): Promise<MutedTrack> {
    return this.call('POST', path`/api/livekit/rooms/${roomName}/mute-track`, request, o);
  }
  liveKitStatus(o?: RequestOptions): Promise<LiveKitStatus> {
    return this.call('GET', '/api/livekit/status', undefined, o);
  }

  // --- `lkstudy dev` only (404 from `lkstudy serve` and host backends) ---

  async devUsers(o?: RequestOptions): Promise<DevUser[]> {
    const d = await this.call<{ users: DevUser[] }>('GET', '/dev/users', undefined, o);
    return d.users;
  }
  devSignIn(userId: string, o?: RequestOptions): Promise<DevSignIn> {
    return this.call('POST', '/dev/sign-in', { userId }, o);
  }

  /** One call: the answer's `data`, or an ApiError. */
  async call<T>(method: string, route: string, body?: unknown, o?: RequestOptions): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    const token = typeof this.tokenSource === 'function' ? await this.tokenSource() : this.tokenSource;
    if (token) headers.Authorization = `Bearer ${token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let response: Response;
    try {
      response = await this.fetchFn(this.baseUrl + route, {
        method,
        headers,
        body: body === undefined ? (method === 'POST' ? '{}' : undefined) : JSON.stringify(body),
        signal: o?.signal,
      });
    } catch (e) {
      if (o?.signal?.aborted) throw e;
      throw new ApiError(
        0,
        'network_error',
        `cannot reach ${this.baseUrl || 'the server'}: ${(e as Error)?.message ?? e}`,
      );
    }
    const text = await response.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new ApiError(
        response.status,
        'bad_response',
        `HTTP ${response.status}: not JSON (${text.slice(0, 120)})`,
      );
    }
    const o2 = json as { success?: boolean; data?: T; error?: { code?: string; message?: string } };
    if (response.ok && o2 && o2.success === true) return o2.data as T;
    const code = o2?.error?.code ?? (response.ok ? 'bad_response' : 'http_' + response.status);
    const message = o2?.error?.message ?? `HTTP ${response.status}`;
    throw new ApiError(response.status, code, message);
  }
}
