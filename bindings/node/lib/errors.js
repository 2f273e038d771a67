'use strict';
const native = require('./native');

/**
 * The statuses of lks.h (lks_status), by name. test/errors.test.js checks this list against
 * lks.h and the native library (libsignal's habit): a status added to lks.h fails the binding's
 * tests until it is added here and to index.d.ts.
 */
const Status = Object.freeze({
  OK: 0,
  CANCELLED: 1,
  UNKNOWN: 2,
  INVALID_ARGUMENT: 3,
  DEADLINE_EXCEEDED: 4,
  NOT_FOUND: 5,
  ALREADY_EXISTS: 6,
  PERMISSION_DENIED: 7,
  RESOURCE_EXHAUSTED: 8,
  FAILED_PRECONDITION: 9,
  ABORTED: 10,
  OUT_OF_RANGE: 11,
  UNIMPLEMENTED: 12,
  INTERNAL: 13,
  UNAVAILABLE: 14,
  DATA_LOSS: 15,
  UNAUTHENTICATED: 16,
});

// lks_status numbers by the names the native library gives them ('invalid_argument', ...).
const STATUS_NUMBERS = {};
for (const n of Object.values(Status)) STATUS_NUMBERS[native.statusName(n)] = n;

/**
 * The error every lkstudy call throws or rejects with: the C library's status, as values.
 *  - code: the status name ('invalid_argument', 'unauthenticated', 'not_found', ...)
 *  - errno: the status number (lks_status, numbered like google.rpc.Code; see Status)
 *  - reason: a machine-readable word ('expired', 'bad_signature', 'group_full', ...) or ''
 *  - httpStatus: the HTTP status an HTTP API answers for this failure, from the library: a remote
 *    server's answer (livekit-server's 404, ...), the one the REST API answers (409 for a full
 *    group), or else the library's table for the code (lks_status_http_status)
 *  - status: the same as httpStatus (the name livekit-server-sdk's TwirpError uses)
 *  - message: names the field and the reason; never contains a secret or a token
 */
class LkStudyError extends Error {
  constructor(message, detail = {}) {
    super(message);
    this.name = 'LkStudyError';
    this.code = detail.code ?? 'unknown';
    this.errno = detail.errno ?? STATUS_NUMBERS[this.code] ?? Status.UNKNOWN;
    this.reason = detail.reason ?? '';
    this.httpStatus = detail.httpStatus || native.statusHttpStatus(this.errno);
    this.status = this.httpStatus;
  }
}

// An invalid_argument error raised by the JS layer (bad argument types, missing keys).
function invalidArgument(message) {
  return new LkStudyError(message, { code: 'invalid_argument', errno: Status.INVALID_ARGUMENT });
}

native.setErrorClass(LkStudyError);

module.exports = { LkStudyError, Status, invalidArgument, STATUS_NUMBERS };
