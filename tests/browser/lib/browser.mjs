// Debian's Chromium (/usr/bin/chromium, installed by scripts/setup.sh) driven by playwright-core:
// never a browser download. Headless, as root, with a fake camera, microphone and screen.
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
