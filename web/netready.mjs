// JS facade over the wasm module: load once, run checks, cancel. The page (app.js) and any
// embedding page use only this. Types: netready.d.ts.

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

export async function createChecker({ moduleUrl = '/wasm/netready.js' } = {}) {
  const absolute = new URL(moduleUrl, document.baseURI).href;
  if (typeof globalThis.NetreadyModule !== 'function') await loadScript(absolute);
  let mod;
  try {
    // The factory throws synchronously (EvalError) on a page whose CSP forbids what it needs.
    mod = await globalThis.NetreadyModule({ locateFile: (p) => new URL(p, absolute).href });
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
              onProgress(JSON.parse(json));
            } catch (e) {
              console.error('netready progress handler failed', e);
            }
          }
        },
        report(json) {
          const report = JSON.parse(json);
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
    vocabulary: () => JSON.parse(mod.vocabulary()),
    // Core's redaction rule: secrets of a profile, and text with them replaced.
    profileSecrets: (profileJson) => mod.profileSecrets(profileJson),
    redact: (text, secrets) => mod.redact(text, secrets),
  };
}
