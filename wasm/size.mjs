// The module's download size: raw, gzip and brotli of netready.wasm and netready.js, and their
// total. gzip is `gzip -9 -n` (GNU gzip; node's zlib at level 9, ~1 % larger, only where gzip is
// missing, and then said), brotli is quality 11 (node's zlib). Printed after every link (cmake/wasm.cmake); with --budget BYTES it exits 1 when
// wasm + js gzip exceed BYTES (test wasm.size_budget).
// Usage: node wasm/size.mjs DIR [--budget BYTES]
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import zlib from 'node:zlib';

const args = process.argv.slice(2);
const dir = args[0];
const at = args.indexOf('--budget');
const budget = at >= 0 ? Number(args[at + 1]) : null;
if (!dir || (at >= 0 && !(budget > 0))) {
  console.error('usage: node wasm/size.mjs DIR [--budget BYTES]');
  process.exit(2);
}

let gzipTool = 'gzip -9';
function gzipSize(data) {
  const r = spawnSync('gzip', ['-9', '-n', '-c'], { input: data, maxBuffer: 1 << 30 });
  if (r.status === 0) return r.stdout.length;
  gzipTool = 'zlib level 9';
  return zlib.gzipSync(data, { level: 9 }).length;
}

function sizes(file) {
  const data = fs.readFileSync(path.join(dir, file));
  return {
    raw: data.length,
    gzip: gzipSize(data),
    brotli: zlib.brotliCompressSync(data, {
      params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length },
    }).length,
  };
}

const wasm = sizes('netready.wasm');
const js = sizes('netready.js');
const total = { raw: wasm.raw + js.raw, gzip: wasm.gzip + js.gzip, brotli: wasm.brotli + js.brotli };
const row = (name, s) =>
  `${name.padEnd(13)} ${String(s.raw).padStart(8)} ${String(s.gzip).padStart(8)} ${String(s.brotli).padStart(8)}`;
console.log(`netready module size (bytes; gzip: ${gzipTool})`);
console.log(`${''.padEnd(13)} ${'raw'.padStart(8)} ${'gzip'.padStart(8)} ${'brotli'.padStart(8)}`);
console.log(row('netready.wasm', wasm));
console.log(row('netready.js', js));
console.log(row('total', total));
if (budget !== null) {
  if (total.gzip > budget) {
    console.error(`over budget: wasm + js gzip ${total.gzip} > ${budget} bytes`);
    process.exit(1);
  }
  console.log(`within budget: wasm + js gzip ${total.gzip} <= ${budget} bytes`);
}
