// What the page said, for tests/e2e/secrets_audit.mjs: with NETREADY_CAPTURE_DIR=DIR, lab/browser.mjs
// also writes DIR/console.txt (every console message and page error), progress.jsonl (each progress
// event as the module emitted it), page.txt (document.body.innerText at the end) and page.html.
// Unredacted on purpose: the audit greps them for the secrets it planted. Split out of browser.mjs
// to keep it under the file size limit.
import fs from 'node:fs';
import path from 'node:path';

// In the page, before its scripts: the module script's global factory is wrapped so that each
// Check's progress callback is recorded before the page sees it (the page keeps no event list).
function recordProgress() {
  const events = (window.__netreadyProgress = []);
  let factory;
  Object.defineProperty(window, 'NetreadyModule', {
    configurable: true,
    get: () => factory,
    set(f) {
      // Said on the console so that the audit sees both hooks work (it requires this line).
      console.info('netready capture: module factory wrapped, progress recorded');
      factory = typeof f !== 'function' ? f : async (...a) => {
        const mod = await f(...a);
        const start = mod.Check.prototype.start;
        mod.Check.prototype.start = function (json, hooks) {
          return start.call(this, json, { ...hooks, progress: (e) => { events.push(String(e)); hooks.progress(e); } });
        };
        return mod;
      };
    },
  });
}

// null without a directory; else {initScript, console(type, text), save(page)}.
export function pageCapture(dir) {
  if (!dir) return null;
  const lines = [];
  return {
    initScript: recordProgress,
    console: (type, text) => lines.push(`${type}: ${text}\n`),
    async save(page) {
      const got = await page?.evaluate(() => ({
        text: document.body?.innerText ?? '',
        html: document.documentElement.outerHTML,
        progress: (window.__netreadyProgress ?? []).map((e) => `${e}\n`).join(''),
      })).catch(() => null);
      fs.mkdirSync(dir, { recursive: true });
      const files = { 'console.txt': lines.join(''), 'progress.jsonl': got?.progress, 'page.txt': got?.text, 'page.html': got?.html };
      for (const [name, data] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), data ?? '');
    },
  };
}
