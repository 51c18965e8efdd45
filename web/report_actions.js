// Support actions on the finished view: copy the (redacted) JSON report, with a manual-copy
// fallback, download it as a file, and send it to support (only on the user's click, only where
// the embedder configured an endpoint), which answers a short reference to quote.

import { el, h } from './dom.js';
import { t } from './words.js';

let report = null; // the redacted report last shown

export function setReport(shown) { report = shown; }

function reportJson() {
  return `${JSON.stringify(report, null, 2)}\n`;
}

function flash(message) {
  el.actionStatus.textContent = message;
  clearTimeout(flash.timer);
  flash.timer = setTimeout(() => { el.actionStatus.textContent = ''; }, 6000);
}

export async function copyReport() {
  if (!report) return;
  const text = reportJson();
  try {
    if (!navigator.clipboard || !window.isSecureContext) throw new Error('clipboard unavailable');
    await navigator.clipboard.writeText(text);
    el.copyFallback.hidden = true;
    flash(t('page.action.copied'));
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
      flash(t('page.action.copied'));
    } else {
      flash('');
    }
  }
}

function fileStamp(iso) {
  const d = new Date(iso);
  const when = Number.isNaN(d.getTime()) ? new Date() : d;
  return when.toISOString().replace(/\.\d+Z$/, 'Z').replace(/:/g, '-');
}

export function downloadReport() {
  if (!report) return;
  const blob = new Blob([reportJson()], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: `netready-report-${fileStamp(report.started_at)}.json` });
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
  flash(t('page.action.downloaded'));
}

// POSTs the report shown (redacted: what the user saw) and shows the reference support answers.
export async function sendReport(endpoint) {
  if (!report || !endpoint) return;
  el.send.disabled = true;
  el.sendReference.hidden = true;
  flash(t('page.action.sending'));
  try {
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: reportJson(),
      credentials: 'same-origin',
    });
    const answer = await response.json().catch(() => ({}));
    if (!response.ok || typeof answer.reference !== 'string') {
      throw new Error(answer.error ? String(answer.error) : `HTTP ${response.status}`);
    }
    flash('');
    el.sendReference.textContent = t('page.action.sent', answer.reference);
    el.sendReference.dataset.reference = answer.reference;
    el.sendReference.hidden = false;
  } catch (e) {
    flash(t('page.action.send-failed', String(e && e.message).slice(0, 120)));
    el.send.disabled = false;
  }
}
