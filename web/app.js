// netready support page: runs the checker (web/netready.mjs, or the dev fake with ?fake=1) and
// renders its report for three audiences: the end user (verdict card), IT (requirements table),
// support (copy / download the JSON report). This module holds the page state and wires it up:
//   config.js          netreadyConfig, ?profile= / ?autostart= / ?fake= / ?lang=, profile and module loading
//   words.js           the page's words in the reader's language (web/messages/page.json) and the
//                      report's (`*_msg` Text), from the catalog next to the module
//   redact.js          the profile's secrets and their redaction (core's rule) from every text
//   vocabulary.js      core's words: row titles, status labels, verdict lines, probe steps
//   dom.js             element lookup, createElement helper, formatting
//   progress.js        the running view
//   render_report.js   the finished view (verdict card, requirements, evidence, notes)
//   report_actions.js  copy / download / send of the report
//   open_report.js     a support engineer opens a report a user sent (file picker or drop)
//
// Rules kept here:
// - The page spells no word itself: static text is marked data-i18n in index.html, the rest is
//   t('page.…'); the report's texts are rendered from its `*_msg` keys (tt), so the report and
//   its JSON stay language-neutral (English keys plus Text).
// - Report and server text is only ever inserted with textContent / createElement: no innerHTML.
// - Works under CSP `default-src 'self'; script-src 'self' 'wasm-unsafe-eval'` (no inline code).
// - Profile credentials are never displayed, logged or put in the DOM: every string shown, copied
//   or downloaded goes through redact(), which replaces the profile's secret values.
//
// Automation hooks:
//   document.body.dataset.state = "idle" | "running" | "done" | "error"
//   window.netreadyLastReport   the last report object, as the checker returned it
//   window.netreadyLastError    the last error message (string, credentials redacted)
//   window.netreadyRedactions   how many credential occurrences were removed from the last report
//   document event "netready:state" with detail {state}
//   document.documentElement.dataset.words = locale, once the page's words are applied

import { useFake, autostart, loadProfile, loadChecker, moduleUrl, wantedLocale } from './config.js';
import { loadWords, applyStatic, locale, t, translate } from './words.js';
import { redact, redactDeep, setSecretsFromProfile, resetRedactionCount, getRedactionCount } from './redact.js';
import { el } from './dom.js';
import { setVocabulary } from './vocabulary.js';
import { resetProgress, onProgress } from './progress.js';
import { renderReport } from './render_report.js';
import { bookmarkletReason, reportEndpoint } from './config.js';
import { setReport, copyReport, downloadReport, sendReport } from './report_actions.js';
import { watchOpenReport } from './open_report.js';

// ---------------------------------------------------------------- state

let state = 'idle';
let checker = null;
let profile;            // undefined: the checker's built-in Rainbow default
let running = false;
let cancelRequested = false;
let lastReport = null;  // as returned by the checker

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
  const message = redact(raw || t('page.error.unknown'));
  window.netreadyLastError = message;
  el.errorMessage.textContent = message;
  console.error(`netready: ${message}`);
  setState('error');
}

// ---------------------------------------------------------------- loading

// The page's words come first (they say what failed, in the reader's language); the module is
// created once and kept; the profile is (re)loaded until it succeeds.
let checkerPromise = null;
let profilePromise = null;
let wordsApplied = false;

function words() {
  return loadWords(moduleUrl, wantedLocale).then((w) => {
    if (!wordsApplied) {
      wordsApplied = true;
      applyStatic(document);
      showBookmarkletNotice();
    }
    return w;
  });
}

async function prepare() {
  await words();
  if (!checkerPromise) {
    checkerPromise = loadChecker(locale).then((c) => { checker = c; return c; });
    checkerPromise.catch(() => { checkerPromise = null; }); // Try again starts over
  }
  if (!profilePromise) {
    profilePromise = loadProfile().then((p) => {
      profile = p;
      return p;
    });
    profilePromise.catch(() => { profilePromise = null; });
  }
  return Promise.all([checkerPromise, profilePromise]).then(([c, p]) => {
    setSecretsFromProfile(c, p);
    setVocabulary(c.vocabulary(), translate);
    return [c, p];
  });
}

// ---------------------------------------------------------------- running

async function start() {
  if (running) return;
  running = true;
  cancelRequested = false;
  el.copyFallback.hidden = true;
  el.actionStatus.textContent = '';
  try {
    await words().catch(() => {}); // a page without its catalog still runs (prepare() says why)
    resetProgress();
    setState('running');
    el.start.blur();
    await prepare();
    resetProgress(); // the step list comes from the module's vocabulary
    if (cancelRequested) {
      setState(lastReport ? 'done' : 'idle');
      return;
    }
    const report = await checker.run({ profile, onProgress });
    if (!report || typeof report !== 'object') throw new Error(t('page.error.no-report'));
    resetRedactionCount();
    const shown = redactDeep(report);
    const redactionCount = getRedactionCount();
    window.netreadyRedactions = redactionCount;
    if (redactionCount > 0) {
      console.error(`netready: the report contained ${redactionCount} credential value(s) from the profile; they were redacted before display.`);
    }
    lastReport = report;
    setReport(shown);
    window.netreadyLastReport = report;
    window.netreadyLastError = undefined;
    renderReport(shown, shown.cancelled === true || cancelRequested);
    el.openedNotice.hidden = true;
    el.send.hidden = !reportEndpoint;
    el.send.disabled = false;
    el.sendReference.hidden = true;
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
  el.cancel.textContent = t('page.cancel.stopping');
  el.runStep.textContent = t('page.progress.stopping');
  try { checker?.cancel(); } catch (e) { console.error(`netready: cancel failed: ${redact(String(e && e.message))}`); }
}

// ---------------------------------------------------------------- wiring

el.start.addEventListener('click', start);
el.again.addEventListener('click', start);
el.retry.addEventListener('click', start);
el.cancel.addEventListener('click', cancel);
el.copy.addEventListener('click', copyReport);
el.download.addEventListener('click', downloadReport);
el.send.addEventListener('click', () => sendReport(reportEndpoint));
// A report opened by support renders exactly as the user saw it (the same renderer); nothing
// runs, nothing is sent.
watchOpenReport(prepare, (report, name) => {
  if (running) return;
  setReport(report);
  window.netreadyLastReport = report;
  renderReport(report, report.cancelled === true);
  el.send.hidden = true;
  el.sendReference.hidden = true;
  el.openedNotice.textContent = redact(t('page.opened', name));
  el.openedNotice.hidden = false;
  setState('done');
}, (message) => showError(new Error(message)));

el.demo.hidden = !useFake;
setState('idle');
// Load the profile and the module in the background so Start is quick; errors show at once.
prepare().catch((err) => { if (!running) showError(err); });
if (autostart) start();

// Opened by the bookmarklet because the page it was clicked on does not allow the check (CSP):
// say why, calmly, and run it here instead (once the page has its words).
function showBookmarkletNotice() {
  if (bookmarkletReason === null) return;
  const { code, data } = bookmarkletReason;
  const why = ['csp', 'load', 'timeout'].includes(code) ? t(`page.bookmarklet-why.${code}`, ...data) : t('page.bookmarklet-refused');
  el.bookmarkletNotice.textContent = t('page.bookmarklet-notice', why);
  el.bookmarkletNotice.hidden = false;
}
