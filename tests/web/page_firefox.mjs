#!/usr/bin/env node
// The support page's rendering in Firefox ESR (web.page_smoke covers the same page in Chromium,
// with the driver's exit codes): against the dev fake, which replays core's golden runs, the page
// must show exactly core's words; secrets never reach the DOM; report text is never HTML.
//
//   node tests/web/page_firefox.mjs   (from the repository root; needs firefox-esr, python3)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCore, wasmDir } from '../../lab/core_module.mjs';
import { launchFirefox } from '../../lab/firefox.mjs';
import { startServe } from '../../web/dev/serve_start.mjs';
import { renderText } from '../../web/messages.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'netready-page-firefox-'));
const outDir = path.join(root, 'out', 'web');
fs.mkdirSync(outDir, { recursive: true });
const golden = (name) => JSON.parse(fs.readFileSync(path.join(root, 'tests', 'data', 'golden', `${name}.json`), 'utf8')).report;
const vocab = JSON.parse((await loadCore()).vocabulary());
// The French catalog the page loads (built next to the module).
const fr = JSON.parse(fs.readFileSync(path.join(wasmDir, 'messages', 'fr.json'), 'utf8'));
const byId = (list, id) => list.find((x) => x.id === id);
const SECRETS = ['nr-example-user-7f3a', 'example-credential-9c41e2'];

let failures = 0;
function check(name, ok, extra = '') {
  console.log(`${ok ? 'ok  ' : 'FAIL'}  firefox: ${name}${extra ? `  (${extra})` : ''}`);
  if (!ok) failures++;
}

const { base, server, log: serverLog } = await startServe(wasmDir);

const browser = await launchFirefox(tmp);
async function runPage(query) {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e && e.message)));
  await page.goto(`${base}${query}`);
  if (!/autostart=1/.test(query)) {
    await page.waitForFunction(() => document.body.dataset.state === 'idle', { timeout: 15000 });
    await page.click('#start');
  }
  await page.waitForFunction(() => ['done', 'error'].includes(document.body.dataset.state), { timeout: 20000 });
  return { page, errors };
}
const text = (page, sel) => page.$eval(sel, (n) => n.textContent);

try {
  {
    // tcp-only: headline, badges, steps and the media table in core's words.
    const { page, errors } = await runPage('?fake=1');
    const g = golden('tcp-only');
    check('headline title and reason are core\'s', (await text(page, '#verdict-headline')) === g.headline_title &&
      (await text(page, '#verdict-reason')) === g.headline_reason);
    check('one table row per requirement', (await page.$$eval('#requirements-body tr.req', (n) => n.length)) === 9);
    const udp = g.requirements.find((q) => q.id === 'turn-udp');
    check('badge carries core\'s status label', (await text(page, 'tr.req[data-id="turn-udp"] .badge')).trim() === byId(vocab.statuses, udp.status).label);
    check('steps listed from core\'s probes', (await page.$$eval('#steps li', (n) => n.length)) === vocab.probes.length);
    const needs = await page.$$eval('#media-needs tr', (rows) => rows.map((r) => [...r.children].map((c) => c.textContent)));
    const want = g.media.bandwidth.map((n) => [byId(vocab.media_kinds, n.kind).label, byId(vocab.statuses, n.status).capacity]);
    check('media needs table uses core\'s kind labels and capacity words',
      needs.length === want.length && needs.every((r, i) => r[0] === want[i][0] && r[3] === want[i][1]), JSON.stringify(needs));
    check('no page errors', errors.length === 0, errors.join(' | '));
    await page.close();
  }
  {
    // French: the page's words and the report's texts from the French catalog.
    const { page, errors } = await runPage('?fake=1&lang=fr');
    const g = golden('tcp-only');
    check('fr: <html lang="fr">', (await page.evaluate(() => document.documentElement.lang)) === 'fr');
    check('fr: headline from headline_title_msg', (await text(page, '#verdict-headline')) === renderText(g.headline_title_msg, fr));
    check('fr: copy button in French', (await text(page, '#copy')) === fr['page.copy']);
    const udp = g.requirements.find((q) => q.id === 'turn-udp');
    check('fr: row title and badge in French', (await text(page, 'tr.req[data-id="turn-udp"] .req-title')) === renderText(udp.title_msg, fr) &&
      (await text(page, 'tr.req[data-id="turn-udp"] .badge')).trim() === renderText(byId(vocab.statuses, udp.status).label_msg, fr));
    const body = await page.evaluate(() => document.body.innerText);
    check('fr: no unknown catalog id in the page', !/\[[a-z0-9-]+(\.[a-z0-9-]+)+\]/.test(body));
    check('fr: no page errors', errors.length === 0, errors.join(' | '));
    await page.close();
  }
  {
    const { page } = await runPage('?fake=blocked&autostart=1');
    const g = golden('blocked-dns');
    check('blocked: title and reason as core wrote them', (await text(page, '#verdict-headline')) === g.headline_title &&
      (await text(page, '#verdict-reason')) === g.headline_reason);
    await page.screenshot({ path: path.join(outDir, 'blocked-firefox.png'), fullPage: true });
    await page.close();
  }
  {
    const { page } = await runPage('?fake=leak&profile=/dev/profiles/lab-example.json');
    const html = await page.evaluate(() => document.documentElement.outerHTML);
    check('leaked credential is redacted from the DOM', !SECRETS.some((s) => html.includes(s)) && html.includes('[redacted]'));
    await page.close();
  }
  {
    const { page } = await runPage('?fake=xss');
    await page.click('tr.req[data-id="https"] .evidence-toggle');
    const injected = await page.evaluate(() => ['xss-img', 'xss-b', 'xss-script', 'xss-a', 'xss-head'].filter((id) => document.getElementById(id)));
    check('markup in the report renders as text', injected.length === 0 && !(await page.evaluate(() => window.xssRan)) &&
      (await text(page, '#requirements-body')).includes('<img src=x'), injected.join(','));
    await page.close();
  }
} catch (e) {
  check('page test ran to the end', false, String(e && e.stack || e));
} finally {
  await browser.close().catch(() => {});
  server.kill();
  fs.rmSync(tmp, { recursive: true, force: true });
}
if (failures) process.stderr.write(`serve.py log:\n${serverLog()}`);
console.log(failures ? `${failures} check(s) failed` : 'all checks passed');
process.exit(failures ? 1 : 0);
