// The bookmarklet (javascript: link) in readable form; bookmarklet.html and build.mjs turn it into
// the link, __NETREADY_ORIGIN__ replaced by netready's origin. It runs on the user's page (browsers
// exempt bookmarklets from the page's CSP), loads overlay.js from netready's origin and watches
// for the page's CSP refusing it: then, within a second, it opens netready's own page saying why.
(() => {
  const origin = '__NETREADY_ORIGIN__';
  const w = window;
  if (w.__netready && typeof w.__netready.show === 'function') {
    w.__netready.show(); // already here: never a second overlay
    return;
  }
  let settled = false;
  // why: a reason code the opened page words in its language (csp, load, timeout), with its data.
  const fallback = (why, ...data) => {
    if (settled) return;
    settled = true;
    document.removeEventListener('securitypolicyviolation', onViolation, true);
    if (w.__netready && w.__netready.remove) w.__netready.remove();
    const url = `${origin}/?from=bookmarklet&why=${why}${data.map((d) => `&d=${encodeURIComponent(d)}`).join('')}`;
    if (!w.open(url, '_blank')) w.alert(`netready: ${url}`);
  };
  const onViolation = (e) => {
    const blocked = String(e.blockedURI || '');
    if (blocked.startsWith(origin) || blocked === 'wasm-eval' || blocked === 'eval' || /^(https?|wss):/.test(blocked)) {
      fallback('csp', e.effectiveDirective || e.violatedDirective || '', blocked);
    }
  };
  document.addEventListener('securitypolicyviolation', onViolation, true);
  w.__netreadyBookmarklet = {
    origin,
    fallback,
    started() { settled = true; }, // the module runs: later violations are the overlay's to handle
    violation: onViolation,
  };
  const s = document.createElement('script');
  s.src = `${origin}/bookmarklet/overlay.js`;
  s.onerror = () => fallback('load', origin);
  const timer = setTimeout(() => {
    if (!w.__netready) fallback('timeout');
  }, 1000);
  s.onload = () => clearTimeout(timer);
  (document.head || document.documentElement).appendChild(s);
})();
