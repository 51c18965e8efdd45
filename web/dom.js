// The page's elements (index.html ids), a createElement helper that redacts every text, and
// duration / date formatting in the page's language. Text is only ever inserted with
// textContent / createElement.

import { redact } from './redact.js';
import { t, formatNumber, intlLocale } from './words.js';

const $ = (id) => document.getElementById(id);
export const el = {
  card: $('card'),
  bookmarkletNotice: $('bookmarklet-notice'),
  views: { idle: $('view-idle'), running: $('view-running'), done: $('view-done'), error: $('view-error') },
  start: $('start'), cancel: $('cancel'), again: $('again'), retry: $('retry'),
  copy: $('copy'), download: $('download'), actionStatus: $('action-status'),
  send: $('send'), sendReference: $('send-reference'), openReport: $('open-report'), openedNotice: $('opened-notice'),
  copyFallback: $('copy-fallback'), copyText: $('copy-text'),
  runStep: $('run-step'), progress: $('progress'), progressBar: $('progress-bar'), steps: $('steps'),
  verdictIcon: $('verdict-icon'), verdictHeadline: $('verdict-headline'), verdictReason: $('verdict-reason'),
  verdictSub: $('verdict-sub'), verdictMeta: $('verdict-meta'),
  errorMessage: $('error-message'),
  details: $('details'), facts: $('facts'), rows: $('requirements-body'),
  notes: $('notes'), notesBlock: $('notes-block'),
  mediaBlock: $('media-block'), mediaFacts: $('media-facts'), mediaQuality: $('media-quality'),
  mediaNeeds: $('media-needs'), mediaArithmetic: $('media-arithmetic'),
  demo: $('demo-ribbon'),
};

export function h(tag, props = {}, ...children) {
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

export function formatMs(ms) {
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) return '';
  if (ms < 1000) return t('page.unit.ms', Math.round(ms));
  if (ms < 60000) return t('page.unit.s', formatNumber(ms / 1000, 1));
  const m = Math.floor(ms / 60000);
  return t('page.unit.min-s', m, Math.round((ms % 60000) / 1000));
}

export function formatDate(iso) {
  const d = new Date(iso);
  if (!iso || Number.isNaN(d.getTime())) return '';
  return d.toLocaleString(intlLocale(), { dateStyle: 'medium', timeStyle: 'short' });
}
