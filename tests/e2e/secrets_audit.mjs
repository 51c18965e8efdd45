// Secrets audit, in the lab (issue #11 part 4): the check runs with this lab start's TURN username
// and credential and with random tokens in the profile's URLs, and none of these values may appear
// in ANY output: the report, the progress events, the browser console, the page's text and HTML,
// the driver's stdout and stderr, and every log the lab's servers wrote (nginx, prosody, coturn,
// dnsmasq). Values are searched raw (and URL-encoded): what counts as a secret is not asked of
// core. Each output must also hold something it is known to hold (e.g. coturn's filtered
// "username=<[redacted]>"), so an empty or unread file cannot pass. The screenshot is pixels: it
// shows the page whose text and HTML are searched.
// Run: lab/run-in-lab --out DIR -- node tests/e2e/secrets_audit.mjs [--browser chromium|firefox]
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bi = process.argv.indexOf('--browser');
const browser = bi > 0 ? process.argv[bi + 1] : 'chromium';
if (!['chromium', 'firefox'].includes(browser) || !process.env.NETREADY_LAB_PROFILE) {
  console.error('usage: lab/run-in-lab -- node tests/e2e/secrets_audit.mjs [--browser chromium|firefox]');
  process.exit(2);
}
const failures = [];
const fail = (msg) => failures.push(msg);

// ---- the planted values -------------------------------------------------------------------------
// The TURN credentials are the lab's, random per lab start; they must be exactly what the profile
// carries and what coturn was configured with (its config sits next to the profile in the lab's
// private work dir), else the grep would look for values no one used.
const user = process.env.NETREADY_TURN_USER;
const pass = process.env.NETREADY_TURN_PASS;
const labWork = path.dirname(process.env.NETREADY_LAB_PROFILE);
const profile = JSON.parse(fs.readFileSync(process.env.NETREADY_LAB_PROFILE, 'utf8'));
if (!user || !pass) fail('NETREADY_TURN_USER / NETREADY_TURN_PASS are not set');
for (const t of profile.turn) {
  if (t.username !== user || t.credential !== pass) fail(`profile turn ${t.region}: not the lab's credentials`);
  const conf = fs.readFileSync(path.join(labWork, `turn-${t.region}.conf`), 'utf8');
  if (!conf.split('\n').includes(`user=${user}:${pass}`)) fail(`coturn ${t.region} is not configured with them`);
}
// Fresh tokens for this run, in the query of the XMPP WebSocket URL and of the REST ping (a second
// parameter name of core's rule).
const xmppToken = randomBytes(18).toString('base64url');
const pingToken = randomBytes(18).toString('base64url');
profile.xmpp.url += `?token=${xmppToken}`;
const ping = profile.https.find((h) => h.purpose === 'rest');
ping.url += `?access_token=${pingToken}`;
const secrets = [['TURN username', user], ['TURN credential', pass], ['XMPP token', xmppToken], ['ping token', pingToken]];

// ---- the run ------------------------------------------------------------------------------------
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'netready-audit-')); // inside the lab: vanishes with it
const profilePath = path.join(work, 'profile.json');
fs.writeFileSync(profilePath, JSON.stringify(profile), { mode: 0o600 });
const captureDir = path.join(work, 'page');
const t0 = Date.now();
const run = spawnSync('node', [path.join(root, 'lab/browser.mjs'), '--browser', browser, '--url', 'https://web.rainbow.lab/',
  '--profile', profilePath, '--json', path.join(work, 'report.json'), '--png', path.join(work, 'report.png'),
  '--timeout-ms', '45000'], { env: { ...process.env, NETREADY_CAPTURE_DIR: captureDir }, encoding: 'utf8', timeout: 90000 });
fs.writeFileSync(path.join(work, 'driver.stdout'), run.stdout ?? '');
fs.writeFileSync(path.join(work, 'driver.stderr'), run.stderr ?? '');
const runMs = Date.now() - t0;
if (run.status !== 0) fail(`browser driver exited ${run.status ?? run.signal} (5: core found a profile secret in the report)`);
// coturn logs the sessions the browser's exit closes a moment later: let those lines land too.
await new Promise((r) => setTimeout(r, 700));

// ---- the outputs and what each is known to hold -------------------------------------------------
const labOut = process.env.NETREADY_LAB_OUT;
const turnLogs = profile.turn.map((t) => `lab/turn-${t.region}.log`);
const mustHold = {
  'report.json': ['rainbow.lab/websocket', 'rainbow.lab/api/rainbow/ping'],
  'driver.stdout': ['Verdict:'],
  'page/progress.jsonl': ['rainbow.lab/websocket'],
  'page/page.html': ['data-state="done"'],
  'page/console.txt': ['netready capture: module factory wrapped'],
  'lab/nginx-access.log': ['"GET /websocket?[redacted] HTTP/1.1" 101', 'GET /api/rainbow/ping?[redacted] '],
  'lab/dnsmasq.log': ['query[A] rainbow.lab'],
  'lab/prosody.log': ['Client connected'],
  ...Object.fromEntries(turnLogs.map((f) => [f, ['username=<[redacted]>']])),
};
const files = new Map(); // display name -> absolute path
for (const name of ['report.json', 'driver.stdout', 'driver.stderr']) files.set(name, path.join(work, name));
for (const name of fs.existsSync(captureDir) ? fs.readdirSync(captureDir) : []) files.set(`page/${name}`, path.join(captureDir, name));
for (const d of fs.readdirSync(labOut, { recursive: true, withFileTypes: true })) {
  if (d.isFile()) files.set(`lab/${path.relative(labOut, path.join(d.parentPath ?? d.path, d.name))}`, path.join(d.parentPath ?? d.path, d.name));
}
for (const name of ['page/page.txt', 'lab/nginx-error.log', ...Object.keys(mustHold)]) {
  if (!files.has(name)) fail(`${name}: missing`);
}

// ---- the grep -----------------------------------------------------------------------------------
const mask = (line) => secrets.reduce((l, [what, v]) => l.split(v).join(`<${what}>`), line);
// -> ["N: WHAT found: ...masked excerpt..."], each planted value raw or URL-encoded, by line.
function hits(text) {
  const found = [];
  text.split('\n').forEach((line, i) => {
    for (const [what, value] of secrets) {
      for (const form of new Set([value, encodeURIComponent(value)])) {
        const at = line.indexOf(form);
        if (at >= 0) found.push(`${i + 1}: ${what} found: ${mask(line.slice(Math.max(0, at - 120), at + form.length + 120))}`);
      }
    }
  });
  return found;
}
// Control: the same search finds each value in the profile the driver was given.
const control = hits(fs.readFileSync(profilePath, 'utf8')).join('\n');
for (const [what] of secrets) if (!control.includes(`${what} found`)) fail(`control: the search misses the ${what} in the profile`);
const looked = [];
const read = (name) => (files.has(name) ? fs.readFileSync(files.get(name)).toString('latin1') : ''); // a log may not be UTF-8
for (const name of files.keys()) {
  const text = read(name);
  looked.push(`${name} ${text.length} B`);
  for (const h of hits(text)) fail(`${name}:${h}`);
  for (const want of mustHold[name] ?? []) if (!text.includes(want)) fail(`${name}: lacks "${want}" (was it really written?)`);
}
// The page's headline comes from the report: the page text must show it.
let report = null;
try { report = JSON.parse(fs.readFileSync(path.join(work, 'report.json'), 'utf8')); } catch { fail('no readable report'); }
if (report) {
  // innerText as read back in UTF-8 (the report's words are not ASCII-only)
  const pageText = Buffer.from(read('page/page.txt'), 'latin1').toString('utf8');
  if (!report.headline_title || !pageText.includes(report.headline_title)) fail('page.txt: lacks the report\'s headline_title');
  // The planted values were really used: coturn accepted the credentials, the tokened URLs answered.
  for (const id of ['https', 'xmpp-wss', 'turn-udp', 'turn-tcp', 'turn-tls']) {
    const got = report.requirements.find((r) => r.id === id)?.status;
    if (got !== 'pass') fail(`report: ${id} is ${got}, expected pass`);
  }
}
const progressLines = read('page/progress.jsonl').split('\n').filter(Boolean).length;

console.log(`secrets_audit (${browser}): searched ${files.size} outputs for ${secrets.map(([w, v]) => `${w} (${v.length} chars)`).join(', ')}:`);
console.log(`  ${looked.join('\n  ')}`);
console.log(`  (${progressLines} progress events; the driver's stdout, masked:)`);
for (const line of mask(run.stdout ?? '').split('\n').filter(Boolean)) console.log(`    | ${line}`);
if (failures.length) {
  console.error(`secrets_audit (${browser}): FAILED\n  ${failures.join('\n  ')}`);
  for (const line of mask(run.stderr ?? '').split('\n').filter(Boolean)) console.error(`    driver stderr | ${line}`);
  process.exit(1);
}
// Audited, so safe to keep: the report and screenshot for whoever looks at the run.
const outDir = path.join(root, 'out', 'e2e');
fs.mkdirSync(outDir, { recursive: true });
fs.copyFileSync(path.join(work, 'report.json'), path.join(outDir, `${browser}_secrets_audit.json`));
if (fs.existsSync(path.join(work, 'report.png'))) fs.copyFileSync(path.join(work, 'report.png'), path.join(outDir, `${browser}_secrets_audit.png`));
console.log(`secrets_audit (${browser}): ok, no planted value in any output (driver ${runMs} ms, verdict ${report.verdict})`);
