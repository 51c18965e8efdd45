// In the lab: the ten-line embed (web/embed-example.html, the README's embed) runs the check
// twice in one page and a third run is cancelled with the rendered Cancel button; after each
// every RTCPeerConnection and WebSocket the module opened is closed, and the host page's own
// DOM outside the element is untouched.
// Run: lab/run-in-lab -- node tests/e2e/embed.mjs [--browser chromium|firefox]
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { browserArg, openCount, openPage, trackOpenObjects } from './page_harness.mjs';

const browserName = browserArg('embed');
const profile = JSON.parse(fs.readFileSync(process.env.NETREADY_LAB_PROFILE, 'utf8'));
// A TURN address nobody answers (not assigned in the lab): each run waits for that silent path
// (the silence rule ends it after 2 s), so Cancel reliably lands while the check is running.
profile.turn.push({ ...profile.turn[0], region: 'zz9', urls: ['turn:198.18.0.99:3478?transport=udp'] });
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netready-embed-'));
const { page, closeBrowser, initScript, waitFor } = await openPage(browserName, dir);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const deadline = setTimeout(() => {
  console.error('embed: no result within 90 s');
  process.exit(1);
}, 90000);

try {
  await initScript(trackOpenObjects);
  await initScript((p) => {
    // The host page's config, as its login would set it: the lab's servers and TURN credentials.
    window.rainbowConfig = {
      iceServers: p.turn.map((t) => ({ urls: t.urls, username: t.username, credential: t.credential, region: t.region })),
      profile: { https: p.https, xmpp: p.xmpp },
    };
    window.__verdicts = [];
    const log = console.log.bind(console);
    console.log = (...a) => { if (a[0] === 'netready verdict:') window.__verdicts.push(a[1]); log(...a); };
  }, profile);
  await page.goto('https://web.rainbow.lab/embed-example.html');
  const outside = () => page.evaluate(() => [...document.body.children].map((e) => `${e.tagName}#${e.id}:${e.textContent}`).join('|'));
  const before = await outside();
  const stateIs = (s) => waitFor((want) => document.querySelector('#netready').dataset.netreadyState === want, s, 60000);
  await stateIs('idle');
  for (const run of [1, 2]) {
    await page.click('#check');
    await stateIs('running');
    await stateIs('done');
    const v = await page.evaluate(() => window.__verdicts);
    assert.equal(v.length, run, `run ${run}: one result event`);
    assert.equal(v[run - 1], 'degraded', `run ${run}: verdict (zz9 never answers)`);
    const open = await openCount(page);
    assert.deepEqual([open.pc, open.ws], [0, 0], `everything closed after run ${run}`);
  }
  const rows = await page.evaluate(() => document.querySelector('#netready').shadowRoot.querySelectorAll('li').length);
  assert.ok(rows >= 5, `the rows are rendered into the element (${rows})`);
  await page.click('#check');
  await stateIs('running');
  await sleep(300);
  await page.evaluate(() => document.querySelector('#netready').shadowRoot.querySelector('button.cancel').click());
  await stateIs('done');
  const open = await openCount(page);
  assert.deepEqual([open.pc, open.ws], [0, 0], 'everything closed after cancel');
  assert.equal((await page.evaluate(() => window.__verdicts)).length, 3, 'the cancelled run still gives its report');
  assert.equal(await outside(), before, "the host page's DOM outside the element is unchanged");
  console.log(`embed: ok (${browserName}, 2 runs + 1 cancel, ${open.pcMade} peer connections made, all closed)`);
} finally {
  clearTimeout(deadline);
  await closeBrowser();
  fs.rmSync(dir, { recursive: true, force: true });
}
