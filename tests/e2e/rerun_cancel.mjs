// In the lab: the same page runs the check twice (Run again), a third run is cancelled, and
// after each run every RTCPeerConnection and WebSocket the module opened is closed.
// Run: lab/run-in-lab -- node tests/e2e/rerun_cancel.mjs
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchChromium } from '../../lab/chromium.mjs';

const profile = JSON.parse(fs.readFileSync(process.env.NETREADY_LAB_PROFILE, 'utf8'));
// A TURN address nobody answers (not assigned in the lab): each run lasts until its ICE
// deadline, so Cancel reliably lands while the check is running.
profile.turn.push({ ...profile.turn[0], region: 'zz9', urls: ['turn:198.18.0.99:3478?transport=udp'] });
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netready-rerun-'));
const context = await launchChromium(dir);
const deadline = setTimeout(() => {
  console.error('rerun_cancel: no result within 90 s');
  process.exit(1);
}, 90000);

try {
  await context.addInitScript((p) => {
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
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto('https://web.rainbow.lab/');
  const state = () => page.evaluate(() => document.body.dataset.state);
  const waitState = (s) => page.waitForFunction((want) => document.body.dataset.state === want, s, { timeout: 60000 });
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
  await page.waitForTimeout(500);
  await page.click('#cancel');
  await page.waitForFunction(() => document.body.dataset.state !== 'running', null, { timeout: 20000 });
  const third = await page.evaluate(() => window.netreadyLastReport);
  assert.ok(third && third.notes.some((n) => /cancel/i.test(n)), 'cancelled run reports it was cancelled');
  open = await openCount();
  assert.deepEqual([open.pc, open.ws], [0, 0], 'everything closed after cancel');
  console.log(`rerun_cancel: ok (state ${await state()}, ${open.pcMade} peer connections made, all closed)`);
} finally {
  clearTimeout(deadline);
  await context.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
