#!/usr/bin/env node
// Lab self-check: does headless Chromium get a relay candidate from every TURN URL of the lab?
//   lab/run-in-lab -- node lab/tools/chromium_turn_check.mjs [--page URL] [--timeout MS]
//        [--no-mdns-flag] [--no-loopback] [--creds bad] [--filter SUBSTR] [--repeat N] [--policy all] [--extra-flag F]...
// Reads the TURN servers (with credentials) from $NETREADY_LAB_PROFILE. One RTCPeerConnection per
// URL, iceTransportPolicy "relay". Prints one JSON line per URL; exit 0 iff every URL gave a relay.
// Needs playwright-core (repo node_modules) and /usr/bin/chromium.
// Findings (Chromium 156, lab netns with only lo): relay candidates need
// --allow-loopback-in-peer-connection (without it gathering mostly yields nothing at all, flakily)
// AND the lab's `default dev lo` route (without it TCP/TLS TURN fail with 701 "Address not
// associated with the desired network interface"); --disable-features=WebRtcHideLocalIpsWithMdns
// lets gathering reach "complete". turns: needs the lab CA in $HOME/.pki/nssdb (else 701 "Failed
// to establish connection"). After an https page load, UDP TURN also reports two harmless 701
// "STUN/TURN host lookup received error." (AAAA NODATA for the IPv6 any-address network) before
// the relay candidate arrives.
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { createRequire } from 'node:module';

const here = path.dirname(new URL(import.meta.url).pathname);
const require = createRequire(path.join(here, '../../package.json'));
let chromium;
try { ({ chromium } = require('playwright-core')); } catch {
  ({ chromium } = require(process.env.PLAYWRIGHT_CORE || '/tmp/pw/node_modules/playwright-core'));
}

const args = process.argv.slice(2);
const opt = (name, dflt) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : dflt; };
const has = (name) => args.includes(name);
const page_url = opt('--page', 'https://web.rainbow.lab/');
const timeout = Number(opt('--timeout', '5000'));
const extra = args.flatMap((a, i) => (a === '--extra-flag' ? [args[i + 1]] : []));

const profile = JSON.parse(fs.readFileSync(process.env.NETREADY_LAB_PROFILE, 'utf8'));
const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chromium-'));
const flags = ['--remote-debugging-pipe', '--headless=new', '--no-sandbox', '--disable-gpu',
  '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', `--user-data-dir=${userDataDir}`,
  ...(has('--no-mdns-flag') ? [] : ['--disable-features=WebRtcHideLocalIpsWithMdns']),
  ...(has('--no-loopback') ? [] : ['--allow-loopback-in-peer-connection']), ...extra];
const ctx = await chromium.launchPersistentContext(userDataDir, {
  executablePath: '/usr/bin/chromium', ignoreDefaultArgs: true, args: flags, headless: true,
});
let rc = 0;
try {
  const page = ctx.pages()[0] || await ctx.newPage();
  let nav = 'about:blank';
  if (page_url !== 'about:blank') {
    try { const r = await page.goto(page_url, { timeout: 10000 }); nav = `${page_url} -> ${r.status()}`; }
    catch (e) { nav = `${page_url} -> ${e.message.split('\n')[0]}`; }
  }
  console.log(JSON.stringify({ page: nav, flags: flags.filter((f) => !f.startsWith('--user-data-dir')) }));
  for (let rep = 0; rep < Number(opt('--repeat', '1')); rep++) for (const t of profile.turn) {
    for (const url of t.urls) {
      if (opt('--filter') && !url.includes(opt('--filter'))) continue;
      const cred = has('--creds') && opt('--creds') === 'bad' ? 'wrong-password' : t.credential;
      const res = await page.evaluate(async ({ url, username, credential, timeout, policy }) => {
        const t0 = performance.now();
        const ms = () => Math.round(performance.now() - t0);
        const out = { url, candidates: [], errors: [], gathering: 'new' };
        let pc;
        try {
          pc = new RTCPeerConnection({ iceServers: [{ urls: url, username, credential }], iceTransportPolicy: policy });
        } catch (e) { out.errors.push({ ms: ms(), error: `${e.name}: ${e.message}` }); return out; }
        pc.createDataChannel('probe');
        const done = new Promise((resolve) => {
          pc.onicecandidate = (e) => {
            if (e.candidate && e.candidate.candidate) out.candidates.push({ ms: ms(), type: e.candidate.type, address: e.candidate.address, protocol: e.candidate.protocol, relayProtocol: e.candidate.relayProtocol ?? null });
          };
          pc.onicecandidateerror = (e) => out.errors.push({ ms: ms(), code: e.errorCode, text: e.errorText, url: e.url });
          pc.onicegatheringstatechange = () => { out.gathering = pc.iceGatheringState; if (pc.iceGatheringState === 'complete') resolve(); };
          setTimeout(resolve, timeout);
        });
        await pc.setLocalDescription(await pc.createOffer());
        await done;
        const stats = await pc.getStats();
        out.stats = [];
        stats.forEach((s) => { if (s.type === 'local-candidate') out.stats.push({ type: s.candidateType, relayProtocol: s.relayProtocol ?? null, address: s.address, port: s.port, protocol: s.protocol, url: s.url }); });
        out.ms = ms();
        pc.close();
        return out;
      }, { url, username: t.username, credential: cred, timeout, policy: opt('--policy', 'relay') });
      res.relay = res.candidates.some((c) => c.type === 'relay');
      if (!res.relay) rc = 1;
      console.log(JSON.stringify(res));
    }
  }
} finally {
  await ctx.close();
  fs.rmSync(userDataDir, { recursive: true, force: true });
}
process.exit(rc);
