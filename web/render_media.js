// The call-quality block for IT: the relay loopback call's figures (report key "media") against
// the §5.5.1 table, the MOS, and the relay that carried it. Values come from core; null means
// "not measured" and is shown as such, never as 0.

import { el, h, formatMs } from './dom.js';
import { capacityWord, mediaKindLabel } from './vocabulary.js';

const num = (v, unit, digits = 0) => (Number.isFinite(v) ? `${v.toFixed(digits)} ${unit}` : 'not measured');

export function renderMedia(report) {
  const m = report && typeof report.media === 'object' ? report.media : null;
  el.mediaBlock.hidden = !m;
  if (!m) return;
  const relay = m.relay || {};
  const cap = m.capacity || {};
  const capText = Number.isFinite(cap.kbps) ? `${cap.at_ceiling ? 'at least ' : ''}${cap.kbps} kbit/s` : 'not measured';
  const facts = [
    ['Relay used', `${relay.target || 'unknown'}${relay.region ? ` (${relay.region})` : ''}${relay.protocol ? `, ${relay.protocol}` : ''}`],
    ['Connected in', formatMs(m.connect_ms) || 'not connected'],
    ['Call quality (MOS, 1-4.5)', Number.isFinite(m.mos) ? m.mos.toFixed(1) : 'not measured'],
    ['Link carried', capText],
  ];
  el.mediaFacts.replaceChildren(...facts.map(([k, v]) => h('div', { class: 'fact' }, h('dt', { text: k }), h('dd', { text: v }))));

  const leg = m.leg || {};
  const loop = m.loopback || {};
  const quality = [
    ['Packet loss', num(leg.loss_pct, '%', 1), num(loop.loss_pct, '%', 1)],
    ['Round trip', num(leg.rtt_ms, 'ms'), num(loop.rtt_ms, 'ms')],
    ['Jitter', num(leg.jitter_ms, 'ms', 1), num(loop.jitter_ms, 'ms', 1)],
  ];
  el.mediaQuality.replaceChildren(...quality.map(([k, a, b]) => h('tr', {},
    h('th', { scope: 'row', text: k }), h('td', { text: a }), h('td', { text: b }))));

  const needs = Array.isArray(m.bandwidth) ? m.bandwidth : [];
  el.mediaNeeds.replaceChildren(...needs.map((n) => h('tr', { class: `need need-${n.status}` },
    h('th', { scope: 'row', text: mediaKindLabel(n.kind) || String(n.kind) }),
    h('td', { text: `${n.nominal_kbps} / ${n.lowest_kbps} kbit/s` }),
    h('td', { text: capText }),
    h('td', { text: capacityWord(n.status) || String(n.status) }))));
  el.mediaArithmetic.textContent = typeof m.arithmetic === 'string' ? m.arithmetic : '';
}
