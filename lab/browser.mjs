#!/usr/bin/env node
// Headless-browser driver for the netready support page.
//
//   node lab/browser.mjs --url https://web.rainbow.lab/ [--profile FILE.json] [--json out/report.json]
//                        [--png out/report.png] [--timeout-ms 90000] [--browser chromium|firefox]
//                        [--chromium-arg=--flag ...]
//
// Opens the page in Debian's Chromium (/usr/bin/chromium) through playwright-core, or in Debian's
// Firefox ESR (/usr/bin/firefox-esr) through puppeteer-core (WebDriver BiDi), injects the
// profile as window.netreadyConfig = {profile}, clicks Start, waits for body[data-state=done|error],
// writes the report JSON and a full-page screenshot, and prints a human summary.
//
// Exit codes:
//   0  a report was produced (whatever the verdict)
//   1  internal failure (browser could not be launched, file could not be written, ...)
//   2  usage error (bad arguments, unreadable or invalid profile file)
//   3  timeout: no report within --timeout-ms (screenshot taken anyway; a partial report is
//      written to --json if cancelling the check produced one)
//   4  page error: the page could not be opened, or it ended in state "error" (message printed)
//   5  safety net: a credential value from the profile appeared in the report (nothing written)
//
// Environment: NETREADY_PROXY=http://host:port adds --proxy-server=... to Chromium (HTTP/SSL proxy
// prefs in Firefox). NETREADY_CAPTURE_DIR=DIR also writes what the page said, unredacted, into DIR
// (browser_capture.mjs; for tests/e2e/secrets_audit.mjs).
// The profile's credentials (as core names them) are replaced by [redacted] in everything this
// script prints, by core's own rule (the wasm module loaded under node).

import { USAGE, UsageError, parseArgs } from './browser_args.mjs';
import { pageCapture } from './browser_capture.mjs';
import { CHROMIUM, launchChromium } from './chromium.mjs';
import { FIREFOX, launchFirefox } from './firefox.mjs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadCore, wasmDir } from './core_module.mjs';
import process from 'node:process';

const EXIT = { OK: 0, INTERNAL: 1, USAGE: 2, TIMEOUT: 3, PAGE_ERROR: 4, LEAK: 5 };

class Exit extends Error {
  constructor(code, message) { super(message); this.code = code; }
}

// ------------------------------------------------------------------ secrets

// The profile's secrets and the redaction rule are core's: the real module, loaded under node
// (NETREADY_WASM_DIR, else build/wasm), the same code that redacts the report in the page.
let core = null;
async function loadCoreOrExit() {
  try {
    core = await loadCore();
  } catch (e) {
    throw new Exit(EXIT.USAGE, `cannot load the netready module from ${wasmDir} (build it: cmake --build --preset wasm): ${e.message}`);
  }
}

let secretValues = [];

function redact(text) {
  if (!core || secretValues.length === 0) return String(text);
  return core.redact(String(text), secretValues).text;
}

// JSON paths in the report whose key or string value holds a secret, by core's rule.
function findLeaks(value, where = '$', out = []) {
  const hit = (s) => core.redact(String(s), secretValues).count > 0;
  if (secretValues.length === 0) return out;
  if (typeof value === 'string' || typeof value === 'number') {
    if (hit(value)) out.push(where);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => findLeaks(v, `${where}[${i}]`, out));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (hit(k)) out.push(`${where} (a key)`);
      findLeaks(v, `${where}.${k}`, out);
    }
  }
  return out;
}

// ------------------------------------------------------------------ output helpers

const out = (line = '') => process.stdout.write(`${redact(line)}\n`);
const err = (line) => process.stderr.write(`${redact(line)}\n`);

function formatMs(ms) {
  if (typeof ms !== 'number' || !Number.isFinite(ms)) return 'unknown';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(1)} s`;
}

function writeFileSafe(file, data) {
  try {
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    fs.writeFileSync(file, data);
  } catch (e) {
    throw new Exit(EXIT.INTERNAL, `could not write ${file}: ${e.message}`);
  }
}

function printSummary(report, wallMs, files) {
  const verdict = String(report.verdict ?? 'unknown').toUpperCase();
  out(`Verdict: ${verdict}${report.headline ? ` — ${report.headline}` : ''}`);
  const label = { pass: 'PASS', warn: 'WARN', fail: 'FAIL', skipped: 'SKIP' };
  for (const r of Array.isArray(report.requirements) ? report.requirements : []) {
    const st = (label[r.status] ?? String(r.status ?? '?').toUpperCase()).padEnd(4);
    out(`  ${st}  ${String(r.id ?? '').padEnd(15)}  ${r.title ?? ''}${r.summary ? ` — ${r.summary}` : ''}`);
  }
  out(`Best TURN region: ${report.best_turn_region ?? 'none'}`);
  out(`Check took ${formatMs(report.elapsed_ms)}; wall time ${formatMs(wallMs)} (browser start to report).`);
  if (files.json) out(`Report: ${files.json}`);
  if (files.png) out(`Screenshot: ${files.png}`);
}

// ------------------------------------------------------------------ browsers
//
// Each browser is {executable, tmpPrefix, launch(userDataDir, opts) -> session}; a session has
//   addInitScript(fn, arg)   run fn(arg) in every new document before the page's scripts
//   page()                   -> the page: goto(url, {timeout}) -> {ok(), status()} | null,
//                               waitForFunction(fn, {timeout, polling}), click(selector, {timeout}),
//                               evaluate(fn), screenshot({path, fullPage, timeout}),
//                               on('console'|'pageerror'|'crash', cb) (console: {type(), text()})
//   close()
// The flow in main() only uses these, so it is the same for every browser.

const BROWSERS = {
  chromium: {
    executable: CHROMIUM,
    tmpPrefix: 'netready-chromium-',
    async launch(userDataDir, opts) {
      const context = await launchChromium(userDataDir, opts.chromiumArgs);
      return {
        addInitScript: (fn, arg) => context.addInitScript(fn, arg),
        page: async () => {
          const page = context.pages()[0] ?? await context.newPage();
          return {
            goto: (url, o) => page.goto(url, { waitUntil: 'load', timeout: o.timeout }),
            waitForFunction: (fn, o) => page.waitForFunction(fn, null, o),
            click: (sel, o) => page.click(sel, o),
            evaluate: (fn) => page.evaluate(fn),
            screenshot: (o) => page.screenshot(o),
            on: (ev, cb) => page.on(ev, cb),
          };
        },
        close: () => context.close(),
      };
    },
  },
  firefox: {
    executable: FIREFOX,
    tmpPrefix: 'netready-firefox-',
    async launch(profileDir) {
      const browser = await launchFirefox(profileDir);
      const inits = [];
      return {
        // puppeteer registers init scripts per page: keep them until page() is called.
        addInitScript: async (fn, arg) => { inits.push([fn, arg]); },
        page: async () => {
          const page = (await browser.pages())[0] ?? await browser.newPage();
          for (const [fn, arg] of inits) await page.evaluateOnNewDocument(fn, arg);
          return {
            goto: (url, o) => page.goto(url, { waitUntil: 'load', timeout: o.timeout }),
            waitForFunction: (fn, o) => page.waitForFunction(fn, o),
            click: async (sel, o) => {
              const el = await page.waitForSelector(sel, { visible: true, timeout: o.timeout });
              await el.click();
            },
            evaluate: (fn) => page.evaluate(fn),
            screenshot: ({ path: file, fullPage }) => page.screenshot({ path: file, fullPage }),
            on: (ev, cb) => page.on(ev === 'crash' ? 'error' : ev, cb),
          };
        },
        close: () => browser.close(),
      };
    },
  },
};

// ------------------------------------------------------------------ main

async function main() {
  const wallStart = Date.now();
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2), BROWSERS);
  } catch (e) {
    if (e instanceof UsageError) throw new Exit(EXIT.USAGE, `${e.message}\n\n${USAGE}`);
    throw e;
  }
  if (opts.help) { process.stdout.write(`${USAGE}\n`); return EXIT.OK; }

  let profile;
  if (opts.profile) {
    let text;
    try {
      text = fs.readFileSync(opts.profile, 'utf8');
    } catch (e) {
      throw new Exit(EXIT.USAGE, `cannot read --profile ${opts.profile}: ${e.code || e.message}`);
    }
    try {
      profile = JSON.parse(text);
    } catch (e) {
      // The parser's message may quote the file's text: keep only the position.
      const pos = /position \d+(?: \(line \d+ column \d+\))?/.exec(e.message);
      throw new Exit(EXIT.USAGE, `--profile ${opts.profile} is not valid JSON${pos ? ` (${pos[0]})` : ''}`);
    }
    await loadCoreOrExit();
    const r = core.profileSecrets(JSON.stringify(profile));
    // A profile core rejects makes the page fail with core's message, which never quotes secrets.
    secretValues = r.ok ? [...r.secrets] : [];
  }

  const driver = BROWSERS[opts.browser];
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), driver.tmpPrefix));

  let context, page;
  const capture = pageCapture(process.env.NETREADY_CAPTURE_DIR);
  let closing = false;
  const cleanup = async () => {
    if (closing) return;
    closing = true;
    try { await context?.close(); } catch { /* browser already gone */ }
    try { fs.rmSync(userDataDir, { recursive: true, force: true }); } catch { /* best effort */ }
  };
  for (const [sig, code] of [['SIGINT', 130], ['SIGTERM', 143]]) {
    process.once(sig, () => {
      err(`interrupted (${sig}); closing the browser`);
      cleanup().finally(() => process.exit(code));
    });
  }

  try {
    try {
      context = await driver.launch(userDataDir, opts);
    } catch (e) {
      throw new Exit(EXIT.INTERNAL, `could not launch ${driver.executable}: ${e.message.split('\n')[0]}`);
    }

    if (profile !== undefined) {
      await context.addInitScript((p) => {
        const prev = (window.netreadyConfig && typeof window.netreadyConfig === 'object') ? window.netreadyConfig : {};
        window.netreadyConfig = { ...prev, profile: p };
      }, profile);
    }

    if (capture) await context.addInitScript(capture.initScript);
    page = await context.page();
    page.on('console', (msg) => {
      capture?.console(msg.type(), msg.text());
      if (msg.type() === 'error') err(`[page console.error] ${msg.text()}`);
    });
    page.on('pageerror', (e) => {
      capture?.console('pageerror', e.message);
      err(`[page uncaught] ${e.message}`);
    });
    page.on('crash', () => err('[page crashed]'));

    const deadline = Date.now() + opts.timeoutMs;
    const remaining = () => Math.max(1, deadline - Date.now());

    const screenshot = async () => {
      if (!opts.png) return;
      try {
        fs.mkdirSync(path.dirname(path.resolve(opts.png)), { recursive: true });
        await page.screenshot({ path: opts.png, fullPage: true, timeout: 15000 });
      } catch (e) {
        err(`could not take the screenshot: ${e.message.split('\n')[0]}`);
      }
    };
    const pageState = () => page.evaluate(() => document.body?.dataset.state ?? '').catch(() => '');
    const lastError = () => page.evaluate(() => window.netreadyLastError ?? '').catch(() => '');

    try {
      const resp = await page.goto(opts.url, { timeout: remaining() });
      if (resp && !resp.ok()) throw new Error(`HTTP ${resp.status()}`);
    } catch (e) {
      if (Date.now() >= deadline) {
        await screenshot();
        throw new Exit(EXIT.TIMEOUT, `timed out after ${opts.timeoutMs} ms opening ${opts.url}`);
      }
      throw new Exit(EXIT.PAGE_ERROR, `page error: could not open ${opts.url}: ${e.message.split('\n')[0]}`);
    }

    // The page is ready when it says idle (or is already running/done with autostart, or failed).
    try {
      await page.waitForFunction(() => ['idle', 'running', 'done', 'error'].includes(document.body?.dataset.state),
        { timeout: remaining() });
    } catch {
      await screenshot();
      throw new Exit(EXIT.TIMEOUT, `timed out after ${opts.timeoutMs} ms: the page never became ready (no body[data-state]); is this the netready page?`);
    }
    let state = await pageState();
    if (state === 'idle') {
      try {
        await page.click('#start', { timeout: remaining() });
      } catch (e) {
        if ((await pageState()) !== 'error') {
          await screenshot();
          throw new Exit(EXIT.PAGE_ERROR, `page error: could not click Start: ${e.message.split('\n')[0]}`);
        }
      }
    }

    let timedOut = false;
    try {
      await page.waitForFunction(() => ['done', 'error'].includes(document.body?.dataset.state),
        { timeout: remaining(), polling: 100 });
    } catch {
      timedOut = true;
    }
    state = await pageState();

    if (timedOut) {
      const step = await page.evaluate(() => document.getElementById('run-step')?.textContent ?? '').catch(() => '');
      await screenshot();
      // Ask for a partial report: Cancel makes run() resolve with what it has.
      let partial = null;
      try {
        await page.click('#cancel', { timeout: 2000 });
        await page.waitForFunction(() => document.body?.dataset.state === 'done', { timeout: 5000 });
        partial = await page.evaluate(() => window.netreadyLastReport ?? null);
      } catch { /* no partial report */ }
      let extra = '';
      if (partial && opts.json) {
        const leaks = findLeaks(partial);
        if (leaks.length === 0) {
          writeFileSafe(opts.json, `${JSON.stringify(partial, null, 2)}\n`);
          extra = `; partial report (after Cancel) written to ${opts.json}`;
        } else {
          extra = `; the partial report contained profile credentials at ${leaks.join(', ')} and was NOT written`;
        }
      }
      throw new Exit(EXIT.TIMEOUT, `timed out after ${opts.timeoutMs} ms waiting for the check to finish (state "${state}"${step ? `, page says "${step}"` : ''})${extra}`);
    }

    if (state === 'error') {
      const message = await lastError();
      await screenshot();
      throw new Exit(EXIT.PAGE_ERROR, `page error: ${message || 'the page reported an error without a message'}`);
    }

    const report = await page.evaluate(() => window.netreadyLastReport ?? null);
    if (!report || typeof report !== 'object') {
      await screenshot();
      throw new Exit(EXIT.PAGE_ERROR, 'page error: state is "done" but window.netreadyLastReport is empty');
    }

    const leaks = findLeaks(report);
    if (leaks.length) {
      throw new Exit(EXIT.LEAK, `SAFETY NET: a credential value from the profile appears in the report at ${leaks.join(', ')}; nothing was written`);
    }

    if (opts.json) writeFileSafe(opts.json, `${JSON.stringify(report, null, 2)}\n`);
    await screenshot();
    printSummary(report, Date.now() - wallStart, { json: opts.json, png: opts.png });
    return EXIT.OK;
  } finally {
    await capture?.save(page);
    await cleanup();
  }
}

main().then(
  (code) => { process.exitCode = code; },
  (e) => {
    if (e instanceof Exit) {
      err(`netready browser: ${e.message}`);
      process.exitCode = e.code;
    } else {
      err(`netready browser: internal error: ${e && e.stack ? e.stack : e}`);
      process.exitCode = EXIT.INTERNAL;
    }
  },
);
