// The one transformation of loader.js into the javascript: link, shared by the build script
// (build.mjs, any origin) and the page that offers the link (page.mjs, its own origin).
export function bookmarklet(source, origin) {
  const code = source
    .replace(/^\s*\/\/.*$/gm, '')
    .replace(/\n\s*/g, '\n')
    .trim()
    .replaceAll('__NETREADY_ORIGIN__', origin.replace(/\/+$/, ''));
  return `javascript:${encodeURIComponent(code)}`;
}
