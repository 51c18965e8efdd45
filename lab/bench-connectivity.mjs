#!/usr/bin/env node
// The browser driver of lab/bench-connectivity: lab/lib/scenario-lab.sh runs it in the client
// namespace in place of lab/browser.mjs (NETREADY_SCN_DRIVER), with the same arguments
// (--browser --url --profile --json --png --timeout-ms; --png and --timeout-ms are ignored).
//
// In the scenario's network, in this order:
//   1. the network's facts from node: RTT = median of 10 pings (and of 10 TCP connects) to the
//      profile's first HTTPS host (or to the proxy when NETREADY_PROXY is set), the TLS version each
//      TURN/TLS server and the web server negotiate (through the proxy's CONNECT with a proxy);
//   2. in the browser, on the support site's /dev/bench.html (web/dev/bench.mjs): one run of the
//      real check (web/netready.mjs), then the Trickle ICE method with every TURN URL of the
//      profile, then NETREADY_BENCH_RUNS - 1 more runs of the check in the same page (heap and
//      open objects after each), then NETREADY_BENCH_INSTANTIATE factory calls (ms each).
// Writes the first run's report to --json (lab/scenario compares it with [expect]) and the figures
// to NETREADY_BENCH_OUT. Neither is written if a profile credential appears in it (core's rule).
// Environment: NETREADY_BENCH_OUT (required), NETREADY_BENCH_RUNS (default 1),
// NETREADY_BENCH_PEER_CAP_MS (default 60000), NETREADY_BENCH_INSTANTIATE (default 0), and what
// the lab sets for lab/browser.mjs (NETREADY_PROXY, NETREADY_LAB_CA, NODE_EXTRA_CA_CERTS).
// Exit: 0 figures written, 1 a run broke, 2 usage, 5 a credential in the output.
import { execFileSync } from 'node:child_process';
import dns from 'node:dns/promises';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import tls from 'node:tls';
import util from 'node:util';
import { parseArgs } from './browser_args.mjs';
import { launchChromium } from './chromium.mjs';
import { loadCore } from './core_module.mjs';
import { launchFirefox } from './firefox.mjs';

const env = process.env;
const RUNS = Math.max(1, Number(env.NETREADY_BENCH_RUNS || 1));
const PEER_CAP_MS = Number(env.NETREADY_BENCH_PEER_CAP_MS || 60000);
const INSTANTIATE = Number(env.NETREADY_BENCH_INSTANTIATE || 0);
const CHECK_CAP_MS = 90000;
const HEAP_MARKS = new Set([1, 10, 100, RUNS]);
const log = (line) => process.stderr.write(`bench-connectivity: ${line}\n`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const now = () => Number(process.hrtime.bigint()) / 1e6;
const describe = (e) => (e instanceof Error ? e.message.split('\n')[0] : util.inspect(e, { depth: 3, breakLength: Infinity }));

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([promise, new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  })]).finally(() => clearTimeout(timer));
}

// ------------------------------------------------------------------ the network, from node

const proxy = env.NETREADY_PROXY ? new URL(env.NETREADY_PROXY) : null;

function tcpConnect(host, port, ms = 5000) {
  return new Promise((resolve, reject) => {
    const s = net.connect({ host, port });
    const timer = setTimeout(() => { s.destroy(); reject(new Error(`TCP ${host}:${port}: no answer in ${ms} ms`)); }, ms);
    s.once('connect', () => { clearTimeout(timer); resolve(s); });
    s.once('error', (e) => { clearTimeout(timer); reject(e); });
  });
}

// A TCP socket to host:port: directly, or through the proxy's CONNECT.
async function socketTo(host, port) {
  if (!proxy) return tcpConnect(host, port);
  const s = await tcpConnect(proxy.hostname, Number(proxy.port || 80));
  s.write(`CONNECT ${host}:${port} HTTP/1.1\r\nHost: ${host}:${port}\r\n\r\n`);
  try {
    const head = await withTimeout(new Promise((resolve, reject) => {
      let buf = '';
      const onData = (d) => {
        buf += d.toString('latin1');
        if (!buf.includes('\r\n\r\n')) return;
        s.off('data', onData);
        resolve(buf);
      };
      s.on('data', onData);
      s.once('error', reject);
      s.once('end', () => reject(new Error('proxy closed the connection')));
    }), 5000, `CONNECT ${host}:${port}`);
    const status = head.split(' ')[1];
    if (status !== '200') throw new Error(`proxy CONNECT answered ${status}`);
    return s;
  } catch (e) {
    s.destroy();
    throw e;
  }
}

const median = (xs) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] : null);

// The round trip: 10 pings (ICMP crosses the router's impairments like every packet), and for
// comparison 10 TCP connects (SYN -> SYN/ACK, timed by node: a little event-loop time added).
async function measureRtt(host, port, n = 10) {
  const ip = net.isIP(host) ? host : (await dns.lookup(host, { family: 4 })).address;
  let ping = [];
  try {
    const text = execFileSync('ping', ['-n', '-c', String(n), '-i', '0.2', '-W', '2', ip],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 30000 });
    ping = [...text.matchAll(/time=([\d.]+) ms/g)].map((m) => Number(m[1]));
  } catch (e) { log(`ping ${ip}: ${e.message.split('\n')[0]}`); }
  const tcp = [];
  for (let i = 0; i < n; i++) {
    const t0 = now();
    try {
      const s = await tcpConnect(ip, port, 3000);
      tcp.push(now() - t0);
      s.destroy();
    } catch (e) { log(`TCP connect sample ${i}: ${e.message}`); }
    await sleep(20);
  }
  return { target: `${host} (${ip})`, tcp_port: port, ping_ms: ping, tcp_connect_ms: tcp,
    median: median(ping) ?? median(tcp), tcp_median: median(tcp), by: ping.length ? 'ping' : 'tcp' };
}

async function tlsVersion(host, port) {
  let socket = null;
  let t = null;
  try {
    socket = await socketTo(host, port);
    t = tls.connect({ socket, servername: host });
    const t0 = now();
    await withTimeout(new Promise((resolve, reject) => {
      t.once('secureConnect', resolve);
      t.once('error', reject);
    }), 5000, `TLS ${host}:${port}`);
    return { protocol: t.getProtocol(), handshake_ms: now() - t0 };
  } catch (e) {
    return { error: e.message };
  } finally {
    t?.destroy();
    socket?.destroy();
  }
}

async function networkFacts(profile) {
  const web = new URL(profile.https[0].url);
  const rtt = proxy ? await measureRtt(proxy.hostname, Number(proxy.port || 80))
    : await measureRtt(web.hostname, 443);
  const tlsHosts = {};
  for (const t of profile.turn ?? []) {
    for (const u of t.urls ?? []) {
      const m = /^turns:([^:?]+):(\d+)/.exec(u);
      if (m) tlsHosts[`${m[1]}:${m[2]}`] = { kind: 'turn', ...(await tlsVersion(m[1], Number(m[2]))) };
    }
  }
  tlsHosts[`${web.hostname}:443`] = { kind: 'web', ...(await tlsVersion(web.hostname, 443)) };
  return { rtt, tls: tlsHosts, proxy: proxy ? proxy.host : null };
}

// ------------------------------------------------------------------ the browser

async function openBrowser(name, dir) {
  if (name === 'chromium') {
    const context = await launchChromium(dir);
    const page = context.pages()[0] ?? (await context.newPage());
    return {
      close: () => context.close(), goto: (u) => page.goto(u, { waitUntil: 'load', timeout: 60000 }),
      evaluate: (fn, arg) => page.evaluate(fn, arg),
      waitFor: (fn) => page.waitForFunction(fn, null, { timeout: 60000 }),
    };
  }
  const browser = await launchFirefox(dir);
  const page = await browser.newPage();
  return {
    close: () => browser.close(), goto: (u) => page.goto(u, { waitUntil: 'load', timeout: 60000 }),
    evaluate: (fn, arg) => page.evaluate(fn, arg),
    waitFor: (fn) => page.waitForFunction(fn, { timeout: 60000 }),
  };
}

// The Trickle ICE page's server list: one entry per URL, each with the profile's credentials.
function iceServers(profile) {
  const out = [];
  for (const t of profile.turn ?? []) {
    for (const url of t.urls ?? []) {
      const s = { urls: [url] };
      if (t.username !== undefined) Object.assign(s, { username: t.username, credential: t.credential });
      out.push(s);
    }
  }
  return out;
}

const summary = (r) => ({
  verdict: r.report?.verdict ?? null, verdict_ms: r.report?.verdict_ms ?? null,
  elapsed_ms: r.report?.elapsed_ms ?? null, error: r.error, capped: r.capped,
  heap_bytes: r.heap_bytes, open: r.open, made: r.made,
});

async function inBrowser(opts, profile) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `netready-bench-${opts.browser}-`));
  const b = await openBrowser(opts.browser, dir);
  try {
    await b.goto(new URL('dev/bench.html', opts.url).href);
    await b.waitFor(() => document.body?.dataset.ready === '1');
    const check = (p) => b.evaluate(({ p: prof, cap }) => window.netreadyBench.check(prof, cap), { p, cap: CHECK_CAP_MS });
    const first = await check(profile);
    log(`run 1: ${first.report?.verdict ?? first.error} verdict ${first.report?.verdict_ms} ms`);
    const peer = await b.evaluate(({ s, cap }) => window.netreadyBench.trickleIce(s, cap),
      { s: iceServers(profile), cap: PEER_CAP_MS });
    log(`peer: gathering complete ${peer.complete_ms ?? 'never'} ms, first relay ${peer.first_relay_ms} ms`);
    const runs = { count: 1, failed: first.report ? 0 : 1, heap: { 1: first.heap_bytes },
      open_after_first: first.open, open_max: { ...first.open }, open_last: first.open,
      verdicts: { [first.report?.verdict ?? 'none']: 1 }, wall_ms: first.wall_ms,
      verdict_ms: [first.report?.verdict_ms ?? null] };
    for (let i = 2; i <= RUNS; i++) {
      let r;
      try {
        r = await check(profile);
      } catch (e) { // the page or the browser broke: keep what was measured, say where it stopped
        runs.error = `run ${i}: ${describe(e)}`;
        log(runs.error);
        break;
      }
      runs.count = i;
      runs.wall_ms += r.wall_ms;
      if (!r.report) runs.failed++;
      const v = r.report?.verdict ?? 'none';
      runs.verdicts[v] = (runs.verdicts[v] ?? 0) + 1;
      runs.verdict_ms.push(r.report?.verdict_ms ?? null);
      runs.open_max = { pc: Math.max(runs.open_max.pc, r.open.pc), ws: Math.max(runs.open_max.ws, r.open.ws) };
      runs.open_last = r.open;
      runs.made = r.made;
      if (HEAP_MARKS.has(i)) runs.heap[i] = r.heap_bytes;
      if (i % 10 === 0) log(`run ${i}: heap ${r.heap_bytes} B, open pc ${r.open.pc} ws ${r.open.ws}`);
    }
    let instantiate = null;
    if (INSTANTIATE > 0) {
      try {
        instantiate = await b.evaluate((n) => window.netreadyBench.instantiate(n), INSTANTIATE);
      } catch (e) {
        instantiate = { error: describe(e) };
        log(`instantiate: ${instantiate.error}`);
      }
    }
    const ua = await b.evaluate(() => navigator.userAgent).catch(() => null);
    return { first, peer, runs, instantiate, ua };
  } finally {
    await b.close().catch(() => {});
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// ------------------------------------------------------------------ main

async function main() {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2), { chromium: {}, firefox: {} });
  } catch (e) {
    log(e.message);
    return 2;
  }
  if (!env.NETREADY_BENCH_OUT || !opts.profile) {
    log('needs NETREADY_BENCH_OUT and --profile (run by lab/bench-connectivity)');
    return 2;
  }
  const profile = JSON.parse(fs.readFileSync(opts.profile, 'utf8'));
  const core = await loadCore();
  const r = core.profileSecrets(JSON.stringify(profile));
  const secrets = r.ok ? [...r.secrets] : [];
  const leaks = (obj) => secrets.length > 0 && core.redact(JSON.stringify(obj), secrets).count > 0;

  const network = await networkFacts(profile);
  log(`RTT ${network.rtt.median} ms (${network.rtt.target})`);
  const got = await inBrowser(opts, profile);
  const figures = { browser: opts.browser, network, check: summary(got.first), peer: got.peer,
    runs: got.runs, instantiate_ms: got.instantiate, peer_cap_ms: PEER_CAP_MS, user_agent: got.ua };
  if (leaks(figures) || (got.first.report && leaks(got.first.report))) {
    log('SAFETY NET: a profile credential appears in the figures or the report; nothing written');
    return 5;
  }
  if (got.first.report && opts.json) fs.writeFileSync(opts.json, `${JSON.stringify(got.first.report, null, 2)}\n`);
  fs.writeFileSync(env.NETREADY_BENCH_OUT, `${JSON.stringify(figures, null, 2)}\n`);
  return got.first.report ? 0 : 1;
}

// Exit at once: a socket or the browser's pipe must not keep the lab waiting.
main().then((code) => process.exit(code), (e) => {
  log(`failed: ${e && e.stack ? e.stack : describe(e)}`);
  process.exit(1);
});
