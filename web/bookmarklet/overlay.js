// The bookmarklet's overlay, loaded by loader.js from netready's origin onto the user's page:
// the check in that page's conditions (its browser, proxy and origin), shown in a shadow root so
// neither the page's styles nor ours leak; copy, download, close. One overlay per page.
(() => {
  const w = window;
  const bm = w.__netreadyBookmarklet || {};
  const origin = bm.origin || new URL(document.currentScript.src).origin;
  if (w.__netready) return w.__netready.show();
  const options = w.netreadyBookmarkletOptions || {}; // an embedder's (or a test's) profile

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
    <h1 id="t">Rainbow network check</h1><p class="reason" id="reason"></p>
    <p class="state" id="state">Loading the check…</p><ul id="rows"></ul>
    <div><button id="copy" disabled>Copy report</button><button id="download" disabled>Download report</button>
    <button id="close" class="primary">Close</button></div></div></div>`;
  const $ = (id) => root.getElementById(id);

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
    const why = `this page's security policy (CSP ${e.effectiveDirective || e.violatedDirective}) blocks ${blocked}`;
    api.remove();
    const url = `${origin}/?from=bookmarklet&why=${encodeURIComponent(why)}`;
    if (!w.open(url, '_blank')) w.alert(`netready cannot run on this page (${why}). Open ${url}`);
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
    try { await navigator.clipboard.writeText(text); $('copy').textContent = 'Copied'; } catch (e) {
      $('copy').textContent = 'Copy failed';
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
    const { createChecker } = await import(`${origin}/netready.mjs`);
    checker = await createChecker({ moduleUrl: `${origin}/wasm/netready.js` });
    if (closed) return;
    if (bm.started) bm.started();
    running = true;
    const vocab = checker.vocabulary ? checker.vocabulary() : { rows: [], statuses: [] };
    const title = (id) => vocab.rows.find((r) => r.id === id)?.title || id;
    const label = (id) => vocab.statuses.find((s) => s.id === id)?.label || id;
    $('state').textContent = 'Checking this network…';
    report = await checker.run({
      profile: options.profile,
      onProgress: (e) => {
        const p = vocab.probes?.find((x) => x.id === e.probe);
        if (p && !closed) $('state').textContent = `${p.step}…`;
      },
    });
    if (closed) return;
    $('t').textContent = report.headline_title;
    $('reason').textContent = report.headline_reason;
    $('state').textContent = `Checked in ${(report.elapsed_ms / 1000).toFixed(1)} s from ${location.host}.`;
    $('rows').replaceChildren(...report.requirements.map((r) => {
      const li = document.createElement('li');
      const st = document.createElement('span');
      st.className = `st st-${r.status}`;
      st.textContent = label(r.status);
      const t = document.createElement('span');
      t.textContent = `${title(r.id)}: ${r.summary}`;
      li.append(st, t);
      return li;
    }));
    host.setAttribute('data-verdict', report.verdict);
    $('copy').disabled = false;
    $('download').disabled = false;
  })().catch((e) => {
    if (closed) return;
    $('state').textContent = `The check could not run on this page: ${e && e.message ? e.message : e}`;
    host.setAttribute('data-error', '1');
  });
})();
