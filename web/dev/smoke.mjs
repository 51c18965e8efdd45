#!/usr/bin/env node
// Smoke test of the support page and of lab/browser.mjs against the dev fake, loopback only.
//
//   node web/dev/smoke.mjs            (from the repository root; needs /usr/bin/chromium, python3)
//
// Starts web/dev/serve.py on 127.0.0.1 (a free port), drives the page with playwright-core and runs
// the driver with each exit path. Prints one line per check; exits 1 if any failed.

import { chromium } from 'playwright-core';
import { spawnSync } from 'node:child_process';
import { loadCore, wasmDir } from '../../lab/core_module.mjs';
import { startServe } from './serve_start.mjs';
import { renderText } from '../messages.mjs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'netready-smoke-'));
const labProfile = JSON.parse(fs.readFileSync(path.join(here, 'profiles', 'lab-example.json'), 'utf8'));
const SECRETS = ['nr-example-user-7f3a', 'example-credential-9c41e2'];
// The fake replays core's golden runs; the page must show exactly what core wrote in them.
const golden = (name) => JSON.parse(fs.readFileSync(path.join(root, 'tests', 'data', 'golden', `${name}.json`), 'utf8')).report;
const outDir = path.join(root, 'out', 'web');
const core = await loadCore();
const vocab = JSON.parse(core.vocabulary());
// The French catalog the page loads (built next to the module).
const fr = JSON.parse(fs.readFileSync(path.join(wasmDir, 'messages', 'fr.json'), 'utf8'));
const statusLabel = (id) => vocab.statuses.find((x) => x.id === id)?.label;
fs.mkdirSync(outDir, { recursive: true });

let failures = 0;
function check(name, ok, extra = '') {
  console.log(`${ok ? 'ok  ' : 'FAIL'}  ${name}${extra ? `  (${extra})` : ''}`);
  if (!ok) failures++;
}

// ------------------------------------------------------------------ server

const { base, server } = await startServe(wasmDir);

// ------------------------------------------------------------------ browser

const userDataDir = path.join(tmp, 'chromium');
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: '/usr/bin/chromium',
  headless: true,
  ignoreDefaultArgs: true,
  acceptDownloads: true,
  args: ['--remote-debugging-pipe', '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic',
    '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--hide-scrollbars', `--user-data-dir=${userDataDir}`, 'about:blank'],
  viewport: { width: 1280, height: 900 },
});

async function openPage(query, { config, init } = {}) {
  const page = await context.newPage();
  const consoleLines = [];
  page.on('console', (m) => consoleLines.push(`${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => consoleLines.push(`pageerror: ${e.message}`));
  if (config !== undefined) await page.addInitScript((c) => { window.netreadyConfig = c; }, config);
  if (init) await page.addInitScript(init);
  await page.goto(`${base}${query}`);
  return { page, consoleLines };
}
const waitState = (page, states, timeout = 15000) => page.waitForFunction(
  (s) => s.includes(document.body.dataset.state), states, { timeout });
const noCsp = (lines) => !lines.some((l) => /Content Security Policy|Refused to/.test(l));

try {
  // 1. Default fake: degraded, progress text, evidence toggle, no CSP violations.
  {
    const { page, consoleLines } = await openPage('?fake=1');
    await waitState(page, ['idle']);
    const steps = new Set();
    await page.exposeFunction('recordStep', (t) => steps.add(t));
    await page.evaluate(() => {
      const node = document.getElementById('run-step');
      new MutationObserver(() => window.recordStep(node.textContent)).observe(node, { childList: true, characterData: true, subtree: true });
    });
    await page.click('#start');
    check('start disables Start while running', await page.evaluate(() => document.body.dataset.state === 'running' && document.getElementById('start').disabled));
    await waitState(page, ['done']);
    const r = await page.evaluate(() => window.netreadyLastReport);
    check('fake=1 gives a degraded report', r && r.verdict === 'degraded' && r.requirements.length === 9);
    check('progress said "Checking call servers (n of m)…"', [...steps].some((s) => /^Checking call servers \(\d+ of \d+\)…$/.test(s)), [...steps].slice(0, 4).join(' | '));
    check('progress said "Checking secure web access…"', [...steps].some((s) => s.startsWith('Checking secure web access')));
    const head = await page.textContent('#verdict-headline');
    const reason = await page.textContent('#verdict-reason');
    const g = golden('tcp-only');
    check('headline title and reason are core\'s', head === g.headline_title && reason === g.headline_reason, `${head} | ${reason}`);
    check('table has one row per requirement', (await page.locator('#requirements-body tr.req').count()) === 9);
    await page.click('tr.req[data-id="turn-udp"] .evidence-toggle');
    check('evidence expands', await page.isVisible('tr.req[data-id="turn-udp"] + tr.evidence-row'));
    const udpStatus = golden('tcp-only').requirements.find((q) => q.id === 'turn-udp').status;
    check('badges carry core\'s status label', (await page.textContent('tr.req[data-id="turn-udp"] .badge')).trim() === statusLabel(udpStatus));
    check('steps listed from core\'s probes', (await page.locator('#steps li').count()) === vocab.probes.length);
    const needs = await page.$$eval('#media-needs tr', (rows) => rows.map((r) => [...r.children].map((c) => c.textContent)));
    const want = g.media.bandwidth.map((n) => [vocab.media_kinds.find((k) => k.id === n.kind).label, vocab.statuses.find((x) => x.id === n.status).capacity]);
    check('media needs table uses core\'s kind labels and capacity words', needs.length === 3 && needs.every((row, i) => row[0] === want[i][0] && row[3] === want[i][1]), JSON.stringify(needs));
    check('no CSP violations or page errors', noCsp(consoleLines) && !consoleLines.some((l) => l.startsWith('pageerror')), consoleLines.join(' | '));

    // Download.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
    const name = download.suggestedFilename();
    const file = path.join(tmp, name);
    await download.saveAs(file);
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
    check('download netready-report-<date>.json', /^netready-report-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ\.json$/.test(name) && parsed.schema === 'netready.report/1', name);

    // Run again without reload.
    const first = r.started_at;
    await page.click('#again');
    await waitState(page, ['running']);
    await waitState(page, ['done']);
    const again = await page.evaluate(() => window.netreadyLastReport.started_at);
    check('run again works without reload', again !== first);
    await page.close();
  }

  // 1b. French (?lang=fr): the page's words and the report's texts from the French catalog, no
  // unknown id shown, the report itself unchanged (English keys and Text).
  {
    const { page, consoleLines } = await openPage('?fake=1&lang=fr');
    await page.waitForFunction(() => document.documentElement.lang === 'fr', null, { timeout: 15000 });
    check('fr: start button in French', (await page.textContent('#start')) === fr['page.start'], await page.textContent('#start'));
    await page.click('#start');
    await waitState(page, ['done']);
    const g = golden('tcp-only');
    const head = await page.textContent('#verdict-headline');
    check('fr: headline is the French rendering of headline_title_msg', head === renderText(g.headline_title_msg, fr) && head !== g.headline_title, head);
    const titles = await page.$$eval('#requirements-body tr.req .req-title', (n) => n.map((x) => x.textContent));
    check('fr: row titles from title_msg', titles.length === 9 && titles.every((x, i) => x === renderText(g.requirements[i].title_msg, fr)), titles[0]);
    const body = await page.evaluate(() => document.body.innerText);
    const unknown = body.match(/\[[a-z0-9-]+(\.[a-z0-9-]+)+\]/g);
    check('fr: no unknown catalog id in the page', !unknown, String(unknown));
    const r = await page.evaluate(() => window.netreadyLastReport);
    check('fr: the report stays language-neutral (English keys, Text beside)', r.headline_title === g.headline_title && Array.isArray(r.headline_title_msg));
    check('fr: no CSP violations or page errors', noCsp(consoleLines) && !consoleLines.some((l) => l.startsWith('pageerror')), consoleLines.join(' | '));
    await page.screenshot({ path: path.join(outDir, 'fr.png'), fullPage: true });
    await page.close();
  }

  // 2. Copy fallback when the clipboard is unavailable.
  {
    const { page } = await openPage('?fake=ready', {
      init: () => {
        Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined });
        Document.prototype.execCommand = () => false;
      },
    });
    await page.click('#start');
    await waitState(page, ['done']);
    await page.click('#copy');
    const text = await page.inputValue('#copy-text');
    check('copy falls back to a textarea', await page.isVisible('#copy-fallback') && JSON.parse(text).verdict === 'ready');
    check('ready headline is core\'s, no reason line', (await page.textContent('#verdict-headline')) === golden('ready').headline_title && await page.isHidden('#verdict-reason'));
    await page.screenshot({ path: path.join(tmp, 'ready.png'), fullPage: true });
    await page.close();
  }

  // 3. Cancel gives a partial report.
  {
    const { page } = await openPage('?fake=slow');
    await page.click('#start');
    await page.waitForTimeout(1500);
    await page.screenshot({ path: path.join(tmp, 'running.png') });
    await page.click('#cancel');
    await waitState(page, ['done']);
    const r = await page.evaluate(() => window.netreadyLastReport);
    check('cancel resolves with a partial report', r.requirements.some((q) => q.status === 'skipped') && /stopped the check early/.test(await page.textContent('#verdict-sub')));
    await page.close();
  }

  // 4. Bad profile from netreadyConfig: error state naming the JSON path.
  {
    const { page } = await openPage('?fake=1', { config: { profile: { turn: [{ region: 'a', urls: ['turn:a.lab:80?transport=tcp'] }, { region: 'b', urls: ['tun:x'], credential: 'zz-secret-zz' }] } } });
    await page.click('#start');
    await waitState(page, ['error']);
    const msg = await page.evaluate(() => window.netreadyLastError);
    check('bad profile -> state error with JSON path', /turn\[1\]\.urls\[0\]/.test(msg) && (await page.textContent('#error-message')) === msg, msg);
    await page.close();
  }

  // 5. ?profile= same-origin JSON with credentials: never in the DOM or console; cross-origin refused.
  {
    const { page, consoleLines } = await openPage('?fake=leak&profile=/dev/profiles/lab-example.json');
    await page.click('#start');
    await waitState(page, ['done']);
    const html = await page.evaluate(() => document.documentElement.outerHTML);
    check('?profile= profile is used', (await page.evaluate(() => window.netreadyLastReport.profile)) === 'rainbow-lab-example');
    check('leaked credential is redacted from the DOM', !SECRETS.some((s) => html.includes(s)) && html.includes('[redacted]'));
    check('page counts redactions', (await page.evaluate(() => window.netreadyRedactions)) > 0);
    check('credentials never reach the console', !consoleLines.some((l) => SECRETS.some((s) => l.includes(s))));
    await page.click('#copy').catch(() => {});
    await page.close();

    const x = await openPage('?fake=1&profile=https://example.invalid/p.json');
    await waitState(x.page, ['error']);
    check('cross-origin ?profile= refused', /must come from this site/.test(await x.page.evaluate(() => window.netreadyLastError)));
    await x.page.close();
  }

  // 6. Report text is never HTML.
  {
    const { page } = await openPage('?fake=xss');
    await page.click('#start');
    await waitState(page, ['done']);
    await page.click('tr.req[data-id="https"] .evidence-toggle');
    const injected = await page.evaluate(() => ['xss-img', 'xss-b', 'xss-script', 'xss-a', 'xss-head'].filter((id) => document.getElementById(id)));
    check('markup in the report renders as text', injected.length === 0 && !(await page.evaluate(() => window.xssRan)) && (await page.textContent('#requirements-body')).includes('<img src=x'), injected.join(','));
    await page.close();
  }

  // 7. Module failure and autostart.
  {
    const { page } = await openPage('?fake=modfail');
    await waitState(page, ['error']);
    check('module failure -> state error', /failed to start/.test(await page.evaluate(() => window.netreadyLastError)));
    await page.screenshot({ path: path.join(tmp, 'error.png') });
    await page.close();
    const a = await openPage('?fake=blocked&autostart=1');
    await waitState(a.page, ['done']);
    check('autostart=1 runs without a click; blocked verdict', (await a.page.evaluate(() => window.netreadyLastReport.verdict)) === 'blocked');
    // The old page split one sentence at ": " and showed "…Your IT team can fix this" as the title
    // and "Details below." as the reason; core now gives both parts.
    const g = golden('blocked-dns');
    const title = await a.page.textContent('#verdict-headline');
    const why = await a.page.textContent('#verdict-reason');
    check('blocked: title and reason as core wrote them', title === g.headline_title && why === g.headline_reason && !title.includes(':') && why.length > 20, `${title} | ${why}`);
    await a.page.screenshot({ path: path.join(outDir, 'blocked.png'), fullPage: true });
    await a.page.close();
  }
} finally {
  await context.close();
  fs.rmSync(userDataDir, { recursive: true, force: true });
}

// ------------------------------------------------------------------ driver exit codes

const profileFile = path.join(here, 'profiles', 'lab-example.json');
function driver(args, env = {}) {
  const r = spawnSync(process.execPath, [path.join(root, 'lab', 'browser.mjs'), ...args],
    { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 120000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
{
  const json = path.join(tmp, 'd', 'report.json');
  const png = path.join(tmp, 'd', 'report.png');
  const r = driver(['--url', `${base}?fake=1`, '--profile', profileFile, '--json', json, '--png', png, '--timeout-ms', '30000']);
  const written = fs.existsSync(json) ? fs.readFileSync(json, 'utf8') : '';
  check('driver: exit 0 with report, png and summary', r.code === 0 && fs.existsSync(png) && /^Verdict: DEGRADED/m.test(r.out) && /^ {2}FAIL {2}turn-udp/m.test(r.out), `exit ${r.code} ${r.err}`);
  check('driver: JSON is pretty (2 spaces) and has the profile name', written.startsWith('{\n  "schema"') && JSON.parse(written).profile === 'rainbow-lab-example');
  check('driver: no credential printed or written', !SECRETS.some((s) => r.out.includes(s) || r.err.includes(s) || written.includes(s)));
}
{
  const json = path.join(tmp, 'leak.json');
  const r = driver(['--url', `${base}?fake=leak`, '--profile', profileFile, '--json', json]);
  check('driver: exit 5 when a credential is in the report', r.code === 5 && !fs.existsSync(json) && !SECRETS.some((s) => r.out.includes(s) || r.err.includes(s)), `exit ${r.code} ${r.err.trim()}`);
}
{
  const json = path.join(tmp, 'slow.json');
  const png = path.join(tmp, 'slow.png');
  const r = driver(['--url', `${base}?fake=slow`, '--json', json, '--png', png, '--timeout-ms', '4000']);
  check('driver: exit 3 on timeout, screenshot + partial report', r.code === 3 && fs.existsSync(png) && fs.existsSync(json) && /timed out after 4000 ms/.test(r.err), `exit ${r.code} ${r.err.trim()}`);
}
{
  const r = driver(['--url', `${base}?fake=1`, '--profile', path.join(here, 'profiles', 'bad-url.json')]);
  check('driver: exit 4 on page error, message printed', r.code === 4 && /turn\[2\]\.urls\[0\]/.test(r.err), `exit ${r.code} ${r.err.trim()}`);
}
{
  const r = driver(['--url', 'ftp://x']);
  const r2 = driver(['--url', `${base}?fake=1`, '--browser', 'safari']);
  check('driver: exit 2 on usage errors', r.code === 2 && r2.code === 2);
}

server.kill();
console.log(`screenshots and files in ${tmp}`);
console.log(failures ? `${failures} check(s) FAILED` : 'all checks passed');
process.exitCode = failures ? 1 : 0;
