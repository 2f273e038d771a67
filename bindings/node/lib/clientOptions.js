'use strict';
// The native client options of livekit-server-sdk's (host, apiKey, secret, options) constructor
// arguments, shared by RoomServiceClient, EgressClient and AgentDispatchClient.
const { invalidArgument } = require('./errors');

/**
 * @param {string} host server URL: 'https://<project>.livekit.cloud', 'http://localhost:7880', ws(s):// too
 * @param {string} [apiKey] defaults to $LIVEKIT_API_KEY
 * @param {string} [secret] defaults to $LIVEKIT_API_SECRET
 * @param {object} [options] requestTimeout (seconds per attempt), failover, token, maxAttempts,
 *   fallbackUrls, tlsVerify, caFile, caPath, proxy, headers
 */
function nativeClientOptions(host, apiKey, secret, options = {}) {
  if (typeof host !== 'string' || host === '') throw invalidArgument('host: required');
  const token = options.token;
  apiKey ||= token ? undefined : process.env.LIVEKIT_API_KEY;
  secret ||= token ? undefined : process.env.LIVEKIT_API_SECRET;
  return {
    url: host,
    apiKey,
    apiSecret: secret,
    token,
    timeoutMs: options.requestTimeout != null ? Math.round(options.requestTimeout * 1000) : undefined,
    maxAttempts: options.maxAttempts,
    regionFailover: options.failover === false ? 2 : undefined,
    fallbackUrls: options.fallbackUrls,
    tlsVerify: options.tlsVerify,
    caFile: options.caFile,
    caPath: options.caPath,
    proxy: options.proxy,
    headers: options.headers,
  };
}

module.exports = { nativeClientOptions };
