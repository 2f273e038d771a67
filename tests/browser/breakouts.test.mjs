// Breakout rooms in a real browser (docs/breakouts.md): Debian's Chromium against `lkstudy serve`
// (an end-to-end encrypted group, so every move also changes the key) and a real livekit-server,
// which cannot move a participant: each page reconnects by itself. The owner and two members meet
// in the main room; the owner opens 2 auto breakouts from the call page's panel, and each member's
// page goes to its own breakout (the room service lists it there, alone); the owner visits one and
// comes back; a member who opens the call again lands in its breakout; the owner closes them, the
// rooms are deleted and every page is back in the main room; breakouts opened again end with the
// session the owner ends. The steps run in order (one group, one call).
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { decodesEncryptedVideo, groupWithMembers, kWait, launchChromium, signedInPages, until } from './lib/browser.mjs';
import { env, startStack } from './lib/stack.mjs';

if (process.env.LKS_IN_NETNS !== '1') {
  console.log('SKIPPED: needs the private network namespace of tests/integration/run_in_netns.sh');
  process.exit(77);
}

let stack, browser, p15, p16, p17, groupId, mainRoom;
/** user id -> the breakout room the owner's panel lists them in */
const assigned = {};

before(async () => {
  stack = await startStack({
    serveFlags: ['--e2ee-master-secret', 'browser-breakouts-master-secret-0123456789abcdef'],
  });
  browser = await launchChromium();
  [p15, p16, p17] = await signedInPages(browser, stack, ['15', '16', '17']);
});

after(async () => {
  await browser?.close();
  await stack?.stop();
});

// The identities LiveKit's RoomService lists in `room`, sorted; waits until they are `want`.
async function inRoom(room, want) {
  const deadline = Date.now() + kWait;
  for (;;) {
    const got = stack
      .room('participants', room)
      .participants.map((p) => p.identity)
      .sort();
    if (JSON.stringify(got) === JSON.stringify(want)) return;
    assert.ok(Date.now() < deadline, `${room}: ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
    await new Promise((done) => setTimeout(done, 250));
  }
}

// `page` is connected to `room`, and its participant list shows exactly `identities`.
async function connectedWith(page, room, identities) {
  await page
    .locator(`[data-view="call"][data-state="connected"][data-room="${room}"]`)
    .waitFor({ timeout: kWait });
  await until(
    page,
    (want) => {
      const got = [...document.querySelectorAll('[data-list="participants"] li')].map(
        (li) => li.dataset.identity,
      );
      return JSON.stringify(got.sort()) === JSON.stringify(want);
    },
    [...identities].sort(),
  );
}


test('15 creates an end-to-end encrypted group; 16 and 17 join it', async () => {
  groupId = await groupWithMembers(p15, 'Acts, in pairs', ['e2ee'], [p16, p17]);
});

test('all three meet in the main room; only the owner has the breakout panel', async () => {
  await p15.goto(`${stack.api}/#/group/${groupId}`);
  for (const page of [p15, p16, p17]) await page.click('[data-action="open-call"]');
  await p15.locator('[data-view="call"][data-state="connected"]').waitFor({ timeout: kWait });
  mainRoom = await p15.locator('[data-view="call"]').getAttribute('data-room');
  const everyone = ['user_15', 'user_16', 'user_17'];
  for (const page of [p15, p16, p17]) {
    await connectedWith(page, mainRoom, everyone);
    assert.equal(await page.locator('.call-head .place').innerText(), 'Main room');
  }
  await inRoom(mainRoom, everyone);
  await p15.locator('[data-section="breakouts"][data-open="false"] [data-form="open-breakouts"]').waitFor();
  for (const page of [p16, p17]) assert.equal(await page.locator('[data-section="breakouts"]').count(), 0);
});

test('15 opens 2 auto breakouts: each member is moved to its own room and sees only itself there', async () => {
  await p15.fill('[data-form="open-breakouts"] input[name="count"]', '2');
  await p15.click('[data-form="open-breakouts"] button[type="submit"]');
  const items = p15.locator('[data-section="breakouts"][data-open="true"] [data-list="breakouts"] li');
  await until(p15, () => document.querySelectorAll('[data-list="breakouts"] li').length === 2);
  const rooms = await items.evaluateAll((lis) =>
    lis.map((li) => ({ name: li.dataset.roomName, number: li.dataset.number, members: li.dataset.members })),
  );
  // Two members shared out into two rooms: one each, named after the main room and its session.
  assert.deepEqual(rooms.map((r) => r.members).sort(), ['16', '17']);
  for (const r of rooms) {
    assert.ok(r.name.startsWith(`${mainRoom}-`), r.name);
    assert.ok(r.name.endsWith(`-${r.number}`), r.name);
    assigned[r.members] = r;
  }
  for (const [page, user] of [
    [p16, '16'],
    [p17, '17'],
  ]) {
    const mine = assigned[user];
    await connectedWith(page, mine.name, [`user_${user}`]);
    await page
      .locator(`[data-view="call"][data-breakout="${mine.number}"][data-e2ee-key-index="0"]`)
      .waitFor({ timeout: kWait });
    assert.equal(await page.locator('.call-head .place').innerText(), `Breakout room ${mine.number}`);
    await inRoom(mine.name, [`user_${user}`]);
  }
  // The owner stays in the main room, alone now, and sees who is in which room by name.
  await connectedWith(p15, mainRoom, ['user_15']);
  await inRoom(mainRoom, ['user_15']);
  await until(
    p15,
    (room) =>
      document
        .querySelector(`[data-list="breakouts"] li[data-room-name="${room}"]`)
        ?.textContent.includes('Jane Smith'),
    assigned['16'].name,
  );
  mkdirSync(env.artifacts, { recursive: true });
  await p15.screenshot({ path: join(env.artifacts, 'breakouts-owner.png') });
  await p16.screenshot({ path: join(env.artifacts, 'breakouts-member.png') });
});

test("15 visits 16's breakout: they decode each other's encrypted video there, 17 sees neither; back", async () => {
  const room16 = assigned['16'].name;
  await p15.click(`[data-list="breakouts"] li[data-room-name="${room16}"] [data-action="visit-breakout"]`);
  await connectedWith(p15, room16, ['user_15', 'user_16']);
  await connectedWith(p16, room16, ['user_15', 'user_16']);
  await inRoom(room16, ['user_15', 'user_16']);
  await decodesEncryptedVideo(p16, 'user_15');
  await decodesEncryptedVideo(p15, 'user_16');
  await connectedWith(p17, assigned['17'].name, ['user_17']);
  await p15.screenshot({ path: join(env.artifacts, 'breakouts-visit.png') });

  await p15.click('[data-section="breakouts"] [data-action="return-main"]');
  await connectedWith(p15, mainRoom, ['user_15']);
  await connectedWith(p16, room16, ['user_16']);
  await inRoom(room16, ['user_16']);
});

test('17 leaves the call and opens it again while the breakouts are open: straight into its breakout', async () => {
  const room17 = assigned['17'].name;
  await p17.goto(`${stack.api}/#/group/${groupId}`);
  await p17.click('[data-action="open-call"]');
  await connectedWith(p17, room17, ['user_17']);
  await p17
    .locator(`[data-view="call"][data-breakout="${assigned['17'].number}"]`)
    .waitFor({ timeout: kWait });
  await inRoom(room17, ['user_17']);
});

test('15 closes the breakouts: the rooms are deleted and every page is back in the main room', async () => {
  await p15.click('[data-section="breakouts"] [data-action="close-breakouts"]');
  const everyone = ['user_15', 'user_16', 'user_17'];
  for (const page of [p15, p16, p17]) {
    await connectedWith(page, mainRoom, everyone);
    assert.equal(await page.locator('[data-view="call"][data-breakout]').count(), 0);
    assert.equal(await page.locator('.call-head .place').innerText(), 'Main room');
  }
  await inRoom(mainRoom, everyone);
  const live = stack.room('list').rooms.map((r) => r.name);
  for (const r of Object.values(assigned)) assert.ok(!live.includes(r.name), `${r.name} still live`);
  // The main session's key again, and the members' encrypted video decodes for each other.
  await decodesEncryptedVideo(p16, 'user_17');
  await decodesEncryptedVideo(p17, 'user_16');
  await p15.locator('[data-section="breakouts"][data-open="false"]').waitFor({ timeout: kWait });
});

test("the recording indicator follows the main room's metadata", async () => {
  stack.room('update-metadata', mainRoom, JSON.stringify({ breakouts: 0, recording: true }));
  for (const page of [p15, p16, p17]) {
    await page.locator('[data-view="call"][data-recording="true"] .call-head [data-recording]').waitFor({
      timeout: kWait,
    });
  }
  // Nobody moved: the set number is the one they had.
  for (const page of [p15, p16, p17])
    assert.equal(await page.getAttribute('[data-view="call"]', 'data-room'), mainRoom);
});

test('15 opens breakouts again and ends the session: it ends for everyone, in the breakouts too', async () => {
  await p15.fill('[data-form="open-breakouts"] input[name="count"]', '1');
  await p15.click('[data-form="open-breakouts"] button[type="submit"]');
  await until(p15, () => document.querySelectorAll('[data-list="breakouts"] li').length === 1);
  const room = await p15.locator('[data-list="breakouts"] li').getAttribute('data-room-name');
  for (const page of [p16, p17]) await connectedWith(page, room, ['user_16', 'user_17']);
  await p15.click('[data-action="end-session"]');
  // Nobody goes back to the main room (that would start a new session): every page says it ended.
  for (const page of [p15, p16, p17]) {
    await page
      .locator('[data-view="call"][data-state="disconnected"][data-reason="ROOM_DELETED"]')
      .waitFor({ timeout: kWait });
  }
  const live = stack.room('list').rooms.map((r) => r.name);
  assert.ok(!live.includes(room), `${room} still live`);
  assert.ok(!live.includes(mainRoom), `${mainRoom} still live`);
});

test('no page error and no Content-Security-Policy violation', () => {
  const problems = [p15, p16, p17].flatMap((p) => p.problems());
  assert.deepEqual(problems, []);
});
