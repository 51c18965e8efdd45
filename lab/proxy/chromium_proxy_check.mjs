#!/usr/bin/env node
// What headless Chromium sees through an HTTP proxy, inside lab/run-in-lab:
//   node lab/proxy/chromium_proxy_check.mjs --proxy http://127.0.0.1:3128 [--timeout 6000]
// One JSON line each for: the page https://web.rainbow.lab/ (status, certificate issuer),
// fetch of the REST ping, WebSocket wss://rainbow.lab/websocket (subprotocol xmpp), and a relay
// candidate for each TCP/TLS TURN URL of turn-eu1 (from $NETREADY_LAB_PROFILE, plus :3478 TCP).
// For a TLS-intercepting proxy, import its CA into $HOME/.pki/nssdb first (certutil -A -t C,,).
// Exit 0 always (it reports; the caller judges).
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { createRequire } from 'node:module';

const here = path.dirname(new URL(import.meta.url).pathname);
const require = createRequire(path.join(here, '../../package.json'));
const { chromium } = require('playwright-core');

const args = process.argv.slice(2);
const opt = (name, dflt) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : dflt; };
const proxy = opt('--proxy');
const timeout = Number(opt('--timeout', '6000'));
if (!proxy) { console.error('usage: chromium_proxy_check.mjs --proxy http://HOST:PORT [--timeout MS]'); process.exit(2); }

const profile = JSON.parse(fs.readFileSync(process.env.NETREADY_LAB_PROFILE, 'utf8'));
const eu1 = profile.turn[0];
const turnUrls = [...eu1.urls.filter((u) => !u.includes('transport=udp')),
  eu1.urls[0].replace(/\?transport=udp$/, '?transport=tcp')]; // turn:HOST:3478?transport=tcp
const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chromium-'));
const flags = ['--remote-debugging-pipe', '--headless=new', '--no-sandbox', '--disable-gpu',
  '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', `--user-data-dir=${userDataDir}`, '--disable-features=WebRtcHideLocalIpsWithMdns',
  '--allow-loopback-in-peer-connection', `--proxy-server=${proxy}`];
const ctx = await chromium.launchPersistentContext(userDataDir, {
  executablePath: '/usr/bin/chromium', ignoreDefaultArgs: true, args: flags, headless: true,
});
try {
  const page = ctx.pages()[0] || await ctx.newPage();
  try {
    const r = await page.goto('https://web.rainbow.lab/', { timeout: 10000 });
    const sec = await r.securityDetails();
    console.log(JSON.stringify({ what: 'page', status: r.status(), issuer: sec?.issuer ?? null }));
  } catch (e) {
    console.log(JSON.stringify({ what: 'page', error: e.message.split('\n')[0] }));
    await page.goto('about:blank');
  }
  const res = await page.evaluate(async ({ timeout, turnUrls, username, credential }) => {
    const out = [];
    const t0 = performance.now();
    const ms = () => Math.round(performance.now() - t0);
    try {
      const r = await fetch('https://rainbow.lab/api/rainbow/ping', { cache: 'no-store' });
      out.push({ what: 'rest-ping', status: r.status, body: await r.text() });
    } catch (e) { out.push({ what: 'rest-ping', error: String(e) }); }
    out.push(await new Promise((resolve) => {
      const s = performance.now();
      const o = { what: 'websocket', events: [] };
      let ws;
      const fin = () => { o.ms = Math.round(performance.now() - s); try { ws.close(); } catch {} resolve(o); };
      try { ws = new WebSocket('wss://rainbow.lab/websocket', 'xmpp'); } catch (e) { o.events.push(String(e)); fin(); return; }
      const timer = setTimeout(() => { o.events.push(`no outcome after ${timeout} ms (readyState ${ws.readyState})`); fin(); }, timeout);
      ws.onopen = () => {
        o.events.push(`open (protocol ${ws.protocol})`);
        ws.send('<open xmlns="urn:ietf:params:xml:ns:xmpp-framing" to="rainbow.lab" version="1.0"/>');
      };
      ws.onmessage = (m) => { if (String(m.data).includes('stream:features')) { o.events.push('stream:features'); clearTimeout(timer); fin(); } };
      ws.onerror = () => o.events.push('error');
      ws.onclose = (e) => { o.events.push(`close code=${e.code}`); clearTimeout(timer); fin(); };
    }));
    for (const url of turnUrls) {
      const s = performance.now();
      const o = { what: 'turn', url, relay: false, errors: [] };
      const pc = new RTCPeerConnection({ iceServers: [{ urls: url, username, credential }], iceTransportPolicy: 'relay' });
      pc.createDataChannel('probe');
      await new Promise(async (resolve) => {
        pc.onicecandidate = (e) => { if (e.candidate?.type === 'relay') { o.relay = true; o.relay_ms = Math.round(performance.now() - s); resolve(); } };
        pc.onicecandidateerror = (e) => o.errors.push(`${e.errorCode} ${e.errorText}`);
        pc.onicegatheringstatechange = () => { if (pc.iceGatheringState === 'complete') resolve(); };
        setTimeout(resolve, timeout);
        await pc.setLocalDescription(await pc.createOffer());
      });
      pc.close();
      out.push(o);
    }
    return out;
  }, { timeout, turnUrls, username: eu1.username, credential: eu1.credential });
  for (const r of res) console.log(JSON.stringify(r));
} finally {
  await ctx.close();
  fs.rmSync(userDataDir, { recursive: true, force: true });
}
