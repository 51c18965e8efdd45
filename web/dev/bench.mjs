// The page side of lab/bench-connectivity (lab/bench-connectivity.mjs drives it; the lab's
// support site serves it at /dev/bench.html). No UI: window.netreadyBench =
//   check(profile, capMs)        one run of the real check through web/netready.mjs (the page's
//                                API), cancelled after capMs; its report, the module's wasm memory
//                                and the RTCPeerConnection / WebSocket objects still open after it
//   trickleIce(iceServers, capMs) the WebRTC samples' "Trickle ICE" page method (reproduced here,
//                                nothing fetched from the internet), see below
//   instantiate(n)               n times the module factory to ready (ms each)
// body[data-ready] is set once it is there.
import { createChecker, loadBinary } from '../netready.mjs';

// What is opened and whether it is closed again, counted as tests/e2e/rerun_cancel.mjs does.
const live = {};
const made = {};
function track(name, isClosed) {
  const Orig = window[name];
  live[name] = new Set();
  made[name] = 0;
  window[name] = new Proxy(Orig, {
    construct(target, args) {
      const o = Reflect.construct(target, args);
      live[name].add(o);
      made[name]++;
      return o;
    },
  });
  return () => {
    for (const o of live[name]) if (isClosed(o)) live[name].delete(o);
    return live[name].size;
  };
}
const openPcs = track('RTCPeerConnection', (pc) => pc.signalingState === 'closed');
const openWss = track('WebSocket', (ws) => ws.readyState === WebSocket.CLOSING || ws.readyState === WebSocket.CLOSED);

// The module's linear memory (its heap): the Memory each instantiation exports.
const memories = [];
for (const fn of ['instantiate', 'instantiateStreaming']) {
  const orig = WebAssembly[fn];
  if (typeof orig !== 'function') continue;
  WebAssembly[fn] = async function wrapped(...args) {
    const result = await orig.apply(this, args);
    const instance = result instanceof WebAssembly.Instance ? result : result.instance;
    const mem = instance && Object.values(instance.exports).find((v) => v instanceof WebAssembly.Memory);
    if (mem) memories.push(mem);
    return result;
  };
}

let checker = null;
let checkerMemory = null;

async function check(profile, capMs) {
  if (!checker) {
    checker = await createChecker();
    checkerMemory = memories[memories.length - 1] ?? null;
  }
  const t0 = performance.now();
  const timer = setTimeout(() => checker.cancel(), capMs);
  let report = null;
  let error = null;
  try {
    report = await checker.run({ profile });
  } catch (e) {
    error = String(e && e.message ? e.message : e);
  }
  clearTimeout(timer);
  return {
    report, error, wall_ms: performance.now() - t0, capped: performance.now() - t0 >= capMs,
    heap_bytes: checkerMemory ? checkerMemory.buffer.byteLength : null,
    open: { pc: openPcs(), ws: openWss() },
    made: { pc: made.RTCPeerConnection, ws: made.WebSocket },
  };
}

// webrtc/samples src/content/peerconnection/trickle-ice: the servers of the list, the policy of
// the radio buttons ("all" by default), new RTCPeerConnection(config) with onicecandidate,
// onicegatheringstatechange, onicecandidateerror; desc = await createOffer({offerToReceiveAudio:
// 1}); begin = performance.now(); setLocalDescription(desc). Every candidate's time and "Done"
// (iceGatheringState "complete") are shown relative to begin; on complete it closes the pc.
// Here: also closed (unfinished) after capMs.
async function trickleIce(iceServers, capMs) {
  const out = {
    complete_ms: null, first_candidate_ms: null, first_relay_ms: null,
    candidates: { host: 0, srflx: 0, prflx: 0, relay: 0 }, errors: 0,
  };
  const pc = new RTCPeerConnection({ iceServers, iceTransportPolicy: 'all' });
  let begin = 0;
  let complete;
  const done = new Promise((resolve) => { complete = resolve; });
  pc.onicecandidate = (e) => {
    if (!e.candidate || !e.candidate.candidate) return; // the end-of-candidates event
    const t = performance.now() - begin;
    const type = / typ (\w+)/.exec(e.candidate.candidate)?.[1] ?? 'host';
    out.candidates[type] = (out.candidates[type] ?? 0) + 1;
    out.first_candidate_ms ??= t;
    if (type === 'relay') out.first_relay_ms ??= t;
  };
  pc.onicegatheringstatechange = () => {
    if (pc.iceGatheringState !== 'complete') return;
    out.complete_ms = performance.now() - begin;
    complete();
  };
  pc.onicecandidateerror = () => { out.errors++; };
  const desc = await pc.createOffer({ offerToReceiveAudio: 1 });
  begin = performance.now();
  pc.setLocalDescription(desc);
  let timer;
  await Promise.race([done, new Promise((r) => { timer = setTimeout(r, capMs); })]);
  clearTimeout(timer);
  pc.close();
  return out;
}

function loadScript(url) {
  return new Promise((resolve, reject) => {
    const s = document.createElement('script');
    s.src = url;
    s.onload = resolve;
    s.onerror = () => reject(new Error(`could not load ${url}`));
    document.head.appendChild(s);
  });
}

// From calling the factory to its promise resolving (fetch + compile + instantiate + runtime
// ready), n times in this page; netready.js itself is loaded once before.
async function instantiate(n) {
  const url = new URL('/wasm/netready.js', location.href).href;
  if (typeof globalThis.NetreadyModule !== 'function') await loadScript(url);
  const times = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const wasm = await loadBinary(url);
    await globalThis.NetreadyModule({ wasm });
    times.push(performance.now() - t0);
  }
  return times;
}

window.netreadyBench = { check, trickleIce, instantiate };
document.body.dataset.ready = '1';
