// The netready module (core compiled to wasm) under node, for the lab and the tests that need
// core's vocabulary or redaction outside a page: NETREADY_WASM_DIR, else build/wasm. The module
// has no words: vocabulary() here fills them from the English catalog next to it, as the page's
// web/netready.mjs does.
//   import { loadCore } from './core_module.mjs';  const core = await loadCore();
//   node lab/core_module.mjs vocabulary             prints core's vocabulary JSON
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fillTexts } from '../web/messages.mjs';

export const wasmDir = path.resolve(process.env.NETREADY_WASM_DIR ||
  path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'build', 'wasm'));

export async function loadCore(dir = wasmDir) {
  // The binary is handed over: the module is built with the minimal runtime, which leaves
  // loading it to the host (web/netready.mjs fetches it).
  const wasm = fs.readFileSync(path.join(dir, 'netready.wasm'));
  const core = await createRequire(import.meta.url)(path.join(dir, 'netready.js'))({ wasm });
  const english = JSON.parse(fs.readFileSync(path.join(dir, 'messages', 'en.json'), 'utf8'));
  const vocabulary = core.vocabulary;
  // Same JSON text as before, words filled in.
  core.vocabulary = () => JSON.stringify(fillTexts(JSON.parse(vocabulary()), english), null, 2);
  core.englishCatalog = english;
  return core;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.argv[2] !== 'vocabulary') {
    process.stderr.write('usage: node lab/core_module.mjs vocabulary\n');
    process.exit(2);
  }
  process.stdout.write((await loadCore()).vocabulary());
}
