// The finished view: the verdict card (icon, headline title and reason, sub text, meta) and, for
// IT, the facts list, the requirements table with its expandable evidence, and the notes. Every
// word of the report's vocabulary is core's (vocabulary.js). The report given here is already
// redacted; h() redacts every text again.

import { el, h, formatMs, formatDate } from './dom.js';
import { redact } from './redact.js';
import { renderMedia } from './render_media.js';
import { statusLabel, verdictSub, schema, originModeLabel } from './vocabulary.js';

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
  if (!page || !page.origin) return 'unknown';
  const label = originModeLabel(page.mode);
  return label ? `${page.origin} (${label})` : String(page.origin);
}

function badge(status) {
  const label = statusLabel(status);
  return h('span', { class: `badge badge-${label ? status : 'unknown'}` },
    h('span', { class: 'badge-mark', 'aria-hidden': 'true' }),
    label || String(status ?? 'Unknown'));
}

// Core gives the headline as title and reason; a report without them (another version) shows
// its one-sentence headline whole.
function headlineParts(report) {
  const title = typeof report.headline_title === 'string' ? report.headline_title.trim() : '';
  if (title) {
    const reason = typeof report.headline_reason === 'string' ? report.headline_reason.trim() : '';
    return { title, reason };
  }
  const whole = typeof report.headline === 'string' ? report.headline.trim() : '';
  return { title: whole || 'The check finished', reason: '' };
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
    ? 'You stopped the check early, so some parts were not tested. Run it again for a complete answer.'
    : (verdictSub(verdict) || 'See the details below.');
  const meta = [];
  if (Number.isFinite(report.elapsed_ms)) meta.push(`Checked in ${formatMs(report.elapsed_ms)}`);
  const when = formatDate(report.started_at);
  if (when) meta.push(when);
  if (report.schema && report.schema !== schema()) meta.push(`report format ${report.schema}`);
  el.verdictMeta.textContent = redact(meta.join(' · '));

  // Facts.
  const facts = [
    ['Best TURN region', report.best_turn_region ? String(report.best_turn_region) : 'None reachable'],
    ['Check duration', formatMs(report.elapsed_ms) || 'unknown'],
    ['Connectivity verdict after', formatMs(report.verdict_ms) || 'not reached'],
    ['Started', when || String(report.started_at ?? 'unknown')],
    ['Profile', report.profile ? String(report.profile) : 'built-in default'],
    ['Browser', report.browser ? String(report.browser) : 'unknown'],
    ['Checked from', pageText(report.page)],
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
  renderMedia(report);
}
