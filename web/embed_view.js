// What createNetready renders into the embedder's element: the headline, the rows and a Cancel
// button, in a shadow root so neither the host page's styles nor ours leak. Text only (no
// innerHTML of report data): the report's words are core's, redacted by core.
import { setVocabulary, statusLabel } from './vocabulary.js';

export function createView(element, checker, cancel) {
  setVocabulary(checker.vocabulary()); // status labels as the page has them, from core
  const root = element.shadowRoot ?? element.attachShadow({ mode: 'open' });
  root.innerHTML = `<style>
    :host { display: block; font: 15px/1.45 system-ui, sans-serif; color: #1d2939; }
    h2 { font-size: 18px; margin: 0 0 4px; } p { margin: 0 0 8px; color: #475467; }
    ul { list-style: none; padding: 0; margin: 0 0 8px; } li { padding: 4px 0; border-top: 1px solid #eaecf0; }
    .st { display: inline-block; min-width: 70px; font-weight: 600; }
    button { font: inherit; border: 1px solid #d0d5dd; background: #fff; border-radius: 8px; padding: 4px 10px; }
  </style><h2 part="headline">Network check</h2><p part="state">Ready to check this network.</p>
  <ul part="rows"></ul><button class="cancel" hidden>Cancel</button>`;
  const [headline, state, rows, button] = ['h2', 'p', 'ul', 'button'].map((s) => root.querySelector(s));
  button.addEventListener('click', cancel);
  const set = (s) => { element.dataset.netreadyState = s; };
  set('idle');
  return {
    running() {
      set('running');
      headline.textContent = 'Checking this network…';
      state.textContent = '';
      rows.replaceChildren();
      button.hidden = false;
    },
    progress(event) {
      if (event.phase === 'verdict') state.textContent = `${event.headline_title} — measuring call quality…`;
      else if (event.phase === 'finished') state.textContent = `${event.done} of ${event.total} checks done`;
    },
    result(report) {
      button.hidden = true;
      headline.textContent = report.headline_title;
      state.textContent = report.headline_reason;
      rows.replaceChildren(...report.requirements.map((r) => {
        const li = document.createElement('li');
        const st = document.createElement('span');
        st.className = 'st';
        st.textContent = statusLabel(r.status) ?? r.status;
        li.append(st, `${r.title}: ${r.summary}`);
        return li;
      }));
      element.dataset.netreadyVerdict = report.verdict;
      set('done');
    },
    failed(e) {
      button.hidden = true;
      headline.textContent = 'The check could not run';
      state.textContent = String(e?.message ?? e);
      set('failed');
    },
    remove() {
      root.replaceChildren();
      delete element.dataset.netreadyState;
      delete element.dataset.netreadyVerdict;
    },
  };
}
