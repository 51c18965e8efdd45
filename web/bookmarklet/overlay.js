// The bookmarklet's overlay, loaded by loader.js from netready's origin onto the user's page:
// the check in that page's conditions (its browser, proxy and origin), shown in a shadow root so
// neither the page's styles nor ours leak; copy, download, close. One overlay per page. Its words
// are the catalog's (overlay.*, and the report's `*_msg` Text) in the user's language: the
// option `locale` (netreadyBookmarkletOptions) when it is one of ours, else navigator.languages.
(() => {
  const w = window;
  const bm = w.__netreadyBookmarklet || {};
  const origin = bm.origin || new URL(document.currentScript.src).origin;
  if (w.__netready) return w.__netready.show();
  const options = w.netreadyBookmarkletOptions || {}; // an embedder's (or a test's) profile, locale

  const host = document.createElement('div');
  host.setAttribute('data-netready-overlay', '');
  host.style.cssText = 'all: initial; position: fixed; inset: 0; z-index: 2147483647;';
  const root = host.attachShadow({ mode: 'open' });
  root.innerHTML = `<style>
    :host { all: initial; }
    .back { position: fixed; inset: 0; background: rgba(16, 24, 40, .45); display: flex;
      align-items: flex-start; justify-content: center; font: 15px/1.45 system-ui, sans-serif; }
    .card { margin-top: 6vh; width: min(640px, 92vw); max-height: 86vh; overflow: auto; background: #fff;
      color: #1d2939; border-radius: 14px; box-shadow: 0 20px 50px rgba(0,0,0,.3); padding: 22px 26px; }
    h1 { font-size: 20px; margin: 0 0 4px; } .reason { margin: 0 0 12px; color: #475467; }
    .state { color: #475467; margin: 0 0 12px; } ul { list-style: none; padding: 0; margin: 0 0 16px; }
    li { display: flex; gap: 10px; padding: 6px 0; border-top: 1px solid #eaecf0; }
    .st { min-width: 74px; font-weight: 600; } .st-pass { color: #067647; } .st-warn { color: #b54708; }
    .st-fail { color: #b42318; } .st-skipped { color: #667085; }
    button { font: inherit; border: 1px solid #d0d5dd; background: #fff; border-radius: 8px; padding: 6px 12px;
      cursor: pointer; margin-right: 8px; } button.primary { background: #1570ef; color: #fff; border-color: #1570ef; }
  </style>
  <div class="back"><div class="card" role="dialog" aria-modal="true" aria-labelledby="t">
    <h1 id="t"></h1><p class="reason" id="reason"></p>
    <p class="state" id="state"></p><ul id="rows"></ul>
    <div><button id="copy" disabled></button><button id="download" disabled></button>
    <button id="close" class="primary">×</button></div></div></div>`;
  const $ = (id) => root.getElementById(id);
  const moduleUrl = `${origin}/wasm/netready.js`;
  let words = null; // {locale, t, tt} once the catalog is loaded
  const t = (id, ...a) => (words ? words.t(id, ...a) : '');

  let checker = null;
  let report = null;
  let closed = false;
  let running = !bm.fallback; // until the module runs, the loader handles refusals (one window)
  const onViolation = (e) => {
    if (!running) return;
    // The page's CSP refused what the check needs (connect-src for fetch/WebSocket): the result
    // here would be wrong, so stop and hand over to netready's own page.
    const blocked = String(e.blockedURI || '');
    if (!/^(https?|wss?):|^(wasm-)?eval$/.test(blocked)) return;
    api.remove();
    // The same reason code as the loader's: the opened page words it in its language.
    const directive = encodeURIComponent(e.effectiveDirective || e.violatedDirective || '');
    const url = `${origin}/?from=bookmarklet&why=csp&d=${directive}&d=${encodeURIComponent(blocked)}`;
    if (!w.open(url, '_blank')) w.alert(`netready: ${url}`);
  };
  const api = {
    show() { if (!closed) host.style.display = ''; },
    remove() {
      closed = true;
      document.removeEventListener('securitypolicyviolation', onViolation, true);
      try { checker?.cancel(); checker?.dispose?.(); } catch (e) { /* already ended */ }
      host.remove();
      delete w.__netready;
    },
  };
  w.__netready = api;
  document.addEventListener('securitypolicyviolation', onViolation, true);
  $('close').onclick = () => api.remove();
  $('copy').onclick = async () => {
    const text = JSON.stringify(report, null, 2);
    try { await navigator.clipboard.writeText(text); $('copy').textContent = t('overlay.copied'); } catch (e) {
      $('copy').textContent = t('overlay.copy-failed');
    }
  };
  $('download').onclick = () => {
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([JSON.stringify(report, null, 2)], { type: 'application/json' }));
    a.download = `netready-report-${String(report.started_at || '').replace(/[:.]/g, '-')}.json`;
    root.appendChild(a);
    a.click();
    a.remove();
  };
  (document.body || document.documentElement).appendChild(host);

  (async () => {
    // The words first (a small file), then the module, in the same language.
    const msgs = await import(`${origin}/messages.mjs`);
    const locale = msgs.pickLocale(options.locale);
    const catalog = await msgs.loadCatalog(moduleUrl, locale).catch(() => msgs.loadCatalog(moduleUrl, 'en'));
    words = msgs.translator(catalog);
    root.querySelector('.card').lang = locale;
    $('t').textContent = t('overlay.title');
    $('state').textContent = t('overlay.loading');
    $('copy').textContent = t('overlay.copy');
    $('download').textContent = t('overlay.download');
    $('close').textContent = t('overlay.close');
    const { createChecker } = await import(`${origin}/netready.mjs`);
    checker = await createChecker({ moduleUrl, locale });
    if (closed) return;
    if (bm.started) bm.started();
    running = true;
    const { tt } = checker;
    const vocab = checker.vocabulary ? checker.vocabulary() : { rows: [], statuses: [] };
    const label = (id) => { const s = vocab.statuses.find((x) => x.id === id); return (s && tt(s, 'label')) || id; };
    $('state').textContent = t('overlay.checking');
    report = await checker.run({
      profile: options.profile,
      onProgress: (e) => {
        const p = vocab.probes?.find((x) => x.id === e.probe);
        if (p && !closed) $('state').textContent = t('overlay.step', tt(p, 'step'));
      },
    });
    if (closed) return;
    const seconds = report.elapsed_ms / 1000;
    $('t').textContent = tt(report, 'headline_title');
    $('reason').textContent = tt(report, 'headline_reason');
    $('state').textContent = t('overlay.checked', locale === 'en' ? seconds.toFixed(1)
      : seconds.toLocaleString(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }), location.host);
    $('rows').replaceChildren(...report.requirements.map((r) => {
      const li = document.createElement('li');
      const st = document.createElement('span');
      st.className = `st st-${r.status}`;
      st.textContent = label(r.status);
      const line = document.createElement('span');
      line.textContent = t('overlay.row', tt(r, 'title') || r.id, tt(r, 'summary'));
      li.append(st, line);
      return li;
    }));
    host.setAttribute('data-verdict', report.verdict);
    $('copy').disabled = false;
    $('download').disabled = false;
  })().catch((e) => {
    if (closed) return;
    const why = e && e.message ? e.message : String(e);
    $('state').textContent = words ? t('overlay.failed', why) : why;
    host.setAttribute('data-error', '1');
  });
})();
