// netready in any page: `createNetready(options)` returns a checker (an EventTarget) with run(),
// cancel() and dispose(). Types: embed.d.ts (NetreadyOptions, Netready). The README shows a
// complete embed; web/embed-example.html is exactly those lines. `locale` ("en", "fr"; default
// the browser's language) is the language of the rendered view and of the checker's t/tt/text;
// the report and the events stay language-neutral (English keys plus `*_msg` Text).
import { createChecker } from './netready.mjs';
import { createView } from './embed_view.js';

// The page's TURN servers (RTCIceServer-like, with the credentials its login handed out) as
// profile TURN entries; a region label is made up where the page gives none.
function turnFrom(iceServers) {
  return iceServers.map((s, i) => ({
    region: typeof s.region === 'string' && s.region ? s.region : `server${i + 1}`,
    urls: Array.isArray(s.urls) ? s.urls : [s.urls],
    ...(s.username !== undefined ? { username: s.username } : {}),
    ...(s.credential !== undefined ? { credential: s.credential } : {}),
  }));
}

export async function createNetready(options = {}) {
  const { element = null, profile = {}, iceServers, proxy, proxyLabel, locale } = options;
  const moduleUrl = options.moduleUrl ?? new URL('./wasm/netready.js', import.meta.url).href;
  const checker = await createChecker({ moduleUrl, locale });
  const merged = { ...profile };
  if (Array.isArray(iceServers)) merged.turn = turnFrom(iceServers);
  if (proxy !== undefined) merged.network = { ...(profile.network ?? {}), proxy, ...(proxyLabel ? { proxy_label: proxyLabel } : {}) };
  // Core validates the whole profile once, here, so a bad option fails createNetready itself.
  const json = JSON.stringify(merged);
  const checked = checker.validateProfile(json);
  if (!checked.ok) throw new Error(`netready: ${checked.error}`);

  const target = new EventTarget();
  const view = element ? createView(element, checker, () => api.cancel()) : null;
  let running = null;
  let disposed = false;
  const api = Object.assign(target, {
    // The language shown and its words, as the checker has them (netready.d.ts: Checker).
    locale: checker.locale,
    t: checker.t,
    tt: checker.tt,
    text: checker.text,
    run() {
      if (disposed) return Promise.reject(new Error('netready: this checker was disposed'));
      if (running) return running;  // one check at a time: a second click joins the first
      view?.running();
      running = checker
        .run({
          profile: json,
          onProgress: (event) => {
            view?.progress(event);
            target.dispatchEvent(new CustomEvent('progress', { detail: event }));
          },
        })
        .then((report) => {
          running = null;
          view?.result(report);
          target.dispatchEvent(new CustomEvent('result', { detail: report }));
          return report;
        }, (e) => {
          running = null;
          view?.failed(e);
          throw e;
        });
      return running;
    },
    // Ends the running check at once: its report (cancelled rows skipped) still resolves run().
    cancel() {
      checker.cancel();
    },
    // Cancels, removes what was rendered; the checker refuses to run again.
    dispose() {
      disposed = true;
      checker.cancel();
      view?.remove();
    },
  });
  return api;
}
