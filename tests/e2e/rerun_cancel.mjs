// In the lab: the same page runs the check twice (Run again), a third run is cancelled, and
// after each run every RTCPeerConnection and WebSocket the module opened is closed.
// Run: lab/run-in-lab -- node tests/e2e/rerun_cancel.mjs [--browser chromium|firefox]
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { browserArg, openCount, openPage, trackOpenObjects } from './page_harness.mjs';

const browserName = browserArg('rerun_cancel');
const profile = JSON.parse(fs.readFileSync(process.env.NETREADY_LAB_PROFILE, 'utf8'));
// A TURN address nobody answers (not assigned in the lab): each run waits for that silent path
// (the silence rule ends it after 2 s), so Cancel reliably lands while the check is running.
profile.turn.push({ ...profile.turn[0], region: 'zz9', urls: ['turn:198.18.0.99:3478?transport=udp'] });
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netready-rerun-'));
const { page, closeBrowser, initScript, waitFor } = await openPage(browserName, dir);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const deadline = setTimeout(() => {
  console.error('rerun_cancel: no result within 90 s');
  process.exit(1);
}, 90000);

try {
  await initScript(trackOpenObjects);
  await initScript((p) => {
    window.netreadyConfig = { profile: p };
  }, profile);
  await page.goto('https://web.rainbow.lab/');
  const state = () => page.evaluate(() => document.body.dataset.state);
  const waitState = (s) => waitFor((want) => document.body.dataset.state === want, s, 60000);

  await page.click('#start');
  await waitState('done');
  const first = await page.evaluate(() => window.netreadyLastReport);
  assert.equal(first.verdict, 'degraded', 'first run verdict (zz9 never answers)');
  assert.equal(first.requirements.find((r) => r.id === 'turn-tls').status, 'pass');
  let open = await openCount(page);
  assert.ok(open.pcMade >= 7, `one peer connection per TURN URL + direct (made ${open.pcMade})`);
  assert.deepEqual([open.pc, open.ws], [0, 0], 'everything closed after run 1');

  await page.click('#again');
  await waitState('done');
  const second = await page.evaluate(() => window.netreadyLastReport);
  assert.equal(second.verdict, 'degraded', 'second run in the same page');
  assert.notEqual(second.started_at, first.started_at, 'a new run, not the old report');
  open = await openCount(page);
  assert.deepEqual([open.pc, open.ws], [0, 0], 'everything closed after run 2');

  await page.click('#again');
  await waitState('running');
  await sleep(500);
  await page.click('#cancel');
  await waitFor(() => document.body.dataset.state !== 'running', null, 20000);
  const third = await page.evaluate(() => window.netreadyLastReport);
  assert.ok(third && third.notes.some((n) => /cancel/i.test(n)), 'cancelled run reports it was cancelled');
  open = await openCount(page);
  assert.deepEqual([open.pc, open.ws], [0, 0], 'everything closed after cancel');
  console.log(`rerun_cancel: ok (${browserName}, state ${await state()}, ${open.pcMade} peer connections made, all closed)`);
} finally {
  clearTimeout(deadline);
  await closeBrowser();
  fs.rmSync(dir, { recursive: true, force: true });
}
