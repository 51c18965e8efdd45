// Page configuration (read once, at load) and loading of the profile and of the checker module.
//
//   window.netreadyConfig = { profile, autostart, moduleUrl, fake, reportEndpoint }   set before
//                                         the page's scripts run; reportEndpoint: where "Send to
//                                         support" POSTs the redacted report (none: no button)
//   ?profile=/same/origin/profile.json   used when netreadyConfig.profile is not given
//   ?autostart=1                          start immediately
//   ?fake=1 | degraded | ready | blocked | proxy | slow | modfail | leak   use web/dev/fake-netready.mjs

const cfg = (window.netreadyConfig && typeof window.netreadyConfig === 'object') ? window.netreadyConfig : {};
const params = new URLSearchParams(location.search);
const DEFAULT_MODULE_URL = '/wasm/netready.js';

const fakeParam = cfg.fake !== undefined && cfg.fake !== false ? String(cfg.fake === true ? '1' : cfg.fake) : params.get('fake');
export const useFake = fakeParam !== null && fakeParam !== '0' && fakeParam !== 'false';
const moduleUrl = typeof cfg.moduleUrl === 'string' && cfg.moduleUrl ? cfg.moduleUrl : DEFAULT_MODULE_URL;
// ?from=bookmarklet&why=...: the bookmarklet sent the user here (the text is shown, never as HTML).
export const bookmarkletNotice = params.get('from') === 'bookmarklet' ? String(params.get('why') || 'it was refused').slice(0, 300) : null;
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
    throw new Error('The profile address in ?profile= is not a valid URL.');
  }
  if (url.origin !== location.origin) {
    throw new Error(`The profile must come from this site (${location.origin}); ${url.origin} is not allowed.`);
  }
  let response;
  try {
    response = await fetch(url, { credentials: 'same-origin', cache: 'no-store' });
  } catch {
    throw new Error(`Could not load the profile ${url.pathname}: the request failed.`);
  }
  if (!response.ok) throw new Error(`Could not load the profile ${url.pathname}: HTTP ${response.status}.`);
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch (e) {
    // V8's message quotes the source around the error, which may be a credential: position only.
    const at = /position (\d+)/.exec(String(e && e.message));
    throw new Error(`The profile ${url.pathname} is not valid JSON${at ? ` (at character ${at[1]})` : ''}.`);
  }
}

// The path is resolved against this module's URL (web/), as it was from app.js.
export async function loadChecker() {
  const path = useFake ? './dev/fake-netready.mjs' : './netready.mjs';
  let mod;
  try {
    mod = await import(path);
  } catch (e) {
    throw new Error(`The checker could not be loaded (${path.replace('./', '')}): ${e.message}`);
  }
  if (typeof mod.createChecker !== 'function') throw new Error(`${path} does not export createChecker.`);
  try {
    return await mod.createChecker({ moduleUrl });
  } catch (e) {
    // Embind under a strict CSP may throw synchronously (EvalError); async wrapping catches both.
    throw new Error(`The checker module failed to start: ${e && e.message ? e.message : e}`);
  }
}
