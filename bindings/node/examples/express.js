'use strict';
// The seed's REST API in an Express app, served by lkstudy: study groups, membership, LiveKit
// tokens for members, room moderation and LiveKit's webhooks (docs/rest-api.md).
//
//   LIVEKIT_SERVER_URL=ws://localhost:7880 LIVEKIT_API_KEY=... LIVEKIT_API_SECRET=... \
//   APP_JWT_SECRET=... DATABASE_URL=sqlite:study-groups.db PORT=3000 node examples/express.js
//
// Your app's users sign in as they already do; the API authenticates them by the app token in
// 'Authorization: Bearer <JWT>' (HS256 with APP_JWT_SECRET, user id in `userId` or `sub`), or,
// with `authenticate`, by whatever your own middleware put on the request.
const express = require('express');
const { StudyGroups, createRequestHandler } = require('lkstudy');

/**
 * The app: your own routes, then the API. `authenticate(req)` (optional) returns the user your
 * middleware authenticated ({userId, email, name, role}) or null to require an app token.
 */
function createApp(groups, { authenticate } = {}) {
  const app = express();
  app.get('/healthz', (req, res) => res.send('ok'));
  // Mount the API before any body parser: webhooks are verified over the exact body bytes.
  app.use(createRequestHandler(groups, { user: authenticate }));
  // Your other routes keep working after it (requests outside /api/livekit and /api/study-groups
  // pass through untouched).
  app.use(express.json());
  app.post('/echo', (req, res) => res.json(req.body));
  return app;
}

async function main() {
  // LiveKit's URL, key and secret and APP_JWT_SECRET come from the environment.
  const groups = await StudyGroups.open({ store: process.env.DATABASE_URL || 'sqlite:study-groups.db' });
  const server = createApp(groups).listen(Number(process.env.PORT || 3000), () => {
    console.log(`study groups API on http://localhost:${server.address().port}/api/study-groups`);
  });
  const stop = () => server.close(() => groups.close());
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err.message);
    process.exit(1);
  });
}

module.exports = { createApp };
