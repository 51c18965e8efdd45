// The catalog's words for the page: report texts arrive as language-neutral Text (`*_msg` keys:
// arrays of parts, each a data string or {"m": id, "a": [Text, ...]}), rendered here in the
// reader's locale exactly as core renders them natively (core/src/text/text.cpp). The catalogs
// (messages/<locale>.json next to the module) are built from core/messages/*.json and
// web/messages/*.json by core/messages/catalog.mjs; nothing here spells a word of its own.

export const LOCALES = ['en', 'fr'];

// The embedder's choice when it is one of ours, else the browser's language, else English.
export function pickLocale(wanted, languages) {
  const list = [wanted, ...(languages || (typeof navigator !== 'undefined' ? navigator.languages || [navigator.language] : []))];
  for (const l of list) {
    const base = typeof l === 'string' ? l.toLowerCase().split(/[-_]/)[0] : '';
    if (LOCALES.includes(base)) return base;
  }
  return 'en';
}

// One fetch per catalog URL for the page and the facade together (both import this module);
// a failed one is forgotten, so "Try again" fetches it again.
const catalogs = new Map();
export function loadCatalog(baseUrl, locale) {
  const url = new URL(`messages/${locale}.json`, baseUrl).href;
  if (!catalogs.has(url)) {
    const loading = fetch(url, { credentials: 'omit' }).then((res) => {
      if (!res.ok) throw new Error(`could not load the ${locale} messages (${url}: HTTP ${res.status})`);
      return res.json();
    });
    loading.catch(() => catalogs.delete(url));
    catalogs.set(url, loading);
  }
  return catalogs.get(url);
}

function renderInto(text, catalog, out) {
  if (typeof text === 'string') {
    out.push(text);
    return;
  }
  if (!Array.isArray(text)) return;
  for (const part of text) {
    if (typeof part === 'string') {
      out.push(part);
    } else if (part && typeof part.m === 'string') {
      const args = Array.isArray(part.a) ? part.a : [];
      if (part.m === 'list') {
        args.forEach((item, i) => {
          if (i > 0) out.push(catalog[i + 1 === args.length ? 'list.and' : 'list.comma'] ?? ', ');
          renderInto(item, catalog, out);
        });
        continue;
      }
      const tpl = catalog[part.m];
      if (typeof tpl !== 'string' || tpl === '') {
        out.push(`[${part.m}]`);
        continue;
      }
      // {N}: argument N, one digit, as in core.
      let i = 0;
      for (const m of tpl.matchAll(/\{(\d)\}/g)) {
        out.push(tpl.slice(i, m.index));
        if (Number(m[1]) < args.length) renderInto(args[Number(m[1])], catalog, out);
        i = m.index + m[0].length;
      }
      out.push(tpl.slice(i));
    }
  }
}

export function renderText(text, catalog) {
  const out = [];
  renderInto(text, catalog || {}, out);
  return out.join('');
}

// Fills every empty `key` that has a `key_msg` sibling (the wasm module writes "" there) with its
// rendering in `catalog`, through nested objects and arrays; `notes_msg` fills `notes`. Returns
// `value`, changed in place.
export function fillTexts(value, catalog) {
  if (Array.isArray(value)) {
    for (const v of value) fillTexts(v, catalog);
  } else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (key.endsWith('_msg')) {
        const base = key.slice(0, -4);
        if (Array.isArray(value[base]) && Array.isArray(v) && v.every(Array.isArray)) {
          value[base] = v.map((t, i) => (value[base][i] ? value[base][i] : renderText(t, catalog)));
        } else if (value[base] === '' || value[base] === undefined) {
          value[base] = renderText(v, catalog);
        }
      } else {
        fillTexts(v, catalog);
      }
    }
  }
  return value;
}

// A translator for one locale: t(id) for the page's own words, tt(obj, key) for a report text
// (its `key_msg` rendered, else `key` as given: a report of an older version shows in English).
export function translator(catalog) {
  const t = (id, ...args) => {
    const tpl = catalog[id];
    if (typeof tpl !== 'string') return `[${id}]`;
    return tpl.replace(/\{(\d)\}/g, (_, n) => (Number(n) < args.length ? String(args[Number(n)]) : ''));
  };
  const tt = (obj, key) => {
    if (!obj || typeof obj !== 'object') return '';
    const m = obj[`${key}_msg`];
    if (m !== undefined && m !== null) return renderText(m, catalog);
    return typeof obj[key] === 'string' ? obj[key] : '';
  };
  return { t, tt, text: (m) => renderText(m, catalog) };
}
