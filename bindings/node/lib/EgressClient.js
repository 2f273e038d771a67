'use strict';
// EgressClient with livekit-server-sdk's method names, argument shapes and results, over
// lks_egress_client (lks.h): recordings and live streams of rooms, participants, tracks and web
// pages. Requests are built with LiveKit's protocol classes exactly as livekit-server-sdk builds
// them (so the server sees the same messages) and results are @livekit/protocol EgressInfo
// objects. Every call runs in the native library off the JS thread; a server with no egress
// worker rejects with LkStudyError code 'unavailable', reason 'egress_unavailable', httpStatus 503.
const native = require('./native');
const { nativeClientOptions } = require('./clientOptions');

const READ = { ignoreUnknownFields: true };
let protocol;
const P = () => (protocol ??= require('@livekit/protocol'));

const isEncodedOutputs = (o) =>
  o.file !== undefined || o.stream !== undefined || o.segments !== undefined || o.images !== undefined;
const isFile = (o) => o.filepath !== undefined || o.fileType !== undefined;
const isSegments = (o) =>
  o.filenamePrefix !== undefined || o.playlistName !== undefined || o.filenameSuffix !== undefined;
const isStream = (o) => o.protocol !== undefined || o.urls !== undefined;

// The request fields of `output` (EncodedOutputs or one output) and encoding options (a preset
// number or EncodingOptions), as livekit-server-sdk's getOutputParams sets them: one output
// also fills the legacy `output` oneof.
function outputParams(output, encoding) {
  const r = {};
  if (output && isEncodedOutputs(output)) {
    if (output.file !== undefined) r.fileOutputs = [output.file];
    if (output.stream !== undefined) r.streamOutputs = [output.stream];
    if (output.segments !== undefined) r.segmentOutputs = [output.segments];
    if (output.images !== undefined) r.imageOutputs = [output.images];
  } else if (output && isFile(output)) {
    r.fileOutputs = [output];
    r.output = { case: 'file', value: output };
  } else if (output && isSegments(output)) {
    r.segmentOutputs = [output];
    r.output = { case: 'segments', value: output };
  } else if (output && isStream(output)) {
    r.streamOutputs = [output];
    r.output = { case: 'stream', value: output };
  }
  if (encoding !== undefined && encoding !== null) {
    r.options = typeof encoding === 'number' ? { case: 'preset', value: encoding } : { case: 'advanced', value: encoding };
  }
  return r;
}

class EgressClient {
  #client;

  /**
   * @param {string} host server URL ('http://localhost:7880', 'https://<project>.livekit.cloud')
   * @param {string} [apiKey] defaults to $LIVEKIT_API_KEY
   * @param {string} [secret] defaults to $LIVEKIT_API_SECRET
   * @param {object} [options] as RoomServiceClient's (requestTimeout in seconds per attempt;
   *   a Start call waits at least 30 s for the server's worker; maxAttempts: 1 makes "no
   *   worker" fail after one wait instead of three)
   */
  constructor(host, apiKey, secret, options = {}) {
    this.#client = new native.EgressClient(nativeClientOptions(host, apiKey, secret, options));
  }

  async #info(promise) {
    return P().EgressInfo.fromJsonString(await promise, READ);
  }

  /**
   * startRoomCompositeEgress(roomName, output, {layout, encodingOptions, audioOnly, videoOnly,
   * customBaseUrl, audioMixing, webhooks}) or (roomName, output, layout?, encodingOptions?,
   * audioOnly?, videoOnly?, customBaseUrl?, audioMixing?).
   */
  async startRoomCompositeEgress(roomName, output, optsOrLayout, encoding, audioOnly, videoOnly, customBaseUrl, audioMixing) {
    let layout;
    let webhooks;
    if (typeof optsOrLayout === 'string') {
      layout = optsOrLayout;
    } else if (optsOrLayout !== undefined && optsOrLayout !== null) {
      ({ layout, encodingOptions: encoding, audioOnly, videoOnly, customBaseUrl, audioMixing, webhooks } = optsOrLayout);
    }
    const req = new (P().RoomCompositeEgressRequest)({
      roomName,
      layout: layout ?? '',
      audioOnly: audioOnly ?? false,
      videoOnly: videoOnly ?? false,
      customBaseUrl: customBaseUrl ?? '',
      audioMixing: audioMixing ?? P().AudioMixing.DEFAULT_MIXING,
      webhooks,
      ...outputParams(output, encoding),
    });
    return this.#info(this.#client.startRoomComposite(JSON.stringify(req.toJson())));
  }

  /** startWebEgress(url, output, {encodingOptions, audioOnly, videoOnly, awaitStartSignal, webhooks}) */
  async startWebEgress(url, output, opts = {}) {
    const req = new (P().WebEgressRequest)({
      url,
      audioOnly: opts.audioOnly || false,
      videoOnly: opts.videoOnly || false,
      awaitStartSignal: opts.awaitStartSignal || false,
      webhooks: opts.webhooks || [],
      ...outputParams(output, opts.encodingOptions),
    });
    return this.#info(this.#client.startWeb(JSON.stringify(req.toJson())));
  }

  /** startParticipantEgress(roomName, identity, output: EncodedOutputs, {screenShare, encodingOptions, webhooks}) */
  async startParticipantEgress(roomName, identity, output, opts = {}) {
    const { output: _legacy, ...params } = outputParams(output, opts.encodingOptions);
    const req = new (P().ParticipantEgressRequest)({
      roomName,
      identity,
      screenShare: opts.screenShare ?? false,
      webhooks: opts.webhooks || [],
      ...params,
    });
    return this.#info(this.#client.startParticipant(JSON.stringify(req.toJson())));
  }

  /**
   * startTrackCompositeEgress(roomName, output, {audioTrackId, videoTrackId, encodingOptions,
   * webhooks}) or (roomName, output, audioTrackId?, videoTrackId?, encodingOptions?).
   */
  async startTrackCompositeEgress(roomName, output, optsOrAudioTrackId, videoTrackId, encoding) {
    let audioTrackId;
    let webhooks;
    if (typeof optsOrAudioTrackId === 'string') {
      audioTrackId = optsOrAudioTrackId;
    } else if (optsOrAudioTrackId !== undefined && optsOrAudioTrackId !== null) {
      ({ audioTrackId, videoTrackId, encodingOptions: encoding, webhooks } = optsOrAudioTrackId);
    }
    const req = new (P().TrackCompositeEgressRequest)({
      roomName,
      audioTrackId: audioTrackId ?? '',
      videoTrackId: videoTrackId ?? '',
      webhooks,
      ...outputParams(output, encoding),
    });
    return this.#info(this.#client.startTrackComposite(JSON.stringify(req.toJson())));
  }

  /** startTrackEgress(roomName, output: DirectFileOutput | websocketUrl, trackId, webhooks?) */
  async startTrackEgress(roomName, output, trackId, webhooks) {
    const req = new (P().TrackEgressRequest)({
      roomName,
      trackId,
      output: typeof output === 'string' ? { case: 'websocketUrl', value: output } : { case: 'file', value: output },
      webhooks,
    });
    return this.#info(this.#client.startTrack(JSON.stringify(req.toJson())));
  }

  async updateLayout(egressId, layout) {
    return this.#info(this.#client.updateLayout(egressId, layout));
  }

  async updateStream(egressId, addOutputUrls = [], removeOutputUrls = []) {
    return this.#info(this.#client.updateStream(egressId, JSON.stringify(addOutputUrls), JSON.stringify(removeOutputUrls)));
  }

  /** listEgress({roomName, egressId, active}) or listEgress(roomName). */
  async listEgress(options) {
    const req = typeof options === 'string' ? { roomName: options } : (options ?? {});
    let json;
    if (req.egressId) {
      json = await this.#client.callJson('ListEgress', JSON.stringify(new (P().ListEgressRequest)(req).toJson()));
    } else {
      json = await this.#client.list(req.roomName || undefined, !!req.active);
    }
    return P().ListEgressResponse.fromJsonString(json, READ).items ?? [];
  }

  async stopEgress(egressId) {
    return this.#info(this.#client.stop(egressId));
  }
}

module.exports = { EgressClient };
