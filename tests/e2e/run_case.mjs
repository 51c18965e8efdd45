// One browser end-to-end case, run inside the lab (lab/run-in-lab ... -- node run_case.mjs ...):
// runs the real check in a browser through lab/browser.mjs and asserts the report's rows.
//
//   --name NAME                 case name (files go to out/e2e/NAME.{json,png})
//   --browser NAME              chromium (default) or firefox, passed to lab/browser.mjs
//   --expect ROW=STATUS         e.g. verdict=degraded, turn-tls=fail (repeatable)
//   --evidence ROW~TEXT         ROW has a failing evidence item whose target contains TEXT
//   --advice ROW~TEXT           ROW's advice or summary contains TEXT
//   --add-turn REGION=HOST      append a TURN server (UDP/TCP/TLS URLs on HOST) to the lab profile
//   --max-check-ms N            the check itself must end within N ms (bounded time)
//   --min-mos X                 the report's media.mos (one call leg) must be at least X
//   --no-credentials            the lab profile without TURN usernames/credentials (a support
//                               page without login): TURN rows prove reachability by 401
//   --wrong-credentials         the lab's TURN usernames with a credential the servers refuse
//                               (a stale token)
//   --headline ID               the report's headline_id (core's vocabulary)
//   --url URL                   the page to run (default https://web.rainbow.lab/, the service's
//                               own origin; https://support.netready.lab/ is another site)
//   --page-mode MODE            the report's page.mode: service or other
//   --summary ROW=TEXT          ROW's summary is exactly TEXT
//   --early-verdict             the page got one "verdict" progress event (the connectivity
//                               verdict, before the call ended) agreeing with the report
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const opts = { expect: [], evidence: [], advice: [], summary: [], addTurn: [], name: 'case', maxCheckMs: 60000, browser: 'chromium', minMos: null, noCredentials: false, wrongCredentials: false, headline: null, url: 'https://web.rainbow.lab/', pageMode: null, earlyVerdict: false };
for (let i = 0; i < args.length; i += 2) {
  const [k, v] = [args[i], args[i + 1]];
  if (k === '--no-credentials') { opts.noCredentials = true; i -= 1; continue; }
  if (k === '--wrong-credentials') { opts.wrongCredentials = true; i -= 1; continue; }
  if (k === '--early-verdict') { opts.earlyVerdict = true; i -= 1; continue; }
  if (k === '--name') opts.name = v;
  else if (k === '--min-mos') opts.minMos = Number(v);
  else if (k === '--expect') opts.expect.push(v.split('='));
  else if (k === '--evidence') opts.evidence.push(v.split('~'));
  else if (k === '--advice') opts.advice.push(v.split('~'));
  else if (k === '--add-turn') opts.addTurn.push(v.split('='));
  else if (k === '--max-check-ms') opts.maxCheckMs = Number(v);
  else if (k === '--browser') opts.browser = v;
  else if (k === '--headline') opts.headline = v;
  else if (k === '--url') opts.url = v;
  else if (k === '--page-mode') opts.pageMode = v;
  else if (k === '--summary') opts.summary.push([v.slice(0, v.indexOf('=')), v.slice(v.indexOf('=') + 1)]);
  else {
    console.error(`run_case: unknown option ${k}`);
    process.exit(2);
  }
}

const labProfile = process.env.NETREADY_LAB_PROFILE;
if (!labProfile) {
  console.error('run_case: must run inside lab/run-in-lab (NETREADY_LAB_PROFILE unset)');
  process.exit(2);
}
const profile = JSON.parse(readFileSync(labProfile, 'utf8'));
const secrets = profile.turn.flatMap((t) => [t.username, t.credential]).filter(Boolean);
for (const [region, host] of opts.addTurn) {
  profile.turn.push({
    region,
    urls: [`turn:${host}:3478?transport=udp`, `turn:${host}:80?transport=tcp`, `turns:${host}:443?transport=tcp`],
    username: profile.turn[0].username,
    credential: profile.turn[0].credential,
  });
}
if (opts.noCredentials) {
  for (const t of profile.turn) { delete t.username; delete t.credential; }
}
if (opts.wrongCredentials) {
  const stale = `stale-${Date.now().toString(36)}-token`;
  for (const t of profile.turn) t.credential = stale;
  secrets.push(stale);
}
const work = mkdtempSync(join(tmpdir(), 'netready-e2e-'));
const profilePath = join(work, 'profile.json');
writeFileSync(profilePath, JSON.stringify(profile), { mode: 0o600 });

const outDir = join(root, 'out', 'e2e');
mkdirSync(outDir, { recursive: true });
const jsonPath = join(outDir, `${opts.name}.json`);
const pngPath = join(outDir, `${opts.name}.png`);
const run = spawnSync(
  'node',
  [join(root, 'lab/browser.mjs'), '--browser', opts.browser, '--url', opts.url, '--profile', profilePath, '--json', jsonPath,
    '--png', pngPath, '--timeout-ms', String(opts.maxCheckMs + 15000)],
  {
    stdio: ['ignore', 'inherit', 'inherit'], timeout: opts.maxCheckMs + 30000,
    // The driver records the progress events the page got (lab/browser_capture.mjs).
    env: opts.earlyVerdict ? { ...process.env, NETREADY_CAPTURE_DIR: join(work, 'capture') } : process.env,
  },
);
if (run.status !== 0) {
  console.error(`run_case ${opts.name}: browser driver (${opts.browser}) exited ${run.status ?? run.signal}`);
  process.exit(1);
}

const text = readFileSync(jsonPath, 'utf8');
const report = JSON.parse(text);
const failures = [];
const row = (id) => report.requirements.find((r) => r.id === id);
for (const [id, want] of opts.expect) {
  const got = id === 'verdict' ? report.verdict : row(id)?.status;
  if (got !== want) failures.push(`${id}: expected ${want}, got ${got ?? '(missing)'}`);
}
for (const [id, target] of opts.evidence) {
  const ok = (row(id)?.evidence ?? []).some((e) => e.status === 'fail' && e.target.includes(target));
  if (!ok) failures.push(`${id}: no failing evidence naming ${target}`);
}
for (const [id, text] of opts.advice) {
  const r = row(id);
  if (!r || !(`${r.advice} ${r.summary}`.includes(text))) failures.push(`${id}: advice/summary lacks "${text}"`);
}
if (opts.minMos !== null && !(report.media && report.media.mos >= opts.minMos)) {
  failures.push(`media.mos is ${report.media ? report.media.mos : '(no media section)'}, expected >= ${opts.minMos}`);
}
if (opts.headline !== null && report.headline_id !== opts.headline) {
  failures.push(`headline_id: expected ${opts.headline}, got ${report.headline_id}`);
}
for (const [id, want] of opts.summary) {
  if (row(id)?.summary !== want) failures.push(`${id}: summary is "${row(id)?.summary}", expected "${want}"`);
}
if (opts.pageMode !== null && report.page?.mode !== opts.pageMode) {
  failures.push(`page.mode: expected ${opts.pageMode}, got ${report.page?.mode}`);
}
if (opts.earlyVerdict) {
  const events = readFileSync(join(work, 'capture', 'progress.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  const at = events.findIndex((e) => e.phase === 'verdict');
  const verdicts = events.filter((e) => e.phase === 'verdict');
  const media = events.findIndex((e) => e.phase === 'finished' && e.probe === 'media');
  const rank = { ready: 0, degraded: 1, blocked: 2 };
  if (verdicts.length !== 1) failures.push(`${verdicts.length} verdict progress events, expected 1`);
  else {
    const v = verdicts[0];
    if (v.verdict_ms !== report.verdict_ms) failures.push(`verdict event at ${v.verdict_ms} ms, report verdict_ms ${report.verdict_ms}`);
    if (!(media < 0 || at < media)) failures.push('the verdict event came after the call ended');
    if (!(report.verdict_ms < report.elapsed_ms)) failures.push(`verdict_ms ${report.verdict_ms} is not before elapsed_ms ${report.elapsed_ms}`);
    if (!(rank[report.verdict] >= rank[v.verdict])) failures.push(`the call made the verdict better (${v.verdict} -> ${report.verdict})`);
    if (v.final && v.verdict !== report.verdict) failures.push(`a final verdict ${v.verdict} changed to ${report.verdict}`);
  }
}
if (report.schema !== 'netready.report/1') failures.push(`schema is ${report.schema}`);
if (!(report.elapsed_ms <= opts.maxCheckMs)) failures.push(`check took ${report.elapsed_ms} ms > ${opts.maxCheckMs}`);
for (const s of secrets) if (text.includes(s)) failures.push('a TURN credential appears in the report');

if (failures.length) {
  console.error(`run_case ${opts.name}: FAILED\n  ${failures.join('\n  ')}`);
  process.exit(1);
}
console.log(`run_case ${opts.name}: ok (${opts.browser}, verdict ${report.verdict}, check ${report.elapsed_ms} ms)`);
