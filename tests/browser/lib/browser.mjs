// Debian's Chromium (/usr/bin/chromium, installed by scripts/setup.sh) driven by playwright-core:
// never a browser download. Headless, as root, with a fake camera, microphone and screen.
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

export const kChromium = process.env.LKS_CHROMIUM || '/usr/bin/chromium';

/** One browser; give each user a context of its own (newUserPage). */
export async function launchChromium() {
  // playwright-core starts it with a fresh temporary profile (--user-data-dir) of its own.
  return chromium.launch({
    executablePath: kChromium,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      '--autoplay-policy=no-user-gesture-required',
    ],
  });
}

/**
 * A page for one user in its own context. Collects what must never happen: page errors and
 * Content-Security-Policy violations (`problems()`).
 */
export async function newUserPage(browser, name) {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
  });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`${name}: page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.text().includes('Content Security Policy')) problems.push(`${name}: ${m.text()}`);
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  page.problems = () => problems;
  return page;
}

/** How long the browser tests wait for anything (ms). */
export const kWait = 30_000;

/** The browser tests' users: user id -> the name they sign in with. */
export const kUsers = { 15: 'John Doe', 16: 'Jane Smith', 17: 'Mark Lee', 18: 'Ruth Cho' };

/**
 * A page for `user` (shown as `name`) signed in to `stack`'s web client the way a host app hands
 * a user over: `/#token=<app token>`, which the page takes out of the address bar at once.
 */
export async function signedInPage(browser, stack, user, name = kUsers[user]) {
  const page = await newUserPage(browser, name);
  await page.goto(`${stack.api}/#token=${stack.appToken(user, name)}`);
  await page.locator(`.who[data-user-id="${user}"]`).waitFor({ timeout: kWait });
  assert.ok(!page.url().includes('token='), page.url());
  return page;
}

/** signedInPage for each user id of `users` (kUsers' names), in order. */
export async function signedInPages(browser, stack, users) {
  const pages = [];
  for (const user of users) pages.push(await signedInPage(browser, stack, user));
  return pages;
}

/** Waits for `fn` (run in the page with `arg`) to return true. */
export function until(page, fn, arg) {
  return page.waitForFunction(fn, arg, { timeout: kWait, polling: 250 });
}

/** The text of the error box with `code` once `page` shows it. */
export async function errorShown(page, code) {
  const box = page.locator(`.error[data-code="${code}"]`);
  await box.waitFor({ timeout: kWait });
  return box.innerText();
}

/**
 * `owner` creates a group titled `title` from the groups page (each of `checks` ticked: 'e2ee',
 * 'approval'), then each page of `members` opens it by id and joins. Returns the group's id.
 */
export async function groupWithMembers(owner, title, checks, members) {
  await owner.fill('[data-form="create-group"] input[name="title"]', title);
  for (const name of checks) await owner.check(`[data-form="create-group"] input[name="${name}"]`);
  await owner.click('[data-form="create-group"] button[type="submit"]');
  const view = owner.locator('[data-view="group"]');
  await view.waitFor({ timeout: kWait });
  const groupId = await view.getAttribute('data-group-id');
  assert.match(groupId, /^\d+$/);
  for (const page of members) {
    await page.fill('[data-form="open-group"] input[name="group-id"]', groupId);
    await page.click('[data-action="join-group"]');
    await page.locator(`[data-view="group"][data-group-id="${groupId}"]`).waitFor({ timeout: kWait });
  }
  return groupId;
}

/** `identity`'s encrypted camera is decoding in `page`: more frames than `after` have arrived. */
export function decodesEncryptedVideo(page, identity, after = 0) {
  return until(
    page,
    ([id, n]) => {
      const tile = document.querySelector(`figure.tile[data-identity="${id}"][data-source="camera"]`);
      const v = tile?.querySelector('video');
      return (
        tile?.dataset.encrypted === 'true' &&
        !!v &&
        v.videoWidth > 0 &&
        !v.paused &&
        v.getVideoPlaybackQuality().totalVideoFrames > n + 10
      );
    },
    [identity, after],
  );
}
