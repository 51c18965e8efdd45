// In the lab: the hand-off to support. The user runs the check on the support page, clicks
// "Send to support" (never automatic), gets a reference; the lab's support desk
// (lab/support/report_store.py behind nginx) stored the report, which holds none of the lab's
// TURN credentials; a support engineer opens the stored file in a fresh page (dropped on it)
// and it renders exactly as the user saw it.
// Run: lab/run-in-lab -- node tests/e2e/handoff.mjs [--browser chromium|firefox]
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { browserArg, openPage } from './page_harness.mjs';

const browserName = browserArg('handoff');
const profile = JSON.parse(fs.readFileSync(process.env.NETREADY_LAB_PROFILE, 'utf8'));
const secrets = profile.turn.flatMap((t) => [t.username, t.credential]).filter(Boolean);
assert.ok(secrets.length >= 2, 'the lab profile has TURN credentials to leak');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netready-handoff-'));
const { page, closeBrowser, initScript, waitFor } = await openPage(browserName, dir);
const deadline = setTimeout(() => {
  console.error('handoff: no result within 90 s');
  process.exit(1);
}, 90000);

// What the user sees of a finished report: the verdict card and the details for IT.
const shownText = () =>
  page.evaluate(() =>
    ['verdict-headline', 'verdict-reason', 'verdict-sub', 'verdict-meta', 'details']
      .map((id) => `${id}: ${document.getElementById(id).innerText}`)
      .join('\n'));
const waitDone = () => waitFor(() => document.body.dataset.state === 'done', null, 60000);

try {
  await initScript((p) => {
    window.netreadyConfig = { profile: p, reportEndpoint: '/api/support/reports' };
  }, profile);
  await page.goto('https://web.rainbow.lab/');
  await page.click('#start');
  await waitDone();
  assert.equal(await page.evaluate(() => document.getElementById('send').hidden), false, 'Send offered');
  const seen = await shownText();
  await page.click('#send');
  await waitFor(() => !!document.getElementById('send-reference').dataset.reference, null, 20000);
  const ref = await page.evaluate(() => document.getElementById('send-reference').dataset.reference);
  const line = await page.evaluate(() => document.getElementById('send-reference').innerText);
  assert.match(ref, /^NR-[0-9A-F]{8}$/, 'a short reference');
  assert.ok(line.includes(ref), `the page shows the reference (${line})`);

  const stored = path.join(process.env.NETREADY_LAB_OUT, 'support-reports', `${ref}.json`);
  const text = fs.readFileSync(stored, 'utf8');
  const report = JSON.parse(text);
  assert.equal(report.schema, 'netready.report/1');
  for (const s of [...secrets, ...secrets.map(encodeURIComponent)]) {
    assert.ok(!text.includes(s), 'no TURN credential in the stored report');
  }
  assert.ok(text.includes('turn-eu1'), 'the stored report is the real one (names the TURN servers)');

  // Support opens it: a fresh page, the file dropped on it, nothing run.
  await page.goto('https://web.rainbow.lab/');
  await waitFor(() => document.body.dataset.state === 'idle', null, 20000);
  await page.evaluate((json) => {
    const dt = new DataTransfer();
    dt.items.add(new File([json], 'report.json', { type: 'application/json' }));
    document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, text);
  await waitDone();
  assert.equal(await shownText(), seen, 'the opened report renders exactly as the user saw it');
  assert.equal(await page.evaluate(() => document.getElementById('send').hidden), true, 'nothing to send back');
  assert.ok((await page.evaluate(() => document.getElementById('opened-notice').innerText)).includes('report.json'));
  console.log(`handoff: ok (${browserName}, reference ${ref}, ${text.length} bytes stored, rendered identically)`);
} finally {
  clearTimeout(deadline);
  await closeBrowser();
  fs.rmSync(dir, { recursive: true, force: true });
}
