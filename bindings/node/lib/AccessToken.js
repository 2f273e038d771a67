'use strict';
// AccessToken and TokenVerifier with livekit-server-sdk's API, over lks_token_* (lks.h).
//
// Verifiers own native handles (lks_token_verifier) that the garbage collector's finalizers
// free; signers (lks_token_signer) live in the addon's bounded cache. Minting and verifying take a few microseconds of CPU and
// no I/O, so they run on the calling thread: toJwt() and verify() return Promises like
// livekit-server-sdk's, and toJwtSync()/verifySync() return the value directly.
const native = require('./native');
const { invalidArgument } = require('./errors');
const { toSeconds } = require('./ttl');

const DEFAULT_TTL = '6h';
const DEFAULT_TTL_SECONDS = 6 * 3600;
const DEFAULT_CLOCK_TOLERANCE_SECONDS = 10; // livekit-server-sdk's TokenVerifier default

// TrackSource numbers (LiveKit's protocol enum) as the JWT's strings.
const TrackSource = Object.freeze({
  UNKNOWN: 0,
  CAMERA: 1,
  MICROPHONE: 2,
  SCREEN_SHARE: 3,
  SCREEN_SHARE_AUDIO: 4,
});
const TRACK_SOURCE_NAMES = ['unknown', 'camera', 'microphone', 'screen_share', 'screen_share_audio'];

function trackSourceToString(source) {
  if (typeof source === 'string') return source.toLowerCase();
  const name = TRACK_SOURCE_NAMES[source];
  if (!name || source === TrackSource.UNKNOWN) throw invalidArgument(`video.canPublishSources: unknown TrackSource ${source}`);
  return name;
}

// native.mintToken's positional arguments come from one claims object through a function made
// once from the native table of their names (native.mintTokenArgs, src/token.cc), so the order is
// kept in one place; its first argument, a mask of the claims present (not undefined or null), is
// generated from the same table. The signer of an API key pair is looked up natively by a keyed
// fingerprint of the pair (no secret is cached in JS or in the addon).
const MINT_ARGS = native.mintTokenArgs;
const mintToken = new Function('mint', `return (c) => mint(${
  MINT_ARGS.map((name, i) => `(c.${name} != null ? ${1 << i} : 0)`).join(' | ')}, ${
  MINT_ARGS.map((name) => `c.${name}`).join(', ')});`)(native.mintToken);

function requireObject(value, field) {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw invalidArgument(`${field}: must be an object`);
  }
}

// JSON of a RoomConfiguration: a plain object, a JSON string, or a protobuf message (whose
// toJSON gives LiveKit's camelCase JSON, as the SDK puts it in the token).
function roomConfigJson(config) {
  if (config == null) return undefined;
  if (typeof config === 'string') return config;
  requireObject(config, 'roomConfig');
  return JSON.stringify(config);
}

/**
 * A LiveKit access token under construction, as in livekit-server-sdk: claims are plain values on
 * the object; toJwt() hands them to the native library (lks_token_signer_mint_to) in one call.
 */
class AccessToken {
  #apiKey;
  #apiSecret;
  #grants = {};
  // The video grant while it holds only booleans and a string room, as values (see
  // videoGrantValues): -1 for none, else the bits; #grants.video holds any other grant instead.
  #videoBits = -1;
  #videoRoom;

  /**
   * @param {string} [apiKey] defaults to $LIVEKIT_API_KEY
   * @param {string} [apiSecret] defaults to $LIVEKIT_API_SECRET
   * @param {{identity?: string, name?: string, ttl?: number|string, metadata?: string,
   *          attributes?: Record<string,string>}} [options]
   */
  constructor(apiKey, apiSecret, options) {
    apiKey ||= process.env.LIVEKIT_API_KEY;
    apiSecret ||= process.env.LIVEKIT_API_SECRET;
    if (!apiKey || !apiSecret) throw invalidArgument('api-key and api-secret must be set');
    this.#apiKey = apiKey;
    this.#apiSecret = apiSecret;
    this.identity = options?.identity;
    this.ttl = options?.ttl || DEFAULT_TTL;
    if (typeof this.ttl === 'number') this.ttl = `${this.ttl}s`;
    if (options?.metadata) this.#grants.metadata = options.metadata;
    if (options?.attributes) this.#grants.attributes = options.attributes;
    if (options?.name) this.#grants.name = options.name;
  }

  /** Adds (merges) a video grant: {roomJoin, room, canPublish, canSubscribe, ...}. */
  addGrant(grant) {
    requireObject(grant, 'video');
    if (this.#grants.video === undefined && videoGrantValues(grant, this.#videoBits, this.#videoRoom)) {
      this.#videoBits = lastBits;
      this.#videoRoom = lastRoom;
      return;
    }
    if (this.#videoBits >= 0) {  // back to an object: the values so far, then this grant
      this.#grants.video = videoGrantObject(this.#videoBits, this.#videoRoom);
      this.#videoBits = -1;
      this.#videoRoom = undefined;
    }
    this.#mergeGrant('video', grant);
  }

  /** Adds (merges) a SIP grant: {admin, call}. */
  addSIPGrant(grant) { this.#mergeGrant('sip', grant); }

  /** Adds (merges) an inference grant: {perform}. */
  addInferenceGrant(grant) { this.#mergeGrant('inference', grant); }

  /** Adds (merges) an observability grant: {write}. */
  addObservabilityGrant(grant) { this.#mergeGrant('observability', grant); }

  // A copy of the claim `kind` with `grant`'s keys over it (the SDK's merge).
  #mergeGrant(kind, grant) {
    requireObject(grant, kind);
    this.#grants[kind] = { ...(this.#grants[kind] ?? {}), ...grant };
  }

  get name() { return this.#grants.name; }
  set name(name) { this.#grants.name = name; }

  get metadata() { return this.#grants.metadata; }
  /** Metadata passed to the participant when it joins. */
  set metadata(md) { this.#grants.metadata = md; }

  get attributes() { return this.#grants.attributes; }
  set attributes(attrs) { this.#grants.attributes = attrs; }

  get kind() { return this.#grants.kind; }
  set kind(kind) { this.#grants.kind = kind; }

  get sha256() { return this.#grants.sha256; }
  set sha256(sha) { this.#grants.sha256 = sha; }

  get roomPreset() { return this.#grants.roomPreset; }
  set roomPreset(preset) { this.#grants.roomPreset = preset; }

  get roomConfig() { return this.#grants.roomConfig; }
  set roomConfig(config) { this.#grants.roomConfig = config; }

  /** The signed JWT, as a Promise (like livekit-server-sdk v2). */
  toJwt() {
    // Not an async function: Promise.resolve of the value costs less, and a failure still
    // arrives as a rejected Promise, never a throw.
    try {
      return Promise.resolve(this.toJwtSync());
    } catch (err) {
      return Promise.reject(err);
    }
  }

  /** The signed JWT. Throws LkStudyError naming the field on invalid claims. */
  toJwtSync() {
    const g = this.#grants;
    const { sip, inference, observability } = g;
    return mintToken({
      apiKey: this.#apiKey,
      apiSecret: this.#apiSecret,
      ttl: this.ttl === DEFAULT_TTL ? DEFAULT_TTL_SECONDS : toSeconds(this.ttl, 'ttl'),
      identity: this.identity,
      video: g.video == null ? undefined : videoGrantJson(g.video),
      videoBits: this.#videoBits < 0 ? undefined : this.#videoBits,
      videoRoom: this.#videoRoom,
      sip: sip == null ? undefined : (sip.admin ? 1 : 0) | (sip.call ? 2 : 0),
      inference: inference == null ? undefined : !!inference.perform,
      observability: observability == null ? undefined : !!observability.write,
      name: g.name,
      metadata: g.metadata,
      attributes: g.attributes,
      kind: g.kind,
      sha256: g.sha256,
      roomPreset: g.roomPreset,
      roomConfig: g.roomConfig == null ? undefined : roomConfigJson(g.roomConfig),
    });
  }
}

// A video grant of booleans and a string room crosses as values: two bits per boolean (bit 2i:
// present, 2i + 1: its value) in the order of native.videoGrantBools (src/token.cc), and the
// room. videoGrantValues merges `grant` over (bits, room) into lastBits/lastRoom and returns true,
// or returns false for any other grant (other keys or value types), which takes the JSON path.
const VIDEO_BOOL_INDEX = Object.create(null);
native.videoGrantBools.forEach((key, i) => { VIDEO_BOOL_INDEX[key] = i; });
let lastBits = 0;
let lastRoom;
function videoGrantValues(grant, bits, room) {
  if (bits < 0) bits = 0;
  for (const key in grant) {
    if (!Object.prototype.hasOwnProperty.call(grant, key)) continue;  // as the spread merge
    const value = grant[key];
    if (key === 'room') {
      if (value === undefined) room = undefined;
      else if (typeof value === 'string') room = value;
      else return false;
      continue;
    }
    const i = VIDEO_BOOL_INDEX[key];
    if (i === undefined) return false;
    if (value === undefined) bits &= ~(3 << (2 * i));
    else if (typeof value === 'boolean') bits = (bits & ~(3 << (2 * i))) | ((value ? 3 : 1) << (2 * i));
    else return false;
  }
  lastBits = bits;
  lastRoom = room;
  return true;
}

// The grant object of (bits, room), for a later addGrant that needs the object merge.
function videoGrantObject(bits, room) {
  const video = {};
  native.videoGrantBools.forEach((key, i) => {
    if ((bits >> (2 * i)) & 1) video[key] = ((bits >> (2 * i + 1)) & 1) === 1;
  });
  if (room !== undefined) video.room = room;
  return video;
}

// VideoGrant keys with their JSON prefix ('"room":'), written without quoting work.
const GRANT_KEY_JSON = Object.create(null);
for (const key of ['roomCreate', 'roomJoin', 'roomList', 'roomRecord', 'roomAdmin', 'room', 'ingressAdmin',
  'canPublish', 'canPublishSources', 'canSubscribe', 'canPublishData', 'canUpdateOwnMetadata', 'hidden', 'recorder',
  'agent', 'canSubscribeMetrics', 'canManageAgentSession', 'destinationRoom']) {
  GRANT_KEY_JSON[key] = `"${key}":`;
}

// String values (room names) as JSON strings: a process mints for a few rooms over and over,
// and quoting a string costs more than looking it up. Bounded.
const quotedStrings = new Map();
const MAX_QUOTED_STRINGS = 256;
function quoted(text) {
  let json = quotedStrings.get(text);
  if (json === undefined) {
    json = JSON.stringify(text);
    if (quotedStrings.size >= MAX_QUOTED_STRINGS) quotedStrings.clear();
    quotedStrings.set(text, json);
  }
  return json;
}

// The video grant as the JWT carries it (TrackSource numbers become their names), as JSON. The
// same text JSON.stringify gives, written directly: booleans, the common case, cost no call.
function videoGrantJson(video) {
  let json = '';
  for (const key in video) {
    const value = video[key];
    let text;
    if (value === true) text = 'true';
    else if (value === false) text = 'false';
    else if (typeof value === 'string') text = quoted(value);
    else if (value === undefined || typeof value === 'function') continue;
    else if (key === 'canPublishSources' && Array.isArray(value)) text = JSON.stringify(value.map(trackSourceToString));
    else text = JSON.stringify(value);
    json += (json === '' ? '{' : ',') + (GRANT_KEY_JSON[key] ?? `${JSON.stringify(key)}:`) + text;
  }
  return json === '' ? '{}' : `${json}}`;
}

/**
 * Verifies access tokens signed with an API key's secret (HS256 only; exp required).
 *   new TokenVerifier(apiKey, apiSecret)            // like livekit-server-sdk
 *   new TokenVerifier({ [apiKey]: apiSecret, ... }) // several keys, e.g. during rotation
 */
class TokenVerifier {
  #verifier;
  #leeway = -1;

  constructor(apiKey, apiSecret) {
    this.#verifier = new native.TokenVerifier();
    if (apiKey !== null && typeof apiKey === 'object') {
      for (const [k, s] of Object.entries(apiKey)) this.#verifier.addKey(k, s);
    } else {
      this.#verifier.addKey(apiKey ?? '', apiSecret ?? '');
    }
  }

  /** The token's claims (ClaimGrants: iss, sub, nbf, exp, name, video, ...), as a Promise. */
  verify(token, clockTolerance = DEFAULT_CLOCK_TOLERANCE_SECONDS) {
    try {
      return Promise.resolve(this.verifySync(token, clockTolerance));
    } catch (err) {
      return Promise.reject(err);
    }
  }

  /** The token's claims. Throws LkStudyError 'unauthenticated' with a reason such as 'expired'. */
  verifySync(token, clockTolerance = DEFAULT_CLOCK_TOLERANCE_SECONDS) {
    const leeway = toSeconds(clockTolerance, 'clockTolerance');
    if (leeway !== this.#leeway) {
      this.#verifier.setLeewaySeconds(leeway);
      this.#leeway = leeway;
    }
    return JSON.parse(this.#verifier.verify(token));
  }
}

module.exports = { AccessToken, TokenVerifier, TrackSource, trackSourceToString };
