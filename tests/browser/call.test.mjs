// A study-group call in a real browser: Debian's Chromium (fake camera, microphone and screen)
// against `lkstudy serve` and a real livekit-server, every packet inside the test's network
// namespace. The users sign in as a host app would hand them over: `/#token=<app token>`.
// The steps run in order and build on each other (one group, one call).
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { errorShown, kWait, launchChromium, signedInPage, signedInPages, until } from './lib/browser.mjs';
import { env, startStack } from './lib/stack.mjs';

if (process.env.LKS_IN_NETNS !== '1') {
  // WebRTC would gather candidates on the machine's other interfaces outside the namespace.
  console.log('SKIPPED: needs the private network namespace of tests/integration/run_in_netns.sh');
  process.exit(77);
}

let stack, browser, p15, p16, p17, groupId;

before(async () => {
  stack = await startStack();
  browser = await launchChromium();
  [p15, p16] = await signedInPages(browser, stack, ['15', '16']);
});

after(async () => {
  await browser?.close();
  await stack?.stop();
});

// A remote participant's video of `source` is decoding frames in `page`.
function videoPlays(page, identity, source) {
  return until(
    page,
    ([id, src]) => {
      const v = document.querySelector(`figure.tile[data-identity="${id}"][data-source="${src}"] video`);
      return !!v && v.videoWidth > 0 && v.videoHeight > 0 && !v.paused;
    },
    [identity, source],
  );
}

// A remote participant's microphone is subscribed and attached to a playing <audio> element.
function audioSubscribed(page, identity) {
  return until(
    page,
    (id) => {
      const a = document.querySelector(`audio[data-identity="${id}"][data-source="microphone"]`);
      const tracks = a?.srcObject?.getAudioTracks?.() ?? [];
      return !!a && !a.paused && tracks.length > 0 && tracks[0].readyState === 'live';
    },
    identity,
  );
}

test('15 creates a group, 16 joins it by its id', async () => {
  await p15.fill('[data-form="create-group"] input[name="title"]', 'Gospel of John');
  await p15.fill('[data-form="create-group"] input[name="maxParticipants"]', '5');
  await p15.click('[data-form="create-group"] button[type="submit"]');
  const view = p15.locator('[data-view="group"]');
  await view.waitFor({ timeout: kWait });
  groupId = await view.getAttribute('data-group-id');
  assert.match(groupId, /^\d+$/);
  await p15.locator('li[data-user-id="15"] .role.owner').waitFor({ timeout: kWait });

  await p16.fill('[data-form="open-group"] input[name="group-id"]', groupId);
  await p16.click('[data-action="join-group"]');
  await p16
    .locator(`[data-view="group"][data-group-id="${groupId}"] li[data-user-id="16"]`)
    .waitFor({ timeout: kWait });
  // 15 sees the group in its list.
  await p15.locator('a[href="#/groups"]').first().click();
  await p15.locator(`[data-list="my-groups"] li[data-group-id="${groupId}"]`).waitFor({ timeout: kWait });
});

test("both open the call: each sees the other's video decoding and has their audio", async () => {
  await p15.goto(`${stack.api}/#/group/${groupId}`);
  await p15.click('[data-action="open-call"]');
  await p16.click('[data-action="open-call"]');
  for (const [page, other] of [
    [p15, 'user_16'],
    [p16, 'user_15'],
  ]) {
    await page.locator('[data-view="call"][data-state="connected"]').waitFor({ timeout: kWait });
    await videoPlays(page, other, 'camera');
    await audioSubscribed(page, other);
  }
  // The participant list shows both on each side.
  for (const page of [p15, p16]) {
    for (const id of ['user_15', 'user_16'])
      await page.locator(`[data-list="participants"] li[data-identity="${id}"]`).waitFor({ timeout: kWait });
  }
  mkdirSync(env.artifacts, { recursive: true });
  await p15.screenshot({ path: join(env.artifacts, 'call-two-tiles.png') });
});

test('a chat message from 15 appears at 16', async () => {
  const text = 'Shall we start with John 1:1?';
  await p15.fill('[data-form="chat"] input[name="chat"]', text);
  await p15.click('[data-form="chat"] button[type="submit"]');
  const got = p16.locator('[data-list="chat"] li[data-from="user_15"]');
  await got.waitFor({ timeout: kWait });
  assert.match(await got.innerText(), /John Doe: Shall we start with John 1:1\?/);
});

test('15 mutes and unmutes itself; 16 sees the microphone state', async () => {
  await p15.click('[data-action="toggle-mic"]');
  await p16
    .locator('[data-list="participants"] li[data-identity="user_15"][data-mic="off"]')
    .waitFor({ timeout: kWait });
  await p15.click('[data-action="toggle-mic"]');
  await p16
    .locator('[data-list="participants"] li[data-identity="user_15"][data-mic="on"]')
    .waitFor({ timeout: kWait });
});

test('15 shares the screen; 16 sees the screen-share track', async () => {
  await p15.click('[data-action="toggle-screen-share"]');
  await videoPlays(p16, 'user_15', 'screen_share');
  await p15.screenshot({ path: join(env.artifacts, 'call-screen-share.png') });
  await p16.screenshot({
    path: join(env.artifacts, 'call-screen-share-viewer.png'),
  });
});

test('the owner mutes 16 through the API', async () => {
  await p15.click('[data-list="participants"] li[data-identity="user_16"] [data-action="mute"]');
  await p16.locator('[data-action="toggle-mic"][aria-pressed="false"]').waitFor({ timeout: kWait });
  await p15
    .locator('[data-list="participants"] li[data-identity="user_16"][data-mic="off"]')
    .waitFor({ timeout: kWait });
});

test('15 removes 16: 16 is told so, and its new token request is refused', async () => {
  await p15.click('[data-list="participants"] li[data-identity="user_16"] [data-action="remove"]');
  const out = p16.locator('[data-view="call"][data-state="disconnected"][data-reason="PARTICIPANT_REMOVED"]');
  await out.waitFor({ timeout: kWait });
  assert.match(await out.innerText(), /removed you/);
  await p16.click('[data-action="rejoin"]');
  const refusal = await errorShown(p16, 'barred');
  assert.match(refusal, /you were removed from this session/); // the API's own message
  await p15
    .locator('[data-list="participants"] li[data-identity="user_16"]')
    .waitFor({ state: 'detached', timeout: kWait });
});

test('15 ends the session: both are disconnected; the usage shows participant-minutes for both', async () => {
  await p15.click('[data-action="end-session"]');
  await p15
    .locator('[data-view="call"][data-state="disconnected"][data-reason="ROOM_DELETED"]')
    .waitFor({ timeout: kWait });
  assert.equal(await p16.locator('[data-state="connected"]').count(), 0);
  await p15.locator(`a[href="#/group/${groupId}"]`).first().click();
  // Attendance comes from livekit-server's webhooks; refresh until both rows have their minutes.
  const deadline = Date.now() + kWait;
  for (;;) {
    const minutes = await p15.evaluate(() =>
      Object.fromEntries(
        [...document.querySelectorAll('table.attendance tr[data-identity]')].map((tr) => [
          tr.dataset.identity,
          Number(tr.querySelector('[data-minutes]')?.dataset.minutes || 0),
        ]),
      ),
    );
    if (minutes.user_15 > 0 && minutes.user_16 > 0) break;
    assert.ok(Date.now() < deadline, `attendance: ${JSON.stringify(minutes)}\n${stack.logs()}`);
    await p15.waitForTimeout(500);
    await p15.click('[data-action="refresh-usage"]');
  }
  const total = Number(await p15.locator('[data-total="participant-minutes"]').innerText());
  assert.ok(total > 0, String(total));
  await p15.screenshot({ path: join(env.artifacts, 'group-usage.png') });
});

test('a non-member opening the call is told "not a member"', async () => {
  p17 = await signedInPage(browser, stack, '17');
  await p17.goto(`${stack.api}/#/group/${groupId}/call`);
  const text = await errorShown(p17, 'not_a_member');
  assert.match(text, /not a member/);
});

test('joining a full group says so', async () => {
  await p15.goto(`${stack.api}/#/groups`);
  await p15.fill('[data-form="create-group"] input[name="title"]', 'Just me');
  await p15.fill('[data-form="create-group"] input[name="maxParticipants"]', '1');
  await p15.click('[data-form="create-group"] button[type="submit"]');
  const full = await p15.locator('[data-view="group"]').getAttribute('data-group-id', { timeout: kWait });
  await p17.goto(`${stack.api}/#/groups`);
  await p17.fill('[data-form="open-group"] input[name="group-id"]', full);
  await p17.click('[data-action="join-group"]');
  assert.match(await errorShown(p17, 'group_full'), /This study group is full/);
});

test("LiveKit stopped: the page shows the API's 503 message", async () => {
  await stack.stopLiveKit();
  await p15.goto(`${stack.api}/#/group/${groupId}/call`);
  const text = await errorShown(p15, 'livekit_unavailable');
  assert.match(text, /LiveKit is unreachable/);
});

test('no page error and no Content-Security-Policy violation on any page', () => {
  const problems = [p15, p16, p17].filter(Boolean).flatMap((p) => p.problems());
  assert.deepEqual(problems, []);
});
