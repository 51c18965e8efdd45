// The page's renderer (web/messages.mjs) against core's: every golden core run (tests/data/golden,
// written by the native build, which renders its English itself) has its English keys blanked as
// the wasm module leaves them, refilled from the `*_msg` Texts with the built English catalog,
// and must come back byte-identical. Every Text must also render in French without an unknown id,
// and no catalog phrase may be the same in French as in English (left untranslated).
// A deliberately wrong catalog (one template changed) must fail the comparison: the test can fail.
// The page's, the typings' and core's lists of locales must be the catalog's.
//
//   node tests/web/messages_test.mjs        (catalogs: NETREADY_WASM_DIR/messages, else build/wasm)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fillTexts, renderText, LOCALES as PAGE_LOCALES } from '../../web/messages.mjs';
import { LOCALES as CATALOG_LOCALES } from '../../core/messages/catalog.mjs';
import { wasmDir } from '../../lab/core_module.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const catalog = (l) => JSON.parse(fs.readFileSync(path.join(wasmDir, 'messages', `${l}.json`), 'utf8'));
const en = catalog('en');
const fr = catalog('fr');
const goldenDir = path.join(root, 'tests', 'data', 'golden');
const goldens = fs.readdirSync(goldenDir).filter((f) => f.endsWith('.json')).sort();
let failures = 0;
const fail = (m) => { failures++; console.error(`FAIL ${m}`); };

// Blank every English key beside a `*_msg` key, as the module writes them.
function blank(v) {
  if (Array.isArray(v)) v.forEach(blank);
  else if (v && typeof v === 'object') {
    for (const k of Object.keys(v)) {
      if (k.endsWith('_msg')) {
        const base = k.slice(0, -4);
        v[base] = Array.isArray(v[base]) ? v[base].map(() => '') : '';
      } else blank(v[k]);
    }
  }
  return v;
}

function texts(v, out = []) {
  if (Array.isArray(v)) v.forEach((x) => texts(x, out));
  else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      if (k === 'notes_msg') x.forEach((t) => out.push(t));
      else if (k.endsWith('_msg')) out.push(x);
      else texts(x, out);
    }
  }
  return out;
}

let compared = 0;
for (const f of goldens) {
  const golden = JSON.parse(fs.readFileSync(path.join(goldenDir, f), 'utf8'));
  const filled = fillTexts(blank(structuredClone(golden)), en);
  if (JSON.stringify(filled) !== JSON.stringify(golden)) fail(`${f}: English rendered by the page differs from core's`);
  for (const t of texts(golden)) {
    compared++;
    for (const [name, cat] of [['English', en], ['French', fr]]) {
      const shown = renderText(t, cat);
      if (/\[[a-z0-9.-]+\]/.test(shown)) fail(`${f}: unknown message id in ${name}: ${shown}`);
    }
  }
}

// A template the same in both languages is a word both share ("Audio", "§5.5.1", ", "), never a
// phrase: three words in a row left in English are an untranslated entry.
for (const [id, words] of Object.entries(en)) {
  if (fr[id] === words && /[a-z]{3,} [a-z]{2,} [a-z]{3,}/i.test(words)) fail(`catalog: "${id}" is not translated: ${words}`);
}

// The locales are the catalog's (core/messages/catalog.mjs); the page's picker, the typings and
// core's Locale enum (the native table's columns) must list the same ones, in the same order.
const sameLocales = (where, list) => {
  if (JSON.stringify(list) !== JSON.stringify(CATALOG_LOCALES)) fail(`${where} lists locales ${list}, the catalog ${CATALOG_LOCALES}`);
};
sameLocales('web/messages.mjs', PAGE_LOCALES);
const dts = fs.readFileSync(path.join(root, 'web', 'netready.d.ts'), 'utf8').match(/export type Locale = ([^;]+);/);
sameLocales('web/netready.d.ts', dts ? [...dts[1].matchAll(/'([a-z]+)'/g)].map((m) => m[1]) : []);
const enumLocale = fs.readFileSync(path.join(root, 'core', 'include', 'netready', 'text.h'), 'utf8').match(/enum class Locale \{([^}]*)\}/);
sameLocales('core Locale enum', enumLocale ? enumLocale[1].split(',').map((x) => x.trim().toLowerCase()).filter(Boolean) : []);

// The test can fail: a catalog with one template changed must not reproduce the goldens.
const first = JSON.parse(fs.readFileSync(path.join(goldenDir, goldens[0]), 'utf8'));
const broken = { ...en, 'headline.sentence-short': '{0}!', 'headline.sentence': '{0}! {1}' };
if (JSON.stringify(fillTexts(blank(structuredClone(first)), broken)) === JSON.stringify(first)) {
  fail('a changed template went unnoticed');
}

console.log(`${goldens.length} golden runs, ${compared} texts: ${failures ? `${failures} failure(s)` : 'page and core render alike'}`);
process.exit(failures ? 1 : 0);
