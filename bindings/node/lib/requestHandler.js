'use strict';
// createRequestHandler(): the seed's REST API (docs/rest-api.md) as a Node request handler, for
// Express (`app.use(handler)`), Connect-style frameworks, or `http.createServer(handler)`. Each
// request goes to StudyGroups.handle() with its raw body, and the response is written as the
// service made it.
const { LkStudyError } = require('./errors');

// The paths the API owns (docs/rest-api.md); other requests are left to the host's routes.
const API_PATH = /^\/api\/(?:livekit|study-groups)(?:[/?]|$)/;

// The service refuses bodies over 1 MiB (413 payload_too_large); reading one byte more is enough
// for it to see that, so a huge upload is never buffered whole.
const MAX_BODY_BYTES = 1 << 20;

/**
 * @param {import('./StudyGroups').StudyGroups} groups
 * @param {{user?: (req) => object | null | undefined | Promise<object | null | undefined>,
 *          fallthrough?: boolean}} [options]
 *   user: the user your app already authenticated for `req` ({userId, email, name, role}), e.g.
 *     `(req) => req.user`; when it gives null or undefined (or is not set), the caller must bring
 *     an app token ('Authorization: Bearer <JWT>' signed with the service's appJwtSecret).
 *   fallthrough (default true): a path outside /api/livekit and /api/study-groups goes to
 *     `next()` untouched (body unread) when there is a `next`; otherwise it gets 404 no_route.
 * Paths are taken from `req.url`, so under Express they are relative to where the handler is
 * mounted: `app.use(handler)` serves /api/..., `app.use('/v1', handler)` serves /v1/api/....
 * @returns {(req, res, next?) => Promise<void>}
 */
function createRequestHandler(groups, options = {}) {
  if (groups === null || typeof groups !== 'object' || typeof groups.handle !== 'function') {
    throw new LkStudyError('groups: must be a StudyGroups', { code: 'invalid_argument' });
  }
  const { user: userOf, fallthrough = true } = options;
  if (userOf !== undefined && typeof userOf !== 'function') {
    throw new LkStudyError('options.user: must be a function (req) => user', { code: 'invalid_argument' });
  }

  return async function lkstudyRequestHandler(req, res, next) {
    if (fallthrough && typeof next === 'function' && !API_PATH.test(req.url)) {
      next();
      return;
    }
    try {
      const user = userOf ? await userOf(req) : undefined;
      const body = await requestBody(req);
      const response = await groups.handle({
        method: req.method,
        url: req.url,
        headers: req.rawHeaders ?? req.headers,
        body,
        user: user ?? undefined,
      });
      res.statusCode = response.status;
      for (const [name, value] of Object.entries(response.headers)) res.setHeader(name, value);
      res.setHeader('Content-Length', response.body.length);
      // An upload cut short at the limit: discard the rest and do not reuse the connection.
      const cutShort = !req.readableEnded;
      if (cutShort) res.setHeader('Connection', 'close');
      res.end(response.body);
      if (cutShort) req.resume();
    } catch (err) {
      if (typeof next === 'function') {
        next(err);
        return;
      }
      const status = err instanceof LkStudyError ? err.httpStatus : 500;
      const code = err instanceof LkStudyError ? err.reason || err.code : 'internal';
      const body = JSON.stringify({ success: false, error: { code, message: err.message } });
      res.statusCode = status;
      res.setHeader('Content-Type', 'application/json; charset=utf-8');
      res.end(body);
    }
  };
}

// The request's body bytes. A body Express (or another framework) already read is used as is:
// a Buffer (express.raw) or string (express.text) keeps its exact bytes; a parsed JSON object is
// re-serialized, which is fine for the API's JSON routes but not for webhooks (their signature
// covers the exact bytes, so mount this handler before express.json(), or use express.raw()).
async function requestBody(req) {
  if (Buffer.isBuffer(req.body)) return req.body;
  if (typeof req.body === 'string') return req.body;
  if (req.readableEnded) {
    return req.body != null && typeof req.body === 'object' && Object.keys(req.body).length > 0
      ? JSON.stringify(req.body)
      : '';
  }
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    const done = (err) => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      if (err) reject(err);
      else resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size));
    };
    const onData = (chunk) => {
      chunks.push(chunk);
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        req.pause(); // enough for the service to refuse it; the handler discards the rest
        done();
      }
    };
    const onEnd = () => done();
    const onError = (err) => done(err);
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}

module.exports = { createRequestHandler };
