// JS facade over the wasm module: load once, run checks, cancel. The page (app.js) and any
// embedding page use only this. Types: netready.d.ts.
// The module carries no words: its report and progress texts come as `*_msg` Text, and the
// English `key` beside each is filled here from the English catalog (the report stays readable
// by tools in one language); `locale` picks the catalog the page shows (messages.mjs).

import { pickLocale, loadCatalog, fillTexts, translator } from './messages.mjs';

function loadScript(url) {
  return new Promise((resolve, reject) => {
    const s = document.createElement('script');
    s.src = url;
    s.async = true;
    s.onload = () => resolve();
    s.onerror = () => reject(new Error(`could not load ${url}`));
    document.head.appendChild(s);
  });
}

// The module's binary, beside its script: the module is built with Emscripten's minimal runtime,
// which leaves loading it to the host.
export async function loadBinary(moduleUrl) {
  const url = new URL('netready.wasm', moduleUrl).href;
  const res = await fetch(url, { credentials: 'same-origin' });
  if (!res.ok) throw new Error(`could not load the checker module from ${url}: HTTP ${res.status}`);
  return res.arrayBuffer();
}

export async function createChecker({ moduleUrl = '/wasm/netready.js', locale } = {}) {
  const absolute = new URL(moduleUrl, document.baseURI).href;
  const shown = pickLocale(locale);
  const catalogs = Promise.all([loadCatalog(absolute, 'en'), shown === 'en' ? null : loadCatalog(absolute, shown)]);
  const binary = loadBinary(absolute);
  binary.catch(() => {});  // awaited below; not an unhandled rejection meanwhile
  if (typeof globalThis.NetreadyModule !== 'function') await loadScript(absolute);
  const [english, localized] = await catalogs;
  const fill = (value) => fillTexts(value, english);
  const wasm = await binary;
  let mod;
  try {
    // A page whose CSP forbids compiling wasm rejects here (CompileError), or throws (EvalError).
    mod = await globalThis.NetreadyModule({ wasm });
  } catch (e) {
    throw new Error(`the check module could not start in this page: ${e && e.message ? e.message : e}`);
  }
  let current = null;

  function run({ profile, onProgress } = {}) {
    if (current) return Promise.reject(new Error('a check is already running'));
    const profileJson =
      profile === undefined || profile === null ? '' : typeof profile === 'string' ? profile : JSON.stringify(profile);
    return new Promise((resolve, reject) => {
      const check = new mod.Check();
      const finish = (fn) => {
        // Deleting the C++ object from inside its own callback would free it under our feet.
        setTimeout(() => {
          check.delete();
          current = null;
          fn();
        }, 0);
      };
      const hooks = {
        sink: check,
        browser: navigator.userAgent,
        startedAt: new Date().toISOString(),
        // Core compares it with the profile's HTTPS origins: the report says which mode ran.
        pageOrigin: typeof location !== 'undefined' ? String(location.origin) : '',
        progress(json) {
          if (onProgress) {
            try {
              onProgress(fill(JSON.parse(json)));
            } catch (e) {
              console.error('netready progress handler failed', e);
            }
          }
        },
        report(json) {
          const report = fill(JSON.parse(json));
          finish(() => resolve(report));
        },
      };
      current = check;
      const error = check.start(profileJson, hooks);
      if (error) {
        check.delete();
        current = null;
        reject(new Error(error));
      }
    });
  }

  return {
    run,
    cancel() {
      if (current) current.cancel();
    },
    validateProfile: (json) => mod.validateProfile(json),
    parseCandidate: (line) => mod.parseCandidate(line),
    parseIceUrl: (url) => mod.parseIceUrl(url),
    defaultProfile: () => JSON.parse(mod.defaultProfile()),
    // The report's words (row ids, titles, statuses, verdicts, headlines, probes), from core.
    vocabulary: () => fill(JSON.parse(mod.vocabulary())),
    // The locale the page shows ("en", "fr") and its words: t(id, ...args) for the page's own,
    // tt(obj, key) for a report text, text(msg) for a Text.
    locale: shown,
    ...translator(localized || english),
    // Core's redaction rule: secrets of a profile, and text with them replaced.
    profileSecrets: (profileJson) => mod.profileSecrets(profileJson),
    redact: (text, secrets) => mod.redact(text, secrets),
  };
}
