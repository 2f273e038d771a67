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

/**
 * A page for `user` (shown as `name`) signed in to `stack`'s web client the way a host app hands
 * a user over: `/#token=<app token>`, which the page takes out of the address bar at once.
 */
export async function signedInPage(browser, stack, user, name) {
  const page = await newUserPage(browser, name);
  await page.goto(`${stack.api}/#token=${stack.appToken(user, name)}`);
  await page.locator(`.who[data-user-id="${user}"]`).waitFor({ timeout: kWait });
  assert.ok(!page.url().includes('token='), page.url());
  return page;
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
