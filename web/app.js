// netready support page: runs the checker (web/netready.mjs, or the dev fake with ?fake=1) and
// renders its report for three audiences: the end user (verdict card), IT (requirements table),
// support (copy / download the JSON report).
//
// Rules kept here:
// - Report and server text is only ever inserted with textContent / createElement: no innerHTML.
// - Works under CSP `default-src 'self'; script-src 'self' 'wasm-unsafe-eval'` (no inline code).
// - Profile credentials are never displayed, logged or put in the DOM: every string shown, copied
//   or downloaded goes through redact(), which replaces the profile's secret values.
//
// Configuration (read once, at load):
//   window.netreadyConfig = { profile, autostart, moduleUrl, fake }   set before this script runs
//   ?profile=/same/origin/profile.json   used when netreadyConfig.profile is not given
//   ?autostart=1                          start immediately
//   ?fake=1 | degraded | ready | blocked | proxy | slow | modfail | leak   use web/dev/fake-netready.mjs
// Automation hooks:
//   document.body.dataset.state = "idle" | "running" | "done" | "error"
//   window.netreadyLastReport   the last report object, as the checker returned it
//   window.netreadyLastError    the last error message (string, credentials redacted)
//   window.netreadyRedactions   how many credential occurrences were removed from the last report
//   document event "netready:state" with detail {state}

const cfg = (window.netreadyConfig && typeof window.netreadyConfig === 'object') ? window.netreadyConfig : {};
const params = new URLSearchParams(location.search);
const DEFAULT_MODULE_URL = '/wasm/netready.js';

const fakeParam = cfg.fake !== undefined && cfg.fake !== false ? String(cfg.fake === true ? '1' : cfg.fake) : params.get('fake');
const useFake = fakeParam !== null && fakeParam !== '0' && fakeParam !== 'false';
const moduleUrl = typeof cfg.moduleUrl === 'string' && cfg.moduleUrl ? cfg.moduleUrl : DEFAULT_MODULE_URL;
const autostart = cfg.autostart === true || params.get('autostart') === '1' || params.get('autostart') === 'true';

const $ = (id) => document.getElementById(id);
const el = {
  card: $('card'),
  views: { idle: $('view-idle'), running: $('view-running'), done: $('view-done'), error: $('view-error') },
  start: $('start'), cancel: $('cancel'), again: $('again'), retry: $('retry'),
  copy: $('copy'), download: $('download'), actionStatus: $('action-status'),
  copyFallback: $('copy-fallback'), copyText: $('copy-text'),
  runStep: $('run-step'), progress: $('progress'), progressBar: $('progress-bar'), steps: $('steps'),
  verdictIcon: $('verdict-icon'), verdictHeadline: $('verdict-headline'), verdictReason: $('verdict-reason'),
  verdictSub: $('verdict-sub'), verdictMeta: $('verdict-meta'),
  errorMessage: $('error-message'),
  details: $('details'), facts: $('facts'), rows: $('requirements-body'),
  notes: $('notes'), notesBlock: $('notes-block'),
  demo: $('demo-ribbon'),
};

// ---------------------------------------------------------------- secrets and redaction

const SECRET_KEYS = /^(user(name)?|credential|password|passwd|secret|token|access_?token|api_?key|authorization|auth)$/i;
let secrets = [];

// Every string value under a secret-looking key, anywhere in the profile.
function collectSecrets(value, out = new Set()) {
  if (Array.isArray(value)) {
    value.forEach((v) => collectSecrets(v, out));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (SECRET_KEYS.test(k) && (typeof v === 'string' || typeof v === 'number') && String(v) !== '') out.add(String(v));
      else collectSecrets(v, out);
    }
  }
  return out;
}

let redactionCount = 0;

// Replaces secret values in a string. Secrets shorter than 4 characters are only replaced when
// they are the whole string (replacing them inside words would mangle every text).
function redact(text) {
  if (typeof text !== 'string' || secrets.length === 0) return text;
  let out = text;
  for (const s of secrets) {
    if (s.length >= 4) {
      if (out.includes(s)) {
        redactionCount += out.split(s).length - 1;
        out = out.split(s).join('[redacted]');
      }
    } else if (out === s) {
      redactionCount += 1;
      out = '[redacted]';
    }
  }
  return out;
}

function redactDeep(value) {
  if (typeof value === 'string') return redact(value);
  if (Array.isArray(value)) return value.map(redactDeep);
  if (value && typeof value === 'object') {
    const out = {};
    for (const [k, v] of Object.entries(value)) out[k] = redactDeep(v);
    return out;
  }
  return value;
}

// ---------------------------------------------------------------- small DOM helpers

function h(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k === 'text') node.textContent = redact(String(v));
    else if (k.startsWith('data-') || k.startsWith('aria-') || k === 'scope' || k === 'colspan' || k === 'id' || k === 'type') node.setAttribute(k, String(v));
    else node[k] = v;
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    node.append(typeof c === 'string' ? document.createTextNode(redact(c)) : c);
  }
  return node;
}

const SVG_NS = 'http://www.w3.org/2000/svg';
const ICON_PATHS = {
  ready: 'M7 12.5l3.2 3.2L17 8.8',
  degraded: 'M12 7v6.2M12 16.6v.4',
  blocked: 'M8.5 8.5l7 7M15.5 8.5l-7 7',
  unknown: 'M12 7v6.2M12 16.6v.4',
};

function icon(kind) {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  const path = document.createElementNS(SVG_NS, 'path');
  path.setAttribute('d', ICON_PATHS[kind] || ICON_PATHS.unknown);
  path.setAttribute('fill', 'none');
  path.setAttribute('stroke', 'currentColor');
  path.setAttribute('stroke-width', '2.6');
  path.setAttribute('stroke-linecap', 'round');
  path.setAttribute('stroke-linejoin', 'round');
  svg.append(path);
  return svg;
}

function formatMs(ms) {
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) return '';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60000) return `${(ms / 1000).toFixed(1)} s`;
  const m = Math.floor(ms / 60000);
  return `${m} min ${Math.round((ms % 60000) / 1000)} s`;
}

function formatDate(iso) {
  const d = new Date(iso);
  if (!iso || Number.isNaN(d.getTime())) return '';
  return d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

// ---------------------------------------------------------------- state

let state = 'idle';
let checker = null;
let profile;            // undefined: the checker's built-in Rainbow default
let running = false;
let cancelRequested = false;
let lastReport = null;  // as returned by the checker
let lastShownReport = null; // redacted copy used for display, copy and download

function setState(next) {
  state = next;
  document.body.dataset.state = next;
  for (const [name, view] of Object.entries(el.views)) view.hidden = name !== next;
  el.start.disabled = next === 'running';
  el.again.disabled = next === 'running';
  el.retry.disabled = next === 'running';
  el.details.hidden = next !== 'done';
  document.dispatchEvent(new CustomEvent('netready:state', { detail: { state: next } }));
}

function showError(err) {
  const raw = err instanceof Error ? err.message : String(err);
  const message = redact(raw || 'Unknown error.');
  window.netreadyLastError = message;
  el.errorMessage.textContent = message;
  console.error(`netready: ${message}`);
  setState('error');
}

// ---------------------------------------------------------------- loading

async function loadProfile() {
  if (cfg.profile !== undefined && cfg.profile !== null) return cfg.profile;
  const ref = params.get('profile');
  if (!ref) return undefined;
  let url;
  try {
    url = new URL(ref, location.href);
  } catch {
    throw new Error('The profile address in ?profile= is not a valid URL.');
  }
  if (url.origin !== location.origin) {
    throw new Error(`The profile must come from this site (${location.origin}); ${url.origin} is not allowed.`);
  }
  let response;
  try {
    response = await fetch(url, { credentials: 'same-origin', cache: 'no-store' });
  } catch {
    throw new Error(`Could not load the profile ${url.pathname}: the request failed.`);
  }
  if (!response.ok) throw new Error(`Could not load the profile ${url.pathname}: HTTP ${response.status}.`);
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch (e) {
    // V8's message quotes the source around the error, which may be a credential: position only.
    const at = /position (\d+)/.exec(String(e && e.message));
    throw new Error(`The profile ${url.pathname} is not valid JSON${at ? ` (at character ${at[1]})` : ''}.`);
  }
}

async function loadChecker() {
  const path = useFake ? './dev/fake-netready.mjs' : './netready.mjs';
  let mod;
  try {
    mod = await import(path);
  } catch (e) {
    throw new Error(`The checker could not be loaded (${path.replace('./', '')}): ${e.message}`);
  }
  if (typeof mod.createChecker !== 'function') throw new Error(`${path} does not export createChecker.`);
  try {
    return await mod.createChecker({ moduleUrl });
  } catch (e) {
    // Embind under a strict CSP may throw synchronously (EvalError); async wrapping catches both.
    throw new Error(`The checker module failed to start: ${e && e.message ? e.message : e}`);
  }
}

// The module is created once and kept; the profile is (re)loaded until it succeeds.
let checkerPromise = null;
let profilePromise = null;

function prepare() {
  if (!checkerPromise) {
    checkerPromise = loadChecker().then((c) => { checker = c; return c; });
    checkerPromise.catch(() => { checkerPromise = null; }); // Try again starts over
  }
  if (!profilePromise) {
    profilePromise = loadProfile().then((p) => {
      profile = p;
      secrets = [...collectSecrets(p)].sort((a, b) => b.length - a.length);
      return p;
    });
    profilePromise.catch(() => { profilePromise = null; });
  }
  return Promise.all([checkerPromise, profilePromise]);
}

// ---------------------------------------------------------------- progress

const STEP_TEXT = {
  https: (n) => `Checking secure web access${n}…`,
  'xmpp-wss': (n) => `Checking messaging connection${n}…`,
  ice: (n) => `Checking call servers${n}…`,
};
const STEP_ORDER = ['https', 'xmpp-wss', 'ice'];
let progress;

function resetProgress() {
  progress = { byStep: {}, done: 0, total: 0 };
  for (const s of STEP_ORDER) progress.byStep[s] = { started: new Set(), finished: new Set() };
  el.runStep.textContent = 'Getting ready…';
  setBar(0);
  for (const li of el.steps.children) {
    li.className = '';
    li.querySelector('.step-state').textContent = 'Waiting';
  }
  el.cancel.disabled = false;
  el.cancel.textContent = 'Cancel';
}

function setBar(fraction) {
  const pct = Math.max(0, Math.min(100, Math.round(fraction * 100)));
  el.progressBar.style.width = `${pct}%`;
  el.progress.setAttribute('aria-valuenow', String(pct));
}

function onProgress(event) {
  if (!event || typeof event !== 'object') return;
  const step = progress.byStep[event.probe];
  const target = typeof event.target === 'string' ? event.target : '';
  if (step) {
    if (event.phase === 'started') step.started.add(target);
    if (event.phase === 'finished') { step.started.add(target); step.finished.add(target); }
  }
  if (Number.isFinite(event.total) && event.total > 0) {
    progress.total = event.total;
    progress.done = Number.isFinite(event.done) ? event.done : progress.done;
    setBar(progress.done / progress.total);
  }
  // Step list.
  for (const li of el.steps.children) {
    const s = progress.byStep[li.dataset.step];
    const stateEl = li.querySelector('.step-state');
    if (!s) continue;
    if (s.started.size === 0) {
      if (!hasMoreToStart()) stateEl.textContent = 'Not part of this check';
      continue;
    }
    if (s.finished.size >= s.started.size && !hasMoreToStart()) {
      li.className = 'is-done';
      stateEl.textContent = 'Done';
    } else {
      li.className = 'is-active';
      stateEl.textContent = s.started.size > 1 ? `${s.finished.size} of ${s.started.size} done` : 'Checking';
    }
  }
  // Headline: the step of the latest event while it still has work, else the first unfinished one
  // (probes run in parallel, so this follows where the activity is).
  const unfinished = (s) => {
    const x = progress.byStep[s];
    return x && x.started.size > 0 && x.finished.size < x.started.size;
  };
  const current = unfinished(event.probe) ? event.probe : STEP_ORDER.find(unfinished);
  if (current) {
    const x = progress.byStep[current];
    const n = x.started.size > 1 ? ` (${Math.min(x.finished.size + 1, x.started.size)} of ${x.started.size})` : '';
    el.runStep.textContent = STEP_TEXT[current](n);
  } else if (progress.total && progress.done >= progress.total) {
    el.runStep.textContent = 'Putting the results together…';
  }
}

// While probes are still being started, a step that has finished what it started may get more.
function hasMoreToStart() {
  if (!progress.total) return true;
  let started = 0;
  for (const s of STEP_ORDER) started += progress.byStep[s].started.size;
  return started < progress.total && progress.done < progress.total;
}

// ---------------------------------------------------------------- running

async function start() {
  if (running) return;
  running = true;
  cancelRequested = false;
  el.copyFallback.hidden = true;
  el.actionStatus.textContent = '';
  resetProgress();
  setState('running');
  el.start.blur();
  try {
    await prepare();
    if (cancelRequested) {
      setState(lastReport ? 'done' : 'idle');
      return;
    }
    const report = await checker.run({ profile, onProgress });
    if (!report || typeof report !== 'object') throw new Error('The checker returned no report.');
    redactionCount = 0;
    const shown = redactDeep(report);
    window.netreadyRedactions = redactionCount;
    if (redactionCount > 0) {
      console.error(`netready: the report contained ${redactionCount} credential value(s) from the profile; they were redacted before display.`);
    }
    lastReport = report;
    lastShownReport = shown;
    window.netreadyLastReport = report;
    window.netreadyLastError = undefined;
    renderReport(shown, cancelRequested);
    setState('done');
  } catch (err) {
    showError(err);
  } finally {
    running = false;
  }
}

function cancel() {
  if (!running) return;
  cancelRequested = true;
  el.cancel.disabled = true;
  el.cancel.textContent = 'Stopping…';
  el.runStep.textContent = 'Stopping the check…';
  try { checker?.cancel(); } catch (e) { console.error(`netready: cancel failed: ${redact(String(e && e.message))}`); }
}

// ---------------------------------------------------------------- rendering

const VERDICTS = {
  ready: {
    title: 'Rainbow will work here',
    sub: 'Messaging, presence and audio/video calls can connect from this network.',
  },
  degraded: {
    title: 'Rainbow will work, but calls may be limited',
    sub: 'Messaging and presence work. Calls will connect, but sound and video may be lower quality on this network. The details below tell your IT team what to change.',
  },
  blocked: {
    title: 'Rainbow cannot connect from this network',
    sub: 'Something on this network is stopping Rainbow. Please send the report to your IT team or Rainbow support; the details below show what to change.',
  },
};

// Plain reasons, used only when the report carries no headline.
const REASONS = {
  https: 'secure web access is blocked',
  'xmpp-wss': 'the messaging connection is blocked',
  'turn-udp': 'calls cannot use their fastest path',
  'turn-tcp': 'some call servers cannot be reached',
  'turn-tls': 'some call servers cannot be reached',
  media: 'sound and video could not flow',
  bandwidth: 'the connection is slow for video',
  'proxy-websocket': 'the web proxy blocks the messaging connection',
  'proxy-turn': 'the web proxy blocks call traffic',
};

function fallbackHeadline(report) {
  const v = VERDICTS[report.verdict];
  if (!v) return 'The check finished';
  if (report.verdict === 'ready') return `${v.title}.`;
  const rows = Array.isArray(report.requirements) ? report.requirements : [];
  const bad = rows.find((r) => r && r.status === 'fail') || rows.find((r) => r && r.status === 'warn');
  const reason = bad && REASONS[bad.id];
  return reason ? `${v.title}: ${reason}.` : `${v.title}.`;
}

const STATUS_LABEL = { pass: 'Pass', warn: 'Warning', fail: 'Fail', skipped: 'Skipped' };

function badge(status) {
  const known = Object.hasOwn(STATUS_LABEL, status);
  return h('span', { class: `badge badge-${known ? status : 'unknown'}` },
    h('span', { class: 'badge-mark', 'aria-hidden': 'true' }),
    known ? STATUS_LABEL[status] : String(status ?? 'Unknown'));
}

function renderReport(report, cancelled) {
  const verdict = Object.hasOwn(VERDICTS, report.verdict) ? report.verdict : 'unknown';
  el.card.className = `card verdict-${verdict}`;
  el.verdictIcon.replaceChildren(icon(verdict));
  // "Rainbow will work, but calls may be limited: UDP is blocked." is shown as a large first part
  // and the reason under it.
  const headline = redact(typeof report.headline === 'string' && report.headline.trim()
    ? report.headline.trim() : fallbackHeadline(report));
  const colon = headline.indexOf(': ');
  if (colon > 0 && colon < headline.length - 2) {
    el.verdictHeadline.textContent = headline.slice(0, colon);
    const reason = headline.slice(colon + 2);
    el.verdictReason.textContent = reason.charAt(0).toUpperCase() + reason.slice(1);
    el.verdictReason.hidden = false;
  } else {
    el.verdictHeadline.textContent = headline;
    el.verdictReason.textContent = '';
    el.verdictReason.hidden = true;
  }
  el.verdictSub.textContent = cancelled
    ? 'You stopped the check early, so some parts were not tested. Run it again for a complete answer.'
    : (VERDICTS[verdict]?.sub || 'See the details below.');
  const meta = [];
  if (Number.isFinite(report.elapsed_ms)) meta.push(`Checked in ${formatMs(report.elapsed_ms)}`);
  const when = formatDate(report.started_at);
  if (when) meta.push(when);
  if (report.schema && report.schema !== 'netready.report/1') meta.push(`report format ${report.schema}`);
  el.verdictMeta.textContent = redact(meta.join(' · '));

  // Facts.
  const facts = [
    ['Best TURN region', report.best_turn_region ? String(report.best_turn_region) : 'None reachable'],
    ['Check duration', formatMs(report.elapsed_ms) || 'unknown'],
    ['Started', when || String(report.started_at ?? 'unknown')],
    ['Profile', report.profile ? String(report.profile) : 'built-in default'],
    ['Browser', report.browser ? String(report.browser) : 'unknown'],
  ];
  el.facts.replaceChildren(...facts.map(([k, v]) => h('div', { class: 'fact' }, h('dt', { text: k }), h('dd', { text: v }))));

  // Requirements.
  const rows = Array.isArray(report.requirements) ? report.requirements : [];
  const trs = [];
  rows.forEach((r, i) => {
    if (!r || typeof r !== 'object') return;
    const evidence = Array.isArray(r.evidence) ? r.evidence : [];
    const evId = `evidence-${i}`;
    const toggle = evidence.length
      ? h('button', { type: 'button', class: 'evidence-toggle', 'aria-expanded': 'false', 'aria-controls': evId },
        `Evidence (${evidence.length})`)
      : h('span', { class: 'no-evidence', text: 'No evidence' });
    const result = h('td', { class: 'col-result' },
      h('p', { class: 'summary', text: r.summary || '' }),
      r.advice ? h('p', { class: 'advice' }, h('strong', { text: 'What to change: ' }), r.advice) : null);
    const tr = h('tr', { class: `req req-${r.status}`, 'data-id': r.id },
      h('td', { class: 'col-status' }, badge(r.status)),
      h('td', { class: 'col-title' }, h('span', { class: 'req-title', text: r.title || r.id || '' }),
        h('code', { class: 'req-id', text: r.id || '' })),
      h('td', { class: 'col-section', text: r.section || '' }),
      result,
      h('td', { class: 'col-evidence' }, toggle));
    trs.push(tr);
    if (evidence.length) {
      const evTable = h('table', { class: 'evidence' },
        h('thead', {}, h('tr', {},
          h('th', { scope: 'col', text: 'Target' }), h('th', { scope: 'col', text: 'Outcome' }),
          h('th', { scope: 'col', text: 'Status' }), h('th', { scope: 'col', text: 'Time' }))),
        h('tbody', {}, evidence.map((e) => h('tr', {},
          h('td', { class: 'ev-target' }, h('code', { text: e?.target ?? '' })),
          h('td', { class: 'ev-outcome' }, e?.outcome ?? '',
            e?.detail ? h('span', { class: 'ev-detail', text: e.detail }) : null),
          h('td', { class: 'ev-status' }, badge(e?.status)),
          h('td', { class: 'ev-time', text: formatMs(e?.elapsed_ms) || '—' })))));
      const evRow = h('tr', { class: 'evidence-row', id: evId, hidden: true },
        h('td', { colspan: 5 }, evTable));
      toggle.addEventListener('click', () => {
        const open = toggle.getAttribute('aria-expanded') === 'true';
        toggle.setAttribute('aria-expanded', String(!open));
        evRow.hidden = open;
      });
      trs.push(evRow);
    }
  });
  el.rows.replaceChildren(...trs);

  // Notes.
  const notes = Array.isArray(report.notes) ? report.notes.filter((n) => typeof n === 'string' && n) : [];
  el.notes.replaceChildren(...notes.map((n) => h('li', { text: n })));
  el.notesBlock.hidden = notes.length === 0;
}

// ---------------------------------------------------------------- support actions

function reportJson() {
  return `${JSON.stringify(lastShownReport, null, 2)}\n`;
}

function flash(message) {
  el.actionStatus.textContent = message;
  clearTimeout(flash.timer);
  flash.timer = setTimeout(() => { el.actionStatus.textContent = ''; }, 6000);
}

async function copyReport() {
  if (!lastShownReport) return;
  const text = reportJson();
  try {
    if (!navigator.clipboard || !window.isSecureContext) throw new Error('clipboard unavailable');
    await navigator.clipboard.writeText(text);
    el.copyFallback.hidden = true;
    flash('Report copied. Paste it into your message to support.');
  } catch {
    // No async clipboard (e.g. plain http on a LAN): try the legacy copy command on a textarea,
    // and leave the textarea visible for a manual copy if that fails too.
    el.copyText.value = text;
    el.copyFallback.hidden = false;
    el.copyText.focus();
    el.copyText.select();
    let copied = false;
    try { copied = document.execCommand('copy'); } catch { copied = false; }
    el.copyText.scrollTop = 0;
    if (copied) {
      el.copyFallback.hidden = true;
      flash('Report copied. Paste it into your message to support.');
    } else {
      flash('');
    }
  }
}

function fileStamp(iso) {
  const d = new Date(iso);
  const t = Number.isNaN(d.getTime()) ? new Date() : d;
  return t.toISOString().replace(/\.\d+Z$/, 'Z').replace(/:/g, '-');
}

function downloadReport() {
  if (!lastShownReport) return;
  const blob = new Blob([reportJson()], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: `netready-report-${fileStamp(lastShownReport.started_at)}.json` });
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
  flash('Report downloaded.');
}

// ---------------------------------------------------------------- wiring

el.start.addEventListener('click', start);
el.again.addEventListener('click', start);
el.retry.addEventListener('click', start);
el.cancel.addEventListener('click', cancel);
el.copy.addEventListener('click', copyReport);
el.download.addEventListener('click', downloadReport);

el.demo.hidden = !useFake;
setState('idle');
// Load the profile and the module in the background so Start is quick; errors show at once.
prepare().catch((err) => { if (!running) showError(err); });
if (autostart) start();
