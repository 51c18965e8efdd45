// A support engineer opens a report a user sent: a file picker on the start view, or a file
// dropped anywhere on the page. The JSON is checked to be a netready report before it is shown;
// the page then renders it with the same code as the user's own run, in the reader's language (a
// report's texts are language-neutral `*_msg` Text; one without them shows its English).

import { el } from './dom.js';
import { schema } from './vocabulary.js';
import { t } from './words.js';

const MAX_BYTES = 512 * 1024;

async function readReport(file, ready, show, fail) {
  if (!file) return;
  try {
    await ready(); // core's vocabulary: the schema here, the words for rendering
  } catch (e) {
    return fail(String(e && e.message));
  }
  if (file.size > MAX_BYTES) return fail(t('page.open.too-big', file.name));
  let report;
  try {
    report = JSON.parse(await file.text());
  } catch {
    return fail(t('page.open.not-json', file.name));
  }
  if (!report || typeof report !== 'object' || report.schema !== schema() || !Array.isArray(report.requirements)) {
    return fail(t('page.open.not-report', file.name, schema()));
  }
  show(report, file.name);
}

export function watchOpenReport(ready, show, fail) {
  el.openReport.addEventListener('change', () => readReport(el.openReport.files?.[0], ready, show, fail));
  document.addEventListener('dragover', (e) => e.preventDefault());
  document.addEventListener('drop', (e) => {
    e.preventDefault();
    readReport(e.dataTransfer?.files?.[0], ready, show, fail);
  });
}
