'use strict';
// AgentDispatchClient with livekit-server-sdk's method names, argument shapes and results, over
// lks_agent_dispatch_client (lks.h): asks the server to send an agent (by its registered name)
// into a room. The server stores a dispatch whether or not a worker for that agent is connected.
const native = require('./native');
const { nativeClientOptions } = require('./clientOptions');

const READ = { ignoreUnknownFields: true };
let protocol;
const P = () => (protocol ??= require('@livekit/protocol'));

class AgentDispatchClient {
  #client;

  /** Arguments as RoomServiceClient's. */
  constructor(host, apiKey, secret, options = {}) {
    this.#client = new native.AgentDispatchClient(nativeClientOptions(host, apiKey, secret, options));
  }

  /** Dispatches `agentName` to `roomName`; options.metadata is passed to the agent's job. */
  async createDispatch(roomName, agentName, options = {}) {
    const json = await this.#client.create(roomName, agentName, options.metadata);
    return P().AgentDispatch.fromJsonString(json, READ);
  }

  async deleteDispatch(dispatchId, roomName) {
    await this.#client.delete(roomName, dispatchId);
  }

  /** The dispatch, or undefined when the room has none with that id. */
  async getDispatch(dispatchId, roomName) {
    const list = await this.#list(roomName, dispatchId);
    return list.length ? list[0] : undefined;
  }

  async listDispatch(roomName) {
    return this.#list(roomName);
  }

  async #list(roomName, dispatchId) {
    const json = await this.#client.list(roomName, dispatchId);
    return P().ListAgentDispatchResponse.fromJsonString(json, READ).agentDispatches ?? [];
  }
}

module.exports = { AgentDispatchClient };
