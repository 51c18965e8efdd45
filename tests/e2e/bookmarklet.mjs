// In the lab: the bookmarklet clicked on other sites' pages (https://rainbow.lab/dev/bm-test/,
// netready being https://web.rainbow.lab). An ordinary page: the overlay shows the verdict, a
// second click does not stack a second overlay, and after Close the page's DOM and styles are as
// before. A page whose CSP allows only its own scripts: netready's page opens within 2 s saying
// why. A page whose CSP allows netready's origin and 'wasm-unsafe-eval': the check runs in place.
// Run: lab/run-in-lab -- node tests/e2e/bookmarklet.mjs --browser chromium|firefox
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../../lab/chromium.mjs';
import { launchFirefox } from '../../lab/firefox.mjs';
import { bookmarklet } from '../../web/bookmarklet/build.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const bi = process.argv.indexOf('--browser');
const browserName = bi > 0 ? process.argv[bi + 1] : 'chromium';
const NETREADY = 'https://web.rainbow.lab';
const PAGES = 'https://rainbow.lab/dev/bm-test';
const profile = JSON.parse(fs.readFileSync(process.env.NETREADY_LAB_PROFILE, 'utf8'));
const secrets = profile.turn.flatMap((t) => [t.username, t.credential]).filter(Boolean);
// The link as build.mjs makes it; the test clicks the one netready's page offers (checked equal).
const built = bookmarklet(fs.readFileSync(path.join(root, 'web/bookmarklet/loader.js'), 'utf8'), NETREADY);
let code = ''; // what the browser runs when the link is clicked: the javascript: URL's code
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netready-bm-'));
const outDir = path.join(root, 'out', 'e2e');
fs.mkdirSync(outDir, { recursive: true });
const deadline = setTimeout(() => { console.error('bookmarklet: no result within 150 s'); process.exit(1); }, 150000);

// The two drivers differ (playwright for Chromium, puppeteer over BiDi for Firefox).
let closeBrowser, newPage, waitPopup;
if (browserName === 'chromium') {
  const context = await launchChromium(dir);
  closeBrowser = () => context.close();
  newPage = () => context.newPage();
  waitPopup = (prefix, timeout) => context.waitForEvent('page', { predicate: (p) => p.url().startsWith(prefix), timeout });
} else {
  const browser = await launchFirefox(dir);
  closeBrowser = () => browser.close();
  newPage = () => browser.newPage();
  waitPopup = async (prefix, timeout) => (await browser.waitForTarget((t) => t.url().startsWith(prefix), { timeout })).page();
}
const waitFor = async (page, fn, timeout) => {
  const t0 = Date.now();
  for (;;) {
    const v = await page.evaluate(fn);
    if (v) return v;
    if (Date.now() - t0 > timeout) throw new Error(`timed out after ${timeout} ms waiting for ${fn}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};
const snapshot = () => ({
  html: document.documentElement.outerHTML,
  title: getComputedStyle(document.getElementById('title')).color,
  font: getComputedStyle(document.body).fontFamily,
  button: getComputedStyle(document.querySelector('button')).borderTopStyle,
});

try {
  // 0. netready's page offers the link for dragging to the bookmarks bar.
  {
    const page = await newPage();
    await page.goto(`${NETREADY}/bookmarklet.html`);
    const href = await waitFor(page, () => {
      const a = document.getElementById('bookmarklet');
      return a && a.href.startsWith('javascript:') ? a.getAttribute('href') : '';
    }, 10000);
    assert.equal(href, built, 'the page builds the same link as build.mjs');
    code = decodeURIComponent(href.slice('javascript:'.length));
    await page.close();
  }
  // 1. An ordinary page.
  {
    const page = await newPage();
    await page.goto(`${PAGES}/plain.html`);
    const before = await page.evaluate(snapshot);
    await page.evaluate((p) => { window.netreadyBookmarkletOptions = { profile: p }; }, profile);
    await page.evaluate(code);
    await page.evaluate(code); // clicked twice
    const verdict = await waitFor(page, () => document.querySelector('[data-netready-overlay]')?.getAttribute('data-verdict'), 60000);
    const overlays = await page.evaluate(() => document.querySelectorAll('[data-netready-overlay]').length);
    const shown = await page.evaluate(() => {
      const r = document.querySelector('[data-netready-overlay]').shadowRoot;
      return { title: r.getElementById('t').textContent, rows: r.querySelectorAll('li').length,
        font: getComputedStyle(r.querySelector('.card')).fontFamily, text: r.textContent };
    });
    await page.screenshot({ path: path.join(outDir, `bookmarklet-${browserName}.png`) });
    assert.equal(verdict, 'ready', 'the lab is all up');
    assert.equal(overlays, 1, 'a second click does not stack a second overlay');
    assert.equal(shown.rows, 9, 'one line per requirement row');
    assert.ok(shown.title.length > 10 && !/netready|undefined/.test(shown.title), `headline: ${shown.title}`);
    assert.ok(!/Georgia/.test(shown.font), `the page's font leaked into the overlay: ${shown.font}`);
    assert.ok(!secrets.some((s) => shown.text.includes(s)), 'no TURN credential in the overlay');
    await page.evaluate(() => document.querySelector('[data-netready-overlay]').shadowRoot.getElementById('close').click());
    const after = await page.evaluate(snapshot);
    const left = await page.evaluate(() => document.querySelectorAll('[data-netready-overlay]').length);
    assert.equal(left, 0, 'Close removes the overlay');
    // Our loader's <script> elements stay in <head> (the module's glue lives there); the page's
    // own DOM and styles are unchanged.
    const strip = (h) => h.replace(/<script[^>]*src="https:\/\/web\.rainbow\.lab\/[^"]*"[^>]*><\/script>/g, '');
    assert.equal(strip(after.html), strip(before.html), 'the page DOM is as before');
    assert.deepEqual({ ...after, html: '' }, { ...before, html: '' }, 'the page styles are as before');
    console.log(`bookmarklet ${browserName}: ordinary page ok (verdict ${verdict}, one overlay, DOM and styles unchanged)`);
    await page.close();
  }
  // 2. A page whose CSP allows only its own scripts: netready's page opens, saying why.
  {
    const page = await newPage();
    await page.goto(`${PAGES}/csp-self.html`);
    const popup = waitPopup(`${NETREADY}/?from=bookmarklet`, 2000);
    const t0 = Date.now();
    await page.evaluate(code);
    const win = await popup;
    const ms = Date.now() - t0;
    const notice = await waitFor(win, () => {
      const n = document.getElementById('bookmarklet-notice');
      return n && !n.hidden && n.textContent;
    }, 10000);
    assert.ok(ms <= 2000, `fallback window after ${ms} ms`);
    assert.match(notice, /security policy|could not be loaded/, notice);
    console.log(`bookmarklet ${browserName}: CSP script-src 'self' -> netready's page in ${ms} ms: "${notice.slice(0, 100)}"`);
    await page.close();
  }
  // 3. A page whose CSP allows netready: it runs in place.
  {
    const page = await newPage();
    await page.goto(`${PAGES}/csp-allow.html`);
    await page.evaluate((p) => { window.netreadyBookmarkletOptions = { profile: p }; }, profile);
    await page.evaluate(code);
    const verdict = await waitFor(page, () => document.querySelector('[data-netready-overlay]')?.getAttribute('data-verdict') || document.querySelector('[data-netready-overlay]')?.getAttribute('data-error'), 60000);
    assert.equal(verdict, 'ready', 'runs in place under a CSP that allows netready');
    console.log(`bookmarklet ${browserName}: CSP allowing netready -> runs in place (verdict ${verdict})`);
    await page.close();
  }
} finally {
  clearTimeout(deadline);
  await closeBrowser().catch(() => {});
  fs.rmSync(dir, { recursive: true, force: true });
}
