// Page configuration (read once, at load) and loading of the profile and of the checker module.
//
//   window.netreadyConfig = { profile, autostart, moduleUrl, fake, reportEndpoint, locale }   set
//                                         before the page's scripts run; reportEndpoint: where "Send
//                                         to support" POSTs the redacted report (none: no button);
//                                         locale: "en" | "fr" (else ?lang=, else the browser's)
//   ?lang=fr | en                         the page's language when netreadyConfig.locale is not given
//   ?profile=/same/origin/profile.json   used when netreadyConfig.profile is not given
//   ?autostart=1                          start immediately
//   ?fake=1 | degraded | ready | blocked | proxy | slow | modfail | leak   use web/dev/fake-netready.mjs

import { t } from './words.js';

const cfg = (window.netreadyConfig && typeof window.netreadyConfig === 'object') ? window.netreadyConfig : {};
const params = new URLSearchParams(location.search);
const DEFAULT_MODULE_URL = '/wasm/netready.js';

const fakeParam = cfg.fake !== undefined && cfg.fake !== false ? String(cfg.fake === true ? '1' : cfg.fake) : params.get('fake');
export const useFake = fakeParam !== null && fakeParam !== '0' && fakeParam !== 'false';
export const moduleUrl = typeof cfg.moduleUrl === 'string' && cfg.moduleUrl ? cfg.moduleUrl : DEFAULT_MODULE_URL;
// The language asked for; words.js takes it when it is one of the catalog's, else the browser's.
export const wantedLocale = typeof cfg.locale === 'string' && cfg.locale ? cfg.locale : params.get('lang');
// ?from=bookmarklet&why=<code>&d=...: the bookmarklet sent the user here; `why` is a reason code
// (csp, load, timeout) the page words in its language with the d= values as data (shown as
// text, never as HTML). null when the page was not opened by the bookmarklet.
export const bookmarkletReason = params.get('from') === 'bookmarklet'
  ? { code: String(params.get('why') || '').slice(0, 20), data: params.getAll('d').map((d) => String(d).slice(0, 200)) }
  : null;
export const reportEndpoint = typeof cfg.reportEndpoint === 'string' && cfg.reportEndpoint ? cfg.reportEndpoint : null;
export const autostart = cfg.autostart === true || params.get('autostart') === '1' || params.get('autostart') === 'true';

export async function loadProfile() {
  if (cfg.profile !== undefined && cfg.profile !== null) return cfg.profile;
  const ref = params.get('profile');
  if (!ref) return undefined;
  let url;
  try {
    url = new URL(ref, location.href);
  } catch {
    throw new Error(t('page.error.profile-url'));
  }
  if (url.origin !== location.origin) {
    throw new Error(t('page.error.profile-origin', location.origin, url.origin));
  }
  let response;
  try {
    response = await fetch(url, { credentials: 'same-origin', cache: 'no-store' });
  } catch {
    throw new Error(t('page.error.profile-fetch', url.pathname));
  }
  if (!response.ok) throw new Error(t('page.error.profile-http', url.pathname, response.status));
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch (e) {
    // V8's message quotes the source around the error, which may be a credential: position only.
    const at = /position (\d+)/.exec(String(e && e.message));
    throw new Error(at ? t('page.error.profile-json-at', url.pathname, at[1]) : t('page.error.profile-json', url.pathname));
  }
}

// The path is resolved against this module's URL (web/), as it was from app.js. The checker
// shows the same locale as the page (`locale`, words.js's choice).
export async function loadChecker(locale) {
  const path = useFake ? './dev/fake-netready.mjs' : './netready.mjs';
  let mod;
  try {
    mod = await import(path);
  } catch (e) {
    throw new Error(t('page.error.checker-load', path.replace('./', ''), e.message));
  }
  if (typeof mod.createChecker !== 'function') throw new Error(t('page.error.checker-export', path));
  try {
    return await mod.createChecker({ moduleUrl, locale });
  } catch (e) {
    // Embind under a strict CSP may throw synchronously (EvalError); async wrapping catches both.
    throw new Error(t('page.error.module-start', e && e.message ? e.message : e));
  }
}
