'use strict';
// lkstudy for Node: LiveKit server APIs with livekit-server-sdk's names, on lkstudy's native core.
const native = require('./native');
const { LkStudyError } = require('./errors');
const { AccessToken, TokenVerifier, TrackSource } = require('./AccessToken');
const { RoomServiceClient, DataPacket_Kind } = require('./RoomServiceClient');
const { EgressClient } = require('./EgressClient');
const { AgentDispatchClient } = require('./AgentDispatchClient');
const webhooks = require('./WebhookReceiver');
const { StudyGroupStore } = require('./StudyGroupStore');
const { StudyGroups, mintAppToken } = require('./StudyGroups');
const { createRequestHandler } = require('./requestHandler');

exports.AccessToken = AccessToken;
exports.TokenVerifier = TokenVerifier;
exports.TrackSource = TrackSource;
exports.RoomServiceClient = RoomServiceClient;
exports.DataPacket_Kind = DataPacket_Kind;
exports.EgressClient = EgressClient;
exports.AgentDispatchClient = AgentDispatchClient;
exports.WebhookReceiver = webhooks.WebhookReceiver;
exports.authorizeHeader = webhooks.authorizeHeader;
exports.StudyGroupStore = StudyGroupStore;
exports.StudyGroups = StudyGroups;
exports.createRequestHandler = createRequestHandler;
exports.mintAppToken = mintAppToken;
/** LiveKit's WebhookEvent class (loads @livekit/protocol on first use). */
Object.defineProperty(exports, 'WebhookEvent', { enumerable: true, get: () => webhooks.WebhookEvent });
exports.LkStudyError = LkStudyError;
/** The version of the native lkstudy library in this addon ("MAJOR.MINOR.PATCH"). */
exports.nativeVersion = native.versionString;
