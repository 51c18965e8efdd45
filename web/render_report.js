// The finished view: the verdict card (icon, headline, reason, sub text, meta) and, for IT, the
// facts list, the requirements table with its expandable evidence, and the notes. The report
// given here is already redacted; h() redacts every text again.

import { el, h, formatMs, formatDate } from './dom.js';
import { redact } from './redact.js';
import { renderMedia } from './render_media.js';

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

export function renderReport(report, cancelled) {
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
  renderMedia(report);
}
