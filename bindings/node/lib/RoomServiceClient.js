'use strict';
// RoomServiceClient with livekit-server-sdk's method names, argument shapes and results, over
// lks_room_client (lks.h). Every call runs in the native library on libuv's thread pool (HTTP with
// pooled connections, per-call tokens, retries) and returns a Promise. Requests are built and
// results read with LiveKit's own protocol classes (@livekit/protocol), so callers get the same
// Room, ParticipantInfo and TrackInfo objects as with livekit-server-sdk.
const crypto = require('node:crypto');
const native = require('./native');
const { LkStudyError, invalidArgument } = require('./errors');
const { nativeClientOptions } = require('./clientOptions');

const READ = { ignoreUnknownFields: true };

// LiveKit's protocol classes, loaded on first use (a large module that token-only users need not load).
let protocol;
const P = () => (protocol ??= require('@livekit/protocol'));

/** DataPacket_Kind of LiveKit's protocol (the same numbers as livekit-server-sdk's). */
const DataPacket_Kind = Object.freeze({ RELIABLE: 0, LOSSY: 1, 0: 'RELIABLE', 1: 'LOSSY' });

class RoomServiceClient {
  #client;

  /**
   * @param {string} host server URL: 'https://<project>.livekit.cloud', 'http://localhost:7880', ws(s):// too
   * @param {string} [apiKey] defaults to $LIVEKIT_API_KEY
   * @param {string} [secret] defaults to $LIVEKIT_API_SECRET
   * @param {{requestTimeout?: number, failover?: boolean, token?: string, maxAttempts?: number,
   *          fallbackUrls?: string[], tlsVerify?: boolean, caFile?: string, headers?: Record<string,string>}} [options]
   *   requestTimeout in seconds per attempt (default 10); token: a pre-signed token sent instead
   *   of per-call tokens.
   */
  constructor(host, apiKey, secret, options = {}) {
    this.#client = new native.RoomClient(nativeClientOptions(host, apiKey, secret, options));
  }

  /** Creates a room (a live room of that name is returned unchanged). */
  async createRoom(options) {
    const json = await this.#client.createRoom(JSON.stringify(new (P().CreateRoomRequest)(options).toJson()));
    return P().Room.fromJsonString(json, READ);
  }

  /** Active rooms, all or those named. */
  async listRooms(names) {
    const json = await this.#client.listRooms(names && names.length ? JSON.stringify(names) : undefined);
    return P().ListRoomsResponse.fromJsonString(json, READ).rooms ?? [];
  }

  /** Deletes a room; rejects with LkStudyError 'not_found' when there is none. */
  async deleteRoom(room) {
    await this.#client.deleteRoom(room);
  }

  async updateRoomMetadata(room, metadata) {
    return P().Room.fromJsonString(await this.#client.updateRoomMetadata(room, metadata), READ);
  }

  async listParticipants(room) {
    return P().ListParticipantsResponse.fromJsonString(await this.#client.listParticipants(room), READ).participants ?? [];
  }

  async getParticipant(room, identity) {
    return P().ParticipantInfo.fromJsonString(await this.#client.getParticipant(room, identity), READ);
  }

  /** Disconnects a participant. (`options.revokeTokenTs` is sent when given.) */
  async removeParticipant(room, identity, options) {
    if (options?.revokeTokenTs != null) {
      await this.#client.callJson('RemoveParticipant',
        JSON.stringify({ room, identity, revokeTokenTs: String(options.revokeTokenTs) }));
      return;
    }
    await this.#client.removeParticipant(room, identity);
  }

  async forwardParticipant(room, identity, destinationRoom) {
    await this.#client.forwardParticipant(room, identity, destinationRoom);
  }

  async moveParticipant(room, identity, destinationRoom) {
    await this.#client.moveParticipant(room, identity, destinationRoom);
  }

  async mutePublishedTrack(room, identity, trackSid, muted) {
    return P().TrackInfo.fromJsonString(await this.#client.mutePublishedTrack(room, identity, trackSid, !!muted), READ);
  }

  /**
   * updateParticipant(room, identity, {metadata, permission, name, attributes}) or, as in older
   * SDKs, updateParticipant(room, identity, metadata?, permission?, name?).
   */
  async updateParticipant(room, identity, metadataOrOptions, maybePermission, maybeName) {
    const hasOptions = typeof metadataOrOptions === 'object' && metadataOrOptions !== null;
    const req = new (P().UpdateParticipantRequest)({
      room,
      identity,
      metadata: hasOptions ? metadataOrOptions.metadata : metadataOrOptions,
      name: hasOptions ? metadataOrOptions.name : maybeName,
      attributes: hasOptions ? metadataOrOptions.attributes : {},
    });
    const permission = hasOptions ? metadataOrOptions.permission : maybePermission;
    if (permission) req.permission = new (P().ParticipantPermission)(permission);
    const json = await this.#client.updateParticipant(JSON.stringify(req.toJson()));
    return P().ParticipantInfo.fromJsonString(json, READ);
  }

  async updateSubscriptions(room, identity, trackSids, subscribe) {
    const req = new (P().UpdateSubscriptionsRequest)({ room, identity, trackSids, subscribe, participantTracks: [] });
    await this.#client.updateSubscriptions(JSON.stringify(req.toJson()));
  }

  /**
   * Sends data to the room: sendData(room, data, kind, {destinationIdentities, destinationSids,
   * topic}) or sendData(room, data, kind, destinationSids).
   */
  async sendData(room, data, kind, options = {}) {
    if (!(data instanceof Uint8Array)) throw invalidArgument('data: must be a Uint8Array');
    const destinationSids = Array.isArray(options) ? options : options.destinationSids;
    const topic = Array.isArray(options) ? undefined : options.topic;
    const identities = Array.isArray(options) ? undefined : options.destinationIdentities;
    if (destinationSids && destinationSids.length) {
      const req = new (P().SendDataRequest)({ room, data, kind, destinationSids, topic });
      if (identities) req.destinationIdentities = identities;
      req.nonce = crypto.randomBytes(16);
      await this.#client.callJson('SendData', JSON.stringify(req.toJson()));
      return;
    }
    await this.#client.sendData(room, data, topic, identities && identities.length ? JSON.stringify(identities) : undefined,
      kind === DataPacket_Kind.LOSSY);
  }

  /**
   * Calls a method registered by a participant (RoomService.PerformRpc) and resolves with its
   * response payload. `responseTimeout` in milliseconds (default: the server's).
   */
  async performRpc({ room, destinationIdentity, method, payload = '', responseTimeout }) {
    return this.#client.performRpc(room, destinationIdentity, method, payload, responseTimeout);
  }
}

module.exports = { RoomServiceClient, DataPacket_Kind };
