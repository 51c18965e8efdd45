// The running view: the headline step text, the progress bar and the step list, driven by the
// checker's onProgress events.

import { el, h } from './dom.js';
import { redact } from './redact.js';
import { probes, probeWords } from './vocabulary.js';
import { t, tt } from './words.js';

let stepOrder = [];
let progress;

// The step list: one item per probe kind core names, in core's order.
export function resetProgress() {
  stepOrder = probes().map((p) => p.id);
  progress = { byStep: {}, done: 0, total: 0 };
  for (const s of stepOrder) progress.byStep[s] = { started: new Set(), finished: new Set() };
  el.runStep.textContent = t('page.progress.getting-ready');
  setBar(0);
  el.steps.replaceChildren(...probes().map((p) => h('li', { 'data-step': p.id },
    h('span', { class: 'step-mark', 'aria-hidden': 'true' }),
    h('span', { class: 'step-name', text: p.name }),
    h('span', { class: 'step-state', text: t('page.progress.waiting') }))));
  el.cancel.disabled = false;
  el.cancel.textContent = t('page.cancel');
}

function setBar(fraction) {
  const pct = Math.max(0, Math.min(100, Math.round(fraction * 100)));
  el.progressBar.style.width = `${pct}%`;
  el.progress.setAttribute('aria-valuenow', String(pct));
}

export function onProgress(event) {
  if (!event || typeof event !== 'object') return;
  if (event.phase === 'verdict') {
    // Answer early: the connectivity verdict while the call is still measured.
    const title = tt(event, 'headline_title');
    el.runStep.textContent = redact(event.final ? t('page.progress.step', title) : t('page.progress.verdict-measuring', title));
    el.runStep.dataset.verdict = String(event.verdict);
    return;
  }
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
      if (!hasMoreToStart()) stateEl.textContent = t('page.progress.not-part');
      continue;
    }
    if (s.finished.size >= s.started.size && !hasMoreToStart()) {
      li.className = 'is-done';
      stateEl.textContent = t('page.progress.done');
    } else {
      li.className = 'is-active';
      stateEl.textContent = s.started.size > 1 ? t('page.progress.n-done', s.finished.size, s.started.size) : t('page.progress.checking');
    }
  }
  // Headline: the step of the latest event while it still has work, else the first unfinished one
  // (probes run in parallel, so this follows where the activity is).
  const unfinished = (s) => {
    const x = progress.byStep[s];
    return x && x.started.size > 0 && x.finished.size < x.started.size;
  };
  const current = unfinished(event.probe) ? event.probe : stepOrder.find(unfinished);
  if (current) {
    const x = progress.byStep[current];
    const step = probeWords(current)?.step || current;
    el.runStep.textContent = x.started.size > 1
      ? t('page.progress.step-n', step, Math.min(x.finished.size + 1, x.started.size), x.started.size)
      : t('page.progress.step', step);
  } else if (progress.total && progress.done >= progress.total) {
    el.runStep.textContent = t('page.progress.putting-together');
  }
}

// While probes are still being started, a step that has finished what it started may get more.
function hasMoreToStart() {
  if (!progress.total) return true;
  let started = 0;
  for (const s of stepOrder) started += progress.byStep[s].started.size;
  return started < progress.total && progress.done < progress.total;
}
