// Loads the real wasm module under node and checks its exported functions, including errors.
// Usage: node --no-experimental-fetch module_test.mjs /path/to/netready.js
import { createRequire } from 'node:module';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import test from 'node:test';

const require = createRequire(import.meta.url);
const modulePath = process.argv[2];
if (!modulePath) throw new Error('usage: module_test.mjs <netready.js>');
const factory = require(modulePath);
// The module's minimal runtime leaves loading the binary to the host (as lab/core_module.mjs).
const wasm = fs.readFileSync(path.join(path.dirname(modulePath), 'netready.wasm'));
const mod = await factory({ wasm });

test('default profile is the Rainbow one, without credentials', () => {
  const p = JSON.parse(mod.defaultProfile());
  assert.equal(p.name, 'rainbow');
  assert.equal(p.turn.length, 4);
  assert.ok(p.turn.every((t) => !('credential' in t) && !('username' in t)));
  assert.ok(p.https.some((h) => h.url === 'https://openrainbow.com/api/rainbow/ping'));
});

test('validateProfile accepts a partial override', () => {
  const r = mod.validateProfile(JSON.stringify({ timeouts: { ice_ms: 3000 } }));
  assert.equal(r.ok, true, r.error);
  assert.equal(JSON.parse(r.profile).timeouts.ice_ms, 3000);
});

// The module writes numbers with the JS engine's shortest digits (wasm/shortest_digits.cpp), not
// printf: the same text as native json_out (tests/core/report/json_out_test.cpp), nlohmann's layout.
test('validateProfile writes numbers as native builds do', () => {
  const cases = [[3.6, '3.6'], [0.1 + 0.2, '0.30000000000000004'], [1e-5, '1e-05'], [100, '100.0'],
    [2 ** -24, '5.960464477539063e-08'], [4.35, '4.35'], [1.0000000000000002, '1.0000000000000002'],
    [0.000649, '0.000649'], [5e-324, '5e-324'], [99.99999999999999, '99.99999999999999']];
  for (const [value, text] of cases) {
    const r = mod.validateProfile(JSON.stringify({ media: { max_loss_pct: value } }));
    assert.equal(r.ok, true, r.error);
    assert.match(r.profile, new RegExp(`"max_loss_pct": ?${text.replace(/[.+]/g, '\\$&')}[,}\n ]`), `${value}`);
  }
});

test('validateProfile names the JSON path of a bad TURN URL', () => {
  const bad = { turn: [{ region: 'a', urls: ['turn:a.example:3478'] }, { region: 'b', urls: ['turn:b.example'] },
    { region: 'c', urls: ['tun:x'] }] };
  const r = mod.validateProfile(JSON.stringify(bad));
  assert.equal(r.ok, false);
  assert.equal(r.error, 'turn[2].urls[0]: "tun:x" is not a stun:, turn: or turns: URL');
});

test('validateProfile rejects broken JSON with a clear message', () => {
  const r = mod.validateProfile('{"turn": [');
  assert.equal(r.ok, false);
  assert.match(r.error, /JSON/);
});

test('parseCandidate classifies a Chromium relay candidate', () => {
  const r = mod.parseCandidate(
    'candidate:2157334355 1 udp 41885439 198.18.0.21 50123 typ relay raddr 203.0.113.7 rport 61234 generation 0');
  assert.equal(r.ok, true, r.error);
  assert.equal(r.candidate.type, 'relay');
  assert.equal(r.candidate.port, 50123);
  assert.equal(r.candidate.relatedPort, 61234);
  assert.equal(r.candidate.addressKind, 'ipv4');
});

test('parseCandidate classifies a Firefox mDNS host candidate', () => {
  const r = mod.parseCandidate('candidate:0 1 UDP 2122252543 a1b2c3d4-aaaa-bbbb-cccc-0123456789ab.local 56000 typ host');
  assert.equal(r.ok, true, r.error);
  assert.equal(r.candidate.addressKind, 'mdns');
  assert.equal(r.candidate.protocol, 'udp');
});

test('parseCandidate reports what is wrong', () => {
  const r = mod.parseCandidate('candidate:1 0 udp 1 1.2.3.4 5 typ host');
  assert.equal(r.ok, false);
  assert.match(r.error, /component/);
});

test('parseIceUrl gives the transport label', () => {
  const r = mod.parseIceUrl('turns:turn-eu1.openrainbow.com:443?transport=tcp');
  assert.equal(r.ok, true, r.error);
  assert.equal(r.url.label, 'TURN/TLS');
  assert.equal(mod.parseIceUrl('turn:[::1]:99999').ok, false);
});

// Every binding the facade (web/netready.mjs) uses is there once, works, and a wrong call gets
// Embind's error naming it (wasm/embind_unused.js keeps those errors, in plain Error objects).
test('every binding answers, and a call with the wrong argument count says which', () => {
  for (const name of ['validateProfile', 'parseCandidate', 'parseIceUrl', 'defaultProfile',
    'vocabulary', 'profileSecrets', 'redact', 'nrCheckNew', 'nrCheckStart', 'nrCheckCancel',
    'nrCheckDeliver', 'nrCheckDelete']) {
    assert.equal(typeof mod[name], 'function', name);
  }
  assert.equal(JSON.parse(mod.vocabulary()).rows.length, 9);
  const secrets = mod.profileSecrets(JSON.stringify({ turn: [{ region: 'eu1',
    urls: ['turn:t.example:3478'], username: 'u', credential: 'pass-9f3k' }] }));
  assert.equal(secrets.ok, true, secrets.error);
  assert.ok(secrets.secrets.includes('pass-9f3k'));
  const r = mod.redact('token pass-9f3k here', secrets.secrets);
  assert.equal(r.count, 1);
  assert.ok(!r.text.includes('pass-9f3k'));
  assert.throws(() => mod.parseIceUrl(), (e) => e instanceof Error &&
    /parseIceUrl called with 0 arguments, expected 1/.test(e.message));
  assert.equal(typeof mod.Check, 'function');
});
