'use strict';
// StudyGroups: lkstudy's study-group service over lks_service (lks.h). The service holds the
// policy of docs/rest-api.md (who gets which LiveKit token, moderation, webhook ingestion, usage)
// over a StudyGroupStore and LiveKit. Its typed methods are the C ABI's typed calls
// (lks_service_<operation>) for a user the host has authenticated: they resolve with the JSON
// the REST API answers as `data` and reject with an LkStudyError carrying the status, reason and
// HTTP status that route would answer with. handle() serves the REST API itself. Every call runs
// in the native library on libuv's thread pool.
const native = require('./native');
const { LkStudyError, invalidArgument } = require('./errors');
const { StudyGroupStore, kNativeStore } = require('./StudyGroupStore');
const { toSeconds } = require('./ttl');

class StudyGroups {
  #service;
  #store;
  #ownsStore;
  #inFlight = 0;
  #idle = null;
  #closed = false;

  constructor(service, store, ownsStore) {
    this.#service = service;
    this.#store = store;
    this.#ownsStore = ownsStore;
  }

  /**
   * Opens the service.
   *   store       a StudyGroupStore, or a store URL to open ('sqlite:groups.db', 'postgres://...'); required
   *   livekitUrl  LiveKit's URL (defaults to $LIVEKIT_SERVER_URL, then $LIVEKIT_URL): the token response's serverUrl and
   *               where rooms are managed
   *   apiKey, apiSecret  default to $LIVEKIT_API_KEY / $LIVEKIT_API_SECRET; with livekitUrl they
   *               enable the LiveKit routes and webhook verification
   *   appJwtSecret  the secret of the app's user tokens (defaults to $APP_JWT_SECRET); without it
   *               only calls with a host-authenticated user reach the authenticated routes
   *   e2eeMasterSecret  derives the session keys of end-to-end encrypted groups (at least 32 bytes;
   *               defaults to $LKS_E2EE_MASTER_SECRET; docs/e2ee.md)
   *   tokenTtl    lifetime of LiveKit join tokens (seconds or '15m'; default 15 min; a call outlives it)
   *   costPerParticipantMinute  for usage reports (default 0.0035 USD)
   *   moderatorsGetRoomAdmin    owners and moderators also get roomAdmin in their tokens
   *   liveRoomCacheSeconds      how long a live room is trusted before asking LiveKit again (30)
   *   publicUrl   the web client's public base URL: calendar.ics links <publicUrl>/#/group/<id>/call
   * A store opened here is closed by close(); a StudyGroupStore passed in stays the caller's.
   */
  static async open(options = {}) {
    if (options === null || typeof options !== 'object') throw invalidArgument('options: must be an object');
    const config = serviceConfig(options);
    let store = options.store;
    const ownsStore = typeof store === 'string';
    if (ownsStore) {
      store = await StudyGroupStore.open(store);
    } else if (!(store instanceof StudyGroupStore)) {
      throw invalidArgument('store: required (a StudyGroupStore, or a URL such as sqlite:groups.db or postgres://...)');
    }
    try {
      return new StudyGroups(new native.Service(store[kNativeStore](), config), store, ownsStore);
    } catch (err) {
      if (ownsStore) await store.close();
      throw err;
    }
  }

  /** The StudyGroupStore the service keeps its groups in (the same database). */
  get store() {
    return this.#store;
  }

  /**
   * Serves one request of the REST API (docs/rest-api.md):
   *   method   'GET', 'POST', ... (default 'GET')
   *   url      the path with an optional query: '/api/study-groups?limit=10'
   *   headers  an object, Node's rawHeaders array, or "Name: value\r\n" lines
   *   body     the body exactly as received (Buffer or string); webhooks are verified over it
   *   user     a user the host authenticated ({userId, email, name, role}); without it the
   *            caller is authenticated by its 'Authorization: Bearer <app token>' header
   * Resolves with {status, headers, body: Buffer}: API errors are responses (4xx/5xx with the
   * error JSON), not rejections.
   */
  async handle({ method = 'GET', url, headers, body = '', user } = {}) {
    if (typeof url !== 'string' || url === '') throw invalidArgument('url: required');
    const who = user == null ? undefined : principal(user);
    const [status, headerList, responseBody] = await this.#run((service) =>
      service.handle(String(method), url, headerArray(headers), body, who));
    return { status, headers: headerObject(headerList), body: responseBody };
  }

  // Study groups ----------------------------------------------------------------------------

  /** Creates a group owned by `user`: {title, description, maxParticipants, scheduledTime, ...}. */
  createGroup(user, group) {
    return this.#call((s) => s.createGroup(principal(user), requestJson(group, 'group')));
  }

  /** The group `id`. */
  getGroup(user, id) {
    return this.#call((s) => s.getGroup(principal(user), groupId(id)));
  }

  /** The user's groups: {groups, total, nextAfter}; `after` and `limit` page through them. */
  listGroups(user, { after, limit } = {}) {
    return this.#call((s) => s.listGroups(principal(user), integer(after ?? 0, 'after'),
      integer(limit ?? 0, 'limit')));
  }

  /** Joins group `id` (harmless when already a member); rejects with reason 'group_full' when full. */
  joinGroup(user, id) {
    return this.#call((s) => s.joinGroup(principal(user), groupId(id)));
  }

  /** Leaves group `id` (the last owner cannot). */
  leaveGroup(user, id) {
    return this.#call((s) => s.leaveGroup(principal(user), groupId(id)));
  }

  /** The members of group `id` (members only): {members, total}. */
  listMembers(user, id) {
    return this.#call((s) => s.listMembers(principal(user), groupId(id)));
  }

  /** Participant-minutes and estimated cost of group `id`'s sessions (members only). */
  getUsage(user, id) {
    return this.#call((s) => s.getUsage(principal(user), groupId(id)));
  }

  /**
   * Group `id`'s calendar (members only): the iCalendar text of GET
   * /api/study-groups/:id/calendar.ics (VTIMEZONE, the VEVENT with its RRULE and join link).
   * Rejects with reason 'not_scheduled' for a group without a scheduledTime.
   */
  async getCalendar(user, id) {
    const r = await this.handle({ url: `/api/study-groups/${groupId(id)}/calendar.ics`, user: principal(user) });
    if (r.status === 200) return Buffer.from(r.body).toString('utf8');
    throw restError(r, 'calendar');
  }

  /**
   * Changes group `id`'s settings (owners and admins; PATCH /api/study-groups/:id): any of
   * title, description, maxParticipants, scheduledTime, durationMinutes, timeZone, recurrence,
   * earlyJoinMinutes, graceMinutes, admission, recordingConsent, e2ee, transcriptionAgent; null
   * removes scheduledTime, timeZone, recurrence or transcriptionAgent. Resolves with the updated
   * group; rejects with reason 'not_an_owner' (403), 'group_full' (409: below the member count) or
   * 'invalid_argument' naming the field (the provider and the room name cannot change).
   */
  async updateGroup(user, id, changes) {
    const r = await this.handle({
      method: 'PATCH', url: `/api/study-groups/${groupId(id)}`, user: principal(user),
      headers: { 'Content-Type': 'application/json' }, body: requestJson(changes, 'changes'),
    });
    if (r.status === 200) return JSON.parse(Buffer.from(r.body).toString('utf8')).data;
    throw restError(r, 'updateGroup');
  }

  // Admission (waiting room and lock; owners, moderators and admins) ------------------------

  /** The knocks on group `id`'s current session: {groupId, session, knocks, total}. */
  listKnocks(user, id) {
    return this.#call((s) => s.listKnocks(principal(user), groupId(id)));
  }

  /** Admits `userId`'s knock on the current session (their next issueToken gets a token). */
  admit(user, id, userId) {
    return this.#call((s) => s.admitKnock(principal(user), groupId(id), text(userId, 'userId')));
  }

  /** Denies `userId` the current session (their issueToken rejects with reason 'denied'). */
  deny(user, id, userId) {
    return this.#call((s) => s.denyKnock(principal(user), groupId(id), text(userId, 'userId')));
  }

  /** Locks group `id`: only owners, moderators and admins get tokens (others: reason 'locked'). */
  lock(user, id) {
    return this.#call((s) => s.lockGroup(principal(user), groupId(id)));
  }

  /** Unlocks group `id`. */
  unlock(user, id) {
    return this.#call((s) => s.unlockGroup(principal(user), groupId(id)));
  }

  // Recording (docs/recording.md) -------------------------------------------------------------

  /**
   * Starts recording group `id`'s live session (moderators; the group's recordingConsent must be
   * set). Rejects with LkStudyError reason 'recording_unavailable' (503) when the server has no
   * egress worker, 'recording_not_consented' (409) without consent.
   */
  startRecording(user, id) {
    return this.#call((s) => s.startRecording(principal(user), groupId(id)));
  }

  /** Stops group `id`'s running recordings (moderators); reason 'not_recording' when none runs. */
  stopRecording(user, id) {
    return this.#call((s) => s.stopRecording(principal(user), groupId(id)));
  }

  /** Group `id`'s recordings, oldest first (members): {groupId, recordings, total}. */
  listRecordings(user, id) {
    return this.#call((s) => s.listRecordings(principal(user), groupId(id)));
  }

  // Breakout rooms (docs/breakouts.md) ------------------------------------------------------

  /**
   * Opens breakout rooms of group `id`'s live session (moderators): `request` is
   * {count, mode: 'auto'} (the members present, spread evenly at random) or
   * {assignments: [{members: [userId, ...]}, ...]}. Resolves the state {groupId, open,
   * mainRoomName, sessionSid, rooms, assignment}. Rejects with reason 'breakouts_open' (409),
   * 'room_not_active' (409) or invalid_argument naming the field (count, assignments[i].members).
   */
  openBreakouts(user, id, request) {
    return this.#call((s) => s.openBreakouts(principal(user), groupId(id), requestJson(request, 'request')));
  }

  /** The open breakout rooms of group `id` and the caller's assignment (members). */
  getBreakouts(user, id) {
    return this.#call((s) => s.getBreakouts(principal(user), groupId(id)));
  }

  /** Closes group `id`'s breakout rooms (moderators); reason 'breakouts_not_open' when none is open. */
  closeBreakouts(user, id) {
    return this.#call((s) => s.closeBreakouts(principal(user), groupId(id)));
  }

  // LiveKit ---------------------------------------------------------------------------------

  /**
   * A LiveKit token for a member of the group whose room is `roomName`:
   * {token, serverUrl, roomName, identity, participantName, expiresAt}. Creates the room on
   * demand. In an approval group a member not yet admitted gets {status: 'waiting', groupId,
   * roomName, session, knockedAt, retryAfterSeconds} instead (check `status` first) and asks
   * again later.
   */
  issueToken(user, { roomName, participantName } = {}) {
    return this.#call((s) => s.issueToken(principal(user), text(roomName, 'roomName'),
      text(participantName, 'participantName')));
  }

  /** Creates a room (moderators of its group; admins for other rooms): {name, emptyTimeout, maxParticipants}. */
  createRoom(user, room) {
    return this.#call((s) => s.createRoom(principal(user), requestJson(room, 'room')));
  }

  /** The active rooms of the user's groups (all rooms for admins): {rooms, total}. */
  listRooms(user) {
    return this.#call((s) => s.listRooms(principal(user)));
  }

  /** A room and its participants (members): {room, participants}. */
  getRoom(user, roomName) {
    return this.#call((s) => s.getRoom(principal(user), text(roomName, 'roomName')));
  }

  /** Ends the room's session: disconnects everyone (moderators). */
  deleteRoom(user, roomName) {
    return this.#call((s) => s.deleteRoom(principal(user), text(roomName, 'roomName')));
  }

  /** Removes a participant, who gets no new token for this session (moderators). */
  removeParticipant(user, roomName, participantIdentity) {
    return this.#call((s) => s.removeParticipant(principal(user), text(roomName, 'roomName'),
      text(participantIdentity, 'participantIdentity')));
  }

  /** Mutes or unmutes a participant's published track (moderators). */
  mutePublishedTrack(user, roomName, participantIdentity, trackSid, muted) {
    return this.#call((s) => s.muteTrack(principal(user), text(roomName, 'roomName'),
      text(participantIdentity, 'participantIdentity'), text(trackSid, 'trackSid'), muted !== false));
  }

  /** Whether LiveKit is configured: {configured, serverUrl, hasApiKey, hasApiSecret, hasServerUrl}. */
  status() {
    return this.#call((s) => s.liveKitStatus());
  }

  /**
   * Verifies and applies a webhook from livekit-server, once per event id:
   * {event, id, outcome: 'applied' | 'duplicate' | 'ignored'}. `body` must be the exact bytes.
   */
  receiveWebhook(body, authHeader) {
    if (typeof authHeader !== 'string') throw invalidArgument('authHeader: must be a string');
    return this.#call((s) => s.receiveWebhook(body, authHeader));
  }

  /**
   * One reconciliation pass against LiveKit's ListParticipants (docs/webhooks.md): closes the
   * attendance of participants who left without a delivered participant_left, opens it for those
   * whose participant_joined never arrived, closes sessions whose room is gone. Call it on your own
   * timer (every 30-60 s). Resolves {sessionsChecked, rowsOpened, rowsClosed, sessionsClosed}.
   */
  reconcile() {
    return this.#call((s) => s.reconcile());
  }

  /** Waits for the calls in flight, then frees the service (and the store if open() opened it). */
  async close() {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#inFlight > 0) await new Promise((resolve) => { this.#idle = resolve; });
    this.#service.close();
    if (this.#ownsStore) await this.#store.close();
  }

  // One typed call: the JSON it resolves with, parsed (errors are LkStudyErrors already).
  async #call(call) {
    return JSON.parse(await this.#run(call));
  }

  async #run(call) {
    if (this.#closed) throw new LkStudyError('StudyGroups: closed', { code: 'failed_precondition' });
    this.#inFlight++;
    try {
      return await call(this.#service);
    } finally {
      if (--this.#inFlight === 0 && this.#idle) this.#idle();
    }
  }
}

/**
 * Mints an app user token (HS256 with `secret`) for {userId, email, name, role}: what a host
 * app's login would issue, for tests and tools. `ttl` in seconds or '1h' (default 1 h).
 */
function mintAppToken(secret, user, { ttl = 3600 } = {}) {
  return native.mintAppToken(secret, principal(user), toSeconds(ttl, 'ttl'));
}

// The options object native.Service takes, with environment defaults.
function serviceConfig(o) {
  const config = {
    livekitUrl: o.livekitUrl ?? process.env.LIVEKIT_SERVER_URL ?? process.env.LIVEKIT_URL,
    apiKey: o.apiKey ?? process.env.LIVEKIT_API_KEY,
    apiSecret: o.apiSecret ?? process.env.LIVEKIT_API_SECRET,
    appJwtSecret: o.appJwtSecret ?? process.env.APP_JWT_SECRET,
    e2eeMasterSecret: o.e2eeMasterSecret ?? process.env.LKS_E2EE_MASTER_SECRET,
    costPerParticipantMinute: o.costPerParticipantMinute,
    moderatorsGetRoomAdmin: o.moderatorsGetRoomAdmin,
    liveRoomCacheSeconds: o.liveRoomCacheSeconds,
    publicUrl: o.publicUrl,
  };
  if (o.tokenTtl != null) config.tokenTtlSeconds = toSeconds(o.tokenTtl, 'tokenTtl');
  return config;
}

// A host's user as the native calls take it: {userId, email, name, role} with string values;
// `id` is accepted for userId, and a bare string or number is the user id.
function principal(user) {
  if (typeof user === 'string' || typeof user === 'number') return { userId: String(user) };
  if (user === null || typeof user !== 'object') throw invalidArgument('user: must be an object with userId');
  const id = user.userId ?? user.id;
  if (typeof id !== 'string' && typeof id !== 'number') {
    throw invalidArgument('user.userId: required (a string or a number)');
  }
  const p = { userId: String(id) };
  for (const key of ['email', 'name', 'role']) {
    if (user[key] == null) continue;
    if (typeof user[key] !== 'string') throw invalidArgument(`user.${key}: must be a string`);
    p[key] = user[key];
  }
  return p;
}

// The LkStudyError of a REST answer that is not a success (the API's error JSON).
function restError(r, what) {
  let error = {};
  try {
    error = JSON.parse(Buffer.from(r.body).toString('utf8')).error ?? {};
  } catch {
    // not the API's JSON: the HTTP status says it
  }
  return new LkStudyError(error.message ?? `${what}: HTTP ${r.status}`,
    { code: error.status, reason: error.reason, httpStatus: r.status });
}

// A request object (the REST body) as JSON; undefined is {}.
function requestJson(value, field) {
  if (value == null) return '{}';
  if (typeof value !== 'object' || Array.isArray(value)) throw invalidArgument(`${field}: must be an object`);
  return JSON.stringify(value);
}

// A group id: a positive integer, or a string of one (as in a URL).
function groupId(id) {
  const n = typeof id === 'string' && /^[0-9]+$/.test(id) ? Number(id) : id;
  if (!Number.isSafeInteger(n) || n <= 0) {
    throw invalidArgument(`id: '${String(id).slice(0, 32)}' is not a positive integer`);
  }
  return n;
}

function integer(value, field) {
  if (!Number.isSafeInteger(value)) throw invalidArgument(`${field}: expected an integer`);
  return value;
}

// A string argument; absent is '' (the library then names what is missing, as the REST API does).
function text(value, field) {
  if (value == null) return '';
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') throw invalidArgument(`${field}: must be a string`);
  return value;
}

// Request headers as the native call takes them: [name, value, name, value, ...], from an
// object, Node's rawHeaders array, or "Name: value\r\n" lines.
function headerArray(headers) {
  if (headers == null) return [];
  if (Array.isArray(headers)) return headers.map(String);
  const out = [];
  if (typeof headers === 'string') {
    for (const line of headers.split('\n')) {
      const colon = line.indexOf(':');
      if (colon > 0) out.push(line.slice(0, colon), line.slice(colon + 1).trim());
    }
    return out;
  }
  if (typeof headers !== 'object') throw invalidArgument('headers: must be an object, an array or a string');
  for (const [name, value] of Object.entries(headers)) {
    if (value == null) continue;
    for (const v of Array.isArray(value) ? value : [value]) out.push(name, String(v));
  }
  return out;
}

// Response headers [name, value, ...] into an object with lower-case names.
function headerObject(list) {
  const headers = {};
  for (let i = 0; i + 1 < list.length; i += 2) headers[list[i].toLowerCase()] = list[i + 1];
  return headers;
}

module.exports = { StudyGroups, mintAppToken };
