// Support actions on the finished view: copy the (redacted) JSON report, with a manual-copy
// fallback, and download it as a file.

import { el, h } from './dom.js';

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
  flash('Report downloaded.');
}
