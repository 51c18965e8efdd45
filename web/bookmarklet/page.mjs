// bookmarklet.html: turns loader.js into the javascript: link for this site's origin, with the
// page's words in the reader's language (?lang=, else the browser's; web/words.js).
import { bookmarklet } from './link.mjs';
import { loadWords, applyStatic, t } from '../words.js';

const a = document.getElementById('bookmarklet');
const words = loadWords('/wasm/netready.js', new URLSearchParams(location.search).get('lang'))
  .then(() => applyStatic(document), (e) => console.error(`netready: ${e.message}`));
const src = await (await fetch('bookmarklet/loader.js', { cache: 'no-store' })).text();
a.href = bookmarklet(src, location.origin);
a.addEventListener('click', async (e) => {
  e.preventDefault();
  await words;
  alert(t('page.bookmarklet.drag'));
});
