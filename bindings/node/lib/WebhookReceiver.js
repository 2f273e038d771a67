'use strict';
// WebhookReceiver with livekit-server-sdk's API over lks_webhook_receiver (lks.h): the native
// library checks the Authorization token and the SHA-256 of the exact body before anything is
// parsed; the event is then read into LiveKit's WebhookEvent class, as the SDK returns it.
const native = require('./native');
const { LkStudyError, invalidArgument } = require('./errors');
const { toSeconds } = require('./ttl');

const DEFAULT_CLOCK_TOLERANCE_SECONDS = 10; // livekit-server-sdk's TokenVerifier default

/** The header livekit-server-sdk names for webhooks (livekit-server sends `Authorization`). */
const authorizeHeader = 'Authorize';

let WebhookEventClass;
// LiveKit's WebhookEvent (from @livekit/protocol, loaded on first use) with `event` defaulting to
// '' as in livekit-server-sdk.
function webhookEventClass() {
  if (!WebhookEventClass) {
    const { WebhookEvent: ProtoWebhookEvent } = require('@livekit/protocol');
    WebhookEventClass = class WebhookEvent extends ProtoWebhookEvent {
      constructor(...args) {
        super(...args);
        this.event ??= '';
      }
      static fromJson(json, options) { return new WebhookEvent().fromJson(json, options); }
      static fromJsonString(json, options) { return new WebhookEvent().fromJsonString(json, options); }
      static fromBinary(bytes, options) { return new WebhookEvent().fromBinary(bytes, options); }
    };
  }
  return WebhookEventClass;
}

const READ = { ignoreUnknownFields: true };

class WebhookReceiver {
  #receiver;
  #leeway = -1;

  /**
   * new WebhookReceiver(apiKey, apiSecret), or new WebhookReceiver({ [apiKey]: apiSecret, ... })
   * to accept several keys during a rotation.
   */
  constructor(apiKey, apiSecret) {
    if (typeof native.WebhookReceiver !== 'function') {
      throw new LkStudyError('WebhookReceiver: this build of lkstudy has no webhooks', { code: 'unimplemented' });
    }
    this.#receiver = new native.WebhookReceiver();
    if (apiKey !== null && typeof apiKey === 'object') {
      for (const [k, s] of Object.entries(apiKey)) this.#receiver.addKey(k, s);
    } else {
      this.#receiver.addKey(apiKey ?? '', apiSecret ?? '');
    }
  }

  /**
   * Verifies a delivery and returns its WebhookEvent. `body` is the request body exactly as
   * received (a string, or a Buffer from express.raw()); `authHeader` the Authorization header.
   * Rejects with LkStudyError 'unauthenticated' (401; reason 'missing_authorization',
   * 'body_mismatch', 'expired', 'bad_signature', ...) or 'invalid_argument' (400; 'body_not_json').
   * `skipAuth` parses without checking, as in livekit-server-sdk.
   */
  async receive(body, authHeader, skipAuth = false, clockTolerance = DEFAULT_CLOCK_TOLERANCE_SECONDS) {
    return this.receiveSync(body, authHeader, skipAuth, clockTolerance);
  }

  /** As receive(), synchronously. */
  receiveSync(body, authHeader, skipAuth = false, clockTolerance = DEFAULT_CLOCK_TOLERANCE_SECONDS) {
    const Event = webhookEventClass();
    if (skipAuth) {
      const text = typeof body === 'string' ? body : Buffer.from(body).toString('utf8');
      return Event.fromJsonString(text, READ);
    }
    if (typeof body !== 'string' && !(body instanceof Uint8Array)) {
      throw invalidArgument('body: must be the raw request body (a string or a Buffer)');
    }
    const leeway = toSeconds(clockTolerance, 'clockTolerance');
    if (leeway !== this.#leeway) {
      this.#receiver.setLeewaySeconds(leeway);
      this.#leeway = leeway;
    }
    return Event.fromJsonString(this.#receiver.receive(body, authHeader), READ);
  }
}

module.exports = { WebhookReceiver, authorizeHeader, get WebhookEvent() { return webhookEventClass(); } };
