// bookmarklet.html: turns loader.js into the javascript: link for this site's origin (the same
// transformation as build.mjs).
(async () => {
  const a = document.getElementById('bookmarklet');
  const src = await (await fetch('bookmarklet/loader.js', { cache: 'no-store' })).text();
  const code = src.replace(/^\s*\/\/.*$/gm, '').replace(/\n\s*/g, '\n').trim()
    .replaceAll('__NETREADY_ORIGIN__', location.origin);
  a.href = `javascript:${encodeURIComponent(code)}`;
  a.addEventListener('click', (e) => { e.preventDefault(); alert('Drag this button to your bookmarks bar, then click it on any page.'); });
})();
