// What createNetready renders into the embedder's element: the headline, the rows and a Cancel
// button, in a shadow root so neither the host page's styles nor ours leak. Text only (no
// innerHTML of report data): the report's words are core's, redacted by core, shown in the
// checker's locale (its `*_msg` Text through checker.tt); the view's own words are the catalog's
// embed.* (checker.t).
import { setVocabulary, statusLabel } from './vocabulary.js';

export function createView(element, checker, cancel) {
  const { t, tt } = checker;
  setVocabulary(checker.vocabulary(), checker); // status labels as the page has them, from core
  const root = element.shadowRoot ?? element.attachShadow({ mode: 'open' });
  root.innerHTML = `<style>
    :host { display: block; font: 15px/1.45 system-ui, sans-serif; color: #1d2939; }
    h2 { font-size: 18px; margin: 0 0 4px; } p { margin: 0 0 8px; color: #475467; }
    ul { list-style: none; padding: 0; margin: 0 0 8px; } li { padding: 4px 0; border-top: 1px solid #eaecf0; }
    .st { display: inline-block; min-width: 70px; font-weight: 600; }
    button { font: inherit; border: 1px solid #d0d5dd; background: #fff; border-radius: 8px; padding: 4px 10px; }
  </style><div part="view"><h2 part="headline"></h2><p part="state"></p>
  <ul part="rows"></ul><button class="cancel" hidden></button></div>`;
  const [view, headline, state, rows, button] = ['div', 'h2', 'p', 'ul', 'button'].map((s) => root.querySelector(s));
  view.lang = checker.locale;
  headline.textContent = t('embed.title');
  state.textContent = t('embed.ready');
  button.textContent = t('embed.cancel');
  button.addEventListener('click', cancel);
  const set = (s) => { element.dataset.netreadyState = s; };
  set('idle');
  return {
    running() {
      set('running');
      headline.textContent = t('embed.running');
      state.textContent = '';
      rows.replaceChildren();
      button.hidden = false;
    },
    progress(event) {
      if (event.phase === 'verdict') state.textContent = t('embed.verdict-measuring', tt(event, 'headline_title'));
      else if (event.phase === 'finished') state.textContent = t('embed.progress', event.done, event.total);
    },
    result(report) {
      button.hidden = true;
      headline.textContent = tt(report, 'headline_title');
      state.textContent = tt(report, 'headline_reason');
      rows.replaceChildren(...report.requirements.map((r) => {
        const li = document.createElement('li');
        const st = document.createElement('span');
        st.className = 'st';
        st.textContent = statusLabel(r.status) || r.status;
        li.append(st, t('embed.row', tt(r, 'title'), tt(r, 'summary')));
        return li;
      }));
      element.dataset.netreadyVerdict = report.verdict;
      set('done');
    },
    failed(e) {
      button.hidden = true;
      headline.textContent = t('embed.failed');
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
