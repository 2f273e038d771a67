'use strict';
// StudyGroups: lkstudy's study-group service over lks_service (lks.h). The service holds the
// policy of docs/rest-api.md (who gets which LiveKit token, moderation, webhook ingestion, usage)
// over a StudyGroupStore and LiveKit, and serves the seed's REST API as one function from request
// to response. Its typed methods are that API called for a user the host has authenticated: the
// same routes and JSON shapes, resolving with the response's `data` and rejecting with an
// LkStudyError. Every call runs in the native library on libuv's thread pool.
const native = require('./native');
const { LkStudyError, invalidArgument, STATUS_NUMBERS } = require('./errors');
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
   *   tokenTtl    lifetime of LiveKit tokens (seconds or '6h'; default 6 h)
   *   costPerParticipantMinute  for usage reports (default 0.0035 USD)
   *   moderatorsGetRoomAdmin    owners and moderators also get roomAdmin in their tokens
   *   liveRoomCacheSeconds      how long a live room is trusted before asking LiveKit again (30)
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
    const principal = user == null ? undefined : principalJson(user);
    const [status, headerLines, responseBody] = await this.#run((service) =>
      service.handle(String(method).toUpperCase(), url, headerText(headers), body, principal));
    return { status, headers: parseHeaderLines(headerLines), body: responseBody };
  }

  // Study groups ----------------------------------------------------------------------------

  /** Creates a group owned by `user`: {title, description, maxParticipants, scheduledTime, ...}. */
  createGroup(user, group) {
    return this.#call(user, 'POST', '/api/study-groups/create', group);
  }

  /** The group `id`. */
  getGroup(user, id) {
    return this.#call(user, 'GET', `/api/study-groups/${segment(id, 'id')}`);
  }

  /** The user's groups: {groups, total, nextAfter}; `after` and `limit` page through them. */
  listGroups(user, { after, limit } = {}) {
    const query = new URLSearchParams();
    if (after != null) query.set('after', String(after));
    if (limit != null) query.set('limit', String(limit));
    const q = query.toString();
    return this.#call(user, 'GET', `/api/study-groups${q ? `?${q}` : ''}`);
  }

  /** Joins group `id` (harmless when already a member); rejects with reason 'group_full' when full. */
  joinGroup(user, id) {
    return this.#call(user, 'POST', `/api/study-groups/${segment(id, 'id')}/join`);
  }

  /** Leaves group `id` (the last owner cannot). */
  leaveGroup(user, id) {
    return this.#call(user, 'POST', `/api/study-groups/${segment(id, 'id')}/leave`);
  }

  /** The members of group `id` (members only): {members, total}. */
  listMembers(user, id) {
    return this.#call(user, 'GET', `/api/study-groups/${segment(id, 'id')}/members`);
  }

  /** Participant-minutes and estimated cost of group `id`'s sessions (members only). */
  getUsage(user, id) {
    return this.#call(user, 'GET', `/api/study-groups/${segment(id, 'id')}/usage`);
  }

  // LiveKit ---------------------------------------------------------------------------------

  /**
   * A LiveKit token for a member of the group whose room is `roomName`:
   * {token, serverUrl, roomName, identity, participantName}. Creates the room on demand.
   */
  issueToken(user, { roomName, participantName } = {}) {
    return this.#call(user, 'POST', '/api/livekit/token', { roomName, participantName });
  }

  /** Creates a room (moderators of its group; admins for other rooms): {name, emptyTimeout, maxParticipants}. */
  createRoom(user, room) {
    return this.#call(user, 'POST', '/api/livekit/rooms', room);
  }

  /** The active rooms of the user's groups (all rooms for admins): {rooms, total}. */
  listRooms(user) {
    return this.#call(user, 'GET', '/api/livekit/rooms');
  }

  /** A room and its participants (members): {room, participants}. */
  getRoom(user, roomName) {
    return this.#call(user, 'GET', `/api/livekit/rooms/${segment(roomName, 'roomName')}`);
  }

  /** Ends the room's session: disconnects everyone (moderators). */
  deleteRoom(user, roomName) {
    return this.#call(user, 'DELETE', `/api/livekit/rooms/${segment(roomName, 'roomName')}`);
  }

  /** Removes a participant, who gets no new token for this session (moderators). */
  removeParticipant(user, roomName, participantIdentity) {
    return this.#call(user, 'POST', `/api/livekit/rooms/${segment(roomName, 'roomName')}/remove-participant`,
      { participantIdentity });
  }

  /** Mutes or unmutes a participant's published track (moderators). */
  mutePublishedTrack(user, roomName, participantIdentity, trackSid, muted) {
    return this.#call(user, 'POST', `/api/livekit/rooms/${segment(roomName, 'roomName')}/mute-track`,
      { participantIdentity, trackSid, muted });
  }

  /** Whether LiveKit is configured: {configured, serverUrl, hasApiKey, hasApiSecret, hasServerUrl}. */
  status() {
    return this.#call(undefined, 'GET', '/api/livekit/status');
  }

  /**
   * Verifies and applies a webhook from livekit-server, once per event id:
   * {event, id, outcome: 'applied' | 'duplicate' | 'ignored'}. `body` must be the exact bytes.
   */
  receiveWebhook(body, authHeader) {
    if (typeof authHeader !== 'string') throw invalidArgument('authHeader: must be a string');
    return this.#call(undefined, 'POST', '/api/livekit/webhook', undefined,
      { headers: `Authorization: ${authHeader}\r\n`, body });
  }

  /** Waits for the calls in flight, then frees the service (and the store if open() opened it). */
  async close() {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#inFlight > 0) await new Promise((resolve) => { this.#idle = resolve; });
    this.#service.close();
    if (this.#ownsStore) await this.#store.close();
  }

  // One REST call as a typed method: the response's `data`, or an LkStudyError.
  async #call(user, method, url, request, raw) {
    const principal = user === undefined ? undefined : principalJson(user);
    const headers = raw?.headers ?? '';
    const body = raw ? raw.body : request === undefined ? '' : JSON.stringify(request);
    const [status, , responseBody] = await this.#run((service) =>
      service.handle(method, url, headers, body, principal));
    const json = JSON.parse(responseBody);
    if (status >= 400 || json.success === false) throw restError(status, json.error);
    return json.success === true && 'data' in json ? json.data : json;
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
  return native.mintAppToken(secret, principalJson(user), toSeconds(ttl, 'ttl'));
}

// The options object native.Service takes, with environment defaults.
function serviceConfig(o) {
  const config = {
    livekitUrl: o.livekitUrl ?? process.env.LIVEKIT_SERVER_URL ?? process.env.LIVEKIT_URL,
    apiKey: o.apiKey ?? process.env.LIVEKIT_API_KEY,
    apiSecret: o.apiSecret ?? process.env.LIVEKIT_API_SECRET,
    appJwtSecret: o.appJwtSecret ?? process.env.APP_JWT_SECRET,
    costPerParticipantMinute: o.costPerParticipantMinute,
    moderatorsGetRoomAdmin: o.moderatorsGetRoomAdmin,
    liveRoomCacheSeconds: o.liveRoomCacheSeconds,
  };
  if (o.tokenTtl != null) config.tokenTtlSeconds = toSeconds(o.tokenTtl, 'tokenTtl');
  return config;
}

// The principal JSON of the C ABI for a host's user: {userId, email, name, role}; `id` is
// accepted for userId, and a bare string or number is the user id.
function principalJson(user) {
  if (typeof user === 'string' || typeof user === 'number') return JSON.stringify({ userId: String(user) });
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
  return JSON.stringify(p);
}

// A path segment from an id or room name.
function segment(value, field) {
  if ((typeof value !== 'string' && typeof value !== 'number') || value === '') {
    throw invalidArgument(`${field}: required`);
  }
  return encodeURIComponent(String(value));
}

// Request headers as the C ABI takes them: "Name: value\r\n" lines.
function headerText(headers) {
  if (headers == null) return '';
  if (typeof headers === 'string') return headers;
  let text = '';
  if (Array.isArray(headers)) {
    for (let i = 0; i + 1 < headers.length; i += 2) text += `${headers[i]}: ${headers[i + 1]}\r\n`;
    return text;
  }
  if (typeof headers !== 'object') throw invalidArgument('headers: must be an object, an array or a string');
  for (const [name, value] of Object.entries(headers)) {
    if (value == null) continue;
    for (const v of Array.isArray(value) ? value : [value]) text += `${name}: ${v}\r\n`;
  }
  return text;
}

// Response header lines into an object with lower-case names.
function parseHeaderLines(text) {
  const headers = {};
  for (const line of text.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

// The canonical code of an API error: the REST code when it is one, else the one its reason
// word (or, failing that, its HTTP status) stands for.
const REASON_CODES = {
  not_a_member: 'permission_denied',
  not_a_moderator: 'permission_denied',
  barred: 'permission_denied',
  room_not_found: 'not_found',
  room_not_active: 'not_found',
  participant_not_found: 'not_found',
  no_route: 'not_found',
  method_not_allowed: 'unimplemented',
  group_full: 'resource_exhausted',
  payload_too_large: 'resource_exhausted',
  livekit_not_configured: 'failed_precondition',
  livekit_unavailable: 'unavailable',
  livekit_error: 'unknown',
};
const HTTP_CODES = {
  400: 'invalid_argument', 401: 'unauthenticated', 403: 'permission_denied', 404: 'not_found',
  405: 'unimplemented', 409: 'aborted', 413: 'resource_exhausted', 429: 'resource_exhausted',
  501: 'unimplemented', 503: 'unavailable',
};

function restError(status, error = {}) {
  const restCode = typeof error.code === 'string' ? error.code : '';
  const message = typeof error.message === 'string' && error.message !== '' ? error.message : `HTTP ${status}`;
  if (restCode in STATUS_NUMBERS) return new LkStudyError(message, { code: restCode, httpStatus: status });
  const code = REASON_CODES[restCode] ?? HTTP_CODES[status] ?? (status >= 500 ? 'internal' : 'unknown');
  return new LkStudyError(message, { code, reason: restCode, httpStatus: status });
}

module.exports = { StudyGroups, mintAppToken };
