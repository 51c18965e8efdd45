// Development fake of web/netready.mjs: the SAME API, the REAL module for everything but the
// network (vocabulary, profile validation, redaction), and run() replaying a progress stream
// and report that core itself produced in its native golden tests (tests/data/golden/, served
// at /golden/ by web/dev/serve.py). It never diagnoses: every row, status, verdict and headline
// the page shows in fake mode is core's.
//
// Scenarios (?fake=... or window.netreadyConfig.fake): `1`/`degraded` (UDP blocked, calls over
// TCP/TLS: golden tcp-only), `ready`, `blocked` (DNS fails for every web host: blocked-dns),
// `messaging` (blocked-messaging), `no-calls`, `proxy` (proxy-configured), `no-credentials`,
// or any golden name; `slow` (tcp-only over ~60 s: for Cancel and timeouts), `modfail`
// (createChecker rejects), `leak` (the fake misbehaves: one profile credential is put into a
// note, to test the page's leak check and the driver's safety net), `xss` (markup put into
// report strings: must render as text). Cancel resolves with core's golden cancelled report.
// The checker's words (locale, t, tt, text) are the real one's: the goldens carry core's `*_msg`
// Text beside their English, so the page shows them in its language as it would a real run's.

import { createChecker as createRealChecker } from '../netready.mjs';

const ALIASES = { 1: 'tcp-only', true: 'tcp-only', degraded: 'tcp-only', blocked: 'blocked-dns',
  messaging: 'blocked-messaging', proxy: 'proxy-configured', slow: 'tcp-only', leak: 'tcp-only',
  xss: 'tcp-only' };

const sleep = (ms, signal) => new Promise((resolve) => {
  const t = setTimeout(resolve, ms);
  signal?.addEventListener('abort', () => { clearTimeout(t); resolve(); }, { once: true });
});

async function loadGolden(name) {
  if (!/^[a-z0-9-]+$/.test(name)) throw new Error(`unknown fake scenario "${name}"`);
  const response = await fetch(new URL(`/golden/${name}.json`, location.href), { cache: 'no-store' });
  if (!response.ok) throw new Error(`no golden run "${name}" (HTTP ${response.status})`);
  return response.json();
}

// What only a misbehaving checker would do (the real one redacts and never emits markup). The
// bad strings go in as data, in the English key and its Text alike, so every locale shows them.
function misbehave(report, scenario, profile) {
  const put = (obj, key, value) => {
    obj[key] = value;
    obj[`${key}_msg`] = [value];
  };
  if (scenario === 'leak') {
    const secret = (profile?.turn || []).map((t) => t.credential).find((c) => typeof c === 'string' && c);
    if (secret) {
      report.notes.push(`allocated with credential ${secret}`);
      report.notes_msg?.push([`allocated with credential ${secret}`]);
    }
  }
  if (scenario === 'xss') {
    const [first, , third] = report.requirements;
    put(first, 'summary', 'Answered <img src=x id=xss-img> <b id=xss-b>bold</b>');
    if (first.evidence[0]) put(first.evidence[0], 'outcome', '<script id=xss-script>window.xssRan = 1</script>');
    put(third, 'advice', '<a id=xss-a href="javascript:alert(1)">click</a>');
    put(report, 'headline_reason', 'Really. <img src=x id=xss-head>');
  }
  return report;
}

/**
 * Same signature as netready.mjs's createChecker.
 * @param {{moduleUrl?: string, scenario?: string}} [options]
 */
export async function createChecker(options = {}) {
  const params = new URLSearchParams(globalThis.location?.search || '');
  const scenario = String(options.scenario || params.get('fake') || 'degraded');
  if (scenario === 'modfail') {
    throw new Error(`could not load the checker module from ${options.moduleUrl || '/wasm/netready.js'}: HTTP 404`);
  }
  const real = await createRealChecker(options);
  const goldenName = ALIASES[scenario] || scenario;
  const [golden, cancelledGolden] = await Promise.all([loadGolden(goldenName), loadGolden('cancelled')]);
  let current = null;

  return {
    ...real,
    async run({ profile, onProgress } = {}) {
      if (current) throw new Error('a check is already running');
      const profileJson = profile === undefined || profile === null ? ''
        : typeof profile === 'string' ? profile : JSON.stringify(profile);
      const valid = real.validateProfile(profileJson);
      if (!valid.ok) throw new Error(valid.error);
      const controller = new AbortController();
      current = controller;
      const startedAt = new Date().toISOString();
      const t0 = performance.now();
      const span = scenario === 'slow' ? 60000 : 1500;
      const emit = (e) => { try { onProgress?.(e); } catch (err) { console.error(err); } };
      try {
        const events = golden.progress;
        for (let i = 0; i < events.length; i++) {
          await sleep((span / events.length) * (i + 1) - (performance.now() - t0), controller.signal);
          if (controller.signal.aborted) break;
          emit(structuredClone(events[i]));
        }
        const source = controller.signal.aborted ? cancelledGolden : golden;
        const report = structuredClone(source.report);
        // Host-given fields, as the real checker fills them.
        report.profile = JSON.parse(valid.profile).name;
        report.browser = navigator.userAgent;
        report.started_at = startedAt;
        return misbehave(report, scenario, typeof profile === 'string' ? JSON.parse(profile) : profile);
      } finally {
        current = null;
      }
    },
    cancel() {
      current?.abort();
    },
  };
}
