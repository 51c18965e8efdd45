// Development fake of web/netready.mjs: the SAME API (createChecker / run / cancel), no wasm, no
// network. It emits progress events for ~1.5 s and resolves with a synthetic, realistic
// "netready.report/1" report. The page loads it instead of ./netready.mjs with `?fake=1`
// (or window.netreadyConfig.fake). Scenarios: `?fake=1` or `?fake=degraded` (UDP blocked, calls
// relayed over TCP/TLS), `?fake=ready`, `?fake=blocked` (messaging refused), `?fake=proxy`
// (HTTP proxy refuses TURN/TCP 3478 but passes TURN/TLS 443), `?fake=slow` (takes ~60 s: use it
// to test timeouts and Cancel), `?fake=modfail` (createChecker rejects), `?fake=leak` (puts a
// profile credential into the report: tests the page's redaction and the driver's safety net),
// `?fake=xss` (markup in report strings: must render as text).
//
// It never sends a packet: targets come from the profile (or the built-in Rainbow default) and
// outcomes are made up per scenario.

const DEFAULT_PROFILE = {
  name: 'rainbow-default',
  https: [
    { url: 'https://web.openrainbow.com/', purpose: 'resources', section: '§5.4' },
    { url: 'https://openrainbow.com/api/rainbow/ping', purpose: 'rest', section: '§5.4' },
  ],
  xmpp: { url: 'wss://openrainbow.com:443/websocket', domain: 'openrainbow.com' },
  turn: ['eu1', 'na1', 'as1', 'oc1'].map((region) => ({
    region,
    urls: [
      `turn:turn-${region}.openrainbow.com:3478?transport=udp`,
      `turn:turn-${region}.openrainbow.com:80?transport=tcp`,
      `turns:turn-${region}.openrainbow.com:443?transport=tcp`,
    ],
  })),
};

const TURN_URL = /^(stun|turn|turns):(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(?::(\d{1,5}))?(?:\?transport=(udp|tcp))?$/;

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const q = (v) => JSON.stringify(String(v));

function typeName(v) {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

// Validates like the real parser would: errors name the JSON path. Never quotes secret values.
function validateProfile(profile) {
  if (profile === undefined || profile === null) return DEFAULT_PROFILE;
  if (!isObject(profile)) throw new Error(`profile: expected an object, got ${typeName(profile)}`);
  const p = { ...DEFAULT_PROFILE, ...profile };
  if (typeof p.name !== 'string') throw new Error(`name: expected a string, got ${typeName(p.name)}`);
  if (!Array.isArray(p.https)) throw new Error(`https: expected an array, got ${typeName(p.https)}`);
  p.https.forEach((h, i) => {
    if (!isObject(h)) throw new Error(`https[${i}]: expected an object, got ${typeName(h)}`);
    if (typeof h.url !== 'string' || !/^https:\/\/[^/\s]+/.test(h.url)) {
      throw new Error(`https[${i}].url: ${q(h.url)} is not an https:// URL`);
    }
  });
  if (!isObject(p.xmpp)) throw new Error(`xmpp: expected an object, got ${typeName(p.xmpp)}`);
  if (typeof p.xmpp.url !== 'string' || !/^wss:\/\/[^/\s]+/.test(p.xmpp.url)) {
    throw new Error(`xmpp.url: ${q(p.xmpp.url)} is not a wss:// URL`);
  }
  if (!Array.isArray(p.turn)) throw new Error(`turn: expected an array, got ${typeName(p.turn)}`);
  p.turn.forEach((t, i) => {
    if (!isObject(t)) throw new Error(`turn[${i}]: expected an object, got ${typeName(t)}`);
    if (!Array.isArray(t.urls)) throw new Error(`turn[${i}].urls: expected an array, got ${typeName(t.urls)}`);
    t.urls.forEach((u, j) => {
      if (typeof u !== 'string' || !TURN_URL.test(u)) {
        throw new Error(`turn[${i}].urls[${j}]: ${q(u)} is not a stun:, turn: or turns: URL`);
      }
    });
    for (const k of ['username', 'credential']) {
      if (t[k] !== undefined && typeof t[k] !== 'string') {
        throw new Error(`turn[${i}].${k}: expected a string, got ${typeName(t[k])}`);
      }
    }
  });
  return p;
}

function parseTurnUrl(url) {
  const m = TURN_URL.exec(url);
  const scheme = m[1];
  const host = m[2];
  const transport = scheme === 'turns' ? 'tls' : (m[4] || 'udp');
  const port = Number(m[3] || (scheme === 'turns' ? 5349 : 3478));
  return { scheme, host, port, transport };
}

// Deterministic pseudo-random numbers, so screenshots are stable run to run.
function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

// Builds the list of probes with the outcome each one will have in the given scenario.
function planProbes(profile, scenario) {
  const rand = rng(42);
  const probes = [];
  for (const h of profile.https) {
    const ms = Math.round(40 + rand() * 80);
    probes.push({
      probe: 'https', target: h.url, ms,
      status: 'pass',
      outcome: `answered in ${ms} ms`,
      detail: h.purpose ? `purpose: ${h.purpose}` : '',
    });
  }
  {
    const refused = scenario === 'blocked';
    const ms = Math.round(90 + rand() * 60);
    probes.push({
      probe: 'xmpp-wss', target: `${profile.xmpp.url} (xmpp)`, ms: refused ? 48 : ms,
      status: refused ? 'fail' : 'pass',
      outcome: refused
        ? 'connection closed with code 1006 before the upgrade completed'
        : `stream opened, features received in ${ms} ms`,
      detail: refused
        ? 'HTTPS to the same host works, so something between this browser and the server refuses the WebSocket upgrade (a proxy or firewall rule).'
        : 'subprotocol xmpp; <open/> answered by <open/> and <stream:features>',
    });
  }
  profile.turn.forEach((t, ti) => {
    for (const url of t.urls) {
      const u = parseTurnUrl(url);
      if (u.scheme === 'stun') continue;
      const label = `${u.host}:${u.port} TURN/${u.transport.toUpperCase()}`;
      const ms = Math.round(55 + ti * 35 + rand() * 40 + (u.transport === 'tls' ? 25 : 0));
      let status = 'pass';
      let outcome = `relay candidate in ${ms} ms`;
      let detail = `relay 198.18.${ti}.${20 + ti}:${49152 + Math.round(rand() * 16000)} ${u.transport === 'udp' ? 'udp' : 'tcp'}`;
      if (u.transport === 'udp' && (scenario === 'degraded' || scenario === 'proxy' || scenario === 'leak')) {
        status = 'fail'; outcome = 'timed out after 6000 ms'; detail = 'no answer to TURN Allocate over UDP; UDP 3478 looks filtered';
      }
      if (scenario === 'proxy' && u.transport === 'tcp' && u.port !== 443) {
        status = 'fail'; outcome = 'proxy refused CONNECT (403)'; detail = `CONNECT ${u.host}:${u.port} denied by the proxy`;
      }
      if (scenario === 'blocked' && u.transport === 'udp') {
        status = 'fail'; outcome = 'timed out after 6000 ms'; detail = 'no answer to TURN Allocate over UDP';
      }
      probes.push({ probe: 'ice', target: label, status, outcome, detail, region: t.region || `#${ti}`, transport: u.transport, ms });
    }
  });
  return probes;
}

function rowFromEvidence(id, title, section, evidence, texts) {
  const statuses = evidence.map((e) => e.status);
  let status = 'skipped';
  if (statuses.length) {
    if (statuses.every((s) => s === 'pass')) status = 'pass';
    else if (statuses.some((s) => s === 'pass')) status = 'warn';
    else if (statuses.every((s) => s === 'skipped')) status = 'skipped';
    else status = 'fail';
  }
  const t = texts[status] || texts.skipped;
  return { id, title, section, status, summary: t[0], advice: t[1] || '', evidence };
}

function buildReport(profile, scenario, finished, startedAt, elapsedMs, cancelled) {
  const ev = (p) => {
    const r = finished.get(p);
    if (!r) return { target: p.target, outcome: cancelled ? 'not run: check cancelled' : 'not run', status: 'skipped', detail: '' };
    const e = { target: p.target, outcome: p.outcome, status: p.status, elapsed_ms: r.elapsed, detail: p.detail };
    if (!e.detail) delete e.detail;
    return e;
  };
  const of = (kind, pred = () => true) => finished.allProbes.filter((p) => p.probe === kind && pred(p)).map(ev);

  const rows = [];
  rows.push(rowFromEvidence('https', 'HTTPS 443 to REST and resource domains', '§5.2, §5.3 row 1, §5.4', of('https'), {
    pass: ['Every REST and resource domain answered over HTTPS 443.'],
    warn: ['Some REST or resource domains did not answer over HTTPS 443.', 'Allow TCP 443 to every domain of §5.4 (web.openrainbow.com, openrainbow.com) in the firewall and proxy.'],
    fail: ['No REST or resource domain answered over HTTPS 443.', 'Allow TCP 443 to the domains of §5.4 in the firewall and proxy.'],
    skipped: ['Not measured.'],
  }));
  rows.push(rowFromEvidence('xmpp-wss', 'Secure WebSocket (XMPP) on 443', '§5.2, §5.3 row 2', of('xmpp-wss'), {
    pass: ['The XMPP stream opened over WSS 443 (subprotocol xmpp).'],
    fail: ['The WebSocket upgrade to the XMPP endpoint was refused (close code 1006).', 'Allow the HTTP Upgrade to WebSocket (wss, TCP 443) towards openrainbow.com in the proxy and firewall; see §5.7.1.'],
    skipped: ['Not measured.'],
  }));
  const turnRow = (id, transport, title, section, texts) =>
    rowFromEvidence(id, title, section, of('ice', (p) => p.transport === transport), texts);
  rows.push(turnRow('turn-udp', 'udp', 'TURN over UDP 3478', 'practice (UDP 3478)', {
    pass: ['Every TURN server gave a relay candidate over UDP 3478.'],
    warn: ['Some TURN servers gave no relay candidate over UDP 3478.', 'Allow UDP 3478 to *.openrainbow.com for every region.'],
    fail: ['No TURN server answered over UDP 3478 (timed out after 6000 ms).', 'Allow outbound UDP 3478 to *.openrainbow.com: media then flows over UDP, with lower delay than TCP/TLS.'],
    skipped: ['No UDP TURN URL in the profile.'],
  }));
  rows.push(turnRow('turn-tcp', 'tcp', 'TURN over TCP (80, 443)', '§5.3 row 3', {
    pass: ['Every TURN server gave a relay candidate over TCP.'],
    warn: ['Some TURN/TCP ports are refused.', 'Allow CONNECT to the TURN servers on TCP 80 and 443 in the proxy (§5.3, §6.1).'],
    fail: ['No TURN server answered over TCP.', 'Allow TCP 80 and 443 to the TURN servers of §5.4.'],
    skipped: ['No TCP TURN URL in the profile.'],
  }));
  rows.push(turnRow('turn-tls', 'tls', 'TURN over TLS 443', '§5.3 row 3', {
    pass: ['Every TURN server gave a relay candidate over TURN/TLS 443.'],
    warn: ['Some TURN servers gave no relay candidate over TLS 443.', 'Allow TCP 443 to every TURN server of §5.4.'],
    fail: ['No TURN server answered over TLS 443.', 'Allow TCP 443 to the TURN servers of §5.4 (turn-*.openrainbow.com).'],
    skipped: ['No TURN/TLS URL in the profile.'],
  }));
  const udpOk = rows[2].status === 'pass';
  const anyRelay = rows.slice(2, 5).some((r) => r.status === 'pass' || r.status === 'warn');
  const mediaDone = finished.size === finished.allProbes.length;
  rows.push({
    id: 'media', title: 'Media through a relay (DTLS-SRTP loopback call)', section: '§5.3 row 4, §5.7.3',
    status: !mediaDone ? 'skipped' : (!anyRelay ? 'fail' : (udpOk ? 'pass' : 'warn')),
    summary: !mediaDone ? 'Not measured: the check was cancelled.'
      : (!anyRelay ? 'No relay was available, so no media could flow.'
        : (udpOk ? 'Audio and video flowed through the relay over UDP.' : 'Audio and video flowed, but only over TCP/TLS through the relay (higher delay under loss).')),
    advice: !mediaDone || (anyRelay && udpOk) ? '' : 'Open UDP 3478 (preferred) or at least TCP 443 to the TURN servers.',
    evidence: mediaDone && anyRelay ? [{
      target: `loopback call via ${finished.allProbes.find((p) => p.probe === 'ice' && p.status === 'pass')?.target || 'relay'}`,
      outcome: udpOk ? 'DTLS-SRTP connected in 212 ms, RTT 38 ms, jitter 2.1 ms, loss 0 %' : 'DTLS-SRTP connected in 340 ms, RTT 61 ms, jitter 7.4 ms, loss 0.4 %',
      status: udpOk ? 'pass' : 'warn', elapsed_ms: udpOk ? 212 : 340,
      detail: udpOk ? 'MOS 4.38 (E-model)' : 'MOS 4.21 (E-model); relayed over TCP',
    }] : [],
  });
  rows.push({
    id: 'bandwidth', title: 'Bandwidth for audio, video and screen sharing', section: '§5.5.1',
    status: mediaDone && anyRelay ? 'pass' : 'skipped',
    summary: mediaDone && anyRelay ? 'Measured 2.4 Mbps up / 2.1 Mbps down: enough for audio (80 kbps), video (350 kbps) and screen sharing (up to 400 kbps).' : 'Not measured: no media path.',
    advice: '',
    evidence: mediaDone && anyRelay ? [{ target: 'relay data channel, 3 s', outcome: '2.4 Mbps up, 2.1 Mbps down', status: 'pass', elapsed_ms: 3000 }] : [],
  });
  const proxy = scenario === 'proxy';
  rows.push({
    id: 'proxy-websocket', title: 'Proxy passes the WebSocket upgrade', section: '§5.7.1',
    status: proxy ? 'pass' : 'skipped',
    summary: proxy ? 'The proxy passed the WebSocket upgrade to the XMPP endpoint.' : 'No HTTP proxy detected.',
    advice: '', evidence: [],
  });
  const tcpRow = rows[3];
  rows.push({
    id: 'proxy-turn', title: 'TURN through the proxy (CONNECT 80/443)', section: '§5.3 right column, §6.1',
    status: proxy ? (tcpRow.status === 'pass' ? 'pass' : 'warn') : 'skipped',
    summary: proxy ? 'The proxy tunnels TURN/TLS 443 but refuses CONNECT to TCP 80.' : 'No HTTP proxy detected.',
    advice: proxy ? 'Allow CONNECT to turn-*.openrainbow.com on ports 80 and 443 in the proxy (§6.1).' : '',
    evidence: [],
  });

  if (scenario === 'xss') {
    // Markup in server-provided text must show as text, never become elements.
    rows[0].summary = 'Answered <img src=x id=xss-img> <b id=xss-b>bold</b>';
    rows[0].evidence[0].outcome = '<script id=xss-script>window.xssRan = 1</script>';
    rows[2].advice = '<a id=xss-a href="javascript:alert(1)">click</a>';
  }
  if (scenario === 'leak') {
    const secret = profile.turn.find((t) => t.credential)?.credential;
    if (secret) rows[4].evidence[0].detail = `allocated with credential ${secret}`;
  }

  const failed = (id) => rows.find((r) => r.id === id).status === 'fail';
  const noTurn = ['turn-udp', 'turn-tcp', 'turn-tls'].every((id) => failed(id));
  let verdict = 'ready';
  if (failed('https') || failed('xmpp-wss') || noTurn) verdict = 'blocked';
  else if (rows.some((r) => r.status === 'fail' || r.status === 'warn')) verdict = 'degraded';

  let headline = 'Rainbow will work here.';
  if (verdict === 'blocked') {
    headline = failed('xmpp-wss')
      ? 'Rainbow cannot connect from this network: the messaging connection is blocked.'
      : (failed('https') ? 'Rainbow cannot connect from this network: secure web access is blocked.' : 'Rainbow cannot connect from this network: call servers are unreachable.');
  } else if (verdict === 'degraded') {
    headline = proxy
      ? 'Rainbow will work, but calls may be limited: the web proxy lets calls through on one port only.'
      : 'Rainbow will work, but calls may be limited: UDP is blocked, so calls use a slower path.';
  }
  if (cancelled) headline = '';
  if (scenario === 'xss') headline = 'Rainbow will work here. <img src=x id=xss-head>';

  // Best region: the fastest region with a passing TLS or TCP relay.
  let best = null;
  for (const p of finished.allProbes) {
    const r = finished.get(p);
    if (p.probe === 'ice' && r && p.status === 'pass' && (!best || r.elapsed < best.ms)) best = { region: p.region, ms: r.elapsed };
  }

  const notes = [
    'TURN reachability is judged per server and transport: one RTCPeerConnection per TURN URL, iceTransportPolicy "relay".',
    udpOk ? 'UDP 3478 is open: calls can use UDP media.' : 'UDP 3478 timed out on every TURN server while TCP/TLS answered: UDP is filtered on this network, not the servers down.',
    proxy ? 'An HTTP proxy was inferred from the CONNECT refusals (403) on TURN/TCP.' : 'No HTTP proxy inferred: direct connections answered.',
    'Synthetic media (oscillator and canvas stream) was used: no camera or microphone was requested.',
  ];
  if (cancelled) notes.unshift('The check was cancelled: rows not measured are "skipped".');
  notes.push('This report was produced by the development fake (web/dev/fake-netready.mjs), not by real probes.');

  return {
    schema: 'netready.report/1',
    verdict,
    headline,
    profile: profile.name,
    browser: navigator.userAgent,
    started_at: startedAt,
    elapsed_ms: elapsedMs,
    best_turn_region: best ? best.region : null,
    requirements: rows,
    notes,
  };
}

const sleep = (ms, signal) => new Promise((resolve) => {
  const t = setTimeout(resolve, ms);
  signal?.addEventListener('abort', () => { clearTimeout(t); resolve(); }, { once: true });
});

/**
 * Same signature as netready.mjs's createChecker.
 * @param {{moduleUrl?: string, scenario?: string}} [options]
 */
export async function createChecker(options = {}) {
  const params = new URLSearchParams(globalThis.location?.search || '');
  const raw = options.scenario || params.get('fake') || 'degraded';
  const scenario = raw === '1' || raw === 'true' ? 'degraded' : raw;
  await sleep(150); // "loading the module"
  if (scenario === 'modfail') {
    throw new Error(`could not load the checker module from ${options.moduleUrl || '/wasm/netready.js'}: HTTP 404`);
  }
  let current = null;

  return {
    async run({ profile, onProgress } = {}) {
      if (current) throw new Error('a check is already running');
      const p = validateProfile(profile);
      const controller = new AbortController();
      current = controller;
      const t0 = performance.now();
      const startedAt = new Date().toISOString();
      const plan = planProbes(p, scenario);
      const finished = new Map();
      finished.allProbes = plan;
      const total = plan.length;
      const emit = (e) => { try { onProgress?.(e); } catch (err) { console.error(err); } };
      const span = scenario === 'slow' ? 60000 : 1500;
      try {
        // Each probe starts within the first 15 % of the span and ends somewhere in it.
        const events = [];
        plan.forEach((probe, i) => {
          const start = Math.round((i / total) * span * 0.15);
          const end = Math.min(span, start + Math.round(span * (0.1 + ((i * 37) % 80) / 100)));
          events.push({ at: start, phase: 'started', probe });
          events.push({ at: end, phase: 'finished', probe });
        });
        events.sort((a, b) => a.at - b.at || (a.phase === 'started' ? -1 : 1));
        for (const e of events) {
          const wait = e.at - (performance.now() - t0);
          if (wait > 0) await sleep(wait, controller.signal);
          if (controller.signal.aborted) break;
          if (e.phase === 'started') {
            emit({ phase: 'started', probe: e.probe.probe, target: e.probe.target, done: finished.size, total });
          } else {
            const elapsed = e.probe.status === 'fail' && /timed out/.test(e.probe.outcome)
              ? 6000 : e.probe.ms;
            finished.set(e.probe, { elapsed: Math.max(1, elapsed) });
            emit({ phase: 'finished', probe: e.probe.probe, target: e.probe.target, status: e.probe.status,
              outcome: e.probe.outcome, done: finished.size, total });
          }
        }
        const cancelled = controller.signal.aborted;
        const elapsedMs = Math.round(performance.now() - t0); // real time of the fake run
        return buildReport(p, scenario, finished, startedAt, elapsedMs, cancelled);
      } finally {
        current = null;
      }
    },
    cancel() {
      current?.abort();
    },
  };
}
