// The waiting room and the lock in a real browser (docs/rest-api.md#admission): Debian's Chromium
// against `lkstudy serve` and a real livekit-server. A member of an approval group waits until the
// owner, in the call, admits them; a denied member is told so; a locked session keeps new members
// out. The steps run in order (one group, one call).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { errorShown, groupWithMembers, kWait, launchChromium, signedInPages } from './lib/browser.mjs';
import { startStack } from './lib/stack.mjs';

if (process.env.LKS_IN_NETNS !== '1') {
  console.log('SKIPPED: needs the private network namespace of tests/integration/run_in_netns.sh');
  process.exit(77);
}

let stack, browser, p15, p16, p17, p18, groupId;

before(async () => {
  stack = await startStack();
  browser = await launchChromium();
  [p15, p16, p17, p18] = await signedInPages(browser, stack, ['15', '16', '17', '18']);
});

after(async () => {
  await browser?.close();
  await stack?.stop();
});

test('15 creates a group with a waiting room; 16, 17 and 18 join it', async () => {
  groupId = await groupWithMembers(p15, 'Elders', ['approval'], [p16, p17, p18]);
});

test('16 waits until 15, in the call, admits them; then each sees the other', async () => {
  await p15.goto(`${stack.api}/#/group/${groupId}`);
  await p15.click('[data-action="open-call"]');
  await p15.locator('[data-view="call"][data-state="connected"]').waitFor({ timeout: kWait });
  await p16.click('[data-action="open-call"]');
  await p16.locator('[data-view="call"][data-state="waiting"]').waitFor({ timeout: kWait });
  assert.match(await p16.locator('[data-view="call"]').innerText(), /Waiting for a moderator/);
  const knock = p15.locator('[data-list="knocks"] li[data-user-id="16"]');
  await knock.waitFor({ timeout: kWait });
  await knock.locator('[data-action="admit"]').click();
  await p16.locator('[data-view="call"][data-state="connected"]').waitFor({ timeout: kWait });
  await p15.locator('[data-list="participants"] li[data-identity="user_16"]').waitFor({ timeout: kWait });
});

test('15 denies 17: 17 is told so in words', async () => {
  await p17.click('[data-action="open-call"]');
  await p17.locator('[data-view="call"][data-state="waiting"]').waitFor({ timeout: kWait });
  const knock = p15.locator('[data-list="knocks"] li[data-user-id="17"]');
  await knock.waitFor({ timeout: kWait });
  await knock.locator('[data-action="deny"]').click();
  assert.match(await errorShown(p17, 'denied'), /did not let you into this session/);
});

test('15 locks the session: 18 is refused at once; unlocked, 18 waits again', async () => {
  await p15.click('[data-action="toggle-lock"]');
  await p15.locator('[data-view="call"][data-locked="true"]').waitFor({ timeout: kWait });
  await p18.click('[data-action="open-call"]');
  assert.match(await errorShown(p18, 'locked'), /locked this session/);
  await p15.click('[data-action="toggle-lock"]');
  await p15.locator('[data-view="call"][data-locked="false"]').waitFor({ timeout: kWait });
  await p18.click('[data-action="retry"]');
  await p18.locator('[data-view="call"][data-state="waiting"]').waitFor({ timeout: kWait });
});

test('no page error and no Content-Security-Policy violation', () => {
  const problems = [p15, p16, p17, p18].flatMap((p) => p.problems());
  assert.deepEqual(problems, []);
});
