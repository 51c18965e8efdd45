// The page's words in the reader's language: its own (web/messages/page.json, ids page.*) and the
// report's (`*_msg` Text, rendered by messages.mjs). The catalog is loaded once, from next to the
// module (messages/<locale>.json), before the module itself, so that even a module that fails to
// start is explained in the page's language. Until it is loaded, t() gives "[id]", never a word.
//
//   loadWords(moduleUrl, wanted)  the locale: `wanted` when it is one of ours, else navigator.languages
//   t(id, ...args)                a page word ({0}.. filled with args)
//   tt(obj, key)                  a report text: obj[key_msg] rendered, else obj[key]
//   applyStatic(root)             fills the elements marked data-i18n / data-i18n-aria-label

import { pickLocale, loadCatalog, translator } from './messages.mjs';

let catalog = {};
let words = translator(catalog);
export let locale = 'en';

export const t = (id, ...args) => words.t(id, ...args);
export const tt = (obj, key) => words.tt(obj, key);
export const text = (msg) => words.text(msg);
export const translate = { t, tt, text };

let loading = null;
// Resolves once the words are there (English when the wanted locale's catalog cannot be loaded);
// rejects only when no catalog at all could be loaded.
export function loadWords(moduleUrl, wanted) {
  if (!loading) {
    locale = pickLocale(wanted);
    const base = new URL(moduleUrl, document.baseURI).href;
    loading = loadCatalog(base, locale)
      .catch((e) => {
        if (locale === 'en') throw e;
        console.error(`netready: ${e.message}; showing English`);
        locale = 'en';
        return loadCatalog(base, 'en');
      })
      .then((c) => {
        catalog = c;
        words = translator(c);
        return translate;
      });
    loading.catch(() => { loading = null; }); // Try again starts over
  }
  return loading;
}

// The page's locale as Intl wants it: the browser's own variant of it when it has one (en-GB).
export function intlLocale() {
  const langs = typeof navigator !== 'undefined' ? navigator.languages || [navigator.language] : [];
  return langs.find((l) => typeof l === 'string' && l.toLowerCase().split(/[-_]/)[0] === locale) || locale;
}

// A number with `digits` decimals in the page's locale ("4.2", "4,2"), never grouped.
export function formatNumber(v, digits = 0) {
  if (locale === 'en') return v.toFixed(digits);
  return new Intl.NumberFormat(intlLocale(), { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: false }).format(v);
}

// A number as core wrote it (its own digits), in the page's locale ("1356.5", "1356,5").
export function formatValue(v) {
  if (locale === 'en') return String(v);
  return new Intl.NumberFormat(intlLocale(), { maximumFractionDigits: 6, useGrouping: false }).format(v);
}

// An element's words from its template: {0}, {1}... are its child elements, in order (a label
// inside a sentence keeps its place in every language); children no {N} names stay, at the end.
function fill(node, id) {
  const tpl = catalog[id];
  if (typeof tpl !== 'string') {
    node.textContent = `[${id}]`;
    return;
  }
  const slots = [...node.children];
  if (slots.length === 0) {
    node.textContent = tpl;
    return;
  }
  const parts = [];
  const used = new Set();
  let i = 0;
  for (const m of tpl.matchAll(/\{(\d)\}/g)) {
    parts.push(tpl.slice(i, m.index));
    const slot = slots[Number(m[1])];
    if (slot) {
      parts.push(slot);
      used.add(slot);
    }
    i = m.index + m[0].length;
  }
  parts.push(tpl.slice(i));
  node.replaceChildren(...parts.filter((p) => p !== ''), ...slots.filter((s) => !used.has(s)));
}

export function applyStatic(root = document) {
  for (const node of root.querySelectorAll('[data-i18n]')) fill(node, node.dataset.i18n);
  for (const node of root.querySelectorAll('[data-i18n-aria-label]')) node.setAttribute('aria-label', t(node.dataset.i18nAriaLabel));
  if (root === document) {
    document.documentElement.lang = locale;
    document.documentElement.dataset.words = locale; // automation: the page's words are applied
  }
}
