// An end-to-end encrypted study-group call in a real browser (docs/e2ee.md): Debian's Chromium
// against `lkstudy serve` (with an E2EE master secret) and a real livekit-server. The page sets
// the token answer's key on livekit-client's ExternalE2EEKeyProvider; video decodes only where
// the key is right. A removal rotates the key: the others switch through the room's metadata and
// keep decoding. The steps run in order (one group, one call).
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { decodesEncryptedVideo, groupWithMembers, launchChromium, kWait, signedInPages } from './lib/browser.mjs';
import { env, startStack } from './lib/stack.mjs';

if (process.env.LKS_IN_NETNS !== '1') {
  console.log('SKIPPED: needs the private network namespace of tests/integration/run_in_netns.sh');
  process.exit(77);
}

let stack, browser, p15, p16, p17, groupId;

before(async () => {
  stack = await startStack({
    serveFlags: ['--e2ee-master-secret', 'browser-e2ee-master-secret-0123456789abcdef'],
  });
  browser = await launchChromium();
  [p15, p16, p17] = await signedInPages(browser, stack, ['15', '16', '17']);
});

after(async () => {
  await browser?.close();
  await stack?.stop();
});

// Frames of `identity`'s camera decoded in `page` so far (0 when there is no such video).
function decodedFrames(page, identity) {
  return page.evaluate((id) => {
    const v = document.querySelector(`figure.tile[data-identity="${id}"][data-source="camera"] video`);
    return v && v.videoWidth > 0 ? v.getVideoPlaybackQuality().totalVideoFrames : 0;
  }, identity);
}


test('15 creates an end-to-end encrypted group; 16 and 17 join it', async () => {
  groupId = await groupWithMembers(p15, 'Pastoral care', ['e2ee'], [p16, p17]);
});

test('all three open the call: encrypted video decodes everywhere, key index 0', async () => {
  await p15.goto(`${stack.api}/#/group/${groupId}`);
  for (const page of [p15, p16, p17]) await page.click('[data-action="open-call"]');
  for (const page of [p15, p16, p17]) {
    await page
      .locator('[data-view="call"][data-state="connected"][data-e2ee-key-index="0"]')
      .waitFor({ timeout: kWait });
    await page.locator('.call-head [data-e2ee="on"]').waitFor({ timeout: kWait });
  }
  for (const [page, others] of [
    [p15, ['user_16', 'user_17']],
    [p16, ['user_15', 'user_17']],
    [p17, ['user_15', 'user_16']],
  ]) {
    for (const other of others) await decodesEncryptedVideo(page, other);
  }
  mkdirSync(env.artifacts, { recursive: true });
  await p15.screenshot({ path: join(env.artifacts, 'e2ee-call.png') });
});

test('15 removes 17: the key rotates and 15 and 16 keep decoding each other', async () => {
  await p15.click('[data-list="participants"] li[data-identity="user_17"] [data-action="remove"]');
  await p17
    .locator('[data-view="call"][data-state="disconnected"][data-reason="PARTICIPANT_REMOVED"]')
    .waitFor({ timeout: kWait });
  // The room's metadata announced index 1; each remaining page fetched the new key.
  for (const page of [p15, p16])
    await page.locator('[data-view="call"][data-e2ee-key-index="1"]').waitFor({ timeout: kWait });
  // Frames keep decoding under the new key.
  const at16 = await decodedFrames(p16, 'user_15');
  const at15 = await decodedFrames(p15, 'user_16');
  await decodesEncryptedVideo(p16, 'user_15', at16);
  await decodesEncryptedVideo(p15, 'user_16', at15);
  // 17 cannot come back for the key.
  await p17.click('[data-action="rejoin"]');
  await p17.locator('.error[data-code="barred"]').waitFor({ timeout: kWait });
});

test('no page error and no Content-Security-Policy violation (the worker is allowed)', () => {
  const problems = [p15, p16, p17].flatMap((p) => p.problems());
  assert.deepEqual(problems, []);
});
