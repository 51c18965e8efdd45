// The finished view: the verdict card (icon, headline title and reason, sub text, meta) and, for
// IT, the facts list, the requirements table with its expandable evidence, and the notes, in the
// reader's language: the report's texts from their `*_msg` Text (tt), the page's own words from
// web/messages/page.json (t); a report without `*_msg` keys shows its English. Every word of the
// report's vocabulary is core's (vocabulary.js). The report given here is already redacted; h()
// redacts every text again.

import { el, h, formatMs, formatDate } from './dom.js';
import { redact } from './redact.js';
import { renderMedia } from './render_media.js';
import { statusLabel, verdictSub, schema, originModeLabel } from './vocabulary.js';
import { t, tt, text } from './words.js';

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

function pageText(page) {
  if (!page || !page.origin) return t('page.unknown');
  const label = originModeLabel(page.mode);
  return label ? `${page.origin} (${label})` : String(page.origin);
}

function badge(status) {
  const label = statusLabel(status);
  return h('span', { class: `badge badge-${label ? status : 'unknown'}` },
    h('span', { class: 'badge-mark', 'aria-hidden': 'true' }),
    label || String(status ?? t('page.status-unknown')));
}

// Core gives the headline as title and reason; a report without them (another version) shows
// its one-sentence headline whole.
function headlineParts(report) {
  const title = tt(report, 'headline_title').trim();
  if (title) return { title, reason: tt(report, 'headline_reason').trim() };
  const whole = tt(report, 'headline').trim();
  return { title: whole || t('page.headline.finished'), reason: '' };
}

// The notes: each from its Text in notes_msg, else as written in notes (an older report, or a
// note the Text list lacks).
function noteTexts(report) {
  const notes = Array.isArray(report.notes) ? report.notes : [];
  const msgs = Array.isArray(report.notes_msg) ? report.notes_msg : [];
  const out = [];
  for (let i = 0; i < Math.max(notes.length, msgs.length); i++) {
    const n = Array.isArray(msgs[i]) ? text(msgs[i]) : notes[i];
    if (typeof n === 'string' && n) out.push(n);
  }
  return out;
}

export function renderReport(report, cancelled) {
  const verdict = verdictSub(report.verdict) !== undefined ? report.verdict : 'unknown';
  el.card.className = `card verdict-${verdict}`;
  el.verdictIcon.replaceChildren(icon(verdict));
  const { title, reason } = headlineParts(report);
  el.verdictHeadline.textContent = redact(title);
  el.verdictReason.textContent = redact(reason);
  el.verdictReason.hidden = reason === '';
  el.verdictSub.textContent = cancelled
    ? t('page.cancelled-sub')
    : (verdictSub(verdict) || t('page.see-details'));
  const meta = [];
  if (Number.isFinite(report.elapsed_ms)) meta.push(t('page.meta.checked-in', formatMs(report.elapsed_ms)));
  const when = formatDate(report.started_at);
  if (when) meta.push(when);
  if (report.schema && report.schema !== schema()) meta.push(t('page.meta.format', report.schema));
  el.verdictMeta.textContent = redact(meta.join(' · '));

  // Facts.
  const facts = [
    [t('page.fact.best-region'), report.best_turn_region ? String(report.best_turn_region) : t('page.fact.none-reachable')],
    [t('page.fact.duration'), formatMs(report.elapsed_ms) || t('page.unknown')],
    [t('page.fact.verdict-after'), formatMs(report.verdict_ms) || t('page.fact.not-reached')],
    [t('page.fact.started'), when || String(report.started_at ?? t('page.unknown'))],
    [t('page.fact.profile'), report.profile ? String(report.profile) : t('page.fact.default-profile')],
    [t('page.fact.browser'), report.browser ? String(report.browser) : t('page.unknown')],
    [t('page.fact.checked-from'), pageText(report.page)],
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
        t('page.evidence.toggle', evidence.length))
      : h('span', { class: 'no-evidence', text: t('page.evidence.none') });
    const advice = tt(r, 'advice');
    const result = h('td', { class: 'col-result' },
      h('p', { class: 'summary', text: tt(r, 'summary') }),
      advice ? h('p', { class: 'advice' }, h('strong', { text: t('page.advice-label') }), advice) : null);
    const tr = h('tr', { class: `req req-${r.status}`, 'data-id': r.id },
      h('td', { class: 'col-status' }, badge(r.status)),
      h('td', { class: 'col-title' }, h('span', { class: 'req-title', text: tt(r, 'title') || r.id || '' }),
        h('code', { class: 'req-id', text: r.id || '' })),
      h('td', { class: 'col-section', text: tt(r, 'section') }),
      result,
      h('td', { class: 'col-evidence' }, toggle));
    trs.push(tr);
    if (evidence.length) {
      const evTable = h('table', { class: 'evidence' },
        h('thead', {}, h('tr', {},
          h('th', { scope: 'col', text: t('page.evidence.target') }), h('th', { scope: 'col', text: t('page.evidence.outcome') }),
          h('th', { scope: 'col', text: t('page.col.status') }), h('th', { scope: 'col', text: t('page.evidence.time') }))),
        h('tbody', {}, evidence.map((e) => h('tr', {},
          h('td', { class: 'ev-target' }, h('code', { text: tt(e, 'target') })),
          h('td', { class: 'ev-outcome' }, tt(e, 'outcome'),
            tt(e, 'detail') ? h('span', { class: 'ev-detail', text: tt(e, 'detail') }) : null),
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
  const notes = noteTexts(report);
  el.notes.replaceChildren(...notes.map((n) => h('li', { text: n })));
  el.notesBlock.hidden = notes.length === 0;
  renderMedia(report);
}
