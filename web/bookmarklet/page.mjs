// bookmarklet.html: turns loader.js into the javascript: link for this site's origin.
import { bookmarklet } from './link.mjs';

const a = document.getElementById('bookmarklet');
const src = await (await fetch('bookmarklet/loader.js', { cache: 'no-store' })).text();
a.href = bookmarklet(src, location.origin);
a.addEventListener('click', (e) => {
  e.preventDefault();
  alert('Drag this button to your bookmarks bar, then click it on any page.');
});
