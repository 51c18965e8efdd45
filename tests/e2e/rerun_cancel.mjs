// In the lab: the same page runs the check twice (Run again), a third run is cancelled, and
// after each run every RTCPeerConnection and WebSocket the module opened is closed.
// Run: lab/run-in-lab -- node tests/e2e/rerun_cancel.mjs [--browser chromium|firefox]
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchChromium } from '../../lab/chromium.mjs';
import { launchFirefox } from '../../lab/firefox.mjs';

const bi = process.argv.indexOf('--browser');
const browserName = bi > 0 ? process.argv[bi + 1] : 'chromium';
if (!['chromium', 'firefox'].includes(browserName)) {
  console.error(`rerun_cancel: unknown --browser ${browserName}`);
  process.exit(2);
}

const profile = JSON.parse(fs.readFileSync(process.env.NETREADY_LAB_PROFILE, 'utf8'));
// A TURN address nobody answers (not assigned in the lab): each run lasts until its ICE
// deadline, so Cancel reliably lands while the check is running.
profile.turn.push({ ...profile.turn[0], region: 'zz9', urls: ['turn:198.18.0.99:3478?transport=udp'] });
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netready-rerun-'));
// The two drivers differ (playwright for Chromium, puppeteer over BiDi for Firefox): the page is
// driven through these four calls only.
let closeBrowser, page, initScript, waitFor;
if (browserName === 'chromium') {
  const context = await launchChromium(dir);
  closeBrowser = () => context.close();
  initScript = (fn, arg) => context.addInitScript(fn, arg);
  waitFor = (fn, arg, timeout) => page.waitForFunction(fn, arg, { timeout });
  page = context.pages()[0] ?? (await context.newPage());
} else {
  const browser = await launchFirefox(dir);
  closeBrowser = () => browser.close();
  page = await browser.newPage();
  initScript = (fn, arg) => page.evaluateOnNewDocument(fn, arg);
  waitFor = (fn, arg, timeout) => page.waitForFunction(fn, { timeout }, arg);
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const deadline = setTimeout(() => {
  console.error('rerun_cancel: no result within 90 s');
  process.exit(1);
}, 90000);

try {
  await initScript((p) => {
    window.netreadyConfig = { profile: p };
    // Count what the module opens and whether it closes it again.
    const track = (name, isClosed) => {
      const Orig = window[name];
      const live = new Set();
      window[`__${name}Live`] = () => [...live].filter((o) => !isClosed(o)).length;
      window[`__${name}Count`] = 0;
      window[name] = new Proxy(Orig, {
        construct(target, args) {
          const o = Reflect.construct(target, args);
          live.add(o);
          window[`__${name}Count`]++;
          return o;
        },
      });
    };
    track('RTCPeerConnection', (pc) => pc.signalingState === 'closed');
    track('WebSocket', (ws) => ws.readyState === WebSocket.CLOSING || ws.readyState === WebSocket.CLOSED);
  }, profile);
  await page.goto('https://web.rainbow.lab/');
  const state = () => page.evaluate(() => document.body.dataset.state);
  const waitState = (s) => waitFor((want) => document.body.dataset.state === want, s, 60000);
  const openCount = () =>
    page.evaluate(() => ({
      pc: window.__RTCPeerConnectionLive(),
      ws: window.__WebSocketLive(),
      pcMade: window.__RTCPeerConnectionCount,
    }));

  await page.click('#start');
  await waitState('done');
  const first = await page.evaluate(() => window.netreadyLastReport);
  assert.equal(first.verdict, 'degraded', 'first run verdict (zz9 never answers)');
  assert.equal(first.requirements.find((r) => r.id === 'turn-tls').status, 'pass');
  let open = await openCount();
  assert.ok(open.pcMade >= 7, `one peer connection per TURN URL + direct (made ${open.pcMade})`);
  assert.deepEqual([open.pc, open.ws], [0, 0], 'everything closed after run 1');

  await page.click('#again');
  await waitState('done');
  const second = await page.evaluate(() => window.netreadyLastReport);
  assert.equal(second.verdict, 'degraded', 'second run in the same page');
  assert.notEqual(second.started_at, first.started_at, 'a new run, not the old report');
  open = await openCount();
  assert.deepEqual([open.pc, open.ws], [0, 0], 'everything closed after run 2');

  await page.click('#again');
  await waitState('running');
  await sleep(500);
  await page.click('#cancel');
  await waitFor(() => document.body.dataset.state !== 'running', null, 20000);
  const third = await page.evaluate(() => window.netreadyLastReport);
  assert.ok(third && third.notes.some((n) => /cancel/i.test(n)), 'cancelled run reports it was cancelled');
  open = await openCount();
  assert.deepEqual([open.pc, open.ws], [0, 0], 'everything closed after cancel');
  console.log(`rerun_cancel: ok (${browserName}, state ${await state()}, ${open.pcMade} peer connections made, all closed)`);
} finally {
  clearTimeout(deadline);
  await closeBrowser();
  fs.rmSync(dir, { recursive: true, force: true });
}
