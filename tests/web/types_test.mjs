// The typings (web/netready.d.ts) against what core really produces: the unions must equal core's
// vocabulary, and every golden core run (tests/data/golden: report and progress stream) must
// type-check as `Report` / `ProgressEvent[]` as object literals, so a field the typings lack, a
// value outside a union or a wrong type fails (CanvasKit checks its .d.ts the same way).
// A second, deliberately broken copy (one extra report field, one status core does not have)
// must FAIL to compile: the test proves it can fail.
//
//   node tests/web/types_test.mjs            (the module: see lab/core_module.mjs)
import { loadCore } from '../../lab/core_module.mjs';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const core = await loadCore();
const vocab = JSON.parse(core.vocabulary());
const goldenDir = path.join(root, 'tests', 'data', 'golden');
const goldens = fs.readdirSync(goldenDir).filter((f) => f.endsWith('.json')).sort();
if (goldens.length === 0) throw new Error(`no golden runs in ${goldenDir}`);

const union = (list) => list.map((x) => JSON.stringify(x.id)).join(' | ');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'netready-types-'));
const dts = path.join(root, 'web', 'netready');

function source({ extraField = false, extraStatus = false } = {}) {
  const statuses = extraStatus ? [...vocab.statuses, { id: 'unknown' }] : vocab.statuses;
  const lines = [
    `import type { Report, ProgressEvent, Status, Verdict, RequirementId, ProbeKind, HeadlineId, MediaKind, OriginMode, Vocabulary } from ${JSON.stringify(dts)};`,
    'type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;',
    `export const statuses: Equal<Status, ${union(statuses)}> = true;`,
    `export const verdicts: Equal<Verdict, ${union(vocab.verdicts)}> = true;`,
    `export const rows: Equal<RequirementId, ${union(vocab.rows)}> = true;`,
    `export const probes: Equal<ProbeKind, ${union(vocab.probes)}> = true;`,
    `export const headlines: Equal<HeadlineId, ${union(vocab.headlines)}> = true;`,
    `export const mediaKinds: Equal<MediaKind, ${union(vocab.media_kinds)}> = true;`,
    `export const originModes: Equal<OriginMode, ${union(vocab.origin_modes)}> = true;`,
    `export const schema: Equal<Report['schema'], ${JSON.stringify(vocab.schema)}> = true;`,
    `export const vocabulary: Vocabulary = ${JSON.stringify(vocab)};`,
    // The README's embed, typed against web/embed.d.ts.
    `import type { Netready, NetreadyOptions } from ${JSON.stringify(path.join(root, 'web', 'embed'))};`,
    'export const embedOptions: NetreadyOptions = { element: null, iceServers: [{ urls: "turns:h:443?transport=tcp", username: "u", credential: "c" }], proxy: "none" };',
    'export function useEmbed(n: Netready): Promise<string> { n.addEventListener("result", (e) => e.detail.verdict); n.addEventListener("progress", (e) => e.detail.phase); return n.run().then((r) => r.verdict); }',
  ];
  goldens.forEach((f, i) => {
    const g = JSON.parse(fs.readFileSync(path.join(goldenDir, f), 'utf8'));
    const report = extraField && i === 0 ? { ...g.report, not_in_the_typings: 1 } : g.report;
    lines.push(`// ${f}`);
    lines.push(`export const report${i}: Report = ${JSON.stringify(report)};`);
    lines.push(`export const progress${i}: ProgressEvent[] = ${JSON.stringify(g.progress)};`);
  });
  return `${lines.join('\n')}\n`;
}

function tsc(name, text) {
  const file = path.join(tmp, `${name}.ts`);
  fs.writeFileSync(file, text);
  const r = spawnSync(path.join(root, 'node_modules', '.bin', 'tsc'),
    ['--noEmit', '--strict', '--target', 'es2022', '--module', 'es2022', '--moduleResolution', 'node', file],
    { encoding: 'utf8' });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

let failures = 0;
const good = tsc('golden', source());
console.log(`${good.code === 0 ? 'ok  ' : 'FAIL'}  ${goldens.length} golden runs and core's vocabulary type-check against web/netready.d.ts`);
if (good.code !== 0) { console.log(good.out); failures++; }
for (const [name, opts, expect] of [['extra-field', { extraField: true }, /not_in_the_typings/],
  ['extra-status', { extraStatus: true }, /\.ts\(3,\d+\): error TS2322/]]) {
  const bad = tsc(name, source(opts));
  const ok = bad.code !== 0 && expect.test(bad.out);
  console.log(`${ok ? 'ok  ' : 'FAIL'}  a disagreement (${name}) fails to compile`);
  if (!ok) { console.log(bad.out.split('\n').slice(0, 5).join('\n')); failures++; }
  else console.log(`      ${bad.out.split('\n').find((l) => expect.test(l))?.trim()}`);
}
fs.rmSync(tmp, { recursive: true, force: true });
process.exitCode = failures ? 1 : 0;
