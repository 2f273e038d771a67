'use strict';
const native = require('./native');

/**
 * The error every lkstudy call throws or rejects with: the C library's status, as values.
 *  - code: the status name ('invalid_argument', 'unauthenticated', 'not_found', ...)
 *  - errno: the status number (lks_status, numbered like google.rpc.Code)
 *  - reason: a machine-readable word ('expired', 'bad_signature', ...) or ''
 *  - httpStatus: the HTTP status of a remote failure (e.g. livekit-server's answer); otherwise
 *    the status an HTTP API would answer for this code (invalid_argument 400, unauthenticated
 *    401, not_found 404, ...)
 *  - status: the same as httpStatus (the name livekit-server-sdk's TwirpError uses)
 *  - message: names the field and the reason; never contains a secret or a token
 */
class LkStudyError extends Error {
  constructor(message, detail = {}) {
    super(message);
    this.name = 'LkStudyError';
    this.code = detail.code ?? 'unknown';
    this.errno = detail.errno ?? STATUS_NUMBERS[this.code] ?? 2;
    this.reason = detail.reason ?? '';
    this.httpStatus = detail.httpStatus || HTTP_STATUS[this.code] || 500;
    this.status = this.httpStatus;
  }
}

// lks_status numbers by name, from the native library itself so the two cannot drift.
const STATUS_NUMBERS = {};
for (let n = 0; n <= 16; n++) STATUS_NUMBERS[native.statusName(n)] = n;

// The HTTP status for each code when the library names none (as Twirp and grpc-gateway map them).
const HTTP_STATUS = {
  cancelled: 499,
  unknown: 500,
  invalid_argument: 400,
  deadline_exceeded: 504,
  not_found: 404,
  already_exists: 409,
  permission_denied: 403,
  resource_exhausted: 429,
  failed_precondition: 412,
  aborted: 409,
  out_of_range: 400,
  unimplemented: 501,
  internal: 500,
  unavailable: 503,
  data_loss: 500,
  unauthenticated: 401,
};

// An invalid_argument error raised by the JS layer (bad argument types, missing keys).
function invalidArgument(message) {
  return new LkStudyError(message, { code: 'invalid_argument', errno: 3, httpStatus: 400 });
}

native.setErrorClass(LkStudyError);

module.exports = { LkStudyError, invalidArgument, STATUS_NUMBERS };
