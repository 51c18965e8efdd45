// The call-quality block for IT: the relay loopback call's figures (report key "media") against
// the §5.5.1 table, the MOS, and the relay that carried it. Values come from core; null means
// "not measured" and is shown as such, never as 0.

import { el, h, formatMs } from './dom.js';
import { redact } from './redact.js';
import { capacityWord, mediaKindLabel } from './vocabulary.js';
import { t, tt, formatNumber, formatValue } from './words.js';

const num = (v, unit, digits = 0) => (Number.isFinite(v) ? t(unit, formatNumber(v, digits)) : t('page.media.not-measured'));

export function renderMedia(report) {
  const m = report && typeof report.media === 'object' ? report.media : null;
  el.mediaBlock.hidden = !m;
  if (!m) return;
  const relay = m.relay || {};
  const cap = m.capacity || {};
  const capText = Number.isFinite(cap.kbps)
    ? t(cap.at_ceiling ? 'page.media.at-least-kbps' : 'page.unit.kbps', formatValue(cap.kbps))
    : t('page.media.not-measured');
  const facts = [
    [t('page.media.relay'), `${relay.target || t('page.unknown')}${relay.region ? ` (${relay.region})` : ''}${relay.protocol ? `, ${relay.protocol}` : ''}`],
    [t('page.media.connected-in'), formatMs(m.connect_ms) || t('page.media.not-connected')],
    [t('page.media.mos'), Number.isFinite(m.mos) ? formatNumber(m.mos, 1) : t('page.media.not-measured')],
    [t('page.media.carried'), capText],
  ];
  el.mediaFacts.replaceChildren(...facts.map(([k, v]) => h('div', { class: 'fact' }, h('dt', { text: k }), h('dd', { text: v }))));

  const leg = m.leg || {};
  const loop = m.loopback || {};
  const quality = [
    [t('page.media.loss'), num(leg.loss_pct, 'page.unit.pct', 1), num(loop.loss_pct, 'page.unit.pct', 1)],
    [t('page.media.rtt'), num(leg.rtt_ms, 'page.unit.ms'), num(loop.rtt_ms, 'page.unit.ms')],
    [t('page.media.jitter'), num(leg.jitter_ms, 'page.unit.ms', 1), num(loop.jitter_ms, 'page.unit.ms', 1)],
  ];
  el.mediaQuality.replaceChildren(...quality.map(([k, a, b]) => h('tr', {},
    h('th', { scope: 'row', text: k }), h('td', { text: a }), h('td', { text: b }))));

  const needs = Array.isArray(m.bandwidth) ? m.bandwidth : [];
  el.mediaNeeds.replaceChildren(...needs.map((n) => h('tr', { class: `need need-${n.status}` },
    h('th', { scope: 'row', text: mediaKindLabel(n.kind) || String(n.kind) }),
    h('td', { text: t('page.media.rates', n.nominal_kbps, n.lowest_kbps) }),
    h('td', { text: capText }),
    h('td', { text: capacityWord(n.status) || String(n.status) }))));
  el.mediaArithmetic.textContent = redact(tt(m, 'arithmetic'));
}
