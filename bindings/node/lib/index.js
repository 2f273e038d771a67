'use strict';
// lkstudy for Node: LiveKit server APIs with livekit-server-sdk's names, on lkstudy's native core.
const native = require('./native');
const { LkStudyError } = require('./errors');
const { AccessToken, TokenVerifier, TrackSource } = require('./AccessToken');
const { RoomServiceClient, DataPacket_Kind } = require('./RoomServiceClient');

exports.AccessToken = AccessToken;
exports.TokenVerifier = TokenVerifier;
exports.TrackSource = TrackSource;
exports.RoomServiceClient = RoomServiceClient;
exports.DataPacket_Kind = DataPacket_Kind;
exports.LkStudyError = LkStudyError;
/** The version of the native lkstudy library in this addon ("MAJOR.MINOR.PATCH"). */
exports.nativeVersion = native.versionString;
